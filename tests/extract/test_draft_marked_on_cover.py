"""A draft marked anywhere on its cover, or by Word's watermark, is refused as one whose title says so (issue 18,
redteam19's class-1 finding 3 and its class). rt19a stopped a mark in the 2 short lines under the title, a .docx's
page header or a web page's <title>; a cover whose 4th line is the mark (title / 桐庐县人才工作领导小组办公室 /
2026年1月 / （征求意见稿）), a 6-line cover ending at a page break, a text box on the cover, Word's own watermark (a
VML WordArt shape in the header, its text in no w:t), a PDF whose first page has the mark as its 5th line or a
watermark 征求意见稿 across it, and a web page with the mark in a div above the article were read as the plan: its
2030 人才资源总量 20 taken as the target, exit 0. The cover is told by what it is (up to the body's first sentence
or heading, a table of contents, a page break), and a body that mentions a draft (在征求意见稿基础上修改完善。) is
read. The advice followed either way reads the plan: the published plan named, or the analyst's word that the
document is the plan as adopted (`draft_marks:`), logged."""
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.data_step import build
from support.fifteenth_plan import DOCUMENT_TABLE, PLANS, add_fifteenth_plan, total_target_2030
from support.plan_documents import PlanContent, print_pdfs_chromium, use_plan_file, write_docx, write_html

DRAFT_ADVICE = "name the published plan itself, the final text as adopted and issued, under this plan's `file:`"
TITLE = DOCUMENT_TABLE["before"][0]
OFFICE = "桐庐县人才工作领导小组办公室"
COVER_4 = [TITLE, OFFICE, "2026年1月", "（征求意见稿）"]
COVER_6 = [TITLE, "（2026—2030年）", OFFICE, "桐庐县人力资源和社会保障局", "二〇二六年一月", "送审稿"]


def _content(before: list[str], body: list[str] | None = None) -> PlanContent:
    """桐庐's plan with `before` in place of its title, and `body` (default: its own) after it."""
    body = DOCUMENT_TABLE["before"][1:] if body is None else body
    return PlanContent(**{**DOCUMENT_TABLE, "before": before + body})


def _use(workspace, path):
    add_fifteenth_plan(workspace, "word_tab_cells")
    use_plan_file(workspace, "tonglu_15.txt", path)
    write_manifest(workspace / "raw")


def _refused(workspace, path) -> InputError:
    _use(workspace, path)
    with pytest.raises(InputError) as info:
        build(workspace)
    assert DRAFT_ADVICE in info.value.fix and "`draft_marks:`" in info.value.fix, info.value.fix
    return info.value


def _docx_with_page_break(before: list[str], path):
    """The cover's lines, a page break (插入 → 分页), then the plan from its first heading on, as Word lays out a
    cover page."""
    import docx
    write_docx(_content([]), path)
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    for text in before:
        first.insert_paragraph_before(text)
    first.insert_paragraph_before("").add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    document.save(str(path))
    return path


@pytest.mark.parametrize("mark", ["（征求意见稿）", "本稿为征求意见稿，请提出修改意见。", "（征 求 意 见 稿）"])
def test_a_docx_cover_whose_4th_line_marks_a_draft_stops(workspace, mark):
    """The mark as the cover's 4th line: alone, as a short sentence saying what the document is, or spaced out
    across the cover (征 求 意 见 稿, as covers set it)."""
    error = _refused(workspace, write_docx(_content(COVER_4[:3] + [mark]), workspace / "raw" / "tonglu_15.docx"))
    assert error.problem.startswith(f"a line of the document's cover ('{mark}') says the document is a draft "
                                    "of a plan ('征求意见稿')"), error.problem
    assert str(error.where) == "paragraph 4"


def test_a_docx_cover_page_of_6_lines_marked_on_its_last_stops(workspace):
    error = _refused(workspace, _docx_with_page_break(COVER_6, workspace / "raw" / "tonglu_15.docx"))
    assert error.problem.startswith("a line of the document's cover ('送审稿') says the document is a draft of a "
                                    "plan ('送审稿')"), error.problem
    assert str(error.where) == "paragraph 6"


def test_a_docx_cover_set_in_heading_styles_marking_a_draft_stops(workspace):
    """The cover's lines set in Word's heading styles for their size (标题 1 the title, 标题 2 the office, the date
    and the mark), unnumbered: a heading that Word does not number is no body's yet."""
    import docx
    path = write_docx(_content([]), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    for text, style in zip(COVER_4, ["Heading 1", "Heading 2", "Heading 2", "Heading 2"]):
        first.insert_paragraph_before(text, style=style)
    document.save(str(path))
    error = _refused(workspace, path)
    assert error.problem.startswith("a line of the document's cover ('（征求意见稿）') says the document is a draft "
                                    "of a plan ('征求意见稿')"), error.problem


# Word's own markup for its watermark (设计 → 水印 → 自定义水印 → 文字水印), as Word 2016 writes it into the header:
# a VML WordArt shape whose text is the v:textpath's `string`, in no w:t.
WORD_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:140pt;rotation:315;'
    'z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="silver" '
    'stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;SimSun&quot;;font-size:1pt" '
    'string="征求意见稿"/></v:shape></w:pict></w:r>')

# A text box (插入 → 文本框) as Word 2010 and later write it: a DrawingML shape (wps:wsp) with its text in
# w:txbxContent, and its VML copy for older Word in mc:Fallback.
TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
    'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="margin"><wp:align>top</wp:align></wp:positionV>'
    '<wp:extent cx="1440000" cy="400000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1440000" cy="400000"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r>'
    '<w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
    '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="position:absolute;width:113pt;'
    'height:31pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


@pytest.mark.parametrize("shape", ["WordArt", "text box"])
def test_a_word_watermark_in_the_header_marking_a_draft_stops(workspace, shape):
    """Word's watermark (a VML WordArt shape, its text in v:textpath's `string`: not seen on main), or a text box
    in the header (wps:txbx, its text in w:txbxContent: seen on main too, kept here as the same class)."""
    import docx
    from docx.oxml import parse_xml
    path = write_docx(_content([TITLE]), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0]._p.append(parse_xml(
        WORD_WATERMARK if shape == "WordArt" else TEXT_BOX.format(text="征求意见稿")))
    document.save(str(path))
    error = _refused(workspace, path)
    said = "WordArt (艺术字) in the page header (页眉)" if shape == "WordArt" else "page header (页眉)"
    assert error.problem.startswith(f"the document's {said} ('征求意见稿') says the document is a draft of a plan "
                                    "('征求意见稿')"), error.problem
    assert error.where == f"{said}, word/header1.xml"


def test_a_text_box_on_the_cover_marking_a_draft_stops(workspace):
    """讨论稿 in a text box anchored in the cover's 4th paragraph (the date), set at the page's top right."""
    import docx
    from docx.oxml import parse_xml
    path = write_docx(_content([TITLE, OFFICE, "2026年1月"]), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    document.paragraphs[2].insert_paragraph_before("")._p.append(parse_xml(TEXT_BOX.format(text="讨论稿")))
    document.save(str(path))
    error = _refused(workspace, path)
    assert error.problem.startswith("a line of the document's cover ('讨论稿') says the document is a draft of a "
                                    "plan ('讨论稿')"), error.problem


def test_a_stamp_anchored_in_the_first_paragraph_of_the_body_stops(workspace):
    """A text box saying 征求意见稿 anchored in the body's first paragraph (a sentence), set at the first page's top
    right as a stamp: the shape is on the cover's page, though its anchor is the body's."""
    import docx
    from docx.oxml import parse_xml
    body = ["本规划根据《桐庐县国民经济和社会发展第十五个五年规划纲要》编制，是全县人才工作的指导性文件。",
            *DOCUMENT_TABLE["before"][1:]]
    path = write_docx(_content([TITLE], body), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    document.paragraphs[1]._p.append(parse_xml(TEXT_BOX.format(text="征求意见稿")))
    document.save(str(path))
    error = _refused(workspace, path)
    assert error.problem.startswith("the line under the document's title ('征求意见稿') says the document is a draft "
                                    "of a plan ('征求意见稿')") or error.problem.startswith(
        "a line of the document's cover ('征求意见稿')"), error.problem
    assert str(error.where) == "paragraph 2"


@pytest.mark.parametrize("minified", [False, True], ids=["", "minified"])
@pytest.mark.parametrize("where", ["div above the article", "line under the heading block"])
def test_a_web_page_marked_a_draft_above_its_article_stops(workspace, where, minified):
    """The site's breadcrumb, the plan's heading, its 发布时间 line, then （征求意见稿） in a div of its own, above
    the article (or as the heading block's 4th line); the body after it. Minified (the page on one line, as sites
    serve it), every paragraph has the same place, the table's title's too."""
    path = write_html(_content([]), workspace / "raw" / "tonglu_15.html")
    page = path.read_text(encoding="utf-8")
    block = ("<div class='crumbs'>首页 &gt; 政务公开 &gt; 通知公告</div>"
             f"<h1>{TITLE}</h1><div class='info'>发布时间：2026-01-05　来源：{OFFICE}</div>")
    mark = "<div class='draft'>（征求意见稿）</div>"
    page = page.replace(f'<td colspan="3">{DOCUMENT_TABLE["before"][1]}</td>', f'<td colspan="3">{TITLE}</td>', 1)
    block = block + mark + '<div class="article">' if where.startswith("div") else \
        '<div class="article">' + block + mark
    page = page.replace('<div class="article">', block, 1)
    path.write_text(page.replace("\n", "") if minified else page, encoding="utf-8")
    error = _refused(workspace, path)
    assert error.problem.startswith("a line of the document's cover ('（征求意见稿）') says the document is a draft "
                                    "of a plan ('征求意见稿')"), error.problem


def test_a_web_page_whose_site_table_names_a_draft_stops(workspace):
    """The site's 信息公开 table above the article names the page （征求意见稿）: an element before the article."""
    path = write_html(_content([TITLE]), workspace / "raw" / "tonglu_15.html")
    page = path.read_text(encoding="utf-8")
    named = f'<td colspan="3">{TITLE}</td>'
    assert page.count(named) == 1
    path.write_text(page.replace(named, f'<td colspan="3">{TITLE}（征求意见稿）</td>'), encoding="utf-8")
    error = _refused(workspace, path)
    assert error.problem.startswith(f"a line of the document's cover ('{TITLE}（征求意见稿）') says the document is "
                                    "a draft of a plan ('征求意见稿')"), error.problem
    assert str(error.where) == "line 10"        # (the 名称 row's line)


def test_a_docx_cover_laid_out_in_a_table_marking_a_draft_stops(workspace):
    """The cover's details in a table (编制单位 | 桐庐县人才工作领导小组办公室 / 文稿状态 | 送审稿), then the body."""
    import docx
    path = write_docx(_content([TITLE]), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("编制单位", OFFICE), ("文稿状态", "送审稿")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.paragraphs[0]._p.addnext(table._tbl)
    document.save(str(path))
    error = _refused(workspace, path)
    assert error.problem.startswith("a line of the document's cover ('送审稿') says the document is a draft of a "
                                    "plan ('送审稿')"), error.problem
    assert str(error.where) == "table 1, row 2, column 2"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict:
    """桐庐's plan as a web page printed by Chromium: with a cover whose 5th line on the first page is （征求意见稿）
    (the 4th line of the cover under the browser's running header); with 征求意见稿 across the page as a watermark."""
    folder = tmp_path_factory.mktemp("draft_pdfs")
    cover = write_html(_content([TITLE, "（2026—2030年）", OFFICE, "2026年1月", "（征求意见稿）"]),
                       folder / "cover.html", site_table=False)
    marked = write_html(_content([TITLE]), folder / "watermark.html", site_table=False)
    marked.write_text(marked.read_text(encoding="utf-8").replace("<body>", (
        "<body><div style='position:fixed;top:330px;left:150px;transform:rotate(-30deg);font-size:72px;"
        "color:rgba(0,0,0,0.12);white-space:nowrap'>征求意见稿</div>"), 1), encoding="utf-8")
    made = dict(zip(("cover", "watermark"), print_pdfs_chromium([(cover, folder / "cover.pdf"),
                                                                 (marked, folder / "watermark.pdf")])))
    made["header"] = _printed_with_header(write_html(_content([TITLE]), folder / "header.html", site_table=False),
                                          folder / "header.pdf", "桐庐县人才发展“十五五”规划（征求意见稿）")
    return made


def _printed_with_header(page, pdf, header: str):
    """The page printed by Chromium with `header` as the running header on every page (页眉), as an office's
    print template sets it."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.goto(page.resolve().as_uri())
            tab.pdf(path=str(pdf), format="A4", display_header_footer=True,
                    header_template=f'<div style="font-size:8px;width:100%;text-align:center">{header}</div>',
                    footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                    '<span class="pageNumber"></span></div>',
                    margin={"top": "20mm", "bottom": "20mm", "left": "15mm", "right": "15mm"})
        finally:
            browser.close()
    return pdf


@pytest.mark.slow
def test_a_pdf_whose_first_page_marks_a_draft_on_its_5th_line_stops(workspace, printed):
    import shutil
    error = _refused(workspace, shutil.copy(printed["cover"], workspace / "raw" / "tonglu_15.pdf"))
    assert error.problem.startswith("a line of the document's cover ('（征求意见稿）') says the document is a draft "
                                    "of a plan ('征求意见稿')"), error.problem
    assert str(error.where) == "page 1, line 5"


@pytest.mark.slow
def test_a_pdf_watermarked_as_a_draft_stops(workspace, printed):
    import shutil
    error = _refused(workspace, shutil.copy(printed["watermark"], workspace / "raw" / "tonglu_15.pdf"))
    assert error.problem.startswith("the document's watermark (水印) ('征求意见稿') says the document is a draft "
                                    "of a plan ('征求意见稿')"), error.problem


@pytest.mark.slow
def test_a_pdf_whose_running_header_marks_a_draft_stops(workspace, printed):
    import shutil
    error = _refused(workspace, shutil.copy(printed["header"], workspace / "raw" / "tonglu_15.pdf"))
    said = "the document's page header or footer (页眉/页脚) ('桐庐县人才发展“十五五”规划（征求意见稿）')"
    assert error.problem.startswith(f"{said} says the document is a draft of a plan ('征求意见稿')"), error.problem


def test_a_text_export_whose_cover_marks_a_draft_on_its_4th_line_stops(workspace):
    text = PLANS["word_tab_cells"]
    title = next(line for line in text.splitlines() if line.strip())
    add_fifteenth_plan(workspace, "word_tab_cells",
                       text.replace(title, f"{title}\n{OFFICE}\n2026年1月\n（征求意见稿）", 1))
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "a line of the document's cover ('（征求意见稿）') says the document is a draft" in info.value.problem
    assert info.value.where == title_line(text) + 3


def title_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip())


# ------------------------------------------------------------------------- what is read, and the advice followed

BODY_MENTIONS = ["前言", "本规划在征求意见稿基础上修改完善，经县政府常务会议审议通过。", "一、发展基础",
                 "“十四五”期间，全县人才工作取得新成效。", "（一）广泛征求意见", "二、发展目标"]


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_published_plan_whose_body_mentions_its_draft_is_read(workspace, kind):
    """A cover of 4 lines, none a draft's (title, office, date, 印发稿), then a body that mentions the draft and
    征求意见 (in a sentence, in a heading): read, 20."""
    content = _content([TITLE, OFFICE, "2026年1月", "（印发稿）"], BODY_MENTIONS)
    path = workspace / "raw" / f"tonglu_15.{kind}"
    (write_docx if kind == "docx" else write_html)(content, path)
    _use(workspace, path)
    assert total_target_2030(build(workspace))["value"] == 20


def test_a_web_page_whose_site_menu_names_the_consultation_column_is_read(workspace):
    """The site's menu above the article lists its 征求意见 column beside the others (a government site's 政民互动
    menu): a menu item, no draft's mark; the plan's heading block says 印发. Read, 20."""
    path = write_html(_content([TITLE]), workspace / "raw" / "tonglu_15.html")
    page = path.read_text(encoding="utf-8")
    menu = ("<ul class='menu'><li><a href='/'>首页</a></li><li><a href='/zwgk'>政务公开</a></li>"
            "<li><a href='/zjyj'>征求意见</a></li><li><a href='/hd'>政民互动</a></li></ul>"
            "<div class='crumbs'>首页 &gt; 政务公开 &gt; 规划信息</div>")
    path.write_text(page.replace('<div class="article">', menu + '<div class="article">', 1), encoding="utf-8")
    _use(workspace, path)
    assert total_target_2030(build(workspace))["value"] == 20


def test_a_cover_page_then_a_body_mentioning_the_draft_is_read(workspace):
    """The 6-line cover page (its mark 印发稿), a page break, then 前言 and a sentence naming the 征求意见稿."""
    cover = COVER_6[:-1] + ["印发稿"]
    import docx
    path = _docx_with_page_break(cover, workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == "一、发展基础")
    heading.insert_paragraph_before("在征求意见稿基础上修改完善")      # (short, no full stop: but after the break)
    document.save(str(path))
    _use(workspace, path)
    assert total_target_2030(build(workspace))["value"] == 20


def _draft_mark_in_advice(fix: str) -> dict:
    found = re.search(r"- (\{mark: .*?, because: '…'\})", fix)
    assert found, fix
    return yaml.safe_load(found.group(1))


def _say_draft_mark(workspace, item: dict) -> None:
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    entry = next(e for e in doc["plans"] if str(e["file"]).startswith("tonglu_15"))
    entry.setdefault("draft_marks", []).append(item)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_analysts_word_that_the_marked_document_is_the_plan_is_read_and_logged(workspace):
    """The advice's other answer followed: the mark written out as the error quotes it, with the office's answer
    after `because:`. Left as the advice's … it stops at its line; said, the plan is read (20) and the cleaning log
    names the mark and why."""
    error = _refused(workspace, write_docx(_content(COVER_4), workspace / "raw" / "tonglu_15.docx"))
    item = _draft_mark_in_advice(error.fix)
    assert item == {"mark": "(征求意见稿)", "because": "…"}
    _say_draft_mark(workspace, item)
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "does not say why the document is read as the plan" in info.value.problem
    config = workspace / "config" / "sources.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("because: …", "because: 县人才办复函：此为印发稿，"
                                                                 "封面标注系排版遗留"), encoding="utf-8")
    ds = build(workspace)
    assert total_target_2030(ds)["value"] == 20
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu' and step == 'draft_mark_by_analyst'")
    assert len(log) == 1 and "(征求意见稿)" in log["decision"].iloc[0] and "排版遗留" in log["decision"].iloc[0]


def test_the_analysts_word_for_one_mark_does_not_cover_another(workspace):
    """The word names the mark it is for: a watermark saying another (送审稿) still stops."""
    import docx
    from docx.oxml import parse_xml
    path = write_docx(_content(COVER_4), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0]._p.append(parse_xml(WORD_WATERMARK.replace("征求意见稿", "送审稿")))
    document.save(str(path))
    _use(workspace, path)
    _say_draft_mark(workspace, {"mark": "（征求意见稿）", "because": "县人才办复函：此为印发稿"})
    with pytest.raises(InputError) as info:
        build(workspace)
    assert "('送审稿')" in info.value.problem and "WordArt" in info.value.problem
