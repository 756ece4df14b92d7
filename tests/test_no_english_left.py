"""Every scene at 1280×800 in each translated language draws no English: whole English labels and English-only
words are caught in what Fonts.draw is handed (the title, level select, both entries with their errors, play with
intro, probes, a height guess, the claim pick, pause, help, and the result)."""

from __future__ import annotations

import re

import pytest

from game.core import actions as A
from game.text.catalog import languages
from test_text_catalogues import ENGLISH, SAME_AS_ENGLISH, entries

SIZE = (1280, 800)
WORD = re.compile(r"[A-Za-zÀ-ÿœŒ]{4,}")
PLACEHOLDER = re.compile(r"\\{\w+\\}")  # a placeholder in an re.escape()d template
ENGLISH_NUMBER = re.compile(r"[−+-]?\d+\.\d+(e[+−]\d+)?")  # 2.50, −0.125, 1.24e−7: a number as English writes it
TRANSLATED = [lang for lang in languages() if lang != "en"]


def english_only(lang: str) -> tuple[list[re.Pattern[str]], set[str]]:
    """(whole English texts that `lang` translates, as patterns with placeholders as wildcards; words of four or more
    letters the English catalogue uses and `lang`'s never does)."""
    same = SAME_AS_ENGLISH["*"] | SAME_AS_ENGLISH.get(lang, set())
    theirs = entries(lang)
    labels = [re.compile(PLACEHOLDER.sub(".*?", re.escape(form)))
              for key, forms in ENGLISH.items() if key not in same and theirs.get(key) != forms
              for form in forms if WORD.search(form)]
    words = lambda forms: {w.lower() for form in forms for w in WORD.findall(re.sub(r"{\w+}", " ", form))}  # noqa: E731
    ours = set().union(*(words(forms) for forms in theirs.values()))
    return labels, set().union(*(words(forms) for forms in ENGLISH.values())) - ours


def english_in(texts: list[str], lang: str) -> list[str]:
    """The drawn texts that are an English label, hold an English-only word, or are a number with the English
    decimal point where `lang` writes another mark."""
    labels, words = english_only(lang)
    point_number = entries(lang)["format.decimal"] != (".",)
    found = []
    for text in dict.fromkeys(texts):
        if (any(pattern.fullmatch(text) for pattern in labels) or {w.lower() for w in WORD.findall(text)} & words
                or point_number and ENGLISH_NUMBER.fullmatch(text)):
            found.append(text)
    return found


def clear(app) -> None:
    """Empty the entry's field (the caret to the end, then Backspace)."""
    app.dispatch(A.Action(A.END))
    for _ in range(len(app.top.text)):
        app.dispatch(A.Action(A.ERASE))


def walk(make_app, run_frames, lang: str) -> None:
    """Every scene of a play-through, each drawn a few frames."""
    app = make_app("--lang", lang, size=SIZE)
    run_frames(app, 3)  # title
    app.dispatch(A.Action(A.LEVELS))
    run_frames(app, 3)  # level select
    app.dispatch(A.Action(A.BACK))
    for mode, bad, good in (("expr", "3*x+)", "3*exp(-((x-1)^2 + y^2)) - 0.2x"), ("code", "PEAK-4821-C", "PEAK-4821-B")):
        app.show(app.routes.title())
        app.push(app.routes.entry(mode))
        run_frames(app, 2)
        clear(app)  # the code entry offers a fresh code
        app.dispatch(A.Action(A.CONFIRM))  # empty: "type something first"
        app.dispatch(A.Action(A.TEXT, text=bad))
        app.dispatch(A.Action(A.CONFIRM))  # the error, in the language
        run_frames(app, 2)
        clear(app)
        app.dispatch(A.Action(A.TEXT, text=good))
        app.dispatch(A.Action(A.CONFIRM))
        run_frames(app, 3)  # play on the typed surface
    import surfaces

    app.show(app.routes.play(surfaces.level_by_id("saddle-pass")))
    run_frames(app, 3)  # the intro over the map
    app.dispatch(A.Action(A.CLAIM))  # "probe at least once"
    app.dispatch(A.Action(A.PREDICT))  # "probe once first"
    run_frames(app, 2)
    scene = app.top
    for _ in range(3):
        app.dispatch(A.Action(A.PROBE))
        run_frames(app, 2)
        app.dispatch(A.Action(A.MOVE, dx=1.0))
    app.dispatch(A.Action(A.PREDICT))
    app.dispatch(A.Action(A.TEXT, text="abc"))
    app.dispatch(A.Action(A.CONFIRM))  # not a number
    run_frames(app, 2)
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.PREDICT))
    app.dispatch(A.Action(A.TEXT, text="1"))
    app.dispatch(A.Action(A.CONFIRM))  # a guess for the next probe
    app.dispatch(A.Action(A.PROBE))
    run_frames(app, 3)
    app.dispatch(A.Action(A.NEXT))  # pick another probe to claim
    run_frames(app, 2)
    for page in range(3):
        app.dispatch(A.Action(A.PAGE))
        run_frames(app, 2)
    app.dispatch(A.Action(A.INTRO))
    run_frames(app, 2)
    app.dispatch(A.Action(A.INTRO))
    app.dispatch(A.Action(A.PAUSE))
    run_frames(app, 2)  # pause
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.HELP))
    run_frames(app, 2)  # help over the play view
    app.dispatch(A.Action(A.BACK))
    assert app.top is scene
    app.dispatch(A.Action(A.CLAIM))
    run_frames(app, 120)  # the result and its reveal


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_scene_draws_no_english(make_app, run_frames, drawn_texts, lang):
    walk(make_app, run_frames, lang)
    assert len(set(drawn_texts)) > 80, "the walk did not reach the scenes"
    left = english_in(drawn_texts, lang)
    assert not left, f"{lang}: English left on screen: {left}"


def test_the_check_sees_english_when_it_is_there(make_app, run_frames, drawn_texts):
    walk(make_app, run_frames, "en")
    for lang in TRANSLATED:
        left = english_in(drawn_texts, lang)
        assert len(left) > 40, f"the {lang} check misses English: {left}"
        assert {"Claim summit", "Paused", "How to play"} <= set(left)
        assert any(ENGLISH_NUMBER.fullmatch(text) for text in left)  # "0.938": the point, not the comma
