"""A plan's base column whose header says more than its year in a way the table's note or the year's start decides
(issue 18, redteam16 finding 6, lesser).

桐庐's made-up 十五五 plan (tests/support/fifteenth_plan.py, base year 2025), its base column headed otherwise.
Found on main (f1f00a4):
- `2025年*` under `注：…带*的为预计数。` stopped as "not a known column", and the advice's first entry was
  `role: target`; its `role: year` (or actual), followed, read 15.2 as a firm 2025 actual. The project reads that
  same note for a cell's mark (15.2*: tests/extract/test_plan_estimate_marks.py).
- `2025年初` (the start of 2025: the end of 2024) stopped, the advice offered target first, and `role: actual`,
  followed, read 15.2 as 2025's actual, a year late (a workbook's 年初 is the year before's: name_meaning.START).
By hand: the note defines * as 预计数, so the marked column's figures are 2025's estimates, each (5 rows); 年初 2025
is the end of 2024, so the column's figures are 2024's actuals, up to the base year 2025.
"""
import json

import pytest
import yaml

from conftest import copy_of_project
from helpers.core.errors import InputError
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent, built_by_the_header_advice

BASE = "\t2025年（预计）\n"
NOTE = "注：〔〕内为五年累计数。¹为快报数。"
MARKED_NOTE = "注：〔〕内为五年累计数。¹为快报数。带*的为预计数。"
ROWS = 5
# 人才资源总量's 2025 figure in 桐庐's workbook is preferred to the plan's estimate, which leaves the dataset
ESTIMATES = 4


@pytest.fixture
def workspace(tmp_path):
    copy_of_project(tmp_path)
    return tmp_path


def _plan(workspace, kind: str, header: str, note: str = NOTE, target: str = "2030年目标") -> None:
    if kind == "txt":
        assert WORD_PLAN.count(BASE) == 1 and WORD_PLAN.count(NOTE) == 1
        add_fifteenth_plan(workspace, "word_tab_cells", WORD_PLAN.replace(BASE, f"\t{header}\n")
                           .replace(NOTE, note).replace("\t2030年目标\n", f"\t{target}\n"))
    else:
        head = [{"2025年（预计）": header, "2030年目标": target}.get(h, h) for h in DOCUMENT_TABLE["header"]]
        tonglu_plan_published(workspace, PlanContent(**dict(DOCUMENT_TABLE, header=head, note=note)), kind)
    write_manifest(workspace / "raw")


def _from_plan(ds) -> dict:
    """桐庐's figures from its plan's table by year and kind: {(year, kind): [estimated, …]}."""
    rows = ds.indicators.query("entity == 'tonglu' and origin == 'table'")
    out: dict = {}
    for r in rows.itertuples():
        out.setdefault((int(r.year), r.kind), []).append(bool(r.estimated))
    return out


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_a_header_mark_the_note_defines_as_an_estimate_makes_the_column_estimates(workspace, kind):
    _plan(workspace, kind, "2025年*", MARKED_NOTE)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _from_plan(ds) == {(2025, "actual"): [True] * ESTIMATES, (2030, "target"): [False] * ROWS}
    [values] = [json.loads(v) for v in ds.cleaning_log.query("step == 'estimate_mark_header'")["values"]]
    assert values == {"header": "2025年*", "year": 2025, "mark": "*", "quote": MARKED_NOTE}
    assert decision_text("estimate_mark_header", values, words("zh")) == (
        f"2025年*列标题带注释标记*，表注“{MARKED_NOTE}”说明*为预计：其2025年数值记为预计数；"
        "如有其他来源（监测工作簿、其他规划）给出的2025年数值，优先采用")
    assert decision_text("estimate_mark_header", values, words("en")) == (
        f"the column 2025年* carries the note mark *, which the table's note “{MARKED_NOTE}” says marks an "
        "estimate: its 2025 figures are recorded as estimates, and a stated figure for 2025 (a monitoring workbook, "
        "another plan) is preferred")


def test_a_header_mark_the_note_does_not_define_stops_and_the_advice_followed_gives_estimates(workspace):
    """No note defines *: what the column holds cannot be told. The advice's first entry is the estimate's."""
    _plan(workspace, "txt", "2025年*")
    with pytest.raises(InputError) as stop:
        dataset.build(workspace / "raw", workspace / "config")
    assert "carries the note mark *" in stop.value.problem and "does not define it" in stop.value.problem
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == [r"- {pattern: '(?P<year>\d{4})(?P<estimated>年\*)', role: year}"]
    assert _from_plan(ds)[(2025, "actual")] == [True] * ESTIMATES


def test_a_target_header_the_note_marks_as_an_estimate_stops(workspace):
    _plan(workspace, "txt", "2025年", MARKED_NOTE, target="2030年目标*")
    with pytest.raises(InputError) as stop:
        dataset.build(workspace / "raw", workspace / "config")
    assert stop.value.problem == (f"the column '2030年目标*' is read as 2030's targets, but the table's note "
                                  f"'{MARKED_NOTE}' says the mark * marks estimates: a target marked as an estimate "
                                  "cannot be judged as the plan's target")


def _with_role(workspace, pattern: str, role: str) -> None:
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["header_roles"] = [{"pattern": pattern, "role": role}]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_start_of_a_year_is_read_as_the_end_of_the_year_before(workspace):
    """2025年初: the advice's first entry is `role: year`; followed, the figures are 2024's actual values (by the
    plan's period: 2024 is before its base year 2025), never 2025's; logged with the reason."""
    _plan(workspace, "txt", "2025年初")
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == [r"- {pattern: '(?P<year>\d{4})年初', role: year}"]
    assert _from_plan(ds) == {(2024, "actual"): [False] * ROWS, (2030, "target"): [False] * ROWS}
    [values] = [json.loads(v) for v in ds.cleaning_log.query("step == 'year_start_column'")["values"]]
    assert values == {"header": "2025年初", "start": 2025, "year": 2024, "words": "年初"}
    assert decision_text("year_start_column", values, words("zh")) == (
        "2025年初列为2025年初（年初）的数值，即2024年末：读作2024年数值（年初数即上一年的年末数，读作2025年数值则晚了一年）")
    assert decision_text("year_start_column", values, words("en")) == (
        "the column 2025年初 gives the start of 2025 (年初), the end of 2024: its figures are read as 2024's (read "
        "as 2025's they would be a year late)")
    talent = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and origin == 'table' "
                                 "and kind == 'actual'")
    assert [(int(r.year), r.value) for r in talent.itertuples()] == [(2024, 15.2)]


@pytest.mark.parametrize("role", ["actual", "year"])
def test_a_pattern_for_the_start_of_a_year_reads_the_year_before(workspace, role):
    """redteam16's follow: `role: actual` on 2025年初 read 15.2 as 2025's actual."""
    _plan(workspace, "txt", "2025年初")
    _with_role(workspace, r"(?P<year>\d{4})年初", role)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _from_plan(ds) == {(2024, "actual"): [False] * ROWS, (2030, "target"): [False] * ROWS}


def test_the_start_of_a_year_is_never_a_target(workspace):
    _plan(workspace, "txt", "2025年初")
    _with_role(workspace, r"(?P<year>\d{4})年初", "target")
    with pytest.raises(InputError) as stop:
        dataset.build(workspace / "raw", workspace / "config")
    assert stop.value.problem == ("the column '2025年初' gives the start of 2025 (年初), the end of 2024, but is read "
                                  "as targets: a plan's targets are for whole years, and the start of a year is the "
                                  "end of the year before")
