"""Word marks: ``[[mark:name]]`` in a script, its time from the voice engine, a scene that
lands an animation on it, and the finished video where the picture changes on the word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from explainer import flite_lib
from explainer.audio import read_wav
from explainer.build import BuildFailed, build
from explainer.clips import synthesized_clip
from explainer.errors import NarrationError
from explainer.marks import mark_times, spoken_index
from explainer.measure import decode_audio, decode_frames, speech_onsets
from explainer.module import load_module
from explainer.narration import join_marks, parse_script, split_marks
from explainer.quality import quality
from explainer.voices import FliteVoice
from explainer.voicing import voice_scene

from .av_helpers import first_frame_of, frame_colour_index
from .conftest import FIXTURE_ROOT

VOICE = FliteVoice("slt", 1.06)
# Every mark follows a pause, so where its word starts can be heard in the audio itself.
MARKED = "Wait for it. [[mark:now]]Now the screen turns blue, [[mark:and]]and stays blue."


def test_marks_are_parsed_out_of_the_words() -> None:
    script = parse_script(f"[turn]\n{MARKED}\n[[mark:end]]\n", "turn.txt")
    cue = script.cues[0]
    assert cue.text == "Wait for it. Now the screen turns blue, and stays blue."
    assert cue.marks == (("now", 3), ("and", 8), ("end", 11))
    assert split_marks(join_marks(cue.text, cue.marks)) == (cue.text, cue.marks)


@pytest.mark.parametrize("text, error", [
    ("[a]\nword [[mark:Peak]] word\n", "unknown markup '[[mark:Peak]]'"),
    ("[a]\nword [[pause]] word\n", "unknown markup '[[pause]]'"),
    ("[a]\nword [[mark:x]]\nword [[mark:x]]\n", "mark 'x' used twice in one cue"),
    ("[a]\nword [[mark:x word\n", "unclosed '[['"),
])
def test_bad_marks_name_the_file_and_line(text: str, error: str) -> None:
    with pytest.raises(NarrationError) as caught:
        parse_script(text, "narration/m/s.txt")
    assert error in str(caught.value)
    assert str(caught.value).startswith(f"narration/m/s.txt:{text.count(chr(10))}:")


def test_spoken_index_follows_words_the_engine_adds() -> None:
    text = "A 16% chance, about -3 in all, then the end."
    # "16%" is spoken "16 percent" and "-3" "minus 3": two words each
    assert spoken_index(text, 2) == 3
    assert spoken_index(text, 4) == 5
    assert spoken_index(text, 6) == 8


def test_the_library_speaks_exactly_what_the_flite_command_speaks(tmp_path: Path) -> None:
    text = "The ball rolls 12 steps, then stops."
    spoken = flite_lib.speak(text, "slt", 1 / 1.06)
    command = tmp_path / "cli.wav"
    subprocess.run(["flite", "-voice", "slt", "--setf", f"duration_stretch={1 / 1.06:.4f}",
                    "-t", text, "-o", str(command)], check=True)
    cli, rate = read_wav(command)
    assert rate == spoken.rate == 16_000
    assert np.array_equal(np.round(cli * 32768).astype(np.int16), spoken.samples)
    assert [t[0] for t in spoken.tokens] == ["The", "ball", "rolls", "12", "steps", "then",
                                             "stops"]


def test_engine_mark_times_are_where_the_word_is_heard() -> None:
    cue = parse_script(f"[turn]\n{MARKED}\n", "turn.txt").cues[0]
    clip = synthesized_clip(VOICE, "turn", cue.text)
    assert clip.words is not None and len(clip.words) == len(cue.text.split())
    marks = mark_times(clip, cue)
    # independent of the engine: where sound starts again after each pause, in the clip
    onsets = speech_onsets(clip.load(), threshold_db=-35, min_gap_s=0.06)
    for name in ("now", "and"):
        heard = min(onsets, key=lambda t, m=marks[name]: abs(t - m))
        assert abs(marks[name] - heard) < 0.1, (name, marks[name], onsets)
    starts = [w.start for w in clip.words]
    assert starts == sorted(starts) and 0 <= starts[0] and clip.words[-1].end <= clip.speech_s


MARKED_SCENE = '''
from manim import Rectangle, config

from explainer.narrated_scene import NarratedScene


def panel(colour: str) -> Rectangle:
    return Rectangle(width=config.frame_width + 1, height=config.frame_height + 1,
                     fill_color=colour, fill_opacity=1, stroke_width=0)


class Marked(NarratedScene):
    """Red until the word after [[mark:now]] is spoken, then blue."""

    def construct(self) -> None:
        with self.narrate("turn") as cue:
            self.add(panel("#FF0000"))
            cue.wait_until("now")
            self.add(panel("#0000FF"))
'''


@pytest.fixture(scope="module")
def marked_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("marks") / "project"
    shutil.copytree(FIXTURE_ROOT, root)
    (root / "scenes/tiny/marked.py").write_text(MARKED_SCENE)
    (root / "narration/tiny/marked.txt").write_text(f"[turn]\n{MARKED}\n")
    module_toml = root / "scenes/tiny/module.toml"
    module_toml.write_text(module_toml.read_text().replace(
        "]\n", '  { id = "marked", chapter = "Marked" },\n]\n'))
    return root


def test_a_scene_lands_on_its_mark_in_the_finished_video(marked_project: Path) -> None:
    report = build("tiny", "tiny", root=marked_project, scene_ids=["marked"], quiet=True)
    preset = quality("tiny")
    frames = decode_frames(report.output, preset.width, preset.height)
    blue_at = first_frame_of(frame_colour_index(frames), 2) / preset.fps
    audio = decode_audio(report.output)
    cue = report.manifest["cues"][0]
    voiced = voice_scene(load_module("tiny", marked_project).scene("marked"), "flite:slt")
    mark = cue["start"] + voiced.marks["turn"]["now"]
    # where "Now" is heard in the video's own soundtrack: the onset after the sentence's pause
    onsets = speech_onsets(audio, threshold_db=-35, min_gap_s=0.06)
    heard = min(onsets, key=lambda t: abs(t - mark))
    assert abs(mark - heard) < 0.1, (mark, heard)
    assert abs(blue_at - heard) <= 0.1 + 1 / preset.fps, (blue_at, heard)


def test_a_scene_asking_for_an_unknown_mark_names_it(marked_project: Path) -> None:
    scene = marked_project / "scenes/tiny/marked.py"
    scene.write_text(MARKED_SCENE.replace('wait_until("now")', 'wait_until("later")'))
    with pytest.raises(BuildFailed) as failed:
        build("tiny", "tiny", root=marked_project, scene_ids=["marked"], quiet=True)
    assert "cue [turn] has no mark [[mark:later]] (its marks: now, and)" in str(failed.value)
