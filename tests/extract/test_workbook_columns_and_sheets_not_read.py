"""Nothing in a monitoring workbook is passed over without a word (issue 18, redteam17 findings 1 and 2).

Columns: a column no field is read from that holds anything stops the run at its first such cell, naming its header
(unknown, empty, or merged into another), with advice that works when followed. Was: 比较符 under a header merged into
数值, typed 符号 or left empty was not read, so <15 was read as 15; a 核定数 column beside 数值 was dropped. 说明 and
附注 head the 备注 column, 符号 the 比较符 column; a header beginning with 不读 is passed over and logged.

Sheets: a sheet without the monitoring header that holds a figure stops the run, with the advice a workbook of that
sheet alone gets, even when another sheet is read. Was: 桐庐's 2025 rows on a second sheet (header in row 6, wide,
实际值 for 数值, a sheet per county) were passed over, and the brief said 尚无2025年实际值.
"""
import openpyxl
import pytest

from helpers.core.wording import decision_text, words
from support.data_step import build, build_refused, monitored
from support.workbooks import HEADER, drop, one_sheet_workbook

ROW = ["建德市", "人才资源总量", "万人", 2023, 12.9, "<", "年鉴", None]


def _logged(workspace, step):
    return build(workspace).cleaning_log.query(f"step == '{step}'")


# ----------------------------------------------------------------------------------------------------- columns

def _merged(ws):
    ws["F1"] = None
    ws.merge_cells("E1:F1")


def _blank(ws):
    ws["F1"] = None


@pytest.mark.parametrize("edit, why", [
    (_merged, "its header cell F1 is merged into E1 (数值)"),
    (_blank, "its header cell F1 is empty"),
])
def test_a_comparator_under_a_merged_or_empty_header_stops_and_the_advice_reads_it(workspace, edit, why):
    path = one_sheet_workbook(workspace, [ROW], edit=edit)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell F2", err
    assert err.problem.startswith(f"F2 holds '<', in column F, which is not read ({why})"), err.problem
    assert "<15 read as 15" in err.problem and "head column F with what it holds" in err.fix
    assert ("unmerge E1:F1" in err.fix) == (edit is _merged)
    wb = openpyxl.load_workbook(path)            # the advice, followed
    ws = wb["数据"]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    ws["F1"] = "比较符"
    wb.save(path)
    read = monitored(workspace)
    assert read[["value", "comparator"]].values.tolist() == [[12.9, "<"]]


def test_a_column_of_figures_under_an_unknown_header_stops_and_not_read_in_its_header_passes_it_over(workspace):
    path = one_sheet_workbook(workspace, [[*ROW[:5], None, "年鉴", None, 13.9]], header=[*HEADER, "核定数"])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell I2"
    assert "its header I1 is 核定数, which this reader does not know" in err.problem and "不读 核定数" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["I1"] = "不读 核定数"               # the advice, followed
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9]
    [values] = _logged(workspace, "column_not_read")["values"].tolist()
    zh, en = (decision_text("column_not_read", values, words(lang)) for lang in ("zh", "en"))
    assert zh == "m.xlsx的数据表“I”列标题为“不读 核定数”：按标题中的“不读”未读取"
    assert en == ("column “I” of sheet 数据 in m.xlsx is headed 不读 核定数: not read, as its header asks")


@pytest.mark.parametrize("checked_is_the_one", [True, False])
def test_the_advice_for_a_checked_figure_column_followed_either_way(workspace, checked_is_the_one):
    """redteam18 finding 8: a 核定数 column (13.9, the office's checked figure, beside 数值 12.9) stopped, but its
    advice offered only 不读, under which 12.9 was judged; the checked figure may be the one to judge. Now the advice
    offers both: type it into 数值, then mark the column 不读 (13.9 read), or mark it 不读 alone (12.9 read)."""
    path = one_sheet_workbook(workspace, [[*ROW[:5], None, "年鉴", None, 13.9]], header=[*HEADER, "核定数"])
    err = build_refused(workspace)
    assert ("if column I's figures are the ones to judge (a checked figure that replaces 数值's), type each into "
            "its row's 数值 cell; then, or if they are not to be read (a working column), begin its header with 不读 "
            "(不读 核定数)") in err.fix
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    if checked_is_the_one:
        ws["E2"] = ws["I2"].value                 # typed into 数值
    ws["I1"] = "不读 核定数"
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [13.9 if checked_is_the_one else 12.9]
    assert len(_logged(workspace, "column_not_read")) == 1


def test_the_advice_for_a_column_whose_header_says_estimate_keeps_the_word_when_followed(workspace):
    """The advice to type a column's figures into 数值, followed, must not drop what its header says: a column
    headed 预计数 (13.9) typed into 数值 alone would be 2023's firm actual. The advice says to write 预计 in the row's
    备注 too (the header read by name_meaning.remark_says, the 备注's reader); followed, 13.9 is an estimate."""
    path = one_sheet_workbook(workspace, [[*ROW[:5], None, "年鉴", None, 13.9]], header=[*HEADER, "预计数"])
    err = build_refused(workspace)
    assert ("type each into its row's 数值 cell, and write 预计 in that row's 备注 too (the header says they are an "
            "estimate, '预计': in 数值 without it a figure is read as the year's actual)") in err.fix
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    ws["E2"], ws["H2"], ws["I1"] = ws["I2"].value, "预计", "不读 预计数"      # the advice, followed
    wb.save(path)
    read = monitored(workspace)
    assert read["value"].tolist() == [13.9] and bool(read["estimated"].iloc[0])


@pytest.mark.parametrize("header", ["说明", "附注"])
def test_a_note_column_headed_as_a_note_is_read_as_the_note(workspace, header):
    one_sheet_workbook(workspace, [[*ROW[:5], None, "年鉴", "预计数"]], header=[*HEADER[:7], header])
    [estimated] = monitored(workspace)["estimated"].tolist()
    assert estimated is True or estimated == 1


def test_a_comparator_column_headed_as_a_sign_is_read_as_the_comparator(workspace):
    one_sheet_workbook(workspace, [ROW], header=[*HEADER[:5], "符号", *HEADER[6:]])
    assert monitored(workspace)["comparator"].tolist() == ["<"]


def test_a_row_number_column_and_empty_columns_stop_nothing(workspace):
    one_sheet_workbook(workspace, [[1, *ROW]], header=["序号", *HEADER, None, "未用"])
    assert monitored(workspace)["value"].tolist() == [12.9]


# ------------------------------------------------------------------------------------------------------ sheets

def _second_sheet(workspace, rows):
    """数据 with 建德's 2023 row, and a sheet 2025年 holding `rows` as given."""
    path = one_sheet_workbook(workspace, [ROW])
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("2025年")
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


TITLES = [["桐庐县、建德市、安吉县人才发展主要指标2025年监测表"], ["填报单位：市委人才办"], ["填报日期：2026年1月15日"],
          ["单位：见各行"], ["说明：数值为2025年全年数"]]
ANJI = ["安吉县", "人才资源总量", "万人", 2025, 19.5]


@pytest.mark.parametrize("rows, problem, fix", [
    ([*TITLES, HEADER, ANJI],
     "the sheet has no row with the monitoring columns 县市, 指标, 年份 and 数值 in its first 5 rows",
     "put the header row within the first 5 rows"),
    ([["县市", "指标", "单位", 2025], ["安吉县", "人才资源总量", "万人", 19.5]],
     "the header (县市, 指标, 单位, 2025) has 县市, 指标 but no 年份 or 数值 column",
     "head the column that holds them 年份 and 数值"),
    ([[*HEADER[:4], "实际值"], ANJI],
     "has 县市, 指标, 年份 but no 数值 column", "head the column that holds them 数值"),
    ([HEADER[1:5], ANJI[1:]],
     "has 指标, 年份, 数值 but no 县市 column", "head the column that holds them 县市"),
], ids=["deep", "wide", "renamed", "per-county"])
def test_a_second_sheet_of_figures_without_the_header_stops_with_the_advice_for_its_shape(workspace, rows, problem,
                                                                                          fix):
    _second_sheet(workspace, rows)
    err = build_refused(workspace)
    assert err.where.startswith("sheet 2025年, cell "), err
    assert "the sheet holds figures" in err.problem and "none is read, while sheet 数据 is" in err.problem
    assert problem in err.problem and fix in err.fix, err
    assert "begin the sheet's name with 不读 (不读2025年)" in err.fix


def test_the_second_sheet_is_read_once_its_header_is_within_the_first_rows(workspace):
    path = _second_sheet(workspace, [*TITLES, HEADER, ANJI])
    wb = openpyxl.load_workbook(path)
    wb["2025年"].delete_rows(1, 3)                 # the advice, followed: the header in row 3
    wb.save(path)
    assert sorted(monitored(workspace)["value"].tolist()) == [12.9, 19.5]


def test_a_sheet_named_not_read_and_a_sheet_of_text_are_passed_over_and_logged(workspace):
    path = _second_sheet(workspace, [HEADER, ANJI])
    wb = openpyxl.load_workbook(path)
    wb["2025年"].title = "不读2025年"
    wb.create_sheet("填表说明").append(["请于每年1月15日前报送。"])
    wb.create_sheet("Sheet3")
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9]
    [values] = _logged(workspace, "sheet_not_read")["values"].tolist()
    assert decision_text("sheet_not_read", values, words("zh")) == "m.xlsx的不读2025年表按表名中的“不读”未读取"
    [values] = _logged(workspace, "sheet_without_figures")["values"].tolist()
    zh, en = (decision_text("sheet_without_figures", values, words(lang)) for lang in ("zh", "en"))
    assert zh == "m.xlsx的填表说明表没有监测表标题行，也没有数值（只有文字）：未读取"
    assert en == "sheet 填表说明 in m.xlsx has no monitoring header and holds no figure (text only): not read"


def test_the_templates_own_sheets_are_passed_over_without_a_word(workspace):
    drop(workspace, "m.xlsx", [dict(county="建德市", indicator="人才资源总量", year=2023, value=12.9)])
    assert monitored(workspace)["value"].tolist() == [12.9]
    log = build(workspace).cleaning_log
    assert log.query("step in ('sheet_not_read', 'sheet_without_figures', 'column_not_read')").empty
