"""A county's 十五五 plan added as config/sources.yaml's header says (entity, file, table_title, names) WITHOUT
`plan_period` (redteam19, class 1, finding 1; issue 18).

On main the entry took the file's default period (十四五, 2020→2025). The run stopped at the table's 2030年 column and
offered `- {pattern: '(?P<year>2030)年', role: target}`; followed, the plan's 2025 figures (its base, the 十四五 end
values) became 2025 TARGETS and the 2025 brief judged them met or missed: "桐庐县“十四五”规划（2021—2025年）终期评估：
4项目标中3项达标" of a 十五五 plan. A table headed 2025年 | 2030年目标 ran through silently (exit 0) the same way.

Now (helpers.extract.plan_period): the title names the period (人才发展“十五五”规划, “十五五”人才发展规划, 十五五时期,
（2026—2030年） under it) and the entry takes it, logged with the title's place; a title naming no period keeps the
default only while the table's year columns fit it, and the stop names `plan_period:` first with the years the columns
show, never `role: target`; an entry's own plan_period that the title contradicts stops, naming both. Every advice is
followed here as written (_built_following_the_advice), and the figures are checked by hand: 人才资源总量 15.2 is the
2025 ACTUAL (the plan's base) and 20左右 the 2030 target; the plan sets no 2025 target.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from helpers.core.config import PlanPeriod
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.data_step import build
from support.fifteenth_plan import DOCUMENT_TABLE, NEW_HIGH_SKILLED, WORD_PLAN
from support.plan_documents import PlanContent, write_docx
from support.workbooks import one_sheet_workbook

FILE = "jiande15_talent_plan.docx"
FIFTEENTH = {"name": "十五五", "base_year": 2025, "target_year": 2030}


def _county(workspace: Path, title: str, header=("2025年", "2030年"), *, under: str | None = None,
            period: dict | None = None, prose: str | None = None, file: str = FILE) -> Path:
    """桐庐's 十五五 plan as a .docx titled `title` (`under`: a line under the title; `prose`: the paragraph after the
    first heading), its base and target columns headed `header`, added by config alone: the entry with no
    `plan_period` (or `period`), and its new indicator in the catalogue, as docs/data.md says."""
    content = copy.deepcopy(DOCUMENT_TABLE)
    content["header"][4:6] = list(header)
    content["before"][0] = title
    if prose is not None:
        content["before"][2] = prose
    if under is not None:
        content["before"].insert(1, under)
    raw, config = workspace / "raw", workspace / "config"
    if file.endswith(".docx"):
        write_docx(PlanContent(**content), raw / file)
    else:
        (raw / file).write_text(WORD_PLAN.replace("桐庐县人才发展“十五五”规划", title, 1), encoding="utf-8")
    write_manifest(raw)
    entry = {"entity": "tonglu", "name_zh": "桐庐县", "name_en": "Tonglu", "file": file,
             "table_title": "人才发展主要指标"}
    if not file.endswith(".docx"):
        entry["layout"] = "word_tab_cells"
    if period is not None:
        entry["plan_period"] = period
    sources = yaml.safe_load((config / "sources.yaml").read_text(encoding="utf-8"))
    sources["plans"].append(entry)
    (config / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    catalogue = yaml.safe_load((config / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["indicators"].append(NEW_HIGH_SKILLED)
    (config / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    return raw / file


def _built_following_the_advice(workspace: Path, file: str = FILE, tries: int = 4):
    """The data step, each stop followed as its advice says, in the order it says it: the `plan_period: {…}` it
    offers first, written into the plan's entry; else the first `header_roles` entry it offers, added to the file's
    header_roles. The dataset and the advice followed."""
    path = workspace / "config" / "sources.yaml"
    followed = []
    for _ in range(tries):
        try:
            return build(workspace), followed
        except InputError as error:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            period = re.search(r"`plan_period: (\{name: [^…`]*?\})`", error.fix)
            role = re.search(r"`(- \{pattern: '(?:[^']|'')*', role: \w+\})`", error.fix)
            assert period or role, str(error)
            if period and (not role or error.fix.index(period.group()) < error.fix.index(role.group())):
                entry = next(p for p in doc["plans"] if p["file"] == file)
                entry["plan_period"] = yaml.safe_load(period.group(1))
                followed.append(period.group())
            else:
                doc["header_roles"] = (doc.get("header_roles") or []) + yaml.safe_load(role.group(1))
                followed.append(role.group(1))
            path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    raise AssertionError(f"the data step still stops after the advice's {followed}")


def _talent_total(ds) -> dict:
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and origin == 'table'")
    return {(int(r.year), r.kind): (r.value, r.plan) for r in rows.itertuples()}


def _read_as_fifteenth(ds) -> None:
    """By hand, from the plan's table: 人才资源总量 15.2 in 2025 is the plan's base (an actual), 20左右 in 2030 its
    target; no target for 2025 from this plan; every row of it is the 十五五 plan's."""
    assert _talent_total(ds) == {(2025, "actual"): (15.2, "十五五"), (2030, "target"): (20.0, "十五五")}
    mine = ds.indicators[ds.indicators["source_file"].str.endswith(FILE)]
    assert set(mine["plan"]) == {"十五五"}
    assert not len(mine.query("kind == 'target' and year == 2025")), mine


@pytest.mark.parametrize("title, under", [
    ("建德市人才发展“十五五”规划", None),
    ("建德市“十五五”人才发展规划", None),
    ("建德市十五五时期人才发展规划", None),
    ("关于印发《建德市人才发展第十五个五年规划》的通知", None),
    ("建德市人才发展规划", "（2026—2030年）"),
    ("建德市人才发展规划", "（二〇二六—二〇三〇年）"),
])
def test_a_plan_added_without_plan_period_is_read_by_the_period_its_title_names(workspace, title, under):
    _county(workspace, title, under=under)
    ds, followed = _built_following_the_advice(workspace)
    assert not followed                                         # read as it is: nothing to add
    _read_as_fifteenth(ds)
    log = ds.cleaning_log.query("step == 'period_from_title' and entity == 'tonglu'")
    assert len(log) == 1, ds.cleaning_log["step"].unique()
    said = dataset.in_words(ds)["cleaning_log"].query("step == 'period_from_title' and entity == 'tonglu'")
    text = said["decision"].iloc[0]
    assert "十五五" in text and "2025→2030" in text and f"{FILE}第1段" in text and title[:6] in text, text


def test_a_text_export_without_plan_period_is_read_by_its_titles_period(workspace):
    """The same for a .txt export (word_tab_cells): its first line is the title, cited by its line."""
    _county(workspace, "桐庐县人才发展“十五五”规划", file="tonglu15.txt")
    ds, followed = _built_following_the_advice(workspace, "tonglu15.txt")
    assert not followed
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and origin == 'table'")
    got = {(int(r.year), r.kind): (r.value, r.plan, bool(r.estimated)) for r in rows.itertuples()}
    assert got == {(2025, "actual"): (15.2, "十五五", True), (2030, "target"): (20.0, "十五五", False)}
    place = ds.cleaning_log.query("step == 'period_from_title' and entity == 'tonglu'")["source_line"].tolist()
    assert place == [1]


@pytest.mark.parametrize("header", [("2025年", "2030年"), ("2025年", "2030年目标"), ("2025年（预计）", "2030年")])
def test_a_title_naming_no_period_stops_with_plan_period_first(workspace, header):
    """No period in the entry or the title: the default (十四五) is kept only while the columns fit it. These do not:
    the stop names plan_period first, with the years the columns show, and offers no `role: target` (on main:
    `role: target` for 2030, or no stop at all for 2030年目标: 2025's figures read as 2025 targets, exit 0)."""
    _county(workspace, "建德市人才发展规划", header=header)
    with pytest.raises(InputError) as info:
        build(workspace)
    fix = info.value.fix
    assert "role: target" not in fix, fix
    first = fix.index("plan_period: {name: 十五五, base_year: 2025, target_year: 2030}")
    assert first < fix.index("role:"), fix
    ds, followed = _built_following_the_advice(workspace)
    assert followed == ["`plan_period: {name: 十五五, base_year: 2025, target_year: 2030}`"]
    assert _talent_total(ds)[(2030, "target")] == (20.0, "十五五")
    assert _talent_total(ds)[(2025, "actual")] == (15.2, "十五五")
    assert (2025, "target") not in _talent_total(ds)


def test_an_entrys_own_period_the_title_contradicts_stops_naming_both(workspace):
    """plan_period: 十四五 written for a document titled “十五五”: the stop names the entry's line and the title's
    place, and offers the title's period; followed, the table is read as the 十五五 plan's (on main: the 2030年 stop
    offered role: target, and followed, 2025's figures were 2025 targets)."""
    _county(workspace, "建德市人才发展“十五五”规划",
            period={"name": "十四五", "base_year": 2020, "target_year": 2025})
    with pytest.raises(InputError) as info:
        build(workspace)
    error = info.value
    assert error.file.endswith("sources.yaml") and isinstance(error.where, int)
    entry_line = next(n for n, line in enumerate((workspace / "config" / "sources.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if FILE in line)
    assert abs(error.where - entry_line) <= 4
    assert "paragraph 1" in error.problem and "十五五" in error.problem and "十四五" in error.problem
    assert "role: target" not in error.fix
    ds, followed = _built_following_the_advice(workspace)
    assert len(followed) == 1 and "十五五" in followed[0]
    _read_as_fifteenth(ds)


def test_advice_never_offers_a_target_for_a_year_that_is_not_the_target_year(workspace):
    """A 十五五 plan (its own plan_period) with a mid-term 2027年 column: neither the stop on the year alone nor the one
    on an unknown header for 2027 offers `role: target` (on main both did: followed, 2027 figures were targets of a
    plan whose target year is 2030)."""
    _county(workspace, "建德市人才发展“十五五”规划", header=("2025年", "2027年"), period=FIFTEENTH)
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "2027" in info.value.problem and "role: target" not in info.value.fix, info.value.fix
    assert "role: remark" in info.value.fix
    path = workspace / "raw" / FILE
    content = copy.deepcopy(DOCUMENT_TABLE)
    content["header"][4:6] = ["2025年", "2027年规划值"]
    content["before"][0] = "建德市人才发展“十五五”规划"
    write_docx(PlanContent(**content), path)
    write_manifest(workspace / "raw")
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "is not a known column" in info.value.problem
    assert "role: target" not in info.value.fix and "plan_period" in info.value.fix, info.value.fix


def test_a_yearless_base_column_is_logged_and_an_estimate_where_the_plan_says_so(workspace):
    """现状值 | 目标值 read by the plan's period (role: base / role: target): the base column is logged as read by the
    period from a header with no year; and where the plan's text says the base is estimated (预计到2025年底…), its
    figures are 2025's estimates, never firm actuals (on main: firm actuals, logged as 'gives 2025')."""
    roles = [{"pattern": "现状值", "role": "base"}, {"pattern": "目标值", "role": "target"}]

    def built(prose):
        _county(workspace, "建德市人才发展“十五五”规划", header=("现状值", "目标值"), prose=prose)
        path = workspace / "config" / "sources.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["header_roles"] = roles
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return build(workspace)

    ds = built("“十四五”期间，全县人才工作取得新成效。")
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025")
    assert rows["value"].tolist() == [15.2] and not rows["estimated"].any()
    assert len(ds.cleaning_log.query("entity == 'tonglu' and step == 'period_year_column'")) == 1


def test_a_yearless_base_column_the_plans_words_call_estimated(workspace):
    _county(workspace, "建德市人才发展“十五五”规划", header=("现状值", "目标值"),
            prose="预计到2025年底，全县人才资源总量达到15.2万人。")
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["header_roles"] = [{"pattern": "现状值", "role": "base"}, {"pattern": "目标值", "role": "target"}]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = build(workspace)
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025 "
                               "and origin == 'table'")
    assert rows["value"].tolist() == [15.2] and rows["estimated"].all()
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu' and step == 'base_estimate_in_text'")
    assert len(log) == 1 and "预计到2025年底" in log["decision"].iloc[0] and f"{FILE}第3段" in log["decision"].iloc[0]


def test_the_run_evaluates_the_plan_as_the_fifteenth_plan_end_to_end(tmp_path):
    """make report YEAR=2025, as a user meets it: the .docx added without plan_period and a 2025 workbook. The run
    (resolve), the analysis and the brief read it as the 十五五 plan at its base year: no final evaluation, no target
    judged met or missed (on main, the advice followed: "“十四五”规划（2021—2025年）终期评估：4项目标中3项达标")."""
    from conftest import analysed, copy_of_project
    from helpers import analyse
    from helpers.analyse.inputs import load_run_inputs
    from helpers.report.chapters.scorecard import summary_section
    from helpers.report.context import load_report_context
    workspace = copy_of_project(tmp_path)
    _county(workspace, "建德市人才发展“十五五”规划")
    rows = [["桐庐县", "人才资源总量", "万人", 2025, 15.6, None, "统计年报", None],
            ["桐庐县", "每千人口执业(助理)医师数", "人/千人", 2025, 4.0, None, "统计年报", None]]
    one_sheet_workbook(workspace, rows, name="桐庐监测2025.xlsx")
    _built_following_the_advice(workspace)
    analysed(workspace, 2025)
    run = yaml.safe_load((workspace / "processed" / "run.json").read_text(encoding="utf-8"))
    assert run["plans"]["tonglu"]["plan"] == "十五五" and run["plans"]["tonglu"]["phase"] == "base_year", run
    inputs = load_run_inputs(workspace / "processed", workspace / "config")
    assert inputs.plan_of("tonglu").period == PlanPeriod("十五五", 2025, 2030)
    analyse.build_tables(workspace / "processed", workspace / "config", 2025, "tonglu")
    zh = str(summary_section(load_report_context(workspace / "processed", workspace / "config", 2025, "tonglu",
                                                 "zh"), "brief"))
    assert "终期评估" not in zh and "项达标" not in zh and "十四五" not in zh, zh
