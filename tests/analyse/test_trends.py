"""The statsmodels fits against synthetic series with known growth and noise."""
import numpy as np
import pytest

from helpers.analyse import trends


def _series(growth, noise, n, seed=0, start=10.0):
    rng = np.random.default_rng(seed)
    years = np.arange(2015, 2015 + n)
    values = start * (1 + growth) ** (years - 2015) * np.exp(rng.normal(0, noise, n))
    return list(years), list(values)


def test_recovers_a_known_growth_rate():
    years, values = _series(0.08, 0.01, 8)
    fit = trends.fit_trend(years, values, 2025)
    assert fit.method == trends.LOG and fit.n_obs == 8
    assert fit.annual_growth == pytest.approx(0.08, abs=0.01)
    assert fit.lower < 10 * 1.08 ** 10 < fit.upper


def test_interval_covers_the_truth_about_95_percent_of_the_time():
    truth = 10 * 1.05 ** 10
    covered = 0
    for seed in range(200):
        years, values = _series(0.05, 0.05, 6, seed=seed)
        fit = trends.fit_trend(years, values, 2025)
        # the truth for a new observation includes noise
        rng = np.random.default_rng(10_000 + seed)
        covered += fit.lower <= truth * np.exp(rng.normal(0, 0.05)) <= fit.upper
    assert 0.90 <= covered / 200 <= 0.99


def test_probability_of_meeting_the_target():
    years, values = _series(0.08, 0.01, 6)
    easy = trends.fit_trend(years, values, 2025, target=15)     # projection ≈ 21.6
    hard = trends.fit_trend(years, values, 2025, target=40)
    assert easy.probability_meets_target > 0.99 and hard.probability_meets_target < 0.01
    lower_better = trends.fit_trend(years, values, 2025, target=40, direction="lower")
    assert lower_better.probability_meets_target > 0.99


def test_two_points_give_the_exact_line_and_no_interval():
    fit = trends.fit_trend([2015, 2020], [10.3 / 1.484, 10.3], 2025)
    assert fit.method == trends.EXACT and not fit.has_interval
    assert fit.probability_meets_target is None
    assert fit.projection == pytest.approx(10.3 * 1.484)       # the same growth for five more years
    assert fit.annual_growth == pytest.approx(1.484 ** 0.2 - 1)
    assert fit.note == {"code": "exact_line"}                  # said "… so no interval is shown"


def test_one_point_gives_no_trend():
    assert trends.fit_trend([2020], [5.0], 2025).method == trends.NONE


def test_shares_use_a_bounded_logit_fit():
    years = list(range(2015, 2021))
    values = [80, 85, 89, 92, 94, 95.5]                          # closing in on 100%
    fit = trends.fit_trend(years, values, 2025, bounded=True, target=98)
    assert fit.method == trends.LOGIT
    assert fit.projection < 100 and fit.upper < 100              # a log-linear fit would pass 100%
    assert trends.fit_trend(years, values, 2025).projection > 100


def test_zero_values_are_not_fitted():
    fit = trends.fit_trend([2015, 2020, 2021], [0, 1, 2], 2025)
    assert fit.method == trends.NOT_FITTABLE


def test_the_80_percent_interval_is_statsmodels_own():
    # computed from the same prediction error instead of a second summary_frame call: it must be the same
    import statsmodels.api as sm
    years, values = _series(0.06, 0.03, 7, seed=3)
    fit = trends.fit_trend(years, values, 2030)
    model = sm.OLS(np.log(values), sm.add_constant(np.array(years, dtype=float))).fit()
    frame = model.get_prediction(np.array([[1.0, 2030.0]])).summary_frame(alpha=0.2)
    assert fit.lower_narrow == pytest.approx(float(np.exp(frame["obs_ci_lower"].iloc[0])))
    assert fit.upper_narrow == pytest.approx(float(np.exp(frame["obs_ci_upper"].iloc[0])))
    assert fit.lower < fit.lower_narrow < fit.projection < fit.upper_narrow < fit.upper


def test_a_steep_two_point_projection_is_marked_unreliable():
    # 0.2 → 0.3272 in a year is 63.6% a year; carried five years on, 0.3272 · 1.636^5 = 3.83: a runaway that the
    # tables keep (marked) and no figure draws as a forecast.
    fit = trends.fit_trend([2024, 2025], [0.2, 0.3272], 2030)
    assert fit.projection == pytest.approx(0.3272 * 1.636 ** 5)
    assert fit.caution == trends.TWO_POINTS and not fit.reliable


def test_a_projection_far_from_the_series_own_growth_is_marked_unreliable():
    # 100 → 60 over 2020–2025 is log(0.6) / 5 = −0.102 a year; the fitted line (through the five points near 100
    # and the one at 60) lies above 60 in 2030 and climbs from the last actual: more than 0.10 a year apart.
    steady = trends.fit_trend(list(range(2020, 2026)), [100, 105, 110, 116, 121, 127], 2030)
    assert steady.caution is None and steady.reliable
    broken = trends.fit_trend(list(range(2020, 2026)), [100, 105, 110, 116, 121, 60], 2030)
    ahead = (np.log(broken.projection) - np.log(60)) / 5
    assert ahead - np.log(0.6) / 5 > trends.RUNAWAY_MARGIN
    assert broken.caution == trends.OUTSIDE_HISTORY and not broken.reliable
