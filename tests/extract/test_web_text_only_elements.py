"""Markup the browser reads as text (issue 18, redteam13 finding 4): the HTML standard makes the content of
<textarea>, <title>, <xmp>, <iframe>, <noembed>, <noframes> and <noscript> (scripts on) text, never elements, and
everything after <plaintext>. Python's parser made elements of it, so a copy of 桐庐's indicator table inside a
<textarea> or <xmp> before the real one was read as the plan's table: its 99 for the 2030 target of 人才资源总量,
where Chromium 156 on this machine (headless --print-to-pdf, read back with pdftotext) prints the copy's markup as
characters (<xmp>) or in a text box (<textarea>) and draws one table, with 20左右."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.fifteenth_plan import tonglu_web_plan, total_target_2030
from support.plan_documents import follow_the_reading_advice


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


@pytest.mark.parametrize("element", ["textarea", "xmp", "title", "iframe", "noembed", "noframes", "noscript",
                                     "TEXTAREA"])
def test_a_table_inside_an_element_the_browser_reads_as_text_is_not_read(workspace, element):
    """The copy with 99 inside the element, before the real table: Chromium prints 20左右 for each (and the
    copy's markup as characters for <xmp>, in a box for <textarea>). <textarea> and <xmp> were read 99."""
    tonglu_web_plan(workspace, around=lambda block, copy: f"<{element}>{copy}</{element}>{block}")
    assert total_target_2030(_build(workspace))["value"] == 20


@pytest.mark.parametrize("element", ["textarea", "xmp"])
def test_a_page_whose_only_table_is_text_to_the_browser_has_no_table(workspace, element):
    """Only the copy, inside the element: Chromium draws no table at all; it was read 99."""
    tonglu_web_plan(workspace, around=lambda block, copy: f"<{element}>{copy}</{element}>")
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "no table is titled" in info.value.problem


def test_everything_after_plaintext_is_text(workspace):
    """<plaintext> before the copy and after the real table: Chromium draws the real table (20左右) and prints the
    copy's markup as characters. <plaintext> before the real table: no table is drawn, and the run stops."""
    tonglu_web_plan(workspace, around=lambda block, copy: f"{block}<plaintext>{copy}")
    assert total_target_2030(_build(workspace))["value"] == 20


def test_plaintext_before_the_only_table_leaves_no_table(workspace):
    tonglu_web_plan(workspace, around=lambda block, copy: f"<plaintext>{block}")
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "no table is titled" in info.value.problem


@pytest.mark.parametrize("around", [
    lambda block, copy: f"<!-- <textarea> -->{block}<!-- </textarea> -->",             # in comments: not an element
    lambda block, copy: f'<div title="<xmp>">{block}</div><p title="</xmp>">。</p>',   # in attributes' values
    lambda block, copy: f'<script>var t = "<textarea>";</script>{block}',             # in a script
])
def test_the_names_written_where_they_make_no_element_change_nothing(workspace, around):
    """Chromium prints 20左右 for each: the real table is drawn."""
    tonglu_web_plan(workspace, around=around)
    assert total_target_2030(_build(workspace))["value"] == 20


def test_a_text_box_in_a_cell_stops_at_the_cell(workspace):
    """`<textarea>1</textarea>20左右`: Chromium prints the box with 1 beside 20左右, as for `<input value="1">`
    (tests/extract/test_web_shadow_and_inert.py); it was read 120. The run stops at the cell, whose text is what
    is written in it, and its advice reads 20左右."""
    path = tonglu_web_plan(workspace, cell="<textarea>1</textarea>20左右")
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "it holds a form's box (<textarea> at line" in info.value.problem and "'1'" in info.value.problem
    assert "is '20左右'" in info.value.problem
    follow_the_reading_advice(workspace, info.value.fix, path)
    assert total_target_2030(_build(workspace))["value"] == 20
