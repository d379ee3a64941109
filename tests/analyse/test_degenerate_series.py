"""Series a trend cannot be fitted to: the figures draw them without a trend line and say why, in the reader's
language; nothing crashes, nothing prints inf or nan.

A trend is fitted on a log scale (totals, rates, counts) or a logit scale (shares, helpers.analyse.trends), so a
series holding 0 (or, for a share, 100%) has no trend line. Worked by hand from the workbooks below and the plans:
    建德 科创板上市企业数    2020 (plan, 十四五's 2020 column) 0, 2025 1: two observations, 0 among them: no line
    建德 优质学前教育和高中段教育覆盖率 (a share)  2021–2025 all 100 (and 2020's 81): no logit line
    安吉 专业技术人才高级职称比例 (a share)  2021–2025 all 0: no logit line
"""
import pandas as pd
import pytest

from conftest import analysed, copy_of_project
from helpers.analyse import charts
from helpers.report.context import load_report_context
from support.workbooks import drop

ROWS = ([dict(county="建德市", indicator="科创板上市企业数", year=2025, value=1)]
        + [dict(county="建德市", indicator="优质学前教育和高中段教育覆盖率", year=y, value=100)
           for y in range(2021, 2026)]
        + [dict(county="安吉县", indicator="专业技术人才高级职称比例", year=y, value=0) for y in range(2021, 2026)])


@pytest.fixture(scope="module")
def edges(tmp_path_factory):

    root = tmp_path_factory.mktemp("edges")
    copy_of_project(root)
    drop(root, "edges.xlsx", ROWS)
    return analysed(root, 2025)


def _context(root, lang):
    charts.use_style()
    return load_report_context(root / "processed", root / "config", 2025, None, lang)


def _flat(title: str, lang: str) -> str:
    """A panel's title unwrapped (wrap_label breaks Chinese anywhere, English at spaces)."""
    return title.replace("\n", "" if lang == "zh" else " ")


def _panels_of(ctx, panels, frame):
    """The panels of frame's rows, keyed (entity, indicator_id): charts.*_panels keep the rows' order."""
    rows = frame[frame["trend_n_obs"] >= 2]
    assert len(rows) == len(panels)
    return {(r.entity, r.indicator_id): p for r, p in zip(rows.itertuples(), panels)}


@pytest.fixture(scope="module")
def series_ids(edges):
    """The series above, keyed (entity, indicator id), with the value the figure names (ids from the catalogue)."""
    ctx = _context(edges, "zh")
    names = {ind.name_zh: i for i, ind in ctx.inputs.catalogue.indicators.items()}
    return {(e, names[n]): v for (e, n), v in {
        ("jiande", "科创板上市企业数"): "0", ("jiande", "优质学前教育和高中段教育覆盖率"): "100%",
        ("anji", "专业技术人才高级职称比例"): "0%"}.items()}


@pytest.mark.parametrize("lang, words", [("zh", "（有值为{v}，无法拟合增长趋势，未画趋势线）"),
                                         ("en", "(a value of {v}: no growth trend can be fitted, none drawn)")])
def test_outlook_panels_draw_a_series_with_0_or_100_percent_without_a_line_and_say_why(edges, series_ids, lang,
                                                                                        words):
    ctx = _context(edges, lang)
    panels = _panels_of(ctx, charts.outlook_panels(ctx.inputs, ctx.outlook, lang), ctx.outlook)
    for key, value in series_ids.items():
        panel = panels[key]
        assert panel["curve_x"] is None and panel["curve_y"] is None, key
        assert words.format(v=value) in _flat(panel["title"], lang), panel["title"]
    figure = charts.trend_panels([panels[k] for k in series_ids])       # drew: no ValueError
    assert figure is not None and not any(ax.get_lines() for ax in figure.axes)   # no trend line in any


@pytest.mark.parametrize("lang, words", [("zh", "未画趋势线"), ("en", "none drawn")])
def test_progress_panels_give_the_real_reason_not_two_points(edges, series_ids, lang, words):
    """Five observations of 100% are not 'an exact line through 2 points'."""
    ctx = _context(edges, lang)
    progress = ctx.progress
    panels = _panels_of(ctx, charts.progress_panels(ctx.inputs, progress, lang), progress)
    for key in series_ids:
        title = _flat(panels[key]["title"], lang)
        assert words in title and ("两点" not in title and "2 points" not in title), title
    assert charts.trend_panels([panels[k] for k in series_ids]) is not None


def test_outlook_table_states_no_number_it_cannot_have(edges, series_ids):
    o = load_report_context(edges / "processed", edges / "config", 2025, None, "zh").outlook.set_index(
        ["entity", "indicator_id"])
    for key in series_ids:
        row = o.loc[key]
        assert pd.isna(row["projection"]) and pd.isna(row["implied_annual_growth"]), key
        assert "not_fittable" in row["outlook_notes"]


# (as the trends table writes a change per year, +0.2/年: with the unit, -1.6% a year on a % indicator read as a rate)
@pytest.mark.parametrize("lang, shown", [("zh", "+0.2/年 → —"), ("en", "+0.2/yr → —")])
def test_the_outlook_writes_a_change_per_year_where_a_value_is_0_not_a_percentage(edges, lang, shown):
    """建德 科创板上市企业数 0 (2020) → 1 (2025): a growth rate from 0 is undefined, so the growth achieved over
    十四五 is a change per year, (1 − 0) ÷ 5 = 0.2 (家), as outlook.csv says (growth_method); main printed it as
    a rate, 20.0%, and later 0.2家 (R5-05: on a % indicator the unit made a change read as a rate)."""
    from helpers.report import chapters
    ctx = _context(edges, lang)
    row = ctx.outlook.set_index(["entity", "indicator_id"]).loc[
        ("jiande", next(i for i, ind in ctx.inputs.catalogue.indicators.items() if ind.name_zh == "科创板上市企业数"))]
    assert row["growth_method"].startswith("absolute") and row["achieved_growth_last_period"] == pytest.approx(0.2)
    text = str(chapters.outlook.outlook_section(ctx))
    assert shown in text and "20.0% → —" not in text
    # the column's heading says its figures may be changes a year, not only growth rates (R5-05)
    assert ("年均增速或每年变化量（/年）" if lang == "zh" else "Annual growth, or change a year (/yr)") in text
