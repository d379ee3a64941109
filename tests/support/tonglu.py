"""The plan cycle on a county added by config alone: a 十四五 plan, a 十五五 plan and yearly monitoring workbooks.

桐庐 (tonglu) is written by the tests themselves, in both real layouts. Every expected number below is worked by
hand from the figures in this file; the arithmetic is in the comments.

十四五 (2020 → 2025), as the plan's table states it, and the monitoring actuals 2021–2025:

    indicator                 2020   2025 target   2021    2022    2023    2024    2025
    人才资源总量 (万人)          10     15            T21     T22     T23     T24     15     (T: a trend, see below)
    高技能人才占比 (%)           30     ≥35 (35以上)   31      32      33.5    34      35
    R&D人员数 (人年/万人)        100    >120          104     108     112     116     120
    党政人才 (万人)             0.3    0.3 (保持)     0.31    0.3     0.29    0.3     0.3
    人才流失率 (%, lower)        8      6             7.8     7.4     7.4     6.5     5.9
    高技能人才 (万人)            2      3             2.1     2.2     2.4     2.5     2.7

十五五 (2025 → 2030): its table's 2025 column restates the 2025 actuals (高技能人才 as 2.75, not the workbook's
2.7: a disagreement for consistency.csv; 2025 is a year the 十四五 plan judges, so the workbook's 2.7 is kept,
issue 18), and sets 2030 targets.

人才资源总量 follows 10 · 1.5^((year − 2020)/5) · e^(ε·0.02) with ε = 0, +1, −1, −1, +1, 0 for 2020…2025: the
deviations sum to 0 and are orthogonal to the year, so the log-linear OLS recovers the line exactly (slope
ln 1.5 / 5, through 10 in 2020 and 15 in 2025) and its residual variance is 4 · 0.02² / (6 − 2) = 0.02².
"""

import math
from pathlib import Path

import yaml

from conftest import copy_of_project
from helpers.core.config import PlanPeriod
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.synthetic import plan_document
from support.workbooks import one_sheet_workbook

FOURTEENTH, FIFTEENTH = PlanPeriod("十四五", 2020, 2025), PlanPeriod("十五五", 2025, 2030)
D = 0.02


def trend_total(year: int, eps: int) -> float:
    return 10 * 1.5 ** ((year - 2020) / 5) * math.exp(eps * D)


TOTAL = {2021: trend_total(2021, 1), 2022: trend_total(2022, -1), 2023: trend_total(2023, -1),
         2024: trend_total(2024, 1), 2025: 15.0}
MONITORING = {
    "人才资源总量": ("万人", TOTAL),
    "高技能人才占技能劳动者比例": ("%", {2021: 31, 2022: 32, 2023: 33.5, 2024: 34, 2025: 35}),
    "每万名劳动力中R&D人员数": ("人年/万人", {2021: 104, 2022: 108, 2023: 112, 2024: 116, 2025: 120}),
    "党政人才": ("万人", {2021: 0.31, 2022: 0.3, 2023: 0.29, 2024: 0.3, 2025: 0.3}),
    "人才流失率": ("%", {2021: 7.8, 2022: 7.4, 2023: 7.4, 2024: 6.5, 2025: 5.9}),
    "高技能人才": ("万人", {2021: 2.1, 2022: 2.2, 2023: 2.4, 2024: 2.5, 2025: 2.7}),
}
# (name as the table writes it, unit, base-year cell, target cell)
PLAN_14 = [("人才资源总量", "万人", "10", "15"), ("高技能人才占技能劳动者比例", "%", "30", "35以上"),
           ("每万名劳动力中R&D人员数", "人年/万人", "100", ">120"), ("党政人才", "万人", "0.3", "0.3"),
           ("人才流失率", "%", "8", "6"), ("高技能人才", "万人", "2", "3")]
PLAN_15 = [("人才资源总量", "万人", "15", "26"), ("高技能人才占技能劳动者比例", "%", "35", "40"),
           ("人才流失率", "%", "5.9", "5"), ("高技能人才", "万人", "2.75", "4")]
PROSE_14 = ["2020年，全县人才资源总量达到10万人。"]
PROSE_15 = ["“十四五”期间，全县人才资源总量达到15万人，比2020年增长50%。"]
# A lower-is-better indicator, added to the catalogue by config like any other.
OUTFLOW = {"id": "talent_outflow_rate", "name_zh": "人才流失率", "name_en": "Talent outflow rate", "unit": "%",
           "direction": "lower", "measure": "share", "definition": "当年流出人才占人才总量的比例。",
           "source_names": ["人才流失率"], "plausible": [0, 100],
           "comparability": {"status": "same", "reason": "口径一致。"}}


def project_with_county(workspace: Path, layout: str = "word_tab_cells") -> Path:
    """A scratch copy of the project's raw data and config in `workspace`, with 桐庐 added (make_county)."""
    copy_of_project(workspace)
    return make_county(workspace, layout)


def report_context(workspace: Path, year: int, *, entities: str = "tonglu", lang: str = "zh"):
    """The report's context for `year`, after the analysis `make report` runs first."""
    from helpers import analyse
    from helpers.report.context import load_report_context
    analyse.build_tables(workspace / "processed", workspace / "config", year, entities)
    return load_report_context(workspace / "processed", workspace / "config", year, entities, lang)


def make_county(workspace: Path, layout: str, monitored: range = range(2021, 2026)) -> Path:
    """Add 桐庐 with two plan documents and monitoring workbooks to a copy of the project: config only."""
    raw, config = workspace / "raw", workspace / "config"
    province = ["1650", "75", "185", "32.5", "5", "410"] if layout == "cell_per_line" else None
    (raw / "tonglu_14.txt").write_text(plan_document(layout, "桐庐县人才发展“十四五”规划", FOURTEENTH, PLAN_14,
                                                     PROSE_14, province), encoding="utf-8")
    (raw / "tonglu_15.txt").write_text(plan_document(layout, "桐庐县人才发展“十五五”规划", FIFTEENTH, PLAN_15,
                                                     PROSE_15), encoding="utf-8")
    write_manifest(raw)
    one_sheet_workbook(workspace, [["桐庐县", indicator, unit, year, values[year], None, "统计年报", None]
                                   for indicator, (unit, values) in MONITORING.items() for year in monitored],
                       name="桐庐监测.xlsx")

    sources = yaml.safe_load((config / "sources.yaml").read_text(encoding="utf-8"))
    sources["plans"] += [
        {"entity": "tonglu", "name_zh": "桐庐县", "name_en": "Tonglu", "file": "tonglu_14.txt", "layout": layout,
         "table_title": "人才发展主要指标"},
        {"entity": "tonglu", "file": "tonglu_15.txt", "layout": layout, "table_title": "人才发展主要指标",
         "plan_period": {"name": "十五五", "base_year": 2025, "target_year": 2030}},
    ]
    (config / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalogue = yaml.safe_load((config / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["indicators"].append(OUTFLOW)
    (config / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    ds = dataset.build(raw, config)
    dataset.write(ds, workspace / "processed")
    return workspace
