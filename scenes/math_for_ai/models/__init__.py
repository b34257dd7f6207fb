"""The numbers behind Module 2's scenes: pure NumPy, no Manim, so tests and narration can use
them directly. A narration script says ``{model.name:format}`` to speak one of them."""
