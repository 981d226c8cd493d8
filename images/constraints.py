"""The seven constraints and how they feed each other: a diagram.

Hard constraints (data, compute, energy) are set largely outside the lab; leverage constraints
(parameters, architecture, optimization & regularization, compute efficiency) are software and
decide how much model a given amount of data and compute buys. Writes
images/constraints-{light,dark}.png. Re-run: python images/constraints.py
"""
from _theme import CONSTRAINT_COLOURS, save_both

STEP = 3.4  # horizontal distance between box centres: leaves room for the edge labels between boxes
NODES = {  # name: (x, y, label, kind)
    "energy": (0.0, 0.0, "energy", "hard"),
    "compute": (STEP, 0.0, "compute", "hard"),
    "compute efficiency": (STEP, 1.6, "compute\nefficiency", "leverage"),
    "parameters": (2 * STEP, 0.0, "parameters", "leverage"),
    "architecture": (2 * STEP, 1.6, "architecture", "leverage"),
    "optimization": (3 * STEP, 1.6, "optimization &\nregularization", "leverage"),
    "model": (3 * STEP, 0.0, "the trained\nmodel", "result"),
    "data": (4 * STEP, 0.0, "data", "hard"),
    "truth": (4 * STEP, 1.6, "the true\ndistribution", "result"),
}
EDGES = [  # (from, to, label)
    ("energy", "compute", "powers"),
    ("compute", "parameters", "pays for\ntraining"),
    ("compute efficiency", "compute", "useful work\nper FLOP"),
    ("parameters", "model", "capacity"),
    ("architecture", "parameters", "useful capacity\nper parameter"),
    ("optimization", "model", "lets big nets\nconverge and\ngeneralise"),
    ("truth", "data", "sampled\nfrom"),
    ("data", "model", "sets the\nceiling"),
]


def draw(theme):
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch
    fig, ax = plt.subplots(figsize=(13.5, 3.9))
    w, h = 2.0, 0.72
    for name, (x, y, label, kind) in NODES.items():
        colour = CONSTRAINT_COLOURS.get(name, theme["muted"])
        style = {"hard": dict(linewidth=2.6, linestyle="-"), "leverage": dict(linewidth=1.8, linestyle="--"),
                 "result": dict(linewidth=1.2, linestyle=":")}[kind]
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.04,rounding_size=0.15",
                                    facecolor="none", edgecolor=colour if kind != "result" else theme["fg"], **style))
        ax.text(x, y, label, ha="center", va="center", fontsize=11, color=theme["fg"],
                fontweight="bold" if kind != "result" else "normal")
    for a, b, label in EDGES:  # every edge is horizontal or vertical in this layout
        (xa, ya), (xb, yb) = NODES[a][:2], NODES[b][:2]
        horizontal = ya == yb
        # Start and end on the box edges, not the centres.
        if horizontal:
            side = w / 2 if xb > xa else -w / 2
            start, end = (xa + side, ya), (xb - side, yb)
        else:
            side = h / 2 if yb > ya else -h / 2
            start, end = (xa, ya + side), (xb, yb - side)
        ax.annotate("", xy=end, xytext=start,
                    arrowprops=dict(arrowstyle="-|>", color=theme["muted"], linewidth=1.4, shrinkA=2, shrinkB=2))
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        # Labels sit above horizontal arrows and to the right of vertical ones.
        ax.text(mx if horizontal else mx + 0.1, my + 0.08 if horizontal else my, label,
                ha="center" if horizontal else "left", va="bottom" if horizontal else "center", fontsize=8.5,
                color=theme["muted"])
    ax.text(-1.1, -0.85, "solid: hard constraints (set mostly outside the lab)     "
            "dashed: leverage constraints (software: more model per unit of data and compute)     "
            "dotted: not a constraint", fontsize=9, color=theme["muted"], ha="left")
    ax.set_xlim(-1.3, 4 * STEP + 1.3)
    ax.set_ylim(-1.0, 2.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


if __name__ == "__main__":
    save_both(draw, "constraints")
