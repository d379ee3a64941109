"""A figure written with a dot before a group of three digits (issue 18, redteam12 finding 3): `〔7.000〕` in a
head count's row (新增高技能人才, 人) was read as 7 persons without a word, while `〔6.500〕` stopped as a fractional
head count and `〔7,000〕` as a thousands separator. European figures write the thousands separator as a dot, so
where a figure must be a whole count (a unit with `whole: true` in the catalogue: 人, 件, 家) 7.000 is 7000 or a slip
for 7, a thousand times apart, and stops as `〔7,000〕` does, with the same `readings:` advice, which followed reads
7000. Elsewhere the dot is a decimal point: 40.500% is 40.5, and 〔7.000万〕 in a 人 row is 70000. 1.234.567 is no
decimal in any unit.

The plan is the made-up 十五五 plan of tests/support/fifteenth_plan.py (新增高技能人才: 〔6500〕 in 2025, 〔7000〕
in 2030, 人; 省级以上人才科技孵化载体: 5 and 〔3〕, 家), published as text, .docx, web page and PDF; its monitoring
workbook's figures are typed as text or numbers; the prose is 安吉's real line 38."""
from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.data_step import build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

TARGET_2030 = (1, 5)      # 新增高技能人才's 2030 target in DOCUMENT_TABLE's rows


def _published(workspace: Path, kind: str, cells: dict) -> Path:
    """桐庐's plan with these cells ((row, column): text) replaced, as `kind`: the text file (word_tab_cells, the
    seeds' shape), a .docx, a web page, or that page printed to PDF by Chromium; named in config/sources.yaml."""
    rows = [list(row) for row in DOCUMENT_TABLE["rows"]]
    for (r, c), text in cells.items():
        rows[r][c] = text
    if kind == "txt":
        lines = WORD_PLAN.split("\n")      # a cell a line, each row's cells in order from its 类别
        for (r, c), written in cells.items():
            at = lines.index("\t" + DOCUMENT_TABLE["rows"][r][2]) - 2 + c
            assert lines[at] == "\t" + DOCUMENT_TABLE["rows"][r][c]
            lines[at] = "\t" + written
        text = "\n".join(lines)
        add_fifteenth_plan(workspace, "word_tab_cells", text=text)
        return workspace / "raw" / "tonglu_15.txt"
    return tonglu_plan_published(workspace, PlanContent(**dict(DOCUMENT_TABLE, rows=rows)), kind)


def _follow(workspace: Path, path: Path, fix: str, because: str) -> dict:
    """The reading the advice shows, copied into the plan's entry in config/sources.yaml as written, with a reason."""
    example = re.search(r"- (\{indicator: [^{}]*\})", fix)
    assert example, fix
    reading = yaml.safe_load(example.group(1))
    assert reading["because"] == "…"
    reading["because"] = because
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == path.name).setdefault("readings", []).append(reading)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return reading


def _row(ds: dataset.Dataset, indicator: str, year: int, origin: str = "table") -> dict:
    rows = ds.indicators.query(f"entity == 'tonglu' and indicator_id == '{indicator}' and year == {year} and "
                               f"origin == '{origin}'")
    assert len(rows) == 1, rows
    return rows.iloc[0].to_dict()


# ------------------------------------------------------------------------------------------- a plan's table

@pytest.mark.parametrize("kind", ["txt", "docx", "html", pytest.param("pdf", marks=pytest.mark.slow)])
def test_a_dot_before_three_digits_in_a_head_count_stops_and_its_reading_works(workspace, kind):
    """〔7.000〕 as 新增高技能人才's 2030 target (人): on main read as 〔7〕, exit 0 (redteam12 finding 3). It stops at
    the cell, naming both readings, and the advice's reading, reads '〔7000〕', gives the five-year total 7000 from
    each kind of document (the published plan untouched)."""
    path = _published(workspace, kind, {TARGET_2030: "〔7.000〕"})
    published = path.read_bytes()
    error = build_refused(workspace)
    assert "'新增高技能人才' is '〔7.000〕': a dot before three digits in a count in 人, which is a whole number: " \
           "most likely a thousands separator, as European figures write it (〔7000〕 written with a dot); read as " \
           "a decimal point it would be 7, a thousand times less" in error.problem, error.problem
    assert "do not edit the published plan" in error.fix and "reads: '〔7000〕'" in error.fix
    _follow(workspace, path, error.fix, because="规划正文：五年新增高技能人才7000人")
    target = _row(dataset.build(workspace / "raw", workspace / "config"), "new_high_skilled_talent", 2030)
    assert (target["value"], target["cumulative"], target["kind"]) == (7000, True, "target")
    assert path.read_bytes() == published


@pytest.mark.parametrize("cells, said", [
    # 〔6.500〕: was 'a head count of 6.5 人 cannot be fractional'; the likelier cause is named now
    ({TARGET_2030: "〔6.500〕"}, "is '〔6.500〕': a dot before three digits in a count in 人"),
    # full-width digits and point: was 'a figure with a 0 before its first digit … set right to left'
    ({TARGET_2030: "〔７．０００〕"}, "is '〔７．０００〕': a dot before three digits in a count in 人"),
    # a note mark after the figure is no digit of it
    ({TARGET_2030: "〔7.000〕¹"}, "is '〔7.000〕¹': a dot before three digits in a count in 人"),
    # 家 counts whole things too: 省级以上人才科技孵化载体's 2025 figure (on main read as 5)
    ({(3, 4): "5.000"}, "is '5.000': a dot before three digits in a count in 家"),
    # two dots: thousands separators, in any unit (here a share in %)
    ({(2, 5): "1.234.567"}, "is '1.234.567': dots between groups of three digits, as European figures write "
                            "thousands separators (1234567 written with dots)"),
])
def test_other_dotted_figures_stop_naming_the_separator(workspace, cells, said):
    _published(workspace, "docx", cells)
    error = build_refused(workspace)
    assert said in error.problem, error.problem


@pytest.mark.parametrize("cells, indicator, year, value", [
    ({(2, 5): "40.500"}, "high_skilled_share_of_skilled", 2030, 40.5),     # a share: a decimal
    ({(2, 5): "40.500%"}, "high_skilled_share_of_skilled", 2030, 40.5),
    ({(0, 5): "20.500左右"}, "talent_total", 2030, 20.5),      # 万人: 20.5 万人 is a whole count, 205000
    ({(4, 5): "≥4.500"}, "physicians_per_1000", 2030, 4.5),                # 人/千人: a rate
    ({TARGET_2030: "〔7.000万〕"}, "new_high_skilled_talent", 2030, 70000),   # a decimal of 万: 7.000 × 10,000
    ({TARGET_2030: "〔0.700万〕"}, "new_high_skilled_talent", 2030, 7000),
    ({TARGET_2030: "〔7000.00〕"}, "new_high_skilled_talent", 2030, 7000),    # two digits: no thousands group
])
def test_a_dot_that_can_only_be_a_decimal_point_is_read(workspace, cells, indicator, year, value):
    _published(workspace, "docx", cells)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _row(ds, indicator, year)["value"] == pytest.approx(value)


def test_a_fractional_count_of_things_stops_as_a_fractional_head_count_does(workspace):
    """〔3.5〕 incubators (家): on main read as 3.5; 6.5 人 already stopped. The whole-count units are the catalogue's
    (`whole: true`), one list for both checks."""
    _published(workspace, "docx", {(3, 5): "〔3.5〕"})
    error = build_refused(workspace)
    assert "read in 家, the row's unit: a count of 3.5 家 cannot be fractional" in error.problem, error.problem


# ------------------------------------------------------------------------------------- a monitoring workbook

def _workbook_value(workspace: Path, indicator: str, year: int, value, number_format: str | None = None) -> str:
    """The 数值 cell of 桐庐's workbook row for the indicator and year set to `value`; its coordinate."""
    path = workspace / "raw" / "monitoring" / "桐庐监测.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == indicator and r[3].value == year)
    row[4].value = value
    if number_format:
        row[4].number_format = number_format
    book.save(path)
    return row[4].coordinate


@pytest.mark.parametrize("indicator, written, said", [
    # 家: on main read as 1, exit 0
    ("省级以上人才科技孵化载体", "1.000", "value '1.000' for 省级以上人才科技孵化载体, counted in 家 (a whole number), "
                                 "has a dot before three digits: a thousands separator as European figures write it "
                                 "(1000) or a decimal point (1), a thousand times apart"),
    ("新增高技能人才", "1.300", "value '1.300' for 新增高技能人才, counted in 人 (a whole number), has a dot"),
    ("高技能人才占技能劳动者比例", "1.234.567", "value '1.234.567' for 高技能人才占技能劳动者比例 has dots between "
                                     "groups of three digits"),
])
def test_a_dotted_figure_typed_as_text_in_a_workbook_stops_and_the_advice_works(workspace, indicator, written, said):
    add_fifteenth_plan(workspace, "word_tab_cells")
    year = 2026
    cell = _workbook_value(workspace, indicator, year, written)
    error = build_refused(workspace)
    assert error.where.endswith(cell) and said in error.problem, (error.where, error.problem)
    assert error.fix.startswith("type the figure as a number without separators")
    typed = {"1.000": 1, "1.300": 1300, "1.234.567": 36}[written]     # the figure the analyst means, as a number
    _workbook_value(workspace, indicator, year, typed)
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind_id = {"省级以上人才科技孵化载体": "provincial_incubators", "新增高技能人才": "new_high_skilled_talent",
              "高技能人才占技能劳动者比例": "high_skilled_share_of_skilled"}[indicator]
    assert _row(ds, ind_id, year, "monitoring")["value"] == typed


@pytest.mark.parametrize("value, number_format, read", [
    (1.0, "0.000", 1),           # a number is a number, whatever its format shows (1.000)
    ("36.500", None, 36.5),      # a share typed as text: a decimal
])
def test_a_number_cell_and_a_decimal_share_are_read(workspace, value, number_format, read):
    add_fifteenth_plan(workspace, "word_tab_cells")
    indicator = "省级以上人才科技孵化载体" if number_format else "高技能人才占技能劳动者比例"
    _workbook_value(workspace, indicator, 2026, value, number_format)
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind_id = "provincial_incubators" if number_format else "high_skilled_share_of_skilled"
    assert _row(ds, ind_id, 2026, "monitoring")["value"] == read


@pytest.mark.parametrize("number_format", [None, "0"])
def test_a_fractional_count_in_a_workbook_stops_as_in_a_plan(workspace, number_format):
    """1.5 incubators (家) in the workbook, shown as 1.5 or, formatted 0, as 2: on main read as 1.5, exit 0, where
    the plan's 〔3.5〕 家 stops (the same whole units, `whole: true`). Followed, the advice (type the whole figure)
    reads 2."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    cell = _workbook_value(workspace, "省级以上人才科技孵化载体", 2026, 1.5, number_format)
    error = build_refused(workspace)
    assert error.where.endswith(cell), error.where
    assert "1.5 家 for 省级以上人才科技孵化载体: a count in 家, of whole persons or things, cannot be fractional" \
        in error.problem and error.fix.startswith("type the whole figure in 家 as a number and save")
    _workbook_value(workspace, "省级以上人才科技孵化载体", 2026, 2)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _row(ds, "provincial_incubators", 2026, "monitoring")["value"] == 2


@pytest.mark.parametrize("stored, whole", [(3.0000000001, 3), (2.99999999999999, 3), (1e-9, 0)])
def test_a_whole_count_with_formula_noise_stops_showing_the_value_as_stored(workspace, stored, whole):
    """3 incubators (家) stored as 3.0000000001 (a formula's floating-point noise): on main the stop said "3 家 …
    cannot be fractional", showing a whole figure. Now the value as the cell stores it, every digit, and the advice
    to round it (a formula in ROUND(…, 0), or the whole figure typed); followed, it reads 3."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    cell = _workbook_value(workspace, "省级以上人才科技孵化载体", 2026, stored)
    error = build_refused(workspace)
    shown = {3.0000000001: "3.0000000001", 2.99999999999999: "2.99999999999999", 1e-9: "0.000000001"}[stored]
    assert error.where.endswith(cell), error.where
    assert f"{shown} 家 for 省级以上人才科技孵化载体: a count in 家, of whole persons or things, cannot be " \
           f"fractional ({shown} is all but {whole}: a formula's rounding noise" in error.problem, \
        error.problem
    assert "wrap it in ROUND(…, 0)" in error.fix and f"type {whole} as a number" in error.fix, error.fix
    _workbook_value(workspace, "省级以上人才科技孵化载体", 2026, round(stored))
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _row(ds, "provincial_incubators", 2026, "monitoring")["value"] == whole


# ------------------------------------------------------------------------------------------------ the prose

def test_a_dotted_head_count_in_the_prose_is_not_read(workspace):
    """安吉's line 38 with its increase written 36.400人 (3.64万人 the European way): on main read as 36.4 persons,
    and 2015's baseline worked out as 14.5 − 0.00364 = 14.49636 万人, used without a word (right: 10.86). Not read now,
    as 36,400人 is not: no baseline from it."""
    path = workspace / "raw" / "anji_talent_plan_2021-2025.txt"
    text = path.read_text(encoding="utf-8")
    old = "全县人才资源总量达到14.5万人,比2015年底增加3.64万人"
    assert old in text
    path.write_text(text.replace(old, "全县人才资源总量达到14.5万人,比2015年底增加36.400人", 1), encoding="utf-8")
    write_manifest(workspace / "raw")
    ds = dataset.build(workspace / "raw", workspace / "config")
    rows = ds.indicators.query("entity == 'anji' and indicator_id == 'talent_total' and year == 2015")
    assert rows.empty, rows[["kind", "value", "source_value"]]
    derived = [json.loads(v) for v in ds.cleaning_log.query("entity == 'anji'")["values"]]
    assert not any(d.get("derivation", {}).get("value") == 14.49636 for d in derived if isinstance(d, dict))
