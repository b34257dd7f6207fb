"""Reading the tiny module's flashes back out of real video files."""

from __future__ import annotations

import numpy as np

# the fixture's cue colours, in order: red, green, blue, white
COLOURS = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]], dtype=float)


def frame_colour_index(frames: np.ndarray) -> np.ndarray:
    """Per frame, which fixture colour fills it (-1 when none does, e.g. the end fade)."""
    mean = frames.reshape(len(frames), -1, 3).mean(axis=1)
    distance = np.linalg.norm(mean[:, None, :] - COLOURS[None, :, :], axis=2)
    index = distance.argmin(axis=1)
    index[distance.min(axis=1) > 60] = -1
    return index


def first_frame_of(index: np.ndarray, colour: int, after: int = 0) -> int:
    hits = np.flatnonzero(index[after:] == colour)
    assert hits.size, f"colour {colour} never fills a frame after frame {after}"
    return after + int(hits[0])
