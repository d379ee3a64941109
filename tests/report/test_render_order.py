"""The report step renders each document as soon as its last cell has run (helpers.report.render): the brief's
cells come first in the report notebook, so that the brief prints while the kernel runs the report's cells."""
import json

import nbformat

from helpers.core import paths
from helpers.report.render import _DocumentsAsTheyComplete

NOTEBOOK = paths.NOTEBOOKS_DIR / "04_report.ipynb"


def _tags(cells) -> list[list[str]]:
    return [cell.get("metadata", {}).get("tags", []) for cell in cells]


def test_the_report_notebook_has_every_brief_cell_before_the_reports_own():
    tags = _tags(json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"])
    briefs = [i for i, t in enumerate(tags) if "brief" in t]
    reports = [i for i, t in enumerate(tags) if "report" in t]
    assert briefs and reports and max(briefs) < min(reports)


def _cell(tag: str, text: str):
    return nbformat.v4.new_code_cell(text, metadata={"tags": [tag]})


def test_a_document_is_handed_over_after_its_last_cell_and_only_then(tmp_path):
    source = tmp_path / "nb.ipynb"
    cells = [nbformat.v4.new_code_cell("setup"), _cell("brief", "b1"), _cell("report", "r1"), _cell("brief", "b2"),
             _cell("report", "r2")]
    kernel = {"name": "talent-plan", "display_name": "talent-plan"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernel}), str(source))
    complete = []
    watch = _DocumentsAsTheyComplete(source, ["brief", "report"],
                                     lambda document, nb: complete.append((document, [c.source for c in nb.cells],
                                                                           nb.metadata["kernelspec"]["name"])))
    for cell in cells[:4]:
        watch.cell_done(cell, True)
    assert complete == [("brief", ["b1", "b2"], "talent-plan")]
    watch.cell_done(cells[4], True)
    assert complete[1] == ("report", ["r1", "r2"], "talent-plan")


def test_a_cell_that_failed_or_a_notebook_it_cannot_read_hands_nothing_over(tmp_path):
    source = tmp_path / "nb.ipynb"
    cells = [_cell("brief", "b1"), _cell("brief", "b2")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(source))
    complete = []
    watch = _DocumentsAsTheyComplete(source, ["brief"], lambda document, nb: complete.append(document))
    watch.cell_done(cells[0], True)
    watch.cell_done(cells[1], False)          # its error: the run fails, papermill says where
    assert complete == []
    (tmp_path / "damaged.ipynb").write_text("{not json", encoding="utf-8")
    watch = _DocumentsAsTheyComplete(tmp_path / "damaged.ipynb", ["brief"], lambda d, nb: complete.append(d))
    for cell in cells:
        watch.cell_done(cell, True)
    assert complete == []
