"""A document's title is the text set in the title's own line(s) (redteam20 T1). A 十五五 plan printed to PDF from its
web page (<h1>title</h1><p>一、发展基础</p>) had its title line joined with the first heading by the PDF reader
('桐庐县人才发展“十五五”规划一、发展基础': the title, set large, was the page's widest line, so "full"), and the run
stopped saying the document is not the plan itself, advice that cannot be followed: the file IS the plan. Decision: a
PDF line set in another size than the line above (pdf_note_marks.smaller) or starting with a numbered heading (一、,
第一章, 1.: tables.NUMBERED_HEADING) never carries on the paragraph above; a title set large over two lines is one
(…规划 / 编制说明, centred: read as two, the companion was read as the plan); and a first paragraph holding the title
and, after a line break, the first heading (a .docx title ended by Shift+Enter) is titled by the words before it. A real
companion (编制说明, 中期评估) still stops."""
import docx
import pytest

from helpers.extract import dataset
from support.data_step import build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan_document, total_target_2030
from support.plan_documents import PlanContent, print_pdfs_chromium, write_docx, write_html

TITLE = "桐庐县人才发展“十五五”规划"
FIRST = f"<p>{TITLE}</p>"


def _page(path, title_markup: str, style: str = ""):
    """桐庐's 十五五 plan as a web page (no site table) whose title paragraph is `title_markup`."""
    write_html(PlanContent(**DOCUMENT_TABLE), path, site_table=False, style=style)
    page = path.read_text(encoding="utf-8")
    assert page.count(FIRST) == 1
    path.write_text(page.replace(FIRST, title_markup), encoding="utf-8")
    return path


PDF_CASES = {
    "h1": (f"<h1>{TITLE}</h1>", ""),                                   # the repro: '…规划一、发展基础'
    "preface": (f"<h1>{TITLE}</h1><p>前言</p>", ""),                     # another size: '…规划前言'
    "same_size": (f"<p>{TITLE}（2026—2030年）</p>", "p{margin:0}"),    # a numbered heading: '…年）一、发展基础'
    "two_lines": (f"<h1 style='text-align:center'>{TITLE}<br>编制说明</h1>", ""),
    "report": (f"<h1>{TITLE}中期评估</h1>", ""),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfs")
    pages = [(_page(folder / f"{name}.html", markup, style), folder / f"tonglu_15_{name}.pdf")
             for name, (markup, style) in PDF_CASES.items()]
    return dict(zip(PDF_CASES, print_pdfs_chromium(pages)))


@pytest.mark.parametrize("case", ["h1", "preface", "same_size"])
def test_a_pdf_plans_title_is_its_own_lines_and_the_plan_is_read(workspace, pdfs, case):
    """On lead8 each stopped: "the document's title ('桐庐县人才发展“十五五”规划一、发展基础') names a plan, but says
    more after it"; the title read from its own lines, the plan is read: 2030 人才资源总量 20 (20左右)."""
    add_fifteenth_plan_document(workspace, pdfs[case])
    assert total_target_2030(dataset.build(workspace / "raw", workspace / "config")).value == 20


@pytest.mark.parametrize("case, says", [("two_lines", "explains a plan ('编制说明')"),
                                        ("report", "reports on a plan ('中期评估")])
def test_a_companions_title_still_stops(workspace, pdfs, case, says):
    """A companion's title set over two lines (…规划 / 编制说明, centred) is one title: on lead8 its lines were two
    paragraphs, and the explanation was read as the plan (exit 0). A title saying 中期评估 stops as before."""
    add_fifteenth_plan_document(workspace, pdfs[case])
    error = build_refused(workspace)
    assert (error.where.page, error.where.line) == (1, 1) and says in error.problem, error


def _docx_with_break(path):
    """The plan as a .docx whose title paragraph ends with a line break (Shift+Enter) and the first heading."""
    write_docx(PlanContent(**{**DOCUMENT_TABLE, "before": DOCUMENT_TABLE["before"][1:]}), path)
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    paragraph = first.insert_paragraph_before(TITLE)
    paragraph.runs[0].add_break()
    paragraph.add_run(first.text)
    first._element.getparent().remove(first._element)
    document.save(str(path))
    return path


def _docx_styled(path):
    """The plan as a .docx with its title in Word's Title style and its headings in Heading 1."""
    write_docx(PlanContent(**DOCUMENT_TABLE), path)
    document = docx.Document(str(path))
    document.paragraphs[0].style = "Title"
    for p in document.paragraphs:
        if p.text.startswith(("一、", "二、", "三、")):
            p.style = "Heading 1"
    document.save(str(path))
    return path


@pytest.mark.parametrize("make, name", [(_docx_with_break, "tonglu_15.docx"), (_docx_styled, "tonglu_15.docx"),
                                        (lambda path: _page(path, f"<h1>{TITLE}</h1>"), "tonglu_15.html")])
def test_a_docx_or_web_plans_title_is_not_joined_with_its_first_heading(workspace, tmp_path, make, name):
    """A .docx title ended by a line break before 一、发展基础 (one paragraph, '…规划 一、发展基础': on lead8 it
    stopped as saying more after the plan), Title and Heading 1 styles, a web page's <h1> then <p>: the plan is read."""
    add_fifteenth_plan_document(workspace, make(tmp_path / name))
    assert total_target_2030(dataset.build(workspace / "raw", workspace / "config")).value == 20
