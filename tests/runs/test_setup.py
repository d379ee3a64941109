"""Set-up as a new user meets it: make uses an active conda environment, a stale install stamp is not trusted,
and `make setup` says what is missing and installs it. (No conda here: a venv stands in for the conda
environment, and a stub records what `conda` was asked to do.)"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.core import paths
from helpers.run import environment


def _make_shows(variables: str, env: dict) -> list[str]:
    """The values of make variables, as the Makefile computes them in this environment."""
    run = subprocess.run(["make", "-s", "--no-print-directory", "--eval", f"show: ; @echo {variables}", "show"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True, env=env, check=True)
    return run.stdout.split()


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONDA") and k != "MAKELEVEL"}
    return env | extra


@pytest.fixture(scope="module")
def empty_env(tmp_path_factory) -> Path:
    """A Python environment with nothing installed (standing in for a new conda environment)."""
    prefix = tmp_path_factory.mktemp("conda") / "envs" / "talent-plan"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    return prefix


def test_make_uses_an_active_conda_environment(empty_env):
    conda = _env(CONDA_PREFIX=str(empty_env), CONDA_DEFAULT_ENV="talent-plan")
    assert _make_shows("$(ENV_KIND) $(PY) $(INSTALLED)", conda) == [
        "conda", f"{empty_env}/bin/python", f"{empty_env}/.talent-plan-installed"]
    # conda's base environment is never installed into: .venv is built as without conda
    base = _env(CONDA_PREFIX=str(empty_env), CONDA_DEFAULT_ENV="base")
    assert _make_shows("$(ENV_KIND) $(PY)", base) == ["venv", ".venv/bin/python"]
    assert _make_shows("$(ENV_KIND) $(PY)", _env()) == ["venv", ".venv/bin/python"]


def test_a_stamp_is_not_trusted_when_a_piece_has_gone(empty_env):
    """Every step first takes a quick look (make environment): a piece gone since the install is repaired then,
    whatever the stamp says. (SETUP= stands in for scripts/setup.sh.)"""
    stamp = empty_env / ".talent-plan-installed"
    stamp.touch()
    run = subprocess.run(["make", "--no-print-directory", "environment", "SETUP=echo setting up"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                         env=_env(CONDA_PREFIX=str(empty_env), CONDA_DEFAULT_ENV="talent-plan"))
    assert run.returncode == 0, run.stderr
    assert "A piece of the set-up has gone: repairing it.\nsetting up" in run.stdout


def test_reading_the_makefile_runs_nothing(empty_env):
    """`make help` runs no Python and writes nothing, even with an incomplete environment (the check is a step)."""
    stamp = empty_env / ".talent-plan-installed"
    stamp.touch()
    env = _env(CONDA_PREFIX=str(empty_env), CONDA_DEFAULT_ENV="talent-plan")
    run = subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve", "-o", "/dev/stdout", "make", "help"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True, env=env) \
        if __import__("shutil").which("strace") else \
        subprocess.run(["make", "help"], cwd=paths.PROJECT_ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 0 and stamp.exists()
    assert "python" not in "".join(line for line in run.stdout.splitlines() if "execve(" in line)
    listed = [line.split()[1] for line in run.stdout.splitlines() if line.startswith("  make ")]
    assert listed[:5] == ["help", "setup", "data", "analysis", "report"] and "Makefile" not in listed


def test_check_install_names_what_is_missing(empty_env):
    run = subprocess.run([str(empty_env / "bin" / "python"), "-m", "helpers", "check-install"],
                         capture_output=True, text=True, env=_env(PYTHONPATH=str(paths.PROJECT_ROOT / "src")))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Python packages not installed: " in run.stderr and "pandas" in run.stderr
    assert "Jupyter kernel talent-plan: not registered" in run.stderr and "run `make setup`" in run.stderr


def test_this_environment_is_complete():
    assert environment.check() == []


def test_setup_updates_the_conda_environment_from_environment_yml(empty_env, tmp_path):
    log = tmp_path / "conda.log"
    stub = tmp_path / "conda"
    stub.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n')
    stub.chmod(0o755)
    run = subprocess.run(["scripts/setup.sh"], cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                         env=_env(ENV_KIND="conda", ENV_DIR=str(empty_env), CONDA_EXE=str(stub),
                                  STAMP=str(empty_env / ".talent-plan-installed")))
    assert "updating the conda environment" in run.stdout
    assert log.read_text().split() == ["env", "update", "--prefix", str(empty_env), "--file", "environment.yml"]
    assert "python3 -m venv" not in run.stdout             # no venv is built beside a conda environment
    assert run.returncode != 0                              # the stub installed nothing, and the check says so


def test_environment_yml_lists_conda_forge_packages_and_says_where_chromium_comes_from():
    text = (paths.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8")
    env = yaml.safe_load(text)
    assert env["channels"] == ["conda-forge"]
    conda = {str(d).split(">")[0].split("=")[0].strip() for d in env["dependencies"] if isinstance(d, str)}
    names = {"playwright": "playwright-python"}          # conda-forge's name for the PyPI package
    for dist in environment.required_distributions():
        assert names.get(dist, dist) in conda, f"{dist} (pyproject.toml) is not in environment.yml"
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ['-e ".[dev]"'] or pip == ["-e .[dev]"]  # only the project itself comes from pip
    assert "Chromium" in text and "fonts-noto-cjk" in text and "from the system" in text


def test_an_environment_whose_python_has_gone_is_repaired(tmp_path):
    """A conda environment (or .venv) whose python was deleted, or points at a Python removed since: every step
    repairs it, as for any piece gone (it used to stop with env's 'No such file or directory')."""
    prefix = tmp_path / "envs" / "talent-plan"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "bin" / "python").symlink_to(tmp_path / "a Python removed since")
    (prefix / ".talent-plan-installed").touch()
    run = subprocess.run(["make", "--no-print-directory", "environment", "SETUP=echo setting up"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                         env=_env(CONDA_PREFIX=str(prefix), CONDA_DEFAULT_ENV="talent-plan"))
    assert run.returncode == 0, run.stderr
    assert "A piece of the set-up has gone: repairing it.\nsetting up" in run.stdout and run.stderr == ""


@pytest.mark.parametrize("kind", ["old", "missing"])
def test_a_python_too_old_for_the_project_is_said_in_one_line(tmp_path, kind):
    """The step list (.make/helpers.mk) is made with PYTHON (python3 on PATH) before anything is installed, and
    setup.sh builds the venv with it: one too old (here a stand-in for Python 3.6, which cannot even parse our
    code: a SyntaxError traceback) or missing is named, with what to do, before it runs any of our code."""
    python = "no-such-python"
    if kind == "old":
        python = str(tmp_path / "python3")
        Path(python).write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.6.15" && exit 0\n'
                                'echo "SyntaxError: future feature annotations is not defined" >&2; exit 1\n')
        Path(python).chmod(0o755)
    needs = "the project needs Python 3.11 or later"
    run = subprocess.run(["scripts/check-python.sh", python], cwd=paths.PROJECT_ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and needs in run.stderr, run.stderr
    assert f"PYTHON={python} is " in run.stderr and "make report PYTHON=python3.11" in run.stderr
    assert subprocess.run(["scripts/check-python.sh", sys.executable], cwd=paths.PROJECT_ROOT).returncode == 0
    # make, with that python first on PATH and a step list to make: our line, no traceback
    stepdeps = tmp_path / "helpers.mk"
    run = subprocess.run(["make", "--no-print-directory", str(stepdeps), f"HELPER_DEPS={stepdeps}", f"PYTHON={python}"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True)
    assert run.returncode == 2 and needs in run.stderr and "Traceback" not in run.stderr and not stepdeps.exists()


def test_a_moved_project_folder_is_repaired_in_one_line(tmp_path):
    """A project folder moved since `make setup`: its environment's install of the project names the old place, so
    that its Python finds no helpers. make printed Python's "No module named helpers" before repairing it: now the
    repair's one line is all, and the run goes on."""
    prefix = tmp_path / "envs" / "talent-plan"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    site = next(prefix.glob("lib/python3*/site-packages"))
    (site / "__editable__.talent_plan_monitor-0.pth").write_text(f"{tmp_path / 'the old place' / 'src'}\n")
    (prefix / ".talent-plan-installed").touch()
    run = subprocess.run(["make", "--no-print-directory", "environment", "SETUP=echo setting up"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                         env=_env(CONDA_PREFIX=str(prefix), CONDA_DEFAULT_ENV="talent-plan"))
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert run.stdout == "A piece of the set-up has gone: repairing it.\nsetting up\n"


def test_setup_in_a_copied_folder_makes_the_folder_an_environment_of_its_own(tmp_path):
    """A .venv copied with the project folder (`cp -a`) belongs to the original: its tools' first lines, its install
    of the project and its kernel name the original's Python, so `make setup` in the copy kept running the
    original's (papermill, the kernel). setup.sh now makes the copy's own, and keeps one made in its folder. (A
    stand-in PYTHON makes the venvs without pip: the install that follows fails, quickly; the venv is what counts.)"""
    original = tmp_path / "original"
    (original / "scripts").mkdir(parents=True)
    for name in ("scripts/setup.sh", "scripts/check-python.sh", "scripts/ensure-system-deps.sh", "pyproject.toml",
                 "requirements.lock"):
        shutil.copy2(paths.PROJECT_ROOT / name, original / name)
    python = tmp_path / "python3"
    python.write_text(f'#!/bin/sh\nif [ "$1 $2" = "-m venv" ]; then shift 2; exec "{sys.executable}" -m venv '
                      f'--without-pip "$@"; fi\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    subprocess.run([str(python), "-m", "venv", "--clear", str(original / ".venv")], check=True)
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(original), str(copy)], check=True)

    def setup(folder: Path) -> subprocess.CompletedProcess:
        return subprocess.run(["scripts/setup.sh"], cwd=folder, capture_output=True, text=True, timeout=120,
                              env=_env(PYTHON=str(python), ENV_KIND="venv", ENV_DIR=".venv"))

    def made_in(folder: Path) -> str:
        config = (folder / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
        return next(line for line in config.splitlines() if line.startswith("command")).rsplit(" ", 1)[1]

    run = setup(copy)
    assert f".venv was made in {original / '.venv'} (copied with the project folder)" in run.stdout, run.stdout
    assert made_in(copy) == str(copy / ".venv") and made_in(original) == str(original / ".venv")
    marker = original / ".venv" / "made here"
    marker.touch()
    run = setup(original)
    assert "present: Python 3" in run.stdout and "was made in" not in run.stdout, run.stdout
    assert marker.exists()
