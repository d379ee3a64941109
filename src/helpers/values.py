"""Reading one value cell of a plan table: a number, a comparator, or 'not given'."""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.text import normalise

# After normalisation: optional comparator, a number, optional % sign, optional 以上 (or more).
VALUE = re.compile(
    r"^(?P<cmp>>=|≥|>|大于|超过)?\s*(?P<num>[+-]?\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*(?P<suffix>以上|及以上)?$"
)
# What the plans write for "not given". Never read as 0.
MISSING = {"/", "／"}


@dataclass(frozen=True)
class CellValue:
    value: float | None       # None when the plan gives no value
    comparator: str           # "=", ">" or ">="
    percent_sign: bool        # the cell itself carried a % sign
    missing: bool


class NotANumber(ValueError):
    pass


def parse_value_cell(raw: str) -> CellValue:
    text = normalise(raw)
    if text in MISSING:
        return CellValue(None, "=", False, True)
    m = VALUE.match(text)
    if not m:
        raise NotANumber(text)
    cmp = m["cmp"] or ""
    comparator = {"": "=", ">": ">", "大于": ">", "超过": ">", ">=": ">=", "≥": ">="}[cmp]
    if m["suffix"]:
        comparator = ">="
    return CellValue(float(m["num"]), comparator, bool(m["pct"]), False)
