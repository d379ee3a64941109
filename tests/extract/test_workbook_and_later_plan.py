"""A later plan's base column against the analyst's workbook (issue 18, redteam13 findings 1 and 6): the case and its
hand-worked figures are in tests/support/final_evaluation.py.

- A 〔〕 figure in a base column (the 十五五 plan's 2025 〔6500〕, the 十四五 total; the 十四五 plan's 2020 〔4000〕) is
  never a year's value: the workbook's 2025 figure 1,250 (and an analyst's 2020 figure 900) stays beside it, and it
  is checked against the sum of its years, 1000 + 1200 + 1300 + 1200 + 1250 = 5,950 (+550), never against 1,250.
  On main the 〔6500〕 replaced the 1,250 ("the plan's figure is used").
- A plain level (15.2 in the 十五五 plan's 2025 column, 14.6 in the workbook): 2025 is a year the 十四五 plan judges,
  so the workbook's figure is the actual (the lead's decision); on main the plan's 15.2 was. A plan's base year that
  no configured plan judges (2020: the workbook's 9.8, the 十四五 plan's 10) keeps the plan's figure, the one its
  targets were set against.
"""
import json

import pandas as pd
import pytest

from helpers.core.config import load_catalogue
from helpers.core.wording import explanation_text, words_for
from support.final_evaluation import final_evaluation_case


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return final_evaluation_case(tmp_path_factory.mktemp("final"),
                                 {"新增高技能人才": {2020: 900}, "人才资源总量": {2020: 9.8}})


def _rows(case, indicator: str, year: int) -> pd.DataFrame:
    ind = pd.read_csv(case / "processed" / "indicators.csv", encoding="utf-8-sig")
    return ind[(ind["entity"] == "tonglu") & (ind["indicator_id"] == indicator) & (ind["year"] == year)
               & (ind["kind"] == "actual")]


def _checks(case) -> pd.DataFrame:
    checks = pd.read_csv(case / "processed" / "consistency_checks.csv", encoding="utf-8-sig")
    return checks[checks["entity"] == "tonglu"]


@pytest.mark.parametrize("year, total, yearly", [(2025, 6500, 1250), (2020, 4000, 900)])
def test_a_period_total_in_a_base_column_never_replaces_the_years_figure(case, year, total, yearly):
    rows = _rows(case, "new_high_skilled_talent", year)
    by_flag = {bool(c): v for c, v in zip(rows["cumulative"], rows["value"])}
    assert by_flag == {True: total, False: yearly}
    kept = rows[~rows["cumulative"].astype(bool)].iloc[0]
    assert kept["origin"] == "monitoring"


def test_a_period_total_is_checked_against_the_sum_of_its_years(case):
    checks = _checks(case)
    mine = checks[checks["indicator_id"] == "new_high_skilled_talent"]
    # never set against one year's value
    assert mine[mine["check"] == "same_observation"].empty
    total = mine[mine["check"] == "period_total"]
    assert len(total) == 1          # 2020's 〔4000〕 has no 2016–2019 figures to add up: not checked
    row = total.iloc[0]
    assert (row["status"], row["year"], row["table_value"], row["prose_value"]) == ("disagree", 2025, 6500, 5950)
    found = json.loads(row["explanation_values"])
    assert (found["first"], found["terms"], found["diff"]) == (2021, "1000+1200+1300+1200+1250", 550)
    # the workbook's rows 9-13: 人才资源总量 2020-2025 in rows 2-7, 新增高技能人才 2020 in row 8
    assert found["other_source"].endswith("监测2021-2025.xlsx!数据!E9,E10,E11,E12,E13")
    catalogue = load_catalogue(case / "config")
    zh = explanation_text(row["explanation_values"], words_for("zh", catalogue))
    assert "〔6500〕是2021—2025年的累计数（不是2025年当年值）；各年实际值之和为1000+1200+1300+1200+1250 = 5950人" in zh
    assert "相差+550人" in zh
    en = explanation_text(row["explanation_values"], words_for("en", catalogue))
    assert "is the total of 2021–2025 (not the 2025 value); the yearly actuals sum to 1000+1200+1300+1200+1250 = " \
           "5950" in en and "a difference of +550" in en


def test_the_workbook_is_the_actual_of_a_year_a_plan_judges(case):
    rows = _rows(case, "talent_total", 2025)
    assert len(rows) == 1
    assert (rows.iloc[0]["value"], rows.iloc[0]["origin"]) == (14.6, "monitoring")
    same = _checks(case)
    same = same[(same["check"] == "same_observation") & (same["indicator_id"] == "talent_total")
                & (same["year"] == 2025)].iloc[0]
    assert (same["status"], same["table_value"], same["prose_value"]) == ("disagree", 14.6, 15.2)
    outflow = _rows(case, "talent_outflow_rate", 2025)
    assert (outflow.iloc[0]["value"], outflow.iloc[0]["origin"]) == (6.2, "monitoring")


def test_a_plans_base_year_no_plan_judges_keeps_the_plans_figure(case):
    rows = _rows(case, "talent_total", 2020)
    assert len(rows) == 1
    assert (rows.iloc[0]["value"], rows.iloc[0]["origin"]) == (10, "table")
