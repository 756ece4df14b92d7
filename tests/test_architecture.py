"""The layers: an explicit allowed-imports table, no import cycle, web-safe imports, no blocking calls, small files."""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("game", "surfaces", "benchmarks", "tools", "main")

# Which project layers each layer may import (a layer is the longest matching module prefix), and which
# third-party packages. Everything else it imports must be in the standard library.
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "surfaces": ({"surfaces"}, {"numpy"}),
    "game.core": ({"game.core", "surfaces"}, {"numpy"}),
    "game.text": ({"game.text", "game.core", "surfaces"}, set()),
    "game.ui": ({"game.ui", "game.core", "game.text", "surfaces"}, {"numpy", "pygame"}),
    "game": ({"game", "game.core", "game.text", "game.ui", "surfaces"}, set()),  # cli, __main__: the entry points
    "main": ({"game.ui", "game.core"}, {"numpy", "pygame"}),  # pygbag's entry
    "benchmarks": ({"benchmarks", "game", "game.core", "game.text", "game.ui", "surfaces"},
                   {"numpy", "pygame", "mpmath"}),
    "tools": ({"tools", "game", "game.core", "game.text", "game.ui", "surfaces"}, {"numpy", "pygame", "babel"}),
}
SHIPPED = ("main", "game", "surfaces")  # what runs in the browser
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
    "sqlite3": "untested in pygbag; the game persists through game.core.storage",
    "dbm": "untested in pygbag; the game persists through game.core.storage",
    "socket": "no sockets in the browser",
    "ssl": "no sockets in the browser",
    "http": "no network access from the game",
    "urllib.request": "no network access from the game",
    "webbrowser": "no browser control from inside the page",
    "curses": "no terminal in the page",
    "readline": "no terminal in the page",
    "ctypes": "no native libraries in the page",
    "decimal": "an empty stub in pygbag",
    "platform": "pygbag's JS shim in the browser: only game/ui/browser.py may reach it (through importlib)",
}
# Edges the restructuring has not removed yet; this set may only shrink.
PENDING: set[tuple[str, str]] = set()
# Files and functions still over the limits while the restructuring lands; this set may only shrink.
TOO_LONG_PENDING: set[str] = set()
# Calls that block the single browser thread (the page freezes); awaiting asyncio.sleep is the way to wait.
BLOCKING_CALLS = {"time.sleep", "pygame.time.wait", "pygame.time.delay", "pygame.event.wait", "input"}
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
# The one shipped module that may import ctypes: it calls glibc's malloc_trim after a resize, imports ctypes inside
# a function, and only on desktop Linux (never in the page); see its docstring for the measurements.
NATIVE = {"game/ui/memory.py": "ctypes"}
PRINTING = {"main.py", "game/cli.py", "game/ui/app.py", "game/ui/report.py"}  # the only shipped modules that may print (one JSON line, errors)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def project_files() -> tuple[Path, ...]:
    files = [ROOT / "main.py"]
    for package in PROJECT[:-1]:
        files += sorted((ROOT / package).rglob("*.py"))
    return tuple(path for path in files if "__pycache__" not in path.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    return max((layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")), key=len)


@cache
def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def imports(path: Path) -> list[tuple[str, int]]:
    """Every absolute dotted name imported anywhere in the file (also under TYPE_CHECKING and inside functions),
    with its line; `from a import b` gives a and a.b."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: list[tuple[str, int]] = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            names.append((origin, node.lineno))
            names += [(f"{origin}.{alias.name}", node.lineno) for alias in node.names if alias.name != "*"]
    return names


@cache
def project_modules() -> dict[str, Path]:
    return {module_name(path): path for path in project_files()}


def resolve(name: str) -> str | None:
    """The project module an imported name lives in (a.b.c may be module a.b's attribute c), or None."""
    modules = project_modules()
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, path in project_modules().items():
        targets = {resolve(name) for name, _ in imports(path)}
        edges[module] = {t for t in targets if t is not None and t != module and not module.startswith(t + ".")
                         and (module, t) not in PENDING}
    return edges


def test_there_is_a_project_to_check():
    assert {"game.core.model", "game.ui.app", "game.text.catalog", "surfaces", "main"} <= set(project_modules())


@pytest.mark.parametrize("path", project_files(), ids=_rel)
def test_every_import_is_allowed_by_the_layer_table(path):
    layer = layer_of(module_name(path))
    project_ok, third_party_ok = ALLOWED[layer]
    problems = []
    for name, line in imports(path):
        target = resolve(name)
        top = name.split(".")[0]
        if target is not None:
            if layer_of(target) not in project_ok and (module_name(path), target) not in PENDING:
                problems.append(f"line {line}: {layer} may not import {target}")
        elif top in PROJECT:
            problems.append(f"line {line}: imports {name}, which does not exist")
        elif top and top not in third_party_ok and top not in sys.stdlib_module_names:
            problems.append(f"line {line}: {layer} may not import {top}")
    assert not problems, f"{_rel(path)}: " + "; ".join(problems)


def test_no_import_cycle_between_project_modules():
    edges = graph()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(cycle) for cycle in cycles[:5])


def test_cycle_finder_can_fail(monkeypatch):
    fake = {"a": {"b"}, "b": {"a"}}
    monkeypatch.setattr(sys.modules[__name__], "graph", lambda: fake)
    with pytest.raises(AssertionError, match="a → b → a"):
        test_no_import_cycle_between_project_modules()


def _shipped(path: Path) -> bool:
    return layer_of(module_name(path)).split(".")[0] in SHIPPED


@pytest.mark.parametrize("path", [p for p in project_files() if _shipped(p)], ids=_rel)
def test_shipped_code_is_web_safe(path):
    problems = []
    for name, line in imports(path):
        for banned, why in FORBIDDEN.items():
            if (name == banned or name.startswith(banned + ".")) and NATIVE.get(_rel(path)) != banned:
                problems.append(f"line {line}: imports {name}: {why}")
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in BLOCKING_CALLS:
            problems.append(f"line {node.lineno}: {ast.unparse(node.func)}() blocks the browser's only thread")
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "print" and _rel(path) not in PRINTING:
            problems.append(f"line {node.lineno}: prints (printing is slow in the browser and pollutes stdout)")
    source = path.read_text(encoding="utf-8")
    if "emscripten" in source and _rel(path) != "game/ui/browser.py":
        problems.append("tests sys.platform itself: use game.ui.browser.is_browser()")
    assert not problems, f"{_rel(path)}: " + "; ".join(problems)


def test_only_the_browser_module_reaches_pygbag_and_only_through_importlib():
    path = ROOT / "game" / "ui" / "browser.py"
    assert "platform" not in [name for name, _ in imports(path)]
    assert 'importlib.import_module("platform")' in path.read_text(encoding="utf-8")


def test_main_reaches_the_game_but_no_developer_tool():
    edges = graph()
    seen, todo = set(), ["main"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            parts = module.split(".")
            todo += [".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in edges]
            todo += edges.get(module, ())
    assert {"game.ui.app", "game.ui.browser", "game.core.options", "surfaces"} <= seen
    assert not {m for m in seen if m.split(".")[0] in ("benchmarks", "tools")}


@pytest.mark.parametrize("path", [p for p in project_files() if _shipped(p)], ids=_rel)
def test_one_line_module_docstring(path):
    doc = (ast.get_docstring(_tree(path)) or "").splitlines()
    assert doc and doc[0].strip() and (len(doc) == 1 or not doc[1].strip()), f"{_rel(path)}: needs a one-line summary"


def _is_data_table(node: ast.AST) -> bool:
    """A function whose body is a docstring and one return of a literal (a table in code)."""
    body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(
        body[0].value, (ast.Dict, ast.List, ast.Tuple, ast.Set))


def test_no_file_over_400_lines_and_no_function_over_60():
    too_long = {}
    for path in project_files():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_FILE_LINES:
            too_long[_rel(path)] = f"{lines} lines"
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not _is_data_table(node):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long[f"{_rel(path)} {node.name}"] = f"{length} lines (line {node.lineno})"
    new = {name: size for name, size in too_long.items() if name not in TOO_LONG_PENDING}
    assert not new, "too long: " + "; ".join(f"{name}: {size}" for name, size in new.items())
    assert not TOO_LONG_PENDING - set(too_long), f"fixed, remove from TOO_LONG_PENDING: {TOO_LONG_PENDING - set(too_long)}"


def test_every_package_of_the_game_is_installed():
    """pip install . ships what setuptools finds under pyproject's include patterns: every folder with an
    __init__.py below game/ and surfaces/ (a package left out crashes the installed game at start)."""
    import tomllib

    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = set(find_packages(str(ROOT), include=config["packages"]["find"]["include"]))
    on_disk = {module_name(path.parent) for path in project_files()
               if path.name == "__init__.py" and module_name(path.parent).split(".")[0] in ("game", "surfaces")}
    assert on_disk and on_disk <= found, f"not installed: {sorted(on_disk - found)}"
