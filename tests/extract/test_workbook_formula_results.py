"""Formula cells whose saved results the workbook itself says are not to be trusted (redteam9 finding 1).

XlsxWriter (Python) writes each formula with the saved result 0 and sets <calcPr fullCalcOnLoad="1"> in
xl/workbook.xml, which tells Excel to recalculate every formula on opening: Excel shows =250+50 as 300, while a
reader of saved results (this one, and LibreOffice 7.4 with its default settings) reads 0. Such a cell stops the
run at the cell, with the formula and its saved result; a workbook saved by Excel or LibreOffice (which store
what they computed, and no such flag) is read by its saved results as before."""
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.plan_documents import soffice
from support.workbooks import one_sheet_workbook

ROWS = [["建德市", "科创板上市企业数", "家", 2023, 1, None, "统计局", None],
        ["建德市", "高价值专利授权数", "件", 2023, 300, None, "统计局", None]]


def _build(workspace: Path):
    return dataset.build(workspace / "raw", workspace / "config")


def _monitoring(workspace: Path) -> dict:
    rows = _build(workspace).indicators.query("origin == 'monitoring'")
    return dict(zip(rows["source_cell"], rows["value"]))


def _rewrite(path: Path, cells: dict[str, str], calc_pr: str | None = None, sheet_calc_pr: str | None = None):
    """The workbook with each cell of `cells` holding the formula and saved result given (<f>…</f><v>…</v>), and
    the workbook's <calcPr> (or, after the sheet's data, a <sheetCalcPr>) as given."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, xml in cells.items():
        cell = re.search(rf'<c r="{ref}"[^>]*>.*?</c>', sheet).group()
        style = re.search(r'<c r="[A-Z0-9]+"[^>]*?( s="[0-9]+")', cell)       # (its number format … kept)
        sheet = sheet.replace(cell, f'<c r="{ref}"{style.group(1) if style else ""}>{xml}</c>')
    if sheet_calc_pr is not None:
        sheet = sheet.replace("</sheetData>", "</sheetData>" + sheet_calc_pr)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    book = re.sub(r"<calcPr[^>]*/>", "", parts["xl/workbook.xml"].decode())
    parts["xl/workbook.xml"] = book.replace("</workbook>", (calc_pr or "") + "</workbook>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _as_xlsxwriter_writes(workspace: Path) -> Path:
    """E2 =1+0 (Excel shows 1) and E3 =250+50 (Excel shows 300), each saved as 0, as XlsxWriter writes them."""
    return _rewrite(one_sheet_workbook(workspace, ROWS), {"E2": "<f>1+0</f><v>0</v>", "E3": "<f>250+50</f><v>0</v>"},
                    calc_pr='<calcPr calcId="124519" fullCalcOnLoad="1"/>')


def test_formulas_saved_as_zero_by_a_writer_that_asks_for_recalculation_stop_at_the_cell(workspace):
    # On main: read as 0 and 0, quality ok, and the brief said 高价值专利授权数 −110.5%.
    _as_xlsxwriter_writes(workspace)
    with pytest.raises(InputError) as info:
        _build(workspace)
    err = info.value
    assert err.where == "sheet 数据, cell E2" and err.file.endswith("m.xlsx")
    assert err.problem.startswith("the cell holds the formula =1+0, whose saved result 0 may not be what it computes")
    assert "the workbook asks for its formulas to be recalculated on opening (fullCalcOnLoad" in err.problem
    assert "Always recalculate" in err.fix and "Ctrl+Alt+F9" in err.fix and "type the figure" in err.fix


def test_a_stale_saved_result_in_such_a_workbook_stops_too(workspace):
    # =12+0.3 saved as 12.9 (Excel recalculates it to 12.3 on opening): on main, read 12.9.
    path = one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.3, None, "统计局", None]])
    _rewrite(path, {"E2": "<f>12+0.3</f><v>12.9</v>"}, calc_pr='<calcPr calcId="191029" fullCalcOnLoad="true"/>')
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert info.value.where == "sheet 数据, cell E2"
    assert "the formula =12+0.3, whose saved result 12.9 may not be" in info.value.problem


def test_a_sheet_that_asks_for_recalculation_stops_at_its_formula(workspace):
    # The same request made by the sheet (<sheetCalcPr fullCalcOnLoad="1"/>), the workbook's calcPr without it.
    _rewrite(one_sheet_workbook(workspace, ROWS), {"E3": "<f>250+50</f><v>0</v>"},
             calc_pr='<calcPr calcId="191029"/>', sheet_calc_pr='<sheetCalcPr fullCalcOnLoad="1"/>')
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert info.value.where == "sheet 数据, cell E3" and "the sheet asks for its formulas" in info.value.problem


def test_a_formula_whose_number_format_writes_words_beside_it_stops_too(workspace):
    # 0" 家" shows 1 as "1 家" (read as shown, number_formats' "words"): the formula is checked all the same.
    def words(ws):
        ws["E2"].number_format = '0" 家"'
    _rewrite(one_sheet_workbook(workspace, ROWS, edit=words), {"E2": "<f>1+0</f><v>0</v>"},
             calc_pr='<calcPr calcId="124519" fullCalcOnLoad="1"/>')
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert info.value.where == "sheet 数据, cell E2" and "=1+0, whose saved result 0 may" in info.value.problem


def test_a_year_given_by_a_formula_in_such_a_workbook_stops_too(workspace):
    _rewrite(one_sheet_workbook(workspace, ROWS), {"D2": "<f>2022+1</f><v>0</v>"},
             calc_pr='<calcPr calcId="124519" fullCalcOnLoad="1"/>')
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert info.value.where == "sheet 数据, cell D2" and "=2022+1, whose saved result 0" in info.value.problem


@pytest.mark.parametrize("calc_pr", ['<calcPr calcId="191029"/>', '<calcPr calcId="191029" fullCalcOnLoad="0"/>',
                                     None])
def test_formulas_saved_by_a_program_that_computed_them_are_read_by_their_results(workspace, calc_pr):
    # As Excel saves (calcPr without fullCalcOnLoad), or with the flag off, or with no calcPr at all.
    _rewrite(one_sheet_workbook(workspace, ROWS), {"E2": "<f>1+0</f><v>1</v>", "E3": "<f>250+50</f><v>300</v>"},
             calc_pr=calc_pr)
    assert _monitoring(workspace) == {"E2": 1.0, "E3": 300.0}


def test_figures_typed_in_a_workbook_asking_for_recalculation_are_read(workspace):
    # openpyxl itself writes fullCalcOnLoad="1" into every workbook: figures that are no formulas are read.
    path = one_sheet_workbook(workspace, ROWS)
    with zipfile.ZipFile(path) as z:
        assert 'fullCalcOnLoad="1"' in z.read("xl/workbook.xml").decode()
    assert _monitoring(workspace) == {"E2": 1.0, "E3": 300.0}


def _libreoffice(path: Path, profile: Path, always_recalculate: bool = False) -> Path:
    """The workbook opened and saved as .xlsx by LibreOffice (headless, in a profile of its own), with its setting
    Tools → Options → LibreOffice Calc → Formula → Recalculation on File Load → Excel 2007 and newer: Always
    recalculate when asked (its default is Never recalculate)."""
    if always_recalculate:
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
            'oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    out = profile.parent / "converted"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    converted = out / path.name
    path.write_bytes(converted.read_bytes())
    return path


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_formulas_saved_by_libreoffice_are_read_by_their_results(workspace, tmp_path):
    # The common case, made for real: formulas written with no results (openpyxl), computed and saved by LibreOffice.
    path = one_sheet_workbook(workspace, [row[:4] + [f] + row[5:] for row, f in zip(ROWS, ["=1+0", "=250+50"])])
    _libreoffice(path, tmp_path / "profile")
    with zipfile.ZipFile(path) as z:
        assert "<f" in z.read("xl/worksheets/sheet1.xml").decode()      # (still formulas)
    assert _monitoring(workspace) == {"E2": 1.0, "E3": 300.0}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_the_advice_for_libreoffice_works(workspace, tmp_path):
    # Recalculation on File Load set to Always recalculate, then open and save: the figures Excel shows.
    _libreoffice(_as_xlsxwriter_writes(workspace), tmp_path / "profile", always_recalculate=True)
    assert _monitoring(workspace) == {"E2": 1.0, "E3": 300.0}
