"""JupyterLab as analysts use it: `make lab` (as root too) serves JupyterLab on the project's kernel, on the
analysts' copies of the notebooks (notebooks/ stays as committed), and no kernel, in JupyterLab or under papermill,
prints "Kernel is running over TCP without encryption"."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers.core import paths
from helpers.run.notebook_runner import KERNEL_NAME

TCP_WARNING = "without encryption"


def test_every_notebook_names_the_project_kernel():
    for notebook in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        spec = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert spec["name"] == KERNEL_NAME, notebook.name


def test_the_project_kernel_is_registered_in_this_environment():
    """`make setup` registers it in the environment's prefix, so that `make report` and `make test` find it."""
    import sys

    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    from jupyter_client.manager import KernelManager
    assert Path(spec.resource_dir).is_relative_to(sys.prefix)
    # (registered as `python`, which jupyter_client runs with the Python that starts it: this one)
    program = KernelManager(kernel_name=KERNEL_NAME).format_kernel_cmd()[0]
    assert Path(program).resolve() == Path(sys.executable).resolve()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str, data: dict | None = None, method: str | None = None):
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"},
                                     data=None if data is None else json.dumps(data).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
        return response.status, (json.loads(body) if body[:1] in ("{", "[") else body)


def test_make_lab_serves_jupyterlab_on_the_project_kernel(tmp_path):
    """… and writes nothing outside the project (HOME is an empty folder here): its runtime files, workspaces, the
    kernels' IPython folder and npm's logs are in .make/, also when it is stopped with Ctrl-C."""
    port, token = _free_port(), os.urandom(8).hex()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "lab.log"
    home = tmp_path / "home"
    home.mkdir()
    with open(log, "w") as out:
        lab = subprocess.Popen(["make", "--no-print-directory", "lab",
                                f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
                               cwd=paths.PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                               env={**os.environ, "HOME": str(home)})
    try:
        for _ in range(120):                      # JupyterLab starts in a few seconds; allow a busy machine
            try:
                if _get(f"{base}/api/status", token)[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start:\n{log.read_text()}")
        status, page = _get(f"{base}/lab?token={token}", token)
        assert status == 200 and "<title>JupyterLab</title>" in page
        specs = _get(f"{base}/api/kernelspecs", token)[1]
        assert specs["default"] == KERNEL_NAME and KERNEL_NAME in specs["kernelspecs"]

        # A kernel as JupyterLab starts one when a notebook opens: the project's Python, over IPC.
        kernel = _get(f"{base}/api/kernels", token, data={"name": KERNEL_NAME}, method="POST")[1]
        from jupyter_client import BlockingKernelClient

        from helpers.run.cli import lab_runtime_dir
        connection = lab_runtime_dir() / f"kernel-{kernel['id']}.json"
        for _ in range(60):                       # written by the server as the kernel starts
            try:
                info = json.loads(connection.read_text())
                break
            except (OSError, ValueError):
                time.sleep(0.5)
        assert info["transport"] == "ipc"
        client = BlockingKernelClient(connection_file=str(connection))
        client.load_connection_file()
        # No heartbeat: it gives a kernel 1 s to answer each ping, and on a loaded machine (several JupyterLabs
        # starting at once) declared a live kernel dead ("Kernel died before replying to kernel_info"). The test
        # is the kernel's own reply, within 60 s. (JupyterLab itself watches the kernel's process, not pings.)
        client.start_channels(hb=False)
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive("import sys, helpers; print(sys.prefix)", timeout=60)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
        _get(f"{base}/api/kernels/{kernel['id']}", token, method="DELETE")

        # Autosave never writes into the committed notebooks: notebooks/ is read-only in JupyterLab, and the
        # analyst works on a copy in lab/ (made by `make lab`).
        committed = f"{base}/api/contents/notebooks/02_comparison.ipynb"
        model = _get(committed, token)[1]
        assert model["writable"] is False
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(committed, token, data={"type": "notebook", "format": "json", "content": model["content"]},
                 method="PUT")
        assert refused.value.code == 403 and "work on your copy in lab/" in refused.value.read().decode()
        copy = _get(f"{base}/api/contents/lab/02_comparison.ipynb", token)[1]
        assert copy["writable"] is True and copy["type"] == "notebook"
        _get(f"{base}/api/contents/lab/02_comparison.ipynb", token, method="PUT",
             data={"type": "notebook", "format": "json", "content": copy["content"]})
        # A workspace, as the browser saves one when it opens JupyterLab.
        _get(f"{base}/lab/api/workspaces/lab", token, method="PUT",
             data={"data": {}, "metadata": {"id": "lab", "last_modified": "2026-12-01T00:00:00+00:00"}})
    finally:
        os.killpg(lab.pid, signal.SIGINT)        # Ctrl-C, twice, as an analyst stops it
        time.sleep(1)
        os.killpg(lab.pid, signal.SIGINT)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGTERM)
            lab.wait(timeout=30)
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
    text = log.read_text()
    # (As root, JupyterLab serves only with --allow-root, which `python -m helpers lab` adds: it served above.)
    assert "Kernel started" in text and TCP_WARNING not in text, text


def test_make_lab_copies_each_notebook_once_and_names_the_ones_changed_since(tmp_path):
    from helpers.run.lab import prepare_copies
    (tmp_path / "notebooks").mkdir()
    committed = tmp_path / "notebooks" / "02_comparison.ipynb"
    committed.write_text('{"cells": []}', encoding="utf-8")
    assert prepare_copies(tmp_path) == []
    copy = tmp_path / "lab" / "02_comparison.ipynb"
    copy.write_text('{"cells": ["the analyst\'s work"]}', encoding="utf-8")
    assert prepare_copies(tmp_path) == [] and "the analyst" in copy.read_text(encoding="utf-8")   # kept
    committed.write_text('{"cells": ["a new version"]}', encoding="utf-8")
    notes = prepare_copies(tmp_path)
    assert notes == ["notebooks/02_comparison.ipynb has changed since lab/02_comparison.ipynb was copied from it: "
                     "delete your copy to get the new one at the next `make lab`."]
    assert "the analyst" in copy.read_text(encoding="utf-8")
    copy.unlink()
    assert prepare_copies(tmp_path) == [] and "a new version" in copy.read_text(encoding="utf-8")


def test_a_copy_cut_short_is_never_kept_as_the_analysts(tmp_path, monkeypatch):
    """A full disk (or Ctrl-C) while `make lab` copies a notebook: the half-written copy was kept in lab/ as the
    analyst's own, and never made again. The copy is whole or not there, and the error is the project's."""
    import errno
    import shutil

    from helpers.core.errors import InputError
    from helpers.run.lab import prepare_copies
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "02_comparison.ipynb").write_text('{"cells": ["' + "x" * 1000 + '"]}', encoding="utf-8")
    copy_whole = shutil.copyfile

    def disk_fills(source, target):
        Path(target).write_text('{"cells": ["xx', encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    monkeypatch.setattr(shutil, "copyfile", disk_fills)
    with pytest.raises(InputError) as full:
        prepare_copies(tmp_path)
    assert "the disk is full" in str(full.value) and list((tmp_path / "lab").iterdir()) == []
    monkeypatch.setattr(shutil, "copyfile", copy_whole)
    assert prepare_copies(tmp_path) == []
    assert (tmp_path / "lab" / "02_comparison.ipynb").read_text(encoding="utf-8").endswith('"]}')


def test_a_folder_in_place_of_a_copy_is_named_as_one_not_as_a_changed_copy(tmp_path):
    """lab/02_comparison.ipynb made a folder: the note said the notebook had changed since the copy was made,
    and that deleting 'your copy' would get the new one; no copy had ever been made."""
    import subprocess

    from helpers.run.lab import prepare_copies
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "02_comparison.ipynb").write_text('{"cells": []}', encoding="utf-8")
    (tmp_path / "lab" / "02_comparison.ipynb").mkdir(parents=True)
    assert prepare_copies(tmp_path) == [
        "lab/02_comparison.ipynb is a folder, not a copy of notebooks/02_comparison.ipynb: no copy was made. "
        "Move it away (mv lab/02_comparison.ipynb lab/02_comparison.ipynb.old) to get the copy at the next "
        "`make lab`."]
    subprocess.run(["mv", "lab/02_comparison.ipynb", "lab/02_comparison.ipynb.old"], cwd=tmp_path, check=True)
    assert prepare_copies(tmp_path) == []                                  # the advice, followed
    assert (tmp_path / "lab" / "02_comparison.ipynb").read_text(encoding="utf-8") == '{"cells": []}'


def test_a_copy_without_a_record_is_not_said_to_be_one_whose_notebook_changed(tmp_path):
    """lab/.copied-from.json lost (a folder copied without its hidden files): a copy the same as its notebook got
    'has changed since … was copied'; it is taken as the copy it is. One that differs is said to differ."""
    from helpers.run.lab import RECORD, prepare_copies
    (tmp_path / "notebooks").mkdir()
    for name in ("02_comparison.ipynb", "03_growth.ipynb"):
        (tmp_path / "notebooks" / name).write_text('{"cells": []}', encoding="utf-8")
    assert prepare_copies(tmp_path) == []
    (tmp_path / "lab" / RECORD).unlink()
    (tmp_path / "lab" / "03_growth.ipynb").write_text('{"cells": ["the analyst\'s work"]}', encoding="utf-8")
    assert prepare_copies(tmp_path) == [
        "lab/03_growth.ipynb differs from notebooks/03_growth.ipynb, and `make lab` has no record of copying it: "
        "delete your copy to get a copy of notebooks/03_growth.ipynb at the next `make lab`."]
    assert "the analyst" in (tmp_path / "lab" / "03_growth.ipynb").read_text(encoding="utf-8")      # kept
    assert "02_comparison.ipynb" in (tmp_path / "lab" / RECORD).read_text(encoding="utf-8")
