"""The one options schema: CLI flags and URL query parameters parse to the same Options."""

import math

import pytest
from hypothesis import given, strategies as st

from game.core import options
from game.core.options import Options, OptionsError, parse_args, parse_query, to_query


def test_defaults():
    assert parse_args([]) == Options()


def test_every_flag_parses():
    got = parse_args([
        "--level", "02-hill", "--classroom", "--scale", "1.5", "--palette", "cividis", "--lang", "de",
        "--hide", "taylor,path", "--fullscreen", "--headless", "--frames", "12", "--autoplay", "newton",
        "--screenshot", "a.png", "--record", "r.json", "--size", "1920x1080",
    ])
    assert got.level == "02-hill" and got.classroom and got.scale == 1.5
    assert got.palette == "cividis" and got.lang == "de" and got.hide == ("taylor", "path")
    assert got.fullscreen and got.headless and got.frames == 12 and got.autoplay == "newton"
    assert got.screenshot == "a.png" and got.record == "r.json" and got.size == (1920, 1080)


def test_inline_values():
    assert parse_args(["--expr=x^2 + y", "--lang=DE"]) == Options(expr="x^2 + y", lang="de")


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--bogus"], "unknown flag --bogus"),
        (["level"], "unexpected argument"),
        (["--level"], "--level needs a value"),
        (["--scale", "4"], "outside 1..3"),
        (["--scale", "nan"], "is not a number"),
        (["--scale", "big"], "not a number"),
        (["--palette", "rainbow"], "not one of viridis, cividis, projector"),
        (["--lang", "french"], "not a language code"),
        (["--lang", "d3"], "not a language code"),
        (["--hide", "taylor,fog"], "unknown overlay 'fog'"),
        (["--frames", "0"], "between 1 and"),
        (["--frames", "ten"], "not a whole number"),
        (["--autoplay", "random"], "not one of gradient"),
        (["--level", "a b"], "not a level id"),
        (["--level", "x", "--seed", "PEAK-4821-B"], "cannot be used together"),
        (["--record", "a", "--replay", "b"], "cannot be used together"),
        (["--classroom=1"], "takes no value"),
        (["--size", "100x100"], "outside 640x480"),
        (["--size", "big"], "not WIDTHxHEIGHT"),
        (["--expr", "   "], "needs a value"),
        (["--expr", "x" * 501], "limit is 500"),
    ],
)
def test_bad_flags_name_the_flag(argv, fragment):
    with pytest.raises(OptionsError) as info:
        parse_args(argv)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message


def test_classroom_effective_values():
    room = Options(classroom=True)
    assert room.effective_scale() == 2.0 and room.effective_palette() == "projector"
    chosen = Options(classroom=True, scale=3.0, palette="cividis")
    assert chosen.effective_scale() == 3.0 and chosen.effective_palette() == "cividis"
    assert Options().effective_scale() == 1.0 and Options().effective_palette() == "viridis"


def test_query_mirrors_flags():
    got, problems = parse_query("?level=02-hill&classroom=1&lang=de&hide=taylor,hessian")
    assert problems == []
    assert got == parse_args(["--level", "02-hill", "--classroom", "--lang", "de", "--hide", "taylor,hessian"])


def test_query_bad_values_fall_back_with_messages():
    got, problems = parse_query("scale=9&palette=pink&headless=1&classroom=maybe&frames=5")
    assert got == Options()
    assert len(problems) == 5
    assert any("scale" in p and "default" in p for p in problems)
    assert any("headless" in p for p in problems)


def test_query_keeps_one_surface():
    got, problems = parse_query("seed=PEAK-4821-B&level=02-hill&expr=x")
    assert got.level == "02-hill" and got.seed is None and got.expr is None
    assert len(problems) == 2


def test_query_decodes_expressions():
    got, problems = parse_query("expr=x%5E2%20%2B%20y")
    assert problems == [] and got.expr == "x^2 + y"


def test_usage_lists_every_flag():
    text = options.usage()
    for spec in options.SCHEMA:
        assert f"--{spec.name}" in text


web_options = st.builds(
    Options,
    level=st.none() | st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
    classroom=st.booleans(),
    scale=st.floats(1.0, 3.0).filter(lambda v: not math.isnan(v)),
    palette=st.sampled_from(options.PALETTES),
    lang=st.from_regex(r"[a-z]{2,3}", fullmatch=True),
    hide=st.lists(st.sampled_from(options.OVERLAYS), unique=True).map(tuple),
    size=st.none() | st.tuples(st.integers(640, 3840), st.integers(480, 2160)),
)


@pytest.mark.slow
@given(web_options)
def test_query_round_trip(opts):
    got, problems = parse_query(to_query(opts))
    assert problems == []
    assert got == opts


@pytest.mark.slow
@given(st.text(max_size=300))
def test_query_never_raises(text):
    got, problems = parse_query(text)
    assert isinstance(got, Options)
    assert all(isinstance(p, str) and "\n" not in p for p in problems)


@pytest.mark.slow
@given(st.lists(st.text(max_size=30), max_size=6))
def test_args_raise_only_options_error(argv):
    try:
        parse_args(argv)
    except OptionsError:
        pass


# --- --probe X,Y (repeatable), --claim, --domain X0,X1,Y0,Y1 -------------------------------------------------
finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite, finite, st.booleans())
def test_any_finite_probe_round_trips(x, y, inline):
    text = f"{x!r},{y!r}"
    argv = [f"--probe={text}"] if inline else ["--probe", text]
    assert parse_args(argv).probes == ((x, y),)


@given(st.text(max_size=40))
def test_probe_junk_is_refused_with_one_line_naming_the_flag(text):
    try:
        got = parse_args(["--probe", text])
    except OptionsError as error:
        assert str(error).startswith("--probe") and "\n" not in str(error)
    else:
        (point,) = got.probes
        assert all(math.isfinite(v) for v in point)


def test_probes_keep_their_order_and_take_both_spellings():
    got = parse_args(["--probe", "-1.5,2", "--probe=-1.5,2", "--probe", " 3e-1 , -2E+0 ", "--probe", ".5,0."])
    assert got.probes == ((-1.5, 2.0), (-1.5, 2.0), (0.3, -2.0), (0.5, 0.0))
    assert parse_args(["--probe", "0,0", "--claim"]).claim


def test_domain_parses_four_numbers():
    got = parse_args(["--expr", "x", "--domain", "-1,2.5,-3e2,1e-1"])
    assert got.domain == (-1.0, 2.5, -300.0, 0.1)
    assert parse_args(["--expr", "x"]).domain is None


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--probe", "1"], "is not X,Y"),
        (["--probe", "1,2,3"], "is not X,Y"),
        (["--probe", "inf,0"], "'inf' in 'inf,0' is not a number"),
        (["--probe", "nan,0"], "is not a number"),
        (["--probe", "1e999,0"], "too large"),
        (["--probe", "１,2"], "is not a number"),
        (["--probe", "1_0,2"], "is not a number"),
        (["--probe", "0x1,2"], "is not a number"),
        (["--probe", "1;2"], "is not X,Y"),
        (["--probe"], "--probe needs a value (X,Y)"),
        (["--probe", "0,0", "--claim=1"], "takes no value"),
        (["--claim"], "--claim needs a probe"),
        (["--probe", "0,0", "--replay", "r.json"], "--probe and --replay cannot be used together"),
        (["--claim", "--autoplay", "adam", "--fuzz", "3"], "cannot be used together"),
        (["--probe", "0,0", "--fuzz", "3"], "--probe and --fuzz cannot be used together"),
        (["--domain", "-1,1,-1,1"], "--domain sets the map of a typed formula: use it with --expr"),
        (["--level", "one-hill", "--domain", "-1,1,-1,1"], "use it with --expr"),
        (["--expr", "x", "--domain", "1,-1,-1,1"], "--domain: X0 must be less than X1"),
        (["--expr", "x", "--domain", "-1,1,1,1"], "--domain: Y0 must be less than Y1"),
        (["--expr", "x", "--domain", "-1,1,1"], "is not X0,X1,Y0,Y1"),
        (["--expr", "x", "--domain", "-1,1,-1,nan"], "is not a number"),
        (["--expr", "x", "--domain", "0,1e7,0,1"], "within ±1e+06"),
        (["--expr", "x", "--domain", "0,1e-9,0,1"], "too narrow in x"),
    ],
)
def test_bad_probe_claim_and_domain_name_the_flag(argv, fragment):
    with pytest.raises(OptionsError) as info:
        parse_args(argv)
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_too_many_probes_are_refused():
    with pytest.raises(OptionsError, match="--probe: given more than"):
        parse_args(["--probe", "0,0"] * (options.MAX_PROBES + 1))


def test_probe_and_claim_are_desktop_only_and_domain_is_a_url_parameter():
    got, problems = parse_query("expr=x%5E2&domain=-1,2,-0.5,0.5&probe=0,0&claim=1")
    assert got == Options(expr="x^2", domain=(-1.0, 2.0, -0.5, 0.5))
    assert problems == ["unknown URL parameter 'probe' ignored", "unknown URL parameter 'claim' ignored"]
    got, problems = parse_query("level=one-hill&domain=-1,2,-1,1")
    assert got == Options(level="one-hill") and problems == [
        "domain ignored: it sets the map of a typed formula (expr)"]
    got, problems = parse_query("expr=x&domain=2,1,0,1")
    assert got == Options(expr="x") and "domain: X0 must be less than X1" in problems[0]


def test_usage_marks_probe_repeatable_and_desktop_only():
    line = next(line for line in options.usage().splitlines() if line.lstrip().startswith("--probe"))
    assert "--probe X,Y..." in line and "[desktop]" in line


def _valid_domain(domain) -> bool:
    from surfaces.surface import check_domain

    try:
        check_domain(domain)
    except ValueError:
        return False
    return True


domains = st.tuples(st.floats(-1e5, 1e5), st.floats(0.01, 1e5), st.floats(-1e5, 1e5), st.floats(0.01, 1e5)).map(
    lambda d: (d[0], d[0] + d[1], d[2], d[2] + d[3])).filter(_valid_domain)


@given(domains)
def test_domain_round_trips_through_flags_and_the_url(domain):
    flags = parse_args(["--expr", "x", "--domain", ",".join(repr(v) for v in domain)])
    assert flags.domain == domain
    got, problems = parse_query(to_query(flags))
    assert problems == [] and got == flags
