"""The growth achieved (已实现增速) and the trend are measured from the plan's base year where there is a figure for
it; a figure from before the plan (a prose baseline) only where nothing nearer the plan's start is known
(redteam11, lesser: a series that has fallen since the plan began read as +4.0% a year, and its trend rose through
four falling points, both anchored on the 2015 figure derived from the prose).

建德's plan: 人才资源总量 10.3万 in 2020 (base), 14万 by 2025; its prose gives 2015 as 10.3 ÷ 1.484 = 6.94. The
workbook: 10.0 (2021), 9.8 (2022), 9.5 (2023); report year 2023. By hand:
- growth achieved 2020 → 2023: (9.5 ÷ 10.3)^(1/3) − 1 = 0.92233^(1/3) − 1 = −2.66% a year
  (from 2015, as before: (9.5 ÷ 6.94)^(1/8) − 1 = +4.0%);
- growth required 2023 → 2025: (14 ÷ 9.5)^(1/2) − 1 = 1.21395 − 1 = 21.4%;
- ratio −2.66 ÷ 21.4 = −0.124 < 0: moving away (before: 4.0 ÷ 21.4 = 0.19, limited progress);
- trend: log-linear OLS on 2020–2023. ln 10.3, ln 10.0, ln 9.8, ln 9.5 = 2.33214, 2.30259, 2.28238, 2.25129,
  mean 2.29210; years centred on 2021.5 (−1.5, −0.5, 0.5, 1.5, Σx² = 5): slope = (1.5 × (2.25129 − 2.33214) +
  0.5 × (2.28238 − 2.30259)) ÷ 5 = −0.026276; 2025 is 3.5 from the centre: exp(2.29210 − 3.5 × 0.026276) =
  exp(2.20013) = 9.026 (before, from 2015: 11.4).
Flat at 10.3 (2021–2023): growth 0.0% (before: (10.3 ÷ 6.94)^(1/8) − 1 = +5.1%)."""

import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse import growth
from helpers.core import paths
from helpers.core.config import PlanPeriod
from helpers.extract import dataset
from support.workbooks import one_sheet_workbook


def _trends(root, values: dict[int, float]):
    copy_of_project(root)
    one_sheet_workbook(root, [["建德市", "人才资源总量", "万人", year, value, None, "统计年报", None]
                              for year, value in values.items()])
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", max(values), "jiande")
    p = analyse.read_tables(analyse.load_inputs(root / "processed", root / "config", max(values), "jiande"))
    t = p[paths.TRENDS_CSV]
    return t[t["indicator_id"] == "talent_total"].iloc[0]


def test_a_series_fallen_since_the_base_year_shows_a_fall(tmp_path):
    r = _trends(tmp_path, {2021: 10.0, 2022: 9.8, 2023: 9.5})
    assert (r["baseline_year"], r["baseline_value"]) == (2020, 10.3)
    assert r["historical_growth"] == pytest.approx((9.5 / 10.3) ** (1 / 3) - 1) and r["historical_growth"] < -0.026
    assert r["required_growth"] == pytest.approx((14 / 9.5) ** 0.5 - 1)
    assert r["progress_ratio"] == pytest.approx(-0.1243, abs=1e-3)
    assert r["progress_category"] == growth.MOVING_AWAY
    assert r["trend_n_obs"] == 4
    assert r["trend_projection"] == pytest.approx(9.026, abs=1e-3) and r["trend_slope"] < 0
    assert r["verdict"] == "behind"     # (9.5 − 10.3) ÷ 3.7 = −21.6% against 60%: unchanged


def test_a_flat_series_shows_no_growth(tmp_path):
    r = _trends(tmp_path, {2021: 10.3, 2022: 10.3, 2023: 10.3})
    assert r["baseline_year"] == 2020 and r["historical_growth"] == pytest.approx(0.0, abs=1e-12)
    assert r["trend_projection"] == pytest.approx(10.3)


def _f(year, value):
    return {"year": year, "value": value}


P14, P15 = PlanPeriod("十四五", 2020, 2025), PlanPeriod("十五五", 2025, 2030)


def test_a_figure_before_the_plan_is_the_start_only_where_none_is_nearer_its_start():
    from helpers.analyse.progress import growth_start
    prose, base, y21, y23 = _f(2015, 6.94), _f(2020, 10.3), _f(2021, 10.0), _f(2023, 9.5)
    assert growth_start([prose, base, y21, y23], y23, P14) is base
    assert growth_start([prose, y21, y23], y23, P14) is prose          # no 2020 figure: the latest before it
    assert growth_start([_f(2018, 9.0), _f(2019, 9.5), y23], y23, P14)["year"] == 2019
    assert growth_start([y21, y23], y23, P14) is y21                     # nothing up to 2020: the earliest
    assert growth_start([prose, base], base, P14) is prose              # at the base year: 2015 → 2020, as before
    assert growth_start([y23], y23, P14) is None


def test_before_the_plans_years_the_growth_achieved_is_the_previous_periods_never_one_years_change():
    """redteam13 finding 3: at the base year the start was the year before (2019 → 2020), one year's change."""
    from helpers.analyse.progress import growth_start
    yearly = [_f(2016, 7.6), _f(2017, 8.3), _f(2018, 9.0), _f(2019, 10.0)]
    prose, base = _f(2015, 6.94), _f(2020, 10.3)
    # 十四五 in 2020: 2015 → 2020, from 2015's figure, else the earliest after it (main: 2019 in both)
    assert growth_start([prose, *yearly, base], base, P14) is prose
    assert growth_start([*yearly, base], base, P14)["year"] == 2016
    # the 2020 figure not yet in (latest 2019): still from the period's start, 2015 (main: 2018)
    assert growth_start([prose, *yearly], yearly[-1], P14) is prose
    # 十五五 in 2025: 2020 → 2025 (main: 2024)
    t = [_f(y, v) for y, v in ((2019, 10.5), (2020, 11.0), (2021, 11.5), (2022, 12.0), (2023, 13.0),
                               (2024, 14.0), (2025, 14.6))]
    assert growth_start(t, t[-1], P15)["year"] == 2020
    assert growth_start(t[2:], t[-1], P15)["year"] == 2021              # no 2020: the earliest after it
    # nothing in 2015–2019: the latest figure before 2015 (main: the same, 2012 → 2020)
    assert growth_start([_f(2010, 6.0), _f(2012, 6.5), base], base, P14)["year"] == 2012
    # a report year before the plan's base (2015, 十四五): the period holding 2015 is 2010 → 2015 (main: 2014)
    y15 = _f(2015, 6.94)
    assert growth_start([_f(2010, 5.0), _f(2012, 5.5), _f(2014, 6.5), y15], y15, P14)["year"] == 2010
    assert growth_start([_f(2014, 6.5), y15], y15, P14)["year"] == 2014  # the only figure of that period
    assert growth_start([y15], y15, P14) is None


def _jiande_with_2016_to_2019(root, *more):
    """A copy of the project with a workbook of 建德's 人才资源总量 2016–2019, and `more` rows (name, unit, year,
    value); the dataset built."""
    copy_of_project(root)
    one_sheet_workbook(root, [["建德市", name, unit, year, value, None, "统计年报", None]
                              for name, unit, year, value in (*(("人才资源总量", "万人", y, v) for y, v in
                                                               ((2016, 7.6), (2017, 8.3), (2018, 9.0), (2019, 10.0))),
                                                              *more)],
                       name="建德2016-2019.xlsx")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")


def test_jiande_at_its_base_year_with_yearly_figures_measures_2015_to_2020(tmp_path):
    """redteam13 finding 3, end to end: 建德 in 2020 (十四五's base year) with a workbook of 2016–2019 人才资源总量
    (7.6, 8.3, 9.0, 10.0). By hand, over the previous period from the prose 2015 (10.3 ÷ 1.484 = 6.9407):
    - growth achieved (10.3 ÷ 6.9407)^(1/5) − 1 = 1.484^(0.2) − 1 = exp(0.394738 ÷ 5) − 1 = 8.215%;
    - growth required (14 ÷ 10.3)^(1/5) − 1 = exp(0.306913 ÷ 5) − 1 = 6.331%;
    - ratio 8.215 ÷ 6.331 = 1.298: on track (进度正常); the fit on the 6 figures 2015–2020.
    Main measured 2019 → 2020: 10.3 ÷ 10.0 − 1 = 3.0%, ratio 0.47, and the brief said 进展有限."""
    from helpers.report.chapters.summary import _headline_growth
    from support import tonglu
    _jiande_with_2016_to_2019(tmp_path)
    ctx = tonglu.report_context(tmp_path, 2020, entities="jiande")
    r = ctx.progress[ctx.progress["indicator_id"] == "talent_total"].iloc[0]
    assert (r["plan_phase"], r["baseline_year"], r["latest_year"]) == ("base_year", 2015, 2020)
    assert r["baseline_value"] == pytest.approx(6.9407, abs=1e-4)
    assert r["historical_growth"] == pytest.approx(0.08215, abs=1e-5)
    assert r["required_growth"] == pytest.approx(0.06331, abs=1e-5)
    assert r["progress_ratio"] == pytest.approx(1.298, abs=1e-3)
    assert r["progress_category"] == growth.ON_TRACK
    assert r["trend_n_obs"] == 6
    assert _headline_growth(ctx)[0] == ("建德市人才资源总量2020年为10.3万人，实现2025年14万人的目标需年均增长6.3%，"
                                        "低于2015—2020年实际的8.2%，判断为“进度正常”。")


def test_an_ended_plan_with_no_figure_after_its_base_fits_the_outlook_on_the_period_before(tmp_path):
    """In 2025 (十四五 ended), 建德's 人才资源总量 has no figure after 2020 (only 党政人才 has a 2025 one): trends.csv
    and the outlook fit 2015–2020, 6 figures, one line (HEAD before: 2019 and 2020, 2 figures, slope ln(10.3 ÷ 10)
    = 0.0296). By hand, ln of 6.9407, 7.6, 8.3, 9.0, 10.0, 10.3 = 1.93742, 2.02815, 2.11626, 2.19722, 2.30259,
    2.33214; years centred on 2017.5 (Σx² = 17.5): slope = (2.5 × 0.39472 + 1.5 × 0.27444 + 0.5 × 0.08096) ÷ 17.5
    = 1.43894 ÷ 17.5 = 0.08223 a year."""
    _jiande_with_2016_to_2019(tmp_path, ("党政人才", "万人", 2025, 0.28))
    analyse.build_tables(tmp_path / "processed", tmp_path / "config", 2025, "jiande")
    p = analyse.read_tables(analyse.load_inputs(tmp_path / "processed", tmp_path / "config", 2025, "jiande"))
    trend = p[paths.TRENDS_CSV].set_index("indicator_id").loc["talent_total"]
    outlook = p[paths.OUTLOOK_CSV].set_index("indicator_id").loc["talent_total"]
    assert (trend["baseline_year"], trend["latest_year"]) == (2015, 2020)
    assert outlook["trend_n_obs"] == trend["trend_n_obs"] == 6
    assert outlook["trend_slope"] == pytest.approx(0.08223, abs=1e-5)
    assert trend["trend_slope"] == pytest.approx(0.08223, abs=1e-5)
