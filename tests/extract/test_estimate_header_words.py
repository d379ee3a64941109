"""A plan's base column whose header says an estimate word holds estimates, whichever pattern reads its header
(issue 18, redteam13 finding 2: a class-1 silent wrong value).

桐庐's made-up 十五五 plan (tests/support/fifteenth_plan.py, base year 2025) heads its 2025 column 2025年（预计）; its
workbook has no 2025 figure for 高技能人才占技能劳动者比例, so the plan's 35 is the 2025 figure, an estimate. Found on
main (5a21995):
- the default header reader knew 2025年（预计）, 2025年预计完成值, 2025年（预计数）, 2025年预计值, and stopped on
  预计2025年, 2025年（预估）, 2025年(估计), 2025年预估数: the same column in other words;
- a header only a `header_roles` pattern reads (规划目标 merged over 2025年（预计）: 规划目标2025年(预计)) lost its
  estimate: the advice offered `role: target` (35 a 2025 target) or role: year (35 a firm 2025 actual, estimated
  False), and the 2025 final evaluation judged the estimate as met.
By hand: every header here names the 2025 column of estimates, so 35 is 2025's actual kind, estimated, in each shape.
"""
import copy

import docx
import pytest
import yaml

from conftest import copy_of_project
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan
from support.plan_documents import (
    PlanContent,
    built_by_the_header_advice,
    print_pdfs_chromium,
    use_plan_file,
    write_docx,
    write_html,
)

BASE = "\t2025年（预计）\n"


def _share_2025(ds) -> tuple:
    """高技能人才占技能劳动者比例's 2025 figure from 桐庐's plan: (value, kind, estimated)."""
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'high_skilled_share_of_skilled' "
                               "and year == 2025 and origin == 'table'")
    return tuple((r.value, r.kind, bool(r.estimated)) for r in rows.itertuples())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("estimate_words")
    copy_of_project(root)
    add_fifteenth_plan(root, "word_tab_cells")
    return root


def _with_header(root, header: str):
    assert WORD_PLAN.count(BASE) == 1
    (root / "raw" / "tonglu_15.txt").write_text(WORD_PLAN.replace(BASE, f"\t{header}\n"), encoding="utf-8")
    write_manifest(root / "raw")


@pytest.mark.parametrize("header", ["预计2025年", "2025年（预估）", "2025年(估计)", "2025年预估数", "2025年（测算）",
                                    "2025年（预计）", "2025年预计完成值", "2025年（预计数）", "2025年预计值"])
def test_the_default_reader_reads_each_estimate_header_as_estimates(workspace, header):
    _with_header(workspace, header)
    assert _share_2025(dataset.build(workspace / "raw", workspace / "config")) == ((35, "actual", True),)


def test_a_header_read_by_the_advised_pattern_keeps_its_estimate(tmp_path):
    copy_of_project(tmp_path)
    add_fifteenth_plan(tmp_path, "word_tab_cells")
    _with_header(tmp_path, "规划目标2025年（预计）")
    ds, offered = built_by_the_header_advice(tmp_path)
    assert offered == [r"- {pattern: '规划目标(?P<year>\d{4})年\(预计\)', role: year}"]
    assert _share_2025(ds) == ((35, "actual", True),)
    log = dataset.in_words(ds)["cleaning_log"].query("entity == 'tonglu' and step == 'estimated_column'")
    assert len(log) == 1


@pytest.mark.parametrize("role", ["year", "actual", "target"])
def test_an_analysts_pattern_names_the_role_and_the_header_still_says_estimate(tmp_path, role):
    """Any role the analyst gives: an actual column says 预估, so its figures are estimates. As a target it stops:
    2025 is the 十五五 plan's base year, and a plan sets no targets for it (redteam16 F-base-target,
    tests/extract/test_base_year_target_column.py; it was read as 2025's target)."""
    copy_of_project(tmp_path)
    add_fifteenth_plan(tmp_path, "word_tab_cells")
    _with_header(tmp_path, "基期2025年预估")
    config = tmp_path / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["header_roles"] = [{"pattern": r"基期(?P<year>\d{4})年预估", "role": role}]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if role == "target":
        with pytest.raises(InputError, match="is read as the county's targets for 2025, but tonglu_15.txt is the plan "
                                             "for 十五五"):
            dataset.build(tmp_path / "raw", tmp_path / "config")
        return
    assert _share_2025(dataset.build(tmp_path / "raw", tmp_path / "config")) == ((35, "actual", True),)


# The header on two rows as Word and web pages write it: 规划目标 merged over 2025年（预计） | 2030年目标.
TOP = "规划目标"


def _two_row_docx(path):
    write_docx(PlanContent(**DOCUMENT_TABLE), path)
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "类别")
    header = list(DOCUMENT_TABLE["header"])
    table.rows[0]._tr.addnext(copy.deepcopy(table.rows[0]._tr))
    for c, text in enumerate(header):
        table.cell(0, c).text = TOP if c in (4, 5) else text
        table.cell(1, c).text = text if c in (4, 5) else ""
    table.cell(0, 4).merge(table.cell(0, 5)).text = TOP
    for c in (0, 1, 2, 3, 6):
        table.cell(0, c).merge(table.cell(1, c)).text = header[c]
    document.save(str(path))
    return path


def _two_row_html(path):
    write_html(PlanContent(**DOCUMENT_TABLE), path)
    page = path.read_text(encoding="utf-8")
    one_row = "<tr>" + "".join(f"<th>{h}</th>" for h in DOCUMENT_TABLE["header"]) + "</tr>"
    assert page.count(one_row) == 1
    h = DOCUMENT_TABLE["header"]
    two_rows = ("<tr>" + "".join(f'<th rowspan="2">{t}</th>' for t in h[:4]) + f'<th colspan="2">{TOP}</th>'
                f'<th rowspan="2">{h[6]}</th></tr>\n<tr><th>{h[4]}</th><th>{h[5]}</th></tr>')
    path.write_text(page.replace(one_row, two_rows), encoding="utf-8")
    return path


def _two_row_pdf(path):
    page = _two_row_html(path.with_suffix(".html"))
    print_pdfs_chromium([(page, path)])
    page.unlink()
    return path


@pytest.mark.parametrize("writer, suffix", [(_two_row_docx, ".docx"), (_two_row_html, ".html"),
                                            pytest.param(_two_row_pdf, ".pdf", marks=pytest.mark.slow)])
def test_a_two_row_header_followed_by_its_advice_keeps_the_estimate(tmp_path, writer, suffix):
    copy_of_project(tmp_path)
    add_fifteenth_plan(tmp_path, "word_tab_cells")
    use_plan_file(tmp_path, "tonglu_15.txt", writer(tmp_path / "raw" / f"tonglu_15{suffix}"))
    ds, offered = built_by_the_header_advice(tmp_path)
    assert offered[0] == r"- {pattern: '规划目标(?P<year>\d{4})年\(预计\)', role: year}"
    assert _share_2025(ds) == ((35, "actual", True),)
    target = ds.indicators.query("entity == 'tonglu' and indicator_id == 'high_skilled_share_of_skilled' "
                                 "and year == 2030 and kind == 'target'")
    assert list(target["value"]) == [40]
