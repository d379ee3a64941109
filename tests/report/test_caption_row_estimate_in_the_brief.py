"""A caption row across the plan's table (one merged cell above its header) saying the base year's figures are
estimates decides the final evaluation as the 注 under the table does (issue 18, redteam19 finding 12). The case and
its hand-worked figures: tests/support/final_evaluation.py, 桐庐's 十五五 plan published as a .docx whose table's
first row is one merged cell `（2025年为预计数）` (python-docx), or as a web page whose first row is <td colspan>, the
workbook without 人才资源总量's 2025 figure.

By hand, as in tests/report/test_footnote_estimate_in_the_brief.py: 〔6000〕 at 5,950 missed, 〔1〕 at +1.1 met,
6 at 6.2 missed, 35以上 at 35 met: 4 judged, 2 met, 2 missed; 人才资源总量 (15左右) 无法评估, its only 2025 figure
(15.2) the plan's estimate. Main stopped at the header (header cell '（2025年为预计数）类别' is not a known column),
advising `role: year` for 类别.
"""
import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case
from support.plan_documents import html_page, plan_content, use_plan_file, write_docx

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")
CAPTION = "（2025年为预计数）"


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_caption_row_on_the_base_year_makes_the_brief_say_not_assessable(tmp_path, kind):
    root = final_evaluation_case(tmp_path / "case", without=(("人才资源总量", 2025),))
    raw, config = root / "raw", root / "config"
    content = plan_content(raw / "tonglu_15.txt", config)
    assert content.header[4] == "2025年" and content.rows[0][2:5] == ["人才资源总量", "万人", "15.2"]
    width = len(content.header)
    if kind == "docx":
        import docx
        plan = write_docx(content, tmp_path / "tonglu_15.docx")
        document = docx.Document(str(plan))
        table = document.tables[0]
        row = table.add_row()
        table._tbl.remove(row._tr)
        table.rows[0]._tr.addprevious(row._tr)
        table.cell(0, 0).merge(table.cell(0, width - 1)).text = CAPTION
        document.save(str(plan))
    else:
        page = html_page(content)
        assert page.count("<table>\n<tr><th>") == 1
        plan = tmp_path / "tonglu_15.html"
        plan.write_text(page.replace("<table>\n<tr><th>", f'<table>\n<tr><td colspan="{width}">{CAPTION}</td></tr>\n'
                                                          "<tr><th>"), encoding="utf-8")
    use_plan_file(root, "tonglu_15.txt", plan)
    dataset.write(dataset.build(raw, config), root / "processed")
    analyse.build_tables(root / "processed", config, 2025, "tonglu")
    zh = load_report_context(root / "processed", config, 2025, "tonglu", "zh")
    row = zh.progress.set_index("indicator_id").loc["talent_total"]
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
