"""Vectors: lists of numbers with meaning, embeddings, distance, cosine, king - man + woman.

After 3Blue1Brown's "Vectors, what even are they?" (3b1b/videos _2016/eola/chapter1) and the
word-embedding pictures of the 2024 transformers series: a list and an arrow are the same
thing, and with made-up 2-D word vectors, closeness of meaning becomes closeness of arrows.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Angle,
    ApplyMatrix,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    NumberPlane,
    Square,
    Text,
    VGroup,
)

from scenes.math_for_ai.models import vectors as model
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt, vector_arrow, with_backdrop
from scenes.shared.palette import (
    ACCENT,
    BODY_SIZE,
    FONT,
    GRID_MOVING,
    GRID_STATIC,
    I_HAT,
    J_HAT,
    LABEL_SIZE,
    LOGIT,
    MONO,
    MUTED,
    TEXT,
    VECTOR,
    WEIGHT_NEGATIVE,
    WEIGHT_POSITIVE,
)

# One colour per toy word, kept by the opening's preview of the same words.
WORD_COLOURS = {"king": VECTOR, "queen": ACCENT, "man": LOGIT, "woman": "#FF8FC7",
                "pizza": "#FF9A3C"}
# Where each word's label sits relative to its arrow tip (chosen so labels never touch).
WORD_LABEL_SIDE = {"king": UP, "queen": RIGHT, "man": LEFT, "woman": DOWN + RIGHT * 0.6,
                   "pizza": RIGHT}
ADD_COLOURS = (LOGIT, ACCENT, VECTOR)                   # first, second, their sum
CHANNEL_COLOURS = (J_HAT, I_HAT, WEIGHT_POSITIVE)       # red, green, blue
CODE_SIZE = BODY_SIZE


def words(text: str, size: int = BODY_SIZE, color=TEXT, font: str = FONT) -> Text:
    """A label in the house font."""
    return Text(text, font=font, font_size=size, color=color)


def list_source(values) -> str:
    """A list as code writes it, '[3, 5]', with each number as ``fmt`` prints it."""
    return "[" + ", ".join(fmt(v) for v in values) + "]"


def code(source: str) -> Text:
    """One line of code as a single Text, so commas and brackets sit on one baseline."""
    return words(source, CODE_SIZE, font=MONO)


def pieces(line: Text, source: str, parts: list[str]) -> list[VGroup]:
    """The glyphs of each of ``parts``, found left to right in ``source`` (Text drops spaces)."""
    found, cursor = [], 0
    for part in parts:
        start = source.index(part, cursor)
        first = len(source[:start].replace(" ", ""))
        found.append(VGroup(*line[first:first + len(part.replace(" ", ""))]))
        cursor = start + len(part)
    return found


def plane(x_range: tuple[int, int], y_range: tuple[int, int], unit: float) -> NumberPlane:
    """A quiet grey grid: the arrows, not the grid, carry the colour."""
    return NumberPlane(
        x_range=(*x_range, 1), y_range=(*y_range, 1),
        x_length=(x_range[1] - x_range[0]) * unit, y_length=(y_range[1] - y_range[0]) * unit,
        background_line_style={"stroke_color": GRID_STATIC, "stroke_width": 1.2,
                               "stroke_opacity": 0.6},
        axis_config={"stroke_color": MUTED, "stroke_width": 2},
    )


def word_plane() -> NumberPlane:
    """The plane the five toy words live on, on the right half of the frame."""
    grid = plane((-1, 6), (-3, 5), 0.8)
    return grid.move_to([3.7, 0.1, 0])


def word_arrow(word: str, grid: NumberPlane, size: int = LABEL_SIZE) -> VGroup:
    """A toy word as an arrow from the origin, with its name beside the tip."""
    arrow = vector_arrow(model.WORDS[word], WORD_COLOURS[word], grid)
    name = words(word, size, WORD_COLOURS[word])
    name.next_to(arrow.get_end(), WORD_LABEL_SIDE[word], buff=0.12)
    return VGroup(arrow, with_backdrop(name, buff=0.05))


def tip_arrow(start, end, color, grid: NumberPlane):
    """An arrow between two plane points (for tip-to-tail sums)."""
    return vector_arrow(np.asarray(end) - np.asarray(start), color, grid).shift(
        grid.c2p(*start) - grid.c2p(0, 0))


def coloured(source: str, colours: list[tuple[str, object]], font: str = FONT) -> Text:
    """One line of text (one baseline) with the given parts, left to right, in colour."""
    line = words(source, font=font)
    for part, (_, colour) in zip(pieces(line, source, [p for p, _ in colours]), colours,
                                 strict=True):
        part.set_color(colour)
    return line


def pair_readout(prefix: str, first: str, second: str, value: str) -> Text:
    """'distance king to queen 1.5' with each word in its colour."""
    return coloured(f"{prefix} {first} to {second} {value}",
                    [(prefix, MUTED), (first, WORD_COLOURS[first]),
                     (second, WORD_COLOURS[second])])


def embedding_strip(values: np.ndarray, columns: int = 64, cell: float = 0.085) -> VGroup:
    """One little cell per number, blue or red by sign: what 'many numbers' looks like."""
    cells = VGroup()
    for index, value in enumerate(values):
        colour = WEIGHT_POSITIVE if value > 0 else WEIGHT_NEGATIVE
        square = Square(cell, stroke_width=0, fill_color=colour,
                        fill_opacity=min(1.0, 0.25 + abs(value) / 2.5))
        square.move_to([(index % columns) * cell, -(index // columns) * cell, 0])
        cells.add(square)
    return cells


class Vectors(ModuleScene):
    def construct(self) -> None:
        title = section_title("Vectors: numbers with meaning")
        self.lists_part(title)
        self.meaning_part()
        self.words_part()

    # -- a list is a point is an arrow; adding --------------------------------------------
    def lists_part(self, title: VGroup) -> None:
        grid = plane((-1, 6), (-1, 7), 0.8).move_to([3.7, 0.1, 0])
        position = code("position = " + list_source(model.POSITION))
        position.to_edge(LEFT, buff=0.6).shift(UP * 0.8)
        x, y = model.POSITION
        across = DashedLine(grid.c2p(0, 0), grid.c2p(x, 0), color=MUTED)
        up = DashedLine(grid.c2p(x, 0), grid.c2p(x, y), color=MUTED)
        x_note = words(fmt(x), LABEL_SIZE, MUTED).next_to(across, DOWN, buff=0.12)
        y_note = words(fmt(y), LABEL_SIZE, MUTED).next_to(up, RIGHT, buff=0.12)
        dot = Dot(grid.c2p(x, y), color=VECTOR)
        arrow = vector_arrow(model.POSITION, VECTOR, grid)
        with self.narrate("list") as cue:
            self.play(FadeIn(title), Create(grid, lag_ratio=0.02), run_time=1.5)
            self.play(FadeIn(position, shift=RIGHT * 0.2), run_time=1.0)
            self.play(Create(across), FadeIn(x_note), run_time=0.8)
            self.play(Create(up), FadeIn(y_note), FadeIn(dot), run_time=0.8)
            self.wait(max(0.1, cue.remaining - 2.2))
            self.play(GrowArrow(arrow), run_time=1.2)

        a, b, total = model.ADD_A, model.ADD_B, model.ADD_SUM
        source = f"{list_source(a)} + {list_source(b)} = {list_source(total)}"
        sum_line = code(source).next_to(position, DOWN, buff=0.7, aligned_edge=LEFT)
        first, plus, second, equals, result = pieces(
            sum_line, source, [list_source(a), "+", list_source(b), "=", list_source(total)])
        for part, colour in zip((first, second, result), ADD_COLOURS, strict=True):
            part.set_color(colour)
        a_arrow = vector_arrow(a, ADD_COLOURS[0], grid)
        b_arrow = vector_arrow(b, ADD_COLOURS[1], grid)
        b_moved = tip_arrow(a, total, ADD_COLOURS[1], grid)
        sum_arrow = vector_arrow(total, ADD_COLOURS[2], grid)
        with self.narrate("add") as cue:
            self.play(FadeOut(VGroup(across, up, x_note, y_note, dot, arrow)), run_time=0.5)
            self.play(GrowArrow(a_arrow), FadeIn(first), run_time=0.8)
            self.play(GrowArrow(b_arrow), FadeIn(plus), FadeIn(second), run_time=0.8)
            self.play(FadeIn(equals), FadeIn(result), run_time=0.8)
            self.wait(max(0.1, cue.remaining - 2.4))
            self.play(b_arrow.animate.become(b_moved), run_time=1.0)
            self.play(GrowArrow(sum_arrow), run_time=1.0)
        self.lists = VGroup(grid, a_arrow, b_arrow, sum_arrow, position, sum_line)

    # -- the numbers can mean anything: a colour, an embedding, a dimension -------------------
    def meaning_part(self) -> None:
        colour_source = "color = " + list_source(model.ORANGE)
        colour_line = code(colour_source).to_edge(LEFT, buff=0.6).shift(UP * 1.9)
        channels = pieces(colour_line, colour_source, [fmt(v) for v in model.ORANGE])
        names = VGroup()
        for name, number, colour in zip(("red", "green", "blue"), channels, CHANNEL_COLOURS,
                                        strict=True):
            number.set_color(colour)
            names.add(words(name, LABEL_SIZE, colour).next_to(number, DOWN, buff=0.15))
        swatch = Square(1.2, stroke_width=0, fill_color=model.ORANGE_HEX, fill_opacity=1)
        swatch.next_to(colour_line, RIGHT, buff=0.7)
        with self.narrate("colour") as cue:
            self.play(FadeOut(self.lists), run_time=0.6)
            self.play(FadeIn(colour_line, shift=RIGHT * 0.2), run_time=1.0)
            self.play(FadeIn(names, lag_ratio=0.3), run_time=1.5)
            self.play(FadeIn(swatch, scale=0.6), run_time=min(1.0, cue.remaining))

        body_source = list_source(model.EMBEDDING)
        body = code(body_source)
        entries = pieces(body, body_source, [fmt(v) for v in model.EMBEDDING])
        embedding = VGroup(words("“word”", color=VECTOR), words("→", color=MUTED), body)
        embedding.arrange(RIGHT, buff=0.3).to_edge(LEFT, buff=0.6).shift(UP * 0.45)
        with self.narrate("embedding") as cue:
            self.play(FadeIn(embedding[0]), run_time=0.8)
            self.play(FadeIn(embedding[1:], shift=RIGHT * 0.2), run_time=1.2)
            self.wait(max(0.1, cue.duration * 0.5 - 2.0))
            self.play(Indicate(entries[2], color=VECTOR), run_time=1.0)
            self.play(Indicate(body, color=VECTOR, scale_factor=1.05),
                      run_time=min(1.5, cue.remaining))

        counts = VGroup(*(words(str(i + 1), LABEL_SIZE, MUTED).next_to(entry, DOWN, buff=0.15)
                          for i, entry in enumerate(entries)))
        dim_note = words(f"dimension {model.EMBEDDING_DIM}", color=VECTOR)
        dim_note.next_to(body, RIGHT, buff=0.6)
        strip = embedding_strip(model.KNOWN_MODEL_STAND_IN).to_edge(LEFT, buff=0.6)
        strip.shift(UP * (-1.2 - strip.get_top()[1]))
        strip_note = words(f"{model.KNOWN_MODEL_NAME}: {model.KNOWN_MODEL_DIM:,} numbers",
                           LABEL_SIZE)
        strip_note.next_to(strip, UP, buff=0.2, aligned_edge=LEFT)
        with self.narrate("dimension") as cue:
            self.play(FadeIn(counts, lag_ratio=0.25), run_time=1.2)
            self.play(FadeIn(dim_note), run_time=0.8)
            self.wait(max(0.1, cue.duration * 0.55 - 2.0))
            self.play(FadeIn(strip_note), FadeIn(strip, lag_ratio=0.002),
                      run_time=min(2.0, cue.remaining))
        self.meanings = VGroup(colour_line, names, swatch, embedding, counts, dim_note,
                               strip, strip_note)

    # -- toy words: distance, cosine, king - man + woman --------------------------------------
    def words_part(self) -> None:
        grid = word_plane()
        arrows = {w: word_arrow(w, grid) for w in model.WORDS}
        table = VGroup()
        for word, vector in model.WORDS.items():
            row = f"{word:<6}{list_source(vector)}"
            table.add(coloured(row, [(word, WORD_COLOURS[word])], font=MONO))
        table.arrange(DOWN, buff=0.22, aligned_edge=LEFT).to_edge(LEFT, buff=0.6)
        table.shift(UP * (2.3 - table.get_top()[1]))
        toy_note = words("made-up 2-D vectors", LABEL_SIZE, MUTED)
        toy_note.next_to(table, DOWN, buff=0.3, aligned_edge=LEFT)
        with self.narrate("toy") as cue:
            self.play(FadeOut(self.meanings), run_time=0.6)
            self.play(Create(grid, lag_ratio=0.02), run_time=1.0)
            self.play(*(GrowArrow(arrows[w][0]) for w in arrows),
                      *(FadeIn(arrows[w][1]) for w in arrows),
                      FadeIn(table, lag_ratio=0.2), run_time=1.6)
            self.play(FadeIn(toy_note), run_time=min(0.8, cue.remaining))

        readout_top = toy_note.get_bottom()[1] - 0.45
        near = DashedLine(grid.c2p(*model.KING), grid.c2p(*model.QUEEN), color=TEXT)
        far = DashedLine(grid.c2p(*model.KING), grid.c2p(*model.PIZZA), color=TEXT)
        near_text = pair_readout("distance", "king", "queen",
                                 f"{model.KING_QUEEN_DISTANCE:.1f}")
        far_text = pair_readout("distance", "king", "pizza",
                                f"{model.KING_PIZZA_DISTANCE:.1f}")
        self.stack(near_text, far_text, top=readout_top)
        with self.narrate("distance") as cue:
            self.wait(max(0.1, cue.duration * 0.45 - 1.0))
            self.play(Create(near), FadeIn(near_text), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 2.2))
            self.play(Create(far), FadeIn(far_text), run_time=1.0)

        near_arc = self.angle_mark("king", "queen", grid, 2.6, model.KING_QUEEN_ANGLE)
        far_arc = self.angle_mark("king", "pizza", grid, 0.9, model.KING_PIZZA_ANGLE)
        near_cos = pair_readout("cosine", "king", "queen", f"{model.KING_QUEEN_COSINE:.2f}")
        far_cos = pair_readout("cosine", "king", "pizza", f"{model.KING_PIZZA_COSINE:.2f}")
        self.stack(near_cos, far_cos, top=readout_top)
        length_note = words("compares direction, ignores length", LABEL_SIZE, MUTED)
        length_note.next_to(far_cos, DOWN, buff=0.3, aligned_edge=LEFT)
        with self.narrate("cosine") as cue:
            self.play(FadeOut(VGroup(near, far, near_text, far_text)), run_time=0.6)
            self.play(Create(near_arc), FadeIn(length_note), run_time=1.2)
            self.wait(max(0.1, cue.duration * 0.4 - 1.8))
            self.play(FadeIn(near_cos), run_time=0.8)
            self.wait(max(0.1, cue.duration * 0.65 - cue.elapsed))
            self.play(Create(far_arc), FadeIn(far_cos), run_time=min(1.2, cue.remaining))

        self.analogy(grid, arrows, VGroup(near_arc, far_arc, near_cos, far_cos, length_note),
                     readout_top)
        self.honest_and_next(grid, arrows, table, toy_note)

    def analogy(self, grid: NumberPlane, arrows: dict, old: VGroup, top: float) -> None:
        """king - man + woman, tip to tail, then the nearest word found by code."""
        minus_man = tip_arrow(model.KING, model.KING_MINUS_MAN, WORD_COLOURS["man"], grid)
        plus_woman = tip_arrow(model.KING_MINUS_MAN, model.ANALOGY, WORD_COLOURS["woman"], grid)
        landing = Dot(grid.c2p(*model.ANALOGY), color=TEXT, radius=0.07)
        ring = Circle(radius=0.22, color=TEXT, stroke_width=2).move_to(landing)
        nearest = model.ANALOGY_NEAREST
        landed = list_source(model.ANALOGY)
        sum_source = f"king − man + woman = {landed}"
        sum_line = coloured(sum_source, [(w, WORD_COLOURS[w]) for w in ("king", "man", "woman")])
        king, minus, man, plus, woman, equals, result = pieces(
            sum_line, sum_source, ["king", "−", "man", "+", "woman", "=", landed])
        found = coloured(f"nearest word: {nearest}, {model.ANALOGY_GAP:.2f} away",
                         [("nearest word:", MUTED), (nearest, WORD_COLOURS[nearest])])
        self.stack(sum_line, found, top=top)
        with self.narrate("analogy") as cue:
            self.play(FadeOut(old), run_time=0.5)
            self.play(Indicate(arrows["king"], color=WORD_COLOURS["king"]),
                      FadeIn(king), run_time=0.8)
            self.play(GrowArrow(minus_man), FadeIn(minus), FadeIn(man), run_time=0.9)
            self.play(GrowArrow(plus_woman), FadeIn(plus), FadeIn(woman), run_time=0.9)
            self.play(FadeIn(landing, scale=0.5), FadeIn(equals), FadeIn(result), run_time=0.8)
            self.wait(max(0.1, cue.duration * 0.55 - cue.elapsed))
            self.play(Create(ring), FadeIn(found), Indicate(arrows[nearest][1]),
                      run_time=min(1.5, cue.remaining))
        self.analogy_marks = VGroup(minus_man, plus_woman, landing, ring, sum_line, found)

    def honest_and_next(self, grid: NumberPlane, arrows: dict, table: VGroup,
                        toy_note: VGroup) -> None:
        """Say the vectors were invented, point at direction, then hand over to matrices."""
        made_up = words("these five vectors: made up", color=MUTED)
        real = words("real embeddings: near queen too", color=TEXT)
        direction = words("meaning becomes direction", color=VECTOR)
        VGroup(made_up, real, direction).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        VGroup(made_up, real, direction).to_edge(LEFT, buff=0.6).shift(UP * 0.6)
        with self.narrate("honest") as cue:
            self.play(FadeOut(VGroup(table, toy_note, self.analogy_marks)),
                      FadeIn(made_up), run_time=0.8)
            self.wait(max(0.1, cue.duration * 0.3 - cue.elapsed))
            self.play(FadeIn(real), run_time=0.8)
            self.wait(max(0.1, cue.duration * 0.7 - cue.elapsed))
            self.play(FadeIn(direction),
                      Indicate(arrows["king"][0], color=WORD_COLOURS["king"]),
                      Indicate(arrows["queen"][0], color=WORD_COLOURS["queen"]),
                      run_time=min(1.2, cue.remaining))

        with self.narrate("next") as cue:
            self.play(FadeOut(VGroup(made_up, real, direction, *arrows.values())),
                      grid.background_lines.animate.set_stroke(GRID_MOVING, opacity=0.8),
                      run_time=0.6)
            self.play(grid.animate.scale(0.9).move_to([1.8, -0.2, 0]), run_time=0.8)
            self.play(ApplyMatrix(model.HANDOFF_SHEAR, grid, about_point=grid.c2p(0, 0)),
                      run_time=min(1.8, cue.remaining))

    def angle_mark(self, a: str, b: str, grid: NumberPlane, radius: float,
                   degrees: float) -> VGroup:
        """The angle between two word arrows, with its size in degrees."""
        lines = [Line(grid.c2p(0, 0), grid.c2p(*model.WORDS[w])) for w in (a, b)]
        arc = Angle(lines[1], lines[0], radius=radius, color=WORD_COLOURS[b], stroke_width=4)
        label = words(f"{degrees:.0f}°", LABEL_SIZE, WORD_COLOURS[b])
        middle = arc.point_from_proportion(0.5)
        outward = middle - grid.c2p(0, 0)
        label.move_to(middle + outward / np.linalg.norm(outward) * 0.4)
        return VGroup(arc, with_backdrop(label, buff=0.04))

    @staticmethod
    def stack(*lines: VGroup, top: float) -> None:
        """Readouts one under the other at the left, starting at height ``top``."""
        group = VGroup(*lines).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        group.to_edge(LEFT, buff=0.6)
        group.shift(UP * (top - group.get_top()[1]))
