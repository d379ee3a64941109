"""桐庐 at its 十四五 final evaluation (2025) with its 十五五 plan already published (redteam13 findings 1, 6, 7).

十四五 (2020 → 2025), its table (word_tab_cells, a 属性 column), and the workbook's yearly figures:

    indicator                 2020     2025 target   2021   2022   2023   2024   2025
    人才资源总量 (万人)          10       15左右         11     12     13     14     14.6
    新增高技能人才 (人, count)   〔4000〕  〔6000〕★      1000   1200   1300   1200   1250   (sum 5,950)
    高技能人才 (万人)            2        〔1〕          2.2    2.4    2.6    2.9    3.1    (change 1.1)
    人才流失率 (%, lower)        8        6★            7.0    6.0    5.8    5.9    6.2
    高技能人才占比 (%)           30       35以上★        31     33     35     36     35

十五五 (2025 → 2030), base column headed `2025年` (no 预计, as a plan published in 2026 may head it): 人才资源总量
15.2 → 20左右, 新增高技能人才 〔6500〕 (the 十四五 five-year total, as plans write it) → 〔7000〕, 人才流失率 5.5 → 5.

By hand, 2025 final evaluation on the workbook: 14.6 < 15 missed (97.3%); 5,950 < 6,000 missed (99.2%);
3.1 − 2 = 1.1 ≥ 1 met; 6.2 > 6 missed (6 ÷ 6.2 = 96.8%); 35 ≥ 35 met: 2 of 5 met, 3 missed.
The 〔6500〕 against the years' sum: 1000 + 1200 + 1300 + 1200 + 1250 = 5,950, a difference of +550.
"""
from pathlib import Path

import openpyxl
import yaml

from conftest import copy_of_project
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.monitoring import COLUMNS, DATA_SHEET


def _table(title: str, header: list[str], rows: list[tuple]) -> str:
    cells = "".join(f"\t{h}\n" for h in header) + "\n"
    cells += "\n".join("".join(f"\t{c}\n" for c in row) for row in rows)
    return (f"{title}\n一、发展基础\n示例。\n二、发展目标\n{title[3:9]}时期全县人才发展主要指标\n{cells}\n"
            "\t注：〔〕内为五年累计数。\n三、主要任务\n示例。\n")


HEADER = ["类别", "序号", "指标名称", "单位"]
PLAN_14 = _table("桐庐县人才发展“十四五”规划", HEADER + ["2020年", "2025年目标", "属性"], [
    ("人才规模", 1, "人才资源总量", "万人", "10", "15左右", "预期性"),
    ("", 2, "新增高技能人才", "人", "〔4000〕", "〔6000〕", "约束性"),
    ("", 3, "高技能人才", "万人", "2", "〔1〕", "预期性"),
    ("人才结构", 4, "人才流失率", "%", "8", "6", "约束性"),
    ("", 5, "高技能人才占技能劳动者比例", "%", "30", "35以上", "约束性")])
PLAN_15 = _table("桐庐县人才发展“十五五”规划", HEADER + ["2025年", "2030年目标", "属性"], [
    ("人才规模", 1, "人才资源总量", "万人", "15.2", "20左右", "预期性"),
    ("", 2, "新增高技能人才", "人", "〔6500〕", "〔7000〕", "约束性"),
    ("人才结构", 3, "人才流失率", "%", "5.5", "5", "约束性")])
YEARLY = {
    "人才资源总量": ("万人", {2021: 11, 2022: 12, 2023: 13, 2024: 14, 2025: 14.6}),
    "新增高技能人才": ("人", {2021: 1000, 2022: 1200, 2023: 1300, 2024: 1200, 2025: 1250}),
    "高技能人才": ("万人", {2021: 2.2, 2022: 2.4, 2023: 2.6, 2024: 2.9, 2025: 3.1}),
    "人才流失率": ("%", {2021: 7.0, 2022: 6.0, 2023: 5.8, 2024: 5.9, 2025: 6.2}),
    "高技能人才占技能劳动者比例": ("%", {2021: 31, 2022: 33, 2023: 35, 2024: 36, 2025: 35}),
}
NEW_HIGH_SKILLED = {"id": "new_high_skilled_talent", "name_zh": "新增高技能人才", "name_en": "New high-skilled talent",
                    "unit": "人", "direction": "higher", "measure": "count", "definition": "当年新增的高技能人才。",
                    "source_names": ["新增高技能人才"], "plausible": [0, 1000000],
                    "comparability": {"status": "same", "reason": "口径一致。"}}
OUTFLOW = {"id": "talent_outflow_rate", "name_zh": "人才流失率", "name_en": "Talent outflow rate", "unit": "%",
           "direction": "lower", "measure": "share", "definition": "当年流出人才占人才总量的比例。",
           "source_names": ["人才流失率"], "plausible": [0, 100],
           "comparability": {"status": "same", "reason": "口径一致。"}}


def final_evaluation_case(root: Path, extra: dict | None = None, remarks: dict | None = None,
                          plan_14: str = PLAN_14, plan_15: str | None = PLAN_15, base_header: str = "2025年",
                          columns: list[str] | None = None, without: tuple = ()) -> Path:
    """A project copy in `root` with 桐庐 added as above, through the data step. `extra`: more workbook figures,
    {indicator: {year: value}} (a 2020 figure the analyst entered); `remarks`: the 备注 of rows, {indicator: {year:
    text}}; `plan_14`: the 十四五 plan's text (PLAN_14 with its 属性 column headed otherwise); `plan_15`: the 十五五
    plan's text (None: no 十五五 plan); `base_header`: the 十五五 plan's base column's header (2025年（预计）: its
    figures are estimates); `columns`: the workbook's column titles in the order written (the template's, COLUMNS,
    by default); `without`: the workbook rows left out, (indicator, year)."""
    copy_of_project(root)
    raw, config = root / "raw", root / "config"
    (raw / "tonglu_14.txt").write_text(plan_14, encoding="utf-8")
    if plan_15 is not None:
        (raw / "tonglu_15.txt").write_text(plan_15.replace("\t2025年\n", f"\t{base_header}\n", 1), encoding="utf-8")
    write_manifest(raw)
    sources = yaml.safe_load((config / "sources.yaml").read_text(encoding="utf-8"))
    sources["plans"] += [
        {"entity": "tonglu", "name_zh": "桐庐县", "name_en": "Tonglu", "file": "tonglu_14.txt",
         "layout": "word_tab_cells", "table_title": "人才发展主要指标"},
        {"entity": "tonglu", "file": "tonglu_15.txt", "layout": "word_tab_cells", "table_title": "人才发展主要指标",
         "plan_period": {"name": "十五五", "base_year": 2025, "target_year": 2030}}][:2 if plan_15 is not None else 1]
    (config / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalogue = yaml.safe_load((config / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["indicators"] += [NEW_HIGH_SKILLED, OUTFLOW]
    (config / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    (raw / "monitoring").mkdir(exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    titles = columns or [title for title, _ in COLUMNS]
    ws.append(titles)
    for indicator, (unit, values) in YEARLY.items():
        for year, value in sorted({**values, **(extra or {}).get(indicator, {})}.items()):
            if (indicator, year) in without:
                continue
            row = dict(zip([title for title, _ in COLUMNS], ["桐庐县", indicator, unit, year, value, None, "统计年报",
                                                             (remarks or {}).get(indicator, {}).get(year)]))
            ws.append([row[title] for title in titles])
    wb.save(raw / "monitoring" / "监测2021-2025.xlsx")
    dataset.write(dataset.build(raw, config), root / "processed")
    return root
