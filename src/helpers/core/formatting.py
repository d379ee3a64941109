"""How numbers are shown in tables, in the notebooks and the report alike."""
from __future__ import annotations

import re

import pandas as pd


def number(value, missing: str = "—") -> str:
    """Four significant digits with thousands separators: 1,650 · 0.28 · 6.35."""
    return missing if value is None or pd.isna(value) else f"{value:,.4g}"


def percent(value, missing: str = "—") -> str:
    """A rate as a percentage with one decimal: 0.0633 -> 6.3%."""
    return missing if value is None or pd.isna(value) else f"{value:.1%}"


# ----------------------------------------------------------------------------- tables in the notebooks

# Text longer than this wraps at a readable width; shorter text (names, codes, dates) stays on one line, so that
# JupyterLab never squeezes a county name to one character a line.
LONG_TEXT = 24
NUMERIC_TEXT = re.compile(r"^\s*[-+>≥<≤＞]?\s*[\d,]*\.?\d+\s*%?(\s*/\s*\d+)?\s*$")


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
            if len(text) and text.map(lambda t: bool(NUMERIC_TEXT.match(t)) or t in ("", "—")).all():
                numeric.append(column)
            elif len(text) and text.str.len().max() > LONG_TEXT:
                long_text.append(column)
    styler = frame.style.hide(axis="index").format(formats, na_rep="—")
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
