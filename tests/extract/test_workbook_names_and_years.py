"""What names say, third hostile pass (issue 18, redteam6 findings 3 and 6). Sheet, header, file and folder names
saying part of a year (2023年前9个月, 三季报, 2023.9, 1H25, 截至2023.6.30), targets or estimates (2023年目標 in
traditional characters, 2023年计划完成数, 预算数, 2025E) were read as the years' actual values, exit 0; and a year in
the sheet's name or in a title row above the header (2023年, 2023年人才发展主要指标监测表) that every row's 年份
contradicted (2022) was not checked: last year's workbook copied for 2023, its figures updated and its years left,
published reports/2022/ with 2023's figures. Decisions in docs/monitoring.md; the words' one home is
helpers.extract.name_meaning. Each refusal's advice is followed below, and the run then passes."""
import re
import time

import openpyxl
import pytest

from helpers.extract.name_meaning import not_actuals, part_year, stated_years
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]


def _said(text: str, month_alone: bool = True):
    said = not_actuals(text) or part_year(text, month_alone=month_alone)
    return said and (said.what, said.words)


# ----------------------------------------------------------------------------- the words, both ways

@pytest.mark.parametrize("text, words", [
    ("2023年前9个月", "前9个月"), ("2023年前两个月", "前两个月"), ("前十一个月", "前十一个月"), ("2023年中报", "中报"),
    ("2023年三季报", "三季报"), ("季报", "季报"), ("2023年半年报", "半年报"), ("月报数据", "月报"),
    ("2023年中", "年中"), ("年中数据", "年中"), ("2023.9", "2023.9"), ("2023-09", "2023-09"), ("2023/6", "2023/6"),
    ("截至2023.6.30", "截至2023.6.30"), ("截至6.30", "截至6.30"), ("截止2023-06", "截止2023-06"),
    ("截至目前", "截至目前"), ("年初至今", "年初至今"), ("前两季度", "前两季度"),
    ("Jan-Jun", "jan-jun"), ("January to September 2023", "january to september"), ("1H25", "1h25"),
    ("2H 2024", "2h 2024"), ("9M23", "9m23"), ("3Q23", "3q23"), ("Sep 2023", "sep 2023"),
    ("as of June 30, 2023", "as of june"), ("as at 2023-06-30", "as at 2023-06"), ("Interim", "interim"),
    ("mid-year", "mid-year"), ("Monthly data", "monthly")])
def test_words_for_part_of_a_year(text, words):
    """Month counts, reports, halves, year.month and to-date dates in each spelling (on main: nothing said)."""
    assert _said(text) == ("for part of a year", words)


@pytest.mark.parametrize("text, what, words", [
    ("2023預計", "estimates or forecasts", "预计"), ("2023年目標", "targets", "目标"), ("計劃數", "targets", "计划"),
    ("預測值", "estimates or forecasts", "预测"), ("2023年计划完成数", "targets", "计划完成数"),
    ("计划完成值", "targets", "计划完成值"), ("應完成數", "targets", "应完成"), ("预算数", "targets", "预算"),
    ("Budget 2025", "targets", "budget"), ("2025E", "estimates or forecasts", "2025e"),
    ("2025F", "estimates or forecasts", "2025f"), ("2024 (est.)", "estimates or forecasts", "est."),
    ("推算数", "estimates or forecasts", "推算"), ("完成情况（討論稿）", "a draft", "讨论稿"),
    ("送审稿", "a draft", "送审稿"), ("說明", "instructions or examples", "说明")])
def test_words_for_targets_estimates_and_drafts(text, what, words):
    """Traditional characters read as the simplified (one table, TRADITIONAL); 计划完成数 is the planned completion,
    a target, which 完成 does not outweigh (on main: nothing said)."""
    assert _said(text) == (what, words)


@pytest.mark.parametrize("text", [
    "2023年12月", "截至2023年12月31日", "截至2023.12.31", "2023.12", "2023-12", "全年", "2023年全年", "完成",
    "2023年完成数", "2023年度", "年报", "2023年报", "Jan-Dec", "January to December 2023", "as of December 31, 2023",
    "Dec 2023", "前12个月", "前四季度", "1-12月", "12月报", "2021-2023", "2021-2025年", "2022-2023", "2025年中国",
    "2023年中高级人才", "数据集中报送", "计划完成情况", "計劃完成情況", "计划完成率", "预算执行情况", "预算执行数",
    "决算数", "實際值",
    "目標完成情況", "headquarters", "market", "establishment", "estate", "Sheet1", "汇总", "up-to-date", "FY2023",
    "10万人", "12.5"])
def test_names_of_the_whole_years_actuals_are_read(text):
    """The other direction: a whole year in any spelling, 完成 alone, the plan's or budget's completion (计划完成情况,
    预算执行数), and English words that start like a month or 'est'."""
    assert _said(text) is None


@pytest.mark.parametrize("text", ["2024年数据（2025.3报送）", "2023年数据_2024-03-05", "Data 2023 (sent Mar 2024)"])
def test_a_date_in_a_files_name_is_when_it_was_sent(text):
    assert _said(text, month_alone=False) is None
    assert _said(text) is not None


@pytest.mark.parametrize("text", ["2023." * 3200, "截至" * 8000, "jan-" * 4000, "as of " * 2700, "前" * 16000,
                                  "2023 " * 3200, "9m" * 8000, "1h " * 5300, "截至2023" * 2000, "年中" * 8000,
                                  "2023-1-" * 2300, "計劃" * 8000, "1 " * 8000])
def test_a_16000_character_name_is_judged_in_a_moment(text):
    """The new patterns on names as long as a cell allows (each about 0.2 s alone, most of it the normal form)."""
    started = time.monotonic()
    not_actuals(text), part_year(text), part_year(text, month_alone=False), stated_years(text)
    assert time.monotonic() - started < 3


# ----------------------------------------------------------------------------- in a workbook

def _suggested_sheet(fix: str) -> str:
    return re.search(r"Rename; e\.g\. ([^)]+)\)", fix).group(1)


def _renamed(path, old: str, new: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb[old].title = new
    wb.save(path)


@pytest.mark.parametrize("name, says, suggested", [
    ("2023年前9个月", "for part of a year ('前9个月')", "2023年"),
    ("2023年前两个月", "for part of a year ('前两个月')", "2023年"),
    ("2023年中报", "for part of a year ('中报')", "2023年"),
    ("2023年三季报", "for part of a year ('三季报')", "2023年"), ("2023.9", "for part of a year ('2023.9')", "数据"),
    ("2023預計", "estimates or forecasts ('预计')", "2023"), ("2023年目標", "targets ('目标')", "2023年"),
    ("2023年计划完成数", "targets ('计划完成数')", "2023年")])
def test_the_sheet_names_the_hostile_pass_found_stop_the_run(workspace, name, says, suggested):
    """redteam6 F-part-months: a sheet of 2023 figures so named was read as 2023's actuals (9.4, Jan-Sep), exit 0.
    The name suggested is the name without its words, in the characters it was written in (目標 cut from 2023年目標)."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 9.4]], edit=lambda ws: setattr(ws, "title", name))
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == f"sheet {name}, cell E2"
    assert err.problem.startswith(f"the sheet's name ('{name}') says the figures are {says}")
    assert _suggested_sheet(err.fix) == suggested
    # the advice, followed: the whole year's figure, in a sheet renamed as suggested
    wb = openpyxl.load_workbook(path)
    wb[name]["E2"] = 12.9
    wb[name].title = _suggested_sheet(err.fix)
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


@pytest.mark.parametrize("name", ["2023年12月", "2023年全年", "2023年完成数", "2023年报"])
def test_sheets_named_for_the_whole_year_are_read(workspace, name):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", name))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]
