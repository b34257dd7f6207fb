"""Offline word timings and recognition with PocketSphinx: no network, no Whisper.

``align_words`` finds where each token of a known text is spoken (forced alignment), for
voices that do not report their own word timings and for recorded takes. ``recognise`` and
``script_mismatch`` tell whether a take strays from its script.

The bundled US-English acoustic model and CMU dictionary come with the ``pocketsphinx``
wheel. Words the dictionary lacks (names, jargon such as "softmax") get a pronunciation from
flite's letter-to-sound rules, the same rules the default voice speaks them with. Numbers are
spelled out with ``num2words`` the way flite reads them ("1980" -> "nineteen eighty").
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from .audio import resample
from .errors import PipelineError
from .voices import _require, speakable
from .words import WordTime

if TYPE_CHECKING:
    from pocketsphinx import Decoder

# Word error rate of recognise() against its script above which a take strays. Measured on
# flite speech of 20 narration sentences (voices slt at rates 0.9/1/1.15, kal16, awb, rms):
# the script's own speech scored median 0.23, 95th percentile 0.59, max 0.92 (one outlier from
# the Scottish awb voice; 0.70 for slt); speech of a different sentence scored min 0.77, 1st
# percentile 0.80, median 1.00. Over two-sentence cues: own max 0.76 (awb; 0.46 for slt),
# other min 0.85. 0.72 keeps clear of every different-sentence score measured. A person's take
# should score lower than synthetic speech (the model learnt from human speech): not measured.
STRAY_WER = 0.72

_RATE = 16_000         # the acoustic model's sample rate
_FRAMES_PER_S = 100    # pocketsphinx's default frame rate (-frate)
_SILENCE_DBFS = -50.0  # a clip with no sample louder than this has no speech to align

# flite's US phone set -> the model's (CMU ARPAbet without stress). Syllabic consonants get
# the schwa CMUdict writes for them ("bottle" B AA T AH L); pauses are not phones here.
_FLITE_TO_CMU = {
    "ax": "AH", "axr": "ER", "dx": "T", "nx": "N", "hv": "HH",
    "el": "AH L", "em": "AH M", "en": "AH N", "pau": "", "h#": "",
}
_CMU_PHONES = frozenset(
    "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH "
    "UH UW V W Y Z ZH".split()
)

# Runs of one kind inside a token: a number (with thousands commas, decimals or an ordinal
# or plural suffix) or a word (with inner apostrophes, "model's"). Everything else separates.
_RUN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th|'?s\b)?|[a-z]+(?:'[a-z]+)*")


def spoken_words(token: str) -> list[str]:
    """The dictionary words a token is spoken as: lower case, numbers spelled out.

    "12," -> ["twelve"]; "0.16" -> ["zero", "point", "one", "six"]; "1st" -> ["first"];
    "1980s" -> ["nineteen", "eighties"]; "soft-max" -> ["soft", "max"];
    "Model's" -> ["model's"]. A token with no letters or digits ("&", "=") gives [] here;
    the aligner asks flite how it reads such a token.
    """
    return [word for word, _ in _spoken_runs(token)]


def _spoken_runs(token: str) -> list[tuple[str, str]]:
    """``spoken_words`` with, for each word, the text flite should read for its sound.

    The case is kept for flite because it reads an unknown capitalised word differently
    ("Nguyen" is spelled out letter by letter, "nguyen" is not).
    """
    text = token.replace("\u2019", "'")
    runs: list[tuple[str, str]] = []
    for match in _RUN.finditer(text.lower()):
        run = match.group()
        if run[0].isdigit():
            runs.extend((word, word) for word in _number_words(run))
        else:
            runs.append((run, text[match.start():match.end()]))
    return runs


def _number_words(run: str) -> list[str]:
    from num2words import num2words

    plural = run.endswith("s") and not run.endswith("st")  # "1980s", "1980's"
    ordinal = run[-2:] in ("st", "nd", "rd", "th")
    digits = run.rstrip("'s") if plural else run[:-2] if ordinal else run
    whole, _, fraction = digits.replace(",", "").partition(".")
    value = int(whole)
    if ordinal:
        spoken = num2words(value, to="ordinal")
    elif len(whole) == 4 and "," not in digits and not fraction and 1000 <= value < 2100:
        spoken = num2words(value, to="year")  # "1980" is read "nineteen eighty"
    else:
        spoken = num2words(Decimal(value))
    if fraction:
        # digit by digit, trailing zeros kept: "3.50" is "three point five zero"
        spoken += " point " + " ".join(num2words(int(d)) for d in fraction)
    # "and" dropped: US readers (and flite) say "one hundred five"
    words = [w for w in re.split(r"[\s,-]+", spoken) if w and w != "and"]
    if plural:
        last = words[-1]
        words[-1] = (last[:-1] + "ies" if last.endswith("y") else
                     last + "es" if last.endswith(("s", "x")) else last + "s")
    return words


def _flite_to_cmu(phones: str) -> str:
    # t2p marks stress with a digit ("ae1"); the model's phones carry none
    bare = (p.rstrip("012") for p in phones.split())
    mapped = " ".join(_FLITE_TO_CMU.get(p, p.upper()) for p in bare)
    return " ".join(p for p in mapped.split() if p in _CMU_PHONES)


_flite_cache: dict[str, str] = {}


def _flite_phones(texts: list[str]) -> dict[str, str]:
    """flite's pronunciation of each text in the model's phone set ("" if it says nothing).

    One run for all new words: each is its own sentence, so flite puts a pause between them
    and the phone string splits there. Per-word runs if the split does not line up.
    """
    new = [t for t in dict.fromkeys(texts) if t not in _flite_cache]
    if new:
        said = " ".join(_run_t2p(". ".join(new) + ".").split())
        parts = [_flite_to_cmu(part) for part in f" {said} ".split(" pau ") if part.strip()]
        if len(parts) != len(new) or not all(parts):
            parts = [_flite_to_cmu(_run_t2p(t)) for t in new]
        _flite_cache.update(zip(new, parts, strict=True))
    return {t: _flite_cache[t] for t in texts}


def _run_t2p(text: str) -> str:
    """flite's text-to-phones tool: the voice's own lexicon and letter-to-sound rules, without
    synthesising audio (``flite -ps -o none`` synthesises anyway: 2.4 s for 150 words)."""
    result = subprocess.run([_require("t2p", "flite"), text], capture_output=True, text=True)
    if result.returncode != 0:
        raise PipelineError(f"flite's t2p could not pronounce {text[:60]!r}: "
                            f"{result.stderr.strip()}")
    return result.stdout


class _Decoders:
    """One decoder of each kind per process: loading a model takes a fraction of a second.

    Alignment and recognition use separate decoders because adding a word to a decoder with a
    language model rebuilds its search (half a second a word); the aligner has none.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pid = 0
        self._aligner: Decoder | None = None
        self._recogniser: Decoder | None = None
        # (word, text) pairs whose flite pronunciation the aligner already has
        self.checked: set[tuple[str, str]] = set()

    def _fresh(self) -> None:
        # a forked child must not share the parent's decoders
        if self.pid != os.getpid():
            self._aligner = self._recogniser = None
            self.checked = set()
            self.pid = os.getpid()

    def aligner(self) -> Decoder:
        self._fresh()
        if self._aligner is None:
            from pocketsphinx import Decoder

            self._aligner = Decoder(lm=None, loglevel="ERROR")
        return self._aligner

    def recogniser(self) -> Decoder:
        self._fresh()
        if self._recogniser is None:
            from pocketsphinx import Decoder

            self._recogniser = Decoder(loglevel="ERROR")
        return self._recogniser


_decoders = _Decoders()


def _pcm16k(samples: np.ndarray, rate: int, what: str) -> bytes:
    """Mono float audio as 16 kHz 16-bit PCM bytes; a clear error if there is no speech."""
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    if samples.size < rate * 0.05:
        raise PipelineError(f"{what}: the audio is empty ({samples.size} samples)")
    if float(np.abs(samples).max()) < 10 ** (_SILENCE_DBFS / 20):
        raise PipelineError(f"{what}: the audio is silent (no sample above {_SILENCE_DBFS:g} dBFS)")
    pcm = np.clip(resample(samples, rate, _RATE), -1.0, 1.0) * 32767.0
    return np.round(pcm).astype("<i2").tobytes()


def _learn_words(decoder: Decoder, runs: list[tuple[str, str]]) -> set[str]:
    """Give the aligner each (dictionary word, text flite reads) the way flite says it.

    A word the dictionary lacks is added with flite's pronunciation; a word it has gets
    flite's as one more alternative when it differs, so speech from the default voice aligns
    even where flite disagrees with CMUdict ("Nguyen" spelled out). Returns the words nobody
    can pronounce (flite says nothing for them and the dictionary lacks them).
    """
    todo = [run for run in dict.fromkeys(runs) if run not in _decoders.checked]
    said = _flite_phones([text for _, text in todo])
    unsayable: set[str] = set()
    for word, text in todo:
        known: list[str] = []
        while pron := decoder.lookup_word(f"{word}({len(known) + 1})" if known else word):
            known.append(pron)
        phones = said[text]
        if phones and phones not in known:
            decoder.add_word(f"{word}({len(known) + 1})" if known else word, phones, True)
        elif not known:
            unsayable.add(word)
            continue
        _decoders.checked.add((word, text))
    return unsayable


def _token_plan(decoder: Decoder, tokens: list[str]) -> list[list[str]]:
    """Per token, the dictionary words the aligner should look for, adding unknown ones."""
    plan: list[list[tuple[str, str]]] = []
    for token in tokens:
        # a bare symbol is aligned to whatever flite says for it ("&" -> "ampersand") under
        # a private dictionary name
        symbol = "sym_" + "_".join(f"{ord(c):x}" for c in token)
        plan.append(_spoken_runs(token) or [(symbol, token)])
    unsayable = _learn_words(decoder, [run for runs in plan for run in runs])
    return [[word for word, _ in runs if word not in unsayable] for runs in plan]


def align_words(samples: np.ndarray, rate: int, text: str) -> list[WordTime]:
    """Where each whitespace token of ``text`` is spoken in ``samples`` (mono float audio).

    ``text`` is the text as spoken (already through ``speakable``). The result has exactly one
    entry per token of ``text.split()``, in order; a token spoken as several words ("12",
    "0.16", "soft-max") spans its first word's start to its last word's end. A token with
    nothing to say (bare punctuation) gets a zero-length time where the previous token ended.
    Raises PipelineError if the audio is empty or silent or the alignment fails.

    Forced alignment places the text's words somewhere even in a take that says something
    else; whether the take says its text is ``script_mismatch``'s question.
    """
    tokens = text.split()
    if not tokens:
        return []
    pcm = _pcm16k(samples, rate, f"aligning {text[:60]!r}")
    with _decoders.lock:
        decoder = _decoders.aligner()
        plan = _token_plan(decoder, tokens)
        flat = [w for words in plan for w in words]
        if not flat:
            raise PipelineError(f"aligning {text[:60]!r}: the text has no words to align")
        try:
            decoder.set_align_text(" ".join(flat))
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
        except RuntimeError as err:
            raise PipelineError(f"aligning {text[:60]!r} failed: {err}") from None
        found = [] if decoder.hyp() is None else [
            (re.sub(r"\(\d+\)$", "", s.word), s.start_frame, s.end_frame + 1)
            for s in decoder.seg()
            # fillers: silences, <s>, </s>, [NOISE]
            if not s.word.startswith(("<", "[", "+"))
        ]
    if [w for w, _, _ in found] != flat:
        raise PipelineError(
            f"aligning {text[:60]!r} failed: the speech could not be matched to the text "
            f"(found {len(found)} of {len(flat)} words); is this the right take?"
        )
    spans: list[tuple[float, float] | None] = []
    cursor = 0
    for words in plan:
        if words:
            first, last = found[cursor], found[cursor + len(words) - 1]
            cursor += len(words)
            spans.append((first[1] / _FRAMES_PER_S, last[2] / _FRAMES_PER_S))
        else:
            spans.append(None)
    return [WordTime(index, token, *(span or _silent_span(spans, index)))
            for index, (token, span) in enumerate(zip(tokens, spans, strict=True))]


def _silent_span(spans: list[tuple[float, float] | None], index: int) -> tuple[float, float]:
    """A zero-length span for a token with nothing to say: where the previous spoken token
    ended, or where the next one starts if none came before."""
    before = [s for s in spans[:index] if s is not None]
    at = before[-1][1] if before else next(s for s in spans[index:] if s is not None)[0]
    return at, at


def recognise(samples: np.ndarray, rate: int) -> str:
    """What an offline recogniser hears in ``samples``: lower-case words, space-separated."""
    pcm = _pcm16k(samples, rate, "recognising a take")
    with _decoders.lock:
        decoder = _decoders.recogniser()
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
    return "" if hyp is None else " ".join(hyp.hypstr.lower().split())


def _normal_words(text: str) -> list[str]:
    return [w for token in speakable(text).split() for w in spoken_words(token)]


def script_mismatch(script: str, heard: str) -> float:
    """Word error rate of ``heard`` against ``script``: edits per script word.

    Both are normalised alike (lower case, punctuation stripped, numbers spelled out), then
    (substitutions + deletions + insertions) / script words by Levenshtein distance over
    words. 0 is a perfect match; above ``STRAY_WER`` the take does not say its script.
    """
    ref, hyp = _normal_words(script), _normal_words(heard)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / len(ref)
