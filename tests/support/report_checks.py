"""Measuring rendered documents as their readers meet them: PDF pages, the phone screen, the language.

PDF layout is read from the PDF's own structure: Chromium writes tagged PDFs, whose structure tree says on which
pages each figure, table row, caption, list item, paragraph and heading lies.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# The Chinese report may contain these Latin words: proper names and standard abbreviations.
ALLOWED_LATIN = {"Eurostat", "Open", "SDG", "Word", "R&D", "OLS"}
FILE_NAME = re.compile(r"[\w./-]+\.(?:txt|xlsx|xlsm|csv)\b|talent-plan-\w+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z&]+")

PHONE = {"width": 390, "height": 844}


# ----------------------------------------------------------------------------- language

def visible_texts(html: str) -> list[tuple[str, str]]:
    """(text, nearest lang) for every text node of the document body, figures' SVG text included."""
    from bs4 import BeautifulSoup
    from bs4.element import Comment
    soup = BeautifulSoup(html, "html.parser")
    out = []
    body = soup.body or soup
    for node in body.find_all(string=True):
        if isinstance(node, Comment) or node.parent.name in ("style", "script", "title"):
            continue
        text = str(node).strip()
        if not text:
            continue
        lang = next((p.get("lang") for p in node.parents if getattr(p, "get", None) and p.get("lang")), "")
        out.append((text, lang))
    return out


def chinese_outside_quotes(html: str) -> list[str]:
    """The English report: every CJK character outside quoted source text (elements marked lang="zh")."""
    return [t for t, lang in visible_texts(html) if lang != "zh" and CJK.search(t)]


def cjk_count(html: str) -> int:
    return sum(len(CJK.findall(t)) for t in chinese_outside_quotes(html))


def english_words(html: str) -> list[str]:
    """The Chinese report: Latin words outside quotations, file names, proper names and abbreviations."""
    words = []
    for text, lang in visible_texts(html):
        if lang == "en":
            continue
        text = FILE_NAME.sub(" ", text)
        words += [w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN]
    return words


# ----------------------------------------------------------------------------- PDF pages

@dataclass
class Element:
    kind: str
    pages: set[int] = field(default_factory=set)
    header_row: bool = False


def pdf_pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(pdf)).pages)


PAINTING = {b"Tj", b"TJ", b"'", b'"', b"Do", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"sh", b"BI",
            b"INLINE IMAGE"}


def painted_mcids(page) -> set[int]:
    """The marked-content ids of a page that paint something. Chromium may leave an empty piece of a block
    (BT ET, nothing shown) on the page before the one the block was moved to; it is not a split."""
    from pypdf.generic import ContentStream
    painted: set[int] = set()
    stack: list[int | None] = []
    contents = page.get_contents()
    if contents is None:
        return painted
    for operands, op in ContentStream(contents, page.pdf).operations:
        if op in (b"BDC", b"BMC"):
            props = operands[1] if op == b"BDC" and len(operands) > 1 else None
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == b"EMC":
            if stack:
                stack.pop()
        elif op in PAINTING:
            painted.update(m for m in stack if m is not None)
    return painted


def pdf_elements(pdf: Path) -> list[Element]:
    """The tagged PDF's structure elements in reading order, each with the pages its painted content lies on."""
    from pypdf import PdfReader
    reader = PdfReader(str(pdf))
    page_of = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    painted = {i + 1: painted_mcids(p) for i, p in enumerate(reader.pages)}
    out: list[Element] = []

    def walk(node, page):
        node = node.get_object()
        if "/Pg" in node:
            page = page_of.get(node.raw_get("/Pg").idnum, page)
        kind = str(node.get("/S", ""))[1:]
        element = Element(kind) if kind else None
        if element is not None:
            out.append(element)
        pages = set()
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else ([] if kids is None else [kids])
        for k in kids:
            if isinstance(k, int):
                if k in painted.get(page, ()):
                    pages.add(page)
                continue
            k = k.get_object()
            if k.get("/Type") == "/MCR":
                on = page_of.get(k.raw_get("/Pg").idnum, page) if "/Pg" in k else page
                if int(k["/MCID"]) in painted.get(on, ()):
                    pages.add(on)
            elif "/S" in k:
                pages |= walk(k, page)
        if element is not None:
            element.pages = pages
            if kind == "TR":
                element.header_row = all(str(c.get_object().get("/S")) == "/TH" for c in kids
                                         if not isinstance(c, int) and "/S" in c.get_object())
        return pages

    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return out


NO_SPLIT = ("Figure", "TR", "Caption", "LI", "P", "H1", "H2", "H3")


def split_elements(elements: list[Element]) -> list[Element]:
    """Figures, table rows (not the header row a long table repeats), captions, list items, paragraphs
    (legends, notes) and headings whose content lies on more than one page."""
    return [e for e in elements if e.kind in NO_SPLIT and not e.header_row and len(e.pages) > 1]


def headings_at_page_foot(elements: list[Element]) -> list[int]:
    """Pages that end with a heading: the content after the heading starts on a later page."""
    blocks = [e for e in elements if e.pages and e.kind in ("H1", "H2", "H3", "P", "L", "Table", "Figure")]
    out = []
    for i, e in enumerate(blocks[:-1]):
        if e.kind in ("H2", "H3") and min(blocks[i + 1].pages) > max(e.pages):
            out.append(max(e.pages))
    return out


def chapter_starts(elements: list[Element]) -> set[int]:
    return {min(e.pages) for e in elements if e.kind == "H2" and e.pages}


def page_fill(pdf: Path, dpi: int = 20) -> list[float]:
    """How full each page is: the lowest printed row above the footer, as a share of the printable height."""
    import io

    from PIL import Image
    fills = []
    n = pdf_pages(pdf)
    for page in range(1, n + 1):
        png = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf)],
                             capture_output=True, check=True).stdout
        im = Image.open(io.BytesIO(png)).convert("L")
        w, h = im.size
        top, bottom = int(h * 14 / 297), int(h * (297 - 16) / 297)   # the @page margins (mm)
        px = im.load()
        last = top
        for y in range(top, bottom):
            if any(px[x, y] < 200 for x in range(0, w, 2)):
                last = y
        fills.append((last - top) / (bottom - top))
    return fills


def underfull_pages(pdf: Path, elements: list[Element]) -> list[int]:
    """Pages less than a third full that do not end a chapter (the next page does not start one) and are
    not the last page."""
    fills = page_fill(pdf)
    starts = chapter_starts(elements)
    return [i + 1 for i, f in enumerate(fills) if f < 1 / 3 and i + 1 < len(fills) and (i + 2) not in starts]


# ----------------------------------------------------------------------------- the phone

MIN_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('style,script,title')) continue;
    if (!el.getClientRects().length) continue;                 // not displayed (a closed fold, display:none)
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      size *= Math.sqrt(m.a * m.a + m.b * m.b);                // the figure's scale on the page
    }
    out.push([Math.round(size * 100) / 100, node.textContent.trim().slice(0, 30)]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return out.slice(0, 5);
}"""


def browser():
    from playwright.sync_api import sync_playwright

    from helpers.report import render
    manager = sync_playwright().start()
    b = manager.chromium.launch(executable_path=render.find_chromium(), args=render.chromium_args([])[2:])
    return manager, b


def phone_measure(page_handle) -> dict:
    """On a page loaded at phone width: screens, sideways overflow, smallest text (CSS px, figures included)."""
    height, width, inner = page_handle.evaluate(
        "() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth, window.innerWidth]")
    smallest = page_handle.evaluate(MIN_TEXT_JS)
    return {"screens": height / PHONE["height"], "overflow": width - inner, "smallest": smallest}
