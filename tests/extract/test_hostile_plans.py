"""Plans and workbooks as published and as careless hands leave them, second hostile pass (issue 18): what real
documents write in a value cell, how they set a note mark, and how they merge cells. Each case is read to the
right value, or stopped with the file, the cell and the fix; never a silent wrong value. The plan is the made-up
十五五 plan of tests/support/fifteenth_plan.py (its table: DOCUMENT_TABLE)."""
from pathlib import Path

import openpyxl
import pytest

from helpers.core.values import NotANumber, parse_value_cell
from helpers.extract import dataset
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, use_plan_file, write_docx

TOTAL_2030 = (0, 5)   # DOCUMENT_TABLE's rows[0][5]: 人才资源总量, 2030年目标, 20左右


def _table(**cells) -> dict:
    """DOCUMENT_TABLE with cells replaced: {(row, column): text}."""
    rows = [list(row) for row in DOCUMENT_TABLE["rows"]]
    for (r, c), text in cells.get("cells", {}).items():
        rows[r][c] = text
    return {**DOCUMENT_TABLE, "rows": rows}


def _docx(workspace: Path, table: dict, edit=None) -> Path:
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**table), workspace / "raw" / "tonglu_15.docx")
    if edit is not None:
        import docx
        document = docx.Document(str(path))
        edit(document.tables[0])
        document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


def _total_2030(ds: dataset.Dataset):
    return ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030 "
                               "and kind == 'target'").iloc[0]


# ------------------------------------------------------------------------------------------- value cells

@pytest.mark.parametrize("cell", ["/", "／", "—", "——", "－", "--", "-", "–", "无", "暂无", " — "])
def test_a_dash_or_none_written_in_a_value_cell_is_no_value_never_zero(cell):
    parsed = parse_value_cell(cell)
    assert parsed.missing and parsed.value is None


@pytest.mark.parametrize("cell, value", [("1,234.5", 1234.5), ("1，234", 1234), ("12,345,678", 12345678),
                                         ("−5", -5), ("１２．５", 12.5)])
def test_thousands_separators_and_a_minus_sign(cell, value):
    assert parse_value_cell(cell).value == value


@pytest.mark.parametrize("cell", ["1,23", "12,34", "1,2345", "1 234", "8-10", "8～10", "5（其中高层次2）", "12.5万",
                                  "≤16", "(15.2)", "5‰", "—5", "无5"])
def test_what_cannot_be_read_without_guessing_is_refused(cell):
    with pytest.raises(NotANumber):
        parse_value_cell(cell)


def test_a_dash_in_a_plans_value_cell_is_read_like_a_slash_and_logged(workspace):
    _docx(workspace, _table(cells={TOTAL_2030: "—"}))
    ds = _build(workspace)
    row = _total_2030(ds)
    assert row["value"] != row["value"] and "“—” in the plan: not given" in row["note"]    # NaN, never 0
    log = ds.cleaning_log.query("entity == 'tonglu' and step == 'missing'")
    assert len(log) == 1 and "“—”表示未给出" in log["decision"].iloc[0]


def test_a_dash_in_a_workbook_is_no_value_like_an_empty_cell(workspace):
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = workspace / "raw" / "monitoring" / "桐庐监测.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.append(["桐庐县", "人才资源总量", "万人", 2024, "—", None, "统计年报", None])
    wb.save(path)
    ds = _build(workspace)
    assert ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2024").empty
