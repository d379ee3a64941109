"""A plan's estimate is never judged as an actual (issue 18, second pass: a silent wrong value).

桐庐 (tests/support/tonglu.py) with its monitoring workbook for 2021–2024 only: no 2025 actual yet. Its 十五五 plan
heads the 2025 column 2025年（预计）, as plans drafted before the year's statistics do: 15, 35, 5.9 and 2.75 are the
plan's estimates of 2025, not 2025 actuals. Worked by hand against the 十四五 targets, today's main judged them as
actuals: 人才资源总量 15 ≥ 15 met, 高技能人才占比 35 ≥ 35 met, 人才流失率 5.9 ≤ 6 met, 高技能人才 2.75 < 3 missed, and
the brief said "4项目标中3项达标" and "2025年实际值对照省委目标". With no 2025 actual, none of the six 十四五 targets
can be judged; the notes say that only the 十五五 plan's estimate exists and ask for the 2025 actual.
"""
import json

import pytest

from conftest import copy_of_project
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.analyse.progress import target_counts
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.report import chapters
from support.plan_documents import built_by_the_header_advice
from support.tonglu import make_county, report_context

ESTIMATES = {"talent_total": 15, "high_skilled_share_of_skilled": 35, "talent_outflow_rate": 5.9,
             "high_skilled_talent": 2.75}


# The 2025 column's header: read by the defaults (2025年（预计）; 2025年（预估）, which main stopped on), or by the
# `header_roles` entry the stop advises (规划目标2025年（预计）, a two-row header joined: main's advice offered role:
# target, or role: year, and the estimate was judged as an actual, 达标; redteam13 finding 2). So are a part of the
# year and an estimate written with a letter or a sign (redteam14 finding 1: main's advice offered role: target,
# actual or year, and with role: actual or year 2025年1-11月's 11 months' figures were judged as the 2025 actuals).
HEADERS = ("2025年（预计）", "2025年（预估）", "规划目标2025年（预计）", "2025年1-11月", "2025年（截至11月）",
           "2025年E", "2025年(估)")
READ_BY_THE_DEFAULTS = ("2025年（预计）", "2025年（预估）")


@pytest.fixture(scope="module", params=HEADERS)
def estimated(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("estimated")
    copy_of_project(root)
    make_county(root, "cell_per_line", monitored=range(2021, 2025))   # the 2025 actuals not yet in
    plan = root / "raw" / "tonglu_15.txt"
    text = plan.read_text(encoding="utf-8")
    assert text.count("2025年完成数") == 1
    plan.write_text(text.replace("2025年完成数", request.param), encoding="utf-8")
    write_manifest(root / "raw")
    ds, offered = built_by_the_header_advice(root)
    assert len(offered) == (request.param not in READ_BY_THE_DEFAULTS)
    assert all(entry.endswith("role: year}") for entry in offered), offered
    dataset.write(ds, root / "processed")
    return report_context(root, 2025)


def test_the_data_hold_the_2025_figures_as_the_plans_estimates(estimated):
    ind = estimated.inputs.indicators
    got = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    assert dict(zip(got["indicator_id"], got["value"])) == ESTIMATES
    assert got["estimated"].all()


def test_the_final_evaluation_judges_no_estimate_as_met_or_missed(estimated):
    rows = estimated.progress.set_index("indicator_id")
    assert set(rows["plan"]) == {"十四五"} and set(rows["plan_phase"]) == {"target_year"}
    assert (rows["verdict"] == NOT_ASSESSABLE).all(), rows["verdict"]
    assert rows["target_met"].isna().all()
    assert (rows["evaluated_year"] == 2024).all()   # the latest actual, never the 2025 estimate
    counts = target_counts(estimated.progress).iloc[0]
    assert (counts["targets"], counts["judged"], counts["met"], counts["missed"]) == (6, 0, 0, 0)
    for ind_id, value in ESTIMATES.items():
        notes = json.loads(rows.loc[ind_id, "evaluation_notes"])
        assert {"code": "estimate_not_actual", "year": 2025, "plan": "十五五", "value": value} in notes
    said = notes_text(rows.loc["talent_total", "evaluation_notes"], words("zh"), "evaluation_notes")
    assert "2025年只有十五五规划的预计数15，预计数不作为实际值评估；请在监测工作簿中填入2025年实际值" in said
    said = notes_text(rows.loc["talent_total", "evaluation_notes"], words("en"), "evaluation_notes")
    assert "for 2025 there is only the 15th Five-Year Plan's estimate, 15; an estimate is not judged as an " \
           "actual: enter the 2025 actual in the monitoring workbook" in said       # all English, "plan" once


def test_the_province_is_set_against_actuals_only(estimated):
    c = estimated.comparison
    rows = c[(c["comparison"] == "county_vs_province") & (c["entity"] == "tonglu")]
    assert set(rows["latest_year"]) == {2024}


def test_the_brief_calls_no_estimate_an_actual(estimated):
    summary = chapters.summary.executive_summary(estimated, "brief")
    assert summary[0] == ("桐庐县“十四五”规划（2021—2025年）终期评估：6项目标尚无2025年实际值，"
                          "请在年度监测表中补充后再评估。")
    assert not any("达标" in s or "2025年实际值对照" in s for s in summary), summary
