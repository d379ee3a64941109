"""Fits and numbers at their edges: a series that does not move, a legend of counties with nothing drawn, numbers
too large or too small for four significant digits. Each worked out by hand."""
import math

import pytest

from helpers.analyse import charts
from helpers.analyse.trends import fit_trend
from helpers.core.formatting import number, percent
from helpers.core.style import COUNTY_COLOURS
from helpers.core.wording import FORMATTER

YEARS = list(range(2021, 2026))


# ----------------------------------------------------------------------------- a series that does not move
# Five equal values: the fit is exact (no residual), its interval has no width, and the projection is the value
# itself. Whether it meets a target is then certain, 1 or 0, never a t-distribution's guess from a zero spread
# (main gave 0 for a share of 50% against a target of 40%, and 61% for 10.3 against a target of 10.3).
@pytest.mark.parametrize("values, bounded, target, direction, expected", [
    ([50.0] * 5, True, 40, "higher", 1.0),      # 50% ≥ 40%: met for certain
    ([50.0] * 5, True, 60, "higher", 0.0),
    ([50.0] * 5, True, 60, "lower", 1.0),       # lower is better: 50% is below 60%
    ([10.3] * 5, False, 10.3, "higher", 1.0),   # the target is the value itself: met
    ([10.3] * 5, False, 9, "higher", 1.0),
    ([10.3] * 5, False, 11, "higher", 0.0),
])
def test_a_flat_series_meets_its_target_for_certain_or_not_at_all(values, bounded, target, direction, expected):
    fit = fit_trend(YEARS, values, 2030, bounded=bounded, target=target, direction=direction)
    assert fit.projection == pytest.approx(values[0])
    assert fit.probability_meets_target == expected


def test_a_flat_series_never_meets_a_target_it_must_exceed():
    fit = fit_trend(YEARS, [10.3] * 5, 2030, target=10.3, comparator=">")     # '>' 10.3: 10.3 does not exceed it
    assert fit.probability_meets_target == 0.0


# ----------------------------------------------------------------------------- legends list what is drawn
def test_a_ratio_chart_lists_only_the_counties_it_draws_in_their_own_colours():
    """The 2025 brief's province figure listed 建德市 with no point: none of 建德's 2025 actuals is of an indicator
    with a provincial target. A county with no point is not in the legend; the others keep their colours."""
    rows = [{"label": "高技能人才占技能劳动者比例", "points": [("安吉县", 0.997)]},
            {"label": "每千人口执业（助理）医师数", "points": [("安吉县", 0.819)]}]
    fig = charts.ratio_chart(rows, ["建德市", "安吉县"], many=False)
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["安吉县"]
    assert legend.legend_handles[0].get_color() == COUNTY_COLOURS[1]
    drawn = [line for line in fig.axes[0].get_lines() if line.get_label() == "安吉县"]
    assert len(drawn) == 1 and drawn[0].get_color() == COUNTY_COLOURS[1]


# ----------------------------------------------------------------------------- numbers for people
@pytest.mark.parametrize("value, shown", [
    (200000, "200,000"),        # a target of 20万 (人): main wrote 2e+05
    (25825, "25,825"),          # from 10,000 up whole, never 2.582e+04
    (9999.7, "10,000"),
    (1650, "1,650"), (0.28, "0.28"), (6.35, "6.35"), (14.28, "14.28"),
    (0.00001234, "0.00001234"),  # never 1.234e-05
    (-123456, "-123,456"),
    (math.inf, "—"), (math.nan, "—"), (None, "—"),
])
def test_numbers_are_written_for_people_never_with_an_exponent(value, shown):
    assert number(value) == shown


def test_a_rate_that_is_not_a_number_is_not_printed():
    assert percent(math.inf) == "—" and percent(math.nan) == "—"


@pytest.mark.parametrize("template, value, shown", [
    ("{v:g}", 200000.0, "200000"), ("{v:g}", 2e6, "2000000"), ("{v:+.3g}", 12345.0, "+12300"),
    ("{v:g}", 0.28, "0.28"), ("{v:+.3g}", -0.5, "-0.5"), ("{v:.1%}", 0.063, "6.3%"),
])
def test_the_wording_writes_no_exponent_either(template, value, shown):
    """The notes' sentences ('2026年实际值{value:g}达到…') format their numbers in the wording."""
    assert FORMATTER.format(template, v=value) == shown
