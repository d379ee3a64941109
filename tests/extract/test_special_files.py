"""A named pipe, a socket or a device (or a link to one) where an input belongs: a plan, a monitoring workbook, a
config file, a processed file. Each is refused in one message naming the file and what it is, before anything opens
it: opening a named pipe waits for a writer for ever (redteam6 finding 8: `make data` hung on a plan replaced by
one, with no word), and one in data/raw/monitoring/ was passed over without a word. Every reading runs in a
process of its own under a time limit: on a hang the test fails, it does not hang."""
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ANJI, JIANDE

# Long enough for a loaded machine to import pandas and read the plans (a few seconds alone); a hang is for ever.
LIMIT = 120


def _run(code: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hung: still reading after {LIMIT} s")


def _error_of(code: str) -> str:
    """The InputError the code raises, as the run prints it; '' when it raises none."""
    run = _run("from helpers.core.errors import InputError\ntry:\n    " + code +
               "\nexcept InputError as error:\n    print(error)\n")
    assert run.returncode == 0, run.stderr
    return run.stdout


def _socket_at(path: Path) -> None:
    path.unlink(missing_ok=True)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


def _build(workspace: Path) -> str:
    return _error_of(f"from helpers.extract import dataset; dataset.build({str(workspace / 'raw')!r}, "
                     f"{str(workspace / 'config')!r})")


def test_what_a_special_file_is_called(tmp_path):
    from helpers.core.errors import special_file
    os.mkfifo(tmp_path / "pipe")
    _socket_at(tmp_path / "sock")
    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to("pipe")
    assert special_file(tmp_path / "pipe") == "a named pipe (FIFO)"
    assert special_file(tmp_path / "sock") == "a socket"
    assert special_file("/dev/null") == "a character device"
    assert special_file(tmp_path / "link") == "a link to pipe, a named pipe (FIFO)"
    assert special_file(tmp_path / "file") == special_file(tmp_path) == special_file(tmp_path / "none") == ""


def test_a_plan_that_is_a_named_pipe_is_refused_naming_it(workspace):
    """Was: the data step opened it and waited for ever."""
    plan = workspace / "raw" / JIANDE
    plan.unlink()
    os.mkfifo(plan)
    said = _build(workspace)
    assert said.startswith(f"{plan}: this is a named pipe (FIFO), not a file: it is not opened"), said
    assert f"delete it (`rm {plan}`), put the file itself in its place" in said


def test_a_plan_that_is_a_link_to_a_named_pipe_is_refused_naming_the_link(workspace):
    raw = workspace / "raw"
    os.mkfifo(raw / "pipe")
    (raw / ANJI).unlink()
    (raw / ANJI).symlink_to("pipe")
    said = _build(workspace)
    assert said.startswith(f"{raw / ANJI}: this is a link to pipe, a named pipe (FIFO), not a file"), said


@pytest.mark.parametrize("make", [os.mkfifo, _socket_at], ids=["fifo", "socket"])
def test_a_monitoring_file_that_is_no_file_stops_the_run(workspace, make):
    """Was: a FIFO named 2023.xlsx in data/raw/monitoring/ passed over without a word (exit 0, nothing in the
    cleaning log), though docs/monitoring.md says any other file stops the run."""
    path = workspace / "raw" / "monitoring" / "2023.xlsx"
    path.parent.mkdir(exist_ok=True)
    make(path)
    said = _build(workspace)
    kind = "a named pipe (FIFO)" if make is os.mkfifo else "a socket"
    assert said.startswith(f"{path}: this is {kind}, not a file"), said


@pytest.mark.parametrize("name", ["sources.yaml", "catalogue.yaml"])
def test_a_config_file_that_is_a_named_pipe_is_refused(workspace, name):
    path = workspace / "config" / name
    path.unlink()
    os.mkfifo(path)
    said = _error_of(f"from helpers.core.config import load_catalogue, load_sources; load_sources({str(path.parent)!r})"
                     f"; load_catalogue({str(path.parent)!r})")
    assert said.startswith(f"{path}: this is a named pipe (FIFO), not a file"), said


def _inputs_step(workspace: Path) -> subprocess.CompletedProcess:
    """make's first step, on every run: it fingerprints the inputs (make data waits on it)."""
    return _run("import sys; from helpers.run import cli; sys.exit(cli.main(['inputs', 'processed/.inputs.json', "
                "'--raw-dir', 'raw', '--config-dir', 'config', '--reports-dir', 'reports']))", cwd=workspace)


def test_make_s_first_step_names_a_plan_that_is_a_named_pipe(workspace):
    (workspace / "raw" / JIANDE).unlink()
    os.mkfifo(workspace / "raw" / JIANDE)
    run = _inputs_step(workspace)
    assert run.returncode == 1 and run.stderr.startswith(f"error: raw/{JIANDE}: this is a named pipe"), run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("name", ["indicators.csv", "build_info.json", ".inputs.json", "run.json"])
def test_a_processed_file_that_is_a_named_pipe_is_refused_with_advice_that_works(workspace, name):
    """A processed file is read back by every later step (and .inputs.json by make's first step): a pipe in its
    place is named, with the advice to delete it, which the steps follow by writing it again."""
    from helpers.extract import dataset
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    path = workspace / "processed" / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    run = _inputs_step(workspace)
    assert run.returncode == 1 and run.stderr.startswith(f"error: processed/{name}: this is a named pipe"), run.stderr
    assert f'delete it (`rm "processed/{name}"`) and run make again' in run.stderr
    said = _error_of(f"from helpers.files.processed import read_processed; read_processed("
                     f"{str(workspace / 'processed')!r}, 'indicators.csv')")
    assert said.startswith(f"{path}: this is a named pipe (FIFO), not a file"), said
    path.unlink()                                   # the advice, followed
    assert _inputs_step(workspace).returncode == 0


def test_a_style_sheet_a_plan_page_reads_that_is_a_named_pipe_is_refused(workspace):
    """A web page's linked style sheet is read beside the page (data/raw/): a pipe in its place hung the reader."""
    from support.fifteenth_plan import add_fifteenth_plan, web_page_with_target
    from support.plan_documents import use_plan_file
    add_fifteenth_plan(workspace, "word_tab_cells")
    page = web_page_with_target(workspace / "raw" / "tonglu_15.html", "20左右")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</head>", '<link rel="stylesheet" href="site.css">\n</head>'), encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", page)
    os.mkfifo(workspace / "raw" / "site.css")
    said = _build(workspace)
    assert said.startswith(f"{workspace / 'raw' / 'site.css'}: this is a named pipe (FIFO), not a file"), said


def test_every_file_the_steps_read_back_is_checked():
    """The processed files checked for pipes are the ones the steps read: the data step's, the run's, the
    analysis tables (helpers.analyse.tables.TABLES) and their records."""
    from helpers.analyse.tables import TABLES
    from helpers.core import paths
    from helpers.files.processed import DATA_STEP_TABLES, READ_BACK
    assert set(READ_BACK) == {*DATA_STEP_TABLES, *(name for name, _ in TABLES), paths.BUILD_INFO_JSON,
                              paths.INPUTS_JSON, paths.RUN_JSON, paths.ANALYSIS_JSON}


def test_make_template_names_a_named_pipe_in_the_template_s_place(workspace):
    """`make template` reads a template already in place (an analyst may have filled it in): a pipe there hung it."""
    (workspace / "reports").mkdir()
    os.mkfifo(workspace / "reports" / "monitoring-template.xlsx")
    run = _run("import sys; from helpers.run import cli; sys.exit(cli.main(['template', '--config-dir', 'config', "
               "'reports/']))", cwd=workspace)
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("error: reports/monitoring-template.xlsx: this is a named pipe (FIFO)"), run.stderr
    (workspace / "reports" / "monitoring-template.xlsx").unlink()        # the advice, followed
    again = _run("import sys; from helpers.run import cli; sys.exit(cli.main(['template', '--config-dir', 'config', "
                 "'reports/']))", cwd=workspace)
    assert again.returncode == 0 and (workspace / "reports" / "monitoring-template.xlsx").is_file(), again.stderr


def test_make_lab_names_a_named_pipe_in_place_of_its_record_of_the_copies(tmp_path):
    """`make lab` reads lab/.copied-from.json (which notebook each copy was made from): a pipe there hung it."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01_data.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "lab").mkdir()
    os.mkfifo(tmp_path / "lab" / ".copied-from.json")
    said = _error_of(f"from helpers.run.lab import prepare_copies; prepare_copies({str(tmp_path)!r})")
    assert said.startswith(f"{tmp_path / 'lab' / '.copied-from.json'}: this is a named pipe (FIFO)"), said
