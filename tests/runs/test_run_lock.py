"""One run at a time on a project's outputs (issue 18): a second run on the same folders stops at once, in one line
naming the run in progress; a record whose process has gone is taken over; the steps of one make run, and what
they start, are that run's."""
import json
import subprocess
import sys
import time

import psutil
import pytest

from conftest import make
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.files import run_lock


@pytest.fixture
def holder():
    """A live process recorded as a run in progress (as a make run is by its first step)."""
    process = subprocess.Popen(["sleep", "300"])
    holder = psutil.Process(process.pid)
    while not holder.cmdline():       # just started, its command line is not yet readable (seen empty)
        time.sleep(0.01)
    yield holder
    process.kill()
    process.wait()


def _hold(process, folder):
    assert run_lock._record([folder], owner=process, keep=True) is None


def test_a_run_in_progress_stops_a_second_make_run_at_once_in_one_line(holder, tmp_path):
    # The project's own raw and config folders by default: given on the command line, a project folder whose name
    # has a space (as in CI's check) is refused by make before the lock is reached.
    folders = {"PROCESSED_DIR": tmp_path / "processed", "REPORTS_DIR": tmp_path / "reports"}
    _hold(holder, folders["PROCESSED_DIR"])
    started = time.monotonic()
    run = make("report", YEAR="2025", **folders)
    assert time.monotonic() - started < 30
    ours = [line for line in run.stderr.splitlines() if not line.startswith("make")]
    assert run.returncode == 2 and len(ours) == 1 and "Traceback" not in run.stderr, run.stderr
    assert ours[0].startswith("error: another run is in progress in this project")
    assert f"`sleep 300` (process {holder.pid}," in ours[0] and f"`kill {holder.pid}`" in ours[0]
    assert not (tmp_path / "processed").exists() and not (tmp_path / "reports").exists()   # nothing written


def test_a_notebook_outside_the_make_run_may_not_publish_into_its_folder(holder, tmp_path):
    """A notebook run in JupyterLab while `make report` runs: its data step is refused, not mixed in."""
    from helpers.files.atomic import staged_outputs
    _hold(holder, tmp_path)
    with pytest.raises(InputError) as refused:
        with staged_outputs(tmp_path) as staging:
            (staging / "indicators.csv").write_text("x")
    assert f"(process {holder.pid}" in str(refused.value) and "run this cell again" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_the_steps_of_the_run_in_progress_and_what_they_start_go_on(tmp_path):
    """The record is the make run's: its steps (side by side under -j2) and their kernels are part of it."""
    _hold(psutil.Process(), tmp_path)          # this process plays make
    try:
        step = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path\n"
                               "from helpers.files.atomic import staged_outputs\n"
                               "with staged_outputs(Path(sys.argv[1])) as s: (s / 'a.csv').write_text('a')",
                               str(tmp_path)], capture_output=True, text=True)
        assert step.returncode == 0, step.stderr
        assert (tmp_path / "a.csv").read_text() == "a"
    finally:
        run_lock._forget(psutil.Process())


def test_a_record_whose_process_has_gone_is_taken_over(tmp_path):
    gone = subprocess.Popen(["true"])
    owner = f"{gone.pid}-{round(psutil.Process(gone.pid).create_time() * 100)}"
    gone.wait()
    record = paths.PROJECT_ROOT / ".make" / run_lock.RECORD
    with run_lock._locked() as (fd, _):
        run_lock._write(fd, [{"owner": owner, "pid": gone.pid, "command": "make report", "started": "03:00:00",
                              "folders": [str(tmp_path.resolve())]}])
    with run_lock.writing(tmp_path):
        entries = json.loads(record.read_text())
        assert [e["pid"] for e in entries] == [psutil.Process().pid]
    assert json.loads(record.read_text()) == []


def test_a_notebook_publishing_keeps_a_make_run_from_starting_meanwhile(tmp_path):
    with run_lock.writing(tmp_path):
        with pytest.raises(run_lock.RunInProgress):
            # (as the first step of another make run would: here with no make above it, it only checks)
            run_lock.take_for_make_run([tmp_path], None)
    run_lock.take_for_make_run([tmp_path], None)     # published: free again


def test_a_record_that_cannot_be_kept_never_stops_a_run(tmp_path, monkeypatch):
    """.make/ on a full disk, or its record unwritable (here a folder in its place): the run goes on, and says what it
    cannot write when it writes its outputs, in its words (not an OSError about .make/runs.json)."""
    from helpers.files.atomic import staged_outputs
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path)
    (tmp_path / ".make" / run_lock.RECORD).mkdir(parents=True)
    with staged_outputs(tmp_path / "processed") as staging:
        (staging / "a.csv").write_text("a")
    run_lock.take_for_make_run([tmp_path / "processed"], psutil.Process())
    assert (tmp_path / "processed" / "a.csv").read_text() == "a"
