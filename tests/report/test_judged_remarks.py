"""A 备注 the reader does not recognise either way never vanishes: it is quoted beside the judgement it belongs to
(issue 18, redteam16 finding 4). On f1f00a4 (main) a workbook row's 备注 that no family reads (含驻县单位, or a
doubt in words nobody listed) was kept in source_text only: the brief judged the figure with no word of it.

The decision (docs/monitoring.md, 备注): the judged value's 备注, whatever it says (commentary, or 快报), is an
evaluation note (trends.csv evaluation_notes judged_remark), and page 1 of the brief and the report quotes it beside
the scorecard, one line each, in both languages, escaped, at most REMARK_ROWS lines (the others counted) of at most
REMARK_CHARACTERS characters each.

The case (tests/support/final_evaluation.py): 桐庐's 2025 人才资源总量 15.1 against 15左右 (met, by hand 15.1 ≥ 15),
its 备注 below; 人才流失率's 2025 6.2 (missed) with 备注 快报; the 2024 row's 备注 is not the judged value's.
"""
import json

import pytest

from helpers import analyse
from helpers.analyse.growth import TARGET_MET
from helpers.report.chapters.scorecard import (
    REMARK_CHARACTERS,
    REMARK_ROWS,
    judged_remarks_note,
    preliminary_note,
    summary_section,
)
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

REMARK = "含驻县单位<b>口径</b>"


def _contexts(root):
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return {lang: load_report_context(root / "processed", root / "config", 2025, "tonglu", lang)
            for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def remarked(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("remarked"), extra={"人才资源总量": {2025: 15.1}},
                                 remarks={"人才资源总量": {2025: REMARK, 2024: "2024年的说明"},
                                          "人才流失率": {2025: "快报"}}, plan_15=None)
    return _contexts(root)


def test_the_judged_values_remark_is_an_evaluation_note(remarked):
    row = remarked["zh"].progress.set_index("indicator_id").loc["talent_total"]
    assert row["verdict"] == TARGET_MET and row["evaluated_value"] == 15.1
    assert {"code": "judged_remark", "year": 2025, "value": 15.1, "file": "监测2021-2025.xlsx", "sheet": "数据",
            "cell": "E6", "remark": REMARK, "field": {"code": "note"}} in json.loads(row["evaluation_notes"])
    assert "2024年的说明" not in row["evaluation_notes"]       # not the judged value's


def test_page_one_quotes_the_remark_beside_the_judgement_in_both_languages(remarked):
    # (the scope note, 含驻县单位…口径, after the others: judged_remarks_note)
    assert judged_remarks_note(remarked["zh"]) == [
        "桐庐县人才流失率判断所用的实际值为快报数（初步统计），正式数据公布后可能修订；评估所用的2025年实际值6.2%"
        "（监测2021-2025.xlsx工作表数据单元格E21）附有备注：“快报”。",
        f"桐庐县人才资源总量评估所用的2025年实际值15.1万人（监测2021-2025.xlsx工作表数据单元格E6）附有备注：“{REMARK}”。"]
    assert judged_remarks_note(remarked["en"]) == [
        "Tonglu, talent outflow rate: the judgement rests on a preliminary count, which may be revised when the final "
        "figures are published; the 2025 actual judged, 6.2%, in 监测2021-2025.xlsx, sheet 数据, cell E21, has the "
        "workbook note “快报”.",
        "Tonglu, total talent pool: the 2025 actual judged, 15.1 (10,000 persons), in 监测2021-2025.xlsx, sheet 数据, "
        f"cell E6, has the workbook note “{REMARK}”."]
    assert preliminary_note(remarked["zh"]) == preliminary_note(remarked["en"]) == []     # (one line, not two)
    for lang in ("zh", "en"):
        html = str(summary_section(remarked[lang], "brief"))
        assert "含驻县单位&lt;b&gt;口径&lt;/b&gt;" in html and "<b>口径" not in html     # escaped


# Scope or source (remark_is_scope), longer than REMARK_CHARACTERS; and a note of words no family reads
SCOPE = "含驻县单位及各乡镇街道，口径与上年一致，数据来源：县统计局统计年报，不含外派驻外人员"
FIVE = ("人才资源总量", "新增高技能人才", "高技能人才", "人才流失率", "高技能人才占技能劳动者比例")


def test_a_long_remark_is_quoted_whole_and_more_than_a_few_of_scope_are_counted(tmp_path):
    """Was: cut at REMARK_CHARACTERS, which dropped its last clause (不含外派驻外人员); a note no family places is
    quoted whole (issue 18: its meaning may be at its end), a placed one keeps its family's words
    (test_remark_quoted_whole)."""
    remarks = {name: {2025: SCOPE} for name in FIVE}
    zh = _contexts(final_evaluation_case(tmp_path, remarks=remarks, plan_15=None))["zh"]
    lines = judged_remarks_note(zh)
    assert len(lines) == REMARK_ROWS + 1
    assert lines[-1] == "另有2项评估所用数值附有说明口径或来源的备注，见结果工作簿的评估说明。"
    assert len(SCOPE) > REMARK_CHARACTERS and f"“{SCOPE}”" in lines[0]


# redteam18 finding 6: four 建德-like scope notes and 趋势外推 (then unread) on the fifth judged value: the fifth was
# only counted ("另有2项…"), so its doubt never reached page 1. A note no family places is quoted first, and never
# counted whatever their number; the scope notes fill the lines left of REMARK_ROWS.
def test_a_remark_of_unknown_meaning_is_quoted_first_and_never_counted(tmp_path):
    remarks = {name: {2025: "含驻县单位"} for name in FIVE[:4]} | {FIVE[4]: {2025: "据乡镇上报汇总，另行说明"}}
    en = _contexts(final_evaluation_case(tmp_path, remarks=remarks, plan_15=None))["en"]
    lines = judged_remarks_note(en)
    assert len(lines) == REMARK_ROWS + 1 and "“据乡镇上报汇总，另行说明”" in lines[0]
    assert lines[-1] == ("2 more judged values have a workbook note on their scope or source: see the evaluation "
                         "notes in the results workbook.")


def test_remarks_of_unknown_meaning_are_all_quoted(tmp_path):
    remarks = {name: {2025: f"乡镇汇总{i}"} for i, name in enumerate(FIVE)}
    zh = _contexts(final_evaluation_case(tmp_path, remarks=remarks, plan_15=None))["zh"]
    lines = judged_remarks_note(zh)
    assert len(lines) == 5 and all(f"“乡镇汇总{i}”" in "".join(lines) for i in range(5))
