"""The names the pipeline and the scene process share (kept apart so the parent process
never has to import Manim)."""

PLAN_ENV = "EXPLAINER_CUE_PLAN"
END_FADE_S = 0.6  # every scene fades to an empty frame, so scene joins are never jump cuts
