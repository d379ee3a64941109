"""A plan table's note is read whatever its label, and wherever it stands among the paragraphs right under the table
(issue 18, redteam19 finding 11, 11b, 11c): headed 说明：, 备注：, 附注：, 注释：, written in brackets （注：…）, or
with no label at all (〔〕内为五年累计数；2025年为预计数。 right under the table); after a line naming the figures'
source (数据来源：…, 资料来源：…, 表中数据均为全口径); and a 注 that ends mid-sentence (at ；) going on in the next
paragraph or line. Main read only 注：/注1： and the numbered items under it: each note below left the 2025 figures
firm actuals (and the 2025 brief said 达标 on them: tests/report/test_estimates_marked_outside_the_number.py).

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly
`2025年`, published as a text export, a .docx and a web page. By hand, its five 2025 figures are estimates under each
note below (each says 2025年为预计数), and firm actuals when the paragraph under the table is the text going on.
"""
import json

import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
AFTER = ["三、主要任务", "示例。"]
SAYS = "〔〕内为五年累计数；2025年为预计数。"
# The note under each label (finding 11)
LABELLED = {"shuoming": f"说明：{SAYS}", "beizhu": f"备注：{SAYS}", "fuzhu": f"附注：{SAYS}",
            "zhushi": f"注释：{SAYS}", "bracketed": f"（注：{SAYS}）"}
# The paragraphs under the table: a source line before the 注 (11b), a 注 going on in the next paragraph (11c), the
# note with no label (11)
UNDER = {"source": ["数据来源：县统计局、县人社局", f"注：{SAYS}"],
         "source-ziliao": ["资料来源：县统计局", f"注：{SAYS}"],
         "scope": ["表中数据均为全口径。", f"注：{SAYS}"],
         "goes-on": ["注：〔〕内为五年累计数；", "2025年为预计数。"],
         "unlabelled": [SAYS]}


def _document(after: list[str]) -> PlanContent:
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
    return PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note="", after=after))


def _text(note: str) -> str:
    """The text export with `note` for its table's note (its closing line and what follows it)."""
    text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
    assert text.count("\t注：〔〕内为五年累计数。¹为快报数。\n") == 1
    return text.replace("\t注：〔〕内为五年累计数。¹为快报数。\n", note)


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()     # no 2025 figure beside the plan's
    write_manifest(workspace / "raw")
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _quoted(ds) -> list[str]:
    log = ds.cleaning_log
    return [json.loads(v)["quote"] for v in log[(log["step"] == "estimated_by_note") &
                                                 (log["entity"] == "tonglu")]["values"]]


@pytest.mark.parametrize("kind", ["docx", "html"])
@pytest.mark.parametrize("name", list(LABELLED))
def test_a_note_under_any_label_in_the_paragraph_under_the_table_is_read(workspace, kind, name):
    tonglu_plan_published(workspace, _document([LABELLED[name], *AFTER]), kind)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    assert _quoted(ds) == [LABELLED[name]]


@pytest.mark.parametrize("name", ["shuoming", "bracketed"])
def test_a_note_under_any_label_in_the_table_row_is_read(workspace, name):
    """The note as the table's last row, merged across it (.docx)."""
    tonglu_plan_published(workspace, PlanContent(**dict(vars(_document(AFTER)), note=LABELLED[name])), "docx")
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)


@pytest.mark.parametrize("name", list(LABELLED))
def test_a_text_exports_note_under_any_label_closes_the_table_and_is_read(workspace, name):
    add_fifteenth_plan(workspace, "word_tab_cells", _text(f"\t{LABELLED[name]}\n"))
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    assert _quoted(ds) == [LABELLED[name]]


@pytest.mark.parametrize("kind", ["docx", "html"])
@pytest.mark.parametrize("name", list(UNDER))
def test_the_paragraphs_under_the_table_are_its_notes(workspace, kind, name):
    tonglu_plan_published(workspace, _document([*UNDER[name], *AFTER]), kind)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [quote] = _quoted(ds)
    assert quote.endswith("2025年为预计数。"), quote


def test_a_text_exports_note_going_on_in_the_next_line_is_read(workspace):
    """注：〔〕内为五年累计数； closes the table; 2025年为预计数。 goes on in the next line, not indented."""
    add_fifteenth_plan(workspace, "word_tab_cells", _text("\t注：〔〕内为五年累计数；\n2025年为预计数。\n"))
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_the_text_going_on_under_the_table_is_no_note(workspace, kind):
    """The control: a paragraph of the text going on right under the table (no label, nothing of the table, no
    estimate word), then one saying 2025年为预计数 after it, are the text's, not the table's: the figures stay firm."""
    tonglu_plan_published(workspace, _document(["注：〔〕内为五年累计数。", "全县人才工作取得新成效。",
                                                "2025年为预计数。", *AFTER]), kind)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, False)
    assert not _quoted(ds)
