"""The final evaluation's gap (差距 / Gap) of an indicator in %: percentage points (redteam17 finding 6), and a unit
after a figure of 1 in the singular.

Setup: tests/support/final_evaluation.py, 桐庐 at its 十四五 final evaluation (2025). By hand: 人才流失率 6.2 against
6 is 0.2 percentage points above the target; 高技能人才占比 35 against 35以上 is 0 points; 新增高技能人才 5,950
against 〔6,000〕 is −50 persons.

Was (main f1f00a4): the gap was printed in the indicator's unit, "0.2%" beside the completion rate 96.8% (安吉's
45 against 50 printed "-5%" beside 90.0%, a second completion rate to a reader); and in English a unit after 1 was
plural: "1 items per 10,000 persons" (安吉's 每万人高价值发明专利拥有量, 13 against 12).
Now: 0.2个百分点 / 0.2 percentage points (1 percentage point), and "1 item per 10,000 persons". The results
workbook's gap headers say so too.
"""
import html
import re
from types import SimpleNamespace

import pytest

from helpers import analyse
from helpers.core.config import load_catalogue
from helpers.core.wording import words
from helpers.report import blocks
from helpers.report.chapters.plan import plan_section
from helpers.report.context import load_report_context
from helpers.report.wording import report_words
from support.final_evaluation import final_evaluation_case


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("gap"))
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return root


def text(chapter) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", str(chapter))))


@pytest.mark.parametrize("lang, outflow, share, count", [
    ("zh", "96.8% 0.2个百分点", "100.0% 0个百分点", "99.2% -50人"),
    ("en", "96.8% 0.2 percentage points", "100.0% 0 percentage points", "99.2% -50 persons"),
])
def test_the_gap_of_a_share_is_in_points(project, lang, outflow, share, count):
    ctx = load_report_context(project / "processed", project / "config", 2025, "tonglu", lang)
    table = text(plan_section(ctx))
    assert outflow in table and share in table and count in table, table
    assert "96.8% 0.2%" not in table


def context(lang):
    w = report_words(lang, load_catalogue())
    return SimpleNamespace(w=w, t=lambda key, **values: w(key, **values))


@pytest.mark.parametrize("lang, value, unit, said", [
    ("zh", -5.0, "%", "-5个百分点"),
    ("en", -5.0, "%", "-5 percentage points"),
    ("en", 1.0, "%", "1 percentage point"),
    ("en", -1.0, "%", "-1 percentage point"),
    ("en", 1.0, "件/万人", "1 item per 10,000 persons"),
    ("en", 2.0, "件/万人", "2 items per 10,000 persons"),
    ("en", 1.0, "家", "1 entity"),
    ("en", 1.0, "万人", "1 (10,000 persons)"),
    ("zh", 1.0, "件/万人", "1件/万人"),
])
def test_a_difference_is_said_in_its_unit(lang, value, unit, said):
    assert blocks.difference_text(context(lang), value, unit) == said


def test_a_figure_of_one_takes_the_singular():
    assert blocks.value_text(context("en"), 1.0, unit="人") == "1 person"
    assert blocks.value_text(context("en"), 1.5, unit="人") == "1.5 persons"


@pytest.mark.parametrize("lang, said", [("zh", "以%计的指标为百分点"),
                                        ("en", "percentage points for an indicator in %")])
def test_the_workbooks_gap_headers_say_points(lang, said):
    headers = words(lang).table("workbook.columns")
    for column in ("gap_to_target", "latest_gap", "target_gap"):
        assert said in headers[column], column
