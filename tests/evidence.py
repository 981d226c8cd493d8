"""The evidence record: how a notebook's claim check exposes what it asserted.

Convention (the same in all 31 notebooks, and self-contained: notebooks import nothing from here).
The claim-check code cell begins with the block `CLAIM_BLOCK` below, copied verbatim. The cell then
calls `claim(...)` once per asserted figure and ends with `report_claims()`:

    claim("shift 3px: LeNet-5 accuracy", acc_cnn, ">=", acc_mlp + 0.10,
          control=acc_mlp, control_name="MLP of the same size")
    report_claims()

* `value op threshold` is the paper's claim as measured here. `control` is the same figure measured
  on a run without the paper's ingredient (no skip connections, a frozen random body, a Gaussian fit
  to the pixels...); it must *fail* the same test. A comparative claim puts the control into the
  threshold (as above), so the control fails by construction and the margin is explicit.
  A reference-style claim with no meaningful control passes `no_control="one sentence why"`, and the
  claim-check markdown says that sentence too.
* `report_claims()` prints the claims as a table, then publishes the record with the cell's output
  under the MIME type `MIME` (JSON: profile, seed, whether claims were checked, and one row per
  claim), then asserts: each claim must hold and each control must fail. In a `DL_MAX_STEPS` dry
  run it publishes the record with `"checked": false` and asserts nothing.

Where the record lives: in the committed notebook, as an output of the claim-check cell, so it
travels with the notebook and tests read it without running anything. `tests/execute_notebook.py`
stamps the notebook's metadata with a hash of its code cells (`STAMP_KEY`); a record whose stamp
does not match the current code came from an older execution, and the tests reject it.
`tests/seeds.py` reads the same record from in-memory runs over many seeds.
"""
import hashlib
import operator
import re

MIME = "application/vnd.deep-learning.evidence+json"
STAMP_KEY = "deep_learning"  # nb.metadata[STAMP_KEY] = {"code_sha256": ..., "profile": ..., ...}
TESTS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}

# The block every claim-check cell starts with. tests/test_evidence.py checks it is verbatim.
CLAIM_BLOCK = '''\
# --- evidence record: the same block in every notebook (see tests/evidence.py) ----------------
import operator
from IPython.display import display

TESTS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
claims = []

def claim(name, value, op, threshold, control=None, control_name=None, no_control=None):
    """Register one asserted figure: `value op threshold` must hold. `control` is the same figure
    without the paper's ingredient and must fail the same test; without one, say why in no_control."""
    row = {"name": name, "value": float(value), "op": op, "threshold": float(threshold),
           "holds": bool(TESTS[op](float(value), float(threshold)))}
    if control is not None:
        row.update(control=float(control), control_name=control_name,
                   control_holds=bool(TESTS[op](float(control), float(threshold))))
    elif no_control:
        row["no_control"] = no_control
    claims.append(row)

def report_claims():
    """Print the claims beside their controls, publish the record with this output, then assert."""
    lines = []
    for r in claims:
        verdict = "holds" if r["holds"] else "FAILS"
        lines.append(f"{verdict:5}  {r['name']}: {r['value']:.4g} (needs {r['op']} {r['threshold']:.4g})")
        if "control" in r:
            fate = "PASSES TOO" if r["control_holds"] else "fails, as it should"
            lines.append(f"       control, {r['control_name']}: {r['control']:.4g} -> {fate}")
        else:
            lines.append(f"       no control: {r.get('no_control', 'NOT GIVEN')}")
    if not CHECK_CLAIMS:
        lines.append("dry run (DL_MAX_STEPS set): claims recorded, not asserted")
    record = {"profile": PROFILE, "seed": SEED, "checked": CHECK_CLAIMS, "claims": claims}
    display({"text/plain": "\\n".join(lines),
             "application/vnd.deep-learning.evidence+json": record}, raw=True)
    if CHECK_CLAIMS:
        for r in claims:
            assert r["holds"], f"{r['name']} = {r['value']:.4g}, but the claim needs {r['op']} {r['threshold']:.4g}"
            assert not r.get("control_holds"), f"the control ({r['control_name']}) passes '{r['name']}' too"
# ---------------------------------------------------------------------------------------------
'''


def code_sha256(nb) -> str:
    """Hash of every code cell's source, in order: changes whenever the code that made the outputs does."""
    h = hashlib.sha256()
    for cell in nb.cells:
        if cell.cell_type == "code":
            h.update(cell.source.encode("utf-8") + b"\x00")
    return h.hexdigest()


def find_record(nb):
    """The evidence record published by the notebook's outputs (None if there is none)."""
    found = None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if MIME in data:
                if found is not None:
                    raise ValueError("the notebook publishes more than one evidence record")
                found = dict(data[MIME])
    return found


def margin(row, value=None) -> float:
    """How far a value sits on the passing side of the row's threshold (negative: it fails)."""
    v = row["value"] if value is None else value
    return v - row["threshold"] if row["op"] in (">=", ">") else row["threshold"] - v


def render_text(record) -> str:
    """The text table that report_claims() prints for this record (to check the two agree)."""
    published = []
    ns = {"PROFILE": record["profile"], "SEED": record["seed"], "CHECK_CLAIMS": record["checked"]}
    exec(CLAIM_BLOCK, ns)
    ns["display"] = lambda bundle, raw: published.append(bundle)
    ns["claims"].extend(record["claims"])
    try:
        ns["report_claims"]()
    except AssertionError:  # a failing record still renders; the tests judge it elsewhere
        pass
    return published[0]["text/plain"]


# --- the README's "What the notebooks measured" block, rendered from the committed records -------
START, END = "<!-- measured:start -->", "<!-- measured:end -->"
SEED_TABLE = "<!-- seed table: tests/seeds.py, DL_PROFILE=small, seeds 0–9 -->"


def table_cells(line: str) -> list[str]:
    """The cells of one Markdown table row; an escaped pipe (\\|) stays inside its cell."""
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def seed_ranges(nb) -> dict:
    """{figure name: (min, max)} from the seed table in the notebook's markdown, if it has one."""
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if SEED_TABLE not in md:
        return {}
    ranges = {}
    for line in md.split(SEED_TABLE, 1)[1].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = table_cells(line)
        ranges[cells[0]] = (cells[2], cells[3])
    return ranges


def _fmt(x: float) -> str:
    return f"{x:.3g}"


def render_measured(root, catalog) -> str:
    """The README block: every asserted figure of every notebook, with its threshold and control."""
    import nbformat

    lines = [START, "",
             "Every figure a claim check asserts, as its notebook's committed evidence record has it (small "
             "profile, seed 0), with the range over seeds 0–9 from the notebook's seed table and the control "
             "that must fail the same test. Generated by `python tests/evidence.py --write`; a test fails when "
             "this table and the records disagree.", ""]
    for i, section in enumerate(catalog["sections"], 1):
        lines += [f"<details><summary><b>{i}. {section['title']}</b></summary>", "",
                  "| notebook | asserted figure | seed 0 | seeds 0–9 | test | control |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for t in (t for t in catalog["topics"] if t["folder"].startswith(section["folder"] + "/")):
            path = f"{t['folder']}/{t['notebook']}"
            nb = nbformat.read(root / path, as_version=4)
            record, ranges = find_record(nb) or {"claims": []}, seed_ranges(nb)
            for k, row in enumerate(record["claims"]):
                name = row["name"].replace("|", "\\|")
                span = "–".join(ranges[row["name"]]) if row["name"] in ranges else "—"
                ctrl = f"{_fmt(row['control'])} ({row['control_name']})" if "control" in row else "none: " + row.get(
                    "no_control", "not given")
                link = f"[{t['name']}]({path})" if k == 0 else ""
                lines.append(f"| {link} | {name} | {_fmt(row['value'])} | {span} | {row['op']} {_fmt(row['threshold'])} "
                             f"| {ctrl.replace('|', '/')} |")
        lines += ["", "</details>", ""]
    return "\n".join(lines + [END])


# A figure quoted in the README's prose is followed by a tag naming its source in a record:
#     ... 25<!-- fig: 02-optimization-and-regularization/05-batch-norm/02-batch-norm.ipynb | name | inverse -->
# The number just before the tag must equal the record's value, control or threshold, or
# value/control ("ratio") or control/value ("inverse"), rounded to the digits quoted; a trailing %
# means the record holds a fraction. `--write` rewrites each tagged number from its record.
FIG_TAG = re.compile(r"(?P<number>[−-]?\d[\d,]*(?:\.\d+)?)(?P<unit>\s*(?:%|×|x))?(?P<stars>\*{0,2})\s*"
                     r"<!-- fig: (?P<path>[^|]+?) \| (?P<name>.+?) \| (?P<field>value|control|threshold|ratio|inverse) -->")


def tagged_figure(root, match, cache=None):
    """(quoted number, the record's number at the quoted precision, README line) for one FIG_TAG match."""
    import nbformat

    cache = {} if cache is None else cache
    path, name, field = match["path"], match["name"], match["field"]
    if path not in cache:
        nb = nbformat.read(root / path, as_version=4) if (root / path).exists() else None
        cache[path] = {r["name"]: r for r in (find_record(nb) or {"claims": []})["claims"]} if nb else None
    if cache[path] is None:
        raise KeyError(f"no notebook {path}")
    row = cache[path].get(name)
    if row is None:
        raise KeyError(f"{path}'s record has no figure named {name!r}")
    actual = {"ratio": lambda: row["value"] / row["control"],
              "inverse": lambda: row["control"] / row["value"]}.get(field, lambda: row[field])()
    if (match["unit"] or "").strip() == "%":
        actual *= 100
    quoted = match["number"]
    digits = len(quoted.split(".")[1]) if "." in quoted else 0
    return float(quoted.replace(",", "").replace("−", "-")), round(actual, digits), digits


def refresh_figures(root, text: str) -> str:
    """Rewrite every tagged number in the README from its record, keeping the quoted precision."""
    cache = {}

    def fill(m):
        _, actual, digits = tagged_figure(root, m, cache)
        number = f"{abs(actual):,.{digits}f}"
        sign = "−" if actual < 0 else ""
        return m.group(0).replace(m["number"], sign + number, 1)

    return FIG_TAG.sub(fill, text)


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    catalog = json.loads((root / "papers" / "catalog.json").read_text(encoding="utf-8"))
    block = render_measured(root, catalog)
    if sys.argv[1:] == ["--write"]:
        readme = (root / "README.md").read_text(encoding="utf-8")
        head, rest = readme.split(START, 1)
        readme = refresh_figures(root, head + block + rest.split(END, 1)[1])
        (root / "README.md").write_text(readme, encoding="utf-8")
        print("README.md: 'What the notebooks measured' and every tagged figure rewritten from the records")
    else:
        print(block)
