"""What a name says beyond its year (issue 18, redteam10 finding 3): the word lists of what names say (part of a year,
targets, estimates, made-up figures) were open, and 117 of 143 spellings of a hostile pass were read as the year's
actual values, exit 0: a sheet named 2023年9个月, 2023年头三季, 2023年至今, 2023年（估）, 2023年插值, 2023年挑战值,
2023年确保, 2023年演练, 2023年作废, 2023年demo, 2023年增量 or 2023年完成率 over 建德's 9.4 (a part-year, estimated,
target or changed figure) had it read as 2023's 人才资源总量. The rule is turned round (docs/monitoring.md): a name or
title that names a year is read as that year's actual values only when all it says beyond its year is in a short list
of words of a whole year's actual values (name_meaning.UNDERSTOOD, and the configured counties' names); anything else
stops the run naming the words not understood, and the rename that reads. The families keep their own messages."""
import json
import re
import shlex
import subprocess
import time

import openpyxl
import pytest

from helpers.core import paths
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.name_meaning import NOT_UNDERSTOOD, name_says, not_actuals, title_says
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]
KNOWN = ("jiande", "建德市", "Jiande", "anji", "安吉县", "Anji")

# redteam10's N-names probe: 143 spellings of part of a year, targets, estimates, figures not real, and changes or
# rates (no level at all), each after a year.
PROBE = """2023年1月-6月 2023年1月至6月 2023年一到九月 2023年1-6月份 2023年1～6月 2023年１－６月 2023.1-6
2023/01-06 202301-202306 2023.01-2023.06 2023年01-06 2023年前半年 2023年前半 2023年半年度 2023年上期
2023年(1-6) 2023年六个月 2023年9个月 2023年三个季度 2023年头三季 2023年前三季 2023年春季 2023年上旬
2023年半程 2023年1季 2023年Q1-Q2 2023年Ｑ３ 2023年H１ 2023年第二批 2023年截至目前 2023年迄今
2023年至今 2023年以来 2023年应达 2023年要求 2023年要求值 2023年目标任务 2023年计划数 2023年确保
2023年保底 2023年底线 2023年挑战值 2023年冲刺 2023年达标值 2023年门槛值 2023年承诺值 2023年责任书
2023年预安排 2023年预设 2023年设定值 2023年预期性 2023年约束性 2023年考核 2023年奋斗值 2023年期盼
2023年aim 2023年估 2023年约 2023年（估） 2023年推测 2023年概算 2023年预判 2023年研判 2023年预报
2023年外推 2023年插值 2023年倒推 2023年反推 2023年估值 2023年（暂） 2023年临时 2023年暂行 2023年毛估
2023年粗算 2023年大概 2023年模型 2023年fcst 2023年proj 2023年prelim 2023年tbc 2023年待定 2023年待核
2023年随机 2023年random 2023年样本 2023年演练 2023年练习 2023年培训 2023年试填 2023年试报 2023年调试
2023年占位 2023年placeholder 2023年xxx 2023年作废 2023年废弃 2023年（错误） 2023年（删除）
2023年已作废 2023年假 2023年伪 2023年编造 2023年举例 2023年例子 2023年示范 2023年demo
2023年synthetic 2023年合成 2023年随机数 2023年toy 2023年TEST 2023年Test1 2023年testing 2023年tst
2023年試算 2023年試填 2023年範本 2023年草表 2023年空表 2023年增量 2023年净增 2023年增速 2023年增长率
2023年同比 2023年较上年增减 2023年比2022年增长 2023年变化 2023年排名 2023年得分 2023年占比
2023年完成率 2023年目标完成率 2023年完成进度 2023年进度 2023年差值 2023年缺口 2023年新增 2023年累计
2023年人均 2023年平均 2023年均值 2023年环比 2023年增幅""".split()


def test_the_probe_has_its_143_names():
    assert len(PROBE) == 143


@pytest.mark.parametrize("name", PROBE)
def test_every_name_of_the_hostile_pass_stops_as_a_sheets_title_or_files_name(name):
    """On main 117 of them said nothing (read as 2023's actual values); 2023年预期性 is an estimate, 202301-202306
    part of a year, and the others say something not understood."""
    assert name_says(name, known=KNOWN) is not None
    assert title_says(name + "人才发展主要指标", KNOWN) is not None
    said = name_says(name, instructions=False, month_alone=False, known=KNOWN)
    assert said is not None or name in ("2023.1-6", "2023/01-06", "2023.01-2023.06")   # (see below)


def test_a_files_year_with_a_month_is_the_date_it_was_sent():
    """In a file's name a year with a month is the date it was sent (2024年数据（2025.3报送）), so 2023.1-6.xlsx says
    part of a year only by its range: 2023.1 is the date, -6 the part not understood."""
    assert name_says("2023.1-6", instructions=False, month_alone=False).words == "6"


@pytest.mark.parametrize("name, words", [
    ("2023年9个月", "9个月"), ("2023年头三季", "头三季"), ("2023年至今", "至今"), ("2023年估", "估"),
    ("2023年插值", "插值"), ("2023年挑战值", "挑战值"), ("2023年确保", "确保"), ("2023年演练", "演练"),
    ("2023年作废", "作废"), ("2023年demo", "demo"), ("2023年增量", "增量"), ("2023年完成率", "率"),
    ("2023年较上年增减", "较上年增减"), ("2023年比2022年增长", "比, 增长"), ("2023年testing", "testing"),
    ("建德2023年头三季监测", "头三季")])
def test_the_words_not_understood_are_named(name, words):
    said = name_says(name, known=KNOWN)
    assert (said.what, said.words) == (NOT_UNDERSTOOD, words)


@pytest.mark.parametrize("name, what", [
    ("2023年1-6月份", "for part of a year"), ("202301-202306", "for part of a year"),
    ("2023年计划数", "targets"), ("2023年预期性", "estimates or forecasts"), ("2023年TEST", "test or made-up figures"),
    # (估) and 2023年E: estimate marks (name_meaning.ESTIMATED, redteam14 finding 1), no longer words not understood
    ("2023年（估）", "estimates or forecasts"), ("2023年E", "estimates or forecasts")])
def test_the_families_keep_their_own_message(name, what):
    assert name_says(name, known=KNOWN).what == what


@pytest.mark.parametrize("name", [
    # the names the tests, the template and the hostile passes' natural cases use
    "数据", "Sheet1", "2023年", "2021-2023", "汇总", "2025年实绩", "2025年12月", "2025年度", "2023年全年",
    "2023年完成数", "2023年报", "2023年末", "2023年底", "2023年年末数", "2023年1-12", "2023 12M", "2023年四季度末",
    "2023年12月末", "截至2023年12月31日", "截至2023.12.31", "2023.12", "January to December 2023", "Dec 2023",
    "as of December 31, 2023", "Data 2023", "FY2023", "2023年快报", "2023年快报数", "2023年初步统计", "2023年（初步）",
    "2023年（未审定）", "2023年考核结果", "2023年实际完成情况", "2023年度统计数据", "2023年人才监测数据", "建德2023年",
    "2023年建德市监测数据", "Jiande 2023 actuals", "2023年 (2)", "2025_2", "2023年 - 副本", "2023 annual data",
    "2023年度人才发展主要指标监测表", "目标完成情况2025", "十四五规划2023年监测数据"])
def test_names_of_a_whole_years_actual_values_are_read(name):
    assert name_says(name, known=KNOWN) is None


@pytest.mark.parametrize("name", ["2024年数据（2025年3月报送）", "README_2023数据", "建德2023年监测",
                                  "2023年人才监测数据",
                                  "2023年数据_2024-03-05", "Data 2023 (sent Mar 2024)", "2024年数据（2025.3报送）",
                                  "新建 Microsoft Excel 工作表 (2)", "2023年监测模板", "2021-2025年 监测数据"])
def test_file_names_of_a_whole_years_actual_values_are_read(name):
    """A date in a file's name is when it was sent, and instruction words (README, 模板) name no figures there."""
    assert name_says(name, instructions=False, month_alone=False, known=KNOWN) is None


@pytest.mark.parametrize("title", ["2023年人才发展主要指标监测表", "2021—2023年人才发展主要指标",
                                   "2023年人才发展主要指标监测表（填报日期：2024年3月5日）",
                                   "附件2：2023年度建德市人才发展主要指标完成情况表",
                                   "表1 2023年人才发展主要指标完成情况",
                                   "2023年12月人才发展主要指标"])
def test_titles_of_a_whole_years_actual_values_are_read(title):
    assert title_says(title, KNOWN) is None


@pytest.mark.parametrize("text", ["testing", "latest", "contest", "protest 2023"])
def test_an_english_word_is_a_whole_word(text):
    """`test` was found at the start of any word: testing said test figures (and 2023年testing is now not understood,
    above); a word's plural is still the word (tests, Targets)."""
    assert not_actuals(text) is None
    assert not_actuals("tests").what == not_actuals("Test1").what == "test or made-up figures"
    assert not_actuals("Targets 2025").what == "targets"


@pytest.mark.parametrize("text", ["2023年头三季" * 1800, "2023年" * 5300, "建德" * 8000, "插值" * 8000,
                                  "2023 xxx " * 1800, "a" * 16000, "1-" * 8000])
def test_a_16000_character_name_is_judged_in_a_moment(text):
    started = time.monotonic()
    name_says(text, known=KNOWN), name_says(text, False, False, KNOWN), title_says(text, KNOWN)
    assert time.monotonic() - started < 3


# ----------------------------------------------------------------------------- in a workbook

def _suggested_sheet(fix: str) -> str:
    return re.search(r"Rename; e\.g\. ([^)]+)\)", fix).group(1)


@pytest.mark.parametrize("name, words, suggested", [
    ("2023年9个月", "9个月", "2023年"), ("2023年头三季", "头三季", "2023年"), ("2023年前半", "前半", "2023年"),
    ("2023年至今", "至今", "2023年"), ("2023年1季", "1季", "2023年"), ("2023年估", "估", "2023年"),
    ("2023年推测", "推测", "2023年"), ("2023年外推", "外推", "2023年"), ("2023年插值", "插值", "2023年"),
    ("2023年挑战值", "挑战值", "2023年"), ("2023年要求", "要求", "2023年"), ("2023年确保", "确保", "2023年"),
    ("2023年随机", "随机", "2023年"), ("2023年演练", "演练", "2023年"), ("2023年作废", "作废", "2023年"),
    ("2023年demo", "demo", "2023年"), ("2023年增量", "增量", "2023年"), ("2023年完成率", "率", "2023年完成"),
    ("2023年考核", "考核", "2023年")])
def test_the_sheet_names_the_hostile_pass_found_stop_the_run(workspace, name, words, suggested):
    """redteam10 F-sheet-names2: 建德's 2023 figure 9.4 in a sheet so named was read as 2023's actual, exit 0 (make
    data wrote it to indicators.csv, nothing logged). 2023年考核 was read as an assessment's results by decision; but
    an assessment's figures are as often its targets (考核目标) as its results, so it now stops too: 考核结果 reads."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 9.4]], edit=lambda ws: setattr(ws, "title", name))
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == f"sheet {name}, cell E2"
    assert err.problem == (
        f"the sheet's name ('{name}') names a year and says more of the figures, '{words}', which is not understood "
        "here, but the sheet has a figure in E2: a name or title naming a year is read as that year's actual values "
        "only when all else it says is a whole year's actual values (年度, 全年, 年末, 实际, 完成, 统计, 数据, 监测, "
        "快报, "
        "a county's name: the list is in docs/monitoring.md); it may say they are for part of the year, estimates, "
        "targets, changes or not real figures")
    assert err.fix == (
        f"if they are the whole year's actual values, rename the sheet (right-click its tab → Rename; e.g. "
        f"{suggested}), so that it says only that; if they are not, move them into a workbook outside "
        "data/raw/monitoring/ or delete them (a part year's figures are replaced by the whole year's when it is known; "
        "targets are read from the plans).")
    # the advice, followed: the whole year's figure, in the sheet renamed as suggested
    wb = openpyxl.load_workbook(path)
    wb[name]["E2"] = 12.9
    wb[name].title = _suggested_sheet(err.fix)
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_title_saying_more_than_the_year_stops_the_run_at_it(workspace):
    def titled(ws):
        ws.insert_rows(1)
        ws["A1"] = "2023年头三季人才监测数据"
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 9.4]], edit=titled)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells A1 and E3"
    assert err.problem.startswith("the title A1 ('2023年头三季人才监测数据') names a year and says more of the "
                                  "figures, '头三季', which is not understood here")
    assert "write the title in A1 as 2023年人才监测数据, or clear it, so that it says only that" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["A1"], wb["数据"]["E3"] = "2023年人才监测数据", 12.9
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def _follow_mv(fix: str) -> None:
    command = re.search(r"\((mv [^)]+)\)", fix).group(1)
    subprocess.run(shlex.split(command), cwd=paths.PROJECT_ROOT, check=True)


@pytest.mark.parametrize("name, words, new", [("2023年头三季人才数据.xlsx", "头三季", "2023年人才数据.xlsx"),
                                              ("建德2023年估.xlsx", "估", "建德2023年.xlsx")])
def test_a_file_named_so_stops_the_run_and_the_mv_reads_it(workspace, name, words, new):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name=name)
    err = build_refused(workspace)
    assert err.file.endswith(name) and err.where == "sheet 数据, cell E2"
    assert err.problem.startswith(f"the file's name ('{name}') names a year and says more of the figures, '{words}'")
    _follow_mv(err.fix)
    assert not path.exists() and (path.parent / new).exists()
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


@pytest.mark.parametrize("name", ["2023年12月", "2023年全年", "2023年度统计数据", "建德市2023年", "2023年考核结果",
                                  "Sheet1", "2023年 (2)"])
def test_sheets_of_the_whole_years_actual_values_are_read(workspace, name):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", name))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def _logged(workspace, step: str) -> list[dict]:
    log = dataset.build(workspace / "raw", workspace / "config").cleaning_log.query(f"step == '{step}'")
    return [json.loads(v) for v in log["values"]]


@pytest.mark.parametrize("name, word", [("2023年快报", "快报"), ("2023年（未审定）", "未审定"),
                                        ("2023年初步统计", "初步统计")])
def test_a_preliminary_count_is_read_and_logged(workspace, name, word):
    """Decision (docs/monitoring.md): a year's preliminary count is its actual value until the final figure replaces
    it; on main it was read without a word. The cleaning log now says so, where the analyst sees it."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", name))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]
    [values] = _logged(workspace, "preliminary_name")
    assert values == {"file": "m.xlsx", "sheet": name, "name": name, "word": word}
    said = [decision_text("preliminary_name", json.dumps(values), words(lang)) for lang in ("zh", "en")]
    assert said[0] == (f"m.xlsx的{name}表：名称“{name}”说明数据为{word}（当年的初步统计数）：按当年实际值读取，"
                       "待正式数据发布后请在工作簿中替换")
    assert said[1] == (f"sheet {name} in m.xlsx: the name “{name}” says its figures are the year's preliminary count "
                       f"({word}): read as the year's actual values; replace them in the workbook with the final "
                       "figures when they are published")


def test_a_sheet_of_final_figures_logs_nothing(workspace):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "2023年"))
    assert _logged(workspace, "preliminary_name") == []


def test_a_title_of_thousands_of_words_not_understood_stops_in_a_moment(workspace):
    """Each word not understood was cut from the title for the advice one by one (3,000 words: 5.5 s); the first ten
    are named, and a title saying more is to be cleared."""
    title = "2023年" + " ".join(f"x{i}" for i in range(3000))

    def titled(ws):
        ws.insert_rows(1)
        ws["A1"] = title
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=titled)
    started = time.monotonic()
    err = build_refused(workspace)
    assert time.monotonic() - started < 10
    assert "'x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', …, which is not understood" in err.problem
    assert "clear the title in A1, so that it says only that" in err.fix
