"""What a plan table's note says of the table's actual figures: which are estimates (docs/data.md, 表注).

A note (注：…, and every numbered item under it: tables.note_block) is read sentence by sentence (split at 。；),
and each sentence clause by clause (split at ，, and before a circled mark). A clause that says its figures are
estimates (预计, 估算: estimate_in_note), for part of a year (1-11月数, 截至11月: part_year), the year's preliminary
count (快报, 初步: preliminary), up to a day (截至) or a month alone (11月数) is tied to what it speaks of:
- a note mark it defines (带*的为预计数, ①为1-11月数): the cells so marked;
- a year (2025年为预计数, 2024、2025年), the base named without its year (基期, 现状, 基数, 基准年: the plan's base
  year), the end of a plan period (“十四五”末, 十四五期末: that period's last year, the periods being data in
  config/sources.yaml; 规划期末: the plan's own target year, 上一规划期末 its base year) or a column by its number
  (第5列): the table's actual column for it;
tried on the clause, then on its whole sentence (2025年数据，为预计数). A clause that names indicators
(人才资源总量2025年为预计数; 其中人才资源总量、高技能人才为预计数: names matched as the plan's rows are, by the
catalogue's source names) speaks of those rows alone: their figures in the column are estimates, the other rows'
stay firm (with no year named, the column is the table's one actual column). A name that is no row of the table, or
words beside the names that are neither a year, a separator nor the predicate (除人才资源总量外, 等: which rows it
means cannot be told), stop the run, naming the note. An estimate or part of a year makes the column's (or the rows')
figures estimates, never judged as the year's actual; a preliminary count stays the year's actual (as in a
workbook). A clause that cannot be tied to a column of actual figures, or that gives a month alone (a part of the
year, or the day the figures were published?), stops the run, naming the note: the analyst's reading of it
(`table_notes:` in config/sources.yaml) says which column's figures it makes estimates, or none.

A .docx's footnote, endnote or comment anchored in a cell of the table (Cell.apart) is one of its notes, read alike;
what its words do not tie, its anchor does: on the header of an actual column, that column's figures; on a figure of
one, that figure alone (NoteReading.cells).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from helpers.core.config import Catalogue, Plan, Sources, TableNote
from helpers.core.errors import InputError, quoted
from helpers.core.paths import display_path
from helpers.core.periods import FIVE_YEAR_NAME, resolve_period
from helpers.core.text import arabic_years, name_key, normalise
from helpers.core.values import is_note_mark
from helpers.extract.documents.model import Place
from helpers.extract.name_meaning import (
    NOTE_ESTIMATE,
    NOTE_INCOMPLETE,
    NOTE_NOT_ACTUAL,
    NOTE_PRELIMINARY,
    NOTE_TARGET,
    NOTE_UNVERIFIED,
    NOTE_VOID,
    PART_YEAR,
    Said,
    estimate_in_note,
    part_year,
    preliminary,
    remark_says,
    stated_years,
)
from helpers.extract.tables import Cell, ParsedTable, ValueColumn

SENTENCE = re.compile(r"[;；。\n]")
# A note's clauses, each read on its own: 注：〔〕内为五年累计数；带*的为预计数。 is two, and so is
# ①为预计值②为五年累计数 (a circled mark starts one); a comma splits one too.
NOTE_CLAUSE = re.compile(r"[;；。,，\n]|(?=[①-⑳])")
# The plan's base year named without its year: 基期（值/数据）, 现状值, 基数, 基准年, 基年
BASE_NAMED = re.compile(r"基期|基数|基准年|基年|现状")
# The end of a plan period: named (“十四五”末, 十四五期末, 十四五时期末, 十四五规划期末: its last year) or the plan's
# own (规划期末: its target year; 上一规划期末: the period before it, ending at its base year)
PERIOD_END = re.compile(rf"(?:(?P<name>{FIVE_YEAR_NAME.pattern})[”\"」』]?(?:规划)?(?:时期|期)?"
                        r"|(?P<previous>上一?个?)?规划期)末")
# A column by its number: 第5列, 第五栏
COLUMN_NUMBER = re.compile(r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[列栏]")
UP_TO = re.compile(r"截至|截止")
# 预期 of a year's figures (2025年为预期值) is an estimate, though a note never says it of them elsewhere (a workbook's
# 好于预期; estimate_in_note leaves it out): not of a target's kind (预期性, 预期目标, 预期指标).
EXPECTED = re.compile(r"预期(?!\s*(?:性|目标|指标))")
CHINESE_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
# 部分指标, 个别数据: the note says its words hold of some rows (which, when it names them, are those it names)
SOME_WORDS = r"部分|个别|少数|有些|有的|一些|某些"
SOME = re.compile(SOME_WORDS)
# A clause naming indicators (其中人才资源总量、高技能人才为预计数): where what it says of them begins (after the names)
PREDICATE = re.compile(r"(?:均|都|皆|分别|全部|亦|也)?(?:为|是|系|属于?|按|采用|取)")
# What such a clause may say before its predicate besides the names: the note's lead (注：, 1., （2）, ②, 其中), years
# and the base or a period's end named (as _tied reads them), the words for figures, and separators. Anything else
# (除…外, 以外, 等, 不含, a name the catalogue does not know) leaves which rows it means untold, and stops.
NAMES_FILLER = re.compile(
    r"注\d*[:：]?|^(?:\d{1,2}[.、]|\(\d{1,2}\)|[①-⑳])|其中|表中|本表|上述|以上|[0-9]{4}年?(?:底|末)?|年度?|"
    + PERIOD_END.pattern + "|" + BASE_NAMED.pattern + "|" + COLUMN_NUMBER.pattern
    + r"|数据|数值|数字|指标|的|值|数|项|和|及|与|、|/|[“”\"'‘’《》()\[\]]|" + SOME_WORDS)
# A note item saying figures are another year's (2020年数据为2019年数, 基期值为2019年底数, 暂用2019年数据,
# 同2019年, 为上年数, 上年度数据): a word that gives or takes figures (为, 是, 系, 即, 同, 用, 取, 按, 以 …) just
# before a year, or the year before named without its number (上年, 上一年, 去年, 前一年; 前年: two before), and then
# figures (数, 数据, 值, 底数, 年末数, 统计数 …; of some months of it too: 2019年1-11月数) or the clause's end
# (基期为2019年). A span (2021-2025年累计数), a comparison (较2019年增长), a price base (按2020年价格) or a year
# taken as something (以2020年为基数) is none.
OTHER_YEAR = re.compile(r"(?:为|是|系|即|同|用|取|按|以|照|作|自)\s*(?:(?P<year>(?:19|20)[0-9]{2})\s*年"
                        r"|(?P<before>上一?年|去年|前一年|前年))(?!\s*为)\s*度?\s*"
                        r"(?:[0-9一二两三四五六七八九十]{1,2}\s*(?:[-–—~至到]\s*[0-9一二两三四五六七八九十]{1,2})?\s*月份?)?"
                        r"\s*(?P<figures>(?:年?[底末])?\s*的?\s*"
                        r"(?:[^\W\d_]{0,4}?(?:数据?|数值|值))|\s*的?\s*$)")
# What a plan table's note makes of the figures it speaks of, by the family of its words: a workbook's 备注 and a
# plan's note are read by the one reader (name_meaning.remark_says), clause by clause here, and every family it reads
# has its reading (a test keeps the two from drifting apart):
# - estimate: an estimate (预计, 测算, 折算, 年化 …) or part of a year (1-11月数, 未含12月): the figures are recorded
#   as estimates, never judged as the year's actual (estimated_by_note, part_year_by_note);
# - actual: the year's preliminary count (快报数), read as the year's actual (as in a workbook);
# - stop: void, wrong or test data (模拟数据, 作废) or a target given for the actual (2025年为目标值 under
#   2025年（完成）): no year's actual, and no estimate of one either: the run stops, naming the note, whatever else
#   it says of them;
# - doubt: not the actual (非实际数), not yet verified (待核实, 仅供参考, 以统计公报为准) or incomplete (数据不全): the
#   run stops, naming the note, unless the note makes the figures it speaks of estimates already
#   (2025年为预计数，以统计公报为准).
# The analyst's reading of a note that stops (`table_notes:` in config/sources.yaml) says which column's figures it
# makes estimates, or none.
PLAN_READING = {NOTE_ESTIMATE: "estimate", PART_YEAR: "estimate", NOTE_PRELIMINARY: "actual", NOTE_VOID: "stop",
                NOTE_TARGET: "stop", NOTE_NOT_ACTUAL: "doubt", NOTE_UNVERIFIED: "doubt", NOTE_INCOMPLETE: "doubt"}
# A note's words for the whole table (表中数据, 以上数据, 所有指标): said of no column, a target, not the actual or
# incomplete is said of every column, the actual figures' too
WHOLE_TABLE = re.compile(r"表中|本表|表内|以上|上述|所有|全部|各项|均")
# A note's words for figures (模拟数据, 测试数值): void or test data said of them, naming no column, is the table's
FIGURES = re.compile(r"数据|数值|数字|指标")
# What such figures are, read as firm actuals (the stop's message)
STOPPED_FIGURES = {NOTE_VOID: "void, wrong or test figures", NOTE_TARGET: "targets",
                   NOTE_NOT_ACTUAL: "figures that are not the year's actual", NOTE_UNVERIFIED: "figures in doubt",
                   NOTE_INCOMPLETE: "incomplete figures"}


@dataclass(frozen=True)
class NoteTie:
    """A column whose figures the table's note makes estimates (or one row's figure in it), and why."""
    note: Cell                # the note (its line, row or paragraph) that says so
    code: str                 # estimated_by_note, part_year_by_note or analyst_table_note
    words: str = ""           # part_year_by_note: the note's words for part of the year
    reading: TableNote | None = None     # analyst_table_note: the analyst's reading
    name: str = ""            # a tie to one row (NoteReading.rows): the name the note gives it


@dataclass(frozen=True)
class YearTie:
    """An actual column whose figures the analyst reads as a year's (`table_notes:` with `column:` and `year:`) for
    the table's note that says they are another year's (2020年数据为2019年数)."""
    note: Cell                # the note (its line, row or paragraph)
    reading: TableNote        # the analyst's reading: its year, because and line
    written: int              # the column's year as its header gives it


@dataclass
class NoteReading:
    marks: dict[str, Cell] = field(default_factory=dict)        # a note mark the note makes an estimate's
    columns: dict[int, NoteTie] = field(default_factory=dict)   # id(column) of an actual column made estimates
    # (id(column), indicator id): a row's figure in an actual column the note makes an estimate (a note naming rows)
    rows: dict[tuple[int, str], NoteTie] = field(default_factory=dict)
    # the analyst's readings of a sentence that makes no column's figures estimates, each with the note
    none: list[tuple[TableNote, Cell]] = field(default_factory=list)
    years: dict[int, YearTie] = field(default_factory=dict)     # id(column) of an actual column read as a year's
    # (id(column), the row's name as the table writes it): a row's figure in an actual column read as another year's
    # (the analyst's year reading naming rows: `rows:`), moved by move_years
    row_years: dict[tuple[int, str], YearTie] = field(default_factory=dict)
    # a figure a footnote, endnote or comment anchored on it makes an estimate (此为预计数 on 15.2), by its place
    cells: dict[Place, NoteTie] = field(default_factory=dict)


def read_notes(table: ParsedTable, plan: Plan, sources: Sources, catalogue: Catalogue,
               row_names: dict[str, str]) -> NoteReading:
    """What the table's notes say of its actual figures (the module's docstring); a clause it cannot tie stops.
    `row_names`: the table's rows, each indicator's id with its name as the table writes it."""
    found = NoteReading()
    rows = _Rows(catalogue, row_names, plan.file)
    used: set[int] = set()
    for cell in [*table.notes, *table.above]:     # under the table, then its title and the lines above it
        for sentence in SENTENCE.split(cell.raw):
            if not sentence.strip():
                continue
            reading = _reading_of(plan, sentence)
            if reading is not None:
                used.add(id(reading))
                _apply_reading(found, reading, cell, table, plan, sources, rows)
                if reading.year is None:
                    continue
            for clause in NOTE_CLAUSE.split(sentence):
                if reading is None:     # (a year's reading: what else the sentence says is still read: 为2019年预计数)
                    _other_year(clause, sentence, cell, table, plan, sources)
                _read_clause(found, clause, sentence, cell, table, plan, sources, rows,
                             None if reading is None else _reading_rows(reading, rows, table, sources))
    unused = next((r for r in plan.table_notes if id(r) not in used), None)
    if unused is not None:
        raise InputError(sources.path, unused.line, f"the reading of the table note '{unused.note}' for {plan.file} "
                         "matches no sentence of the plan table's notes (under it, in its title or between its title "
                         "and it): the plan or the reading has changed",
                         "write the note's sentence as the message that asked for the reading quotes it, "
                         "or remove the reading if the note no longer says it.")
    return found


def _key(text: str) -> str:
    return re.sub(r"\s+", "", arabic_years(normalise(text))).rstrip("。；;")


def _reading_of(plan: Plan, sentence: str) -> TableNote | None:
    """The analyst's reading of the sentence (or of one of its clauses), else None."""
    keys = {_key(sentence), *(_key(c) for c in NOTE_CLAUSE.split(sentence) if c.strip())}
    return next((r for r in plan.table_notes if _key(r.note) in keys), None)


def _apply_reading(found: NoteReading, reading: TableNote, cell: Cell, table: ParsedTable, plan: Plan,
                   sources: Sources, rows: _Rows) -> None:
    named = _reading_rows(reading, rows, table, sources)
    if reading.year is not None:
        _apply_year_reading(found, reading, cell, table, plan, sources,
                            {ind_id: rows.row_names[ind_id] for ind_id in named})
        return
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
        if not named:
            found.columns.setdefault(id(column), NoteTie(cell, "analyst_table_note", reading=reading))
        for ind_id, name in named.items():
            found.rows.setdefault((id(column), ind_id), NoteTie(cell, "analyst_table_note", reading=reading,
                                                                name=name))


def _reading_rows(reading: TableNote, rows: _Rows, table: ParsedTable, sources: Sources) -> dict[str, str]:
    """The rows the analyst's reading names (`rows:`), each indicator's id with the name as the reading writes it,
    matched as the plan's names are (the catalogue's source names, or the table's own); {} when it names none. A
    name that is no row of the table stops at the reading."""
    out: dict[str, str] = {}
    for name in reading.rows:
        key = name_key(name)
        ind_id = rows.catalogue.indicator_for_name(name) or next(
            (i for i, written in rows.row_names.items() if name_key(written) == key), None)
        if ind_id not in rows.row_names:
            raise InputError(sources.path, reading.line, f"`rows:` of the reading of the table note '{reading.note}' "
                             f"names '{name}', which is no row of the table in {display_path(table.path)} (its rows: "
                             + ", ".join(f"'{n}'" for n in rows.row_names.values()) + ")",
                             "write each row's name as the table writes it (or as its indicator's source_names in "
                             "config/catalogue.yaml give it).")
        out.setdefault(ind_id, name)
    return out


def _apply_year_reading(found: NoteReading, reading: TableNote, cell: Cell, table: ParsedTable, plan: Plan,
                        sources: Sources, named: dict[str, str]) -> None:
    """The analyst's year for a column's figures: the actual column headed `column`; a year up to the plan's base
    year (a plan states actuals up to it, never after), and no other actual column may give that year already (two
    figures of a year from one table). `named`: the rows it holds for alone (`rows:`), each indicator's id with the
    row's name as the table writes it ({}: every row)."""
    if reading.year > plan.period.base_year:
        raise InputError(sources.path, reading.line, f"`year: {reading.year}` of the reading of the table note "
                         f"'{reading.note}' is after the base year {plan.period.base_year} of plan period "
                         f"{plan.period.name} ({plan.file}): a plan states actual figures up to its base year",
                         "write the year the note says the column's figures are (e.g. the year before the base "
                         f"year, {plan.period.base_year - 1}), or the column's own year when they stand for it.")
    actual = [c for c in table.columns if c.role == "actual"]
    columns = [c for c in actual if _key(c.header.raw) == _key(reading.column)]
    if not columns:
        raise InputError(sources.path, reading.line, f"`column: {reading.column}` of the reading of the table note "
                         f"'{reading.note}' names no column of the table's actual figures in "
                         f"{display_path(table.path)} (they are {_headers(actual)})",
                         "write the column's header as the table writes it.")
    taken = next((c for c in actual if c.year == reading.year and all(c is not o for o in columns)), None)
    if taken is not None:
        raise InputError(sources.path, reading.line, f"`year: {reading.year}` of the reading of the table note "
                         f"'{reading.note}' reads the column '{reading.column}' as {reading.year}'s figures, but the "
                         f"column '{taken.header.raw.strip()}' of {display_path(table.path)} gives {reading.year}'s "
                         "already: one table would give two figures for the year",
                         "ask the office which figures the columns hold; if the note means the column's own year, "
                         f"write year: {columns[0].year}, with why after because:.")
    for column in columns:
        if not named:
            found.years.setdefault(id(column), YearTie(cell, reading, column.year))
        for written in named.values():
            found.row_years.setdefault((id(column), written), YearTie(cell, reading, column.year))


def move_years(table: ParsedTable, found: NoteReading) -> None:
    """The columns the analyst reads as another year's figures (found.years) given that year, in the table and its
    rows (as resolve_year_columns places a column), the ties to them kept; the column's own year stays in its
    YearTie. A reading naming rows (found.row_years) moves those rows' figures alone: each such row holds a copy of
    the column with that year, tied in found.years. Called once the notes are read: they name the columns by the
    years their headers give."""
    copies: dict[tuple[int, int], ValueColumn] = {}
    for row in table.rows:
        for index, (column, value) in enumerate(row.values):
            tie = found.row_years.get((id(column), row.name.raw.strip()))
            if tie is not None and tie.reading.year != column.year:
                copy = copies.setdefault((id(column), tie.reading.year), replace(column, year=tie.reading.year))
                row.values[index] = (copy, value)
                found.years[id(copy)] = tie
                if id(column) in found.columns:     # (为2019年预计数: the figures stay estimates, as the column's)
                    found.columns[id(copy)] = found.columns[id(column)]
                for (key, ind_id), row_tie in list(found.rows.items()):
                    if key == id(column):
                        found.rows[(id(copy), ind_id)] = row_tie
    moved = {key: replace(c, year=found.years[key].reading.year) for c in table.columns
             if (key := id(c)) in found.years and found.years[key].reading.year != c.year}
    if not moved:
        return
    new_id = {key: id(c) for key, c in moved.items()}
    table.columns = [moved.get(id(c), c) for c in table.columns]
    for row in table.rows:
        row.values = [(moved.get(id(c), c), cell) for c, cell in row.values]
    found.columns = {new_id.get(key, key): tie for key, tie in found.columns.items()}
    found.years = {new_id.get(key, key): tie for key, tie in found.years.items()}


def _other_year(clause: str, sentence: str, cell: Cell, table: ParsedTable, plan: Plan, sources: Sources) -> None:
    """A clause that says a column's figures are another year's (OTHER_YEAR: 2020年数据为2019年数, 基期值为上年数)
    stops the run: read as the column's year, another year's figures would be judged as its actual (a 〔〕 change, a
    growth rate from the wrong year). So does one that gives another year's figures and names no column of the
    table's (部分指标为2019年数据). The column is named in the clause, else in its sentence, the other year's words left
    out (by its year, as the base, 第N列)."""
    written = normalise(clause)
    text = arabic_years(written)        # (为二〇一九年数: a year in Chinese numerals, read as 2019)
    said = list(OTHER_YEAR.finditer(text))
    if not said:
        return
    rest = OTHER_YEAR.sub(" ", text)
    tied = _tied(rest, table, plan, sources) if _names_a_column(rest, plan, sources) else []
    if not tied:
        whole = OTHER_YEAR.sub(" ", arabic_years(normalise(sentence)))
        tied = _tied(whole, table, plan, sources) if _names_a_column(whole, plan, sources) else []
    years_of_columns = {c.year for c in table.columns}
    for match in said:
        words = written[match.start():match.end()].strip()      # (as written: arabic_years keeps places)
        if match["year"] and not tied and int(match["year"]) in years_of_columns:
            continue        # 部分指标为2020年数据 of a table with a 2020 column: its own year
        for column in tied or [None]:
            year = int(match["year"]) if match["year"] else \
                None if column is None else column.year - (2 if match["before"] == "前年" else 1)
            if column is None or year != column.year:
                raise _another_year(table, plan, cell, sentence, column, year, words[1:].strip(), sources)


def _another_year(table: ParsedTable, plan: Plan, cell: Cell, sentence: str, column: ValueColumn | None,
                  year: int | None, words: str, sources: Sources) -> InputError:
    actual = [c for c in table.columns if c.role == "actual"]
    said = sentence.strip()
    example = column or (actual[0] if actual else None)
    header = example.header.raw.strip() if example else "none"
    shown = year if year is not None else (example.year - 1 if example else "…")
    if column is not None:
        what = (f"says the figures of the column '{header}' ({column.year}) are {year}'s ('{words}'): read as "
                f"{column.year}'s, another year's figures would be judged as {column.year}'s actual (a 〔〕 change "
                "or a growth rate measured from the wrong year)")
    else:
        what = (f"says figures are another year's ('{words}') but names no column of the table's actual figures "
                "it can be tied to (by its year, as 基期/现状/基数 for the base year "
                f"{plan.period.base_year}, or as 第N列): read as their columns' years, they could be judged as those "
                "years' actuals")
    some = SOME.search(normalise(said))
    note = (said if len(said) <= 200 else quoted(said, 200)).replace("'", "''")    # (quoted as YAML quotes it)
    own = example.year if example else "…"
    return InputError(table.path, cell.where, f"the table's note {quoted(said)} {what}",
                      "read the note in the plan (the plan stays as published) and say what it means under this "
                      f"plan's entry in config/sources.yaml ({plan.file}): table_notes: - {{note: '{note}', column: "
                      f"'{header}', year: {shown}, {_ROWS_EXAMPLE if some else ''}because: '…'}}: the column's "
                      f"figures{_SOME_ROWS if some else ''} are then read as {shown}'s, and {own} has no figure from "
                      f"the plan for them (its prose's figure for {own} goes with the column, or is an estimate: a "
                      f"stated figure for {own}, the monitoring workbook's, is used, or none); "
                      f"or year: {own} when the office says they stand for {own} (the table's actual columns: "
                      f"{_headers(actual)}); write after `because:` why.{_some_rows(table, some)}")


# A reading naming the rows a note says holds for some rows (部分指标…): the example, and what it reads
_ROWS_EXAMPLE = "rows: ['…'], "
_SOME_ROWS = " (those of the rows named)"


def _some_rows(table: ParsedTable, some: re.Match | None) -> str:
    """What the advice adds for a note that says its words hold of some rows (部分指标, 个别数据) naming none."""
    if some is None:
        return ""
    names = ", ".join(f"'{r.name.raw.strip()}'" for r in table.rows)
    return (f" The note says '{some.group()}' (some rows) and names none: ask the office which rows it means and "
            f"name them under `rows:` as the table writes them (its rows: {names}): only their figures in the column "
            "are read so, the other rows' stay as they are; leave `rows:` out when the office says the note holds "
            "for every row of the column.")


def _read_clause(found: NoteReading, clause: str, sentence: str, cell: Cell, table: ParsedTable, plan: Plan,
                 sources: Sources, rows: _Rows, answered: dict[str, str] | None = None) -> None:
    """What a clause of the note says (PLAN_READING): an estimate or part of a year tied to what it speaks of
    (_read_estimate), then a family that stops (_read_stops). `answered`: the rows the analyst's year reading of the
    sentence names ({}: every row; None: no reading), which a 部分 in it means (部分指标基期值为2019年预计数)."""
    said = remark_says(clause)
    estimate = estimate_in_note(clause) or (EXPECTED.search(normalise(clause)) and "预期") \
        or (said.words if said is not None and said.what == NOTE_ESTIMATE else None)
    part = part_year(clause, month_alone=False)
    month = None if part is not None or estimate else part_year(clause)
    if part is None and month is None and said is not None and said.what == PART_YEAR:
        part = said     # (未含12月; a month alone, 11月数, may be the day they were published: it stops, `month`)
    if estimate or part or month or preliminary(clause) or UP_TO.search(normalise(clause)):
        _read_estimate(found, clause, sentence, cell, table, plan, sources, rows, estimate, part, month, answered)
    if said is not None and PLAN_READING[said.what] in ("stop", "doubt"):
        _read_stops(found, said, clause, sentence, cell, table, plan, sources)


def _read_estimate(found: NoteReading, clause: str, sentence: str, cell: Cell, table: ParsedTable, plan: Plan,
                   sources: Sources, rows: _Rows, estimate: str | None, part: Said | None, month: Said | None,
                   answered: dict[str, str] | None = None) -> None:
    marks = [ch for ch in clause if is_note_mark(ch)]
    if marks:       # 带*的为预计数, ①为1-11月数: the cells so marked; ¹为快报数 stays a note mark
        if (estimate or part) and not month:
            found.marks.update((ch, cell) for ch in marks if ch not in found.marks)
            return
        if not month:
            return
    named = rows.named(clause, (estimate, part.words if part else None), table, cell, sentence) \
        if month is None and (estimate or part) else {}
    if not named and answered and (estimate or part):
        named = answered        # (the rows the analyst's reading of the sentence names)
    tied, anchored = _tied_or_anchored(clause, sentence, cell, table, plan, sources, bool(named))
    if month is not None or not (tied or anchored):
        word = estimate or (part.words if part else None) or preliminary(clause) or UP_TO.search(normalise(clause))
        raise _not_tied(table, plan, cell, sentence, month, word if isinstance(word, str) or word is None
                        else word.group(), sources, some=SOME.search(normalise(sentence)) if estimate or part else None)
    some = SOME.search(normalise(clause))
    if (estimate or part) and some and not named and anchored is None and answered is None:
        raise _some_rows_untold(table, plan, cell, sentence, estimate or part.words, tied, some)
    if estimate or part:
        code, words = ("estimated_by_note", "") if estimate else ("part_year_by_note", part.words)
        _record(found, NoteTie(cell, code, words), tied, anchored, named)


def _record(found: NoteReading, tie: NoteTie, tied: list[ValueColumn], anchored: Place | None,
            named: dict[str, str]) -> None:
    """An estimate (or part of a year) the note says, on the figure its anchor is on, else on the rows it names in
    the columns it is tied to, else on those columns."""
    if anchored is not None:
        found.cells.setdefault(anchored, tie)
        return
    for column in tied:
        if not named:
            found.columns.setdefault(id(column), tie)
        for ind_id, name in named.items():
            found.rows.setdefault((id(column), ind_id), replace(tie, name=name))


def _some_rows_untold(table: ParsedTable, plan: Plan, cell: Cell, sentence: str, word: str,
                      tied: list[ValueColumn], some: re.Match) -> InputError:
    """The stop for a note that says its figures are estimates (or for part of a year) of some rows (部分指标2025年
    数据为预计数), naming none: read as the whole column's, firm figures would lose their actual; as none, estimates
    would be judged as the year's actual."""
    said = sentence.strip()
    actual = [c for c in table.columns if c.role == "actual"]
    return InputError(table.path, cell.where, f"{_the_note(cell, said)} says '{word}' (an estimate, or part of a "
                      f"year) of the figures of {_headers(tied)}, but of '{some.group()}' (some rows) alone, naming "
                      "none: which rows' figures are estimates cannot be told (read as the whole column's, firm "
                      "figures would lose their actual; as none, estimates would be judged as the year's actual)",
                      _reading_advice(table, plan, said, tied[0].header.raw.strip(), actual,
                                      APART.get(cell.apart, "note"), rows=True) + _some_rows(table, some))


def _tied_or_anchored(clause: str, sentence: str, cell: Cell, table: ParsedTable, plan: Plan, sources: Sources,
                      names_rows: bool) -> tuple[list[ValueColumn], Place | None]:
    """The actual columns a clause of a note is tied to (_tied: by the clause, else its sentence), or, naming none,
    the table's one column of actuals when it names rows (其中人才资源总量为预计数), or what a note kept apart (a
    footnote, endnote or comment) is anchored on (_anchored): a column, or one figure's place."""
    tied = _tied(clause, table, plan, sources) or _tied(sentence, table, plan, sources)
    if tied or _names_a_column(sentence, plan, sources):
        return tied, None       # (a year, the base or a column it names, with no column: not tied)
    actual = [c for c in table.columns if c.role == "actual"]
    if names_rows and len(actual) == 1:
        return actual, None
    return _anchored(cell, table)


def _read_stops(found: NoteReading, said: Said, clause: str, sentence: str, cell: Cell, table: ParsedTable,
                plan: Plan, sources: Sources) -> None:
    """A clause whose words stop the run (PLAN_READING: void or test data, a target given for the actual, not the
    actual, not yet verified, incomplete: the families of a 备注, name_meaning.remark_says) stops it, naming the
    note; but a doubt of figures the note has made estimates already (2025年为预计数，以统计部门最终公布为准) does
    not, nor does a target, not the actual or incomplete said of no column of actual figures and not of the whole
    table (2030年为目标值, 目标值为五年累计数: of the targets; “—”表示数据缺失: of the cells so marked). Void or test
    data (作废, 模拟) stop said of any column (the targets' too: 2030年目标值作废), of the whole table or of figures
    (数据为模拟数据), not as a bare word (注：示例); not yet verified stops whatever it is said of."""
    tied = _tied(clause, table, plan, sources) or _tied(sentence, table, plan, sources)
    if PLAN_READING[said.what] == "doubt" and tied and all(id(column) in found.columns for column in tied):
        return
    if said.what in (NOTE_TARGET, NOTE_NOT_ACTUAL, NOTE_INCOMPLETE) and not tied \
            and (_names_a_column(sentence, plan, sources) or not WHOLE_TABLE.search(normalise(sentence))):
        return      # (2030年目标值均为预期性目标: of the targets' column)
    if said.what == NOTE_VOID and not tied and not _names_a_column(sentence, plan, sources) \
            and not WHOLE_TABLE.search(normalise(sentence)) and not FIGURES.search(normalise(sentence)):
        return      # (注：示例: a bare word, of no figures)
    raise _not_tied(table, plan, cell, sentence, None, said.words, sources, doubt=tied, what=said.what)


def _names_a_column(text: str, plan: Plan, sources: Sources) -> bool:
    """Whether the text names a year, the base, a plan period's end or a column by its number (so that, tied to no
    actual column, it is not the table's one column of actuals)."""
    said = normalise(text)
    return bool(stated_years(text) or BASE_NAMED.search(said) or COLUMN_NUMBER.search(said)
                or period_end_years(text, plan, sources))


class _Rows:
    """The indicators a note's clause names, read as the plan's rows are (the catalogue's source names and the
    table's own, in normal form without spaces: name_key), the longest first (高技能人才占技能劳动者比例 before
    高技能人才)."""

    def __init__(self, catalogue: Catalogue, row_names: dict[str, str], file: str):
        self.catalogue = catalogue
        self.file = file
        self.row_names = row_names
        names = {name_key(n) for n in catalogue.all_source_names()} | {name_key(n) for n in row_names.values()}
        self.names = sorted((n for n in names if n), key=len, reverse=True)

    def named(self, clause: str, words: tuple, table: ParsedTable, cell: Cell, sentence: str) -> dict[str, str]:
        """The rows the clause names (indicator id: the name as the note writes it), {} when it names none; a name
        that is no row of the table, or words beside the names that do not say which rows (除…外, 等), stop.
        `words`: the clause's words of an estimate or of part of a year (no row's)."""
        text = arabic_years(name_key(clause))     # (人才资源总量二〇二五年为预计数: its year, no row's words)
        spans: list[tuple[int, int]] = []
        for name in self.names:
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                if all(end <= s or start >= e for s, e in spans):
                    spans.append((start, end))
                start = text.find(name, start + 1)
        if not spans:
            return {}
        spans.sort()
        predicate = PREDICATE.search(text, spans[-1][1])
        subject = text[:predicate.start()] if predicate else text
        named, between, last = {}, [], 0
        for start, end in spans:
            between.append(subject[last:start])
            name = text[start:end]
            ind_id = self.catalogue.indicator_for_name(name) or next(
                (i for i, written in self.row_names.items() if name_key(written) == name), None)
            if ind_id not in self.row_names:
                raise self._no_row(table, cell, sentence, name)
            named.setdefault(ind_id, name)
            last = end
        rest = subject[last:]
        if not predicate:       # (人才资源总量预计: the words of the estimate name no row)
            for word in words:
                rest = rest.replace(name_key(word), " ") if isinstance(word, str) and word else rest
        left = [w for part in [*between, rest] for w in NAMES_FILLER.sub(" ", part).split()]
        if left:
            raise self._no_row(table, cell, sentence, "".join(left), beside=True)
        return named

    def _no_row(self, table: ParsedTable, cell: Cell, sentence: str, name: str, beside: bool = False) -> InputError:
        said = sentence.strip()
        note = (said if len(said) <= 200 else quoted(said, 200)).replace("'", "''")
        actual = [c for c in table.columns if c.role == "actual"]
        example = actual[0].header.raw.strip() if actual else "none"
        rows = ", ".join(f"'{n}'" for n in self.row_names.values())
        what = (f"its words '{name}' beside the rows' names are no row's name (除…外, 等?)" if beside
                else f"'{name}' is no row of the table")
        return InputError(table.path, cell.where, f"the table's note {quoted(said)} names rows whose figures are "
                          f"estimates, but {what} (its rows: {rows}, as the catalogue matches the plan's names): "
                          "which rows it means cannot be told, and a row it means, read as a firm actual, could be "
                          "judged as the year's actual",
                          f"if '{name}' is one of the table's rows written otherwise, add it to that indicator's "
                          "source_names in config/catalogue.yaml; otherwise read the note in the plan (it stays as "
                          "published) and say what it means under this plan's entry in config/sources.yaml "
                          f"({self.file}): table_notes: - {{note: '{note}', estimates: '{example}', "
                          "because: '…'}, with the header of the column whose figures it makes estimates (then all "
                          f"the column's rows; the table's actual columns: {_headers(actual)}), or estimates: none "
                          "when it makes none of them estimates; write after `because:` why.")


def _tied(text: str, table: ParsedTable, plan: Plan, sources: Sources) -> list[ValueColumn]:
    """The table's actual columns the text names: by year, as the plan's base (基期, 现状), as a plan period's end
    (十四五末, 规划期末: period_end_years), or by number (第5列)."""
    years = {year for first, last in stated_years(text) for year in range(first, last + 1)}
    if BASE_NAMED.search(normalise(text)):
        years.add(plan.period.base_year)
    years |= set(period_end_years(text, plan, sources))
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


def period_end_years(text: str, plan: Plan, sources: Sources) -> dict[int, str]:
    """The last years of the plan periods whose end the text names, each with the words that name it: “十四五”末
    (十四五期末, 十四五时期末) is that period's target year, as configured (or placed from the configured periods:
    helpers.core.periods.resolve_period); 规划期末 the plan's own target year, 上一规划期末 its base year."""
    out = {}
    for match in PERIOD_END.finditer(normalise(text)):
        if match["name"]:
            period = resolve_period(match["name"], [plan.period, *sources.periods()])
            if period is None:
                continue
            year = period.target_year
        else:
            year = plan.period.base_year if match["previous"] else plan.period.target_year
        out.setdefault(year, match.group())
    return out


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
              sources: Sources, doubt: list[ValueColumn] | None = None, what: str = NOTE_UNVERIFIED,
              some: re.Match | None = None) -> InputError:
    """The stop for a note that cannot be tied to a column of actual figures (or, `doubt` not None, whose words of
    `what` family, PLAN_READING's stop or doubt, speak of the figures of the columns given, perhaps none), with the
    analyst's reading to write (`some`: the note's estimate holds for some rows, 部分数据为预计数, naming none: the
    reading names them, `rows:`)."""
    actual = [c for c in table.columns if c.role == "actual"]
    said = sentence.strip()
    if doubt is not None:
        family = what
        what = (f"says '{word}' ({family}) of "
                + (f"the figures of {_headers(doubt)}: read as firm actuals, {STOPPED_FIGURES[family]} would be "
                   "judged as the year's actual" if doubt else "figures, but names no column of the table's actual "
                   "figures it can be tied to"))
        example = (doubt or actual)[0].header.raw.strip() if (doubt or actual) else "none"
        first = ("ask the office for the year's actual figures and enter them in the monitoring workbook (its figure "
                 "is preferred to the plan's: docs/monitoring.md); then " if PLAN_READING[family] == "stop" else "")
        if family == NOTE_VOID and not doubt:
            first = ("if the note voids the plan's targets, ask the office for the plan in force (a target it voids is "
                     "none to judge against: the corrected plan replaces this file, config/sources.yaml naming it); "
                     "if it voids actual figures, " + first)
        return InputError(table.path, cell.where, f"the table's note {quoted(said)} {what}",
                          first + _reading_advice(table, plan, said, example, actual))
    if month is not None:
        what = (f"gives a month or a date alone ({month.words}): the figures may be for part of the year (11月数: "
                "January to November), or the date may be when they were counted or published")
    else:
        ends = "".join(f"; {words} is {year}, which has no column of actual figures"
                       for year, words in period_end_years(sentence, plan, sources).items())
        what = (f"says '{word}' (an estimate, part of a year, a preliminary count or a date) of figures, but names "
                "no column of the table's actual figures it can be tied to (by its year, as 基期/现状/基数 for the "
                f"base year {plan.period.base_year}, as 十四五末 or 规划期末 for that period's last year, or as 第N列"
                f"{ends})")
        if cell.apart:
            what += (", nor is it anchored on a column of actual figures (its header) or on one of their figures (it "
                     "is anchored in this cell)")
    example = actual[0].header.raw.strip() if actual else "none"
    return InputError(table.path, cell.where, f"{_the_note(cell, said)} {what}: which figures it makes "
                      "estimates cannot be told, and read as firm actuals an estimate could be judged as the year's "
                      "actual", _reading_advice(table, plan, said, example, actual, APART.get(cell.apart, "note"),
                                                rows=some is not None) + _some_rows(table, some))


def _reading_advice(table: ParsedTable, plan: Plan, said: str, example: str, actual: list[ValueColumn],
                    kind: str = "note", rows: bool = False) -> str:
    """The analyst's reading to write for a note that stops (`rows`: with `rows:`, for a note holding for some rows:
    _some_rows says what it reads)."""
    note = (said if len(said) <= 200 else quoted(said, 200)).replace("'", "''")    # (quoted as YAML quotes it)
    return (f"read the {kind} in the plan (the plan stays as published) and say what it means under this "
            f"plan's entry in config/sources.yaml ({plan.file}): table_notes: - {{note: '{note}', "
            f"estimates: '{example}', {_ROWS_EXAMPLE if rows else ''}because: '…'}}, with the header of the column "
            f"whose figures{_SOME_ROWS if rows else ''} it makes estimates (the table's actual columns: "
            f"{_headers(actual)}), or estimates: none when it makes none of them estimates (a whole year's "
            "preliminary count is read as the year's actual); write after `because:` why.")
