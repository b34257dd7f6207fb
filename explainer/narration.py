"""Narration scripts: plain text a writer edits, split into cues with ids.

Format (one file per scene, ``narration/<module>/<scene>.txt``)::

    # Lines starting with '#' are comments.
    [cue-id]
    The words of the cue, over as many lines as you like.
    A blank line inside a cue is allowed.

    [next-cue]
    ...

A cue id is lower-case letters, digits, '-' and '_'. Every error names the file and line.

A mark, ``[[mark:name]]`` between two words, names the moment the next word is spoken;
scene code can wait for it (``cue.until("name")``). Marks are not spoken or captioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NarrationError

CUE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_HEADER = re.compile(r"^\[(?P<id>[^\[\]]*)\]\s*$")
_MARKUP = re.compile(r"\[\[(?P<body>[^\[\]]*)\]\]")
_MARK = re.compile(r"mark:(?P<name>[a-z0-9][a-z0-9_-]*)")


@dataclass(frozen=True)
class Cue:
    """One unit of narration: spoken as one clip, animated by one ``narrate`` block."""

    id: str
    text: str  # the words, marks taken out
    line: int  # line of the cue's header, for error messages
    marks: tuple[tuple[str, int], ...] = ()  # (name, index of the word it precedes)


@dataclass(frozen=True)
class CuePlan:
    """What a scene is told about a cue before it renders."""

    id: str
    duration: float  # seconds the cue owns: speech + breath
    speech: float    # seconds of speech
    text: str
    marks: dict[str, float] = field(default_factory=dict)  # name -> seconds into the cue


@dataclass(frozen=True)
class Script:
    path: Path
    cues: tuple[Cue, ...]

    def cue(self, cue_id: str) -> Cue:
        for cue in self.cues:
            if cue.id == cue_id:
                return cue
        raise NarrationError(self.path, f"no cue [{cue_id}] in this script")

    @property
    def ids(self) -> list[str]:
        return [cue.id for cue in self.cues]


def _clean(lines: list[str]) -> str:
    """Join a cue's lines into one paragraph of single-spaced text."""
    return " ".join(" ".join(lines).split())


def split_marks(text: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    """``"a [[mark:x]]b"`` -> ``("a b", (("x", 1),))``: the words, and where each mark sits."""
    words: list[str] = []
    marks: list[tuple[str, int]] = []
    for piece in _MARKUP.sub(lambda m: f" {m[0]} ", text).split():
        mark = _MARKUP.fullmatch(piece)
        if mark:
            marks.append((_MARK.fullmatch(mark["body"])["name"], len(words)))  # type: ignore[index]
        else:
            words.append(piece)
    return " ".join(words), tuple(marks)


def join_marks(text: str, marks: tuple[tuple[str, int], ...]) -> str:
    """The inverse of split_marks: the words with their marks put back."""
    words = text.split()
    for name, index in sorted(marks, key=lambda m: -m[1]):
        words.insert(index, f"[[mark:{name}]]")
    return " ".join(words)


def _check_markup(line: str, path: Path, number: int, seen: set[str]) -> None:
    for markup in _MARKUP.finditer(line):
        mark = _MARK.fullmatch(markup["body"].strip())
        if not mark or markup["body"] != markup["body"].strip():
            raise NarrationError(path, f"unknown markup {markup[0]!r}: a mark is written "
                                 "[[mark:name]] (lower-case letters, digits, '-', '_')", number)
        if mark["name"] in seen:
            raise NarrationError(path, f"mark {mark['name']!r} used twice in one cue", number)
        seen.add(mark["name"])
    leftover = _MARKUP.sub("", line)
    if "[[" in leftover or "]]" in leftover:
        raise NarrationError(path, "an unclosed '[[' or stray ']]' (a mark is [[mark:name]])",
                             number)


def parse_script(text: str, path: Path | str = "<narration>") -> Script:
    """Parse a narration script; raise NarrationError naming the file and line on any fault."""
    path = Path(path)
    cues: list[Cue] = []
    seen: dict[str, int] = {}
    current_id: str | None = None
    current_line = 0
    body: list[str] = []
    marks_seen: set[str] = set()

    def close() -> None:
        if current_id is None:
            return
        words, marks = split_marks(_clean(body))
        if not words:
            raise NarrationError(path, f"cue [{current_id}] has no text", current_line)
        cues.append(Cue(current_id, words, current_line, marks))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            cue_id = header["id"].strip()
            if not CUE_ID.fullmatch(cue_id):
                raise NarrationError(
                    path,
                    f"bad cue id [{cue_id}]: use lower-case letters, digits, '-' and '_'",
                    number,
                )
            if cue_id in seen:
                raise NarrationError(
                    path, f"cue id [{cue_id}] used twice (first on line {seen[cue_id]})", number
                )
            close()
            seen[cue_id] = number
            current_id, current_line, body = cue_id, number, []
            marks_seen = set()
            continue
        if line.startswith("[") and not line.startswith("[["):
            raise NarrationError(
                path, f"looks like a cue header but is not one: {line!r} (write [cue-id])", number
            )
        if line and current_id is None:
            raise NarrationError(path, "text before the first cue header [cue-id]", number)
        _check_markup(line, path, number, marks_seen)
        body.append(line)
    close()
    if not cues:
        raise NarrationError(path, "no cues: a script needs at least one [cue-id] header")
    return Script(path, tuple(cues))


def load_script(path: Path) -> Script:
    """Read and parse a narration script file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NarrationError(path, "narration script not found") from None
    except UnicodeDecodeError as err:
        raise NarrationError(path, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    return parse_script(text, path)
