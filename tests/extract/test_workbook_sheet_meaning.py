"""What a monitoring sheet says of its figures beyond its rows (issue 18, leftovers): a year in the value column's
header, and a sheet's name saying it holds targets, a draft, estimates or instructions. Both were ignored, exit 0:
`数值（2023年）` over a row whose 年份 is 2024 was read as 2024, and a sheet named 目标 or 2024（草稿） was read as
actuals. Decisions (docs/monitoring.md): each stops the run at its cells, and the advice works either way."""
import re
import shlex
import subprocess
import time

import openpyxl
import pytest

from helpers.core import paths
from helpers.extract.name_meaning import not_actuals, part_year, stated_years
from support.data_step import build_refused, monitored
from support.workbooks import HEADER, one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]


def _headed(value_header: str) -> list[str]:
    return [value_header if title == "数值" else title for title in HEADER]


def _retitle(path, sheet: str, cell: str, text: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = text
    wb.save(path)


# ----------------------------------------------------------------------------- a year in the value column's header

def test_a_header_year_that_a_row_contradicts_stops_the_run_at_both_cells(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2024, 13.4], [*JIANDE, 2023, 12.9], [*JIANDE, 2022, 12.1]],
                              header=_headed("数值（2023年）"))
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == "sheet 数据, cells E1 and D2"
    assert err.problem.startswith("the header E1 ('数值（2023年）') says the figures below it are for 2023, but the "
                                  "year cell D2 says 2024 (rows with a year the header does not name: 2, 4)")
    assert "take the year out of the header (write 数值 in E1)" in err.fix
    assert "correct the 年份 cells in rows 2, 4" in err.fix
    # the advice, followed one way: the rows' years are right
    _retitle(path, "数据", "E1", "数值")
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2022: 12.1, 2023: 12.9, 2024: 13.4}


def test_the_header_is_right_and_the_years_are_corrected(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2024, 12.9]], header=_headed("数值（2023年）"))
    assert build_refused(workspace).where == "sheet 数据, cells E1 and D2"
    _retitle(path, "数据", "D2", 2023)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


@pytest.mark.parametrize("header", ["数值（2021—2023年）", "数值(2021-2023)", "数值（2021年至2023年）"])
def test_a_header_naming_a_span_of_years_holds_them(workspace, header):
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2023, 12.9]], header=_headed(header))
    assert monitored(workspace)["year"].tolist() == [2021, 2023]
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2024, 13.4]], header=_headed(header))
    assert build_refused(workspace).where == "sheet 数据, cells E1 and D3"


@pytest.mark.parametrize("header", ["数值", "数值（万人）", "数值（2023年）"])
def test_a_header_agreeing_with_the_rows_or_naming_no_year_is_read(workspace, header):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], header=_headed(header))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


# ----------------------------------------------------------------------------- a sheet named as no actuals

@pytest.mark.parametrize("name, says", [("目标", "targets ('目标')"), ("2024（草稿）", "a draft ('草稿')"),
                                        ("说明", "instructions or examples ('说明')"),
                                        ("Targets 2025", "targets ('target')"),
                                        ("2025年预计", "estimates or forecasts ('预计')")])
def test_a_sheet_named_as_targets_or_a_draft_is_not_read_as_actuals(workspace, name, says):
    def add_sheet(ws):
        sheet = ws.parent.create_sheet(name)
        sheet.append(HEADER)
        sheet.append([*JIANDE, 2024, None])      # (a row without a figure: the refusal names the first figure)
        sheet.append([*JIANDE, 2025, 15.0])
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=add_sheet)
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == f"sheet {name}, cell E3"
    assert err.problem.startswith(f"the sheet's name ('{name}') says the figures are {says}, not actual values, "
                                  "but the sheet has a figure in E3")
    if says.startswith("estimates"):      # (redteam18: the advice offers 预计 in the 备注 first, keeping them)
        assert err.fix.startswith("if some or all of its figures are estimates (a year's, such as 2025's), write 预计 "
                                  "in the 备注 of each of those rows")
        assert "if all are actual values, rename the sheet" in err.fix
    else:
        assert err.fix.startswith("if they are actual values, rename the sheet")
    # the advice, followed: renamed, its figures are read; deleted, the other sheet alone is read
    wb = openpyxl.load_workbook(path)
    wb[name].title = "2025年"
    wb.save(path)
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2023: 12.9, 2025: 15.0}
    del wb["2025年"]
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_such_a_sheet_without_figures_is_passed_over(workspace):
    """A 说明 sheet that repeats the header over example rows without figures gives nothing to read: no refusal."""
    def add_sheet(ws):
        sheet = ws.parent.create_sheet("填报说明")
        sheet.append(HEADER)
        sheet.append([*JIANDE, 2024, "/"])
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=add_sheet)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_the_data_sheet_itself_named_as_a_draft_is_refused_too(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "草稿"))
    assert build_refused(workspace).where == "sheet 草稿, cell E2"
    assert path.exists()


# ----------------------------------------------------------------------------- what names and headers say (more words)
# A second hostile pass: other target and estimate words, a header saying targets, estimates or part of a year, years
# written 二〇二三年 or 23年, and file names, were read as actuals (exit 0); 目标完成情况 was refused. The words' one
# home is helpers.extract.name_meaning; each refusal's advice is followed below, and the run then passes.

def _suggested_sheet(fix: str) -> str:
    return re.search(r"Rename; e\.g\. ([^)]+)\)", fix).group(1)


def _with_sheet(name: str, value=15.0, header=HEADER):
    def add_sheet(ws):
        sheet = ws.parent.create_sheet(name)
        sheet.append(header)
        sheet.append([*JIANDE, 2025, value])
    return add_sheet


@pytest.mark.parametrize("name, says, word", [
    ("计划", "targets", "计划"), ("规划值", "targets", "规划"), ("考核值", "targets", "考核值"),
    ("任务数", "targets", "任务数"), ("期望值", "targets", "期望"), ("Plan", "targets", "plan"),
    ("goal", "targets", "goal"), ("2025年目标值", "targets", "目标"), ("指标任务", "targets", "指标任务"),
    ("监测目标", "targets", "目标"), ("预估", "estimates or forecasts", "预估"),
    ("预期", "estimates or forecasts", "预期"), ("2025测算", "estimates or forecasts", "测算"),
    ("Forecast 2025", "estimates or forecasts", "forecast"), ("预计完成情况", "estimates or forecasts", "预计"),
    ("完成情况（征求意见稿）", "a draft", "征求意见稿")])
def test_more_words_for_targets_drafts_and_estimates_stop_the_run(workspace, name, says, word):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=_with_sheet(name))
    err = build_refused(workspace)
    assert err.where == f"sheet {name}, cell E2"
    assert err.problem == (f"the sheet's name ('{name}') says the figures are {says} ('{word}'), not actual values, "
                           "but the sheet has a figure in E2: its figures would be read as the years' actual values")
    # the advice, followed: the sheet renamed as it suggests, its figures are read
    wb = openpyxl.load_workbook(path)
    wb[name].title = _suggested_sheet(err.fix)
    wb.save(path)
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2023: 12.9, 2025: 15.0}


@pytest.mark.parametrize("name", ["2025年实绩", "监测数据", "完成情况", "实际值", "目标完成情况", "计划执行情况",
                                  "十四五规划监测数据", "2025年12月", "2025年度", "Sheet1", "汇总"])
def test_natural_names_of_actuals_sheets_are_read(workspace, name):
    """A word saying actuals (完成, 实际, 实绩, 执行情况, 监测数据, actual) outweighs a target word: 目标完成情况 is the
    targets' completion, a sheet of actuals (it was refused, 'targets')."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=_with_sheet(name))
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2023: 12.9, 2025: 15.0}


@pytest.mark.parametrize("header, says", [("数值（目标）", "targets ('目标')"),
                                          ("数值（预计）", "estimates or forecasts ('预计')"),
                                          ("数值（2025年计划数）", "targets ('计划')"),
                                          ("数值(target)", "targets ('target')")])
def test_a_header_saying_targets_or_estimates_stops_the_run_at_it(workspace, header, says):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, None], [*JIANDE, 2024, 13.4]], header=_headed(header))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells E1 and E3"
    assert err.problem.startswith(f"the header E1 ('{header}') says the figures are {says}, not actual values, but "
                                  "the sheet has a figure in E3")
    if says.startswith("estimates"):      # (redteam18: the advice offers 预计 in the 备注 first, keeping them)
        assert "write 预计 in the 备注 of each of those rows" in err.fix
        assert "if all are actual values, write 数值 in E1, so that it no longer says" in err.fix
    else:
        assert err.fix.startswith("if they are actual values, write 数值 in E1, so that it no longer says")
    _retitle(path, "数据", "E1", "数值")
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2024, 13.4]]


@pytest.mark.parametrize("header, words", [
    ("数值（2025年1-6月）", "1-6月"), ("数值（上半年）", "上半年"), ("数值（截至6月）", "截至6月"),
    ("数值（1-9月）", "1-9月"), ("数值（前三季度）", "前三季度"), ("数值（Q1）", "q1"), ("数值（一季度）", "一季度"),
    ("数值（2025年6月末）", "6月末"), ("数值（1月至6月）", "1月至6月"), ("数值（一至六月）", "一至六月")])
def test_a_part_year_header_stops_the_run_at_it(workspace, header, words):
    """A part year's figure (the first half's new talents) is not the year's actual: read, it was judged as the year's
    (exit 0; `数值（2025年1-6月）` over a 2025 row passed the header-year check)."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2025, 7.1]], header=_headed(header))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells E1 and E2"
    assert err.problem == (f"the header E1 ('{header}') says the figures are for part of a year ('{words}'), "
                           "but the sheet has a figure in E2: a figure for part of a year would be read as the whole "
                           "year's actual value")
    assert err.fix.startswith("write each year's whole-year figure (to the year's end) instead, and write 数值 in E1")
    # the advice, followed: the whole year's figure, under 数值
    wb = openpyxl.load_workbook(path)
    wb["数据"]["E1"], wb["数据"]["E2"] = "数值", 13.4
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2025, 13.4]]


@pytest.mark.parametrize("header", ["数值（1-12月）", "数值（截至2025年12月底）", "数值（2025年12月末）",
                                    "数值（全年）", "数值（前四季度）", "数值（年末）"])
def test_a_header_naming_the_whole_year_is_read(workspace, header):
    one_sheet_workbook(workspace, [[*JIANDE, 2025, 13.4]], header=_headed(header))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2025, 13.4]]


@pytest.mark.parametrize("name", ["2025年上半年", "2025Q1", "1-9月", "季度数据"])
def test_a_part_year_sheet_stops_the_run(workspace, name):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=_with_sheet(name))
    err = build_refused(workspace)
    assert err.where == f"sheet {name}, cell E2" and "part of a year" in err.problem
    wb = openpyxl.load_workbook(path)
    wb[name].title = _suggested_sheet(err.fix)
    wb.save(path)
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2023: 12.9, 2025: 15.0}


@pytest.mark.parametrize("header, year", [("数值（二〇二三年）", 2023), ("数值（二零二三年）", 2023),
                                          ("数值（23年）", 2023)])
def test_a_header_year_in_chinese_numerals_or_two_digits_is_checked(workspace, header, year):
    """`二〇二三年` and `23年` were not seen as years: a 2024 row under them was read as 2024, exit 0."""
    one_sheet_workbook(workspace, [[*JIANDE, 2024, 13.4]], header=_headed(header))
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells E1 and D2"
    assert err.problem.startswith(f"the header E1 ('{header}') says the figures below it are for {year}, but the "
                                  "year cell D2 says 2024")
    one_sheet_workbook(workspace, [[*JIANDE, year, 12.9]], header=_headed(header))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[year, 12.9]]


@pytest.mark.parametrize("header", ["数值（二〇二一—二〇二三年）", "数值（21-23年）", "数值（二〇二一年至二〇二三年）"])
def test_a_span_in_chinese_numerals_or_two_digits_holds_its_years(workspace, header):
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2023, 12.9]], header=_headed(header))
    assert monitored(workspace)["year"].tolist() == [2021, 2023]
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2024, 13.4]], header=_headed(header))
    assert build_refused(workspace).where == "sheet 数据, cells E1 and D3"


# ----------------------------------------------------------------------------- file and folder names

def _follow_mv(fix: str) -> None:
    """Run the command the advice gives (mv '…' '…'), as the analyst would, from the project folder."""
    command = re.search(r"\((mv [^)]+)\)", fix).group(1)
    subprocess.run(shlex.split(command), cwd=paths.PROJECT_ROOT, check=True)


@pytest.mark.parametrize("name, says", [("2025年目标.xlsx", "targets ('目标')"),
                                        ("建德预计数据.xlsx", "estimates or forecasts ('预计')"),
                                        ("监测数据（草稿）.csv", "a draft ('草稿')"),
                                        ("2025年1-6月.xlsx", "for part of a year ('1-6月')")])
def test_a_file_named_as_targets_estimates_or_part_year_stops_the_run(workspace, name, says):
    if name.endswith(".csv"):
        path = workspace / "raw" / "monitoring" / name
        path.write_text(",".join(HEADER) + "\n" + ",".join(map(str, [*JIANDE, 2025, 13.4])) + "\n", encoding="utf-8")
    else:
        path = one_sheet_workbook(workspace, [[*JIANDE, 2025, 13.4]], name=name)
    err = build_refused(workspace)
    assert err.file.endswith(name) and err.where == "sheet 数据, cell E2"
    assert err.problem.startswith(f"the file's name ('{name}') says the figures are {says}")
    _follow_mv(err.fix)
    assert not path.exists()
    assert monitored(workspace)[["year", "value", "source_file"]].values.tolist()[0][:2] == [2025, 13.4]


@pytest.mark.parametrize("name", ["2024年数据（2025年3月报送）.xlsx", "README_2023数据.xlsx", "目标完成情况2025.xlsx",
                                  "建德2023年监测.xlsx", "monitoring-template.xlsx"])
def test_natural_file_names_are_read(workspace, name):
    """A month alone in a file's name is often the date it was sent, and instruction words (README) name no figures."""
    one_sheet_workbook(workspace, [[*JIANDE, 2025, 13.4]], name=name)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2025, 13.4]]


def test_a_folder_named_as_estimates_stops_the_run(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2025, 13.4]], name="2025年预计/m.xlsx")
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2"
    assert err.problem.startswith("the folder's name ('2025年预计') says the figures are estimates or forecasts")
    _follow_mv(err.fix)
    assert not path.exists() and (workspace / "raw" / "monitoring" / "2025年" / "m.xlsx").exists()
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2025, 13.4]]


def test_a_second_file_of_the_suggested_name_is_not_overwritten(workspace):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name="2025.xlsx")
    one_sheet_workbook(workspace, [[*JIANDE, 2025, 13.4]], name="2025目标.xlsx")
    err = build_refused(workspace)
    assert "2025_2.xlsx" in err.fix
    _follow_mv(err.fix)
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2023: 12.9, 2025: 13.4}


@pytest.mark.parametrize("text, years", [("数值（二〇二三年）", [(2023, 2023)]), ("数值（23年度）", [(2023, 2023)]),
                                         ("数值（21—23年）", [(2021, 2023)]), ("数值（近10年）", []),
                                         ("数值（10年来）", []), ("数值（万人）", [])])
def test_the_years_a_header_names(text, years):
    """A count of years (近10年) is no year: read as 2010, it contradicted every row."""
    assert stated_years(text) == years


@pytest.mark.parametrize("text, month_alone, words", [
    ("季度数据", True, "季度"), ("2025年6月", True, "6月"), ("2025年6月", False, None), ("2025年12月", True, None),
    ("1-12月", True, None), ("截至12月底", True, None), ("前四季度", True, None), ("7-12月", True, "7-12月"),
    ("2024年数据（2025年3月报送）", False, None), ("2025年中国", True, None), ("headquarters", True, None)])
def test_what_says_part_of_a_year(text, month_alone, words):
    said = part_year(text, month_alone=month_alone)
    assert (said and said.words) == words


@pytest.mark.parametrize("cell", ["数值（1" + " " * 32_000 + "x）", "12" + " " * 32_000,
                                  "数值（" + "1 " * 16_000 + "）", "1" + " 至" * 16_000])
def test_a_header_as_long_as_a_cell_is_judged_in_a_moment(cell):
    """A run of spaces after a digit made the month patterns try every way of sharing it between two \\s*: 15 s for
    one header cell of 30,000 spaces (about 0.1 s now)."""
    started = time.monotonic()
    not_actuals(cell), part_year(cell), stated_years(cell)
    assert time.monotonic() - started < 3
