"""Two plan targets the judgement got wrong (redteam5, issue 18).

R5-01: a 〔〕 target (五年累计数) on a level (catalogue measure total, share or rate: 高技能人才 万人, where the
workbook holds each year's level) is the change the plan asks over the period, judged on the change since the base
year, never on the sum of the years' levels. Worked by hand on 安吉's 十四五 (base 2020, target 2025), base level
2 万人, target 〔1〕, levels 2.1, 2.2, 2.4, 2.5, 2.75 (2021–2025):
    2025 (final): change 2.75 − 2 = 0.75 against 1: missed, 完成率 75%, gap −0.25
                  (main: the sum 2.1 + 2.2 + 2.4 + 2.5 + 2.75 = 11.95, 达标, 完成率 1195%)
    2023:         change 2.4 − 2 = 0.4: 完成进度 40% against 序时进度 (2023 − 2020) ÷ 5 = 60%: 20 points behind, 慢于
                  (main: 2.1 + 2.2 + 2.4 = 6.7, 670%, 快于)
    no 2020 level: not assessable, the note asks for it (main: judged on the sum).
A count's 〔〕 (新增…: the year's new ones) is still the sum: 1 + 0 + 1 + 1 + 1 = 4 against 〔3〕: met, 完成率 133%.

R5-02: a strict target on the base value itself (>0.3 from 0.3, <8 from 8, lower is better) asks for any change the
good way: target − base is 0, so there is no 完成进度 (main: TypeError in schedule_judgement, no report for any year
of the period). Judged as any target already met in the period is (its share would be 100% or more: 快于), or not
yet met (慢于): 2023 0.35 > 0.3 快于; 0.3 is not > 0.3 慢于; 7.5 < 8 快于; 8.2 慢于.
"""
import json

import pytest

from helpers.analyse import evaluation as ev
from helpers.analyse.progress import plan_judgement
from helpers.core.wording import notes_text, words
from support.judging import anji_plan
from support.judging import said as _said
from support.judging import target as _target

LEVELS = {2020: 2.0, 2021: 2.1, 2022: 2.2, 2023: 2.4, 2024: 2.5, 2025: 2.75}


@pytest.fixture(scope="module")
def plan():
    return anji_plan()


def _observed(values: dict, up_to: int) -> list[dict]:
    return [{"year": y, "value": v, "comparator": "=", "kind": "actual"} for y, v in values.items() if y <= up_to]




def _codes(judged: dict) -> list[str]:
    return [n["code"] for n in json.loads(judged["evaluation_notes"] or "[]")]


@pytest.mark.parametrize("measure", ["total", "share", "rate"])
def test_a_cumulative_target_on_a_level_is_judged_on_the_change_at_the_final_evaluation(plan, measure):
    judged = plan_judgement(_observed(LEVELS, 2025), _target(1, cumulative=True), plan, 2025, "higher",
                            measure=measure)
    assert judged["target_met"] is False
    assert judged["evaluated_value"] == pytest.approx(0.75) and judged["base_value"] == 2
    assert judged["completion_rate"] == pytest.approx(0.75) and judged["gap_to_target"] == pytest.approx(-0.25)
    assert "按2020年以来的增量评价，2025年2.75 − 2020年2 = +0.75" in _said(judged, "zh")
    assert "judged on the change since 2020, the 2025 value 2.75 − the 2020 value 2 = +0.75" in _said(judged, "en")


def test_a_cumulative_target_on_a_level_is_behind_in_the_period(plan):
    judged = plan_judgement(_observed(LEVELS, 2023), _target(1, cumulative=True), plan, 2023, "higher",
                            measure="total")
    assert judged["progress_share"] == pytest.approx(0.4) and judged["schedule_share"] == pytest.approx(0.6)
    assert judged["schedule_judgement"] == ev.BEHIND and judged["evaluated_value"] == pytest.approx(0.4)


def test_a_cumulative_target_on_a_level_without_its_base_is_not_judged(plan):
    levels = {y: v for y, v in LEVELS.items() if y != 2020}
    judged = plan_judgement(_observed(levels, 2025), _target(1, cumulative=True), plan, 2025, "higher",
                            measure="total")
    assert judged["target_met"] is None and judged["evaluated_value"] is None and _codes(judged) == ["change_no_base"]
    assert "缺少2020年值，无法评价" in _said(judged, "zh")
    assert "no 2020 value, so it cannot be judged" in _said(judged, "en")


def test_a_cumulative_target_on_a_count_is_still_the_sum(plan):
    additions = {2021: 1.0, 2022: 0.0, 2023: 1.0, 2024: 1.0, 2025: 1.0}
    judged = plan_judgement(_observed(additions, 2025), _target(3, cumulative=True), plan, 2025, "higher",
                            measure="count")
    assert judged["target_met"] is True and judged["evaluated_value"] == 4
    assert judged["completion_rate"] == pytest.approx(4 / 3)


@pytest.mark.parametrize("base, value, comparator, direction, judgement, code", [
    (0.3, 0.35, ">", "higher", ev.AHEAD, "strict_on_base_met"),
    (0.3, 0.3, ">", "higher", ev.BEHIND, "strict_on_base_not_met"),
    (8, 7.5, "<", "lower", ev.AHEAD, "strict_on_base_met"),
    (8, 8.2, "<", "lower", ev.BEHIND, "strict_on_base_not_met"),
])
def test_a_strict_target_on_its_base_is_judged_in_the_period(plan, base, value, comparator, direction, judgement,
                                                             code):
    judged = plan_judgement(_observed({2020: base, 2023: value}, 2023), _target(base, comparator=comparator), plan,
                            2023, direction, measure="total")
    assert judged["hold_target"] is False and judged["progress_share"] is None
    assert judged["schedule_judgement"] == judgement and _codes(judged) == [code]
    zh, en = _said(judged, "zh"), _said(judged, "en")
    assert f"目标{comparator}{base:g}只要求越过基期值" in zh and f"2023年实际值{value:g}" in zh
    assert ("已达到目标，计为快于序时进度" if judgement == ev.AHEAD else "尚未达到目标，计为慢于序时进度") in zh
    assert ("already meets it: ahead of schedule" if judgement == ev.AHEAD else "does not meet it yet: behind") in en


@pytest.mark.parametrize("value, bound, judgement, code", [
    (0.31, ">", ev.AHEAD, "strict_on_base_met"),          # every figure above 0.31 passes 0.3
    (0.3, "<", ev.BEHIND, "strict_on_base_not_met"),      # no figure below 0.3 passes it
    (0.3, ">=", None, "period_bound"),                    # 0.3 itself does not, 0.32 does: cannot tell
])
def test_a_strict_target_on_its_base_against_an_actual_that_is_a_bound(plan, value, bound, judgement, code):
    observed = [{"year": 2020, "value": 0.3, "comparator": "=", "kind": "actual"},
                {"year": 2023, "value": value, "comparator": bound, "kind": "actual"}]
    judged = plan_judgement(observed, _target(0.3, comparator=">"), plan, 2023, "higher", measure="total")
    assert judged["schedule_judgement"] == judgement and _codes(judged) == [code]
    if judgement is not None:
        assert f"2023年实际值{'>' if bound == '>' else '<'}{value:g}" in _said(judged, "zh")


def test_the_sdg_ratio_of_a_strict_target_on_its_base_says_why_there_is_none(plan):
    judged = plan_judgement(_observed({2020: 0.3, 2023: 0.29}, 2023), _target(0.3, comparator=">"), plan, 2023,
                            "higher", measure="total")
    assert judged["sdg_progress_ratio"] is None
    assert json.loads(judged["sdg_notes"]) == [{"code": "strict_on_base"}]
    assert notes_text(judged["sdg_notes"], words("zh"), "sdg_notes") == "目标只要求越过基期值：所需增速为0，无比值可算"
