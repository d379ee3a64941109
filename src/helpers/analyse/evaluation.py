"""Judging a county's indicator against its plan, the way planning offices and Open SDG do.

Per county, indicator and plan (base year t0 with value x0, target year T with target X, and the value x
judged in year t: the latest actual up to the report year, or at the final evaluation the target year's):

    完成进度  progress share    (x − x0) ÷ (X − x0)          how much of the planned change is done
    序时进度  schedule share    (t − t0) ÷ (T − t0)          how much of the period has passed
    judgement                  快于 / 符合 / 慢于序时进度   progress share against schedule share, ± the tolerance
    保持      hold target      X = x0: no change is planned; judged held (x meets X) or not held
              (a 〔〕 cap where less is better is one: the sum or change, 0 at the base year, is to stay within X)

    终期评估  at T: met or not met (the comparator respected: '>' must be exceeded, '≥' may equal);
              完成率 completion rate = x ÷ X (higher is better) or X ÷ x (lower is better), so that above
              100% always means better than the target; the gap x − X in the indicator's unit.

    Open SDG (sdg-build ProgressMeasure.methodology_2): observed growth from the base year to the value
    judged, against the growth the target requires from the base year:
              observed  o = (x / x0) ** (1 / (t − t0)) − 1
              required  r = (X / x0) ** (1 / (T − t0)) − 1
              ratio     R = d · o / |r|          d = +1 higher is better, −1 lower is better
    with Open SDG's thresholds (substantial, moderate, limited, deterioration: here on track, needs
    acceleration, limited progress, moving away; their values are in config/method.yaml) and 'target achieved'
    first. As in sdg-build, a missing base-year value is replaced by the next year with one. Two departures, both
    stated in the row: a value of 0 makes the growth rates undefined, so absolute changes per year are used
    (sdg-build substitutes 0.001, which makes R depend on that constant); and the target's comparator is
    respected ('>' must be exceeded), where sdg-build treats every target as '≥'.
"""
from __future__ import annotations

from dataclasses import dataclass

from helpers.analyse.growth import (
    NOT_ASSESSABLE,
    RATE_ABSOLUTE,
    RATE_CAGR,
    STRICT,
    TARGET_MET,
    absolute_change,
    cagr,
    category_for_ratio,
    ratio_places,
    target_met,
)
from helpers.core.config import SUMMED_MEASURES  # noqa: F401 (a 〔〕 target by measure: ev.SUMMED_MEASURES)
from helpers.core.formatting import percent, places_beside
from helpers.core.method import method_parameters

# A 完成率 above this (the figure more than 100 times its target, 10,000%) is no verdict but a unit or a figure
# read wrong (a plan's unitless 20 read as 20 人 against 190,000 人 gave 950000.0%): the analysis stops at the
# two figures (progress.check_completion_rate). A real plan's target is not met a hundred times over.
MAX_COMPLETION_RATE = 100.0

AHEAD = "ahead"
ON_SCHEDULE = "on_schedule"
BEHIND = "behind"
HELD = "held"
NOT_HELD = "not_held"
JUDGEMENTS = (AHEAD, ON_SCHEDULE, BEHIND, HELD, NOT_HELD)


def progress_share(base: float, value: float, target: float) -> float | None:
    """完成进度: the share of the planned change achieved; None for a hold target (no change planned)."""
    if target == base:
        return None
    return (value - base) / (target - base)


def schedule_share(year: int, base_year: int, target_year: int) -> float:
    """序时进度: the share of the plan period that has passed by `year`."""
    return (year - base_year) / (target_year - base_year)


def schedule_judgement(progress: float, schedule: float, tolerance: float | None = None) -> str:
    """快于 / 符合 / 慢于序时进度: the tolerance or more ahead, less than it either way, or it or more behind. The
    tolerance is config/method.yaml's `schedule_tolerance_points` (5 points: 0.05), which says why."""
    if tolerance is None:
        tolerance = method_parameters().schedule_tolerance
    lead = round(progress - schedule, 9)   # so that 0.55 against 0.6 is exactly 5 points, not 4.999…
    if lead >= tolerance:
        return AHEAD
    if lead <= -tolerance:
        return BEHIND
    return ON_SCHEDULE


# The places of the figures printed beside a judgement (helpers.core.formatting.places_beside: the usual, or more
# where the usual would cross the line the judgement rests on), for every reader: the report, the brief, the notes'
# sentences, the notebooks and the results workbook.
RATE_PLACES, SHARE_PLACES = 1, 1     # 99.9%, 55.0%: of the percentage (R: growth.ratio_places, 0.95)


def share_places(progress, schedule, places: int = SHARE_PLACES) -> int:
    """完成进度 and 序时进度 shown together beside 快于 / 符合 / 慢于序时进度: 55.04% against 60% is 符合 (4.96 points
    behind), at one place 55.0% against 60.0%, 5 points, reads 慢于: two places, 55.04% against 60.00%."""
    return places_beside((progress, schedule), schedule_judgement, places, percent=True)


def rate_places(rate, places: int = RATE_PLACES) -> int:
    """完成率 beside met or missed, 100% the target reached: 2.799 of 2.8 (99.964%) is 100.0% at one place, 99.96% at
    two."""
    return places_beside((rate,), lambda r: r >= 1, places, percent=True)


def shown_shares(progress, schedule, missing: str = "—") -> tuple[str, str]:
    """完成进度 and 序时进度 as printed beside the judgement (share_places)."""
    places = share_places(progress, schedule)
    return percent(progress, missing, places=places), percent(schedule, missing, places=places)


def province_ratio_places(ratio, direction: str, places: int = RATE_PLACES, percent: bool = True) -> int:
    """A county's figure as a share of the province's target, beside whether it meets it (comparison.csv
    target_ratio beside target_meets_province): 100% the line, a lower-is-better figure on the meeting side at or
    under it. 34.986 against 35 (99.96%) is 100.0% at one place, beside 否: 99.96% at two."""
    return places_beside((ratio,), (lambda r: r <= 1) if direction == "lower" else (lambda r: r >= 1), places,
                         percent=percent)


def shown_province_ratio(ratio, direction: str, missing: str = "—") -> str:
    """The share of the province's target as printed beside 是/否 (province_ratio_places)."""
    return percent(ratio, missing, places=province_ratio_places(ratio, direction))


def shown_rate(rate, missing: str = "—") -> str:
    """完成率 as printed beside met or missed (rate_places)."""
    return percent(rate, missing, places=rate_places(rate))


def shown_ratio(ratio, missing: str = "—") -> str:
    """R as printed beside its category (ratio_places)."""
    return missing if ratio is None or ratio != ratio else f"{ratio:.{ratio_places(ratio)}f}"


def schedule_judgement_on_bound(progress: float, above: bool, schedule: float) -> str | None:
    """序时进度 judged on a 完成进度 that is only a bound (the value judged is one: >12.9): the judgement every share
    the bound allows gives, or None. Shares above the bound are all ahead when the bound itself is ahead (and may be
    anything otherwise); shares below it are all behind when the bound is behind."""
    at_bound = schedule_judgement(progress, schedule)
    return at_bound if at_bound == (AHEAD if above else BEHIND) else None


def is_hold_target(base: float, target: float, comparator: str, direction: str) -> bool:
    """保持: the base value already meets the target, so the plan asks to keep it: the target is the base value
    itself, or a floor below it or a cap above it (保持在30%以上 at 35, 控制在6以内 at 5.9). The period then judges held
    or not held; a share of the way (完成进度) would be negative for a target already met, and read as behind.
    '>' a base value asks for growth, so it is not a hold."""
    return target_met(base, target, comparator, direction)


def is_cumulative_cap(target: float, comparator: str, direction: str) -> bool:
    """Whether a 〔〕 target is a cap: less is better and nothing added (a sum or a change of 0) already meets it:
    〔7000〕 new ones at most. It asks that the sum (or a level's change since the base year) stay within it, so it is
    a target to hold, as a level's cap above its base is (控制在6以内 at 5.9): held or not held in the period, never a
    share of the way (9,000 against 〔7000〕 is past the cap, not 129% done)."""
    return direction == "lower" and is_hold_target(0.0, target, comparator, direction)


def completion_rate(value: float, target: float, direction: str) -> float | None:
    """完成率, direction-aware: above 1 is better than the target for either direction."""
    if direction == "higher":
        return None if target == 0 else value / target
    return None if value == 0 else target / value


@dataclass(frozen=True)
class SdgProgress:
    base_year: int | None
    observed_growth: float | None
    required_growth: float | None
    method: str
    ratio: float | None
    category: str
    note: dict | None = None    # a code of sdg_notes and its values


def sdg_progress(observations: list[tuple[int, float]], base_year: int, current_year: int, current: float,
                 target_year: int, target: float, comparator: str, direction: str) -> SdgProgress:
    """sdg-build's methodology_2 for one series (observations: (year, value), the value judged included)."""
    later = sorted((y, v) for y, v in observations if base_year <= y <= current_year)
    if not later:
        return SdgProgress(None, None, None, "", None, NOT_ASSESSABLE, {"code": "no_value_from_base"})
    year0, base = later[0]
    note = None if year0 == base_year else {"code": "base_moved", "base_year": base_year, "year": year0}
    achieved = target_met(current, target, comparator, direction)
    if current_year - year0 < 1:
        # achieved: the status whatever the growth (as below); else why it cannot be assessed
        return SdgProgress(year0, None, None, "", None, TARGET_MET if achieved else NOT_ASSESSABLE,
                           note if achieved else {"code": "one_point"})
    zero = base <= 0 or current <= 0 or target <= 0
    method, rate = (RATE_ABSOLUTE, absolute_change) if zero else (RATE_CAGR, cagr)
    observed = rate(base, current, current_year - year0)
    required = rate(base, target, target_year - year0)
    ratio = None if required == 0 else (1 if direction == "higher" else -1) * observed / abs(required)
    if achieved:   # as in sdg-build: an achieved target is the status, whatever the ratio
        return SdgProgress(year0, observed, required, method, ratio, TARGET_MET, note)
    if ratio is None:
        return SdgProgress(year0, observed, required, method, None, NOT_ASSESSABLE,   # (>0.3 from 0.3: no hold)
                           {"code": "strict_on_base" if comparator in STRICT else "held"})
    return SdgProgress(year0, observed, required, method, ratio, category_for_ratio(ratio), note)
