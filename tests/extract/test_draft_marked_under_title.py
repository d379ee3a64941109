"""A draft marked as drafts are laid out is refused as one whose title says so (redteam19 finding 3): （征求意见稿）
on its own line under the title, in a .docx's page header, or in a web page's <title> was read as the plan without a
word (its 2030 人才资源总量 20 taken as the target), while the same mark in the title paragraph stopped ("says the
document is a draft of a plan"). The advice, followed (the published plan named instead: the same plan without the
mark), reads it."""
import pytest

from helpers.core.errors import InputError
from helpers.extract.manifest import write_manifest
from support.data_step import build
from support.fifteenth_plan import DOCUMENT_TABLE, PLANS, add_fifteenth_plan, total_target_2030
from support.plan_documents import PlanContent, use_plan_file, write_docx, write_html

DRAFT_ADVICE = "name the published plan itself, the final text as adopted and issued, under this plan's `file:`"


def _content(under: str | None = None) -> PlanContent:
    before = list(DOCUMENT_TABLE["before"])
    if under is not None:
        before.insert(1, under)
    return PlanContent(**{**DOCUMENT_TABLE, "before": before})


def _use(workspace, path):
    add_fifteenth_plan(workspace, "word_tab_cells")
    use_plan_file(workspace, "tonglu_15.txt", path)
    write_manifest(workspace / "raw")


@pytest.mark.parametrize("under", ["（征求意见稿）", "征求意见稿", "（送审稿）", "（2026年1月征求意见稿）"])
def test_a_docx_whose_line_under_the_title_marks_a_draft_stops(workspace, under):
    _use(workspace, write_docx(_content(under), workspace / "raw" / "tonglu_15.docx"))
    with pytest.raises(InputError) as info:
        build(workspace)
    problem = info.value.problem
    assert problem.startswith(f"the line under the document's title ('{under}') says the document is a draft of a "
                              "plan"), problem
    assert str(info.value.where) == "paragraph 2" and DRAFT_ADVICE in info.value.fix


def test_a_docx_whose_page_header_marks_a_draft_stops(workspace):
    import docx
    path = write_docx(_content(), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "征求意见稿"
    document.save(str(path))
    _use(workspace, path)
    with pytest.raises(InputError) as info:
        build(workspace)
    assert info.value.problem.startswith("the document's page header (页眉) ('征求意见稿') says the document is a "
                                         "draft of a plan ('征求意见稿')"), info.value.problem
    assert info.value.where == "page header (页眉), word/header1.xml" and DRAFT_ADVICE in info.value.fix


@pytest.mark.parametrize("where", ["title", "under"])
def test_a_web_page_marked_a_draft_in_its_title_tag_or_under_its_heading_stops(workspace, where):
    path = workspace / "raw" / "tonglu_15.html"
    write_html(_content("（征求意见稿）" if where == "under" else None), path)
    if where == "title":
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("规划</title>", "规划（征求意见稿）</title>", 1), encoding="utf-8")
    _use(workspace, path)
    with pytest.raises(InputError) as info:
        build(workspace)
    said = ("the document's <title> ('桐庐县人才发展“十五五”规划（征求意见稿）')" if where == "title"
            else "the line under the document's title ('（征求意见稿）')")
    assert info.value.problem.startswith(f"{said} says the document is a draft of a plan ('征求意见稿')"), \
        info.value.problem
    assert DRAFT_ADVICE in info.value.fix


def test_a_text_export_whose_line_under_the_title_marks_a_draft_stops(workspace):
    text = PLANS["word_tab_cells"]
    title = next(line for line in text.splitlines() if line.strip())
    add_fifteenth_plan(workspace, "word_tab_cells", text.replace(title, f"{title}\n（征求意见稿）", 1))
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "the line under the document's title ('（征求意见稿）') says the document is a draft" in info.value.problem
    assert info.value.where == 2


@pytest.mark.parametrize("under", [None, "（2026年1月）"])
def test_the_published_plan_the_advice_names_is_read(workspace, under):
    """The advice followed: the same plan without the mark (or with its date under the title) is read."""
    _use(workspace, write_docx(_content(under), workspace / "raw" / "tonglu_15.docx"))
    assert total_target_2030(build(workspace))["value"] == 20
