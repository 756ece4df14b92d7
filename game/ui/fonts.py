"""Text: a cached default-font (FreeSans Bold) set sized by UI scale, drawn with optional plates.

Even letter spacing: SDL_ttf (pygame.font) hints every glyph, which rounds each glyph's advance and ink offset to
whole pixels on its own; at UI sizes gaps between letters came out up to 2-3 px off the design while their
neighbours were right ("hid den", "wit h", "summi t", "Gradi ent"). Kerning is not the cause (SDL_ttf kerns by
default, and drawn large the same font is evenly spaced). pygame-ce 2.5.7 (the browser's) has no hinting switch on
pygame.font.Font, so text is drawn at k = supersample(px) times its size, where a pixel of hinting error is a
fraction of a gap, and box-filtered down with smoothscale: glyphs land within 1/k px of their designed positions.
pygame.font and pygame.transform are all it needs (no pygame.freetype, no font file to ship). Heights are the
hinted font's rendered line height and widths stay within a few per cent of the hinted ones (hinting widened
some sizes), so layouts barely move.
"""

from __future__ import annotations

from typing import Callable

import pygame

MIN_PX = 16  # no text smaller than this at 1× (DESIGN "Type"); classroom 2× gives ≥ 32
# Sizes are CSS-style px (the em size). pygame's built-in font renders at DEFAULT_FONT_FACTOR of the size it is
# asked for (Font(None, 16) has an 11-px line), so Fonts asks pygame for px / DEFAULT_FONT_FACTOR.
DEFAULT_FONT_FACTOR = 0.6875
SIZES = {"small": 16, "label": 17, "body": 19, "heading": 23, "title": 28, "big": 40, "huge": 56}
CACHE_LIMIT = 800  # rendered strings kept (text, px, colour) → Surface, least recently used dropped first
# ... and at most this many bytes of them × scale² (typed text makes a new string every key). The most one frame
# draws (and measures, for wrapping) is ~15 MB at 1× (help over level select at 3840×2160), 37 MB at 2×: a cache
# smaller than a frame's text renders all of it again every frame
CACHE_BYTES = 24 << 20
PLATES_KEPT = 48  # rounded plates kept (w, h, colour, radius): the banners' are window-wide
PLATES_BYTES = 8 << 20  # ... and at most this many bytes of them × scale
SUPERSAMPLE_PX = 128  # text is rendered at k × its size, k = SUPERSAMPLE_PX // px within [2, 4] (see the docstring)
FONTS_KEPT = 4  # UI scales whose Fonts (and their caches) stay shared; screens fit scales in 1/8 steps
# Test hook: every font size request calls these with (px, logical_size, ui_scale); px is the CSS-style size.
SIZE_HOOKS: list[Callable[[int, float, float], None]] = []

# glyphs the built-in font lacks (it draws a box): ∇ is drawn as a flipped Δ, sub/superscript digits smaller
_SUB = {chr(0x2080 + d): str(d) for d in range(10)}
_SUP_MISSING = {"\u2074": "4", "\u2075": "5", "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9", "\u2070": "0"}
# ≈, →, ←; the no-break spaces (French puts one before : ; ! ? and inside « ») draw as a space, while wrap()
# splits only at plain spaces, so "sommet :" never breaks before its colon
_REPLACE = {"\u2248": "~", "\u2192": "->", "\u2190": "<-", "\u00a0": " ", "\u202f": " "}
_SPECIAL = set(_SUB) | set(_SUP_MISSING) | {"\u2207"} | set(_REPLACE)

Color = tuple[int, ...]


def point_size(px: int) -> int:
    """The size pygame's built-in font is asked for to draw text of px (see DEFAULT_FONT_FACTOR)."""
    return int(round(px / DEFAULT_FONT_FACTOR))


def supersample(px: int) -> int:
    """How many times larger text of px is rendered before being filtered down (4 for small type, 2 for huge)."""
    return max(2, min(4, SUPERSAMPLE_PX // max(1, px)))


class Fonts:
    """pygame.font.Font(None, px) cache; sizes are logical px (or SIZES names) × ui_scale, never below 16×scale."""

    def __init__(self, ui_scale: float = 1.0) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.scale = max(0.5, float(ui_scale))
        self._fonts: dict[int, pygame.font.Font] = {}  # by point size (the px sizes' and their supersampled)
        self._line_h: dict[int, int] = {}  # point size → height of a rendered line
        self._rendered: dict[tuple, pygame.Surface] = {}  # least recently used first
        self._plates: dict[tuple, pygame.Surface] = {}  # least recently used first
        self._bytes = {"rendered": 0, "plates": 0}  # what each cache holds

    def px(self, size: float | str) -> int:
        """Pixel size for a logical size or a SIZES name (clamped to MIN_PX × max(1, scale))."""
        logical = SIZES[size] if isinstance(size, str) else float(size)
        px = int(round(max(logical, MIN_PX) * self.scale))
        px = max(px, int(round(MIN_PX * max(1.0, self.scale))))
        for hook in SIZE_HOOKS:
            hook(px, logical, self.scale)
        return px

    def font(self, size: float | str) -> pygame.font.Font:
        """The cached Font for a logical size."""
        return self._font_px(self.px(size))

    def _font_px(self, px: int) -> pygame.font.Font:
        return self._font_pt(point_size(px))

    def _font_pt(self, pt: int) -> pygame.font.Font:
        font = self._fonts.get(pt)
        if font is None:
            font = self._fonts[pt] = pygame.font.Font(None, pt)
        return font

    def _plain(self, text: str, px: int, color: Color) -> pygame.Surface:
        """text drawn at k × its size and box-filtered down: evenly spaced, the hinted font's height."""
        pt = point_size(px)
        font = self._font_pt(pt)
        if not text:
            return font.render(text, True, color)
        k = supersample(px)
        big_font = self._font_pt(pt * k)
        big = big_font.render(text, True, color)
        width = max(1, -(-big.get_width() // k))
        height = self._line_height(pt)
        canvas = pygame.Surface((width * k, height * k), pygame.SRCALPHA)
        canvas.fill((*tuple(color)[:3], 0))  # transparent in the text's colour: edges do not darken when filtered
        canvas.blit(big, (0, font.get_ascent() * k - big_font.get_ascent()))  # the baseline where the font has it
        return pygame.transform.smoothscale(canvas, (width, height))

    def render(self, text: str, size: float | str, color: Color) -> pygame.Surface:
        """Antialiased text (cached); ∇ and subscript digits are composed since the font lacks them."""
        px = self.px(size)
        key = (text, px, tuple(color))
        surf = self._rendered.pop(key, None)
        if surf is None:
            if any(ch in _SPECIAL for ch in text):
                surf = self._render_rich(text, px, color)
            else:
                surf = self._plain(text, px, color)
            self._keep("rendered", surf, CACHE_LIMIT, int(CACHE_BYTES * max(1.0, self.scale) ** 2))
        self._rendered[key] = surf  # the most recently used last
        return surf

    def _keep(self, name: str, surf: pygame.Surface, count: int, limit: int) -> None:
        """Make room in a cache (least recently used out first) for `surf`: at most `count` entries and `limit`
        bytes with it."""
        cache = self._rendered if name == "rendered" else self._plates
        held = self._bytes[name] + _bytes(surf)
        while cache and (len(cache) >= count or held > limit):
            held -= _bytes(cache.pop(next(iter(cache))))
        self._bytes[name] = held

    def cached_bytes(self) -> int:
        """Bytes of pixels the rendered-text and plate caches hold."""
        return self._bytes["rendered"] + self._bytes["plates"]

    def _rich_runs(self, text: str, px: int) -> list[tuple[str, str, int, int]]:
        """Rich text as runs (kind, text, px, y offset): plain text, sub/superscript digits drawn smaller, ∇."""
        for old, new in _REPLACE.items():
            text = text.replace(old, new)
        font = self._font_px(px)
        small_px = max(int(round(MIN_PX * max(1.0, self.scale))), int(round(px * 0.72)))
        for hook in SIZE_HOOKS:
            hook(small_px, small_px / self.scale, self.scale)
        small = self._font_px(small_px)
        runs: list[tuple[str, str, int, int]] = []
        buf = ""
        for ch in text + "\0":
            kind = "sub" if ch in _SUB else "sup" if ch in _SUP_MISSING else "nabla" if ch == "\u2207" else "text"
            if kind != "text" or ch == "\0":
                if buf:
                    runs.append(("text", buf, px, 0))
                    buf = ""
            if ch == "\0":
                break
            if kind == "text":
                buf += ch
            elif kind == "sub":
                runs.append(("text", _SUB[ch], small_px, int(font.get_ascent() - small.get_ascent() * 0.7)))
            elif kind == "sup":
                runs.append(("text", _SUP_MISSING[ch], small_px, -int(px * 0.08)))
            else:
                runs.append(("nabla", "\u0394", px, 0))  # a flipped Δ, as wide as Δ
        return runs

    def _rich_size(self, runs: list[tuple[str, str, int, int]], px: int) -> tuple[int, int, int]:
        """(width, height, top) of rich text's runs, from the font's metrics (nothing drawn)."""
        top = min(0, *(dy for *_, dy in runs)) if runs else 0
        width = sum(self._plain_width(text, run_px) for _, text, run_px, _ in runs) or 1
        heights = [self._line_height(point_size(run_px)) + dy - top for _, _, run_px, dy in runs]
        return width, max([self._font_px(px).get_height()] + heights), top

    def _plain_width(self, text: str, px: int) -> int:
        """The width _plain draws text at: the supersampled font's, divided back (a test compares them)."""
        k = supersample(px)
        return max(1, -(-self._font_pt(point_size(px) * k).size(text)[0] // k))

    def _render_rich(self, text: str, px: int, color: Color) -> pygame.Surface:
        runs = self._rich_runs(text, px)
        width, height, top = self._rich_size(runs, px)
        out = pygame.Surface((width, height), pygame.SRCALPHA)
        x = 0
        for kind, run, run_px, dy in runs:
            surf = self._plain(run, run_px, color)
            if kind == "nabla":
                box = surf.get_bounding_rect()
                glyph = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
                glyph.blit(pygame.transform.flip(surf.subsurface(box), False, True), box.topleft)
                surf = glyph
            out.blit(surf, (x, dy - top))
            x += surf.get_width()
        return out

    def ellipsize(self, text: str, size: float | str, width: int) -> str:
        """The text, shortened with "…" at the end when wider than width."""
        if self.measure(text, size)[0] <= width:
            return text
        while len(text) > 1 and self.measure(text + "\u2026", size)[0] > width:
            text = text[:-1]
        return text.rstrip() + "\u2026"

    def measure(self, text: str, size: float | str) -> tuple[int, int]:
        """(width, height) the text will take. Plain text is measured by the font without drawing it (wrapping a
        help page measures hundreds of words: rendering each, supersampled, cost a first frame ~150 ms); the
        numbers are the ones render gives (a test compares them)."""
        px = self.px(size)
        if not text:
            return self.render(text, size, (255, 255, 255)).get_size()
        if any(ch in _SPECIAL for ch in text):
            return self._rich_size(self._rich_runs(text, px), px)[:2]
        return self._plain_width(text, px), self._line_height(point_size(px))

    def _line_height(self, pt: int) -> int:
        """The height render gives a line at `pt` (SDL_ttf 2.24: the line skip; older: the font height)."""
        height = self._line_h.get(pt)
        if height is None:
            height = self._line_h[pt] = self._font_pt(pt).render(" ", True, (0, 0, 0)).get_height()
        return height

    def plate(self, w: int, h: int, color: Color, radius: int) -> pygame.Surface:
        """A cached translucent rounded rectangle."""
        key = (w, h, tuple(color), radius)
        surf = self._plates.pop(key, None)
        if surf is None:
            surf = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
            pygame.draw.rect(surf, color, surf.get_rect(), border_radius=radius)
            self._keep("plates", surf, PLATES_KEPT, int(PLATES_BYTES * max(1.0, self.scale)))  # window-wide: few
        self._plates[key] = surf  # the most recently used last
        return surf

    def plate_rect(self, text: str, size: float | str, pos: tuple[float, float], anchor: str = "topleft",
                   plate: bool = True) -> pygame.Rect:
        """Where draw would put the text (with its plate padding when plate is set)."""
        w, h = self.measure(text, size)
        if plate:
            padx, pady = self._pad(size)
            w, h = w + 2 * padx, h + 2 * pady
        rect = pygame.Rect(0, 0, w, h)
        setattr(rect, anchor, (int(round(pos[0])), int(round(pos[1]))))
        return rect

    def _pad(self, size: float | str) -> tuple[int, int]:
        px = self.px(size)
        return max(3, int(px * 0.32)), max(1, int(px * 0.1))

    def draw(self, target: pygame.Surface, text: str, pos: tuple[float, float], size: float | str,
             color: Color, anchor: str = "topleft", plate: Color | None = None) -> pygame.Rect:
        """Draw text anchored at pos (any pygame.Rect point name); returns the rect covered (plate included)."""
        surf = self.render(text, size, color)
        if plate is None:
            rect = surf.get_rect()
            setattr(rect, anchor, (int(round(pos[0])), int(round(pos[1]))))
            target.blit(surf, rect)
            return rect
        padx, pady = self._pad(size)
        rect = pygame.Rect(0, 0, surf.get_width() + 2 * padx, surf.get_height() + 2 * pady)
        setattr(rect, anchor, (int(round(pos[0])), int(round(pos[1]))))
        target.blit(self.plate(rect.w, rect.h, plate, max(2, rect.h // 3)), rect)
        target.blit(surf, (rect.x + padx, rect.y + pady))
        return rect


def _bytes(surf: pygame.Surface) -> int:
    return surf.get_width() * surf.get_height() * surf.get_bytesize()


_DEFAULT: dict[float, Fonts] = {}


def get_fonts(ui_scale: float = 1.0) -> Fonts:
    """A shared Fonts instance per UI scale (the FONTS_KEPT most recently used scales keep theirs)."""
    fonts = _DEFAULT.pop(ui_scale, None)
    if fonts is None:
        fonts = Fonts(ui_scale)
        while len(_DEFAULT) >= FONTS_KEPT:
            _DEFAULT.pop(next(iter(_DEFAULT)))
    _DEFAULT[ui_scale] = fonts  # the newest last
    return fonts


def wrap(fonts: Fonts, text: str, size: float | str, width: int) -> list[str]:
    """Greedy word wrap to a pixel width (a single over-long word stays on its own line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = word if not line else f"{line} {word}"
            if line and fonts.measure(trial, size)[0] > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def fit_size(fonts: Fonts, text: str, sizes: tuple, width: int) -> float | str:
    """The first size in `sizes` (largest first) at which text fits the width; else the last one."""
    for size in sizes:
        if fonts.measure(text, size)[0] <= width:
            return size
    return sizes[-1]
