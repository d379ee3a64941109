"""Plan periods: which plan a year belongs to, and periods named in a document but not configured.

The periods themselves are data (config/sources.yaml: `plan_period`, file-level and per plan). Two rules
are code, and both are written here:

1. **Which plan a report year evaluates**, per county:
   - the plan whose period holds the year: base year < year ≤ target year (so the target year itself
     still gives the final evaluation, 终期评估, of the plan that ends there);
   - a year at or before the first plan's base year: the first plan (its base year: nothing to judge yet);
   - a year after a plan's target year where a later plan exists: the later plan;
   - a year after the last plan's target year: the last plan (its final evaluation stands).

2. **A period name the config does not list** (a 十四五 plan speaks of 十三五; a 十五五 plan of 十四五) is
   placed by arithmetic from a configured five-year period: 十n五 is the n-th five-year plan; period n+1
   starts where period n ends, and a five-year plan lasts five years. So with 十四五 = 2020→2025 configured,
   十三五 = 2015→2020, 十五五 = 2025→2030, 十二五 = 2010→2015. Names that are not 十n五 (n = 1…9) are
   only known when configured.

3. **A county's next plan** (the one it drafts once a plan has ended: next_plan) comes from that county alone:
   its own next configured plan, else the next in the five-year sequence after its own plan that ended (十五五,
   2025→2030, after 十四五; a plan that is not 十n五 is followed by one of its own length, unnamed), moved on
   while over by the report year (十六五 in 2030). Never from another county's configuration: 桐庐's 2035远景
   (2025→2035) is not 建德's next plan after its 十四五 (redteam15 finding 1).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

# (FIVE_YEARS, FIVE_YEAR_NAME, plan_number, plan_name: kept in helpers.core.config, which checks each configured
# period by them; helpers.extract.prose reads FIVE_YEAR_NAME here)
from helpers.core.config import (  # noqa: F401
    FIVE_YEAR_NAME,
    FIVE_YEARS,
    Plan,
    PlanPeriod,
    Sources,
    plan_name,
    plan_number,
)

# (here, not in helpers.core.formatting, which imports pandas: reading the configuration, as every step and
# `python -m helpers resolve` do, needs the periods and not pandas)
# Years from-to, one form in each language: 一字线 in Chinese (GB/T 15834: 2021—2025年), an en dash in English
# (2021–2025). The wording files join year placeholders with the same dash (tests/report/test_wording.py checks).
YEAR_DASH = {"zh": "—", "en": "–"}


def years(first: int, last: int, lang: str) -> str:
    """Years from-to as the language writes them: 2021—2025 in Chinese, 2021–2025 in English; one year alone when
    they are the same (the sum of a cumulative target's actuals in its first year: 2026, never 2026–2026)."""
    return str(first) if first == last else f"{first}{YEAR_DASH[lang]}{last}"


# Where a report year stands in the plan it evaluates.
BEFORE = "before_base_year"
BASE = "base_year"
IN_PERIOD = "in_period"
TARGET_YEAR = "target_year"
AFTER = "after_target"
PHASES = (BEFORE, BASE, IN_PERIOD, TARGET_YEAR, AFTER)
# The final evaluation (终期评估) of a plan: at its target year, and after it while no later plan is configured
# (rule 1 above keeps evaluating the last plan). Met or missed is judged then, on the target year's actual.
FINAL_PHASES = (TARGET_YEAR, AFTER)


def period_years(period: PlanPeriod, lang: str) -> str:
    """The years a period covers (the base year is the year before it starts), as the language writes years
    from-to (years): 2021—2025 / 2021–2025."""
    return years(period.base_year + 1, period.target_year, lang)


def period_label(period: PlanPeriod, lang: str) -> str:
    """A period as a reader sees it: 十五五 in Chinese; in English the 15th Five-Year Plan (by its number),
    or the plan for its years when the name is not a five-year plan's. A period without a name (next_period after
    a plan that is not 十n五) is said by its years: 2026—2028年 / the 2026–2028 plan (the wording puts "the" before
    it: "Drafting the 2026–2028 plan"), never "nan" (an empty name read back from a CSV as missing)."""
    name = period.name if isinstance(period.name, str) else ""
    if not name:
        return f"{period_years(period, lang)}年" if lang == "zh" else f"{period_years(period, lang)} plan"
    if lang == "zh":
        return name
    number = plan_number(name)
    if number is None:
        return name if name.isascii() else f"{period_years(period, lang)} plan"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} Five-Year Plan"


def resolve_period(name: str, configured: Iterable[PlanPeriod]) -> PlanPeriod | None:
    """The years of a period by name: the configured one, else by arithmetic from the nearest configured
    five-year period (rule 2 above)."""
    configured = list(configured)
    for period in configured:
        if period.name == name:
            return period
    number = plan_number(name)
    anchors = [(plan_number(p.name), p) for p in configured if plan_number(p.name) is not None]
    if number is None or not anchors:
        return None
    k, anchor = min(anchors, key=lambda a: abs(a[0] - number))
    if number > k:
        base = anchor.target_year + FIVE_YEARS * (number - k - 1)
    else:
        base = anchor.base_year - FIVE_YEARS * (k - number)
    return PlanPeriod(name, base, base + FIVE_YEARS)


def known_periods(configured: Iterable[PlanPeriod]) -> list[PlanPeriod]:
    """The configured periods and every five-year period placed from them by rule 2, earliest first."""
    configured = list(configured)
    found = {p.name: p for p in configured}
    for number in range(11, 20):
        name = plan_name(number)
        if name not in found:
            period = resolve_period(name, configured)
            if period is not None:
                found[name] = period
    return sorted(found.values(), key=lambda p: p.base_year)


def plan_covering_year(year: int, configured: Iterable[PlanPeriod]) -> PlanPeriod | None:
    """The known period that holds the year (base year < year ≤ target year)."""
    return next((p for p in known_periods(configured) if p.base_year < year <= p.target_year), None)


def next_period(period: PlanPeriod) -> PlanPeriod:
    """The period after this one in the standard sequence (rule 3): 十(n+1)五 after 十n五, five years on; a period
    whose name is not a five-year plan's is followed by one of the same length, without a name."""
    number = plan_number(period.name)
    if number is not None and plan_name(number + 1):
        return resolve_period(plan_name(number + 1), [period])
    return PlanPeriod("", period.target_year, 2 * period.target_year - period.base_year)


def next_plan(plans: list[Plan], ended: Plan, year: int) -> tuple[Plan | None, PlanPeriod]:
    """A county's next plan after `ended` (rule 3), as at report year `year`: its own next configured plan and
    that plan's period, else (None, the period placed by next_period after `ended`, moved on while over by `year`:
    in 2030 a county whose last plan is its 十四五 drafts the 十六五, to 2035, never a plan for years already
    past). `plans`: that county's alone, earliest first."""
    following = next((p for p in plans if p.period.base_year >= ended.period.target_year), None)
    if following is not None:
        return following, following.period
    period = next_period(ended.period)
    while period.target_year <= year:
        period = next_period(period)
    return None, period


def evaluated_plan(plans: list[Plan], year: int) -> Plan:
    """The plan a report year evaluates (rule 1 above). `plans`: one county's, earliest first."""
    if not plans:
        raise ValueError("a county without a plan has nothing to evaluate")
    for plan in plans:
        if plan.period.base_year < year <= plan.period.target_year:
            return plan
    later = [p for p in plans if p.period.base_year >= year]
    return later[0] if later else plans[-1]


def phase(period: PlanPeriod, year: int) -> str:
    """Where a year stands in a period: before or at its base year, in the period, its target year, after."""
    if year < period.base_year:
        return BEFORE
    if year == period.base_year:
        return BASE
    if year < period.target_year:
        return IN_PERIOD
    return TARGET_YEAR if year == period.target_year else AFTER


def plan_covering(plans: list[Plan], year: int) -> Plan | None:
    """The plan whose period holds the year (base year < year ≤ target year), if any."""
    return next((p for p in plans if p.period.base_year < year <= p.period.target_year), None)


def ended_plan(plans: list[Plan], year: int) -> Plan | None:
    """The latest plan that has reached its target year by `year` (the one whose successor is drafted)."""
    ended = [p for p in plans if p.period.target_year <= year]
    return ended[-1] if ended else None


def as_read(sources: Sources, rows: Iterable[tuple[str, str]]) -> Sources:
    """The sources with each plan's period as the data step read it: an entry without `plan_period` takes the period
    its document's title names (helpers.extract.plan_period), which the processed indicators keep in their `plan`
    column (the period's name, for every row read from the plan's document). `rows`: (source_file, plan) of the
    processed indicators. The name's years are the configured period's, else placed by arithmetic (rule 2), as the
    data step placed them. Every step after the data step reads the plans so (the run, the analysis, the report)."""
    named: dict[str, set[str]] = {}
    for file, name in rows:
        if isinstance(name, str) and name:
            named.setdefault(PurePath(str(file)).name, set()).add(name)
    periods = {}
    for plan in sources.plans:
        names = named.get(PurePath(plan.file).name, set())
        if plan.period_given or len(names) != 1 or plan.period.name in names:
            continue
        period = resolve_period(next(iter(names)), sources.periods())
        if period is not None:
            periods[plan.file] = period
    return sources.with_periods(periods, {f: "its document's title, as the data step read it" for f in periods})
