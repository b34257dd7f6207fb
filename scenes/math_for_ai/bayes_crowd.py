"""The medical test as a crowd: 2,000 people, counted, tested and sorted.

After 3Blue1Brown's "The medical test paradox": no formula yet, only people. The viewer is
asked first, then the crowd is tested, everyone negative leaves, and the positives are
gathered into two blocks whose sizes ARE the answer. Every count comes from one call of
``bayes_test`` (scenes/math_for_ai/models/bayes.py).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    Rectangle,
    Text,
    VGroup,
    Write,
)

from scenes.math_for_ai.crowd_drawing import (
    CROWD_FILL,
    align_top_left,
    block_slots,
    coloured_sum,
    count,
    crowd_groups,
    dim,
    fraction,
    grid_of,
    mark_negative,
    mark_positive,
    percent,
    stacked_label,
    word,
)
from scenes.math_for_ai.models.bayes import HEALTHY_PER_SICK, SEED, BayesOutcome
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.palette import (
    ACCENT,
    BODY_SIZE,
    FONT,
    HEADING_SIZE,
    HEALTHY,
    LABEL_SIZE,
    MUTED,
    SICK,
    TEST_NEGATIVE,
    TEST_POSITIVE,
    TEXT,
)

CROWD_COLS = 50
CROWD_CELL = 0.14
CROWD_SIDE = 0.105
CROWD_CORNER = np.array([-6.5, 2.55, 0.0])  # top-left person of the crowd
BLOCK_CELL = 0.3
BLOCK_SIDE = 0.24
SICK_BLOCK_COLS = 5
HEALTHY_BLOCK_COLS = 10
TREE_X = {"root": 3.8, "sick": 2.3, "healthy": 5.3,
          "sick+": 1.6, "sick-": 3.0, "healthy+": 4.6, "healthy-": 6.0}
TREE_Y = (2.25, 0.95, -0.45)


def frequency_tree() -> tuple[dict[str, VGroup], dict[str, Line]]:
    """The counts of the test as a tree: everyone, sick or healthy, positive or negative.

    Returns the nodes by name and, for every node but the root, the branch leading to it.
    """
    o = SEED
    nodes = {
        "root": stacked_label(count(o.population), "people", TEXT, TEXT),
        "sick": stacked_label(count(o.sick), "sick", SICK, SICK),
        "healthy": stacked_label(count(o.healthy), "healthy", HEALTHY, HEALTHY),
        "sick+": stacked_label(count(o.true_positives), "positive", SICK, TEST_POSITIVE),
        "sick-": stacked_label(count(o.false_negatives), "negative", SICK, TEST_NEGATIVE),
        "healthy+": stacked_label(count(o.false_positives), "positive", HEALTHY, TEST_POSITIVE),
        "healthy-": stacked_label(count(o.true_negatives), "negative", HEALTHY, TEST_NEGATIVE),
    }
    for name, node in nodes.items():
        level = 0 if name == "root" else (1 if name in ("sick", "healthy") else 2)
        node.move_to([TREE_X[name], TREE_Y[level], 0])
    parents = {"sick": "root", "healthy": "root", "sick+": "sick", "sick-": "sick",
               "healthy+": "healthy", "healthy-": "healthy"}
    edges = {name: edge(nodes[parent], nodes[name]) for name, parent in parents.items()}
    return nodes, edges


def edge(parent: VGroup, child: VGroup) -> Line:
    """A thin branch from a parent node down to a child node."""
    return Line(parent.get_bottom() + DOWN * 0.08, child.get_top() + UP * 0.08,
                stroke_width=2, color=MUTED)


def idea_flow() -> VGroup:
    """Belief before, evidence, belief after: what Bayes' theorem is about, in one row."""
    parts = VGroup(word("belief before", TEXT, BODY_SIZE), word("evidence", TEST_POSITIVE,
                                                                BODY_SIZE),
                   word("belief after", TEXT, BODY_SIZE)).arrange(RIGHT, buff=1.4)
    arrows = VGroup(*(Line(a.get_right() + RIGHT * 0.2, b.get_left() + LEFT * 0.2,
                           color=MUTED).add_tip(tip_length=0.2)
                      for a, b in zip(parts[:-1], parts[1:], strict=True)))
    return VGroup(parts, arrows)


def facts_card() -> VGroup:
    """The three numbers of the problem, each in the colour of the group it is about."""
    o = SEED
    rows = VGroup(
        VGroup(word(percent(o.prevalence), SICK, BODY_SIZE),
               word("of people have the disease", TEXT, BODY_SIZE)),
        VGroup(word(percent(o.sensitivity), TEST_POSITIVE, BODY_SIZE),
               word("of sick people test positive: sensitivity", TEXT, BODY_SIZE)),
        VGroup(word(percent(o.specificity), TEST_NEGATIVE, BODY_SIZE),
               word("of healthy people test negative: specificity", TEXT, BODY_SIZE)),
    )
    for row in rows:
        row.arrange(RIGHT, buff=0.25)
    return rows.arrange(DOWN, buff=0.5, aligned_edge=LEFT)


class BayesCrowd(ModuleScene):
    def construct(self) -> None:
        o = SEED
        title = section_title("Bayes: the medical test")
        flow = idea_flow()
        with self.narrate("evidence") as cue:
            self.play(FadeIn(title), run_time=1)
            self.play(FadeIn(flow[0][0]), run_time=0.8)
            self.play(Create(flow[1][0]), FadeIn(flow[0][1]), run_time=1)
            self.play(Create(flow[1][1]), FadeIn(flow[0][2]), run_time=1)

        card = facts_card()
        with self.narrate("setup") as cue:
            self.play(FadeOut(flow), run_time=0.6)
            beat = (cue.remaining - 0.3) / len(card)
            for row in card:
                self.play(FadeIn(row, shift=RIGHT * 0.2), run_time=1.0)
                self.wait(max(0.1, beat - 1.0))

        question = VGroup(word("Your test comes back positive.", TEST_POSITIVE, HEADING_SIZE),
                          word("How likely is it that you are sick?", TEXT, HEADING_SIZE)
                          ).arrange(DOWN, buff=0.35).shift(UP * 0.6)
        with self.narrate("ask") as cue:
            self.play(FadeOut(card), run_time=0.6)
            self.play(Write(question), run_time=min(2.5, cue.remaining))

        guess = VGroup(word("most people say", MUTED, BODY_SIZE),
                       word(f"{percent(o.sensitivity)}?", MUTED, HEADING_SIZE)
                       ).arrange(RIGHT, buff=0.3).next_to(question, DOWN, buff=0.7)
        timer = Rectangle(width=6, height=0.08, stroke_width=0, fill_color=MUTED,
                          fill_opacity=0.8).next_to(guess, DOWN, buff=0.6)
        with self.narrate("think") as cue:
            self.play(FadeIn(guess), run_time=1)
            self.play(FadeIn(timer), run_time=0.3)
            self.play(timer.animate.stretch_to_fit_width(0.01, about_edge=LEFT),
                      run_time=cue.remaining)

        crowd = align_top_left(grid_of(o.population, CROWD_COLS, CROWD_CELL, CROWD_SIDE,
                                       opacity=CROWD_FILL),
                               CROWD_CORNER)
        groups = {name: VGroup(*(crowd[i] for i in seats))
                  for name, seats in crowd_groups(o).items()}
        sick = VGroup(*groups["true_positive"], *groups["false_negative"])
        tree, branch = frequency_tree()
        with self.narrate("crowd") as cue:
            self.play(FadeOut(question), FadeOut(guess), FadeOut(timer), run_time=0.6)
            self.play(FadeIn(crowd, lag_ratio=0.002), FadeIn(tree["root"]), run_time=2)
            self.play(sick.animate.set_fill(SICK, opacity=1), Create(branch["sick"]),
                      FadeIn(tree["sick"]), run_time=1.2)
            self.play(*(Indicate(one, color=SICK, scale_factor=2.5) for one in sick),
                      run_time=1.5)
            self.play(Create(branch["healthy"]), FadeIn(tree["healthy"]),
                      run_time=min(1.0, cue.remaining))

        with self.narrate("sick-test") as cue:
            self.wait(1.5)
            self.play(mark_positive(groups["true_positive"].animate),
                      Create(branch["sick+"]), FadeIn(tree["sick+"]),
                      run_time=1.5)
            self.wait(1.0)
            self.play(mark_negative(groups["false_negative"].animate),
                      Create(branch["sick-"]), FadeIn(tree["sick-"]),
                      run_time=min(1.5, cue.remaining))

        with self.narrate("healthy-test") as cue:
            self.play(dim(groups["true_negative"].animate),
                      Create(branch["healthy-"]),
                      FadeIn(tree["healthy-"]), run_time=1.5)
            self.wait(1.5)
            self.play(mark_positive(groups["false_positive"].animate),
                      Create(branch["healthy+"]),
                      FadeIn(tree["healthy+"]), run_time=1.5)
            self.play(*(Indicate(one, color=TEST_POSITIVE, scale_factor=2)
                        for one in groups["false_positive"]),
                      run_time=min(2.0, cue.remaining))

        with self.narrate("negatives-leave") as cue:
            self.play(FadeOut(groups["true_negative"]), FadeOut(groups["false_negative"]),
                      tree["sick-"].animate.set_opacity(0.35),
                      tree["healthy-"].animate.set_opacity(0.35),
                      run_time=min(2.0, cue.remaining))

        sick_corner = np.array([-6.2, 1.3, 0.0])
        healthy_corner = np.array([-3.9, 1.3, 0.0])
        block_labels = VGroup(
            word(f"{count(o.true_positives)} sick", SICK, LABEL_SIZE),
            word(f"{count(o.false_positives)} healthy", HEALTHY, LABEL_SIZE))
        with self.narrate("gather") as cue:
            self.play(*gather(groups["true_positive"], sick_corner, SICK_BLOCK_COLS),
                      *gather(groups["false_positive"], healthy_corner, HEALTHY_BLOCK_COLS),
                      run_time=2.5)
            block_labels[0].next_to(groups["true_positive"], UP, buff=0.25)
            block_labels[1].next_to(groups["false_positive"], UP, buff=0.25)
            block_labels[0].align_to(block_labels[1], UP)
            self.play(FadeIn(block_labels), run_time=min(1.0, cue.remaining))

        answer = answer_rows(o).move_to([TREE_X["root"], -2.2, 0])
        with self.narrate("answer") as cue:
            self.play(Indicate(tree["sick+"], color=SICK), Indicate(tree["healthy+"]),
                      run_time=1.5)
            self.play(FadeIn(answer[0]), run_time=1.5)
            self.wait(max(0.1, cue.remaining - 4.0))
            self.play(FadeIn(answer[1]), run_time=1.0)

        lesson = base_rate_rows(o).move_to([TREE_X["root"], 1.0, 0])
        tree_parts = VGroup(*tree.values(), *branch.values())
        with self.narrate("base-rate") as cue:
            self.play(FadeOut(tree_parts), run_time=0.8)
            beat = (cue.remaining - 0.3) / len(lesson)
            for row in lesson:
                self.play(FadeIn(row, shift=UP * 0.2), run_time=1.0)
                self.wait(max(0.1, beat - 1.0))

        with self.narrate("handover") as cue:
            self.play(FadeOut(lesson), answer.animate.move_to([TREE_X["root"], 0.5, 0]),
                      run_time=min(1.5, cue.remaining))


def gather(people: VGroup, corner: np.ndarray, cols: int) -> list:
    """Animations that walk ``people`` into a block, each growing to a readable size."""
    return [one.animate.scale(BLOCK_SIDE / CROWD_SIDE).move_to(corner + slot)
            for one, slot in zip(people, block_slots(len(people), cols, BLOCK_CELL), strict=True)]


def answer_rows(o: BayesOutcome) -> VGroup:
    """Sick positives over all positives, counted: the posterior, and the guess it is not."""
    first = fraction(word(count(o.true_positives), SICK, BODY_SIZE),
                     coloured_sum([(count(o.true_positives), SICK), ("+", TEXT),
                                   (count(o.false_positives), HEALTHY)], BODY_SIZE))
    second = fraction(word(count(o.true_positives), SICK, BODY_SIZE),
                      word(count(o.positives), TEST_POSITIVE, BODY_SIZE))
    top = VGroup(first, word("=", TEXT, BODY_SIZE), second,
                 word(f"= {o.posterior:.3f}", TEXT, BODY_SIZE)).arrange(RIGHT, buff=0.25)
    answer, guess = percent(o.posterior), f"not {percent(o.sensitivity)}"
    bottom = Text(f"about {answer}, {guess}", font=FONT, font_size=BODY_SIZE, color=TEXT,
                  t2c={answer: SICK, guess: MUTED})
    return VGroup(top, bottom).arrange(DOWN, buff=0.35)


def base_rate_rows(o: BayesOutcome) -> VGroup:
    """Why the answer is small: the healthy outnumber the sick, so their few errors win."""
    return VGroup(
        coloured_sum([(count(HEALTHY_PER_SICK), HEALTHY), ("healthy people for every", TEXT),
                      ("sick one", SICK)]),
        coloured_sum([(count(o.false_positives), HEALTHY), ("false alarms", TEXT), (">", TEXT),
                      (count(o.sick), SICK), ("sick in all", TEXT)]),
        word("base rate neglect", ACCENT, HEADING_SIZE),
    ).arrange(DOWN, buff=0.45)
