"""A Word footnote that says the base year's figures are estimates decides the final evaluation as the 注 under the
table does (issue 18, redteam19 finding 1). The case and its hand-worked figures: tests/support/final_evaluation.py,
桐庐's 十五五 plan published as a .docx whose header `2025年` carries a footnote (脚注) `2025年数据为预计数`, the
workbook without 人才资源总量's 2025 figure.

By hand, as in tests/report/test_estimates_marked_outside_the_number.py: 〔6000〕 at 5,950 missed, 〔1〕 at +1.1 met,
6 at 6.2 missed, 35以上 at 35 met: 4 judged, 2 met, 2 missed; 人才资源总量 (15左右) 无法评估, its only 2025 figure
(15.2) the plan's estimate. Main read no footnote: 15.2 a firm actual against 15左右, 达标, and "5项目标中3项达标".
"""
import pandas as pd

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case
from support.plan_documents import attach_note, plan_content, use_plan_file, write_docx

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")


def test_a_footnote_on_the_base_years_header_makes_the_brief_say_not_assessable(tmp_path):
    root = final_evaluation_case(tmp_path / "case", without=(("人才资源总量", 2025),))
    raw, config = root / "raw", root / "config"
    content = plan_content(raw / "tonglu_15.txt", config)
    assert content.header[4] == "2025年" and content.rows[0][2:5] == ["人才资源总量", "万人", "15.2"]
    plan = attach_note(write_docx(content, tmp_path / "tonglu_15.docx"), "footnote", "2025年数据为预计数", 0, 4)
    use_plan_file(root, "tonglu_15.txt", plan)
    dataset.write(dataset.build(raw, config), root / "processed")
    analyse.build_tables(root / "processed", config, 2025, "tonglu")
    zh = load_report_context(root / "processed", config, 2025, "tonglu", "zh")
    row = zh.progress.set_index("indicator_id").loc["talent_total"]
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
