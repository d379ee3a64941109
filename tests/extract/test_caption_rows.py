"""A plan table whose first row is a caption: one merged cell across the table holding only a note, above the real
header (issue 18, redteam19 finding 12, class 1).

Main glued the caption row to every header cell as a two-row header ('（2025年为预计数）类别',
'（2025年为预计数）2025年'), which stopped as a header no pattern knows, with advice to read 类别 as a year's
column (`role: year`); a text export's caption row (a merged cell exported as one tab-indented line) was read as
the header itself, with the same
advice. The caption row is now a caption: its text is read as the table's notes are (helpers.extract.table_notes),
and a unit in it is the unitless rows' unit (tables.unit_caption).

The plan: 桐庐's 十五五 plan (tests/support/fifteenth_plan.py), base year 2025, its base column headed plainly
`2025年`, published as a .docx (the first row merged by python-docx), a web page (<td colspan>), that page printed
by Chromium, and its text exports. Its monitoring workbook (a 2025 figure would be preferred) is taken out. By
hand: under （2025年为预计数） all five 2025 figures are estimates (main: a stop, whose advice followed reads the
column as 2025's estimates only by the chance of the header words).
"""
import json
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import CELL_PLAN, DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent

IDS = ["talent_total", "new_high_skilled_talent", "high_skilled_share_of_skilled", "provincial_incubators",
       "physicians_per_1000"]
TITLE = DOCUMENT_TABLE["title"]
ESTIMATE = "（2025年为预计数）"
UNIT_AND_ESTIMATE = "（单位：万人；2025年为预计数）"
DOUBT = "（2025年数据待核实）"


def _merged_first_row(path, caption: str, at: int = 0) -> None:
    """The .docx's table given a first row above its header (`at` 1: a row under it): one cell merged across the
    table, holding `caption`, as Word makes it (Layout → Insert Above, then Merge Cells)."""
    import docx
    document = docx.Document(str(path))
    table = document.tables[0]
    row = table.add_row()
    table._tbl.remove(row._tr)
    table.rows[at]._tr.addprevious(row._tr)
    merged = table.cell(at, 0).merge(table.cell(at, len(table.columns) - 1))
    merged.text = caption
    document.save(str(path))


def _with_caption_row(path, kind: str, caption: str, under: bool = False) -> None:
    """The web page's table given a first row <td colspan> holding `caption` (kind html; `under`: a row under the
    header); a .docx's, merged."""
    if kind == "docx":
        _merged_first_row(path, caption, 1 if under else 0)
        return
    page = path.read_text(encoding="utf-8")
    width = len(DOCUMENT_TABLE["header"])
    row = f'<tr><td colspan="{width}">{caption}</td></tr>\n'
    if under:
        at = page.index("</th></tr>\n") + len("</th></tr>\n")
        path.write_text(page[:at] + row + page[at:], encoding="utf-8")
        return
    assert page.count("<table>\n<tr><th>") == 1
    path.write_text(page.replace("<table>\n<tr><th>", f"<table>\n{row}<tr><th>"), encoding="utf-8")


def _plan(workspace, kind: str, caption: str, header=None, rows=None, under: bool = False) -> None:
    """桐庐's 十五五 plan as `kind` (docx, html, pdf, txt, stream), its table's first row the caption `caption`
    (a text export: a tab-indented line of its own, as Word exports a merged row; the one-cell-a-line export: a
    cell of its own above the header), its base column headed 2025年."""
    if kind in ("txt", "txt-cells"):     # (txt-cells: the merged row exported as its cells, the others empty)
        text = WORD_PLAN.replace("2025年（预计）", "2025年").replace("\t35¹\n", "\t35\n")
        assert text.count(f"\n{TITLE}\n") == 1
        row = f"\t{caption}\n" + ("\t\n" * 6 if kind == "txt-cells" else "") + "\n"
        if under:
            assert text.count("\t属性\n\n") == 1
            text = text.replace("\t属性\n\n", f"\t属性\n\n{row}")
        else:
            text = text.replace(f"\n{TITLE}\n", f"\n{TITLE}\n{row}")
        add_fifteenth_plan(workspace, "word_tab_cells", text)
    elif kind == "stream":
        assert CELL_PLAN.count("人才发展主要指标\n\n序号\n") == 1
        add_fifteenth_plan(workspace, "cell_per_line",
                           CELL_PLAN.replace("人才发展主要指标\n\n序号\n", f"人才发展主要指标\n\n{caption}\n\n序号\n"))
    else:
        header = header or [h.replace("2025年（预计）", "2025年") for h in DOCUMENT_TABLE["header"]]
        rows = rows or [[c.replace("35¹", "35") if c else c for c in row] for row in DOCUMENT_TABLE["rows"]]
        content = PlanContent(**dict(DOCUMENT_TABLE, header=header, rows=rows, note="注：〔〕内为五年累计数。"))
        if kind == "pdf":
            path = tonglu_plan_published(workspace, content, "html")
            _with_caption_row(path, "html", caption)
            from support.plan_documents import print_pdfs_chromium, use_plan_file
            pdf = path.with_suffix(".pdf")
            print_pdfs_chromium([(path, pdf)])
            use_plan_file(workspace, path.name, pdf)
        else:
            _with_caption_row(tonglu_plan_published(workspace, content, kind), kind, caption, under)
    (workspace / "raw" / "monitoring" / "桐庐监测.xlsx").unlink()
    write_manifest(workspace / "raw")


def _estimated(workspace) -> tuple[dict, dataset.Dataset]:
    ds = dataset.build(workspace / "raw", workspace / "config")
    ind = ds.indicators
    rows = ind[(ind["entity"] == "tonglu") & (ind["year"] == 2025) & (ind["kind"] == "actual")]
    return {r.indicator_id: bool(r.estimated) for r in rows.itertuples()}, ds


def _logged(ds, step: str) -> list[dict]:
    log = ds.cleaning_log
    return [json.loads(v) for v in log[(log["step"] == step) & (log["entity"] == "tonglu")]["values"]]


def _stopped(workspace) -> InputError:
    with pytest.raises(InputError) as stopped:
        dataset.build(workspace / "raw", workspace / "config")
    return stopped.value


@pytest.mark.parametrize("kind", ["docx", "html", "txt", "txt-cells"])
@pytest.mark.parametrize("caption", [ESTIMATE, UNIT_AND_ESTIMATE])
def test_a_caption_row_is_read_as_the_tables_note(workspace, kind, caption):
    """Main stopped: header cell '（2025年为预计数）类别' is not a known column, advising `role: year` (docx, html),
    or header cell '（2025年为预计数）' (txt)."""
    _plan(workspace, kind, caption)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [values] = _logged(ds, "estimated_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": caption}
    # the header read as written, without the caption: 2030年目标 still the target column
    ind = ds.indicators
    targets = ind[(ind["entity"] == "tonglu") & (ind["kind"] == "target")]
    assert set(targets["year"]) == {2030} and len(targets) == 5


@pytest.mark.parametrize("kind", ["docx", "html", "txt", "txt-cells"])
def test_a_caption_row_right_under_the_header_is_read_as_the_tables_note(workspace, kind):
    """Main read it as an indicator row: indicator '(2025年为预计数)' is not in the catalogue, advising to add it to
    source_names (docx, html); the text export stopped: this table row has 1 cells but the header has 7."""
    _plan(workspace, kind, ESTIMATE, under=True)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [values] = _logged(ds, "estimated_by_note")
    assert values == {"header": "2025年", "year": 2025, "quote": ESTIMATE}


def test_a_caption_cell_above_the_header_of_a_one_cell_a_line_export(workspace):
    """The one-cell-a-line layout cannot tell a caption row from a line: it reads it as a note above (as on main)."""
    _plan(workspace, "stream", ESTIMATE)
    got, _ = _estimated(workspace)
    assert got and all(got.values())


@pytest.mark.slow       # Chromium
def test_a_caption_row_in_a_pdf_printed_from_the_page(workspace):
    _plan(workspace, "pdf", ESTIMATE)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    [values] = _logged(ds, "estimated_by_note")
    assert values["quote"] == ESTIMATE


@pytest.mark.parametrize("kind", ["docx", "html", "txt"])
@pytest.mark.parametrize("caption", ["（数据来源：县统计局）", "数据来源：县统计局"])
def test_a_caption_row_without_a_note_changes_nothing(workspace, kind, caption):
    """A caption row saying nothing of the figures (where they come from) leaves them firm actuals (main: a stop,
    header cell '（数据来源：县统计局）类别' … not a known column)."""
    _plan(workspace, kind, caption)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, False)


UNITLESS_HEADER = ["类别", "序号", "指标名称", "2025年", "2030年目标", "属性"]
# No 单位 column: 人才资源总量 gives no unit (the caption's 千人: 152 is 15.2 万人), the others in brackets
UNITLESS_ROWS = [["人才规模", "1", "人才资源总量", "152", "200左右", "预期性"],
                 [None, "2", "新增高技能人才（人）", "〔6500〕", "〔7000〕", "约束性"],
                 ["人才结构", "3", "高技能人才占技能劳动者比例（%）", "35", "40", "约束性"],
                 ["人才效能", "4", "省级以上人才科技孵化载体（家）", "5", "〔3〕", "预期性"],
                 [None, "5", "每千人口执业(助理)医师数（人/千人）", "4.1", "≥4.5", ""]]


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_caption_rows_unit_and_note_both_read(workspace, kind):
    """（单位：千人；2025年为预计数）: 152 千人 is 15.2 万人, an estimate; its unit was '千人;2025年为预计数'."""
    caption = "（单位：千人；2025年为预计数）"
    _plan(workspace, kind, caption, header=UNITLESS_HEADER, rows=UNITLESS_ROWS)
    got, ds = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
    ind = ds.indicators
    total = ind[(ind["entity"] == "tonglu") & (ind["indicator_id"] == "talent_total")]
    assert {(r.year, r.kind): (r.value, r.source_unit) for r in total.itertuples()} == {
        (2025, "actual"): (15.2, "千人"), (2030, "target"): (20.0, "千人")}
    [values] = _logged(ds, "unit_from_caption")
    assert values["quote"] == caption and values["source_unit"] == "千人"


def _follow(workspace, error: InputError, estimates: str) -> None:
    """The advice's `table_notes:` entry, copied into the plan's entry in sources.yaml as the analyst answers it."""
    entry = yaml.safe_load(re.search(r"table_notes: - (\{note: [^{}]*\})", error.fix).group(1))
    entry.update(estimates=estimates, because="办公室答复")
    if entry.get("rows") == ["…"]:
        entry.pop("rows")       # (a 部分 note: the office says it holds for every row, as the advice says to write)
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["entity"] == "tonglu").setdefault("table_notes", []).append(entry)
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("kind", ["docx", "html", "txt"])
@pytest.mark.parametrize(("estimates", "firm"), [("2025年", False), ("none", True)])
def test_a_doubt_in_a_caption_row_stops_at_it_and_the_advice_works(workspace, kind, estimates, firm):
    """（2025年数据待核实） stops naming the caption's place; the advice's table_notes: entry, followed, works."""
    _plan(workspace, kind, DOUBT)
    error = _stopped(workspace)
    where = {"docx": "table 1, row 1, column 1", "html": "line 20", "txt": "line 6"}[kind]
    assert where in str(error.where) or str(error.where) == where.split()[-1], error.where
    assert "'待核实' (not yet verified) of the figures of '2025年'" in error.problem, error.problem
    assert "role: year" not in error.fix
    _follow(workspace, error, estimates)
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, not firm)


def test_a_copy_titled_alike_with_a_caption_row_and_other_figures_stops(workspace):
    """A second table under the same title whose first row is a caption and whose 2030 target for 人才资源总量 is 99:
    which is the plan's cannot be told. Main could not read the copy (its header glued to the caption) and passed it
    over: the first table's 20左右 was read, exit 0."""
    from support.fifteenth_plan import tonglu_web_plan
    width = len(DOCUMENT_TABLE["header"])

    def around(block, copy):
        return block + "\n" + copy.replace("<table>\n<tr><th>", f'<table>\n<tr><td colspan="{width}">{ESTIMATE}'
                                                                "</td></tr>\n<tr><th>")
    tonglu_web_plan(workspace, around=around)
    error = _stopped(workspace)
    assert "two tables are titled" in error.problem and "'20左右' in the first" in error.problem \
        and "'99' in the second" in error.problem, error.problem


def test_a_doubt_in_a_caption_row_with_its_year_in_chinese_numerals_and_the_advice_followed(workspace):
    """（二〇二五年数据待核实）: tied to the 2025 column by its year (arabic_years), it stops at the caption; the
    advice's entry, quoting the note as written, followed, reads the column as estimates."""
    _plan(workspace, "docx", "（二〇二五年数据待核实）")
    error = _stopped(workspace)
    assert "of the figures of '2025年'" in error.problem and "note: '（二〇二五年数据待核实）'" in error.fix, error
    _follow(workspace, error, "2025年")
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_a_caption_row_naming_no_column_stops_at_it_and_the_advice_works(workspace, kind):
    """（部分数据为预计数）: which figures cannot be told; it stops naming the caption's place (not a header cell), and
    the advice's table_notes: entry, followed, reads the column as estimates."""
    _plan(workspace, kind, "（部分数据为预计数）")
    error = _stopped(workspace)
    assert "the table's note '（部分数据为预计数）'" in error.problem and "role:" not in error.fix, error
    assert str(error.where) == {"docx": "table 1, row 1, column 1", "txt": "6"}[kind], error.where
    _follow(workspace, error, "2025年")
    got, _ = _estimated(workspace)
    assert got == dict.fromkeys(IDS, True)
