"""Writing the tables analysts open: CSV for Excel, and formatted workbooks.

Callers write into a path from `helpers.files.atomic`, so a failed run never leaves half-written files.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

# openpyxl is imported where a workbook is written: the analysis and the report notebook, which import this module
# for its CSV functions, need not pay for it (a tenth of a second each, on the report's critical path).

FORMULA_PREFIXES = ("=", "+", "-", "@")
PRINTED_COLUMNS = 14   # for_print: at most this many columns shown (and printed); the rest grouped and collapsed
# for_print: the printed columns' total width (in the spreadsheet's character units) that a landscape A4 page holds
# with 11-point text printed at 8 points or more. LibreOffice prints a unit about 6.7 pt wide at 100%; the page
# has 277 mm (785 pt) between 10 mm margins: 785 ÷ (8/11) ÷ 6.7 = 161 units, less a margin for substituted fonts.
PRINTED_WIDTH = 145
PRINTED_MIN_COLUMNS = 4  # the key columns a printed page always keeps (county, indicator, ...)
PRINTED_TEXT_WIDTH = 36  # for_print: the widest a column gets (characters); longer text wraps
LINE_HEIGHT = 15.0       # points: one line of 11-point text


# A text cell that Excel would run as a formula when it opens a CSV: = + - @ (and a tab or carriage return
# before them), unless it is a plain number such as -5 or +12% (which Excel reads as the number it is). A
# comparator on its own (=) runs nothing.
FORMULA_TEXT = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$")
GUARD = "'"   # Excel's own mark for "this is text"


def guard_formula_text(value):
    """Text for a CSV cell that never runs as a formula in Excel: a leading ' before = + - @."""
    if isinstance(value, str) and len(value) > 1 and FORMULA_TEXT.match(value) and not PLAIN_NUMBER.match(value):
        return GUARD + value
    return value


def unguard(frame: pd.DataFrame) -> pd.DataFrame:
    """The text as it was before write_csv guarded it (for the steps that read the CSVs back)."""
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column].dtype):
            values = frame[column]
            guarded = values.map(lambda v: isinstance(v, str) and v[:1] == GUARD and bool(FORMULA_TEXT.match(v[1:])))
            if guarded.any():
                frame[column] = values.mask(guarded, values.str[1:])
    return frame


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV in UTF-8 with a byte-order mark, so that Excel shows the Chinese correctly. Numbers stay numbers;
    text that Excel would run as a formula (a plan cell or sheet name starting with =) is guarded with '."""
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)]
    if text:
        frame = frame.copy()
        for column in text:
            frame[column] = frame[column].map(guard_formula_text)
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
               fills: dict[str, dict[str, str]] | None = None, labels: dict[str, str] | None = None,
               first: list[str] | None = None, for_print: bool = False,
               row_formats: dict[str, dict[str, dict[int, str]]] | None = None) -> None:
    """A workbook for analysts: one sheet per frame, bold frozen header, sensible column widths.

    number_formats: column name -> Excel number format. fills: column name -> {cell text -> hex colour}.
    row_formats: sheet title -> column name -> {row position: format}, for the rows of a column not written like the
    column (a growth that is a change per year where the others are rates); the other rows take the column's.
    labels: column id -> the header a reader sees; the ids then stay in a hidden second row (formulas and
    scripts can still find a column by its id). first: the key columns, moved to the left where present.
    for_print: landscape A4, fit to the page width, header row repeated on every printed page.
    Text from the documents that starts with = + - @ is stored as text, never as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    header_rows = 2 if labels else 1
    for title, frame in sheets.items():
        if first:
            frame = frame[[c for c in first if c in frame.columns] + [c for c in frame.columns if c not in first]]
        ws = wb.create_sheet(title=title[:31])
        _header(ws, frame.columns, labels, header_fill)
        by_row = (row_formats or {}).get(title, {})
        for r, row in enumerate(frame.itertuples(index=False), header_rows + 1):
            for c, value in enumerate(row, 1):
                value = _safe_cell_value(value)
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # keeps '=SUM(…)' and '@x' as text
                else:
                    cell.value = value
                fmt = (by_row.get(frame.columns[c - 1]) or {}).get(r - header_rows - 1) \
                    or (number_formats or {}).get(frame.columns[c - 1])
                if fmt and isinstance(value, (int, float)):
                    cell.number_format = fmt
                if for_print:
                    cell.alignment = Alignment(vertical="top")   # a row's cells line up at the top
                colour = (fills or {}).get(frame.columns[c - 1], {}).get(value) if isinstance(value, str) else None
                if colour:
                    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
        _widths(ws, frame, labels, header_rows, for_print)
        ws.freeze_panes = f"A{header_rows + 1}"
        ws.auto_filter.ref = ws.dimensions
        if for_print:
            _print_setup(ws, header_rows, frame.shape[1])
    wb.save(path)


def _shown_text(value) -> str:
    """A cell's value about as a spreadsheet shows it: a number with at most four decimals (NUMBER formats)."""
    if isinstance(value, float) and value == value:
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return str(value)


def _widths(ws, frame: pd.DataFrame, labels: dict[str, str] | None, header_rows: int, for_print: bool) -> None:
    """Each column as wide as its text, up to a cap. For print, longer text wraps within its column, so that the
    printed page keeps its scale; spreadsheets do not grow a row for text they did not lay out, so each row
    gets the lines its text needs (in the columns that print)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    lines: dict[int, int] = {}
    cap = PRINTED_TEXT_WIDTH if for_print else 60
    widths = []
    for col, name in enumerate(frame.columns, 1):
        header = str((labels or {}).get(name, name))
        values = [header if not labels else header[:12]] + [_shown_text(v) for v in frame.iloc[:200, col - 1].tolist()]
        widths.append(max(display_width(v) for v in values))
        ws.column_dimensions[get_column_letter(col)].width = min(max(8, widths[-1] + 2), cap)
    printed = printed_columns([ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(widths) + 1)])
    for col, width in enumerate(widths, 1):
        if not (for_print and width + 2 > cap and col <= printed):
            continue
        for (cell,) in ws.iter_rows(min_row=header_rows + 1, min_col=col, max_col=col):
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                lines[cell.row] = max(lines.get(cell.row, 1), -(-display_width(cell.value) // (cap - 2)))
    for row, n in lines.items():
        if n > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * n


def _header(ws, columns, labels: dict[str, str] | None, fill) -> None:
    """Row 1: the headers a reader sees; with labels, row 2 (hidden): the column ids."""
    from openpyxl.styles import Alignment, Font

    for col, name in enumerate(columns, 1):
        cell = ws.cell(row=1, column=col, value=str((labels or {}).get(name, name)))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=bool(labels))
        if labels:
            ws.cell(row=2, column=col, value=str(name))
    if labels:
        ws.row_dimensions[2].hidden = True


def printed_columns(widths: list[float]) -> int:
    """How many leading columns a printed page holds with its text at 8 points or more (PRINTED_WIDTH)."""
    total, n = 0.0, 0
    for width in widths[:PRINTED_COLUMNS]:
        if n >= PRINTED_MIN_COLUMNS and total + width > PRINTED_WIDTH:
            break
        total += width
        n += 1
    return n


def _print_setup(ws, header_rows: int, n_columns: int) -> None:
    """Landscape A4 with narrow margins, the leading columns that fit at 8 points or more, fit to the page width;
    the header repeated on every page; the sheet's name above and the page number (n / N) below."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.25, footer=0.25)
    ws.print_title_rows = f"1:{header_rows}"
    ws.oddHeader.left.text = "&A"
    ws.oddHeader.left.size = 12          # shrunk with the page, as the cells are: 8 points or more on paper
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.size = 12
    widths = [ws.column_dimensions[get_column_letter(c)].width or 8 for c in range(1, n_columns + 1)]
    shown = printed_columns(widths)
    if n_columns > shown:
        # The rest fold into a collapsed column group: a printed page keeps readable text, and an analyst
        # opens the group (the [+] above the columns) for every column.
        ws.column_dimensions.group(get_column_letter(shown + 1), get_column_letter(n_columns),
                                   hidden=True, outline_level=1)


def display_width(text: str) -> int:
    # Chinese characters take two columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
