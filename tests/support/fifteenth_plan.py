"""A made-up 十五五 plan for 桐庐 (tonglu), written as real plans write their tables (issue 15, section 2),
with its monitoring workbook: the text exports in both layouts, and its content for .docx and web pages.

The hand-worked figures are in tests/extract/test_plan_tables.py.
"""
import re
import shutil
from pathlib import Path

import yaml

from helpers.extract.manifest import write_manifest
from support.workbooks import one_sheet_workbook

WORD_PLAN = """桐庐县人才发展“十五五”规划
一、发展基础
“十四五”期间，全县人才工作取得新成效。
二、发展目标
“十五五”时期全县人才发展主要指标
\t类别
\t序号
\t指标名称
\t单位
\t2025年（预计）
\t2030年目标
\t属性

\t人才规模
\t1
\t人才资源总量
\t万人
\t15.2
\t20左右
\t预期性

\t
\t2
\t新增高技能人才
\t人
\t〔6500〕
\t〔7000〕
\t约束性

\t人才结构
\t3
\t高技能人才占技能劳动者比例
\t%
\t35¹
\t40
\t约束性

\t人才效能
\t4
\t省级以上人才科技孵化载体
\t家
\t5
\t〔3〕
\t预期性

\t
\t5
\t每千人口执业(助理)医师数
\t人/千人
\t4.1
\t≥4.5
\t

\t注：〔〕内为五年累计数。¹为快报数。
三、主要任务
示例。
"""

CELL_PLAN = """桐庐县人才发展“十五五”规划

一、发展基础

“十四五”期间，全县人才工作取得新成效。

表1 “十五五”时期人才发展主要指标

序号

指标

计量单位

指标属性

2025年

2030年

1

人才资源总量

万人

预期性

15.2

20 左右

2

新增高技能人才

人

约束性

[6500]

[7000]

3

高技能人才占技能劳动者比例

%

约束性

35①

40

4

省级以上人才科技孵化载体

家

预期性

5

[3]

5

每千人口执业(助理)医师数

人/千人

预期性

4.1

≥4.5

注：[ ]内为五年累计数。①为快报数。

三、主要任务

示例。
"""
PLANS = {"word_tab_cells": WORD_PLAN, "cell_per_line": CELL_PLAN}
# A flow indicator, added to the catalogue by config like any other: nothing in it says "cumulative".
NEW_HIGH_SKILLED = {"id": "new_high_skilled_talent", "name_zh": "新增高技能人才", "name_en": "New high-skilled talent",
                    "unit": "人", "direction": "higher", "measure": "count", "definition": "当年新增的高技能人才。",
                    "source_names": ["新增高技能人才"], "plausible": [0, 1000000],
                    "comparability": {"status": "same", "reason": "口径一致。"}}
MONITORING = {
    "人才资源总量": ("万人", {2025: 15.0, 2026: 16, 2027: 17, 2028: 18, 2029: 19, 2030: 19.5}),
    "新增高技能人才": ("人", {2026: 1300, 2027: 1400, 2028: 1500, 2029: 1400, 2030: 1500}),
    "高技能人才占技能劳动者比例": ("%", {2026: 36, 2027: 37, 2028: 38, 2029: 39, 2030: 40.5}),
    "省级以上人才科技孵化载体": ("家", {2026: 1, 2027: 0, 2029: 1, 2030: 1}),
    "每千人口执业(助理)医师数": ("人/千人", {2026: 4.2, 2027: 4.3, 2028: 4.4, 2029: 4.5, 2030: "4.6²"}),
}


def add_fifteenth_plan(workspace: Path, layout: str, text: str | None = None, monitoring: bool = True) -> Path:
    """桐庐's 十五五 plan (and its monitoring workbook) added to a copy of the project by config alone."""
    raw = workspace / "raw"
    (raw / "tonglu_15.txt").write_text(PLANS[layout] if text is None else text, encoding="utf-8")
    write_manifest(raw)
    if monitoring:
        one_sheet_workbook(workspace, [["桐庐县", indicator, unit, year, value, None, "统计年报", None]
                                       for indicator, (unit, values) in MONITORING.items()
                                       for year, value in values.items()], name="桐庐监测.xlsx")
    _configured(workspace, "tonglu_15.txt", layout)
    return workspace


def add_fifteenth_plan_document(workspace: Path, document: Path) -> Path:
    """桐庐's 十五五 plan as published in `document` (a .docx, a web page, a PDF) copied into the project's raw/ and
    added by config alone, with no layout (its kind says how it is read) and no monitoring workbook."""
    shutil.copy(document, workspace / "raw" / document.name)
    write_manifest(workspace / "raw")
    _configured(workspace, document.name)
    return workspace


def _configured(workspace: Path, file: str, layout: str | None = None) -> None:
    """桐庐's entry in sources.yaml (its 十五五 plan `file`, read by `layout` if given) and NEW_HIGH_SKILLED in the
    catalogue."""
    config = workspace / "config"
    entry = {"entity": "tonglu", "name_zh": "桐庐县", "name_en": "Tonglu", "file": file}
    if layout is not None:
        entry["layout"] = layout
    entry.update(table_title="人才发展主要指标", plan_period={"name": "十五五", "base_year": 2025, "target_year": 2030})
    sources = yaml.safe_load((config / "sources.yaml").read_text(encoding="utf-8"))
    sources["plans"].append(entry)
    (config / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    catalogue = yaml.safe_load((config / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["indicators"].append(NEW_HIGH_SKILLED)
    (config / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")


# The same table as a document's grid (for .docx and web pages): None is a cell merged with the one above.
DOCUMENT_TABLE = {
    "before": ["桐庐县人才发展“十五五”规划", "一、发展基础", "“十四五”期间，全县人才工作取得新成效。", "二、发展目标"],
    "title": "“十五五”时期全县人才发展主要指标",
    "header": ["类别", "序号", "指标名称", "单位", "2025年（预计）", "2030年目标", "属性"],
    "rows": [["人才规模", "1", "人才资源总量", "万人", "15.2", "20左右", "预期性"],
             [None, "2", "新增高技能人才", "人", "〔6500〕", "〔7000〕", "约束性"],
             ["人才结构", "3", "高技能人才占技能劳动者比例", "%", "35¹", "40", "约束性"],
             ["人才效能", "4", "省级以上人才科技孵化载体", "家", "5", "〔3〕", "预期性"],
             [None, "5", "每千人口执业(助理)医师数", "人/千人", "4.1", "≥4.5", ""]],
    "note": "注：〔〕内为五年累计数。¹为快报数。",
    "after": ["三、主要任务", "示例。"],
}


def web_page_with_target(path: Path, cell: str, style: str = "", charset: str = "utf-8") -> Path:
    """桐庐's plan as a web page at `path` whose 2030 target cell for 人才资源总量 (20左右) is the markup `cell`,
    the page's <style> ending with `style`."""
    from support.plan_documents import PlanContent, write_html
    write_html(PlanContent(**DOCUMENT_TABLE), path, charset=charset, style=style)
    encoding = "utf-8" if charset == "utf-8" else "gb18030"
    page = path.read_bytes().decode(encoding)
    assert page.count(">20左右<") == 1
    path.write_bytes(page.replace(">20左右<", f">{cell}<").encode(encoding))
    return path


def tonglu_web_plan(workspace: Path, cell: str = "20左右", style: str = "", around=None) -> Path:
    """桐庐's 十五五 plan added to the workspace (add_fifteenth_plan, word_tab_cells) and published as the web page
    raw/tonglu_15.html in place of its text export: its 2030 target cell for 人才资源总量 (20左右) is the markup
    `cell`, the page's <style> ending with `style` (web_page_with_target); `around(block, copy)` rewrites the table
    with its title paragraph (`block`), given a copy of it whose 2030 target is 99. The manifest is rewritten."""
    from support.plan_documents import use_plan_file
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / "tonglu_15.html", cell, style=style)
    if around is not None:
        page = path.read_text(encoding="utf-8")
        block = re.search(r"<p><b>.*?</table>", page, re.DOTALL).group()
        assert "人才发展主要指标" in block and block.count(f">{cell}<") == 1
        path.write_text(page.replace(block, around(block, block.replace(f">{cell}<", ">99<"))), encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def tonglu_plan_published(workspace: Path, content, kind: str) -> Path:
    """桐庐's 十五五 plan added to the workspace (add_fifteenth_plan, word_tab_cells) and published as `content` (a
    PlanContent) in place of its text export: a .docx (`kind` docx), a web page (html), or that page printed to PDF
    by Chromium (pdf), named in config/sources.yaml. The manifest is rewritten."""
    from support.plan_documents import print_pdfs_chromium, use_plan_file, write_docx, write_html
    add_fifteenth_plan(workspace, "word_tab_cells")
    if kind == "docx":
        path = write_docx(content, workspace / "raw" / "tonglu_15.docx")
    else:
        path = write_html(content, workspace / "raw" / "tonglu_15.html")
        if kind == "pdf":
            pdf = workspace / "raw" / "tonglu_15.pdf"
            print_pdfs_chromium([(path, pdf)])
            path.unlink()
            path = pdf
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def total_target_2030(ds):
    """The one row of 桐庐's 2030 target for 人才资源总量 (its value, comparator, marks and place), read from the plan
    however it was published: the cell the hostile-document tests hide, strike or restyle."""
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2030 and "
                               "kind == 'target'")
    assert len(rows) == 1, rows
    return rows.iloc[0]
