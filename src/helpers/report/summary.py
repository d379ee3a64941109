"""The report's headline judgements: 5 to 8 sentences generated from the data, never written by hand.

The sentences' words are in helpers/core/wording (summary.*); here only which facts they state.
"""
from __future__ import annotations

from helpers.analyse.growth import (
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION,
    NOT_ASSESSABLE,
    ON_TRACK,
    ONE_OBSERVATION,
    RATE_CAGR,
    TARGET_MET,
)
from helpers.analyse.progress import note_codes
from helpers.core.formatting import number, percent
from helpers.report.plan_cycle import lead_sentences

MIN_SENTENCES, MAX_SENTENCES = 5, 8


def executive_summary(ctx) -> list[str]:
    """Led by the plan cycle (helpers.report.plan_cycle): at a final evaluation what was met and missed, in the
    period progress against 序时进度, after a plan's end what the next targets ask of the trend."""
    sentences = lead_sentences(ctx) + [_coverage(ctx)]
    sentences += _headline_growth(ctx)
    sentences.append(_progress_counts(ctx))
    sentences += [s for s in (_hardest_targets(ctx), _below_province(ctx)) if s]
    sentences.append(_data_quality(ctx))
    sentences.append(_comparability(ctx))
    return sentences[:MAX_SENTENCES]


def _s(ctx, key: str, **values) -> str:
    """A summary sentence in the report's language, with the years and shared phrases filled in."""
    return ctx.w(f"summary.{key}", **{**ctx.years, "province_target": ctx.w("definitions.province_target"), **values})


def _coverage(ctx) -> str:
    p = ctx.progress
    with_prov = ctx.comparison.loc[ctx.comparison["comparison"] == "county_vs_province", "indicator_id"].nunique()
    names = (ctx.t("many_entities", n=len(ctx.inputs.entities)) if ctx.many
             else ctx.names(ctx.entity_name(e) for e in ctx.inputs.entities))
    return _s(ctx, "coverage", names=names, n_ind=p["indicator_id"].nunique(), with_prov=with_prov)


def _headline_growth(ctx) -> list[str]:
    """For each county, its first assessable indicator in catalogue order: growth required against achieved.
    With many counties, one sentence about the first indicator assessable across them."""
    p = ctx.progress
    assessable = p[p["progress_ratio"].notna() & (p["growth_method"] == RATE_CAGR)]
    if ctx.many:
        if assessable.empty:
            return []
        ind_id = assessable["indicator_id"].iloc[0]
        rows = assessable[assessable["indicator_id"] == ind_id]
        behind = rows[rows["required_growth"] > rows["historical_growth"]]
        return [_s(ctx, "headline_many", n=len(rows), indicator=ctx.indicator_name(ind_id),
                   required=percent(rows["required_growth"].median()),
                   achieved=percent(rows["historical_growth"].median()), behind=len(behind))]
    out = []
    for entity in ctx.inputs.entities:
        rows = assessable[assessable["entity"] == entity]
        if rows.empty:
            continue
        r = rows.iloc[0]
        out.append(_s(ctx, "headline", county=ctx.entity_name(entity), indicator=ctx.indicator_name(r["indicator_id"]),
                      latest_year=int(r["latest_year"]), latest=number(r["latest_value"]), unit=ctx.unit(r["unit"]),
                      target_year=int(r["target_year"]), target=number(r["target_value"]),
                      required=percent(r["required_growth"]), achieved=percent(r["historical_growth"]),
                      faster=ctx.w("summary.faster" if r["required_growth"] > r["historical_growth"]
                                   else "summary.slower"),
                      baseline_year=int(r["baseline_year"]), label=ctx.category_label(r["progress_category"])))
    return out


def _progress_counts(ctx) -> str:
    p = ctx.progress
    counts = p["progress_category"].value_counts()
    not_assessable = int(counts.get(NOT_ASSESSABLE, 0))
    parts = [_s(ctx, "count_item", label=ctx.category_label(cat), n=int(counts[cat]))
             for cat in (TARGET_MET, ON_TRACK, NEEDS_ACCELERATION, LIMITED_PROGRESS, MOVING_AWAY) if counts.get(cat, 0)]
    one_obs = int(p["progress_notes"].map(lambda n: ONE_OBSERVATION in note_codes(n)).sum())
    return _s(ctx, "progress_counts", total=len(p), assessable=len(p) - not_assessable,
              detail=ctx.names(parts) or _s(ctx, "none"), not_assessable=not_assessable, one_obs=one_obs)


def _hardest_targets(ctx) -> str:
    p = ctx.progress
    rows = p[(p["growth_method"] == RATE_CAGR) & p["required_growth"].notna()
             & (p["progress_category"] != TARGET_MET)].sort_values("required_growth", ascending=False).head(2)
    if rows.empty:
        return ""
    items = [_s(ctx, "hardest_item", county=ctx.entity_name(r.entity), indicator=ctx.indicator_name(r.indicator_id),
                rate=percent(r.required_growth)) for r in rows.itertuples()]
    return _s(ctx, "hardest", items=ctx.t("item_sep").join(items))


def _below_province(ctx) -> str:
    c = ctx.comparison
    rows = c[(c["comparison"] == "county_vs_province") & (c["basis"] == "gap and ratio")]
    if "target_meets_province" not in rows or rows.empty:
        return ""
    rows = rows[rows["target_meets_province"].notna()]
    if rows.empty:
        return ""
    below = rows[rows["target_meets_province"] == False]  # noqa: E712
    if ctx.many:
        per_county = [(_s(ctx, "all_counties"), len(below), len(rows))]
    else:
        per_county = [(ctx.entity_name(e), int((below["entity"] == e).sum()), int((rows["entity"] == e).sum()))
                      for e in ctx.inputs.entities if (rows["entity"] == e).any()]
    parts = ctx.w("summary.below_sep").join(_s(ctx, "below_part", county=n, below=b, total=t) for n, b, t in per_county)
    gap = below.assign(rel=below["target_value"] / below["other_value"]).sort_values("rel").head(1)
    gap_text = ""
    if len(gap):
        g = gap.iloc[0]
        gap_text = _s(ctx, "below_gap", county=ctx.entity_name(g["entity"]),
                      indicator=ctx.indicator_name(g["indicator_id"]), target=number(g["target_value"]),
                      province=number(g["other_value"]), unit=ctx.unit(g["unit"]))
    return _s(ctx, "below", parts=parts, gap=gap_text)


def _data_quality(ctx) -> str:
    dis = ctx.checks[ctx.checks["status"] == "disagree"]
    values = dis[dis["check"] == "value"]
    example = ""
    if len(values):
        v = values.iloc[0]
        example = _s(ctx, "data_quality_example", county=ctx.entity_name(v["entity"]),
                     indicator=ctx.indicator_name(v["indicator_id"]), prose=number(v["prose_value"]),
                     table=number(v["table_value"]), unit=ctx.unit(v["unit"]))
    return _s(ctx, "data_quality", n=len(dis), n_values=len(values), example=example)


def _comparability(ctx) -> str:
    c = ctx.comparison
    cc = c[c["comparison"] != "county_vs_province"]
    caveats = cc[cc["comparability"] == "caveat"]["indicator_id"].nunique()
    nc = cc[cc["comparability"] == "not_comparable"].drop_duplicates(["indicator_id", "other_indicator_id"])
    example = (_s(ctx, "comparability_example", a=ctx.indicator_name(nc.iloc[0]["indicator_id"]),
                  b=ctx.indicator_name(nc.iloc[0]["other_indicator_id"])) if len(nc) else "")
    return _s(ctx, "comparability", caveats=caveats, n=len(nc), example=example)
