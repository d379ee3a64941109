"""What every chapter of the report reads: the analysis tables as `make analysis` wrote them, the inputs they
were built from, the report's language, and the words in that language.

Words are reached one way: `ctx.t(key, **values)` gives the sentence at a wording key (the report's own in
helpers/report/wording/*.yaml, e.g. "report.title", "summary.coverage"; the shared ones in
helpers/core/wording/*.yaml, e.g. "plan_cycle.final_title") with the years and shared phrases filled in.
Tables of labels and lists (`ctx.w.table`, `ctx.w.list`) and cleaning decisions (`ctx.w.describe`) come from
the same Wording.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from helpers.analyse import AnalysisInputs, load_inputs, read_tables
from helpers.analyse.growth import category_label
from helpers.core import paths
from helpers.core.config import PlanPeriod
from helpers.core.method import method_parameters
from helpers.core.periods import period_label, period_years
from helpers.core.wording import Wording, notes_text
from helpers.files.processed import read_processed
from helpers.report.wording import report_words


@dataclass
class ReportContext:
    inputs: AnalysisInputs
    lang: str
    progress: pd.DataFrame                     # trends.csv: a row per county and indicator
    comparison: pd.DataFrame                   # comparison.csv
    checks: pd.DataFrame                       # consistency.csv: prose against table
    cleaning_log: pd.DataFrame                 # cleaning_log.csv
    outlook: pd.DataFrame | None = None        # drafting the next plan (empty before any plan has ended)
    figures: dict = field(default_factory=dict, repr=False)    # each figure drawn once (blocks.figures)

    @cached_property
    def w(self) -> Wording:
        return report_words(self.lang, self.inputs.catalogue)

    @property
    def years(self) -> dict[str, int | str]:
        """The years wording may name, all from the data and config/sources.yaml: those of the plan the report
        year evaluates (helpers.core.periods). Counties whose plans end in different years share no target year:
        {target_year} is then each of them ("2025或2030", "2025 or 2030"), for the texts that speak of the method in
        general; a heading or caption over the figures of several plans names each county's year itself
        (target_years_by_county, counties_years)."""
        periods = self.periods
        base = self.progress["baseline_year"].dropna()
        targets = sorted({q.target_year for q in periods})
        return {"year": self.inputs.report_year,
                "target_year": targets[0] if len(targets) == 1
                else self.w("report.years_or").join(map(str, targets)),
                "start_year": min(q.base_year for q in periods) + 1,
                "base_year": int(base.min()) if len(base) else min(q.base_year for q in periods)}

    @cached_property
    def periods(self) -> list[PlanPeriod]:
        """The periods of the plans the report year evaluates, each once, earliest first: one when the counties
        share it (helpers.core.periods.evaluated_plan: each county's own plan for the year)."""
        return sorted({self.inputs.plan_of(e).period for e in self.inputs.entities},
                      key=lambda q: (q.target_year, q.base_year, q.name))

    def periods_text(self) -> str:
        """The years of the periods the report covers, as its title says them: 2021—2025年, or 2021—2025年、
        2026—2030年 when the counties' plans differ."""
        return self.w("report.periods_sep").join(self.w("report.period_years", years=period_years(q, self.lang))
                                                   for q in self.periods)

    def target_years_by_county(self, rows: pd.DataFrame | None = None) -> dict[int, list[str]]:
        """Each target year, with the counties whose rows (a table with entity and target_year; by default each
        county's evaluated plan) are set against it, in the report's order of counties."""
        if rows is None:
            pairs = [(e, self.inputs.plan_of(e).period.target_year) for e in self.inputs.entities]
        else:
            rows = rows[rows["target_year"].notna()]
            pairs = list(dict.fromkeys(zip(rows["entity"], rows["target_year"].astype(int))))
        order = {e: i for i, e in enumerate(self.inputs.entities)}
        out: dict[int, list[str]] = {}
        for entity, year in sorted(pairs, key=lambda x: (x[1], order.get(x[0], len(order)))):
            out.setdefault(int(year), []).append(entity)
        return out

    def counties_years(self, by_year: dict[int, list[str]], key: str, sep: str = "report.item_sep") -> str:
        """Which counties have which year, one part per year at `key` ({counties}, {year}), joined by `sep`:
        建德市、安吉县为2025年，桐庐县为2030年. With many counties, how many have each year."""
        parts = []
        for year, entities in by_year.items():
            counties = (self.t("report.many_entities", n=len(entities)) if self.many
                        else self.names(self.entity_name(e) for e in entities))
            parts.append(self.t(key, counties=counties, year=year))
        return self.t(sep).join(parts)

    def t(self, key: str, **values) -> str:
        """The sentence at a wording key, with the report's years and the shared phrases filled in."""
        return self.w(key, **{**self.years, "province_target": self.w("definitions.province_target"), **values})

    @property
    def many(self) -> bool:
        # config/method.yaml: one threshold for the comparison, tables and charts
        return len(self.inputs.entities) > method_parameters().many_counties

    def next_plan(self, period: PlanPeriod) -> str:
        """The next plan as a sentence names it: “十五五”规划 / the 15th Five-Year Plan; one without a name (after a
        plan that is not 十n五) by its years, 下一期规划（2026—2028年） / the next plan (2026–2028), never its years
        quoted as a name (redteam18: 桐庐县起草“2026—2028年”规划)."""
        if isinstance(period.name, str) and period.name:
            return self.t("report.next_plan", period=period_label(period, self.lang))
        return self.t("report.next_plan_unnamed", years=period_years(period, self.lang))

    def entity_name(self, entity: str) -> str:
        zh, en = self.inputs.sources.entity_names()[entity]
        return zh if self.lang == "zh" else en

    def indicator_name(self, ind_id: str) -> str:
        ind = self.inputs.catalogue.indicators[ind_id]
        return ind.name_zh if self.lang == "zh" else ind.name_en

    def indicator_in_sentence(self, ind_id: str) -> str:
        """An indicator's name inside an English sentence, after a possessive ("Anji's highly skilled
        workers"): its first letter in lower case, unless the name starts with an abbreviation (R&D, STAR)."""
        name = self.indicator_name(ind_id)
        if self.lang == "zh" or len(name) < 2 or not name[1].islower():
            return name
        return name[0].lower() + name[1:]

    def category_label(self, category: str) -> str:
        return category_label(category, self.lang)

    def notes(self, stored, group: str) -> str:
        """A table's stored notes (codes and values: trends.csv progress_notes …) in the report's language."""
        return notes_text(stored, self.w, group)

    def unit(self, unit: str) -> str:
        return self.w.unit(unit)

    def names(self, items) -> str:
        return self.t("report.list_sep").join(items)

    def indicator_reason(self, ind_id: str) -> str:
        ind = self.inputs.catalogue.indicators[ind_id]
        return ind.comparability_reason if self.lang == "zh" else ind.comparability_reason_en

    def relation_reason(self, a: str, b: str) -> str:
        rel = self.inputs.catalogue.relation(a, b)
        if rel is None:
            return ""
        return rel.reason if self.lang == "zh" else rel.reason_en


def build_context(inputs: AnalysisInputs, lang: str, checks: pd.DataFrame,
                  cleaning_log: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> ReportContext:
    """The report's content; `tables` are the analysis tables as written (analyse.read_tables), never recomputed."""
    from helpers.run.parameters import check_lang
    lang = check_lang(lang)
    keep = inputs.entities + [inputs.province]
    return ReportContext(inputs, lang, tables[paths.TRENDS_CSV], tables[paths.COMPARISON_CSV],
                         checks[checks["entity"].isin(keep)], cleaning_log[cleaning_log["entity"].isin(keep)],
                         tables[paths.OUTLOOK_CSV])


def load_report_context(processed_dir=None, config_dir=None, report_year=None, entities=None,
                        lang: str = "zh", year_must_have_data: bool = True) -> ReportContext:
    """Everything the report needs for a year, counties and language given here, from data/processed/ and the
    config (papermill passes '' for unset): the analysis tables are read as `make analysis` wrote them, and
    refused if built for other parameters. (The report notebook takes `make`'s run instead: load_run_context.)"""
    from helpers.run.parameters import check_lang, folder
    lang = check_lang(lang)   # before the slow part
    processed_dir = folder(processed_dir, paths.PROCESSED_DIR, "processed_dir")
    inputs = load_inputs(processed_dir, folder(config_dir, paths.CONFIG_DIR, "config_dir"), report_year or None,
                         entities or None, year_must_have_data)
    return _context(inputs, lang)


def load_run_context(processed_dir=None, config_dir=None) -> ReportContext:
    """Everything the report needs for the run `make` worked out (data/processed/run.json: year, counties,
    language), read and checked, never worked out again."""
    from helpers.analyse import load_run_inputs
    from helpers.run.parameters import config_folder, processed_folder, read_run
    processed_dir = processed_folder(processed_dir)
    config_dir = config_folder(config_dir)
    run = read_run(processed_dir, config_dir)
    return _context(load_run_inputs(processed_dir, config_dir, run), run.lang)


def _context(inputs: AnalysisInputs, lang: str) -> ReportContext:
    checks = read_processed(inputs.processed_dir, paths.CHECKS_CSV)
    cleaning_log = read_processed(inputs.processed_dir, paths.CLEANING_LOG_CSV)
    return build_context(inputs, lang, checks, cleaning_log, read_tables(inputs))


def plan_target_rows(ctx: ReportContext, with_value: bool | None) -> set[tuple[str, str]]:
    """(county, indicator) pairs whose evaluated plan has a target row for its target year: any
    (with_value=None), or only those without a number (with_value=False: a '/' in the plan's table)."""
    ind = ctx.inputs.indicators
    out = set()
    for entity in ctx.inputs.entities:
        period = ctx.inputs.plan_of(entity).period
        rows = ind[(ind["entity"] == entity) & (ind["kind"] == "target") & (ind["year"] == period.target_year)]
        if with_value is False:
            rows = rows[rows["value"].isna()]
        out |= {(entity, i) for i in rows["indicator_id"]}
    return out
