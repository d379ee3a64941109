"""A web page (.html, .htm) as a Document: the county site's page with the plan, saved from the browser.

The page is decoded by the charset it declares (a GB2312 or GBK declaration read as the browser reads it: GB18030,
its superset, with a lone byte 0x80 as €: 〇 and —— are not GB2312, and sites that declare gb2312 write them),
never by guessing while a declaration is there; a declaration the bytes contradict is an error, not garbage. Tables
are read with rowspan and colspan expanded; a layout table (the site's frame around the article, holding other
tables) is read as the page it holds.

What the page's style hides from its reader, and text in the colour of what is behind it, is not read (styles.py);
its style sheets are read from files beside it, never from the web (LinkedSheets).

Places: the source line of each paragraph and table cell (第12行), as a text editor or the browser's "view
source" numbers them.
"""
from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path

from helpers.core.errors import InputError, refuse_special_file
from helpers.core.limits import MAX_STYLESHEET_BYTES, WEB_PAGE, check_size, too_large
from helpers.core.values import as_subscript, as_superscript
from helpers.extract.documents.cover import Line, cover, table_lines
from helpers.extract.documents.footnotes import tie_notes_below
from helpers.extract.documents.markup import UnsureMarkup, as_browsers_parse
from helpers.extract.documents.model import (
    MAX_GRID_POSITIONS,
    AttachedNote,
    Document,
    Grid,
    GridCell,
    GridTooLarge,
    LinkedFile,
    Paragraph,
    Place,
    expand,
    join_lines,
)

DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "x-euc-cn", "csgb2312"}
# The labels a browser reads a page by (the WHATWG Encoding standard's, for the encodings a plan's page is written
# in), with the codec each is read in. Another label is not read by Python's codec of that name: a browser ignores
# it (utf-7, unicode_escape) or shows nothing (hz-gb-2312), and Python's codec of the name would turn "+AC0ALQA+-"
# into "-->" and end a comment early (read 120 where Chromium shows 20, redteam12).
BROWSER_CHARSETS = {**{label: "gb18030" for label in GB},
                    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8"), "utf-8"),
                    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5"),
                    **dict.fromkeys(("us-ascii", "ascii", "iso-8859-1", "latin1", "l1", "windows-1252", "cp1252",
                                     "iso_8859-1", "x-cp1252", "ansi_x3.4-1968", "cp819", "ibm819"), "cp1252")}


def _lone_0x80_is_euro(exc: UnicodeError) -> tuple[str, int]:
    """WHATWG's gbk and gb18030 decoders, which browsers read a GB-family page with, are GB18030 with one byte
    more: 0x80 standing alone (never a lead byte in GB18030) is €, as in Windows' code page 936. Python's gb18030
    codec refuses it, and a GBK page showing a € stopped as "not gbk", with advice that could not be followed."""
    if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start] == 0x80:
        return "\u20ac", exc.start + 1
    raise exc


codecs.register_error("helpers.web.gbk", _lone_0x80_is_euro)


def as_browser_reads(raw: bytes, charset: str) -> str:
    """The bytes decoded in `charset` (a value of BROWSER_CHARSETS, or utf-8-sig) as a browser decodes them, except
    that a byte the browser would show as � stops (UnicodeDecodeError) rather than be read."""
    return raw.decode(charset, "helpers.web.gbk" if charset == "gb18030" else "strict")


BLOCKS = {"address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
          "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
          "pre", "section", "table", "ul", "br", "tr", "td", "th", "tbody", "thead", "tfoot", "caption"}
# Text-level elements: struck through, or raised and lowered, they are read as the browser shows them.
INLINE = {"span", "font", "sup", "sub", "small", "b", "strong", "i", "em", "u", "s", "a", "ins", "label", "code",
          "del", "strike"}
STRUCK = {"s", "del", "strike"}
SKIPPED = {"script", "style", "head", "noscript", "template", "iframe", "svg", "object", "select", "button",
           "textarea"}
# A plan's page, saved from the browser, is some 50-500 kB and a few thousand elements, inline styles and the site's
# menus included. Reading costs about 0.1 ms of processor time an element (Python's HTML parser and the walk),
# so the caps keep any page read within about three seconds on a loaded machine (measured: tests/extract/
# test_web_pages.py); a 19 MB page once took 62 s. (Its size in bytes: MAX_PAGE_BYTES in helpers.core.limits.)
MAX_PAGE_ELEMENTS = 20_000
START_TAG = re.compile(rb"<[A-Za-z]")
NAMES = {"utf-8": "UTF-8", "gb18030": "GBK (GB18030)"}
FIX_CHARSET = ("correct the declaration in that line to the page's real encoding (charset={real}), then run `make "
               "manifest`; or save the page again from the browser (File → Save Page As…, Web page, HTML only).")


def read_html(path: Path) -> Document:
    from bs4 import BeautifulSoup
    check_size(path, WEB_PAGE)
    raw = path.read_bytes()
    _not_too_large(path, raw)
    text, charset = decode(path, raw)
    try:
        markup, passed_over = as_browsers_parse(text)
    except UnsureMarkup as unsure:
        raise InputError(path, unsure.line, f"{unsure.what}: what the browser shows of the page cannot be told",
                         UNSURE_FIX) from None
    # (of an attribute written twice on a tag the browser keeps the first: html.parser kept the last)
    soup = BeautifulSoup(close_cells(markup, passed_over), "html.parser",
                         on_duplicate_attribute="ignore", string_containers=_string_kinds())
    title = soup.head.find("title") if soup.head else None   # (the page's, not a drawing's <title>)
    title_marks = [(f"<title>, line {title.sourceline}", title.get_text(" ", strip=True))] if title else []
    reader = _PageReader()
    sheets = LinkedSheets(path)
    try:
        if "<![" in text:
            _drop_cdata(soup)
        shadow = _shadow_roots(path, soup) if SHADOW_ROOT.search(text) else []
        drawing = SVG.search(text) is not None
        if drawing:
            _not_drawn(soup)
            _no_table_in_a_drawing(path, soup)
        directed = DIR_ATTRIBUTE.search(text) is not None
        hidden, reader.sizes, reader.media_doubts = _hide(path, soup, sheets, directed)
        shown_instead = _shown_instead(soup) if SHOWN_INSTEAD.search(text) else []
        for host, cell, why in shadow + (_drawn_text(soup) if drawing else []) + shown_instead:
            if not host.decomposed:           # (an element the page's style hides shows nothing either way)
                reader.media_doubts.setdefault(id(cell), why)
        reader.footnotes = _footnotes(soup)       # (before _as_shown writes a <sup> mark as text: its link goes)
        struck = _as_shown(soup)
        reader.walk(soup.body or soup)
    except GridTooLarge:
        raise InputError(path, None, f"a table of the web page merges its cells (rowspan, colspan) over more than "
                         f"{MAX_GRID_POSITIONS:,} positions, which no plan's table does (some 300)",
                         TOO_LARGE_FIX) from None
    except RecursionError:
        raise InputError(path, None, "the web page nests its elements thousands deep, which no plan's page does",
                         "check that this is the plan's page; open it in the browser and print it to PDF (File → "
                         "Print → Save as PDF), and name the PDF in config/sources.yaml.") from None
    reader.flush()
    if sheets.unread:
        _nothing_it_could_hide_matters(path, soup, sheets)
    document = Document(path, "html", reader.paragraphs, reader.grids, encoding=charset,
                        also_big5=_also_big5(raw, charset), outer_grids=reader.outer_grids, title_marks=title_marks,
                        cover=cover(reader.lines),
                        struck=struck, hidden=hidden,
                        unread_stylesheets=[(href, line) for href, line, _ in sheets.unread],
                        linked_files=list(sheets.read.values()))
    tie_notes_below(document)       # a cell's mark that links nowhere: the note under the table starting with it
    return document


TOO_LARGE_FIX = WEB_PAGE.fix


def _not_too_large(path: Path, raw: bytes) -> None:
    """Refused before it is parsed: a page with more than MAX_PAGE_ELEMENTS elements (the line where it passes the
    limit named: that is where the bulk begins). (One past its size was refused before it was read: check_size.)"""
    count = 0
    for tag in START_TAG.finditer(raw):
        count += 1
        if count > MAX_PAGE_ELEMENTS:
            total = count + len(START_TAG.findall(raw, tag.end()))
            raise InputError(path, raw.count(b"\n", 0, tag.start()) + 1,
                             f"the web page has {total:,} elements (tags), far more than a plan's page (a few "
                             f"thousand; the limit is {MAX_PAGE_ELEMENTS:,}, MAX_PAGE_ELEMENTS in "
                             "helpers.extract.documents.web): it passes the limit at this line", TOO_LARGE_FIX)


UNSURE_FIX = ("open the page in the browser and print it to PDF (File → Print → Save as PDF), which keeps only what "
              "the browser shows; name the PDF in config/sources.yaml and run `make manifest`.")


DIR_ATTRIBUTE = re.compile(r"\sdir\s*=", re.IGNORECASE)


def _hide(path: Path, soup, sheets: LinkedSheets, directed: bool = False) -> tuple[int, dict, dict]:
    """What the page's style hides (helpers.extract.documents.styles) is not read: `2<span class="hide">9</span>0`
    shows 20, and was read as 290; nor is text in the colour of what is behind it (`2<span style="color:#fff">9
    </span>0`, white on the white page). Counted for the cleaning log (the pieces that held text). A hidden table
    cell is refused: the browser shows the row's later cells one column to the left, under other headers. Also
    each element's font size (PageStyle.font_sizes), by its id: found before anything is taken out, and no element
    is made after (_as_shown puts text in place of an element), so no id it holds is taken by another element.
    The page is read as a desktop's screen shows it; a table cell another device shows otherwise is in doubt
    (_media_doubts, by the cell's id), and so is one whose text the page's style may move out of its place
    (_layout_doubts; `directed`: the page writes a dir attribute), and so is one whose figure stands in pieces in
    separate elements where a rule's :is() or :where() holds an item this reader cannot match (PageStyle.unmatched:
    `:is(.h, :nonsense-x)` is read as `:is(.h)`, as Chromium 156 reads it; what a browser that knows the item hides
    by it is not told)."""
    from helpers.extract.documents.styles import PageStyle, UnsureStyle
    try:
        style = PageStyle(soup, sheets.load)
        hidden = style.hidden_elements()
        unseen = style.unseen_text(hidden, SKIPPED)
        sizes = style.font_sizes()
        doubts = (_layout_doubts(soup, style, hidden, unseen, directed) | _unsure_doubts(soup, style, hidden, unseen)
                  | _first_doubts(soup, style, hidden, unseen, sizes)
                  | _media_doubts(soup, style, hidden, unseen, sizes))
    except UnsureStyle as unsure:
        raise InputError(path, unsure.line, f"{unsure.what}: what the browser shows of the page cannot be told",
                         UNSURE_FIX) from None
    count = 0
    for element in hidden:
        text = element.get_text().strip()
        if element.name in ("td", "th") and text:
            raise InputError(path, element.sourceline or 1, f"a table cell ('{text[:20]}') is hidden by the page's "
                             "style (display: none, visibility: hidden, …) or its hidden attribute: the browser "
                             "shows that row's cells shifted under other headers, or leaves a gap", UNSURE_FIX)
        count += bool(text)
        element.decompose()
    for text in unseen:
        text.extract()
    found = soup.find_all(NEVER_SHOWN + NOT_TEXT_IN_A_CELL)     # (one walk for both)
    for element in found:
        if element.name in NEVER_SHOWN:        # their text is no page text, in a table cell too
            element.decompose()
    for element in found:
        if element.name in NOT_TEXT_IN_A_CELL and not element.decomposed:
            _not_in_a_cell(path, element)
    if style.unmatched:
        line, selector, item = style.unmatched[0]
        for cell in soup.find_all(("td", "th")):
            if id(cell) not in doubts and _in_pieces(cell):
                doubts[id(cell)] = (f"the rule '{selector[:60]}' (line {line}) is read without '{item[:40]}', an "
                                    "item of its list this reader cannot match (Chromium 156 leaves out one it does "
                                    "not know): where a browser matches it, the rule may hide or change any of the "
                                    "pieces in separate elements its figure is made of")
    return count + len(unseen), sizes, doubts


def _not_in_a_cell(path: Path, element) -> None:
    """A drop-down list, or content from another file, in a table cell stops the run with the cell named (the
    browser's print, rendered: a <select> of 14 and 99 shows 14, and was read 1499; an <object> whose file
    loads shows that file's text, its fallback only when it does not)."""
    cell = element.find_parent(("td", "th"))
    if cell is None:
        return
    if element.name == "select":
        options = [o.get_text().strip() for o in element.find_all("option")]
        what = (f"a drop-down list (<select>, its options {', '.join(map(repr, options[:4]))}): the browser shows "
                "one of them, or several in a list box, and which cannot be told for sure here")
    else:
        what = (f"an <{element.name}> element, which the browser fills with another file's content (or, where that "
                "file cannot be loaded, with the text written inside it): what it shows cannot be told here")
    raise InputError(path, cell.sourceline or 1, f"a table cell holds {what}", UNSURE_FIX)


# Elements a declarative shadow root attaches to (DOM's "attach a shadow root"), and a custom element's name
# (my-cell); in any other (a <td>, a <b>) a <template shadowrootmode> stays a template, never shown.
SHADOW_HOSTS = {"article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                "header", "main", "nav", "p", "section", "span"}
CUSTOM_ELEMENT = re.compile(r"[a-z][^\sA-Z]*-[^\sA-Z]*")
NOT_CUSTOM = {"annotation-xml", "color-profile", "font-face", "font-face-src", "font-face-uri", "font-face-format",
              "font-face-name", "missing-glyph"}
SHADOW_ROOT = re.compile(r"shadowrootmode", re.IGNORECASE)


def _shadow_roots(path: Path, soup) -> list[tuple]:
    """A declarative shadow root (`<span><template shadowrootmode="open">20左右</template>120左右</span>`) is shown in
    place of its host's own text (the light DOM), which only the shadow root's <slot>s show: Chromium shows 20左右,
    and it was read 120. The page is made what the browser shows where the reader can be sure, before its style is
    read: a shadow root of text alone (its text in place of the host's), of one plain <slot> (the host's text, but an
    element assigned to another slot), or of no text and no slot (the host shows no text). A shadow root holding no
    text, and whose host holds none, shows none. Any other (elements the page's rules do not reach, a style of its
    own, named slots, a slot's own text) is not worked out: in a table cell it is the cell's doubt, (host, cell,
    why) in the list returned; elsewhere the run stops at its line. A <template shadowrootmode> that attaches
    nothing (another mode, the host already has one, a host that takes none, inside a template) stays inert."""
    from bs4 import Comment, NavigableString, Tag

    from helpers.extract.documents.styles import INERT
    doubts = []
    for template in soup.find_all("template", attrs={"shadowrootmode": True}):
        host = template.parent
        if template.decomposed or host is None or not _attaches(template, host) or \
                any(parent.name in INERT for parent in host.parents):
            continue
        light = [child for child in host.children if child is not template and not isinstance(child, Comment)]
        light_text = "".join(child.get_text() if isinstance(child, Tag) else str(child) for child in light).strip()
        shadow_text = template.get_text().strip()
        elements = template.find_all(True)
        plain = not template.find(["style", "link"])
        if not light_text and not shadow_text:
            template.decompose()        # (nothing to read, whichever is shown)
        elif plain and not elements:                                    # text alone: shown in place of the host's
            for child in light:
                child.decompose() if isinstance(child, Tag) else child.extract()
            template.replace_with(NavigableString(template.get_text()))
        elif plain and not shadow_text and not any(e.name == "slot" or e.name not in INLINE | BLOCKS
                                                   for e in elements):
            for child in light:                                         # no slot: the host's text never shown
                child.decompose() if isinstance(child, Tag) else child.extract()
            template.decompose()
        elif plain and not shadow_text and len(elements) == 1 and elements[0].name == "slot" and \
                not str(elements[0].get("name", "")).strip() and not set(elements[0].attrs) - {"name"}:
            for child in light:                                         # one plain slot: the host's text shown,
                if isinstance(child, Tag) and str(child.get("slot", "")).strip():    # but for another slot's
                    child.decompose()
            template.decompose()
        else:
            what = (f"the browser shows its content ('{shadow_text[:20]}') in place of the text written in the "
                    f"<{host.name}> ('{light_text[:20]}'), but for what its slots show, styled by its own rules and "
                    "not the page's, which this reader does not work out")
            cell = host.find_parent(("td", "th"))
            line = template.sourceline or 1
            if cell is None:
                raise InputError(path, line, f"a declarative shadow root (<template shadowrootmode> in a "
                                 f"<{host.name}>): {what}", UNSURE_FIX)
            # the cell read as both texts, which the analyst's reading names it by (its style left out)
            template.replace_with(NavigableString(template.get_text()))
            doubts.append((host, cell, f"it holds a declarative shadow root (<template shadowrootmode> in a "
                                       f"<{host.name}> at line {line}): {what}"))
    return doubts


SVG = re.compile(r"<svg", re.IGNORECASE)
# What a drawing holds that it never draws: its description, title and metadata.
NOT_DRAWN = ["desc", "title", "metadata"]


def _not_drawn(soup) -> None:
    """Text in a drawing (<svg>) that it never draws is not read: its <desc>, <title> and <metadata>, and text
    outside a <text> or <foreignObject> (`<svg><g>1</g></svg>`). Chromium prints `<svg width="20" height="20"><desc>1
    </desc></svg>20左右` as 20左右, and it was read 120. (A drawing's <style> is applied, and kept.)"""
    for svg in soup.find_all("svg"):
        if svg.decomposed:
            continue
        for element in svg.find_all(NOT_DRAWN):
            if not element.decomposed:
                element.decompose()
        for text in svg.find_all(string=True):
            parent = text.parent
            while parent is not svg and parent.name not in ("text", "foreignobject", "style", "script"):
                parent = parent.parent
            if parent is svg:
                text.extract()


def _no_table_in_a_drawing(path: Path, soup) -> None:
    """A table inside a drawing's <foreignObject> (where a drawing holds HTML) is refused: the browser draws it
    inside the drawing, where and if the drawing's size lets it, and the reader passes over drawings. A copy of the
    plan's table there, before the real one, is printed by Chromium at 600×600 pixels, and not at 0×0; it was read
    as no table, and the real one's 20左右 taken with no word."""
    for frame in soup.find_all("foreignobject"):
        table, drawing = frame.find("table"), frame.find_parent("svg")
        if table is not None and drawing is not None:
            raise InputError(path, table.sourceline or 1, "a table stands inside a drawing's <foreignObject> (the "
                             f"<svg> at line {drawing.sourceline or 1}): the browser draws it inside the drawing, "
                             "where and if the drawing's size and coordinates let it, which is not worked out here",
                             UNSURE_FIX)


def _drawn_text(soup) -> list[tuple]:
    """A table cell holding a drawing (<svg>) with text in it (in a <text> or <foreignObject>) is in doubt: whether
    and where the text is drawn (the drawing's size, its viewBox, the text's coordinates, a <use> that draws it
    again) is not worked out. `<svg width="0" height="0"><foreignObject>1</foreignObject></svg>20左右` shows 20左右
    (a drawing of no size draws nothing), and was read 120; `<svg width="20" height="20"><text y="15">1</text></svg>
    20左右` shows 120左右. (drawing, cell, why) for each; a drawing with no text (an icon) is no doubt."""
    found = []
    for svg in soup.find_all("svg"):
        text = svg.get_text().strip()
        cell = svg.find_parent(("td", "th")) if text else None
        if cell is not None:
            found.append((svg, cell, f"it holds a drawing (<svg> at line {svg.sourceline or 1}) with text in it "
                                     f"('{text[:20]}'), which the browser draws where the drawing's size and "
                                     "coordinates put it, or not at all (a drawing of no size, text outside its "
                                     "view): what the cell shows cannot be told here"))
    return found


SHOWN_INSTEAD = re.compile(r"<(img|input|textarea)\b", re.IGNORECASE)
# Inputs that show no text of their own.
NO_TEXT_INPUTS = {"hidden", "checkbox", "radio", "file", "image", "range", "color"}


def _shown_instead(soup) -> list[tuple]:
    """A table cell holding an image with a text for when it cannot be loaded (`<img src="…" alt="1">`), or a form's
    box showing a text (`<input value="1">`), with a digit in the cell, is in doubt: the browser shows that text
    beside the cell's own, which is not read. A page saved as "HTML only" has none of its images, and Chromium prints
    `<img src="missing.png" alt="1">20左右` as 120左右 (read 20); where the image is there, its picture is shown
    instead, which no reader of text reads. (element, cell, why) for each."""
    found = []
    for element in soup.find_all(("img", "input", "textarea")):
        if element.name == "img":
            text = str(element.get("alt", "")).strip()
        elif element.name == "textarea":
            text = element.get_text().strip() or str(element.get("placeholder", "")).strip()
        elif str(element.get("type", "text")).strip().lower() in NO_TEXT_INPUTS:
            continue
        else:
            text = str(element.get("value", "") or element.get("placeholder", "")).strip()
        cell = element.find_parent(("td", "th")) if text else None
        if cell is None or not DIGIT.search(cell.get_text() + text):
            continue
        what = (f"an image (<img> at line {element.sourceline or 1}) whose text ('{text[:20]}') the browser shows "
                "where its file cannot be loaded, and its picture where it can" if element.name == "img" else
                f"a form's box (<{element.name}> at line {element.sourceline or 1}) showing the text '{text[:20]}'")
        found.append((element, cell, f"it holds {what}, beside the text written in the cell: what the cell shows "
                                     "cannot be told here"))
    return found


def _attaches(template, host) -> bool:
    """Whether the <template shadowrootmode> attaches a shadow root to its parent, the `host`: the mode open or
    closed, a host that takes one, and the host's first such template (a second stays a template)."""
    def attaching(tag) -> bool:
        return str(tag.get("shadowrootmode", "")).strip().lower() in ("open", "closed")
    if not attaching(template) or not (host.name in SHADOW_HOSTS or (
            CUSTOM_ELEMENT.fullmatch(host.name) and host.name not in NOT_CUSTOM)):
        return False
    return next(tag for tag in host.find_all("template", recursive=False) if attaching(tag)) is template


def _drop_cdata(soup) -> None:
    """A CDATA section (<![CDATA[1]]>) outside SVG and MathML is a comment to the browser, never shown:
    <![CDATA[1]]>14 shows 14 (Chromium's print), and was read 114."""
    from bs4.element import CData
    for text in soup.find_all(string=lambda t: isinstance(t, CData)):
        if not any(parent.name in ("svg", "math") for parent in text.parents):
            text.extract()


# How many devices a page's style is read on at most, and how many elements in all (each device's reading of the
# elements in and around the cells that matter): past this its media queries are too many to follow in seconds
# (some 30 µs an element; a plan's table of 200 such cells and Bootstrap's breakpoints, print and dark mode read
# on 17 devices, is some 20,000; a page sizing its text at 13 breakpoints, with print and dark mode, 36 devices).
MAX_MEDIA = 64
MAX_MEDIA_WORK = 60_000


def _media_doubts(soup, style, hidden: list, unseen: list, sizes: dict) -> dict[int, str]:
    """Why each table cell (by its id) may read otherwise on another device than on a desktop's screen: a rule
    inside a media query (`@media (max-width: 600px)`, `@media print`, `@media (prefers-color-scheme: dark)`, a
    <style media>) or a size in viewport units (vw …) that hides a digit of its figure, shows one, or sets one
    smaller, on some device and not on the other (media.devices: a phone, print, dark mode …). `2<span class="n">
    9</span>0` with `@media (min-width: 800px) {.n {display: none}}` shows 20 on a desktop and 290 on a phone.
    A cell shown on one device and not at all on another (a column or a table left out on a phone) reads the same
    wherever it is shown, and is no doubt; so does a cell whose text is one piece. Each other device costs one more
    reading of the page's style around the cells (the cells, what they hold, the elements they are in), and only a
    page whose style tells devices apart there pays it."""
    from bs4 import NavigableString
    if not style.may_differ_by_device():
        return {}
    cells = [cell for cell in soup.find_all(("td", "th")) if DIGIT.search(cell.get_text()) and
             sum(1 for text in cell.find_all(string=True) if type(text) is NavigableString and text.strip()) > 1]
    if not cells:       # (a cell of one piece of text is shown whole or not at all: it reads alike where shown)
        return {}
    wanted = {id(element) for cell in cells for element in (cell, *cell.find_all(True), *cell.parents)}
    around = [element for element in soup.find_all(True) if id(element) in wanted]     # (in document order)
    others = style.other_media(around)
    if not others:
        return {}
    if len(others) >= MAX_MEDIA or len(others) * len(around) > MAX_MEDIA_WORK:
        from helpers.extract.documents.styles import UnsureStyle
        raise UnsureStyle(cells[0].sourceline or 1, f"the page's style may show its tables' {len(cells):,} cells of "
                          f"figures in pieces otherwise on {len(others) + 1} kinds of device (by its media queries), "
                          "more than this reader follows")
    cascade = style.cascade
    writes = cascade.generating and any(rule.declaration.media for rule in cascade.rules
                                        if rule.property.startswith(("before:", "after:")))
    made = (cascade.generated, cascade.inserted) if writes else None     # (::before text that differs by device)
    first = {id(cell): _reading(cell, _ids(hidden), _ids(unseen), sizes, made) for cell in cells}
    doubts: dict[int, str] = {}
    from helpers.extract.documents.media import PRIMARY, Medium
    for medium in others:
        style.use(medium)
        hidden_there = style.hidden_elements(around)
        unseen_there = _ids(style.unseen_text(hidden_there, SKIPPED, around))
        sizes_there = style.font_sizes(around)
        hidden_there = _ids(hidden_there)
        for cell in cells:
            if id(cell) in doubts:
                continue
            here, there = first[id(cell)], _reading(cell, hidden_there, unseen_there, sizes_there, made)
            if here is None or there is None or here == there:
                continue
            elements = [cell, *cell.find_all(True), *cell.parents]
            shown = lambda reading: f"'{reading[0][:30]}'" + (" (a digit set smaller)" if reading[1] else "")  # noqa
            elsewhere = "in another browser" if medium == Medium(unknown=medium.unknown) else "on another device"
            doubts[id(cell)] = (f"the page's style shows it otherwise {elsewhere}: {shown(there)} "
                                f"{medium.describe()}, by {style.rule_for(elements, medium)}, where a desktop's "
                                f"screen ({PRIMARY.width:g} px wide) shows {shown(here)}")
    style.use(PRIMARY)
    return doubts


DIGIT = re.compile(r"[0-9０-９]")


def _unsure_doubts(soup, style, hidden: list, unseen: list) -> dict[int, str]:
    """Why each table cell (by its id) with a digit may show otherwise than it is read: a piece of its text is
    hidden, drawn unseen or moved out of sight, or not, by a declaration whose value this reader cannot work out
    (PageStyle.unsure: `.h {display: var(--d)}` where --d is set by an @property, `color: Canvas`, `filter:
    brightness(0) invert(1)`, `transform: rotateX(90deg)`). `<span class="h">1</span>20左右` shows 20左右 in
    Chromium with each of these, and was read 120. As a size this reader cannot work out (_doubt), it is a doubt
    at the cell, refused where the cell's figure is read."""
    from bs4 import NavigableString
    reasons = style.unsure(hidden, SKIPPED)
    if not reasons:
        return {}
    unseen_ids = _ids(unseen)
    doubts: dict[int, str] = {}
    for cell in soup.find_all(("td", "th")):
        if not DIGIT.search(cell.get_text()):
            continue
        for text in cell.find_all(string=True):
            why = reasons.get(id(text.parent)) if type(text) is NavigableString and text.strip() and \
                id(text) not in unseen_ids else None
            if why:
                doubts[id(cell)] = f"whether the browser shows '{text.strip()[:20]}' cannot be told: {why}"
                break
    return doubts


def _first_doubts(soup, style, hidden: list, unseen: list, sizes: dict) -> dict[int, str]:
    """Why each table cell (by its id) with a digit reads otherwise than the browser shows it by a ::first-letter or
    ::first-line rule (PageStyle.drawn_first) of the cell or a block in it: `td::first-letter {font-size: 0}` on
    `120左右` shows 20左右 in Chromium, and was read 120; `td::first-line {color: white}` shows an empty cell. A first
    letter not shown, or set smaller or larger than the digits beside it (model.smaller_digit), and a first line not
    shown, are doubts: which text is on a cell's first line depends on its width, which is not worked out, and the
    first letter is left for the analyst to read as the browser shows it. A header cell (<th>) is judged whatever
    it holds: a letter of it not shown changes which column a reader takes it for (tables.header_roles stops
    there). On each device the rules' media queries tell apart (media.devices), the desktop's screen first."""
    cascade = style.cascade
    if not cascade.drawing_first:
        return {}
    from helpers.extract.documents.media import PRIMARY, devices
    queries = {query.text: query for rule in cascade.rules
               if rule.property.startswith(("first-letter:", "first-line:"))
               for query in cascade.conditions[rule.declaration.media]}
    mediums = devices(list(queries.values())) if queries else [PRIMARY]
    hidden_ids, unseen_ids = _ids(hidden), _ids(unseen)
    cells = [(cell, [element for element in (cell, *cell.find_all(True)) if not _inside(element, cell, hidden_ids)])
             for cell in soup.find_all(("td", "th")) if cell.name == "th" or DIGIT.search(cell.get_text())
             and not any(id(element) in hidden_ids for element in (cell, *cell.parents))]
    doubts: dict[int, str] = {}
    for medium in mediums:
        style.use(medium)
        for cell, shown in cells:
            on = "" if medium == PRIMARY else f" {medium.describe()}"
            why = id(cell) not in doubts and next(
                (doubt for element in shown if (doubt := _first_doubt(cell, element, style, sizes, hidden_ids,
                                                                      unseen_ids, on))), "")
            if why:
                doubts[id(cell)] = why
    style.use(PRIMARY)
    return doubts


def _layout_doubts(soup, style, hidden: list, unseen: list, directed: bool) -> dict[int, str]:
    """Why each table cell (by its id) holding a figure, and each header cell (<th>), may show its text otherwise
    than the page stores it: a declaration of the page's style that may move a piece of it out of its place
    (layout.moves: `<span style="float:right">1</span>20左右` shows 20左右 with the 1 at the cell's right edge,
    and was read 120), unless it is certain to move nothing there (_layout_doubt). On each device the rules'
    media queries tell apart, the desktop's screen first. Nothing is looked at on a page whose style sets none of
    these (styles.MOVING) and writes no dir attribute."""
    from helpers.extract.documents.styles import MOVING
    cascade = style.cascade
    moving = set(MOVING)
    names = {name for found in cascade.matched.values() for name in found}     # (set on some element of the page)
    if not directed and moving.isdisjoint(names):
        return {}
    from helpers.extract.documents.media import PRIMARY, devices
    queries = {query.text: query for rule in cascade.rules if rule.property in moving
               for query in cascade.conditions[rule.declaration.media]}
    mediums = devices(list(queries.values())) if queries else [PRIMARY]
    hidden_ids, unseen_ids = _ids(hidden), _ids(unseen)
    cells = [cell for cell in soup.find_all(("td", "th")) if (cell.name == "th" or DIGIT.search(cell.get_text()))
             and not (hidden_ids and any(id(element) in hidden_ids for element in (cell, *cell.parents)))]
    doubts: dict[int, str] = {}
    for medium in mediums:
        style.use(medium)
        on = "" if medium == PRIMARY else f" {medium.describe()}"
        for cell in cells:
            if id(cell) not in doubts and (why := _layout_doubt(cell, style, hidden_ids, unseen_ids, moving, on,
                                                                 directed or "direction" in names,
                                                                 "letter-spacing" in names)):
                doubts[id(cell)] = why
    style.use(PRIMARY)
    return doubts


def _layout_doubt(cell, style, hidden: set[int], unseen: set[int], moving: set, on: str = "", directed: bool = True,
                  spaced: bool = True) -> str:
    """Why the cell's text may be shown out of its place (_layout_doubts), or "". A move is certain to move
    nothing where (layout.LayoutMove.kind) a float:left holds the cell's first text, a float:right its last,
    another writing direction all of it, and anything else but a margin or indent (which moves what follows) no
    text; right to left, where it holds no digit. `directed`, `spaced`: whether the page sets a direction (or writes a
    dir attribute) and a letter spacing anywhere; where not, none is looked for around the cell."""
    from bs4 import Tag

    from helpers.extract.documents.layout import LayoutMove, moves, right_to_left
    cascade = style.cascade
    elements = [cell, *(element for element in _own_elements(cell)
                        if not (hidden and _inside(element, cell, hidden)))]
    rows = []
    for parent in cell.parents:
        if not isinstance(parent, Tag) or parent.name == "table":
            break
        rows.append(parent)
    found = [move for element in (*elements, *rows) if element is cell or "display" in (
             matched := cascade._matched(element)) or not moving.isdisjoint(matched)
             for move in moves(cascade, element, cell, spaced)]
    for element in elements if directed else ():
        if element is cell or "direction" in cascade._matched(element) or element.has_attr("dir"):
            rtl = right_to_left(cascade, element)
            if rtl is not None and (element is cell or rtl[0] is element):
                found.append(LayoutMove(rtl[0], "direction", rtl[2], "rtl", "sets '{}' right to left"))
    if not found:
        return ""
    whole = _text_around(cell, cell, hidden, unseen)[1]
    around = {id(cell), *(id(row) for row in rows)}
    for move in found:
        before, inside, after = ("", whole, "") if id(move.element) in around else \
            _text_around(cell, move.element, hidden, unseen)
        if {"float-start": not inside or not before, "float-end": not inside or not after,
                "shift": not (inside or after), "part": not inside or not (before or after),
                "rtl": not DIGIT.search(inside)}.get(move.kind, not inside):
            continue
        return (f"the page's style {move.doing.format((inside or after)[:20])}{on}, by "
                f"{_declared(cascade, move)}: the browser may show it out of the place the page stores it in (the "
                f"text reads '{whole[:30]}')")
    return ""


def _own_elements(cell) -> list:
    """The elements in the cell, not those of a table inside it (whose own cells are judged on their own)."""
    from bs4 import Tag
    out = []
    for child in cell.children:
        if isinstance(child, Tag):
            out.append(child)
            if child.name != "table":
                out += _own_elements(child)
    return out


def _text_around(cell, element, hidden: set[int], unseen: set[int]) -> tuple[str, str, str]:
    """The cell's shown text before the element, in it and after it (spaces taken out), without the `hidden`
    elements and the `unseen` text (ids)."""
    from bs4 import NavigableString
    parts: dict[str, list] = {"before": [], "inside": [], "after": []}
    where = "inside" if element is cell else "before"
    end = None if element is cell else element._last_descendant()
    for node, shown in _shown(cell.descendants, hidden):
        if node is element:
            where = "inside"
        if shown and type(node) is NavigableString and id(node) not in unseen:
            parts[where].append(str(node))
        if node is end or (node is element and end is None):
            where = "after"
    return tuple(re.sub(r"\s+", "", "".join(parts[key])) for key in ("before", "inside", "after"))


def _declared(cascade, move) -> str:
    """The declaration of a layout.LayoutMove as the page writes it, and where."""
    element, declaration = move.element, move.declaration
    if declaration is None:
        return f"the attribute dir=\"rtl\" of its <{element.name}> (line {element.sourceline or 1})"
    written = f"{move.property}: {declaration.value}" + (" !important" if declaration.important else "")
    rule = cascade.rule_of(declaration)
    if rule is None:
        return f"the inline style '{written}' (line {element.sourceline or 1})"
    media = " and ".join(f"@media {query.text}" for query in cascade.conditions[declaration.media])
    return f"the rule '{rule.selector} {{{written}}}'" + (f" inside {media}" if media else "") + f" (line {rule.line})"


def _inside(element, cell, hidden: set[int]) -> bool:
    """Whether the element of the cell is one of the `hidden` elements (ids), or inside one."""
    while element is not cell and id(element) not in hidden:
        element = element.parent
    return id(element) in hidden


def _first_doubt(cell, element, style, sizes: dict, hidden: set[int], unseen: set[int], on: str = "") -> str:
    """Why the cell's text reads otherwise than the browser shows it by a ::first-letter or ::first-line rule of
    the cell or of an element in it (_first_doubts), on the device in use (`on`: how it is named, "" for the
    desktop's screen); or ""."""
    from helpers.extract.documents.model import smaller_digit
    found = [(which, how, share, declaration) for which, how, share, declaration in style.drawn_first(element, sizes)
             if how == "hidden" or which == "first-letter"]
    if not found:
        return ""
    pieces, parents = _pieces(cell, sizes, hidden, unseen)
    inside = {id(element), *(id(each) for each in element.find_all(True))}
    start = next((k for k, parent in enumerate(parents) if parent in inside), len(pieces))
    before = re.sub(r"\s+", "", "".join(piece for piece, _ in pieces[:start]))
    text = re.sub(r"\s+", "", "".join(piece for piece, _ in pieces))
    own = "".join(piece for (piece, _), parent in zip(pieces, parents) if parent in inside or parent is None)
    lines = [re.sub(r"\s+", "", line) for line in own.split("\n") if line.strip()]
    for which, how, share, declaration in found:
        part = _first_letter(text[len(before):]) if which == "first-letter" else lines[0] if lines else ""
        if not part or not (DIGIT.search(text) or cell.name == "th"):
            continue
        rule = style.cascade.rule_of(declaration)
        media = " and ".join(f"@media {query.text}" for query in style.cascade.conditions[declaration.media])
        by = (f"by the rule '{rule.selector} {{{rule.property.split(':', 1)[1]}: {declaration.value}}}'"
              + (f" inside {media}" if media else "") + f" (line {rule.line})")
        after = text[len(before) + len(part):]
        if how == "moved":
            return (f"the page's style moves the first letter of its text ('{part[:30]}') out of its place{on}, "
                    f"{by}: the browser may show it elsewhere (the text reads '{text[:30]}')")
        if how == "hidden":
            return (f"the page's style does not show the {which.replace('-', ' ')} of its text ('{part[:30]}'"
                    + (", or as much of it as the cell's width holds" if which == "first-line" else "")
                    + f"){on}, {by}: the browser shows '{(before + after)[:30]}', and the text reads '{text[:30]}'")
        size = sizes.get(id(element))
        if share is None or size is None:
            return (f"the page's style sets the first letter of its text ('{part[:30]}') at a size this reader "
                    f"cannot work out{on}, {by}")
        smaller = smaller_digit([(before, None), (part, share * size), (after, size)])
        if smaller:
            return f"{smaller} (the first letter of its text, set at {share:.0%} of the size{on} {by})"
    return ""


# Punctuation (Unicode's P classes) a first letter takes in with it, before and after (CSS Pseudo-Elements:
# `(1` and `〔6` are first letters).
PUNCTUATION = re.compile(r"[\u0021-\u0023\u0025-\u002a\u002c-\u002f\u003a\u003b\u003f\u0040\u005b-\u005d\u005f"
                         r"\u007b\u007d\u00a1\u00a7\u00ab\u00b6\u00b7\u00bb\u00bf\u2010-\u2027\u2030-\u205e"
                         r"\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a\uff1b\uff1f\uff3b-\uff3d"
                         r"\uff5b-\uff65]")


def _first_letter(text: str) -> str:
    """The first letter of a text as ::first-letter takes it: the first character with the punctuation before
    and after it ('〔6' of '〔6500〕', '1' of '120左右'); spaces already taken out."""
    at = 0
    while at < len(text) and PUNCTUATION.match(text[at]):
        at += 1
    at += 1
    while at < len(text) and PUNCTUATION.match(text[at]):
        at += 1
    return text[:at] if at <= len(text) else text


def _ids(items: list) -> set[int]:
    return {id(item) for item in items}


def _reading(cell, hidden: set[int], unseen: set[int], sizes: dict, made=None) -> tuple[str, bool] | None:
    """What a cell shows on a device, its text (without spaces) and whether a digit of it is set smaller than the
    digit beside it (_smaller_digit), from what the page's style hides there (the ids of the `hidden` elements and
    the `unseen` text) and its font sizes; None where the cell, or all it holds, is not shown there. With `made`
    (what ::before and ::after write on the device, and the ids of the texts written in for the desktop's screen),
    the text they write there."""
    if any(id(element) in hidden for element in (cell, *cell.parents)):
        return None
    pieces, parents = _pieces(cell, sizes, hidden, unseen, made)
    text = re.sub(r"\s+", "", "".join(piece for piece, _ in pieces))
    if not text:
        return None
    return text, bool(_doubt(pieces, parents))


# Elements whose text the browser never shows: a script's code, a style's rules, what a page shows only where
# scripts are off (<noscript>: the browser's scripts are on) or plug-ins or frames are not (<noembed>, <noframes>), a
# template's content, a <datalist>'s suggestions, the fallback text of a meter, progress bar, canvas, video or audio
# player (which is shown instead), a formula's annotation, and a <title> (the tab's, not the page's). Each rendered
# in a table cell by Chromium: <noembed>1</noembed>14, <datalist><option>99</option></datalist>14,
# <meter>1</meter>4 print 14, 14 and (a bar) 4, and were read 114, 9914 and 14.
NEVER_SHOWN = ["script", "style", "noscript", "template", "noembed", "noframes", "datalist", "meter", "progress",
               "canvas", "video", "audio", "annotation", "annotation-xml", "title"]
# Elements that in a table cell show no text of the page's: a drop-down list (the browser shows one of its options,
# or several), content from another file (an iframe's page, an object's or embed's file; an object's fallback text
# only when its file cannot be loaded): the cell is refused (_not_in_a_cell).
NOT_TEXT_IN_A_CELL = ["select", "object", "iframe", "embed"]


# A style sheet is some 10-300 kB; past MAX_STYLESHEET_BYTES (helpers.core.limits) it is not read (and said so, as a
# sheet that cannot be read).
REMOTE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class LinkedSheets:
    """The style sheets a page links (<link rel="stylesheet">, @import), read only where they are files beside
    the page: in its folder or a folder within it ("Web page, complete" saves them in `<page>_files/`). A web
    address is never fetched, and nothing outside the page's folder is read (a link to ../ or a linked file that
    leads elsewhere). Those that cannot be read are kept in `unread` (href, the page's line, why), for the
    cleaning log and the check that nothing they could hide changes a figure; every file whose bytes were read is
    kept in `read` (a sheet past the size limit or not text too: a new version of it may be read), for the
    checksum manifest and the cleaning log."""

    def __init__(self, page: Path):
        self.folder = page.parent.resolve()
        self.unread: list[tuple[str, int, str]] = []
        self.read: dict[Path, LinkedFile] = {}

    def load(self, href: str, base, line: int):
        """The sheet's text and its folder (the base of its own @import), or None."""
        from urllib.parse import unquote, urlsplit
        if not href:
            return None
        if REMOTE.match(href):
            return self._unread(href, line, "a web address, not fetched")
        relative = unquote(urlsplit(href).path)
        target = ((base or self.folder) / relative.lstrip("/")) if not relative.startswith("/") else None
        if target is None:
            return self._unread(href, line, "a path on the web site, not a file beside the page")
        try:
            found = target.resolve()
        except (OSError, RuntimeError):
            return self._unread(href, line, "not found")
        if not found.is_relative_to(self.folder):
            return self._unread(href, line, "outside the page's folder")
        refuse_special_file(target)
        larger = too_large(found, MAX_STYLESHEET_BYTES)     # (told by its size: such a sheet is never read)
        try:
            raw = b"" if larger else found.read_bytes()
        except OSError:
            return self._unread(href, line, "not found")
        self.read.setdefault(found, LinkedFile(found, href, line))
        if larger:
            return self._unread(href, line, "larger than a style sheet")
        for charset in ("utf-8-sig", "gb18030"):
            try:
                return as_browser_reads(raw, charset), found.parent
            except UnicodeDecodeError:
                continue
        return self._unread(href, line, "not text")

    def _unread(self, href: str, line: int, why: str) -> None:
        self.unread.append((href, line, why))
        return None


DIGIT_END, DIGIT_START = re.compile(r"[0-9.０-９．]$"), re.compile(r"^[0-9.０-９．]")
STYLESHEET_FIX = ("save the page again with its style sheets (in the browser: File → Save Page As…, \"Web page, "
                  "complete\", which saves them in a folder beside the page) and copy the page and that folder into "
                  "data/raw/; or print the page to PDF (File → Print → Save as PDF) and name the PDF in "
                  "config/sources.yaml. Then run `make manifest`.")


def _nothing_it_could_hide_matters(path: Path, soup, sheets: LinkedSheets) -> None:
    """A style sheet that could not be read may hold any rule, and the page's text is read as if it held none (the
    cleaning log says so). Any figure of a table may be changed by one: a rule that hides a piece of it (`2<span
    class="old">9</span>0`), a ::first-letter rule that hides its first digit (`td::first-letter {font-size: 0}`
    shows 120左右 as 20左右, a figure written whole in one piece too), a ::before or ::after rule that writes a
    digit beside it (`td::after {content: "5"}`). So a page whose tables hold a digit is refused, at the first
    table cell that does, with the advice to save the page with its style sheets or print it to PDF."""
    for cell in soup.find_all(("td", "th")):
        text = cell.get_text().strip()
        if DIGIT.search(text):
            href, line, why = sheets.unread[0]
            raise InputError(path, cell.sourceline or 1,
                             f"the page links a style sheet that could not be read ('{href[:80]}' at line {line}: "
                             f"{why}), and the page's tables hold figures that a rule of it may change (this "
                             f"cell: '{text[:20]}'): it may hide a piece of one, hide its first digit "
                             "(::first-letter) or write a digit beside it (::before, ::after): the figures the "
                             "browser shows cannot be told", STYLESHEET_FIX)


def _in_pieces(cell) -> bool:
    """Whether the cell's figure is made of pieces of text in separate elements (`2<span class="old">9</span>0`):
    a rule that hides an element may change it."""
    from bs4 import NavigableString
    from bs4.element import PreformattedString
    pieces = [(text, text.parent) for text in cell.descendants if isinstance(text, NavigableString)
              and not isinstance(text, PreformattedString) and text.strip()]
    return any(parent is not next_parent and DIGIT_END.search(before.strip()) and DIGIT_START.search(after.strip())
               for (before, parent), (after, next_parent) in zip(pieces, pieces[1:]))


def _as_shown(soup) -> int:
    """The page's text as the browser shows it (what its style hides already removed, _hide): a
    raised or lowered note mark (<sup>1</sup>, <sub>, vertical-align: super) is written as superscript or subscript
    digits, which the value parser reads as a mark, never as a digit (15.2 and a raised 1 is 15.2¹, not 15.21).
    Struck-through text (<s>, <del>, line-through), which the page shows as deleted, is dropped and counted: a
    struck 18 before 20 was read as 1820."""
    struck = 0
    # The tags taken out with an element around them, skipped: asking a removed tag (tag.decomposed, tag.parent)
    # makes bs4 search its subtree for a child of that name, which made 10,000 nested <span>s take 96 s.
    gone: set[int] = set()
    for tag in [d for d in soup.descendants if getattr(d, "name", None) in INLINE]:   # (a set: find_all is slower)
        if id(tag) in gone:
            continue
        style = re.sub(r"\s+", "", str(tag.get("style", ""))).lower()
        struck_through = tag.name in STRUCK or "line-through" in style
        raised = tag.name == "sup" or "vertical-align:super" in style
        lowered = tag.name == "sub" or "vertical-align:sub" in style
        if not (struck_through or raised or lowered):
            continue
        gone.update(id(d) for d in tag.descendants)
        if struck_through:
            struck += bool(tag.get_text().strip())
            tag.decompose()
        elif raised:
            tag.replace_with(as_superscript(tag.get_text()))
        else:
            tag.replace_with(as_subscript(tag.get_text()))
    return struck


# A table tag, or a script, style or comment, whose text is passed over.
TABLE_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(/?)(table|thead|tbody|tfoot|tr|td|th)\b[^>]*>",
                       re.IGNORECASE | re.DOTALL)
SECTIONS = ("thead", "tbody", "tfoot")


@cache
def _string_kinds() -> dict:
    """The kind of string each element's text is, for the parser: a <textarea>'s is shown in its box (a form's box,
    _shown_instead), never as the text of the page or of the table cell around it (a cell's get_text leaves it out,
    as it leaves out a script's, a style's and a template's: the parser's own kinds, kept)."""
    from bs4 import NavigableString
    from bs4.builder import HTMLTreeBuilder
    return {**HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS, "textarea": type("BoxText", (NavigableString,), {})}


def close_cells(text: str, passed_over: frozenset[int] = frozenset()) -> str:
    """The page with the end tags HTML lets a page leave out written in: </td>, </th>, </tr> and the table
    sections' (<tr><td>a<td>b is valid HTML, which Python's parser would read as cells nested in cells). Only
    end tags are added, never a line, so every source line stays where it was. The tags at the places
    `passed_over` are no table's (a drawing's <td>: markup.as_browsers_parse)."""
    out, position, open_tags = [], 0, []

    def close(*names) -> str:
        closed = ""
        while open_tags and open_tags[-1] in names:
            closed += f"</{open_tags.pop()}>"
        return closed

    for match in TABLE_TAG.finditer(text):
        if match.group(3) is None or match.start() in passed_over:    # a comment, script or style; a drawing's
            continue
        ending, name = match.group(2) == "/", match.group(3).lower()
        cell, row = ("td", "th"), ("td", "th", "tr")
        if name in cell:
            added = "" if ending else close(*cell)
        elif name == "tr":
            added = close(*cell) if ending else close(*row)
        elif name in SECTIONS:
            added = close(*row) if ending else close(*row, *SECTIONS)
        else:
            added = close(*row, *SECTIONS) if ending else ""
        if ending:
            if open_tags and (open_tags[-1] == name or (name in cell and open_tags[-1] in cell)):
                open_tags.pop()
        else:
            open_tags.append(name)
        out.append(text[position:match.start()] + added + match.group())
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The page's text and the charset it was read in: the byte-order mark, else the declared charset (GB2312
    and GBK read as GB18030), else UTF-8, else GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8"
    found = DECLARED.search(raw[:8192])
    if found is None:
        for charset in ("utf-8", "gb18030"):
            try:
                return as_browser_reads(raw, charset), charset
            except UnicodeDecodeError:
                continue
        raise InputError(path, None, "the web page declares no charset and is neither UTF-8 nor GB18030 text",
                         "open it in the browser it was saved from and save it again (File → Save Page As…, Web "
                         "page, HTML only).")
    declared = found.group(1).decode("ascii").lower()
    line = raw.count(b"\n", 0, found.start()) + 1
    charset = BROWSER_CHARSETS.get(declared)
    if charset is None:
        raise InputError(path, line, f"the web page declares charset={declared}, which is not an encoding a browser "
                         "reads a page in (a browser ignores it or shows nothing)",
                         FIX_CHARSET.format(real=_real(raw) or "utf-8")) from None
    try:
        text = as_browser_reads(raw, charset)
    except UnicodeDecodeError as exc:
        bad = raw.count(b"\n", 0, exc.start) + 1
        real = _real(raw)
        raise InputError(path, line, f"the web page declares charset={declared}, but its text is "
                         f"{NAMES.get(real, f'not {declared}')} (line {bad} cannot be read as {declared})",
                         FIX_CHARSET.format(real=real or "…")) from None
    if charset == "gb18030" and not raw.isascii() and _real(raw) == "utf-8":
        # UTF-8 Chinese also decodes as GB18030, into nonsense: a GBK page is almost never valid UTF-8.
        raise InputError(path, line, f"the web page declares charset={declared}, but its text is UTF-8: read as "
                         f"{declared} it would be garbled", FIX_CHARSET.format(real="utf-8"))
    return text, charset


def _also_big5(raw: bytes, charset: str) -> bool:
    """Whether a page that declares no charset, read as GB18030, is Big5 text as well (traditional Chinese)."""
    if charset != "gb18030" or raw.isascii() or DECLARED.search(raw[:8192]) or raw.startswith(b"\xef\xbb\xbf"):
        return False
    try:
        raw.decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def _real(raw: bytes) -> str:
    for charset in ("utf-8", "gb18030"):
        try:
            as_browser_reads(raw, charset)
            return charset
        except UnicodeDecodeError:
            continue
    return ""


class _PageReader:
    """Walks the body in document order: runs of inline text become paragraphs at each block boundary; a table
    becomes a grid, or is walked into when it only lays out the page (it holds other tables)."""

    def __init__(self):
        self.sizes: dict = {}       # each element's font size (by its id), from the page's style (_hide)
        self.media_doubts: dict = {}    # why a table cell (by its id) reads otherwise on another device (_hide)
        self.footnotes: dict = {}       # the footnotes a table cell (by its id) links its marks to (_footnotes)
        self.paragraphs: list[Paragraph] = []
        self.grids: list[Grid] = []
        self.outer_grids: list[Grid] = []
        self.recent: list[Paragraph] = []
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.in_link = 0                # inside how many <a> the walk is
        self.unlinked = False           # whether the buffer holds text outside a link
        # The page's paragraphs and table cells in order, as the cover reader takes them (documents.cover); not a
        # paragraph that is all links (a site's menu: 首页 政务公开 征求意见), no mark of the page's.
        self.lines: list[Line] = []

    def walk(self, node) -> None:
        from bs4 import Comment, NavigableString, Tag
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if child.strip():
                    if self.buffer_line is None:
                        self.buffer_line = getattr(child.parent, "sourceline", None)
                    self.buffer.append(str(child))
                    self.unlinked = self.unlinked or not self.in_link
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED:
                continue
            if child.name not in BLOCKS:
                if self.buffer_line is None and child.get_text().strip():
                    self.buffer_line = child.sourceline
                link = child.name == "a"
                self.in_link += link
                self.walk(child)
                self.in_link -= link
                continue
            self.flush()
            if child.name == "table" and not child.find("table"):
                self.table(child)
            elif child.name == "table":
                before = self.recent[-3:]
                self.walk(child)
                self.flush()
                # (its grid made after the walk: reading a cell's text writes its line breaks into the tree)
                rows = _rows(child, self.sizes, self.media_doubts, nested=True, footnotes=self.footnotes)
                self.outer_grids.append(Grid(len(self.outer_grids) + 1, rows, before))
            else:
                self.walk(child)
                self.flush()

    def flush(self) -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", join_lines("".join(self.buffer))).strip()
        if text:
            paragraph = Paragraph(text, Place(line=self.buffer_line or 1))
            self.paragraphs.append(paragraph)
            self.recent.append(paragraph)
            if self.unlinked:
                self.lines.append(Line(paragraph.place, paragraph.text))
        self.buffer, self.buffer_line, self.unlinked = [], None, False

    def table(self, table) -> None:
        caption = table.find("caption", recursive=False)
        if caption is not None and caption.get_text().strip():
            # <caption>: the table's title, shown above it (it was not read at all, and the table not found)
            self.buffer, self.buffer_line = [caption.get_text()], caption.sourceline
            self.flush()
        self.grids.append(Grid(len(self.grids) + 1, _rows(table, self.sizes, self.media_doubts,
                                                          footnotes=self.footnotes), self.recent[-3:]))
        # (the site's 信息公开 table above the article, 名称 …（征求意见稿）: the plan's table comes after its title)
        self.lines += table_lines((c.place, c.text) for row in self.grids[-1].rows for c in row if not c.spanned)
        self.recent = []
        self.grids[-1].after = self.recent


def _rows(table, sizes: dict, media_doubts: dict, nested: bool = False,
          footnotes: dict | None = None) -> list[list[GridCell]]:
    """A table's rows (not those of a table inside it, when it is `nested`: holds tables), merged cells expanded;
    each cell with the footnotes its marks link to (`footnotes`, by the cell's id: _footnotes)."""
    rows, lines, marks, notes = [], [], [], []
    for tr in _drawn_order(table, table.find_all("tr")):
        if nested and next(parent for parent in tr.parents if parent.name == "table") is not table:
            continue
        cells = [c for c in tr.children if getattr(c, "name", None) in ("td", "th")]
        doubts = [_smaller_digit(c, sizes) or media_doubts.get(id(c), "")   # (before _cell_text writes the
                  for c in cells]                                           # line breaks in)
        rows.append([(_cell_text(c), _span(c, "rowspan"), _span(c, "colspan")) for c in cells])
        lines.append([c.sourceline or tr.sourceline or 1 for c in cells])
        marks.append([("table" if nested and c.find("table") is not None else "", doubt)
                      for c, doubt in zip(cells, doubts)])
        notes.append([(footnotes or {}).get(id(c), ()) for c in cells])
    expanded = expand(rows)
    line_of = _spread(rows, lines)
    # which positions a cell holding a table covers, and a cell's doubt, expanded like the texts
    holds = expand([[(mark, rs, cs) for (_, rs, cs), (mark, _) in zip(row, row_marks)]
                    for row, row_marks in zip(rows, marks)])
    doubts = expand([[(doubt, rs, cs) for (_, rs, cs), (_, doubt) in zip(row, row_marks)]
                     for row, row_marks in zip(rows, marks)])
    attached = expand([[(found, rs, cs) for (_, rs, cs), found in zip(row, row_notes)]
                       for row, row_notes in zip(rows, notes)])
    return [[GridCell(text, Place(line=line_of[r][c]), spanned, holds[r][c][0] == "table", doubts[r][c][0],
                      attached=attached[r][c][0] or ())
             for c, (text, spanned) in enumerate(row)] for r, row in enumerate(expanded)]


# A footnote's mark as a page writes it in a cell: [1], 1, (1), ［1］, * (Word's Save as Web Page, sites' editors)
FOOTNOTE_MARK = r"[\[［(（〔]?\s*(?:[0-9]{1,3}|[*※†‡])\s*[\]］)）〕]?"
# The blocks a footnote's text is written in, the nearest around the place a mark links to
NOTE_BLOCKS = ["p", "li", "dd", "div"]
MAX_FOOTNOTE_CHARS = 1000     # longer, the place linked to is a section of the page, not a footnote


def _footnotes(soup) -> dict[int, tuple[AttachedNote, ...]]:
    """A web page's footnotes on table cells, by the cell (id): a mark in a cell that links to a place in the page
    outside any table (<a href="#_ftn1">[1]</a>, and the list of notes at the page's end: <p><a name="_ftn1">[1]</a>
    2025年数据为预计数</p>), with the text of the block that place is in, its own mark left out. Unread, such a
    footnote left its figures firm actuals, as a .docx's did (redteam19 finding 1)."""
    found: dict[int, dict[str, AttachedNote]] = {}
    # each place a link can go to, found once (not a search of the page per link): by id, else an <a>'s name
    places: dict[str, object] = {}
    for element in soup.find_all(lambda tag: tag.name == "a" and tag.has_attr("name")):
        places.setdefault(str(element["name"]), element)
    places.update({str(element["id"]): element for element in reversed(soup.find_all(id=True))})
    for link in soup.find_all("a", href=re.compile(r"^#.")):
        cell = link.find_parent(["td", "th"])
        if cell is None or not re.fullmatch(FOOTNOTE_MARK, link.get_text().strip()):
            continue
        name = link["href"][1:]
        target = places.get(name)
        block = None if target is None else target if target.name in NOTE_BLOCKS else target.find_parent(NOTE_BLOCKS)
        if block is None or block.find_parent(["td", "th"]) is not None:
            continue
        text = re.sub(rf"^\s*{FOOTNOTE_MARK}\s*[.、．:：]?\s*", "", re.sub(r"\s+", " ", block.get_text(" ")).strip())
        if text and len(text) <= MAX_FOOTNOTE_CHARS:
            found.setdefault(id(cell), {}).setdefault(name, AttachedNote("footnote", name, text))
    return {cell: tuple(notes.values()) for cell, notes in found.items()}


def _drawn_order(table, rows: list) -> list:
    """A table's rows in the order a browser draws them: its first <thead> at the top and its first <tfoot> at the
    bottom, wherever they are written (HTML allows a <tfoot> before the rows); the rest as written. A <tfoot>
    written first (注：…) was read as the header's first row, and the advice was to add a header_roles pattern."""
    head, foot = table.find("thead", recursive=False), table.find("tfoot", recursive=False)

    def place(tr) -> int:
        section = next((parent for parent in tr.parents if parent.name in ("thead", "tbody", "tfoot", "table")), None)
        return 0 if head is not None and section is head else 2 if foot is not None and section is foot else 1
    return sorted(rows, key=place)


def _smaller_digit(cell, sizes: dict) -> str:
    """The cell's doubt (model.smaller_digit): a digit set smaller than the digit beside it (`2<small>9</small>0`,
    `20<span style="font-size:60%">9</span>`, `<font size=1>`, `2<span class="n">9</span>0` with `.n{font-size:
    40%}` in a style sheet), read 290 and 209. Each piece of text at its element's font size (`sizes`, from the
    page's style: styles.PageStyle.font_sizes). A digit whose size cannot be told (calc(), var()) beside a digit of
    another element is in doubt too."""
    return _doubt(*_pieces(cell, sizes))


def _shown(nodes, hidden: set):
    """Each of `nodes` (a cell's, in document order) with whether it is shown: not one of the `hidden` elements
    (ids), nor inside one."""
    from bs4 import Tag
    passed_over = None                   # the last node of a hidden element, up to which nothing is shown
    for node in nodes:
        if passed_over is not None:
            if node is passed_over:
                passed_over = None
            yield node, False
        elif isinstance(node, Tag) and id(node) in hidden:
            last = node._last_descendant()
            passed_over = last if last is not None and last is not node else None
            yield node, False
        else:
            yield node, True


def _pieces(cell, sizes: dict, hidden: set = frozenset(), unseen: set = frozenset(), made=None) -> tuple[list, list]:
    """A cell's pieces of text in order, each with its size (`sizes`), a line break at each block, and the id of
    each piece's element; without the `hidden` elements (ids) and the `unseen` text (ids). With `made` (_reading),
    the text ::before and ::after write on the device in place of what was written in."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString
    pieces, parents = [], []
    after: dict[int, list] = {}          # the text ::after writes, by the id of the element's last node
    for node, shown in _shown((cell, *cell.descendants) if made else cell.descendants, hidden):
        if shown and isinstance(node, Tag):
            if node.name in BLOCKS:
                pieces.append(("\n", None))
                parents.append(None)
            if made:
                before, behind = made[0](node)
                if before:
                    pieces.append((before, sizes.get(id(node))))
                    parents.append(id(node))
                if behind:
                    after.setdefault(id(node._last_descendant() or node), []).append((behind, node))
        elif shown and isinstance(node, NavigableString) and not isinstance(node, PreformattedString) and \
                str(node) and id(node) not in unseen and not (made and id(node) in made[1]):
            pieces.append((str(node), sizes.get(id(node.parent))))
            parents.append(id(node.parent))
        for text, element in reversed(after.pop(id(node), [])):     # (the innermost element's first)
            pieces.append((text, sizes.get(id(element))))
            parents.append(id(element))
    return pieces, parents


def _doubt(pieces: list, parents: list) -> str:
    """Why the cell's figure is in doubt (model.smaller_digit), from its pieces (_pieces)."""
    from helpers.extract.documents.model import FIGURE_END, FIGURE_START, smaller_digit
    for k in range(len(pieces) - 1):
        (before, before_size), (after, after_size) = pieces[k], pieces[k + 1]
        unknown = before_size is None or after_size is None
        if unknown and None not in parents[k:k + 2] and parents[k] != parents[k + 1] and \
                FIGURE_END.search(before) and FIGURE_START.search(after):
            piece = before if before_size is None else after
            return (f"'{piece.strip()[:20]}' is set at a size the page's style gives in a way this reader cannot "
                    f"work out (calc(), var() …), beside the digits of '{(before + after).strip()[:20]}': whether "
                    "it is set smaller, and a reader takes it into the figure, cannot be told")
    return smaller_digit(pieces)


def _cell_text(cell) -> str:
    """A cell's text as shown: a line break at each <br> and after each block (<p>, <div>), and nothing between
    inline pieces (15<span>.2</span> is 15.2, as the browser shows it)."""
    # One pass over the cell's elements: a find_all with the thirty block names builds its matcher anew for
    # each call, which made a large table's cells cost seconds.
    for element in [d for d in cell.descendants if getattr(d, "name", None) in BLOCKS]:
        if element.name == "br":
            element.replace_with("\n")
        else:
            element.append("\n")
    return re.sub(r"[ \t\r\f\v\u00a0]+", " ", join_lines(cell.get_text(""))).strip()


def _span(cell, name: str) -> int:
    """A cell's rowspan or colspan. rowspan="0" runs to the table's end, as browsers read it (expand stops it
    there); a span past 1000 is a mistake, and columns a colspan makes past the table's last are dropped (expand)."""
    try:
        span = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return 1000 if span == 0 and name == "rowspan" else max(1, min(span, 1000))


def _spread(rows, lines) -> list[list[int]]:
    """Each grid position's source line: the merged cell's, wherever its text is repeated."""
    as_lines = expand([[(str(line), rs, cs) for (_, rs, cs), line in zip(row, row_lines)]
                       for row, row_lines in zip(rows, lines)])
    fallback = [next((int(t) for t, _ in row if t), 1) for row in as_lines]
    return [[int(t) if t else fallback[r] for t, _ in row] for r, row in enumerate(as_lines)]
