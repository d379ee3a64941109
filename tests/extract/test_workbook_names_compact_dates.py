"""A sheet, file or folder named with a compact date (redteam12 finding 1, issue 18, class 1): `20230630` (30 June
2023, as systems export a date), `20230331`, `截至20230630`, `20230601-20230630`, `2023_06`, `人才监测20230630` and
`建德20230630` were read as 2023's actual values, exit 0 (建德's 9.4 in indicators.csv, nothing in the cleaning log),
because no year was found in a run of eight digits, while `2023-06-30` and `202306` stopped as part of a year.
Decision (docs/monitoring.md): a compact date is a date, read as the same date written with separators is; the year's
end (1231, or December alone: 202312) is the whole year, any other stops as part of a year; a run of digits that
begins as a year but is no calendar date (20231301, 20230231) is not understood and stops."""
import re

import pytest

from helpers.extract.name_meaning import NOT_UNDERSTOOD, PART_YEAR, name_says, stated_years
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook, part_year_sheet_stops_and_renaming_reads

JIANDE = ["建德市", "人才资源总量", "万人"]


def _sheet(name: str):
    said = name_says(name, known=("建德市",))
    return said and (said.what, said.words)


def _file(name: str):
    said = name_says(name, instructions=False, month_alone=False, known=("建德市",))
    return said and (said.what, said.words)


@pytest.mark.parametrize("name, words", [
    ("20230630", "20230630"), ("20230331", "20230331"), ("截至20230630", "截至20230630"),
    ("20230601-20230630", "20230601-20230630"), ("2023_06", "2023_06"), ("2023_06_30", "2023_06_30"),
    ("人才监测20230630", "20230630"), ("建德20230630", "20230630"), ("as of 20230630", "as of 20230630"),
    ("20230101-20231230", "20230101-20231230"), ("20230102-20231231", "20230102-20231231"),
    ("20231201", "20231201")])
def test_a_compact_date_in_a_sheets_name_is_part_of_a_year(name, words):
    """On main each was read as the year's actual values (None)."""
    assert _sheet(name) == (PART_YEAR, words)


@pytest.mark.parametrize("name", ["20231231", "202312", "2023_12", "截至20231231", "20230101-20231231",
                                  "202301-202312", "建德20231231", "人才监测202312"])
def test_the_years_end_written_compact_is_the_whole_year(name):
    """Decision: 31 December (or December alone, as 2023.12 is) is the year's end: its figures are the year's."""
    assert _sheet(name) is None
    assert stated_years(name)[0] == (2023, 2023)


@pytest.mark.parametrize("name", ["20231301", "20230231", "20230631", "2023123", "202313", "20001", "2023年20231301"])
def test_digits_that_begin_as_a_year_but_are_no_date_stop_as_not_understood(name):
    """A mistyped date may be of part of the year: on main all but the last were read (no year found)."""
    assert _sheet(name) == (NOT_UNDERSTOOD, re.search(r"[0-9]{5,}", name).group())
    assert _file(name) == (NOT_UNDERSTOOD, re.search(r"[0-9]{5,}", name).group())


@pytest.mark.parametrize("name", ["13800138000", "330182", "12345678", "Sheet1"])
def test_digits_that_name_no_year_are_a_label(name):
    """A run of digits that begins as no year (a phone number, a division code) names no year, as Sheet1 does: each
    row says its year."""
    assert _sheet(name) is None


def test_in_a_files_name_a_compact_date_alone_is_the_day_it_was_sent():
    """As 2024-03-15 is in a file's name (a month or date alone there is the day it was sent); a date to which the
    figures run, or a range, stops there too; the date names no figures' year (the cleaning log's check)."""
    assert _file("人才监测20240315") is None and _file("2023年数据20240315") is None
    assert _file("人才监测2024-03-15") is None
    assert _file("截至20230630") == (PART_YEAR, "截至20230630")
    assert _file("20230601-20230630") == (PART_YEAR, "20230601-20230630")
    assert stated_years("2023年数据20240315", dates=False) == [(2023, 2023)]
    assert stated_years("20230630") == [(2023, 2023)] and stated_years("20230630", dates=False) == []


@pytest.mark.parametrize("name", ["20230630", "截至20230630", "20230601-20230630", "2023_06"])
def test_a_sheet_named_with_a_compact_date_stops_the_run_and_the_advice_reads(workspace, name):
    """redteam12 S-compact-date: 建德's 9.4 under such a sheet was read as 2023's actual, exit 0. The advice
    followed (the whole year's figure, the sheet renamed as it says) reads it."""
    part_year_sheet_stops_and_renaming_reads(workspace, name)


def test_a_sheet_named_for_the_years_end_compact_is_read(workspace):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "20231231"))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_sheet_named_for_another_years_end_than_its_rows_stops(workspace):
    """The year a compact date names is the sheet's year, checked against the rows' as 2022年 is."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "20221231"))
    err = build_refused(workspace)
    assert err.problem.startswith("the sheet's name ('20221231') says the figures are for 2022, but no row's year "
                                  "cell does")
