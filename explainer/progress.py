"""A line per scene per state change: cached / voicing / queued / rendering / done / failed.

Line-based rather than a redrawn table so it reads the same in a terminal and a CI log.
"""

from __future__ import annotations

import threading
import time

import click

_COLOURS = {"cached": "cyan", "voicing": "blue", "queued": "white", "rendering": "yellow",
            "done": "green", "failed": "red", "assembling": "magenta", "written": "green"}


class Progress:
    def __init__(self, total: int, quiet: bool = False) -> None:
        self.total = total
        self.quiet = quiet
        self.started = time.perf_counter()
        self._lock = threading.Lock()
        self.states: dict[str, str] = {}

    def update(self, name: str, state: str, detail: str = "") -> None:
        with self._lock:
            self.states[name] = state
            if self.quiet:
                return
            finished = min(self.total, sum(s in ("cached", "done", "failed")
                                           for s in self.states.values()))
            clock = f"{time.perf_counter() - self.started:6.1f}s"
            label = click.style(f"{state:<10}", fg=_COLOURS.get(state))
            count = f"[{finished:>2}/{self.total}]"
            click.echo(f"{clock} {count} {name:<28} {label} {detail}".rstrip())
