"""A project of made-up counties alone, for the analysis tests: their 十四五 plans (2020 → 2025) written as real plans
write their tables (helpers.synthetic.plan_document), the project's config with sources.yaml naming these plans
only, a monitoring workbook if given, taken through the data step and the analysis tables as `make analysis` does."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers import analyse
from helpers.core import paths
from helpers.core.config import PlanPeriod
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.synthetic import plan_document
from support.workbooks import one_sheet_workbook

PERIOD = PlanPeriod("十四五", 2020, 2025)


@dataclass(frozen=True)
class County:
    """A county and its plan: `rows` as plan_document takes them (indicator, unit, 2020 cell, 2025 cell), and
    `province` the province's 2025 cell for each row (the cell_per_line layout's 省委目标数 column)."""
    entity: str
    name_zh: str
    name_en: str
    layout: str
    rows: list[tuple[str, str, str, str]]
    province: list[str] | None = None

    @property
    def file(self) -> str:
        return f"{self.entity}.txt"


def numbered(i: int, layout: str, rows: list[tuple[str, str, str, str]],
             province: list[str] | None = None) -> County:
    """The i-th of several counties: county{i}, 示例{i}县, Sample {i}."""
    return County(f"county{i}", f"示例{i}县", f"Sample {i}", layout, rows, province)


def analysed_counties(root: Path, counties: list[County], year: int, monitoring: list[list] | None = None,
                      indicators: list[dict] = ()) -> Path:
    """root/raw holding the counties' plans (and `monitoring`, rows of a one-sheet workbook, one_sheet_workbook),
    root/config the project's with these plans alone in sources.yaml and `indicators` added to the catalogue;
    root/processed built by the data step and the analysis tables for `year`. Returns root."""
    raw, config = root / "raw", root / "config"
    raw.mkdir()
    shutil.copytree(paths.CONFIG_DIR, config)
    (root / "processed").mkdir()
    for county in counties:
        text = plan_document(county.layout, f"{county.name_zh}人才发展“十四五”规划", PERIOD, county.rows,
                             province=county.province)
        (raw / county.file).write_text(text, encoding="utf-8")
    if monitoring is not None:
        one_sheet_workbook(root, monitoring)
    write_manifest(raw)
    _edit_yaml(config / "sources.yaml", lambda sources: sources.update(plans=[
        {"entity": c.entity, "name_zh": c.name_zh, "name_en": c.name_en, "file": c.file, "layout": c.layout,
         "table_title": "人才发展主要指标"} for c in counties]))
    if indicators:
        _edit_yaml(config / "catalogue.yaml", lambda catalogue: catalogue["indicators"].extend(indicators))
    dataset.write(dataset.build(raw, config), root / "processed")
    analyse.build_tables(root / "processed", config, year)
    return root


def _edit_yaml(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
