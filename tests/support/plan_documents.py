"""Plan documents built for the tests, as offices publish them: the two real plans (data/raw/*.txt) rebuilt as
a .docx, a web page (UTF-8, or GBK declared gb2312, below the site's own 信息公开 table) and a PDF (printed by
Chromium from the web page, or by LibreOffice from the .docx), and made-up plans in the same shapes.

A plan's content is taken from its text export by the project's own layout parser: the paragraphs outside the
table, the table's title, and its rows of cells, with the cells Word had merged (an empty first-level cell, the
其中 group of sub-rows) merged again.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers.core import paths
from helpers.core.config import load_sources
from helpers.core.errors import InputError
from helpers.core.text import BOOKMARK
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.tables import parse_plan_table, read_lines


@dataclass
class PlanContent:
    before: list[str]                  # paragraphs above the table's title
    title: str
    header: list[str]
    rows: list[list[str | None]]       # None: merged with the cell above
    note: str = ""                     # the table's 注 row, merged across the table
    after: list[str] = field(default_factory=list)


def real_plan(file: str) -> PlanContent:
    """One of the two real plans, from its text export."""
    return plan_content(paths.RAW_DIR / file, paths.CONFIG_DIR)


def plan_content(path: Path, config_dir: Path) -> PlanContent:
    """A plan's content from its text export (in either layout), read by the project's own parser with the plan
    entry that names the file in `config_dir`/sources.yaml."""
    sources = load_sources(config_dir)
    plan = next(p for p in sources.plans if p.file == path.name)
    lines = read_lines(path)
    table = parse_plan_table(path, lines, plan, sources)
    clean = [BOOKMARK.sub("", line).strip() for line in lines]
    before = [t for t in clean[:table.title.line - 1] if t]
    after_start = table.end_line
    note = ""
    if clean[table.end_line - 1].startswith("注"):
        note = clean[table.end_line - 1]
    else:
        after_start = table.end_line - 1      # the line that closed the table is the next heading
    after = [t for t in clean[after_start:] if t]

    def text(cell) -> str:
        return BOOKMARK.sub("", cell.raw).strip()

    header = [text(c) for c in table.header]
    rows: list[list[str | None]] = []
    stream = sources.layouts[plan.layout].parser == "cell_stream"
    group_open = False
    for row in table.rows:
        cells = [text(c) for c in row.cells]
        if stream:
            # one cell per line: a sub-row under 其中 has no serial cell; in Word the label is the serial
            # column's cell, merged down the group's rows
            if row.serial is None:
                cells = [None if group_open else row.group_label, *cells]
            group_open = row.serial is None
        elif row.category_inherited:
            cells[table.roles.index("category")] = None
        rows.append(cells)
    return PlanContent(before, BOOKMARK.sub("", table.title.raw).strip(), header, rows, note, after)


# ---------------------------------------------------------------------------------------------- .docx

def write_docx(content: PlanContent, path: Path, contents_entry: bool = False) -> Path:
    import docx
    document = docx.Document()
    if contents_entry:   # a table of contents naming the table's title first
        document.add_paragraph("目录")
        document.add_paragraph(f"{content.title}\t5")
    for text in content.before:
        document.add_paragraph(text)
    document.add_paragraph(content.title)
    width = len(content.header)
    table = document.add_table(rows=1 + len(content.rows) + (1 if content.note else 0), cols=width)
    table.style = "Table Grid"
    for c, text in enumerate(content.header):
        table.cell(0, c).text = text
    for r, row in enumerate(content.rows, 1):
        for c, text in enumerate(row):
            if text is None:
                top = r - 1
                while content.rows[top - 1][c] is None:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
            else:
                table.cell(r, c).text = text
    if content.note:
        last = len(content.rows) + 1
        merged = table.cell(last, 0).merge(table.cell(last, width - 1))
        merged.text = content.note
    for text in content.after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


# ---------------------------------------------------------------------------------------------- web page

SITE_TABLE = """<table class="xxgk">
<tr><td>索引号</td><td>001008003/2021-00123</td><td>发布机构</td><td>市委人才办</td></tr>
<tr><td>名称</td><td colspan="3">{name}</td></tr>
<tr><td>生成日期</td><td>2021-06-30</td><td>公开方式</td><td>主动公开</td></tr>
</table>"""


def html_page(content: PlanContent, charset: str = "utf-8", site_table: bool = True, declared: str | None = None,
              style: str = "") -> str:
    """The plan as a county site shows it: the site's 信息公开 table, then the plan, its table with rowspan."""
    e = html.escape
    parts = [f'<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Type" content="text/html; '
             f'charset={declared or charset}">\n<title>{e(content.before[0] if content.before else "")}</title>\n'
             f"<style>table{{border-collapse:collapse}} td,th{{border:1px solid #000;padding:2px 4px}}{style}"
             "</style>\n</head>\n<body>"]
    if site_table:
        parts.append(SITE_TABLE.format(name=e(content.before[0] if content.before else "")))
    parts.append('<div class="article">')
    parts += [f"<p>{e(t)}</p>" for t in content.before]
    parts.append(f"<p><b>{e(content.title)}</b></p>")
    parts.append("<table>")
    parts.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in content.header) + "</tr>")
    for r, row in enumerate(content.rows):
        cells = []
        for c, text in enumerate(row):
            if text is None:
                continue
            span = 1
            while r + span < len(content.rows) and content.rows[r + span][c] is None:
                span += 1
            cells.append(f'<td rowspan="{span}">{e(text)}</td>' if span > 1 else f"<td>{e(text)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if content.note:
        parts.append(f'<tr><td colspan="{len(content.header)}">{e(content.note)}</td></tr>')
    parts.append("</table>")
    parts += [f"<p>{e(t)}</p>" for t in content.after]
    parts.append("</div>\n</body></html>\n")
    return "\n".join(parts)


def write_html(content: PlanContent, path: Path, charset: str = "utf-8", **options) -> Path:
    encoding = "gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset
    path.write_bytes(html_page(content, charset, **options).encode(encoding))
    return path


# ---------------------------------------------------------------------------------------------- PDF

def print_pdfs_chromium(pages: list[tuple[Path, Path]], header_footer: bool = True,
                        print_background: bool = False) -> list[Path]:
    """Web pages printed to PDF (html, pdf pairs) by the Chromium the project prints its reports with, with a
    running header and page numbers as a browser prints them; with the pages' background colours and images if
    `print_background` (the print dialog's 背景图形 box, unticked by default)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for html_path, pdf_path in pages:
                page.goto(html_path.resolve().as_uri())
                page.pdf(path=str(pdf_path), format="A4", display_header_footer=header_footer,
                         print_background=print_background,
                         header_template='<div style="font-size:8px;width:100%;text-align:center">人才发展规划</div>',
                         footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                         '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
                         margin={"top": "20mm", "bottom": "20mm", "left": "15mm", "right": "15mm"})
        finally:
            browser.close()
    return [pdf for _, pdf in pages]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_pdf_libreoffice(docx_path: Path, out_dir: Path, options: str = "") -> Path:
    """The document exported to PDF by LibreOffice, with the PDF export's `options` if any (its filter options as
    JSON, as the export dialog sets them: '{"TiledWatermark":{"type":"string","value":"内部资料"}}')."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".profile"
    target = f"pdf:writer_pdf_Export:{options}" if options else "pdf"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                    "--outdir", str(out_dir), str(docx_path)], check=True, capture_output=True, timeout=300)
    return out_dir / (docx_path.stem + ".pdf")


# ---------------------------------------------------------------------------------------------- workspace

def use_plan_file(workspace: Path, old_file: str, new_path: Path) -> None:
    """Point the workspace's config entry for `old_file` at `new_path` (copied into raw/), with no layout;
    the manifest rewritten."""
    raw = workspace / "raw"
    if new_path.parent != raw:
        shutil.copy(new_path, raw / new_path.name)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    for entry in doc["plans"]:
        if entry["file"] == old_file:
            entry["file"] = new_path.name
            entry.pop("layout", None)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (raw / old_file).unlink()
    write_manifest(raw)


def reading_in_advice(fix: str) -> dict:
    """The `readings:` item an error's advice shows (`- {indicator: …, …, because: …}`), as written."""
    import re
    example = re.search(r"- (\{indicator: [^{}]*\})", fix)
    assert example, fix
    return yaml.safe_load(example.group(1))


def write_reading(root: Path, reading: dict, *, file: str | None = None, entity: str | None = None,
                  alone: bool = False) -> None:
    """An analyst's reading (a `readings:` item) written into root/config/sources.yaml, under the plan entry of
    `file` (or the first of `entity`'s): after the entry's readings, or `alone`, in their place (another answer to
    the same question)."""
    config = root / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    entry = next(p for p in doc["plans"] if (p["file"] == file if file else p["entity"] == entity))
    entry["readings"] = [reading] if alone else [*(entry.get("readings") or []), reading]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def follow_the_reading_advice(workspace: Path, fix: str, path: Path, reads: str = "20左右",
                              because: str = "办公室答复：2030年目标为20万人左右") -> None:
    """The reading an error's advice shows (`- {indicator: …, reads: …, because: …}`), copied into the plan's
    entry in sources.yaml with the figure the office means."""
    reading = reading_in_advice(fix)
    assert reading["reads"] == "…" and reading["because"] == "…"
    write_reading(workspace, reading | {"reads": reads, "because": because}, file=path.name)


def built_by_the_header_advice(workspace: Path, tries: int = 3) -> tuple[dataset.Dataset, list[str]]:
    """The data step, each stop on a header followed as its advice says: the first `header_roles` entry the advice
    offers (`- {pattern: '…', role: …}`), added to config/sources.yaml as written. The dataset and the entries."""
    import re
    config = workspace / "config" / "sources.yaml"
    offered = []
    for _ in range(tries):
        try:
            return dataset.build(workspace / "raw", workspace / "config"), offered
        except InputError as error:
            entry = re.search(r"`(- \{pattern: '(?:[^']|'')*', role: \w+\})`", error.fix)
            assert entry, error.fix
            offered.append(entry.group(1))
            doc = yaml.safe_load(config.read_text(encoding="utf-8"))
            doc["header_roles"] = (doc.get("header_roles") or []) + yaml.safe_load(entry.group(1))
            config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    raise AssertionError(f"the data step still stops after the advice's {offered}")


def make_manifest(workspace: Path) -> str:
    """`make manifest` in the workspace (the command it runs): the plans read, their checksums recorded with those
    of the files beside them that their readers read (a web page's style sheets). What it printed."""
    import contextlib
    import io

    from helpers.run import cli
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        status = cli.main(["manifest", "--raw-dir", str(workspace / "raw"), "--config-dir", str(workspace / "config")])
    assert status == 0, said.getvalue()
    return said.getvalue()


# ---------------------------------------------------------------------------------------------- comparing

JIANDE = "jiande_talent_plan_2021-2025.txt"
ANJI = "anji_talent_plan_2021-2025.txt"
# What must not change between formats: each value, its comparator, year and kind, and where it came from.
KEY = ["entity", "indicator_id", "year", "kind", "value", "comparator", "origin"]


def values(ds: dataset.Dataset):
    return ds.indicators[KEY].sort_values(KEY[:4]).reset_index(drop=True)


def as_published(workspace: Path, writer, suffix: str) -> dataset.Dataset:
    """The workspace's two plans replaced by documents `writer` makes from them; the dataset built."""
    for file, name in ((JIANDE, "jiande"), (ANJI, "anji")):
        made = writer(real_plan(file), workspace / "raw" / f"{name}{suffix}")
        use_plan_file(workspace, file, made)
    return dataset.build(workspace / "raw", workspace / "config")


# ---------------------------------------------------------------------------------------------- notes kept apart

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def attach_note(path: Path, kind: str, text: str, row: int = 0, column: int = 0, mark: str = "",
                paragraph: str = "", raised: bool = True) -> Path:
    """A Word footnote, endnote (Insert Footnote / Endnote) or comment (New Comment) saying `text`, anchored in the
    .docx's first table at `row`, `column` (0-based), or in the body's paragraph whose text is `paragraph`, as Word
    writes one: the note in its own part (word/footnotes.xml, endnotes.xml, comments.xml), its reference after the
    text (a superscript number Word shows itself; `mark`: a custom mark written as text after the reference in its run,
    脚注 → 自定义标记; `raised`: the run set superscript, as Word's style for it does)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document(str(path))
    said = html.escape(text)
    if kind == "comment":
        body = (f'<w:comments {W_NS}><w:comment w:id="0" w:author="人才办" w:initials="R"><w:p><w:r><w:t>{said}</w:t>'
                '</w:r></w:p></w:comment></w:comments>')
        relation = RT.COMMENTS
    else:
        body = (f'<w:{kind}s {W_NS}>'
                f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
                f'</w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {said}</w:t></w:r></w:p></w:{kind}></w:{kind}s>')
        relation = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), f"application/vnd.openxmlformats-officedocument.wordprocessingml."
                f"{kind}s+xml", body.encode("utf-8"), document.part.package)
    document.part.relate_to(part, relation)
    anchor = next(p for p in document.paragraphs if p.text == paragraph)._p if paragraph else \
        document.tables[0].cell(row, column).paragraphs[0]._p
    superscript = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    if kind == "comment":
        anchor.insert(1 if anchor.pPr is not None else 0, parse_xml(f'<w:commentRangeStart {W_NS} w:id="0"/>'))
        anchor.append(parse_xml(f'<w:commentRangeEnd {W_NS} w:id="0"/>'))
        anchor.append(parse_xml(f'<w:r {W_NS}><w:commentReference w:id="0"/></w:r>'))
    else:
        custom = f' w:customMarkFollows="1"/><w:t>{html.escape(mark)}</w:t>' if mark else "/>"
        raised = superscript if raised else ""
        anchor.append(parse_xml(f'<w:r {W_NS}>{raised}<w:{kind}Reference w:id="1"{custom}</w:r>'))
    document.save(str(path))
    return path
