"""A plan's note tied to its figure by the mark both write decides the final evaluation as the 注 under the table does
(issue 18, docnotes' leftovers). The case and its hand-worked figures: tests/support/final_evaluation.py, 桐庐's 十五五
plan published (a) as a .docx with a Word footnote `2025年数据为预计数` on 15.2, printed to PDF by LibreOffice (the note
at the page's foot, the cell's 15.2 with a raised 1), (b) as a web page whose 15.2<sup>1</sup> links nowhere, the note
`1 2025年数据为预计数` at the page's end, (c) as a .docx whose footnote is on the prose introducing the table
(主要指标见表1); the workbook without 人才资源总量's 2025 figure.

By hand, as in tests/report/test_footnote_estimate_in_the_brief.py: 〔6000〕 at 5,950 missed, 〔1〕 at +1.1 met, 6 at
6.2 missed, 35以上 at 35 met: 4 judged, 2 met, 2 missed; 人才资源总量 (15左右) 无法评估, its only 2025 figure (15.2) the
plan's estimate. Main read none of these notes: 15.2 a firm actual against 15左右, 达标, and "5项目标中3项达标".
"""
import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case
from support.plan_documents import (
    attach_note,
    html_page,
    plan_content,
    print_pdf_libreoffice,
    soffice,
    use_plan_file,
    write_docx,
)

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")
INTRO = "到2030年，全县人才发展主要指标见表1。"


def _pdf(content, folder):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    plan = attach_note(write_docx(content, folder / "tonglu_15.docx"), "footnote", "2025年数据为预计数", 1, 4)
    return print_pdf_libreoffice(plan, folder / "printed")


def _web(content, folder):
    page = html_page(content)
    assert page.count(">15.2<") == 1
    page = page.replace(">15.2<", ">15.2<sup>1</sup><").replace("</body>", "<hr><p>1 2025年数据为预计数</p></body>")
    (folder / "tonglu_15.html").write_text(page, encoding="utf-8")
    return folder / "tonglu_15.html"


def _prose(content, folder):
    content.before.append(INTRO)
    return attach_note(write_docx(content, folder / "tonglu_15.docx"), "footnote", "2025年数据为预计数",
                       paragraph=INTRO)


@pytest.mark.parametrize("publish", [_pdf, _web, _prose], ids=["pdf_page_foot", "web_page_end", "docx_prose"])
def test_a_note_tied_by_its_mark_makes_the_brief_say_not_assessable(tmp_path, publish):
    root = final_evaluation_case(tmp_path / "case", without=(("人才资源总量", 2025),))
    raw, config = root / "raw", root / "config"
    content = plan_content(raw / "tonglu_15.txt", config)
    assert content.header[4] == "2025年" and content.rows[0][2:5] == ["人才资源总量", "万人", "15.2"]
    (tmp_path / "made").mkdir()
    use_plan_file(root, "tonglu_15.txt", publish(content, tmp_path / "made"))
    dataset.write(dataset.build(raw, config), root / "processed")
    analyse.build_tables(root / "processed", config, 2025, "tonglu")
    zh = load_report_context(root / "processed", config, 2025, "tonglu", "zh")
    row = zh.progress.set_index("indicator_id").loc["talent_total"]
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
