"""The reading an error's advice offers for a plan cell in words is the cell's figure, never the year it names
(issue 18, redteam20 T6): for 人才资源总量's 2030 target cell `2030年达到20万人` the advice offered `reads: '2030'`
(the cell's first number). Followed word for word, the plan's 2030 target became 2030万人 (inside the catalogue's
plausible range), and the 十五五 outlook said the county needed a breakthrough to reach 2,030. The plan is
tests/support/fifteenth_plan.py's 桐庐 十五五 plan as a .docx; its 2030 target for 人才资源总量 is 20 (20左右)."""
from __future__ import annotations

from pathlib import Path

import pytest

from support.data_step import build, build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, reading_in_advice, use_plan_file, write_docx, write_reading

PLAN_FILE = "tonglu_15.docx"


def _plan(workspace: Path, column: int, written: str) -> None:
    rows = [list(row) for row in DOCUMENT_TABLE["rows"]]
    rows[0][column] = written
    add_fifteenth_plan(workspace, "word_tab_cells", monitoring=False)
    path = write_docx(PlanContent(**dict(DOCUMENT_TABLE, rows=rows)), workspace / "raw" / PLAN_FILE)
    use_plan_file(workspace, "tonglu_15.txt", path)


@pytest.mark.parametrize("column, written, year, kind, figure, reads", [
    (5, "2030年达到20万人", 2030, "target", 20.0, "20"),
    (5, "到2030年末20万人", 2030, "target", 20.0, "20"),
    (4, "2025年15.2万人", 2025, "actual", 15.2, "15.2"),
])
def test_the_advice_offers_the_cells_figure_not_its_year_and_followed_reads_it(workspace, column, written, year,
                                                                             kind, figure, reads):
    _plan(workspace, column, written)
    error = build_refused(workspace)
    reading = reading_in_advice(error.fix)
    assert (reading["cell"], reading["reads"]) == (written, reads), error.fix
    write_reading(workspace, reading | {"because": f"规划表原文：{written}"}, file=PLAN_FILE)
    ds = build(workspace)
    [value] = ds.indicators.query(f"entity == 'tonglu' and indicator_id == 'talent_total' and year == {year} "
                                  f"and kind == '{kind}' and origin == 'table'")["value"]
    assert value == figure


def test_a_cell_that_names_only_a_year_offers_no_figure(workspace):
    """`2030年` alone in the 2030 target cell holds no figure: the advice's reading is '/' (no target), not 2030."""
    _plan(workspace, 5, "2030年")
    assert reading_in_advice(build_refused(workspace).fix)["reads"] in ("/", "…")


@pytest.mark.parametrize("written, reads, comparator", [
    ("高于40", ">40", ">"), ("多于40", ">40", ">"), ("逾40", ">40", ">"), ("至少40", "≥40", ">="),
])
def test_the_advice_keeps_the_bound_the_cells_words_give_and_followed_reads_it(workspace, written, reads,
                                                                              comparator):
    """redteam20 T10: 高技能人才占技能劳动者比例's 2030 target cell `高于40` was offered `reads: '40'`; followed, "more
    than 40" was the exact target 40, and an actual of 40 would be 达标. The reading keeps the bound."""
    rows = [list(row) for row in DOCUMENT_TABLE["rows"]]
    row = next(i for i, r in enumerate(rows) if r[2] == "高技能人才占技能劳动者比例")
    rows[row][5] = written
    add_fifteenth_plan(workspace, "word_tab_cells", monitoring=False)
    path = write_docx(PlanContent(**dict(DOCUMENT_TABLE, rows=rows)), workspace / "raw" / PLAN_FILE)
    use_plan_file(workspace, "tonglu_15.txt", path)
    error = build_refused(workspace)
    reading = reading_in_advice(error.fix)
    assert (reading["cell"], reading["reads"]) == (written, reads), error.fix
    write_reading(workspace, reading | {"because": f"规划表原文：{written}"}, file=PLAN_FILE)
    ds = build(workspace)
    [target] = ds.indicators.query("entity == 'tonglu' and indicator_id == 'high_skilled_share_of_skilled' "
                                   "and year == 2030 and kind == 'target' and origin == 'table'"
                                   )[["value", "comparator"]].values
    assert (target[0], target[1]) == (40.0, comparator)
