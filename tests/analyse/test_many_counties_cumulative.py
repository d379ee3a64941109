"""With many counties (more than config/method.yaml's many_counties = 6), each county is set against the median
of its peers and the province chapter gives the counties' median target: a five-year sum (〔〕) is only ever set
against five-year sums, and a level against levels, as comparison.csv does for its marks.

Seven counties, written below as their plans write their tables (both layouts, helpers.synthetic.plan_document),
十四五 (2020 → 2025), two indicators; the cell_per_line plans carry the province's 2025 targets, 410 and ≥4.3:

    county                  示例1  示例2  示例3  示例4  示例5   示例6   示例7
    高技能人才 (万人) 2020     2      2      2      2      2       2       2
                     2025    3      4      5      6      〔1〕    〔2〕    〔3〕
    医师数 (人/千人)   2020     4      4      4      4      4       4       4
                     2025    ≥5     5      5      3      〔1〕    〔1〕    〔1〕

Worked by hand:
    示例1's peers' levels   4, 5, 6           → median 5     (all six peers mixed: 4, 5, 6, 1, 2, 3 → 3.5)
    示例5's peers' sums     2, 3              → median 2.5   (mixed: 3, 4, 5, 6, 2, 3 → 3.5)
    the counties' median level target, beside the province's level: 3, 4, 5, 6 → 4.5, lowest 示例1 3, highest 示例4 6
    (mixed: 1, 2, 3, 3, 4, 5, 6 → 3, lowest 示例5 1)
    医师数 against the province's level ≥4.3: of the four level targets ≥5, 5, 5 reach it and 3 does not → 3/4
    (the three sums are not set against a level: not 3/7); the table prints each bound as a bound, ≥4.3 and
    highest 示例1 ≥5 (redteam5 R5-04: was 4.3 and 5)
"""
import pytest

from helpers.report import chapters
from helpers.report.context import load_report_context
from support.sample_counties import analysed_counties, numbered

TARGETS = ["3", "4", "5", "6", "〔1〕", "〔2〕", "〔3〕"]
PHYSICIANS = ["≥5", "5", "5", "3", "〔1〕", "〔1〕", "〔1〕"]
PROVINCE = ["410", "≥4.3"]


@pytest.fixture(scope="module")
def seven(tmp_path_factory):
    counties = []
    for i, (target, physicians) in enumerate(zip(TARGETS, PHYSICIANS), 1):
        layout = "cell_per_line" if i % 2 else "word_tab_cells"
        cell = (lambda c: c) if layout == "word_tab_cells" else (lambda c: c.replace("〔", "[").replace("〕", "]"))
        counties.append(numbered(i, layout, [("高技能人才", "万人", "2", cell(target)),
                                             ("每千人口执业(助理)医师数", "人/千人", "4", cell(physicians))],
                                 province=PROVINCE if layout == "cell_per_line" else None))
    root = analysed_counties(tmp_path_factory.mktemp("seven"), counties, 2020)
    return load_report_context(root / "processed", root / "config", 2020, None, "zh")


def test_the_cumulative_targets_are_read_as_such(seven):
    p = seven.progress[seven.progress["indicator_id"] == "high_skilled_talent"].set_index("entity")
    assert p["target_value"].tolist() == [3, 4, 5, 6, 1, 2, 3]
    assert p["target_cumulative"].tolist() == [False] * 4 + [True] * 3


def test_a_county_is_set_against_the_median_of_its_peers_targets_of_the_same_kind(seven):
    c = seven.comparison
    peers = c[(c["comparison"] == "county_vs_peers") & (c["indicator_id"] == "high_skilled_talent")]
    peers = peers.set_index("entity")
    assert peers.loc["county1", "other_target_value"] == 5          # 4, 5, 6
    assert peers.loc["county1", "target_ratio"] == pytest.approx(3 / 5)
    assert peers.loc["county5", "other_target_value"] == 2.5        # 〔2〕, 〔3〕
    assert peers.loc["county5", "target_ratio"] == pytest.approx(1 / 2.5)
    assert peers["other_target_cumulative"].tolist() == [False] * 4 + [True] * 3


def test_the_counties_median_target_beside_the_province_is_of_levels_only(seven):
    table = chapters.province.province_many_table(seven)
    rows = [dict(zip([col.label for col in table.columns], row)) for row in table.rows]
    skilled, physicians = rows
    assert skilled["县市目标中位数"] == "4.5"
    assert skilled["最低"] == "示例1县 3" and skilled["最高"] == "示例4县 6"
    assert physicians["对照"] == "3/4个县市目标达到省目标要求"
    assert physicians["县市目标中位数"] == "5" and physicians["最低"] == "示例4县 3"
    assert physicians["省目标"] == "≥4.3" and physicians["最高"] == "示例1县 ≥5"
    notes = chapters.province.province_section(seven).blocks[-1]["entries"]
    assert "〔〕内的五年累计目标只与累计目标相比，不与年度水平相比。" in notes
