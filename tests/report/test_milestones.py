"""A plan's interim milestone targets are judged in their year's brief (redteam15 finding 4).

桐庐's 十五五 plan (tests/support/fifteenth_plan.py) with a 2027年目标 column before its 2030年目标:
人才资源总量 17.5, 新增高技能人才 〔3000〕, 高技能人才占技能劳动者比例 37, 省级以上人才科技孵化载体 〔1〕,
每千人口执业(助理)医师数 ≥4.3. Its workbook (fifteenth_plan.MONITORING) gives for 2026 and 2027:
人才资源总量 16, 17; 新增高技能人才 1,300, 1,400; 占比 36, 37; 孵化载体 1, 0; 医师数 4.2, 4.3. So in 2027, by hand:
- 人才资源总量 17 against 17.5: missed;
- 新增高技能人才 1,300 + 1,400 = 2,700 against 〔3,000〕 (2026–2027): missed;
- 占比 37 against 37, 孵化载体 1 + 0 = 1 against 〔1〕, 医师数 4.3 against ≥4.3: met.
Was: the 2027 targets were read (indicators.csv) and never judged: the brief said 新增高技能人才
符合序时进度 on 2,700 ÷ 7,000 of the 2030 target, and nothing of the missed 〔3000〕; the cleaning log said the
2027 〔3000〕 was read as a cumulative figure "over the plan period" (the table's note: 〔〕内为五年累计数),
where it covers 2026–2027.
"""
import json

import pandas as pd
import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.fifteenth_plan import WORD_PLAN, add_fifteenth_plan

MILESTONES = (WORD_PLAN.replace("\t2030年目标", "\t2027年目标\n\t2030年目标")
              .replace("\t15.2\n\t20左右", "\t15.2\n\t17.5\n\t20左右")
              .replace("\t〔6500〕\n\t〔7000〕", "\t〔6500〕\n\t〔3000〕\n\t〔7000〕")
              .replace("\t35¹\n\t40", "\t35¹\n\t37\n\t40")
              .replace("\t5\n\t〔3〕", "\t5\n\t〔1〕\n\t〔3〕")
              .replace("\t4.1\n\t≥4.5", "\t4.1\n\t≥4.3\n\t≥4.5"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("milestones"))
    add_fifteenth_plan(root, "word_tab_cells", text=MILESTONES)
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2027, None)
    return root


def _milestones(project) -> dict[str, dict]:
    trends = pd.read_csv(project / "processed" / "trends.csv", encoding="utf-8-sig")
    out = {}
    for r in trends[trends["entity"] == "tonglu"].itertuples():
        for n in json.loads(r.evaluation_notes) if isinstance(r.evaluation_notes, str) and r.evaluation_notes else []:
            if n["code"].startswith("milestone_"):
                out[r.indicator_id] = n
    return out


def test_each_milestone_is_judged_on_the_years_actual_or_the_sum_of_the_years(project):
    m = _milestones(project)
    assert {i: (n["code"], n["value"], n["target"]) for i, n in m.items()} == {
        "talent_total": ("milestone_missed", 17, 17.5),
        "new_high_skilled_talent": ("milestone_missed", 2700, 3000),
        "high_skilled_share_of_skilled": ("milestone_met", 37, 37),
        "provincial_incubators": ("milestone_met", 1, 1),
        "physicians_per_1000": ("milestone_met", 4.3, 4.3),
    }


def test_the_brief_says_which_milestones_were_missed(project):
    said = {"zh": "桐庐县“十五五”规划设有2027年阶段目标5项：3项达到、2项未达到、0项尚缺实际值"
                  "（未达到：人才资源总量2027年为17万人，目标17.5万人、"
                  "新增高技能人才2026—2027年累计2,700人，目标〔3,000人〕）。",
            "en": "Tonglu, 15th Five-Year Plan: the plan sets 5 targets for 2027: 3 met, 2 missed"}
    for lang, sentence in said.items():
        ctx = load_report_context(project / "processed", project / "config", 2027, None, lang)
        sentences = executive_summary(ctx, "brief")
        assert any(sentence in s for s in sentences), sentences


def test_the_cleaning_log_gives_a_milestones_years(project):
    log = pd.read_csv(project / "processed" / "cleaning_log.csv", encoding="utf-8-sig")
    rows = log[(log["entity"] == "tonglu") & (log["indicator_id"] == "new_high_skilled_talent")
               & (log["step"] == "cumulative")]
    texts = [decision_text("cumulative", json.loads(v), words("zh")) for v in rows["values"]]
    assert any("“2027年目标”列的“〔3000〕”读作3000，记为2026—2027年累计数" in t for t in texts), texts
    assert any("“2030年目标”列的“〔7000〕”读作7000，记为2026—2030年累计数" in t for t in texts), texts
    assert any("“〔6500〕”读作6500，记为2021—2025年累计数" in t for t in texts), texts
    assert not any("规划期累计数" in t for t in texts)
