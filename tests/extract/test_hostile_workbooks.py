"""Monitoring workbooks as careless hands and hostile files leave them: never silently skipped (a subfolder, a
name starting with README), never a traceback (a control character, a chart sheet), never a dead kernel (a
sheet of a million rows, read in read-only mode and refused by its size, naming the file)."""
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract import monitoring as workbooks
from helpers.extract.monitoring import DATA_SHEET

HEADER = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]
ROW_2021 = ["建德市", "人才资源总量", "万人", 2021, 11.2, None, "2021年统计公报", None]


def _workbook(path: Path, rows: list[list], chart_sheet_first: bool = False, title: str = DATA_SHEET) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in [HEADER, *rows]:
        ws.append(row)
    if chart_sheet_first:
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=5, min_row=1, max_row=1 + len(rows)), titles_from_data=True)
        wb.create_chartsheet("图表", 0).add_chart(chart)
    wb.save(path)
    return path


def _jiande_2021(workspace: Path):
    ind = dataset.build(workspace / "raw", workspace / "config").indicators
    return ind.query("entity == 'jiande' and indicator_id == 'talent_total' and year == 2021 and kind == 'actual'")


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


@pytest.mark.parametrize("name", ["2023/建德2021.xlsx", "README_2023数据.xlsx", "2023/县市/readme-2021.xlsx"])
def test_no_workbook_is_skipped_for_its_folder_or_its_name(workspace, name):
    _workbook(workspace / "raw" / "monitoring" / name, [ROW_2021])
    row = _jiande_2021(workspace)
    assert row["value"].tolist() == [11.2]
    assert row["source_file"].iloc[0].endswith("monitoring/" + name) and row["source_cell"].iloc[0] == "E2"


def test_hidden_folders_and_a_readme_text_are_still_passed_over(workspace):
    _workbook(workspace / "raw" / "monitoring" / ".backup" / "old.xlsx", [ROW_2021])
    (workspace / "raw" / "monitoring" / "2023").mkdir(parents=True)
    (workspace / "raw" / "monitoring" / "2023" / "README.md").write_text("说明", encoding="utf-8")
    assert _jiande_2021(workspace).empty


def test_a_file_in_a_subfolder_that_is_not_a_workbook_is_named(workspace):
    folder = workspace / "raw" / "monitoring" / "2023"
    folder.mkdir(parents=True)
    (folder / "figures.docx").write_bytes(b"PK\x03\x04")
    err = _refused(workspace)
    assert err.file.endswith("monitoring/2023/figures.docx") and "not a workbook" in err.problem


def test_a_control_character_in_a_cell_names_the_cell(workspace):
    folder = workspace / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    (folder / "2021.csv").write_text(",".join(HEADER) + "\n建德市,人才资源总量,万人,2021,11.2,,统计\x07公报,\n",
                                     encoding="utf-8")
    err = _refused(workspace)
    assert err.file.endswith("2021.csv") and err.where == "sheet 数据, cell G2"
    assert "control character (U+0007)" in err.problem and "retype" in err.fix


def test_a_chart_sheet_is_passed_over(workspace):
    # The data on a sheet of the analyst's naming, behind a chart of it: every sheet is looked at, charts have no cells.
    _workbook(workspace / "raw" / "monitoring" / "with_chart.xlsx", [ROW_2021], chart_sheet_first=True, title="2021年")
    assert openpyxl.load_workbook(workspace / "raw" / "monitoring" / "with_chart.xlsx").sheetnames[0] == "图表"
    assert _jiande_2021(workspace)["value"].tolist() == [11.2]


def test_a_hidden_data_sheet_behind_a_chart_sheet_is_read(workspace):
    path = _workbook(workspace / "raw" / "monitoring" / "charts.xlsx", [ROW_2021], chart_sheet_first=True)
    wb = openpyxl.load_workbook(path)
    wb[DATA_SHEET].sheet_state = "hidden"
    wb.active = 0
    wb.save(path)
    # (a hidden data sheet is still read)
    assert _jiande_2021(workspace)["value"].tolist() == [11.2]


def _many_rows(path: Path, rows: int, declared: bool) -> Path:
    """A workbook whose data sheet has `rows` rows below the header (the county only: no values), written as
    XML directly (openpyxl would take minutes); `declared`: the sheet states its size, as Excel writes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    small = path.with_suffix(".small.xlsx")
    _workbook(small, [ROW_2021])
    with zipfile.ZipFile(small) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    small.unlink()
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    county = "<t>建德市</t>"
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is>{county}</is></c></row>' for r in range(3, rows + 2))
    sheet = sheet.replace("</sheetData>", body + "</sheetData>")
    # (openpyxl writes <dimension ref="A1:H2" /> without lxml and <dimension ref="A1:H2"/> with it)
    sheet = re.sub(r'<dimension ref="A1:H2"\s*/>', f'<dimension ref="A1:H{rows + 1}" />' if declared else "", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return path


@pytest.mark.parametrize("declared", [True, False])
def test_too_many_rows_are_refused_naming_the_file(workspace, monkeypatch, declared):
    monkeypatch.setattr(workbooks, "MAX_ROWS", 50)
    _many_rows(workspace / "raw" / "monitoring" / "long.xlsx", 80, declared)
    err = _refused(workspace)
    assert err.file.endswith("monitoring/long.xlsx") and err.where == "sheet 数据"
    assert ("81 rows" if declared else "more than 50 rows") in err.problem and "Delete Rows" in err.fix


def test_a_million_rows_stay_small_and_quick(workspace):
    """A sheet of a million rows (as a pasted column can make) is refused in seconds, in little memory: the
    data step runs here under a 2 GB memory limit, which reading the whole sheet would exceed."""
    _many_rows(workspace / "raw" / "monitoring" / "million.xlsx", 1_000_000, declared=True)
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
              "from helpers.core.errors import InputError\nfrom helpers.extract import dataset\n"
              f"try:\n    dataset.build({str(workspace / 'raw')!r}, {str(workspace / 'config')!r})\n"
              "except InputError as exc:\n    print(exc)\n    sys.exit(3)\n")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    assert run.returncode == 3, run.stdout + run.stderr[-2000:]
    assert "million.xlsx, sheet 数据: the sheet has 1,000,001 rows" in run.stdout
    assert time.monotonic() - started < 60


def _sheet_edited(path: Path, edit) -> Path:
    """A workbook of ROW_2021 whose data sheet's XML is then changed by `edit` (bytes to bytes)."""
    small = path.with_suffix(".good.xlsx")
    _workbook(small, [ROW_2021])
    with zipfile.ZipFile(small) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    small.unlink()
    parts["xl/worksheets/sheet1.xml"] = edit(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return path


@pytest.mark.parametrize("edit", [lambda xml: xml[:-300],                                  # cut off
                                  lambda xml: xml.replace(b"<v>11.2</v>", b"<v>abc</v>"),    # not a number
                                  lambda xml: xml.replace(b'<c r="E2" t="n"><v>11.2</v>',   # no such string
                                                          b'<c r="E2" t="s"><v>999</v>')])
def test_a_damaged_sheet_read_row_by_row_is_named(workspace, edit):
    _sheet_edited(workspace / "raw" / "monitoring" / "damaged.xlsx", edit)
    err = _refused(workspace)
    assert err.file.endswith("monitoring/damaged.xlsx") and "damaged" in err.problem


def test_a_csv_line_past_the_field_limit_is_named(workspace):
    folder = workspace / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    long_source = '"' + "x" * 200_000 + '"'
    (folder / "2021.csv").write_text(",".join(HEADER) + f"\n建德市,人才资源总量,万人,2021,11.2,,{long_source},\n",
                                     encoding="utf-8")
    err = _refused(workspace)
    assert err.file.endswith("2021.csv") and err.where == "line 2" and "cannot be read as CSV" in err.problem


def test_a_comment_full_of_cell_tags_is_read_in_a_moment(workspace):
    """A 6 kB workbook whose sheet holds an XML comment of 200,000 `<c ` (a cell's tag, never closed) stalled the
    data step for about an hour: a pattern run over the sheet's XML, before openpyxl read it, went back over the
    rest of the comment from each of them (5,000 took 3 s, 20,000 took 31 s). An XML parser reads it in a moment."""
    path = _sheet_edited(workspace / "raw" / "monitoring" / "comment.xlsx",
                         lambda xml: xml.replace(b"</sheetData>", b"</sheetData><!--" + b"<c " * 200_000 + b"-->"))
    assert path.stat().st_size < 10_000
    script = ("from helpers.extract import dataset\n"
              f"ind = dataset.build({str(workspace / 'raw')!r}, {str(workspace / 'config')!r}).indicators\n"
              "print(ind.query(\"entity == 'jiande' and year == 2021 and kind == 'actual'\")['value'].tolist())\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)  # (not an hour)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[11.2]"
    started = time.monotonic()
    layout = workbooks._sheet_layout(path, "xl/worksheets/sheet1.xml")
    assert time.monotonic() - started < 2 and layout == workbooks._SheetLayout([], [], [])


def test_what_a_comment_holds_is_not_taken_for_the_sheet(workspace):
    """A comment (or a CDATA section) holding a merged range, a hidden row or a superscript is text, not the
    sheet's layout: the value of E2 is read as the sheet stores it."""
    comment = (b'<!-- <row r="2" hidden="1"><c r="E2" t="inlineStr"><is><r><rPr><vertAlign val="superscript"/>'
               b'</rPr><t>1</t></r></is></c></row> <mergeCells><mergeCell ref="E2:E3"/></mergeCells> -->')
    _sheet_edited(workspace / "raw" / "monitoring" / "comment.xlsx",
                  lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + comment))
    assert _jiande_2021(workspace)["value"].tolist() == [11.2]
