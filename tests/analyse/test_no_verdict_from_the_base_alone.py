"""No verdict from the plan's own base-year figure alone (issue 18, redteam9 finding 3: a verdict from no data).

建德's plan (data/raw/jiande_talent_plan_2021-2025.txt) gives 党政人才 0.28 万人 for 2020 and 0.28 for 2025 (保持在
0.28万人左右): a hold target, met by its base. With a 2023 workbook holding only 人才资源总量, main's 2023 scorecard
said 党政人才 已达目标 (trends.csv latest_year 2020, verdict target_met), from 0.28 of 2020 alone, while every other
indicator with only its 2020 figure said 无法评估 and the brief's own note says such targets are only judged held or
not held. With no actual after 2020 it is not assessable, and the note says why; with a 2023 actual of 0.28 it is
held (保持), 0.25 not held (未保持).
"""
import json

import pytest

from conftest import copy_of_project
from helpers.analyse import evaluation as ev
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET
from helpers.analyse.progress import verdict_label
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from support.tonglu import report_context
from support.workbooks import one_sheet_workbook

PARTY = "party_government_talent"


def _context(root, rows):
    copy_of_project(root)
    one_sheet_workbook(root, rows, name="2023.xlsx")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return report_context(root, 2023, entities="jiande")


@pytest.fixture(scope="module")
def only_talent_total(tmp_path_factory):
    return _context(tmp_path_factory.mktemp("base_alone"),
                    [["建德市", "人才资源总量", "万人", 2023, 12.0, None, "统计局", None]])


def test_a_hold_target_met_by_its_base_alone_is_not_assessable(only_talent_total):
    row = only_talent_total.progress.set_index("indicator_id").loc[PARTY]
    assert (row["base_value"], row["target_value"], row["latest_year"]) == (0.28, 0.28, 2020)
    assert row["verdict"] == NOT_ASSESSABLE and row["progress_category"] == NOT_ASSESSABLE
    notes = json.loads(row["progress_notes"])
    assert notes == [{"code": "no_actual_after_base", "base_year": 2020}]
    assert notes_text(row["progress_notes"], words("zh"), "progress_notes") == "尚无基期（2020年）之后的实际值"
    assert verdict_label(row["verdict"], "zh") == "无法评估"
    assert verdict_label(row["verdict"], "en") != verdict_label(TARGET_MET, "en")


def test_no_indicator_is_met_on_the_plans_own_figures(only_talent_total):
    p = only_talent_total.progress
    assert not ((p["verdict"] == TARGET_MET) & (p["latest_year"] <= 2020)).any()


@pytest.mark.parametrize("value, judged", [(0.28, ev.HELD), (0.25, ev.NOT_HELD)])
def test_an_actual_after_the_base_is_judged_held_or_not(tmp_path, value, judged):
    ctx = _context(tmp_path, [["建德市", "人才资源总量", "万人", 2023, 12.0, None, "统计局", None],
                              ["建德市", "党政人才", "万人", 2023, value, None, "组织部", None]])
    row = ctx.progress.set_index("indicator_id").loc[PARTY]
    assert (row["latest_year"], row["latest_value"], row["verdict"]) == (2023, value, judged)
