"""Local maxima on the map's edges and corners (surfaces/edges.py), on surfaces whose tops are known by hand."""

from __future__ import annotations

import math

import pytest

import surfaces
from surfaces.edges import edge_maxima


def tops(text: str, domain=(-3, 3, -3, 3)) -> list[tuple[float, float, float]]:
    return surfaces.from_expression(text, domain=domain).edge_maxima()


def near(found, x, y, tol=1e-6) -> bool:
    return any(math.hypot(fx - x, fy - y) < tol for fx, fy, _ in found)


def test_a_top_on_the_right_edge():
    found = tops("x - (y-0.5)^2")  # along x = 3: 3 − (y − 0.5)², top at y = 0.5; uphill (+x) is off the map
    assert len(found) == 1 and near(found, 3.0, 0.5) and found[0][2] == pytest.approx(3.0, abs=1e-12)


def test_a_planes_top_is_a_corner():
    assert [(round(x, 9), round(y, 9)) for x, y, _ in tops("2*x + y")] == [(3.0, 3.0)]
    assert [(round(x, 9), round(y, 9)) for x, y, _ in tops("-x - y", (0, 1, 0, 2))] == [(0.0, 0.0)]


def test_a_saddle_has_two_edge_tops_and_uphill_inwards_is_none():
    found = tops("x^2 - y^2")
    assert len(found) == 2 and near(found, 3.0, 0.0) and near(found, -3.0, 0.0)
    # x + cos(2y): the left edge's tops climb into the map (∂f/∂x = 1 > 0): not edge maxima; the right edge has
    # one at y = 0 and the two corners, where cos(2y) still rises towards y = ±3
    found = tops("x + cos(2*y)")
    assert len(found) == 3 and near(found, 3.0, 0.0) and near(found, 3.0, 3.0) and near(found, 3.0, -3.0)
    assert all(x == 3.0 for x, _, _ in found)


def test_interior_hill_level_edge_and_pole_give_none():
    assert tops("-(x^2 + y^2)") == []  # every edge's top has uphill into the map
    assert tops("x") == []  # the right edge is level: no strict top on it
    assert tops("1/x") == []  # the heights grow without bound towards x = 0 along the top and bottom edges


def test_builtin_levels_edge_tops():
    by_id = {lv.id: lv.surface for lv in surfaces.builtin_levels()}
    assert [(round(x, 6), round(y, 6)) for x, y, _ in by_id["rise-over-run"].edge_maxima()] == [(3.0, 3.0)]
    rough = by_id["rough-ground"].edge_maxima()
    assert len(rough) >= 2 and all(x in (-3.0, 3.0) or y in (-3.0, 3.0) for x, y, _ in rough)
    for x, y, v in rough:  # each is higher than its neighbourhood inside the map
        s = by_id["rough-ground"]
        for dx in (-0.02, 0.0, 0.02):
            for dy in (-0.02, 0.0, 0.02):
                qx, qy = min(3.0, max(-3.0, x + dx)), min(3.0, max(-3.0, y + dy))
                assert s(qx, qy) <= v + 1e-12
    for lv_id in ("one-hill", "banana-ridge", "two-peaks", "needle-peak"):
        assert by_id[lv_id].edge_maxima() == [], lv_id


def test_works_on_any_object_with_domain_and_heights():
    class Tilted:
        domain = (0.0, 2.0, 0.0, 1.0)

        def heights(self, x, y):
            return -(x - 2.5) ** 2 - y

    assert [(round(x, 6), round(y, 6)) for x, y, _ in edge_maxima(Tilted())] == [(2.0, 0.0)]
