"""A project folder moved since `make setup`, or copied with its .venv and the original deleted, run directly
(`.venv/bin/python -m papermill`, `.venv/bin/python -m helpers`), not by make (which repairs the set-up first):
the environment's install named the old src/ (no helpers: papermill's start stopped with ModuleNotFoundError), and
its kernel the old Python (FileNotFoundError), each a traceback. Now `make setup` records the project's src/
relative to the environment (helpers.run.project_folder.record_own_src), so the helpers are found, and they stop
in one line naming the folder the environment was made in and the fix. (`.venv/bin/papermill` itself cannot run:
its first line names the old Python, which the system reads before any Python starts; the README says what to do.)

The environment here is a venv without pip, made as `make setup` makes it (`python -m venv --clear <folder>/.venv`),
whose packages are this checkout's (a .pth line naming its site-packages), with the project's install as pip's
editable install writes it (src/ by its full path) and the kernel as `python -m helpers kernel` registers it."""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers.core import paths
from helpers.run.project_folder import environment_left_behind, record_own_src


def _set_up(project: Path) -> Path:
    """A project folder (its Makefile, src/, notebooks/, config/) with a .venv set up in place."""
    for part in ("src", "notebooks", "config"):
        shutil.copytree(paths.PROJECT_ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(paths.PROJECT_ROOT / "Makefile", project / "Makefile")
    venv = project / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--clear", str(venv)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    (site / "__editable__.talent_plan_monitor-0.1.0.pth").write_text(f"{project / 'src'}\n", encoding="utf-8")
    (site / "packages.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    kernel = venv / "share" / "jupyter" / "kernels" / "talent-plan"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({"argv": [str(venv / "bin" / "python"), "-m", "ipykernel_launcher",
                                                             "-f", "{connection_file}"], "language": "python",
                                                    "display_name": "talent-plan"}), encoding="utf-8")
    record_own_src(venv, project)       # what `make setup` does after pip's install
    return project


def _run(project: Path, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TALENT_PROJECT_ROOT", "MAKEFLAGS", "MAKELEVEL", "PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(project / ".venv" / "bin" / "python"), *command], cwd=cwd or project, env=env,
                          capture_output=True, text=True, timeout=300)


def _papermill(project: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return _run(project, "-m", "papermill", str(project / "notebooks" / "03_growth.ipynb"),
                str(tmp_path / "out.ipynb"))


def _moved(tmp_path: Path) -> tuple[Path, Path]:
    old = _set_up(tmp_path / "old place" / "proj")
    new = tmp_path / "new place" / "proj"
    new.parent.mkdir()
    old.rename(new)
    return old, new


def _copied_and_deleted(tmp_path: Path) -> tuple[Path, Path]:
    old = _set_up(tmp_path / "original" / "proj")
    new = tmp_path / "copy" / "proj"
    new.parent.mkdir()
    subprocess.run(["cp", "-a", str(old), str(new.parent)], check=True)
    shutil.rmtree(old.parent)
    return old, new


@pytest.mark.parametrize("how", [_moved, _copied_and_deleted])
def test_a_moved_folder_run_directly_stops_in_one_line_naming_the_fix(tmp_path, how):
    old, new = how(tmp_path)
    for run in (_papermill(new, tmp_path), _run(new, "-m", "helpers", "resolve", cwd=Path("/"))):
        said = run.stderr
        assert run.returncode == 2 and "Traceback" not in said and said.count("\n") == 1, said
        assert said.startswith(f"error: .venv/pyvenv.cfg: this folder's environment was made in {old / '.venv'}, "
                               "which is gone (the project folder was moved, or copied and the original deleted)")
        assert f"How to fix: run `make setup` in {new}: it makes this folder an environment of its own" in said
    assert not (tmp_path / "out.ipynb").exists()


def test_an_environment_in_its_place_or_copied_from_a_folder_still_there_is_not_left_behind(tmp_path):
    project = _set_up(tmp_path / "proj")
    assert environment_left_behind(project / ".venv") is None
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(project), str(copy)], check=True)
    assert environment_left_behind(copy / ".venv") is None        # (the copy's own refusal: another_project)
    run = _run(copy, "-m", "helpers", "resolve")
    assert run.returncode == 2 and "these helpers work on the files of another one" in run.stderr, run.stderr
    shutil.rmtree(project)
    assert environment_left_behind(copy / ".venv") == project / ".venv"


def test_the_environments_own_src_is_recorded_relative_to_it(tmp_path):
    project = _set_up(tmp_path / "proj")
    site = Path(sysconfig.get_path("purelib", vars={"base": str(project / ".venv"),
                                                    "platbase": str(project / ".venv")}))
    assert (site / "talent_plan_own_src.pth").read_text(encoding="utf-8") == "../../../../src\n"
    # an environment outside the project folder (conda's) is left alone
    assert "is outside" in record_own_src(tmp_path / "conda env", project)
    assert not (tmp_path / "conda env").exists()


KERNEL_STARTS = """
import sys
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="talent-plan")
print(km.format_kernel_cmd()[0])
try:
    km.start_kernel()
except FileNotFoundError as exc:
    sys.exit(f"kernel not started: {exc}")
client = km.client()
client.start_channels()
client.wait_for_ready(timeout=120)
reply = client.execute_interactive("import helpers.run.cli", timeout=120, output_hook=lambda m: print(
    m["content"].get("evalue") or m["content"].get("text") or "", end=""))
client.stop_channels()
km.shutdown_kernel(now=True)
"""


@pytest.mark.slow
def test_jupyterlab_run_by_hand_in_a_moved_folder_starts_the_kernel_which_names_the_fix(tmp_path):
    """`.venv/bin/python -m jupyter lab` in a folder moved since its set-up (no make to repair it first): the kernel,
    registered with the old folder's Python, could not start (FileNotFoundError, "kernel not started" here). Now
    `python -m helpers kernel` registers it as `python`, which jupyter_client runs with the Python that starts it,
    and the notebook's first import of the helpers says what to do, in one line."""
    project = _set_up(tmp_path / "old place" / "proj")
    assert _run(project, "-m", "helpers", "kernel").returncode == 0
    new = tmp_path / "new place" / "proj"
    new.parent.mkdir()
    project.rename(new)
    run = _run(new, "-c", KERNEL_STARTS)
    assert run.returncode == 0, run.stderr
    program, said = run.stdout.split("\n", 1)
    assert Path(program) == new / ".venv" / "bin" / "python"
    assert f"this folder's environment was made in {project / '.venv'}, which is gone" in said, said
    assert f"How to fix: run `make setup` in {new}" in said, said


@pytest.mark.parametrize("program, missing", [("python", []), ("/gone/.venv/bin/python", [
    "Jupyter kernel talent-plan: runs /gone/.venv/bin/python, not this environment's Python"])])
def test_a_kernel_registered_as_python_is_this_environments(tmp_path, monkeypatch, program, missing):
    """The set-up check takes `python` as this environment's Python (jupyter_client runs it so): it would otherwise
    repair the set-up before every make."""
    from helpers.run import environment
    kernel = tmp_path / "share" / "jupyter" / "kernels" / "talent-plan"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({"argv": [program, "-m", "ipykernel_launcher"]}), encoding="utf-8")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert environment.missing_kernel() == missing
