"""Incremental builds: each change re-renders exactly the scenes it affects, nothing more."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from explainer.audio import read_wav, write_wav
from explainer.build import build
from explainer.module import load_module
from explainer.quality import quality
from explainer.voicing import voice_scene

from .conftest import FIXTURE_ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the tiny module with its own cold build folder, built once."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_ROOT, root)
    monkeypatch.setenv("EXPLAINER_BUILD_DIR", str(tmp_path / "build"))
    first = build("tiny", "tiny", root=root, quiet=True)
    assert first.renders == 2
    return root


def frames(seconds: float) -> int:
    """The frames a cue of this duration owns at the tiny preset."""
    return math.ceil(seconds * quality("tiny").fps - 1e-6)


def rerendered(root: Path) -> list[str]:
    report = build("tiny", "tiny", root=root, quiet=True)
    return sorted(r.entry.id for r in report.rendered if not r.cached)


def test_one_narration_line_rerenders_only_its_scene(project: Path) -> None:
    script = project / "narration/tiny/flash_two.txt"
    script.write_text(script.read_text().replace("opens in blue", "opens in a deep blue"))
    assert rerendered(project) == ["flash_two"]


def test_shared_code_change_rerenders_every_scene_that_imports_it(project: Path) -> None:
    # flash.py plays the part of the palette: both scenes import it
    shared = project / "scenes/tiny/flash.py"
    shared.write_text(shared.read_text().replace('"#FFFFFF"]', '"#FFFF00"]'))
    assert rerendered(project) == ["flash_one", "flash_two"]


def test_same_length_take_changes_only_the_audio(project: Path, build_dir: Path) -> None:
    module = load_module("tiny", project)
    entry = module.scene("flash_two")
    synthetic = voice_scene(entry, module.voice).clips["blue"]
    manifest = project.parent / "build/tiny/tiny/manifest.json"
    before = json.loads(manifest.read_text())["build_key"]
    # a "recording" of exactly the same length: the synthetic clip with its polarity flipped
    samples, rate = read_wav(synthetic.path)
    entry.takes_dir.mkdir(parents=True)
    write_wav(entry.takes_dir / "blue.wav", -samples, rate)
    take = voice_scene(entry, module.voice).clips["blue"]
    # levelled and trimmed like any take, it keeps the synthetic clip's length to a frame
    assert take.recorded and frames(take.duration_s) == frames(synthetic.duration_s)
    assert rerendered(project) == []
    assert json.loads(manifest.read_text())["build_key"] != before  # the audio was rebuilt
