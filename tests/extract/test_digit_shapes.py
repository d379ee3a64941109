"""Which digit a glyph drawn in a PDF looks like (digit_shapes.likeness): a 1 drawn without a foot, as Arial,
Helvetica, Microsoft YaHei and WenQuanYi Micro Hei draw it, is a 1, not a 4 (an honest PDF in WenQuanYi Micro Hei
stopped as a lying one); a 4 is still a 4, however its 1 is drawn."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from helpers.extract.documents.digit_shapes import likeness


def _footless_one(stem: int = 14, flag_drop: int = 22) -> np.ndarray:
    """A 1 as a sans font without a foot draws it: a stem 14 px wide, 100 px tall, and a flag down to the left."""
    image = Image.new("L", (120, 140), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 20, 60 + stem, 120), fill=255)
    draw.polygon([(60, 20), (60 + stem, 20), (34, 20 + flag_drop + 8), (30, 20 + flag_drop)], fill=255)
    return np.asarray(image, dtype=float) / 255


def _four() -> np.ndarray:
    image = Image.new("L", (120, 140), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((66, 20, 80, 120), fill=255)                       # the stem
    draw.polygon([(66, 20), (80, 20), (30, 90), (16, 90)], fill=255)  # the diagonal
    draw.rectangle((16, 84, 96, 96), fill=255)                        # the bar
    return np.asarray(image, dtype=float) / 255


def test_a_one_without_a_foot_is_a_one():
    for stem, drop in ((14, 22), (10, 18), (18, 30)):
        scores = likeness(_footless_one(stem, drop))
        assert max(scores, key=scores.get) == "1", (stem, drop, scores)


def test_a_four_is_still_a_four():
    scores = likeness(_four())
    assert max(scores, key=scores.get) == "4", scores
    assert scores["4"] - scores["1"] > 0.05, scores
