"""Shared look for the README figures: every figure is drawn twice, once for GitHub's light
theme and once for its dark theme, and the README picks one with a <picture> element."""
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# One colour per constraint, the same in every figure (Okabe-Ito palette: colour-blind safe,
# and each hue stays readable on white and on GitHub's dark grey).
CONSTRAINT_COLOURS = {
    "data": "#E69F00",
    "parameters": "#56B4E9",
    "optimization": "#009E73",
    "architecture": "#CC79A7",
    "compute": "#D55E00",
    "compute efficiency": "#0072B2",
    "energy": "#F0E442",
}
CONSTRAINT_LABELS = {
    "data": "data", "parameters": "parameters", "optimization": "optimization & regularization",
    "architecture": "architecture", "compute": "compute", "compute efficiency": "compute efficiency",
    "energy": "energy",
}

THEMES = {
    "light": {"fg": "#1f2328", "muted": "#59636e", "grid": "#d1d9e0", "bg": "#ffffff"},
    "dark": {"fg": "#e6edf3", "muted": "#9198a1", "grid": "#3d444d", "bg": "#0d1117"},
}


def save_both(draw, name):
    """Call draw(theme) -> Figure for each theme and save images/<name>-<theme>.png."""
    for theme_name, theme in THEMES.items():
        with plt.rc_context({
            "text.color": theme["fg"], "axes.labelcolor": theme["fg"], "axes.edgecolor": theme["muted"],
            "xtick.color": theme["muted"], "ytick.color": theme["muted"], "grid.color": theme["grid"],
            "axes.facecolor": "none", "figure.facecolor": "none", "savefig.facecolor": "none",
            "font.size": 11, "axes.titlesize": 13, "legend.frameon": False,
        }):
            fig = draw(theme)
            out = HERE / f"{name}-{theme_name}.png"
            # Transparent background: the page's own colour shows through in either theme.
            fig.savefig(out, dpi=110, bbox_inches="tight", transparent=True,
                        metadata={"Software": None})
            plt.close(fig)
            print(f"wrote images/{out.name}")
