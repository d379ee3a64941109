"""A plan's 属性 column headed 类型 or 指标类型, and two columns of one role (issue 18, redteam14 finding 3).

The plan is the made-up 十五五 plan of tests/support/fifteenth_plan.py: 类别 | 序号 | 指标名称 | 单位 | 2025年（预计） |
2030年目标 | 属性, five rows, 属性 预期性, 约束性, 约束性, 预期性 and an empty cell; categories 人才规模 (two rows, the
second merged), 人才结构, 人才效能 (two rows, the second merged).

- `(指标)?类型` is a category header, and Chinese plans head the 属性 column 指标类型 (or 类型) as often: on main the
  column was read as the category (every row's category 约束性 or 预期性, its 属性 empty) and with 类别 beside it the
  second category column replaced the first, row by row, exit 0. A category column whose cells are all 约束性 or
  预期性 is now the 属性 column, said in the cleaning log; one where they are mixed with other words stops.
- Two columns of one role (two category, two 属性, two columns of the 2030 targets) stop naming both header cells,
  with a `header_roles` entry that, added as written, reads the plan
  (support.plan_documents.built_by_the_header_advice).
- 属性 in every place, and 指标属性, read as before; 性质 and 属性（约束性/预期性） stop as before.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.data_step import build, build_refused
from support.fifteenth_plan import CELL_PLAN, DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent, built_by_the_header_advice

ATTRIBUTES = {"talent_total": "预期性", "new_high_skilled_talent": "约束性", "high_skilled_share_of_skilled": "约束性",
              "provincial_incubators": "预期性", "physicians_per_1000": ""}
CATEGORIES = {"talent_total": "人才规模", "new_high_skilled_talent": "人才规模",
              "high_skilled_share_of_skilled": "人才结构",
              "provincial_incubators": "人才效能", "physicians_per_1000": "人才效能"}
KINDS = ["docx", "html", pytest.param("pdf", marks=pytest.mark.slow)]


def _table(header: dict | None = None, column: tuple[str, list] | None = None, at: int = 6) -> PlanContent:
    """桐庐's table with header cells renamed ({old: new}), or a column (header, cells) inserted at `at`."""
    table = {**DOCUMENT_TABLE, "header": list(DOCUMENT_TABLE["header"]),
             "rows": [list(row) for row in DOCUMENT_TABLE["rows"]]}
    table["header"] = [(header or {}).get(h, h) for h in table["header"]]
    if column is not None:
        table["header"].insert(at, column[0])
        for row, cell in zip(table["rows"], column[1]):
            row.insert(at, cell)
    return PlanContent(**table)


def _by_indicator(ds: dataset.Dataset, field: str) -> dict:
    rows = ds.indicators.query("entity == 'tonglu' and origin == 'table' and year == 2030")
    return dict(zip(rows["indicator_id"], rows[field].fillna("")))


def _steps(ds: dataset.Dataset) -> dict:
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu'")
    return {step: list(group["decision"]) for step, group in log.groupby("step")}


def _text_plan(workspace: Path, text: str) -> None:
    add_fifteenth_plan(workspace, "word_tab_cells", text=text, monitoring=False)


# ------------------------------------------------------------------------- 类型 / 指标类型 holding 约束性 / 预期性

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("word", ["指标类型", "类型"])
def test_a_type_column_of_binding_and_expected_is_the_attribute(workspace, kind, word):
    """On main: category 预期性 / 约束性 on every row (the 类型 column read over 类别), attribute empty."""
    tonglu_plan_published(workspace, _table({"属性": word}), kind)
    ds = build(workspace)
    assert _by_indicator(ds, "attribute") == ATTRIBUTES
    assert _by_indicator(ds, "category") == CATEGORIES
    said, = _steps(ds)["attribute_by_content"]
    assert said.startswith(f"{word}列的单元格均为约束性或预期性，按属性列读入数据集")
    assert "约束性2项，预期性2项，空白1项" in said


def test_a_type_column_in_a_text_export_is_the_attribute_when_no_cell_is_empty(workspace):
    plan = WORD_PLAN.replace("\t属性\n", "\t指标类型\n", 1).replace("\t≥4.5\n\t\n", "\t≥4.5\n\t预期性\n", 1)
    _text_plan(workspace, plan)
    ds = build(workspace)
    assert _by_indicator(ds, "attribute") == {**ATTRIBUTES, "physicians_per_1000": "预期性"}
    assert _by_indicator(ds, "category") == CATEGORIES


@pytest.mark.parametrize("word", ["指标类型", "类型"])
def test_a_type_column_in_a_cell_per_line_export_is_the_attribute(workspace, word):
    """On main: 'expected a row number or a group label (其中) here, found '20 左右'', advising to restore the row's
    serial number (a stream's rows hold no category cell, so the 类型 cells shifted every row by one)."""
    add_fifteenth_plan(workspace, "cell_per_line", text=CELL_PLAN.replace("\n指标属性\n", f"\n{word}\n", 1),
                       monitoring=False)
    ds = build(workspace)
    assert _by_indicator(ds, "attribute") == {**ATTRIBUTES, "physicians_per_1000": "预期性"}
    said, = _steps(ds)["attribute_by_content"]
    assert said.startswith(f"{word}列的单元格均为约束性或预期性")


def test_a_type_column_beside_the_attribute_in_a_cell_per_line_export_stops_and_the_advice_works(workspace):
    plan = CELL_PLAN.replace("\n指标属性\n", "\n指标属性\n\n类型\n", 1)
    for old in ("\n预期性\n", "\n约束性\n"):
        plan = plan.replace(old, old + old[1:])
    add_fifteenth_plan(workspace, "cell_per_line", text=plan, monitoring=False)
    error = build_refused(workspace)
    assert error.problem.startswith("two header cells are read as the 属性 (约束性 / 预期性): '指标属性' (column 4 of "
                                    "7) and '类型' (column 5 of 7) (read as the 属性 by its cells"), error.problem
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == ["- {pattern: '类型', role: remark}"]
    assert _by_indicator(ds, "attribute") == {**ATTRIBUTES, "physicians_per_1000": "预期性"}


def test_a_type_column_with_an_empty_cell_in_a_text_export_stops_and_its_advice_works(workspace):
    """A text export writes a merged cell and an empty one alike: the row under 约束性 may be 约束性 (merged, as a
    category column is written) or have none. Stopped; the advice, that the empty cells are rows with no 属性, read."""
    _text_plan(workspace, WORD_PLAN.replace("\t属性\n", "\t指标类型\n", 1))
    error = build_refused(workspace)
    assert "the column '指标类型' holds 约束性 or 预期性, so it is read as the 属性, but this cell of it is empty" \
        in error.problem
    assert error.where == WORD_PLAN.splitlines().index("\t≥4.5") + 2
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == ["- {pattern: '指标类型', role: attribute}"]
    assert _by_indicator(ds, "attribute") == ATTRIBUTES


@pytest.mark.parametrize("kind", KINDS)
def test_a_category_column_of_binding_and_expected_merged_in_a_document_keeps_each_rows_attribute(workspace, kind):
    """类别 holding 约束性指标 / 预期性指标 merged over rows (a plan grouped by 属性): each row's 属性, from its
    merged cell."""
    table = _table({"属性": "备注"})
    for row, cell in zip(table.rows, ["约束性指标", None, None, "预期性指标", None]):
        row[0] = cell
    tonglu_plan_published(workspace, table, kind)
    ds = build(workspace)
    assert set(_by_indicator(ds, "category").values()) == {""}
    assert _by_indicator(ds, "attribute") == {"talent_total": "约束性", "new_high_skilled_talent": "约束性",
                                              "high_skilled_share_of_skilled": "约束性",
                                              "provincial_incubators": "预期性", "physicians_per_1000": "预期性"}


def test_a_category_column_mixing_binding_with_other_words_stops_and_its_advice_works(workspace):
    table = _table({"属性": "类型"})
    table.rows[2][6] = "人才结构"
    tonglu_plan_published(workspace, table, "docx")
    error = build_refused(workspace)
    assert "the column '类型' is read as the indicators' category, but its cell here is '预期性'" in error.problem
    assert "another is '人才结构'" in error.problem
    assert "`- {pattern: '类型', role: attribute}`" in error.fix
    _add_roles(workspace, [{"pattern": "类型", "role": "attribute"}])
    error = build_refused(workspace)      # as the advice says: the cell that is no 属性 stops, for a reading
    assert "the 属性 cell of '高技能人才占技能劳动者比例' is '人才结构'" in error.problem


def _add_roles(workspace: Path, roles: list[dict]) -> None:
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["header_roles"] = (doc.get("header_roles") or []) + roles
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


# ------------------------------------------------------------------------- two columns of one role

@pytest.mark.parametrize("kind", KINDS)
def test_two_category_columns_stop_naming_both_and_the_advice_works(workspace, kind):
    """On main the second (领域) was read over 类别, row by row, exit 0."""
    tonglu_plan_published(workspace, _table(column=("领域", ["数量", "数量", "质量", "效能", "效能"]), at=1), kind)
    error = build_refused(workspace)
    assert error.problem.startswith("two header cells are read as the indicators' category: '类别' (column 1 of 8) "
                                    "and '领域' (column 2 of 8)"), error.problem
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == ["- {pattern: '领域', role: remark}"]
    assert _by_indicator(ds, "category") == CATEGORIES and _by_indicator(ds, "attribute") == ATTRIBUTES


@pytest.mark.parametrize("kind", KINDS)
def test_an_attribute_column_and_a_type_column_of_binding_and_expected_stop_and_the_advice_works(workspace, kind):
    """类型 beside 属性, both 约束性 / 预期性 (类型 disagreeing on one row): on main 类型 was read as the category."""
    cells = ["预期性", "约束性", "约束性", "约束性", "预期性"]
    tonglu_plan_published(workspace, _table(column=("类型", cells)), kind)
    error = build_refused(workspace)
    assert error.problem.startswith("two header cells are read as the 属性 (约束性 / 预期性): '类型' (column 7 of 8) "
                                    "(read as the 属性 by its cells, all 约束性 or 预期性) and '属性' (column 8 of 8)")
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == ["- {pattern: '类型', role: remark}"]
    assert _by_indicator(ds, "attribute") == ATTRIBUTES and _by_indicator(ds, "category") == CATEGORIES


@pytest.mark.parametrize("kind", KINDS)
def test_two_columns_of_one_years_targets_stop_and_the_advice_works(workspace, kind):
    """2030年 (a target by the plan's period) beside 2030年目标: each row's 2030 target was read twice, 99 and
    20左右."""
    tonglu_plan_published(workspace, _table(column=("2030年", ["99", "〔1〕", "41", "〔4〕", "5"]), at=6), kind)
    error = build_refused(workspace)
    assert error.problem.startswith("two header cells are read as the county's targets for 2030: '2030年目标' (column "
                                    "6 of 8) and '2030年' (column 7 of 8)"), error.problem
    ds, offered = built_by_the_header_advice(workspace)
    assert offered == ["- {pattern: '2030年', role: remark}"]
    assert _by_indicator(ds, "value")["talent_total"] == 20


def test_two_base_year_columns_in_a_text_export_stop(workspace):
    """2025年 beside 2025年（预计） in a plan whose base year is 2025: both 2025's actual figures."""
    plan = WORD_PLAN
    for old, new in {"\t2025年（预计）\n": "\t2025年（预计）\n\t2025年\n", "\t15.2\n": "\t15.2\n\t15.2\n",
                     "\t〔6500〕\n": "\t〔6500〕\n\t〔6500〕\n", "\t35¹\n": "\t35¹\n\t35\n",
                     "\t5\n\t〔3〕\n": "\t5\n\t5\n\t〔3〕\n", "\t4.1\n": "\t4.1\n\t4.1\n"}.items():
        assert plan.count(old) == 1, old
        plan = plan.replace(old, new)
    _text_plan(workspace, plan)
    error = build_refused(workspace)
    assert error.problem.startswith("two header cells are read as the county's actual figures for 2025: "
                                    "'2025年（预计）' (column 5 of 8) and '2025年' (column 6 of 8)"), error.problem


def test_two_alike_headers_are_advised_to_be_told_apart_in_the_plan(workspace):
    tonglu_plan_published(workspace, _table(column=("类别", ["数量", "数量", "质量", "效能", "效能"]), at=1), "docx")
    error = build_refused(workspace)
    assert "'类别' (column 1 of 8) and '类别' (column 2 of 8)" in error.problem
    assert error.fix.startswith("in the plan document, give the column that is not the indicators' category a "
                                "heading of its own")


# ------------------------------------------------------------------------- held: 属性 as before

@pytest.mark.parametrize("at", [0, 1, 3, 4, 6])
def test_the_attribute_column_reads_in_any_place(workspace, at):
    table = _table()
    column = table.header.index("属性")
    for row in [table.header] + table.rows:
        row.insert(at, row.pop(column))
    tonglu_plan_published(workspace, table, "docx")
    ds = build(workspace)
    assert _by_indicator(ds, "attribute") == ATTRIBUTES


def test_the_attribute_column_headed_zhibiao_shuxing_reads(workspace):
    tonglu_plan_published(workspace, _table({"属性": "指标属性"}), "docx")
    assert _by_indicator(build(workspace), "attribute") == ATTRIBUTES


@pytest.mark.parametrize("word", ["性质", "属性（约束性/预期性）"])
def test_other_attribute_headers_stop_with_advice(workspace, word):
    tonglu_plan_published(workspace, _table({"属性": word}), "docx")
    error = build_refused(workspace)
    assert isinstance(error, InputError) and f"header cell '{word}' is not a known column" in error.problem
    assert ("the indicators' names, units, 属性, category or serial numbers: name, unit, attribute, category or "
            "serial") in error.fix


@pytest.mark.parametrize("header", ["类型", "属性"])
@pytest.mark.parametrize("binding, expected", [("（约束性）", "（预期性）"), ("(约束性)", "(预期性)"),
                                               ("约束性目标", "预期性目标"), ("约束型", "预期型")])
def test_attribute_cells_in_brackets_with_mubiao_or_xing_read(workspace, header, binding, expected):
    """redteam16 A-type-cells: under 类型, cells （约束性）, 约束性目标 or 约束型 were read as the category (every row's
    属性 empty: no ★, no binding-first order, exit 0); under 属性, 约束型 stopped."""
    plan = WORD_PLAN.replace("\t属性\n", f"\t{header}\n", 1).replace("\t≥4.5\n\t\n", "\t≥4.5\n\t预期性\n", 1)
    plan = plan.replace("\t约束性\n", f"\t{binding}\n").replace("\t预期性\n", f"\t{expected}\n")
    _text_plan(workspace, plan)
    ds = build(workspace)
    assert _by_indicator(ds, "attribute") == {**ATTRIBUTES, "physicians_per_1000": "预期性"}
    assert _by_indicator(ds, "category") == CATEGORIES
