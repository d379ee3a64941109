"""The records every stage passes on: an observation, a cleaning decision, a consistency check.

The data step makes them; indicators.csv, cleaning_log.csv and consistency_checks.csv are their tables.
"""
from __future__ import annotations

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
    # What the plan's table itself says about the figure (never the catalogue):
    attribute: str = ""        # the row's 属性: 约束性 (binding) or 预期性 (expected); empty when the table has none
    approximate: bool = False  # 14左右: about the value
    cumulative: bool = False   # 〔3〕: the sum over the plan's years (〔〕内为五年累计数), never a level
    estimated: bool = False    # its column says 预计: an estimate of the year's figure


def note(code: str, **values) -> dict:
    """An observation's note, language-neutral: the wording files say it (notes.<code>) in each language."""
    return {"code": code, **values}


def place(o: Observation) -> dict:
    """Where an observation is, language-neutral (wording notes.place.*): a file's line, or a workbook's cell."""
    if o.source_cell:
        return {"code": "cell", "file": o.source_file, "sheet": o.source_sheet, "cell": o.source_cell}
    return {"code": "line", "file": o.source_file, "line": o.source_line}


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
    explanation_zh: str
    explanation_en: str
    table_file: str
    table_line: int | None
    table_quote: str
    prose_file: str
    prose_line: int
    prose_quote: str
