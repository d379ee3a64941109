"""A text export's line naming the table's source (数据来源：…, 资料来源：…) under the table, tab-indented as the
export writes a merged row or not, closes the table and is read with its notes (issue 18, rt19d's leftover). Main
stopped the run: indented, as a row of one cell ('this table row has 1 cells but the header has 7'); not indented,
as 'unexpected text inside the table'; in a cell-per-line export, as a row without a number.

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), its 2025 column headed plainly 2025年, its monitoring
workbook taken out. By hand: under 注：…2025年为预计数。 (below the source line or above it) its five 2025 figures
are estimates; with the source line alone under the table they stay firm actuals, five of them.
"""
import json

import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import CELL_PLAN, WORD_PLAN, add_fifteenth_plan

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
NOTE = "注：〔〕内为五年累计数；2025年为预计数。"
SOURCE = "数据来源：县统计局、县人社局"
UNDER = {"source-indented": f"\t{SOURCE}\n\t{NOTE}\n",
         "source-indented-blank": f"\t{SOURCE}\n\n{NOTE}\n",
         "source-plain": f"{SOURCE}\n\t{NOTE}\n",
         "ziliao-indented": f"\t资料来源：县统计局\n{NOTE}\n",
         "note-then-source": f"\t{NOTE}\n\t{SOURCE}\n"}


def _estimated(workspace, layout: str, under: str) -> tuple[dict, dataset.Dataset]:
    if layout == "word_tab_cells":
        text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
        old = "\t注：〔〕内为五年累计数。¹为快报数。\n"
    else:
        text, old = CELL_PLAN.replace("35①", "35"), "注：[ ]内为五年累计数。①为快报数。\n"
    assert text.count(old) == 1
    add_fifteenth_plan(workspace, layout, text.replace(old, under))
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _quoted(ds) -> list[str]:
    log = ds.cleaning_log
    return [json.loads(v)["quote"] for v in log[(log["step"] == "estimated_by_note") &
                                                 (log["entity"] == "tonglu")]["values"]]


@pytest.mark.parametrize("name", list(UNDER))
def test_a_source_line_under_a_text_exports_table_closes_it_and_the_note_is_read(workspace, name):
    got, ds = _estimated(workspace, "word_tab_cells", UNDER[name])
    assert got == dict.fromkeys(IDS, True)
    assert _quoted(ds) == [NOTE]


@pytest.mark.parametrize("under", [f"\t{SOURCE}\n", f"{SOURCE}\n"], ids=["indented", "plain"])
def test_a_source_line_alone_closes_the_table_and_leaves_the_figures_firm(workspace, under):
    """The control: a source line says nothing of the figures; the five stay firm 2025 actuals (15.2 the first)."""
    got, ds = _estimated(workspace, "word_tab_cells", under)
    assert got == dict.fromkeys(IDS, False)
    ind = ds.indicators
    total = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["indicator_id"] == "talent_total")]
    assert list(total["value"]) == [15.2]


def test_a_source_line_above_the_note_of_a_cell_per_line_export(workspace):
    got, ds = _estimated(workspace, "cell_per_line", f"{SOURCE}\n\n{NOTE}\n\n")
    assert got == dict.fromkeys(IDS, True)
    assert _quoted(ds) == [NOTE]
