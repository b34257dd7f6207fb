"""Errors a creator can act on: each names the file (and line or cue) and the cause."""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Base class: anything that should stop with a clear one-paragraph message, no traceback."""


class NarrationError(PipelineError):
    """A narration script that cannot be read, or that disagrees with its scene."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = Path(path)
        self.line = line


class ModuleError(PipelineError):
    """A module definition that cannot be read or names something that does not exist."""


class MissingToolError(PipelineError):
    """A system tool the pipeline needs is not installed."""


class SceneRenderError(PipelineError):
    """A scene that raised while rendering; carries the scene's own traceback lines."""
