"""What a plan table's note says of the table's actual figures: which are estimates (docs/data.md, 表注).

A note (注：…, and every numbered item under it: tables.note_block) is read sentence by sentence (split at 。；),
and each sentence clause by clause (split at ，, and before a circled mark). A clause that says its figures are
estimates (预计, 估算: estimate_in_note), for part of a year (1-11月数, 截至11月: part_year), the year's preliminary
count (快报, 初步: preliminary), up to a day (截至) or a month alone (11月数) is tied to what it speaks of:
- a note mark it defines (带*的为预计数, ①为1-11月数): the cells so marked;
- a year (2025年为预计数, 2024、2025年), the base named without its year (基期, 现状, 基数, 基准年: the plan's base
  year) or a column by its number (第5列): the table's actual column for it;
tried on the clause, then on its whole sentence (2025年数据，为预计数). An estimate or part of a year makes the
column's figures estimates, never judged as the year's actual; a preliminary count stays the year's actual (as in a
workbook). A clause that cannot be tied to a column of actual figures, or that gives a month alone (a part of the
year, or the day the figures were published?), stops the run, naming the note: the analyst's reading of it
(`table_notes:` in config/sources.yaml) says which column's figures it makes estimates, or none.

A .docx's footnote, endnote or comment anchored in a cell of the table (Cell.apart) is one of its notes, read alike;
what its words do not tie, its anchor does: on the header of an actual column, that column's figures; on a figure of
one, that figure alone (NoteReading.cells).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.core.config import Plan, Sources, TableNote
from helpers.core.errors import InputError, quoted
from helpers.core.paths import display_path
from helpers.core.text import normalise
from helpers.core.values import is_note_mark
from helpers.extract.documents.model import Place
from helpers.extract.name_meaning import estimate_in_note, part_year, preliminary, stated_years
from helpers.extract.tables import Cell, ParsedTable, ValueColumn

SENTENCE = re.compile(r"[;；。\n]")
# A note's clauses, each read on its own: 注：〔〕内为五年累计数；带*的为预计数。 is two, and so is
# ①为预计值②为五年累计数 (a circled mark starts one); a comma splits one too.
NOTE_CLAUSE = re.compile(r"[;；。,，\n]|(?=[①-⑳])")
# The plan's base year named without its year: 基期（值/数据）, 现状值, 基数, 基准年, 基年
BASE_NAMED = re.compile(r"基期|基数|基准年|基年|现状")
# A column by its number: 第5列, 第五栏
COLUMN_NUMBER = re.compile(r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[列栏]")
UP_TO = re.compile(r"截至|截止")
# 预期 of a year's figures (2025年为预期值) is an estimate, though a note never says it of them elsewhere (a workbook's
# 好于预期; estimate_in_note leaves it out): not of a target's kind (预期性, 预期目标, 预期指标).
EXPECTED = re.compile(r"预期(?!\s*(?:性|目标|指标))")
CHINESE_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


@dataclass(frozen=True)
class NoteTie:
    """A column whose figures the table's note makes estimates, and why."""
    note: Cell                # the note (its line, row or paragraph) that says so
    code: str                 # estimated_by_note, part_year_by_note or analyst_table_note
    words: str = ""           # part_year_by_note: the note's words for part of the year
    reading: TableNote | None = None     # analyst_table_note: the analyst's reading


@dataclass
class NoteReading:
    marks: dict[str, Cell] = field(default_factory=dict)        # a note mark the note makes an estimate's
    columns: dict[int, NoteTie] = field(default_factory=dict)   # id(column) of an actual column made estimates
    # the analyst's readings of a sentence that makes no column's figures estimates, each with the note
    none: list[tuple[TableNote, Cell]] = field(default_factory=list)
    # a figure a footnote, endnote or comment anchored on it makes an estimate (此为预计数 on 15.2), by its place
    cells: dict[Place, NoteTie] = field(default_factory=dict)


def read_notes(table: ParsedTable, plan: Plan, sources: Sources) -> NoteReading:
    """What the table's notes say of its actual figures (the module's docstring); a clause it cannot tie stops."""
    found = NoteReading()
    used: set[int] = set()
    for cell in table.notes:
        for sentence in SENTENCE.split(cell.raw):
            if not sentence.strip():
                continue
            reading = _reading_of(plan, sentence)
            if reading is not None:
                used.add(id(reading))
                _apply_reading(found, reading, cell, table, sources)
                continue
            for clause in NOTE_CLAUSE.split(sentence):
                _read_clause(found, clause, sentence, cell, table, plan, sources)
    unused = next((r for r in plan.table_notes if id(r) not in used), None)
    if unused is not None:
        raise InputError(sources.path, unused.line, f"the reading of the table note '{unused.note}' for {plan.file} "
                         "matches no sentence of the notes under the plan's table: the plan or the reading has "
                         "changed", "write the note's sentence as the message that asked for the reading quotes it, "
                         "or remove the reading if the note no longer says it.")
    return found


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text)).rstrip("。；;")


def _reading_of(plan: Plan, sentence: str) -> TableNote | None:
    """The analyst's reading of the sentence (or of one of its clauses), else None."""
    keys = {_key(sentence), *(_key(c) for c in NOTE_CLAUSE.split(sentence) if c.strip())}
    return next((r for r in plan.table_notes if _key(r.note) in keys), None)


def _apply_reading(found: NoteReading, reading: TableNote, cell: Cell, table: ParsedTable, sources: Sources) -> None:
    if reading.estimates is None:
        found.none.append((reading, cell))
        return
    actual = [c for c in table.columns if c.role == "actual"]
    columns = [c for c in actual if _key(c.header.raw) == _key(reading.estimates)]
    if not columns:
        raise InputError(sources.path, reading.line, f"`estimates: {reading.estimates}` of the reading of the table "
                         f"note '{reading.note}' names no column of the table's actual figures in "
                         f"{display_path(table.path)} (they are {_headers(actual)})",
                         "write the column's header as the table writes it, or estimates: none when the note makes "
                         "none of the table's figures estimates.")
    for column in columns:
        found.columns.setdefault(id(column), NoteTie(cell, "analyst_table_note", reading=reading))


def _read_clause(found: NoteReading, clause: str, sentence: str, cell: Cell, table: ParsedTable, plan: Plan,
                 sources: Sources) -> None:
    estimate = estimate_in_note(clause) or (EXPECTED.search(normalise(clause)) and "预期")
    part = part_year(clause, month_alone=False)
    month = None if part is not None or estimate else part_year(clause)
    if not (estimate or part or month or preliminary(clause) or UP_TO.search(normalise(clause))):
        return
    marks = [ch for ch in clause if is_note_mark(ch)]
    if marks:       # 带*的为预计数, ①为1-11月数: the cells so marked; ¹为快报数 stays a note mark
        if (estimate or part) and not month:
            found.marks.update((ch, cell) for ch in marks if ch not in found.marks)
            return
        if not month:
            return
    tied = _tied(clause, table, plan) or _tied(sentence, table, plan)
    anchored = None
    if not tied and not _names(sentence):     # (a year, the base or a column it names, with no column: not tied)
        tied, anchored = _anchored(cell, table)
    if month is not None or not (tied or anchored):
        word = estimate or (part.words if part else None) or preliminary(clause) or UP_TO.search(normalise(clause))
        raise _not_tied(table, plan, cell, sentence, month, word if isinstance(word, str) or word is None
                        else word.group(), sources)
    if (estimate or part) and anchored is not None:
        found.cells.setdefault(anchored, NoteTie(cell, "estimated_by_note" if estimate else "part_year_by_note",
                                                 part.words if part and not estimate else ""))
    elif estimate or part:
        for column in tied:
            found.columns.setdefault(id(column), NoteTie(cell, "estimated_by_note" if estimate else
                                                         "part_year_by_note", part.words if part and not estimate
                                                         else ""))


def _tied(text: str, table: ParsedTable, plan: Plan) -> list[ValueColumn]:
    """The table's actual columns the text names: by year, as the plan's base (基期, 现状), or by number (第5列)."""
    years = {year for first, last in stated_years(text) for year in range(first, last + 1)}
    if BASE_NAMED.search(normalise(text)):
        years.add(plan.period.base_year)
    numbered = []
    values = iter(table.columns)
    by_header = [next(values) if role in ("actual", "target", "year") else None for role in table.roles]
    for match in COLUMN_NUMBER.finditer(normalise(text)):
        written = match.group(1)
        number = int(written) if written.isdigit() else _chinese_number(written)
        if 1 <= number <= len(by_header) and by_header[number - 1] is not None:
            numbered.append(by_header[number - 1])
        else:
            return []       # 第4列 is 单位: no column of figures, so what it says cannot be tied
    if any(c.role != "actual" for c in numbered):
        return []
    return [c for c in table.columns if c.role == "actual" and (c.year in years or any(c is n for n in numbered))]


def _names(text: str) -> bool:
    """The text names a year, the base or a column by its number (what _tied ties by)."""
    return bool(stated_years(text) or BASE_NAMED.search(normalise(text)) or COLUMN_NUMBER.search(normalise(text)))


def _anchored(note: Cell, table: ParsedTable) -> tuple[list[ValueColumn], Place | None]:
    """What a note kept apart (a footnote, endnote or comment) is anchored on, when its words name nothing: the header
    of an actual column (that column), or a figure of one (its place); else nothing."""
    if not note.apart:
        return [], None
    headed = [c for c in table.columns if c.role == "actual" and c.header.place == note.place]
    if headed:
        return headed, None
    on_figure = any(column.role == "actual" and value.place == note.place for row in table.rows
                    for column, value in row.values)
    return [], note.place if on_figure else None


def _chinese_number(written: str) -> int:
    if written == "十":
        return 10
    if written.startswith("十"):
        return 10 + CHINESE_NUMBER.get(written[1:], 0)
    if "十" in written:
        tens, _, ones = written.partition("十")
        return CHINESE_NUMBER.get(tens, 0) * 10 + CHINESE_NUMBER.get(ones, 0)
    return CHINESE_NUMBER.get(written, 0)


def _headers(columns: list[ValueColumn]) -> str:
    return ", ".join(f"'{c.header.raw.strip()}'" for c in columns) or "none"


# A note kept apart from the text, as an error message names it (Word's own names for them)
APART = {"footnote": "footnote (脚注)", "endnote": "endnote (尾注)", "comment": "comment (批注)"}


def _the_note(cell: Cell, said: str) -> str:
    if cell.apart:
        return f"the {APART[cell.apart]} {quoted(said)}, anchored in this cell of the table,"
    return f"the table's note {quoted(said)}"


def _not_tied(table: ParsedTable, plan: Plan, cell: Cell, sentence: str, month, word: str | None,
              sources: Sources) -> InputError:
    actual = [c for c in table.columns if c.role == "actual"]
    said = sentence.strip()
    if month is not None:
        what = (f"gives a month or a date alone ({month.words}): the figures may be for part of the year (11月数: "
                "January to November), or the date may be when they were counted or published")
    else:
        what = (f"says '{word}' (an estimate, part of a year, a preliminary count or a date) of figures, but names "
                "no column of the table's actual figures it can be tied to (by its year, as 基期/现状/基数 for the "
                f"base year {plan.period.base_year}, or as 第N列)")
        if cell.apart:
            what += (", nor is it anchored on a column of actual figures (its header) or on one of their figures (it "
                     "is anchored in this cell)")
    example = actual[0].header.raw.strip() if actual else "none"
    note = (said if len(said) <= 200 else quoted(said, 200)).replace("'", "''")    # (quoted as YAML quotes it)
    return InputError(table.path, cell.where, f"{_the_note(cell, said)} {what}: which figures it makes "
                      "estimates cannot be told, and read as firm actuals an estimate could be judged as the year's "
                      "actual",
                      f"read the {APART.get(cell.apart, 'note')} in the plan (the plan stays as published) and say "
                      "what it means under this "
                      f"plan's entry in config/sources.yaml ({plan.file}): table_notes: - {{note: '{note}', "
                      f"estimates: '{example}', because: '…'}}, with the header of the column whose figures it makes "
                      f"estimates (the table's actual columns: {_headers(actual)}), or estimates: none when it makes "
                      "none of them estimates (a whole year's preliminary count is read as the year's actual); "
                      "write after `because:` why.")
