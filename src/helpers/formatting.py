"""How numbers are shown in tables, in the notebooks and the report alike."""
from __future__ import annotations

import pandas as pd


def number(value, missing: str = "—") -> str:
    """Four significant digits with thousands separators: 1,650 · 0.28 · 6.35."""
    return missing if value is None or pd.isna(value) else f"{value:,.4g}"


def percent(value, missing: str = "—") -> str:
    """A rate as a percentage with one decimal: 0.0633 -> 6.3%."""
    return missing if value is None or pd.isna(value) else f"{value:.1%}"
