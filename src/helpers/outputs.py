"""Writing the tables analysts open: CSV for Excel, and formatted workbooks.

Callers write into a path from `helpers.atomic`, so a failed run never leaves half-written files.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV in UTF-8 with a byte-order mark, so that Excel shows the Chinese correctly."""
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def _safe_cell_value(value):
    """Values for openpyxl: NaN becomes empty; text is never left to be read as a formula."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        value = value.item()
    return value


def write_xlsx(sheets: dict[str, pd.DataFrame], path: Path, number_formats: dict[str, str] | None = None,
               fills: dict[str, dict[str, str]] | None = None) -> None:
    """A workbook for analysts: one sheet per frame, bold frozen header, sensible column widths.

    number_formats: column name -> Excel number format. fills: column name -> {cell text -> hex colour}.
    Text from the documents that starts with = + - @ is stored as text, never as a formula.
    """
    wb = Workbook()
    wb.remove(wb.active)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for title, frame in sheets.items():
        ws = wb.create_sheet(title=title[:31])
        for col, name in enumerate(frame.columns, 1):
            cell = ws.cell(row=1, column=col, value=str(name))
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(vertical="center")
        for r, row in enumerate(frame.itertuples(index=False), 2):
            for c, value in enumerate(row, 1):
                value = _safe_cell_value(value)
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # keeps '=SUM(…)' and '@x' as text
                else:
                    cell.value = value
                fmt = (number_formats or {}).get(frame.columns[c - 1])
                if fmt and isinstance(value, (int, float)):
                    cell.number_format = fmt
                colour = (fills or {}).get(frame.columns[c - 1], {}).get(value) if isinstance(value, str) else None
                if colour:
                    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
        for col, name in enumerate(frame.columns, 1):
            values = [str(name)] + [str(v) for v in frame.iloc[:200, col - 1].tolist()]
            width = max(_display_width(v) for v in values)
            ws.column_dimensions[get_column_letter(col)].width = min(max(8, width + 2), 60)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def _display_width(text: str) -> int:
    # Chinese characters take two columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
