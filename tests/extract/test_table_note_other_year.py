"""A plan table's note that ties a column to another year's figures (2025年数据为2024年数,
基期数据为2024年数据, 现状值为2024年底数, 第5列为2024年数据, 2025年数据为上年数,
部分指标基期值为2024年数据) stops the run, naming the file, the note's line and its sentence (issue 18, redteam18
finding 5). Main read each as firm base-year actuals: the base of 〔〕 changes and of growth rates taken from the
wrong year, with no word.

The advice (`table_notes:` under the plan's entry in config/sources.yaml, `column:` and `year:`) is followed here both
ways: the column read as the other year's figures (they are then that year's actuals, and the base year has none
from this table), or, on the office's word, as the column's own year's (kept, and logged with why).

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly
`2025年` (the fifth column: 类别, 序号, 指标名称, 单位, 2025年, 2030年目标, 属性), published as a text export, a .docx
and a web page; its monitoring workbook is taken out, so the plan is the only source of 2024 and 2025 figures. By
hand: read as 2024's, 人才资源总量's 15.2 is 2024's actual and no 2025 actual is left; read as 2025's, it stays.
"""
import json
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.core.wording import decision_text, notes_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

AFTER = ["三、主要任务", "示例。"]
CUMULATIVE = "注：〔〕内为五年累计数。"
# note -> (the sentence quoted, the words of the other year as quoted, the year the advice reads the column as)
OTHER_YEAR = {"year": ("注：〔〕内为五年累计数；2025年数据为2024年数。", "2025年数据为2024年数", "'2024年数'", 2024),
              "base": ("注：〔〕内为五年累计数；基期数据为2024年数据。", "基期数据为2024年数据", "'2024年数据'", 2024),
              "present": ("注：〔〕内为五年累计数；现状值为2024年底数。", "现状值为2024年底数", "'2024年底数'", 2024),
              "column": ("注：〔〕内为五年累计数；第5列为2024年数据。", "第5列为2024年数据", "'2024年数据'", 2024),
              "year-before": ("注：〔〕内为五年累计数；2025年数据为上年数。", "2025年数据为上年数", "'上年数'", 2024),
              "year-before-2": ("注：〔〕内为五年累计数；基期为上年度数据。", "基期为上年度数据", "'上年度数据'", 2024),
              "same-as": ("注：〔〕内为五年累计数；2025年数据同2024年。", "2025年数据同2024年", "'2024年'", 2024),
              "months-of-it": ("注：〔〕内为五年累计数；2025年数据为2024年1-11月数。", "2025年数据为2024年1-11月数",
                               "'2024年1-11月数'", 2024),
              "in-its-sentence": ("注：〔〕内为五年累计数；2025年数据，为2024年数。", "2025年数据，为2024年数",
                                  "'2024年数'", 2024),
              "some-rows": ("注：〔〕内为五年累计数。部分指标基期值为2024年数据。", "部分指标基期值为2024年数据",
                            "'2024年数据'", 2024),
              "no-column": ("注：〔〕内为五年累计数；部分指标为2024年数据。", "部分指标为2024年数据",
                            "'2024年数据'", 2024)}
# notes that name another year but tie no column to it, read as before: the column's figures firm 2025 actuals
NOT_ANOTHER_YEAR = ["注：〔〕内为2026—2030年累计数。", "注：〔〕内为五年累计数；基期为2025年。",
                    "注：〔〕内为五年累计数；基期值为2025年数据。",
                    "注：〔〕内为五年累计数；2030年目标按2025年价格计算。",
                    "注：〔〕内为五年累计数；增速为较2024年数据的增长。",
                    "注：〔〕内为五年累计数；2030年目标以2025年为基数。",
                    "注：〔〕内为五年累计数；2030年目标以2020年为基数计算。"]


def _document(note: str) -> PlanContent:
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
    return PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note=note, after=AFTER))


def _text(note: str) -> str:
    text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
    assert text.count("\t注：〔〕内为五年累计数。¹为快报数。\n") == 1
    return text.replace("\t注：〔〕内为五年累计数。¹为快报数。\n", f"\t{note}\n")


def _plan(workspace, kind: str, note: str) -> None:
    if kind == "txt":
        add_fifteenth_plan(workspace, "word_tab_cells", _text(note))
    else:
        tonglu_plan_published(workspace, _document(note), kind)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()     # the plan is the only source of its figures
    write_manifest(workspace / "raw")


def _stopped(workspace, kind: str, note: str) -> InputError:
    _plan(workspace, kind, note)
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


def _actuals(ds) -> dict[int, float]:
    """人才资源总量's actuals from the plan, by year."""
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["indicator_id"] == "talent_total") & (ind["kind"] == "actual")]
    return {int(r.year): float(r.value) for r in rows.itertuples()}


def _logged(ds, step: str) -> list[dict]:
    log = ds.cleaning_log
    return [json.loads(v) for v in log[(log["step"] == step) & (log["entity"] == "tonglu")]["values"]]


@pytest.mark.parametrize("kind", ["txt", "docx", "html"])
@pytest.mark.parametrize("name", list(OTHER_YEAR))
def test_a_note_tying_a_column_to_another_year_stops_naming_it(workspace, kind, name):
    note, sentence, said, year = OTHER_YEAR[name]
    error = _stopped(workspace, kind, note)
    assert f"tonglu_15.{kind}" in error.location, error.location
    if kind == "txt":
        assert error.location.endswith("tonglu_15.txt, line 54"), error.location    # the note's line
    assert f"the table's note '{sentence}'" in error.problem and said in error.problem, error.problem
    if name == "no-column":
        assert "names no column of the table's actual figures" in error.problem, error.problem
    else:
        assert "the figures of the column '2025年' (2025) are 2024's" in error.problem, error.problem
    rows = "rows: ['…'], " if name in ("some-rows", "no-column") else ""     # (部分: which rows, the advice asks)
    assert (f"table_notes: - {{note: '{sentence}', column: '2025年', year: {year}, {rows}because: '…'}}"
            in error.fix), error.fix
    assert "or year: 2025 when the office says they stand for 2025" in error.fix, error.fix
    # a note of some rows (部分) that names none is not read as every row's without a word: the advice asks which
    covers = "The note says '部分' (some rows) and names none: ask the office which rows it means" in error.fix
    assert covers == (name in ("some-rows", "no-column")), error.fix


@pytest.mark.parametrize("note", NOT_ANOTHER_YEAR)
def test_a_note_naming_another_year_but_no_column_of_its_figures_reads_as_before(workspace, note):
    _plan(workspace, "txt", note)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _actuals(ds) == {2025: 15.2}
    assert not _logged(ds, "analyst_table_note_year") and not _logged(ds, "analyst_table_note_own_year")


def _follow(workspace, error: InputError, year: int, because: str) -> None:
    """The advice's `table_notes:` entry, copied into the plan's entry in sources.yaml as the analyst answers it."""
    example = re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix)
    entry = yaml.safe_load(example.group(1))
    assert entry["because"] == "…"
    entry.pop("rows", None)     # (a note for some rows, 部分: the office says it holds for every row of the column)
    entry.update(year=year, because=because)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("kind", ["txt", "docx", "html"])
@pytest.mark.parametrize("name", ["year", "base", "year-before", "some-rows"])
def test_the_advice_followed_reads_the_column_as_the_other_years(workspace, kind, name):
    note, sentence, _, _ = OTHER_YEAR[name]
    _follow(workspace, _stopped(workspace, kind, note), 2024, "办公室答复：规划编制时2025年数据未出，表中为2024年数")
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _actuals(ds) == {2024: 15.2}        # 2025 has no figure from the plan
    [values] = _logged(ds, "analyst_table_note_year")
    assert values["header"] == "2025年" and (values["written"], values["year"]) == (2025, 2024)
    assert values["quote"] == note and values["because"].startswith("办公室答复")
    assert re.fullmatch(r".*sources\.yaml, line \d+", values["config"])
    assert decision_text("analyst_table_note_year", values, words("zh")).startswith(
        f"表注“{note}”说明2025年列的数值为其他年份的数值：依据分析人员在")
    ind = ds.indicators
    row = ind[(ind["entity"] == "tonglu") & (ind["indicator_id"] == "talent_total") & (ind["kind"] == "actual")]
    said = notes_text(row.iloc[0]["note_values"], words("en"))
    assert "2024's figure: the plan gives it in the column 2025年" in said, said


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_advice_followed_with_the_columns_own_year_keeps_it_and_logs_why(workspace, kind):
    note, _, _, _ = OTHER_YEAR["base"]
    _follow(workspace, _stopped(workspace, kind, note), 2025, "办公室答复：表中数据已更新为2025年数")
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _actuals(ds) == {2025: 15.2}
    [values] = _logged(ds, "analyst_table_note_own_year")
    assert (values["written"], values["year"]) == (2025, 2025)
    assert values["because"] == "办公室答复：表中数据已更新为2025年数"
    assert not _logged(ds, "analyst_table_note_year")


@pytest.mark.parametrize("note", ["注：〔〕内为五年累计数；2025年数据为2024年预计数。",
                                  "注：〔〕内为五年累计数；2025年数据为2024年1-11月数。"])
def test_an_estimate_the_note_says_stays_once_the_year_is_read(workspace, note):
    """2025年数据为2024年预计数 (or 1-11月数: part of the year), followed as 2024's: the figures are 2024's estimates,
    never its actuals (the advice, followed, keeps the note's 预计 and 1-11月)."""
    _follow(workspace, _stopped(workspace, "txt", note), 2024, "办公室答复：表中为2024年预计数")
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["kind"] == "actual")]
    assert set(rows["year"]) == {2024} and rows["estimated"].all()


def test_a_reading_that_names_no_actual_column_stops(workspace):
    note, _, _, _ = OTHER_YEAR["base"]
    error = _stopped(workspace, "txt", note)
    _follow(workspace, error, 2024, "办公室答复")
    config = workspace / "config" / "sources.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("column: 2025年", "column: 2030年目标"),
                      encoding="utf-8")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.file.endswith("sources.yaml")
    assert "`column: 2030年目标`" in stopped.value.problem and "(they are '2025年')" in stopped.value.problem


@pytest.mark.parametrize("entry, said", [
    ({"estimates": "2025年"}, "gives both `estimates:` and `column:`/`year:`"),
    ({"year": "去年"}, "should say under `year:` the year the column's figures are"),
    ({"column": None}, "should say under `column:` the header of the column it reads"),
    ({"because": "…"}, "does not say why"),
    ({"year": 2026}, "is after the base year 2025 of plan period 十五五")])
def test_a_year_reading_written_wrong_stops_at_its_line(workspace, entry, said):
    note, _, _, _ = OTHER_YEAR["base"]
    _follow(workspace, _stopped(workspace, "txt", note), 2024, "办公室答复")
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu")["table_notes"][0].update(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.file.endswith("sources.yaml") and said in stopped.value.problem, stopped.value.problem


@pytest.mark.slow
def test_a_pdf_plans_note_tying_its_base_to_another_year_stops_too(workspace):
    """The PDF reader shares the note reading (a Chromium-printed PDF of the web page)."""
    note, sentence, said, _ = OTHER_YEAR["base"]
    error = _stopped(workspace, "pdf", note)
    assert "tonglu_15.pdf" in error.location, error.location
    assert f"the table's note '{sentence}'" in error.problem and said in error.problem, error.problem
    assert "column: '2025年', year: 2024, because: '…'" in error.fix, error.fix
