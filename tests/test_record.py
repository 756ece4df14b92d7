"""Record and replay: a recorded session replays to the same probes and score; bad recordings fail cleanly."""

from __future__ import annotations

import json
import random

import pygame
import pytest

from game.core import actions as A
from game import cli
from game.core.record import FORMAT, VERSION, load_replay


def outcome(app) -> list:
    """Every finished game of the session: level, probes (x, y, value, guess) and score."""
    return [(game.level.id, [(p.x, p.y, p.value, p.guess) for p in game.probes], game.score().total,
             game.verdict.kind) for game in app.session.games]


def tap(**fields) -> None:
    """Press and release a key, as a real keyboard does."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, **fields))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, **fields))


def post_random_input(rng: random.Random, app) -> None:
    """What a restless player does in one frame: keys, typing, mouse moves and clicks."""
    width, height = app.size
    roll = rng.random()
    if roll < 0.35:
        key = rng.choice([pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN])
        mod = pygame.KMOD_LSHIFT if rng.random() < 0.3 else 0
        tap(key=key, mod=mod, unicode="", scancode=0)
    elif roll < 0.45:
        tap(key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0)
    elif roll < 0.55:
        pos = (rng.randrange(width), rng.randrange(height))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    elif roll < 0.6:
        pos = (rng.randrange(width // 2), rng.randrange(height))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    elif roll < 0.63:
        tap(key=pygame.K_p, mod=0, unicode="p", scancode=0)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="p"))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=str(rng.randrange(5))))
        tap(key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    elif roll < 0.64:
        tap(key=pygame.K_c, mod=0, unicode="c", scancode=0)
    elif roll < 0.65:
        tap(key=pygame.K_n, mod=0, unicode="n", scancode=0)


@pytest.mark.slow
def test_record_then_replay_gives_the_same_result(make_app, run_frames, tmp_path):
    path = tmp_path / "session.json"
    pygame.event.clear()
    app = make_app("--level", "two-peaks", "--record", str(path))
    rng = random.Random(2024)
    for _ in range(400):
        post_random_input(rng, app)
        app.step(1 / 60)
    tap(key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0)
    tap(key=pygame.K_c, mod=0, unicode="c", scancode=0)
    run_frames(app, 2)
    recorded = outcome(app)
    assert recorded and any(len(probes) > 2 for _, probes, _, _ in recorded)
    assert any(guess is not None for _, probes, _, _ in recorded for *_, guess in probes)
    app.session.recorder.save(str(path), app.frame)

    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == VERSION and data["size"] == list(app.size)
    assert "level=two-peaks" in data["options"] and data["level"] == app.session.games[-1].level.id
    assert data["result"]["score"] == recorded[-1][2]

    pygame.event.clear()
    again = make_app("--replay", str(path))
    run_frames(again, 5000)
    assert not again.running  # a headless replay ends after its last action
    assert outcome(again) == recorded


def test_autoplay_record_then_replay(make_app, run_frames, tmp_path):
    path = tmp_path / "auto.json"
    app = make_app("--level", "rough-ground", "--autoplay", "momentum", "--record", str(path))
    run_frames(app, 100)
    app.session.recorder.save(str(path), app.frame)
    again = make_app("--replay", str(path))
    run_frames(again, 5000)
    assert outcome(again) == outcome(app) and outcome(app)


def test_record_file_written_at_exit_by_run(tmp_path, capsys, display):
    path = tmp_path / "r.json"
    assert cli.main(["--headless", "--level", "1", "--frames", "20", "--record", str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["frames"] == 20 and data["actions"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]
    assert capsys.readouterr() == ("", "")
    replay = load_replay(str(path))
    assert replay.options.level == "1" and replay.size == (1280, 800)


def write(tmp_path, content) -> str:
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


GOOD = {"format": FORMAT, "version": VERSION, "options": "level=1", "size": [1280, 800], "actions": []}


@pytest.mark.parametrize("content, words", [
    ("{ nope", "not valid JSON"),
    ([1, 2], "not an Uphill recording"),
    (dict(GOOD, format="other"), "not an Uphill recording"),
    (dict(GOOD, version=99), "version"),
    (dict(GOOD, options=5), "options"),
    (dict(GOOD, options="level=1&palette=pink"), "palette"),
    (dict(GOOD, size=[10]), "size"),
    (dict(GOOD, actions={}), "actions"),
    (dict(GOOD, actions=[[5, {"kind": "probe"}], [3, {"kind": "probe"}]]), "frame"),
    (dict(GOOD, actions=[[1, {"kind": "fly"}]]), "action 1"),
    (dict(GOOD, actions=[["1", {"kind": "probe"}]]), "action 1"),
    (dict(GOOD, progress=[]), "progress"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format": "uphill-record", "version": ' + "9" * 5000 + "}", "not a valid recording"),
    ('{"format": "uphill-record", "version": 1, "options": "", "size": [1280, 800], '
     '"actions": [[1, {"kind": "click", "pos": [Infinity, 5]}]]}', "action 1"),
    (dict(GOOD, actions=[[1, {"kind": "click", "pos": [1e300, 1e300]}]]), "action 1"),
])
def test_bad_recordings_one_line_naming_the_file(tmp_path, capsys, content, words, display):
    path = write(tmp_path, content)
    assert cli.main(["--headless", "--replay", path]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert err.startswith(f"{path}: ") and words in err


def test_missing_recording(tmp_path, capsys, display):
    assert cli.main(["--replay", str(tmp_path / "none.json")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'none.json'}: no such file\n"


@pytest.mark.slow
def test_replayed_resizes_to_impossible_sizes_are_clamped(make_app, run_frames):
    app = make_app("--level", "2")
    for size in ((1_000_000, 1_000_000), (-5, -5), (0, 0)):
        app.dispatch(A.Action(A.RESIZE, pos=size))
        run_frames(app, 1)
        width, height = app.size
        assert 64 <= width <= 3840 and 64 <= height <= 2160


@pytest.mark.slow
def test_a_recording_made_before_the_layers_replays_to_the_same_result(make_app, run_frames):
    """tests/fixtures/replay-v0.1.json was recorded with commit b4ff7e2, before game/ was split into layers:
    seven games on six levels (probes, guesses, claims, restarts, next level) must come out the same. The rules
    of 0.2 changed what some of its keys do (the guess field opens empty and not before the first probe, so a
    typed Enter probes; a level without a start puts the cursor a quarter of the way in; Enter after a failed
    claim retries; Tab picks probes): the expected outcome was re-taken then. It still pins the replay: the same
    recording must always give these games."""
    from pathlib import Path

    fixtures = Path(__file__).resolve().parent / "fixtures"
    expected = json.loads((fixtures / "replay-v0.1.outcome.json").read_text(encoding="utf-8"))["games"]
    pygame.event.clear()
    app = make_app("--replay", str(fixtures / "replay-v0.1.json"))
    run_frames(app, 5000)
    assert not app.running
    got = [[level, [list(p) for p in probes], score, kind] for level, probes, score, kind in outcome(app)]
    assert got == expected
