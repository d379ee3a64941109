"""Growth rates and progress towards a target, after the Eurostat / Open SDG method.

    historical growth  a = (x_t / x_0) ** (1 / (t - t_0)) - 1        what was achieved
    required growth    r = (X / x_t) ** (1 / (T - t)) - 1            what the target needs from now on
    progress ratio     R = a / r

R is a ratio of signed rates, so it works for both directions: for a "lower is better"
indicator both rates are negative when things go the right way, and R is again positive.

    R >= on_track                          on track
    needs_acceleration <= R < on_track     needs acceleration
    limited_progress <= R < needs_accel.   limited progress
    R < limited_progress                   moving away
    plus "target already met" and "not assessable" (with the reason). The thresholds are Open SDG's, kept in
    config/method.yaml (`progress:`), where the reports' method notes read them too.

At (or after) the target year there is nothing left to require: the target is met or missed (终期评估), judged
on the target year's actual with its comparator, and the category says which.

Zero values: a growth rate from or to 0 is undefined. Then both rates are taken as absolute
changes per year (units per year) and R is their ratio; the method column says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from helpers.core.formatting import LOWER_BOUNDS, is_bound, places_beside
from helpers.core.method import method_parameters
from helpers.core.wording import words

ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
LIMITED_PROGRESS = "limited_progress"
MOVING_AWAY = "moving_away"
TARGET_MET = "target_met"
TARGET_MISSED = "target_missed"     # the target year's actual does not meet the target (终期评估)
NOT_ASSESSABLE = "not_assessable"

# In display order, best first.
CATEGORIES = [TARGET_MET, ON_TRACK, NEEDS_ACCELERATION, LIMITED_PROGRESS, MOVING_AWAY, TARGET_MISSED,
              NOT_ASSESSABLE]


def category_label(category: str, lang: str) -> str:
    """A progress category as the reader sees it (the words are in helpers/core/wording/)."""
    return words(lang)(f"categories.{category}")


ONE_OBSERVATION = "one_observation"   # a progress reason: no earlier value to measure growth from

RATE_CAGR = "compound annual growth rate"
RATE_ABSOLUTE = "absolute change per year (a value is 0, so growth rates are undefined)"


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate from start to end over `years` years. Both values must be > 0."""
    if years <= 0:
        raise ValueError("the period must be at least one year")
    if start <= 0 or end <= 0:
        raise ValueError("a growth rate needs positive values")
    return (end / start) ** (1 / years) - 1


def absolute_change(start: float, end: float, years: float) -> float:
    """Change per year, in the indicator's units."""
    if years <= 0:
        raise ValueError("the period must be at least one year")
    return (end - start) / years


STRICT = (">", "<")    # a target that must be passed, not only reached: 突破20 (> 20), 低于5 (< 5)


def required_growth_comparator(comparator: str) -> str:
    """How the growth a target requires bounds the growth that meets it: more than it for a '>' target, less than
    it (a fall steeper than it) for a '<' target, at least it otherwise."""
    return comparator if comparator in STRICT else ">="


def target_met(latest: float, target: float, comparator: str, direction: str) -> bool:
    """Whether the latest value already satisfies the target in the indicator's direction (a '>' or '<' target
    must be passed: 20 does not meet 突破20). A bound is on the side the direction calls better (the data step
    refuses ≤20 where more is better): ≤20 is met by 18 and not by 22 where less is better."""
    if direction == "higher":
        return latest > target if comparator in STRICT else latest >= target
    return latest < target if comparator in STRICT else latest <= target


def bound_meets_target(value: float, value_comparator: str, target: float, comparator: str,
                       direction: str) -> bool | None:
    """Whether an actual that may be a bound meets the target: True when every figure the bound allows meets it,
    False when none does, None when the bound cannot tell (>19.9 against 20: 19.95 misses it, 25 meets it).
    An exact actual (value_comparator '=') is target_met's. >20 against 20 is met; >=19.5 against 20 cannot be told;
    <19 against 20 is missed (where more is better); mirrored for indicators where less is better."""
    if not is_bound(value_comparator):
        return target_met(value, target, comparator, direction)
    # Where less is better, the same question on the negated figures: met means at or above -target.
    sign = 1 if direction == "higher" else -1
    v, t = sign * value, sign * target
    upward = (value_comparator in LOWER_BOUNDS) == (sign == 1)     # the bound's figures lie above v
    open_bound = value_comparator in STRICT                 # v itself is not among them
    strict = comparator in STRICT                           # the target must be passed: t does not meet it
    if upward:   # figures above v: all meet 'at least t' when v >= t (v == t: unless v is among them and t is not)
        return True if v > t or (v == t and (open_bound or not strict)) else None
    # figures below v: none meets it when v < t (v == t: when v is not among them, or t does not meet it)
    return False if v < t or (v == t and (open_bound or strict)) else None


def target_meets_target(target: float, comparator: str, other: float, other_comparator: str,
                        direction: str) -> bool:
    """Whether a target asks at least what another asks (a county's target against the province's): every figure
    that meets it meets the other too. A target's figures lie on the side its direction calls better, so it is set
    against the other as a bound there (bound_meets_target): ≥35 or 35 against >35 is not enough (35 meets the one,
    not the other), >35 against >35 is; where less is better, 5 against <5 is not, <5 against <5 is. A 左右 target
    (≈, read as its figure) and a target to hold are thresholds like any other, as the final evaluation judges them
    (target_met). Never "cannot tell": a target that allows a figure the other does not is not enough."""
    strict = comparator in STRICT
    bound = ((">" if strict else ">=") if direction == "higher" else ("<" if strict else "<="))
    return bound_meets_target(target, bound, other, other_comparator, direction) is True


def lies_above(value_comparator: str) -> bool:
    """Whether the figures a bound allows lie above it (>19.9, ≥19.5) rather than below it (<5, ≤5)."""
    return value_comparator in LOWER_BOUNDS


def sum_comparator(comparators) -> str | None:
    """The comparator of a sum whose terms may be bounds (a 〔〕 target's yearly actuals): '=' when every term is a
    figure; a lower bound when every bounded term is one (15.5 + >16 is >31.5; '>' when any bound is strict, else
    '>='), an upper bound likewise; None when lower and upper bounds meet (15 + >16 + <17: the sum may be anything)."""
    bounds = [c for c in comparators if is_bound(c)]
    if not bounds:
        return "="
    if all(map(lies_above, bounds)):
        return ">" if ">" in bounds else ">="
    if not any(map(lies_above, bounds)):
        return "<" if "<" in bounds else "<="
    return None


def category_for_ratio(ratio: float) -> str:
    thresholds = method_parameters()
    if ratio >= thresholds.on_track:
        return ON_TRACK
    if ratio >= thresholds.needs_acceleration:
        return NEEDS_ACCELERATION
    if ratio >= thresholds.limited_progress:
        return LIMITED_PROGRESS
    return MOVING_AWAY


RATIO_PLACES = 2    # R as printed: 0.95


def ratio_places(ratio, places: int = RATIO_PLACES) -> int:
    """The places R is printed with beside its category (helpers.core.formatting.places_beside), by the thresholds
    of config/method.yaml: 0.9476 is 0.95 at two places, the line of on track, where 0.9476 needs acceleration:
    three places, 0.948."""
    return places_beside((ratio,), category_for_ratio, places)


@dataclass(frozen=True)
class Progress:
    historical_rate: float | None
    required_rate: float | None
    rate_method: str
    ratio: float | None
    category: str
    # Why, as a code and its values ({"code": "one_observation"}), never a sentence: each reader words it in
    # its own language (wording progress_notes.<code>).
    reason: dict | None = None


def assess_progress(baseline_year: int | None, baseline: float | None, latest_year: int | None,
                    latest: float | None, target_year: int | None, target: float | None,
                    comparator: str, direction: str, achieved_to: float | None = None) -> Progress:
    """Historical and required growth and the progress category for one county and indicator. `achieved_to`: the
    figure of the latest year the growth achieved is measured to, where it is not the latest actual judged (the
    baseline's own source gives its own figure for that year: helpers.analyse.progress.own_source_end)."""
    if latest is None or latest_year is None:
        return Progress(None, None, "", None, NOT_ASSESSABLE, {"code": "no_actual"})
    if target is None or target_year is None:
        return Progress(None, None, "", None, NOT_ASSESSABLE, {"code": "no_target"})

    end = latest if achieved_to is None else achieved_to
    zero = (latest <= 0 or end <= 0 or target <= 0 or (baseline is not None and baseline <= 0))
    method = RATE_ABSOLUTE if zero else RATE_CAGR
    rate = absolute_change if zero else cagr
    historical = None
    if baseline is not None and baseline_year is not None and baseline_year < latest_year:
        historical = rate(baseline, end, latest_year - baseline_year)
    if target_year <= latest_year:
        return _final(historical, method, latest_year, latest, target_year, target, comparator, direction)
    required = rate(latest, target, target_year - latest_year)

    if target_met(latest, target, comparator, direction):
        return Progress(historical, required, method, None, TARGET_MET,
                        {"code": "already_met", "latest": latest, "value_comparator": "=", "target": target,
                         "target_comparator": comparator})
    if historical is None:
        return Progress(None, required, method, None, NOT_ASSESSABLE, {"code": ONE_OBSERVATION})
    if required == 0:  # only possible for a '>' or '<' target whose latest value equals it
        return Progress(historical, required, method, None, NOT_ASSESSABLE, {"code": "unstated_excess"})
    ratio = historical / required
    return Progress(historical, required, method, ratio, category_for_ratio(ratio),
                    {"code": "ratio_cagr" if method == RATE_CAGR else "ratio_absolute", "historical": historical,
                     "required": required, "ratio": ratio, "places": ratio_places(ratio)})


def _final(historical, method, latest_year, latest, target_year, target, comparator, direction) -> Progress:
    """At or after the target year: met or missed, on the latest actual (the caller passes the target year's
    own actual when there is one)."""
    met = target_met(latest, target, comparator, direction)
    return Progress(historical, None, method, None, TARGET_MET if met else TARGET_MISSED,
                    {"code": "final_met" if met else "final_missed", "year": latest_year, "value": latest,
                     "value_comparator": "=", "target_year": target_year, "target": target,
                     "target_comparator": comparator})
