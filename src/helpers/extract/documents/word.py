"""A Word document (.docx) as a Document, read with python-docx (MIT), which is exact on merged cells, also in
files re-saved by LibreOffice or WPS.

Places: body paragraphs are numbered 1, 2, … counting those with text, outside tables (第24段); table cells
are table N, row, column, counting every grid column (表1第3行第5列).
"""
from __future__ import annotations

import re
from pathlib import Path

from helpers.core import limits
from helpers.core.errors import InputError
from helpers.core.values import as_subscript, as_superscript
from helpers.extract.documents.cover import Line, cover, table_lines
from helpers.extract.documents.model import (
    ON_THE_LINE,
    AttachedNote,
    Document,
    Grid,
    GridCell,
    Paragraph,
    Place,
    join_lines,
    smaller_digit,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0"   # an old .doc, a .wps, or a password-protected .docx (all OLE compound files)


def read_docx(path: Path) -> Document:
    import docx
    from docx.oxml.ns import qn

    document = _open(path, docx)
    body = document.element.body
    styles = _Styles(document, qn)
    notes = _notes_apart(path, document, qn, styles)
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    recent: list[Paragraph] = []          # the paragraphs since the last table: where a table's title is
    has_table = next(body.iter(qn("w:tbl")), None) is not None
    if has_table:
        _no_digit_over_the_page(path, document, qn)
    counted = 0                           # the tables so far, a frame's and the table it holds each counted
    lines: list[Line] = []                # the body's paragraphs as the cover reader takes them (_cover_lines)
    for element in _blocks(body, qn):
        if element.tag == qn("w:tbl"):
            frame = None
            while (held := _framed(element, qn, styles)) is not None:   # a layout frame: read the table it holds
                counted += 1
                frame = Place(table=counted, row=1, column=1)
                element, titles = held
                recent += [Paragraph(text, frame) for text in titles]
            counted += 1
            grids.append(Grid(counted, _grid(element, counted, qn, path, styles, notes), recent[-3:], frame=frame))
            # (a cover laid out in a table: 编制单位 | 状态 | 征求意见稿; the plan's own table comes after its title)
            lines += table_lines((c.place, c.text) for row in grids[-1].rows for c in row if not c.spanned)
            recent = []
            grids[-1].after = recent      # the paragraphs after it: this list, filled as they come
            continue
        text = _paragraph_text(element, qn, styles)
        lines += _cover_lines(element, text, Place(paragraph=len(paragraphs) + 1), qn, styles)
        if text:
            _no_digits_right_to_left(path, element, qn, Place(paragraph=len(paragraphs) + 1))
            _nothing_unsure(path, element, qn, Place(paragraph=len(paragraphs) + 1), in_cell=False)
            if has_table:
                _no_digit_placed_away(path, element, qn, Place(paragraph=len(paragraphs) + 1))
            _seen_alike(path, element, qn, styles, Place(paragraph=len(paragraphs) + 1))
            _shown_alike_in_prose(path, element, qn, styles, Place(paragraph=len(paragraphs) + 1))
            _read_whole_in_prose(path, element, qn, styles, Place(paragraph=len(paragraphs) + 1))
            paragraph = Paragraph(text, Place(paragraph=len(paragraphs) + 1), _attached([element], qn, notes))
            paragraphs.append(paragraph)
            recent.append(paragraph)
    struck = sum(1 for node in body.iter(qn("w:t")) if node.text and _struck(node, styles))
    hidden = sum(1 for node in body.iter(qn("w:t")) if node.text and node.text.strip()
                 and not any(parent.tag == FALLBACK for parent in node.iterancestors())
                 and styles.hidden(node))
    # (a text box's text is in its own paragraph and the one it is anchored in: counted once)
    hidden += len(set().union(*(_unseen(p, qn, styles) for p in body.iter(qn("w:p")))))
    return Document(path, "docx", paragraphs, grids, struck=struck, hidden=hidden,
                    title_marks=_headers_and_footers(document, qn), cover=cover(lines))


def _headers_and_footers(document, qn) -> list[tuple[str, str]]:
    """The text of the page headers and footers (页眉, 页脚) of every section, each paragraph once (a text box's
    too), and of the WordArt they hold (艺术字: Word's watermark, 设计 → 水印, is a VML shape in the header whose
    text is its v:textpath's `string`, in no w:t), as (where, text): where a draft says so (（征求意见稿） in the
    header, 征求意见稿 across the page), though none of a plan's figures is there."""
    found: list[tuple[str, str]] = []
    for part in document.part.package.iter_parts():
        name = str(part.partname).lstrip("/")
        kind = "page header (页眉)" if name.startswith("word/header") else \
            "page footer (页脚)" if name.startswith("word/footer") else None
        element = getattr(part, "element", None) if kind else None
        for p in element.iter(qn("w:p")) if element is not None else ():
            # (a text box's paragraph on its own, not in the one it is anchored in; its fallback copy skipped)
            text = "".join(t.text or "" for t in p.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is p
                           and not _in_fallback(t)).strip()
            if text and (f"{kind}, {name}", text) not in found:
                found.append((f"{kind}, {name}", text))
        for text in _word_art(element) if element is not None else ():
            if (f"WordArt (艺术字) in the {kind}, {name}", text) not in found:
                found.append((f"WordArt (艺术字) in the {kind}, {name}", text))
    return found


TEXT_PATH = "{urn:schemas-microsoft-com:vml}textpath"


def _word_art(element) -> list[str]:
    """The text of the WordArt (VML, v:textpath `string`) in an element: Word's and WPS's watermark, old WordArt."""
    return [text for node in element.iter(TEXT_PATH) if (text := (node.get("string") or "").strip())]


# The styles that say a paragraph is a heading or a table of contents (by name, as Word and WPS name them; an
# outline level, w:outlineLvl 0-8, on it or its style says a heading too): the cover has ended there.
HEADING_STYLE = re.compile(r"^(heading|标题) ?[1-9]$", re.IGNORECASE)
CONTENTS_STYLE = re.compile(r"^(toc|目录)", re.IGNORECASE)
CONTENTS_FIELD = re.compile(r"(^|\s)TOC(\s|$)")


def _cover_lines(p, text: str, place: Place, qn, styles: _Styles) -> list[Line]:
    """A body paragraph as the cover reader takes it (helpers.extract.documents.cover): its text (a text box's
    in it included), after the text boxes and WordArt (v:textpath) it anchors as lines of their own; whether it is
    a numbered heading (a heading style or an outline level, and list numbering: 一、 drawn by Word, in no text; a
    cover's lines may be set in a heading style, unnumbered); the body starts at it when it is a table of contents
    (a TOC field, a TOC style, a content control of Word's contents), or when a page break comes before it
    (w:pageBreakBefore, or where Word last laid out a page, w:lastRenderedPageBreak); its page ends after it at a
    page break in it (分页符, w:br type="page") or a section break (w:sectPr, not continuous)."""
    style_id, _ = styles.paragraph_style(p)
    style = styles.elements.get(style_id)
    name = style.find(qn("w:name")) if style is not None else None
    level = _find(p, qn, "w:pPr", "w:outlineLvl")
    level = level if level is not None else styles._in_style(style_id, "w:outlineLvl", properties="w:pPr")
    instructions = " ".join(node.text or "" for node in p.iter(qn("w:instrText")))
    instructions += " ".join(node.get(qn("w:instr")) or "" for node in p.iter(qn("w:fldSimple")))
    contents = any(gallery.get(qn("w:val"), "").lower() == "table of contents"
                   for sdt in p.iterancestors(qn("w:sdt")) for gallery in sdt.iter(qn("w:docPartGallery")))
    before = _find(p, qn, "w:pPr", "w:pageBreakBefore")
    style_name = name.get(qn("w:val"), "").strip() if name is not None else ""
    numbered = _find(p, qn, "w:pPr", "w:numPr") is not None or \
        styles._in_style(style_id, "w:numPr", properties="w:pPr") is not None
    heading = numbered and bool(HEADING_STYLE.search(style_name) or (
        level is not None and level.get(qn("w:val"), "9") in tuple("012345678")))
    starts = (contents or bool(CONTENTS_FIELD.search(instructions) or CONTENTS_STYLE.search(style_name))
              or (before is not None and before.get(qn("w:val"), "true").lower() not in OFF)
              or next(p.iter(qn("w:lastRenderedPageBreak")), None) is not None)
    section = _find(p, qn, "w:pPr", "w:sectPr")
    kind = _find(section, qn, "w:type") if section is not None else None
    ends = any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br"))) or \
        (section is not None and (kind is None or kind.get(qn("w:val")) != "continuous"))
    # Its text boxes and WordArt first, each a line of its own: a shape floats where it is set, and one anchored in
    # the body's first paragraph (a stamp, 征求意见稿, at the first page's corner) is on the cover's page still.
    boxes = [text for box in p.iter(TEXT_BOX) if not _in_fallback(box)
             and (text := " ".join(t for inner in box.iter(qn("w:p")) if next(inner.iterancestors(TEXT_BOX)) is box
                                   and (t := _paragraph_text(inner, qn, styles))))]
    return [Line(place, shape, starts) for shape in boxes + _word_art(p)] + [Line(place, text, starts, ends, heading)]


class _Styles:
    """A run's formatting as Word shows it: set on the run itself, else by its character style, else by its
    paragraph's style, else by its table's style, else by the document's default paragraph style (正文, Normal, for a
    paragraph that names none) and its defaults (w:docDefaults), each style with the styles it is based on. Hidden
    text or a raised note mark set by a style (a 注号 character style in 上标) was read as text of the number: 20
    and a raised 1 was 201; white text set by the Normal style or the defaults was read though no reader sees it."""

    def __init__(self, document, qn):
        from helpers.extract.documents.word_colours import Palette, TableStyles
        self.qn = qn
        self.elements = {style.get(qn("w:styleId")): style
                         for style in document.styles.element.iterchildren(qn("w:style"))}
        self.palette = Palette(document)
        default = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        try:
            self.default_size = float(default.get(qn("w:val"))) / 2 if default is not None else 10.0
        except (TypeError, ValueError):
            self.default_size = 10.0
        # The colours as LibreOffice shows them: it ignores the document's w:clrSchemeMapping (and, below, a table's
        # own shading, w:tblPr and w:tblPrEx). Where Word and it differ on whether a text is seen, the run stops.
        unmapped = Palette(document, mapped=False)
        self.other_palette = self.palette if unmapped.names == self.palette.names else unmapped
        self.tables = TableStyles(self.elements)
        self.default_paragraph = next((style.get(qn("w:styleId")) for style in self.elements.values()
                                       if style.get(qn("w:type")) == "paragraph"
                                       and style.get(qn("w:default"), "0").lower() in ON), None)
        defaults = document.styles.element.find(qn("w:docDefaults"))
        self.default_run = _find(defaults, qn, "w:rPrDefault", "w:rPr")
        self.properties = _custom_properties(document)
        # whether the document or its styles set any Word 2010 text effect (_effect_doubt looks only then)
        self.effects = any(next(part.iter(*(W14 + name for name in TEXT_EFFECTS)), None) is not None
                           for part in (document.element, document.styles.element))
        self.default_paragraph_properties = _find(defaults, qn, "w:pPrDefault", "w:pPr")
        # the run properties the document or its styles set at all, of those that set a figure apart or that
        # programs draw otherwise (_heights, _set_apart, _drawn_otherwise look only then: a plan sets none); a
        # character spacing only where one is wider than SET_APART of the least size seen (python-docx's Title
        # style spaces its letters 0.25 pt)
        self.used = set()
        for part in (document.element, document.styles.element):
            for element in part.iter(*(qn(name) for name in SOMETIMES_USED)):
                if element.tag != qn("w:spacing"):
                    self.used.add(element.tag)
                elif element.getparent().tag == qn("w:rPr") and \
                        abs(_number(element.get(qn("w:val")))) / 20 > SET_APART * TINY_HALF_POINTS / 2:
                    self.used.add(element.tag)

    def paragraph_style(self, paragraph) -> tuple[str | None, bool]:
        """The paragraph's style id, and whether it is the document's default (named by none, or by itself)."""
        properties = paragraph.find(self.qn("w:pPr")) if paragraph is not None else None
        style = properties.find(self.qn("w:pStyle")) if properties is not None else None
        style_id = style.get(self.qn("w:val")) if style is not None else self.default_paragraph
        return style_id, style_id == self.default_paragraph

    def paragraph_shading(self, paragraph, as_word: bool = True):
        """The paragraph's shading (底纹, w:pPr/w:shd): set on it, by its style (along basedOn; the default style
        for a paragraph that names none), else by the document's defaults; None where none sets one. A style's
        dark shading behind white text was not read, and the figure dropped as white on white."""
        qn = self.qn
        found = _find(paragraph, qn, "w:pPr", "w:shd")
        if found is not None:
            return found
        style_id, default = self.paragraph_style(paragraph)
        # as for a run's formatting (property): a table style's paragraph shading (w:tblStylePr or the style's own
        # w:pPr/w:shd) comes after a style the paragraph names and before the default paragraph style's.
        # LibreOffice (7.4, as_word=False) paints the style's own, not a conditional format's (w:tblStylePr).
        if not default and (found := self._in_style(style_id, "w:shd", properties="w:pPr")) is not None:
            return found
        cell = next(paragraph.iterancestors(qn("w:tc")), None) if paragraph is not None else None
        for layer in self.tables.layers(cell) if cell is not None else ():
            if not as_word and layer.tag == qn("w:tblStylePr"):
                continue
            if (found := _find(layer, qn, "w:pPr", "w:shd")) is not None:
                return found
        if default and (found := self._in_style(style_id, "w:shd", properties="w:pPr")) is not None:
            return found
        return _find(self.default_paragraph_properties, qn, "w:shd")

    def property(self, text_node, name: str):
        """The run property element `name` (w:vanish) that applies to the w:t node's run, or None: set on the run,
        by its character style, its paragraph's style, else by its table's style (word_colours.TableStyles: the
        white text of a styled header row)."""
        qn = self.qn
        properties = _run_properties(text_node, qn)
        found = properties.find(qn(name)) if properties is not None else None
        if found is not None:
            return found
        run_style = properties.find(qn("w:rStyle")) if properties is not None else None
        if run_style is not None and (found := self._in_style(run_style.get(qn("w:val")), name)) is not None:
            return found
        paragraph = next(text_node.iterancestors(qn("w:p")), None)
        style_id, default = self.paragraph_style(paragraph)
        # A table style's formatting comes before the default paragraph style's (Word lets a table style's header
        # font show over 正文's), after a style the paragraph names.
        if not default and (found := self._in_style(style_id, name)) is not None:
            return found
        cell = next(text_node.iterancestors(qn("w:tc")), None)
        for layer in self.tables.layers(cell) if cell is not None else ():
            found = layer.find(f"{qn('w:rPr')}/{qn(name)}")
            if found is not None:
                return found
        if default and (found := self._in_style(style_id, name)) is not None:
            return found
        return _find(self.default_run, qn, name)

    def _in_style(self, style_id: str | None, name: str, seen: tuple = (), properties: str = "w:rPr"):
        """The property `name` in a style's w:rPr (or w:pPr), along the styles it is based on; None where none
        sets it."""
        style = self.elements.get(style_id)
        if style is None or style_id in seen:
            return None
        found = _find(style, self.qn, properties, name)
        if found is not None:
            return found
        based = style.find(self.qn("w:basedOn"))
        return self._in_style(based.get(self.qn("w:val")), name, (*seen, style_id), properties) \
            if based is not None else None

    def on(self, text_node, name: str) -> bool:
        """Whether an on/off property (w:vanish) applies to the run: found, and not w:val="0"/"false"."""
        found = self.property(text_node, name)
        return found is not None and found.get(self.qn("w:val"), "true").lower() not in OFF

    def hidden(self, text_node, web_layout: bool = True) -> bool:
        """Hidden text (隐藏文字, w:vanish; w:webHidden, hidden in Web layout and on a web page, and by LibreOffice
        7.4, though Word prints it: in a table cell a doubt, _drawn_otherwise; web_layout=False: as Word prints),
        text set at 1.5 pt or less (w:sz in half-points; a 1.5 pt 9 between 2 and 0 shows as a speck, and was read
        290), or squeezed to under a fifth of its width (字符缩放, w:w: a 9 at 1% shows as nothing), which no
        reader sees."""
        size, scale = self.property(text_node, "w:sz"), self.property(text_node, "w:w")
        try:
            tiny = size is not None and float(size.get(self.qn("w:val"), "24")) <= TINY_HALF_POINTS
            squeezed = scale is not None and float(scale.get(self.qn("w:val"), "100").rstrip("%")) < MIN_WIDTH_PERCENT
        except ValueError:
            tiny = squeezed = False
        return tiny or squeezed or self.on(text_node, "w:vanish") or (web_layout and self.on(text_node, "w:webHidden"))

    def size(self, text_node) -> float:
        """The run's font size in points (w:sz, in half-points), by itself, its style, else the document's default
        (w:docDefaults), else Word's own 10 pt."""
        found = self.property(text_node, "w:sz")
        try:
            return float(found.get(self.qn("w:val"))) / 2 if found is not None else self.default_size
        except (TypeError, ValueError):
            return self.default_size

    def position(self, text_node) -> str | None:
        """superscript, subscript, or None: the run's vertical alignment (上标, 下标), by itself or by its style. A
        footnote's or endnote's custom mark (自定义标记: the run's text after its reference) is a mark, superscript
        however it is set: a plain 1 after 15.2 was read 15.21."""
        run = text_node.getparent()
        if run is not None and any(node.get(self.qn("w:customMarkFollows")) in ("1", "true", "on")
                                   for name in ("w:footnoteReference", "w:endnoteReference")
                                   for node in run.iterchildren(self.qn(name))):
            return "superscript"
        found = self.property(text_node, "w:vertAlign")
        return found.get(self.qn("w:val")) if found is not None else None


TINY_HALF_POINTS = 3
SOMETIMES_USED = ("w:position", "w:spacing", "w:w", "w:webHidden", "w:fitText", "w:eastAsianLayout")
MIN_WIDTH_PERCENT = 20
CONTAINERS = ("w:sdt", "w:sdtContent", "w:customXml")


def _children(element, name: str, qn):
    """The element's children `name` (w:tr, w:tc, w:p), also those inside a content control or custom XML around
    them: a row, a cell or a cell's paragraph in a w:sdt was skipped (a cell's figure read as empty, the row's later
    cells one column to the left, a row lost)."""
    containers = {qn(c) for c in CONTAINERS}
    for child in element.iterchildren():
        if child.tag == qn(name):
            yield child
        elif child.tag in containers:
            yield from _children(child, name, qn)


def _framed(tbl, qn, styles: _Styles):
    """The table a layout frame holds, with the frame's title paragraphs above it, or None. A frame is a table of one
    row and one cell (many government documents draw one around their tables) whose only content is one table,
    with perhaps its title above it: what Word shows is that table. Anything else in the cell (a second table, text
    below the table) is not a frame for certain: the table stays as it is, a table holding a table (an error names
    it where it is the plan's)."""
    rows = list(_children(tbl, "w:tr", qn))
    cells = list(_children(rows[0], "w:tc", qn)) if len(rows) == 1 else []
    if len(cells) != 1:
        return None
    blocks = list(_blocks(cells[0], qn))
    held = [i for i, block in enumerate(blocks) if block.tag == qn("w:tbl")]
    if len(held) != 1 or any(_paragraph_text(block, qn, styles) for block in blocks[held[0] + 1:]):
        return None
    titles = [text for block in blocks[:held[0]] if (text := _paragraph_text(block, qn, styles))]
    return blocks[held[0]], titles


def _blocks(element, qn):
    """The body's paragraphs and tables in order, also those inside a content control (w:sdt: a table of contents,
    or a template's field holding the plan's table, which was not found) or custom XML."""
    containers = {qn(name) for name in CONTAINERS}
    for child in element.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in containers:
            yield from _blocks(child, qn)


# A text box is stored twice, for new and old Word (mc:Choice and its mc:Fallback copy): the copy is skipped, or
# a 5 in a text box would read as 55.
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
OFF = {"0", "false", "off"}
ON = {"1", "true", "on"}
# Text moved elsewhere under tracked changes (修订: 移动): Word keeps it where it was, as deleted text kept in w:t;
# read there too, a moved 9 was read twice. A deletion's text is w:delText (never read), but some tools write it as
# w:t inside w:del, which Word and LibreOffice show struck as deleted: a deleted 18 before 20 was read 1820.
# Insertions (w:ins) and text moved here (w:moveTo) are shown, and read.
MOVED_AWAY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}moveFrom"
DELETED = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}del"


# The Symbol font's signs a plan's figures use (Insert → Symbol writes them as w:sym, no text): ≥4.5 read as 4.5.
SYMBOL_FONT = {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xBB: "≈", 0xB9: "≠", 0x7E: "~", 0xB0: "°",
               0x2D: "-", 0x2B: "+", 0x25: "%", 0x3C: "<", 0x3E: ">", 0x3D: "="}
RUBY_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rt"


def _paragraph_text(p, qn, styles: _Styles) -> str:
    """The text of a paragraph's runs as Word shows it (tabs as spaces): without fields' instructions (with the
    results of fields nested in them: _fields), deleted
    text (a deletion written as w:t too), hidden text (隐藏文字: w:vanish, w:webHidden, a hidden style;
    _Styles), struck-through text (删除线), a text box's fallback copy or ruby text (拼音指南: the small guide
    above the text; a 9 above 20 was 920). A raised or lowered run (上标, 下标, by itself or its style; or set
    smaller and higher or lower than its line, 位置 提升/降低: _heights) is a note mark, never a digit of the
    number. A line break (w:br, w:cr) and a tab (w:tab, w:ptab) are spaces: 2, a break, 0 was read 20. An
    equation's plain text (m:t) is read
    where it stands (an equation's 20 was not read at all). A non-breaking hyphen (Ctrl+Shift+-) is a hyphen
    (20‑25 was 2025), and a sign inserted as a symbol (≥ from the Symbol font) its sign."""
    return "".join(text for text, _ in _paragraph_pieces(p, qn, styles)).strip()


def _paragraph_pieces(p, qn, styles: _Styles, shown: dict | None = None,
                      web_layout: bool = True) -> list[tuple[str, float | None]]:
    """The paragraph's text as shown (_paragraph_text), in pieces: each run's text with its size in points (None
    for a tab, a break, a symbol or an equation's text), for the digit set smaller than its figure's (smaller_digit).
    shown: w:t nodes seen (True) or not (False) whatever their colour (as another program shows them); web_layout:
    False for text hidden in Web layout only (w:webHidden) shown, as Word prints it."""
    return [(text, size) for _, text, size in _pieces_with_nodes(p, qn, styles, shown, web_layout)]


def _pieces_with_nodes(p, qn, styles: _Styles, shown: dict | None = None, web_layout: bool = True,
                       marks: bool = True) -> list[tuple[object, str, float | None]]:
    """_paragraph_pieces, each piece with its node (w:t, w:tab …); marks=False: a run raised or lowered by its
    position (w:position) kept as written, not as a note mark (_set_apart looks at it)."""
    out, white = [], _unseen(p, qn, styles)
    shifted = _heights(p, qn, styles)[0] if marks else {}
    if shown:
        white = (white - {node for node, seen in shown.items() if seen}) | {node for node, seen in shown.items()
                                                                             if not seen}
    instruction = _fields(p, qn)[0]
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:ptab"), qn("w:noBreakHyphen"),
                       qn("w:sym"), MATH_TEXT):
        if node in white or node in instruction or any(parent.tag in (FALLBACK, MOVED_AWAY, DELETED, RUBY_TEXT)
                                for parent in node.iterancestors()):
            continue
        if node.tag in (qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:ptab")):
            out.append((node, " ", None))
        elif node.tag == MATH_TEXT:
            out.append((node, node.text or "", None))
        elif node.tag == qn("w:noBreakHyphen"):
            out.append((node, "-", None))
        elif node.tag == qn("w:sym"):
            out.append((node, _symbol(node, qn), None))
        elif not (styles.hidden(node, web_layout) or _struck(node, styles)):
            position = styles.position(node) or shifted.get(node)
            text = node.text or ""
            if SYMBOL_AREA.search(text):            # a sign typed in the Symbol font: ≥ stored as U+F0B3
                text = SYMBOL_AREA.sub(lambda found: _font_symbol(_font(node, styles), ord(found.group())), text)
            out.append((node, {"superscript": as_superscript, "subscript": as_subscript}.get(position, str)(text),
                        styles.size(node)))
    return out


# Word's highlight colours (突出显示), by name.
HIGHLIGHT = {"white": "FFFFFF", "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF",
             "blue": "0000FF", "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
             "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
             "lightGray": "C0C0C0", "black": "000000"}


def _unseen(p, qn, styles: _Styles) -> set:
    """The w:t nodes of a paragraph set in the colour of what is behind them (_behind): a white 9 between 2 and 0,
    or one in a white a shade off (F5F5F5), or white on a white highlight, was read 290; a cell all in white on a
    table style's white cell was read as its figure. The contrast is WCAG's (helpers.extract.documents.styles.
    contrast; under 1.2 no reader tells them apart). Automatic colour (auto) is never unseen: Word shows it white on
    a dark fill. White on a table style's dark header row is seen, and read."""
    return {node for node in p.iter(qn("w:t")) if (node.text or "").strip() and not _in_fallback(node)
            and _seen(node, p, qn, styles) is False}


def _in_fallback(node) -> bool:
    return any(parent.tag == FALLBACK for parent in node.iterancestors())


def _seen(node, p, qn, styles: _Styles, as_word: bool = True, blank_page: bool = False) -> bool | None:
    """Whether a run's text stands out from what is behind it (contrast at least MIN_CONTRAST), as Word shows it
    (as_word) or as LibreOffice does (without the table's own shading and the document's colour mapping, which
    LibreOffice 7.4 does not show); on a white page in place of the document's page colour (blank_page: as Word
    prints it); None where it is not judged (automatic colour, a colour not read)."""
    from helpers.extract.documents.styles import MIN_CONTRAST, contrast
    palette = styles.palette if as_word else styles.other_palette
    colour = palette.text(styles.property(node, "w:color"))
    behind = _behind(node, p, qn, styles, as_word, blank_page) if colour is not None else None
    return None if behind is None else contrast(colour, behind) >= MIN_CONTRAST


def _seen_in_one_program(p, qn, styles: _Styles) -> tuple[str, str]:
    """The text of a paragraph that Word shows and LibreOffice does not, or the other way round, and why ('', ''
    when none): white text on a table's own shading (w:tblPr, or a row's w:tblPrEx), or in a theme colour the
    document maps otherwise than Word's default (w:clrSchemeMapping) ('program'); text whose being seen depends on
    the page colour (shown on screen and printed by LibreOffice, not printed by Word: 'page'); text in a text box
    of a fill not told, in a colour of its own ('box')."""
    for node in p.iter(qn("w:t")):
        if not (node.text or "").strip() or _in_fallback(node):
            continue
        seen = _seen(node, p, qn, styles)
        if seen != _seen(node, p, qn, styles, as_word=False):
            return node.text.strip(), "program"
        if styles.palette.page_on_screen_only and seen != _seen(node, p, qn, styles, blank_page=True):
            return node.text.strip(), "page"
        if seen is None and _in_text_box(node) and styles.palette.box_fill(node) is None \
                and styles.palette.text(styles.property(node, "w:color")) is not None:
            return node.text.strip(), "box"
    return "", ""


def _unseen_text(paragraphs: list, qn, styles: _Styles) -> tuple[str, str]:
    """The text of a cell that shows nothing but holds text no reader sees, and why (model.UNSEEN_WHY): 'colour'
    when some is in the colour of what is behind it, else 'hidden'; ('', '') when it holds none."""
    white = [node for p in paragraphs for node in _unseen(p, qn, styles)]
    if white:
        return " ".join(node.text.strip() for node in white), "colour"
    hidden = [node for p in paragraphs for node in p.iter(qn("w:t")) if (node.text or "").strip()
              and styles.hidden(node)]
    return (" ".join(node.text.strip() for node in hidden), "hidden") if hidden else ("", "")


def _behind(node, p, qn, styles: _Styles, as_word: bool = True, blank_page: bool = False) -> tuple | None:
    """The colour behind a run's text: its highlight, its shading, its paragraph's, its cell's (set on the cell, by
    the table's style, on the table), the cell's around a nested table, else the page's (white unless the document
    sets a page colour). None where it is not read (a theme colour the document's theme lacks, a text box's text
    on a fill not told): no judgement. A text box's text: on its own paragraph's shading, else the box's fill, else
    (a box without fill) what is behind the paragraph it is anchored in. as_word=False: as LibreOffice shows it
    (_seen); blank_page: on a white page, whatever the document's page colour."""
    from helpers.extract.documents.word_colours import CLEAR, WHITE, rgb
    highlight = styles.property(node, "w:highlight")
    if highlight is not None and highlight.get(qn("w:val"), "none") != "none":
        return rgb(HIGHLIGHT.get(highlight.get(qn("w:val")), ""))
    palette = styles.palette if as_word else styles.other_palette
    box = CLEAR
    if _in_text_box(node):
        own = next(node.iterancestors(qn("w:p")))
        for shading in (styles.property(node, "w:shd"), styles.paragraph_shading(own, as_word)):
            if (painted := palette.shading(shading)) is not CLEAR:
                return painted
        box = palette.box_fill(node)
        if box is not CLEAR:
            return box
        ancestors = list(node.iterancestors())
        outermost = max((i for i, parent in enumerate(ancestors) if parent.tag == TEXT_BOX), default=0)
        p = next((parent for parent in ancestors[outermost:] if parent.tag == qn("w:p")), p)
        shadings = [styles.paragraph_shading(p, as_word)]
    else:
        shadings = [styles.property(node, "w:shd"), styles.paragraph_shading(p, as_word)]
    for cell in p.iterancestors(qn("w:tc")):
        layers = styles.tables.layers(cell)
        table = next(cell.iterancestors(qn("w:tbl")), None)
        row = next(cell.iterancestors(qn("w:tr")), None)
        # the row's exception to the table's formatting (w:tblPrEx) before the table's own
        shadings += [_find(cell, qn, "w:tcPr", "w:shd"), *(_find(layer, qn, "w:tcPr", "w:shd") for layer in layers)]
        if as_word:
            shadings += [_find(row, qn, "w:tblPrEx", "w:shd"), _find(table, qn, "w:tblPr", "w:shd"),
                         *(_find(layer, qn, "w:tblPr", "w:shd") for layer in layers)]
    for shading in shadings:
        painted = palette.shading(shading)
        if painted is not CLEAR:
            return painted
    return WHITE if blank_page else palette.page


def _find(element, qn, *path: str):
    """element's descendant along the path of child names (w:tcPr, w:shd), or None."""
    for name in path:
        element = element.find(qn(name)) if element is not None else None
    return element



MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MATH_TEXT = MATH + "t"


# A run raised or lowered (字符位置 提升/降低, w:position, in half-points) from its line, or spaced out or condensed
# (字符间距 加宽/紧缩, w:spacing, in twentieths of a point, after each of its characters):
# - a shift of at most ON_THE_LINE (model.py, the PDF reader's too) of the run's size is a nudge, and the run stands
#   on its line (LibreOffice's print of a 1 raised 1 pt before 4 at 11 pt: 14, on one line);
# - a run shifted further and set smaller than its line's text is a note mark, like a superscript (10.3 and a raised
#   smaller 1 is 10.3¹);
# - a digit shifted further at its line's size, beside a digit of the line (a 1 raised 20 pt before 4: LibreOffice
#   prints the 1 above the 4; lowered, the 4 above the 1), or a figure's digits set apart or run into each other by
#   more than SET_APART of their size (a 1 spaced out 3 pt before 4 prints as 1 4; condensed, Word draws the 4 over
#   the 1, LibreOffice 7.4 draws 14; a figure spaced out evenly, as a title's letters are, 2 0 2 1, is read), is a
#   figure a reader may read whole or in parts: a doubt in a table cell, a stop
#   in prose, with both readings. Both were read as one: the 1 raised before 4 was taken for the line, and the 4 for
#   a lowered note mark, so 14 was read 1 with no word (the line was the position met first of two as common).
# - a figure's digit squeezed or stretched out of shape (字符缩放, w:w) beyond Word's own choices, 33% to 200% (a 1
#   at 20% prints as a sliver by the 4, at 300% as a wide bar, at 600% as a block; under 20% it shows as nothing, and
#   is hidden: _Styles.hidden), is a figure a reader may read with or without it: a doubt, likewise;
# - a digit fitted to a width (调整宽度, w:fitText), which Word squeezes or spreads the run to and LibreOffice 7.4
#   ignores: a doubt where the width is under a third of the run's as written (a 1 fitted into one twip shows as
#   nothing in Word, 14 in LibreOffice) or the fitted run is part of a figure only (a 1 spread to 100 pt before 4);
#   a header or a whole figure fitted to its column (2025年目标值 spread to six characters) is read.
SET_APART = 0.2
SCALES_SHOWN = (33, 200)


def _heights(p, qn, styles: _Styles) -> tuple[dict, dict]:
    """The shown w:t nodes of a paragraph set off its line by their position (see above): (note marks, node →
    superscript or subscript; digits set off at the line's size, node → points above the line, negative below).
    The line is the position of most of the largest text, of two as common the one nearer Word's own (0). A
    paragraph all at one position is left as it is (a nudged line)."""
    from helpers.core.method import method_parameters
    if qn("w:position") not in styles.used:
        return {}, {}
    texts = [node for node in p.iter(qn("w:t")) if (node.text or "").strip()]
    positions = {node: _half_points(styles.property(node, "w:position"), qn) for node in texts}
    if len(set(positions.values())) < 2:
        return {}, {}
    positions = {node: at for node, at in positions.items() if not styles.hidden(node) and not any(
        parent.tag in (FALLBACK, MOVED_AWAY, DELETED, RUBY_TEXT) for parent in node.iterancestors())}
    if len(set(positions.values())) < 2:
        return {}, {}
    texts = list(positions)
    sizes = {node: styles.size(node) for node in texts}
    largest = max(sizes.values())
    weight: dict[int, int] = {}
    for node, at in positions.items():
        if sizes[node] == largest:
            weight[at] = weight.get(at, 0) + len(node.text.strip())
    line = max(weight, key=lambda at: (weight[at], -abs(at), at))
    smaller = method_parameters().note_mark_smaller
    marks, apart = {}, {}
    for node, at in positions.items():
        shift = (at - line) / 2
        if abs(shift) <= ON_THE_LINE * sizes[node]:
            continue
        marks[node] = "superscript" if shift > 0 else "subscript"
        if sizes[node] >= smaller * largest and DIGIT.search(node.text):
            apart[node] = shift
    return marks, apart


def _half_points(found, qn) -> int:
    """A w:position's value (half-points), 0 where none is set or it is not a number."""
    try:
        return int(float(found.get(qn("w:val"), "0"))) if found is not None else 0
    except ValueError:
        return 0


def _number(written: str | None) -> float:
    """A property's value as a number; 0 where none is set or it is not a number."""
    try:
        return float(written) if written is not None else 0.0
    except ValueError:
        return 0.0


def _set_apart(p, qn, styles: _Styles) -> str:
    """Why a paragraph's figure may be read whole or in parts (see above), with both readings, or ''."""
    from helpers.extract.documents.model import FIGURE_CHARACTERS
    texts = [node for node in p.iter(qn("w:t")) if DIGIT.search(node.text or "")]
    if not texts or not {qn("w:position"), qn("w:spacing"), qn("w:w"), qn("w:fitText")} & styles.used:
        return ""
    apart = _heights(p, qn, styles)[1]
    spacing, scaled = _out_of_shape(texts, qn, styles)
    fitted = _fitted(texts, qn, styles)
    squeezed = next((node for node, (width, natural) in fitted.items() if width < SCALES_SHOWN[0] / 100 * natural),
                    None)
    if squeezed is not None:
        return (f"holds '{squeezed.text.strip()[:20]}' fitted to a width of {fitted[squeezed][0]:g} pt (调整宽度, "
                f"w:fitText), some {fitted[squeezed][1]:.0f} pt as written: Word squeezes it to that width, "
                "LibreOffice 7.4 draws it as it is")
    if not apart and not spacing and not scaled and not fitted:
        return ""
    characters = [(character, node) for node, text, _ in _pieces_with_nodes(p, qn, styles, marks=False)
                  for character in text]
    line = "".join(character for character, _ in characters)
    for k, ((before, first), (after, second)) in enumerate(zip(characters, characters[1:])):
        if not (before in FIGURE_CHARACTERS and after in FIGURE_CHARACTERS and DIGIT.search(before + after)):
            continue
        start, end = k, k + 2
        while start and line[start - 1] in FIGURE_CHARACTERS:
            start -= 1
        while end < len(line) and line[end] in FIGURE_CHARACTERS:
            end += 1
        figure = line[start:end][:20]
        gaps = {spacing.get(at, 0.0) for _, at in characters[start:end - 1]}
        if first in spacing and (spacing[first] < 0 or len(gaps) > 1):     # (a figure evenly spaced out is read)
            how, shown = (("spaced out", "Word and LibreOffice show them apart") if spacing[first] > 0 else
                          ("condensed", "Word draws them over each other, LibreOffice 7.4 side by side"))
            return (f"holds '{figure}' with '{before}' {how} by {abs(spacing[first]):g} pt (字符间距, w:spacing) "
                    f"before '{after}': {shown}, so a reader may read '{figure}' or '{line[start:k + 1][:20]}' and "
                    f"'{line[k + 1:end][:20]}' apart")
        if first is not second and (first in fitted or second in fitted):
            node = first if first in fitted else second
            return (f"holds '{figure}' with '{node.text.strip()[:20]}' fitted to a width of {fitted[node][0]:g} pt "
                    "(调整宽度, w:fitText) apart from the rest of the figure: Word spreads or squeezes it to that "
                    f"width, LibreOffice 7.4 draws it as it is, so a reader may read '{figure}' or "
                    f"'{line[start:k + 1][:20]}' and '{line[k + 1:end][:20]}' apart")
        node = next((node for node in (first, second) if node in scaled or apart.get(node, 0.0) != 0.0), None)
        if node is None or (node not in scaled and apart.get(first, 0.0) == apart.get(second, 0.0)):
            continue
        moved = "".join(character for character, at in characters[start:end] if at is node)[:20]
        rest = "".join(character for character, at in characters[start:end] if at is not node)[:20]
        if node in scaled:
            return (f"holds '{figure}' with '{moved}' drawn at {scaled[node]:g}% of its width (字符缩放, w:w; "
                    f"Word offers 33% to 200%): out of shape, so a reader may read '{figure}', or '{rest}' without it")
        return (f"holds '{figure}' with '{moved}' set {abs(apart[node]):g} pt "
                f"{'above' if apart[node] > 0 else 'below'} the line of '{rest}' at the same size (字符位置, "
                f"w:position): Word and LibreOffice show it off the line, so a reader may read '{figure}', or "
                f"'{rest}' with '{moved}' as a note mark or apart")
    return ""


def _fitted(texts: list, qn, styles: _Styles) -> dict:
    """Of the w:t nodes `texts`, those fitted to a width (w:fitText): node → (the width, the width as written, in
    points: a Chinese character an em of its size, another character half one)."""
    found = {}
    for node in texts if qn("w:fitText") in styles.used else ():
        fitted = styles.property(node, "w:fitText")
        if fitted is not None:
            natural = sum(1.0 if ord(character) >= 0x2E80 else 0.5 for character in node.text) * styles.size(node)
            found[node] = (_number(fitted.get(qn("w:val"))) / 20, natural)
    return found


def _out_of_shape(texts: list, qn, styles: _Styles) -> tuple[dict, dict]:
    """Of the w:t nodes `texts`, those spaced out or condensed by more than SET_APART of their size (node → points,
    negative condensed), and those scaled beyond SCALES_SHOWN (node → per cent)."""
    spacing, scaled = {}, {}
    for node in texts if qn("w:w") in styles.used else ():
        found = styles.property(node, "w:w")
        scale = _number((found.get(qn("w:val")) or "100").rstrip("%")) if found is not None else 100.0
        if not SCALES_SHOWN[0] <= scale <= SCALES_SHOWN[1]:
            scaled[node] = scale
    for node in texts if qn("w:spacing") in styles.used else ():
        found = styles.property(node, "w:spacing")
        points = _number(found.get(qn("w:val"))) / 20 if found is not None else 0.0
        if abs(points) > SET_APART * styles.size(node):
            spacing[node] = points
    return spacing, scaled


def _symbol(node, qn) -> str:
    """A w:sym's character: a Symbol-font sign (F0B3 is ≥), a Unicode code point as such, else named in brackets
    (a Wingdings mark in a value cell is then 'not a number', with the cell named)."""
    font, written = node.get(qn("w:font"), ""), node.get(qn("w:char"), "")
    try:
        code = int(written, 16)
    except ValueError:
        return f"[symbol {written}]"
    return _font_symbol(font, code) if 0xF000 <= code <= 0xF0FF else chr(code)


# A symbol font's characters, as Word stores them (in w:sym, or as text of a run in that font): U+F000-U+F0FF.
SYMBOL_AREA = re.compile("[\uf000-\uf0ff]")


def _font_symbol(font: str, code: int) -> str:
    """A symbol font's character (U+F000-U+F0FF) as Word shows it: a Symbol-font sign, else named in brackets."""
    if font.lower() == "symbol" and code - 0xF000 in SYMBOL_FONT:
        return SYMBOL_FONT[code - 0xF000]
    return f"[symbol {code:04X} of the {font or 'unnamed'} font]"


def _font(text_node, styles: _Styles) -> str:
    """The font of a w:t node's run (w:rFonts, by itself or its style): Symbol if any of its fonts is."""
    fonts = styles.property(text_node, "w:rFonts")
    names = [fonts.get(styles.qn(f"w:{kind}"), "") for kind in ("ascii", "hAnsi", "eastAsia", "cs")] \
        if fonts is not None else []
    return next((name for name in names if name.lower() == "symbol"), next((name for name in names if name), ""))


def _struck(text_node, styles: _Styles) -> bool:
    """Struck through (删除线, single or double, by itself or its style): text the document shows as deleted. A
    struck 18 before 20 was read as 1820."""
    return styles.on(text_node, "w:strike") or styles.on(text_node, "w:dstrike")


def _run_properties(text_node, qn):
    """The w:rPr of a w:t node's run, or None."""
    run = text_node.getparent()
    return run.find(qn("w:rPr")) if run is not None else None


DIGIT = re.compile(r"[0-9０-９]")


def _no_digits_right_to_left(path: Path, p, qn, place: Place) -> None:
    """Digits set right to left (w:bdo w:val="rtl", a bidirectional override, or w:dir w:val="rtl", an embedding)
    are refused with the cell or paragraph named: Word shows an override's digits reversed (the stored 02 as 20),
    and an embedding's text reordered around its spaces and signs, while LibreOffice and WPS show both as stored
    (rendered: '02左右' in a w:bdo shows as 02左右 in LibreOffice's PDF). What the reader sees depends on the program:
    the figure cannot be told. Their runs are never dropped: every w:t of the paragraph is read (_paragraph_text)."""
    for element in p.iter(qn("w:bdo"), qn("w:dir")):
        if element.get(qn("w:val"), "").lower() != "rtl":
            continue
        inside = "".join(node.text or "" for node in element.iter(qn("w:t")))
        if DIGIT.search(inside):
            kind = "w:bdo, a right-to-left override" if element.tag == qn("w:bdo") else \
                "w:dir, a right-to-left embedding"
            raise InputError(path, place, f"the text '{inside[:20]}' here is set right to left ({kind}): Word shows "
                             "such digits in another order than they are stored (02 may show as 20), LibreOffice and "
                             "WPS as stored, so the figure the reader sees cannot be told",
                             "open the document in Word or WPS, delete this text and type it again (typed anew, it "
                             "runs left to right), check that it shows the figure of the plan, save the document "
                             "and run `make manifest`.")


TEXT_BOX = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"
# An equation's parts that set its text out of line: a fraction, a power, a root, brackets, a sum, a matrix …
MATH_LAYOUT = {MATH + name for name in ("f", "sSup", "sSub", "sSubSup", "sPre", "rad", "d", "nary", "func", "limLow",
                                        "limUpp", "bar", "acc", "groupChr", "eqArr", "m", "phant", "box",
                                        "borderBox")}


def _nothing_unsure(path: Path, p, qn, place: Place, in_cell: bool) -> None:
    """Refused, with the place named, where the text stored is not what every reader is shown:
    - in prose, a field's figure Word computes anew (a formula field, = 2*10, a condition, IF, one marked to be
      updated, w:dirty, or one with a field nested in its instruction): the stored result is the last one computed
      (29), which LibreOffice recomputes on opening (20) and Word when printing or told to (in a table cell such a
      field, or a page number, a cross-reference … RECOMPUTED_FIELDS, is a doubt: _shown_otherwise);
    - an equation set out of line (a fraction, a power, a root): its digits in the order stored are no figure;
    - in a table cell, a text box holding digits beside other text: Word shows the box where it is anchored (over
      another cell, elsewhere on the page), and its 9 was read into 20 as 209."""
    problem = ""
    for text in _recomputed_field_results(p, qn, in_cell=False) if not in_cell else ():
        if DIGIT.search(text):
            problem = (f"the figure '{text.strip()[:20]}' here is the stored result of a field that is computed anew "
                       "(a formula, a condition, a page number, a cross-reference, a date …, or a field marked to be "
                       "updated): Word shows the stored result until it updates "
                       "the field, LibreOffice and WPS compute it again, so the figure the reader sees cannot be told")
            break
    for math in p.iter(MATH + "oMath"):
        text = "".join(node.text or "" for node in math.iter(MATH_TEXT))
        if DIGIT.search(text) and any(node.tag in MATH_LAYOUT for node in math.iter()):
            problem = problem or (f"the equation '{text[:20]}' here sets its figures out of line (a fraction, a "
                                  "power, a root …): the digits in the order stored are not the figure shown")
    if in_cell:
        boxed = "".join(node.text or "" for node in p.iter(qn("w:t")) if _in_text_box(node)
                        and not _in_fallback(node))     # (a box's copy for older programs: _shown_otherwise)
        outside = "".join(node.text or "" for node in p.iter(qn("w:t")) if not _in_text_box(node)
                          and not any(parent.tag == FALLBACK for parent in node.iterancestors()))
        if DIGIT.search(boxed) and outside.strip():
            problem = problem or (f"a text box holding '{boxed.strip()[:20]}' stands in this cell beside its text "
                                  f"'{outside.strip()[:20]}': Word shows the box where it is anchored, not in the "
                                  "text's order, so the figure the reader sees cannot be told")
    if problem:
        raise InputError(path, place, problem, "open the document in Word or WPS, write the figure in the text itself "
                         "as the plan shows it (select it and press Ctrl+Shift+F9 to turn a field into plain text; "
                         "retype an equation or a text box's figure), save the document and run `make manifest`.")


def _seen_alike(path: Path, p, qn, styles: _Styles, place: Place) -> None:
    """Refused, with the place named, where Word shows a text and LibreOffice does not, or the other way round
    (_seen_in_one_program): white text on a table's own shading (表格底纹, w:tblPr/w:shd, or a row's exception
    w:tblPrEx) is on the dark shading in Word and white on white in LibreOffice 7.4, which does not paint it; a theme
    colour the document maps otherwise than Word's default (w:clrSchemeMapping: text1 as light1) is light in Word,
    dark in LibreOffice. Read as Word shows it, the figure is one a LibreOffice reader never sees, and not read, one
    a Word reader does. Likewise text seen on the page colour and not on white paper, or the other way round (Word
    prints no page colour, LibreOffice does), and text in a colour of its own in a text box whose fill is not
    worked out."""
    text, why = _seen_in_one_program(p, qn, styles)
    if why == "page":
        raise InputError(path, place, f"whether the text '{text[:20]}' here can be seen depends on the program: "
                         "it stands on the document's page colour (设计 → 页面颜色), which Word shows on screen but "
                         "does not print and LibreOffice prints, and it is seen on one and not on the other, so the "
                         "figure the reader sees cannot be told",
                         "open the document in Word or WPS; remove the page colour (设计 → 页面颜色 → 无颜色) or set "
                         "the text's colour to 自动 (Automatic); save the document and run `make manifest`.")
    if why == "box":
        raise InputError(path, place, f"the text '{text[:20]}' here stands in a text box whose fill (a gradient, "
                         "a picture, a pattern or a theme's style) this reader does not work out, in a colour of its "
                         "own: whether the reader sees it on that fill cannot be told",
                         "open the document in Word or WPS; give the text box a plain fill or none (形状填充 → 纯色 "
                         "or 无填充), or write the figure in the text itself; save the document and run "
                         "`make manifest`.")
    if text:
        raise InputError(path, place, f"whether the text '{text[:20]}' here can be seen depends on the program: "
                         "it stands on a table's own shading (表格底纹 applied to the whole table or row), or is in a "
                         "theme colour the document maps otherwise than usual, which Word shows and LibreOffice does "
                         "not (or the other way round), so the figure the reader sees cannot be told",
                         "open the document in Word or WPS; select the cells and shade the cells themselves "
                         "(边框和底纹 → 底纹 → 应用于 单元格) or set the text's colour to 自动 (Automatic) or to "
                         "a colour of its own, not a theme colour; save the document and run `make manifest`.")


# What one program shows and another does not, by parts of a Word document other programs ignore or read otherwise:
# - Word 2010's text effects (w14: a fill of the text, none, a colour or a gradient; an outline; a glow, a shadow,
#   a reflection, a bevel or 3-D), which Word 2010 and later draw and LibreOffice 7.4 and WPS ignore, drawing the
#   run in its colour (w:color): <w14:textFill><w14:noFill/></w14:textFill> on the 1 of 14 shows 4 in Word, and
#   LibreOffice prints 14 (its PDF, rendered); black w14 fill on a white run, and a white run with a black outline
#   or glow, show the 1 in Word and not in LibreOffice. An effect that leaves the run seen, or unseen, in both
#   (a red outline on black text) changes nothing;
# - text or formatting in versions for different programs (mc:AlternateContent): a program shows the first
#   mc:Choice whose part it knows (Requires), else the mc:Fallback. Word 2013 and later know w15, LibreOffice 7.4
#   does not: a 1 in a w15 choice beside 4 printed 4 in LibreOffice, and in its fallback, 14 (Word 2013: 4). A
#   first choice both know (KNOWN_BY_ALL) is shown by both, and read. A white colour given in a choice inside a
#   run's properties (not read here) is applied by both, and the 1 was read;
# - a field's parts out of order in a table cell (a field begun and never ended, an end or a separator with none
#   begun, instruction text outside a field, deleted instruction text outside a deletion) or a field nested in
#   another's instruction: LibreOffice printed 3 for { QUOTE { PAGE } 14 with no end (stored 1, read 114), 114 for
#   a stray instruction 1 before 14 (read 14), 314 for { SET x { PAGE } } 14 (Word shows 14, the SET nothing).
# In a table cell these are doubts (GridCell.doubt): a value cell in doubt stops the run, and the analyst's reading
# (`readings:` in config/sources.yaml) says the figure. In prose, an effect or a version that changes a digit stops
# the run at its paragraph.
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MARKUP = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
ALTERNATE, CHOICE = MARKUP + "AlternateContent", MARKUP + "Choice"
# The parts a version may require that Word 2010 and later and LibreOffice 7.4 both know, so that both show it (a
# text box, wps; Word 2010's text effects, w14): LibreOffice's print of a 1 in such a version beside 4 is 14.
KNOWN_BY_ALL = {"wps", "w14"}
ADDING_INK = ("glow", "shadow", "reflection", "props3d", "scene3d")   # drawn around or behind the glyphs
TEXT_EFFECTS = ("textFill", "textOutline", *ADDING_INK)
THICK_OUTLINE_EMU = 12_700          # 1 pt: an outline as wide in the colour behind may cover the glyph
PROPERTIES = ("w:rPr", "w:pPr", "w:tcPr", "w:trPr", "w:tblPr", "w:sectPr")


def _shown_otherwise(paragraphs: list, qn, styles: _Styles) -> str:
    """Why a cell's figure may be shown otherwise by another program (see above), or '': first a field's result
    a program computes anew (RECOMPUTED_FIELDS: in a value cell it stops the run; a 序号 numbered by SEQ fields, or a
    page number elsewhere in the table, is no figure read, and it stopped the run)."""
    for p in paragraphs:
        for text in _recomputed_field_results(p, qn, in_cell=True, properties=styles.properties):
            if DIGIT.search(text):
                return (f"it holds '{text.strip()[:20]}', the stored result of a field that is computed anew (a "
                        "formula, a condition, a page number, a cross-reference, a date …, or a field marked to be "
                        "updated): Word shows the stored result until it updates the field, LibreOffice and WPS may "
                        "compute it again")
    found = _field_doubt(paragraphs, qn)
    if found:
        return (f"its fields are out of order or nested ({found}): programs show such a cell each their own way, not "
                "as it is read here")
    return next(("it " + found for p in paragraphs if (found := _effect_doubt(p, qn, styles) or
                                                       _version_doubt(p, qn) or _drawn_otherwise(p, qn, styles))), "")


# Run formatting Word and LibreOffice 7.4 draw otherwise (their prints of 建德's plan, a 1 so set before 4):
# - hidden in Web layout only (w:webHidden): Word shows and prints it in Print layout (14), LibreOffice hides it
#   (4), as does Word's Web layout. Word puts it on a table of contents' page numbers (read as hidden, no figure in
#   prose is read from them); in a table cell holding a digit it is a doubt;
# - two lines in one (双行合一, w:eastAsianLayout w:combine) or turned in the line (纵横混排, w:vert): LibreOffice
#   stacks the run small at the top of the line (a 1 before 4 prints as a raised small 1 and 4; 14 as a small 14),
#   or turns it, Word stacks the two halves of the run: a doubt where the halves or the run cut a figure
#   (_combined_cuts), or a digit is turned.
# A run holding a digit so set in a table cell is a doubt (in prose, such formatting is read as Word prints it).
def _drawn_otherwise(p, qn, styles: _Styles) -> str:
    """Why a cell's paragraph shows otherwise by the program, by its runs' formatting (see above), or ''."""
    if not {qn(name) for name in ("w:webHidden", "w:eastAsianLayout")} & styles.used:
        return ""
    for node in p.iter(qn("w:t")):
        if not DIGIT.search(node.text or "") or _in_fallback(node) or styles.hidden(node, web_layout=False):
            continue
        if styles.on(node, "w:webHidden"):
            texts = {web: "".join(text for text, _ in _paragraph_pieces(p, qn, styles, web_layout=web)).strip()
                     for web in (True, False)}
            return (f"holds '{node.text.strip()[:20]}' set as hidden in Web layout only (w:webHidden): Word shows "
                    f"and prints '{texts[False][:30]}', LibreOffice 7.4 and Word's Web layout show "
                    f"'{texts[True][:30]}'")
        layout = styles.property(node, "w:eastAsianLayout")
        if layout is not None and layout.get(qn("w:vert"), "0").lower() in ON:
            return (f"holds '{node.text.strip()[:20]}' turned in the line (纵横混排, w:eastAsianLayout vert): "
                    "LibreOffice 7.4 turns it, Word turns it only in vertical text")
        if layout is not None and layout.get(qn("w:combine"), "0").lower() in ON and _combined_cuts(node, p, qn,
                                                                                                   styles):
            return (f"holds '{node.text.strip()[:20]}' set as two lines in one (双行合一, w:eastAsianLayout "
                    "combine) through a figure: Word stacks the run's halves, LibreOffice 7.4 sets it small at the "
                    "top of the line")
    return ""


def _combined_cuts(node, p, qn, styles: _Styles) -> bool:
    """Whether a run set two lines in one (双行合一) cuts a figure: its halves (either middle of an odd count) part
    two of a figure's characters, or the figure goes on outside the run. A header or a figure whose halves part no
    figure (2020年完成值: 2020年 over 完成值 in Word, small on one line in LibreOffice) is read as either shows it."""
    from helpers.extract.documents.model import FIGURE_CHARACTERS
    text = node.text or ""
    middles = {len(text) // 2, (len(text) + 1) // 2}
    if any(0 < k < len(text) and text[k - 1] in FIGURE_CHARACTERS and text[k] in FIGURE_CHARACTERS
           for k in middles):
        return True
    pieces = [(at, piece) for at, piece, _ in _pieces_with_nodes(p, qn, styles) if piece]
    k = next((i for i, (at, _) in enumerate(pieces) if at is node), None)
    if k is None:
        return False
    before, after = pieces[k - 1][1] if k else "", pieces[k + 1][1] if k + 1 < len(pieces) else ""
    return bool(before and text and before[-1] in FIGURE_CHARACTERS and text[0] in FIGURE_CHARACTERS) or \
        bool(after and text and text[-1] in FIGURE_CHARACTERS and after[0] in FIGURE_CHARACTERS)


def _shown_alike_in_prose(path: Path, p, qn, styles: _Styles, place: Place) -> None:
    """Refused, with the paragraph named: a digit a text effect shows in one program and not in another (where it is
    worked out: a gradient fill on a heading is read as its colour says), or in one version of two (see above)."""
    found = _effect_doubt(p, qn, styles, told_only=True, digits_only=True) or _version_doubt(p, qn)
    if found:
        raise InputError(path, place, f"this paragraph {found}, so the figure the reader sees cannot be told",
                         "open the document in Word and look at the paragraph; ask the office which figure is "
                         "meant. Then have the office publish the plan without the effect (Word: select the text, "
                         "字体 → 文字效果 → 无填充/纯色; a version for other programs goes when saved in Word 2007 "
                         "format and back), or print it to PDF from the program that shows the figure meant, name "
                         "the PDF in config/sources.yaml and run `make manifest`.")


def _read_whole_in_prose(path: Path, p, qn, styles: _Styles, place: Place) -> None:
    """Refused, with the paragraph named: a figure whose digits are set at different heights at one size, or set
    apart or run into each other (_set_apart), which a reader may read whole or in parts."""
    found = _set_apart(p, qn, styles)
    if found:
        raise InputError(path, place, f"this paragraph {found}, so the figure the reader sees cannot be told",
                         "open the document in Word and look at the figure; ask the office which figure is meant. "
                         "Then have the office publish the plan with the figure set on its line (select it, 字体 → "
                         "高级 → 字符间距: 缩放 100%, 位置 标准, 间距 标准), name the corrected file in "
                         "config/sources.yaml and run `make manifest`.")


def _effect_doubt(p, qn, styles: _Styles, told_only: bool = False, digits_only: bool = False) -> str:
    """Why a paragraph's text shows otherwise in Word than in LibreOffice by a Word 2010 text effect, or ''.
    told_only: only where Word's showing is worked out; digits_only: only a text holding a digit."""
    if not styles.effects:
        return ""
    for node in p.iter(qn("w:t")):
        if not (node.text or "").strip() or _in_fallback(node) or (digits_only and not DIGIT.search(node.text)):
            continue
        effects = {name: element for name in TEXT_EFFECTS
                   if (element := styles.property(node, "w14:" + name)) is not None}
        if not effects:
            continue
        libreoffice = _seen(node, p, qn, styles) is not False
        word = _seen_with_effects(effects, libreoffice, node, p, qn, styles)
        if word == libreoffice or (told_only and word is None):
            continue
        said = ", ".join(f"w14:{name}" + (f" ({_effect_fill(element)})" if name in ("textFill", "textOutline") else "")
                         for name, element in effects.items())
        texts = {seen: "".join(text for text, _ in _paragraph_pieces(p, qn, styles, {node: seen})).strip()
                 for seen in (True, False)}
        at = next((i for i, (a, b) in enumerate(zip(texts[True], texts[False])) if a != b), len(texts[False]))
        shows = lambda seen: f"'{texts[seen][max(0, at - 15):at + 15]}'"    # noqa: E731 (around the difference)
        in_word = (f"Word 2010 and later show {shows(word)}" if word is not None else
                   "Word 2010 and later draw it as the effect says, which is not worked out here")
        return (f"holds '{node.text.strip()[:20]}' set with a Word 2010 text effect ({said}): {in_word}; "
                f"LibreOffice and WPS, which ignore the effect and draw it in its colour, show {shows(libreoffice)}")
    return ""


def _effect_fill(element) -> str:
    """How a w14:textFill or w14:textOutline fills: no fill, a colour, a gradient … (its first child's name)."""
    child = next((child for child in element if isinstance(child.tag, str)), None)
    return child.tag.removeprefix(W14) if child is not None else "nothing said"


def _seen_with_effects(effects: dict, in_colour: bool, node, p, qn, styles: _Styles) -> bool | None:
    """Whether Word shows the run's text with its text effects (`effects`: name → w14 element), given whether it is
    seen in its colour; None where that is not worked out (a gradient, a see-through colour, a glow or a shadow
    around text not filled, a wide outline in the colour behind)."""
    fill = in_colour if "textFill" not in effects else _effect_seen(effects["textFill"], node, p, qn, styles)
    outline = effects.get("textOutline")
    line = False if outline is None else _effect_seen(outline, node, p, qn, styles)
    if fill is None or line is None:
        return None
    if fill:
        try:
            thick = outline is not None and int(outline.get(W14 + "w", "0")) >= THICK_OUTLINE_EMU
        except ValueError:
            thick = True
        return None if thick and not line and _effect_fill(outline) != "noFill" else True
    if line:
        return True
    return None if any(name in effects for name in ADDING_INK) else False


def _effect_seen(element, node, p, qn, styles: _Styles) -> bool | None:
    """Whether a w14:textFill's (or w14:textOutline's) fill stands out from what is behind the run: False for no
    fill, by contrast for a plain colour; None for anything else (a gradient, a colour see-through or not read)."""
    from helpers.extract.documents.styles import MIN_CONTRAST, contrast
    child = next((child for child in element if isinstance(child.tag, str)), None)
    if child is None or child.tag not in (W14 + "noFill", W14 + "solidFill"):
        return None
    if child.tag == W14 + "noFill":
        return False
    colour = styles.palette.drawing_colour(child, W14)
    behind = _behind(node, p, qn, styles) if colour is not None else None
    return None if behind is None else contrast(colour, behind) >= MIN_CONTRAST


def _version_doubt(p, qn) -> str:
    """Why a paragraph shows otherwise by the program (mc:AlternateContent, see above), or '': versions of its text
    that differ, one with a digit; a version of formatting, in a paragraph with a digit."""
    for alternate in p.iter(ALTERNATE):
        if _in_fallback(alternate) or any(parent.tag == ALTERNATE for parent in alternate.iterancestors()):
            continue
        versions = [(child.get("Requires", "") if child.tag == CHOICE else "",
                     re.sub(r"\s+", "", "".join(node.text or "" for node in child.iter(qn("w:t")))))
                    for child in alternate if child.tag in (CHOICE, FALLBACK)]
        if not any(child.tag == FALLBACK for child in alternate):
            versions.append(("", ""))
        in_properties = any(parent.tag in {qn(name) for name in PROPERTIES} for parent in alternate.iterancestors())
        if in_properties and DIGIT.search("".join(node.text or "" for node in p.iter(qn("w:t")))):
            return ("gives formatting in versions for different programs (mc:AlternateContent, in "
                    f"{next(parent for parent in alternate.iterancestors()).tag.split('}')[-1]}): Word 2010 and "
                    "later apply one, other programs another, and this reader neither")
        texts = {text for _, text in versions}
        first = versions[0][0].split() if versions[0][0] else ["?"]
        if all(part in KNOWN_BY_ALL for part in first):
            continue        # (every program here shows the first version, and it is read)
        if len(texts) > 1 and any(DIGIT.search(text) for text in texts):
            said = "; ".join(f"'{text[:20]}' for programs that know {required}" if required else
                             f"'{text[:20]}' for the others" for required, text in versions)
            return ("holds text in versions for different programs (mc:AlternateContent): " + said + ". Each program "
                    "shows the first version whose part it knows (Word 2013 and later know w15, LibreOffice 7.4 "
                    "does not), and this reader reads the first")
    return ""


def _field_doubt(paragraphs: list, qn) -> str:
    """Why a cell's fields make its figure one programs show otherwise (see above), or '': walked in order, each
    complex field's begin, separate and end, and its instruction between begin and separate. A part out of order is
    said before a field nested in another's instruction."""
    parts = (qn("w:fldChar"), qn("w:fldSimple"), qn("w:instrText"), qn("w:delInstrText"))
    if all(next(p.iter(*parts), None) is None for p in paragraphs) or not any(
            DIGIT.search(node.text or "") for p in paragraphs
            for node in p.iter(qn("w:t"), qn("w:instrText"), qn("w:delInstrText"))):
        return ""
    fields: list[bool] = []        # each complex field open: whether it has reached its separate (its result)
    nested = ""
    for p in paragraphs:
        for node in p.iter(*parts):
            if _in_fallback(node):
                continue
            kind = node.get(qn("w:fldCharType")) if node.tag == qn("w:fldChar") else node.tag
            if kind in ("begin", qn("w:fldSimple")) and (fields and not fields[-1] or any(
                    parent.tag == qn("w:fldSimple") for parent in node.iterancestors())):
                nested = "a field nested in another field's instruction, which Word leaves out and LibreOffice may show"
            problem = _field_part(kind, node, fields, qn)
            if problem:
                return problem
    return "a field begun (w:fldChar begin) and never ended in the cell" if fields else nested


def _field_part(kind: str, node, fields: list[bool], qn) -> str:
    """One part of a cell's fields in order (_field_doubt): `fields` kept up to date; what is out of order, or ''."""
    in_instruction = bool(fields) and not fields[-1]
    if kind == "begin":
        fields.append(False)
    elif kind == "separate" and not in_instruction:
        return "a field's separator (w:fldChar separate) with no field begun, or a second one"
    elif kind == "separate":
        fields[-1] = True
    elif kind == "end" and not fields:
        return "a field's end (w:fldChar end) with no field begun"
    elif kind == "end":
        fields.pop()
    elif kind == qn("w:instrText") and not in_instruction:
        return (f"a field's instruction text '{(node.text or '').strip()[:10]}' outside a field's instruction, which "
                "LibreOffice shows")
    elif kind == qn("w:delInstrText") and not any(parent.tag in (DELETED, MOVED_AWAY)
                                                  for parent in node.iterancestors()):
        return (f"deleted instruction text '{(node.text or '').strip()[:10]}' outside a deletion, which LibreOffice "
                "shows")
    return ""


# A text box placed by its anchor (floating: a DrawingML wp:anchor, or a VML shape at position:absolute) stands
# where its position puts it, not in the line of the paragraph it is anchored in, where its text is stored: a 1 in a
# box anchored in a paragraph above the table and placed by the page over the blank before 20左右 shows as 120左右
# (LibreOffice's PDF, pdftotext -layout), and 20 was read; a box holding 20左右 anchored in the 2030 cell and placed
# one column to the right shows the cell empty and 20左右 over 预期性, and was read as the 2030 target. Where it
# lands would take the page's layout to tell (the lines above it, the rows' heights), so:
# - a floating box anchored in a table cell is read as the cell's text only where it surely sits in that cell:
#   laid out in the cell (layoutInCell), placed from the cell's column and its first paragraph at offsets of zero
#   or more, and no wider than the cell nor taller than the row is at least (its set height, or a line of text
#   for each of the cell's paragraphs); any other holding text stops the run with the cell named;
# - a floating box holding a digit anchored outside the tables, in a document with a table, stops the run with
#   its paragraph named: it may stand over a table's cell.
# An inline box (wp:inline, a VML shape in the line) stands in its line, and is read there.
WORD_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
VML = "urn:schemas-microsoft-com:vml"
VML_TEXT_BOX = "{urn:schemas-microsoft-com:vml}textbox"
EMU_PER_TWIP = 635
# VML lengths in twips (a point is 20; a pixel 15, at 96 to the inch)
VML_UNITS = {"pt": 20.0, "in": 1440.0, "cm": 1440 / 2.54, "mm": 144 / 2.54, "pc": 240.0, "px": 15.0, "": 15.0}
WORD_CELL_MARGIN = 108      # twips, each side: Word's default left and right cell margins


def _floating_boxes(p, qn):
    """The paragraph's text boxes placed by their anchor, not inline, that are not a fallback copy: (the element
    that places it, wp:anchor or the VML shape; the box's text)."""
    for content in p.iter(TEXT_BOX):
        if _in_fallback(content) or any(parent.tag == TEXT_BOX for parent in content.iterancestors()):
            continue
        placing = next((parent for parent in content.iterancestors()
                        if parent.tag in (WORD_DRAWING + "anchor", WORD_DRAWING + "inline")
                        or (parent.tag.startswith("{" + VML + "}") and parent.tag != VML_TEXT_BOX
                            and parent.get("style") is not None)), None)
        if placing is None or placing.tag == WORD_DRAWING + "inline" or (
                placing.tag.startswith("{" + VML + "}") and
                _vml_style(placing).get("position", "").strip() != "absolute"):
            continue
        yield placing, "".join(node.text or "" for node in content.iter(qn("w:t"))).strip()


def _vml_style(element) -> dict[str, str]:
    return {key.strip().lower(): value.strip().lower() for key, _, value in
            (part.partition(":") for part in (element.get("style") or "").split(";")) if key.strip()}


def _no_digit_placed_away(path: Path, p, qn, place: Place) -> None:
    """Refused: a floating text box holding a digit, anchored in this paragraph outside the tables (see above)."""
    for _, text in _floating_boxes(p, qn):
        if DIGIT.search(text):
            raise InputError(path, place, f"a text box holding '{text[:20]}' is anchored in this paragraph but placed "
                             "by its own position on the page, not in the paragraph's line: it may stand over a cell "
                             "of the plan's table (a 1 before 20 shows as 120), so the figures the reader sees cannot "
                             "be told", BOX_FIX)


def _boxes_in_their_cell(path: Path, p, qn, place: Place, room) -> None:
    """Refused: a floating text box holding text, anchored in this cell's paragraph, that does not surely sit in
    the cell (see above). `room()`: the cell's width and the row's least height (twips), for the cell's first
    paragraph; None for another."""
    for placing, text in _floating_boxes(p, qn):
        if text and ((found := room()) is None or not _sits_in(placing, *found)):
            raise InputError(path, place, f"a text box holding '{text[:20]}' is anchored in this cell but placed by "
                             "its own position, which may put it over another cell or beside the table: its text "
                             "is stored here, and what this cell and the others show cannot be told", BOX_FIX)


# Headers and footers are not read (nothing of a plan's is in them), but a text box placed by its anchor in one may
# stand anywhere on the page, over the body too (as a watermark does): a 1 in a header's box placed over the blank
# before 20左右 prints as 120左右 (LibreOffice's PDF, pdftotext -layout, for a VML box; a DrawingML box's anchor
# places it by the page just as well, as Word's watermarks are placed, though LibreOffice drew that one at the
# page's corner). It never surely sits in a cell, so one holding a digit, in a document with a table, stops the
# run, as a body box anchored outside the tables does. A page number (a PAGE, NUMPAGES or SECTIONPAGES field, as WPS
# puts one in a text box in the footer) is not such a digit; a box in the line of its header, or holding no digit,
# is passed over.
PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")


def _no_digit_over_the_page(path: Path, document, qn) -> None:
    """Refused: a floating text box holding a digit (not a page number) in a header or footer (see above)."""
    for part in document.part.package.iter_parts():
        name = str(part.partname).lstrip("/")
        kind = "header" if name.startswith("word/header") else "footer" if name.startswith("word/footer") else None
        element = getattr(part, "element", None) if kind else None
        if element is None:
            continue
        for p in element.iter(qn("w:p")):
            if _in_text_box(p):
                continue      # (a box's own paragraphs: the box is looked at from the paragraph it is anchored in)
            for placing, _ in _floating_boxes(p, qn):
                text = _text_but_page_numbers(placing, qn)
                if DIGIT.search(text):
                    raise InputError(path, f"the page {kind} ({name})", f"a text box holding '{text.strip()[:20]}' "
                                     f"in the page {kind} is placed by its own position on the page, which may put "
                                     "it over a cell of the plan's table (a 1 before 20 shows as 120), so the figures "
                                     "the reader sees cannot be told",
                                     f"open the document in Word or WPS, double-click the page {kind} "
                                     f"({'页眉' if kind == 'header' else '页脚'}) and look at the text box: delete "
                                     "it, or set it in line with the text (布局选项 → 嵌入型, Layout Options → In "
                                     "Line with Text); save the document and run `make manifest`.")


def _text_but_page_numbers(placing, qn) -> str:
    """The text of the box that `placing` places, less the results of its page-number fields (PAGE_FIELDS), simple
    (w:fldSimple) or complex (w:fldChar begin, w:instrText, separate, result, end)."""
    content = next(placing.iter(TEXT_BOX), None)
    if content is None:
        return ""
    kept, fields = [], []      # fields: for each complex field open, [its instruction, whether in its result]
    for node in content.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.append(["", False])
            elif kind == "separate" and fields:
                fields[-1][1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif node.tag == qn("w:instrText"):
            if fields:
                fields[-1][0] += node.text or ""
        elif not any(_page_field(instruction) for instruction, in_result in fields if in_result) and not any(
                parent.tag == qn("w:fldSimple") and _page_field(parent.get(qn("w:instr"), ""))
                for parent in node.iterancestors()):
            kept.append(node.text or "")
    return "".join(kept)


def _page_field(instruction: str) -> bool:
    return (instruction.split() or [""])[0].upper() in PAGE_FIELDS


BOX_FIX = ("open the document in Word or WPS and look at the text box: write its figure in the cell or the text "
           "itself and delete the box, or set the box in line with the text (布局选项 → 嵌入型, Layout Options → In "
           "Line with Text); save the document and run `make manifest`.")


def _sits_in(placing, width: float, height: float) -> bool:
    """Whether the floating box placed by `placing` (wp:anchor, or a VML shape) surely lies within a cell of this
    width and least height (twips), placed from the cell's column and its first paragraph."""
    if placing.tag == WORD_DRAWING + "anchor":
        extent = placing.find(WORD_DRAWING + "extent")
        across, down = placing.find(WORD_DRAWING + "positionH"), placing.find(WORD_DRAWING + "positionV")
        if placing.get("layoutInCell", "0").lower() not in ON or placing.get("simplePos", "0").lower() in ON or \
                extent is None or across is None or down is None or across.get("relativeFrom") != "column" or \
                down.get("relativeFrom") != "paragraph":
            return False
        try:
            box_width, box_height = (int(extent.get(key, "")) / EMU_PER_TWIP for key in ("cx", "cy"))
            x, y = (_drawing_offset(position, aligned) for position, aligned in
                    ((across, ("left", "center", "right")), (down, ("top",))))
        except ValueError:
            return False
    else:
        style = _vml_style(placing)
        if any(parent.tag == "{" + VML + "}group" for parent in placing.iterancestors()) or \
                placing.get("{urn:schemas-microsoft-com:office:office}allowincell", "t").lower() in OFF | {"f"} or \
                style.get("mso-position-horizontal-relative", "text") != "text" or \
                style.get("mso-position-vertical-relative", "text") != "text":
            return False
        try:
            box_width, box_height, x, y = (_vml_length(style.get(key, default)) for key, default in (
                ("width", ""), ("height", ""), ("margin-left", "0"), ("margin-top", "0")))
        except ValueError:
            return False
        if style.get("mso-position-horizontal", "absolute") in ("left", "center", "right"):
            x = 0
        elif style.get("mso-position-horizontal", "absolute") != "absolute":
            return False
    return x >= 0 and y >= 0 and x + box_width <= width and y + box_height <= height


def _drawing_offset(position, aligned: tuple[str, ...]) -> float:
    """A wp:positionH or wp:positionV's offset (twips): its posOffset, or 0 where it is aligned to the start (or,
    across, anywhere: the box no wider than the cell is then in it); ValueError for any other."""
    offset, align = position.find(WORD_DRAWING + "posOffset"), position.find(WORD_DRAWING + "align")
    if offset is not None:
        return int((offset.text or "").strip()) / EMU_PER_TWIP
    if align is not None and (align.text or "").strip() in aligned:
        return 0.0
    raise ValueError(position)


def _vml_length(written: str) -> float:
    """A VML style length (71pt, 1.2in, 40px) in twips; ValueError for none or another."""
    found = re.fullmatch(r"(-?[0-9.]+)\s*([a-z]*)", written.strip())
    if not found or found.group(2) not in VML_UNITS:
        raise ValueError(written)
    return float(found.group(1)) * VML_UNITS[found.group(2)]


def _cell_room(tbl, tr, tc, column: int, qn, styles: _Styles) -> tuple[float, float]:
    """The cell's width for its text (twips: its grid columns' widths less the cell margins, else its own w:tcW)
    and the least height of its row: its set height (w:trHeight, at least or exactly), or a line of text at the
    document's default size for each of the cell's paragraphs, whichever is more."""
    span = _find(tc, qn, "w:tcPr", "w:gridSpan")
    try:
        columns = [int(c.get(qn("w:w"), "0")) for c in _children(_find(tbl, qn, "w:tblGrid"), "w:gridCol", qn)] \
            if _find(tbl, qn, "w:tblGrid") is not None else []
        count = int(span.get(qn("w:val"), "1")) if span is not None else 1
        width = float(sum(columns[column:column + count])) if len(columns) >= column + count else 0.0
        own = _find(tc, qn, "w:tcPr", "w:tcW")
        if not width and own is not None and own.get(qn("w:type"), "dxa") == "dxa":
            width = float(own.get(qn("w:w"), "0"))
        margins = _find(tbl, qn, "w:tblPr", "w:tblCellMar")
        sides = [_find(margins, qn, side) for side in ("w:left", "w:right")] if margins is not None else [None, None]
        width -= sum(float(side.get(qn("w:w"), WORD_CELL_MARGIN)) if side is not None else WORD_CELL_MARGIN
                     for side in sides)
        set_height = _find(tr, qn, "w:trPr", "w:trHeight")
        height = float(set_height.get(qn("w:val"), "0")) if set_height is not None and \
            set_height.get(qn("w:hRule"), "atLeast") != "auto" else 0.0
    except ValueError:
        return 0.0, 0.0
    lines = len(list(_children(tc, "w:p", qn))) * styles.default_size * 20
    return width, max(height, lines)


def _in_text_box(node) -> bool:
    return any(parent.tag in (TEXT_BOX, FALLBACK) for parent in node.iterancestors())


# Fields whose shown result a viewer computes anew, not the stored one (LibreOffice on opening, Word when it
# prints or updates): a formula (=), a condition (IF: { IF { PAGE } = 9 "14" "15" } stored 14, LibreOffice printed 3),
# a page, section or count, a date or time, a cross-reference (REF, NOTEREF, PAGEREF, STYLEREF), a number sequence,
# a document property or variable, a mail-merge field. QUOTE, HYPERLINK and a form field's text are shown as stored.
RECOMPUTED_FIELDS = {"IF", "PAGE", "NUMPAGES", "SECTION", "SECTIONPAGES", "REF", "NOTEREF", "PAGEREF", "STYLEREF",
                     "SEQ", "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE", "EDITTIME", "DOCPROPERTY",
                     "DOCVARIABLE", "INFO", "NUMWORDS", "NUMCHARS", "FILESIZE", "REVNUM", "AUTONUM", "AUTONUMLGL",
                     "AUTONUMOUT", "LISTNUM", "COMPARE", "SET", "ASK", "FILLIN", "MERGEFIELD", "MERGEREC", "MERGESEQ",
                     "NEXTIF", "SKIPIF", "BIDIOUTLINE", "USERPROPERTY", "TITLE", "SUBJECT", "KEYWORDS", "COMMENTS",
                     "AUTHOR", "LASTSAVEDBY", "TEMPLATE", "FILENAME", "USERNAME", "USERINITIALS", "USERADDRESS"}


def _recomputed(instruction: str, dirty: bool, nested: bool, in_cell: bool, result: str = "",
                properties: dict | None = None) -> bool:
    """Whether a field's shown result may be computed anew: a formula, a condition (IF), one marked dirty or one
    with another field nested in its instruction (viewers disagree: Word 14, LibreOffice 3); in a table cell also
    any field of RECOMPUTED_FIELDS (in prose a page number or a cross-reference, 见表1, is no figure read), but a
    document property that holds the stored result (_as_its_property)."""
    name = (instruction.split() or [""])[0].upper()
    if dirty or nested or name.startswith("=") or name == "IF":
        return True
    return in_cell and name in RECOMPUTED_FIELDS and not (name == "DOCPROPERTY" and
                                                          _as_its_property(instruction, result, properties or {}))


# A document property field (DOCPROPERTY) shows the stored result in LibreOffice 7.4 for a property of the document's
# own (文件 → 属性 → 自定义, docProps/custom.xml; its print: the stored 14 whether the property holds 14, 99 or
# nothing), and Word shows the stored result until it updates the field, then the property. Where the property holds
# the stored result, every program shows it, whether it computes the field anew or not: read. Word's built-in
# properties (Title, Pages, Words …; LibreOffice computes them: the stored 14 of a Title field printed as the empty
# title) and a date or text format switch (\@, \* Upper) are not; a number format switch is worked out (below). A
# sequence number (SEQ) in a cell stays a doubt: LibreOffice counts it anew (a SEQ stored 20 printed 1).
PROPERTY_FIELD = re.compile(r'\s*DOCPROPERTY\s+(?:"([^"]*)"|(\S+))((?:\s*\\\*\s*(?:MERGEFORMAT|CHARFORMAT)|'
                            r'\s*\\#\s*(?:"[^"]*"|[^\s"\\]+))*)\s*', re.IGNORECASE)
# A number format switch (\# 0.0, \# "#,##0.00"): the property's number as Word shows it, where the picture is only
# digit places (0, #), a decimal point and thousands commas and the number needs no rounding to fit it (property 20,
# \# 0.0: 20.0; 20.25 under \# 0.0 is not worked out). Word shows the number so once it updates the field, and every
# program the stored result: where the two agree, the figure is read.
NUMBER_PICTURE = re.compile(r'\\#\s*(?:"([^"]*)"|([^\s"\\]+))')
PICTURE = re.compile(r"([#0,]*)(?:\.([0#]*))?")
BUILT_IN_PROPERTIES = {"title", "subject", "author", "keywords", "comments", "template", "lastsavedby",
                       "revisionnumber", "totaleditingtime", "lastprinted", "createtime", "lastsavetime", "pages",
                       "words", "characters", "application", "security", "category", "format", "manager", "company",
                       "bytes", "lines", "paragraphs", "slides", "notes", "hiddenslides", "mmclips", "hyperlinkbase",
                       "characterswithspaces", "linksuptodate", "scalecrop", "sharedoc"}
CUSTOM_PROPERTY = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


def _as_its_property(instruction: str, result: str, properties: dict[str, str]) -> bool:
    """Whether a DOCPROPERTY field's stored result is what its property of the document's own holds (see above)."""
    found = PROPERTY_FIELD.fullmatch(instruction)
    if found is None:
        return False
    name = (found.group(1) if found.group(1) is not None else found.group(2)).lower()
    if name in BUILT_IN_PROPERTIES or name not in properties:
        return False
    shown = properties[name].strip()
    for picture in NUMBER_PICTURE.finditer(found.group(3)):
        shown = _as_pictured(shown, picture.group(1) if picture.group(1) is not None else picture.group(2))
    return shown is not None and shown == result.strip()


def _as_pictured(number: str | None, picture: str) -> str | None:
    """A number as a field's number format switch (\\# picture) shows it (see above); None where not worked out."""
    from decimal import Decimal, InvalidOperation
    found = PICTURE.fullmatch(picture.strip())
    if number is None or found is None or not picture.strip():
        return None
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    whole, decimals = found.group(1), found.group(2) or ""
    if not value.is_finite() or value.as_tuple().exponent < -len(decimals):
        return None         # (rounding to the picture is not worked out)
    least = len(decimals.rstrip("#"))
    text = f"{abs(value):{',' if ',' in whole else ''}.{len(decimals)}f}"
    if len(decimals) > least:
        text = text[:max(len(text.rstrip("0")), len(text) - len(decimals) + least)]
    text = text.rstrip(".")
    digits = len(text.split(".")[0].replace(",", ""))
    if whole.count("0") > digits:
        text = "0" * (whole.count("0") - digits) + text
    elif whole and whole.count("0") == 0 and text.split(".")[0] == "0" and "." in text:
        text = text[1:]    # (#.0 shows 0.5 as .5)
    return ("-" if value < 0 else "") + text


def _custom_properties(document) -> dict[str, str]:
    """The document's own properties (docProps/custom.xml): name (lower case, as Word matches them) → value as
    text; {} where it has none or they cannot be read."""
    from lxml import etree
    part = next((part for part in document.part.package.iter_parts()
                 if str(part.partname) == "/docProps/custom.xml"), None)
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return {}
    return {(prop.get("name") or "").lower(): "".join(prop.itertext()) for prop in root.iter(CUSTOM_PROPERTY)}


def _fields(p, qn) -> tuple[set, list[tuple[str, str, bool, bool]]]:
    """A paragraph's fields: the nodes that lie in a field's instruction (between a complex field's begin and
    separate, at any depth: the result of a field nested there, { IF { PAGE } = 9 "14" "15" }, is part of the outer
    field's instruction, which no viewer shows; it was read 914; a field left open at the paragraph's end keeps its
    text, as before), and each field (simple, w:fldSimple, or complex,
    w:fldChar) as its instruction, its stored result, whether it is marked dirty and whether a field is nested in
    its instruction."""
    if next(p.iter(qn("w:fldChar"), qn("w:fldSimple")), None) is None:
        return set(), []
    instruction_nodes, found, simple, open_fields = set(), [], [], []
    for node in p.iter():
        outer = next((field for field in open_fields if field["result"] is None), None)   # in its instruction
        if outer is not None and node.tag != qn("w:fldChar"):
            outer["code"].append(node)      # instruction once the field reaches its separate or end here
        if outer is not None and (node.tag == qn("w:fldSimple") or node.get(qn("w:fldCharType")) == "begin"):
            outer["nested"] = True
        if node.tag == qn("w:fldSimple"):
            simple.append(node)
        elif node.tag == qn("w:fldChar"):
            _field_char(node.get(qn("w:fldCharType")), _dirty(node, qn), open_fields, instruction_nodes, found)
        elif node.tag == qn("w:instrText") and open_fields:
            open_fields[-1]["instruction"] += node.text or ""
        elif node.tag == qn("w:t") and outer is None:
            for field in open_fields:
                field["result"] += node.text or ""
    found += [(element.get(qn("w:instr"), ""),
               "".join(t.text or "" for t in element.iter(qn("w:t")) if t not in instruction_nodes),
               _dirty(element, qn), False) for element in simple]
    return instruction_nodes, found


def _field_char(kind: str | None, dirty: bool, open_fields: list[dict], instruction_nodes: set, found: list) -> None:
    """A complex field's begin, separate or end (w:fldChar), met walking a paragraph (_fields)."""
    if kind == "begin":
        open_fields.append({"instruction": "", "result": None, "nested": False, "dirty": dirty, "code": []})
        return
    if kind not in ("separate", "end") or not open_fields:
        return
    instruction_nodes.update(open_fields[-1]["code"])
    open_fields[-1]["code"] = []
    if kind == "separate":
        open_fields[-1]["result"] = ""
        return
    field = open_fields.pop()
    if field["result"] is not None:
        found.append((field["instruction"], field["result"], field["dirty"], field["nested"]))


def _dirty(element, qn) -> bool:
    return element.get(qn("w:dirty"), "false").lower() in ("true", "1", "on")


def _recomputed_field_results(p, qn, in_cell: bool, properties: dict | None = None) -> list[str]:
    """The results (text as stored) of the paragraph's fields whose shown result may be computed anew
    (_recomputed), simple (w:fldSimple) or complex (w:fldChar begin, w:instrText, separate, result, end)."""
    return [result for instruction, result, dirty, nested in _fields(p, qn)[1]
            if _recomputed(instruction, dirty, nested, in_cell, result, properties)]


# Word's own limit on a table's columns is 63; LibreOffice's is larger. No plan's table comes near this.
MAX_COLUMNS = 200


def _span(path: Path, written: str, place: Place, used: int) -> int:
    """A cell's column span (w:gridSpan) as a number of columns; a damaged one (not a number, or past MAX_COLUMNS
    with the row's cells before it: 100 million columns made as many cells) is refused."""
    try:
        span = int(written)
    except ValueError:
        raise _damaged(path, place, f"'{written}'") from None
    if used + span > MAX_COLUMNS:
        raise _damaged(path, place, f"'{written}'")
    return max(1, span)


def _damaged(path: Path, place: Place, columns: str) -> InputError:
    return InputError(path, place, f"a row of this table spans {columns} columns (a Word table has at most 63): the "
                      "document is damaged",
                      "open it in Word or WPS, which repair such tables, and save it again as .docx; or ask the office "
                      "for the file again. Then run `make manifest`.")


def _grid_skipped(path: Path, tr, name: str, qn, number: int, r: int) -> int:
    """The grid columns a row leaves out before its first cell (w:gridBefore): Word shows its cells that many
    columns to the right. Not counted, the row's figures were read under the headers to their left."""
    properties = tr.find(qn("w:trPr"))
    found = properties.find(qn(name)) if properties is not None else None
    if found is None:
        return 0
    return _span(path, found.get(qn("w:val"), "0"), Place(table=number, row=r, column=1), 0) \
        if found.get(qn("w:val"), "0") != "0" else 0


# The parts that keep a document's notes apart from its text, and the elements that anchor one in the text.
NOTE_PARTS = {"footnote": "/relationships/footnotes", "endnote": "/relationships/endnotes",
              "comment": "/relationships/comments"}
NOTE_ANCHORS = {"w:footnoteReference": "footnote", "w:endnoteReference": "endnote",
                "w:commentReference": "comment", "w:commentRangeStart": "comment"}


def _notes_apart(path: Path, document, qn, styles: _Styles) -> dict[tuple[str, str], str]:
    """The document's footnotes, endnotes and comments (Insert Footnote, Insert Endnote, New Comment), each's text
    as Word shows it, by (kind, w:id). A footnote on a table's cell, unread, left the figures it speaks of
    (2025年数据为预计数) firm actuals (redteam19 finding 1)."""
    from docx.oxml import parse_xml
    found: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        kind = next((k for k, end in NOTE_PARTS.items() if rel.reltype.endswith(end)), None)
        if kind is None or rel.is_external:
            continue
        blob = rel.target_part.blob
        if len(blob) > limits.MAX_DOCUMENT_XML_BYTES:
            raise InputError(path, None, f"the Word document's {kind}s unpack to {len(blob) / 1e6:,.0f} MB, far more "
                             "than a plan's", "check that this is the plan, or ask the office for the file again.")
        for element in parse_xml(blob).iterchildren(qn(f"w:{kind}")):
            texts = [_paragraph_text(p, qn, styles) for p in element.iter(qn("w:p"))]
            found[(kind, element.get(qn("w:id"), ""))] = join_lines("\n".join(texts))
    return found


def _attached(paragraphs: list, qn, notes: dict[tuple[str, str], str]) -> tuple[AttachedNote, ...]:
    """The footnotes, endnotes and comments anchored in a cell's paragraphs, each once (not one deleted under Track
    Changes, nor a fallback copy)."""
    out: dict[tuple[str, str], AttachedNote] = {}
    names = {qn(name): kind for name, kind in NOTE_ANCHORS.items()}
    for p in paragraphs:
        for node in p.iter(*names):
            if any(parent.tag in (FALLBACK, MOVED_AWAY, DELETED) for parent in node.iterancestors()):
                continue
            key = (names[node.tag], node.get(qn("w:id"), ""))
            if key not in out:
                out[key] = AttachedNote(key[0], key[1], notes.get(key, ""), _custom_mark(node, qn))
    return tuple(out.values())


def _custom_mark(reference, qn) -> str:
    """A footnote's or endnote's custom mark (自定义标记: the text after its reference in its run), as the cell's text
    writes it (superscript: _Styles.position), or "" for Word's own numbering."""
    if reference.get(qn("w:customMarkFollows")) not in ("1", "true", "on"):
        return ""
    run = reference.getparent()
    return as_superscript("".join(t.text or "" for t in run.iterchildren(qn("w:t"))).strip())


def _grid(tbl, number: int, qn, path: Path, styles: _Styles,
          notes: dict[tuple[str, str], str] | None = None) -> list[list[GridCell]]:
    """The table's rows, merged cells expanded: a horizontal merge (gridSpan) and a vertical one (vMerge
    continue) repeat the merged cell's text, marked as spanned."""
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(_children(tbl, "w:tr", qn), 1):
        row: list[GridCell] = [GridCell("", Place(table=number, row=r, column=c))
                               for c in range(1, _grid_skipped(path, tr, "w:gridBefore", qn, number, r) + 1)]
        deleted = _find(tr, qn, "w:trPr", "w:del") is not None     # a row deleted under Track Changes
        for tc in _children(tr, "w:tc", qn):
            paragraphs = list(_children(tc, "w:p", qn))
            for k, p in enumerate(paragraphs):
                _no_digits_right_to_left(path, p, qn, Place(table=number, row=r, column=len(row) + 1))
                _nothing_unsure(path, p, qn, Place(table=number, row=r, column=len(row) + 1), in_cell=True)
                _boxes_in_their_cell(path, p, qn, Place(table=number, row=r, column=len(row) + 1),
                                     lambda: _cell_room(tbl, tr, tc, len(row), qn, styles) if k == 0 else None)
                _seen_alike(path, p, qn, styles, Place(table=number, row=r, column=len(row) + 1))
            pieces = [_paragraph_pieces(p, qn, styles) for p in paragraphs]
            text = join_lines("\n".join("".join(text for text, _ in piece).strip() for piece in pieces))
            doubt = _shown_otherwise(paragraphs, qn, styles) or \
                next(("it " + found for p in paragraphs if (found := _set_apart(p, qn, styles))), "") or \
                next((found for piece in pieces if (found := smaller_digit(piece))), "")
            unseen, why = ("", "") if text else _unseen_text(paragraphs, qn, styles)
            attached = _attached(paragraphs, qn, notes or {})
            nested = tc.find(qn("w:tbl")) is not None    # a table inside the cell: its text is not the cell's
            props = tc.find(qn("w:tcPr"))
            span, continues = 1, False
            if len(row) >= MAX_COLUMNS:
                raise _damaged(path, Place(table=number, row=r, column=len(row) + 1), f"more than {MAX_COLUMNS}")
            if props is not None:
                grid_span = props.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = _span(path, grid_span.get(qn("w:val"), "1"), Place(table=number, row=r, column=len(row) + 1),
                                 len(row))
                v_merge = props.find(qn("w:vMerge"))
                continues = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
            for k in range(span):
                column = len(row) + 1
                above = rows[-1][column - 1] if continues and rows and len(rows[-1]) >= column else None
                cell_text = above.text if above is not None else text
                row.append(GridCell(cell_text, Place(table=number, row=r, column=column),
                                    spanned=k > 0 or above is not None,
                                    holds_table=above.holds_table if above is not None else nested,
                                    doubt=above.doubt if above is not None else doubt,
                                    unseen=above.unseen if above is not None else unseen,
                                    unseen_why=above.unseen_why if above is not None else why,
                                    deleted=deleted,
                                    attached=above.attached + attached if above is not None else attached))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows, 1):
        row += [GridCell("", Place(table=number, row=r, column=c)) for c in range(len(row) + 1, width + 1)]
    return rows


def _open(path: Path, docx):
    with open(path, "rb") as file:     # (its first bytes alone: its size was checked, helpers.core.limits)
        head = file.read(8)
    if head.startswith(OLE_MAGIC):
        raise InputError(path, None, "this is not a .docx inside: it is an old Word (.doc) or WPS file, or a "
                         "password-protected document",
                         "open it in Word or WPS, remove any password (File → Info → Protect Document), and save it "
                         "as Word Document (.docx) under a .docx name; then run `make manifest`.")
    _not_too_large(path)
    try:
        return docx.Document(str(path))
    except PermissionError:
        raise
    except Exception as exc:   # python-docx's own, zipfile's, lxml's: the file is not a readable .docx
        raise InputError(path, None, f"the Word document cannot be opened: it is damaged or not a .docx "
                         f"({type(exc).__name__}: {str(exc)[:80]})",
                         "open it in Word or WPS (which offer to repair it) and save it again as .docx, or ask the "
                         "office for the file again; then run `make manifest`.") from None


def _not_too_large(path: Path) -> None:
    """What its parts unpack to, as the zip's directory declares (a part is never read past its declared size): each
    XML part, and the whole package, within helpers.core.limits' caps. Past them the file is not one plan, or is
    packed to blow up (a few MB zipped can unpack to gigabytes, more than the machine's memory)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            parts = [(info.filename, info.file_size) for info in package.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return      # not a readable .docx: python-docx names it
    xml = [(name, size) for name, size in parts if name.lower().endswith((".xml", ".rels"))]
    name, largest = max(xml, key=lambda part: part[1], default=("", 0))
    whole = sum(size for _, size in parts)
    if largest > limits.MAX_DOCUMENT_XML_BYTES:
        problem = (f"the Word document's part {name} unpacks to {largest / 1e6:,.0f} MB, far more than a plan's "
                   f"(its text some 0.2-5 MB, the other parts some kB; the limit is "
                   f"{limits.MAX_DOCUMENT_XML_BYTES / 1e6:.0f} MB a part, MAX_DOCUMENT_XML_BYTES in "
                   "helpers.core.limits), so it is not read")
    elif whole > limits.MAX_DOCUMENT_UNPACKED_BYTES:
        problem = (f"the Word document unpacks to {whole / 1e6:,.0f} MB, far more than a plan's (the limit is "
                   f"{limits.MAX_DOCUMENT_UNPACKED_BYTES / 1e6:.0f} MB, MAX_DOCUMENT_UNPACKED_BYTES in "
                   "helpers.core.limits), so it is not read")
    else:
        return
    raise InputError(path, None, problem,
                     "check that this is the plan: make a file of the plan alone (open it in Word or WPS, copy its "
                     "pages into a new .docx and save that), or ask the office for the file again; name it in "
                     "config/sources.yaml and run `make manifest`.")
