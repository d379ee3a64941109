"""The ratio of a county's target to the province's, printed beside 是/否 (meets the province's target), never reads
as the other judgement (issue 18, lesser): main (f1f00a4) printed it at one place always, 100.0% beside 否 for a
target just short of the province's; the results workbook wrote 1.00 (format 0.00). The rounding rule is the one the
plan tables follow (helpers.core.formatting.places_beside, tests/analyse/test_figures_beside_judgements.py).

One county, 示例县, 十四五 (2020 → 2025), its plan with the province's 2025 column:

    indicator (direction)               target   province   ratio      meets   printed (at one place)
    高技能人才占技能劳动者比例 (higher)      34.986   35         0.9996     否      99.96%  (100.0%)
    人才流失率 (lower)                    5.002    5          1.0004     否      100.04% (100.0%)
    每千人口执业(助理)医师数 (higher)        4.4      4.3        1.02326    是      102.3%

In the workbook (0.00): 0.9996 is 1.00 and 1.000, 0.9996 at four places; 1.0004 is 1.00, 1.000, 1.0004 at four.
"""
import pandas as pd
import pytest

from helpers.report.chapters.province import province_table
from helpers.report.context import load_report_context
from helpers.report.results_workbook import _beside_judgement
from support.sample_counties import County, analysed_counties

OUTFLOW = {"id": "talent_outflow_rate", "name_zh": "人才流失率", "name_en": "Talent outflow rate", "unit": "%",
           "direction": "lower", "measure": "share", "definition": "当年流出人才占人才总量的比例。",
           "source_names": ["人才流失率"], "plausible": [0, 100],
           "comparability": {"status": "same", "reason": "口径一致。"}}
ROWS = [("高技能人才占技能劳动者比例", "%", "30", "34.986"), ("人才流失率", "%", "8", "5.002"),
        ("每千人口执业(助理)医师数", "人/千人", "4", "4.4")]
PROVINCE = ["35", "5", "4.3"]
ACTUALS = {"高技能人才占技能劳动者比例": ("%", (33, 34, 35)), "人才流失率": ("%", (7, 6, 5)),
           "每千人口执业(助理)医师数": ("人/千人", (4.2, 4.3, 4.4))}
IDS = ["high_skilled_share_of_skilled", "talent_outflow_rate", "physicians_per_1000"]


@pytest.fixture(scope="module")
def near(tmp_path_factory):
    county = County("county", "示例县", "Sample", "cell_per_line", ROWS, PROVINCE)
    monitoring = [["示例县", name, unit, year, value, None, "统计年报", None]
                  for name, (unit, values) in ACTUALS.items() for year, value in zip((2023, 2024, 2025), values)]
    root = analysed_counties(tmp_path_factory.mktemp("near"), [county], 2025, monitoring, indicators=[OUTFLOW])
    return load_report_context(root / "processed", root / "config", 2025, None, "zh")


def test_the_ratio_beside_meets_is_printed_on_its_side_of_100_percent(near):
    c = near.comparison[near.comparison["comparison"] == "county_vs_province"].set_index("indicator_id")
    assert [bool(c.loc[i, "target_meets_province"]) for i in IDS] == [False, False, True]
    rows = {row[1].text if hasattr(row[1], "text") else str(row[1]): row for row in province_table(near).rows}
    shown = {name: (str(row[4]), str(row[-1])) for name, row in rows.items()}
    assert sorted(shown.values()) == sorted([("否", "99.96%"), ("否", "100.04%"), ("是", "102.3%")]), shown


def test_the_results_workbook_writes_it_with_the_places(near):
    frame = near.comparison[near.comparison["comparison"] == "county_vs_province"].reset_index(drop=True)
    got = _beside_judgement(frame, near.inputs.catalogue)
    at = {i: k for k, i in enumerate(frame["indicator_id"])}
    assert got["target_ratio"] == {at["high_skilled_share_of_skilled"]: "0.0000", at["talent_outflow_rate"]: "0.0000"}
    assert _beside_judgement(pd.DataFrame({"comparison": ["county_vs_province"], "indicator_id": [IDS[2]],
                                           "target_ratio": [4.4 / 4.3], "latest_ratio": [1.0]}),
                             near.inputs.catalogue) == {}
