"""Why math matters for AI: the title card, what a model does, and the map of the module.

After the openings of 3Blue1Brown's neural-network series (3b1b/videos _2017/nn): one small,
concrete picture per claim (a weighted sum, a picture turned into probabilities, a ball on an
error curve, word arrows), then the four areas as tiles that the later chapters fill in.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Angle,
    ApplyFunction,
    Arrow,
    Axes,
    Create,
    CurvedArrow,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    RoundedRectangle,
    Square,
    Text,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    config,
)

from explainer.narrated_scene import CueTiming
from scenes.math_for_ai.models import vectors as model
from scenes.math_for_ai.models.distributions import CLASS_PROBS, CLASSES
from scenes.math_for_ai.vectors import WORD_COLOURS, plane, word_arrow, words
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import tex_number
from scenes.shared.palette import (
    BACKGROUND,
    BODY_SIZE,
    FONT,
    GRID_MOVING,
    LABEL_SIZE,
    LOSS,
    MUTED,
    PROBABILITY,
    TEXT,
    TITLE_SIZE,
    VECTOR,
    WEIGHT_NEGATIVE,
    WEIGHT_POSITIVE,
)

CARD_SIZE = TITLE_SIZE + 12          # the module's title card is the one larger title
PIXEL_OFF = "#2A303C"
TILE_X = (-4.875, -1.625, 1.625, 4.875)  # the map's four tiles, left to right


def weight_colour(value: float):
    """Weights keep the house colours: blue when positive, red when negative."""
    return WEIGHT_POSITIVE if value >= 0 else WEIGHT_NEGATIVE


def weighted_sum() -> MathTex:
    """0.2 x 3 + (-0.5) x 1 + 0.8 x 2 = 1.7: the multiply-and-add a model repeats."""
    parts: list[str] = []
    colours: dict[int, object] = {}
    for w, x in zip(model.INTRO_WEIGHTS, model.INTRO_INPUT, strict=True):
        if parts:
            parts.append("+")
        colours[len(parts)] = weight_colour(w)
        parts.append(tex_number(w) if w >= 0 else f"({tex_number(w)})")
        parts.append(r"\times")
        colours[len(parts)] = VECTOR
        parts.append(tex_number(x))
    tex = MathTex(*parts, "=", tex_number(model.INTRO_SUM), color=TEXT)
    for index, colour in colours.items():
        tex[index].set_color(colour)
    return tex


def pixel_grid(cell: float = 0.5) -> tuple[VGroup, VGroup]:
    """The tiny cat picture as squares, and each square's number written on it."""
    squares, numbers = VGroup(), VGroup()
    rows, cols = model.PICTURE.shape
    for r in range(rows):
        for c in range(cols):
            lit = bool(model.PICTURE[r, c])
            square = Square(cell, stroke_color=BACKGROUND, stroke_width=2,
                            fill_color=TEXT if lit else PIXEL_OFF, fill_opacity=1)
            square.move_to([c * cell, -r * cell, 0])
            squares.add(square)
            numbers.add(words(str(model.PICTURE[r, c]), LABEL_SIZE,
                              BACKGROUND if lit else MUTED).move_to(square))
    return squares, numbers


def weight_cells(cell: float = 0.36) -> VGroup:
    """A table of weights drawn as coloured cells (sign by colour, size by brightness)."""
    cells = VGroup()
    for (r, c), value in np.ndenumerate(model.INTRO_LAYER):
        square = Square(cell, stroke_color=BACKGROUND, stroke_width=2,
                        fill_color=weight_colour(value),
                        fill_opacity=min(1.0, 0.2 + abs(value) / 2))
        cells.add(square.move_to([c * cell, -r * cell, 0]))
    return cells


def probability_bars(max_width: float = 2.6) -> VGroup:
    """The classifier's answer: one bar per class, its length the probability."""
    rows = VGroup()
    for name, prob in zip(CLASSES, CLASS_PROBS, strict=True):
        label = words(name, BODY_SIZE)
        bar = Rectangle(width=max(max_width * prob, 0.02), height=0.38, stroke_width=0,
                        fill_color=PROBABILITY, fill_opacity=1)
        value = words(f"{prob:.0%}", BODY_SIZE, PROBABILITY)
        rows.add(VGroup(label, bar, value))
    for index, (label, bar, value) in enumerate(rows):
        y = -0.7 * index
        label.move_to([0, y, 0], aligned_edge=LEFT)
        bar.move_to([1.0, y, 0], aligned_edge=LEFT)
        value.next_to(bar, RIGHT, buff=0.15)
    return rows


def bowl_axes(width: float, height: float) -> Axes:
    """Weight across, error up, no numbers: only the shape matters here."""
    return Axes(x_range=(-0.5, 5.2, 1), y_range=(0, 18, 2), x_length=width, y_length=height,
                tips=False, axis_config={"color": MUTED, "include_ticks": False})


def bowl_ball(axes: Axes, w: ValueTracker, tangent_length: float) -> tuple[Dot, Line]:
    """A ball on the error curve and the tangent under it, both following ``w``."""
    def point() -> np.ndarray:
        return axes.c2p(w.get_value(), model.bowl_loss(w.get_value()))

    def tangent() -> Line:
        ahead = w.get_value() + 0.01
        rise = axes.c2p(ahead, model.bowl_loss(w.get_value())
                        + 0.01 * model.bowl_slope(w.get_value())) - point()
        step = rise / np.linalg.norm(rise) * tangent_length / 2
        return Line(point() - step, point() + step, color=VECTOR, stroke_width=4)

    ball = always_redraw(lambda: Dot(point(), radius=0.11, color=TEXT))
    return ball, always_redraw(tangent)


def bowl_picture(width: float, height: float, w: ValueTracker,
                 tangent_length: float = 1.6) -> VGroup:
    """The error curve (red), the ball and its tangent: the picture of learning."""
    axes = bowl_axes(width, height)
    curve = axes.plot(model.bowl_loss, x_range=(-0.3, 5.0), color=LOSS, stroke_width=5)
    ball, tangent = bowl_ball(axes, w, tangent_length)
    return VGroup(axes, curve, tangent, ball)


def sheared_grid(size: float = 1.2, lines: int = 4) -> VGroup:
    """A small grid after a shear: the map's picture of a matrix at work."""
    shear = model.HANDOFF_SHEAR
    ticks = np.linspace(-size / 2, size / 2, lines)
    group = VGroup()
    for t in ticks:
        for a, b in (((t, -size / 2), (t, size / 2)), ((-size / 2, t), (size / 2, t))):
            start, end = (np.array([*(shear @ np.array(p)), 0.0]) for p in (a, b))
            group.add(Line(start, end, color=GRID_MOVING, stroke_width=3))
    return group


def map_icons() -> list[VGroup]:
    """One small picture per area: an arrow, a moved grid, a slope, three bars."""
    cross = VGroup(Line(LEFT * 0.7, RIGHT * 0.7), Line(DOWN * 0.6, UP * 0.6)).set_color(MUTED)
    arrow = VGroup(cross, Arrow([0, 0, 0], [0.6, 0.5, 0], buff=0, color=VECTOR,
                                stroke_width=6))
    slope = bowl_picture(1.7, 1.2, ValueTracker(3.4), tangent_length=0.9)
    slope.clear_updaters()
    bars = VGroup(*(Rectangle(width=0.32, height=max(1.1 * p, 0.03), stroke_width=0,
                              fill_color=PROBABILITY, fill_opacity=1) for p in CLASS_PROBS))
    bars.arrange(RIGHT, buff=0.12, aligned_edge=DOWN)
    base = Line(bars.get_corner(DOWN + LEFT) + LEFT * 0.15, bars.get_corner(DOWN + RIGHT)
                + RIGHT * 0.15, color=MUTED)
    return [arrow, sheared_grid(), slope, VGroup(bars, base)]


def spotlight(tile: VGroup) -> VGroup:
    """The chosen tile: a little larger, its frame in the vector colour."""
    tile[0].set_stroke(VECTOR, width=4)
    return tile.scale(1.06)


class Intro(ModuleScene):
    def construct(self) -> None:
        self.title_card()
        self.prediction()
        self.learning()
        self.language()
        self.intuition()
        self.reasons()
        self.road_map()

    def wait_for(self, cue: CueTiming, word: str) -> None:
        """Wait until the narrator reaches ``word`` (by its share of the cue's letters)."""
        at = cue.speech * cue.text.index(word) / len(cue.text)
        self.wait(max(1 / config.frame_rate, at - cue.elapsed))

    def title_card(self) -> None:
        heading = Text("Mathematics for AI", font=FONT, font_size=CARD_SIZE, color=TEXT)
        subtitle = words("Intuition first: pictures, not proofs", BODY_SIZE, MUTED)
        card = VGroup(heading, subtitle).arrange(DOWN, buff=0.35).shift(UP * 1.0)
        total = weighted_sum().next_to(card, DOWN, buff=1.1)
        *products, equals, result = total
        with self.narrate("card") as cue:
            self.play(Write(heading), run_time=1.5)
            self.play(FadeIn(subtitle, shift=UP * 0.2), run_time=0.8)
            self.wait_for(cue, "Underneath")
            self.play(FadeIn(VGroup(*products), lag_ratio=0.15), run_time=1.8)
            self.play(FadeIn(equals), FadeIn(result, scale=1.3), run_time=min(0.8, cue.remaining))
        self.shown = VGroup(card, total)

    def prediction(self) -> None:
        title = section_title("Why math matters for AI")
        squares, numbers = pixel_grid()
        picture = VGroup(squares, numbers).move_to([-4.9, -0.1, 0])
        cells = weight_cells().move_to([-1.3, -0.1, 0])
        cells_label = words("weights", LABEL_SIZE, MUTED).next_to(cells, DOWN, buff=0.25)
        bars = probability_bars().move_to([3.7, -0.1, 0])
        into = Arrow(picture.get_right(), cells.get_left(), buff=0.2, color=MUTED)
        out = Arrow(cells.get_right(), bars.get_left(), buff=0.25, color=MUTED)
        with self.narrate("predict") as cue:
            self.play(FadeOut(self.shown), FadeIn(title), run_time=0.6)
            self.play(FadeIn(squares, lag_ratio=0.03), run_time=1.2)
            self.wait_for(cue, "Each pixel")
            self.play(FadeIn(numbers, lag_ratio=0.03), run_time=1.2)
            self.wait_for(cue, "Tables")
            self.play(GrowArrow(into), FadeIn(cells, lag_ratio=0.02), FadeIn(cells_label),
                      run_time=1.4)
            self.wait_for(cue, "out come")
            self.play(GrowArrow(out), *(GrowFromEdge(row[1], LEFT) for row in bars),
                      *(FadeIn(row[0]) for row in bars), run_time=1.2)
            self.play(*(FadeIn(row[2]) for row in bars), run_time=0.6)
            self.play(Indicate(bars[0], color=PROBABILITY, scale_factor=1.08),
                      run_time=min(1.0, cue.remaining))
        self.shown = VGroup(picture, cells, cells_label, bars, into, out)

    def learning(self) -> None:
        w = ValueTracker(model.LEARN_PATH[0])
        picture = bowl_picture(6.0, 4.0, w).move_to([0.4, -0.35, 0])
        axes, curve, tangent, ball = picture
        names = VGroup(words("weight", LABEL_SIZE, MUTED).next_to(axes.x_axis, DOWN, 0.2),
                       words("error", LABEL_SIZE, LOSS).next_to(axes.y_axis, LEFT, 0.2))
        names[1].align_to(axes.y_axis, UP)
        with self.narrate("learn") as cue:
            self.play(FadeOut(self.shown), run_time=0.5)
            self.play(Create(axes), Create(curve), FadeIn(names), run_time=1.2)
            self.wait_for(cue, "The slope")
            self.play(FadeIn(ball), Create(tangent), run_time=0.8)
            step_time = min(1.3, (cue.remaining - 0.2) / (len(model.LEARN_PATH) - 1))
            for target in model.LEARN_PATH[1:]:
                self.play(w.animate.set_value(target), run_time=step_time)
        picture.clear_updaters()  # freeze the ball so it can fade out
        self.shown = VGroup(picture, names)

    def language(self) -> None:
        grid = plane((-1, 6), (-1, 5), 0.75).move_to([2.6, -0.3, 0])
        arrows = {name: word_arrow(name, grid) for name in ("king", "queen")}
        lines = [Line(grid.c2p(0, 0), grid.c2p(*model.WORDS[n])) for n in ("queen", "king")]
        arc = Angle(*lines, radius=2.4, color=WORD_COLOURS["queen"], stroke_width=4)
        rule = VGroup(words("similar meaning"), words("↓", color=MUTED),
                      words("similar direction", color=VECTOR)).arrange(DOWN, buff=0.2)
        rule.move_to([-4.2, 0.2, 0])
        with self.narrate("language") as cue:
            self.play(FadeOut(self.shown), run_time=0.5)
            self.play(Create(grid, lag_ratio=0.02), run_time=1.0)
            self.wait_for(cue, "Words")
            self.play(*(GrowArrow(arrow) for arrow, _ in arrows.values()),
                      *(FadeIn(name) for _, name in arrows.values()), FadeIn(rule[0]),
                      run_time=1.2)
            self.wait_for(cue, "point in")
            self.play(Create(arc), FadeIn(rule[1:]), run_time=min(1.2, cue.remaining))
        self.shown = VGroup(grid, arc, rule, *arrows.values())

    def intuition(self) -> None:
        formula = MathTex(r"\frac{d}{dw}\,(w x - t)^2 = 2x\,(w x - t)", color=MUTED)
        formula.move_to([-3.4, 0.3, 0])
        strike = Line(formula.get_left() + LEFT * 0.15, formula.get_right() + RIGHT * 0.15,
                      color=LOSS, stroke_width=5)
        by_hand = words("by hand", LABEL_SIZE, MUTED).next_to(formula, UP, buff=0.4)
        computer = words("the computer does this", LABEL_SIZE, MUTED)
        computer.next_to(formula, DOWN, buff=0.5)
        w = ValueTracker(3.4)
        picture = bowl_picture(3.6, 2.6, w, tangent_length=1.4).move_to([3.6, 0.1, 0])
        picture.clear_updaters()
        keep = words("intuition: what the numbers do", LABEL_SIZE, VECTOR)
        keep.next_to(picture, DOWN, buff=0.4)
        with self.narrate("intuition") as cue:
            self.play(FadeOut(self.shown), run_time=0.5)
            self.play(FadeIn(by_hand), Write(formula), run_time=1.2)
            self.play(Create(strike), run_time=0.5)
            self.wait_for(cue, "The computer")
            self.play(FadeIn(computer), run_time=0.8)
            self.wait_for(cue, "What helps")
            self.play(FadeIn(picture), FadeIn(keep), run_time=min(1.2, cue.remaining))
        self.shown = VGroup(formula, strike, by_hand, computer, picture, keep)

    def reasons(self) -> None:
        lines = ("Read papers without getting lost",
                 "Tell a data problem from a math problem",
                 "See why some techniques work and others fail")
        cues = ("read papers", "tell a data", "and see why")
        rows = VGroup(*(VGroup(Dot(color=VECTOR, radius=0.08), words(text)).arrange(
            RIGHT, buff=0.35) for text in lines))
        rows.arrange(DOWN, buff=0.55, aligned_edge=LEFT).move_to([-0.6, -0.1, 0])
        with self.narrate("reasons") as cue:
            self.play(FadeOut(self.shown), run_time=0.5)
            for row, spoken in zip(rows, cues, strict=True):
                self.wait_for(cue, spoken)
                self.play(FadeIn(row, shift=RIGHT * 0.2), run_time=min(0.8, cue.remaining))
        self.shown = rows

    def road_map(self) -> None:
        names = ("Vectors", "Matrices", "Calculus", "Probability")
        colours = (VECTOR, GRID_MOVING, LOSS, PROBABILITY)
        roles = ("things become\nnumbers", "transform\nthem", "lets a model\nlearn",
                 "outputs become\nconfidence")
        spoken = ("Vectors turn", "Matrices", "Calculus", "Probability")
        tiles = VGroup()
        for x, name, colour, role, icon in zip(TILE_X, names, colours, roles, map_icons(),
                                               strict=True):
            frame = RoundedRectangle(corner_radius=0.15, width=2.95, height=3.3,
                                     stroke_color=MUTED, stroke_width=2).move_to([x, 0.45, 0])
            label = words(name, BODY_SIZE, colour).next_to(frame.get_top(), DOWN, buff=0.3)
            caption = VGroup(*(words(line, LABEL_SIZE) for line in role.split("\n")))
            caption.arrange(DOWN, buff=0.12)
            caption.move_to(frame.get_bottom() + UP * 1.05, aligned_edge=UP)
            icon.move_to(frame).shift(UP * 0.1)
            tiles.add(VGroup(frame, label, icon, caption))
        steps = VGroup(*(Arrow(a[0].get_right(), b[0].get_left(), buff=0.04, color=MUTED,
                               stroke_width=3, max_tip_length_to_length_ratio=0.5)
                         for a, b in zip(tiles[:-1], tiles[1:], strict=True)))
        loop = CurvedArrow(tiles[-1][0].get_bottom() + DOWN * 0.1,
                           tiles[0][0].get_bottom() + DOWN * 0.1, angle=-0.6, color=TEXT)
        loop_label = words("the training loop", LABEL_SIZE).next_to(loop, DOWN, buff=0.15)
        with self.narrate("map") as cue:
            self.play(FadeOut(self.shown), run_time=0.5)
            self.play(*(Create(tile[0]) for tile in tiles), run_time=1.0)
            for tile, word in zip(tiles, spoken, strict=True):
                self.wait_for(cue, word)
                self.play(FadeIn(tile[1:], lag_ratio=0.2), run_time=0.9)
            self.wait_for(cue, "The training loop")
            self.play(FadeIn(steps), Create(loop), FadeIn(loop_label),
                      run_time=min(1.5, cue.remaining))

        with self.narrate("next") as cue:
            rest = VGroup(*tiles[1:], steps, loop, loop_label)
            self.play(rest.animate.fade(0.7), ApplyFunction(spotlight, tiles[0]),
                      run_time=min(1.2, cue.remaining))
