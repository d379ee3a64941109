"""A preliminary count (快报: the year's counted figure, published early, may be revised) is read as the year's
actual, by design, and marked where it is judged, as an estimate is named (issue 18, lesser). On main (f1f00a4) only
a plan's cell 15.2（快报） was: a workbook row whose 备注 says 快报, a workbook named 快报 and a plan column headed
2025年（快报） were judged with no word, and the footnote said 快报 figures were the plan table's.

The case (tests/support/final_evaluation.py): 桐庐's 十四五 final evaluation in 2025; the workbook's 2025 人才资源总量
is 14.6 with 备注 快报. By hand: 14.6 < 15 (15左右): 未达标, 97.3%, on the preliminary 14.6.
"""
import json

import pytest
import yaml

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse.inputs import is_preliminary
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.report.chapters.plan import plan_section
from helpers.report.chapters.scorecard import summary_section
from helpers.report.context import load_report_context
from support.fifteenth_plan import WORD_PLAN, add_fifteenth_plan
from support.final_evaluation import final_evaluation_case
from support.workbooks import one_sheet_workbook

# One line (redteam18: the 快报 备注 gave two under the scorecard, the preliminary note and the 备注's quote)
SAID = {"zh": "桐庐县人才资源总量判断所用的实际值为快报数（初步统计），正式数据公布后可能修订；评估所用的2025年实际值"
              "14.6万人（监测2021-2025.xlsx工作表数据单元格E6）附有备注：“快报”。",
        "en": "Tonglu, total talent pool: the judgement rests on a preliminary count, which may be revised when the "
              "final figures are published; the 2025 actual judged, 14.6 (10,000 persons), in 监测2021-2025.xlsx, "
              "sheet 数据, cell E6, has the workbook note “快报”."}
TWICE = {"zh": "下列判断所用的实际值为快报数", "en": "These judgements rest on a preliminary count"}
FOOTNOTE = {"zh": "（快报）：规划表或监测工作簿中标明“快报”（初步统计）的数值，按实际值判断，正式数据公布后可能修订。",
            "en": "prelim.: a figure the plan or a monitoring workbook marks as a preliminary count, judged as the "
                  "actual; it may be revised when the final figures are published."}


@pytest.fixture(scope="module")
def remark(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("prelim"), remarks={"人才资源总量": {2025: "快报"}})
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return root


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_workbook_preliminary_count_is_marked_where_it_is_judged(remark, lang):
    ctx = load_report_context(remark / "processed", remark / "config", 2025, "tonglu", lang)
    row = ctx.progress.set_index("indicator_id").loc["talent_total"]
    assert (row["evaluated_value"], bool(row["evaluated_preliminary"]), row["verdict"]) == (14.6, True,
                                                                                            "target_missed")
    scorecard = str(summary_section(ctx))
    assert SAID[lang] in scorecard.replace("&#39;", "'"), scorecard
    assert TWICE[lang] not in scorecard
    assert scorecard.count("快报数（初步统计）" if lang == "zh" else "preliminary count") == 1
    plan = str(plan_section(ctx))
    assert ("2025: 14.6（快报）" if lang == "zh" else "2025: 14.6 (prelim.)") in plan
    assert FOOTNOTE[lang] in plan.replace("&#39;", "'").replace("&#34;", '"'), plan


def test_a_workbook_named_preliminary_marks_its_figures(workspace):
    copy_of_project(workspace / "w")
    root = workspace / "w"
    add_fifteenth_plan(root, "word_tab_cells", monitoring=False)
    one_sheet_workbook(root, [["桐庐县", "人才资源总量", "万人", 2025, 15.0, None, "统计年报", None]],
                       name="桐庐2025年快报.xlsx")
    ds = dataset.build(root / "raw", root / "config")
    [record] = ds.indicators.query("entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025 "
                                   "and kind == 'actual'").to_dict("records")
    assert record["value"] == 15.0 and is_preliminary(record)
    assert {"code": "preliminary_name", "name": "桐庐2025年快报", "word": "快报"} in json.loads(record["note_values"])


def test_a_plan_column_headed_preliminary_marks_its_figures(workspace):
    copy_of_project(workspace / "w")
    root = workspace / "w"
    add_fifteenth_plan(root, "word_tab_cells", WORD_PLAN.replace("\t2025年（预计）\n", "\t2025年（快报）\n"),
                       monitoring=False)
    config = root / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["header_roles"] = [{"pattern": r"(?P<year>\d{4})年\(快报\)", "role": "year"}]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_manifest(root / "raw")
    ds = dataset.build(root / "raw", root / "config")
    rows = ds.indicators.query("entity == 'tonglu' and year == 2025 and kind == 'actual'")
    assert len(rows) == 5 and not rows["estimated"].astype(bool).any()
    assert all(is_preliminary(r) for r in rows.to_dict("records"))
    assert all({"code": "preliminary_column", "header": "2025年（快报）", "word": "快报"} in json.loads(v)
               for v in rows["note_values"])
