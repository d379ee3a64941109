"""Two plan shapes that stopped with the wrong reason and advice that could not help (redteam13 findings 8 and 9,
issue 18): the indicator table inside a one-cell frame table (.docx and a real .doc), and a PDF set in two columns
whose table's header ends the left column and its rows start the right one. The plan is the made-up 十五五 plan of
tests/support/fifteenth_plan.py (its 2030 target of 人才资源总量 is 20左右)."""
from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.core.wording import words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan, total_target_2030
from support.plan_documents import PlanContent, soffice, use_plan_file, write_docx


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


def _framed_docx(workspace: Path, title_inside: bool = False, note_below: str = "") -> Path:
    """The plan's .docx with its indicator table moved into the one cell of a 1×1 table (a layout frame), with the
    title moved into the frame above it, and a paragraph below the table inside the frame, if asked."""
    import docx
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**copy.deepcopy(DOCUMENT_TABLE)), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    table = document.tables[0]._tbl
    frame = document.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    cell = frame.cell(0, 0)._tc
    table.addprevious(frame._tbl)
    cell.insert(len(cell) - 1, table)       # before the cell's last paragraph (a cell ends with one)
    if title_inside:
        title = next(p for p in document.paragraphs if "人才发展主要指标" in p.text)._p
        cell.insert(1, title)               # after the cell's w:tcPr
    if note_below:
        frame.cell(0, 0).paragraphs[-1].text = note_below
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def test_a_table_in_a_one_cell_frame_is_read_as_the_table_it_holds(workspace):
    """It stopped: 'the table title is followed by an empty table … ask the office for the complete document'. The
    frame holds the table alone: read as it (20左右, 'about'), its cells' places those of table 2 (the frame is
    table 1), and the cleaning log says so in both languages."""
    _framed_docx(workspace)
    ds = _build(workspace)
    row = total_target_2030(ds)
    assert (row["value"], row["comparator"], bool(row["approximate"])) == (20, "=", True)
    assert json.loads(row["source_place"])["table"] == 2
    log = ds.cleaning_log[(ds.cleaning_log["step"] == "framed_table") & (ds.cleaning_log["entity"] == "tonglu")]
    assert len(log) == 1
    said = json.loads(log["values"].iloc[0])
    assert said["table"] == 2 and said["place"]["table"] == 1
    assert "table 2" in words("en").describe("cleaning.decisions.framed_table", said)
    assert "表2" in words("zh").describe("cleaning.decisions.framed_table", said)


@pytest.mark.slow     # LibreOffice
def test_a_frame_holding_the_title_and_the_table_is_read_and_so_is_the_doc_made_of_it(workspace, tmp_path):
    """The title inside the frame above the table is the table's title; a real .doc (LibreOffice's) of it reads the
    same."""
    path = _framed_docx(workspace, title_inside=True)
    assert total_target_2030(_build(workspace))["value"] == 20
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "doc"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "doc", "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    use_plan_file(workspace, "tonglu_15.docx", out / "tonglu_15.doc")
    assert total_target_2030(_build(workspace))["value"] == 20


def test_a_frame_holding_more_than_the_table_stops_naming_it_and_its_advice_works(workspace):
    """A note below the table inside the frame: which table is the plan's is not certain, so it stops, naming the
    frame (not an empty table, nor a header cell to convert to text). Following the advice (cut the table, paste it
    under the title, outside the frame) reads the plan."""
    import docx
    path = _framed_docx(workspace, note_below="本表由县人才办编制。")
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert str(info.value.where) == "table 1, row 1, column 1"
    assert "the table under the title is a frame" in info.value.problem
    assert "empty table" not in info.value.problem
    assert "cut it (Ctrl+X)" in info.value.fix and "Convert to Text" not in info.value.fix
    document = docx.Document(str(path))     # the advice followed: the table cut and pasted under the title
    frame = document.tables[0]
    frame._tbl.addprevious(frame.cell(0, 0).tables[0]._tbl)
    document.save(str(path))
    write_manifest(workspace / "raw")
    assert total_target_2030(_build(workspace))["value"] == 20


def test_a_frame_of_two_rows_holding_the_table_and_a_copy_stops_naming_the_frame_and_its_advice_works(workspace):
    """A 2×1 layout table under the title: the plan's table in row 1, a copy with 99 for its 20左右 in row 2
    (redteam14's frame-2x1-99-below). It stopped with "the table title is followed by an empty table … ask the office
    for the complete document", which would not help. Which of the two is the plan's is not certain: it stops naming
    the frame, its shape and the cells that hold tables. Following the advice (cut the plan's table, paste it under
    the title, delete the frame) reads 20左右."""
    import docx
    from docx.oxml.ns import qn
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**copy.deepcopy(DOCUMENT_TABLE)), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    table = document.tables[0]._tbl
    frame = document.add_table(rows=2, cols=1)
    frame.style = "Table Grid"
    table.addprevious(frame._tbl)
    copy_99 = copy.deepcopy(table)
    for text in copy_99.iter(qn("w:t")):
        if text.text == "20左右":
            text.text = "99"
    for row, held in ((0, table), (1, copy_99)):
        cell = frame.cell(row, 0)._tc
        cell.insert(len(cell) - 1, held)
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert str(info.value.where) == "table 1, row 1, column 1"
    problem = info.value.problem
    assert "the table under the title is a frame: a layout table of 2 rows and 1 column with no text of its own, " \
           "whose cells hold 2 tables (row 1, column 1; row 2, column 1)" in problem, problem
    assert "empty table" not in problem and "complete document" not in info.value.fix
    assert "cut it (Ctrl+X)" in info.value.fix and "Delete Table" in info.value.fix, info.value.fix
    document = docx.Document(str(path))     # the advice followed: the plan's table cut, pasted, the frame deleted
    frame = document.tables[0]
    frame._tbl.addprevious(frame.cell(0, 0).tables[0]._tbl)
    frame._tbl.getparent().remove(frame._tbl)
    document.save(str(path))
    write_manifest(workspace / "raw")
    assert total_target_2030(_build(workspace))["value"] == 20


@pytest.mark.slow     # Chromium
def test_a_pdf_in_two_columns_with_the_header_ending_one_stops_saying_the_rows_may_continue(workspace, tmp_path):
    """The page printed by Chromium in two columns (CSS column-count: 2): the table's header ends the left column and
    its rows start the right one (redteam13's twocol-1.png). It stopped with 'a draft may leave its table empty; ask
    the office for the complete document', which would not help. It now says the rows may continue in another
    column and asks for the .docx or web page; following that (the office's .docx of the same plan) reads 20左右."""
    from support.plan_documents import print_pdfs_chromium, write_html
    add_fifteenth_plan(workspace, "word_tab_cells")
    html_path = write_html(PlanContent(**copy.deepcopy(DOCUMENT_TABLE)), tmp_path / "plan.html",
                           style=".article{column-count:2;column-gap:20px} table{font-size:9px}")
    (pdf_path,) = print_pdfs_chromium([(html_path, tmp_path / "tonglu_15.pdf")])
    use_plan_file(workspace, "tonglu_15.txt", pdf_path)
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "the plan's table has a header but no indicator rows under it" in info.value.problem
    assert "the rows continue at the top of the next" in info.value.problem
    assert "ask the office for the plan as .docx or its web page" in info.value.fix
    docx_path = write_docx(PlanContent(**copy.deepcopy(DOCUMENT_TABLE)), tmp_path / "tonglu_15.docx")
    use_plan_file(workspace, "tonglu_15.pdf", docx_path)     # the advice followed
    row = total_target_2030(_build(workspace))
    assert (row["value"], bool(row["approximate"])) == (20, True)
