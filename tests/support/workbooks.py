"""Monitoring workbooks made as an analyst makes them: the template, filled in, dropped into a project copy."""
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers.core.config import load_catalogue, load_sources
from helpers.core.errors import InputError
from helpers.extract.monitoring import DATA_SHEET, read_monitoring, write_template

# The monitoring sheet's columns, as the template heads them.
HEADER = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]


def template(path: Path, config: Path | None = None) -> Path:
    kwargs = {} if config is None else {"config_dir": config}
    return write_template(path, load_sources(**kwargs), load_catalogue(**kwargs))


def fill(path: Path, rows: list[dict]) -> Path:
    """Fill the template as an analyst would: find the county/indicator row, or append one."""
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    header = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    for spec in rows:
        target = None
        for r in range(2, ws.max_row + 1):
            if (ws.cell(r, 1).value == spec["county"] and ws.cell(r, 2).value == spec["indicator"]
                    and ws.cell(r, header["年份"]).value is None):
                target = r
                break
        if target is None:
            target = ws.max_row + 1
            ws.cell(target, 1, spec["county"])
            ws.cell(target, 2, spec["indicator"])
        for title, key in (("年份", "year"), ("数值", "value"), ("单位", "unit"), ("比较符", "comparator"),
                           ("来源", "source"), ("备注", "note")):
            if key in spec:
                cell = ws.cell(target, header[title], spec[key])
                if key in ("source", "note"):
                    cell.data_type = "s"   # text typed by the analyst, even when it starts with '='

    wb.save(path)
    return path


def drop(workspace: Path, name: str, rows: list[dict]) -> Path:
    folder = workspace / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    return fill(template(folder / name, workspace / "config"), rows)


def one_sheet_workbook(workspace: Path, rows: list[list], header=HEADER, edit=None, name: str = "m.xlsx") -> Path:
    """A monitoring workbook of one sheet, 数据: the header and the rows as given (no template), `edit(ws)` before
    it is saved; in the project's data/raw/monitoring/."""
    path = workspace / "raw" / "monitoring" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for row in [header, *rows]:
        ws.append(row)
    if edit:
        edit(ws)
    wb.save(path)
    return path


def with_rich_text_e2(path: Path, runs: str, shared: bool) -> Path:
    """The workbook with E2 holding the rich text `runs` (<r> elements): in the shared strings, as Excel, WPS and
    LibreOffice store it, or inline, as programs writing workbooks store it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    cell = re.search(r'<c r="E2"[^>]*>.*?</c>|<c r="E2"[^>]*/>', sheet).group()
    style = re.search(r'<c r="E2"[^>]*?( s="[0-9]+")', cell)        # (its fill, font … kept)
    style = style.group(1) if style else ""
    if shared:
        sheet = sheet.replace(cell, f'<c r="E2"{style} t="s"><v>0</v></c>')
        parts["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                         f'count="1" uniqueCount="1"><si>{runs}</si></sst>').encode()
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/></Types>'))
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
            b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    else:
        sheet = sheet.replace(cell, f'<c r="E2"{style} t="inlineStr"><is>{runs}</is></c>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return path


def part_year_sheet_stops_and_renaming_reads(workspace: Path, name: str) -> None:
    """建德's 9.4 for 2023 on a sheet named `name`, which says part of a year: the run stops at E2 saying so; the advice
    followed (the whole year's 12.9 entered, the sheet renamed as the advice says) reads 12.9 as 2023's."""
    from support.data_step import build_refused, monitored
    path = one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 9.4]],
                              edit=lambda ws: setattr(ws, "title", name))
    err = build_refused(workspace)
    assert err.where == f"sheet {name}, cell E2"
    assert err.problem.startswith(f"the sheet's name ('{name}') says the figures are for part of a year ('{name}')")
    new = re.search(r"Rename; e\.g\. ([^)]+)\)", err.fix).group(1)
    wb = openpyxl.load_workbook(path)
    wb[name]["E2"] = 12.9
    wb[name].title = new
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def read_workbooks(workspace: Path):
    """The project copy's monitoring workbooks as the data step reads them: (observations, decisions)."""
    return read_monitoring(workspace / "raw" / "monitoring", load_sources(workspace / "config"),
                           load_catalogue(workspace / "config"))


def refused_reading(workspace: Path) -> InputError:
    """The InputError that stops reading the project copy's monitoring workbooks (the test fails if none does)."""
    with pytest.raises(InputError) as info:
        read_workbooks(workspace)
    return info.value


def set_cells(path: Path, **cells) -> Path:
    """The workbook with cells of its 数据 sheet rewritten, as an analyst edits them (E2='12.9')."""
    wb = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        wb["数据"][coordinate].value = value
    wb.save(path)
    return path
