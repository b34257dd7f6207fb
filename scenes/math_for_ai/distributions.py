"""Probability distributions: softmax turns scores into probabilities; the bell and the flat.

Softmax is built column by column (logits teal, probabilities yellow, as everywhere in the
module). Then the normal curve slides and spreads under two sliders, and the uniform die turns
into a bell as more dice are added: every bar is an exact probability from the model.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    Cross,
    DashedLine,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    MathTex,
    Rectangle,
    ReplacementTransform,
    Text,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    always_redraw,
)

from scenes.math_for_ai.models.distributions import (
    CLASS_PROBS,
    CLASSES,
    COMMON_TOTAL,
    DICE_COUNTS,
    DIE_SIDES,
    EXP_SUM,
    EXPS,
    LOGITS,
    NORMAL_MEAN,
    NORMAL_SD,
    NORMAL_SHIFTED_MEAN,
    NORMAL_WIDE_SD,
    PROB_SUM,
    PROBS,
    PROBS_2DP,
    RARE_TOTAL,
    SEED_QUOTED,
    SEED_WRONG,
    TWO_DICE_WAYS,
    WITHIN_ONE_SD,
    dice_mean_sd,
    dice_sum,
    normal_pdf,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import (
    ACCENT,
    BODY_SIZE,
    FONT,
    LABEL_SIZE,
    LOGIT,
    LOSS,
    MUTED,
    PROBABILITY,
    SMALL_SIZE,
    TEXT,
)

ROW_Y = (1.3, 0.3, -0.7)              # the three softmax rows
COL_X = {"logit": -4.0, "exp": -1.6, "prob": 0.8, "bar": 2.2}
BAR_SCALE = 6.0                         # bar length for probability 1
CHART_LEFT, CHART_RIGHT, CHART_BASE, CHART_HEIGHT = -5.6, 5.6, -2.4, 3.8


def label(text: str, size: int = LABEL_SIZE, color=TEXT) -> Text:
    """A word or number on screen, in the house font."""
    return Text(text, font=FONT, font_size=size, color=color)


def prob_bar(p: float, y: float, x0: float = COL_X["bar"], scale: float = BAR_SCALE) -> Rectangle:
    """A horizontal probability bar, yellow, its left edge at ``x0``."""
    bar = Rectangle(width=max(p * scale, 0.02), height=0.5, stroke_width=0,
                    fill_color=PROBABILITY, fill_opacity=0.85)
    return bar.move_to([x0 + p * scale / 2, y, 0])


def column(values: np.ndarray, x: float, color, digits: int) -> VGroup:
    """One softmax column: a number per row, right-aligned at ``x``."""
    cells = VGroup()
    for value, y in zip(values, ROW_Y, strict=True):
        cell = label(f"{value:.{digits}f}", BODY_SIZE, color)
        cells.add(cell.move_to([x, y, 0], aligned_edge=RIGHT))
    return cells


def morph(source: VGroup, target: VGroup) -> list[ReplacementTransform]:
    """Each number flows into the one computed from it; the source column stays."""
    return [ReplacementTransform(a.copy(), b) for a, b in zip(source, target, strict=True)]


def dice_chart(n: int) -> tuple[VGroup, VGroup, float]:
    """Bars of every total of ``n`` dice (exact), tallest bar full height; labels; y-scale."""
    totals, probs = dice_sum(n)
    scale = CHART_HEIGHT / probs.max()
    slot = (CHART_RIGHT - CHART_LEFT) / len(totals)
    bars, ticks = VGroup(), VGroup()
    for i, (total, p) in enumerate(zip(totals, probs, strict=True)):
        x = CHART_LEFT + slot * (i + 0.5)
        bar = Rectangle(width=slot * 0.82, height=p * scale, stroke_width=0,
                        fill_color=PROBABILITY, fill_opacity=1.0)  # opaque: morphs overlap
        bars.add(bar.move_to([x, CHART_BASE, 0], aligned_edge=DOWN))
        if len(totals) <= 11 or total in (totals[0], totals[-1], round(dice_mean_sd(n)[0])):
            ticks.add(label(str(total), SMALL_SIZE, MUTED).move_to([x, CHART_BASE - 0.3, 0]))
    return bars, ticks, scale


def chart_x(n: int, total: float) -> float:
    """Where a total sits across the chart of ``n`` dice (matches ``dice_chart``)."""
    totals, _ = dice_sum(n)
    slot = (CHART_RIGHT - CHART_LEFT) / len(totals)
    return CHART_LEFT + slot * (total - totals[0] + 0.5)


def bell_over(n: int, scale: float) -> VMobject:
    """The normal curve with the dice total's mean and spread, on the chart's scale."""
    mean, sd = dice_mean_sd(n)
    totals, _ = dice_sum(n)
    xs = np.linspace(totals[0] - 0.5, totals[-1] + 0.5, 200)
    points = [[chart_x(n, x), CHART_BASE + normal_pdf(x, mean, sd) * scale, 0] for x in xs]
    curve = VMobject().set_points_smoothly(np.array(points))
    return curve.set_stroke(ACCENT, width=4).set_fill(opacity=0)


def dice_heading(n: int) -> Text:
    """'1 die', '2 dice', ... above the chart."""
    return label(f"{n} {'die' if n == 1 else 'dice'}", BODY_SIZE).move_to([0, 2.6, 0])


class Distributions(ModuleScene):
    def construct(self) -> None:
        title = section_title("Distributions and softmax")
        self.softmax_part(title)
        self.normal_part()
        self.dice_part()

    def softmax_part(self, title: VGroup) -> None:
        """A model's answer as bars, then softmax computed column by column."""
        answer = VGroup()
        for name, p, y in zip(CLASSES, CLASS_PROBS, ROW_Y, strict=True):
            answer.add(VGroup(label(name, BODY_SIZE).move_to([-2.2, y, 0], aligned_edge=RIGHT),
                              prob_bar(p, y, x0=-1.8, scale=6.0),
                              label(f"{p:.0%}", LABEL_SIZE, PROBABILITY)
                              .move_to([-1.6 + p * 6.0, y, 0], aligned_edge=LEFT)))
        with self.narrate("outputs") as cue:
            self.play(FadeIn(title), run_time=1)
            self.play(*(FadeIn(row[0]) for row in answer), run_time=0.8)
            self.play(*(GrowFromEdge(row[1], LEFT) for row in answer),
                      *(FadeIn(row[2]) for row in answer), run_time=min(2.0, cue.remaining))

        heads = VGroup(label("logit", LABEL_SIZE, LOGIT), MathTex("e^{z}", color=TEXT),
                       label("probability", LABEL_SIZE, PROBABILITY))
        for head, key in zip(heads, ("logit", "exp", "prob"), strict=True):
            head.move_to([COL_X[key] - 0.55, 2.3, 0])
        logits = column(LOGITS, COL_X["logit"], LOGIT, 1)
        with self.narrate("logits") as cue:
            self.play(FadeOut(answer), run_time=0.6)
            self.play(FadeIn(heads[0]), FadeIn(logits, lag_ratio=0.3),
                      run_time=min(1.5, cue.remaining))

        exps = column(EXPS, COL_X["exp"], TEXT, 2)
        with self.narrate("exp") as cue:
            self.play(FadeIn(heads[1]), run_time=0.6)
            self.play(*morph(logits, exps),
                      run_time=min(2.0, cue.remaining))

        total = label(f"sum  {EXP_SUM:.2f}", LABEL_SIZE).move_to([COL_X["exp"] - 0.6, -1.7, 0])
        probs = column(PROBS, COL_X["prob"], PROBABILITY, 3)
        bars = VGroup(*(prob_bar(p, y) for p, y in zip(PROBS, ROW_Y, strict=True)))
        adds = label(f"together  {PROB_SUM:g}", LABEL_SIZE, PROBABILITY)
        adds.move_to([COL_X["prob"] - 0.9, -1.7, 0])
        with self.narrate("divide") as cue:
            self.play(FadeIn(total), run_time=0.8)
            self.play(FadeIn(heads[2]),
                      *morph(exps, probs),
                      run_time=1.5)
            self.play(*(GrowFromEdge(b, LEFT) for b in bars), run_time=1.2)
            self.play(FadeIn(adds), run_time=min(1.0, cue.remaining))

        quoted = VGroup(label("often quoted", LABEL_SIZE, MUTED),
                        *(label(f"{q:.2f}", LABEL_SIZE, MUTED) for q in SEED_QUOTED))
        right = VGroup(label("rounded", LABEL_SIZE, PROBABILITY),
                       *(label(f"{q:.2f}", LABEL_SIZE, PROBABILITY) for q in PROBS_2DP))
        for row, y in ((quoted, -2.35), (right, -2.95)):
            row[0].move_to([0.2, y, 0], aligned_edge=RIGHT)
            for k, cell in enumerate(row[1:]):
                cell.move_to([1.0 + 1.3 * k, y, 0], aligned_edge=LEFT)
        crosses = VGroup(*(Cross(quoted[1 + k], stroke_color=LOSS, stroke_width=4)
                           for k in SEED_WRONG))
        with self.narrate("seed") as cue:
            self.play(FadeIn(quoted), run_time=0.8)
            self.play(Create(crosses), run_time=0.8)
            self.play(FadeIn(right), run_time=min(1.0, cue.remaining))
        self.play(*(FadeOut(m) for m in (heads, logits, exps, total, probs, bars, adds,
                                          quoted, right, crosses)), run_time=0.5)

    def normal_part(self) -> None:
        """The bell: slide its mean, widen its spread, shade one standard deviation."""
        axes = Axes(x_range=(-5, 5, 1), y_range=(0, 0.45, 0.1), x_length=11, y_length=4.2,
                    tips=False, axis_config={"color": MUTED, "include_ticks": True},
                    x_axis_config={"numbers_to_include": list(range(-4, 5, 2)),
                                   "font_size": LABEL_SIZE}).shift(DOWN * 0.5)
        axes.y_axis.set_stroke(opacity=0)  # heights are densities; the mean line marks 0
        mean, sd = ValueTracker(NORMAL_MEAN), ValueTracker(NORMAL_SD)

        def bell() -> VGroup:
            return axes.plot(lambda x: normal_pdf(x, mean.get_value(), sd.get_value()),
                             x_range=(-5, 5), color=PROBABILITY, stroke_width=5)

        def mean_line() -> VGroup:
            m = mean.get_value()
            top = axes.c2p(m, normal_pdf(m, m, sd.get_value()))
            line = DashedLine(axes.c2p(m, 0), top, color=TEXT, stroke_width=3)
            return VGroup(line, label("mean", SMALL_SIZE).next_to(top, UP, buff=0.15))

        curve, marker = always_redraw(bell), always_redraw(mean_line)
        with self.narrate("normal") as cue:
            self.play(Create(axes), run_time=1.0)
            self.play(Create(curve), FadeIn(marker), run_time=1.5)
            self.wait(max(0.1, cue.remaining - 3.5))
            self.play(mean.animate.set_value(NORMAL_SHIFTED_MEAN), run_time=1.5)
            self.play(mean.animate.set_value(NORMAL_MEAN), run_time=1.5)

        def band() -> VGroup:
            m, s = mean.get_value(), sd.get_value()
            return axes.get_area(curve, x_range=(m - s, m + s), color=PROBABILITY, opacity=0.3)

        spread_label = label(f"standard deviation {fmt(NORMAL_SD)}", LABEL_SIZE)
        spread_label.move_to([3.6, 2.3, 0])
        wide_label = label(f"standard deviation {fmt(NORMAL_WIDE_SD)}", LABEL_SIZE)
        wide_label.move_to(spread_label)
        share = label(f"{WITHIN_ONE_SD:.0%}", LABEL_SIZE).move_to(axes.c2p(NORMAL_MEAN - 0.5, 0.06))
        with self.narrate("spread") as cue:
            self.play(FadeIn(spread_label), run_time=0.6)
            self.play(sd.animate.set_value(NORMAL_WIDE_SD), Transform(spread_label, wide_label),
                      run_time=1.5)
            shade = always_redraw(band)
            self.play(FadeIn(shade), FadeIn(share), run_time=1.0)
            narrow = label(f"standard deviation {fmt(NORMAL_SD)}", LABEL_SIZE).move_to(spread_label)
            self.play(sd.animate.set_value(NORMAL_SD), Transform(spread_label, narrow),
                      run_time=min(1.5, cue.remaining))
        self.play(*(FadeOut(m) for m in (axes, curve, marker, shade, share, spread_label)),
                  run_time=0.5)

    def dice_part(self) -> None:
        """One die is flat; sums of more dice pile up into the normal curve."""
        bars, ticks, _ = dice_chart(1)
        heading = dice_heading(1)
        chance = VGroup(*(label(f"1/{DIE_SIDES}", SMALL_SIZE, PROBABILITY)
                          .next_to(bar, UP, buff=0.12) for bar in bars))
        with self.narrate("uniform") as cue:
            self.play(FadeIn(heading), FadeIn(ticks), run_time=0.6)
            self.play(*(GrowFromEdge(b, DOWN) for b in bars), run_time=1.2)
            self.play(FadeIn(chance), run_time=min(1.0, cue.remaining))

        two_bars, two_ticks, _ = dice_chart(2)
        totals, probs = dice_sum(2)
        callouts = VGroup()
        for total in (COMMON_TOTAL, RARE_TOTAL):
            ways = round(float(probs[total - totals[0]]) * TWO_DICE_WAYS)
            bar = two_bars[total - totals[0]]
            words = f"{ways} {'way' if ways == 1 else 'ways'}"
            callouts.add(label(words, LABEL_SIZE, PROBABILITY).next_to(bar, UP, buff=0.15))
        with self.narrate("two-dice") as cue:
            self.play(FadeOut(chance), Transform(heading, dice_heading(2)),
                      Transform(bars, two_bars), Transform(ticks, two_ticks), run_time=1.5)
            self.play(FadeIn(callouts[0]), Indicate(two_bars[COMMON_TOTAL - totals[0]]),
                      run_time=1.0)
            self.play(FadeIn(callouts[1]), run_time=min(1.0, cue.remaining))

        more = DICE_COUNTS[2:]
        with self.narrate("bell") as cue:
            self.play(FadeOut(callouts), run_time=0.4)
            per = max(0.6, (cue.duration - 4.0) / len(more))
            curve = VMobject()
            for n in more:
                new_bars, new_ticks, scale = dice_chart(n)
                self.play(Transform(heading, dice_heading(n)), Transform(bars, new_bars),
                          Transform(ticks, new_ticks), FadeOut(curve), run_time=per * 0.6)
                curve = bell_over(n, scale)
                self.play(Create(curve), run_time=per * 0.4)
        with self.narrate("next") as cue:
            self.play(Indicate(curve, color=PROBABILITY), run_time=min(1.5, cue.duration))
