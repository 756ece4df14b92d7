"""The one async main loop for desktop and browser: window, events → actions → scenes, banners, record/replay."""

from __future__ import annotations

from game.ui.headless import quiet_pygame, use_dummy_drivers

quiet_pygame()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import pygame  # noqa: E402

import surfaces  # noqa: E402
from surfaces.level import builtin_problems  # noqa: E402
from game.core import actions as A  # noqa: E402
from game.core.options import DEFAULT_LANGUAGE, MAX_WINDOW, MIN_WINDOW, Options, replace  # noqa: E402
from game.core.record import Recorder, Replay  # noqa: E402
from game.core.session import Session  # noqa: E402
from game.core.storage import MemoryBackend, Notice, Store  # noqa: E402
from game.text.catalog import languages, t  # noqa: E402
from game.text.errors import one_based  # noqa: E402
from game.text.notices import notice_text  # noqa: E402
from game.ui import browser  # noqa: E402
from game.ui.autoplay import AutoPlayer, ScriptedProbes  # noqa: E402
from game.ui.fuzz import Fuzzer  # noqa: E402
from game.ui.env import Environment  # noqa: E402
from game.ui.overlays import draw_banners, draw_too_small  # noqa: E402
from game.ui.report import announce_before_window, headless_race, report  # noqa: E402
from game.ui.input import InputMapper  # noqa: E402
from game.ui.memory import give_back  # noqa: E402
from game.ui.loop import FPS, HEADLESS_DT, loop  # noqa: E402,F401 - FPS and HEADLESS_DT: the frame rate's home
from game.ui.scenes.base import Context, Scene  # noqa: E402
from game.ui.scenes.routes import SceneRoutes  # noqa: E402
from game.ui.startup import StartupError, prepare, with_language  # noqa: E402
from game.ui.window import limit_window_size, save_screenshot, window_size  # noqa: E402

BANNER_SECONDS = 9.0
POINTER_KINDS = (A.POINT, A.CLICK, A.ADJUST)
KEY_REPEAT = (320, 40)
WEB_ACTIONS = 100_000  # the browser's recording keeps this many actions (its summary, for the class, is whole)  # ms before an arrow key repeats, ms between repeats


def in_browser() -> bool:
    """True under pygbag (the check lives in game.ui.browser, the one module that knows the browser)."""
    return browser.is_browser()


class App:
    """The running game: the window, the scene stack (it is the scenes' Navigator), banners, autoplay, recording."""

    def __init__(self, options: Options, screen: pygame.Surface, *, store: Store | None = None,
                 replay: Replay | None = None, start_level: surfaces.Level | None = None, web: bool = False) -> None:
        settings_note = None
        if not options.lang:  # no --lang: the language chosen in the game last time (run() usually did this)
            store = store or browser.default_store()
            options, settings_note = with_language(options, store)
        self.options = options
        self.headless = options.headless
        self.screen = screen
        self.window_size = screen.get_size()
        self.fullscreen = bool(options.fullscreen) and not web
        self.env = Environment(options.lang, options.effective_scale(self.size, self.fullscreen),
                               options.effective_palette(), self.size,
                               options.initial_hidden(), browser=web, touch=web, headless=options.headless,
                               options=options, classroom=options.classroom,
                               progressive=(not options.headless or bool(options.fuzz)) and not options.screenshot)
        self.frame = 0
        self.running = True
        self.exit_code = 0
        self.stack: list[Scene] = []
        self.banners: list[list] = []  # [text, seconds left]
        self.mapper = InputMapper()
        self._pending_resize: A.Action | None = None
        self._dirty = True  # something changed that the next frame must show (input, resize, scenes, banners)
        self._freed = False  # window-sized buffers were let go this frame: give the memory back after the draw
        self._left = False  # ... and screens were left: collect them first (a resize leaves no garbage cycles)
        self._rebuilt = False  # this frame built a new screen or window: drawn on the next one (see step)
        self._postponed = False  # the last frame left its drawing to this one
        self._last_key: object = None  # the visible scenes' frame keys at the last frame
        self.drawn = False  # whether the last step drew (the loop flips only then)
        self.draws = 0  # frames drawn so far (tests and the benchmark read it)
        self.replay = replay
        self.script = ScriptedProbes(options.probes, options.claim) if options.probes else None
        self.autoplayer = AutoPlayer(options.autoplay, options.rule) if options.autoplay else None
        self.fuzzer = Fuzzer(options.fuzz, options.fuzz_seed) if options.fuzz else None
        store, notes = self._open_store(store)
        progress, message = store.load_progress()
        for note in notes + [store.notice, message, settings_note]:
            if note is not None:
                self.banner(notice_text(note, options.lang))
        if replay is not None and options.replay and not self.headless:  # watching a replay in a window
            self.banner(t("banner.replay", options.lang, file=os.path.basename(options.replay)))
        # the browser always records: a finished game's recording is offered as a download (the class overlay)
        recorder = Recorder(options, self.size, progress.to_dict(), limit=None if options.record else WEB_ACTIONS) \
            if options.record or web else None
        self.session = Session(store, progress, surfaces.builtin_levels(), recorder)
        for problem in builtin_problems():  # a level author's broken file: named, left out, the rest plays
            self.banner(t("banner.level_left_out", options.lang, problem=one_based(problem)))
        self.routes = SceneRoutes()
        self.ctx = Context(self, self.routes, self.session, self.env)
        self.routes.ctx = self.ctx
        self._start(start_level)

    def _open_store(self, store: Store | None) -> tuple[Store, list[Notice | None]]:
        """The store to use: a replay's recorded progress; for scripted and fuzzed runs (--probe, --autoplay,
        --fuzz) a copy (their plays, languages and rules are not the player's); else the player's."""
        if self.replay is not None:
            return Store(MemoryBackend({"progress": json.dumps(self.replay.progress or {})})), []
        store = store or browser.default_store()
        if not (self.options.scripted or self.options.fuzz):
            return store, []
        progress, message = store.load_progress()
        return Store(MemoryBackend({"progress": json.dumps(progress.to_dict())})), [store.notice, message]

    def _start(self, level: surfaces.Level | None) -> None:
        if level is None and self.options.autoplay:
            level = self.session.levels[0]
        if self.options.classes:  # the class overlay: every student's recorded climb on one map
            from game.ui.scenes.class_view import open_class

            self.show(open_class(self.ctx, list(self.options.classes), level))
            return
        self.show(self.routes.play(level) if level is not None else self.routes.title())
        if self.options.classroom and not self.options.scripted:
            self.push(self.routes.help())

    # --- the Navigator scenes use ----------------------------------------------------------------------
    @property
    def top(self) -> Scene:
        """The scene that gets the actions."""
        return self.stack[-1]

    @property
    def size(self) -> tuple[int, int]:
        """The window's size in pixels."""
        return self.screen.get_size()

    def show(self, scene: Scene) -> None:
        """Make `scene` the only scene (leaving the map: the play view's window-sized layers are freed)."""
        self.stack = [scene]
        self._dirty = True
        self._freed = self._left = self._rebuilt = True  # the screens left are cycles: collected after the frame
        if not scene.shows_play_view:
            self.env.release_play_view()

    def push(self, scene: Scene) -> None:
        """Open a scene on top (an overlay such as Pause or Help)."""
        self.stack.append(scene)
        self._dirty = True

    def pop(self) -> None:
        """Close the top scene (never the last one)."""
        if len(self.stack) > 1:
            self.stack.pop()
            self._dirty = True

    def quit(self) -> None:
        """End the loop (on the desktop; the browser tab has no quit)."""
        self.running = False

    def banner(self, text: str) -> None:
        """Show a one-line message at the top of the screen for a few seconds (the same text again: shown longer,
        not twice)."""
        self.banners = [item for item in self.banners if item[0] != text]
        self.banners.append([text, BANNER_SECONDS])
        self._dirty = True

    def invalidate(self) -> None:
        """Draw the next frame even if nothing seems to have changed."""
        self._dirty = True

    # --- window ---------------------------------------------------------------------------------------------
    def window_flags(self) -> int:
        """The set_mode flags for the current window state."""
        if self.env.browser or self.headless:
            return 0
        return pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE

    def toggle_fullscreen(self) -> None:
        """F11 on the desktop; nothing in the browser or headless."""
        if self.env.browser or self.headless:
            return
        if not self.fullscreen:
            self.window_size = self.size
        self.fullscreen = not self.fullscreen
        size = (0, 0) if self.fullscreen else self.window_size
        self._set_screen(pygame.display.set_mode(size, self.window_flags()))
        if self.session.recorder is not None:  # clicks after this are in the new size's pixels
            self.session.recorder.add(self.frame, A.Action(A.RESIZE, pos=self.size))

    def resize(self, size: tuple[int, int]) -> None:
        """The window has a new size (live: SDL already resized it; replay: make it so)."""
        if self.env.browser or (self.fullscreen and not self.replaying):
            return
        (max_w, max_h) = MAX_WINDOW  # a replay may ask anything; live play obeys the same limit
        size = (min(max(64, int(size[0])), max_w), min(max(64, int(size[1])), max_h))
        if pygame.display.get_surface() is not None and self.size != size:
            try:
                self._set_screen(pygame.display.set_mode(size, self.window_flags()))
            except pygame.error:  # the system refused the size: keep the window we have
                pass
        self._set_screen(pygame.display.get_surface() or self.screen)

    def _set_screen(self, screen: pygame.Surface) -> None:
        if screen.get_size() != self.env.size:  # the old size's buffers go (the map's too, even under an overlay)
            self.env.release_play_view()
            self._freed = self._rebuilt = True
        self.screen = screen
        self.env.size = screen.get_size()
        self.env.rescale(self.options.effective_scale(self.env.size, self.fullscreen))  # classroom, fullscreen
        self._dirty = True

    # --- the frame ------------------------------------------------------------------------------------------
    def dispatch(self, action: A.Action) -> None:
        """Route one action: window actions here, everything else to the top scene. Records it."""
        self._dirty = True
        if self.session.recorder is not None:
            self.session.recorder.add(self.frame, action)
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
        """Map one pygame event to actions and dispatch them (ignored while a replay runs, except closing). Any
        event redraws: an exposed window, focus, or a pointer that moved over a button."""
        self._dirty = True
        if event.type in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            self.env.touch = True
        for action in self.mapper.map(event, self.size, self.top.text_mode):
            if self.replaying and action.kind != A.QUIT:
                continue
            if action.kind == A.RESIZE:  # a storm of resizes in one frame: only the last one is applied
                self._pending_resize = action
            elif action.kind in POINTER_KINDS and self.too_small:
                continue  # nothing to point at: the window shows only "make the window larger"
            else:
                self.dispatch(action)

    @property
    def too_small(self) -> bool:
        """True while the window is smaller than the smallest layout (the scenes are not drawn)."""
        return self.size[0] < MIN_WINDOW[0] or self.size[1] < MIN_WINDOW[1]

    @property
    def replaying(self) -> bool:
        """True until the recording's last action has been fed."""
        return self.replay is not None and self.frame <= self.replay.last_frame

    def update(self, dt: float) -> None:
        """Advance the top scene and the banners."""
        self.env.size = self.size
        self.top.update(dt)
        for item in self.banners:
            item[1] -= dt
        self.banners = [item for item in self.banners if item[1] > 0]

    def visible(self) -> list[Scene]:
        """The scenes a frame shows: the top opaque one and the overlays above it."""
        start = max((i for i, scene in enumerate(self.stack) if scene.opaque), default=0)
        return self.stack[start:]

    def frame_key(self) -> object:
        """What the picture depends on besides input: the window, the visible scenes and their frame keys, the
        banners' texts (one times out: the frame changes)."""
        if self.too_small:
            return self.size
        return (self.size, [(id(scene), scene.frame_key()) for scene in self.visible()],
                [text for text, _left in self.banners])

    def draw(self) -> None:
        """Draw the visible scenes (the top opaque one and the overlays above it), then the banners."""
        self.env.size = self.size
        self.draws += 1
        if self.too_small:
            draw_too_small(self.screen, self.env)
            return
        for scene in self.visible():
            scene.draw(self.screen)
        draw_banners(self.screen, self.env, [text for text, _left in self.banners[-3:]])

    def step(self, dt: float) -> None:
        """One frame: events, replayed and autoplay actions, update; then a draw only when something changed
        (`drawn` says whether it did: nothing to show, nothing to flip)."""
        self.env.budget.start()
        for event in pygame.event.get():
            self.handle_event(event)
        if self._pending_resize is not None:
            self.dispatch(self._pending_resize)
            self._pending_resize = None
        if self.replay is not None:
            for action in self.replay.at(self.frame):
                self.dispatch(action)
        if self.script is not None and self.running:
            self.script.step(self)
        if self.autoplayer is not None and self.running and (self.script is None or self.script.done):
            self.autoplayer.step(self)
        self.update(dt)
        key = self.frame_key()
        self.drawn = self._dirty or key != self._last_key
        # a frame that built a new screen (a level's analysis: ~110 ms) or window (up to 70 ms at 4K), or whose
        # events used its budget (frame_budget.py), leaves drawing to the next frame when someone watches; never two
        # in a row, so a storm of resizes still shows. Work a draw left for later is drawn on the next frame too.
        later = (self.drawn and self.env.progressive and not self._postponed
                 and (self._rebuilt or self.env.budget.over()))
        if self.drawn and not later:
            self.draw()
        self.drawn = self.drawn and not later
        self._postponed = later
        self._dirty = later or self.env.budget.deferred
        self._rebuilt = False
        self._last_key = key
        if self._freed:  # a resize or a scene change let window-sized buffers go (trim: desktop Linux only)
            give_back(collect=self._left and self.env.progressive)  # short headless scripts: the usual passes
            self._freed = self._left = False
        self.frame += 1
        frames = self.options.frames
        if frames is not None and self.frame >= frames:
            self.running = False
        if (self.replay is not None and frames is None and self.headless
                and self.frame > self.replay.last_frame + 1):
            self.update(60.0)  # let a reveal sweep finish, so a --screenshot shows the whole map
            self.draw()
            self.drawn = True
            self.running = False


async def run(options: Options) -> int:
    """Run the game until the player quits (or --frames / autoplay / replay end). Returns the exit code."""
    web = in_browser()
    notices = browser.startup_messages() if web else []
    store = browser.default_store()
    options, settings_note = with_language(options, store)  # before prepare: a class code's title is in it
    if settings_note is not None:
        notices.append(notice_text(settings_note, options.lang))
    try:
        options, replay, level = prepare(options)
    except StartupError as error:
        if not web:
            print(error, file=sys.stderr)
            return 2
        # a page must not end in a blank canvas: say what was wrong and start at the title
        lang = options.lang if options.lang in languages() else DEFAULT_LANGUAGE
        notices.append(error.words(lang))
        options = replace(options, level=None, seed=None, expr=None, replay=None, record=None, screenshot=None,
                          lang=lang)
        options, replay, level = prepare(options)
    if not web:
        announce_before_window(options, level)
    if options.race and options.headless:  # no window: every climber's line (then the race's picture, if asked)
        options = headless_race(options, level)
        if options is None:
            return 0
    if options.headless:
        use_dummy_drivers()
    owns_display = not pygame.display.get_init()
    if owns_display:
        pygame.display.init()
    pygame.font.init()
    size = window_size(options, web)
    flags = 0 if (web or options.headless) else (pygame.FULLSCREEN if options.fullscreen else pygame.RESIZABLE)
    screen = pygame.display.set_mode((0, 0) if flags & pygame.FULLSCREEN else size, flags)
    pygame.display.set_caption("Uphill")
    if flags & pygame.RESIZABLE:
        limit_window_size()
    pygame.key.set_repeat(*KEY_REPEAT)
    pygame.key.start_text_input()
    app = App(options, screen, store=store, replay=replay, start_level=level, web=web)
    app.window_size = size
    for notice in notices:
        app.banner(notice)
    code = 0
    try:
        await loop(app)
        code = report(app, options)
    finally:
        if app.session.recorder is not None and options.record:
            try:
                app.session.recorder.save(options.record, app.frame)
            except OSError as error:
                print(f"--record {options.record}: {error.strerror or error}", file=sys.stderr)
                code = 2
        if owns_display and not web:
            pygame.display.quit()
    return code


__all__ = ["run", "App", "StartupError", "prepare", "save_screenshot", "in_browser", "loop", "HEADLESS_DT"]
