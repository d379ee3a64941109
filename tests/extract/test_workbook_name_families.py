"""What names say, fourth pass (issue 18, redteam8 finding 5). Sheet names saying part of a year without its last
word (2023年上半, 2023年1-6, 2023 9M, 期中, 季末), targets (力争, 争取, 下达数, 任务, 指导值, 控制数, 上限, 限额),
estimates (2023(e), 2023P, 推估, 暫定), the start of a year, which is the end of the year before (年初, 年初数,
期初, 初值, 基数), or figures that are not real (假数据, 虚拟数据, 模拟, 测试, 样表, 模板) were read as 2023's actuals,
exit 0;
and a title above the header (2023年1-9月人才发展主要指标, 人才发展规划主要指标) was read for its years only.
Decisions in docs/monitoring.md; the words' one home is helpers.extract.name_meaning."""
import re
import time

import openpyxl
import pytest

from helpers.extract.name_meaning import START_OF_YEAR, not_actuals, part_year, title_says
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]
PART, TARGETS, ESTIMATES = "for part of a year", "targets", "estimates or forecasts"
MADE_UP, EXAMPLES, REFERENCES = "test or made-up figures", "instructions or examples", "reference values"


def _said(text: str, month_alone: bool = True):
    said = not_actuals(text) or part_year(text, month_alone=month_alone)
    return said and (said.what, said.words)


# ----------------------------------------------------------------------------- the words, both ways

@pytest.mark.parametrize("text, what, words", [
    # part of a year, its last word left out
    ("2023年上半", PART, "上半"), ("2023年下半", PART, "下半"), ("2023年1-6", PART, "2023年1-6"),
    ("2023年1月-6", PART, "2023年1月-6"), ("2023年一至六", PART, "2023年一至六"), ("2023 9M", PART, "2023 9m"),
    ("2023年9M", PART, "2023年9m"), ("2023年期中", PART, "期中"), ("2023中期", PART, "中期"),
    ("2023年季末", PART, "季末"), ("2023年三季度末", PART, "三季度末"), ("2023年月末", PART, "月末"),
    # targets: to strive for, handed down, to guide or hold to, proposed
    ("2023年力争", TARGETS, "力争"), ("2023年争取", TARGETS, "争取"), ("2023年下达数", TARGETS, "下达"),
    ("2023年任务", TARGETS, "任务"), ("2023年指导值", TARGETS, "指导值"), ("2023年控制数", TARGETS, "控制数"),
    ("2023年上限", TARGETS, "上限"), ("2023年限额", TARGETS, "限额"), ("2023年拟", TARGETS, "拟"),
    ("2023年力爭", TARGETS, "力争"),
    # estimates, and figures set for the time being
    ("2023(e)", ESTIMATES, "2023(e)"), ("2023（E）", ESTIMATES, "2023(e)"), ("2023P", ESTIMATES, "2023p"),
    ("2023年推估", ESTIMATES, "推估"), ("2023年暫定", ESTIMATES, "暂定"), ("拟合值", ESTIMATES, "拟合"),
    # the start of a year: the year before's end
    ("2023年初", START_OF_YEAR, "年初"), ("2023年年初数", START_OF_YEAR, "年初数"),
    ("2023年期初", START_OF_YEAR, "期初"), ("2023年初值", START_OF_YEAR, "年初值"),
    ("2023年基数", START_OF_YEAR, "基数"), ("2023年基數", START_OF_YEAR, "基数"),
    # not real
    ("2023年假数据", MADE_UP, "假数据"), ("2023年虚拟数据", MADE_UP, "虚拟"), ("2023年虛擬數據", MADE_UP, "虚拟"),
    ("2023年模拟", MADE_UP, "模拟"), ("2023年测试", MADE_UP, "测试"), ("2023年test", MADE_UP, "test"),
    ("Dummy 2023", MADE_UP, "dummy"), ("模拟完成情况", MADE_UP, "模拟"),
    ("2023年样表", EXAMPLES, "样表"), ("2023年模板", EXAMPLES, "模板"),
    ("2023年标准值", REFERENCES, "标准值"), ("2023年參考值", REFERENCES, "参考值")])
def test_more_families_say_the_figures_are_not_the_years_actuals(text, what, words):
    """On main: nothing said (each was read as 2023's actual values)."""
    assert _said(text) == (what, words)


@pytest.mark.parametrize("text", [
    "2023年12月", "全年", "完成", "年末", "2023年末", "期末", "期末数", "实际", "2023年度", "统计", "2023年1-12",
    "2023 12M", "2023年四季度末", "2023年第四季度末", "2023年12月末",
    # preliminary counts of the whole year are its actuals (decision, docs/monitoring.md)
    "快报", "2023年快报", "2023年快报数", "2023年初步统计", "2023年初步数", "2023年（初步）", "2023年（未审定）",
    # an assessment, the plan's evaluation, a target's completion: actuals
    "2023年考核", "十四五规划中期评估数据", "十四五中期", "2023年任务完成情况", "下达任务完成情况",
    # words that hold these characters and mean something else
    "基层人才", "2023年基层", "人才总量", "2021-2025", "2023年中高级人才", "Data 2023", "Sheet1", "latest",
    "Democratic", "contest"])
def test_names_of_the_whole_years_actuals_are_still_read(text):
    assert _said(text) is None


def test_to_date_is_part_of_a_year_and_no_start():
    """年初至今 (from the year's start to date) and 2023年初步 (preliminary) are not the start of a year."""
    assert _said("年初至今") == (PART, "年初至今")
    assert _said("2023年初步统计") is None


def test_a_fourth_quarter_alone_is_part_of_a_year_and_its_end_is_not():
    """Decision: Q4 alone is the fourth quarter's figure (a flow's three months) as often as the level at its end, so
    it stops; the fourth quarter's end is the year's end, read as 12月末 is."""
    assert _said("2023Q4") == (PART, "q4")
    assert _said("2023年四季度") == (PART, "四季度")
    assert _said("2023年四季度末") is None


def test_a_filled_in_templates_file_name_is_read():
    """Template words are instruction words: in sheets and headers, not in a file's name (monitoring-template.xlsx
    filled in and saved under its name holds figures); test or made-up words count in a file's name too."""
    assert not_actuals("monitoring-template", instructions=False) is None
    assert not_actuals("监测模板", instructions=False) is None
    assert not_actuals("测试数据", instructions=False).what == MADE_UP


@pytest.mark.parametrize("text", ["上半" * 8000, "2023年1-" * 2300, "2023 9" * 2700, "期中" * 8000, "年初" * 8000,
                                  "季末" * 8000, "2023(" * 3200, "填报单位：" * 3200, "2024年3月5日" * 1800])
def test_a_16000_character_name_or_title_is_judged_in_a_moment(text):
    started = time.monotonic()
    not_actuals(text), part_year(text), part_year(text, month_alone=False), title_says(text)
    assert time.monotonic() - started < 3


# ----------------------------------------------------------------------------- in a workbook

def _suggested_sheet(fix: str) -> str:
    return re.search(r"Rename; e\.g\. ([^)]+)\)", fix).group(1)


@pytest.mark.parametrize("name, says, suggested", [
    ("2023年上半", "for part of a year ('上半')", "2023年"), ("2023年1-6", "for part of a year ('2023年1-6')", "数据"),
    ("2023 9M", "for part of a year ('2023 9m')", "数据"), ("2023年力争", "targets ('力争')", "2023年"),
    ("2023年争取", "targets ('争取')", "2023年"), ("2023(e)", "estimates or forecasts ('2023(e)')", "数据"),
    ("2023P", "estimates or forecasts ('2023p')", "数据"), ("2023年推估", "estimates or forecasts ('推估')", "2023年"),
    ("2023年下达数", "targets ('下达')", "2023年数"), ("2023年假数据", "test or made-up figures ('假数据')", "2023年")])
def test_the_sheet_names_the_hostile_pass_found_stop_the_run(workspace, name, says, suggested):
    """redteam8 F-sheet-names: 建德's 2023 figure 9.4 in a sheet so named was read as 2023's actual, exit 0."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 9.4]], edit=lambda ws: setattr(ws, "title", name))
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == f"sheet {name}, cell E2"
    assert err.problem.startswith(f"the sheet's name ('{name}') says the figures are {says}")
    assert _suggested_sheet(err.fix) == suggested
    wb = openpyxl.load_workbook(path)
    wb[name]["E2"] = 12.9
    wb[name].title = _suggested_sheet(err.fix)
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


@pytest.mark.parametrize("name, words, before, own", [("2023年初", "年初", "2022", "2023"),
                                                      ("2023年年初数", "年初数", "2022年", "2023年")])
def test_a_start_of_year_sheet_stops_and_its_figure_goes_under_the_year_before(workspace, name, words, before, own):
    """A start-of-year figure read as the year's was a year late (the fall from 11.8 to 9.4 unflagged). The advice,
    followed either way: the figure under the year before in a sheet named for it, read as 2022's; or the name
    alone, for a year's own end-of-year figure, read as 2023's."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 11.8]], edit=lambda ws: setattr(ws, "title", name))
    err = build_refused(workspace)
    assert err.where == f"sheet {name}, cell E2"
    assert err.problem == (f"the sheet's name ('{name}') says the figures are for the start of the year, the end of "
                           f"the year before ('{words}'), but the sheet has a figure in E2: a figure for the start "
                           "of a year would be read as that year's actual value (its end), a year late")
    assert err.fix == ("if they are the start of each year's figures, write each under the year before (年初 of 2023 "
                       "is the end of 2022: 年份 2022) and rename the sheet (right-click its tab → Rename; e.g. "
                       f"{before}); if they are the years' own end-of-year values, rename the sheet (right-click its "
                       f"tab → Rename; e.g. {own}); either way so that it no longer names the start of a year.")
    wb = openpyxl.load_workbook(path)
    wb[name]["D2"], wb[name].title = 2022, before
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2022, 11.8]]
    wb = openpyxl.load_workbook(path)
    wb[before]["D2"], wb[before].title = 2023, own
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 11.8]]


@pytest.mark.parametrize("name", ["2023年快报", "2023年（未审定）", "2023年四季度末", "2023年考核结果"])
def test_sheets_of_the_whole_years_counted_figures_are_read(workspace, name):
    """(2023年考核 alone now stops: an assessment's figures are its targets as often as its results; 考核结果 reads.
    test_workbook_names_beyond_the_year.)"""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", name))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


# ----------------------------------------------------------------------------- a title above the header

def _titled(title: str):
    def edit(ws):
        ws.insert_rows(1)
        ws["A1"] = title
    return edit


@pytest.mark.parametrize("title, says, new", [
    ("2023年1-9月人才发展主要指标", "for part of a year ('1-9月')", "2023年人才发展主要指标"),
    ("人才发展规划主要指标", "targets ('规划')", "人才发展主要指标"),
    ("2023年9月人才发展主要指标", "for part of a year ('9月')", "2023年人才发展主要指标"),
    ("2023年人才发展主要指标（测试）", "test or made-up figures ('测试')", "2023年人才发展主要指标")])
def test_a_title_saying_part_of_a_year_or_targets_stops_the_run_at_it(workspace, title, says, new):
    """On main the title was read for its years only: 9.4, Jan-Sep, was read as 2023's actual."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 9.4]], edit=_titled(title))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells A1 and E3"
    assert err.problem.startswith(f"the title A1 ('{title}') says the figures are {says}")
    assert f"write the title in A1 as {new}, or clear it" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["A1"], wb["数据"]["E3"] = new, 12.9
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


@pytest.mark.parametrize("title", ["填报单位：建德市发展规划处  填报日期：2024年3月5日", "单位：万人",
                                   "填表说明：数值按年末数填写", "2023年人才发展主要指标 2024年3月5日",
                                   "“十四五”人才发展规划实施情况监测表", "2023年12月人才发展主要指标",
                                   "注：目标值见规划"])
def test_a_titles_form_fields_date_and_notes_say_nothing(workspace, title):
    """A department's 规划, the day the table was made and a note above the table (on filling it in, or naming
    targets kept elsewhere) are no words of the figures."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=_titled(title))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_note_above_the_table_naming_part_of_a_year_stops_and_its_advice_works(workspace):
    """A note above the table is read as a note on the sheet, by the 备注's families (redteam18 finding 1): 1-6月 is
    part of a year, wherever it is said, so the run stops at the note; the figures being the whole year's, the
    advice (delete the note) followed, they are read."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=_titled("说明1：1-6月数据另表报送"))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A1" and "for part of a year ('1-6月')" in err.problem
    assert err.fix.startswith("if the figures it speaks of are the whole year's figures, delete the note (clear A1)")
    wb = openpyxl.load_workbook(path)
    wb["数据"]["A1"] = None
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]
