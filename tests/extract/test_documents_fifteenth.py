"""A new county's 十五五 plan as it is published (.docx, GBK web page, PDF printed by Chromium), added by a config
entry alone: its values, comparators, 属性, cumulative and approximate targets, and its prose baseline, each with
its place. What each cell gives was worked out by hand from the table below (the table semantics are
tests/extract/test_plan_tables.py's; here the same table arrives as a document):

    indicator                     unit    2025年（预计）  2030年目标  属性     read as
    人才资源总量                   万人     15.2          20左右      预期性   2025 estimated; 2030 about 20
    新增高技能人才                 人       〔6500〕       〔7000〕     约束性   cumulative (the table's 注), binding
    高技能人才占技能劳动者比例      %        35            40          约束性   2030 target 40, binding
    每千人口执业(助理)医师数        人/千人   4.1           ≥4.5                 2030 target 4.5, comparator >=

and its prose: 人才资源总量由2020年的10万人增至15.2万人 (十四五期间): 2020 = 10, stated.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.extract import dataset
from support.data_step import build
from support.fifteenth_plan import add_fifteenth_plan_document
from support.plan_documents import PlanContent, print_pdfs_chromium, write_docx, write_html

PLAN = PlanContent(
    before=["桐庐县人才发展“十五五”规划", "一、发展基础",
            "“十四五”期间，全县人才资源总量由2020年的10万人增至15.2万人。", "二、发展目标"],
    title="“十五五”时期全县人才发展主要指标",
    header=["类别", "序号", "指标名称", "单位", "2025年（预计）", "2030年目标", "属性"],
    rows=[["人才规模", "1", "人才资源总量", "万人", "15.2", "20左右", "预期性"],
          [None, "2", "新增高技能人才", "人", "〔6500〕", "〔7000〕", "约束性"],
          ["人才结构", "3", "高技能人才占技能劳动者比例", "%", "35", "40", "约束性"],
          ["人才效能", "4", "每千人口执业(助理)医师数", "人/千人", "4.1", "≥4.5", ""]],
    note="注：〔〕内为五年累计数。", after=["三、主要任务", "示例。"])
FLAGS = ["value", "comparator", "attribute", "approximate", "cumulative", "estimated"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fifteenth")
    page = write_html(PLAN, folder / "tonglu.html")
    print_pdfs_chromium([(page, folder / "tonglu.pdf")])
    return {"docx": write_docx(PLAN, folder / "tonglu.docx"), "html": write_html(PLAN, folder / "tonglu.htm", "gb2312"),
            "pdf": folder / "tonglu.pdf"}


def added(workspace: Path, document: Path) -> dataset.Dataset:
    return build(add_fifteenth_plan_document(workspace, document))


@pytest.mark.parametrize("kind", ["docx", "html", "pdf"])
def test_a_fifteenth_plan_as_published_gives_its_marks_and_places(workspace, published, kind):
    ds = added(workspace, published[kind])
    tonglu = ds.indicators.query("entity == 'tonglu'").set_index(["indicator_id", "year", "kind"])

    def row(indicator, year, kind):
        return tonglu.loc[(indicator, year, kind), FLAGS].tolist()

    assert row("talent_total", 2025, "actual") == [15.2, "=", "预期性", False, False, True]
    assert row("talent_total", 2030, "target") == [20, "=", "预期性", True, False, False]
    assert row("new_high_skilled_talent", 2030, "target")[:5] == [7000, "=", "约束性", False, True]
    assert row("high_skilled_share_of_skilled", 2030, "target")[:3] == [40, "=", "约束性"]
    assert row("physicians_per_1000", 2030, "target")[:3] == [4.5, ">=", ""]
    assert tonglu.loc[("talent_total", 2020, "actual"), "value"] == 10            # the prose's stated baseline
    places = {json.loads(p)["code"] for p in tonglu["source_place"] if p}
    table_place = {"docx": "table_cell", "html": "line", "pdf": "page_table_cell"}[kind]
    prose_place = {"docx": "paragraph", "html": "line", "pdf": "page_line"}[kind]
    assert {table_place, prose_place} <= places and "" not in set(tonglu["source_place"])
