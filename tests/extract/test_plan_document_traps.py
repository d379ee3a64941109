"""What Word and a web page put in a plan's value cell that a reader sees differently from the stored text (issue 18,
fourth hostile pass on plan documents): each was a silent wrong value, exit 0, or an error the analyst could not
act on. The plan is the made-up 十五五 plan of tests/support/fifteenth_plan.py; its 2030 target 20左右 is rewritten."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, use_plan_file, write_docx, write_html

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _build(workspace: Path) -> dataset.Dataset:
    return dataset.build(workspace / "raw", workspace / "config")


def _target(ds: dataset.Dataset) -> tuple[float, str]:
    row = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030 and "
                              "kind == 'target'")
    return row["value"].item(), row["comparator"].item()


def _word_cell(workspace: Path, *runs: str) -> None:
    """The 2030 target cell of a .docx plan holding these runs (WordprocessingML, w: prefix)."""
    import docx
    from docx.oxml import parse_xml
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == "20左右")
    cell.text = ""
    for run in runs:
        cell.paragraphs[0]._p.append(parse_xml(run.replace("<w:r>", f'<w:r xmlns:w="{W}">', 1)
                                               if run.startswith("<w:r>") else
                                               run.replace(" ", f' xmlns:w="{W}" ', 1)))
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)


def _text(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_ruby_text_above_a_figure_is_not_read_into_it(workspace):
    """拼音指南 (ruby): a 9 set above 20 was read 920."""
    _word_cell(workspace, '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r><w:t>9</w:t>'
                          '</w:r></w:rt><w:rubyBase><w:r><w:t>20</w:t></w:r></w:rubyBase></w:ruby></w:r>',
               _text("左右"))
    assert _target(_build(workspace)) == (20, "=")


def test_a_non_breaking_hyphen_in_a_range_is_a_hyphen(workspace):
    """20‑25 typed with Word's non-breaking hyphen (w:noBreakHyphen, no text) was read 2025; a range is refused."""
    _word_cell(workspace, _text("20"), "<w:r><w:noBreakHyphen/></w:r>", _text("25"))
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert str(info.value.where) == "table 1, row 2, column 6" and "is '20-25', not a number" in info.value.problem


@pytest.mark.parametrize("symbol, sign", [('w:font="Symbol" w:char="F0B3"', ">="),
                                          ('w:font="Cambria Math" w:char="2265"', ">=")])
def test_a_sign_inserted_as_a_symbol_is_read_as_its_sign(workspace, symbol, sign):
    """≥ from Insert → Symbol is a w:sym, no text: ≥20 was read as exactly 20."""
    _word_cell(workspace, f"<w:r><w:sym {symbol}/></w:r>", _text("20"))
    assert _target(_build(workspace)) == (20, sign)


def test_a_less_or_equal_sign_inserted_as_a_symbol_is_not_dropped(workspace):
    """≤ is no comparator the value reader takes: the cell is refused showing the sign, not read as exactly 20."""
    _word_cell(workspace, '<w:r><w:sym w:font="Symbol" w:char="F0A3"/></w:r>', _text("20"))
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "is '≤20', not a number" in info.value.problem


def test_an_unknown_symbol_in_a_value_cell_is_named_not_dropped(workspace):
    _word_cell(workspace, '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>', _text("20"))
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "[symbol F0FC of the Wingdings font]20" in info.value.problem


def _cell_with_a_character_style(workspace: Path, style: str, font: str, *runs: tuple[str, bool]) -> None:
    """The 2030 target cell (20左右) of a .docx plan rewritten as `runs`, (text, styled) each, where a styled run
    has the character style `style`, whose font sets `font` (superscript, strike …)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    character = document.styles.add_style(style, WD_STYLE_TYPE.CHARACTER)
    setattr(character.font, font, True)
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == "20左右")
    cell.text = ""
    for text, styled in runs:
        cell.paragraphs[0].add_run(text, style=character if styled else None)
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)


def test_a_note_mark_raised_by_a_character_style_is_a_mark_not_a_digit(workspace):
    """A 注号 character style set in 上标: 20 and the raised 1 were read 201."""
    _cell_with_a_character_style(workspace, "注号", "superscript", ("20", False), ("1", True))
    ds = _build(workspace)
    assert _target(ds) == (20, "=")
    assert "¹" in ds.indicators.query("entity == 'tonglu' and year == 2030 and kind == 'target' and "
                                      "indicator_id == 'talent_total'")["source_text"].item()


def test_text_set_at_half_a_point_is_not_read(workspace):
    """A 9 at 0.5 pt between 2 and 0 is invisible on the page: it was read 290."""
    _word_cell(workspace, _text("2"), '<w:r><w:rPr><w:sz w:val="1"/></w:rPr><w:t>9</w:t></w:r>', _text("0左右"))
    assert _target(_build(workspace)) == (20, "=")


def test_struck_through_by_a_style_is_not_read(workspace):
    _cell_with_a_character_style(workspace, "旧值", "strike", ("18", True), ("20左右", False))
    assert _target(_build(workspace)) == (20, "=")


# ------------------------------------------------------------------------------------- invisible characters

@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff", "\u2060"])
def test_an_invisible_character_inside_a_figure_on_a_web_page_is_removed_and_logged(workspace, invisible):
    """A zero-width space, joiner, direction mark or soft hyphen between 2 and 0 shows as 20: it was refused as
    '2​0左右' is not a number, an error that shows the analyst what looks like 20左右."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_html(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.html")
    path.write_text(path.read_text(encoding="utf-8").replace(">20左右<", f">2{invisible}0左右<"), encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    ds = _build(workspace)
    assert _target(ds) == (20, "=")
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu' and step == 'remove_invisible'")
    assert log["decision"].tolist() == ["解析前删除1个不可见字符（零宽空格、零宽连接符、文字方向标记、软连字符等，"
                                        "文件中不显示：2与0之间夹有零宽空格仍读作20）"]


def test_an_invisible_character_inside_a_figure_in_word_is_removed(workspace):
    _word_cell(workspace, _text("2\u200b0左右"))
    assert _target(_build(workspace)) == (20, "=")


@pytest.mark.parametrize("written", ["20\u0660", "2\u06f00", "\u0662\u0660"])
def test_a_digit_of_another_script_is_refused_not_read(workspace, written):
    """The Arabic-Indic zero ٠ looks like a dot: 20٠ was read 200 (Python's \\d takes every script's digits). A
    plan's figures are written in 0-9 (full-width ones are normalised): another script's digit is refused, named."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_html(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.html")
    path.write_text(path.read_text(encoding="utf-8").replace(">20左右<", f">{written}<"), encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert f"is '{written}', not a number" in info.value.problem and "write a number" in info.value.fix


@pytest.mark.parametrize("shading, expected", [
    ("", 20),                                                           # white on the white page: unseen
    ('<w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/>', 290),     # white on a dark cell: Word shows it
])
def test_a_white_digit_between_shown_ones_is_not_read_unless_its_cell_is_shaded(workspace, shading, expected):
    """A 9 set in white between a black 2 and 0 shows as 20 on the page and was read 290. On a shaded cell the same
    white 9 is seen, and read."""
    import docx
    from docx.oxml import parse_xml
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == "20左右")
    cell.text = ""
    if shading:
        cell._tc.get_or_add_tcPr().append(parse_xml(shading.replace("<w:shd ", f'<w:shd xmlns:w="{W}" ')))
    cell.paragraphs[0].add_run("2")
    cell.paragraphs[0].add_run("9").font.color.rgb = docx.shared.RGBColor(0xFF, 0xFF, 0xFF)
    cell.paragraphs[0].add_run("0左右")
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    ds = _build(workspace)
    assert _target(ds) == (expected, "=")
    log = ds.cleaning_log.query("entity == 'tonglu' and step == 'hidden_text'")
    assert len(log) == (expected == 20)


def test_a_header_all_in_white_on_a_coloured_table_style_is_read(workspace):
    """White text alone in its paragraph is white on a coloured row (a table style's header): read as shown."""
    import docx
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = write_docx(PlanContent(**DOCUMENT_TABLE), workspace / "raw" / "tonglu_15.docx")
    document = docx.Document(str(path))
    for cell in document.tables[0].rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.font.color.rgb = docx.shared.RGBColor(0xFF, 0xFF, 0xFF)
    document.save(str(path))
    use_plan_file(workspace, "tonglu_15.txt", path)
    assert _target(_build(workspace)) == (20, "=")
