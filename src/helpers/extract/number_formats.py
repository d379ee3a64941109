"""What Excel shows for a cell, by its number format: whether the figure read from the cell is the figure the sheet
shows. A monitoring workbook's value is read as stored, and a number format can make the sheet show something else:
nothing (`;;;`), text instead of the number (`"待核实"`), other digits beside it (`"1"0.0` shows 12.9 as 112.9),
another number (`0.0,` divides by 1,000), or a percentage in one section only (`0.0;-0.0%`).

No library on PyPI is kept up that reads Excel's number formats (the Python port of SheetJS's formatter, `ssf`,
was last released in 2020 and does not start with today's babel), so this is a small reader of the format's
grammar: one pass over the format, no regular expressions, so that a format of any length (styles.xml sets no
limit) takes time in proportion to it. It decides which section Excel uses for the value and what that section
shows; it renders the number only to say what the sheet shows.

The grammar (Excel's "Review guidelines for customizing a number format", checked against LibreOffice Calc's
printout of each case in tests/extract/test_number_formats.py): up to four sections separated by `;`, for positive
numbers, negative numbers, zero and text; `[>100]`-style conditions pick a section instead of the sign; in a section,
`"…"` and `\\x`, `!x` are text shown as written, `_x` leaves the width of x (nothing shown), `*x` fills the cell
with x, `[Red]`, `[DBNum1]`, `[$-804]` change colour, numerals or language (`[$¥-804]` shows ¥), `0 # ?` are digit
places (General shows the number as it is), `.` the decimal point, `,` between digit places a thousands separator
and after the last one a division by 1,000, `%` multiplies by 100, `E+` makes a power of ten and `@` is the text.
Any other character is shown as written.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

DIGIT_PLACES = "0#?"
MINUS_SIGNS = "-−－"
DASHES = "-−－—–"
CONDITION_OPERATORS = ("<=", ">=", "<>", "<", ">", "=")
MAX_SECTIONS = 4    # positive; negative; zero; text (Excel refuses a fifth)


@dataclass
class Section:
    """One section of a number format, as Excel reads it."""
    written: str
    condition: tuple[str, float] | None = None
    tokens: list[tuple[str, str]] = field(default_factory=list)   # (kind, text): literal, digit, point, comma …
    digit_places: int = 0
    general: bool = False          # General: the number as it is
    text_place: bool = False       # @: the cell's text
    percent: int = 0               # % signs: each multiplies by 100
    scaling_commas: int = 0        # commas after the last digit place: each divides by 1,000
    thousands: bool = False        # a comma between digit places
    literal_point: bool = False    # a decimal point written as text between digit places (0"."0000)
    minus_first: bool = False      # a minus sign written as text before the number ("-"0.0)
    exponent: bool = False
    fraction: bool = False
    colour: str | None = None      # [Red], [White], [Color2]: the colour the section shows its text in (lowered,
                                   # spaces out: "white", "color2"; workbook_colours works it out)

    @functools.cached_property
    def literal(self) -> str:
        """The text the section shows besides the number (or the text)."""
        return "".join(text for kind, text in self.tokens if kind == "literal")

    @functools.cached_property
    def literal_digits(self) -> bool:
        """Digits written into the format ("1"0.0): shown beside the number's own."""
        return any(c.isdecimal() for c in self.literal)

    @property
    def shows_a_number(self) -> bool:
        return bool(self.digit_places or self.general)


@functools.lru_cache(maxsize=256)
def sections(number_format: str) -> tuple[Section, ...]:
    """The format's sections, split at each `;` outside quotes, brackets and escapes: at most four, as Excel has
    (a workbook holds few formats, each read once)."""
    out, start, i, n = [], 0, 0, len(number_format)
    while i < n:
        ch = number_format[i]
        if ch == '"':
            close = number_format.find('"', i + 1)
            i = n if close < 0 else close + 1
        elif ch == "[":
            close = number_format.find("]", i + 1)
            i = n if close < 0 else close + 1
        elif ch in "\\!_*":
            i += 2
        elif ch == ";":
            out.append(number_format[start:i])
            start = i = i + 1
            if len(out) == MAX_SECTIONS:
                break
        else:
            i += 1
    else:
        out.append(number_format[start:])
    return tuple(_section(text) for text in out)


def _section(text: str) -> Section:
    return _SectionReader(text).read()


class _SectionReader:
    """Reads one section left to right, once: each character, or the code it starts, moves the reader on."""

    HANDLERS = {'"': "_quoted", "\\": "_escaped", "!": "_escaped", "_": "_skipped", "*": "_skipped",
                "[": "_bracket", "0": "_digit", "#": "_digit", "?": "_digit", ",": "_comma", ".": "_point",
                "%": "_percent", "E": "_exponent", "e": "_exponent", "/": "_fraction", "@": "_text"}

    def __init__(self, text: str):
        self.text, self.lowered, self.section = text, text.lower(), Section(text)
        self.digit_seen = self.point_seen = False
        self.pending_commas = 0            # commas after a digit place, until what follows says separator or division
        self.point_after_digit = False     # a literal decimal point after a digit place, until a digit place follows

    def read(self) -> Section:
        i = 0
        while i < len(self.text):
            name = self.HANDLERS.get(self.text[i])
            if name is None and self.lowered.startswith("general", i):
                name = "_general"
            i = getattr(self, name or "_literal_character")(i)
        self._settle_commas()
        return self.section

    def _add_literal(self, chars: str) -> None:
        if not self.digit_seen and any(c in MINUS_SIGNS for c in chars):
            self.section.minus_first = True
        if self.digit_seen and "." in chars:
            self.point_after_digit = True
        self.section.tokens.append(("literal", chars))

    def _settle_commas(self) -> None:
        self.section.scaling_commas += self.pending_commas
        self.pending_commas = 0

    def _literal_character(self, i: int) -> int:
        self._add_literal(self.text[i])
        return i + 1

    def _quoted(self, i: int) -> int:
        close = self.text.find('"', i + 1)
        end = len(self.text) if close < 0 else close
        self._add_literal(self.text[i + 1:end])
        return end + 1

    def _escaped(self, i: int) -> int:
        self._add_literal(self.text[i + 1:i + 2])
        return i + 2

    def _skipped(self, i: int) -> int:
        return i + 2        # _x: a space as wide as x; *x: x repeated to fill the cell. Neither is text read.

    def _bracket(self, i: int) -> int:
        """A [..] code: a condition ([>100]) picks the section; a currency ([$¥-804]) shows its symbol; a colour,
        numeral system or language shows nothing."""
        close = self.text.find("]", i + 1)
        end = len(self.text) if close < 0 else close
        code = self.text[i + 1:end].strip()
        operator = next((o for o in CONDITION_OPERATORS if code.startswith(o)), None)
        if operator is not None:
            try:
                self.section.condition = (operator, float(code[len(operator):].strip()))
            except ValueError:
                pass
        elif code.startswith("$") and code[1:].split("-", 1)[0]:
            self._add_literal(code[1:].split("-", 1)[0])
        elif _is_colour(code):
            self.section.colour = "".join(code.lower().split())
        return end + 1

    def _digit(self, i: int) -> int:
        if self.point_after_digit:
            self.section.literal_point = True
        if self.pending_commas:
            self.section.thousands = True
            self.pending_commas = 0
        self.section.digit_places += 1
        self.digit_seen = True
        self.section.tokens.append(("digit", self.text[i]))
        return i + 1

    def _comma(self, i: int) -> int:
        if not self.digit_seen:
            return self._literal_character(i)
        self.pending_commas += 1
        return i + 1

    def _point(self, i: int) -> int:
        if self.point_seen or self.section.exponent:
            return self._literal_character(i)
        self._settle_commas()
        self.point_seen = True
        self.section.tokens.append(("point", "."))
        return i + 1

    def _percent(self, i: int) -> int:
        self._settle_commas()
        self.section.percent += 1
        self.section.tokens.append(("literal", "%"))
        return i + 1

    def _exponent(self, i: int) -> int:
        if not (self.digit_seen and self.text[i + 1:i + 2] in ("+", "-")):
            return self._literal_character(i)
        self._settle_commas()
        self.section.exponent = True
        self.section.tokens.append(("exponent", self.text[i:i + 2]))
        return i + 2

    def _fraction(self, i: int) -> int:
        if not self.digit_seen:
            return self._literal_character(i)
        self.section.fraction = True
        self.section.tokens.append(("fraction", "/"))
        i += 1
        while i < len(self.text) and self.text[i].isdigit():   # a fixed denominator (# ?/10): the format's digits
            i += 1
        return i

    def _text(self, i: int) -> int:
        self.section.text_place = True
        self.section.tokens.append(("text", "@"))
        return i + 1

    def _general(self, i: int) -> int:
        self.section.general = True
        self.section.tokens.append(("general", ""))
        return i + len("general")


# The colours a format may name, as Excel and LibreOffice read them (any case): eight by name, and the workbook's
# palette by number, [Color1] to [Color56] (workbook_colours.format_colour).
COLOUR_NAMES = ("black", "blue", "cyan", "green", "magenta", "red", "white", "yellow")


def _is_colour(code: str) -> bool:
    code = "".join(code.lower().split())
    return code in COLOUR_NAMES or (code.startswith("color") and code[5:].isdigit() and 1 <= int(code[5:]) <= 56)


def section_colour(number_format: str, value) -> str | None:
    """The colour the format names for the section Excel uses for `value` (a number or text), or None: "white",
    "color2"."""
    if "[" not in number_format:
        return None
    parts = sections(number_format)
    section = text_section(parts) if isinstance(value, str) else number_section(parts, value)[0]
    return section.colour if section is not None else None


def _holds(condition: tuple[str, float] | None, value: float) -> bool:
    if condition is None:
        return False
    operator, bound = condition
    return {"<": value < bound, ">": value > bound, "=": value == bound, "<=": value <= bound,
            ">=": value >= bound, "<>": value != bound}[operator]


def number_section(parts: tuple[Section, ...], value: float) -> tuple[Section | None, bool]:
    """The section Excel uses for a number, and whether Excel writes the minus sign itself (a negative number in a
    section not meant for negatives only); None for General. A last section of fewer than four that holds @ is the
    text's, not a number's."""
    if len(parts) < 4 and len(parts) > 1 and parts[-1].text_place:
        parts = parts[:-1]
    elif len(parts) == 1 and parts[0].text_place:
        return None, True
    first, second = parts[0], parts[1] if len(parts) > 1 else None
    if first.condition or (second is not None and second.condition):
        if _holds(first.condition, value):
            return first, value < 0
        if second is not None and _holds(second.condition, value):
            return second, value < 0
        if second is not None and second.condition is None:
            return second, value < 0
        if len(parts) > 2:
            return parts[2], value < 0
        return (None, True) if second is not None else (None if first.condition else first, True)
    if len(parts) == 1 or value > 0 or (value == 0 and len(parts) == 2):
        return first, value < 0
    if value < 0:
        return second, False
    return parts[2], False


def text_section(parts: tuple[Section, ...]) -> Section | None:
    """The section Excel uses for text: the fourth, or a last one holding @; None when text is shown as it is."""
    if len(parts) >= 4:
        return parts[3]
    if parts[-1].text_place:
        return parts[-1]
    return None


@dataclass(frozen=True)
class Shown:
    """What Excel shows for a cell, against what is read from it. `how` is one of:
    number    the number, as read (rounded to the format's decimals, with text such as 万人 beside it);
    percent   the number times 100 with a % sign (read as the percentage);
    hidden    nothing: the cell looks empty, though it holds the value;
    dash      a zero shown as a dash, as Excel's accounting format (千位分隔样式) shows 0;
    text      text instead of the number, or instead of the cell's text;
    digits    other digits beside the number ("1"0.0 shows 12.9 as 112.9);
    minus     a minus sign before a positive number;
    words     the number (or the text) with text written beside it: ">"0.0 shows >19.9, "约"0.0 约19.9, 0.0"以上"
              19.9以上, 0.0"人" 19.9人. The text carries meaning (a comparator, an estimate, a unit) and is read as
              the same text typed into the cell would be (helpers.extract.monitoring); spaces, the sign of a
              negative number in a section of its own (-3.5 or (3.5)) and + before a positive one are not words;
    another   another number: divided by 1,000 for each comma after the digits, a decimal point written as text,
              or more than one % sign."""
    how: str
    text: str = ""        # what the sheet shows, where it differs from what is read
    before: str = ""      # words: the text written before the figure (">", "约"), spaces and the sign left out
    figure: str = ""      # words: the figure as read (19.9, -3.5, 35.5% in a % section, the cell's text for @)
    after: str = ""       # words: the text written after it ("以上", "万人", "（预计）")
    split: bool = False   # words: text between the digit places (0"-"00 shows 129 as 1-29), read as shown


def shown(number_format: str, value) -> Shown:
    """What Excel shows for `value` (a number or text) in a cell of this number format."""
    if number_format in ("", "General", "@"):
        return Shown("number")
    parts = sections(number_format)
    if isinstance(value, str):
        return _shown_text(text_section(parts), value)
    section, minus = number_section(parts, value)
    return Shown("number") if section is None else _shown_number(section, value, minus)


def _shown_text(section: Section | None, value: str) -> Shown:
    if section is None:
        return Shown("number")
    if not section.text_place:
        return Shown("text", section.literal.strip()) if section.literal.strip() else Shown("hidden")
    if section.literal_digits:
        return Shown("digits", _render_text(section, value))
    before, middle, after = _beside(section)
    if not (before or middle or after):
        return Shown("number")
    written = _render_text(section, value)
    return Shown("words", written, figure=written, split=True) if middle else \
        Shown("words", written, before, value, after)


def _shown_number(section: Section, value: float, minus: bool) -> Shown:
    if not section.shows_a_number:
        written = section.literal.strip()
        if not written:
            return Shown("hidden")
        return Shown("dash" if value == 0 and all(c in DASHES for c in written) else "text", written)
    if value == 0:
        written = render(section, value, minus)
        if written and all(c in DASHES for c in written):
            return Shown("dash", written)
    if section.literal_digits:
        return Shown("digits", render(section, value, minus))
    if section.scaling_commas or section.literal_point or section.percent > 1:
        return Shown("another", render(section, value, minus))
    if section.minus_first and value > 0:
        return Shown("minus", render(section, value, minus))
    return _words(section, value, minus) or Shown("percent" if section.percent == 1 else "number")


def _beside(section: Section) -> tuple[str, str, str]:
    """The text a section writes before the number (or the text), between its digit places, and after it, each
    without the spaces around it."""
    at = [i for i, (kind, _) in enumerate(section.tokens) if kind != "literal"]
    if not at:
        return section.literal.strip(), "", ""
    first, last = at[0], at[-1]
    middle = "".join(text for kind, text in section.tokens[first:last + 1] if kind == "literal")
    return ("".join(text for _, text in section.tokens[:first]).strip(), middle.strip(),
            "".join(text for _, text in section.tokens[last + 1:]).strip())


def _words(section: Section, value: float, minus: bool) -> Shown | None:
    """The number with text written beside it (Shown.how "words"), or None where the section writes nothing but
    spaces, the % of a percentage, the sign of a negative number in a section of its own (-3.5, or (3.5) as
    accountants write it: Excel writes no minus there, and the signed value is read) or + before a positive one."""
    before, middle, after = _beside(section)
    if value < 0 and not minus:
        if before[-1:] in tuple(MINUS_SIGNS):
            before = before[:-1].rstrip()
        elif before.endswith("(") and after.startswith(")"):
            before, after = before[:-1].rstrip(), after[1:].lstrip()
    elif value > 0 and before.endswith(("+", "＋")):
        before = before[:-1].rstrip()
    number = value * (100 if section.percent else 1)
    figure = f"{number:.12g}"
    if section.percent == 1:        # the % goes with the figure: 35.5% is read as 35.5 with its % sign
        if "%" in after:
            after = after.replace("%", "", 1).strip()
        else:
            before = before.replace("%", "", 1).strip()
        figure += "%"
    if not (before or middle or after):
        return None
    written = render(section, value, minus)
    if middle:      # text between the digit places: the figure is read as the sheet shows it
        return Shown("words", written, figure=written, split=True)
    return Shown("words", written, before, figure, after)


def render(section: Section, value: float, minus: bool) -> str:
    """The text Excel shows for a number in this section: digit places filled as Excel fills them (the first digit
    place of the whole part takes every digit left over; 0 shows a zero where there is no digit, # nothing, ? a
    space), text where the format writes it. A power of ten, a fraction or General is shown as the number."""
    # (each % multiplies by 100 in Excel's documentation, by 100 once in LibreOffice: shown here as LibreOffice shows
    # it; a division by 1,000 for each of thousands of commas underflows to 0, as it does in Excel)
    number = abs(value) * (100 if section.percent else 1) * 10.0 ** (-3 * min(section.scaling_commas, 400))
    if section.exponent or section.fraction or section.general:
        body = [text if kind == "literal" else "" for kind, text in section.tokens]
        first = next(i for i, (kind, _) in enumerate(section.tokens) if kind in ("digit", "general", "exponent"))
        body[first] = f"{number:.6g}"
        return ("-" if minus else "") + "".join(body).strip()
    point = next((i for i, (kind, _) in enumerate(section.tokens) if kind == "point"), len(section.tokens))
    places = [kind == "digit" for kind, _ in section.tokens]
    decimals = sum(places[point:])
    whole, _, fraction = f"{number:.{decimals}f}".partition(".")
    whole = whole.lstrip("0")
    if section.thousands and whole:
        whole = f"{int(whole):,}"
    out = [text if kind in ("literal", "point") else "" for kind, text in section.tokens]
    whole_places = [i for i in range(point) if places[i]]
    left = len(whole)                       # the digits of `whole` not yet placed: whole[:left]
    for k, i in enumerate(reversed(whole_places)):
        digit = whole[:left] if k == len(whole_places) - 1 else whole[max(left - 1, 0):left]
        left = max(left - 1, 0)
        out[i] = digit or {"0": "0", "#": "", "?": " "}[section.tokens[i][1]]
    decimal_places = [i for i in range(point, len(places)) if places[i]]
    shown_digits = [fraction[k] for k in range(len(decimal_places))]
    for k in reversed(range(len(decimal_places))):    # trailing zeros in # places are not shown
        if shown_digits[k] == "0" and section.tokens[decimal_places[k]][1] == "#":
            shown_digits[k] = ""
        else:
            break
    for k, i in enumerate(decimal_places):
        out[i] = shown_digits[k] if shown_digits[k] or section.tokens[i][1] != "?" else " "
    return ("-" if minus else "") + "".join(out).strip()


def _render_text(section: Section, text: str) -> str:
    return "".join(text if kind == "text" else t for kind, t in section.tokens if kind in ("literal", "text"))
