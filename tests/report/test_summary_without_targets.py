"""A plan that writes every target of its table "/" (no number): nothing can be judged, and the brief's 摘要 said
nothing at all, its heading standing empty (redteam8 finding 7, 桐庐's five '/' targets, in the period and at the
base year). The summary says so, in both languages. 桐庐 (tests/support/tonglu.py) with its 十四五 table's six
targets written "/", its base values and monitoring actuals as they are."""
import pytest

import support.tonglu as tonglu
from helpers.report.chapters.summary import executive_summary

EXPECTED = {"zh": "桐庐县“十四五”规划（2021—2025年）主要指标表中的6项指标均未设数值目标（写作“/”），"
                  "无法评估其完成情况。",
            "en": 'Tonglu: the 14th Five-Year Plan (2021–2025) sets no numeric target for any of the 6 indicators '
                  'in its main-indicator table (each written "/"), so none can be assessed.'}


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tonglu, "PLAN_14", [(name, unit, base, "/") for name, unit, base, _ in tonglu.PLAN_14])
        return tonglu.project_with_county(tmp_path_factory.mktemp("no_targets"))


@pytest.mark.parametrize("year", [2023, 2020, 2025])     # in the period, at the base year, at the final evaluation
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_says_that_no_target_can_be_assessed(county, year, lang):
    ctx = tonglu.report_context(county, year, lang=lang)
    assert EXPECTED[lang] in executive_summary(ctx, "brief")
    assert EXPECTED[lang] in executive_summary(ctx, "report")


def test_a_plan_with_one_numeric_target_is_not_said_to_have_none(tmp_path):
    # 人才资源总量 keeps its target 15: the summary judges it, and says nothing of the others' '/'
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tonglu, "PLAN_14", [tonglu.PLAN_14[0]] + [(n, u, b, "/") for n, u, b, _ in tonglu.PLAN_14[1:]])
        workspace = tonglu.project_with_county(tmp_path)
    sentences = executive_summary(tonglu.report_context(workspace, 2023), "brief")
    assert sentences and not any("均未设数值目标" in s for s in sentences)
