"""A brief of every county in 2026, as redteam5 met it: 建德 and 安吉 at their 十四五's final evaluation with no 2025
actuals, 桐庐 (tests/support/tonglu.py) in its 十五五, its 十四五 ended with 4 of 6 targets met (2 missed).

Was: the section 未达标的目标 said 尚无可评估的目标 while the summary said 桐庐's 十四五 had targets missed, each
true of its own counties; and the summary pointed to talent-plan-brief_2025_zh, which nothing had built. The note
now says whose plan it is of, and the summary how the brief it points to is built.
"""
import html
import re

import pytest

from helpers import analyse
from helpers.report import chapters
from helpers.report.context import load_report_context
from support.tonglu import project_with_county


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return project_with_county(tmp_path_factory.mktemp("tonglu"), "word_tab_cells")


def _context(county, lang, entities=None):
    # as `make report` does; 2026 is looked at ahead of its data, as tests/analyse/test_plan_cycle.py does
    analyse.build_tables(county / "processed", county / "config", 2026, entities, year_must_have_data=False)
    return load_report_context(county / "processed", county / "config", 2026, entities, lang,
                               year_must_have_data=False)


@pytest.mark.parametrize("lang, said", [
    ("zh", "建德市、安吉县“十四五”规划（2021—2025年）尚无可评估的目标（缺少目标年份的实际值），"
           "未达标的目标暂不能列出。"),
    ("en", "No target can be judged yet for Jiande, Anji (14th Five-Year Plan, 2021–2025): no target-year actuals, "
           "so none can be listed as missed."),
])
def test_the_misses_note_says_whose_plan_it_is_of(county, lang, said):
    ctx = _context(county, lang)
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", str(chapters.plan.misses_brief(ctx)))))
    assert said in words
    assert "桐庐" not in words and "Tonglu" not in words


@pytest.mark.parametrize("lang, entities, said", [
    ("zh", None, "逐项结果见2025年度领导简报（talent-plan-brief_2025_zh，运行 make report YEAR=2025 生成）。"),
    ("en", None, "each target is in the 2025 brief (talent-plan-brief_2025_en, built by make report YEAR=2025 "
                 "LANG=en)."),
    ("zh", "tonglu", "（talent-plan-brief_2025_zh_tonglu，运行 make report YEAR=2025 ENTITIES=tonglu 生成）。"),
])
def test_the_ended_plans_sentence_says_how_the_brief_it_points_to_is_built(county, lang, entities, said):
    summary = chapters.summary.executive_summary(_context(county, lang, entities), "brief")
    assert any(s.endswith(said) for s in summary), summary
