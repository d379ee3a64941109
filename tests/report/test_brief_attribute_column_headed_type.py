"""The 2025 brief of 桐庐's 十四五 final evaluation when its plan heads the 属性 column 指标类型 or 类型, as Chinese
plans often do (issue 18, redteam14 finding 3). The case and its hand-worked figures: tests/support/final_evaluation.py.

On main the column was read as the indicators' category (`(指标)?类型` is a category header): every row's 约束性 was
lost, the scorecard had no ★ and the missed targets were listed by completion rate alone (人才流失率 96.8%,
人才资源总量 97.3%, 新增高技能人才 99.2%) with no "约束性目标列在前面". Its cells, all 约束性 or 预期性, now make it the
属性 column, as the header 属性 does (the control).

By hand: binding (约束性) are 新增高技能人才, 人才流失率 and 高技能人才占技能劳动者比例, so three ★ on the
scorecard (two 未达标★, one 达标★); missed binding targets first, by rate: 人才流失率 (6 ÷ 6.2 = 96.8%),
新增高技能人才 (5,950 ÷ 6,000 = 99.2%), then the expected 人才资源总量 (14.6 ÷ 15 = 97.3%).
"""
import pytest

from helpers import analyse
from helpers.report.chapters.plan import misses_brief
from helpers.report.chapters.scorecard import summary_section
from helpers.report.context import load_report_context
from support.final_evaluation import PLAN_14, final_evaluation_case


@pytest.fixture(scope="module", params=["指标类型", "类型", "属性"])
def brief(request, tmp_path_factory):
    plan = PLAN_14.replace("\t属性\n", f"\t{request.param}\n", 1)
    assert plan.count(f"\t{request.param}\n") == 1
    root = final_evaluation_case(tmp_path_factory.mktemp("type"), plan_14=plan)
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    ctx = load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh")
    return str(summary_section(ctx, "brief")), str(misses_brief(ctx))


def test_the_scorecard_marks_the_binding_targets(brief):
    scorecard, _ = brief
    assert scorecard.count("未达标★") == 2 and scorecard.count("达标★") == 3, scorecard


def test_the_missed_targets_are_listed_binding_first(brief):
    _, misses = brief
    assert "约束性目标列在前面" in misses
    order = [misses.index(name) for name in ("人才流失率", "新增高技能人才", "人才资源总量")]
    assert order == sorted(order), misses
