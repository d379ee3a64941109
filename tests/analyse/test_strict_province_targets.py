"""A provincial target that must be passed (>35, or <5 where less is better) is reached only by what passes it: the
county's actual and its plan's target are each set against it with both comparators (growth.bound_meets_target,
growth.target_meets_target), as the final evaluation judges a county's own strict target (redteam11 finding 1:
35 was counted as reaching >35, in the brief's "1/1项达到" and the results workbook's 是).

One county, 示例县, 十四五 (2020 → 2025), its plan in the cell_per_line layout with the province's 2025 column
(helpers.synthetic.plan_document), and its 2023–2025 actuals in a monitoring workbook:

    indicator (direction)             county target   province   2025 actual
    高技能人才占技能劳动者比例 (higher)    ≥35             >35        35
    人才流失率 (lower)                  5               <5         5
    每千人口执业(助理)医师数 (higher)      >4.3            >4.3       4.4

Worked by hand:
    高技能人才   actual 35 does not pass 35                                 → not reached
                 target ≥35 allows 35, which does not meet >35             → the target does not meet the province's
    人才流失率   actual 5 is not below 5                                    → not reached
                 target 5 (at most 5) allows 5, which is not below 5       → does not meet
    医师数       actual 4.4 > 4.3                                           → reached
                 target >4.3 against >4.3: every figure above 4.3 passes   → meets
    → the brief: 1 of 3 actuals reach the provincial targets, 2 of 3 targets fall short of them.
On main before the fix: 3/3 reached and every target meeting (the comparators were ignored).
"""
import pytest

from helpers.analyse.growth import bound_meets_target, target_meets_target
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.sample_counties import County, analysed_counties

OUTFLOW = {"id": "talent_outflow_rate", "name_zh": "人才流失率", "name_en": "Talent outflow rate", "unit": "%",
           "direction": "lower", "measure": "share", "definition": "当年流出人才占人才总量的比例。",
           "source_names": ["人才流失率"], "plausible": [0, 100],
           "comparability": {"status": "same", "reason": "口径一致。"}}

ROWS = [("高技能人才占技能劳动者比例", "%", "30", "≥35"), ("人才流失率", "%", "8", "5"),
        ("每千人口执业(助理)医师数", "人/千人", "4", ">4.3")]
PROVINCE = [">35", "<5", ">4.3"]
ACTUALS = {"高技能人才占技能劳动者比例": ("%", (33, 34, 35)), "人才流失率": ("%", (7, 6, 5)),
           "每千人口执业(助理)医师数": ("人/千人", (4.2, 4.3, 4.4))}


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    county = County("county", "示例县", "Sample", "cell_per_line", ROWS, PROVINCE)
    monitoring = [["示例县", name, unit, year, value, None, "统计年报", None]
                  for name, (unit, values) in ACTUALS.items() for year, value in zip((2023, 2024, 2025), values)]
    return analysed_counties(tmp_path_factory.mktemp("strict"), [county], 2025, monitoring, indicators=[OUTFLOW])


def _context(root, lang="zh"):
    return load_report_context(root / "processed", root / "config", 2025, None, lang)


def test_the_plan_is_read_with_its_comparators(strict):
    c = _context(strict).comparison.set_index("indicator_id")
    columns = ["target_value", "target_comparator", "other_value", "other_comparator", "latest_value"]
    assert c.loc["high_skilled_share_of_skilled", columns].tolist() == [35, ">=", 35, ">", 35]
    assert c.loc["talent_outflow_rate", ["target_value", "other_value", "other_comparator", "latest_value"]].tolist() \
        == [5, 5, "<", 5]


@pytest.mark.parametrize("indicator, latest, target", [
    ("high_skilled_share_of_skilled", False, False),     # 35 against >35; ≥35 against >35
    ("talent_outflow_rate", False, False),               # 5 against <5; 5 against <5 (less is better)
    ("physicians_per_1000", True, True),                 # 4.4 against >4.3; >4.3 against >4.3
])
def test_a_strict_provincial_target_is_reached_only_by_what_passes_it(strict, indicator, latest, target):
    c = _context(strict).comparison.set_index("indicator_id")
    assert (bool(c.loc[indicator, "latest_meets_province"]), bool(c.loc[indicator, "target_meets_province"])) \
        == (latest, target)


def test_the_brief_counts_only_what_passes_the_provincial_target(strict):
    zh = executive_summary(_context(strict), "brief")
    assert any("2025年实际值对照省委目标：示例县1/3项达到。" in s for s in zh), zh
    en = executive_summary(_context(strict, "en"), "brief")
    assert any("2025 actuals against the provincial targets: Sample reaches 1 of 3." in s for s in en), en


@pytest.mark.parametrize("target, comparator, other, other_comparator, direction, expected", [
    (35, "=", 35, ">", "higher", False),      # 35 meets a target of 35, not >35
    (35, ">=", 35, ">", "higher", False),
    (35, ">", 35, ">", "higher", True),
    (35.5, "=", 35, ">", "higher", True),
    (35, "=", 35, "=", "higher", True),       # as before: a plain target against a plain one
    (34, "=", 35, "=", "higher", False),
    (34, ">", 35, ">=", "higher", False),     # >34 allows 34.5, short of ≥35
    (5, "=", 5, "<", "lower", False),         # at most 5 allows 5, which is not below 5
    (5, "<=", 5, "<", "lower", False),
    (5, "<", 5, "<", "lower", True),
    (4.9, "=", 5, "<", "lower", True),
    (6, "=", 5, "=", "lower", False),
])
def test_a_target_meets_another_only_where_every_figure_meeting_it_does(target, comparator, other, other_comparator,
                                                                        direction, expected):
    assert target_meets_target(target, comparator, other, other_comparator, direction) is expected


@pytest.mark.parametrize("value, comparator, other, other_comparator, direction, expected", [
    (35, "=", 35, ">", "higher", False), (35.1, "=", 35, ">", "higher", True), (35, "=", 35, "=", "higher", True),
    (5, "=", 5, "<", "lower", False), (4.9, "=", 5, "<", "lower", True), (5, "=", 5, "=", "lower", True),
    (35, ">", 35, ">", "higher", True), (35, ">=", 35, ">", "higher", None),
])
def test_an_actual_reaches_a_strict_target_only_by_passing_it(value, comparator, other, other_comparator, direction,
                                                             expected):
    assert bound_meets_target(value, comparator, other, other_comparator, direction) is expected
