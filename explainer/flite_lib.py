"""CMU Flite called in-process through its C library, for its audio and its word timings.

The ``flite`` command prints no timings, but the library keeps them: every token of the text
is an item of the utterance's Token relation, and its words' segments carry end times. The
audio is sample-for-sample what the command writes (checked in tests/test_marks.py), so the
clip cache stays valid across the two.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_float, c_int, c_short, c_void_p
from dataclasses import dataclass
from functools import cache

import numpy as np

from .errors import MissingToolError


class _Voice(ctypes.Structure):  # the head of cst_voice (flite/include/cst_voice.h)
    _fields_ = [("name", c_char_p), ("features", c_void_p), ("ffunctions", c_void_p)]


class _Wave(ctypes.Structure):  # cst_wave (flite/include/cst_wave.h)
    _fields_ = [("type", c_char_p), ("sample_rate", c_int), ("num_samples", c_int),
                ("num_channels", c_int), ("samples", POINTER(c_short))]


_SIGNATURES = {
    "flite_init": (c_int, []),
    "flite_synth_text": (c_void_p, [c_char_p, c_void_p]),
    "utt_wave": (POINTER(_Wave), [c_void_p]),
    "utt_relation": (c_void_p, [c_void_p, c_char_p]),
    "relation_head": (c_void_p, [c_void_p]),
    "item_next": (c_void_p, [c_void_p]),
    "ffeature_float": (c_float, [c_void_p, c_char_p]),
    "ffeature_string": (c_char_p, [c_void_p, c_char_p]),
    "feat_set_float": (None, [c_void_p, c_char_p, c_float]),
    "delete_utterance": (None, [c_void_p]),
}

# Paths from a token to the segments of its first and last word. A word starts where the
# segment before its first one ends (after any pause), and ends with its last segment.
_TOKEN_START = b"daughter1.R:SylStructure.daughter1.daughter1.R:Segment.p.end"
_TOKEN_END = b"daughtern.R:SylStructure.daughtern.daughtern.R:Segment.end"


@dataclass(frozen=True)
class Spoken:
    samples: np.ndarray                       # int16, mono
    rate: int
    tokens: list[tuple[str, float, float]]    # (token, start s, end s), in text order


@cache
def _library() -> ctypes.CDLL:
    try:
        for support in ("libflite_usenglish.so.1", "libflite_cmulex.so.1"):
            ctypes.CDLL(support, mode=ctypes.RTLD_GLOBAL)
        lib = ctypes.CDLL("libflite.so.1", mode=ctypes.RTLD_GLOBAL)
    except OSError as err:
        raise MissingToolError(
            f"the flite library is not installed ({err}). Install it with:\n"
            "    sudo apt-get install flite\nor run `make setup`."
        ) from None
    for name, (restype, argtypes) in _SIGNATURES.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    lib.flite_init()
    return lib


@cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None)


@cache
def _voice(name: str) -> int:
    _library()
    try:
        voice_lib = ctypes.CDLL(f"libflite_cmu_us_{name}.so.1")
    except OSError:
        raise MissingToolError(f"flite has no voice {name!r} (Debian's flite ships "
                               "slt, kal, kal16, awb and rms)") from None
    register = getattr(voice_lib, f"register_cmu_us_{name}")
    register.restype, register.argtypes = c_void_p, [c_void_p]
    return register(None)


def speak(text: str, voice: str = "slt", duration_stretch: float = 1.0) -> Spoken:
    """Synthesise ``text``; return the samples and each whitespace token's time span."""
    lib = _library()
    handle = _voice(voice)
    features = ctypes.cast(handle, POINTER(_Voice)).contents.features
    lib.feat_set_float(features, b"duration_stretch", float(f"{duration_stretch:.4f}"))
    # The voices draw their noise from C's rand(). The command starts each process at the
    # default seed; seeding every utterance the same way makes this audio the command's,
    # whatever this process spoke before.
    _libc().srand(1)
    utterance = lib.flite_synth_text(text.encode("utf-8"), handle)
    try:
        wave = lib.utt_wave(utterance).contents
        samples = np.ctypeslib.as_array(wave.samples, shape=(wave.num_samples,)).copy()
        tokens: list[tuple[str, float, float]] = []
        token = lib.relation_head(lib.utt_relation(utterance, b"Token"))
        last_end = 0.0
        while token:
            name = (lib.ffeature_string(token, b"name") or b"").decode("utf-8", "replace")
            start = lib.ffeature_float(token, _TOKEN_START)
            end = lib.ffeature_float(token, _TOKEN_END)
            if end <= 0.0:  # a token with no spoken word (a lone dash): it takes no time
                start = end = last_end
            tokens.append((name, round(start, 4), round(end, 4)))
            last_end = max(last_end, end)
            token = lib.item_next(token)
        return Spoken(samples, wave.sample_rate, tokens)
    finally:
        lib.delete_utterance(utterance)
