"""./build_web.sh end to end with the offline test template: outputs, archive contents, budget, fast offline failure."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "build_web.sh"
TEMPLATE = ROOT / "tests" / "web" / "template.tmpl"
SHIPPED = ("main.py", "game", "surfaces", "assets")  # what build_web.sh stages
BUDGET = 500 * 1024  # bytes, for each app archive (.apk and .tar.gz)
ALLOWED = re.compile(r"main\.py|game/(.+/)?[^/]+\.py|game/text/locale/[a-z]{2,3}/LC_MESSAGES/[a-z0-9_-]+\.mo"
                     r"|surfaces/(.+/)?[^/]+\.py|surfaces/levels/[^/]+\.json|assets/[^/]+")

pytestmark = [pytest.mark.web, pytest.mark.skipif(os.name == "nt", reason="build_web.sh is a bash script")]


def _pygbag_python() -> str | None:
    try:
        return sys.executable if importlib.metadata.version("pygbag") == "0.9.3" else None
    except importlib.metadata.PackageNotFoundError:
        return None  # build_web.sh then finds or creates a venv with pygbag itself


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPHILL_WEB_")}
    python = _pygbag_python()
    if python:
        env["UPHILL_WEB_PYTHON"] = python
    env.update(extra)
    return env


def _source_files() -> dict[str, str]:
    """The files build_web.sh should ship, with their hashes: no caches, hidden files or dev tools."""
    found = {}
    for top in SHIPPED:
        path = ROOT / top
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in candidates:
            rel = file.relative_to(ROOT).as_posix()
            parts = rel.split("/")
            if "__pycache__" in parts or any(p.startswith(".") for p in parts) or rel.endswith((".pyc", "~", ".orig", ".md", ".po")):
                continue
            found[rel] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """One build for the whole module, into a temporary OUT so the developer's build/web is left alone."""
    out = tmp_path_factory.mktemp("web-out")
    before = _source_files()
    result = subprocess.run(["bash", str(SCRIPT), "--template", str(TEMPLATE), "--out", str(out)], cwd=ROOT,
                            env=_env(), capture_output=True, text=True, timeout=600)
    after = _source_files()  # right away: a later snapshot would also catch unrelated edits in a live checkout
    assert result.returncode == 0, result.stdout + result.stderr
    return {"out": out, "result": result, "before": before, "after": after}


def test_build_reports_each_stage(build):
    stdout = build["result"].stdout
    for stage in ("checking the page template", "finding pygbag", "staging", "packing with pygbag",
                  "checking the output", "copying to", "done in"):
        assert f"==> {stage}" in stdout, stdout
    assert "web.zip" in stdout and "uphill.apk" in stdout and "KB" in stdout


def test_index_html_points_to_the_archive(build):
    web = build["out"] / "web"
    assert sorted(p.name for p in web.iterdir()) == ["favicon.png", "index.html", "uphill.apk", "uphill.tar.gz"]
    html = (web / "index.html").read_text(encoding="utf-8")
    assert "{{cookiecutter." not in html
    assert 'archive : "uphill"' in html and "uphill.tar.gz" in html and "uphill.apk" in html
    assert "<title>Uphill</title>" in html and "ume_block : 0" in html
    assert "https://pygame-web.github.io/cdn/0.9.3/pythons.js" in html


def test_web_zip_holds_the_page_and_both_archives(build):
    with zipfile.ZipFile(build["out"] / "web.zip") as archive:
        assert sorted(archive.namelist()) == ["favicon.png", "index.html", "uphill.apk", "uphill.tar.gz"]
        assert archive.testzip() is None
        assert archive.read("uphill.apk") == (build["out"] / "web" / "uphill.apk").read_bytes()


def test_archives_hold_exactly_the_game(build):
    web = build["out"] / "web"
    with zipfile.ZipFile(web / "uphill.apk") as apk:
        in_apk = sorted(apk.namelist())
    with tarfile.open(web / "uphill.tar.gz") as tar:
        in_tar = sorted(member.name for member in tar.getmembers() if member.isfile())
    assert in_apk == in_tar
    assert all(name.startswith("assets/") for name in in_apk)  # pygbag mounts the app under .../assets/
    shipped = sorted(name.removeprefix("assets/") for name in in_apk)
    assert shipped == sorted(build["before"]), "archive differs from the staged set"
    assert "main.py" in shipped and any(n.startswith("surfaces/levels/") and n.endswith(".json") for n in shipped)
    assert "assets/favicon.png" in shipped
    catalogues = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "game/text/locale").glob("*/*/*.mo"))
    assert catalogues and set(catalogues) <= set(shipped), "every compiled catalogue ships"
    assert not [n for n in shipped if n.endswith(".po")], "catalogue sources stay home"
    odd = [name for name in shipped if not ALLOWED.fullmatch(name)]
    assert not odd, f"unexpected files in the web build: {odd}"
    assert not [n for n in shipped if n.startswith(("tests/", "build/", ".")) or "__pycache__" in n]


def test_archives_are_within_budget(build):
    for name in ("uphill.apk", "uphill.tar.gz"):
        size = (build["out"] / "web" / name).stat().st_size
        assert size <= BUDGET, f"{name} is {size / 1024:.1f} KB, over {BUDGET // 1024} KB"


def test_python_files_are_packed_unchanged(build):
    # our stage is a copy, but pygbag may still rewrite it (black, .wav->.ogg fix-ups): ship what we wrote
    with zipfile.ZipFile(build["out"] / "web" / "uphill.apk") as apk:
        for name in apk.namelist():
            rel = name.removeprefix("assets/")
            if rel.endswith((".py", ".json")):
                assert hashlib.sha256(apk.read(name)).hexdigest() == build["before"][rel], rel


def test_source_tree_is_not_modified(build):
    before, after = build["before"], build["after"]
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"source files changed during the build: {changed}"


@pytest.mark.parametrize("cdn", ["http://127.0.0.1:9/", "http://10.255.255.1/"])
def test_offline_without_template_fails_fast_and_says_what_to_do(tmp_path, cdn):
    # the timeout is the "fast" (a hanging download raises TimeoutExpired): a guard, not a measurement
    result = subprocess.run(["bash", str(SCRIPT), "--template", "cdn", "--out", str(tmp_path)], cwd=ROOT,
                            env=_env(UPHILL_WEB_CDN=cdn), capture_output=True, text=True, timeout=30)
    assert result.returncode != 0, (result.stdout, result.stderr)
    for needed in ("no internet", "--template", "UPHILL_WEB_TEMPLATE", "tests/web/template.tmpl"):
        assert needed in result.stderr, result.stderr
    assert "==> packing" not in result.stdout and not (tmp_path / "web").exists()


def test_missing_template_file_fails_fast(tmp_path):
    result = subprocess.run(["bash", str(SCRIPT), "--out", str(tmp_path)], cwd=ROOT,
                            env=_env(UPHILL_WEB_TEMPLATE=str(tmp_path / "nope.tmpl")),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "nope.tmpl" in result.stderr and "is not a file" in result.stderr


def test_unknown_argument_is_a_usage_error(tmp_path):
    result = subprocess.run(["bash", str(SCRIPT), "--frobnicate"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--frobnicate" in result.stderr


def test_favicon_is_a_square_png():
    import pygame

    icon = pygame.image.load(str(ROOT / "assets" / "favicon.png"))
    assert icon.get_width() == icon.get_height() >= 32


def test_offline_uses_pygbag_s_cached_template(tmp_path):
    """Built online once, offline now: pygbag's own cached copy of the CDN template is enough."""
    cdn = "http://127.0.0.1:9/cdn/"
    cache = tmp_path / "stage" / "uphill" / "build"
    (cache / "web-cache").mkdir(parents=True)
    (cache / "version.txt").write_text("0.9.3")
    digest = hashlib.md5(f"{cdn}default.tmpl".encode()).hexdigest()
    (cache / "web-cache" / f"{digest}.tmpl").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(["bash", str(SCRIPT), "--out", str(tmp_path)], cwd=ROOT,
                            env=_env(UPHILL_WEB_CDN=cdn, UPHILL_WEB_TEMPLATE="cdn"), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cached template" in result.stdout
    assert f"{cdn}pythons.js" in (tmp_path / "web" / "index.html").read_text(encoding="utf-8")


def test_unpacked_archive_runs_on_its_own(build, tmp_path):
    """Unpack uphill.tar.gz as the page does (to .../assets/) and run its main.py headless: nothing is missing."""
    with tarfile.open(build["out"] / "web" / "uphill.tar.gz") as tar:
        tar.extractall(tmp_path, filter="data")
    app = tmp_path / "assets"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    where = subprocess.run([sys.executable, "-c", "import game, surfaces; print(game.__file__, surfaces.__file__)"],
                           cwd=app, env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.split() == [str(app / "game" / "__init__.py"), str(app / "surfaces" / "__init__.py")]
    result = subprocess.run([sys.executable, "main.py", "--headless", "--frames", "30"], cwd=app, env=env,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    import surfaces

    level = surfaces.builtin_levels()[-1].id  # its JSON must come from the archive
    played = subprocess.run([sys.executable, "main.py", "--headless", "--level", level, "--autoplay", "gradient"],
                            cwd=app, env=env, capture_output=True, text=True, timeout=300)
    assert played.returncode == 0 and played.stderr == "", played.stderr
    assert json.loads(played.stdout)["level"] == level
