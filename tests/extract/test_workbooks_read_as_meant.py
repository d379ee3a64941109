"""Monitoring workbooks whose figures could be read as something other than what the analyst meant, without a
word (issue 18, second pass): two header cells that could each be the 数值 or 年份 column, a value merged over
several rows, a number format that shows another number than the cell holds. Each stops the run at its cell."""
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from support.data_step import build_refused, monitored
from support.notes import said
from support.workbooks import HEADER, one_sheet_workbook, with_rich_text_e2


@pytest.mark.parametrize("header, row, columns", [
    # Was: E (数值（万人）) read and F's 99 left out; the next, 年份（基期） read as the year (2020), the value then
    # lost to the plan's 2020 figure and Jiande's 2023 actual gone.
    (["县市", "指标", "单位", "年份", "数值（万人）", "数值"], ["建德市", "人才资源总量", "万人", 2023, 12.9, 99],
     "E1 (数值（万人）) and F1 (数值)"),
    (["县市", "指标", "单位", "年份（基期）", "年份", "数值"], ["建德市", "人才资源总量", "万人", 2020, 2023, 12.9],
     "D1 (年份（基期）) and E1 (年份)"),
])
def test_two_columns_that_could_each_be_one_field_stop_the_run(workspace, header, row, columns):
    one_sheet_workbook(workspace, [row], header=header)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, row 1" and columns in err.problem and "keep one column headed" in err.fix


@pytest.mark.parametrize("second_is_the_one", [True, False])
def test_the_advice_for_two_value_columns_followed_either_way(workspace, second_is_the_one):
    """redteam18 finding 8: two 数值 columns (E 12.9, I 13.9) stopped, and the advice was to rename the other one
    "e.g. 说明", which is then read as a second 备注 column and stops again. Now: begin the other's header with 不读
    (the header this reader passes over), after copying its cells into the kept one if they are the ones to read."""
    row = ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "年鉴", None, 13.9]
    path = one_sheet_workbook(workspace, [row], header=HEADER + ["数值"])
    err = build_refused(workspace)
    assert "E1 (数值) and I1 (数值)" in err.problem
    assert ("keep one column headed 数值, the one to read (if the other's cells are the ones to read, copy them into "
            "it first); begin the other's header with 不读 (as 不读 数值)") in err.fix
    assert "说明" not in err.fix
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    if second_is_the_one:
        ws["E2"] = ws["I2"].value
    ws["I1"] = "不读 数值"                       # the advice, followed
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [13.9 if second_is_the_one else 12.9]


def test_the_advice_for_two_value_columns_keeps_what_a_header_says_when_followed(workspace):
    """A second value column headed 数值（预计）: its figures copied into the kept 数值 column lose the 预计 unless the
    advice says to write it in the row's 备注 (name_meaning.remark_says reads the header). Followed: an estimate."""
    row = ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "年鉴", None, 13.9]
    path = one_sheet_workbook(workspace, [row], header=HEADER + ["数值（预计）"])
    err = build_refused(workspace)
    assert ("figures copied from I, whose header says they are an estimate ('预计'), need 预计 in their row's 备注 "
            "too, or they are read as the year's actual") in err.fix
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    ws["E2"], ws["H2"], ws["I1"] = ws["I2"].value, "预计", "不读 数值（预计）"      # the advice, followed
    wb.save(path)
    read = monitored(workspace)
    assert read["value"].tolist() == [13.9] and bool(read["estimated"].iloc[0])


def test_a_second_note_column_stops_unless_its_header_says_not_read(workspace):
    """Was: the second 备注 column passed over without a word, so 预计数 in it left the figure a stated actual
    (redteam17 finding 1: any column that is not read and holds something stops the run)."""
    row = ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "年鉴", "备注一", "内部核对用"]
    path = one_sheet_workbook(workspace, [row], header=HEADER + ["备注2"])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell I2" and "a second 备注 column: only the first, H1, is read" in err.problem
    assert "move its text into the 备注 column H" in err.fix and "不读 备注2" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["I1"] = "不读 备注2"      # the advice, followed
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_an_estimate_in_a_second_note_column_is_moved_into_the_备注_never_left_unread(workspace):
    """预计数 in the second 备注 column: the advice was also to head it 不读, which followed judged 12.9 as a firm
    actual (redteam18). Now only the move into the 备注 is offered; followed, 12.9 is an estimate."""
    row = ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "年鉴", "备注一", "预计数"]
    path = one_sheet_workbook(workspace, [row], header=HEADER + ["备注2"])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell I2" and "move its text into the 备注 column H of its row" in err.fix
    assert "不读 备注2" not in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["H2"], wb["数据"]["I2"] = "备注一；预计数", None      # the advice, followed
    wb.save(path)
    assert monitored(workspace)["estimated"].tolist() == [True]


def test_a_fraction_character_in_a_value_cell_is_refused_not_read_as_a_mark(workspace):
    """Was: 12½ read as 12, the ½ taken for a note mark."""
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, "12½"]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2" and "'12½'" in err.problem and "is not a number" in err.problem


# ----------------------------------------------------------------------------- a note mark set as superscript

SUPERSCRIPT_ONE = ('<r><t>12.9</t></r><r><rPr><vertAlign val="superscript"/></rPr><t>1</t></r>')


def _with_rich_value(path: Path, shared: bool) -> Path:
    """The workbook with E2 holding 12.9 and a superscript 1 (a note mark typed in Excel: type 12.91, select the 1,
    Format Cells → Superscript)."""
    return with_rich_text_e2(path, SUPERSCRIPT_ONE, shared)


def test_a_note_mark_set_as_superscript_is_a_mark_never_a_digit(workspace):
    """Was: 12.91. As Excel stores it (shared strings), the superscript 1 is read as the note mark ¹."""
    _with_rich_value(one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 0]]), shared=True)
    row = monitored(workspace).iloc[0]
    assert (row["value"], row["source_value"], row["source_cell"]) == (12.9, "12.9¹", "E2")
    assert "¹" in said(row)


def test_a_superscript_stored_inline_stops_the_run_with_advice_that_works(workspace):
    """Stored inline (as programs write it), openpyxl's read-only mode runs the parts together: was 12.91."""
    path = _with_rich_value(one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 0]]), shared=False)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2" and "superscript" in err.problem and "12.91" in err.problem
    assert "save it" in err.fix
    # Saved again by Excel, WPS or LibreOffice, the text is in the shared strings and reads as 12.9 with its mark.
    _with_rich_value(one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 0]]), shared=True)
    assert path.exists() and monitored(workspace)["value"].tolist() == [12.9]


# ----------------------------------------------------------------------------- merged cells

@pytest.mark.parametrize("merge, where", [("E2:E3", "cells E2:E3"), ("D2:D3", "cells D2:D3"), ("A2:A3", "cells A2:A3")])
def test_a_value_year_or_county_merged_over_rows_stops_the_run(workspace, merge, where):
    """Was, for a value: 12.9 merged over its 2022 and 2023 rows read for 2022 alone, 2023 dropped without a word."""
    rows = [["建德市", "人才资源总量", "万人", 2022, 12.9], ["建德市", "人才资源总量", "万人", 2023, None]]
    one_sheet_workbook(workspace, rows, edit=lambda ws: ws.merge_cells(merge))
    err = build_refused(workspace)
    assert err.where == f"sheet 数据, {where}" and "are merged" in err.problem and "Unmerge Cells" in err.fix


def test_merged_cells_elsewhere_are_harmless(workspace):
    def edit(ws):
        ws.merge_cells("G2:H2")          # 来源 and 备注 merged
        ws.merge_cells("G3:G4")          # a note over two rows
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2022, 12.1, None, "年鉴"],
                          ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "年鉴"]], edit=edit)
    assert monitored(workspace)["value"].tolist() == [12.1, 12.9]


# ----------------------------------------------------------------------------- number formats

@pytest.mark.parametrize("stored, number_format", [
    (129000, '0!.0,"万"'),      # the Chinese way of showing 人 in 万: 129000 shown as 12.9万
    (129000, '0"."0000'),       # 12.9000
    (12900, "0.0,"),            # divided by 1,000: 12.9
    (12900000, "0.00,,"),       # divided by a million
])
def test_a_number_format_that_shows_another_number_stops_the_run(workspace, stored, number_format):
    """Was: the stored 129000 read (and, where the plausible range allows it, published) while the sheet shows 12.9."""
    def edit(ws):
        ws["E2"].number_format = number_format
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, stored]], edit=edit)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2" and f"holds {stored:g}" in err.problem and "Number Format" in err.fix


@pytest.mark.parametrize("number_format", ["#,##0.00", '0.0"万人"', "0.00_ ", "[Red]0.0", "General"])
def test_number_formats_that_show_the_number_held_are_read(workspace, number_format):
    def edit(ws):
        ws["E2"].number_format = number_format
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]], edit=edit)
    assert monitored(workspace)["value"].tolist() == [12.9]


# ----------------------------------------------------------------------------- years, and very wide rows

class _Calendar:
    """A date class whose today() is in the given year: what the year check must not depend on."""
    def __init__(self, year: int):
        self.year = year

    def today(self):
        from datetime import date
        return date(self.year, 6, 30)


@pytest.mark.parametrize("today", [2020, 2026, 2040])
def test_a_year_after_the_plans_cannot_have_an_actual_whatever_the_date(workspace, monkeypatch, today):
    """Was: 2035 (for 2023) accepted, and the brief made for 2035 by default; then refused by the calendar (a year
    that has not ended), so that the same files passed or failed by the day the run was made. Now by the
    configured periods alone: 十四五 ends 2025, and the actuals of the five years after it come in before the next
    plan is configured; 2031 cannot be an actual's year."""
    from helpers.extract import monitoring
    monkeypatch.setattr(monitoring, "date", _Calendar(today), raising=False)
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2031, 12.9]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell D2" and "year 2031 is after the last configured plan period (十四五, " \
        "2021–2025) and the five years after it (to 2030)" in err.problem
    assert "write the year the value is for (2030 or earlier)" in err.fix
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2030, 12.9]])
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2030, 12.9]]


def test_an_empty_year_cell_is_named_as_such(workspace):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", None, 12.9]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell D2" and "year cell is empty" in err.problem


def test_a_cell_in_the_last_column_does_not_make_every_row_that_long(workspace):
    """A cell in column XFD (16,384) on each of 3,000 rows: each row was read 16,384 cells long (2 minutes here;
    a hundred thousand such rows, an hour). Now the rows are read up to the header's last column."""
    import time
    path = one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    far = "".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(3, 3003))
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', "", sheet.replace("</sheetData>", far + "</sheetData>"))
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    started = time.monotonic()
    assert monitored(workspace)["value"].tolist() == [12.9]
    assert time.monotonic() - started < 30


# ----------------------------------------------------------------------------- links

def _linked(workspace: Path, target: Path, name: str = "linked.xlsx") -> Path:
    link = workspace / "raw" / "monitoring" / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def test_a_broken_link_is_named_not_skipped(workspace):
    """Was: skipped without a word (a link to a share that is not mounted: its figures silently left out)."""
    _linked(workspace, Path("/mnt/share-not-mounted/2023.xlsx"))
    err = build_refused(workspace)
    assert err.file.endswith("linked.xlsx") and "/mnt/share-not-mounted/2023.xlsx, which does not exist" in err.problem


def test_a_linked_folder_is_named_not_skipped(workspace, tmp_path_factory):
    """Was: its workbooks skipped without a word (folder links are not followed)."""
    elsewhere = tmp_path_factory.mktemp("share")
    one_sheet_workbook(elsewhere, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    _linked(workspace, elsewhere / "raw" / "monitoring", name="2023")
    err = build_refused(workspace)
    assert err.file.endswith("monitoring/2023") and "the folder is a link" in err.problem and "cp -r" in err.fix


def test_a_link_to_a_workbook_outside_the_raw_folder_is_named_and_the_advice_works(workspace, tmp_path_factory):
    import subprocess
    elsewhere = tmp_path_factory.mktemp("desktop")
    one_sheet_workbook(elsewhere, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    _linked(workspace, elsewhere / "raw" / "monitoring" / "m.xlsx")
    err = build_refused(workspace)
    assert "outside the raw data folder" in err.problem and "cp --remove-destination" in err.fix
    command = err.fix.split("(", 1)[1].rsplit(")", 1)[0]
    subprocess.run(command, shell=True, check=True)
    assert monitored(workspace)["value"].tolist() == [12.9]


def _in_the_project(workspace: Path, monkeypatch) -> None:
    """The workspace as the project folder, as in a real run: errors name files relative to it (in a scratch folder
    outside the project every path was shown as given, which hid a link named by what it leads to)."""
    from helpers.core import paths
    monkeypatch.setattr(paths, "PROJECT_ROOT", workspace)
    monkeypatch.chdir(workspace)


def test_a_link_to_a_folder_holding_it_is_named_and_deleting_it_as_advised_works(workspace, monkeypatch):
    """`ln -s .. data/raw/monitoring/loop`: the error named data/raw (the folder the link leads to, not the link),
    and its advice, `cp -r "$target" loop`, copied data/raw into itself. Now the link is named, and the advice,
    deleting it, works when followed."""
    import subprocess
    _in_the_project(workspace, monkeypatch)
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    for name, target in (("loop", ".."), ("self", "."), ("2023/up", "../../..")):
        link = _linked(workspace, Path(target), name=name)
        err = build_refused(workspace)
        assert err.file == f"raw/monitoring/{name}", err
        assert "which holds the link itself: a loop" in err.problem and "cp -r" not in err.fix
        assert err.fix == f"delete the link (rm raw/monitoring/{name})."
        subprocess.run(err.fix.split("(", 1)[1].rsplit(")", 1)[0], shell=True, check=True, cwd=workspace)
        assert not link.is_symlink() and (workspace / "raw" / "monitoring").is_dir()
        assert monitored(workspace)["value"].tolist() == [12.9]


def test_a_loop_of_links_is_named_not_a_traceback(workspace, monkeypatch):
    """a → b → a, or me → me: `Symlink loop from …` (a RuntimeError from the notebook's cell). Now each link of the
    loop is named, and deleting them as advised works."""
    import subprocess
    _in_the_project(workspace, monkeypatch)
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    _linked(workspace, Path("b.xlsx"), name="a.xlsx")
    _linked(workspace, Path("a.xlsx"), name="b.xlsx")
    err = build_refused(workspace)
    assert err.file == "raw/monitoring/a.xlsx"
    assert "loop of links (raw/monitoring/a.xlsx → raw/monitoring/b.xlsx → raw/monitoring/a.xlsx)" in err.problem
    assert err.fix.startswith("delete the links (rm raw/monitoring/a.xlsx raw/monitoring/b.xlsx)")
    subprocess.run(err.fix.split("(", 1)[1].split(")", 1)[0], shell=True, check=True, cwd=workspace)
    _linked(workspace, Path("me.xlsx"), name="me.xlsx")
    err = build_refused(workspace)
    assert err.file == "raw/monitoring/me.xlsx" and "(raw/monitoring/me.xlsx → raw/monitoring/me.xlsx)" in err.problem
    subprocess.run(err.fix.split("(", 1)[1].split(")", 1)[0], shell=True, check=True, cwd=workspace)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_a_link_in_the_project_is_named_as_the_link(workspace, monkeypatch):
    """A broken link, and a link to a workbook outside the raw folder, were named by what they lead to."""
    import subprocess
    _in_the_project(workspace, monkeypatch)
    _linked(workspace, Path("/mnt/share-not-mounted/2023.xlsx"))
    err = build_refused(workspace)
    assert err.file == "raw/monitoring/linked.xlsx" and "rm raw/monitoring/linked.xlsx" in err.fix
    (workspace / "raw" / "monitoring" / "linked.xlsx").unlink()
    elsewhere = workspace / "desktop"
    one_sheet_workbook(elsewhere, [["建德市", "人才资源总量", "万人", 2023, 12.9]])
    _linked(workspace, elsewhere / "raw" / "monitoring" / "m.xlsx")
    err = build_refused(workspace)
    assert err.file == "raw/monitoring/linked.xlsx"
    subprocess.run(err.fix.split("(", 1)[1].rsplit(")", 1)[0], shell=True, check=True, cwd=workspace)
    assert not (workspace / "raw" / "monitoring" / "linked.xlsx").is_symlink()
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_adding_a_link_that_leads_to_no_file_reruns_the_data_step(workspace, tmp_path):
    """The inputs' fingerprint (.inputs.json, whose time tells make to rerun the data step) listed files only: a
    link to a folder, a broken link or a loop of links added to data/raw/monitoring/ left it as it was, so make said
    nothing and the link was never named, until another input changed."""
    from helpers.files.fingerprint import update
    inputs = tmp_path / "inputs.json"
    assert update(inputs, {"raw": workspace / "raw"})
    for name, target in (("loop", ".."), ("gone.xlsx", "/mnt/share-not-mounted/2023.xlsx"), ("me.xlsx", "me.xlsx")):
        _linked(workspace, Path(target), name=name)
        assert update(inputs, {"raw": workspace / "raw"}), name
        assert not update(inputs, {"raw": workspace / "raw"}), name
        assert f'"monitoring/{name}": "link to {target}"' in inputs.read_text(encoding="utf-8")


def test_a_link_inside_the_raw_folder_is_read(workspace):
    kept = one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]], name="2023.xlsx")
    kept.rename(workspace / "raw" / "2023.xlsx")
    _linked(workspace, workspace / "raw" / "2023.xlsx")
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_a_csv_whose_lines_end_in_a_carriage_return_alone_is_read(workspace):
    """As Excel for Mac saves 'CSV (Macintosh)'. Was: 'the line cannot be read as CSV' at line 1."""
    folder = workspace / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    (folder / "2023.csv").write_bytes("县市,指标,单位,年份,数值\r建德市,人才资源总量,万人,2023,12.9\r".encode("utf-8"))
    row = monitored(workspace).iloc[0]
    assert (row["value"], row["source_cell"]) == (12.9, "E2")
