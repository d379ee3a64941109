"""Which digit a glyph drawn in a PDF looks like: its ink, as PDFium draws it, compared with the digits 0–9 of
reference fonts drawn the same way.

A PDF's text layer says which character each glyph is (the font's ToUnicode map), and may lie: a map swapping 1 and
4 shows 40 on the page and reads 10. Where the embedded font has no table of its own to check the map against (a
Type 3 font, whose glyphs are drawing procedures, as Chromium embeds Noto Sans CJK; a CFF or Type 1 subset, as
LibreOffice embeds), what the glyph looks like is the evidence: the reader sees a 4.

Each glyph's ink is cut to its own box, scaled to GRID pixels tall (its width in proportion: a 1 stays narrow),
blurred (strokes of any weight, serifs or none, then overlap) and compared, by correlation, with each reference
digit made the same way; a digit's likeness is its best over the reference fonts. The reference fonts are the
DejaVu, STIX and Computer Modern fonts matplotlib ships (it comes with seaborn, as Pillow and fontTools do), in
their regular, bold and slanted forms: sans, serif and monospaced digits, which the digits of Chinese and Latin
fonts are drawn like. Where the bounds are, and what they were measured on: `pdf.py`, `_doubt_digit_shapes`.
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

GRID = 32           # pixels: a glyph's ink is scaled to this height
BLUR = 1.5          # pixels: the Gaussian blur, so that strokes of other weights and shapes overlap
INK = 0.25          # of the glyph's strongest ink: what counts as its ink, for the box it is cut to
REFERENCE_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSerif.ttf",
                   "DejaVuSerif-Bold.ttf", "DejaVuSansMono.ttf", "STIXGeneral.ttf", "STIXGeneralBol.ttf",
                   "STIXGeneralItalic.ttf", "cmr10.ttf", "cmss10.ttf", "cmtt10.ttf")
DIGITS = "0123456789"
# The reference fonts' 1s all stand on a foot; Arial's, Helvetica's, Microsoft YaHei's and WenQuanYi Micro Hei's do
# not (a flag and a stem), and were liker the references' 4s (WenQuanYi's 1: 0.63 a 1, 0.80 a 4). So the sans
# fonts' 1s are also drawn with the foot cut off (the rows below FOOT of the glyph's height, outside the stem):
# WenQuanYi's 1 is then 0.90 a 1, and no other digit of the fonts tried is more than 0.80 like a footless 1.
FOOTLESS_ONES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "cmss10.ttf")
FOOT = 0.82


def likeness(ink) -> dict[str, float] | None:
    """How like each digit (its best correlation, -1 to 1, with that digit of the reference fonts) a glyph's ink is
    (rows from the top, 0 none to 1 full); None where it has no ink, or the reference fonts are missing."""
    import numpy as np
    shape, references = _normalised(ink), _references()
    if shape is None or not references:
        return None
    return {digit: float(np.max(references[digit] @ shape)) for digit in DIGITS}


def _normalised(ink):
    """The ink cut to its box, scaled to GRID tall (at most GRID wide) in a GRID square, centred, blurred, as a
    vector of mean 0 and length 1; None where there is no ink."""
    import numpy as np
    from PIL import Image, ImageFilter
    ys, xs = np.nonzero(ink > INK * max(float(ink.max()), 1e-9)) if ink.size else ((), ())
    if not len(ys) or ink.max() <= 0:
        return None
    ink = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1] / ink.max()
    height, width = ink.shape
    columns = max(1, min(GRID, round(width * GRID / height)))
    cut = Image.fromarray((ink * 255).astype(np.uint8)).resize((columns, GRID), Image.BILINEAR)
    square = Image.new("L", (GRID, GRID), 0)
    square.paste(cut, ((GRID - columns) // 2, 0))
    vector = np.asarray(square.filter(ImageFilter.GaussianBlur(BLUR)), dtype=float).ravel()
    vector -= vector.mean()
    length = np.linalg.norm(vector)
    return vector / length if length > 0 else None


@functools.cache
def _references() -> dict:
    """Each digit's shapes in the reference fonts (fonts × GRID² by digit); {} where matplotlib's fonts are missing."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    spec = importlib.util.find_spec("matplotlib")
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf" if spec else None
    fonts = [folder / name for name in REFERENCE_FONTS if folder and (folder / name).is_file()]
    shapes: dict[str, list] = {digit: [] for digit in DIGITS}
    for path in fonts:
        font = ImageFont.truetype(str(path), 96)
        for digit in DIGITS:
            image = Image.new("L", (160, 160), 0)
            ImageDraw.Draw(image).text((20, 10), digit, fill=255, font=font)
            ink = np.asarray(image, dtype=float) / 255
            variants = (ink, _without_foot(ink)) if digit == "1" and path.name in FOOTLESS_ONES else (ink,)
            for shape in map(_normalised, variants):
                if shape is not None:
                    shapes[digit].append(shape)
    return {digit: np.array(found) for digit, found in shapes.items()} if fonts else {}


def _without_foot(ink):
    """A 1's ink (rows from the top) without its foot: below FOOT of its height, only the stem (the columns inked
    at half its height) is kept."""
    import numpy as np
    ys, xs = np.nonzero(ink > INK)
    ink = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1].copy()
    stem = np.nonzero(ink[ink.shape[0] // 2] > INK)[0]
    foot = int(ink.shape[0] * FOOT)
    ink[foot:, :max(stem.min() - 1, 0)] = 0
    ink[foot:, stem.max() + 2:] = 0
    return ink
