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


@pytest.mark.parametrize("cell", ["十", "10-12", "", "n/a", "约>10", "〔3", "[3]]"])
def test_non_numeric_cells_are_refused(cell):
    with pytest.raises(NotANumber):
        parse_value_cell(cell)


# Issue 18: a note mark glued to a number is read as a mark, never as a digit (NFKC makes ¹ and ① into 1).
@pytest.mark.parametrize("cell, value, marks", [
    ("10.3¹", 10.3, "¹"), ("10.3①", 10.3, "①"), ("12.9²", 12.9, "²"), ("0.28⁴⁵", 0.28, "⁴⁵"),
    ("86.1%³", 86.1, "³"), ("10.3※", 10.3, "※"), ("10.3*", 10.3, "*"), ("10.3 注1", 10.3, "注1"),
    ("10.3（注2）", 10.3, "（注2）"), ("14左右⑫", 14.0, "⑫"), ("〔3〕¹", 3.0, "¹"), ("/①", None, "①"),
    ("1650", 1650.0, ""),
])
def test_note_marks_are_recorded_and_never_become_digits(cell, value, marks):
    parsed = parse_value_cell(cell)
    assert (parsed.value, parsed.note_marks) == (value, marks)


def test_a_superscript_run_of_a_document_is_a_note_mark():
    from helpers.core.values import as_superscript
    assert as_superscript("12") == "¹²" and as_superscript("注1") == "注¹"
    parsed = parse_value_cell("10.3" + as_superscript("1"))
    assert (parsed.value, parsed.note_marks) == (10.3, "¹")


@pytest.mark.parametrize("cell", ["10.¹3", "1²0", "①0.3", "½", "⑩",
                                  "12½", "10.3¼", "3⅓", "12.5½"])   # a fraction is part of the value: never 12
def test_a_mark_inside_a_number_or_alone_is_refused(cell):
    with pytest.raises(NotANumber):
        parse_value_cell(cell)


@pytest.mark.parametrize("cell, value, comparator, approximate, cumulative", [
    ("14左右", 14.0, "=", True, False), ("14 左右", 14.0, "=", True, False), ("约10", 10.0, "=", True, False),
    ("〔3〕", 3.0, "=", False, True), ("[3]", 3.0, "=", False, True), ("［3］", 3.0, "=", False, True),
    ("【2.5】", 2.5, "=", False, True), ("〔7000以上〕", 7000.0, ">=", False, True),
    ("〔2左右〕", 2.0, "=", True, True),
    ("14", 14.0, "=", False, False),
])
def test_approximate_and_cumulative_figures(cell, value, comparator, approximate, cumulative):
    parsed = parse_value_cell(cell)
    assert (parsed.value, parsed.comparator, parsed.approximate, parsed.cumulative) == \
        (value, comparator, approximate, cumulative)


def test_one_rule_of_precision_for_projections():
    from helpers.core.formatting import interval, projection
    # three significant digits, half away from zero; large values rounded to their third digit
    assert [projection(v) for v in (22.5, 3.8346, 0.2536, 1650, 161447, 20.52)] == \
        ["22.5", "3.83", "0.254", "1,650", "161,000", "20.5"]
    # a count whole, a share with one decimal
    assert projection(46.7, "count") == "47" and projection(22.5, "count") == "23"
    assert projection(35.24, "share") == "35.2"
    # an interval's bounds rounded like its centre (issue 16: "80%: 5.66–6.842")
    assert interval(5.66, 6.842, 6.25) == "5.66–6.84"
    assert interval(150000, 172345, 161447) == "150,000–172,000"
    assert interval(0.2401, 0.2699, 0.2536) == "0.240–0.270"
    assert interval(30.12, 38.77, 35.24, "share") == "30.1–38.8"
    assert projection(None) == "—" and interval(1, None, 2) == "—"
