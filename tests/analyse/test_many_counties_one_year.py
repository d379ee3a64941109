"""With many counties (more than config/method.yaml's many_counties = 6) the counties are ranked, and each is set
against its peers' median: like with like, as the pairwise comparison sets two actuals of one year only. The rank
and the median are of one year's actuals, the latest year any county has up to the report year; a county whose
latest actual is older (its figures are late) is listed apart with its year, has no rank, gap or ratio, and is kept
out of the others' median (redteam11 finding 3: a 2021 figure was ranked among 2023 figures, with no year, and
moved the median every county was set against).

Seven counties, 十四五 (2020 → 2025), report year 2023; monitoring workbook:

    county                  示例1    示例2  示例3  示例4  示例5  示例6  示例7
    高技能人才 (万人)         9 (2021)  3      4      5      6      7      8     (2023)
    医师数 (人/千人) 2022     4.1       4.2    4.3    4.4    4.5    4.6    4.7   (no county has 2023)

Worked by hand, 高技能人才, ranked on 2023 (six counties):
    示例7 8 is 1st of 6; its peers 3, 4, 5, 6, 7 → median 5, gap 8 − 5 = 3
    示例2 3 is 6th of 6; its peers 4, 5, 6, 7, 8 → median 6, gap 3 − 6 = −3
    示例1 9 (2021): no rank, no gap; set beside the median of the six 2023 figures, (5 + 6) ÷ 2 = 5.5
    the table: top three 示例7县 8；示例6县 7；示例5县 6, bottom three 示例4县 5；示例3县 4；示例2县 3, median 5.5,
    and apart 示例1县 9（2021年）
    (on main before the fix: 示例1 first of 7 with 9, 示例2's median 6.5 of 4 … 9, the table's median 6, no year)
医师数, ranked on 2022, every county: 示例7 4.7 first of 7, peers 4.1 … 4.6 → median 4.35; the table's median 4.4,
    said with its year, 4.4（2022年）, since it is not the report year's.
The analysis notebooks' ranking panels likewise: 高技能人才's panel places the six 2023 figures, 3 … 8, and says one
county is left out for its earlier year.
"""
import pytest

from helpers.analyse import figures
from helpers.report.chapters.counties import ranking_table
from helpers.report.context import load_report_context
from support.sample_counties import analysed_counties, numbered

SKILLED = {1: (2021, 9), 2: (2023, 3), 3: (2023, 4), 4: (2023, 5), 5: (2023, 6), 6: (2023, 7), 7: (2023, 8)}
PHYSICIANS = {i: (2022, 4 + i / 10) for i in range(1, 8)}


@pytest.fixture(scope="module")
def seven(tmp_path_factory):
    counties = [numbered(i, "word_tab_cells", [("高技能人才", "万人", "2", "10"),
                                               ("每千人口执业(助理)医师数", "人/千人", "4", "5")]) for i in range(1, 8)]
    monitoring = [[f"示例{i}县", name, unit, year, value, None, "统计年报", None]
                  for name, unit, figures in (("高技能人才", "万人", SKILLED),
                                              ("每千人口执业(助理)医师数", "人/千人", PHYSICIANS))
                  for i, (year, value) in figures.items()]
    return analysed_counties(tmp_path_factory.mktemp("seven"), counties, 2023, monitoring)


def _context(root, lang="zh"):
    return load_report_context(root / "processed", root / "config", 2023, None, lang)


def _peers(root, indicator):
    c = _context(root).comparison
    return c[(c["comparison"] == "county_vs_peers") & (c["indicator_id"] == indicator)].set_index("entity")


def test_the_ranking_and_the_median_are_of_one_years_actuals(seven):
    p = _peers(seven, "high_skilled_talent")
    assert p.loc["county7", ["latest_year", "rank_latest", "rank_of", "other_value", "latest_gap"]].tolist() \
        == [2023, 1, 6, 5, 3]
    assert p.loc["county2", ["rank_latest", "rank_of", "other_value", "latest_gap"]].tolist() == [6, 6, 6, -3]
    assert p["other_year"].eq(2023).all()
    assert p.loc["county7", "other_name_zh"] == "其他5个县市中位数"


def test_a_county_whose_latest_actual_is_older_is_not_ranked_nor_in_the_median(seven):
    late = _peers(seven, "high_skilled_talent").loc["county1"]
    assert (late["latest_year"], late["latest_value"], late["other_year"], late["other_value"]) == (2021, 9, 2023, 5.5)
    assert late[["rank_latest", "latest_gap", "latest_ratio"]].isna().all()


def test_where_no_county_has_the_report_year_the_latest_year_they_have_is_ranked(seven):
    p = _peers(seven, "physicians_per_1000")
    assert p["other_year"].eq(2022).all() and p["rank_of"].eq(7).all()
    assert p.loc["county7", "rank_latest"] == 1 and p.loc["county7", "other_value"] == pytest.approx(4.35)


@pytest.mark.parametrize("lang, top, bottom, median, apart, older, physicians_median", [
    ("zh", "示例7县 8；示例6县 7；示例5县 6", "示例4县 5；示例3县 4；示例2县 3", "5.5", "示例1县 9（2021年）",
     "未排名（最新数据年份较早）", "4.4（2022年）"),
    ("en", "Sample 7 8; Sample 6 7; Sample 5 6", "Sample 4 5; Sample 3 4; Sample 2 3", "5.5", "Sample 1 9 (2021)",
     "Not ranked (latest figure of an earlier year)", "4.4 (2022)"),
])
def test_the_ranking_table_shows_an_older_figure_apart_with_its_year(seven, lang, top, bottom, median, apart, older,
                                                                    physicians_median):
    table = ranking_table(_context(seven, lang))
    rows = [dict(zip([col.label for col in table.columns], row)) for row in table.rows]
    skilled, physicians = rows
    labels = [col.label for col in table.columns]
    assert [skilled[label] for label in labels[1:5]] == [top, bottom, median, apart]
    assert labels[4] == older
    assert physicians[labels[3]] == physicians_median and physicians[older] == ""


@pytest.mark.parametrize("lang, note", [("zh", "另有1个县市最新实际值年份较早，未排序"),
                                        ("en", "not ranked: 1 county whose latest actual is of an earlier year")])
def test_the_ranking_panels_leave_an_older_figure_out_and_say_so(seven, lang, note):
    ctx = _context(seven, lang)
    fig = figures.ranking_panels(ctx.progress, ctx.comparison, lang=lang)
    ax = next(ax for ax in fig.axes if ax.get_title().startswith(("高技能人才", "Highly skilled")))
    latest = ax.collections[1]                       # (0: the lines from latest to target; 1: the latest actuals)
    assert sorted(float(y) for _, y in latest.get_offsets()) == [3, 4, 5, 6, 7, 8]
    assert note in {t.get_text() for t in ax.texts}
