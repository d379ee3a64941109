"""Figures draw with a Chinese font and no missing glyphs."""
import io
import warnings

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager

from helpers import analyse
from helpers.analyse import figures
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
