"""Execute notebooks in place, top to bottom in one fresh kernel, the way they are committed.

    DL_PROFILE=small python tests/execute_notebook.py 01-deep-neural-networks/01-dnn/02-dnn.ipynb [...]

Same result as `jupyter nbconvert --execute --inplace`, plus two things that keep the committed
notebooks readable on GitHub: progress-bar redraws (carriage returns) are collapsed into their
final line, and the wall time of each notebook is printed.
"""
import sys
import time
from pathlib import Path

import nbclient
import nbformat


def execute(path: Path, timeout: int = 1800) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = nbclient.NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        coalesce_streams=True,  # one stream per cell, "\r" redraws resolved to the last frame
        resources={"metadata": {"path": str(path.parent)}},  # kernel cwd = the notebook's folder
    )
    client.execute()
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    return seconds


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        print(f"{execute(Path(arg)):6.1f} s  {arg}", flush=True)
