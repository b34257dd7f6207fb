"""Shapes that fit and shapes that do not: (m x n)(n x p), and NumPy's real error.

Matrices are drawn as blocks of cells, one cell per number, so a shape is something you can
count. The error text on screen is the one NumPy raised while this scene was built.
"""

from __future__ import annotations

import textwrap

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    MathTex,
    ReplacementTransform,
    Square,
    SurroundingRectangle,
    Text,
    TransformFromCopy,
    VGroup,
)

from scenes.math_for_ai.models.matrices import (
    FIX_SHAPE,
    MISMATCH_ERROR,
    SHAPE_A,
    SHAPE_AT,
    SHAPE_B,
    SHAPE_C,
    SHAPE_D,
    product_shape,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.palette import (
    ACCENT,
    BACKGROUND,
    LABEL_SIZE,
    LOSS,
    MONO,
    MUTED,
    TEXT,
    VECTOR,
)

CELL = 0.5
ROW_Y = 1.3           # where the blocks of a product sit
PAIR_Y = -1.5         # where a row and a column are laid out to pair up
ERROR_WIDTH = 48      # characters per line of the error: fits the frame at LABEL_SIZE mono


def block(shape: tuple[int, int], colour=TEXT) -> VGroup:
    """A matrix as rows x columns cells: its shape is something you can count."""
    rows, cols = shape
    cells = VGroup(*[Square(CELL, stroke_color=colour, stroke_width=2, fill_color=colour,
                            fill_opacity=0.15) for _ in range(rows * cols)])
    return cells.arrange_in_grid(rows, cols, buff=0)


def cells_of(mob: VGroup, shape: tuple[int, int], row: int | None = None,
             col: int | None = None) -> VGroup:
    """One row or one column of a block's cells."""
    rows, cols = shape
    if row is not None:
        return VGroup(*mob[row * cols:(row + 1) * cols])
    return VGroup(*[mob[r * cols + col] for r in range(rows)])


def shape_label(shape: tuple[int, int]) -> MathTex:
    """'3 x 4' with its two numbers as separate parts (so the inner one can light up)."""
    return MathTex(str(shape[0]), r"\times", str(shape[1]), color=TEXT)


def product_row(left: tuple[int, int], right: tuple[int, int],
                result: tuple[int, int] | None) -> VGroup:
    """Blocks 'left @ right = result' with shape labels under each block."""
    parts = [block(left), MathTex("@"), block(right)]
    if result is not None:
        parts += [MathTex("="), block(result, VECTOR)]
    blocks = VGroup(*parts).arrange(RIGHT, buff=0.45).move_to(UP * ROW_Y)
    labels = VGroup(*[shape_label(s).next_to(parts[i], DOWN, buff=0.25)
                      for i, s in [(0, left), (2, right), (4, result)] if s is not None])
    lowest = min(label.get_y() for label in labels)
    for label in labels:
        label.set_y(lowest)  # one baseline, however tall the blocks
    return VGroup(blocks, labels)


def error_text(message: str) -> VGroup:
    """The error as NumPy wrote it, wrapped to fit; the sizes that clash in red."""
    head, sep, tail = message.partition(" (size")
    lines = textwrap.wrap(head, ERROR_WIDTH, break_on_hyphens=False)
    mobs = [Text(line, font=MONO, font_size=LABEL_SIZE, color=TEXT) for line in lines]
    if sep:
        mobs.append(Text(sep.strip() + tail, font=MONO, font_size=LABEL_SIZE, color=LOSS))
    return VGroup(*mobs).arrange(DOWN, aligned_edge=LEFT, buff=0.12)


def pairing(left_row: int, right_col: int) -> VGroup:
    """A row of ``left_row`` cells over a column of ``right_col`` cells laid flat: partners."""
    top = block((1, left_row)).set_fill(ACCENT, 0.7)
    bottom = block((1, right_col)).set_fill(ACCENT, 0.7)
    strip = VGroup(top, bottom).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
    return strip.move_to(UP * PAIR_Y)


class MatrixShapes(ModuleScene):
    def construct(self) -> None:
        title = section_title("The shapes must match")
        fits = product_row(SHAPE_A, SHAPE_B, SHAPE_C)
        (a, _, b, _, c), (a_label, b_label, c_label) = fits
        assert product_shape(SHAPE_A, SHAPE_B) == SHAPE_C

        with self.narrate("match") as cue:
            self.play(FadeIn(title), run_time=0.8)
            self.play(FadeIn(a), FadeIn(a_label), FadeIn(fits[0][1]), FadeIn(b),
                      FadeIn(b_label), run_time=1.2)
            inner = VGroup(a_label[2], b_label[0])
            self.play(inner.animate.set_color(ACCENT), *[Flash(m, color=ACCENT) for m in inner],
                      run_time=1.2)
            self.play(FadeIn(fits[0][3]), TransformFromCopy(a_label[0], c_label[0]),
                      TransformFromCopy(b_label[2], c_label[2]), FadeIn(c_label[1]),
                      FadeIn(c), run_time=1.2)
            self.play(inner.animate.set_opacity(0.35), run_time=min(0.8, cue.remaining))

        with self.narrate("why") as cue:
            row = cells_of(a, SHAPE_A, row=0)
            col = cells_of(b, SHAPE_B, col=0)
            self.play(row.animate.set_fill(ACCENT, 0.7), col.animate.set_fill(ACCENT, 0.7),
                      run_time=0.8)
            strip = pairing(SHAPE_A[1], SHAPE_B[0])
            self.play(TransformFromCopy(row, strip[0]), TransformFromCopy(col, strip[1]),
                      run_time=1.5)
            self.play(Indicate(strip, color=ACCENT), run_time=1)
            self.play(c[0].animate.set_fill(VECTOR, 0.8), run_time=min(0.8, cue.remaining))

        bad = product_row(SHAPE_A, SHAPE_D, None)
        bad_a, _, bad_d = bad[0]
        with self.narrate("mismatch") as cue:
            self.play(FadeOut(fits), FadeOut(strip), run_time=0.6)
            self.play(FadeIn(bad), run_time=1)
            clash = VGroup(bad[1][0][2], bad[1][1][0])
            self.play(clash.animate.set_color(LOSS), *[Flash(m, color=LOSS) for m in clash],
                      run_time=0.8)
            row = cells_of(bad_a, SHAPE_A, row=0)
            col = cells_of(bad_d, SHAPE_D, col=0)
            self.play(row.animate.set_fill(ACCENT, 0.7), col.animate.set_fill(ACCENT, 0.7),
                      run_time=0.6)
            strip = pairing(SHAPE_A[1], SHAPE_D[0])
            self.play(TransformFromCopy(row, strip[0]), TransformFromCopy(col, strip[1]),
                      run_time=1.5)
            lonely = strip[0][SHAPE_D[0]:]
            self.play(lonely.animate.set_fill(LOSS, 0.8).set_stroke(LOSS),
                      Flash(lonely, color=LOSS), run_time=min(1.0, cue.remaining))

        call = Text(f"A @ D    # {SHAPE_A} @ {SHAPE_D}", font=MONO, font_size=LABEL_SIZE,
                    color=MUTED)
        error = error_text(MISMATCH_ERROR)
        report = VGroup(call, error).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        report.next_to(bad, DOWN, buff=0.45)
        frame = SurroundingRectangle(report, color=LOSS, buff=0.2, fill_color=BACKGROUND,
                                     fill_opacity=1)
        with self.narrate("error") as cue:
            self.play(FadeOut(strip), run_time=0.5)
            self.play(Create(frame), FadeIn(call), run_time=1)
            self.play(FadeIn(error, lag_ratio=0.2), run_time=1.5)
            self.play(Indicate(error[-1], color=LOSS), run_time=min(1.5, cue.remaining))

        fixed = product_row(SHAPE_AT, SHAPE_D, FIX_SHAPE)
        fix_call = Text(f"A.T @ D  # {SHAPE_AT} @ {SHAPE_D} -> {FIX_SHAPE}", font=MONO,
                        font_size=LABEL_SIZE, color=MUTED).next_to(fixed, DOWN, buff=0.6)
        assert product_shape(SHAPE_AT, SHAPE_D) == FIX_SHAPE
        with self.narrate("fix") as cue:
            self.play(FadeOut(frame), FadeOut(call), FadeOut(error), run_time=0.6)
            self.play(ReplacementTransform(bad, VGroup(fixed[0][:3], fixed[1][:2])),
                      run_time=1.5)
            inner = VGroup(fixed[1][0][2], fixed[1][1][0])
            self.play(inner.animate.set_color(ACCENT), run_time=0.6)
            self.play(FadeIn(fixed[0][3:]), FadeIn(fixed[1][2]), FadeIn(fix_call), run_time=1)

        with self.narrate("next") as cue:
            self.play(Indicate(fixed[0][4], color=VECTOR), run_time=min(1.5, cue.duration))
