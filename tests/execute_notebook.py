"""Execute notebooks in place, top to bottom in one fresh kernel, the way they are committed.

    DL_PROFILE=small python tests/execute_notebook.py 01-deep-neural-networks/01-dnn/02-dnn.ipynb [...]

Same result as `jupyter nbconvert --execute --inplace`, plus what keeps the committed notebooks
readable and honest:
* progress-bar redraws (carriage returns) are collapsed into their final line;
* the notebook's metadata is stamped (`evidence.STAMP_KEY`) with a hash of its code cells, the
  profile, the seed and the wall time. The claim-check cell publishes the evidence record in its
  output (tests/evidence.py); the stamp is how tests/test_evidence.py knows that record and every
  other output came from the code now beside them. Editing a code cell without re-executing breaks it.
* the small profile runs with a per-cell timeout (a hung cell fails instead of blocking); a full
  profile runs without one, since a single training run on a GPU may take longer than any fixed cap.
"""
import os
import sys
import time
from pathlib import Path

import nbclient
import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evidence import STAMP_KEY, code_sha256  # noqa: E402

SMALL_CELL_TIMEOUT = 600  # seconds; a small profile takes about a minute in all


def profile() -> str:
    """The profile the notebook will pick: DL_PROFILE, else full when CUDA is present (as in the notebooks)."""
    chosen = os.environ.get("DL_PROFILE")
    if chosen:
        return chosen
    import torch  # only needed when the profile is left to the notebook
    return "full" if torch.cuda.is_available() else "small"


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = nbclient.NotebookClient(
        nb,
        timeout=SMALL_CELL_TIMEOUT if profile() == "small" else None,
        kernel_name="python3",
        coalesce_streams=True,  # one stream per cell, "\r" redraws resolved to the last frame
        resources={"metadata": {"path": str(path.parent)}},  # kernel cwd = the notebook's folder
    )
    client.execute()
    seconds = time.perf_counter() - start
    nb.metadata[STAMP_KEY] = {"code_sha256": code_sha256(nb), "profile": profile(),
                              "seed": int(os.environ.get("DL_SEED", "0")), "seconds": round(seconds, 1)}
    nbformat.write(nb, path)
    return seconds


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        print(f"{execute(Path(arg)):6.1f} s  {arg}", flush=True)
