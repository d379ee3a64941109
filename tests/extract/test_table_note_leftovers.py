"""Plan table notes the table-note reader (helpers.extract.table_notes) left over (issue 18, class 1):

- a note on the end of a plan period (“十四五”末数据为预计数, 十四五期末, 规划期末) stopped as naming no column: it
  is that period's last year (the periods are data: config/sources.yaml), whose actual column it makes estimates;

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025 (the last year of 十四五), its base
column headed plainly `2025年`, published as a text export and a web page (all plan kinds share the reader). Its
monitoring workbook, whose 2025 figure for 人才资源总量 would be preferred, is taken out. By hand: under each note
below all five 2025 figures are estimates; under `注：〔〕内为五年累计数。` alone, none is.
"""
import json

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
KINDS = ["txt", "html"]


def _plan(workspace, kind: str, note: str) -> None:
    """桐庐's 十五五 plan published as `kind`, its table's note `note` (its 2025 column headed 2025年)."""
    if kind == "txt":
        text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
        assert text.count("\t注：〔〕内为五年累计数。¹为快报数。\n") == 1
        add_fifteenth_plan(workspace, "word_tab_cells", text.replace("注：〔〕内为五年累计数。¹为快报数。", note))
    else:
        header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
        rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
        tonglu_plan_published(workspace, PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note=note)),
                              kind)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _logged(ds, step: str) -> list[dict]:
    log = ds.cleaning_log
    return [json.loads(v) for v in log[(log["step"] == step) & (log["entity"] == "tonglu")]["values"]]


def _stopped(workspace, kind: str, note: str) -> InputError:
    _plan(workspace, kind, note)
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


# ------------------------------------------------------------------------------------------ a plan period's end

PERIOD_END = {"quoted": "注：〔〕内为五年累计数；“十四五”末数据为预计数。",
              "period": "注：〔〕内为五年累计数；十四五期末数据为预计数。",
              "plan-before": "注：〔〕内为五年累计数；上一规划期末数据为预计数。"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(PERIOD_END))
def test_the_end_of_a_plan_period_is_its_last_year(workspace, kind, name):
    """十四五 is 2020→2025 (config/sources.yaml): its end is 2025, the 十五五 plan's base column."""
    _plan(workspace, kind, PERIOD_END[name])
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [values] = _logged(ds, "estimated_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": PERIOD_END[name]}


@pytest.mark.parametrize("kind", KINDS)
def test_the_plans_own_end_is_its_target_year_and_stops(workspace, kind):
    """规划期末 of the 十五五 plan is 2030, a column of targets: it stops, as 2030年为预计数 does, saying so."""
    error = _stopped(workspace, kind, "注：〔〕内为五年累计数；规划期末数据为预计数。")
    assert "规划期末 is 2030, which has no column of actual figures" in error.problem, error.problem
    assert "table_notes: - {note: '规划期末数据为预计数', estimates: '2025年', because: '…'}" in error.fix
