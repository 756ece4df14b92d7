"""Sentences and words about the rules model's codes: verdicts, step kinds, score terms and compass directions."""

from __future__ import annotations


from game.core.verdict import Verdict
from game.text.catalog import t
from game.text.numbers import fmt_number



def step_label(step: str, lang: str = "en", brief: bool = False) -> str:
    """The HUD word for a step kind (game.core.model.STEPS, or "repeat"); `brief` drops the explanation."""
    key = f"step.{step}.brief" if brief else f"step.{step}"
    text = t(key, lang)
    return step if text == key else text


def score_label(key: str, lang: str = "en") -> str:
    """The label of a score term (game.core.model.SCORE_KEYS)."""
    text = t(f"score.{key}", lang)
    return key if text == f"score.{key}" else text


def compass_word(direction: str | None, lang: str = "en") -> str:
    """The word for a compass key of game.core.model.compass ("north-east"), "?" for none or an unknown one."""
    text = t(f"compass.{direction}", lang)
    return t("compass.unknown", lang) if text == f"compass.{direction}" else text


def point_text(x: float, y: float, lang: str = "en") -> str:
    """A coordinate pair; the catalogue picks the separator (German uses "; " beside its decimal comma)."""
    return t("format.point", lang, x=fmt_number(x, lang), y=fmt_number(y, lang))


def verdict_text(verdict: Verdict, lang: str = "en") -> str:
    """A teaching sentence about a game.core.model.Verdict in the player's language."""
    f = lambda v: fmt_number(v, lang)  # noqa: E731
    px, py, pv = verdict.peak
    where = point_text(px, py, lang)
    if verdict.reason == "summit":  # the gap and the tolerance apart: "within 0.0900" read like the gap
        if verdict.height_gap > verdict.tolerance:  # reached within one fine step of a top narrower than it
            return t("verdict.summit_step", lang, peak=f(pv), where=where)
        return t("verdict.summit", lang, value=f(verdict.value), gap=f(max(0.0, verdict.height_gap)),
                 tolerance=f(verdict.tolerance), peak=f(pv), where=where)
    if verdict.reason == "undefined":
        return t("verdict.undefined", lang)
    if verdict.unbounded:
        note = t("verdict.no_peak", lang, where=where)
    elif verdict.kind == "local":
        note = t("verdict.local.higher", lang, peak=f(pv), where=where, gap=f(verdict.height_gap))
    else:
        note = t("verdict.peak_note", lang, peak=f(pv), where=where, gap=f(verdict.height_gap))
    if verdict.kind == "local":
        key = "verdict.local.edge" if verdict.reason == "edge" else "verdict.local.top"
        return t(key, lang, tolerance=f(verdict.tolerance)) + " " + note
    if verdict.reason == "kink":
        return t("verdict.kink", lang) + " " + note
    if verdict.reason == "stationary_other":
        return t(f"verdict.stationary.{verdict.point}", lang) + " " + note
    direction = compass_word(verdict.direction, lang)
    key = "verdict.edge_climb" if verdict.reason == "edge_climb" else "verdict.climb"
    return t(key, lang, direction=direction, slope=f(verdict.slope)) + " " + note


__all__ = ["verdict_text", "step_label", "score_label", "compass_word", "point_text"]
