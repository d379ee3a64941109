"""Synthetic county plans for benchmarks and scale tests: never real data, never in data/raw/.

    python -m helpers synthetic N SCRATCH_DIR [--seed 1]

writes SCRATCH_DIR/raw/ (N plans alternating the two real layouts, a checksum manifest, and
monitoring workbooks for 2021–2023) and SCRATCH_DIR/config/ (the project's catalogue and layouts,
with the N plans), so the pipeline runs on them through the same code path:

    make report RAW_DIR=SCRATCH/raw CONFIG_DIR=SCRATCH/config PROCESSED_DIR=SCRATCH/processed REPORTS_DIR=SCRATCH/reports
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml
from openpyxl import Workbook

from helpers import paths
from helpers.config import load_catalogue
from helpers.errors import InputError
from helpers.extract.manifest import write_manifest
from helpers.monitoring.workbooks import COLUMNS, DATA_SHEET

# Indicators the synthetic plans carry, with a plausible 2020 range and growth to 2025.
SYNTHETIC_INDICATORS = {
    "talent_total": (5, 40), "party_government_talent": (0.1, 0.6), "professional_technical_talent": (2, 8),
    "business_management_talent": (1, 8), "high_skilled_talent": (1, 5), "rural_talent": (1, 4),
    "rd_personnel_per_10k": (40, 160), "high_skilled_share_of_skilled": (20, 40),
    "high_tech_value_added_share": (30, 70), "physicians_per_1000": (2.5, 4.5),
    "human_capital_investment_share": (10, 20), "working_age_higher_education_share": (15, 40),
}
COUNTIES_PER_WORKBOOK = 10
MONITORING_YEARS = (2021, 2022, 2023)
MONITORED = ("talent_total", "high_skilled_talent", "rd_personnel_per_10k")


def _refuse_raw(target: Path) -> None:
    target, raw = target.resolve(), paths.RAW_DIR.resolve()
    if target == raw or raw in target.parents or target in raw.parents:
        raise InputError(target, None, f"refusing to write synthetic plans into or above {raw}",
                         "name a scratch folder outside data/raw/.")


def generate(n: int, scratch: Path, seed: int = 1) -> Path:
    """Write n synthetic plans, monitoring workbooks and a config into scratch. Returns scratch."""
    scratch = Path(scratch)
    _refuse_raw(scratch)
    rng = random.Random(seed)
    catalogue = load_catalogue()
    if scratch.exists():
        shutil.rmtree(scratch)
    raw, config = scratch / "raw", scratch / "config"
    (raw / "monitoring").mkdir(parents=True)
    config.mkdir(parents=True)
    shutil.copy(paths.CONFIG_DIR / paths.CATALOGUE_FILE, config / paths.CATALOGUE_FILE)
    sources = yaml.safe_load((paths.CONFIG_DIR / paths.SOURCES_FILE).read_text(encoding="utf-8"))

    province = {ind: round(rng.uniform(*SYNTHETIC_INDICATORS[ind]) * (100 if catalogue.indicators[ind].measure == "total" else 1.3), 2)
                for ind in SYNTHETIC_INDICATORS}
    plans, monitoring_rows = [], []
    for i in range(1, n + 1):
        entity, name_zh = f"county{i:03d}", f"示例{i:03d}县"
        values = {}
        for ind_id, (low, high) in SYNTHETIC_INDICATORS.items():
            actual = round(rng.uniform(low, high), 2)
            growth = rng.uniform(0.02, 0.12)
            target = round(actual * (1 + growth) ** 5, 2)
            if catalogue.indicators[ind_id].measure == "share":
                target = round(min(target, 95.0), 1)
            values[ind_id] = (actual, target)
        layout = "word_tab_cells" if i % 2 == 0 else "cell_per_line"
        text = (_word_plan if layout == "word_tab_cells" else _cell_plan)(name_zh, values, catalogue, province, rng)
        file = f"{entity}_talent_plan.txt"
        (raw / file).write_text(text, encoding="utf-8")
        plans.append({"entity": entity, "name_zh": name_zh, "name_en": f"Sample County {i:03d}", "file": file,
                      "layout": layout, "table_title": "人才发展主要指标"})
        for ind_id in MONITORED:
            actual, target = values[ind_id]
            step = (target / actual) ** (1 / 5)
            for k, year in enumerate(MONITORING_YEARS, 1):
                value = round(actual * step ** k * rng.uniform(0.97, 1.03), 3)
                monitoring_rows.append((name_zh, catalogue.indicators[ind_id].name_zh,
                                        catalogue.indicators[ind_id].unit, year, value))

    sources["plans"] = plans
    (config / paths.SOURCES_FILE).write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    write_manifest(raw, [p["file"] for p in plans])
    rows_per_book = COUNTIES_PER_WORKBOOK * len(MONITORED) * len(MONITORING_YEARS)
    for start in range(0, len(monitoring_rows), rows_per_book):
        _write_monitoring(raw / "monitoring" / f"监测_{start // rows_per_book + 1:02d}.xlsx",
                          monitoring_rows[start:start + rows_per_book])
    return scratch


def _word_plan(name, values, catalogue, province, rng) -> str:
    total, total_target = values["talent_total"]
    growth = rng.uniform(20, 60)
    lines = [f"{name}人才发展“十四五”规划", "一、发展基础",
             f"2020年，全县人才总量达到{total:g}万人，比2015年增长{growth:.1f}%。", "二、发展目标",
             f"到2025年，全县人才资源总量达到{total_target:g}万人。", "“十四五”时期全县人才发展主要指标",
             "\t一级指标", "\t序号", "\t二级指标", "\t单位", "\t2020年完成值", "\t2025年目标值", ""]
    for k, (ind_id, (actual, target)) in enumerate(values.items(), 1):
        ind = catalogue.indicators[ind_id]
        lines += ["\t人才指标" if k == 1 else "\t", f"\t{k}", f"\t{ind.source_names[0]}", f"\t{ind.unit}",
                  f"\t{actual:g}", f"\t{target:g}", ""]
    lines += ["\t注：示例数据，非真实规划。", "三、主要任务", "示例。"]
    return "\n".join(lines) + "\n"


def _cell_plan(name, values, catalogue, province, rng) -> str:
    total, total_target = values["talent_total"]
    increase = round(total * rng.uniform(0.2, 0.4), 2)
    lines = [f"{name}人才发展“十四五”规划", "", "一、发展背景", "",
             f"十三五期间,全县人才资源总量达到{total:g}万人,比2015年底增加{increase:g}万人。", "",
             "表1 “十四五”时期人才发展主要指标", ""]
    for header in ("序号", "指标", "2020年完成数", "2025年目标数", "2025年省委目标数"):
        lines += [header, ""]
    for k, (ind_id, (actual, target)) in enumerate(values.items(), 1):
        ind = catalogue.indicators[ind_id]
        label = ind.source_names[-1] if ind_id == "talent_total" else f"{ind.source_names[-1]}({ind.unit})"
        lines += [str(k), "", label, "", f"{actual:g}", "", f"{target:g}", "", f"{province[ind_id]:g}", ""]
    lines += ["三、主要任务", "", "示例。"]
    return "\n".join(lines) + "\n"


def _write_monitoring(path: Path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append([title for title, _ in COLUMNS])
    for county, indicator, unit, year, value in rows:
        ws.append([county, indicator, unit, year, value, None, "synthetic", None])
    wb.save(path)
