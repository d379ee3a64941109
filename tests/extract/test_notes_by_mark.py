"""A plan table's note tied to its cell by the mark both write (issue 18, docnotes' leftovers): a PDF's notes at the
foot of the page (Word's footnotes printed: `1 2025年数据为预计数` under a short rule, 15.2 with a raised 1), a
web page's marks that link nowhere (<sup>1</sup>, ①) with the notes as plain paragraphs under the table or at the
page's end, a .docx footnote in the prose that introduces the table (主要指标见表1 and its footnote) and a footnote's
custom mark ① on a header.

Main read none of them as the table's note: the PDF's foot line was a paragraph of prose, the mark a note mark no note
defined, and 15.2 a firm 2025 actual (the 2025 brief said 达标); a web note at the page's end was read by nothing; a
note '1 此为预计数' under the table stopped as one naming no column; the prose's footnote was read by nothing; 2025年①
stopped as a mark no note defines.

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly `2025年`
(the fifth column), its note only `注：〔〕内为五年累计数。`, its monitoring workbook taken out. By hand: a note naming
2025 makes the five 2025 figures estimates; 此为预计数 (no year) tied to 15.2 (人才资源总量) makes that figure alone an
estimate, the other four firm actuals; a note on the header 2025年 makes all five estimates.
"""
import json

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.documents.footnotes import cell_marks, key, note_start
from helpers.extract.documents.pdf import read_pdf
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, tonglu_plan_published
from support.plan_documents import (
    PlanContent,
    attach_note,
    html_page,
    print_pdf_libreoffice,
    print_pdfs_chromium,
    soffice,
    use_plan_file,
)

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
ALL = dict.fromkeys(IDS, True)
FIRM = dict.fromkeys(IDS, False)
HEADER, TOTAL = (0, 4), (1, 4)      # the header 2025年; 人才资源总量's 2025 figure 15.2
INTRO = "到2030年，全县人才发展主要指标见表1。"
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def _content(before: list[str] | None = None, note: str = "注：〔〕内为五年累计数。") -> PlanContent:
    header = [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
    rows = [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
    return PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note=note,
                              before=before or DOCUMENT_TABLE["before"]))


def _no_workbook(workspace) -> None:
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()     # no 2025 figure beside the plan's
    write_manifest(workspace / "raw")


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _logged(ds, step: str) -> list[tuple[dict, dict]]:
    log = ds.cleaning_log
    rows = log[(log["step"] == step) & (log["entity"] == "tonglu")]
    return [(json.loads(v), json.loads(p) if isinstance(p, str) and p else {})
            for v, p in zip(rows["values"], rows["source_place"])]


def _source_value(ds, indicator: str = "talent_total") -> tuple[float, str]:
    row = ds.indicators.query(f"entity == 'tonglu' and year == 2025 and indicator_id == '{indicator}'").iloc[0]
    return row["value"], row["source_value"]


# ------------------------------------------------------------------------------ marks and notes, as written

@pytest.mark.parametrize("text, marks", [("15.2¹", ["¹"]), ("2025年①", ["①"]), ("35*", ["*"]), ("15.2注1", ["注1"]),
                                         ("2025年①*", ["①", "*"]), ("15.2", []), ("¹", [])])
def test_the_marks_at_a_cells_end(text, marks):
    assert cell_marks(text) == marks


@pytest.mark.parametrize("line, found", [("1 2025年数据为预计数", ("1", "2025年数据为预计数")),
                                         ("① 2025年为预计数", ("①", "2025年为预计数")),
                                         ("¹2025年为预计数", ("¹", "2025年为预计数")),
                                         ("12025年为预计数", ("1", "2025年为预计数")),
                                         ("注1：2025年为预计数", ("注1", "2025年为预计数")),
                                         ("[1] 此为预计数", ("[1]", "此为预计数")),
                                         ("2025年数据为预计数", None), ("1.5万人为预计数", None)])
def test_a_note_starts_with_its_mark_never_with_a_figure(line, found):
    assert note_start(line) == found


def test_one_mark_however_written():
    assert key("¹") == key("1") == key("[1]") == key("注1") == key("（1）") == "1"
    assert key("①") != key("1") and key("*") == "*"


# ------------------------------------------------------------------------------ a PDF's notes at the page's foot

def _printed_docx(workspace, tmp_path, text: str, at: tuple[int, int], mark: str = "") -> None:
    """The plan as a .docx with a Word footnote on the cell `at`, printed to PDF by LibreOffice: the footnote at the
    page's foot under its separator, the reference a raised number (or the custom `mark`) in the cell."""
    docx_path = tonglu_plan_published(workspace, _content(), "docx")
    attach_note(docx_path, "footnote", text, *at, mark=mark)
    pdf = print_pdf_libreoffice(docx_path, tmp_path / "printed")
    use_plan_file(workspace, "tonglu_15.docx", pdf)
    _no_workbook(workspace)


@needs_soffice
def test_a_word_footnote_on_a_figure_printed_to_pdf_is_read_from_the_page_foot(workspace, tmp_path):
    """Main: 15.2¹ a firm actual, the foot line '1 2025年数据为预计数' a paragraph read by nothing."""
    _printed_docx(workspace, tmp_path, "2025年数据为预计数", TOTAL)
    got, ds = _estimated(workspace)
    assert got == ALL
    assert _source_value(ds) == (15.2, "15.2¹")      # the mark recorded with the value, no digit of it
    [(values, place)] = _logged(ds, "note_apart")
    assert values == {"apart": {"code": "footnote"}, "quote": "2025年数据为预计数"}
    assert place == {"code": "page_table_cell", "page": 1, "table": 1, "row": 2, "column": 5}


@needs_soffice
def test_a_page_foot_note_without_a_year_makes_its_figure_alone_an_estimate(workspace, tmp_path):
    _printed_docx(workspace, tmp_path, "此为预计数", TOTAL)
    got, ds = _estimated(workspace)
    assert got == dict(FIRM, talent_total=True)
    [(values, _)] = _logged(ds, "estimated_by_note_apart")
    assert values == {"raw": "15.2¹", "apart": {"code": "footnote"}, "quote": "此为预计数"}


@needs_soffice
def test_a_circled_mark_on_the_header_is_read_from_the_page_foot(workspace, tmp_path):
    """Main stopped: the header 2025年① carries a mark no note defines (the foot's '① 2025年为预计数' unread)."""
    _printed_docx(workspace, tmp_path, "2025年为预计数", HEADER, mark="①")
    got, _ = _estimated(workspace)
    assert got == ALL


def _chromium_printed(workspace, tmp_path, cell: str, header: str = "2025年", foot: list[str] = (),
                      note: str = "注：〔〕内为五年累计数。") -> None:
    """The plan as a web page printed by Chromium, 15.2 written `cell`, the header 2025年 written `header`, and the
    `foot` lines at the page's foot (set smaller, under a short rule, as a word processor prints footnotes), the 注
    row `note`."""
    html = tonglu_plan_published(workspace, _content(note=note), "html")
    page = html.read_text(encoding="utf-8")
    assert page.count(">15.2<") == 1 and page.count(">2025年<") == 1
    notes = "".join(f"<div>{line}</div>" for line in foot)
    page = page.replace(">15.2<", f">{cell}<").replace(">2025年<", f">{header}<").replace(
        "</body>", '<div style="position:fixed;bottom:0;left:0;font-size:8pt">'
        f'<hr style="width:25%;margin:0 0 2pt 0;border:0;border-top:0.75pt solid #000">{notes}</div></body>')
    html.write_text(page, encoding="utf-8")
    pdf = tmp_path / "tonglu_15.pdf"
    print_pdfs_chromium([(html, pdf)], header_footer=False)
    use_plan_file(workspace, "tonglu_15.html", pdf)
    _no_workbook(workspace)


@pytest.mark.parametrize("cell, foot", [("15.2*", "* 2025年数据为预计数"), ("15.2注1", "注1：2025年数据为预计数"),
                                        ("15.2<sup>1</sup>", "1 2025年数据为预计数")], ids=["star", "zhu1", "sup"])
def test_marks_of_every_kind_tie_to_the_page_foot(workspace, tmp_path, cell, foot):
    _chromium_printed(workspace, tmp_path, cell, foot=[foot])
    got, ds = _estimated(workspace)
    assert got == ALL
    [(values, _)] = _logged(ds, "note_apart")
    assert values["quote"] == "2025年数据为预计数"
    assert _source_value(ds)[0] == 15.2


def test_two_page_foot_notes_with_one_mark_stop_naming_page_and_mark(workspace, tmp_path):
    _chromium_printed(workspace, tmp_path, "15.2*", foot=["* 2025年数据为预计数", "* 数据来源：县统计局"])
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.location.endswith("tonglu_15.pdf, page 1, table 2, row 2, column 5"), stopped.value.location
    assert "carries the note mark *, and 2 notes at the foot of page 1 start with it" in stopped.value.problem
    assert "'2025年数据为预计数'; '数据来源：县统计局'" in stopped.value.problem
    # the advice followed: the plan as its web page, each note linked from its mark (the office's answer: the first)
    assert "as its web page with each note linked from its mark" in stopped.value.fix
    html = tmp_path / "tonglu_15.html"
    page = html_page(_content()).replace(">15.2<", '>15.2<sup><a href="#n1">*</a></sup><').replace(
        "</body>", '<p id="n1">* 2025年数据为预计数</p><p>* 数据来源：县统计局</p></body>')
    html.write_text(page, encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.pdf", html)
    got, _ = _estimated(workspace)
    assert got == ALL


def test_a_mark_no_page_foot_note_starts_with_stops(workspace, tmp_path):
    _chromium_printed(workspace, tmp_path, "15.2<sup>2</sup>", foot=["1 数据来源：县统计局"])
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert stopped.value.location.endswith("page 1, table 2, row 2, column 5"), stopped.value.location
    assert "carries the note mark ², and none of the notes at the foot of page 1 (marked 1)" in \
        stopped.value.problem


def test_the_page_foot_note_is_no_paragraph_of_the_text(workspace, tmp_path):
    _chromium_printed(workspace, tmp_path, "15.2*", foot=["* 2025年数据为预计数"])
    document = read_pdf(workspace / "raw" / "tonglu_15.pdf")
    assert not any("预计数" in p.text for p in document.paragraphs)
    [cell] = [c for row in document.grids[1].rows for c in row if c.attached]
    assert (cell.text, [(n.mark, n.text) for n in cell.attached]) == ("15.2*", [("*", "2025年数据为预计数")])


# ------------------------------------------------------------------------------ a web page's marks that link nowhere

def _web(workspace, cell: str, notes_under: list[str] = (), notes_at_end: list[str] = (), header: str = "2025年"):
    path = tonglu_plan_published(workspace, _content(), "html")
    page = path.read_text(encoding="utf-8")
    under = "".join(f"<p>{n}</p>\n" for n in notes_under)
    end = "<hr>" + "".join(f"<p>{n}</p>" for n in notes_at_end) if notes_at_end else ""
    page = page.replace(">15.2<", f">{cell}<").replace(">2025年<", f">{header}<").replace(
        "</table>\n<p>三", f"</table>\n{under}<p>三").replace("</div>\n</body>", f"{end}</div>\n</body>")
    path.write_text(page, encoding="utf-8")
    _no_workbook(workspace)


def test_a_web_note_at_the_pages_end_is_tied_by_its_mark(workspace):
    """Main: the note after the text, at the page's end, read by nothing; 15.2¹ a firm actual."""
    _web(workspace, "15.2<sup>1</sup>", notes_at_end=["1 2025年数据为预计数"])
    got, _ = _estimated(workspace)
    assert got == ALL


def test_a_web_note_under_the_table_without_a_year_ties_to_its_marked_figure(workspace):
    """Main stopped: '1 此为预计数' read as a 注 naming no column; its mark ties it to 15.2."""
    _web(workspace, "15.2<sup>1</sup>", notes_under=["1 此为预计数", "2 数据来源：县统计局"])
    got, ds = _estimated(workspace)
    assert got == dict(FIRM, talent_total=True)
    assert _source_value(ds) == (15.2, "15.2¹")


def test_a_web_circled_mark_on_the_header_at_the_pages_end(workspace):
    _web(workspace, "15.2", header="2025年①", notes_at_end=["①2025年为预计数"])
    got, _ = _estimated(workspace)
    assert got == ALL


def test_two_web_notes_with_the_mark_stop(workspace):
    _web(workspace, "15.2<sup>1</sup>", notes_under=["1 此为预计数"], notes_at_end=["1 数据来源：县统计局"])
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    assert "carries the note mark ¹, and 2 of the paragraphs under the table start with it" in \
        stopped.value.problem


# ------------------------------------------------------------------------------ a .docx's footnote in the prose

def test_a_docx_footnote_in_the_prose_introducing_the_table_is_its_note(workspace):
    """Main: the footnote on 主要指标见表1 read by nothing; the five 2025 figures firm actuals."""
    path = tonglu_plan_published(workspace, _content([*DOCUMENT_TABLE["before"], INTRO]), "docx")
    attach_note(path, "footnote", "2025年数据为预计数", paragraph=INTRO)
    _no_workbook(workspace)
    got, ds = _estimated(workspace)
    assert got == ALL
    [(values, place)] = _logged(ds, "note_apart")
    assert values == {"apart": {"code": "footnote"}, "quote": "2025年数据为预计数"}
    assert place == {"code": "paragraph", "paragraph": 5}


def test_a_docx_footnotes_custom_mark_on_the_header_is_its_note(workspace):
    """Main stopped: 2025年① (the footnote's 自定义标记) a header mark no note defines."""
    path = tonglu_plan_published(workspace, _content(), "docx")
    attach_note(path, "footnote", "2025年为预计数", *HEADER, mark="①")
    _no_workbook(workspace)
    got, _ = _estimated(workspace)
    assert got == ALL


def test_a_small_note_block_at_the_pages_bottom_is_still_the_tables_note(workspace, tmp_path):
    """Guard (passes on main too): numbered 注 items set small low on the page (above its bottom margin, where a small
    line is page furniture), no separator, under a table with no mark: no page-foot notes (the block starts with
    注：), read as the table's note, as before."""
    html = tonglu_plan_published(workspace, PlanContent(**dict(vars(_content()), after=[])), "html")
    page = html.read_text(encoding="utf-8").replace(
        "</body>", '<div style="position:fixed;bottom:120px;left:0;font-size:8pt"><div>注：</div>'
        "<div>1．〔〕内为五年累计数。</div><div>2．2025年数据为预计数。</div></div></body>")
    html.write_text(page, encoding="utf-8")
    pdf = tmp_path / "tonglu_15.pdf"
    print_pdfs_chromium([(html, pdf)], header_footer=False)
    use_plan_file(workspace, "tonglu_15.html", pdf)
    _no_workbook(workspace)
    got, _ = _estimated(workspace)
    assert got == ALL



def test_a_mark_the_tables_note_row_defines_is_no_page_foot_notes(workspace, tmp_path):
    """15.2* with the 注 row 注：〔〕内为五年累计数。带*的为预计数。 inside the table, and another note at the page's
    foot: the mark is read by the 注 (15.2 alone an estimate), no stop for a mark no foot note starts with."""
    _chromium_printed(workspace, tmp_path, "15.2*", foot=["1 数据来源：县统计局"],
                      note="注：〔〕内为五年累计数。带*的为预计数。")
    got, _ = _estimated(workspace)
    assert got == dict(FIRM, talent_total=True)
