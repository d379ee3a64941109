"""The results workbook that goes back to the analysts with each report.

    python -m helpers results-workbook OUT.xlsx [--processed-dir D] [--year Y] [--entities a,b]

One sheet each for the processed indicators, the comparison and the progress results, with frozen
headers, number formats, column widths, and progress categories coloured like the report's traffic lights.
"""
from __future__ import annotations

from pathlib import Path

from helpers.analyse import (
    AnalysisInputs,
    comparison_table,
    progress_table,
)
from helpers.analyse.growth import CATEGORY_COLOURS, category_label
from helpers.atomic import replaced_when_done
from helpers.outputs import write_xlsx

PERCENT = "0.0%"
NUMBER = "#,##0.####"


def write_results(inputs: AnalysisInputs, path: Path) -> Path:
    ind = inputs.indicators
    ind = ind[ind["entity"].isin(inputs.entities + [inputs.province])]
    progress = progress_table(inputs)
    comparison = comparison_table(inputs)
    colours = {}
    for category, colour in CATEGORY_COLOURS.items():
        colours[category] = colour
        colours[category_label(category, "zh")] = colour
        colours[category_label(category, "en")] = colour
    formats = {c: PERCENT for c in ("historical_growth", "required_growth", "trend_annual_growth",
                                    "trend_probability_meets_target", "latest_share_of_province",
                                    "target_share_of_province")}
    formats.update({c: NUMBER for c in ("value", "baseline_value", "latest_value", "target_value", "other_value",
                                        "trend_projection", "trend_pi_lower", "trend_pi_upper", "latest_gap",
                                        "target_gap", "other_target_value")})
    formats.update({c: "0.00" for c in ("progress_ratio", "latest_ratio", "target_ratio")})
    with replaced_when_done(path) as partial:
        write_xlsx({"指标数据 indicators": ind, "比较 comparison": comparison, "进度 progress": progress}, partial,
                   number_formats=formats,
                   fills={c: colours for c in ("progress_category", "progress_label_zh", "progress_label_en")})
    return Path(path)
