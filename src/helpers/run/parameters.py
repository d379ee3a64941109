"""The run's parameters, checked before anything is built and worked out once: one place for the Makefile
(through `python -m helpers resolve`, which writes data/processed/run.json), the command line and the notebooks.

    year       YEAR=       the year reported on: it must have actual values; empty = the latest that has (never
                           one after this year: a typing error, refused with where its values were read)
    entities   ENTITIES=   county ids from config/sources.yaml, e.g. jiande,anji; empty = every county
    lang       LANG=       zh or en
    documents  DOCUMENTS=  brief and/or report; empty = both
    folders                raw_dir, processed_dir, config_dir: a relative folder is read from the project root

A bad value stops the run with one line that names the parameter, says what is wrong and what to give
instead, before any output is touched. The same words come back whether the value was given to `make`
(YEAR=) or in a notebook (report_year =): each check takes the spelling of its caller.

`resolve` works the run out once: the year (defaulted to the latest with data), the counties, the language,
the documents, the tag of a subset's file names, each county's evaluated plan and where the year stands in it,
and the report's file names. `write_run` records it in run.json (rewritten only when it changes, so that its
time tells make when the run changed); every later step reads it with `read_run`, which checks it, and none
works it out again.

Standard library and the config reader only, so that `make report` stays quick when nothing changed.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import ParameterError
from helpers.core.paths import DOCUMENTS
from helpers.core.wording import LANGS

# A subset of counties is named in its reports' file names; past this length by a count and a digest.
TAG_MAX_CHARS = 40
SAFE_ID = re.compile(r"[A-Za-z0-9_.-]+")

# How each parameter is spelled where it is given.
MAKE = {"year": "YEAR", "entities": "ENTITIES", "lang": "LANG", "documents": "DOCUMENTS",
        "raw_dir": "RAW_DIR", "processed_dir": "PROCESSED_DIR", "config_dir": "CONFIG_DIR",
        "reports_dir": "REPORTS_DIR"}
NOTEBOOK = {"year": "report_year", "entities": "entities", "lang": "lang", "documents": "documents",
            "raw_dir": "raw_dir", "processed_dir": "processed_dir", "config_dir": "config_dir",
            "reports_dir": "reports_dir"}


def subset_tag(entities) -> str:
    joined = "-".join(entities)
    if len(joined) <= TAG_MAX_CHARS and all(SAFE_ID.fullmatch(e) for e in entities):
        return f"_{joined}"
    digest = hashlib.sha1(",".join(entities).encode("utf-8")).hexdigest()[:8]
    return f"_{len(entities)}counties-{digest}"


def _named(name: str, value, spelling: dict) -> str:
    if isinstance(value, Path):
        value = str(value)
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


def check_documents(value, spelling: dict = NOTEBOOK) -> tuple[str, ...]:
    """One or both documents (`brief report`, or with a comma; `both`, as the refusal offers it); none given
    means both."""
    if isinstance(value, (list, tuple)):
        given = [str(d) for d in value]
    else:
        given = [d for d in re.split(r"[,，\s]+", "" if _blank(value) else str(value)) if d]
    given = [d for g in given for d in (DOCUMENTS if g == BOTH else (g,))]
    for document in given:
        if document not in DOCUMENTS:
            raise ParameterError(f"{_named('documents', value, spelling)}: '{document}' is not a document: use "
                                 f"brief, report (the full report), or {BOTH} (the default).")
    return tuple(d for d in DOCUMENTS if d in given) or DOCUMENTS


BOTH = "both"


def parse_year(value, spelling: dict = NOTEBOOK) -> int | None:
    """A year as given: None when not given; a four-digit year otherwise."""
    if _blank(value):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text.removesuffix(".0")):
        raise ParameterError(f"{_named('year', value, spelling)} is not a year: give a four-digit year "
                             "such as 2025, or leave it empty for the latest year with data.")
    return int(text.removesuffix(".0"))


def no_entities_given(value) -> bool:
    """No counties given (None, blank text, an empty list): every county. Text or a list that holds something
    but no id (`ENTITIES=,,,`) is given, and refused by check_entities, never taken as every county."""
    return _blank(value) or (isinstance(value, (list, tuple)) and not value)


def parse_entities(value) -> list[str]:
    """County ids as given: a list, or text separated by commas (either width) or spaces. A stray separator
    (`,jiande`, `jiande,`) names no county and is passed over: every id given is still reported on."""
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
    if not entities and not no_entities_given(value):
        raise ParameterError(f"{_named('entities', value, spelling)} names no county: give county ids separated "
                             f"by commas ({', '.join(counties)}), or leave it empty for every county.")
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


def sources_as_read(processed_dir: Path, config_dir: Path):
    """config/sources.yaml with each plan's period as the data step read it (an entry without plan_period: the
    period its document's title names, kept in indicators.csv's `plan` column: helpers.core.periods.as_read)."""
    from helpers.core.config import load_sources
    from helpers.core.periods import as_read
    from helpers.files.processed import check_as_written
    path = check_as_written(processed_dir)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [(row["source_file"], row.get("plan") or "") for row in csv.DictReader(f)]
    return as_read(load_sources(config_dir), rows)


def where_actuals_are(processed_dir: Path, entities, year: int) -> list[str]:
    """Where these counties' actual values for a year were read: the file, and the sheet and row or the line."""
    wanted, places = set(entities), []
    with open(Path(processed_dir) / paths.INDICATORS_CSV, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "actual" and row["value"] != "" and row["entity"] in wanted and int(row["year"]) == year:
                places.append(f"{row['source_file']}, sheet {row['source_sheet']}, row {row['source_line']}"
                              if row["source_sheet"] else f"{row['source_file']}, line {row['source_line']}")
    return list(dict.fromkeys(places))


def this_year() -> int:
    """The calendar year, by this computer's clock: no actual value can be for a later one."""
    import datetime
    return datetime.date.today().year


def check_year(value, years: list[int], spelling: dict = NOTEBOOK, places=None) -> int:
    """The report year: the one given, which must have data, or the latest year that has (`default_year`).
    `places(year)`: where a year's actual values were read, to name them when the default is refused."""
    year = parse_year(value, spelling)
    if not years:
        raise ParameterError("no county has an actual value in the processed data: add the plans' tables or "
                             "a monitoring workbook, and run `make data`.")
    if year is None:
        return default_year(years, spelling, places)
    if year not in years:
        listed = ", ".join(str(y) for y in years)
        empty = f", or leave it empty for {years[-1]}" if years[-1] <= this_year() else ""
        raise ParameterError(f"{_named('year', value, spelling)} has no data: the counties have actual values "
                             f"for {listed} only. Choose one of those{empty}; "
                             "for a new year, add its monitoring workbook to data/raw/monitoring/ first.")
    return year


def default_year(years: list[int], spelling: dict = NOTEBOOK, places=None) -> int:
    """The latest year with actual values, unless it is after this year. No actual value can be for a year that
    has not come yet: such a year is a typing error (2029 for 2026 in a workbook's 年份 cell), which the data step
    cannot tell (the plan periods run to 2030 and tests write later years on purpose) but which must not silently
    become the report's year: refused, naming where its values were read. A year given (YEAR=) is taken as given."""
    latest, now = years[-1], this_year()
    if latest <= now:
        return latest
    shown = places(latest) if places else []
    where = (f" Its values were read from {'; '.join(shown[:3])}"
             f"{f' and {len(shown) - 3} more places' if len(shown) > 3 else ''}." if shown else "")
    earlier = [y for y in years if y <= now]
    instead = (f"or give the year to report on, e.g. {_named('year', earlier[-1], spelling)} (the latest year up to "
               "this one with values)" if earlier else "or give the year to report on")
    raise ParameterError(f"{spelling['year']} is not given, and the latest year with actual values, {latest}, is after "
                         f"this year ({now}, by this computer's clock): a year typed wrong?{where} Correct the year "
                         f"there (or the computer's clock), {instead}.")


# ----------------------------------------------------------------------------- folders

def folder(value, default: Path, name: str, spelling: dict = NOTEBOOK, must_exist: bool = True,
           base: Path | None = None, read: dict[str, Path] | None = None) -> Path:
    """A folder parameter as an absolute path: None or empty means the default; a relative folder is read
    from `base` (the project root for notebooks, whose working folder is notebooks/). A folder a run writes is
    none of the folders it reads (check_not_an_input_folder; `read`: those it was given, beside the project's)."""
    if _blank(value):
        path = Path(default)
    else:
        path = Path(str(value).strip()).expanduser()
    if not path.is_absolute():
        path = (base or paths.PROJECT_ROOT) / path
    _not_the_root(name, value, path, spelling, default)
    if must_exist and not path.is_dir():
        raise ParameterError(f"{_named(name, value if not _blank(value) else str(default), spelling)}: "
                             f"there is no folder {path}: give a folder that exists (a relative one is read "
                             f"from {base or paths.PROJECT_ROOT}).")
    if name in WRITTEN_FOLDERS:     # (a notebook in JupyterLab reads and writes it as make does: the same refusal)
        check_kept_in_project({name: path}, spelling, would="read or write another folder's data there")
        check_not_an_input_folder(name, value, path, spelling, default, read)
    return path


WRITTEN_FOLDERS = ("processed_dir", "reports_dir")


def _default_given(name: str, spelling: dict) -> str:
    """How the default of a folder parameter is asked for: `processed_dir = None` in a notebook, left out for make."""
    return f"{spelling[name]} = None" if spelling is not MAKE else f"leave {spelling[name]} out"


def _the_default(path: Path, default: Path) -> bool:
    return os.path.realpath(path) == os.path.realpath(default)


# The files a processed folder holds, one at least once the data step (or `make analysis`) wrote in it.
PROCESSED_FILES = (paths.INDICATORS_CSV, paths.BUILD_INFO_JSON, paths.RUN_JSON)


def processed_folder(value, spelling: dict = NOTEBOOK, base: Path | None = None) -> Path:
    """processed_dir as a notebook reads it: a folder the data step wrote in. Another (processed_dir = "~" in
    JupyterLab) stopped with "run `make data` first" (or `make report`), which writes data/processed and never there,
    so the advice, followed, changed nothing. (The default folder before its first run: "run `make data`" works.)"""
    path = folder(value, paths.PROCESSED_DIR, "processed_dir", spelling, base=base)
    if _the_default(path, paths.PROCESSED_DIR) or any((path / name).exists() for name in PROCESSED_FILES):
        return path
    default = paths.display_path(paths.PROCESSED_DIR)
    instead = (f"Give the folder the data step wrote them in, e.g. the default, {default} "
               f"({_default_given('processed_dir', spelling)})"
               if (paths.PROCESSED_DIR / paths.INDICATORS_CSV).exists() else
               f"Run `make data` first (it writes them in the default folder, {default}), then give that folder "
               f"({_default_given('processed_dir', spelling)})")
    raise ParameterError(f"{_named('processed_dir', value, spelling)}: {paths.display_path(path)} holds no processed "
                         f"data (none of {', '.join(PROCESSED_FILES)}): it is not a folder the data step wrote in. "
                         f"{instead}.")


CONFIG_FILES = (paths.SOURCES_FILE, paths.CATALOGUE_FILE)


def config_folder(value, spelling: dict = NOTEBOOK, base: Path | None = None) -> Path:
    """config_dir as a notebook reads it: a folder that holds the config files. Another (config_dir = "data/raw" in
    JupyterLab) was taken for a config changed since the data step, with advice to rebuild the data from it (`make
    data … CONFIG_DIR="data/raw"`), which stops at once on its missing sources.yaml; the report notebook stopped on
    a FileNotFoundError traceback. (The default folder without them: the config reader's advice, restore it.)"""
    path = folder(value, paths.CONFIG_DIR, "config_dir", spelling, base=base)
    missing = [name for name in CONFIG_FILES if not (path / name).is_file()]
    if not missing or _the_default(path, paths.CONFIG_DIR):
        return path
    raise ParameterError(f"{_named('config_dir', value, spelling)}: {paths.display_path(path)} holds no "
                         f"{' and no '.join(missing)}: it is not a config folder. Give the folder that holds "
                         f"{' and '.join(CONFIG_FILES)}, e.g. the default, {paths.display_path(paths.CONFIG_DIR)} "
                         f"({_default_given('config_dir', spelling)}).")


def check_holds_plans(raw_dir: Path, files: list[str], sources_path: Path) -> None:
    """A raw folder other than the project's holds one plan at least: raw_dir = "~" in JupyterLab stopped on its
    missing checksum manifest, with advice to run `make manifest`, which records data/raw and never that folder
    (and there is nothing to record). Said before anything is read; the same words for make (RAW_DIR=)."""
    if _the_default(raw_dir, paths.RAW_DIR) or any((Path(raw_dir) / name).exists() for name in files):
        return
    listed = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    raise ParameterError(f"the raw folder {paths.display_path(raw_dir)} (raw_dir; make's RAW_DIR) holds none of the "
                         f"plan documents {paths.display_path(sources_path)} names ({listed}): it is not a raw data "
                         f"folder. Give the folder that holds them, e.g. the default, "
                         f"{paths.display_path(paths.RAW_DIR)} (raw_dir = None in a notebook; leave RAW_DIR out "
                         "for make).")


def input_folders(read: dict[str, Path] | None = None) -> dict[str, Path]:
    """The folders a run reads and never writes: the project's inputs and its code, and the folders a run was
    given to read from (`read`: raw_dir and config_dir as the data step got them)."""
    root = paths.PROJECT_ROOT
    return {"the raw data folder": paths.RAW_DIR, "the config folder": paths.CONFIG_DIR,
            "the notebooks folder": paths.NOTEBOOKS_DIR, "the templates folder": paths.TEMPLATES_DIR,
            "the code folder": root / "src", "the tests folder": root / "tests", "the environment": root / ".venv",
            "the git folder": root / ".git", **{f"the {label} folder read by this run": Path(folder)
                                                for label, folder in (read or {}).items()}}


def check_not_an_input_folder(name: str, value, path: Path, spelling: dict, default: Path,
                              read: dict[str, Path] | None = None) -> None:
    """A folder a run writes is never one it reads from, nor inside one: processed_dir set to the raw folder in
    JupyterLab wrote the data step's six files beside the plans, which the README promises the code never edits
    (and the next `make data` stopped on the stray files). Checked before anything is written."""
    here = Path(os.path.realpath(path))
    for what, folder in input_folders(read).items():
        inputs = Path(os.path.realpath(folder))
        if here == inputs or inputs in here.parents:
            raise ParameterError(
                f"{_named(name, value if not _blank(value) else str(default), spelling)}: "
                f"{'that is' if here == inputs else 'that lies inside'} {what} ({paths.display_path(folder)}), "
                f"which a run only reads: its outputs would be written among its inputs. Give a folder of its own, "
                f"e.g. the default, {paths.display_path(default)}.")


def _not_the_root(name: str, value, path: Path, spelling: dict, default: Path) -> None:
    """A folder parameter is never the whole file system: processed_dir = '/' wrote the data step's files into /,
    and PROCESSED_DIR=/ would have."""
    if os.path.realpath(path) == "/":
        raise ParameterError(f"{_named(name, value, spelling)}: / is the root of the whole file system: give the "
                             f"folder itself, e.g. the default, {paths.display_path(default)}.")


# ----------------------------------------------------------------------------- the run, worked out once

ABOUT = ("The run, worked out once by `python -m helpers resolve` (make) from YEAR, ENTITIES, LANG and DOCUMENTS, "
         "the processed data and the config. Every later step reads it; `inputs` are the fingerprints of the "
         "files it was worked out from, and a step refuses a run.json that no longer matches them.")


@dataclass(frozen=True)
class Run:
    year: int
    entities: tuple[str, ...]   # the counties reported on, in the order given
    subset: bool                # True when the counties are not simply all of them, in config order
    lang: str
    documents: tuple[str, ...]  # brief and/or report
    plans: dict = field(default_factory=dict)    # county -> its evaluated plan and where the year stands in it
    inputs: dict = field(default_factory=dict)   # file name -> SHA-256 of what the run was worked out from

    @property
    def tag(self) -> str:
        """The part of the report's file names that says which counties: '' for all of them."""
        return subset_tag(self.entities) if self.subset else ""

    @property
    def files(self) -> dict[str, str]:
        """The report's file names (the documents' without .html/.pdf). One place for them."""
        end = f"{self.year}_{self.lang}{self.tag}"
        names = {"notebook": paths.PUBLISHED_NOTEBOOK.format(end=end),
                 "results": paths.PUBLISHED_RESULTS.format(end=end)}
        return names | {d: paths.PUBLISHED_DOCUMENT.format(document=d, end=end) for d in self.documents}

    def published(self, html_only: bool = False) -> list[tuple[str, str]]:
        """(built name, published name) of each file of the report, in reports/.build/ and reports/<year>/."""
        files = self.files
        pairs = [(paths.BUILT_NOTEBOOK, files["notebook"])]
        if not html_only:
            pairs.append((paths.BUILT_RESULTS, files["results"]))
        for document in self.documents:
            pairs += [(f"{document}.{suffix}", f"{files[document]}.{suffix}")
                      for suffix in (("html",) if html_only else ("html", "pdf"))]
        return pairs

    def as_json(self) -> str:
        record = {"about": ABOUT, "year": self.year, "entities": list(self.entities), "subset": self.subset,
                  "tag": self.tag, "lang": self.lang, "documents": list(self.documents), "plans": self.plans,
                  "files": self.files, "inputs": self.inputs}
        return json.dumps(record | {"fingerprint": record_fingerprint(record)}, ensure_ascii=False, indent=1) + "\n"


def record_fingerprint(record: dict) -> str:
    """SHA-256 of a run record's content (without its own fingerprint), as `resolve` wrote it: a run.json edited by
    hand (another year, a county removed, another file name) no longer matches it, and is refused like every other
    processed file that is not what its step wrote."""
    content = {key: value for key, value in record.items() if key != "fingerprint"}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def input_fingerprints(processed_dir: Path, config_dir: Path) -> dict[str, str]:
    """SHA-256 of the files a run is worked out from: the processed indicators and the config."""
    files = [Path(processed_dir) / paths.INDICATORS_CSV, Path(config_dir) / paths.SOURCES_FILE,
             Path(config_dir) / paths.CATALOGUE_FILE]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def evaluated_plans(sources, entities, year: int) -> dict[str, dict]:
    """Each county's evaluated plan (helpers.core.periods) and where the year stands in it."""
    from helpers.core.periods import evaluated_plan, phase
    out = {}
    for entity in entities:
        plan = evaluated_plan(sorted(sources.plans_of(entity), key=lambda p: p.period.base_year), year)
        out[entity] = {"plan": plan.period.name, "file": plan.file, "base_year": plan.period.base_year,
                       "target_year": plan.period.target_year, "phase": phase(plan.period, year)}
    return out


def check_output_folders(raw_dir: Path, outputs: dict[str, Path], spelling: dict = MAKE,
                         config_dir: Path | None = None) -> None:
    """The folders a run writes (outputs: {"processed_dir": …, "reports_dir": …}) are none of the folders it reads,
    nor inside one (check_not_an_input_folder): REPORTS_DIR=data/raw/monitoring published the results workbook and
    the report notebook among the monitoring workbooks, which the next run read back (and refused)."""
    for name, output in outputs.items():
        if output is not None:
            default = paths.PROCESSED_DIR if name == "processed_dir" else paths.REPORTS_DIR
            _not_the_root(name, output, Path(output), spelling, default)
            check_not_an_input_folder(name, output, Path(output), spelling, default,
                                      {"raw": raw_dir, **({"config": config_dir} if config_dir else {})})
    check_kept_in_project(outputs, spelling)


def check_kept_in_project(outputs: dict[str, Path], spelling: dict = MAKE,
                          would: str = "write its outputs there, into another folder's files") -> None:
    """No folder a run writes, named inside the project, leads out of it through a symbolic link: data/processed
    linked into another copy of the project had `make report` rewrite that copy's processed files, and a link at
    reports/2025 published into it, exit 0. Checked before anything is written, with the folders a run writes
    under them (reports/<year>, reports/executed) that exist. (A folder named outside the project, as
    PROCESSED_DIR=/tmp/x, is the user's choice.)"""
    from helpers.run.project_folder import link_out_of_project
    for name, output in outputs.items():
        if output is None:
            continue
        output = Path(output)
        under = [p for p in sorted(output.iterdir()) if p.is_symlink() and p.is_dir()] if output.is_dir() else []
        for folder in [output, *under]:
            found = link_out_of_project(folder)
            if found:
                link, leads = found
                given = _named(name, output, spelling) if folder == output and name in spelling else \
                    paths.display_path(folder)
                raise ParameterError(
                    ("" if given == paths.display_path(link) else f"{given}: ") +
                    f"{paths.display_path(link)} is a link to {leads}, outside this project folder "
                    f"({paths.PROJECT_ROOT}): the run would {would}. "
                    f"Remove the link (`rm {_shell_word(paths.display_path(link))}`: the run makes the folder again, "
                    "empty) and run again.")


def _shell_word(text: str) -> str:
    import shlex
    return shlex.quote(text)


def check_before_data(year=None, entities=None, lang=None, documents=None, config_dir=None,
                      spelling: dict = NOTEBOOK, base: Path | None = None) -> None:
    """What can be checked before the data step: the language, the documents, the year's form, and the counties
    given (against the config). `make` runs it in its first step (`python -m helpers inputs`), so that a mistyped
    value stops the run before anything runs; `resolve` checks it all again, and the year against the data.
    A config that cannot be read is left to the data step, which says what is wrong with it."""
    from helpers.core.config import load_sources
    from helpers.core.errors import InputError
    check_lang(lang, spelling)
    check_documents(documents, spelling)
    parse_year(year, spelling)
    if no_entities_given(entities):
        return
    config_dir = folder(config_dir, paths.CONFIG_DIR, "config_dir", spelling, base=base)
    try:
        load_sources(config_dir)
    except InputError:
        return
    check_entities(entities, config_dir, spelling)


def resolve(year=None, entities=None, lang=None, documents=None, processed_dir=None, config_dir=None,
            spelling: dict = NOTEBOOK, base: Path | None = None) -> Run:
    """Every parameter checked, the year against the processed data, and the run worked out."""
    lang = check_lang(lang, spelling)
    documents = check_documents(documents, spelling)
    parse_year(year, spelling)
    config_dir = folder(config_dir, paths.CONFIG_DIR, "config_dir", spelling, base=base)
    processed_dir = folder(processed_dir, paths.PROCESSED_DIR, "processed_dir", spelling, base=base)
    chosen, subset = check_entities(entities, config_dir, spelling)
    if not (processed_dir / paths.INDICATORS_CSV).exists():
        raise ParameterError(f"there are no processed data in {paths.display_path(processed_dir)} yet: "
                             "run `make data` first.")
    report_year = check_year(year, years_with_data(processed_dir, chosen), spelling,
                             places=lambda y: where_actuals_are(processed_dir, chosen, y))
    plans = evaluated_plans(sources_as_read(processed_dir, config_dir), chosen, report_year)
    return Run(report_year, tuple(chosen), subset, lang, documents, plans,
               input_fingerprints(processed_dir, config_dir))


def write_run(run: Run, processed_dir: Path) -> bool:
    """Record the run in run.json, rewritten only when it changed (its time tells make). True when rewritten."""
    from helpers.files.atomic import write_if_changed
    return write_if_changed(Path(processed_dir) / paths.RUN_JSON, run.as_json())


def read_run(processed_dir=None, config_dir=None) -> Run:
    """The run as `resolve` recorded it, checked: complete, and worked out from the processed data and the config
    as they are now. Otherwise an error that says what to run."""
    from helpers.core.errors import InputError
    processed_dir = folder(processed_dir, paths.PROCESSED_DIR, "processed_dir")
    config_dir = folder(config_dir, paths.CONFIG_DIR, "config_dir")
    path = processed_dir / paths.RUN_JSON
    # (with the folders given, when not the project's: `make report` alone works a run out in data/processed)
    folders = {"PROCESSED_DIR": (processed_dir, paths.PROCESSED_DIR), "CONFIG_DIR": (config_dir, paths.CONFIG_DIR)}
    given = "".join(f' {name}="{paths.display_path(os.path.abspath(folder_given))}"'
                    for name, (folder_given, default) in folders.items() if not _the_default(folder_given, default))
    again = (f"run `make report{given}` (or `make analysis{given}`) with the parameters you want: it works the run "
             "out again.")
    from helpers.files.processed import check_read_back
    check_read_back(processed_dir)
    if not path.exists():
        raise InputError(path, None, "the run has not been worked out yet", again)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        run = Run(int(record["year"]), tuple(record["entities"]), bool(record["subset"]), check_lang(record["lang"]),
                  check_documents(record["documents"]), dict(record["plans"]), dict(record["inputs"]))
    except (ValueError, KeyError, TypeError, ParameterError):
        raise InputError(path, None, "the record of the run is damaged", again) from None
    if not isinstance(record, dict) or record.get("fingerprint") != record_fingerprint(record):
        raise InputError(path, None, "the record of the run is not what `resolve` wrote: it was changed afterwards "
                         "(edited by hand?), so the year, the counties and the file names it holds cannot be trusted",
                         f"{again} To report on another year or other counties, give them to make (`make report "
                         "YEAR=2024 ENTITIES=jiande`) instead of editing run.json.")
    if not run.entities or run.year < 1 or not all(isinstance(e, str) for e in run.entities):
        raise InputError(path, None, "the record of the run is damaged", again)
    current = input_fingerprints(processed_dir, config_dir)
    changed = [name for name, digest in current.items() if run.inputs.get(name) != digest]
    if changed:
        raise InputError(path, None, f"the run was worked out from another version of {' and '.join(changed)}",
                         again)
    return run
