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


def test_a_figure_before_the_plan_is_the_start_only_where_none_is_nearer_its_start():
    from helpers.analyse.progress import growth_start
    prose, base, y21, y23 = _f(2015, 6.94), _f(2020, 10.3), _f(2021, 10.0), _f(2023, 9.5)
    assert growth_start([prose, base, y21, y23], y23, 2020) is base
    assert growth_start([prose, y21, y23], y23, 2020) is prose          # no 2020 figure: the latest before it
    assert growth_start([_f(2018, 9.0), _f(2019, 9.5), y23], y23, 2020)["year"] == 2019
    assert growth_start([y21, y23], y23, 2020) is y21                     # nothing up to 2020: the earliest
    assert growth_start([prose, base], base, 2020) is prose              # at the base year: 2015 → 2020, as before
    assert growth_start([y23], y23, 2020) is None
