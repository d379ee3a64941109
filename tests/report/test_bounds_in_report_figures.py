"""The report's ratio charts draw an actual recorded as a bound as a bound: main left it out of the completion chart
(each latest actual as a share of its target) and of the brief's chart of 2025 actuals against the provincial
targets without a word, so a row or a county went missing. Its ratio is a bound too, drawn as one: a hollow
triangle pointing to the side the ratio lies on, which the caption explains, in both languages.

安吉's plan (2025 targets: 人才资源总量 20 万人, 每万名劳动力中R&D人员数 180; the provincial 2025 target for R&D: 185)
and a workbook of 2021–2025 actuals; by hand, in 2025:
    人才资源总量 ≥20        completion ≥ 20 ÷ 20 = 100%, the figure's share above it: ▷ at 1.0
    R&D人员数   >179.87     completion > 179.87 ÷ 180 = 99.93%: ▷ at 0.99928;
                            against the province > 179.87 ÷ 185 = 97.23%: ▷ at 0.97227
    专业技术人才 5.0 (exact) completion 5.0 ÷ 5.1 = 98.04%: a plain mark, as before
"""
import pytest

from conftest import analysed, copy_of_project
from support.workbooks import drop

ACTUALS = {"人才资源总量": [(15.5, None), (16.5, None), (17.5, None), (18.5, None), (20, ">=")],
           "每万名劳动力（就业人员）中R&D人员数": [(100, None), (120, None), (140, None), (160, None), (179.87, ">")],
           "专业技术人才": [(3.6, None), (4.0, None), (4.4, None), (4.7, None), (5.0, None)]}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("bounds_in_figures"))
    drop(root, "安吉2021-2025.xlsx", [dict(county="安吉县", indicator=name, year=2021 + i, value=v,
                                          **({"comparator": c} if c else {}))
                                     for name, values in ACTUALS.items() for i, (v, c) in enumerate(values)])
    return analysed(root, 2025)


def _context(root, lang):
    from helpers.analyse import charts
    from helpers.report.context import load_report_context
    charts.use_style()
    return load_report_context(root / "processed", root / "config", 2025, None, lang)


def _triangles(figure) -> dict[str, list[tuple[float, str]]]:
    """The hollow triangles a ratio chart draws: their x (the ratio) and which way they point (> or <), under the
    row label above each (row_layout: a label sits just above its marks), written without spaces or line breaks."""
    ax = figure.drawn.axes[0]
    labels = sorted(((t.get_position()[1], t.get_text()) for t in ax.texts), reverse=True)
    out: dict[str, list] = {}
    for line in ax.get_lines():
        if line.get_marker() in (">", "<") and line.get_markerfacecolor() == "white":
            for x, y in zip(line.get_xdata(), line.get_ydata()):
                label = next(text for top, text in labels if top > y and not any(y < t < top for t, _ in labels))
                out.setdefault("".join(label.split()), []).append((float(x), line.get_marker()))
    return out


def _row(ctx, drawn: dict, ind_id: str):
    """The triangles in the row of one indicator (its label starts with its name), or None."""
    name = "".join(ctx.indicator_name(ind_id).split())
    return next((v for k, v in drawn.items() if k.startswith(name)), None)


CAPTION = {"zh": "空心三角为只记为界限的实际值之比（▷实际更高，◁更低）",
           "en": "Hollow triangles: ratios of actuals recorded only as bounds (▷ higher, ◁ lower)"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_completion_chart_draws_a_bounds_share_of_its_target_as_a_bound(root, lang):
    from helpers.report.chapters.progress import completion_figures
    ctx = _context(root, lang)
    figures = completion_figures(ctx)
    drawn = {}
    for figure in figures:
        drawn.update(_triangles(figure))
    total, rd = _row(ctx, drawn, "talent_total"), _row(ctx, drawn, "rd_personnel_per_10k")
    assert total == [(pytest.approx(1.0), ">")] and rd == [(pytest.approx(179.87 / 180), ">")]
    assert _row(ctx, drawn, "professional_technical_talent") is None                      # an exact actual
    _caption_only_where_drawn(figures, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_brief_sets_a_bound_against_the_province_as_a_bound(root, lang):
    from helpers.report.chapters.province import province_figure
    ctx = _context(root, lang)
    figures = province_figure(ctx, actuals=True, alone=True)
    drawn = {}
    for figure in figures:
        drawn.update(_triangles(figure))
    assert _row(ctx, drawn, "rd_personnel_per_10k") == [(pytest.approx(179.87 / 185), ">")]
    _caption_only_where_drawn(figures, lang)


def _caption_only_where_drawn(figures, lang):
    """The triangles are explained in a part that draws one, and only there (every part said it, on main);
    the parts are still numbered as one chart, the number after the chart's own caption."""
    assert [CAPTION[lang] in f.caption for f in figures] == [bool(_triangles(f)) for f in figures]
    if len(figures) > 1:
        part = {"zh": "（{n}/{total}）。", "en": " ({n} of {total})."}[lang]
        assert all(part.format(n=n, total=len(figures)) in f.caption for n, f in enumerate(figures, 1))


def test_the_lower_is_better_mark_is_explained_in_a_part_that_draws_it_only():
    """The ↓ after a row's label, like the triangles: main explained it in every part of the province chart when
    any part drew it."""
    from types import SimpleNamespace

    from helpers.report.chapters.province import _marks_drawn
    from helpers.report.wording import report_words
    w = report_words("zh")
    ctx = SimpleNamespace(t=lambda key, **values: w(key, **values))
    assert _marks_drawn(ctx, [{"label": "人才流失率 ↓", "points": [], "bounds": []}]) == "↓表示越低越好的指标。"
    assert _marks_drawn(ctx, [{"label": "人才资源总量", "points": [], "bounds": []}]) == ""
    assert _marks_drawn(ctx, [{"label": "人才资源总量", "points": [], "bounds": [("安吉县", 1.0, True)]}]) == \
        CAPTION["zh"] + "。"
