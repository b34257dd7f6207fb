"""Bayes' rule on the counted groups, the odds form, a prevalence slider and a second test.

After 3Blue1Brown's "The medical test paradox": the formula is read off the two groups the
crowd chapter gathered, then rewritten as odds times a Bayes factor. The slider and the
second test are live: a ValueTracker holds the prior and every frame asks ``bayes_test``
(scenes/math_for_ai/models/bayes.py) for the counts, the odds and the posterior it draws.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    SurroundingRectangle,
    Transform,
    Triangle,
    ValueTracker,
    VGroup,
)

from scenes.math_for_ai.crowd_drawing import (
    align_top_left,
    coloured_sum,
    count,
    fraction,
    grid_of,
    mark_positive,
    percent,
    positives_block,
    word,
)
from scenes.math_for_ai.models.bayes import (
    BAYES_FACTOR,
    POPULATION,
    SECOND_STOPS,
    SEED,
    SENSITIVITY,
    SLIDER_END,
    SLIDER_MAX,
    SLIDER_STOPS,
    SPECIFICITY,
    BayesOutcome,
    bayes_test,
    odds_pair,
    snap,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.palette import (
    BODY_SIZE,
    HEADING_SIZE,
    HEALTHY,
    LABEL_SIZE,
    MUTED,
    PROBABILITY,
    SICK,
    TEST_POSITIVE,
    TEXT,
)

GROUP_CELL = 0.26
GROUP_SIDE = 0.2
LIVE_COLS = 20
LIVE_CELL = 0.2
LIVE_SIDE = 0.15
LIVE_CORNER = np.array([-6.3, 0.15, 0.0])  # top-left person of the live positives block
SLIDER_LEFT, SLIDER_RIGHT, SLIDER_Y = -4.6, 3.4, 1.75
READOUT_LEFT, READOUT_VALUE_X = 0.4, 5.4
READOUT_YS = (0.35, -0.4, -1.15, -1.9)
READOUT_NAMES = ("prior odds", "Bayes factor", "posterior odds", "chance of being sick")
BAR_WIDTH = 5.6


def odds_text(odds: float, size: int = BODY_SIZE) -> VGroup:
    """Odds as 'sick : healthy' in whole numbers, each side in its group's colour."""
    sick, healthy = odds_pair(odds)
    return coloured_sum([(count(sick), SICK), (":", TEXT), (count(healthy), HEALTHY)], size)


# -- the rule on the groups -----------------------------------------------------------------
def bayes_rule() -> tuple[VGroup, MathTex, MathTex]:
    """P(sick | +) as a fraction whose terms carry the colours of their groups.

    Returns the whole rule, its numerator and its denominator (so cues can point at terms).
    """
    sick_term = r"P(+ \mid \text{sick})\,P(\text{sick})"
    healthy_term = r"P(+ \mid \text{healthy})\,P(\text{healthy})"
    top = MathTex(sick_term, color=SICK)
    bottom = MathTex(sick_term, "+", healthy_term)
    bottom[0].set_color(SICK)
    bottom[2].set_color(HEALTHY)
    lhs = MathTex(r"P(\text{sick} \mid +) =")
    rule = VGroup(lhs, fraction(top, bottom)).arrange(RIGHT, buff=0.25)
    return rule.scale(0.8), top, bottom


def group_block(size: int, cols: int, color) -> VGroup:
    """A gathered group of positives, as in the crowd chapter: framed green, filled by status."""
    return mark_positive(grid_of(size, cols, GROUP_CELL, GROUP_SIDE, color))


def term_product(prior: float, likelihood: float, people: int, color) -> VGroup:
    """prior x likelihood x population = people, each factor as the model computed it."""
    return coloured_sum([(f"{prior:.2f}", color), ("\u00d7", TEXT), (f"{likelihood:.2f}", color),
                         ("\u00d7", TEXT), (count(POPULATION), TEXT), ("=", TEXT),
                         (count(people), color)], LABEL_SIZE)


# -- the live panel ---------------------------------------------------------------------------
class Live(VGroup):
    """A drawing of the model at the panel's current prior, redrawn whenever that prior moves.

    An updater reads the tracker every frame and calls ``bayes_test`` (through the panel);
    the drawing is rebuilt only when the prior changes stop, so the live frames stay cheap.
    The new drawing is copied into the existing one (``become``), never swapped in: the
    renderer keeps the mobjects it found when an animation began, and a swapped-out drawing
    would stay on screen under the new one.
    """

    def __init__(self, panel: LivePanel, draw: Callable[[BayesOutcome], VGroup]) -> None:
        outcome = panel.outcome()
        super().__init__(draw(outcome))
        self.panel, self.draw, self.shown_prior = panel, draw, outcome.prevalence
        self.add_updater(lambda mob: mob.refresh())

    def refresh(self) -> None:
        outcome = self.panel.outcome()
        if outcome.prevalence != self.shown_prior:
            self.shown_prior = outcome.prevalence
            self.become(VGroup(self.draw(outcome)))


class LivePanel:
    """The slider, the positives and the odds, all drawn from ``bayes_test`` at one prior.

    ``prior`` is the tracker the cues animate; ``stops`` are the priors the panel rests on
    (whole percents for the slider, so every count drawn is a whole person).
    """

    def __init__(self) -> None:
        self.prior = ValueTracker(SEED.prevalence)
        self.stops = SLIDER_STOPS
        self.line = Line(RIGHT * SLIDER_LEFT, RIGHT * SLIDER_RIGHT, color=MUTED,
                         stroke_width=4).shift(UP * SLIDER_Y)

    def outcome(self) -> BayesOutcome:
        """The model at the prior the panel is resting on."""
        prior = snap(self.prior.get_value(), self.stops)
        return bayes_test(POPULATION, prior, SENSITIVITY, SPECIFICITY)

    def live(self, draw: Callable[[BayesOutcome], VGroup]) -> Live:
        """``draw`` kept up to date with the tracker."""
        return Live(self, draw)

    def at(self, prevalence: float) -> np.ndarray:
        """The point of the slider line for ``prevalence``."""
        return self.line.point_from_proportion(prevalence / SLIDER_MAX)

    def scale(self) -> VGroup:
        """The slider's line, its ticks every 5% and its name."""
        ticks = VGroup()
        for k in range(5):
            p = k * SLIDER_MAX / 4
            tick = Line(UP * 0.1, DOWN * 0.1, color=MUTED).move_to(self.at(p))
            ticks.add(tick, word(percent(p), MUTED).next_to(tick, DOWN, buff=0.12))
        name = word("prevalence", TEXT, LABEL_SIZE).next_to(self.line, LEFT, buff=0.35)
        return VGroup(self.line, ticks, name)

    def knob(self, o: BayesOutcome) -> VGroup:
        """A yellow marker on the slider at the prior, with its value."""
        mark = Triangle(color=SICK, fill_opacity=1).scale(0.12).rotate(np.pi)
        mark.next_to(self.at(o.prevalence), UP, buff=0.05)
        value = word(f"{o.prevalence:.0%}" if o.counts_whole else f"{o.prevalence:.1%}",
                     SICK, LABEL_SIZE).next_to(mark, UP, buff=0.08)
        return VGroup(mark, value)


def positives(o: BayesOutcome) -> VGroup:
    """Everyone of the 2,000 who tests positive, with the counts, while they are whole."""
    if not o.counts_whole:
        return VGroup()
    block = align_top_left(positives_block(o, LIVE_COLS, LIVE_CELL, LIVE_SIDE), LIVE_CORNER)
    counts = coloured_sum([(count(o.true_positives), SICK), ("sick", SICK), ("+", TEXT),
                           (count(o.false_positives), HEALTHY), ("healthy", HEALTHY),
                           ("test positive", TEXT)], LABEL_SIZE)
    counts.next_to(block, UP, buff=0.2).align_to(block, LEFT)
    return VGroup(block, counts)


def prior_odds(o: BayesOutcome) -> VGroup:
    """Sick to healthy before this test."""
    return odds_text(o.prior_odds).move_to([READOUT_VALUE_X, READOUT_YS[0], 0])


def posterior_odds(o: BayesOutcome) -> VGroup:
    """Sick to healthy among those who test positive."""
    return odds_text(o.posterior_odds).move_to([READOUT_VALUE_X, READOUT_YS[2], 0])


def chance(o: BayesOutcome) -> VGroup:
    """The posterior as a number and as the yellow share of a bar."""
    value = word(percent(o.posterior), PROBABILITY, BODY_SIZE)
    value.move_to([READOUT_VALUE_X, READOUT_YS[3], 0])
    frame = Rectangle(width=BAR_WIDTH, height=0.28, stroke_color=MUTED, stroke_width=2)
    frame.move_to([READOUT_LEFT + BAR_WIDTH / 2, READOUT_YS[3] - 0.6, 0])
    fill = Rectangle(width=max(o.posterior * BAR_WIDTH, 0.01), height=0.28, stroke_width=0,
                     fill_color=PROBABILITY, fill_opacity=1)
    fill.align_to(frame, LEFT).align_to(frame, UP)
    return VGroup(value, frame, fill)


def readout_names() -> VGroup:
    """The fixed left column of the live table."""
    return VGroup(*(word(name, TEXT, LABEL_SIZE).move_to([0, y, 0], aligned_edge=LEFT)
                    .set_x(READOUT_LEFT, direction=LEFT)
                    for name, y in zip(READOUT_NAMES, READOUT_YS, strict=True)))


def odds_chain() -> VGroup:
    """1 : 99, times 19, 19 : 99, times 19, 361 : 99: evidence multiplies the odds."""
    first = bayes_test(POPULATION, SECOND_STOPS[0], SENSITIVITY, SPECIFICITY)
    second = bayes_test(POPULATION, SECOND_STOPS[1], SENSITIVITY, SPECIFICITY)
    times = f"\u00d7 {BAYES_FACTOR:.0f}"
    stages = [(first.prior_odds, "no test yet"), (first.posterior_odds, "one positive"),
              (second.posterior_odds, "two positives")]
    columns = [VGroup(odds_text(odds, HEADING_SIZE), word(name, MUTED, LABEL_SIZE)
                      ).arrange(DOWN, buff=0.3) for odds, name in stages]
    chain = VGroup(columns[0], word(times, TEST_POSITIVE, HEADING_SIZE), columns[1],
                   word(times, TEST_POSITIVE, HEADING_SIZE), columns[2]).arrange(RIGHT, buff=0.5)
    for multiply in chain[1::2]:
        multiply.match_y(columns[0][0])
    return chain


class BayesOdds(ModuleScene):
    def construct(self) -> None:
        o = SEED
        title = section_title("Bayes' rule and the odds")
        rule, top, bottom = bayes_rule()
        rule.move_to([0, 1.75, 0])
        sick_group = group_block(o.true_positives, 5, SICK)
        healthy_group = group_block(o.false_positives, 10, HEALTHY)
        sick_group.move_to([bottom[0].get_x(), 0, 0]).align_to(UP * 0.35, UP)
        healthy_group.move_to([bottom[2].get_x(), 0, 0]).align_to(UP * 0.35, UP)
        with self.narrate("rule") as cue:
            self.play(FadeIn(title), run_time=0.8)
            self.play(FadeIn(rule), run_time=1.5)
            self.play(FadeIn(sick_group), FadeIn(healthy_group), run_time=1.2)

        sick_values = term_product(o.prevalence, o.sensitivity, o.true_positives, SICK)
        sick_values.next_to(sick_group, DOWN, buff=0.3)
        sick_arrow = Arrow(bottom[0].get_bottom(), sick_group.get_top(), buff=0.1, color=SICK)
        with self.narrate("numerator") as cue:
            box = SurroundingRectangle(top, color=SICK, buff=0.08)
            self.play(Create(box), run_time=1)
            self.play(Indicate(bottom[0], color=SICK), run_time=1.2)
            self.play(Create(sick_arrow), FadeIn(sick_values), run_time=1.5)
            self.play(Indicate(sick_group, color=SICK, scale_factor=1.1),
                      run_time=min(1.5, cue.remaining))

        healthy_values = term_product(o.healthy_share, o.false_positive_rate, o.false_positives,
                                      HEALTHY)
        healthy_values.next_to(healthy_group, DOWN, buff=0.3)
        healthy_arrow = Arrow(bottom[2].get_bottom(), healthy_group.get_top(), buff=0.1,
                              color=HEALTHY)
        with self.narrate("denominator") as cue:
            self.play(Transform(box, SurroundingRectangle(bottom, color=TEXT, buff=0.08)),
                      run_time=1)
            self.play(Create(healthy_arrow), FadeIn(healthy_values), run_time=1.5)
            self.play(Indicate(healthy_group, color=HEALTHY, scale_factor=1.05),
                      run_time=min(1.5, cue.remaining))

        result = coloured_sum([(count(o.true_positives), SICK), ("/", TEXT),
                               (count(o.positives), TEST_POSITIVE), ("=", TEXT),
                               (f"{o.posterior:.3f}", PROBABILITY), ("\u2248", TEXT),
                               (percent(o.posterior), PROBABILITY)], BODY_SIZE)
        result.next_to(sick_values, DOWN, buff=0.6)
        with self.narrate("result") as cue:
            self.play(FadeOut(box), run_time=0.5)
            self.play(FadeIn(result, shift=RIGHT * 0.2), run_time=1.5)
            self.play(Indicate(result[-1], color=PROBABILITY), run_time=min(1.5, cue.remaining))

        groups = VGroup(sick_group, healthy_group)
        odds_rows = odds_table(o)
        with self.narrate("odds") as cue:
            self.play(FadeOut(VGroup(rule, sick_arrow, healthy_arrow, sick_values,
                                     healthy_values, result)), run_time=0.8)
            self.play(groups.animate.arrange(RIGHT, buff=0.5, aligned_edge=UP)
                      .move_to([4.3, -0.6, 0]), run_time=1.2)
            self.play(FadeIn(odds_rows[0]), run_time=min(1.5, cue.remaining))

        with self.narrate("factor") as cue:
            self.play(FadeIn(odds_rows[1]), run_time=1.5)
            self.play(Indicate(odds_rows[1][1][-1], color=TEST_POSITIVE),
                      run_time=min(1.5, cue.remaining))

        with self.narrate("multiply") as cue:
            self.play(FadeIn(odds_rows[2]), run_time=1.5)
            self.play(Indicate(odds_rows[2][1][-3], color=SICK), Indicate(sick_group, color=SICK,
                                                                         scale_factor=1.1),
                      run_time=1.5)
            self.play(Indicate(odds_rows[2][1][-1], color=HEALTHY),
                      Indicate(healthy_group, color=HEALTHY, scale_factor=1.05),
                      run_time=min(1.5, cue.remaining))

        panel = LivePanel()
        slider = panel.scale()
        knob = panel.live(panel.knob)
        names = readout_names()
        factor = word(f"\u00d7 {BAYES_FACTOR:.0f}", TEST_POSITIVE, BODY_SIZE)
        factor.move_to([READOUT_VALUE_X, READOUT_YS[1], 0])
        live_block = panel.live(positives)
        live_prior = panel.live(prior_odds)
        live_posterior = panel.live(posterior_odds)
        live_chance = panel.live(chance)
        with self.narrate("slider") as cue:
            self.play(FadeOut(odds_rows), FadeOut(groups), run_time=0.8)
            self.play(FadeIn(slider), FadeIn(knob), FadeIn(live_block), run_time=1.5)
            self.play(FadeIn(names), FadeIn(live_prior), FadeIn(factor),
                      FadeIn(live_posterior), FadeIn(live_chance),
                      run_time=min(1.5, cue.remaining))

        with self.narrate("slide") as cue:
            self.play(panel.prior.animate.set_value(SLIDER_END), run_time=min(5.0, cue.remaining))

        second_test = VGroup(word("a second test", TEXT, BODY_SIZE),
                             word("also positive", TEST_POSITIVE, BODY_SIZE)
                             ).arrange(DOWN, buff=0.2).move_to([-4.2, -0.9, 0])
        with self.narrate("second") as cue:
            self.play(panel.prior.animate.set_value(SEED.prevalence), run_time=2)
            self.play(Indicate(live_chance[0][0], color=PROBABILITY), run_time=1.2)
            flying = chance(panel.outcome())[0]
            self.add(flying)
            self.play(FadeOut(live_block), FadeOut(live_posterior), FadeOut(live_chance),
                      FadeIn(second_test), run_time=0.6)
            panel.stops = SECOND_STOPS
            renamed = word("your prior", SICK, LABEL_SIZE).move_to(slider[2], aligned_edge=RIGHT)
            self.play(Transform(slider[2], renamed), run_time=0.5)
            self.play(flying.animate.move_to(panel.at(SEED.posterior) + UP * 0.45)
                      .set_opacity(0), panel.prior.animate.set_value(SEED.posterior),
                      run_time=1.5)
            self.remove(flying)
            self.play(Indicate(live_prior, color=SICK), run_time=min(1.2, cue.remaining))

        with self.narrate("second-result") as cue:
            live_posterior.refresh()
            live_chance.refresh()
            self.play(Indicate(factor, color=TEST_POSITIVE), run_time=1.2)
            self.play(FadeIn(live_posterior), run_time=1.2)
            self.wait(max(0.1, min(2.0, cue.remaining - 3.0)))
            self.play(FadeIn(live_chance), run_time=min(1.5, cue.remaining))

        chain = odds_chain().move_to([0, -0.2, 0])
        with self.narrate("handover") as cue:
            on_screen = [m for m in self.mobjects if m is not title]
            self.play(*(FadeOut(m) for m in on_screen), run_time=0.8)
            self.play(FadeIn(chain, lag_ratio=0.3), run_time=min(2.5, cue.remaining))


def odds_table(o: BayesOutcome) -> VGroup:
    """Prior odds, Bayes factor, posterior odds: three rows, a name and a value each."""
    factor = coloured_sum([(f"{o.sensitivity:.2f}", TEST_POSITIVE), ("/", TEXT),
                           (f"{o.false_positive_rate:.2f}", TEST_POSITIVE), ("=", TEXT),
                           (f"{o.bayes_factor:.0f}", TEST_POSITIVE)], BODY_SIZE)
    posterior = VGroup(odds_text(o.prior_odds), word(f"\u00d7 {o.bayes_factor:.0f}",
                                                     TEST_POSITIVE, BODY_SIZE),
                       word("=", TEXT, BODY_SIZE), *odds_text(o.posterior_odds)
                       ).arrange(RIGHT, buff=0.2)
    prior = VGroup(coloured_sum([(count(o.sick), SICK), (":", TEXT), (count(o.healthy), HEALTHY),
                                 ("=", TEXT)], BODY_SIZE), odds_text(o.prior_odds)
                   ).arrange(RIGHT, buff=0.2)
    rows = VGroup(
        VGroup(word("before the test", TEXT, LABEL_SIZE), prior),
        VGroup(word("Bayes factor", TEXT, LABEL_SIZE), factor),
        VGroup(word("after a positive", TEXT, LABEL_SIZE), posterior),
    )
    for row, y in zip(rows, (1.4, 0.2, -1.0), strict=True):
        row[0].move_to([-6.2, y, 0], aligned_edge=LEFT)
        row[1].move_to([-2.9, y, 0], aligned_edge=LEFT)
    return rows
