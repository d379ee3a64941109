"""Shared fixtures. Tests run against the real raw files in data/raw/, or against copies of
the project's raw data and config in a temporary folder when a test needs to damage them."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.core import paths
from helpers.core.config import load_catalogue, load_sources

# Tests run make as a user runs it, from a shell: not as a sub-make of the `make test` that started pytest, whose
# jobserver flags (MAKEFLAGS) would reach every inner make without its pipes ("jobserver unavailable" on stderr).
for _variable in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKE_TERMOUT", "MAKE_TERMERR"):
    os.environ.pop(_variable, None)

JIANDE = "jiande_talent_plan_2021-2025.txt"
ANJI = "anji_talent_plan_2021-2025.txt"


@pytest.fixture(autouse=True)
def _the_projects_method_after_each_test():
    """A step reading a copy's config reads that copy's method.yaml from then on in its process (helpers.core.method
    .use_config_dir, as make's steps each read their CONFIG_DIR's): each test starts from the project's again."""
    yield
    from helpers.core.method import use_config_dir
    use_config_dir(paths.CONFIG_DIR)


@pytest.fixture(scope="session")
def sources():
    return load_sources()


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def real_dataset():
    from helpers.extract import dataset
    return dataset.build()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the raw data and config, free to damage: tmp/raw, tmp/config, tmp/processed."""
    return copy_of_project(tmp_path)


def copy_of_project(root: Path) -> Path:
    """The project's raw data and config copied into root (root/raw, root/config) and an empty root/processed:
    the workspace fixture's, for a module-scoped or per-case copy."""
    shutil.copytree(paths.RAW_DIR, root / "raw")
    shutil.copytree(paths.CONFIG_DIR, root / "config")
    (root / "processed").mkdir()
    return root


def resolve_run(processed: Path, config: Path | None = None, **parameters) -> None:
    """Work the run out and record it in processed/run.json, as `make` does (python -m helpers resolve):
    what the analysis, the report notebook, the results workbook and the render read."""
    from helpers.run.parameters import resolve, write_run
    write_run(resolve(processed_dir=processed, config_dir=config, **parameters), processed)


def analysed(root: Path, year: int) -> Path:
    """A project copy (copy_of_project, its workbooks dropped in) taken through the data step, the run and the
    analysis tables for `year`, as `make analysis` does: what the report and its figures read."""
    from helpers import analyse
    from helpers.extract import dataset
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    resolve_run(root / "processed", root / "config", year=year)
    analyse.build_tables(root / "processed", root / "config", year)
    return root


def raw_lines(name: str) -> list[str]:
    return (paths.RAW_DIR / name).read_text(encoding="utf-8").splitlines()


def make(*arguments: str, env: dict | None = None, **variables) -> subprocess.CompletedProcess:
    """`make` in the project, as a user runs it, with folders and parameters given as NAME=value (and `env`, the
    environment's variables changed)."""
    return subprocess.run(["make", "--no-print-directory", *arguments, *(f"{k}={v}" for k, v in variables.items())],
                          cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=900,
                          env=None if env is None else {**os.environ, **env})


@pytest.fixture(scope="session")
def made_report(tmp_path_factory) -> dict:
    """A cold `make report` on a copy of the raw data and config, into scratch folders (as the benchmark runs it).
    Returns the folders (as make variables) and the completed run. It runs with HOME an empty folder (`home`): a
    run writes nothing outside the project (test_make_safety checks that it stays empty)."""
    root = tmp_path_factory.mktemp("made")
    (root / "home").mkdir()
    shutil.copytree(paths.RAW_DIR, root / "raw")
    shutil.copytree(paths.CONFIG_DIR, root / "config")
    folders = {"RAW_DIR": root / "raw", "CONFIG_DIR": root / "config", "PROCESSED_DIR": root / "processed",
               "REPORTS_DIR": root / "reports"}
    run = make("report", env={"HOME": str(root / "home")}, **folders)
    assert run.returncode == 0, run.stdout + run.stderr
    return {"folders": folders, "run": run, "root": root, "home": root / "home"}


class ProjectCopy:
    """A copy of the project as a fresh clone has it (tracked files), in a folder of the caller's choice,
    that runs `make` with this checkout's installed environment."""

    def __init__(self, root: Path):
        import subprocess
        import time
        files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                               cwd=paths.PROJECT_ROOT, capture_output=True, text=True, check=True).stdout
        for name in filter(None, files.split("\0")):
            source = paths.PROJECT_ROOT / name
            if source.is_file():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, root / name)
        (root / ".venv").symlink_to(paths.PROJECT_ROOT / ".venv")
        # A stamp newer than everything copied, so that make never reinstalls into the shared environment.
        time.sleep(0.01)
        (root / ".installed-for-tests").touch()
        self.root = root

    def make(self, *args: str, timeout: int = 600, **popen):
        import os
        import subprocess
        # The checkout's helpers (the same code), working on this copy's folders. (PYTHONPATH cannot name a
        # folder with ':' in its name.)
        env = {**os.environ, "TALENT_PROJECT_ROOT": str(self.root)}
        env.pop("MAKEFLAGS", None)
        env.pop("MAKELEVEL", None)
        # (SETUP=false: an incomplete environment fails the test; it is never reinstalled from the copy, which
        # would point the checkout's environment at the copy.)
        command = ["make", "--no-print-directory", *args, "INSTALLED=.installed-for-tests", "SETUP=false"]
        if popen:
            return subprocess.Popen(command, cwd=self.root, env=env, text=True, **popen)
        return subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout)


# `make test-quick` leaves these out: whole `make` runs, notebooks under papermill, Chromium and JupyterLab.
SLOW_MODULES = {"test_make", "test_make_safety", "test_runs", "test_faults", "test_lab", "test_setup", "test_report",
                "test_notebook"}
SLOW_FIXTURES = {"made_report", "printed_pdfs"}   # printed_pdfs: Chromium prints plans


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__ in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
