"""A digit at its line's size raised or lowered by a text rise in a PDF (the operator Ts; issue 18, pdfprint).

A 1 raised 3 pt before 4 (12 pt Helvetica) prints as a 1 standing above the line beside a 4, a figure a reader may
read as 14 or as 4 with a mark; the PDF reader took it into the figure, 14, with no word. Word's w:position is a
doubt when it moves a digit further than a nudge (ON_THE_LINE, a tenth of its size); so is a PDF's text rise now:
a table cell stops the run with the cell named, a line of prose with its line. A rise within a nudge (1 pt of 12)
reads as before. The PDFs are built here: one page, a sentence and a ruled table of three rows and columns.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract.documents.pdf import read_pdf


def _pdf(path: Path, rise: float, where: str) -> Path:
    """A page whose figure 14 (in the table's second row, third column, or in the sentence) has its 1 set `rise`
    points above the line (Ts; below where negative), the 4 on the line."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    fonts = DictionaryObject({NameObject("/F1"): font})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    figure = f"{rise} Ts (1) Tj 0 Ts (4) Tj"
    in_prose = figure if where == "prose" else "(14) Tj"
    in_cell = figure if where == "cell" else "(14) Tj"
    ys, xs = [700, 680, 660, 640], [60, 260, 360, 460]
    rules = " ".join(f"{xs[0]} {y} m {xs[-1]} {y} l" for y in ys) + " " + \
        " ".join(f"{x} {ys[0]} m {x} {ys[-1]} l" for x in xs)
    cells = [(64, 685, "(Indicator) Tj"), (264, 685, "(2020) Tj"), (364, 685, "(2025) Tj"),
             (64, 665, "(Total talent) Tj"), (264, 665, "(10.3) Tj"), (364, 665, in_cell),
             (64, 645, "(High-skilled share) Tj"), (264, 645, "(28) Tj"), (364, 645, "(35) Tj")]
    content = [f"BT /F1 12 Tf 60 740 Td (Total talent reaches ) Tj {in_prose} ( thousand by 2025.) Tj ET",
               f"0.5 w {rules} S"] + [f"BT /F1 12 Tf {x} {y} Td {text} ET" for x, y, text in cells]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(content).encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(str(path))
    return path


@pytest.mark.parametrize("rise, said", [(3, "'1' is 3.0 pt above"), (-3, "'1' is 3.0 pt below"),
                                        (1.5, "'1' is 1.5 pt above"), (6, "'1' is 6.0 pt above")])
def test_a_digit_moved_off_its_line_by_a_text_rise_stops_at_its_cell(tmp_path, rise, said):
    with pytest.raises(InputError) as caught:
        read_pdf(_pdf(tmp_path / "plan.pdf", rise, "cell"))
    assert str(caught.value.where) == "page 1, table 1, row 2, column 3"
    assert f"in the table cell '14', {said} the line of the other digits of '14'" in caught.value.problem
    assert "a reader may read the figure whole or in parts" in caught.value.problem
    assert "get the plan as .docx or its web page" in caught.value.fix


def test_a_digit_moved_off_its_line_by_a_text_rise_stops_at_its_line_of_prose(tmp_path):
    with pytest.raises(InputError) as caught:
        read_pdf(_pdf(tmp_path / "plan.pdf", 3, "prose"))
    assert str(caught.value.where) == "page 1, line 1"
    assert "in the line 'Total talent reaches 14 thousand by 2025.', '1' is 3.0 pt above" in caught.value.problem


@pytest.mark.parametrize("rise", [0, 0.5, 1])
def test_a_rise_within_a_nudge_reads_the_figure(tmp_path, rise):
    """Up to a tenth of the size (1.2 pt at 12 pt) the 1 stands on the line, as a nudged Word run does."""
    for where in ("cell", "prose"):
        document = read_pdf(_pdf(tmp_path / f"{where}.pdf", rise, where))
        assert document.grids[0].rows[1][2].text == "14"
        assert document.paragraphs[0].text == "Total talent reaches 14 thousand by 2025."
