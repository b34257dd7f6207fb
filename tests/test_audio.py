"""Sample-exact placement: clips land on the sample their frame asks for, without clicks."""

from __future__ import annotations

import numpy as np

from explainer.audio import SAMPLE_RATE, fade_edges, place_clips


def test_place_clips_is_sample_exact() -> None:
    clip = np.ones(1000, dtype=np.float32)
    track = place_clips(10_000, [(3200, clip), (9500, clip)])
    assert len(track) == 10_000
    assert track[3199] == 0 and track[3200] == 0  # the fade starts at zero on the offset
    assert np.flatnonzero(track)[0] == 3201
    assert track[3600] == 1.0
    assert track[9800] > 0 and track[9999] == 0  # cut at the end (faded there), not dropped
    assert np.flatnonzero(track[4200:9500]).size == 0


def test_fades_remove_clicks() -> None:
    faded = fade_edges(np.ones(SAMPLE_RATE, dtype=np.float32))
    assert faded[0] == 0 and faded[-1] == 0 and faded[SAMPLE_RATE // 2] == 1
    assert np.max(np.abs(np.diff(faded))) < 0.01
