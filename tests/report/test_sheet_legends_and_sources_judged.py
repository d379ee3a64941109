"""The 2025 final evaluation of 桐庐 (support.final_evaluation, no 十五五 plan) when its workbook says what a figure is
outside its 备注, or says it at the end of a long 备注 (issue 18, the monitoring workbook's leftovers).

By hand (tests/report/test_workbook_notes_and_comments_judged.py): 人才资源总量's 2025 figure 15.1 against 15左右 is
met read as an actual. Read as an estimate (its cell E6 filled yellow, 注：标黄的数据为预计数 below the table), 4
targets are judged, 2 met, 2 missed, and 1 has no 2025 actual. On main (16037a6) the legend stopped the run; 注：2025年
数据为快报数 left every 2025 figure judged with no 快报 mark; a 来源 of 县人才办调研 was quoted nowhere; and a 备注 of
47 characters ending …，该数为快报数 was quoted cut before 快报.
"""
import json

import openpyxl
from openpyxl.styles import PatternFill

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET
from helpers.extract import dataset
from helpers.report.chapters.scorecard import judged_remarks_note, preliminary_note
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

ONE_ESTIMATE = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标"
                "（未达标：新增高技能人才、人才流失率）；另有1项尚无2025年实际值，待补充。")
CELL = "E6"     # 人才资源总量's 2025 row: the sheet's sixth (header, 2021–2025)


def _judged(root, change):
    root = final_evaluation_case(root, extra={"人才资源总量": {2025: 15.1}}, plan_15=None)
    path = root / "raw" / "monitoring" / "监测2021-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    assert ws[CELL].value == 15.1
    change(ws)
    wb.save(path)
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    zh, en = (load_report_context(root / "processed", root / "config", 2025, "tonglu", lang) for lang in ("zh", "en"))
    return zh, en, zh.progress.set_index("indicator_id").loc["talent_total"]


def test_a_yellow_fill_and_its_legend_make_the_2025_figure_an_estimate(tmp_path):
    def change(ws):
        ws[CELL].fill = PatternFill("solid", fgColor="FFFF00")
        ws.cell(ws.max_row + 2, 1, "注：标黄的数据为预计数")
    zh, _, row = _judged(tmp_path, change)
    assert row["verdict"] == NOT_ASSESSABLE
    assert executive_summary(zh, "brief")[0] == ONE_ESTIMATE
    assert {"code": "workbook_estimate_by_sheet_note", "year": 2025, "value": 15.1, "file": "监测2021-2025.xlsx",
            "sheet": "数据", "cell": CELL, "remark": "注：标黄的数据为预计数", "word": "预计", "note_cell": "A28"} in \
        json.loads(row["evaluation_notes"])


def test_a_preliminary_count_said_on_the_sheet_is_named_beside_the_judgement(tmp_path):
    zh, en, row = _judged(tmp_path, lambda ws: ws.cell(ws.max_row + 2, 1, "注：2025年数据为快报数"))
    assert row["verdict"] == TARGET_MET and row["evaluated_preliminary"]
    assert preliminary_note(zh) == ["下列判断所用的实际值为快报数（初步统计），正式数据公布后可能修订："
                                    "桐庐县人才资源总量（2025年）；桐庐县高技能人才（2025年）；桐庐县高技能人才占技能劳动者比例（2025年）；"
                                    "桐庐县新增高技能人才（2025年）；桐庐县人才流失率（2025年）。"]


def test_a_source_in_words_no_family_reads_is_quoted_as_a_remark_is(tmp_path):
    """县人才办调研 (a survey, not a count) in the 来源 of the judged figure: quoted under the scorecard, as a 备注 in
    words no family reads is; the other rows' 统计年报 is a plain source, not quoted."""
    zh, en, row = _judged(tmp_path, lambda ws: ws.__setitem__("G6", "县人才办调研"))
    assert row["verdict"] == TARGET_MET
    assert judged_remarks_note(zh) == ["桐庐县人才资源总量评估所用的2025年实际值15.1万人"
                                       "（监测2021-2025.xlsx工作表数据单元格E6）附有来源：“县人才办调研”。"]
    assert judged_remarks_note(en)[0].endswith("has the workbook source “县人才办调研”.")


SCOPE = "含驻县单位、乡镇事业单位及非公经济组织中按新口径统计的各类专业技术人才和技能人才"     # 40 characters


def test_a_long_remark_keeps_its_meaning_where_it_is_quoted(tmp_path):
    """A 快报 at the end of a 47-character 备注 (人才资源总量's) is quoted keeping it; a 备注 no family places
    (人才流失率's, 53 characters) is quoted whole. Was: both cut at 40 characters, before 快报 and before 另行说明."""
    unknown = SCOPE + "，据乡镇上报汇总，另行说明"

    def change(ws):
        ws["H6"], ws["H21"] = SCOPE + "，该数为快报数", unknown
    zh, _, row = _judged(tmp_path, change)
    assert row["verdict"] == TARGET_MET and row["evaluated_preliminary"]
    assert judged_remarks_note(zh) == [
        "桐庐县人才资源总量判断所用的实际值为快报数（初步统计），正式数据公布后可能修订；评估所用的2025年实际值15.1万人"
        "（监测2021-2025.xlsx工作表数据单元格E6）附有备注：“含驻县单位、乡镇事业单位及非公经济组织中按新口径统计的"
        "各类专业技术…该数为快报数”。",
        f"桐庐县人才流失率评估所用的2025年实际值6.2%（监测2021-2025.xlsx工作表数据单元格E21）附有备注：“{unknown}”。"]
