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
    hidden_styles = _hidden_styles(document, qn)
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    recent: list[Paragraph] = []          # the paragraphs since the last table: where a table's title is
    for element in _blocks(body, qn):
        if element.tag == qn("w:tbl"):
            grids.append(Grid(len(grids) + 1, _grid(element, len(grids) + 1, qn, path, hidden_styles), recent[-3:]))
            recent = []
            grids[-1].after = recent      # the paragraphs after it: this list, filled as they come
            continue
        text = _paragraph_text(element, qn, hidden_styles)
        if text:
            paragraph = Paragraph(text, Place(paragraph=len(paragraphs) + 1))
            paragraphs.append(paragraph)
            recent.append(paragraph)
    struck = sum(1 for node in body.iter(qn("w:t")) if node.text and _struck(_run_properties(node, qn), qn))
    hidden = sum(1 for node in body.iter(qn("w:t")) if node.text and node.text.strip()
                 and not any(parent.tag == FALLBACK for parent in node.iterancestors())
                 and _hidden(node, qn, hidden_styles))
    return Document(path, "docx", paragraphs, grids, struck=struck, hidden=hidden)


def _hidden_styles(document, qn) -> set[str]:
    """The ids of the styles that hide their text (隐藏文字 set in a character or paragraph style, or in the style it is
    based on): a run in such a style is hidden though its own properties say nothing."""
    elements = {style.get(qn("w:styleId")): style for style in document.styles.element.iterchildren(qn("w:style"))}

    def hides(style_id: str, seen: tuple = ()) -> bool:
        style = elements.get(style_id)
        if style is None or style_id in seen:
            return False
        properties = style.find(qn("w:rPr"))
        if properties is not None and properties.find(qn("w:vanish")) is not None:
            return _set(properties, "w:vanish", qn)
        based = style.find(qn("w:basedOn"))
        return based is not None and hides(based.get(qn("w:val")), (*seen, style_id))

    return {style_id for style_id in elements if style_id and hides(style_id)}


def _hidden(text_node, qn, hidden_styles: set[str]) -> bool:
    """Hidden text (隐藏文字, w:vanish; w:webHidden, hidden in Web layout and on a web page): in the run's own
    properties, else in its character style, else in its paragraph's style. A hidden 9 between 2 and 0 was 290."""
    properties = _run_properties(text_node, qn)
    for name in ("w:vanish", "w:webHidden"):
        if properties is not None and properties.find(qn(name)) is not None:
            if _set(properties, name, qn):
                return True
            if name == "w:vanish":
                return False        # switched off in the run itself, whatever its style says
    run_style = properties.find(qn("w:rStyle")) if properties is not None else None
    if run_style is not None and run_style.get(qn("w:val")) in hidden_styles:
        return True
    paragraph = next((parent for parent in text_node.iterancestors(qn("w:p"))), None)
    paragraph_properties = paragraph.find(qn("w:pPr")) if paragraph is not None else None
    paragraph_style = paragraph_properties.find(qn("w:pStyle")) if paragraph_properties is not None else None
    return paragraph_style is not None and paragraph_style.get(qn("w:val")) in hidden_styles


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


def _paragraph_text(p, qn, hidden_styles: set[str]) -> str:
    """The text of a paragraph's runs as Word shows it (tabs as spaces): without fields' instructions, deleted
    text, hidden text (隐藏文字: w:vanish, w:webHidden, a hidden style; _hidden), struck-through text (删除线) or a
    text box's fallback copy. A raised or lowered run (上标, 下标) is a note mark, never a digit of the number."""
    out = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if any(parent.tag in (FALLBACK, MOVED_AWAY) for parent in node.iterancestors()):
            continue
        if node.tag != qn("w:t"):
            out.append(" ")
            continue
        properties = _run_properties(node, qn)
        if _hidden(node, qn, hidden_styles) or _struck(properties, qn):
            continue
        align = properties.find(qn("w:vertAlign")) if properties is not None else None
        position = align.get(qn("w:val")) if align is not None else None
        text = node.text or ""
        out.append({"superscript": as_superscript, "subscript": as_subscript}.get(position, str)(text))
    return "".join(out).strip()


def _struck(properties, qn) -> bool:
    """Struck through (删除线, single or double): text the document shows as deleted. A struck 18 before 20 was
    read as 1820."""
    return _set(properties, "w:strike", qn) or _set(properties, "w:dstrike", qn)


def _run_properties(text_node, qn):
    """The w:rPr of a w:t node's run, or None."""
    run = text_node.getparent()
    return run.find(qn("w:rPr")) if run is not None else None


def _set(properties, name: str, qn) -> bool:
    """Whether an on/off run property (w:vanish) is on: present, and not w:val="0"/"false"."""
    element = properties.find(qn(name)) if properties is not None else None
    return element is not None and element.get(qn("w:val"), "true").lower() not in OFF


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


def _grid(tbl, number: int, qn, path: Path, hidden_styles: set[str]) -> list[list[GridCell]]:
    """The table's rows, merged cells expanded: a horizontal merge (gridSpan) and a vertical one (vMerge
    continue) repeat the merged cell's text, marked as spanned."""
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr")), 1):
        row: list[GridCell] = []
        for tc in tr.iterchildren(qn("w:tc")):
            text = join_lines("\n".join(_paragraph_text(p, qn, hidden_styles) for p in tc.iterchildren(qn("w:p"))))
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
