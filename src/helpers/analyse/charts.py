"""The one figure stack: the font, palette and style, and the charts that the report and the analysis
notebooks draw (helpers.analyse.figures prepares the notebooks' figures from the tables and draws them here).

Figures are drawn for a phone first: 3.6 inches wide, no text under 9 pt, one panel per row.

Inline SVG at that width fills a 390-px phone at about its natural size, so 9 pt text shows at about 12 CSS px
or more; on a desktop or an A4 page two figures sit side by side. Figures that would be tall are split into
several figures of a few panels each, so that no figure is taller than about half an A4 page and none has to
be split across pages. Every function returns a matplotlib Figure (not pyplot's: nothing to close) or None
when there is nothing to draw. Words come from helpers.core.wording; units in the reader's language.

Speed: a figure costs about its number of axes and artists, whatever its data. So indicators share one axes
(a row each) wherever their values can share a scale (ratios, growth rates), and each kind of mark is one
artist (a line with markers, a line collection) rather than one scatter call per point. No seaborn or pyplot is
imported here (use_style sets the little the figures need).
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from helpers.analyse.growth import is_bound, lies_above
from helpers.analyse.inputs import observed_up_to, series
from helpers.analyse.trends import fitted_curve
from helpers.core.method import method_parameters
from helpers.core.style import (
    CHINESE_FONT,
    COUNTY_COLOURS,
    COUNTY_MARKERS,
    FONT_FIX,
    FONT_MISSING,
    INK,
    LIGHTS,
    OBSERVED_COLOUR,
    PROVINCE_COLOUR,
    TREND_COLOUR,
)
from helpers.core.wording import words_for

WIDTH = 3.6              # inches
FONT = 9.5               # pt: the smallest text in a figure is 9 pt (ticks)
TICK = 9


def chinese_font_file() -> str:
    """The file of the font with Chinese glyphs that every figure uses; a clear error when it is missing."""
    from matplotlib import font_manager

    from helpers.core.errors import InputError
    try:
        return font_manager.findfont(font_manager.FontProperties(family=CHINESE_FONT), fallback_to_default=False)
    except ValueError:
        raise InputError(None, None, FONT_MISSING, FONT_FIX) from None


def use_style() -> None:
    """The figures' matplotlib settings: a font with Chinese glyphs (no tofu boxes), muted axes, and SVG text
    kept as text (searchable, sharp on a phone, measurable)."""
    import matplotlib as mpl
    if mpl.rcParams["font.family"] == [CHINESE_FONT] and mpl.rcParams["svg.fonttype"] == "none":
        return                      # already set
    chinese_font_file()
    # text.parse_math off: names come from the documents and workbooks, and a $ in one ($x^$) must be shown as
    # written, not parsed as a formula (which fails).
    mpl.rcParams.update({"font.family": CHINESE_FONT, "axes.unicode_minus": False, "svg.fonttype": "none",
                         "text.parse_math": False,
                         "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": "#b0b7bf",
                         "xtick.color": "#333", "ytick.color": "#333"})


def chunks(items: list, size: int | None = None) -> list[list]:
    """Items in groups of `size`, by default config/method.yaml's panels_per_figure."""
    size = size or method_parameters().panels_per_figure
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


def wrap_label(text: str, lang: str, width_zh: int = 24, width_en: int = 44) -> str:
    """Wrap a label to the figure's width: Chinese by characters, English by words."""
    if lang == "zh":
        return "\n".join(text[i:i + width_zh] for i in range(0, len(text), width_zh))
    return "\n".join(textwrap.wrap(text, width_en)) or text


# Charts with a row per indicator (or series) lay their rows out in inches, the y axis counting inches down from
# the top of the rows: each row is its own label (one LABEL_LINE a line) and under it a band for its marks. A row
# takes the room its own label needs, so no label can reach the marks or the label of another row, however long
# the names and however many the rows.
LABEL_LINE = FONT * 1.3 / 72     # inches a line of label text takes
MARKS_BAND = 0.3                 # inches for a row's marks (markers of 7 pt, a jitter of ±0.1 in)
ROW_GAP = 0.06                   # inches between one row's marks and the next row's label
ROWS_PAD = 0.05                  # inches above the first label and below the last marks


def row_layout(labels: list[str]) -> tuple[list[float], float]:
    """The y of each row's marks (inches, negative: down from the top of the rows) and the rows' height."""
    ys, cursor = [], ROWS_PAD
    for label in labels:
        cursor += LABEL_LINE * (label.count("\n") + 1)
        ys.append(-(cursor + MARKS_BAND / 2))
        cursor += MARKS_BAND + ROW_GAP
    return ys, cursor - ROW_GAP + ROWS_PAD


def _rows_figure(labels: list[str], top: float = 0.05, bottom: float = 0.42):
    """A figure of WIDTH inches for rows with labels: the y axis in inches (row_layout), fixed margins."""
    ys, rows_height = row_layout(labels)
    fig, ax = _figure(top + rows_height + bottom, top=top, bottom=bottom)
    ax.set_ylim(-rows_height, 0)
    ax.set_yticks([])
    return fig, ax, ys


def _row_label(ax, y: float, text: str) -> None:
    """A row's label just above its marks (row_layout leaves it the room), starting at the axes' left edge."""
    ax.text(0, y + MARKS_BAND / 2, text, transform=blended_transform_factory(ax.transAxes, ax.transData),
            fontsize=FONT, va="bottom", ha="left", color=INK, zorder=5, linespacing=1.2,
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


def _percent_axis(ax) -> None:
    """An x axis of shares or rates in percent, at ticks 1, 2 or 5 times a power of ten apart, each written as it
    is (5%, 2.5%, 0.5%): never 2.5% written as '3%' beside a '5%'."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x * 100:.6g}%"))


def growth_chart(rows: list[dict], axis_label: str) -> Figure | None:
    """Growth achieved (hollow) against growth required (filled), one row per county and indicator; the line
    between them in the colour of the progress judgement. rows: {label, achieved, required, category}."""
    if not rows:
        return None
    from matplotlib.collections import LineCollection
    fig, ax, ys = _rows_figure([r["label"] for r in rows])
    # Few artists, however many rows: the lines in one collection, each kind of mark in one line.
    ax.add_collection(LineCollection([[(r["achieved"], y), (r["required"], y)] for r, y in zip(rows, ys)],
                                     colors=[LIGHTS.get(r["category"], "#888") for r in rows],
                                     linewidths=3.5, capstyle="round", zorder=2))
    ax.plot([r["achieved"] for r in rows], ys, ls="", marker="o", ms=7, mfc="white", mec=OBSERVED_COLOUR, mew=1.4,
            zorder=3)
    ax.plot([r["required"] for r in rows], ys, ls="", marker="o", ms=7, color=OBSERVED_COLOUR, zorder=3)
    for r, y in zip(rows, ys):
        _row_label(ax, y, r["label"])
    values = [v for r in rows for v in (r["achieved"], r["required"])]
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    pad = (hi - lo) * 0.06 or 0.01
    ax.set_xlim(lo - pad, hi + pad)
    ax.axvline(0, color="#999", lw=0.8)
    _percent_axis(ax)
    ax.set_xlabel(axis_label, fontsize=TICK)
    return fig


def ratio_span(rows: list[dict]) -> tuple[float, float]:
    """The ratio axis's range for these rows: every ratio (and bound) and 100%, with a margin."""
    xs = [v for r in rows for _, v in r["points"]] + [v for r in rows for _, v, _ in r.get("bounds", [])]
    lo, hi = min(xs + [1.0]), max(xs + [1.0])
    pad = (hi - lo) * 0.08 or 0.1
    return (max(0, lo - pad) if lo >= 0 else lo - pad, hi + pad)


def ratio_chart(rows: list[dict], counties: list[str], many: bool, reference: str = PROVINCE_COLOUR,
                span: tuple[float, float] | None = None) -> Figure | None:
    """Ratios against a reference drawn at 100% (a dashed line in the colour `reference`), one row per
    indicator: county targets against the provincial target, or latest actuals against their own targets.
    rows: {label, points: [(county, ratio)], bounds: [(county, ratio, above)] (optional)}. With many counties
    every county is a small grey dot and the median a black diamond; with few, a colour and a marker per county and
    a legend. A ratio known only as a bound (of an actual recorded as one: ≥19.9 against 20 is 99.5% or more) is a
    hollow triangle pointing to the side the ratio lies on (▷ above, ◁ below), in the county's colour, never in the
    median. One axes for all rows; `span`: its range (the same for the parts of one chart drawn as several
    figures), else ratio_span(rows)."""
    if not rows:
        return None
    # Each county keeps its colour and marker (its place in `counties`), but the legend lists only the counties
    # drawn: one without a point here (no value of these indicators) is not named as if it were.
    style = {c: (COUNTY_COLOURS[i % len(COUNTY_COLOURS)], COUNTY_MARKERS[i % len(COUNTY_MARKERS)])
             for i, c in enumerate(counties)}
    drawn = [c for c in counties if any(name == c for r in rows for name, *_ in r["points"] + r.get("bounds", []))]
    legend = 0 if many or not drawn else 0.35 * int(np.ceil(len(drawn) / 3))
    fig, ax, ys = _rows_figure([r["label"] for r in rows], top=0.05 + legend)
    if many:
        # All counties' dots in one artist, jittered within their row; the medians in another.
        dots_x, dots_y, medians = [], [], []
        for r, y in zip(rows, ys):
            ratios = [v for _, v in r["points"]]
            jitter = np.linspace(-0.1, 0.1, len(ratios)) if len(ratios) > 1 else [0]
            dots_x += ratios
            dots_y += [y + j for j in jitter]
            medians.append(float(np.median(ratios)) if ratios else np.nan)
        ax.plot(dots_x, dots_y, ls="", marker="o", ms=3, color="#888", alpha=0.6, mew=0, zorder=2)
        ax.plot(medians, ys, ls="", marker="D", ms=6, color=INK, zorder=3)
    else:
        # One artist per county: its marker in every row it has a value for.
        for county in counties:
            colour, marker = style[county]
            pts = [(v, y) for r, y in zip(rows, ys) for c, v in r["points"] if c == county]
            if pts:
                ax.plot([v for v, _ in pts], [y for _, y in pts], ls="", marker=marker, ms=7, color=colour,
                        mec="white", mew=0.6, zorder=3, label=county)
    for above in (True, False):         # the bounds: one artist per county and side
        for county in counties:
            pts = [(v, y) for r, y in zip(rows, ys) for c, v, up in r.get("bounds", []) if c == county and up == above]
            if pts:
                ax.plot([v for v, _ in pts], [y for _, y in pts], ls="", marker=">" if above else "<",
                        ms=5 if many else 7, mfc="white", mec="#888" if many else style[county][0], mew=1.2,
                        zorder=3)
    for r, y in zip(rows, ys):
        _row_label(ax, y, r["label"])
    ax.axvline(1.0, color=reference, ls="--", lw=1.2, zorder=1)
    ax.set_xlim(*(span or ratio_span(rows)))
    _percent_axis(ax)
    if not many and drawn:
        from matplotlib.lines import Line2D
        handles = [Line2D([], [], ls="", marker=style[c][1], color=style[c][0], label=c, markersize=7)
                   for c in drawn]
        fig.legend(handles=handles, loc="upper left", ncol=3, frameon=False, fontsize=FONT,
                   bbox_to_anchor=(0.0, 1.0), handletextpad=0.3, columnspacing=1.2)
    return fig


def _scaled(panel: dict) -> dict:
    """A trend panel with every value multiplied by its `scale`."""
    scale = panel.get("scale", 1.0)
    if scale == 1:
        return panel
    times = lambda v: None if v is None else v * scale  # noqa: E731
    out = dict(panel, values=[times(v) for v in panel["values"]], target=times(panel.get("target")),
               bounds=[(y, times(v), above) for y, v, above in panel.get("bounds", [])])
    if panel.get("curve_y") is not None:
        out["curve_y"] = panel["curve_y"] * scale
    for key in ("interval", "interval_narrow"):
        if panel.get(key):
            out[key] = tuple(times(v) for v in panel[key])
    return out


def trend_panels(panels: list[dict], legend: dict | None = None) -> Figure | None:
    """Observed values, the fitted trend to the target year, its wide interval where one exists, and the target
    (a red star), one panel per series, stacked. panels: {title, years, values, curve_x, curve_y, target_year,
    target, interval: (lo, hi) | None, interval_narrow: (lo, hi) | None and ticks: [years] (both optional: the
    outlook's inner band, and fewer year labels on its longer axis), scale: the factor every value is drawn
    with (optional: a unit drawn as another, see figure_unit)}. legend: the marks' names ({observed, trend,
    band, band_narrow, target, bound}), for a figure shown without a caption (the notebooks): a legend in the first
    panel. An actual recorded as a bound (panel `bounds`: (year, value, above)) is no measurement: a hollow triangle
    at the bound, pointing where the figure lies (▲ above it, ▼ below), apart from the actuals the line was fitted
    to."""
    if not panels:
        return None
    titles = [p["title"].count("\n") for p in panels]
    panel_h = 1.75
    height = sum(panel_h + 0.17 * k for k in titles) + 0.05
    fig = Figure(figsize=(WIDTH, height))
    top = height - 0.05
    for i, (p, k) in enumerate(zip(panels, titles)):
        p = _scaled(p)
        names = legend if legend and i == 0 else {}
        ax_top = top - 0.3 - 0.17 * k
        ax_h = panel_h - 0.3 - 0.38
        ax = fig.add_axes((0.55 / WIDTH, (ax_top - ax_h) / height, 1 - 0.7 / WIDTH, ax_h / height))
        _style(ax)
        ax.grid(axis="y", color="#e3e6ea", lw=0.8)
        fig.text(0.12 / WIDTH, (top - 0.02) / height, p["title"], fontsize=FONT, va="top", ha="left", color=INK)
        if p.get("curve_x") is not None and p.get("curve_y") is not None:   # no line: the title says why
            ax.plot(p["curve_x"], p["curve_y"], color=TREND_COLOUR, lw=1.8, label=names.get("trend"))
        if p.get("interval"):
            lo, hi = p["interval"]
            ax.errorbar([p["target_year"]], [(lo + hi) / 2], yerr=[[(hi - lo) / 2], [(hi - lo) / 2]], fmt="none",
                        ecolor=TREND_COLOUR, capsize=5, label=names.get("band"))
        if p.get("interval_narrow"):   # the outlook's inner band, drawn thicker inside the wide one
            lo, hi = p["interval_narrow"]
            ax.vlines([p["target_year"]], lo, hi, color=TREND_COLOUR, lw=5, alpha=0.45, label=names.get("band_narrow"))
        ax.scatter(p["years"], p["values"], color=OBSERVED_COLOUR, zorder=3, s=22, label=names.get("observed"))
        bound_label = names.get("bound")
        for above in (True, False):
            marks = [(y, v) for y, v, up in p.get("bounds", []) if up == above]
            if marks:
                ax.scatter(*zip(*marks), marker="^" if above else "v", s=30, facecolor="white",
                           edgecolor=OBSERVED_COLOUR, zorder=3, label=bound_label)
                bound_label = None      # (one legend entry for both)
        if p.get("target") is not None:
            ax.scatter([p["target_year"]], [p["target"]], marker="*", s=130, color=PROVINCE_COLOUR, zorder=4,
                       label=names.get("target"))
        ticks = p.get("ticks") or sorted(set(list(p["years"]) + [y for y, _, _ in p.get("bounds", [])]
                                             + [p["target_year"]]))
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.tick_params(labelsize=TICK)
        if names:
            ax.legend(fontsize=TICK - 1.5, loc="upper left", frameon=False)
        top -= panel_h + 0.17 * k
    return fig


# ----------------------------------------------------------------------------- trend panels from the tables

def figure_unit(catalogue, unit: str, lang: str) -> tuple[str, float]:
    """A figure's unit, bracketed for its title, and the factor its values are drawn with: English figures
    draw 万人 as thousand persons (the catalogue's figure_en), which reads naturally; Chinese as written."""
    u = catalogue.units.get(unit)
    if lang == "zh" or u is None or not u.figure_name_en:
        name, factor = words_for(lang, catalogue).unit(unit), 1.0
    else:
        name, factor = u.figure_name_en, u.figure_factor_en
    return (f"（{name}）" if lang == "zh" else f" ({name})"), factor


def series_title(inputs, entity: str, ind_id: str, unit: str, lang: str) -> str:
    """'建德市 · 人才资源总量（万人）': one county's series of one indicator with its unit, wrapped."""
    w = words_for(lang, inputs.catalogue)
    names = inputs.sources.entity_names()[entity]
    ind = inputs.catalogue.indicators[ind_id]
    unit, _ = figure_unit(inputs.catalogue, unit, lang)
    name = f"{names[0] if lang == 'zh' else names[1]}{w('figures.sep')}{ind.name_zh if lang == 'zh' else ind.name_en}"
    return wrap_label(name + unit, lang)


def _observed(inputs, entity: str, ind_id: str) -> tuple[pd.DataFrame, list[tuple]]:
    """The observations a trend was fitted to (up to the report year), and apart from them the actuals recorded
    as bounds (>19.9), which no fit takes: (year, value, whether the figure lies above the bound)."""
    records = observed_up_to(series(inputs, entity, ind_id), inputs.report_year,
                             inputs.plan_of(entity).period.base_year)
    bounds = [(int(r["year"]), float(r["value"]), lies_above(r["comparator"])) for r in records
              if is_bound(r.get("comparator"))]
    return pd.DataFrame([r for r in records if not is_bound(r.get("comparator"))]), bounds


def no_trend_line(curve, observed: pd.DataFrame, measure: str, w) -> str:
    """Why a panel of two observations or more has no trend line (helpers.analyse.trends cannot fit a log scale
    through 0 or below, nor a logit scale through 0 or 100%), in the reader's language; '' when it has one."""
    if curve is not None:
        return ""
    values = observed["value"].astype(float)
    low, high = float(values.min()), float(values.max())
    if measure == "share" and high >= 100:
        return w("figures.no_trend_line", value=f"{high:g}%")
    if low <= 0:
        return w("figures.no_trend_line", value=f"{low:g}" + ("%" if measure == "share" else ""))
    return w("figures.no_trend_line_other")


def progress_panels(inputs, progress: pd.DataFrame, lang: str, limit: int | None = None) -> list[dict]:
    """A trend panel per series of the progress table (trends.csv) with two observations or more: the line and
    its interval as the table holds them, never refitted, to the plan's target year, and the plan's target. With
    `limit`, the series least likely to meet their targets first."""
    w = words_for(lang, inputs.catalogue)
    rows = progress[progress["trend_n_obs"] >= 2]
    if limit is not None and len(rows) > limit:
        rows = rows.sort_values(["trend_probability_meets_target", "progress_ratio"], na_position="last").head(limit)
    panels = []
    for r in rows.itertuples():
        obs, bounds = _observed(inputs, r.entity, r.indicator_id)
        target_year = int(r.trend_projection_year)
        # An unreliable projection (helpers.analyse.trends) is not drawn as a forecast: the line stops at the
        # last actual, and the panel says why.
        unreliable = isinstance(getattr(r, "trend_projection_caution", None), str)
        xs = np.linspace(obs["year"].min(), obs["year"].max() if unreliable else target_year, 40)
        curve = fitted_curve(None if pd.isna(r.trend_scale) else r.trend_scale, r.trend_intercept, r.trend_slope,
                             xs)
        has_interval = pd.notna(r.trend_pi_lower) and not unreliable
        note = ("\n" + wrap_label(no_line, lang) if (no_line := no_trend_line(curve, obs, r.measure, w))
                else "\n" + w("figures.unreliable") if unreliable
                else "" if has_interval else "\n" + w("figures.no_interval"))
        panels.append({"title": series_title(inputs, r.entity, r.indicator_id, r.unit, lang) + note,
                       "scale": figure_unit(inputs.catalogue, r.unit, lang)[1],
                       "years": obs["year"].tolist(), "values": obs["value"].tolist(), "bounds": bounds,
                       "curve_x": None if curve is None else xs, "curve_y": curve, "target_year": target_year,
                       "target": None if pd.isna(r.target_value) else float(r.target_value),
                       "interval": (r.trend_pi_lower, r.trend_pi_upper) if has_interval else None})
    return panels


def outlook_panels(inputs, outlook: pd.DataFrame, lang: str, limit: int | None = None) -> list[dict]:
    """Drafting the next plan: a panel per series of the outlook table (outlook.csv) with two observations or
    more, the trend to the next target year with its narrow (thick) and wide (thin) intervals, and the next plan's
    target where there is one, with where it falls in the trend. With `limit`, the series whose next targets ask
    most of the trend first."""
    w = words_for(lang, inputs.catalogue)
    rows = outlook[outlook["trend_n_obs"] >= 2]
    if limit is not None and len(rows) > limit:
        rows = rows.sort_values("acceleration_needed", ascending=False, na_position="last").head(limit)
    panels = []
    for r in rows.itertuples():
        obs, bounds = _observed(inputs, r.entity, r.indicator_id)
        end = int(r.next_target_year)
        unreliable = isinstance(getattr(r, "projection_caution", None), str)     # drawn only to the last actual
        xs = np.linspace(obs["year"].min(), obs["year"].max() if unreliable else end, 40)
        curve = fitted_curve(None if pd.isna(r.trend_scale) else r.trend_scale, r.trend_intercept, r.trend_slope,
                             xs)
        has_interval = pd.notna(r.pi_wide_lower) and not unreliable
        reading = w(f"plan_cycle.outlook_short.{r.target_reading}") if isinstance(r.target_reading, str) else ""
        reading = w("figures.unreliable") if unreliable and not reading else reading
        reading = no_trend_line(curve, obs, r.measure, w) or reading
        reading = "\n" + wrap_label(reading, lang) if reading else ""
        panels.append({"title": series_title(inputs, r.entity, r.indicator_id, r.unit, lang) + reading,
                       "scale": figure_unit(inputs.catalogue, r.unit, lang)[1],
                       "years": obs["year"].tolist(), "values": obs["value"].tolist(), "bounds": bounds,
                       "curve_x": None if curve is None else xs, "curve_y": curve, "target_year": end,
                       "target": None if pd.isna(r.next_target_value) else float(r.next_target_value),
                       "interval": (r.pi_wide_lower, r.pi_wide_upper) if has_interval else None,
                       "interval_narrow": (r.pi_narrow_lower, r.pi_narrow_upper) if has_interval else None,
                       "ticks": sorted({int(obs["year"].min()), int(r.next_base_year), end})})
    return panels
