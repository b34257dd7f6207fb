"""Recorded takes: levelled and trimmed, shifting only their scene, checked against the script
by an offline recogniser, cut from one whole-scene take, and carrying aligned marks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from explainer.audio import read_wav, resample, write_wav
from explainer.build import build
from explainer.clips import TAKE_LUFS, recorded_clip, synthesized_clip
from explainer.loudness import integrated_loudness
from explainer.marks import mark_times
from explainer.module import load_module
from explainer.narration import parse_script
from explainer.voices import FliteVoice
from explainer.voicing import voice_scene

from .conftest import FIXTURE_ROOT


def speak(text: str, path: Path, voice: str = "kal", rate: float = 1.0,
          gain: float = 1.0, pad_s: float = 0.0, sample_rate: int = 44_100) -> Path:
    """A stand-in for a creator's recording: a real voice (not the module's), at another
    sample rate and level, with room noise-free silence around it."""
    clip = synthesized_clip(FliteVoice(voice, rate), "take", text)
    samples = resample(clip.load(), 48_000, sample_rate) * gain
    pad = np.zeros(int(pad_s * sample_rate), dtype=np.float32)
    write_wav(path, np.concatenate([pad, samples, pad]), sample_rate)
    return path


def test_a_quiet_padded_take_is_trimmed_and_levelled(tmp_path: Path) -> None:
    text = "Then green, a little longer."
    take = speak(text, tmp_path / "green.wav", gain=0.05, pad_s=1.0)
    raw, rate = read_wav(take)
    assert integrated_loudness(resample(raw, rate)) < TAKE_LUFS - 20
    clip = recorded_clip(take, "green")
    assert clip.recorded and read_wav(clip.path)[1] == 48_000
    assert abs(integrated_loudness(clip.load()) - TAKE_LUFS) < 0.5
    spoken = synthesized_clip(FliteVoice("kal"), "take", text)
    assert abs(clip.speech_s - spoken.speech_s) < 0.02  # the two seconds of silence are gone


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_ROOT, root)
    monkeypatch.setenv("EXPLAINER_BUILD_DIR", str(tmp_path / "build"))
    assert build("tiny", "tiny", root=root, quiet=True).renders == 2
    return root


def chapters(root: Path) -> list[float]:
    manifest = json.loads((root.parent / "build/tiny/tiny/manifest.json").read_text())
    return [c["start"] for c in manifest["chapters"]]


def test_a_longer_take_shifts_only_its_scene_and_a_faithful_one_is_not_flagged(
        project: Path) -> None:
    entry = load_module("tiny", project).scene("flash_one")
    before = voice_scene(entry, "flite:slt")
    starts = chapters(project)
    entry.takes_dir.mkdir(parents=True)
    speak("Then green, a little longer.", entry.takes_dir / "green.wav", rate=0.75)
    after = voice_scene(entry, "flite:slt")
    grown = after.clips["green"].duration_s - before.clips["green"].duration_s
    assert after.clips["green"].recorded and grown > 0.3
    report = build("tiny", "tiny", root=project, quiet=True)
    assert sorted(r.entry.id for r in report.rendered if not r.cached) == ["flash_one"]
    assert report.warnings == []
    # the second chapter starts later by the take's extra length (cues own whole frames:
    # to within two frames at 10 fps)
    assert abs((chapters(project)[1] - starts[1]) - grown) <= 0.2 + 1e-6
    cue = next(c for c in report.manifest["cues"] if c["id"] == "green")
    assert cue["recorded"] is True


def test_a_take_that_strays_from_its_script_is_flagged_by_cue(project: Path) -> None:
    entry = load_module("tiny", project).scene("flash_two")
    script = entry.script_path.read_text().replace(
        "The second scene opens in blue.",
        "The second scene opens in blue, the colour of a clear winter sky.")
    entry.script_path.write_text(script)  # long enough for the recogniser to judge
    entry.takes_dir.mkdir(parents=True)
    speak("Good morning everyone, today we will talk about the weather in Paris.",
          entry.takes_dir / "blue.wav")
    report = build("tiny", "tiny", root=project, quiet=True)
    assert len(report.warnings) == 1
    warning = report.warnings[0]
    assert "cue [blue]" in warning and "strays from the script" in warning
    assert str(entry.takes_dir / "blue.wav") in warning


def test_one_take_of_a_whole_scene_is_cut_into_its_cues(project: Path) -> None:
    entry = load_module("tiny", project).scene("flash_two")
    script = parse_script(entry.script_path.read_text(), entry.script_path)
    per_cue = {c.id: synthesized_clip(FliteVoice("rms", 0.9), c.id, c.text)
               for c in script.cues}
    # one recording of the whole script, in one breath per sentence
    speak(" ".join(c.text for c in script.cues), entry.script_path.with_suffix(".wav"),
          voice="rms", rate=0.9)
    voiced = voice_scene(entry, "flite:slt")
    assert voiced.warnings == []
    for cue in script.cues:
        clip = voiced.clips[cue.id]
        assert clip.recorded
        # each part holds its own cue's words: close to that cue spoken on its own
        assert abs(clip.speech_s - per_cue[cue.id].speech_s) < 0.25, cue.id
    report = build("tiny", "tiny", root=project, quiet=True)
    assert sorted(r.entry.id for r in report.rendered if not r.cached) == ["flash_two"]


def test_marks_in_a_recorded_take_come_from_alignment(tmp_path: Path) -> None:
    cue = parse_script("[turn]\nWait for it. [[mark:now]]Now the screen turns blue, "
                       "[[mark:and]]and stays blue.\n", "turn.txt").cues[0]
    engine = synthesized_clip(FliteVoice("slt", 1.06), "turn", cue.text)
    take = tmp_path / "turn.wav"
    write_wav(take, engine.load())  # the very same audio, now as a take: no engine timings
    recorded = recorded_clip(take, "turn")
    assert recorded.words is None
    aligned, reported = mark_times(recorded, cue), mark_times(engine, cue)
    for name in ("now", "and"):
        assert abs(aligned[name] - reported[name]) < 0.1, (name, aligned, reported)
