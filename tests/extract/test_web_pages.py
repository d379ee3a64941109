"""A web page is read within a few seconds, whatever its size: a page past the caps is refused before it is
parsed, and a page under them is read fast (issue 18, third pass: a 19 MB page took 62 s under load).

Times are the processor time a step costs (the suite shares two cores with other work)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpers.core import limits
from helpers.core.errors import InputError
from helpers.extract import dataset, plans
from helpers.extract.documents import web
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan
from support.plan_documents import PlanContent, html_page, use_plan_file


def _page_with(workspace: Path, filler: str) -> Path:
    """The made-up 十五五 plan as a web page, with `filler` (the site's markup, a long table …) above the article."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = workspace / "raw" / "tonglu_15.html"
    page = html_page(PlanContent(**DOCUMENT_TABLE))
    path.write_text(page.replace('<div class="article">', filler + '<div class="article">'), encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def _refused(workspace: Path) -> InputError:
    started = time.process_time()
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    assert time.process_time() - started < 2.0      # refused before the page is parsed
    assert "check that this is the plan's page" in info.value.fix and "print it to PDF" in info.value.fix
    return info.value


def test_a_page_of_many_megabytes_is_refused_by_its_size(workspace):
    """The limit was 20 MB, and a 19 MB page took 62 s; a plan's page is some 50-500 kB. (Its checksum is recorded
    first, as a page within the cap: `make manifest` refuses one past it, as the data step does.)"""
    path = _page_with(workspace, "")
    path.write_text(path.read_text(encoding="utf-8").replace(
        '<div class="article">', "<!-- " + "x" * (limits.MAX_PAGE_BYTES + 1000) + ' --><div class="article">'),
        encoding="utf-8")
    error = _refused(workspace)
    assert error.file.endswith("tonglu_15.html") and f"{path.stat().st_size / 1e6:.1f} MB" in error.problem
    assert limits.MAX_PAGE_BYTES <= 2_000_000


def test_a_page_of_too_many_elements_is_refused_at_the_line_where_it_passes_the_limit(workspace):
    rows = web.MAX_PAGE_ELEMENTS // 2 + 10
    _page_with(workspace, "<table>\n" + "<tr><td>x</td></tr>\n" * rows + "</table>\n")
    error = _refused(workspace)
    lines = (workspace / "raw" / "tonglu_15.html").read_bytes().split(b"\n")
    counted = 0
    for number, line in enumerate(lines, 1):      # the line where the count of elements passes the limit
        counted += len(web.START_TAG.findall(line))
        if counted > web.MAX_PAGE_ELEMENTS:
            break
    assert error.where == number and f"the limit is {web.MAX_PAGE_ELEMENTS:,}" in error.problem


def test_the_largest_page_accepted_is_read_in_a_few_seconds(workspace):
    """A table of as many elements as the cap allows, the worst case per byte (each cell's text was found by a
    thirty-name find_all, which made this page cost 5 s of processor time for reading its cells alone)."""
    rows = (web.MAX_PAGE_ELEMENTS - 1000) // 4
    _page_with(workspace, "<table>\n" + "".join(f"<tr><td>{i}</td><td>x</td><td>y</td></tr>\n"
                                                for i in range(rows)) + "</table>\n")
    started = time.process_time()
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert time.process_time() - started < 3.0
    assert ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030 and "
                               "kind == 'target'")["value"].tolist() == [20]


def test_a_document_of_more_text_than_ten_plans_is_refused(workspace):
    """A page under the byte and element caps can still hold a yearbook's text; its prose, every sentence
    checked against the table, took 20 s under load for 1.6 MB."""
    paragraph = "<p>到2025年，全县人才资源总量达到{}万人，高技能人才占技能劳动者比例达到30%以上。</p>\n"
    count = plans.MAX_PLAN_CHARS // 40
    _page_with(workspace, "".join(paragraph.format(i % 50) for i in range(count)))
    started = time.process_time()
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    assert time.process_time() - started < 3.0
    assert f"the limit is {plans.MAX_PLAN_CHARS:,}" in info.value.problem and "plan alone" in info.value.fix
