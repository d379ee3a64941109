"""A county whose plan is not a 十n五 plan (redteam17 finding 4): the next plan it drafts has no name, and is said by
its years.

Setup: a copy of the project with 安吉's plan (2020→2025) configured as `plan_period: {name: 人才发展行动, base_year:
2020, target_year: 2025}`, a plan that is no five-year plan (the name sources.yaml's advice allows). 建德 keeps the
file's 十四五. helpers.core.periods.next_period places the plan after it by its own length, 2025→2030, without a name
("" in outlook.csv).

Was (main f1f00a4): the empty name was read back from outlook.csv as NaN, so the zh brief said 安吉县起草“nan”规划 and
the report's outlook “nan”目标; the English report stopped with `TypeError: expected string or bytes-like object, got
'float'` in notebook cell 5. The method text said the next plan's years are placed 按五年一期推, five years on, where a
three-year plan's next period is three years long.
Now: 安吉县起草下一期规划（2026—2030年） / Drafting the next plan (2026–2030) for Anji (redteam18: it said
起草“2026—2030年”规划, the years quoted as a name), the empty name survives the CSV as "", and the method text says a
plan that is not 十n五 is followed by one of the same length.
"""
import math

import pytest
import yaml

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse.inputs import load_inputs
from helpers.analyse.tables import read_tables
from helpers.analyse.views import outlook_view
from helpers.core.config import PlanPeriod
from helpers.core.periods import period_label
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.report.chapters.outlook import outlook_brief, outlook_section
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("unnamed_next"))
    sources = yaml.safe_load((root / "config" / "sources.yaml").read_text(encoding="utf-8"))
    anji = next(p for p in sources["plans"] if p["entity"] == "anji")
    anji["plan_period"] = {"name": "人才发展行动", "base_year": 2020, "target_year": 2025}
    (root / "config" / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                                  encoding="utf-8")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    # (the project's workbooks stop at 2020: 2025 is the target year, with no actual yet)
    analyse.build_tables(root / "processed", root / "config", 2025, None, year_must_have_data=False)
    return root


def context(project, lang):
    return load_report_context(project / "processed", project / "config", 2025, None, lang, year_must_have_data=False)


def test_the_unnamed_period_is_said_by_its_years():
    assert period_label(PlanPeriod("", 2025, 2028), "zh") == "2026—2028年"
    assert period_label(PlanPeriod("", 2025, 2028), "en") == "2026–2028 plan"
    assert period_label(PlanPeriod(math.nan, 2025, 2028), "zh") == "2026—2028年"    # never "nan"
    assert period_label(PlanPeriod("十五五", 2025, 2030), "en") == "15th Five-Year Plan"


def test_the_empty_name_survives_outlook_csv(project):
    outlook = read_tables(load_inputs(project / "processed", project / "config", 2025,
                                      year_must_have_data=False))["outlook.csv"]
    names = dict(zip(outlook["entity"], outlook["next_plan"]))
    assert names == {"jiande": "十五五", "anji": ""}
    assert set(outlook.loc[outlook["entity"] == "anji", "next_target_year"]) == {2030}


@pytest.mark.parametrize("lang, anji, jiande", [
    # (redteam18 finding 8: 安吉县起草“2026—2030年”规划, the years quoted as if they were a name)
    ("zh", "安吉县起草下一期规划（2026—2030年）：报告附有各项指标外推到2030年的趋势", "建德市起草“十五五”规划"),
    ("en", "Drafting the next plan (2026–2030) for Anji: the report projects each indicator's trend to 2030",
     "Drafting the 15th Five-Year Plan for Jiande"),
])
def test_the_brief_names_the_next_plan_honestly(project, lang, anji, jiande):
    ctx = context(project, lang)
    summary = "\n".join(executive_summary(ctx, "brief"))
    assert anji in summary and jiande in summary
    brief, report = str(outlook_brief(ctx)), str(outlook_section(ctx))     # (en: a TypeError on main)
    for text in (summary, brief, report):
        assert "nan" not in text.replace("financ", "")     # ("financing" in an indicator's name)
    assert ("“2026—2030年”" if lang == "zh" else "2026–2030 plan") in report      # (its table's column headers)
    assert ("安吉县：下一期规划（2026—2030年），外推到2030年" if lang == "zh"
            else "Anji: the next plan (2026–2030), trends to 2030") in report           # (its heading)


def test_the_outlook_view_names_the_period(project):
    outlook = read_tables(load_inputs(project / "processed", project / "config", 2025,
                                      year_must_have_data=False))["outlook.csv"]
    shown = outlook_view(outlook[outlook["entity"] == "anji"], "zh").data
    assert set(shown["下一期"]) == {"2026—2030年（2030）"}


@pytest.mark.parametrize("lang, wrong, right", [
    ("zh", "按五年一期推", "其他规划（如三年行动计划）之后为同样长度的下一期"),
    ("en", "its years are placed five years on", "a period of the same length after any other plan"),
])
def test_the_method_text_says_what_the_outlook_does(lang, wrong, right):
    method = "\n".join(words(lang).list("method"))
    assert wrong not in method and right in method


@pytest.mark.parametrize("lang, said", [
    ("zh", "尚未确定下一期规划（2026—2030年）：外推供起草参考"),
    ("en", "no plan configured yet for 2026–2030: the projection is for drafting it"),
])
def test_the_outlook_note_names_the_years(project, lang, said):
    outlook = read_tables(load_inputs(project / "processed", project / "config", 2025,
                                      year_must_have_data=False))["outlook.csv"]
    anji = outlook[outlook["entity"] == "anji"]
    notes = {notes_text(n, words(lang), "outlook_notes") for n in anji["outlook_notes"]}
    assert all(said in n for n in notes), notes      # (was: 尚未配置规划 / "no  configured yet")
    # the plan that ended, 人才发展行动, in English notes without its years: "the plan" (was "the the 1–0 plan")
    assert not any("1–0" in n for n in notes), notes
