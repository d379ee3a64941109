"""The results workbook that goes back to the analysts with each report.

    python -m helpers results-workbook OUT.xlsx [--processed-dir D] [--year Y] [--entities a,b]

One sheet each for the processed indicators, the comparison, the progress results (with the plan judgement:
完成进度, 序时进度, 终期评估, Open SDG's ratio), per county the targets met at the final evaluation, and the outlook
for drafting the next plan; with frozen headers, number formats, column widths, and progress categories and
judgements coloured like the report's traffic lights. The comparison, progress and outlook sheets are
comparison.csv, trends.csv and outlook.csv as the analysis wrote them (helpers.analyse.read_tables), never
recomputed; every analysis table gets its sheet (named in the wording under workbook.sheets).
"""
from __future__ import annotations

from pathlib import Path

from helpers import paths
from helpers.analyse import AnalysisInputs, target_counts
from helpers.analyse.evaluation import SCHEDULE_COLOURS
from helpers.analyse.growth import CATEGORY_COLOURS, category_label
from helpers.atomic import replaced_when_done
from helpers.outputs import write_xlsx
from helpers.wording import words

# Each analysis table's sheet: its wording key under workbook.sheets (a new table: its file name's stem).
SHEET_KEYS = {paths.COMPARISON_CSV: "comparison", paths.TRENDS_CSV: "progress", paths.OUTLOOK_CSV: "outlook"}
PERCENT = "0.0%"
NUMBER = "#,##0.####"


def key_columns(lang: str) -> list[str]:
    """The columns an analyst reads first: county, indicator, latest, target, judgement (then the province's
    target and whether the county's meets it, where a sheet has them)."""
    return [f"entity_name_{lang}", f"indicator_name_{lang}", "year", "kind", "value", "unit", "latest_year",
            "latest_value", "target_year", "target_value", f"progress_label_{lang}", f"schedule_label_{lang}",
            "other_value", "target_meets_province", "source_file", "source_line"]


def write_results(inputs: AnalysisInputs, tables: dict, path: Path, lang: str = "zh") -> Path:
    """The processed indicators and the analysis tables (as read by helpers.analyse.read_tables)."""
    ind = inputs.indicators
    ind = ind[ind["entity"].isin(inputs.entities + [inputs.province])]
    colours = {}
    for category, colour in CATEGORY_COLOURS.items():
        colours[category] = colour
        colours[category_label(category, "zh")] = colour
        colours[category_label(category, "en")] = colour
    judgement_colours = dict(SCHEDULE_COLOURS)
    for judgement, colour in SCHEDULE_COLOURS.items():
        for language in ("zh", "en"):
            judgement_colours[words(language)(f"plan_cycle.schedule.{judgement}")] = colour
    formats = {c: PERCENT for c in ("historical_growth", "required_growth", "trend_annual_growth",
                                    "trend_probability_meets_target", "latest_share_of_province",
                                    "target_share_of_province", "progress_share", "schedule_share",
                                    "completion_rate", "observed_growth_since_base",
                                    "required_growth_base_to_target", "implied_annual_growth",
                                    "achieved_growth_last_period", "required_growth_next_period",
                                    "acceleration_needed")}
    formats.update({c: NUMBER for c in ("value", "baseline_value", "latest_value", "target_value", "other_value",
                                        "trend_projection", "trend_pi_lower", "trend_pi_upper", "latest_gap",
                                        "target_gap", "other_target_value", "base_value", "evaluated_value",
                                        "gap_to_target", "last_actual_value", "projection", "pi80_lower",
                                        "pi80_upper", "pi95_lower", "pi95_upper", "next_target_value",
                                        "ended_base_value", "ended_target_year_value", "next_base_value")})
    formats.update({c: "0.00" for c in ("progress_ratio", "latest_ratio", "target_ratio", "sdg_progress_ratio")})
    fills = {c: colours for c in ("progress_category", "progress_label_zh", "progress_label_en",
                                  "sdg_progress_category")}
    fills.update({c: judgement_colours for c in ("schedule_judgement", "schedule_label_zh", "schedule_label_en")})
    with replaced_when_done(path) as partial:
        names = inputs.sources.entity_names()
        frames = {"indicators": ind.copy()}
        for name, table in tables.items():     # every analysis table, in the order the analysis writes them
            frames[SHEET_KEYS.get(name, Path(name).stem)] = table.copy()
            if name == paths.TRENDS_CSV:        # per county, from trends.csv
                frames["final_evaluation"] = target_counts(table)
        for frame in frames.values():
            if "entity" in frame and "entity_name_en" not in frame:
                frame["entity_name_en"] = frame["entity"].map(lambda e: names.get(e, (e, e))[1])
            if "indicator_id" in frame and "indicator_name_en" not in frame:
                frame["indicator_name_en"] = frame["indicator_id"].map(
                    lambda i: inputs.catalogue.indicators[i].name_en if i in inputs.catalogue.indicators else i)
        w = words(lang)
        sheets = {w(f"workbook.sheets.{key}"): frame for key, frame in frames.items()}
        write_xlsx(sheets, partial, number_formats=formats, fills=fills, labels=w.table("workbook.columns"),
                   first=key_columns(lang), for_print=True)
    return Path(path)
