"""Every scene of every module renders (tiny resolution) and assembles into its module video.

Scenes are discovered from the module definitions, so a new scene is covered without a new
test. The build renders in parallel; each scene then gets a test result of its own.
"""

from __future__ import annotations

import json

import pytest

from explainer.build import BuildFailed, BuildReport, build
from explainer.media import stream_durations
from explainer.module import list_modules, load_module

SCENES = [(m, s.id) for m in list_modules() for s in load_module(m).scenes]


@pytest.fixture(scope="module")
def module_builds() -> dict[str, BuildReport]:
    reports = {}
    for module_id in list_modules():
        try:
            reports[module_id] = build(module_id, "tiny", quiet=True)
        except BuildFailed as failed:
            reports[module_id] = failed.report
    return reports


@pytest.mark.parametrize(("module_id", "scene_id"), SCENES, ids=[f"{m}/{s}" for m, s in SCENES])
def test_scene_renders(module_builds: dict[str, BuildReport], module_id: str,
                       scene_id: str) -> None:
    report = module_builds[module_id]
    assert scene_id not in report.failures, report.failures.get(scene_id)
    scene = next(r for r in report.rendered if r.entry.id == scene_id)
    timing = scene.timing
    assert not timing["unplayed"], f"cues never played: {timing['unplayed']}"
    assert not timing["overruns"], f"animations longer than their cues: {timing['overruns']}"


@pytest.mark.parametrize("module_id", list_modules())
def test_module_video_assembles(module_builds: dict[str, BuildReport], module_id: str) -> None:
    report = module_builds[module_id]
    assert report.ok, report.failures
    manifest = json.loads((report.output.parent / "manifest.json").read_text())
    assert [c["scene"] for c in manifest["chapters"]] == [s.id for s in report.module.scenes]
    durations = stream_durations(report.output)
    assert abs(durations["audio"] - durations["video"]) < 1 / manifest["fps"]
