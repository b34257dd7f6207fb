"""One palette and one type scale for every scene of every module.

Colour carries meaning and keeps it across scenes (after 3Blue1Brown's conventions):
basis vectors, loss, sick/healthy, positive/negative test, weight signs, logits/probabilities.
"""

from __future__ import annotations

from manim import ManimColor

BACKGROUND = ManimColor("#0E1117")
TEXT = ManimColor("#ECEFF4")
MUTED = ManimColor("#9AA5B1")

I_HAT = ManimColor("#83C167")      # green
J_HAT = ManimColor("#FC6255")      # red
VECTOR = ManimColor("#FFFF00")     # a general vector: yellow
GRID_STATIC = ManimColor("#555B66")
GRID_MOVING = ManimColor("#58C4DD")  # blue

LOSS = ManimColor("#FC6255")
SICK = ManimColor("#F4D345")
HEALTHY = ManimColor("#8A9099")
TEST_POSITIVE = ManimColor("#83C167")
TEST_NEGATIVE = ManimColor("#FC6255")
WEIGHT_POSITIVE = ManimColor("#58C4DD")
WEIGHT_NEGATIVE = ManimColor("#FC6255")
LOGIT = ManimColor("#5CD0B3")       # teal
PROBABILITY = ManimColor("#F4D345")
ACCENT = ManimColor("#C792EA")

# Type scale (Manim font sizes). At 480p, 20 is the smallest size that stays readable.
TITLE_SIZE = 44
HEADING_SIZE = 34
BODY_SIZE = 28
LABEL_SIZE = 24
SMALL_SIZE = 20

FONT = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
