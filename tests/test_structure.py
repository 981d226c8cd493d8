"""Structure of the repository: the catalog, the topic folders, every notebook's anatomy and
hygiene (DESIGN.md), links and images, and the README's resources list."""
import ast
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from conftest import ROOT, nb_id, notebooks
import resources

CATALOG = json.loads((ROOT / "papers" / "catalog.json").read_text(encoding="utf-8"))
SECTIONS = ["why it mattered", "intuition", "math", "implementation", "experiment", "claim check", "takeaways"]
ALLOWED_IMPORTS = {"torch", "torchvision", "numpy", "matplotlib", "sklearn", "tqdm", "datasets", "sacrebleu",
                   "PIL", "IPython"}
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<(?:img|source)[^>]+(?:src|srcset)=\"([^\"]+)\"")


# --- catalog and topic folders ----------------------------------------------------------------
def test_catalog_has_every_paper_and_topic():
    papers, topics = CATALOG["papers"], CATALOG["topics"]
    assert len(papers) == 45 and len(topics) == 31
    folders = {t["folder"] for t in topics}
    for p in papers:
        assert p["topic"] in folders, p
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.pdf", p["file"]), p["file"]
        assert p["url"].startswith(("http://", "https://")) and p["title"] and p["authors"] and 1980 < p["year"] < 2030
        assert p["constraint"] in CATALOG["constraints"], p["constraint"]
    destinations = [f"{p['topic']}/{p['file']}" for p in papers]
    assert len(set(destinations)) == len(destinations), "two papers share a PDF path"
    for t in topics:  # the notebook's number leaves room for the PDFs before it
        pdf_numbers = [int(p["file"][:2]) for p in papers if p["topic"] == t["folder"]]
        assert pdf_numbers and int(t["notebook"][:2]) == max(pdf_numbers) + 1, t


def test_every_topic_folder_on_disk_is_in_the_catalog_and_has_its_notebook():
    topics = {t["folder"]: t for t in CATALOG["topics"]}
    for folder in sorted(p for p in ROOT.glob("0[1-5]-*/[0-9][0-9]-*") if p.is_dir()):
        rel = str(folder.relative_to(ROOT))
        assert rel in topics, f"{rel} is not a topic of papers/catalog.json"
        content = [f for f in folder.iterdir() if f.suffix not in (".pdf", ".part") and f.name != ".ipynb_checkpoints"]
        if content:  # a folder with only downloaded PDFs is fine
            assert (folder / topics[rel]["notebook"]).exists(), f"{rel} lacks {topics[rel]['notebook']}"
            extra = sorted(f.name for f in content if f.name != topics[rel]["notebook"])
            assert not extra, f"{rel} holds files other than its notebook: {extra}"


# --- notebooks --------------------------------------------------------------------------------
def load(path):
    return nbformat.read(path, as_version=4)


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", notebooks(), ids=nb_id)
def test_notebook_anatomy(path):
    nb = load(path)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# "), "no title cell"
    headings = [h.lower() for h in re.findall(r"^#+\s+(.*)$", markdown(nb), re.M)]
    missing = [s for s in SECTIONS if not any(s in h for h in headings)]
    assert not missing, f"missing sections: {missing}"
    top = [h.lower() for h in re.findall(r"^##\s+(.*)$", markdown(nb), re.M)]  # the eight sections are level 2
    order = [next((i for i, h in enumerate(top) if s in h), -1) for s in SECTIONS]
    assert -1 not in order and order == sorted(order), f"the level-2 sections are missing or out of order: {top}"
    words = len(re.findall(r"[A-Za-z]+", markdown(nb)))
    assert words >= 1200, f"notes are only {words} words"
    assert "$" in markdown(nb), "no LaTeX math in the notes"


@pytest.mark.parametrize("path", notebooks(), ids=nb_id)
def test_notebook_code_follows_the_design(path):
    nb = load(path)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    first = code_cells[0].source
    for var in ("DL_PROFILE", "DL_SEED", "DL_DATA_DIR", "DL_MAX_STEPS"):
        assert var in first, f"the first code cell does not read {var}"
    code = "\n".join(c.source for c in code_cells)
    assert re.search(r"CONFIGS\s*=\s*\{", code) and '"small"' in code and '"full"' in code, "no CONFIGS with small and full"
    assert "assert_close" in code or "gradcheck" in code, "no reference check against PyTorch"
    assert not re.search(r"""device\s*\(\s*["']cuda["']\s*\)|\.cuda\(\)""", code), "hard-coded cuda"
    claim = next(i for i, c in enumerate(nb.cells)
                 if c.cell_type == "markdown" and re.search(r"^#+\s+.*claim check", c.source, re.I | re.M))
    assert any(c.cell_type == "code" and re.search(r"^\s*assert\b", c.source, re.M) for c in nb.cells[claim:]), \
        "no assert after the claim-check heading"
    stdlib = set(sys.stdlib_module_names)
    for c in code_cells:
        tree = ast.parse("\n".join(l for l in c.source.splitlines() if not l.lstrip().startswith(("%", "!"))))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
            for name in names:
                top = name.split(".")[0]
                assert top in stdlib or top in ALLOWED_IMPORTS, f"imports {name}, which is not in requirements.txt"


@pytest.mark.parametrize("path", notebooks(), ids=nb_id)
def test_notebook_is_committed_executed_and_clean(path):
    nb = load(path)
    code_cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code_cells]
    assert counts == list(range(1, len(counts) + 1)), f"not executed top to bottom in one kernel: {counts}"
    outputs = [o for c in code_cells for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"], "error output committed"
    text = json.dumps(outputs)
    assert len(text) < 1_500_000, f"outputs are {len(text) / 1e6:.1f} MB"
    leaked = re.findall(r"(?:/home/|/root/|/Users/|/work/|[A-Z]:\\\\Users)[^\s\"']*", text)
    assert not leaked, f"absolute local paths in outputs: {leaked[:3]}"
    assert "application/vnd.jupyter.widget-view+json" not in text, "widget-only output (use text tqdm)"
    assert 'profile=small' in text, "committed outputs must come from the small profile"


# --- links and images ---------------------------------------------------------------------------
def local_links(text):
    for m in LINK.finditer(text):
        target = (m.group(1) or m.group(2)).split("#", 1)[0]
        if target and not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            yield unquote(target)


def broken_links(text, base: Path):
    broken = []
    for target in local_links(text):
        resolved = ROOT / target.lstrip("/") if target.startswith("/") else base / target
        if not resolved.exists():
            broken.append(target)
    return broken


@pytest.mark.parametrize("path", notebooks(), ids=nb_id)
def test_notebook_links_resolve(path):
    broken = broken_links(markdown(load(path)), path.parent)
    assert not broken, f"links that do not resolve: {sorted(set(broken))}"


def readme_text():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_links_and_images_resolve():
    broken = broken_links(readme_text(), ROOT)
    assert not broken, f"links that do not resolve: {sorted(set(broken))}"


def test_readme_resources_match_the_catalog():
    readme = readme_text()
    assert resources.START in readme and resources.END in readme
    block = readme.split(resources.START, 1)[1].split(resources.END, 1)[0]
    expected = resources.render(CATALOG).split(resources.START, 1)[1].split(resources.END, 1)[0]
    assert block == expected, "README's Resources are stale: run `python papers/resources.py --write`"


def test_readme_documents_the_commands_and_variables():
    readme = readme_text()
    for needle in ("pip install -r requirements.txt", "jupyter lab", "pytest", "DL_PROFILE", "DL_SEED",
                   "DL_DATA_DIR", "DL_MAX_STEPS", "papers/download.py"):
        assert needle in readme, f"README does not mention {needle}"


# --- the README overview (issue 7) -------------------------------------------------------------

def overview():
    """The essay: from the Overview heading to the Quick start."""
    return readme_text().split("## Overview", 1)[1].split("## Quick start", 1)[0]


def test_readme_overview_is_complete():
    readme, essay = readme_text(), overview()
    prose = re.sub(r"<[^>]+>|\]\([^)]*\)", " ", essay)
    assert len(prose.split()) >= 7000, f"the overview has {len(prose.split())} words, fewer than 7,000"
    for section in ("Contents", "1. Constraints", "1.1. Data", "1.2. Parameters", "1.3. Optimization",
                    "1.4. Architecture", "1.5. Compute", "1.6. Compute efficiency", "1.7. Energy",
                    "1.8. Hard constraints", "2. Narratives", "3. Where the ideas", "4. What this says",
                    "5. The future", "What did not reproduce"):
        assert re.search(rf"^#+ {re.escape(section)}", essay, re.M), f"overview section missing: {section}"
    for placeholder in ("TODO", "TBD", "[Graphic]", "[Link", "[X ", "@@", "XXX", "lorem"):
        assert placeholder not in readme, f"README contains placeholder text {placeholder!r}"


def test_readme_footnotes_are_defined_and_used():
    readme = readme_text()
    used = set(re.findall(r"\[\^([\w-]+)\](?!:)", readme))
    defined = set(re.findall(r"^\[\^([\w-]+)\]:", readme, re.M))
    assert used == defined, f"footnotes used but not defined: {used - defined}; defined but unused: {defined - used}"


def test_readme_links_every_notebook_from_the_overview():
    essay = overview()
    missing = [str(p.relative_to(ROOT)) for p in notebooks() if str(p.relative_to(ROOT)) not in essay]
    assert not missing, f"the overview does not link these notebooks: {missing}"


def test_every_readme_figure_is_made_by_a_script_in_images():
    readme = readme_text()
    figures = sorted(set(re.findall(r"images/([\w-]+)-(?:light|dark)\.png", readme)))
    assert figures, "the overview has no figures"
    scripts = {p.stem for p in (ROOT / "images").glob("*.py")}
    for name in figures:
        assert name in scripts, f"images/{name}-*.png has no script images/{name}.py"
        for theme in ("light", "dark"):
            assert (ROOT / "images" / f"{name}-{theme}.png").exists(), f"images/{name}-{theme}.png is missing"

