"""A monitoring workbook's value cell in rich text (parts in formatting of their own: select a character in the
formula bar, Format Cells), issue 18, hostile pass 2 (F4). A part the sheet shows struck through, in the colour of
the cell's fill, or smaller than the digit beside it was read as a digit: 12.95, 12.59, 12.9 where the sheet shows
12.9 and a tiny 5, "12. 9", and a struck 1 before 2.9. Each now stops the run at its cell, in the shared strings
(as Excel, WPS and LibreOffice store it) and stored inline (as programs writing workbooks store it)."""

import re

import pytest

from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook, with_rich_text_e2

ROW = ["建德市", "人才资源总量", "万人", 2023, 0]
CASES = {
    "a 6 pt 5 after 12.9": ('<r><t>12.9</t></r><r><rPr><sz val="6"/></rPr><t>5</t></r>',
                            "'5' is set smaller (55% of the size) than the digits beside it in '12.95'"),
    "a white 5 inside 12.9": ('<r><t>12.</t></r><r><rPr><color rgb="FFFFFFFF"/></rPr><t>5</t></r><r><t>9</t></r>',
                              "its part '5' is set in the colour of the cell's fill"),
    "a struck 1 before 2.9": ('<r><rPr><strike val="1"/></rPr><t>1</t></r><r><t>2.9</t></r>',
                              "its part '1' is struck through"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_struck_white_or_smaller_part_of_a_figure_stops_at_its_cell(workspace, case):
    runs, why = CASES[case]
    with_rich_text_e2(one_sheet_workbook(workspace, [ROW]), runs, shared=True)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2"
    assert err.problem.startswith("the cell's text '") and why in err.problem, err.problem
    assert "retype it as the figure the sheet means" in err.fix
    # The advice followed: the figure typed anew as a number.
    one_sheet_workbook(workspace, [ROW[:4] + [12.9]])
    assert monitored(workspace)["value"].tolist() == [12.9]


@pytest.mark.parametrize("case", list(CASES))
def test_the_same_parts_stored_inline_stop_at_the_cell(workspace, case):
    """openpyxl's read-only mode runs inline parts together, their formatting lost: refused from the sheet's XML."""
    with_rich_text_e2(one_sheet_workbook(workspace, [ROW]), CASES[case][0], shared=False)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2" and "struck through, or in a colour or size of its own" in err.problem
    assert "retype it as the figure the sheet means" in err.fix


@pytest.mark.parametrize("runs", [
    '<r><rPr><color rgb="FFFF0000"/></rPr><t>12.</t></r><r><rPr><b/><color rgb="FFFF0000"/></rPr><t>9</t></r>',
    '<r><rPr><sz val="6"/></rPr><t>12.</t></r><r><rPr><sz val="6"/></rPr><t>9</t></r>',
])
def test_parts_in_red_bold_or_one_small_size_are_read(workspace, runs):
    """Red and bold are seen; a figure small as a whole is one figure."""
    with_rich_text_e2(one_sheet_workbook(workspace, [ROW]), runs, shared=True)
    assert monitored(workspace)["value"].tolist() == [12.9]


# ------------------------------------------------------- colours written otherwise than RGB (issue 18, leftover 4)
# Excel writes a part's colour as an entry of its indexed palette, a theme colour with a tint, or automatic; a
# fill likewise. Only RGB and theme 0/1 were judged: a white 5 so written inside 12.9 was read 12.59, exit 0.

def _fill(colour=None, pattern="solid"):
    """An edit giving E2 a fill (openpyxl, as a user's tool writes it)."""
    from openpyxl.styles import PatternFill
    from openpyxl.styles.colors import Color

    def edit(ws):
        ws["E2"].fill = PatternFill(pattern, fgColor=Color(**colour) if colour else None)
    return edit


WHITE_FIVE = '<r><t>12.</t></r><r><rPr>{}</rPr><t>5</t></r><r><t>9</t></r>'
UNSEEN = {
    "indexed 9 (white) on no fill": ('<color indexed="9"/>', None),
    "indexed 1 (white) on no fill": ('<color indexed="1"/>', None),
    "system background (indexed 65) on no fill": ('<color indexed="65"/>', None),
    "theme 1 (black) tinted white": ('<color theme="1" tint="0.95"/>', None),
    "theme 4 (accent 1) tinted to white": ('<color theme="4" tint="0.99"/>', None),
    "red (indexed 10) on a red fill (indexed 10)": ('<color indexed="10"/>', _fill({"indexed": 10})),
    "automatic on a black fill (indexed 8)": ('<color auto="1"/>', _fill({"indexed": 8})),
    "no colour (automatic) on a black theme fill": ("<b/>", _fill({"theme": 1})),
    "accent 1 on an accent 1 fill, both tinted": ('<color theme="4" tint="0.4"/>', _fill({"theme": 4, "tint": 0.4})),
}


@pytest.mark.parametrize("case", list(UNSEEN))
def test_a_part_in_the_fills_colour_however_written_stops_at_its_cell(workspace, case):
    colour, edit = UNSEEN[case]
    path = one_sheet_workbook(workspace, [ROW], edit=edit)
    with_rich_text_e2(path, WHITE_FIVE.format(colour), shared=True)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2"
    # (on a dark fill the black parts 12. and 9 are unseen too, and may be named first)
    assert re.search(r"its part '(5|12\.)' is set in the colour of the cell's fill", err.problem), err.problem
    assert "retype it as the figure the sheet means" in err.fix


@pytest.mark.parametrize("colour, edit", [
    ('<color indexed="10"/>', None),                     # red on white
    ('<color indexed="64"/>', None),                     # the system's text colour: black
    ('<color theme="1" tint="0.5"/>', None),             # grey
    ('<color indexed="9"/>', _fill({"indexed": 10})),    # white on red (the black 12. and 9 seen on it too)
    ('<color theme="0"/>', _fill({"theme": 4, "tint": -0.5})),   # white on dark accent 1
])
def test_a_part_that_stands_out_from_the_fill_is_read(workspace, colour, edit):
    path = one_sheet_workbook(workspace, [ROW], edit=edit)
    with_rich_text_e2(path, WHITE_FIVE.format(colour), shared=True)
    assert monitored(workspace)["value"].tolist() == [12.59]


@pytest.mark.parametrize("colour, edit, untold", [
    ('<color indexed="9"/>', _fill({"indexed": 10}, pattern="darkGrid"), "a darkGrid fill"),
    ('<color theme="4"/>', None, "theme 4"),             # a workbook without a theme
    ('<color indexed="70"/>', None, "indexed 70"),
])
def test_a_part_whose_colour_or_fill_cannot_be_told_stops_at_its_cell(workspace, colour, edit, untold):
    path = one_sheet_workbook(workspace, [ROW], edit=edit)
    with_rich_text_e2(path, WHITE_FIVE.format(colour), shared=True)
    if untold == "theme 4":
        _without_theme(path)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E2"
    assert "its part '5' is set in a colour of its own, and whether the sheet shows it" in err.problem, err.problem


def _without_theme(path):
    import zipfile
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "xl/theme/theme1.xml"}
    parts["xl/_rels/workbook.xml.rels"] = re.sub(rb'<Relationship [^>]*theme1.xml"/>', b"",
                                                 parts["xl/_rels/workbook.xml.rels"])
    parts["[Content_Types].xml"] = re.sub(rb'<Override PartName="/xl/theme/theme1.xml"[^>]*/>', b"",
                                          parts["[Content_Types].xml"])
    with zipfile.ZipFile(path, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
