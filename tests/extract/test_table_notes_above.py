"""A plan table's note above the table, and a note saying the figures are not yet verified (issue 18, redteam19
findings 5 and 8, class 1).

- Finding 5: a note between the table's title and the table (（2025年为预计数）, 注：2025年为预计数。, 单位：万人，%
  （2025年为预计数）, 2025年数据为预计数), or in the title's brackets, was not read: the 2025 figures stayed firm
  actuals (达标 in the 2025 brief). The title and the lines or paragraphs between it and the table are read as
  the note under the table is (helpers.extract.table_notes).
- Finding 8: a note saying the year's figures are not yet verified (2025年数据待核实, 尚未最终核定, 待统计部门核定,
  以统计部门最终公布为准) was not read. Read by the unverified family of a 备注 (name_meaning.remark_says), it stops,
  naming the note; the advice's table_notes: entry, followed, works both ways (the column estimates, or none).

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly
`2025年`, as a text export and a .docx. Its monitoring workbook (a 2025 figure would be preferred) is taken out. By
hand: under each note above all five 2025 figures are estimates; under none of them (单位 alone), none is.
"""
import json
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
KINDS = ["txt", "docx"]
TITLE = DOCUMENT_TABLE["title"]
NOTE = "注：〔〕内为五年累计数。"


def _plan(workspace, kind: str, above: str = "", title: str = TITLE, note: str = NOTE) -> None:
    """桐庐's 十五五 plan as `kind`, the line (paragraph) `above` between its table's title (`title`) and the
    table, its note under the table `note`."""
    if kind == "txt":
        text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
        assert text.count(f"\n{TITLE}\n") == 1 and text.count("\t注：〔〕内为五年累计数。¹为快报数。\n") == 1
        text = text.replace(f"\n{TITLE}\n", f"\n{title}\n" + (f"{above}\n" if above else ""))
        add_fifteenth_plan(workspace, "word_tab_cells", text.replace("注：〔〕内为五年累计数。¹为快报数。", note))
    else:
        import docx
        header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
        rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
        path = tonglu_plan_published(workspace, PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows,
                                                                   title=title, note=note)), kind)
        if above:
            document = docx.Document(str(path))
            paragraph = document.add_paragraph(above)
            document.tables[0]._tbl.addprevious(paragraph._p)
            document.save(str(path))
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _logged(ds, step: str) -> list[tuple[dict, str]]:
    log = ds.cleaning_log
    rows = log[(log["step"] == step) & (log["entity"] == "tonglu")]
    return [(json.loads(v), s) for v, s in zip(rows["values"], rows["evidence_values"])]


def _stopped(workspace) -> InputError:
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


# ------------------------------------------------------------------------------------------- a note above

ABOVE = ["（2025年为预计数）", "注：2025年为预计数。", "单位：万人，%（2025年为预计数）", "2025年数据为预计数"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("above", ABOVE)
def test_a_note_between_the_title_and_the_table_is_read(workspace, kind, above):
    """Main: the .docx's 2025 figures all firm (est=False); the text export stopped at the line as text inside the
    table."""
    _plan(workspace, kind, above)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [(values, sources)] = _logged(ds, "estimated_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": above}
    # its place: the line under the title (line 6 of the text export), the paragraph after the title (.docx)
    assert json.loads(sources)[0]["line"] == 6, sources


@pytest.mark.parametrize("kind", KINDS)
def test_a_note_in_the_titles_brackets_is_read(workspace, kind):
    title = f"{TITLE}（2025年为预计数）"
    _plan(workspace, kind, title=title)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [(values, _)] = _logged(ds, "estimated_by_note")
    assert values["quote"] == title


@pytest.mark.parametrize("kind", KINDS)
def test_a_caption_that_says_nothing_of_estimates_leaves_the_figures_firm(workspace, kind):
    _plan(workspace, kind, "单位：万人，%")
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, False)
    assert not _logged(ds, "estimated_by_note")


def test_a_note_above_that_cannot_be_tied_stops_and_the_advice_works(workspace):
    """（数据为预计数） names no column: it stops as the note under the table does (notes2)."""
    _plan(workspace, "docx", "（部分数据为预计数）")
    error = _stopped(workspace)
    assert "the table's note '（部分数据为预计数）' says '预计'" in error.problem, error.problem
    _follow(workspace, error, "2025年", "办公室答复：基期数据均为预计数")
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)


# ------------------------------------------------------------------------------------ not yet verified

UNVERIFIED = {"待核实": "2025年数据待核实", "尚未最终核定": "2025年数据尚未最终核定",
              "待统计部门核定": "2025年数据待统计部门核定",
              "以统计部门最终公布为准": "2025年数据以统计部门最终公布为准"}


def _follow(workspace, error: InputError, estimates: str, because: str) -> None:
    """The advice's `table_notes:` entry, copied into the plan's entry in sources.yaml as the analyst answers it."""
    entry = yaml.safe_load(re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix).group(1))
    entry.pop("rows", None)     # (a note for some rows, 部分: the office says it holds for every row of the column)
    entry.update(estimates=estimates, because=because)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(UNVERIFIED))
def test_a_note_saying_the_figures_are_not_yet_verified_stops(workspace, kind, name):
    """Main: the 2025 figures firm actuals, 达标 in the 2025 brief."""
    sentence = UNVERIFIED[name]
    _plan(workspace, kind, note=f"注：〔〕内为五年累计数；{sentence}。")
    error = _stopped(workspace)
    assert f"the table's note '{sentence}' says '" in error.problem and "(not yet verified) of the figures of " \
        "'2025年'" in error.problem, error.problem
    assert f"table_notes: - {{note: '{sentence}', estimates: '2025年', because: '…'}}" in error.fix, error.fix


@pytest.mark.parametrize(("estimates", "firm"), [("2025年", False), ("none", True)])
def test_the_advice_on_a_doubt_works_both_ways(workspace, estimates, firm):
    _plan(workspace, "txt", note=f"注：〔〕内为五年累计数；{UNVERIFIED['待核实']}。")
    _follow(workspace, _stopped(workspace), estimates, "办公室答复")
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, not firm)
    if not firm:
        [(values, _)] = _logged(ds, "analyst_table_note")
        assert values["header"] == "2025年" and values["because"] == "办公室答复"


def test_a_doubt_above_the_table_stops(workspace):
    _plan(workspace, "docx", "（2025年数据待核实）")
    error = _stopped(workspace)
    assert "the table's note '（2025年数据待核实）' says '待核实' (not yet verified)" in error.problem, error.problem


def test_a_doubt_on_figures_the_note_makes_estimates_adds_nothing(workspace):
    """2025年为预计数，以统计部门最终公布为准: the estimates are not judged; the doubt on them changes nothing."""
    _plan(workspace, "txt", note="注：〔〕内为五年累计数；2025年为预计数，以统计部门最终公布为准。")
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)


# ------------------------------------------------------------------------------------ a cell-per-line export

def test_a_cell_per_line_export_reads_a_note_above_its_header(sources):
    """安吉's plan (one cell a line): a line （2020年为预计数） under the title is no header cell but a note above the
    table, and its 2020年完成数 column (line 92 the title) reads as before. Main stopped: no table header."""
    from conftest import ANJI
    from helpers.core import paths
    from helpers.extract.tables import parse_plan_table, read_lines
    plan = next(p for p in sources.plans if p.entity == "anji")
    path = paths.RAW_DIR / ANJI
    lines = read_lines(path)
    assert lines[91] == "1 “十四五时期安吉人才发展主要指标"
    lines = [*lines[:92], "", "（2020年为预计数）", *lines[92:]]
    table = parse_plan_table(path, lines, plan, sources)
    assert [(c.raw, c.line) for c in table.above] == [("1 “十四五时期安吉人才发展主要指标", 92),
                                                      ("（2020年为预计数）", 94)]
    assert table.roles == ["serial", "name", "actual", "target", "target"] and len(table.rows) == 17
