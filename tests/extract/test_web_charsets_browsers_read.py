"""A web page is decoded only by a charset label a browser reads it in (redteam12): `charset="utf-7"` made Python's
utf-7 codec turn '+AC0ALQA+-' into '-->', ending a comment early, so a cell Chromium shows as 20左右 was read 120
(brief: 需年均增长65.5% where 20 gives 5.7%). Such a label stops at its line; the advice, followed, reads 20."""
from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from helpers.extract.documents.web import read_html

CELL = "<!--+AC0ALQA+-1<!---->20左右"


def _page(charset: str, cell: str = CELL) -> str:
    return (f'<html><head><meta charset="{charset}"><title>t</title></head><body><table>'
            f"<tr><th>指标</th><th>2030年</th></tr><tr><td>人才资源总量</td><td>{cell}</td></tr></table></body></html>")


def _cells(document) -> list[str]:
    return [c.text for grid in document.grids for row in grid.rows for c in row]


@pytest.mark.parametrize("label", ["utf-7", "unicode_escape", "hz-gb-2312", "utf_7", "raw_unicode_escape"])
def test_a_label_no_browser_reads_stops_at_its_line_and_the_advice_reads_what_the_browser_shows(tmp_path, label):
    page = tmp_path / "plan.html"
    page.write_bytes(_page(label).encode("ascii", "xmlcharrefreplace"))     # ASCII, as the hostile page was
    with pytest.raises(InputError) as stopped:
        read_html(page)
    message = str(stopped.value)
    assert f"charset={label}" in message and "line 1" in message and "charset=utf-8" in message
    page.write_text(_page("utf-8"), encoding="utf-8")       # the advice: the declaration corrected to utf-8
    assert "20左右" in _cells(read_html(page))


@pytest.mark.parametrize("label", ["utf-8", "UTF8", "gbk", "GB2312", "gb18030"])
def test_the_labels_plans_are_written_in_still_read(tmp_path, label):
    page = tmp_path / "plan.html"
    encoding = "utf-8" if label.lower() in ("utf-8", "utf8") else "gb18030"
    page.write_bytes(_page(label, "20左右").encode(encoding))
    assert any(c.startswith("20") for c in _cells(read_html(page)))


def _gbk_page_with_a_euro(declaration: str) -> bytes:
    """A GBK page whose 2030 cell is 20左右 and a lone byte 0x80 (€ in Windows' code page 936 and in WHATWG's gbk
    decoder; no GB18030 byte: Python's gb18030 codec refuses it)."""
    page = _page("gbk", "20左右").replace('<meta charset="gbk">', declaration)
    return page.encode("gb18030").replace("左右".encode("gb18030"), "左右".encode("gb18030") + b"\x80")


@pytest.mark.parametrize("declaration", ['<meta charset="gbk">', '<meta charset="GB2312">',
                                         '<meta http-equiv="Content-Type" content="text/html; charset=gb18030">', ""])
def test_a_gbk_page_with_a_lone_0x80_reads_it_as_the_browser_does(tmp_path, declaration):
    """redteam12: it stopped as 'declares charset=gbk, but its text is not gbk', with advice to correct the
    declaration that no declaration could follow. Chromium prints the cell 20左右€ (its WHATWG gbk decoder: gb18030
    with 0x80 alone as €); so is it read. A 0x80 inside a character (0x81 0x80, 亐) is that character still."""
    page = tmp_path / "plan.html"
    page.write_bytes(_gbk_page_with_a_euro(declaration))
    document = read_html(page)
    assert "20左右€" in _cells(document) and document.encoding == "gb18030"
    page.write_bytes(_page("gbk", "20亐").encode("gb18030"))
    assert "亐".encode("gb18030") == b"\x81\x80" and "20亐" in _cells(read_html(page))


def test_a_gbk_page_with_a_euro_declared_utf8_is_told_its_real_charset_and_that_advice_reads_it(tmp_path):
    """The advice names the charset that reads the page (it was 'charset=…': the page was 'not GBK' either)."""
    page = tmp_path / "plan.html"
    page.write_bytes(_gbk_page_with_a_euro('<meta charset="utf-8">'))
    with pytest.raises(InputError) as stopped:
        read_html(page)
    assert "its text is GBK (GB18030)" in stopped.value.problem and "charset=gb18030" in stopped.value.fix
    page.write_bytes(page.read_bytes().replace(b'charset="utf-8"', b'charset="gb18030"'))    # followed
    assert "20左右€" in _cells(read_html(page))
