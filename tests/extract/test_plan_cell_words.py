"""A plan's value cell whose words beside the figure say more than the figure (redteam19 finding
6): part of a year (15.2（1-11月）, 15.2（截至11月）), an estimate (15.2（估）, 15.2（暂定）, 15.2（预）), a
doubt (15.2（待核实）). The cell stops; the advice's reading used to be the bare figure (reads:
'15.2'), which followed made a firm 2025 actual, 达标. Now the advice keeps an estimate one
(reads: '15.2（预计）') and gives no actual for the others (reads: '/'), and an analyst's bare
reading stops unless its because quotes the cell's words. The plan is
tests/support/fifteenth_plan.py's, its 2025 column headed 2025年 (no 预计 in the header), so only
the cell can make 15.2 an estimate."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml

from support.data_step import build, build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, use_plan_file, write_docx

PLAN_FILE = "tonglu_15.docx"


def _plan(workspace: Path, written: str) -> None:
    """桐庐's 十五五 plan as a .docx, its 2025 column headed 2025年, 人才资源总量's 2025 cell `written`."""
    rows = [list(row) for row in DOCUMENT_TABLE["rows"]]
    rows[0][4] = written
    header = list(DOCUMENT_TABLE["header"])
    header[4] = "2025年"
    add_fifteenth_plan(workspace, "word_tab_cells", monitoring=False)
    path = write_docx(PlanContent(**dict(DOCUMENT_TABLE, rows=rows, header=header)), workspace / "raw" / PLAN_FILE)
    use_plan_file(workspace, "tonglu_15.txt", path)


def _add_reading(workspace: Path, reading: dict) -> None:
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == PLAN_FILE).setdefault("readings", []).append(reading)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _advice(fix: str) -> dict:
    found = re.search(r"- (\{indicator: [^{}]*\})", fix)
    assert found, fix
    return yaml.safe_load(found.group(1))


def _actual_2025(workspace: Path) -> dict:
    ds = build(workspace)
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025 "
                               "and origin == 'table' and kind == 'actual'")
    assert len(rows) == 1, rows
    return rows.iloc[0].to_dict()


@pytest.mark.parametrize("written, words, reads", [
    ("15.2（1-11月）", "1-11月", "/"),
    ("15.2（截至11月）", "截至11月", "/"),
    ("15.2（待核实）", "待核实", "/"),
    ("15.2（估）", "估", "15.2（预计）"),
    ("15.2（暂定）", "暂定", "15.2（预计）"),
    ("15.2（预）", "预", "15.2（预计）"),
])
def test_the_advice_for_a_cell_keeps_what_its_words_say(workspace, written, words, reads):
    """Followed (because: 规划表原文), the advice gives no 2025 actual from the plan for a part of a year or a doubt,
    and an estimate for 估/暂定/预: never the firm actual 15.2 (est=False) it gave before."""
    _plan(workspace, written)
    error = build_refused(workspace)
    assert "not a number the project can read" in error.problem
    reading = _advice(error.fix)
    assert (reading["cell"], reading["reads"]) == (written, reads)
    assert words in error.fix
    reading["because"] = "规划表原文"
    _add_reading(workspace, reading)
    actual = _actual_2025(workspace)
    if reads == "/":
        assert math.isnan(actual["value"])
    else:
        assert actual["value"] == 15.2 and bool(actual["estimated"]) is True
    assert actual["source_value"] == written


@pytest.mark.parametrize("written, words", [("15.2（1-11月）", "1-11月"), ("15.2（估）", "估")])
def test_a_bare_reading_of_a_cell_whose_words_say_more_stops_unless_because_quotes_them(workspace, written, words):
    """reads: '15.2' drops the cell's words (the advice's old entry, followed): it stops at its line in
    sources.yaml; with because quoting the words and why (the office's answer), it stands as the analyst's."""
    _plan(workspace, written)
    _add_reading(workspace, {"indicator": "人才资源总量", "cell": written, "reads": "15.2", "because": "规划表原文"})
    error = build_refused(workspace)
    assert error.file.endswith("sources.yaml") and isinstance(error.where, int)
    assert "the cell's words" in error.problem and words in error.problem and "drops them" in error.problem

    doc = yaml.safe_load((workspace / "config" / "sources.yaml").read_text(encoding="utf-8"))
    entry = next(p for p in doc["plans"] if p["file"] == PLAN_FILE)
    entry["readings"][0]["because"] = f"人才办答复：{words}所标数即2025年全年数"
    (workspace / "config" / "sources.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                       encoding="utf-8")
    actual = _actual_2025(workspace)
    assert actual["value"] == 15.2 and bool(actual["estimated"]) is False
    note = next(n for n in json.loads(actual["note_values"]) if n["code"] == "analyst_reading")
    assert words in note["because"]


def test_a_cell_whose_words_say_a_preliminary_count_or_a_stretch_keeps_its_figure(workspace):
    """初步核算 is a preliminary count, read as the year's actual (docs/data.md): its advice stays the figure."""
    _plan(workspace, "15.2（初步核算）")
    error = build_refused(workspace)
    assert _advice(error.fix)["reads"] == "15.2"
