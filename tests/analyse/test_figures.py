"""Figures draw with a Chinese font and no missing glyphs."""
import io
import warnings

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager

from helpers import analyse
from helpers.analyse import charts, figures
from helpers.core import style
from helpers.extract import dataset


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    processed = tmp_path_factory.mktemp("processed")
    dataset.write(dataset.build(), processed)
    inputs = analyse.load_inputs(processed)
    figures.use_chinese_style()
    progress, comparison = analyse.progress_table(inputs), analyse.comparison_table(inputs)
    return {
        "dumbbell": figures.dumbbell(progress, comparison),
        "growth": figures.growth_bars(progress),
        "trends": figures.trend_panels(inputs, progress),
        "heat": figures.progress_heat_table(progress),
    }


def test_chinese_font_is_used():
    path = figures.use_chinese_style()
    assert "NotoSansCJK" in path.replace(" ", "")
    assert plt.rcParams["font.family"] == ["Noto Sans CJK SC"]


@pytest.mark.parametrize("name", ["dumbbell", "growth", "trends", "heat"])
def test_figure_renders_without_missing_glyphs(drawn, name):
    fig = drawn[name]
    texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts), "no Chinese text in the figure"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from.*")
        fig.savefig(io.BytesIO(), format="png")
    for t in fig.findobj(lambda o: hasattr(o, "get_fontproperties") and hasattr(o, "get_text")):
        if any("\u4e00" <= ch <= "\u9fff" for ch in t.get_text()):
            assert "NotoSansCJK" in font_manager.findfont(t.get_fontproperties()).replace(" ", "")


def test_heat_table_labels_are_the_categories(drawn):
    texts = {t.get_text() for t in drawn["heat"].axes[0].texts}
    assert {"进度正常", "需要加速", "无法评估"} <= texts


def test_trend_panel_says_when_a_two_point_projection_is_not_drawn(drawn):
    # 2015 (derived) and 2020 only: a line through two points is no forecast (helpers.analyse.trends)
    titles = [t.get_text() for t in drawn["trends"].texts]          # a panel's title above its axes
    assert any("外推不可靠，未画外推" in t for t in titles)


def test_the_notebooks_and_the_report_draw_trends_alike(drawn):
    """One figure stack: the notebook's trend figure is the report's panels with a legend in the first."""
    axes = drawn["trends"].axes
    assert axes[0].get_legend() is not None and all(ax.get_legend() is None for ax in axes[1:])
    assert {line.get_color() for ax in axes for line in ax.get_lines()} == {style.TREND_COLOUR}


# ----------------------------------------------------------------------------- charts with a row per indicator

LONG_EN = ["Coverage of quality pre-school and upper-secondary education in the county's rural townships",
           "Talent pool", "Share of professionals with intermediate or senior titles",
           "High-value invention patents per 10,000 people (compare with care) ↓", "R&D personnel per 10,000 workers"]


LONG_ZH = ["安吉县 · 优质学前教育和高中段教育覆盖率及农村实用人才培训覆盖面（需谨慎比较）", "人才资源总量",
           "每万名劳动力（就业人员）中R&D人员数（需谨慎比较）↓", "建德市 · 院士专家工作站、博士后科研工作站总量"]


def _row_labels(n: int, lang: str) -> list[str]:
    """n row labels, long names (one to three lines wrapped) mixed with short ones, wrapped as the report wraps."""
    names = LONG_EN if lang == "en" else LONG_ZH
    return [charts.wrap_label(f"{names[i % len(names)]} {i}", lang) for i in range(n)]


def _boxes(fig):
    """The rows' labels and marks as drawn, in display pixels: [(text, bbox)], [(x, y, radius)] of every marker."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    FigureCanvasAgg(fig)          # text measured as drawn
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    points = []
    for line in ax.lines:
        if line.get_marker() not in (None, "None", ""):
            xy = np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)
            radius = line.get_markersize() / 72 * fig.dpi / 2
            points += [(x, y, radius) for x, y in ax.transData.transform(xy[~np.isnan(xy).any(axis=1)])]
    return labels, points


@pytest.mark.parametrize("chart", ["growth", "ratio", "ratio_many"])
@pytest.mark.parametrize("n,lang", [(3, "en"), (12, "en"), (12, "zh")])
def test_row_labels_never_overlap_each_other_or_the_marks(chart, n, lang):
    charts.use_style()
    labels = _row_labels(n, lang)
    if chart == "growth":
        fig = charts.growth_chart([{"label": label, "achieved": 0.02 * (i % 4), "required": 0.05 - 0.01 * (i % 3),
                                    "category": "on_track"} for i, label in enumerate(labels)], "Growth a year")
    else:
        many = chart == "ratio_many"
        counties = [f"C{k}" for k in range(30 if many else 2)]
        fig = charts.ratio_chart([{"label": label, "points": [(c, 0.7 + 0.02 * ((i + k) % 20))
                                                             for k, c in enumerate(counties)]}
                                  for i, label in enumerate(labels)], counties, many)
    texts, points = _boxes(fig)
    assert len(texts) == n and len(points) >= n
    for i, (text, box) in enumerate(texts):
        for other, second in texts[i + 1:]:
            assert not box.overlaps(second), (text, other)
        for x, y, r in points:
            assert not (box.x0 - r < x < box.x1 + r and box.y0 - r < y < box.y1 + r), (text, (x, y))
        assert box.y1 <= fig.bbox.y1 and box.x1 <= fig.bbox.x1, text           # inside the figure


@pytest.mark.parametrize("span", [(-0.02, 0.13), (0.0, 0.25), (0.7, 1.2), (-0.004, 0.011)])
def test_percent_ticks_are_whole_percents_shown_as_they_are(span):
    import numpy as np
    fig = charts.growth_chart([{"label": "a", "achieved": span[0], "required": span[1], "category": "on_track"}],
                              "growth")
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if lo <= t <= hi]
    labels = [ax.xaxis.get_major_formatter()(t) for t in ticks]
    assert len(ticks) >= 2 and len(set(labels)) == len(labels), labels
    shown = np.array([float(label.rstrip("%")) for label in labels])
    assert np.allclose(shown, np.array(ticks) * 100), (labels, ticks)                      # '3%' is 3%
