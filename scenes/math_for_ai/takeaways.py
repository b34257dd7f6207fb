"""The map from math to machine learning, built row by row, then what to keep. The module's end.

The table follows the course's "How math maps to machine learning" (its third column in
shorter words, so it reads at 480p); each math idea is coloured by its branch, as in the
training loop's cycle.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    Line,
    Text,
    VGroup,
)

from scenes.math_for_ai.training_loop import (
    BRANCHES,
    CALCULUS,
    DESCENT,
    LINEAR_ALGEBRA,
    PROBABILITY_BRANCH,
    STEP_NAMES,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.palette import BODY_SIZE, FONT, HEADING_SIZE, LABEL_SIZE, MUTED, TEXT

CELL_SIZE = 21
ROWS = (  # math idea, its role in machine learning, what it does; and its branch colour
    ("Vectors", "Embeddings, features", "represent data as numbers", LINEAR_ALGEBRA),
    ("Matrices", "Weight matrices, attention", "store knowledge, transform data",
     LINEAR_ALGEBRA),
    ("Matrix multiplication", "Forward pass", "turn inputs into predictions", LINEAR_ALGEBRA),
    ("Derivatives, gradients", "Backpropagation", "how to adjust each weight", CALCULUS),
    ("Gradient descent", "Training", "improve step by step, downhill", DESCENT),
    ("Probability distributions", "Model outputs, softmax", "predictions as confidence",
     PROBABILITY_BRANCH),
    ("Bayes' theorem", "Bayesian inference", "update beliefs with new data",
     PROBABILITY_BRANCH),
    ("Expected value", "Loss functions, rewards", "measure average performance",
     PROBABILITY_BRANCH),
)
HEADER = ("Math", "In machine learning", "What it does")
TOP, ROW_STEP, GAP = 2.45, 0.64, 0.4


def label(text: str, size: int = LABEL_SIZE, color=TEXT) -> Text:
    """A word on screen, in the house font."""
    return Text(text, font=FONT, font_size=size, color=color)


def build_table() -> tuple[VGroup, list[VGroup]]:
    """The header (with a rule under it) and one group per row, columns sized to fit."""
    header = [label(h, LABEL_SIZE, MUTED) for h in HEADER]
    rows = [[label(a, CELL_SIZE, color), label(b, CELL_SIZE), label(c, CELL_SIZE, MUTED)]
            for a, b, c, color in ROWS]
    widths = [max(r[k].width for r in [header, *rows]) for k in range(3)]
    total = sum(widths) + GAP * 2
    assert total < 13.0, total  # stays inside the frame's margins
    lefts = [-total / 2, -total / 2 + widths[0] + GAP, -total / 2 + widths[0] + widths[1] + 2 * GAP]
    for k, cell in enumerate(header):
        cell.move_to([lefts[k], TOP, 0], aligned_edge=LEFT)
    rule = Line([-total / 2, TOP - 0.32, 0], [total / 2, TOP - 0.32, 0], color=MUTED,
                stroke_width=2)
    groups = []
    for i, row in enumerate(rows):
        y = TOP - ROW_STEP * (i + 1) - 0.1
        for k, cell in enumerate(row):
            cell.move_to([lefts[k], y, 0], aligned_edge=LEFT)
        groups.append(VGroup(*row))
    return VGroup(*header, rule), groups


def takeaway(lead: str, rest: str, color, rest_color=TEXT) -> Text:
    """One key takeaway: one sentence, its lead in the branch's colour."""
    return Text(f"{lead} {rest}", font=FONT, font_size=BODY_SIZE, color=TEXT,
                t2c={lead: color, rest: rest_color})


class Takeaways(ModuleScene):
    def construct(self) -> None:
        title = section_title("The map")
        header, rows = build_table()
        with self.narrate("map") as cue:
            self.play(FadeIn(title), run_time=1)
            self.play(FadeIn(header), run_time=min(1.0, cue.remaining))

        for cue_id, chunk in (("linear", rows[:3]), ("calculus", rows[3:5]),
                              ("probability", rows[5:])):
            with self.narrate(cue_id) as cue:
                per = cue.duration / len(chunk)
                for k, row in enumerate(chunk):
                    self.play(FadeIn(row, shift=RIGHT * 0.2), run_time=0.8)
                    if k < len(chunk) - 1:
                        self.wait(max(0.1, per - 0.8))

        keep_title = section_title("What to keep")
        lines = [takeaway("Linear algebra", "is the language of data.", LINEAR_ALGEBRA),
                 takeaway("Calculus", "is how models learn.", CALCULUS),
                 takeaway("Probability", "is how they state their predictions.",
                          PROBABILITY_BRANCH)]
        with self.narrate("keep") as cue:
            self.play(FadeOut(header), *(FadeOut(r) for r in rows), FadeOut(title),
                      FadeIn(keep_title), run_time=1.0)
            per = (cue.remaining - 0.2) / len(lines)
            placed = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
            placed.to_edge(LEFT, buff=0.9).shift(UP * (2.5 - placed.get_top()[1]))
            for line in lines:
                self.play(FadeIn(line, shift=RIGHT * 0.2), run_time=min(1.0, per))
                self.wait(max(0.1, per - 1.0))

        chain = VGroup(*(label(n, LABEL_SIZE, c) for n, (_, c) in zip(STEP_NAMES, BRANCHES,
                                                                      strict=True)))
        arrows = [label("→", LABEL_SIZE, MUTED) for _ in range(3)]
        loop_row = VGroup(chain[0], arrows[0], chain[1], arrows[1], chain[2], arrows[2],
                          chain[3]).arrange(RIGHT, buff=0.25)
        loop_line = VGroup(label("The training loop joins all three:", BODY_SIZE), loop_row,
                           label("repeated millions of times.", BODY_SIZE))
        loop_line.arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(placed, DOWN, buff=0.5)
        loop_line.align_to(placed, LEFT)
        loop_row.shift(RIGHT * 0.4)
        with self.narrate("loop") as cue:
            self.play(FadeIn(loop_line[0]), run_time=0.8)
            self.play(FadeIn(loop_row, lag_ratio=0.3), run_time=2.0)
            self.play(FadeIn(loop_line[2]), run_time=min(0.8, cue.remaining))

        hands = takeaway("Frameworks do the math.", "The intuition is yours.", TEXT, DESCENT)
        hands.next_to(loop_line, DOWN, buff=0.5).align_to(placed, LEFT)
        with self.narrate("intuition") as cue:
            self.play(FadeIn(hands, shift=RIGHT * 0.2), run_time=min(1.2, cue.duration))

        last = label("The mathematics behind AI", HEADING_SIZE)
        further = label("next: 3Blue1Brown's videos, then the details as you need them",
                        LABEL_SIZE, MUTED).next_to(last, DOWN, buff=0.4)
        with self.narrate("end") as cue:
            self.play(*(FadeOut(m) for m in (placed, loop_line, hands)), run_time=1.0)
            self.play(FadeIn(further), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 2.0))
            self.play(FadeIn(last), run_time=1.0)
