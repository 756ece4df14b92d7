"""The play scene: cursor by keys, mouse or touch; probes, the Taylor preview, the height guess and the claim.

The level's intro shows over the map until the first probe; I or the "Intro" button shows it again at any time,
and then it stays until a probe, Esc, I again or a click on it (a long intro turns its page first)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.core.options import OVERLAYS
from game.text.catalog import t
from game.text.notices import notice_text
from game.text.unbounded import unbounded_warning
from game.text.levels import level_text
from game.core.layout import PLAY_BUTTONS, Layout, LayoutCache
from game.core.model import Game
from game.text.numbers import fmt_number
from game.ui.views.state import ViewState
from game.core.transform import ViewTransform
from game.ui.scenes.base import Context, Scene, next_page, page_control_at
from game.ui.scenes.guess import GUESS_CHARS, guess_step, parse_guess, plain_guess
from game.ui.scenes.intro import IntroState
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.result import ResultScene
from game.ui.tools import tool_classes
from game.ui.widgets import hit

if TYPE_CHECKING:
    from surfaces import Level

PICK_RADIUS = 12  # logical px: a click this close to a probe picks it for the claim instead of probing again
MESSAGE_SECONDS = 3.5
BUTTON_ACTIONS = {"claim": A.CLAIM, "predict": A.PREDICT, "intro": A.INTRO, "help": A.HELP, "menu": A.PAUSE,
                  "page": A.PAGE}


class PlayScene(Scene):
    """One climb of one level. Holds the model Game, the cursor and the input state; PlayView draws it."""

    shows_play_view = True

    def __init__(self, ctx: Context, level: "Level") -> None:
        super().__init__(ctx)
        self.level = level
        self.game = Game(level)
        self.session.started(self.game)
        # every cursor position is a point of this lattice (fine steps from the start), so no float noise shows
        self.lattice = self.game.resolution.lattice
        self.cursor: tuple[float, float] = self.lattice.origin
        self.guess_text: str | None = None  # the open height-guess field
        self.guess_on_top = True  # which half of the map the field sits in; fixed while it is open
        self.guess_fresh = False  # the first typed character replaces the suggested value
        self.message = ""
        self.message_left = 0.0
        self.intro = IntroState()  # the level's intro over the map: shown, re-opened, which page
        self.clock = 0.0  # seconds since the level started (animations)
        self.probe_times: list[float] = []  # clock value of each probe (fog fade, arrow growth)
        self.hover: str | None = None  # the button under the pointer
        self.claim_index: int | None = None  # the probe a claim takes (None: the latest); Tab or a click picks one
        self.hud_page = 0  # the panel's page, when its blocks do not all fit (V, Page Down or its control)
        self._layouts = LayoutCache(PLAY_BUTTONS, level.surface.domain)
        # a pole or overflow: no highest point to find; said over the map, before the intro (not over the panel)
        self.warning = unbounded_warning(level, self.env.lang)
        self.tools = [cls(self) for cls in tool_classes()]  # feature areas: see game/ui/tools

    # --- geometry -----------------------------------------------------------------------------------------
    def layout(self) -> Layout:
        """The play geometry for the current window size: map, panel, buttons and transform."""
        return self._layouts.get(self.env.size, self.env.scale)

    def transform(self) -> ViewTransform:
        """Surface coordinates ↔ screen pixels for the current layout."""
        transform = self.layout().transform
        assert transform is not None
        return transform

    def buttons(self) -> dict[str, pygame.Rect]:
        """The on-screen buttons: claim, predict, help and the pause menu."""
        return {name: pygame.Rect(tuple(box)) for name, box in self.layout().buttons.items()}

    def intro_text(self) -> str:
        """The level's intro in the player's language (after the warning of a surface without a highest point)."""
        text = level_text(self.level, "intro", self.env.lang)
        return text if self.warning is None else self.warning + " " + text

    def intro_pages(self) -> int:
        """How many pages the intro takes on the map at the current window size and scale."""
        return len(self.env.play_view().plan_intro(self.intro_text(), tuple(self.layout().map_rect)).pages)

    def intro_rect(self) -> pygame.Rect | None:
        """Where the intro is on screen while it shows (as drawn last), else None."""
        return self.env.play_view().intro_rect if self.intro.shown and not self.game.finished else None

    def button_specs(self) -> tuple[tuple[str, str, bool, bool], ...]:
        """(name, label, primary, enabled) of each button, for the HUD."""
        lang = self.env.lang
        enabled = {"claim": bool(self.game.probes) and self.game.level.mode != "lab",  # the lab claims nothing
                   "predict": self.game.can_predict or self.guess_text is not None}
        return tuple((name, t(f"button.{name}", lang), name == "claim", enabled.get(name, True))
                     for name in PLAY_BUTTONS)

    def button_at(self, pos: tuple[int, int]) -> str | None:
        """The button under `pos` ("page": the panel's page control), or None."""
        return hit(self.buttons(), pos) or page_control_at(self.env, pos)

    # --- input --------------------------------------------------------------------------------------------
    @property
    def text_mode(self) -> bool:
        return self.guess_text is not None or any(tool.text_mode for tool in self.tools)

    def say(self, key: str, **values: Any) -> None:
        """Show a short message in the play area."""
        self.message = t(key, self.env.lang, **values)
        self.message_left = MESSAGE_SECONDS

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if any(tool.intercept(action) for tool in self.tools) or (self.guess_text is not None and (  # keypad first
                self._handle_guess(action))) or any(tool.handle(action) for tool in self.tools):
            return
        if kind == A.MOVE:
            self._move(action.dx, action.dy, action.fine)
        elif kind == A.POINT and action.pos is not None:
            self.hover = self.button_at(action.pos)
            if self.hover is None and self.transform().contains_screen(*action.pos):
                self.cursor = self.lattice.snap(*self.transform().to_world(*action.pos))
        elif kind == A.CLICK and action.pos is not None:
            name = self.button_at(action.pos)
            banner = self.intro_rect()
            if name is None and banner is not None and banner.collidepoint(action.pos):
                self.intro.press(self.intro_pages())  # a click on the intro pages or closes it; it never probes
            elif name is not None:
                self.handle(A.Action(BUTTON_ACTIONS[name]))
            elif self.transform().contains_screen(*action.pos):
                picked = self._probe_at(action.pos)
                if picked is not None:
                    self._pick(picked)
                    return
                self.cursor = self.lattice.snap(*self.transform().to_world(*action.pos))
                self._probe()
        elif kind in (A.PROBE, A.CONFIRM):
            if action.at is not None:  # autoplay names the point
                if not self.game.in_domain(*action.at):
                    self.say("play.outside")
                    return
                self.cursor = (float(action.at[0]), float(action.at[1]))
            self._probe()
        elif kind == A.CLAIM:
            if action.at is not None:  # autoplay names the probe to claim by its point
                index = self.game.probe_index(*action.at)
                self.claim_index = index if index is not None else self.claim_index
            self._claim()
        elif kind == A.PREDICT:
            self._open_guess()
        elif kind == A.INTRO:
            self.intro.press(self.intro_pages())
        elif kind == A.BACK and self.intro.shown and self.intro.reopened:
            self.intro.close()
        elif kind in (A.BACK, A.PAUSE):
            self.nav.push(PauseScene(self.ctx, self.level.id, self.restart))
        elif kind == A.HELP:
            self.nav.push(self.routes.help())
        elif kind == A.RESTART:
            self.restart()
        elif kind == A.AXES:
            self.env.toggle_overlay("axes")
        elif kind == A.TOGGLE and action.text in OVERLAYS:
            self.env.toggle_overlay(action.text)
        elif kind == A.PAGE:
            self.hud_page = next_page(self.env, self.hud_page, action.dx)
        elif kind in (A.NEXT, A.PREV) and self.game.probes and not self.game.finished:
            count = len(self.game.probes)  # Tab walks back in time (the probe before), Shift+Tab forward
            current = self.claim_index if self.claim_index is not None else count - 1
            self._pick((current + (-1 if kind == A.NEXT else 1)) % count)

    def _handle_guess(self, action: A.Action) -> bool:
        """Actions while the height-guess field is open; True when used."""
        kind = action.kind
        text = self.guess_text or ""
        if kind == A.TEXT:
            typed = "".join(ch for ch in action.text.replace(",", ".").replace("\u2212", "-") if ch in GUESS_CHARS)
            if typed:
                self.guess_text = (typed if self.guess_fresh else text + typed)[:24]
                self.guess_fresh = False
        elif kind in (A.ERASE, A.DELETE):
            self.guess_text = "" if self.guess_fresh else text[:-1]
            self.guess_fresh = False
        elif kind in (A.MOVE, A.ADJUST) and action.dy:
            value = parse_guess(text)
            base = value if value is not None else self._current_height() or 0.0
            up = -action.dy if kind == A.MOVE else action.dy  # screen "down" is +1; the wheel's "up" is +1
            zmin, zmax = self.game.height_range
            value = base + math.copysign(guess_step(zmax - zmin, action.fine), up)
            if not math.isfinite(value):  # stepping past the largest float: stay where we were
                value = base
            self.guess_text = plain_guess(value)
            self.guess_fresh = False
        elif kind == A.CONFIRM:
            value = parse_guess(text)
            if value is None:
                self.say("play.predict_bad", text=text or "…")
            else:
                self.game.predict(value)
                self.guess_text = None
                self.say("play.guess_set", value=fmt_number(value, self.env.lang))
        elif kind in (A.BACK, A.PREDICT):
            self.guess_text = None
        elif kind == A.CLICK and action.pos is not None and (
                self.button_at(action.pos) == "predict" or self.guess_plate(self.layout()).collidepoint(action.pos)):
            return self._handle_guess(A.Action(A.CONFIRM))  # a click on the field itself keeps the guess
        elif kind in (A.PROBE, A.CLICK):
            value = parse_guess(text)  # probing with the field open keeps a valid guess
            if value is not None:
                self.game.predict(value)
            self.guess_text = None
            return False
        elif kind == A.MOVE:
            return True  # left/right do nothing in the number field
        else:
            return kind not in (A.POINT, A.HELP, A.CLAIM)
        return True

    def _current_height(self) -> float | None:
        """The height the guess field's arrows start from: the probe the next one is predicted from."""
        preview = self.game.preview(*self.cursor)
        base = preview.base if preview is not None else None
        return base.value if base is not None and math.isfinite(base.value) else None

    def _open_guess(self) -> None:
        game = self.game
        if game.finished:
            self.say("play.finished")
            return
        if not game.can_predict:
            self.say("play.no_probes" if game.probes_left <= 0 else "play.predict_first")
            return
        self.guess_text = ""  # empty: the player's own number, never the model's
        self.guess_fresh = True
        self.intro.close()  # the field would sit over it
        box = self.layout().map_rect
        _, cursor_y = self.transform().to_screen(*self.cursor)
        self.guess_on_top = cursor_y > box.y + box.h * 0.5  # away from the cursor and the latest probes

    def _move(self, dx: float, dy: float, fine: bool) -> None:
        """Move the cursor by arrow steps (1/40 of the map's width) or fine steps (1/400), on the lattice."""
        self.cursor = self.lattice.move(*self.cursor, dx, -dy, fine)  # screen down is surface -y

    def _probe(self) -> None:
        game = self.game
        if game.finished:
            self.say("play.finished")
            return
        if game.probes_left <= 0:
            self.say("play.no_probes")
            return
        if not game.in_domain(*self.cursor):
            self.say("play.outside")
            return
        forced = game.forced_start
        probe = game.probe(*self.cursor)
        if probe is None:
            self.say("play.outside")
            return
        self.claim_index = None  # a new probe is the one a claim takes, until the player picks another
        self.probe_times.append(self.clock)
        for tool in self.tools:
            tool.after_probe(probe)
        self.intro.close()  # any probe puts the intro away
        if not probe.defined:
            self.say("play.undefined")
        elif game.probes_left == 0:
            self.say("play.no_probes")
        elif forced is not None and forced != self.cursor:
            self.cursor = forced
            self.say("play.at_start")  # the click chose nothing: say why the probe is over there
        else:
            self.message_left = 0.0

    def _probe_at(self, pos: tuple[int, int]) -> int | None:
        """The probe whose marker is under a click (the latest of overlapping ones), or None."""
        transform, reach = self.transform(), PICK_RADIUS * self.env.scale
        for index in range(len(self.game.probes) - 1, -1, -1):
            p = self.game.probes[index]
            sx, sy = transform.to_screen(p.x, p.y)
            if math.hypot(sx - pos[0], sy - pos[1]) <= reach:
                return index
        return None

    def _pick(self, index: int) -> None:
        """Make probe `index` the one a claim takes, and say so."""
        probe = self.game.probes[index]
        self.claim_index = None if index == len(self.game.probes) - 1 else index
        height = fmt_number(probe.value, self.env.lang) if probe.defined else t("hud.undefined", self.env.lang)
        self.say("play.claim_pick", index=index + 1, height=height)

    def _claim(self) -> None:
        if not self.game.probes:
            self.say("play.probe_first")
            return
        if self.game.claim(self.claim_index) is None:
            return
        self.guess_text = None
        for tool in self.tools:
            tool.after_claim(self.game.verdict)
        before, improved, problem = self.session.finish(self.game)
        if problem is not None:
            self.nav.banner(notice_text(problem, self.env.lang))
        self.nav.show(ResultScene(self.ctx, self.game, self.clock, before, improved))

    def restart(self) -> None:
        """Start the same level again."""
        self.nav.show(self.routes.play(self.level))

    # --- frame --------------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.clock += dt
        self.message_left = max(0.0, self.message_left - dt)
        for tool in self.tools:
            tool.update(dt)

    def frame_key(self) -> object:
        """Whether a message still shows (it times out), the guess field's caret blink, the clock while the map
        animates (fog holes opening, arrows growing: the play view says whether its last frame did), and the
        cursor (scripts such as tools/screenshots.py set it directly)."""
        caret = int(self.clock * 2) % 2 if self.guess_text is not None else None
        moving = self.clock if self.env.play_view().animating else None
        return self.message_left > 0, caret, moving, self.cursor, tuple(tool.frame_key() for tool in self.tools)

    def view_state(self) -> ViewState:
        """What PlayView needs to draw this frame."""
        env = self.env
        message = self.message if self.guess_text is None and self.message_left > 0 else None
        intro = self.intro_text() if self.intro.shown and self.guess_text is None and not self.game.finished else None
        hover = "predict" if self.guess_text is not None else self.hover
        state = ViewState(cursor=None if self.game.finished else self.cursor, hidden=env.hidden, lang=env.lang,
                         tr=env.tr, now_ms=self.clock * 1000.0, message=message, intro=intro,
                         intro_page=self.intro.page, hover=hover,
                         buttons=self.button_specs(), show_preview=self.guess_text is None and not any(t.hides_preview for t in self.tools),
                         claim_index=self.claim_index, page=self.hud_page, key_hints=not env.touch,
                         revealed=any(tool.reveals_map for tool in self.tools))
        for tool in self.tools:
            state = tool.view(state)
        return state

    def draw(self, target: pygame.Surface) -> None:
        layout = self.layout()
        self.env.play_view().draw(target, self.game, self.view_state(), layout)
        if self.guess_text is not None:
            self._draw_guess(target, layout)
        for tool in self.tools:
            tool.draw(target, layout)

    def guess_plate(self, layout: Layout) -> pygame.Rect:
        """Where the height-guess field sits: over the map, on the half away from where the cursor was when it
        opened (it must not jump away while the pointer moves towards it)."""
        env = self.env
        fonts = env.fonts
        box = layout.map_rect
        pad = int(12 * env.scale)
        title = t("play.predict_title", env.lang)
        hint = t("play.predict_hint", env.lang)
        width = max(fonts.measure(title, "body")[0], fonts.measure(hint, "small")[0]) + 2 * pad
        height = fonts.measure("Ag", "body")[1] + fonts.measure("Ag", "big")[1] + fonts.measure("Ag", "small")[1] + 3 * pad
        plate = pygame.Rect(0, 0, min(width, box.w), height)
        if self.guess_on_top:  # chosen when the field opened, so the pointer can reach it
            plate.midtop = (box.x + box.w // 2, box.y + pad)
        else:
            plate.midbottom = (box.x + box.w // 2, box.bottom - pad)
        return plate

    def _draw_guess(self, target: pygame.Surface, layout: Layout) -> None:
        env = self.env
        fonts = env.fonts
        pad = int(12 * env.scale)
        title = t("play.predict_title", env.lang)
        hint = t("play.predict_hint", env.lang)
        typed = (self.guess_text or "").replace(".", t("format.decimal", env.lang))
        value = typed + ("|" if int(self.clock * 2) % 2 == 0 else " ")
        plate = self.guess_plate(layout)
        target.blit(fonts.plate(plate.w, plate.h, env.palette.plate, pad), plate)
        pygame.draw.rect(target, env.palette.accent, plate, max(1, int(2 * env.scale)), border_radius=pad)
        y = plate.y + pad // 2
        y = fonts.draw(target, title, (plate.centerx, y), "body", env.palette.plate_text, anchor="midtop").bottom
        y = fonts.draw(target, value, (plate.centerx, y + pad // 2), "big", env.palette.accent, anchor="midtop").bottom
        fonts.draw(target, hint, (plate.centerx, y + pad // 2), "small", env.palette.muted_text, anchor="midtop")



__all__ = ["PlayScene"]
