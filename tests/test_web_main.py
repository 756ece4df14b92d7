"""main.py, the pygbag entry: its shape (what pygbag's runner needs) and that it runs the real loop headless."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "main.py"
# PEP 723 reference regex (pygbag 0.9.3's aio/pep0723.py uses the same block syntax)
PEP723 = re.compile(r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$")


def _env() -> dict[str, str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)  # main.py must keep stdout clean by itself
    return env


def _tree() -> ast.Module:
    return ast.parse(MAIN.read_text(encoding="utf-8"), str(MAIN))


def test_pep723_header_names_numpy_without_version_pins():
    blocks = [m for m in PEP723.finditer(MAIN.read_text(encoding="utf-8")) if m["type"] == "script"]
    assert len(blocks) == 1
    content = "".join(line[2:] if line.startswith("# ") else line[1:] for line in blocks[0]["content"].splitlines(True))
    dependencies = tomllib.loads(content)["dependencies"]
    assert "numpy" in dependencies
    # pygbag looks each entry up by its literal name: "numpy>=2" would not be found
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", dep) for dep in dependencies), dependencies


def test_numpy_is_the_first_import_and_pygame_is_imported_in_main():
    imports = [node for node in _tree().body if isinstance(node, (ast.Import, ast.ImportFrom))]
    first = imports[0]
    assert isinstance(first, ast.Import) and [alias.name for alias in first.names] == ["numpy"]
    names = [alias.name for node in imports if isinstance(node, ast.Import) for alias in node.names]
    assert "pygame" in names and names.index("numpy") < names.index("pygame")  # surfarray needs numpy first


def test_no_relative_imports_in_main():
    # pygbag's import scanner does node.module.split(".") and crashes on `from . import x`
    assert not [node for node in ast.walk(_tree()) if isinstance(node, ast.ImportFrom) and node.module is None]


def test_last_statement_is_asyncio_run_of_the_app():
    last = _tree().body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
    assert ast.unparse(last.value.func) == "asyncio.run"
    assert "app.run(" in ast.unparse(last.value)  # the real game.ui.app.run, not a stand-in
    assert "asyncio.run" in MAIN.read_text(encoding="utf-8")  # pygbag refuses pygame code without this text


def test_main_defines_no_main_guard_or_code_after_run():
    source = MAIN.read_text(encoding="utf-8")
    assert "__name__" not in source
    assert source.rstrip().splitlines()[-1].startswith("asyncio.run(")


@pytest.mark.web
def test_main_runs_the_real_game_headless_and_prints_nothing():
    result = subprocess.run([sys.executable, str(MAIN), "--headless", "--frames", "30"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.web
def test_main_passes_the_app_exit_code_on():
    result = subprocess.run([sys.executable, str(MAIN), "--headless", "--frames", "3", "--level", "no-such-level"],
                            cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.web
def test_bad_flag_is_one_line_and_exit_2():
    result = subprocess.run([sys.executable, str(MAIN), "--scale", "9"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and "--scale" in result.stderr


@pytest.mark.web
def test_help_prints_usage():
    result = subprocess.run([sys.executable, str(MAIN), "--help"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("usage:") and result.stderr == ""


STUB_APP = '''"""Stand-in for game.ui.app: records the options and runs N frames of the async loop."""
import asyncio
import json
import os


async def run(options):
    """Await asyncio.sleep(0) once per frame, like the real loop."""
    frames = 0
    for _ in range(options.frames or 1):
        await asyncio.sleep(0)
        frames += 1
    with open(os.environ["STUB_OUT"], "w") as out:
        json.dump({"frames": frames, "headless": options.headless, "level": options.level}, out)
    return int(os.environ.get("STUB_CODE", "0"))
'''


@pytest.mark.web
@pytest.mark.parametrize("code", [0, 3])
def test_main_wiring_with_a_stub_app(tmp_path, code):
    """main.py's own wiring, independent of the real app: options in, the async loop run, exit code out."""
    shutil.copy(MAIN, tmp_path / "main.py")
    shutil.copytree(ROOT / "game" / "core", tmp_path / "game" / "core")
    (tmp_path / "game" / "__init__.py").write_text('"""Stub package."""\n')
    (tmp_path / "game" / "ui").mkdir()
    (tmp_path / "game" / "ui" / "__init__.py").write_text('"""Stub package."""\n')
    shutil.copy(ROOT / "game" / "ui" / "browser.py", tmp_path / "game" / "ui" / "browser.py")
    (tmp_path / "game" / "ui" / "app.py").write_text(STUB_APP)
    out = tmp_path / "out.json"
    env = dict(_env(), STUB_OUT=str(out), STUB_CODE=str(code))
    result = subprocess.run([sys.executable, "main.py", "--headless", "--frames", "30", "--level", "02-one-hill"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (code, "", "")
    assert out.read_text() == '{"frames": 30, "headless": true, "level": "02-one-hill"}'
