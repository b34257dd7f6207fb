"""Named matrices and matrices in a row: rotate, shear, squash; then order matters.

After 3Blue1Brown's "Linear transformations" and "Matrix multiplication as composition"
(3b1b/videos _2016/eola/chapter3 and chapter4): the ghost grid stays, the blue grid moves,
a unit square shows what happens to area, and every entry on screen comes from the model.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UR,
    ApplyMatrix,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Polygon,
    ReplacementTransform,
    Text,
    Transform,
    VGroup,
)

from scenes.math_for_ai.models.matrices import (
    DETS,
    LANDS,
    ROTATE,
    ROTATE_THEN_SHEAR,
    SHEAR,
    SHEAR_THEN_ROTATE,
    SQUASH,
    TURN_DEGREES,
    V_ROTATE_THEN_SHEAR,
    V_SHEAR_THEN_ROTATE,
    V,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import (
    grid_pair,
    matrix_mob,
    tex_number,
    vector_arrow,
    with_backdrop,
)
from scenes.shared.palette import (
    ACCENT,
    FONT,
    GRID_STATIC,
    I_HAT,
    J_HAT,
    LABEL_SIZE,
    TEXT,
    VECTOR,
)

MATRIX_SCALE = 0.8


def column_tex(vector: np.ndarray) -> str:
    """A column vector in LaTeX, its entries exactly the model's numbers."""
    return r"\begin{bmatrix}" + r"\\".join(tex_number(x) for x in vector) + r"\end{bmatrix}"


def coloured_matrix(matrix: np.ndarray) -> VGroup:
    """The model's matrix, columns in i-hat green and j-hat red, sized for the side panel."""
    return matrix_mob(matrix, column_colors=[I_HAT, J_HAT]).scale(MATRIX_SCALE)


def lands_tex(vector: np.ndarray) -> MathTex:
    """'v lands at ...' in the vector's colour."""
    return MathTex(r"\vec v \to", column_tex(vector), color=VECTOR).scale(MATRIX_SCALE)


def named_matrix(name: str, letter: str, matrix: np.ndarray) -> VGroup:
    """A heading and 'letter = matrix' with i-hat and j-hat coloured columns."""
    heading = Text(name, font=FONT, font_size=LABEL_SIZE, color=TEXT)
    body = VGroup(MathTex(letter + " =").scale(MATRIX_SCALE), coloured_matrix(matrix))
    body.arrange(RIGHT, buff=0.2)
    return VGroup(heading, body).arrange(DOWN, buff=0.2)


def panel(*rows) -> VGroup:
    """The top-right read-out: rows stacked, on a backdrop, clear of the frame edge."""
    stack = VGroup(*rows).arrange(DOWN, buff=0.3)
    return with_backdrop(stack).to_corner(UR, buff=0.6)


def unit_square(plane) -> Polygon:
    """The square spanned by i-hat and j-hat: its area after a matrix is the determinant."""
    corners = [plane.c2p(x, y) for x, y in [(0, 0), (1, 0), (1, 1), (0, 1)]]
    return Polygon(*corners, stroke_width=0, fill_color=ACCENT, fill_opacity=0.45)


def visible_ghost(ghost) -> None:
    """Make the grey original grid readable next to the blue one."""
    ghost.background_lines.set_stroke(GRID_STATIC, width=2.5, opacity=1.0)
    ghost.axes.set_stroke(GRID_STATIC, width=3, opacity=1.0)


class MatrixExamples(ModuleScene):
    def construct(self) -> None:
        self.ghost, self.grid = grid_pair(x_extent=12, y_extent=12)
        visible_ghost(self.ghost)
        title = section_title("Rotate, shear, squash")
        self.square = unit_square(self.grid)
        self.total = np.eye(2)  # everything applied since the last reset
        self.readout = VGroup()
        self.arrows = self.basis_arrows(self.total)

        with self.narrate("rotate") as cue:
            self.add(self.ghost)
            self.play(Create(self.grid, lag_ratio=0.02), FadeIn(title), run_time=1.5)
            self.add_foreground_mobject(title)
            self.play(FadeIn(self.square), *[GrowArrow(a) for a in self.arrows], run_time=1)
            self.example("rotation", "R", ROTATE, "rotate", cue)

        with self.narrate("shear") as cue:
            self.reset()
            self.example("shear", "S", SHEAR, "shear", cue)

        with self.narrate("squash") as cue:
            self.reset()
            self.example("squash", "Q", SQUASH, "squash", cue)

        with self.narrate("compose") as cue:
            self.reset()
            first = self.order_block("rotate, then shear", "SR", ROTATE_THEN_SHEAR,
                                     V_ROTATE_THEN_SHEAR)
            self.readout = panel(first)
            self.move(ROTATE, run_time=2)
            self.move(SHEAR, run_time=2)
            self.play(FadeIn(self.readout), run_time=1)
            self.play(Indicate(first[1][1], color=TEXT), run_time=min(1.5, cue.remaining))

        with self.narrate("order") as cue:
            self.reset()
            second = self.order_block("shear, then rotate", "RS", SHEAR_THEN_ROTATE,
                                      V_SHEAR_THEN_ROTATE)
            both = panel(self.order_block("rotate, then shear", "SR", ROTATE_THEN_SHEAR,
                                          V_ROTATE_THEN_SHEAR), second)
            self.move(SHEAR, run_time=1.8)
            self.move(ROTATE, run_time=1.8)
            self.play(FadeIn(both), run_time=1)
            self.play(Indicate(second[1][1], color=TEXT), Indicate(self.arrows[2], color=VECTOR),
                      run_time=min(1.5, cue.remaining))

    def basis_arrows(self, matrix: np.ndarray) -> VGroup:
        """i-hat, j-hat and v where ``matrix`` sends them; i-hat on top when they overlap.

        Coordinates come from the ghost grid: the blue one has moved, so its c2p has too.
        """
        arrows = VGroup(vector_arrow(matrix[:, 0], I_HAT, self.ghost),
                        vector_arrow(matrix[:, 1], J_HAT, self.ghost),
                        vector_arrow(matrix @ V, VECTOR, self.ghost))
        for arrow, depth in zip(arrows, (3, 2, 1), strict=True):
            arrow.set_z_index(depth)
        return arrows

    def move(self, matrix: np.ndarray, run_time: float) -> None:
        """Apply ``matrix`` to the grid and square; rebuild the arrows where they land.

        A rotation travels along arcs, so the grid turns rigidly instead of shrinking midway.
        """
        self.total = matrix @ self.total
        landed = self.basis_arrows(self.total)
        arc = np.radians(TURN_DEGREES) if np.array_equal(matrix, ROTATE) else 0.0
        self.play(ApplyMatrix(matrix, self.grid, path_arc=arc),
                  ApplyMatrix(matrix, self.square, path_arc=arc),
                  ReplacementTransform(self.arrows, landed, path_arc=arc), run_time=run_time)
        self.arrows = landed

    def reset(self, run_time: float = 1.0) -> None:
        """Put grid, square and arrows back where they started (also after a squash)."""
        _, fresh = grid_pair(x_extent=12, y_extent=12)
        self.total = np.eye(2)
        start = self.basis_arrows(self.total)
        self.play(Transform(self.grid, fresh), Transform(self.square, unit_square(fresh)),
                  ReplacementTransform(self.arrows, start), FadeOut(self.readout),
                  run_time=run_time)
        self.arrows = start

    def example(self, name: str, letter: str, matrix: np.ndarray, key: str, cue) -> None:
        """One named matrix: show it, apply it, then read off the determinant and v."""
        card = named_matrix(name, letter, matrix)
        det = MathTex(r"\det =", tex_number(DETS[key]), color=ACCENT).scale(MATRIX_SCALE)
        lands = lands_tex(LANDS[key])
        assert np.allclose(LANDS[key], matrix @ V)
        self.readout = panel(card, det, lands)
        det.set_opacity(0)
        lands.set_opacity(0)
        self.play(FadeIn(self.readout), run_time=0.8)
        self.move(matrix, run_time=2.5)
        self.play(det.animate.set_opacity(1), lands.animate.set_opacity(1), run_time=0.8)
        self.play(Indicate(self.arrows[2], color=VECTOR), run_time=min(1.2, cue.remaining))

    def order_block(self, words: str, letters: str, product: np.ndarray,
                    lands: np.ndarray) -> VGroup:
        """'rotate, then shear' over 'SR = product' and where v lands under it."""
        heading = Text(words, font=FONT, font_size=LABEL_SIZE, color=TEXT)
        equation = VGroup(MathTex(letters + " =").scale(MATRIX_SCALE), coloured_matrix(product),
                          lands_tex(lands)).arrange(RIGHT, buff=0.25)
        return VGroup(heading, equation).arrange(DOWN, buff=0.2)
