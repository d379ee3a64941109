"""Every word a reader sees, one YAML file per language (zh.yaml, en.yaml): the one place for wording, but for
the report's own sentences (titles, chapter texts: helpers/report/wording/, joined to these by the report), kept
apart so that rewording them rebuilds only the report.

    w = words("zh")
    w("report.title")                         the text at a dotted key
    w("report.subtitle", year=2025, ...)      with its {placeholders} filled in (str.format)
    w.table("categories")                     a whole mapping, e.g. {"on_track": "进度正常", ...}
    w.list("method")                          a list of paragraphs
    w.describe("cleaning.decisions.comparator", {"raw": ">10", ...}, html=True)
                                              a sentence built from language-neutral values (see below)

Plural agreement: `{n:plural:target|targets}` writes the first form when n is 1, the second otherwise ("1 of 1
target met", "2 targets"); Chinese, which has no plural, writes the word once.

Both files have the same keys and the same placeholders (tests/report/test_wording.py checks it), so a report in one
language never falls back to words of the other. Years and period names are never written here: they are
placeholders filled from config/sources.yaml. Nor are the method's numbers (thresholds, the schedule tolerance,
interval levels, the many-counties cut): a {method.…} placeholder is filled from config/method.yaml as the file
is read (helpers.core.method.Method.wording_values), so every text says what the analysis does.

Language-neutral records. A cleaning decision is stored as a step code plus values (cleaning_log.csv), never as
a sentence, so that each report says it in its own language:
  - a value under a QUOTED key is text copied from a source document: it is shown as a quotation, marked
    lang="zh" in HTML (the English report quotes its sources, and says everything else in English);
  - a value under a NAMED key is a file name as written (may be Chinese): marked lang="zh", not translated;
  - a value under a UNIT key is a catalogue unit (万人): the English report writes its English name;
  - a value under a PERIOD key is a plan period's name (十四五): the English report writes the 14th Five-Year Plan;
  - a value that is itself a mapping with a "code" is a nested phrase: {"problem": {"code": "fractional", ...}}
    renders cleaning.problem.fractional with the inner values;
  - a value that is a mapping of languages ({"zh": …, "en": …}) is a text the config gives in both (a catalogue
    reason): each language writes its own; where the config gives none in English, the Chinese is quoted.
The tables store such records (cleaning_log.csv, consistency.csv, outlook.csv and trends.csv notes) and each reader
says them in its language with the functions at the end of this module.
"""
from __future__ import annotations

import copy
import math
import re
import string
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

# The report languages, one place: the run's parameters, the command line and every reader take them from here.
# Importing this module needs only the standard library (YAML and markupsafe are imported where used): the command
# line imports LANGS before the set-up check has said whether anything else is installed.
LANGS = ("zh", "en")
FOLDER = Path(__file__).resolve().parent

QUOTED = frozenset({"raw", "quote", "source_unit", "name", "category", "column", "written", "character",
                    "remark"})
# file and sheet names: shown as written, marked lang="zh"
NAMED = frozenset({"file", "source", "other_source", "sheet"})
# of those, the files (or file:line, file!sheet!cell, several joined by ', '): shown_file
FILES = frozenset({"file", "source", "other_source"})
UNITS = frozenset({"unit", "new_unit"})
# plan period names (十四五): the English text names the period in English (the 14th Five-Year Plan)
PERIODS = frozenset({"plan"})
# a target's or an actual's comparator code (=, >, >=) as a reader writes it before the number: comparators.<code>
# ("at least ")
COMPARATORS = frozenset({"target_comparator", "value_comparator", "progress_comparator"})
# the comparators of an actual, or of what is worked out from one (a 完成进度): a bound (>19.9, >72.7%) whose number,
# the placeholder right after it ({value_comparator}{value:g}), is rounded toward it (helpers.core.formatting
# .toward_bound: >72%, never >73%). A target's comparator is no bound: its number is written as the plan's.
BOUND_COMPARATORS = frozenset({"value_comparator", "progress_comparator"})


def shown_file(value: str) -> str:
    """A file as a reader is shown it: an absolute path, which a raw folder outside the project gives (RAW_DIR=…;
    inside it, data/raw/… is recorded relative to the project), by its name alone, as the reports name files
    elsewhere: the report's consistency appendix printed the analyst's folders (/tmp/…/raw/anji_….txt为1650)."""
    return ", ".join(part.rsplit("/", 1)[-1] if part.startswith("/") else part for part in value.split(", "))


class _Formatter(string.Formatter):
    """str.format, and `{n:plural:one|other}` for English plural agreement."""

    def format_field(self, value, format_spec: str):
        if format_spec.startswith("plural:"):
            one, _, other = format_spec[len("plural:"):].partition("|")
            return one if value == 1 else (other or one)
        text = super().format_field(value, format_spec)
        if format_spec.endswith("g") and "e" in text and isinstance(value, (int, float)) and math.isfinite(value):
            # Never an exponent (2e+05), which a reader does not read: the same digits written out (200000).
            digits = format(Decimal(text.lstrip("+")), ",f" if "," in format_spec else "f")
            return ("+" if text.startswith("+") else "") + digits
        return text


FORMATTER = _Formatter()


class Wording:
    def __init__(self, lang: str, doc: dict):
        self.lang = lang
        self._doc = doc
        self.unit_names: dict[str, str] = {}   # catalogue unit -> its name in this language (set_units)
        self.unit_names_one: dict[str, str] = {}   # … after a figure of exactly 1 (catalogue one_en), where it differs

    def _at(self, key: str):
        node = self._doc
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no wording '{key}' in {self.lang}.yaml")
            node = node[part]
        return node

    def __call__(self, key: str, **values) -> str:
        text = self._at(key)
        if not isinstance(text, str):
            raise KeyError(f"wording '{key}' in {self.lang}.yaml is not a text")
        return FORMATTER.format(text, **values) if values else text

    def has(self, key: str) -> bool:
        try:
            self._at(key)
        except KeyError:
            return False
        return True

    def joined(self, more: dict, file: str) -> Wording:
        """This wording and a stage's own words (helpers.report.wording), one Wording; a key in both is refused."""
        twice = sorted(self._doc.keys() & more.keys())
        if twice:
            raise KeyError(f"{file}: {', '.join(twice)} is already in helpers/core/wording/{self.lang}.yaml")
        both = Wording(self.lang, {**self._doc, **more})
        both.unit_names, both.unit_names_one = self.unit_names, self.unit_names_one
        return both

    def table(self, key: str) -> dict[str, str]:
        return dict(self._at(key))

    def list(self, key: str) -> list[str]:
        return list(self._at(key))

    def unit(self, unit: str) -> str:
        """A catalogue unit as this language writes it: 万人 in Chinese, '10,000 persons' in English."""
        if self.lang == "zh" or not unit:
            return unit
        return self.unit_names.get(unit, unit)

    def unit_after(self, unit: str, value=None) -> str:
        """A unit as it follows a number in this language: 0.2万人; in English '0.2 (10,000 persons)' where the
        unit's name starts with a number (never '0.2 10,000 persons'), '35%', '12 items per 10,000 persons', and
        after a `value` of exactly 1 or −1 the catalogue's one_en: '1 item per 10,000 persons'."""
        if not unit or self.lang == "zh" or unit == "%":
            return unit or ""
        one = isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) == 1
        name = (self.unit_names_one.get(unit) if one else None) or self.unit(unit)
        return f" ({name})" if name[:1].isdigit() else f" {name}"

    def describe(self, key: str, values: dict, html: bool = False) -> str:
        """The sentence at `key` with language-neutral values (see the module docstring).

        html=True returns escaped HTML (markupsafe.Markup), quotations marked up; otherwise plain text
        with quotations in “”."""
        template = self._at(key)
        if not isinstance(template, str):
            raise KeyError(f"wording '{key}' in {self.lang}.yaml is not a text")
        group = key.rsplit(".", 2)[0]   # cleaning.decisions.unit_fixed: nested phrases are under cleaning.<name>
        filled = {name: self._value(group, name, value, html) for name, value in (values or {}).items()}
        given = values or {}
        for comparator, name, spec in _bound_pairs(template):
            # a bound's number, rounded toward it to the places its format shows (>72%, never >73%)
            from helpers.core.formatting import is_bound, shown_bound
            number = given.get(name)
            if is_bound(given.get(comparator)) and isinstance(number, (int, float)) and not isinstance(number, bool):
                filled[name] = shown_bound(number, given[comparator], spec)
        if "first" in given and "years" in _placeholders(template):
            # the years a stored note spans, from `first` to its `year` (or `target_year`), as the language writes
            # years from-to (helpers.core.periods.years): one year alone when they are the same (2026, not 2026–2026)
            from helpers.core.periods import years
            filled["years"] = years(int(given["first"]), int(given.get("year", given.get("target_year"))), self.lang)
        # A placeholder the values lack is a programming error, named with its key.
        missing = _placeholders(template) - set(filled)
        if missing:
            raise KeyError(f"wording '{key}' needs {', '.join(sorted(missing))}")
        if html:
            from markupsafe import Markup, escape
            return Markup(escape(template)).format(**filled)
        return FORMATTER.format(template, **filled)

    def _value(self, group: str, name: str, value, html: bool):
        if isinstance(value, dict) and "code" in value:
            inner = {k: v for k, v in value.items() if k != "code"}
            return self.describe(f"{group}.{name}.{value['code']}", inner, html)
        if isinstance(value, dict) and set(value) <= set(LANGS):
            return value.get(self.lang) or quote(value.get("zh") or "", html)
        if name in QUOTED and isinstance(value, str) and value:   # a column number is not a quotation
            return quote(str(value), html)
        if name in FILES and isinstance(value, str):
            value = shown_file(value)
        if name in NAMED and html and value not in (None, ""):
            from markupsafe import Markup
            return Markup('<span class="file" lang="zh">{}</span>').format(value)
        if name in UNITS and isinstance(value, str):
            return self.unit(value)
        if isinstance(value, list):      # e.g. the years a sum lacks: 2027、2028 / 2027, 2028
            return self("views.list_sep").join(str(v) for v in value)
        if name in COMPARATORS and isinstance(value, str):
            return self.table("comparators").get(value, value)
        if name in PERIODS and isinstance(value, str) and self.lang != "zh":
            from helpers.core.config import PlanPeriod, plan_number
            from helpers.core.periods import period_label
            if plan_number(value) is None and not value.isascii():   # (its English label needs years: none here)
                return self("views.plan_without_english_name")
            return period_label(PlanPeriod(value, 0, 0), self.lang)
        return value


def quote(text: str, html: bool = False) -> str:
    """Text copied from a source document: marked as a Chinese quotation in HTML, in “” in plain text."""
    if html:
        from markupsafe import Markup
        return Markup('<q class="src" lang="zh">{}</q>').format(text)
    return f"“{text}”"


@lru_cache(maxsize=None)
def _bound_pairs(text: str) -> tuple[tuple[str, str, str], ...]:
    """(comparator, number, its format) for each placeholder of a bound's comparator followed at once by a number's:
    '{value_comparator}{value:g}' → ('value_comparator', 'value', 'g')."""
    pairs, before = [], None
    for literal, name, spec, _ in string.Formatter().parse(text):
        if before in BOUND_COMPARATORS and not literal and name and spec:
            pairs.append((before, name, spec))
        before = name
    return tuple(pairs)


def _placeholders(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


METHOD_PLACEHOLDER = re.compile(r"\{(method\.[a-z_.]+)\}")


def with_method(node, values: dict[str, str], file: str):
    """Every text of a wording file with its {method.…} placeholders filled (other placeholders stay)."""
    if isinstance(node, dict):
        return {k: with_method(v, values, file) for k, v in node.items()}
    if isinstance(node, list):
        return [with_method(v, values, file) for v in node]
    if not isinstance(node, str) or "{method." not in node:
        return node

    def fill(match: re.Match) -> str:
        if match.group(1) not in values:
            raise KeyError(f"{file}: {{{match.group(1)}}} is not a method parameter: "
                           f"use one of {', '.join(sorted(values))}")
        return values[match.group(1)]
    return METHOD_PLACEHOLDER.sub(fill, node)


def read_wording(folder: Path, lang: str, method=None) -> dict:
    """One wording file (<folder>/<lang>.yaml) with its {method.…} placeholders filled from `method` (the run's,
    method_parameters(), when not given)."""
    import yaml

    from helpers.core.method import method_parameters
    method = method or method_parameters()
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    # libyaml's parser where PyYAML has it (five times faster; every report and notebook reads these files).
    doc = yaml.load((folder / f"{lang}.yaml").read_text(encoding="utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return with_method(doc, method.wording_values(), f"{lang}.yaml")


def words(lang: str) -> Wording:
    """The shared words of one language, with the run's method numbers (helpers.core.method.method_parameters)."""
    from helpers.core.method import method_parameters
    return _words(lang, str(method_parameters().path))


@lru_cache(maxsize=None)
def _words(lang: str, method_file: str) -> Wording:     # (one per language and method.yaml: its numbers are in them)
    return Wording(lang, read_wording(FOLDER, lang))


def words_for(lang: str, catalogue) -> Wording:
    """The wording of one language, with the catalogue's unit names (config/catalogue.yaml `name_en`)."""
    w = copy.copy(words(lang))   # a copy: words(lang) is cached and shared, and must stay as its file says
    w.unit_names = {u.unit: (u.name_en or u.unit) for u in catalogue.units.values()}
    w.unit_names_one = {u.unit: u.one_en for u in catalogue.units.values() if u.one_en}
    return w



PROSE_STEPS = ("baseline_from_prose", "value_from_prose")


def derivations(log_rows, lang: str) -> dict[tuple[str, str, int], str]:
    """How each value taken from a plan's prose was obtained, said in one language from the cleaning log's
    language-neutral records (cleaning_log.csv, steps baseline_from_prose and value_from_prose).
    log_rows: (entity, indicator_id, step, values as JSON) for each decision; returns
    (entity, indicator_id, year) -> the derivation, e.g. '2015年值 = 2020年值10.3 ÷ (1 + 48.4%) = 6.9407'."""
    import json
    w = words(lang)
    out = {}
    for entity, indicator_id, step, values_json in log_rows:
        if step not in PROSE_STEPS or not isinstance(values_json, str) or not values_json:
            continue
        values = json.loads(values_json)
        rule = dict(values.get("derivation") or {"code": "none"})
        code = rule.pop("code")
        out[(entity, indicator_id, int(values["year"]))] = w.describe(f"cleaning.derivation.{code}", rule)
    return out


def place_text(place: dict, w: Wording, html: bool = False) -> str:
    """Where a value is, as its format has it, in w's language: 第48行, 工作表…单元格B5, 第24段, 表1第3行第5列,
    第2页第5行 (helpers.core.records.place_of gives the place)."""
    return w.describe(f"notes.place.{place['code']}", {k: v for k, v in place.items() if k != "code"}, html)


def notes_text(note_values, w: Wording, group: str = "notes") -> str:
    """Stored notes (a JSON list of {code, values}: indicators.csv note_values; trends.csv progress_notes and
    evaluation_notes) in w's language, each from the wording at <group>.<code>."""
    import json
    if not isinstance(note_values, str) or not note_values:
        return ""
    notes = json.loads(note_values)
    return w("notes.sep").join(w.describe(f"{group}.{n['code']}", {k: v for k, v in n.items() if k != "code"})
                               for n in notes)


def _record(values) -> dict | list:
    """A stored record: JSON text (as the CSVs hold it) or already read."""
    import json
    if isinstance(values, str):
        return json.loads(values) if values else {}
    return values if isinstance(values, (dict, list)) else {}


def decision_text(step: str, values, w: Wording, html: bool = False) -> str:
    """A cleaning decision (cleaning_log.csv `step` and `values`) in w's language."""
    return w.describe(f"cleaning.decisions.{step}", _record(values), html)


def evidence_text(evidence, w: Wording, html: bool = False) -> str:
    """A cleaning decision's evidence (cleaning_log.csv `evidence_values`: a list of {code, values})."""
    items = _record(evidence) or []
    said = [w.describe(f"cleaning.evidence.{e['code']}", {k: v for k, v in e.items() if k != "code"}, html)
            for e in items]
    if html:
        from markupsafe import Markup
        return Markup(w("cleaning.evidence_sep")).join(said)
    return w("cleaning.evidence_sep").join(said)


def explanation_text(explanation, w: Wording, html: bool = False) -> str:
    """What a check of one value found (consistency.csv `explanation_values`: {code, values}) in w's language."""
    record = dict(_record(explanation) or {})
    if not record:
        return ""
    code = record.pop("code")
    return w.describe(f"consistency.explanations.{code}", record, html)
