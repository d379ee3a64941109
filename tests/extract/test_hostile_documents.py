"""Plans as published, third hostile pass (issue 18): tables inside tables, empty tables, and what real
documents put in a plan's table. Each case reads the right value, or stops with the file, the cell and advice
that works when followed. The plan is the made-up 十五五 plan of tests/support/fifteenth_plan.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, use_plan_file, write_docx, write_html


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


def _total_2030(ds: dataset.Dataset) -> float:
    return ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030 and "
                               "kind == 'target'")["value"].item()


def _docx(workspace: Path, edit) -> Path:
    import docx
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    edit(document)
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def _cell(document, text: str):
    return next(c for row in document.tables[0].rows for c in row.cells if c.text == text)


# ------------------------------------------------------------------------------------- a table in a table's cell

def test_a_table_inside_a_web_pages_value_cell_names_the_cell(workspace):
    """Was: 'no table is titled …: correct table_title', which could not help. The advice, followed (the inner
    table replaced by the figure it holds), gives the figure."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_html(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.html")
    page = path.read_text(encoding="utf-8")
    nested = page.replace(">20左右<", "><table><tr><td>20左右</td></tr></table><")
    path.write_text(nested, encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    with pytest.raises(InputError) as info:
        _build(workspace)
    error = info.value
    line = nested[:nested.index("<table><tr><td>20左右")].count("\n") + 1
    assert error.where.line == line
    assert error.problem.startswith("the 2030年目标 cell of '人才资源总量' (row 2, column 6 of the plan's table) holds "
                                    "a table of its own ('20左右')")
    assert "table_title" not in error.fix and "replace the inner <table>…</table> with the figure" in error.fix
    path.write_text(page, encoding="utf-8")     # the advice followed, then `make manifest`
    write_manifest(workspace / "raw")
    assert _total_2030(_build(workspace)) == 20


def test_a_table_inside_a_word_tables_value_cell_is_named_not_read_as_empty(workspace):
    """python-docx gives a cell's text without a table inside it: the figure would be missing."""
    def nest(document):
        cell = _cell(document, "20左右")
        cell.text = ""
        cell.add_table(rows=1, cols=1).cell(0, 0).text = "20左右"
    _docx(workspace, nest)
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert str(info.value.where) == "table 1, row 2, column 6"
    assert info.value.problem.startswith("the 2030年目标 cell of '人才资源总量' holds a table of its own")
    assert "Convert to Text" in info.value.fix


def test_a_site_frame_around_the_plan_is_still_read_as_the_page_it_holds(workspace):
    """The frame (a table holding the article and its table) is not the plan's table: nothing to name."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_html(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.html")
    page = path.read_text(encoding="utf-8")
    path.write_text(page.replace('<div class="article">', '<table><tr><td>导航</td><td><div class="article">')
                    .replace("</div>\n</body>", "</div></td></tr></table>\n</body>"), encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    assert _total_2030(_build(workspace)) == 20


# ------------------------------------------------------------------------------------- an empty table

def _empty_table_before_the_plans(document, rows: int = 2) -> None:
    empty = document.add_table(rows=rows, cols=3)
    empty.style = "Table Grid"
    document.tables[0]._tbl.addprevious(empty._tbl)


def test_an_empty_word_table_between_the_title_and_the_table_is_skipped_and_logged(workspace):
    """Was: 'the table's header has an empty cell … some rows have more cells than the header names', advice
    about merged cells that did not apply. An empty table (no text in any cell) is a spacer: the plan's table
    after it is read, and the cleaning log says which table was skipped."""
    _docx(workspace, _empty_table_before_the_plans)
    ds = _build(workspace)
    assert _total_2030(ds) == 20
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu' and step == 'empty_table'")
    assert len(log) == 1
    assert log["decision"].item().endswith("tonglu_15.docx表1第1行第1列起的表格为空（所有单元格均无文字），"
                                           "位于表题与指标表之间，已跳过")
    place = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030 and "
                                "origin == 'table'")
    assert '"table": 2' in place["source_place"].item()    # the plan's table is the document's second


def test_an_empty_table_with_no_table_after_it_says_so(workspace):
    def emptied(document):
        for row in document.tables[0].rows:
            for cell in row.cells:
                cell.text = ""
    _docx(workspace, emptied)
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert str(info.value.where) == "table 1, row 1, column 1"
    assert "followed by an empty table" in info.value.problem and "complete document" in info.value.fix


def test_an_empty_table_before_the_title_is_not_logged(workspace):
    """A spacer table above the title has nothing to do with the plan's table."""
    def spacer_above(document):
        empty = document.add_table(rows=1, cols=2)
        document.paragraphs[0]._p.addnext(empty._tbl)
    _docx(workspace, spacer_above)
    ds = _build(workspace)
    assert _total_2030(ds) == 20 and ds.cleaning_log.query("step == 'empty_table'").empty
