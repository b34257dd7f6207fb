"""The explainer-video pipeline: narration scripts + Manim scenes -> narrated module videos."""

__version__ = "0.1.0"
