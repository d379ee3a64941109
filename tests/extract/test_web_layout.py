"""Web pages whose style moves a piece of a table cell's text out of the place the page stores it in (issue 18,
redteam8 finding 4, class 1). 桐庐's 2030 target cell (20左右) is rewritten as each `cell` below; headless Chromium
156 printed each page here (pdftotext -layout of its PDF, and screenshots where pieces overlap): what it shows is
in the comments. Each was read 120, exit 0. Which text the browser lays out where is not worked out: the run stops
at the cell, naming the declaration, and the analyst's reading of the cell (the advice) is followed. What is certain
to move nothing (a float:left image, margin 0, position:relative without offsets …) reads as before."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from support.data_step import build
from support.fifteenth_plan import add_fifteenth_plan, tonglu_web_plan, total_target_2030, web_page_with_target
from support.plan_documents import follow_the_reading_advice, use_plan_file

SIX = "tr:nth-child(2) > td:nth-child(6)"       # the 2030 target cell of 人才资源总量 alone


def _total_2030(workspace: Path) -> float:
    return total_target_2030(build(workspace))["value"]


def _stop(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        _total_2030(workspace)
    return info.value


@pytest.mark.parametrize("cell, declaration", [
    # Chromium: 20左右 with the 1 at the cell's right edge
    ('<span style="float:right">1</span>20左右', "floats '1' to one side, by the inline style 'float: right'"),
    # an empty cell: the line moved off the page
    ('<span style="display:inline-block;margin-left:-9999px">1</span>20左右',
     "shifts '1' by a margin, by the inline style 'margin-left: -9999px'"),
    # 201左右
    ('<span style="display:inline-flex"><span style="order:2">1</span><span>20</span></span>左右',
     "places '1' in another order among its box's items, by the inline style 'order: 2'"),
])
def test_redteams_moved_digit_stops_at_the_cell_and_the_reading_advice_works(workspace, cell, declaration):
    path = tonglu_web_plan(workspace, cell)
    error = _stop(workspace)
    assert error.where.line == 21
    assert error.problem == (
        f"the 2030年目标 cell of '人才资源总量' is '120左右': the page's style {declaration} (line 21): the browser "
        "may show it out of the place the page stores it in (the text reads '120左右'), so its figure cannot be "
        "read for sure")
    follow_the_reading_advice(workspace, error.fix, path)
    assert _total_2030(workspace) == 20


@pytest.mark.parametrize("cell, style, doing", [
    ('1<span style="float:left">20</span>左右', "", "floats '20' to one side"),                    # 201左右
    ('1<span style="margin-left:-1em">20</span>左右', "", "shifts '20' by a margin"),             # 1 over 2
    ('<span style="margin-right:9999px">1</span>20左右', "", "shifts '1' by a margin"),            # 20 off the page
    ('<div style="margin-top:-30px">120左右</div>', "", "shifts '120左右' by a margin"),          # in the header row
    ('<p style="margin:0;text-indent:-1em">120左右</p>', "", "shifts the first line of '120左右' by an indent"),
    ('<span style="position:relative;left:1.5em">1</span>20左右', "", "offsets '1' from its place"),   # 201左右
    ('<span style="position:relative;top:-0.5em">1</span>20左右', "", "offsets '1' from its place"),  # row above
    ('<span style="position:relative;inset:0 0 0 2em">1</span>20左右', "", "offsets '1' from its place"),
    ('<span style="position:absolute">1</span>20左右', "", "takes '1' out of the text's flow"),     # 1 over 2
    ('<span style="position:absolute;left:0;top:0">1</span>20左右', "", "takes '1' out of the text's flow"),
    ('120左右', f"{SIX} {{ position: relative; left: -120px }}", "offsets '120左右' from its place"),  # 2025's column
    ('<span style="display:inline-block;transform:translateX(1.2em)">1</span>20左右', "", "transforms '1'"),
    ('<span style="display:inline-block;transform:rotate(180deg)">12</span>0左右', "", "transforms '12'"),
    ('<span style="display:inline-block;transform:scaleX(-1)">12</span>0左右', "", "transforms '12'"),   # 210左右
    # translate far off is read as out of sight (shown 20左右): test_css_values_not_worked_out
    ('<span style="display:inline-grid;grid-auto-flow:column"><span style="order:2">1</span><span>20</span></span>'
     '左右', "", "lays out the items of '120' in another order"),                                  # 201左右
    ('<span style="display:inline-grid"><span style="grid-column:2">1</span><span style="grid-column:1">20</span>'
     '</span>左右', "", "places '1' in the grid"),
    ('<span style="display:inline-flex;direction:rtl"><span>1</span><span>20</span></span>左右', "",
     "sets '120' right to left"),                                                                    # 201左右
    ('≥120', f"{SIX} {{ direction: rtl }}", "sets '≥120' right to left"),                        # 120≥
    ('1<span style="writing-mode:vertical-rl">20</span>左右', "", "sets '20' in another writing direction"),
    # a clip path stops as a value not worked out (test_css_values_not_worked_out), named so there
    ('<span style="display:inline-block;width:0.6em;overflow:hidden;vertical-align:bottom">12</span>0左右', "",
     "clips '12' to its box's size"),                                                              # 10左右
    ('120左右', f"{SIX} {{ letter-spacing: -0.6em }}", "sets the letters of '120左右' over each other"),  # 左右
])
def test_a_piece_of_a_figure_the_browser_moves_stops_at_the_cell(workspace, cell, style, doing):
    """Chromium shows each otherwise than 120左右 (in the comments); each was read 120."""
    tonglu_web_plan(workspace, cell, style)
    error = _stop(workspace)
    figure = "≥120" if cell == "≥120" else "120左右"
    assert error.where.line == 21
    assert error.problem.startswith(f"the 2030年目标 cell of '人才资源总量' is '{figure}': the page's style {doing}, "
                                    "by ")
    assert error.problem.endswith("so its figure cannot be read for sure")


@pytest.mark.parametrize("style, doing", [
    # every cell without its first letter: 才规模 … 5.2 20左右 期性
    ("td::first-letter { float: left; margin-left: -9999px }",
     "moves the first letter of its text ('1') out of its place, by the rule 'td::first-letter {margin-left: "
     "-9999px}'"),
    ("td::first-letter { float: right }",          # 5.2 … 1
     "moves the first letter of its text ('1') out of its place, by the rule 'td::first-letter {float: right}'"),
    ("td::first-letter { margin-right: -0.6em }",  # the 2 over the 1
     "moves the first letter of its text ('1') out of its place, by the rule 'td::first-letter {margin-right: "
     "-0.6em}'"),
    ("td { float: left }",                         # the table's columns broken up: 120左右 on a line of its own
     "floats '15.2' to one side, by the rule 'td {float: left}'"),
    ("td { direction: rtl }",                      # 〔6500〕 shown 〕6500〔
     "sets '15.2' right to left, by the rule 'td {direction: rtl}'"),
    ("tr:nth-child(2) { position: relative; left: -60px }",      # the row under other headers
     "offsets '15.2' from its place, by the rule 'tr:nth-child(2) {left: -60px}'"),
])
def test_a_style_that_moves_every_cells_text_stops_at_the_first_figure(workspace, style, doing):
    """The run stops at the first figure read, 2025's 15.2, in 人才资源总量's row."""
    tonglu_web_plan(workspace, "120左右", style)
    error = _stop(workspace)
    assert error.problem.startswith(f"the 2025年(预计) cell of '人才资源总量' is '15.2': the page's style {doing} "
                                    "(line 5)")


@pytest.mark.parametrize("style, shown", [
    ("th::first-letter { font-size: 0 }", "the page's style does not show the first letter of its text ('类'), by "
     "the rule 'th::first-letter {font-size: 0}' (line 5): the browser shows '别', and the text reads '类别'"),
    ("th::first-letter { float: left; margin-left: -9999px }", "the page's style moves the first letter of its text "
     "('类') out of its place, by the rule 'th::first-letter {margin-left: -9999px}' (line 5): the browser may show "
     "it elsewhere (the text reads '类别')"),
])
def test_a_header_cell_shown_otherwise_stops_at_the_header(workspace, style, shown):
    """Chromium shows the header row 别 号 标名称 位 025年（预计） 030年目标 性; it was read as written, and which
    column is which taken from what no reader sees. The advice is another file of the plan, as no reading of the
    analyst's stands for a header."""
    tonglu_web_plan(workspace, "20左右", style)
    error = _stop(workspace)
    assert error.where.line == 20
    assert error.problem == (f"the table's header cell '类别' (column 1 of 7): {shown}, so which column holds which "
                             "figures cannot be told for sure")
    assert "ask the office for the plan as .docx" in error.fix


@pytest.mark.parametrize("cell, style", [
    ('<span style="float:left">1</span>20左右', ""),                    # a float:left holding the first text
    ('<span style="float:right">120左右</span>', ""),                   # all of it, at the cell's right edge
    ('120<span style="float:right">左右</span>', ""),                   # its last piece: 120 … 左右
    ('<img style="float:left" width="8" height="8" alt="">120左右', ""),  # an image: no text
    ('120左右', "td { margin: -5px }"),                                 # a table cell takes no margin
    ('<p style="margin:0">120左右</p>', ""),
    ('<span style="margin-left:2em">1</span>20左右', ""),               # a space before the 1
    ('1<span style="margin-left:-1px">20</span>左右', ""),              # nudged: under 4 px either way
    ('1<span style="position:relative;top:-2px">20</span>左右', ""),
    ('1<span style="display:inline-block;transform:translateY(1px)">20</span>左右', ""),
    ('<p style="margin:0;text-indent:2em">120左右</p>', ""),            # a paragraph's indent
    ('120左右', "td { position: relative }"),
    ('<span style="position:relative">1</span>20左右', ""),
    ('<span style="transform:translateX(5em)">1</span>20左右', ""),     # an inline span takes no transform
    ('<span style="display:inline-block;transform:translate(0)">1</span>20左右', ""),
    ('<span style="display:inline-flex"><span style="order:-1">1</span><span>20</span></span>左右', ""),  # in order
    ('120左右', f"{SIX} {{ writing-mode: vertical-rl }}"),              # the whole figure set downwards
    ('120左右', "td::first-letter { float: left }"),                    # a drop capital
    ('120左右', "td::first-letter { float: left; margin: 0 3px 0 0 }"),
    ('120左右', "table { margin: 0 auto } body { margin: 0 } p { margin: 0 0 10px; text-indent: 2em }"),
])
def test_what_moves_nothing_is_read_as_before(workspace, cell, style):
    """Chromium shows 120左右 for each."""
    tonglu_web_plan(workspace, cell, style)
    assert _total_2030(workspace) == 120


def test_a_plan_table_inside_a_layout_table_with_ordinary_site_style_reads_as_before(workspace):
    """A county site's frame: the article in a cell of a layout table, the plan's table centred in it, a floated
    picture and relative positions (Chromium shows 20左右)."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / "tonglu_15.html", "20左右", "table { margin: 0 auto } td { "
                                "position: relative } img { float: left; margin-right: 8px } .article p { "
                                "text-indent: 2em; margin: 0 }")
    page = path.read_text(encoding="utf-8")
    framed = page.replace('<div class="article">', '<table width="100%"><tr><td><img src="logo.png" alt=""><div '
                          'class="article">').replace("</div>\n</body>", "</div></td></tr></table>\n</body>")
    assert framed.count("<table") == page.count("<table") + 1
    path.write_text(framed, encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    assert _total_2030(workspace) == 20
