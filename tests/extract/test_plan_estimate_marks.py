"""A plan figure with a note mark that the table's note defines as an estimate's is an estimate (issue 18, redteam14
finding 2b). Today's main read `15.2*` under `注：〔〕内为五年累计数；带*的为预计数。` as a firm 2025 actual, the mark
logged as a note mark only, and the 2025 final evaluation said 达标 on it (tests/report/
test_estimates_marked_outside_the_number.py). The table's note was read for 〔〕, but not for what a mark means.

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), its base column headed `2025年` (no 预计), published
as a text export, a .docx, a web page and a Chromium-printed PDF. Its 2025 cells 5① (省级以上人才科技孵化载体) and 4.1*
(每千人口执业医师数), with no 2025 workbook figure beside them, under a note that defines ① and * as estimates' marks
(① by `为预计值`, * by `带*的为预计数`), and 35¹ under `¹为快报数` (a preliminary count, no estimate: a note mark, as
before). With a note that defines no mark, every mark stays a note mark, as today.
"""
import json

import pytest

from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

DEFINED = "注：〔〕内为五年累计数。¹为快报数。①为预计值；带*的为预计数。"
UNDEFINED = "注：〔〕内为五年累计数。¹为快报数。"
CELLS = {"高技能人才占技能劳动者比例": ("35¹", "35¹"), "省级以上人才科技孵化载体": ("5", "5①"),
         "每千人口执业(助理)医师数": ("4.1", "4.1*")}
IDS = {"high_skilled_share_of_skilled": "35¹", "provincial_incubators": "5①", "physicians_per_1000": "4.1*"}


def _document(note: str) -> PlanContent:
    rows = [list(row) for row in DOCUMENT_TABLE["rows"]]
    for row in rows:
        if row[2] in CELLS:
            assert row[4] == CELLS[row[2]][0]
            row[4] = CELLS[row[2]][1]
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    return PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note=note))


def _text(workspace, note: str) -> None:
    text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("注：〔〕内为五年累计数。¹为快报数。", note)
    for name, (before, after) in CELLS.items():
        row = next(r for r in DOCUMENT_TABLE["rows"] if r[2] == name)
        assert text.count(f"\t{name}\n\t{row[3]}\n\t{before}\n") == 1
        text = text.replace(f"\t{name}\n\t{row[3]}\n\t{before}\n", f"\t{name}\n\t{row[3]}\n\t{after}\n")
    add_fifteenth_plan(workspace, "word_tab_cells", text)


def _base_2025(workspace, kind: str, note: str):
    if kind == "txt":
        _text(workspace, note)
    else:
        tonglu_plan_published(workspace, _document(note), kind)
    write_manifest(workspace / "raw")
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & ind["indicator_id"].isin(list(IDS))]
    return {r.indicator_id: (r.source_value, r.value, bool(r.estimated)) for r in rows.itertuples()}, ds


KINDS = ["txt", "docx", "html", pytest.param("pdf", marks=pytest.mark.slow)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_mark_the_note_defines_as_an_estimate_makes_the_figure_an_estimate(workspace, kind):
    got, ds = _base_2025(workspace, kind, DEFINED)
    assert got == {"high_skilled_share_of_skilled": ("35¹", 35.0, False),
                   "provincial_incubators": ("5①", 5.0, True), "physicians_per_1000": ("4.1*", 4.1, True)}
    log = ds.cleaning_log[ds.cleaning_log["step"] == "estimate_mark"]
    assert sorted(json.loads(v)["raw"] for v in log["values"]) == ["4.1*", "5①"]
    values = json.loads(log[log["indicator_id"] == "physicians_per_1000"]["values"].iloc[0])
    assert decision_text("estimate_mark", values, words("zh")) == (
        f"“4.1*”读作4.1；表注“{DEFINED}”说明注释标记*为预计：记为实际值的预计数，其他来源给出的实际值优先采用，"
        "预计数不作为实际值评估")


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_a_mark_the_note_does_not_define_stays_a_note_mark(workspace, kind):
    got, ds = _base_2025(workspace, kind, UNDEFINED)
    assert got == {"high_skilled_share_of_skilled": ("35¹", 35.0, False),
                   "provincial_incubators": ("5①", 5.0, False), "physicians_per_1000": ("4.1*", 4.1, False)}
    assert (ds.cleaning_log["step"] == "estimate_mark").sum() == 0
    marks = ds.cleaning_log[(ds.cleaning_log["step"] == "note_mark") & (ds.cleaning_log["entity"] == "tonglu")]
    marks = {json.loads(v)["raw"]: json.loads(v)["mark"] for v in marks["values"]}
    assert {raw: marks[raw] for raw in IDS.values()} == {"35¹": "¹", "5①": "①", "4.1*": "*"}


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_a_note_that_says_a_years_figures_are_estimates_makes_them_estimates(workspace, kind):
    """注：2025年为预计数 under a base column headed 2025年 (no mark): each 2025 figure is an estimate, as under the
    header 2025年（预计）; the column is logged with the note quoted. Main read them as firm actuals."""
    note = "注：〔〕内为五年累计数。2025年为预计数。"
    got, ds = _base_2025(workspace, kind, note)
    assert {k: v[2] for k, v in got.items()} == dict.fromkeys(IDS, True)
    [values] = [json.loads(v) for v in ds.cleaning_log[ds.cleaning_log["step"] == "estimated_by_note"]["values"]]
    assert values == {"header": "2025年", "year": 2025, "quote": note}
    assert decision_text("estimated_by_note", values, words("zh")) == (
        f"表注“{note}”说明2025年数值为预计：2025年列的2025年数值记为预计数；"
        "如有其他来源（监测工作簿、其他规划）给出的2025年数值，优先采用")
