"""A plan's figure far out of line with the county's figures from its other plans and workbooks (redteam20 T5).

On lead8 a 十五五 plan's base figure typed without its decimal point (建德 党政人才 27 万人 for 0.27; the county's
十四五 plan says 0.28 and 0.28) decided the 十四五 final evaluation silently (达标), where the workbook has no figure:
plan figures were only checked against the catalogue's wide plausible range, while the same figure in a workbook
stopped at its cell (monitoring.out_of_line_factor, 5). Now one reading (monitoring.out_of_line) covers both: the
plan's cell stops, its advice a `readings:` entry, and followed as written the figure the plan means is read.

The case (tests/support/final_evaluation.py, without the workbook's 2025 人才资源总量): 桐庐's 十五五 plan's 2025 column
gives 人才资源总量 15.2 万人; the county's other figures (十四五 plan, workbook) run 10–15. Typed as 148
(a 10× slip of 14.8) or 1480 (100×), the figure is 148/15 = 9.9 or 98.7 times the largest of the county's other
figures, over the factor 5."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.final_evaluation import final_evaluation_case


def _case(root: Path, written: str) -> Path:
    final_evaluation_case(root, without=(("人才资源总量", 2025),))
    plan = root / "raw" / "tonglu_15.txt"
    text = plan.read_text(encoding="utf-8")
    assert "\t15.2\n" in text
    plan.write_text(text.replace("\t15.2\n", f"\t{written}\n", 1), encoding="utf-8")
    write_manifest(root / "raw")
    return plan


def _talent_2025(ds):
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025 "
                               "and kind == 'actual'")
    return [(r.value, Path(r.source_file).name) for r in rows.itertuples()]


@pytest.mark.parametrize("written, meant", [("148", "14.8"), ("1480", "14.8")])
def test_a_plan_figure_out_of_line_stops_at_its_cell_and_the_reading_is_read(tmp_path, written, meant):
    plan = _case(tmp_path, written)
    with pytest.raises(InputError) as stop:
        dataset.build(tmp_path / "raw", tmp_path / "config")
    err = stop.value
    assert Path(err.file).name == plan.name, err
    assert f"'{written}' read as {written} 万人" in err.problem and "other plans and workbooks" in err.problem, \
        err.problem
    entry = yaml.safe_load(re.search(r"under `readings:` of the plan entry at line \d+: - (\{.*?\})", err.fix)
                           .group(1))
    assert entry == {"indicator": "人才资源总量", "cell": written, "reads": "…", "because": "…"}, err.fix
    entry.update(reads=meant, because="the county's other figures are 14–15 万人")
    sources = tmp_path / "config" / "sources.yaml"
    doc = yaml.safe_load(sources.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == plan.name).setdefault("readings", []).append(entry)
    sources.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = dataset.build(tmp_path / "raw", tmp_path / "config")
    assert _talent_2025(ds) == [(14.8, plan.name)]


def test_the_plan_figures_in_line_are_read_as_before(tmp_path):
    """The case as given (15.2, in line) is read unchanged."""
    _case(tmp_path, "15.2")
    assert _talent_2025(dataset.build(tmp_path / "raw", tmp_path / "config")) == [(15.2, "tonglu_15.txt")]
