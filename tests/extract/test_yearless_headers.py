"""A plan table headed without years (redteam19 finding 7): 现状值 | 目标值, 基期值 | 2030年, 2025年 | 规划目标.
The stop offered only `role: remark` (etc.), and `role: target` needed a (?P<year>…) that a
header with no digits cannot match: no way through. Now the advice offers `role: target` (the
plan's target year) and `role: base` (its base year) first, the year from the plan's
`plan_period` (桐庐's 十五五 plan: 2025→2030), and followed as written it reads the table: 人才资源总量
15.2 as the 2025 actual and 20左右 as the 2030 target (tests/support/fifteenth_plan.py's
figures)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support.data_step import build, build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, use_plan_file, write_docx

PLAN_FILE = "tonglu_15.docx"


def _plan(workspace: Path, base: str, target: str) -> None:
    header = list(DOCUMENT_TABLE["header"])
    header[4], header[5] = base, target
    add_fifteenth_plan(workspace, "word_tab_cells", monitoring=False)
    path = write_docx(PlanContent(**dict(DOCUMENT_TABLE, header=header)), workspace / "raw" / PLAN_FILE)
    use_plan_file(workspace, "tonglu_15.txt", path)


def _follow(workspace: Path, fix: str, role: str) -> None:
    """The advice's entry for `role`, added under the file's header_roles as written."""
    found = re.search(r"`- (\{pattern: '[^']*', role: " + role + r"\})`", fix)
    assert found, fix
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc.setdefault("header_roles", []).append(yaml.safe_load(found.group(1)))
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _value(ds, year: int, kind: str) -> dict:
    rows = ds.indicators.query(f"entity == 'tonglu' and indicator_id == 'talent_total' and year == {year} "
                               f"and origin == 'table' and kind == '{kind}'")
    assert len(rows) == 1, rows[["year", "kind", "value", "source_file", "source_value"]].to_string()
    return rows.iloc[0].to_dict()


@pytest.mark.parametrize("base, target, stops", [
    ("现状值", "目标值", ["base", "target"]),
    ("基期值", "2030年", ["base"]),
    ("2025年", "规划目标", ["target"]),
    ("2025年", "“十五五”目标", ["target"]),
    ("“十四五”末", "2030年", ["base"]),
    ("基期（2025年）", "目标（2030年）", ["base", "target"]),
])
def test_a_header_without_years_is_read_by_the_plans_period_as_the_advice_says(workspace, base, target, stops):
    _plan(workspace, base, target)
    for role in stops:
        error = build_refused(workspace)
        assert "is not a known column" in error.problem
        if not re.search(r"\d{4}", error.problem):   # a header with no year: both, never remark alone
            assert "role: target" in error.fix and "role: base" in error.fix and "plan_period" in error.fix
        # the role the header's words say is offered first (基期, 现状, 末: the base)
        assert re.search(r"role: (\w+)", error.fix).group(1) == role
        _follow(workspace, error.fix, role)
    ds = build(workspace)
    actual, goal = _value(ds, 2025, "actual"), _value(ds, 2030, "target")
    assert actual["value"] == 15.2 and actual["source_value"] == "15.2" and not bool(actual["estimated"])
    assert goal["value"] == 20 and bool(goal["approximate"]) and goal["source_value"] == "20左右"


def test_a_yearless_target_pattern_names_base_and_target_when_it_is_given_as_a_year(workspace):
    """`role: year` (or actual) with a pattern that captures no year still stops, and says role: base / target."""
    _plan(workspace, "现状值", "2030年目标")
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc.setdefault("header_roles", []).append({"pattern": "现状值", "role": "year"})
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    error = build_refused(workspace)
    assert "captures no year" in error.problem and "role: base" in error.fix


def test_a_base_column_whose_year_is_after_the_plans_base_year_stops(workspace):
    """`role: base` reads the plan's base: 基期（2030年） under a 2025→2030 plan is not it."""
    _plan(workspace, "2025年", "基期（2030年）")
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc.setdefault("header_roles", []).append({"pattern": r"基期\((?P<year>\d{4})年\)", "role": "base"})
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    error = build_refused(workspace)
    assert "role: base" in error.problem and "after the base year 2025" in error.problem
