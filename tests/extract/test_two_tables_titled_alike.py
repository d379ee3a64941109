"""A plan document with two tables titled like the plan's (redteam9 finding 4, F-two-tables): 建德's plan as a web
page with a 十三五 table (“十三五”时期人才发展主要指标: 2015年完成值, 2020年目标值, 2020年完成值) before the 十四五 one.
The first is read, and its targets are for 2020: the advice was to give the entry the plan_period of its
document, which would have made the 十三五 table the plan. The advice now names both tables and asks for a
`table_title` that matches the plan's alone; followed, the 十四五 table is read, every value as from the text
export. Two tables under the very same title whose figures differ (redteam14) stop naming both cells."""
from __future__ import annotations

import copy
import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan, total_target_2030
from support.plan_documents import JIANDE, PlanContent, html_page, real_plan, use_plan_file, values

ROWS = [["人才资源总量", "万人", "6.94", "10", "10.3"], ["高技能人才占技能劳动者比例", "%", "25", "30", "32.4"]]
HEADER = ["指标", "单位", "2015年完成值", "2020年目标值", "2020年完成值"]
OLD_TITLE = "“十三五”时期人才发展主要指标"    # (a title saying 完成情况 is refused as a report)


def _with_completion_table(workspace):
    page = html_page(real_plan(JIANDE))
    table = f"<p><b>{OLD_TITLE}</b></p><table><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    table += "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS) + "</table>"
    first_p = page.index("<p>", page.index('class="article"'))
    path = workspace / "raw" / "jiande.html"
    path.write_text(page[:first_p] + table + page[first_p:], encoding="utf-8")
    use_plan_file(workspace, JIANDE, path)
    return path


def test_two_tables_titled_alike_ask_for_a_more_specific_title_that_works(workspace, real_dataset):
    _with_completion_table(workspace)
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    error = caught.value
    assert OLD_TITLE in error.problem and "sets targets for 2020" in error.problem
    assert "“十四五”时期全市人才发展主要指标" in error.problem        # the other table, named
    assert "matches only the title" in error.fix
    assert not error.fix.startswith("give this plan entry the plan_period")
    config = workspace / "config" / "sources.yaml"     # the advice followed: the 十四五 table's title, as written
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == "jiande.html")["table_title"] = "十四五”时期全市人才发展主要指标"
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = dataset.build(workspace / "raw", workspace / "config")
    got = values(ds).query("entity == 'jiande'").drop(columns="origin").reset_index(drop=True)
    want = values(real_dataset).query("entity == 'jiande'").drop(columns="origin").reset_index(drop=True)
    assert len(got) == len(want) and got.equals(want)


# ------------------------------------------------------------------ the same title above two tables (redteam14)

def _page_with_a_copy_first(workspace, copy_figure: str, keep_copy: bool = True):
    """桐庐's 十五五 plan as a web page whose titled table is preceded by a copy of itself, title and all, with
    `copy_figure` for the 2030 target of 人才资源总量 (20左右 in the plan)."""
    page = html_page(PlanContent(**copy.deepcopy(DOCUMENT_TABLE)))
    block = re.search(r"<p><b>.*?</table>", page, re.S).group()
    copied = block.replace(">20左右<", f">{copy_figure}<")
    path = workspace / "raw" / "tonglu_15.html"
    first = not path.exists()
    if first:
        add_fifteenth_plan(workspace, "word_tab_cells")
    path.write_text(page.replace(block, (copied if keep_copy else "") + "\n" + block), encoding="utf-8")
    if first:
        use_plan_file(workspace, "tonglu_15.txt", path)
    write_manifest(workspace / "raw")
    return path


def test_two_tables_with_the_same_title_and_different_figures_stop_naming_both(workspace):
    """Two tables under the same title, the first a copy with 99 for the plan's 20左右 (redteam14's
    two-plain99-first): on main the first was read, 99, without a word of the second. A different figure for the
    same indicator and column is a stop naming both cells; followed, the advice (delete the table that is not the
    plan's) reads 20左右."""
    _page_with_a_copy_first(workspace, "99")
    with pytest.raises(InputError) as caught:
        dataset.build(workspace / "raw", workspace / "config")
    error = caught.value
    assert error.file.endswith("tonglu_15.html")
    assert "two tables are titled '“十五五”时期全县人才发展主要指标'" in error.problem, error.problem
    assert "人才资源总量, 2030年目标: '99' in the first (line " in error.problem, error.problem
    assert "but '20左右' in the second (line " in error.problem, error.problem
    assert "delete the other from the document" in error.fix
    _page_with_a_copy_first(workspace, "99", keep_copy=False)
    assert total_target_2030(dataset.build(workspace / "raw", workspace / "config"))["value"] == 20


def test_two_tables_with_the_same_title_and_the_same_figures_are_read_once(workspace):
    _page_with_a_copy_first(workspace, "20左右")
    row = total_target_2030(dataset.build(workspace / "raw", workspace / "config"))
    assert (row["value"], bool(row["approximate"])) == (20, True)
