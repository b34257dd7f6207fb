"""Expected value: a weighted average, a fair die in the long run, and two ways to be fooled.

The die's running average is drawn on a log scale so the first wild rolls and the long
settling are both visible. The spam filter is a grid of 100 squares (10 emails each), spam in
yellow as the condition is in the Bayes chapters. The scatter of a simulated year is recoloured
by temperature to reveal the hidden common cause.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    MathTex,
    Rectangle,
    RoundedRectangle,
    Square,
    Text,
    VGroup,
    VMobject,
    interpolate_color,
)

from scenes.math_for_ai.models import expected as ev
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import (
    BODY_SIZE,
    FONT,
    GRID_MOVING,
    HEALTHY,
    LABEL_SIZE,
    LOSS,
    MUTED,
    PROBABILITY,
    SICK,
    SMALL_SIZE,
    TEST_POSITIVE,
    TEXT,
)

EMAILS_PER_SQUARE = 10
COLD, HOT = GRID_MOVING, LOSS          # temperature: blue to red


def label(text: str, size: int = LABEL_SIZE, color=TEXT) -> Text:
    """A word or number on screen, in the house font."""
    return Text(text, font=FONT, font_size=size, color=color)


def die_face(value: int) -> VGroup:
    """A die face as a rounded square with its number."""
    box = RoundedRectangle(width=0.9, height=0.9, corner_radius=0.15, color=TEXT,
                           stroke_width=3)
    return VGroup(box, label(str(value), BODY_SIZE))


def squares(count: int) -> int:
    """How many grid squares stand for ``count`` emails (the counts are whole tens)."""
    assert count % EMAILS_PER_SQUARE == 0, count
    return count // EMAILS_PER_SQUARE


def email_grid() -> VGroup:
    """100 squares, 10 emails each; the spam squares come last, in yellow."""
    total, spam = squares(ev.EMAILS), squares(ev.SPAM)
    grid = VGroup(*(Square(0.38, stroke_width=0, fill_opacity=0.9,
                           fill_color=SICK if k >= total - spam else HEALTHY)
                    for k in range(total)))
    return grid.arrange_in_grid(rows=10, buff=0.08)


def stat_lines(rows: list[tuple[str, object]]) -> VGroup:
    """A left-aligned column of coloured statements."""
    return VGroup(*(label(text, BODY_SIZE, color) for text, color in rows)).arrange(
        DOWN, aligned_edge=LEFT, buff=0.3)


def accuracy_bars(rows: list[tuple[str, float, object]]) -> VGroup:
    """Horizontal bars for accuracies from 0 to 100%, name on the left, value on the right."""
    group = VGroup()
    for k, (name, value, color) in enumerate(rows):
        y = 1.6 - 1.0 * k
        bar = Rectangle(width=value * 5.5, height=0.5, stroke_width=0, fill_color=color,
                        fill_opacity=0.85).move_to([-0.3 + value * 2.75, y, 0])
        group.add(VGroup(label(name, LABEL_SIZE).move_to([-0.6, y, 0], aligned_edge=RIGHT),
                         bar, label(f"{value:.0%}", LABEL_SIZE, color)
                         .next_to(bar, RIGHT, buff=0.15)))
    return group


class ExpectedValue(ModuleScene):
    def construct(self) -> None:
        title = section_title("Expected value")
        self.die_part(title)
        self.trap_part()
        self.correlation_part()

    def die_part(self, title: VGroup) -> None:
        """The formula, the die's weighted average, and rolls that converge to it."""
        formula = MathTex(r"E[X] = \sum", "x", r"\cdot", "p(x)", font_size=48)
        formula.set_color_by_tex("p(x)", PROBABILITY).move_to([0, 1.9, 0])
        words = label("each outcome × its probability, added up", LABEL_SIZE, MUTED)
        words.next_to(formula, DOWN, buff=0.3)
        with self.narrate("average") as cue:
            self.play(FadeIn(title), run_time=1)
            self.play(FadeIn(formula), run_time=1.2)
            self.play(FadeIn(words), run_time=min(1.0, cue.remaining))

        faces = VGroup(*(die_face(int(v)) for v in ev.FACES)).arrange(RIGHT, buff=0.5)
        faces.move_to([0, 0.1, 0])
        weights = VGroup(*(label(f"× 1/{ev.FACE_COUNT}", SMALL_SIZE, PROBABILITY)
                           .next_to(face, DOWN, buff=0.15) for face in faces))
        result = label(f"{ev.FACE_SUM} ÷ {ev.FACE_COUNT} = {fmt(ev.DIE_MEAN)}", BODY_SIZE)
        result.move_to([0, -1.7, 0])
        with self.narrate("die") as cue:
            self.play(FadeIn(faces, lag_ratio=0.15), run_time=1.2)
            self.play(FadeIn(weights, lag_ratio=0.15), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 2.0))
            self.play(FadeIn(result), run_time=1.0)

        axes = Axes(x_range=(0, 3, 1), y_range=(1, 6, 1), x_length=8.5, y_length=3.6,
                    tips=False, axis_config={"color": MUTED}).move_to([0.4, -0.3, 0])
        ticks = VGroup(*(label(str(10**k), SMALL_SIZE, MUTED).next_to(axes.c2p(k, 1), DOWN, 0.2)
                         for k in range(4)))
        ticks.add(label("rolls", SMALL_SIZE, MUTED).next_to(axes.c2p(3, 1), RIGHT, 0.3))
        y_ticks = VGroup(*(label(str(v), SMALL_SIZE, MUTED).next_to(axes.c2p(0, v), LEFT, 0.2)
                           for v in (1, 6)))
        target = DashedLine(axes.c2p(0, ev.DIE_MEAN), axes.c2p(3, ev.DIE_MEAN), color=MUTED)
        target_label = label(fmt(ev.DIE_MEAN), LABEL_SIZE, MUTED).next_to(target, RIGHT, 0.2)
        n = np.arange(1, ev.ROLLS + 1)
        path = VMobject(color=PROBABILITY, stroke_width=4).set_points_as_corners(
            [axes.c2p(np.log10(k), r) for k, r in zip(n, ev.RUNNING, strict=True)])
        readouts = VGroup()
        for count, average in ev.AVERAGES.items():
            spot = axes.c2p(np.log10(count), average)
            side = UP if average > ev.DIE_MEAN else DOWN  # keep clear of the curve
            readouts.add(VGroup(Dot(spot, color=PROBABILITY, radius=0.07),
                                label(f"{average:.2f}", LABEL_SIZE, PROBABILITY)
                                .next_to(spot, side, buff=0.25)))
        loss_note = label("a model's loss = its expected error", LABEL_SIZE, LOSS)
        loss_note.move_to([0, 2.3, 0])
        with self.narrate("rolls") as cue:
            self.play(FadeOut(faces), FadeOut(weights), FadeOut(result), FadeOut(words),
                      FadeOut(formula), run_time=0.6)
            self.play(Create(axes), FadeIn(ticks), FadeIn(y_ticks), Create(target),
                      FadeIn(target_label), run_time=1.0)
            self.play(Create(path), run_time=4.0)
            self.play(FadeIn(readouts, lag_ratio=0.5), run_time=1.5)
            self.wait(max(0.1, cue.remaining - 1.0))
            self.play(FadeIn(loss_note), run_time=min(1.0, cue.remaining))
        self.play(*(FadeOut(m) for m in (axes, ticks, y_ticks, target, target_label, path,
                                          readouts, loss_note)), run_time=0.5)

    def trap_part(self) -> None:
        """The 90% that does nothing, the 95% filter, and what guessing really scores."""
        grid = email_grid().move_to([-3.4, -0.2, 0])
        key = VGroup(label("1 square = 10 emails", SMALL_SIZE, MUTED),
                     label(f"{ev.SPAM} spam", SMALL_SIZE, SICK)).arrange(RIGHT, buff=0.5)
        key.next_to(grid, UP, buff=0.25)
        lazy = stat_lines([("always “not spam”", TEXT),
                           (f"right  {ev.BASELINE_ACCURACY:.0%}", TEXT),
                           ("spam caught  0", LOSS)]).move_to([3.1, 0.3, 0])
        with self.narrate("trap") as cue:
            self.play(FadeIn(grid, lag_ratio=0.01), FadeIn(key), run_time=1.5)
            self.wait(max(0.1, cue.remaining - 3.0))
            self.play(FadeIn(lazy, lag_ratio=0.4), run_time=1.5)

        spam_start = squares(ev.EMAILS) - squares(ev.SPAM)
        flagged = VGroup(*(grid[spam_start + k] for k in range(squares(ev.SPAM_CAUGHT))),
                         *(grid[k] for k in range(squares(ev.FALSE_ALARMS))))
        rings = VGroup(*(Square(0.46, color=TEST_POSITIVE, stroke_width=4).move_to(sq)
                         for sq in flagged))
        trained = stat_lines([("trained filter", TEXT),
                              (f"right  {ev.MODEL_ACCURACY:.0%}", TEXT),
                              (f"spam caught  {ev.SPAM_CAUGHT}", TEST_POSITIVE),
                              (f"false alarms  {ev.FALSE_ALARMS}", LOSS),
                              (f"+{ev.GAIN_POINTS} points", PROBABILITY)]).move_to([3.1, 0.1, 0])
        with self.narrate("model") as cue:
            self.play(FadeOut(lazy), run_time=0.5)
            self.play(Create(rings, lag_ratio=0.1), FadeIn(trained[:2]), run_time=1.5)
            self.play(FadeIn(trained[2:4]), run_time=1.0)
            self.play(FadeIn(trained[4]), run_time=min(1.0, cue.remaining))

        bars = accuracy_bars([("always “not spam”", ev.ALWAYS_NORMAL_ACCURACY, MUTED),
                              ("coin flip", ev.COIN_ACCURACY, MUTED),
                              (f"“spam” {ev.MATCHED_GUESS_RATE:.0%} of the time",
                               ev.MATCHED_ACCURACY, MUTED),
                              ("trained filter", ev.MODEL_ACCURACY, TEST_POSITIVE)])
        bars.move_to([0, 0.1, 0])
        with self.narrate("guess") as cue:
            self.play(FadeOut(grid), FadeOut(key), FadeOut(rings), FadeOut(trained),
                      run_time=0.6)
            self.play(FadeIn(bars[0][0]), GrowFromEdge(bars[0][1], LEFT), FadeIn(bars[0][2]),
                      run_time=1.0)
            self.wait(max(0.1, cue.remaining - 4.5))
            for row in bars[1:]:
                self.play(FadeIn(row[0]), GrowFromEdge(row[1], LEFT), FadeIn(row[2]),
                          run_time=1.0)
            self.play(Indicate(bars[0][1], color=TEXT), run_time=min(1.0, cue.remaining))
        self.play(FadeOut(bars), run_time=0.5)

    def correlation_part(self) -> None:
        """Sales against drownings; colour by temperature; the link vanishes once it is removed."""
        year = ev.YEAR
        axes = Axes(x_range=(0, 2000, 500), y_range=(0, 10, 2), x_length=5.6, y_length=4.4,
                    tips=False, axis_config={"color": MUTED}).move_to([-3.0, -0.3, 0])
        names = VGroup(label("ice cream sold per week", SMALL_SIZE, MUTED)
                       .next_to(axes, DOWN, buff=0.2),
                       label("drownings", SMALL_SIZE, MUTED)
                       .next_to(axes.c2p(0, 10), UP, buff=0.15))
        dots = VGroup(*(Dot(axes.c2p(s, d), radius=0.07, color=TEXT)
                        for s, d in zip(year.ice_cream, year.drownings, strict=True)))
        r_label = label(f"correlation  {ev.R:.2f}", BODY_SIZE).move_to([-3.0, 2.5, 0])
        simulated = label(f"a simulated year, {ev.WEEKS} weeks", SMALL_SIZE, MUTED)
        simulated.move_to([3.3, 2.5, 0])
        with self.narrate("correlation") as cue:
            self.play(Create(axes), FadeIn(names), FadeIn(simulated), run_time=1.0)
            self.play(FadeIn(dots, lag_ratio=0.03), run_time=2.0)
            self.play(FadeIn(r_label), run_time=min(1.0, cue.remaining))

        warmth = (year.temperature - ev.TEMP_MIN) / (ev.TEMP_MAX - ev.TEMP_MIN)
        weather = label("hot weather", BODY_SIZE, HOT).move_to([3.3, 1.6, 0])
        effects = VGroup(label("ice cream", BODY_SIZE).move_to([1.6, -0.6, 0]),
                         label("drownings", BODY_SIZE).move_to([5.0, -0.6, 0]))
        arrows = VGroup(*(Arrow(weather.get_bottom(), e.get_top(), buff=0.15, color=HOT,
                                stroke_width=5) for e in effects))
        links = VGroup(label(f"{ev.R_TEMP_ICE:.2f}", LABEL_SIZE, HOT)
                       .next_to(arrows[0].get_center(), LEFT, buff=0.2),
                       label(f"{ev.R_TEMP_DROWN:.2f}", LABEL_SIZE, HOT)
                       .next_to(arrows[1].get_center(), RIGHT, buff=0.2))
        left_over = label(f"temperature removed:  {fmt(ev.R_GIVEN_TEMP)}", BODY_SIZE)
        left_over.move_to([3.3, -2.0, 0])
        with self.narrate("cause") as cue:
            self.play(*(d.animate.set_color(interpolate_color(COLD, HOT, w))
                        for d, w in zip(dots, warmth, strict=True)), FadeIn(weather),
                      run_time=1.5)
            self.play(*(Create(a) for a in arrows), FadeIn(effects), FadeIn(links),
                      run_time=1.5)
            self.wait(max(0.1, cue.remaining - 2.0))
            self.play(FadeIn(left_over), run_time=1.0)

        with self.narrate("next") as cue:
            self.play(Indicate(weather, color=HOT), run_time=min(1.5, cue.duration))
