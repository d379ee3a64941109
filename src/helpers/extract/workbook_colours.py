"""The colours a workbook's cells are shown in, as Excel shows them: for telling a part of a cell's rich text set in
the colour of the cell's fill (a white 5 inside 12.9, which Excel shows as "12. 9"), which no reader sees.

A colour is written in one of four ways (openpyxl's Color.type): as RGB; as an entry of the indexed palette (the
workbook's own <indexedColors>, else Excel's: openpyxl.styles.colors.COLOR_INDEX, with 64 and 65 the system's text
and window colours, black and white); as one of the theme's twelve colours (xl/theme/theme1.xml), lightened or
darkened by a tint; or automatic (black text). A colour that cannot be worked out (a theme colour of a workbook
without a theme, an index past the palette, a patterned or gradient fill) is Untold, kept as it is written, so that
two parts written alike are still known to be alike.
"""
from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import lru_cache

from openpyxl.styles.colors import COLOR_INDEX

BLACK, WHITE = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)
SYSTEM = {64: BLACK, 65: WHITE}         # System Foreground and System Background, as Excel shows them
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
