"""Offline text-to-speech engines behind one small interface.

A voice is named by a spec string ``engine:voice[@rate]``, e.g. ``flite:slt`` or
``flite:slt@0.9`` (rate > 1 speaks faster). Everything that changes the sound is in
``Voice.identity``, which the clip cache hashes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import MissingToolError, PipelineError
from .words import WordTime


class Voice(Protocol):
    @property
    def identity(self) -> str:
        """Engine, engine version, voice and rate: every input besides the text."""

    def synthesize(self, text: str, out: Path) -> list[WordTime] | None:
        """Speak ``text`` into a WAV file at ``out`` (any sample rate, mono).

        Return the engine's own word timings (one per token of ``speakable(text).split()``,
        seconds into ``out``) when the engine reports them, else None: the pipeline then
        finds them by forced alignment where it needs them.
        """


@dataclass(frozen=True)
class FliteVoice:
    """CMU Flite: tiny, fast (real-time factor ~0.01) and installed from Debian's ``flite``.

    Called through its C library (explainer.flite_lib), which also reports when each word
    is spoken, so marks in the narration need no aligner.
    """

    voice: str = "slt"
    rate: float = 1.0

    @property
    def identity(self) -> str:
        return f"flite/{_flite_version()}/{self.voice}/{self.rate:g}"

    def synthesize(self, text: str, out: Path) -> list[WordTime] | None:
        from . import flite_lib

        said = speakable(text)
        spoken = flite_lib.speak(said, self.voice, 1 / self.rate)
        if spoken.samples.size == 0:
            raise PipelineError(f"flite produced no audio for {text[:60]!r}")
        with wave.open(str(out), "wb") as wav:  # the engine's own 16-bit samples, untouched
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(spoken.rate)
            wav.writeframes(spoken.samples.astype("<i2").tobytes())
        tokens = said.split()
        if len(spoken.tokens) != len(tokens):  # flite split the text its own way: align later
            return None
        return [WordTime(i, word, start, end)
                for i, (word, (_, start, end)) in enumerate(zip(tokens, spoken.tokens,
                                                                strict=True))]


_SPOKEN = [
    (re.compile(r"(?<![\w)])[-\u2212](?=\d)"), "minus "),
    (re.compile(r"%"), " percent"),
    (re.compile(r"\u2248"), " about "),
    (re.compile(r"[\u00d7]"), " times "),
    (re.compile(r"(?<=\d),(?=\d{3})"), ""),  # 1,980 -> 1980, which flite reads as a number
]


def speakable(text: str) -> str:
    """The words as a speech engine should read them; captions keep the written form."""
    for pattern, words in _SPOKEN:
        text = pattern.sub(words, text)
    return " ".join(text.split())


def _require(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise MissingToolError(
            f"{tool} is not installed (the default voice). Install it with:\n"
            f"    sudo apt-get install {package}\nor run `make setup`."
        )
    return path


_FLITE_VERSION: str | None = None


def _flite_version() -> str:
    global _FLITE_VERSION
    if _FLITE_VERSION is None:
        out = subprocess.run([_require("flite", "flite"), "--version"],
                             capture_output=True, text=True).stdout
        _FLITE_VERSION = out.split()[1] if len(out.split()) > 1 else "unknown"
    return _FLITE_VERSION


def voice_from_spec(spec: str) -> Voice:
    """``flite:slt@1.1`` -> FliteVoice('slt', 1.1). Raise a clear error for unknown engines."""
    engine, _, rest = spec.partition(":")
    name, _, rate = rest.partition("@")
    try:
        speed = float(rate) if rate else 1.0
    except ValueError:
        raise PipelineError(f"voice {spec!r}: rate {rate!r} is not a number") from None
    if engine == "flite":
        return FliteVoice(name or "slt", speed)
    if engine == "piper":
        # imported here: piper_voice imports this module, and Piper itself is optional
        from . import piper_voice

        model = piper_voice.model_name(name, spec)  # a misspelt voice is an error either way
        reason = piper_voice.missing()
        if reason is None:
            return piper_voice.PiperVoice(model, speed)
        piper_voice.fallback_notice(spec, reason, f"flite:slt@{speed:g}" if rate else "flite:slt")
        return FliteVoice("slt", speed)
    raise PipelineError(
        f"voice {spec!r}: unknown engine {engine!r} (available: flite, piper with the "
        f"optional extra: pip install -e '.[piper]')"
    )
