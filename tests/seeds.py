"""Run notebooks for a range of seeds and summarise their evidence records.

    python tests/seeds.py NOTEBOOK... [--seeds 0-9] [--jobs 2] [--markdown]

Each (notebook, seed) runs in memory with DL_PROFILE=small and DL_SEED=seed, one thread per kernel;
the file on disk is never touched. For every notebook and every asserted figure it prints the
min / median / max over the seeds, the worst margin to the threshold, the control's range, every
failure with its message, and the wall time of each run. `--markdown` also prints, per notebook, the
min/max table that belongs in the claim-check markdown cell. Exits 1 if any run failed, 2 on bad
arguments.
"""
import argparse
import os
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evidence import code_sha256, find_record, margin  # noqa: E402

CELL_TIMEOUT = 600


def parse_seeds(text: str) -> list[int]:
    """'0-9', '3', '0,2,5-7' -> sorted unique seeds; raises ValueError on anything else."""
    seeds = set()
    for part in text.split(","):
        m = re.fullmatch(r"\s*(\d+)(?:-(\d+))?\s*", part)
        if not m:
            raise ValueError(f"bad seed range {text!r}: use forms like 0-9, 3 or 0,2,5-7")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if hi < lo:
            raise ValueError(f"bad seed range {text!r}: {lo}-{hi} is empty")
        seeds.update(range(lo, hi + 1))
    return sorted(seeds)


def run_one(path: str, seed: int) -> dict:
    """Execute one notebook for one seed; return its record, error message and wall time."""
    import nbclient
    import nbformat

    env = {k: v for k, v in os.environ.items() if not k.startswith("DL_")}
    env.update(DL_PROFILE="small", DL_SEED=str(seed), MPLBACKEND="agg", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", PYDEVD_DISABLE_FILE_VALIDATION="1")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(Path(path).parent)}})
    start, error = time.perf_counter(), None
    try:
        client.execute(env=env)
    except nbclient.exceptions.CellExecutionError as e:
        error = f"{e.ename}: {(e.evalue or '').strip().splitlines()[0] if (e.evalue or '').strip() else ''}"
    except Exception as e:  # noqa: BLE001 - a kernel death or timeout is reported like any failure
        error = f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
    seconds = time.perf_counter() - start
    try:
        record = find_record(nb)
    except ValueError as e:
        record, error = None, error or str(e)
    if record is None and error is None:
        error = "no evidence record in the outputs (the claim-check cell must call report_claims())"
    return {"path": path, "seed": seed, "record": record, "error": error, "seconds": seconds}


def summarise(path: str, runs: list[dict], markdown: bool) -> list[str]:
    """Print one notebook's table; return its failure lines."""
    import nbformat

    failures = []
    sha = code_sha256(nbformat.read(path, as_version=4))[:12]
    print(f"\n== {path}  (code {sha}; {len(runs)} seeds, wall {min(r['seconds'] for r in runs):.1f}-"
          f"{max(r['seconds'] for r in runs):.1f} s per run)")
    print("   per run: " + ", ".join(f"seed {r['seed']} {r['seconds']:.1f}s" for r in runs))
    figures = {}  # name -> list of (seed, row)
    for r in runs:
        for row in (r["record"] or {}).get("claims", []):
            figures.setdefault(row["name"], []).append((r["seed"], row))
            if not row["holds"]:
                failures.append(f"{path}  seed {r['seed']}  {row['name']}: {row['value']:.4g}, "
                                f"needs {row['op']} {row['threshold']:.4g}")
            if row.get("control_holds"):
                failures.append(f"{path}  seed {r['seed']}  {row['name']}: the control "
                                f"({row['control_name']}, {row['control']:.4g}) passes too")
        if r["error"] and not any(f"seed {r['seed']} " in f for f in failures if f.startswith(path)):
            failures.append(f"{path}  seed {r['seed']}  {r['error']}")
    table = []
    for name, rows in figures.items():
        values = [row["value"] for _, row in rows]
        thresholds = sorted({round(row["threshold"], 6) for _, row in rows})
        worst = min(margin(row) for _, row in rows)
        controls = [row["control"] for _, row in rows if "control" in row]
        test = f"{rows[0][1]['op']} {thresholds[0]:.4g}" if len(thresholds) == 1 else \
            f"{rows[0][1]['op']} {thresholds[0]:.4g}..{thresholds[-1]:.4g}"
        table.append((name, test, min(values), statistics.median(values), max(values), worst,
                      (min(controls), max(controls)) if controls else None, rows[0][1].get("control_name")))
        ctrl = f"control {min(controls):.4g}..{max(controls):.4g}" if controls else "no control"
        print(f"   {name}: min {min(values):.4g}  median {statistics.median(values):.4g}  max {max(values):.4g}"
              f"  ({test}; worst margin {worst:+.4g}; {ctrl}; {len(rows)} seeds)")
    mine = [f for f in failures if f.startswith(path)]
    print("   failures: none" if not mine else "   failures:\n" + "\n".join("     " + f for f in mine))
    if markdown and table:
        seeds = sorted(r["seed"] for r in runs)
        span = f"{seeds[0]}–{seeds[-1]}" if len(seeds) > 1 and seeds == list(range(seeds[0], seeds[-1] + 1)) else ", ".join(map(str, seeds))
        print(f"\n<!-- seed table: tests/seeds.py, DL_PROFILE=small, seeds {span} -->")
        print(f"| asserted figure | test | min | max | control (min–max) |")
        print("| --- | --- | --- | --- | --- |")
        for name, test, lo, _, hi, _, ctrl, cname in table:
            c = f"{ctrl[0]:.3g}–{ctrl[1]:.3g} ({cname})" if ctrl else "none (see text)"
            cells = [name, test, f"{lo:.3g}", f"{hi:.3g}", c]
            print("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")  # a | in a name would split the row
    return failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--seeds", default="0-9")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--markdown", action="store_true", help="print the min/max table for the claim-check cell")
    args = parser.parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds)
    except ValueError as e:
        print(f"seeds.py: {e}", file=sys.stderr)
        return 2
    failures, paths = [], []
    for nb in args.notebooks:
        if Path(nb).is_file() and nb.endswith(".ipynb"):
            paths.append(nb)
        else:
            failures.append(f"{nb}  no such notebook")
            print(f"seeds.py: {nb}: no such notebook", file=sys.stderr)
    start = time.perf_counter()
    results = {p: [] for p in paths}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_one, p, s) for p in paths for s in seeds]
        for f in futures:
            r = f.result()
            results[r["path"]].append(r)
            status = "ok" if not r["error"] else r["error"][:100]
            print(f"   ran {r['path']} seed {r['seed']}: {r['seconds']:.1f} s, {status}", file=sys.stderr, flush=True)
    for p in paths:
        failures += summarise(p, results[p], args.markdown)
    print(f"\n{len(paths) * len(seeds)} runs in {time.perf_counter() - start:.0f} s; "
          f"{len(failures)} failure(s)")
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
