"""How numbers are shown in tables, in the notebooks and the report alike."""
from __future__ import annotations

import html
import math
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import pandas as pd


def _missing(value) -> bool:
    """No number to show: missing, or not a number a reader can use (inf, nan)."""
    return value is None or pd.isna(value) or (isinstance(value, (int, float)) and math.isinf(value))


# How a comparator is printed before its value, in either language ('=' and none: the figure itself).
COMPARATOR_SIGNS = {"=": "", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}


def as_stored(value: float) -> str:
    """A number as a cell stores it, every digit and no more (the shortest text that reads back as the same
    float), never with an exponent: 3.0000000001, 2.9999999999999996, 0.000000001, 1.5. For a message quoting a
    value whose last digits matter: '{:g}' writes 3.0000000001 as 3."""
    return format(Decimal(repr(float(value))), "f")


# ----------------------------------------------------------------------------- bounds

# An actual known only as a bound (a workbook's 比较符, a plan's 19.9以上: >19.9, ≥17.9, <5), and whatever is worked
# out from one (a 完成进度 of more than 72.7%, a sum of more than 7), says only on which side of its number the figure
# lies. Rounded the usual way it may claim more than that: >72.7% shown as >73% says 72.8% is too little. So every
# number printed after a bound's comparator is rounded by the one rule below, toward the side the figure is not on:
# a lower bound (>, ≥) down, an upper bound (<, ≤) up; the shown bound is then implied by the true one (>72%,
# <28%: never more than the data allow). A figure ('=', none) and a target (a plan's threshold, printed as the plan
# writes it) are rounded as every number is.
LOWER_BOUNDS, UPPER_BOUNDS = (">", ">="), ("<", "<=")


def is_bound(comparator) -> bool:
    """Whether a value is a bound (>19.9, ≥19.5, ≤5: an actual known only as one, a workbook's 比较符 > or >=, a
    plan's 19.9以上, the figure somewhere beyond it), not the figure itself ('=', '', None, NaN, a target's ≈)."""
    return isinstance(comparator, str) and comparator in LOWER_BOUNDS + UPPER_BOUNDS


def toward_bound(value: float, comparator, decimals: int) -> float:
    """`value` rounded to `decimals` places (negative: to tens, hundreds …) as a bound with this comparator must
    be: down for a lower bound (>72.727 → 72.7 at one place), up for an upper bound (<27.27 → 27.3); any other
    comparator (a figure) leaves it as it is, for the usual rounding. Worked in decimal, so that 19.9 stays 19.9."""
    if not is_bound(comparator) or not math.isfinite(value):
        return value
    rounding = ROUND_FLOOR if comparator in LOWER_BOUNDS else ROUND_CEILING
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=rounding))


def _place(value: float, significant: int) -> int:
    """The decimal place that keeps `significant` digits of value (2 for 72.73 at four digits; −2 for 161,447 at
    four)."""
    return significant - 1 - math.floor(math.log10(abs(value))) if value else 0


# A format spec as str.format reads one: [[fill]align][sign][z][#][0][width][,_][.precision][type]
FORMAT_SPEC = re.compile(r"^(?:.?[<>=^])?[-+ ]?z?#?0?\d*[,_]?(?:\.(?P<precision>\d+))?(?P<type>[eEfFgGn%])?$")


def format_bound(value: float, comparator, spec: str) -> str:
    """format(value, spec) for a number printed after `comparator`, rounded to the places the spec shows by the
    one rule (toward_bound): '.0%' of 0.7273 after '>' is 72%, not 73%. A figure is formatted as it is."""
    return format(shown_bound(value, comparator, spec), spec)


def shown_bound(value: float, comparator, spec: str) -> float:
    """The bound `value` rounded, by toward_bound, to the places format(…, spec) shows; a figure as it is."""
    match = FORMAT_SPEC.match(spec)
    if not is_bound(comparator) or match is None or not math.isfinite(value):
        return value
    kind, precision = match["type"] or "", match["precision"]
    if not kind and precision is None:          # str(value): every digit, nothing rounded
        return value
    digits = 6 if precision is None else int(precision)
    if kind in ("f", "F", "%"):                 # places after the point (of the percentage for %)
        decimals = digits + (2 if kind == "%" else 0)
    elif kind in ("e", "E"):                    # digits after the first
        decimals = _place(value, digits + 1)
    else:                                       # g, G, n: significant digits
        decimals = _place(value, max(digits, 1))
    return toward_bound(value, comparator, decimals)


def number(value, missing: str = "—", digits: int = 4, comparator=None) -> str:
    """Four (`digits`) significant digits with thousands separators: 1,650 · 0.28 · 6.35. Never an exponent, which
    a reader does not read: from 10,000 up a number is written whole (200,000, not 2e+05; 25,825), below 0.0001 in
    full (0.00001234). The number of a bound (`comparator` >, ≥, <, ≤) is rounded toward it (toward_bound:
    >123.45 is 123.4, <123.45 is 123.5)."""
    if _missing(value):
        return missing
    if is_bound(comparator):
        value = toward_bound(value, comparator, 0 if abs(value) >= 10 ** digits else _place(value, digits))
    text = f"{value:,.{digits}g}"
    if "e" not in text:
        return text
    if abs(value) >= 1:
        return f"{value:,.0f}"
    return format(Decimal(f"{value:.{digits}g}"), "f")


def percent(value, missing: str = "—", comparator=None, places: int = 1) -> str:
    """A rate as a percentage with one decimal (`places`): 0.0633 -> 6.3%; a bound's rounded toward it
    (>0.72727 -> 72.7%, <0.27272 -> 27.3%: toward_bound)."""
    return missing if _missing(value) else format_bound(value, comparator, f".{places}%")


# ----------------------------------------------------------------------------- figures beside a judgement

# A judgement is made on the figures as worked out, never on their rounding (sdg-build's get_progress_status judges
# R unrounded; so does the method: R ≥ 0.95, 5 points or more behind, 100% the target reached). A figure printed
# beside a judgement, by every reader (the report's HTML and PDF, the brief, the notes' sentences, the notebooks'
# tables and the results workbook's number formats), is rounded to its usual places, and to more where the usual
# would put it on the line or across it: the figures as shown, judged by the same rule, give the same judgement.
# 完成率 99.96% beside 未达标 (never 100.0%); R 0.948 beside 需要加速 (never 0.95); 完成进度 55.04% against 序时进度
# 60.00% beside 符合序时进度 (55.0% against 60.0% is 5 points: 慢于). The judges are the analysis's
# (helpers.analyse.evaluation: rate_places, share_places, ratio_places); the rule is this one.
MORE_PLACES = 3     # at most this many more places: a difference finer than that is none the data carry


def _as_shown(value: float, places: int, percent: bool) -> float:
    """`value` as format() shows it at `places` (of the percentage when `percent`), read back as a number."""
    return float(format(value, f".{places}%")[:-1]) / 100 if percent else float(format(value, f".{places}f"))


def places_beside(values, judge, places: int, percent: bool = False) -> int:
    """The places `values` are shown with beside the judgement `judge(*values)`: the fewest from `places` up (to
    MORE_PLACES more) at which the figures as shown give the same judgement. 0.948 by Open SDG's thresholds at 2
    places is 0.95, 进度正常 where 0.948 needs acceleration: 3 places (0.948). A missing figure: `places`."""
    if any(_missing(v) for v in values):
        return places
    figures = [float(v) for v in values]
    judged = judge(*figures)
    for more in range(places, places + MORE_PLACES + 1):
        if judge(*(_as_shown(v, more, percent) for v in figures)) == judged:
            return more
    return places + MORE_PLACES


def bound_text(value, comparator, missing: str = "—", digits: int = 4) -> str:
    """A value with its comparator, as every reader shows an actual that may be a bound: ≥19.9, >72.7, <5, and
    the figure itself for '=' or none; the number as number() writes it, a bound's rounded toward it."""
    text = number(value, missing, digits, comparator)
    if text == missing:
        return text
    if not isinstance(comparator, str) or comparator == "":      # (None, NaN as a CSV reads it: the figure)
        return text
    return COMPARATOR_SIGNS[comparator] + text     # (an unknown comparator, a defect upstream, is never printed as
                                                   # nothing)


# ----------------------------------------------------------------------------- projections

# One rule of precision for what a trend says of the future: a projection is no more exact than three significant
# digits; its interval's bounds are rounded like it (to the same decimal place); a count is a whole number and a
# share (%) has one decimal, their natural forms.
PROJECTION_DIGITS = 3


def _half_up(value: float, digits: int) -> float:
    """Rounded half away from zero (22.5 → 23), as a reader rounds; `digits` may be negative (161,447 → 161,000)."""
    scale = 10.0 ** digits
    return math.copysign(math.floor(abs(value) * scale + 0.5) / scale, value)


def _significant(value: float) -> int:
    """The decimal place (possibly negative) that keeps PROJECTION_DIGITS significant digits of value."""
    return PROJECTION_DIGITS - 1 - math.floor(math.log10(abs(value))) if value else 0


def _decimals(value: float, measure: str | None) -> int:
    """The decimal places a projection of this size and kind is shown with (negative: rounded to tens, ...)."""
    if measure == "count":
        return 0
    if measure == "share":
        return 1
    return _significant(value)


def _shown(value: float, digits: int) -> str:
    text = f"{_half_up(value, digits):,.{max(digits, 0)}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def projection(value, measure: str | None = None, missing: str = "—") -> str:
    """A projected value: three significant digits (22.5 · 3.83 · 0.254 · 1,650; 161,447 → 161,000), a count
    whole (46.7 → 47), a share with one decimal (35.24 → 35.2)."""
    if value is None or pd.isna(value):
        return missing
    return _shown(float(value), _decimals(float(value), measure))


def interval(low, high, centre, measure: str | None = None, missing: str = "—") -> str:
    """A prediction interval, its bounds rounded like its centre: 5.66–6.84 around 6.25 (not 5.66–6.842)."""
    if any(v is None or pd.isna(v) for v in (low, high, centre)):
        return missing
    digits = _decimals(float(centre), measure)
    return f"{_shown(float(low), digits)}–{_shown(float(high), digits)}"


# ----------------------------------------------------------------------------- tables in the notebooks

def inert(text: str) -> str:
    """Text for a notebook's Markdown with any HTML in it shown, not run; its Markdown (a `path`) kept."""
    return html.escape(str(text), quote=False)


# What Markdown in JupyterLab would read as markup inside a line: emphasis (* _), code (`), links and images ([ ] !),
# tables (|), strike-through (~), headings (#), maths ($) and the backslash itself.
MARKDOWN_MARKUP = re.compile(r"([\\`*_\[\]#!|~$])")


def literal(value) -> str:
    """A value put into a notebook's Markdown, shown exactly as written: its HTML and its Markdown escaped (a plan's
    or a county's name like '<b>*建德*</b>' or '$x$' is neither markup nor maths). The sentence around it keeps its
    own markup: f"共 **{literal(n)}** 条"."""
    return MARKDOWN_MARKUP.sub(r"\\\1", html.escape(str(value), quote=False))


# Text longer than this wraps at a readable width; shorter text (names, codes, dates) stays on one line, so that
# JupyterLab never squeezes a county name to one character a line.
LONG_TEXT = 24
# A number written as text (12.5, ≥ 1,200, 35 %, 3/5), matched on the stripped text. (Written as
# \s*[-+…]?\s*[\d,]*\.?\d+\s*%?…, runs of spaces and digits were shared between neighbouring parts in every way:
# a cell of 2,000 spaces took 0.4 s, a workbook's 备注 of 32,767 most of an hour. [\d,]*(?:\.\d+|(?<=\d)) is
# [\d,]*\.?\d+: commas and digits ending in a digit, or in a point and digits.)
NUMERIC_TEXT = re.compile(r"^(?:[-+>≥<≤＞]\s*)?[\d,]*(?:\.\d+|(?<=\d))(?:\s*%)?(?:\s*/\s*\d+)?$")


def numeric_text(text: str) -> bool:
    """Whether a text cell holds a number written as text (NUMERIC_TEXT)."""
    return bool(NUMERIC_TEXT.match(text.strip()))


def table_view(frame: pd.DataFrame, percents: tuple[str, ...] = ()):
    """A table as the notebooks show it (pandas Styler): numbers as the report writes them (number(); the
    columns in `percents` with percent()); integer columns (years, lines, counts: give them an integer dtype,
    Int64 where some are missing) as they are; missing as —;
    text left-aligned, long text wrapped, short text on one line; numbers right-aligned; no index column.
    The data stay in `.data`."""
    formats, numeric, long_text = {}, [], []
    for column in frame.columns:
        values = frame[column]
        if column in percents:
            formats[column] = percent
            numeric.append(column)
        elif pd.api.types.is_bool_dtype(values):
            continue
        elif pd.api.types.is_integer_dtype(values):
            formats[column] = lambda v: "—" if pd.isna(v) else str(int(v))
            numeric.append(column)
        elif pd.api.types.is_float_dtype(values):
            formats[column] = number
            numeric.append(column)
        else:
            text = values.dropna().astype(str)
            if len(text) and text.map(lambda t: numeric_text(t) or t in ("", "—")).all():
                numeric.append(column)
            elif len(text) and text.str.len().max() > LONG_TEXT:
                long_text.append(column)
    # Every cell and header is shown as text: a plan's words may hold markup (<script>, <img onerror>), which the
    # executed notebooks kept for audit must never run. (Styler escapes nothing unless told to.)
    styler = frame.style.hide(axis="index").format(formats, na_rep="—", escape="html")
    styler = styler.format_index(escape="html", axis="columns")
    styler = styler.set_table_styles([
        {"selector": "", "props": "table-layout: auto; border-collapse: collapse;"},
        {"selector": "th", "props": "text-align: left; white-space: nowrap; vertical-align: bottom;"},
        {"selector": "td", "props": "vertical-align: top;"},
    ])
    # Alignment and wrapping are each cell's own rules: a table-wide "td" rule would lose to JupyterLab's
    # right-aligned table cells or win over the cells' own rules.
    short_text = [c for c in frame.columns if c not in numeric and c not in long_text]
    if short_text:
        styler = styler.set_properties(subset=short_text, **{"text-align": "left", "white-space": "nowrap"})
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right", "white-space": "nowrap",
                                                          "font-variant-numeric": "tabular-nums"})
    if long_text:
        styler = styler.set_properties(subset=long_text, **{"text-align": "left", "white-space": "normal",
                                                            "min-width": "14em"})
    return styler
