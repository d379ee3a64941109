"""Plans as they are published: the two real plans rebuilt as .docx (and as web pages and PDFs in
test_documents_web_pdf.py) give the same values as their text exports; places read naturally per format;
bad documents are answered in the project's words."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import copy_of_project
from helpers.core.errors import InputError
from helpers.core.wording import words
from helpers.extract import dataset
from helpers.extract.documents.word import read_docx
from helpers.extract.manifest import write_manifest
from support.plan_documents import JIANDE, as_published, real_plan, use_plan_file, values, write_docx


@pytest.fixture(scope="module")
def docx_dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("docx")
    copy_of_project(root)
    return as_published(root, write_docx, ".docx")


def test_real_plans_as_docx_give_the_89_table_values_of_their_text_exports(real_dataset, docx_dataset):
    table = docx_dataset.indicators.query("origin == 'table'")
    assert len(table) == 89
    assert values(docx_dataset).equals(values(real_dataset))


def test_docx_places_are_table_cells_and_paragraphs(docx_dataset):
    ind = docx_dataset.indicators
    # Jiande's 人才资源总量: table 1, row 2 (under the header), columns 5 and 6 (2020 actual, 2025 target)
    row = ind.query("entity == 'jiande' and indicator_id == 'talent_total' and year == 2025 and kind == 'target'")
    place = json.loads(row["source_place"].iloc[0])
    assert place == {"code": "table_cell", "table": 1, "row": 2, "column": 6}
    zh, en = words("zh"), words("en")
    said = zh.describe("notes.also_stated", {"place": {**place, "file": "jiande.docx"}})
    assert said == "亦见于jiande.docx表1第2行第6列"
    assert en.describe("notes.also_stated", {"place": {**place, "file": "jiande.docx"}}) == \
        "also stated in jiande.docx, table 1, row 2, column 6"
    prose = ind.query("origin == 'prose'")
    assert {json.loads(p)["code"] for p in prose["source_place"]} == {"paragraph"}


def test_docx_merged_cells_are_expanded(tmp_path):
    document = read_docx(write_docx(real_plan(JIANDE), tmp_path / "jiande.docx"))
    grid = document.grids[0]
    assert [c.text for c in grid.rows[0]] == ["一级指标", "序号", "二级指标", "单位", "2020年完成值", "2025年目标值"]
    # 人才资源总量 is merged down the first column over its six rows
    assert [(c.text, c.spanned) for c in (row[0] for row in grid.rows[1:4])] == \
        [("人才资源总量", False), ("人才资源总量", True), ("人才资源总量", True)]
    # the 注 row is one cell merged across the table
    assert len({c.text for c in grid.rows[-1]}) == 1 and grid.rows[-1][-1].spanned


def test_a_damaged_docx_is_named_with_the_fix(workspace):
    made = write_docx(real_plan(JIANDE), workspace / "raw" / "jiande.docx")
    made.write_bytes(made.read_bytes()[:3000])        # cut short, as a broken download is
    use_plan_file(workspace, JIANDE, made)
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    message = str(caught.value)
    assert "jiande.docx" in message and "damaged" in message and "save it again as .docx" in message
    assert "iconv" not in message and "UTF-8" not in message


def test_an_old_word_file_named_docx_says_what_it_is(workspace):
    made = workspace / "raw" / "jiande.docx"
    made.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    use_plan_file(workspace, JIANDE, made)
    with pytest.raises(InputError, match="old Word .*password-protected"):
        dataset.build(workspace / "raw", workspace / "config")


def test_no_table_with_the_title_lists_the_tables_found(workspace):
    content = real_plan(JIANDE)
    content.title = "附表"
    use_plan_file(workspace, JIANDE, write_docx(content, workspace / "raw" / "jiande.docx"))
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    message = str(caught.value)
    assert "no table is titled /人才发展主要指标/" in message
    assert "table 1: '附表' above it; first row '一级指标 | 序号 | 二级指标" in message


def test_a_title_in_the_contents_is_skipped_and_said(workspace):
    made = write_docx(real_plan(JIANDE), workspace / "raw" / "jiande.docx", contents_entry=True)
    use_plan_file(workspace, JIANDE, made)
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert len(ds.indicators.query("entity == 'jiande' and origin == 'table'")) == 38   # 19 rows, 2020 and 2025
    skipped = dataset.in_words(ds)["cleaning_log"].query("step == 'title_in_contents'")
    assert len(skipped) == 1
    assert "表题亦见于" in skipped["decision"].iloc[0] and "第2段" in skipped["decision"].iloc[0]


def test_a_title_in_a_text_files_contents_is_skipped_and_said(workspace):
    """Issue 18: the title found first in a table of contents (a text export) was 'unexpected text inside the
    table'."""
    path = workspace / "raw" / JIANDE
    lines = path.read_text(encoding="utf-8").splitlines()
    contents = ["目录", "一、发展基础\t1", "“十四五”时期全市人才发展主要指标\t5", "三、发展重点\t6"]
    path.write_text("\n".join(lines[:1] + contents + lines[1:]) + "\n", encoding="utf-8")
    write_manifest(workspace / "raw")
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert len(ds.indicators.query("entity == 'jiande' and origin == 'table'")) == 38   # 19 rows, 2020 and 2025
    skipped = dataset.in_words(ds)["cleaning_log"].query("step == 'title_in_contents'")
    assert skipped["source_line"].tolist() == [4]


def test_a_text_plan_without_a_layout_is_told_to_give_one(workspace):
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    del doc["plans"][0]["layout"]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match="plain-text file .* names no `layout:`"):
        dataset.build(workspace / "raw", workspace / "config")


def test_places_read_naturally_in_each_language(docx_dataset):
    """Where a value or a decision is, as the sources appendix, the results workbook and the data notebook say
    it: a table cell of a .docx, a paragraph of its prose, a line of a text file."""
    from helpers.core.records import place_of_row
    from helpers.core.wording import place_text
    zh, en = words("zh"), words("en")
    ind = docx_dataset.indicators
    target = ind.query("entity == 'jiande' and indicator_id == 'talent_total' and year == 2025 and kind == 'target'")
    row = {**target.iloc[0].to_dict(), "source_file": "jiande.docx"}
    assert place_text(place_of_row(row), zh) == "jiande.docx表1第2行第6列"
    assert place_text(place_of_row(row), en) == "jiande.docx, table 1, row 2, column 6"
    prose = ind.query("entity == 'jiande' and origin == 'prose'").iloc[0].to_dict()
    assert re.fullmatch(r"jiande\.docx第\d+段", place_text(place_of_row({**prose, "source_file": "jiande.docx"}), zh))
    # a cleaning decision: 党政人才's first-level cell, merged in Word, is row 3's name cell (column 3)
    merged = docx_dataset.cleaning_log.query("entity == 'jiande' and step == 'merged_cell'").iloc[0].to_dict()
    assert place_text(place_of_row({**merged, "source_file": "jiande.docx"}), zh) == "jiande.docx表1第3行第3列"
    text_row = {"source_file": "jiande.txt", "source_line": 48.0, "source_sheet": float("nan"),
                "source_cell": float("nan"), "source_place": float("nan")}   # as a CSV gives a text file's row back
    assert place_text(place_of_row(text_row), zh) == "jiande.txt第48行"
    assert place_text(place_of_row(text_row), en) == "jiande.txt, line 48"


def test_a_tables_note_is_read_from_its_row_or_the_paragraph_below(tmp_path, sources):
    """The 注 under a table (〔〕内为五年累计数 …) says what its cells mean: kept as the table's notes, whether Word
    has it as the table's last row (merged across) or as the paragraph below the table."""
    from helpers.extract.grids import parse_grid_table
    plan = next(p for p in sources.plans if p.entity == "jiande")
    in_row = real_plan(JIANDE)
    below = real_plan(JIANDE)
    below.after, below.note = [below.note, *below.after], ""
    for content, name in ((in_row, "row.docx"), (below, "below.docx")):
        table = parse_grid_table(read_docx(write_docx(content, tmp_path / name)), plan, sources)
        assert [n.raw for n in table.notes] == ["注：表中经营管理人才与专业技术人才、高技能人才之间存在重复交叉，"
                                                "六支人才队伍数量之和不等于人才资源总量。"]
        assert len(table.rows) == 19
