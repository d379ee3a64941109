"""The data step: raw plan documents in, one clean, traceable indicator dataset out.

    ds = build(raw_dir, config_dir)   # reads and checks everything; raises InputError on bad input
    write(ds, processed_dir)          # writes all outputs, or none

Nothing is written until every input has been read and checked.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.core import paths
from helpers.core.config import (
    SUMMED_MEASURES,
    Catalogue,
    Plan,
    PlanPeriod,
    Sources,
    load_catalogue,
    load_sources,
    plan_path,
)
from helpers.core.errors import InputError, quoted
from helpers.core.formatting import COMPARATOR_SIGNS
from helpers.core.method import method_parameters, use_config_dir
from helpers.core.paths import display_path
from helpers.core.periods import plan_covering
from helpers.core.records import Check, Decision, Observation, note, place, place_ref
from helpers.core.text import normalisation_stats
from helpers.core.wording import decision_text, evidence_text, explanation_text, notes_text, words_for
from helpers.extract.cleaning import TableCleaner, implausible
from helpers.extract.consistency import VALUE_TOLERANCE, check_period_total, check_plan
from helpers.extract.documents.model import Place
from helpers.extract.manifest import unlisted, verify, verify_read
from helpers.extract.monitoring import check_in_line, check_plans_in_line, read_monitoring
from helpers.extract.plans import PlanDocument, read_plan
from helpers.extract.prose import ProseReader, ProseStatement
from helpers.extract.tables import (
    base_estimated_in_text,
    no_county_target_up_to_the_base,
    pattern_for,
    period_said,
    plan_period_entry,
    resolve_year_columns,
    suggested_period,
)
from helpers.files.atomic import staged_outputs
from helpers.files.fingerprint import data_step_record
from helpers.files.outputs import write_csv, write_xlsx
from helpers.files.processed import INTEGER_COLUMNS, sha256
from helpers.run import parameters

# The output contract: these columns, in this order, come first in indicators.csv.
CONTRACT_COLUMNS = ["entity", "indicator_id", "source_name", "year", "kind", "value", "comparator", "unit",
                    "source_unit", "source_file", "source_line", "source_text"]
EXTRA_COLUMNS = ["entity_name_zh", "indicator_name_zh", "indicator_name_en", "category", "source_value",
                 "origin", "derivation", "quality", "source_sheet", "source_cell", "plan", "note_values",
                 "source_place", "attribute", "approximate", "cumulative", "estimated"]
# What the plan's table says of a figure (helpers.records.Observation): `attribute` 约束性 (binding) or 预期性, as
# the 属性 column gives it; `approximate` 14左右; `cumulative` 〔3〕, a sum over the plan's years, never a level;
# `estimated` a 预计 column's figure.
FLAG_COLUMNS = ("approximate", "cumulative", "estimated")
# `plan`: the period name of the plan document a row comes from (十四五, 十五五, …); for a monitoring
# actual, the county's plan whose period holds its year (base year < year ≤ target year), else empty.
KIND_ORDER = {"actual": 0, "baseline_derived": 0, "target": 1}
CLEANING_LOG_COLUMNS = ["entity", "indicator_id", "source_file", "source_line", "step",
                        "values", "evidence_values", "source_place"]


@dataclass
class Dataset:
    indicators: pd.DataFrame
    cleaning_log: pd.DataFrame
    checks: pd.DataFrame
    sources: Sources
    catalogue: Catalogue
    raw_digests: dict[str, str]
    # Every input it is built from (helpers.files.fingerprint.record, as .inputs.json holds them), and what it held
    # when built: `write` publishes it only unchanged, so that build_info.json binds the outputs to these inputs.
    inputs: dict = field(default_factory=dict)
    built: str = ""

    @property
    def consistency(self) -> pd.DataFrame:
        """The disagreements between prose and table: what consistency.csv holds."""
        return self.checks[self.checks["status"] == "disagree"].reset_index(drop=True)


def build(raw_dir: Path = paths.RAW_DIR, config_dir: Path = paths.CONFIG_DIR) -> Dataset:
    # A relative folder is read from the project root (a notebook runs in notebooks/).
    raw_dir = parameters.folder(raw_dir, paths.RAW_DIR, "raw_dir")
    config_dir = parameters.folder(config_dir, paths.CONFIG_DIR, "config_dir")
    use_config_dir(config_dir)      # its method.yaml, as its sources.yaml and catalogue.yaml
    sources = load_sources(config_dir)
    catalogue = load_catalogue(config_dir)
    for plan in sources.plans:
        plan_path(raw_dir, plan, sources)   # every plan file inside the raw folder, before any is read
    parameters.check_holds_plans(raw_dir, [p.file for p in sources.plans], sources.path)
    new = unlisted(raw_dir, [p.file for p in sources.plans])
    for plan in sources.plans:
        if plan.file in new:
            # `make manifest` reads a plan before it records it: a plan it cannot read (a scan, a password, no table
            # under its title) says why now, not after the advice to run `make manifest` (redteam5)
            read_plan(plan_path(raw_dir, plan, sources), plan, sources)
    digests = verify(raw_dir, [p.file for p in sources.plans])
    inputs = data_step_record(raw_dir, config_dir)
    # Every plan read first: an entry without `plan_period` takes the period its document's title names
    # (helpers.extract.plan_period), and every later step (the prose, the workbooks, which plan a year belongs to)
    # reads the plans with their periods.
    documents = []
    for plan in sources.plans:
        path = plan_path(raw_dir, plan, sources)
        document = read_plan(path, plan, sources)
        verify_read(raw_dir, plan.file, document.linked_files)
        documents.append((path, document))
    sources = sources.with_periods({d.plan.file: d.plan.period for _, d in documents if d.plan.period_from},
                                   {d.plan.file: d.plan.period_from for _, d in documents if d.plan.period_from})
    reader = ProseReader(catalogue, sources)
    cleaner = TableCleaner(catalogue, sources)

    observations: list[Observation] = []
    decisions: list[Decision] = []
    checks: list[Check] = []
    for path, document in documents:
        plan = document.plan
        table = document.table
        _check_table_period(table, plan, sources)
        # a year-less base column (现状值) the plan's own words call estimates (预计2025年底…): read as estimates
        table = base_estimated_in_text(table, plan, [(p.place, p.text) for p in document.prose]
                                       + [(n.where, n.raw) for n in table.notes])
        statements = reader.read_paragraphs(plan.entity, path, document.prose, period=plan.period,
                                            places=document.structured)
        clean = cleaner.clean(plan, table, statements)
        observations += clean.observations
        decisions += clean.decisions
        decisions += _reading_decisions(plan.entity, document)
        decisions += _period_decisions(plan, document, sources.plan_period)
        prose_obs, prose_decisions = _from_prose(statements, clean.observations, plan, catalogue, clean.decisions)
        observations += prose_obs
        decisions += prose_decisions
        checks += check_plan(statements, clean.observations, catalogue, plan.period)

    observations, province_checks = _reconcile_province(observations, sources, catalogue)
    checks += province_checks
    monitored, monitoring_decisions = read_monitoring(raw_dir / paths.MONITORING_DIR, sources, catalogue)
    method = method_parameters()
    factor_place = f"{display_path(method.path)}, line {method.lines['monitoring.out_of_line_factor']}"
    check_in_line(monitored, observations, sources, catalogue, method.out_of_line_factor, factor_place)
    check_plans_in_line(observations, monitored, sources, catalogue, method.out_of_line_factor, factor_place)
    for obs in monitored:
        covering = plan_covering(sources.plans_of(obs.entity), obs.year)
        obs.plan = covering.period.name if covering else ""
    observations, same_checks, same_decisions = _reconcile_counties(observations + monitored, sources, catalogue)
    checks += same_checks
    checks += _check_period_totals(observations, sources, catalogue)
    decisions += monitoring_decisions + same_decisions
    ds = Dataset(
        indicators=_indicator_frame(observations, sources, catalogue),
        cleaning_log=_with_integers(cleaning_log_frame(decisions, catalogue)),
        # (vars: the checks are flat records, and asdict's deep copy cost seconds on a long plan)
        checks=_with_integers(pd.DataFrame([vars(c) for c in checks],
                                           columns=[f for f in Check.__dataclass_fields__])),
        sources=sources, catalogue=catalogue, raw_digests=digests, inputs=inputs,
    )
    ds.built = content_digest(ds)
    return ds


def content_digest(ds: Dataset) -> str:
    """The dataset's tables, in one sha256."""
    h = hashlib.sha256()
    for frame in (ds.indicators, ds.cleaning_log, ds.checks):
        h.update(frame.to_csv().encode("utf-8"))
    return h.hexdigest()


def check_unchanged(ds: Dataset, processed_dir: Path) -> None:
    """Refuse a dataset changed after it was built (a figure "corrected" in a notebook's code): the outputs would
    cite the plan's line for a value it does not hold."""
    if not ds.built or content_digest(ds) != ds.built:
        raise InputError(processed_dir / paths.INDICATORS_CSV, None,
                         "the dataset was changed after it was read from the raw files (a value set in code, rows "
                         "added or removed), or was not made by dataset.build: its figures would be published with "
                         "the plan's and workbook's places as their source, which do not say them; nothing was "
                         "written",
                         "write the dataset exactly as `dataset.build` returns it. To change a figure, correct the "
                         "plan document or monitoring workbook in data/raw/ and run `make data`: each value must "
                         "keep the source it was read from.")


def cleaning_log_frame(decisions: list[Decision], catalogue: Catalogue) -> pd.DataFrame:
    """cleaning_log.csv: each decision's step and values (JSON, language-neutral), never a sentence: the data
    notebook, indicators.xlsx and the report say them in their reader's language (helpers.core.wording
    decision_text and evidence_text)."""
    rows = [{
        "entity": d.entity, "indicator_id": d.indicator_id, "source_file": d.source_file,
        "source_line": d.source_line, "step": d.step,
        "values": json.dumps(d.values, ensure_ascii=False),
        "evidence_values": json.dumps(d.evidence, ensure_ascii=False),
        "source_place": json.dumps(d.place, ensure_ascii=False) if d.place else "",
    } for d in decisions]
    return pd.DataFrame(rows, columns=CLEANING_LOG_COLUMNS)


def _with_integers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({c: "Int64" for c in INTEGER_COLUMNS if c in frame})


def _reconcile_province(observations: list[Observation], sources: Sources,
                        catalogue: Catalogue) -> tuple[list[Observation], list[Check]]:
    """Several plans may restate the provincial targets: keep one row per target.

    The first plan (in config order) wins; a copy that agrees is noted on the kept row; a copy
    that disagrees is reported as a consistency finding between the two plans.
    """
    kept: dict[tuple, Observation] = {}
    out: list[Observation] = []
    checks: list[Check] = []
    for obs in observations:
        if obs.entity != sources.province:
            out.append(obs)
            continue
        key = (obs.indicator_id, obs.year, obs.kind)
        first = kept.get(key)
        if first is None:
            kept[key] = obs
            out.append(obs)
            continue
        same = (first.value == obs.value) or (first.value is not None and obs.value is not None
                                              and abs(first.value - obs.value) <= 1e-9 * max(1, abs(first.value)))
        if same and first.comparator == obs.comparator:
            first.notes.append(note("also_stated", place=place(obs)))
            continue
        ind = catalogue.indicators[obs.indicator_id]
        checks.append(Check(
            sources.province, obs.indicator_id, ind.name_zh, "province_target", "disagree", obs.year,
            first.value, first.comparator, obs.value, obs.comparator, ind.unit,
            json.dumps({"code": "province_target", "source": first.source_file, "value": _show(first),
                        "other_source": obs.source_file, "other_value": _show(obs)}, ensure_ascii=False),
            first.source_file, first.source_line, first.source_text, obs.source_file, obs.source_line,
            obs.source_text))
    return out, checks


def _check_table_period(table, plan: Plan, sources: Sources) -> None:
    """The plan's table must set targets for the target year of the period the config gives the plan:
    a 十五五 entry pointing at a 十四五 document (or the wrong plan_period) is caught here. A table whose columns
    are years alone (2020年, 2025年) is read by the period: under the wrong one it would hold no target at all. Then
    no column of it is the county's targets for the base year or before (tables.no_county_target_up_to_the_base)."""
    resolve_year_columns(table, plan, sources)
    years = sorted({c.year for c in table.columns if c.role == "target" and not c.for_province})
    by_period = [c for c in table.columns if c.by_period]
    if by_period and not years:
        raise InputError(sources.path, plan.line,
                         f"the table of {plan.file} has no column for the target year {plan.period.target_year} of "
                         f"this plan's period {plan.period.name} ({plan.period.base_year}→{plan.period.target_year}): "
                         f"its year columns {', '.join(c.header.raw.strip() for c in by_period)} would all be actuals",
                         _period_of_document(plan, sources, [c.year for c in table.columns if not c.for_province]))
    where = f"line {table.title.where}" if isinstance(table.title.where, int) else table.title.where
    if years and plan.period.target_year not in years and table.also_titled:
        # Two tables titled alike (a 十三五 completion table before the 十四五 one): the period is not what is wrong,
        # and giving the entry the first table's period would make that table the plan.
        raise InputError(sources.path, plan.line,
                         f"the table read as the plan's in {plan.file}, titled '{table.title.text.strip()[:60]}' "
                         f"({where}), sets targets for {', '.join(map(str, years))}, but this plan's period "
                         f"{plan.period.name} targets {plan.period.target_year}; `table_title` "
                         f"/{plan.table_title.pattern}/ also matches {'; '.join(table.also_titled)}",
                         "write `table_title` for this plan in config/sources.yaml so that it matches only the title "
                         f"above the plan's {plan.period.name} table (a longer part of that title, as written there); "
                         "if the document is another period's plan, give this plan entry "
                         "the plan_period of its document instead.")
    if years and plan.period.target_year not in years:
        raise InputError(sources.path, plan.line,
                         f"the table of {plan.file} sets targets for {', '.join(map(str, years))}, but this plan's "
                         f"period {plan.period.name} ({plan.period.base_year}→{plan.period.target_year}) targets "
                         f"{plan.period.target_year}",
                         _period_of_document(plan, sources, [c.year for c in table.columns if not c.for_province]))
    others = [c for c in table.columns if c.role == "target" and not c.for_province
              and c.year != plan.period.target_year]
    if others and not plan.period_given and not plan.period_from:
        # The file's default period, kept only while the table's year columns fit it: a 十五五 plan (2025年 |
        # 2030年目标) whose entry and title name no period was read by 十四五, its 2025 base figures as 2025 targets.
        other = others[0]
        raise InputError(sources.path, plan.line,
                         f"the table of {plan.file} sets targets for {', '.join(map(str, years))} (the column "
                         f"{quoted(other.header.raw.strip())} for {other.year}), but a plan sets targets for its "
                         f"target year alone, {plan.period.target_year} by the period it is read by",
                         _period_of_document(plan, sources, [c.year for c in table.columns if not c.for_province])
                         + f" If the period is right and the column {quoted(other.header.raw.strip())} is not one the "
                         f"project reads (a long-range target), add under `header_roles` in "
                         f"{display_path(sources.path)}: `- {{pattern: '{pattern_for(other.header)}', role: remark}}`.")
    no_county_target_up_to_the_base(table, plan, sources)


def _period_of_document(plan: Plan, sources: Sources, years: list[int]) -> str:
    """The advice for a plan whose table does not fit its period: the period its columns show, where it comes
    from (the entry, the title, the default), checked as every advice on a column's year is (tables.period_first)."""
    shown = suggested_period(sources, years)
    said = period_said(sources.for_plan(plan))
    return (f"the plan is read by {said}. Give this plan entry the plan_period of its document"
            + (f": if it is the plan for the years its table's columns show, {plan_period_entry(shown)}"
               if shown is not None and shown != plan.period else " (name, base_year, target_year)")
            + "; or check that `file` names the right document.")


# Which source's figure is kept when several state the same observation (same county, indicator, year
# and kind). Stated beats derived, and a stated figure beats an estimate (预计). A monitoring workbook's actual
# for a year a configured plan judges (base year < year ≤ target year: the year's `plan` is set) beats every plan
# document: it is the analyst's monitoring record, the actual a target is judged on (a 十五五 plan's 2025 column,
# often last year's estimate however headed, does not decide the 十四五 final evaluation; the lead's decision,
# issue 18). Otherwise a plan document beats a workbook: a plan's base column is the figure its targets were set
# against (a 十四五 plan's 2020 column, where no configured plan judges 2020). Among plan documents, the table of
# the plan whose base year (for an actual) or target year (for a target) it is beats other tables, and tables beat
# prose; then config order. A 〔〕 figure (a five-year total in a base column) is never the same observation as a
# year's value: it is kept beside it and checked against the sum of the years (consistency.check_period_total).
ORIGIN_RANK = {"table": 1, "prose": 2, "monitoring": 3}


def _plan_of(sources: Sources) -> Callable[[Observation], tuple[int, Plan | None]]:
    """The configured plan an observation was read from, found by its file's name, with the plan's place in
    sources.yaml's list (an order among plans); (the number of plans, None) for a workbook's or another file's."""
    by_file = {p.file: (i, p) for i, p in enumerate(sources.plans)}
    return lambda o: by_file.get(Path(o.source_file).name, (len(by_file), None))


def _reconcile_counties(observations: list[Observation], sources: Sources,
                        catalogue: Catalogue) -> tuple[list[Observation], list[Check], list[Decision]]:
    """One observation per county, indicator, year and kind, whichever documents or workbooks state it.

    A 十五五 table's 2025 column, a 2025 monitoring actual and the 十四五 prose may all give the same
    year's value. Each other statement is checked against the kept one: agreeing, it is noted on the kept
    row; disagreeing, it is a consistency finding (consistency.csv), like prose against table.
    """
    plan_of = _plan_of(sources)

    def key(o: Observation):
        # a 〔〕 total (〔6500〕 in a 十五五 plan's 2025 column: the 十四五 sum) is no year's value
        return (o.entity, o.indicator_id, o.year,
                "target" if o.kind == "target" else "total" if o.cumulative else "observed")

    def rank(o: Observation):
        file_order, plan = plan_of(o)
        period = plan.period if plan is not None else None
        own_year = period is not None and o.year == (period.target_year if o.kind == "target" else period.base_year)
        # the workbook's actual of a year a configured plan judges (its `plan`, set above) is the one judged
        judged_year = o.origin == "monitoring" and bool(o.plan)
        # An estimate (a 预计 column) gives way to any stated figure, a monitoring workbook's included.
        # A cell that states no figure ("/", —, 无, 空) is no source for the year: any figure beats it (a plan's "/"
        # in its 2020 column beat the workbook's 2.0, and a target that could be judged was 无法评估).
        return (o.value is None, o.kind == "baseline_derived", o.estimated, not judged_year,
                ORIGIN_RANK.get(o.origin, 9), not own_year, file_order)

    groups: dict[tuple, list[Observation]] = {}
    for obs in observations:
        if obs.entity == sources.province:
            groups[(id(obs),)] = [obs]
        else:
            groups.setdefault(key(obs), []).append(obs)
    kept_ids: set[int] = set()
    checks: list[Check] = []
    decisions: list[Decision] = []
    for group in groups.values():
        ordered = sorted(group, key=rank)
        kept = ordered[0]
        kept_ids.add(id(kept))
        for other in ordered[1:]:
            if other.value is None and kept.value is not None:
                # no figure against a figure: nothing to choose or to check, but the "/" stays where it is seen
                kept.notes.append(note("no_figure_in", place=place(other), raw=other.source_value))
                decisions.append(Decision(kept.entity, kept.indicator_id, kept.source_file, kept.source_line,
                                          "no_figure_in_other_source",
                                          {"year": kept.year, "kind": {"code": kept.kind}, "value": _show(kept),
                                           "source": _ref(kept), "other_source": _ref(other),
                                           "raw": other.source_value}, [{"code": "precedence"}]))
                continue
            if _same_value(kept, other):
                kept.notes.append(note("confirmed" if other.origin == "monitoring" else "also_stated",
                                       place=place(other)))
                status = "agree"
            else:
                # (figure, origin: the other source's number and kind, for a growth measured on one source's
                # series, helpers.analyse.progress.own_source_end)
                kept.notes.append(note("other_source_gives", place=place(other), value=_show(other),
                                       figure=other.value, origin=other.origin))
                status = "disagree"
                decisions.append(Decision(kept.entity, kept.indicator_id, kept.source_file, kept.source_line,
                                          "same_observation",
                                          {"year": kept.year, "kind": {"code": kept.kind}, "value": _show(kept),
                                           "source": _ref(kept), "other_value": _show(other),
                                           "other_source": _ref(other)},
                                          [{"code": "precedence"}]))
            checks.append(_same_observation_check(kept, other, status, catalogue))
    return [o for o in observations if id(o) in kept_ids], checks, decisions


def _check_period_totals(observations: list[Observation], sources: Sources, catalogue: Catalogue) -> list[Check]:
    """Each 〔〕 figure in a plan's base column (the previous period's five-year total) against the years' own figures
    (consistency.check_period_total): 〔6500〕 in a 十五五 plan's 2025 column against the 2021–2025 sum."""
    plan_of = _plan_of(sources)
    yearly: dict[tuple, dict[int, Observation]] = {}
    for o in observations:
        if o.kind == "actual" and not o.cumulative and not o.estimated:
            yearly.setdefault((o.entity, o.indicator_id), {})[o.year] = o
    out = []
    for o in observations:
        _, plan = plan_of(o)
        if (o.kind != "actual" or not o.cumulative or o.entity == sources.province or plan is None
                or o.year != plan.period.base_year):
            continue
        check = check_period_total(o, yearly.get((o.entity, o.indicator_id), {}), plan.period,
                                   catalogue.indicators[o.indicator_id].measure in SUMMED_MEASURES, catalogue, _ref)
        if check is not None:
            out.append(check)
    return out


def _where(o: Observation) -> str:
    if o.source_cell:
        return f"{o.source_file}, sheet {o.source_sheet}, cell {o.source_cell}"
    return f"{o.source_file}, line {o.source_line}"


def _ref(o: Observation) -> str:
    """Where a value is, in a form no language needs to translate, as its format has it (records.place_ref):
    file:line, file!sheet!cell, a .docx's file:T1R3C5, a PDF's file:p1:T2R3C5 (never a table row as a line)."""
    return place_ref(place(o))


def _show(o: Observation) -> str:
    """A value with its comparator, as the reports write one (core.formatting.COMPARATOR_SIGNS: ≥35, >120), for a
    finding that sets two values side by side: 35 against ≥35 is a difference, never '35 and 35'."""
    return "/" if o.value is None else f"{COMPARATOR_SIGNS[o.comparator or '=']}{o.value:g}"


def _same_value(a: Observation, b: Observation) -> bool:
    if a.value is None or b.value is None:
        return a.value is None and b.value is None
    tolerance = VALUE_TOLERANCE * max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) <= tolerance and (a.comparator == b.comparator or a.kind != "target")


def _kind_said(o: Observation) -> str:
    """What a value is, as a finding names it: an actual, a target, a derived baseline, or an estimate (an actual
    from a 预计 column: the appendix called a plan's 2025年（预计） figure 实际值)."""
    return "estimate" if o.estimated and o.kind == "actual" else o.kind


def _same_observation_check(kept: Observation, other: Observation, status: str, catalogue: Catalogue) -> Check:
    ind = catalogue.indicators[kept.indicator_id]
    # Where each value is, as file:line or file!sheet!cell: no language needs to translate it.
    kind, other_kind = _kind_said(kept), _kind_said(other)
    found = {"year": kept.year, "kind": {"code": kind}, "value": _show(kept), "unit": ind.unit}
    kinds = "" if kind == other_kind else "_kinds"     # an actual against an estimate: each named for what it is
    if kinds:
        found["other_kind"] = {"code": other_kind}
    if status == "agree":
        found["code"] = f"same_observation_agrees{kinds}"
    else:
        found.update(code=f"same_observation_differs{kinds}", source=_ref(kept), other_source=_ref(other),
                     other_value=_show(other))
    return Check(kept.entity, kept.indicator_id, ind.name_zh, "same_observation", status, kept.year,
                 kept.value, kept.comparator, other.value, other.comparator, ind.unit,
                 json.dumps(found, ensure_ascii=False),
                 kept.source_file, kept.source_line, kept.source_text, other.source_file, other.source_line,
                 other.source_text)


def _reading_decisions(entity: str, document: PlanDocument) -> list[Decision]:
    """What reading the document did to its text: normalised it, removed Word bookmarks, repaired a PDF's text
    (radical code points, spaces between digits and Chinese, wrapped lines, page headers and footers), read a web
    page with the style sheets beside it (or without those it could not read), and skipped an empty table between
    the title and the table, and a table of contents' mention of the title."""
    stats = normalisation_stats(document.text)
    file = display_path(document.path)
    out = [Decision(entity, "", file, None, "normalise_text",
                    {"changed": stats.changed_chars, "no_break_spaces": stats.no_break_spaces})]
    if stats.bookmarks:
        out.append(Decision(entity, "", file, None, "remove_bookmarks", {"bookmarks": stats.bookmarks}))
    if stats.invisible:
        out.append(Decision(entity, "", file, None, "remove_invisible", {"count": stats.invisible}))
    for repair, count in document.repairs.items():
        if count:
            out.append(Decision(entity, "", file, None, "repair_text", {"repair": {"code": repair}, "count": count}))
    if document.struck:
        out.append(Decision(entity, "", file, None, "struck_text", {"count": document.struck}))
    if document.hidden:
        out.append(Decision(entity, "", file, None, "hidden_text", {"count": document.hidden}))
    if document.watermarks:
        out.append(Decision(entity, "", file, None, "watermark", {
            "count": len(document.watermarks), "quote": " / ".join(dict.fromkeys(document.watermarks))[:80]}))
    # The style sheets a web page was read with, and those it links that could not be read: which text it shows.
    out += [Decision(entity, "", file, sheet.line, "read_stylesheet",
                     {"href": sheet.href, "line": sheet.line, "file": display_path(sheet.path)})
            for sheet in document.linked_files]
    out += [Decision(entity, "", file, line, "unread_stylesheet", {"href": href, "line": line})
            for href, line in document.unread_stylesheets]
    for step, places in (("continued_table", document.table.continued), ("empty_table", document.table.empty_tables)):
        out += [Decision(entity, "", file, place_.ordinal, step, {"place": {**place_.record(), "file": file}},
                         place=place_.record()) for place_ in places]
    out += [Decision(entity, "", file, place_.ordinal, "framed_table",
                     {"place": {**place_.record(), "file": file}, "table": number}, place=place_.record())
            for place_, number in document.table.framed]
    # a part joined on the analyst's word (`continued:`): the text between the parts, left out, and why
    out += [Decision(entity, "", file, place_.ordinal, "continued_by_analyst",
                     {"place": {**place_.record(), "file": file}, "between": word.between, "because": word.because,
                      "config": f"config/sources.yaml, line {word.line}"}, place=place_.record())
            for place_, word in document.table.confirmed]
    # a part joined because it repeats the table's header row, after a short line that is not 续表 (接上表): both
    # places and the line between, left out
    out += [Decision(entity, "", file, place_.ordinal, "continued_by_header",
                     {"place": {**place_.record(), "file": file}, "end_place": {**end.record(), "file": file},
                      "between": between}, place=place_.record())
            for end, place_, between in document.table.by_header]
    # a draft's mark (on the cover, in a page header, a watermark) read past on the analyst's word (`draft_marks:`)
    out += [Decision(entity, "", file, getattr(where, "ordinal", where if isinstance(where, int) else None),
                     "draft_mark_by_analyst", {"mark": word.mark, "because": word.because,
                                               "config": f"config/sources.yaml, line {word.line}"},
                     place=where.record() if hasattr(where, "record") else {})
            for where, word in document.draft_marks]
    for mention in document.contents:
        out.append(Decision(entity, "", file, mention.place.ordinal, "title_in_contents",
                            {"place": {**mention.place.record(), "file": file}, "quote": mention.text.strip()[:60]},
                            place=mention.place.record() if document.structured else {}))
    out += [_passed_over(entity, file, title, header, document.structured)
            for title, header in document.table.passed_over]
    return out


def _period_decisions(plan: Plan, document: PlanDocument, default: PlanPeriod) -> list[Decision]:
    """The plan's period, when its entry gives no `plan_period` and the document's title names another than the
    file's `default` (helpers.extract.plan_period): taken from the title, which is cited. (A title naming the default,
    安吉's 关于印发《安吉县人才发展“十四五”规划》的通知, changes nothing, and is not logged.)"""
    titled = document.title_period
    if titled is None or plan.period_given or plan.period == default:
        return []
    file = display_path(document.path)
    at = titled.where if isinstance(titled.where, Place) else Place(line=titled.where)
    period = plan.period
    return [Decision(plan.entity, "", file, at.ordinal, "period_from_title",
                     {"place": {**at.record(), "file": file}, "quote": titled.quote[:60], "words": titled.words,
                      "period": period.name, "base_year": period.base_year, "target_year": period.target_year},
                     place=at.record() if document.structured else {})]


def _passed_over(entity: str, file: str, title, header, structured: bool) -> Decision:
    """A table titled alike that was not read, its header not an indicator table's (a header cell no column pattern
    knows, or none, or a layout frame), where another titled alike was read: the title, and the header cell."""
    place_ = title.place or Place(line=title.line)
    values = {"place": {**place_.record(), "file": file}, "quote": title.raw.strip()[:60]}
    if header is None:
        return Decision(entity, "", file, place_.ordinal, "table_passed_over", values,
                        place=place_.record() if structured else {})
    at = header.place or Place(line=header.line)
    values.update(header=header.raw.strip()[:60], header_place={**at.record(), "file": file})
    return Decision(entity, "", file, place_.ordinal, "table_passed_over_header", values,
                    place=place_.record() if structured else {})


def _from_prose(statements: list[ProseStatement], table: list[Observation], plan: Plan,
                catalogue: Catalogue, table_decisions: list[Decision] = ()) -> tuple[list[Observation], list[Decision]]:
    """Observations the prose adds: earlier baselines, and levels at the plan's base or target year that
    the table does not give. A figure the catalogue finds implausible, or a baseline worked out from a level the
    table contradicts, is not added: the cleaning log says why (`prose_not_used`). Nor is the figure of a year whose
    column the analyst reads as another year's (`table_notes:` with `year:`, for the table's note 2025年数据为上年数)
    when it is the same figure as the column's (_reread): the prose's figure is that other year's too; another
    figure is an estimate (the note says the plan was written before the year's figures were in: 15万人, the same
    figure rounded, is not the year's actual either). A figure the sentence says is an estimate or approximate
    (预计, 约, 左右: ProseStatement.estimate) is an estimate as an actual (`estimated`), never judged as the year's
    actual.
    `table_decisions`: the table's cleaning log, where the analyst's readings are cited."""
    have = {(o.entity, o.indicator_id, o.year, o.kind) for o in table}
    table_values = {(o.entity, o.indicator_id, o.year): o.value for o in table
                    if o.origin == "table" and o.kind == "actual" and o.value is not None}
    reread = _reread(table, table_decisions)
    period = plan.period
    out: list[Observation] = []
    decisions: list[Decision] = []
    for st in statements:
        if st.kind == "baseline":
            kind = "actual" if st.derivation.startswith("stated") else "baseline_derived"
        elif st.kind == "level" and st.year in (period.base_year, period.target_year):
            kind = "actual" if st.year == period.base_year else "target"
        else:
            continue
        key = (st.entity, st.indicator_id, st.year, kind)
        if key in have or (st.kind == "baseline" and (st.entity, st.indicator_id, st.year, "actual") in have):
            continue
        column = reread.get((st.entity, st.indicator_id, st.year)) if kind != "target" else None
        reason = _unusable(st, table_values, catalogue) or (column.same(st) if column else {})
        evidence = [{"code": "quote", "line": st.line, "quote": st.quote}]
        if column is not None and not reason:   # another figure than the column's: an estimate, the reading cited
            evidence.append(column.evidence())
        if reason:
            decisions.append(Decision(
                st.entity, st.indicator_id, display_path(st.file), st.line, "prose_not_used",
                {"year": st.year, "kind": {"code": kind}, "value": st.value, "unit": st.unit,
                 "derivation": st.rule or {"code": "none"}, "reason": reason},
                evidence, place=st.place.record() if st.place else {}))
            continue
        have.add(key)
        comparator = {"≈": "="}.get(st.comparator, st.comparator)
        notes = list(st.notes)
        # an estimate or approximate figure (预计, 约, 左右), or one of a year the plan's table gives no figures of
        # (column): as an actual never a firm one; as a target, about it
        estimated = (bool(st.estimate) or column is not None) and kind != "target"
        if st.estimate and estimated:
            notes.append(note("prose_estimate", raw=st.estimate))
        if column is not None:
            notes.append(column.note())
        if not estimated and st.comparator == "≈":
            notes.append(note("about", raw="左右"))
        if st.kind == "level":
            notes.append(note("prose_only"))
        obs = Observation(
            entity=st.entity, indicator_id=st.indicator_id, source_name=st.prose_name.name, year=st.year,
            kind=kind, value=st.value, comparator=comparator, unit=st.unit, source_unit=st.source_unit,
            source_value=st.source_value, origin="prose", source_file=display_path(st.file), source_line=st.line,
            source_text=st.quote, derivation=st.derivation, notes=notes, plan=period.name,
            source_place=st.place.record() if st.place else {}, estimated=estimated)
        out.append(obs)
        step = "baseline_from_prose" if st.kind == "baseline" else "value_from_prose"
        values = {"year": st.year, "kind": {"code": kind}, "value": st.value, "unit": st.unit}
        values["derivation"] = st.rule or {"code": "none"}
        if st.estimate and estimated:
            values["estimate"] = st.estimate
        decisions.append(Decision(st.entity, st.indicator_id, display_path(st.file), st.line, step, values,
                                  evidence, place=st.place.record() if st.place else {}))
    return out, decisions


@dataclass(frozen=True)
class _Reread:
    """A table figure in a column the analyst reads as another year's (`table_notes:` with `column:` and `year:`):
    the figure, the note and the reading, as the cleaning log has them."""
    table: Observation
    said: dict          # the figure's note analyst_table_note_year: header, written, year, quote, because
    config: str         # where the reading is (config/sources.yaml, line n)

    def same(self, st: ProseStatement) -> dict:
        """Why the prose's figure for the column's written year is not used (a wording code and its values): it is
        the column's figure (within the consistency check's tolerance), which the table's note says is another
        year's; {} for another figure, an estimate of the year (note, and the reading cited beside it: evidence)."""
        figure = self.table.value
        if figure is None or abs(st.value - figure) > VALUE_TOLERANCE * abs(figure):
            return {}
        return {"code": "same_figure_other_year", "year": st.year, "read_as": self.said["year"], "table": figure,
                "unit": st.unit, "header": self.said["header"], "quote": self.said["quote"],
                "because": self.said["because"], "config": self.config}

    def note(self) -> dict:
        """The note on another prose figure for the column's written year: an estimate, the table's note quoted."""
        return note("prose_column_other_year", header=self.said["header"], written=self.said["written"],
                    year=self.said["year"], quote=self.said["quote"])

    def evidence(self) -> dict:
        """The table's figure and the analyst's reading of its column, as the evidence of a prose figure's use."""
        return {"code": "column_read_as_other_year", "header": self.said["header"], "written": self.said["written"],
                "read_as": self.said["year"], "raw": self.table.source_value, "place": place(self.table),
                "quote": self.said["quote"], "config": self.config}


def _reread(table: list[Observation], decisions: list[Decision]) -> dict[tuple, _Reread]:
    """The table's actual figures whose column the analyst reads as another year's, by (entity, indicator, the
    column's written year): the years the table no longer claims, each with the figure it gave there."""
    config = {(d.values.get("header"), d.values.get("written")): d.values.get("config", "")
              for d in decisions if d.step == "analyst_table_note_year"}
    out = {}
    for o in table:
        if o.origin != "table" or o.kind != "actual":
            continue
        for said in o.notes:
            if said.get("code") == "analyst_table_note_year" and said["written"] != said["year"]:
                out[(o.entity, o.indicator_id, said["written"])] = _Reread(
                    o, said, config.get((said["header"], said["written"]), ""))
    return out


def _unusable(st: ProseStatement, table_values: dict, catalogue: Catalogue) -> dict:
    """Why a prose figure must not be used, as a wording code and its values (cleaning.reason), or {}.
    - outside the catalogue's plausible range: the check a table's or workbook's figure gets (a table's stops the
      run at its cell; the prose is left out, as the plan's table stands without it and its published sentence
      cannot be given another reading);
    - a baseline worked out from a level the plan's own table contradicts (达到10.5万人，比2015年增长48.4% under a
      table's 10.3): the table's level is the one used, and beside it a baseline made from the prose's other level
      gives a growth that neither states (10.3 ÷ (10.5 ÷ 1.484) is 45.6%, not 48.4%). The difference itself is in
      the consistency checks (value_differs);
    - a baseline from a growth in % of an indicator in % (比例为32.4%，比2015年提高5.1%): 5.1 per cent of it
      (30.83) or 5.1 percentage points (27.3), which the sentence does not say (个百分点 is read as points)."""
    ind = catalogue.indicators[st.indicator_id]
    if "as_points" in st.rule:
        # 提高5.1% of an indicator in %: 5.1 per cent of it, or 5.1 points? Plans write both; neither is guessed.
        return {"code": "percent_or_points", **{k: st.rule[k] for k in ("year", "level", "percent", "as_points")}}
    problem = implausible(catalogue, ind, None, [(st.value, True)], 1.0)
    if problem:
        return {"code": "implausible", "problem": problem}
    if st.rule.get("code") in ("from_growth_percent", "from_increment", "from_points"):
        level, level_year = st.rule["level"], st.rule["level_year"]
        table = table_values.get((st.entity, st.indicator_id, level_year))
        if table is not None and abs(level - table) > VALUE_TOLERANCE * abs(table):
            return {"code": "level_differs", "level_year": level_year, "level": level, "table": table,
                    "unit": st.unit}
    return {}


def _indicator_frame(observations: list[Observation], sources: Sources, catalogue: Catalogue) -> pd.DataFrame:
    names = sources.entity_names()
    entity_order = {e: i for i, e in enumerate(sources.counties() + [sources.province])}
    indicator_order = {k: i for i, k in enumerate(catalogue.indicators)}
    rows = []
    for o in observations:
        ind = catalogue.indicators[o.indicator_id]
        rows.append({
            "entity": o.entity, "indicator_id": o.indicator_id, "source_name": o.source_name, "year": o.year,
            "kind": o.kind, "value": o.value, "comparator": o.comparator, "unit": o.unit,
            "source_unit": o.source_unit, "source_file": o.source_file, "source_line": o.source_line,
            "source_text": o.source_text, "entity_name_zh": names[o.entity][0], "indicator_name_zh": ind.name_zh,
            "indicator_name_en": ind.name_en, "category": o.category, "source_value": o.source_value,
            "origin": o.origin, "derivation": o.derivation, "quality": o.quality,
            "note_values": json.dumps(o.notes, ensure_ascii=False) if o.notes else "",
            "source_sheet": o.source_sheet, "source_cell": o.source_cell, "plan": o.plan,
            "source_place": json.dumps(o.source_place, ensure_ascii=False) if o.source_place else "",
            "attribute": o.attribute, "approximate": o.approximate, "cumulative": o.cumulative,
            "estimated": o.estimated,
        })
    frame = pd.DataFrame(rows, columns=CONTRACT_COLUMNS + EXTRA_COLUMNS)
    frame["value"] = frame["value"].astype("float64").round(6)
    frame["year"] = frame["year"].astype("int64")
    frame["source_line"] = frame["source_line"].astype("int64")
    order = frame.assign(
        _e=frame["entity"].map(entity_order), _i=frame["indicator_id"].map(indicator_order),
        _k=frame["kind"].map(KIND_ORDER))
    return (order.sort_values(["_e", "_i", "year", "_k"], kind="stable")
            .drop(columns=["_e", "_i", "_k"]).reset_index(drop=True))


def catalogue_frame(catalogue: Catalogue) -> pd.DataFrame:
    return pd.DataFrame([{
        "indicator_id": i.id, "name_zh": i.name_zh, "name_en": i.name_en, "unit": i.unit,
        "direction": i.direction, "measure": i.measure, "comparability": i.comparability,
        "comparability_reason": i.comparability_reason, "definition": i.definition,
        "source_names": "；".join(i.source_names), "prose_names": "；".join(p.name for p in i.prose_names),
    } for i in catalogue.indicators.values()])


def in_words(ds: Dataset) -> dict[str, pd.DataFrame]:
    """The tables as indicators.xlsx shows them to an analyst: each record's sentence beside it (the values' notes
    and the checks' in Chinese and English, the cleaning decisions in Chinese); the CSVs keep the records."""
    zh, en = words_for("zh", ds.catalogue), words_for("en", ds.catalogue)

    def explained(frame: pd.DataFrame) -> pd.DataFrame:
        at = frame.columns.get_loc("explanation_values")
        frame = frame.copy()
        frame.insert(at, "explanation_en", [explanation_text(v, en) for v in frame["explanation_values"]])
        frame.insert(at, "explanation_zh", [explanation_text(v, zh) for v in frame["explanation_values"]])
        return frame

    log = ds.cleaning_log.copy()
    at = log.columns.get_loc("step") + 1
    log.insert(at, "evidence", [evidence_text(v, zh) for v in log["evidence_values"]])
    log.insert(at, "decision", [decision_text(s, v, zh) for s, v in zip(log["step"], log["values"])])
    indicators = ds.indicators.copy()
    at = indicators.columns.get_loc("note_values")
    indicators.insert(at, "note_en", [notes_text(n, en) for n in indicators["note_values"]])
    indicators.insert(at, "note_zh", [notes_text(n, zh) for n in indicators["note_values"]])
    return {"indicators": indicators, "consistency": explained(ds.consistency), "checks": explained(ds.checks),
            "cleaning_log": log}


def write(ds: Dataset, processed_dir: Path = paths.PROCESSED_DIR) -> list[Path]:
    """Write every processed output, all or nothing."""
    # (never into the raw or config folder the dataset was built from, wherever they are)
    read = {label: paths.PROJECT_ROOT / folder for label, folder in ds.inputs.get("folders", {}).items()}
    processed_dir = parameters.folder(processed_dir, paths.PROCESSED_DIR, "processed_dir", must_exist=False,
                                      read=read)
    check_unchanged(ds, processed_dir)
    with staged_outputs(processed_dir) as staging:
        write_csv(ds.indicators, staging / paths.INDICATORS_CSV)
        write_csv(ds.consistency, staging / paths.CONSISTENCY_CSV)
        write_csv(ds.checks, staging / paths.CHECKS_CSV)
        write_csv(ds.cleaning_log, staging / paths.CLEANING_LOG_CSV)
        readable = in_words(ds)
        write_xlsx({
            "指标数据 indicators": readable["indicators"],
            "一致性问题 consistency": readable["consistency"],
            "全部核对 checks": readable["checks"],
            "清洗记录 cleaning log": readable["cleaning_log"],
            "指标目录 catalogue": catalogue_frame(ds.catalogue),
        }, staging / paths.INDICATORS_XLSX)
        # What was written, byte for byte: the later steps read a processed file only while it is unchanged.
        outputs = {p.name: sha256(p) for p in sorted(staging.iterdir())}
        (staging / paths.BUILD_INFO_JSON).write_text(json.dumps(
            {"inputs": ds.inputs, "raw_sha256": ds.raw_digests, "rows": len(ds.indicators),
             "disagreements": int(len(ds.consistency)), "outputs": outputs},
            ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        names = sorted(p.name for p in staging.iterdir())
    return [processed_dir / n for n in names]
