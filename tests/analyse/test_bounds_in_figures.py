"""The analysis notebooks' comparison figures draw an actual recorded only as a bound (a workbook's 比较符: ≥20) as
a bound, never as the figure: main drew 安吉's ≥20 as the same hollow dot as an exact 20 (the dumbbell), and ranked
a county by its bound (the ranking panels), though its place depends on the unknown figure.

By hand, two counties and one indicator (more is better), target 20 and 14:
    安吉 ≥20 (a lower bound)  → a hollow triangle pointing right (▷: the figure lies above 20), a dotted line to 20
    建德 13.9 (a figure)      → a hollow dot, a solid line
The ranking panels, 6 counties with 10, 11, 12, 13 and ≥30, >5: ranked 10 < 11 < 12 < 13 (county 1 lowest, 4
highest); ≥30 and >5 left out (>5 may lie anywhere from 5.01 up: first, last or between), and the panel says 2.
"""
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.markers import MarkerStyle

from helpers.analyse import figures


def _row(entity, zh, en, value, comparator, target):
    return {"entity": entity, "entity_name_zh": zh, "entity_name_en": en, "indicator_id": "talent_total",
            "indicator_name_zh": "人才资源总量", "indicator_name_en": "Talent pool", "unit": "万人",
            "measure": "total", "comparability": "same", "latest_value": value, "latest_comparator": comparator,
            "target_value": target, "target_year": 2025}


COMPARISON = pd.DataFrame({"comparison": ["county_vs_province"], "indicator_id": ["other"], "other_value": [1.0]})


def _marker_path(marker: str) -> np.ndarray:
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform()).vertices


def _is(path: np.ndarray, marker: str) -> bool:
    expected = _marker_path(marker)
    return path.shape == expected.shape and np.allclose(path, expected)


def _marks(ax) -> dict:
    """(x, y) of each scatter mark → (the marker's vertices, its face colour)."""
    out = {}
    for collection in (c for c in ax.collections if isinstance(c, PathCollection)):
        path = collection.get_paths()[0].vertices
        for (x, y), face in zip(collection.get_offsets(), np.resize(collection.get_facecolors(), (len(
                collection.get_offsets()), 4))):
            out.setdefault((float(x), float(y)), []).append((path, tuple(face)))
    return out


@pytest.fixture(scope="module")
def two_counties():
    figures.use_chinese_style()
    return pd.DataFrame([_row("anji", "安吉县", "Anji", 20.0, ">=", 20.0),
                         _row("jiande", "建德市", "Jiande", 13.9, "=", 14.0)])


@pytest.mark.parametrize("lang, said", [("zh", "最新实际值仅为下限（实际在其右）"),
                                        ("en", "latest actual only a lower bound (the figure lies to its right)")])
def test_the_dumbbell_draws_a_bound_as_a_triangle_pointing_where_the_figure_lies(two_counties, lang, said):
    fig = figures.dumbbell(two_counties, COMPARISON, col_wrap=2, lang=lang)
    ax = fig.axes[0]
    marks = _marks(ax)
    # 安吉 is the first county (y = 0): at 20 its target's dot and, over it, a hollow ▷
    at_bound = marks[(20.0, 0.0)]
    assert any(_is(path, ">") and face == (1, 1, 1, 1) for path, face in at_bound), at_bound
    assert not any(_is(path, "o") and face == (1, 1, 1, 1) for path, face in at_bound)
    # 建德's exact 13.9 stays a hollow dot
    assert any(_is(path, "o") and face == (1, 1, 1, 1) for path, face in marks[(13.9, 1.0)])
    styles = {tuple(line.get_xdata()): line.get_linestyle() for line in ax.get_lines()}
    assert styles[(20.0, 20.0)] == ":" and styles[(13.9, 14.0)] == "-"
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert said in labels and labels.count(said) == 1


def test_the_dumbbell_has_no_bound_entry_without_a_bound(two_counties):
    exact = two_counties.assign(latest_comparator="=")
    labels = [t.get_text() for t in figures.dumbbell(exact, COMPARISON, lang="zh").legends[0].get_texts()]
    assert labels == ["最新实际值", "2025年目标", "省委2025年目标"]


@pytest.fixture(scope="module")
def many():
    values = [(10, "="), (11, "="), (12, "="), (13, "="), (30, ">="), (5, ">")]
    return pd.DataFrame([_row(f"c{i}", f"县{i}", f"County {i}", v, c, 20.0) for i, (v, c) in enumerate(values, 1)])


@pytest.mark.parametrize("lang, note", [("zh", "另有2个县市最新实际值仅为界限，未排序"),
                                        ("en", "not ranked: 2 counties whose latest actual is only a bound")])
def test_the_ranking_leaves_a_bound_out_of_the_order_and_says_so(many, lang, note):
    ax = figures.ranking_panels(many, COMPARISON, lang=lang).axes[0]
    drawn = sorted({float(y) for c in ax.collections if isinstance(c, PathCollection) for _, y in c.get_offsets()}
                   - {20.0})                                 # (20: the targets)
    assert drawn == [10, 11, 12, 13]                          # ≥30 and >5 are not placed among them
    names = {t.get_text() for t in ax.texts}
    assert note in names
    assert {"县1", "县4"} <= names or {"County 1", "County 4"} <= names      # lowest and highest of the ranked
