import pytest

from helpers.core.text import name_key, normalisation_stats, normalise, normalise_with_map
from helpers.core.values import NotANumber, parse_value_cell


def test_full_width_punctuation_and_no_break_spaces_become_one_form():
    assert normalise("每千人口执业（助理）医师数") == "每千人口执业(助理)医师数"
    assert normalise("人才：１０％\u00a0以上") == "人才:10% 以上"


def test_word_bookmarks_are_removed_and_quotes_map_back_to_raw_text():
    raw = "\t[bookmark: _Hlk74131346]一级指标（注）"
    nt = normalise_with_map(raw)
    assert nt.text == "一级指标(注)"
    assert nt.raw_span(4, 7) == "（注）"


def test_name_key_ignores_spaces_and_width():
    assert name_key("高技能人才 占技能劳动者比例（%）") == name_key("高技能人才占技能劳动者比例(%)")


def test_normalisation_stats_count_what_changed():
    stats = normalisation_stats("[bookmark: a]，\u00a0x")
    assert (stats.bookmarks, stats.changed_chars, stats.no_break_spaces) == (1, 2, 1)


@pytest.mark.parametrize("cell, value, comparator, pct", [
    ("86.1%", 86.1, "=", True),
    (">10", 10.0, ">", False),
    ("＞90", 90.0, ">", False),
    ("≥35", 35.0, ">=", False),
    ("35以上", 35.0, ">=", False),
    ("0", 0.0, "=", False),
    ("0.045", 0.045, "=", False),
])
def test_value_cells(cell, value, comparator, pct):
    parsed = parse_value_cell(cell)
    assert (parsed.value, parsed.comparator, parsed.percent_sign, parsed.missing) == (value, comparator, pct, False)


def test_slash_is_missing_never_zero():
    parsed = parse_value_cell("/")
    assert parsed.missing and parsed.value is None


@pytest.mark.parametrize("cell", ["十", "约10", "10-12", "", "n/a"])
def test_non_numeric_cells_are_refused(cell):
    with pytest.raises(NotANumber):
        parse_value_cell(cell)
