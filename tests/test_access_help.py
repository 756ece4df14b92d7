"""The paged help: every row of every feature area is drawn whole on some page, at 640×480 1× and in classroom
mode at 1920×1080; keys, Tab and the page buttons turn the pages."""

from __future__ import annotations

import pygame
import pytest

from game.core import actions as A
from game.text.catalog import t
from game.ui.fonts import Fonts
from game.ui.scenes import help as help_scene
from game.ui.scenes.help import HelpScene

MANY = tuple((key, False) for key, _ in help_scene.PLAY_ROWS)  # stand-ins for the other areas' rows


@pytest.fixture
def drawn(monkeypatch):
    """(text, rect) of every text drawn."""
    seen: list[tuple[str, pygame.Rect]] = []
    real = Fonts.draw

    def spy(self, target, text, *args, **kwargs):
        rect = real(self, target, text, *args, **kwargs)
        seen.append((text, pygame.Rect(rect)))
        return rect

    monkeypatch.setattr(Fonts, "draw", spy)
    return seen


def open_help(make_app, run_frames, size, *flags):
    app = make_app("--level", "one-hill", *flags, size=size)
    run_frames(app, 1)
    if not isinstance(app.top, HelpScene):
        app.dispatch(A.Action(A.HELP))
    run_frames(app, 1)
    assert isinstance(app.top, HelpScene)
    return app


@pytest.mark.parametrize("size, flags", [((640, 480), ()), ((1920, 1080), ("--classroom",)), ((1280, 800), ())])
@pytest.mark.parametrize("crowded", [False, True])
def test_every_row_is_drawn_whole_on_some_page(make_app, run_frames, drawn, monkeypatch, size, flags, crowded):
    if crowded:  # five more areas' worth of rows, as the other feature areas will add
        sections = tuple((heading, rows or MANY) for heading, rows in help_scene.SECTIONS)
        monkeypatch.setattr(help_scene, "SECTIONS", sections)
    app = open_help(make_app, run_frames, size, *flags)
    scene = app.top
    pages = len(scene.plan().pages)
    screen = pygame.Rect((0, 0), size)
    panel = scene.plan().panel
    texts: list[str] = []
    for page in range(pages):
        scene.page = page
        drawn.clear()
        scene.draw(pygame.Surface(size))  # the help alone (the scene under it draws its own texts)
        mine = list(drawn)
        assert all(panel.contains(rect) and screen.contains(rect) for _, rect in mine)
        # nothing overlaps on a page (each line has its own place)
        rects = [rect for _, rect in mine]
        assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.h and b.h)
        texts += [text for text, _ in mine]
    joined = " ".join(texts)
    for heading, rows in scene.sections():
        assert heading in texts
        for key, does in rows:
            assert key in texts and " ".join(does.split()) in " ".join(joined.split())
    if crowded:
        assert pages >= 2
    if size == (1920, 1080):
        assert scene.plan().scale >= 2  # classroom text stays large: pages, not a smaller font


def test_pages_turn_by_keys_tab_and_buttons(make_app, run_frames, monkeypatch):
    sections = tuple((heading, rows or MANY) for heading, rows in help_scene.SECTIONS)
    monkeypatch.setattr(help_scene, "SECTIONS", sections)
    app = open_help(make_app, run_frames, (640, 480))
    scene = app.top
    count = len(scene.plan().pages)
    assert count >= 3
    app.dispatch(A.Action(A.PAGE))
    assert scene.page == 1
    app.dispatch(A.Action(A.PAGE, dx=-1.0))
    assert scene.page == 0
    app.dispatch(A.Action(A.MOVE, dx=1.0))
    app.dispatch(A.Action(A.NEXT))
    assert scene.page == 2
    app.dispatch(A.Action(A.PREV))
    assert scene.page == 1
    pager = scene.plan().pager
    assert min(box.h for box in pager.values()) >= 44 and min(box.w for box in pager.values()) >= 44
    app.dispatch(A.Action(A.CLICK, pos=pager["next"].center))
    assert scene.page == 2 and isinstance(app.top, HelpScene)
    app.dispatch(A.Action(A.CLICK, pos=pager["prev"].center))
    assert scene.page == 1
    app.dispatch(A.Action(A.BACK))
    assert not isinstance(app.top, HelpScene)


def test_access_rows_are_listed_in_both_languages(make_app, run_frames):
    for lang in ("en", "de"):
        app = make_app("--level", "one-hill", "--lang", lang)
        run_frames(app, 1)
        app.dispatch(A.Action(A.HELP))
        keys = [key for _, rows in app.top.sections() for key, _ in rows]
        for row in ("key.readout", "key.sound", "key.keypad"):
            assert t(row, lang) in keys


def test_every_command_key_is_listed_in_the_help(make_app, run_frames):
    """Keyboard for everything: each key of the one key table (every area's KEYS.update) is named by a help row."""
    from game.ui.input import KEYS

    special = {pygame.K_SPACE: "Space", pygame.K_RETURN: "Enter", pygame.K_ESCAPE: "Esc", pygame.K_F1: "F1",
               pygame.K_F11: "F11", pygame.K_PAGEDOWN: "Page Down"}
    unlisted = {pygame.K_PAUSE, pygame.K_KP_ENTER, pygame.K_KP_MINUS, pygame.K_KP_PLUS}  # the same as Esc, Enter, - and =, on keyboards that have them
    app = open_help(make_app, run_frames, (1280, 800))
    from game.ui.tools.commands import _key_names

    labels = [key for key, _ in app.top.rows()]
    tokens = {token for label in labels for token in _key_names(label)}
    for code in set(KEYS) - unlisted:
        name = special.get(code, pygame.key.name(code).upper())
        assert name in tokens or (" " in name and any(name in label for label in labels)), f"{name} is not in the help"
