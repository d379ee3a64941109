"""Reading one value cell of a plan table: a number, a comparator, or 'not given'."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from helpers.core.text import normalise

# After normalisation: optional comparator, a number, optional % sign, optional 以上 (or more).
VALUE = re.compile(
    r"^(?P<cmp>>=|≥|>|大于|超过)?\s*(?P<num>[+-]?\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*(?P<suffix>以上|及以上)?$"
)
# What the plans write for "not given". Never read as 0.
MISSING = {"/", "／"}
# No figure of a talent plan comes near this (a province's head count is some 10^7): anything larger is a
# mistake, and 1e308 would become infinity in the arithmetic after it.
LARGEST_VALUE = 1e12


@dataclass(frozen=True)
class CellValue:
    value: float | None       # None when the plan gives no value
    comparator: str           # "=", ">" or ">="
    percent_sign: bool        # the cell itself carried a % sign
    missing: bool


class NotANumber(ValueError):
    pass


class ImplausibleMagnitude(NotANumber):
    """A number no plan or workbook can mean: infinite, not a number, or beyond LARGEST_VALUE."""


def check_magnitude(value: float) -> float:
    if not math.isfinite(value) or abs(value) > LARGEST_VALUE:
        raise ImplausibleMagnitude(f"{value:g}")
    return value


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
    return CellValue(check_magnitude(float(m["num"])), comparator, bool(m["pct"]), False)


def looks_like_a_fraction(value: float, unit: str) -> bool:
    """0.35 for a percentage: 35% written as a fraction (a real share below 1% is rare enough to ask about)."""
    return unit == "%" and 0 < value < 1
