"""The analysis notebooks' figures, from the analysis tables, with Chinese labels that render (no tofu boxes).

One figure stack: the font, the palette and the trend panels are helpers.analyse.charts', which the report
draws with too. Call `use_chinese_style()` once before drawing. Every function returns a closed matplotlib
Figure: closed so that Jupyter shows it once, as the cell's value, and scripts can save it.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.analyse import charts
from helpers.analyse.charts import chinese_font_file
from helpers.analyse.growth import CATEGORIES, category_label, is_bound, lies_above
from helpers.analyse.outlook import row_period
from helpers.core.formatting import number
from helpers.core.method import method_parameters
from helpers.core.periods import period_label
from helpers.core.style import (
    CHINESE_FONT,
    COUNTY_COLOURS,
    LIGHTS,
    PROVINCE_COLOUR,
    TREND_COLOUR,
    light_text_colour,
)
from helpers.core.wording import words, words_for


def use_chinese_style() -> str:
    """Set the seaborn theme with a font that has Chinese glyphs. Returns the font file used."""
    path = chinese_font_file()
    # The font goes to set_theme itself: a later set_theme would reset rcParams set by hand.
    # text.parse_math off: a $ in a name from a document ($x^$) is shown as written, not parsed as a formula.
    sns.set_theme(style="whitegrid", font=CHINESE_FONT, rc={"axes.unicode_minus": False, "figure.dpi": 110,
                                                            "text.parse_math": False})
    _inline_without_tight_bbox()
    return path


def _inline_without_tight_bbox() -> None:
    """Speed: Jupyter's inline backend saves figures with bbox_inches='tight', which draws each figure
    twice. Every figure here lays itself out, so the second draw buys nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":  # a Jupyter kernel
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")


def _label(row, lang: str = "zh") -> str:
    caveat = words(lang)("figures.caveat") if row.get("comparability") == "caveat" else ""
    name = row["indicator_name_zh"] if lang == "zh" else row.get("indicator_name_en", row["indicator_name_zh"])
    return f"{name}{caveat}"


def _units(lang: str, catalogue=None):
    """The wording that writes a catalogue unit in this language (万人 in Chinese, '10,000 persons' in English:
    config/catalogue.yaml's name_en, the one home of units' names); the project's catalogue unless given."""
    if lang == "zh":
        return words(lang)
    from helpers.core.config import load_catalogue
    return words_for(lang, catalogue if catalogue is not None else load_catalogue())


def _title(row, units) -> str:
    """A panel's title: the indicator and its unit, 人才资源总量（万人）, Total talent pool (10,000 persons)."""
    unit = units.unit(row["unit"])
    return f"{_label(row, units.lang)}（{unit}）" if units.lang == "zh" else f"{_label(row, units.lang)} ({unit})"


def _text(value) -> str | None:
    """A text cell as read from a CSV: missing is None, not NaN."""
    return None if pd.isna(value) else str(value)


def _county(row, lang: str) -> str:
    return row["entity_name_zh"] if lang == "zh" else row.get("entity_name_en", row["entity"])


def _target_year(progress: pd.DataFrame, L: dict) -> str:
    """The target year the figure's targets are for (from the data, never written in code); each of them where
    the counties' plans end in different years (2025或2030年目标: never one county's year over another's targets)."""
    years = sorted(set(progress["target_year"].dropna().astype(int)))
    return L["years_or"].join(map(str, years))


def _years(data: pd.DataFrame, comparison: pd.DataFrame, L: dict) -> dict:
    """The legend's years: the counties' targets' (_target_year), and the provincial targets' own (other_year of
    comparison.csv's province rows, which a county on a new plan is set against on the plan that ended)."""
    prov = (comparison.loc[comparison["comparison"] == "county_vs_province", "other_year"].dropna()
            if "other_year" in comparison else pd.Series(dtype=float))
    return {"target_year": _target_year(data, L),
            "province_year": L["years_or"].join(map(str, sorted(set(prov.astype(int))))) or _target_year(data, L)}


# An actual recorded only as a bound (>19.9) is drawn as what it is: a hollow triangle at the bound pointing to the
# side the figure lies on (▷ above it on a value axis that runs to the right, ◁ below), joined to the target by a
# dotted line (how far the figure is from the target is not known). charts.trend_panels draws bounds alike (▲ ▼).
BOUND_MARKERS = {True: ">", False: "<"}


def _bound_side(comparator) -> bool | None:
    """True where the latest actual is a lower bound (the figure lies above it), False an upper bound, None a
    figure."""
    return lies_above(comparator) if is_bound(comparator) else None


def dumbbell(progress: pd.DataFrame, comparison: pd.DataFrame, col_wrap: int = 3, lang: str = "zh",
             catalogue=None) -> plt.Figure:
    """Latest actual → target per indicator and county; the provincial target as a red diamond. A latest actual
    recorded as a bound: a hollow triangle pointing where the figure lies, with its own legend entry. Units are
    named in the figure's language, from `catalogue` (default: the project's)."""
    units = _units(lang, catalogue)
    data = progress.dropna(subset=["latest_value", "target_value"])
    prov = (comparison[comparison["comparison"] == "county_vs_province"]
            .drop_duplicates("indicator_id").set_index("indicator_id")["other_value"])
    indicators = list(dict.fromkeys(data["indicator_id"]))
    L = words(lang).table("figures")
    data = data.assign(county=data.apply(_county, axis=1, lang=lang))
    counties = list(dict.fromkeys(data["county"]))
    colours = {c: COUNTY_COLOURS[i % len(COUNTY_COLOURS)] for i, c in enumerate(counties)}
    # the kinds of bound drawn (True: lower bounds, False: upper), each with its legend entry
    sides = [s for s in (True, False) if s in set(data.get("latest_comparator", pd.Series()).map(_bound_side))]
    rows = int(np.ceil(len(indicators) / col_wrap))
    panel_h = 0.55 * len(counties) + 0.9
    legend_h = 0.6 + 0.3 * ((3 + len(sides) + 2) // 3 - 1)      # inches: a line more for a fourth or fifth entry
    height = legend_h + panel_h * rows
    fig, axes = plt.subplots(rows, col_wrap, figsize=(4.2 * col_wrap, height), squeeze=False)
    # Fixed margins in inches: as good as tight_layout here, and far cheaper with many panels.
    fig.subplots_adjust(left=0.9 / (4.2 * col_wrap), right=0.98, top=1 - legend_h / height, bottom=0.35 / height,
                        hspace=0.75 / (panel_h - 0.75), wspace=0.28)
    for ax, ind_id in zip(axes.flat, indicators):
        sub = data[data["indicator_id"] == ind_id]
        for y, county in enumerate(counties):
            r = sub[sub["county"] == county]
            if r.empty:
                continue
            r = r.iloc[0]
            side = _bound_side(r.get("latest_comparator"))
            ax.plot([r["latest_value"], r["target_value"]], [y, y], color=colours[county], lw=2.5, alpha=0.7,
                    ls="-" if side is None else ":")
            # (a bound at the target is drawn over the target's dot, a figure under it)
            ax.scatter([r["latest_value"]], [y], color="white", edgecolor=colours[county], zorder=3 if side is None
                       else 4, s=40 if side is None else 55, marker="o" if side is None else BOUND_MARKERS[side])
            ax.scatter([r["target_value"]], [y], color=colours[county], zorder=3, s=40)
        first = sub.iloc[0]
        if ind_id in prov.index and first["measure"] == "total":
            # A province's head count dwarfs a county's: state it, with the county's share, instead of drawing it.
            shares = units("views.list_sep").join(f"{r.county} {r.target_value / prov[ind_id]:.1%}"
                                                  for r in sub.itertuples())
            ax.text(0.99, 0.04, L["prov_text"].format(v=number(prov[ind_id]), u=units.unit_after(first["unit"]),
                                                      shares=shares),
                    transform=ax.transAxes,
                    ha="right", va="bottom", fontsize=7.5, color=PROVINCE_COLOUR)
        elif ind_id in prov.index:
            ax.axvline(prov[ind_id], color=PROVINCE_COLOUR, ls="--", lw=1)
            ax.scatter([prov[ind_id]], [len(counties) - 0.4], marker="D", color=PROVINCE_COLOUR, s=30, zorder=4,
                       clip_on=False)
        ax.set_title(_title(first, units), fontsize=9.5)
        ax.set_yticks(range(len(counties)), counties, fontsize=9)
        ax.set_ylim(-0.6, len(counties) - 0.2)
        ax.tick_params(axis="x", labelsize=8)
    for ax in list(axes.flat)[len(indicators):]:
        ax.axis("off")
    years = _years(data, comparison, L)
    handles = [plt.Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor="grey",
                          label=L["latest"]),
               plt.Line2D([], [], marker="o", ls="", color="grey", label=L["target"].format(**years)),
               plt.Line2D([], [], marker="D", ls="--", color=PROVINCE_COLOUR,
                          label=L["province"].format(target_year=years["province_year"]))]
    handles[1:1] = [plt.Line2D([], [], marker=BOUND_MARKERS[side], ls=":", color="grey", markerfacecolor="white",
                               label=L["latest_above" if side else "latest_below"])
                    for side in sides]
    fig.legend(handles=handles, loc="upper center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 1.0))
    plt.close(fig)
    return fig


def comparison_chart(progress: pd.DataFrame, comparison: pd.DataFrame, lang: str = "zh",
                     catalogue=None) -> plt.Figure:
    """The dumbbell chart for a few counties; ranked small multiples for many."""
    if progress["entity"].nunique() > method_parameters().many_counties:   # config/method.yaml, as the report
        return ranking_panels(progress, comparison, lang=lang, catalogue=catalogue)
    return dumbbell(progress, comparison, col_wrap=2, lang=lang, catalogue=catalogue)


def ranking_panels(progress: pd.DataFrame, comparison: pd.DataFrame, col_wrap: int = 3, lang: str = "zh",
                   catalogue=None) -> plt.Figure:
    """Many counties: one small panel per indicator; counties ranked by their latest value, each a line
    from latest to target; the provincial target as a red dashed line; the first and last named. A county whose
    latest actual is only a bound (>19.9) has no place in the order (its figure may lie anywhere beyond the
    bound; comparison.csv gives it no rank either): it is left out, and the panel says how many were. So is a
    county whose latest actual is of an earlier year than the latest any county has (its figures are late): the
    counties are ranked on one year's actuals, as comparison.csv ranks them."""
    w = _units(lang, catalogue)
    L = w.table("figures")
    data = progress.dropna(subset=["latest_value"])
    bounded = data.get("latest_comparator", pd.Series(None, index=data.index, dtype=object)).map(is_bound)
    years = data.get("latest_year", pd.Series(0, index=data.index))
    older = (years < years.groupby(data["indicator_id"]).transform("max")).fillna(False).astype(bool)
    unranked = data[bounded & ~older].groupby("indicator_id").size()
    unranked_older = data[older].groupby("indicator_id").size()
    data = data[~bounded & ~older]
    prov = (comparison[comparison["comparison"] == "county_vs_province"]
            .drop_duplicates("indicator_id").set_index("indicator_id")["other_value"])
    indicators = [i for i, g in data.groupby("indicator_id", sort=False) if len(g) >= 2]
    rows = max(1, int(np.ceil(len(indicators) / col_wrap)))
    fig, axes = plt.subplots(rows, col_wrap, figsize=(4.0 * col_wrap, 0.5 + 2.6 * rows), squeeze=False)
    fig.subplots_adjust(left=0.06, right=0.98, top=1 - 0.5 / (0.5 + 2.6 * rows), bottom=0.03, hspace=0.55, wspace=0.3)
    for ax, ind_id in zip(axes.flat, indicators):
        g = data[data["indicator_id"] == ind_id].sort_values("latest_value").reset_index(drop=True)
        x = np.arange(len(g))
        ax.vlines(x, g["latest_value"], g["target_value"].fillna(g["latest_value"]), color=TREND_COLOUR, lw=1,
                  alpha=0.7)
        ax.scatter(x, g["latest_value"], s=8, color="white", edgecolor=TREND_COLOUR, zorder=3, linewidths=0.8)
        ax.scatter(x, g["target_value"], s=8, color=TREND_COLOUR, zorder=3)
        first = g.iloc[0]
        if ind_id in prov.index and first["measure"] != "total":
            ax.axhline(prov[ind_id], color=PROVINCE_COLOUR, ls="--", lw=1)
        for pos, r in ((0, g.iloc[0]), (len(g) - 1, g.iloc[-1])):
            ax.annotate(_county(r, lang), (pos, r["latest_value"]), fontsize=6.5, xytext=(0, -9 if pos == 0 else 4),
                        textcoords="offset points", ha="left" if pos == 0 else "right")
        left_out = [w(key, n=int(counts[ind_id])) for key, counts in (("figures.unranked", unranked),
                                                                      ("figures.unranked_older", unranked_older))
                    if counts.get(ind_id, 0)]
        if left_out:
            ax.text(0.02, 0.97, "\n".join(left_out), transform=ax.transAxes, ha="left", va="top", fontsize=6.5,
                    color="#555")
        ax.set_title(_title(first, w), fontsize=8.5)
        ax.set_xticks([])
        ax.tick_params(axis="y", labelsize=7)
    for ax in list(axes.flat)[len(indicators):]:
        ax.axis("off")
    years = _years(data, comparison, L)
    handles = [plt.Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor=TREND_COLOUR,
                          label=L["latest"]),
               plt.Line2D([], [], marker="o", ls="", color=TREND_COLOUR, label=L["target"].format(**years)),
               plt.Line2D([], [], ls="--", color=PROVINCE_COLOUR,
                          label=L["province"].format(target_year=years["province_year"]))]
    fig.legend(handles=handles, loc="upper center", ncol=3, frameon=False, fontsize=8)
    plt.close(fig)
    return fig


def growth_bars(progress: pd.DataFrame, lang: str = "zh", limit: int | None = None) -> plt.Figure:
    """Required growth against historical growth, side by side, where both exist (the `limit` largest
    shortfalls first, so that a whole province stays readable)."""
    data = progress.dropna(subset=["historical_growth", "required_growth"])
    data = data[data["growth_method"].str.startswith("compound")]
    if limit is not None and len(data) > limit:
        data = data.assign(_gap=data["required_growth"] - data["historical_growth"]).nlargest(limit, "_gap")
    L = words(lang).table("figures")
    long = pd.concat([
        data.assign(rate=data["historical_growth"] * 100, kind=L["hist"]),
        data.assign(rate=data["required_growth"] * 100, kind=L["req"]),
    ])
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.75 * data.shape[0]))
    if long.empty:   # e.g. at a final evaluation: nothing is required any more
        ax.text(0.5, 0.5, L["no_growth"], ha="center", va="center")
        ax.axis("off")
        plt.close(fig)
        return fig
    long["label"] = long.apply(_county, axis=1, lang=lang) + L["sep"] + long.apply(_label, axis=1, lang=lang)
    sns.barplot(long, y="label", x="rate", hue="kind", ax=ax, palette=COUNTY_COLOURS[:2])
    for container in ax.containers:
        ax.bar_label(container, fmt="%.1f%%", fontsize=8, padding=2)
    ax.set_xlabel(L["rate_axis"])
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right", fontsize=8)
    fig.tight_layout()
    plt.close(fig)
    return fig


def trend_panels(inputs, progress: pd.DataFrame, lang: str = "zh", limit: int | None = None) -> Figure:
    """Observed values, the fitted trend to the target year, its wide interval where one exists, the target: the
    report's trend panels (charts.progress_panels, charts.trend_panels), with a legend. The line, the projection
    and its interval are those of the progress table (trends.csv), never refitted. With `limit`, the series
    least likely to meet their targets come first."""
    L = words(lang).table("figures")
    panels = charts.progress_panels(inputs, progress, lang, limit)
    return charts.trend_panels(panels, legend={"observed": L["observed"], "trend": L["trend"], "band": L["band"],
                                               "target": L["plan_target"], "bound": L["bound"]}) \
        or _nothing(L["no_trend"])


def outlook_panels(inputs, outlook: pd.DataFrame, lang: str = "zh", limit: int | None = None) -> Figure:
    """Drafting the next plan: observed values, the trend to the next target year with its narrow and wide
    prediction intervals, and the next plan's target where there is one: the report's outlook panels
    (charts.outlook_panels, charts.trend_panels), with a legend. The line and intervals are those of the outlook
    table (outlook.csv), never refitted. With `limit`, the series whose next targets ask most of the trend
    come first."""
    L = words(lang).table("figures")
    panels = charts.outlook_panels(inputs, outlook, lang, limit)
    first = outlook.iloc[0] if len(outlook) else None
    target = L["next_target"].format(period=period_label(row_period(first, "next"), lang)) if first is not None \
        else ""
    legend = {"observed": L["observed"], "trend": L["trend"], "band": L["band"], "band_narrow": L["band_narrow"],
              "target": target, "bound": L["bound"]}
    return charts.trend_panels(panels, legend=legend) or _nothing(L["no_trend"])


def _nothing(text: str) -> Figure:
    """A small figure that says there is nothing to draw (a notebook cell still shows what it is about)."""
    fig = Figure(figsize=(charts.WIDTH, 0.6))
    fig.text(0.5, 0.5, text, ha="center", va="center", fontsize=charts.FONT)
    return fig


def progress_heat_table(progress: pd.DataFrame, lang: str = "zh") -> plt.Figure:
    """Indicators by counties, coloured by progress category and labelled in Chinese."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    labels = progress.assign(row=progress.apply(_label, axis=1, lang=lang),
                             county=progress.apply(_county, axis=1, lang=lang))
    indicators = list(dict.fromkeys(labels["row"]))
    counties = list(dict.fromkeys(labels["county"]))
    codes = labels.pivot_table(index="row", columns="county", values="progress_category",
                               aggfunc="first").reindex(index=indicators, columns=counties)
    numeric = codes.apply(lambda col: col.map(order)).astype(float)
    fig, ax = plt.subplots(figsize=(2.2 + 1.6 * len(counties), 0.8 + 0.36 * len(indicators)))
    cmap = ListedColormap([LIGHTS[c] for c in CATEGORIES])
    sns.heatmap(numeric, cmap=cmap, vmin=-0.5, vmax=len(CATEGORIES) - 0.5, cbar=False, linewidths=1,
                linecolor="white", ax=ax, mask=numeric.isna())
    for (i, j), code in np.ndenumerate(codes.values):
        if isinstance(code, str):
            ax.text(j + 0.5, i + 0.5, category_label(code, lang), ha="center", va="center",
                    fontsize=8 if lang == "zh" else 7,
                    color=light_text_colour(code))
    ax.grid(False)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(labelsize=8.5, length=0)
    ax.xaxis.tick_top()
    handles = [Patch(color=LIGHTS[c], label=category_label(c, lang)) for c in CATEGORIES]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    plt.close(fig)
    return fig
