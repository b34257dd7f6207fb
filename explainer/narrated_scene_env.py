"""The one name the pipeline and the scene process share (kept apart so the parent
process never has to import Manim)."""

PLAN_ENV = "EXPLAINER_CUE_PLAN"
