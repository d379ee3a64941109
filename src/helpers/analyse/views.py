"""Tables the analysis notebooks show an analyst: the comparison and the progress results.

Each returns a pandas Styler (helpers.core.formatting.table_view: text left-aligned, numbers right-aligned, no
index); the table itself is its `.data`.
"""
from __future__ import annotations

import pandas as pd

from helpers.core.formatting import interval, number, percent, projection, table_view
from helpers.core.wording import words


def _pct(x) -> str:
    return percent(x, missing="")


def _num(x) -> str:
    return number(x, missing="")


def province_view(comparison: pd.DataFrame):
    c = comparison[comparison["comparison"] == "county_vs_province"]
    return table_view(pd.DataFrame({
        "县市": c["entity_name_zh"], "指标": c["indicator_name_zh"], "单位": c["unit"],
        "规划": c["plan"],
        "最新实际": c["latest_year"].astype("string").fillna("") + " " + c["latest_value"].map(_num),
        "规划目标": c["target_year"].astype("string").fillna("") + " "
        + c["target_comparator"].fillna("").replace("=", "") + c["target_value"].map(_num),
        "省目标": c["other_year"].astype("string").fillna("") + " " + c["other_value"].map(_num),
        "比较方式": c["basis"].map({"share of province": "占全省比重", "gap and ratio": "差距与比值"}),
        "最新/省": [_pct(s) if b == "share of province" else _pct(r)
                   for b, s, r in zip(c["basis"], c.get("latest_share_of_province"), c.get("latest_ratio"))],
        "目标/省": [_pct(s) if b == "share of province" else _pct(r)
                   for b, s, r in zip(c["basis"], c.get("target_share_of_province"), c.get("target_ratio"))],
        "目标不低于省目标": c.get("target_meets_province").map({True: "是", False: "否"}).fillna("—"),
        "可比性": c["comparability"], "说明": c["comparability_reason"].where(c["comparability"] != "same", ""),
    }))


def county_view(comparison: pd.DataFrame):
    c = comparison[(comparison["comparison"] == "county_vs_county") & (comparison["comparability"] != "not_comparable")]
    if c.empty:  # one county: nothing to compare it with
        return table_view(pd.DataFrame())
    return table_view(pd.DataFrame({
        "指标": c["indicator_name_zh"], "单位": c["unit"],
        "县市A": c["entity_name_zh"], "A最新": c["latest_value"].map(_num), "A目标": c["target_value"].map(_num),
        "县市B": c["other_name_zh"], "B最新": c["other_value"].map(_num), "B目标": c["other_target_value"].map(_num),
        "最新A/B": c["latest_ratio"].map(lambda x: "" if pd.isna(x) else f"{x:.2f}"),
        "可比性": c["comparability"], "说明": c["comparability_reason"].where(c["comparability"] != "same", ""),
    }))


def not_comparable_view(comparison: pd.DataFrame):
    c = comparison[comparison["comparability"] == "not_comparable"]
    if c.empty:
        return table_view(pd.DataFrame())
    return table_view(pd.DataFrame({
        "县市A·指标": c["entity_name_zh"] + "·" + c["indicator_name_zh"],
        "县市B·指标": c["other_name_zh"] + "·" + c["other_indicator_name_zh"],
        "不可比较的原因": c["comparability_reason"],
    }))


def progress_view(progress: pd.DataFrame):
    p = progress
    return table_view(pd.DataFrame({
        "县市": p["entity_name_zh"], "指标": p["indicator_name_zh"], "单位": p["unit"],
        "基期": p["baseline_year"].astype("string").fillna("") + " " + p["baseline_value"].map(_num),
        "最新": p["latest_year"].astype("string").fillna("") + " " + p["latest_value"].map(_num),
        "目标": p["target_year"].astype("string").fillna("") + " " + p["target_comparator"].fillna("").replace("=", "")
        + p["target_value"].map(_num),
        "已实现增速": [_pct(h) if m.startswith("compound") else _num(h) for h, m in
                   zip(p["historical_growth"], p["growth_method"].fillna(""))],
        "所需增速": [("＞" if c == ">" else "") + (_pct(r) if m.startswith("compound") else
                                                 (_num(r) + "/年" if _num(r) else ""))
                 for r, m, c in zip(p["required_growth"], p["growth_method"].fillna(""),
                                    p["required_growth_comparator"])],
        "R": p["progress_ratio"].map(lambda x: "" if pd.isna(x) else f"{x:.2f}"),
        "进度": p["progress_label_zh"], "说明": p["progress_reason_zh"],
        "趋势方法": p["trend_method"],
    }))


def _ratio(x) -> str:
    return "" if pd.isna(x) else f"{x:.2f}"


def plan_view(progress: pd.DataFrame):
    """The plan judgement per county and indicator: 完成进度 against 序时进度 in the period; met or not, 完成率 and
    the gap at the final evaluation; Open SDG's ratio from the plan's base year."""
    p = progress
    met = p["target_met"].map(lambda m: "" if pd.isna(m) else ("达标" if m else "未达标"))
    return table_view(pd.DataFrame({
        "县市": p["entity_name_zh"], "规划": p["plan"], "指标": p["indicator_name_zh"], "单位": p["unit"],
        "方向": p["direction"].map({"higher": "越高越好", "lower": "越低越好"}),
        "基期值": p["base_year"].astype("string").fillna("") + " " + p["base_value"].map(_num),
        "评估值": p["evaluated_year"].astype("string").fillna("") + " " + p["evaluated_value"].map(_num),
        "目标": p["target_comparator"].fillna("").replace("=", "") + p["target_value"].map(_num),
        "完成进度": p["progress_share"].map(_pct), "序时进度": p["schedule_share"].map(_pct),
        "判断": p["schedule_label_zh"].fillna(""), "终期": met,
        "完成率": p["completion_rate"].map(_pct), "差距": p["gap_to_target"].map(_num),
        "已实现增速（基期起）": p["observed_growth_since_base"].map(_pct),
        "所需增速（基期至目标）": p["required_growth_base_to_target"].map(_pct),
        "SDG R": p["sdg_progress_ratio"].map(_ratio),
        "说明": p["evaluation_note_zh"].fillna(""),
    }))


def target_counts_view(counts: pd.DataFrame):
    """Per county: N of M targets met at the final evaluation, and which."""
    c = counts
    return table_view(pd.DataFrame({
        "县市": c["entity_name_zh"], "规划": c["plan"], "目标年份": c["target_year"],
        "达标": c["met"].astype(str) + " / " + c["judged"].astype(str), "未达标": c["missed"],
        "尚无目标年份实际值": c["not_judged"], "达标指标": c["met_indicators"], "未达标指标": c["missed_indicators"],
    }))




def outlook_view(outlook: pd.DataFrame):
    """Drafting the next plan: the trend projected to its target year with 80% and 95% intervals, the next
    target and where it falls, growth achieved in the plan that ended against growth the next target needs."""
    o = outlook

    def band(low, high) -> list[str]:     # rounded like the projection (helpers.formatting)
        return [interval(a, b, c, m, missing="") for a, b, c, m in zip(low, high, o["projection"], o["measure"])]

    w = words("zh")
    caution = {code: f"（{w('plan_cycle.outlook_short.unreliable_projection')}：{why}）"
               for code, why in w.table("workbook.values.caution").items()}
    projected = [projection(v, m, missing="") + caution.get(c, "") if isinstance(c, str) else projection(v, m, "")
                 for v, m, c in zip(o["projection"], o["measure"], o.get("projection_caution", [None] * len(o)))]

    return table_view(pd.DataFrame({
        "县市": o["entity_name_zh"], "指标": o["indicator_name_zh"], "单位": o["unit"],
        "下一期": o["next_plan"] + "（" + o["next_target_year"].astype("string").fillna("") + "）",
        "最新实际": o["last_actual_year"].astype("string").fillna("") + " " + o["last_actual_value"].map(_num),
        "趋势外推": projected, "80%区间": band(o["pi80_lower"], o["pi80_upper"]),
        "95%区间": band(o["pi95_lower"], o["pi95_upper"]), "隐含年均增速": o["implied_annual_growth"].map(_pct),
        "下一期目标": o["next_target_comparator"].fillna("").replace("=", "") + o["next_target_value"].map(_num),
        "目标在趋势中的位置": o["target_reading_zh"].fillna(""),
        "上一期已实现增速": o["achieved_growth_last_period"].map(_pct),
        "下一期所需增速": o["required_growth_next_period"].map(_pct),
        "趋势方法": o["trend_method"],
    }))
