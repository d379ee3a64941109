"""A number of more than 4,300 digits in a page's CSS (an inline style, a <style> block, a linked or @imported
sheet) made tinycss2's int() raise ValueError: a traceback from the data step. Such a page is refused at its line,
with the advice every page whose shown text cannot be told gets (print it to PDF from the browser)."""
from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from helpers.extract.documents.web import read_html
from support.fifteenth_plan import web_page_with_target

DIGITS = "9" * 5_000


@pytest.mark.parametrize("where", ["inline", "style block", "imported sheet"])
def test_a_number_too_long_to_read_in_the_page_style_is_refused_in_words(tmp_path, where):
    (tmp_path / "a.css").write_text("td{font-size:" + DIGITS + "px}", encoding="utf-8")
    cell = f'<span style="font-size:{DIGITS}px">20左右</span>' if where == "inline" else "20左右"
    styles = {"inline": "", "style block": "td{z-index:" + DIGITS + "}", "imported sheet": ""}
    style = styles[where]
    path = web_page_with_target(tmp_path / "plan.html", cell, style=style)
    if where == "imported sheet":           # (an @import counts only before a sheet's rules: a <style> of its own)
        page = path.read_text(encoding="utf-8")
        path.write_text(page.replace("</head>", "<style>@import url(a.css);</style></head>"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_html(path)
    message = str(raised.value)
    assert "plan.html" in message and "more than 4,300 digits" in message
    assert "print it to PDF" in message


def test_a_long_fraction_in_the_page_style_still_reads(tmp_path):
    """Only an integer's digits are limited: a long fraction (opacity 0.999…9, fully shown) reads as before."""
    path = web_page_with_target(tmp_path / "plan.html", "20左右", style="td{opacity:0." + "9" * 5_000 + "}")
    cells = [cell.text for grid in read_html(path).grids for row in grid.rows for cell in row]
    assert "20左右" in cells
