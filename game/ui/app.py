"""The one async main loop for desktop and browser: window, events → actions → scenes, autoplay, record/replay."""

from __future__ import annotations

from game.ui.headless import quiet_pygame, use_dummy_drivers

quiet_pygame()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from typing import Any  # noqa: E402

import pygame  # noqa: E402

import surfaces  # noqa: E402
from game.core import actions as A  # noqa: E402
from game.ui import browser  # noqa: E402
from game.core.climbers import next_move, summary  # noqa: E402
from game.text.catalog import t  # noqa: E402
from game.core.options import Options, replace  # noqa: E402
from game.core.record import Recorder, Replay, ReplayError, load_replay  # noqa: E402
from game.ui.palette import get_palette  # noqa: E402
from game.ui.fonts import get_fonts  # noqa: E402
from game.ui.input import InputMapper  # noqa: E402
from game.ui.scenes.base import Scene  # noqa: E402
from game.core.storage import MemoryBackend, Store  # noqa: E402

DESKTOP_SIZE = (1280, 800)  # default window
CLASSROOM_SIZE = (1920, 1080)  # default window in classroom mode (projectors)
FPS = 60
HEADLESS_DT = 1 / FPS  # headless runs use a fixed time step, so screenshots at frame N are reproducible
AUTOPLAY_EVERY = 12  # frames between autoplay moves in a window
AUTOPLAY_LINGER = 150  # frames the result stays on screen before a windowed autoplay exits
BANNER_SECONDS = 9.0
MIN_WINDOW = (640, 480)  # the smallest window the layout is designed for (as --size allows)
KEY_REPEAT = (320, 40)  # ms before an arrow key repeats, ms between repeats


class StartupError(Exception):
    """A problem found before the window opens; one line for stderr, exit code 2."""


def in_browser() -> bool:
    """True under pygbag (the check lives in game.ui.browser, the one module that knows the browser)."""
    return browser.is_browser()


def resolve_level(options: Options, lang: str = "en") -> Any:
    """The Level to start in from --level / --seed / --expr (None: start at the title); StartupError if bad."""
    if options.level is not None:
        try:
            return surfaces.level_by_id(options.level)
        except surfaces.LevelError:
            raise StartupError(f"unknown level '{options.level}'; see `uphill levels`") from None
    if options.seed is not None:
        return seed_level(options.seed, lang)
    if options.expr is not None:
        return expression_level(options.expr)
    return None


def seed_level(code: str, lang: str = "en") -> Any:
    """The free-play level for a class code; StartupError with the reason when the code is invalid."""
    try:
        norm = surfaces.normalize_code(code)
        surface = surfaces.from_seed(norm)
    except ValueError as error:
        raise StartupError(f"--seed {code!r}: {error}") from None
    return surfaces.custom_level(surface, id=norm, title=t("level.seed", lang, code=norm))


def expression_level(text: str) -> Any:
    """The free-play level for a typed expression; StartupError naming the position when it does not parse."""
    try:
        surface = surfaces.from_expression(text)
    except surfaces.ExpressionError as error:
        where = "" if "position" in str(error) else f" (at position {error.position})"
        raise StartupError(f"--expr {text!r}: {error}{where}") from None
    except ValueError as error:
        raise StartupError(f"--expr {text!r}: {error}") from None
    title = text if len(text) <= 40 else text[:39] + "…"
    return surfaces.custom_level(surface, id="custom", title=title)


def _check_writable(flag: str, path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StartupError(f"--{flag} {path}: folder {folder} does not exist")
    if os.path.isdir(path):
        raise StartupError(f"--{flag} {path}: is a folder, not a file")
    if not os.access(folder, os.W_OK):
        raise StartupError(f"--{flag} {path}: cannot write in {folder}")


def prepare(options: Options) -> tuple[Options, Replay | None, Any]:
    """Check everything that can fail before a window opens: (options to run with, replay, start level)."""
    replay = None
    if options.replay is not None:
        try:
            replay = load_replay(options.replay)
        except ReplayError as error:
            raise StartupError(str(error)) from None
        runtime = {name: getattr(options, name) for name in ("headless", "frames", "screenshot", "replay")}
        options = replace(replay.options, size=replay.size, **runtime)
    if options.screenshot is not None:
        if not options.screenshot.lower().endswith(".png"):
            raise StartupError(f"--screenshot {options.screenshot}: the file name must end in .png")
        _check_writable("screenshot", options.screenshot)
    if options.record is not None:
        _check_writable("record", options.record)
    return options, replay, resolve_level(options, options.lang)


class App:
    """The running game: the window, the scene stack, progress, banners, autoplay and recording."""

    def __init__(self, options: Options, screen: pygame.Surface, *, store: Store | None = None,
                 replay: Replay | None = None, start_level: Any = None, web: bool = False) -> None:
        self.options = options
        self.lang = options.lang
        self.scale = options.effective_scale()
        self.palette = get_palette(options.effective_palette())
        self.fonts = get_fonts(self.scale)
        self.hidden = frozenset(options.hide)
        self.browser = web
        self.headless = options.headless
        self.screen = screen
        self.window_size = screen.get_size()
        self.fullscreen = bool(options.fullscreen) and not web
        self.touch = web  # set once a finger is seen
        self.frame = 0
        self.running = True
        self.exit_code = 0
        self.stack: list[Scene] = []
        self.banners: list[list[Any]] = []  # [text, seconds left]
        self.levels = surfaces.builtin_levels()
        self.mapper = InputMapper()
        self.replay = replay
        self.games: list[Any] = []  # every Game finished in this session, in order
        self.last_game: Any = None  # the Game of the latest Play scene
        self.auto_state: dict[str, Any] = {}
        self.auto_done: int | None = None  # frame at which autoplay finished
        self._play_view: Any = None
        notes: list[str | None] = []
        if replay is not None:  # a replay starts from the recorded progress and never touches the player's
            store = Store(MemoryBackend({"progress": json.dumps(replay.progress or {})}))
        else:
            store = store or browser.default_store()
            if options.autoplay:  # the computer's plays are not the player's progress
                progress, message = store.load_progress()
                notes += [store.notice, message]
                store = Store(MemoryBackend({"progress": json.dumps(progress.to_dict())}))
        self.store = store
        self.progress, message = store.load_progress()
        for note in notes + [store.notice, message]:
            if note:
                self.banner(note)
        if replay is not None and options.replay and not self.headless:  # watching a replay in a window
            self.banner(t("banner.replay", self.lang, file=os.path.basename(options.replay)))
        self.recorder = None
        if options.record:
            self.recorder = Recorder(options, self.size, self.progress.to_dict())
        self._start(start_level)

    def tr(self, key: str) -> str:
        """A UI string in the game's language (the renderer's label lookup)."""
        return t(key, self.lang)

    def play_view(self) -> Any:
        """The one PlayView (its contour map and fog caches survive restarts of the same level)."""
        if self._play_view is None:
            from game.ui.views.play_view import PlayView

            self._play_view = PlayView(self.scale, self.options.effective_palette())
        return self._play_view

    # --- scenes ---------------------------------------------------------------------------------------------
    def _start(self, level: Any) -> None:
        from game.ui.scenes.help import HelpScene
        from game.ui.scenes.title import TitleScene

        if level is not None:
            self.play(level)
        elif self.options.autoplay:
            self.play(self.levels[0])
        else:
            self.reset(TitleScene(self))
        if self.options.classroom and not self.options.autoplay:
            self.push(HelpScene(self))

    @property
    def top(self) -> Scene:
        """The scene that gets the actions."""
        return self.stack[-1]

    @property
    def size(self) -> tuple[int, int]:
        """The window's size in pixels."""
        return self.screen.get_size()

    def push(self, scene: Scene) -> None:
        """Open a scene on top (an overlay such as Pause or Help)."""
        self.stack.append(scene)

    def pop(self) -> None:
        """Close the top scene (never the last one)."""
        if len(self.stack) > 1:
            self.stack.pop()

    def reset(self, scene: Scene) -> None:
        """Make `scene` the only scene."""
        self.stack = [scene]

    def play(self, level: Any) -> None:
        """Start a level."""
        from game.ui.scenes.play import PlayScene

        self.reset(PlayScene(self, level))
        if self.recorder is not None:
            self.recorder.level = level.id

    def show_title(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.reset(TitleScene(self))

    def show_levels(self, level_id: str | None = None) -> None:
        from game.ui.scenes.level_select import LevelSelectScene

        self.reset(LevelSelectScene(self, level_id))

    def show_help(self) -> None:
        from game.ui.scenes.help import HelpScene

        self.push(HelpScene(self))

    def show_entry(self, mode: str) -> None:
        """Open the expression ("expr") or class-code ("code") entry."""
        from game.ui.scenes.entry import EntryScene

        self.push(EntryScene(self, mode))

    def next_level(self, level: Any) -> Any:
        """The built-in level after `level`, or None (last level, or not a built-in level)."""
        ids = [lv.id for lv in self.levels]
        if level.id in ids and ids.index(level.id) + 1 < len(ids):
            return self.levels[ids.index(level.id) + 1]
        return None

    def is_builtin(self, level: Any) -> bool:
        return any(lv.id == level.id for lv in self.levels)

    def finish(self, game: Any) -> tuple[Any, bool]:
        """A game was claimed: remember it, save progress for built-in levels. Returns (previous best record
        or None, whether this play improved it)."""
        self.games.append(game)
        if self.recorder is not None:
            self.recorder.result = summary(game)
        if not self.is_builtin(game.level):
            return None, False
        before = self.progress.best(game.level.id)
        score = game.score()
        improved = self.progress.record(game.level.id, score.total, score.stars)
        if improved:
            message = self.store.save_progress(self.progress)
            if message:
                self.banner(message)
        return before, improved

    def quit(self) -> None:
        """End the loop (on the desktop; the browser tab has no quit)."""
        self.running = False

    def banner(self, text: str) -> None:
        """Show a one-line message at the top of the screen for a few seconds."""
        self.banners.append([text, BANNER_SECONDS])

    # --- window ---------------------------------------------------------------------------------------------
    def window_flags(self) -> int:
        if self.browser or self.headless:
            return 0
        return pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE

    def toggle_fullscreen(self) -> None:
        """F11 on the desktop; nothing in the browser or headless."""
        if self.browser or self.headless:
            return
        if not self.fullscreen:
            self.window_size = self.size
        self.fullscreen = not self.fullscreen
        size = (0, 0) if self.fullscreen else self.window_size
        self.screen = pygame.display.set_mode(size, self.window_flags())
        if self.recorder is not None:  # clicks after this are in the new size's pixels
            self.recorder.add(self.frame, A.Action(A.RESIZE, pos=self.size))

    def resize(self, size: tuple[int, int]) -> None:
        """The window has a new size (live: SDL already resized it; replay: make it so)."""
        if self.browser or (self.fullscreen and not self.replaying):
            return
        size = (min(max(64, int(size[0])), 8192), min(max(64, int(size[1])), 8192))  # a replay may ask anything
        if pygame.display.get_surface() is not None and self.size != size:
            try:
                self.screen = pygame.display.set_mode(size, self.window_flags())
            except pygame.error:  # the system refused the size: keep the window we have
                pass
        self.screen = pygame.display.get_surface() or self.screen

    # --- the frame ------------------------------------------------------------------------------------------
    def dispatch(self, action: A.Action) -> None:
        """Route one action: window actions here, everything else to the top scene. Records it."""
        if self.recorder is not None:
            self.recorder.add(self.frame, action)
        if action.kind == A.QUIT:
            self.quit()
        elif action.kind == A.FULLSCREEN:
            if not self.replaying:  # a replay follows the RESIZE entries recorded after the toggle instead
                self.toggle_fullscreen()
        elif action.kind == A.RESIZE:
            if action.pos is not None:
                self.resize(action.pos)
        else:
            self.top.handle(action)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Map one pygame event to actions and dispatch them (ignored while a replay runs, except closing)."""
        if event.type in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            self.touch = True
        for action in self.mapper.map(event, self.size, self.top.text_mode):
            if self.replaying and action.kind != A.QUIT:
                continue
            self.dispatch(action)

    @property
    def replaying(self) -> bool:
        """True until the recording's last action has been fed."""
        return self.replay is not None and self.frame <= self.replay.last_frame

    def update(self, dt: float) -> None:
        """Advance the top scene and the banners."""
        self.top.update(dt)
        for item in self.banners:
            item[1] -= dt
        self.banners = [item for item in self.banners if item[1] > 0]

    def draw(self) -> None:
        """Draw the visible scenes (the top opaque one and the overlays above it), then the banners."""
        start = max((i for i, scene in enumerate(self.stack) if scene.opaque), default=0)
        for scene in self.stack[start:]:
            scene.draw(self.screen)
        self._draw_banners()

    def _draw_banners(self) -> None:
        if not self.banners:
            return
        from game.ui.scenes.base import wrap

        width, _ = self.size
        y = int(8 * self.scale)
        for text, left in self.banners[-3:]:
            for line in wrap(self.fonts, text, "label", int(width * 0.9)):
                rect = self.fonts.draw(self.screen, line, (width // 2, y), "label", self.palette.plate_text,
                                       anchor="midtop", plate=self.palette.plate)
                y = rect.bottom + 2
            y += int(4 * self.scale)

    def step(self, dt: float) -> None:
        """One frame: events, replayed and autoplay actions, update, draw."""
        for event in pygame.event.get():
            self.handle_event(event)
        if self.replay is not None:
            for action in self.replay.at(self.frame):
                self.dispatch(action)
        if self.options.autoplay and self.running:
            self._autoplay(dt)
        self.update(dt)
        self.draw()
        self.frame += 1
        frames = self.options.frames
        if frames is not None and self.frame >= frames:
            self.running = False
        if (self.replay is not None and frames is None and self.headless
                and self.frame > self.replay.last_frame + 1):
            self.running = False

    # --- autoplay -------------------------------------------------------------------------------------------
    def _autoplay(self, dt: float) -> None:
        if self.auto_done is not None:  # --frames decides when to stop; else headless stops now, a window lingers
            if self.options.frames is None and (self.headless or self.frame - self.auto_done >= AUTOPLAY_LINGER):
                self.running = False
            return
        from game.ui.scenes.play import PlayScene

        while not isinstance(self.top, PlayScene) and len(self.stack) > 1:
            self.pop()  # close overlays such as Help
        if not isinstance(self.top, PlayScene):
            return
        frames = self.options.frames
        last_frame = frames is not None and self.frame >= frames - 1
        all_at_once = (self.headless and frames is None) or last_frame
        game = self.top.game
        if all_at_once:
            for _ in range(game.budget + 3):
                if game.finished:
                    break
                self._autoplay_move(game)
            if not game.finished:
                self.dispatch(A.Action(A.CLAIM))
            self.update(60.0)  # let the reveal finish for the screenshot
        else:
            every = AUTOPLAY_EVERY
            if frames is not None:
                every = max(1, min(AUTOPLAY_EVERY, (frames - 2) // (game.budget + 3)))
            if self.frame % every == 0:
                self._autoplay_move(game)
        if game.finished:
            self.auto_done = self.frame

    def _autoplay_move(self, game: Any) -> None:
        move = next_move(game, self.options.autoplay, self.auto_state)
        count = len(game.probes)
        if move[0] == "probe":
            self.dispatch(A.Action(A.PROBE, at=(float(move[1]), float(move[2]))))
            if len(game.probes) == count:  # refused: nothing more to learn, so claim
                self.dispatch(A.Action(A.CLAIM))
        else:
            self.dispatch(A.Action(A.CLAIM))
        if not game.finished and not game.probes and game.probes_left == 0:
            self.running = False  # nothing can be done (a level without probes)

    def autoplay_summary(self) -> dict[str, Any] | None:
        """The one JSON line's data: the game autoplay played."""
        game = self.games[-1] if self.games else self.last_game
        return summary(game) if game is not None else None


def _window_size(options: Options, web: bool) -> tuple[int, int]:
    if web:
        return browser.web_window_size(options)  # fixed for the whole run; the page scales the canvas
    if options.size is not None:
        return options.size
    wanted = CLASSROOM_SIZE if options.classroom else DESKTOP_SIZE
    if options.headless:
        return wanted
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return wanted
    return min(wanted[0], int(desktop[0] * 0.95)), min(wanted[1], int(desktop[1] * 0.9))


def limit_window_size() -> None:
    """Stop the desktop window from being dragged smaller than MIN_WINDOW (best effort; SDL may refuse)."""
    try:
        with warnings.catch_warnings():  # pygame-ce marks the display-module bridge deprecated; it still works
            warnings.simplefilter("ignore")
            pygame.Window.from_display_module().minimum_size = MIN_WINDOW
    except (AttributeError, pygame.error, ValueError):
        pass


def save_screenshot(surface: pygame.Surface, path: str) -> None:
    """Save a PNG atomically: write a temp file next to it, then os.replace."""
    temp = f"{path}.{os.getpid()}.tmp.png"
    try:
        pygame.image.save(surface, temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


async def run(options: Options) -> int:
    """Run the game until the player quits (or --frames / autoplay / replay end). Returns the exit code."""
    web = in_browser()
    notices = browser.startup_messages() if web else []
    try:
        options, replay, level = prepare(options)
    except StartupError as error:
        if not web:
            print(error, file=sys.stderr)
            return 2
        # a page must not end in a blank canvas: say what was wrong and start at the title
        notices.append(str(error))
        options = replace(options, level=None, seed=None, expr=None, replay=None, record=None, screenshot=None)
        options, replay, level = prepare(options)
    if options.headless:
        use_dummy_drivers()
    owns_display = not pygame.display.get_init()
    if owns_display:
        pygame.display.init()
    pygame.font.init()
    size = _window_size(options, web)
    flags = 0 if (web or options.headless) else (pygame.FULLSCREEN if options.fullscreen else pygame.RESIZABLE)
    screen = pygame.display.set_mode((0, 0) if flags & pygame.FULLSCREEN else size, flags)
    pygame.display.set_caption("Uphill")
    if flags & pygame.RESIZABLE:
        limit_window_size()
    pygame.key.set_repeat(*KEY_REPEAT)
    pygame.key.start_text_input()
    app = App(options, screen, replay=replay, start_level=level, web=web)
    app.window_size = size
    for notice in notices:
        app.banner(notice)
    code = 0
    try:
        await loop(app)
        code = app.exit_code
        if options.screenshot:
            try:
                save_screenshot(app.screen, options.screenshot)
            except (OSError, pygame.error) as error:
                print(f"--screenshot {options.screenshot}: {error}", file=sys.stderr)
                code = 2
        if options.autoplay:
            data = app.autoplay_summary()
            if data is not None:
                print(json.dumps(data, allow_nan=False), flush=True)
    finally:
        if app.recorder is not None and options.record:
            try:
                app.recorder.save(options.record, app.frame)
            except OSError as error:
                print(f"--record {options.record}: {error.strerror or error}", file=sys.stderr)
                code = 2
        if owns_display and not web:
            pygame.display.quit()
    return code


async def loop(app: App) -> None:
    """The frame loop shared by desktop and browser: one `await asyncio.sleep(0)` per frame, nothing blocking."""
    clock = pygame.time.Clock()
    pace = not (app.headless or app.browser)  # the browser's vsync paces the page; headless runs flat out
    while app.running:
        started = time.perf_counter()
        ms = clock.tick()  # no framerate argument: tick(FPS) would block in SDL_Delay
        dt = HEADLESS_DT if app.headless else min(ms / 1000.0, 0.1)
        app.step(dt)
        pygame.display.flip()
        await asyncio.sleep(0)
        if pace:  # the desktop waits out the rest of the frame without blocking the event loop
            spare = 1.0 / FPS - (time.perf_counter() - started)
            if spare > 0.002:
                await asyncio.sleep(spare)


__all__ = ["run", "App", "StartupError", "prepare", "resolve_level", "seed_level", "expression_level",
           "save_screenshot", "in_browser", "loop"]
