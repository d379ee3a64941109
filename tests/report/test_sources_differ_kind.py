"""The scorecard's note on a figure two sources give differently names the kind it compares (redteam16 finding 1):
it said "2025年实际值两个来源不同" whatever the two were, two plans' targets or two estimates included.

The case: tests/support/final_evaluation.py in 2026, the first year of 桐庐's 十五五 plan, whose base column is headed
2025年（预计） (its 15.2 an estimate), with the workbook's 2025 人才资源总量 14.6 marked 预计 in its 备注, and 2026's
15.5: the base, 2025, has two estimates, and the workbook's is used (a stated figure ranks first)."""
import json

from helpers import analyse
from helpers.report.chapters.scorecard import sources_differ_note, summary_section
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case


def test_two_estimates_that_differ_are_named_estimates_in_both_languages(tmp_path):
    root = final_evaluation_case(tmp_path, base_header="2025年（预计）", remarks={"人才资源总量": {2025: "预计"}},
                                 extra={"人才资源总量": {2026: 15.5}, "人才流失率": {2026: 6.0}})
    analyse.build_tables(root / "processed", root / "config", 2026, "tonglu")
    zh = load_report_context(root / "processed", root / "config", 2026, "tonglu", "zh")
    brief = str(summary_section(zh, "brief"))
    assert ("桐庐县人才资源总量2025年预计数两个来源不同：采用监测2021-2025.xlsx工作表数据单元格E6的14.6万人，"
            "tonglu_15.txt第18行为15.2万人（见附录一致性问题）。") in brief, brief
    assert "人才资源总量2025年实际值" not in brief
    en = str(summary_section(load_report_context(root / "processed", root / "config", 2026, "tonglu", "en"), "brief"))
    assert ("Tonglu, total talent pool, 2025 estimate: two sources differ: 14.6 (10,000 persons) from "
            "监测2021-2025.xlsx, sheet 数据, cell E6 is used; tonglu_15.txt, line 18 gives 15.2 (10,000 persons) "
            "(appendix: disagreements).") in en, en
    # Two targets (two plans' 2025 targets, as the 十五五 plan's 2025年预期目标 was read on main; such a column now
    # stops: tests/extract/test_base_year_target_column.py): the same line names them 目标值.
    differs = zh.checks["explanation_values"].str.contains('"same_observation_differs"')
    zh.checks.loc[differs, "explanation_values"] = zh.checks.loc[differs, "explanation_values"].map(
        lambda text: json.dumps({**json.loads(text), "kind": {"code": "target"}}, ensure_ascii=False))
    assert any(line.startswith("桐庐县人才资源总量2025年目标值两个来源不同：采用") for line in sources_differ_note(zh))
