"""One model for every plan document, whatever its format: paragraphs, and tables as grids of cells.

A reader per format (plain text, .docx, web page, PDF) gives a Document. The table parser works on its grids
and the prose reader on its paragraphs; neither cares which format they came from. Every paragraph and every
cell keeps its place in the file, in the terms that format offers: a line of a text file or of a web page's
source; a paragraph, or table N's row and column, of a Word document; a page's line, or a table's cell on a
page, of a PDF.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path

CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break inside a cell or a wrapped sentence: nothing stands for it between two Chinese characters (or a
# Chinese character and a digit), a space elsewhere (between two Latin words).
_CJK_CHARACTER = re.compile(rf"[{CJK}]")


@dataclass(frozen=True)
class Place:
    """Where a paragraph, line or cell is in its file. Which fields are set says the kind of place (`code`,
    the wording key notes.place.<code> that says it in each language)."""
    line: int | None = None        # a text file's or a web page's source line; a PDF page's line
    paragraph: int | None = None   # a Word document's paragraph (counting paragraphs with text, outside tables)
    page: int | None = None        # a PDF's page
    table: int | None = None       # the table's number in the document (1 = the first)
    row: int | None = None         # the row and column in that table, 1-based, merged cells counted one by one
    column: int | None = None

    @property
    def code(self) -> str:
        if self.table is not None:
            return "page_table_cell" if self.page is not None else "table_cell"
        if self.page is not None:
            return "page_line"
        if self.paragraph is not None:
            return "paragraph"
        return "line"

    @property
    def ordinal(self) -> int:
        """The one number a place is sorted and recorded by (indicators.csv `source_line`): the line, the
        paragraph, or the table row."""
        for value in (self.row, self.line, self.paragraph):
            if value is not None:
                return value
        return 0

    def record(self) -> dict:
        """Language-neutral, for a record's notes and indicators.csv `source_place` (wording notes.place.*)."""
        return {"code": self.code, **{f.name: getattr(self, f.name) for f in fields(self)
                                      if getattr(self, f.name) is not None}}

    def __str__(self) -> str:
        """In English, for error messages (InputError shows it after the file name)."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}, row {self.row}, column {self.column}")
        elif self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


@dataclass(frozen=True)
class AttachedNote:
    """A note a Word document keeps apart from the text it is anchored in: a footnote (脚注, word/footnotes.xml), an
    endnote (尾注, endnotes.xml) or a comment (批注, comments.xml). Its reference mark is no text of the cell (Word
    numbers it itself); its text is read as the table's note (helpers.extract.table_notes). A PDF's note at a page's
    foot and a web page's note under the table, tied to a cell by the mark both write (documents.footnotes), are
    footnotes too."""
    kind: str       # footnote | endnote | comment
    id: str         # its w:id in its part (one note anchored twice is read once)
    text: str       # its paragraphs as Word shows them, joined
    # its reference mark as the text it is anchored in writes it (a custom mark's ①, a PDF's raised ¹, a web page's
    # <sup>1</sup>): that mark of the cell is this note's, no other's; "" for Word's own numbering (no text)
    mark: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str       # as the document has it (a PDF's wrapped lines joined)
    place: Place
    # the footnotes, endnotes and comments anchored in it (a .docx's): of the table's title or note, read as its notes
    attached: tuple[AttachedNote, ...] = ()


@dataclass(frozen=True)
class GridCell:
    text: str       # the cell's text, its lines joined
    place: Place
    spanned: bool = False   # a merged cell's copy: the text of the merged cell above or to the left
    holds_table: bool = False   # the cell holds a table of its own (a table nested in a table)
    doubt: str = ""         # why a reader may see its figure otherwise (smaller_digit): refused when it is read,
                            # unless the analyst's reading (`readings:` in config/sources.yaml) covers the cell
    # Text the cell holds that no reader sees (never read): in the colour of what is behind it, or hidden; with why
    # (UNSEEN_WHY). Kept for the advice on a cell that then reads as empty (a white header on a white cell).
    unseen: str = ""
    unseen_why: str = ""
    # A .docx row deleted under Track Changes (修订: w:trPr/w:del), the deletion neither accepted nor rejected.
    deleted: bool = False
    # The footnotes, endnotes and comments anchored in the cell (a .docx's): read as the table's notes.
    attached: tuple[AttachedNote, ...] = ()


# Why a cell's text is not seen, in the words of an error message.
UNSEEN_WHY = {"colour": "set in the colour of what is behind it (white on a white cell)",
              "hidden": "set as hidden text (隐藏文字) or too small to see"}


@dataclass
class Grid:
    """A table, merged cells expanded: every row has a cell for every column."""
    number: int                   # 1-based, in document order
    rows: list[list[GridCell]]
    before: list[Paragraph] = field(default_factory=list)   # the paragraphs just above it, nearest last
    after: list[Paragraph] = field(default_factory=list)    # the paragraphs after it, up to the next table
    # A PDF's: the table this one follows on the next page with the same columns, not joined to it (something
    # stood between them): perhaps its part after a page break, which must not be lost without a word.
    same_columns_as: int | None = None
    # A PDF's: the table that ended the page before this one starts its page, when this one has other columns (a
    # header row repeated inside a merged cell, shifted one column): its rows after a repeated header are perhaps
    # the rest of that table, which must not be lost without a word either.
    next_page_of: int | None = None
    # A Word table's: the cell of the one-cell table (a layout frame) it is drawn in, which holds nothing else but
    # its title; the table is read as the table the frame holds, and the cleaning log says so.
    frame: Place | None = None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def summary(self) -> str:
        """How an analyst recognises the table: its title above, else its first cells."""
        title = next((p.text.strip() for p in reversed(self.before) if p.text.strip()), "")
        first = " | ".join(dict.fromkeys(c.text for c in (self.rows[0] if self.rows else []) if c.text))
        return f"table {self.number}: " + (f"'{title[:40]}' above it; " if title else "") + f"first row '{first[:60]}'"


@dataclass(frozen=True)
class LinkedFile:
    """A file beside the document that its reader read, as part of what the document shows (a web page's linked
    style sheet: its rules decide which text the page shows). The data step checks it against the checksum
    manifest with its document (helpers.extract.manifest), and the cleaning log names it."""
    path: Path      # as read: the resolved file
    href: str       # how the document names it (a link's href, an @import's url)
    line: int       # the document's line that brings it in (the <link>, or the <style> or link whose sheet imports it)


@dataclass
class Document:
    path: Path
    kind: str                          # docx | html | pdf
    paragraphs: list[Paragraph]
    grids: list[Grid]
    repairs: dict[str, int] = field(default_factory=dict)   # what the reader repaired, counted (a PDF's text)
    encoding: str = ""                 # a web page's: the charset it was read in
    # A web page's that declares no charset, read as GB18030, whose bytes are Big5 text as well ("big5"): named
    # when its table is not found (a traditional-Chinese page read as GBK is garbled, and no title matches).
    also_big5: bool = False
    struck: int = 0                    # pieces of struck-through text not read (Word's 删除线, <s>, <del>)
    hidden: int = 0                    # pieces of hidden text not read (Word's 隐藏文字, a page's display:none)
    watermarks: list[str] = field(default_factory=list)   # a PDF's watermark, left out: its pieces of text
    # A web page's tables that hold other tables: read as the page they hold (their tables are in `grids`), and
    # kept as grids too, to name the cell when the plan's own table holds a table in a cell.
    outer_grids: list[Grid] = field(default_factory=list)
    # A web page's linked style sheets that could not be read (a web address, not beside the page): (href, line).
    unread_stylesheets: list[tuple[str, int]] = field(default_factory=list)
    # The files beside the document its reader read (a web page's style sheets), each once, in the order read.
    linked_files: list[LinkedFile] = field(default_factory=list)
    # What is printed beside the document's text and names it, read only for what it says the document is (a
    # draft: plans._no_draft_mark): a .docx's page headers and footers and its WordArt (a watermark), a web page's
    # <title>, a PDF's page headers and footers and its watermarks, as (where, text).
    title_marks: list[tuple[str, str]] = field(default_factory=list)
    # The document's cover (helpers.extract.documents.cover): its lines before the body, as (place, text), where a
    # draft marks itself (（征求意见稿） as the cover's 4th line), read for that only (plans._no_draft_mark).
    cover: list[tuple[object, str]] = field(default_factory=list)


def join_lines(text: str) -> str:
    """A cell's or a wrapped sentence's lines as one: `2020年完成\\n值` is 2020年完成值; Latin words keep a space.
    A line break and the spaces around it (blank lines too) are nothing beside a Chinese character, a space
    elsewhere. (Line by line, not by a pattern: \\s*\\n\\s* went over a run of spaces from each of them, and a
    .docx cell of 100,000 spaces took minutes.)"""
    parts: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        if line and parts:
            beside_cjk = _CJK_CHARACTER.fullmatch(parts[-1][-1]) or _CJK_CHARACTER.fullmatch(line[0])
            parts.append("" if beside_cjk else " ")
        if line:
            parts.append(line)
    return "".join(parts)


# A plan's table is some 30 rows by 10 columns; a site's layout table a few thousand cells. Spans that would make
# more positions than this are refused (10,000 rows of colspan="1000" took 33 s and gigabytes).
MAX_GRID_POSITIONS = 100_000


class GridTooLarge(ValueError):
    """A table whose merged cells would expand past MAX_GRID_POSITIONS."""


def expand(rows: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, bool]]]:
    """Rows of (text, rowspan, colspan) cells as a full grid of (text, spanned): each merged cell's text is
    repeated in every position it covers, the copies marked. Rows shorter than the widest are padded with
    empty cells (a ragged HTML table). The table ends at the last column a cell starts in: a colspan past it
    (a note row's colspan="99" for 'the whole width') adds no empty columns."""
    grid: list[list[tuple[str, bool] | None]] = []
    last_start = -1
    positions = 0
    for r, cells in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        column = 0
        for text, rowspan, colspan in cells:
            while column < len(grid[r]) and grid[r][column] is not None:
                column += 1
            last_start = max(last_start, column)
            positions += min(max(rowspan, 1), len(rows) - r) * max(colspan, 1)
            if positions > MAX_GRID_POSITIONS:
                raise GridTooLarge(f"row {r + 1}")
            for dr in range(min(max(rowspan, 1), len(rows) - r)):   # a rowspan past the last row ends there
                while len(grid) <= r + dr:
                    grid.append([])
                row = grid[r + dr]
                for dc in range(max(colspan, 1)):
                    while len(row) <= column + dc:
                        row.append(None)
                    row[column + dc] = (text, dr > 0 or dc > 0)
            column += max(colspan, 1)
    width = min(max((len(r) for r in grid), default=0), last_start + 1)
    return [[cell or ("", False) for cell in row[:width]] + [("", False)] * (width - len(row)) for row in grid]


FIGURE_END, FIGURE_START = re.compile(r"[0-9０-９][.．]?$"), re.compile(r"^[.．]?[0-9０-９]")
FIGURE_CHARACTERS = set("0123456789０１２３４５６７８９.．")
# A character raised or lowered from its line by at most this share of its size stands on the line (a nudge:
# LibreOffice prints a 1 raised 1 pt before 4 at 11 pt as 14, on one line); a digit moved further at its line's size
# beside a digit of the line is a figure a reader may read whole or in parts (Word's w:position, a PDF's text rise).
ON_THE_LINE = 0.1


def smaller_digit(pieces: list[tuple[str, float | None]]) -> str:
    """Why a line's figure is in doubt, or "": a digit set smaller than the digit beside it, on its line (not
    raised: a raised note mark is written as superscript before this, and is no digit here). `pieces` are the line's
    text in reading order, each with the size it is set at (any unit, one for the line; None: not known, not
    compared). Whether a reader takes such a digit into the figure cannot be told: 2, a small 9, 0 was read 290,
    20 and a small 9 read 209. The threshold is the PDF reader's, one rule for every format: config/method.yaml,
    pdf_note_marks.smaller."""
    from helpers.core.method import method_parameters
    smaller = method_parameters().note_mark_smaller
    shown = [(text, size) for text, size in pieces if text]
    line = "".join(text for text, _ in shown)
    at = 0
    for (before, before_size), (after, after_size) in zip(shown, shown[1:]):
        at += len(before)
        if before_size is None or after_size is None or not (FIGURE_END.search(before) and
                                                              FIGURE_START.search(after)):
            continue
        small, large = sorted(((before_size, before), (after_size, after)), key=lambda piece: piece[0])
        if small[0] < smaller * large[0]:
            start, end = at, at       # the figure's characters around the boundary (a loop: linear however long)
            while start and line[start - 1] in FIGURE_CHARACTERS:
                start -= 1
            while end < len(line) and line[end] in FIGURE_CHARACTERS:
                end += 1
            figure = line[start:end]
            digits = small[1].strip()
            return (f"'{digits[:20]}' is set smaller ({small[0] / large[0]:.0%} of the size) than the digits "
                    f"beside it in '{figure[:20]}', on their line (no raised note mark): a reader may take it "
                    "into the figure or not")
    return ""
