"""Render the README's Resources section (topics and papers) from papers/catalog.json.

    python papers/resources.py            # print the section
    python papers/resources.py --write    # replace it in README.md, between the two markers

A topic is linked only once its notebook exists, so every link in the README resolves.
tests/test_structure.py fails when README.md and this rendering disagree.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- resources:start -->", "<!-- resources:end -->"


def authors(names: list[str]) -> str:
    shown = [n for n in names if n != "et al."]
    if len(shown) > 3 or "et al." in names:
        return f"{shown[0]} et al."
    return ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]


def render(catalog: dict, root: Path = ROOT) -> str:
    lines = [START, "", "### Topics", "",
             "Each topic folder holds the notebook (notes, math, implementation, experiment, claim check) "
             "and, after `python papers/download.py fetch`, the papers as PDFs.", ""]
    for i, section in enumerate(catalog["sections"], 1):
        lines += [f"**{i}. {section['title']}**", ""]
        topics = [t for t in catalog["topics"] if t["folder"].startswith(section["folder"] + "/")]
        for j, t in enumerate(topics, 1):
            papers = ", ".join(f"{p['name']} ({p['year']})" for p in catalog["papers"] if p["topic"] == t["folder"])
            notebook = f"{t['folder']}/{t['notebook']}"
            if (root / notebook).exists():
                lines.append(f"- [{i}.{j}. {t['name']}]({notebook}) — {papers}")
            else:
                lines.append(f"- {i}.{j}. {t['name']} — {papers} *(notebook not written yet)*")
        lines.append("")
    lines += ["### Papers", ""]
    for section in catalog["sections"]:
        lines += [f"**{section['title']}**", ""]
        for p in catalog["papers"]:
            if p["topic"].startswith(section["folder"] + "/"):
                lines.append(f"- **{p['name']}** — {p['title']} ({p['year']}), {authors(p['authors'])} "
                             f"[[PDF]]({p['url']})")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def replace_block(readme: str, block: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return before + block + after


if __name__ == "__main__":
    catalog = json.loads((ROOT / "papers" / "catalog.json").read_text(encoding="utf-8"))
    block = render(catalog)
    if "--write" in sys.argv[1:]:
        readme = ROOT / "README.md"
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), block), encoding="utf-8")
        print(f"updated {readme.name}")
    else:
        print(block)
