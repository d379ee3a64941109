"""Tables the analysis notebooks show an analyst: the comparison and the progress results."""
from __future__ import annotations

import pandas as pd

from helpers.formatting import number, percent


def _pct(x) -> str:
    return percent(x, missing="")


def _num(x) -> str:
    return number(x, missing="")


def province_view(comparison: pd.DataFrame) -> pd.DataFrame:
    c = comparison[comparison["comparison"] == "county_vs_province"]
    return pd.DataFrame({
        "县市": c["entity_name_zh"], "指标": c["indicator_name_zh"], "单位": c["unit"],
        "最新实际": c["latest_value"].map(_num),
        "2025目标": c["target_comparator"].fillna("").replace("=", "") + c["target_value"].map(_num),
        "省目标": c["other_value"].map(_num),
        "比较方式": c["basis"].map({"share of province": "占全省比重", "gap and ratio": "差距与比值"}),
        "最新/省": [_pct(s) if b == "share of province" else _pct(r)
                   for b, s, r in zip(c["basis"], c.get("latest_share_of_province"), c.get("latest_ratio"))],
        "目标/省": [_pct(s) if b == "share of province" else _pct(r)
                   for b, s, r in zip(c["basis"], c.get("target_share_of_province"), c.get("target_ratio"))],
        "目标不低于省目标": c.get("target_meets_province").map({True: "是", False: "否"}).fillna("—"),
        "可比性": c["comparability"], "说明": c["comparability_reason"].where(c["comparability"] != "same", ""),
    })


def county_view(comparison: pd.DataFrame) -> pd.DataFrame:
    c = comparison[(comparison["comparison"] == "county_vs_county") & (comparison["comparability"] != "not_comparable")]
    return pd.DataFrame({
        "指标": c["indicator_name_zh"], "单位": c["unit"],
        "县市A": c["entity_name_zh"], "A最新": c["latest_value"].map(_num), "A目标": c["target_value"].map(_num),
        "县市B": c["other_name_zh"], "B最新": c["other_value"].map(_num), "B目标": c["other_target_value"].map(_num),
        "最新A/B": c["latest_ratio"].map(lambda x: "" if pd.isna(x) else f"{x:.2f}"),
        "可比性": c["comparability"], "说明": c["comparability_reason"].where(c["comparability"] != "same", ""),
    })


def not_comparable_view(comparison: pd.DataFrame) -> pd.DataFrame:
    c = comparison[comparison["comparability"] == "not_comparable"]
    return pd.DataFrame({
        "县市A·指标": c["entity_name_zh"] + "·" + c["indicator_name_zh"],
        "县市B·指标": c["other_name_zh"] + "·" + c["other_indicator_name_zh"], "不可比较的原因": c["comparability_reason"],
    })


def progress_view(progress: pd.DataFrame) -> pd.DataFrame:
    p = progress
    return pd.DataFrame({
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
    })


