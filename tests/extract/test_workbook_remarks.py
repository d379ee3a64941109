"""A workbook row's 备注 that says its figure is an estimate, unverified or for part of a year (issue 18, redteam14
finding 2a). Today's main read 15.1 with 备注 预计, 待核实, 估算 or 1-11月数 as the year's firm actual, and the
cleaning log said nothing; docs/monitoring.md tells analysts to put 待核实 in 备注.

The decision (docs/monitoring.md, 备注): an estimate (预计, 估算, 预估, 测算) is read as an estimate (`estimated`),
logged; a figure for part of a year (1-11月数, 截至11月) or not yet verified (待核实) stops the run at the value and
the 备注 cells, with advice that works both ways; the year's preliminary count (快报, 初步) is read as its actual, as
a sheet so named is, and logged; anything else (数据来源：统计局, 口径调整) stays a note. The 备注 is kept with the
figure (source_text) in every case. The end-to-end brief: tests/report/test_estimates_marked_outside_the_number.py.
"""
import json

import openpyxl
import pytest

from helpers.core.config import load_sources
from helpers.core.wording import decision_text, notes_text, words
from helpers.extract.monitoring import instructions
from helpers.extract.name_meaning import remark_says
from support.workbooks import HEADER, one_sheet_workbook, read_workbooks, refused_reading

ROW = ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "统计年报"]
NOTE_FIRST = ["备注"] + HEADER[:-1]


def _one_row(workspace, remark, header=HEADER):
    row = ROW + [remark]
    if header == NOTE_FIRST:
        row = [remark] + ROW
    return one_sheet_workbook(workspace, [row], header=header)


@pytest.mark.parametrize("remark, what, word", [
    ("预计", "an estimate", "预计"), ("估算", "an estimate", "估算"), ("预估数", "an estimate", "预估"),
    ("统计局测算", "an estimate", "测算"), ("初步测算", "an estimate", "测算"), ("2025E", "an estimate", "2025e"),
    ("待核实", "not yet verified", "待核实"), ("数据尚未核实", "not yet verified", "尚未核实"),
    ("1-11月数", "for part of a year", "1-11月"), ("截至11月", "for part of a year", "截至11月"),
    ("上半年数据", "for part of a year", "上半年"), ("1-11月预计数", "for part of a year", "1-11月"),
    ("快报", "the year's preliminary count", "快报"), ("初步统计", "the year's preliminary count", "初步统计"),
    ("初步", "the year's preliminary count", "初步")])
def test_what_a_remark_says_by_family(remark, what, word):
    said = remark_says(remark)
    assert (said.what, said.words) == (what, word)


@pytest.mark.parametrize("remark", ["数据来源：统计局", "口径调整", "非预计数", "不是估算", "完成情况好于预期",
                                    "预期性指标", "2024年3月报送", "已核实", "1-12月", "截至12月底", "全年数"])
def test_a_remark_that_is_commentary_says_nothing_of_the_figure(remark):
    assert remark_says(remark) is None


@pytest.mark.parametrize("header", [HEADER, NOTE_FIRST], ids=["template", "note-first"])
@pytest.mark.parametrize("remark", ["预计", "估算", "预估", "测算"])
def test_an_estimate_in_the_remark_is_read_as_an_estimate_and_logged(workspace, remark, header):
    _one_row(workspace, remark, header)
    [obs], decisions = read_workbooks(workspace)
    cell = "F2" if header == NOTE_FIRST else "E2"
    assert (obs.value, obs.estimated, obs.source_cell) == (12.9, True, cell)
    assert obs.source_text.endswith(f"| 备注: {remark}")
    [logged] = [d for d in decisions if d.step == "estimate_in_note"]
    assert logged.values == {"file": "m.xlsx", "sheet": "数据", "cell": cell, "value": 12.9, "year": 2023,
                             "remark": remark, "word": remark, "field": {"code": "note"}}
    assert decision_text("estimate_in_note", logged.values, words("zh")) == (
        f"m.xlsx的数据表{cell}单元格的12.9（2023年）：该行备注为“{remark}”，说明为{remark}：记为预计数，不作为实际值评估；"
        f"有了2023年实际值后请填入，并删去备注中的{remark}")
    said = notes_text(json.dumps(obs.notes), words("en"))
    assert said == f"an estimate: the row's note in the monitoring workbook says “{remark}”"


@pytest.mark.parametrize("header", [HEADER, NOTE_FIRST], ids=["template", "note-first"])
@pytest.mark.parametrize("remark, word, part", [("待核实", "待核实", False), ("1-11月数", "1-11月", True),
                                                ("截至11月", "截至11月", True)])
def test_a_part_year_or_unverified_remark_stops_at_both_cells_with_advice_that_works(workspace, remark, word, part,
                                                                                      header):
    path = _one_row(workspace, remark, header)
    err = refused_reading(workspace)
    value, note = ("F2", "A2") if header == NOTE_FIRST else ("E2", "H2")
    assert err.file.endswith("m.xlsx") and err.where == f"sheet 数据, cells {value} and {note}"
    assert f"the 备注 '{remark}' says the figure 12.9 is " in err.problem
    assert ("for part of a year" if part else "not yet verified") in err.problem
    assert f"take '{word}' out of the 备注" in err.fix and f"clear {value}" in err.fix
    # followed one way: the value cell cleared (the 备注 kept), the row is skipped
    wb = openpyxl.load_workbook(path)
    wb["数据"][value].value = None
    wb.save(path)
    assert read_workbooks(workspace)[0] == []
    # and the other: the checked or whole year's figure typed, the words taken out of the 备注
    wb["数据"][value].value = 13.1
    wb["数据"][note].value = remark.replace(word, "") or None
    wb.save(path)
    [obs], _ = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (13.1, False)


@pytest.mark.parametrize("remark", ["数据来源：统计局", "口径调整", "非预计数"])
def test_a_remark_of_commentary_stays_a_note(workspace, remark):
    _one_row(workspace, remark)
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, False)
    assert obs.source_text.endswith(f"| 备注: {remark}")
    assert not [d for d in decisions if d.step in ("estimate_in_note", "preliminary_in_note")]


def test_a_preliminary_count_in_the_remark_is_read_as_the_actual_and_logged(workspace):
    _one_row(workspace, "快报")
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, False)
    [logged] = [d for d in decisions if d.step == "preliminary_in_note"]
    assert decision_text("preliminary_in_note", logged.values, words("zh")) == (
        "m.xlsx的数据表E2单元格的12.9（2023年）：该行备注为“快报”，说明为快报（当年的初步统计数）：按当年实际值读取，"
        "待正式数据发布后请在工作簿中替换")


@pytest.mark.parametrize("order", ["estimate first", "estimate second"])
def test_the_same_figure_in_two_workbooks_one_an_estimate_is_read_as_the_stated_one(workspace, order):
    """redteam14's lesser finding: one with 备注 预计, one without, the same value: read with no word."""
    names = ("a.xlsx", "b.xlsx") if order == "estimate first" else ("b.xlsx", "a.xlsx")
    one_sheet_workbook(workspace, [ROW + ["预计"]], name=names[0])
    one_sheet_workbook(workspace, [ROW + [None]], name=names[1])
    [obs], _ = read_workbooks(workspace)
    assert (obs.value, obs.estimated, obs.source_file.rsplit("/", 1)[-1]) == (12.9, False, names[1])
    assert [n["place"]["file"].rsplit("/", 1)[-1] for n in obs.notes if n["code"] == "also_stated"] == [names[0]]


def test_the_templates_instructions_say_how_a_remark_is_read():
    [(zh, en)] = [pair for pair in instructions(load_sources()) if pair[0].startswith("3.")]
    assert "备注写“预计”“估算”“测算”的数值按预计数读取，不作为实际值评估" in zh and "待核实" in zh and "1-11月" in zh
    assert "A figure whose 备注 says 预计, 估算 or 测算 is read as an estimate, never judged as an actual" in en
