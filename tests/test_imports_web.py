"""Import-graph guard: what the game imports (from main.py and every module under game/ and surfaces/) runs in pygbag."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("game", "surfaces")
DEV_TOOLS = {"game/bench.py"}  # desktop-only developer tools: never imported by the game, not shipped to the web
THIRD_PARTY = {"numpy", "pygame"}  # all the web runtime is asked to provide
# Modules that do not work (or do not exist) in pygbag's WebAssembly CPython, or that block the page.
FORBIDDEN = {
    "threading": "no pthreads in the browser",
    "_thread": "no pthreads in the browser",
    "concurrent": "no threads or processes in the browser",
    "multiprocessing": "no processes in the browser",
    "subprocess": "no processes in the browser",
    "asyncio.subprocess": "no processes in the browser",
    "signal": "no signals in the browser",
    "tkinter": "not in pygbag's stdlib",
    "turtle": "needs tkinter",
    "sqlite3": "untested in pygbag; the game persists through game.storage",
    "dbm": "untested in pygbag; the game persists through game.storage",
    "socket": "no sockets in the browser",
    "ssl": "no sockets in the browser",
    "http": "no network access from the game",
    "urllib.request": "no network access from the game",
    "webbrowser": "no browser control from inside the page",
    "curses": "no terminal in the page",
    "readline": "no terminal in the page",
    "pty": "no terminal in the page",
    "termios": "no terminal in the page",
    "ctypes": "no native libraries in the page",
    "decimal": "an empty stub in pygbag",
    "platform": "pygbag's JS shim in the browser: only game/browser.py may reach it (through importlib)",
}
# Calls that block the single browser thread (the page freezes); awaiting asyncio.sleep is the way to wait.
BLOCKING_CALLS = {"time.sleep", "pygame.time.wait", "pygame.time.delay", "pygame.event.wait", "input"}
# The emscripten check belongs in game/browser.py only. Files still doing it themselves; this list may only shrink.
BROWSER_CHECK_PENDING = {"game/storage.py"}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _game_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for package in OURS:
        files += sorted((ROOT / package).rglob("*.py"))
    return [path for path in files if "__pycache__" not in path.parts and _rel(path) not in DEV_TOOLS]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "__main__"


def _is_type_checking(node: ast.If) -> bool:
    return ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def _runtime_nodes(tree: ast.AST):
    """All nodes, skipping `if TYPE_CHECKING:` bodies (never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
            else:
                stack.append(child)


def _imports(path: Path) -> list[str]:
    """Absolute dotted names imported at run time (`from a import b` gives a and a.b)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: list[str] = []
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            names.append(origin)
            names += [f"{origin}.{alias.name}" for alias in node.names if alias.name != "*"]
    return names


def _file_of(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _reachable_from_main() -> set[str]:
    seen: set[str] = set()
    todo = [ROOT / "main.py"]
    while todo:
        path = todo.pop()
        if _rel(path) in seen:
            continue
        seen.add(_rel(path))
        for name in _imports(path):
            if name.split(".")[0] in OURS:
                parts = name.split(".")
                for depth in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
                    found = _file_of(".".join(parts[:depth]))
                    if found is not None:
                        todo.append(found)
    return seen


def test_there_is_a_game_to_check():
    assert len(_game_files()) > 3 and (ROOT / "game" / "browser.py").is_file()


def test_main_reaches_the_game_but_no_dev_tool():
    reached = _reachable_from_main()
    assert {"main.py", "game/browser.py", "game/options.py"} <= reached
    if (ROOT / "game" / "app.py").is_file():
        assert "game/app.py" in reached
    assert not reached & DEV_TOOLS, f"the game imports developer tools: {sorted(reached & DEV_TOOLS)}"


@pytest.mark.parametrize("path", _game_files(), ids=_rel)
def test_no_forbidden_or_unknown_imports(path):
    problems = []
    for name in _imports(path):
        top = name.split(".")[0]
        for banned, why in FORBIDDEN.items():
            if name == banned or name.startswith(banned + "."):
                problems.append(f"imports {name}: {why}")
        if top and top not in OURS and top not in THIRD_PARTY and top not in sys.stdlib_module_names:
            problems.append(f"imports {name}: not stdlib, numpy or pygame (the web build would lack it)")
    assert not problems, f"{_rel(path)}: " + "; ".join(sorted(set(problems)))


@pytest.mark.parametrize("path", _game_files(), ids=_rel)
def test_no_blocking_calls(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    blocking = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in BLOCKING_CALLS:
            blocking.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
        if isinstance(node, ast.ImportFrom) and node.module == "time" and any(a.name == "sleep" for a in node.names):
            blocking.append(f"line {node.lineno}: from time import sleep")
    assert not blocking, f"{_rel(path)} blocks the browser's only thread: {blocking}"


def test_only_game_browser_checks_for_the_browser():
    checking = {_rel(path) for path in _game_files()
                if "emscripten" in path.read_text(encoding="utf-8") and _rel(path) != "game/browser.py"}
    new = checking - BROWSER_CHECK_PENDING
    assert not new, f"use game.browser.is_browser() instead of testing sys.platform in {sorted(new)}"
    fixed = BROWSER_CHECK_PENDING - checking
    assert not fixed, f"{sorted(fixed)} no longer check sys.platform: remove them from BROWSER_CHECK_PENDING"


def test_browser_module_reaches_pygbag_only_through_importlib():
    source = (ROOT / "game" / "browser.py").read_text(encoding="utf-8")
    names = _imports(ROOT / "game" / "browser.py")
    assert "platform" not in names and 'importlib.import_module("platform")' in source
