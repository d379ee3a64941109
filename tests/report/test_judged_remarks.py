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
from helpers.report.chapters.scorecard import REMARK_CHARACTERS, REMARK_ROWS, judged_remarks_note, summary_section
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
    assert judged_remarks_note(remarked["zh"]) == [
        f"桐庐县人才资源总量评估所用的2025年实际值15.1万人（监测2021-2025.xlsx工作表数据单元格E6）附有备注：“{REMARK}”。",
        "桐庐县人才流失率评估所用的2025年实际值6.2%（监测2021-2025.xlsx工作表数据单元格E21）附有备注：“快报”。"]
    assert judged_remarks_note(remarked["en"]) == [
        "Tonglu, total talent pool: the 2025 actual judged, 15.1 (10,000 persons), in 监测2021-2025.xlsx, sheet 数据, "
        f"cell E6, has the workbook note “{REMARK}”.",
        "Tonglu, talent outflow rate: the 2025 actual judged, 6.2%, in 监测2021-2025.xlsx, sheet 数据, cell E21, has "
        "the workbook note “快报”."]
    for lang in ("zh", "en"):
        html = str(summary_section(remarked[lang], "brief"))
        assert "含驻县单位&lt;b&gt;口径&lt;/b&gt;" in html and "<b>口径" not in html     # escaped


def test_a_long_remark_is_cut_and_more_than_a_few_are_counted(tmp_path):
    long = "数据口径说明" * 10
    remarks = {name: {2025: long} for name in ("人才资源总量", "新增高技能人才", "高技能人才", "人才流失率",
                                               "高技能人才占技能劳动者比例")}
    zh = _contexts(final_evaluation_case(tmp_path, remarks=remarks, plan_15=None))["zh"]
    lines = judged_remarks_note(zh)
    assert len(lines) == REMARK_ROWS + 1 and lines[-1] == "另有2项评估所用数值附有备注，见结果工作簿的评估说明。"
    assert f"“{long[:REMARK_CHARACTERS - 1]}…”" in lines[0]
