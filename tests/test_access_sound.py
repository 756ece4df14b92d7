"""Sound: pitch and pan of the generated tones from their samples (FFT, channel energies); the game with sound on."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pygame
import pytest
from hypothesis import given, settings, strategies as st

from game.core import actions as A
from game.core.levels import expression_level
from game.core.model import Game
from game.ui import tones
from game.ui.tools.sound import SoundTool, probe_sound

FORMULA = "2*exp(-((x+0.5)^2 + (y-1)^2)) - 0.1*y"  # not a built-in level


def peak_hz(samples: np.ndarray, rate: int = tones.RATE) -> float:
    """The strongest frequency of the mono sum, from the FFT (interpolated between bins)."""
    mono = samples.sum(axis=1) * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(mono, n=8 * len(mono)))
    k = int(np.argmax(spectrum))
    return k * rate / (8 * len(mono))


def energy_ratio(samples: np.ndarray) -> float:
    """Right channel's energy over the total."""
    left, right = (float(np.sum(samples[:, c] ** 2)) for c in (0, 1))
    return right / (left + right)


@pytest.mark.parametrize("fraction", [0.0, 0.25, 0.5, 1.0])
def test_pitch_from_the_spectrum(fraction):
    expected = 220.0 * 4.0 ** fraction
    assert abs(peak_hz(tones.probe_tone(fraction)) - expected) < 0.01 * expected


def test_pitch_rises_with_height():
    peaks = [peak_hz(tones.probe_tone(f)) for f in np.linspace(0, 1, 6)]
    assert all(b > a for a, b in zip(peaks, peaks[1:]))


@given(st.floats(-1, 1), st.floats(-1, 1))
@settings(max_examples=40, deadline=None)
def test_pan_follows_the_east_west_share(gx, gy):
    samples = tones.probe_tone(0.5, tones.pan_for(gx, gy))
    norm = math.hypot(gx, gy)
    share = gx / norm if norm > 0 else 0.0
    # equal-power pan: right energy share = sin²((p + 1)·π/4)
    assert abs(energy_ratio(samples) - math.sin((share + 1) * math.pi / 4) ** 2) < 1e-6
    assert (energy_ratio(samples) > 0.5) == (share > 1e-9) or abs(share) < 1e-6


def test_falling_tone_falls_and_chime_is_centred():
    fall = tones.falling_tone(0.5)
    half = len(fall) // 2
    assert peak_hz(fall[:half]) > peak_hz(fall[half:]) * 1.2
    chime = tones.chime()
    assert abs(energy_ratio(chime) - 0.5) < 1e-9 and np.max(np.abs(chime)) <= tones.VOLUME + 1e-9


def test_quiet_and_clean_samples():
    for samples in (tones.probe_tone(0.3, 0.4), tones.falling_tone(0.9, -1.0), tones.chime()):
        assert samples.ndim == 2 and samples.shape[1] == 2 and np.all(np.isfinite(samples))
        assert np.max(np.abs(samples)) <= tones.VOLUME + 1e-9
        assert np.max(np.abs(samples[0])) < 0.01 and np.max(np.abs(samples[-1])) < 0.01  # no clicks


def test_to_mixer_formats():
    samples = tones.probe_tone(0.5, 0.5)
    assert tones.to_mixer(samples, -16, 2).dtype == np.int16
    assert tones.to_mixer(samples, -16, 1).shape == (len(samples),)
    assert tones.to_mixer(samples, 8, 2).dtype == np.uint8
    assert tones.to_mixer(samples, 32, 2).dtype == np.float32
    assert np.array_equal(tones.to_mixer(samples, -16, 2)[:, 0], np.round(np.clip(samples[:, 0], -1, 1) * 32767))


def test_probe_sound_uses_the_level_range_and_falls_after_a_loss():
    game = Game(expression_level(FORMULA))
    first = game.probe(-0.5, 1.0)  # the top
    second = game.probe(2.0, -2.0)  # far down: lost height
    lo, hi = game.height_range
    expected = 220.0 * 4.0 ** ((first.value - lo) / (hi - lo))
    assert abs(peak_hz(probe_sound(first, game.height_range)) - expected) < 0.01 * expected
    fall = probe_sound(second, game.height_range)
    assert second.gain < 0 and len(fall) == len(tones.falling_tone(0.0))
    undefined = Game(expression_level("log(x)", (-2, 2, -2, 2)))
    assert probe_sound(undefined.probe(-1.0, 0.0), undefined.height_range) is None


def test_game_plays_with_sound_on_through_the_dummy_driver(make_app, run_frames):
    played: list[int] = []
    app = make_app("--expr", FORMULA, "--sound")
    run_frames(app, 1)
    tool = next(tool for tool in app.top.tools if isinstance(tool, SoundTool))
    real = tool.access.play
    tool.access.play = lambda samples: played.append(len(samples)) or real(samples)
    app.dispatch(A.Action(A.PROBE, at=(-0.5, 1.0)))
    app.dispatch(A.Action(A.PROBE, at=(0.5, 1.0)))
    run_frames(app, 3)
    assert tool.access.sound and tool.access.mixer == "ready" and len(played) == 2
    app.dispatch(A.Action(A.SOUND))  # M: off, remembered
    assert not tool.access.sound and app.session.store.load("access")[0]["sound"] is False
    app.dispatch(A.Action(A.PROBE, at=(0.0, 0.0)))
    assert len(played) == 3 and not tool.access.play(tones.chime())  # asked, but nothing sounds while off
    pygame.mixer.quit()


def test_no_device_means_silence_and_one_notice(make_app, run_frames, monkeypatch):
    def broken(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    app = make_app("--expr", FORMULA, "--sound")
    run_frames(app, 1)
    for x in (-1.0, 0.0, 1.0):
        app.dispatch(A.Action(A.PROBE, at=(x, 0.5)))
        run_frames(app, 1)
    texts = [banner[0] for banner in app.banners]
    assert texts.count("No sound device: the game goes on without sound.") == 1
    assert len(app.top.game.probes) == 3


def test_web_waits_for_a_gesture(make_app, run_frames):
    from game.ui.tools.access import Access

    state = Access(sound=True, gesture=False)
    assert not state.start_mixer() and state.mixer == "idle"  # not tried yet: no gesture
    state.gesture = True
    assert state.start_mixer()
    pygame.mixer.quit()


@pytest.mark.slow
def test_cli_runs_with_sound_and_the_dummy_driver():
    out = subprocess.run([sys.executable, "-m", "game", "--headless", "--sound", "--expr", FORMULA, "--probe",
                          "0,0", "--probe", "-0.5,1", "--claim"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["probes"] == 2
