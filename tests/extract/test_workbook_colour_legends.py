"""A monitoring sheet's notes read as the rows' 备注 would be (issue 18, the monitoring workbook's
leftovers): a legend by colour (注：标黄的数据为预计数, 黄色为预计数, 红色字体为待核实数据) picks the
figures whose cells are in its colour, and a preliminary count said on the sheet (注：2025年数据为快报数)
marks its figures as a 快报 备注 does (docs/monitoring.md, **Notes on the sheet and comments**).

On main (16037a6) each legend by colour stopped the run with advice to type 预计 in each row's 备注, and
注：2025年数据为快报数 was logged as a note that changes nothing: the 2025 figure was judged with no 快报 mark. The
workbooks are filled as an analyst fills them (a fill or a font colour set from Excel's standard colours, the legend
in a row below the table); each stop's advice is followed, and the run read again.
"""
import json

import openpyxl
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Color, Font, PatternFill

from helpers.analyse.inputs import is_preliminary
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

ROWS = [["建德市", "人才资源总量", "万人", 2023, 12.9, None, "统计年报", None],
        ["建德市", "人才资源总量", "万人", 2024, 13.4, None, "统计年报", None],
        ["建德市", "人才资源总量", "万人", 2025, 14.6, None, "统计年报", None]]
HEADER8 = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]
YELLOW = PatternFill("solid", fgColor="FFFF00")
LEGEND = "A6"       # a row below the table, one row left empty


def _book(workspace, edit):
    return one_sheet_workbook(workspace, ROWS, header=HEADER8, edit=edit)


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


def _legend(text, *cells, fill=YELLOW, font=None):
    def edit(ws):
        for cell in cells:
            if fill is not None:
                ws[cell].fill = fill
            if font is not None:
                ws[cell].font = font
        ws[LEGEND] = text
    return edit


# ----------------------------------------------------------------------------- a legend by colour

def test_a_yellow_fill_with_its_legend_makes_those_figures_estimates(workspace):
    """Was (main): the run stopped at A6, "which this reader does not read". The 2025 value cell E4 filled yellow."""
    _book(workspace, _legend("注：标黄的数据为预计数", "E4"))
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: True}
    [values] = _logged(workspace, "estimate_by_legend")
    assert values == {"file": "m.xlsx", "sheet": "数据", "cell": "E4", "marked": "E4", "note_cell": "A6",
                      "remark": "注：标黄的数据为预计数", "word": "预计", "value": 14.6, "year": 2025, "legend": "标黄"}
    zh = decision_text("estimate_by_legend", json.dumps(values), words("zh"))
    assert zh.startswith("m.xlsx的数据表E4单元格的14.6（2025年）：E4单元格标为标黄，"
                         "A6单元格的注“注：标黄的数据为预计数”说明标黄的为预计数（预计）：记为预计数")
    got = monitored(workspace).set_index("year").loc[2025]
    assert {"code": "estimate_by_sheet_note", "remark": "注：标黄的数据为预计数", "word": "预计", "cell": "A6"} in \
        json.loads(got["note_values"])


def test_a_whole_row_filled_from_the_palette_is_one_figure(workspace):
    """黄色为预计数, the 2024 row filled with the palette's yellow (indexed 13), every cell: the figure once."""
    fill = PatternFill("solid", fgColor=Color(indexed=13))
    _book(workspace, _legend("黄色为预计数", *(f"{c}3" for c in "ABCDEFGH"), fill=fill))
    assert _estimated(workspace) == {2023: False, 2024: True, 2025: False}
    assert [v["cell"] for v in _logged(workspace, "estimate_by_legend")] == ["E3"]


def test_a_red_font_not_yet_verified_stops_naming_the_cells_and_both_advices_work(workspace):
    """红色字体为待核实数据 over E4 in red: not yet verified stops, as the 备注's family does, naming the legend's cell
    and the value cell. Followed: the value cleared (its red font stays: Delete keeps the format), the legend then
    picks no figure, and the rest is read; or, the figure checked, the note deleted."""
    path = _book(workspace, _legend("红色字体为待核实数据", "E4", fill=None, font=Font(color="FF0000")))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A6 and E4"
    assert "marked in a red font (红色字体) (E4: 14.6) are not yet verified ('待核实')" in err.problem
    assert "clear their value cells until the checked figures are in" in err.fix
    _edit(path, lambda ws: setattr(ws["E4"], "value", None))
    assert _estimated(workspace) == {2023: False, 2024: False}
    assert _logged(workspace, "sheet_note")[0]["cell"] == "A6"
    _edit(path, lambda ws: (setattr(ws["E4"], "value", 14.6), setattr(ws[LEGEND], "value", None)))
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: False}


def test_a_legend_whose_colour_no_cell_has_stops_and_its_advice_works(workspace):
    """标黄 with no cell filled (the fill was cleared, or never set): which figures it means cannot be told."""
    path = _book(workspace, _legend("注：标黄的数据为预计数"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A6"
    assert "no cell of the table is marked in yellow (标黄: a fill or a font)" in err.problem
    assert "write 预计 in the 备注 column H of each row whose figure is an estimate" in err.fix
    _edit(path, lambda ws: (ws.__setitem__("H4", "预计"), ws.__setitem__(LEGEND, None)))
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: True}
    _edit(path, lambda ws: (ws.__setitem__("H4", None), ws.__setitem__(LEGEND, "注：标黄的数据为预计数"),
                            setattr(ws["E4"], "fill", YELLOW)))      # (the other advice: fill the cells it means)
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: True}


def test_a_legend_naming_a_year_with_a_cell_of_another_year_in_its_colour_stops(workspace):
    path = _book(workspace, _legend("注：标黄的2025年数据为预计数", "E4", "E2"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A6 and E2" and "it names 2025, but E2" in err.problem
    _edit(path, lambda ws: setattr(ws["E2"], "fill", PatternFill()))       # (No Fill on E2)
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: True}


def test_a_conditional_format_in_the_legends_colour_stops_naming_the_rule(workspace):
    """Decision: a conditional format's colour is not a fill an analyst typed (it follows a rule, which may change
    with the figures): a legend whose colour a rule over the table can give stops, naming the rule; the advice (预计
    in the 备注, the note deleted; the rule may stay) works."""
    def edit(ws):
        _legend("注：标黄的数据为预计数", "E4")(ws)
        ws.conditional_formatting.add("E2:E4", CellIsRule(operator="greaterThan", formula=["14"], fill=YELLOW))
    path = _book(workspace, edit)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A6" and "a conditional format (Cell Value > 14, over E2:E4)" in err.problem
    _edit(path, lambda ws: (ws.__setitem__("H4", "预计"), ws.__setitem__(LEGEND, None)))
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: True}


def test_a_legend_by_a_mark_still_stops(workspace):
    """带△的为预计 and 加粗的为预计数 point by what this reader does not read: they stop as before."""
    _book(workspace, _legend("加粗的为预计数", fill=None))
    err = build_refused(workspace)
    assert "('加粗')" in err.problem and "which this reader does not read" in err.problem


# ----------------------------------------------------------------------------- 快报 said on the sheet

def test_a_preliminary_count_said_on_the_sheet_marks_its_years_figures(workspace):
    """Was (main): logged as a sheet_note, the 2025 figure judged with no 快报 mark (a 快报 备注 marks it)."""
    _book(workspace, _legend("注：2025年数据为快报数", fill=None))
    got = monitored(workspace).set_index("year")
    assert [is_preliminary(got.loc[y].to_dict()) for y in (2023, 2024, 2025)] == [False, False, True]
    assert not got.loc[2025, "estimated"]
    [values] = _logged(workspace, "preliminary_by_sheet_note")
    assert values == {"file": "m.xlsx", "sheet": "数据", "cell": "A6", "remark": "注：2025年数据为快报数",
                      "word": "快报", "years": "2025", "count": 1}
    assert _logged(workspace, "sheet_note") == []


def test_a_preliminary_count_by_colour_marks_the_figures_in_it(workspace):
    _book(workspace, _legend("注：标黄的为快报数", "E3"))
    got = monitored(workspace).set_index("year")
    assert [is_preliminary(got.loc[y].to_dict()) for y in (2023, 2024, 2025)] == [False, True, False]
    assert [v["cell"] for v in _logged(workspace, "preliminary_by_legend")] == ["E3"]


def test_a_legend_whose_colour_is_in_two_shades_stops_naming_both(workspace):
    """The cells to fill in shaded light yellow (FFF2CC, as some templates do) and the estimate bright yellow: both are
    黄, and which the legend means cannot be told. Followed (the light yellow cleared), the bright one is read."""
    light = PatternFill("solid", fgColor="FFF2CC")

    def edit(ws):
        _legend("注：标黄的数据为预计数", "E4")(ws)
        ws["E2"].fill = ws["E3"].fill = light
    path = _book(workspace, edit)
    err = build_refused(workspace)
    assert "its colour is on the sheet in #FFF2CC (E2:E3); #FFFF00 (E4)" in err.problem
    _edit(path, lambda ws: (setattr(ws["E2"], "fill", PatternFill()), setattr(ws["E3"], "fill", PatternFill())))
    assert _estimated(workspace) == {2023: False, 2024: False, 2025: True}


def test_a_legend_over_thousands_of_cells_is_named_by_a_few(workspace):
    """3,000 figures in red under 红色字体为待核实数据, every other row: the stop names the first cells and the count,
    not 3,000 cells (a message of some 20,000 characters)."""
    rows = [["建德市", "人才资源总量", "万人", 2021 + i % 5, 10.0 + i % 5, None, "统计年报", None] for i in range(6000)]

    def edit(ws):
        for r in range(2, 6002, 2):
            ws.cell(r, 5).font = Font(color="FF0000")
        ws.cell(6003, 1, "红色字体为待核实数据")
    one_sheet_workbook(workspace, rows, header=HEADER8, edit=edit)
    err = build_refused(workspace)
    assert err.where.startswith("sheet 数据, cell A6003 and E2, E4") and "(3,000 cells)" in err.where
    assert len(str(err)) < 1500
