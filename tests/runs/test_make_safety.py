"""`make` as careless hands and hostile values meet it (issue 18): a run that cannot write fails, a file dated in
the future neither hangs make nor reruns steps, a copied project never writes into the original, no parameter
can run a command, a folder make cannot name is refused in one line. Reading the Makefile runs nothing."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ProjectCopy, make
from helpers.core import paths
from support.disks import small_tmpfs


def _one_line_of_ours(run: subprocess.CompletedProcess) -> str:
    """Our error is one line; make adds its own `make: *** [...] Error 1` (the README says so)."""
    ours = [line for line in run.stderr.splitlines() if not line.startswith("make")]
    assert len(ours) == 1 and "Traceback" not in run.stderr, run.stderr
    return ours[0]


# ----------------------------------------------------------------------------- parameters reach no shell

@pytest.mark.parametrize("variable, value", [
    ("YEAR", "$(touch {marker})"),
    ("YEAR", "`touch {marker}`"),
    ("YEAR", "$(shell touch {marker})"),          # a make function, in a value given to make
    ("ENTITIES", "$(touch {marker})"),
    ("ENTITIES", "jiande;touch {marker}"),
    ("ENTITIES", "$(shell touch {marker})"),
    ("LANG", "$(shell touch {marker})"),
    ("DOCUMENTS", "';touch {marker};'"),
])
def test_no_parameter_can_run_a_command(made_report, tmp_path, variable, value):
    marker = tmp_path / "ran"
    run = make("report", **{variable: value.format(marker=marker)}, **made_report["folders"])
    assert not marker.exists(), f"{variable}={value} ran a command"
    assert run.returncode == 2 and _one_line_of_ours(run).startswith("error: "), run.stderr
    assert "syntax error" not in run.stderr and "unexpected" not in run.stderr


def test_a_quote_in_a_year_is_the_projects_error_not_the_shells(made_report):
    run = make("report", YEAR="2020'", **made_report["folders"])
    assert run.returncode == 2 and _one_line_of_ours(run).startswith("error: YEAR=2020' is not a year")


@pytest.mark.parametrize("value", ["20\n20", "2020'\n;touch {marker}", "2020\n'"])
def test_a_newline_in_a_value_is_text_not_a_second_command(made_report, tmp_path, value):
    marker = tmp_path / "ran"
    run = make("report", YEAR=value.format(marker=marker), **made_report["folders"])
    assert run.returncode == 2 and _one_line_of_ours(run).startswith("error: YEAR="), run.stderr
    assert "is not a year" in run.stderr and "unexpected" not in run.stderr and not marker.exists()


def test_a_year_given_with_blanks_around_it_is_that_year(made_report):
    run = make("report", YEAR=" 2020\n", **made_report["folders"])
    assert run.returncode == 0 and "the run: 2020" in run.stdout, run.stderr


@pytest.mark.parametrize("variable", ["PROCESSED_DIR", "REPORTS_DIR", "RAW_DIR"])
@pytest.mark.parametrize("name", ["with space", "a:b", "$(shell touch ran)"])
def test_a_folder_make_cannot_name_is_refused_in_one_line(made_report, tmp_path, variable, name):
    folders = {**made_report["folders"], variable: tmp_path / name}
    run = make("report", **folders)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{variable}=" in lines[0], run.stderr
    assert "make cannot use a folder whose name is empty or has a space" in lines[0]
    assert "multiple target patterns" not in run.stderr and "overriding recipe" not in run.stderr
    assert list(tmp_path.iterdir()) == [] and not (paths.PROJECT_ROOT / "ran").exists()   # no stray folder


@pytest.mark.parametrize("variable, inside", [
    ("REPORTS_DIR", "raw/monitoring"),   # the results workbook published there was read as monitoring data next time
    ("REPORTS_DIR", "raw"),
    ("PROCESSED_DIR", "config"),
    ("PROCESSED_DIR", "raw/monitoring/2025"),
])
def test_an_output_folder_inside_the_inputs_is_refused_in_one_line(made_report, variable, inside):
    """Seen in the hostile pass: REPORTS_DIR=data/raw/monitoring published the report, a notebook and the results
    workbook among the analysts' workbooks (exit 0), and the next `make data` stopped on them."""
    root = made_report["root"]
    before = sorted(p for p in (root / "raw").rglob("*")) + sorted(p for p in (root / "config").rglob("*"))
    run = make("report", **{**made_report["folders"], variable: root / inside})
    assert run.returncode == 2
    line = _one_line_of_ours(run)
    assert f"{variable}=" in line and "inside" in line and "Give a folder outside it" in line
    assert sorted(p for p in (root / "raw").rglob("*")) + sorted(p for p in (root / "config").rglob("*")) == before


# ----------------------------------------------------------------------------- a run that cannot write fails

@pytest.fixture
def built(made_report, tmp_path) -> dict:
    """A copy of a built project's data (its raw files, config and processed data), with an input changed since,
    so that `make data` has something to do."""
    folders = {}
    for variable in ("RAW_DIR", "CONFIG_DIR", "PROCESSED_DIR"):
        folders[variable] = tmp_path / variable.lower()
        shutil.copytree(made_report["folders"][variable], folders[variable])   # (times kept)
    folders["REPORTS_DIR"] = tmp_path / "reports"
    catalogue = folders["CONFIG_DIR"] / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n# a changed input\n", encoding="utf-8")
    return folders


def _read_only_mount(folder: Path):
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot bind-mount here (needs root)")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)


def test_a_read_only_processed_folder_fails_the_run(built):
    processed = built["PROCESSED_DIR"]
    _read_only_mount(processed)
    try:
        run = make("data", **built)
    finally:
        subprocess.run(["umount", str(processed)], capture_output=True)
    assert run.returncode == 2 and "Nothing to be done" not in run.stdout + run.stderr
    assert "processed_dir/.inputs.json: the file could not be written: the disk is mounted read-only" in run.stderr
    assert "Traceback" not in run.stderr


def test_an_unwritable_inputs_record_fails_the_run(built):
    record = built["PROCESSED_DIR"] / ".inputs.json"
    record.unlink()
    record.mkdir()                           # something in its place that cannot be replaced by a file
    os.utime(record, (1, 1))
    run = make("data", **built)
    assert run.returncode == 2 and "Nothing to be done" not in run.stdout + run.stderr
    assert ".inputs.json" in run.stderr and "Traceback" not in run.stderr


def test_a_full_disk_while_recording_the_inputs_fails_the_run(built, tmp_path):
    with small_tmpfs(tmp_path / "disk", "400k") as disk:
        processed = disk / "processed"
        shutil.copytree(built["PROCESSED_DIR"], processed)
        (processed / ".inputs.json").write_text("{}", encoding="utf-8")
        os.utime(processed / ".inputs.json", (1, 1))
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)     # the disk is full
        try:
            while os.write(filler, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(filler)
        run = make("data", **{**built, "PROCESSED_DIR": processed})
    assert run.returncode == 2 and "Nothing to be done" not in run.stdout + run.stderr
    assert "the disk is full" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("variables", [{"YEAR": "20x5"}, {"ENTITIES": "foo"}, {"LANG": "fr"}, {"DOCUMENTS": "boss"}])
def test_a_mistyped_parameter_stops_the_run_before_any_step(built, variables):
    """The data step has something to do (`built`), yet a value that cannot be right stops the run first."""
    before = {p.name: p.read_bytes() for p in built["PROCESSED_DIR"].iterdir()}
    run = make("report", **variables, **built)
    assert run.returncode == 2 and _one_line_of_ours(run).startswith("error: "), run.stderr
    assert "helpers run" not in run.stdout and "01_data" not in run.stdout
    assert {p.name: p.read_bytes() for p in built["PROCESSED_DIR"].iterdir()} == before
    assert not built["REPORTS_DIR"].exists() or not any(built["REPORTS_DIR"].rglob("*.ipynb"))


def test_a_folder_in_place_of_a_processed_file_is_said_and_the_advice_works(made_report, tmp_path):
    folders = {variable: tmp_path / variable.lower() for variable in ("RAW_DIR", "CONFIG_DIR", "PROCESSED_DIR")}
    for variable, folder in folders.items():
        shutil.copytree(made_report["folders"][variable], folder)
    folders["REPORTS_DIR"] = tmp_path / "reports"
    indicators = folders["PROCESSED_DIR"] / "indicators.csv"
    indicators.unlink()
    indicators.mkdir()
    analysis = folders["PROCESSED_DIR"] / "analysis.json"
    run = make(str(analysis), **folders)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "indicators.csv: this is a folder, where the file should be" in run.stderr, run.stderr
    assert "How to fix: move or rename that folder" in run.stderr
    indicators.rename(indicators.with_name("indicators (a folder).csv"))     # as the advice says
    again = make(str(analysis), **folders)
    assert again.returncode == 0, again.stderr


# ----------------------------------------------------------------------------- times and copies

def test_files_dated_in_the_future_neither_hang_make_nor_rerun_steps(tmp_path):
    project = ProjectCopy(tmp_path / "copied from a machine whose clock was ahead")
    tomorrow = time.time() + 86400
    helper = project.root / "src" / "helpers" / "analyse" / "comparison.py"
    config = project.root / "config" / "catalogue.yaml"
    for path in (helper, config):
        os.utime(path, (tomorrow, tomorrow))
    analysis = "data/processed/analysis.json"
    first = project.make(analysis, timeout=300)          # today's main restarts make forever here
    assert first.returncode == 0, first.stderr
    assert "dated in the future" in first.stderr
    assert helper.stat().st_mtime < time.time() + 5 and config.stat().st_mtime < time.time() + 5
    again = project.make(analysis, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "helpers analyse" not in again.stdout and "helpers run" not in again.stdout
    assert "Clock skew" not in again.stderr


def _copied_with_its_environment(original: Path, copy: Path) -> None:
    """`copy`'s environment runs the helpers in `original`'s src/, as a .venv copied with a project does (its
    editable install still points at the original)."""
    (copy / ".venv").unlink()
    (copy / ".venv" / "bin").mkdir(parents=True)
    python = copy / ".venv" / "bin" / "python"
    python.write_text(f'#!/bin/sh\nPYTHONPATH="{original / "src"}" exec "{paths.PROJECT_ROOT / ".venv/bin/python"}"'
                      ' "$@"\n')
    python.chmod(0o755)


def test_a_copied_project_works_on_its_own_files_or_refuses(tmp_path):
    original = ProjectCopy(tmp_path / "original").root
    copy = ProjectCopy(tmp_path / "copy").root
    _copied_with_its_environment(original, copy)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "TALENT_PROJECT_ROOT")}

    def make_in_copy() -> subprocess.CompletedProcess:
        return subprocess.run(["make", "--no-print-directory", "data/processed/analysis.json",
                               "INSTALLED=.installed-for-tests", "SETUP=false"],
                              cwd=copy, env=env, capture_output=True, text=True, timeout=600)

    run = make_in_copy()
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (original / "data" / "processed").iterdir()) == [".gitkeep"]
    assert (copy / "data" / "processed" / "analysis.json").exists()
    # Once the copy's code differs from the code its environment runs, it refuses, in one line.
    helper = copy / "src" / "helpers" / "core" / "formatting.py"
    helper.write_text(helper.read_text(encoding="utf-8") + "# edited in the copy\n", encoding="utf-8")
    before = {p.name: p.stat().st_mtime_ns for p in (copy / "data" / "processed").iterdir()}
    run = make_in_copy()
    assert run.returncode == 2
    line = _one_line_of_ours(run)
    assert line.startswith("error: this folder's environment runs the helpers in") and "formatting.py" in line
    assert "make setup" in line
    assert {p.name: p.stat().st_mtime_ns for p in (copy / "data" / "processed").iterdir()} == before
    assert sorted(p.name for p in (original / "data" / "processed").iterdir()) == [".gitkeep"]


def _a_project_and_its_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A minimal project folder (the Makefile, src/helpers, an empty data/processed) and a copy of it (`cp -a`)."""
    original = tmp_path / "original"
    (original / "data" / "processed").mkdir(parents=True)
    shutil.copy2(paths.PROJECT_ROOT / "Makefile", original)
    shutil.copytree(paths.PROJECT_ROOT / "src" / "helpers", original / "src" / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (original / "notebooks").mkdir()
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(original), str(copy)], check=True)
    return original, copy


def test_the_tools_of_a_copied_environment_run_in_the_copy_refuse_in_one_line(tmp_path):
    """Run directly, not by make (`.venv/bin/python -m helpers …`, `.venv/bin/papermill …`), the tools of an
    environment copied with the project run the original's helpers, which worked on the original's files: they
    wrote into its data/processed. Now `import helpers` refuses, naming both folders and the fix, before anything is
    written; from the original's own folder the same notebook writes there as before."""
    import nbformat
    original, copy = _a_project_and_its_copy(tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from helpers.core import paths\n"
                                          "(paths.PROCESSED_DIR / 'written.csv').write_text('x')")]
    nbformat.write(nb, copy / "notebooks" / "write.ipynb")
    # The copied environment: its Python finds the original's helpers (its editable install points there).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "TALENT_PROJECT_ROOT")}
    env.update(PYTHONPATH=str(original / "src"), IPYTHONDIR=str(tmp_path / "ipython"))
    processed = original / "data" / "processed"

    command = subprocess.run([sys.executable, "-m", "helpers", "resolve"], cwd=copy, env=env, capture_output=True,
                             text=True, timeout=60)
    assert command.returncode == 2 and len(command.stderr.splitlines()) == 1, command.stderr
    line = command.stderr
    assert line.startswith(f"error: {copy}: you are working in this project folder") and f"{original} (" in line
    assert f"run `make setup` in {copy}" in line and "Traceback" not in line

    def papermill(cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "papermill", "-k", "python3", str(copy / "notebooks" /
                               "write.ipynb"), str(tmp_path / "out.ipynb")], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=120)
    notebook = papermill(copy / "notebooks")
    assert notebook.returncode != 0 and list(processed.iterdir()) == []
    # (papermill itself refuses as it starts, before the kernel: pyproject.toml's papermill.engine entry point)
    assert notebook.stderr.startswith(f"error: {copy}: you are working in this project folder"), notebook.stderr
    assert list(processed.iterdir()) == [] and list((copy / "data" / "processed").iterdir()) == []
    # The same notebook, run from the original's folder, writes there: the helpers' folder is the original.
    assert papermill(original).returncode == 0
    assert [p.name for p in processed.iterdir()] == ["written.csv"]


def _an_environment_in(folder: Path) -> Path:
    """A venv in `folder`/.venv as `make setup` leaves it, for what matters here: its python (a link to the system's)
    and pyvenv.cfg, an install of the folder's own helpers (a .pth, as the editable install's), the packages (this
    checkout's, by a link inside it), and a bin/papermill whose first line names its python, as pip writes it."""
    venv = folder / ".venv"
    site = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    site.mkdir(parents=True)
    (venv / "bin").mkdir()
    system_python = Path(os.path.realpath(sys.executable))
    (venv / "bin" / "python").symlink_to(system_python)
    (venv / "pyvenv.cfg").write_text(f"home = {system_python.parent}\ninclude-system-site-packages = false\n"
                                     f"version = {'.'.join(map(str, sys.version_info[:3]))}\n", encoding="utf-8")
    packages = next(Path(p) for p in sys.path if p.endswith("site-packages") and Path(p).is_relative_to(sys.prefix))
    (site / "packages").symlink_to(packages)
    (site / "this-project.pth").write_text(f"{folder / 'src'}\n{site / 'packages'}\n", encoding="utf-8")
    papermill = venv / "bin" / "papermill"
    papermill.write_text(f"#!{venv / 'bin' / 'python'}\nimport sys\nfrom papermill.__main__ import papermill\n"
                         "sys.exit(papermill())\n", encoding="utf-8")
    papermill.chmod(0o755)
    return venv


def test_the_tools_of_a_copied_environment_run_from_outside_any_project_refuse_in_one_line(tmp_path):
    """`cp -a` copies the .venv too: its python still runs the original's helpers (the editable install), and its
    bin/papermill the original's Python (its first line). Run from a folder in no project (`cd ~`), neither finds a
    project in the working folder: `python -m helpers resolve` and `papermill` on the copy's notebook wrote into
    the original's data/processed. Now both refuse in one line naming the two folders and `make setup` in the copy;
    the original's own tools still work from there."""
    import nbformat
    original = tmp_path / "original"
    (original / "data" / "processed").mkdir(parents=True)
    (original / "notebooks").mkdir()
    shutil.copy2(paths.PROJECT_ROOT / "Makefile", original)
    shutil.copytree(paths.PROJECT_ROOT / "src" / "helpers", original / "src" / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    _an_environment_in(original)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from helpers.core import paths\n"
                                          "(paths.PROCESSED_DIR / 'written.csv').write_text('x')")]
    nbformat.write(nb, original / "notebooks" / "write.ipynb")
    copy = tmp_path / "my copy"
    subprocess.run(["cp", "-a", str(original), str(copy)], check=True)
    outside = tmp_path / "home"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "TALENT_PROJECT_ROOT",
                                                             "PYTHONPATH")}
    env.update(IPYTHONDIR=str(tmp_path / "ipython"))
    processed = original / "data" / "processed"

    def from_outside(*command: object) -> subprocess.CompletedProcess:
        return subprocess.run([str(c) for c in command], cwd=outside, env=env, capture_output=True, text=True,
                              timeout=120)

    def refused(run: subprocess.CompletedProcess) -> None:
        assert run.returncode == 2 and len(run.stderr.splitlines()) == 1, run.stderr
        assert run.stderr.startswith(f"error: {copy}: what you ran is this project folder's environment, but it runs "
                                     f"the helpers of another one, {original} ("), run.stderr
        assert f"run `make setup` in {copy} " in run.stderr and "Traceback" not in run.stderr
        assert list(processed.iterdir()) == [] and list((copy / "data" / "processed").iterdir()) == []

    refused(from_outside(copy / ".venv" / "bin" / "python", "-m", "helpers", "resolve"))
    refused(from_outside(copy / ".venv" / "bin" / "papermill", "-k", "python3", copy / "notebooks" / "write.ipynb",
                         tmp_path / "out.ipynb"))
    refused(from_outside(copy / ".venv" / "bin" / "python", "-m", "papermill", "-k", "python3",
                         copy / "notebooks" / "write.ipynb", tmp_path / "out.ipynb"))
    # The original's own tools, from the same folder, work on the original's files.
    assert from_outside(original / ".venv" / "bin" / "python", "-c", "import helpers").returncode == 0
    run = from_outside(original / ".venv" / "bin" / "papermill", "-k", "python3", original / "notebooks" /
                       "write.ipynb", tmp_path / "out.ipynb")
    assert run.returncode == 0, run.stderr
    assert [p.name for p in processed.iterdir()] == ["written.csv"]


def test_make_clean_removes_only_what_the_steps_wrote(made_report, tmp_path):
    """REPORTS_DIR and PROCESSED_DIR may be the analyst's own folders (the desktop): `make clean` removes the files the
    steps wrote there, by name, and nothing else (it used to remove every file in REPORTS_DIR, and every .csv, .xlsx
    and .json in PROCESSED_DIR: `make clean REPORTS_DIR=.` removed the project)."""
    theirs = {"notes.csv": "x", "budget.xlsx": "x", "photo.json": "x", "executed/mine.txt": "x", "2024/plan.docx": "x",
              "monitoring.xlsx": "x", ".gitkeep": "",
              # the template as an analyst filled it in (make template refuses to replace it): redteam10 finding 6
              "monitoring-template.xlsx": "x"}
    folders = dict(made_report["folders"])
    for variable in ("PROCESSED_DIR", "REPORTS_DIR"):
        desk = tmp_path / variable.lower()
        shutil.copytree(folders[variable], desk)
        for name, text in theirs.items():
            (desk / name).parent.mkdir(parents=True, exist_ok=True)
            (desk / name).write_text(text, encoding="utf-8")
        folders[variable] = desk
    run = make("clean", **folders)
    assert run.returncode == 0, run.stderr
    for variable in ("PROCESSED_DIR", "REPORTS_DIR"):
        left = sorted(p.relative_to(folders[variable]).as_posix() for p in folders[variable].rglob("*") if p.is_file())
        assert left == sorted(theirs), (variable, left)


def test_settling_future_times_never_changes_a_file_outside_the_project_through_a_link(tmp_path):
    from helpers.files.fingerprint import settle_future_times
    root, outside = tmp_path / "project", tmp_path / "outside"
    (root / "config").mkdir(parents=True)
    (outside / "folder").mkdir(parents=True)
    tomorrow = time.time() + 86400
    theirs = outside / "sources.yaml"
    theirs.write_text("x")
    (outside / "folder" / "catalogue.yaml").write_text("x")
    (root / "config" / "sources.yaml").symlink_to(theirs)                 # a linked file
    (root / "config" / "linked").symlink_to(outside / "folder")           # a linked folder
    own = root / "config" / "method.yaml"
    own.write_text("x")
    for path in (theirs, outside / "folder" / "catalogue.yaml", own):
        os.utime(path, (tomorrow, tomorrow))
    settled = settle_future_times([root / "config"], project_root=root)
    assert settled == [own] and own.stat().st_mtime < time.time() + 5
    assert theirs.stat().st_mtime == tomorrow and (outside / "folder" / "catalogue.yaml").stat().st_mtime == tomorrow


def test_a_whole_make_report_writes_nothing_outside_the_project(made_report):
    """Run with HOME an empty folder (conftest's made_report): Chromium's settings and crash-report folders, dconf's
    and fontconfig's caches, IPython's and matplotlib's folders all stay in the project's .make/."""
    assert sorted(p.relative_to(made_report["home"]).as_posix() for p in made_report["home"].rglob("*")) == []


def test_make_read_from_another_folder_refuses_in_one_line_and_writes_nothing_there(tmp_path):
    """`make -f …/Makefile report` from another folder ran the steps on that folder's (missing) files and wrote its
    .make/ there, ending in a shell error; `make -C FOLDER` is the way, and the line says so."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(["make", "-f", str(paths.PROJECT_ROOT / "Makefile"), "report"], cwd=elsewhere,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "run it in the project's folder" in run.stderr and f'make -C "{paths.PROJECT_ROOT}" report' in run.stderr
    assert list(elsewhere.iterdir()) == []
    advised = subprocess.run(["make", "-C", f"{paths.PROJECT_ROOT}/", "help"], cwd=elsewhere, capture_output=True,
                             text=True, timeout=120)
    assert advised.returncode == 0 and "make report" in advised.stdout
    (elsewhere / "Makefile").write_text("report:\n\ttouch ran\n", encoding="utf-8")   # a folder with its own
    again = subprocess.run(["make", "-f", str(paths.PROJECT_ROOT / "Makefile"), "report"], cwd=elsewhere,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 2 and "from another folder" in again.stderr and not (elsewhere / "ran").exists()


def test_make_in_the_notebooks_folder_says_where_to_run_it_in_one_line():
    """`make report` in notebooks/ (where an analyst's terminal often is) said only make's own "No rule to make
    target 'report'. Stop.": now one line says to run it in the project's folder, and how; the advice works."""
    notebooks = paths.PROJECT_ROOT / "notebooks"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")}
    run = subprocess.run(["make", "report", "YEAR=2025"], cwd=notebooks, env=env, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and run.stdout == "", run.stderr
    assert "make runs in the project's folder, not in notebooks/: cd .. && make report (with the same parameters)" \
        in run.stderr
    bare = subprocess.run(["make"], cwd=notebooks, env=env, capture_output=True, text=True, timeout=60)
    assert bare.returncode == 2 and "cd .. && make help" in bare.stderr, bare.stderr
    advice = bare.stderr.split("notebooks/: ", 1)[1].split(".  Stop.")[0]
    advised = subprocess.run(advice, shell=True, cwd=notebooks, env=env, capture_output=True, text=True, timeout=60)
    assert advised.returncode == 0 and "make report" in advised.stdout, advised.stderr


@pytest.mark.parametrize("jobs", ["0", "two", "-1", "1 2", ""])
def test_a_number_of_jobs_that_is_not_one_is_refused_in_one_line(jobs):
    """JOBS=0 made make print "the '-j' option requires a positive integer argument" on each of its restarts and go
    on; JOBS=two was passed over in silence."""
    run = make("help", JOBS=jobs)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert f"JOBS='{jobs}' is not a number of steps to run side by side: give 1 or more" in run.stderr
    assert make("help", JOBS="1").returncode == 0


# ----------------------------------------------------------------------------- special files never hang make

def test_a_plan_that_is_a_named_pipe_stops_make_data_in_one_line(workspace):
    """Was (redteam6 H-special-files): `make data` sat in the data notebook, with no output, until it was killed.
    make's first step names the pipe before any recipe opens it (the time limit turns a hang into a failure)."""
    plan = workspace / "raw" / "jiande_talent_plan_2021-2025.txt"
    plan.unlink()
    os.mkfifo(plan)
    folders = {"RAW_DIR": workspace / "raw", "CONFIG_DIR": workspace / "config",
               "PROCESSED_DIR": workspace / "processed", "REPORTS_DIR": workspace / "reports"}
    try:
        run = subprocess.run(["make", "--no-print-directory", "data", *(f"{k}={v}" for k, v in folders.items())],
                             cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("make data hung on a named pipe in place of a plan (120 s)")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"error: {plan}: this is a named pipe (FIFO), not a file: it is not opened "
                                 "(reading it would wait for ever, never end, or fail)\n  How to fix: delete it"), \
        run.stderr
    assert not (workspace / "processed" / "indicators.csv").exists()
