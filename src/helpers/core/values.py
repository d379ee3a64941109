"""Reading one value cell, of a plan table or a monitoring workbook: a number, a comparator, or 'not given'.

One parser for both. Besides the number it reads what real plans write around it:

    10.3¹  10.3①  12.9※  35%*  10.3注1    a note mark glued to the number: the mark is recorded, never a digit
    14左右  约14                            an approximate figure: 14, recorded as approximate
    〔3〕  [3]  ［3］  【3】                  a five-year cumulative figure (〔〕内为五年累计数), never a level
    /  —  ——  －  --  无  暂无              no value given: left empty, never 0
    1,234.5  −5                           a thousands separator (groups of three digits), a minus sign

and, in a plan's table or a monitoring workbook's value cell alike (an actual known only as a bound, 人才流失率 <5.5):

    突破20  不低于20  不少于20  ≧20          more than 20 (>, as 超过) / at least 20 (>=, as 以上; ≧ is ≥)
    ≤20  ≦20  <20  不超过20  不高于20         an upper bound: at most 20 (<=) / less than 20 (<); 20以内, 20以下 too
    低于20  少于20  小于20                   are less than 20 (<), as 超过 is more than (the plan's comparison, which
                                          the evaluation then uses, so the indicator must be one where less is better)

and in a plan's table only (in_plan=True; a workbook is the analysts' own and holds one figure a cell):

    20上下  近20                            about 20, like 20左右 (近: nearly; recorded as approximate, as written)
    控制在20以内                             kept within 20: at most 20, as 20以内
    20万  0.002亿  20万人                    a figure with its own multiplier (and unit): `scale`, which the caller
                                          reads in the row's unit (20万 in a 人 row is 200000 人), or refuses
    15.2（预计）  15.2（快报）  15.2（2025年预计）  an estimate (预计) or a preliminary count (快报数, revised later),
                                          in brackets after the figure: `status`, with the year when written
    20（力争22）  20，力争22                 the target 20; the stretch figure 22 (力争: strive for) recorded
    20（2029年）                            20, given for 2029: the caller checks the year against its column's

A mark inside the number (10.¹3), or a character that Unicode would silently turn into a digit anywhere but
at the end (⑩ in the middle), is refused: it cannot be read without guessing. So is a fraction character
anywhere (12½): it is part of the value, never a note mark.
"""
from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from dataclasses import dataclass

from helpers.core.text import normalise

# After normalisation: optional comparator, a number, optional % sign, optional 以上 (or more). Digits are 0-9
# (full-width ones are by then): Python's \d also takes other scripts' digits, and the Arabic-Indic zero ٠, which
# looks like a dot, made 20٠ read 200.
# No pattern here lets two runs of spaces meet (\s*(%)?\s*), nor a lazy .+? stop before each space of a run
# (.+?\s*左右): either tries a run of n spaces in some n² ways, and a cell of 16,000 spaces took 23 s. Spaces that
# could stand beside a part are stripped from it after the match instead.
VALUE = re.compile(
    r"^(?P<cmp>>=|≥|>|大于|超过)?\s*(?P<num>[+-]?[0-9]+(?:\.[0-9]+)?)(?:\s*(?P<pct>%))?(?:\s*(?P<suffix>以上|及以上))?$"
)
COMPARATORS = {"": "=", ">": ">", "大于": ">", "超过": ">", ">=": ">=", "≥": ">="}
# 约14 or 14左右 (14 左右): about 14 (the figure's spaces stripped after).
APPROXIMATE = re.compile(r"^(?:约(?P<before>.+)|(?P<after>.+)左右)$")
# A plan table's further words for the same: 20上下 and 近20 (nearly 20) are about 20; 突破20 (breaks through 20) is
# more than 20, as 超过 is (the prose reader reads 突破 so too); 不低于 / 不少于 20 (not less than) is at least 20.
PLAN_APPROXIMATE = re.compile(r"^(?:[约近](?P<before>.+)|(?P<after>.+)(?:左右|上下))$")
PLAN_COMPARATORS = {"突破": ">", "不低于": ">=", "不少于": ">=", "≧": ">=",
                    # an upper bound: the evaluation then asks for the value at or below it
                    "≤": "<=", "≦": "<=", "<=": "<=", "不超过": "<=", "不高于": "<=", "不大于": "<=",
                    "<": "<", "低于": "<", "小于": "<", "少于": "<"}
# (the longest first: <= before <)
PLAN_COMPARATOR = re.compile(r"^(?P<cmp>" + "|".join(sorted(map(re.escape, PLAN_COMPARATORS), key=len, reverse=True))
                             + r")\s*(?P<rest>[0-9].*)$")
# 20以内, 20以下 (within, below): at most 20, as 20以上 is at least 20 (Chinese counts the figure itself in both).
PLAN_UPPER_SUFFIX = re.compile(r"(?:以内|以下)$")
# 控制在20以内 (kept within 20): the same upper bound, in the words plans use for a rate to be held down. 控制在 only
# with 以内 or 以下 after the figure: 控制在20 alone (kept at 20?) says no bound and is refused.
PLAN_KEPT_WITHIN = re.compile(r"^控制在\s*(?P<rest>[0-9].*)$")
# 20万, 0.002亿, 20万人: a figure with a multiplier of its own (and perhaps a unit after it), right after its digits.
# Which figure that is in the row's unit is the caller's to say (SCALES gives the multiplier).
SCALE = re.compile(r"(?<=[0-9])(?P<scale>(?:百万|千万|[千万亿])(?:[人名元家个件项])?)")
SCALES = {"千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8}
# Words that say a figure is an estimate, not a count, and figures set for the time being (暂定, 暂估): the one home of
# the estimate words. A plan's table header (2025年（预计）, 预计2025年, 2025年（预估）: core.config's default header
# patterns, and any header a `header_roles` pattern matches: extract.tables) and a workbook's names and headers
# (extract.name_meaning) are read by them; estimates written with a letter or a sign, not a word (2025E, 2025年E,
# (估)), are extract.name_meaning.ESTIMATED's. Preliminary counts are not estimates: a whole year's 快报, 初步统计,
# 初步数 and figures not yet approved (未审定) are the year's counted values, read as its actuals until the final
# figures replace them (docs/monitoring.md).
ESTIMATES = ("预计", "预测", "预估", "估计", "估算", "推估", "初估", "估测", "测算", "预期", "展望", "匡算", "推算",
             "暂定", "暂估", "拟合",
             "forecast", "estimate", "estimated", "projection", "projected", "expected", "outlook")
# 15.2（预计）, 15.2（快报）, 15.2（2025年预计数）: what the figure is, in brackets at the end of the cell: an estimate
# (预计, 预估: the year was not yet counted) or a preliminary count (快报, 初步统计: counted, revised later), with the
# year it is for when written. One run of spaces at each place (never two that meet): linear on any input.
STATUS_IN_BRACKETS = re.compile(
    r"\(\s*(?:(?P<year>(?:19|20)[0-9]{2})\s*(?:年\s*)?)?(?P<status>预计|预估|快报|初步统计)[数值]?\s*\)$")
STATUSES = {"预计": "estimate", "预估": "estimate", "快报": "preliminary", "初步统计": "preliminary"}
# 20（力争22）, 20，力争22 (after normalisation the brackets and comma are ASCII): the target and the stretch figure
# (the figures' spaces stripped after; normalisation has made every space, a line break too, a plain one).
STRETCH = re.compile(r"^(?P<main>.+?)(?:\(\s*力争(?P<inner>[^()]+)\)|[,;]\s*力争(?P<after>.+))$")
# 20（2029年）: a figure and the year it is for, in brackets (the figure's spaces stripped after).
YEAR_IN_BRACKETS = re.compile(r"^(?P<main>.+)\(\s*(?P<year>(?:19|20)[0-9]{2})\s*(?:年\s*)?\)$")
# 〔3〕 [3] ［3］ 【3】 (after normalisation ［］ are [ ]): a cumulative figure over the plan period (its spaces
# stripped after).
CUMULATIVE = re.compile(r"^[〔\[【](?P<inner>[^〔〕\[\]【】]+)[〕\]】]$")
# Note marks that are not digits and never become one: written after the value.
SYMBOL_MARKS = "※*＊†‡#＃"
# 注1, 注①, (注1), （注1）, 注: a note reference written out, at the end of the cell (from the cell's last 注).
WRITTEN_NOTE = re.compile(r"注\s*[0-9０-９①-⑳]*[)）]?")
# What the plans write for "not given" (after normalisation: ／ is /, － is -): a slash, a dash of any length
# (— ―, an en dash, hyphens), 无 or 暂无. Never read as 0.
MISSING = re.compile(r"^(?:/|[-—―–−]+|暂?无)$")
# 1,234 or 1,234.5: a thousands separator, only between groups of exactly three digits (1,23 stays not a number).
THOUSANDS = re.compile(r"(?<![0-9,.])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9,])")
# Full-width digits and point (７．０) as ASCII, and nothing else of the text (a note mark ¹ stays a mark).
FULL_WIDTH_FIGURE = str.maketrans("０１２３４５６７８９．", "0123456789.")
# 7.000, 〔6.500〕, 1.234.567: a dot before a group of exactly three digits, after one to three digits that do not
# start with 0: a thousands separator as European figures write it (7.000 is seven thousand there), or a decimal
# point. Here the dot is a decimal point, and 12.500% is read as 12.5; but where a figure must be a whole count (a
# unit with `whole: true` in the catalogue: 人, 件, 家) the two readings are a thousand times apart, and 7.000 人 was
# read as 7 without a word: the readers stop instead (dot_groups). More than one such dot (1.234.567) is no decimal
# at all, in any unit. 7.000万 is a decimal of 万 (70000) and 12345.000 no European figure: neither is matched so.
DOT_GROUPS = re.compile(r"(?<![0-9.])[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?![0-9.])")
# No figure of a talent plan comes near this (a province's head count is some 10^7): anything larger is a
# mistake, and 1e308 would become infinity in the arithmetic after it.
LARGEST_VALUE = 1e12
# No value cell comes near this many characters: a figure with its comparator, % sign, 左右, stretch figure and note
# marks is a few dozen. Longer text (a paragraph pasted into the cell, a cell padded with thousands of spaces: a
# .docx cell has no limit, a workbook's holds 32,767) is refused by its length before it is read.
LONGEST_VALUE_CELL = 1_000


@dataclass(frozen=True)
class CellValue:
    value: float | None       # None when the plan gives no value
    comparator: str           # "=", ">", ">=", "<" or "<="
    percent_sign: bool        # the cell itself carried a % sign
    missing: bool
    approximate: bool = False     # 14左右, 约14: about the value
    cumulative: bool = False      # 〔3〕: the sum over the plan's years, not a level
    note_marks: str = ""          # note marks written after the value (¹, ①, ※ …), as written
    stretch: float | None = None  # a plan's 20（力争22）: the stretch figure 22 (力争: strive for) beside the target
    year: int | None = None       # a plan's 20（2029年）: the year the figure is for, as the cell says
    scale: str = ""               # a plan's 20万, 0.002亿, 20万人: the multiplier (and unit) written after the number,
    #                               which the caller reads in the row's unit; value is the number as written (20)
    status: str = ""              # a plan's 15.2（预计）: "estimate"; 15.2（快报）: "preliminary" (STATUSES)


class NotANumber(ValueError):
    pass


class NoteMarkInsideNumber(NotANumber):
    """A note mark (or a character Unicode turns into a digit) inside the number: it cannot be read safely."""


class TooLongForAFigure(NotANumber):
    """A cell of more than LONGEST_VALUE_CELL characters (its outer spaces aside): no figure is written so."""

    def __init__(self, characters: int):
        super().__init__(f"{characters:,} characters")
        self.characters = characters


def too_long_for_a_figure(characters: int) -> str:
    """What a caller says of a TooLongForAFigure cell (not quoting it: it may be tens of thousands of characters)."""
    return (f"it holds {characters:,} characters of text, far more than any figure (12.5, ≥15, 35%, 约14: the limit "
            f"is {LONGEST_VALUE_CELL:,})")


def check_figure_length(raw: str) -> None:
    """Raises TooLongForAFigure for a cell longer than any figure (LONGEST_VALUE_CELL, its outer spaces aside)."""
    characters = len(raw.strip())
    if characters > LONGEST_VALUE_CELL:
        raise TooLongForAFigure(characters)


class ImplausibleMagnitude(NotANumber):
    """A number no plan or workbook can mean: infinite, not a number, or beyond LARGEST_VALUE."""


def check_magnitude(value: float) -> float:
    """The value, if a county could report it; a negative zero (-0, −0) as 0, which a report would print as -0."""
    if not math.isfinite(value) or abs(value) > LARGEST_VALUE:
        raise ImplausibleMagnitude(f"{value:g}")
    return value + 0.0


def is_note_mark(ch: str) -> bool:
    """A character that marks a note: superscript, circled or otherwise decorated digits (Unicode 'other
    number', which NFKC would turn into plain digits: ¹ → 1, ① → 1), and ※ * † ‡ #. A fraction (½ ¼ ⅓, also
    'other number') is part of the value, never a mark: 12½ is twelve and a half, and is refused (write 12.5)
    rather than read as 12."""
    return ch in SYMBOL_MARKS or (unicodedata.category(ch) == "No" and not is_fraction(ch))


def is_fraction(ch: str) -> bool:
    """½ ¼ ⅓ ⅞ …: a vulgar fraction, which NFKC writes with the fraction slash (½ → 1⁄2)."""
    return "\u2044" in unicodedata.normalize("NFKC", ch)


SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def as_superscript(text: str) -> str:
    """Text a document sets as superscript (Word's 上标, a web page's <sup>, a PDF's raised smaller digit), written
    with superscript digits: a note mark the value parser then reads as a mark (10.3 and a superscript 1 is 10.3¹,
    never 10.31). A reader calls this for superscript runs; the digits are the only characters that change."""
    return text.translate(SUPERSCRIPT_DIGITS)


def as_subscript(text: str) -> str:
    """Text set as subscript (Word's 下标, <sub>, a PDF's lowered smaller digit), with subscript digits: like a
    superscript, a mark and never a digit of the number (15.2 and a subscript 2 is 15.2₂, never 15.22)."""
    return text.translate(SUBSCRIPT_DIGITS)


def split_note_marks(raw: str) -> tuple[str, str]:
    """The cell without the note marks written at its end, and those marks as written.

    Raises NoteMarkInsideNumber when a mark (or a superscript or circled digit) is left anywhere else."""
    text = raw.strip()
    marks = ""
    while text:
        written = _written_note_start(text)
        if written:
            marks = text[written:] + marks
            text = text[:written].rstrip()
        elif is_note_mark(text[-1]):
            marks = text[-1] + marks
            text = text[:-1].rstrip()
        else:
            break
    if any(is_note_mark(ch) for ch in text):
        raise NoteMarkInsideNumber(raw.strip())
    return text, marks


def _written_note_start(text: str) -> int:
    """Where the note reference written out at the end of the text (注1, （注1）) starts; 0 when there is none, or it
    is the whole text. Only the last 注 can start one (what follows its 注 holds no other): a pattern searched
    from each character went over the text once for each."""
    at = text.rfind("注")
    if at < 0 or not WRITTEN_NOTE.fullmatch(text, at):
        return 0
    return at - 1 if at > 0 and text[at - 1] in "(（" else at


def parse_value_cell(raw: str, in_plan: bool = False) -> CellValue:
    """One cell's value. in_plan: a plan table's cell, which may also say 20上下, 近20, 突破20, ≤20, 20以内, 20万,
    20（力争22）, 20（2029年） or 15.2（预计） (module docstring); a workbook's cell may not. A cell longer than
    LONGEST_VALUE_CELL is refused by its length (TooLongForAFigure)."""
    check_figure_length(raw)
    body, marks = split_note_marks(raw)
    text = normalise(body)
    if MISSING.match(text):
        return CellValue(None, "=", False, True, note_marks=marks)
    text = _plain_number(text)
    if not in_plan:
        return dataclasses.replace(_parse_plain(text, raw, in_plan), note_marks=marks)
    status = STATUS_IN_BRACKETS.search(text)
    if status:
        text = text[:status.start()].rstrip()
    parsed = _parse_plan_figure(text, raw)
    if status:
        if status["year"] and parsed.year is not None:
            raise NotANumber(raw.strip())     # 15.2（2024年）（2025年预计）: two years for one figure
        parsed = dataclasses.replace(parsed, status=STATUSES[status["status"]],
                                     year=int(status["year"]) if status["year"] else parsed.year)
    return dataclasses.replace(parsed, note_marks=marks)


def _parse_plan_figure(text: str, raw: str) -> CellValue:
    """A plan cell's figure, with the year it is for (20（2029年）) or its stretch figure (20（力争22）) when given."""
    for pattern, field in ((YEAR_IN_BRACKETS, "year"), (STRETCH, "stretch")):
        found = pattern.match(text)
        if found:
            main = _parse_plain(found["main"], raw, in_plan=True)   # (_parse_plain strips its spaces)
            if field == "year":
                return dataclasses.replace(main, year=int(found["year"]))
            extra = _parse_plain(found["inner"] or found["after"], raw, in_plan=True)
            if extra.value is None or extra.cumulative or main.value is None or extra.scale != main.scale:
                raise NotANumber(raw.strip())     # (20万（力争22）: is 22 in 万 too? a guess)
            return dataclasses.replace(main, stretch=extra.value)
    return _parse_plain(text, raw, in_plan=True)


def _parse_plain(text: str, raw: str, in_plan: bool) -> CellValue:
    """A number with what may stand around it: a comparator or 以上, a % sign, 约/左右 (about), 〔〕 (cumulative);
    in a plan's cell also 突破/不超过 … (PLAN_COMPARATOR), 以内/以下 and a multiplier (20万)."""
    text = text.strip()
    if MISSING.match(text):
        return CellValue(None, "=", False, True)
    cumulative = CUMULATIVE.match(text)
    if cumulative:
        text = cumulative["inner"].strip()
    approximate = (PLAN_APPROXIMATE if in_plan else APPROXIMATE).match(text)
    if approximate:
        text = (approximate["before"] or approximate["after"]).strip()
    kept_within = PLAN_KEPT_WITHIN.match(text) if in_plan else None
    if kept_within:
        text = kept_within["rest"]
    worded = PLAN_COMPARATOR.match(text)      # (a workbook's bound too: <5.5, ≤5.5, 不高于5.5)
    if worded:
        text = worded["rest"]
    upper = PLAN_UPPER_SUFFIX.search(text)
    if upper:
        text = text[:upper.start()].rstrip()
    if kept_within and not upper:
        raise NotANumber(raw.strip())    # 控制在20: kept at 20, or within it? The plan's text says, not a guess
    scale = SCALE.search(text) if in_plan else None
    if scale:
        text = text[:scale.start()] + text[scale.end():]
    m = VALUE.match(text)
    said = [bool(approximate), bool(worded), bool(upper), bool(m and (m["cmp"] or m["suffix"]))]
    if not m or sum(said) > 1 or (scale and (m["pct"] or SCALE.search(text))):
        raise NotANumber(raw.strip())    # '约>14', '突破20以上', '≤20以内' say two things at once; '20万%', '2万3万'
    comparator = PLAN_COMPARATORS[worded["cmp"]] if worded else COMPARATORS[m["cmp"] or ""]
    if m["suffix"]:
        comparator = ">="
    if upper:
        comparator = "<="
    return CellValue(check_magnitude(float(m["num"])), comparator, bool(m["pct"]), False,
                     approximate=bool(approximate), cumulative=bool(cumulative),
                     scale=scale["scale"] if scale else "")


def comparator_alone(raw) -> str | None:
    """A comparator written alone, as a workbook's 比较符 cell holds it: empty or = (the figure itself), > >= < <=,
    ≥ ≤ (and ＞ ＜, ≧ ≦) or a word a value cell may carry (超过, 不低于, 低于, 不高于 …, the words above: one home);
    None for anything else."""
    text = "" if raw is None else normalise(str(raw)).strip()
    if text == "=":
        return "="
    return COMPARATORS.get(text) or PLAN_COMPARATORS.get(text)


def _plain_number(text: str) -> str:
    """A minus sign (−) as the hyphen-minus, and 1,234.5 without its thousands separators; anything else as it is."""
    text = text.replace("\u2212", "-")
    return THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)


@dataclass(frozen=True)
class DotGroups:
    """A figure written with a dot before a group of three digits (DOT_GROUPS), as written and in both readings."""
    written: str          # 7.000, as the cell writes it
    thousands: str        # 7000: the dots as thousands separators (European figures)
    dots: int             # how many dots: more than one is never a decimal

    @property
    def decimal(self) -> float | None:
        """The figure with its dot as a decimal point (7.0), or None when it has more than one dot."""
        return float(self.written) if self.dots == 1 else None


def dot_groups(raw: str) -> DotGroups | None:
    """The figure of a value cell written with a dot before a group of three digits (7.000, 1.234.567), or None. A
    number followed by a multiplier of its own (7.000万: 70000) is not one: the dot is a decimal point of 万.
    Note marks after the figure are left aside (7.000¹); a cell the value parser refuses anyway gives None."""
    try:
        body, _ = split_note_marks(raw)
    except NotANumber:
        return None
    text = normalise(body)
    found = DOT_GROUPS.search(text)
    if found is None or SCALE.match(text, found.end()):
        return None
    written = found.group()
    return DotGroups(written, written.replace(".", ""), written.count("."))


def with_thousands_joined(raw: str, groups: DotGroups) -> str:
    """The cell as written with the figure's dots taken out (〔7.000〕 → 〔7000〕): the reading to state for it."""
    text = raw.strip().translate(FULL_WIDTH_FIGURE)      # (not normalised: that writes a mark ¹ as a digit)
    return text.replace(groups.written, groups.thousands, 1)


def looks_like_a_fraction(value: float, unit: str) -> bool:
    """0.35 for a percentage: 35% written as a fraction (a real share below 1% is rare enough to ask about)."""
    return unit == "%" and 0 < value < 1
