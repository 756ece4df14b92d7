"""The game's sounds, made with numpy (no audio files): probe tones, a falling tone and a summit chime.

A probe's pitch follows its height, its pan the gradient's east-west part; a step that lost height falls.

Every function returns float samples in [-1, 1], shape (n, 2) (left, right); `to_mixer` turns them into the
integer array pygame.sndarray wants for the mixer's format."""

from __future__ import annotations

import math

import numpy as np

RATE = 44100  # samples per second when the mixer does not say
LOW_HZ = 220.0  # the lowest point of the level's height range (A3)
OCTAVES = 2.0  # the highest point is this many octaves up (A5, 880 Hz)
PROBE_SECONDS = 0.16
FALL_SECONDS = 0.30
FALL_RATIO = 2.0 ** (-7 / 12)  # a falling fifth
CHIME_SECONDS = 0.9
CHIME_NOTES = (1.0, 1.25, 1.5, 2.0)  # a major chord, one after the other
VOLUME = 0.22  # quiet by default: the peak amplitude, of full scale


def pitch(fraction: float) -> float:
    """The tone's frequency for a height at `fraction` (0 lowest, 1 highest) of the level's range; nan: the middle."""
    share = min(max(fraction, 0.0), 1.0) if math.isfinite(fraction) else 0.5
    return LOW_HZ * 2.0 ** (OCTAVES * share)


def pan_for(gx: float, gy: float) -> float:
    """-1 (left, the slope rises to the west) … +1 (right, to the east): the gradient's east-west share."""
    norm = math.hypot(gx, gy)
    if not (math.isfinite(norm) and norm > 0.0):
        return 0.0
    return min(max(gx / norm, -1.0), 1.0)


def _stereo(mono: np.ndarray, pan: float) -> np.ndarray:
    """Equal-power panning: the sum of the channels' energies does not change with the pan."""
    angle = (min(max(pan, -1.0), 1.0) + 1.0) * math.pi / 4.0
    return np.stack((mono * math.cos(angle), mono * math.sin(angle)), axis=1)


def _envelope(n: int, rate: int, attack: float = 0.008, release: float = 0.04) -> np.ndarray:
    """A short fade in and out, so tones start and stop without a click."""
    env = np.ones(n)
    a, r = min(n, max(1, int(attack * rate))), min(n, max(1, int(release * rate)))
    env[:a] = np.linspace(0.0, 1.0, a)
    env[n - r:] *= np.linspace(1.0, 0.0, r)
    return env


def glide(start_hz: float, end_hz: float, seconds: float, pan: float = 0.0, rate: int = RATE,
          volume: float = VOLUME) -> np.ndarray:
    """A sine from `start_hz` to `end_hz` (exponential glide; equal: a steady tone), panned, faded in and out."""
    n = max(1, int(seconds * rate))
    ratio = np.linspace(0.0, 1.0, n, endpoint=False)
    hz = start_hz * (end_hz / start_hz) ** ratio
    phase = 2.0 * math.pi * np.cumsum(hz) / rate
    return _stereo(volume * np.sin(phase) * _envelope(n, rate), pan)


def probe_tone(fraction: float, pan: float = 0.0, rate: int = RATE) -> np.ndarray:
    """A probe at `fraction` of the height range, with the slope's east-west share `pan`."""
    hz = pitch(fraction)
    return glide(hz, hz, PROBE_SECONDS, pan, rate)


def falling_tone(fraction: float, pan: float = 0.0, rate: int = RATE) -> np.ndarray:
    """A step that lost height: from the probe's pitch down a fifth."""
    hz = pitch(fraction)
    return glide(hz, hz * FALL_RATIO, FALL_SECONDS, pan, rate)


def chime(rate: int = RATE, base_hz: float = 523.25) -> np.ndarray:
    """The summit: the notes of a major chord struck one after another, ringing out, centred."""
    n = int(CHIME_SECONDS * rate)
    time = np.arange(n) / rate
    mono = np.zeros(n)
    step = CHIME_SECONDS / (len(CHIME_NOTES) + 2)
    for i, ratio in enumerate(CHIME_NOTES):
        start = i * step
        on = time >= start
        mono += on * np.sin(2.0 * math.pi * base_hz * ratio * (time - start)) * np.exp(-4.0 * np.maximum(time - start, 0.0))
    mono *= VOLUME / max(1e-9, float(np.max(np.abs(mono))))
    return _stereo(mono * _envelope(n, rate), 0.0)


def to_mixer(samples: np.ndarray, size: int, channels: int) -> np.ndarray:
    """Float stereo samples as the mixer's integers: `size` is pygame.mixer.get_init()'s format (bits, negative
    for signed), `channels` its channel count (1: the two channels averaged)."""
    data = samples if channels >= 2 else samples.mean(axis=1)
    if channels > 2:
        data = np.concatenate((data, np.zeros((data.shape[0], channels - 2))), axis=1)
    if abs(size) == 32:  # SDL's 32-bit format is float
        return np.ascontiguousarray(np.clip(data, -1.0, 1.0).astype(np.float32))
    bits = abs(size)
    peak = 2 ** (bits - 1) - 1
    kind = {8: np.int8, 16: np.int16}.get(bits, np.int16)
    scaled = np.clip(data, -1.0, 1.0) * peak
    if size > 0:  # unsigned formats sit around the middle
        scaled = scaled + peak + 1
        kind = {8: np.uint8, 16: np.uint16}.get(bits, np.uint16)
    return np.ascontiguousarray(np.round(scaled).astype(kind))


__all__ = ["pitch", "pan_for", "glide", "probe_tone", "falling_tone", "chime", "to_mixer", "RATE", "VOLUME"]
