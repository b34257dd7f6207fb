"""Content hashes that decide what must be rebuilt.

A scene's key covers its source and every project file it imports (found by walking the
``import`` statements, so editing the shared palette invalidates every scene that uses it,
and nothing else), its cue durations, the quality preset and the versions of Manim and of
this pipeline.
"""

from __future__ import annotations

import ast
import hashlib
import json
from functools import cache, lru_cache
from pathlib import Path

from .paths import PROJECT_ROOT

_LOCAL_PACKAGES = ("scenes", "explainer")


def _module_file(dotted: str, root: Path) -> Path | None:
    """The file of a project module: the scene's own root first, then this project's (as
    the render worker imports them)."""
    for top in dict.fromkeys((root, PROJECT_ROOT)):
        base = top.joinpath(*dotted.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.exists():
                return candidate
    return None


def _stamp(path: Path) -> tuple[int, int, int]:
    """What changes when a file is rewritten: the memos below are keyed on it, so a build
    reads each shared helper once, however many scenes import it."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _imports(path: Path, root: Path) -> frozenset[str]:
    return _parsed_imports(path, root, _stamp(path))


@lru_cache(maxsize=4096)
def _parsed_imports(path: Path, root: Path, stamp: tuple[int, int, int]) -> frozenset[str]:
    """Dotted names of the project modules ``path`` imports (absolute or relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ""  # a file outside both trees has no package for relative imports
    for top in (root, PROJECT_ROOT):
        if path.is_relative_to(top):
            package = ".".join(path.parent.relative_to(top).parts)
            break
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return frozenset(n for n in names if n.split(".")[0] in _LOCAL_PACKAGES)


def source_closure(path: Path, root: Path = PROJECT_ROOT) -> list[Path]:
    """``path`` and every project file it imports, directly or not, sorted.

    ``root`` is the scene's project root, where ``scenes.*`` is looked up first."""
    root = root.resolve()
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for dotted in _imports(current, root):
            parts = dotted.split(".")
            # a package's __init__ runs on any import from it
            for i in range(1, len(parts) + 1):
                found = _module_file(".".join(parts[:i]), root)
                if found is not None and found.resolve() not in seen:
                    todo.append(found.resolve())
    return sorted(seen)


def file_digest(path: Path) -> str:
    return _digest_of(path, _stamp(path))


@lru_cache(maxsize=4096)
def _digest_of(path: Path, stamp: tuple[int, int, int]) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest(*parts: object) -> str:
    """A short stable hash of JSON-able parts."""
    blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


@cache
def manim_version() -> str:
    from importlib.metadata import version

    return version("manim")
