"""Cue timing against real rendered scenes: each cue starts on the frame the scene recorded."""

from __future__ import annotations

from explainer.measure import decode_frames
from explainer.media import count_frames, video_stream
from explainer.module import load_module
from explainer.quality import quality
from explainer.scene_render import render_scene
from explainer.voicing import voice_scene

from .av_helpers import first_frame_of, frame_colour_index
from .conftest import FIXTURE_ROOT


def test_recorded_cue_starts_are_the_frames_where_cues_begin(tiny_report) -> None:
    module = load_module("tiny", FIXTURE_ROOT)
    preset = quality("tiny")
    for entry in module.scenes:
        voiced = voice_scene(entry, module.voice)
        scene = render_scene(entry, voiced.plans(), preset)  # cached by the module build
        timing = scene.timing
        frames = decode_frames(scene.video, preset.width, preset.height)
        assert len(frames) == timing["frames"] == count_frames(scene.video)
        index = frame_colour_index(frames)
        for n, plan in enumerate(voiced.plans()):
            start = timing["cue_starts"][plan.id]
            assert first_frame_of(index, n) == start
            # the cue owns at least its duration: the next cue starts no earlier
            assert start + round(plan.duration * preset.fps) - 1 <= len(frames)
        stream = video_stream(scene.video)
        assert (stream.width, stream.height, stream.fps) == (preset.width, preset.height,
                                                             preset.fps)


def test_cue_durations_follow_the_voice(tiny_report) -> None:
    """A block lasts its cue: the gap between cue starts is the cue's duration, to a frame."""
    module = load_module("tiny", FIXTURE_ROOT)
    entry = module.scenes[0]
    voiced = voice_scene(entry, module.voice)
    plans = voiced.plans()
    timing = render_scene(entry, plans, quality("tiny")).timing
    gap = (timing["cue_starts"][plans[1].id] - timing["cue_starts"][plans[0].id]) / 10
    assert abs(gap - plans[0].duration) <= 0.1 + 1e-9
