"""Digits a reader does not see as digits of the figure (issue 18, hostile pass 2: F1, F2): text a tracked change
deletes, and a digit set smaller than the rest of its figure on the same line, in .docx plans and web pages.
The plan is the made-up 十五五 plan of tests/support/fifteenth_plan.py; its 2030 target of 人才资源总量 is 20左右."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan, total_target_2030
from support.plan_documents import PlanContent, use_plan_file, write_docx

TRACKED = 'w:id="{}" w:author="a" w:date="2025-01-01T00:00:00Z"'
TARGET_RUN = "<w:r><w:t>20左右</w:t></w:r>"


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


def _docx_with_target(workspace: Path, runs: str) -> Path:
    """桐庐's plan as a .docx whose 2030 target cell of 人才资源总量 holds `runs` (Word XML) in place of 20左右."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    packed = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(TARGET_RUN) == 1
                data = xml.replace(TARGET_RUN, runs).encode("utf-8")
            target.writestr(item, data)
    packed.replace(path)
    use_plan_file(workspace, "tonglu_15.txt", path)
    write_manifest(workspace / "raw")
    return path


# ------------------------------------------------------------------------------------------------ F1: w:del

def test_a_tracked_deletion_written_with_w_t_is_not_read(workspace):
    """Some tools write a tracked deletion's text as w:t, not w:delText: Word and LibreOffice show the 18 struck as
    deleted before 20左右 (LibreOffice's PDF shows it struck through), and it was read: 1820 万人."""
    deleted = f"<w:del {TRACKED.format(3)}><w:r><w:t>18</w:t></w:r></w:del>"
    _docx_with_target(workspace, deleted + TARGET_RUN)
    row = total_target_2030(_build(workspace))
    assert (row["value"], row["approximate"]) == (20, True)


@pytest.mark.parametrize("kept", ["w:ins", "w:moveTo"])
def test_tracked_insertions_and_text_moved_here_are_read(workspace, kept):
    """An insertion (w:ins) and text moved here (w:moveTo) are what the document shows: the 2 and the 0 of 20左右
    each in one, read 20 (a fix that dropped tracked changes wholesale would read 左右)."""
    runs = (f"<w:{kept[2:]} {TRACKED.format(4)}><w:r><w:t>2</w:t></w:r></w:{kept[2:]}>"
            f"<w:r><w:t>0</w:t></w:r><{kept} {TRACKED.format(5)}><w:r><w:t>左右</w:t></w:r></{kept}>")
    _docx_with_target(workspace, runs)
    row = total_target_2030(_build(workspace))
    assert (row["value"], row["approximate"]) == (20, True)
