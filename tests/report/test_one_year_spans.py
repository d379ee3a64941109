"""A span of years that is one year is written as that year (redteam8 finding 7): the 2026 report of a plan for
2026—2030 read "Latest actual 2026–2026: 1" and "the sum of the 2026–2026 actuals" for a cumulative target, whose
sum in the plan's first year is that year's actual alone."""
import json

from helpers.core.periods import years
from helpers.core.wording import notes_text, words


def test_years_from_to_of_one_year_are_that_year():
    assert years(2026, 2026, "en") == "2026" and years(2026, 2026, "zh") == "2026"
    assert years(2026, 2027, "en") == "2026–2027" and years(2026, 2027, "zh") == "2026—2027"


def test_the_sum_of_a_cumulative_targets_first_year_names_that_year():
    # as helpers.analyse.progress stores it for 桐庐's 〔3〕 (2026—2030) with its 2026 actual, 1
    first_year = json.dumps([{"code": "cumulative_sum", "first": 2026, "year": 2026, "terms": "1", "total": 1.0,
                              "value_comparator": "="}])
    assert notes_text(first_year, words("en"), "evaluation_notes") == \
        "a cumulative target: the sum of the 2026 actuals, 1 = 1"
    assert notes_text(first_year, words("zh"), "evaluation_notes") == "累计目标：2026年实际值之和 1 = 1"
    two_years = json.dumps([{"code": "cumulative_missing", "first": 2026, "year": 2027, "missing": [2026]},
                            {"code": "cumulative_no_actual", "first": 2026, "target_year": 2030}])
    assert notes_text(two_years, words("en"), "evaluation_notes") == \
        "a cumulative target: the sum over 2026–2027 needs every year's actual; missing 2026: cannot be judged; " \
        "a cumulative target over 2026–2030: no yearly actual yet"
    assert notes_text(two_years, words("zh"), "evaluation_notes").startswith(
        "累计目标：2026—2027年之和需要每年的实际值，缺少2026年，无法评价")
