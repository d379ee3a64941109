"""A plan table's note that says its base figures are estimates is read however it says it (issue 18, redteam16
finding 3): the base named without its year (基期数据为预计数, 现状值为预计数, 基期值为预计数), part of a year
(2025年数据为1-11月数), a column by its number (第5列为预计数), 预期 of a year's figures (2025年为预期值), and a
numbered note on several lines (注：1.… then 2.…, the second item a line, a row or a paragraph of its own). Main
read each as a firm 2025 actual (and the 2025 brief said 达标 on it: tests/report/
test_estimates_marked_outside_the_number.py).

A note sentence that says 预计, 初步, 1-11月 or 11月 and cannot be tied to a column stops the run, naming the note; its
advice (`table_notes:` in config/sources.yaml) is followed here and works, either way it can be answered.

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly
`2025年` (the fifth column: 类别, 序号, 指标名称, 单位, 2025年, 2030年目标, 属性), published as a text export, a .docx,
a web page and a Chromium-printed PDF. By hand, its five 2025 figures are all estimates under each note below, and all
firm actuals under `注：〔〕内为五年累计数。` alone (its monitoring workbook, whose 2025 figure for 人才资源总量 would
be preferred, is taken out).
"""
import json
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
CUMULATIVE = "注：〔〕内为五年累计数。"
AFTER = ["三、主要任务", "示例。"]
# Each note as a table's one note (a line of the text export, the table's last row in a document)
NOTES = {"base": "注：〔〕内为五年累计数；基期数据为预计数。",
         "present": "注：〔〕内为五年累计数；现状值为预计数。",
         "base-value": "注：〔〕内为五年累计数；基期值为预计数。",
         "column": "注：〔〕内为五年累计数；第5列为预计数。",
         "expected": "注：〔〕内为五年累计数；2025年为预期值。",     # (预期 of a year's figures, not 预期性)
         "part-year": "注：〔〕内为五年累计数；2025年数据为1-11月数。"}
# A numbered note whose second item stands apart: its own line (text export) or paragraph after the table
ITEMS = ["注：1.〔〕内为五年累计数。", "2.2025年为预计数。"]


def _document(note: str = "", after: list[str] | None = None) -> PlanContent:
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
    return PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note=note, after=after or AFTER))


def _text(note_lines: list[str]) -> str:
    text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
    assert text.count("\t注：〔〕内为五年累计数。¹为快报数。\n") == 1
    return text.replace("\t注：〔〕内为五年累计数。¹为快报数。\n", "".join(f"\t{line}\n" for line in note_lines))


def _plan(workspace, kind: str, note_lines: list[str], as_paragraphs: bool = False) -> None:
    """The plan published as `kind`, its table's note `note_lines`: in a document the first is the table's last row
    and the others paragraphs after the table, or (as_paragraphs) every line a paragraph after the table."""
    if kind == "txt":
        add_fifteenth_plan(workspace, "word_tab_cells", _text(note_lines))
    elif as_paragraphs:
        tonglu_plan_published(workspace, _document(after=[*note_lines, *AFTER]), kind)
    else:
        tonglu_plan_published(workspace, _document(note_lines[0], [*note_lines[1:], *AFTER]), kind)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()     # no 2025 figure beside the plan's
    write_manifest(workspace / "raw")


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _logged(ds, step: str) -> list[dict]:
    log = ds.cleaning_log
    return [json.loads(v) for v in log[(log["step"] == step) & (log["entity"] == "tonglu")]["values"]]


ALL_ESTIMATED = dict.fromkeys(IDS, True)
KINDS = ["txt", "docx", "html", pytest.param("pdf", marks=pytest.mark.slow)]


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_without_a_note_on_estimates_the_base_figures_are_actuals(workspace, kind):
    """The control: 〔〕 alone says nothing of estimates."""
    _plan(workspace, kind, [CUMULATIVE])
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, False)
    assert not _logged(ds, "estimated_by_note")


@pytest.mark.parametrize("kind", ["txt", "docx", "html"])
@pytest.mark.parametrize("name", ["base", "present", "base-value", "column", "expected"])
def test_the_base_named_without_its_year_or_by_its_column_number(workspace, kind, name):
    _plan(workspace, kind, [NOTES[name]])
    got, ds = _estimated(workspace)
    assert got == ALL_ESTIMATED
    [values] = _logged(ds, "estimated_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": NOTES[name]}


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_a_note_that_says_part_of_the_year_makes_the_figures_estimates(workspace, kind):
    """As the header 2025年1-11月 does (part_year_column): an estimate of 2025, never its actual."""
    _plan(workspace, kind, [NOTES["part-year"]])
    got, ds = _estimated(workspace)
    assert got == ALL_ESTIMATED
    [values] = _logged(ds, "part_year_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": NOTES["part-year"], "words": "1-11月"}
    assert decision_text("part_year_by_note", values, words("zh")) == (
        f"表注“{NOTES['part-year']}”说明2025年数值为部分时期（1-11月），不是全年：2025年列的2025年数值记为预计数，"
        "不作为实际值；如有其他来源（监测工作簿、其他规划）给出的2025年数值，优先采用")
    ind = ds.indicators
    row = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["indicator_id"] == "talent_total")].iloc[0]
    assert {"code": "part_year_by_note", "year": 2025, "quote": NOTES["part-year"], "words": "1-11月"} in \
        json.loads(row["note_values"])


@pytest.mark.parametrize("kind", KINDS)
def test_every_numbered_item_of_the_note_is_read(workspace, kind):
    """注：1.〔〕内为五年累计数。 then 2.2025年为预计数。 on a line of its own (text export) or a paragraph after the
    table's note row (.docx, web page, PDF)."""
    _plan(workspace, kind, ITEMS)
    got, ds = _estimated(workspace)
    assert got == ALL_ESTIMATED
    [values] = _logged(ds, "estimated_by_note")
    assert values["year"] == 2025 and values["quote"].endswith("2.2025年为预计数。")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_notes_numbered_as_zhu_1_and_zhu_2_are_read_both(workspace, kind):
    """注1：… in the table's last row, then 注2：2025年为预计数。 a paragraph after the table."""
    _plan(workspace, kind, ["注1：〔〕内为五年累计数。", "注2：2025年为预计数。"])
    got, _ = _estimated(workspace)
    assert got == ALL_ESTIMATED


def test_an_item_of_a_text_exports_note_not_indented_is_read(workspace):
    """注：1.… then 2.2025年为预计数。 on a line of its own that is not indented under the note."""
    text = _text(ITEMS).replace("\t2.2025年为预计数。\n", "2.2025年为预计数。\n")
    assert "\n2.2025年为预计数。\n" in text
    add_fifteenth_plan(workspace, "word_tab_cells", text)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")
    got, _ = _estimated(workspace)
    assert got == ALL_ESTIMATED


@pytest.mark.parametrize("kind", ["docx", "html", pytest.param("pdf", marks=pytest.mark.slow)])
def test_a_note_in_paragraphs_after_the_table_is_read_whole(workspace, kind):
    """<p>注：</p><p>1.〔〕内为五年累计数。</p><p>2.2025年为预计数。</p> after the table (the .docx's paragraphs
    alike)."""
    _plan(workspace, kind, ["注：", "1.〔〕内为五年累计数。", "2.2025年为预计数。"], as_paragraphs=True)
    got, _ = _estimated(workspace)
    assert got == ALL_ESTIMATED


def test_the_note_ends_at_the_next_heading(workspace):
    """A paragraph that is no numbered item ends the note: 三、主要任务's 预计 is the prose's, not the note's."""
    _plan(workspace, "html", [CUMULATIVE])
    page = workspace / "raw" / "tonglu_15.html"
    text = page.read_text(encoding="utf-8")
    assert text.count("<p>示例。</p>") == 1
    page.write_text(text.replace("<p>示例。</p>", "<p>预计人才资源总量稳步增长。</p>"), encoding="utf-8")
    write_manifest(workspace / "raw")
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, False)


# A sentence the reader cannot tie to a column: what it says, and the words the message names
UNTIED = {"some-estimated": ("注：〔〕内为五年累计数；部分数据为预计数。", "部分数据为预计数", "'预计'"),
          "preliminary": ("注：〔〕内为五年累计数；个别数据为初步统计数。", "个别数据为初步统计数", "'初步统计'"),
          "month-alone": ("注：〔〕内为五年累计数；2025年数据为11月数。", "2025年数据为11月数", "(11月)"),
          "target-column": ("注：〔〕内为五年累计数；2030年为预计数。", "2030年为预计数", "'预计'"),
          "unit-column": ("注：〔〕内为五年累计数；第4列为预计数。", "第4列为预计数", "'预计'")}


def _stopped(workspace, kind: str, note: str) -> InputError:
    _plan(workspace, kind, [note])
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


@pytest.mark.parametrize("kind", ["txt", "html"])
@pytest.mark.parametrize("name", list(UNTIED))
def test_a_note_that_cannot_be_tied_to_a_column_stops_naming_it(workspace, kind, name):
    note, sentence, said = UNTIED[name]
    error = _stopped(workspace, kind, note)
    # the note's line: the text export's 54th, the web page's 26th (its <tr> of the note)
    assert error.location.endswith(f"tonglu_15.{kind}, line {54 if kind == 'txt' else 26}"), error.location
    assert f"the table's note '{sentence}'" in error.problem and said in error.problem, error.problem
    rows = "rows: ['…'], " if name == "some-estimated" else ""      # (部分: which rows, the advice asks)
    assert f"table_notes: - {{note: '{sentence}', estimates: '2025年', {rows}because: '…'}}" in error.fix, error.fix


def _follow(workspace, error: InputError, estimates: str, because: str) -> None:
    """The advice's `table_notes:` entry, copied into the plan's entry in sources.yaml as the analyst answers it."""
    example = re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix)
    entry = yaml.safe_load(example.group(1))
    assert entry["because"] == "…"
    entry.pop("rows", None)     # (a note for some rows, 部分: the office says it holds for every row of the column)
    entry.update(estimates=estimates, because=because)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_the_advice_followed_with_the_column_makes_its_figures_estimates(workspace, kind):
    note, sentence, _ = UNTIED["some-estimated"]
    _follow(workspace, _stopped(workspace, kind, note), "2025年", "办公室答复：基期各项数据均为预计数")
    got, ds = _estimated(workspace)
    assert got == ALL_ESTIMATED
    [values] = _logged(ds, "analyst_table_note")
    assert values["header"] == "2025年" and values["year"] == 2025 and values["quote"] == note
    assert values["because"] == "办公室答复：基期各项数据均为预计数"
    assert re.fullmatch(r".*sources\.yaml, line \d+", values["config"])


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_the_advice_followed_with_none_keeps_the_actuals_and_logs_why(workspace, kind):
    note, sentence, _ = UNTIED["month-alone"]
    _follow(workspace, _stopped(workspace, kind, note), "none", "办公室答复：11月为数据发布月份，均为全年数")
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, False)
    [values] = _logged(ds, "analyst_table_note_none")
    assert values["quote"] == sentence and values["because"] == "办公室答复：11月为数据发布月份，均为全年数"


def test_a_reading_of_a_note_the_plan_no_longer_says_stops(workspace):
    note, _, _ = UNTIED["some-estimated"]
    error = _stopped(workspace, "txt", note)
    _follow(workspace, error, "2025年", "办公室答复")
    (workspace / "raw" / "tonglu_15.txt").write_text(_text([CUMULATIVE]), encoding="utf-8")
    write_manifest(workspace / "raw")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.file.endswith("sources.yaml")
    assert "matches no sentence of the plan table's notes (under it, in its title" in stopped.value.problem


def test_a_reading_that_names_no_actual_column_stops(workspace):
    note, _, _ = UNTIED["some-estimated"]
    _follow(workspace, _stopped(workspace, "txt", note), "2030年目标", "办公室答复")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.file.endswith("sources.yaml")
    assert "names no column of the table's actual figures" in stopped.value.problem
    assert "(they are '2025年')" in stopped.value.problem
