"""The plan's indicator table among a document's tables (grids), read into the rows the text layouts give.

Any format read into a Document (.docx, web page, PDF) comes here: the table is the first grid whose title
(a paragraph just above it, or a first row that is one merged cell) matches the plan's `table_title` and whose
header cells all have a role under `header_roles`. Its header cells and data cells go, each with its place,
to the same header-role and cleaning code as the text layouts' (tables.header_roles, cleaning.TableCleaner),
so that what the cells mean is decided in one place for every format.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from helpers.core.config import Continuation, Plan, Sources
from helpers.core.errors import InputError
from helpers.core.paths import display_path
from helpers.core.text import normalise
from helpers.core.values import NotANumber, parse_value_cell
from helpers.extract import tables
from helpers.extract.documents.model import Document, Grid, GridCell, Paragraph, Place
from helpers.extract.tables import Cell, ParsedTable, TableRow

# A note row (注：…, 注1：…) ends the table's rows; it and the rows after it are the table's notes.
FOOTNOTE = tables.TABLE_NOTE
SERIAL = re.compile(r"^\d{1,3}$")
VALUE_ROLES = ("actual", "target", "year", "base")    # the columns that hold figures
DIGIT = re.compile(r"\d")


class NestedTable(InputError):
    """The plan's table holds a table in one of its cells."""


def as_cell(cell: GridCell | Paragraph) -> Cell:
    return Cell(cell.text, normalise(cell.text), cell.place.ordinal, cell.place, doubt=getattr(cell, "doubt", ""),
                unseen=getattr(cell, "unseen", ""), unseen_why=getattr(cell, "unseen_why", ""))


def parse_grid_table(document: Document, plan: Plan, sources: Sources) -> ParsedTable:
    path = document.path
    grids, skipped, trailing = _without_empty_tables(document.grids)
    titled = [(grid, title) for grid in grids if (title := _title(grid, plan, path)) is not None]
    # A web page's table that holds tables is read as the page it holds; when it is the plan's own table (a table
    # in one of its cells), it is tried last, to name that cell.
    titled += [(grid, title) for grid in document.outer_grids if (title := _title(grid, plan, path)) is not None]
    last_empty = next((g for g in reversed(trailing) if _title(g, plan, path)), None)
    if not titled and last_empty is not None:
        _not_a_frame(document, last_empty)
        raise InputError(path, _first_place(last_empty), "the table title is followed by an empty table (no text "
                         "in any cell), and no table with text after it",
                         "check that this is the complete plan: a draft may leave its indicator table empty; ask the "
                         "office for the complete document, name it in config/sources.yaml and run `make manifest`.")
    if not titled:
        found = "; ".join(g.summary() for g in document.grids) or "none"
        title = next((p for p in document.paragraphs
                      if plan.table_title.search(normalise(p.text), path, p.place)), None)
        if document.kind == "pdf" and title is not None:
            raise InputError(path, title.place, f"the table's title is here ('{title.text[:40]}'), but no table drawn "
                             f"with ruling lines follows it (the tables found: {found}): a PDF table without lines "
                             "between its cells cannot be read without guessing its columns",
                             "ask the office for the plan as .docx or for its web page, and name that file in "
                             "config/sources.yaml (then run `make manifest`).")
        if document.also_big5:
            raise InputError(path, None, f"no table is titled /{plan.table_title.pattern}/ (the tables found: "
                             f"{found}); the page declares no charset and was read as GBK (GB18030), but its bytes "
                             "are Big5 (traditional Chinese) text as well: read in the wrong one, its text is garbled",
                             "open the page in the browser: if it shows traditional Chinese (繁體), write <meta "
                             "charset=\"big5\"> as the first line inside its <head> and write `table_title` for this "
                             "plan in config/sources.yaml in traditional characters (發展, 指標); run `make manifest`, "
                             "and add the header words, indicator names and units it then names in traditional "
                             "characters, as it advises. Otherwise check that this is the complete plan with its "
                             "indicator table.")
        raise InputError(path, None, f"no table is titled /{plan.table_title.pattern}/ (the tables found: {found})",
                         "check that this is the complete plan with its indicator table, or correct `table_title` "
                         "for this plan in config/sources.yaml to match the title written above the table.")
    first_error: InputError | None = None
    passed_over: list[tuple[Cell, Cell | None]] = []
    for grid, (title, header_index) in titled:
        rows, header_index = _caption_rows(grid, header_index)
        captions = _between(grid, title, header_index - len(rows)) + rows
        confirmed: list[tuple[Place, Continuation]] = []
        by_header: list[tuple[Place, Place, str]] = []
        parts = _continued_in(grid, grids, plan, path, confirmed, (header_index, document.kind, by_header)) \
            if grid in grids else []
        try:
            table = _read(document, _joined(grid, header_index, parts, plan, path), title, header_index, plan, sources)
        except NestedTable as exc:    # the plan's table, with a table in a cell: that is the error to name
            raise exc from None
        except InputError as exc:
            # A titled table whose header does not read as an indicator table's (no header, a layout frame, an
            # unknown header) may not be the plan's: another titled one is tried. One whose header reads as the
            # plan's and that stops in its rows or year columns (a bad cell, a year neither base nor target) is the
            # plan's table: the run stops there, naming it; a table titled alike below it is not read instead
            # (issue 18: a copy below it headed 2025年 was read as firm actuals, exit 0).
            if getattr(exc, "in_plan_table", False):
                raise
            first_error = first_error or exc
            passed_over.append((title, getattr(exc, "unknown_header", None)))
            continue
        _refuse_unjoined_part(path, parts[-1] if parts else grid, grids, grid.rows[header_index], plan, sources)
        table.empty_tables = [_first_place(g) for g in _after_title(skipped.get(grid.number, []), title)]
        table.continued = [_first_place(part) for part in parts]
        table.framed = [(grid.frame, grid.number)] if grid.frame is not None else []
        table.confirmed = confirmed
        table.by_header = by_header
        table.also_titled = [other.summary() for other, _ in titled if other is not grid]
        table.passed_over = passed_over
        table.unit_caption = tables.unit_caption(title, captions + table.above)
        table.above = [title, *captions, *table.above]
        _all_continuations_used(path, plan, confirmed, sources)
        _no_other_figures_under_the_title(document, grid, table, [(other, found) for other, found in titled
                                                            if other is not grid and other not in parts], plan, sources)
        return table
    raise first_error


def _figures(table: ParsedTable) -> dict[tuple[str, str], tuple[str, str, Cell]]:
    """The table's value cells by indicator name and column header (normal form), each with the name and header
    as written."""
    return {(row.name.text, column.header.text): (row.name.raw.strip(), column.header.raw.strip(), cell)
            for row in table.rows for column, cell in row.values if cell.text.strip()}


def _no_other_figures_under_the_title(document: Document, grid: Grid, table: ParsedTable, others: list, plan: Plan,
                                      sources: Sources) -> None:
    """A second table under the same title as the plan's (a copy left in the page, an older version above the
    final one) that gives a different figure for one of its indicators and columns stops, naming both cells:
    the first was read, and the second never mentioned (redteam14: 99 read where the page's other table, which a
    browser shows too, says 20左右). A copy giving the same figures, or one that cannot be read as the plan's
    table, changes nothing. Tables titled otherwise are other tables (a 十三五 table before the 十四五 one:
    dataset._check_table_period)."""
    mine = _figures(table)
    for other, (title, header_index) in others:
        if title.text != table.title.text:
            continue
        try:
            theirs = _figures(_read(document, other, title, _caption_rows(other, header_index)[1], plan, sources))
        except InputError:
            continue
        differ = next((key for key, (_, _, cell) in mine.items() if key in theirs and theirs[key][2].text != cell.text),
                      None)
        if differ is None:
            continue
        name, header, _ = mine[differ]
        (first_title, first), (second_title, second) = sorted(
            [(table.title, mine[differ][2]), (title, theirs[differ][2])],
            key=lambda pair: 0 if (pair[0] is table.title) == (grid.number < other.number) else 1)
        in_word = document.kind in ("docx", "doc", "wps")
        raise InputError(document.path, first.where,
                         f"two tables are titled '{table.title.raw.strip()[:60]}' ({first_title.where}; "
                         f"{second_title.where}), and they give different figures: {name}, {header}: "
                         f"'{first.raw.strip()}' in the first ({first.where}) but '{second.raw.strip()}' in the "
                         f"second ({second.where}); which is the plan's cannot be told",
                         "check with the office which table is the plan's, and delete the other from the "
                         "document, with its title (" +
                         ("in Word or WPS: click into it, Layout → Delete → Delete Table; WPS: 表格工具 → 删除 → "
                          "表格; save it as .docx" if in_word else
                          "in a text editor: its <table>…</table> and the title above it; save it") +
                         "), then run `make manifest`.")


# A table that runs on in the next one: Word starts a new table after a page break or a 续表 line, and a web page
# pasted from Word has each page's part as a table of its own. Its second part was dropped without a word.
CONTINUED = re.compile(r"续")


def _continued_in(grid: Grid, grids: list[Grid], plan: Plan, path: Path,
                  confirmed: list[tuple[Place, Continuation]], header: tuple | None = None) -> list[Grid]:
    """The tables the plan's table continues in: each next table with as many columns and nothing between it and
    the part before but a continuation line (续表, 表1（续）) or the title again, or what the analyst's word that it
    continues there (`continued:`, added to `confirmed`) says stands between, until a part holds the 注 row.
    In a .docx or web page, a next table whose first row repeats the plan's header row, after a few short lines
    (接上表, 单位：万人), is a part too (added to `header`'s list, for the cleaning log: redteam20 T7, its rows were
    dropped without a word); one after other text whose first row repeats the header or reads as a row of
    figures cannot be told from another table, and the run stops there (_refuse_unjoined_docx_part)."""
    parts: list[Grid] = []
    before = grid
    header_index, kind, by_header = header if header is not None else (None, "pdf", [])
    for following in grids[grids.index(grid) + 1:]:
        other = _between_parts(before, plan, path)
        if _has_note_row(before) or following.width != grid.width:
            break
        if other:
            word = _continuation(plan, _first_place(following).page, other)
            if word is not None:
                confirmed.append((_first_place(following), word))
            elif kind == "pdf" or header_index is None:
                break
            elif _repeats_table_header(grid, header_index, following, plan, path) and _short_lines(before, plan, path):
                by_header.append((before.rows[-1][0].place if before.rows and before.rows[-1] else
                                  _first_place(before), _first_place(following),
                                  " / ".join(p.text.strip() for p in before.after if normalise(p.text) in other)))
            else:
                _refuse_unjoined_docx_part(path, grid, header_index, before, following, other, plan, kind)
                break
        parts.append(following)
        before = following
    return parts


# At most this many short lines (of at most SHORT characters) between a table and a next one that repeats its header
# row: 接上表, （接上表）, 单位：万人, Table 1 (continued). More, or longer, is text of the document's own.
SHORT_LINES, SHORT = 3, 40


def _short_lines(before: Grid, plan: Plan, path: Path) -> bool:
    other = [t for t in _between_parts(before, plan, path) if t.strip()]
    return len(other) <= SHORT_LINES and all(len(t.strip()) <= SHORT for t in other)


def _leading_rows(part: Grid, plan: Plan, path: Path) -> list[list[GridCell]]:
    """A part's rows after those that give 续表 or the title in one cell."""
    rows = list(part.rows)
    while rows:
        single = {normalise(c.text) for c in rows[0] if c.text.strip()}
        if len(single) == 1 and (CONTINUED.search(next(iter(single))) or
                                 plan.table_title.search(next(iter(single)), path, rows[0][0].place)):
            rows.pop(0)
            continue
        break
    return rows


def _repeats_table_header(grid: Grid, header_index: int, part: Grid, plan: Plan, path: Path) -> bool:
    """Whether the part's first row (after a 续表 or title row) is the plan table's header row, cell by cell."""
    rows = _leading_rows(part, plan, path)
    return bool(rows) and [normalise(c.text) for c in rows[0]] == [normalise(c.text) for c in grid.rows[header_index]]


def _reads_as_figures(part: Grid, plan: Plan, path: Path) -> bool:
    """Whether the part's first row (after a 续表 or title row) holds a figure: a row of the table, perhaps."""
    rows = _leading_rows(part, plan, path)
    for cell in rows[0] if rows else []:
        text = normalise(cell.text).strip()
        if not DIGIT.search(text) or SERIAL.match(text):
            continue
        try:
            value = parse_value_cell(text, in_plan=True)
        except NotANumber:
            continue
        if value is not None and value.year is None:
            return True
    return False


def _refuse_unjoined_docx_part(path: Path, grid: Grid, header_index: int, before: Grid, part: Grid,
                               other: list[str], plan: Plan, kind: str) -> None:
    """A next table in a .docx or web page with the plan's table's columns, after text that is not 续表, that
    repeats the plan's header after more than a few short lines, or starts with a row of figures: perhaps the
    table's rest, perhaps another table. Its rows would be left out without a word, so the run stops there."""
    repeats = _repeats_table_header(grid, header_index, part, plan, path)
    if not repeats and not _reads_as_figures(part, plan, path):
        return
    where = _first_place(part)
    between = "; ".join(f"'{t[:40]}'" for t in other[:3]) + ("; …" if len(other) > 3 else "")
    first = "repeats the plan's table's header row" if repeats else "starts with a row of figures"
    edit = ("in Word or WPS, write 续表 as the only line between the two tables (deleting the other text there) and "
            "save it as .docx" if kind in ("docx", "doc", "wps") else
            "in a text editor, write <p>续表</p> as the only text between the two <table>s and save it")
    raise InputError(path, where, f"the next table has the plan's table's {grid.width} columns and {first}, "
                     f"but text stands between them ({between}): it may be the rest of the plan's table (its rows "
                     "would be left out), or another table", f"look at the two tables: if the second is the rest "
                     f"of the plan's table, {edit}, then run `make manifest`; it is then read as one table, and the "
                     "cleaning log says so. If it is another table, give it a header row of its own (its column "
                     "names), then run `make manifest`.")


def _between_parts(before: Grid, plan: Plan, path: Path) -> list[str]:
    """The text after a table, up to the next one, that is not a continuation line (续表, 表1（续）) or the title."""
    return [text for text, place in ((normalise(p.text), p.place) for p in before.after)
            if not ((CONTINUED.search(text) and len(text) <= 40) or plan.table_title.search(text, path, place))]


def _continuation(plan: Plan, page: int | None, between: list[str]) -> Continuation | None:
    """The analyst's word (`continued:`) that the table runs on to `page` with this text between the parts."""
    said = re.sub(r"\s+", "", "".join(between))
    return next((c for c in plan.continued if c.page == page and re.sub(r"\s+", "", c.between) == said), None)


def _all_continuations_used(path: Path, plan: Plan, confirmed: list, sources: Sources) -> None:
    """A `continued:` entry that joined nothing (the document changed, or another page or text than it has) stops
    the run at its line rather than being ignored."""
    used = {id(word) for _, word in confirmed}
    for word in plan.continued:
        if id(word) not in used:
            raise InputError(sources.path, word.line, f"the plan's table does not continue on page {word.page} of "
                             f"{path.name} with '{word.between}' between its parts, as `continued:` says here",
                             "check the page and the text between the parts against the error that asked for it; "
                             "remove the entry if the plan's table no longer stops there.")


def _refuse_unjoined_part(path: Path, end: Grid, grids: list[Grid], header: list[GridCell], plan: Plan,
                          sources: Sources) -> None:
    """A PDF's table on the next page with the plan's table's columns, not joined to it, is perhaps its part after
    the page break: its rows would be dropped without a word. So is one atop the next page with other columns
    that repeats the plan's table's header in a row (a header row repeated inside a merged cell, which the
    browser shifts one column: 10 indicators' 20 values were left out without a word). Unless the plan's table
    ended (its 注 row), the run stops there."""
    if _has_note_row(end):
        return
    last_page = max(c.place.page or 0 for row in end.rows for c in row)
    office = ("ask the office for the plan as .docx or its web page (a PDF's layout cannot be corrected here), name "
              "that file in config/sources.yaml and run `make manifest`.")
    part = next((g for g in grids if g.same_columns_as == end.number), None)
    if part is not None:
        between = "; ".join(f"'{p.text[:40]}'" for p in end.after) or "nothing the reader could tell"
        what = f"a table with the same columns follows on page {last_page + 1} ({part.summary()}), but they could " \
               f"not be joined (between them: {between})"
        where = _first_place(part)
        other = "".join(_between_parts(end, plan, path))
        if other and where.page:
            entry = f"{{page: {where.page}, between: '{other.replace(chr(39), chr(39) * 2)}', because: '…'}}"
            office = (f"look at pages {last_page} and {where.page}. If the table on page {where.page} is the rest of "
                      "the plan's table (a browser's print repeats the table's header on each page, and a "
                      "merged cell's text, an 一级指标, can run below the table's last line), say so under this "
                      f"plan's entry (file: {plan.file}) in {display_path(sources.path)}, writing after because: "
                      f"what you saw: `continued: [{entry}]`, and run `make data`; the text between is then left "
                      f"out, and the cleaning log says so. Otherwise {office}")
    else:
        part = next((g for g in grids if g.next_page_of == end.number and _header_row_in(g, header)), None)
        if part is None:
            return
        row = _header_row_in(part, header)
        where = row[0].place
        what = f"a table with other columns starts page {last_page + 1} ({part.summary()}) and repeats the plan's " \
               f"header in a row, shifted ('{' | '.join(dict.fromkeys(c.text for c in row if c.text))[:80]}'), " \
               "so they could not be joined"
    raise InputError(path, where, f"the plan's table ends on page {last_page} and {what}: the rows on page "
                     f"{last_page + 1} may be the rest of the plan's table, and would be left out", office)


def _header_row_in(grid: Grid, header: list[GridCell]) -> list[GridCell] | None:
    """The first row of `grid` that holds the header's words in order, side by side (in whichever columns)."""
    words = list(dict.fromkeys(normalise(c.text) for c in header if c.text.strip()))
    for row in grid.rows:
        texts = list(dict.fromkeys(normalise(c.text) for c in row if c.text.strip()))
        if words and any(texts[i:i + len(words)] == words for i in range(len(texts) - len(words) + 1)):
            return row
    return None


def _has_note_row(grid: Grid) -> bool:
    return any(FOOTNOTE.search(next((normalise(c.text) for c in row if c.text.strip()), "")) for row in grid.rows)


def _joined(grid: Grid, header_index: int, parts: list[Grid], plan: Plan, path: Path) -> Grid:
    """The table and its continued parts as one grid: a part's leading rows that repeat the header, or give the
    title or 续表 in one cell, are dropped."""
    if not parts:
        return grid
    _, data_start = _header(grid, header_index)
    repeated = [[normalise(c.text) for c in row] for row in grid.rows[header_index:data_start]]
    rows = list(grid.rows)
    for part in parts:
        start = 0
        for row in part.rows:
            texts = [normalise(c.text) for c in row]
            single = {t for t in texts if t}
            if texts in repeated or (len(single) == 1 and (CONTINUED.search(next(iter(single))) or
                                                           plan.table_title.search(next(iter(single)), path,
                                                                                   row[0].place))):
                start += 1
                continue
            break
        rows += part.rows[start:]
    return replace(grid, rows=rows, after=parts[-1].after)


def _without_empty_tables(grids: list[Grid]) -> tuple[list[Grid], dict[int, list[Grid]], list[Grid]]:
    """The tables with text; the empty ones (no text in any cell: a spacer table, or one whose text was deleted)
    each table with text follows, by its number; and the empty ones at the end. A table after empty ones takes
    the paragraphs above them (where the title is)."""
    kept, skipped, empty = [], {}, []
    for grid in grids:
        if not any(c.text.strip() for row in grid.rows for c in row):
            empty.append(grid)
            continue
        if empty:
            skipped[grid.number] = empty
            grid = replace(grid, before=([p for g in empty for p in g.before] + grid.before)[-3:])
            empty = []
        kept.append(grid)
    return kept, skipped, empty


def _after_title(empty: list[Grid], title: Cell) -> list[Grid]:
    """The empty tables that stand between the title and the table: from the one the title is just above."""
    first = next((i for i, g in enumerate(empty) if any(p.place == title.place for p in g.before)), len(empty))
    return empty[first:]


def _first_place(grid: Grid) -> Place:
    return grid.rows[0][0].place if grid.rows and grid.rows[0] else Place(table=grid.number, row=1, column=1)


def contents_mentions(document: Document, plan: Plan, table: ParsedTable) -> list[Paragraph]:
    """Paragraphs that match the table's title but are not its title: a table of contents' entries."""
    return [p for p in document.paragraphs
            if p.place != table.title.place and plan.table_title.search(normalise(p.text), document.path, p.place)]


def _between(grid: Grid, title: Cell, header_index: int) -> list[Cell]:
    """The paragraphs between the table's title and the table (a caption such as 单位：万人)."""
    if header_index:        # (the title is the table's first row)
        return []
    at = max((i for i, p in enumerate(grid.before) if p.text == title.raw), default=len(grid.before))
    return [as_cell(p) for p in grid.before[at + 1:]]


def _caption_rows(grid: Grid, index: int) -> tuple[list[Cell], int]:
    """The caption rows from the table's row at `index` on (_caption_row: 单位：万人, （2025年为预计数）, each a row of
    its own across the table above the header), and the index of the header's row after them."""
    rows = []
    while (row := _caption_row(grid, index)) is not None:
        rows.append(row)
        index += 1
    return rows, index


def _caption_row(grid: Grid, index: int) -> Cell | None:
    """The table's row at `index` when it is a caption above its header, else None: one text across the row (one
    merged cell, or one cell written and the others empty: 单位：万人, （2025年为预计数）,
    （单位：万人；2025年为预计数）), with a row under it. Its text is read as the table's notes are (table_notes;
    the unit: tables.unit_caption); it was glued to every header cell of a two-row header
    ('（2025年为预计数）2025年'), which stopped as unknown with advice to read 类别 as a year's column."""
    if index + 1 >= len(grid.rows) or grid.width < 2:
        return None
    cells = [c for c in grid.rows[index] if c.text.strip()]
    if cells and len({c.text for c in cells}) == 1 and (len(cells) == 1 or all(c.spanned for c in cells[1:])):
        return as_cell(cells[0])
    return None


def _title(grid: Grid, plan: Plan, path: Path) -> tuple[Cell, int] | None:
    """The grid's title and the index of its header row, when its title matches the plan's table title."""
    for paragraph in reversed(grid.before):
        if plan.table_title.search(normalise(paragraph.text), path, paragraph.place):
            return as_cell(paragraph), 0
    if grid.rows:
        texts = {c.text for c in grid.rows[0] if c.text}
        if len(texts) == 1 and plan.table_title.search(normalise(next(iter(texts))), path, grid.rows[0][0].place):
            return as_cell(grid.rows[0][0]), 1
    return None


def _read(document: Document, grid: Grid, title: Cell, header_index: int, plan: Plan,
          sources: Sources) -> ParsedTable:
    path = document.path
    header, data_start = _header(grid, header_index)
    if not header:
        raise InputError(path, title.where, "the table title is followed by no table header",
                         "check the document around this place.")
    _not_a_frame(document, grid)
    _no_nested_table(document, grid, grid.rows[header_index], header, "")
    roles, columns = tables.header_roles(header, sources, path)
    below = _header_words_below(grid, data_start, roles)
    if below:     # the header's second row: 2020年 above 完成值, 2025年 above 目标值
        header = [Cell(upper.raw + lower.text, normalise(upper.raw + lower.text), lower.place.ordinal, lower.place)
                  if lower.text.strip() and not lower.spanned else upper for upper, lower in zip(header, below)]
        data_start += 1
        roles, columns = tables.header_roles(header, sources, path)
    under = []      # a caption row right under the header (（2025年为预计数）), read as one above it is
    while (row := _caption_row(grid, data_start)) is not None and tables.above_the_table(row.text):
        under.append(row)
        data_start += 1
    try:
        table = _read_rows(document, grid, title, header, roles, columns, data_start, plan, sources)
        table.above = under
        return table
    except NestedTable:
        raise
    except InputError as exc:   # the header read as the plan's: its table stops, and no other is tried instead
        exc.in_plan_table = True
        raise


def _read_rows(document: Document, grid: Grid, title: Cell, header: list[Cell], roles: list[str],
               columns: list, data_start: int, plan: Plan, sources: Sources) -> ParsedTable:
    """The rows of a titled table whose header reads as the plan's, and its year columns placed."""
    path = document.path
    rows: list[TableRow] = []
    body, notes = _body_and_notes(path, grid, data_start, [c.text for c in header], roles)
    # a grid tells a merged cell (its copy, spanned) from an empty one
    roles, by_content = tables.settle_roles(header, roles, [[as_cell(c) for c in r[:len(header)]] for r in body],
                                            sources, path, merged_told=True)
    category = ""
    end = header[-1].line
    for grid_row in body:
        block = [_with_merged_doubt(as_cell(c), c, role) for c, role in zip(grid_row[:len(header)], roles)]
        row = tables._tab_row(block, roles, columns, category)
        category = row.category
        if "category" in roles and grid_row[roles.index("category")].spanned:
            row.category_inherited = True
        if row.serial is not None and not SERIAL.match(row.serial.text):
            row.group_label, row.serial = row.serial.text, None    # 其中: a sub-row under the row above
        if not row.name.text:
            raise InputError(path, row.name.where, "a table row has an empty indicator name",
                             "restore the name cell of this row.")
        _no_nested_table(document, grid, grid_row, header, row.name.text)
        rows.append(row)
        end = row.last_line
    if not rows and document.kind == "pdf":    # a page in two columns: the header ends one, the rows start the next
        raise InputError(path, title.where, "the plan's table has a header but no indicator rows under it: on a "
                         "page set in two columns (or more), the header can end one column and the rows continue "
                         "at the top of the next, which a PDF's table cannot be joined across without guessing",
                         "look at the page: if the rows continue in another column, ask the office for the plan as "
                         ".docx or its web page (a PDF's layout cannot be corrected here), name that file in "
                         "config/sources.yaml and run `make manifest`. Otherwise check that this is the complete plan "
                         "(a draft or an abstract may leave its table empty).")
    if not rows:
        raise InputError(path, title.where, "the plan's table has a header but no indicator rows under it",
                         "check that this is the complete plan (a draft or an abstract may leave its table empty); "
                         "ask the office for the complete document.")
    notes = _with_note_paragraphs(grid, notes)
    notes += _notes_apart(grid, {title.place, *(n.place for n in notes)})
    table = ParsedTable(path, title, header, roles, columns, rows, end, notes, by_content=by_content)
    return tables.resolve_year_columns(table, plan, sources)


def _with_note_paragraphs(grid: Grid, notes: list[Cell]) -> list[Cell]:
    """The table's notes: its note rows (`notes`), then the paragraphs right under the table that are its notes
    whatever their label (tables.note_paragraphs: 说明：…, a 数据来源 line before the 注, a 注 running on into the
    next paragraph, each numbered item, an unlabelled 〔〕内为五年累计数；2025年为预计数。), up to the next heading or
    the text going on."""
    after = grid.after
    return notes + [as_cell(after[i]) for i in tables.note_paragraphs([normalise(p.text) for p in after], bool(notes))]


# A sentence of prose that introduces a table (主要指标见表1, 如下表, 表1 人才发展主要指标): a footnote anchored in it
# speaks of the table it introduces
INTRODUCES_TABLE = re.compile(r"[见如下]\s*表|表\s*[0-9０-９一二三四五六七八九十]+")


def _notes_apart(grid: Grid, read: set) -> list[Cell]:
    """The footnotes, endnotes and comments anchored in the table's cells (a .docx's: header, figure, note row), in
    the paragraphs of its title and note (places `read`) and in the prose just above that introduces it (主要指标见表1
    and a footnote 2025年数据为预计数 on it: INTRODUCES_TABLE), each once, as notes of the table placed where they are
    anchored: read as its 注 paragraph is (table_notes)."""
    seen: set[tuple[str, str]] = set()
    out = []
    paragraphs = [p for p in grid.before + grid.after
                  if p.place in read or (p in grid.before and INTRODUCES_TABLE.search(normalise(p.text)))]
    for grid_row in [*grid.rows, paragraphs]:
        for cell in grid_row:
            for note in cell.attached:
                if (note.kind, note.id) not in seen:
                    seen.add((note.kind, note.id))
                    out.append(Cell(note.text, normalise(note.text), cell.place.ordinal, cell.place, apart=note.kind,
                                    mark=note.mark))
    return out


def _body_and_notes(path: Path, grid: Grid, data_start: int, header_texts: list[str],
                    roles: list[str]) -> tuple[list[list[GridCell]], list[Cell]]:
    """The table's rows under its header (the header repeated on a new page left out), and its 注 row and any row
    after it, as notes."""
    body: list[list[GridCell]] = []
    notes: list[Cell] = []
    for grid_row in grid.rows[data_start:]:
        texts = [normalise(c.text) for c in grid_row]
        if not any(texts) or _repeats_header(texts, header_texts, roles):   # the header repeated on a new page
            continue
        _not_deleted(path, grid_row)
        if notes or FOOTNOTE.search(next(t for t in texts if t)):   # the 注 row, and any row after it
            notes += [as_cell(c) for c in grid_row if c.text and not c.spanned]
            continue
        body.append(grid_row)
    return body, notes


def _repeats_header(texts: list[str], header: list[str], roles: list[str]) -> bool:
    """The row is the header repeated (on a new page), in full or with its year columns shortened to their years
    (2020年 for 2020年完成值, as a continuation page may print it): every cell is its column's heading, or the start
    of a figures column's heading that names its year. It was read as an indicator row named 二级指标, and the
    advice was to edit the published plan."""
    if texts == header:
        return True
    return len(texts) >= len(header) and all(
        text == head or (role in VALUE_ROLES and DIGIT.search(text) and head.startswith(text) and text != head)
        for text, head, role in zip(texts, header, roles)) and not any(texts[len(header):])


def _header_words_below(grid: Grid, start: int, roles: list[str]) -> list[GridCell]:
    """The row under the header when it is the header's second row: no indicator name, no digit, and words under
    a year's column (2020年 above 完成值, 2025年 above 目标值: a common published form, read as 2020年完成值). It was
    read as an indicator row with an empty name, and the advice was to restore the name cell. [] when it is not."""
    if start >= len(grid.rows) or "name" not in roles:
        return []
    below = grid.rows[start][:len(roles)]
    texts = ["" if cell.spanned else normalise(cell.text) for cell in below]
    if len(below) < len(roles) or texts[roles.index("name")] or any(DIGIT.search(text) for text in texts):
        return []
    return below if any(text for text, role in zip(texts, roles) if role in VALUE_ROLES) else []


def _not_deleted(path: Path, grid_row: list[GridCell]) -> None:
    """A .docx row deleted under Track Changes (修订) that still shows text: Word shows it struck through, or leaves
    it out in its final view, so whether the plan keeps it cannot be told. (Its text was read as a row's: the last
    row's category, a merged cell's copy, with an empty name, and the advice was to restore the name cell.) A row
    whose text is all deleted text is left out before this, as Word's final view leaves it out."""
    if any(cell.deleted for cell in grid_row):
        shown = next((cell.text for cell in grid_row if cell.text.strip()), "")
        raise InputError(path, grid_row[0].place, f"this table row is deleted under Track Changes (修订), the "
                         f"deletion neither accepted nor rejected, and still shows '{shown[:20]}': Word shows the "
                         "row struck through or leaves it out, so whether the plan keeps it cannot be told",
                         "open the document in Word or WPS, Review (审阅) → Accept (接受) the deletion to remove "
                         "the row, or Reject (拒绝) it to keep the row, save the document and run `make manifest`.")


def _with_merged_doubt(cell: Cell, grid_cell: GridCell, role: str) -> Cell:
    """A value cell merged over several rows or columns holding a figure: it would be read as every row's or every
    year's own, a guess, so the cleaning stops at it (Cell.doubt), unless the analyst's `readings:` say what the
    cell means in each row (the published plan is never edited: an unmerged copy no longer matches its checksum). A
    merged '/' or '—' (no value for any of them) is read as it says."""
    if role not in VALUE_ROLES or not grid_cell.spanned or not grid_cell.text:
        return cell
    try:
        if parse_value_cell(grid_cell.text).missing:
            return cell
    except NotANumber:
        pass    # not a number at all: a merged cell all the same
    merged = ("it is part of a merged cell written across several rows or columns, and one figure there cannot be "
              "read as each row's or each year's own without guessing (each row the merged cell covers needs its "
              "own reading, with that row's figure, or / where the plan gives it none)")
    return replace(cell, doubt="; ".join(d for d in (cell.doubt, merged) if d))


def _not_a_frame(document: Document, grid: Grid) -> None:
    """A table under the title with no text of its own whose cells hold tables: a layout frame drawn around the
    plan's table (many government documents draw one), holding something besides the table and its title (a note
    below it, a second table), or of more than one cell (2×1: the table in one row, a copy in the other), so which
    is the plan's table is not certain (a one-cell frame that holds only the table and its title is read as the
    table it holds: documents.word._framed). It stopped as an empty table, advising to ask the office for the
    complete document, which would not help."""
    holding = [c for row in grid.rows for c in row if c.holds_table and not c.spanned]
    if not holding:
        return
    cell = holding[0]
    no_text = not any(c.text.strip() for row in grid.rows for c in row)
    if len(grid.rows) > 1 and not no_text:
        return       # a table with text of its own and a table in a cell: _no_nested_table names that cell
    if len(grid.rows) == 1 and (len(grid.rows[0]) == 1 or not no_text):
        beside = f" and '{cell.text[:40]}'" if cell.text else ""
        problem = (f"the table under the title is a frame: one row whose cell holds a table of its own{beside} (a "
                   "layout table drawn around the plan's table, with something else inside it besides the table and "
                   "its title), so the table inside cannot be taken for the plan's table for certain")
    else:
        rows, columns = len(grid.rows), max(len(row) for row in grid.rows)
        places = "; ".join(f"row {c.place.row}, column {c.place.column}" if c.place.row is not None
                           else f"line {c.place.line}" for c in holding)
        problem = (f"the table under the title is a frame: a layout table of {rows} row{'s' * (rows != 1)} and "
                   f"{columns} column{'s' * (columns != 1)} with no text of its own, whose cells hold "
                   f"{len(holding)} table{'s' * (len(holding) != 1)} ({places}), so which is the plan's table "
                   "cannot be told for certain")
    if document.kind in ("docx", "doc", "wps"):
        fix = ("open the document in Word or WPS, click into the plan's table inside the frame and select it (Layout "
               "→ Select → Select Table; WPS: 表格工具 → 选择 → 表格), cut it (Ctrl+X), click at the end of the title "
               "above the frame, press Enter and paste it (Ctrl+V), so that the table stands under its title outside "
               "the frame; delete the frame if what is left in it is not part of the plan (click into it, Layout → "
               "Delete → Delete Table; WPS: 表格工具 → 删除 → 表格); save it as .docx, name it in "
               "config/sources.yaml and run `make manifest`.")
    else:
        fix = ("ask the office for the plan as .docx; or open the page in a text editor, move the plan's "
               "<table>…</table> out of the table around it to just below its title, save it, and run `make "
               "manifest`.")
    raise NestedTable(document.path, cell.place, problem, fix)


def _no_nested_table(document: Document, grid: Grid, grid_row: list[GridCell], header: list[Cell], name: str) -> None:
    """A cell of the plan's table that holds a table of its own: what the browser or Word shows there is that
    table's cells, which cannot be read as the cell's one figure without guessing (and python-docx gives a Word
    cell's text without it: the figure would be missing)."""
    for number, (cell, head) in enumerate(zip(grid_row, header), 1):
        if not cell.holds_table:
            continue
        row_number = next(r for r, row in enumerate(grid.rows, 1) if row is grid_row)
        what = f"the {head.text} cell of '{name}'" if name else f"the header cell '{head.text}'"
        in_word = document.kind in ("docx", "doc", "wps")
        fix = ("open the document in Word or WPS, click into the small table inside this cell, and turn it into "
               "the cell's text (Layout → Convert to Text; WPS: 表格工具 → 转换成文本), leaving the figure alone in "
               "the cell; save it as .docx and run `make manifest`." if in_word else
               "ask the office for the plan as .docx; or open the page in a text editor at this line, replace the "
               "inner <table>…</table> with the figure it holds, save it, and run `make manifest`.")
        if cell.place.row is None:     # a web page's place is a line: say where in the table
            what += f" (row {row_number}, column {number} of the plan's table)"
        held = f" ('{cell.text[:40]}')" if cell.text else ""
        raise NestedTable(document.path, cell.place, f"{what} holds a table of its own{held}: a table inside a "
                          "table's cell cannot be read as that cell's one figure without guessing", fix)


def _header(grid: Grid, index: int) -> tuple[list[Cell], int]:
    """The header's cells and the index of the first data row. A header on two rows (年份 merged over 目标值 and
    省委目标数) is read as one: each column's texts joined, a cell merged down both rows counted once."""
    if index >= len(grid.rows):
        return [], index
    top = grid.rows[index]
    spans_across = any(c.spanned and i and top[i - 1].text == c.text for i, c in enumerate(top))
    if not spans_across or index + 1 >= len(grid.rows):
        return [as_cell(c) for c in top], index + 1
    below = grid.rows[index + 1]
    cells = []
    for upper, lower in zip(top, below):
        if lower.spanned or not lower.text or lower.text == upper.text:
            cells.append(as_cell(upper))
        else:
            text = upper.text + lower.text if upper.text != lower.text else upper.text
            cells.append(Cell(text, normalise(text), lower.place.ordinal, lower.place))
    return cells, index + 2
