"""Split a module's scenes over N independent jobs (Slurm arrays, Kubernetes indexed jobs).

Every shard computes the same split from the narration alone (no timings file, which
differs between machines): scenes sorted longest first, each given to the shard with the
least narration so far. Shards only fill the shared scene cache; ``render.py assemble``
joins the result once they are all done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import PipelineError
from .voicing import VoicedScene


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based, as written on the command line
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``"K/N"``, 1-based (a Kubernetes job passes ``$((JOB_COMPLETION_INDEX + 1))/N``)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise PipelineError(f"--shard {text!r}: write K/N with 1 <= K <= N, for example 2/4")
    return Shard(int(match[1]), int(match[2]))


def shard_scenes(voiced: list[VoicedScene], shard: Shard) -> list[VoicedScene]:
    """This shard's scenes: greedy longest-first balancing of the narrated durations."""
    loads = [0.0] * shard.count
    mine = []
    ranked = sorted(voiced, key=lambda v: (-sum(p.duration for p in v.plans()), v.entry.id))
    for scene in ranked:
        target = loads.index(min(loads))
        loads[target] += sum(p.duration for p in scene.plans())
        if target == shard.index - 1:
            mine.append(scene)
    return mine
