"""A PDF (the plan as an attachment, printed by Word, WPS, LibreOffice or a browser) as a Document.

The page content is read with pypdfium2 (Google's PDFium; Apache-2.0/BSD-3), which is exact on both LibreOffice
and Chromium prints and reads a plan in a fraction of a second; pdfplumber (MIT) was exact on LibreOffice PDFs
but took 4–8 s on Chromium prints (README: "Plans as published"). Tables are found from their ruling lines:
the lines' positions give a table's rows and columns, and a missing line inside it a merged cell, whose text is
repeated in every position it covers. A table that runs over a page break is joined to its first part.

What a PDF's text layer gets wrong is repaired here, and counted (the cleaning log says how often):
- CJK radical code points for ordinary characters (⻓ for 长: radicals.py), which NFKC does not fix;
- spaces between digits and Chinese (`2025 年`), and between Chinese characters;
- page headers, footers and page numbers (a line in a page's margin repeated on other pages, or a number);
- sentences wrapped across lines (and pages), joined into their paragraph; a cell's lines joined likewise.

Places: a paragraph is the page and line where it starts (第2页第5行, counting the page's text lines outside
tables); a table cell is its page, the table's number in the document, and its row and column (第3页表1第3行第5列).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from helpers.core.errors import InputError
from helpers.core.values import as_subscript, as_superscript
from helpers.extract.documents.model import CJK, Document, Grid, GridCell, Paragraph, Place, join_lines
from helpers.extract.documents.radicals import RADICAL_TO_IDEOGRAPH

# A plan with its appendices is some 10–60 pages. A page of dense Chinese text costs some 18 ms of processor time
# (81 pages: 1.4 s, measured), so 120 pages are read in about 2 s (300 took 5 s, some 30 s on a loaded machine).
MAX_PAGES = 120
MIN_TEXT_CHARS = 20        # fewer in the whole document: a scan, with no text layer
THIN = 2.5                 # a path this thin (points) is a ruling line
SNAP = 3.0                 # ruling lines closer than this are one (a double border)
MARGIN = 0.08              # the top and bottom of a page where headers and footers are
PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4})?(\s*页)?[-—–\s]*$")
SPACE_BY_CJK = re.compile(rf"(?<=[{CJK}0-9%.])[ \t\u00a0\u3000]+(?=[{CJK}])|(?<=[{CJK}])[ \t\u00a0\u3000]+(?=[0-9])")
SENTENCE_END = "。！？；：!?;:"
# What a line's first word is, that would not fit at the end of the line above: a Latin word or number, or one
# Chinese character, with the punctuation that may not start a line (，。、) kept with it.
# A character this much smaller than its line's text, standing this far (in its text's heights) above or below the
# line's baseline, is set as superscript or subscript: Chromium prints <sup> at 83% raised by 0.36 of the line's
# height, LibreOffice a 上标 run at 58% raised by 0.43 and a 下标 run lowered by only 0.11; the characters of an
# ordinary line, of whatever size or font, share one baseline (to a hundredth of a point).
RAISED_SIZE = 0.9
RAISED_SHIFT = 0.05
FIRST_WORD = re.compile(rf"(?:[^{CJK}\s]+|.)[，。、；：？！）》」』”’%,.;:)]*")


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float = 0.0   # where the glyph stands (its origin), from the top like `top` and `bottom`
    size: float = 0.0       # the font size it is set in

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    number: int = 0   # on its page, counting text lines outside tables


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    xs: list[float]
    ys: list[float]
    rows: list[list[tuple[str, bool]]]      # (text, spanned)


class _Repairs(dict):
    def add(self, code: str, count: int) -> None:
        if count:
            self[code] = self.get(code, 0) + count


def read_pdf(path: Path) -> Document:
    import pypdfium2 as pdfium
    pdf = _open(path, pdfium)
    if len(pdf) > MAX_PAGES:
        pages = len(pdf)
        pdf.close()
        raise InputError(path, None, f"the PDF has {pages:,} pages, far more than a plan (the limit is {MAX_PAGES}): "
                         "reading it would take minutes",
                         "save the plan's own pages as a PDF of their own (in a PDF viewer: Print → Pages → Save as "
                         "PDF), name that file in config/sources.yaml and run `make manifest`.")
    repairs, unseen = _Repairs(), _Repairs()
    try:
        pages = [_read_page(pdf[i], i + 1, repairs, unseen) for i in range(len(pdf))]
    finally:
        pdf.close()
    if sum(len(lines) + len(tables) for lines, tables, _ in pages) == 0 or \
            sum(len(line.text) for lines, _, _ in pages for line in lines) + \
            sum(len(t) for _, tables, _ in pages for table in tables for row in table.rows for t, _ in row) \
            < MIN_TEXT_CHARS:
        raise InputError(path, None, f"the PDF has no text layer ({len(pages)} pages of images: a scan), so its "
                         "table and text cannot be read",
                         "ask the office for the plan as .docx (or its web page); a scan cannot be read reliably.")
    _drop_furniture(pages, repairs)
    document = _assemble(path, pages, repairs)
    document.hidden, document.struck = unseen.get("hidden", 0), unseen.get("struck", 0)
    return document


def _open(path: Path, pdfium):
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, None, "the PDF is password-protected (encrypted), so it cannot be read",
                             "ask the office for the plan without a password, as .docx or PDF; or open it with the "
                             "password and print it to a new PDF.") from None
        raise InputError(path, None, f"the PDF cannot be opened: it is damaged or not a PDF ({exc})",
                         "download or copy it again, or ask the office for the plan as .docx.") from None


# ------------------------------------------------------------------------------------------ one page

def _read_page(page, number: int, repairs: _Repairs, unseen: _Repairs) -> tuple[list[_Line], list[_Table], float]:
    width, height = page.get_size()
    chars = _chars(page, height, unseen)
    h_edges, v_edges = _edges(page, width, height)
    chars, struck = _not_struck(chars, h_edges)
    unseen.add("struck", struck)
    tables, inside = _tables(h_edges, v_edges, chars, number, repairs)
    lines = _lines([c for i, c in enumerate(chars) if i not in inside], number, repairs)
    return lines, tables, height


# Text set smaller than this (points) is no text a reader sees: a 9 at 1 pt between 2 and 0 is a speck.
MIN_VISIBLE_SIZE = 1.5


def _chars(page, height: float, unseen: _Repairs) -> list[_Char]:
    """The page's characters, without those no reader sees: fully transparent ones (a page's color: transparent,
    printed by the browser as text of alpha 0) and those set under MIN_VISIBLE_SIZE; counted in `unseen`. A 9 so
    hidden between 2 and 0 was read 290. (White text is not told apart: PDFium reports the browser's white as grey.)"""
    import ctypes

    import pypdfium2.raw as raw
    textpage = page.get_textpage()
    out: list[_Char] = []
    pending_high = None
    box = raw.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        code = raw.FPDFText_GetUnicode(textpage, i)
        if 0xD800 <= code <= 0xDBFF:
            pending_high = code
            continue
        if 0xDC00 <= code <= 0xDFFF and pending_high is not None:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = None
        if code in (0, 0x0D, 0x0A, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        size = raw.FPDFText_GetFontSize(textpage, i)
        if not chr(code).isspace() and (size < MIN_VISIBLE_SIZE or (
                raw.FPDFText_GetFillColor(textpage, i, red, green, blue, alpha) and alpha.value == 0)):
            unseen.add("hidden", 1)
            continue
        raw.FPDFText_GetLooseCharBox(textpage, i, box)   # the font's box, not the ink's: 。 sits on its line
        raw.FPDFText_GetCharOrigin(textpage, i, origin_x, origin_y)
        out.append(_Char(chr(code), box.left, box.right, height - box.top, height - box.bottom,
                         height - origin_y.value, size))
    textpage.close()
    return out


# A line struck through text crosses its glyphs a quarter to a half of the font size above the baseline (LibreOffice
# 0.28, measured); an underline lies below the baseline, and a table's rule above the tallest glyph (0.95).
STRIKE_BAND = (0.15, 0.5)


def _not_struck(chars: list[_Char], h_edges: list[tuple]) -> tuple[list[_Char], int]:
    """The characters no line strikes through, and how many strike lines there were: a struck-through run (删除线,
    <s>, or a deletion a document printed with its tracked changes shows) is shown as deleted. A struck 18 before 20
    was read 1820."""
    from bisect import bisect_left, bisect_right
    edges = sorted(h_edges)
    ys = [edge[0] for edge in edges]
    kept, strikes = [], set()
    for char in chars:
        low = bisect_left(ys, char.baseline - STRIKE_BAND[1] * char.size)
        high = bisect_right(ys, char.baseline - STRIKE_BAND[0] * char.size)
        hit = next((k for k in range(low, high) if edges[k][1] <= char.cx <= edges[k][2]), None)
        if hit is None or char.text.isspace():
            kept.append(char)
        else:
            strikes.add(hit)
    return kept, len(strikes)


def _edges(page, width: float, height: float) -> tuple[list[tuple], list[tuple]]:
    """Ruling lines as (position, start, end): horizontal at y (from the top), vertical at x. A thin path is one
    line; a rectangle gives its four sides (but not one as large as the page: a background). Read through
    PDFium's own calls: a page may hold thousands of objects, and wrapping each in Python would cost seconds."""
    import ctypes

    import pypdfium2.raw as raw
    h, v = [], []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH or \
                not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        y0, y1 = height - top.value, height - bottom.value
        x0, x1 = left.value, right.value
        w, hh = x1 - x0, y1 - y0
        if hh <= THIN and w > THIN:
            h.append(((y0 + y1) / 2, x0, x1))
        elif w <= THIN and hh > THIN:
            v.append(((x0 + x1) / 2, y0, y1))
        elif w > THIN and hh > THIN and not (w > 0.8 * width and hh > 0.8 * height):
            h += [(y0, x0, x1), (y1, x0, x1)]
            v += [(x0, y0, y1), (x1, y0, y1)]
    return h, v


def _cluster(values: list[float]) -> list[float]:
    """Positions closer than SNAP as one (their mean)."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= SNAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _components(h_edges, v_edges) -> list[tuple[list, list]]:
    """Groups of ruling lines that touch one another: one group per table (or frame)."""
    parent = list(range(len(h_edges) + len(v_edges)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(h_edges):
        for j, (x, vy0, vy1) in enumerate(v_edges):
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                parent[find(i)] = find(len(h_edges) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, edge in enumerate(h_edges):
        groups.setdefault(find(i), ([], []))[0].append(edge)
    for j, edge in enumerate(v_edges):
        groups.setdefault(find(len(h_edges) + j), ([], []))[1].append(edge)
    return [g for g in groups.values() if g[0] and g[1]]


def _tables(h_edges, v_edges, chars: list[_Char], page: int, repairs: _Repairs) -> tuple[list[_Table], set[int]]:
    tables, inside = [], set()
    for hs, vs in _components(h_edges, v_edges):
        xs, ys = _cluster([x for x, _, _ in vs]), _cluster([y for y, _, _ in hs])
        if len(xs) < 3 or len(ys) < 2:      # not a table of two columns (one row: perhaps a table's last row,
            continue                        # alone on the next page)
        table = _grid(hs, vs, xs, ys, chars, inside, repairs)
        if table is not None:
            table.page = page
            tables.append(table)
    return sorted(tables, key=lambda t: t.top), inside


def _grid(hs, vs, xs, ys, chars, inside: set[int], repairs: _Repairs) -> _Table | None:
    """The table's cells: the cells between neighbouring lines, joined where no line separates them; each
    character goes to the cell its centre is in."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    find = _merged_cells(hs, vs, xs, ys)
    texts: dict[tuple, list[_Char]] = {}
    for i, ch in enumerate(chars):
        if xs[0] <= ch.cx <= xs[-1] and ys[0] <= ch.cy <= ys[-1]:
            r = min(bisect_right(ys, ch.cy) - 1, n_rows - 1)
            c = min(bisect_right(xs, ch.cx) - 1, n_cols - 1)
            texts.setdefault(find((r, c)), []).append(ch)
            inside.add(i)
    if not texts:
        return None
    cell_text = {root: _text_of(cs, repairs) for root, cs in texts.items()}
    rows = [[(cell_text.get(find((r, c)), ""), find((r, c)) != (r, c)) for c in range(n_cols)]
            for r in range(n_rows)]
    return _Table(0, ys[0], ys[-1], xs, ys, rows)


def _merged_cells(hs, vs, xs, ys):
    """Which cell each (row, column) position belongs to: the top-left position of its merged cell, found by
    joining neighbours that no ruling line separates."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def line_at(edges, position, middle) -> bool:
        return any(abs(p - position) <= SNAP and a - SNAP <= middle <= b + SNAP for p, a, b in edges)

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    def join(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for r in range(n_rows):
        for c in range(n_cols - 1):
            if not line_at(vs, xs[c + 1], (ys[r] + ys[r + 1]) / 2):
                join((r, c), (r, c + 1))
    for c in range(n_cols):
        for r in range(n_rows - 1):
            if not line_at(hs, ys[r + 1], (xs[c] + xs[c + 1]) / 2):
                join((r, c), (r + 1, c))
    return find


def _text_of(chars: list[_Char], repairs: _Repairs) -> str:
    """A cell's characters as text, its lines joined."""
    lines = _group_lines(chars)
    return join_lines("\n".join(_repaired(_line_text(line), repairs) for line in lines))


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines and abs(ch.cy - lines[-1][-1].cy) <= 0.5 * max(ch.bottom - ch.top, 1):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(chars: list[_Char]) -> str:
    out, previous = [], None
    _mark_raised(chars)
    for ch in chars:
        if previous is not None and ch.x0 - previous.x1 > 0.3 * (ch.bottom - ch.top) and not ch.text.isspace() \
                and not previous.text.isspace():
            out.append(" ")     # a gap with no space character: words set apart
        out.append(ch.text)
        previous = ch
    return "".join(out).strip()


def _mark_raised(chars: list[_Char]) -> None:
    """Digits set smaller and raised (or lowered) off the line's baseline are a note mark (10.3 and a raised 1,
    as Word's 上标 or a web page's <sup> print), never a digit of the number: written as superscript (subscript)
    digits, which the value parser reads as a mark. The line's own text is its largest characters."""
    if not chars:
        return
    body = max(chars, key=lambda c: (c.size, c.bottom - c.top))
    height = body.bottom - body.top
    for ch in chars:
        smaller = ch.size < RAISED_SIZE * body.size or ch.bottom - ch.top < RAISED_SIZE * height
        shift = ch.baseline - body.baseline          # negative: raised (the page's y runs downwards)
        if smaller and abs(shift) > RAISED_SHIFT * height:
            ch.text = as_superscript(ch.text) if shift < 0 else as_subscript(ch.text)


def _repaired(text: str, repairs: _Repairs) -> str:
    fixed = text.translate(RADICAL_TO_IDEOGRAPH)
    repairs.add("radicals", sum(a != b for a, b in zip(text, fixed)))
    spaced = SPACE_BY_CJK.sub("", fixed)
    repairs.add("digit_spaces", len(SPACE_BY_CJK.findall(fixed)))
    return spaced


def _lines(chars: list[_Char], page: int, repairs: _Repairs) -> list[_Line]:
    out = []
    for group in _group_lines(chars):
        text = _repaired(_line_text(group), repairs)
        if text:
            out.append(_Line(text, min(c.x0 for c in group), max(c.x1 for c in group),
                             min(c.top for c in group), max(c.bottom for c in group), page))
    return out


# ------------------------------------------------------------------------------------------ the document

def _drop_furniture(pages, repairs: _Repairs) -> None:
    """Page headers, footers and numbers: a line in the top or bottom margin that is a page number, that appears
    (its digits aside) in the margin of another page too, or that is set smaller than the body text."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    def in_margin(line: _Line, height: float) -> bool:
        return line.bottom < MARGIN * height or line.top > (1 - MARGIN) * height

    sizes = sorted(line.bottom - line.top for lines, _, _ in pages for line in lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0
    seen: dict[str, set[int]] = {}
    for lines, _, height in pages:
        for line in lines:
            if in_margin(line, height):
                seen.setdefault(key(line), set()).add(line.page)

    def furniture(line: _Line, height: float) -> bool:
        return in_margin(line, height) and bool(PAGE_NUMBER.match(line.text) or len(seen[key(line)]) > 1
                                                or line.bottom - line.top < 0.8 * body_size)

    for index, (lines, tables, height) in enumerate(pages):
        kept = [line for line in lines if not furniture(line, height)]
        repairs.add("page_furniture", len(lines) - len(kept))
        for number, line in enumerate(kept, 1):
            line.number = number
        pages[index] = (kept, tables, height)


def _assemble(path: Path, pages, repairs: _Repairs) -> Document:
    """Paragraphs and tables in reading order: wrapped lines joined into their paragraph, a table continued on
    the next page joined to its first part."""
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    recent: list[Paragraph] = []
    current: list[_Line] = []
    previous: _Line | _Table | None = None
    left = min((line.x0 for lines, _, _ in pages for line in lines), default=0)
    right = max((line.x1 for lines, _, _ in pages for line in lines), default=0)

    def flush():
        nonlocal current, recent
        if current:
            text = current[0].text
            for line in current[1:]:
                text = join_lines(text + "\n" + line.text)
            paragraph = Paragraph(text, Place(page=current[0].page, line=current[0].number))
            paragraphs.append(paragraph)
            recent.append(paragraph)
        current = []

    for lines, tables, _ in pages:
        items = sorted([*lines, *tables], key=lambda item: item.top)
        for position, item in enumerate(items):
            if isinstance(item, _Table):
                flush()
                if position == 0 and isinstance(previous, _Table) and _continues(previous, item):
                    _join(item, grids[-1], repairs)
                    repairs.add("continued_tables", 1)
                else:
                    grids.append(_as_grid(item, len(grids) + 1, recent[-3:]))
                    recent = []
                    grids[-1].after = recent
                previous = item
                continue
            if current and _continues_paragraph(current[-1], item, left, right):
                current.append(item)
                repairs.add("wrapped_lines", 1)
            else:
                flush()
                current = [item]
            previous = item
    flush()
    return Document(path, "pdf", paragraphs, grids, dict(repairs))


def _continues_paragraph(last: _Line, line: _Line, left: float, right: float) -> bool:
    """A line carries on the paragraph above it when that one stops short of the right margin only by less than
    this line's first word (or character) would need, without ending a sentence, and this one starts at the left
    margin (no first-line indent), just below it or atop the next page."""
    size = max(last.bottom - last.top, 1)
    first_word = FIRST_WORD.match(line.text)
    needed = sum((0.6 if ch.isascii() else 1.0) * size for ch in first_word.group()) if first_word else size
    full = last.x1 + needed >= right - 0.5 * size and last.text[-1] not in SENTENCE_END
    flush_left = line.x0 <= left + 0.5 * size
    close = line.page != last.page or 0 <= line.top - last.bottom <= 1.0 * size
    return full and flush_left and close


def _continues(first: _Table, second: _Table) -> bool:
    """A table at the top of a page continues the one that ended the page before: the same columns."""
    return len(first.xs) == len(second.xs) and all(abs(a - b) <= SNAP for a, b in zip(first.xs, second.xs))


def _join(second: _Table, grid: Grid, repairs: _Repairs) -> None:
    """The rows of a table's part on a new page added to the grid. A row the page break split (its serial number
    and values above the break, the rest of its name below) is joined back into one; a merged cell that runs
    over the break, whose part below is drawn empty, gets its text in every row it covers."""
    rows = [list(row) for row in second.rows]
    last = grid.rows[-1]
    if rows and _split_row(last, rows[0]):
        top = rows.pop(0)
        repairs.add("split_rows", 1)
        for c, (text, _) in enumerate(top):
            if text:
                last[c] = GridCell(join_lines(last[c].text + "\n" + text), last[c].place, last[c].spanned)
    for c in range(len(last)):
        if last[c].spanned and last[c].text:
            for row in rows:
                text, spanned = row[c]
                if text or (row is not rows[0] and not spanned):
                    break
                row[c] = (last[c].text, True)
                repairs.add("merged_across_pages", 1)
    start = len(grid.rows)
    for offset, row in enumerate(rows):
        r = start + offset + 1
        grid.rows.append([GridCell(text, Place(page=second.page, table=grid.number, row=r, column=c), spanned)
                          for c, (text, spanned) in enumerate(row, 1)])


def _split_row(above: list[GridCell], top: list[tuple[str, bool]]) -> bool:
    """The first row on the new page is the rest of the row above it: it leaves empty a cell that row has filled
    (a serial number, a value), and is not empty altogether."""
    return any(text for text, _ in top) and any(
        not text and cell.text and not cell.spanned for (text, _), cell in zip(top, above))


def _as_grid(table: _Table, number: int, before: list[Paragraph]) -> Grid:
    rows = [[GridCell(text, Place(page=table.page, table=number, row=r, column=c), spanned)
             for c, (text, spanned) in enumerate(row, 1)] for r, row in enumerate(table.rows, 1)]
    return Grid(number, rows, before)
