"""A Word footnote, endnote or comment anchored in a plan table's header or cell is read as the table's note (issue
18, redteam19 finding 1). Main read none of them (word/footnotes.xml, endnotes.xml and comments.xml were read by
nothing): `2025年数据为预计数` in a footnote on the 2025 column's header left its five figures firm actuals, and the
2025 brief said 达标 on the plan's estimate (tests/runs/test_footnote_brief.py), where the same words in the 注 under
the table made them estimates (tests/extract/test_table_note_block.py).

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py) as a .docx, base year 2025, its base column headed
plainly `2025年` (the fifth column, row 0 the header), its note only `注：〔〕内为五年累计数。`, its monitoring workbook
taken out. By hand: a note naming 2025 makes the five 2025 figures estimates; 此为预计数 (no year) on the header
`2025年` makes them all estimates, and on the cell 15.2 (row 1) makes 人才资源总量's alone an estimate, the other four
firm actuals.
"""
import json

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, tonglu_plan_published
from support.plan_documents import PlanContent, attach_note

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
ALL = dict.fromkeys(IDS, True)
FIRM = dict.fromkeys(IDS, False)
HEADER, TOTAL = (0, 4), (1, 4)      # the header 2025年; 人才资源总量's 2025 figure 15.2
PLACE_HEADER = {"code": "table_cell", "table": 1, "row": 1, "column": 5}
PLACE_TOTAL = {"code": "table_cell", "table": 1, "row": 2, "column": 5}


def _plan(workspace, kind: str, text: str, at: tuple[int, int] = (0, 0), mark: str = "", paragraph: str = "",
          raised: bool = True):
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
    content = PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note="注：〔〕内为五年累计数。"))
    path = tonglu_plan_published(workspace, content, "docx")
    attach_note(path, kind, text, *at, mark=mark, paragraph=paragraph, raised=raised)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()     # no 2025 figure beside the plan's
    write_manifest(workspace / "raw")


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _logged(ds, step: str) -> list[tuple[dict, dict]]:
    log = ds.cleaning_log
    rows = log[(log["step"] == step) & (log["entity"] == "tonglu")]
    return [(json.loads(v), json.loads(p) if isinstance(p, str) and p else {})
            for v, p in zip(rows["values"], rows["source_place"])]


@pytest.mark.parametrize("kind", ["footnote", "endnote", "comment"])
def test_a_note_apart_on_the_header_naming_its_year_makes_the_column_estimates(workspace, kind):
    _plan(workspace, kind, "2025年数据为预计数", HEADER)
    got, ds = _estimated(workspace)
    assert got == ALL
    [(values, _)] = _logged(ds, "estimated_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": "2025年数据为预计数"}
    [(read, place)] = _logged(ds, "note_apart")
    assert read == {"apart": {"code": kind}, "quote": "2025年数据为预计数"} and place == PLACE_HEADER


def test_a_footnote_on_the_header_without_a_year_makes_its_column_estimates(workspace):
    _plan(workspace, "footnote", "此为预计数", HEADER)
    got, _ = _estimated(workspace)
    assert got == ALL


@pytest.mark.parametrize("kind", ["footnote", "comment"])
def test_a_note_apart_on_a_figure_without_a_year_makes_that_figure_alone_an_estimate(workspace, kind):
    _plan(workspace, kind, "此为预计数", TOTAL)
    got, ds = _estimated(workspace)
    assert got == dict(FIRM, talent_total=True)
    [(values, place)] = _logged(ds, "estimated_by_note_apart")
    assert values == {"raw": "15.2", "apart": {"code": kind}, "quote": "此为预计数"} and place == PLACE_TOTAL
    assert decision_text("estimated_by_note_apart", values, words("zh")).startswith(
        f"“15.2”：其上的{'脚注' if kind == 'footnote' else '批注'}“此为预计数”说明为预计数")
    row = ds.indicators.query("entity == 'tonglu' and year == 2025 and indicator_id == 'talent_total'").iloc[0]
    assert {"code": "estimated_by_note_apart", "apart": {"code": kind}, "quote": "此为预计数"} in \
        json.loads(row["note_values"])


@pytest.mark.parametrize("paragraph", [DOCUMENT_TABLE["title"], "三、主要任务"])
def test_a_footnote_on_the_tables_title_is_its_note_and_one_on_the_prose_is_not(workspace, paragraph):
    """The title's paragraph (the body's 5th) is the table's; the heading after its note is prose (not read here)."""
    _plan(workspace, "footnote", "2025年数据为预计数", paragraph=paragraph)
    got, ds = _estimated(workspace)
    assert got == (ALL if paragraph == DOCUMENT_TABLE["title"] else FIRM)
    logged = _logged(ds, "note_apart")
    assert logged == ([({"apart": {"code": "footnote"}, "quote": "2025年数据为预计数"},
                        {"code": "paragraph", "paragraph": 5})] if paragraph == DOCUMENT_TABLE["title"] else [])


def test_a_footnote_that_says_nothing_of_the_figures_is_logged_with_its_place(workspace):
    _plan(workspace, "footnote", "资料来源：县统计局", TOTAL)
    got, ds = _estimated(workspace)
    assert got == FIRM
    [(values, place)] = _logged(ds, "note_apart")
    assert values == {"apart": {"code": "footnote"}, "quote": "资料来源：县统计局"} and place == PLACE_TOTAL


@pytest.mark.parametrize("mark, raised", [("", True), ("1", True), ("1", False)], ids=["numbered", "custom", "plain"])
def test_the_footnote_reference_mark_is_no_digit_of_the_figure(workspace, mark, raised):
    """Word numbers a footnote's reference itself (no text in the cell): 15.2 stays 15.2; a custom mark (自定义标记
    1) is a note mark, not a digit, superscript as Word's style sets it or not (main read the plain one 15.21)."""
    _plan(workspace, "footnote", "资料来源：县统计局", TOTAL, mark=mark, raised=raised)
    ds = dataset.build(workspace / "raw", workspace / "config")
    row = ds.indicators.query("entity == 'tonglu' and year == 2025 and indicator_id == 'talent_total'").iloc[0]
    assert row["value"] == 15.2 and row["source_value"] == "15.2" + ("¹" if mark else "")


def _stopped(workspace, text: str, at: tuple[int, int]) -> InputError:
    _plan(workspace, "footnote", text, at)
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


def _follow(workspace, error: InputError, estimates: str, because: str) -> None:
    import re
    entry = yaml.safe_load(re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix).group(1))
    entry.update(estimates=estimates, because=because)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_footnote_that_cannot_be_tied_stops_naming_its_cell_and_the_advice_works_both_ways(workspace):
    """此为预计数 on the indicator's name (row 1, column 3): no year, nor a column's header or figure to tie it to."""
    error = _stopped(workspace, "此为预计数", (1, 2))
    assert error.location.endswith("tonglu_15.docx, table 1, row 2, column 3"), error.location
    said = "the footnote (脚注) '此为预计数', anchored in this cell of the table, says '预计'"
    assert said in error.problem, error.problem
    assert "table_notes: - {note: '此为预计数', estimates: '2025年', because: '…'}" in error.fix, error.fix
    _follow(workspace, error, "2025年", "办公室答复：该项2025年数据为预计数")
    got, ds = _estimated(workspace)
    assert got == ALL
    [(values, _)] = _logged(ds, "analyst_table_note")
    assert values["quote"] == "此为预计数"


def test_a_footnote_on_a_figure_naming_a_year_the_table_has_no_column_for_stops(workspace):
    """2024年为预计数 on 15.2 (the 2025 column): the year it names is not the cell's; its anchor does not tie it."""
    error = _stopped(workspace, "2024年为预计数", TOTAL)
    assert error.location.endswith("tonglu_15.docx, table 1, row 2, column 5"), error.location


def test_the_advice_followed_with_none_keeps_the_actuals(workspace):
    error = _stopped(workspace, "此为预计数", (1, 2))
    _follow(workspace, error, "none", "办公室答复：指标口径为预计，数据为实际")
    got, ds = _estimated(workspace)
    assert got == FIRM
    [(values, _)] = _logged(ds, "analyst_table_note_none")
    assert values["quote"] == "此为预计数"



def _web_plan(workspace, footnote: str) -> None:
    """The plan as a web page whose 15.2 carries a footnote's mark linking to the list at the page's end, as Word's
    Save as Web Page writes one (<sup><a href="#_ftn1">1</a></sup>, then <p><a name="_ftn1">[1]</a> …</p>)."""
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
    content = PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note="注：〔〕内为五年累计数。"))
    path = tonglu_plan_published(workspace, content, "html")
    page = path.read_text(encoding="utf-8")
    assert page.count(">15.2<") == 1 and page.count("<p>示例。</p>") == 1
    page = page.replace(">15.2<", '>15.2<sup><a href="#_ftn1" name="_ftnref1">1</a></sup><').replace(
        "<p>示例。</p>", f'<p>示例。</p><p><a href="#_ftnref1" name="_ftn1">[1]</a> {footnote}</p>')
    path.write_text(page, encoding="utf-8")
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")


@pytest.mark.parametrize("footnote", ["2025年数据为预计数", "此为预计数", "资料来源：县统计局"])
def test_a_web_pages_footnote_linked_from_a_figure_is_read(workspace, footnote):
    """Main read 15.2¹ as a firm actual with an undefined mark, the list at the page's end read by nothing."""
    _web_plan(workspace, footnote)
    got, ds = _estimated(workspace)
    assert got == {"2025年数据为预计数": ALL, "此为预计数": dict(FIRM, talent_total=True)}.get(footnote, FIRM)
    [(values, place)] = _logged(ds, "note_apart")
    assert values == {"apart": {"code": "footnote"}, "quote": footnote} and place["code"] == "line"
