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

import pandas as pd

from helpers.analyse import AnalysisInputs, target_counts
from helpers.analyse import evaluation as ev
from helpers.analyse.evaluation import JUDGEMENTS
from helpers.analyse.growth import CATEGORIES, RATE_ABSOLUTE, RATIO_PLACES, category_label, ratio_places
from helpers.analyse.progress import verdict_label
from helpers.core import paths
from helpers.core.config import Catalogue, PlanPeriod, plan_number
from helpers.core.periods import FINAL_PHASES, period_label
from helpers.core.records import place_of_row
from helpers.core.style import LIGHTS
from helpers.core.wording import LANGS, derivations, notes_text, place_text, words, words_for
from helpers.files.atomic import replaced_when_done
from helpers.files.outputs import write_xlsx
from helpers.files.processed import read_processed

# Each analysis table's sheet: its wording key under workbook.sheets (a new table: its file name's stem).
SHEET_KEYS = {paths.COMPARISON_CSV: "comparison", paths.TRENDS_CSV: "progress", paths.OUTLOOK_CSV: "outlook"}
PERCENT = "0.0%"
NUMBER = "#,##0.####"
# Each annual growth and the column that says how it was worked out: a rate (PERCENT), or, where a value is 0 and a
# rate is undefined (RATE_ABSOLUTE), a change per year in the indicator's unit, written as the report writes it
# (0.2/年), never as a percentage.
GROWTH_METHOD = {"historical_growth": "growth_method", "required_growth": "growth_method",
                 "observed_growth_since_base": "sdg_growth_method",
                 "required_growth_base_to_target": "sdg_growth_method",
                 "achieved_growth_last_period": "growth_method", "required_growth_next_period": "growth_method",
                 "acceleration_needed": "growth_method", "growth_since_ended": "since_growth_method"}


def key_columns(lang: str) -> list[str]:
    """The columns an analyst reads first: county, indicator, latest, target, judgement (then what the figure
    compared with is, that figure, and whether the county's target meets the province's, where a sheet has them;
    the outlook's projection, its narrow interval and the next target)."""
    return [f"entity_name_{lang}", f"indicator_name_{lang}", "year", "kind", "value", "unit", "latest_year",
            "latest_value", "target_year", "target_value", "verdict", "progress_category", "schedule_judgement",
            "other_value_is", "other_value", "target_meets_province", "last_actual_year", "last_actual_value",
            "projection", "projection_caution", "pi_narrow_lower", "pi_narrow_upper", "next_target_value",
            "target_reading", "source_file", "source_line"]


def write_results(inputs: AnalysisInputs, tables: dict, path: Path, lang: str = "zh") -> Path:
    """The processed indicators and the analysis tables (as read by helpers.analyse.read_tables)."""
    ind = inputs.indicators
    ind = ind[ind["entity"].isin(inputs.entities + [inputs.province])]
    # Each code, and its label in either language, coloured like the report's traffic light.
    colours = {name: LIGHTS[category] for category in CATEGORIES
               for name in (category, *(category_label(category, language) for language in LANGS))}
    judgement_colours = {name: LIGHTS[judgement] for judgement in JUDGEMENTS
                         for name in (judgement, *(words(language)(f"plan_cycle.schedule.{judgement}")
                                                   for language in LANGS))}
    formats = {c: PERCENT for c in ("historical_growth", "required_growth", "trend_annual_growth",
                                    "trend_probability_meets_target", "latest_share_of_province",
                                    "target_share_of_province", "progress_share", "schedule_share",
                                    "completion_rate", "observed_growth_since_base",
                                    "required_growth_base_to_target", "implied_annual_growth",
                                    "achieved_growth_last_period", "required_growth_next_period",
                                    "acceleration_needed", "growth_since_ended")}
    formats.update({c: NUMBER for c in ("value", "baseline_value", "latest_value", "target_value", "other_value",
                                        "trend_projection", "trend_pi_lower", "trend_pi_upper", "latest_gap",
                                        "target_gap", "other_target_value", "base_value", "evaluated_value",
                                        "gap_to_target", "last_actual_value", "projection", "pi_narrow_lower",
                                        "pi_narrow_upper", "pi_wide_lower", "pi_wide_upper", "next_target_value",
                                        "ended_base_value", "ended_target_year_value", "ended_target_value",
                                        "next_base_value")})
    formats.update({c: "0.00" for c in ("progress_ratio", "sdg_progress_ratio")})
    formats.update({c: _places_format(RATIO_COLUMN_PLACES, False) for c in ("latest_ratio", "target_ratio")})
    fills = {c: colours for c in ("progress_category", "sdg_progress_category")}
    fills["schedule_judgement"] = judgement_colours
    fills["verdict"] = {verdict_label(code, lang, final): colour for final in (False, True)
                        for code, colour in LIGHTS.items()}
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
        per_year = {key: _changes_per_year(frame, f'{NUMBER}"{w("views.per_year", value="")}"') |
                    _beside_judgement(frame, inputs.catalogue) for key, frame in frames.items()}
        log = read_processed(inputs.processed_dir, paths.CLEANING_LOG_CSV)
        said = derivations(zip(log["entity"], log["indicator_id"], log["step"], log["values"]), lang)
        frames = {key: in_reading_order(for_readers(frame, inputs, lang, said), lang) for key, frame in frames.items()}
        sheets = {w(f"workbook.sheets.{key}"): frame for key, frame in frames.items()}
        write_xlsx(sheets, partial, number_formats=formats, fills=fills, labels=w.table("workbook.columns"),
                   first=key_columns(lang), for_print=True,
                   row_formats={w(f"workbook.sheets.{key}"): formats for key, formats in per_year.items()})
    return Path(path)


# The places of the ratios to another's figure (latest_ratio, target_ratio: 0.00); one to the province's target beside
# meeting it is written with more where these would put it across 1 (_beside_judgement).
RATIO_COLUMN_PLACES = 2


def _changes_per_year(frame: pd.DataFrame, number_format: str) -> dict[str, dict[int, str]]:
    """The rows (by position) of each growth column that hold a change per year (GROWTH_METHOD), and their format."""
    out = {}
    for column, method in GROWTH_METHOD.items():
        if column in frame and method in frame:
            out[column] = {i: number_format for i, m in enumerate(frame[method]) if m == RATE_ABSOLUTE}
    return out


def _places_format(places: int, percent: bool) -> str:
    return ("0." + "0" * places if places else "0") + ("%" if percent else "")


def _beside_judgement(frame: pd.DataFrame, catalogue: Catalogue | None = None) -> dict[str, dict[int, str]]:
    """The rows (by position) whose 完成进度 and 序时进度, 完成率, R or ratio to the province's target need more places
    than their column's to stay on their judgement's side of the line (helpers.core.formatting.places_beside: 0.9996
    is 100.0% at the column's 0.0%, beside 未达标; it is written 0.00%, 99.96%), and their format. The ratios to the
    province's target need the indicators' directions (`catalogue`)."""
    out: dict[str, dict[int, str]] = {}

    def more(column: str, places: list[int], usual: int, percent: bool) -> None:
        rows = {i: _places_format(p, percent) for i, p in enumerate(places) if p > usual}
        if rows:
            out[column] = rows

    if "progress_share" in frame and "schedule_share" in frame:
        places = [ev.share_places(a, b) for a, b in zip(frame["progress_share"], frame["schedule_share"])]
        more("progress_share", places, ev.SHARE_PLACES, True)
        more("schedule_share", places, ev.SHARE_PLACES, True)
    if "completion_rate" in frame:
        more("completion_rate", [ev.rate_places(r) for r in frame["completion_rate"]], ev.RATE_PLACES, True)
    for column in ("sdg_progress_ratio", "progress_ratio"):
        if column in frame:
            more(column, [ratio_places(r) for r in frame[column]], RATIO_PLACES, False)
    if "comparison" in frame and catalogue is not None:   # a county's target and latest actual, beside meeting
        indicators = catalogue.indicators                 # the province's target
        for column in ("target_ratio", "latest_ratio"):
            if column not in frame:
                continue
            more(column, [ev.province_ratio_places(r, indicators[i].direction, RATIO_COLUMN_PLACES, percent=False)
                          if kind == "county_vs_province" and i in indicators else RATIO_COLUMN_PLACES
                          for r, i, kind in zip(frame[column], frame["indicator_id"], frame["comparison"])],
                 RATIO_COLUMN_PLACES, False)
    return out


# Columns an analyst rarely reads on paper: ids, the fitted line's parameters. With the other language's columns
# they go last, into the collapsed group that a printed page leaves out.
SECONDARY = ("entity", "indicator_id", "other", "other_indicator_id", "trend_scale", "trend_intercept",
             "trend_slope", "trend_projection_year", "sources", "note_values")
# After the key columns, before the rest: how a value was stated and where it comes from.
THEN = ["comparator", "target_comparator", "latest_comparator", "evaluated_comparator", "last_actual_comparator",
        "quality", "origin", "plan", "derivation", "note", "source_file", "source_place", "source_line",
        "source_sheet", "source_cell"]
# Text columns in Chinese only, beside their English counterpart (every note is said in the reader's language).
CHINESE_ONLY = ("comparability_reason", "met_indicators", "missed_indicators")


def in_reading_order(frame, lang: str):
    """Key columns first (county, indicator, latest, target, judgement), then the columns in the reader's
    language, then ids, codes and the other language's columns."""
    other = ("_en", ()) if lang == "zh" else ("_zh", CHINESE_ONLY)
    later = [c for c in frame.columns if c in SECONDARY or c.endswith(other[0]) or c in other[1]]
    keys = [c for c in dict.fromkeys(key_columns(lang) + THEN) if c in frame.columns and c not in later]
    rest = [c for c in frame.columns if c not in keys and c not in later]
    return frame[keys + rest + later]


# Columns whose coded values the workbook writes in words (the wording table at each key); the CSVs keep the
# codes, and the ids (entity, indicator_id) stay ids.
VALUE_MAPS = {**{column: f"workbook.values.{key}" for column, key in {
    "kind": "kind", "baseline_kind": "kind", "origin": "origin", "quality": "quality", "comparison": "comparison",
    "basis": "basis", "comparability": "comparability", "direction": "direction", "measure": "measure",
    "growth_method": "method", "sdg_growth_method": "method", "since_growth_method": "method",
    "trend_method": "trend_method",
    "trend_scale": "trend_scale", "target_position": "target_position", "projection_caution": "caution",
    "trend_projection_caution": "caution", "attribute": "attribute", "target_attribute": "attribute"}.items()},
    "progress_category": "categories", "sdg_progress_category": "categories",
    "schedule_judgement": "plan_cycle.schedule", "target_reading": "plan_cycle.outlook",
    "pace_since_ended": "plan_cycle.pace",
    "plan_phase": "plan_cycle.phases"}
# Columns of stored notes (JSON lists of {code, values}), written as text from the wording group beside them.
NOTES = {"note_values": ("note", "notes"), "progress_notes": ("progress_notes", "progress_notes"),
         "evaluation_notes": ("evaluation_notes", "evaluation_notes"), "trend_notes": ("trend_notes", "trend_notes"),
         "sdg_notes": ("sdg_notes", "sdg_notes")}
YES_NO = ("target_met", "ended_target_met", "ended_plan_estimate_only", "hold_target", "target_meets_province",
          "latest_meets_province",
          "next_plan_configured", "approximate", "cumulative", "estimated", "target_binding", "target_approximate",
          "target_cumulative", "base_estimated", "base_preliminary", "evaluated_preliminary", "latest_preliminary",
          "other_target_binding", "other_target_approximate",
          "other_target_cumulative")
PERIOD_COLUMNS = ("plan", "other_plan", "ended_plan", "next_plan")


def for_readers(frame, inputs: AnalysisInputs, lang: str, said: dict):
    """A sheet as a reader of `lang` reads it: coded values in words, yes / no, each value's derivation in the
    reader's language (from the cleaning log's neutral record); in English the units' and periods' English
    names, and English counterparts of the columns that are Chinese only (names, reasons, lists of targets).
    Text quoted from the documents (source_text, source_name, source_unit, category) stays as written."""
    w = words_for(lang, inputs.catalogue)
    frame = frame.copy()
    if "comparison" in frame and "other_value" in frame:
        # What other_value holds, row by row: the province's target, the other county's latest actual, or the
        # median of the other counties' actuals (one column of comparison.csv, three kinds of figure).
        kinds = w.table("workbook.values.other_value_is")
        frame["other_value_is"] = [kinds.get(c) if isinstance(c, str) and pd.notna(v) else None
                                   for c, v in zip(frame["comparison"], frame["other_value"])]
    frame = _in_words(frame, w)
    if "source_file" in frame:   # the plans are in data/raw/, the monitoring workbooks in data/raw/monitoring/
        frame["source_file"] = frame["source_file"].map(lambda f: Path(f).name if isinstance(f, str) and f else f)
    for column, (written, group) in NOTES.items():
        if column in frame:
            frame[written] = frame[column].map(lambda n, g=group: notes_text(n, w, g))
    if "source_place" in frame:   # where, as its format has it: 第48行, 表1第3行第5列, 第2页第5行, 单元格B5 …
        frame["source_place"] = [place_text(place_of_row(r), w) if isinstance(r["source_file"], str) and
                                 r["source_file"] else "" for r in frame.to_dict("records")]
    if "outlook_notes" in frame:   # outlook.csv: its notes, said in the reader's language where they were
        frame["note"] = frame.pop("outlook_notes").map(lambda n: notes_text(n, w, "outlook_notes"))
    if "derivation" in frame:
        frame["derivation"] = [said.get((e, i, int(y)), d) if isinstance(d, str) and d else d for e, i, y, d in
                               zip(frame["entity"], frame["indicator_id"], frame["year"], frame["derivation"])]
    return frame if lang == "zh" else _in_english(frame, inputs, w)


def _in_words(frame, w):
    """Coded values (the verdict, VALUE_MAPS, plan phases, yes / no) in the wording's words."""
    if "verdict" in frame:   # 达标 at a final evaluation, 已达目标 before it: the verdict's words need its phase
        frame["verdict"] = [verdict_label(code, w.lang, phase in FINAL_PHASES) if isinstance(code, str) else code
                            for code, phase in zip(frame["verdict"], frame["plan_phase"])]
    maps = {column: w.table(key) for column, key in VALUE_MAPS.items()}
    for column, words_of in maps.items():
        if column in frame:
            frame[column] = frame[column].map(lambda v, m=words_of: m.get(v, v) if isinstance(v, str) else v)
    yes, no = w("workbook.values.yes"), w("workbook.values.no")
    for column in YES_NO:
        if column in frame:
            frame[column] = frame[column].map(lambda v: None if v is None or v is pd.NA or v != v
                                              else yes if bool(v) else no)
    return frame


def _in_english(frame, inputs: AnalysisInputs, w):
    """Units and period names in English, and English counterparts of the Chinese-only text columns."""
    catalogue = inputs.catalogue.indicators
    names = inputs.sources.entity_names()
    if "unit" in frame:
        frame["unit"] = frame["unit"].map(lambda u: w.unit(u) if isinstance(u, str) else u)
    for column in PERIOD_COLUMNS:
        if column in frame:
            # (a name that is no 十n五's, 人才三年行动, as written: its English label needs its years, which this
            # column lacks; an empty next_plan, a next period without a name, stays empty beside its years)
            frame[column] = frame[column].map(
                lambda n: period_label(PlanPeriod(n, 0, 0), "en") if isinstance(n, str) and n and
                (plan_number(n) is not None or n.isascii()) else n)
    if "other_name_zh" in frame:
        frame["other_name_en"] = [names[o][1] if o in names else w("workbook.values.peer_median")
                                  for o in frame["other"]]
    if "other_indicator_id" in frame:
        frame["other_indicator_name_en"] = frame["other_indicator_id"].map(
            lambda i: catalogue[i].name_en if isinstance(i, str) and i in catalogue else None)
    if "comparability_reason" in frame:
        frame["comparability_reason_en"] = [_reason_en(inputs, a, b) for a, b in zip(
            frame["indicator_id"], frame.get("other_indicator_id", pd.Series([None] * len(frame))))]
    by_name = {i.name_zh: i.name_en for i in catalogue.values()}
    for column in ("met_indicators", "missed_indicators"):
        if column in frame:
            frame[f"{column}_en"] = frame[column].map(
                lambda t: ", ".join(_names_in(t, by_name)) if isinstance(t, str) else t)
    return frame


def _names_in(text: str, by_name: dict[str, str]) -> list[str]:
    """The indicators of a list written with 、 (their English names), the longest name first: a name may hold
    a 、 itself (院士专家工作站、博士后科研工作站总量)."""
    names = sorted(by_name, key=len, reverse=True)
    out = []
    while text:
        name = next((n for n in names if text.startswith(n)), None)
        if name is None:
            name = text.split("、", 1)[0]
        out.append(by_name.get(name, name))
        text = text[len(name):].removeprefix("、")
    return out


def _reason_en(inputs: AnalysisInputs, indicator_id: str, other_indicator_id) -> str:
    """The catalogue's English reason for a comparison: the pair's, else the indicator's own."""
    catalogue = inputs.catalogue
    if isinstance(other_indicator_id, str) and other_indicator_id and other_indicator_id != indicator_id:
        relation = catalogue.relation(indicator_id, other_indicator_id)
        if relation is not None:
            return relation.reason_en
    ind = catalogue.indicators.get(indicator_id)
    return ind.comparability_reason_en if ind is not None else ""
