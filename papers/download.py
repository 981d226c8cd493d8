"""Fetch the curriculum's papers into their topic folders.

    python papers/download.py list                      # every paper, where it goes, whether it is here
    python papers/download.py fetch                     # all 45 papers
    python papers/download.py fetch --topic 02-relu     # one topic (folder name or a unique part of it)

Each PDF is written next to its topic's notebook under the name given in papers/catalog.json.
Files that are already valid PDFs are skipped. A download goes to a `.part` file first and is
renamed only after it has arrived complete and looks like a PDF, so an interrupted or failed
download never leaves a partial or corrupt file behind. Transient failures (timeouts, dropped
connections, truncated bodies, 5xx) are retried; a 404 or a page that is not a PDF is not. The
run ends with a summary and exits with status 1 if any paper failed.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
CATALOG = Path(__file__).resolve().with_name("catalog.json")
USER_AGENT = "Mozilla/5.0 (compatible; deep-learning-curriculum paper downloader)"
CHUNK = 1 << 16


class FetchError(Exception):
    """A download that failed; `retry` says whether trying again could help."""

    def __init__(self, message: str, retry: bool):
        super().__init__(message)
        self.retry = retry


@dataclass
class Result:
    paper: dict
    status: str  # "fetched", "skipped" or "failed"
    message: str = ""


def load_catalog(path: Path = CATALOG) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def destination(paper: dict, root: Path = ROOT) -> Path:
    return Path(root) / paper["topic"] / paper["file"]


def is_valid_pdf(path: Path) -> bool:
    """A complete PDF starts with the %PDF- magic and has an %%EOF marker near its end."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(5)
            f.seek(max(0, size - 2048))
            tail = f.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def select(papers: list[dict], topic: str | None) -> list[dict]:
    """Papers of one topic, matched by folder name or by any unique part of the topic path."""
    if not topic:
        return papers
    topics = sorted({p["topic"] for p in papers})
    exact = [t for t in topics if t == topic or t.endswith("/" + topic)]
    matches = exact or [t for t in topics if topic in t]
    if len(matches) != 1:
        found = "no topic" if not matches else "several topics (" + ", ".join(matches) + ")"
        raise SystemExit(f"--topic {topic!r} matches {found}; run `python papers/download.py list` to see them.")
    return [p for p in papers if p["topic"] == matches[0]]


def _download(url: str, part: Path, timeout: float, label: str) -> None:
    """Stream `url` into `part`; raise FetchError with a one-line reason on any problem."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            expected = response.headers.get("Content-Length")
            expected = int(expected) if expected and expected.isdigit() else None
            ctype = response.headers.get("Content-Type", "unknown type")
            received = 0
            with open(part, "wb") as out, tqdm(total=expected, unit="B", unit_scale=True, desc=label,
                                               leave=False, disable=None) as bar:
                while True:
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    if received == 0 and not chunk.startswith(b"%PDF-"):
                        raise FetchError(f"the server sent {ctype}, not a PDF (the link may point to a web page)",
                                         retry=False)
                    out.write(chunk)
                    received += len(chunk)
                    bar.update(len(chunk))
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        raise FetchError(f"HTTP {e.code} {e.reason}", retry=e.code >= 500 or e.code == 429) from None
    except (socket.timeout, TimeoutError, urllib.error.URLError) as e:
        # urlopen wraps a connect timeout in URLError; a read timeout arrives bare
        if isinstance(getattr(e, "reason", e), (socket.timeout, TimeoutError)):
            raise FetchError(f"no answer within {timeout:g} s (timed out)", retry=True) from None
        raise FetchError(f"could not connect ({e.reason})", retry=True) from None
    except (HTTPException, ConnectionError, OSError) as e:
        # http.client.IncompleteRead lands here when the connection closes before Content-Length
        raise FetchError(f"connection broke off ({type(e).__name__})", retry=True) from None
    if received == 0:
        raise FetchError("the server sent an empty body", retry=True)
    if expected is not None and received < expected:
        raise FetchError(f"truncated: got {received} of {expected} bytes", retry=True)
    if not is_valid_pdf(part):
        raise FetchError(f"truncated or corrupt PDF ({received} bytes, no %%EOF marker)", retry=True)


def fetch(paper: dict, root: Path = ROOT, timeout: float = 30.0, retries: int = 3, force: bool = False) -> Result:
    dest = destination(paper, root)
    if not force and is_valid_pdf(dest):
        return Result(paper, "skipped", "already here")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    try:
        for attempt in range(1, retries + 1):
            try:
                _download(paper["url"], part, timeout, paper["name"])
                os.replace(part, dest)  # atomic: the PDF appears whole or not at all
                return Result(paper, "fetched")
            except FetchError as e:
                if not e.retry or attempt == retries:
                    tries = f" after {attempt} tries" if attempt > 1 else ""
                    return Result(paper, "failed", f"{e}{tries}")
                time.sleep(min(2 ** (attempt - 1), 8))
    finally:
        part.unlink(missing_ok=True)
    raise AssertionError("unreachable")


def fetch_all(papers: list[dict], root: Path = ROOT, timeout: float = 30.0, retries: int = 3,
              force: bool = False, out=None) -> list[Result]:
    out = out or sys.stdout
    results = []
    for paper in tqdm(papers, desc="papers", unit="pdf", disable=None):
        r = fetch(paper, root, timeout=timeout, retries=retries, force=force)
        dest = destination(paper, root)
        where = dest.relative_to(root) if dest.is_relative_to(root) else dest
        line = f"{r.status:>8}  {where}" + (f"  — {r.message}" if r.status == "failed" else "")
        tqdm.write(line, file=out)
        results.append(r)
    counts = {s: sum(r.status == s for r in results) for s in ("fetched", "skipped", "failed")}
    print(f"\n{counts['fetched']} fetched, {counts['skipped']} already here, {counts['failed']} failed "
          f"(of {len(results)}).", file=out)
    for r in results:
        if r.status == "failed":
            print(f"  failed: {r.paper['name']} from {r.paper['url']}: {r.message}", file=out)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("list", "fetch"):
        p = sub.add_parser(name)
        p.add_argument("--topic", help="one topic folder, e.g. 02-relu or 03-sequence-modeling/02-lstm")
        p.add_argument("--catalog", type=Path, default=CATALOG, help=argparse.SUPPRESS)
        p.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    fetch_p = sub.choices["fetch"]
    fetch_p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the server (default 30)")
    fetch_p.add_argument("--retries", type=int, default=3, help="tries per paper (default 3)")
    fetch_p.add_argument("--force", action="store_true", help="download again even if a valid PDF is there")
    args = parser.parse_args(argv)

    papers = select(load_catalog(args.catalog)["papers"], args.topic)
    if args.command == "list":
        for p in papers:
            here = "here   " if is_valid_pdf(destination(p, args.root)) else "missing"
            where = f"{p['topic']}/{p['file']}"
            print(f"{here}  {where:<76} {p['name']} ({p['year']})")
        return 0
    results = fetch_all(papers, args.root, timeout=args.timeout, retries=max(1, args.retries), force=args.force)
    return 1 if any(r.status == "failed" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
