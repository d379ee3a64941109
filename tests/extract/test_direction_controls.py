"""Unicode's bidirectional controls in a plan or a workbook (issue 18, redteam7 finding 1): U+202E RIGHT-TO-LEFT
OVERRIDE before 41 makes every viewer show 14 (LibreOffice's PDF of the .docx and Chromium's print of the page,
checked), and 41 was read, exit 0, into the brief. A workbook's U+202E 3.21 U+202C, shown 12.3 by LibreOffice, was read
3.21. Every reader now stops at the place, naming the character and what is shown against what is stored; a control
that provably changes nothing (a left-to-right mark in text with nothing right to left) is read as before.

What Chromium and LibreOffice show, rendered on this machine (each in a table cell, or a line of a text file):
U+202E 41 U+202C → 14; 10 U+200F .3 → 103.; 1 U+200F .5 → 15.; U+200F ≥14 → 14≤; 10 U+061C .3 → 103.;
U+2067 ≥14 U+2069 → 14≤; U+200F -5% → 5%-; 12 U+200F ,345 → 12345,; U+202E 人才资源总量 U+202C → 量总源资才人; and as
stored: U+200E 41, ≥ U+200E 14, U+202A 10.3% U+202C, U+202D 41 U+202C, U+2068 ≥14 U+2069, U+2066 10.3 U+2069,
U+200F 41, 2 U+200F 0左右, U+200F 41%, ( U+200F 12), 10.3 U+200F 万人, U+200F 人才资源总量, 2025 U+200F 年目标."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import add_fifteenth_plan, total_target_2030, web_page_with_target
from support.plan_documents import use_plan_file
from support.workbooks import HEADER, drop, one_sheet_workbook

RLO, PDF, RLI, PDI, RLM, LRM, ALM = "\u202e", "\u202c", "\u2067", "\u2069", "\u200f", "\u200e", "\u061c"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
JIANDE = "jiande_talent_plan_2021-2025.txt"


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        _build(workspace)
    return info.value


@pytest.mark.parametrize("text, shown", [
    (f"{RLO}41{PDF}", "14"), (f"10{RLM}.3", "103."), (f"1{RLM}.5", "15."), (f"{RLM}≥14", "14≤"),
    (f"10{ALM}.3", "103."), (f"{RLM}-5%", "5%-"), (f"12{RLM},345", "12345,"),
    (f"{RLO}人才资源总量{PDF}", "量总源资才人"),
    (f"{RLI}≥14{PDI}", None), (f"\u202b10.3%{PDF}", None),
])
def test_a_control_that_reorders_what_is_shown_is_found(text, shown):
    """Each of these is shown (Chromium's print, LibreOffice's PDF) in another order than stored: found, its
    character named, and what is shown said where it is worked out (a mark's by Unicode's algorithm: ≥ at a
    right-to-left level is drawn mirrored, ≤, as Chromium draws it)."""
    from helpers.core.text import direction_control
    found = direction_control(text)
    assert found is not None and f"U+{ord(found.character):04X}" in found.problem
    assert (f"it is shown as '{shown}'" if shown else "its characters may be shown") in found.problem


@pytest.mark.parametrize("text", [f"{LRM}41", f"≥{LRM}14", f"\u202a10.3%{PDF}", f"\u202d41{PDF}",
                                  f"\u2068≥14{PDI}", f"\u206610.3{PDI}", "10.3", "人才资源总量",
                                  f"2{RLM}0左右", f"{RLM}41%", f"({RLM}12)", f"10.3 {RLM}万人", f"{RLM}人才资源总量",
                                  f"2025{RLM}年目标"])
def test_a_control_that_changes_nothing_is_not_found(text):
    """Nothing right to left in the text, or a right-to-left mark that moves nothing: Chromium and LibreOffice show
    it as stored (2 U+200F 0左右 is shown 20左右), and it is read as stored, the control removed."""
    from helpers.core.text import direction_control
    assert direction_control(text) is None


def test_an_override_in_a_text_plans_value_cell_stops_at_its_line(workspace):
    """建德's 2025 target of 人才资源总量 (line 49, 14) written U+202E 41 U+202C: shown 14, read 41 before."""
    path = workspace / "raw" / JIANDE
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[48] == "\t14"
    lines[48] = f"\t{RLO}41{PDF}"
    path.write_text("\n".join(lines), encoding="utf-8")
    write_manifest(workspace / "raw")
    err = _refused(workspace)
    assert err.where == 49 and "U+202E RIGHT-TO-LEFT OVERRIDE" in err.problem
    assert "shown as '14' (by LibreOffice, browsers), not as the '41' stored and read" in err.problem
    assert "text editor, delete this text and type it again" in err.fix


def test_a_right_to_left_mark_in_the_prose_a_baseline_is_read_from_stops_at_its_line(workspace):
    """Line 5 gives the 2020 level and the growth since 2015 (the 2015 baseline is derived from them): 10 U+200F .3
    is shown 103. and was read 10.3."""
    path = workspace / "raw" / JIANDE
    text = path.read_text(encoding="utf-8")
    assert text.count("达到10.3万人") == 1
    path.write_text(text.replace("达到10.3万人", f"达到10{RLM}.3万人"), encoding="utf-8")
    write_manifest(workspace / "raw")
    err = _refused(workspace)
    assert err.where == 5 and "U+200F RIGHT-TO-LEFT MARK" in err.problem and "'.3万人" in err.problem


def test_an_override_in_a_word_plans_cell_stops_at_the_cell(workspace):
    """桐庐's 2030 target (20左右) written U+202E 12 U+202C 左右 in its .docx cell: shown 21左右, read 12 before."""
    import docx
    from docx.oxml import parse_xml

    from support.fifteenth_plan import DOCUMENT_TABLE
    from support.plan_documents import PlanContent, write_docx
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == "20左右")
    cell.text = ""
    cell.paragraphs[0]._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:t>{RLO}12{PDF}左右</w:t></w:r>'))
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    err = _refused(workspace)
    assert str(err.where) == "table 1, row 2, column 6"
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in err.problem and "shown as '21左右'" in err.problem
    assert "type it again" in err.fix


@pytest.mark.parametrize("cell, character", [(f"{RLO}12{PDF}左右", "U+202E"), (f"{RLI}≥20{PDI}", "U+2067"),
                                             (f"2{RLM}.5", "U+200F")])
def test_a_control_in_a_web_pages_cell_stops_at_the_cell(workspace, cell, character):
    """Chromium prints 21左右, 20≥, 5.2 (rendered: 1 U+200F .5 prints 15.); the page stores 12, ≥20, 2.5."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / "tonglu_15.html", cell)
    use_plan_file(workspace, "tonglu_15.txt", path)
    err = _refused(workspace)
    assert character in err.problem and "print it to PDF" in err.fix


def test_a_left_to_right_mark_beside_the_figure_is_read_as_shown(workspace):
    """U+200E in a cell with nothing right to left changes nothing shown: 20左右 is read, as before."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / "tonglu_15.html", f"{LRM}20{LRM}左右")
    use_plan_file(workspace, "tonglu_15.txt", path)
    assert total_target_2030(_build(workspace))["value"] == 20


def test_an_override_in_a_workbooks_value_cell_stops_at_the_cell(workspace):
    """LibreOffice shows U+202E 3.21 U+202C as 12.3 (its PDF of the workbook); 3.21 was read, and the brief said
    人才资源总量 fell from 10.3 to 3.21."""
    drop(workspace, "2023年监测数据.xlsx",
         [{"county": "建德市", "indicator": "人才资源总量", "year": 2023, "value": f"{RLO}3.21{PDF}"}])
    err = _refused(workspace)
    assert err.where == "sheet 数据, cell E2" and "U+202E RIGHT-TO-LEFT OVERRIDE" in err.problem
    assert "shown as '12.3' (by LibreOffice, browsers), not as the '3.21' stored and read" in err.problem
    assert "type its text again" in err.fix


@pytest.mark.parametrize("row, header, where", [
    (["建德市", f"{RLO}人才资源总量{PDF}", "万人", 2023, 12.3], HEADER, "cell B2"),
    (["建德市", "人才资源总量", "万人", 2023, 12.3], [*HEADER[:4], f"{RLO}数值（2023年）{PDF}", *HEADER[5:]],
     "cell E1"),
])
def test_an_override_in_a_workbooks_name_or_header_cell_stops_at_the_cell(workspace, row, header, where):
    """A name shown as 量总源资才人, a header (which may state the year) shown reversed: stopped, never read as
    stored."""
    one_sheet_workbook(workspace, [row], header=header)
    err = _refused(workspace)
    assert err.where == f"sheet 数据, {where}" and "U+202E" in err.problem
