"""An actual recorded as a bound (the monitoring workbook's 比较符: > or >=) is judged as a bound, never as the
figure itself. The hostile pass typed 安吉's 2025 人才资源总量 as > 19.9 against the target 20: main said 未达标,
完成率 99.5%, "2025年实际值19.9未达到2025年目标20", dropping the '>'. Whether 20 was reached cannot be told.

Worked by hand from 安吉's plan (2025 targets: 人才资源总量 20, 党政人才队伍 0.5, 专业技术人才 5.1, 经营管理人才 7.2,
all '=', that is at least) and the workbook below (2021–2024 exact, 2025 as written):
    人才资源总量   > 19.9   figures above 19.9: 19.95 misses 20, 25 meets it      not assessable
    党政人才队伍   > 0.5    every figure above 0.5 meets 0.5                        met
    专业技术人才   >= 5.0   5.0 misses 5.1, 6 meets it                              not assessable
    经营管理人才   = 7.2    the figure itself                                       met (as before)
"""

import openpyxl
import pandas as pd
import pytest

from conftest import analysed, copy_of_project
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET, bound_meets_target
from helpers.core import paths
from helpers.core.wording import notes_text, words
from support.workbooks import drop

YEARS = range(2021, 2025)
EARLIER = {"人才资源总量": (15.5, 16.5, 17.5, 18.5), "党政人才队伍": (0.35, 0.4, 0.42, 0.45),
           "专业技术人才": (3.6, 4.0, 4.4, 4.7), "经营管理人才": (6.2, 6.5, 6.8, 7.0)}
IN_2025 = {"人才资源总量": (19.9, ">"), "党政人才队伍": (0.5, ">"), "专业技术人才": (5.0, ">="),
           "经营管理人才": (7.2, None)}


@pytest.fixture(scope="module")
def bounded(tmp_path_factory):
    root = tmp_path_factory.mktemp("bounded")
    copy_of_project(root)
    rows = [dict(county="安吉县", indicator=name, year=y, value=v) for name, values in EARLIER.items()
            for y, v in zip(YEARS, values)]
    rows += [dict(county="安吉县", indicator=name, year=2025, value=v, **({"comparator": c} if c else {}))
             for name, (v, c) in IN_2025.items()]
    drop(root, "安吉2021-2025.xlsx", rows)
    analysed(root, 2025)
    trends = pd.read_csv(root / "processed" / paths.TRENDS_CSV, keep_default_na=False, na_values=[""])
    return root, {r["indicator_id"]: r for r in trends[trends["entity"] == "anji"].to_dict("records")}


def _said(row, lang: str) -> str:
    return notes_text(row["progress_notes"], words(lang), "progress_notes")


def test_a_lower_bound_under_the_target_is_not_assessable_and_says_why_in_either_language(bounded):
    _, rows = bounded
    r = rows["talent_total"]
    assert r["verdict"] == NOT_ASSESSABLE and pd.isna(r["target_met"]), r
    assert pd.isna(r["completion_rate"]) and pd.isna(r["gap_to_target"])       # never 99.5%: a bound's rate
    assert r["evaluated_value"] == 19.9 and r["evaluated_comparator"] == ">" and r["latest_comparator"] == ">"
    zh, en = _said(r, "zh"), _said(r, "en")
    assert "2025年实际值记为>19.9，只是一个界限，无法判断是否达到2025年目标20；请在监测工作簿中填入2025年的确切值" in zh
    assert ("the 2025 actual is recorded as more than 19.9, a bound: whether it meets the 2025 target of 20 cannot "
            "be told; enter the exact 2025 figure in the monitoring workbook") in en
    assert "未达到" not in zh and "misses" not in en
    s = rows["professional_technical_talent"]
    assert s["verdict"] == NOT_ASSESSABLE and s["evaluated_comparator"] == ">="
    assert "2025年实际值记为≥5，只是一个界限" in _said(s, "zh")


def test_a_lower_bound_at_the_target_is_met_and_keeps_its_comparator(bounded):
    _, rows = bounded
    r = rows["party_government_talent"]
    assert r["verdict"] == TARGET_MET and r["target_met"] is True and r["evaluated_comparator"] == ">"
    assert "2025年实际值>0.5达到2025年目标0.5" in _said(r, "zh")
    assert "the 2025 value more than 0.5 meets the 2025 target of 0.5" in _said(r, "en")
    exact = rows["business_management_talent"]       # an exact actual is judged as before, its note as before
    assert exact["verdict"] == TARGET_MET and exact["evaluated_comparator"] == "=" and exact["completion_rate"] == 1
    assert "2025年实际值7.2达到2025年目标7.2" in _said(exact, "zh")


def test_the_results_workbook_keeps_the_comparator(bounded, tmp_path):
    from helpers.run import cli
    root, _ = bounded
    out = tmp_path / "results.xlsx"
    assert cli.main(["results-workbook", str(out), "--processed-dir", str(root / "processed"),
                     "--config-dir", str(root / "config")]) == 0
    sheet = openpyxl.load_workbook(out)["进度"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    total = next(r for r in rows if r["县市"] == "安吉县" and r["指标"] == "人才资源总量")
    assert total["评估值比较符"] == ">" and total["最新实际比较符"] == ">" and total["评估值"] == 19.9


def test_the_report_tables_show_the_bound(bounded):
    from helpers.analyse import charts
    from helpers.report.chapters.progress import progress_table_view
    from helpers.report.context import load_report_context
    root, _ = bounded
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2025, None, "zh")
    rows = ctx.progress[(ctx.progress["entity"] == "anji")]
    table = progress_table_view(ctx, rows)
    cells = {str(row[1]): [str(c) for c in row] for row in table.rows}
    total = next(v for k, v in cells.items() if "人才资源总量" in k)
    assert ">19.9" in total[3] and "2025年实际值记为>19.9" in total[-1], total


@pytest.mark.parametrize("value, value_comparator, target, comparator, direction, met", [
    (19.9, ">", 20, "=", "higher", None), (19.5, ">=", 20, "=", "higher", None),
    (20, ">", 20, "=", "higher", True), (20, ">=", 20, "=", "higher", True), (21, ">=", 20, ">", "higher", True),
    (20, ">=", 20, ">", "higher", None),      # 20 itself does not pass 突破20
    (20, ">", 20, ">", "higher", True), (19, "<", 20, "=", "higher", False), (20, "<=", 20, "=", "higher", None),
    (20, "<=", 20, ">", "higher", False),
    # where less is better (an upper bound is the side that can meet it)
    (5, "<", 5, "=", "lower", True), (5, "<=", 5, "=", "lower", True), (5.1, "<", 5, "=", "lower", None),
    (6, ">", 5, "=", "lower", False), (5, ">=", 5, "=", "lower", None), (5, ">=", 5, ">", "lower", False),
    (19.9, "=", 20, "=", "higher", False),    # an exact actual: as target_met
])
def test_a_bound_meets_a_target_only_when_every_figure_it_allows_does(value, value_comparator, target, comparator,
                                                                       direction, met):
    assert bound_meets_target(value, value_comparator, target, comparator, direction) is met




@pytest.mark.parametrize("lang, said", [
    ("zh", ["安吉县“十四五”规划（2021—2025年）终期评估：2项目标中2项达标、0项未达标；另有12项尚无2025年实际值，待补充；"
            "人才资源总量、专业技术人才的2025年实际值只是一个界限，无法判断是否达标，请填入确切值。",
            "安吉县：2项目标中2项达标；另有12项尚无2025年实际值；人才资源总量、专业技术人才的2025年实际值只是一个界限，"
            "无法判断是否达标。"]),
    ("en", ["the 2025 actual is only a bound, so whether the target was met cannot be told: enter the exact figure"]),
])
def test_the_brief_says_which_targets_cannot_be_told_and_why(bounded, lang, said):
    """(2 of 2 met: 党政人才 on its bound >0.5, 经营管理人才 exactly; 12 others have no 2025 actual here.)"""
    from helpers.analyse import charts
    from helpers.report.chapters.plan import final_counts_line
    from helpers.report.chapters.summary import executive_summary
    from helpers.report.context import load_report_context
    root, _ = bounded
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2025, None, lang)
    text = " ".join(executive_summary(ctx, "brief")) + " " + final_counts_line(ctx, "anji")
    assert all(s in text for s in said) and "99.5%" not in text, text


def test_the_data_appendix_prints_every_bound_with_its_comparator(bounded):
    """(main printed the workbook's >= 5.0 as the figure 5: value_text dropped ≥ and kept > and ≤.)"""
    from helpers.analyse import charts
    from helpers.report.chapters.appendices import sources_section
    from helpers.report.context import load_report_context
    root, _ = bounded
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2025, None, "zh")
    table = sources_section(ctx).blocks[0]["table"]
    shown = {(str(r[1]), str(r[2])): str(r[4]) for r in table.rows if str(r[0]) == "安吉县" and str(r[3]) == "实际"}
    assert shown[("专业技术人才", "2025")].startswith("≥5") and shown[("人才资源总量", "2025")].startswith(">19.9")
    assert shown[("经营管理人才", "2025")].startswith("7.2"), shown
