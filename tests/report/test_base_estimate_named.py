"""A base value marked (预计) that comes from a monitoring workbook's row whose 备注 says 预计 is footnoted as the
workbook's, with its cell (issue 18, lesser): main (f1f00a4) footnoted it "（预计）：规划表中标明“预计”的基期数值…",
the plan table's, though the plan's own base for the year was not used.

The case (tests/support/final_evaluation.py): 桐庐 in 2026, the first year of its 十五五 plan (base 2025, 2030 target
20左右), whose base column is headed 2025年（预计）; the workbook's 2025 人才资源总量 is 14.6 with 备注 预计 (row 6 of
the sheet 数据: the header, then 2021–2025, so cell E6), preferred to the plan's 15.2 as the workbook's figure for
a year of the 十四五 period; 2026's actual is 16. By hand: 完成进度 (16 − 14.6) ÷ (20 − 14.6) = 25.9%, 序时进度 1 ÷ 5
= 20.0%: 快于序时进度, on a base that is the workbook's estimate.
"""
import pytest

from helpers import analyse
from helpers.report.chapters.plan import plan_section
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

PLACE = {"zh": "桐庐县人才资源总量：监测2021-2025.xlsx工作表数据单元格E6",
         "en": "Tonglu, Total talent pool: 监测2021-2025.xlsx, sheet 数据, cell E6"}


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("base"), extra={"人才资源总量": {2026: 16}},
                                 remarks={"人才资源总量": {2025: "预计"}}, base_header="2025年（预计）")
    analyse.build_tables(root / "processed", root / "config", 2026, "tonglu")
    return root


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_workbook_estimate_as_the_base_is_footnoted_with_its_cell(case, lang):
    ctx = load_report_context(case / "processed", case / "config", 2026, "tonglu", lang)
    row = ctx.progress.set_index("indicator_id").loc["talent_total"]
    assert (row["base_value"], bool(row["base_estimated"]), row["verdict"]) == (14.6, True, "ahead")
    html = str(plan_section(ctx))
    said = {"zh": f"（预计）：基期数值取自监测工作簿中备注标明预计的行（{PLACE['zh']}），为预计数，不是实际值。",
            "en": "est.: a base-year figure from a monitoring workbook&#39;s row whose note marks it as an estimate, "
                  f"not an actual value ({PLACE['en']})."}[lang]
    assert said in html, html
    assert ("规划表中标明" if lang == "zh" else "the plan marks as an estimate") not in html
