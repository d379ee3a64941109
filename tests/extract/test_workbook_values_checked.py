"""Monitoring workbooks, third hostile pass (issue 18): a value cell whose figure the analyst did not mean, or
meant otherwise than the sheet says. A comparator typed into the value cell (>12.9, ≥12.9, 12.9以上) agrees
with the 比较符 column or stops the run; a year typed into a value cell (2030 for 12.9 万人) stops the run; the
year check depends on the configured plans, never on the calendar; CSV files saved in the wrong way say so."""
import json
from pathlib import Path

import openpyxl
import pytest

from helpers.extract import dataset
from support.data_step import build_refused, monitored
from support.workbooks import HEADER, one_sheet_workbook

# ----------------------------------------------------------------------------- a comparator in the value cell

@pytest.mark.parametrize("value, column", [
    (">12.9", "="),       # was: > kept, the 比较符 cell's = silently overruled
    ("≥12.9", ">"),       # was: >= kept, the 比较符 cell's > silently dropped
    ("12.9以上", ">"),
    ("＞12.9", ">="),
])
def test_a_comparator_in_the_value_cell_that_the_comparator_column_contradicts_stops_the_run(workspace, value,
                                                                                              column):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, value, column]])
    err = build_refused(workspace)
    assert err.file.endswith("monitoring/m.xlsx") and err.where == "sheet 数据, cells E2 and F2"
    assert value in err.problem and f"'{column}'" in err.problem
    assert "write the number alone in E2 (12.9)" in err.fix and "F2" in err.fix


@pytest.mark.parametrize("value, column, comparator", [
    (">12.9", None, ">"), ("≥12.9", None, ">="), ("12.9以上", None, ">="), (">12.9", ">", ">"),
    ("12.9以上", "≥", ">="),
])
def test_a_comparator_in_the_value_cell_alone_or_agreeing_is_kept_and_logged(workspace, value, column, comparator):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, value, column]])
    built = dataset.build(workspace / "raw", workspace / "config")
    row = built.indicators.query("origin == 'monitoring'")
    assert row[["value", "comparator", "source_cell"]].values.tolist() == [[12.9, comparator, "E2"]]
    logged = built.cleaning_log.query("step == 'comparator' and source_file.str.endswith('m.xlsx')")
    assert len(logged) == 1 and json.loads(logged["values"].iloc[0]) == \
        {"raw": value, "value": 12.9, "comparator": comparator}


# ----------------------------------------------------------------------------- a value far out of line

JIANDE_TOTALS = [["建德市", "人才资源总量", "万人", 2021, 11.0], ["建德市", "人才资源总量", "万人", 2022, 11.8]]


# Each was accepted: the plausible range of 人才资源总量 is 0.5–5000 万人.
@pytest.mark.parametrize("typed, times, guess", [
    (2030, "is 145 times the largest", "a year typed in the value cell?"),      # 2030 ÷ 14
    (129, "is 9.21 times the largest", "a misplaced decimal point?"),          # 129 for 12.9: 129 ÷ 14
    (1.29, "is the smallest divided by 5.38", "a misplaced decimal point?"),   # 1.29 for 12.9: 6.9407 ÷ 1.29
])
def test_a_value_far_out_of_line_with_the_countys_other_figures_stops_the_run(workspace, typed, times, guess):
    one_sheet_workbook(workspace, [*JIANDE_TOTALS, ["建德市", "人才资源总量", "万人", 2023, typed]])
    err = build_refused(workspace)
    assert err.file.endswith("monitoring/m.xlsx") and err.where == "sheet 数据, cell E4"
    assert f"{typed:g} 万人 for 人才资源总量 (jiande, 2023) {times}" in err.problem
    assert guess in err.problem
    # Jiande's plan: 10.3 in 2020 (line 48), 14 in 2025 (line 49), and 6.9407 in 2015 derived from its prose
    # (10.3 万人 in 2020, 48.4% more than in 2015: line 5); the workbook's 11 and 11.8
    assert "which run from 6.9407 to 14 万人 in 2015–2025 (2022 actual 11.8 at m.xlsx E3, 2021 actual 11 at m.xlsx " \
        "E2, 2025 target 14 at jiande_talent_plan_2021-2025.txt line 49)" in err.problem
    # (the method.yaml of the config folder the run reads: the workspace's, redteam17 finding 5)
    assert f"raise `monitoring.out_of_line_factor` (5) in {workspace / 'config' / 'method.yaml'}, line " in err.fix


def test_the_factor_comes_from_the_method_and_the_figures_in_line_are_read(workspace, monkeypatch):
    from helpers.core import method
    one_sheet_workbook(workspace, [*JIANDE_TOTALS, ["建德市", "人才资源总量", "万人", 2023, 60]])   # 4.6 × 13
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 60.0]
    shipped = method.method_parameters()
    stricter = method.Method(**{**vars(shipped), "out_of_line_factor": 4})
    monkeypatch.setattr(method, "method_parameters", lambda: stricter)
    monkeypatch.setattr(dataset, "method_parameters", method.method_parameters)
    assert "60 万人" in build_refused(workspace).problem


def test_a_workbook_only_series_names_the_value_furthest_out(workspace):
    """An indicator the plan does not state: the workbooks' own years are the reference."""
    rows = [["建德市", "人才资源总量", "万人", 2021, 11.0]] + \
        [["安吉县", "高价值专利授权数", "件", year, value] for year, value in ((2021, 120), (2022, 135), (2023, 2023))]
    one_sheet_workbook(workspace, rows)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E5" and "a year typed in the value cell?" in err.problem
    assert "which run from 120 to 135 件 in 2021–2022" in err.problem


# ----------------------------------------------------------------------------- CSV files saved the wrong way

CSV_TEXT = ",".join(HEADER) + "\n建德市,人才资源总量,万人,2023,12.9,,,\n"


def _csv(workspace: Path, data: bytes, name: str = "2023.csv") -> Path:
    path = workspace / "raw" / "monitoring" / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding, order", [("utf-16-le", "little-endian"), ("utf-16", "little-endian"),
                                             ("utf-16-be", "big-endian")])
def test_a_utf16_csv_says_what_it_is_and_the_conversion_works(workspace, encoding, order):
    """Was: 'no sheet has the monitoring columns' (without a byte-order mark, read as GBK) or 'neither UTF-8 nor
    GBK'. The advice's command, run as written, makes the file readable."""
    import subprocess
    path = _csv(workspace, CSV_TEXT.encode(encoding))
    err = build_refused(workspace)
    assert err.file.endswith("2023.csv") and f"the file is UTF-16 text ({order}" in err.problem
    assert "Excel 工作簿 (*.xlsx)" in err.fix
    if encoding == "utf-16":                      # (iconv keeps a byte-order mark: the reader skips it)
        return
    command = err.fix[err.fix.index("`iconv") + 1:err.fix.index("`", err.fix.index("`iconv") + 1)]
    subprocess.run(command, shell=True, check=True)
    assert monitored(workspace)[["value", "source_cell"]].values.tolist() == [[12.9, "E2"]]
    assert path.exists()


@pytest.mark.parametrize("separator, name", [(";", "semicolons (;)"), ("\t", "tabs")])
def test_a_csv_separated_by_semicolons_or_tabs_says_so(workspace, separator, name):
    """Was: 'no sheet has the monitoring columns' for a file whose header is all there."""
    _csv(workspace, CSV_TEXT.replace(",", separator).replace("12.9", "12,9").encode("utf-8"))
    err = build_refused(workspace)
    assert err.where == "line 1" and f"the columns are separated by {name}, not commas" in err.problem
    assert "Excel 工作簿 (*.xlsx)" in err.fix


def test_an_empty_csv_says_it_is_empty(workspace):
    _csv(workspace, b"")
    err = build_refused(workspace)
    assert err.file.endswith("2023.csv") and "the CSV file is empty" in err.problem


def test_a_csv_with_commas_and_a_semicolon_in_a_cell_is_read(workspace):
    _csv(workspace, CSV_TEXT.replace(",,,\n", ",,统计公报;第3页,\n").encode("utf-8"))
    assert monitored(workspace)["value"].tolist() == [12.9]


# ----------------------------------------------------------------------------- dates and Excel's errors as values

def _dated(ws):
    """Cells as Excel leaves them: E2 formatted as a date, with 12.9 typed in (shown as 1900-01-12), D3 the year
    2023 typed into a date cell (shown as 1905-07-15)."""
    ws["E2"].number_format = "yyyy-mm-dd"
    ws["D3"].number_format = "yyyy-mm-dd"


@pytest.mark.parametrize("row, where, what", [
    (0, "cell E2", "the value cell holds a date or time (1900-01-12"),
    (1, "cell D3", "the year cell holds a date or time (1905-07-15"),
])
def test_a_date_formatted_cell_says_so_and_the_advice_works(workspace, row, where, what):
    """Was: "value '1900-01-12 00:00:00' is not a number", advising to write a number: typed again into the same
    cell, a number stays a date."""
    rows = [["建德市", "人才资源总量", "万人", 2022, 12.9], ["建德市", "人才资源总量", "万人", 2023, 13.4]]
    rows[1 - row] = rows[1 - row][:3] + [None, None]       # one bad cell at a time
    path = one_sheet_workbook(workspace, rows, edit=_dated)
    err = build_refused(workspace)
    assert err.where == f"sheet 数据, {where}" and what in err.problem and "set its format to Number" in err.fix
    wb = openpyxl.load_workbook(path)            # as advised: the format to Number, the figure typed again
    cell = wb["数据"][where.split()[-1]]
    cell.number_format, cell.value = "General", cell.value if not hasattr(cell.value, "year") else \
        (12.9 if row == 0 else 2023)
    wb.save(path)
    assert len(monitored(workspace)) == 1


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!"])
def test_an_excel_error_in_a_value_cell_says_the_formula_failed(workspace, error):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, error]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2" and f"the cell shows Excel's error {error}" in err.problem
    assert "correct the formula" in err.fix


# ----------------------------------------------------------------------------- a workbook that unpacks to too much

def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(workspace, monkeypatch):
    """Was: openpyxl reads a workbook's shared text whole, even read-only: a file of a few MB that unpacks to
    gigabytes (a zip bomb) exhausts the memory and kills the kernel. Here a 3 MB part against a limit set to 2 MB."""
    import zipfile

    from helpers.extract import monitoring
    path = one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/padding.xml", b"<a/>" * 750_000)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(monitoring, "MAX_UNPACKED_BYTES", 2_000_000)
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and "the workbook unpacks to 3 MB" in err.problem and "(the limit is 2 MB)" \
        in err.problem
    monkeypatch.setattr(monitoring, "MAX_UNPACKED_BYTES", 200_000_000)
    assert monitored(workspace)["value"].tolist() == [12.9]


# ----------------------------------------------------------------------------- hidden rows

def test_hidden_rows_are_read_and_the_cleaning_log_says_so(workspace):
    """Was: read without a word; an analyst who hid an old figure (rather than deleting it) did not learn that the
    report used it."""
    from helpers.core.wording import decision_text, words
    rows = [["建德市", "人才资源总量", "万人", year, value] for year, value in
            ((2021, 11.0), (2022, 11.8), (2023, 12.9), (2024, 13.4))]
    path = one_sheet_workbook(workspace, rows)
    wb = openpyxl.load_workbook(path)
    for row in (3, 4, 5):
        wb["数据"].row_dimensions[row].hidden = True
    wb.save(path)
    built = dataset.build(workspace / "raw", workspace / "config")
    assert built.indicators.query("origin == 'monitoring'")["value"].tolist() == [11.0, 11.8, 12.9, 13.4]
    logged = built.cleaning_log.query("step == 'hidden_rows'")
    assert json.loads(logged["values"].iloc[0]) == {"file": "m.xlsx", "sheet": "数据", "rows": "3–5"}
    said = [decision_text("hidden_rows", logged["values"].iloc[0], words(lang)) for lang in ("zh", "en")]
    assert said[0] == "m.xlsx的数据表第3–5行在Excel中隐藏，仍与其他行一样读取（隐藏不等于删除：不应读取的行请删除）"
    assert said[1].startswith("rows 3–5 of sheet 数据 in m.xlsx are hidden in Excel, and were read like the others")


# ----------------------------------------------------------------------------- renamed or missing columns

@pytest.mark.parametrize("header, row, missing", [
    (["县市", "指标", "单位", "年份", "实际值"], ["建德市", "人才资源总量", "万人", 2023, 12.9], "no 数值 column"),
    (["指标", "单位", "年份", "数值"], ["人才资源总量", "万人", 2023, 12.9], "no 县市 column"),   # a sheet per county
    (["county", "indicator", "unit", "yr", "value"], ["建德市", "人才资源总量", "万人", 2023, 12.9], "no 年份 column"),
])
def test_a_renamed_or_missing_column_is_named(workspace, header, row, missing):
    """Was: 'no sheet has the monitoring columns 县市, 指标, 年份 and 数值', for a header that has all but one."""
    one_sheet_workbook(workspace, [row], header=header)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, row 1" and missing in err.problem and ", ".join(header) in err.problem
    assert "as the template does (县市, 指标, 单位, 年份, 数值, 比较符, 来源, 备注)" in err.fix


def test_a_header_below_the_rows_searched_says_where_it_is_looked_for(workspace):
    def titled(ws):
        ws.insert_rows(1, 6)
        ws["A1"] = "建德市年度监测"
    path = workspace / "raw" / "monitoring" / "m.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [HEADER, ["建德市", "人才资源总量", "万人", 2023, 12.9]]:
        ws.append(row)
    titled(ws)
    wb.save(path)
    err = build_refused(workspace)
    assert "in its first 5 rows" in err.problem and "delete the title rows above it" in err.fix


@pytest.mark.parametrize("hide", ["E", "D:E"])
def test_hidden_columns_are_read_and_the_cleaning_log_says_so(workspace, hide):
    """Was: a workbook whose 数值 column is hidden (no other 数值 column: two stop the run) was read without a word,
    though neither the sheet nor its printout shows one figure (LibreOffice prints it without the column, as it
    does hidden rows: checked with soffice --convert-to pdf). Read, as hidden rows are, and logged."""
    from helpers.core.wording import decision_text, words
    rows = [["建德市", "人才资源总量", "万人", year, value] for year, value in ((2022, 11.8), (2023, 12.9))]
    path = one_sheet_workbook(workspace, rows)
    wb = openpyxl.load_workbook(path)
    first, _, last = hide.partition(":")
    wb["数据"].column_dimensions.group(first, last or first, hidden=True)
    wb.save(path)
    built = dataset.build(workspace / "raw", workspace / "config")
    assert built.indicators.query("origin == 'monitoring'")["value"].tolist() == [11.8, 12.9]
    logged = built.cleaning_log.query("step == 'hidden_columns'")
    columns, fields = ("E", "数值") if hide == "E" else ("D, E", "年份, 数值")
    assert json.loads(logged["values"].iloc[0]) == {"file": "m.xlsx", "sheet": "数据", "columns": columns,
                                                    "fields": fields}
    said = [decision_text("hidden_columns", logged["values"].iloc[0], words(lang)) for lang in ("zh", "en")]
    assert said[0].startswith(f"m.xlsx的数据表{columns}列（{fields}）在Excel中隐藏（表格与打印稿均不显示），"
                              "其中的内容仍照常读取")
    assert said[1].startswith(f"columns {columns} ({fields}) of sheet 数据 in m.xlsx are hidden in Excel (neither the "
                              "sheet nor its printout shows them), and what they hold was read as if shown")


def test_a_hidden_column_that_is_not_read_is_not_logged(workspace):
    rows = [["建德市", "人才资源总量", "万人", 2023, 12.9, None, None, None, "old"]]
    # (a column of another header stops the run, unless its header says 不读: redteam17 finding 1)
    path = one_sheet_workbook(workspace, rows, header=[*HEADER, "不读 旧数据"])
    wb = openpyxl.load_workbook(path)
    wb["数据"].column_dimensions["I"].hidden = True
    wb.save(path)
    built = dataset.build(workspace / "raw", workspace / "config")
    assert built.cleaning_log.query("step == 'hidden_columns'").empty
    assert len(built.cleaning_log.query("step == 'column_not_read'")) == 1
