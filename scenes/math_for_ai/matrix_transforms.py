"""Matrices move space: the grid transform, the basis vectors, columns as landing spots.

After 3Blue1Brown's "Linear transformations and matrices" (3b1b/videos _2016/eola/chapter3):
a ghost grid stays behind, the blue grid moves, and i-hat and j-hat tell the whole story.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UR,
    ApplyMatrix,
    ApplyPointwiseFunction,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    ReplacementTransform,
    Restore,
    Transform,
    VGroup,
)

from scenes.math_for_ai.models.matrices import FOLLOW, STRETCH, V, landing
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt, grid_pair, matrix_mob, vector_arrow, with_backdrop
from scenes.shared.palette import GRID_STATIC, I_HAT, J_HAT, VECTOR

CORNER_BUFF = 0.6  # badges keep clear of the frame edge, backdrop included

def wobble(point: np.ndarray) -> np.ndarray:
    """A transformation that is NOT linear: it bends grid lines."""
    x, y, _ = point
    return np.array([x + 0.35 * np.sin(y), y + 0.35 * np.sin(x), 0.0])


def visible_ghost(ghost) -> None:
    """Make the grey original grid readable next to the blue one."""
    ghost.background_lines.set_stroke(GRID_STATIC, width=2.5, opacity=1.0)
    ghost.axes.set_stroke(GRID_STATIC, width=3, opacity=1.0)


class MatrixTransforms(ModuleScene):
    def construct(self) -> None:
        ghost, grid = grid_pair()
        visible_ghost(ghost)
        title = section_title("Matrices move space")

        with self.narrate("plane") as cue:
            self.play(Create(grid, lag_ratio=0.02), run_time=min(3.0, cue.duration * 0.6))
            self.play(FadeIn(title), run_time=1)

        with self.narrate("ghost") as cue:
            self.add(ghost)
            self.bring_to_back(ghost)
            grid.save_state()  # dim the blue grid for a moment so the grey copy shows
            self.play(FadeIn(ghost), grid.animate.set_stroke(opacity=0.12), run_time=1.5)
            self.wait(max(0.1, cue.remaining - 2.5))
            self.play(Restore(grid), run_time=1.2)

        matrix = matrix_mob(STRETCH)
        badge = with_backdrop(matrix).to_corner(UR, buff=CORNER_BUFF)
        with self.narrate("apply") as cue:
            self.add_foreground_mobject(title)
            self.play(FadeIn(badge), run_time=1)
            self.add_foreground_mobject(badge)
            self.play(ApplyMatrix(STRETCH, grid), run_time=max(1.0, cue.remaining - 0.5))

        with self.narrate("rules") as cue:
            origin_dot = MathTex(r"\bullet", color=VECTOR).scale(1.6).move_to(grid.c2p(0, 0))
            self.play(FadeIn(origin_dot), run_time=1)
            self.play(Indicate(origin_dot, color=VECTOR), run_time=1.5)
            self.play(FadeOut(origin_dot), run_time=0.5)

        with self.narrate("undo") as cue:
            self.play(ApplyMatrix(np.linalg.inv(STRETCH), grid), FadeOut(badge),
                      run_time=min(2.5, cue.duration))

        with self.narrate("curvy") as cue:
            not_linear = with_backdrop(MathTex(r"\text{not linear}", color=J_HAT))
            not_linear.to_corner(UR, buff=CORNER_BUFF)
            grid.prepare_for_nonlinear_transform()
            self.play(ApplyPointwiseFunction(wobble, grid), FadeIn(not_linear),
                      run_time=min(3.0, cue.duration * 0.5))
            self.wait(max(0.1, cue.remaining - 2.0))
            _, fresh = grid_pair()
            self.play(Transform(grid, fresh), FadeOut(not_linear), run_time=1.5)

        i_hat = vector_arrow([1, 0], I_HAT, grid)
        j_hat = vector_arrow([0, 1], J_HAT, grid)
        i_label = with_backdrop(MathTex(r"\hat{\imath}", color=I_HAT)).next_to(i_hat, DOWN, 0.1)
        j_label = with_backdrop(MathTex(r"\hat{\jmath}", color=J_HAT)).next_to(j_hat, RIGHT, 0.1)
        with self.narrate("basis") as cue:
            self.play(GrowArrow(i_hat), FadeIn(i_label), run_time=1.2)
            self.play(GrowArrow(j_hat), FadeIn(j_label), run_time=1.2)

        v_arrow = vector_arrow(V, VECTOR, grid)
        v_sum = with_backdrop(MathTex(
            r"\vec v =", fmt(V[0]).replace("\u2212", "-"), r"\hat{\imath} +",
            fmt(V[1]), r"\hat{\jmath}", color=VECTOR).set_color_by_tex(r"\imath", I_HAT)
        ).to_corner(UL, buff=0.4).shift(DOWN * 0.9)
        with self.narrate("vector") as cue:
            self.play(GrowArrow(v_arrow), run_time=1.2)
            self.play(FadeIn(v_sum), run_time=1.0)

        moved = FOLLOW
        lands = landing(moved, V)
        assert np.allclose(lands, moved @ V)  # the combination rule IS the matrix product
        follow_matrix = matrix_mob(moved, column_colors=[I_HAT, J_HAT])
        # right edge, below the x-axis: clear of the yellow arrow's tip at the top right
        follow_badge = with_backdrop(follow_matrix).to_edge(RIGHT, buff=CORNER_BUFF)
        follow_badge.shift(DOWN * 1.4)
        with self.narrate("follow") as cue:
            self.add_foreground_mobjects(v_sum)
            new_i = vector_arrow(moved[:, 0], I_HAT, grid)
            new_j = vector_arrow(moved[:, 1], J_HAT, grid)
            new_v = vector_arrow(lands, VECTOR, grid)
            self.play(FadeOut(i_label), FadeOut(j_label), run_time=0.4)
            self.play(ApplyMatrix(moved, grid), ReplacementTransform(i_hat, new_i),
                      ReplacementTransform(j_hat, new_j), ReplacementTransform(v_arrow, new_v),
                      run_time=3)
            landed = with_backdrop(MathTex(
                r"\vec v \to", fmt(V[0]).replace("\u2212", "-"),
                r"\begin{bmatrix}" + r"\\".join(fmt(x).replace("\u2212", "-")
                                                for x in moved[:, 0]) + r"\end{bmatrix}",
                "+", fmt(V[1]),
                r"\begin{bmatrix}" + r"\\".join(fmt(x).replace("\u2212", "-")
                                                for x in moved[:, 1]) + r"\end{bmatrix}",
                "=", r"\begin{bmatrix}" + r"\\".join(fmt(x).replace("\u2212", "-")
                                                     for x in lands) + r"\end{bmatrix}",
            )).scale(0.8).to_edge(DOWN, buff=0.5).shift(LEFT * 2.5)
            landed[1][2].set_color(I_HAT)
            landed[1][5].set_color(J_HAT)
            landed[1][7].set_color(VECTOR)
            self.play(FadeIn(landed), run_time=1.2)

        with self.narrate("columns") as cue:
            self.play(FadeIn(follow_badge), run_time=1)
            columns = follow_matrix.get_columns()
            self.play(Indicate(columns[0], color=I_HAT), Indicate(new_i, color=I_HAT),
                      run_time=1.5)
            self.play(Indicate(columns[1], color=J_HAT), Indicate(new_j, color=J_HAT),
                      run_time=1.5)

        with self.narrate("wrap") as cue:
            everything = VGroup(landed, follow_badge)
            self.play(everything.animate.scale(1.08), run_time=0.8)
            self.play(everything.animate.scale(1 / 1.08), run_time=0.8)
