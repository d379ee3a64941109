"""The plan cycle on a county added by config alone: a 十四五 plan, a 十五五 plan and yearly monitoring workbooks.

桐庐 (tonglu) and every figure the expected numbers below are worked from are in tests/support/tonglu.py, with
the arithmetic in its docstring.
"""
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from helpers import analyse
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from support.notes import said
from support.tonglu import D, project_with_county
from support.workbooks import one_sheet_workbook

LAYOUTS = ["word_tab_cells", "cell_per_line"]


@pytest.fixture(scope="module", params=LAYOUTS)
def county(request, tmp_path_factory):
    return project_with_county(tmp_path_factory.mktemp(request.param), request.param)


def _inputs(workspace: Path, year: int):
    # year_must_have_data=False: 2026 is looked at ahead of its data (a report for it is refused).
    return analyse.load_inputs(workspace / "processed", workspace / "config", year, "tonglu", year_must_have_data=False)


def _row(frame: pd.DataFrame, indicator: str) -> pd.Series:
    rows = frame[frame["indicator_id"] == indicator]
    assert len(rows) == 1, indicator
    return rows.iloc[0]


# ----------------------------------------------------------------------------- the data step

def test_both_plans_are_read_and_every_target_records_its_plan(county):
    ind = pd.read_csv(county / "processed" / "indicators.csv", encoding="utf-8-sig")
    tonglu = ind[ind["entity"] == "tonglu"]
    targets = tonglu[tonglu["kind"] == "target"].set_index(["indicator_id", "year"])
    assert tuple(targets.loc[("talent_total", 2025), ["plan", "value"]]) == ("十四五", 15)
    assert tuple(targets.loc[("talent_total", 2030), ["plan", "value"]]) == ("十五五", 26)
    assert targets.loc[("rd_personnel_per_10k", 2025), "comparator"] == ">"
    assert targets.loc[("high_skilled_share_of_skilled", 2025), "comparator"] == ">="
    assert not tonglu.duplicated(["indicator_id", "year", "kind"]).any()
    # The 十五五 table's 2025 column and the 2025 workbook actual are one observation: kept once.
    total_2025 = tonglu[(tonglu["indicator_id"] == "talent_total") & (tonglu["year"] == 2025)
                        & (tonglu["kind"] == "actual")]
    # 2025 is a year the 十四五 plan judges: the workbook's actual is kept, the 十五五 table's agreeing 15 noted on it
    assert len(total_2025) == 1 and total_2025.iloc[0]["origin"] == "monitoring"
    assert "also stated in" in said(total_2025.iloc[0])
    # 十五五 prose: 比2020年增长50% gives 2020 = 15 ÷ 1.5 = 10, which agrees with the 十四五 table's 10.
    assert tonglu[(tonglu["indicator_id"] == "talent_total") & (tonglu["year"] == 2020)]["value"].tolist() == [10]
    # A monitoring actual records the plan whose period holds its year.
    assert set(tonglu[tonglu["origin"] == "monitoring"]["plan"]) == {"十四五"}


def test_the_next_plan_disagreeing_with_a_monitoring_actual_is_a_consistency_finding(county):
    consistency = pd.read_csv(county / "processed" / "consistency.csv", encoding="utf-8-sig")
    finding = consistency[(consistency["entity"] == "tonglu") & (consistency["check"] == "same_observation")]
    assert len(finding) == 1
    f = finding.iloc[0]
    # kept: the workbook's 2.7 (2025 is a year the 十四五 plan judges: the analyst's record is its actual, issue 18);
    # the other: the 十五五 table's 2.75
    assert (f["indicator_id"], f["year"]) == ("high_skilled_talent", 2025)
    assert (f["table_value"], f["prose_value"]) == (2.7, 2.75)
    assert f["table_file"].endswith("桐庐监测.xlsx") and f["prose_file"].endswith("tonglu_15.txt")


# ----------------------------------------------------------------------------- 2023: 完成进度 against 序时进度

def test_mid_term_2023_progress_against_schedule(county):
    p = analyse.progress_table(_inputs(county, 2023)).set_index("indicator_id")
    assert set(p["plan"]) == {"十四五"} and set(p["plan_phase"]) == {"in_period"}
    # 序时进度 = (2023 − 2020) ÷ (2025 − 2020) = 0.6 for every indicator
    assert p["schedule_share"].tolist() == pytest.approx([0.6] * len(p))
    expected = {
        # 完成进度 = (x − x0) ÷ (X − x0); judgement against 0.6 ± 0.05
        "talent_total": ((10 * 1.5 ** 0.6 * math.exp(-D) - 10) / 5, "behind"),   # (12.502 − 10) ÷ 5 = 0.500
        "high_skilled_share_of_skilled": (0.7, "ahead"),                         # (33.5 − 30) ÷ (35 − 30)
        "rd_personnel_per_10k": (0.6, "on_schedule"),                            # (112 − 100) ÷ (120 − 100)
        "talent_outflow_rate": (0.3, "behind"),                                  # (7.4 − 8) ÷ (6 − 8), lower is better
        "high_skilled_talent": (0.4, "behind"),                                  # (2.4 − 2) ÷ (3 − 2)
    }
    for indicator, (share, judgement) in expected.items():
        assert p.loc[indicator, "progress_share"] == pytest.approx(share), indicator
        assert p.loc[indicator, "schedule_judgement"] == judgement, indicator
    # 党政人才 0.3 → 0.3 is a hold target (保持): 0.29 in 2023 is not held, and there is no 完成进度
    assert p.loc["party_government_talent", "schedule_judgement"] == "not_held"
    assert bool(p.loc["party_government_talent", "hold_target"]) and pd.isna(p.loc["party_government_talent",
                                                                                 "progress_share"])
    # the table holds the code; a reader sees the wording's words
    assert words("zh")(f"plan_cycle.schedule.{p.loc['talent_total', 'schedule_judgement']}") == "慢于序时进度"
    assert p["target_met"].isna().all()                      # no verdict before the target year


def test_mid_term_2023_open_sdg_ratio_and_growth_required_from_now(county):
    p = analyse.progress_table(_inputs(county, 2023)).set_index("indicator_id")
    total = p.loc["talent_total"]
    # observed 2020→2023: (12.502 / 10)^(1/3) − 1 = 1.5^0.2 · e^(−0.02/3) − 1 = 0.07727
    # required 2020→2025: 1.5^(1/5) − 1 = 0.08447; R = 0.07727 / 0.08447 = 0.9147: needs acceleration
    assert total["observed_growth_since_base"] == pytest.approx(1.5 ** 0.2 * math.exp(-D / 3) - 1)
    assert total["required_growth_base_to_target"] == pytest.approx(1.5 ** 0.2 - 1)
    assert total["sdg_progress_ratio"] == pytest.approx(0.9147, abs=1e-4)
    assert total["sdg_progress_category"] == "needs_acceleration"
    # growth required from now on, its own column: (15 / 12.502)^(1/2) − 1 = 0.0954
    assert total["required_growth"] == pytest.approx((15 / (10 * 1.5 ** 0.6 * math.exp(-D))) ** 0.5 - 1)
    assert total["required_growth"] == pytest.approx(0.0954, abs=1e-4)
    # lower is better: observed (7.4/8)^(1/3) − 1 = −0.02565, required (6/8)^(1/5) − 1 = −0.05591;
    # R = −1 · (−0.02565) / 0.05591 = 0.4588: limited progress
    outflow = p.loc["talent_outflow_rate"]
    assert outflow["sdg_progress_ratio"] == pytest.approx(0.4588, abs=1e-4)
    assert outflow["sdg_progress_category"] == "limited_progress"


# ----------------------------------------------------------------------------- 2025: the final evaluation

def test_final_evaluation_2025(county):
    p = analyse.progress_table(_inputs(county, 2025)).set_index("indicator_id")
    assert set(p["plan"]) == {"十四五"} and set(p["plan_phase"]) == {"target_year"}
    assert not (p["progress_category"] == "not_assessable").any()
    expected = {
        # indicator: (met, 完成率, gap)
        "talent_total": (True, 15 / 15, 0.0),                     # 15 against 15
        "high_skilled_share_of_skilled": (True, 35 / 35, 0.0),    # '≥35' (35以上): 35 meets it
        "rd_personnel_per_10k": (False, 120 / 120, 0.0),          # '>120' must be exceeded: 120 does not
        "party_government_talent": (True, 0.3 / 0.3, 0.0),        # 保持 0.3: held
        "talent_outflow_rate": (True, 6 / 5.9, 5.9 - 6),          # lower is better: 完成率 = target ÷ actual
        "high_skilled_talent": (False, 2.7 / 3, 2.7 - 3),         # the workbook's 2.7 (kept over the 十五五's 2.75)
    }
    for indicator, (met, rate, gap) in expected.items():
        row = p.loc[indicator]
        assert bool(row["target_met"]) is met, indicator
        assert row["completion_rate"] == pytest.approx(rate), indicator
        assert row["gap_to_target"] == pytest.approx(gap, abs=1e-9), indicator
        assert row["progress_category"] == ("target_met" if met else "target_missed"), indicator
    # Open SDG still gives the ratio of a met target: observed 2020→2025 = required = 1.5^(1/5) − 1, so R = 1
    assert p.loc["talent_total", "sdg_progress_ratio"] == pytest.approx(1.0)
    assert p.loc["talent_total", "sdg_progress_category"] == "target_met"
    counts = analyse.target_counts(analyse.progress_table(_inputs(county, 2025))).iloc[0]
    assert (counts["plan"], counts["targets"], counts["judged"], counts["met"], counts["missed"]) == ("十四五", 6, 6,
                                                                                                    4, 2)


def test_final_evaluation_shows_the_target_against_the_province(county):
    c = analyse.comparison_table(_inputs(county, 2025))
    row = c[(c["comparison"] == "county_vs_province") & (c["indicator_id"] == "talent_total")].iloc[0]
    assert (row["target_year"], row["target_value"], row["latest_year"], row["latest_value"]) == (2025, 15, 2025, 15)
    assert row["other_value"] == 1650 and row["plan"] == "十四五"


def test_the_year_after_evaluates_the_next_plan(county):
    p = analyse.progress_table(_inputs(county, 2026)).set_index("indicator_id")
    assert set(p["plan"]) == {"十五五"} and set(p["plan_phase"]) == {"in_period"}
    assert p.loc["talent_total", "target_year"] == 2030 and p.loc["talent_total", "target_value"] == 26
    assert p.loc["talent_total", "base_value"] == 15


def test_jiande_reaching_its_2025_target_is_met_and_shown_against_the_province(workspace):
    """The issue's own case: 建德 人才资源总量 14.2 in 2025 against a 2025 target of 14."""
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", year, value, None, "统计年鉴", None]
                                   for year, value in {2021: 11.2, 2022: 12.1, 2023: 12.9, 2024: 13.6,
                                                       2025: 14.2}.items()], name="建德监测.xlsx")
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    inputs = analyse.load_inputs(workspace / "processed", workspace / "config")
    assert inputs.report_year == 2025
    row = analyse.progress_table(inputs).query("entity == 'jiande' and indicator_id == 'talent_total'").iloc[0]
    # 14.2 ≥ 14: met; 完成率 14.2 ÷ 14 = 101.4%; gap +0.2万人; 完成进度 (14.2 − 10.3) ÷ (14 − 10.3) = 1.054
    assert bool(row["target_met"]) and row["progress_category"] == "target_met"
    assert row["completion_rate"] == pytest.approx(14.2 / 14) and row["gap_to_target"] == pytest.approx(0.2)
    assert row["progress_share"] == pytest.approx(3.9 / 3.7)
    comparison = analyse.comparison_table(inputs)
    prov = comparison.query("comparison == 'county_vs_province' and entity == 'jiande' and indicator_id == "
                            "'talent_total'").iloc[0]
    assert (prov["target_year"], prov["target_value"], prov["latest_value"]) == (2025, 14, 14.2)


# ----------------------------------------------------------------------------- the outlook: drafting 十五五

# Student's t quantiles with 6 − 2 = 4 degrees of freedom (from a t table).
T_975_4, T_90_4 = 2.776445, 1.533206


def test_outlook_to_the_next_target_year(county):
    o = analyse.outlook_table(_inputs(county, 2025)).set_index("indicator_id")
    total = o.loc["talent_total"]
    assert (total["ended_plan"], total["next_plan"], total["next_target_year"]) == ("十四五", "十五五", 2030)
    assert bool(total["next_plan_configured"]) and total["trend_method"].startswith("log-linear OLS")
    # The fit recovers the line through 10 (2020) and 15 (2025): 2030 = 10 · 1.5² = 22.5, growing 1.5^(1/5) − 1
    # = 8.447% a year, which is also the growth implied from the last actual: (22.5 ÷ 15)^(1/5) − 1.
    assert total["projection"] == pytest.approx(22.5)
    assert total["trend_annual_growth"] == pytest.approx(1.5 ** 0.2 - 1)
    assert total["implied_annual_growth"] == pytest.approx(1.5 ** 0.2 - 1)
    # Prediction standard error in 2030 (log scale): s · √(1 + 1/n + (2030 − 2022.5)² / Σ(t − t̄)²)
    # = 0.02 · √(1 + 1/6 + 56.25 / 17.5) = 0.02 · 2.09307 = 0.041861
    se = 0.02 * math.sqrt(1 + 1 / 6 + 7.5 ** 2 / 17.5)
    assert total["pi_wide_lower"] == pytest.approx(22.5 * math.exp(-T_975_4 * se), rel=1e-5)     # 20.03
    assert total["pi_wide_upper"] == pytest.approx(22.5 * math.exp(T_975_4 * se), rel=1e-5)      # 25.27
    assert total["pi_narrow_lower"] == pytest.approx(22.5 * math.exp(-T_90_4 * se), rel=1e-5)      # 21.10
    assert total["pi_narrow_upper"] == pytest.approx(22.5 * math.exp(T_90_4 * se), rel=1e-5)       # 23.99
    # The 十五五 target of 26 lies above the 95% interval: it needs a clear break with the trend.
    assert (total["next_target_value"], total["target_position"], total["target_reading"]) == (26, "above_wide",
                                                                                               "clear_break")
    # Growth achieved over 十四五: (15 ÷ 10)^(1/5) − 1 = 8.45%; required by 十五五: (26 ÷ 15)^(1/5) − 1 = 11.63%;
    # 3.18 points a year faster.
    assert total["achieved_growth_last_period"] == pytest.approx(1.5 ** 0.2 - 1)
    assert total["required_growth_next_period"] == pytest.approx((26 / 15) ** 0.2 - 1)
    assert total["acceleration_needed"] == pytest.approx((26 / 15) ** 0.2 - 1.5 ** 0.2)
    # lower is better: 8 → 5.9 over 十四五, (5.9/8)^(1/5) − 1 = −5.91% a year; 5.9 → 5 asked of 十五五,
    # (5/5.9)^(1/5) − 1 = −3.26% a year: a slower fall, so in the good direction −(−3.26 − (−5.91)) = −2.65 points
    outflow = o.loc["talent_outflow_rate"]
    assert outflow["acceleration_needed"] == pytest.approx(-((5 / 5.9) ** 0.2 - (5.9 / 8) ** 0.2))
    assert outflow["acceleration_needed"] == pytest.approx(-0.0265, abs=1e-4)
    # The notes are codes and values; each reader says them in its language.
    assert json.loads(total["outlook_notes"]) == [{"code": "residuals", "n": 6, "df": 4}]
    assert notes_text(total["outlook_notes"], words("zh"), "outlook_notes") == "6个观测值，残差自由度4"
    assert notes_text(total["outlook_notes"], words("en"), "outlook_notes") == \
        "6 observations, 4 residual degrees of freedom"


def test_no_outlook_before_a_plan_ends_and_a_drafting_outlook_without_the_next_plan(county):
    assert analyse.outlook_table(_inputs(county, 2023)).empty
    inputs = analyse.load_inputs(county / "processed", county / "config", 2025, "jiande", year_must_have_data=False)
    o = analyse.outlook_table(inputs).set_index("indicator_id")
    # 建德 has no 十五五 plan configured: the next period is placed by arithmetic (2025 → 2030) for drafting it
    total = o.loc["talent_total"]
    assert (total["next_plan"], total["next_target_year"]) == ("十五五", 2030)
    assert not bool(total["next_plan_configured"]) and pd.isna(total["next_target_value"])
    # two points (2015 derived, 2020): the exact line, (10.3 · 1.484^2) in 2030, no interval
    assert total["projection"] == pytest.approx(10.3 * 1.484 ** 2) and pd.isna(total["pi_wide_lower"])
    assert total["projection_caution"] == "two_points"           # marked: not drawn as a forecast
    notes = json.loads(total["outlook_notes"])
    assert notes[0] == {"code": "exact_line"} and notes[-1] == {"code": "next_plan_not_configured", "plan": "十五五"}
    said = notes_text(total["outlook_notes"], words("en"), "outlook_notes")
    assert said.startswith("two observations fix the line exactly") and \
        said.endswith("; no 15th Five-Year Plan configured yet: the projection is for drafting it")
    said = notes_text(total["outlook_notes"], words("zh"), "outlook_notes")
    assert said.endswith("；尚未配置十五五规划：外推供起草参考")


# ----------------------------------------------------------------------------- what the reports say

def _report(county: Path, year: int, lang: str = "zh"):
    from helpers.report.context import load_report_context
    # as `make report` does; 2026 is looked at ahead of its data (`make report YEAR=2026` is refused)
    analyse.build_tables(county / "processed", county / "config", year, "tonglu", year_must_have_data=False)
    return load_report_context(county / "processed", county / "config", year, "tonglu", lang,
                                        year_must_have_data=False)


def _text(html: str) -> str:
    import html as html_lib
    import re
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_2025_report_reads_as_a_final_evaluation(county):
    from helpers.report import chapters
    ctx = _report(county, 2025)
    title = _text(chapters.title.title_block(ctx))
    assert "“十四五”规划（2021—2025年）· 终期评估" in title
    summary = chapters.summary.executive_summary(ctx)
    assert summary[0].startswith("桐庐县“十四五”规划（2021—2025年）终期评估：6项目标中4项达标、2项未达标")
    assert "高技能人才" in summary[0] and "R&D人员数" in summary[0]
    final = _text(chapters.plan.plan_section(ctx))
    assert "终期评估" in final and "桐庐县：6项目标中4项达标" in final and "90.0%" in final   # 2.7 ÷ 3
    assert "无法评估" not in final
    english = _report(county, 2025, "en")
    assert chapters.summary.executive_summary(english)[0].startswith(
        "Tonglu, final evaluation of the 14th Five-Year Plan (2021–2025): 4 of 6 targets met, 2 missed")


def test_the_2023_report_shows_progress_against_schedule(county):
    from helpers.report import chapters
    ctx = _report(county, 2023)
    assert "· 规划期内" in _text(chapters.title.title_block(ctx))
    assert chapters.summary.executive_summary(ctx)[0].startswith(
        "截至2023年，桐庐县“十四五”规划的序时进度为60.0%：1项指标快于、1项符合、3项慢于序时进度")
    table = _text(chapters.plan.plan_section(ctx))
    assert "完成进度" in table and "慢于序时进度" in table and "50.0%" in table and "70.0%" in table
    assert chapters.outlook.outlook_section(ctx) == ""              # no plan has ended yet


def test_reports_after_a_plan_ends_show_the_outlook(county):
    from helpers.report import chapters
    ctx = _report(county, 2025)
    outlook = _text(chapters.outlook.outlook_section(ctx))
    assert "下一期规划展望：“十五五”" in outlook and "22.5" in outlook and "需明显突破趋势" in outlook
    assert "80%: 21.1–24.0" in outlook and "8.4% → 11.6%" in outlook
    assert any("需要明显突破既有趋势" in s for s in chapters.summary.executive_summary(ctx))
    later = _report(county, 2026)
    assert "“十五五”规划（2026—2030年）· 规划期内" in _text(chapters.title.title_block(later))
