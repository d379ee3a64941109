"""The growth since a plan ended is written by its own method: a last actual of 0 makes it a change per year even
where the plan's own growth is a rate, and the brief must not print it as a percentage.

The workspace of support/brief_limits.py for 2026 (no 十五五 configured: the 2026 actuals are set against the pace
of 十四五), with 建德's 2026 省级以上人才科技孵化载体 written 0: from its 2025 actual, a change of −(2025 actual) 家 in
one year, which fell back; main wrote it as a rate, e.g. "-300.0%" for 3 → 0."""
import openpyxl
import pytest

from helpers import analyse
from helpers.analyse.growth import RATE_ABSOLUTE, RATE_CAGR
from helpers.extract import dataset
from helpers.extract.monitoring import DATA_SHEET
from helpers.report import chapters
from helpers.report.context import load_report_context
from support import brief_limits as bl

INCUBATORS = "省级以上人才科技孵化载体"


@pytest.fixture(scope="module")
def fell_to_zero(tmp_path_factory):
    root = bl.prepare(tmp_path_factory.mktemp("to_zero"), 2026)
    path = root / "raw" / "monitoring" / bl.NEXT_YEAR_WORKBOOK
    book = openpyxl.load_workbook(path)
    sheet = book[DATA_SHEET]
    header = {sheet.cell(1, c).value: c for c in range(1, sheet.max_column + 1)}
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, 1).value == "建德市" and sheet.cell(r, 2).value == INCUBATORS)
    sheet.cell(row, header["数值"]).value = 0
    book.save(path)
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2026)
    return root


def test_the_growth_since_the_plan_ended_records_its_own_method(fell_to_zero):
    ctx = load_report_context(fell_to_zero / "processed", fell_to_zero / "config", 2026, None, "zh")
    row = ctx.outlook.set_index(["entity", "indicator_id"]).loc[("jiande", "provincial_incubators")]
    assert row["growth_method"] == RATE_CAGR and row["pace_since_ended"] == "fell_back"
    assert row["since_growth_method"] == RATE_ABSOLUTE
    assert row["growth_since_ended"] == pytest.approx(-row["ended_target_year_value"])


@pytest.mark.parametrize("lang, unit", [("zh", "/年"), ("en", "/yr")])   # as the trends table writes it (R5-05)
def test_the_brief_writes_it_as_a_change_per_year(fell_to_zero, lang, unit):
    ctx = load_report_context(fell_to_zero / "processed", fell_to_zero / "config", 2026, None, lang)
    row = ctx.outlook.set_index(["entity", "indicator_id"]).loc[("jiande", "provincial_incubators")]
    table = next(b["table"] for b in chapters.outlook.since_ended_blocks(ctx, None) if b["kind"] == "table")
    cells = next([getattr(c, "text", c) for c in r] for r in table.rows if getattr(r[1], "text", r[1]).startswith(
        ctx.indicator_name("provincial_incubators")))
    change = row["growth_since_ended"]
    assert f"{change:g}{unit}" in cells, cells
    assert not any(f"{change * 100:.1f}%" in str(c) for c in cells), cells


@pytest.mark.parametrize("lang, per_year", [("zh", "/年"), ("en", "/yr")])
def test_the_outlook_writes_a_change_per_year_on_a_percent_indicator_as_one(fell_to_zero, lang, per_year):
    """R5-05: 人才流失率 (%) 8 → 0 → 5 falls back to changes per year, −1.6 and +1 points a year (outlook.csv
    growth_method: absolute change per year); main wrote them '-1.6% → 1%', as growth rates. Written as the trends
    table writes them: '-1.6/年 → +1/年'."""
    ctx = load_report_context(fell_to_zero / "processed", fell_to_zero / "config", 2026, None, lang)
    said = [chapters.outlook.fmt_growth(g, RATE_ABSOLUTE, ctx, "%") for g in (-1.6, 1.0)]
    assert said == [f"-1.6{per_year}", f"+1{per_year}"]
    assert chapters.outlook.fmt_growth(0.068, RATE_CAGR, ctx, "%") == "6.8%"
