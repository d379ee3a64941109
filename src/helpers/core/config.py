"""Reading the project's configuration: the plan sources, their layouts and the catalogue.

Both files are edited by hand, so every mistake in them is reported with its file and line.
"""
from __future__ import annotations

import datetime
import difflib
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from helpers.core.errors import InputError, refuse_special_file
from helpers.core.limits import CONFIG
from helpers.core.paths import CATALOGUE_FILE, CONFIG_DIR, SOURCES_FILE, display_path
from helpers.core.patterns import UserPattern
from helpers.core.text import name_key, normalise, read_utf8
from helpers.core.values import ESTIMATES

LINE = "__line__"
# A county's id, as ENTITIES and file names use it: ASCII letters, digits, _ and -.
ENTITY_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe YAML loader that records each mapping's 1-based line under LINE (libyaml's parser where
    PyYAML has it: five times faster, and every step reads the configuration)."""


class _Mapping(dict):
    """A mapping read from YAML that also knows the line of each of its keys (for errors about a value)."""
    key_lines: dict


class DuplicateKey(yaml.YAMLError):
    """A key written twice in one mapping: YAML keeps the last silently, so the line an analyst edited may be
    the one that is ignored."""

    def __init__(self, key: str, first: int, second: int):
        super().__init__(f"'{key}' at lines {first} and {second}")
        self.key, self.first, self.second = key, first, second


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    seen: dict = {}
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if key.value in seen:
                raise DuplicateKey(key.value, seen[key.value], key.start_mark.line + 1)
            seen[key.value] = key.start_mark.line + 1
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# What a configuration file may expand to. The catalogue is some 2,000 values, 5 levels deep; YAML's
# anchors and aliases (&a … *a) can make a few lines expand to billions (an "alias bomb"), so the file is
# measured as YAML composes it, each alias counted as often as it is used, before anything is built from it.
MAX_CONFIG_VALUES = 100_000
MAX_CONFIG_DEPTH = 20


def _same_place(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


def load_yaml(path: Path) -> Any:
    if not path.exists():
        if _same_place(path.parent, CONFIG_DIR):
            fix = "restore it from git (git checkout -- config/) or create it."
        else:   # (restoring the project's config/ from git does nothing for a folder named elsewhere)
            fix = (f"name the folder that holds {SOURCES_FILE} and {CATALOGUE_FILE} (--config-dir; make's CONFIG_DIR), "
                   f"or leave it out for the default, {display_path(CONFIG_DIR)}; or copy them there from it.")
        raise InputError(path, None, "the configuration file is missing", fix)
    loader = _LineLoader(read_utf8(path, "configuration file", CONFIG))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node, path)
        return loader.construct_document(node)
    except DuplicateKey as exc:
        raise InputError(path, exc.second, f"'{exc.key}' is given twice in one entry (lines {exc.first} and "
                         f"{exc.second}); only one of them would be read, without a word",
                         "keep the line you mean and delete the other.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise InputError(path, line, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                         "fix the indentation or quoting at that line.") from None
    finally:
        loader.dispose()


def _check_size(root: yaml.Node, path: Path) -> None:
    """Refuse a document that expands to more than MAX_CONFIG_VALUES values or nests deeper than
    MAX_CONFIG_DEPTH, counting each use of an alias (iteratively: a deep document must not exhaust the stack)."""
    count, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        line = node.start_mark.line + 1
        if count > MAX_CONFIG_VALUES:
            raise InputError(path, line, f"the file expands to more than {MAX_CONFIG_VALUES:,} values (YAML "
                             "anchors and aliases, &name and *name, repeated within each other?), far more than "
                             "any project's configuration", "write the entries out without nested aliases; `git "
                             f"diff {display_path(path)}` shows what changed.")
        if depth > MAX_CONFIG_DEPTH:
            raise InputError(path, line, f"the entries are nested more than {MAX_CONFIG_DEPTH} levels deep",
                             "compare the indentation with the version in git "
                             f"(`git diff {display_path(path)}`).")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)


def _known_keys(entry: Any, known: tuple[str, ...], path: Path, what: str) -> None:
    """Every key of a hand-edited entry is one the project reads: a misspelt key (tabel_title, plausable) would
    otherwise be ignored without a word, and its setting silently lost."""
    if not isinstance(entry, dict):
        return
    for key in entry:
        if key == LINE or key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise InputError(path, _line_of(entry, key), f"unknown key '{key}' in {what}",
                         f"{hint}The keys {what} may have are: {', '.join(known)}. Correct the spelling, or "
                         "remove the line (a key the project does not read has no effect).")


def _require(entry: dict, key: str, path: Path, what: str) -> Any:
    if not isinstance(entry, dict):
        raise InputError(path, None, f"{what} should be a mapping ('name: value' lines) but is {_shape(entry)}",
                         f"write it as in the version in git (`git diff {display_path(path)}` shows what changed).")
    if key not in entry or entry[key] in (None, ""):
        raise InputError(path, entry.get(LINE), f"{what} has no '{key}'",
                         f"add '{key}: …' to this entry.")
    return entry[key]


def _text(entry: dict, key: str, path: Path, what: str) -> str:
    """A required value that must be text (a name, a file name, an id): a number or a list there is a mistake."""
    value = _require(entry, key, path, what)
    if not isinstance(value, str):
        raise InputError(path, _line_of(entry, key), f"'{key}' of {what} should be text but is {_shape(value)}",
                         _quote_it(entry, key, value))
    control = next((c for c in value if ord(c) < 32 and c not in "\t\n"), None)
    if control is not None:
        raise InputError(path, _line_of(entry, key), f"'{key}' of {what} holds a control character "
                         f"(U+{ord(control):04X}): a \\0 or \\x.. escape in double quotes?",
                         f"write the text itself after '{key}:', without escapes.")
    return value


def _quote_it(entry: dict, key: str, value: Any) -> str:
    """How to write as text a value YAML read as something else: 123, 2023-01-01, yes/no/on/off (YAML 1.1's
    yes/no words; the word written is gone, so the line's own text is quoted)."""
    if isinstance(value, bool):
        return (f"YAML reads yes, no, on, off, true and false as yes/no: put the word in quotes, e.g. {key}: "
                "'yes'.")
    if isinstance(value, (int, float, datetime.date)):
        return f"write it as text, in quotes: {key}: '{value}'."
    return f"write one text after '{key}:'."


def _texts(entry: dict, key: str, path: Path, what: str) -> tuple[str, ...]:
    """An optional list of texts (source_names, aliases …): one text given without brackets would otherwise be
    read as a list of its characters."""
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                              for v in value):
        example = value if isinstance(value, str) else "…"
        raise InputError(path, _line_of(entry, key), f"`{key}` of {what} should be a list of texts but is "
                         f"{_shape(value)}", f"write it in brackets: {key}: [{example}].")
    return tuple(str(v) for v in value)


def _entity_id(entry: dict, path: Path, what: str = "a plan", example: str = "jiande") -> str:
    """A county's (or the province's) id: a plain id, as ENTITIES, the tables and file names use it."""
    entity = _text(entry, "entity", path, what)
    if not ENTITY_ID.fullmatch(entity):
        raise InputError(path, _line_of(entry, "entity"), f"the entity id '{entity}' is not a plain id",
                         f"write it in ASCII letters, digits, _ or - (e.g. {example}); its Chinese and English names "
                         "go under name_zh and name_en.")
    return entity


def _shape(value: Any) -> str:
    kind = {str: "a text", int: "a number", float: "a number", bool: "yes/no", list: "a list",
            datetime.date: "a date", datetime.datetime: "a date and time"}.get(type(value))
    return f"{kind} ({str(value)[:40]!r})" if kind else f"a {type(value).__name__}"


def _line_of(parent: dict, key: str) -> int | None:
    return getattr(parent, "key_lines", {}).get(key) or parent.get(LINE)


def _entries(parent: dict, key: str, path: Path, what: str, example: str) -> list[dict]:
    """A section that is a list of mappings (`plans:`, `units:` …), checked before it is read."""
    value = _require(parent, key, path, what)
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        found = _shape(value) if not isinstance(value, list) else \
            "a list with " + _shape(next(e for e in value if not isinstance(e, dict)))
        raise InputError(path, _line_of(parent, key), f"`{key}:` should be a list of entries, each written as "
                         f"'- ' and its fields (e.g. {example}), but is {found}",
                         f"write each entry on its own '- ' line with its fields indented below, as in the version "
                         f"in git (`git diff {display_path(path)}`).")
    return value


def _section(parent: dict, key: str, path: Path, what: str) -> dict:
    """A section that is a mapping (`province:`, `layouts:` …), checked before it is read."""
    value = _require(parent, key, path, what)
    if not isinstance(value, dict):
        raise InputError(path, _line_of(parent, key), f"`{key}:` should be a mapping ('name: value' lines "
                         f"indented below it) but is {_shape(value)}",
                         f"write it as in the version in git (`git diff {display_path(path)}`).")
    return value


def _structure_errors(load):
    """Whatever shape the hand-edited file has, a message instead of a traceback (the specific checks above
    name the line; this is the net under them)."""
    def checked(config_dir: Path = CONFIG_DIR):
        try:
            return load(config_dir)
        except (TypeError, AttributeError, ValueError, KeyError, IndexError) as exc:
            name = SOURCES_FILE if load.__name__ == "load_sources" else CATALOGUE_FILE
            path = Path(config_dir) / name
            raise InputError(path, None, f"the file's structure is not what the project expects "
                             f"({type(exc).__name__}: {exc})",
                             f"compare it with the version in git (`git diff {display_path(path)}`) and restore "
                             "the structure.") from None
    checked.__name__, checked.__doc__ = load.__name__, load.__doc__
    return checked


# ----------------------------------------------------------------------------- sources

@dataclass(frozen=True)
class HeaderRole:
    pattern: UserPattern
    role: str
    entity: str | None  # "province" or None


# The estimate words a plan's header writes in Chinese (预计, 预估, 估计 …), as a pattern's alternatives.
_ESTIMATE = "|".join(w for w in ESTIMATES if not w.isascii())


# What a table's header cells mean, for any layout or format. A pattern is matched against the whole header
# cell, normalised and with its spaces removed. Roles:
#   category: first-level indicator group   serial: row number   name: indicator name   unit: unit column
#   attribute: 属性 (预期性 / 约束性)   remark: 备注, read and not used
# A category column whose cells are all 约束性 / 预期性 is read as the attribute (类型 and 指标类型 head either in real
# plans: the cells decide; helpers.extract.tables.settle_roles). Each role but remark is one column of a table, and
# each value role one column a year (for the county, and for the province): two stop, naming both.
#   actual / target: a value column for the year captured by (?P<year>…) (2030年预期目标: 预期目标 is the plan's
#         target, as plans head it, not an estimate)
#   year: a year alone (2030年), or with an estimate word (2025年（预计）, 预计2025年, 2025年预估数:
#         core.values.ESTIMATES), 基期, 基数 or 现状: an actual up to the plan's base year, a target at its target
#         year, any other year stops (helpers.extract.tables.resolve_year_columns)
#   base / target without a year: a header that writes none (现状值, 基期值; 目标值, 规划目标, “十五五”目标): the
#         plan's period gives the year, its base year for `base` (read as `year` is there), its target year for
#         `target` (a pattern with (?P<year>…) is read by its year, as above)
# A value column whose header says an estimate word, whichever pattern matched it (these or the file's), holds
# estimates: read up to the base year, an estimate of that year's figure, never its actual value (`estimated`). So
# does one whose header says part of a year (2025年1-11月, 2025年（截至11月）, 前三季度: extract.tables.header_roles),
# and such a column is never a target.
# `entity: province` sends that column's values to the province. config/sources.yaml `header_roles` may add
# patterns: they are tried before these, and a plan entry's own `header_roles` before those, for its table alone.
HEADER_ROLE_NAMES = ("category", "serial", "name", "unit", "attribute", "remark", "actual", "target", "year",
                     "base")
DEFAULT_HEADER_ROLES = (
    (r"一级指标|(指标)?类别|(指标)?类型|(指标)?分类|领域", "category", None),
    (r"序号|编号", "serial", None),
    (r"(二级|三级|主要|具体)?指标(名称|项目?)?|项目", "name", None),
    (r"(计量)?单位", "unit", None),
    (r"(指标)?属性|指标性质", "attribute", None),
    (r"备注|说明", "remark", None),
    (r"(?P<year>\d{4})年?(完成值|完成数|实际值|实绩|实际完成值?)", "actual", None),
    (r"(?P<year>\d{4})年?(规划|预期)?(目标值?|目标数)", "target", None),
    (r"(?P<year>\d{4})年?省委?目标(值|数)?", "target", "province"),
    (r"(?P<year>\d{4})年", "year", None),
    (rf"(?P<year>\d{{4}})年?(?P<estimated>{_ESTIMATE})(完成)?(值|数)?", "year", None),
    (rf"\(?(?P<estimated>{_ESTIMATE})\)?(?P<year>\d{{4}})年?(完成)?(值|数)?", "year", None),
    (rf"(?P<year>\d{{4}})年?\((?:(?P<estimated>{_ESTIMATE})(完成)?(值|数)?|基期(值|数)?|基数|现状(值|水平)?)\)", "year",
     None),
    (r"(?P<year>\d{4})年?(基期(值|数)?|基数|现状(值|水平)?)", "year", None),
)


@dataclass(frozen=True)
class Layout:
    name: str
    parser: str
    end_pattern: UserPattern
    group_labels: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class PlanPeriod:
    """A plan period such as 十四五: the year of the plan's last actuals (base) and its target year."""
    name: str
    base_year: int
    target_year: int


@dataclass(frozen=True)
class Reading:
    """The analyst's reading of a plan table's cell the project cannot read by itself (`readings:` of a plan
    entry): the plan stays as published, and the reading is recorded with the cell and the reason. Either a value
    cell (`cell`, as the table writes it, read as `reads`) or the row's unit (`unit`)."""
    indicator: str         # the row's indicator name, as the table writes it (or any of the catalogue's names)
    cell: str | None       # the value cell as written: the reading holds only while the cell says this
    reads: str | None      # how to read it: a figure the project reads (20, ≥20, 20左右, / for none)
    unit: str | None       # or: the row's unit (a unit of the catalogue's vocabulary)
    because: str           # why: the plan's words elsewhere, the office's answer …
    line: int
    attribute: str | None = None   # or: the row's 属性 (约束性 or 预期性), for a 属性 cell the project cannot read
    row: str | None = None         # or: ROW_LEFT_OUT, the row is not read (a row written twice, one not monitored)


@dataclass(frozen=True)
class Continuation:
    """The analyst's word that a PDF's table on `page` is the rest of the plan's table, though text stands between the
    two (`continued:` of a plan entry): Chromium repeats a table's header on each page it prints, and a merged cell's
    text (一级指标) can run below the table's last line. The text between is written out (`between`): the word holds
    only while the document says that."""
    page: int              # the page the table continues on
    between: str           # the text between the two parts, as the error quotes it
    because: str           # why: what the analyst saw on the pages
    line: int


@dataclass(frozen=True)
class DraftMark:
    """The analyst's word that a document marked a draft where drafts are (its cover, a page header, a watermark:
    plans._no_draft_mark) is the plan as adopted, the mark left over from its draft (`draft_marks:` of a plan
    entry). The mark is written out (`mark`, as the error quotes it): the word holds only while the document says
    that, and the cleaning log names it and why."""
    mark: str              # the mark's text, as the error quotes it (normalised)
    because: str           # why: the office's answer
    line: int


@dataclass(frozen=True)
class TableNote:
    """The analyst's reading of a sentence of a plan table's note that says its figures are estimates, for part of a
    year or preliminary but names no column the project can tie it to (`table_notes:` of a plan entry): which
    column's figures it makes estimates (`estimates`: the column's header as the table writes it), or none
    (NO_COLUMN). Or, of a sentence that says a column's figures are another year's (2020年数据为2019年数), the
    column (`column`: its header) and the year its figures are read as (`year`): that year's, or the column's own
    year when they stand for it. The sentence is written out (`note`): the reading holds only while the plan says
    that."""
    note: str              # the sentence, as the error quotes it
    estimates: str | None  # the header of the actual column whose figures it makes estimates; None: no column's
    because: str           # why: the plan's words elsewhere, the office's answer
    line: int
    column: str | None = None   # a year reading: the header of the actual column it reads
    year: int | None = None     # a year reading: the year the column's figures are read as
    # the rows the reading holds for, by their names as the table writes them (a note saying 部分指标 …, the
    # office naming which): only their figures in the column; () all the column's rows
    rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    entity: str
    name_zh: str
    name_en: str
    file: str
    layout: str | None     # how a plain-text plan's table is laid out; a .docx, web page or PDF needs none
    table_title: UserPattern
    line: int
    period: PlanPeriod
    readings: tuple[Reading, ...] = ()
    continued: tuple[Continuation, ...] = ()
    # The plan's own header words (`header_roles:` under its entry), tried before the file's: for a header this
    # plan means otherwise than another plan of the county (a 十五五 plan's `2025年目标`, its base, beside the 十四五
    # plan's, its targets). Sources.for_plan puts them first.
    header_roles: tuple[HeaderRole, ...] = ()
    table_notes: tuple[TableNote, ...] = ()
    # Whether the entry gives its own `plan_period`. An entry without one takes the period its document's title names
    # (helpers.extract.plan_period: 人才发展“十五五”规划, (2026—2030年)), else the file-level default; `period_from`
    # says where the title named it (file, line or paragraph, and its words), "" for a period from the config.
    period_given: bool = True
    period_from: str = ""
    draft_marks: tuple[DraftMark, ...] = ()


@dataclass(frozen=True)
class Sources:
    path: Path
    province: str
    province_name_zh: str
    province_name_en: str
    plan_period: PlanPeriod            # the file-level period: the default for a plan that names none
    plans: tuple[Plan, ...]            # one entry per plan document; a county may have several
    layouts: dict[str, Layout]
    header_roles: tuple[HeaderRole, ...]
    plan_file: str | None = None       # for_plan: the plan whose own header_roles come first in header_roles
    # for_plan: the plan whose table is being read, with its period (the advice on a column's role or year is checked
    # against it: helpers.extract.tables.period_fits); None outside a plan's reading
    reading: Plan | None = None

    def for_plan(self, plan: Plan) -> "Sources":
        """The sources as `plan`'s table is read: its own `header_roles` (under its entry) tried first, then the
        file's and the defaults, and the plan itself (`reading`: its period). Another plan's table never reads its
        header_roles. Safe to call twice."""
        if self.plan_file == plan.file or not plan.header_roles:
            return self if self.reading == plan else replace(self, reading=plan)
        if self.plan_file is not None:
            raise ValueError(f"sources read for {self.plan_file}, asked for {plan.file}")
        return replace(self, header_roles=plan.header_roles + self.header_roles, plan_file=plan.file, reading=plan)

    def with_periods(self, periods: dict[str, PlanPeriod], said: dict[str, str] | None = None) -> "Sources":
        """The sources with the periods the plans' documents name (`periods`: by file; `said`: where each title names
        it) given to the entries that give no `plan_period` of their own (an entry's own period is never replaced),
        checked as the config's are: a period name means the same years everywhere, and a county's plans never
        cover a year twice."""
        said = said or {}
        plans = [replace(p, period=periods[p.file], period_from=said.get(p.file, p.period_from))
                 if not p.period_given and p.file in periods else p for p in self.plans]
        if plans == list(self.plans):
            return self
        _check_periods(plans, self.plan_period, self.path)
        return replace(self, plans=tuple(plans))

    @property
    def base_year(self) -> int:
        """The default period's base year (a plan's own is plan.period.base_year)."""
        return self.plan_period.base_year

    @property
    def target_year(self) -> int:
        """The default period's target year (a plan's own is plan.period.target_year)."""
        return self.plan_period.target_year

    def entity_names(self) -> dict[str, tuple[str, str]]:
        names = {p.entity: (p.name_zh, p.name_en) for p in self.plans}
        names[self.province] = (self.province_name_zh, self.province_name_en)
        return names

    def counties(self) -> list[str]:
        """Every county once, in config order."""
        return list(dict.fromkeys(p.entity for p in self.plans))

    def plans_of(self, entity: str) -> list[Plan]:
        """A county's plans, earliest period first."""
        return sorted((p for p in self.plans if p.entity == entity), key=lambda p: p.period.base_year)

    def periods(self) -> list[PlanPeriod]:
        """Every configured period once (the default and each plan's), earliest first."""
        found = {self.plan_period.name: self.plan_period}
        for p in self.plans:
            found.setdefault(p.period.name, p.period)
        return sorted(found.values(), key=lambda q: q.base_year)


def plan_path(raw_dir: Path, plan: Plan, sources: Sources) -> Path:
    """The plan's document, which must be inside the raw folder: a `file:` such as ../../etc/passwd, or an
    absolute path elsewhere, is refused before anything is read."""
    raw = Path(raw_dir).resolve()
    path = (raw / plan.file).resolve()
    link = Path(raw_dir) / plan.file
    if link.is_symlink() and not path.is_relative_to(raw):
        raise InputError(sources.path, plan.line,
                         f"plan '{plan.entity}' names {plan.file}, which is a link to {os.readlink(link)}, outside the "
                         f"raw folder {display_path(raw)}",
                         f"copy the document itself into {display_path(raw)}/ in place of the link (cp --remove-"
                         f"destination \"$(readlink -f '{link}')\" '{link}'), then run `make manifest`.")
    if not path.is_relative_to(raw):
        raise InputError(sources.path, plan.line,
                         f"plan '{plan.entity}' names the file '{plan.file}', which is outside the raw folder "
                         f"{display_path(raw)}",
                         f"copy the document into {display_path(raw)}/ and give its name there, e.g. "
                         f"`file: {Path(plan.file).name}`.")
    refuse_special_file(link)
    return path


def _regex(text: str, path: Path, line: int | None, key: str) -> UserPattern:
    """A configured pattern, matched under a time limit (helpers.core.patterns); one that repeats a repeating part
    is refused here already, with its line."""
    other = _regex_only(text)
    if other:
        raise InputError(path, line, f"the pattern '{text}' has '{other.group()}', which Python's re reads as plain "
                         "text but the `regex` package that matches the patterns reads otherwise (fuzzy matching, or "
                         "a POSIX class such as [:digit:])",
                         "for braces or brackets meant as text escape them (\\{ \\} \\[ \\]); a repeat is written "
                         "with digits ({4}, {1,3}); a class of digits is \\d.")
    try:
        re.compile(text)      # the syntax the configuration documents (and `re`'s message for an error)
        pattern = UserPattern(text, path, line, key)
    except re.error as exc:
        raise InputError(path, line, f"'{text}' is not a valid regular expression ({exc})",
                         "correct the pattern.") from None
    if _nested_repeat(text):
        raise InputError(path, line, f"the pattern '{text}' repeats without limit a part that itself repeats without "
                         "limit: on a line it does not match, Python tries every way of splitting the line between "
                         "the two, which for a line of a hundred characters takes longer than the age of the universe "
                         "(the run would hang)",
                         "repeat the part once: (a+)+ matches what a+ matches, (.*)* what .* matches.")
    return pattern


# Syntax that `re` takes as plain text and `regex` (V0) does not: braces that are no repeat ({e<=1} is fuzzy matching
# in regex) and a POSIX class inside brackets ([[:digit:]]). Everything else reads alike in both.
BRACES_AS_TEXT = re.compile(r"(?<!\\)\{(?![\d,]*\})[^}]*\}")
POSIX_CLASS = re.compile(r"\[:\^?[a-z]+:\]")


def _regex_only(text: str) -> re.Match | None:
    """The first such syntax in a configured pattern. (Braces are looked for up to the last }: each { would
    otherwise look for a } to the end, and a pattern of 80,000 { took 8 s.)"""
    found = [m for m in (BRACES_AS_TEXT.search(text, 0, text.rfind("}") + 1), POSIX_CLASS.search(text)) if m]
    return min(found, key=lambda m: m.start(), default=None)


def _nested_repeat(text: str) -> bool:
    """Whether the pattern repeats without limit a part that repeats without limit itself: (a+)+, (.*)*, (\\s*x)*.
    (Python's own parser reads the pattern; the check is skipped if its internals ever change.)"""
    try:
        from re import _constants as constants
        from re import _parser as parser
        parsed = parser.parse(text)
    except (ImportError, AttributeError, re.error):
        return False
    repeats = {constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None)}

    def items(tokens):
        for op, av in tokens:
            yield op, av
            children = av if isinstance(av, (list, tuple)) else ()
            for child in children:
                if isinstance(child, parser.SubPattern):
                    yield from items(child)
                elif isinstance(child, (list, tuple)):
                    for grandchild in child:
                        if isinstance(grandchild, parser.SubPattern):
                            yield from items(grandchild)

    def unbounded(op, av) -> bool:
        return op in repeats and av[1] == constants.MAXREPEAT

    for op, av in items(parsed):
        if unbounded(op, av) and any(unbounded(o, a) for o, a in items(av[2])):
            return True
    return False


PERIOD_EXAMPLE = "plan_period: {name: 十四五, base_year: 2020, target_year: 2025}"
# A five-year plan (五年规划) lasts five years: that is what its name says (helpers.core.periods places periods by it).
FIVE_YEARS = 5
DIGITS = "一二三四五六七八九"
# 十一五 … 十九五: the 11th to the 19th five-year plans (what the plans of these decades name).
FIVE_YEAR_NAME = re.compile(rf"十[{DIGITS}]五")
# The n-th five-year plan's base year is 1950 + 5n (十四五: 2020→2025, 十五五: 2025→2030): its name fixes its years.
FIVE_YEAR_EPOCH = 1950


# How a period's name may be written when copied from a document's title: in quotes of any kind (“十五五”, 「十五五」),
# with spaces (十 五 五, full-width ones too) or a middle dot (十四·五), with a suffix (十五五规划, 十五五时期), or in
# full (第十五个五年规划). The name is stored and shown without them, once (十五五): the reports add their own quotes
# and 规划 (“十五五”规划), and the years are checked on it. A name that is not a five-year plan's (中期调整) is kept
# as written, less its quotes, spaces and suffix; one that says 十n五, 五年 or five-year but is no 十n五 alone is
# refused (十五五人才发展, 14th Five-Year, 第15个五年): its years could not be checked, and the Chinese reports would
# print it as it is.
NAME_MARKS = set("\"'`＂＇“”‘’„‟«»‹›「」『』﹁﹂﹃﹄〝〞〟《》〈〉·・‧•∙⋅･")
NAME_SUFFIXES = ("规划", "規劃", "计划", "計劃", "时期", "時期", "期间", "期間")
FULL_FIVE_YEAR_NAME = re.compile(rf"第?十([{DIGITS}])个五年")
LOOKS_FIVE_YEAR = re.compile(rf"五年|十[{DIGITS}]五|five[\s_-]*years?|\bFYP\b", re.IGNORECASE)


def period_name(written: str) -> str:
    """A period's name as stored and shown: '“十五五”规划' -> '十五五', '第十五个五年规划' -> '十五五',
    '中期调整时期' -> '中期调整' (see NAME_MARKS)."""
    spaced = (" " if ch.isspace() else ch for ch in str(written))     # (full-width spaces too)
    words = "".join(ch for ch in spaced if ch not in NAME_MARKS and unicodedata.category(ch) not in ("Cf", "Cc")
                    ).split()
    # (spaces go, but one stays between two Latin words: Mid-term review)
    name = "".join(w if i == 0 or not (w[0].isascii() and words[i - 1][-1].isascii()) else " " + w
                   for i, w in enumerate(words))
    while name.endswith(NAME_SUFFIXES):
        name = name[:-2]
    full = FULL_FIVE_YEAR_NAME.fullmatch(name)
    return f"十{full.group(1)}五" if full else name


def plan_number(name: str) -> int | None:
    """十四五 -> 14; None for a name that is not a five-year plan's."""
    if not FIVE_YEAR_NAME.fullmatch(name or ""):
        return None
    return 10 + DIGITS.index(name[1]) + 1


def plan_name(number: int) -> str | None:
    """14 -> 十四五; None outside 十一五…十九五."""
    return f"十{DIGITS[number - 11]}五" if 11 <= number <= 19 else None


def _year(spec: dict, key: str, path: Path, what: str) -> int:
    raw = _require(spec, key, path, what)
    if isinstance(raw, bool) or not isinstance(raw, (int, str)) or not str(raw).strip().isdigit() \
            or len(str(raw).strip()) != 4:
        raise InputError(path, spec.get(LINE), f"{what}: {key} '{raw}' is not a four-digit year",
                         f"write a year such as {PERIOD_EXAMPLE}.")
    return int(raw)


def _plan_period(spec: Any, path: Path, line: int | None, what: str) -> PlanPeriod:
    if not isinstance(spec, dict):
        raise InputError(path, line, f"{what} must be a mapping with name, base_year and target_year",
                         f"write it as {PERIOD_EXAMPLE}.")
    written = str(_require(spec, "name", path, what)).strip()
    period = PlanPeriod(name=period_name(written),
                        base_year=_year(spec, "base_year", path, what),
                        target_year=_year(spec, "target_year", path, what))
    if not period.name or (LOOKS_FIVE_YEAR.search(period.name) and not FIVE_YEAR_NAME.fullmatch(period.name)):
        # (was: “十五五规划” and 十 五 五 passed the 十n五 check below, and the brief said ““十五五规划””规划)
        years = f"{period.base_year}→{period.target_year}"
        named = plan_name((period.base_year - FIVE_YEAR_EPOCH) // FIVE_YEARS) \
            if (period.base_year - FIVE_YEAR_EPOCH) % FIVE_YEARS == 0 and period.target_year - period.base_year == \
            FIVE_YEARS else None
        raise InputError(path, spec.get(LINE), f"{what}: the name '{written}' " +
                         ("says nothing once its quotes, spaces and 规划 are left out" if not period.name else
                          "reads as a five-year plan's but is not 十n五 alone, the name the reports print and check "
                          "the years of"),
                         f"write the plan's short name, as in {PERIOD_EXAMPLE}" +
                         (f" (the plan for {years} is {named})" if named else "") +
                         "; the English reports call 十四五 the 14th Five-Year Plan by themselves. A plan that is no "
                         "five-year plan takes a name without 十n五 or 五年 (中期调整).")
    shown = period.name if written == period.name else f"{period.name} (written '{written}')"
    if period.target_year <= period.base_year:
        raise InputError(path, spec.get(LINE), f"{what} {shown} has target_year {period.target_year}, "
                         f"which is not after its base_year {period.base_year}",
                         f"the target year comes after the base year, as in {PERIOD_EXAMPLE}.")
    if FIVE_YEAR_NAME.fullmatch(period.name) and period.target_year - period.base_year != FIVE_YEARS:
        # A 十n五 plan lasts five years: that is what its name says. 十四五 from 2015 (a typo for 2020) would
        # read the plan's 2016–2019 figures as this period's, and judge the final year against the wrong base.
        raise InputError(path, spec.get(LINE), f"{what} {shown} runs from {period.base_year} to "
                         f"{period.target_year}, {period.target_year - period.base_year} years, but a 十n五 plan "
                         f"lasts {FIVE_YEARS}",
                         f"write its base_year and target_year {FIVE_YEARS} years apart, as in {PERIOD_EXAMPLE} "
                         "(a plan of another length takes a name that is not 十n五).")
    number = plan_number(period.name)
    if number is not None and period.base_year != FIVE_YEAR_EPOCH + FIVE_YEARS * number:
        # 十六五 typed for the 2025→2030 plan: every report would call the plan 十六五 where its document says 十五五.
        base = FIVE_YEAR_EPOCH + FIVE_YEARS * number
        named = plan_name((period.base_year - FIVE_YEAR_EPOCH) // FIVE_YEARS)
        rename = (f"if the plan is the one for {period.base_year}→{period.target_year}, name it {named}"
                  if named and (period.base_year - FIVE_YEAR_EPOCH) % FIVE_YEARS == 0 else
                  f"if the plan is the one for {period.base_year}→{period.target_year}, give it a name that is not "
                  "十n五")
        raise InputError(path, spec.get(LINE), f"{what} {shown} runs from {period.base_year} to "
                         f"{period.target_year}, but {period.name} is the plan for {base}→{base + FIVE_YEARS} "
                         f"(十n五 starts in {FIVE_YEAR_EPOCH} + 5n: 十四五 2020→2025, 十五五 2025→2030)",
                         f"{rename}; if it is {period.name}, write plan_period: {{name: {period.name}, "
                         f"base_year: {base}, target_year: {base + FIVE_YEARS}}}.")
    return period


def _named_by_title(plan: Plan) -> str:
    """Where a plan's period came from, when its document's title named it (the entry gives none)."""
    return f", as its document's title names it: {plan.period_from}" if plan.period_from else ""


def _check_periods(plans: list[Plan], default: PlanPeriod, path: Path) -> None:
    """A period name means the same years everywhere; one county's plans never cover the same year twice."""
    named: dict[str, tuple[PlanPeriod, int | None]] = {default.name: (default, None)}
    for plan in plans:
        first, line = named.setdefault(plan.period.name, (plan.period, plan.line))
        if first != plan.period:
            where = f"line {line}" if line else "the file-level plan_period"
            raise InputError(path, plan.line, f"period {plan.period.name} is {plan.period.base_year}–"
                             f"{plan.period.target_year} here but {first.base_year}–{first.target_year} at {where}",
                             "a period name means the same years everywhere: correct the years or the name.")
    for i, later in enumerate(plans):
        for earlier in plans[:i]:
            if earlier.entity != later.entity:
                continue
            a, b = earlier.period, later.period
            if a.base_year < b.target_year and b.base_year < a.target_year:
                raise InputError(path, later.line,
                                 f"the plans of '{later.entity}' overlap: {later.file} covers {b.name} "
                                 f"({b.base_year}→{b.target_year}{_named_by_title(later)}) and {earlier.file} (line "
                                 f"{earlier.line}) covers {a.name} ({a.base_year}→{a.target_year}"
                                 f"{_named_by_title(earlier)})",
                                 "give each plan document of a county its own period with plan_period: the next "
                                 "plan's base_year is the previous plan's target_year (e.g. 十四五 2020→2025, "
                                 "then 十五五 2025→2030).")


# The keys sources.yaml may have, at each level.
SOURCES_KEYS = ("province", "plan_period", "plans", "layouts", "header_roles")
PROVINCE_KEYS = ("entity", "name_zh", "name_en")
PERIOD_KEYS = ("name", "base_year", "target_year")
PLAN_KEYS = ("entity", "name_zh", "name_en", "file", "layout", "table_title", "plan_period", "readings", "continued",
             "header_roles", "table_notes", "draft_marks")
TABLE_NOTE_KEYS = ("note", "estimates", "column", "year", "rows", "because")
NO_COLUMN = "none"     # a table note's reading: it makes no column's figures estimates
TABLE_NOTE_EXAMPLE = "- {note: '2.基期数据为初步测算。', estimates: '2025年', because: '…'}"
# a table note's reading of the year a column's figures are (注：2020年数据为2019年数)
TABLE_NOTE_YEAR_EXAMPLE = "- {note: '2020年数据为2019年数', column: '2020年', year: 2019, because: '…'}"
CONTINUED_KEYS = ("page", "between", "because")
DRAFT_MARK_KEYS = ("mark", "because")
DRAFT_MARK_EXAMPLE = "- {mark: '（征求意见稿）', because: '…'}"
CONTINUED_EXAMPLE = "- {page: 5, between: '人才结构', because: '…'}"
READING_KEYS = ("indicator", "cell", "reads", "unit", "attribute", "row", "because")
ROW_LEFT_OUT = "left out"      # a row's reading: - {indicator: 人才流失率（全县）, row: left out, because: '…'}
READING_EXAMPLE = "- {indicator: 人才资源总量, cell: '20（力争22）', reads: '20', because: '…'}"
# What `because` says in the advice's example: left as it is, it explains nothing.
BECAUSE_PLACEHOLDER = "…"
ATTRIBUTE_READINGS = ("约束性", "预期性")     # what a 属性 reading may say (a plan's 属性 column: binding, expected)
LAYOUT_KEYS = ("description", "parser", "end_pattern", "group_labels")
HEADER_ROLE_KEYS = ("pattern", "role", "entity")


def _readings(entry: dict, path: Path, what: str) -> tuple[Reading, ...]:
    """A plan's `readings:`, each checked: a value cell's reading is one the value parser reads, a unit is not
    checked here (the catalogue does that when the table is read), and each says why."""
    if entry.get("readings") is None:
        return ()
    from helpers.core.values import NotANumber, parse_value_cell
    readings = []
    for item in _entries(entry, "readings", path, what, READING_EXAMPLE):
        _known_keys(item, READING_KEYS, path, f"a reading of {what}")
        line = item.get(LINE)
        indicator = _text(item, "indicator", path, f"a reading of {what}")
        because = _because(item, path, f"a reading of {what}", f"the reading of '{indicator}' does not say why",
                           "write after `because:` why the cell reads so (the plan's words elsewhere, the "
                           "office's answer): the reading is shown with the figure wherever it is cited.")
        has_cell, has_unit, has_attribute, has_row = "cell" in item, "unit" in item, "attribute" in item, "row" in item
        if has_cell + has_unit + has_attribute + has_row != 1 or has_cell != ("reads" in item):
            raise InputError(path, line, f"the reading of '{indicator}' should give one of `cell` and `reads` (how "
                             "to read a value cell), `unit` (the row's unit), `attribute` (the row's 属性) or `row: "
                             f"{ROW_LEFT_OUT}` (the row is not read)",
                             f"write it as {READING_EXAMPLE}, as - {{indicator: 人才资源总量, unit: 人, "
                             "because: '…'}, as - {indicator: 人才资源总量, attribute: 约束性, because: '…'}, or as - "
                             f"{{indicator: 人才资源总量, row: {ROW_LEFT_OUT}, because: '…'}}.")
        row = _text(item, "row", path, f"a reading of {what}").strip() if has_row else None
        if has_row and row != ROW_LEFT_OUT:
            raise InputError(path, _line_of(item, "row"), f"`row: {row}` of the reading of '{indicator}' is not "
                             f"`row: {ROW_LEFT_OUT}`", f"write row: {ROW_LEFT_OUT} (the row is not read), or remove "
                             "the reading.")
        attribute = _text(item, "attribute", path, f"a reading of {what}").strip() if has_attribute else None
        if has_attribute and attribute not in ATTRIBUTE_READINGS:
            raise InputError(path, _line_of(item, "attribute"), f"`attribute: {attribute}` of the reading of "
                             f"'{indicator}' is neither {' nor '.join(ATTRIBUTE_READINGS)}",
                             f"write attribute: {ATTRIBUTE_READINGS[0]} (binding) or attribute: "
                             f"{ATTRIBUTE_READINGS[1]} (expected).")
        cell = _text(item, "cell", path, f"a reading of {what}") if has_cell else None
        reads = None
        if has_cell:
            reads = item["reads"]
            if isinstance(reads, (int, float)) and not isinstance(reads, bool):
                reads = f"{reads:g}"
            elif not isinstance(reads, str):
                raise InputError(path, _line_of(item, "reads"), f"`reads` of the reading of '{indicator}' should be "
                                 f"a figure but is {_shape(reads)}", "write it in quotes, e.g. reads: '20'.")
            try:
                value = parse_value_cell(reads, in_plan=True)
            except NotANumber:
                value = None
            if value is None or value.year is not None or value.stretch is not None:
                raise InputError(path, _line_of(item, "reads"), f"`reads: {reads}` of the reading of '{indicator}' "
                                 "is not a figure the project reads",
                                 "write one figure, with a comparator or 左右 when the plan means one: 20, ≥20, >20, "
                                 "20左右, 〔20〕 for a five-year total, or / when the cell gives no value.")
        unit = _text(item, "unit", path, f"a reading of {what}").strip() if has_unit else None
        readings.append(Reading(normalise(indicator), cell, reads, unit, because, line, attribute, row))
    return tuple(readings)


def _because(item: dict, path: Path, what: str, problem: str, fix: str) -> str:
    """An analyst's `because:`, required and said: empty or left as the advice's placeholder (…) stops at its line."""
    because = _text(item, "because", path, what).strip()
    if because in ("", BECAUSE_PLACEHOLDER):
        raise InputError(path, _line_of(item, "because"), problem, fix)
    return because


def _continuations(entry: dict, path: Path, what: str) -> tuple[Continuation, ...]:
    """A plan's `continued:`, each with its page, the text between the parts and why."""
    if entry.get("continued") is None:
        return ()
    out = []
    for item in _entries(entry, "continued", path, what, CONTINUED_EXAMPLE):
        _known_keys(item, CONTINUED_KEYS, path, f"a continuation of {what}")
        page = item.get("page")
        if isinstance(page, bool) or not isinstance(page, int) or page < 2:
            raise InputError(path, _line_of(item, "page"), f"`page` of a continuation of {what} should be the number "
                             f"of the page the table continues on (2 or more) but is {_shape(page)}",
                             f"write it as {CONTINUED_EXAMPLE}, with the page the error names.")
        between = _text(item, "between", path, f"a continuation of {what}")
        because = _because(item, path, f"a continuation of {what}", f"the continuation of the table on page {page} "
                           "does not say why", "write after `because:` what you saw on the two pages (the table "
                           "runs on, its header repeated; the text between is a merged cell's): it is logged with the "
                           "table.")
        out.append(Continuation(page, normalise(between), because, item.get(LINE)))
    return tuple(out)


def _draft_marks(entry: dict, path: Path, what: str) -> tuple[DraftMark, ...]:
    """A plan's `draft_marks:`, each with the mark as written and why."""
    if entry.get("draft_marks") is None:
        return ()
    out = []
    for item in _entries(entry, "draft_marks", path, what, DRAFT_MARK_EXAMPLE):
        _known_keys(item, DRAFT_MARK_KEYS, path, f"a draft's mark of {what}")
        mark = normalise(_text(item, "mark", path, f"a draft's mark of {what}")).strip()
        because = _because(item, path, f"a draft's mark of {what}", f"the draft's mark '{mark}' of {what} does not "
                           "say why the document is read as the plan", "write after `because:` what the office that "
                           "issued the document said (it is the plan as adopted; the mark was left from its draft): "
                           "it is logged with the plan.")
        out.append(DraftMark(mark, because, item.get(LINE)))
    return tuple(out)


def _table_notes(entry: dict, path: Path, what: str) -> tuple[TableNote, ...]:
    """A plan's `table_notes:`, each with the note's sentence, the column it makes estimates (or none) and why."""
    if entry.get("table_notes") is None:
        return ()
    out = []
    for item in _entries(entry, "table_notes", path, what, TABLE_NOTE_EXAMPLE):
        _known_keys(item, TABLE_NOTE_KEYS, path, f"a table note of {what}")
        note = _text(item, "note", path, f"a table note of {what}").strip()
        rows = _table_note_rows(item, note, path, what)
        if "column" in item or "year" in item:
            out.append(replace(_table_note_year(item, note, path, what), rows=rows))
            continue
        estimates = item.get("estimates")
        if isinstance(estimates, int) and not isinstance(estimates, bool):
            estimates = str(estimates)
        if not isinstance(estimates, str) or not estimates.strip():
            raise InputError(path, _line_of(item, "estimates") or item.get(LINE), f"the table note '{note}' of "
                             f"{what} should say under `estimates:` the header of the column whose figures it makes "
                             f"estimates, or {NO_COLUMN}, but it says {_shape(estimates)}",
                             f"write it as {TABLE_NOTE_EXAMPLE} (the column's header as the table writes it), or "
                             f"with estimates: {NO_COLUMN} when it makes none of the table's figures estimates.")
        because = _because(item, path, f"a table note of {what}", f"the reading of the table note '{note}' does "
                           "not say why", "write after `because:` why the note reads so (the plan's words elsewhere, "
                           "the office's answer): it is logged with the column's figures.")
        estimates = estimates.strip()
        if rows and estimates == NO_COLUMN:
            raise InputError(path, _line_of(item, "rows") or item.get(LINE), f"the reading of the table note "
                             f"'{note}' of {what} names rows under `rows:` but makes no column's figures estimates "
                             f"(estimates: {NO_COLUMN})",
                             "write under `estimates:` the header of the column whose rows' figures the note makes "
                             f"estimates, or leave out `rows:` with estimates: {NO_COLUMN}.")
        out.append(TableNote(normalise(note), None if estimates == NO_COLUMN else estimates, because,
                             item.get(LINE), rows=rows))
    return tuple(out)


def _table_note_rows(item: dict, note: str, path: Path, what: str) -> tuple[str, ...]:
    """A table note reading's `rows:`, the names of the rows it holds for (a list of names, or one name)."""
    rows = item.get("rows")
    if rows is None:
        return ()
    names = [rows] if isinstance(rows, str) else rows
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise InputError(path, _line_of(item, "rows") or item.get(LINE), f"the reading of the table note '{note}' "
                         f"of {what} should list under `rows:` the names of the rows it holds for, but it says "
                         f"{_shape(rows)}", "write them as the table writes them: rows: [人才资源总量, 高技能人才占"
                         "技能劳动者比例] (or leave out `rows:` when the note holds for every row of the column).")
    return tuple(n.strip() for n in names)


def _table_note_year(item: dict, note: str, path: Path, what: str) -> TableNote:
    """A `table_notes:` reading of the year a column's figures are (`column:` and `year:`, no `estimates:`)."""
    if "estimates" in item:
        raise InputError(path, _line_of(item, "estimates"), f"the reading of the table note '{note}' of {what} "
                         "gives both `estimates:` and `column:`/`year:`",
                         f"write one reading for the sentence: {TABLE_NOTE_YEAR_EXAMPLE} (the year the column's "
                         f"figures are), or {TABLE_NOTE_EXAMPLE} (the column whose figures it makes estimates).")
    column = item.get("column")
    if isinstance(column, int) and not isinstance(column, bool):
        column = str(column)
    if not isinstance(column, str) or not column.strip():
        raise InputError(path, _line_of(item, "column") or item.get(LINE), f"the reading of the table note "
                         f"'{note}' of {what} should say under `column:` the header of the column it reads, but it "
                         f"says {_shape(column)}", f"write it as {TABLE_NOTE_YEAR_EXAMPLE} (the column's header as "
                         "the table writes it).")
    year = item.get("year")
    if isinstance(year, bool) or not isinstance(year, (int, str)) or not str(year).strip().isdigit() \
            or len(str(year).strip()) != 4:
        raise InputError(path, _line_of(item, "year") or item.get(LINE), f"the reading of the table note '{note}' "
                         f"of {what} should say under `year:` the year the column's figures are, as four digits, "
                         f"but it says {_shape(year)}", f"write it as {TABLE_NOTE_YEAR_EXAMPLE}.")
    because = _because(item, path, f"a table note of {what}", f"the reading of the table note '{note}' does not "
                       "say why", "write after `because:` why the column's figures are that year's (the plan's "
                       "words elsewhere, the office's answer): it is logged with the column's figures.")
    return TableNote(normalise(note), None, because, item.get(LINE), column=column.strip(), year=int(year))


def _check_province(province: dict, plans: list[Plan], path: Path) -> None:
    """The province is not one of the counties (by id or name): its targets filed under a county's id would
    publish that county's rows with another county's provincial targets."""
    entity = _require(province, "entity", path, "province")
    county = next((p for p in plans if entity in (p.entity, p.name_zh, p.name_en)), None)
    if county is not None:
        raise InputError(path, _line_of(province, "entity"), f"the province is given the id '{entity}', which is "
                         f"the county {county.name_zh} (plan at line {county.line})",
                         "give the province its own id (e.g. `entity: zhejiang`), different from every county's.")


def _plan_entries(doc: dict, path: Path) -> list[dict]:
    """`plans:`, which must list at least one plan: with none, the data step would publish an empty dataset
    over the last good one."""
    entries = _entries(doc, "plans", path, "the file", "- entity: jiande / file: … / layout: …")
    if not entries:
        raise InputError(path, _line_of(doc, "plans"), "`plans:` lists no plan document, so there would be "
                         "nothing to report on (and the data step would replace the last good data with none)",
                         "list the counties' plan documents under `plans:`, as in the version in git "
                         f"(`git diff {display_path(path)}`).")
    return entries


def _header_roles(doc: dict, path: Path) -> list[HeaderRole]:
    """The file's own header words, tried first, then the defaults (DEFAULT_HEADER_ROLES)."""
    roles = _given_header_roles(doc, path, "the file")
    roles += [HeaderRole(UserPattern(pattern, None, None, "pattern"), role, entity)
              for pattern, role, entity in DEFAULT_HEADER_ROLES]
    return roles


def _given_header_roles(doc: dict, path: Path, what: str) -> list[HeaderRole]:
    """The `header_roles:` written in `doc` (the file, or a plan's entry), each checked."""
    roles = []
    given = _entries(doc, "header_roles", path, what, "- {pattern: '序号', role: serial}") \
        if "header_roles" in doc else []
    for entry in given:
        _known_keys(entry, HEADER_ROLE_KEYS, path, "a header role")
        role = _require(entry, "role", path, "a header role")
        if role not in HEADER_ROLE_NAMES:
            raise InputError(path, entry.get(LINE), f"unknown header role '{role}'",
                             f"use one of {', '.join(HEADER_ROLE_NAMES)}.")
        entity = entry.get("entity")
        if entity not in (None, "province"):
            raise InputError(path, _line_of(entry, "entity"), f"a header role's entity is '{entity}'; the one entity "
                             "a header column can name is the province", "write `entity: province` for a column of "
                             "the province's figures, or leave `entity` out for the county's own.")
        roles.append(HeaderRole(_regex(_text(entry, "pattern", path, "a header role"), path,
                                       _line_of(entry, "pattern"), "pattern"),
                                role, entity))
    return roles


@_structure_errors
def load_sources(config_dir: Path = CONFIG_DIR) -> Sources:
    path = Path(config_dir) / SOURCES_FILE
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        raise InputError(path, 1, "expected a mapping with province, plans, layouts and header_roles",
                         "compare with the file in git.")
    _known_keys(doc, SOURCES_KEYS, path, "the file")
    province = _section(doc, "province", path, "the file")
    _known_keys(province, PROVINCE_KEYS, path, "province")
    _known_keys(doc.get("plan_period"), PERIOD_KEYS, path, "plan_period")
    default_period = _plan_period(_require(doc, "plan_period", path, "the file"), path, None, "plan_period")

    layouts: dict[str, Layout] = {}
    for name, spec in _section(doc, "layouts", path, "the file").items():
        if name == LINE:
            continue
        if not isinstance(spec, dict):
            raise InputError(path, _line_of(doc["layouts"], name), f"layout '{name}' should be a mapping with "
                             f"parser and end_pattern but is {_shape(spec)}",
                             "indent its parser: and end_pattern: lines below the layout's name.")
        _known_keys(spec, LAYOUT_KEYS, path, f"layout '{name}'")
        layouts[name] = Layout(
            name=name,
            parser=_require(spec, "parser", path, f"layout '{name}'"),
            end_pattern=_regex(_text(spec, "end_pattern", path, f"layout '{name}'"), path,
                               _line_of(spec, "end_pattern"), "end_pattern"),
            group_labels=tuple(normalise(g) for g in _texts(spec, "group_labels", path, f"layout '{name}'")),
            line=spec.get(LINE),
        )

    # One entry per plan document. A county with several plans (十四五, 十五五, …) has one entry for each,
    # with the same entity; its names are given on its first entry and may be left out on the others.
    plans: list[Plan] = []
    first_of: dict[str, Plan] = {}
    files: dict[str, int] = {}
    for entry in _plan_entries(doc, path):
        entity = _entity_id(entry, path)
        _known_keys(entry, PLAN_KEYS, path, f"plan '{entity}'")
        _known_keys(entry.get("plan_period"), PERIOD_KEYS, path, f"the plan_period of '{entity}'")
        file = _text(entry, "file", path, f"plan '{entity}'")
        if file in files:
            raise InputError(path, entry.get(LINE), f"the file {file} is listed twice (first at line {files[file]})",
                             "list each plan document once.")
        files[file] = entry.get(LINE)
        first = first_of.get(entity)
        names = {}
        for key in ("name_zh", "name_en"):
            given = entry.get(key)
            if first is None:
                names[key] = _text(entry, key, path, f"plan '{entity}'")
            elif given not in (None, "") and str(given) != getattr(first, key):
                raise InputError(path, entry.get(LINE), f"plan '{entity}' is named {key} '{given}' here but "
                                 f"'{getattr(first, key)}' at line {first.line}",
                                 "a county keeps one name across its plans: use the same name, or leave it out.")
            else:
                names[key] = getattr(first, key)
        period = default_period if entry.get("plan_period") is None else \
            _plan_period(entry["plan_period"], path, entry.get(LINE), f"the plan_period of '{entity}' ({file})")
        plan = Plan(
            entity=entity, name_zh=names["name_zh"], name_en=names["name_en"], file=file,
            layout=entry.get("layout") or None,
            table_title=_regex(_text(entry, "table_title", path, f"plan '{entity}'"), path,
                               _line_of(entry, "table_title"), "table_title"),
            line=entry.get(LINE), period=period, period_given=entry.get("plan_period") is not None,
            readings=_readings(entry, path, f"plan '{entity}' ({file})"),
            continued=_continuations(entry, path, f"plan '{entity}' ({file})"),
            header_roles=tuple(_given_header_roles(entry, path, f"plan '{entity}' ({file})")),
            table_notes=_table_notes(entry, path, f"plan '{entity}' ({file})"),
            draft_marks=_draft_marks(entry, path, f"plan '{entity}' ({file})"),
        )
        first_of.setdefault(entity, plan)
        plans.append(plan)
    _check_periods(plans, default_period, path)
    _check_province(province, plans, path)
    _one_meaning_each(path, [(p.entity, p.line, {"entity": p.entity, "name_zh": p.name_zh, "name_en": p.name_en})
                             for p in plans], "county")

    roles = _header_roles(doc, path)

    return Sources(
        path=path,
        province=_entity_id(province, path, "province", "zhejiang"),
        province_name_zh=_text(province, "name_zh", path, "province"),
        province_name_en=_text(province, "name_en", path, "province"),
        plan_period=default_period,
        plans=tuple(plans),
        layouts=layouts,
        header_roles=tuple(roles),
    )


# ----------------------------------------------------------------------------- catalogue

@dataclass(frozen=True)
class Unit:
    unit: str
    name_en: str
    aliases: tuple[str, ...]
    dimension: str
    factor: float
    # whole: true in the catalogue: the unit counts whole persons or things (人, 件, 家), so a figure in it is a whole
    # number: 6.5 人 cannot be, and 7.000 人 is 7000 written the European way or a slip (helpers.extract.cleaning)
    whole: bool = False
    # English figures may draw a unit as one that reads more naturally: 万人 as thousand persons (values × 10)
    figure_name_en: str = ""
    figure_factor_en: float = 1.0
    # one_en: the English name after a figure of exactly 1 (1 item per 10,000 persons), where it differs from name_en
    one_en: str = ""


@dataclass(frozen=True)
class ProseName:
    name: str
    differs: str | None = None
    differs_from: tuple[str, ...] = ()
    differs_en: str = ""           # the same explanation in English (the English report says it)


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    direction: str
    measure: str
    definition: str
    source_names: tuple[str, ...]
    prose_names: tuple[ProseName, ...]
    unit_shorthands: tuple[str, ...]
    plausible: tuple[float, float]
    comparability: str
    comparability_reason: str
    line: int
    comparability_reason_en: str = ""


@dataclass(frozen=True)
class Relation:
    indicators: tuple[str, str]
    status: str
    reason: str
    reason_en: str = ""


@dataclass
class Catalogue:
    path: Path
    units: dict[str, Unit]
    indicators: dict[str, Indicator]
    relations: tuple[Relation, ...]
    _by_source_name: dict[str, str] = field(default_factory=dict)
    _unit_by_alias: dict[str, str] = field(default_factory=dict)

    def indicator_for_name(self, source_name: str) -> str | None:
        return self._by_source_name.get(name_key(source_name))

    def unit_for_alias(self, text: str) -> Unit | None:
        key = self._unit_by_alias.get(name_key(text))
        return self.units[key] if key else None

    def all_source_names(self) -> list[str]:
        return [n for ind in self.indicators.values() for n in ind.source_names]

    def counts_whole(self, ind: "Indicator", unit: Unit | None) -> bool:
        """Whether a figure of `ind` written in `unit` must be a whole number: the unit counts whole persons or
        things (`whole: true` under `units:`) of the indicator's own dimension. 人 is whole in a 万人 indicator's row,
        but not as the shorthand a 人/万人 row writes (57.05 人 there is a rate), and 万人 never is (7.5 万人)."""
        return unit is not None and unit.whole and unit.dimension == self.units[ind.unit].dimension

    def relation(self, a: str, b: str) -> Relation | None:
        for rel in self.relations:
            if set(rel.indicators) == {a, b}:
                return rel
        return None


COMPARABILITY = {"same", "caveat", "not_comparable"}
DIRECTIONS = {"higher", "lower"}
MEASURES = {"total", "share", "rate", "count"}
# A 〔〕 figure (五年累计数: the change over the plan's years) is read by the catalogue's measure. The yearly figures
# of a `count` (新增高技能人才, 孵化载体: the analyst enters the year's new ones) add up to the period's; a level
# (`total` 万人, `share`, `rate`) is judged on its change from the base year's, never on a sum of the years' levels:
# 高技能人才 2 → 2.75 万人 is 0.75 of 〔1〕, not 2.1 + 2.2 + 2.4 + 2.5 + 2.75 = 11.95.
SUMMED_MEASURES = ("count",)
# A name that counts new ones (新增高技能人才, 引进人才, 培养人才, 新建孵化载体): the row's figures are the new ones
# themselves, each year's or (〔〕) the plan's years' sum, a flow, never a stock's level nor its change (the stock
# also loses people: docs/data.md, "Names that count new ones"). Before an indicator's name in prose the words make
# the figure a change over the period (INCREMENT_WORDS) or an activity count (FLOW_WORDS: people trained); in a
# cell, 新增, 净增 and 增量 write an increase (ADDITION_WORDS: extract.cleaning.addition_level). Such a name stands
# for a `count` indicator (SUMMED_MEASURES), or for a level kept of new ones since some year (累计引进大学生: a
# RUNNING_TOTAL, of an indicator named for new ones itself), never for a stock's (高技能人才, measure total), whose
# 〔8000〕 would be judged as the stock's rise by 0.8万 (redteam20 T3): the catalogue refuses it (_counts_alike),
# and an unknown name's hint never offers it (fits_measure).
INCREMENT_WORDS = "新增|引进|新建"
FLOW_WORDS = "培训|培养|培育|选派|遴选"
ADDITION_WORDS = "新增|净增|增量"
NEW_ONES = re.compile(f"{INCREMENT_WORDS}|{FLOW_WORDS}|{ADDITION_WORDS}")
RUNNING_TOTAL = re.compile("累计|总量|总数")


def new_ones_word(name: str) -> str | None:
    """The word by which a name counts new ones (NEW_ONES: 新增高技能人才 → 新增), else None."""
    found = NEW_ONES.search(name_key(name))
    return found.group() if found else None


def fits_measure(name: str, ind: "Indicator") -> bool:
    """Whether a name can stand for `ind` by what it counts: one that counts new ones (new_ones_word) only for a
    count, or a running total of new ones (RUNNING_TOTAL) for an indicator named for new ones itself; one that does
    not, for any (the catalogue's measure says how its figures are read)."""
    if new_ones_word(name) is None or ind.measure in SUMMED_MEASURES:
        return True
    return RUNNING_TOTAL.search(name_key(name)) is not None and new_ones_word(ind.name_zh) is not None


def may_offer(name: str, candidate: str, ind: "Indicator") -> bool:
    """Whether an unknown name's hint ("Did you mean …?") may offer `candidate`, a name of `ind`: only where the
    indicator's measure fits the name (fits_measure: 新增高技能人才 is offered no stock's, 高技能人才), and a name
    counting no new ones is offered none that counts them (高技能人才数: not 新增高技能人才)."""
    return fits_measure(name, ind) and (new_ones_word(name) is not None or new_ones_word(candidate) is None)


def _whole(entry: dict, path: Path) -> bool:
    """A unit's `whole: true` (it counts whole persons or things); false when not given."""
    whole = entry.get("whole", False)
    if not isinstance(whole, bool):
        raise InputError(path, _line_of(entry, "whole"), f"unit '{entry.get('unit')}' has whole: "
                         f"{_shape(whole)}, not true or false",
                         "write whole: true for a unit that counts whole persons or things (人, 件, 家), or leave it "
                         "out.")
    return whole


def _figure_en(entry: dict, path: Path) -> dict:
    """A unit's `figure_en: {name: …, factor: …}`: how English figures draw its values (optional)."""
    figure = entry.get("figure_en")
    if figure is None:
        return {}
    if not isinstance(figure, dict) or not figure.get("name") or not isinstance(figure.get("factor"), (int, float)):
        raise InputError(path, entry.get(LINE), f"unit '{entry.get('unit')}' has a figure_en that is not "
                         "{name: …, factor: a number}", "write e.g. figure_en: {name: thousand persons, factor: 10}.")
    factor = _factor(figure["factor"], path, _line_of(figure, "factor"), f"the figure_en of unit '{entry.get('unit')}'",
                     "write e.g. figure_en: {name: thousand persons, factor: 10}.")
    return {"figure_name_en": str(figure["name"]), "figure_factor_en": factor}


# A unit's factor: from 亿 (10^8, the largest counting unit a plan uses) down to its inverse. A factor past these
# (1e300, .inf, a typo's extra zeros) would turn every value of the unit into one far outside any plausible range,
# and each would be flagged at its cell instead of the one wrong line of the catalogue being named.
FACTOR_RANGE = (1e-8, 1e8)


def _factor(value: Any, path: Path, line: int | None, what: str, fix: str) -> float:
    low, high = FACTOR_RANGE
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise InputError(path, line, f"the factor of {what} is {_shape(value)}, not a positive number from {low:g} "
                         f"to {high:g} (亿, 10^8, is the largest counting unit)", fix)
    return float(value)


# The keys catalogue.yaml may have, at each level.
CATALOGUE_KEYS = ("units", "indicators", "relations")
UNIT_KEYS = ("unit", "name_en", "one_en", "aliases", "dimension", "factor", "whole", "figure_en")
FIGURE_EN_KEYS = ("name", "factor")
INDICATOR_KEYS = ("id", "name_zh", "name_en", "unit", "direction", "measure", "definition", "source_names",
                  "prose_names", "unit_shorthands", "plausible", "comparability")
PROSE_NAME_KEYS = ("name", "differs", "differs_from", "differs_en")
COMPARABILITY_KEYS = ("status", "reason", "reason_en")
RELATION_KEYS = ("indicators", "status", "reason", "reason_en")


@_structure_errors
def load_catalogue(config_dir: Path = CONFIG_DIR) -> Catalogue:
    path = Path(config_dir) / CATALOGUE_FILE
    doc = load_yaml(path)
    _known_keys(doc, CATALOGUE_KEYS, path, "the catalogue")
    units, unit_by_alias = _load_units(doc, path)
    indicators: dict[str, Indicator] = {}
    by_source_name: dict[str, str] = {}
    for entry in _entries(doc, "indicators", path, "the catalogue", "- id: talent_total / name_zh: …"):
        ind_id = _text(entry, "id", path, "an indicator")
        if ind_id in indicators:
            raise InputError(path, entry.get(LINE), f"indicator id '{ind_id}' is defined twice",
                             "merge the two entries.")
        ind = _load_indicator(entry, path, units, unit_by_alias)
        _counts_alike(ind, entry, path, units)
        indicators[ind.id] = ind
        for name in ind.source_names:
            key = name_key(name)
            if key in by_source_name and by_source_name[key] != ind.id:
                raise InputError(path, ind.line,
                                 f"source name '{name}' is claimed by both '{by_source_name[key]}' and '{ind.id}'",
                                 "a table name must identify one indicator; remove it from one of them.")
            by_source_name[key] = ind.id
    _one_meaning_each(path, [(i.id, i.line, {"id": i.id, "name_zh": i.name_zh, "name_en": i.name_en,
                                              **{f"source_names[{n}]": s for n, s in enumerate(i.source_names)}})
                             for i in indicators.values()], "indicator")
    relations = _load_relations(doc, path, indicators)
    return Catalogue(path, units, indicators, tuple(relations), by_source_name, unit_by_alias)


def _counts_alike(ind: Indicator, entry: dict, path: Path, units: dict[str, Unit]) -> None:
    """A stock's (measure total) names count no new ones (fits_measure): 新增高技能人才 under 高技能人才's
    source_names read a plan's 〔8000〕 new workers as the stock's rise by 0.8万 (redteam20 T3)."""
    if ind.measure != "total":
        return
    why = (f"(its yearly figures are the year's new ones, summed over the plan's years: the `measure` note at the "
           f"top of {path.name})")
    problem = ("counts new ones ('{word}'), but '{id}' is a stock (measure: total, in {unit}): a plan's row so named "
               "holds the new ones themselves (each year's, or in 〔〕 the sum over the plan's years), which are "
               "neither the stock's level nor its change (the stock also loses people), and its 〔〕 target would be "
               "judged as the stock's rise")
    if not fits_measure(ind.name_zh, ind):
        raise InputError(path, _line_of(entry, "name_zh"), f"the name of '{ind.id}' ('{ind.name_zh}') "
                         + problem.format(word=new_ones_word(ind.name_zh), id=ind.id, unit=ind.unit),
                         f"set `measure: count` for '{ind.id}' {why}, in the "
                         "unit the plan writes its rows in; then run `make data`.")
    for name in ind.source_names:
        if fits_measure(name, ind):
            continue
        whole = next((u.unit for u in units.values() if u.whole and u.dimension == units[ind.unit].dimension),
                     ind.unit)
        raise InputError(path, _line_of(entry, "source_names"), f"the source name '{name}' of '{ind.id}' "
                         + problem.format(word=new_ones_word(name), id=ind.id, unit=ind.unit),
                         f"remove '{name}' from `source_names` of '{ind.id}' and add an indicator of its own for it "
                         f"with `measure: count` {why}, in the unit the plan writes its rows in, e.g. - {{id: "
                         f"new_{ind.id}, name_zh: "
                         f"{name}, name_en: New {ind.name_en[:1].lower()}{ind.name_en[1:]}, unit: {whole}, "
                         f"direction: {ind.direction}, measure: count, source_names: [{name}], comparability: "
                         "{status: same}} (status: caveat, with a reason, if the counties count them differently); "
                         "then run `make data`.")


def _one_meaning_each(path: Path, entries: list[tuple[str, int, dict[str, str]]], what: str) -> None:
    """Every id and name (spaces and case aside, as a workbook's 县市 and 指标 cells are matched) names one county or
    one indicator: an entry copied and given a new id but the old name_zh would have the workbook's rows for the
    one filed under the other without a word."""
    seen: dict[str, tuple[str, str, int]] = {}
    for owner, line, names in entries:
        for key_name, name in names.items():
            key = name_key(str(name)).lower()
            if not key:
                continue
            first = seen.setdefault(key, (owner, key_name, line))
            if first[0] != owner:
                raise InputError(path, line, f"'{name}' is the {key_name} of the {what} '{owner}' here and the "
                                 f"{first[1]} of '{first[0]}' at line {first[2]}: a workbook row naming it could be "
                                 f"either's", f"give each {what} names of its own (copied an entry and kept its "
                                 "names?).")


def _load_units(doc: dict, path: Path) -> tuple[dict[str, Unit], dict[str, str]]:
    """The catalogue's units, and each alias's unit (an alias may belong to one unit only)."""
    units: dict[str, Unit] = {}
    unit_by_alias: dict[str, str] = {}
    for entry in _entries(doc, "units", path, "the catalogue", "- unit: 万人 / dimension: persons"):
        _known_keys(entry, UNIT_KEYS, path, f"unit '{entry.get('unit')}'")
        _known_keys(entry.get("figure_en"), FIGURE_EN_KEYS, path, f"the figure_en of unit '{entry.get('unit')}'")
        factor = _factor(entry.get("factor", 1), path, _line_of(entry, "factor"), f"unit '{entry.get('unit')}'",
                         "write how many of the dimension's base unit it holds, e.g. factor: 10000 for 万人.")
        for key in ("name_en", "one_en"):
            if entry.get(key) is not None:
                _text(entry, key, path, f"unit '{entry.get('unit')}'")
        u = Unit(unit=str(_require(entry, "unit", path, "a unit")), name_en=entry.get("name_en") or "",
                 one_en=entry.get("one_en") or "",
                 aliases=_texts(entry, "aliases", path, f"unit '{entry.get('unit')}'"),
                 dimension=_require(entry, "dimension", path, "a unit"), factor=float(factor),
                 whole=_whole(entry, path), **_figure_en(entry, path))
        units[u.unit] = u
        for alias in (u.unit, *u.aliases):
            key = name_key(alias)
            if key in unit_by_alias and unit_by_alias[key] != u.unit:
                raise InputError(path, entry.get(LINE), f"unit alias '{alias}' also belongs to '{unit_by_alias[key]}'",
                                 "give each alias to one unit only.")
            unit_by_alias[key] = u.unit
    return units, unit_by_alias


def _load_indicator(entry: dict, path: Path, units: dict[str, Unit], unit_by_alias: dict[str, str]) -> Indicator:
    """One indicator entry, every field checked (its unit, direction, measure and comparability must be known)."""
    ind_id = _text(entry, "id", path, "an indicator")
    line = entry.get(LINE)
    _known_keys(entry, INDICATOR_KEYS, path, f"indicator '{ind_id}'")
    _known_keys(entry.get("comparability"), COMPARABILITY_KEYS, path, f"the comparability of '{ind_id}'")
    for prose in entry.get("prose_names", []) or []:
        _known_keys(prose, PROSE_NAME_KEYS, path, f"a prose name of '{ind_id}'")
    unit = str(_require(entry, "unit", path, f"indicator '{ind_id}'"))
    if unit not in units:
        raise InputError(path, line, f"indicator '{ind_id}' has unit '{unit}', which is not in `units`",
                         f"use one of {', '.join(units)} or add the unit to `units`.")
    direction = _require(entry, "direction", path, f"indicator '{ind_id}'")
    if direction not in DIRECTIONS:
        raise InputError(path, line, f"indicator '{ind_id}' has direction '{direction}'", "use higher or lower.")
    measure = _require(entry, "measure", path, f"indicator '{ind_id}'")
    if measure not in MEASURES:
        raise InputError(path, line, f"indicator '{ind_id}' has measure '{measure}'",
                         f"use one of {', '.join(sorted(MEASURES))}.")
    comp = _require(entry, "comparability", path, f"indicator '{ind_id}'")
    status = _require(comp, "status", path, f"the comparability of '{ind_id}'")
    if status not in COMPARABILITY:
        raise InputError(path, comp.get(LINE), f"comparability '{status}' of '{ind_id}' is unknown",
                         "use same, caveat or not_comparable.")
    prose = [ProseName(str(_require(p, "name", path, "a prose name")), p.get("differs"),
                       tuple(p.get("differs_from", []) or []), str(p.get("differs_en") or ""))
             if isinstance(p, dict) else ProseName(str(p)) for p in entry.get("prose_names", []) or []]
    for sh in entry.get("unit_shorthands", []) or []:
        if name_key(str(sh)) not in unit_by_alias:
            raise InputError(path, line, f"unit shorthand '{sh}' of '{ind_id}' is not a known unit alias",
                             "add it to a unit's aliases or remove it.")
    low, high = _plausible(entry, path, ind_id)
    return Indicator(
        id=ind_id, name_zh=_text(entry, "name_zh", path, f"indicator '{ind_id}'"),
        name_en=_text(entry, "name_en", path, f"indicator '{ind_id}'"), unit=unit,
        direction=direction, measure=measure, definition=str(entry.get("definition", "")).strip(),
        source_names=_texts(entry, "source_names", path, f"indicator '{ind_id}'"),
        prose_names=tuple(prose),
        unit_shorthands=_texts(entry, "unit_shorthands", path, f"indicator '{ind_id}'"),
        plausible=(low, high),
        comparability=status, comparability_reason=str(comp.get("reason", "")).strip(), line=line,
        comparability_reason_en=str(comp.get("reason_en", "")).strip(),
    )


def _plausible(entry: dict, path: Path, ind_id: str) -> tuple[float, float]:
    """The indicator's plausible range [low, high]: two numbers, low not above high (a range turned round would
    flag every value, and a misspelt one would check none)."""
    value = entry.get("plausible")
    if value is None:
        return float("-inf"), float("inf")
    numbers = isinstance(value, list) and len(value) == 2 and all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v)) for v in value)
    if not numbers or (None not in value and value[0] > value[1]):
        raise InputError(path, _line_of(entry, "plausible"), f"the plausible range of '{ind_id}' is "
                         f"{_shape(value)}, not [low, high] with low at most high",
                         "write two numbers in brackets, the lower first, e.g. plausible: [0.5, 5000].")
    low, high = value
    return float("-inf") if low is None else float(low), float("inf") if high is None else float(high)


def _load_relations(doc: dict, path: Path, indicators: dict[str, Indicator]) -> list[Relation]:
    """Pairs of indicators that look alike across counties, with how comparable they are."""
    relations = []
    for entry in doc.get("relations", []) or []:
        _known_keys(entry, RELATION_KEYS, path, "a relation")
        pair = _require(entry, "indicators", path, "a relation")
        if len(pair) != 2 or any(p not in indicators for p in pair):
            raise InputError(path, entry.get(LINE), f"relation {pair} must name two catalogue indicators",
                             "check the ids against the indicators above.")
        status = _require(entry, "status", path, "a relation")
        if status not in COMPARABILITY:
            raise InputError(path, entry.get(LINE), f"relation status '{status}' is unknown",
                             "use same, caveat or not_comparable.")
        relations.append(Relation(tuple(pair), status, str(entry.get("reason", "")).strip(),
                                  str(entry.get("reason_en", "")).strip()))
    return relations
