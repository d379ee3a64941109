"""An estimate or a 快报 in a workbook row's 来源 reaches the brief as the 备注's does (issue 18, redteam18
finding 3), end to end: the data step, then the 2025 final evaluation of 桐庐's 十四五 plan
(tests/support/final_evaluation.py).

By hand, as tests/report/test_estimates_marked_outside_the_number.py: 桐庐's 2025 人才资源总量 15.1 (target 15左右)
with the 来源 县人社局预计数 is an estimate, so it is 无法评估; the four others judged: 〔6000〕 at 5,950 missed,
〔1〕 at +1.1 met, 6 at 6.2 missed, 35以上 at 35 met: "4项目标中2项达标". With the 来源 县统计局快报 it is the year's
preliminary count, 15.1 against 15左右 达标, named and quoted beside the judgement. On main 0cabb91 the 来源 was not
read: 达标 on the estimate, "5项目标中3项达标", and the 快报 neither named nor quoted.
"""
import json

import openpyxl
import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.report.chapters.scorecard import judged_remarks_note, preliminary_note
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")
WORKBOOK = "监测2021-2025.xlsx"
# 人才资源总量's 2025 row is the sheet's sixth (header, 2021–2025); its 来源 is G6, its 数值 E6


def _rebuilt(root, **cells):
    path = root / "raw" / "monitoring" / WORKBOOK
    wb = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        wb["数据"][coordinate].value = value
    wb.save(path)
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")


def _judged(root):
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    zh = load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh")
    return zh, zh.progress.set_index("indicator_id").loc["talent_total"]


@pytest.fixture(scope="module")
def source_estimate(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("source"), extra={"人才资源总量": {2025: 15.1}},
                                 plan_15=None)
    _rebuilt(root, G6="县人社局预计数")
    return _judged(root)


def test_an_estimate_in_the_source_is_not_judged_and_the_note_names_the_source(source_estimate):
    zh, row = source_estimate
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
    assert {"code": "workbook_estimate_not_actual", "year": 2025, "value": 15.1, "file": WORKBOOK, "sheet": "数据",
            "cell": "E6", "remark": "县人社局预计数", "word": "预计", "field": {"code": "source"}} in \
        json.loads(row["evaluation_notes"])
    assert (f"2025年只有{WORKBOOK}的数据表E6单元格的预计数15.1（该行来源为“县人社局预计数”），预计数不作为实际值评估；"
            "请在监测工作簿中填入2025年实际值，并删去来源中的预计") in \
        notes_text(row["evaluation_notes"], words("zh"), "evaluation_notes")
    assert (f"for 2025 there is only an estimate, 15.1, in {WORKBOOK}, sheet 数据, cell E6 (the row's source says "
            "“县人社局预计数”); an estimate is not judged as an actual: enter the 2025 actual in the monitoring "
            "workbook, and take 预计 out of the source") in \
        notes_text(row["evaluation_notes"], words("en"), "evaluation_notes")


def test_a_preliminary_count_in_the_source_is_judged_named_and_quoted(tmp_path):
    root = final_evaluation_case(tmp_path, extra={"人才资源总量": {2025: 15.1}}, plan_15=None)
    _rebuilt(root, G6="县统计局快报")
    zh, row = _judged(root)
    assert row["verdict"] == TARGET_MET and row["evaluated_preliminary"]
    # one line (remarks3): the quote says the judgement rests on a 快报, so the list of 快报 figures leaves it out
    assert preliminary_note(zh) == []
    assert judged_remarks_note(zh) == ["桐庐县人才资源总量判断所用的实际值为快报数（初步统计），"
                                       "正式数据公布后可能修订；评估所用的2025年实际值15.1万人"
                                       f"（{WORKBOOK}工作表数据单元格E6）附有来源：“县统计局快报”。"]
