"""A titled table that stops is the plan's table: the run stops there, naming it (issue 18). A document's reader
tries each table under the plan's `table_title` and passed over one that stopped while it was read, for the next
titled alike: 桐庐's 十五五 plan as a web page or .docx whose first titled table has a column for a year neither the
plan's base nor its target (2028年) or a cell that stops, above a second titled table that reads fine, was
read from the second, exit 0, without a word of the first. Passed over still, and said: a titled table whose header
does not read as an indicator table's (tests/extract/test_two_tables_titled_alike.py and the contents entries)."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, html_page, use_plan_file, write_docx

# the first table's change, and what its stop says: (header or cell as in the plan, as in the first table)
STOPS = {
    "year": (("2025年（预计）", "2028年"), "the column '2028年' gives 2028, which is neither"),
    "name": (("人才资源总量", ""), "a table row has an empty indicator name"),
}


def _plan(workspace: Path, kind: str, stop: str) -> Path:
    """The plan as `kind` with a first table titled like the plan's, changed by STOPS[stop], above the plan's."""
    (was, now), _ = STOPS[stop]
    content = PlanContent(**copy.deepcopy(DOCUMENT_TABLE))
    add_fifteenth_plan(workspace, "word_tab_cells")
    if kind == "html":
        path = workspace / "raw" / "tonglu_15.html"
        page = html_page(content)
        block = re.search(r"<p><b>.*?</table>", page, re.S).group()
        assert block.count(f">{was}<") == 1
        path.write_text(page.replace(block, block.replace(f">{was}<", f">{now}<") + "\n" + block), encoding="utf-8")
    else:
        import docx
        path = write_docx(content, workspace / "raw" / "tonglu_15.docx")
        document = docx.Document(str(path))
        title = next(p for p in document.paragraphs if p.text == content.title)
        table = document.tables[0]
        title_copy, table_copy = copy.deepcopy(title._p), copy.deepcopy(table._tbl)
        title._p.addprevious(title_copy)
        title._p.addprevious(table_copy)
        first = document.tables[0]
        cell = next(c for row in first.rows for c in row.cells if c.text == was)
        cell.paragraphs[0].runs[0].text = now
        document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    write_manifest(workspace / "raw")
    return path


@pytest.mark.parametrize("stop", list(STOPS))
@pytest.mark.parametrize("kind", ["html", "docx"])
def test_the_first_titled_table_that_stops_stops_the_run_naming_it(workspace, kind, stop):
    path = _plan(workspace, kind, stop)
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    error = caught.value
    assert Path(error.file).name == path.name
    assert STOPS[stop][1] in error.problem, error.problem
    assert _in_the_first_table(path, error.where), error.location


def _in_the_first_table(path: Path, where) -> bool:
    """Whether `where` is in the first of the two titled tables: a .docx's table 1, a web page's lines between the
    two titles."""
    if path.suffix == ".docx":
        return where.table == 1
    line = getattr(where, "line", where)
    titles = [n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
              if DOCUMENT_TABLE["title"] in text]
    assert len(titles) == 2, titles
    return titles[0] < line < titles[1]
