"""A bound's number is rounded toward the bound, never past it: one rule (helpers.core.formatting.toward_bound) for
every place a bound is printed, the report's tables (report.blocks.value_text), the notes in either language (the
wording pairs {value_comparator}/{progress_comparator} with the number after it), the sum of a 〔〕 target, the
notebooks' tables. Rounded the usual way, a lower bound of 完成进度 (4 ÷ 5.5 = 72.73%) was printed >73%, which says
72.8% is too little; and a workbook's >3899.75 against a target of 3,900 was printed >3,900, which reads as met
where the verdict is "cannot be told". A target is the plan's threshold, not a bound: printed as before.

Worked by hand (a lower bound, > or ≥, rounds down; an upper bound, < or ≤, rounds up):
    完成进度 > (18.5 − 14.5) ÷ (20 − 14.5) = 72.727…%   shown to 0 places: >72%   (main: >73%)
    完成进度 < (16 − 14.5) ÷ (20 − 14.5) = 27.272…%     shown to 0 places: <28%   (main: <27%)
    > 3899.75 at four significant digits: 3,899 (main: 3,900); < 123.44: 123.5 (main: 123.4); ≥ 19.9: 19.9
    > 19.999999 at six (the notes' {value:g}): 19.9999 (main: 20, against a target of 20 "cannot be told")
    a sum 2 + >2.1234567 + 3 = >7.1234567 at six: terms 2 + >2.12345 + 3, sum >7.12345 (main: 2.12346, 7.12346)
"""
import json
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.analyse.progress import plan_judgement
from helpers.core import formatting
from helpers.core.config import load_catalogue
from helpers.core.wording import notes_text, words
from helpers.report import blocks
from helpers.report.blocks import value_text, year_value_text
from helpers.report.context import ReportContext
from support.judging import anji_plan
from support.judging import observed as _observed
from support.judging import said as _said
from support.judging import target as _target


@pytest.fixture(scope="module", params=["zh", "en"])
def ctx(request):
    return ReportContext(SimpleNamespace(catalogue=load_catalogue()), request.param, None, None, None, None)


@pytest.mark.parametrize("value, comparator, decimals, rounded", [
    (72.7272, ">", 0, 72), (72.7272, ">=", 1, 72.7), (27.2727, "<", 0, 28), (27.2727, "<=", 1, 27.3),
    (19.9, ">", 1, 19.9), (-3.45, ">", 1, -3.5), (-3.45, "<", 1, -3.4), (161447, ">", -3, 161000),
    (161447, "<", -3, 162000), (72.7272, "=", 0, 72.7272), (72.7272, None, 0, 72.7272)])
def test_the_one_rule_rounds_a_lower_bound_down_and_an_upper_bound_up(value, comparator, decimals, rounded):
    assert formatting.toward_bound(value, comparator, decimals) == pytest.approx(rounded, abs=1e-12)


@pytest.mark.parametrize("value, comparator, shown", [
    (3899.75, ">", ">3,899"), (3899.75, ">=", "≥3,899"), (123.44, "<", "<123.5"), (123.44, "<=", "≤123.5"),
    (19.9, ">=", "≥19.9"), (0.30949, ">", ">0.3094"), (9999.6, "<", "<10,000"), (3899.75, "=", "3,900")])
def test_the_report_prints_a_bound_rounded_toward_it(ctx, value, comparator, shown):
    assert value_text(ctx, value, comparator) == shown
    assert year_value_text(ctx, 2025, value, comparator) == f"2025: {shown}"


def test_a_target_is_printed_as_the_plans_threshold(ctx):
    # a target's comparator says how it is judged, not that its number is unknown: >3899.75 is a target of 3,900
    assert blocks.target_text(ctx, 3899.75, ">") == ">3,900" and blocks.target_text(ctx, 35, ">=") == "≥35"
    assert blocks.target_text(ctx, None, ">") == "—"


def test_a_bounds_share_is_rounded_toward_it():
    percent, number = formatting.percent, formatting.number
    assert percent(4 / 5.5, comparator=">") == "72.7%" and percent(0.72777, comparator=">=") == "72.7%"
    assert percent(1.5 / 5.5, comparator="<") == "27.3%" and percent(0.72777) == "72.8%"
    assert number(161447.5, comparator=">") == "161,447" and number(0.000012349, comparator=">") == "0.00001234"


# ------------------------------------------------------------------------------ the notes, in either language

@pytest.fixture(scope="module")
def plan():
    return anji_plan()





def test_a_lower_bound_of_the_share_of_the_way_is_rounded_down(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 18.5, ">")), _target(20), plan, 2023, "higher",
                            measure="count")
    assert "完成进度>72%，序时进度60%" in _said(judged, "zh")
    assert "more than 72% of the planned change done in 60% of the period" in _said(judged, "en")


def test_an_upper_bound_of_the_share_of_the_way_is_rounded_up(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2023, 16, "<")), _target(20), plan, 2023, "higher",
                            measure="count")
    assert "完成进度<28%" in _said(judged, "zh") and "less than 28% of the planned change" in _said(judged, "en")


def test_a_bound_just_under_the_target_is_never_written_as_the_target(plan):
    judged = plan_judgement(_observed((2020, 14.5, "="), (2025, 19.999999, ">")), _target(20), plan, 2025, "higher",
                            measure="count")
    assert judged["target_met"] is None
    assert "2025年实际值记为>19.9999，只是一个界限，无法判断是否达到2025年目标20" in _said(judged, "zh")
    assert "recorded as more than 19.9999, a bound: whether it meets the 2025 target of 20" in _said(judged, "en")


def test_a_sum_with_a_bounded_term_is_rounded_toward_its_bound(plan):
    judged = plan_judgement(_observed((2021, 2, "="), (2022, 2.1234567, ">"), (2023, 3, "=")), _target(10, True),
                            plan, 2023, "higher",
                            measure="count")
    assert "2021—2023年实际值之和 2 + >2.12345 + 3 = >7.12345" in _said(judged, "zh")


def test_a_figure_in_a_note_is_rounded_as_every_number():
    # the same note with an exact actual: {value:g} as before
    said = words("zh").describe("evaluation_notes.hold", {"year": 2023, "value": 19.999999, "value_comparator": "=",
                                                          "target": 20, "target_comparator": "="})
    assert said == "保持类目标：2023年实际值20，目标20"


def test_the_html_notes_round_alike():
    note = {"code": "schedule_bound", "year": 2023, "value": 18.5, "value_comparator": ">", "progress": 4 / 5.5,
            "schedule": 0.6, "progress_comparator": ">"}
    html = words("zh").describe("evaluation_notes.schedule_bound", {k: v for k, v in note.items() if k != "code"},
                                html=True)
    assert "完成进度&gt;72%" in str(html)
    assert "完成进度>72%" in notes_text(json.dumps([note]), words("zh"), "evaluation_notes")


# ------------------------------------------------------------------------------ the notebooks' tables

def test_the_notebook_tables_round_a_bound_alike():
    from helpers.analyse.views import _signed
    assert _signed(pd.Series([3899.75, 3899.75, None]), pd.Series([">", "=", ">"])) == [">3,899", "3,900", ""]
