"""Turning parsed table rows into clean, traceable observations, and logging every decision."""
from __future__ import annotations

import dataclasses
import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.core.config import (
    ADDITION_WORDS,
    Catalogue,
    Indicator,
    Plan,
    PlanPeriod,
    Reading,
    Sources,
    Unit,
    may_offer,
    new_ones_word,
)
from helpers.core.errors import InputError, quoted
from helpers.core.formatting import COMPARATOR_SIGNS, UPPER_BOUNDS
from helpers.core.paths import display_path
from helpers.core.records import Decision, Observation, note
from helpers.core.text import name_key, normalise
from helpers.core.values import (
    COMPARATORS,
    FULL_WIDTH_FIGURE,
    LARGEST_VALUE,
    PLAN_COMPARATORS,
    SCALES,
    CellValue,
    ImplausibleMagnitude,
    NotANumber,
    NoteMarkInsideNumber,
    TooLongForAFigure,
    check_figure_length,
    check_magnitude,
    dot_groups,
    looks_like_a_fraction,
    parse_value_cell,
    too_long_for_a_figure,
    with_thousands_joined,
)
from helpers.extract.consistency import VALUE_TOLERANCE
from helpers.extract.documents.model import UNSEEN_WHY, Place
from helpers.extract.name_meaning import NOTE_ESTIMATE, NOTE_STOPS, Said, remark_says
from helpers.extract.prose import CHANGE_WORDS, FLOW_WORDS, INCREMENT_WORDS, NUM, POINTS, YEAR, ProseStatement
from helpers.extract.table_notes import NoteTie, YearTie, move_years, read_notes
from helpers.extract.tables import (
    ATTRIBUTES,
    Cell,
    ParsedTable,
    TableRow,
    caption_units,
    corrected_in_the_plan,
    header_mark_error,
    resolve_year_columns,
    viewer,
    yearless_base_columns,
)

# "专业技术人才高级职称比例(%" -> name, unit (closing bracket optional: some are broken in the source)
NAME_WITH_UNIT = re.compile(r"^(?P<name>.+?)\((?P<unit>[^()]*)(?P<close>\))?$")
# A figure that starts with a 0 and another digit (02, 〔05〕): no plan writes one; 20 set right to left is stored 02.
LEADING_ZERO = re.compile(r"(?<![0-9.])0[0-9]")
# A target's comparator in the words of a message: ≤20 is 'at most 20'.
BOUND_WORDS = {">": "more than", ">=": "at least", "<": "less than", "<=": "at most"}
# Tolerances used when a prose figure is taken as evidence for a table figure.
EVIDENCE_TOLERANCE = 0.05


def _same_figure(a: float, b: float) -> bool:
    """The same figure, rounded (the consistency check's tolerance)."""
    return a == b if b == 0 else abs(a - b) <= VALUE_TOLERANCE * abs(b)


def _plain_number(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)?", text.strip()) is not None
BINDING = "约束性"
ATTRIBUTE_CODES = {"约束性": "binding", "预期性": "expected"}     # language-neutral, for the cleaning log
# A whole count's figure with a fraction (implausible's codes), as a message says it.
FRACTIONAL = {"fractional": "a head count", "fractional_count": "a count"}
# A table note that says what bracketed figures are: 〔〕内为五年累计数, [ ]内为累计数 …
CUMULATIVE_NOTE = re.compile(r"[〔\[【].{0,3}[〕\]】].{0,12}累计|累计.{0,12}[〔\[【]")


@dataclass
class CleanTable:
    observations: list[Observation]
    decisions: list[Decision]


def split_name_unit(cell: Cell) -> tuple[str, str, bool]:
    """Name and unit from a name cell such as 党政人才队伍(万人). Returns (name, unit, bracket_broken)."""
    return name_and_unit(cell.text)


def name_and_unit(text: str) -> tuple[str, str, bool]:
    """Name and unit from an indicator's name in normal form (brackets as ASCII), 党政人才队伍(万人), as a plan's
    table or a monitoring workbook writes it. Returns (name, unit, bracket_broken); the unit is '' when there is
    no bracket."""
    m = NAME_WITH_UNIT.match(text)
    if not m:
        return text, "", False
    return m["name"].strip(), m["unit"].strip(), m["close"] is None


def _yaml_text(text: str) -> str:
    """Text as a single-quoted YAML scalar, for advice the analyst copies into config/sources.yaml."""
    return "'" + text.replace("'", "''") + "'"


def reading_advice(sources: Sources, plan: Plan, name: str, written: str, reads: str, because: str = "…") -> str:
    """How to read a cell the project cannot read, without editing the published plan (an edited plan no longer
    matches its checksum, and restoring it brings the cell back): the analyst's reading in config/sources.yaml."""
    return (f"do not edit the published plan. Say how the cell reads in {display_path(sources.path)}, under "
            f"`readings:` of the plan entry at line {plan.line}: - {{indicator: {_yaml_text(name)}, cell: "
            f"{_yaml_text(written)}, reads: {_yaml_text(reads)}, because: {_yaml_text(because)}}}, where reads is "
            "the figure the plan means (20, ≥20, >20, ≤20, 20左右, 〔20〕 for a five-year total, or / when it gives "
            "none) and because says why (the plan's words elsewhere, the office's answer). The reading is recorded "
            "with the cell wherever the figure is cited.")


def cell_words_say(written: str, year: int, role: str) -> Said | None:
    """What the words beside a value cell's figure say of it, read as a 备注 is (name_meaning.remark_says): for
    part of a year (15.2（1-11月）), not yet verified (待核实), not the year's actual … (NOTE_STOPS), or, in a column
    of actuals, an estimate (15.2（估）, 暂定); None when they say nothing of the kind (20（力争22）) or what the figure
    is read as anyway (a preliminary count, 15.2（初步统计）, is the year's actual)."""
    said = remark_says(written, year)
    if said is None or not (said.what in NOTE_STOPS or (said.what == NOTE_ESTIMATE and role == "actual")):
        return None
    return said


def cell_reading_advice(sources: Sources, plan: Plan, name: str, column, written: str, example: str) -> str:
    """reading_advice for a value cell, its reads the cell's figure (`example`) unless the cell's words say more
    (cell_words_say): an estimate keeps the mark the project reads (reads: '15.2（预计）'), and a figure for part of
    a year, unverified, incomplete … is not the year's actual (reads: '/'), said why. Before, the advice offered
    the bare figure for 15.2（1-11月） or 15.2（估）, and followed, it was a firm actual, 达标."""
    said = cell_words_say(written, column.year, column.role)
    if said is None or example in ("/", "…"):
        return reading_advice(sources, plan, name, written, example)
    if said.what == NOTE_ESTIMATE:
        return (reading_advice(sources, plan, name, written, f"{example}（预计）")
                + f" The cell's words '{said.words}' say the figure is an estimate: 预计 in reads keeps it one (the "
                f"{column.year} estimate, never a firm actual); a bare figure is refused unless because quotes "
                f"'{said.words.strip('() ')}' and says why the figure is the year's actual")
    return (reading_advice(sources, plan, name, written, "/")
            + f" The cell's words '{said.words}' say the figure is {said.what}, not the {column.year} "
            f"{column.role} value: reads '/' leaves the plan without one (the workbook's figure for {column.year} is "
            "used where there is one); a figure is refused unless because quotes "
            f"'{said.words.strip('() ')}' and says why it is the year's (the office's answer)")


def duplicate_row_advice(sources: Sources, plan: Plan, ind: Indicator, name: str, first_name: str) -> str:
    """How to go on when two rows of a plan's table stand for one indicator, without editing the published plan (the
    advice was to delete the row in the plan document): a catalogue entry of its own for the second, or the row
    left out under the plan's `readings:` (`row: left out`)."""
    added = (f" (and take '{name}' out of `source_names` of {ind.id} if it was added there)"
             if name_key(name) != name_key(first_name) else "")
    return (f"if they are different indicators, give the second its own entry in config/catalogue.yaml{added}. If "
            "the plan's table is to be read without it (the plan writes one indicator twice, or a row the monitoring "
            f"does not follow), do not edit the published plan: leave the row out in {display_path(sources.path)}, "
            f"under `readings:` of the plan entry at line {plan.line}: - {{indicator: {_yaml_text(name)}, row: left "
            "out, because: '…'}, where because says why (the office's answer, the plan's words); the cleaning log "
            "records it. A name the table writes twice: the later row is left out, the first read.")


# A year a cell names (2030年达到20万人, 到2025年末): never the figure its reading offers. Followed, reads: '2030' made
# the plan's 2030 target 2030万人, inside the catalogue's plausible range (redteam20 T6).
YEAR_NAMED = re.compile(r"(?<![0-9.])(?:19|20)[0-9]{2}(?=年)")


# A bound a cell words around its figure (高于35, 不足5, 35以上): the example reading keeps it (>35, <5, ≥35), as the
# advice's own list of readings writes bounds. Followed, the bare '35' made "more than 35" an exact target, and an
# actual of 35 was 达标 (redteam20 T10). The words the value parser reads (core.values: 超过, 不低于, 不超过, 低于 …)
# and those it does not read as a bound, which stop the run for a reading (高于, 逾, 不足, 最高 …).
BOUND_BEFORE = {word: COMPARATOR_SIGNS[comparator] for word, comparator in {**COMPARATORS, **PLAN_COMPARATORS}.items()
                if re.fullmatch(r"[^\x00-\x7f≤≦≧≥]+", word)} | {
    "高于": ">", "多于": ">", "逾": ">", "至少": "≥", "最低": "≥", "下限": "≥", "不足": "<", "不到": "<",
    "未超过": "≤", "至多": "≤", "最高": "≤", "上限": "≤"}
BOUND_AFTER = {"以上": "≥", "以下": "≤", "以内": "≤"}
_FIGURE = r"[0-9]+(?:\.[0-9]+)?"
_BOUNDED = re.compile(rf"(?P<before>{'|'.join(sorted(BOUND_BEFORE, key=len, reverse=True))})?[为是在]?"
                      rf"(?P<figure>{_FIGURE})(?:[^0-9以，,。；;、()\s]{{0,4}}?(?P<after>{'|'.join(BOUND_AFTER)}))?")


def _example_reading(raw: str, bound: bool = True) -> str:
    """The first figure in a cell but a year it names, with the bound its words give it (`bound`), as the example
    reading the advice shows (the analyst decides what it means); '/' when it has none."""
    text = YEAR_NAMED.sub(" ", normalise(raw))
    found = _BOUNDED.search(text) if bound else re.search(_FIGURE, text)
    if not found:
        return "/"
    if not bound:
        return found.group()
    sign = BOUND_BEFORE.get(found.group("before") or "") or BOUND_AFTER.get(found.group("after") or "", "")
    return sign + found.group("figure")


def _change_figure(raw: str) -> str:
    """The figure a change cell states, never the year it counts from: 较2020年新增5万人 is 5 (its first figure,
    2020, was shown as the figure read as a level)."""
    return _example_reading(SINCE.sub("", normalise(raw).replace(" ", "")), bound=False)


# A value cell that states a change, not the level its column holds: 提高5个百分点, 下降2个百分点, 〔-2个百分点〕,
# 增长10%, 年均增长8%, 翻一番, +5. Its figure read as the level was the target (5 for 35) when the analyst followed
# the advice, which offered that figure. 提高到35 and 降至6 give the level and are not changes (CHANGE_WORDS).
# 新增, 净增 and 增量 say an increase too (新增5万人 on a base of 10 is 15; redteam16: the advice offered 5, and 2020
# for 较2020年新增5万人): the advice works their level out where it is sure (addition_level), else leaves '…'
# (ADDITION_WORDS, in helpers.core.config).
CHANGE_CELL = re.compile(rf"{CHANGE_WORDS}|{POINTS}|翻[一两二三]番|年均|{ADDITION_WORDS}|^[〔\[【]?\+")
# The year a change counts from, 比2020年 or 较2020年 (底/末: its end).
SINCE = re.compile(rf"[比较](?P<since>{YEAR})年(?:底|末)?")
CHANGE_FIGURE = re.compile(rf"^(?P<open>[〔\[【])?(?:{SINCE.pattern})?(?P<yearly>年均)?"
                           rf"(?P<verb>{CHANGE_WORDS})?(?P<sign>[+-])?(?P<num>{NUM})(?P<unit>{POINTS}|%)?"
                           r"(?P<mark>以上|左右)?(?P<close>[〕\]】])?$")
DOUBLING = re.compile(rf"^(?:{SINCE.pattern})?翻(?P<times>[一两二三])番$")
# An increase written 新增/净增/增量 and its figure, in a unit or none (the row's), 以上 or 左右 after it (新增5万人,
# 较2020年净增5万人以上, 年均新增1万人, 〔新增5万人〕): the level is worked out only on a stock (addition_level).
ADDITION = re.compile(rf"^(?P<open>[〔\[【])?(?:{SINCE.pattern})?(?P<yearly>年均)?(?P<verb>{ADDITION_WORDS})"
                      rf"(?P<num>{NUM})(?P<unit>[^0-9以左〔〕\[\]【】]*)(?P<mark>以上|左右)?(?P<close>[〕\]】])?$")
# A row whose name counts new ones (新增高技能人才, 引进人才, 培养人才): its figures are a flow, whatever the catalogue.
FLOW_NAME = re.compile(rf"{INCREMENT_WORDS}|{FLOW_WORDS}|{ADDITION_WORDS}|累计")
DOUBLINGS = {"一": 2, "两": 4, "二": 4, "三": 8}
FALLING = re.compile(r"减少|下降|降低|缩小|减")


@dataclass(frozen=True)
class ChangeLevel:
    """The level a change cell sets: `reads` (the figure, '…' when it cannot be worked out for sure), `working`
    (the arithmetic or why there is none, for the message) and `because` (the arithmetic in the plan's own words and
    figures, for the reading: it names the base cell, so the reading records where both figures come from)."""
    reads: str
    working: str
    because: str = "…"


def change_level(written: str, ind_unit: str, base: tuple[str, float, str] | None, years: int) -> ChangeLevel:
    """What a change cell (CHANGE_CELL) sets as the level, from the row's base figure `base` (its column's header,
    its figure, where it is) over `years` years: base + n points (of an indicator in %), base ± n in the row's unit,
    base × (1 ± n%) (not of an indicator in %: there 增长10% is 10 points or 10 per cent, and the plan does not say
    which), base × 2 for 翻一番; 年均 n times over, and 〔〕 (the change over the period) the same as without. Sign
    and direction are kept: 下降2个百分点 and 〔-2个百分点〕 are 2 points less."""
    text = normalise(written).replace(" ", "")
    doubling, found = DOUBLING.match(text), CHANGE_FIGURE.match(text)
    if found and (bool(found["open"]) != bool(found["close"]) or
                  not (found["verb"] or found["sign"] or found["unit"] == POINTS or found["yearly"])):
        found = None
    since = (doubling or found)["since"] if (doubling or found) else None
    if not (doubling or found):
        return ChangeLevel("…", "the cell's change is not one the project works out: the level is the base year's "
                                "figure with the change applied; work it out from the plan (its prose, the office)")
    if base is None:
        year = f"the {since}年 figure" if since else "the base year's figure"
        return ChangeLevel("…", f"the level is {year} with the change applied, and the table gives no such figure for "
                                "the row: find it (the plan's prose, the office) and work the level out")
    header, value, at = base
    if doubling:
        level = value * DOUBLINGS[doubling["times"]]
        return _level(level, f"{header} {_fig(value)} × {DOUBLINGS[doubling['times']]}", header, value, text, at)
    if found["sign"] and found["verb"]:
        return ChangeLevel("…", "the cell gives both a word of change and a sign, so its direction is not sure: work "
                                "the level out from the plan (its prose, the office)")
    falling = found["sign"] == "-" or bool(found["verb"] and FALLING.fullmatch(found["verb"]))
    n, times = float(found["num"]), (years if found["yearly"] else 1)
    if found["unit"] == "%" and ind_unit == "%":
        points = value + (-1 if falling else 1) * n * times
        share = value * (1 + (-1 if falling else 1) * n / 100) ** times
        return ChangeLevel("…", f"for an indicator in %, {found['num']}% is {found['num']} percentage points "
                                f"({_fig(value)} → {_fig(round(points, 4))}) or {found['num']} per cent of "
                                f"{_fig(value)} ({_fig(round(share, 4))}), and the plan does not say which: ask the "
                                "office, and write the level it means")
    if found["unit"] == POINTS and ind_unit != "%":
        return ChangeLevel("…", f"percentage points ({POINTS}) of an indicator in {ind_unit}: work the level out from "
                                "the plan (its prose, the office)")
    if found["unit"] == "%":
        factor = (1 + (-1 if falling else 1) * n / 100) ** times
        shown = f"(1 {'−' if falling else '+'} {found['num']}%)" + (f"^{times}" if times > 1 else "")
        return _with_mark(_level(value * factor, f"{header} {_fig(value)} × {shown}", header, value, text, at),
                          found["mark"], falling)
    change = n * times
    shown = found["num"] + (POINTS if found["unit"] == POINTS else "") + (f" × {times}" if times > 1 else "")
    return _with_mark(_level(value - change if falling else value + change,
                              f"{header} {_fig(value)} {'−' if falling else '+'} {shown}", header, value, text,
                              at),
                       found["mark"], falling)


def addition_level(written: str, ind: Indicator, name: str, same_unit, base: tuple[str, float, str] | None,
                   base_year: int, years: int) -> ChangeLevel:
    """What an increase written 新增/净增/增量 (ADDITION) sets as the level: the plan's base figure for the row
    (`base`: its column's header, its figure, where it is) plus the increase, n times over for 年均 (`years`), with
    its 以上/左右 kept (15以上 is ≥ 15). Only where that is sure: the indicator a stock (`measure: total`, a row not
    named for new ones), the figure in the row's unit (`same_unit(unit as written)`), counted from the plan's base year
    (`base_year`), not a 〔〕 total. Otherwise '…', and the working says why: 新增5000人 of 新增高技能人才 is the count
    of new ones itself, not a level on its base."""
    text = normalise(written).replace(" ", "")
    found = ADDITION.match(text)
    if not found or bool(found["open"]) != bool(found["close"]):
        return ChangeLevel("…", "the cell is not written as 新增, 净增 or 增量 then the figure (its unit, 以上 or 左右 "
                                "after it), so what the figure counts is not sure: work the level out from the plan "
                                "(its prose, the office)")
    if FLOW_NAME.search(name) or ind.measure == "count":
        return ChangeLevel("…", f"'{name}' counts new ones (catalogue measure: {ind.measure}), so its target is the "
                                "number of new ones itself, not a level on the base year's figure: write the figure "
                                f"the plan means ('{found['num']}' for the year, '〔{found['num']}〕' for the total "
                                "over the plan's years: its prose, the office)")
    if ind.measure != "total":
        return ChangeLevel("…", f"'{name}' is a {ind.measure} ({ind.unit}), not a stock: the level is the base year's "
                                "figure plus the increase only for a stock (catalogue measure: total), and a "
                                f"{ind.measure}'s increase written {found['verb']} "
                                "is not worked out: work the level out from the plan (its prose, the office)")
    if found["open"]:
        return ChangeLevel("…", "〔〕 marks a total over the plan's years: the stock's change since the base year "
                                f"(reads '〔{found['num']}〕', judged as the change) or new ones counted year by year, "
                                "which is not the change of a stock that also loses people; the plan does not say "
                                "which: ask the office")
    if found["since"] and int(found["since"]) != base_year:
        return ChangeLevel("…", f"the increase counts from {found['since']}年, and the plan's base year is "
                                f"{base_year}: its {found['since']}年 figure is not the plan's base for the row; work "
                                "the level out from the plan (its prose, the office)")
    if found["unit"] and not same_unit(found["unit"]):
        return ChangeLevel("…", f"the increase is written in {found['unit']} and the row's figures in another unit: "
                                "work the level out in the row's unit from the plan (its prose, the office)")
    if base is None:
        return ChangeLevel("…", f"the level is the plan's {base_year}年 figure with the increase added, and the table "
                                "gives no such figure for the row (a figure: not a bound, nor a 〔〕 total): find it "
                                "(the plan's prose, the office) and work the level out")
    header, value, at = base
    times = years if found["yearly"] else 1
    shown = found["num"] + found["unit"] + (f" × {times}" if times > 1 else "")
    level = _level(value + float(found["num"]) * times, f"{header} {_fig(value)} + {shown}", header, value, text, at)
    return _with_mark(level, found["mark"], falling=False)


def _with_mark(level: ChangeLevel, mark: str | None, falling: bool) -> ChangeLevel:
    """A level worked out from a change with 以上 or 左右 after it, kept: 新增5万人以上 on 10 is 15以上 (≥ 15),
    提高5个百分点以上 on 30 is 35以上, 下降2个百分点以上 on 8 is 6以下 (at least 2 points less is at most 6), and
    左右 either way is about the level (redteam18: 提高5个百分点以上 was left '…', where 新增5万人以上 was worked
    out)."""
    if not mark:
        return level
    bound, written = {"以上": ("at most", "以下") if falling else ("at least", "以上"),
                      "左右": ("about", "左右")}[mark]
    return ChangeLevel(level.reads + written, f"{level.working}, and {bound} that ({written})",
                       because=level.because + written)


def _fig(value: float) -> str:
    return f"{value:g}"


def _level(level: float, arithmetic: str, header: str, value: float, text: str, at: str) -> ChangeLevel:
    shown = _fig(round(level, 4))
    return ChangeLevel(shown, f"the level it sets is the row's {header} figure, {_fig(value)} ({at}), with the change "
                              f"applied: {arithmetic} = {shown}",
                       because=f"{text}：{arithmetic} = {shown}")


def _refuse_leading_zero(path: Path, name: str, column, cell: Cell, at: int, advice) -> None:
    """A group of digits that starts with 0 (02, 〔05〕, 7,000, 〔65⏎00〕) is not read: a figure shown in another
    order than it is stored looks so (Word shows 02 set right to left as 20). The problem names the likely cause
    by what stands before the 0: a comma (a thousands separator, 7,000), a space or line break (a figure wrapped
    over two lines of a narrow cell, 〔65⏎00〕, or a space as a thousands separator, 7 000), else the order."""
    written = cell.raw.strip()
    raw = cell.raw.translate(FULL_WIDTH_FIGURE)
    gap = re.search(r"[0-9]([,，\s]+)$", raw[:at])       # what parts the 0 from a digit before it
    comma = gap is not None and re.fullmatch(r"[,，]", gap.group(1)) is not None
    group_of_three = re.match(r"[0-9]{3}(?![0-9])", raw[at:]) is not None
    shown = " / ".join(part.strip() for part in written.splitlines())     # a line break shown as " / "
    head = f"the {column.header.text} cell of '{name}' is '{shown}'"
    order = ("a group of digits starting with 0 is not read as written, because a figure shown in another order "
             "than it is stored looks so (Word shows 02 set right to left as 20)")
    if gap is None or (comma and not group_of_three):
        raise InputError(path, cell.where, f"{head}: a figure with a 0 before its first digit, which no plan writes; "
                         "it may be a figure shown in another order than it is stored (Word shows 02 set right to "
                         "left as 20; a .doc file converted for reading loses that setting)",
                         f"look at the figure the plan shows (in {viewer(path)}); then " + advice("…"))
    joined = re.sub(r"(?<=[0-9])[,，\s]+(?=[0-9])", "", written.translate(FULL_WIDTH_FIGURE))
    if comma:
        raise InputError(path, cell.where, f"{head}: most likely a thousands separator ({joined} written with a "
                         f"comma); {order}",
                         f"check that the plan shows '{shown}' and means {joined}; then " + advice(joined))
    raise InputError(path, cell.where, f"{head}: a figure broken by a space or a line break before a 0, most likely "
                     "a figure wrapped over two lines of a narrow cell (as a PDF prints it) or a space as a thousands "
                     f"separator, {joined} either way; {order}",
                     f"check in the plan that the cell shows one figure, {joined}; then " + advice(joined))


def _refuse_dot_groups(path: Path, name: str, column, cell: Cell, whole_in: str, advice) -> None:
    """A figure with a dot before a group of three digits (helpers.core.values.DOT_GROUPS) is not read where it is
    ambiguous: 1.234.567 anywhere (dots as thousands separators: no decimal has two points), and 7.000 or 〔6.500〕 in
    a row that counts whole persons or things (`whole_in`, the row's unit: 人, 件, 家), where European figures'
    thousands separator (7000) and a decimal point (7) are a thousand times apart. 7.000 人 was read as 7, without a
    word, where 〔7,000〕 stopped (_refuse_leading_zero). 12.500% and 7.000万 (70000) are decimals, and read."""
    groups = dot_groups(cell.raw)
    if groups is None or (groups.dots == 1 and not whole_in):
        return
    written = cell.raw.strip()
    joined = with_thousands_joined(written, groups)
    head = f"the {column.header.text} cell of '{name}' is '{written}'"
    if groups.dots > 1:
        problem = (f"{head}: dots between groups of three digits, as European figures write thousands separators "
                   f"({joined} written with dots); no decimal has more than one point, so it is not read")
    else:
        problem = (f"{head}: a dot before three digits in a count in {whole_in}, which is a whole number: most "
                   f"likely a thousands separator, as European figures write it ({joined} written with a dot); read "
                   f"as a decimal point it would be {groups.decimal:g}, a thousand times less, so it is not read as "
                   "either")
    raise InputError(path, cell.where, problem,
                     f"check that the plan means {groups.thousands} (its prose, the office); then " + advice(joined))


def _parse_cell(path: Path, name: str, column, cell: Cell, advice, whole_in: str = "") -> CellValue:
    """A value cell as the project reads it; `advice(example)` is how to state a reading of it instead. `whole_in`:
    the row's unit when it counts whole persons or things (人, 件, 家; Catalogue.counts_whole), else ''."""
    written = cell.raw.strip()
    try:
        check_figure_length(written)
    except TooLongForAFigure as exc:     # (refused first: the checks below quote the cell)
        raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}': "
                         f"{too_long_for_a_figure(exc.characters)}",
                         corrected_in_the_plan(path, "write the figure alone in the cell (12.5, >10 or 35%, or / "
                                               "when the plan gives no value) and any note below the table")) from None
    if not written and cell.unseen.strip():
        # 20左右 all in white on a white cell shows an empty cell: said so, not only 'not a number'
        raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '', not a number: it "
                         f"shows nothing, and the text it holds, '{cell.unseen.strip()[:40]}', is "
                         f"{UNSEEN_WHY.get(cell.unseen_why, 'not shown')}, so no reader sees it, and it is not read",
                         "open the document in Word or WPS and look at the cell. If Word shows the figure, the colour "
                         "behind it is one this project cannot tell: print the document to PDF from Word, name the PDF "
                         "in config/sources.yaml instead and run `make manifest`. If it shows nothing there either, "
                         "the published plan shows no figure here: ask the office which figure it means.")
    if "+" in cell.text:
        # +5 in a share's 2030 column is 5 points more than now, not a level of 5 %: read as 5, it was silently wrong
        raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': a "
                         "figure with a plus sign is a change (an increase on an earlier year), not the level this "
                         "column holds",
                         "work out the level the plan sets for that year (the earlier year's figure plus the "
                         "change) and " + advice("/"))
    if zero := LEADING_ZERO.search(cell.raw.translate(FULL_WIDTH_FIGURE)):
        _refuse_leading_zero(path, name, column, cell, zero.start(), advice)
    _refuse_dot_groups(path, name, column, cell, whole_in, advice)
    try:
        return parse_value_cell(cell.raw, in_plan=True)
    except NoteMarkInsideNumber:
        raise InputError(path, cell.where,
                         f"the {column.header.text} cell of '{name}' is '{written}': a note mark (a "
                         "superscript or circled number, ※ or *) stands inside the number, so it cannot be read safely",
                         advice("…")) from None
    except ImplausibleMagnitude:
        raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written[:40]}', "
                         f"larger than any figure a plan can mean (the limit is {LARGEST_VALUE:g})",
                         "a lost decimal point or unit? Ask the office for the figure; then " + advice("…")) from None
    except NotANumber:
        raise InputError(path, cell.where,
                         f"the {column.header.text} cell of '{name}' is '{written}', not a number the project "
                         "can read (it reads 20, ≥20, 20以上, ≤20, 20以内, 控制在20以内, 20左右, 20上下, 约20, 近20, "
                         "突破20, 20万, 20（力争22）, 15.2（预计）, 〔20〕 and / for none)",
                         advice(_example_reading(written))) from None


def _attribute(path: Path, row: TableRow, name: str, reading: Reading | None) -> str:
    """The row's 属性 as 约束性 or 预期性 ('' when the table has no such column or the cell is empty); a cell the
    project cannot read stops the run, unless the analyst's `attribute:` reading says how it reads."""
    if row.attribute is None:
        return ""
    written = re.sub(r"\s+", "", row.attribute.text)
    if not written:
        return ""
    if written in ATTRIBUTES:
        return ATTRIBUTES[written]
    if reading is not None:
        return reading.attribute
    raise InputError(path, row.attribute.where, f"the 属性 cell of '{name}' is '{row.attribute.raw.strip()}', "
                     "neither 约束性 (binding) nor 预期性 (expected)",
                     "state how the plan means it under this plan's `readings:` in config/sources.yaml (the "
                     f"published plan stays as it is): - {{indicator: {name}, attribute: 约束性, because: '…'}} "
                     "(or 预期性), with why (the plan's words elsewhere, the office's answer).")


def _unknown_name(path: Path, cell: Cell, name: str, catalogue: Catalogue, sources: Sources,
                  unit: Cell | None = None) -> InputError:
    if any(r.role in ("category", "name") and r.pattern.fullmatch(re.sub(r"\s+", "", name), path, cell.where)
           for r in sources.header_roles):
        # 二级指标 under 一级指标: the table's header has a second row, which cannot be read as an indicator (and
        # adding a header's words to the catalogue, as the advice for an unknown name says, would be harmful)
        return InputError(path, cell.where, f"'{name}' in the indicator column is a header's words, not an "
                          "indicator's name: the table's header has a second row (e.g. 一级指标 over 二级指标)",
                          corrected_in_the_plan(path, "make the table's header one row (one heading per column: "
                                                "指标名称, 单位, 2025年目标, …; the second header row deleted)"))
    close = difflib.get_close_matches(name, [n for ind in catalogue.indicators.values() for n in ind.source_names
                                            if may_offer(name, n, ind)], n=1, cutoff=0.5)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    word = new_ones_word(name)
    if word is None:
        return InputError(path, cell.where, f"indicator {quoted(name)} is not in the catalogue.{hint}",
                          f"add {quoted(name)} to `source_names` of the matching indicator in config/catalogue.yaml, "
                          "or add a new indicator there.")
    # a name counting new ones: never a stock's (helpers.core.config.fits_measure); a new indicator of measure
    # count is the usual answer, shaped after the stock it counts new ones of (新增高技能人才: 高技能人才)
    written = catalogue.unit_for_alias(unit.text) if unit is not None and unit.text.strip() else None
    stock = difflib.get_close_matches(name, catalogue.all_source_names(), n=1, cutoff=0.5)
    like = catalogue.indicators[catalogue.indicator_for_name(stock[0])] if stock else None
    example = (f" e.g. - {{id: new_{like.id}, name_zh: {name}, name_en: New {like.name_en[:1].lower()}"
               f"{like.name_en[1:]}, unit: {written.unit if written else '…'}, direction: {like.direction}, "
               f"measure: count, source_names: [{name}], comparability: {{status: same}}}} (status: caveat, with a "
               "reason, if the counties count them differently);") if like is not None else ""
    return InputError(path, cell.where, f"indicator {quoted(name)} is not in the catalogue.{hint} It counts new ones "
                      f"('{word}'): its figures are the new ones themselves (each year's, or in 〔〕 the sum over the "
                      "plan's years), which only an indicator of measure count reads so; a stock's (measure total) "
                      "would judge its 〔〕 figure as the stock's rise",
                      (f"add {quoted(name)} to `source_names` of '{catalogue.indicator_for_name(close[0])}' in "
                       "config/catalogue.yaml if it counts the same new ones, or add" if close else "add")
                      + " a new indicator for it to config/catalogue.yaml with `measure: count` (its yearly figures "
                      "are the year's new ones, summed over the plan's years: the `measure` note at the top of "
                      "catalogue.yaml) and the unit the plan's row is written in," + example
                      + " then run `make data`.")


def _row_attribute(path: Path, row: TableRow, name: str, ind_id: str, readings: "_Readings", log) -> str:
    """The row's 属性 (_attribute), the analyst's reading of a cell the project cannot read logged with it."""
    reading = readings.attribute_of(ind_id, name, row)
    if reading is not None:
        log("analyst_attribute", {"name": name, "attribute": {"code": ATTRIBUTE_CODES[reading.attribute]},
                                  "raw": row.attribute.raw.strip(), "because": reading.because,
                                  "config": readings.where(reading)}, cell=row.attribute)
    return _attribute(path, row, name, reading)


class _Readings:
    """A plan's `readings:` (config/sources.yaml): the analyst's reading of a value cell or of a row's unit. Each
    must be used: one that matches no cell (the plan changed, a typo) stops the run instead of being ignored."""

    def __init__(self, plan: Plan, catalogue: Catalogue, sources: Sources):
        self.plan, self.catalogue, self.sources = plan, catalogue, sources
        self.used: set[int] = set()

    def _for_row(self, reading: Reading, ind_id: str, name: str) -> bool:
        return name_key(reading.indicator) == name_key(name) or \
            self.catalogue.indicator_for_name(reading.indicator) == ind_id

    def of_cell(self, ind_id: str, name: str, cell: Cell) -> Reading | None:
        for reading in self.plan.readings:
            if reading.cell is not None and self._for_row(reading, ind_id, name) \
                    and name_key(reading.cell) == name_key(cell.raw):
                self.used.add(id(reading))
                return reading
        return None

    def unit_of(self, ind_id: str, name: str) -> Reading | None:
        for reading in self.plan.readings:
            if reading.unit is not None and self._for_row(reading, ind_id, name):
                self.used.add(id(reading))
                return reading
        return None

    def attribute_of(self, ind_id: str, name: str, row: TableRow) -> Reading | None:
        """The analyst's reading of the row's 属性, where its cell is one the project cannot read (a reading of
        a cell that reads by itself is left unused, and check_all_used says so)."""
        cell = row.attribute
        if cell is None or not re.sub(r"\s+", "", cell.text) or re.sub(r"\s+", "", cell.text) in ATTRIBUTES:
            return None
        for reading in self.plan.readings:
            if reading.attribute is not None and self._for_row(reading, ind_id, name):
                self.used.add(id(reading))
                return reading
        return None

    def row_left_out(self, row: TableRow, written_before: set[str], names: list[Cell]) -> Reading | None:
        """The analyst's word that the table's row is not read (`row: left out`), by the row's name as the table
        writes it (with or without its bracketed unit). A name the table writes twice: the later row is left out and
        the first read (`written_before`: the names of the rows above)."""
        key = name_key(row.name.text)
        keys = {key, name_key(split_name_unit(row.name)[0])}
        for reading in self.plan.readings:
            if reading.row is None or name_key(reading.indicator) not in keys:
                continue
            twice = sum(name_key(n.text) == key for n in names) > 1
            if twice and key not in written_before:
                return None
            self.used.add(id(reading))
            return reading
        return None

    def where(self, reading: Reading) -> str:
        return f"{display_path(self.sources.path)}, line {reading.line}"

    def check_all_used(self) -> None:
        for reading in self.plan.readings:
            if id(reading) in self.used:
                continue
            what = (f"its cell '{reading.cell}'" if reading.cell is not None else
                    "its 属性 cell, one the project cannot read by itself" if reading.attribute is not None else
                    "its row, left out" if reading.row is not None else "its unit")
            raise InputError(self.sources.path, reading.line,
                             f"the reading of '{reading.indicator}' ({what}) for {self.plan.file} matches no row "
                             "and cell of the plan's table: the plan or the reading has changed",
                             "write the indicator's name and the cell as the table writes them (the message that "
                             "asked for the reading quotes both), or remove the reading if the cell now reads "
                             "without it.")


def _rows_read(table: ParsedTable, readings: _Readings, plan: Plan, file: str, decisions: list[Decision]) -> list:
    """The table's rows but those the analyst's reading leaves out (`row: left out`), each logged where it was."""
    rows, written_before, names = [], set(), [r.name for r in table.rows]
    for row in table.rows:
        left_out = readings.row_left_out(row, written_before, names)
        written_before.add(name_key(row.name.text))
        if left_out is None:
            rows.append(row)
            continue
        decisions.append(Decision(plan.entity, "", file, row.name.line, "analyst_row_left_out",
                                  {"name": row.name.raw.strip(), "because": left_out.because,
                                   "config": readings.where(left_out)},
                                  place=row.name.place.record() if row.name.place else {}))
    return rows


class TableCleaner:
    def __init__(self, catalogue: Catalogue, sources: Sources):
        self.catalogue = catalogue
        self.sources = sources

    def clean(self, plan: Plan, table: ParsedTable, statements: list[ProseStatement]) -> CleanTable:
        path = table.path
        file = display_path(path)
        table = resolve_year_columns(table, plan, self.sources)
        observations: list[Observation] = []
        decisions: list[Decision] = _column_decisions(plan, table, file)
        seen: dict[str, TableRow] = {}
        has_unit_column = "unit" in table.roles
        cumulative_note = next((n for n in table.notes if CUMULATIVE_NOTE.search(n.text)), None)
        said = read_notes(table, plan, self.sources, self.catalogue, _row_names(table, self.catalogue))
        move_years(table, said)
        estimate_marks, by_note, by_row = said.marks, said.columns, said.rows
        decisions += _year_by_note(plan, table, said.years, file, self.sources)
        decisions += _estimated_by_note(plan, table, by_note, file, self.sources)
        decisions += [Decision(plan.entity, "", file, cell.line, "analyst_table_note_none",
                               {"quote": reading.note, "because": reading.because,
                                "config": _config_place(self.sources, reading.line)},
                               [_note_evidence(cell, file)])
                      for reading, cell in said.none]
        decisions += _notes_apart(plan, table, file)
        header_marks = self._header_marks(table, estimate_marks, plan)
        decisions += _header_mark_decisions(plan, table, header_marks, file)

        readings = _Readings(plan, self.catalogue, self.sources)
        for row in _rows_read(table, readings, plan, file, decisions):
            name, unit_text, broken, unit_in_name = self._name_and_unit(path, row, has_unit_column, plan, readings)
            ind = self._row_indicator(path, row, name, seen, plan)
            ind_id = ind.id

            def log(step: str, values: dict, evidence: list | None = None, cell: Cell | None = None) -> None:
                at = cell or row.name    # the cell the decision is about, else the row's name
                decisions.append(Decision(plan.entity, ind_id, file, at.line, step, values, evidence or [],
                                          place=at.place.record() if at.place else {}))

            if broken:
                log("broken_bracket", {"raw": row.name.raw.strip(), "name": name, "source_unit": unit_text})
            if unit_in_name:
                log("unit_from_name", {"raw": row.name.raw.strip(), "name": name, "source_unit": unit_text})
            unit_reading = readings.unit_of(ind_id, name)
            if unit_reading is not None:
                log("analyst_unit", {"name": name, "unit": unit_reading.unit, "table_unit": unit_text,
                                     "because": unit_reading.because, "config": readings.where(unit_reading)})
                unit_text = unit_reading.unit
            unit_text = self._unit_from_caption(path, plan, table.unit_caption, ind, name, unit_text, file, log)
            if row.category_inherited:
                log("merged_cell", {"category": row.category})
            attribute = _row_attribute(path, row, name, ind_id, readings, log)
            row_unit = self.catalogue.unit_for_alias(unit_text) if unit_text else self.catalogue.units[ind.unit]
            whole_in = row_unit.unit if self.catalogue.counts_whole(ind, row_unit) else ""
            cells = self._read_cells(path, plan, row, ind_id, name, readings, log, whole_in, row_unit)
            cells = [(column, cell, self._in_row_unit(path, plan, ind, name, unit_text, column, cell, parsed, log),
                      reading) for column, cell, parsed, reading in cells]
            for column, cell, parsed, _ in cells:
                self._check_bound(path, plan, ind, name, column, cell, parsed)
            # A row with no unit takes the catalogue's only when nothing says otherwise: the plan's own text
            # stating the row's figure in another unit (14.5万人 beside a unitless 14.5, the catalogue in 千人)
            # gives the row that unit (it was read as 14.5 千人, and 190 against 20 was 达标).
            unit_text = self._unit_in_prose(path, plan, ind, name, unit_text, cells, statements, log)
            values = [parsed.value for _, _, parsed, _ in cells if parsed.value is not None]
            factor, unit_note, unit_decision = self._unit_factor(path, row, ind, unit_text, statements, values, plan)

            row_obs: list[Observation] = []
            for column, cell, parsed, reading in cells:
                if parsed.percent_sign and ind.unit != "%":
                    raise InputError(path, cell.where, f"'{cell.raw.strip()}' has a % sign but '{name}' is measured "
                                     f"in {ind.unit}", "check which figure the plan means (its prose, the office); "
                                     + reading_advice(self.sources, plan, name, cell.raw.strip(),
                                                      _example_reading(cell.raw)))
                entity = self.sources.province if column.for_province else plan.entity
                obs = Observation(
                    entity=entity, indicator_id=ind_id, source_name=name, year=column.year, kind=column.role,
                    value=None if parsed.value is None else parsed.value * factor, comparator=parsed.comparator,
                    unit=ind.unit, source_unit=unit_text, source_value=cell.raw.strip(), origin="table",
                    source_file=file, source_line=cell.line, source_text=row.quote(), category=row.category,
                    plan=plan.period.name, attribute=attribute, approximate=parsed.approximate,
                    cumulative=parsed.cumulative,
                    estimated=(column.estimated or parsed.status == "estimate" or id(column) in by_note
                               or (id(column), ind_id) in by_row
                               or _marked(parsed, estimate_marks) is not None or id(column) in header_marks
                               or cell.place in said.cells)
                    and column.role == "actual",
                    source_place=cell.place.record() if cell.place else {},
                )
                _note_readings(obs, readings, reading, unit_reading, unit_in_name)
                _note_cell(obs, column, cell, parsed, unit_note, log)
                _note_plan_marks(obs, column, cell, parsed, cumulative_note, log, plan.period)
                _note_estimate_notes(obs, column, cell, parsed, estimate_marks, by_note, log)
                _note_row_by_note(obs, column, cell, by_row, log)
                _note_year_by_note(obs, column, said.years)
                _note_anchored(obs, cell, said.cells, log, file)
                _note_header_mark(obs, column, header_marks)
                row_obs.append(obs)

            fixed = self._check_plausible(ind, unit_text, cells, row_obs, statements, plan, log, path, name)
            if unit_decision and not fixed:
                log(*unit_decision)
            self._check_power_of_ten(path, plan, ind, name, unit_text, cells, row_obs, statements, unit_reading)
            observations += row_obs
        readings.check_all_used()
        if "attribute" in table.roles:
            decisions.append(_attribute_decision(plan, table, observations, file))
        return CleanTable(observations, decisions)

    def _header_marks(self, table: ParsedTable, estimate_marks: dict[str, Cell],
                      plan: Plan) -> dict[int, tuple[str, Cell]]:
        """The columns of actuals whose header's note mark the table's note defines as an estimate's (2025年* under
        注：带*的为预计数: their figures are estimates), by id, each with its mark and the note; a header mark that
        is not so stops the run (tables.header_mark_error: before, 2025年* stopped as an unknown column, and the
        advice's first entry, followed, read the estimates as firm actuals)."""
        out = {}
        for column in table.columns:
            if not column.mark or _marks_of_notes_apart(column, table):
                continue
            error = header_mark_error(table.path, column, estimate_marks, table.notes, self.sources.for_plan(plan))
            if error is not None:
                raise error
            mark = next(ch for ch in column.mark if ch in estimate_marks)
            out[id(column)] = (mark, estimate_marks[mark])
        return out

    def _read_cells(self, path: Path, plan: Plan, row: TableRow, ind_id: str, name: str, readings: _Readings,
                    log, whole_in: str, row_unit: Unit | None) -> list[tuple]:
        """The row's value cells, each parsed once, here, so that a bad cell is always reported with its place; a
        cell the analyst's reading covers (`readings:`) read as it says: (column, cell, parsed, reading). `whole_in`:
        the row's unit if it counts whole persons or things (_parse_cell)."""
        cells = []
        for column, cell in row.values:
            written = cell.raw.strip()
            reading = readings.of_cell(ind_id, name, cell)
            if reading is not None:
                parsed = parse_value_cell(reading.reads, in_plan=True)
                self._check_reading_keeps(plan, name, column, written, reading, parsed)
                log("analyst_reading", {"raw": written, "reads": reading.reads, "because": reading.because,
                                        "config": readings.where(reading)}, cell=cell)
            elif cell.doubt:
                raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': "
                                 f"{cell.doubt}, so its figure cannot be read for sure",
                                 "look at the cell as the plan shows it and ask the office which figure is meant; "
                                 "then " + reading_advice(self.sources, plan, name, written, "…"))
            elif CHANGE_CELL.search(normalise(written)):
                raise self._change_error(path, plan, row, name, ind_id, column, cell, readings, row_unit)
            else:
                parsed = _parse_cell(path, name, column, cell, lambda example, written=written: cell_reading_advice(
                    self.sources, plan, name, column, written, example), whole_in)
            if parsed.year is not None and parsed.year != column.year:
                raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': a "
                                 f"figure for {parsed.year}, in a column for {column.year}",
                                 reading_advice(self.sources, plan, name, written, "/")
                                 + f" (/ when the plan sets no figure for {column.year})")
            if parsed.status == "estimate" and column.role == "target":
                # 20（预计） as a target: the plan's target, or its projection of the year? Read as a plain target it
                # was judged like any other, and the brief never said the plan marks it 预计.
                raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': a "
                                 "target marked as an estimate (预计), which the evaluation cannot judge as the "
                                 "plan's target without a word (an estimate is read only as a year's actual, as "
                                 "15.2（预计） in the base year)",
                                 "ask the office whether the plan sets this figure as its target; then "
                                 + reading_advice(self.sources, plan, name, written, _example_reading(written))
                                 + " (the figure, with 预计 quoted in because, when it is the target; / when the plan "
                                 "sets none)")
            cells.append((column, cell, parsed, reading))
        return cells

    def _check_reading_keeps(self, plan: Plan, name: str, column, written: str, reading: Reading,
                             parsed: CellValue) -> None:
        """An analyst's reading that drops what the cell's words say (cell_words_say): reads '15.2' for
        15.2（1-11月） or 15.2（估） made a firm actual of a figure the plan marks as part of a year or an estimate.
        It stands only when its because quotes the words (and says why: the office's answer)."""
        said = cell_words_say(written, column.year, column.role)
        if said is None or parsed.value is None:
            return
        if said.what == NOTE_ESTIMATE and parsed.status == "estimate":
            return
        words = said.words.strip("() ")
        if words in normalise(reading.because) or words in reading.because:
            return
        kept = (f"'{_example_reading(written)}（预计）' (an estimate)" if said.what == NOTE_ESTIMATE else
                f"'/' (no {column.year} {column.role} value from the plan)")
        raise InputError(self.sources.path, reading.line, f"the reading of '{name}' reads the {column.header.text} "
                         f"cell '{written}' as '{reading.reads}', but the cell's words '{said.words}' say the figure "
                         f"is {said.what}: the reading drops them, and the figure would be the year's firm "
                         f"{column.role} value", f"write reads: {kept}; or, when the office says the figure is the "
                         f"year's {column.role} value all the same, keep reads and quote '{words}' in because with "
                         "why (the office's answer)")

    def _change_error(self, path: Path, plan: Plan, row: TableRow, name: str, ind_id: str, column, cell: Cell,
                      readings: _Readings, row_unit: Unit | None) -> InputError:
        """A value cell that states a change (CHANGE_CELL) stops the run, and the advice's reading is the level the
        change sets from the row's base figure (change_level), for the analyst to check, never the change's figure:
        提高5个百分点 on 30 was offered as reads: '5', and followed, 34 against 5 was 达标 at 680%."""
        written = cell.raw.strip()
        text = normalise(written).replace(" ", "")
        addition = re.search(ADDITION_WORDS, text) is not None
        found = None if addition else CHANGE_FIGURE.match(text) or DOUBLING.match(text)
        year = int(found["since"]) if found and found["since"] else plan.period.base_year
        base = None
        if not column.for_province:
            for other, other_cell in row.values:
                if other.year != year or other.for_province or other is column:
                    continue
                reading = readings.of_cell(ind_id, name, other_cell)
                try:
                    value = parse_value_cell(reading.reads if reading else other_cell.raw, in_plan=True)
                except (NotANumber, ImplausibleMagnitude, NoteMarkInsideNumber, TooLongForAFigure):
                    continue
                # (an increase is added to a figure, never to a bound: 10 + 新增5 on >10 is not sure)
                if value.value is not None and not value.cumulative and not value.scale \
                        and (value.comparator == "=" or not addition):
                    at = other_cell.where
                    base = (other.header.raw.strip(), value.value, f"line {at}" if isinstance(at, int) else str(at))
                    break
        ind = self.catalogue.indicators[ind_id]
        if addition:
            def same_unit(text: str) -> bool:
                return row_unit is not None and self.catalogue.unit_for_alias(text) is row_unit
            level = addition_level(written, ind, name, same_unit, base, year, column.year - year)
        else:
            level = change_level(written, ind.unit, base, column.year - year)
        check = "check it against the plan (its prose, the office); then " if level.reads != "…" else "then "
        figure = _change_figure(written)      # (none in 新增五万人 or 翻一番: "read as a level, / would be" was said)
        misread = f" (read as a level, {figure} would be the target)" if figure != "/" else ""
        return InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': a change on "
                          f"an earlier year's figure, not the level this column holds{misread}",
                          f"{level.working}; {check}"
                          + reading_advice(self.sources, plan, name, written, level.reads, level.because))

    def _in_row_unit(self, path: Path, plan: Plan, ind: Indicator, name: str, unit_text: str, column, cell: Cell,
                     parsed: CellValue, log) -> CellValue:
        """A figure with a multiplier of its own (20万, 0.002亿, 20万人) as the figure in the row's unit: 20万 in a
        人 row is 200000; in a 万人 row it is 20 (the cell says the unit again), and 0.002亿 there is 20 too. Where
        the multiplier's meaning in the row's unit is not certain (a share, a rate per 1,000, 万元/人, a unit the
        row does not count in), the run stops at the cell: 20万 in a 万元/人 row may be 20 or 200000."""
        if not parsed.scale or parsed.value is None:
            return parsed
        factor = self._scale_factor(ind, unit_text, parsed.scale)
        written = cell.raw.strip()
        known = self.catalogue.unit_for_alias(unit_text) if unit_text else None
        row_unit = known.unit if known else (unit_text or ind.unit)     # (万, an alias, as the catalogue's 万人)
        if factor is None:
            raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': a figure "
                             f"with a multiplier of its own ({parsed.scale}), in a row measured in {row_unit}: "
                             f"which figure that is in {row_unit} cannot be told for sure",
                             "check which figure the plan means (its prose, the office); then "
                             + reading_advice(self.sources, plan, name, written, _example_reading(written))
                             + f" (the figure in {row_unit}, the row's unit)")
        value = check_magnitude(float(f"{parsed.value * factor:.12g}"))   # (0.002 × 10^4 is 20, not 20.000000000000004)
        stretch = None if parsed.stretch is None else float(f"{parsed.stretch * factor:.12g}")
        log("scale_in_cell", {"raw": written, "value": value, "unit": row_unit}, cell=cell)
        return dataclasses.replace(parsed, value=value, stretch=stretch)

    def _scale_factor(self, ind: Indicator, unit_text: str, scale: str) -> float | None:
        """What a cell's multiplier (万, 亿 …, or a unit: 万人) multiplies its number by to give the figure in the
        row's unit, or None when that cannot be told for sure."""
        row_unit = self.catalogue.unit_for_alias(unit_text) if unit_text else self.catalogue.units[ind.unit]
        if row_unit is None or row_unit.dimension != self.catalogue.units[ind.unit].dimension:
            return None          # a unit the vocabulary does not know (stops the run anyway), or a shorthand (人)
        if scale not in SCALES:  # 20万人: a unit of the vocabulary, of the row's dimension
            cell_unit = self.catalogue.unit_for_alias(scale)
            ok = cell_unit is not None and cell_unit.dimension == row_unit.dimension
            return cell_unit.factor / row_unit.factor if ok else None
        base = [a for u in self.catalogue.units.values() if u.dimension == row_unit.dimension and u.factor == 1
                for a in (u.unit, *u.aliases)]
        for prefix, multiplier in SCALES.items():
            # 万人: 万 (10^4) times 人, the dimension's own unit: 0.002亿 is 0.002 × 10^8 人, 20 万人
            if row_unit.unit.startswith(prefix) and row_unit.factor == multiplier \
                    and row_unit.unit[len(prefix):] in base:
                return SCALES[scale] / multiplier
        plain = row_unit.factor == 1 and row_unit.unit in base and row_unit.unit != "%" \
            and not any(ch in row_unit.unit for ch in "/千万亿")
        return SCALES[scale] if plain else None      # 20万 in a 人 (家, 件) row: 200000

    def _check_bound(self, path: Path, plan: Plan, ind: Indicator, name: str, column, cell: Cell,
                     parsed: CellValue) -> None:
        """A target that bounds the figure from the side the indicator's direction calls worse: ≤20 (at most 20)
        for an indicator where more is better, or ≥20 where less is better. The evaluation judges a target by the
        catalogue's direction (completion rate, schedule, trend), so such a target cannot be judged: 18 would
        meet ≤20 and still read as 90% of it. The run stops at the cell."""
        if column.role != "target" or parsed.comparator == "=":
            return
        upper = parsed.comparator in UPPER_BOUNDS
        if upper == (ind.direction == "lower"):
            return
        written = cell.raw.strip()
        bound, better, other = ("an upper bound", "more", "less") if upper else ("a lower bound", "less", "more")
        raise InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}', {bound} "
                         f"({BOUND_WORDS[parsed.comparator]} {parsed.value:g}), but {ind.id} is an indicator where "
                         f"{better} is better (direction: {ind.direction}, {display_path(self.catalogue.path)} "
                         f"line {ind.line}): the evaluation cannot judge such a target",
                         f"if {other} is better for this indicator, set its "
                         f"`direction` in {display_path(self.catalogue.path)} (it applies to every county). If not, "
                         "the plan sets a limit the evaluation does not judge: "
                         + reading_advice(self.sources, plan, name, written, "/")
                         + " (/: no target to judge, with the limit quoted in because)")

    def _row_indicator(self, path: Path, row: TableRow, name: str, seen: dict[str, TableRow],
                       plan: Plan) -> Indicator:
        """The catalogue indicator a row's name stands for; a name the catalogue does not know, or a second row
        for the same indicator, stops the run."""
        ind_id = self.catalogue.indicator_for_name(name)
        if ind_id is None:
            raise _unknown_name(path, row.name, name, self.catalogue, self.sources.for_plan(plan), row.unit)
        ind = self.catalogue.indicators[ind_id]
        if ind_id in seen:
            first = seen[ind_id]
            raise InputError(path, row.name.where,
                             f"indicator '{ind.name_zh}' ({ind_id}) appears twice in the table: rows at "
                             f"lines {first.first_line} and {row.first_line}",
                             duplicate_row_advice(self.sources, plan, ind, name, first.name.text))
        seen[ind_id] = row
        return ind

    def _name_and_unit(self, path: Path, row: TableRow, has_unit_column: bool, plan: Plan,
                       readings: _Readings) -> tuple[str, str, bool, bool]:
        """The row's indicator name and unit as written: (name, unit, bracket_broken, unit_in_name). A unit in
        brackets after the name (人才资源总量（人）) is the row's unit, with a 单位 column too: when the column's
        cell is empty it is the unit (it was ignored, and 152000 人 read as 152000 万人), and when the cell gives
        another unit the run stops. A bracket that is not a unit (…（全口径）) stays part of the name."""
        if not has_unit_column:
            name, unit, broken = split_name_unit(row.name)
            return name, unit, broken, False
        cell_unit = row.unit.text.strip() if row.unit else ""
        bare, in_name, broken = split_name_unit(row.name)
        if not in_name:
            return row.name.text, cell_unit, False, False
        named = self.catalogue.unit_for_alias(in_name)
        if named is None:
            known_bare = self.catalogue.indicator_for_name(bare) is not None
            if not cell_unit and known_bare and self.catalogue.indicator_for_name(row.name.text) is None:
                return bare, in_name, broken, True      # a unit the vocabulary does not know: _unit_factor says so
            return row.name.text, cell_unit, False, False
        if not cell_unit:
            return bare, in_name, broken, True
        in_cell = self.catalogue.unit_for_alias(cell_unit)
        if in_cell is not None and in_cell.unit == named.unit or \
                readings.unit_of(self.catalogue.indicator_for_name(bare), bare) is not None:
            return bare, cell_unit, broken, False    # (the analyst's unit, when given, replaces it)
        raise InputError(path, row.unit.where, f"the name '{row.name.raw.strip()}' gives the unit {in_name}, but "
                         f"its 单位 cell says '{cell_unit}': the row's figures cannot be read in either safely",
                         f"do not edit the published plan. Find out which unit the figures are in (the plan's prose, "
                         f"the office) and say so in {display_path(self.sources.path)}, under `readings:` of the plan "
                         f"entry at line {plan.line}: - {{indicator: {_yaml_text(bare)}, unit: "
                         f"{_yaml_text(in_name)}, because: '…'}} (or unit: {_yaml_text(cell_unit)}).")

    # ------------------------------------------------------------------ units
    def _unit_factor(self, path, row, ind: Indicator, unit_text: str, statements,
                     values: list[float], plan: Plan) -> tuple[float, dict | None, tuple[str, dict, list] | None]:
        """The factor to the catalogue unit, a note for the values, and the decision to log."""
        target = self.catalogue.units[ind.unit]
        if not unit_text:
            agreeing = [s for s in statements if s.indicator_id == ind.id and s.kind == "level"
                        and s.value in values]
            evidence = [{"code": "statement", "line": s.line, "quote": s.quote, "value": s.value, "unit": s.unit}
                        for s in agreeing[:2]]
            return 1.0, note("unit_from_catalogue", unit=ind.unit), (
                "unit_from_catalogue", {"name": row.name.text, "unit": ind.unit},
                evidence or [{"code": "no_statement"}])
        unit = self.catalogue.unit_for_alias(unit_text)
        line = row.unit.where if row.unit else row.name.where
        if unit is None:
            raise InputError(path, line, f"unit '{unit_text}' of '{row.name.text}' is not in the unit vocabulary "
                             f"(`units:` of {display_path(self.catalogue.path)}){self._not_an_alias(unit_text)}",
                             "if it is another way of writing a unit listed there, the same quantity (万名 for 万人, "
                             "个 for 家), add it to that unit's `aliases`. If it measures something else, it is not an "
                             "alias: add it under `units:` as a unit of its own with a `dimension` of its own "
                             "(e.g. - {unit: 万人次, name_en: '10,000 person-times', aliases: [万人次], dimension: "
                             "person_times, factor: 10000}); a row in it is then an indicator measured in it "
                             "(`unit:` of its entry under `indicators:`).")
        if unit.unit == target.unit:
            if unit_text != target.unit:
                return 1.0, None, ("unit_alias", {"source_unit": unit_text, "unit": target.unit}, [])
            return 1.0, None, None
        if unit.dimension == target.dimension:
            factor = unit.factor / target.factor
            return factor, note("unit_conversion", source_unit=unit_text), (
                "unit_conversion", {"source_unit": unit_text, "unit": target.unit, "factor": factor}, [])
        if unit_text in ind.unit_shorthands or unit.unit in ind.unit_shorthands:
            return 1.0, note("unit_shorthand", source_unit=unit_text, unit=target.unit), (
                "unit_shorthand", {"source_unit": unit_text, "unit": target.unit}, [])
        raise InputError(path, line, f"unit '{unit_text}' of '{row.name.text}' does not fit the catalogue unit "
                                     f"{target.unit} of indicator {ind.id}",
                         "check which catalogue indicator this row is (config/catalogue.yaml). If the plan's unit "
                         "is a typo, do not edit the published plan: state the row's unit under `readings:` of the "
                         f"plan entry at line {plan.line} of {display_path(self.sources.path)}: - {{indicator: "
                         f"{_yaml_text(row.name.text)}, unit: {_yaml_text(target.unit)}, because: '…'}}, where "
                         "because says why (the plan's prose, the office's answer).")

    def _unit_from_caption(self, path: Path, plan: Plan, caption: Cell | None, ind: Indicator, name: str,
                           unit_text: str, file: str, log) -> str:
        """The row's unit as it gives it (`unit_text`), or for a row that gives none, the unit of the table's
        caption (单位：千人, in the title or a line under it) of the catalogue unit's dimension, logged with the
        caption's place: read as a unit the row gave (its figures converted, and checked against the plan's text: a
        power of ten apart stops, _check_power_of_ten). "" when the caption gives none of that dimension (单位：万人
        for a share); a unit the catalogue does not know, or two of the dimension (单位：万人、人), stop: which one
        is the row's cannot be told."""
        if unit_text or caption is None:
            return unit_text
        units = caption_units(caption)
        target = self.catalogue.units[ind.unit]
        said = quoted(caption.raw.strip())
        advice = (f"say the row's unit in {display_path(self.sources.path)}, under `readings:` of the plan entry at "
                  f"line {plan.line}: - {{indicator: {_yaml_text(name)}, unit: '…', because: '…'}}")
        unknown = next((u for u in units if self.catalogue.unit_for_alias(u) is None), None)
        if unknown is not None:
            raise InputError(path, caption.where, f"the table's caption {said} gives the unit '{unknown}', which is "
                             f"not in the unit vocabulary (`units:` of {display_path(self.catalogue.path)}), and "
                             f"'{name}' gives no unit of its own: which unit its figures are in cannot be told",
                             f"if '{unknown}' is another way of writing a unit listed there, add it to that unit's "
                             f"`aliases`; otherwise {advice}.")
        fits = {self.catalogue.unit_for_alias(u).unit: u for u in units
                if self.catalogue.unit_for_alias(u).dimension == target.dimension}
        if len(fits) > 1:
            raise InputError(path, caption.where, f"the table's caption {said} gives {' and '.join(fits.values())}, "
                             f"units of one kind, and '{name}' gives no unit of its own: which of them its figures "
                             "are in cannot be told", f"find out from the plan's text or the office, and {advice}.")
        if not fits:
            return ""
        unit = next(iter(fits.values()))
        at = caption.place or Place(line=caption.line)
        log("unit_from_caption", {"name": name, "source_unit": unit, "unit": ind.unit, "quote": caption.raw.strip(),
                                  "place": {**at.record(), "file": file}})
        return unit

    def _unit_in_prose(self, path: Path, plan: Plan, ind: Indicator, name: str, unit_text: str, cells: list[tuple],
                       statements, log) -> str:
        """The row's unit as written (`unit_text`), or for a row with none, the unit the same plan's text states one
        of its figures in (same year and kind, the same number), a unit of the catalogue's dimension other than the
        catalogue's, logged with the statements as evidence (unit_from_prose). "" when nothing says so, or when a
        statement in the catalogue's unit agrees too; two such units stop the run."""
        if unit_text:
            return unit_text
        target = self.catalogue.units[ind.unit]
        raw = {(column.year, column.role): parsed.value for column, _, parsed, reading in cells
               if parsed.value is not None and not column.for_province and reading is None and not parsed.scale}
        if any(parsed.scale for _, _, parsed, _ in cells):
            return ""          # a figure with a multiplier of its own was read in the catalogue's unit already
        found: dict[str, list] = {}
        for st in statements:
            if st.indicator_id != ind.id or st.kind != "level" or st.year is None or not st.source_unit:
                continue
            value = raw.get((st.year, "actual" if st.year <= plan.period.base_year else "target"))
            unit = self.catalogue.unit_for_alias(st.source_unit)
            if value is None or unit is None or unit.dimension != target.dimension:
                continue
            if unit.unit == target.unit:
                if _same_figure(st.value, value):
                    return ""    # the text states it in the catalogue's unit
                continue
            written = float(f"{st.value * target.factor / unit.factor:.12g}")
            if _same_figure(written, value):
                found.setdefault(unit.unit, []).append((st, written))
        if not found:
            return ""
        if len(found) > 1:
            lines = "; ".join(f"{u}: line {st.line} ({st.source_value})" for u, sts in found.items() for st, _ in sts)
            raise InputError(path, next(c.where for _, c, p, _ in cells if p.value is not None),
                             f"the table gives no unit for '{name}', and the plan's text states its figures in "
                             f"{' and '.join(found)} ({lines}): which unit the row is in cannot be told",
                             "find out which unit the table's figures are in (the plan's prose, the office) and say "
                             f"so in {display_path(self.sources.path)}, under `readings:` of the plan entry at line "
                             f"{plan.line}: - {{indicator: {_yaml_text(name)}, unit: {_yaml_text(next(iter(found)))}, "
                             "because: '…'}.")
        unit, sts = next(iter(found.items()))
        log("unit_from_prose", {"name": name, "source_unit": unit, "unit": ind.unit},
            [{"code": "statement", "line": st.line, "quote": st.quote, "value": written, "unit": unit}
             for st, written in sts[:2]])
        return unit

    def _check_power_of_ten(self, path: Path, plan: Plan, ind: Indicator, name: str, unit_text: str,
                            cells: list[tuple], row_obs: list[Observation], statements, unit_reading) -> None:
        """The plan's text and its table giving the same year's figure a power of ten apart (14.5万人 = 145 千人
        against the table's 14.5 read in 千人) is a question of the row's unit, not a different figure: the run
        stops at the cell (it was listed in consistency.csv and the table's figure judged). The analyst's unit for
        the row (`readings:`) settles it; a cell the analyst reads is not checked."""
        if unit_reading is not None:
            return
        for (column, cell, _, reading), obs in zip(cells, row_obs):
            if reading is not None or obs.value is None or obs.value == 0 or column.for_province:
                continue
            for st in statements:
                if st.indicator_id != ind.id or st.kind != "level" or st.year != obs.year or \
                        ("actual" if st.year <= plan.period.base_year else "target") != obs.kind or st.value == 0:
                    continue
                ratio = st.value / obs.value
                if ratio <= 0:
                    continue
                power = round(math.log10(ratio))
                if power == 0 or not _same_figure(ratio / 10 ** power, 1.0):
                    continue
                row_unit = self.catalogue.unit_for_alias(unit_text) if unit_text else self.catalogue.units[ind.unit]
                fits = next((u.unit for u in self.catalogue.units.values() if u.dimension == row_unit.dimension
                             and _same_figure(u.factor, row_unit.factor * 10 ** power)), None)
                read_in = f"in {unit_text}" if unit_text else f"in {ind.unit}, the catalogue's unit (the table " \
                    "gives none)"
                written = cell.raw.strip()
                unit_advice = (f"say in {display_path(self.sources.path)}, under `readings:` of the plan entry at "
                               f"line {plan.line}, which unit the table's figures are in: - {{indicator: "
                               f"{_yaml_text(name)}, unit: {_yaml_text(fits)}, because: '…'}} if the text is right, "
                               f"or unit: {_yaml_text(row_unit.unit)} if the table is (the difference is then "
                               "listed in consistency.csv)") if fits else \
                    reading_advice(self.sources, plan, name, written, f"{st.value / obs.value * float(written):g}"
                                   if _plain_number(written) else "…")
                raise InputError(path, cell.where,
                                 f"the {column.header.text} cell of '{name}' is '{written}', read {read_in} as "
                                 f"{obs.value:g} {ind.unit}, but the plan's text (line {st.line}: {st.quote}) states "
                                 f"{st.source_value} ({st.value:g} {ind.unit}): {10 ** power:g} times the table's "
                                 "figure, which is a question of the row's unit, not a different figure",
                                 "find out which is right (the plan's prose, the office); then " + unit_advice + ".")

    def _not_an_alias(self, unit_text: str) -> str:
        """'万人次' is not '万人': a unit the vocabulary does not know that starts with one it does counts something
        else (人次, person-times: visits, not persons), and adding it to that unit's aliases would mix the two."""
        key = name_key(unit_text)
        known = max((a for u in self.catalogue.units.values() for a in (u.unit, *u.aliases)
                     if key.startswith(name_key(a)) and len(name_key(a)) < len(key)), key=len, default=None)
        if known is None:
            return ""
        unit = self.catalogue.unit_for_alias(known)
        added = key[len(name_key(known)):]
        example = " (人次 counts person-times, not persons)" if "次" in added else ""
        return (f". '{unit_text}' is not '{unit.unit}': what it adds ('{added}') makes it count something "
                f"else{example}, so it must not be added to the aliases of {unit.unit}")

    # ------------------------------------------------------------------ plausibility
    def _implausible(self, ind: Indicator, unit: Unit | None, raw_values: list[tuple[float, bool]],
                     factor: float) -> dict:
        return implausible(self.catalogue, ind, unit, raw_values, factor)

    def _check_plausible(self, ind, unit_text, cells, row_obs, statements, plan: Plan, log, path: Path,
                         name: str) -> bool:
        """Fix the unit of implausible values only on evidence from the same document (returns True when it
        did); otherwise an implausible value stops the run at its cell (it was kept and flagged, and the brief
        judged 152000 万人 as if it were right), with advice that needs no edit of the published plan."""
        raw = [(parsed.value, parsed.percent_sign) for _, _, parsed, _ in cells if parsed.value is not None]
        unit = self.catalogue.unit_for_alias(unit_text) if unit_text else None
        target = self.catalogue.units[ind.unit]
        factor = (unit.factor / target.factor) if unit is not None and unit.dimension == target.dimension else 1.0
        problem = self._implausible(ind, unit, raw, factor)
        if not problem:
            return False
        if unit is not None:
            for candidate in self.catalogue.units.values():
                if candidate.dimension != unit.dimension or candidate.unit == unit.unit:
                    continue
                new_factor = candidate.factor / target.factor
                if self._implausible(ind, candidate, raw, new_factor):
                    continue
                evidence = self._evidence(ind, row_obs, new_factor / factor, statements, plan)
                if evidence:
                    for obs in row_obs:
                        if obs.value is not None:
                            obs.value = obs.value / factor * new_factor
                        obs.quality = "fixed"
                        obs.notes.append(note("unit_fixed", source_unit=unit_text, unit=candidate.unit))
                    log("unit_fixed", {"problem": problem, "source_unit": unit_text, "new_unit": candidate.unit},
                        evidence)
                    return True
        column, cell, parsed, _ = next(c for c in cells if c[2].value is not None
                                       and self._implausible(ind, unit, [(c[2].value, c[2].percent_sign)], factor))
        raise self._implausible_error(path, ind, name, unit_text, unit, factor, column, cell, parsed.value, plan)

    def _implausible_error(self, path: Path, ind: Indicator, name: str, unit_text: str, unit: Unit | None,
                           factor: float, column, cell: Cell, value: float, plan: Plan) -> InputError:
        low, high = ind.plausible
        written = cell.raw.strip()
        read_in = f"{unit_text}, the row's unit" if unit_text else f"{ind.unit}: the table gives no unit for the " \
            "row, so the catalogue's is used"
        widen = (f"If the figure really is right, widen `plausible` of {ind.id} in "
                 f"{display_path(self.catalogue.path)} (the entry at line {ind.line}).")
        where = (f"in {display_path(self.sources.path)}, under `readings:` of the plan entry at line {plan.line} "
                 "(do not edit the published plan)")
        if looks_like_a_fraction(value * factor, ind.unit) and low <= value * factor <= high:
            return InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}': "
                              f"{value:g} (in %) looks like a share written as a fraction ({value:g} is "
                              f"{value * 100:g}%)",
                              f"if the plan means {value * 100:g}%, say so {where}: - {{indicator: {_yaml_text(name)}, "
                              f"cell: {_yaml_text(written)}, reads: '{value * 100:g}', because: '…'}}. If the share "
                              f"really is below 1%, write reads: '{value:g}%' there.")
        other = ""
        target = self.catalogue.units[ind.unit]
        for candidate in self.catalogue.units.values():
            if candidate.dimension != target.dimension or (unit is not None and candidate.unit == unit.unit) \
                    or (unit is None and candidate.unit == target.unit):
                continue
            converted = value * candidate.factor / target.factor
            if low <= converted <= high:
                other = (f"If the row's figures are in {candidate.unit} ({value:g} {candidate.unit} is {converted:g} "
                         f"{ind.unit}), say so {where}: - {{indicator: {_yaml_text(name)}, unit: "
                         f"{_yaml_text(candidate.unit)}, because: '…'}}. ")
                break
        code = self._implausible(ind, unit, [(value, False)], factor).get("code") if unit is not None else None
        if code in FRACTIONAL:
            return InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}', read in "
                              f"{read_in}: {FRACTIONAL[code]} of {value:g} {unit.unit} cannot be fractional",
                              other or reading_advice(self.sources, plan, name, written, _example_reading(written)))
        return InputError(path, cell.where, f"the {column.header.text} cell of '{name}' is '{written}', read in "
                          f"{read_in}: {value * factor:g} {ind.unit} is outside the plausible range {low:g}–{high:g} "
                          f"{ind.unit} of the catalogue", other + widen)

    def _evidence(self, ind, row_obs, rescale, statements, plan: Plan) -> list[dict]:
        """Quotes from the same document that agree with the table under the rescaled unit."""
        found = []
        period = plan.period
        by_key = {(o.year, o.kind): (o.value * rescale if o.value is not None else None) for o in row_obs
                  if o.entity == plan.entity}
        for st in statements:
            if st.indicator_id != ind.id:
                continue
            if st.kind == "level":
                if st.year is None:
                    continue
                kind = "actual" if st.year <= period.base_year else "target"
                value = by_key.get((st.year, kind))
                if value is not None and abs(value - st.value) <= EVIDENCE_TOLERANCE * abs(st.value):
                    found.append({"code": "level", "line": st.line, "quote": st.quote, "year": st.year,
                                  "value": st.value, "unit": st.unit, "table_value": value,
                                  "tolerance": EVIDENCE_TOLERANCE})
            elif st.kind == "increment" and st.year == period.target_year:
                actual = by_key.get((period.base_year, "actual"))
                target = by_key.get((period.target_year, "target"))
                if actual is None or target is None:
                    continue
                change = target - actual
                if abs(change - st.value) <= EVIDENCE_TOLERANCE * abs(st.value):
                    found.append({"code": "increment", "line": st.line, "quote": st.quote, "value": st.value,
                                  "unit": st.unit, "target": target, "actual": actual, "change": change})
        return found


def _column_decisions(plan: Plan, table: ParsedTable, file: str) -> list[Decision]:
    """How each value column was read, where its header alone does not say it: a year read by the plan's
    period (2030年, 2025年（预计）), an estimate (预计), and part of a year read as its estimate (2025年1-11月)."""
    out = []
    yearless = {id(c) for c in yearless_base_columns(table)}
    for column in table.columns:
        header = column.header.raw.strip()
        if id(column) in yearless:
            # 现状值: no year in the header, the period's base year; estimates where the plan's words say so
            out.append(Decision(plan.entity, "", file, column.header.line, "period_year_column",
                                {"header": header, "year": column.year, "kind": {"code": column.role},
                                 "period": plan.period.name, "base_year": plan.period.base_year,
                                 "target_year": plan.period.target_year}))
            if column.estimated_by:
                where, sentence, word = column.estimated_by
                at = where if isinstance(where, Place) else Place(line=where)
                out.append(Decision(plan.entity, "", file, at.ordinal, "base_estimate_in_text",
                                    {"header": header, "year": column.year, "word": word, "quote": sentence[:80],
                                     "place": {**at.record(), "file": file}}))
            continue
        if not re.search(r"(完成|实际|实绩|目标)", column.header.text):
            out.append(Decision(plan.entity, "", file, column.header.line, "year_column",
                                {"header": header, "year": column.year, "kind": {"code": column.role},
                                 "period": plan.period.name, "base_year": plan.period.base_year,
                                 "target_year": plan.period.target_year}))
        if column.year_start:     # 2025年初: the end of 2024
            out.append(Decision(plan.entity, "", file, column.header.line, "year_start_column",
                                {"header": header, "start": column.year + 1, "year": column.year,
                                 "words": column.year_start}))
        if column.part_year and column.role == "actual":
            out.append(Decision(plan.entity, "", file, column.header.line, "part_year_column",
                                {"header": header, "year": column.year, "words": column.part_year}))
        elif column.estimated and column.role == "actual":
            out.append(Decision(plan.entity, "", file, column.header.line, "estimated_column",
                                {"header": header, "year": column.year}))
    return out


def _attribute_decision(plan: Plan, table: ParsedTable, observations: list[Observation], file: str) -> Decision:
    """The 属性 column, read into the dataset: how many rows it makes binding (约束性) and expected (预期性); a
    column read as the 属性 by its cells (a 类型 header: tables.settle_roles) says so."""
    header = table.header[table.roles.index("attribute")]
    rows = {o.indicator_id: o.attribute for o in observations}
    step = "attribute_by_content" if any(header is c for c in table.by_content) else "attribute_column"
    return Decision(plan.entity, "", file, header.line, step,
                    {"header": header.raw.strip(), "binding": sum(a == BINDING for a in rows.values()),
                     "expected": sum(a == "预期性" for a in rows.values()),
                     "empty": sum(a == "" for a in rows.values())},
                    place=header.place.record() if header.place else {})


def _note_plan_marks(obs: Observation, column, cell: Cell, parsed, cumulative_note: Cell | None, log,
                     period: PlanPeriod) -> None:
    """What the plan writes around a number, on its observation and in the cleaning log: a note mark, 左右,
    a cumulative figure in brackets (the sum of the years it covers: a target column's, from the plan's first
    year to the column's, 2026—2027 for a 十五五 plan's 2027年目标; a base column's, the period of the plan's length
    that ends there, 2021—2025), an estimated column; a binding (约束性) target."""
    raw = cell.raw.strip()
    if parsed.note_marks:
        obs.notes.append(note("note_mark", mark=parsed.note_marks))
        log("note_mark", {"raw": raw, "value": parsed.value, "mark": parsed.note_marks}, cell=cell)
    if parsed.approximate:   # 20左右 in a target column: an approximate target; 约15 in 2025年（预计）: an actual
        obs.notes.append(note("approximate" if obs.kind == "target" else "approximate_actual", raw=raw))
        log("approximate", {"raw": raw, "value": parsed.value}, cell=cell)
    if parsed.scale:       # 20万 in a 人 row: 200000 (the cleaning log has the reading, _in_row_unit)
        obs.notes.append(note("scale_in_cell", raw=raw))
    if parsed.status:      # 15.2（预计）: an estimate; 15.2（快报）: a preliminary count, to be revised
        obs.notes.append(note(f"{parsed.status}_in_cell", raw=raw))
        log(f"{parsed.status}_in_cell", {"raw": raw, "value": parsed.value, "kind": {"code": obs.kind}}, cell=cell)
    if parsed.stretch is not None:   # 20（力争22）: the target is 20; 22 is what the plan strives for, recorded
        obs.notes.append(note("stretch", raw=raw, stretch=parsed.stretch))
        log("stretch", {"raw": raw, "value": parsed.value, "stretch": parsed.stretch}, cell=cell)
    if parsed.cumulative:
        obs.notes.append(note("cumulative"))
        evidence = [{"code": "table_note", "line": cumulative_note.line, "quote": cumulative_note.raw.strip()}] \
            if cumulative_note else [{"code": "no_table_note"}]
        first = period.base_year + 1 if obs.kind == "target" else obs.year - (period.target_year - period.base_year) + 1
        log("cumulative", {"raw": raw, "value": parsed.value, "column": column.header.text, "first": first,
                           "year": obs.year}, evidence, cell=cell)
    if obs.estimated and column.estimated:
        obs.notes.append(note("estimated", header=column.header.raw.strip()))
    if column.preliminary and obs.kind == "actual" and not obs.estimated:
        obs.notes.append(note("preliminary_column", header=column.header.raw.strip(), word=column.preliminary))
    if column.year_start:
        obs.notes.append(note("year_start", header=column.header.raw.strip(), start=column.year + 1, year=column.year))
    if obs.attribute == BINDING and obs.kind == "target":
        obs.notes.append(note("binding"))


def _estimated_by_note(plan: Plan, table: ParsedTable, tied: dict[int, NoteTie], file: str,
                       sources: Sources) -> list[Decision]:
    """The cleaning log's line for each actual column the table's note makes estimates (and whose header does not:
    that one is logged as estimated_column): by its year, the base named or its number (estimated_by_note), as for
    part of the year (part_year_by_note), or by the analyst's reading (analyst_table_note)."""
    out = []
    for column in table.columns:
        tie = tied.get(id(column))
        if tie is None or column.role != "actual" or column.estimated:
            continue
        quote = tie.note.raw.strip()
        values = {"header": column.header.raw.strip(), "year": column.year, "quote": quote}
        if tie.code == "part_year_by_note":
            values["words"] = tie.words
        if tie.reading is not None:
            values.update(because=tie.reading.because, config=_config_place(sources, tie.reading.line))
        out.append(Decision(plan.entity, "", file, column.header.line, tie.code, values,
                            [_note_evidence(tie.note, file)]))
    return out


def _year_by_note(plan: Plan, table: ParsedTable, years: dict[int, YearTie], file: str,
                  sources: Sources) -> list[Decision]:
    """The cleaning log's line for each actual column whose figures the analyst reads as a year's, for the table's
    note that says they are another year's (2020年数据为2019年数): read as that year's (analyst_table_note_year), or as
    the column's own (analyst_table_note_own_year), the note quoted."""
    out = []
    # (a reading naming rows moves a copy of the column in those rows alone: move_years)
    in_rows = {id(c): c for row in table.rows for c, _ in row.values}
    for column in [*table.columns, *(c for key, c in in_rows.items() if all(key != id(t) for t in table.columns))]:
        tie = years.get(id(column))
        if tie is None:
            continue
        quote = tie.note.raw.strip()
        moved = tie.reading.year != tie.written
        code = "analyst_table_note_year" if moved else "analyst_table_note_own_year"
        values = {"header": column.header.raw.strip(), "written": tie.written, "year": tie.reading.year,
                  "quote": quote, "because": tie.reading.because, "config": _config_place(sources, tie.reading.line)}
        if tie.reading.rows:
            code, values = "analyst_table_note_year_rows", {**values, "names": "、".join(tie.reading.rows)}
        out.append(Decision(plan.entity, "", file, column.header.line, code, values,
                            [{"code": "table_note", "line": tie.note.line, "quote": quote}]))
    return out


def _note_year_by_note(obs: Observation, column, years: dict[int, YearTie]) -> None:
    """An actual's figure whose column the analyst reads as a year's for the table's note (_year_by_note): noted so,
    with the note and why, wherever the figure is shown."""
    tie = years.get(id(column))
    if tie is not None and obs.kind == "actual":
        code = "analyst_table_note_year" if tie.reading.year != tie.written else "analyst_table_note_own_year"
        obs.notes.append(note(code, header=column.header.raw.strip(), written=tie.written, year=tie.reading.year,
                              quote=tie.note.raw.strip(), sentence=tie.reading.note, because=tie.reading.because))


def _note_evidence(note_cell: Cell, file: str) -> dict:
    """A table's note as a decision's evidence: its line (a 注 line, row or paragraph), or the footnote, endnote or
    comment with the cell it is anchored in."""
    if note_cell.apart:
        return {"code": "note_apart", "apart": {"code": note_cell.apart}, "quote": note_cell.raw.strip(),
                "place": {**note_cell.place.record(), "file": file}}
    return {"code": "table_note", "line": note_cell.line, "quote": note_cell.raw.strip()}


def _marks_of_notes_apart(column, table: ParsedTable) -> bool:
    """Every note mark of the column's header is the reference mark of a note anchored there (a footnote's custom
    mark ① in a .docx, a PDF's ¹ whose note is at the page's foot, a web page's <sup>1</sup> whose note is under the
    table): what the column holds is read from that note (table_notes: its words, else its anchor), not stopped as
    an undefined mark."""
    marks = "".join(n.mark for n in table.notes if n.apart and n.mark and n.place == column.header.place)
    return bool(marks) and all(ch in marks for ch in column.mark)


def _notes_apart(plan: Plan, table: ParsedTable, file: str) -> list[Decision]:
    """The cleaning log's line for each footnote, endnote and comment anchored in the table (a .docx's), read as the
    table's note: what it says of the figures is logged besides (estimated_by_note …), and one that says nothing of
    them is not dropped without a word."""
    return [Decision(plan.entity, "", file, n.line, "note_apart", {"apart": {"code": n.apart}, "quote": n.raw.strip()},
                     place=n.place.record()) for n in table.notes if n.apart]


def _note_anchored(obs: Observation, cell: Cell, anchored: dict, log, file: str) -> None:
    """An actual's figure a footnote, endnote or comment anchored on it makes an estimate (此为预计数 on 15.2: no
    year, its anchor ties it), noted and logged with the note quoted."""
    tie = anchored.get(cell.place) if cell.place is not None else None
    if tie is None or obs.kind != "actual":
        return
    values = {"apart": {"code": tie.note.apart}, "quote": tie.note.raw.strip()}
    obs.notes.append(note("estimated_by_note_apart", **values))
    log("estimated_by_note_apart", {"raw": cell.raw.strip(), **values}, [_note_evidence(tie.note, file)], cell=cell)


def _config_place(sources: Sources, line: int | None) -> str:
    return f"{display_path(sources.path)}, line {line}"


def _header_mark_decisions(plan: Plan, table: ParsedTable, header_marks: dict[int, tuple[str, Cell]],
                           file: str) -> list[Decision]:
    """The cleaning log's line for each column of actuals whose header's mark the table's note defines as an
    estimate's (2025年* under 注：带*的为预计数: TableCleaner._header_marks), the note quoted."""
    out = []
    for column in table.columns:
        if id(column) in header_marks:
            mark, cell = header_marks[id(column)]
            out.append(Decision(plan.entity, "", file, column.header.line, "estimate_mark_header",
                                {"header": column.header.raw.strip(), "year": column.year, "mark": mark,
                                 "quote": cell.raw.strip()},
                                [{"code": "table_note", "line": cell.line, "quote": cell.raw.strip()}],
                                place=column.header.place.record() if column.header.place else {}))
    return out


def _note_header_mark(obs: Observation, column, header_marks: dict[int, tuple[str, Cell]]) -> None:
    """An actual's figure whose column's header mark makes it an estimate (_header_mark_decisions), noted so."""
    if id(column) in header_marks and obs.estimated:
        mark, cell = header_marks[id(column)]
        obs.notes.append(note("estimate_mark_header", header=column.header.raw.strip(), mark=mark,
                              quote=cell.raw.strip()))


def _marked(parsed, estimate_marks: dict[str, Cell]) -> str | None:
    """The cell's note mark that the table's note defines as an estimate's, else None."""
    return next((ch for ch in parsed.note_marks if ch in estimate_marks), None)


def _note_estimate_notes(obs: Observation, column, cell: Cell, parsed, estimate_marks: dict[str, Cell],
                         by_note: dict[int, NoteTie], log) -> None:
    """An actual's figure the table's note makes an estimate: its year's (注：2025年为预计数; the column is logged,
    _estimated_by_note), or its note mark's (15.2* under 注：带*的为预计数: logged with the note quoted)."""
    tie = by_note.get(id(column))
    if obs.estimated and tie is not None and not column.estimated:
        said = {"part_year_by_note": {"words": tie.words}, "estimated_by_note": {},
                "analyst_table_note": {"because": tie.reading.because if tie.reading else ""}}[tie.code]
        obs.notes.append(note(tie.code, year=column.year, quote=tie.note.raw.strip(), **said))
    mark = _marked(parsed, estimate_marks)
    if mark is None or obs.kind != "actual":
        return
    quote = estimate_marks[mark].raw.strip()
    obs.notes.append(note("estimate_mark", raw=cell.raw.strip(), mark=mark, quote=quote))
    log("estimate_mark", {"raw": cell.raw.strip(), "value": parsed.value, "mark": mark, "quote": quote,
                          "kind": {"code": obs.kind}},
        [{"code": "table_note", "line": estimate_marks[mark].line, "quote": quote}], cell=cell)


def _row_names(table: ParsedTable, catalogue: Catalogue) -> dict[str, str]:
    """The table's rows the catalogue knows, each indicator's id with the row's name as written (for a note naming
    rows: table_notes)."""
    out = {}
    for row in table.rows:
        ind_id = catalogue.indicator_for_name(row.name.text) or catalogue.indicator_for_name(
            split_name_unit(row.name)[0])
        if ind_id is not None:
            out.setdefault(ind_id, row.name.raw.strip())
    return out


def _note_row_by_note(obs: Observation, column, cell: Cell, by_row: dict[tuple[int, str], NoteTie], log) -> None:
    """An actual's figure the table's note makes an estimate by naming its row (注：人才资源总量2025年为预计数; the
    other rows stay firm): noted on the figure and logged at its cell, the note quoted."""
    tie = by_row.get((id(column), obs.indicator_id))
    if tie is None or not obs.estimated or column.estimated:
        return
    code = {"estimated_by_note": "estimated_row_by_note", "part_year_by_note": "part_year_row_by_note",
            "analyst_table_note": "analyst_table_note_row"}[tie.code]
    quote = tie.note.raw.strip()
    said = {"words": tie.words} if code == "part_year_row_by_note" else \
        {"because": tie.reading.because} if code == "analyst_table_note_row" else {}
    obs.notes.append(note(code, name=tie.name, year=column.year, quote=quote, **said))
    log(code, {"header": column.header.raw.strip(), "name": tie.name, "year": column.year, "quote": quote, **said},
        [{"code": "table_note", "line": tie.note.line, "quote": quote}], cell=cell)


def _note_readings(obs: Observation, readings: _Readings, reading: Reading | None, unit_reading: Reading | None,
                   unit_in_name: bool) -> None:
    """How the analyst's readings (config/sources.yaml) and a unit in the name's brackets made the figure."""
    if reading is not None:
        obs.notes.append(note("analyst_reading", raw=obs.source_value, reads=reading.reads,
                              because=reading.because, config=readings.where(reading)))
    if unit_reading is not None:
        obs.notes.append(note("analyst_unit", unit=unit_reading.unit, because=unit_reading.because,
                              config=readings.where(unit_reading)))
    if unit_in_name:
        obs.notes.append(note("unit_from_name", source_unit=obs.source_unit))


def _note_cell(obs: Observation, column, cell: Cell, parsed, unit_note, log) -> None:
    """What was done to read one cell, on its observation and in the cleaning log: a unit read differently, a
    missing value ('/', '—', 无), a % sign in the cell, a comparator (> 10)."""
    if unit_note:
        obs.notes.append(unit_note)
    if parsed.missing:
        obs.notes.append(note("missing", raw=cell.raw.strip()))
        log("missing", {"column": column.header.text, "raw": cell.raw.strip()}, cell=cell)
    if parsed.percent_sign:
        obs.notes.append(note("percent_in_cell"))
        log("percent_in_cell", {"raw": cell.raw.strip(), "value": parsed.value}, cell=cell)
    if parsed.comparator != "=":
        obs.notes.append(note("comparator", comparator=parsed.comparator))
        log("comparator", {"raw": cell.raw.strip(), "value": parsed.value,
                           "comparator": parsed.comparator}, cell=cell)


def implausible(catalogue: Catalogue, ind: Indicator, unit: Unit | None, raw_values: list[tuple[float, bool]],
                factor: float) -> dict:
    """What is implausible about the values (each with whether its cell had a % sign; in `unit`, × `factor` to the
    catalogue's unit), as a wording code and its values, or {} when nothing is. The one check of a figure against
    the catalogue: the table's cells here, the prose's figures (helpers.extract.dataset) with unit None and factor 1
    (already in the catalogue's unit)."""
    low, high = ind.plausible
    for v, percent_sign in raw_values:
        if catalogue.counts_whole(ind, unit) and v != int(v):
            # (a head count of persons; a count of other whole things, 件 or 家, said in words of its own)
            code = "fractional" if unit.dimension == "persons" else "fractional_count"
            return {"code": code, "value": v, "unit": unit.unit}
        clean = v * factor
        if not low <= clean <= high:
            return {"code": "out_of_range", "value": clean, "unit": ind.unit, "low": low, "high": high}
        if looks_like_a_fraction(clean, ind.unit) and not percent_sign:
            return {"code": "fraction_for_percent", "value": clean}
    return {}
