"""A third county, in either layout, is added with a config entry and no code change."""
from pathlib import Path

import pytest
import yaml

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.notes import said

WORD_LAYOUT_PLAN = """桐庐县人才发展“十四五”规划
一、发展基础
2020年，全县人才资源总量达到9.1万人，比2015年增长30%。
二、发展目标
到2025年，全县人才资源总量达到12万人，高技能人才占技能劳动者比例达到33%以上。
“十四五”时期全县人才发展主要指标
\t一级指标
\t序号
\t二级指标
\t单位
\t2020年完成值
\t2025年目标值

\t人才资源总量
\t1
\t人才资源总量
\t万人
\t9.1
\t12

\t
\t2
\t高技能人才占技能劳动者比例
\t%
\t30
\t33

\t注：示例。
三、主要任务
"""

CELL_LAYOUT_PLAN = """桐庐县人才发展“十四五”规划

一、主要目标

2025年,全县人才资源总量达12万人,其中党政人才0.4万人。

表1 “十四五”时期桐庐人才发展主要指标

序号

指标

2020年完成数

2025年目标数

2025年省委目标数

1

人才资源总量

9.1

12

1650

其中

党政人才队伍(万人)

0.3

0.4

32.5

2

直接融资比重(%

/

18

20

三、主要任务
"""


@pytest.mark.parametrize("layout, text", [("word_tab_cells", WORD_LAYOUT_PLAN), ("cell_per_line", CELL_LAYOUT_PLAN)])
def test_third_county_from_a_config_entry(workspace: Path, layout, text):
    (workspace / "raw" / "tonglu_plan.txt").write_text(text, encoding="utf-8")
    write_manifest(workspace / "raw")
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["plans"].append({"entity": "tonglu", "name_zh": "桐庐县", "name_en": "Tonglu", "file": "tonglu_plan.txt",
                         "layout": layout, "table_title": "人才发展主要指标"})
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")

    ds = dataset.build(workspace / "raw", workspace / "config")
    tonglu = ds.indicators.query("entity == 'tonglu'")
    total = tonglu.query("indicator_id == 'talent_total'").set_index(["year", "kind"])["value"]
    assert total[(2020, "actual")] == 9.1 and total[(2025, "target")] == 12
    assert set(ds.indicators["entity"]) >= {"jiande", "anji", "zhejiang", "tonglu"}
    assert not ds.indicators.duplicated(["entity", "indicator_id", "year", "kind"]).any()
    if layout == "word_tab_cells":
        assert total[(2015, "baseline_derived")] == pytest.approx(9.1 / 1.3)
        comparator = ds.checks.query("entity == 'tonglu' and check == 'comparator'")
        assert list(comparator["indicator_id"]) == ["high_skilled_share_of_skilled"]
    else:
        assert tonglu.query("indicator_id == 'direct_financing_share' and year == 2020")["value"].isna().all()
        checks = ds.checks.query("entity == 'tonglu' and indicator_id == 'party_government_talent'")
        assert checks["status"].tolist() == ["agree"]
        # Tonglu restates two provincial targets: 1650 agrees with Anji's, 20 for direct financing too.
        kept = ds.indicators.query("entity == 'zhejiang' and indicator_id == 'talent_total'").iloc[0]
        assert kept["source_file"].endswith("anji_talent_plan_2021-2025.txt")
        assert "tonglu_plan.txt" in said(kept)


def _with_tonglu_plan(workspace: Path, text: str):
    """The dataset with 桐庐's plan, `text` in the cell-per-line layout, added to the project's config."""
    (workspace / "raw" / "tonglu_plan.txt").write_text(text, encoding="utf-8")
    write_manifest(workspace / "raw")
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["plans"].append({"entity": "tonglu", "name_zh": "桐庐县", "name_en": "Tonglu", "file": "tonglu_plan.txt",
                         "layout": "cell_per_line", "table_title": "人才发展主要指标"})
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dataset.build(workspace / "raw", workspace / "config")


def test_plans_disagreeing_on_a_provincial_target_are_reported(workspace: Path):
    text = CELL_LAYOUT_PLAN.replace("1650", "1700")
    ds = _with_tonglu_plan(workspace, text)
    finding = ds.consistency.query("check == 'province_target'")
    assert finding[["table_value", "prose_value"]].values.tolist() == [[1650, 1700]]


def test_a_provincial_target_stated_as_a_bound_in_one_plan_is_said_with_its_comparator(workspace: Path):
    """Was (redteam5, a sentence printing a target without its comparator): 1650 in one plan and ≥1650 in another were
    reported as 'different provincial targets: 1650 … 1650'."""
    from helpers.core.wording import explanation_text, words
    text = CELL_LAYOUT_PLAN.replace("1650", "≥1650", 1)
    ds = _with_tonglu_plan(workspace, text)
    finding = ds.consistency.query("check == 'province_target'").iloc[0]
    said = explanation_text(finding["explanation_values"], words("zh"))
    assert "为1650，" in said and "为≥1650；" in said, said
