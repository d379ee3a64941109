"""A 〔〕 target on an indicator where less is better is a cap, judged as one in the period (redteam6 finding 1,
issue 18: main judged it as if more were better).

Where less is better, 〔7000〕 asks that the sum (a count's yearly new ones) or the change since the base year (a
level) stay within 7000. Nothing added yet (0) already meets it, so it is a target to hold, as a level's cap above its
base is (控制在6以内 at 5.9): held while within it, not held once past it; no 完成进度 (a share of a cap is no
progress) and, in the period, no 完成率. Worked by hand on 安吉's 十四五 (base 2020, target 2025; 序时进度 in 2023
(2023 − 2020) ÷ 5 = 60%):

  sum, 3000 a year 2021–2023: 9000 > 7000, past the cap in year 3 of 5; the yearly new ones are never negative, so
       the sum only grows: not held, the target can no longer be met.
       (main: 完成进度 9000 ÷ 7000 = 129% against 60%: 快于序时进度)
  sum, 500 a year: 1500 ≤ 7000: held. (main: 1500 ÷ 7000 = 21% against 60%: 慢于, and 完成率 7000 ÷ 1500 = 467%)
  sum, 3000 + >3000 + 3000 = >9000 (a bound): every sum it allows is past the cap: not held. (main: 快于)
  sum at 2025, 1300 + 1400 + 1500 + 1400 + 1500 = 7100 > 7000: missed (as on main), 完成率 7000 ÷ 7100 = 98.6%
       (as on main), no 完成进度 (main: 7100 ÷ 7000 = 101.4%, which reads as more than done).
  change, 党政人才 〔0.05〕 from 0.28 (2020): 2023 at 0.25, change −0.03 ≤ 0.05: held (main: 完成进度 −0.03 ÷ 0.05 =
       −60%: 慢于); at 0.30, +0.02 ≤ 0.05: held (main: 40%, 慢于); at 0.34, +0.06 > 0.05: not held, but the level
       can still come down (main: 120%, 快于). At 2025, 0.32: +0.04, met, no 完成率 (main: 0.04 ÷ 0.05 = 80%, beside
       达标); 0.34: +0.06, missed.
Where more is better nothing changes here: 〔7000〕 at 9000 by 2023 is 129%, 快于 (its schedule judgement; its
verdict, the target already met, is 已达目标: tests/report/test_met_before_the_target_year.py;
tests/analyse/test_cumulative_levels_and_strict_targets.py has the rest).
"""
import json

import pytest

from helpers.analyse import evaluation as ev
from helpers.analyse.progress import plan_judgement, verdict
from support.judging import anji_plan, observed
from support.judging import said as _said
from support.judging import target as _target


@pytest.fixture(scope="module")
def plan():
    return anji_plan()


def _yearly(*values, first=2021) -> list[dict]:
    return observed(*((first + i, float(str(v).lstrip("<>")), ">" if str(v).startswith(">") else "=")
                      for i, v in enumerate(values)))


def _codes(judged: dict) -> list[str]:
    return [n["code"] for n in json.loads(judged["evaluation_notes"] or "[]")]


def _judge(values, year, plan, goal=7000, measure="count", direction="lower", first=2021):
    return plan_judgement(_yearly(*values, first=first), _target(goal, cumulative=True), plan, year, direction,
                          measure=measure)


def test_a_sum_past_its_cap_in_the_period_can_no_longer_be_met(plan):
    judged = _judge([3000, 3000, 3000], 2023, plan)
    assert judged["schedule_judgement"] == ev.NOT_HELD and judged["hold_target"] is True
    assert judged["evaluated_value"] == 9000 and judged["gap_to_target"] == 2000
    assert judged["progress_share"] is None and judged["completion_rate"] is None
    assert verdict(judged["plan_phase"], judged["target_met"], judged["schedule_judgement"], "") == ev.NOT_HELD
    assert _codes(judged) == ["cap_sum_exceeded"]
    assert ("累计上限〔7,000〕（越少越好）：2021—2023年实际值之和 3,000 + 3,000 + 3,000 = 9,000，已超出上限，未保持；"
            "各年新增数不会为负，之和只增不减，这一目标已无法实现") in _said(judged, "zh")
    assert "is already past it: not held; the yearly new ones are never negative, so the sum only grows and this " \
           "target can no longer be met" in _said(judged, "en")


def test_a_sum_well_within_its_cap_in_the_period_is_held_not_behind(plan):
    judged = _judge([500, 500, 500], 2023, plan)
    assert judged["schedule_judgement"] == ev.HELD
    assert judged["progress_share"] is None and judged["completion_rate"] is None   # main: 0.214 and 4.67
    assert judged["gap_to_target"] == -5500 and judged["schedule_share"] == pytest.approx(0.6)
    assert _codes(judged) == ["cap_sum_held"]
    assert "仍在上限以内，保持；上限类目标只判断是否保持在上限以内，不计完成进度和完成率" in _said(judged, "zh")
    assert "is still within it: held; a cap is judged only on whether it is kept" in _said(judged, "en")


@pytest.mark.parametrize("values, year, pace, projected, pass_year", [
    # 2,000 a year 2021–2022: 4,000, held; 2,000 × 5 = 10,000 > 7,000; 2,000 × 3 = 6,000 is within it, 2,000 × 4
    # = 8,000 is not: passed in 2020 + 4 = 2024
    ([2000, 2000], 2022, 2000, 10000, 2024),
    # 1,500 a year 2021–2023: 4,500, held; 1,500 × 5 = 7,500 > 7,000; × 4 = 6,000 within: passed in 2025
    ([1500, 1500, 1500], 2023, 1500, 7500, 2025),
    # 1,000 then 3,000: 4,000 in 2 years, 2,000 a year on average: as the first case
    ([1000, 3000], 2022, 2000, 10000, 2024),
])
def test_a_cap_used_up_faster_than_the_period_allows_says_the_year_it_is_passed(plan, values, year, pace, projected,
                                                                                 pass_year):
    judged = _judge(values, year, plan)
    assert judged["schedule_judgement"] == ev.HELD and judged["progress_share"] is None    # still held
    [note] = json.loads(judged["evaluation_notes"])
    assert note["code"] == "cap_sum_pace"
    assert (note["pace"], note["projected"], note["pass_year"], note["period_years"]) == (pace, projected,
                                                                                           pass_year, 5)
    total = sum(values)
    assert (f"= {total:,}，仍在上限以内，保持；但年均{pace:,}，用得快于规划期所容许的速度：照此速度5年合计"
            f"{projected:,}，将于{pass_year}年超出上限") in _said(judged, "zh")
    assert (f"is still within it: held; but at {pace:,} a year it is being used up faster than the period allows: "
            f"at this pace the 5 years add up to {projected:,}, and the cap is passed in {pass_year}") in \
        _said(judged, "en")


@pytest.mark.parametrize("values, year", [
    ([1400, 1400], 2022),          # 1,400 × 5 = 7,000: exactly the cap, within it
    ([500, 500, 500], 2023),       # 500 × 5 = 2,500
])
def test_a_cap_used_at_a_pace_that_keeps_within_it_is_held_without_a_warning(plan, values, year):
    assert _codes(_judge(values, year, plan)) == ["cap_sum_held"]


def test_a_sum_that_is_a_bound_past_the_cap_is_not_held(plan):
    judged = _judge([3000, ">3000", 3000], 2023, plan)
    assert judged["evaluated_comparator"] == ">" and judged["schedule_judgement"] == ev.NOT_HELD
    assert _codes(judged) == ["cap_sum_exceeded"] and "= >9,000，已超出上限" in _said(judged, "zh")


def test_a_sum_against_its_cap_at_the_target_year_is_met_or_missed_with_no_share_of_the_way(plan):
    judged = _judge([1300, 1400, 1500, 1400, 1500], 2025, plan)
    assert judged["target_met"] is False and judged["evaluated_value"] == 7100
    assert judged["completion_rate"] == pytest.approx(7000 / 7100) and judged["progress_share"] is None
    assert _codes(judged) == ["cumulative_sum", "cap_sum_final"]
    assert "完成率 = 上限 ÷ 实际值之和" in _said(judged, "zh")
    met = _judge([1300, 1400, 1500, 1400, 1300], 2025, plan)    # 6900 ≤ 7000
    assert met["target_met"] is True and met["completion_rate"] == pytest.approx(7000 / 6900)


@pytest.mark.parametrize("level, judgement, code", [(0.25, ev.HELD, "cap_change_held"),
                                                    (0.30, ev.HELD, "cap_change_held"),
                                                    (0.34, ev.NOT_HELD, "cap_change_exceeded")])
def test_a_cap_on_a_levels_change_is_held_or_not_in_the_period(plan, level, judgement, code):
    judged = _judge([0.28, 0.28, 0.28, level], 2023, plan, goal=0.05, measure="total", first=2020)
    assert judged["evaluated_value"] == pytest.approx(level - 0.28)
    assert judged["schedule_judgement"] == judgement and judged["hold_target"] is True
    assert judged["progress_share"] is None and judged["completion_rate"] is None
    assert _codes(judged) == ["cumulative_change", code]
    if code == "cap_change_exceeded":
        assert "存量仍可回落，2025年增量回到上限以内即为达标" in _said(judged, "zh")
        assert "the level can still come down" in _said(judged, "en")


@pytest.mark.parametrize("level, met", [(0.32, True), (0.34, False)])
def test_a_cap_on_a_levels_change_at_the_target_year(plan, level, met):
    judged = _judge([0.28, 0.28, 0.28, 0.28, 0.28, level], 2025, plan, goal=0.05, measure="total", first=2020)
    assert judged["target_met"] is met and judged["completion_rate"] is None and judged["progress_share"] is None
    assert _codes(judged) == ["cumulative_change", "cap_change_final"]


def test_more_is_better_is_unchanged(plan):
    judged = _judge([3000, 3000, 3000], 2023, plan, direction="higher")
    assert judged["progress_share"] == pytest.approx(9000 / 7000) and judged["schedule_judgement"] == ev.AHEAD
    assert judged["hold_target"] is None and _codes(judged) == ["cumulative_sum"]
