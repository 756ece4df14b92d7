"""Colour palettes: map bands (viridis, cividis, projector), isoline shades, UI and fog colours."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
NAMES = ("viridis", "cividis", "projector")
DEFAULT_BANDS = 14

# matplotlib's viridis sampled at linspace(0, 1, 9) and cividis at linspace(0, 1, 6) (anchor colours)
VIRIDIS_ANCHORS: tuple[RGB, ...] = (
    (68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140),
    (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37),
)
CIVIDIS_ANCHORS: tuple[RGB, ...] = (
    (0, 34, 78), (53, 69, 108), (102, 105, 112), (148, 142, 119), (200, 184, 102), (254, 232, 56),
)
# projector: viridis's hue path (colour-blind safe) with the dark end lifted (projectors crush dark purples);
# odd bands are darkened (alternate) for a strong dark/light rhythm that survives a washed-out beamer
PROJECTOR_ANCHORS: tuple[RGB, ...] = (
    (58, 24, 118), (62, 66, 170), (38, 112, 180), (24, 152, 160), (44, 188, 120), (140, 214, 60), (255, 232, 40),
)


def ramp(anchors: tuple[RGB, ...], n: int) -> tuple[RGB, ...]:
    """n colours sampled at band centres (i + 0.5) / n along the piecewise-linear anchor ramp."""
    a = np.asarray(anchors, dtype=np.float64)
    at = np.linspace(0.0, 1.0, len(a))
    t = (np.arange(n) + 0.5) / n
    cols = np.stack([np.interp(t, at, a[:, c]) for c in range(3)], axis=1)
    return tuple(tuple(int(round(v)) for v in row) for row in cols)  # type: ignore[return-value]


def shade(color: tuple[int, ...], factor: float) -> RGB:
    """The colour scaled towards black (factor < 1) or white (factor > 1), clipped to 0..255."""
    if factor <= 1.0:
        return tuple(int(round(c * factor)) for c in color[:3])  # type: ignore[return-value]
    f = factor - 1.0
    return tuple(int(round(c + (255 - c) * f)) for c in color[:3])  # type: ignore[return-value]


@dataclass(frozen=True)
class Palette:
    """Everything the renderer colours: map bands and isolines, markers, UI and fog."""

    name: str
    anchors: tuple[RGB, ...]
    isoline_factor: float  # isoline = band colour × factor (slightly darker than its band)
    major_factor: float  # every fifth isoline: darker still
    isoline_width: int  # px (at 1×): minor isolines
    major_width: int  # px (at 1×): every fifth isoline
    alternate: float = 1.0  # odd bands × this (projector: strong dark/light alternation)
    background: RGB = (18, 22, 30)
    panel: RGB = (30, 35, 46)
    panel_edge: RGB = (58, 66, 84)
    panel_text: RGB = (236, 239, 244)
    muted_text: RGB = (168, 176, 190)
    accent: RGB = (240, 160, 40)  # Okabe–Ito orange: highlights, latest probe
    good: RGB = (96, 186, 240)  # Okabe–Ito sky blue (colour-blind safe against "bad")
    bad: RGB = (238, 110, 50)  # Okabe–Ito vermillion, lightened for dark panels
    undefined: RGB = (120, 120, 124)  # where the surface is not defined (NaN): grey hatching
    undefined_hatch: RGB = (92, 92, 96)
    fog: RGB = (224, 213, 190)  # warm paper / sand
    fog_light: RGB = (242, 235, 219)
    fog_dark: RGB = (196, 182, 156)
    arrow_fill: RGB = (250, 250, 246)
    arrow_outline: RGB = (16, 18, 24)
    probe_fill: RGB = (22, 26, 34)
    probe_ring: RGB = (250, 250, 246)
    path: RGB = (250, 250, 246)
    plate: RGBA = (16, 20, 28, 200)  # translucent label plates on the map
    plate_text: RGB = (248, 248, 244)
    contour_plate: RGBA = (246, 244, 236, 185)  # isoline heights: light plates, so they never pass for probe labels
    contour_text: RGB = (24, 28, 36)
    button: RGB = (52, 62, 84)
    button_text: RGB = (244, 246, 250)
    summit: RGB = (255, 214, 60)
    bands: tuple[RGB, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.bands:
            object.__setattr__(self, "bands", self.band_colors(DEFAULT_BANDS))

    def band_colors(self, n: int = DEFAULT_BANDS) -> tuple[RGB, ...]:
        """n band colours, low → high, with the palette's light/dark alternation applied."""
        cols = ramp(self.anchors, n)
        if self.alternate != 1.0:
            cols = tuple(shade(c, self.alternate) if i % 2 else c for i, c in enumerate(cols))
        return cols

    def isoline_colors(self, n: int = DEFAULT_BANDS) -> tuple[RGB, ...]:
        """Minor isoline colour for each band: slightly darker than the band."""
        return tuple(shade(c, self.isoline_factor) for c in self.band_colors(n))

    def major_colors(self, n: int = DEFAULT_BANDS) -> tuple[RGB, ...]:
        """Every-fifth isoline colour for each band: darker than the minor isolines."""
        return tuple(shade(c, self.major_factor) for c in self.band_colors(n))


_PALETTES: dict[str, Palette] = {
    "viridis": Palette("viridis", VIRIDIS_ANCHORS, isoline_factor=0.72, major_factor=0.42,
                       isoline_width=1, major_width=2),
    "cividis": Palette("cividis", CIVIDIS_ANCHORS, isoline_factor=0.72, major_factor=0.42,
                       isoline_width=1, major_width=2),
    "projector": Palette(
        "projector", PROJECTOR_ANCHORS, isoline_factor=0.45, major_factor=0.12, isoline_width=2,
        major_width=3, alternate=0.74, background=(10, 12, 18), panel=(16, 20, 30), panel_edge=(80, 90, 112),
        panel_text=(255, 255, 255), muted_text=(200, 206, 216), accent=(255, 170, 30), good=(110, 200, 255),
        bad=(255, 120, 60), fog=(232, 224, 204), fog_light=(248, 243, 230), fog_dark=(210, 198, 172),
        plate=(8, 10, 16, 220), button=(46, 60, 96),
    ),
}


def get_palette(name: str) -> Palette:
    """The named palette ("viridis", "cividis" or "projector"); raises ValueError for others."""
    try:
        return _PALETTES[name]
    except KeyError:
        raise ValueError(f"unknown palette {name!r}; known: {', '.join(NAMES)}") from None
