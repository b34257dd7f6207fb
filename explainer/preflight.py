"""Before a build: every system tool it needs, checked at once, with the command to fix it."""

from __future__ import annotations

import shutil

from .errors import MissingToolError

# tool -> the Debian package that provides it
REQUIRED_TOOLS: dict[str, str] = {
    "ffmpeg": "ffmpeg",
    "ffprobe": "ffmpeg",
    "flite": "flite",
    "latex": "texlive-latex-extra",
    "dvisvgm": "dvisvgm",
}


def missing_tools(tools: dict[str, str] | None = None) -> dict[str, str]:
    tools = REQUIRED_TOOLS if tools is None else tools
    return {tool: package for tool, package in tools.items() if shutil.which(tool) is None}


def require_tools(tools: dict[str, str] | None = None) -> None:
    """Raise one MissingToolError naming every missing tool and the one command to install."""
    missing = missing_tools(tools)
    if missing:
        packages = " ".join(sorted(set(missing.values())))
        raise MissingToolError(
            f"missing system tools: {', '.join(missing)}. Install them with:\n"
            f"    sudo apt-get install {packages}\n"
            "or run `make setup`, which installs everything the project needs."
        )
