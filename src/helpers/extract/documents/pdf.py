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
What its reader does not see is not read: text that leaves no ink on the rendered page (_inked), text under
1.5 pt, struck-through text; a digit a reader may see otherwise (faint, printed over another character, turned,
given by ActualText, drawn with another digit's glyph than the text layer says, in a table the crop box cuts,
set smaller than the rest of its figure) stops the run with its place. A watermark printed over the page is left
out, and its text counted (_without_watermarks). Notes at a page's foot (Word's footnotes printed, each starting with
its mark) are tied to the cells and paragraphs of the page that carry the mark (_page_feet, documents.footnotes).

Places: a paragraph is the page and line where it starts (第2页第5行, counting the page's text lines outside
tables); a table cell is its page, the table's number in the document, and its row and column (第3页表1第3行第5列).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core.errors import InputError
from helpers.core.method import Method, method_parameters
from helpers.core.values import as_subscript, as_superscript
from helpers.extract.documents.cover import Line, cover
from helpers.extract.documents.footnotes import PageNote, note_start, tie_notes_below, tie_page_feet
from helpers.extract.documents.model import (
    CJK,
    ON_THE_LINE,
    Document,
    Grid,
    GridCell,
    Paragraph,
    Place,
    join_lines,
)
from helpers.extract.documents.radicals import RADICAL_TO_IDEOGRAPH
from helpers.extract.tables import NUMBERED_HEADING

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
ASCII_DIGITS = set("0123456789")
FIGURE = re.compile(r"\d")
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
    drawn: float = 0.0      # a digit's: the size it is drawn at (its font size scaled by the text's matrix)
    glyph: tuple = ()       # the glyph's own box in PDF page space (left, right, bottom, top): where its ink is
    upright: bool = True    # set upright (not turned, as a vertical cell's sideways digits are)
    doubt: str = ""         # why a reader may see it otherwise (printed faint, or over another character)
    shade: float = 0.0      # how light it is printed on white: 0 black, 1 white (its opacity counted)
    index: int = -1         # its index in PDFium's text page
    drawn_by: int = 0       # on a page with images: the text object that draws it (_key), for the order of drawing
    font: int = 0           # a digit's: the font that draws it (_key)

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
    doubt: str = ""   # a digit on it a reader may see otherwise (_Char.doubt)
    size: float = 0.0   # the font size most of its characters are set in (0: not known)


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    xs: list[float]
    ys: list[float]
    rows: list[list[tuple[str, bool]]]      # (text, spanned)
    doubts: dict = None                     # (row, column), 0-based: why a reader may see the cell otherwise
    cut: bool = False                       # it runs past the page's visible area
    runs_on: list[bool] = field(default_factory=list)   # by column: its last cell runs on past the bottom line


class _Repairs(dict):
    def add(self, code: str, count: int) -> None:
        if count:
            self[code] = self.get(code, 0) + count


@dataclass
class _Reading:
    """What reading a PDF's pages needs and gathers from page to page."""
    method: Method              # the judgement calls: config/method.yaml, pdf_ink, pdf_note_marks, pdf_watermark
    repairs: _Repairs = field(default_factory=_Repairs)     # what was repaired in the text, counted
    unseen: _Repairs = field(default_factory=_Repairs)      # what is not read: hidden and struck-through text
    watermarks: list[str] = field(default_factory=list)     # the watermark's pieces of text, left out
    declared: set = field(default_factory=set)              # the page's objects the PDF declares a watermark
    shapes: list = field(default_factory=list)              # the page's watermark shapes, hidden for the ink check
    images: list = field(default_factory=list)              # the page's own images, in the order they are drawn
    image_at: list = field(default_factory=list)            # each image's place in the page's order of drawing
    faded: dict = field(default_factory=dict)               # text objects in forms drawn translucent: the opacity
    path: Path | None = None                                # the PDF, read again for what PDFium does not give
    content: object = None                                  # its pages' content streams (pypdf), when needed
    canvas: dict = field(default_factory=dict)              # the bitmap the pages are drawn into, one after another
    digit_boxes: dict = field(default_factory=dict)         # by font: its own digits' glyph boxes (_font_digit_boxes)
    digit_shapes: dict = field(default_factory=dict)        # by font, digit and box: how like each digit
    font_names: dict = field(default_factory=dict)          # by font: its name, for a message
    rules: dict = field(default_factory=dict)               # by page: its horizontal ruling lines (a note separator)


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
    reading = _Reading(method_parameters(), path=path)
    try:
        pages = [_read_page(pdf[i], i + 1, reading) for i in range(len(pdf))]
    finally:
        pdf.close()
    if sum(len(lines) + len(tables) for lines, tables, _ in pages) == 0 or \
            sum(len(line.text) for lines, _, _ in pages for line in lines) + \
            sum(len(t) for _, tables, _ in pages for table in tables for row in table.rows for t, _ in row) \
            < MIN_TEXT_CHARS:
        raise InputError(path, None, f"the PDF has no text layer ({len(pages)} pages of images: a scan), so its "
                         "table and text cannot be read",
                         "ask the office for the plan as .docx (or its web page); a scan cannot be read reliably.")
    feet = _page_feet(pages, reading)
    furniture = _drop_furniture(pages, reading.repairs)
    document = _assemble(path, pages, reading.repairs)
    tie_page_feet(document, feet)
    tie_notes_below(document)
    document.hidden, document.struck = reading.unseen.get("hidden", 0), reading.unseen.get("struck", 0)
    document.watermarks = reading.watermarks
    # What a draft marks itself with (plans._no_draft_mark): the first page's lines before the body (its cover), the
    # page headers and footers on every page, and the watermark's text (征求意见稿 across the page), each once.
    document.cover = cover(Line(p.place, p.text) for p in document.paragraphs if p.place.page == 1)
    document.title_marks = list(dict.fromkeys(
        [(f"page header or footer (页眉/页脚), page {line.page}", line.text) for line in furniture]
        + [("watermark (水印)", text) for text in reading.watermarks]))
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

def _read_page(page, number: int, reading: _Reading) -> tuple[list[_Line], list[_Table], float]:
    width, height = page.get_size()
    h_edges, v_edges = _edges(page, width, height, number, reading)
    reading.rules[number] = h_edges
    components = _components(h_edges, v_edges)
    regions = [(min(x for x, _, _ in vs), min(y for y, _, _ in hs), max(x for x, _, _ in vs), max(y for y, _, _ in hs))
               for hs, vs in components]
    chars = _chars(page, number, height, reading)
    _hide_shapes(reading.shapes + _images_over_text(page, chars, number, reading))
    chars = _inked(page, height, chars, regions, reading)
    chars, struck = _not_struck(chars, h_edges, reading.method.struck_band)
    reading.unseen.add("struck", struck)
    _doubt_digit_shapes(page, chars, reading)
    tables, inside = _tables(components, chars, number, reading)
    _mark_cut(page, height, tables)
    lines = _lines([c for i, c in enumerate(chars) if i not in inside], number, reading)
    return lines, tables, height


def _mark_cut(page, height: float, tables: list[_Table]) -> None:
    """A table whose ruling lines run past the page's visible area (its crop box: a page cropped in a PDF editor)
    is cut off: the reader sees part of it, and a cell's text at the edge (2 of 20) would be read as its figure."""
    import pypdfium2.raw as raw
    if raw.FPDFPage_GetRotation(page) != 0:
        return
    box = raw.FS_RECTF()
    if not raw.FPDF_GetPageBoundingBox(page, box):
        return
    for table in tables:
        table.cut = (table.xs[0] < box.left - SNAP or table.xs[-1] > box.right + SNAP
                     or height - table.ys[0] > box.top + SNAP or height - table.ys[-1] < box.bottom - SNAP)


# Text set smaller than this (points) is no text a reader sees: a 9 at 1 pt between 2 and 0 is a speck.
MIN_VISIBLE_SIZE = 1.5


def _chars(page, number: int, height: float, reading: _Reading) -> list[_Char]:
    """The page's characters, without those no reader sees: fully transparent ones (a page's color: transparent,
    printed by the browser as text of alpha 0, with no outline) and those drawn under MIN_VISIBLE_SIZE, counted as
    hidden (a 9 so hidden between 2 and 0 was read 290); nor a watermark's (_without_watermarks). The rest is
    judged by its ink (_inked)."""
    import ctypes

    import pypdfium2.raw as raw
    textpage = page.get_textpage()
    out: list[_Char] = []
    pending_high = None
    replaced: dict[int, bool] = {}
    covers, marks = _annotations(page, number, reading)
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    red, green, blue, alpha, stroke = (ctypes.c_uint() for _ in range(5))
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
        drawn, shade = size, 0.0
        if size < MIN_VISIBLE_SIZE or chr(code).isdigit():
            # the size it is drawn at: its font size scaled by the text's matrix (a 1 pt 1 scaled up twelvefold
            # is a 12 pt 1 a reader sees, and was not read; a digit scaled down to a speck is no digit)
            raw.FPDFText_GetMatrix(textpage, i, matrix)
            drawn = size * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        if not chr(code).isspace():
            filled = raw.FPDFText_GetFillColor(textpage, i, red, green, blue, alpha)
            if drawn < MIN_VISIBLE_SIZE or (filled and alpha.value == 0 and raw.FPDFText_GetStrokeColor(
                    textpage, i, red, green, blue, stroke) and stroke.value == 0):
                reading.unseen.add("hidden", 1)
                continue
            if filled:     # how light it is printed on white: 0 black, 1 white (grey 153 at full opacity: 0.6)
                opacity = alpha.value / 255
                if reading.faded:       # and the opacity of the forms it is drawn in
                    opacity *= reading.faded.get(_key(raw.FPDFText_GetTextObject(textpage, i)), 1.0)
                shade = 1 - opacity + opacity * (0.299 * red.value + 0.587 * green.value + 0.114 * blue.value) / 255
        raw.FPDFText_GetLooseCharBox(textpage, i, box)   # the font's box, not the ink's: 。 sits on its line
        raw.FPDFText_GetCharOrigin(textpage, i, origin_x, origin_y)
        raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        glyph = (left.value, right.value, bottom.value, top.value)
        upright, doubt = _digit_doubt(textpage, i, chr(code), glyph, box.top - box.bottom, covers, replaced) \
            if chr(code).isdigit() else (True, "")
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage, i)) if chr(code) in SHAPED else None
        if chr(code) in ASCII_DIGITS and not doubt:
            doubt = _glyph_doubt(font, chr(code), glyph, (origin_x.value, origin_y.value), matrix, size,
                                 reading.digit_boxes)
        out.append(_Char(chr(code), box.left, box.right, height - box.top, height - box.bottom,
                         height - origin_y.value, size, drawn, glyph, upright, doubt, shade, i,
                         _key(raw.FPDFText_GetTextObject(textpage, i)) if reading.images else 0,
                         _font_key(font, reading) if font else 0))
    _watermark_annotations(page, marks, out, reading)
    out = _without_watermarks(page, textpage, out, reading)
    textpage.close()
    return out


# A watermark (内部资料, a year printed across the page) is no text of the plan: a plan with one is read without
# it, and the cleaning log says what was left out (a draft's, 征求意见稿 2026.03, stops the run:
# plans._no_draft_mark). It is text the PDF itself declares a watermark (_declared_watermarks), or text set in
# at least two of a watermark's ways: turned diagonally (a vertical cell's text is turned a right angle, a
# watermark 30-60°), light (on white, its opacity counted), large (some times the page's text size or more),
# or marked by the PDF as no content of the document (/Artifact of another kind, or of none: a page's header
# or footer is one too). The bounds, with their reasons: config/method.yaml, `pdf_watermark`.
# A character set in one of these ways alone (a grey 1 before 20, a turned digit, a large title) is no watermark:
# it is read, or doubted, like any other. A watermark set like the text (neither large nor turned: a declaration a
# reader does not see) printed over or beside a digit leaves that digit in doubt: a grey 9 at the text's size over
# the 0 of 20, or a 1 just before it, is what a reader sees as part of the figure, whatever the PDF declares.
# A Watermark annotation is drawn over the page, its text not in the text layer.
BESIDE = 0.3     # a watermark's character this close (in the digit's heights) beside a digit on its line adjoins it


def _without_watermarks(page, textpage, chars: list[_Char], reading: _Reading) -> list[_Char]:
    """The characters that are no watermark's (see above). The watermark's pieces of text (its run of characters
    on a page) are added to `watermarks`, and its text objects are set invisible (rendering mode 3; the document
    is never saved): the ink check then sees each character's own ink, not a watermark's grey over a white 9."""
    import pypdfium2.raw as raw
    # how large: by the font's box, as tall as the size it is drawn at (turned, taller)
    heights = sorted(c.bottom - c.top for c in chars if not c.text.isspace())
    method, watermarks, declared = reading.method, reading.watermarks, reading.declared
    large = method.watermark_size * heights[len(heights) // 2] if heights else math.inf
    if not declared and not any(c.bottom - c.top >= large or c.shade >= method.watermark_shade for c in chars):
        return chars
    artifacts: dict[int, bool] = {}
    kept, piece, hidden, like_text = [], [], {}, []
    for ch in chars:
        if ch.text.isspace():
            (piece if piece else kept).append(ch)       # a space inside a watermark's run is the watermark's
            continue
        ways = (ch.bottom - ch.top >= large) + (ch.shade >= method.watermark_shade)
        if ways or declared:            # only text already large or light is looked at further: each call costs
            text_object = raw.FPDFText_GetTextObject(textpage, ch.index)
            angle = raw.FPDFText_GetCharAngle(textpage, ch.index) % (math.pi / 2)
            turned = method.watermark_turn < angle < math.pi / 2 - method.watermark_turn
            if _key(text_object) in declared or (ways and ways + turned + _artifact(text_object, artifacts) >= 2):
                hidden[_key(text_object)] = text_object
                piece.append(ch)
                if not turned and ch.bottom - ch.top < large:
                    like_text.append(ch)
                continue
        if piece:
            watermarks.append("".join(c.text for c in piece).strip())
            piece = []
        kept.append(ch)
    if piece:
        watermarks.append("".join(c.text for c in piece).strip())
    if like_text:       # only what a viewer draws is seen beside a figure: not a layer it hides (/OC switched off)
        like_text = _drawn(page, like_text, [hidden[key] for key in {
            _key(raw.FPDFText_GetTextObject(textpage, ch.index)) for ch in like_text}], reading)
    for text_object in hidden.values():
        raw.FPDFTextObj_SetTextRenderMode(text_object, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
    _doubt_digits_by(like_text, kept, method.overprinted)
    return kept


def _drawn(page, chars: list[_Char], objects: list, reading: _Reading) -> list[_Char]:
    """The characters (of the text `objects`) a viewer draws: where each stands, the page drawn with the objects
    differs from the page drawn without them (set invisible; the document is never saved) by pdf_ink.no_ink or
    more. Text in an optional-content layer the viewer hides (/OC, switched off in /OCProperties, as a watermark
    layer may be) is in PDFium's text layer, but drawn nowhere."""
    import numpy as np
    import pypdfium2.raw as raw
    to_pixels, rows, columns = _page_to_pixels(page)
    boxes = np.array([c.glyph for c in chars])                           # left, right, bottom, top
    xs, ys = _mapped(to_pixels, boxes[:, [0, 0, 1, 1]], boxes[:, [2, 3, 2, 3]])
    x0 = np.clip(np.floor(xs.min(axis=1)), 0, columns).astype(int)
    x1 = np.clip(np.ceil(xs.max(axis=1)), 0, columns).astype(int)
    y0 = np.clip(np.floor(ys.min(axis=1)), 0, rows).astype(int)
    y1 = np.clip(np.ceil(ys.max(axis=1)), 0, rows).astype(int)
    clips = list(zip(x0, y0, x1, y1))
    shown = _rendered(page, reading.canvas, rows, columns, clips).copy()
    for text_object in objects:
        raw.FPDFTextObj_SetTextRenderMode(text_object, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
    unshown = _rendered(page, reading.canvas, rows, columns, clips).astype(int)
    return [ch for ch, left, top, right, bottom in zip(chars, x0, y0, x1, y1) if bottom > top and right > left and
            np.abs(shown[top:bottom, left:right] - unshown[top:bottom, left:right]).max() >= reading.method.no_ink]


def _doubt_digits_by(marks: list[_Char], chars: list[_Char], share: float) -> None:
    """A digit with a watermark's character set like the text printed over it (sharing more than `share` of the
    smaller glyph's box) or just beside it on its line is in doubt: a reader sees that character as the figure's."""
    for digit in (c for c in chars if c.text.isdigit()) if marks else ():
        size = max(digit.bottom - digit.top, 1)
        for mark in marks:
            left, right = max(digit.glyph[0], mark.glyph[0]), min(digit.glyph[1], mark.glyph[1])
            low, high = max(digit.glyph[2], mark.glyph[2]), min(digit.glyph[3], mark.glyph[3])
            areas = [(g[1] - g[0]) * (g[3] - g[2]) for g in (digit.glyph, mark.glyph)]
            if right > left and high > low and (right - left) * (high - low) > share * min(areas):
                digit.doubt = digit.doubt or (f"the watermark's '{mark.text}' {PRINTED_OVER} '{digit.text}', set like "
                                              "the plan's own text (only the PDF declares it a watermark)")
                break
            if abs(mark.baseline - digit.baseline) < BESIDE * size and \
                    max(mark.x0 - digit.x1, digit.x0 - mark.x1) < BESIDE * size:
                digit.doubt = digit.doubt or (f"the watermark's '{mark.text}' is set just beside '{digit.text}', like "
                                              "the plan's own text (only the PDF declares it a watermark)")
                break


def _key(handle) -> int:
    """A PDFium handle as a number, to know it again."""
    import ctypes
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _artifact(text_object, known: dict[int, bool]) -> bool:
    """The text object is in marked content /Artifact."""
    import ctypes

    import pypdfium2.raw as raw
    key = _key(text_object)
    if key not in known:
        name, length = (ctypes.c_ushort * 16)(), ctypes.c_ulong()
        known[key] = any(
            raw.FPDFPageObjMark_GetName(raw.FPDFPageObj_GetMark(text_object, m), name, ctypes.sizeof(name), length)
            and bytes(name)[:length.value].decode("utf-16-le").rstrip("\0") == "Artifact"
            for m in range(max(raw.FPDFPageObj_CountMarks(text_object), 0)))
    return known[key]


def _digit_doubt(textpage, i: int, digit: str, glyph: tuple, size: float, covers: list[tuple],
                 replaced: dict) -> tuple:
    """Whether the digit is set upright, and why a reader may see it otherwise: turned (vertical text), given by
    an ActualText, or under or beside an annotation. (Only a figure's digits are looked at so closely: each call
    costs.)"""
    import pypdfium2.raw as raw
    angle = raw.FPDFText_GetCharAngle(textpage, i)
    upright = min(angle, 2 * math.pi - angle) < 0.05
    cover = _cover(glyph, size, covers)
    if cover:
        return upright, _covered(digit, cover)
    if _replaced(raw.FPDFText_GetTextObject(textpage, i), replaced):
        return upright, (f"'{digit}' is the PDF's replacement text (ActualText), given for what is printed there, "
                         "which need not be the same")
    if not upright:
        return upright, f"'{digit}' is set turned (vertical or rotated text), whose order is not read for sure"
    return upright, ""


# A digit's glyph must be the digit the text layer says. The text layer's characters come from the font's ToUnicode
# map, which may lie (a hostile edit swapping 1 and 4: the page shows 40, the text reads 10) or be broken (some
# converters' CJK PDFs); the glyph drawn comes from the font program. Where the embedded font program has its own
# character table (cmap) and outlines (glyf: TrueType, as Chromium's prints embed), the glyph box PDFium measures
# for the digit drawn is compared with the box of the glyph the font's own table gives for the digit the text layer
# says, placed at the character's origin by its matrix. Measured (em): the font's own digit 0.011 at most on
# Chromium's prints of the seeds (64 and 593 digits), a 1 drawn as 4 and a 4 as 1 0.061 (each 0.011 from the digit
# shown). A digit the font's own table does not map (Chromium's subsets may leave out one, as 4 in the tests' plan)
# is in doubt when its glyph has the box of another digit the table maps. Fonts without a Unicode cmap or a glyf
# table (LibreOffice's simple TrueType and Type 1 subsets) are not checked: there is no certain evidence to compare
# with. Nor is a swap of two digits whose boxes are alike (6 and 9 in some fonts).
GLYPH_BOX_TOLERANCE = 0.03      # of the size drawn at: a glyph's box farther from the digit's is not the digit's glyph


def _glyph_doubt(font, digit: str, glyph: tuple, origin: tuple, matrix, size: float, known: dict) -> str:
    """Why the digit is in doubt: its glyph is not the font's own glyph for it (see above), or ""."""
    boxes = _font_digit_boxes(font, known)
    if not boxes or size <= 0:
        return ""
    scale = size * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    if scale <= 0:
        return ""

    def off(box: tuple) -> float:       # how far the glyph's box is from the font's `box`, placed as drawn
        x0, x1, y0, y1 = (v * size for v in box)
        xs = [origin[0] + matrix.a * x + matrix.c * y for x in (x0, x1) for y in (y0, y1)]
        ys = [origin[1] + matrix.b * x + matrix.d * y for x in (x0, x1) for y in (y0, y1)]
        return max(abs(a - b) for a, b in zip(glyph, (min(xs), max(xs), min(ys), max(ys)))) / scale

    if digit in boxes and off(boxes[digit]) <= GLYPH_BOX_TOLERANCE:
        return ""
    nearest = min(boxes, key=lambda d: off(boxes[d]))
    if off(boxes[nearest]) <= GLYPH_BOX_TOLERANCE:
        drawn = f"the glyph drawn there is the font's '{nearest}'"
    elif digit in boxes:
        drawn = f"the glyph drawn there is not the font's '{digit}'"
    else:       # a digit the font's own table does not map, drawn with a glyph like none of its digits: no evidence
        return ""
    return (f"the PDF's text layer says '{digit}', but {drawn} (the font's ToUnicode map and its own character "
            "table disagree: the page shows another figure than the text reads)")


def _font_digit_boxes(font, known: dict) -> dict[str, tuple]:
    """The font program's own glyph boxes (left, right, bottom, top, in ems) of the digits its character table
    (cmap) maps, by digit; {} where the font is not embedded as TrueType with a Unicode cmap (see above)."""
    import ctypes
    import io

    import pypdfium2.raw as raw
    key = _key(font)
    if key in known:
        return known[key]
    known[key] = boxes = {}
    length = ctypes.c_size_t()
    if not font or not raw.FPDFFont_GetFontData(font, None, 0, length) or not 12 < length.value < 50_000_000:
        return boxes
    data = (ctypes.c_uint8 * length.value)()
    if not raw.FPDFFont_GetFontData(font, data, length.value, length):
        return boxes
    try:
        from fontTools.ttLib import TTFont
        program = TTFont(io.BytesIO(bytes(data)), lazy=True)
        if "cmap" not in program or "glyf" not in program or "head" not in program:
            return boxes
        names, em, outlines = program["cmap"].getBestCmap() or {}, program["head"].unitsPerEm, program["glyf"]
        for digit in "0123456789":
            name = names.get(ord(digit))
            if name is None or name not in outlines:
                continue
            outline = outlines[name]
            if outline.numberOfContours == 0:
                continue
            outline.recalcBounds(outlines)
            boxes[digit] = (outline.xMin / em, outline.xMax / em, outline.yMin / em, outline.yMax / em)
    except Exception:       # a font program fontTools cannot read gives no evidence either way
        boxes.clear()
    return boxes


# What a digit's glyph looks like must be the digit the text layer says, in every font: the comparison of boxes
# above needs the font's own table, which a Type 3 font (its glyphs drawing procedures: Chromium's prints of a page
# set in Noto Sans CJK), a CFF or Type 1 subset or a TrueType subset without a Unicode cmap (LibreOffice's) do not
# have, and a forger may edit. So each digit's glyph, once for each font, digit and glyph box, is drawn alone at
# SHAPE_PIXELS and compared with the digits of reference fonts (digit_shapes.py). The glyph is in doubt where
# another digit, at least SHAPE_FLOOR like it, is liker than the digit said by SHAPE_MARGIN or more; and, in a font
# without its own table, where it is less than SHAPE_FLOOR like the digit said (it cannot be checked). Measured
# (correlation, 2026-12-07): on 41 honest prints (the four test plans' and the 十五五 page's, by Chromium in its
# default fonts, DejaVu Serif and Serif Italic, Noto Sans CJK light to bold, Noto Serif CJK and its black, Noto Sans
# Mono CJK, and by LibreOffice; 860 glyphs) the digit said was the likest, 0.71 like at least (DejaVu Serif Bold
# Italic's 0); on the same prints with two digits swapped in the ToUnicode maps (1-4, 6-9, 3-8, 1-7, 0-5, 2-7, 0-1,
# 5-6: 1,244 glyphs of 328 prints) the digit drawn was the likest, by 0.098 at least (DejaVu Serif Bold Italic's 1
# said to be 4) and 0.71 like at least, and the 302 prints whose figures changed all stopped. A 县 said to be 1 was
# 0.56 and 0.69 like its likest digit. The cost: a few dozen glyphs drawn for a plan (1-15 ms each), +0.03 s on
# Anji's 13 pages, and 0.1 s once for the reference digits. A font forged to draw two glyphs with one box for one
# digit is checked by the first drawn.
SHAPED = ASCII_DIGITS | set("０１２３４５６７８９")
SHAPE_PIXELS = 48       # a digit's glyph is drawn this many pixels across its longer side
SHAPE_BORDER = 2        # pixels drawn around the glyph's box: its background
SHAPE_MARGIN = 0.05     # another digit this much liker (correlation) than the digit said: the glyph is that digit
SHAPE_FLOOR = 0.6       # a glyph less like the digit said, in a font without its own table, cannot be checked


def _font_key(font, reading: _Reading) -> int:
    """The font's key (_key), the font named for a message: by its name (without a subset's prefix), or as a Type 3
    font (embedded, with no font program: its glyphs are drawn by the PDF's own procedures)."""
    import ctypes

    import pypdfium2.raw as raw
    key = _key(font)
    if key not in reading.font_names:
        name, length = ctypes.create_string_buffer(128), ctypes.c_size_t()
        getter = getattr(raw, "FPDFFont_GetBaseFontName", None) or getattr(raw, "FPDFFont_GetFontName", None)
        named = name.value.decode("latin-1").split("+")[-1] if getter and getter(font, name, len(name)) else ""
        reading.font_names[key] = f"in the font {named}" if named else \
            "in a Type 3 font (its glyphs drawn by the PDF itself)" if raw.FPDFFont_GetIsEmbedded(font) == 1 and \
            raw.FPDFFont_GetFontData(font, None, 0, length) and length.value == 0 else "in a font without a name"
    return key


def _doubt_digit_shapes(page, chars: list[_Char], reading: _Reading) -> None:
    """A digit (not already in doubt) whose glyph looks like another digit, or, in a font without its own table,
    like no digit: see above. Every glyph of the page is drawn first, so that each is judged beside the font's own
    digits seen so far (_shape_doubt)."""
    from helpers.extract.documents.digit_shapes import likeness
    drawn = []
    for ch in chars:
        if not ch.font or ch.doubt or not ch.upright or ch.drawn <= 0:
            continue
        width, height = ch.glyph[1] - ch.glyph[0], ch.glyph[3] - ch.glyph[2]
        if width <= 0 or height <= 0:
            continue
        key = (ch.font, str(int(ch.text)), round(width / ch.drawn, 2), round(height / ch.drawn, 2))
        if key not in reading.digit_shapes:
            reading.digit_shapes[key] = likeness(_glyph_ink(page, ch.glyph))
        drawn.append((ch, key))
    for ch, key in drawn:
        ch.doubt = _shape_doubt(key, reading)


def _shape_doubt(key: tuple, reading: _Reading) -> str:
    """Why the digit said by glyph `key` (font, digit said, box) is in doubt, its glyph as like each digit as its
    scores: see above. A glyph liker another digit than the one said is not that digit where the same font draws
    that digit, as said, likelier by SHAPE_MARGIN: the font's own digits are the better reference (an odd 1 that is
    0.80 like the reference 4s, beside the font's own 4 at 0.98). A map that swaps two digits leaves the glyph said
    to be the other digit less like it, and a font that draws one digit twice (two glyphs of one shape, said to be
    two digits) leaves them equally like it, so both still stop."""
    font, said = key[0], key[1]
    scores = reading.digit_shapes[key]
    if scores is None:
        return ""
    name = reading.font_names[font]
    drawn = max(scores, key=scores.get)
    if drawn != said and scores[drawn] >= SHAPE_FLOOR and scores[drawn] - scores[said] >= SHAPE_MARGIN and not any(
            other[0] == font and other[1] == drawn and rival and rival[drawn] - scores[drawn] >= SHAPE_MARGIN
            for other, rival in reading.digit_shapes.items()):
        return (f"the PDF's text layer says '{said}', but the glyph drawn there {name} looks like '{drawn}' (the "
                "font's ToUnicode map and the glyph it draws disagree: the page shows another figure than the text "
                "reads)")
    if scores[said] < SHAPE_FLOOR and not reading.digit_boxes.get(font):
        return (f"the PDF's text layer says '{said}', but the glyph drawn there {name} looks like no digit, and the "
                "font has no table of its own to check it by: the page may show another figure than the text reads")
    return ""


def _glyph_ink(page, glyph: tuple):
    """The page drawn within the glyph's box (left, right, bottom, top, page space) and SHAPE_BORDER pixels around
    it, at SHAPE_PIXELS across its longer side, turned upright as the page is shown: rows from the top, how far each
    pixel is from the background's colour (the median of the border's; a cell may be shaded), 0 to 1."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as raw
    scale = min(SHAPE_PIXELS / max(glyph[1] - glyph[0], glyph[3] - glyph[2]), 100.0)
    to_pixels, rows, columns = _page_to_pixels(page, scale)
    xs, ys = _mapped(to_pixels, np.array(glyph)[[0, 0, 1, 1]], np.array(glyph)[[2, 3, 2, 3]])
    left, top = math.floor(xs.min()) - SHAPE_BORDER, math.floor(ys.min()) - SHAPE_BORDER
    right, bottom = math.ceil(xs.max()) + SHAPE_BORDER, math.ceil(ys.max()) + SHAPE_BORDER
    stride = ((right - left) * 3 + 3) // 4 * 4
    buffer = np.empty((bottom - top) * stride, dtype=np.uint8)
    bitmap = raw.FPDFBitmap_CreateEx(right - left, bottom - top, raw.FPDFBitmap_BGR,
                                     ctypes.c_void_p(buffer.ctypes.data), stride)
    try:
        raw.FPDFBitmap_FillRect(bitmap, 0, 0, right - left, bottom - top, 0xFFFFFFFF)
        raw.FPDF_RenderPageBitmap(bitmap, page, -left, -top, columns, rows, 0, raw.FPDF_ANNOT)
    finally:
        raw.FPDFBitmap_Destroy(bitmap)
    pixels = buffer.reshape(bottom - top, stride)[:, :(right - left) * 3].reshape(bottom - top, right - left, 3)
    pixels = pixels.astype(float)
    if abs(to_pixels[0, 0]) < abs(to_pixels[1, 0]):     # a page turned a quarter: the page's x runs down the rows
        pixels, to_pixels = pixels.transpose(1, 0, 2), to_pixels[::-1]
    if to_pixels[0, 0] < 0:
        pixels = pixels[:, ::-1]
    if to_pixels[1, 1] > 0:
        pixels = pixels[::-1]
    edges = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return np.abs(pixels - np.median(edges, axis=0)).max(axis=2) / 255


# Annotations that mark text without hiding it (a highlight, an underline) or are no drawing (a link, a popup).
SEE_THROUGH_ANNOTATIONS = {"LINK", "POPUP", "HIGHLIGHT", "UNDERLINE", "SQUIGGLY"}
# Annotations that show text, whether or not they carry their own appearance (a viewer draws a comment's or a form
# field's text itself); any other shows text when its appearance draws text or an image
SHOWING_TEXT = {"FREETEXT", "WIDGET"}
ANNOTATION_KINDS = ["TEXT", "LINK", "FREETEXT", "LINE", "SQUARE", "CIRCLE", "POLYGON", "POLYLINE", "HIGHLIGHT",
                    "UNDERLINE", "SQUIGGLY", "STRIKEOUT", "STAMP", "CARET", "INK", "POPUP", "FILEATTACHMENT", "SOUND",
                    "MOVIE", "WIDGET", "SCREEN", "PRINTERMARK", "TRAPNET", "WATERMARK", "THREED", "RICHMEDIA",
                    "XFAWIDGET", "REDACT"]


def _cover(glyph: tuple, size: float, covers: list[tuple]) -> str | None:
    """The kind of the first annotation (`covers`: left, right, bottom, top, kind, shows text) lying over the
    digit's glyph (left, right, bottom, top), or, if it shows text, just beside it on its line: within BESIDE of
    the digit's `size` (its line's height) to its left or right. A comment's, a stamp's or a form field's 1 set in
    the blank before 20 is what a reader sees as the figure's first digit (120), and it is in no text layer; a
    white-out box beside the 2 (over a 1 it hides) shows none."""
    left, right, bottom, top = glyph
    return next((kind for a, b, c, d, kind, text in covers
                 if a < right + BESIDE * size * text and left - BESIDE * size * text < b and c < top and bottom < d),
                None)


def _covered(digit: str, cover: str) -> str:
    if cover.endswith(IN_A_LAYER_OFF):
        return (f"'{digit}' has an annotation ({cover}) over it or just beside it: Acrobat and poppler do not show "
                "it, PDFium (the viewer of Chrome, Edge and the browsers built on them) does: what a reader sees there "
                "depends on the viewer")
    return (f"'{digit}' has an annotation ({cover}: a comment, stamp, watermark or form field a PDF editor adds) "
            "over it or just beside it: what a viewer shows there is the annotation's, which is not read")


IN_A_LAYER_OFF = "in a layer the PDF switches off"


def _annotations(page, number: int, reading: _Reading) -> tuple[list[tuple], list[tuple]]:
    """The boxes (left, right, bottom, top) of the page's annotations a viewer draws over the text, and their
    kinds. PDFium does not draw every kind (a FreeText comment without its own appearance: poppler shows its 25
    over the 20 PDFium reads), so a digit under or beside one is not read for sure. And its Watermark annotations,
    judged by _watermark_annotations: (index, box, text, [(height, turned) of each text its appearance draws]).
    An annotation in an optional-content layer (/OC) not shown for sure (_layer_shown: switched off, as a PDF
    editor hides a layer of comments) is drawn by PDFium, which Chrome and Edge show PDFs with, and not by Acrobat
    or poppler: a white-out square in a switched-off layer over the 1 of 120 hid it from PDFium's ink check (read
    20; poppler draws 120). It is hidden for the ink check (the document is never saved), so that what is under it
    is judged as Acrobat shows it, and a digit under or beside it is in doubt."""
    import ctypes

    import pypdfium2.raw as raw
    turn = reading.method.watermark_turn
    kinds = {getattr(raw, f"FPDF_ANNOT_{name}"): name for name in ANNOTATION_KINDS}
    covers, watermarks = [], []
    rect = raw.FS_RECTF()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(raw.FPDFPage_GetAnnotCount(page)):
        annotation = raw.FPDFPage_GetAnnot(page, index)
        try:
            kind = kinds.get(raw.FPDFAnnot_GetSubtype(annotation), "UNKNOWN")
            flags = raw.FPDFAnnot_GetFlags(annotation)
            if flags & (raw.FPDF_ANNOT_FLAG_HIDDEN | raw.FPDF_ANNOT_FLAG_NOVIEW):
                continue
            if kind in SEE_THROUGH_ANNOTATIONS or not raw.FPDFAnnot_GetRect(annotation, rect):
                continue
            box = (min(rect.left, rect.right), max(rect.left, rect.right), min(rect.bottom, rect.top),
                   max(rect.bottom, rect.top))
            if kind == "WATERMARK":
                length = raw.FPDFAnnot_GetStringValue(annotation, b"Contents", None, 0)
                text = (ctypes.c_ushort * max(length // 2, 1))()
                raw.FPDFAnnot_GetStringValue(annotation, b"Contents", text, length)
                texts = []
                for k in range(raw.FPDFAnnot_GetObjectCount(annotation)):
                    drawn = raw.FPDFAnnot_GetObject(annotation, k)
                    if raw.FPDFPageObj_GetType(drawn) == raw.FPDF_PAGEOBJ_TEXT and \
                            raw.FPDFPageObj_GetBounds(drawn, left, bottom, right, top):
                        texts.append((top.value - bottom.value, _turned(drawn, turn)))
                watermarks.append((index, box, bytes(text)[:max(length - 2, 0)].decode("utf-16-le", "replace"),
                                   texts))
            else:
                shows_text = kind in SHOWING_TEXT or any(
                    raw.FPDFPageObj_GetType(raw.FPDFAnnot_GetObject(annotation, k)) in
                    (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE)
                    for k in range(raw.FPDFAnnot_GetObjectCount(annotation)))
                if raw.FPDFAnnot_HasKey(annotation, b"OC") and not _layer_shown(number, index, reading):
                    raw.FPDFAnnot_SetFlags(annotation, flags | raw.FPDF_ANNOT_FLAG_HIDDEN)
                    kind = f"{kind}, {IN_A_LAYER_OFF}"
                covers.append((*box, kind, shows_text))
        finally:
            raw.FPDFPage_CloseAnnot(annotation)
    return covers, watermarks


def _layer_shown(number: int, index: int, reading: _Reading) -> bool:
    """Whether the page's annotation `index` (in its /Annots), which names an optional-content layer (/OC), is shown
    for sure: its layer (an /OCG), or the layers its membership (an /OCMD) names by its policy (/P), on in the PDF's
    default configuration (/OCProperties /D: /BaseState, /ON, /OFF). Not for sure where the PDF also switches
    layers by use (/AS: on printing, say), where the membership is an expression (/VE), or where pypdf cannot read
    the page (PDFium gives no layers)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, IndirectObject
    try:
        if reading.content is None:
            reading.content = PdfReader(str(reading.path))
        annotation = reading.content.pages[number - 1]["/Annots"][index].get_object()
        properties = reading.content.trailer["/Root"]["/OCProperties"].get_object()
        default = properties["/D"].get_object()
        if "/AS" in default:
            return False
        on = {ref.idnum for ref in default.get("/ON", []) if isinstance(ref, IndirectObject)}
        off = {ref.idnum for ref in default.get("/OFF", []) if isinstance(ref, IndirectObject)}
        base_on = default.get("/BaseState", "/ON") != "/OFF"

        def shown(group) -> bool:
            if not isinstance(group, IndirectObject):
                return False
            return group.idnum not in off if base_on else group.idnum in on

        layer = annotation.raw_get("/OC")
        found = layer.get_object()
        if found.get("/Type") != "/OCMD":
            return shown(layer)
        if "/VE" in found:
            return False
        groups = found.raw_get("/OCGs") if "/OCGs" in found else ArrayObject()
        groups = groups.get_object() if isinstance(groups, IndirectObject) and \
            isinstance(groups.get_object(), ArrayObject) else groups
        states = [shown(group) for group in (groups if isinstance(groups, ArrayObject) else [groups])]
        policy = found.get("/P", "/AnyOn")
        return not states or {"/AllOn": all(states), "/AnyOff": not all(states),
                              "/AllOff": not any(states)}.get(policy, any(states))
    except Exception:       # pypdf's errors are many (DependencyError, PdfReadError, KeyError on a broken page)
        return False


def _watermark_annotations(page, marks: list[tuple], chars: list[_Char], reading: _Reading) -> None:
    """The page's Watermark annotations (`marks`, from _annotations). One whose appearance draws its text large or
    turned (or draws no text) is a watermark a reader sees as one: its text is added to the watermarks left out,
    and it is hidden for the ink check (the document is never saved), so that each character is judged by its own
    ink, not the watermark's grey over it. One that draws text set like the page's own (neither large nor turned:
    a 1 at the text's size in the blank before 20, which a viewer shows as 120) is read as no watermark but as any
    annotation over or beside a digit: the digit is in doubt."""
    import pypdfium2.raw as raw
    if not marks:
        return
    heights = sorted(c.bottom - c.top for c in chars if not c.text.isspace())
    large = reading.method.watermark_size * heights[len(heights) // 2] if heights else math.inf
    for index, box, text, texts in marks:
        if any(height < large and not turned for height, turned in texts):
            kind = "WATERMARK set like the text"
            for ch in chars:
                if ch.text.isdigit() and not ch.doubt and _cover(ch.glyph, ch.bottom - ch.top, [(*box, kind, True)]):
                    ch.doubt = _covered(ch.text, kind)
            continue
        reading.watermarks.append(text)
        annotation = raw.FPDFPage_GetAnnot(page, index)
        try:
            raw.FPDFAnnot_SetFlags(annotation, raw.FPDFAnnot_GetFlags(annotation) | raw.FPDF_ANNOT_FLAG_HIDDEN)
        finally:
            raw.FPDFPage_CloseAnnot(annotation)


def _replaced(text_object, known: dict[int, bool]) -> bool:
    """The text object is inside marked content with an ActualText: PDFium then gives that text for its
    characters, not the printed glyphs' (a printed 1 under ActualText 9 was read 9)."""
    import ctypes

    import pypdfium2.raw as raw
    key = _key(text_object)
    if key not in known:
        length = ctypes.c_ulong()
        known[key] = any(
            raw.FPDFPageObjMark_GetParamStringValue(raw.FPDFPageObj_GetMark(text_object, m), b"ActualText", None, 0,
                                                    length)
            for m in range(max(raw.FPDFPageObj_CountMarks(text_object), 0)))
    return known[key]


# Whether a character is seen is decided by the ink it leaves on the page as a viewer draws it, not by the colour
# its text declares: text is hidden by a soft mask's opacity (which PDFium does not report), by a colour that is
# its background's, by a rectangle or an annotation drawn over it, by a clipping path, by rendering mode 3
# (invisible), or by standing outside the page's crop box. (Chromium prints white text grey unless backgrounds are
# printed: that grey is seen, and read.) Where a figure is read from (a line with a digit, a ruled table) the page
# is rendered, INK_SCALE pixels a point, and a character's contrast is the largest difference, in red, green or
# blue, between two pixels in its glyph's columns across its line's height (its cost: docs/data.md, "The PDF
# library, measured").
# What contrast is no ink, and what too faint to tell, are judgement calls: config/method.yaml, `pdf_ink`.
INK_SCALE = 2.0


def _inked(page, height: float, chars: list[_Char], regions: list[tuple], reading: _Reading) -> list[_Char]:
    """The characters that leave ink on the page. Those that leave none are unseen: counted, not read.
    Those that leave too little to tell are kept, with a doubt (a figure with one is refused). Only what a figure
    is read from is looked at: the lines with a digit, and the ruled regions (`regions`: left, top, right, bottom)
    a table is read from, whatever is in them (a hidden 万 or word changes a figure too)."""
    import numpy as np
    glyphs = [c for c in chars if not c.text.isspace()]
    lines = _baselines(glyphs)
    checked = np.zeros(len(glyphs), dtype=bool)
    for members in lines:
        if any(glyphs[i].text.isdigit() for i in members):
            checked[members] = True
    centres = np.array([(c.cx, c.cy) for c in glyphs]).reshape(-1, 2)
    for left, top, right, bottom in regions:
        checked |= (centres[:, 0] >= left) & (centres[:, 0] <= right) & (centres[:, 1] >= top) & \
            (centres[:, 1] <= bottom)
    if not checked.any():
        return chars
    contrast = _contrast(page, height, glyphs, lines, checked, regions, reading.canvas)
    by_glyph = {id(ch): int(value) for ch, value in zip(glyphs, contrast)}
    kept: list[_Char] = []
    blanks: list[_Char] = []
    for ch in chars:
        value = by_glyph.get(id(ch), 255)
        if value < reading.method.no_ink:
            reading.unseen.add("hidden", 1)
            blanks.append(ch)
            continue
        if value < reading.method.faint:
            ch.doubt = (f"'{ch.text}' is printed so faint (a contrast of {value} of 255 with what is around it, under "
                        f"config/method.yaml's pdf_ink.faint, {reading.method.faint}; black text at 10% opacity "
                        "measures 25) that a reader may see it or not")
        kept.append(ch)
    _close_blanks(kept, blanks)
    return _overprinted(kept, reading.method.overprinted, reading.method.watermark_shade)


def _contrast(page, height: float, glyphs: list[_Char], lines: list, checked, regions: list[tuple], canvas: dict):
    """Each glyph's contrast (0–255): the largest difference, in blue, green or red, between two pixels in its
    columns across its line's height, on the page drawn where the `checked` glyphs and the `regions` are (255, as
    if seen, for the glyphs not checked; 0 for one off the page)."""
    import numpy as np
    to_pixels, rows, columns = _page_to_pixels(page)
    boxes = np.array([c.glyph for c in glyphs])                          # left, right, bottom, top
    xs, ys = _mapped(to_pixels, boxes[:, [0, 0, 1, 1]], boxes[:, [2, 3, 2, 3]])
    # the pixels whose centre is in the glyph's box, at least one column: not its neighbours' anti-aliased edges
    x0 = np.clip(np.rint(xs.min(axis=1)), 0, columns).astype(int)
    x1 = np.clip(np.maximum(np.rint(xs.max(axis=1)), x0 + 1), 0, columns).astype(int)
    y0 = np.clip(np.floor(ys.min(axis=1)), 0, rows).astype(int)
    y1 = np.clip(np.ceil(ys.max(axis=1)), 0, rows).astype(int)
    clips = []
    for left, top, right, bottom in regions:
        rx, ry = _mapped(to_pixels, np.array([left, right, left, right]),
                         np.array([height - top, height - top, height - bottom, height - bottom]))
        clips.append((rx.min(), ry.min(), rx.max(), ry.max()))
    for members in lines:
        index = [i for i in members if checked[i]]
        if index:
            clips.append((x0[index].min(), y0[index].min(), x1[index].max(), y1[index].max()))
    pixels = _rendered(page, canvas, rows, columns, clips)
    contrast = np.where(checked, 0, 255)
    for members in lines:
        index = np.array(members)
        index = index[checked[index] & (x1[index] > x0[index]) & (x0[index] < columns) & (y1[index] > y0[index])]
        if not len(index):
            continue
        band = pixels[y0[index].min():y1[index].max()]
        # each column's lightest and darkest pixel, then each glyph's columns; a last column repeated so that a
        # glyph ending at the page's edge has an end to cut at
        high, low = band.max(axis=0), band.min(axis=0)
        high, low = np.vstack([high, high[-1:]]), np.vstack([low, low[-1:]])
        cuts = np.ravel(np.column_stack([x0[index], x1[index]]))
        most = np.maximum.reduceat(high, cuts, axis=0)[::2].astype(int)
        least = np.minimum.reduceat(low, cuts, axis=0)[::2].astype(int)
        contrast[index] = (most - least).max(axis=1)
    return contrast


def _mapped(matrix, x, y):
    """Points of PDF page space as the bitmap's columns and rows."""
    return (matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2], matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2])


def _close_blanks(kept: list[_Char], blanks: list[_Char]) -> None:
    """The blank an unseen character leaves in its line is no gap between words (2, a blank, 0 reads 20): the
    character before it on its line is taken to reach over it. (Found by bisection: a page may hide thousands.)"""
    chars = kept + blanks
    for line in _baselines(chars):
        ends = sorted((chars[i].x1, i) for i in line if i < len(kept))    # the seen characters, by where they end
        runs: list[list] = []       # unseen characters side by side: one blank (size, x0, x1)
        for blank in sorted((chars[i] for i in line if i >= len(kept)), key=lambda c: c.x0):
            if runs and blank.x0 <= runs[-1][2] + 0.5:
                runs[-1][2] = max(runs[-1][2], blank.x1)
            else:
                runs.append([max(blank.size, 1), blank.x0, blank.x1])
        for size, x0, x1 in runs:
            # the seen character that ends last from half a character before the blank to its start
            found = bisect_right(ends, (x0 + 0.5, len(chars))) - 1
            if found >= 0 and ends[found][0] >= x0 - 0.5 * size:
                before = chars[ends[found][1]]
                before.x1 = max(before.x1, x1)


OVERPRINT_CHUNK = 500   # digits compared at a time (the pairs to compare are held in memory together)
PRINTED_OVER = "is printed over"


def _overprinted(chars: list[_Char], share: float, light: float) -> list[_Char]:
    """Digits printed over other characters (their glyphs' boxes sharing more than `share` of the smaller's). The same
    digit twice in one place (bold as some programs make it, printing it twice, perhaps a little apart or in another
    font) is read once: 2200 was read for 20. A digit and another character over one another (a 9 made invisible and
    set over the 0 of 20, whose ink then shows through it) cannot be told apart, and both are marked a doubt; one
    printed `light` or lighter (pdf_watermark.shade) is said to be: a watermark set at the text's size and upright
    is light in no other of a watermark's ways, and is not left out. Only digits are compared, with the glyphs
    whose columns they share (numpy: a page has a thousand characters)."""
    import numpy as np
    glyphs = [c for c in chars if c.glyph and not c.text.isspace()]
    digits = np.array([i for i, c in enumerate(glyphs) if c.text.isdigit()], dtype=int)
    if not len(digits):
        return chars
    box = np.array([c.glyph for c in glyphs])                    # left, right, bottom, top
    area = (box[:, 1] - box[:, 0]) * (box[:, 3] - box[:, 2])
    order = np.argsort(box[:, 0], kind="stable")
    lefts = box[order, 0]
    widest = float((box[:, 1] - box[:, 0]).max())
    pairs = []
    for start in range(0, len(digits), OVERPRINT_CHUNK):
        chunk = digits[start:start + OVERPRINT_CHUNK]
        low = np.searchsorted(lefts, box[chunk, 0] - widest, "left")
        high = np.searchsorted(lefts, box[chunk, 1], "left")
        counts = high - low
        # every (digit, glyph) pair to compare: each digit repeated once for each glyph in its range low:high of
        # `order`, and those ranges laid end to end (an arange restarted at each range's start)
        one = np.repeat(chunk, counts)
        other = order[np.repeat(low, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)]
        across = np.minimum(box[one, 1], box[other, 1]) - np.maximum(box[one, 0], box[other, 0])
        up = np.minimum(box[one, 3], box[other, 3]) - np.maximum(box[one, 2], box[other, 2])
        smaller = np.minimum(area[one], area[other])
        hit = (one != other) & (across > 0) & (up > 0) & (smaller > 0)
        hit[hit] = across[hit] * up[hit] > share * smaller[hit]
        pairs += zip(one[hit].tolist(), other[hit].tolist())
    dropped: set[int] = set()
    for i, j in sorted(pairs):
        if i in dropped or j in dropped:
            continue
        if glyphs[i].text == glyphs[j].text:
            dropped.add(max(i, j))             # printed twice: the first kept
            continue
        for one, two in ((glyphs[i], glyphs[j]), (glyphs[j], glyphs[i])):
            one.doubt = one.doubt or f"'{one.text}' {PRINTED_OVER} '{two.text}'" + next(
                (f" (the '{c.text}' printed light, as a watermark set at the text's size would be, which cannot be "
                 "told from the plan's own text)" for c in (two, one) if c.shade >= light), "")
    gone = {id(glyphs[i]) for i in dropped}
    return [ch for ch in chars if id(ch) not in gone]


def _page_to_pixels(page, scale: float = INK_SCALE):
    """The matrix that takes a point in PDF page space (x, y, 1) to the page's bitmap's column and row (its crop
    box, rotation and `scale`, pixels a point, as PDFium maps them), and the bitmap's rows and columns."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as raw
    columns = math.ceil(page.get_width() * scale)
    rows = math.ceil(page.get_height() * scale)
    x, y = ctypes.c_int(), ctypes.c_int()
    mapped = []
    for px, py in ((0.0, 0.0), (1000.0, 0.0), (0.0, 1000.0)):
        raw.FPDF_PageToDevice(page, 0, 0, columns, rows, 0, px, py, x, y)
        mapped.append((x.value, y.value))
    (ox, oy), (ax, ay), (bx, by) = mapped
    return np.array([[(ax - ox) / 1000, (bx - ox) / 1000, ox], [(ay - oy) / 1000, (by - oy) / 1000, oy]]), rows, columns


def _rendered(page, canvas: dict, rows: int, columns: int, clips: list[tuple]):
    """The page as a viewer draws it (with its annotations) within `clips` (column, row, column, row), anything
    elsewhere (only the clips are looked at): rows × columns × colours (blue, green, red). PDFium draws only what
    falls in a clip, so a page of prose with a few figures costs a few lines' drawing. Drawn into `canvas`'s
    buffer, kept from page to page (a new bitmap for each page cost as much as a third of the drawing)."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as raw
    stride = (columns * 3 + 3) // 4 * 4
    buffer = canvas.get("buffer")
    if buffer is None or buffer.size < rows * stride:
        buffer = canvas["buffer"] = np.empty(rows * stride, dtype=np.uint8)
    address = buffer.ctypes.data
    for left, top, right, bottom in _merged(clips, rows, columns):
        bitmap = raw.FPDFBitmap_CreateEx(right - left, bottom - top, raw.FPDFBitmap_BGR,
                                         ctypes.c_void_p(address + top * stride + left * 3), stride)
        try:
            raw.FPDFBitmap_FillRect(bitmap, 0, 0, right - left, bottom - top, 0xFFFFFFFF)
            raw.FPDF_RenderPageBitmap(bitmap, page, -left, -top, columns, rows, 0, raw.FPDF_ANNOT)
        finally:
            raw.FPDFBitmap_Destroy(bitmap)
    return buffer[:rows * stride].reshape(rows, stride)[:, :columns * 3].reshape(rows, columns, 3)


def _merged(clips: list[tuple], rows: int, columns: int) -> list[tuple[int, int, int, int]]:
    """The clips as whole pixels within the page, with a margin of two (the contrast around a glyph), those that
    overlap or touch (a paragraph's lines, a table's rows) joined into one."""
    boxes = sorted((max(int(left) - 2, 0), max(int(top) - 2, 0), min(int(right) + 3, columns),
                    min(int(bottom) + 3, rows)) for left, top, right, bottom in clips)
    merged: list[list[int]] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        last = merged[-1] if merged else None
        if last and box[1] <= last[3] and box[0] <= last[2] and box[2] >= last[0]:
            last[0], last[2], last[3] = min(last[0], box[0]), max(last[2], box[2]), max(last[3], box[3])
        else:
            merged.append(list(box))
    return [tuple(box) for box in merged]


def _not_struck(chars: list[_Char], h_edges: list[tuple], band: tuple[float, float]) -> tuple[list[_Char], int]:
    """The characters no line strikes through, and how many strike lines there were: a struck-through run (删除线,
    <s>, or a deletion a document printed with its tracked changes shows) is shown as deleted. A struck 18 before 20
    was read 1820. `band`: where a strike line crosses, in the character's size above its baseline (config/method.yaml,
    pdf_ink.struck_from and struck_to)."""
    edges = sorted(h_edges)
    ys = [edge[0] for edge in edges]
    kept, strikes = [], set()
    for char in chars:
        low = bisect_left(ys, char.baseline - band[1] * char.size)
        high = bisect_right(ys, char.baseline - band[0] * char.size)
        hit = next((k for k in range(low, high) if edges[k][1] <= char.cx <= edges[k][2]), None)
        if hit is None or char.text.isspace() or not char.upright:   # a turned glyph's baseline is at its side
            kept.append(char)
        else:
            strikes.add(hit)
    return kept, len(strikes)


def _edges(page, width: float, height: float, number: int, reading: _Reading) -> tuple[list[tuple], list[tuple]]:
    """Ruling lines as (position, start, end): horizontal at y (from the top), vertical at x. A thin path is one
    line; a rectangle gives its four sides (but not one as large as the page: a background). Read through
    PDFium's own calls: a page may hold thousands of objects, and wrapping each in Python would cost seconds.
    On the way, the objects the PDF declares a watermark are found (`reading.declared`); they draw no ruling line."""
    import ctypes

    import pypdfium2.raw as raw
    h, v = [], []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    sections: dict[int, list] = {}      # an /Artifact section with a /Subtype (its mark): the objects in it
    reading.shapes, reading.images, reading.image_at, reading.faded = [], [], [], {}
    for index in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, index)
        _note_artifact(obj, sections)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM):
            if _seen_through(obj, kind, reading.method):
                reading.shapes.append(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                reading.images.append(obj)
                reading.image_at.append(index)
            else:
                _note_faded(obj, 1.0, reading.faded)
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        box = (left.value, height - top.value, right.value, height - bottom.value)
        if box[2] - box[0] <= THIN or box[3] - box[1] <= THIN:
            _add_ruling(box, obj, width, height, h, v)
        elif _opacity(obj, kind) <= reading.method.watermark_see_through:
            reading.shapes.append(obj)          # seen through: a watermark's shape, no table's
        elif not _turned(obj, reading.method.watermark_turn):
            for part in _rectangles(obj, height):
                _add_ruling(part, obj, width, height, h, v)
    declared = _declared_watermarks(sections, number, reading) if sections else {}
    reading.declared = set(declared)
    reading.shapes += [obj for obj in declared.values() if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT]
    return [(a, b, c) for a, b, c, obj in h if _key(obj) not in declared], \
        [(a, b, c) for a, b, c, obj in v if _key(obj) not in declared]


# A watermark drawn as shapes (内部资料 as vector paths, or an image, over the table, as a site's overlay or Word's
# WordArt printed by LibreOffice draws one) is seen through: drawn at an opacity of at most
# pdf_watermark.see_through, what is under it keeps at least that share of its contrast. Such a shape draws no
# ruling line (its strokes' boxes made a table of 19 columns), and it is hidden before the ink check, so that each
# character is judged by its own ink (a watermark's stroke across a white 9 is no ink of the 9's). Neither is a
# shape turned diagonally a table's (a rectangle turned 25° is no cell), nor one the PDF declares a watermark. An
# opaque shape hides what is under it, as a reader sees it, and is left as drawn; a thin line is a rule whatever
# its opacity (a table's borders in rgba). An image is seen through when it is translucent and turned diagonally
# (a stamp), or declared a watermark, or drawn upright over the page's text at an opacity of at most see_through:
# its own pixels' (a PNG's alpha channel, a soft mask) times what it is drawn with (ExtGState /ca), measured
# (_images_over_text). A seal over a date, its red ink opaque, is left as drawn: a reader sees the date through the
# gaps of its ink. But an image whose opaque pixels cover a character drawn before it (all but pdf_ink.overprinted
# of its glyph's box), showing there more than one plain colour (a pattern, a picture, a scan's patch pasted over a
# figure), leaves the character in doubt: what a reader sees there is the image's, which is not read, and the ink
# check took the picture's own contrast for the character's (a 1 under a patch of black and white was read 120,
# poppler draws the patch and 20). Covered in one plain colour (a white patch), it leaves no ink, and is not read.


def _seen_through(obj, kind, method: Method) -> bool:
    """An image or a form is seen through (see above)."""
    import pypdfium2.raw as raw
    if kind == raw.FPDF_PAGEOBJ_IMAGE:
        return bool(raw.FPDFPageObj_HasTransparency(obj)) and _turned(obj, method.watermark_turn)
    return _opacity(obj, kind) <= method.watermark_see_through


def _note_faded(form, opacity: float, faded: dict) -> None:
    """The text objects a form draws, by key, with the opacity they are drawn at, if the form (or one it is drawn
    in) is drawn translucent: PDFium gives a character's own opacity only, and a watermark drawn in a translucent
    form (LibreOffice's tiled watermark, a web page's watermark at CSS opacity .15) was taken for dark text."""
    import pypdfium2.raw as raw
    opacity *= min(_opacity(form, raw.FPDF_PAGEOBJ_FORM), 1.0)
    if opacity >= 1:
        return
    for i in range(raw.FPDFFormObj_CountObjects(form)):
        inner = raw.FPDFFormObj_GetObject(form, i)
        kind = raw.FPDFPageObj_GetType(inner)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            faded[_key(inner)] = opacity
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            _note_faded(inner, opacity, faded)


def _images_over_text(page, chars: list[_Char], number: int, reading: _Reading) -> list:
    """The page's images (`reading.images`) that are no shape already seen through, lie over its text, and are drawn
    at pdf_watermark.see_through or less (see above): a watermark image over the table, hidden for the ink check so
    that a white 9 under it is judged by its own ink (it was read 290). An opaque image over characters drawn before
    it is looked at where they stand (_covered_by). Only an image over a character is measured: drawing its pixels
    costs."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as raw
    glyphs = np.array([c.glyph for c in chars if c.glyph]).reshape(-1, 4)       # left, right, bottom, top
    shapes = {_key(obj) for obj in reading.shapes}
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    alphas: list[float] | None = None
    order: dict[int, int] | None = None
    out = []
    for k, image in enumerate(reading.images):
        if _key(image) in shapes or not raw.FPDFPageObj_GetBounds(image, left, bottom, right, top) or not (
                (glyphs[:, 0] < right.value) & (glyphs[:, 1] > left.value) & (glyphs[:, 2] < top.value)
                & (glyphs[:, 3] > bottom.value)).any():
            continue
        pixels = _image_pixels(page, image)
        opacity, drawn_with = 1.0 if pixels is None else int(pixels[:, :, 3].max()) / 255, 1.0
        if opacity > reading.method.watermark_see_through and raw.FPDFPageObj_HasTransparency(image):
            if alphas is None:
                alphas = _image_alphas(number, reading)
            drawn_with = alphas[k] if len(alphas) == len(reading.images) else 1.0
        if opacity * drawn_with <= reading.method.watermark_see_through:
            out.append(image)
        elif pixels is not None:
            if order is None:
                order = _drawing_order(page)
            box = (left.value, right.value, bottom.value, top.value)
            _covered_by(pixels, drawn_with, box, [c for c in chars if c.glyph and not c.text.isspace() and
                                                  order.get(c.drawn_by, -1) < reading.image_at[k]], reading.method)
    return out


def _covered_by(pixels, drawn_with: float, box: tuple, chars: list[_Char], method: Method) -> None:
    """The characters (drawn before the image) that the image, drawn in `box` (left, right, bottom, top) as `pixels`
    (rows × columns × blue, green, red, alpha; the image's box at a pixel a point, as PDFium draws it) at the
    opacity `drawn_with`, covers: on all but pdf_ink.overprinted of its glyph's box with pixels so opaque that
    black under them keeps less than pdf_ink.no_ink of its contrast. Covered in more than one colour (two of its
    pixels there differ by no_ink or more), the character is in doubt."""
    rows, columns = pixels.shape[:2]
    left, right, bottom, top = box
    across, up = columns / max(right - left, 1e-6), rows / max(top - bottom, 1e-6)
    opaque = pixels[:, :, 3].astype(float) * drawn_with > 255 - method.no_ink
    for ch in chars:
        g_left, g_right, g_bottom, g_top = ch.glyph
        if g_left >= right or g_right <= left or g_bottom >= top or g_top <= bottom:
            continue
        # the glyph's box in the image's pixels, at least one; the part beyond the image is not covered
        x0, x1 = math.floor((g_left - left) * across), math.ceil((g_right - left) * across)
        y0, y1 = math.floor((top - g_top) * up), math.ceil((top - g_bottom) * up)
        x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
        whole = (x1 - x0) * (y1 - y0)
        x0, x1, y0, y1 = max(x0, 0), min(x1, columns), max(y0, 0), min(y1, rows)
        if x1 <= x0 or y1 <= y0:
            continue
        under = opaque[y0:y1, x0:x1]
        if under.sum() < (1 - method.overprinted) * whole:
            continue
        shown = pixels[y0:y1, x0:x1, :3][under].astype(int)
        if (shown.max(axis=0) - shown.min(axis=0)).max() >= method.no_ink:
            ch.doubt = ch.doubt or (f"'{ch.text}' is covered by an image drawn over it (a picture, a seal or a "
                                    "patch pasted on the page) that shows more than a plain colour there: what a "
                                    "reader sees there is the image's, which is not read")


def _drawing_order(page) -> dict[int, int]:
    """Each of the page's objects (by key), and each object inside a form, with the place in the page's order of
    drawing of the page object that draws it."""
    import pypdfium2.raw as raw
    order: dict[int, int] = {}

    def note(obj, index: int) -> None:
        order[_key(obj)] = index
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
            for i in range(raw.FPDFFormObj_CountObjects(obj)):
                note(raw.FPDFFormObj_GetObject(obj, i), index)

    for index in range(raw.FPDFPage_CountObjects(page)):
        note(raw.FPDFPage_GetObject(page, index), index)
    return order


def _image_pixels(page, image):
    """The image as PDFium draws it on the page (its mask and soft mask counted, at a pixel a point in its box):
    rows × columns × (blue, green, red, alpha), alpha 255 throughout for an image without one; None if PDFium
    cannot draw it."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as raw
    bitmap = raw.FPDFImageObj_GetRenderedBitmap(page.pdf, page, image)
    if not bitmap:
        return None
    try:
        kind = raw.FPDFBitmap_GetFormat(bitmap)
        width, rows, stride = (raw.FPDFBitmap_GetWidth(bitmap), raw.FPDFBitmap_GetHeight(bitmap),
                               raw.FPDFBitmap_GetStride(bitmap))
        channels = {raw.FPDFBitmap_BGRA: 4, raw.FPDFBitmap_BGRx: 4, raw.FPDFBitmap_BGR: 3, raw.FPDFBitmap_Gray: 1}
        if not width or not rows or kind not in channels:
            return None
        buffer = ctypes.cast(raw.FPDFBitmap_GetBuffer(bitmap), ctypes.POINTER(ctypes.c_uint8 * (rows * stride)))
        found = np.frombuffer(buffer.contents, dtype=np.uint8).reshape(rows, stride)
        found = found[:, :width * channels[kind]].reshape(rows, width, channels[kind])
        pixels = np.full((rows, width, 4), 255, dtype=np.uint8)
        pixels[:, :, :3] = found[:, :, :3] if channels[kind] >= 3 else found
        if kind == raw.FPDFBitmap_BGRA:
            pixels[:, :, 3] = found[:, :, 3]
        return pixels
    finally:
        raw.FPDFBitmap_Destroy(bitmap)


def _image_alphas(number: int, reading: _Reading) -> list[float]:
    """The opacity (ExtGState /ca) each of the page's own images is drawn with, in the order they are drawn, read
    from its content stream with pypdf (PDFium gives none for an image); none if pypdf cannot read the page."""
    from pypdf import PdfReader
    try:
        if reading.content is None:
            reading.content = PdfReader(str(reading.path))
        page = reading.content.pages[number - 1]
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        states = (resources.get("/ExtGState") or {})
        states = states.get_object() if hasattr(states, "get_object") else states
        xobjects = (resources.get("/XObject") or {})
        xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
        contents = page.get_contents()
        alpha, saved, alphas = 1.0, [], []
        for operands, operator in (contents.operations if contents is not None else []):
            if operator == b"q":
                saved.append(alpha)
            elif operator == b"Q":
                alpha = saved.pop() if saved else 1.0
            elif operator == b"gs" and operands:
                alpha = float(states[operands[0]].get_object().get("/ca", alpha))
            elif operator == b"Do" and operands and xobjects[operands[0]].get_object().get("/Subtype") == "/Image":
                alphas.append(alpha)
            elif operator == b"INLINE IMAGE":
                alphas.append(alpha)
        return alphas
    except Exception:       # pypdf's errors are many (DependencyError, PdfReadError, KeyError on a broken page)
        return []


def _opacity(obj, kind) -> float:
    """How opaque the shape is drawn (0–1): the larger of its fill's and its stroke's alpha, of what it paints."""
    import ctypes

    import pypdfium2.raw as raw
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    mode, stroked = ctypes.c_int(1), ctypes.c_int(0)
    if kind == raw.FPDF_PAGEOBJ_PATH and not raw.FPDFPath_GetDrawMode(obj, mode, stroked):
        return 1.0
    painted = []            # a path that paints nothing (neither filled nor stroked) is not seen at all: 0
    if mode.value:
        painted.append(alpha.value if raw.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha) else 255)
    if stroked.value:
        painted.append(alpha.value if raw.FPDFPageObj_GetStrokeColor(obj, red, green, blue, alpha) else 255)
    return max(painted, default=0) / 255


def _turned(obj, turn: float) -> bool:
    """The object is drawn turned diagonally: further than `turn` (radians) from a right angle."""
    import pypdfium2.raw as raw
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return False
    angle = math.atan2(matrix.b, matrix.a) % (math.pi / 2)
    return turn < angle < math.pi / 2 - turn


def _hide_shapes(shapes: list) -> None:
    """The watermark's shapes drawn as nothing (the document is never saved): a path neither filled nor stroked,
    an image squeezed to no size, a form's shapes likewise (its text is judged as text)."""
    import pypdfium2.raw as raw
    for obj in shapes:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPath_SetDrawMode(obj, raw.FPDF_FILLMODE_NONE, False)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            raw.FPDFPageObj_SetMatrix(obj, raw.FS_MATRIX(0, 0, 0, 0, 0, 0))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            _hide_shapes([raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))])


def _add_ruling(box: tuple, obj, width: float, height: float, h: list, v: list) -> None:
    """A path's box (left, top, right, bottom) as ruling lines: thin, one line; a rectangle, its four sides (but not
    one as large as the page: a background)."""
    x0, y0, x1, y1 = box
    w, hh = x1 - x0, y1 - y0
    if hh <= THIN and w > THIN:
        h.append(((y0 + y1) / 2, x0, x1, obj))
    elif w <= THIN and hh > THIN:
        v.append(((x0 + x1) / 2, y0, y1, obj))
    elif w > THIN and hh > THIN and not (w > 0.8 * width and hh > 0.8 * height):
        h += [(y0, x0, x1, obj), (y1, x0, x1, obj)]
        v += [(x0, y0, y1, obj), (x1, y0, y1, obj)]


# A path of more segments than this is drawing, no table's rules (Word's WordArt watermark printed opaque by
# LibreOffice is one path of some 2,000 segments; a table's border is a rectangle of 5)
MAX_RULING_SEGMENTS = 400


def _rectangles(obj, height: float) -> list[tuple[float, float, float, float]]:
    """The boxes (left, top, right, bottom; from the page's top) of the path's parts that are drawn with straight
    sides along the page's axes: a rectangle, or a line along them (a table's border, a cell's fill; several in one
    path as some programs draw a table). A glyph's outline, a curve or a slanted line is none: a watermark drawn as
    shapes (内部资料 turned 45°, one path whose box spans the table) drew ruling lines through the table."""
    import ctypes

    import pypdfium2.raw as raw
    count = raw.FPDFPath_CountSegments(obj)
    matrix = raw.FS_MATRIX()
    if count > MAX_RULING_SEGMENTS or not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    parts: list[list[tuple[float, float]] | None] = []
    for k in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e, matrix.b * x.value + matrix.d * y.value + matrix.f)
        if kind == raw.FPDF_SEGMENT_MOVETO or not parts:
            parts.append([point])
        elif kind != raw.FPDF_SEGMENT_LINETO or parts[-1] is None:
            parts[-1] = None                    # a curve: no part of a table
        else:
            last = parts[-1][-1]
            if abs(point[0] - last[0]) > 0.01 and abs(point[1] - last[1]) > 0.01:
                parts[-1] = None                # slanted
            else:
                parts[-1].append(point)
    return [(min(xs), height - max(ys), max(xs), height - min(ys))
            for xs, ys in ((list(zip(*part))[0], list(zip(*part))[1]) for part in parts if part and len(part) > 1)]


def _note_artifact(obj, sections: dict[int, list]) -> None:
    """The object added to its /Artifact section with a /Subtype (a header, a footer, a watermark), if it is in one."""
    import pypdfium2.raw as raw
    for m in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, m)
        if raw.FPDFPageObjMark_GetParamValueType(mark, b"Subtype") != raw.FPDF_OBJECT_UNKNOWN and \
                _mark_name(mark) == "Artifact":
            sections.setdefault(_key(mark), []).append(obj)


def _mark_name(mark) -> str:
    import ctypes

    import pypdfium2.raw as raw
    name, length = (ctypes.c_ushort * 16)(), ctypes.c_ulong()
    if not raw.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), length):
        return ""
    return bytes(name)[:length.value].decode("utf-16-le", "replace").rstrip("\0")


# What a page's content streams draw, as PDFium makes objects of it (a text-showing operator, a painted path, an
# XObject, an inline image, a shading).
PAINTING = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"Do", b"sh",
            b"INLINE IMAGE"}


def _declared_watermarks(sections: dict[int, list], number: int, reading: _Reading) -> dict[int, object]:
    """The page's objects (and the objects inside them) in marked content the PDF declares a watermark:
    `/Artifact <</Type /Pagination /Subtype /Watermark>>`, as Acrobat and Word mark one (a page's header and footer
    are artifacts of subtype /Header and /Footer). PDFium gives a mark's keys but not a name's value, so the page's
    content stream is read again (pypdf, only for a page with such marks), its /Artifact sections with a /Subtype
    matched to PDFium's in the order they first draw something. If they cannot be matched, or pypdf cannot read
    the page (a PDF encrypted with AES, which PDFium opens and pypdf needs the `cryptography` package for; a
    content stream only PDFium repairs), none is taken as declared: the watermark is then judged by how it is set,
    as any text, and the run goes on as it would without the declaration."""
    import pypdfium2.raw as raw
    from pypdf import PdfReader
    try:
        if reading.content is None:
            reading.content = PdfReader(str(reading.path))
        subtypes = _artifact_subtypes(reading.content.pages[number - 1])
    except Exception:       # pypdf's errors are many (DependencyError, PdfReadError, KeyError on a broken page)
        return {}
    if len(subtypes) != len(sections):
        return {}
    declared: dict[int, object] = {}
    for objects, subtype in zip(sections.values(), subtypes):
        if subtype == "/Watermark":
            for obj in objects:
                declared.update(_with_inner(obj, raw))
    return declared


def _artifact_subtypes(page) -> list[str]:
    """The /Subtype of each /Artifact section that has one on a pypdf page, in the order they first draw."""
    from pypdf.generic import NameObject
    contents = page.get_contents()
    resources = page.get("/Resources")
    properties = (resources.get_object().get("/Properties") if resources is not None else None) or {}
    stack: list = []
    subtypes: list[str] = []     # each /Artifact section with a /Subtype, in the order they first draw
    for operands, operator in (contents.operations if contents is not None else []):
        if operator == b"BDC" and len(operands) == 2:
            tag, values = operands
            values = properties.get_object().get(values) if isinstance(values, NameObject) else values
            values = values.get_object() if values is not None else {}
            subtype = values.get("/Subtype") if tag == "/Artifact" and hasattr(values, "get") else None
            stack.append([str(subtype), False] if subtype is not None else None)
        elif operator in (b"BMC", b"BDC"):
            stack.append(None)
        elif operator == b"EMC":
            if stack:
                stack.pop()
        elif operator in PAINTING:
            for section in stack:
                if section is not None and not section[1]:
                    section[1] = True
                    subtypes.append(section[0])
    return subtypes


def _with_inner(obj, raw) -> dict[int, object]:
    """The object and the objects a form XObject holds (Acrobat draws its watermark as one), by their keys."""
    objects = {_key(obj): obj}
    if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
        for i in range(raw.FPDFFormObj_CountObjects(obj)):
            objects.update(_with_inner(raw.FPDFFormObj_GetObject(obj, i), raw))
    return objects


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


def _tables(components, chars: list[_Char], page: int, reading: _Reading) -> tuple[list[_Table], set[int]]:
    tables, inside = [], set()
    for hs, vs in components:
        xs, ys = _cluster([x for x, _, _ in vs]), _cluster([y for y, _, _ in hs])
        # A table broken by a page break may leave its part's edge open: the row the break split (or a row under
        # a merged cell that runs over the break) has its column rules but no line across the page's top (or
        # bottom). Its cells end where the rules end; read as text outside the table, the row was lost.
        top, bottom = min(y0 for _, y0, _ in vs), max(y1 for _, _, y1 in vs)
        if top < ys[0] - SNAP:
            ys.insert(0, top)
        if bottom > ys[-1] + SNAP:
            ys.append(bottom)
        if len(xs) < 3 or len(ys) < 2:      # not a table of two columns
            continue
        table = _grid(hs, vs, xs, ys, chars, inside, reading)
        if table is not None:
            table.page = page
            tables.append(table)
    return sorted(tables, key=lambda t: t.top), inside


def _grid(hs, vs, xs, ys, chars, inside: set[int], reading: _Reading) -> _Table | None:
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
    cell_text = {root: _text_of(cs, reading) for root, cs in texts.items()}
    rows = [[(cell_text.get(find((r, c)), ""), find((r, c)) != (r, c)) for c in range(n_cols)]
            for r in range(n_rows)]
    doubts = {root: next(ch.doubt for ch in cs if ch.doubt) for root, cs in texts.items() if any(ch.doubt for ch in cs)}
    # A cell with no line under it where its neighbours have one runs on over the page break (a merged cell)
    under = [_ruled(hs, ys[-1], (xs[c] + xs[c + 1]) / 2) for c in range(n_cols)]
    runs_on = [not ruled for ruled in under] if any(under) else [False] * n_cols
    return _Table(0, ys[0], ys[-1], xs, ys, rows, doubts, runs_on=runs_on)


def _ruled(edges, position: float, middle: float) -> bool:
    """A ruling line at `position` that passes `middle` (a horizontal line at y passing x, or the other way)."""
    return any(abs(p - position) <= SNAP and a - SNAP <= middle <= b + SNAP for p, a, b in edges)


def _merged_cells(hs, vs, xs, ys):
    """Which cell each (row, column) position belongs to: the top-left position of its merged cell, found by
    joining neighbours that no ruling line separates."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

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
            if not _ruled(vs, xs[c + 1], (ys[r] + ys[r + 1]) / 2):
                join((r, c), (r, c + 1))
    for c in range(n_cols):
        for r in range(n_rows - 1):
            if not _ruled(hs, ys[r + 1], (xs[c] + xs[c + 1]) / 2):
                join((r, c), (r + 1, c))
    return find


def _text_of(chars: list[_Char], reading: _Reading) -> str:
    """A cell's characters as text, its lines joined."""
    lines = _group_lines(chars)
    return join_lines("\n".join(_repaired(_line_text(line, reading.method), reading.repairs) for line in lines))


def _baselines(chars: list[_Char]) -> list[list[int]]:
    """The page's lines as the characters (their indices in `chars`) standing on one baseline, to a tenth of a
    point (an ordinary line's characters, of whatever font and size, share theirs to 0.01 pt), from the top down.
    The one way characters are grouped into lines: the ink check looks at a line with a digit, an unseen
    character's blank is closed on its line, and a text line is a baseline with its note marks (_group_lines)."""
    lines: dict[float, list[int]] = {}
    for i, ch in enumerate(chars):
        lines.setdefault(round(ch.baseline, 1), []).append(i)
    return [lines[key] for key in sorted(lines)]


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    """The text lines, left to right: each baseline's characters, with those of a baseline standing within half
    a character's height of the line above (a note mark raised or lowered off it: _mark_raised) joined to it."""
    lines: list[list[_Char]] = []
    for members in _baselines(chars):
        line = sorted((chars[i] for i in members), key=lambda c: c.cy)
        if lines and abs(line[0].cy - lines[-1][-1].cy) <= 0.5 * max(line[0].bottom - line[0].top, 1):
            lines[-1] = sorted(lines[-1] + line, key=lambda c: c.cy)
        else:
            lines.append(line)
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(chars: list[_Char], method: Method) -> str:
    out, previous = [], None
    _mark_raised(chars, method)
    for ch in chars:
        if previous is not None and _set_apart(previous, ch) and not ch.text.isspace() and not previous.text.isspace():
            out.append(" ")     # a gap with no space character: words set apart
        out.append(ch.text)
        previous = ch
    return "".join(out).strip()


def _mark_raised(chars: list[_Char], method: Method) -> None:
    """Digits set smaller and raised (or lowered) off the line's baseline are a note mark (10.3 and a raised 1,
    as Word's 上标 or a web page's <sup> print), never a digit of the number: written as superscript (subscript)
    digits, which the value parser reads as a mark. The line's own text is its largest characters. A digit set
    smaller than the others of its figure but on their baseline (2, a small 1, 0) is no note mark, and whether a
    reader takes it into the figure cannot be told: it is a doubt. How much smaller, and how far off the baseline:
    config/method.yaml, pdf_note_marks."""
    if not chars:
        return
    body = max(chars, key=lambda c: (c.size, c.bottom - c.top))
    height = body.bottom - body.top
    for ch in chars:
        if ch.upright and _smaller(ch, body, method.note_mark_smaller):
            shift = ch.baseline - body.baseline          # negative: raised (the page's y runs downwards)
            if abs(shift) > method.note_mark_raised * height:
                ch.text = as_superscript(ch.text) if shift < 0 else as_subscript(ch.text)
    for figure in _figures(chars):
        largest = max(c.drawn for c in figure)
        for ch in figure:
            if ch.drawn < method.note_mark_smaller * largest:
                ch.doubt = ch.doubt or (f"'{ch.text}' is set smaller than the other digits of "
                                        f"'{''.join(c.text for c in figure)}' but on their line (no raised note "
                                        "mark), so a reader may take it into the figure or not")
        _doubt_moved_off_the_line(figure, chars)


def _doubt_moved_off_the_line(figure: list[_Char], chars: list[_Char]) -> None:
    """A digit of a figure at its size raised or lowered off the line of the figure's other digits by more than a
    nudge (ON_THE_LINE of its size: a text rise, the operator Ts, as Word's 字符位置 w:position prints) is a figure a
    reader may read whole or in parts (a 1 raised 3 pt before 4 was read 14): a doubt, as Word's is. The line is
    the baseline most of the line's characters stand on (of two as common, the figure's last digit's)."""
    bases = [round(c.baseline, 1) for c in figure]
    if max(bases) - min(bases) <= ON_THE_LINE * min(c.drawn or c.size for c in figure):
        return
    counts: dict[float, int] = {}
    for ch in chars:
        if not ch.text.isspace():
            counts[round(ch.baseline, 1)] = counts.get(round(ch.baseline, 1), 0) + 1
    line = max(counts, key=lambda b: (counts[b], b == bases[-1]))
    text = "".join(c.text for c in figure)
    for ch in figure:
        shift = ch.baseline - line       # negative: raised (the page's y runs downwards)
        if abs(shift) > ON_THE_LINE * (ch.drawn or ch.size):
            ch.doubt = ch.doubt or (f"'{ch.text}' is {abs(shift):.1f} pt {'above' if shift < 0 else 'below'} the "
                                    f"line of the other digits of '{text}' at their size (a text rise), so a reader "
                                    "may read the figure whole or in parts")


def _smaller(ch: _Char, than: _Char, share: float) -> bool:
    return ch.size < share * than.size or ch.bottom - ch.top < share * (than.bottom - than.top)


def _set_apart(previous: _Char, ch: _Char) -> bool:
    """A gap between two characters wider than a space of their height: two words (or two cells) set apart."""
    return ch.x0 - previous.x1 > 0.3 * (ch.bottom - ch.top)


def _figures(chars: list[_Char]) -> list[list[_Char]]:
    """The runs of side-by-side digits (0-9, not the note marks written as superscript) on a line, in order. Digits
    set apart by a gap are two figures: a table's cells without ruling lines (15.2 and 20, whose cells may sit a
    point apart vertically) were one figure '15220' with a 'text rise'."""
    runs: list[list[_Char]] = [[]]
    previous = None
    for ch in chars:
        if ch.text in ASCII_DIGITS and ch.upright:
            if runs[-1] and _set_apart(previous, ch):
                runs.append([])
            runs[-1].append(ch)
        elif runs[-1] and ch.text not in ".,":
            runs.append([])
        previous = ch
    return [run for run in runs if len(run) > 1]


def _repaired(text: str, repairs: _Repairs) -> str:
    fixed = text.translate(RADICAL_TO_IDEOGRAPH)
    repairs.add("radicals", sum(a != b for a, b in zip(text, fixed)))
    spaced = SPACE_BY_CJK.sub("", fixed)
    repairs.add("digit_spaces", len(SPACE_BY_CJK.findall(fixed)))
    return spaced


def _lines(chars: list[_Char], page: int, reading: _Reading) -> list[_Line]:
    out = []
    for group in _group_lines(chars):
        text = _repaired(_line_text(group, reading.method), reading.repairs)
        if text:
            # the line's figure is in doubt for a digit's doubt, or for a character printed over a digit (the digit
            # perhaps in a table's cell, its doubt then the cell's); a faint word of prose is no figure
            doubt = next((c.doubt for c in group if c.doubt and (c.text.isdigit() or PRINTED_OVER in c.doubt)), "")
            sizes = [round(c.size, 1) for c in group if not c.text.isspace()]
            out.append(_Line(text, min(c.x0 for c in group), max(c.x1 for c in group),
                             min(c.top for c in group), max(c.bottom for c in group), page, doubt=doubt,
                             size=max(sorted(set(sizes)), key=sizes.count) if sizes else 0.0))
    return out


# ------------------------------------------------------------------------------------------ notes at a page's foot

FOOT_SEPARATOR = 0.6    # a note separator (Word's, LibreOffice's: a quarter of the text's width) is shorter than this
FOOT_SMALLER = 0.85     # without one, notes at the foot are set smaller than this share of the body text's lines


def _page_feet(pages, reading: _Reading) -> list[PageNote]:
    """The notes at the foot of each page below its tables (Word's footnotes printed: `1 2025年数据为预计数` under a
    short rule at the text's left, or set smaller at the page's bottom), each starting with its mark, its wrapped lines
    joined: documents.footnotes ties each to the cells and paragraphs that carry its mark, and takes a note so tied
    out of the page's text (as a .docx's footnotes are no paragraph of its body; one tied to nothing stays text, as
    before). Lines at the foot that start with no mark are left."""
    every = [line for lines, _, _ in pages for line in lines]
    if not every:
        return []
    sizes = sorted(line.bottom - line.top for line in every)
    text = (sizes[len(sizes) // 2], min(line.x0 for line in every), max(line.x1 for line in every))
    feet: list[PageNote] = []
    for index, (lines, tables, height) in enumerate(pages):
        if not lines:
            continue
        block = _foot_block(lines, tables, height, reading.rules.get(lines[0].page, []), text)
        feet += [PageNote(lines[0].page, mark, join_lines("\n".join(line.text if n else said
                                                                     for n, line in enumerate(taken))), tuple(taken))
                 for mark, said, taken in _foot_notes(block, reading)]
    return feet


def _foot_block(lines: list[_Line], tables: list[_Table], height: float, rules: list[tuple],
                text: tuple[float, float, float]) -> list[_Line]:
    """The lines at a page's foot, below its tables: under the lowest short rule at the text's left (a note
    separator), or else the lines set smaller than the body text at the page's bottom (its lower half)."""
    body, left, right = text
    floor = max((t.bottom for t in tables), default=0.0)
    below = sorted((line for line in lines if line.top > floor), key=lambda line: line.top)
    separators = [y for y, a, b in rules if y > floor and b - a < FOOT_SEPARATOR * (right - left)
                  and abs(a - left) <= body and any(line.top > y for line in below)]
    if separators:
        return [line for line in below if line.top > max(separators)]
    block: list[_Line] = []
    for line in reversed(below):
        if PAGE_NUMBER.match(line.text):
            continue
        if line.bottom - line.top >= FOOT_SMALLER * body or line.top < height / 2:
            break
        block.insert(0, line)
    # without a separator, the small lines are notes only if the first starts with a mark (注： and its items 1．…
    # set small at the bottom are the table's 注, read as it is)
    return block if block and note_start(block[0].text) else []


def _foot_notes(block: list[_Line], reading: _Reading) -> list[tuple[str, str, list[_Line]]]:
    """The notes of a page's foot, (mark, its first line's text after the mark, its lines): a line starting with a
    mark starts one, the lines after it carry it on; a page number is none."""
    notes: list[tuple[str, str, list[_Line]]] = []
    for line in block:
        if PAGE_NUMBER.match(line.text):
            continue
        start = note_start(line.text)
        if start is None and not notes:
            continue
        if line.doubt:
            raise InputError(reading.path, Place(page=line.page), f"in the note '{line.text}' at the foot of the "
                             f"page, {line.doubt}, so the figure it gives cannot be read for sure", DOUBT_FIX)
        if start:
            notes.append((start[0], start[1], [line]))
        else:
            notes[-1][2].append(line)
    return notes


# ------------------------------------------------------------------------------------------ the document

def _drop_furniture(pages, repairs: _Repairs) -> list[_Line]:
    """Page headers, footers and numbers: a line in the top or bottom margin that is a page number, that appears
    (its digits aside) in the margin of another page too, or that is set smaller than the body text. Returns them
    (a header may say the document is a draft)."""
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

    dropped = []
    for index, (lines, tables, height) in enumerate(pages):
        kept = [line for line in lines if not furniture(line, height)]
        dropped += [line for line in lines if furniture(line, height)]
        repairs.add("page_furniture", len(lines) - len(kept))
        for number, line in enumerate(kept, 1):
            line.number = number
        pages[index] = (kept, tables, height)
    return dropped


def _assemble(path: Path, pages, repairs: _Repairs) -> Document:
    """Paragraphs and tables in reading order: wrapped lines joined into their paragraph, a table continued on
    the next page joined to its first part."""
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    recent: list[Paragraph] = []
    current: list[_Line] = []
    previous: _Line | _Table | None = None
    last_part: _Table | None = None         # the last table's part read last
    left = min((line.x0 for lines, _, _ in pages for line in lines), default=0)
    right = max((line.x1 for lines, _, _ in pages for line in lines), default=0)
    title_size = _title_size(pages[0][0] if pages else [])
    _overflow_into_cells(pages, repairs)

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
                    first_row = len(grids[-1].rows)
                    _join(previous, item, grids[-1], repairs)
                    repairs.add("continued_tables", 1)
                    _refuse_doubts(path, item, grids[-1], first_row)
                else:
                    grids.append(_as_grid(item, len(grids) + 1, recent[-3:]))
                    if last_part is not None and last_part.page == item.page - 1 and _continues(last_part, item):
                        grids[-1].same_columns_as = grids[-2].number    # its part after a page break, perhaps
                    elif last_part is not None and last_part.page == item.page - 1:
                        grids[-1].next_page_of = grids[-2].number
                    _refuse_doubts(path, item, grids[-1], 0)
                    recent = []
                    grids[-1].after = recent
                previous = last_part = item
                continue
            if item.doubt:
                raise InputError(path, Place(page=item.page, line=item.number),
                                 f"in the line '{item.text}', {item.doubt}, so the figure it gives cannot be read "
                                 "for sure", DOUBT_FIX)
            if current and (_continues_paragraph(current[-1], item, left, right)
                            or (not paragraphs and not grids and _title_goes_on(current[-1], item, title_size))):
                current.append(item)
                repairs.add("wrapped_lines", 1)
            else:
                flush()
                current = [item]
            previous = item
    flush()
    return Document(path, "pdf", paragraphs, grids, dict(repairs))


def _overflow_into_cells(pages, repairs: _Repairs) -> None:
    """A merged cell's text printed below its table's last line at a page break, put back into its cell.

    Chromium lays out a merged cell's text (其中, rowspan over six rows) as if its cell were whole; where a page
    break falls inside the merged cell (a row with `break-before: page`, as pages pasted from Word have), the text
    is printed where the cell would have gone on, below the part's last line ('其' in the cell and '中' below it,
    or both below it), and the cell runs on empty atop the next page. Read as a line between the parts, it kept
    the parts apart, and the run stopped. It is the cell's text for certain when: every line below the table's
    last part on its page stands inside one column, whose last cell has no line under it (it runs on); the next
    page starts with the table's columns; and there, below a repeated header, that column's first cell is empty
    (the merged cell going on); and no digit on them is in doubt. Anything else leaves the lines as they are (the
    run stops, with its advice)."""
    for index in range(len(pages) - 1):
        lines, tables, height = pages[index]
        if not tables:
            continue
        table = max(tables, key=lambda t: t.bottom)
        below = sorted((line for line in lines if (line.top + line.bottom) / 2 > table.bottom),
                       key=lambda line: line.top)
        next_lines, next_tables, _ = pages[index + 1]
        following = min([*next_lines, *next_tables], key=lambda item: item.top, default=None)
        if not below or any(line.doubt for line in below) or not isinstance(following, _Table) or \
                not _continues(table, following):
            continue
        columns = {next((c for c in range(len(table.xs) - 1)
                         if table.xs[c] - SNAP <= line.x0 and line.x1 <= table.xs[c + 1] + SNAP), None)
                   for line in below}
        if len(columns) != 1 or None in columns:
            continue
        (c,) = columns
        if c >= len(table.runs_on) or not table.runs_on[c]:
            continue
        header = 0
        while header < min(len(table.rows), len(following.rows) - 1) and \
                [t for t, _ in following.rows[header]] == [t for t, _ in table.rows[header]]:
            header += 1
        if following.rows[header][c][0]:
            continue
        root = len(table.rows) - 1
        while root > 0 and table.rows[root][c][1]:
            root -= 1
        text = join_lines("\n".join(t for t in [table.rows[-1][c][0], *(line.text for line in below)] if t))
        for row in table.rows[root:]:
            row[c] = (text, row[c][1])
        moved = {id(line) for line in below}
        pages[index] = ([line for line in lines if id(line) not in moved], tables, height)
        repairs.add("cell_overflow", len(below))


DOUBT_FIX = ("look at the place in the PDF and ask the office which figure is meant; then get the plan as .docx or "
             "its web page (a PDF's text cannot be corrected here), name that file in config/sources.yaml and run "
             "`make manifest`.")


def _refuse_doubts(path: Path, table: _Table, grid: Grid, first_row: int) -> None:
    """A cell with a character a reader may see otherwise (printed faint, or over another) stops the run with the
    cell named: what its figure is cannot be told for sure. `first_row`: where the table's rows start in the grid
    (a part on a later page whose first row, the rest of a row the page break split, was joined to the row above)."""
    if table.cut:
        raise InputError(path, f"page {table.page}, table {grid.number}",
                         "the table runs past the edge of the page as it is shown (the page was cropped): part of "
                         "it is cut off, so its figures cannot be read as a reader sees them",
                         "ask the office for the plan as .docx or its web page, or for the PDF as it was printed "
                         "(not cropped); name that file in config/sources.yaml and run `make manifest`.")
    joined = len(grid.rows) - first_row < len(table.rows)
    for (r, c), doubt in sorted((table.doubts or {}).items()):
        cell = grid.rows[first_row + r - joined][c]
        raise InputError(path, cell.place, f"in the table cell '{cell.text}', {doubt}, so its figure cannot be "
                         "read for sure", DOUBT_FIX)


def _continues_paragraph(last: _Line, line: _Line, left: float, right: float) -> bool:
    """A line carries on the paragraph above it when that one stops short of the right margin only by less than
    this line's first word (or character) would need, without ending a sentence, and this one starts at the left
    margin (no first-line indent), just below it or atop the next page. A line set in another size (a title over
    its first heading: smaller than pdf_note_marks.smaller of the other, in config/method.yaml) or starting with a
    numbered heading (一、发展基础, 第一章, 1.: tables.NUMBERED_HEADING) never carries on the paragraph above: read
    as one, a title set large was '建德市人才发展“十五五”规划一、发展基础', no plan's title (redteam20 T1)."""
    if last.size and line.size and min(last.size, line.size) < method_parameters().note_mark_smaller * max(
            last.size, line.size):
        return False
    if NUMBERED_HEADING.match(line.text):
        return False
    size = max(last.bottom - last.top, 1)
    first_word = FIRST_WORD.match(line.text)
    needed = sum((0.6 if ch.isascii() else 1.0) * size for ch in first_word.group()) if first_word else size
    full = last.x1 + needed >= right - 0.5 * size and last.text[-1] not in SENTENCE_END
    flush_left = line.x0 <= left + 0.5 * size
    close = line.page != last.page or 0 <= line.top - last.bottom <= 1.0 * size
    return full and flush_left and close


def _title_size(lines: list[_Line]) -> float:
    """The size a title is set in: the first page's largest, when some of its text is set smaller (by more than
    pdf_note_marks.smaller); else 0 (all one size: no title set apart by its size)."""
    sizes = [line.size for line in lines if line.size]
    smaller = method_parameters().note_mark_smaller
    return max(sizes) if sizes and min(sizes) < smaller * max(sizes) else 0.0


def _title_goes_on(last: _Line, line: _Line, title_size: float) -> bool:
    """The document's title set on more than one line, centred or broken where its author chose (建德市人才发展
    “十五五”规划 / 编制说明), is one title: a line just below the first paragraph's last, on its page, both set in
    the title's size (_title_size), and no numbered heading, carries it on. Read as two, a companion's title
    (…规划 / 编制说明) was the plan's."""
    smaller = method_parameters().note_mark_smaller
    sized = title_size and min(last.size, line.size) >= smaller * title_size
    return bool(sized and line.page == last.page and not NUMBERED_HEADING.match(line.text)
                and 0 <= line.top - last.bottom <= last.bottom - last.top)


def _continues(first: _Table, second: _Table) -> bool:
    """A table at the top of a page continues the one that ended the page before: the same columns."""
    return len(first.xs) == len(second.xs) and all(abs(a - b) <= SNAP for a, b in zip(first.xs, second.xs))


def _join(first: _Table, second: _Table, grid: Grid, repairs: _Repairs) -> None:
    """The rows of a table's part on a new page (`second`) added to the grid, whose last part is `first`. A row
    the page break split (its serial number and values above the break, the rest of its name below) is joined
    back into one, and the empty rest of a split row dropped; a merged cell that runs over the break, whose
    part below is drawn empty (below the header a browser repeats), gets its text in every row it covers."""
    rows = [list(row) for row in second.rows]
    last = grid.rows[-1]
    if rows and not any(text for text, _ in rows[0]):
        rows.pop(0)
        repairs.add("split_rows", 1)
    elif rows and _split_row(last, rows[0]):
        top = rows.pop(0)
        repairs.add("split_rows", 1)
        for c, (text, _) in enumerate(top):
            if text:
                last[c] = GridCell(join_lines(last[c].text + "\n" + text), last[c].place, last[c].spanned)
    # below the header a browser repeats atop the page (<thead>), the rows the merged cell runs on into
    repeated = 0
    while repeated < min(len(rows), len(grid.rows)) and \
            [text for text, _ in rows[repeated]] == [cell.text for cell in grid.rows[repeated]]:
        repeated += 1
    below = rows[repeated:]
    for c in range(len(last)):
        runs_on = last[c].spanned or (c < len(first.runs_on) and first.runs_on[c])
        if runs_on and last[c].text:
            for row in below:
                text, spanned = row[c]
                if text or (row is not below[0] and not spanned):
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
    (a serial number, a value), and is not empty altogether. A row that fills every cell where the row above has
    a figure (its own serial number and values) is a row of its own, though it leaves a cell empty: the part
    below the break of a merged 类别 cell, drawn empty."""
    figures = [c for c, cell in enumerate(above) if not cell.spanned and FIGURE.search(cell.text)]
    complete = bool(figures) and all(top[c][0] for c in figures)
    return not complete and any(text for text, _ in top) and any(
        not text and cell.text and not cell.spanned for (text, _), cell in zip(top, above))


def _as_grid(table: _Table, number: int, before: list[Paragraph]) -> Grid:
    rows = [[GridCell(text, Place(page=table.page, table=number, row=r, column=c), spanned)
             for c, (text, spanned) in enumerate(row, 1)] for r, row in enumerate(table.rows, 1)]
    return Grid(number, rows, before)
