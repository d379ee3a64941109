"""A monitoring workbook's value cell in rich text (parts in formatting of their own: select a character in the
formula bar, Format Cells), issue 18, hostile pass 2 (F4). A part the sheet shows struck through, in the colour of
the cell's fill, or smaller than the digit beside it was read as a digit: 12.95, 12.59, 12.9 where the sheet shows
12.9 and a tiny 5, "12. 9", and a struck 1 before 2.9. Each now stops the run at its cell, in the shared strings
(as Excel, WPS and LibreOffice store it) and stored inline (as programs writing workbooks store it)."""

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
