"""Every citation of a value names the value's own place as its format has it (redteam19 finding 2): the brief's
sources-differ note and consistency.csv's explanation values cited a .docx or PDF plan's figure by its table row as
if it were the document's line ("tonglu_15.docx第3行", "tonglu_15.pdf第3行", "line 3"), where the results workbook
says 表1第3行第5列 / 第1页表2第3行第5列. dataset._ref wrote file:line for any plan; the note read it back as a line."""
import pytest

from helpers.core.records import Observation
from helpers.core.wording import place_text, words
from helpers.extract.dataset import _ref


def _obs(file: str, line: int, place: dict | None = None, sheet: str = "", cell: str = "") -> Observation:
    return Observation("tonglu", "talent_total", "人才资源总量", 2025, "actual", 15.2, "=", "万人", "万人", "15.2",
                       "table", file, line, "15.2", source_sheet=sheet, source_cell=cell, source_place=place or {})


CASES = [   # (observation, its language-neutral reference, zh, en)
    (_obs("data/raw/tonglu_15.docx", 3, {"code": "table_cell", "table": 1, "row": 3, "column": 5}),
     "data/raw/tonglu_15.docx:T1R3C5", "tonglu_15.docx表1第3行第5列", "tonglu_15.docx, table 1, row 3, column 5"),
    (_obs("data/raw/tonglu_15.pdf", 3, {"code": "page_table_cell", "page": 1, "table": 2, "row": 3, "column": 5}),
     "data/raw/tonglu_15.pdf:p1:T2R3C5", "tonglu_15.pdf第1页表2第3行第5列",
     "tonglu_15.pdf, page 1, table 2, row 3, column 5"),
    (_obs("data/raw/tonglu_15.docx", 24, {"code": "paragraph", "paragraph": 24}),
     "data/raw/tonglu_15.docx:¶24", "tonglu_15.docx第24段", "tonglu_15.docx, paragraph 24"),
    (_obs("data/raw/tonglu_15.pdf", 5, {"code": "page_line", "page": 2, "line": 5}),
     "data/raw/tonglu_15.pdf:p2:5", "tonglu_15.pdf第2页第5行", "tonglu_15.pdf, page 2, line 5"),
    # a text export and a web page keep their line; a workbook its cell
    (_obs("data/raw/tonglu_15.txt", 16), "data/raw/tonglu_15.txt:16", "tonglu_15.txt第16行", "tonglu_15.txt, line 16"),
    (_obs("data/raw/tonglu_15.html", 16, {"code": "line", "line": 16}), "data/raw/tonglu_15.html:16",
     "tonglu_15.html第16行", "tonglu_15.html, line 16"),
    (_obs("data/raw/monitoring/监测.xlsx", 181, sheet="数据", cell="E181"), "data/raw/monitoring/监测.xlsx!数据!E181",
     "监测.xlsx工作表数据单元格E181", "监测.xlsx, sheet 数据, cell E181"),
]


@pytest.mark.parametrize("obs, ref, zh, en", CASES)
def test_a_value_is_cited_by_its_own_place(obs, ref, zh, en):
    assert _ref(obs) == ref


@pytest.mark.parametrize("obs, ref, zh, en", CASES)
def test_a_citation_reads_back_as_its_place_in_both_languages(obs, ref, zh, en):
    from helpers.core.records import place_from_ref
    place = place_from_ref(_ref(obs))
    shown = {**place, "file": place["file"].rsplit("/", 1)[-1]}     # as blocks.source_ref names a file
    assert place_text(shown, words("zh")) == zh
    assert place_text(shown, words("en")) == en
