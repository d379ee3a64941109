"""The 2025 final evaluation of 桐庐 (support.final_evaluation, no 十五五 plan) when the workbook says its
2025 figures are estimates outside the 备注 (redteam18 findings 1 and 2). On main each was judged as a firm
actual: 人才资源总量 15.1 against 15左右 达标, and the brief said "5项目标中3项达标".

By hand: with 人才资源总量's 2025 figure an estimate, 4 targets are judged, 2 met (高技能人才 3.1 − 2 = 1.1 ≥
〔1〕; 占比 35 ≥ 35), 2 missed (新增 5,950 < 〔6,000〕; 流失率 6.2 > 6), and 1 has no 2025 actual; with every
2025 figure an estimate, none of the 5 has one.
"""
import json

import openpyxl
import pandas as pd
import pytest
from openpyxl.comments import Comment

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.core.errors import InputError
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

ONE_ESTIMATE = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标"
                "（未达标：新增高技能人才、人才流失率）；另有1项尚无2025年实际值，待补充。")
ALL_ESTIMATES = "桐庐县“十四五”规划（2021—2025年）终期评估：5项目标尚无2025年实际值，请在年度监测表中补充后再评估。"
CELL = "E6"     # 人才资源总量's 2025 row: the sheet's sixth (header, 2021–2025)


def _case(root, change):
    root = final_evaluation_case(root, extra={"人才资源总量": {2025: 15.1}}, plan_15=None)
    path = root / "raw" / "monitoring" / "监测2021-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    change(wb["数据"])
    wb.save(path)
    return root


def _judged(root):
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    zh = load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh")
    return zh, zh.progress.set_index("indicator_id").loc["talent_total"]


def _comment(ws):
    assert ws[CELL].value == 15.1
    ws[CELL].comment = Comment("分析员:\n预计数", "分析员")


def _top_note(ws):
    ws.insert_rows(1)
    ws["A1"] = "注：2025年数据为预计数"


@pytest.fixture(scope="module", params=["comment", "top-note"])
def judged(request, tmp_path_factory):
    change = _comment if request.param == "comment" else _top_note
    return request.param, _judged(_case(tmp_path_factory.mktemp(request.param), change))


def test_an_estimate_said_in_a_comment_or_a_note_on_the_sheet_is_not_judged(judged):
    kind, (zh, row) = judged
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == (ONE_ESTIMATE if kind == "comment" else ALL_ESTIMATES)
    notes = json.loads(row["evaluation_notes"])
    if kind == "comment":
        assert {"code": "workbook_estimate_in_comment", "year": 2025, "value": 15.1, "file": "监测2021-2025.xlsx",
                "sheet": "数据", "cell": CELL, "remark": "预计数", "word": "预计", "note_cell": CELL} in notes
        said = notes_text(row["evaluation_notes"], words("zh"), "evaluation_notes")
        assert ("2025年只有监测2021-2025.xlsx的数据表E6单元格的预计数15.1（E6单元格的批注为“预计数”），"
                "预计数不作为实际值评估；请在监测工作簿中填入2025年实际值，并删除该批注") in said, said
    else:
        assert {"code": "workbook_estimate_by_sheet_note", "year": 2025, "value": 15.1,
                "file": "监测2021-2025.xlsx", "sheet": "数据", "cell": "E7", "remark": "注：2025年数据为预计数",
                "word": "预计", "note_cell": "A1"} in notes
        said = notes_text(row["evaluation_notes"], words("en"), "evaluation_notes")
        assert ("for 2025 there is only an estimate, 15.1, in 监测2021-2025.xlsx, sheet 数据, cell E7 (the sheet's "
                "note in A1 says “注：2025年数据为预计数”); an estimate is not judged as an actual") in said, said


def test_a_comment_saying_the_figure_is_not_yet_confirmed_stops_the_run(tmp_path):
    """redteam18 finding 2's words: 预计数，待统计局确认 on the value cell. Not yet verified comes first (as in a
    备注): the run stops at the cell, rather than judging 15.1 达标 or reading it as an estimate."""
    def change(ws):
        ws[CELL].comment = Comment("预计数，待统计局确认", "分析员")
    with pytest.raises(InputError) as info:
        _case(tmp_path, change) and _judged(tmp_path)
    assert info.value.where == f"sheet 数据, cell {CELL}" and "not yet verified" in info.value.problem
