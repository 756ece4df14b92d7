"""The text readout: one sentence saying what the play screen shows (cursor, last probe, Taylor, result).

For players who listen (a screen reader on the web) or read rather than look at the map."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.core.verdict import compass
from game.text.catalog import t
from game.text.numbers import fmt_number, fmt_point
from game.text.verdicts import compass_word, verdict_text

if TYPE_CHECKING:
    from game.core.model import Game
    from game.core.probe import Probe


def readout_text(game: "Game", cursor: tuple[float, float] | None, lang: str = "en", *, slope: bool = True,
                 taylor: bool = True) -> str:
    """The readout for `game` with the cursor at `cursor`, in the HUD's digits (its noise floors, the cursor
    lattice's decimals). `slope` False leaves the gradient out (depth mode), `taylor` False the model's
    prediction (the Taylor overlay switched off or not allowed)."""
    if game.finished and game.verdict is not None:
        return _result(game, lang)
    parts: list[str] = []
    decimals = game.resolution.lattice.decimals
    if cursor is not None:
        parts.append(t("access.readout.cursor", lang, point=fmt_point(cursor[0], cursor[1], decimals, lang)))
    last = game.probes[-1] if game.probes else None
    if last is None:
        parts.append(t("access.readout.no_probe", lang))
        return " ".join(parts)
    parts.append(_probe(game, last, lang, slope))
    if taylor and cursor is not None:
        parts.extend(_taylor(game, cursor, lang))
    return " ".join(parts)


def _probe(game: "Game", last: "Probe", lang: str, slope: bool) -> str:
    """"Last probe: height 2.91, slope 0.78 towards north-east." (or the undefined/flat/height-only forms)."""
    floors = game.resolution
    if not last.defined:
        return t("access.readout.undefined", lang)
    height = fmt_number(last.value, lang, floors.zero_height)
    if not slope:
        return t("access.readout.height", lang, height=height)
    if not last.gradient_defined:
        return t("access.readout.no_slope", lang, height=height)
    steep = fmt_number(last.grad_norm, lang, floors.zero_slope)
    direction = compass(*last.gradient) if last.grad_norm > floors.zero_slope else None
    if steep == "0" or direction is None:
        return t("access.readout.flat", lang, height=height)
    return t("access.readout.probe", lang, height=height, slope=steep, direction=compass_word(direction, lang))


def _taylor(game: "Game", cursor: tuple[float, float], lang: str) -> list[str]:
    """"T₁ predicts 3.40 here." from the probe the preview is taken from (nothing when there is none)."""
    preview = game.preview(*cursor)
    if preview.base is None or preview.order1 is None or not math.isfinite(preview.order1):
        return []
    zero = game.resolution.zero_height
    one = fmt_number(preview.order1, lang, zero)
    if preview.order2 is not None and math.isfinite(preview.order2):
        return [t("access.readout.taylor2", lang, t1=one, t2=fmt_number(preview.order2, lang, zero))]
    return [t("access.readout.taylor1", lang, t1=one)]


def _result(game: "Game", lang: str) -> str:
    """"Claimed (0.50, 1.00) at height 2.91: <the verdict's sentence> Score 840, 3 of 3 stars."."""
    verdict = game.verdict
    assert verdict is not None
    score = game.score()
    decimals = game.resolution.lattice.decimals
    head = t("access.readout.claimed", lang, point=fmt_point(verdict.x, verdict.y, decimals, lang),
             height=fmt_number(verdict.value, lang, game.resolution.zero_height))
    tail = t("access.readout.score", lang, score=str(score.total), stars=score.stars)
    return " ".join((head, verdict_text(verdict, lang), tail))


__all__ = ["readout_text"]
