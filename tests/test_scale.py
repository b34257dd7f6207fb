"""Scale-out: scene renders as Dask tasks on a real local cluster, and shards + assemble."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import BuildFailed, build
from explainer.executors import DaskCluster
from explainer.media import count_frames
from explainer.shards import Shard, parse_shard

from .conftest import FIXTURE_ROOT


@pytest.fixture
def cold_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "shared-build"
    monkeypatch.setenv("EXPLAINER_BUILD_DIR", str(folder))
    return folder


def test_dask_local_cluster_renders_the_module(cold_build: Path) -> None:
    cluster = DaskCluster(jobs=2)
    try:
        workers = cluster.client.scheduler_info()["workers"]
        assert len(workers) == 2
        report = build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True, executor=cluster)
    finally:
        cluster.close()
    assert report.renders == 2
    # the workers wrote into the shared folder the assembler read from
    assert all(r.folder.is_relative_to(cold_build) for r in report.rendered)
    assert count_frames(report.output) == sum(count_frames(r.video) for r in report.rendered)


def test_shards_split_the_work_and_assemble_joins_it(cold_build: Path) -> None:
    one = build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True, shard=Shard(1, 2))
    assert one.renders == 1 and one.output is None  # a shard assembles nothing
    with pytest.raises(BuildFailed) as missing:
        build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True, render=False)
    other = ({"flash_one", "flash_two"} - {one.rendered[0].entry.id}).pop()
    assert f"scene {other} is not rendered at this version yet" in str(missing.value)
    two = build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True, shard=Shard(2, 2))
    assert two.renders == 1 and two.rendered[0].entry.id == other
    joined = build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True, render=False)
    assert joined.renders == 0 and joined.output.exists()


@pytest.mark.parametrize("text", ["0/2", "3/2", "two", "1/0"])
def test_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(Exception, match="K/N"):
        parse_shard(text)
