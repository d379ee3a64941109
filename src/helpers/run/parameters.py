"""The report's parameters, checked before anything is built: one place for the Makefile (through
`python -m helpers parameters`), the command line and the notebooks.

    year      YEAR=      the year reported on: it must have actual values; empty = the latest that has
    entities  ENTITIES=  county ids from config/sources.yaml, e.g. jiande,anji; empty = every county
    lang      LANG=      zh or en
    audience  AUDIENCE=  leadership (the brief) and/or analyst (the full report); make's default: both
    folders              raw_dir, processed_dir, config_dir: a relative folder is read from the project root

A bad value stops the run with one line that names the parameter, says what is wrong and what to give
instead, before any output is touched. The same words come back whether the value was given to `make`
(YEAR=) or in a notebook (report_year =): each check takes the spelling of its caller.

Standard library and the config reader only, so that `make report` stays quick when nothing changed.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import ParameterError

LANGS = ("zh", "en")
AUDIENCES = ("leadership", "analyst")
# A subset of counties is named in its reports' file names; past this length by a count and a digest.
TAG_MAX_CHARS = 40
SAFE_ID = re.compile(r"[A-Za-z0-9_.-]+")

# How each parameter is spelled where it is given.
MAKE = {"year": "YEAR", "entities": "ENTITIES", "lang": "LANG", "audience": "AUDIENCE",
        "raw_dir": "RAW_DIR", "processed_dir": "PROCESSED_DIR", "config_dir": "CONFIG_DIR",
        "reports_dir": "REPORTS_DIR"}
NOTEBOOK = {"year": "report_year", "entities": "entities", "lang": "lang", "audience": "audience",
            "raw_dir": "raw_dir", "processed_dir": "processed_dir", "config_dir": "config_dir",
            "reports_dir": "reports_dir"}


@dataclass(frozen=True)
class ReportParameters:
    year: int
    entities: tuple[str, ...]   # the counties reported on, in the order given
    lang: str
    audiences: tuple[str, ...]  # leadership and/or analyst
    subset: bool                # True when the counties are not simply all of them, in config order

    @property
    def tag(self) -> str:
        """The part of the report's file names that says which counties: '' for all of them."""
        return subset_tag(self.entities) if self.subset else ""


def subset_tag(entities) -> str:
    joined = "-".join(entities)
    if len(joined) <= TAG_MAX_CHARS and all(SAFE_ID.fullmatch(e) for e in entities):
        return f"_{joined}"
    digest = hashlib.sha1(",".join(entities).encode("utf-8")).hexdigest()[:8]
    return f"_{len(entities)}counties-{digest}"


def _named(name: str, value, spelling: dict) -> str:
    return f"{spelling[name]}={value}" if spelling is MAKE else f"{spelling[name]} = {value!r}"


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ----------------------------------------------------------------------------- single values

def check_lang(value, spelling: dict = NOTEBOOK) -> str:
    lang = "zh" if _blank(value) else str(value).strip()
    if lang not in LANGS:
        raise ParameterError(f"{_named('lang', value, spelling)} is not a report language: "
                             f"use zh (Chinese, the default) or en (English).")
    return lang


def check_audiences(value, spelling: dict = NOTEBOOK) -> tuple[str, ...]:
    """One or both audiences (`leadership analyst`, or with a comma); none given means both."""
    given = [a for a in re.split(r"[,，\s]+", "" if _blank(value) else str(value)) if a]
    for audience in given:
        if audience not in AUDIENCES:
            raise ParameterError(f"{_named('audience', value, spelling)}: '{audience}' is not an audience: use "
                                 "leadership (the brief), analyst (the full report), or both (the default).")
    return tuple(a for a in AUDIENCES if a in given) or AUDIENCES


def check_audience(value, spelling: dict = NOTEBOOK) -> str:
    """One audience (a notebook's `audience`): leadership unless given."""
    audiences = check_audiences(value or "leadership", spelling)
    return audiences[0]


def parse_year(value, spelling: dict = NOTEBOOK) -> int | None:
    """A year as given: None when not given; a four-digit year otherwise."""
    if _blank(value):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text.removesuffix(".0")):
        raise ParameterError(f"{_named('year', value, spelling)} is not a year: give a four-digit year "
                             "such as 2025, or leave it empty for the latest year with data.")
    return int(text.removesuffix(".0"))


def parse_entities(value) -> list[str]:
    """County ids as given: a list, or text separated by commas (either width) or spaces."""
    if _blank(value):
        return []
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,，;；\s]+", str(value))
    return list(dict.fromkeys(str(e).strip() for e in items if str(e).strip()))


def check_entities(value, config_dir: Path | None = None, spelling: dict = NOTEBOOK) -> tuple[list[str], bool]:
    """The counties asked for, each checked against config/sources.yaml (with a suggestion on a typo).
    Returns the ids and whether they are a subset (anything but every county in config order)."""
    from helpers.core.config import load_sources
    sources = load_sources(config_dir or paths.CONFIG_DIR)
    counties = list(dict.fromkeys(p.entity for p in sources.plans))   # a county may have several plans
    entities = list(dict.fromkeys(parse_entities(value)))
    for entity in entities:
        if entity in counties:
            continue
        if entity == sources.province:
            raise ParameterError(f"{_named('entities', value, spelling)}: {entity} is the province, which every "
                                 f"report compares with; choose counties: {', '.join(counties)}.")
        raise ParameterError(f"{_named('entities', value, spelling)}: '{entity}' is not a county in "
                             f"{paths.display_path(sources.path)}.{_suggest(entity, sources)} "
                             f"Counties: {', '.join(counties)}.")
    return (entities or counties), bool(entities) and entities != counties


def _suggest(text: str, sources) -> str:
    """A county id for a typo (anjii), or for a county's name (安吉县, Anji)."""
    names = {}
    for plan in sources.plans:
        for name in (plan.entity, plan.name_zh, plan.name_en, plan.name_en.lower()):
            names[name] = plan
    close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.6) or \
        difflib.get_close_matches(text.lower(), list(names), n=1, cutoff=0.6)
    if not close:
        return ""
    plan = names[close[0]]
    return f" Did you mean {plan.entity} ({plan.name_zh})?"


# ----------------------------------------------------------------------------- years with data

def years_with_data(processed_dir: Path, entities) -> list[int]:
    """The years in which at least one of these counties has an actual value, from indicators.csv."""
    from helpers.files.processed import check_as_written
    path = check_as_written(processed_dir)
    wanted = set(entities)
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sorted({int(row["year"]) for row in csv.DictReader(f)
                       if row["kind"] == "actual" and row["value"] != "" and row["entity"] in wanted})


def check_year(value, years: list[int], spelling: dict = NOTEBOOK) -> int:
    """The report year: the one given, which must have data, or the latest year that has."""
    year = parse_year(value, spelling)
    if not years:
        raise ParameterError("no county has an actual value in the processed data: add the plans' tables or "
                             "a monitoring workbook, and run `make data`.")
    if year is None:
        return years[-1]
    if year not in years:
        listed = ", ".join(str(y) for y in years)
        raise ParameterError(f"{_named('year', value, spelling)} has no data: the counties have actual values "
                             f"for {listed} only. Choose one of those, or leave it empty for {years[-1]}; "
                             "for a new year, add its monitoring workbook to data/raw/monitoring/ first.")
    return year


# ----------------------------------------------------------------------------- folders

def folder(value, default: Path, name: str, spelling: dict = NOTEBOOK, must_exist: bool = True,
           base: Path | None = None) -> Path:
    """A folder parameter as an absolute path: None or empty means the default; a relative folder is read
    from `base` (the project root for notebooks, whose working folder is notebooks/)."""
    if _blank(value):
        path = Path(default)
    else:
        path = Path(str(value).strip()).expanduser()
    if not path.is_absolute():
        path = (base or paths.PROJECT_ROOT) / path
    if must_exist and not path.is_dir():
        raise ParameterError(f"{_named(name, value if not _blank(value) else str(default), spelling)}: "
                             f"there is no folder {path}: give a folder that exists (a relative one is read "
                             f"from {base or paths.PROJECT_ROOT}).")
    return path


# ----------------------------------------------------------------------------- all together

def report_parameters(year=None, entities=None, lang=None, audience=None, processed_dir=None, config_dir=None,
                      spelling: dict = NOTEBOOK, base: Path | None = None) -> ReportParameters:
    """Every report parameter checked, the year against the processed data."""
    lang = check_lang(lang, spelling)
    audiences = check_audiences(audience, spelling)
    parse_year(year, spelling)
    config_dir = folder(config_dir, paths.CONFIG_DIR, "config_dir", spelling, base=base)
    processed_dir = folder(processed_dir, paths.PROCESSED_DIR, "processed_dir", spelling, base=base)
    chosen, subset = check_entities(entities, config_dir, spelling)
    if not (processed_dir / paths.INDICATORS_CSV).exists():
        raise ParameterError(f"there are no processed data in {paths.display_path(processed_dir)} yet: "
                             "run `make data` first.")
    report_year = check_year(year, years_with_data(processed_dir, chosen), spelling)
    return ReportParameters(report_year, tuple(chosen), lang, audiences, subset)
