"""Counties on different plan periods in one report (redteam6 finding 2): 建德 and 安吉 on their 十四五 (2021—2025),
桐庐 on its 十五五 only (2026—2030, tests/support/fifteenth_plan.py, added by config as the tests add it).

Was: the wording took one period for all (the one most counties have): YEAR=2025 with 建德 and 桐庐 headed 建德's
2025 target 14 "2030年目标" and titled the report 2026—2030年; YEAR=2026 headed 桐庐's 2030 targets "2025年目标";
YEAR=2030 headed the scorecard "2025年目标完成情况" though 桐庐 is judged on 2030; the outlook said "尚未配置“十五五”
规划目标" of every county though 桐庐's is configured; 县市之间比较 set 建德's 2020 figure beside 桐庐's 2026 one with
no years, and comparison.csv took 建德's 2025 target 14 from 桐庐's 2030 target 20 (target_gap −6).
Now each county's period is its own: a shared heading or caption is true of every county under it, the title names
each period, the outlook's sentences name their counties, and a comparison is of like with like or says its years.
The expected values are the plans' and workbooks' figures: 建德 人才资源总量 10.3 (2020, plan), target 14 (2025);
桐庐 15 (2025), 16 (2026), 19.5 (2030) from its workbook, target 20左右 (2030); 安吉 14.5 (2020), target 20 (2025).
"""
import html
import re

import pandas as pd
import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.extract import dataset
from helpers.report import chapters
from helpers.report.context import load_report_context
from support.fifteenth_plan import add_fifteenth_plan
from support.workbooks import one_sheet_workbook


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("periods"))
    add_fifteenth_plan(root, "word_tab_cells")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


def context(project, year, entities=None, lang="zh"):
    analyse.build_tables(project / "processed", project / "config", year, entities)
    return load_report_context(project / "processed", project / "config", year, entities, lang)


def words(chapter) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", str(chapter),
                                                                               flags=re.S))))


def tables(chapter) -> list:
    return [b["table"] for b in chapter.blocks if b["kind"] == "table"]


def cells(table, county: str, indicator: str) -> dict[str, str]:
    for row in table.body:
        texts = {col.label: str(c.text) for col, c in row.cells}
        if county in texts.values() and indicator in texts.values():
            return texts
    raise AssertionError(f"no row {county} {indicator}")


@pytest.mark.parametrize("lang, heading, jiande, tonglu", [
    ("zh", "目标", "14（2025年）", "20（2030年）"),
    ("en", "Target", "14 (2025)", "20 (2030)"),
])
def test_the_progress_table_says_each_targets_year_where_the_counties_plans_differ(project, lang, heading, jiande,
                                                                                     tonglu):
    ctx = context(project, 2025, "jiande,tonglu", lang)
    table = tables(chapters.progress.progress_section(ctx))[0]
    labels = [c.label for c in table.columns]
    assert heading in labels and not any(re.search(r"20\d\d", label) for label in labels), labels
    county, indicator = ("建德市", "人才资源总量") if lang == "zh" else ("Jiande", "Total talent pool")
    other = "桐庐县" if lang == "zh" else "Tonglu"
    assert cells(table, county, indicator)[heading] == jiande
    assert cells(table, other, indicator)[heading] == tonglu


def test_a_table_of_one_plans_targets_is_headed_with_their_year(project):
    """The 2026 brief's progress table holds 桐庐's rows alone (建德 and 安吉 have no 2025 actuals to judge): its
    targets are for 2030, and it says so (it said 2025年目标)."""
    ctx = context(project, 2026)
    table = tables(chapters.progress.progress_brief(ctx))[0]
    assert "2030年目标" in [c.label for c in table.columns]
    assert cells(table, "桐庐县", "人才资源总量")["2030年目标"] == "20"


@pytest.mark.parametrize("lang, year, entities, title", [
    ("zh", 2025, "jiande,tonglu", "人才发展规划监测报告（2021—2025年、2026—2030年）"),
    ("en", 2025, "jiande,tonglu", "Talent Development Plans 2021–2025 and 2026–2030: Monitoring Report"),
    ("zh", 2020, "jiande,anji", "人才发展规划监测报告（2021—2025年）"),          # one period: as before
    ("en", 2020, "jiande,anji", "Talent Development Plans 2021–2025: Monitoring Report"),
])
def test_the_title_names_each_period_the_report_covers(project, lang, year, entities, title):
    ctx = context(project, year, entities, lang)
    assert f"<h1>{title}</h1>" in chapters.title.title_block(ctx, "brief")


@pytest.mark.parametrize("lang, said", [
    ("zh", "各县市最新实际值相当于本县市规划目标的百分比（建德市为2025年目标，桐庐县为2030年目标；"),
    ("en", "Each county's latest actual as a share of its own plan's target (Jiande: the 2025 target; Tonglu: "
           "the 2030 target;"),
])
def test_the_completion_chart_says_each_countys_target_year(project, lang, said):
    captions = [f.caption for f in chapters.progress.completion_figures(context(project, 2025, "jiande,tonglu", lang))]
    assert captions and all(c.startswith(said) for c in captions), captions


def test_a_final_evaluation_of_different_target_years_says_each_countys_year(project):
    """2030: 建德 and 安吉 are judged on 2025 (their 十四五, no later plan), 桐庐 on 2030: the scorecard was headed
    各县市2025年目标完成情况."""
    chapter = words(chapters.scorecard.summary_section(context(project, 2030), "brief"))
    assert "评分卡：各县市规划目标完成情况（终期评估）" in chapter
    assert "（建德市、安吉县为2025年，桐庐县为2030年；" in chapter
    assert "2025年目标完成情况" not in chapter


def test_the_outlook_names_the_counties_it_is_about(project):
    """2025, 建德 and 桐庐: only 建德's plan has ended, and only 建德 has no 十五五 targets."""
    ctx = context(project, 2025, "jiande,tonglu")
    said = words(chapters.outlook.outlook_brief(ctx))
    assert "建德市尚未配置“十五五”规划目标：各项指标外推到2030年的趋势及预测区间见分析报告。" in said
    summary = chapters.summary.executive_summary(ctx, "brief")
    assert "建德市起草“十五五”规划：报告附有各项指标外推到2030年的趋势及其80%和95%预测区间，供确定目标参考。" in summary


def test_the_plan_to_draft_is_never_one_whose_years_are_past(project):
    """2030: 建德 and 安吉 have no plan configured after their 十四五, and their 十五五 (2025 → 2030) is over by then:
    the plan to draft is the 十六五 (to 2035), as for 桐庐, whose 十五五 ends in 2030. The brief offered drafting the
    十五五, projected to 2030, in a 2030 brief."""
    summary = chapters.summary.executive_summary(context(project, 2030), "brief")
    assert "起草“十六五”规划：报告附有各项指标外推到2035年的趋势及其80%和95%预测区间，供确定目标参考。" in summary
    assert not any("十五五”规划：" in s for s in summary), summary
    o = pd.read_csv(project / "processed" / "outlook.csv")
    assert set(zip(o["entity"], o["ended_plan"], o["next_plan"], o["next_target_year"])) == {
        ("jiande", "十四五", "十六五", 2035), ("anji", "十四五", "十六五", 2035), ("tonglu", "十五五", "十六五", 2035)}


def test_the_years_after_a_plans_end_name_the_counties_they_are_about(project):
    """2026: 建德's and 安吉's 十四五 has ended with no 十五五 configured, and their 2026 actuals are monitored against
    its pace; 桐庐 is in its 十五五, with targets, and is not."""
    said = words(chapters.outlook.outlook_brief(context(project, 2026)))
    assert "2026年监测：建德市、安吉县对照“十四五”年均增速" in said
    said = words(chapters.outlook.outlook_brief(context(project, 2026, lang="en")))
    assert "2026 monitoring: Jiande, Anji against the 14th Five-Year Plan's annual growth" in said


@pytest.mark.parametrize("lang, jiande, anji, tonglu", [
    ("zh", "10.3（2020年）", "14.5（2020年）", "16（2026年）"),
    ("en", "10.3 (2020)", "14.5 (2020)", "16 (2026)"),
])
def test_counties_side_by_side_say_the_years_where_they_differ(project, lang, jiande, anji, tonglu):
    ctx = context(project, 2026, None, lang)
    row = cells(chapters.counties.peers_table(ctx), jiande, "人才资源总量" if lang == "zh" else "Total talent pool")
    names = ("建德市", "安吉县", "桐庐县") if lang == "zh" else ("Jiande", "Anji", "Tonglu")
    assert [row[n] for n in names] == [jiande, anji, tonglu]
    # one year for all: as before, no years
    row = cells(chapters.counties.peers_table(ctx), "0.28",
                "党政人才" if lang == "zh" else "Party and government talent")
    assert [row[n] for n in names[:2]] == ["0.28", "0.3"]
    pairs = [[str(c.text) for _, c in row.cells] for row in tables(chapters.counties.counties_section(ctx))[0].body]
    assert [p[1:5] for p in pairs if p[1] == names[0] and p[3] == names[2]][0] == [names[0], jiande, names[2], tonglu]
    assert [p[1:5] for p in pairs if p[1] == names[0] and p[3] == names[1]][0] == [names[0], "10.3", names[1], "14.5"]


def test_comparison_sets_like_against_like(project):
    context(project, 2026)
    c = pd.read_csv(project / "processed" / "comparison.csv")
    row = lambda a, b: c[(c["comparison"] == "county_vs_county") & (c["entity"] == a) & (c["other"] == b)  # noqa: E731
                         & (c["indicator_id"] == "talent_total")].iloc[0]
    other_period = row("jiande", "tonglu")       # 14 for 2025 against 20 for 2030; 10.3 (2020) against 16 (2026)
    assert (other_period["target_year"], other_period["other_target_year"]) == (2025, 2030)
    assert (other_period["target_value"], other_period["other_target_value"]) == (14, 20)
    assert pd.isna(other_period["target_gap"]) and pd.isna(other_period["target_ratio"])
    assert pd.isna(other_period["latest_gap"]) and pd.isna(other_period["latest_ratio"])
    same = row("jiande", "anji")                 # both 2025 targets, both 2020 actuals: 14 − 20, 10.3 − 14.5
    assert same["target_gap"] == pytest.approx(-6) and same["latest_gap"] == pytest.approx(-4.2)


def test_the_notebooks_figures_and_tables_say_each_year(project):
    """The analysts' notebooks: the dumbbell's legend said 2030年目标 over 建德's and 安吉's 2025 targets, and
    省委2030年目标 over the province's 2025 targets; the county table set figures side by side without years."""
    from helpers.analyse import figures, views
    context(project, 2026)
    progress = pd.read_csv(project / "processed" / "trends.csv")
    comparison = pd.read_csv(project / "processed" / "comparison.csv")
    fig = figures.dumbbell(progress, comparison)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "2025或2030年目标" in legend and "省委2025年目标" in legend, legend
    table = views.county_view(comparison).data
    row = table[(table.iloc[:, 2] == "建德市") & (table.iloc[:, 5] == "桐庐县") & (table.iloc[:, 0] == "人才资源总量")]
    assert list(row.iloc[0, [3, 4, 6, 7]]) == ["2020 10.3", "2025 14", "2026 16", "2030 20"]


def test_many_counties_are_set_against_their_peers_targets_for_the_same_year(project):
    """With many counties each is set against the median of its peers (comparison.peer_comparison, here called on
    the three): 安吉's 2025 target 20 against 建德's 2025 target 14 alone, never the median of 14 and 桐庐's 2030
    target 20 (17); 桐庐's 2030 target has no peer for 2030 (was set against 17: target_gap 3)."""
    from helpers.analyse.comparison import peer_comparison
    context(project, 2026)
    inputs = analyse.load_inputs(project / "processed", project / "config", 2026)
    c = peer_comparison(inputs).set_index(["entity", "indicator_id"])
    assert c.loc[("anji", "talent_total"), "other_target_value"] == 14
    assert c.loc[("anji", "talent_total"), "target_gap"] == pytest.approx(6)
    assert c.loc[("jiande", "talent_total"), "other_target_value"] == 20
    assert pd.isna(c.loc[("tonglu", "talent_total"), "other_target_value"])
    assert pd.isna(c.loc[("tonglu", "talent_total"), "target_gap"])


# 2031: 建德's 十四五 ended in 2025 and 桐庐's 十五五 in 2030, neither with a plan configured after it (both draft the
# 十六五). Each county's 2031 actual is set against the pace of its own plan that ended (a workbook added here):
#   建德 人才资源总量 10.3 (2020, plan) → 14 (2025): (14 ÷ 10.3)^(1/5) − 1 = 6.3% a year; 2031 14.7: (14.7 ÷ 14)^(1/6)
#        − 1 = 1.05^(1/6) − 1 = 0.8% a year since 2025: slowed;
#   桐庐 人才资源总量 15 (2025) → 19.5 (2030): 1.3^(1/5) − 1 = 5.4% a year; 2031 20: 20 ÷ 19.5 − 1 = 2.6%: slowed.
# main took the first county's plan for all: one block "对照“十四五”年均增速" holding 桐庐's row, its note "比2025年差",
# and one summary sentence setting 桐庐 against the 十四五.
@pytest.fixture(scope="module")
def ended_apart(tmp_path_factory):
    from helpers.extract.manifest import write_manifest
    root = copy_of_project(tmp_path_factory.mktemp("ended_apart"))
    add_fifteenth_plan(root, "word_tab_cells")
    one_sheet_workbook(root, [[county, "人才资源总量", "万人", year, value, None, "统计年报", None]
                              for county, year, value in (("建德市", 2025, 14), ("建德市", 2031, 14.7),
                                                          ("桐庐县", 2031, 20))], name="补充监测.xlsx")
    write_manifest(root / "raw")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_years_after_plans_that_ended_apart_set_each_county_against_its_own_plan(ended_apart, lang):
    ctx = context(ended_apart, 2031, "jiande,tonglu", lang)
    brief = chapters.outlook.outlook_brief(ctx)
    headings = [b["text"] for b in brief.blocks if b["kind"] == "heading"]
    found = [[[str(getattr(c, "text", c)) for c in row] for row in t.rows] for t in tables(brief)]
    notes = [b["entries"][0] for b in brief.blocks if b["kind"] == "notes"]
    summary = chapters.summary.executive_summary(ctx, "brief")
    if lang == "zh":
        assert "2031年监测：各县市对照本县市已结束规划的年均增速" in str(brief)
        assert headings == ["2031年监测：建德市对照“十四五”年均增速", "2031年监测：桐庐县对照“十五五”年均增速"]
        assert found == [[["建德市", "人才资源总量", "放缓", "0.8%", "6.3%", "14.7万人"]],
                         [["桐庐县", "人才资源总量", "放缓", "2.6%", "5.4%", "20万人"]]]
        assert [c.label for c in tables(brief)[0].columns][3:5] == ["2025—2031年年均增速", "“十四五”年均增速"]
        assert [c.label for c in tables(brief)[1].columns][3:5] == ["2031年增速", "“十五五”年均增速"]
        assert "比2025年差" in notes[0] and "（2021—2025年）" in notes[0]
        assert "比2030年差" in notes[1] and "（2026—2030年）" in notes[1]
        assert "2031年实际值（“十六五”尚无目标，对照“十四五”年均增速）：建德市1项中0项保持增速、1项放缓、0项回落。" \
            in summary, summary
        assert "2031年实际值（“十六五”尚无目标，对照“十五五”年均增速）：桐庐县1项中0项保持增速、1项放缓、0项回落。" \
            in summary, summary
    else:
        assert "2031 monitoring: each county against the annual growth of its own plan that ended" in str(brief)
        assert headings == ["2031 monitoring: Jiande against the 14th Five-Year Plan's annual growth",
                            "2031 monitoring: Tonglu against the 15th Five-Year Plan's annual growth"]
        assert [row[:5] for t in found for row in t] == [["Jiande", "Total talent pool", "slowed", "0.8%", "6.3%"],
                                                         ["Tonglu", "Total talent pool", "slowed", "2.6%", "5.4%"]]
        assert any("against the 14th Five-Year Plan's annual growth): Jiande: of 1, 0 kept pace, 1 slowed" in s
                   for s in summary), summary
        assert any("against the 15th Five-Year Plan's annual growth): Tonglu: of 1, 0 kept pace, 1 slowed" in s
                   for s in summary), summary
