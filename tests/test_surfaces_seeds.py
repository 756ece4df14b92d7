"""Class codes: check character, normalisation, fresh codes, determinism (pinned values), one clear summit."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import surfaces
from surfaces.seeds import ALPHABET, MAX_CODE_LENGTH, SplitMix64, check_character, checksum, display_code

PINNED = {
    "PEAK-4821-B": (
        [(0.0, 0.0, 1.7101818392344115), (1.5, -2.0, -0.004532053494789828), (-2.25, 0.75, 2.3902485811477123)],
        (-1.0916323325434723, 0.6994303924773125, 6.642385016116546),
    ),
    "ZEBA-2285-C": (
        [(0.0, 0.0, 3.457784431837544), (1.5, -2.0, 0.7856488387565689), (-2.25, 0.75, 0.2846547924795756)],
        (0.8088455609888647, 0.12717666592463736, 6.102413687811318),
    ),
}
PINNED_TEXT_START = {
    "PEAK-4821-B": "6.546*exp(-((x + 1.064)^2 + (y - 0.765)^2)/1.277) - 1.987*exp(",
    "ZEBA-2285-C": "5.823*exp(-((x - 0.843)^2 + (y - 0.123)^2)/1.212) + 1.321*exp(",
}
VALID = ["PEAK-4821-B", "ZEBA-2285-C", "Z-5", "2024-R", "XYZ-C", "CLAS-S7B-1"]


def valid_compact(body: str) -> str | None:
    """body + its check character, or None when the body has no code (its check value is ISO's '*')."""
    check = check_character(body)
    return None if check is None else body + check


bodies = st.text(alphabet=ALPHABET, min_size=1, max_size=MAX_CODE_LENGTH - 1)


@pytest.mark.parametrize("code", sorted(PINNED))
def test_pinned_values(code):
    s = surfaces.from_seed(code)
    assert s.expression.startswith(PINNED_TEXT_START[code])
    values, peak = PINNED[code]
    for x, y, v in values:
        assert float(s(x, y)) == pytest.approx(v, rel=1e-13)
    assert s.peak() == pytest.approx(peak, rel=1e-9, abs=1e-9)


def test_published_iso_7064_check_characters():
    # MOD 37-2 example from python-stdnum's docs; MOD 11-2 is the ORCID / ISNI check digit (ORCID's own example)
    assert check_character("G123489654321") == "Y"
    assert check_character("000000021825009", "0123456789X", 11) == "7"
    assert checksum("G123489654321Y") == 1


def test_case_spaces_and_dashes_are_normalised_to_one_display_form():
    spellings = ["PEAK-4821-B", "PEAK4821B", "peak 4821 b", "  pe ak-48--21b ", "Peak-4821-b", "PEAK\t4821B"]
    assert {surfaces.normalize_code(code) for code in spellings} == {"PEAK-4821-B"}
    expressions = {surfaces.from_seed(code).expression for code in spellings}
    assert len(expressions) == 1
    assert surfaces.from_seed("peak4821b").name == "PEAK-4821-B"


@settings(max_examples=200, deadline=None)
@given(bodies, st.data())
def test_spellings_normalise_equal(body, data):
    compact = valid_compact(body)
    if compact is None:
        return
    # the same code with random case, spaces and dashes between its characters
    spelled = "".join(data.draw(st.sampled_from(["", " ", "-", "--", " - "])) +
                      (ch.lower() if data.draw(st.booleans()) else ch) for ch in compact)
    assert surfaces.normalize_code(spelled) == surfaces.normalize_code(compact) == display_code(compact)


@settings(max_examples=300, deadline=None)
@given(bodies, st.integers(min_value=0), st.sampled_from(ALPHABET))
def test_every_single_substitution_is_refused(body, where, new):
    compact = valid_compact(body)
    if compact is None:
        return
    i = where % len(compact)
    if compact[i] == new:
        return
    typo = compact[:i] + new + compact[i + 1:]
    with pytest.raises(ValueError, match="mistyped"):
        surfaces.from_seed(typo)


@settings(max_examples=300, deadline=None)
@given(bodies, st.integers(min_value=0))
def test_every_adjacent_transposition_is_refused(body, where):
    compact = valid_compact(body)
    if compact is None:
        return
    i = where % (len(compact) - 1)
    if compact[i] == compact[i + 1]:
        return
    typo = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2:]
    with pytest.raises(ValueError, match="mistyped"):
        surfaces.normalize_code(typo)


def test_every_substitution_and_swap_of_one_code_exhaustively():
    code = "PEAK4821B"
    assert checksum(code) == 1
    for i in range(len(code)):
        for new in ALPHABET:
            if new != code[i]:
                assert checksum(code[:i] + new + code[i + 1:]) != 1, (i, new)
        for j in range(i + 1, len(code)):
            if code[i] != code[j]:
                swapped = code[:i] + code[j] + code[i + 1:j] + code[i] + code[j + 1:]
                assert checksum(swapped) != 1, (i, j)  # MOD 37-2 even catches every swap at any distance


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2 ** 64))
def test_new_codes_are_valid_and_readable(seed):
    code = surfaces.new_code(random.Random(seed))
    assert surfaces.normalize_code(code) == code
    prefix, digits, check = code.split("-")
    assert len(prefix) == 4 and prefix.isalpha() and len(digits) == 4 and digits.isdigit() and len(check) == 1
    assert not set(code) & set("01IO")  # nothing that reads as another character on a board


def test_new_code_uses_the_secure_source_and_builds_a_terrain():
    codes = {surfaces.new_code() for _ in range(20)}
    assert len(codes) > 15
    code = codes.pop()
    assert surfaces.from_seed(code).name == code
    assert surfaces.new_code(random.Random(7)) == surfaces.new_code(random.Random(7))


def test_old_codes_and_typos_are_refused_without_naming_the_right_character():
    for code in ("PEAK-4821", "PEAK-4821-Q", "PAEK-4821-B", "PEAK-4812-B"):
        with pytest.raises(ValueError) as info:
            surfaces.from_seed(code)
        message = str(info.value)
        assert message == "class code is mistyped (or from before version 0.2): its last character, the check character, does not match the rest"
        assert "\n" not in message


def test_different_codes_differ():
    texts = {surfaces.from_seed(code).expression for code in VALID}
    assert len(texts) == len(VALID)


@pytest.mark.parametrize("code", VALID)
def test_one_clear_global_summit(code):
    s = surfaces.from_seed(code)
    zmin, zmax = s.value_range()
    x, y, v = s.peak()
    maxima = s.local_maxima()
    assert maxima[0] == (x, y, v)
    assert all(v - m[2] >= 0.1 * (zmax - zmin) for m in maxima[1:])
    xmin, xmax, ymin, ymax = s.domain
    assert xmin < x < xmax and ymin < y < ymax
    assert s.classify(x, y) == "maximum"
    assert -10 < zmin < zmax < 10


@pytest.mark.parametrize("code,needle", [
    ("", "empty"), ("   ", "empty"), (" - -", "empty"), ("A" * 25, "too long"), ("A", "too short"),
    ("PEAK_1", "'_'"), ("GIPFEL-Ä", "'Ä'"), ("P\u0415AK", "'\u0415'"), ("a;b", "';'"),
    ("peak-4821-ſ", "'ſ'"),  # upper-cases to S: refused before case folding can smuggle it in
])
def test_invalid_codes(code, needle):
    with pytest.raises(ValueError, match="class code") as info:
        surfaces.from_seed(code)
    assert needle in str(info.value)


def test_too_long_counts_letters_and_digits_not_dashes():
    body = "A" * (MAX_CODE_LENGTH - 1)
    code = valid_compact(body) or valid_compact("B" + body[1:])
    assert code is not None
    dashed = "-".join(code)
    assert surfaces.normalize_code(dashed) == display_code(code)


def test_prng_reference_values():
    # splitmix64 reference sequence for seed 1234567 (from the published C implementation)
    rng = SplitMix64(1234567)
    assert [rng.next() for _ in range(3)] == [
        6457827717110365317, 3203168211198807973, 9817491932198370423]


def test_seed_derivatives_are_exact():
    s = surfaces.from_seed("PEAK-4821-B")
    from surfaces import calculus
    for x, y in [(0.3, -0.4), (-1.2, 2.2)]:
        np.testing.assert_allclose(s.gradient(x, y), calculus.gradient(s, x, y, "complex"), rtol=1e-12)
