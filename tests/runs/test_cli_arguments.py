"""Every command of `python -m helpers`, called wrongly, says so in one line of ours and exits with 1, before it
runs anything: never a traceback, and never a file written where it was not meant to go. The third red-team pass
(R4-6) found `render pdf X.html` without its OUTPUT a TypeError traceback, `render html NB ''` and `NB /` ValueError
tracebacks, and `publish` with nothing to publish a max() ValueError; trying each command with missing, empty, '/',
folder-for-file and file-for-folder arguments found the rest: '' taken as the working folder (`report --into ''` wrote
the report into the project's folder, `render documents --brief ''` wrote <folder>.html beside it, `publish BUILD ''`
published there), '/' as the whole file system (`publish BUILD /` published into /, `inputs --raw-dir /` read
every file of the machine), and argparse's own usage and exit status 2 for a missing argument."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers.core import paths
from helpers.files import atomic
from helpers.run import cli

BUILT = paths.REPORTS_DIR / ".build"


def _said(capsys) -> str:
    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.out == "", out
    return out.err


def _one_line(status: int, err: str) -> str:
    assert status == 1 and err.count("\n") == 1 and err.startswith("error: "), (status, err)
    return err


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty working folder inside an empty folder: whatever a refused command wrote would be found in either."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def _nothing_written(here: Path) -> None:
    assert [p.name for p in here.parent.iterdir()] == ["work"] and list(here.iterdir()) == []


# ------------------------------------------------------------------------------------------- R4-6

@pytest.mark.parametrize("kind, source", [("pdf", "brief.html"), ("html", "04_report.ipynb")])
def test_render_without_its_output_says_what_to_give(here, capsys, kind, source):
    """Was: a TypeError traceback (expected str, bytes or os.PathLike object, not NoneType)."""
    err = _one_line(cli.main(["render", kind, str(here / source)]), _said(capsys))
    assert err == (f"error: render {kind}: give the OUTPUT file too, e.g. `python -m helpers render {kind} "
                   f"reports/.build/{source} reports/brief.{kind}`.\n")


@pytest.mark.parametrize("kind", ["html", "pdf"])
@pytest.mark.parametrize("given, words", [("", "the name given ('' or .) is the current folder, not a file"),
                                          ("/", "/ is a folder, not a file")])
def test_render_to_an_output_that_names_no_file_is_refused(here, capsys, kind, given, words):
    """Was: a ValueError traceback (PosixPath('.') has an empty name)."""
    err = _one_line(cli.main(["render", kind, str(here / "in.html"), given]), _said(capsys))
    assert err == f"error: {words}: give the output's file name, e.g. reports/brief.html.\n"
    _nothing_written(here)


def test_render_to_an_output_of_another_kind_is_refused(here, capsys):
    err = _one_line(cli.main(["render", "pdf", str(here / "in.html"), "brief.html"]), _said(capsys))
    assert err == "error: brief.html: the output is a PDF: give a name ending in .pdf, e.g. brief.pdf.\n"


def test_publish_with_nothing_to_publish_says_so(here, capsys):
    """Was: `publish BUILD_DIR REPORT_DIR` a max() ValueError traceback, after making REPORT_DIR."""
    (here / "build").mkdir()
    err = _one_line(cli.main(["publish", "build", "reports"]), _said(capsys))
    assert err.startswith("error: publish: give --run RUN (the run's run.json, e.g. data/processed/run.json), or "
                          "the NAMEs of the built files to publish: nothing is named to publish.")
    assert [p.name for p in here.iterdir()] == ["build"]
    assert atomic.install_together([]) == []           # (and nothing given to put in place is nothing done)


@pytest.mark.parametrize("name", ["", "/", "..", "../x.pdf", "sub/x.pdf"])
def test_publish_takes_file_names_of_the_build_folder_only(here, capsys, name):
    (here / "build" / "sub").mkdir(parents=True)
    (here / "build" / "sub" / "x.pdf").write_text("pdf", encoding="utf-8")
    err = _one_line(cli.main(["publish", "build", "reports", name]), _said(capsys))
    assert f"publish: {name!r} is not the name of a file in BUILD_DIR: give each NAME as a file name alone" in err
    assert not (here / "reports").exists()


# ------------------------------------------------------------------------------------------- '' and /

FOLDERS = [  # (the command line, with {} for the folder argument, and what the argument is called)
    (["publish", str(BUILT), "{}", "--run", str(paths.PROCESSED_DIR / "run.json")],
     "folder to publish in (REPORT_DIR)"),
    (["publish", "{}", "reports", "brief.pdf"], "build folder (BUILD_DIR)"),
    (["report", str(paths.NOTEBOOKS_DIR / "04_report.ipynb"), "--into", "{}"], "folder to write them in (--into)"),
    (["render", "documents", str(BUILT / "04_report.ipynb"), "--run", str(paths.PROCESSED_DIR / "run.json"),
      "--into", "{}"], "folder to write them in (--into)"),
    (["inputs", "x/.inputs.json", "--raw-dir", "{}"], "raw folder (--raw-dir; make's RAW_DIR)"),
    (["inputs", "x/.inputs.json", "--config-dir", "{}"], "config folder (--config-dir; make's CONFIG_DIR)"),
    (["inputs", "x/.inputs.json", "--reports-dir", "{}"], "reports folder (--reports-dir; make's REPORTS_DIR)"),
    (["analyse", "--processed-dir", "{}"], "processed folder (--processed-dir; make's PROCESSED_DIR)"),
    (["manifest", "--raw-dir", "{}"], "raw folder (--raw-dir; make's RAW_DIR)"),
    (["synthetic", "2", "{}"], "scratch folder (SCRATCH)"),
]
IDS = [f"{command[0]} {what.split('(')[1].split(';')[0].rstrip(')')}" for command, what in FOLDERS]


@pytest.mark.parametrize("command, what", FOLDERS, ids=IDS)
def test_a_folder_given_as_nothing_is_refused_before_anything_is_written(here, capsys, command, what):
    """'' is not the working folder: `report --into ''` wrote 04_report.ipynb and the HTML into the project's folder,
    `publish BUILD ''` published <year>/ there, `inputs --raw-dir ''` fingerprinted the whole project."""
    err = _one_line(cli.main([a.replace("{}", "") for a in command]), _said(capsys))
    assert err.startswith(f"error: '' names no folder: give the {what}, e.g. "), err
    _nothing_written(here)


@pytest.mark.parametrize("command, what", FOLDERS, ids=IDS)
def test_the_root_of_the_file_system_is_refused_as_a_folder(here, capsys, command, what):
    """`publish BUILD /` published the report into /, `report --into /` wrote it there, and `inputs --raw-dir /`
    read every file of the machine (it stopped only on one in /proc)."""
    err = _one_line(cli.main([a.replace("{}", "/") for a in command]), _said(capsys))
    assert err.startswith(f"error: / is the root of the whole file system: give the {what}, e.g. "), err
    _nothing_written(here)


@pytest.mark.parametrize("command, what", FOLDERS[:4] + FOLDERS[-1:], ids=IDS[:4] + IDS[-1:])
def test_a_file_given_for_a_folder_is_said_to_be_a_file(here, capsys, command, what):
    """Was: "the file could not be opened (Not a directory)", advising to check that it exists."""
    (here / "notes.txt").write_text("x", encoding="utf-8")
    err = _one_line(cli.main([a.replace("{}", "notes.txt") for a in command]), _said(capsys))
    assert err.startswith(f"error: notes.txt is a file, not a folder: give the {what}, e.g. "), err


@pytest.mark.parametrize("option", ["--brief", "--report"])
@pytest.mark.parametrize("given", ["", "/"])
def test_a_document_written_under_no_name_is_refused(here, capsys, option, given):
    """Was: `render documents NB --brief ''` wrote <the working folder>.html beside it, outside the folder."""
    (here / "04_report.ipynb").write_text("{}", encoding="utf-8")
    err = _one_line(cli.main(["render", "documents", "04_report.ipynb", option, given, "--html-only"]),
                    _said(capsys))
    assert f"not a file: give the {option[2:]}'s file name, e.g. reports/.build/{option[2:]}." in err
    assert [p.name for p in here.parent.iterdir()] == ["work"]


def test_render_documents_with_run_but_no_folder_says_so(here, capsys):
    """Was: a TypeError traceback (unsupported operand type(s) for /: 'NoneType' and 'str')."""
    err = _one_line(cli.main(["render", "documents", str(BUILT / "04_report.ipynb"), "--run",
                              str(paths.PROCESSED_DIR / "run.json")]), _said(capsys))
    assert "render documents: --run and --into go together: give both" in err


def test_render_documents_with_nothing_to_write_is_our_error(here, capsys):
    """Was: the bare text on stderr, without `error:`."""
    err = _one_line(cli.main(["render", "documents", str(BUILT / "04_report.ipynb")]), _said(capsys))
    assert err.startswith("error: render documents: give --run RUN --into DIR, or --brief STEM and/or --report STEM")


@pytest.mark.parametrize("command", [["publish", str(BUILT), "reports"], ["render", "documents", "nb.ipynb",
                                                                          "--into", "out"]])
def test_a_run_record_must_be_a_run_json(here, capsys, command):
    """--run X read X's folder's run.json, whatever X was: another run's record was taken without a word."""
    (here / "other.json").write_text("{}", encoding="utf-8")
    err = _one_line(cli.main([*command, "--run", "other.json"]), _said(capsys))
    assert err == "error: --run other.json: give the run's run.json, e.g. data/processed/run.json.\n"


# ------------------------------------------------------------------------------------------- the command line

@pytest.mark.parametrize("command, words", [
    (["publish"], "python -m helpers publish: the following arguments are required: build_dir, report_dir"),
    (["results-workbook"], "python -m helpers results-workbook: the following arguments are required: output"),
    (["render", "docx", "x"], "python -m helpers render: argument format: invalid choice: 'docx'"),
    (["synthetic", "two", "x"], "python -m helpers synthetic: argument n: 'two' is not a number of counties"),
    (["analyse", "--year", "2025"], "python -m helpers: unrecognized arguments: --year 2025"),
    (["nonsense"], "python -m helpers: argument COMMAND: invalid choice: 'nonsense'"),
])
def test_a_command_line_that_cannot_be_read_is_one_line_and_exit_status_1(here, capsys, command, words):
    """Was: argparse's usage (two to six lines), then its message, exit status 2."""
    err = _one_line(cli.main(command), _said(capsys))
    assert err.startswith(f"error: {words}") and "`python -m helpers" in err and "--help` says what to give." in err


def test_the_command_line_through_python_is_one_line_too(here):
    run = subprocess.run([sys.executable, "-m", "helpers", "render", "pdf", "brief.html"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and run.stdout == "", run


# ------------------------------------------------------------------------------------------- notebooks

def test_running_a_notebook_into_itself_is_refused(here, capsys):
    """Was: `run NB NB` wrote the run's outputs into the notebook, a tracked one in notebooks/."""
    notebook = here / "n.ipynb"
    shutil.copyfile(paths.NOTEBOOKS_DIR / "02_comparison.ipynb", notebook)
    before = notebook.read_bytes()
    err = _one_line(cli.main(["run", "n.ipynb", str(notebook)]), _said(capsys))
    assert err == ("error: " + str(notebook) + " is the notebook being run: its outputs would be written into it. "
                   "Give another OUTPUT, e.g. reports/executed/n.ipynb.\n")
    assert notebook.read_bytes() == before


def test_running_a_notebook_into_the_committed_notebooks_is_refused(here, capsys):
    output = paths.NOTEBOOKS_DIR / "executed.ipynb"
    err = _one_line(cli.main(["run", str(paths.NOTEBOOKS_DIR / "02_comparison.ipynb"), str(output)]), _said(capsys))
    assert err == ("error: " + str(output) + " is in notebooks/, which holds the notebooks as committed, without "
                   "outputs: give an OUTPUT outside it, e.g. reports/executed/02_comparison.ipynb.\n")
    assert not output.exists()


def test_an_executed_notebook_named_other_than_ipynb_is_refused(here, capsys):
    """Was: papermill's two lines of UserWarning, then the notebook written under that name, exit 0."""
    err = _one_line(cli.main(["run", str(paths.NOTEBOOKS_DIR / "02_comparison.ipynb"), "out"]), _said(capsys))
    assert err == "error: out: the executed notebook is a Jupyter notebook: give a name ending in .ipynb, e.g. " \
                  "out.ipynb.\n"
    _nothing_written(here)


def test_the_report_step_refuses_a_file_that_is_not_a_notebook(here, capsys):
    """Was: nbformat's NotJSONError traceback (`run` said it in words; `report` did not)."""
    (here / "notes.txt").write_text("just text\n", encoding="utf-8")
    status = cli.main(["report", "notes.txt", "--into", "out"])
    err = _said(capsys)
    assert status == 1 and "notes.txt, line 1: this is not a Jupyter notebook: a notebook is JSON, and this file " \
                           "begins 'just text'" in err, err
    assert not (here / "out").exists()


# ------------------------------------------------------------------------------------------- the template

@pytest.mark.parametrize("given", ["missing/", "missing/t.xlsx", "missing/deeper/"])
def test_the_template_is_not_written_into_a_folder_that_does_not_exist(here, capsys, given):
    """Was: `template /nonexistent/dir/` made the folder (a typo made one) and wrote the template in it."""
    err = _one_line(cli.main(["template", given]), _said(capsys))
    folder = str(Path(given if given.endswith("/") else Path(given).parent)).rstrip("/")
    assert err == (f"error: {given}: there is no folder {folder}: give a folder that exists (or make it first: "
                   f"`mkdir -p {folder}`).\n")
    _nothing_written(here)


@pytest.mark.parametrize("given, words", [("", "'' names no file or folder"),
                                          ("/", "/ is the root of the whole file system")])
def test_the_template_named_nothing_is_refused(here, capsys, given, words):
    """Was: `template ''` wrote monitoring-template.xlsx into the working folder, `template /` into /."""
    err = _one_line(cli.main(["template", given]), _said(capsys))
    assert err.startswith(f"error: {words}: give the workbook's name (.xlsx) or a folder (ending in /)")
    _nothing_written(here)


def test_a_template_filled_in_place_is_not_replaced(here, capsys):
    """Was (redteam6): an analyst who typed figures into monitoring-template.xlsx where `make template` wrote it
    lost them when the template was written again (exit 0). A template as written is replaced; one holding a
    figure, or a file that is no template, is kept and the command stops naming the cell; moved away, it is written."""
    import openpyxl
    assert cli.main(["template", "t/", "--make-folder"]) == 0
    assert cli.main(["template", "t/"]) == 0                      # as written: replaced
    written = here / "t" / paths.MONITORING_TEMPLATE
    book = openpyxl.load_workbook(written)
    book["数据"]["E5"] = 3.1
    book.save(written)
    capsys.readouterr()
    err = _one_line(cli.main(["template", "t/"]), _said(capsys))
    assert "holds figures (sheet 数据, cell E5): it is not replaced. Move it away first" in err
    assert openpyxl.load_workbook(written)["数据"]["E5"].value == 3.1
    written.write_text("not a workbook")
    err = _one_line(cli.main(["template", "t/"]), _said(capsys))
    assert "is not a template this can read: it is not replaced" in err
    written.rename(here / "t" / "moved.txt")                     # the advice followed
    assert cli.main(["template", "t/"]) == 0 and written.exists()


# ------------------------------------------------------------------------------------------- unreadable

def test_a_raw_folder_that_cannot_be_read_is_said(here, capsys, monkeypatch):
    """Was: `inputs` recorded no file of an unreadable raw folder, exit 0 (as root nothing is unreadable: the
    check is made to fail here)."""
    raw = here / "raw"
    raw.mkdir()
    real = os.access
    monkeypatch.setattr(cli.os, "access",
                        lambda p, mode, **kw: False if Path(p).resolve() == raw else real(p, mode, **kw))
    status = cli.main(["inputs", "x/.inputs.json", "--raw-dir", "raw"])
    err = _said(capsys)
    assert status == 1 and err == ("error: raw: the raw folder cannot be read: permission denied\n"
                                   "  How to fix: give yourself the right to read it (`chmod -R u+rX raw`, or ask "
                                   "its owner), then rerun.\n"), err
    assert not (here / "x").exists()


NOBODY = 65534
as_nobody = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                               reason="needs root, to run a command as nobody")


def _as_nobody(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable,
                           "-m", "helpers", *command], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HOME": str(cwd)})


@pytest.fixture
def open_folder():
    """A folder anyone may write in (pytest's own are the owner's alone: nobody could not even reach them)."""
    folder = Path(tempfile.mkdtemp(prefix="cli-arguments-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


@as_nobody
@pytest.mark.parametrize("kind, source", [("html", BUILT / "04_report.ipynb"), ("pdf", None)])
def test_a_source_that_cannot_be_read_is_said_with_advice_that_works(open_folder, kind, source):
    """Was: for a PDF, Chromium's error and the advice to check that Chromium runs; for HTML, "[Errno 13]" and the
    advice to delete the notebook and rerun `make report`."""
    tmp_path = open_folder
    secret = tmp_path / f"secret.{'ipynb' if kind == 'html' else 'html'}"
    if source is not None and source.is_file():
        shutil.copyfile(source, secret)
    else:
        secret.write_text("<html><body>brief</body></html>" if kind == "pdf" else "{}", encoding="utf-8")
    secret.chmod(0)
    run = _as_nobody("render", kind, str(secret), str(tmp_path / f"out.{kind}"), cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith(f"error: {secret}: the file could not be read: permission denied"), run.stderr
    assert "Chromium" not in run.stderr and "make report" not in run.stderr
    assert not (tmp_path / f"out.{kind}").exists()


@as_nobody
def test_a_working_folder_under_one_that_may_not_be_looked_into_is_no_traceback(tmp_path):
    """pytest's folders are root's alone: run there as nobody, `import helpers`, looking for the project that holds
    the working folder, was a PermissionError traceback."""
    run = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable,
                          "-c", "import helpers.run.cli"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stderr == "", run.stderr


# ------------------------------------------------------------------------------------------- folder parameters

@pytest.mark.parametrize("value", ["/", "//", "/.."])
def test_a_folder_parameter_is_never_the_whole_file_system(value):
    """`run notebooks/01_data.ipynb OUT -p processed_dir /` wrote indicators.csv and the data step's other files into
    /, exit 0 (a notebook in JupyterLab the same)."""
    from helpers.core.errors import ParameterError
    from helpers.run import parameters
    with pytest.raises(ParameterError) as notebook:
        parameters.folder(value, paths.PROCESSED_DIR, "processed_dir")
    assert str(notebook.value) == (f"processed_dir = {value!r}: / is the root of the whole file system: give the "
                                   "folder itself, e.g. the default, data/processed.")
    with pytest.raises(ParameterError, match=rf"^PROCESSED_DIR={value}: / is the root of the whole file system"):
        parameters.folder(value, paths.PROCESSED_DIR, "processed_dir", spelling=parameters.MAKE)


def test_make_refuses_the_whole_file_system_as_its_processed_folder(here, capsys):
    """make's first step, `inputs $(PROCESSED_DIR)/.inputs.json`, with PROCESSED_DIR=/: the record would be written
    in /, and the data step after it."""
    err = _one_line(cli.main(["inputs", "/.inputs.json"]), _said(capsys))
    assert err == ("error: PROCESSED_DIR=/: / is the root of the whole file system: give the folder itself, e.g. the "
                   "default, data/processed.\n")
    assert not Path("/.inputs.json").exists()


@pytest.mark.slow
def test_a_notebook_run_with_the_whole_file_system_as_its_processed_folder_writes_nothing_there(here, capsys):
    before = sorted(p.name for p in Path("/").iterdir())
    status = cli.main(["run", str(paths.NOTEBOOKS_DIR / "01_data.ipynb"), "out.ipynb", "-p", "processed_dir", "/"])
    err = capsys.readouterr().err
    assert status == 1 and "/ is the root of the whole file system" in err and "Traceback" not in err, err
    assert sorted(p.name for p in Path("/").iterdir()) == before and not (here / "out.ipynb").exists()


@pytest.mark.parametrize("command", [["publish", str(BUILT), "{}", "brief.pdf"], ["synthetic", "2", "{}"],
                                     ["report", str(paths.NOTEBOOKS_DIR / "04_report.ipynb"), "--into", "{}"]])
def test_a_folder_that_is_a_link_to_nothing_is_said_to_be_one(here, capsys, command):
    """Was: "the file could not be opened (File exists)", advising to check that it exists."""
    (here / "out").symlink_to(here / "gone")
    err = _one_line(cli.main([a.replace("{}", "out") for a in command]), _said(capsys))
    assert err.startswith(f"error: out is a link to {here / 'gone'}, which does not exist: give the "), err
    assert err.endswith("(or make the folder the link leads to).\n") and not (here / "gone").exists()


@pytest.mark.parametrize("command", [["resolve"], ["template", "t.xlsx"], ["manifest"]])
def test_a_config_folder_named_elsewhere_without_its_files_gets_advice_that_works(here, capsys, command):
    """Was: "restore it from git (git checkout -- config/)", which restores the project's config/, not this one."""
    (here / "conf").mkdir()
    assert cli.main([*command, "--config-dir", "conf"]) == 1
    err = _said(capsys)
    assert err.startswith("error: ") and ("conf/sources.yaml: the configuration file is missing\n  How to fix: name "
                                          "the folder that holds sources.yaml and catalogue.yaml (--config-dir; make's "
                                          "CONFIG_DIR), or leave it out for the default, config; or copy them there "
                                          "from it.") in err, err


@pytest.mark.parametrize("folder", ["notebooks", "src/helpers", "templates", "tests", "data/raw/monitoring", "config"])
def test_the_template_is_never_written_into_a_folder_a_run_reads(capsys, folder):
    """`make template REPORTS_DIR=notebooks` (or src/helpers, templates, tests, .git) wrote monitoring-template.xlsx
    there, exit 0 (redteam8): the folders make data and make report refuse as outputs. Refused before any folder
    is made; the default, reports/, is the advice."""
    given = str(paths.PROJECT_ROOT / folder) + "/"
    err = _one_line(cli.main(["template", given, "--make-folder"]), _said(capsys))
    assert "which a run only reads" in err and "e.g. the default, reports" in err, err
    assert not (paths.PROJECT_ROOT / folder / paths.MONITORING_TEMPLATE).exists()
