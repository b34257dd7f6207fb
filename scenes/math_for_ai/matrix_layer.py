"""A matrix as a network layer, and the point cloud that the right rotation makes readable.

After 3Blue1Brown's "Neural networks" (3b1b/videos _2017/nn/part1): weights coloured by
sign and size, each output counted up live from one row and the input. Then the course's
picture: a 3-D cloud that is one blob from the front and two groups once it is turned.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    Matrix,
    ReplacementTransform,
    SurroundingRectangle,
    Text,
    TransformFromCopy,
    ValueTracker,
    VGroup,
)

from scenes.math_for_ai.models.matrices import (
    CLOUD,
    CLOUD_TURN_DEGREES,
    LAYER_INPUT,
    LAYER_OUTPUT,
    N_OUTPUTS,
    WEIGHTS,
    row_products,
    running_sums,
    separating_height,
    tilt,
    view,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import matrix_mob, tex_number, with_backdrop
from scenes.shared.palette import (
    ACCENT,
    FONT,
    LABEL_SIZE,
    MUTED,
    TEXT,
    VECTOR,
    WEIGHT_NEGATIVE,
    WEIGHT_POSITIVE,
)

EQUATION_SCALE = 0.95
CLOUD_CENTER = np.array([2.4, 0.1, 0.0])
TURN_SCALE = 0.75


def weight_matrix() -> Matrix:
    """The seed's weights: blue if positive, red if negative, brighter when larger.

    Decimal entries need more room between columns than the shared ``matrix_mob`` gives.
    """
    rows = [[tex_number(w) for w in row] for row in WEIGHTS]
    mob = Matrix(rows, h_buff=1.45, v_buff=0.8)
    biggest = np.abs(WEIGHTS).max()
    for entry, weight in zip(mob.get_entries(), WEIGHTS.flat, strict=True):
        colour = WEIGHT_POSITIVE if weight > 0 else WEIGHT_NEGATIVE
        entry.set_color(colour).set_opacity(0.55 + 0.45 * abs(weight) / biggest)
    return mob


def live_rotation(angle: ValueTracker) -> VGroup:
    """The rotation's matrix, every entry recomputed by the model as the angle turns."""
    template = Matrix([["-0.00"] * 3] * 3, h_buff=1.3)
    template.get_entries().set_opacity(0)  # only to hold the places
    numbers = VGroup()
    for anchor, (i, j) in zip(template.get_entries(), np.ndindex(3, 3), strict=True):
        number = DecimalNumber(0, num_decimal_places=2, color=TEXT)

        def follow(mob: DecimalNumber, anchor=anchor, i=i, j=j) -> None:
            mob.set_value(np.round(tilt(angle.get_value())[i, j], 2) + 0.0).move_to(anchor)

        follow(number)
        numbers.add(number.add_updater(follow))
    return VGroup(template, numbers)


def term_tex(weight: float, value: float) -> str:
    """One product of the sum, a negative weight in brackets so the signs read clearly."""
    w = tex_number(weight)
    return (f"({w})" if weight < 0 else w) + r"\cdot" + tex_number(value)


def sum_line(row: int, upto: int) -> MathTex:
    """The first ``upto`` products of a row, joined by plus signs."""
    parts = [term_tex(w, x) for w, x in zip(WEIGHTS[row][:upto], LAYER_INPUT[:upto],
                                              strict=True)]
    return MathTex(" + ".join(parts), color=TEXT)


def total_tex(value: float) -> MathTex:
    """'= running total' in the output colour."""
    return MathTex("=", tex_number(value), color=VECTOR)


class MatrixLayer(ModuleScene):
    def construct(self) -> None:
        title = section_title("A matrix as a layer")
        weights = weight_matrix()
        inputs = matrix_mob(LAYER_INPUT.reshape(-1, 1))
        outputs = matrix_mob(LAYER_OUTPUT.reshape(-1, 1))
        outputs.get_entries().set_color(VECTOR)  # each appears when its sum is done
        equation = VGroup(weights, inputs, MathTex("="), outputs).arrange(RIGHT, buff=0.35)
        equation.scale(EQUATION_SCALE).move_to(UP * 0.7)
        names = VGroup(*[Text(word, font=FONT, font_size=LABEL_SIZE, color=MUTED)
                         .next_to(mob, DOWN, buff=0.2)
                         for word, mob in [("weights", weights), ("input", inputs),
                                           ("output", outputs)]])
        self.work = VGroup()  # the sum currently shown under the equation

        with self.narrate("layer") as cue:
            self.play(FadeIn(title), run_time=0.8)
            self.play(FadeIn(weights), FadeIn(names[0]), run_time=1.2)
            self.play(FadeIn(inputs), FadeIn(equation[2]), FadeIn(outputs.get_brackets()),
                      FadeIn(names[1:]), run_time=1.2)
            negative = [entry for entry, weight in zip(weights.get_entries(), WEIGHTS.flat,
                                                       strict=True) if weight < 0]
            self.play(*[Indicate(entry, color=WEIGHT_NEGATIVE) for entry in negative],
                      run_time=min(1.5, cue.remaining))

        row_box = SurroundingRectangle(weights.get_rows()[0], color=ACCENT, buff=0.08)
        input_box = SurroundingRectangle(inputs.get_entries(), color=ACCENT, buff=0.08)
        with self.narrate("row-one") as cue:
            self.play(Create(row_box), Create(input_box), run_time=0.8)
            self.count_up(0, weights, inputs, step=1.1)
            self.play(TransformFromCopy(self.work[1][1], outputs.get_entries()[0]),
                      run_time=min(0.8, cue.remaining))

        with self.narrate("rows") as cue:
            for row in range(1, N_OUTPUTS):
                target = SurroundingRectangle(weights.get_rows()[row], color=ACCENT, buff=0.08)
                self.play(row_box.animate.become(target), run_time=0.4)
                self.show_sum(row, running_sums(row)[-1], run_time=0.6)
                self.play(TransformFromCopy(self.work[1][1], outputs.get_entries()[row]),
                          run_time=0.6)
            self.play(FadeOut(row_box), FadeOut(input_box), FadeOut(self.work),
                      Indicate(outputs.get_entries(), color=VECTOR),
                      run_time=min(1.2, cue.remaining))

        angle = ValueTracker(0.0)
        dots = VGroup(*[Dot(radius=0.055, color=VECTOR) for _ in CLOUD])
        dots.add_updater(lambda group: self.place_cloud(group, angle.get_value()))
        self.place_cloud(dots, 0.0)
        with self.narrate("cloud") as cue:
            self.play(FadeOut(equation), FadeOut(names), run_time=0.8)
            self.add(dots)
            self.play(FadeIn(dots, lag_ratio=0.01), run_time=1.5)
            front = Text("seen from the front", font=FONT, font_size=LABEL_SIZE, color=MUTED)
            front.next_to(dots, UP, buff=0.3)
            self.play(FadeIn(front), run_time=min(0.8, cue.remaining))

        turn = VGroup(Text("rotation", font=FONT, font_size=LABEL_SIZE, color=TEXT),
                      VGroup(MathTex("R ="), live_rotation(angle)).arrange(RIGHT, buff=0.2)
                      .scale(TURN_SCALE),
                      MathTex(r"p \to R\,p", color=VECTOR)).arrange(DOWN, buff=0.3)
        turn = with_backdrop(turn).move_to(LEFT * 4.25 + UP * 0.3)
        cut_y = CLOUD_CENTER[1] + separating_height()
        cut = DashedLine(LEFT * 0.6 + UP * cut_y, RIGHT * 6.0 + UP * cut_y, color=TEXT)
        with self.narrate("turn") as cue:
            self.play(FadeIn(turn), FadeOut(front), run_time=1)
            self.play(angle.animate.set_value(CLOUD_TURN_DEGREES), run_time=3.5)
            self.play(Create(cut), run_time=min(1.2, cue.remaining))

        with self.narrate("learn") as cue:
            self.play(FadeOut(cut), angle.animate.set_value(CLOUD_TURN_DEGREES / 2),
                      run_time=2)
            self.play(angle.animate.set_value(CLOUD_TURN_DEGREES), run_time=2)
            self.play(Create(cut), Indicate(turn[1][1][1], color=ACCENT),
                      run_time=min(1.5, cue.remaining))

    def count_up(self, row: int, weights, inputs, step: float) -> None:
        """Point at each weight and its input, add the product, show the running total."""
        for term, total in enumerate(running_sums(row), start=1):
            pair = [weights.get_rows()[row][term - 1], inputs.get_entries()[term - 1]]
            self.play(*[Indicate(m, color=ACCENT) for m in pair], run_time=step * 0.5)
            self.show_sum(row, total, upto=term, run_time=step * 0.5)

    def show_sum(self, row: int, total: float, run_time: float, upto: int = 3) -> None:
        """Replace the working line with the row's first ``upto`` products and their sum."""
        assert np.isclose(total, row_products(row)[:upto].sum())
        line = VGroup(sum_line(row, upto), total_tex(total)).arrange(RIGHT, buff=0.25)
        line.move_to(DOWN * 2.0)
        if len(self.work):
            self.play(ReplacementTransform(self.work, line), run_time=run_time)
        else:
            self.play(FadeIn(line), run_time=run_time)
        self.work = line

    @staticmethod
    def place_cloud(dots: VGroup, degrees: float) -> None:
        """Put each dot where the rotated cloud's point is seen (depth dropped)."""
        for dot, (x, y) in zip(dots, view(CLOUD, degrees), strict=True):
            dot.move_to(CLOUD_CENTER + np.array([x, y, 0.0]))
