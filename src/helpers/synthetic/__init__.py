"""Synthetic county plans for benchmarks and scale tests: never real data, never in data/raw/.

    python -m helpers synthetic N SCRATCH_DIR [--seed 1]

writes SCRATCH_DIR/raw/ (N plans alternating the two real layouts, a checksum manifest, and monitoring
workbooks for the first three years of the default period) and SCRATCH_DIR/config/ (the project's catalogue
and layouts, with the N plans), so the pipeline runs on them through the same code path:

    make report RAW_DIR=SCRATCH/raw CONFIG_DIR=SCRATCH/config PROCESSED_DIR=SCRATCH/processed \
        REPORTS_DIR=SCRATCH/reports
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml
from openpyxl import Workbook

from helpers.core import paths
from helpers.core.config import PlanPeriod, load_catalogue, load_sources
from helpers.core.errors import InputError
from helpers.core.periods import FIVE_YEARS, plan_name, plan_number, resolve_period
from helpers.extract.manifest import write_manifest
from helpers.extract.monitoring import COLUMNS, DATA_SHEET

# Indicators the synthetic plans carry, with a plausible base-year range (growth to the target year is drawn).
SYNTHETIC_INDICATORS = {
    "talent_total": (5, 40), "party_government_talent": (0.1, 0.6), "professional_technical_talent": (2, 8),
    "business_management_talent": (1, 8), "high_skilled_talent": (1, 5), "rural_talent": (1, 4),
    "rd_personnel_per_10k": (40, 160), "high_skilled_share_of_skilled": (20, 40),
    "high_tech_value_added_share": (30, 70), "physicians_per_1000": (2.5, 4.5),
    "human_capital_investment_share": (10, 20), "working_age_higher_education_share": (15, 40),
}
COUNTIES_PER_WORKBOOK = 10
MONITORED_YEARS = 3  # monitoring actuals for the first three years of the period
MONITORED = ("talent_total", "high_skilled_talent", "rd_personnel_per_10k")


def _refuse_an_input_folder(target: Path) -> None:
    """Never into or above the raw data, nor into any folder a run reads (config/syn, notebooks/syn wrote a whole
    synthetic project among the project's own inputs)."""
    from helpers.core.errors import ParameterError
    from helpers.run.parameters import check_not_an_input_folder
    target, raw = target.resolve(), paths.RAW_DIR.resolve()
    if target == raw or raw in target.parents or target in raw.parents:
        raise InputError(target, None, f"refusing to write synthetic plans into or above {raw}",
                         "name a scratch folder outside data/raw/.")
    try:
        check_not_an_input_folder("scratch", str(target), target, {"scratch": "SCRATCH"}, Path("/tmp/synthetic"))
    except ParameterError as refused:
        raise InputError(target, None, f"refusing to write synthetic plans there: {refused}",
                         "name a scratch folder outside the project's inputs, e.g. /tmp/synthetic.") from None


# Left in every scratch folder written here: a folder is replaced only when it holds it (or is empty).
MARK = ".written-by-helpers-synthetic"


def _refuse_a_folder_of_someone_elses(scratch: Path) -> None:
    """The scratch folder is replaced whole: `synthetic 2 ~/work` deleted a folder of the analyst's own. Only an
    empty folder or one written here before (MARK) is replaced."""
    if scratch.is_symlink() or (scratch.exists() and not scratch.is_dir()):
        raise InputError(scratch, None, "is not a folder (a file or a link): the synthetic counties need a scratch "
                         "folder of their own", "name a new folder (it is made).")
    if scratch.is_dir() and any(scratch.iterdir()) and not (scratch / MARK).is_file():
        raise InputError(scratch, None, "is a folder with files in it that were not written by "
                         "`python -m helpers synthetic`: it would be deleted and written anew",
                         "name a new or empty folder (it is made).")


def generate(n: int, scratch: Path, seed: int = 1) -> Path:
    """Write n synthetic plans, monitoring workbooks and a config into scratch. Returns scratch."""
    scratch = Path(scratch)
    _refuse_an_input_folder(scratch)
    rng = random.Random(seed)
    catalogue = load_catalogue()
    _refuse_a_folder_of_someone_elses(scratch)
    if scratch.exists():
        shutil.rmtree(scratch)
    raw, config = scratch / "raw", scratch / "config"
    (raw / paths.MONITORING_DIR).mkdir(parents=True)
    config.mkdir(parents=True)
    (scratch / MARK).write_text("synthetic counties: `python -m helpers synthetic` replaces this folder whole\n",
                                encoding="utf-8")
    shutil.copy(paths.CONFIG_DIR / paths.CATALOGUE_FILE, config / paths.CATALOGUE_FILE)
    sources = yaml.safe_load((paths.CONFIG_DIR / paths.SOURCES_FILE).read_text(encoding="utf-8"))
    period = load_sources().plan_period
    monitoring_years = range(period.base_year + 1, period.base_year + 1 + MONITORED_YEARS)

    province = {ind: round(rng.uniform(*SYNTHETIC_INDICATORS[ind])
                           * (100 if catalogue.indicators[ind].measure == "total" else 1.3), 2)
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
        text = (_word_plan if layout == "word_tab_cells" else _cell_plan)(name_zh, values, catalogue, province, rng,
                                                                           period)
        file = f"{entity}_talent_plan.txt"
        (raw / file).write_text(text, encoding="utf-8")
        plans.append({"entity": entity, "name_zh": name_zh, "name_en": f"Sample County {i:03d}", "file": file,
                      "layout": layout, "table_title": "人才发展主要指标"})
        for ind_id in MONITORED:
            actual, target = values[ind_id]
            step = (target / actual) ** (1 / 5)
            for k, year in enumerate(monitoring_years, 1):
                value = round(actual * step ** k * rng.uniform(0.97, 1.03), 3)
                monitoring_rows.append((name_zh, catalogue.indicators[ind_id].name_zh,
                                        catalogue.indicators[ind_id].unit, year, value))

    sources["plans"] = plans
    (config / paths.SOURCES_FILE).write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    write_manifest(raw, [p["file"] for p in plans])
    rows_per_book = COUNTIES_PER_WORKBOOK * len(MONITORED) * MONITORED_YEARS
    for start in range(0, len(monitoring_rows), rows_per_book):
        _write_monitoring(raw / paths.MONITORING_DIR / f"监测_{start // rows_per_book + 1:02d}.xlsx",
                          monitoring_rows[start:start + rows_per_book])
    return scratch


def plan_document(layout: str, title: str, period: PlanPeriod, rows: list[tuple[str, str, str, str]],
                  prose: list[str] = (), province: list[str] | None = None) -> str:
    """A plan document in one of the two real layouts, for any period.

    rows: (indicator name as the table writes it, unit, base-year cell, target cell), cells as written
    ('10.3', '>10', '35以上', '/'). prose: sentences before the table. province: one provincial target
    cell per row (the cell_per_line layout's 省委目标数 column, as in Anji's plan)."""
    base, target = period.base_year, period.target_year
    if layout == "word_tab_cells":
        lines = [title, "一、发展基础", *prose, f"“{period.name}”时期全县人才发展主要指标",
                 "\t一级指标", "\t序号", "\t二级指标", "\t单位", f"\t{base}年完成值", f"\t{target}年目标值", ""]
        for k, (name, unit, base_cell, target_cell) in enumerate(rows, 1):
            lines += ["\t人才指标" if k == 1 else "\t", f"\t{k}", f"\t{name}", f"\t{unit}", f"\t{base_cell}",
                      f"\t{target_cell}", ""]
        lines += ["\t注：表中数据来源于县统计局、县人力社保局。", "三、主要任务", "示例。"]
        return "\n".join(lines) + "\n"
    if layout != "cell_per_line":
        raise ValueError(f"unknown layout {layout!r}")
    lines = [title, "", "一、发展背景", ""]
    for sentence in prose:
        lines += [sentence, ""]
    lines += [f"表1 “{period.name}”时期人才发展主要指标", ""]
    headers = ["序号", "指标", f"{base}年完成数", f"{target}年目标数"] + ([f"{target}年省委目标数"] if province else [])
    for header in headers:
        lines += [header, ""]
    for k, (name, unit, base_cell, target_cell) in enumerate(rows, 1):
        lines += [str(k), "", f"{name}({unit})" if unit else name, "", base_cell, "", target_cell, ""]
        if province:
            lines += [province[k - 1], ""]
    lines += ["三、主要任务", "", "示例。"]
    return "\n".join(lines) + "\n"


def _word_plan(name, values, catalogue, province, rng, period: PlanPeriod) -> str:
    total, total_target = values["talent_total"]
    growth = rng.uniform(20, 60)
    before = period.base_year - FIVE_YEARS
    prose = [f"{period.base_year}年，全县人才总量达到{total:g}万人，比{before}年增长{growth:.1f}%。", "二、发展目标",
             f"到{period.target_year}年，全县人才资源总量达到{total_target:g}万人。"]
    rows = [(catalogue.indicators[i].source_names[0], catalogue.indicators[i].unit, f"{a:g}", f"{t:g}")
            for i, (a, t) in values.items()]
    return plan_document("word_tab_cells", f"{name}人才发展“{period.name}”规划", period, rows, prose)


def _cell_plan(name, values, catalogue, province, rng, period: PlanPeriod) -> str:
    total, _ = values["talent_total"]
    increase = round(total * rng.uniform(0.2, 0.4), 2)
    previous = resolve_period(plan_name(plan_number(period.name) - 1), [period]) if plan_number(period.name) else None
    prose = [f"{previous.name if previous else ''}期间,全县人才资源总量达到{total:g}万人,"
             f"比{period.base_year - FIVE_YEARS}年底增加{increase:g}万人。"]
    rows = []
    for ind_id in values:
        ind = catalogue.indicators[ind_id]
        rows.append((ind.source_names[-1], "" if ind_id == "talent_total" else ind.unit,
                     f"{values[ind_id][0]:g}", f"{values[ind_id][1]:g}"))
    return plan_document("cell_per_line", f"{name}人才发展“{period.name}”规划", period, rows, prose,
                         province=[f"{province[i]:g}" for i in values])


def _write_monitoring(path: Path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append([title for title, _ in COLUMNS])
    # (来源 written as a real workbook's plain source is: an unplaced one, "synthetic", is quoted under every county's
    # scorecard since 来源 are read as 备注 are, and the 90-county brief grew from 8 pages to 11)
    for county, indicator, unit, year, value in rows:
        ws.append([county, indicator, unit, year, value, None, "统计年报", None])
    wb.save(path)
