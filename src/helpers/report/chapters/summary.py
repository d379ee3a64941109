"""The headline judgements that open both documents: 5 to 8 sentences generated from the data, never written
by hand. Led by the plan cycle: at a final evaluation what was met and missed (N of M per county), in the period
完成进度 against 序时进度, after a plan's end what the next plan's targets ask of the trend.

The sentences' words are in helpers/core/wording (summary.*); here only which facts they state.
"""
from __future__ import annotations

import json

from helpers.analyse.evaluation import AHEAD, BEHIND, HELD, JUDGEMENTS, NOT_HELD, ON_SCHEDULE, schedule_share
from helpers.analyse.growth import NOT_ASSESSABLE, RATE_CAGR, TARGET_MET, TARGET_MISSED
from helpers.analyse.outlook import CLEAR_BREAK, row_period
from helpers.analyse.progress import VERDICTS, note_codes, target_counts
from helpers.core.config import PlanPeriod
from helpers.core.formatting import is_bound, percent
from helpers.core.periods import FINAL_PHASES, IN_PERIOD, period_label, period_years
from helpers.report.blocks import MAX_SENTENCES, MIN_SENTENCES, judgement_label, target_text, value_text  # noqa: F401 (tests read MIN_SENTENCES here)
from helpers.report.context import ReportContext, plan_target_rows

# A final evaluation's sentence names at most this many missed targets: a county that missed 19 had a sentence of
# 280 characters (805 in English) naming them all. Beyond it: the worst, binding first (as the misses table
# orders them), and how many in all; the table lists every one.
MAX_NAMED_MISSES = 6


def executive_summary(ctx: ReportContext, document: str = "report") -> list[str]:
    """The sentences in order: the plan cycle's lead, coverage, headline growth, progress counts, the hardest
    targets, against the province, data quality, comparability.

    The brief keeps what a leader reads it for: how each county did (or stands), what the targets ask, and
    where it stands against the province. Matters for analysts (the plans' prose against their tables,
    comparability) stay in the report. At a final evaluation the brief judges the target year's actuals only:
    no growth or progress judged on another year, and the province compared on those actuals."""
    final = _all_final(ctx)
    sentences = lead_sentences(ctx)
    if document == "brief":
        # One judgement per cell: in the period the lead sentences judge against 序时进度, as the scorecard
        # does; growth achieved against required is the judgement only at a base year.
        if not (ctx.progress["plan_phase"].isin(FINAL_PHASES) | ctx.progress["schedule_judgement"].notna()).any():
            sentences += _headline_growth(ctx)
        if not final:
            sentences += [s for s in (_hardest_targets(ctx),) if s]
        sentences += [s for s in (_province(ctx, final),) if s]
        return sentences[:MAX_SENTENCES]
    sentences += [_coverage(ctx)]
    sentences += _headline_growth(ctx)
    sentences.append(_progress_counts(ctx))
    sentences += [s for s in (_hardest_targets(ctx), _below_province(ctx)) if s]
    sentences.append(_data_quality(ctx))
    sentences.append(_comparability(ctx))
    return sentences[:MAX_SENTENCES]


def _all_final(ctx: ReportContext) -> bool:
    """Every county's evaluated plan is at (or past) its target year: a final evaluation."""
    return bool(len(ctx.progress)) and ctx.progress["plan_phase"].isin(FINAL_PHASES).all()


def _province(ctx: ReportContext, final: bool) -> str:
    """Once the provincial targets' year has actuals (a final evaluation, or the first years of a plan the
    province has set no targets for yet): those actuals against the province; before, the targets."""
    return _actuals_against_province(ctx) or ("" if final else _below_province(ctx))


def _actuals_against_province(ctx: ReportContext) -> str:
    """How many of each county's actuals of the provincial targets' year reach those targets."""
    c = ctx.comparison
    rows = c[(c["comparison"] == "county_vs_province") & (c["basis"] == "gap and ratio")]
    if "latest_meets_province" not in rows or rows.empty:
        return ""
    rows = rows[rows["latest_meets_province"].notna() & (rows["latest_year"] == rows["other_year"])]
    if rows.empty:
        return ""
    meets = rows["latest_meets_province"].astype(bool)
    if ctx.many:
        per_county = [(ctx.t("summary.all_counties"), int(meets.sum()), len(rows))]
    else:
        per_county = [(ctx.entity_name(e), int(meets[rows["entity"] == e].sum()), int((rows["entity"] == e).sum()))
                      for e in ctx.inputs.entities if (rows["entity"] == e).any()]
    parts = ctx.t("summary.below_sep").join(ctx.t("summary.actuals_part", county=n, meets=m, total=t)
                                            for n, m, t in per_county)
    return ctx.t("summary.actuals", year=int(rows["latest_year"].max()), parts=parts)


def _coverage(ctx: ReportContext) -> str:
    p = ctx.progress
    province = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    names = (ctx.t("report.many_entities", n=len(ctx.inputs.entities)) if ctx.many
             else ctx.names(ctx.entity_name(e) for e in ctx.inputs.entities))
    return ctx.t("summary.coverage", names=names, n_ind=p["indicator_id"].nunique(),
                 with_prov=province["indicator_id"].nunique(), **province_year(ctx, province))


def _headline_growth(ctx: ReportContext) -> list[str]:
    """For each county, its first assessable indicator in catalogue order: growth required against achieved.
    With many counties, one sentence about the first indicator assessable across them."""
    p = ctx.progress
    # Growth required against growth achieved, where that is the year's verdict: never at a final evaluation
    # (what counts is the target year's actual), nor where 序时进度 judges the period (the lead sentences say it).
    assessable = p[p["progress_ratio"].notna() & (p["growth_method"] == RATE_CAGR)
                   & ~p["plan_phase"].isin(FINAL_PHASES) & (p["verdict"] == p["progress_category"])]
    if ctx.many:
        if assessable.empty:
            return []
        ind_id = assessable["indicator_id"].iloc[0]
        rows = assessable[assessable["indicator_id"] == ind_id]
        # growth in the better direction: a fall where less is better
        sign = better_sign(ctx.inputs.catalogue.indicators[ind_id].direction)
        required, achieved = rows["required_growth"] * sign, rows["historical_growth"] * sign
        return [ctx.t("summary.headline_many" if sign > 0 else "summary.headline_many_fall", n=len(rows),
                      indicator=ctx.indicator_name(ind_id), required=percent(required.median()),
                      achieved=percent(achieved.median()), behind=int((required > achieved).sum()))]
    out = []
    for entity in ctx.inputs.entities:
        rows = assessable[assessable["entity"] == entity]
        if rows.empty:
            continue
        r = rows.iloc[0]
        if r["direction"] != "higher":
            out.append(_headline_fall(ctx, r))
            continue
        out.append(ctx.t("summary.headline", county=ctx.entity_name(entity),
                         indicator=ctx.indicator_name(r["indicator_id"]),
                         latest_year=int(r["latest_year"]), latest=figure(ctx, r, "latest"),
                         unit=ctx.w.unit_after(r["unit"]),
                         target_year=int(r["target_year"]), target=figure(ctx, r, "target"),
                         required=percent(r["required_growth"]), achieved=percent(r["historical_growth"]),
                         faster=ctx.t("summary.faster" if r["required_growth"] > r["historical_growth"]
                                      else "summary.slower"),
                         baseline_year=int(r["baseline_year"]), label=judgement_label(ctx, r["verdict"])))
    return out


def _headline_fall(ctx: ReportContext, r) -> str:
    """The headline where less is better: the fall a year the target needs, and the change achieved (a fall, or a
    rise: away from the target), each said as what it is, never as a negative growth."""
    achieved = r["historical_growth"]
    return ctx.t("summary.headline_fall", county=ctx.entity_name(r["entity"]),
                 indicator=ctx.indicator_name(r["indicator_id"]),
                 latest_year=int(r["latest_year"]), latest=figure(ctx, r, "latest"), unit=ctx.w.unit_after(r["unit"]),
                 target_year=int(r["target_year"]), target=figure(ctx, r, "target"),
                 required=percent(-r["required_growth"]),
                 achieved=ctx.t("summary.change_fall" if achieved <= 0 else "summary.change_rise",
                                rate=percent(abs(achieved))),
                 baseline_year=int(r["baseline_year"]), label=judgement_label(ctx, r["verdict"]))


def _progress_counts(ctx: ReportContext) -> str:
    p = ctx.progress
    counts = p["verdict"].value_counts()
    final = p["plan_phase"].isin(FINAL_PHASES)
    not_assessable = int(counts.get(NOT_ASSESSABLE, 0))
    parts = [ctx.t("summary.count_item", label=judgement_label(ctx, code, final[p["verdict"] == code].all()),
                   n=int(counts[code]))
             for code in VERDICTS if code != NOT_ASSESSABLE and counts.get(code, 0)]
    # a single year of actuals (at a final evaluation the notes say why the evaluation waits instead)
    one_obs = int(((p["verdict"] == NOT_ASSESSABLE) & (p["trend_n_obs"] == 1)).sum())
    return ctx.t("summary.progress_counts", total=len(p), assessable=len(p) - not_assessable,
                 detail=ctx.names(parts) or ctx.t("summary.none"), not_assessable=not_assessable, one_obs=one_obs)


def _hardest_targets(ctx: ReportContext) -> str:
    """The two targets that ask the most change a year in the indicator's better direction (a rise where more is
    better, a fall where less is better), among those not yet reached (progress_category target_met: a target
    already reached asks for nothing, though its 'required growth' may be positive where less is better)."""
    p = ctx.progress
    rows = p[(p["growth_method"] == RATE_CAGR) & p["required_growth"].notna() & ~p["plan_phase"].isin(FINAL_PHASES)
             & (p["progress_category"] != TARGET_MET)]
    rows = rows.assign(better=rows["required_growth"] * rows["direction"].map(better_sign))
    rows = rows[rows["better"] > 0].sort_values("better", ascending=False, kind="stable").head(2)
    if rows.empty:
        return ""
    items = [ctx.t("summary.hardest_rise" if r.direction == "higher" else "summary.hardest_fall",
                   county=ctx.entity_name(r.entity), indicator=ctx.indicator_in_sentence(r.indicator_id),
                   rate=percent(r.better)) for r in rows.itertuples()]
    return ctx.t("summary.hardest", items=ctx.t("report.item_sep").join(items))


def better_sign(direction: str) -> int:
    """+1 where more is better, -1 where less is better: a change times it is positive when it is for the better."""
    return 1 if direction == "higher" else -1


def _below_province(ctx: ReportContext) -> str:
    c = ctx.comparison
    rows = c[(c["comparison"] == "county_vs_province") & (c["basis"] == "gap and ratio")]
    if "target_meets_province" not in rows or rows.empty:
        return ""
    rows = rows[rows["target_meets_province"].notna()]
    if rows.empty:
        return ""
    below = rows[rows["target_meets_province"] == False]  # noqa: E712
    if ctx.many:
        per_county = [(ctx.t("summary.all_counties"), len(below), len(rows))]
    else:
        per_county = [(ctx.entity_name(e), int((below["entity"] == e).sum()), int((rows["entity"] == e).sum()))
                      for e in ctx.inputs.entities if (rows["entity"] == e).any()]
    parts = ctx.t("summary.below_sep").join(ctx.t("summary.below_part", county=n, below=b, total=t) for n, b,
                                            t in per_county)
    # how far short of the province each target is, as a ratio in the better direction (6 against 5 where less is
    # better: 5/6), smallest first
    sign = below["indicator_id"].map(lambda i: better_sign(ctx.inputs.catalogue.indicators[i].direction))
    gap = below.assign(rel=(below["target_value"] / below["other_value"]) ** sign).sort_values("rel").head(1)
    gap_text = ""
    if len(gap):
        g = gap.iloc[0]
        gap_text = _about_row(ctx, "summary.below_gap", g, ctx.indicator_in_sentence(g["indicator_id"]),
                              target=figure(ctx, g, "target"), province=figure(ctx, g, "other"))
    return ctx.t("summary.below", parts=parts, gap=gap_text, **province_year(ctx, rows))


def figure(ctx: ReportContext, row, name: str) -> str:
    """A row's `name`_value with its `name`_comparator, as every table writes it: a target >120 is never said as 120 in
    a sentence (redteam5 R5-04). The latest actual as an actual (blocks.value_text: a bound rounded toward itself);
    the others (a county's target, the province's, a plan's figure) as targets (blocks.target_text). A plan's 左右
    (≈) is said as the figure, as the dataset reads it."""
    comparator = row.get(f"{name}_comparator")
    write = value_text if name == "latest" else target_text
    return write(ctx, row[f"{name}_value"], {"≈": "="}.get(comparator, comparator))


def province_year(ctx: ReportContext, rows) -> dict:
    """{target_year} for a sentence about the provincial targets: their year (a county under a new plan is set
    against them on the plan that ended: helpers.analyse.comparison.province_plan), not the report's plan's."""
    years = rows["other_year"].dropna() if "other_year" in rows else []
    return {"target_year": int(max(years))} if len(years) else {}


def _about_row(ctx: ReportContext, key: str, row, indicator: str, **values) -> str:
    """The sentence at `key` about one row of a table: its county, indicator and unit, and `values`."""
    return ctx.t(key, county=ctx.entity_name(row["entity"]), indicator=indicator, unit=ctx.w.unit_after(row["unit"]),
                 **values)


def _data_quality(ctx: ReportContext) -> str:
    dis = ctx.checks[ctx.checks["status"] == "disagree"]
    values = dis[dis["check"] == "value"]
    example = ""
    if len(values):
        v = values.iloc[0]
        example = _about_row(ctx, "summary.data_quality_example", v, ctx.indicator_name(v["indicator_id"]),
                             prose=figure(ctx, v, "prose"), table=figure(ctx, v, "table"))
    return ctx.t("summary.data_quality", n=len(dis), n_values=len(values), example=example)


def _comparability(ctx: ReportContext) -> str:
    c = ctx.comparison
    cc = c[c["comparison"] != "county_vs_province"]
    caveats = cc[cc["comparability"] == "caveat"]["indicator_id"].nunique()
    nc = cc[cc["comparability"] == "not_comparable"].drop_duplicates(["indicator_id", "other_indicator_id"])
    example = (ctx.t("summary.comparability_example", a=ctx.indicator_name(nc.iloc[0]["indicator_id"]),
                     b=ctx.indicator_name(nc.iloc[0]["other_indicator_id"])) if len(nc) else "")
    return ctx.t("summary.comparability", caveats=caveats, n=len(nc), example=example)


def lead_sentences(ctx: ReportContext) -> list[str]:
    """The summary's first sentences: at a final evaluation what was met and missed (N of M per county); in
    the period, 完成进度 against 序时进度; after a plan ended, what the next plan's targets ask of the trend."""
    p = ctx.progress
    out = []
    phases = p.groupby("entity", sort=False)["plan_phase"].first()
    final = [e for e, ph in phases.items() if ph in FINAL_PHASES]
    in_period = [e for e, ph in phases.items() if ph == IN_PERIOD]
    out += _final_sentences(ctx, final)
    out += _no_target_sentences(ctx)
    out += [s for s in (_ended_plan_sentence(ctx),) if s]
    out += _schedule_sentences(ctx, in_period)
    out += _milestone_sentences(ctx, in_period)
    out += _outlook_sentences(ctx)
    out += _since_ended_sentences(ctx)
    return out


def _no_target_sentences(ctx: ReportContext) -> list[str]:
    """A county whose evaluated plan writes every target of its table "/" (no number): nothing can be judged, in any
    year, and without this sentence the summary said nothing of it (redteam8: the brief's 摘要 heading stood empty
    for 桐庐's five '/' targets). With many counties, how many."""
    p = ctx.progress
    slash = plan_target_rows(ctx, with_value=False)
    counties = [(e, len(g)) for e, g in p.groupby("entity", sort=False)
                if g["target_value"].isna().all() and all((e, i) in slash for i in g["indicator_id"])]
    if not counties:
        return []
    if ctx.many:
        return [ctx.t("summary.no_targets_many", n=len(counties))]
    out = []
    for entity, n in counties:
        period = ctx.inputs.plan_of(entity).period
        out.append(ctx.t("summary.no_targets", county=ctx.entity_name(entity), period=period_label(period, ctx.lang),
                         years=period_years(period, ctx.lang), n=n))
    return out


def _since_ended_sentences(ctx: ReportContext) -> list[str]:
    """After a plan's end, while the next plan has no targets: how many of each county's actuals of the report
    year kept the pace of the plan that ended, slowed, or fell back (helpers.report.chapters.outlook); one sentence
    for each plan that ended (counties whose plans ended in different years are each set against their own)."""
    from helpers.report.chapters.outlook import since_ended
    return [_since_ended_sentence(ctx, rows, words) for rows, words in since_ended(ctx) if not rows.empty]


def _since_ended_sentence(ctx: ReportContext, rows, words: dict) -> str:
    from helpers.analyse.outlook import FELL_BACK, KEPT_PACE, SLOWED
    groups = [(ctx.t("summary.counties", n=rows["entity"].nunique()), rows)] if ctx.many else \
        [(ctx.entity_name(e), rows[rows["entity"] == e]) for e in ctx.inputs.entities if (rows["entity"] == e).any()]
    parts = []
    for county, g in groups:
        pace = g["pace_since_ended"].value_counts()
        parts.append(ctx.t("summary.since_part", county=county, n=len(g), kept=int(pace.get(KEPT_PACE, 0)),
                           slowed=int(pace.get(SLOWED, 0)), fell=int(pace.get(FELL_BACK, 0))))
    return ctx.t("summary.since", parts=ctx.t("summary.below_sep").join(parts), **words)


def _unjudged_with_actual(p, entity: str, target_year: int) -> int:
    """The county's targets not judged at its final evaluation though the target year's actual is in, nor only a
    bound (target_counts' `bounded`): the base year's figure is missing, or another reason the notes give."""
    rows = p[(p["entity"] == entity) & p["target_value"].notna() & p["plan_phase"].isin(FINAL_PHASES)
             & (p["verdict"] == NOT_ASSESSABLE) & p["latest_year"].eq(target_year).fillna(False).astype(bool)]
    bounded = rows["evaluated_comparator"].map(is_bound) & rows["evaluated_year"].eq(target_year).fillna(False)
    return int((~bounded.astype(bool)).sum())


def _final_sentences(ctx: ReportContext, entities: list[str]) -> list[str]:
    if not entities:
        return []
    counts = target_counts(ctx.progress[ctx.progress["entity"].isin(entities)])
    if ctx.many:
        c = counts.sum(numeric_only=True)
        return [ctx.t("summary.final_many", n=len(counts), met=int(c["met"]), judged=int(c["judged"]),
                      missed=int(c["missed"]), pending=int(c["not_judged"]))
                + (ctx.t("summary.final_many_bounded", n=int(c["bounded"])) if c["bounded"] else "")]
    out = []
    p = ctx.progress
    for row in counts.itertuples():
        period = ctx.inputs.plan_of(row.entity).period
        if not row.judged and not row.bounded:
            out.append(ctx.t("summary.final_none", county=ctx.entity_name(row.entity),
                             period=period_label(period, ctx.lang), years=period_years(period, ctx.lang),
                             n=row.not_judged,
                             year=period.target_year))
            continue
        misses = p[(p["entity"] == row.entity) & (p["verdict"] == TARGET_MISSED)]
        if len(misses) > MAX_NAMED_MISSES:
            from helpers.report.chapters.plan import shortlist
            misses = shortlist(misses, "completion_rate", MAX_NAMED_MISSES, MAX_NAMED_MISSES)[0]
        # inside a sentence: 'highly skilled workers', 'R&D personnel'
        missed = [ctx.indicator_in_sentence(i) for i in misses["indicator_id"]]
        text = ctx.t("summary.final", county=ctx.entity_name(row.entity), period=period_label(period, ctx.lang),
                     years=period_years(period, ctx.lang), met=row.met, judged=row.judged, missed=row.missed)
        if missed and row.missed > len(missed):
            text += ctx.t("summary.final_missed_more", names=ctx.names(missed), more=row.missed - len(missed))
        elif missed:
            text += ctx.t("summary.final_missed", names=ctx.names(missed))
        # not judged with the target year's actual in (a 〔〕 change with no base-year figure: a plan's base column
        # its table's note ties to another year): said so, not "awaits a 2025 actual" (redteam18 finding 5)
        with_actual = _unjudged_with_actual(p, row.entity, period.target_year)
        if row.not_judged > with_actual:
            text += ctx.t("summary.final_pending", n=row.not_judged - with_actual, year=period.target_year)
        if with_actual:
            text += ctx.t("summary.final_unjudged", n=with_actual, year=period.target_year)
        if row.bounded:
            from helpers.report.chapters.plan import bounded_names
            text += ctx.t("summary.final_bounded", names=ctx.names(bounded_names(ctx, row.entity)),
                          year=period.target_year)
        out.append(text + ctx.t("summary.end"))
    return out


def _ended_plan_sentence(ctx: ReportContext) -> str:
    """Under a new plan, how the one before it ended: its final evaluation, N of M targets met per county (on
    the target year's actuals, outlook.csv ended_target_met), and where each target is: that year's brief."""
    o = ctx.outlook
    if o is None or o.empty or "ended_target_met" not in o:
        return ""
    evaluated = {e: ctx.inputs.plan_of(e).period.name for e in ctx.inputs.entities}
    rows = o[[evaluated.get(e) not in (None, ended) for e, ended in zip(o["entity"], o["ended_plan"])]]
    rows = rows[rows["ended_target_value"].notna()]
    if rows.empty:
        return ""
    first = rows.iloc[0]
    period = row_period(first, "ended")
    groups = [(ctx.t("summary.counties", n=rows["entity"].nunique()), rows)] if ctx.many else \
        [(ctx.entity_name(e), g) for e, g in rows.groupby("entity", sort=False)]
    parts = []
    for county, g in groups:
        met = g["ended_target_met"].astype("boolean")
        pending = int(met.isna().sum())
        # of the targets not judged, those whose target year has only a plan's estimate (预计): named
        estimated = int((met.isna() & g["ended_plan_estimate_only"].astype("boolean").fillna(False)).sum()) \
            if "ended_plan_estimate_only" in g else 0
        estimates = "" if not estimated else ctx.t("summary.ended_estimates_all", n=estimated) \
            if estimated == pending else ctx.t("summary.ended_estimates", n=estimated)
        if not met.notna().any():   # none judged: "5项目标尚无2025年实际值", never "0项目标中0项达标" (redteam19 10)
            parts.append(ctx.t("summary.ended_none", county=county, n=pending, year=period.target_year,
                               estimates=estimates))
            continue
        text = ctx.t("summary.ended_part", county=county, met=int(met.fillna(False).sum()),
                     judged=int(met.notna().sum()))
        if pending:
            text += ctx.t("summary.ended_pending", n=pending, year=period.target_year, estimates=estimates)
        parts.append(text)
    return ctx.t("summary.ended", period=period_label(period, ctx.lang), years=period_years(period, ctx.lang),
                 year=period.target_year, parts=ctx.t("summary.below_sep").join(parts),
                 brief=_brief_name(ctx, period.target_year), command=_brief_command(ctx, period.target_year))


def _brief_name(ctx: ReportContext, year: int) -> str:
    """The file name of the brief `make report YEAR=year` publishes for these counties, in this language."""
    from helpers.core.paths import PUBLISHED_DOCUMENT
    from helpers.run.parameters import subset_tag
    entities = list(ctx.inputs.entities)
    tag = "" if entities == list(ctx.inputs.sources.counties()) else subset_tag(entities)
    return PUBLISHED_DOCUMENT.format(document="brief", end=f"{year}_{ctx.lang}{tag}")


def _brief_command(ctx: ReportContext, year: int) -> str:
    """The command that builds that brief (_brief_name), said beside its name: the brief of a year is built only when
    asked for, and a 2026 brief pointed to a 2025 brief never built (redteam5)."""
    entities = list(ctx.inputs.entities)
    subset = "" if entities == list(ctx.inputs.sources.counties()) else f" ENTITIES={','.join(entities)}"
    return f"make report YEAR={year}{subset}" + (f" LANG={ctx.lang}" if ctx.lang != "zh" else "")


def _schedule_sentences(ctx: ReportContext, entities: list[str]) -> list[str]:
    p = ctx.progress
    out = []
    groups = [entities] if ctx.many else [[e] for e in entities]
    for group in groups:
        rows = p[p["entity"].isin(group) & p["schedule_judgement"].notna()]
        period = ctx.inputs.plan_of(group[0]).period
        if rows.empty:
            out += [s for s in (_no_actual_in_period(ctx, group, period),) if s]
            continue
        # The sentence speaks of the report year and its 序时进度; a judgement made at an earlier year's (the latest
        # actual is older: trends.csv note latest_earlier) is not one of them, and is said apart with its year
        # (redteam11: a 2021 judgement against 20% was counted among 2023's "符合" at 60%).
        year = ctx.inputs.report_year
        # (A target already met by an earlier actual is met whatever the year: counted, as the scorecard shows it.)
        earlier = rows[(rows["evaluated_year"] < year) & rows["verdict"].isin(JUDGEMENTS)]
        # the one judgement (verdict): a target already met is not also ahead
        counts = rows.drop(earlier.index)["verdict"].value_counts()
        county = ctx.t("summary.counties", n=len(group)) if ctx.many else ctx.entity_name(group[0])
        text = ctx.t("summary.schedule", county=county, period=period_label(period, ctx.lang), year=year,
                     schedule=percent(schedule_share(year, period.base_year, period.target_year)),
                     ahead=int(counts.get(AHEAD, 0)), on=int(counts.get(ON_SCHEDULE, 0)),
                     behind=int(counts.get(BEHIND, 0)))
        if counts.get(HELD, 0) or counts.get(NOT_HELD, 0):
            text += ctx.t("summary.schedule_held", held=int(counts.get(HELD, 0)), not_held=int(counts.get(NOT_HELD, 0)))
        if counts.get(TARGET_MET, 0):
            text += ctx.t("summary.schedule_met", n=int(counts[TARGET_MET]))
        # A cumulative cap a sum is already past (less is better, 〔7000〕 at 9000 by year 3) cannot be met any more:
        # said here, not left to read as one more target not held.
        past = rows[rows["evaluation_notes"].map(lambda n: "cap_sum_exceeded" in note_codes(n))]
        if len(past):
            names = [ctx.t("summary.cap_item", county=ctx.entity_name(r.entity),
                           indicator=ctx.indicator_in_sentence(r.indicator_id))
                     if ctx.many else ctx.indicator_in_sentence(r.indicator_id) for r in past.itertuples()]
            text += ctx.t("summary.cap_exceeded", names=ctx.names(names), n=len(names))
        # A cap still held but used up faster than the period allows: the year the pace so far passes it.
        pace = [(r, next(n for n in json.loads(r.evaluation_notes) if n["code"] == "cap_sum_pace"))
                for r in rows.itertuples() if "cap_sum_pace" in note_codes(r.evaluation_notes)]
        if pace:
            names = [ctx.t("summary.cap_pace_item", year=n["pass_year"], name=ctx.t(
                "summary.cap_item", county=ctx.entity_name(r.entity), indicator=ctx.indicator_in_sentence(
                    r.indicator_id)) if ctx.many else ctx.indicator_in_sentence(r.indicator_id)) for r, n in pace]
            text += ctx.t("summary.cap_pace", names=ctx.names(names), n=len(names))
        out.append(text + _earlier_judgements(ctx, earlier, year) + ctx.t("summary.end"))
    return out


def _milestone_sentences(ctx: ReportContext, entities: list[str]) -> list[str]:
    """In the period, the plan's own targets for the report year (interim milestones: a 2027年目标 column in a 十五五
    plan; trends.csv evaluation_notes milestone_met, milestone_missed, milestone_waits): how many met and missed,
    the missed ones named with their figures, one sentence a county (with many counties, one for all). Was: never
    said, the brief judging 〔3000〕 by 2027, at 2,850, only by 序时进度 against the 2030 target (redteam15)."""
    from helpers.core.periods import years as years_text
    found = []
    for r in ctx.progress[ctx.progress["entity"].isin(entities)].itertuples():
        for n in json.loads(r.evaluation_notes) if isinstance(r.evaluation_notes, str) and r.evaluation_notes else []:
            if n["code"] in ("milestone_met", "milestone_missed", "milestone_waits"):
                found.append((r, n))
    groups = [(ctx.t("summary.counties", n=len({r.entity for r, _ in found})), found)] if ctx.many else \
        [(ctx.entity_name(e), [(r, n) for r, n in found if r.entity == e]) for e in entities]
    out = []
    for county, items in groups:
        if not items:
            continue
        period = ctx.inputs.plan_of(items[0][0].entity).period
        missed = []
        for r, n in items:
            if n["code"] != "milestone_missed":
                continue
            kind = n["milestone_target"]["code"]
            target = target_text(ctx, n["target"], n["milestone_target"]["target_comparator"], r.unit)
            name = ctx.indicator_in_sentence(r.indicator_id)
            if ctx.many:
                name = ctx.t("summary.cap_item", county=ctx.entity_name(r.entity), indicator=name)
            missed.append(ctx.t(f"summary.milestone_{kind}", indicator=name, year=n["year"],
                                years=years_text(n["milestone_target"]["first"], n["year"], ctx.lang),
                                value=value_text(ctx, n["value"], None, r.unit), target=target))
        codes = [n["code"] for _, n in items]
        text = ctx.t("summary.milestones", county=county, period=period_label(period, ctx.lang),
                     year=ctx.inputs.report_year, n=len(items), met=codes.count("milestone_met"),
                     missed=codes.count("milestone_missed"), waits=codes.count("milestone_waits"))
        if missed:
            text += ctx.t("summary.milestones_missed", names=ctx.names(missed))
        out.append(text + ctx.t("summary.end"))
    return out


def _no_actual_in_period(ctx: ReportContext, group: list[str], period: PlanPeriod) -> str:
    """In the period, counties with no actual after their plan's base year (桐庐's 十五五 in 2026, its latest actual
    2025): nothing of the period is judged yet, and the sentence says so and why (redteam15: the brief said nothing,
    and its scorecard judged 进度正常 on the growth of the years before the plan)."""
    p = ctx.progress
    rows = p[p["entity"].isin(group) & p["target_value"].notna()]
    if rows.empty or not (rows["latest_year"].isna() | (rows["latest_year"] <= period.base_year)).all():
        return ""
    county = ctx.t("summary.counties", n=len(group)) if ctx.many else ctx.entity_name(group[0])
    return ctx.t("summary.no_actual_in_period", county=county, period=period_label(period, ctx.lang),
                 years=period_years(period, ctx.lang), year=ctx.inputs.report_year, base_year=period.base_year,
                 n=len(rows))


def _earlier_judgements(ctx: ReportContext, rows, year: int) -> str:
    """The judgements whose latest actual is older than the report year, apart from its counts: each named with
    the year it was judged at (with many counties, how many; the scorecard shows each one's year)."""
    if rows.empty:
        return ""
    if ctx.many:
        return ctx.t("summary.schedule_earlier_many", n=len(rows), year=year)
    items = [ctx.t("summary.schedule_earlier_item", indicator=ctx.indicator_in_sentence(r.indicator_id),
                   year=int(r.evaluated_year), judgement=judgement_label(ctx, r.verdict))
             for r in rows.itertuples()]
    return ctx.t("summary.schedule_earlier", n=len(rows), year=year, names=ctx.names(items))


def _outlook_sentences(ctx: ReportContext) -> list[str]:
    """What the next plan's targets ask of the trend, or where the trends for drafting it are: one sentence for
    counties on one plan cycle, else one for each group of counties, naming them with their own next plan."""
    from helpers.report.chapters.outlook import NEXT_PLAN, group_counties, outlook_groups, whole
    o = ctx.outlook
    if o is None or o.empty:
        return []
    groups = outlook_groups(ctx, o, NEXT_PLAN)
    named = not whole(ctx, groups)
    return [_outlook_sentence(ctx, g, group_counties(ctx, entities) if named else None) for entities, g in groups]


def _outlook_sentence(ctx: ReportContext, o, counties: str | None) -> str:
    first = o.iloc[0]
    period = period_label(row_period(first, "next"), ctx.lang)
    named = {} if counties is None else {"counties": counties}
    suffix = "" if counties is None else "_for"
    with_target = o[o["next_target_value"].notna()]
    if with_target.empty:
        return ctx.t(f"summary.outlook_drafting{suffix}", plan=ctx.next_plan(row_period(first, "next")),
                     year=int(first["next_target_year"]), **named)
    breaks = with_target[with_target["target_reading"] == CLEAR_BREAK]
    # It counts the targets set against the trend: a 〔〕 target (a five-year total) is none, and is named apart.
    targets = ctx.t("summary.outlook_targets", n=len(with_target))
    text = ctx.t(f"summary.outlook{suffix}", period=period, targets=targets, breaks=len(breaks), **named)
    if len(breaks):
        examples = [ctx.t("summary.county_indicator", county=ctx.entity_name(r.entity),
                          indicator=ctx.indicator_in_sentence(r.indicator_id)) for r in breaks.head(3).itertuples()]
        text += ctx.t("summary.outlook_examples", names=ctx.names(examples))
    totals = o[["cumulative_target" in note_codes(n) for n in o["outlook_notes"]]]
    if len(totals):
        several = totals["entity"].nunique() > 1
        names = [ctx.t("summary.county_indicator", county=ctx.entity_name(r.entity),
                       indicator=ctx.indicator_in_sentence(r.indicator_id)) if several
                 else ctx.indicator_in_sentence(r.indicator_id) for r in totals.itertuples()]
        text += ctx.t("summary.outlook_left_out", names=ctx.names(names))
    return text + ctx.t("summary.end")
