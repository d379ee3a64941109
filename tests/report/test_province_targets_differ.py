"""Two plans that state a provincial target differently (issue 18, redteam15 lesser): the brief says so beside the
count of targets reached, with both figures, which is used and whose result the other would turn.

The case: 桐庐 at its 十四五 final evaluation (tests/support/final_evaluation.py), its plan given a 2025年省委目标数
column: 人才资源总量 1700 and 高技能人才占技能劳动者比例 36, where 安吉's plan (first in config/sources.yaml) says
1650 and 35. By hand: 桐庐's 2025 share, 35, reaches 安吉's 35 and not 桐庐's 36: the other figure turns 桐庐's
result. 人才资源总量 is compared as a share of the province's total, with no reached or not: no line.
On main the disagreement was only in the appendix; the brief said "桐庐县…项达到" on 35 alone.
"""
import pytest

from helpers import analyse
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.report.chapters.scorecard import summary_section
from helpers.report.context import load_report_context
from support.final_evaluation import HEADER, _table, final_evaluation_case

PLAN_14 = _table("桐庐县人才发展“十四五”规划", HEADER + ["2020年", "2025年目标", "属性", "2025年省委目标数"], [
    ("人才规模", 1, "人才资源总量", "万人", "10", "15左右", "预期性", "1700"),
    ("", 2, "新增高技能人才", "人", "〔4000〕", "〔6000〕", "约束性", "/"),
    ("", 3, "高技能人才", "万人", "2", "〔1〕", "预期性", "/"),
    ("人才结构", 4, "人才流失率", "%", "8", "6", "约束性", "/"),
    ("", 5, "高技能人才占技能劳动者比例", "%", "30", "35以上", "约束性", "36")])


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("province"))
    (root / "raw" / "tonglu_14.txt").write_text(PLAN_14, encoding="utf-8")
    write_manifest(root / "raw")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return root


def test_the_brief_says_two_plans_differ_on_a_provincial_target_and_whose_result_turns(case):
    zh = str(summary_section(load_report_context(case / "processed", case / "config", 2025, "tonglu", "zh"),
                             "brief"))
    assert "高技能人才占技能劳动者比例2025年省委目标两份规划不同：采用anji_talent_plan_2021-2025.txt第" in zh, zh
    assert "的35%（config/sources.yaml中排在前面的规划），tonglu_14.txt第" in zh
    assert "为36%；按后者，桐庐县是否达到省委目标的结论相反，请以省委文件核对" in zh
    assert "人才资源总量2025年省委目标" not in zh
    en = str(summary_section(load_report_context(case / "processed", case / "config", 2025, "tonglu", "en"),
                             "brief"))
    assert "provincial target for 2025: two plans differ: 35% from anji_talent_plan_2021-2025.txt" in en, en
    assert "gives 36%; the other would turn the result (reached or not) for Tonglu" in en
