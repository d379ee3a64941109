"""Tables as real 十五五 plans write them (issue 15, section 2) and note marks glued to numbers (issue 18).

桐庐 (tonglu) gets a made-up 十五五 plan (2026–2030, base year 2025), written below as it would be published, in
both text layouts. What each cell must give was worked out by hand from the table:

    indicator (table name)          unit     2025 cell   2030 cell   属性      read as
    人才资源总量                     万人      15.2        20左右       预期性     target 20, approximate
    新增高技能人才                   人        〔6500〕     〔7000〕      约束性     cumulative (table note), binding
    高技能人才占技能劳动者比例        %         35¹ / 35①   40          约束性     actual 35 (not 351), binding
    省级以上人才科技孵化载体          家        5           〔3〕        预期性     2030 target 3, cumulative
    每千人口执业(助理)医师数          人/千人    4.1         ≥4.5        (empty)   2030 target ≥4.5

The Word layout heads its columns 类别 | 序号 | 指标名称 | 单位 | 2025年（预计） | 2030年目标 | 属性: the 2025 column is
the base year's actual, estimated (预计). The cell layout heads them
序号 | 指标 | 计量单位 | 指标属性 | 2025年 | 2030年:
years alone, classified by the plan's period (2025 the base year: actual; 2030 the target year: target).

Monitoring workbooks give the yearly actuals 2026–2030:

    人才资源总量        16     17     18     19     19.5      2030: 19.5 < 20: not met (the target is about 20)
    新增高技能人才      1300   1400   1500   1400   1500      sum 7100 ≥ 7000: met; completion 7100/7000
    占比 (%)            36     37     38     39     40.5      40.5 ≥ 40: met, binding
    孵化载体            1      0      —      1      1         2028 missing: the five-year sum cannot be judged
    医师数              4.2    4.3    4.4    4.5    4.6²      4.6 (the ² is a note mark) ≥ 4.5: met

and 人才资源总量 2025 = 15.0: a stated actual, preferred to the plan's estimate 15.2 (预计).
At the mid-term (2028) the new high-skilled talents sum to 1300 + 1400 + 1500 = 4200 = 60% of 7000, and 3 of 5
years (60%) have passed: on schedule.
"""
import re
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse.progress import progress_table
from helpers.core.errors import InputError
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import PLANS, WORD_PLAN, add_fifteenth_plan
from support.notes import said


@pytest.fixture(scope="module", params=list(PLANS))
def county(request, tmp_path_factory):

    workspace = tmp_path_factory.mktemp(request.param)
    copy_of_project(workspace)
    add_fifteenth_plan(workspace, request.param)
    ds = dataset.build(workspace / "raw", workspace / "config")
    dataset.write(ds, workspace / "processed")
    return request.param, workspace, ds


def _plan_rows(ds) -> dict:
    """tonglu's rows from its plan's table, by (indicator, year, kind)."""
    rows = ds.indicators.query("entity == 'tonglu' and origin == 'table'")
    return {(r.indicator_id, r.year, r.kind): r for r in rows.itertuples()}


def test_values_attributes_and_marks_as_the_table_writes_them(county):
    layout, _, ds = county
    rows = _plan_rows(ds)
    estimated = layout == "word_tab_cells"        # only the Word table heads its 2025 column 2025年（预计）
    expected = {   # (indicator, year, kind): value, comparator, attribute, approximate, cumulative, estimated
        ("talent_total", 2025, "actual"): (15.2, "=", "预期性", False, False, estimated),
        ("talent_total", 2030, "target"): (20, "=", "预期性", True, False, False),
        ("new_high_skilled_talent", 2025, "actual"): (6500, "=", "约束性", False, True, estimated),
        ("new_high_skilled_talent", 2030, "target"): (7000, "=", "约束性", False, True, False),
        ("high_skilled_share_of_skilled", 2025, "actual"): (35, "=", "约束性", False, False, estimated),
        ("high_skilled_share_of_skilled", 2030, "target"): (40, "=", "约束性", False, False, False),
        ("provincial_incubators", 2025, "actual"): (5, "=", "预期性", False, False, estimated),
        ("provincial_incubators", 2030, "target"): (3, "=", "预期性", False, True, False),
        ("physicians_per_1000", 2025, "actual"): (4.1, "=", "" if estimated else "预期性", False, False, estimated),
        ("physicians_per_1000", 2030, "target"): (4.5, ">=", "" if estimated else "预期性", False, False, False),
    }
    if estimated:   # the workbook states 2025 = 15.0: the plan's estimate gives way to it (see below)
        del expected[("talent_total", 2025, "actual")]
    assert set(rows) == set(expected)
    for key, (value, comparator, attribute, approximate, cumulative, est) in expected.items():
        row = rows[key]
        assert (row.value, row.comparator, row.attribute, row.approximate, row.cumulative, row.estimated) == \
            (value, comparator, attribute, approximate, cumulative, est), key


def test_each_mark_is_a_note_and_a_cleaning_decision_with_its_place(county):
    layout, _, ds = county
    rows = _plan_rows(ds)
    share = rows[("high_skilled_share_of_skilled", 2025, "actual")]
    mark = "¹" if layout == "word_tab_cells" else "①"
    assert f"note mark {mark}" in said(share)
    assert "approximate" in said(rows[("talent_total", 2030, "target")])
    assert "cumulative" in said(rows[("provincial_incubators", 2030, "target")])
    assert "binding" in said(rows[("new_high_skilled_talent", 2030, "target")])
    assert "binding" not in said(rows[("new_high_skilled_talent", 2025, "actual")])   # an actual binds nothing
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu' and source_file.str.endswith('tonglu_15.txt')")
    steps = log.groupby("step").size().to_dict()
    assert steps["note_mark"] == 1 and steps["approximate"] == 1 and steps["cumulative"] == 3
    assert steps["attribute_column"] == 1 and steps["year_column"] == (1 if layout == "word_tab_cells" else 2)
    note_mark = log[log["step"] == "note_mark"].iloc[0]
    assert note_mark["source_line"] == share.source_line and f"其后的注释标记{mark}" in note_mark["decision"]
    cumulative = log[log["step"] == "cumulative"]
    lines = PLANS[layout].splitlines()
    note_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("注"))
    assert all(f"表注（第{note_line}行）" in e for e in cumulative["evidence"])
    attribute = log[log["step"] == "attribute_column"].iloc[0]
    binding, expected, empty = (2, 2, 1) if layout == "word_tab_cells" else (2, 3, 0)
    assert f"约束性{binding}项，预期性{expected}项，空白{empty}项" in attribute["decision"]
    if layout == "word_tab_cells":
        assert list(log.loc[log["step"] == "estimated_column", "source_line"]) == [lines.index("\t2025年（预计）") + 1]


def test_a_stated_actual_is_preferred_to_the_plans_estimate(county):
    layout, _, ds = county
    kept = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025")
    assert len(kept) == 1
    if layout == "word_tab_cells":    # the plan's 15.2 is an estimate: the workbook's 15.0 is kept, the 15.2 named
        assert (kept.iloc[0]["value"], kept.iloc[0]["origin"]) == (15.0, "monitoring")
        assert "tonglu_15.txt, line" in said(kept.iloc[0]) and "gives 15.2" in said(kept.iloc[0])
    else:                             # the plan's 2025 column is an actual: the plan is kept, as before
        assert (kept.iloc[0]["value"], kept.iloc[0]["origin"]) == (15.2, "table")


def test_a_workbook_note_mark_is_recorded_and_never_a_digit(county):
    _, _, ds = county
    row = ds.indicators.query("entity == 'tonglu' and indicator_id == 'physicians_per_1000' and year == 2030 "
                              "and kind == 'actual'").iloc[0]
    assert row["value"] == 4.6 and "note mark ²" in said(row) and row["source_cell"] == "E26"
    log = dataset.in_words(ds)["cleaning_log"].query(
        "entity == 'tonglu' and step == 'note_mark' and source_file.str.endswith('.xlsx')")
    assert len(log) == 1 and "“4.6²”读作4.6" in log.iloc[0]["decision"] and log.iloc[0]["source_line"] == 26


def test_an_approximate_figure_in_the_estimated_column_is_an_approximate_actual(workspace):
    # 人才资源总量's 2025年（预计） cell written 约15: the base year's estimated actual, about 15 (not a target)
    add_fifteenth_plan(workspace, "word_tab_cells", WORD_PLAN.replace("\t15.2\n", "\t约15\n", 1), monitoring=False)
    ds = dataset.build(workspace / "raw", workspace / "config")
    row = _plan_rows(ds)[("talent_total", 2025, "actual")]
    assert (row.value, row.approximate, row.estimated) == (15, True, True)
    assert notes_text(row.note_values, words("en")) == \
        "about the value (“约15”): an approximate actual; an estimate: the column is headed 2025年（预计）"
    assert notes_text(row.note_values, words("zh")) == \
        "约数（“约15”）：实际值为近似数；预计数：所在列标题为2025年（预计）"
    target = _plan_rows(ds)[("talent_total", 2030, "target")]     # 20左右 stays an approximate target
    assert notes_text(target.note_values, words("en")) == "about the value (“20左右”): an approximate target"


def _progress(workspace: Path, year: int):
    inputs = analyse.load_inputs(workspace / "processed", workspace / "config", year, "tonglu")
    return progress_table(inputs).set_index("indicator_id")


def test_final_evaluation_2030_judges_cumulative_targets_on_the_sum_of_the_years(county):
    layout, workspace, _ = county
    p = _progress(workspace, 2030)
    new = p.loc["new_high_skilled_talent"]
    assert new["target_cumulative"] and new["target_binding"] and new["target_attribute"] == "约束性"
    assert new["evaluated_value"] == 7100 and new["target_met"] and new["gap_to_target"] == 100
    assert new["completion_rate"] == pytest.approx(7100 / 7000)
    assert new["progress_category"] == "target_met"
    en, zh = words("en"), words("zh")
    # (the terms and the sum written as the report writes numbers: formatting.number)
    assert "1,300 + 1,400 + 1,500 + 1,400 + 1,500 = 7,100" in notes_text(new["evaluation_notes"], en,
                                                                         "evaluation_notes")
    incubators = p.loc["provincial_incubators"]
    assert incubators["target_cumulative"] and not incubators["target_binding"]
    assert incubators["target_met"] is pd_na() and incubators["evaluated_value"] != incubators["evaluated_value"]
    assert "missing 2028" in notes_text(incubators["evaluation_notes"], en, "evaluation_notes")
    assert "缺少2028年" in notes_text(incubators["evaluation_notes"], zh, "evaluation_notes")
    total = p.loc["talent_total"]
    assert total["target_approximate"] and not total["target_binding"]
    assert total["target_value"] == 20 and total["evaluated_value"] == 19.5 and not total["target_met"]
    # Word: the workbook's 2025 actual, not the plan's estimate; cells: the plan's stated 2025 actual
    expected_base = (15.0, False) if layout == "word_tab_cells" else (15.2, False)
    assert (total["base_value"], total["base_estimated"]) == expected_base
    share = p.loc["high_skilled_share_of_skilled"]
    assert share["target_binding"] and share["target_met"] and share["base_value"] == 35
    assert share["base_estimated"] == (layout == "word_tab_cells")
    assert p.loc["physicians_per_1000"]["evaluated_value"] == 4.6 and p.loc["physicians_per_1000"]["target_met"]


def pd_na():
    import pandas as pd
    return pd.NA


def test_mid_term_2028_a_cumulative_target_runs_on_the_sum_so_far(county):
    _, workspace, _ = county
    new = _progress(workspace, 2028).loc["new_high_skilled_talent"]
    assert new["evaluated_value"] == 4200 and new["progress_share"] == pytest.approx(0.6)
    assert new["schedule_share"] == pytest.approx(0.6) and new["schedule_judgement"] == "on_schedule"


# ------------------------------------------------------------------------------------------- bad tables

def _build_error(workspace: Path, layout: str, text: str) -> InputError:
    add_fifteenth_plan(workspace, layout, text, monitoring=False)
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    return caught.value


def test_an_unknown_header_names_itself_and_the_config_key(workspace):
    err = _build_error(workspace, "word_tab_cells", WORD_PLAN.replace("\t属性\n", "\t考核方式\n", 1))
    assert "'考核方式' is not a known column" in err.problem
    assert "`header_roles` in " in err.fix and "sources.yaml" in err.fix
    assert "{pattern: '考核方式', role: remark}" in err.fix
    assert str(err.where) == str(WORD_PLAN.splitlines().index("\t属性") + 1)


def test_the_unknown_headers_fix_works_when_followed(workspace):
    add_fifteenth_plan(workspace, "word_tab_cells", WORD_PLAN.replace("\t属性\n", "\t考核方式\n", 1), monitoring=False)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["header_roles"] = [{"pattern": "考核方式", "role": "attribute"}]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert set(ds.indicators.query("entity == 'tonglu' and origin == 'table'")["attribute"]) == {"约束性", "预期性", ""}


def test_a_year_column_outside_the_period_is_named(workspace):
    err = _build_error(workspace, "word_tab_cells", WORD_PLAN.replace("\t2030年目标\n", "\t2028年\n", 1))
    assert "'2028年' gives 2028" in err.problem and "base year 2025" in err.problem
    # (was: `(?P<year>2028)年`, role: target offered: followed, 2028's figures were targets of a plan whose target year
    # is 2030; now the plan's period first, and remark for a column not read: test_period_from_title)
    assert "role: target" not in err.fix and "plan_period" in err.fix and "{pattern: '2028年', role: remark}" in err.fix


def test_year_columns_under_the_wrong_period_are_refused(workspace):
    """2025年 and 2030年 under a period 2030→2035 would both be actuals: the plan would have no target. (The plan's
    title names 十五五: that stops first, naming the title; a title naming no period leaves the table's check.)"""
    add_fifteenth_plan(workspace, "cell_per_line", monitoring=False)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["plans"][-1]["plan_period"] = {"name": "十六五", "base_year": 2030, "target_year": 2035}
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    assert "title names 十五五 (2025→2030)" in caught.value.problem and "十六五" in caught.value.problem
    assert "plan_period: {name: 十五五, base_year: 2025, target_year: 2030}" in caught.value.fix
    plan = workspace / "raw" / "tonglu_15.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("桐庐县人才发展“十五五”规划", "桐庐县人才发展规划", 1),
                    encoding="utf-8")
    write_manifest(workspace / "raw")
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    assert "no column for the target year 2035" in caught.value.problem and "2025年, 2030年" in caught.value.problem
    assert "plan_period: {name: 十五五, base_year: 2025, target_year: 2030}" in caught.value.fix


def test_an_attribute_that_is_neither_binding_nor_expected_is_named(workspace):
    text = WORD_PLAN.replace("\t预期性\n", "\t必达\n", 1)
    err = _build_error(workspace, "word_tab_cells", text)
    assert "属性 cell of '人才资源总量' is '必达'" in err.problem
    assert str(err.where) == str(text.splitlines().index("\t必达") + 1)


def test_the_advice_for_an_unread_attribute_leaves_the_plan_as_published(workspace):
    """The advice said to write 约束性 or 预期性 in the plan's cell: editing the published plan, which fails its
    checksum (and the project's rule). Now a reading in sources.yaml, which the advice quotes: followed here, the
    row reads 约束性, recorded in the cleaning log with the cell and the reason; the plan's bytes are unchanged."""
    from helpers.core.wording import decision_text
    text = WORD_PLAN.replace("\t预期性\n", "\t必达\n", 1)
    err = _build_error(workspace, "word_tab_cells", text)
    example = re.search(r"- (\{indicator: [^{}]*\})", err.fix)
    assert example and "published plan stays as it is" in err.fix, err.fix
    reading = yaml.safe_load(example.group(1))
    assert reading == {"indicator": "人才资源总量", "attribute": "约束性", "because": "…"}
    reading["because"] = "规划正文：人才资源总量为约束性指标"
    plan_file = workspace / "raw" / "tonglu_15.txt"
    before = plan_file.read_bytes()
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == plan_file.name).setdefault("readings", []).append(reading)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = dataset.build(workspace / "raw", workspace / "config")
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and kind == 'target'")
    assert set(rows["attribute"]) == {"约束性"}
    logged = ds.cleaning_log.query("entity == 'tonglu' and step == 'analyst_attribute'")
    assert len(logged) == 1 and int(logged.iloc[0]["source_line"]) == text.splitlines().index("\t必达") + 1
    assert "按约束性读取" in decision_text("analyst_attribute", logged.iloc[0]["values"], words("zh"))
    assert "read as binding" in decision_text("analyst_attribute", logged.iloc[0]["values"], words("en"))
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("attribute, said", [("必达", "is neither 约束性 nor 预期性"), (None, "should give one of")])
def test_an_attribute_reading_must_say_binding_or_expected(workspace, attribute, said):
    add_fifteenth_plan(workspace, "word_tab_cells", WORD_PLAN.replace("\t预期性\n", "\t必达\n", 1),
                       monitoring=False)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    reading = {"indicator": "人才资源总量", "because": "x", **({"attribute": attribute} if attribute else {})}
    doc["plans"][-1].setdefault("readings", []).append(reading)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match=said):
        dataset.build(workspace / "raw", workspace / "config")


@pytest.mark.parametrize("cell", ["10.¹3", "3①5"])
def test_a_note_mark_inside_a_number_stops_the_run_with_the_cell(workspace, cell):
    text = WORD_PLAN.replace("\t15.2\n", f"\t{cell}\n", 1)
    err = _build_error(workspace, "word_tab_cells", text)
    assert f"'{cell}'" in err.problem and "note mark" in err.problem
    assert str(err.where) == str(text.splitlines().index(f"\t{cell}") + 1)


# ------------------------------------------------------------------------ where targets are judged

def _report(workspace: Path, year: int, lang: str):
    from helpers.report.context import load_report_context
    analyse.build_tables(workspace / "processed", workspace / "config", year, "tonglu")
    return load_report_context(workspace / "processed", workspace / "config", year, "tonglu", lang)


def _text(html: str) -> str:
    import html as html_lib
    import re
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_final_evaluation_and_the_scorecard_mark_binding_approximate_and_cumulative_targets(county):
    from helpers.report.chapters import plan, scorecard
    layout, workspace, _ = county
    ctx = _report(workspace, 2030, "zh")
    final = _text(plan.plan_section(ctx))
    assert "〔7,000〕★" in final and "2026—2030: 7,100" in final      # the five-year sum, against the binding total
    assert "约20" in final and "≥40★" not in final and "40★" in final
    assert "★ 约束性指标" in final and "〔〕：规划期累计数" in final and "约：规划写作“左右”" in final
    summary = _text(scorecard.summary_section(ctx))
    assert "达标★" in summary and "★ 约束性指标" in summary
    english = _text(plan.plan_section(_report(workspace, 2030, "en")))
    assert "7,000 (total) ★" in english and "about 20" in english and "★ a binding target" in english


def test_the_mid_term_report_marks_an_estimated_base(county):
    from helpers.report.chapters import plan
    layout, workspace, _ = county
    table = _text(plan.plan_section(_report(workspace, 2028, "zh")))
    assert "2026—2028: 4,200" in table and "符合序时进度" in table
    if layout == "word_tab_cells":   # 35¹ under 2025年（预计）
        assert "2025: 35（预计）" in table and "（预计）：规划表中标明“预计”的基期数值" in table
    else:
        assert "（预计）" not in table


def test_the_results_workbook_carries_the_marks(county):
    from helpers.report.results_workbook import write_results
    _, workspace, _ = county
    analyse.build_tables(workspace / "processed", workspace / "config", 2030, "tonglu")
    inputs = analyse.load_inputs(workspace / "processed", workspace / "config", 2030, "tonglu")
    path = write_results(inputs, analyse.read_tables(inputs), workspace / "results.xlsx")
    ws = openpyxl.load_workbook(path)["进度"]
    header = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, header["indicator_id"]).value: r for r in range(3, ws.max_row + 1)}
    cell = lambda indicator, column: ws.cell(rows[indicator], header[column]).value  # noqa: E731
    assert cell("new_high_skilled_talent", "target_binding") == "是"
    assert cell("new_high_skilled_talent", "target_cumulative") == "是"
    assert cell("talent_total", "target_approximate") == "是" and cell("talent_total", "target_binding") == "否"
    assert ws.cell(1, header["target_binding"]).value == "约束性目标"
