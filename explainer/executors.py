"""Where scene renders run: a local pool (the default) or tasks on a Dask cluster.

Either way a render is the same call, ``render_scene``, writing into the shared build
folder; the build only learns which scene finished. A cluster's workers must therefore see
the project and the build folder at the same paths as the machine that assembles (a shared
file system), exactly as Slurm or Kubernetes jobs would.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from typing import Protocol

from .errors import PipelineError, SceneRenderError
from .module import SceneEntry
from .narration import CuePlan
from .paths import build_root
from .quality import Quality
from .scene_render import RenderedScene, render_scene


class RenderExecutor(Protocol):
    """Runs one scene render to completion; called from one build thread per scene slot."""

    name: str

    def slots(self, scenes: int) -> int:
        """How many renders the build should have in flight at once."""

    def render(self, entry: SceneEntry, plans: list[CuePlan], quality: Quality,
               priority: int) -> RenderedScene:
        """Render the scene (higher ``priority`` first where the engine queues work)."""

    def close(self) -> None:
        """Release workers or the cluster connection."""


@dataclass
class LocalPool:
    """Worker processes on this machine: one render process per slot, one slot per core."""

    jobs: int | None = None
    name: str = "local"

    def slots(self, scenes: int) -> int:
        return max(1, min(self.jobs or os.cpu_count() or 1, scenes))

    def render(self, entry: SceneEntry, plans: list[CuePlan], quality: Quality,
               priority: int) -> RenderedScene:
        return render_scene(entry, plans, quality)

    def close(self) -> None:
        pass


def render_on_worker(build_dir: str, entry: SceneEntry, plans: list[CuePlan],
                     quality: Quality) -> RenderedScene:
    """The cluster task: render into the build folder the client named (a shared path)."""
    os.environ["EXPLAINER_BUILD_DIR"] = build_dir
    return render_scene(entry, plans, quality)


class DaskCluster:
    """Scene renders as tasks on Dask ``distributed``: a scheduler address, or a local cluster.

    Without an address a ``LocalCluster`` of ``jobs`` single-threaded worker processes is
    started for this build (what the tests use); with one, the build is a client of an
    existing cluster (``dask scheduler`` + ``dask worker`` on each machine).
    """

    name = "dask"

    def __init__(self, address: str | None = None, jobs: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise PipelineError(
                "the dask executor needs Dask distributed: .venv/bin/pip install -e '.[cluster]'"
            ) from None
        self._cluster = None
        if address:
            try:
                self.client = Client(address, timeout="20s")
            except OSError as err:
                raise PipelineError(f"no Dask scheduler at {address}: {err}") from None
        else:
            self._cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1,
                                         threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self.client = Client(self._cluster)

    def slots(self, scenes: int) -> int:
        return max(1, scenes)  # the scheduler queues; build threads only wait on results

    def render(self, entry: SceneEntry, plans: list[CuePlan], quality: Quality,
               priority: int) -> RenderedScene:
        future = self.client.submit(render_on_worker, str(build_root()), entry, plans, quality,
                                    pure=False, priority=priority,
                                    key=f"render-{entry.id}-{uuid.uuid4().hex[:8]}")
        try:
            return future.result()
        except PipelineError:
            raise
        except Exception as err:  # a lost worker, a task the scheduler gave up on
            raise SceneRenderError(f"scene {entry.id}: the Dask task failed: "
                                   f"{type(err).__name__}: {err}") from err

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(name: str = "local", jobs: int | None = None,
                  scheduler: str | None = None) -> RenderExecutor:
    """The executor the CLI's ``--executor`` names."""
    if name == "local":
        if scheduler:
            raise PipelineError("--scheduler only applies to --executor dask")
        return LocalPool(jobs)
    if name == "dask":
        return DaskCluster(scheduler, jobs)
    raise PipelineError(f"unknown executor {name!r}: choose local or dask")
