"""A Word document (.docx) as a Document, read with python-docx (MIT), which is exact on merged cells, also in
files re-saved by LibreOffice or WPS.

Places: body paragraphs are numbered 1, 2, … counting those with text, outside tables (第24段); table cells
are table N, row, column, counting every grid column (表1第3行第5列).
"""
from __future__ import annotations

from pathlib import Path

from helpers.core.errors import InputError
from helpers.core.values import as_subscript, as_superscript
from helpers.extract.documents.model import Document, Grid, GridCell, Paragraph, Place, join_lines

OLE_MAGIC = b"\xd0\xcf\x11\xe0"   # an old .doc, a .wps, or a password-protected .docx (all OLE compound files)
# The document's text and formatting, unpacked (word/document.xml): a plan's is 0.2-5 MB. Past this the file is
# not one plan, or is packed to blow up (a few MB zipped can unpack to gigabytes, more than the machine's memory).
MAX_DOCUMENT_XML_BYTES = 20_000_000


def read_docx(path: Path) -> Document:
    import docx
    from docx.oxml.ns import qn

    document = _open(path, docx)
    body = document.element.body
    styles = _Styles(document, qn)
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    recent: list[Paragraph] = []          # the paragraphs since the last table: where a table's title is
    for element in _blocks(body, qn):
        if element.tag == qn("w:tbl"):
            grids.append(Grid(len(grids) + 1, _grid(element, len(grids) + 1, qn, path, styles), recent[-3:]))
            recent = []
            grids[-1].after = recent      # the paragraphs after it: this list, filled as they come
            continue
        text = _paragraph_text(element, qn, styles)
        if text:
            paragraph = Paragraph(text, Place(paragraph=len(paragraphs) + 1))
            paragraphs.append(paragraph)
            recent.append(paragraph)
    struck = sum(1 for node in body.iter(qn("w:t")) if node.text and _struck(node, styles))
    hidden = sum(1 for node in body.iter(qn("w:t")) if node.text and node.text.strip()
                 and not any(parent.tag == FALLBACK for parent in node.iterancestors())
                 and styles.hidden(node))
    return Document(path, "docx", paragraphs, grids, struck=struck, hidden=hidden)


class _Styles:
    """A run's formatting as Word shows it: set on the run itself, else by its character style, else by its
    paragraph's style, each style with the styles it is based on. Hidden text or a raised note mark set by a style
    (a 注号 character style in 上标) was read as text of the number: 20 and a raised 1 was 201."""

    def __init__(self, document, qn):
        self.qn = qn
        self.elements = {style.get(qn("w:styleId")): style
                         for style in document.styles.element.iterchildren(qn("w:style"))}

    def property(self, text_node, name: str):
        """The run property element `name` (w:vanish) that applies to the w:t node's run, or None."""
        qn = self.qn
        properties = _run_properties(text_node, qn)
        found = properties.find(qn(name)) if properties is not None else None
        if found is not None:
            return found
        run_style = properties.find(qn("w:rStyle")) if properties is not None else None
        if run_style is not None and (found := self._in_style(run_style.get(qn("w:val")), name)) is not None:
            return found
        paragraph = next(text_node.iterancestors(qn("w:p")), None)
        paragraph_properties = paragraph.find(qn("w:pPr")) if paragraph is not None else None
        style = paragraph_properties.find(qn("w:pStyle")) if paragraph_properties is not None else None
        return self._in_style(style.get(qn("w:val")), name) if style is not None else None

    def _in_style(self, style_id: str, name: str, seen: tuple = ()):
        style = self.elements.get(style_id)
        if style is None or style_id in seen:
            return None
        properties = style.find(self.qn("w:rPr"))
        found = properties.find(self.qn(name)) if properties is not None else None
        if found is not None:
            return found
        based = style.find(self.qn("w:basedOn"))
        return self._in_style(based.get(self.qn("w:val")), name, (*seen, style_id)) if based is not None else None

    def on(self, text_node, name: str) -> bool:
        """Whether an on/off property (w:vanish) applies to the run: found, and not w:val="0"/"false"."""
        found = self.property(text_node, name)
        return found is not None and found.get(self.qn("w:val"), "true").lower() not in OFF

    def hidden(self, text_node) -> bool:
        """Hidden text (隐藏文字, w:vanish; w:webHidden, hidden in Web layout and on a web page), or text set at 1 pt
        or less (w:sz in half-points), which no reader sees. A hidden 9 between 2 and 0 was 290."""
        size = self.property(text_node, "w:sz")
        try:
            tiny = size is not None and float(size.get(self.qn("w:val"), "24")) <= 2
        except ValueError:
            tiny = False
        return tiny or self.on(text_node, "w:vanish") or self.on(text_node, "w:webHidden")

    def position(self, text_node) -> str | None:
        """superscript, subscript, or None: the run's vertical alignment (上标, 下标), by itself or by its style."""
        found = self.property(text_node, "w:vertAlign")
        return found.get(self.qn("w:val")) if found is not None else None


CONTAINERS = ("w:sdt", "w:sdtContent", "w:customXml")


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
# Text moved elsewhere under tracked changes (修订: 移动): Word keeps it where it was, as deleted text kept in w:t
# (a deletion's is w:delText, never read); read there too, a moved 9 was read twice.
MOVED_AWAY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}moveFrom"


# The Symbol font's signs a plan's figures use (Insert → Symbol writes them as w:sym, no text): ≥4.5 read as 4.5.
SYMBOL_FONT = {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xBB: "≈", 0xB9: "≠", 0x7E: "~", 0xB0: "°",
               0x2D: "-", 0x2B: "+", 0x25: "%", 0x3C: "<", 0x3E: ">", 0x3D: "="}
RUBY_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rt"


def _paragraph_text(p, qn, styles: _Styles) -> str:
    """The text of a paragraph's runs as Word shows it (tabs as spaces): without fields' instructions, deleted
    text, hidden text (隐藏文字: w:vanish, w:webHidden, a hidden style; _Styles), struck-through text (删除线), a text
    box's fallback copy or ruby text (拼音指南: the small guide above the text; a 9 above 20 was 920). A raised or
    lowered run (上标, 下标, by itself or its style) is a note mark, never a digit of the number. A non-breaking hyphen
    (Ctrl+Shift+-) is a hyphen (20‑25 was 2025), and a sign inserted as a symbol (≥ from the Symbol font) its sign."""
    out = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen"), qn("w:sym")):
        if any(parent.tag in (FALLBACK, MOVED_AWAY, RUBY_TEXT) for parent in node.iterancestors()):
            continue
        if node.tag in (qn("w:tab"), qn("w:br")):
            out.append(" ")
        elif node.tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif node.tag == qn("w:sym"):
            out.append(_symbol(node, qn))
        elif not (styles.hidden(node) or _struck(node, styles)):
            position = styles.position(node)
            out.append({"superscript": as_superscript, "subscript": as_subscript}.get(position, str)(node.text or ""))
    return "".join(out).strip()


def _symbol(node, qn) -> str:
    """A w:sym's character: a Symbol-font sign (F0B3 is ≥), a Unicode code point as such, else named in brackets
    (a Wingdings mark in a value cell is then 'not a number', with the cell named)."""
    font, written = node.get(qn("w:font"), ""), node.get(qn("w:char"), "")
    try:
        code = int(written, 16)
    except ValueError:
        return f"[symbol {written}]"
    if 0xF000 <= code <= 0xF0FF:
        if font.lower() == "symbol" and code - 0xF000 in SYMBOL_FONT:
            return SYMBOL_FONT[code - 0xF000]
        return f"[symbol {written} of the {font} font]"
    return chr(code)


def _struck(text_node, styles: _Styles) -> bool:
    """Struck through (删除线, single or double, by itself or its style): text the document shows as deleted. A
    struck 18 before 20 was read as 1820."""
    return styles.on(text_node, "w:strike") or styles.on(text_node, "w:dstrike")


def _run_properties(text_node, qn):
    """The w:rPr of a w:t node's run, or None."""
    run = text_node.getparent()
    return run.find(qn("w:rPr")) if run is not None else None


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


def _grid(tbl, number: int, qn, path: Path, styles: _Styles) -> list[list[GridCell]]:
    """The table's rows, merged cells expanded: a horizontal merge (gridSpan) and a vertical one (vMerge
    continue) repeat the merged cell's text, marked as spanned."""
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr")), 1):
        row: list[GridCell] = []
        for tc in tr.iterchildren(qn("w:tc")):
            text = join_lines("\n".join(_paragraph_text(p, qn, styles) for p in tc.iterchildren(qn("w:p"))))
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
                                    holds_table=above.holds_table if above is not None else nested))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows, 1):
        row += [GridCell("", Place(table=number, row=r, column=c)) for c in range(len(row) + 1, width + 1)]
    return rows


def _open(path: Path, docx):
    head = path.read_bytes()[:8]
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
    import zipfile
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = package.getinfo("word/document.xml").file_size
    except (zipfile.BadZipFile, KeyError, OSError):
        return      # not a readable .docx: python-docx names it
    if unpacked > MAX_DOCUMENT_XML_BYTES:
        raise InputError(path, None, f"the Word document's text unpacks to {unpacked / 1e6:,.0f} MB, far more than a "
                         f"plan's (some 0.2-5 MB; the limit is {MAX_DOCUMENT_XML_BYTES / 1e6:.0f} MB, "
                         "MAX_DOCUMENT_XML_BYTES in helpers.extract.documents.word)",
                         "check that this is the plan: make a file of the plan alone (copy its pages into a new "
                         ".docx), or ask the office for the file again; name it in config/sources.yaml and run `make "
                         "manifest`.")
