"""Dates with a year of two digits in a sheet's, file's or folder's name or a title (redteam14 finding 6, issue 18,
class 1), and a day before the year's end (redteam14, lesser).

On main a sheet named `230630` (yymmdd, as many offices write a date), `230101-230630`, `监测230630` or `2306` was
read as 2023's actual values, exit 0: a run of digits that begins as no year was a label (330182). And
`截至2023.12.15` (a day before the year's end) was read as the whole year while `20231215` stopped.
Decision (docs/monitoring.md): a run of exactly six or four digits that is a calendar date yymmdd or yymm with a year
of 2010–2032 but 2019 and 2020 is a date, read as the same date with four digits is (part of a year; the year's end,
231231 or 2312, the whole year, and its year the name's); any other run is a label (330182, 330122 and 330523, the
Zhejiang counties' division codes, are dates in 2033: labels). A day before 31 December is part of the year, however
it is written."""

import pytest

from helpers.extract.name_meaning import NOT_UNDERSTOOD, PART_YEAR, name_says, stated_years, title_says
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook, part_year_sheet_stops_and_renaming_reads

JIANDE = ["建德市", "人才资源总量", "万人"]


def _sheet(name: str):
    said = name_says(name, known=("建德市",))
    return said and (said.what, said.words)


def _file(name: str):
    said = name_says(name, instructions=False, month_alone=False, known=("建德市",))
    return said and (said.what, said.words)


def _title(text: str):
    said = title_says(text, ("建德市",))
    return said and (said.what, said.words)


@pytest.mark.parametrize("name, words", [
    ("230630", "230630"), ("230331", "230331"), ("230101-230630", "230101-230630"), ("监测230630", "230630"),
    ("2306", "2306"), ("建德230630", "230630"), ("截至230630", "截至230630"), ("230102-231231", "230102-231231"),
    ("2301-2306", "2301-2306"), ("241130", "241130")])
def test_a_short_date_in_a_sheets_name_is_part_of_a_year(name, words):
    """On main each was None: read as the rows' year's actual values."""
    assert _sheet(name) == (PART_YEAR, words)


@pytest.mark.parametrize("name", ["231231", "2312", "230101-231231", "2301-2312", "截至231231", "建德231231"])
def test_the_years_end_written_short_is_the_whole_year_and_names_it(name):
    """As 20231231 and 202312 are: the year's, and the name's year is checked against the rows'."""
    assert _sheet(name) is None
    assert stated_years(name)[0] == (2023, 2023)


@pytest.mark.parametrize("name", ["330182", "330122", "330523", "311600", "13800138000", "Sheet2306", "x1001",
                                  "共1106人", "1000", "2012", "Sheet1"])
def test_digits_that_are_no_short_date_are_a_label(name):
    """Division codes (33: 2033, beyond the years read as dates), a postcode, a phone number, digits beside letters
    and a count are labels, as on main; 2012 is a year."""
    assert _sheet(name) is None
    assert stated_years(name) == ([(2012, 2012)] if name == "2012" else [])


@pytest.mark.parametrize("name", ["201231", "200630"])
def test_six_digits_that_begin_as_a_year_stop_as_not_understood(name):
    """201231 is 2020-12-31 or 2012 and 31: a guess either way (as on main)."""
    assert _sheet(name) == (NOT_UNDERSTOOD, name)


def test_in_a_files_name_a_short_date_alone_is_the_day_it_was_sent():
    """As 20240315 is: a date alone in a file's name is when it was sent; a range or a date run to stops."""
    assert _file("人才监测240315") is None and _file("2023年数据240315") is None
    assert stated_years("2023年数据240315", dates=False) == [(2023, 2023)]
    assert _file("230101-230630") == (PART_YEAR, "230101-230630")
    assert _file("截至230630") == (PART_YEAR, "截至230630")


@pytest.mark.parametrize("name, words", [
    ("截至2023.12.15", "截至2023.12.15"), ("截至2023年12月15日", "截至2023年12月15日"),
    ("截至12月15日", "截至12月15日"),
    ("2023.12.15", "2023.12.15"), ("2023年12月15日", "12月15日"), ("as of 2023-12-15", "as of 2023-12-15"),
    ("through 15 December 2023", "through 15 december"), ("Dec 15, 2023", "dec 15, 2023"),
    ("as of December 15, 2023", "as of december 15, 2023"), ("截至20231215", "截至20231215"),
    ("231215", "231215")])
def test_a_day_before_the_years_end_is_part_of_a_year(name, words):
    """On main all but the last two were None (read as the whole year, as 12月 is), while 20231215 stopped."""
    assert _sheet(name) == (PART_YEAR, words)


@pytest.mark.parametrize("name", ["截至2023.12.31", "截至2023年12月31日", "截至12月31日", "2023.12.31", "2023年12月",
                                  "December 31, 2023", "截至20231231", "2023.12"])
def test_the_years_last_day_is_the_whole_year(name):
    assert _sheet(name) is None


@pytest.mark.parametrize("title, words", [
    ("20230101-20230630人才发展主要指标", "20230101-20230630"), ("230101-230630人才发展主要指标", "230101-230630"),
    ("人才发展主要指标（截至2023年12月15日）", "截至2023年12月15日"), ("2306人才发展主要指标", "2306")])
def test_a_title_naming_a_range_of_dates_is_part_of_a_year(title, words):
    """On main the first three were None: a date in a title was taken for the day the table was made, both ends of
    a range too."""
    assert _title(title) == (PART_YEAR, words)


@pytest.mark.parametrize("title", ["2023年人才发展主要指标 240305", "2023年人才发展主要指标 20240305",
                                   "2023年人才发展主要指标 2024年3月5日",
                                   "2023年人才发展主要指标 填报日期：2024年3月5日"])
def test_a_day_in_a_title_is_still_the_day_it_was_made(title):
    assert _title(title) is None


@pytest.mark.parametrize("name", ["230630", "230101-230630", "2306", "截至2023.12.15"])
def test_a_sheet_so_named_stops_the_run_and_the_advice_reads(workspace, name):
    """redteam14 S-names: 建德's 9.4 under such a sheet was read as 2023's actual, exit 0. The advice followed (the
    whole year's figure, the sheet renamed as it says) reads it."""
    part_year_sheet_stops_and_renaming_reads(workspace, name)


def test_a_sheet_named_for_the_years_end_short_is_read(workspace):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "231231"))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_sheet_named_for_another_years_end_than_its_rows_stops(workspace):
    """The year a short date names is the sheet's year, checked against the rows' as 20221231's is (on main the
    sheet 221231 was a label, and 2023's rows were read)."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "221231"))
    err = build_refused(workspace)
    assert err.problem.startswith("the sheet's name ('221231') says the figures are for 2022, but no row's year "
                                  "cell does")
