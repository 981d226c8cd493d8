"""Compute: what one accelerator could do, and what a milestone's training run used.

Every number comes from a paper or a vendor datasheet (sources in the README's footnotes); the
AlexNet figure is an upper bound we derive from its paper (two GPUs at peak for six days), and
the Chinchilla figure uses the usual 6·N·D rule with the paper's N and D. Writes
images/compute-{light,dark}.png. Re-run: python images/compute.py
"""
from _theme import CONSTRAINT_COLOURS, save_both

# (year, name, peak dense throughput in FLOP/s, number format)
ACCELERATORS = [
    (2010, "GTX 580", 1.58e12, "FP32"),     # 512 cores x 1.544 GHz x 2 (fused multiply-add)
    (2016, "P100", 21.2e12, "FP16"),
    (2017, "V100", 125e12, "FP16 tensor"),
    (2020, "A100", 312e12, "BF16 tensor"),
    (2022, "H100 SXM", 989e12, "BF16 tensor"),
]
# (year, name, training compute in FLOP, how it was obtained)
RUNS = [
    (2012, "AlexNet", 2 * 1.58e12 * 6 * 86400, "upper bound: 2 GPUs at peak, 6 days"),
    (2017, "Transformer (base)", 3.3e18, "paper, Table 2"),
    (2017, "Transformer (big)", 2.3e19, "paper, Table 2"),
    (2020, "GPT-3 175B", 3.14e23, "paper"),
    (2022, "Chinchilla 70B", 6 * 70e9 * 1.4e12, "6·N·D with the paper's N, D"),
]


def draw(theme):
    import matplotlib.pyplot as plt
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.2))
    for year, name, flops, fmt in ACCELERATORS:
        left.scatter(year, flops, s=60, color=CONSTRAINT_COLOURS["compute"], edgecolor=theme["fg"], linewidth=0.6,
                     zorder=3)
        left.annotate(f"{name}\n{flops / 1e12:,.0f} TFLOP/s {fmt}" if flops >= 1e13 else
                      f"{name}\n{flops / 1e12:.2f} TFLOP/s {fmt}", (year, flops), xytext=(-8, 8),
                      textcoords="offset points", fontsize=8.5, ha="right", color=theme["fg"])
    left.set_title("Peak dense throughput of one NVIDIA GPU", loc="left", fontsize=12)
    left.set_xlim(2005, 2023.5)
    left.set_xticks(range(2006, 2024, 4))
    left.set_ylim(5e11, 5e15)
    # A dot plot on a log axis: bars would start at an arbitrary left edge, and their lengths would
    # then mean nothing.
    labels = [f"{name} ({year})" for year, name, _, _ in RUNS]
    values = [flops for _, _, flops, _ in RUNS]
    rows = range(len(RUNS))
    right.hlines(rows, 1e16, values, color=theme["fg"], linewidth=0.5, linestyle=":", zorder=1)
    right.scatter(values, rows, s=60, color=CONSTRAINT_COLOURS["parameters"], edgecolor=theme["fg"], linewidth=0.6,
                  zorder=3)
    for i, (_, _, flops, how) in enumerate(RUNS):
        right.text(flops * 2.2, i, f"{flops:.1e}  ({how})", va="center", fontsize=8.5, color=theme["fg"])
    right.set_yticks(list(rows), labels)
    right.invert_yaxis()
    right.set_xscale("log")
    right.set_xlim(1e16, 1e25)
    right.set_title("Total compute of one training run (FLOP)", loc="left", fontsize=12)
    left.set_yscale("log")
    left.set_xlabel("year")
    left.set_ylabel("FLOP per second")
    left.grid(True, which="major", linestyle=":", linewidth=0.8)
    right.grid(True, axis="x", which="major", linestyle=":", linewidth=0.8)
    right.set_xlabel("floating-point operations")
    for ax in (left, right):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    save_both(draw, "compute")
