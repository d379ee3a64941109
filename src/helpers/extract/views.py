"""Tables the data notebook shows an analyst: what was extracted, cleaned, and found.

Each returns a pandas Styler (helpers.core.formatting.table_view: numbers as the report writes them, text
left-aligned, no index); the table itself is its `.data`.
"""
from __future__ import annotations

import pandas as pd

from helpers.core.formatting import number, table_view
from helpers.core.wording import derivations, notes_text, words
from helpers.extract.dataset import Dataset

# The words a reader sees are in helpers/core/wording/; the data notebook is in Chinese.
KIND_LABELS = words("zh").table("views.kinds")
CHECK_LABELS = words("zh").table("views.checks")
STEP_LABELS = words("zh").table("views.steps")
STATUS_LABELS = words("zh").table("views.statuses")
COLUMN_LABELS = words("zh").table("workbook.columns")   # one label per column id, as in the results workbook


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Column ids (entity_name_zh, year, source_line …) under their Chinese labels."""
    return frame.rename(columns=COLUMN_LABELS)


def _fmt(value: float | None, comparator: str = "=") -> str:
    """A value as the report writes it (helpers.core.formatting.number), with its comparator."""
    if value is None or pd.isna(value):
        return "—"
    prefix = "" if comparator in ("=", "") else comparator
    return f"{prefix}{number(value)}"


def extraction_table(ds: Dataset):
    """One row per county, plan and indicator: what the plan document gives. Its earlier baseline (from the
    prose; * = derived), its base-year actual, its target, and the provincial target for the same year."""
    ind = ds.indicators
    province = ds.sources.province
    prov = ind[(ind["entity"] == province) & (ind["kind"] == "target")]
    rows = []
    for plan in ds.sources.plans:
        period = plan.period
        mine = ind[(ind["entity"] == plan.entity) & (ind["plan"] == period.name) & (ind["origin"] != "monitoring")]
        for ind_id, group in mine.groupby("indicator_id", sort=False):
            first = group.iloc[0]

            def pick(hit: pd.DataFrame) -> str:
                if hit.empty:
                    return ""
                r = hit.iloc[0]
                mark = "*" if r["kind"] == "baseline_derived" else ""
                return _fmt(r["value"], r["comparator"]) + mark

            earlier = group[group["year"] < period.base_year].sort_values("year")
            p = prov[(prov["indicator_id"] == ind_id) & (prov["year"] == period.target_year)]
            flags = sorted(set(group["quality"]) - {"ok"})
            rows.append({
                "县市": first["entity_name_zh"], "规划": f"{period.name}（{period.base_year}→{period.target_year}）",
                "指标": first["indicator_name_zh"], "单位": first["unit"],
                "前期基数": "" if earlier.empty else f"{int(earlier.iloc[0]['year'])}年 {pick(earlier)}",
                "基期实际": pick(group[(group["year"] == period.base_year) & (group["kind"] == "actual")]),
                "目标值": pick(group[(group["year"] == period.target_year) & (group["kind"] == "target")]),
                "省目标": pick(p),
                "来源行": ", ".join(str(x) for x in group["source_line"]),
                "标记": "、".join({"fixed": "已修正", "implausible": "存疑"}[f] for f in flags),
            })
    return table_view(pd.DataFrame(rows))


def cleaning_summary(ds: Dataset):
    """How many times each cleaning step was applied, with one example."""
    log = ds.cleaning_log
    out = (log.groupby("step", sort=False)
           .agg(次数=("decision", "size"), 示例=("decision", "first"))
           .reset_index())
    out.insert(0, "清洗步骤", out["step"].map(STEP_LABELS).fillna(out["step"]))
    return table_view(out.rename(columns={"step": "代码"}))


def key_decisions(ds: Dataset):
    """The decisions that change a number's meaning, in full, with their evidence."""
    log = ds.cleaning_log
    keep = log[log["step"].isin(["unit_fixed", "implausible", "unit_from_catalogue", "baseline_from_prose",
                                 "value_from_prose"])]
    names = ds.sources.entity_names()
    return table_view(pd.DataFrame({
        "县市": keep["entity"].map(lambda e: names[e][0]),
        "指标": keep["indicator_id"].map(lambda i: ds.catalogue.indicators[i].name_zh),
        "清洗步骤": keep["step"].map(STEP_LABELS).fillna(keep["step"]),
        "清洗决定": keep["decision"], "依据": keep["evidence"],
        "来源": keep["source_file"] + ":" + keep["source_line"].astype("Int64").astype("string").fillna(""),
    }))


def disagreements(ds: Dataset):
    c = ds.consistency
    return table_view(pd.DataFrame({
        "县市": c["entity"].map(lambda e: ds.sources.entity_names()[e][0]),
        "指标": c["indicator_name_zh"], "类型": c["check"].map(CHECK_LABELS), "年份": c["year"].astype("Int64"),
        "说明": c["explanation_zh"],
        "表格（行）": c["table_quote"].str.slice(0, 40) + "（第" + c["table_line"].astype("string") + "行）",
        "正文（行）": c["prose_quote"] + "（第" + c["prose_line"].astype("string") + "行）",
    }))


def check_counts(ds: Dataset):
    c = ds.checks
    counts = (c.assign(类型=c["check"].map(CHECK_LABELS), status=c["status"].map(STATUS_LABELS))
              .pivot_table(index="类型", columns="status", values="indicator_id", aggfunc="size", fill_value=0))
    counts.columns.name = None
    return table_view(counts.reset_index())


def baselines(ds: Dataset):
    """Values the prose gives for years before its plan's base year (e.g. a 十四五 plan's 十三五 start)."""
    ind = ds.indicators
    base_year = {p.name: p.base_year for p in ds.sources.periods()}
    b = ind[(ind["origin"] == "prose") & (ind["year"] < ind["plan"].map(base_year))]
    log = ds.cleaning_log
    said = derivations(zip(log["entity"], log["indicator_id"], log["step"], log["values"]), "zh")
    b = b.assign(kind=b["kind"].map(KIND_LABELS).fillna(b["kind"]),
                 derivation=[said.get((e, i, int(y)), d) for e, i, y, d in
                             zip(b["entity"], b["indicator_id"], b["year"], b["derivation"])])
    return table_view(_labelled(b[["entity_name_zh", "plan", "indicator_name_zh", "year", "value", "unit", "kind",
                                   "derivation", "source_line", "source_text"]]))


def comparability(ds: Dataset):
    cat = ds.catalogue
    status = {"caveat": words("zh")("report.caveat"), "not_comparable": words("zh")("report.not_comparable_status")}
    rows = [{"指标": i.name_zh, "可比性": status.get(i.comparability, i.comparability), "原因": i.comparability_reason}
            for i in cat.indicators.values() if i.comparability != "same"]
    rows += [{"指标": " ↔ ".join(cat.indicators[x].name_zh for x in r.indicators),
              "可比性": status.get(r.status, r.status), "原因": r.reason} for r in cat.relations]
    return table_view(pd.DataFrame(rows))


def monitoring_rows(ds: Dataset):
    """The yearly actuals read from the monitoring workbooks, with their file, sheet and cell."""
    m = ds.indicators[ds.indicators["origin"] == "monitoring"]
    m = m.assign(note=m["note_values"].map(lambda n: notes_text(n, words("zh"))))
    return table_view(_labelled(m[["entity_name_zh", "indicator_name_zh", "year", "value", "unit", "source_file",
                                   "source_sheet", "source_cell", "note"]]))
