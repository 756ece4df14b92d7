"""The 3D view: projection math, the revealed-only rule, input, --view, and hostile surfaces."""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest
from hypothesis import given, settings, strategies as st

import surfaces
from game import cli
from game.core import actions as A
from game.core.camera import HEIGHT, Box, Camera, Projection
from game.core.heightfield import FOG, TERRAIN, UNDEFINED, build
from game.core.options import OptionsError, parse_args, parse_query, to_query
from game.ui.palette import get_palette
from game.ui.views import terrain3d
from game.ui.views.view3d import Scene3D, View3D

BUMPY = "2*exp(-((x-0.5)^2 + (y+0.3)^2)) + 0.3*sin(2*x)*cos(y)"  # not a built-in level


def playing(make_app, run_frames, *flags, probes=()):
    """A running app on the play screen with `probes` placed as a player would (no script: it keeps running)."""
    app = make_app("--expr", BUMPY, *flags)
    run_frames(app, 2)
    for point in probes:
        app.dispatch(A.Action(A.PROBE, at=point))
    run_frames(app, 2)
    assert app.running
    return app


def tool_of(app):
    from game.ui.tools.view3d import View3DTool

    return next(tool for tool in app.top.tools if isinstance(tool, View3DTool))


# --- projection ---------------------------------------------------------------------------------------
def test_a_known_point_lands_where_the_hand_computation_says():
    # azimuth 90: screen-right is +v, "towards the viewer" is +u; elevation 30: cos = √3/2, sin = 1/2
    camera = Camera(azimuth=90.0, elevation=30.0, zoom=1.0)
    projection = Projection(camera, (10, 20, 400, 300))
    s = projection.scale
    x, y = projection.to_screen(0.5, -0.25, 0.7)
    assert x == pytest.approx(10 + 200 + s * -0.25)
    assert y == pytest.approx(20 + 150 - s * ((0.7 - HEIGHT / 2) * math.sqrt(3) / 2 - 0.5 * 0.5))


def test_looking_straight_down_is_the_map_x_right_y_up():
    projection = Projection(Camera(azimuth=0.0, elevation=90.0), (0, 0, 200, 200))
    s = projection.scale
    assert projection.to_screen(1.0, 0.0, 0.3) == pytest.approx((100 + s, 100))  # heights do not move it
    assert projection.to_screen(0.0, 1.0, 0.0) == pytest.approx((100, 100 - s))


def test_box_maps_the_domain_longer_side_to_minus_one_one():
    box = Box((-2.0, 6.0, 0.0, 4.0))
    assert box.to_box(6.0, 2.0) == pytest.approx((1.0, 0.0))
    assert box.to_surface(-1.0, 0.5) == pytest.approx((-2.0, 4.0))
    assert box.extent == pytest.approx((1.0, 0.5))


def test_the_camera_clamps_and_ignores_nan():
    camera = Camera(elevation=35.0)
    assert camera.turned(math.nan, math.inf) == camera
    assert camera.turned(0, 500).elevation == 90.0 and camera.turned(0, -500).elevation == 10.0
    assert camera.turned(370.0).azimuth == pytest.approx(40.0)
    assert camera.zoomed(math.inf) == camera and camera.zoomed(1e9).zoom == 4.0 and camera.zoomed(-1e9).zoom == 0.5


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 359), st.floats(20, 85), st.floats(-0.7, 0.7), st.floats(-0.7, 0.7))
def test_picking_the_picture_finds_the_point_drawn_there(azimuth, elevation, u, v):
    surface = surfaces.from_expression(BUMPY, domain=(-3, 3, -3, 3))
    field = build(surface, Box(surface.domain), None, (-0.5, 2.5))
    projection = Projection(Camera(azimuth, elevation), (0, 0, 300, 240))
    frame = terrain3d.render(field, terrain3d.node_colours(field), projection)
    w = float(np.interp(u, field.us, [np.interp(v, field.vs, field.w[:, i]) for i in range(len(field.us))]))
    if not terrain3d.visible(frame, u, v, w, slack=-1.0):
        return  # behind a hill from here: the pixel shows something nearer
    px, py = frame.projection.to_screen(u, v, w)
    found = terrain3d.pick(frame, px, py + 0.5)
    assert found is not None
    assert math.hypot(found[0] - u, found[1] - v) < 0.08  # a few node spacings (the picture's pixel is coarse)


# --- the revealed-only rule ----------------------------------------------------------------------------
class Recording:
    """A surface that remembers every point it was asked for."""

    def __init__(self, surface):
        self.surface, self.domain, self.asked = surface, surface.domain, []

    def __call__(self, x, y):
        self.asked.append((np.array(x, dtype=float).ravel(), np.array(y, dtype=float).ravel()))
        return self.surface(x, y)


DISCS = ((-1.0, 0.5, 0.6), (0.2, 1.0, 0.6))
HIDDEN = "+ 40*max(0, 1 - ((x-2)^2 + (y+2)^2)*2)"  # a tall summit far from both discs, exactly 0 near them


def test_during_play_only_points_inside_probed_discs_are_evaluated():
    recording = Recording(surfaces.from_expression(BUMPY))
    field = build(recording, Box(recording.domain), DISCS)
    xs = np.concatenate([x for x, _ in recording.asked])
    ys = np.concatenate([y for _, y in recording.asked])
    assert xs.size > 0
    inside = np.zeros(xs.shape, dtype=bool)
    for x, y, r in DISCS:
        inside |= np.hypot(xs - x, ys - y) <= r + 1e-12
    assert inside.all()
    assert set(np.unique(field.kind)) <= {FOG, TERRAIN} and (field.level[field.kind == FOG] == 0).all()


def test_a_hidden_summit_changes_nothing_the_3d_view_draws_during_play():
    plain = surfaces.from_expression(BUMPY)
    tall = surfaces.from_expression(BUMPY + HIDDEN)
    a, b = (build(s, Box(s.domain), DISCS) for s in (plain, tall))
    for name in ("kind", "level", "light"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert (a.lo, a.hi) == (b.lo, b.hi)
    pictures = []
    for surface in (plain, tall):
        target = pygame.Surface((400, 300))
        View3D(get_palette("viridis"), 1.0).draw(target, pygame.Rect(0, 0, 400, 300), Scene3D(surface, (), DISCS),
                                                  Camera())
        pictures.append(pygame.surfarray.array3d(target))
    assert np.array_equal(*pictures)
    full = build(tall, Box(tall.domain), None, tall.value_range())
    assert not np.array_equal(full.level, a.level)  # the test can fail: revealed, the summit shows


def test_the_play_screen_in_3d_shows_the_same_pixels_whatever_hides_under_the_fog(make_app, run_frames, data_dir):
    shots = []
    for expr in (BUMPY, BUMPY + HIDDEN):
        app = make_app("--expr", expr, "--probe", "-1,0.5", "--probe", "0.2,1", "--view", "3d")
        run_frames(app, 8)
        tool = tool_of(app)
        assert tool.state.on and tool.scene3d().discs is not None
        area = pygame.Rect(tuple(app.top.layout().map_rect))
        shots.append(pygame.surfarray.array3d(app.screen.subsurface(area)).copy())
    assert np.array_equal(*shots)


def test_after_the_claim_and_in_lab_mode_all_of_it_shows(make_app, run_frames, data_dir):
    app = make_app("--expr", BUMPY, "--probe", "-1,0.5", "--claim", "--view", "3d")
    run_frames(app, 8)
    assert type(app.top).__name__ == "ResultScene"
    assert tool_of(app).scene3d().discs is None and tool_of(app).state.on
    lab = make_app("--expr", BUMPY, "--probe", "-1,0.5", "--mode", "lab", "--view", "3d")
    run_frames(lab, 4)
    assert type(lab.top).__name__ == "PlayScene" and tool_of(lab).scene3d().discs is None


# --- input ----------------------------------------------------------------------------------------------
def test_keys_drag_and_wheel_change_the_view(make_app, run_frames, data_dir):
    app = playing(make_app, run_frames, probes=[(0.0, 0.0)])
    tool = tool_of(app)
    assert not tool.state.on
    cursor = app.top.cursor
    app.dispatch(A.Action(A.MOVE, dx=1.0))
    assert app.top.cursor != cursor  # in the map the arrows move the cursor
    app.dispatch(A.Action(A.VIEW))
    assert tool.state.on
    start = tool.state.camera
    app.dispatch(A.Action(A.MOVE, dx=1.0))
    app.dispatch(A.Action(A.MOVE, dy=-1.0))
    assert tool.state.camera.azimuth != start.azimuth and tool.state.camera.elevation > start.elevation
    app.dispatch(A.Action(A.ADJUST, dy=1.0))
    assert tool.state.camera.zoom > start.zoom
    run_frames(app, 2)
    centre = pygame.Rect(tuple(app.top.layout().map_rect)).center
    turned = tool.state.camera
    app.dispatch(A.Action(A.CLICK, pos=centre))
    app.dispatch(A.Action(A.DRAG, dx=40.0, dy=10.0, pos=centre))
    app.dispatch(A.Action(A.RELEASE, pos=centre))
    assert tool.state.camera != turned and len(app.top.game.probes) == 1  # a drag turns; it does not probe
    app.dispatch(A.Action(A.VIEW))
    assert not tool.state.on


def test_a_click_that_does_not_drag_probes_at_the_ground_under_it(make_app, run_frames, data_dir):
    app = playing(make_app, run_frames, "--mode", "lab", "--view", "3d")
    tool = tool_of(app)
    centre = pygame.Rect(tuple(app.top.layout().map_rect)).center
    app.dispatch(A.Action(A.POINT, pos=centre))
    aimed = app.top.cursor
    picked = tool.renderer.pick(centre, app.top.game.surface.domain)
    assert picked is not None and math.hypot(aimed[0] - picked[0], aimed[1] - picked[1]) < 0.1
    app.dispatch(A.Action(A.CLICK, pos=centre))
    app.dispatch(A.Action(A.RELEASE, pos=centre))
    assert len(app.top.game.probes) == 1


def test_a_finger_drag_turns_and_a_tap_probes(make_app, run_frames, data_dir):
    app = playing(make_app, run_frames, "--mode", "lab", "--view", "3d")
    tool = tool_of(app)
    x, y = pygame.Rect(tuple(app.top.layout().map_rect)).center
    size = app.size
    finger = dict(finger_id=1, touch_id=0)
    before = tool.state.camera
    for kind, fx, fy, dx in ((pygame.FINGERDOWN, x, y, 0), (pygame.FINGERMOTION, x + 60, y, 60),
                             (pygame.FINGERUP, x + 60, y, 0)):
        pygame.event.post(pygame.event.Event(kind, x=fx / size[0], y=fy / size[1], dx=dx / size[0], dy=0.0, **finger))
        run_frames(app, 1)
    assert tool.state.camera.azimuth != before.azimuth and not app.top.game.probes  # dragged: turned, no probe
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        pygame.event.post(pygame.event.Event(kind, x=x / size[0], y=y / size[1], dx=0.0, dy=0.0, **finger))
        run_frames(app, 1)
    assert len(app.top.game.probes) == 1  # a tap on the ground probes there


def test_the_mouse_and_touch_map_to_drag_and_release():
    from game.ui.input import InputMapper

    mapper = InputMapper()
    held = pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 6), rel=(3, -2), buttons=(1, 0, 0))
    assert [a.kind for a in mapper.map(held, (800, 600))] == [A.POINT, A.DRAG]
    free = pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 6), rel=(3, -2), buttons=(0, 0, 0))
    assert [a.kind for a in mapper.map(free, (800, 600))] == [A.POINT]
    up = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(5, 6), button=1)
    assert mapper.map(up, (800, 600)) == [A.Action(A.RELEASE, pos=(5, 6))]
    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_d, mod=0, unicode="d")
    assert mapper.map(key, (800, 600)) == [A.Action(A.VIEW)]


# --- --view ---------------------------------------------------------------------------------------------
def test_the_view_flag_and_url_parameter():
    assert parse_args([]).view == "map"
    assert parse_args(["--view", "3D"]).view == "3d"
    options, problems = parse_query("view=3d")
    assert options.view == "3d" and not problems and "view=3d" in to_query(options)
    options, problems = parse_query("view=globe")
    assert options.view == "map" and problems
    with pytest.raises(OptionsError, match="--view"):
        parse_args(["--view", "globe"])


def test_a_headless_3d_screenshot(tmp_path, capsys, data_dir, display):
    shot = tmp_path / "view.png"
    assert cli.main(["--headless", "--expr", BUMPY, "--probe", "0,0", "--claim", "--view", "3d",
                     "--frames", "120", "--screenshot", str(shot)]) == 0
    picture = pygame.surfarray.array3d(pygame.image.load(str(shot)))
    assert len(np.unique(picture.reshape(-1, 3), axis=0)) > 50  # a lit terrain, not an empty frame


# --- never crash ----------------------------------------------------------------------------------------
HOSTILE = ["1/(x*y)", "log(x)", "1e300*x", "1e300*exp(x^2*y)", "-1e300 + x", "sqrt(-1 - x^2)", "0*x",
           "1/((x-0.5)^2 + y^2)", "tan(4*x)*1e300"]


@pytest.mark.parametrize("expr", HOSTILE)
def test_hostile_surfaces_render_without_nan_or_crash(expr):
    surface = surfaces.from_expression(expr)
    box = Box(surface.domain)
    for discs, limits in ((None, (-1e300, 1e300)), (None, (0.0, 1.0)), (DISCS, None), ((), None)):
        field = build(surface, box, discs, limits)
        assert np.isfinite(field.level).all() and np.isfinite(field.light).all()
        assert math.isfinite(field.lo) and math.isfinite(field.hi) and field.lo < field.hi
        assert set(np.unique(field.kind)) <= {FOG, TERRAIN, UNDEFINED}
        frame = terrain3d.render(field, terrain3d.node_colours(field), Projection(Camera(), (0, 0, 120, 90)))
        assert frame.pixels.shape == (120, 90) and int(frame.pixels.max()) <= terrain3d.SKY + 1
        assert np.isfinite(frame.ymin[np.isfinite(frame.ymin)]).all()


@pytest.mark.parametrize("expr", ["1/(x*y)", "log(x)", "1e300*x*y"])
def test_hostile_surfaces_in_the_game_in_3d(expr, make_app, run_frames, data_dir):
    app = make_app("--expr", expr, "--view", "3d")
    run_frames(app, 2)
    steps = [A.Action(A.PROBE, at=(1.0, 1.0)), A.Action(A.PROBE, at=(2.0, 0.5)), A.Action(A.MOVE, dx=1.0),
             A.Action(A.ADJUST, dy=-3.0), A.Action(A.CLAIM), A.Action(A.MOVE, dy=1.0), A.Action(A.VIEW),
             A.Action(A.VIEW)]
    for action in steps:
        app.dispatch(action)
        run_frames(app, 2)
    assert app.running and type(app.top).__name__ == "ResultScene" and tool_of(app).state.on


def test_the_picture_is_cached_until_the_view_changes(make_app, run_frames, data_dir):
    app = playing(make_app, run_frames, "--view", "3d", probes=[(0.0, 0.0)])
    run_frames(app, 30)
    tool = tool_of(app)
    renders = tool.renderer.renders
    run_frames(app, 10)
    assert tool.renderer.renders == renders  # nothing changed: the picture is only blitted
    app.dispatch(A.Action(A.MOVE, dx=1.0))
    run_frames(app, 1)
    assert tool.renderer.renders == renders + 1 and tool.fast  # turning: the fast picture
    run_frames(app, 30)
    assert tool.renderer.renders == renders + 2 and not tool.fast  # settled: the sharp one, once


def test_the_data_inset_keeps_clear_of_the_3d_views_legend(make_app, data_dir):
    """A model level in the 3D view: the inset with the model's curve was drawn over the view's legend (found
    looking at the lab under Xvfb this stop)."""
    from game.ui.tools.model_inset import ModelInset
    from game.ui.tools.view3d import View3DTool

    app = make_app("--mode", "lab", "--level", "neuron", "--probe", "1.16,-0.375", "--view", "3d", size=(1900, 1050))
    for _ in range(3):
        app.step(1 / 60)
    view = next(tool for tool in app.top.tools if isinstance(tool, View3DTool))
    inset = next(tool for tool in app.top.tools if isinstance(tool, ModelInset))
    layout = app.top.layout()
    legend = view.occupied(layout)
    assert legend is not None and legend.h > 0 and legend.topleft == view.view_rect(layout).topleft
    rect = inset.rect(layout)
    assert rect is None or not rect.colliderect(legend)
    view.state.on = False
    assert view.occupied(layout) is None
