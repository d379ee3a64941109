"""Raw-text elements inside a drawing (<svg>) or a formula (<math>) (issue 18, redteam14 finding 4). There the HTML
standard reads <textarea>, <noscript>, <style>, <xmp> … as the drawing's elements, whose content is markup, and a
start tag of the body's text (<p>, <table> …) closes the drawing: the browser draws what follows as the page's. A
copy of 桐庐's indicator table (its 2030 target of 人才资源总量 99) inside `<svg><textarea>` or `<math><noscript>`,
before the real table (20左右), is drawn first by Chromium 156 on this machine (headless --print-to-pdf, read back
with pdftotext: 99, then 20左右); the reader read it as text and took 20左右, with no word of the copy. Inside a
drawing's <foreignObject>, <desc> or a formula's <mi> the standard reads HTML again, and there they stay text
(Chromium prints 20左右 alone)."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.fifteenth_plan import tonglu_web_plan, total_target_2030


def _target(workspace: Path) -> float:
    return total_target_2030(dataset.build(workspace / "raw", workspace / "config"))["value"]


@pytest.mark.parametrize("around", [
    lambda block, copy: f'<svg width="10" height="10"><textarea>{copy}</textarea></svg>{block}',
    lambda block, copy: f'<SVG width="10" height="10"><TEXTAREA>{copy}</TEXTAREA></SVG>{block}',
    lambda block, copy: f"<math><noscript>{copy}</noscript></math>{block}",
    lambda block, copy: f'<svg width="10" height="10"><xmp>{copy}</xmp></svg>{block}',
    lambda block, copy: f'<svg width="10" height="10"><script>{copy}</script></svg>{block}',
    lambda block, copy: f'<svg width="10" height="10"><iframe>{copy}</iframe></svg>{block}',
    lambda block, copy: f'<svg width="10" height="10"><noembed>{copy}</noembed></svg>{block}',
    lambda block, copy: f'<svg width="10" height="10"><noframes>{copy}</noframes></svg>{block}',
    lambda block, copy: f"<math><title>{copy}</title></math>{block}",
    lambda block, copy: f"<math><textarea>{copy}</textarea></math>{block}",
    lambda block, copy: f'<svg width="10" height="10"><plaintext>{copy}{block}',
], ids=["svg-textarea", "upper-case", "math-noscript", "svg-xmp", "svg-script", "svg-iframe", "svg-noembed",
        "svg-noframes", "math-title", "math-textarea", "svg-plaintext"])
def test_a_copy_inside_a_drawings_element_is_drawn_first(workspace, around):
    """Chromium prints 99, then 20左右, for each: the copy's <p> closes the drawing. Main read 20 (the last, no
    table: <plaintext> made the rest of the page text). The reader sees both tables, the copy first, as the browser
    draws them; two tables under one title that differ stop the run (test_two_tables_titled_alike)."""
    tonglu_web_plan(workspace, around=around)
    with pytest.raises(InputError) as stop:
        _target(workspace)
    assert "two tables are titled" in str(stop.value)
    assert "'99' in the first" in str(stop.value) and "'20左右' in the second" in str(stop.value)


def test_a_table_inside_a_drawings_style_is_drawn(workspace):
    """`<svg><style>{the table}</style></svg>` alone: Chromium prints the table (99); main stopped with "no table is
    titled", advice that does not help."""
    tonglu_web_plan(workspace, around=lambda block, copy: f'<svg width="10" height="10"><style>{copy}</style></svg>')
    assert _target(workspace) == 99


@pytest.mark.parametrize("around", [
    lambda block, copy: f'<svg width="10" height="10"><foreignObject><textarea>{copy}</textarea></foreignObject>'
                        f"</svg>{block}",
    lambda block, copy: f"<math><mi><textarea>{copy}</textarea></mi></math>{block}",
    lambda block, copy: f'<svg width="10" height="10"><desc><xmp>{copy}</xmp></desc></svg>{block}',
], ids=["foreignObject", "mi", "desc"])
def test_where_a_drawing_reads_html_again_the_elements_stay_text(workspace, around):
    """Chromium prints 20左右 alone for each (the integration points of the HTML standard)."""
    tonglu_web_plan(workspace, around=around)
    assert _target(workspace) == 20


def test_a_drawing_the_browser_keeps_open_stops(workspace):
    """`<svg><foreignObject><p>注</foreignObject></svg>` before the table: the browser ignores </foreignObject> while
    the <p> is open, keeps the drawing open, and draws the rest of the page inside it: Chromium prints no table.
    Main read 20. The run stops at the end tag, with the advice to print the page to PDF."""
    path = tonglu_web_plan(workspace, around=lambda block, copy: f'<svg width="10" height="10"><foreignObject><p>注'
                                                      f"</foreignObject></svg>{block}")
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "</foreignObject>" in text)
    with pytest.raises(InputError) as info:
        _target(workspace)
    assert info.value.where == line
    assert "ignores the end tag </foreignobject>" in info.value.problem
    assert "drawing's <foreignobject>" in info.value.problem
    assert "print it to PDF" in info.value.fix


def test_a_table_inside_a_drawings_foreignobject_stops(workspace):
    """The copy inside `<svg width="600" height="600"><foreignObject width="600" height="600">`, before the real
    table: Chromium draws it there (99, then 20左右), and draws nothing of it at 0×0; the reader passes over drawings,
    and main read 20 with no word. The run stops at the copy's table, with the advice to print the page to PDF."""
    path = tonglu_web_plan(workspace, around=lambda block, copy: '<svg width="600" height="600"><foreignObject '
                           f'width="600" height="600">{copy}</foreignObject></svg>{block}')
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "<foreignObject" in text)
    with pytest.raises(InputError) as info:
        _target(workspace)
    assert info.value.where >= line and "a table stands inside a drawing's <foreignObject>" in info.value.problem
    assert "print it to PDF" in info.value.fix


@pytest.mark.parametrize(("style", "shown"), [
    ('<svg width="0" height="0"><textarea><style>.h {display: none}</style></textarea></svg>', 20),
    ('<svg width="0" height="0"><style><![CDATA[.h {display: none}]]></style></svg>', 20),
    ('<svg width="0" height="0"><style><!-- .h {display: none} --></style></svg>', 290),
], ids=["in-a-drawings-textarea", "cdata", "comment"])
def test_a_drawings_style_holds_what_the_browser_reads_in_it(workspace, style, shown):
    """The cell `2<span class="h">9</span>0左右` after a drawing's style: Chromium prints 20左右 where the rule is
    applied (in a drawing's <textarea>, which holds markup; in a CDATA section, its text) and 290左右 where it is
    not (in a comment, which is no text of the style's). Main read 290, 290 and 20."""
    tonglu_web_plan(workspace, cell=f'{style}2<span class="h">9</span>0左右')
    assert _target(workspace) == shown


def test_a_drawings_table_tags_are_no_cells(workspace):
    """`<svg width="0" height="0"><td>1</td></svg>20左右` in the cell: the <td> is the drawing's, and Chromium prints
    20左右 in the cell. Main closed the cell in front of it and stopped at the table's header."""
    tonglu_web_plan(workspace, cell='<svg width="0" height="0"><td>1</td></svg>20左右')
    assert _target(workspace) == 20


def test_a_cdata_section_outside_a_drawing_ends_at_the_first_angle_bracket(workspace):
    """Outside a drawing or formula `<![CDATA[` opens a comment the browser ends at the first `>`: the cell
    `<![CDATA[>]]>20左右` shows ]]>20左右 (Chromium), which is no figure; main read 20. The run stops at the cell."""
    tonglu_web_plan(workspace, cell="<![CDATA[>]]>20左右")
    with pytest.raises(InputError) as info:
        _target(workspace)
    assert "]]>20左右" in info.value.problem


@pytest.mark.parametrize("page", [
    '<svg width="10" height="10"><textarea>1<p>2</p></textarea></svg>\n<p>3</p>',
    "<math>\n<noscript><div>2</div></noscript></math>",
    "<svg><style>.a {}<b>2</b></style></svg>",
])
def test_every_source_line_stays_where_it_was(page):
    """Only characters inside a line change: each paragraph and cell is named by its line."""
    from helpers.extract.documents.markup import as_browsers_parse
    text, _ = as_browsers_parse(page)
    assert text.count("\n") == page.count("\n")
