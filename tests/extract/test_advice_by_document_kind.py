"""Advice to edit the plan document is given only where it can be followed (redteam12, issue 18: the advice must
work when followed). A plan published as a web page or a PDF is the office's: its advice offers what works there,
a `readings:` entry in config/sources.yaml, or the plan as .docx from the office (a corrected copy), never Word's
menus or "correct the plan's table". Each test stops 桐庐's 十五五 plan, as published, at one
message, then follows the advice. (A cell that shows nothing is told only of a Word document, Cell.unseen: a page's
or a PDF's text that no reader sees is hidden and not read, and Word's advice fits it.)"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan, total_target_2030, web_page_with_target
from support.plan_documents import (
    PlanContent,
    print_pdfs_chromium,
    reading_in_advice,
    use_plan_file,
    write_docx,
    write_reading,
)


def _build(workspace: Path):
    return dataset.build(workspace / "raw", workspace / "config")


def _published(workspace: Path, kind: str, edit, cell: str = "20左右") -> Path:
    """桐庐's plan published as a web page (or that page printed to PDF by Chromium), its markup changed by `edit`."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    page = web_page_with_target(workspace / "tonglu_15.html", cell)
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    if kind == "pdf":
        page = print_pdfs_chromium([(page, workspace / "tonglu_15.pdf")], header_footer=False)[0]
    use_plan_file(workspace, "tonglu_15.txt", page)
    return workspace / "raw" / page.name


def _stopped(workspace: Path) -> InputError:
    with pytest.raises(InputError) as stopped:
        _build(workspace)
    return stopped.value


def _the_docx_from_the_office(workspace: Path, published: Path) -> None:
    """The advice followed: the plan as .docx, named under `file:` in place of the published one, `make manifest`."""
    docx = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "tonglu_15.docx")
    use_plan_file(workspace, published.name, docx)


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_a_unit_that_does_not_fit_is_given_by_a_reading_not_by_editing_the_plan(workspace, kind):
    """万人 written 家 in the unit cell: was "correct the unit in the plan's table if it is a typo"."""
    _published(workspace, kind, lambda page: re.sub(r"(人才资源总量</td>\s*<td[^>]*>)万人<", r"\1家<", page, count=1))
    error = _stopped(workspace)
    assert "unit '家' of '人才资源总量' does not fit the catalogue unit 万人" in error.problem
    assert "correct the unit in the plan" not in error.fix and "do not edit the published plan" in error.fix
    reading = reading_in_advice(error.fix)
    assert reading == {"indicator": "人才资源总量", "unit": "万人", "because": "…"}
    # followed: the reading, with its reason, under the plan
    write_reading(workspace, reading | {"because": "规划正文：人才资源总量以万人计"}, entity="tonglu", alone=True)
    assert total_target_2030(_build(workspace))["value"] == 20


def test_a_figure_too_long_in_a_web_page_asks_the_office_for_the_docx(workspace):
    """Was: "write the figure alone in the cell … save the document", which a published page cannot be."""
    published = _published(workspace, "html", lambda page: page, cell="20左右" + "（注：" + "说明" * 600 + "）")
    error = _stopped(workspace)
    assert "characters" in error.problem
    assert error.fix.startswith("a web page cannot be corrected here: ask the office for the plan as .docx (Word); "
                                "in it, write the figure alone in the cell")
    _the_docx_from_the_office(workspace, published)
    assert total_target_2030(_build(workspace))["value"] == 20


def test_a_row_written_twice_in_a_pdf_is_left_out_by_a_reading(workspace):
    """Was: "delete the duplicated row", which a PDF cannot be; then "ask the office for the plan as .docx; in it,
    delete the duplicated row", an edit of the published plan all the same (redteam15). Now: the row left out under
    `readings:`, the plan as published (tests/extract/test_duplicate_rows.py)."""
    row = re.compile(r"<tr>(?:(?!</tr>).)*高技能人才占技能劳动者比例(?:(?!</tr>).)*</tr>", re.DOTALL)  # (no rowspan)
    _published(workspace, "pdf", lambda page: row.sub(lambda m: m.group() + m.group(), page, count=1))
    error = _stopped(workspace)
    assert "appears twice in the table" in error.problem and "Word or WPS" not in error.fix
    assert "delete" not in error.fix and "do not edit the published plan" in error.fix
    reading = reading_in_advice(error.fix)
    assert reading == {"indicator": "高技能人才占技能劳动者比例", "row": "left out", "because": "…"}
    # followed: the reading, with its reason, under the plan
    write_reading(workspace, reading | {"because": "同一行重复印出"}, entity="tonglu", alone=True)
    ds = _build(workspace)
    assert total_target_2030(ds)["value"] == 20
    share = ds.indicators.query("entity == 'tonglu' and indicator_id == 'high_skilled_share_of_skilled' "
                                "and kind == 'target' and year == 2030")
    assert list(share["value"]) == [40]


def test_a_figure_with_a_leading_zero_on_a_web_page_is_looked_at_in_the_browser(workspace):
    """Was: "open the document in Word or WPS and look at the figure it shows" for a page; the reading then works."""
    _published(workspace, "html", lambda page: page, cell="020左右")
    error = _stopped(workspace)
    assert error.fix.startswith("look at the figure the plan shows (in the browser); then do not edit the published "
                                "plan.")
    from support.plan_documents import follow_the_reading_advice
    follow_the_reading_advice(workspace, error.fix, workspace / "raw" / "tonglu_15.html")
    write_manifest(workspace / "raw")
    assert total_target_2030(_build(workspace))["value"] == 20
