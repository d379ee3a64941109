"""Inputs far past their caps (helpers.core.limits) are refused by their size alone, before anything reads them
(redteam8 finding 7): a 20 GB plan ran more than 90 s in make's first step, whose fingerprint (.inputs.json) read it
whole with no word, and a 20 GB 2023.xlsx in monitoring/ passed that step and ran more than 90 s in the data step,
though its reader refuses it by its size. The files here are sparse (truncate): they use no disk, and code that
reads one runs for minutes instead of passing. Each refusal names the file, its size, the cap and what to do."""
import os
import time

import pytest

from conftest import JIANDE
from helpers.core.errors import InputError
from helpers.core.limits import MAX_STYLESHEET_BYTES
from helpers.extract import dataset
from helpers.files.fingerprint import data_step_record
from helpers.run import cli

HUGE = 20 * 2**30        # 20 GiB, shown as 21.5 GB


def _sparse(path, size: int = HUGE):
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def _inputs_step(workspace, capsys) -> str:
    """make's first step (`python -m helpers inputs`): its one line, in a second or so (hashing 20 GB took minutes;
    the bound leaves room for a loaded machine)."""
    started = time.monotonic()
    status = cli.main(["inputs", str(workspace / "processed" / ".inputs.json"), "--raw-dir", str(workspace / "raw"),
                       "--config-dir", str(workspace / "config")])
    assert time.monotonic() - started < 5.0
    err = capsys.readouterr().err
    assert status != 0 and not (workspace / "processed" / ".inputs.json").exists()
    return err


def _data_step(workspace) -> InputError:
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    assert time.monotonic() - started < 5.0
    return info.value


CASES = {   # file: (what the message says it is, the limit and its name, words of the advice)
    f"raw/{JIANDE}": ("a plan's text (some 50 kB", "the limit is 20.0 MB, MAX_PLAN_BYTES", "check that this is the "
                      "right file (a text export of the plan"),
    "raw/monitoring/2023.xlsx": ("a county's yearly figures (some 30 kB", "the limit is 50.0 MB, MAX_WORKBOOK_BYTES",
                                 "only the yearly monitoring workbooks belong in data/raw/monitoring/"),
    "raw/monitoring/2023.csv": ("a county's yearly figures (some 30 kB", "the limit is 50.0 MB, MAX_WORKBOOK_BYTES",
                                "only the yearly monitoring workbooks belong in data/raw/monitoring/"),
    "config/sources.yaml": ("a configuration file (some 1-30 kB", "the limit is 5.0 MB, MAX_CONFIG_BYTES",
                            "restore the project's own (`git checkout -- "),
    "raw/checksums.sha256": ("the checksum manifest (some 1 kB", "the limit is 5.0 MB, MAX_CONFIG_BYTES",
                             "write it again from the plans: `make manifest`"),
    "raw/saved_page_files/logo.png": ("a plan document (some 0.1-10 MB", "the limit is 200.0 MB, MAX_DOCUMENT_BYTES",
                                      "A file that is no plan does not belong in data/raw/: move it out."),
}


@pytest.mark.parametrize("name", CASES)
def test_the_inputs_step_refuses_a_huge_file_by_its_size(workspace, capsys, name):
    path = _sparse(workspace / name)
    what, limit, advice = CASES[name]
    err = _inputs_step(workspace, capsys)
    assert err.startswith(f"error: {path}: the file is 21.5 GB, far more than {what}; {limit} in helpers.core.limits)"
                          ", so it is not read"), err
    assert advice in err
    if name.startswith("config/"):      # the advice names the file
        assert f"(`git checkout -- {path}`)" in err


@pytest.mark.parametrize("name", [f"raw/{JIANDE}", "raw/monitoring/2023.xlsx", "raw/monitoring/2023.csv"])
def test_the_data_step_refuses_a_huge_file_by_its_size(workspace, name):
    """A notebook's data step (01_data in JupyterLab) has no make before it: it checks the sizes itself."""
    path = _sparse(workspace / name)
    err = _data_step(workspace)
    assert err.file == str(path) and err.problem.startswith("the file is 21.5 GB, far more than ")
    assert CASES[name][1] in err.problem and CASES[name][2] in err.fix


def test_a_file_at_its_cap_is_read(workspace):
    """The caps leave room: a workbook of exactly 50 MB is hashed (in the fingerprint) and refused by its reader as
    the damaged file it is, not by its size. (A sparse file: its bytes are zeros.)"""
    path = _sparse(workspace / "raw" / "monitoring" / "2023.xlsx", 50_000_000)
    assert data_step_record(workspace / "raw", workspace / "config")["raw"]["monitoring/2023.xlsx"]
    assert "not an Excel workbook" in _data_step(workspace).problem
    _sparse(path, 50_000_001)
    assert "far more than a county's yearly figures" in _data_step(workspace).problem


def test_a_huge_style_sheet_is_not_read(tmp_path):
    """A style sheet past its cap is not read (the page's reader says so, and what it might hide), by its size alone."""
    from helpers.extract.documents.web import LinkedSheets
    page = tmp_path / "page.html"
    page.write_text("<html></html>", encoding="utf-8")
    _sparse(tmp_path / "site.css")
    sheets = LinkedSheets(page)
    started = time.monotonic()
    assert sheets.load("site.css", None, 3) is None
    assert time.monotonic() - started < 5.0
    assert sheets.unread == [("site.css", 3, "larger than a style sheet")]
    assert os.stat(tmp_path / "site.css").st_size > MAX_STYLESHEET_BYTES


@pytest.mark.parametrize("name, limit", [("plan.pdf", "MAX_DOCUMENT_BYTES"), ("plan.docx", "MAX_DOCUMENT_BYTES"),
                                         ("plan.wps", "MAX_DOCUMENT_BYTES"), ("plan.html", "MAX_PAGE_BYTES"),
                                         ("plan.txt", "MAX_PLAN_BYTES")])
def test_every_plan_reader_refuses_a_huge_file_by_its_size(tmp_path, name, limit):
    """Each reader checks too (`make manifest` reads a new plan before it records its checksum)."""
    from helpers.extract.documents.read import check_file
    from helpers.extract.documents.web import read_html
    from helpers.extract.tables import read_lines
    path = _sparse(tmp_path / name)
    readers = [check_file] + ([read_html] if name.endswith(".html") else [read_lines] if name.endswith(".txt") else [])
    for read in readers:
        with pytest.raises(InputError) as info:
            read(path)
        assert info.value.problem.startswith("the file is 21.5 GB, far more than") and limit in info.value.problem
