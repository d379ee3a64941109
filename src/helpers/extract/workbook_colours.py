"""The colours a workbook's cells are shown in, as Excel shows them: for telling a part of a cell's rich text set in
the colour of the cell's fill (a white 5 inside 12.9, which Excel shows as "12. 9"), and a cell's whole value so set
(CellColours: by its number format's colour, [White]0.0, or its font's; conditional formats: Rule, RuleHides), which
no reader sees. What is judged hidden is checked against LibreOffice Calc's printout
(tests/extract/test_values_hidden_by_colour.py).

A colour is written in one of four ways (openpyxl's Color.type): as RGB; as an entry of the indexed palette (the
workbook's own <indexedColors>, else Excel's: openpyxl.styles.colors.COLOR_INDEX, with 64 and 65 the system's text
and window colours, black and white); as one of the theme's twelve colours (xl/theme/theme1.xml), lightened or
darkened by a tint; or automatic (black text). A colour that cannot be worked out (a theme colour of a workbook
without a theme, an index past the palette, a patterned or gradient fill) is Untold, kept as it is written, so that
two parts written alike are still known to be alike.
"""
from __future__ import annotations

import colorsys
import functools
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from openpyxl.styles.colors import COLOR_INDEX

BLACK, WHITE = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)
SYSTEM = {64: BLACK, 65: WHITE}         # System Foreground and System Background, as Excel shows them
# The colours a number format names, as Excel shows them ([Red]0.0).
NAMED = {"black": BLACK, "white": WHITE, "red": (1.0, 0.0, 0.0), "green": (0.0, 1.0, 0.0), "blue": (0.0, 0.0, 1.0),
         "yellow": (1.0, 1.0, 0.0), "magenta": (1.0, 0.0, 1.0), "cyan": (0.0, 1.0, 1.0)}
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
# The theme's colours in the order a cell's theme="n" counts them (Excel swaps each dark/light pair of the scheme's
# own order: theme 0 is Background 1, lt1, and theme 1 is Text 1, dk1).
THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
               "hlink", "folHlink")


@dataclass(frozen=True)
class Untold:
    """A colour not worked out, by how it is written (`theme 4`, `a gray125 fill`)."""
    written: str


class Palette:
    """A workbook's colours (Palette.of(workbook)): `font` and `fill` give (r, g, b), each 0-1, or an Untold."""

    def __init__(self, indexed: tuple[str, ...], theme: dict[int, tuple]):
        self.indexed, self.theme = indexed, theme

    @staticmethod
    def of(workbook) -> Palette:
        # (openpyxl keeps a workbook's own indexed palette in _colors, COLOR_INDEX where it has none)
        indexed = tuple(getattr(workbook, "_colors", None) or COLOR_INDEX)
        return _palette(indexed, getattr(workbook, "loaded_theme", None))

    def font(self, colour):
        """A part's or a cell's font colour; no colour set, or automatic, is black."""
        if colour is None or getattr(colour, "type", "") == "auto":
            return BLACK
        return self.colour(colour)

    def fill(self, fill):
        """The colour behind a cell's text: white without a fill, the colour of a solid one; a pattern or a
        gradient is Untold."""
        kind = getattr(fill, "fill_type", None) if fill is not None else None
        if kind in (None, "none"):
            return WHITE
        if kind == "solid":
            return self.colour(fill.fgColor)
        return Untold(f"a {kind} fill")

    def named(self, name: str):
        """A colour a number format names (number_formats.section_colour): one of eight by name, or the palette's
        [Color1] to [Color56], its entries 8 to 63 (Excel's: [Color2] is white in the default palette)."""
        if name in NAMED:
            return NAMED[name]
        index = int(name[len("color"):]) + 7
        rgb = self.indexed[index] if index < len(self.indexed) else None
        try:
            return tuple(int(rgb[-6:][k:k + 2], 16) / 255 for k in (0, 2, 4))
        except (TypeError, ValueError):
            return Untold(f"[{name}]")

    def colour(self, colour):
        kind = getattr(colour, "type", "")
        rgb = None
        if kind == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) in (6, 8):
            rgb = colour.rgb
        elif kind == "indexed" and isinstance(colour.indexed, int):
            if colour.indexed in SYSTEM and colour.indexed >= len(self.indexed):
                return _tinted(SYSTEM[colour.indexed], colour.tint)
            rgb = self.indexed[colour.indexed] if 0 <= colour.indexed < len(self.indexed) else None
        elif kind == "theme" and colour.theme in self.theme:
            return _tinted(self.theme[colour.theme], colour.tint)
        try:
            found = tuple(int(rgb[-6:][k:k + 2], 16) / 255 for k in (0, 2, 4)) if rgb else None
        except ValueError:
            found = None
        if found is None:
            return Untold(f"{kind} {getattr(colour, kind, '')}".strip())
        return _tinted(found, colour.tint)


@lru_cache(maxsize=8)
def _palette(indexed: tuple[str, ...], theme_xml: bytes | None) -> Palette:
    return Palette(indexed, _theme_colours(theme_xml))


def _theme_colours(theme_xml: bytes | None) -> dict[int, tuple]:
    """The theme's colours by Excel's numbering (THEME_ORDER); none where the workbook has no theme or it cannot
    be read (its colours are then Untold)."""
    if not theme_xml:
        return {}
    from openpyxl.xml.functions import fromstring
    try:
        scheme = fromstring(theme_xml).find(f".//{{{DRAWING}}}clrScheme")
    except Exception:       # (a damaged theme: its colours are not told, nothing else depends on it)
        return {}
    colours = {}
    for number, name in enumerate(THEME_ORDER):
        element = scheme.find(f"{{{DRAWING}}}{name}") if scheme is not None else None
        written = element[0] if element is not None and len(element) else None
        value = None if written is None else written.get("lastClr") if written.tag.endswith("sysClr") else \
            written.get("val") if written.tag.endswith("srgbClr") else None
        try:
            colours[number] = tuple(int(value[k:k + 2], 16) / 255 for k in (0, 2, 4))
        except (TypeError, ValueError):
            continue
    return colours


def _tinted(rgb: tuple, tint) -> tuple:
    """A colour with Excel's tint: its lightness in HLS moved towards black (tint < 0) or white (tint > 0)."""
    if not tint:
        return rgb
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    return colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lightness)), saturation)


@dataclass(frozen=True)
class Hidden:
    """A cell's value shown in a colour no reader tells from the fill behind it: by its number format's colour
    ([White]0.0: `by` "format") or by its font's ("colour"); the two colours as #RRGGBB (no fill is white)."""
    by: str
    text: str
    fill: str


class CellColours:
    """Whether a workbook's cells show their values (CellColours(workbook).hidden(cell, number_format, value)):
    the text's colour, the number format's for the value's section ([White], [Color2]) or else the font's, against
    the fill's; a contrast ratio under MIN_CONTRAST (WCAG's, the documents' rule: white on no fill, a font colour
    equal to its fill, yellow on white) is a value no reader sees. A colour not worked out (Untold) is not judged.
    Judged once for each of the workbook's cell styles (and each colour its number format names)."""

    def __init__(self, workbook):
        self.palette = Palette.of(workbook)
        self._styles: dict[int, tuple] = {}     # by cell style: (a format naming colours, Hidden by the font, fill)
        self._named: dict[tuple, Hidden | None] = {}     # by cell style and the colour its format names
        self._formats = getattr(workbook, "_differential_styles", None)    # (the conditional formats' <dxfs>)
        self._ruled: dict[tuple, str | None] = {}   # how a rule would hide a cell, by rule, cell style, kind of value

    def hidden(self, cell, value) -> Hidden | None:
        """A Hidden where the sheet shows the cell's value (a number or text) in the colour of its fill."""
        from helpers.extract.number_formats import section_colour
        style = getattr(cell, "_style_id", None)
        known = self._styles.get(style) if style is not None else None
        if known is None:
            number_format = str(getattr(cell, "number_format", "") or "")
            fill = self.palette.fill(getattr(cell, "fill", None))
            font = self.palette.font(getattr(getattr(cell, "font", None), "color", None))
            known = (number_format if "[" in number_format else None, hidden_on(font, fill, "colour"), fill)
            if style is not None:
                self._styles[style] = known
        number_format, by_font, fill = known
        named = section_colour(number_format, value) if number_format else None
        if named is None:
            return by_font
        if (style, named) not in self._named:
            self._named[(style, named)] = hidden_on(self.palette.named(named), fill, "format")
        return self._named[(style, named)]

    def index(self, rules: tuple[Rule, ...], columns) -> RuleIndex:
        """The sheet's rules over the columns judged, each with its format (the workbook's <dxf>, by its number)."""
        import dataclasses
        resolved = []
        for rule in rules:
            dxf = rule.dxf
            if isinstance(dxf, int):
                try:
                    dxf = self._formats[dxf]
                except (IndexError, KeyError, TypeError):
                    dxf = "damaged"
            resolved.append(dataclasses.replace(rule, dxf=dxf))
        return RuleIndex(tuple(resolved), columns)

    def by_rule(self, cell, value, rules: RuleIndex) -> RuleHides | None:
        """A conditional format over the cell that hides its value: one whose rule holds (certain), else one that
        could hide it and is not worked out; None where none hides it. Each rule is judged on its own, over the
        cell's own colours and number format: whether it could hide the cell is judged once for each cell style and
        kind of value (a number's sign, or text), except where a number format picks its section by a condition
        ([>100])."""
        number_format = None
        style = getattr(cell, "_style_id", None)
        kind = "text" if isinstance(value, str) else (value > 0) - (value < 0)
        could = None
        for rule in rules.over(cell.row, cell.column):
            key = (id(rule), style, kind)
            how = self._ruled.get(key, False) if style is not None else False
            if how is False:
                number_format = str(getattr(cell, "number_format", "") or "") if number_format is None else \
                    number_format
                how = self._hides(cell, number_format, value, rule)
                if style is not None and "[" not in number_format + RuleIndex.format_of(rule):
                    self._ruled[key] = how
            if how is None:
                continue
            holds = _holds(rule, value) if rule.kind == "cellIs" and not isinstance(rule.dxf, (str, int)) else None
            if holds:       # (a rule whose format cannot be read is never known to hide: it could)
                return RuleHides(rule, True, how)
            if holds is None and could is None:
                could = RuleHides(rule, False, how)
        return could

    def _hides(self, cell, number_format: str, value, rule: Rule) -> str | None:
        """How the rule's format would hide the value, where it applies ("#FFFFFF on #FFFFFF", "number format
        ;;;"); None where it would not."""
        from helpers.extract.number_formats import section_colour, shown
        if not rule.shows_value:
            return "the value not shown"
        font = self.palette.font(getattr(getattr(cell, "font", None), "color", None))
        fill = self.palette.fill(getattr(cell, "fill", None))
        if rule.kind == "colorScale":
            named = section_colour(number_format, value)
            text = self.palette.named(named) if named else font
            found = (hidden_on(text, self.palette.colour(c), "rule") for c in rule.scale)
            return next((f"{h.text} on {h.fill}" for h in found if h is not None), None)
        dxf = rule.dxf      # (resolved by index())
        if dxf is None:
            return None
        if isinstance(dxf, (str, int)):
            return "a format that cannot be read"
        written = getattr(getattr(dxf, "numFmt", None), "formatCode", None)
        if written is not None:
            if shown(written, value).how == "hidden":
                return f"number format {written}"
            number_format = written
        named = section_colour(number_format, value)
        dxf_font = getattr(getattr(dxf, "font", None), "color", None)
        text = self.palette.named(named) if named else self.palette.font(dxf_font) if _set(dxf_font) else font
        dxf_fill = getattr(dxf, "fill", None)
        if dxf_fill is not None and getattr(dxf_fill, "patternType", None) in (None, "solid"):
            colour = next((c for c in (getattr(dxf_fill, "bgColor", None), getattr(dxf_fill, "fgColor", None))
                           if _set(c)), None)
            fill = self.palette.colour(colour) if colour is not None else fill
        elif dxf_fill is not None and getattr(dxf_fill, "patternType", None) != "none":
            fill = Untold(f"a {dxf_fill.patternType} fill")
        found = hidden_on(text, fill, "rule")
        return None if found is None else f"{found.text} on {found.fill}"


def _set(colour) -> bool:
    """A colour a conditional format writes (openpyxl gives one it does not write as 00000000)."""
    return colour is not None and not (getattr(colour, "type", "") == "rgb" and colour.rgb == "00000000")


def hidden_on(text, fill, by: str) -> Hidden | None:
    """A Hidden where text in the colour `text` cannot be told from `fill`; None where it can, or where either is
    Untold."""
    from helpers.extract.documents.styles import MIN_CONTRAST, contrast
    if isinstance(text, Untold) or isinstance(fill, Untold) or contrast(text, fill) >= MIN_CONTRAST:
        return None
    return Hidden(by, _hex(text), _hex(fill))


def _hex(rgb: tuple) -> str:
    return "#" + "".join(f"{round(c * 255):02X}" for c in rgb)


hex_code = _hex     # (#FFFF00: a colour as the stops name it)


# ------------------------------------------------------------------------------------------ conditional formats
# A conditional format (Home → Conditional Formatting) can show a cell's value in the colour of its fill, or with
# a number format that shows nothing, whenever its rule holds: a rule "cell value > 0, white font" hides every
# positive figure. A rule that compares the cell's value with numbers (cellIs: > 0, = 0, between 1 and 5) is worked
# out here, for each cell; any other rule that could hide a cell (a formula, a colour scale, a data bar or icons
# shown without the value) is not, and the cell's reader stops at the cell (RuleHides.certain False).

OPERATORS = {"greaterThan": ">", "lessThan": "<", "greaterThanOrEqual": "≥", "lessThanOrEqual": "≤", "equal": "=",
             "notEqual": "≠", "between": "∈", "notBetween": "∉"}


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule of a sheet's conditional formats (<cfRule>), over its ranges (first row, first column, last row,
    last column)."""
    ranges: tuple[tuple[int, int, int, int], ...]
    kind: str                               # cellIs, expression, colorScale, dataBar, iconSet …
    operator: str = ""
    formulas: tuple[str, ...] = ()
    dxf: object = None                      # the format it applies: an index into the workbook's, or its own
    scale: tuple = ()                       # a colour scale's colours (openpyxl Color)
    shows_value: bool = True                # a data bar's or icons' showValue="0": the value is not shown

    @functools.cached_property
    def bounds(self) -> list[float] | None:
        """A cellIs rule's operands, where they are numbers."""
        try:
            return [float(f) for f in self.formulas[:2]]
        except ValueError:
            return None

    @property
    def described(self) -> str:
        """The rule as Excel's Manage Rules lists it, briefly."""
        if self.kind == "cellIs" and self.operator in OPERATORS:
            return f"Cell Value {self.condition}"
        if self.kind == "expression":
            return f"Formula: ={self.formulas[0] if self.formulas else ''}"[:80]
        return {"colorScale": "a colour scale", "dataBar": "a data bar shown without the value",
                "iconSet": "icons shown without the value"}.get(self.kind, f"a rule of type {self.kind}")

    @property
    def condition(self) -> str:
        """> 0, = 0, ∈ [1, 5]: the comparison of a cellIs rule, in symbols (the cleaning log's, in either
        language)."""
        sign = OPERATORS.get(self.operator, self.operator)
        if self.operator in ("between", "notBetween"):
            return f"{sign} [{', '.join(self.formulas[:2])}]"
        return f"{sign} {self.formulas[0] if self.formulas else ''}"


@dataclass(frozen=True)
class RuleHides:
    """A conditional format that hides a cell's value: `certain` where its rule was worked out and holds; else it
    could, and whether it does is not known. `how` says how it hides (in symbols and colour codes)."""
    rule: Rule
    certain: bool
    how: str


def conditional_rules(root) -> tuple[Rule, ...]:
    """The conditional formats of a sheet's XML (its root element, as parsed): <conditionalFormatting> and Excel
    2010's <x14:conditionalFormatting> (in extLst, with the format written inside the rule)."""
    from openpyxl.styles.colors import Color
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.utils.cell import range_boundaries

    def local(element) -> str:
        return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""

    rules = []
    for block in (e for e in root.iter() if local(e) == "conditionalFormatting"):
        sqref = block.get("sqref") or " ".join(e.text or "" for e in block if local(e) == "sqref")
        ranges = []
        for ref in sqref.split():
            try:
                c0, r0, c1, r1 = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            ranges.append((r0 or 1, c0 or 1, r1 or 1_048_576, c1 or 16_384))
        for rule in (e for e in block if local(e) == "cfRule"):
            children = {local(e): e for e in rule}
            dxf = rule.get("dxfId")
            if "dxf" in children:
                try:
                    dxf = DifferentialStyle.from_tree(children["dxf"])
                except Exception:       # (a damaged format: not worked out, judged as one that could hide)
                    dxf = "damaged"
            shown = next((e.get("showValue") for e in rule if local(e) in ("dataBar", "iconSet")), None)
            scale = tuple(Color.from_tree(c) for e in rule if local(e) == "colorScale" for c in e
                          if local(c) == "color")
            rules.append(Rule(tuple(ranges), rule.get("type", ""), rule.get("operator", ""),
                              tuple((e.text or "").strip() for e in rule if local(e) in ("formula", "f")),
                              int(dxf) if isinstance(dxf, str) and dxf.isdigit() else dxf, scale,
                              shown not in ("0", "false")))
    return tuple(r for r in rules if r.ranges)


class RuleIndex:
    """A sheet's rules over the columns judged (RuleIndex(rules, columns).over(row, column)): each column's rows cut
    into spans over which the same rules lie, found by bisection, so that a cell costs the rules over it, not every
    rule of the sheet."""

    def __init__(self, rules: tuple[Rule, ...], columns):
        self._columns: dict[int, tuple[list[int], list[tuple[Rule, ...]]]] = {}
        self.ranges = 0         # the rules' ranges over the columns judged, each column counted
        for column in columns:
            spans = [(r0, r1, rule) for rule in rules for r0, c0, r1, c1 in rule.ranges if c0 <= column <= c1]
            self.ranges += len(spans)
            if not spans:
                continue
            cuts = sorted({r0 for r0, _, _ in spans} | {r1 + 1 for _, r1, _ in spans})
            starts: dict[int, list] = {}
            ends: dict[int, list] = {}
            for index, (r0, r1, _) in enumerate(spans):
                starts.setdefault(r0, []).append(index)
                ends.setdefault(r1 + 1, []).append(index)
            active: set[int] = set()
            over = []
            for cut in cuts:        # (a sweep down the rows: each span's rules as the ranges start and end)
                active.difference_update(ends.get(cut, ()))
                active.update(starts.get(cut, ()))
                over.append(tuple(dict.fromkeys(spans[i][2] for i in sorted(active))))
            self._columns[column] = (cuts, over)

    def over(self, row: int, column: int) -> tuple[Rule, ...]:
        """The rules over the cell, in the order the sheet lists them."""
        found = self._columns.get(column)
        if found is None:
            return ()
        cuts, over = found
        span = bisect_right(cuts, row) - 1
        return over[span] if span >= 0 else ()

    @staticmethod
    def format_of(rule: Rule) -> str:
        """The number format the rule's own format sets, or ""."""
        return getattr(getattr(rule.dxf, "numFmt", None), "formatCode", None) or ""


def _holds(rule: Rule, value) -> bool | None:
    """Whether a cellIs rule holds for the value, as Excel compares (text is greater than any number); None where
    its operands are not numbers."""
    bounds = rule.bounds
    if bounds is None:
        return None
    if not bounds or (rule.operator in ("between", "notBetween") and len(bounds) < 2):
        return None
    rank = (1, 0.0) if isinstance(value, str) else (0, float(value))
    a, b = (0, bounds[0]), (0, bounds[-1])
    low, high = min(a, b), max(a, b)
    return {"greaterThan": rank > a, "lessThan": rank < a, "greaterThanOrEqual": rank >= a,
            "lessThanOrEqual": rank <= a, "equal": rank == a, "notEqual": rank != a,
            "between": low <= rank <= high, "notBetween": not low <= rank <= high}.get(rule.operator)


# ------------------------------------------------------------------------------------------ colours by name
# A sheet's legend names its colours in words (标黄的数据为预计数, 红色字体为待核实数据: monitoring._SheetNotes): a
# cell's fill or font colour is named by its hue, as a reader names it on the screen. Excel's standard colours fall
# inside one band each (Yellow FFFF00 60°, Red FF0000 0°, Light Green 92D050 / Green 00B050, Light Blue 00B0F0 /
# Blue 0070C0, Purple 7030A0); its "Orange" FFC000 (Gold, 45°), which analysts call 黄 or 橙, is named both. A colour
# near white, black or grey (little saturation) is named by its lightness.
HUES = (("红", 0, 14), ("橙", 14, 48), ("黄", 40, 72), ("绿", 72, 170), ("蓝", 170, 255), ("紫", 255, 330),
        ("红", 330, 361))
GREY_SATURATION = 0.2       # less than this: no hue (a grey, or black or white)


def colour_names(colour) -> frozenset[str]:
    """The names a reader gives the colour (r, g, b): 黄, 红, 橙, 绿, 蓝, 紫 by its hue (FFC000: 黄 and 橙), or 灰, 黑,
    白 where it has little saturation; none for an Untold colour."""
    if not isinstance(colour, tuple):
        return frozenset()
    hue, lightness, saturation = colorsys.rgb_to_hls(*colour)
    if lightness >= 0.97:
        return frozenset({"白"})
    if lightness <= 0.08:
        return frozenset({"黑"})
    if saturation < GREY_SATURATION:
        return frozenset({"灰"})
    degrees = hue * 360
    return frozenset(name for name, low, high in HUES if low <= degrees < high)


def rule_colours(rule: Rule, palette: Palette, formats) -> list[tuple[str, object]]:
    """The colours a conditional format's rule can give a cell, ("fill" or "font", (r, g, b) or Untold): its format's
    fill and font (the workbook's <dxf>, by its number, or its own), or a colour scale's colours (fills)."""
    if rule.kind == "colorScale":
        return [("fill", palette.colour(c)) for c in rule.scale]
    dxf = rule.dxf
    if isinstance(dxf, int):
        try:
            dxf = formats[dxf]
        except (IndexError, KeyError, TypeError):
            return [("fill", Untold("a damaged format"))]
    if dxf is None or isinstance(dxf, str):
        return [] if dxf is None else [("fill", Untold("a damaged format"))]
    found = []
    font = getattr(getattr(dxf, "font", None), "color", None)
    if _set(font):
        found.append(("font", palette.colour(font)))
    fill = getattr(dxf, "fill", None)
    if fill is not None and getattr(fill, "patternType", None) in (None, "solid"):
        colour = next((c for c in (getattr(fill, "bgColor", None), getattr(fill, "fgColor", None)) if _set(c)), None)
        if colour is not None:
            found.append(("fill", palette.colour(colour)))
    return found
