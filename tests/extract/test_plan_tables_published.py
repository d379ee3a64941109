"""Issue 18 in published plans: a note mark set as superscript (Word's 上标, a web page's <sup>) after a number is
recorded as a mark, never read as a digit (35 and a raised 1 is 35 with the mark ¹, not 351). The plan is the
made-up 十五五 plan of tests/support/fifteenth_plan.py."""
from pathlib import Path

import pytest

from helpers.extract import dataset
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.notes import said
from support.plan_documents import PlanContent, use_plan_file, write_docx, write_html


def _publish(workspace: Path, writer, suffix: str, **changes) -> dataset.Dataset:
    made = writer(PlanContent(**{**DOCUMENT_TABLE, **changes}), workspace / "raw" / f"tonglu_15{suffix}")
    use_plan_file(workspace, "tonglu_15.txt", made)
    return dataset.build(workspace / "raw", workspace / "config")


def _superscript_docx(content: PlanContent, path: Path) -> Path:
    """The .docx with the 2025 share written 35 and its note mark 1 as a superscript run (Word's 上标)."""
    import docx
    write_docx(PlanContent(**{**content.__dict__, "rows": [
        [("35" if c == "35¹" else c) for c in row] for row in content.rows]}), path)
    document = docx.Document(str(path))
    cell = next(c for t in document.tables for row in t.rows for c in row.cells if c.text == "35")
    cell.paragraphs[0].add_run("1").font.superscript = True
    document.save(str(path))
    return path


def _superscript_html(content: PlanContent, path: Path) -> Path:
    """The web page with the 2025 share written 35<sup>1</sup>."""
    write_html(content, path)
    page = path.read_text(encoding="utf-8")
    assert page.count(">35¹<") == 1
    path.write_text(page.replace(">35¹<", ">35<sup>1</sup><"), encoding="utf-8")
    return path


@pytest.mark.parametrize("writer, suffix", [(_superscript_docx, ".docx"), (_superscript_html, ".html")])
def test_a_superscript_note_mark_is_never_a_digit(workspace, writer, suffix):
    add_fifteenth_plan(workspace, "word_tab_cells")
    ds = _publish(workspace, writer, suffix)
    share = ds.indicators.query("entity == 'tonglu' and indicator_id == 'high_skilled_share_of_skilled' "
                                "and year == 2025").iloc[0]
    assert share["value"] == 35 and "note mark ¹" in said(share)       # never 351
