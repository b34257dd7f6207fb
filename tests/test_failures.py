"""Failure modes: bad input names the file and cause, and nothing finished is lost."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explainer.build import BuildFailed, build, module_lock
from explainer.errors import PipelineError
from explainer.paths import PROJECT_ROOT, cache_dir
from explainer.scaffold import new_scene

from .conftest import FIXTURE_ROOT

PYTHON = sys.executable


@pytest.fixture
def project(tmp_path: Path, build_dir: Path) -> Path:
    """A private copy of the tiny module, free to break."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_ROOT, root)
    return root


def test_crashing_scene_is_named_and_others_still_render(project: Path) -> None:
    first = build("tiny", "tiny", root=project, quiet=True)
    video = first.output
    before = (video.read_bytes(), (video.parent / "manifest.json").read_text())
    scene = project / "scenes/tiny/flash_two.py"
    scene.write_text(scene.read_text().replace(
        "    pass", "    def construct(self) -> None:\n"
                   "        raise ValueError('the scene fell over')"))
    script = project / "narration/tiny/flash_one.txt"
    script.write_text(script.read_text().replace("a little longer", "a good deal longer"))
    with pytest.raises(BuildFailed) as failed:
        build("tiny", "tiny", root=project, quiet=True)
    message = str(failed.value)
    assert "1 of 2 scenes failed" in message
    assert "scene flash_two" in message and "ValueError: the scene fell over" in message
    assert f'{scene}", line 6, in construct' in message  # the scene's own traceback line
    assert "raise ValueError('the scene fell over')" in message
    # the other scene was re-rendered all the same
    assert [r.entry.id for r in failed.value.report.rendered if not r.cached] == ["flash_one"]
    # and the previous module video is untouched
    assert (video.read_bytes(), (video.parent / "manifest.json").read_text()) == before


def test_narration_syntax_error_names_file_and_line(project: Path) -> None:
    script = project / "narration/tiny/flash_one.txt"
    script.write_text("[red]\nRed.\n[green\nGreen.\n")
    with pytest.raises(BuildFailed) as failed:
        build("tiny", "tiny", root=project, quiet=True)
    assert f"{script}:3: looks like a cue header" in str(failed.value)
    assert "flash_two" not in failed.value.report.failures


def test_new_scene_renders_and_cue_mismatches_are_reported(project: Path) -> None:
    files = new_scene("tiny", "asks", "Asking for cues", root=project)
    assert [f.name for f in files] == ["asks.py", "asks.txt", "module.toml"]
    report = build("tiny", "tiny", scene_ids=["asks"], root=project, quiet=True)
    assert report.ok and report.output.exists() and report.warnings == []

    script = project / "narration/tiny/asks.txt"
    text = script.read_text()
    # a cue in the script that the scene never plays: a warning naming file and cue
    script.write_text(text + "\n[extra]\nNobody animates this.\n")
    report = build("tiny", "tiny", scene_ids=["asks"], root=project, quiet=True)
    assert report.warnings == [f"{script}: cue [extra] is in the script but the scene never "
                               "plays it"]
    # a cue the scene plays that the script lacks: an error naming file and cue
    script.write_text(text.split("[point]")[0])
    with pytest.raises(BuildFailed) as failed:
        build("tiny", "tiny", scene_ids=["asks"], root=project, quiet=True)
    assert f"{script}: the scene Asks plays cue [point], which the script does not have" in str(
        failed.value)


def test_second_build_of_the_same_module_refuses(project: Path) -> None:
    with module_lock("tiny"), pytest.raises(PipelineError, match="already being built"):
        build("tiny", "tiny", root=project, quiet=True)


def test_missing_tools_get_one_message_with_the_install_command() -> None:
    env = {"PATH": str(Path(PYTHON).parent), "HOME": os.environ.get("HOME", "/root")}
    result = subprocess.run([PYTHON, "render.py", "build", "math_for_ai"], cwd=PROJECT_ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "missing system tools: ffmpeg, ffprobe, flite, latex, dvisvgm" in result.stderr
    assert "sudo apt-get install dvisvgm ffmpeg flite texlive-latex-extra" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_interrupted_build_leaves_nothing_half_written_and_resumes(
        project: Path, sig: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_BUILD_DIR", str(tmp_path / "own-build"))  # a cold cache
    slow = project / "scenes/tiny/flash_two.py"
    original = slow.read_text()
    slow.write_text(original.replace(
        "    pass", "    def construct(self) -> None:\n        import time\n"
                   "        time.sleep(120)\n        super().construct()"))
    code = ("import sys; from pathlib import Path; from explainer.build import build; "
            f"build('tiny', 'tiny', jobs=2, root=Path({str(project)!r}))")
    process = subprocess.Popen([PYTHON, "-c", code], cwd=PROJECT_ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    scenes = cache_dir("scenes")
    before = set(scenes.iterdir())
    deadline = time.time() + 120
    # wait until flash_one is finished and flash_two is mid-render
    while time.time() < deadline:
        new = set(scenes.iterdir()) - before
        done = [p for p in new if not p.name.startswith(".") and (p / "timing.json").exists()]
        if done and any(p.name.startswith(".") for p in new):
            break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the build never reached the middle of a render")
    os.killpg(process.pid, sig)
    process.wait(timeout=30)
    assert process.returncode != 0
    output = tmp_path / "own-build" / "tiny" / "tiny"
    assert not (output / "tiny.mp4").exists() and not (output / "manifest.json").exists()
    finished = [p for p in set(scenes.iterdir()) - before if not p.name.startswith(".")]
    assert all((p / "scene.mp4").exists() and (p / "timing.json").exists() for p in finished)

    slow.write_text(original)
    report = build("tiny", "tiny", root=project, quiet=True)
    assert [r.entry.id for r in report.rendered if r.cached] == ["flash_one"]  # resumed
    assert not [p for p in scenes.iterdir() if p.name.startswith(".")]  # temporaries swept
