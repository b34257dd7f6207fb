"""The course's loop, live: the code runs line by line, then twenty times on the hill.

The code on screen is the course's loop; the values beside it, the ball, its tangent, the
step arcs and the table all read the one run in ``models.descent.LOOP``.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    BackgroundRectangle,
    Create,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    ReplacementTransform,
    Text,
    ValueTracker,
    VGroup,
    always_redraw,
)

from scenes.math_for_ai.hill_drawing import (
    BALL,
    SLOPE,
    STEP,
    axis_labels,
    hill_axes,
    hop,
    label,
    loss_curve,
    riding_ball,
    riding_tangent,
    tangent,
    whole_frames,
)
from scenes.math_for_ai.models.descent import (
    GRAD0,
    INPUT,
    LEARNING_RATE,
    LOOP,
    LOSS0,
    PREDICTION0,
    STEPS,
    TARGET,
    W0,
    W1,
    W_BEST,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import ACCENT, LABEL_SIZE, LOSS, MONO, MUTED, TEXT

CODE_SIZE = LABEL_SIZE
CODE = [
    f"weight = {W0:.1f}",
    f"learning_rate = {LEARNING_RATE:g}",
    f"for step in range({STEPS}):",
    "    prediction = weight * input_data",
    "    loss = (prediction - target) ** 2",
    "    gradient = 2 * (prediction - target) * input_data",
    "    weight = weight - learning_rate * gradient",
]
COLUMNS = ("step", "weight", "loss", "gradient")
COLUMN_COLORS = (MUTED, BALL, LOSS, SLOPE)
COLUMN_X = (1.6, 3.0, 4.4, 5.8)  # centres of the table's columns
ARCS = 5  # the first steps get an arc; later ones are too short to draw one


def code_block(lines: list[str]) -> VGroup:
    """The loop as monospaced lines; indentation is kept by shifting, not by spaces."""
    first = Text("x", font=MONO, font_size=CODE_SIZE)
    char = first.width
    rows = VGroup()
    for k, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        row = Text(line.strip(), font=MONO, font_size=CODE_SIZE, color=TEXT)
        row.move_to([0, -0.5 * k, 0]).align_to([indent * char * 1.05, 0, 0], LEFT)
        rows.add(row)
    return rows


def highlight(row: Text) -> BackgroundRectangle:
    """The line the loop is running now."""
    return BackgroundRectangle(row, color=ACCENT, fill_opacity=0.25, buff=0.08)


def row_values(k: int) -> tuple[str, str, str, str]:
    """Step k of the run as the table writes it."""
    return (str(k), fmt(LOOP.weights[k], 3), fmt(LOOP.losses[k], 4),
            fmt(LOOP.gradients[k], 3))


def table_row(cells: tuple[str, ...], y: float, size: int = LABEL_SIZE) -> VGroup:
    """One row of the step / weight / loss / gradient table, cells centred in columns.

    Cells share their top edge, so words with and without descenders sit on one line.
    """
    row = VGroup(*(label(text, size, color).move_to([x, y, 0])
                   for text, color, x in zip(cells, COLUMN_COLORS, COLUMN_X, strict=True)))
    top = max(cell.get_top()[1] for cell in row)
    for cell in row:
        cell.align_to([0, top, 0], UP)
    return row


class DescentLoop(ModuleScene):
    def move_mark(self, mark: BackgroundRectangle, row: Text) -> BackgroundRectangle:
        """Move the running-line highlight to ``row``; returns the new highlight."""
        target = highlight(row)
        self.play(ReplacementTransform(mark, target), run_time=0.6)
        return target

    def construct(self) -> None:
        title = section_title("The loop, step by step")
        code = code_block(CODE).to_edge(LEFT, buff=0.5).shift(UP * 1.6)
        choice = VGroup(
            label(f"input_data = {fmt(INPUT)}    target = {fmt(TARGET)}", LABEL_SIZE, TEXT,
                  MONO),
            label(f"best weight = {fmt(W_BEST)}", LABEL_SIZE, MUTED),
        ).arrange(DOWN, aligned_edge=RIGHT, buff=0.15)
        choice.to_corner(UP + RIGHT, buff=0.45)

        with self.narrate("code") as cue:
            self.play(FadeIn(title), run_time=0.8)
            self.play(FadeIn(code, lag_ratio=0.15), run_time=2.0)
            mark = highlight(code[0])
            self.play(FadeIn(mark), run_time=0.6)
            for k in (1, 2):
                mark = self.move_mark(mark, code[k])

        with self.narrate("choose") as cue:
            self.play(FadeOut(mark), FadeIn(choice[0], shift=LEFT * 0.3), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 2.0))
            self.play(FadeIn(choice[1]), run_time=0.8)

        def result(k: int, text: str, color) -> Text:
            return label(f"→ {text}", LABEL_SIZE, color).next_to(code[5], RIGHT, 0.3) \
                .set_y(code[k].get_y())

        values = [result(3, fmt(PREDICTION0), TEXT), result(4, fmt(LOSS0), LOSS),
                  result(5, fmt(GRAD0), SLOPE), result(6, fmt(W1), BALL)]
        with self.narrate("forward") as cue:
            mark = highlight(code[3])
            self.play(FadeIn(mark), run_time=0.6)
            self.play(FadeIn(values[0]), run_time=0.8)
            self.wait(max(0.1, cue.remaining - 2.5))
            mark = self.move_mark(mark, code[4])
            self.play(FadeIn(values[1]), run_time=0.8)

        with self.narrate("gradient") as cue:
            mark = self.move_mark(mark, code[5])
            self.play(FadeIn(values[2]), run_time=0.8)
            self.wait(max(0.1, cue.remaining - 2.6))
            mark = self.move_mark(mark, code[6])
            self.play(FadeIn(values[3]), run_time=0.8)

        axes = hill_axes((-0.5, 5.5, 1), (0, 10, 2), width=6.2, height=4.0)
        axes.move_to([-3.2, -0.3, 0])
        curve = loss_curve(axes)
        weight = ValueTracker(W0)
        ball = riding_ball(axes, weight)
        line = riding_tangent(axes, weight, length=1.8)
        header = table_row(COLUMNS, 2.0)
        rows = [table_row(row_values(k), 1.45 - 0.45 * k) for k in range(ARCS + 1)]
        dots = label("⋮", LABEL_SIZE, MUTED).move_to([COLUMN_X[0], rows[-1].get_y() - 0.5, 0])
        live_step = ValueTracker(ARCS + 1)
        live_y = dots.get_y() - 0.5
        live = always_redraw(lambda: table_row(row_values(int(round(live_step.get_value()))),
                                               live_y))
        with self.narrate("hill") as cue:
            self.play(FadeOut(code), FadeOut(mark), FadeOut(VGroup(*values)), run_time=0.8)
            self.play(Create(axes), FadeIn(axis_labels(axes)), Create(curve), run_time=1.5)
            self.play(GrowFromCenter(ball), FadeIn(header), FadeIn(rows[0]), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 1.0))
            still = tangent(axes, W0, length=1.8)
            self.play(Create(still), run_time=min(0.8, cue.remaining))
            self.remove(still)
            self.add(line, ball)

        with self.narrate("run") as cue:
            fast = whole_frames((cue.remaining - 0.6 * ARCS - 0.4) / (STEPS - ARCS))
            for k in range(ARCS):
                self.play(Create(hop(axes, LOOP.weights[k], LOOP.weights[k + 1])),
                          weight.animate.set_value(LOOP.weights[k + 1]), FadeIn(rows[k + 1]),
                          run_time=0.6)
            self.add(dots, live)
            for k in range(ARCS + 1, STEPS + 1):
                self.play(weight.animate.set_value(LOOP.weights[k]),
                          live_step.animate.set_value(k), run_time=fast)

        frame = BackgroundRectangle(live, color=ACCENT, fill_opacity=0.2, buff=0.1)
        with self.narrate("result") as cue:
            live.clear_updaters()
            line.clear_updaters()
            self.play(FadeIn(frame), run_time=0.8)
            gap = max(0.1, (cue.speech * 0.6 - 0.8) / 3 - 1.0)
            for cell in live[1:]:
                self.play(Indicate(cell, color=cell.get_color()), run_time=1.0)
                self.wait(gap)
            self.play(Indicate(line, color=SLOPE), run_time=min(1.2, cue.remaining))

        rate = label(f"learning rate {fmt(LEARNING_RATE)}", LABEL_SIZE, STEP)
        rate.next_to(live, DOWN, buff=0.55).set_x(COLUMN_X[1] + 0.7)
        with self.narrate("handoff") as cue:
            self.play(FadeIn(rate, shift=UP * 0.2), run_time=min(1.0, cue.remaining))
