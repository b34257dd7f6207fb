"""The base every Module scene extends: the house background and the house title."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, Line, Text, VGroup

from explainer.narrated_scene import NarratedScene

from .palette import BACKGROUND, FONT, HEADING_SIZE, MUTED, TEXT


class ModuleScene(NarratedScene):
    """A narrated scene in the house style."""

    def setup(self) -> None:
        super().setup()
        self.camera.background_color = BACKGROUND


def section_title(text: str, *, size: int = HEADING_SIZE) -> VGroup:
    """The one way a section is titled: top-left, with a thin rule under it."""
    label = Text(text, font=FONT, font_size=size, color=TEXT)
    label.to_corner(UP + LEFT, buff=0.45)
    rule = Line(label.get_left(), label.get_right(), stroke_width=2, color=MUTED)
    rule.next_to(label, DOWN, buff=0.12, aligned_edge=LEFT)
    return VGroup(label, rule)


def body_text(text: str, *, size: int, color=TEXT, font: str = FONT) -> Text:
    return Text(text, font=font, font_size=size, color=color)
