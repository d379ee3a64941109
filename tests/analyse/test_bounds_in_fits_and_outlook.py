"""A bound is not a measurement: the trend fits, the growth rates and the outlook leave an actual recorded as a bound
(a workbook's 比较符, >16.5) out, with a note naming its year and cell, and say so where too few figures remain; the
progress category on a latest actual that is a bound gives no growth rate; the reports print each with its
comparator. (issue 18, leftover 1 of the fifth closing note; the final evaluation: test_bounded_actuals)

安吉's plan: base 2020 人才资源总量 14.5 (and 2015 10.86, derived from its prose), 党政人才 0.3, 专业技术人才 3.3,
经营管理人才 5.9 万人; 2025 targets 20, 0.5, 5.1, 7.2. The workbook below; by hand:
    人才资源总量  2022 >16.5 left out: in 2023 the fit, over the plan period from its base year, has 2020, 2021,
                 2023 = 3 figures (with the bound: 4; 2015, from the prose, is before the base year's figure)
    专业技术人才  2023 ≥4.4, the latest: no growth rate, not assessable; 完成进度 ≥ (4.4 − 3.3) ÷ 1.8 = 61.1% against
                 60% may be on schedule or ahead: no 序时进度 judgement (main: 符合, 61.1%); its fit 2020–2022: 3
    党政人才      2021–2024 all bounds: in 2023 one figure (2020) remains: no trend, and the note says why (main: 4)
    经营管理人才  2025 >7.2: met at the final evaluation (every figure above 7.2 meets 7.2); in the outlook no growth
                 over 十四五 and no implied growth (each would be a bound; main: (7.2 ÷ 5.9)^(1/5) − 1 = 4.1%)
In 2025 the outlook's trend (projected to 2030) is fitted on the figures trends.csv's is: 人才资源总量 2020, 2021,
2023, 2024, 2025 = 5, one line (the same intercept and slope); main fitted 6, with the prose 2015's 10.86.
"""
import json

import pandas as pd
import pytest

from conftest import copy_of_project, resolve_run
from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET
from helpers.core import paths
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from support.workbooks import drop

WORKBOOK = "安吉2021-2025.xlsx"
ACTUALS = {"人才资源总量": [(15.5, None), (16.5, ">"), (17.5, None), (18.5, None), (19.9, None)],
           "专业技术人才": [(3.6, None), (4.0, None), (4.4, ">="), (4.7, None), (5.2, None)],
           "党政人才队伍": [(0.35, ">"), (0.4, ">"), (0.42, ">"), (0.45, ">"), (0.5, None)],
           "经营管理人才": [(6.2, None), (6.5, None), (6.8, None), (7.0, None), (7.2, ">")]}


def _project(root):
    copy_of_project(root)
    drop(root, WORKBOOK, [dict(county="安吉县", indicator=name, year=2021 + i, value=v,
                               **({"comparator": c} if c else {}))
                          for name, values in ACTUALS.items() for i, (v, c) in enumerate(values)])
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


def _tables(root, year):
    resolve_run(root / "processed", root / "config", year=year)
    analyse.build_tables(root / "processed", root / "config", year)
    read = {}
    for name in (paths.TRENDS_CSV, paths.OUTLOOK_CSV):
        frame = pd.read_csv(root / "processed" / name, keep_default_na=False, na_values=[""])
        read[name] = {r["indicator_id"]: r for r in frame[frame["entity"] == "anji"].to_dict("records")}
    return read


@pytest.fixture(scope="module")
def in_2023(tmp_path_factory):
    root = _project(tmp_path_factory.mktemp("bounds_2023"))
    return root, _tables(root, 2023)


@pytest.fixture(scope="module")
def in_2025(tmp_path_factory):
    root = _project(tmp_path_factory.mktemp("bounds_2025"))
    return root, _tables(root, 2025)


def _cell(root, indicator, year) -> str:
    """The sheet and cell the data step recorded for a workbook value (indicators.csv), as the note names them."""
    ind = pd.read_csv(root / "processed" / paths.INDICATORS_CSV, encoding="utf-8-sig")
    row = ind[(ind["entity"] == "anji") & (ind["indicator_id"] == indicator) & (ind["year"] == year)
              & (ind["origin"] == "monitoring")].iloc[0]
    return f"“{WORKBOOK}”工作表“{row['source_sheet']}”单元格{row['source_cell']}"


def _said(stored, group, lang="zh") -> str:
    return notes_text(stored, words(lang), group)


def test_a_fit_leaves_a_bound_out_and_names_its_year_and_cell(in_2023):
    root, tables = in_2023
    total = tables[paths.TRENDS_CSV]["talent_total"]
    assert total["trend_n_obs"] == 3, total
    zh = _said(total["trend_notes"], "trend_notes")
    cell = _cell(root, "talent_total", 2022)
    assert f"2022年实际值记为>16.5（{cell}），只是一个界限而非测量值，未用于趋势拟合和增速计算" in zh
    assert "the 2022 actual, recorded as more than 16.5 (" in _said(total["trend_notes"], "trend_notes", "en")


def test_a_fit_with_too_few_figures_left_says_so(in_2023):
    _, tables = in_2023
    party = tables[paths.TRENDS_CSV]["party_government_talent"]
    assert party["trend_n_obs"] == 1 and pd.isna(party["trend_projection"]), party
    codes = [n["code"] for n in json.loads(party["trend_notes"])]
    assert codes.count("bound_left_out") == 3 and codes[-1] == "too_few_without_bounds"
    assert "除去界限后只剩1个确切值，不足以拟合趋势" in _said(party["trend_notes"], "trend_notes")
    assert "without the bounds 1 exact value remains: too few for a trend" in _said(party["trend_notes"], "trend_notes",
                                                                                     "en")


def test_a_latest_actual_that_is_a_bound_gives_no_growth_and_no_schedule_judgement(in_2023):
    _, tables = in_2023
    prof = tables[paths.TRENDS_CSV]["professional_technical_talent"]
    assert prof["latest_comparator"] == ">=" and prof["evaluated_comparator"] == ">="
    assert pd.isna(prof["historical_growth"]) and pd.isna(prof["required_growth"])
    assert pd.isna(prof["progress_share"])
    assert pd.isna(prof["schedule_judgement"]) and prof["verdict"] == NOT_ASSESSABLE, prof
    assert prof["trend_n_obs"] == 3
    said = _said(prof["progress_notes"], "progress_notes")
    assert "最新实际值（2023年）记为≥4.4，只是一个界限，无法计算增速和进度" in said


def test_the_progress_table_prints_the_bound_and_why(in_2023):
    from helpers.analyse import charts
    from helpers.report.chapters.progress import progress_table_view
    from helpers.report.context import load_report_context
    root, _ = in_2023
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2023, None, "zh")
    table = progress_table_view(ctx, ctx.progress[ctx.progress["entity"] == "anji"])
    row = next([str(c) for c in r] for r in table.rows if "专业技术人才" in str(r[1]) and "比例" not in str(r[1]))
    assert "≥4.4" in row[3] and "最新实际值（2023年）记为≥4.4" in row[-1], row


def test_the_outlook_leaves_a_bound_out_of_the_growth_rates(in_2025):
    _, tables = in_2025
    business = tables[paths.OUTLOOK_CSV]["business_management_talent"]
    assert business["last_actual_comparator"] == ">" and business["last_actual_value"] == 7.2
    assert pd.isna(business["achieved_growth_last_period"]) and pd.isna(business["implied_annual_growth"])
    assert business["ended_target_met"] is True or business["ended_target_met"] == True  # noqa: E712 (CSV bool)
    codes = [n["code"] for n in json.loads(business["outlook_notes"])]
    assert "bound_left_out" in codes and "no_growth_last_period" not in codes, codes
    assert tables[paths.TRENDS_CSV]["business_management_talent"]["verdict"] == TARGET_MET


def test_the_outlook_fits_the_trend_the_progress_table_fits(in_2025):
    _, tables = in_2025
    outlook = tables[paths.OUTLOOK_CSV]["talent_total"]
    trend = tables[paths.TRENDS_CSV]["talent_total"]
    assert outlook["trend_n_obs"] == trend["trend_n_obs"] == 5, (outlook["trend_n_obs"], trend["trend_n_obs"])
    assert outlook["trend_slope"] == pytest.approx(trend["trend_slope"])
    assert outlook["trend_intercept"] == pytest.approx(trend["trend_intercept"])


def test_the_outlook_table_prints_the_last_actual_with_its_comparator(in_2025):
    from helpers.analyse import charts
    from helpers.report.chapters.outlook import outlook_section
    from helpers.report.context import load_report_context
    root, _ = in_2025
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2025, None, "zh")
    cells = [str(c) for block in outlook_section(ctx).blocks if block["kind"] == "table"
             for r in block["table"].rows if "经营管理人才" in str(r[1]) for c in r]
    assert "2025: >7.2" in cells, cells


def test_the_comparisons_take_no_gap_or_ratio_from_a_bound(in_2023):
    """专业技术人才 ≥4.4 in 2023 against the province's target and against 建德: no share, gap or ratio (each a
    bound); 人才资源总量 17.5, a figure, as before."""
    root, _ = in_2023
    comparison = pd.read_csv(root / "processed" / paths.COMPARISON_CSV, keep_default_na=False, na_values=[""])
    anji = comparison[(comparison["entity"] == "anji") | (comparison["other"] == "anji")]
    prof = anji[anji["indicator_id"] == "professional_technical_talent"]
    assert len(prof), anji
    for r in prof.to_dict("records"):
        bound = r["latest_comparator"] if r["entity"] == "anji" else r["other_comparator"]
        assert bound == ">=" and pd.isna(r.get("latest_gap")) and pd.isna(r.get("latest_ratio")), r
        assert pd.isna(r.get("latest_share_of_province")), r
    total = anji[(anji["indicator_id"] == "talent_total") & (anji["entity"] == "anji")]
    assert (total["latest_comparator"] == "=").all() and total["latest_value"].eq(17.5).all()


def test_the_county_tables_print_the_bound(in_2023):
    from helpers.analyse import charts
    from helpers.report.chapters.counties import counties_section
    from helpers.report.context import load_report_context
    root, _ = in_2023
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2023, None, "zh")
    cells = [str(c) for block in counties_section(ctx).blocks if block["kind"] == "table"
             for r in block["table"].rows if str(r[0]).startswith("专业技术人才") for c in r]
    # (建德's latest is its plan's 2020 figure, 安吉's the 2023 bound: each is printed with its year beside it)
    assert "≥4.4（2023年）" in cells and not any(c.startswith("4.4") for c in cells), cells


def test_the_trend_figures_draw_a_bound_apart_from_the_fitted_actuals(in_2023):
    """人才资源总量: the points fitted are 2015, 2020, 2021, 2023; 2022's >16.5 is drawn as a bound (▲: the figure
    lies above it), and the caption says what the hollow triangle is."""
    from helpers.analyse import charts
    from helpers.report.chapters.progress import trend_figures
    from helpers.report.context import load_report_context
    root, _ = in_2023
    charts.use_style()
    ctx = load_report_context(root / "processed", root / "config", 2023, None, "zh")
    total = ctx.progress[(ctx.progress["entity"] == "anji") & (ctx.progress["indicator_id"] == "talent_total")]
    panels = charts.progress_panels(ctx.inputs, total, "zh")
    assert panels[0]["years"] == [2015, 2020, 2021, 2023] and panels[0]["bounds"] == [(2022, 16.5, True)]
    figure = charts.trend_panels(panels)
    hollow = [c for c in figure.axes[0].collections if len(c.get_offsets()) == 1
              and tuple(c.get_offsets()[0]) == (2022, 16.5)]
    assert hollow, "the bound is not drawn"
    captions = [figure.caption for figure in trend_figures(ctx)]
    assert any("空心三角为只记为界限的实际值" in c for c in captions), captions


def test_the_notebooks_tables_print_the_bound(in_2023):
    """The analysis notebooks' tables (analyse.views): the latest actual and the value judged as '2023: ≥4.4'."""
    from helpers.analyse import views
    root, _ = in_2023
    trends = pd.read_csv(root / "processed" / paths.TRENDS_CSV, keep_default_na=False, na_values=[""])
    prof = trends[(trends["entity"] == "anji") & (trends["indicator_id"] == "professional_technical_talent")]
    shown = [str(v) for v in views.progress_view(prof, "zh").data.iloc[0]]
    planned = [str(v) for v in views.plan_view(prof, "zh").data.iloc[0]]
    assert any(v.endswith("≥4.4") for v in shown) and any(v.endswith("≥4.4") for v in planned), (shown, planned)
