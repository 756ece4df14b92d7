"""A scene, and the narrow interface it gets: navigation, routes to the other screens, session data, environment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pygame

from game.core import actions as A
from game.core.session import Session
from game.ui.env import Environment
from game.ui.fonts import Fonts, get_fonts
from game.ui.widgets import fit_scale

if TYPE_CHECKING:
    from surfaces import Level


class Navigator(Protocol):
    """The stack of screens (Arcade's window.show_view): what a scene may do to it."""

    def show(self, scene: "Scene") -> None:
        """Make `scene` the only scene."""

    def push(self, scene: "Scene") -> None:
        """Open `scene` over the current one (Pause, Help)."""

    def pop(self) -> None:
        """Close the top scene (never the last one)."""

    def quit(self) -> None:
        """End the game (desktop)."""

    def banner(self, text: str) -> None:
        """Show a one-line message at the top of the screen for a few seconds."""


class Routes(Protocol):
    """The screens other screens reach by name; each call builds a new scene (see game/ui/scenes/routes.py)."""

    def title(self) -> "Scene":
        """The title screen."""

    def levels(self, selected: str | None = None) -> "Scene":
        """Level select, with `selected` (a level id) highlighted."""

    def play(self, level: "Level") -> "Scene":
        """A fresh climb of `level`."""

    def help(self) -> "Scene":
        """The help overlay."""

    def entry(self, mode: str) -> "Scene":
        """Typing an expression ("expr") or a class code ("code")."""

    def data(self) -> "Scene":
        """"Your data": two typed or pasted columns, fitted by a model."""


@dataclass
class Context:
    """Everything a scene may use; never the app itself."""

    nav: Navigator
    routes: Routes
    session: Session
    env: Environment


class Scene:
    """One screen. State changes only in handle() and update(); draw() only reads state.

    The app draws a frame only when something changed: after any input, a resize or a change of scenes or
    banners, and when a visible scene's frame_key() differs from the last frame's. A scene whose picture moves
    without input (a clock: a blinking caret, a message that times out, an animation) says so there."""

    opaque = True  # False: the scene below is drawn first (overlays such as Pause and Help)
    shows_play_view = False  # True: draws env.play_view() (its layers are freed while no such scene is shown)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.nav = ctx.nav
        self.routes = ctx.routes
        self.session = ctx.session
        self.env = ctx.env

    @property
    def text_mode(self) -> bool:
        """True while a text field has focus: letter keys then type instead of commanding."""
        return False

    def handle(self, action: A.Action) -> None:
        """React to one action."""

    def update(self, dt: float) -> None:
        """Advance animations by dt seconds."""

    def draw(self, target: pygame.Surface) -> None:
        """Draw the scene; must not change state."""

    def frame_key(self) -> object:
        """What the picture depends on that changes without input (input always redraws): the app draws again
        when this differs from the last frame's. The default, a new object every frame, redraws every frame
        (safe for a scene that does not say); a still scene returns a constant, an animating one its clock."""
        return object()

    def fit_scale(self, needed_height: float, needed_width: float = 0.0) -> float:
        """The UI scale for content of this many logical px in the current window (see widgets.fit_scale)."""
        return fit_scale(self.env.size, self.env.scale, needed_height, needed_width)

    @staticmethod
    def fonts_for(scale: float) -> Fonts:
        """The shared Fonts for a UI scale."""
        return get_fonts(scale)

    def open_screen(self, kind: str) -> bool:
        """The screens menu-like scenes open by shortcut (H help, E expression, K class code); True if used."""
        if kind == A.HELP:
            self.nav.push(self.routes.help())
        elif kind == A.EXPR:
            self.nav.push(self.routes.entry("expr"))
        elif kind == A.CODE:
            self.nav.push(self.routes.entry("code"))
        elif kind == A.DATA:  # model levels (issue 14)
            self.nav.push(self.routes.data())
        else:
            return False
        return True


def page_control_at(env: Environment, pos: tuple[int, int]) -> str | None:
    """"page" when `pos` is on the play panel's page control as last drawn, else None."""
    pages = env.play_view().hud_pages
    control = pages.control if pages is not None else None
    return "page" if control is not None and control.contains(*pos) else None


def next_page(env: Environment, page: int, step: float = 0.0) -> int:
    """The panel's page after `page` (`step` < 0: the one before), wrapping round; 0 while it has one page."""
    pages = env.play_view().hud_pages
    count = pages.count if pages is not None else 1
    if count <= 1:
        return 0
    return (min(page, count - 1) + (-1 if step < 0 else 1)) % count


__all__ = ["Scene", "Context", "Navigator", "Routes", "page_control_at", "next_page"]
