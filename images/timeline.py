"""Timeline of every paper in the curriculum, coloured by the constraint it moved most.

Reads papers/catalog.json (its `constraint` field) and writes images/timeline-{light,dark}.png.
Re-run: python images/timeline.py
"""
import json

from _theme import CONSTRAINT_COLOURS, CONSTRAINT_LABELS, ROOT, save_both

catalog = json.loads((ROOT / "papers" / "catalog.json").read_text(encoding="utf-8"))
papers = sorted(catalog["papers"], key=lambda p: (p["year"], p["topic"], p["file"]))
# Two of the colours are close (sky blue and dark blue), so each constraint also has its own marker.
MARKERS = {"data": "o", "parameters": "D", "optimization": "s", "architecture": "o", "compute": "^",
           "compute efficiency": "v", "energy": "P"}


def draw(theme):
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    fig, ax = plt.subplots(figsize=(10, 0.22 * len(papers) + 1.2))
    for row, paper in enumerate(papers):
        colour = CONSTRAINT_COLOURS[paper["constraint"]]
        ax.scatter(paper["year"], row, s=46, color=colour, marker=MARKERS.get(paper["constraint"], "o"), edgecolor=theme["fg"], linewidth=0.5, zorder=3)
        ax.text(paper["year"] + 0.45, row, f"{paper['name']} ({paper['year']})", va="center",
                fontsize=8.5, color=theme["fg"])
    ax.invert_yaxis()
    ax.set_yticks([])
    ax.set_xlim(1985, 2027.5)
    ax.set_xticks(range(1985, 2025, 5))
    ax.grid(axis="x", linestyle=":", linewidth=0.8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    used = [c for c in catalog["constraints"] if any(p["constraint"] == c for p in papers)]
    handles = [Line2D([], [], marker=MARKERS.get(c, "o"), linestyle="", markersize=7, markerfacecolor=CONSTRAINT_COLOURS[c],
                      markeredgecolor=theme["fg"], markeredgewidth=0.5, label=CONSTRAINT_LABELS[c]) for c in used]
    ax.legend(handles=handles, loc="lower left", title="constraint moved most", fontsize=9, title_fontsize=9)
    ax.set_xlabel("year of publication")
    ax.set_title(f"The {len(papers)} papers of this curriculum, coloured by the constraint each moved most",
                 loc="left")
    return fig


if __name__ == "__main__":
    save_both(draw, "timeline")
