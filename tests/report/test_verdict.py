"""One judgement per cell, everywhere: the scorecard, the tables, the summary and the results workbook state the
same verdict for the same county, indicator and year, from one column of the analysis tables (trends.csv
`verdict`). At a final evaluation a judgement from another year is never given as this year's.

建德 and 安吉 from their plans, with a partial monitoring workbook: 2021–2025 actuals for 人才资源总量 only, as an
analyst fills it in the first year of monitoring. Every other target has its last actual in 2020."""

import openpyxl
import pytest
from bs4 import BeautifulSoup

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET, TARGET_MISSED
from helpers.core import paths
from helpers.extract import dataset
from helpers.report import chapters
from helpers.report.blocks import Cell
from helpers.report.context import load_report_context
from helpers.report.results_workbook import write_results
from support.workbooks import one_sheet_workbook

# 人才资源总量 (万人): 建德 10.3 (2020) → 14 (2025 target); 安吉 14.5 → 20
TOTALS = {"建德市": [11.0, 11.8, 12.6, 13.3, 14.2],     # 14.2 ≥ 14: met
          "安吉县": [15.3, 16.2, 17.1, 18.2, 19.5]}     # 19.5 < 20: missed


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("partial")
    copy_of_project(workspace)
    one_sheet_workbook(workspace, [[county, "人才资源总量", "万人", year, value, None, "统计年报", None]
                                   for county, values in TOTALS.items()
                                   for year, value in zip(range(2021, 2026), values)],
                       name="2021-2025年 监测数据.xlsx")
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    analyse.build_tables(workspace / "processed", workspace / "config", 2025)
    return workspace


@pytest.fixture(scope="module", params=["zh", "en"])
def ctx(partial, request):
    return load_report_context(partial / "processed", partial / "config", 2025, None, request.param)


def _text(cell) -> str:
    return str(cell.text if isinstance(cell, Cell) else cell)


def test_the_verdict_at_a_final_evaluation_is_this_year_s_or_none(partial):
    p = analyse.read_tables(analyse.load_inputs(partial / "processed", partial / "config", 2025))[paths.TRENDS_CSV]
    verdict = dict(zip(zip(p["entity"], p["indicator_id"]), p["verdict"]))
    assert verdict[("jiande", "talent_total")] == TARGET_MET
    assert verdict[("anji", "talent_total")] == TARGET_MISSED
    # 党政人才 0.28 in 2020 against 0.28 in 2025: met in 2020, but there is no 2025 actual
    assert verdict[("jiande", "party_government_talent")] == NOT_ASSESSABLE
    assert set(p.loc[p["indicator_id"] != "talent_total", "verdict"]) == {NOT_ASSESSABLE}


def scorecard_labels(ctx) -> dict[tuple[str, str], tuple[str, str]]:
    """(county, indicator) -> (label, code), as the scorecard shows them."""
    out = {}
    for table in chapters.scorecard.scorecard_tables(ctx):
        counties = [c.label for c in table.columns[1:]]
        for row in table.rows:
            for county, cell in zip(counties, row[1:]):
                out[(county, _text(row[0]))] = (_text(cell), cell.light)
    return out


def test_scorecard_tables_summary_and_workbook_agree_cell_for_cell(ctx, partial, tmp_path):
    card = scorecard_labels(ctx)
    jiande, anji = ctx.entity_name("jiande"), ctx.entity_name("anji")
    total, party = ctx.indicator_name("talent_total"), ctx.indicator_name("party_government_talent")
    met, missed = ctx.t("plan_cycle.met.yes"), ctx.t("plan_cycle.met.no")
    none = ctx.category_label(NOT_ASSESSABLE)
    assert card[(jiande, total)] == (met, TARGET_MET) and card[(anji, total)] == (missed, TARGET_MISSED)
    assert card[(jiande, party)] == (none, NOT_ASSESSABLE)

    # the progress table: the same label for every county and indicator
    p = ctx.progress
    table = chapters.progress.progress_table_view(ctx, p)
    progress = {(ctx.entity_name(e), ctx.indicator_name(i)): (_text(row[2]), row[2].light)
                for e, i, row in zip(p["entity"], p["indicator_id"], table.rows)}
    assert progress == {key: cell for key, cell in card.items() if cell[1]}   # blank: not in that county's plan

    # the final-evaluation table: the judged rows, met or missed as the scorecard says
    final = chapters.plan.plan_section(ctx)
    rows = [r for b in final.blocks if b["kind"] == "table" for r in b["table"].rows]
    assert {(_text(r[0]), _text(r[1])): _text(r[2]) for r in rows} == {(jiande, total): met, (anji, total): missed}

    # the summary: N of M per county, and counts of each judgement, as on the scorecard
    summary = " ".join(chapters.summary.executive_summary(ctx))
    labels = [label for label, _ in card.values()]
    assert labels.count(met) == 1 and labels.count(missed) == 1
    assert ctx.category_label("on_track") not in summary and ctx.category_label(TARGET_MET) not in summary
    html = BeautifulSoup(chapters.progress.progress_section(ctx), "html.parser").get_text()
    assert ctx.category_label(TARGET_MET) not in html      # 党政人才's 2020 value is not this year's judgement

    # the results workbook: the verdict column says the same
    path = write_results(ctx.inputs, analyse.read_tables(ctx.inputs), tmp_path / "results.xlsx", ctx.lang)
    wb = openpyxl.load_workbook(path, read_only=True)
    sheet = wb[ctx.t("workbook.sheets.progress")]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    labels_of = ctx.w.table("workbook.columns")
    county, indicator, verdict = (header.index(labels_of[c]) for c in
                                  (f"entity_name_{ctx.lang}", f"indicator_name_{ctx.lang}", "verdict"))
    seen = {(r[county], r[indicator]): r[verdict] for r in sheet.iter_rows(min_row=2, values_only=True)
            if r[county] and r[verdict] != "verdict"}          # (under the labels, a row of the columns' codes)
    assert seen == {key: label for key, (label, code) in card.items() if code}
