"""Drawing people as small squares: one square per person, coloured by group.

Both Bayes scenes draw with these helpers, so a sick person, a positive test and a gathered
group look the same in both chapters: fill says sick (yellow) or healthy (grey), a green
frame says "tested positive", a red frame "tested negative", and a dim fill says "not among
the people we are looking at".

The ``mark_*`` helpers take a mobject or its ``.animate`` builder, so the same call marks a
person at once or animates the marking.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, Mobject, Square, Text, VGroup

from scenes.math_for_ai.models.bayes import BayesOutcome
from scenes.shared.palette import (
    FONT,
    HEALTHY,
    LABEL_SIZE,
    SICK,
    SMALL_SIZE,
    TEST_NEGATIVE,
    TEST_POSITIVE,
    TEXT,
)

FRAME_WIDTH = 2.5  # stroke of the test-result frame around one person
DIM = 0.22         # fill opacity of people who are out of the picture
CROWD_FILL = 0.7   # fill opacity of the untested crowd, so the sick stand out


def count(n: int) -> str:
    """A count as the viewer reads it: 1,980 with a thousands comma."""
    return f"{n:,}"


def percent(p: float) -> str:
    """A probability as a whole percentage."""
    return f"{p:.0%}"


def person(side: float, color=HEALTHY) -> Square:
    """One person: a filled square without a frame (the frame is the test result)."""
    return Square(side, stroke_width=0, fill_color=color, fill_opacity=1)


def block_slots(count: int, cols: int, cell: float) -> list[np.ndarray]:
    """Centres of a ``count``-person block, in rows of ``cols``, first person at the origin."""
    return [RIGHT * (i % cols) * cell + DOWN * (i // cols) * cell for i in range(count)]


def grid_of(count: int, cols: int, cell: float, side: float, color=HEALTHY,
            opacity: float = 1.0) -> VGroup:
    """``count`` people in rows of ``cols``, filled left to right and top to bottom."""
    return VGroup(*(person(side, color).set_fill(opacity=opacity).move_to(slot)
                    for slot in block_slots(count, cols, cell)))


def align_top_left(mob: Mobject, corner: np.ndarray) -> Mobject:
    """Place ``mob`` so its top-left corner sits at ``corner``."""
    return mob.shift(corner - mob.get_corner(UP + LEFT))


def crowd_groups(outcome: BayesOutcome, seed: int = 7) -> dict[str, list[int]]:
    """Which seats of the crowd hold each of the four groups, scattered at random.

    The sizes come from the model; only the seating is random (a fixed seed, so every
    render seats the same people).
    """
    seats = np.random.default_rng(seed).permutation(outcome.population).tolist()
    sizes = {"true_positive": outcome.true_positives, "false_negative": outcome.false_negatives,
             "false_positive": outcome.false_positives, "true_negative": outcome.true_negatives}
    groups, start = {}, 0
    for name, size in sizes.items():
        groups[name] = seats[start:start + size]
        start += size
    return groups


def mark_positive(people):
    """A green frame and a full fill: tested positive (a mobject or its ``.animate`` builder)."""
    return people.set_stroke(TEST_POSITIVE, FRAME_WIDTH, opacity=1).set_fill(opacity=1)


def mark_negative(people):
    """A red frame and a dim fill: tested negative (a mobject or its ``.animate`` builder)."""
    return people.set_stroke(TEST_NEGATIVE, FRAME_WIDTH, opacity=1).set_fill(opacity=DIM)


def dim(people):
    """A dim fill: out of the picture (a mobject or its ``.animate`` builder)."""
    return people.set_fill(opacity=DIM)


def word(text: str, color=TEXT, size: int = SMALL_SIZE) -> Text:
    """A label in the house font."""
    return Text(text, font=FONT, font_size=size, color=color)


def stacked_label(number: str, words: str, number_color, words_color) -> VGroup:
    """A count over its words, e.g. '19' over 'positive', each part in its own colour."""
    return VGroup(word(number, number_color, LABEL_SIZE),
                  word(words, words_color, SMALL_SIZE)).arrange(DOWN, buff=0.08)


def fraction(top: Mobject, bottom: Mobject, color=TEXT) -> VGroup:
    """``top`` over ``bottom`` with a fraction bar as wide as the wider of the two."""
    width = max(top.width, bottom.width) + 0.2
    bar = Line(LEFT * width / 2, RIGHT * width / 2, stroke_width=3, color=color)
    top.next_to(bar, UP, buff=0.12)
    bottom.next_to(bar, DOWN, buff=0.12)
    return VGroup(top, bar, bottom)


def coloured_sum(parts: list[tuple[str, object]], size: int = LABEL_SIZE) -> VGroup:
    """A row of words or numbers, each in its own colour, e.g. 19 + 99."""
    return VGroup(*(word(text, color, size) for text, color in parts)).arrange(RIGHT, buff=0.15)


def positives_block(outcome: BayesOutcome, cols: int, cell: float, side: float) -> VGroup:
    """Everyone who tested positive as one framed block: the sick first, then the healthy."""
    return VGroup(*(mark_positive(person(side, SICK if i < outcome.true_positives
                                         else HEALTHY)).move_to(slot)
                    for i, slot in enumerate(block_slots(outcome.positives, cols, cell))))
