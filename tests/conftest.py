"""Shared fixtures: a private build folder, and a real build of the tiny two-scene module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURE_ROOT = Path(__file__).parent / "fixtures" / "project"


@pytest.fixture(scope="session", autouse=True)
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test builds into a temporary folder, never into the project's build/."""
    folder = tmp_path_factory.mktemp("build")
    os.environ["EXPLAINER_BUILD_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_report(build_dir: Path):
    from explainer.build import build

    return build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True)


@pytest.fixture(scope="session")
def tiny_build(tiny_report) -> Path:
    """The output folder of the tiny module: tiny.mp4, tiny.vtt, tiny.srt, manifest.json."""
    return tiny_report.output.parent
