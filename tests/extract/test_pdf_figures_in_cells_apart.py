"""Digits in two cells of a PDF table drawn without ruling lines are two figures, not one (found this session: on a
machine with the Liberation fonts Chromium set 15.2 and 20, in neighbouring cells, 1.5 pt apart vertically, and the
PDF reader read them as one figure '15220' whose '1' was 'a text rise', so the plan stopped for a doubt it did not
have). The PDF reader's lines are built here from characters placed as such a page places them."""
from helpers.core.method import method_parameters
from helpers.extract.documents.pdf import _Char, _line_text


def _chars(text: str, x: float, baseline: float, size: float = 10.5, width: float = 5.8) -> list[_Char]:
    out = []
    for ch in text:
        w = width * 0.45 if ch == "." else width
        out.append(_Char(ch, x, x + w, baseline - size * 0.8, baseline + size * 0.2, baseline=baseline, size=size,
                         drawn=size))
        x += w
    return out


def test_figures_in_cells_a_point_apart_are_read_apart_without_doubt():
    line = _chars("15.2", 300, 100.0) + _chars("20", 360, 101.5)      # two cells, 1.5 pt apart vertically
    assert _line_text(line, method_parameters()) == "15.2 20"
    assert [c.doubt for c in line] == [""] * len(line)


def test_a_digit_of_one_figure_moved_off_its_line_is_still_a_doubt():
    """The text rise the check is for (a 1 raised 3 pt before 4, read 14) stays a doubt."""
    line = _chars("1", 300, 97.0) + _chars("4.2", 305.8, 100.0)
    _line_text(line, method_parameters())
    assert "a text rise" in line[0].doubt
