"""The records every stage passes on: an observation, a cleaning decision, a consistency check.

The data step makes them; indicators.csv, cleaning_log.csv and consistency_checks.csv are their tables.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field


@dataclass
class Observation:
    entity: str
    indicator_id: str
    source_name: str
    year: int
    kind: str                  # actual | target | baseline_derived
    value: float | None
    comparator: str
    unit: str
    source_unit: str
    source_value: str
    origin: str                # table | prose
    source_file: str
    source_line: int
    source_text: str
    category: str = ""
    derivation: str = ""
    quality: str = "ok"        # ok | fixed | implausible
    notes: list[dict] = field(default_factory=list)   # language-neutral: {"code": …, values} (wording notes.*)
    source_sheet: str = ""     # for monitoring workbooks: the sheet and the value's cell
    source_cell: str = ""
    plan: str = ""             # the period name of the plan document it comes from (see dataset.PLAN_RULE)
    # Where in a .docx, web page or PDF (documents.model.Place.record(): a paragraph, table cell, page line …);
    # empty for a text file's line (source_line) and a workbook's cell (source_sheet, source_cell).
    source_place: dict = field(default_factory=dict)
    # What the plan's table itself says about the figure (never the catalogue):
    attribute: str = ""        # the row's 属性: 约束性 (binding) or 预期性 (expected); empty when the table has none
    approximate: bool = False  # 14左右: about the value
    cumulative: bool = False   # 〔3〕: the sum over the plan's years (〔〕内为五年累计数), never a level
    estimated: bool = False    # its column says 预计: an estimate of the year's figure


def note(code: str, **values) -> dict:
    """An observation's note, language-neutral: the wording files say it (notes.<code>) in each language."""
    return {"code": code, **values}


def place(o: Observation) -> dict:
    """Where an observation is, language-neutral (wording notes.place.*): a file's line, a workbook's cell, or
    a document's paragraph, table cell or page line."""
    return place_of(o.source_file, o.source_line, o.source_sheet, o.source_cell, o.source_place)


def place_of(file: str, line, sheet: str = "", cell: str = "", source_place: dict | str | None = None) -> dict:
    """The same, from a record's columns (indicators.csv: source_file, source_line, source_sheet, source_cell,
    source_place, which is JSON there); empty values as a CSV gives them back (NaN) are none."""
    def given(value) -> bool:
        return isinstance(value, (str, dict)) and bool(value)

    if given(cell):
        return {"code": "cell", "file": file, "sheet": sheet, "cell": cell}
    if given(source_place):
        return {**(json.loads(source_place) if isinstance(source_place, str) else source_place), "file": file}
    return {"code": "line", "file": file, "line": None if line is None or line != line else int(line)}


def place_of_row(row, prefix: str = "source") -> dict:
    """The place of a row of indicators.csv (prefix source), or of one side of consistency_checks.csv (prefix
    table or prose), given as a mapping or a namedtuple."""
    get = row.get if hasattr(row, "get") else (lambda name, default=None: getattr(row, name, default))
    return place_of(get(f"{prefix}_file", ""), get(f"{prefix}_line"), get(f"{prefix}_sheet", ""),
                    get(f"{prefix}_cell", ""), get(f"{prefix}_place", ""))


def place_ref(place: dict) -> str:
    """A place in a form no language needs to translate (the analysis tables' `sources`): file:line,
    file!sheet!cell, file:¶24 (a paragraph), file:T1R3C5 (a table cell), file:p2:5 (a page's line),
    file:p3:T1R3C5."""
    file, code = place["file"], place["code"]
    cell = f"T{place.get('table')}R{place.get('row')}C{place.get('column')}"
    return {"cell": lambda: f"{file}!{place.get('sheet')}!{place.get('cell')}",
            "paragraph": lambda: f"{file}:¶{place.get('paragraph')}",
            "table_cell": lambda: f"{file}:{cell}",
            "page_line": lambda: f"{file}:p{place.get('page')}:{place.get('line')}",
            "page_table_cell": lambda: f"{file}:p{place.get('page')}:{cell}",
            }.get(code, lambda: f"{file}:{place.get('line')}")()


_REF_TAIL = re.compile(r"(?P<file>.*?):(?:p(?P<page>\d+):)?"
                       r"(?:T(?P<table>\d+)R(?P<row>\d+)C(?P<column>\d+)|¶(?P<paragraph>\d+)|(?P<line>\d+))")


def place_from_ref(ref: str) -> dict:
    """A place from place_ref's form, back (consistency.csv explanation_values `source`): a .docx or PDF plan's
    table cell comes back a table cell (表1第3行第5列), never a line (it was read as 第3行, redteam19)."""
    if "!" in ref:
        file, sheet, cell = ref.rsplit("!", 2)
        return {"code": "cell", "file": file, "sheet": sheet, "cell": cell}
    found = _REF_TAIL.fullmatch(ref)
    if found is None:
        return {"code": "line", "file": ref.rpartition(":")[0] or ref, "line": None}
    numbers = {k: int(v) for k, v in found.groupdict().items() if k != "file" and v is not None}
    code = ("page_table_cell" if "page" in numbers else "table_cell") if "table" in numbers else \
        "page_line" if "page" in numbers else "paragraph" if "paragraph" in numbers else "line"
    return {"code": code, "file": found["file"], **numbers}


@dataclass
class Decision:
    """A cleaning decision in language-neutral form: a step code and its values, and the quotes that support
    it. The wording files say it in each language (cleaning.decisions.<step>, cleaning.evidence.<kind>)."""
    entity: str
    indicator_id: str
    source_file: str
    source_line: int | None
    step: str
    values: dict = field(default_factory=dict)
    evidence: list[dict] = field(default_factory=list)
    place: dict = field(default_factory=dict)   # in a .docx, web page or PDF: as Observation.source_place


@dataclass
class Check:
    entity: str
    indicator_id: str
    indicator_name_zh: str
    check: str              # value | comparator | definition | increment | prose_only | province_target
                            # | same_observation (two sources of one observation)
    status: str             # agree | disagree | not_checked
    year: int | None
    table_value: float | None
    table_comparator: str
    prose_value: float | None
    prose_comparator: str
    unit: str
    explanation_values: str   # JSON {code, values}: said by helpers.core.wording.explanation_text
    table_file: str
    table_line: int | None
    table_quote: str
    prose_file: str
    prose_line: int
    prose_quote: str
    # Where in a .docx, web page or PDF each side is (JSON, as indicators.csv source_place), or empty.
    table_place: str = ""
    prose_place: str = ""
