"""The scaling-law figure, drawn from this repository's own experiment: the model-size sweep in
the GPT notebook (04-transformers/04-gpt/03-gpt.ipynb), as committed (small profile, seed 0).

It reads the sweep's printed (N, validation loss) pairs and the bigram baseline from the executed
notebook, fits L(N) = (N_c / N)^alpha by least squares in log-log space, and writes
images/scaling-{light,dark}.png. Re-run the notebook first to refresh the numbers, then:
python images/scaling.py
"""
import json
import re

import numpy as np

from _theme import CONSTRAINT_COLOURS, ROOT, save_both

NOTEBOOK = ROOT / "04-transformers" / "04-gpt" / "03-gpt.ipynb"


def notebook_text(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "".join("".join(out.get("text", "")) for cell in cells if cell["cell_type"] == "code"
                   for out in cell.get("outputs", []) if out.get("output_type") == "stream")


text = notebook_text(NOTEBOOK)
sweep = [(int(n.replace(",", "")), float(loss)) for n, loss in
         re.findall(r"N=\s*([\d,]+)\s+(?:best\s+)?val_loss=([\d.]+)", text)]
bigram = float(re.search(r"bigram validation cross-entropy = ([\d.]+)", text).group(1))
if len(sweep) < 3:
    raise SystemExit(f"found {len(sweep)} sweep points in {NOTEBOOK.name}: re-run the notebook first")
N, L = np.array(sweep, dtype=float).T
# log L = alpha log N_c - alpha log N: a straight line in log-log space.
slope, intercept = np.polyfit(np.log(N), np.log(L), 1)
alpha = -slope
N_c = np.exp(intercept / alpha)


def draw(theme):
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    grid = np.geomspace(N.min() / 2, N.max() * 2, 100)
    ax.plot(grid, (N_c / grid) ** alpha, color=theme["muted"], linestyle="--", linewidth=1.2,
            label=rf"fit $L=(N_c/N)^{{\alpha}}$, $\alpha={alpha:.3f}$")
    ax.scatter(N, L, s=60, color=CONSTRAINT_COLOURS["parameters"], edgecolor=theme["fg"], linewidth=0.6,
               zorder=3, label="GPT models in the sweep")
    ax.axhline(bigram, color=CONSTRAINT_COLOURS["data"], linewidth=1.2, label=f"bigram baseline {bigram:.2f}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_yticks([2.0, 2.2, 2.4, 2.6, 2.8], ["2.0", "2.2", "2.4", "2.6", "2.8"])
    ax.minorticks_off()
    ax.set_xlabel("non-embedding parameters $N$")
    ax.set_ylabel("validation loss (nats per character)")
    ax.set_title("Loss falls as a power of model size (our GPT sweep)", loc="left", fontsize=12)
    ax.grid(True, which="major", linestyle=":", linewidth=0.8)
    ax.legend(fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


if __name__ == "__main__":
    print(f"{len(sweep)} points; alpha = {alpha:.3f}, N_c = {N_c:.3g}; bigram {bigram:.3f}")
    save_both(draw, "scaling")
