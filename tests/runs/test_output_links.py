"""A folder a run writes, named inside the project, never leads out of it through a symbolic link. The hostile
pass (F8) made data/processed a link into another copy of the project: `make report` rewrote that copy's 12
processed files, exit 0 (reports/2025 as a link: 4 files published there). The first step (`python -m helpers
inputs`, and each command run by hand) refuses it in one line naming the link, where it leads and the fix, before
anything is written. A link that stays inside the project, and a folder named outside it, are fine."""
import shutil
import uuid

import pytest

from helpers.core import paths
from helpers.run import cli
from helpers.run.project_folder import link_out_of_project


def _project(root):
    (root / "src" / "helpers").mkdir(parents=True)
    (root / "Makefile").write_text("all:\n", encoding="utf-8")
    return root


def test_a_link_out_of_the_project_is_found_with_where_it_leads(tmp_path, monkeypatch):
    here, other = _project(tmp_path / "proj"), _project(tmp_path / "other")
    (other / "data" / "processed").mkdir(parents=True)
    (here / "data").mkdir()
    (here / "data" / "processed").symlink_to(other / "data" / "processed")
    assert link_out_of_project(here / "data" / "processed", here) == (here / "data" / "processed",
                                                                      other / "data" / "processed")
    # a folder under a linked parent (data -> the other copy's data): the parent is named
    (here / "reports").symlink_to(other / "data")
    assert link_out_of_project(here / "reports" / "2025", here) == (here / "reports", other / "data")
    # relative to the working folder, as make names it
    monkeypatch.chdir(here)
    assert link_out_of_project(paths.Path("data/processed"), here)[1] == other / "data" / "processed"


def test_a_link_inside_the_project_and_a_folder_named_outside_it_are_fine(tmp_path):
    here = _project(tmp_path / "proj")
    (here / "elsewhere").mkdir()
    (here / "data").mkdir()
    (here / "data" / "processed").symlink_to(here / "elsewhere")
    assert link_out_of_project(here / "data" / "processed", here) is None
    assert link_out_of_project(here / "data" / "new", here) is None           # not made yet: nothing to follow
    assert link_out_of_project(tmp_path / "outside", here) is None            # PROCESSED_DIR=/tmp/x: the user's


@pytest.fixture
def inside(tmp_path):
    """A folder named inside the real project (under .make/, which is git-ignored), removed afterwards."""
    folder = paths.PROJECT_ROOT / ".make" / f"test-links-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    yield folder
    shutil.rmtree(folder)


def _inputs(processed, reports) -> int:
    return cli.main(["inputs", str(processed / ".inputs.json"), "--raw-dir", str(paths.RAW_DIR),
                     "--config-dir", str(paths.CONFIG_DIR), "--reports-dir", str(reports),
                     "--year", "", "--entities", "", "--lang", "", "--documents", ""])


def _files(folder):
    return sorted(p for p in folder.rglob("*"))


def test_the_first_step_refuses_a_processed_folder_linked_out_of_the_project(inside, tmp_path, capsys):
    other = tmp_path / "other copy" / "data" / "processed"
    other.mkdir(parents=True)
    (other / "indicators.csv").write_text("theirs\n", encoding="utf-8")
    (inside / "processed").symlink_to(other)
    (inside / "reports").mkdir()
    before = _files(tmp_path)
    assert _inputs(inside / "processed", inside / "reports") == 1
    err = capsys.readouterr().err
    link = paths.display_path(inside / "processed")
    assert err.startswith(f"error: PROCESSED_DIR={inside / 'processed'}: {link} is a link to {other}, outside this "
                          f"project folder ({paths.PROJECT_ROOT}): the run would write its outputs there"), err
    assert f"Remove the link (`rm {link}`: the run makes the folder again, empty) and run again." in err
    assert err.count("\n") == 1 and _files(tmp_path) == before        # one line; nothing written there


def test_a_report_year_folder_linked_out_is_refused_before_anything_is_written(inside, tmp_path, capsys):
    other = tmp_path / "other" / "reports" / "2025"
    other.mkdir(parents=True)
    (inside / "processed").mkdir()
    (inside / "reports").mkdir()
    (inside / "reports" / "2025").symlink_to(other)
    assert _inputs(inside / "processed", inside / "reports") == 1
    err = capsys.readouterr().err
    link = paths.display_path(inside / "reports" / "2025")
    assert err.startswith(f"error: {link} is a link to {other}, outside"), err
    assert not any((inside / "processed").iterdir()) and not any(other.iterdir())
    # publishing by hand into it is refused too
    assert cli.main(["publish", str(tmp_path / "build"), str(inside / "reports"), "x.pdf"]) == 1
    assert "is a link to" in capsys.readouterr().err and not any(other.iterdir())


def test_a_processed_folder_linked_inside_the_project_still_works(inside, capsys):
    (inside / "real").mkdir()
    (inside / "processed").symlink_to(inside / "real")
    (inside / "reports").mkdir()
    assert _inputs(inside / "processed", inside / "reports") == 0, capsys.readouterr().err
    assert (inside / "real" / ".inputs.json").is_file()


@pytest.mark.parametrize("command", [["analyse", "--processed-dir"], ["resolve", "--processed-dir"]])
def test_commands_run_by_hand_refuse_it_too(inside, tmp_path, capsys, command):
    (inside / "processed").symlink_to(tmp_path)
    assert cli.main([*command, str(inside / "processed")]) == 1
    assert f"is a link to {tmp_path}, outside this project folder" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


# ----------------------------------------------------------------------------- JupyterLab (issue 18, leftover 3)

@pytest.fixture
def linked_out(inside, tmp_path):
    """data/processed-like folder inside the project, a link into another copy's processed data (built there)."""
    from helpers.extract import dataset
    other = tmp_path / "other copy" / "data" / "processed"
    other.mkdir(parents=True)
    dataset.write(dataset.build(paths.RAW_DIR, paths.CONFIG_DIR), other)
    (inside / "processed").symlink_to(other)
    return inside / "processed", other


def _said(call) -> str:
    from helpers.core.errors import ParameterError
    with pytest.raises(ParameterError) as info:
        call()
    return str(info.value)


def test_the_notebooks_helpers_refuse_a_processed_folder_linked_out_of_the_project(linked_out):
    """make and `python -m helpers` refused it (F8, 2b50e7b); a notebook in JupyterLab read the other copy's data
    (02, 03, 04) and wrote over it (01), without a word."""
    from helpers import analyse
    from helpers.extract import dataset
    from helpers.report.context import load_run_context
    link, other = linked_out
    before = {p.name: p.stat().st_mtime_ns for p in other.iterdir()}
    shown = paths.display_path(link)
    for call in (lambda: analyse.load_inputs(link), lambda: analyse.notebook_inputs(link),
                 lambda: analyse.load_run_inputs(link), lambda: load_run_context(link),
                 lambda: dataset.write(dataset.build(paths.RAW_DIR, paths.CONFIG_DIR), link)):
        said = _said(call)
        assert said.startswith(f"processed_dir = '{link}': {shown} is a link to {other}, outside this project "
                               f"folder ({paths.PROJECT_ROOT}): the run would read or write another folder's data "
                               "there."), said
        assert f"Remove the link (`rm {shown}`" in said
    assert {p.name: p.stat().st_mtime_ns for p in other.iterdir()} == before      # nothing written there


def test_the_notebooks_helpers_read_a_processed_folder_linked_inside_the_project(inside):
    from helpers import analyse
    from helpers.extract import dataset
    (inside / "real").mkdir()
    (inside / "processed").symlink_to(inside / "real")
    dataset.write(dataset.build(paths.RAW_DIR, paths.CONFIG_DIR), inside / "processed")
    assert analyse.load_inputs(inside / "processed").report_year == 2020


@pytest.mark.slow     # papermill runs a notebook, as JupyterLab would
def test_a_notebook_run_on_a_processed_folder_linked_out_is_refused_in_its_words(linked_out, tmp_path):
    import subprocess
    import sys
    link, other = linked_out
    run = subprocess.run([sys.executable, "-m", "papermill", "--cwd", str(paths.PROJECT_ROOT / "notebooks"),
                          str(paths.PROJECT_ROOT / "notebooks" / "03_growth.ipynb"), str(tmp_path / "out.ipynb"),
                          "-p", "processed_dir", str(link)], cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                         timeout=600)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"ParameterError: processed_dir = '{link}': {paths.display_path(link)} is a link to {other}" in said
