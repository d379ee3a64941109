"""What names say, third hostile pass (issue 18, redteam6 findings 3 and 6). Sheet, header, file and folder names
saying part of a year (2023年前9个月, 三季报, 2023.9, 1H25, 截至2023.6.30), targets or estimates (2023年目標 in
traditional characters, 2023年计划完成数, 预算数, 2025E) were read as the years' actual values, exit 0; and a year in
the sheet's name or in a title row above the header (2023年, 2023年人才发展主要指标监测表) that every row's 年份
contradicted (2022) was not checked: last year's workbook copied for 2023, its figures updated and its years left,
published reports/2022/ with 2023's figures. Decisions in docs/monitoring.md; the words' one home is
helpers.extract.name_meaning. Each refusal's advice is followed below, and the run then passes."""
import json
import re
import time

import openpyxl
import pytest

from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.name_meaning import not_actuals, part_year, stated_years
from support.data_step import build_refused, monitored
from support.workbooks import HEADER, one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]


def _said(text: str, month_alone: bool = True):
    said = not_actuals(text) or part_year(text, month_alone=month_alone)
    return said and (said.what, said.words)


# ----------------------------------------------------------------------------- the words, both ways

@pytest.mark.parametrize("text, words", [
    ("2023年前9个月", "前9个月"), ("2023年前两个月", "前两个月"), ("前十一个月", "前十一个月"),
    ("2023年前9月", "前9月"), ("2023年中报", "中报"), ("2023年三季报", "三季报"), ("季报", "季报"),
    ("2023年半年报", "半年报"), ("月报数据", "月报"),
    ("2023年中", "年中"), ("年中数据", "年中"), ("2023.9", "2023.9"), ("2023-09", "2023-09"), ("2023/6", "2023/6"),
    ("截至2023.6.30", "截至2023.6.30"), ("截至6.30", "截至6.30"), ("截止2023-06", "截止2023-06"),
    ("截至目前", "截至目前"), ("年初至今", "年初至今"), ("前两季度", "前两季度"),
    ("Jan-Jun", "jan-jun"), ("January to September 2023", "january to september"), ("1H25", "1h25"),
    ("2H 2024", "2h 2024"), ("9M23", "9m23"), ("3Q23", "3q23"), ("Sep 2023", "sep 2023"),
    ("as of June 30, 2023", "as of june"), ("as at 2023-06-30", "as at 2023-06-30"), ("Interim", "interim"),
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
    "2023年中高级人才", "数据集中报送", "前十二月", "计划完成情况", "計劃完成情況", "预算执行情况",
    "预算执行数", "决算数", "實際值", "目標完成情況", "headquarters", "market", "establishment", "estate", "Sheet1",
    "汇总", "up-to-date", "FY2023", "10万人", "12.5"])
def test_names_of_the_whole_years_actuals_are_read(text):
    """The other direction: a whole year in any spelling, 完成 alone, the plan's or budget's completion (计划完成情况,
    预算执行数), and English words that start like a month or 'est'."""
    assert _said(text) is None


@pytest.mark.parametrize("text", ["2023年前9月", "2023年前9个月", "2023年1-9月", "截至2023.6.30", "2023年三季报"])
def test_part_of_a_year_in_a_files_name(text):
    """Not a month alone: a file's name says part of a year with them too (2023年前9月.xlsx was read)."""
    assert _said(text, month_alone=False)[0] == "for part of a year"


@pytest.mark.parametrize("text", ["2024年数据（2025.3报送）", "2023年数据_2024-03-05", "Data 2023 (sent Mar 2024)"])
def test_a_date_in_a_files_name_is_when_it_was_sent(text):
    assert _said(text, month_alone=False) is None
    assert _said(text) is not None


@pytest.mark.parametrize("text, years", [("2023年人才发展主要指标监测表", [(2023, 2023)]),
                                         ("填报日期：2024年3月5日", []), ("2024.3.5", []), ("二〇二四年三月", []),
                                         ("2023年1-9月", [(2023, 2023)]), ("2021-2025年", [(2021, 2025)]),
                                         ("2023年数据（2024-03-05报送）", [(2023, 2023)])])
def test_the_years_a_title_or_file_name_names_leave_dates_out(text, years):
    """A date (the day a table was made or a file sent) names no figures' year; a header's years are unchanged."""
    assert stated_years(text, dates=False) == years


@pytest.mark.parametrize("text", ["2023." * 3200, "截至" * 8000, "jan-" * 4000, "as of " * 2700, "前" * 16000,
                                  "2023 " * 3200, "9m" * 8000, "1h " * 5300, "截至2023" * 2000, "年中" * 8000,
                                  "2023-1-" * 2300, "計劃" * 8000, "1 " * 8000])
def test_a_16000_character_name_is_judged_in_a_moment(text):
    """The new patterns on names as long as a cell allows (each about 0.2 s alone, most of it the normal form)."""
    started = time.monotonic()
    not_actuals(text), part_year(text), part_year(text, month_alone=False), stated_years(text, dates=False)
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


# ----------------------------------------------------------------------------- a year the rows contradict

LAST_YEARS = [[*JIANDE, 2022, 12.5], ["安吉县", "人才资源总量", "万人", 2022, 17.3]]


def test_a_sheet_named_for_a_year_no_row_has_stops_the_run(workspace):
    """redteam6 F-name-year-vs-rows: sheet 2023年, every 年份 2022: read as 2022's actuals, exit 0."""
    path = one_sheet_workbook(workspace, LAST_YEARS, edit=lambda ws: setattr(ws, "title", "2023年"))
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == "sheet 2023年, cell D2"
    assert err.problem == ("the sheet's name ('2023年') says the figures are for 2023, but no row's year cell does: "
                           "they say 2022 (rows 2–3; D2 first): which year the figures are for would be a guess")
    assert err.fix == ("if the 年份 cells are right, rename the sheet (right-click its tab → Rename; e.g. 2022年) so "
                       "that it names the rows' years, or none; if the name is right, correct the 年份 cells in rows "
                       "2–3 to 2023.")
    # the advice, followed one way: the rows' years are right
    _renamed(path, "2023年", _suggested_sheet(err.fix))
    assert monitored(workspace).set_index("entity")["year"].to_dict() == {"jiande": 2022, "anji": 2022}
    # and the other: the name is right
    wb = openpyxl.load_workbook(path)
    ws = wb["2022年"]
    ws.title, ws["D2"], ws["D3"] = "2023年", 2023, 2023
    wb.save(path)
    assert monitored(workspace).set_index("entity")["year"].to_dict() == {"jiande": 2023, "anji": 2023}


def test_a_title_above_the_header_naming_a_year_no_row_has_stops_the_run(workspace):
    def titled(ws):
        ws.insert_rows(1)
        ws["A1"] = "2023年人才发展主要指标监测表"
    path = one_sheet_workbook(workspace, LAST_YEARS, edit=titled)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells A1 and D3"
    assert err.problem.startswith("the title A1 ('2023年人才发展主要指标监测表') says the figures are for 2023, but no "
                                  "row's year cell does: they say 2022 (rows 3–4; D3 first)")
    assert err.fix.startswith("if the 年份 cells are right, write the title in A1 with the rows' years "
                              "(2022年人才发展主要指标监测表), or without a year, or clear it; if the title is right, "
                              "correct the 年份 cells in rows 3–4 to 2023.")
    wb = openpyxl.load_workbook(path)
    wb["数据"]["A1"] = "2022年人才发展主要指标监测表"
    wb.save(path)
    assert monitored(workspace)["year"].tolist() == [2022, 2022]


@pytest.mark.parametrize("name, title", [
    ("2023年", "2021—2023年人才发展主要指标"),                     # names the report's year over the years before it
    ("数据", "2023年人才发展主要指标监测表（填报日期：2024年3月5日）"),   # a date names no figures' year
    ("2021-2023", None), ("Sheet1", "单位：万人")])
def test_names_and_titles_a_row_agrees_with_are_read(workspace, name, title):
    def edit(ws):
        ws.title = name
        if title:
            ws.insert_rows(1)
            ws["A1"] = title
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2023, 12.9]], edit=edit)
    assert monitored(workspace)["year"].tolist() == [2021, 2023]


def _logged(workspace, step: str) -> list[dict]:
    log = dataset.build(workspace / "raw", workspace / "config").cleaning_log.query(f"step == '{step}'")
    return [json.loads(v) for v in log["values"]]


def test_a_file_named_for_a_year_no_row_has_is_read_and_logged(workspace):
    """A file's name is weaker evidence: 2023年人才监测数据.xlsx may be the file sent in 2023 with 2022's figures.
    Decision (docs/monitoring.md): the rows' years are read, and the cleaning log says the name names another year."""
    one_sheet_workbook(workspace, LAST_YEARS, name="2023年人才监测数据.xlsx")
    assert monitored(workspace)["year"].tolist() == [2022, 2022]
    [values] = _logged(workspace, "name_year_not_in_rows")
    assert values == {"file": "2023年人才监测数据.xlsx", "name": "2023年人才监测数据", "years": "2023",
                      "rows_years": "2022"}
    said = [decision_text("name_year_not_in_rows", json.dumps(values), words(lang)) for lang in ("zh", "en")]
    assert said[0] == ("2023年人才监测数据.xlsx：名称“2023年人才监测数据”写有2023年，但文件中没有该年份的行"
                       "（各行年份：2022）：文件或文件夹名称中的年份常是报送年份，故各行按其自身年份读取"
                       "（如名称中的年份无误，请更正各行的年份）")
    assert said[1].startswith("the name “2023年人才监测数据” (of 2023年人才监测数据.xlsx or of a folder it is in) "
                              "names 2023, but no row of the file has that year (its rows' years: 2022)")


def test_a_folder_named_for_a_year_no_row_has_is_logged_and_one_a_row_has_is_not(workspace):
    one_sheet_workbook(workspace, LAST_YEARS, name="2023/m.xlsx")
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2]], name="2021/m.xlsx")
    one_sheet_workbook(workspace, [[*JIANDE, 2020, 10.8]], name="2020年数据（2021年3月报送）.xlsx")
    assert [v["name"] for v in _logged(workspace, "name_year_not_in_rows")] == ["2023"]


def test_the_sheet_is_checked_before_the_file_is_logged(workspace):
    """The hostile pass's case whole: file 2023年人才监测数据.xlsx, sheet 2023年, every 年份 2022: the sheet stops
    it."""
    one_sheet_workbook(workspace, LAST_YEARS, name="2023年人才监测数据.xlsx",
                       edit=lambda ws: setattr(ws, "title", "2023年"))
    assert build_refused(workspace).where == "sheet 2023年, cell D2"


def test_a_title_of_another_header_column_is_not_a_title(workspace):
    """Only text above the header row is a title: the header's own cells (数值（万人）) and the rows are not."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], header=[*HEADER[:4], "数值（万人）", *HEADER[5:]])
    assert monitored(workspace)["year"].tolist() == [2023]
