"""Tables the data notebook shows an analyst: what was extracted, cleaned, and found.

Each returns a pandas Styler (helpers.core.formatting.table_view: numbers as the report writes them, text
left-aligned, no index); the table itself is its `.data`.
"""
from __future__ import annotations

import pandas as pd

from helpers.core.formatting import COMPARATOR_SIGNS, bound_text, number, table_view
from helpers.core.records import place_of_row
from helpers.core.wording import (
    Wording,
    decision_text,
    derivations,
    evidence_text,
    explanation_text,
    notes_text,
    place_text,
    words,
    words_for,
)
from helpers.extract.dataset import Dataset

# The words a reader sees are in helpers/core/wording/ (views.*); the data notebook is in Chinese (lang="en" for
# English).


def _headed(columns: dict, w: Wording):
    """A table under the wording's headings (views.headers.<id>)."""
    headers = w.table("views.headers")
    return table_view(pd.DataFrame({headers[key]: values for key, values in columns.items()}))


def _labelled(frame: pd.DataFrame, w: Wording) -> pd.DataFrame:
    """Column ids (entity_name_zh, year, source_line …) under their labels, as in the results workbook."""
    return frame.rename(columns=w.table("workbook.columns"))


def _named(frame: pd.DataFrame, ds: Dataset, lang: str) -> pd.DataFrame:
    """The frame with its counties' and indicators' names in `lang` (entity_name_en … from the config)."""
    names, indicators = ds.sources.entity_names(), ds.catalogue.indicators
    return frame.assign(**{
        f"entity_name_{lang}": frame["entity"].map(lambda e: names[e][0 if lang == "zh" else 1]),
        f"indicator_name_{lang}": frame["indicator_id"].map(lambda i: getattr(indicators[i], f"name_{lang}"))})


def _fmt(value: float | None, comparator: str = "=", kind: str = "actual") -> str:
    """A value as the report writes it (helpers.core.formatting), with its comparator (≥, not >=): an actual that is
    a bound (>19.9) its number rounded toward it (bound_text), a target its number as every number."""
    if kind != "target":
        return bound_text(value, comparator)
    text = number(value)
    return text if text == "—" else COMPARATOR_SIGNS.get(comparator, "") + text


def _pick_first(records: list[dict]) -> str:
    """The first record's value, * when derived."""
    if not records:
        return ""
    r = records[0]
    return _fmt(r["value"], r["comparator"], r["kind"]) + ("*" if r["kind"] == "baseline_derived" else "")


def extraction_table(ds: Dataset, lang: str = "zh"):
    """One row per county, plan and indicator: what the plan document gives. Its earlier baseline (from the
    prose; * = derived), its base-year actual, its target, and the provincial target for the same year.
    (Over the rows as records: a pandas filter per indicator took a third of a second, on the data step's path.)"""
    w = words(lang)
    quality = w.table("workbook.values.quality")
    records = _named(ds.indicators, ds, lang).to_dict("records")
    province_targets: dict[tuple, list[dict]] = {}
    for r in records:
        if r["entity"] == ds.sources.province and r["kind"] == "target":
            province_targets.setdefault((r["indicator_id"], r["year"]), []).append(r)
    rows = []
    for plan in ds.sources.plans:
        period = plan.period
        groups: dict[str, list[dict]] = {}          # indicator -> its records, in the dataset's order
        for r in records:
            if r["entity"] == plan.entity and r["plan"] == period.name and r["origin"] != "monitoring":
                groups.setdefault(r["indicator_id"], []).append(r)
        for ind_id, group in groups.items():
            first = group[0]
            earlier = sorted((r for r in group if r["year"] < period.base_year), key=lambda r: r["year"])
            rows.append({
                "county": first[f"entity_name_{lang}"],
                "plan": w("views.plan_years", name=period.name, base_year=period.base_year,
                          target_year=period.target_year),
                "indicator": first[f"indicator_name_{lang}"], "unit": first["unit"],
                "earlier_baseline": w("views.year_of", year=int(earlier[0]["year"]), value=_pick_first(earlier))
                if earlier else "",
                "base_year_actual": _pick_first([r for r in group
                                                 if r["year"] == period.base_year and r["kind"] == "actual"]),
                "target_value": _pick_first([r for r in group
                                             if r["year"] == period.target_year and r["kind"] == "target"]),
                "province_target": _pick_first(province_targets.get((ind_id, period.target_year), [])),
                "source_lines": w("views.list_sep").join(dict.fromkeys(_place(r, w) for r in group)),
                "flags": w("views.list_sep").join(quality[f] for f in sorted({r["quality"] for r in group} - {"ok"})),
            })
    return _headed({key: [r[key] for r in rows] for key in (rows[0] if rows else {})}, w)


def cleaning_summary(ds: Dataset, lang: str = "zh"):
    """How many times each cleaning step was applied, with one example."""
    w = words_for(lang, ds.catalogue)
    steps = w.table("views.steps")
    grouped = ds.cleaning_log.groupby("step", sort=False)["values"]
    return _headed({"cleaning_step": [steps.get(s, s) for s in grouped.groups], "code": list(grouped.groups),
                    "times": list(grouped.size()),
                    "example": [decision_text(s, v, w) for s, v in grouped.first().items()]}, w)


def key_decisions(ds: Dataset, lang: str = "zh"):
    """The decisions that change a number's meaning, in full, with their evidence."""
    w = words_for(lang, ds.catalogue)
    steps = w.table("views.steps")
    log = ds.cleaning_log
    keep = log[log["step"].isin(["unit_fixed", "implausible", "unit_from_catalogue", "baseline_from_prose",
                                 "value_from_prose", "prose_not_used", "unit_from_prose",
                                 "no_figure_in_other_source"])]
    names = ds.sources.entity_names()
    return _headed({
        "county": keep["entity"].map(lambda e: names[e][0 if lang == "zh" else 1]),
        "indicator": keep["indicator_id"].map(lambda i: getattr(ds.catalogue.indicators[i], f"name_{lang}")),
        "cleaning_step": keep["step"].map(steps).fillna(keep["step"]),
        "decision": [decision_text(s, v, w) for s, v in zip(keep["step"], keep["values"])],
        "evidence": [evidence_text(v, w) for v in keep["evidence_values"]],
        "source": [_place(r, w) for r in keep.to_dict("records")],
    }, w)


def disagreements(ds: Dataset, lang: str = "zh"):
    w = words_for(lang, ds.catalogue)
    c = ds.consistency
    names = ds.sources.entity_names()
    return _headed({
        "county": c["entity"].map(lambda e: names[e][0 if lang == "zh" else 1]),
        "indicator": c[f"indicator_name_{lang}"] if f"indicator_name_{lang}" in c else c["indicator_name_zh"],
        "check": c["check"].map(w.table("views.checks")), "year": c["year"].astype("Int64"),
        "note": [explanation_text(v, w) for v in c["explanation_values"]],
        "table_line": [w("views.at_line", text=q, line=n) for q, n in
                       zip(c["table_quote"].str.slice(0, 40), c["table_line"].astype("string"))],
        "prose_line": [w("views.at_line", text=q, line=n) for q, n in
                       zip(c["prose_quote"], c["prose_line"].astype("string"))],
    }, w)


def check_counts(ds: Dataset, lang: str = "zh"):
    w = words(lang)
    check = w("views.headers.check")
    c = ds.checks
    counts = (c.assign(**{check: c["check"].map(w.table("views.checks"))},
                       status=c["status"].map(w.table("views.statuses")))
              .pivot_table(index=check, columns="status", values="indicator_id", aggfunc="size", fill_value=0))
    counts.columns.name = None
    return table_view(counts.reset_index())


def baselines(ds: Dataset, lang: str = "zh"):
    """Values the prose gives for years before its plan's base year (e.g. a 十四五 plan's 十三五 start)."""
    w = words(lang)
    ind = _named(ds.indicators, ds, lang)
    base_year = {p.name: p.base_year for p in ds.sources.periods()}
    b = ind[(ind["origin"] == "prose") & (ind["year"] < ind["plan"].map(base_year))]
    log = ds.cleaning_log
    said = derivations(zip(log["entity"], log["indicator_id"], log["step"], log["values"]), lang)
    b = b.assign(kind=b["kind"].map(w.table("views.kinds")).fillna(b["kind"]),
                 derivation=[said.get((e, i, int(y)), d) for e, i, y, d in
                             zip(b["entity"], b["indicator_id"], b["year"], b["derivation"])])
    return table_view(_labelled(b[[f"entity_name_{lang}", "plan", f"indicator_name_{lang}", "year", "value", "unit",
                                   "kind", "derivation", "source_line", "source_text"]], w))


def comparability(ds: Dataset, lang: str = "zh"):
    w = words(lang)
    cat = ds.catalogue
    status = {"caveat": w("definitions.caveat"), "not_comparable": w("definitions.not_comparable")}
    name = f"name_{lang}"
    rows = [(getattr(i, name), status.get(i.comparability, i.comparability),
             i.comparability_reason if lang == "zh" else i.comparability_reason_en)
            for i in cat.indicators.values() if i.comparability != "same"]
    rows += [(" ↔ ".join(getattr(cat.indicators[x], name) for x in r.indicators), status.get(r.status, r.status),
              r.reason if lang == "zh" else r.reason_en) for r in cat.relations]
    if not rows:
        return table_view(pd.DataFrame())
    indicator, comparable, reason = zip(*rows)
    return _headed({"indicator": indicator, "comparability": comparable, "reason": reason}, w)


def monitoring_rows(ds: Dataset, lang: str = "zh"):
    """The yearly actuals read from the monitoring workbooks, with their file, sheet and cell."""
    w = words(lang)
    ind = _named(ds.indicators, ds, lang)
    m = ind[ind["origin"] == "monitoring"]
    m = m.assign(note=m["note_values"].map(lambda n: notes_text(n, w)))
    return table_view(_labelled(m[[f"entity_name_{lang}", f"indicator_name_{lang}", "year", "value", "unit",
                                   "source_file", "source_sheet", "source_cell", "note"]], w))


def _place(row: dict, w: Wording) -> str:
    """Where a value or decision is, as its format has it (第48行, 表1第3行第5列, 第2页第5行 …), file name first."""
    place = place_of_row(row)
    return place_text({**place, "file": str(place["file"]).rsplit("/", 1)[-1]}, w)
