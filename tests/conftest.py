"""Shared setup for the test suite.

`pytest` runs two kinds of items: the notebooks themselves (nbval, lax mode) and the tests in this
folder. The notebooks run with the small profile, whatever machine runs the suite.
"""
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "papers"))  # download.py and resources.py are imported by the tests

# nbval starts its kernels with this process's environment (--nbval-current-env).
os.environ["DL_PROFILE"] = "small"
os.environ.pop("DL_MAX_STEPS", None)
os.environ.setdefault("MPLBACKEND", "agg")
# One thread per notebook kernel: the suite runs one worker per core, and oversubscribed cores
# make small PyTorch ops many times slower.
os.environ.setdefault("OMP_NUM_THREADS", "1")


def notebooks() -> list[Path]:
    """Every topic notebook, found on disk, so each section is covered as soon as it lands."""
    return sorted(p for p in ROOT.glob("0[1-5]-*/[0-9][0-9]-*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def nb_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --- per-notebook wall time: nbval reports one item per cell; add them up by notebook ---------
_seconds = defaultdict(float)


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _seconds[path] += report.duration
    elif "test_full_profile.py" in path:  # the dry runs carry the notebook in their id
        m = re.search(r"\[(0[1-5]-[^\]]+\.ipynb)\]", report.nodeid)
        if m:
            _seconds[f"{m.group(1)} ({report.nodeid.split('::')[1].split('[')[0]})"] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _seconds:
        return
    terminalreporter.section("notebook wall time (s)")
    for name, s in sorted(_seconds.items()):
        terminalreporter.write_line(f"{s:7.1f}  {name}")
    total = sum(s for n, s in _seconds.items() if n.endswith(".ipynb"))
    terminalreporter.write_line(f"{total:7.1f}  all notebooks, small profile (nbval)")
