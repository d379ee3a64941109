"""The scorecard on page 1 shows, for each county and indicator, the judgement its plan calls for in the report
year: met or not at the final evaluation, the 序时进度 judgement in the period, and at a base year what can be
assessed. 桐庐 (tests/support/tonglu.py) with its monitoring actuals; the expected judgements are worked by hand
from the table in that file's docstring."""
import re

import pytest
from bs4 import BeautifulSoup

from helpers.analyse.progress import VERDICTS
from helpers.report import chapters
from support.tonglu import project_with_county, report_context


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return project_with_county(tmp_path_factory.mktemp("scorecard"))


def scorecard(html: str) -> dict[str, tuple[str, str]]:
    """What a reader sees in the scorecard: indicator -> (label, traffic-light class) for the first county."""
    soup = BeautifulSoup(html, "html.parser")
    out = {}
    for table in soup.select("table.scorecard"):
        for row in table.select("tbody tr"):
            cells = row.find_all("td")
            light = cells[1].find("span", class_="light")
            code = next(c[2:] for c in light["class"] if c.startswith("j-")) if light else ""
            out[cells[0].get_text(strip=True)] = (cells[1].get_text(strip=True), code)
    return out


def test_in_the_period_the_scorecard_shows_progress_against_the_time_elapsed(county):
    ctx = report_context(county, 2023)
    html = chapters.scorecard.summary_section(ctx)
    card = scorecard(html)
    # 2023 is 3/5 = 60% of 2020→2025. 人才资源总量 10 → 15, 12.5 in 2023: (12.5 − 10) ÷ 5 = 50%, 10 points behind
    assert card["人才资源总量"] == ("慢于序时进度", "behind")
    # 高技能人才占比 30 → 35, 33.5: 70%, 10 points ahead; R&D 100 → 120, 112: 60%, on schedule
    assert card["高技能人才占技能劳动者比例"] == ("快于序时进度", "ahead")
    assert card["每万名劳动力（就业人员）中R&D人员数"] == ("符合序时进度", "on_schedule")
    # 党政人才 0.3 → 0.3 is a hold target: 0.29 in 2023 is not held
    assert card["党政人才"] == ("未保持", "not_held")
    # 人才流失率, lower is better: 8 → 6, 7.4 in 2023: (7.4 − 8) ÷ (6 − 8) = 30%, behind
    assert card["人才流失率"] == ("慢于序时进度", "behind")
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "2023年的完成进度与序时进度" in text and "5个百分点" in text           # the heading, how it judges
    legend = [s.get_text() for s in BeautifulSoup(html, "html.parser").select("p.legend span.light")]
    assert legend[:5] == ["快于序时进度", "符合序时进度", "保持", "慢于序时进度", "未保持"]


def test_at_the_target_year_the_scorecard_shows_targets_met_or_not(county):
    ctx = report_context(county, 2025)
    card = scorecard(chapters.scorecard.summary_section(ctx))
    assert card["人才资源总量"] == ("达标", "target_met")                       # 15 against 15
    assert card["高技能人才占技能劳动者比例"] == ("达标", "target_met")           # 35 against 35以上: may equal
    assert card["每万名劳动力（就业人员）中R&D人员数"] == ("未达标", "target_missed")   # 120 against >120
    assert card["人才流失率"] == ("达标", "target_met")                         # lower is better: 5.9 against 6
    assert card["高技能人才"] == ("未达标", "target_missed")                  # 2.7 against 3
    english = scorecard(chapters.scorecard.summary_section(report_context(county, 2025, lang="en")))
    assert english["Talent outflow rate"] == ("met", "target_met")
    assert "final evaluation" in chapters.scorecard.summary_section(report_context(county, 2025, lang="en"))


def test_at_the_base_year_the_scorecard_shows_what_can_be_assessed(county):
    ctx = report_context(county, 2020, entities="jiande,anji")
    card = scorecard(chapters.scorecard.summary_section(ctx))
    # 建德 人才资源总量: 2015 baseline from the prose, so growth achieved can be set against growth required
    assert card["人才资源总量"] == ("进度正常", "on_track")
    assert card["专业技术人才"] == ("无法评估", "not_assessable")                 # one actual (2020) only
    assert "（基期）" in chapters.scorecard.summary_section(ctx)


@pytest.mark.parametrize("lang, heading, note, wrong", [
    ("zh", "（规划期开始前）", "2015年在规划期（2021—2025年）开始之前", "2015年是规划基期"),
    ("en", "(before the plan period)", "2015 is before the plan period (2021–2025)", "2015 is the plan's base year"),
])
def test_a_year_before_the_plan_is_not_called_its_base_year(county, lang, heading, note, wrong):
    """YEAR=2015 (actuals from the plans' prose) evaluates the 十四五 plan, whose base year is 2020: the scorecard
    used to say that 2015 was the plan's base year."""
    ctx = report_context(county, 2015, entities="jiande,anji", lang=lang)
    assert set(ctx.progress["plan_phase"]) == {"before_base_year"}
    text = BeautifulSoup(chapters.scorecard.summary_section(ctx), "html.parser").get_text()
    assert heading in text and note in text and wrong not in text


def test_every_judgement_has_its_colour(county):
    style = chapters.title.title_block(report_context(county, 2023))
    for code in VERDICTS:
        assert re.search(rf"\.j-{code} {{ background: #[0-9a-f]{{6}}; color: #(fff|222); }}", style), code


def test_a_county_with_two_plans_is_one_row_of_the_scorecard(county):
    # 桐庐 has a 十四五 and a 十五五 plan; with every county chosen (the default) it is compared once
    ctx = report_context(county, 2025, entities="")
    assert ctx.inputs.entities == ["jiande", "anji", "tonglu"]
    assert not ctx.progress.duplicated(["entity", "indicator_id"]).any()
    html = BeautifulSoup(chapters.scorecard.summary_section(ctx), "html.parser")
    assert [th.get_text() for th in html.select("table.scorecard")[0].select("thead th")] == [
        "指标", "建德市", "安吉县", "桐庐县"]
