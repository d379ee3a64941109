"""Counties against the provincial targets and against each other (comparison.csv).

A county's target is the target of the plan the report year evaluates (helpers.core.periods.evaluated_plan), and
it is set against the provincial target for the same year."""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analyse.growth import bound_meets_target, is_bound, target_meets_target
from helpers.analyse.inputs import (
    BINDING,
    OBSERVED_KINDS,
    AnalysisInputs,
    as_numeric,
    difference,
    observed_up_to,
    plan_target,
    ratio,
    series,
    source_lines,
)
from helpers.core.config import Plan
from helpers.core.method import method_parameters
from helpers.core.periods import ended_plan
from helpers.core.records import place_of_row, place_ref

# What the plans say of a target, as trends.csv has it (codes, not words): binding (约束性, ★), approximate (左右),
# cumulative (〔〕, a sum over the plan's years). For the county's target, and for the target it is set against.
FLAGS = ("binding", "approximate", "cumulative")
FLAG_COLUMNS = [f"{side}_{flag}" for side in ("target", "other_target") for flag in FLAGS]


def target_flags(target: dict | None, side: str = "target") -> dict:
    """A target's marks: binding, approximate, cumulative (all False when there is no target)."""
    return {f"{side}_binding": target is not None and target.get("attribute") == BINDING,
            f"{side}_approximate": target is not None and bool(target.get("approximate")),
            f"{side}_cumulative": target is not None and bool(target.get("cumulative"))}


def _same_kind(a: dict | None, b: dict | None) -> bool:
    """Two targets can be set against each other: both levels, or both sums over a period (〔〕). A five-year sum
    against a level, or a level actual against a five-year sum, is no comparison."""
    return bool(a and a.get("cumulative")) == bool(b and b.get("cumulative"))


def province_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """Each county's latest actual and its plan's target against the provincial target of the same indicator
    and year (the target year of the county's plan, province_plan).

    The actual is the latest up to the provincial target's year: after that year (a final evaluation while no
    later plan is configured) it is the target year's actual, the one trends.csv judges, never a later year's
    set against a target for an earlier one."""
    ind = inputs.indicators
    prov = ind[(ind["entity"] == inputs.province) & (ind["kind"] == "target") & ind["value"].notna()]
    out = []
    years = set(prov["year"])
    for entity in inputs.entities:
        plan = province_plan(inputs, entity, years)
        year, own = plan.period.target_year, plan.period.target_year in years
        if not own:
            # No plan of the county's ends in a year the province sets targets for (桐庐 with its 十五五 only, in
            # 2026): its actuals of the province's latest target year up to the report year are set against them,
            # with no county target and no plan named (redteam15: it was left out of the comparison without a word).
            year = max((y for y in years if y <= inputs.report_year), default=None)
        for p in prov[prov["year"] == year].itertuples():
            meta = inputs.catalogue.indicators[p.indicator_id]
            rows = series(inputs, entity, p.indicator_id)
            if not rows:
                continue
            observed = observed_up_to(rows, min(inputs.report_year, int(p.year)))
            latest = observed[-1] if observed else None
            target = plan_target(rows, plan) if own else None
            province = ind.loc[p.Index].to_dict()
            row = {
                "comparison": "county_vs_province", "entity": entity, "entity_name_zh": inputs.name_zh(entity),
                "other": inputs.province, "other_name_zh": inputs.name_zh(inputs.province),
                "indicator_id": p.indicator_id, "indicator_name_zh": meta.name_zh, "unit": meta.unit,
                "measure": meta.measure,
                "latest_year": None if latest is None else int(latest["year"]),
                "latest_value": None if latest is None else latest["value"],
                "latest_comparator": _comparator_of(latest),
                "target_year": None if target is None else int(target["year"]),
                "target_value": None if target is None else target["value"],
                "target_comparator": None if target is None else target["comparator"],
                "other_year": int(p.year), "other_value": p.value, "other_comparator": p.comparator,
                "comparability": meta.comparability, "comparability_reason": meta.comparability_reason,
                "sources": source_lines(latest, target, province),
                "plan": plan.period.name if own else "",
                **target_flags(target), **target_flags(province, "other_target"),
            }
            if meta.measure == "total":
                # A county's head count against the province's is a share, not a gap.
                row["basis"] = "share of province"
                row["latest_share_of_province"] = ratio(row["latest_value"], p.value)
                row["target_share_of_province"] = ratio(row["target_value"], p.value)
            else:
                row["basis"] = "gap and ratio"
                row["latest_gap"] = difference(row["latest_value"], p.value)
                row["latest_ratio"] = ratio(row["latest_value"], p.value)
                row["target_gap"] = difference(row["target_value"], p.value)
                row["target_ratio"] = ratio(row["target_value"], p.value)
                # Each with its comparator and the province's: 35 does not reach >35, nor does a target of 35
                # (growth.target_meets_target). An actual known only as a bound (>19.9) reaches it only where every
                # figure it allows does (or is said not to where none does).
                row["target_meets_province"] = (None if target is None else target_meets_target(
                    float(target["value"]), target["comparator"], float(p.value), p.comparator, meta.direction))
                row["latest_meets_province"] = (None if latest is None else bound_meets_target(
                    float(latest["value"]), row["latest_comparator"], float(p.value), p.comparator, meta.direction))
            if is_bound(row["latest_comparator"]):
                # An actual known only as a bound (>19.9): its share, gap and ratio would be bounds too.
                row.update({k: None for k in ("latest_share_of_province", "latest_gap", "latest_ratio") if k in row})
            # a 〔〕 target is set only against a 〔〕 target, and an actual (a level) only against a level
            if not _same_kind(target, province):
                row.update({k: None for k in ("target_share_of_province", "target_gap", "target_ratio",
                                              "target_meets_province") if k in row})
            if province["cumulative"]:
                row.update({k: None for k in ("latest_share_of_province", "latest_gap", "latest_ratio",
                                              "latest_meets_province") if k in row})
            out.append(row)
    return pd.DataFrame(out)


def _comparator_of(record: dict | None) -> str | None:
    """A record's comparator ('=' for a figure, '>' … for a bound: a workbook's 比较符), None without a record."""
    return None if record is None else (record.get("comparator") or "=")


def province_plan(inputs: AnalysisInputs, entity: str, province_years: set) -> Plan:
    """The plan a county is set against the province on: the plan the report year evaluates; while the province
    has no targets for that plan's target year (a new plan's first years: 2026 under 十五五), the plan that ended
    by the report year, whose target year's actuals and targets meet the province's targets of that year."""
    plan = inputs.plan_of(entity)
    if plan.period.target_year in province_years:
        return plan
    ended = ended_plan(inputs.sources.plans_of(entity), inputs.report_year)
    return ended if ended is not None and ended.period.target_year in province_years else plan


PEERS = "peer_median"


def county_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """County against county, only where the catalogue allows; not-comparable pairs listed with the reason."""
    # Up to config/method.yaml's `many_counties` every pair is compared; beyond it (a whole province) each
    # county is compared with the median of its peers, which grows with N instead of N².
    if len(inputs.entities) > method_parameters().many_counties:
        return peer_comparison(inputs)
    ind = inputs.indicators
    out = []
    entities = inputs.entities
    have = {e: set(ind.loc[(ind["entity"] == e) & ind["value"].notna(), "indicator_id"]) for e in entities}
    for i, a in enumerate(entities):
        for b in entities[i + 1:]:
            for ind_id in sorted(have[a] & have[b], key=list(inputs.catalogue.indicators).index):
                meta = inputs.catalogue.indicators[ind_id]
                row = _pair_row(inputs, a, b, ind_id, ind_id, meta.comparability, meta.comparability_reason)
                if meta.comparability == "not_comparable":
                    row.update({k: None for k in ("latest_gap", "latest_ratio", "target_gap", "target_ratio")})
                out.append(row)
            for rel in inputs.catalogue.relations:
                x, y = rel.indicators
                for ia, ib in ((x, y), (y, x)):
                    if ia in have[a] - have[b] and ib in have[b] - have[a]:
                        out.append(_pair_row(inputs, a, b, ia, ib, rel.status, rel.reason, values_only=True))
    return pd.DataFrame(out)


def peer_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """Each county against the median of the other counties, indicator by indicator.

    A county's target is set against the median of its peers' targets of the same kind: a five-year sum (〔〕)
    against their sums, a level against their levels. Caveats travel as in the pairwise comparison; an
    indicator that is not comparable between counties is listed with its reason and not compared; look-alike
    pairs (catalogue relations) are listed once.
    """
    ind = inputs.indicators
    counties = ind[ind["entity"].isin(inputs.entities) & ind["value"].notna()]
    # a 〔〕 sum is not a level, and a plan's estimate (预计) is not an actual
    observed = counties["kind"].isin(OBSERVED_KINDS) & ~counties["cumulative"] & ~counties["estimated"]
    latest = (counties[observed & (counties["year"] <= inputs.report_year)]
              .sort_values("year").groupby(["indicator_id", "entity"]).tail(1))
    # Each county's plan target: the target year of the plan the report year evaluates (own document first).
    plan_of = {e: inputs.plan_of(e).period for e in inputs.entities}
    targets = counties[(counties["kind"] == "target")
                       & (counties["year"] == counties["entity"].map(lambda e: plan_of[e].target_year))]
    targets = (targets.assign(_own=targets["plan"] != targets["entity"].map(lambda e: plan_of[e].name))
               .sort_values("_own").groupby(["indicator_id", "entity"]).head(1))
    out = []
    for ind_id, group in latest.groupby("indicator_id", sort=False):
        meta = inputs.catalogue.indicators[ind_id]
        tgt = targets[targets["indicator_id"] == ind_id].set_index("entity")
        if len(group) < 2:
            continue
        # Like with like: the rank and the median are of one year's actuals, the latest year any county has up to
        # the report year. A county whose latest actual is older (its figures are late) is listed with its year,
        # with no rank, gap or ratio, and kept out of the others' median; so is an actual known only as a bound
        # (>19.9), which is no figure to rank or to take a median of.
        year = int(group["year"].max())
        current = (group["year"] == year).to_numpy()
        figure = ~group["comparator"].map(is_bound).to_numpy() & current
        values = group["value"].to_numpy(dtype=float)
        target_by_entity = tgt["value"].to_dict()
        sum_by_entity = tgt["cumulative"].astype(bool).to_dict()
        for i, r in enumerate(group.itertuples()):
            peers = np.delete(values, i)[np.delete(figure, i)]
            peer_latest = float(np.median(peers)) if len(peers) else None
            # a county's 〔〕 sum against its peers' sums, a level against their levels (a county without a
            # target: against their levels); a target against the targets for the same year only (peers on another
            # plan period are left out of the median)
            own_sum = sum_by_entity.get(r.entity, False)
            peer_targets = [v for e, v in target_by_entity.items() if e != r.entity and sum_by_entity[e] == own_sum
                            and plan_of[e].target_year == plan_of[r.entity].target_year]
            peer_target = float(np.median(peer_targets)) if peer_targets else None
            target = target_by_entity.get(r.entity)
            row = {
                "comparison": "county_vs_peers", "entity": r.entity, "entity_name_zh": inputs.name_zh(r.entity),
                "other": PEERS, "other_name_zh": f"其他{len(peers)}个县市中位数", "indicator_id": ind_id,
                "indicator_name_zh": meta.name_zh, "other_indicator_id": ind_id,
                "other_indicator_name_zh": meta.name_zh, "unit": meta.unit, "measure": meta.measure,
                "latest_year": int(r.year), "latest_value": r.value,
                "latest_comparator": r.comparator if is_bound(r.comparator) else "=",
                "target_value": target, "target_comparator": tgt["comparator"].get(r.entity),
                "other_year": year, "other_value": peer_latest, "other_target_value": peer_target,
                "rank_latest": None if not figure[i] else int((values[figure] > r.value).sum()) + 1
                if meta.direction == "higher" else int((values[figure] < r.value).sum()) + 1,
                "rank_of": int(figure.sum()),
                **target_flags(_first_record(tgt, r.entity)),
                "other_target_cumulative": peer_target is not None and own_sum,
                "comparability": meta.comparability, "comparability_reason": meta.comparability_reason,
                "basis": "not compared" if meta.comparability == "not_comparable" else "gap and ratio",
                "sources": place_ref(place_of_row(r)),
                "plan": plan_of[r.entity].name,
            }
            if meta.comparability != "not_comparable":
                own = r.value if figure[i] else None   # (a bound or an older year: no gap)
                row["latest_gap"] = difference(own, peer_latest)
                row["latest_ratio"] = ratio(own, peer_latest)
                row["target_gap"] = difference(target, peer_target)
                row["target_ratio"] = ratio(target, peer_target)
            out.append(row)
    have = {e: set(latest.loc[latest["entity"] == e, "indicator_id"]) for e in inputs.entities}
    for rel in inputs.catalogue.relations:
        x, y = rel.indicators
        with_x = [e for e in inputs.entities if x in have[e] and y not in have[e]]
        with_y = [e for e in inputs.entities if y in have[e] and x not in have[e]]
        if with_x and with_y:
            out.append({"comparison": "county_vs_peers", "entity": with_x[0], "entity_name_zh":
                        f"{len(with_x)}个县市", "other": with_y[0], "other_name_zh": f"{len(with_y)}个县市",
                        "indicator_id": x, "indicator_name_zh": inputs.catalogue.indicators[x].name_zh,
                        "other_indicator_id": y, "other_indicator_name_zh": inputs.catalogue.indicators[y].name_zh,
                        "comparability": rel.status, "comparability_reason": rel.reason, "basis": "not compared"})
    return pd.DataFrame(out)


def _first_record(targets: pd.DataFrame, entity: str) -> dict | None:
    """A county's target row from a table of targets indexed by county (one each), or None."""
    return targets.loc[entity].to_dict() if entity in targets.index else None


def _pair_row(inputs, a, b, ind_a, ind_b, status, reason, values_only=False) -> dict:
    rows_a, rows_b = series(inputs, a, ind_a), series(inputs, b, ind_b)
    la, lb = observed_up_to(rows_a, inputs.report_year), observed_up_to(rows_b, inputs.report_year)
    la = la[-1] if la else None
    lb = lb[-1] if lb else None
    ta, tb = plan_target(rows_a, inputs.plan_of(a)), plan_target(rows_b, inputs.plan_of(b))
    meta_a, meta_b = inputs.catalogue.indicators[ind_a], inputs.catalogue.indicators[ind_b]
    row = {
        "comparison": "county_vs_county", "entity": a, "entity_name_zh": inputs.name_zh(a),
        "other": b, "other_name_zh": inputs.name_zh(b), "indicator_id": ind_a,
        "indicator_name_zh": meta_a.name_zh, "other_indicator_id": ind_b, "other_indicator_name_zh": meta_b.name_zh,
        "unit": meta_a.unit, "measure": meta_a.measure,
        "latest_year": None if la is None else int(la["year"]), "latest_value": None if la is None else la["value"],
        "latest_comparator": _comparator_of(la), "other_comparator": _comparator_of(lb),
        "target_year": None if ta is None else int(ta["year"]),
        "target_value": None if ta is None else ta["value"],
        "target_comparator": None if ta is None else ta["comparator"],
        "other_year": None if lb is None else int(lb["year"]), "other_value": None if lb is None else lb["value"],
        "other_target_year": None if tb is None else int(tb["year"]),
        "other_target_value": None if tb is None else tb["value"],
        "comparability": status, "comparability_reason": reason, "basis": "not compared" if status ==
        "not_comparable" else "gap and ratio",
        "sources": source_lines(la, ta, lb, tb),
        "plan": inputs.plan_of(a).period.name, "other_plan": inputs.plan_of(b).period.name,
        **target_flags(ta), **target_flags(tb, "other_target"),
    }
    if status != "not_comparable" and not values_only:
        # (an actual known only as a bound, >19.9, has no gap or ratio: each would be a bound too). Like with like
        # only: two actuals of one year, two targets for one year (counties on different plan periods, 建德's 2025
        # target and 桐庐's 2030 one, have no gap: the years stand beside the figures instead).
        figures = not is_bound(row["latest_comparator"]) and not is_bound(row["other_comparator"]) \
            and row["latest_year"] == row["other_year"]
        row["latest_gap"] = difference(row["latest_value"], row["other_value"]) if figures else None
        row["latest_ratio"] = ratio(row["latest_value"], row["other_value"]) if figures else None
        if _same_kind(ta, tb) and row["target_year"] == row["other_target_year"]:   # a 〔〕 sum only against a 〔〕 sum
            row["target_gap"] = difference(row["target_value"], row["other_target_value"])
            row["target_ratio"] = ratio(row["target_value"], row["other_target_value"])
    return row


# The columns every reader of comparison.csv may ask for, also when there is nothing to compare.
EMPTY_COLUMNS = ["comparison", "entity", "entity_name_zh", "other", "other_name_zh", "indicator_id",
                 "other_indicator_id", "indicator_name_zh", "unit", "measure", "basis", "latest_year", "latest_value",
                 "latest_comparator", "target_year", "target_value", "target_comparator", "other_year", "other_value",
                 "other_comparator",
                 "comparability", "comparability_reason", "sources", "plan", "latest_share_of_province",
                 "target_share_of_province", "latest_gap", "latest_ratio", "target_gap", "target_ratio",
                 "target_meets_province", "latest_meets_province", *FLAG_COLUMNS]


def comparison_table(inputs: AnalysisInputs) -> pd.DataFrame:
    frame = pd.concat([province_comparison(inputs), county_comparison(inputs)], ignore_index=True)
    if frame.empty:   # one county and no provincial targets for its plan's year (a new 十五五 plan): no comparison
        frame = pd.DataFrame(columns=EMPTY_COLUMNS)
    frame = as_numeric(frame, ("latest_value", "target_value", "other_value", "other_target_value", "rank_latest",
                               "rank_of",
                             "latest_share_of_province", "target_share_of_province", "latest_gap", "latest_ratio",
                             "target_gap", "target_ratio"))
    frame = frame.astype({c: "boolean" for c in FLAG_COLUMNS if c in frame})
    return frame.astype({c: "Int64" for c in ("latest_year", "target_year", "other_year", "other_target_year")
                         if c in frame})
