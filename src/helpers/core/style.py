"""How the outputs look, in one place: the font with Chinese glyphs and the colours.

The font is named once here for the figures (helpers.analyse.charts), the report's CSS (helpers.report.render
passes it to templates/offline_report) and the set-up check (helpers.run.environment). The colours are those of
every table, figure and workbook: the traffic lights of the progress categories (helpers.analyse.growth) and of
the 序时进度 judgements (helpers.analyse.evaluation), and the figures' series.

Standard library only: the set-up check reads it before anything is installed.
"""
from __future__ import annotations

CHINESE_FONT = "Noto Sans CJK SC"
# Where the font is missing, the CSS tries these (a reader's own machine); the figures never fall back.
CHINESE_FONT_FALLBACKS = ("Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif")
FONT_FILES = "NotoSansCJK*"            # its files under /usr/share/fonts
FONT_MISSING = (f"the font {CHINESE_FONT} is not installed, so Chinese text in figures and PDFs would show "
                "as empty boxes")
FONT_FIX = "run `make setup` (it installs the Debian package fonts-noto-cjk)."


def css_font_family() -> str:
    """The CSS font-family list: the Chinese font first."""
    return ", ".join(f'"{f}"' if " " in f else f for f in (CHINESE_FONT, *CHINESE_FONT_FALLBACKS))


# ----------------------------------------------------------------------------- colours

INK = "#222"                # text, observed values, and text on a light traffic light
ON_DARK = "#fff"            # text on a dark traffic light

# Traffic lights, one colour a meaning: the progress categories and the 序时进度 judgements, by their codes as the
# analysis tables store them (a test checks that every code has one). HELD shares on-track green.
LIGHTS = {
    "target_met": "#1a7f37", "on_track": "#4caf50", "needs_acceleration": "#f2c037",
    "limited_progress": "#f08c2e", "moving_away": "#d1342f", "target_missed": "#7a1f1f",
    "not_assessable": "#b0b7bf",
    "ahead": "#1a7f37", "on_schedule": "#4caf50", "behind": "#f08c2e", "held": "#4caf50", "not_held": "#d1342f",
}
# The lights dark enough to need white text.
DARK_LIGHTS = frozenset({"target_met", "moving_away", "target_missed", "ahead", "not_held"})


def light_text_colour(code: str) -> str:
    """The text colour on a traffic light: white on a dark one, near-black on a light one."""
    return ON_DARK if code in DARK_LIGHTS else INK


# The figures' series.
PROVINCE_COLOUR = "#d1342f"
TARGET_COLOUR = "#1f2328"   # the 100% line where a ratio is to the county's own target
TREND_COLOUR = "#0072B2"    # a fitted trend and its intervals
OBSERVED_COLOUR = INK       # observed values
# Colour-blind safe county colours (Okabe–Ito), with a marker each so that print in grey still tells them apart.
COUNTY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
COUNTY_MARKERS = ["o", "s", "D", "^", "v", "P"]
