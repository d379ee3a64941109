"""A 序时进度 judgement made at an earlier year than the report year's (the indicator's latest actual is older) is
not counted under the report year's heading: the summary says it apart with its year, and the scorecard cell
carries the year (redteam11 finding 2).

建德 from its plan, report year 2023, with a monitoring workbook of two figures:
- 人才资源总量 2023 = 12.5: (12.5 − 10.3) ÷ (14 − 10.3) = 2.2 ÷ 3.7 = 59.5% against 2023's 序时进度
  (2023 − 2020) ÷ 5 = 60%: less than 10 points apart, 符合;
- 专业技术人才 2021 = 4.35 (nothing later): (4.35 − 4.2) ÷ (4.9 − 4.2) = 0.15 ÷ 0.7 = 21.4% against 2021's
  20%: 符合, but 2021's, not 2023's (against 60% it would be 38.6 points behind).
So the 2023 counts are 0 ahead, 1 on schedule, 0 behind, and one more judgement is 2021's."""

import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.extract import dataset
from helpers.report import chapters
from helpers.report.blocks import Cell
from helpers.report.context import ReportContext, load_report_context
from support.workbooks import one_sheet_workbook


@pytest.fixture(scope="module")
def stale(tmp_path_factory):
    workspace = copy_of_project(tmp_path_factory.mktemp("stale"))
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.5, None, "统计年报", None],
                                   ["建德市", "专业技术人才", "万人", 2021, 4.35, None, "统计年报", None]])
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    analyse.build_tables(workspace / "processed", workspace / "config", 2023, "jiande")
    return workspace


def _context(workspace, lang):
    return load_report_context(workspace / "processed", workspace / "config", 2023, "jiande", lang)


def _cells(ctx) -> dict[str, str]:
    """indicator name → the text of 建德's scorecard cell"""
    out = {}
    for table in chapters.scorecard.scorecard_tables(ctx):
        for row in table.rows:
            out[str(row[0])] = str(row[1].text if isinstance(row[1], Cell) else row[1])
    return out


def test_the_analysis_judges_the_2021_figure_at_2021_s_schedule(stale):
    ctx = _context(stale, "zh")
    p = ctx.progress.set_index("indicator_id")
    assert p.loc["talent_total", "evaluated_year"] == 2023
    assert p.loc["talent_total", "progress_share"] == pytest.approx(2.2 / 3.7)
    assert p.loc["talent_total", "schedule_share"] == pytest.approx(0.6)
    assert p.loc["professional_technical_talent", "evaluated_year"] == 2021
    assert p.loc["professional_technical_talent", "progress_share"] == pytest.approx(0.15 / 0.7)
    assert p.loc["professional_technical_talent", "schedule_share"] == pytest.approx(0.2)
    assert set(p["verdict"].loc[["talent_total", "professional_technical_talent"]]) == {"on_schedule"}


@pytest.mark.parametrize("document", ["brief", "report"])
def test_the_summary_counts_2023_judgements_and_says_the_2021_one_apart(stale, document):
    zh = chapters.summary.executive_summary(_context(stale, "zh"), document)
    assert ("截至2023年，建德市“十四五”规划的序时进度为60.0%：0项指标快于、1项符合、0项慢于序时进度；"
            "另有1项指标的最新实际值早于2023年，按其年份的序时进度判断，未计入上述项数："
            "专业技术人才（2021年：符合序时进度）。") in zh
    en = " ".join(chapters.summary.executive_summary(_context(stale, "en"), document))
    assert ("By 2023, 60.0% of the 14th Five-Year Plan has passed for Jiande: 0 indicators are ahead of schedule, "
            "1 on schedule and 0 behind; 1 more indicator has no actual as recent as 2023, is judged against its "
            "own year's schedule and is not counted above: ") in en
    assert "(2021: on schedule)." in en


def test_the_scorecard_marks_the_2021_judgement_with_its_year(stale):
    ctx = _context(stale, "zh")
    cells = _cells(ctx)
    assert cells[ctx.indicator_name("talent_total")] == "符合序时进度"
    assert cells[ctx.indicator_name("professional_technical_talent")] == "符合序时进度（2021年）"
    html = str(chapters.scorecard.summary_section(ctx, "brief"))
    assert "标有年份的判断是按该年的实际值和该年的序时进度作出的：这些指标尚无2023年实际值。" in html
    en = _context(stale, "en")
    assert _cells(en)[en.indicator_name("professional_technical_talent")] == "on schedule (2021)"


def test_with_many_counties_the_count_and_the_matrix_say_so_too(stale, monkeypatch):
    monkeypatch.setattr(ReportContext, "many", property(lambda self: True))
    ctx = _context(stale, "zh")
    assert ("截至2023年，1个县市“十四五”规划的序时进度为60.0%：0项指标快于、1项符合、0项慢于序时进度；"
            "另有1项（县市·指标）的最新实际值早于2023年，按其年份的序时进度判断，未计入上述项数（评分卡标出其年份）。"
            ) in chapters.summary.executive_summary(ctx, "brief")
    [table] = chapters.scorecard.scorecard_tables(ctx)
    labels = [c.label for c in table.columns]
    row = [str(c.text if isinstance(c, Cell) else c) for c in table.rows[0]]
    cell = dict(zip(labels, row))
    assert cell[ctx.indicator_name("professional_technical_talent")] == "符合（2021年）"
    assert cell[ctx.indicator_name("talent_total")] == "符合"
