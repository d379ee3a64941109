"""The report's figures, drawn for a phone first: 3.6 inches wide, no text under 9 pt, one panel per row.

Inline SVG at that width fills a 390-px phone at about its natural size, so 9 pt text shows at about 12 CSS px
or more; on a desktop or an A4 page two figures sit side by side. Figures that would be tall are split into
several figures of a few panels each, so that no figure is taller than about half an A4 page and none has to
be split across pages. Every function returns a matplotlib Figure (not pyplot's: nothing to close) or None
when there is nothing to draw. Words come from helpers.wording; units in the reader's language.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import blended_transform_factory

from helpers.analyse.growth import CATEGORY_COLOURS

WIDTH = 3.6              # inches
FONT = 9.5               # pt: the smallest text in a figure is 9 pt (ticks)
TICK = 9
PROVINCE_COLOUR = "#d1342f"
# Colour-blind safe county colours (Okabe–Ito), with a marker each so that print in grey still tells them apart.
COUNTY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
COUNTY_MARKERS = ["o", "s", "D", "^", "v", "P"]
PANELS_PER_FIGURE = 4


def chunks(items: list, size: int = PANELS_PER_FIGURE) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _figure(height: float, top: float = 0.12, bottom: float = 0.42, left: float = 0.12, right: float = 0.14):
    """A figure of WIDTH × height inches with one axes inside fixed margins (in inches): no tight_layout."""
    fig = Figure(figsize=(WIDTH, height))
    ax = fig.add_axes((left / WIDTH, bottom / height, 1 - (left + right) / WIDTH, 1 - (top + bottom) / height))
    _style(ax)
    return fig, ax


def _style(ax) -> None:
    ax.tick_params(labelsize=TICK, length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e3e6ea", lw=0.8)
    ax.grid(axis="y", visible=False)
    ax.set_facecolor("white")


def _wrap(text: str, lang: str, width_zh: int = 24, width_en: int = 44) -> str:
    """Wrap a label to the figure's width: Chinese by characters, English by words."""
    if lang == "zh":
        return "\n".join(text[i:i + width_zh] for i in range(0, len(text), width_zh))
    return "\n".join(textwrap.wrap(text, width_en)) or text


def _row_label(ax, y: float, text: str) -> None:
    """A row's label above its marks, starting at the axes' left edge."""
    ax.text(0, y + 0.3, text, transform=blended_transform_factory(ax.transAxes, ax.transData), fontsize=FONT,
            va="bottom", ha="left", color="#222", zorder=5,
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


def growth_chart(rows: list[dict], axis_label: str) -> Figure | None:
    """Growth achieved (hollow) against growth required (filled), one row per county and indicator; the line
    between them in the colour of the progress judgement. rows: {label, achieved, required, category}."""
    if not rows:
        return None
    n = len(rows)
    lines = [r["label"].count("\n") for r in rows]
    height = 0.55 + sum(0.5 + 0.17 * k for k in lines)
    fig, ax = _figure(height)
    y = 0.0
    ys = []
    for r, k in zip(rows, lines):
        ys.append(y)
        y -= 1 + 0.45 * k
    for r, y in zip(rows, ys):
        colour = CATEGORY_COLOURS.get(r["category"], "#888")
        ax.plot([r["achieved"], r["required"]], [y, y], color=colour, lw=3.5, solid_capstyle="round", zorder=2)
        ax.scatter([r["achieved"]], [y], s=46, facecolor="white", edgecolor="#222", lw=1.4, zorder=3)
        ax.scatter([r["required"]], [y], s=46, color="#222", zorder=3)
        _row_label(ax, y, r["label"])
    values = [v for r in rows for v in (r["achieved"], r["required"])]
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    pad = (hi - lo) * 0.06 or 0.01
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(ys[-1] - 0.6, 0.3 + 0.62 + 0.45 * lines[0])
    ax.axvline(0, color="#999", lw=0.8)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(axis_label, fontsize=TICK)
    del n
    return fig


def province_chart(rows: list[dict], counties: list[str], many: bool) -> Figure | None:
    """County targets as a share of the provincial target (100% = level), one row per indicator.
    rows: {label, points: [(county, ratio)]}. With many counties: every county a small grey dot, the median
    a black diamond; with few, a colour and a marker per county and a legend."""
    if not rows:
        return None
    lines = [r["label"].count("\n") for r in rows]
    legend = 0 if many else 0.35 * int(np.ceil(len(counties) / 3))
    height = 0.55 + legend + sum(0.55 + 0.17 * k for k in lines)
    fig, ax = _figure(height, top=0.12 + legend)
    ys, y = [], 0.0
    for k in lines:
        ys.append(y)
        y -= 1 + 0.45 * k
    style = {c: (COUNTY_COLOURS[i % len(COUNTY_COLOURS)], COUNTY_MARKERS[i % len(COUNTY_MARKERS)])
             for i, c in enumerate(counties)}
    xs = []
    for r, y in zip(rows, ys):
        ratios = [v for _, v in r["points"]]
        xs += ratios
        if many:
            jitter = np.linspace(-0.15, 0.15, len(ratios)) if len(ratios) > 1 else [0]
            ax.scatter(ratios, [y + j for j in jitter], s=9, color="#888", alpha=0.6, lw=0, zorder=2)
            ax.scatter([float(np.median(ratios))], [y], marker="D", s=40, color="#222", zorder=3)
        else:
            for i, (county, v) in enumerate(r["points"]):
                colour, marker = style[county]
                ax.scatter([v], [y], marker=marker, s=48, color=colour, zorder=3, edgecolor="white", lw=0.6)
        _row_label(ax, y, r["label"])
    ax.axvline(1.0, color=PROVINCE_COLOUR, ls="--", lw=1.2, zorder=1)
    lo, hi = min(xs + [1.0]), max(xs + [1.0])
    pad = (hi - lo) * 0.08 or 0.1
    ax.set_xlim(max(0, lo - pad), hi + pad)
    ax.set_ylim(ys[-1] - 0.6, 0.3 + 0.62 + 0.45 * lines[0])
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if not many:
        from matplotlib.lines import Line2D
        handles = [Line2D([], [], ls="", marker=style[c][1], color=style[c][0], label=c, markersize=7)
                   for c in counties]
        fig.legend(handles=handles, loc="upper left", ncol=3, frameon=False, fontsize=FONT,
                   bbox_to_anchor=(0.0, 1.0), handletextpad=0.3, columnspacing=1.2)
    return fig


def target_panels(panels: list[dict], counties: list[str]) -> Figure | None:
    """Latest actual (hollow) to target (filled) for a few indicators, one panel each, stacked; the provincial
    target as a red dashed line. panels: {title, unit, rows: [(county, latest, target)], province}."""
    if not panels:
        return None
    n_c = len(counties)
    panel_h = 0.62 + 0.3 * n_c
    titles = [p["title"].count("\n") for p in panels]
    height = sum(panel_h + 0.17 * k for k in titles) + 0.1
    fig = Figure(figsize=(WIDTH, height))
    top = height - 0.05
    for p, k in zip(panels, titles):
        h = panel_h + 0.17 * k
        # title band, then the axes, then the tick labels
        ax_top = top - 0.3 - 0.17 * k
        ax_h = 0.3 * n_c
        ax = fig.add_axes((0.95 / WIDTH, (ax_top - ax_h) / height, 1 - 1.1 / WIDTH, ax_h / height))
        _style(ax)
        fig.text(0.12 / WIDTH, (top - 0.02) / height, p["title"], fontsize=FONT, va="top", ha="left", color="#222")
        values = []
        for i, county in enumerate(counties):
            hit = [r for r in p["rows"] if r[0] == county]
            if not hit:
                continue
            _, latest, target = hit[0]
            colour = COUNTY_COLOURS[i % len(COUNTY_COLOURS)]
            y = n_c - 1 - i
            if pd.notna(latest) and pd.notna(target):
                ax.plot([latest, target], [y, y], color=colour, lw=2.5, alpha=0.75, zorder=2)
            if pd.notna(latest):
                ax.scatter([latest], [y], s=40, facecolor="white", edgecolor=colour, lw=1.5, zorder=3)
                values.append(latest)
            if pd.notna(target):
                ax.scatter([target], [y], s=40, color=colour, zorder=3)
                values.append(target)
        if p.get("province") is not None:
            ax.axvline(p["province"], color=PROVINCE_COLOUR, ls="--", lw=1.2)
            values.append(p["province"])
        if values:
            lo, hi = min(values), max(values)
            pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1
            ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(-0.6, n_c - 0.4)
        ax.set_yticks(range(n_c), list(reversed(counties)), fontsize=TICK)
        ax.grid(axis="y", visible=False)
        top -= h
    return fig


def trend_panels(panels: list[dict]) -> Figure | None:
    """Observed values, the fitted trend to the target year, its 95% interval where one exists, and the target
    (a red star), one panel per series, stacked. panels: {title, years, values, curve_x, curve_y, target_year,
    target, interval: (lo, hi) | None, interval_80: (lo, hi) | None and ticks: [years] (both optional: the
    outlook's inner band, and fewer year labels on its longer axis)}."""
    if not panels:
        return None
    titles = [p["title"].count("\n") for p in panels]
    panel_h = 1.75
    height = sum(panel_h + 0.17 * k for k in titles) + 0.05
    fig = Figure(figsize=(WIDTH, height))
    top = height - 0.05
    for p, k in zip(panels, titles):
        ax_top = top - 0.3 - 0.17 * k
        ax_h = panel_h - 0.3 - 0.38
        ax = fig.add_axes((0.55 / WIDTH, (ax_top - ax_h) / height, 1 - 0.7 / WIDTH, ax_h / height))
        _style(ax)
        ax.grid(axis="y", color="#e3e6ea", lw=0.8)
        fig.text(0.12 / WIDTH, (top - 0.02) / height, p["title"], fontsize=FONT, va="top", ha="left", color="#222")
        if p.get("curve_x") is not None:
            ax.plot(p["curve_x"], p["curve_y"], color="#0072B2", lw=1.8)
        if p.get("interval"):
            lo, hi = p["interval"]
            ax.errorbar([p["target_year"]], [(lo + hi) / 2], yerr=[[(hi - lo) / 2], [(hi - lo) / 2]], fmt="none",
                        ecolor="#0072B2", capsize=5)
        if p.get("interval_80"):   # the outlook's inner band, drawn thicker inside the 95% one
            lo, hi = p["interval_80"]
            ax.vlines([p["target_year"]], lo, hi, color="#0072B2", lw=5, alpha=0.45)
        ax.scatter(p["years"], p["values"], color="#222", zorder=3, s=22)
        if p.get("target") is not None:
            ax.scatter([p["target_year"]], [p["target"]], marker="*", s=130, color=PROVINCE_COLOUR, zorder=4)
        ticks = p.get("ticks") or sorted(set(list(p["years"]) + [p["target_year"]]))
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.tick_params(labelsize=TICK)
        top -= panel_h + 0.17 * k
    return fig


def ranking_panels(panels: list[dict]) -> Figure | None:
    """Many counties: per indicator, the counties ranked by their latest value, each a line from latest
    (hollow) to target (filled); the provincial target as a red dashed line; first and last named.
    panels: {title, rows: [(county, latest, target)] sorted, province}."""
    if not panels:
        return None
    titles = [p["title"].count("\n") for p in panels]
    panel_h = 1.9
    height = sum(panel_h + 0.17 * k for k in titles) + 0.05
    fig = Figure(figsize=(WIDTH, height))
    top = height - 0.05
    for p, k in zip(panels, titles):
        ax_top = top - 0.3 - 0.17 * k
        ax_h = panel_h - 0.3 - 0.45
        ax = fig.add_axes((0.55 / WIDTH, (ax_top - ax_h) / height, 1 - 0.7 / WIDTH, ax_h / height))
        _style(ax)
        ax.grid(axis="y", color="#e3e6ea", lw=0.8)
        fig.text(0.12 / WIDTH, (top - 0.02) / height, p["title"], fontsize=FONT, va="top", ha="left", color="#222")
        rows = p["rows"]
        x = np.arange(len(rows))
        latest = np.array([r[1] for r in rows], dtype=float)
        target = np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=float)
        ax.vlines(x, latest, np.where(np.isnan(target), latest, target), color="#0072B2", lw=1, alpha=0.7)
        ax.scatter(x, latest, s=8, color="white", edgecolor="#0072B2", zorder=3, linewidths=0.8)
        ax.scatter(x, target, s=8, color="#0072B2", zorder=3)
        if p.get("province") is not None:
            ax.axhline(p["province"], color=PROVINCE_COLOUR, ls="--", lw=1)
        ax.set_xticks([0, len(rows) - 1], [rows[0][0], rows[-1][0]], fontsize=TICK)
        top -= panel_h + 0.17 * k
    return fig
