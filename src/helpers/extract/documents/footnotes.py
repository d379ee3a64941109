"""Note marks tied to their notes by the mark itself (issue 18).

A plan's table may mark a figure or a header (15.2¹, 2025年①, 35*, 15.2注1) and give the note elsewhere, starting with
the same mark: a PDF at the foot of the page (`1 2025年数据为预计数`, `① 2025年为预计数`: Word's footnotes printed,
read from the page by pdf._page_feet), a web page under the table or at the page's end, as plain paragraphs the mark
links nowhere to (`<sup>1</sup>` and `<p>1 2025年数据为预计数</p>`). Unread, the mark was a note mark no note defined,
and a 2025 estimate was judged as the year's actual.

Each mark of a table's cell is tied to the one note that starts with it (¹ and 1, (1), [1], 注1 are one mark; ① and
* are their own) and hung on the cell as a footnote (AttachedNote, its mark kept: the cell's text keeps the mark, and
the value parser reads 15.2¹ as 15.2 with the mark 1): the table's notes then read it as a .docx's footnote anchored
there (grids._notes_apart, table_notes: its words, else its anchor). A mark in a paragraph (主要指标见表1¹) is tied
alike, for the paragraphs that are the table's (its title, its note, the prose that introduces it). A mark that two
notes start with, or (on a PDF page with notes at its foot) one no note starts with and the page names nowhere else,
stops the run, naming the page or line and the mark: which note it refers to cannot be told.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from helpers.core.errors import InputError
from helpers.extract.documents.model import AttachedNote, Document, Grid, Paragraph, Place

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A note mark at the end of a cell's text: superscript digits, a circled number, * ※ † ‡, 注1 / （注1）
MARK_AT_END = re.compile(rf"(?:[{SUPERSCRIPT}]{{1,2}}|[①-⑳]|[*※†‡]|[（(]?注\s*[0-9]{{1,2}}[）)]?)$")
# A mark inside a paragraph's text (主要指标见表1¹): not a plain digit, which is the text's own
MARK_IN_TEXT = re.compile(rf"[{SUPERSCRIPT}]{{1,2}}|[①-⑳]|[*※†‡]")
# A note's first words: its mark, then its text (1 2025年数据为预计数, ¹2025年…, ①2025年…, [1] …, 注1：…, *为…). A plain
# number is a mark only standing alone (not 2025年, 1.5万人), or before a year (12025年数据…: a browser's print of
# `1 2025年` leaves no space character, and no year has five digits)
NOTE_START = re.compile(rf"^\s*(?P<mark>[{SUPERSCRIPT}]{{1,2}}|[①-⑳]|[*※†‡]|[\[［(（]\s*[0-9]{{1,2}}\s*[\]］)）]"
                        r"|注\s*[0-9]{1,2}|[0-9]{1,2}(?=(?:19|20)[0-9]{2}\s*年)|[0-9]{1,2}(?![0-9])(?![.．][0-9]))"
                        r"\s*[.、．:：]?\s*(?P<text>\S.*)$", re.S)


@dataclass(frozen=True)
class PageNote:
    """A note at the foot of a PDF's page: its mark as printed, and its text (its lines joined)."""
    page: int
    mark: str
    text: str
    lines: tuple = ()   # the page's lines it is printed on (pdf._Line: page, number), its paragraphs when not tied


def key(mark: str) -> str:
    """The mark as one: ¹, 1, (1), [1], 注1 are 1; ① and * stay themselves."""
    digits = mark.translate(str.maketrans(SUPERSCRIPT, "0123456789"))
    found = re.search(r"[0-9]+", digits)
    return str(int(found.group())) if found else mark.strip()


def cell_marks(text: str) -> list[str]:
    """The note marks written at the end of a cell (15.2¹ → ['¹'], 2025年①* → ['①', '*']), first to last."""
    marks: list[str] = []
    text = text.strip()
    while (found := MARK_AT_END.search(text)) and found.start() > 0:
        marks.insert(0, found.group())
        text = text[:found.start()].rstrip()
    return marks


def note_start(text: str) -> tuple[str, str] | None:
    """(mark, text) of a line or paragraph that starts with a note mark, else None."""
    found = NOTE_START.match(text)
    return (found.group("mark"), found.group("text").strip()) if found else None


def tie_page_feet(document: Document, feet: list[PageNote]) -> None:
    """A PDF's notes at its pages' feet hung on the table cells and paragraphs of their page that carry their mark.
    Stops at a mark of a table's cell that two of its page's notes start with, or that none does on a page with notes
    at its foot while the page names it nowhere else (it is perhaps a note's whose mark was not read)."""
    by_page: dict[int, list[PageNote]] = {}
    for note in feet:
        by_page.setdefault(note.page, []).append(note)
    if not by_page:
        return
    used: list[PageNote] = []
    for grid in document.grids:
        for row in grid.rows:
            for c, cell in enumerate(row):
                notes = by_page.get(cell.place.page, [])
                tied = []
                for mark in cell_marks(cell.text) if notes else []:
                    found = [n for n in notes if key(n.mark) == key(mark)]
                    if len(found) > 1:
                        raise _two_notes(document.path, cell.place, cell.text, mark,
                                         f"notes at the foot of page {cell.place.page}", [n.text for n in found])
                    if found:
                        tied.append(_note(found[0], mark))
                        used.append(found[0])
                    elif not _named_elsewhere(document, cell.place.page, mark):
                        raise _no_note(document.path, cell, mark, notes)
                if tied:
                    row[c] = replace(cell, attached=cell.attached + tuple(tied))
    used += _tie_paragraphs(document, lambda p: by_page.get(p.place.page, []))
    printed = {_place(line) for note in used for line in note.lines}
    _drop(document, [p for p in document.paragraphs if p.place in printed])


def tie_notes_below(document: Document) -> None:
    """A table cell's mark that links nowhere (a web page's <sup>1</sup>, ①, *) hung with the note under the table
    that starts with it: one of the paragraphs right under the table that are all notes (each starting with a mark),
    or of those at the page's end (after the text). The note's paragraph is then the cell's note, no longer a
    paragraph of the page (read once). Two such notes with the mark stop the run; none leaves the mark as it was (the
    table's 注 may say what it means: 注：带*的为预计数)."""
    for grid in document.grids:
        candidates: dict[str, list[tuple[Paragraph, str]]] = {}
        for paragraph, (m, said) in _note_runs(grid):
            candidates.setdefault(key(m), []).append((paragraph, said))
        if not candidates:
            continue
        used: list[Paragraph] = []
        for row in grid.rows:
            for c, cell in enumerate(row):
                if cell.attached:
                    continue
                tied = []
                for mark in cell_marks(cell.text):
                    found = candidates.get(key(mark), [])
                    if len(found) > 1:
                        raise _two_notes(document.path, cell.place, cell.text, mark,
                                         "of the paragraphs under the table", [said for _, said in found])
                    if found:
                        paragraph, said = found[0]
                        tied.append(AttachedNote("footnote", f"{paragraph.place}:{key(mark)}", said, mark))
                        used.append(paragraph)
                if tied:
                    row[c] = replace(cell, attached=tuple(tied))
        _drop(document, used)


def _named_elsewhere(document: Document, page: int, mark: str) -> bool:
    """The page names the mark otherwise than after a figure or a header: in a paragraph, or in a cell's words (the
    注 row's 注：带*的为预计数): what it means is read there (table_notes), not at the page's foot."""
    return any(mark in p.text for p in document.paragraphs if p.place.page == page) or any(
        mark in cell.text and mark not in cell_marks(cell.text)
        for grid in document.grids for row in grid.rows for cell in row if cell.place.page == page)


def _note_runs(grid: Grid) -> list[tuple[Paragraph, tuple[str, str]]]:
    """The paragraphs after the table that are notes starting with a mark: the run right under it, and the run that
    ends the page (the notes at its end, after the text)."""
    starts = [note_start(p.text) for p in grid.after]
    first = 0
    while first < len(starts) and starts[first]:
        first += 1
    last = len(starts)
    while last > first and starts[last - 1]:
        last -= 1
    keep = list(range(first)) + list(range(last, len(starts)))
    return [(grid.after[i], starts[i]) for i in keep]


def _tie_paragraphs(document: Document, notes_of) -> list[PageNote]:
    """Marks in paragraphs (主要指标见表1¹, a title's ①) tied to their page's notes: a paragraph's mark that is no
    note's is its own (a ※ of its words), never a stop. The notes tied."""
    new: dict[int, Paragraph] = {}
    used: list[PageNote] = []
    for paragraph in document.paragraphs:
        notes = notes_of(paragraph)
        tied = []
        for mark in dict.fromkeys(MARK_IN_TEXT.findall(paragraph.text)) if notes else ():
            found = [n for n in notes if key(n.mark) == key(mark)]
            if len(found) == 1 and found[0].lines and paragraph.place != _place(found[0].lines[0]):
                tied.append(_note(found[0], mark))
                used.append(found[0])
        if tied:
            new[id(paragraph)] = replace(paragraph, attached=paragraph.attached + tuple(tied))
    if not new:
        return used
    for items in [document.paragraphs, *(g.before for g in document.grids), *(g.after for g in document.grids)]:
        items[:] = [new.get(id(p), p) for p in items]
    return used


def _place(line) -> Place:
    return Place(page=line.page, line=line.number)


def _drop(document: Document, used: list[Paragraph]) -> None:
    gone = {id(p) for p in used}
    if not gone:
        return
    for items in [document.paragraphs, *(g.before for g in document.grids), *(g.after for g in document.grids)]:
        items[:] = [p for p in items if id(p) not in gone]


def _note(note: PageNote, mark: str) -> AttachedNote:
    return AttachedNote("footnote", f"page {note.page}:{key(mark)}", note.text, mark)


FIX = ("look at the notes in the plan and ask the office which note the mark refers to; then get the plan as .docx "
       "(its footnotes are read where Word anchors them) or as its web page with each note linked from its mark, name "
       "that file in config/sources.yaml and run `make manifest`.")


def _two_notes(path: Path, place, text: str, mark: str, where: str, said: list[str]) -> InputError:
    notes = "; ".join(f"'{s[:60]}'" for s in said[:3]) + ("; …" if len(said) > 3 else "")
    return InputError(path, place, f"the cell '{text.strip()[:40]}' carries the note mark {mark}, and {len(said)} "
                      f"{where} start with it ({notes}): which of them is its note cannot be told, and "
                      "read by the wrong one an estimate could be judged as the year's actual", FIX)


def _no_note(path: Path, cell, mark: str, notes: list[PageNote]) -> InputError:
    marks = ", ".join(dict.fromkeys(n.mark for n in notes[:10])) + (", …" if len(notes) > 10 else "")
    return InputError(path, cell.place, f"the cell '{cell.text.strip()[:40]}' carries the note mark {mark}, and none "
                      f"of the notes at the foot of page {cell.place.page} (marked {marks}) starts with it, nor does "
                      "the page name it elsewhere: what the mark says of the figure cannot be told, and read as a firm "
                      "figure an estimate could be judged as the year's actual", FIX)
