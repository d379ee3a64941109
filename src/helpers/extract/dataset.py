"""The data step: raw plan documents in, one clean, traceable indicator dataset out.

    ds = build(raw_dir, config_dir)   # reads and checks everything; raises InputError on bad input
    write(ds, processed_dir)          # writes all outputs, or none

Nothing is written until every input has been read and checked.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.atomic import staged_outputs
from helpers.config import Catalogue, Sources, load_catalogue, load_sources
from helpers.extract.cleaning import TableCleaner
from helpers.extract.consistency import check_plan
from helpers.extract.manifest import verify
from helpers.extract.prose import ProseReader, ProseStatement
from helpers.extract.tables import parse_plan_table, read_lines
from helpers.monitoring.workbooks import read_monitoring
from helpers.outputs import write_csv, write_xlsx
from helpers.paths import display_path
from helpers.processed import INTEGER_COLUMNS
from helpers.records import Check, Decision, Observation
from helpers.text import normalisation_stats

# The output contract: these columns, in this order, come first in indicators.csv.
CONTRACT_COLUMNS = ["entity", "indicator_id", "source_name", "year", "kind", "value", "comparator", "unit",
                    "source_unit", "source_file", "source_line", "source_text"]
EXTRA_COLUMNS = ["entity_name_zh", "indicator_name_zh", "indicator_name_en", "category", "source_value",
                 "origin", "derivation", "quality", "note", "source_sheet", "source_cell"]
MONITORING_DIR = "monitoring"  # inside the raw directory: the analysts' yearly workbooks
KIND_ORDER = {"actual": 0, "baseline_derived": 0, "target": 1}


@dataclass
class Dataset:
    indicators: pd.DataFrame
    cleaning_log: pd.DataFrame
    checks: pd.DataFrame
    sources: Sources
    catalogue: Catalogue
    raw_digests: dict[str, str]

    @property
    def consistency(self) -> pd.DataFrame:
        """The disagreements between prose and table: what consistency.csv holds."""
        return self.checks[self.checks["status"] == "disagree"].reset_index(drop=True)


def build(raw_dir: Path = paths.RAW_DIR, config_dir: Path = paths.CONFIG_DIR) -> Dataset:
    raw_dir, config_dir = Path(raw_dir), Path(config_dir)
    sources = load_sources(config_dir)
    catalogue = load_catalogue(config_dir)
    digests = verify(raw_dir, [p.file for p in sources.plans])
    reader = ProseReader(catalogue, sources)
    cleaner = TableCleaner(catalogue, sources)

    observations: list[Observation] = []
    decisions: list[Decision] = []
    checks: list[Check] = []
    for plan in sources.plans:
        path = raw_dir / plan.file
        lines = read_lines(path)
        table = parse_plan_table(path, lines, plan, sources)
        statements = reader.read(plan.entity, path, lines, skip_lines=range(table.title.line, table.end_line + 1))
        clean = cleaner.clean(plan, table, statements)
        observations += clean.observations
        decisions += clean.decisions
        decisions += _normalisation_decisions(plan.entity, path, lines)
        prose_obs, prose_decisions = _from_prose(statements, clean.observations, sources)
        observations += prose_obs
        decisions += prose_decisions
        checks += check_plan(statements, clean.observations, catalogue, sources)

    observations, province_checks = _reconcile_province(observations, sources, catalogue)
    checks += province_checks
    monitored, monitoring_decisions = read_monitoring(raw_dir / MONITORING_DIR, sources, catalogue, observations)
    observations += monitored
    decisions += monitoring_decisions
    return Dataset(
        indicators=_indicator_frame(observations, sources, catalogue),
        cleaning_log=_with_integers(pd.DataFrame([asdict(d) for d in decisions],
                                                 columns=[f for f in Decision.__dataclass_fields__])),
        checks=_with_integers(pd.DataFrame([asdict(c) for c in checks], columns=[f for f in Check.__dataclass_fields__])),
        sources=sources, catalogue=catalogue, raw_digests=digests,
    )


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
            first.notes.append(f"also stated in {obs.source_file}, line {obs.source_line}")
            continue
        ind = catalogue.indicators[obs.indicator_id]
        checks.append(Check(
            sources.province, obs.indicator_id, ind.name_zh, "province_target", "disagree", obs.year,
            first.value, first.comparator, obs.value, obs.comparator, ind.unit,
            f"两份规划给出的省委目标不同：{first.source_file}为{first.value}，{obs.source_file}为{obs.value}；采用前者。",
            f"Two plans state different provincial targets ({first.value} and {obs.value}); the first is used.",
            first.source_file, first.source_line, first.source_text, obs.source_file, obs.source_line,
            obs.source_text))
    return out, checks


def _normalisation_decisions(entity: str, path: Path, lines: list[str]) -> list[Decision]:
    stats = normalisation_stats("\n".join(lines))
    file = display_path(path)
    out = [Decision(entity, "", file, None, "normalise_text",
                    f"{stats.changed_chars} characters normalised to one form (Unicode NFKC: full-width "
                    f"punctuation and digits to half-width, {stats.no_break_spaces} no-break spaces to spaces) "
                    "before parsing; quotes keep the original text")]
    if stats.bookmarks:
        out.append(Decision(entity, "", file, None, "remove_bookmarks",
                            f"{stats.bookmarks} Word bookmarks ([bookmark: …]) removed before parsing"))
    return out


def _from_prose(statements: list[ProseStatement], table: list[Observation],
                sources: Sources) -> tuple[list[Observation], list[Decision]]:
    """Observations the prose adds: 2015 baselines, and levels the table does not give."""
    have = {(o.entity, o.indicator_id, o.year, o.kind) for o in table}
    out: list[Observation] = []
    decisions: list[Decision] = []
    for st in statements:
        if st.kind == "baseline":
            kind = "actual" if st.derivation.startswith("stated") else "baseline_derived"
        elif st.kind == "level" and st.year in (sources.base_year, sources.target_year):
            kind = "actual" if st.year == sources.base_year else "target"
        else:
            continue
        key = (st.entity, st.indicator_id, st.year, kind)
        if key in have or (st.kind == "baseline" and (st.entity, st.indicator_id, st.year, "actual") in have):
            continue
        have.add(key)
        comparator = {"≈": "="}.get(st.comparator, st.comparator)
        notes = list(st.notes)
        if st.comparator == "≈":
            notes.append("左右 (about) in the prose")
        if st.kind == "level":
            notes.append("from the prose: the plan's table has no such value")
        obs = Observation(
            entity=st.entity, indicator_id=st.indicator_id, source_name=st.prose_name.name, year=st.year,
            kind=kind, value=st.value, comparator=comparator, unit=st.unit, source_unit=st.source_unit,
            source_value=st.source_value, origin="prose", source_file=display_path(st.file), source_line=st.line,
            source_text=st.quote, derivation=st.derivation, notes=notes)
        out.append(obs)
        step = "baseline_from_prose" if st.kind == "baseline" else "value_from_prose"
        decisions.append(Decision(st.entity, st.indicator_id, display_path(st.file), st.line, step,
                                  f"{st.year} {kind} = {st.value:g} {st.unit}" +
                                  (f" ({st.derivation})" if st.derivation else ""),
                                  f"“{st.quote}”" + (f"; {'; '.join(st.notes)}" if st.notes else "")))
    return out, decisions


def _indicator_frame(observations: list[Observation], sources: Sources, catalogue: Catalogue) -> pd.DataFrame:
    names = sources.entity_names()
    entity_order = {e: i for i, e in enumerate([p.entity for p in sources.plans] + [sources.province])}
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
            "origin": o.origin, "derivation": o.derivation, "quality": o.quality, "note": "; ".join(o.notes),
            "source_sheet": o.source_sheet, "source_cell": o.source_cell,
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


def write(ds: Dataset, processed_dir: Path = paths.PROCESSED_DIR) -> list[Path]:
    """Write every processed output, all or nothing."""
    processed_dir = Path(processed_dir)
    with staged_outputs(processed_dir) as staging:
        write_csv(ds.indicators, staging / paths.INDICATORS_CSV)
        write_csv(ds.consistency, staging / paths.CONSISTENCY_CSV)
        write_csv(ds.checks, staging / paths.CHECKS_CSV)
        write_csv(ds.cleaning_log, staging / paths.CLEANING_LOG_CSV)
        write_xlsx({
            "指标数据 indicators": ds.indicators,
            "一致性问题 consistency": ds.consistency,
            "全部核对 checks": ds.checks,
            "清洗记录 cleaning log": ds.cleaning_log,
            "指标目录 catalogue": catalogue_frame(ds.catalogue),
        }, staging / paths.INDICATORS_XLSX)
        (staging / "build_info.json").write_text(json.dumps(
            {"raw_sha256": ds.raw_digests, "rows": len(ds.indicators),
             "disagreements": int(len(ds.consistency))}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        names = sorted(p.name for p in staging.iterdir())
    return [processed_dir / n for n in names]
