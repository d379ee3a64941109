"""What a workbook row's 来源 says of its figure (issue 18, redteam18 finding 3). The words are
name_meaning.remark_says' families, the one reader; this file is about the 来源 being read by it.

预计, 1-11月 or 待统计局确认 in the 来源 column was not read: 县人社局预计数 left 15.1 a firm actual, judged 达标. The
来源 is now read as the 备注 is: an estimate marks the figure `estimated`, a part of a year, a doubt or an incomplete
count stops the run at the value and 来源 cells, and a 快报 is the year's preliminary count. A plain source (统计局,
统计年报, 县人社局) says nothing of the figure. The brief end to end: tests/report/test_source_column_read.py.
"""
import json

import pytest

from helpers.core.wording import decision_text, notes_text, words
from support.workbooks import one_sheet_workbook, read_workbooks, refused_reading, set_cells

ROW = ["建德市", "人才资源总量", "万人", 2023, 12.9, None]     # 县市 … 比较符; then 来源, 备注





@pytest.mark.parametrize("source, word", [("县人社局预计数", "预计"), ("人社局测算", "测算"), ("统计局估算", "估算")])
def test_an_estimate_in_the_source_is_read_as_an_estimate_and_logged(workspace, source, word):
    one_sheet_workbook(workspace, [ROW + [source, None]])
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, True)
    assert obs.notes == [{"code": "estimate_in_note", "remark": source, "word": word, "cell": "G2",
                          "field": {"code": "source"}}]
    [logged] = [d for d in decisions if d.step == "estimate_in_note"]
    assert decision_text("estimate_in_note", logged.values, words("zh")) == (
        f"m.xlsx的数据表E2单元格的12.9（2023年）：该行来源为“{source}”，说明为{word}：记为预计数，不作为实际值评估；"
        f"有了2023年实际值后请填入，并删去来源中的{word}")
    assert decision_text("estimate_in_note", logged.values, words("en")).endswith(
        f"the row's source says “{source}”, {word}, an estimate: recorded as an estimate, never judged as an "
        f"actual; enter the 2023 actual when it is in, and take {word} out of the source")
    assert notes_text(json.dumps(obs.notes), words("zh")) == f"预计数：监测工作簿该行来源为“{source}”"


@pytest.mark.parametrize("source, word, says", [("统计局1-11月数据", "1-11月", "for part of a year"),
                                                ("待统计局确认", "待统计局确认", "not yet verified"),
                                                ("统计局（数据不全）", "不全", "incomplete")])
def test_a_part_year_unverified_or_incomplete_source_stops_with_advice_that_works(workspace, source, word, says):
    path = one_sheet_workbook(workspace, [ROW + [source, "含驻县单位"]])
    err = refused_reading(workspace)
    assert err.where == "sheet 数据, cells E2 and G2"
    assert f"the 来源 '{source}' says the figure 12.9 is {says} ('{word}')" in err.problem
    assert f"'{word}' out of the 来源" in err.fix and "clear E2" in err.fix
    # followed one way: the value cell cleared (the 来源 kept), the row is skipped
    set_cells(path, E2=None)
    assert read_workbooks(workspace)[0] == []
    # and the other: the whole year's (checked, complete) figure typed, the words taken out of the 来源
    set_cells(path, E2=13.1, G2=source.replace(word, "").replace("（数据）", "") or None)
    [obs], _ = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (13.1, False)


def test_a_preliminary_count_in_the_source_is_read_as_the_actual_and_logged(workspace):
    one_sheet_workbook(workspace, [ROW + ["县统计局快报", "含驻县单位"]])
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, False)
    # the 备注 first: the one quoted where the figure is judged; the 快报 is named beside the judgement
    # (report.preliminary_note) and logged
    assert [n["code"] for n in obs.notes] == ["remark", "preliminary_in_note"]
    [logged] = [d for d in decisions if d.step == "preliminary_in_note"]
    assert decision_text("preliminary_in_note", logged.values, words("zh")).startswith(
        "m.xlsx的数据表E2单元格的12.9（2023年）：该行来源为“县统计局快报”，说明为快报（当年的初步统计数）")


@pytest.mark.parametrize("source", ["统计局", "统计年报", "县人社局", "2024年统计年鉴第35页", "浙江省统计局",
                                    "第七次人口普查"])
def test_a_plain_source_says_nothing_of_the_figure(workspace, source):
    one_sheet_workbook(workspace, [ROW + [source, None]])
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated, obs.notes) == (12.9, False, [])
    assert obs.source_text == f"数据!E2: 12.9 | 来源: {source}"
    assert not [d for d in decisions if d.step in ("estimate_in_note", "preliminary_in_note")]


def test_an_estimate_in_the_source_and_a_preliminary_count_in_the_note_is_an_estimate(workspace):
    one_sheet_workbook(workspace, [ROW + ["县人社局预计数", "快报"]])
    [obs], _ = read_workbooks(workspace)
    assert obs.estimated and [(n["code"], n["cell"]) for n in obs.notes] == [("remark", "H2"),
                                                                               ("estimate_in_note", "G2")]
