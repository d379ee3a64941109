"""An actual known only as a bound (a workbook's 比较符: >18.5, ≥17.9) is judged as a bound everywhere, not only in
the final evaluation (test_bounded_actuals): in the period (序时进度), in a 〔〕 target's sum, in the progress
category, the trend fits and the outlook. Never a 完成进度, 完成率 or gap from a bound; every bound printed with its
comparator. (issue 18, leftover 1 of the fifth closing note)

Worked by hand from 安吉's plan (base 2020, target 2025: 人才资源总量 14.5 → 20, 党政人才 0.3 → 0.5, 专业技术人才
3.3 → 5.1, 经营管理人才 5.9 → 7.2 万人). In 2023 the period is (2023 − 2020) ÷ (2025 − 2020) = 60% gone; the tolerance
is 5 points (config/method.yaml):
    人才资源总量 ≥17.9   完成进度 ≥ (17.9 − 14.5) ÷ 5.5 = 61.8%: on schedule or ahead, cannot tell   (main: 符合)
    人才资源总量 >18.5   完成进度 > (18.5 − 14.5) ÷ 5.5 = 72.7% (printed >72%: a lower bound rounds down), 12.7 points
                         ahead or more: 快于     (main: 72.7%)
    人才资源总量 <16     完成进度 < (16 − 14.5) ÷ 5.5 = 27.3%, 32.7 points behind or more: 慢于
    a target to hold, 0.3 → 0.3: >0.3 is held (every figure above 0.3 meets it); ≥0.28 cannot tell (main: 未保持)
    a base value ≥14.5 (2020): no 完成进度 at all, whatever the 2023 figure (main: judged from 14.5)
A 〔10〕 target (the sum of 2021–2025), yearly actuals 2, >2, 3 to 2023: the sum is >7, 70% or more of 10 against
60%: 快于, no 完成率 (main: 完成率 70%). At 2025 with 2, >2, 2, 2, 1.5 the sum is >9.5: 10 may or may not be reached,
not assessable (main: 未达标 95%); with 2, >2, 2, 2, 2 it is >10: met, still no 完成率; 2, >2, <2 … is no bound at all.
"""
import json

import pandas as pd
import pytest

from helpers.analyse import evaluation as ev
from helpers.analyse.growth import sum_comparator
from helpers.analyse.progress import plan_judgement
from helpers.core.wording import notes_text, words
from support.judging import anji_plan
from support.judging import observed as _observed
from support.judging import said as _said
from support.judging import target as _target


@pytest.fixture(scope="module")
def plan():
    return anji_plan()





def _codes(judged: dict) -> list[str]:
    return [n["code"] for n in json.loads(judged["evaluation_notes"] or "[]")]


def _no_figure_from_a_bound(judged: dict):
    assert judged["progress_share"] is None and judged["completion_rate"] is None
    assert judged["gap_to_target"] is None, judged


def test_a_lower_bound_that_may_be_on_schedule_or_ahead_is_not_judged(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 17.9, ">=")), _target(20), plan, 2023, "higher",
                            measure="count")
    _no_figure_from_a_bound(judged)
    assert judged["schedule_judgement"] is None and judged["schedule_share"] == pytest.approx(0.6)
    assert judged["evaluated_comparator"] == ">=" and _codes(judged) == ["period_bound"]
    assert ("2023年实际值记为≥17.9，只是一个界限，无法判断完成进度是否跟上序时进度（60%）；"
            "请在监测工作簿中填入2023年的确切值") in _said(judged, "zh")
    assert "the 2023 actual is recorded as at least 17.9, a bound: whether progress keeps pace" in _said(judged, "en")


def test_a_lower_bound_already_ahead_is_ahead_without_a_share(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 18.5, ">")), _target(20), plan, 2023, "higher",
                            measure="count")
    _no_figure_from_a_bound(judged)
    assert judged["schedule_judgement"] == ev.AHEAD and _codes(judged) == ["schedule_bound"]
    assert "截至2023年实际值记为>18.5（界限）：完成进度>72%，序时进度60%" in _said(judged, "zh")
    assert "the actual is recorded as more than 18.5, a bound: more than 72% of the planned change" in _said(judged,
                                                                                                          "en")


def test_an_upper_bound_already_behind_is_behind(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 16, "<")), _target(20), plan, 2023, "higher",
                            measure="count")
    _no_figure_from_a_bound(judged)
    assert judged["schedule_judgement"] == ev.BEHIND and "完成进度<28%" in _said(judged, "zh")


@pytest.mark.parametrize("value, comparator, judgement", [(0.3, ">", ev.HELD), (0.28, ">=", None),
                                                          (0.3, "=", ev.HELD), (0.28, "=", ev.NOT_HELD)])
def test_a_target_to_hold_is_held_only_where_every_figure_it_allows_holds_it(plan, value, comparator, judgement):
    judged = plan_judgement(_observed((2020, 0.3, "="), (2023, value, comparator)), _target(0.3), plan, 2023,
                            "higher", measure="count")
    assert judged["hold_target"] is True and judged["schedule_judgement"] == judgement
    if comparator == ">":
        assert "保持类目标：2023年实际值>0.3，目标0.3" in _said(judged, "zh")
    if judgement is None:
        assert _codes(judged) == ["period_bound"]


def test_a_base_value_that_is_a_bound_gives_no_share_of_the_way(plan):
    judged = plan_judgement(_observed((2020, 14.5, ">="), (2023, 17.9, "=")), _target(20), plan, 2023, "higher",
                            measure="count")
    assert judged["schedule_judgement"] is None and judged["progress_share"] is None
    assert "基期（2020年）实际值记为≥14.5，只是一个界限，无法计算完成进度" in _said(judged, "zh")
    assert "the base-year (2020) actual is recorded as at least 14.5, a bound" in _said(judged, "en")


def test_the_open_sdg_ratio_leaves_a_bound_out(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 17.9, ">=")), _target(20), plan, 2023, "higher",
                            measure="count")
    assert judged["sdg_progress_ratio"] is None and judged["sdg_progress_category"] == "not_assessable"
    sdg = notes_text(judged["sdg_notes"], words("zh"), "sdg_notes")
    assert "2023年实际值记为≥17.9，只是一个界限，无法计算增速" in sdg


# ------------------------------------------------------------------------------ a 〔〕 target's sum

def test_a_sum_with_a_bounded_term_is_a_bound_ahead_of_schedule(plan):
    judged = plan_judgement(_observed((2021, 2, "="), (2022, 2, ">"), (2023, 3, "=")), _target(10, True), plan,
                            2023, "higher", measure="count")
    _no_figure_from_a_bound(judged)
    assert (judged["evaluated_value"], judged["evaluated_comparator"]) == (7, ">")
    assert judged["schedule_judgement"] == ev.AHEAD
    assert "2021—2023年实际值之和 2 + >2 + 3 = >7" in _said(judged, "zh")
    assert "the sum of the 2021–2023 actuals, 2 + >2 + 3 = more than 7" in _said(judged, "en")


@pytest.mark.parametrize("last, met, value", [(1.5, None, 9.5), (2, True, 10)])
def test_a_sum_with_a_bounded_term_is_judged_as_a_bound_at_the_final_evaluation(plan, last, met, value):
    judged = plan_judgement(_observed((2021, 2, "="), (2022, 2, ">"), (2023, 2, "="), (2024, 2, "="),
                                      (2025, last, "=")), _target(10, True), plan, 2025, "higher", measure="count")
    _no_figure_from_a_bound(judged)
    assert judged["target_met"] is met and judged["evaluated_value"] == value
    if met is None:
        assert "2025年实际值记为>9.5，只是一个界限，无法判断是否达到2025年目标10" in _said(judged, "zh")


def test_a_sum_of_lower_and_upper_bounds_is_not_judged(plan):
    judged = plan_judgement(_observed((2021, 2, "="), (2022, 2, ">"), (2023, 2, "<")), _target(10, True), plan,
                            2023, "higher", measure="count")
    _no_figure_from_a_bound(judged)
    assert judged["evaluated_value"] is None and judged["schedule_judgement"] is None
    assert "2 + >2 + <2 中既有下限也有上限，其和无法确定" in _said(judged, "zh")


@pytest.mark.parametrize("comparators, summed", [(["=", "="], "="), (["=", ">="], ">="), ([">=", ">"], ">"),
                                                 (["<=", "="], "<="), (["<", "<="], "<"), ([">", "<"], None)])
def test_the_comparator_of_a_sum(comparators, summed):
    assert sum_comparator(comparators) == summed


def test_exact_actuals_are_judged_as_before(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 17.9, "=")), _target(20), plan, 2023, "higher",
                            measure="count")
    assert judged["progress_share"] == pytest.approx(3.4 / 5.5) and judged["schedule_judgement"] == ev.ON_SCHEDULE
    assert not pd.isna(judged["completion_rate"])


@pytest.mark.parametrize("base, latest, comparator, goal, direction, judgement", [
    (35, 36, "=", 30, "higher", ev.HELD),         # 保持在30以上 at 35, now 36: held (was 完成进度 −20%, 慢于)
    (35, 29, "=", 30, "higher", ev.NOT_HELD),     # fell under the floor
    (5.9, 4.0, "=", 6, "lower", ev.HELD),         # 控制在6以内 at 5.9, now 4.0: held (was −1900%, 慢于)
    (35, 36, ">", 30, "higher", ev.HELD),         # a bound above the floor holds it too
])
def test_a_target_already_met_at_the_base_is_held_not_behind(plan, base, latest, comparator, goal, direction,
                                                             judgement):
    """redteam4 R4-1: a floor below the base or a cap above it is a target to keep, judged held or not held."""
    judged = plan_judgement(_observed((2020, base, "="), (2023, latest, comparator)), _target(goal), plan, 2023,
                            direction, measure="count")
    assert judged["hold_target"] is True and judged["progress_share"] is None
    assert judged["schedule_judgement"] == judgement
