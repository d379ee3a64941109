"""A note's year written in Chinese numerals (二〇二五年, 二○二五年 with a white circle, 二零二五年) is read as the
year, by one normaliser (helpers.core.text.arabic_years) wherever a note's year is read (issue 18, notes3's
leftover, class 1): a plan table's note, a workbook row's 备注, a note on a monitoring sheet.

On main (16037a6) stated_years read such years, but the readers beside it did not:
- a plan table's note naming rows (人才资源总量二〇二五年为预计数) stopped, taking '二〇二五' for words beside the rows'
  names (除…外, 等?);
- a plan table's note saying a column's figures are another year's (二〇二五年数据为二〇二四年数) was read as nothing:
  the 2025 column stayed 2025's firm actuals, exit 0;
- a 备注 saying the figure is another year's (二〇二四年数据, 同二〇二四年 on a 2025 row) left a firm 2025 actual.

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly
`2025年`, as a text export and a web page. By hand: under 人才资源总量二〇二五年为预计数 only 人才资源总量's 2025
figure is an estimate, the four others firm.
"""
import pytest

from extract.test_table_note_leftovers import IDS, _estimated, _logged, _plan, _stopped
from helpers.extract.name_meaning import remark_says
from support.data_step import monitored
from support.workbooks import one_sheet_workbook


@pytest.mark.parametrize("text, read", [
    ("二〇二五年数据为预计数", "2025年数据为预计数"), ("二○二五年", "2025年"), ("二零二五年为预计数", "2025年为预计数"),
    ("二〇二一至二〇二五年", "2021至2025年"), ("二〇二一—二〇二五年", "2021—2025年"),
    # the zero typed as a letter O or a digit
    ("二O二五年", "2025年"), ("二o二五年", "2025年"), ("二0二五年", "2025年"), ("OOOO年", "OOOO年"),
    # four numerals that are no year stay as written
    ("一二三四", "一二三四"), ("第一二三四五条", "第一二三四五条")])
def test_the_one_normaliser_of_chinese_numeral_years(text, read):
    from helpers.core.text import arabic_years
    assert arabic_years(text) == read and len(arabic_years(text)) == len(text)


@pytest.mark.parametrize("kind", ["txt", "html"])
@pytest.mark.parametrize("note", ["注：〔〕内为五年累计数；人才资源总量二〇二五年为预计数。",
                                  "注：〔〕内为五年累计数；二零二五年人才资源总量数据为预计数。"])
def test_a_note_naming_a_row_and_its_year_in_chinese_numerals(workspace, kind, note):
    """Main stopped: its words '二〇二五' beside the rows' names are no row's name."""
    _plan(workspace, kind, note)
    got, ds = _estimated(workspace)
    assert got == {i: i == "talent_total" for i in IDS}
    [values] = _logged(ds, "estimated_row_by_note")
    assert (values["name"], values["year"]) == ("人才资源总量", 2025)


@pytest.mark.parametrize("kind", ["txt", "html"])
@pytest.mark.parametrize("year", ["二〇二四", "二○二四", "二零二四", "二O二四"])
def test_a_note_saying_the_column_is_another_years_in_chinese_numerals_stops(workspace, kind, year):
    """Main: nothing read, the 2025 column 2025's firm actuals (exit 0)."""
    error = _stopped(workspace, kind, f"注：〔〕内为五年累计数；二〇二五年数据为{year}年数。")
    assert f"says the figures of the column '2025年' (2025) are 2024's ('{year}年数')" in error.problem, error.problem
    assert "column: '2025年', year: 2024, because: '…'" in error.fix


@pytest.mark.parametrize("remark", ["二〇二四年数据", "同二〇二四年", "二零二四年数", "以二○二四年数代替"])
def test_a_remark_giving_another_years_figure_in_chinese_numerals_is_an_estimate(remark):
    said = remark_says(remark, 2025)
    assert said is not None and said.what == "an estimate", said


def test_a_remark_giving_the_rows_own_year_in_chinese_numerals_says_nothing():
    assert remark_says("二〇二五年数据", 2025) is None and remark_says("二〇二四年数据", 2024) is None


ROW = ["建德市", "人才资源总量", "万人", 2025, 14.6, None, "统计年报"]


@pytest.mark.parametrize("remark", ["二〇二四年数据", "同二〇二四年"])
def test_a_workbook_row_whose_remark_gives_another_years_figure_is_no_firm_actual(workspace, remark):
    """Main: 14.6 a firm 2025 actual."""
    one_sheet_workbook(workspace, [ROW + [remark]], header=["县市", "指标", "单位", "年份", "数值", "比较符", "来源",
                                                            "备注"])
    got = monitored(workspace).set_index("year").loc[2025]
    assert (got["value"], bool(got["estimated"])) == (14.6, True)


def test_a_sheet_note_with_its_year_in_chinese_numerals(workspace):
    """A note above the header, 注：二〇二五年数据为预计数, makes the 2025 figures estimates (as 2025年 does)."""
    def edit(ws):
        ws.insert_rows(1)
        ws["A1"] = "注：二〇二五年数据为预计数"
    rows = [ROW + [None], ["建德市", "人才资源总量", "万人", 2024, 13.4, None, "统计年报", None]]
    one_sheet_workbook(workspace, rows, header=["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"],
                       edit=edit)
    got = monitored(workspace)
    assert {int(y): bool(e) for y, e in zip(got["year"], got["estimated"])} == {2025: True, 2024: False}
