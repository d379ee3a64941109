"""The 2025 brief's verdict when the 十五五 plan's table note says its 2025 figures are no year's actual (issue 18,
rt19b's leftover): 2025年为目标值, 2025年数据为模拟数据, or 部分指标2025年数据为预计数. The case and its hand-worked
figures: tests/support/final_evaluation.py, the workbook's 2025 人才资源总量 and 人才流失率 taken out, so that the
plan's 2025 figures (15.2 and 5.5) are the only ones.

By hand, main read the note's figures as firm 2025 actuals: 15.2 against 15左右 met, 5.5 against 6 (lower is better)
met, and the brief said "5项目标中3项达标". Now the data step stops at the note; its advice followed (the column's
figures read as estimates), neither is judged: 〔6000〕 at 5,950 missed, 〔1〕 at +1.1 met, 35以上 at 35 met, 3 judged,
2 met, 1 missed, and 2 无法评估. With 部分 and the office naming 人才资源总量 alone (rows:), 人才流失率's 5.5 stays a
firm actual, met: 4 judged, 3 met, 1 missed.
"""
import re

import pytest
import yaml

from helpers import analyse
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import PLAN_15, final_evaluation_case

WITHOUT = (("人才资源总量", 2025), ("人才流失率", 2025))
TWO_NOT = ("桐庐县“十四五”规划（2021—2025年）终期评估：3项目标中2项达标、1项未达标（未达标：新增高技能人才）；"
           "另有2项尚无2025年实际值，待补充。")
ONE_NOT = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中3项达标、1项未达标（未达标：新增高技能人才）；"
           "另有1项尚无2025年实际值，待补充。")
NOTES = {"target": ("注：2025年为目标值。", {}, TWO_NOT),
         "void": ("注：2025年数据为模拟数据。", {}, TWO_NOT),
         "some": ("注：部分指标2025年数据为预计数。", {"rows": ["人才资源总量"]}, ONE_NOT)}


@pytest.mark.parametrize("name", list(NOTES))
def test_the_brief_judges_no_figure_the_note_says_is_no_actual(tmp_path, name):
    note, answer, said = NOTES[name]
    assert PLAN_15.count("注：〔〕内为五年累计数。") == 1
    with pytest.raises(InputError) as stopped:
        final_evaluation_case(tmp_path, plan_15=PLAN_15.replace("注：〔〕内为五年累计数。", note), without=WITHOUT)
    assert stopped.value.file.endswith("tonglu_15.txt")
    entry = yaml.safe_load(re.search(r"table_notes: - (\{note: [^{}]*\})", stopped.value.fix).group(1))
    entry.update(because="办公室答复", **answer)
    config = tmp_path / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    next(p for p in doc["plans"] if p["file"] == "tonglu_15.txt")["table_notes"] = [entry]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset.write(dataset.build(tmp_path / "raw", tmp_path / "config"), tmp_path / "processed")
    analyse.build_tables(tmp_path / "processed", tmp_path / "config", 2025, "tonglu")
    zh = load_report_context(tmp_path / "processed", tmp_path / "config", 2025, "tonglu", "zh")
    assert executive_summary(zh, "brief")[0] == said
