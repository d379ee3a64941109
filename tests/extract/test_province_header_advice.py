"""redteam20 L1: a plan's province column (2030年全省目标, 2030年省定目标, 全省目标值, 浙江省2030年目标) stopped as an
unknown header whose advice offered `role: target` (the county's) first, never `entity: province`; followed, the
province's targets were read as the county's 2030 targets. Now the advice offers the province's entry first, and
followed as written the column's figures are the province's (zhejiang) 2030 targets, the county's untouched."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support.data_step import build, build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, use_plan_file, write_docx


def _plan(workspace: Path, header: str) -> None:
    table = dict(DOCUMENT_TABLE)
    table["header"] = [*table["header"][:6], header, table["header"][6]]
    table["rows"] = [[*row[:6], province, row[6]] for row, province in zip(table["rows"], ["2000", "/", "/", "/", "/"])]
    add_fifteenth_plan(workspace, "word_tab_cells", monitoring=False)
    path = write_docx(PlanContent(**table), workspace / "raw" / "tonglu_15.docx")
    use_plan_file(workspace, "tonglu_15.txt", path)


@pytest.mark.parametrize("header", ["2030年全省目标", "2030年省定目标", "全省目标值", "浙江省2030年目标"])
def test_a_province_column_is_offered_the_provinces_entry_first(workspace, header):
    _plan(workspace, header)
    error = build_refused(workspace)
    assert "is not a known column" in error.problem and header in error.problem
    entries = re.findall(r"`- (\{pattern: '[^']*', role: [a-z]+(?:, entity: province)?\})`", error.fix)
    assert entries and entries[0].endswith("role: target, entity: province}"), error.fix
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc.setdefault("header_roles", []).append(yaml.safe_load(entries[0]))
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = build(workspace)
    rows = ds.indicators.query("indicator_id == 'talent_total' and year == 2030 and kind == 'target' "
                               "and origin == 'table' and source_file.str.contains('tonglu_15')",
                               engine="python")
    assert sorted(zip(rows["entity"], rows["value"])) == [("tonglu", 20.0), ("zhejiang", 2000.0)]


def test_a_county_column_is_not_offered_the_province(workspace):
    _plan(workspace, "2030年县定目标")
    assert "entity: province" not in build_refused(workspace).fix
