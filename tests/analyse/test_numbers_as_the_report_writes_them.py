"""Numbers outside the report (the results workbook, the notebooks' tables and figures, the stored notes) are written
as the report writes them: a change per year (a series holding 0, whose growth rate is undefined) never as a
percentage, and no number with an exponent (2e+06), which a reader does not read.

Worked by hand: 建德 科创板上市企业数 is 0 in 2020 (Jiande's plan, the 十四五 table's 2020 column) and 1 in 2025 (the
workbook below): a change of (1 − 0) ÷ 5 = 0.2 (家) a year over 十四五, where a rate would read 20.0%."""

import openpyxl
import pytest

from conftest import analysed, copy_of_project
from helpers import analyse
from helpers.analyse import figures, views
from helpers.analyse.growth import RATE_ABSOLUTE
from helpers.analyse.progress import plan_judgement
from helpers.core import paths
from helpers.core.config import load_sources
from helpers.core.wording import notes_text, words
from helpers.report.results_workbook import write_results
from support.workbooks import drop

LISTED = "科创板上市企业数"


@pytest.fixture(scope="module")
def from_zero(tmp_path_factory):
    root = tmp_path_factory.mktemp("from_zero")
    copy_of_project(root)
    drop(root, "listed.xlsx", [dict(county="建德市", indicator=LISTED, year=2025, value=1)])
    analysed(root, 2025)
    inputs = analyse.load_inputs(root / "processed", root / "config", 2025)
    listed = next(i for i, ind in inputs.catalogue.indicators.items() if ind.name_zh == LISTED)
    return {"root": root, "inputs": inputs, "tables": analyse.read_tables(inputs), "listed": listed}


def _row(frame, listed):
    return frame.set_index(["entity", "indicator_id"]).loc[("jiande", listed)]


def test_the_tables_hold_a_change_per_year(from_zero):
    trends = _row(from_zero["tables"][paths.TRENDS_CSV], from_zero["listed"])
    assert trends["sdg_growth_method"] == RATE_ABSOLUTE
    assert trends["observed_growth_since_base"] == pytest.approx(0.2)
    outlook = _row(from_zero["tables"][paths.OUTLOOK_CSV], from_zero["listed"])
    assert outlook["growth_method"] == RATE_ABSOLUTE and outlook["achieved_growth_last_period"] == pytest.approx(0.2)


@pytest.mark.parametrize("lang, per_year", [("zh", "/年"), ("en", "/yr")])
def test_the_results_workbook_shows_a_change_per_year_not_a_percentage(from_zero, tmp_path, lang, per_year):
    path = write_results(from_zero["inputs"], from_zero["tables"], tmp_path / "results.xlsx", lang)
    book = openpyxl.load_workbook(path)
    w = words(lang)
    shown = {}
    for sheet, columns in (("outlook", ("achieved_growth_last_period",)),
                           ("progress", ("observed_growth_since_base",))):
        ws = book[w(f"workbook.sheets.{sheet}")]
        ids = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}      # (the hidden row of column ids)
        row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, ids["indicator_id"]).value == from_zero["listed"]
                   and ws.cell(r, ids["entity"]).value == "jiande")
        for column in columns:
            cell = ws.cell(row, ids[column])
            shown[column] = (cell.value, cell.number_format)
    for column, (value, number_format) in shown.items():
        assert value == pytest.approx(0.2), column
        assert "%" not in number_format and number_format.endswith(f'"{per_year}"'), (column, number_format)


@pytest.mark.parametrize("lang, shown", [("zh", "0.2/年"), ("en", "0.2/yr")])
def test_the_notebook_views_show_a_change_per_year_not_a_percentage(from_zero, lang, shown):
    headers = words(lang).table("views.headers")
    plan = views.plan_view(from_zero["tables"][paths.TRENDS_CSV], lang).data
    outlook = views.outlook_view(from_zero["tables"][paths.OUTLOOK_CSV], lang).data
    trends = from_zero["tables"][paths.TRENDS_CSV].reset_index(drop=True)
    at = trends.index[(trends["entity"] == "jiande") & (trends["indicator_id"] == from_zero["listed"])][0]
    assert plan[headers["growth_since_base"]].iloc[at] == shown
    out = from_zero["tables"][paths.OUTLOOK_CSV].reset_index(drop=True)
    at = out.index[(out["entity"] == "jiande") & (out["indicator_id"] == from_zero["listed"])][0]
    assert outlook[headers["growth_last_period"]].iloc[at] == shown
    assert "20.0%" not in {plan[headers["growth_since_base"]].iloc[at], outlook[headers["growth_last_period"]].iloc[at]}


def test_the_dumbbell_states_a_provincial_total_without_an_exponent(from_zero):
    """A province's head count given in 人 (16,500,000): main wrote it '1.65e+07'."""
    tables = from_zero["tables"]
    progress, comparison = tables[paths.TRENDS_CSV].copy(), tables[paths.COMPARISON_CSV].copy()
    totals = comparison[(comparison["comparison"] == "county_vs_province") & (comparison["measure"] == "total")]
    assert len(totals), "no provincial total in the data"
    comparison.loc[comparison["indicator_id"] == totals["indicator_id"].iloc[0], "other_value"] = 16_500_000.0
    figures.use_chinese_style()
    figure = figures.dumbbell(progress, comparison)
    said = [t.get_text() for t in figure.findobj(lambda o: hasattr(o, "get_text")) if "省目标" in t.get_text()]
    assert said and all("e+" not in t for t in said), said
    assert any(t.startswith("省目标16,500,000") for t in said), said


def test_a_cumulative_sum_is_written_without_exponents():
    """A cumulative target (〔〕) against five yearly actuals in 人: main wrote the sum '1.5e+06 + 2e+06 + …'."""
    plan = load_sources().plans_of("jiande")[0]        # 十四五, 2020 → 2025
    actuals = {2021: 1_500_000.0, 2022: 2_000_000.0, 2023: 1_200_000.0, 2024: 1_250_000.0, 2025: 1_300_000.0}
    observed = [{"year": y, "value": v, "kind": "actual"} for y, v in actuals.items()]
    target = {"year": 2025, "value": 7_000_000.0, "comparator": "=", "cumulative": True}
    out = plan_judgement(observed, target, plan, 2025, "higher", measure="count")
    said = notes_text(out["evaluation_notes"], words("zh"), "evaluation_notes")
    assert "1,500,000 + 2,000,000 + 1,200,000 + 1,250,000 + 1,300,000 = 7,250,000" in said, said
    assert "e+" not in said
