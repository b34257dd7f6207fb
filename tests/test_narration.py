"""Narration scripts: parsing, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.errors import NarrationError
from explainer.narration import load_script, parse_script

GOOD = """# a comment
[intro]
Hello there,
  general public.

[second-cue]
Line one.

Line two after a blank line.
"""


def test_cues_ids_and_text() -> None:
    script = parse_script(GOOD, "good.txt")
    assert script.ids == ["intro", "second-cue"]
    assert script.cue("intro").text == "Hello there, general public."
    assert script.cue("second-cue").text == "Line one. Line two after a blank line."
    assert script.cue("second-cue").line == 6


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("stray words\n[a]\nx\n", 1, "text before the first cue"),
        ("[a]\nx\n[a]\ny\n", 3, "used twice (first on line 1)"),
        ("[Bad Id]\nx\n", 1, "bad cue id"),
        ("[a]\n\n[b]\nx\n", 1, "cue [a] has no text"),
        ("[a]\nx\n[b\ny\n", 3, "looks like a cue header"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(NarrationError) as caught:
        parse_script(text, "narration/m/scene.txt")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"narration/m/scene.txt:{line}: ")
    assert words in str(caught.value)


def test_empty_script_is_an_error() -> None:
    with pytest.raises(NarrationError, match="no cues"):
        parse_script("# only a comment\n", "empty.txt")


def test_marks_are_not_headers_and_not_words() -> None:
    script = parse_script("[a]\n[[mark:peak]] at the top\n", "m.txt")
    assert script.cue("a").text == "at the top"
    assert script.cue("a").marks == (("peak", 0),)


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(NarrationError, match="not found"):
        load_script(tmp_path / "missing.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("[a]\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(NarrationError, match=r"latin1.txt: not UTF-8"):
        load_script(bad)
