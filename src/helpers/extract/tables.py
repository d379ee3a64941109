"""Finding and reading a plan's main-indicator table, for each known layout.

A layout (config/sources.yaml) names one of the parsers here plus its settings. The parsers
only cut the text into header, rows and cells, each cell keeping its line number and raw
text; turning cells into clean values is cleaning.py's job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from helpers.core.config import HEADER_ROLE_NAMES, Layout, Plan, PlanPeriod, Sources
from helpers.core.errors import InputError, quoted
from helpers.core.limits import PLAN_TEXT, check_size
from helpers.core.paths import display_path
from helpers.core.periods import FIVE_YEARS, known_periods
from helpers.core.text import normalise, read_utf8
from helpers.core.values import NotANumber, split_note_marks
from helpers.extract.documents.model import UNSEEN_WHY, Place
from helpers.extract.name_meaning import (
    UNVERIFIED,
    estimate_in_note,
    estimate_word,
    part_year,
    preliminary,
    remark_says,
    stated_years,
    year_start,
)


@dataclass(frozen=True)
class Cell:
    raw: str    # the cell as written in the file (without the line break and indenting tab)
    text: str   # normal form
    line: int   # 1-based; a cell of a document read into a grid: its place's ordinal (Place.ordinal)
    place: Place | None = None   # a cell of a .docx, web page or PDF: where it is (None: a text file's line)
    doubt: str = ""              # why a reader may see its figure otherwise (GridCell.doubt)
    unseen: str = ""      # text the cell holds that no reader sees, never read (GridCell.unseen), and why
    unseen_why: str = ""
    # a table's note kept apart from its text (a .docx's footnote, endnote or comment: AttachedNote.kind), placed at
    # the cell it is anchored in
    apart: str = ""
    mark: str = ""        # such a note's reference mark as its anchor writes it (AttachedNote.mark), or ""

    @property
    def where(self) -> int | Place:
        """Where the cell is, as an InputError names it: a text file's line, or its place in the document."""
        return self.place if self.place is not None else self.line


@dataclass(frozen=True)
class ValueColumn:
    role: str                 # "actual" or "target" ("year" until the plan's period classifies it)
    year: int
    for_province: bool        # True: the values belong to the province, not the county
    header: Cell
    estimated: bool = False   # the header says 预计, or part of the year: the year's figure is an estimate
    part_year: str = ""       # the header's words for part of a year (1-11月, 截至11月): never the year's actual
    by_period: bool = False   # a year alone (2030年): actual or target by the plan's period
    # the note marks written after the header (2025年*, read as 2025年: _role_of); the table's note must define them
    # as marking estimates, and the column be the year's actuals (cleaning: _header_marks), else the run stops
    mark: str = ""
    # the header's words for the start of the year after `year` (2025年初: the end of 2024, so `year` is 2024): never a
    # target (_year_start_target)
    year_start: str = ""
    # the header's word for the year's preliminary count (2025年（快报）: counted, may be revised): read as actuals,
    # and each figure noted so (cleaning), to be marked where it is judged
    preliminary: str = ""
    # a header with no year (现状值, 目标值) read by `role: base` or `role: target`: the plan's period gives its
    # year (resolve_year_columns), "base" or "target"; `year` is 0 until then
    from_period: str = ""
    # a year-less base column (现状值) whose figures the plan's own words call estimates (预计2025年底…,
    # 现状值为预计数): the sentence and where it is (base_estimated_in_text); its figures are estimates, never the
    # base year's actuals
    estimated_by: tuple = ()


@dataclass
class TableRow:
    name: Cell
    values: list[tuple[ValueColumn, Cell]]
    serial: Cell | None = None
    category: str = ""
    category_inherited: bool = False   # the category cell was merged (empty) and taken from above
    unit: Cell | None = None           # the unit column's cell, when the layout has one
    attribute: Cell | None = None      # the 属性 column's cell (预期性 / 约束性), when the table has one
    group_label: str = ""              # e.g. 其中 for sub-rows
    cells: list[Cell] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return min(c.line for c in self.cells)

    @property
    def last_line(self) -> int:
        return max(c.line for c in self.cells)

    def quote(self) -> str:
        return " | ".join(c.raw.strip() for c in self.cells)


@dataclass
class ParsedTable:
    path: Path
    title: Cell
    header: list[Cell]
    roles: list[str]
    columns: list[ValueColumn]
    rows: list[TableRow]
    end_line: int
    notes: list[Cell] = field(default_factory=list)      # the table's 注 lines or rows (〔〕内为五年累计数 …)
    contents: list[Cell] = field(default_factory=list)   # title matches skipped: a table of contents' entries
    empty_tables: list[Place] = field(default_factory=list)   # empty tables between the title and the table, skipped
    continued: list[Place] = field(default_factory=list)      # where the table continues in a table of its own
    # the cell of the one-cell table (a layout frame) the table is drawn in, and the table's number
    framed: list[tuple[Place, int]] = field(default_factory=list)
    # where it continues by the analyst's word (`continued:` in config/sources.yaml), and that word
    confirmed: list = field(default_factory=list)
    # where it continues in a next table that repeats its header row after a short line that is not 续表 (接上表,
    # 单位：万人): the place the part before ends, the part's first place and the line between (left out)
    by_header: list = field(default_factory=list)
    # The document's other tables titled alike (how an analyst recognises each): which the title also matches
    also_titled: list[str] = field(default_factory=list)
    # tables titled alike passed over, their header not an indicator table's: each title, and the header cell no
    # column pattern knows (None: no header, or a layout frame), for the cleaning log (dataset: table_passed_over)
    passed_over: list[tuple[Cell, Cell | None]] = field(default_factory=list)
    # the title, or a line or paragraph between it and the table, that gives the table's unit (单位：万人): for the
    # rows that give none (cleaning: unit_from_caption)
    unit_caption: Cell | None = None
    # the title and the lines or paragraphs between it and the table (a caption row across its top too): read as
    # its notes are (table_notes), for a note above the table (单位：万人（2025年为预计数）, 2025年数据待核实)
    above: list[Cell] = field(default_factory=list)
    # the header cells of the columns read as the 属性 by their cells, all 约束性 or 预期性 (settle_roles)
    by_content: list[Cell] = field(default_factory=list)


# Absurd inputs are refused before they are parsed: a real plan is some 50 kB (its size: helpers.core.limits), and
# its longest line is a paragraph of a few hundred characters.
MAX_LINE_CHARS = 20_000


# A document of another format under a text file's name: named by its first bytes, so that it is never advised to
# be converted from GBK.
BINARY_FORMATS = ((b"PK\x03\x04", "a Word document (.docx) or another zipped Office file", ".docx"),
                  (b"%PDF", "a PDF", ".pdf"),
                  (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or WPS (.wps) file", ".doc"),
                  (b"{\\rtf", "an RTF document", ".rtf"))


def read_lines(path: Path) -> list[str]:
    check_size(path, PLAN_TEXT)
    with open(path, "rb") as file:
        head = file.read(8)
    for magic, what, suffix in BINARY_FORMATS:
        if head.startswith(magic):
            raise InputError(path, None, f"this is not a text file: it is {what}",
                             f"give it its own name ({Path(path).stem}{suffix}) and name that file in "
                             "config/sources.yaml, with no `layout:`: the plan is read as published; then run "
                             "`make manifest`." if suffix != ".rtf" else
                             "open it in Word or WPS and save it as .docx; name the .docx in config/sources.yaml.")
    if b"\0" in head:
        raise InputError(path, None, "this is not a text file: it holds binary data",
                         "give the plan as published (.docx, .doc, .wps, web page or PDF) under its own file type.")
    lines = read_utf8(path, "plan document", PLAN_TEXT).splitlines()
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(path, number, f"this line is {len(line):,} characters long, far more than any "
                             f"paragraph of a plan (the limit is {MAX_LINE_CHARS:,}): the document is not a plan's "
                             "text, or lost its line breaks",
                             "export the plan again as plain text with its line breaks (Word: Save As → Plain "
                             "Text, with 'insert line breaks' off and paragraphs kept).")
    return lines


def title_lines(lines: list[str], plan: Plan, path: Path) -> list[int]:
    """The indexes of the lines that match the table title: the table's own, and perhaps a table of contents'
    entry before it."""
    found = [index for index, raw in enumerate(lines) if plan.table_title.search(normalise(raw), path, index + 1)]
    if not found:
        raise InputError(path, f"lines 1–{len(lines)}",
                         f"no main-indicator table: no line matches the table title /{plan.table_title.pattern}/",
                         "check that the document is the complete plan with its indicator table, or correct "
                         "`table_title` for this plan in config/sources.yaml.")
    return found


def find_title(lines: list[str], plan: Plan, path: Path) -> int:
    return title_lines(lines, plan, path)[0]


# A table of contents' entry: the title, then a leader (dots, a tab, spaces) and a page number. (A leader is
# matched from its first character only: tried from each, a line of 20,000 spaces took a minute.)
CONTENTS_ENTRY = re.compile(r"((?<!\.)\.{2,}|(?<!…)…+|(?<!·)·{2,}|(?<!\s)\s)\s*\d{1,3}$")


VALUE_ROLES = ("actual", "target", "year", "base")


def unseen_cell_error(path: Path, cell: Cell, what: str) -> InputError:
    """A document's cell that shows nothing, though it holds text no reader sees (a white heading on a white cell):
    said as it is, with advice that fits (it was told to check the table's merged cells). Only a Word document's
    reader tells such text (Cell.unseen): a web page's and a PDF's text that no reader sees is hidden, not read."""
    return InputError(path, cell.where, f"{what} shows nothing: its text '{cell.unseen.strip()[:40]}' is "
                      f"{UNSEEN_WHY.get(cell.unseen_why, 'not shown')}, so no reader sees it, and it is not read",
                      "open the document in Word or WPS and look at the cell. If it shows nothing there either, the "
                      "document hides the text: select it, set its font colour to 自动 (Automatic) and untick 隐藏 "
                      "(Hidden) in 字体 (Font), save the document and run `make manifest`. If Word shows the text, "
                      "the colour behind it is one this project cannot tell: print the document to PDF from Word, "
                      "name the PDF in config/sources.yaml instead, and run `make manifest`.")


def viewer(path: Path) -> str:
    """What shows the plan as its reader sees it, by the document's kind."""
    return {".pdf": "a PDF viewer", ".html": "the browser", ".htm": "the browser",
            ".txt": "a text editor"}.get(Path(path).suffix.lower(), "Word or WPS")


# A header cell a reader may see otherwise (a web page's style hiding or moving a letter of it: Cell.doubt): no
# reading of the analyst's can stand for a header, and printed to PDF the page shows the header as changed.
# A plan published as a PDF or a web page is the office's: it cannot be corrected here (an edited copy fails its
# checksum, and a PDF's table cannot be edited at all). Its Word original can.
PUBLISHED_AS_IS = {".pdf": "a PDF", ".html": "a web page", ".htm": "a web page"}


def corrected_in_the_plan(path: Path, what: str) -> str:
    """Advice to correct the plan's table (`what`: "make the table's header one row: …"), as it can be followed for
    the document's kind: in a Word document or a text export the analyst does it and saves; a PDF or a web page
    cannot be edited, so it is done in the plan's .docx, asked of the office, named instead. (The advice to edit
    the plan document was given for PDFs and web pages too, and could not be followed.)"""
    kind = PUBLISHED_AS_IS.get(Path(path).suffix.lower())
    if kind:
        return (f"{kind} cannot be corrected here: ask the office for the plan as .docx (Word); in it, {what}; save "
                "it, name the .docx in config/sources.yaml instead (`file:`) and run `make manifest`.")
    return f"in the plan document, {what}; save it and run `make manifest`."


HEADER_DOUBT_FIX = ("look at the table as the plan's page shows it, and ask the office for the plan as .docx or as "
                    "the PDF it publishes; name that file in config/sources.yaml and run `make manifest`.")


def _header_cell_role(cell: Cell, number: int, count: int, sources: Sources, path: Path,
                      header: list[Cell] | None = None):
    """The role a header cell's words give its column (_role_of), or the stop for a cell in doubt, empty or unknown
    (column `number` of `count`)."""
    if cell.doubt:
        raise InputError(path, cell.where, f"the table's header cell '{cell.raw.strip()[:40]}' (column "
                         f"{number} of {count}): {cell.doubt}, so which column holds which "
                         "figures cannot be told for sure", HEADER_DOUBT_FIX)
    role = _role_of(cell, sources, path)
    if role is None and not cell.text.strip() and cell.unseen.strip():
        raise unseen_cell_error(path, cell, f"the table's header cell (column {number} of {count})")
    if role is None and not cell.text.strip():
        raise InputError(path, cell.where, f"the table's header has an empty cell (column {number} of "
                         f"{count}): some rows have more cells than the header names, so no value can be "
                         "placed in its column safely",
                         corrected_in_the_plan(path, "correct the table's merged cells (a cell merged down or "
                                               "across further than it should, or a row with an extra cell)"))
    if role is None:
        raise _unknown_header(path, cell, sources, header)
    return role


def header_roles(header: list[Cell], sources: Sources, path: Path) -> tuple[list[str], list[ValueColumn]]:
    roles, columns = [], []
    for cell in header:
        name, match, entity, mark = _header_cell_role(cell, len(roles) + 1, len(header), sources, path, header)
        year = match.groupdict().get("year") if name in VALUE_ROLES else None
        if name in ("base", "target") and not year:
            # 现状值, 目标值: no year in the header; the plan's period gives it (resolve_year_columns)
            roles.append("year" if name == "base" else name)
            columns.append(ValueColumn("year" if name == "base" else name, 0, entity == "province", cell,
                                       estimated=bool(estimate_word(cell.text)), mark=mark, from_period=name))
            continue
        base = name == "base"
        if base:
            name = "year"     # 基期（2025年）: its year as captured, up to the plan's base year (resolve_year_columns)
        roles.append(name)
        if name in VALUE_ROLES:
            if not year:
                period, _ = reading_period(sources)
                raise InputError(sources.path, None, f"the header pattern for '{cell.text}' captures no year",
                                 "write the year part of the pattern as (?P<year>\\d{4}); for a header that "
                                 f"writes no year (现状值, 目标值), `role: base` (the plan's base year, "
                                 f"{period.base_year}) or `role: target` (its target year, {period.target_year}) "
                                 f"take the year from the plan's period ({period_said(sources)}).")
            # A pattern names the column's role; the estimate word its header writes still says what the figures
            # are (规划目标2025年（预计） matched by the analyst's `role: year`: an estimate, not the year's actual),
            # and so do its words for part of a year (2025年1-11月 matched by `role: actual`: the plan's stand-in
            # for the year's figure, an estimate of it; never a target, PART_YEAR_WHY).
            part = part_year(cell.text)
            if part and name == "target":
                raise _part_year_target(path, cell, part.words, int(year), sources)
            # 2025年初, the start of 2025, is the end of 2024 (as a workbook's name's 年初: name_meaning.START): read
            # as 2025's, by any pattern, its figures were a year late
            start = year_start(cell.text)
            if start and name == "target":
                raise _year_start_target(path, cell, start, int(year), sources)
            year = int(year) - 1 if start else int(year)
            columns.append(ValueColumn(name, year, entity == "province", cell,
                                       estimated=bool(match.groupdict().get("estimated") or estimate_word(cell.text)
                                                      or part),
                                       part_year=part.words if part else "", mark=mark,
                                       year_start=start or "", preliminary=preliminary(cell.text) or "",
                                       from_period="base" if base else ""))
    if "name" not in roles or not columns:
        raise InputError(path, header[0].where if header else None,
                         "the table header has no indicator-name column or no value column",
                         "check the header row of the table, or `header_roles` in config/sources.yaml.")
    return roles, columns


# A 属性 cell as written (normalised, spaces removed) and what it means: binding (约束性) or expected (预期性).
# Also as plans write them in brackets, with 目标, or as 约束型 / 预期型 (redteam16: under 类型 these were read as the
# category, and every row's 属性 lost); brackets in both widths, as the cleaner compares the cell as written.
ATTRIBUTES = {f"{before}{word}{after}": meaning
              for word, meaning in (("约束性", "约束性"), ("约束", "约束性"), ("约束性指标", "约束性"),
                                    ("约束性目标", "约束性"), ("约束型", "约束性"), ("约束型指标", "约束性"),
                                    ("预期性", "预期性"), ("预期", "预期性"), ("预期性指标", "预期性"),
                                    ("预期性目标", "预期性"), ("预期型", "预期性"), ("预期型指标", "预期性"))
              for before, after in (("", ""), ("（", "）"), ("(", ")"))}
# What each role a column can have once in a table reads, in the words of a message.
ONCE_ROLES = {"category": "the indicators' category", "serial": "the row number", "name": "the indicator name",
              "unit": "the unit", "attribute": "the 属性 (约束性 / 预期性)"}


def settle_roles(header: list[Cell], roles: list[str], body: list[list[Cell]], sources: Sources, path: Path,
                 merged_told: bool) -> tuple[list[str], list[Cell]]:
    """The header's roles (header_roles) settled by what the columns hold, then checked: each role but remark
    once. `body`: the table's rows, each a cell for each header cell (a row of another length is left out: it
    stops where the rows are read); `merged_told`: the format tells a merged cell from an empty one (a document's
    grid does; a text export writes both as an empty cell).

    A category column whose cells are 约束性 or 预期性 is the 属性 column: 类型 and 指标类型 head the indicators'
    groups in some plans and their 约束性/预期性 in others, so the header cannot decide and the cells do. (Read as
    the category, every row's 约束性 was lost, and with it the brief's ★ and its binding-first order.) The header
    cells of such columns are returned with the roles. A category column where some cells are 约束性/预期性 and
    others not stops. Two columns of one role stop, naming both (the second was read over the first, silently)."""
    roles, by_content = list(roles), []
    for index, role in enumerate(roles):
        if role != "category":
            continue
        cells = [row[index] for row in body if len(row) == len(header)]
        said = [c for c in cells if _compact(c.text) in ATTRIBUTES]
        if not said:
            continue
        other = next((c for c in cells if _compact(c.text) and _compact(c.text) not in ATTRIBUTES), None)
        if other is not None:
            raise _attribute_in_category(path, sources, header[index], said[0], other)
        after = cells[next(i for i, c in enumerate(cells) if c is said[0]):]
        empty = next((c for c in after if not _compact(c.text)), None)
        if empty is not None and not merged_told:
            raise _attribute_merged_or_empty(path, sources, header[index], empty)
        roles[index] = "attribute"
        by_content.append(header[index])
    for role, what in ONCE_ROLES.items():
        cells = [cell for cell, r in zip(header, roles) if r == role]
        if len(cells) > 1:
            raise _two_columns(path, sources, what, cells, by_content, header)
    return roles, by_content


def _column_of(cell: Cell, header: list[Cell]) -> str:
    number = next((i for i, c in enumerate(header, 1) if c is cell), None) or \
        next((i for i, c in enumerate(header, 1) if c == cell), None)
    return f"column {number} of {len(header)}" if number else "a column of the header"


def _two_columns(path: Path, sources: Sources, what: str, cells: list[Cell], by_content: list[Cell],
                 header: list[Cell]) -> InputError:
    """Two header cells of one role (two category columns, two 属性 columns …, or two columns of one year's
    targets): only one can be read, and which cannot be told. The advice gives the one read by its cells (else the
    second) the role remark, which a `header_roles` pattern matching its whole header does; two alike headers
    cannot be told apart by a pattern, so the plan's header is corrected instead."""
    first, second = cells[0], cells[1]
    why = {id(c): " (read as the 属性 by its cells, all 约束性 or 预期性)" for c in by_content}
    problem = (f"two header cells are read as {what}: '{first.raw.strip()}' ({_column_of(first, header)})"
               f"{why.get(id(first), '')} and '{second.raw.strip()}' ({_column_of(second, header)})"
               f"{why.get(id(second), '')}; only one can be read, and which cannot be told")
    if _compact(first.text) == _compact(second.text):
        return InputError(path, second.where, problem, corrected_in_the_plan(
            path, f"give the column that is not {what} a heading of its own (e.g. 备注 for a column not to be read), "
                  "so that the two columns' headings differ"))
    other = next((c for c in cells if any(c is b for b in by_content)), second)
    kept = first if other is second else second
    def own_entry(cell: Cell):
        return next((hr for hr in sources.header_roles if hr.pattern.config is not None
                     and hr.pattern.fullmatch(_compact(cell.text), path, cell.where)), None)
    entry, kept_entry = own_entry(other), own_entry(kept)
    if entry is not None and kept_entry is not None and kept_entry is not entry:
        # both columns read so by the analyst's entries: either may be the one at fault, so both are named (naming
        # the second alone, the user changed the column that was the target year's and kept the one at fault:
        # redteam20 T4)
        entries = sorted(((kept, kept_entry), (other, entry)), key=lambda ce: ce[1].pattern.line or 0)
        named = " and ".join(f"`pattern: '{e.pattern.pattern}'` (line {e.pattern.line}, reading "
                             f"'{c.raw.strip()}')" for c, e in entries)
        return InputError(path, other.where, problem,
                          f"two entries under `header_roles` in {display_path(sources.path)} read their columns as "
                          f"{what}: {named}. Read what each column holds in the plan, and change the role of the "
                          "entry whose column is not that to remark (`role: remark`: its cells are read and not "
                          "used) or to the role it has (roles: " + ", ".join(HEADER_ROLE_NAMES) + ").")
    if entry is not None:    # the analyst's own entry gives it the role: another one after it would not be used
        return InputError(path, other.where, problem,
                          f"the entry `pattern: '{entry.pattern.pattern}'` under `header_roles` in "
                          f"{display_path(sources.path)} (line {entry.pattern.line}) reads '{other.raw.strip()}' as "
                          f"{what}: if the column is not that, change the entry's role to remark (`role: remark`: its "
                          "cells are read and not used) or to the role it has (roles: " + ", ".join(HEADER_ROLE_NAMES)
                          + ").")
    return InputError(path, other.where, problem,
                      f"give the column that is not {what} its own role under `header_roles` in "
                      f"{display_path(sources.path)}: `- {{pattern: '{_pattern_for(other)}', role: remark}}` when it "
                      f"is not read (its cells are read and not used), or the role it has (roles: "
                      + ", ".join(HEADER_ROLE_NAMES) + f"); if '{other.raw.strip()}' is {what}, give "
                      f"'{kept.raw.strip()}' its role instead (`- {{pattern: '{_pattern_for(kept)}', role: …}}`).")


def _attribute_in_category(path: Path, sources: Sources, head: Cell, said: Cell, other: Cell) -> InputError:
    """A category column where some cells are 约束性/预期性 and others are not: neither the category nor the 属性
    can be read from it for sure."""
    return InputError(path, said.where, f"the column '{head.raw.strip()}' is read as the indicators' category, but "
                      f"its cell here is '{said.raw.strip()}', a 属性 (约束性 / 预期性), while another is "
                      f"'{other.raw.strip()}': whether the column is the category or the 属性 cannot be told, and "
                      "read as the category the row's 约束性 would be lost",
                      f"look at the table in {viewer(path)}. If the column is the 属性, say so under `header_roles` "
                      f"in {display_path(sources.path)}: `- {{pattern: '{_pattern_for(head)}', role: attribute}}` "
                      "(a cell neither 约束性 nor 预期性 then stops, for a reading of it); if it is a column not to be "
                      f"read, `- {{pattern: '{_pattern_for(head)}', role: remark}}`.")


def _attribute_merged_or_empty(path: Path, sources: Sources, head: Cell, empty: Cell) -> InputError:
    """A column read as the 属性 by its cells (settle_roles) with an empty cell under a 约束性/预期性 one, in a text
    export: a merged cell (a group of rows of one 属性, as a category column is written) and a row with no 属性
    both come as an empty cell, and the two readings differ (约束性, or none)."""
    return InputError(path, empty.where, f"the column '{head.raw.strip()}' holds 约束性 or 预期性, so it is read as "
                      "the 属性, but this cell of it is empty: in a text export a cell merged with the one above (a "
                      "group of rows of one 属性) and a row with no 属性 are both an empty cell, so whether this row "
                      "is 约束性 cannot be told",
                      "if the column's cells are merged in the plan, name the plan as published (.docx, web page or "
                      "PDF, which tell merged cells) in config/sources.yaml instead and run `make manifest`; if the "
                      "empty cells are rows with no 属性, say so under `header_roles` in "
                      f"{display_path(sources.path)}: `- {{pattern: '{_pattern_for(head)}', role: attribute}}` (an "
                      "empty 属性 cell is read as none).")


# A header's words that say what a column holds, for the advice on an unknown header: the role that fits.
YEAR_IN_HEADER = re.compile(r"(19|20)[0-9]{2}")


def _pattern_for(cell: Cell) -> str:
    """A header cell as a pattern that matches it, quoted for YAML's single quotes."""
    return re.escape(_compact(cell.text)).replace("'", "''")


pattern_for = _pattern_for


# Why a column for part of a year (2025年1-11月, 2025年（截至11月）, 2025年前三季度) is read as it is: a plan drafted
# before its base year closed gives the months counted so far as its stand-in for the year's figure, as it gives an
# estimate (2025年（预计）). Read so, up to the base year, it is the plan's base marked as an estimate, and never the
# year's actual: the evaluation does not judge it, and a stated figure for the year (a monitoring workbook) is
# preferred. (Read as the year's actual, an 11 months' figure met the 十四五 target, 达标.) A part of a year is
# no target: a plan's targets are for whole years, so such a column at the target year stops the run.
PART_YEAR_WHY = "a plan's targets are for whole years"


def _part_year_target(path: Path, cell: Cell, words: str, year: int, sources: Sources) -> InputError:
    """A column for part of a year read as a target (by `role: target`, or a year alone at the plan's target year)."""
    return InputError(path, cell.where, f"the column {quoted(cell.raw.strip())} gives part of {year} ({words}), but "
                      f"is read as {year}'s targets: {PART_YEAR_WHY}, and figures for part of one are neither the "
                      "year's target nor its actual",
                      "check that the document is the plan (a report on its progress gives figures for part of a "
                      "year) and the plan's `plan_period` in config/sources.yaml, and that no `header_roles` entry "
                      "gives this column `role: target`. If the column is not one to read, add under `header_roles` "
                      f"in {display_path(sources.path)}: `- {{pattern: '{_pattern_for(cell)}', role: remark}}`.")


def _year_start_target(path: Path, cell: Cell, words: str, year: int, sources: Sources) -> InputError:
    """A column for the start of a year (2025年初) read as targets (by `role: target`, or the year before at the
    plan's target year): a plan's targets are for a year, reached by its end, and the start of one is the year
    before's end."""
    return InputError(path, cell.where, f"the column {quoted(cell.raw.strip())} gives the start of {year} ({words}), "
                      f"the end of {year - 1}, but is read as targets: {PART_YEAR_WHY}, and the start of a year is "
                      "the end of the year before",
                      "check that the document is the plan and the plan's `plan_period` in config/sources.yaml, and "
                      "that no `header_roles` entry gives this column `role: target`. If the column is not one to "
                      f"read, add under `header_roles` in {display_path(sources.path)}: "
                      f"`- {{pattern: '{_pattern_for(cell)}', role: remark}}`.")


# A header's words for the plan's base (现状值, 基期值, 基数, 期末值): its year-less advice offers `role: base` first.
BASE_WORDS = re.compile(r"现状|基期|基数|基准|现值|期末|末|基础|完成")


# ------------------------------------------------------------------ advice on a column's role or year, by the period
# Every advice that names a role or a year for a column (role: target, base, actual, year; an estimate's role: year;
# the year-less role: base / role: target) is checked here against the period the plan is read by, before it is
# offered (redteam19, class 1, finding 1: a 十五五 plan read by the default 十四五 period stopped at its 2030年 column
# with `role: target` offered; followed, its 2025 base figures became 2025 targets and were judged met or missed).

def period_fits(role: str, year: int, period: PlanPeriod) -> bool:
    """Whether a column of `year` read with `role` fits the plan's period: a target only at its target year; an
    actual, the base or an estimate (`estimate`: role: year with words that make the figures estimates) only up to its
    base year; `year` (the period decides) either. Other roles (remark, name …) name no year."""
    if role == "target":
        return year == period.target_year
    if role in ("actual", "base", "estimate"):
        return year <= period.base_year
    if role == "year":
        return year <= period.base_year or year == period.target_year
    return True


def reading_period(sources: Sources) -> tuple[PlanPeriod, Plan | None]:
    """The period the plan being read is read by (Sources.for_plan), and the plan; the file's default outside a
    plan's reading."""
    plan = sources.reading
    return (plan.period if plan is not None else sources.plan_period), plan


def period_said(sources: Sources) -> str:
    """The plan's period, and where it comes from: the entry, the document's title, or the file's default."""
    period, plan = reading_period(sources)
    shown = f"{period.name} ({period.base_year}→{period.target_year})"
    config = display_path(sources.path)
    if plan is not None and plan.period_given:
        return f"{shown}, as the plan_period of its entry in {config} (line {plan.line}) gives it"
    if plan is not None and plan.period_from:
        return f"{shown}, as its document's title names it ({plan.period_from})"
    entry = f"its entry in {config} (line {plan.line}, file: {plan.file})" if plan is not None else "its entry"
    return (f"{shown}, the file's default: {entry} gives no plan_period and its document's title names no period")


def suggested_period(sources: Sources, years: list[int]) -> PlanPeriod | None:
    """The period a table's year columns show (`years`): its last year the target year, the year before it among
    them the base year (else five years before), named as the configured or placed period of those years (…: none)."""
    shown = sorted(set(years))
    if not shown:
        return None
    target = shown[-1]
    below = [y for y in shown if y < target]
    base = below[-1] if below else target - FIVE_YEARS
    return next((p for p in known_periods(sources.periods()) if (p.base_year, p.target_year) == (base, target)),
                None) or PlanPeriod("…", base, target)


def plan_period_entry(period: PlanPeriod) -> str:
    """A period as the line of a plan's entry that gives it."""
    return f"`plan_period: {{name: {period.name}, base_year: {period.base_year}, target_year: {period.target_year}}}`"


def period_first(sources: Sources, years: list[int], column: str) -> str:
    """The advice for a column whose year fits no role under the plan's period (period_fits): the period first, as
    the table's year columns show it (`years`), never `role: target` for a year that is not the target year."""
    period, plan = reading_period(sources)
    shown = sorted(set(years))
    suggested = suggested_period(sources, shown)
    entry = f"under its entry (line {plan.line}, file: {plan.file})" if plan is not None else "under the plan's entry"
    fix = (f"check the plan's period first: it is read by {period_said(sources)}; a table read by it gives actual "
           f"figures up to the base year {period.base_year} and targets for the target year {period.target_year}, so "
           f"the column {column} has no place in it. ")
    if suggested is not None and suggested != period and not (plan and (plan.period_given or plan.period_from)):
        fix += (f"If the plan is for the years its table's columns show ({', '.join(map(str, shown))}), write "
                f"{entry} in {display_path(sources.path)}: {plan_period_entry(suggested)}"
                + (" (with the name the plan goes by)" if suggested.name == "…" else "") + ". ")
    return fix + ("If the period is right and the column is not one the project reads (a mid-term target, a "
                  f"growth rate), add under `header_roles` in {display_path(sources.path)}: ")


def _header_advice(cell: Cell, sources: Sources, years: list[int] | None = None) -> str:
    """Advice for a header cell no pattern knows, with the role that fits: a year's column is a value column (its
    pattern captures the year); any other column the project does not read is a remark, read and not used. (The
    example was always `role: name`, which made a 责任单位 or 年均增长（%） column the indicator name.) Each role
    offered for a year fits the plan's period (period_fits): a column whose year fits none names the period first
    (period_first, with the header's `years`), never `role: target` for a year that is not the target year."""
    written = _compact(cell.text)
    config = display_path(sources.path)
    period, _ = reading_period(sources)
    remark = f"`- {{pattern: '{_pattern_for(cell)}', role: remark}}`"
    year = YEAR_IN_HEADER.search(written)
    if year:
        pattern = (re.escape(written[:year.start()]) + "(?P<year>\\d{4})" + re.escape(written[year.end():]))
        pattern = pattern.replace("'", "''")
        number = int(year.group())
        first = period_first(sources, [*(years or []), number], quoted(cell.raw.strip())) + remark + "."
        part = part_year(written)
        if part:   # 2025年1-11月: never the year's actual, never a target (PART_YEAR_WHY)
            if not period_fits("estimate", number, period):
                return first
            return (f"add it under `header_roles` in {config}: `- {{pattern: '{pattern}', role: year}}`: its "
                    f"figures are for part of the year ({part.words}), not the whole year, so up to the plan's base "
                    "year they are read as an estimate of the year's value, never its actual value (at its target "
                    f"year the run stops: {PART_YEAR_WHY}). If the column is not one to read, {remark}.")
        start = year_start(written)
        if start:  # 2025年初: the end of 2024, never 2025's figure, never a target
            if not period_fits("actual", number - 1, period):
                return first
            return (f"add it under `header_roles` in {config}: `- {{pattern: '{pattern}', role: year}}`: the start "
                    f"of {year.group()} ({start}) is the end of {number - 1}, so its figures are read as "
                    f"{number - 1}'s (by the plan's period: up to its base year, actual values; never "
                    f"targets). If the column is not one to read, {remark}.")
        word = estimate_word(written)
        if word:   # 规划目标2025年（预计）: an estimate whichever role, and a target role would drop the mark
            if not period_fits("year", number, period):
                return first
            read = (f"read as estimates of the year's value (the header says {quoted(word)}), never its actual value"
                    if number <= period.base_year else "read as the plan's targets, its target year's")
            return (f"add it under `header_roles` in {config}: `- {{pattern: '{pattern}', role: year}}`: the plan's "
                    f"period decides ({period_said(sources)}: {read}). If the column is not one to read, {remark}.")
        # Words beside the year that no reader here knows (2025年9个月, 2025年头三季: an open family) may say part of
        # the year or an estimate: `role: actual` is offered for the whole year's counted figures only, and the
        # words in (?P<estimated>…) read such figures as the year's estimate (header_roles: `estimated`).
        marked = _estimated_pattern(written, year)
        estimate = (f"; figures for part of the year or estimates, `- {{pattern: '{marked}', role: year}}`: the "
                    "words in (?P<estimated>…) make them the year's estimate, never its actual value") if marked else ""
        if BASE_WORDS.search(written[:year.start()] + written[year.end():]):   # 基期（2025年）: the plan's base
            if not period_fits("base", number, period):
                return first
            return (f"add it under `header_roles` in {config}: `- {{pattern: '{pattern}', role: base}}`: the header "
                    "calls it the plan's base, read as that year's actual values (estimates where it says 预计) up to "
                    f"the plan's base year ({period_said(sources)}). If the column is not one to read, {remark}.")
        if period_fits("target", number, period):
            return (f"add it under `header_roles` in {config}, by what the column holds: the plan's targets for "
                    f"{number}, the target year of its period ({period_said(sources)}), `- {{pattern: '{pattern}', "
                    f"role: target}}`. If the column is not one to read, {remark}.")
        if period_fits("actual", number, period):
            return (f"add it under `header_roles` in {config}, by what the column holds: the whole year's figures "
                    f"achieved (counted, not estimated), role: actual, `- {{pattern: '{pattern}', role: actual}}`, or "
                    f"role: year to let the plan's period decide{estimate} ({number} is up to the base year of "
                    f"{period_said(sources)}: no target). If the column is not one to read, {remark}.")
        return first
    # A header with no year (现状值, 基期值; 目标值, 规划目标): a column of figures all the same, whose year the plan's
    # period gives (role: base, role: target). Only remark was offered, and a target's pattern needed a year the
    # header cannot match: the table had no way through (redteam19 finding 7). The years they are read as are the
    # plan's period's, said with where the period comes from: a period from the file's default is checked first.
    return _yearless_advice(cell, sources, written, remark)


def _yearless_advice(cell: Cell, sources: Sources, written: str, remark: str) -> str:
    """_header_advice for a header with no year: by the period it names, else by the plan's period."""
    config = display_path(sources.path)
    period, plan = reading_period(sources)
    first, second = ("base", "target") if BASE_WORDS.search(written) else ("target", "base")
    named = period_named(written, sources)
    if named is not None and named_year(named, first) != (period.base_year if first == "base" else
                                                          period.target_year):
        return other_period_advice(cell, named, first, sources)
    check = "" if plan is None or plan.period_given or plan.period_from else \
        (f"check the plan's period first ({period_said(sources)}): if the plan is for another, write its "
         f"`plan_period: {{name: …, base_year: …, target_year: …}}` under its entry. Then ")
    return (f"{check}add it under `header_roles` in {config}, by what the column holds: `- {{pattern: "
            f"'{_pattern_for(cell)}', role: {first}}}`, or role: {second} (target: the plan's targets for "
            f"{period.target_year}; base: the figures of {period.base_year}, read as that year's actual values, or "
            f"estimates where the header says 预计; by {'that period' if check else period_said(sources)}). If the "
            "column is not one the project "
            f"reads (a growth rate, a responsible department, a note), {remark} (read and not used); the indicators' "
            "names, units, 属性, category or serial numbers: name, unit, attribute, category or serial (each role "
            "once in a table).")


def period_named(written: str, sources: Sources) -> PlanPeriod | None:
    """The period a year-less header names (“十四五”目标, 十四五完成: 十四五), of the configured periods and those
    placed from them; None when it names none."""
    named = [p for p in known_periods(sources.periods()) if p.name and p.name in written]
    return max(named, key=lambda p: len(p.name)) if named else None


def named_year(named: PlanPeriod, role: str) -> int:
    """The year a year-less header naming a period means: its targets (“十四五”目标) are for the period's target
    year, and what it achieved (“十四五”完成, 十四五末) is that year's too."""
    return named.target_year


def other_period_advice(cell: Cell, named: PlanPeriod, role: str, sources: Sources) -> str:
    """Advice for a year-less header that names another period than the plan's (a 十五五 plan's “十四五”目标): its
    figures are for that period's target year, never this plan's targets for its own target year. Targets quoted
    from the earlier plan are read and not used (role: remark: that plan's own table gives them); what the named
    period achieved by this plan's base year is the plan's base (role: base), else a remark. (The advice offered
    `role: target`: followed, the 十四五 targets were read as the 十五五 plan's targets for 2030, redteam20 T4.)"""
    period, _ = reading_period(sources)
    config = display_path(sources.path)
    year = named_year(named, role)
    remark = f"`- {{pattern: '{_pattern_for(cell)}', role: remark}}`"
    said = (f"the header names {named.name} ({named.base_year}→{named.target_year}), so its figures are for "
            f"{year}, the target year of {named.name}, while the plan is read by {period_said(sources)}")
    if role == "base" and year == period.base_year:
        return (f"{said}: what {named.name} achieved is the figures of {year}, this plan's base year. Add it under "
                f"`header_roles` in {config}: `- {{pattern: '{_pattern_for(cell)}', role: base}}` (read as {year}'s "
                "actual values, or estimates where the header says 预计), never role: target. If the column is not "
                f"one to read, {remark}.")
    what = ("what it achieved" if role == "base" else
            f"its targets for {year}, quoted from the plan for {named.name}")
    return (f"{said}: the column gives {what}, never this plan's targets for {period.target_year} nor its base "
            f"figures of {period.base_year}. Add it under `header_roles` in {config}: {remark} (read and not used: "
            f"the plan for {named.name}, its own table, gives them). If the plan's period is not {period.name}, "
            "check its `plan_period` first.")


def _estimated_pattern(written: str, year: re.Match) -> str:
    """A pattern for the header `written` (its year found at `year`) whose words beside the year are in
    (?P<estimated>…), which makes the column's figures the year's estimate; "" for a year alone. Quoted for YAML's
    single quotes."""
    before, after = written[:year.start()], written[year.end():]
    return (re.escape(before) + "(?P<year>\\d{4})(?P<estimated>" + re.escape(after) + ")" if after else
            "(?P<estimated>" + re.escape(before) + ")(?P<year>\\d{4})" if before else "").replace("'", "''")


def header_mark_error(path: Path, column: ValueColumn, estimate_marks: dict, notes: list[Cell],
                      sources: Sources) -> InputError | None:
    """A value column whose header carries note marks (2025年*, ValueColumn.mark) is read as the year's estimates
    when the table's note defines a mark of it as an estimate's (注：带*的为预计数: `estimate_marks`, each mark's
    note) and the plan's period makes the column the year's actuals: then None. Otherwise the error that stops the
    run: a mark the note does not define (what the column holds cannot be told: its advice offers the estimate
    first, the reading that never makes it a firm actual), or targets marked as estimates (which cannot be
    judged)."""
    header = column.header.raw.strip()
    config = display_path(sources.path)
    remark = f"`- {{pattern: '{_pattern_for(column.header)}', role: remark}}`"
    defined = next((ch for ch in column.mark if ch in estimate_marks), None)
    if defined is not None and column.role == "actual":
        return None
    period, _ = reading_period(sources)
    if not period_fits("year", column.year, period):
        return InputError(path, column.header.where, f"the header cell {quoted(header)} carries the note mark "
                          f"{column.mark} and gives {column.year}, which is neither up to the base year nor the "
                          "target year of the plan's period", period_first(sources, [column.year], quoted(header))
                          + remark + ".")
    if defined is not None:
        quote = estimate_marks[defined].raw.strip()
        return InputError(path, column.header.where, f"the column {quoted(header)} is read as {column.year}'s "
                          f"targets, but the table's note {quoted(quote)} says the mark {defined} marks estimates: a "
                          "target marked as an estimate cannot be judged as the plan's target",
                          "check the plan's `plan_period` in config/sources.yaml (a column up to its base year is "
                          "read as that year's estimate) and ask the office which figures the column holds. If the "
                          f"column is not one to read, add under `header_roles` in {config}: {remark}.")
    written = _compact(column.header.text)
    year = YEAR_IN_HEADER.search(written)
    pattern = (re.escape(written[:year.start()]) + "(?P<year>\\d{4})" + re.escape(written[year.end():])
               ).replace("'", "''")
    said = (f"the table's note {quoted(' '.join(n.raw.strip() for n in notes))} does not define it as marking "
            "estimates" if notes else "the table has no note (注：…) saying what it means")
    if column.year == period.target_year:   # the target year: the plan's targets, or marked otherwise
        offer = (f"If it marks the plan's targets for {column.year}, the target year of {period_said(sources)}, "
                 f"add under `header_roles` in {config}: `- {{pattern: '{pattern}', role: target}}`")
    else:                                    # up to the base year: estimates or actuals, never targets
        offer = ("If it marks estimates (预计数), add under `header_roles` in "
                 f"{config}: `- {{pattern: '{_estimated_pattern(written, year)}', role: year}}`: the words in "
                 "(?P<estimated>…) make the figures the year's estimate, never its actual value. If the column "
                 f"holds the whole year's counted figures, `- {{pattern: '{pattern}', role: actual}}`")
    return InputError(path, column.header.where, f"the header cell {quoted(header)} carries the note mark "
                      f"{column.mark}, and {said}: whether the column's figures are {column.year}'s actual values, "
                      "its estimates or its targets cannot be told",
                      "read what the mark means in the plan (its notes under the table, or ask the office). "
                      f"{offer}. If the column is not one to read, {remark}.")


def _compact(text: str) -> str:
    """A header cell as the patterns see it: normalised, spaces removed (`2025 年` is `2025年`)."""
    return re.sub(r"\s+", "", text)


def _unknown_header(path: Path, cell: Cell, sources: Sources, header: list[Cell] | None = None) -> InputError:
    """A header cell no column pattern knows: the error names it, and keeps it (`unknown_header`) for the cleaning
    log when another table titled alike is read instead (ParsedTable.passed_over). `header`: the header's cells (the
    years they show are the plan's period, when the cell's year fits none of the plan's period)."""
    years = [int(m.group()) for c in header or [] for m in [YEAR_IN_HEADER.search(_compact(c.text))] if m]
    error = InputError(path, cell.where, f"header cell {quoted(cell.raw.strip())} is not a known column",
                       _province_advice(cell, sources) + _header_advice(cell, sources, years))
    error.unknown_header = cell
    return error


def _province_advice(cell: Cell, sources: Sources) -> str:
    """The advice's first offer for a header that names the province (its name in config/sources.yaml `province:`,
    全省, 省定, 省级, 省委: 2030年全省目标, 全省目标值) and can be the plan's targets (its target year, or no year):
    the province's entry, `entity: province`. Offered `role: target` alone, the province's targets were read as the
    county's (redteam20 L1). "" for any other header."""
    written = _compact(cell.text)
    names = (sources.province_name_zh, sources.province_name_zh.removesuffix("省"), "全省", "省定", "省级", "省委")
    if not any(n and n in written for n in names):
        return ""
    period, _ = reading_period(sources)
    year = YEAR_IN_HEADER.search(written)
    if year and not period_fits("target", int(year.group()), period):
        return ""
    pattern = (re.escape(written[:year.start()]) + "(?P<year>\\d{4})" + re.escape(written[year.end():])
               ).replace("'", "''") if year else _pattern_for(cell)
    return (f"the header names the province: if the column holds the province's targets for "
            f"{period.target_year} (not the county's), add under `header_roles` in {display_path(sources.path)}: "
            f"`- {{pattern: '{pattern}', role: target, entity: province}}` (read as the targets of the province, "
            f"{sources.province_name_zh}, never the county's). Otherwise: ")


def _role_of(cell: Cell, sources: Sources, path: Path):
    """The header cell's role, the pattern's match, its entity and the note marks after it: the first pattern that
    matches the cell, else (a year's column only) the first that matches it without the note marks written at its
    end (2025年* under 注：带*的为预计数 is 2025年 marked: what the mark means, the table's note says, cleaning)."""
    for hr in sources.header_roles:
        m = hr.pattern.fullmatch(_compact(cell.text), path, cell.where)
        if m:
            return hr.role, m, hr.entity, ""
    try:
        body, mark = split_note_marks(_compact(cell.raw))
    except NotANumber:      # a mark inside the header's words: not a mark after it
        return None
    if not mark or not body:
        return None
    for hr in sources.header_roles:
        m = hr.pattern.fullmatch(_compact(normalise(body)), path, cell.where)
        if m:
            return (hr.role, m, hr.entity, mark) if hr.role in VALUE_ROLES else None
    return None


def _yearless_of_another_period(path: Path, column: ValueColumn, period: PlanPeriod, sources: Sources) -> None:
    """A year-less header naming another period (a 十五五 plan's “十四五”目标, given `role: target`) is that period's,
    never this plan's targets or base: the run stops (other_period_advice)."""
    if not column.from_period or column.year:
        return
    named = period_named(_compact(column.header.text), sources)
    wanted = period.target_year if column.from_period == "target" else period.base_year
    if named is not None and named_year(named, column.from_period) != wanted:
        raise InputError(path, column.header.where,
                         f"the column {quoted(column.header.raw.strip())} is read as the plan's {column.from_period} "
                         f"(`role: {column.from_period}`), for {wanted}, but its header names {named.name}",
                         other_period_advice(column.header, named, column.from_period, sources))


def resolve_year_columns(table: ParsedTable, plan: Plan, sources: Sources) -> ParsedTable:
    """A column headed by a year alone (2030年) or with 预计, 基期, 基数 or 现状, read by the plan's period: up to
    the base year an actual, at the target year a target. Any other year cannot be placed: the run stops.
    Safe to call twice."""
    period, sources = plan.period, sources.for_plan(plan)
    placed = {}
    for original in table.columns:
        column, key = original, id(original)
        _yearless_of_another_period(table.path, column, period, sources)
        if column.from_period == "target" and not column.year:
            placed[key] = replace(column, year=period.target_year, by_period=True)
            continue
        if column.from_period == "base" and not column.year:
            column = replace(column, year=period.base_year)
        elif column.from_period == "base" and column.year > period.base_year:
            raise InputError(table.path, column.header.where,
                             f"the column '{column.header.raw.strip()}' is read as the plan's base (`role: base`), "
                             f"but gives {column.year}, after the base year {period.base_year} of plan period "
                             f"{period.name}", "check the plan's `plan_period` in config/sources.yaml and the "
                             "`header_roles` entry that gives the column `role: base`.")
        if column.role != "year":
            continue
        if column.year <= period.base_year:
            placed[key] = replace(column, role="actual", by_period=True)
        elif column.year == period.target_year and column.part_year:
            raise _part_year_target(table.path, column.header, column.part_year, column.year, sources)
        elif column.year == period.target_year and column.year_start:
            raise _year_start_target(table.path, column.header, column.year_start, column.year + 1, sources)
        elif column.year == period.target_year:
            placed[key] = replace(column, role="target", by_period=True)
        else:
            # (the advice offered `role: target` for the year: followed under the wrong period, a 十五五 plan's 2025
            # base became 2025 targets, judged met or missed; now the period first, by the table's year columns)
            years = [c.year for c in table.columns if c.year and not c.for_province]
            raise InputError(table.path, column.header.where,
                             f"the column '{column.header.raw.strip()}' gives {column.year}, which is neither up to "
                             f"the base year {period.base_year} (an actual) nor the target year {period.target_year} "
                             f"of plan period {period.name}: it cannot be told whether it holds actuals or targets",
                             period_first(sources, years, quoted(column.header.raw.strip()))
                             + f"`- {{pattern: '{_pattern_for(column.header)}', role: remark}}`.")
    if placed:
        table.columns = [placed.get(id(c), c) for c in table.columns]
        by_role = _columns_by_role(table.roles, table.columns)
        table.roles = [r if c is None else c.role for r, c in zip(table.roles, by_role)]
        for row in table.rows:
            row.values = [(placed.get(id(c), c), cell) for c, cell in row.values]
    _one_column_a_year(table, sources)
    return table


def no_county_target_up_to_the_base(table: ParsedTable, plan: Plan, sources: Sources) -> None:
    """A plan sets the county's targets for the years after its base year. A column of the county's targets
    for the base year or before (a 十五五 plan's `2025年预期目标` or `2025年目标`) gives the base year's figures
    under a target's name (a plan drafted before its base year closed: their expected outcome, an estimate) or
    the previous plan's targets quoted. Read as this plan's targets, they were merged with the previous plan's
    as one observation, the base figures were lost, and the brief called the two plans' targets two sources of
    the year's actual (redteam16). Which it is cannot be told, so the run stops. The advice is an entry under
    this plan's own entry in config/sources.yaml (Plan.header_roles): the 十四五 plan's `2025年目标`, its
    targets, is read as before (a file-wide entry for the header would have read those as the base too). The
    province's targets are the province's, for any year.

    Called by dataset._check_table_period once the plan's table is chosen and found to set the plan's target-year
    targets (a table that does not is another period's table or plan, and stops there with advice on the title or
    the period). Not in resolve_year_columns: a document's reader tries each table titled alike and passes over one
    that stops (grids.parse_grid_table), so the plan's own table, stopped there, was passed over for another."""
    for column in table.columns:
        if column.role != "target" or column.for_province or column.year > plan.period.base_year:
            continue
        # The entry that reads the column as the base year's estimate: the words beside the year as (?P<estimated>…)
        # (the header's 年 kept outside them); the year itself, so that the plan's 2030年目标 stays its target.
        written = _compact(column.header.text)
        at = written.find(str(column.year))
        before, after = (written[:at], written[at + 4:]) if at >= 0 else ("", "")
        year = f"(?P<year>{column.year})"
        if after.startswith("年") and len(after) > 1:
            year, after = year + "年", after[1:]
        estimate = (re.escape(before) + year + "(?P<estimated>" + re.escape(after) + ")" if after else
                    "(?P<estimated>" + re.escape(before) + ")" + year if before else year).replace("'", "''")
        period = plan.period
        raise InputError(
            table.path, column.header.where,
            f"the column {quoted(column.header.raw.strip())} is read as the county's targets for {column.year}, but "
            f"{plan.file} is the plan for {period.name} ({period.base_year}→{period.target_year}), which sets targets "
            f"for the years after its base year {period.base_year}: the column gives the base year's figures under "
            "a target's name (their expected outcome, an estimate) or the previous plan's targets quoted, and which "
            "cannot be told",
            f"check this plan's `plan_period` in {display_path(sources.path)} (its entry at line {plan.line}, file: "
            f"{plan.file}). Then say what the column holds in that entry, by a line `header_roles:` read for this "
            "plan's table alone (another plan's column headed alike, the previous plan's targets, is read as "
            f"before): if it gives the base year's figures, `header_roles: [{{pattern: '{estimate}', role: year}}]` "
            f"(read as the plan's estimate of {column.year}, never its actual value); if it quotes the previous "
            f"plan's targets, `header_roles: [{{pattern: '{_pattern_for(column.header)}', role: remark}}]` (read and "
            "not used: that plan's own table gives them). If the entry has `header_roles:` already, add the item to "
            "its list.")


def _one_column_a_year(table: ParsedTable, sources: Sources) -> None:
    """One column of the county's (or the province's) targets, or actuals, for a year: with two (2025年目标 and
    2025年, or 2025年 and 2025年（预计） in a plan whose base year is 2025) each row's figure for the year was read
    twice, and which one counted could not be told."""
    seen: dict[tuple, ValueColumn] = {}
    for column in table.columns:
        key = (column.role, column.year, column.for_province)
        if key in seen:
            whose = "the province's" if column.for_province else "the county's"
            what = f"{whose} {'targets' if column.role == 'target' else 'actual figures'} for {column.year}"
            raise _two_columns(table.path, sources, what, [seen[key].header, column.header], [], table.header)
        seen[key] = column


def _columns_by_role(roles: list[str], columns: list[ValueColumn]) -> list:
    """The value column of each header cell (None for other roles), in header order."""
    values = iter(columns)
    return [next(values) if r in VALUE_ROLES else None for r in roles]


def _truncated(path: Path, title: Cell, layout: Layout, last_line: int) -> InputError:
    return InputError(path, f"lines {title.line}–{last_line}",
                      f"the table that starts at line {title.line} runs to the end of the file without "
                      f"its closing line (a line matching /{layout.end_pattern.pattern}/): the document is truncated",
                      "restore the complete plan document.")


# --------------------------------------------------------------------------- parsers

def parse_tab_indented_rows(lines: list[str], title_index: int, layout: Layout, sources: Sources,
                            path: Path) -> ParsedTable:
    """Word table export: one tab-indented cell per line, a blank line between rows."""
    title = Cell(lines[title_index], normalise(lines[title_index]), title_index + 1)
    between, start = _caption_lines(lines, title_index)
    blocks, end_line = _tab_blocks(lines, start, layout, path)
    if end_line is None:
        raise _truncated(path, title, layout, len(lines))
    closing = Cell(lines[end_line - 1].lstrip("\t"), normalise(lines[end_line - 1]), end_line)
    notes = [closing, *_note_lines(lines, end_line)] if _labelled(closing.text) else []
    if not blocks:
        raise InputError(path, title.line, "the table title is followed by no table",
                         "check the document around this line.")
    header = blocks[0]
    while len(blocks) > 1 and _caption_block(blocks[1]):    # a caption row under the header: read as one above
        between.append(next(c for c in blocks.pop(1) if c.text.strip()))
    roles, columns = header_roles(header, sources, path)
    roles, by_content = settle_roles(header, roles, blocks[1:], sources, path, merged_told=False)
    rows: list[TableRow] = []
    category = ""
    for block in blocks[1:]:
        if len(block) != len(header):
            raise InputError(path, f"lines {block[0].line}–{block[-1].line}",
                             f"this table row has {len(block)} cells but the header (line {header[0].line}) has "
                             f"{len(header)}: the row is truncated or has a stray cell",
                             "restore the row so that every column has a cell (an empty merged cell is a tab "
                             "alone on its line).")
        row = _tab_row(block, roles, columns, category)
        category = row.category
        if not row.name.text:
            raise InputError(path, row.name.line, "a table row has an empty indicator name",
                             "restore the name cell of this row.")
        rows.append(row)
    return ParsedTable(path, title, header, roles, columns, rows, end_line, notes, by_content=by_content,
                       unit_caption=unit_caption(title, between), above=[title, *between])


def _caption_lines(lines: list[str], title_index: int) -> tuple[list[Cell], int]:
    """The lines right under the title that are no cell of the table (above_the_table: 单位：万人, a note), blank
    lines between passed over, and the index of the last line they take (the title's when none). A caption row
    inside the table (a merged cell across it, exported as one tab-indented line, or as a row whose other cells are
    empty: \t（2025年为预计数）) is one: it was read as the table's header, which stopped as unknown, with advice to
    read it as a year's column."""
    out, last = [], title_index
    index = title_index + 1
    while index < len(lines):
        text = normalise(lines[index])
        if not text.strip():
            index += 1
            continue
        end = index + 1
        if lines[index].startswith("\t") and not UNIT_CAPTION.match(text.strip()):
            while end < len(lines) and lines[end].startswith("\t"):     # the row: its tab-indented cells
                end += 1
            if any(normalise(line).strip() for line in lines[index + 1:end]):
                break       # (a row of cells: the header)
        elif not above_the_table(text):     # (a row of one cell is no header, whatever it says: a caption)
            break
        out.append(Cell(lines[index], text, index + 1))
        last, index = end - 1, end
    return out, last


def _caption_block(block: list[Cell]) -> bool:
    """Whether a text export's row is a caption: one cell with text (a merged row exported as one line, or as its
    cells, the others empty) that reads as what a note says (above_the_table: （2025年为预计数）)."""
    said = [c for c in block if c.text.strip()]
    return len(said) == 1 and above_the_table(said[0].text)


# A remark in brackets on a line of its own: (2025年为预计数), in normal form
BRACKETED = re.compile(r"^\s*[(\[【].*[)\]】]\s*$")


def above_the_table(text: str) -> bool:
    """Whether a line or cell between a table's title and the table (`text`, in normal form) is no cell of the table
    but what its notes say: a caption (单位：万人), a note (注：…), a remark in brackets ((2025年为预计数)) or a
    sentence saying figures are estimates or not yet verified (2025年数据为预计数, 2025年数据待核实). It is read as
    the table's notes are (table_notes)."""
    text = text.strip()
    return bool(UNIT_CAPTION.match(text) or TABLE_NOTE.match(text) or BRACKETED.match(text)
                or estimate_in_note(text) or UNVERIFIED.search(text))


def _tab_blocks(lines: list[str], title_index: int, layout: Layout, path: Path) -> tuple[list[list[Cell]], int | None]:
    """The table's rows as blocks of cells (tab-indented lines between blank lines), and the line that closes
    the table (None when none does)."""
    blocks: list[list[Cell]] = []
    current: list[Cell] = []
    for index in range(title_index + 1, len(lines)):
        raw = lines[index]
        text = normalise(raw)
        if text and (layout.end_pattern.search(text, path, index + 1)
                     or SOURCE_LINE.match(text.strip()) and not (raw.startswith("\t") and current)):
            # The closing line (the 注 footnote, or a line naming the figures' source above it, 数据来源：…) may
            # itself be a merged, tab-indented cell: a row of its own (a source line indented in a row's block is
            # a cell of that row).
            if current:
                blocks.append(current)
            return blocks, index + 1
        if raw.startswith("\t"):
            current.append(Cell(raw[1:], text, index + 1))
            continue
        if current:
            blocks.append(current)
            current = []
        if not raw.strip():
            continue
        raise InputError(path, index + 1, f"unexpected text inside the table: '{raw.strip()[:40]}'",
                         "table cells must be tab-indented lines; restore the table as exported, or check "
                         "`end_pattern` of this layout in config/sources.yaml.")
    return blocks, None


def _tab_row(block: list[Cell], roles: list[str], columns: list[ValueColumn], category: str) -> TableRow:
    """One row's cells by their column's role; an empty first-level cell (merged in Word) takes `category`,
    the one above it."""
    row = TableRow(name=None, values=[], cells=block)  # type: ignore[arg-type]
    value_index = 0
    for role, cell in zip(roles, block):
        if role == "category":
            if cell.text:
                category = cell.text
            else:
                row.category_inherited = True
            row.category = category
        elif role == "serial":
            row.serial = cell
        elif role == "name":
            row.name = cell
        elif role == "unit":
            row.unit = cell
        elif role == "attribute":
            row.attribute = cell
        elif role == "remark":
            pass
        else:
            row.values.append((columns[value_index], cell))
            value_index += 1
    return row


SERIAL = re.compile(r"^\d{1,3}$")
# A table's unit in its caption: the title (…主要指标（单位：万人）) or a line of its own between the title and the
# table (单位：万人, 计量单位：人、%), in normal form
UNIT_CAPTION = re.compile(r"(?:计量)?单位\s*:\s*(?P<units>[^()\[\]]+)")
CAPTION_UNIT_SEP = re.compile(r"[、,，;；]|\s+|和|及")


def unit_caption(title: Cell, between: list[Cell]) -> Cell | None:
    """The caption that gives the table's unit: the title, else a line or paragraph between it and the table."""
    return next((cell for cell in [title, *between] if UNIT_CAPTION.search(cell.text)), None)


def caption_units(caption: Cell) -> list[str]:
    """The units a caption gives, as written: 单位：人、% gives 人 and %. They end where the caption goes on to say
    something of the figures (（单位：万人；2025年为预计数）: a year, an estimate or what a note says, read as the
    table's note by table_notes); 2025年为预计数 was taken for a unit, and stopped as one the vocabulary does not
    know."""
    found = UNIT_CAPTION.search(caption.text)
    units = []
    for unit in CAPTION_UNIT_SEP.split(found["units"]) if found else []:
        if stated_years(unit) or estimate_in_note(unit) or remark_says(unit):
            break
        units += [unit] if unit else []
    return units
# A table's note: 注：〔〕内为五年累计数 …, under any label official tables give it (注1：, 说明：, 备注：, 附注：,
# 注释：) or in brackets (（注：…）) (redteam19 finding 11).
TABLE_NOTE = re.compile(r"^[（(]?\s*(?:注释?|说明|备注|附注)\s*\d*\s*[:：]")
# A line under a table saying where its figures come from or what they cover (数据来源：县统计局, 资料来源：…,
# 表中数据均为全口径): it may stand between the table and its note, and is read with the notes.
SOURCE_LINE = re.compile(r"^(?:数据|资料)?来源\s*[:：]|^(?:表中|本表|表内)")
# A heading of the text going on after a table (三、主要任务, （三）, 第三章): the table's notes end there.
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]"
                     r"|第[一二三四五六七八九十0-9]+\s*[章节篇部])")
# A numbered heading of any level: HEADING, or 1. or 1、 not followed by a digit (under a table, a note's item). It
# starts a paragraph of its own, and is never part of a document's title (pdf._continues_paragraph, plans._title).
NUMBERED_HEADING = re.compile(rf"{HEADING.pattern}|^[0-9]{{1,2}}\s*(?:、|[.．](?![0-9]))")
# A note's paragraph ending mid-sentence (at ；, ，, 、, ：): the next paragraph goes on with it.
MID_SENTENCE = re.compile(r"[;；,，、:：]\s*$")
# Words by which an unlabelled paragraph right under a table speaks of it (〔〕内为五年累计数, 表中, 本列, 数据)
OF_THE_TABLE = re.compile(r"〔|\[\]|表|列|栏|数据|累计数")
# A numbered item of a note, on its own line or paragraph under 注： (1. 2、 3） (4) ⑤, or 注2：): part of the note,
# which runs on to the next line that is none (a heading, 三、主要任务 or （三）, or the text going on).
NOTE_ITEM = re.compile(r"^\s*(?:[0-9]{1,2}\s*[.、．)）]|[（(]\s*[0-9]{1,2}\s*[)）]|[①-⑳]|注\s*[0-9]+\s*[:：])")


def note_paragraphs(texts: list[str], noted: bool) -> list[int]:
    """Which of the paragraphs (or lines) right under a table are its notes, by index (`noted`: the table's note
    began above them, in its last row or its closing line). Its notes are the paragraphs up to the next heading
    (HEADING) or the first that is the text going on, whatever their label (redteam19 finding 11): a note under
    any label (TABLE_NOTE: 说明：, 备注：, （注：…）), a line naming the figures' source (SOURCE_LINE, before or after
    the note), a numbered item of the note (NOTE_ITEM), the paragraph after one ending mid-sentence (注：…； then
    2025年为预计数。: MID_SENTENCE), the first paragraph under the table when it speaks of the table (OF_THE_TABLE:
    〔〕内为五年累计数；2025年为预计数。), and any that says its figures are estimates, for part of a year or in doubt
    (name_meaning.estimate_in_note, remark_says): read, never lost, the note reader ties it to a column or stops
    naming it. Empty paragraphs are passed over."""
    taken: list[int] = []
    first, note, going_on = True, noted, False
    for index, raw in enumerate(texts):
        text = raw.strip()
        if not text:
            continue
        if HEADING.match(text):
            break
        labelled = TABLE_NOTE.match(text) is not None
        says = estimate_in_note(text) is not None or remark_says(text) is not None
        if not (labelled or says or going_on or SOURCE_LINE.match(text) or (note and NOTE_ITEM.match(text))
                or (first and OF_THE_TABLE.search(text))):
            break
        taken.append(index)
        note = note or labelled or first
        going_on = MID_SENTENCE.search(text) is not None
        first = False
    return taken


def _labelled(text: str) -> bool:
    """Whether a line of a text export (in normal form) is a table's note by its label (注：, 说明：, （注：…）) or a
    line naming its figures' source (数据来源：…, 表中数据均为全口径): either closes the table, and the lines of the
    note go on after it."""
    return bool(TABLE_NOTE.match(text.strip()) or SOURCE_LINE.match(text.strip()))


def _note_lines(lines: list[str], end_line: int) -> list[Cell]:
    """The lines of a text export's table note after its first (the line that closed the table, `end_line`): each
    line indented under it (a cell of the note's merged row), each numbered item (2.2025年为预计数。) and each labelled
    note or source line (注：… under 数据来源：…: _labelled), blank lines between them passed over, until a line
    that is none of these, or that goes on with a note line ending mid-sentence (注：〔〕内为五年累计数； then
    2025年为预计数。: MID_SENTENCE)."""
    notes = []
    going_on = MID_SENTENCE.search(lines[end_line - 1]) is not None
    for index in range(end_line, len(lines)):
        raw = lines[index]
        if not raw.strip():
            continue
        if not (raw.startswith("\t") or NOTE_ITEM.match(normalise(raw)) or _labelled(normalise(raw)) or going_on) \
                or HEADING.match(raw.strip()):
            break
        notes.append(Cell(raw.lstrip("\t"), normalise(raw), index + 1))
        going_on = MID_SENTENCE.search(raw) is not None
    return notes


def parse_cell_stream(lines: list[str], title_index: int, layout: Layout, sources: Sources,
                      path: Path) -> ParsedTable:
    """One cell per line, rows not marked: a serial number starts a row, a group label such as
    其中 starts un-numbered sub-rows, and the header fixes how many value cells follow a name."""
    title = Cell(lines[title_index], normalise(lines[title_index]), title_index + 1)
    cells, end_line = _stream_cells(lines, title_index, layout, path)
    if end_line is None:
        raise _truncated(path, title, layout, len(lines))
    # Under the title, before the header: a caption (单位：万人) or a note above the table (above_the_table)
    lead = 0
    while lead < len(cells) and (UNIT_CAPTION.match(cells[lead].text.strip())
                                 or _role_of(cells[lead], sources, path) is None and above_the_table(cells[lead].text)):
        lead += 1
    # The table's note (注：…, or a line naming its source above it, 数据来源：…) comes after its last row: it and what
    # follows it are notes, not cells of a row.
    first_note = next((i for i, c in enumerate(cells) if i >= lead and _labelled(c.text)), len(cells))
    cells, notes = cells[:first_note], cells[first_note:]
    between, cells = cells[:lead], cells[lead:]
    header: list[Cell] = []
    while cells and _role_of(cells[0], sources, path) is not None:
        header.append(cells.pop(0))
    if not header:
        at = cells[0].line if cells else title.line
        raise InputError(path, at, "no table header after the table title",
                         "check the document here, or `header_roles` in config/sources.yaml.")
    if cells and YEAR_IN_HEADER.search(cells[0].text) and not any(_role_of(c, sources, path)[0] in VALUE_ROLES
                                                                      for c in header):
        # the header ends at a year's column no pattern knows (规划目标2025年（预计）): that cell is the one to name
        raise _unknown_header(path, cells[0], sources)
    roles, columns = header_roles(header, sources, path)
    roles, by_content = settle_roles(header, roles, _attribute_trial(cells, header, roles, columns, layout, path,
                                                                     end_line), sources, path, merged_told=True)
    rows = _stream_rows(cells, path, end_line, layout, roles, columns)
    return ParsedTable(path, title, header, roles, columns, rows, end_line, notes, by_content=by_content,
                       unit_caption=unit_caption(title, between), above=[title, *between])


def _stream_rows(cells: list[Cell], path: Path, end_line: int, layout: Layout, roles: list[str],
                 columns: list[ValueColumn]) -> list[TableRow]:
    rows: list[TableRow] = []
    group = ""
    stream = _CellStream(cells, path, end_line)
    while stream.more():
        cell = stream.peek()
        if cell.text in layout.group_labels:
            group = stream.take("group label", cell).text
            continue
        row = _stream_row(stream, cell, group, layout, roles, columns, path)
        if row.serial is not None:
            group = ""     # a numbered row ends the group above it
        rows.append(row)
    return rows


def _attribute_trial(cells: list[Cell], header: list[Cell], roles: list[str], columns: list[ValueColumn],
                     layout: Layout, path: Path, end_line: int) -> list[list[Cell]]:
    """A stream's rows as settle_roles reads them, a cell for each header cell, where the header has a category
    column: a stream writes no empty cell, so a merged category cell cannot be placed and its rows hold none
    (_stream_row). A column of one cell a row is read by its cells, as the 属性 when they are 约束性 or 预期性 (a
    类型 column); the rows are tried so. [] where there is no category column, or the rows do not read so (the
    rows are then read as they were)."""
    if "category" not in roles:
        return []
    trial = ["attribute" if role == "category" else role for role in roles]
    try:
        rows = _stream_rows(cells, path, end_line, layout, trial, columns)
    except InputError:
        return []
    others = [i for i, role in enumerate(trial) if role not in ("serial", "name")]
    body = []
    for row in rows:
        tail = row.cells[len(row.cells) - len(others):]
        by_index = dict(zip(others, tail))
        body.append([by_index.get(i, row.name) for i in range(len(trial))])   # (serial and name: not looked at)
    return body


def _stream_cells(lines: list[str], title_index: int, layout: Layout, path: Path) -> tuple[list[Cell], int | None]:
    """The table's non-empty cells after its title, and the line that closes it (None when none does)."""
    cells: list[Cell] = []
    for index in range(title_index + 1, len(lines)):
        text = normalise(lines[index])
        if not text:
            continue
        if layout.end_pattern.search(text, path, index + 1):
            return cells, index + 1
        cells.append(Cell(lines[index], text, index + 1))
    return cells, None


class _CellStream:
    """A table's cells, taken one at a time; running out in the middle of a row means the table is truncated."""

    def __init__(self, cells: list[Cell], path: Path, end_line: int):
        self.cells, self.path, self.end_line, self.position = cells, path, end_line, 0

    def more(self) -> bool:
        return self.position < len(self.cells)

    def peek(self) -> Cell:
        return self.cells[self.position]

    def take(self, expect: str, row_start: Cell) -> Cell:
        if not self.more():
            raise InputError(self.path, f"lines {row_start.line}–{self.end_line - 1}",
                             f"the table row starting at line {row_start.line} ends before its {expect}: "
                             "the table is truncated",
                             "restore the missing cells of this row.")
        self.position += 1
        return self.cells[self.position - 1]


def _stream_row(stream: _CellStream, cell: Cell, group: str, layout: Layout, roles: list[str],
                columns: list[ValueColumn], path: Path) -> TableRow:
    """One row: its serial number (or the group it is a sub-row of), its name, then one cell for each of the
    header's other columns (unit, values, 属性 …), in the header's order."""
    row = TableRow(name=None, values=[], cells=[])  # type: ignore[arg-type]
    if SERIAL.match(cell.text):
        row.serial = stream.take("row number", cell)
        row.cells.append(cell)
        row.name = stream.take("indicator name", cell)
    elif group:
        row.group_label = group
        row.name = stream.take("indicator name", cell)
    else:
        raise InputError(path, cell.line,
                         f"expected a row number or a group label ({', '.join(layout.group_labels)}) "
                         f"here, found '{cell.raw.strip()[:40]}'",
                         "restore the row's serial number, or add the label to `group_labels`.")
    row.cells.append(row.name)
    if _looks_numeric(row.name.text):
        raise InputError(path, row.name.line, f"expected an indicator name, found the number '{row.name.text}'",
                         "a cell is missing or extra in the row above; restore the table.")
    value_columns = iter(columns)
    for role in roles:
        if role in ("serial", "name", "category"):
            continue      # a stream has no merged category cells: a category column cannot be told apart
        if role in VALUE_ROLES:
            column = next(value_columns)
            value = stream.take(f"{column.header.text} value", row.cells[0])
            row.values.append((column, value))
        else:
            value = stream.take(f"{role} cell", row.cells[0])
            if role == "unit":
                row.unit = value
            elif role == "attribute":
                row.attribute = value
        row.cells.append(value)
    return row


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[<>=≥≤]*\s*\d+(\.\d+)?\s*%?", text)) or text == "/"


PARSERS = {
    "tab_indented_rows": parse_tab_indented_rows,
    "cell_stream": parse_cell_stream,
}


def parse_plan_table(path: Path, lines: list[str], plan: Plan, sources: Sources) -> ParsedTable:
    if not plan.layout:
        raise InputError(sources.path, plan.line,
                         f"plan '{plan.entity}' is a plain-text file ({plan.file}) but names no `layout:`",
                         f"add `layout:` with one of: {', '.join(sorted(sources.layouts))} (see `layouts:`); or give "
                         "the plan as published (.docx, web page or PDF), which needs none.")
    layout = sources.layouts.get(plan.layout)
    if layout is None:
        raise InputError(sources.path, plan.line,
                         f"plan '{plan.entity}' uses layout '{plan.layout}', which is not defined",
                         f"use one of: {', '.join(sorted(sources.layouts))}; or define it under `layouts:`.")
    parser = PARSERS.get(layout.parser)
    if parser is None:
        raise InputError(sources.path, layout.line,
                         f"layout '{layout.name}' names parser '{layout.parser}', which does not exist",
                         f"use one of: {', '.join(sorted(PARSERS))}.")
    # The title may be found first in a table of contents: a match the table does not follow is skipped (and
    # recorded in the table's `contents`) when a later match gives the table.
    failed: list[tuple[int, InputError]] = []
    for title_index in title_lines(lines, plan, path):
        try:
            table = parser(lines, title_index, layout, sources, path)
        except InputError as exc:
            failed.append((title_index, exc))
            continue
        # (a title line that is no contents entry, over a header cell no pattern knows, was a table titled alike)
        alike = {i: exc.unknown_header for i, exc in failed
                 if getattr(exc, "unknown_header", None) is not None and not CONTENTS_ENTRY.search(normalise(lines[i]))}
        table.contents = [Cell(lines[i], normalise(lines[i]), i + 1) for i, _ in failed if i not in alike]
        table.passed_over = [(Cell(lines[i], normalise(lines[i]), i + 1), header) for i, header in alike.items()]
        return resolve_year_columns(table, plan, sources)
    # None gives a table: the error is the first match's that is not a contents entry.
    raise next((exc for i, exc in failed if not CONTENTS_ENTRY.search(normalise(lines[i]))), failed[0][1])


# -------------------------------------------------------------- a year-less base column (现状值), the plan's words
# A column headed 现状值 (基期值, “十四五”末) writes no year: the plan's period makes it the base year's figures
# (header_roles `role: base`, read as the year's actuals). A plan is drafted before its base year ends: a 十五五 plan
# is drafted through 2025 (the national plan's consultation opened in January 2025, the outline is adopted the next
# March), before the year's statistics are counted, so its "现状" is often the year's expected outcome; a header
# that says 预计 makes the column estimates, one that writes only 现状值 does not say. Where the plan's text says it
# (预计2025年底达到15.2万人, 注：现状值为2025年预计数), the column's figures are read as estimates (never judged as the
# base year's actual; a stated figure, the monitoring workbook's, is preferred), and the sentence is logged. Else
# the column is logged as read by the period from a header with no year (cleaning: period_year_column).
BASE_WORDS_IN_TEXT = re.compile(r"现状|基期|基数")
# The words of an estimate of a figure already reached (not 预测/预期/展望, which look ahead to targets).
BASE_ESTIMATE_WORDS = ("预计", "预估", "估计", "估算", "初估", "暂估", "暂定", "匡算", "推算", "测算")
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")


def yearless_base_columns(table: "ParsedTable") -> list[ValueColumn]:
    """The county's value columns read as the base by a header that writes no year (现状值)."""
    return [c for c in table.columns if c.from_period == "base" and not c.for_province
            and not YEAR_IN_HEADER.search(_compact(c.header.text))]


def base_estimated_in_text(table: "ParsedTable", plan: Plan, texts: list[tuple[object, str]]) -> ParsedTable:
    """The table's year-less base columns (yearless_base_columns) read as estimates when a sentence of the plan's text
    or of the table's notes (`texts`: (where, text)) says the base is estimated: an estimate word of a figure reached
    (BASE_ESTIMATE_WORDS, as estimate_in_note reads it) with the base year (2025年) or 现状/基期/基数."""
    columns = [c for c in yearless_base_columns(table) if not c.estimated]
    if not columns:
        return table
    base = f"{plan.period.base_year}年"
    for where, text in texts:
        for sentence in _SENTENCE_END.split(normalise(text)):
            if base not in sentence and not BASE_WORDS_IN_TEXT.search(sentence):
                continue
            word = estimate_in_note(sentence)
            if word in BASE_ESTIMATE_WORDS:
                said = (where, sentence.strip(), word)
                placed = {id(c): replace(c, estimated=True, estimated_by=said) for c in columns}
                table.columns = [placed.get(id(c), c) for c in table.columns]
                for row in table.rows:
                    row.values = [(placed.get(id(c), c), cell) for c, cell in row.values]
                return table
    return table
