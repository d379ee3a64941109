"""Advice on a plan table's header that can be followed for the document's kind (issue 18, redteam9 finding 4: "make
the header one row in the plan document … save the document" was given for a PDF and a web page, which cannot be
edited here: an edited copy fails its checksum, and a PDF's table cannot be edited at all).

The plan is the made-up 十五五 plan of tests/support/fifteenth_plan.py (人才资源总量 20左右 in 2030). Its table with
a second header row (一级指标 / 二级指标 under 类别 and 指标), or with a header one cell short of its rows, stops the
data step in each kind. In a .docx the advice is to correct the document (tests/extract/test_hostile_documents.py
follows it); for a web page or a PDF, to ask the office for the plan's .docx, correct it there and name it instead.
Each test follows the advice as written: the .docx with one header row, named in config/sources.yaml, `make
manifest`, reads 20 for 2030.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan, tonglu_plan_published, total_target_2030
from support.plan_documents import PlanContent, use_plan_file, write_docx

SECOND_ROW = dict(DOCUMENT_TABLE, header=["类别", "序号", "指标", "单位", "2025年（预计）", "2030年目标", "属性"],
                  rows=[["一级指标", "", "二级指标", "", "", "", ""]] + DOCUMENT_TABLE["rows"])
# a header one cell short: every row has a remark after 属性, which the header does not name
SHORT_HEADER = dict(DOCUMENT_TABLE, header=list(DOCUMENT_TABLE["header"]) + [""],
                    rows=[list(row) + ["备注"] for row in DOCUMENT_TABLE["rows"]])


def _published(workspace: Path, table: dict, kind: str) -> Path:
    """桐庐's plan as a web page, or that page printed to PDF by Chromium, named in config/sources.yaml."""
    return tonglu_plan_published(workspace, PlanContent(**table), kind)


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


def _follow(workspace: Path, published: Path, fix: str) -> float:
    """The advice as written: the office's .docx, its table corrected (one header row, no extra cell), named in
    config/sources.yaml instead of the published file, and `make manifest` (use_plan_file writes the manifest)."""
    assert "ask the office for the plan as .docx" in fix and "name the .docx in config/sources.yaml" in fix
    assert "make manifest" in fix
    docx = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "tonglu_15.docx")
    use_plan_file(workspace, published.name, docx)
    return total_target_2030(dataset.build(workspace / "raw", workspace / "config"))["value"]


@pytest.mark.parametrize("kind, said", [("html", "a web page cannot be corrected here"),
                                        pytest.param("pdf", "a PDF cannot be corrected here", marks=pytest.mark.slow)])
def test_a_second_header_row_in_a_published_plan_has_advice_that_works(workspace, kind, said):
    published = _published(workspace, SECOND_ROW, kind)
    err = _refused(workspace)
    assert "'二级指标' in the indicator column is a header's words" in err.problem
    assert err.fix.startswith(said) and "in the plan document" not in err.fix
    assert _follow(workspace, published, err.fix) == 20


def test_a_header_short_of_its_rows_in_a_web_page_has_advice_that_works(workspace):
    published = _published(workspace, SHORT_HEADER, "html")
    err = _refused(workspace)
    assert "the table's header has an empty cell" in err.problem
    assert err.fix.startswith("a web page cannot be corrected here")
    assert _follow(workspace, published, err.fix) == 20


def test_in_a_word_document_the_advice_is_to_correct_it(workspace):
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**SECOND_ROW), workspace / "raw" / "tonglu_15.docx")
    use_plan_file(workspace, "tonglu_15.txt", path)
    err = _refused(workspace)
    assert err.fix.startswith("in the plan document, make the table's header one row")

