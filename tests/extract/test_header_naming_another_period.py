"""A 十五五 plan's header quoting the 十四五 targets beside its own (redteam20 T4): 类别|序号|指标名称|单位|
“十四五”目标|“十四五”完成|“十五五”目标|属性, a common layout (the old plan's targets, its results, the new ones), as
a .docx.

On lead8 the year-less header “十四五”目标 was advised `role: target` first: followed, it was read as the 十五五 plan's
targets for 2030; the duplicate-role stop then named only the entry of '“十五五”目标' (the column that IS the 2030
target), and changing that one to remark gave exit 0 with the 十四五 target 15 as 桐庐's 2030 target.

Now a year-less header that names a period is read by that period: “十四五”目标 is 十四五's targets for 2025, this
plan's base year, never its 2030 targets (the advice offers `role: remark`); “十四五”完成 is 2025's figures, the base.
Each advice followed as written (its first entry), the 2030 target is the 十五五 column's 20 (by hand: 20左右), and a
`role: target` given to “十四五”目标 anyway stops; the duplicate-role stop names both entries."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.final_evaluation import final_evaluation_case
from support.plan_documents import plan_content, use_plan_file, write_docx

HEADER = ["类别", "序号", "指标名称", "单位", "“十四五”目标", "“十四五”完成", "“十五五”目标", "属性"]
QUOTED = {"人才资源总量": "15", "新增高技能人才": "〔6000〕", "人才流失率": "6"}   # the 十四五 plan's own targets


def _case(root: Path) -> Path:
    final_evaluation_case(root, without=(("人才资源总量", 2025),))   # the plan's 2025 figure read, not the workbook's
    content = plan_content(root / "raw" / "tonglu_15.txt", root / "config")
    content.header = HEADER
    content.rows = [row[:4] + [QUOTED[row[2]]] + row[4:] for row in content.rows]
    made = write_docx(content, root / "tonglu_15.docx")
    use_plan_file(root, "tonglu_15.txt", made)
    return root / "raw" / made.name


def _add(root: Path, entry: dict) -> None:
    sources = root / "config" / "sources.yaml"
    doc = yaml.safe_load(sources.read_text(encoding="utf-8"))
    doc["header_roles"] = [*(doc.get("header_roles") or []), entry]
    sources.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first_entry(fix: str) -> dict:
    return yaml.safe_load(re.search(r"`- (\{pattern: .*?\})`", fix).group(1))


def test_each_first_advice_followed_reads_the_fifteenth_targets(tmp_path):
    plan = _case(tmp_path)
    followed = []
    for _ in range(5):
        try:
            ds = dataset.build(tmp_path / "raw", tmp_path / "config")
            break
        except InputError as err:
            entry = _first_entry(err.fix)
            followed.append((entry["pattern"], entry["role"]))
            _add(tmp_path, entry)
    else:
        pytest.fail(f"still stopping after {followed}")
    assert ("“十四五”目标", "remark") in followed and ("“十四五”完成", "base") in followed, followed
    assert ("“十四五”目标", "target") not in followed, followed
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030")
    assert [(r.kind, r.value, Path(r.source_file).name) for r in rows.itertuples()] == \
        [("target", 20.0, plan.name)]
    base = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025 "
                               "and kind == 'actual'")
    assert [(r.value, Path(r.source_file).name) for r in base.itertuples()] == [(15.2, plan.name)]


def test_a_target_role_for_another_periods_column_stops(tmp_path):
    """`role: target` given to “十四五”目标 anyway (the advice lead8 gave first): the run stops at that column, its
    advice `role: remark`, instead of reading the 十四五 targets as 2030's (or naming only the 十五五 column's
    entry)."""
    _case(tmp_path)
    entries = (("“十四五”目标", "target"), ("“十四五”完成", "base"), ("“十五五”目标", "target"))
    for pattern, role in entries:
        _add(tmp_path, {"pattern": pattern, "role": role})
    with pytest.raises(InputError) as stop:
        dataset.build(tmp_path / "raw", tmp_path / "config")
    assert "'“十四五”目标'" in stop.value.problem and "names 十四五" in stop.value.problem, stop.value.problem
    assert _first_entry(stop.value.fix) == {"pattern": "“十四五”目标", "role": "remark"}, stop.value.fix


def test_two_entries_reading_two_columns_as_the_targets_are_both_named(tmp_path):
    """Two year-less target headers (规划目标 and “十五五”目标), each given `role: target` by an entry: the stop names
    both entries and their lines, not the second alone (either may be the one at fault)."""
    final_evaluation_case(tmp_path)
    content = plan_content(tmp_path / "raw" / "tonglu_15.txt", tmp_path / "config")
    content.header = [h for h in HEADER if h != "“十四五”完成"]
    content.header[4] = "规划目标"
    content.rows = [row[:4] + [QUOTED[row[2]]] + row[5:] for row in content.rows]
    use_plan_file(tmp_path, "tonglu_15.txt", write_docx(content, tmp_path / "tonglu_15.docx"))
    _add(tmp_path, {"pattern": "规划目标", "role": "target"})
    _add(tmp_path, {"pattern": "“十五五”目标", "role": "target"})
    with pytest.raises(InputError) as stop:
        dataset.build(tmp_path / "raw", tmp_path / "config")
    assert "two header cells are read as the county's targets for 2030" in stop.value.problem, stop.value.problem
    lines = (tmp_path / "config" / "sources.yaml").read_text(encoding="utf-8").split("\n")
    for pattern in ("规划目标", "“十五五”目标"):
        line = next(i for i, text in enumerate(lines, 1) if f"pattern: {pattern}" in text)
        assert f"`pattern: '{pattern}'` (line {line}" in stop.value.fix, stop.value.fix
