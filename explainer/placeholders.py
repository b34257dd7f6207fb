"""Computed numbers in narration: ``{model.name}`` or ``{model.name:.0%}`` in a script.

``model`` is ``scenes/<module>/models/<model>.py`` (pure NumPy, no Manim, so resolving is
fast); ``name`` is any module-level value or a function of no arguments. The spec is
Python's format mini-language. So the words a viewer hears carry the numbers the code drew.
"""

from __future__ import annotations

import importlib
import re
import sys

from .errors import NarrationError
from .module import SceneEntry

PLACEHOLDER = re.compile(r"\{(?P<model>[a-z_][a-z0-9_]*)\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                         r"(?::(?P<spec>[^{}]*))?\}")


def resolve(text: str, entry: SceneEntry, line: int) -> str:
    """Replace every placeholder in ``text``; errors name the script, line and placeholder."""
    if "{" not in text:
        return text

    def value(match: re.Match) -> str:
        model, name, spec = match["model"], match["name"], match["spec"] or ""
        root = str(entry.root)
        if root not in sys.path:
            sys.path.insert(0, root)
        dotted = f"scenes.{entry.module_id}.models.{model}"
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError:
            raise NarrationError(entry.script_path, f"{match[0]}: no model file "
                                 f"scenes/{entry.module_id}/models/{model}.py", line) from None
        if not hasattr(module, name):
            raise NarrationError(entry.script_path, f"{match[0]}: {dotted} has no {name}", line)
        found = getattr(module, name)
        found = found() if callable(found) else found
        try:
            return format(found, spec)
        except (ValueError, TypeError) as err:
            raise NarrationError(entry.script_path, f"{match[0]}: {err}", line) from None

    resolved = PLACEHOLDER.sub(value, text)
    leftover = re.search(r"[{}]", resolved)
    if leftover:
        raise NarrationError(entry.script_path, "a '{' or '}' that is not a placeholder "
                             "{model.name} or {model.name:format}", line)
    return resolved
