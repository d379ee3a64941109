"""A plan table's note is read by the families a workbook's 备注 is read by, by the one reader of notes
(name_meaning.remark_says), and a note saying 部分 (some rows) is tied to the rows it names, or stops (issue 18,
rt19b's and otheryear's leftovers).

- Void or test data (2025年数据为模拟数据, 2025年数据作废，以统计公报为准), a target given for the actual (2025年为
  目标值 under the 2025 actual column), not the actual (非实际数), for reference only (表中数据仅供参考) or incomplete
  (数据不完整): main read the figures as firm 2025 actuals, exit 0 (the brief judged them); each stops now, naming the
  note's line, and the advice's `table_notes:` entry, followed, reads the column's figures as estimates (or, with
  estimates: none, as the office's actuals).
- Every family remark_says reads has a plan reading (table_notes.PLAN_READING): the table below gives a note of each
  family, what the workbook reader says of it, and what the plan reader makes of the 2025 column (estimates, firm
  actuals, or a stop), so that the two readers do not drift apart.
- 部分指标2025年数据为预计数 made all five 2025 figures estimates on main; 部分指标基期值为2019年数据 stopped with
  advice whose reading moved every row's figure to 2019 (a firm 2025 figure became a 2019 baseline). Each stops now
  naming the note, and the advice asks for `rows:`, the rows the office says the note means: followed, only those
  rows' figures are read so. A 部分 note naming its rows marks only those.

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its 2025 column headed plainly 2025年,
published as a text export, a .docx (python-docx) and a web page; its monitoring workbook taken out. By hand, the
five 2025 figures are 15.2, 〔6500〕, 35, 5, 4.1: estimates under a note read as an estimate, firm under a preliminary
count (快报).
"""
import json
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.name_meaning import (
    NOTE_ESTIMATE,
    NOTE_FAMILIES,
    NOTE_INCOMPLETE,
    NOTE_NOT_ACTUAL,
    NOTE_PRELIMINARY,
    NOTE_TARGET,
    NOTE_UNVERIFIED,
    NOTE_VOID,
    PART_YEAR,
    remark_says,
)
from helpers.extract.table_notes import PLAN_READING
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.final_evaluation import final_evaluation_case
from support.plan_documents import PlanContent

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
KINDS = ["txt", "docx", "html"]
NOTE_LINE = {"txt": "line 54", "html": "line 26"}


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


def _read(workspace) -> tuple[dict, dataset.Dataset]:
    """Each indicator's 2025 actual from the plan: (value, estimated)."""
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _stopped(workspace, kind: str, note: str) -> InputError:
    _plan(workspace, kind, note)
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


def _logged(ds, step: str) -> list[dict]:
    log = ds.cleaning_log
    return [json.loads(v) for v in log[(log["step"] == step) & (log["entity"] == "tonglu")]["values"]]


def _follow(workspace, error: InputError, **answer) -> dict:
    """The advice's `table_notes:` entry, copied into the plan's entry in sources.yaml with the analyst's answer."""
    entry = yaml.safe_load(re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix).group(1))
    entry.update(answer)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return entry


# ----------------------------------------------------------------------------- the families, by both readers

# A note of each family: what the workbook's reader (remark_says) says it is, and what the plan's reader makes of
# the 2025 column (PLAN_READING: estimate, actual, or a stop)
FAMILIES = {
    "注：2025年数据为测算数。": (NOTE_ESTIMATE, "estimate"),
    "注：2025年数据按1-11月折算全年。": (NOTE_ESTIMATE, "estimate"),
    "注：2025年数据为1-11月数。": (PART_YEAR, "estimate"),
    "注：2025年数据未含12月。": (PART_YEAR, "estimate"),
    "注：2025年数据为快报数。": (NOTE_PRELIMINARY, "actual"),
    "注：2025年数据为模拟数据。": (NOTE_VOID, "stop"),
    "注：2025年数据作废，以统计公报为准。": (NOTE_VOID, "stop"),
    "注：2025年数据为测试数据。": (NOTE_VOID, "stop"),
    "注：2025年为目标值。": (NOTE_TARGET, "stop"),
    "注：2025年数据为规划目标数。": (NOTE_TARGET, "stop"),
    "注：2025年数据非实际数。": (NOTE_NOT_ACTUAL, "doubt"),
    "注：2025年数据待核实。": (NOTE_UNVERIFIED, "doubt"),
    "注：表中数据仅供参考。": (NOTE_UNVERIFIED, "doubt"),
    "注：2025年数据不完整。": (NOTE_INCOMPLETE, "doubt"),
}


def test_every_family_of_the_workbook_reader_has_a_plan_reading_and_a_case():
    assert set(PLAN_READING) == set(NOTE_FAMILIES)
    assert {family for family, _ in FAMILIES.values()} == set(NOTE_FAMILIES)
    assert all(PLAN_READING[family] == reading for family, reading in FAMILIES.values())


@pytest.mark.parametrize("note", list(FAMILIES))
def test_the_workbook_reader_reads_each_note_as_its_family(note):
    said = remark_says(note.removeprefix("注："))
    assert said is not None and said.what == FAMILIES[note][0], said


@pytest.mark.parametrize("note", list(FAMILIES))
def test_the_plan_reader_reads_each_note_as_its_family(workspace, note):
    """By hand: estimate: the five 2025 figures are estimates; actual: all five firm; stop and doubt: the run stops
    at the note's line (54 in the text export), quoting it, with the reading to write."""
    reading = FAMILIES[note][1]
    _plan(workspace, "txt", note)
    if reading in ("stop", "doubt"):
        with pytest.raises(InputError) as stopped:
            dataset.build(workspace / "raw", workspace / "config")
        error = stopped.value
        assert error.location.endswith("tonglu_15.txt, line 54"), error.location
        sentence = note.removesuffix("。")
        assert f"the table's note '{sentence}' says '" in error.problem, error.problem
        assert f"table_notes: - {{note: '{sentence}', estimates: '2025年', because: '…'}}" in error.fix, error.fix
        return
    got, _ = _read(workspace)
    assert got == dict.fromkeys(IDS, reading == "estimate")


# ------------------------------------------------------------------ void, target, doubt: the stop, followed

STOPS = {"void": ("注：2025年数据为模拟数据。", "'模拟' (void, wrong or test data) of the figures of '2025年': read as "
                  "firm actuals, void, wrong or test figures would be judged as the year's actual"),
         "void-then-doubt": ("注：2025年数据作废，以统计公报为准。", "'作废' (void, wrong or test data) of the figures "
                             "of '2025年'"),
         "target": ("注：2025年为目标值。", "'为目标' (a target) of the figures of '2025年': read as firm actuals, "
                    "targets would be judged as the year's actual"),
         "reference": ("注：表中数据仅供参考。", "'仅供参考' (not yet verified) of figures, but names no column"),
         "whole-table-target": ("注：以上数据均为规划目标值。", "'为规划目标' (a target) of figures, but names no "
                                "column"),
         "whole-table-incomplete": ("注：表中数据不完整。", "'不完整' (incomplete) of figures, but names no column"),
         "void-targets": ("注：2030年目标值作废。",
                          "'作废' (void, wrong or test data) of figures, but names no column")}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(STOPS))
def test_a_void_target_or_doubtful_note_stops_naming_it(workspace, kind, name):
    note, said = STOPS[name]
    error = _stopped(workspace, kind, note)
    if kind in NOTE_LINE:
        assert error.location.endswith(f"tonglu_15.{kind}, {NOTE_LINE[kind]}"), error.location
    else:
        assert error.location.startswith(f"{error.file}, ") and error.file.endswith("tonglu_15.docx")
    assert f"the table's note '{note.removesuffix('。')}' says {said}" in error.problem, error.problem
    if name == "void-targets":
        assert error.fix.startswith("if the note voids the plan's targets, ask the office for the plan in force"), \
            error.fix
    elif name not in ("reference", "whole-table-incomplete"):
        assert error.fix.startswith("ask the office for the year's actual figures and enter them in the monitoring "
                                    "workbook"), error.fix


@pytest.mark.parametrize("kind", KINDS)
def test_the_advice_followed_reads_the_column_as_estimates(workspace, kind):
    error = _stopped(workspace, kind, STOPS["void"][0])
    _follow(workspace, error, estimates="2025年", because="办公室答复：2025年数据尚为模拟，待统计公报")
    got, ds = _read(workspace)
    assert got == dict.fromkeys(IDS, True)
    [values] = _logged(ds, "analyst_table_note")
    assert values["header"] == "2025年" and values["because"] == "办公室答复：2025年数据尚为模拟，待统计公报"


def test_the_advice_followed_with_none_reads_the_offices_actuals(workspace):
    error = _stopped(workspace, "txt", STOPS["target"][0])
    _follow(workspace, error, estimates="none", because="办公室答复：表中2025年数据为实际完成值，注为排版错误")
    got, ds = _read(workspace)
    assert got == dict.fromkeys(IDS, False)
    assert len(_logged(ds, "analyst_table_note_none")) == 1


@pytest.mark.parametrize("note", ["注：2030年为目标值。", "注：〔〕内为五年累计数；目标值为五年累计数。",
                                  "注：2030年目标值均为预期性目标。", "注：“—”表示数据缺失。", "注：示例。",
                                  "注：〔〕内为五年累计数；2025年为预计数，以统计公报为准。"])
def test_a_target_of_the_targets_column_or_a_doubt_of_estimates_reads_on(workspace, note):
    """The controls: 2030 is the column of targets (no actual column), a target or a cell's mark said of no column and
    not of the whole table speaks of the targets or of the cells so marked, a bare 示例 names no figures, and the 2025
    figures the doubt speaks of are estimates already: the five stay firm, or are estimates, as on main."""
    _plan(workspace, "txt", note)
    got, _ = _read(workspace)
    assert got == dict.fromkeys(IDS, "预计" in note)


# --------------------------------------------------------------------------------- 部分: some rows

SOME = "注：〔〕内为五年累计数；部分指标2025年数据为预计数。"


@pytest.mark.parametrize("kind", KINDS)
def test_a_note_for_some_rows_naming_none_stops_asking_which(workspace, kind):
    """Main made all five estimates, exit 0."""
    error = _stopped(workspace, kind, SOME)
    if kind in NOTE_LINE:
        assert error.location.endswith(f"tonglu_15.{kind}, {NOTE_LINE[kind]}"), error.location
    assert ("says '预计' (an estimate, or part of a year) of the figures of '2025年', but of '部分' (some rows) "
            "alone, naming none") in error.problem, error.problem
    assert ("table_notes: - {note: '部分指标2025年数据为预计数', estimates: '2025年', rows: ['…'], because: '…'}"
            in error.fix), error.fix
    assert "(its rows: '人才资源总量', '新增高技能人才', '高技能人才占技能劳动者比例'" in error.fix, error.fix


@pytest.mark.parametrize("kind", KINDS)
def test_the_advice_followed_with_the_rows_makes_their_figures_alone_estimates(workspace, kind):
    error = _stopped(workspace, kind, SOME)
    _follow(workspace, error, rows=["人才资源总量", "高技能人才占技能劳动者比例"], because="办公室答复：这两项为预计数")
    got, ds = _read(workspace)
    assert got == {i: i in ("talent_total", "high_skilled_share_of_skilled") for i in IDS}
    logged = _logged(ds, "analyst_table_note_row")
    assert [v["name"] for v in logged] == ["人才资源总量", "高技能人才占技能劳动者比例"]
    assert decision_text("analyst_table_note_row", logged[0], words("zh")) == (
        f"表注“{SOME}”：依据分析人员的说明（办公室答复：这两项为预计数），2025年列中“人才资源总量”的2025年"
        "数值记为预计数，表中其他行不受影响；如有其他来源（监测工作簿、其他规划）给出的2025年数值，优先采用")


def test_the_advice_followed_with_a_name_that_is_no_row_stops_at_the_reading(workspace):
    error = _stopped(workspace, "txt", SOME)
    _follow(workspace, error, because="办公室答复")      # rows: ['…'] as the advice writes it
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.file.endswith("sources.yaml")
    assert "`rows:` of the reading of the table note '部分指标2025年数据为预计数' names '…', which is no row" in \
        stopped.value.problem


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_a_note_for_some_rows_naming_them_marks_those_alone(workspace, kind):
    _plan(workspace, kind, "注：〔〕内为五年累计数；部分指标（人才资源总量、每千人口执业(助理)医师数）"
                           "2025年数据为预计数。")
    got, ds = _read(workspace)
    assert got == {i: i in ("talent_total", "physicians_per_1000") for i in IDS}
    assert [v["name"] for v in _logged(ds, "estimated_row_by_note")] == ["人才资源总量", "每千人口执业(助理)医师数"]


OTHER = "注：〔〕内为五年累计数；部分指标基期值为2019年数据。"


def test_a_note_giving_some_rows_another_years_figures_asks_which(workspace):
    error = _stopped(workspace, "txt", OTHER)
    assert ("table_notes: - {note: '部分指标基期值为2019年数据', column: '2025年', year: 2019, rows: ['…'], "
            "because: '…'}") in error.fix, error.fix
    assert "The note says '部分' (some rows) and names none" in error.fix


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_advice_followed_with_the_rows_moves_their_figures_alone(workspace, kind):
    """By hand: 人才资源总量's 15.2 is read as 2019's, and it has no 2025 figure from the plan; the four others keep
    their 2025 figures (35 for the share), firm. Main's advice, followed, moved all five to 2019."""
    error = _stopped(workspace, kind, OTHER)
    _follow(workspace, error, rows=["人才资源总量"], because="办公室答复：人才资源总量基期值为2019年数")
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    plan = ind[(ind["entity"] == "tonglu") & (ind["kind"] == "actual")]
    total = plan[plan["indicator_id"] == "talent_total"]
    assert list(zip(total["year"], total["value"])) == [(2019, 15.2)]
    share = plan[plan["indicator_id"] == "high_skilled_share_of_skilled"]
    assert list(zip(share["year"], share["value"], share["estimated"])) == [(2025, 35.0, False)]
    assert sorted(plan[plan["year"] == 2025]["indicator_id"]) == sorted(i for i in IDS if i != "talent_total")
    [values] = _logged(ds, "analyst_table_note_year_rows")
    assert (values["header"], values["year"], values["written"], values["names"]) == ("2025年", 2019, 2025,
                                                                                      "人才资源总量")


def test_a_workbook_remark_for_reference_only_stops_as_a_plan_note_does(tmp_path):
    """仅供参考 joined the unverified family, in both readers: main read the workbook's 15.1 as 2025's firm actual."""
    with pytest.raises(InputError) as stopped:
        final_evaluation_case(tmp_path, extra={"人才资源总量": {2025: 15.1}},
                              remarks={"人才资源总量": {2025: "仅供参考"}}, plan_15=None)
    assert stopped.value.where == "sheet 数据, cells E6 and H6"
    assert "the 备注 '仅供参考' says the figure 15.1 is not yet verified" in stopped.value.problem


@pytest.mark.parametrize("rows", [["人才资源总量"], None], ids=["named", "every-row"])
def test_a_year_reading_answers_which_rows_an_estimate_in_its_sentence_means(workspace, rows):
    """部分指标基期值为2019年预计数: the year reading's rows (or, without rows:, every row) are the rows its 预计 means;
    before, the sentence stopped again for 部分, asking for a second reading of the same sentence, which no reading
    can give. By hand: the rows read as 2019's are 2019's estimates, the others firm 2025 actuals."""
    error = _stopped(workspace, "txt", "注：〔〕内为五年累计数；部分指标基期值为2019年预计数。")
    if rows is None:        # the office says the note holds for every row: rows: left out
        error.fix = error.fix.replace("rows: ['…'], ", "")
    _follow(workspace, error, because="办公室答复", **({"rows": rows} if rows else {}))
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    plan = ind[(ind["entity"] == "tonglu") & (ind["kind"] == "actual")]
    moved = set(rows and ["talent_total"] or IDS)
    assert sorted(zip(plan["indicator_id"], plan["year"], plan["estimated"])) == sorted(
        (i, 2019 if i in moved else 2025, i in moved) for i in IDS)
