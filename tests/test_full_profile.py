"""Full-profile dry runs of every notebook, on the CPU, with no network.

1. `DL_PROFILE=full DL_MAX_STEPS=2` against stand-in files in the real datasets' on-disk formats
   (tests/standins.py): the real loading code and the full-size model run end to end.
2. The same with an empty data directory and a dead proxy, for notebooks that read DL_DATA_DIR:
   the notebook must stop with one clear sentence (a SystemExit), not a traceback.
"""
import os

import nbclient
import nbformat
import pytest

from conftest import nb_id, notebooks
from standins import write_all

DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens on the discard port: every download fails at once


@pytest.fixture(scope="session")
def standin_dir(tmp_path_factory):
    return write_all(tmp_path_factory.mktemp("standin-data"))


def run_notebook(path, env, timeout=900):
    """Execute a notebook in memory (the file is not touched); return it with its outputs."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    return nb


def dry_env(data_dir, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DL_")}
    env.update(DL_PROFILE="full", DL_MAX_STEPS="2", DL_SEED="0", DL_DATA_DIR=str(data_dir), MPLBACKEND="agg",
               HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", **extra)
    return env


def reads_data(path) -> bool:
    """Does any code cell after the first one use DATA_DIR (i.e. does the full profile need files)?"""
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    return any("DATA_DIR" in src for src in code[1:])


@pytest.mark.parametrize("path", notebooks(), ids=nb_id)
def test_full_profile_dry_run(path, standin_dir):
    try:
        run_notebook(path, dry_env(standin_dir))
    except nbclient.exceptions.CellExecutionError as e:
        pytest.fail(f"{nb_id(path)} failed its full-profile dry run:\n{str(e)[-3000:]}")


@pytest.mark.parametrize("path", [p for p in notebooks() if reads_data(p)], ids=nb_id)
def test_full_profile_offline_without_data_says_what_to_download(path, tmp_path):
    proxies = {k: DEAD_PROXY for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
    with pytest.raises(nbclient.exceptions.CellExecutionError) as info:
        run_notebook(path, dry_env(tmp_path / "empty", **proxies, NO_PROXY="", no_proxy=""))
    err = info.value
    assert err.ename == "SystemExit", f"expected a clean SystemExit, got {err.ename}: {err.evalue}"
    message = err.evalue.strip()
    assert "\n" not in message and 20 < len(message) < 600, f"not one clear sentence: {message!r}"
    assert "empty" in message or "DL_DATA_DIR" in message, f"the message should say where to put the data: {message!r}"
    assert not list((tmp_path / "empty").rglob("*.part")), "a partial download was left behind"
