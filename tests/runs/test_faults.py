"""Faults while writing and running: a locked or read-only file, a full disk, a killed kernel, Ctrl-C, a
killed run's leftovers, a missing Chromium. Each ends in the project's words (file, problem, fix), exit 1,
no traceback, and the last good outputs in place."""
import errno
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make
from helpers.core import paths
from helpers.core.errors import NOTHING_REPLACED, InputError
from helpers.extract import dataset
from helpers.files import atomic
from helpers.run import cli
from support.disks import small_tmpfs


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir())}


@pytest.fixture
def report_set(tmp_path) -> tuple[Path, Path, list[str]]:
    """A last good report and a newly built one, as make leaves them before publishing."""
    build, final = tmp_path / ".build", tmp_path / "2025"
    names = ["04_report.ipynb", "talent-plan-brief.html", "talent-plan-brief.pdf", "talent-plan-results.xlsx"]
    for folder, content in ((build, "new"), (final, "last good")):
        folder.mkdir()
        for name in names:
            (folder / name).write_text(f"{content} {name}", encoding="utf-8")
    return build, final, names


def test_a_locked_file_stops_the_publishing_and_puts_back_what_was_replaced(report_set, monkeypatch, capsys):
    build, final, names = report_set
    before = _files(final)
    real_replace = os.replace

    def locked(source, target, *args, **kwargs):
        if Path(target).name == "talent-plan-brief.pdf":          # open in a PDF viewer (Windows), or read-only
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", locked)
    status = cli.main(["publish", str(build), str(final), *names])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert "talent-plan-brief.pdf: the file could not be written: permission denied" in err
    assert "open in another program" in err and "How to fix: close it" in err
    assert "Nothing was replaced" in err
    assert _files(final) == before                       # the two already replaced are put back
    assert not [p for p in final.iterdir() if p.name.startswith(".")]


def test_publishing_puts_every_file_in_place_and_keeps_the_built_ones(report_set, capsys):
    build, final, names = report_set
    assert cli.main(["publish", str(build), str(final), *names]) == 0
    assert _files(final) == _files(build)                # make still sees the built files, as hard links
    assert os.stat(final / names[0]).st_ino == os.stat(build / names[0]).st_ino


def _previous_good(processed: Path) -> dict[str, bytes]:
    (processed / "indicators.csv").write_text("previous good output", encoding="utf-8")
    return _files(processed)


def test_a_full_disk_while_writing_the_data_is_said_and_keeps_the_data(workspace, monkeypatch):
    import helpers.extract.dataset as ds_module
    ds = dataset.build(workspace / "raw", workspace / "config")
    processed = workspace / "processed"
    before = _previous_good(processed)

    def full(sheets, path, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ds_module, "write_xlsx", full)
    with pytest.raises(InputError) as info:
        dataset.write(ds, processed)
    assert "the disk is full" in info.value.problem and "df -h" in info.value.fix
    assert _files(processed) == before


@pytest.fixture
def small_disk(tmp_path):
    """A real full disk: a 96 kB tmpfs."""
    with small_tmpfs(tmp_path / "disk", "96k") as mount:
        yield mount


def test_a_really_full_disk(workspace, small_disk):
    ds = dataset.build(workspace / "raw", workspace / "config")
    processed = small_disk / "processed"
    processed.mkdir()
    before = _previous_good(processed)
    with pytest.raises(InputError) as info:
        dataset.write(ds, processed)
    assert "the disk is full" in info.value.problem
    assert _files(processed) == before                   # no staging folder left either


def test_a_killed_kernel_is_said_and_replaces_nothing(tmp_path):
    notebook = _notebook(tmp_path / "dies.ipynb", "import os, signal", "os.kill(os.getpid(), signal.SIGKILL)")
    output = tmp_path / "out" / "dies.ipynb"
    output.parent.mkdir()
    output.write_text("last good", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "helpers", "run", str(notebook), str(output)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "DeadKernelError" not in result.stderr
    assert "the notebook's kernel died while running it" in result.stderr and "How to fix: rerun" in result.stderr
    assert "Nothing was replaced" in result.stderr
    assert output.read_text(encoding="utf-8") == "last good" and [p.name for p in output.parent.iterdir()] == [
        "dies.ipynb"]


def _notebook(path: Path, *lines: str) -> Path:
    path.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": [],
                   "source": [line + "\n" for line in lines]}],
        "metadata": {"kernelspec": {"name": "talent-plan", "display_name": "talent-plan", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return path


@pytest.fixture
def own_home(tmp_path):
    """An empty home folder, and the environment of a run whose home it is (and whose project is tmp/project). Short
    (in /tmp), as most are: a socket's path may not exceed 107 bytes (see the next test for a long one)."""
    import tempfile
    home = Path(tempfile.mkdtemp(prefix="home-"))
    (tmp_path / "project").mkdir()
    tools = ("JUPYTER", "XDG_", "IPYTHON", "MPL")       # variables that would say where to write instead
    env = {name: value for name, value in os.environ.items() if not name.startswith(tools)}
    env.update(HOME=str(home), TALENT_PROJECT_ROOT=str(tmp_path / "project"))
    yield home, env
    shutil.rmtree(home)


def _written(home: Path) -> list[Path]:
    return list(home.rglob("*"))


def test_a_killed_run_leaves_nothing_outside_the_project_and_the_next_run_tidies_up(tmp_path, own_home):
    """A run stopped by force (SIGKILL of make's step) used to leave its kernel's connection file and five socket
    files in ~/.local/share/jupyter/runtime for good (and every run wrote IPython's history in ~/.ipython, and
    matplotlib its font cache in ~/.cache). Now the kernel's files are the project's (.make/kernels/), and the next
    run removes those of a killed run; IPython's and matplotlib's folders are the project's (.make/)."""
    import time

    import psutil
    home, env = own_home
    project = tmp_path / "project"
    started = tmp_path / "started"
    waits = _notebook(tmp_path / "waits.ipynb", "import pathlib, time", f"pathlib.Path({str(started)!r}).touch()",
                      "time.sleep(600)")
    run = subprocess.Popen([sys.executable, "-m", "helpers", "run", str(waits), str(tmp_path / "out.ipynb")],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not started.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    kernels = psutil.Process(run.pid).children(recursive=True)
    run.kill()
    run.wait()
    psutil.wait_procs(kernels, timeout=10)               # a kernel stops when the run that started it has gone
    for kernel in kernels:
        kernel.kill() if kernel.is_running() else None
    assert started.exists()
    assert _written(home) == []
    kernel_files = project / ".make" / "kernels"
    assert len(list(kernel_files.glob("kernel-*.json"))) == 1    # the killed run's, in the project
    # (A figure: matplotlib keeps a font cache, and a config folder, in the project too.)
    quick = _notebook(tmp_path / "quick.ipynb", "import matplotlib.pyplot as plt", "plt.plot([1, 2])")
    done = subprocess.run([sys.executable, "-m", "helpers", "run", str(quick), str(tmp_path / "quick-out.ipynb")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(kernel_files.glob("kernel-*.json")) == []
    assert _written(home) == []
    assert list((project / ".make" / "matplotlib").glob("fontlist-*.json"))


@pytest.mark.parametrize("tmpdir", ["/a folder that is not there", "/proc"])
def test_a_temporary_folder_that_cannot_be_written_in_is_passed_over(tmp_path, tmpdir):
    """TMPDIR gone or read-only: Python passes over it by itself, but Chromium failed to start (with advice about
    Chromium). Every process a command starts gets the folder Python found instead."""
    where = _notebook(tmp_path / "where.ipynb", "import os", "print(os.environ['TMPDIR'])")
    done = subprocess.run([sys.executable, "-m", "helpers", "run", str(where), str(tmp_path / "out.ipynb")],
                          env={**os.environ, "TMPDIR": tmpdir}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    used = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))["cells"][0]["outputs"][0]["text"]
    assert "".join(used).strip() == "/tmp"


def test_a_temporary_folder_too_long_for_chromiums_sockets_is_passed_over(tmp_path):
    """A TMPDIR of 150 characters: Chromium makes its sockets' folder there, whose path then passed 107 bytes, and it
    could not start ("Target page, context or browser has been closed", with advice about installing Chromium)."""
    long = tmp_path / ("t" * 150)
    long.mkdir()
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>一页</p></body></html>", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "helpers", "render", "pdf", str(page), str(tmp_path / "page.pdf")],
                          env={**os.environ, "TMPDIR": str(long)}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and (tmp_path / "page.pdf").read_bytes()[:5] == b"%PDF-", done.stderr


def test_a_run_works_whatever_the_length_of_the_home_folders_path(tmp_path, own_home):
    """Kernels' sockets were files in ~/.local/share/jupyter/runtime: with a home folder's path of some 60
    characters, every notebook run ended in a traceback (zmq: "File name too long")."""
    _, env = own_home
    home = tmp_path / ("a long name for a home folder " * 3).strip()
    home.mkdir()
    env = {**env, "HOME": str(home)}
    quick = _notebook(tmp_path / "quick.ipynb", "1 + 1")
    done = subprocess.run([sys.executable, "-m", "helpers", "run", str(quick), str(tmp_path / "quick-out.ipynb")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_under_make_j2_says_so_once(tmp_path, signum):
    """Ctrl-C reaches every step make runs side by side (make -j2: the report notebook and the results workbook, or
    the two analysis notebooks), and each printed its own "interrupted." line; SIGTERM to make, which passes it on
    to each, did the same. Now one line for the run."""
    import time
    env = {**os.environ, "TALENT_PROJECT_ROOT": str(tmp_path)}
    for job in ("a", "b"):
        _notebook(tmp_path / f"{job}.ipynb", "import pathlib, time", f"pathlib.Path('{job}.started').touch()",
                  "time.sleep(600)")
    (tmp_path / "Makefile").write_text(
        "all: run/a.ipynb run/b.ipynb\nrun/%.ipynb: %.ipynb\n"
        f"\tenv --block-signal=INT,TERM {shlex.quote(sys.executable)} -m helpers run $< $@\n", encoding="utf-8")

    def like_a_terminal():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setsid()
    make_run = subprocess.Popen(["make", "-j2", "--no-print-directory"], cwd=tmp_path, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=like_a_terminal)
    deadline = time.monotonic() + 180
    while not all((tmp_path / f"{job}.started").exists() for job in "ab") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert make_run.poll() is None, make_run.communicate()
    if signum == signal.SIGINT:
        os.killpg(make_run.pid, signum)                  # Ctrl-C: to the terminal's whole group
    else:
        make_run.send_signal(signum)                     # to make alone
    _, err = make_run.communicate(timeout=120)
    ours = [line for line in err.splitlines() if not line.startswith("make")]
    assert ours == ["interrupted. Nothing was replaced: the outputs of the last good run are still in place."], err
    assert make_run.returncode != 0


def test_notebooks_run_at_once_in_one_folder_each_have_a_kernel_of_their_own(tmp_path):
    """make -j2 runs two notebooks side by side (make analysis: 02 and 03), and two runs may share a project: each
    kernel has its own ports and connection file (their socket files used to be named kernel-ipc-1 … in the working
    folder, the same for all: two kernels took each other's, one never answered, and its run ended in a traceback a
    minute later)."""
    notebook = tmp_path / "which.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": [],
                   "source": ["import json, time\n", "from ipykernel.connect import get_connection_file\n",
                              "c = get_connection_file()\n", "print(c, json.load(open(c))['shell_port'])\n",
                              "time.sleep(2)"]}],
        "metadata": {"kernelspec": {"name": "talent-plan", "display_name": "talent-plan", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    outputs = [tmp_path / f"run{i}.ipynb" for i in range(3)]
    runs = [subprocess.Popen([sys.executable, "-m", "helpers", "run", str(notebook), str(output)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for output in outputs]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0 and err == "", err
    kernels = [json.loads(o.read_text(encoding="utf-8"))["cells"][0]["outputs"][0]["text"][0].rsplit(maxsplit=1)
               for o in outputs]   # (the file's path may hold spaces: the project's folder may)
    assert len({file for file, _ in kernels}) == 3 and len({port for _, port in kernels}) == 3, kernels
    assert all(Path(file).parent == paths.PROJECT_ROOT / ".make" / "kernels" for file, _ in kernels), kernels
    assert not list(tmp_path.glob("kernel-ipc*")) and not list(paths.NOTEBOOKS_DIR.glob("kernel-ipc*"))


def test_a_notebook_run_keeps_no_history_in_the_home_folder_and_leaves_no_kernel_behind(tmp_path):
    """The runner starts the kernel itself (it boots while papermill is imported): with papermill's setting, its
    IPython history in memory, not in ~/.ipython; and the kernel ends with the run."""
    import psutil
    notebook = _notebook(tmp_path / "small.ipynb", "import os", "print(os.getpid())")
    import tempfile
    home = Path(tempfile.mkdtemp(prefix="home-", dir="/tmp"))   # short: socket paths under it are limited
    environment = {k: v for k, v in os.environ.items() if k not in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR")}
    result = subprocess.run([sys.executable, "-m", "helpers", "run", str(notebook), str(tmp_path / "out.ipynb")],
                            capture_output=True, text=True, timeout=300, env={**environment, "HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert not list(home.rglob("history.sqlite"))
    shutil.rmtree(home)
    kernel = int(json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))["cells"][0]["outputs"][0]["text"][0])
    assert not psutil.pid_exists(kernel) or psutil.Process(kernel).status() == psutil.STATUS_ZOMBIE


def test_a_kernel_that_never_answers_is_said_not_thrown(tmp_path, monkeypatch):
    import papermill

    from helpers.run.notebook_runner import run_notebook

    def no_answer(*args, **kwargs):
        raise RuntimeError("Kernel didn't respond in 60 seconds")
    monkeypatch.setattr(papermill, "execute_notebook", no_answer)
    with pytest.raises(InputError) as info:
        run_notebook(tmp_path / "a.ipynb", tmp_path / "out.ipynb", {})
    assert "the notebook's kernel did not start (Kernel didn't respond in 60 seconds)" in str(info.value)


def test_a_folder_in_place_of_an_output_is_said_and_keeps_the_others(report_set):
    """The data step publishes its files together: a folder where one of them belongs stops it, said as such."""
    build, reports, names = report_set
    (reports / names[0]).unlink()
    (reports / names[0]).mkdir()
    with pytest.raises(InputError) as info:
        atomic.install_together([(build / n, reports / n) for n in reversed(names)])   # the folder's file last
    assert "this is a folder, where the file should be" in info.value.problem
    assert "move or rename that folder" in info.value.fix
    assert all((reports / n).read_text(encoding="utf-8") == f"last good {n}" for n in names[1:])   # put back
    assert sorted(p.name for p in reports.iterdir()) == sorted(names)


def test_ctrl_c_is_one_line_and_exit_130(capsys):
    def interrupted():
        raise KeyboardInterrupt

    assert cli.exit_status(interrupted, after_error="Nothing was replaced.") == cli.INTERRUPTED
    err = capsys.readouterr().err
    assert err == "interrupted. Nothing was replaced.\n"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_before_python_has_started_is_one_line_too(tmp_path, signum):
    """The earliest Ctrl-C there is: already waiting when the step's Python starts (make starts each step with it
    held back, as here). It arrives once the command can stop in one line, never during Python's start-up."""
    def pending_from_the_start():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        os.kill(os.getpid(), signum)
    result = subprocess.run([sys.executable, "-m", "helpers", "resolve", "--processed-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, preexec_fn=pending_from_the_start)
    assert result.returncode == cli.INTERRUPTED, result.stderr
    assert result.stderr == "interrupted. Nothing was replaced: the command had not started.\n"


def test_commands_a_make_step_starts_itself_each_say_they_were_stopped(tmp_path):
    """Only the steps make runs share one "interrupted." line. A program run by make that starts commands of its
    own (the test suite under `make test`, CI) is not make's step: each of its commands says it. Under `make test`
    the first stopped command left the mark, and every later one printed nothing."""
    twice = ("import os, signal, subprocess, sys\n"
             "def pending():\n"
             "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})\n"
             "    os.kill(os.getpid(), signal.SIGTERM)\n"
             "for _ in range(2):\n"
             "    r = subprocess.run([sys.executable, '-m', 'helpers', 'resolve', '--processed-dir',\n"
             f"                        {str(tmp_path)!r}],\n"
             "                       capture_output=True, text=True, preexec_fn=pending)\n"
             "    print(r.returncode, r.stderr, end='')\n")
    (tmp_path / "program.py").write_text(twice, encoding="utf-8")
    (tmp_path / "Makefile").write_text(f"all:\n\t@{shlex.quote(sys.executable)} program.py\n", encoding="utf-8")
    run = subprocess.run(["make", "--no-print-directory"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.stdout == "130 interrupted. Nothing was replaced: the command had not started.\n" * 2, run.stderr


def test_ctrl_c_while_the_command_imports_what_stopping_needs_is_one_line_too():
    """Ctrl-C as `inputs` starts, while it imports helpers.files.atomic: the handler imported that module itself,
    found it half-made, and ended in an ImportError traceback (seen once in some twenty random Ctrl-Cs)."""
    half_made = ("import os, signal, sys, types\n"
                 "from helpers.run import cli\n"
                 "cli._stop_cleanly('')\n"
                 "sys.modules['helpers.files.atomic'] = types.ModuleType('helpers.files.atomic')\n"
                 "os.kill(os.getpid(), signal.SIGINT)\n")
    result = subprocess.run([sys.executable, "-c", half_made], capture_output=True, text=True, timeout=60)
    assert result.returncode == cli.INTERRUPTED, result.stderr
    assert result.stderr == "interrupted. Nothing was replaced: the outputs of the last good run are still in place.\n"


def test_make_starts_every_step_with_ctrl_c_held_back(tmp_path):
    """What the Makefile runs as `python -m helpers` starts with SIGINT and SIGTERM blocked (helpers/__init__.py
    unblocks them once its handler is in place)."""
    mask = tmp_path / "mask"
    python = tmp_path / "python"
    python.write_text(f"#!/bin/bash\ngrep SigBlk /proc/self/status > '{mask}'\n", encoding="utf-8")
    python.chmod(0o755)
    stamp = tmp_path / "installed"
    stamp.touch()
    run = make("environment", PY=python, INSTALLED=stamp, SETUP="false")
    assert run.returncode == 0, run.stderr
    blocked = int(mask.read_text(encoding="utf-8").split()[1], 16)
    assert blocked & (1 << (signal.SIGINT - 1)) and blocked & (1 << (signal.SIGTERM - 1))


def test_an_os_error_anywhere_is_said_not_thrown(capsys):
    def unreadable():
        raise PermissionError(errno.EACCES, "Permission denied", "data/raw/monitoring/2021.xlsx")

    assert cli.exit_status(unreadable) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: data/raw/monitoring/2021.xlsx: the file could not be opened: permission denied")


def test_the_next_run_removes_what_a_killed_run_left_but_not_a_live_runs_files(tmp_path):
    dead = 2 ** 22 + 12345                              # above Linux's default pid_max: no such process
    assert not atomic.running(dead)
    folder = tmp_path / "processed"
    (folder / f".processed.staging-{dead}-abcd1234").mkdir(parents=True)
    (folder / f".indicators.{dead}.partial.csv").write_text("half", encoding="utf-8")
    (folder / ".04_report_2025_zh.partial.ipynb").write_text("half (an older run)", encoding="utf-8")
    live = folder / f".trends.{os.getpid()}.partial.csv"
    live.write_text("being written", encoding="utf-8")
    with atomic.replaced_when_done(folder / "indicators.csv") as partial:
        partial.write_text("new", encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["indicators.csv", live.name])


def test_make_setup_installs_a_missing_chromium_whatever_its_stamp_says(tmp_path, monkeypatch):
    """The advice "run make setup" works: setup checks every piece, and installs a missing Chromium."""
    from helpers.report import render
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(tmp_path))            # no chromium anywhere
    with pytest.raises(InputError) as info:
        render.find_chromium()
    assert "make setup" in info.value.fix
    monkeypatch.setenv("PATH", path)
    # make setup runs the setup script even with a fresh stamp (it once said "Nothing to be done") ...
    dry = subprocess.run(["make", "-n", "setup"], cwd=paths.PROJECT_ROOT, capture_output=True, text=True)
    assert "scripts/setup.sh" in dry.stdout and "Nothing to be done" not in dry.stdout
    # ... and the script installs what dpkg says is missing.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    (bin_dir / "dpkg-query").write_text('#!/bin/sh\nfor a; do [ "$a" = chromium ] && exit 1; done\n'
                                        'echo "install ok installed"\n')
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    run = subprocess.run(["scripts/ensure-system-deps.sh", "fonts-noto-cjk", "chromium", "poppler-utils"],
                         cwd=paths.PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "install" in log.read_text() and "chromium" in log.read_text().split("install", 1)[1]
    assert "fonts-noto-cjk" not in log.read_text()


def test_leftover_staging_folders_are_not_in_the_processed_tables(workspace):
    """A staging folder lives hidden inside the output folder (same disk), and never shows up as an output."""
    processed = workspace / "processed"
    written = dataset.write(dataset.build(workspace / "raw", workspace / "config"), processed)
    assert all(p.parent == processed and not p.name.startswith(".") for p in written)
    assert not [p for p in processed.iterdir() if p.name.startswith(".") and p.is_dir()]
    shutil.rmtree(processed)


@pytest.mark.parametrize("registered, said", [
    ('{"argv": ["/nowhere/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "language": "python", '
     '"display_name": "x"}', "the program it names, /nowhere/python, does not exist"),
    ('{"argv": ["{kernels}/talent-plan/kernel.json", "{connection_file}"], "language": "python", "display_name": "x"}',
     "kernel.json, cannot be run (Permission denied)"),
    ('{"argv": ', "its registration is damaged (JSONDecodeError"),
    ('{"argv": ["' + sys.executable + '", "-c", "raise SystemExit(3)", "{connection_file}"], "language": "python", '
     '"display_name": "x"}', "it ended as it started, before it ran a cell"),
])
def test_a_kernel_that_cannot_start_is_worded_with_advice_that_works(tmp_path, registered, said):
    """A kernel registered for a Python that has gone (a project moved, a stale registration in ~/.local/share/jupyter
    that hides the environment's own), a damaged registration, a kernel that dies as it starts (a port taken
    meanwhile, a broken package): what, why and the fix, never a traceback nor jupyter_client's own log line."""
    kernels = tmp_path / "jupyter" / "kernels"
    (kernels / "talent-plan").mkdir(parents=True)
    (kernels / "talent-plan" / "kernel.json").write_text(registered.replace("{kernels}", str(kernels)))
    notebook = _notebook(tmp_path / "one.ipynb", "print(1)")
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter")}
    command = [sys.executable, "-m", "helpers", "run", str(notebook), str(tmp_path / "out.ipynb")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 1 and run.stderr.startswith("error: ") and said in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and "Error occurred while starting" not in run.stderr
    assert "How to fix: " in run.stderr and not (tmp_path / "out.ipynb").exists()
    if "ended as it started" not in said:       # the advice: remove the registration that hides the environment's
        assert f'`rm -r "{kernels / "talent-plan"}"`' in run.stderr
        shutil.rmtree(kernels / "talent-plan")
        again = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
        assert again.returncode == 0, again.stderr


def test_a_failure_is_said_once_without_pythons_traceback_for_what_it_left_half_done(tmp_path):
    """openpyxl leaves its half-written zip archive open when the disk fills (results-workbook on a 56 kB disk); as
    Python cleared it away, closing it failed again: "Exception ignored in: <function ZipFile.__del__>" and a
    traceback after the worded error. Here an object as such an archive: its clean-up fails as the disk is full."""
    program = ("import errno, sys\n"
               "from helpers.run import cli\n"
               "from helpers.core.errors import file_error\n"
               "class Archive:\n"
               "    def __del__(self):\n"
               "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
               "def step():\n"
               "    archive = Archive()\n"
               "    archive.me = archive\n"         # (freed only by the garbage collector, after the words)
               "    raise file_error(OSError(errno.ENOSPC, 'No space left on device'), 'results.xlsx')\n"
               "status = cli.exit_status(step)\n"
               "import gc; gc.collect()\n"
               "sys.exit(status)\n")
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and run.stderr.startswith("error: results.xlsx: the disk is full"), run.stderr
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr


def test_a_stopped_command_with_a_child_of_asyncio_says_one_line(tmp_path):
    """Ctrl-C while Chromium's driver (a child started by asyncio, in the printing thread) runs: as the stop ended it,
    asyncio's child watcher logged "Loop … that handles pid … is closed" or "Unknown child process pid …" beside the
    one line (seen in make report -j2 stopped at random moments). Five tries: the watcher's timing varies."""
    program = ("import asyncio, os, signal, threading, time\n"
               "from helpers.run import cli\n"
               "cli._stop_cleanly('')\n"
               "async def driver():\n"
               "    await asyncio.create_subprocess_exec('sleep', '30')\n"      # left running as its loop closes
               "threading.Thread(target=lambda: asyncio.run(driver()), daemon=True).start()\n"
               "time.sleep(1)\n"
               "os.kill(os.getpid(), signal.SIGTERM)\n"
               "time.sleep(10)\n")
    for _ in range(5):
        run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
        assert run.returncode == 130 and run.stderr.splitlines() == [f"interrupted. {NOTHING_REPLACED}"], run.stderr
