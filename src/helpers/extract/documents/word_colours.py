"""The colours a Word document shows its text in and behind (helpers.extract.documents.word: text in the colour of
what is behind it is not read). Colours may be the theme's (w:themeColor, w:themeFill, lightened or darkened by a
tint or shade), and a table cell's shading may come from the table's style: its shading for the whole table, or for
the header row, the total row, the first or last column, alternate rows or columns (its conditional formats, each
switched on or off by the table's w:tblLook), each looked up along the styles it is based on. A white header on the
dark header row of 'Medium Shading 1 Accent 1' is seen; white text on a cell the style leaves white is not."""
from __future__ import annotations

import colorsys

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
WHITE, BLACK = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
ON = {"1", "true", "on"}

# The names a colour gives the theme's colours (w:themeColor, w:themeFill), as the theme's colour scheme calls them.
SCHEME_SLOTS = {"dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2", "hyperlink": "hlink",
                "followedHyperlink": "folHlink", **{f"accent{n}": f"accent{n}" for n in range(1, 7)}}
# text1, background1 … are mapped onto the scheme by the document's w:clrSchemeMapping (settings.xml: the attribute
# named here says which scheme colour each is); without one, Word's own mapping: text is dark, background light. A
# document mapping text1 to light1 (and background1 to dark1) shows themeColor text1 white.
MAPPED = {"text1": ("t1", "dark1"), "background1": ("bg1", "light1"), "text2": ("t2", "dark2"),
          "background2": ("bg2", "light2"), "hyperlink": ("hyperlink", "hyperlink"),
          "followedHyperlink": ("followedHyperlink", "followedHyperlink"),
          **{f"accent{n}": (f"accent{n}", f"accent{n}") for n in range(1, 7)}}

# A table style's conditional formats, the strongest first: where two apply to a cell and set the same property, the
# first here wins (a corner cell over its row, the header and total rows over the first and last columns, those
# over banded columns, banded columns over banded rows). LibreOffice's order (writerfilter's TableStyleSheetEntry),
# made to show documents as Word does.
CONDITIONS = ("neCell", "nwCell", "seCell", "swCell", "firstRow", "lastRow", "firstCol", "lastCol",
              "band1Vert", "band2Vert", "band1Horz", "band2Horz")
# w:tblLook's switches in its older form, a hexadecimal bit mask (w:val="04A0"), where the attributes are missing.
LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100, "noHBand": 0x200,
             "noVBand": 0x400}


class Palette:
    """The document's theme colours and its page colour (w:background, else white)."""

    def __init__(self, document, mapped: bool = True):
        """mapped: theme colours named as the document's w:clrSchemeMapping maps them (as Word shows them); False:
        as Word's own mapping names them, as LibreOffice (7.4) shows them, ignoring the document's."""
        self.theme = _theme_colours(document)
        self.names = _theme_names(document if mapped else None)
        # The page colour (设计 → 页面颜色, w:background) is shown only where the document's settings say so
        # (w:displayBackgroundShape, which Word writes with it): without, Word and LibreOffice show a white page.
        # Word prints no page colour (unless told to in its options); LibreOffice prints it: `page_on_screen_only`.
        background = document.element.find(W + "background")
        self.page = (self.colour(background, "color", "themeColor", "themeTint", "themeShade")
                     if background is not None and _displays_background(document) else None) or WHITE
        self.page_on_screen_only = self.page != WHITE

    def colour(self, element, value: str, theme: str, tint: str, shade: str) -> tuple | None:
        """A colour an element gives (r, g, b from 0 to 1): its theme colour (tinted or shaded) where the theme has
        it, else its RRGGBB value; None for auto or anything not read."""
        named = self.theme.get(self.names.get(element.get(W + theme, ""), ""))
        if named is None:
            return rgb(element.get(W + value, ""))
        return _tinted(named, _fraction(element.get(W + tint)), _fraction(element.get(W + shade)))

    def text(self, color) -> tuple | None:
        """The colour of a w:color element; None for automatic colour (Word shows it white on a dark fill)."""
        return None if color is None else self.colour(color, "val", "themeColor", "themeTint", "themeShade")

    def shading(self, shd):
        """What a w:shd paints: a colour, CLEAR (nothing: what is behind shows through) or None (a colour not read:
        no judgement). A pattern (w:val) mixes its colour (w:color) into the fill: solid is the pattern colour,
        pct25 a quarter of it; other patterns are taken as their fill."""
        if shd is None:
            return CLEAR
        pattern = shd.get(W + "val", "clear")
        if pattern == "nil":
            return CLEAR
        fill = self.colour(shd, "fill", "themeFill", "themeFillTint", "themeFillShade")
        if fill is None and shd.get(W + "fill", "auto").lower() in NO_FILL and not shd.get(W + "themeFill"):
            fill = CLEAR
        if pattern == "clear":
            return fill
        share = 1.0 if pattern == "solid" else _percent(pattern)
        if share is None:
            return fill
        ink = self.colour(shd, "color", "themeColor", "themeTint", "themeShade")
        if ink is None and shd.get(W + "color", "auto").lower() in NO_FILL and not shd.get(W + "themeColor"):
            ink = BLACK                                  # Word draws an automatic pattern colour black
        if ink is None or fill is None:
            return None
        base = WHITE if fill is CLEAR else fill          # a pattern over no fill shows the page between its dots
        return tuple(share * i + (1 - share) * b for i, b in zip(ink, base))

    def box_fill(self, node):
        """What the text box a w:t node stands in paints behind its text: a colour, CLEAR (no fill: what is behind
        the box shows through), or None where it is not told (a gradient, a picture or a pattern, a see-through
        fill, a fill from the theme's styles other than its plain one). The box as Word 2010 and later write it
        (wps:wsp, its wps:spPr, else its wps:style), else as older Word wrote it (a VML shape: fillcolor, filled)."""
        for ancestor in node.iterancestors():
            if ancestor.tag == WPS + "wsp":
                return self._shape_fill(ancestor)
            if isinstance(ancestor.tag, str) and ancestor.tag.startswith(VML) and \
                    ancestor.find(VML + "textbox") is not None:
                return _vml_fill(ancestor)
        return None

    def _shape_fill(self, shape):
        properties = shape.find(WPS + "spPr")
        for child in properties if properties is not None else ():
            if child.tag == A + "noFill":
                return CLEAR
            if child.tag == A + "solidFill":
                return self.drawing_colour(child)
            if child.tag in UNTOLD_FILLS:
                return None
        reference = shape.find(f"{WPS}style/{A}fillRef")
        if reference is None or reference.get("idx", "0") == "0":
            return CLEAR
        # the theme's first fill style is its plain one (solid, in the colour the reference gives); the others
        # are gradients and patterns
        return self.drawing_colour(reference) if reference.get("idx") == "1" else None

    def drawing_colour(self, element, ns: str = A) -> tuple | None:
        """The colour a DrawingML element holds (a:srgbClr, a:schemeClr, a:sysClr, a:prstClr), with the lightness
        changes Office writes (lumMod, lumOff); None for anything else (see-through, tints of other kinds). ns=W14:
        a Word 2010 text effect's colour (w14:srgbClr w14:val=…), the same in Word's own namespace."""
        written = next((child for child in element if isinstance(child.tag, str)), None)
        if written is None:
            return None
        kind = written.tag.removeprefix(ns)
        value = written.get("val", written.get(ns + "val", ""))
        found = (rgb(value) if kind == "srgbClr" else rgb(written.get("lastClr", written.get(ns + "lastClr", "")))
                 if kind == "sysClr" else
                 rgb(PRESET_COLOURS.get(value, "")) if kind == "prstClr" else
                 self.theme.get(self.names.get(DRAWING_SCHEME.get(value, value), DRAWING_SCHEME.get(value, value)))
                 if kind == "schemeClr" else None)
        if found is None:
            return None
        changes = {child.tag.removeprefix(ns): child.get("val", child.get(ns + "val", "")) for child in written
                   if isinstance(child.tag, str)}
        if set(changes) - {"lumMod", "lumOff"}:
            return None
        try:
            scale, offset = int(changes.get("lumMod", 100000)) / 100000, int(changes.get("lumOff", 0)) / 100000
        except ValueError:
            return None
        hue, lightness, saturation = colorsys.rgb_to_hls(*found)
        return colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lightness * scale + offset)), saturation)


CLEAR = "clear"
NO_FILL = {"", "auto", "none"}
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
VML = "{urn:schemas-microsoft-com:vml}"
UNTOLD_FILLS = {A + name for name in ("gradFill", "blipFill", "pattFill", "grpFill")}
# DrawingML's names of the theme's colours (a:schemeClr) as w:themeColor names them (mapped by clrSchemeMapping).
DRAWING_SCHEME = {"tx1": "text1", "bg1": "background1", "tx2": "text2", "bg2": "background2",
                  "dk1": "dark1", "lt1": "light1", "dk2": "dark2", "lt2": "light2", "folHlink": "followedHyperlink",
                  "hlink": "hyperlink"}
PRESET_COLOURS = {"white": "FFFFFF", "black": "000000", "red": "FF0000", "blue": "0000FF", "yellow": "FFFF00"}
VML_COLOURS = {"white": "FFFFFF", "black": "000000", "red": "FF0000", "blue": "0000FF", "yellow": "FFFF00",
               "green": "008000", "gray": "808080", "silver": "C0C0C0", "navy": "000080"}


def _vml_fill(shape):
    """A VML shape's fill: white unless it says otherwise (VML's default), none where filled="f"; a v:fill of its
    own (a gradient, a picture, see-through) is not told."""
    if shape.get("filled", "t").lower() in ("f", "false"):
        return CLEAR
    if shape.find(VML + "fill") is not None:
        return None
    written = shape.get("fillcolor", "white").split()[0].strip().lower()
    return rgb(written.lstrip("#").upper() if written.startswith("#") else VML_COLOURS.get(written, ""))


def _displays_background(document) -> bool:
    try:
        shown = document.settings.element.find(W + "displayBackgroundShape")
    except Exception:            # no settings part, or one that is not XML: not shown
        return False
    return shown is not None and shown.get(W + "val", "true").lower() not in ("0", "false", "off")


class TableStyles:
    """A table style's formatting as it applies to one cell: its conditional formats switched on by the table's
    w:tblLook and matching the cell's place, then the style's formatting for the whole table; each along the styles
    it is based on."""

    def __init__(self, styles: dict):
        self.styles = styles          # w:styleId → w:style, of every style in the document
        self._layers: dict = {}

    def layers(self, tc) -> list:
        """The elements (w:tblStylePr, w:style) whose w:rPr, w:tcPr and w:tblPr apply to the cell, the most
        specific first; [] for a table without a style."""
        if tc not in self._layers:
            self._layers[tc] = self._find_layers(tc)
        return self._layers[tc]

    def _find_layers(self, tc) -> list:
        tbl = next(tc.iterancestors(W + "tbl"), None)
        tr = next(tc.iterancestors(W + "tr"), None)
        properties = tbl.find(W + "tblPr") if tbl is not None else None
        style = properties.find(W + "tblStyle") if properties is not None else None
        chain = self._chain(style.get(W + "val", "")) if style is not None else []
        if not chain or tr is None:
            return []
        rows = _own(tbl, "tr")
        cells = _own(tr, "tc")
        look = _look(properties)
        on = set(_conditions(rows.index(tr), len(rows), cells.index(tc), len(cells), look,
                             self._band_size(chain, "tblStyleRowBandSize"),
                             self._band_size(chain, "tblStyleColBandSize")))
        conditional = [part for condition in CONDITIONS if condition in on for style in chain
                       for part in style.iterchildren(W + "tblStylePr") if part.get(W + "type") == condition]
        return conditional + chain

    def _chain(self, style_id: str) -> list:
        """The style and the styles it is based on, itself first (a loop in basedOn is cut)."""
        chain = []
        while (style := self.styles.get(style_id)) is not None and style not in chain:
            chain.append(style)
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val", "") if based is not None else ""
        return chain

    @staticmethod
    def _band_size(chain: list, name: str) -> int:
        for style in chain:
            found = style.find(f"{W}tblPr/{W}{name}")
            if found is not None:
                try:
                    return max(1, int(found.get(W + "val", "1")))
                except ValueError:
                    return 1
        return 1


def _own(parent, name: str) -> list:
    """The parent's w:tr (of a table) or w:tc (of a row), also inside content controls, not those of a table nested
    in one of its cells."""
    tag = W + ("tbl" if name == "tr" else "tr")
    return [child for child in parent.iter(W + name) if next(child.iterancestors(tag), None) is parent]


def _look(table_properties) -> dict[str, bool]:
    """The table's w:tblLook switches: its attributes, else its bit mask; without one, alternate rows and columns
    banded and nothing else (the standard's default)."""
    look = table_properties.find(W + "tblLook") if table_properties is not None else None
    try:
        mask = int(look.get(W + "val", ""), 16) if look is not None else None
    except ValueError:
        mask = None
    out = {}
    for name, bit in LOOK_BITS.items():
        written = look.get(W + name) if look is not None else None
        out[name] = written.lower() in ON if written is not None else bool(mask & bit) if mask is not None else False
    return out


def _conditions(r: int, rows: int, c: int, cells: int, look: dict, row_band: int, column_band: int):
    """The conditional formats that apply to the cell in row r and column c (from 0) of the table."""
    first_row, last_row = look["firstRow"] and r == 0, look["lastRow"] and r == rows - 1
    first_col, last_col = look["firstColumn"] and c == 0, look["lastColumn"] and c == cells - 1
    for condition, applies in (("firstRow", first_row), ("lastRow", last_row), ("firstCol", first_col),
                               ("lastCol", last_col), ("nwCell", first_row and first_col),
                               ("neCell", first_row and last_col), ("swCell", last_row and first_col),
                               ("seCell", last_row and last_col)):
        if applies:
            yield condition
    if not look["noHBand"] and not first_row and not last_row:
        yield f"band{(r - look['firstRow']) // row_band % 2 + 1}Horz"
    if not look["noVBand"] and not first_col and not last_col:
        yield f"band{(c - look['firstColumn']) // column_band % 2 + 1}Vert"


def _theme_names(document) -> dict[str, str]:
    """A theme colour's name (text1, accent1, dark1 …) → its slot in the theme's colour scheme (dk1, accent1 …), as
    the document's w:clrSchemeMapping maps them (MAPPED)."""
    try:
        mapping = document.settings.element.find(W + "clrSchemeMapping") if document is not None else None
    except Exception:            # no settings part, or one that is not XML: Word's own mapping
        mapping = None
    names = dict(SCHEME_SLOTS)
    for name, (attribute, default) in MAPPED.items():
        written = mapping.get(W + attribute, default) if mapping is not None else default
        slot = SCHEME_SLOTS.get(written)
        if slot is not None:
            names[name] = slot
    return names


def _theme_colours(document) -> dict[str, tuple]:
    """The theme's colour scheme (dk1, lt1, accent1 …) as (r, g, b); {} where the document has no theme."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    try:
        theme = parse_xml(document.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob)
    except Exception:            # no theme, or one that is not XML: theme colours are then not read
        return {}
    scheme = theme.find(f"{A}themeElements/{A}clrScheme")
    colours = {}
    for slot in scheme if scheme is not None else ():
        for written in slot:
            found = rgb(written.get("val", "") if written.tag == A + "srgbClr" else written.get("lastClr", ""))
            if found is not None and isinstance(slot.tag, str):
                colours[slot.tag.removeprefix(A)] = found
                break
    return colours


def rgb(written: str) -> tuple | None:
    """A colour written RRGGBB as (r, g, b) from 0 to 1; None for auto or anything else."""
    if len(written) != 6:
        return None
    try:
        return tuple(int(written[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None


def _fraction(written: str | None) -> float | None:
    """A theme colour's tint or shade, a hexadecimal byte (BF) as a fraction (0.75)."""
    try:
        return int(written, 16) / 255 if written else None
    except ValueError:
        return None


def _percent(pattern: str) -> float | None:
    try:
        return int(pattern.removeprefix("pct")) / 100 if pattern.startswith("pct") else None
    except ValueError:
        return None


def _tinted(rgb: tuple, tint: float | None, shade: float | None) -> tuple:
    """A theme colour lightened (tint: its lightness moved towards white) or darkened (shade: scaled towards black),
    as Word does (themeTint BF of accent1 4F81BD is 7BA0CD)."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    if tint is not None:
        lightness = lightness * tint + (1 - tint)
    if shade is not None:
        lightness *= shade
    return colorsys.hls_to_rgb(hue, lightness, saturation)
