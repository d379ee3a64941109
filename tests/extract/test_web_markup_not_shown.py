"""Web page markup the browser shows no text of (issue 18, redteam7 finding 4): `<select><option>14</option>
<option>99</option></select>` in a cell was read 1499 (Chromium shows 14), `<![CDATA[1]]>14` 114 (Chromium prints 14:
on an HTML page a CDATA section is a comment). Each family was rendered by Chromium on this machine, a cell of its own:
what it never shows is not read, and where what it shows cannot be told here (a drop-down list shows one option or
several; an <object>, <iframe> or <embed> another file's content) the run stops at the cell."""
from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from support.data_step import build
from support.fifteenth_plan import tonglu_web_plan, total_target_2030


@pytest.mark.parametrize("cell", [
    "<![CDATA[1]]>20左右",                                   # read 120 (a comment to the browser: not shown)
    "<noembed>1</noembed>20左右",                            # read 120 (shown only where plug-ins are off)
    "<noframes>1</noframes>20左右",                          # read 120
    "<datalist id=d><option>99</option></datalist>20左右",   # read 9920 (suggestions for an input, never shown)
    "<meter value=0.5>1</meter>20左右",                      # read 120 (the bar is shown, not its fallback)
    "<progress value=0.5>1</progress>20左右",
    "<canvas>1</canvas>20左右",
    "<video>1</video>20左右",
    "<audio>1</audio>20左右",
    "<title>1</title>20左右",                                # read 120 (a title is the tab's, not the page's)
    "<math><semantics><mn>20</mn><annotation>9</annotation></semantics></math>左右",   # read 209
])
def test_markup_the_browser_never_shows_is_not_read(workspace, cell):
    """Chromium prints the figure alone (rendered: <noembed>1</noembed>14 prints 14, <meter>1</meter>4 a bar and 4)."""
    tonglu_web_plan(workspace, cell)
    assert total_target_2030(build(workspace))["value"] == 20


def test_a_cdata_section_inside_svg_is_text_as_the_browser_shows_it(workspace):
    """Inside SVG (and MathML) CDATA is text: <svg><text><![CDATA[20]]></text></svg> is shown 20. Where a drawing
    draws its text is not worked out: the run stops at the cell, naming that text (test_web_shadow_and_inert)."""
    tonglu_web_plan(workspace, '<svg width=40 height=20><text x=0 y=15><![CDATA[20]]></text></svg>左右')
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "it holds a drawing (<svg> at line" in info.value.problem and "('20')" in info.value.problem


@pytest.mark.parametrize("cell, said", [
    ("<select><option>20</option><option>99</option></select>左右",
     "a drop-down list (<select>, its options '20', '99')"),
    ("<select><option>99</option><option selected>20</option></select>左右", "a drop-down list"),   # read 9920
    ('<object data="figure.txt">2</object>0左右', "an <object> element"),   # its file's text is shown, if found
    ("<iframe>1</iframe>20左右", "an <iframe> element"),                     # read 120
    ('<embed src="figure.txt">20左右', "an <embed> element"),
])
def test_a_drop_down_list_or_another_files_content_in_a_cell_stops_at_the_cell(workspace, cell, said):
    """What these show cannot be told from the page: a select shows its selected option (the first when none is),
    or several in a list box (size, multiple); an object shows its file, and its fallback text only when the file
    cannot be loaded. Printed to PDF (the advice), the page is read as shown."""
    tonglu_web_plan(workspace, cell)
    with pytest.raises(InputError) as info:
        build(workspace)
    assert f"a table cell holds {said}" in info.value.problem and "print it to PDF" in info.value.fix
