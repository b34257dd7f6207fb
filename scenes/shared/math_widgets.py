"""Small reusable mathematical pictures: matrices with coloured columns, planes, vectors."""

from __future__ import annotations

import numpy as np
from manim import Arrow, BackgroundRectangle, Matrix, NumberPlane, VGroup

from .palette import BACKGROUND, GRID_MOVING, GRID_STATIC, TEXT


def fmt(value: float, digits: int = 2) -> str:
    """A number as a viewer reads it: whole numbers without decimals, '-' as a real minus."""
    if abs(value - round(value)) < 1e-9:
        text = str(int(round(value)))
    else:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if float(text) == 0:
        text = "0"  # never show "-0"
    return text.replace("-", "\u2212")


def tex_number(value: float, digits: int = 2) -> str:
    """The LaTeX form of ``fmt``: a real minus sign in math mode."""
    return fmt(value, digits).replace("\u2212", "-")


def matrix_mob(array: np.ndarray, column_colors: list | None = None,
               digits: int = 2) -> Matrix:
    """A bracketed matrix whose entries are exactly the array's values."""
    rows = [[tex_number(v, digits) for v in row] for row in np.atleast_2d(array)]
    mob = Matrix(rows, h_buff=1.1, v_buff=0.8, element_to_mobject_config={"color": TEXT})
    if column_colors:
        mob.set_column_colors(*column_colors)
    return mob


def with_backdrop(mob, opacity: float = 0.85, buff: float = 0.15) -> VGroup:
    """Text over a grid gets a background rectangle so it stays readable."""
    return VGroup(BackgroundRectangle(mob, color=BACKGROUND, fill_opacity=opacity, buff=buff), mob)


def grid_pair(x_extent: float = 16, y_extent: float = 10) -> tuple[NumberPlane, NumberPlane]:
    """A grey ghost of the original grid and a blue grid on top that transforms.

    The grids reach well past the frame so a transformed grid still fills the screen.
    """
    ghost = NumberPlane(
        x_range=(-x_extent, x_extent, 1), y_range=(-y_extent, y_extent, 1),
        background_line_style={"stroke_color": GRID_STATIC, "stroke_width": 1.5,
                               "stroke_opacity": 0.7},
        axis_config={"stroke_color": GRID_STATIC},
    )
    moving = NumberPlane(
        x_range=(-x_extent, x_extent, 1), y_range=(-y_extent, y_extent, 1),
        background_line_style={"stroke_color": GRID_MOVING, "stroke_width": 2,
                               "stroke_opacity": 0.8},
        faded_line_ratio=1,
    )
    return ghost, moving


def vector_arrow(coords, color, plane: NumberPlane | None = None) -> Arrow:
    """An arrow from the origin to ``coords`` (in plane units), built fresh, never warped."""
    tip = np.array([*coords, 0.0][:3], dtype=float)
    origin = np.zeros(3)
    if plane is not None:
        tip, origin = plane.c2p(*coords[:2]), plane.c2p(0, 0)
    return Arrow(origin, tip, buff=0, color=color, stroke_width=6,
                 max_tip_length_to_length_ratio=0.2)
