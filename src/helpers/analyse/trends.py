"""Trend fits of a county's actual observations, projected to the target year.

    log(value)  ~ year   for totals, rates and counts (constant growth rate)
    logit(share) ~ year  for percentages, which cannot pass 0 or 100

With three or more observations the fit is ordinary least squares (statsmodels) and the
projection has a wide prediction interval (and a narrow one, for drafting the next plan; their levels, 95% and
80%, are in config/method.yaml), plus the
probability, under the fitted model, that the target year's value meets the target. With two
observations the line through them is exact: it is drawn, but no interval can be estimated and none
is given. With one, there is no trend.

A projection that may run away is kept in the tables but marked (`caution`) and never drawn as a forecast:
one from two points (a line through two values says nothing of how far it may be carried), and one whose growth
from the last actual to the target year lies far outside the growth the series itself showed, first observation to
last (more than RUNAWAY_MARGIN a year apart, on the fitted scale).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from helpers.analyse.growth import target_met
from helpers.core.method import method_parameters

LOG = "log-linear OLS"
LOGIT = "logit-linear OLS (bounded 0–100%)"
EXACT = "exact growth line through 2 points (no interval can be estimated)"
NONE = "no trend (fewer than 2 observations)"
NOT_FITTABLE = "no trend (a value is 0 or outside the scale's bounds)"

# Why a projection is unreliable (TrendFit.caution); None when it is not.
TWO_POINTS = "two_points"
OUTSIDE_HISTORY = "outside_history"
RUNAWAY_MARGIN = 0.10   # a year, on the log or logit scale: about 10 percentage points of growth a year
EXACT_FIT = 1e-9        # a prediction error this small (relative, fitted scale) is none: the fit is exact


@dataclass(frozen=True)
class TrendFit:
    method: str
    n_obs: int
    projection: float | None = None
    lower: float | None = None          # the wide prediction interval, only when n >= 3
    upper: float | None = None
    lower_narrow: float | None = None       # the narrow prediction interval, only when n >= 3
    upper_narrow: float | None = None
    annual_growth: float | None = None  # the fitted growth rate per year (log fits)
    probability_meets_target: float | None = None
    note: dict | None = None            # what a reader should know of the fit: a code of trend_notes and its values
    caution: str | None = None          # TWO_POINTS or OUTSIDE_HISTORY: marked, never drawn as a forecast

    # The fitted line, z = intercept + slope * year, on the scale it was fitted on (log or logit):
    # trends.csv keeps them, so that a figure draws the very line the table describes.
    scale: str | None = None
    intercept: float | None = None
    slope: float | None = None

    @property
    def reliable(self) -> bool:
        return self.projection is not None and self.caution is None

    @property
    def has_interval(self) -> bool:
        return self.lower is not None

    def curve(self, years: np.ndarray) -> np.ndarray | None:
        return fitted_curve(self.scale, self.intercept, self.slope, years)


LOG_SCALE, LOGIT_SCALE = "log", "logit"


def _transforms(bounded: bool):
    if bounded:
        return (lambda v: np.log((v / 100) / (1 - v / 100)),
                lambda z: 100 / (1 + np.exp(-z)))
    return np.log, np.exp


def fitted_curve(scale: str | None, intercept: float | None, slope: float | None, years) -> np.ndarray | None:
    """The fitted values for `years`, back on the indicator's own scale; None when there is no line."""
    if not scale or intercept is None or slope is None or math.isnan(intercept) or math.isnan(slope):
        return None
    _, back = _transforms(scale == LOGIT_SCALE)
    return back(intercept + slope * np.asarray(years, dtype=float))


def fit_trend(years: list[int], values: list[float], target_year: int, bounded: bool = False,
              target: float | None = None, comparator: str = "=", direction: str = "higher") -> TrendFit:
    """Fit the trend of (years, values) and project it to target_year."""
    pairs = sorted((int(y), float(v)) for y, v in zip(years, values) if v is not None and not math.isnan(v))
    n = len(pairs)
    if n < 2 or len({p[0] for p in pairs}) < 2:
        return TrendFit(NONE, n)
    x = np.array([p[0] for p in pairs], dtype=float)
    v = np.array([p[1] for p in pairs], dtype=float)
    if (v <= 0).any() or (bounded and (v >= 100).any()):
        return TrendFit(NOT_FITTABLE, n, note={"code": "not_fittable"})
    forward, back = _transforms(bounded)
    z = forward(v)
    method = LOGIT if bounded else LOG
    scale = LOGIT_SCALE if bounded else LOG_SCALE

    if n == 2:
        slope = (z[1] - z[0]) / (x[1] - x[0])
        intercept = z[0] - slope * x[0]
        projection = float(back(intercept + slope * target_year))
        return TrendFit(EXACT if not bounded else EXACT + ", logit scale", n, projection,
                        annual_growth=None if bounded else float(math.exp(slope) - 1),
                        note={"code": "exact_line"},
                        scale=scale, intercept=float(intercept), slope=float(slope), caution=TWO_POINTS)

    import statsmodels.api as sm  # imported here: plan data alone (1–2 points a series) never needs it
    from scipy import stats

    model = sm.OLS(z, sm.add_constant(x)).fit()
    intercept, slope = (float(p) for p in model.params)
    levels = method_parameters()
    frame = model.get_prediction(np.array([[1.0, float(target_year)]])).summary_frame(alpha=1 - levels.wide_level)
    mean = float(frame["mean"].iloc[0])
    se_obs = math.sqrt(float(frame["mean_se"].iloc[0]) ** 2 + float(model.scale))
    # The narrow interval from the same prediction error (what summary_frame(alpha=…) gives, without a second call)
    half_narrow = float(stats.t.ppf(1 - (1 - levels.narrow_level) / 2, df=model.df_resid)) * se_obs
    probability = None
    if target is not None and target > 0 and (not bounded or target < 100):
        if se_obs <= EXACT_FIT * max(1.0, abs(mean)):
            # No residual (a series that does not move, or one exactly on its line): the projection is certain,
            # and so is whether it meets the target (its value to 9 digits: 10.3, not 10.300000000001864).
            projected = float(f"{float(back(mean)):.9g}")
            probability = 1.0 if target_met(projected, target, comparator, direction) else 0.0
        else:
            t_stat = (float(forward(np.array([target]))[0]) - mean) / se_obs
            below = float(stats.t.cdf(t_stat, df=model.df_resid))
            probability = 1 - below if direction == "higher" else below
    return TrendFit(method, n, float(back(mean)), float(back(frame["obs_ci_lower"].iloc[0])),
                    float(back(frame["obs_ci_upper"].iloc[0])),
                    lower_narrow=float(back(mean - half_narrow)), upper_narrow=float(back(mean + half_narrow)),
                    annual_growth=None if bounded else float(math.exp(slope) - 1),
                    probability_meets_target=probability,
                    note={"code": "residuals", "n": n, "df": int(model.df_resid)},
                    scale=scale, intercept=intercept, slope=slope,
                    caution=OUTSIDE_HISTORY if _outside_history(x, z, target_year, mean) else None)


def _outside_history(x: np.ndarray, z: np.ndarray, target_year: int, projected: float) -> bool:
    """Whether the change per year from the last observation to the projection (fitted scale) differs by more
    than RUNAWAY_MARGIN from the series' own change per year, first observation to last."""
    if target_year <= x[-1] or x[-1] <= x[0]:
        return False
    history = (z[-1] - z[0]) / (x[-1] - x[0])
    ahead = (projected - z[-1]) / (target_year - x[-1])
    return bool(abs(ahead - history) > RUNAWAY_MARGIN)
