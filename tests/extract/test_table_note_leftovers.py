"""Plan table notes the table-note reader (helpers.extract.table_notes) left over (issue 18, class 1):

- a note on the end of a plan period (“十四五”末数据为预计数, 十四五期末, 规划期末) stopped as naming no column: it
  is that period's last year (the periods are data: config/sources.yaml), whose actual column it makes estimates;
- a note naming indicators (人才资源总量2025年为预计数) made the whole 2025 column estimates: it speaks of the rows it
  names (matched by the catalogue, as the plan's names are), the others stay firm; a name that is no row, or words
  beside the names that leave the rows untold (除…外, 等), stop, and the advice, followed, works;

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025 (the last year of 十四五), its base
column headed plainly `2025年`, published as a text export and a web page (all plan kinds share the reader). Its
monitoring workbook, whose 2025 figure for 人才资源总量 would be preferred, is taken out. By hand: under each note
below all five 2025 figures are estimates; under `注：〔〕内为五年累计数。` alone, none is.
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


# ------------------------------------------------------------------------------------- a note naming indicators

NOTE = "注：〔〕内为五年累计数；{}。"
TOTAL, SHARE = {"talent_total": "人才资源总量"}, {"high_skilled_share_of_skilled": "高技能人才占技能劳动者比例"}
ROWS = {"one": (NOTE.format("人才资源总量2025年为预计数"), TOTAL),
        "two-no-year": (NOTE.format("其中人才资源总量、高技能人才占技能劳动者比例为预计数"), {**TOTAL, **SHARE}),
        "year-after": (NOTE.format("人才资源总量为2025年预计数"), TOTAL)}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(ROWS))
def test_a_note_naming_rows_makes_their_figures_estimates_alone(workspace, kind, name):
    """By hand: the rows named are estimates, the three (or four) others firm 2025 actuals. Main made all five
    estimates (one, year-after) or stopped (two-no-year: no year named; the table's one actual column is 2025年)."""
    note, named = ROWS[name]
    _plan(workspace, kind, note)
    got, ds = _estimated(workspace)
    assert got == {i: i in named for i in IDS}
    assert not _logged(ds, "estimated_by_note")
    logged = _logged(ds, "estimated_row_by_note")
    assert logged == [{"header": "2025年", "name": n, "year": 2025, "quote": note} for n in named.values()]
    ind = ds.indicators
    row = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["indicator_id"] == "talent_total")].iloc[0]
    assert {"code": "estimated_row_by_note", "name": "人才资源总量", "year": 2025, "quote": note} in \
        json.loads(row["note_values"])


def test_a_row_named_for_part_of_the_year(workspace):
    note = "注：〔〕内为五年累计数；2025年人才资源总量数据为1-11月数。"
    _plan(workspace, "txt", note)
    got, ds = _estimated(workspace)
    assert got == {i: i == "talent_total" for i in IDS}
    [values] = _logged(ds, "part_year_row_by_note")
    assert values == {"header": "2025年", "name": "人才资源总量", "year": 2025, "quote": note, "words": "1-11月"}
    assert decision_text("part_year_row_by_note", values, words("zh")) == (
        f"表注“{note}”说明“人才资源总量”的2025年数值为部分时期（1-11月），不是全年：2025年列中该行的2025年数值记为预计数，"
        "不作为实际值，表中其他行不受影响；如有其他来源（监测工作簿、其他规划）给出的2025年数值，优先采用")


# A note whose rows cannot be told: the sentence, and the words the message names
UNTOLD = {"no-row": ("其中人才资源总量、高技能人才为预计数", "'高技能人才' is no row of the table"),
          "except": ("除人才资源总量外2025年数据为预计数", "its words '除外' beside the rows' names"),
          "and-others": ("人才资源总量等指标2025年为预计数", "its words '等' beside the rows' names"),
          "unknown-name": ("人才资源总量、人才总量2025年为预计数", "its words '人才总量' beside the rows' names")}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(UNTOLD))
def test_a_note_whose_rows_cannot_be_told_stops_naming_it(workspace, kind, name):
    """高技能人才 is a catalogue indicator (the 十四五 plans') with no row in this table; 除…外 means the other rows;
    等 more rows than those named; 人才总量 is no name the catalogue knows. Main read each as all five rows
    estimates, or (no-row) stopped as naming no column."""
    sentence, said = UNTOLD[name]
    error = _stopped(workspace, kind, NOTE.format(sentence))
    assert error.location.endswith(f"tonglu_15.{kind}, line {54 if kind == 'txt' else 26}"), error.location
    assert f"the table's note '{sentence}' names rows whose figures are estimates, but {said}" in error.problem, \
        error.problem
    assert f"table_notes: - {{note: '{sentence}', estimates: '2025年', because: '…'}}" in error.fix, error.fix


def _follow(workspace, error: InputError, estimates: str, because: str) -> None:
    """The advice's `table_notes:` entry, copied into the plan's entry in sources.yaml as the analyst answers it."""
    entry = yaml.safe_load(re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix).group(1))
    entry.update(estimates=estimates, because=because)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_the_advice_followed_with_the_column_makes_all_its_rows_estimates(workspace, kind):
    error = _stopped(workspace, kind, NOTE.format(UNTOLD["no-row"][0]))
    _follow(workspace, error, "2025年", "办公室答复：基期数据均为预计数")
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [values] = _logged(ds, "analyst_table_note")
    assert values["header"] == "2025年" and values["because"] == "办公室答复：基期数据均为预计数"


def test_the_advice_followed_with_a_name_for_the_row_ties_the_note_to_it(workspace):
    """人才总量 is how the note writes 人才资源总量: added to its source_names, the note names that row alone."""
    _stopped(workspace, "txt", NOTE.format(UNTOLD["unknown-name"][0]))
    catalogue = workspace / "config" / "catalogue.yaml"
    doc = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    next(i for i in doc["indicators"] if i["id"] == "talent_total")["source_names"].append("人才总量")
    catalogue.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    got, ds = _estimated(workspace)
    assert got == {i: i == "talent_total" for i in IDS}
    [values] = _logged(ds, "estimated_row_by_note")
    assert values["name"] == "人才资源总量"


# --------------------------------------------------------------------------- a titled table passed over, logged

def _passed_over_plan(workspace, kind: str) -> None:
    """桐庐's 十五五 plan with a copy of its table, titled alike, above it: the copy's 2025 column headed 备用栏 (no
    column pattern knows it) and its 人才资源总量 base 99. The plan's own table is read, as on main; the copy, passed
    over, was never mentioned."""
    if kind == "txt":
        block = WORD_PLAN[WORD_PLAN.index("“十五五”时期全县人才发展主要指标"):WORD_PLAN.index("三、主要任务")]
        copy = block.replace("\t2025年（预计）\n", "\t备用栏\n").replace("\t15.2\n", "\t99\n")
        add_fifteenth_plan(workspace, "word_tab_cells", WORD_PLAN.replace(block, copy + block))
    else:
        from support.plan_documents import html_page, use_plan_file
        add_fifteenth_plan(workspace, "word_tab_cells")
        page = html_page(PlanContent(**DOCUMENT_TABLE))
        block = re.search(r"<p><b>.*?</table>", page, re.S).group()
        copy = block.replace(">2025年（预计）<", ">备用栏<").replace(">15.2<", ">99<")
        path = workspace / "raw" / "tonglu_15.html"
        path.write_text(page.replace(block, copy + "\n" + block), encoding="utf-8")
        use_plan_file(workspace, "tonglu_15.txt", path)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")


@pytest.mark.parametrize("kind", KINDS)
def test_a_titled_table_passed_over_for_an_unknown_header_is_logged(workspace, kind):
    _passed_over_plan(workspace, kind)
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    total = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["indicator_id"] == "talent_total")
                & (ind["kind"] == "actual")]
    assert list(total["value"]) == [15.2]
    [values] = _logged(ds, "table_passed_over_header")
    assert values["quote"] == "“十五五”时期全县人才发展主要指标" and values["header"] == "备用栏"
    assert values["place"]["file"].endswith(f"tonglu_15.{kind}")
    # the copy's title: the text export's line 5 (its header cell 备用栏 line 10)
    if kind == "txt":
        assert values["place"]["line"] == 5 and values["header_place"]["line"] == 10, values
        assert not _logged(ds, "title_in_contents")     # (main said it was a contents entry)
    at, header_at = {"txt": (5, 10), "html": (18, 20)}[kind]
    assert decision_text("table_passed_over_header", values, words("zh")) == (
        f"tonglu_15.{kind}第{at}行的表（表题““十五五”时期全县人才发展主要指标”）未读取：其表头单元格“备用栏”"
        f"（tonglu_15.{kind}第{header_at}行）不是已知的列，读取的是同名的另一张表；如该表才是规划的指标表，请在"
        "config/sources.yaml的header_roles中说明该列")


# ------------------------------------------------------------------------------------------- a caption's unit

CAPTION_HEADER = ["类别", "序号", "指标名称", "2025年（预计）", "2030年目标", "属性"]
# No 单位 column: the rows but 人才资源总量 give their unit in brackets after the name; 人才资源总量 152 and 200左右
# in the caption's 千人 are 15.2 and 20 万人 (the catalogue's unit)
CAPTION_ROWS = [["人才规模", "1", "人才资源总量", "152", "200左右", "预期性"],
                ["", "2", "新增高技能人才（人）", "〔6500〕", "〔7000〕", "约束性"],
                ["人才结构", "3", "高技能人才占技能劳动者比例（%）", "35", "40", "约束性"],
                ["人才效能", "4", "省级以上人才科技孵化载体（家）", "5", "〔3〕", "预期性"],
                ["", "5", "每千人口执业(助理)医师数（人/千人）", "4.1", "≥4.5", ""]]
TITLE = DOCUMENT_TABLE["title"]


def _caption_plan(workspace, kind: str, caption: str, where: str = "line", prose: str = "") -> None:
    """桐庐's 十五五 plan, its table without a 单位 column, the caption `caption` in the title's brackets (where:
    title), on a line (paragraph) of its own between the title and the table (line), or in the web page's table, a
    row of its own across it above the header (row); `prose` added to the plan's first paragraph."""
    title = f"{TITLE}（{caption}）" if where == "title" else TITLE
    between = [caption] if where == "line" else []
    before = list(DOCUMENT_TABLE["before"])
    before[2] += prose
    if kind == "txt":
        lines = [*before, title, *between]
        for row in [CAPTION_HEADER, *CAPTION_ROWS]:
            lines += ["\t" + c for c in row] + [""]
        lines += ["\t注：〔〕内为五年累计数。", "三、主要任务", "示例。", ""]
        add_fifteenth_plan(workspace, "word_tab_cells", "\n".join(lines))
    else:
        from support.plan_documents import html_page, use_plan_file
        add_fifteenth_plan(workspace, "word_tab_cells")
        content = PlanContent(**dict(DOCUMENT_TABLE, before=before, title=title, header=CAPTION_HEADER,
                                     rows=[[c or None for c in row] for row in CAPTION_ROWS]))
        page = html_page(content)
        assert page.count("</b></p>\n<table>") == 1
        page = page.replace("</b></p>\n<table>", "</b></p>\n" + "".join(f"<p>{c}</p>\n" for c in between) + "<table>")
        if where == "row":
            assert page.count("<table>\n<tr><th>") == 1
            page = page.replace("<table>\n<tr><th>", f'<table>\n<tr><td colspan="6">{caption}</td></tr>\n<tr><th>')
        path = workspace / "raw" / "tonglu_15.html"
        path.write_text(page, encoding="utf-8")
        use_plan_file(workspace, "tonglu_15.txt", path)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")


def _total(ds) -> dict:
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["indicator_id"] == "talent_total")]
    return {(r.year, r.kind): (r.value, r.source_unit) for r in rows.itertuples()}


@pytest.mark.parametrize(("kind", "where"), [("txt", "line"), ("txt", "title"), ("html", "line"), ("html", "title"),
                                             ("html", "row")])
def test_a_unit_in_the_caption_is_the_unitless_rows(workspace, kind, where):
    """Main read 152 and 200左右 as 万人 (a text export's caption line stopped as text inside the table, and the
    web page's caption row was read as part of a two-row header, 单位：千人类别, which stopped as unknown)."""
    _caption_plan(workspace, kind, "单位：千人", where)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _total(ds) == {(2025, "actual"): (15.2, "千人"), (2030, "target"): (20.0, "千人")}
    [values] = _logged(ds, "unit_from_caption")
    # the caption's place: the text export's line 5 (title) or 6; the web page's 18 (title), 19 or 20 (row)
    line = {"txt": 5, "html": 18}[kind] + {"title": 0, "line": 1, "row": 2}[where]
    assert values["place"]["line"] == line and values["place"]["file"].endswith(f"tonglu_15.{kind}")
    assert values["quote"] == (f"{TITLE}（单位：千人）" if where == "title" else "单位：千人")
    assert {values["name"], values["source_unit"], values["unit"]} == {"人才资源总量", "千人", "万人"}
    if kind == "txt" and where == "line":
        assert decision_text("unit_from_caption", values, words("zh")) == (
            "表中“人才资源总量”没有写单位，表题或表上的“单位：千人”（tonglu_15.txt第6行）写明单位“千人”：按“千人”"
            "读取，换算为万人")
    # the other rows keep their own units
    ind = ds.indicators
    new = ind[(ind["entity"] == "tonglu") & (ind["indicator_id"] == "new_high_skilled_talent")]
    assert set(new["source_unit"]) == {"人"}


def test_a_caption_that_gives_units_of_other_kinds_too(workspace):
    """单位：千人、%: the head count's is 千人, the share's (in its name's brackets) stays %."""
    _caption_plan(workspace, "txt", "单位：千人、%")
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _total(ds)[(2025, "actual")] == (15.2, "千人")


def test_a_caption_unit_a_power_of_ten_from_the_text_stops(workspace):
    """The caption's 千人 makes 152 15.2万人; the plan's text says 152万人: a question of the row's unit."""
    _caption_plan(workspace, "txt", "单位：千人", prose="2025年全县人才资源总量达到152万人。")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert "read in 千人 as 15.2 万人, but the plan's text" in stopped.value.problem, stopped.value.problem


@pytest.mark.parametrize("kind", KINDS)
def test_a_caption_with_two_units_of_a_kind_stops_and_the_advice_works(workspace, kind):
    _caption_plan(workspace, kind, "单位：千人、人")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    error = stopped.value
    assert "the table's caption '单位：千人、人' gives 千人 and 人, units of one kind" in error.problem, error.problem
    entry = yaml.safe_load(re.search(r"readings:` of the plan entry at line \d+: - (\{.*?\})", error.fix).group(1))
    assert entry == {"indicator": "人才资源总量", "unit": "…", "because": "…"}
    entry.update(unit="千人", because="表题单位：千人、人；办公室答复人才资源总量为千人")
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("readings", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _total(ds)[(2025, "actual")] == (15.2, "千人")


def test_a_caption_unit_the_vocabulary_does_not_know_stops(workspace):
    _caption_plan(workspace, "txt", "单位：千位")
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert "gives the unit '千位', which is not in the unit vocabulary" in stopped.value.problem
