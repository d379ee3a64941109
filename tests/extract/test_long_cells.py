"""Cells far longer than a figure: read (or refused) in a moment, never minutes; refused naming the cell, with their
length and not their text. A run of spaces in a cell made the value patterns try every way of sharing it between
two \\s* (or between a lazy .+? and \\s*): on main before this file, 16,000 spaces took 8-15 s per pattern, an Excel
cell of 32,767 characters about a minute, and a .docx cell has no limit. The bounds are generous (3 s where the fixed
code takes some 0.05 s) so that load cannot fail them, while the old code fails them several times over."""
import time
from pathlib import Path

import openpyxl
import pytest

from helpers.core import values
from helpers.core.errors import InputError
from helpers.core.values import NotANumber, parse_value_cell
from helpers.extract import dataset

SPACES = 24_000
RUN = " " * SPACES
HEADER = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]
EXCEL_LONGEST = 32_767    # the most characters an Excel cell holds


def _quickly(function, *args, seconds: float = 3.0, clock=time.monotonic):
    started = clock()
    try:
        return function(*args)
    finally:
        assert clock() - started < seconds


@pytest.mark.parametrize("cell, in_plan", [
    ("1" + RUN + "x", False),                          # VALUE: \s* (%)? \s*
    ("1" + RUN + "%" + RUN + "x", False),
    ("[" + RUN + "1" + RUN + "x]", False),             # CUMULATIVE: +? then \s*
    ("1" + RUN + "x左右", False),                       # APPROXIMATE: .+? then \s*
    ("1" + RUN + "x上下", True),                        # PLAN_APPROXIMATE
    ("近" + RUN + "1 x", True),
    ("20" + RUN + "x(力争22)", True),                   # STRETCH: .+? then \s*
    ("20," + RUN + "x", True),
    ("20" + RUN + "x(2029年)", True),                   # YEAR_IN_BRACKETS: .+? then \s*, \s* 年? \s*
    ("20(2029" + RUN + "x)", True),
    ("1" + "¹" * SPACES, False),                        # note marks: the written-note pattern searched once a mark
    ("1" + "(注1" * (SPACES // 3), False),
])
def test_the_value_patterns_take_a_moment_over_any_run(monkeypatch, cell, in_plan):
    """Read past the length limit too: the patterns themselves stay quick, whatever guards them."""
    monkeypatch.setattr(values, "LONGEST_VALUE_CELL", 10 ** 9)
    try:
        _quickly(parse_value_cell, cell, in_plan)
    except NotANumber:
        pass


@pytest.mark.parametrize("cell, in_plan, value", [
    ("12.9 %", False, 12.9), ("约 14 ", False, 14), ("14 左右", False, 14), ("〔 3 〕", False, 3),
    (" 12.9  以上", False, 12.9), ("≥ 4.5", False, 4.5), ("20 上下", True, 20), ("近 20", True, 20),
    ("20 （ 力争 22 ）", True, 20), ("20 ， 力争 22", True, 20), ("20 （ 2029 年 ）", True, 20),
    ("20 （2029）", True, 20), ("10.3 （注1）", False, 10.3), ("10.3注①", False, 10.3),
])
def test_spaces_inside_a_figure_are_read_as_before(cell, in_plan, value):
    assert parse_value_cell(cell, in_plan).value == value


def test_the_other_parts_of_a_spaced_figure_are_read_as_before():
    assert parse_value_cell("20 （ 力争 22 ）", True).stretch == 22
    assert parse_value_cell("20 ， 力争 22 ", True).stretch == 22
    assert parse_value_cell("20 （ 2029 年 ）", True).year == 2029
    assert parse_value_cell("〔 3 〕").cumulative and parse_value_cell("14 左右").approximate
    assert parse_value_cell("10.3 （注1）").note_marks == "（注1）"
    assert parse_value_cell("10.3(注1)¹").note_marks == "(注1)¹"
    with pytest.raises(NotANumber):
        parse_value_cell("（注1）")       # a note alone is no figure (as before)


def test_a_cell_longer_than_any_figure_is_refused_by_its_length():
    with pytest.raises(values.TooLongForAFigure) as info:
        _quickly(parse_value_cell, "1" + " " * (EXCEL_LONGEST - 2) + "x", seconds=1)
    assert info.value.characters == EXCEL_LONGEST
    assert parse_value_cell(" " * 1000 + "1" + " " * 1000).value == 1    # (a padded figure is still a figure)


def _monitoring_workbook(workspace: Path, year, value) -> Path:
    path = workspace / "raw" / "monitoring" / "long.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(HEADER)
    ws.append(["建德市", "人才资源总量", "万人", year, value, None, "统计公报", None])
    wb.save(path)
    return path


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


def test_a_workbook_value_cell_of_32767_characters_is_refused_naming_it(workspace):
    _monitoring_workbook(workspace, 2021, "1" + " " * (EXCEL_LONGEST - 2) + "x")
    err = _quickly(_refused, workspace, seconds=30)
    assert err.file.endswith("monitoring/long.xlsx") and err.where == "sheet 数据, cell E2"
    assert "32,767 characters" in err.problem and "the limit is 1,000" in err.problem
    assert len(str(err)) < 1000 and "备注" in err.fix


def test_a_workbook_year_cell_of_spaces_is_refused_in_a_moment(workspace):
    """The year pattern (\\s*\\d{4}\\s*(年)?\\s*) shared a run of spaces between its \\s* too."""
    _monitoring_workbook(workspace, "2021" + " " * (EXCEL_LONGEST - 5) + "x", 11.2)
    err = _quickly(_refused, workspace, seconds=30)
    assert err.where == "sheet 数据, cell D2" and "is not a year" in err.problem


@pytest.mark.parametrize("column, letter, problem", [(0, "A", "unknown county"), (1, "B", "unknown indicator"),
                                                     (2, "C", "unit"), (3, "D", "year")])
def test_a_workbook_cell_of_32767_characters_is_quoted_by_its_start_and_length(workspace, column, letter, problem):
    """Refused in a moment, and the message names the cell and quotes its start, not all 32,767 characters (on main
    the message was 33,000 characters long)."""
    row = ["建德市", "人才资源总量", "万人", 2021, 11.2, None, "统计公报", None]
    row[column] = "20" + "左" * (EXCEL_LONGEST - 2)
    path = workspace / "raw" / "monitoring" / "long.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "数据"
    wb.active.append(HEADER)
    wb.active.append(row)
    wb.save(path)
    err = _quickly(_refused, workspace, seconds=30)
    assert err.where == f"sheet 数据, cell {letter}2" and err.problem.startswith(problem)
    assert "(32,767 characters)" in err.problem and len(str(err)) < 1000


def test_a_plan_cell_longer_than_any_figure_is_refused_naming_it(workspace):
    """A .docx cell has no length limit: 100,000 spaces between 20 and 左右x."""
    import docx

    from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
    from support.plan_documents import PlanContent, use_plan_file, write_docx
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == "20左右")
    cell.text = "20" + " " * 100_000 + "左右x"
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    err = _quickly(_refused, workspace, seconds=60)
    assert err.file.endswith("tonglu_15.docx") and "100,005 characters" in err.problem
    assert len(str(err)) < 1000 and "make manifest" in err.fix


@pytest.mark.parametrize("column", ["指标名称", "属性"])
def test_a_plan_name_or_header_cell_of_100000_characters_is_quoted_by_its_start_and_length(workspace, column):
    """An unknown indicator's name or header cell is quoted by its start and length (on main, whole, twice: a
    message of 200,000 characters)."""
    import copy

    from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
    from support.plan_documents import PlanContent, use_plan_file, write_docx
    add_fifteenth_plan(workspace, "word_tab_cells")
    content = copy.deepcopy(DOCUMENT_TABLE)
    if column == "属性":
        content["header"][-1] = "20" + " " * 100_000 + "x"
    else:
        content["rows"][0][2] = "20" + " " * 100_000 + "x"
    path = write_docx(PlanContent(**content), workspace / "raw" / "tonglu_15.docx")
    use_plan_file(workspace, "tonglu_15.txt", path)
    err = _quickly(_refused, workspace, seconds=60)
    assert err.file.endswith("tonglu_15.docx") and "(100,003 characters)" in err.problem
    # (bounded, not 200,000 characters: the header advice names the plan period and the config file's path three
    # times, about 875 characters under a short folder name)
    assert len(str(err)) < 1500


@pytest.mark.parametrize("read, text", [
    # a plan's line: a table of contents' entry (title, leader, page number), tried from each space or dot
    ("helpers.extract.tables:CONTENTS_ENTRY.search", "目录" + " " * 20_000 + "x"),
    ("helpers.extract.tables:CONTENTS_ENTRY.search", "目录" + "." * 20_000 + "x"),
    # a document's cell, its lines joined (\s*\n\s* from each space)
    ("helpers.extract.documents.model:join_lines", "20" + " " * 100_000 + "左右"),
    # a workbook's year cell (\s*\d{4}\s*(年)?\s*: 16,000 spaces took 3.9 s)
    ("helpers.extract.monitoring:_year", "2021" + " " * 20_000 + "x"),
    # a web page's style: a zero length (0*\.?0*), a length ([0-9]*\.?[0-9]+: 8,000 digits 13 s on main), a
    # transform's functions (a name tried from each character: 20,000 digits 11 s on main)
    ("helpers.extract.documents.styles:ZERO.match", "0" * 30_000 + "!"),
    ("helpers.extract.documents.styles:LENGTH.match", "1" * 30_000 + "x"),
    ("helpers.extract.documents.styles:_vanishing", "1" * 30_000),
])
def test_every_pattern_over_a_line_or_a_cell_takes_a_moment(read, text):
    """Each pattern run over a whole line or cell that went back over a run of one character from each of its
    characters (seconds for thousands, minutes for a line of 20,000), with the input that showed it."""
    import importlib
    module, _, name = read.partition(":")
    function = importlib.import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    _quickly(function, text)


def test_a_configured_pattern_of_braces_is_checked_in_a_moment():
    """The check for braces `regex` reads otherwise looked for a } from each {: in a pattern of sources.yaml (which
    nothing else limits) 10,000 { took 0.13 s on main, 80,000 about 8 s. Its findings are the same (checked on
    300,000 random patterns)."""
    from helpers.core import config
    # Processor time: the check runs in this process (about 8 s of it on main); the pattern's compiling runs under a
    # time limit elsewhere, and wall time went past 3 s on a machine loaded by other test suites.
    _quickly(config._regex, "{" * 80_000 + ".", Path("sources.yaml"), 1, "table_title", clock=time.process_time)
    with pytest.raises(InputError) as info:
        config._regex("人才{e<=1}指标", Path("sources.yaml"), 1, "table_title")
    assert "'{e<=1}'" in info.value.problem
    with pytest.raises(InputError, match=r"'\[:digit:\]'"):
        config._regex("[[:digit:]]年", Path("sources.yaml"), 1, "table_title")


def test_a_notebook_table_with_a_long_text_cell_is_shown_in_a_moment():
    """A notebook's table decides whether a text column holds numbers (NUMERIC_TEXT): a 备注 of 6,000 spaces took
    4.5 s on main, and a workbook's 备注 holds 32,767 characters. The numbers written as text are told as before."""
    import pandas as pd

    from helpers.core.formatting import numeric_text, table_view
    _quickly(lambda: table_view(pd.DataFrame({"备注": [" " * EXCEL_LONGEST + "x", "1" * 20_000 + "x"]})).to_html())
    assert all(numeric_text(t) for t in ("12.5", " ≥ 1,200 ", "35 %", "3/5", "-.5", "0"))
    assert not any(numeric_text(t) for t in ("1.", ",", ">", "12.5万", "1,2.3,4", ""))
