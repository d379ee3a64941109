"""Bad input stops the run with a clear message and leaves the previous processed data untouched."""
from pathlib import Path

from conftest import ANJI, JIANDE
from helpers.core.errors import InputError
from helpers.extract.manifest import write_manifest
from support.data_step import data_step_refuses


def _edit(workspace: Path, name: str, edit) -> None:
    path = workspace / "raw" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(edit(lines)), encoding="utf-8")
    write_manifest(workspace / "raw")  # a deliberate new version: only the content is bad




def test_missing_table(workspace):
    # Replace the table title: the document has no main-indicator table any more.
    err = _run_after(workspace, JIANDE, lambda ls: [line.replace("人才发展主要指标", "人才发展指标表") for line in ls])
    assert err.file.endswith(JIANDE) and "no main-indicator table" in err.problem
    assert "table_title" in err.fix


def test_table_truncated_mid_row_in_word_layout(workspace):
    # Cut Jiande after line 100, in the middle of row 9: no closing 注 line.
    err = _run_after(workspace, JIANDE, lambda ls: ls[:100])
    assert err.file.endswith(JIANDE) and "truncated" in err.problem and "36" in str(err.where)


def test_row_missing_a_cell_in_word_layout(workspace):
    # Delete the 2025 cell of 人才资源总量 (line 49): the row has 5 cells, the header 6.
    err = _run_after(workspace, JIANDE, lambda ls: ls[:48] + ls[49:])
    assert err.where == "lines 44–48" and "5 cells" in err.problem and "truncated" in err.problem


def test_table_truncated_in_cell_stream_layout(workspace):
    # Cut Anji after the 2025 target of the last row: the provincial target and the heading are gone.
    err = _run_after(workspace, ANJI, lambda ls: ls[:260])
    assert err.file.endswith(ANJI) and "truncated" in err.problem


def test_non_numeric_cell(workspace):
    err = _run_after(workspace, JIANDE, lambda ls: ls[:47] + ["\t十点三"] + ls[48:])
    assert (err.where, "not a number" in err.problem) == (48, True)
    assert "十点三" in err.problem and "人才资源总量" in err.problem


def test_duplicated_row(workspace):
    # Repeat the 党政人才 row (lines 51-57) right after itself.
    err = _run_after(workspace, JIANDE, lambda ls: ls[:57] + ls[50:57] + ls[57:])
    assert "appears twice" in err.problem and "lines 51 and 58" in err.problem
    assert err.where == 60


def test_unknown_indicator_name_gets_a_suggestion(workspace):
    err = _run_after(workspace, JIANDE, lambda ls: [line.replace("\t经营管理人才", "\t经营管里人才") for line in ls])
    assert err.where == 67 and "Did you mean '经营管理人才'" in err.problem


def test_unknown_layout(workspace):
    config = workspace / "config" / "sources.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("layout: cell_per_line", "layout: pdf_table"),
                      encoding="utf-8")
    err = data_step_refuses(workspace)
    assert err.file.endswith("sources.yaml") and "layout 'pdf_table'" in err.problem
    assert isinstance(err.where, int) and "cell_per_line" in err.fix


def test_changed_raw_file_is_noticed_not_used(workspace):
    path = workspace / "raw" / ANJI
    path.write_text(path.read_text(encoding="utf-8").replace("14.5", "15.4"), encoding="utf-8")
    err = data_step_refuses(workspace)
    assert err.file.endswith(ANJI) and "has changed" in err.problem and "make manifest" in err.fix


def test_missing_raw_file(workspace):
    (workspace / "raw" / JIANDE).unlink()
    err = data_step_refuses(workspace)
    assert err.file.endswith(JIANDE) and "missing" in err.problem


def test_message_names_file_line_problem_and_fix(workspace):
    err = _run_after(workspace, JIANDE, lambda ls: ls[:47] + ["\tabc"] + ls[48:])
    text = str(err)
    assert text.startswith(f"{err.file}, line 48: ") and "How to fix:" in text


def _run_after(workspace, name, edit) -> InputError:
    _edit(workspace, name, edit)
    return data_step_refuses(workspace)


def test_non_numeric_cell_in_a_row_without_a_unit(workspace):
    # Anji's 人才资源总量 row writes no unit, so its unit comes from the catalogue: the bad cell must
    # still be reported with its line, not escape as a bare parsing error.
    err = _run_after(workspace, ANJI, lambda ls: ls[:107] + ["十四点五"] + ls[108:])
    assert (err.where, "not a number" in err.problem) == (108, True) and "人才资源总量" in err.problem
