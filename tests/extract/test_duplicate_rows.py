"""Two rows of a plan's table that stand for one indicator (issue 18, redteam15 lesser point "Advice to edit a published
plan"): the run stops at the second, as it should, but its advice was "if the plan writes one row twice, in the plan
document, delete the duplicated row; save it and run `make manifest`", which README and config/sources.yaml forbid (a
published plan is never edited). Now the advice is a catalogue entry of its own, or the row left out under the plan's
`readings:` (`row: left out`), and followed as written the run reads the other row.

The case is tests/support/final_evaluation.py (桐庐's 十四五 plan, 人才流失率 8 → 6, its 2025 actual 6.2), with a row
added after 人才流失率:
- 人才流失率（全县）, 8 → 7, its name added to the indicator's `source_names`, as the stop for an unknown name advises;
- or 人才流失率 written again, 8 → 7.
Either way the row left out, the 2025 target is the first row's 6 (6.2 against 6: 未达标), never 7.
"""
import re

import pytest
import yaml

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.data_step import build_refused
from support.final_evaluation import PLAN_14, final_evaluation_case

ROW = "\t人才结构\n\t4\n\t人才流失率\n\t%\n\t8\n\t6\n\t约束性\n"


def _case(root, second: str):
    final_evaluation_case(root)
    assert PLAN_14.count(ROW) == 1
    plan = PLAN_14.replace(ROW, ROW + f"\n\t\n\t4a\n\t{second}\n\t%\n\t8\n\t7\n\t约束性\n")
    (root / "raw" / "tonglu_14.txt").write_text(plan, encoding="utf-8")
    write_manifest(root / "raw")
    if second != "人才流失率":
        path = root / "config" / "catalogue.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        next(i for i in doc["indicators"] if i["id"] == "talent_outflow_rate")["source_names"].append(second)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _follow(root, fix: str) -> dict:
    found = re.search(r"- (\{indicator: [^{}]*\})", fix)
    assert found, fix
    reading = yaml.safe_load(found.group(1))
    assert reading["because"] == "…"
    reading["because"] = "桐庐县人才办答复：全县口径不列入监测"
    path = root / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == "tonglu_14.txt").setdefault("readings", []).append(reading)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return reading


@pytest.mark.parametrize("second", ["人才流失率（全县）", "人才流失率"])
def test_the_advice_for_a_row_twice_leaves_the_plan_as_published_and_followed_reads_the_first(tmp_path, second):
    root = _case(tmp_path, second)
    plan = (root / "raw" / "tonglu_14.txt").read_bytes()
    error = build_refused(root)
    assert "appears twice in the table" in error.problem
    assert "delete" not in error.fix and "in the plan document" not in error.fix
    assert "do not edit the published plan" in error.fix and "row: left out" in error.fix
    if second != "人才流失率":
        assert "take '人才流失率(全县)' out of `source_names` of talent_outflow_rate" in error.fix
    _follow(root, error.fix)
    ds = dataset.build(root / "raw", root / "config")
    targets = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_outflow_rate' and kind == 'target' "
                                "and year == 2025")
    assert list(targets["value"]) == [6] and list(targets["source_line"]) == [43]
    logged = ds.cleaning_log.query("entity == 'tonglu' and step == 'analyst_row_left_out'")
    assert len(logged) == 1 and logged.iloc[0]["source_line"] == 48
    assert (root / "raw" / "tonglu_14.txt").read_bytes() == plan


def test_a_row_reading_that_leaves_out_no_row_stops(tmp_path):
    root = final_evaluation_case(tmp_path)
    _follow(root, "- {indicator: '人才流失率（全县）', row: left out, because: '…'}")
    error = build_refused(root)
    assert "its row, left out" in error.problem and "matches no row" in error.problem


def test_a_row_reading_says_left_out(tmp_path):
    root = final_evaluation_case(tmp_path)
    _follow(root, "- {indicator: '人才流失率', row: skip, because: '…'}")
    error = build_refused(root)
    assert "`row: skip`" in error.problem and "row: left out" in error.fix


def test_the_cleaning_log_says_why_in_both_languages():
    from helpers.core.wording import decision_text, words
    values = {"name": "人才流失率（全县）", "because": "人才办答复", "config": "config/sources.yaml, line 30"}
    assert "人才流失率（全县）”一行不读取，依据分析人员在config/sources.yaml, line 30中的说明：人才办答复" in \
        decision_text("analyst_row_left_out", values, words("zh"))
    assert "is not read, the analyst's word in config/sources.yaml, line 30: 人才办答复" in \
        decision_text("analyst_row_left_out", values, words("en"))
