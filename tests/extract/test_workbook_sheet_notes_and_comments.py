"""Notes on a monitoring sheet outside the table, and Excel comments (批注), read by the 备注's families (issue 18,
redteam18 findings 1 and 2; docs/monitoring.md, **Notes on the sheet and comments**).

On main (0cabb91, bcc0b85) each of these was read by nothing: 注：2025年数据为预计数 above the header, below the last
row or in the header row beside the last column, 注：标黄的数据为预计数, and a comment 预计数，待统计局确认 on the value
cell left every 2025 figure a firm actual (estimated False), with no line in the cleaning log. The sheet name
数据(含预估) stopped, but its advice offered the name 数据(含) and no way to keep 2025's figures as estimates.
Each advice below is followed, and the run read again.
"""
import json

import openpyxl
from openpyxl.comments import Comment

from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

ROWS = [["建德市", "人才资源总量", "万人", 2024, 13.4, None, "统计年报", None],
        ["建德市", "人才资源总量", "万人", 2025, 14.6, None, "统计年报", None],
        ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "统计年报", None]]
HEADER8 = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]


def _book(workspace, edit=None, rows=ROWS):
    return one_sheet_workbook(workspace, rows, header=HEADER8, edit=edit)


def _edit(path, change):
    wb = openpyxl.load_workbook(path)
    change(wb["数据"])
    wb.save(path)


def _estimated(workspace) -> dict[int, bool]:
    got = monitored(workspace)
    return {int(y): bool(e) for y, e in zip(got["year"], got["estimated"])}


def _logged(workspace, step: str) -> list[dict]:
    log = dataset.build(workspace / "raw", workspace / "config").cleaning_log.query(f"step == '{step}'")
    return [json.loads(v) for v in log["values"]]


def _top_note(text):
    def edit(ws):
        ws.insert_rows(1)
        ws["A1"] = text
    return edit


# ----------------------------------------------------------------------------- notes on the sheet

def test_a_note_above_the_header_naming_a_year_makes_that_years_figures_estimates(workspace):
    """Was (main): 14.6 for 2025 read as a firm actual, and nothing in the cleaning log named A1."""
    _book(workspace, _top_note("注：2025年数据为预计数"))
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}
    [values] = _logged(workspace, "estimate_by_sheet_note")
    assert values == {"file": "m.xlsx", "sheet": "数据", "cell": "A1", "remark": "注：2025年数据为预计数",
                      "word": "预计", "years": "2025", "count": 1}
    zh, en = (decision_text("estimate_by_sheet_note", json.dumps(values), words(lang)) for lang in ("zh", "en"))
    assert zh.startswith("m.xlsx的数据表A1单元格的注“注：2025年数据为预计数”说明2025年数值为预计数（预计）："
                         "该表2025年的1个数值记为预计数")
    assert en.startswith("sheet 数据 in m.xlsx, cell A1: the note “注：2025年数据为预计数” says the 2025 figures are "
                         "estimates (预计)")
    got = monitored(workspace).set_index("year").loc[2025]
    assert {"code": "estimate_by_sheet_note", "remark": "注：2025年数据为预计数", "word": "预计",
            "cell": "A1"} in json.loads(got["note_values"])


def test_a_note_below_the_table_and_one_in_the_header_row_are_read_too(workspace):
    """Below the last row (A6, a row with text in 县市 and no value: it was skipped as a row without a value) and in
    the header row beside the last column (J1: the check of unread columns looked at data cells only)."""
    path = _book(workspace, lambda ws: ws.cell(ws.max_row + 2, 1, "注：2025年数据为预计数"))
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}
    assert _logged(workspace, "estimate_by_sheet_note")[0]["cell"] == "A6"
    def move(ws):
        ws["A6"], ws["J1"] = None, "注：2024、2025年为预计数"
    _edit(path, move)
    assert _estimated(workspace) == {2024: True, 2025: True, 2023: False}
    assert _logged(workspace, "estimate_by_sheet_note")[0]["cell"] == "J1"


def test_a_note_whose_clause_names_no_year_is_tied_by_its_sentence(workspace):
    """As a plan table's note (table_notes): 2025年数据，为预计数 is one sentence of two clauses; 〔〕 says nothing."""
    _book(workspace, _top_note("注：〔〕内为五年累计数；2025年数据，为预计数。"))
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}


def test_a_legend_by_colour_above_the_header_reads_the_rows_in_its_colour_as_estimates(workspace):
    """注：标黄的数据为预计数 (E3 filled yellow, E4 once a row is inserted above): the cells it means are read by their
    fill (issue 18; tests/extract/test_workbook_colour_legends.py). Was: the run stopped at A1 with the advice to
    write 预计 in the rows' 备注 (the old expectation: the legend is now read, as the task's decision says)."""
    from openpyxl.styles import PatternFill

    def edit(ws):
        ws["E3"].fill = PatternFill("solid", fgColor="FFFF00")
        _top_note("注：标黄的数据为预计数")(ws)
    _book(workspace, edit)
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}
    assert [(v["cell"], v["note_cell"]) for v in _logged(workspace, "estimate_by_legend")] == [("E4", "A1")]


def test_a_note_naming_no_year_stops_and_its_other_advice_works_too(workspace):
    path = _book(workspace, _top_note("注：本表数据含预计数"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A1" and "it names no year" in err.problem
    assert "write the note naming the year alone (注：2025年数据为预计数)" in err.fix
    _edit(path, lambda ws: ws.__setitem__("A1", "注：2025年数据为预计数"))
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}


def test_a_note_for_part_of_a_year_stops_and_its_advice_followed_leaves_the_row_out(workspace):
    path = _book(workspace, _top_note("注：2025年数据为1-11月数"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A1"
    assert "says the figures of 2025 are for part of a year ('1-11月')" in err.problem
    assert "clear their value cells until the whole year's figures are in" in err.fix
    _edit(path, lambda ws: (ws.__setitem__("E4", None), ws.__setitem__("H4", "1-11月数"), ws.__setitem__("A1", None)))
    assert _estimated(workspace) == {2024: False, 2023: False}


def test_a_note_no_family_reads_is_logged_with_its_cell(workspace):
    """Was: 注：数据来源统计局 passed over without a word. It changes no figure, and the cleaning log names it."""
    _book(workspace, _top_note("注：数据来源于县统计局"))
    assert _estimated(workspace) == {2024: False, 2025: False, 2023: False}
    assert _logged(workspace, "sheet_note") == [{"file": "m.xlsx", "sheet": "数据", "cell": "A1",
                                                 "remark": "注：数据来源于县统计局"}]


def test_an_estimate_beside_the_rows_in_a_column_not_read_is_moved_into_the_备注(workspace):
    """预计 in I3, a column with an empty header: the stop now says to move the words into the 备注 (heading the
    column 不读, the other advice, would leave them unread)."""
    path = _book(workspace, lambda ws: ws.__setitem__("I3", "预计"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell I3"
    assert "move its text into the 备注 column H of its row" in err.fix and "and clear I3" in err.fix
    _edit(path, lambda ws: (ws.__setitem__("H3", "预计"), ws.__setitem__("I3", None)))
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}


# ----------------------------------------------------------------------------- comments (批注)

def _comment(cell, text, author="分析员"):
    def edit(ws):
        ws[cell].comment = Comment(text, author)
    return edit


def test_a_comment_not_yet_verified_on_the_value_cell_stops_and_its_advice_works(workspace):
    """Was (main): 预计数，待统计局确认 on E3 left 14.6 a firm actual, in no source_text or log."""
    path = _book(workspace, _comment("E3", "预计数，待统计局确认"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E3"
    assert "the comment (批注) on E3 ('预计数，待统计局确认') says the figure 14.6 is not yet verified" in err.problem
    assert "clear E3 (a row without a value is skipped), move the comment's words into the 备注 H3" in err.fix

    def follow(ws):
        ws["E3"], ws["H3"], ws["E3"].comment = None, "预计数，待统计局确认", None
    _edit(path, follow)
    assert _estimated(workspace) == {2024: False, 2023: False}


def test_an_estimate_in_a_comment_with_excels_author_line_is_an_estimate(workspace):
    """Excel begins a comment with its author's line ("分析员:"), which is not its content; the comment may be on any
    cell of the row (here the year's)."""
    _book(workspace, _comment("D3", "分析员:\n预计数"))
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}
    got = monitored(workspace).set_index("year").loc[2025]
    assert {"code": "estimate_in_comment", "remark": "预计数", "word": "预计", "cell": "D3"} in \
        json.loads(got["note_values"])
    assert got["source_text"].endswith("| 批注 D3: 预计数")
    [values] = _logged(workspace, "estimate_in_comment")
    assert values["comment_cell"] == "D3" and values["cell"] == "E3"
    assert decision_text("estimate_in_comment", json.dumps(values), words("zh")).startswith(
        "m.xlsx的数据表E3单元格的14.6（2025年）：D3单元格的批注为“预计数”，说明为预计：记为预计数")


def test_a_comment_of_commentary_is_kept_with_the_figure_to_be_quoted_as_a_备注(workspace):
    _book(workspace, _comment("H3", "数据来源：县统计局年报"))
    got = monitored(workspace).set_index("year").loc[2025]
    assert not got["estimated"]
    assert {"code": "remark", "remark": "数据来源：县统计局年报", "cell": "H3"} in json.loads(got["note_values"])


def test_a_comment_outside_the_rows_read_is_a_note_on_the_sheet(workspace):
    """On the header cell E1: it cannot be tied to rows from there, so it stops; followed (预计 in the 2025 row's
    备注, the comment deleted), 2025's figure is an estimate. Commentary there is logged."""
    path = _book(workspace, _comment("E1", "2025年为预计数"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E1" and "the comment (批注) on E1" in err.problem
    assert "write 预计 in the 备注 column H of each row" in err.fix and "delete the comment" in err.fix

    def follow(ws):
        ws["H3"], ws["E1"].comment = "预计", None
    _edit(path, follow)
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}
    _edit(path, _comment("E1", "单位均为万人"))
    assert _logged(workspace, "sheet_comment") == [{"file": "m.xlsx", "sheet": "数据", "cell": "E1",
                                                    "remark": "单位均为万人"}]


# ----------------------------------------------------------------------------- a sheet's name

def test_the_sheet_name_stop_offers_预计_in_the_备注_and_never_a_name_that_drops_the_meaning(workspace):
    path = _book(workspace, lambda ws: setattr(ws, "title", "数据(含预估)"))
    err = build_refused(workspace)
    assert "数据(含)" not in err.fix and "e.g. 数据)" in err.fix
    assert "write 预计 in the 备注 of each of those rows" in err.fix

    def follow(ws):
        ws["H3"] = "预计"
    wb = openpyxl.load_workbook(path)
    ws = wb["数据(含预估)"]
    follow(ws)
    ws.title = "数据"
    wb.save(path)
    assert _estimated(workspace) == {2024: False, 2025: True, 2023: False}
