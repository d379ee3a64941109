"""The report's executive summary: 5 to 8 sentences generated from the data, never written by hand."""
from __future__ import annotations

from helpers.analyse.growth import (
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION,
    NOT_ASSESSABLE,
    ON_TRACK,
    RATE_CAGR,
    TARGET_MET,
)

MIN_SENTENCES, MAX_SENTENCES = 5, 8


def executive_summary(ctx) -> list[str]:
    zh = ctx.lang == "zh"
    sentences = [_coverage(ctx, zh)]
    sentences += _headline_growth(ctx, zh)
    sentences.append(_progress_counts(ctx, zh))
    hardest = _hardest_targets(ctx, zh)
    if hardest:
        sentences.append(hardest)
    below = _below_province(ctx, zh)
    if below:
        sentences.append(below)
    sentences.append(_data_quality(ctx, zh))
    sentences.append(_comparability(ctx, zh))
    return sentences[:MAX_SENTENCES]


def _names(ctx, entities) -> str:
    sep = "、" if ctx.lang == "zh" else ", "
    return sep.join(ctx.entity_name(e) for e in entities)


def _coverage(ctx, zh: bool) -> str:
    p = ctx.progress
    n_ind = p["indicator_id"].nunique()
    with_prov = ctx.comparison.loc[ctx.comparison["comparison"] == "county_vs_province", "indicator_id"].nunique()
    year = ctx.inputs.report_year
    names = (f"{len(ctx.inputs.entities)}个县市" if zh else f"{len(ctx.inputs.entities)} counties") if ctx.many \
        else _names(ctx, ctx.inputs.entities)
    if zh:
        return (f"本报告评估{names}截至{year}年的人才发展主要指标，共{n_ind}项，"
                f"其中{with_prov}项有省委2025年目标可以对照。")
    return (f"This report assesses {names} on {n_ind} main talent indicators up to "
            f"{year}; {with_prov} of them can be set against a provincial 2025 target.")


def _headline_growth(ctx, zh: bool) -> list[str]:
    """For each county, its first assessable indicator in catalogue order: growth required against achieved.
    With many counties, one sentence about the first indicator assessable across them."""
    if ctx.many:
        return _headline_growth_many(ctx, zh)
    out = []
    p = ctx.progress
    for entity in ctx.inputs.entities:
        rows = p[(p["entity"] == entity) & p["progress_ratio"].notna() & (p["growth_method"] == RATE_CAGR)]
        if rows.empty:
            continue
        r = rows.iloc[0]
        name, label = ctx.indicator_name(r["indicator_id"]), ctx.category_label(r["progress_category"])
        faster = r["required_growth"] > r["historical_growth"]
        if zh:
            out.append(
                f"{ctx.entity_name(entity)}{name}{int(r['latest_year'])}年为{r['latest_value']:g}{r['unit']}，"
                f"实现{int(r['target_year'])}年{r['target_value']:g}{r['unit']}的目标需年均增长{r['required_growth']:.1%}，"
                f"{'高于' if faster else '低于'}{int(r['baseline_year'])}—{int(r['latest_year'])}年实际的"
                f"{r['historical_growth']:.1%}，判断为“{label}”。")
        else:
            out.append(
                f"{ctx.entity_name(entity)}'s {name} was {r['latest_value']:g} {r['unit']} in {int(r['latest_year'])}; "
                f"reaching {r['target_value']:g} by {int(r['target_year'])} needs {r['required_growth']:.1%} a year, "
                f"{'more' if faster else 'less'} than the {r['historical_growth']:.1%} achieved in "
                f"{int(r['baseline_year'])}–{int(r['latest_year'])}: {label}.")
    return out


def _headline_growth_many(ctx, zh: bool) -> list[str]:
    p = ctx.progress
    assessable = p[p["progress_ratio"].notna() & (p["growth_method"] == RATE_CAGR)]
    if assessable.empty:
        return []
    ind_id = assessable["indicator_id"].iloc[0]
    rows = assessable[assessable["indicator_id"] == ind_id]
    name = ctx.indicator_name(ind_id)
    behind = rows[rows["required_growth"] > rows["historical_growth"]]
    if zh:
        return [f"{len(rows)}个县市的{name}可以评估：实现目标所需年均增速的中位数为{rows['required_growth'].median():.1%}，"
                f"已实现增速的中位数为{rows['historical_growth'].median():.1%}；{len(behind)}个县市所需增速高于已实现增速。"]
    return [f"{name} can be assessed for {len(rows)} counties: the median growth required is "
            f"{rows['required_growth'].median():.1%} a year against a median {rows['historical_growth'].median():.1%} "
            f"achieved; {len(behind)} counties need to grow faster than they have."]


def _progress_counts(ctx, zh: bool) -> str:
    p = ctx.progress
    counts = p["progress_category"].value_counts()
    assessable = int(len(p) - counts.get(NOT_ASSESSABLE, 0))
    parts = [(cat, int(counts.get(cat, 0))) for cat in (TARGET_MET, ON_TRACK, NEEDS_ACCELERATION, LIMITED_PROGRESS,
                                                        MOVING_AWAY) if counts.get(cat, 0)]
    not_assessable = int(counts.get(NOT_ASSESSABLE, 0))
    one_obs = int(p["progress_reason"].str.startswith("only one observation").sum())
    if zh:
        detail = "、".join(f"{ctx.category_label(cat)}{n}项" for cat, n in parts) or "无"
        return (f"{len(p)}个县市·指标组合中，{assessable}个可以评估进度：{detail}；其余{not_assessable}个暂无法评估，"
                f"其中{one_obs}个只有一个年度的实际值，需要补充年度监测数据。")
    detail = ", ".join(f"{n} {ctx.category_label(cat)}" for cat, n in parts) or "none"
    return (f"Of {len(p)} county–indicator pairs, {assessable} can be assessed: {detail}. The other {not_assessable} "
            f"cannot yet be assessed; {one_obs} of them have a single year of actuals and need yearly monitoring data.")


def _hardest_targets(ctx, zh: bool) -> str:
    p = ctx.progress
    rows = p[(p["growth_method"] == RATE_CAGR) & p["required_growth"].notna()
             & (p["progress_category"] != TARGET_MET)].sort_values("required_growth", ascending=False).head(2)
    if rows.empty:
        return ""
    items = [(ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id), r.required_growth) for r in rows.itertuples()]
    if zh:
        return "要求增速最高的目标是：" + "；".join(f"{e}{n}（需年均增长{g:.1%}）" for e, n, g in items) + "。"
    return "The most demanding targets are " + "; ".join(f"{e}'s {n} ({g:.1%} a year)" for e, n, g in items) + "."


def _below_province(ctx, zh: bool) -> str:
    c = ctx.comparison
    rows = c[(c["comparison"] == "county_vs_province") & (c["basis"] == "gap and ratio")]
    if "target_meets_province" not in rows or rows.empty:
        return ""
    rows = rows[rows["target_meets_province"].notna()]
    below = rows[rows["target_meets_province"] == False]  # noqa: E712
    if rows.empty:
        return ""
    if ctx.many:
        per_county = [("全部县市" if zh else "all counties", int(len(below)), int(len(rows)))]
    else:
        per_county = [(ctx.entity_name(e), int((below["entity"] == e).sum()), int((rows["entity"] == e).sum()))
                      for e in ctx.inputs.entities if (rows["entity"] == e).any()]
    gap = below.assign(rel=below["target_value"] / below["other_value"]).sort_values("rel").head(1)
    if zh:
        text = "与省委2025年目标相比，" + "，".join(f"{n}有{b}/{t}项目标低于省目标" for n, b, t in per_county)
        if len(gap):
            g = gap.iloc[0]
            text += f"，差距最大的是{ctx.entity_name(g['entity'])}{ctx.indicator_name(g['indicator_id'])}（{g['target_value']:g}对省{g['other_value']:g}{g['unit']}）"
        return text + "。"
    text = "Against the provincial 2025 targets, " + "; ".join(f"{n} sets {b} of {t} targets below the province's"
                                                                 for n, b, t in per_county)
    if len(gap):
        g = gap.iloc[0]
        text += (f"; the widest gap is {ctx.entity_name(g['entity'])}'s {ctx.indicator_name(g['indicator_id'])} "
                 f"({g['target_value']:g} against {g['other_value']:g} {g['unit']})")
    return text + "."


def _data_quality(ctx, zh: bool) -> str:
    dis = ctx.checks[ctx.checks["status"] == "disagree"]
    values = dis[dis["check"] == "value"]
    if zh:
        text = f"规划正文与主要指标表共有{len(dis)}处不一致（其中数值不一致{len(values)}处"
        if len(values):
            v = values.iloc[0]
            text += (f"，如{ctx.entity_name(v['entity'])}{ctx.indicator_name(v['indicator_id'])}：正文{v['prose_value']:g}，"
                     f"表中{v['table_value']:g}{v['unit']}")
        return text + "），本报告以表格为准，详见附录A。"
    text = f"The plans' prose and tables disagree in {len(dis)} places ({len(values)} on a figure"
    if len(values):
        v = values.iloc[0]
        text += (f", e.g. {ctx.entity_name(v['entity'])}'s {ctx.indicator_name(v['indicator_id'])}: prose "
                 f"{v['prose_value']:g}, table {v['table_value']:g} {v['unit']}")
    return text + "); the report uses the tables (Appendix A)."


def _comparability(ctx, zh: bool) -> str:
    c = ctx.comparison
    cc = c[c["comparison"] != "county_vs_province"]
    caveats = cc[cc["comparability"] == "caveat"]["indicator_id"].nunique()
    nc = cc[cc["comparability"] == "not_comparable"].drop_duplicates(["indicator_id", "other_indicator_id"])
    if zh:
        example = (f"（如{ctx.indicator_name(nc.iloc[0]['indicator_id'])}与{ctx.indicator_name(nc.iloc[0]['other_indicator_id'])}）"
                   if len(nc) else "")
        return (f"县市之间有{caveats}项指标口径不同，比较时需谨慎；另有{len(nc)}对看似相近的指标不可比较{example}，"
                "报告只列出原因。")
    example = (f" (e.g. {ctx.indicator_name(nc.iloc[0]['indicator_id'])} against "
               f"{ctx.indicator_name(nc.iloc[0]['other_indicator_id'])})" if len(nc) else "")
    return (f"{caveats} indicators are measured differently by the counties and are compared with a caveat; "
            f"{len(nc)} similar-looking pairs are not comparable{example} and are listed with the reason only.")
