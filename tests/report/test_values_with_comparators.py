"""A value is always printed with its comparator (report.blocks.value_text): main printed '≤20' for a bound <= 20,
'>20' and '<20', but '20' for ≥20, so a workbook actual recorded as ≥5.0 read as the figure 5 in the data appendix
and a plan's 20以上 as 20 in the progress table. Worked by hand: the four comparators a value may carry, and '=' (the
figure itself)."""
from types import SimpleNamespace

import pytest

from helpers.core.config import load_catalogue
from helpers.report.blocks import value_text, year_value_text
from helpers.report.context import ReportContext


@pytest.fixture(scope="module", params=["zh", "en"])
def ctx(request):
    return ReportContext(SimpleNamespace(catalogue=load_catalogue()), request.param, None, None, None, None)


@pytest.mark.parametrize("comparator, shown", [(">=", "≥20"), (">", ">20"), ("<=", "≤20"), ("<", "<20"),
                                               ("=", "20"), (None, "20"), ("", "20")])
def test_every_comparator_is_printed_before_its_value(ctx, comparator, shown):
    assert value_text(ctx, 20, comparator) == shown
    assert year_value_text(ctx, 2025, 20, comparator) == f"2025: {shown}"


@pytest.mark.parametrize("comparator", [">=", ">", "<=", "<"])
def test_no_value_is_a_dash_without_a_comparator(ctx, comparator):
    assert value_text(ctx, None, comparator) == "—" and value_text(ctx, float("nan"), comparator, "万人") == "—"


def test_a_bound_keeps_its_comparator_beside_its_unit(ctx):
    text = value_text(ctx, 5, ">=", "万人")
    assert text.startswith("≥5") and text != "≥5", text
