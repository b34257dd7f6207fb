"""Captions: readable line lengths, and times inside their cues."""

from __future__ import annotations

from explainer.captions import MAX_LINE, MAX_LINES, cue_captions, split_text, to_srt, to_webvtt

LONG = ("Most people guess that a positive result means you are sick with a chance of about "
        "ninety five percent. The real answer, once you count the healthy people who also test "
        "positive, is far smaller, and that surprise is the whole point of this chapter.")


def test_blocks_fit_two_lines_of_42() -> None:
    blocks = split_text(LONG)
    assert all(1 <= len(b) <= MAX_LINES for b in blocks)
    assert all(len(line) <= MAX_LINE for b in blocks for line in b)
    assert " ".join(" ".join(b) for b in blocks).split() == LONG.split()  # no word lost


def test_caption_times_tile_the_speech() -> None:
    captions = cue_captions(LONG, start=10.0, speech=20.0)
    assert captions[0].start == 10.0
    assert abs(captions[-1].end - 30.0) < 0.002
    for a, b in zip(captions, captions[1:], strict=False):
        assert abs(a.end - b.start) < 0.002 and a.end > a.start


def test_webvtt_and_srt_formats() -> None:
    captions = cue_captions("Short one. Another.", 3661.5, 2.0)
    vtt, srt = to_webvtt(captions), to_srt(captions)
    # time shared by characters: 10 of 18 for "Short one."
    assert vtt.startswith("WEBVTT\n\n01:01:01.500 --> 01:01:02.611\nShort one.\n")
    assert srt.startswith("1\n01:01:01,500 --> 01:01:02,611\nShort one.\n\n2\n")
