"""Every note agrees with the result it stands beside (trends.csv: the verdict, the progress category, the plan
judgement and the Open SDG category, each with the notes that say why).

Today's main wrote "尚无2025年实际值，按2024年实际值判断" (judged on the 2024 actual) beside 无法评估 (not
assessable), "最新值0.3已满足目标0.3" (already meets the target) beside 无法评估, "2026年实际值…达到2025年目标" beside
无法评估 in 2026, and in the period a growth ratio that reads as on track (R = 1.10) as the reason for 慢于序时进度
(behind schedule).

The rule, checked on every row of every scenario below:
- a result that cannot be assessed has notes, and every one of them says why (no target, no actual, no actual
  after the base year, no target-year actual yet, only a plan's estimate, a single observation, …); none says
  that something was judged;
- an assessed result has exactly one note that states a judgement, and it is this result: met on the target
  year's actual (never another year's: so no final result is provisional), the growth ratio's category, the two
  shares' 序时进度 judgement, a hold target's held or not held.

Scenarios: 桐庐 (tests/support/tonglu.py) and the project's counties, monitored 2021–2024 only (no 2025 actual),
at 2023, 2024, 2025 and 2026; 桐庐 with its 2025 figures only as the 十五五 plan's estimates, at 2025; and the
brief's workspace (tests/support/brief_limits.py) monitored 2021–2024 and 2026 but not 2025, at 2025 and 2026 (the
final evaluation after the target year with a later actual but none of the target year).
"""
import json

import pandas as pd
import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse import evaluation as ev
from helpers.analyse.growth import (
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION,
    NOT_ASSESSABLE,
    ON_TRACK,
    TARGET_MET,
    TARGET_MISSED,
    category_for_ratio,
    target_met,
)
from helpers.analyse.progress import verdict_notes
from helpers.core.periods import FINAL_PHASES
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support import brief_limits as bl
from support.tonglu import make_county

# Notes that say why a result cannot be assessed (trends.csv progress_notes and evaluation_notes).
WHY_NOT = {"no_target", "final_bound", "no_actual", "no_actual_after_base", "final_waits", "final_waits_latest",
           "estimate_not_actual", "workbook_estimate_not_actual", "one_observation", "unstated_excess",
           "cumulative_missing", "cumulative_no_actual", "no_base_value"}
# Notes that say how a result was reached, beside the note that states it.
CONTEXT = {"latest_earlier", "no_base_value", "estimate_not_actual", "workbook_estimate_not_actual",
           "no_actual_after_base"}
# Notes that say how the growth achieved was measured, how a milestone of the year (another target than the one
# the verdict judges) fared, or what the judged value's row says in its 备注 (judged_remark), beside any result.
HOW = {"growth_own_source", "milestone_met", "milestone_missed", "milestone_waits", "judged_remark"}
CATEGORIES = {ON_TRACK, NEEDS_ACCELERATION, LIMITED_PROGRESS, MOVING_AWAY}
SDG_WHY_NOT = {"no_value_from_base", "one_point", "held"}


def _judged_by(note: dict, row: dict) -> set[str]:
    """The results a note that states a judgement may stand beside (None: the note states none)."""
    code = note["code"]
    if code == "final_met":
        return {TARGET_MET} if note["year"] == note["target_year"] else set()   # never on another year
    if code == "final_missed":
        return {TARGET_MISSED} if note["year"] == note["target_year"] else set()
    if code == "already_met":
        return {TARGET_MET}
    if code in ("ratio_cagr", "ratio_absolute"):
        return {category_for_ratio(note["ratio"])}
    if code == "schedule_shares":
        return {ev.schedule_judgement(note["progress"], note["schedule"])}
    if code == "hold":
        direction = row["direction"]
        held = target_met(note["value"], note["target"], note["target_comparator"], direction)
        return {ev.HELD if held else ev.NOT_HELD}
    if code == "cumulative_sum":
        return {TARGET_MET, TARGET_MISSED, ev.AHEAD, ev.ON_SCHEDULE, ev.BEHIND}
    return None


def disagreements(result, stored: str, row: dict, what: str) -> list[str]:
    """What is wrong with one result and its notes (empty when they agree)."""
    notes = json.loads(stored) if isinstance(stored, str) and stored else []
    codes = [n["code"] for n in notes]
    where = f"{row['entity']} {row['indicator_id']} {row['plan_phase']} {what}={result} notes={codes}"
    if result is None or pd.isna(result) or result == NOT_ASSESSABLE:
        if not notes:
            return [f"{where}: not assessable, and no note says why"]
        return [f"{where}: not assessable beside '{c}'" for c in codes if c not in WHY_NOT | HOW]
    judging = [(n, _judged_by(n, row)) for n in notes if _judged_by(n, row) is not None]
    out = [f"{where}: beside '{n['code']}'" for n in notes
           if _judged_by(n, row) is None and n["code"] not in CONTEXT | HOW]
    if len(judging) != 1:
        return out + [f"{where}: {len(judging)} notes state a judgement (one says why this one)"]
    note, allowed = judging[0]
    if result not in allowed:
        out.append(f"{where}: the note '{note['code']}' states {sorted(allowed)}")
    return out


def row_disagreements(row: dict) -> list[str]:
    out = []
    # the verdict the reports show, with the notes the report's progress table shows beside it
    out += disagreements(row["verdict"], verdict_notes(row), row, "verdict")
    # the progress category with its notes (the results workbook's progress sheet)
    out += disagreements(row["progress_category"], row["progress_notes"], row, "progress_category")
    # the plan judgement with the evaluation's notes: met or not at a final evaluation, 序时进度 in the period
    if row["plan_phase"] in FINAL_PHASES:
        met = row["target_met"]
        result = NOT_ASSESSABLE if pd.isna(met) else TARGET_MET if met else TARGET_MISSED
        if result == NOT_ASSESSABLE or row["evaluation_notes"]:
            out += disagreements(result, row["evaluation_notes"], row, "final")
        if result != row["verdict"] or result != row["progress_category"]:
            out.append(f"{row['entity']} {row['indicator_id']}: at the final evaluation the verdict "
                       f"{row['verdict']} and the category {row['progress_category']} are not the evaluation's "
                       f"{result}")
    elif isinstance(row["schedule_judgement"], str) and row["schedule_judgement"]:
        out += disagreements(row["schedule_judgement"], row["evaluation_notes"], row, "schedule")
    # the Open SDG category with its note
    sdg = json.loads(row["sdg_notes"]) if isinstance(row["sdg_notes"], str) and row["sdg_notes"] else []
    category = row["sdg_progress_category"]
    if isinstance(category, str) and category:
        if category == NOT_ASSESSABLE and not any(n["code"] in SDG_WHY_NOT for n in sdg):
            out.append(f"{row['entity']} {row['indicator_id']}: SDG not assessable, notes {sdg}")
        if category != NOT_ASSESSABLE and any(n["code"] in SDG_WHY_NOT - {"held"} for n in sdg):
            out.append(f"{row['entity']} {row['indicator_id']}: SDG {category} beside {sdg}")
    return out


def _copy(root):
    copy_of_project(root)
    return root


def _progress(root, year: int) -> pd.DataFrame:
    inputs = analyse.load_inputs(root / "processed", root / "config", year, None, year_must_have_data=False)
    return analyse.progress_table(inputs)


@pytest.fixture(scope="module")
def until_2024(tmp_path_factory):
    """桐庐 and the project's counties, monitored 2021–2024: the 2025 actuals not yet in."""
    return make_county(_copy(tmp_path_factory.mktemp("until_2024")), "word_tab_cells", monitored=range(2021, 2025))


@pytest.fixture(scope="module")
def estimated(tmp_path_factory):
    """桐庐 monitored 2021–2024, its 十五五 plan's 2025 column only an estimate (2025年（预计）)."""
    root = make_county(_copy(tmp_path_factory.mktemp("estimated")), "cell_per_line", monitored=range(2021, 2025))
    plan = root / "raw" / "tonglu_15.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("2025年完成数", "2025年（预计）"), encoding="utf-8")
    write_manifest(root / "raw")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


@pytest.fixture(scope="module")
def gap_2025(tmp_path_factory):
    """The brief's workspace with 2021–2024 and 2026 actuals, none for 2025."""
    root = bl.workspace(tmp_path_factory.mktemp("gap_2025"))
    bl.write_workbook(root, bl.FULL_WORKBOOK, range(2021, 2025))
    bl.write_workbook(root, bl.NEXT_YEAR_WORKBOOK, range(2026, 2027))
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


# (2020, the 十四五's base year: the growth categories are the judgement there. In 2026 桐庐's 十五五 has no actual
# after its base year: not assessable, no longer the growth of the years before it, redteam15.)
SCENARIOS = [("until_2024", 2020), ("until_2024", 2023), ("until_2024", 2024), ("until_2024", 2025),
             ("until_2024", 2026), ("estimated", 2025), ("gap_2025", 2025), ("gap_2025", 2026)]


@pytest.mark.parametrize("scenario, year", SCENARIOS)
def test_every_note_agrees_with_its_result(request, scenario, year):
    progress = _progress(request.getfixturevalue(scenario), year)
    wrong = [w for row in progress.to_dict("records") for w in row_disagreements(row)]
    assert not wrong, "\n".join(wrong[:20]) + f"\n({len(wrong)} in all)"


def test_the_scenarios_hold_every_kind_of_result(request):
    """So that the test above checks each pair: not assessable with a latest actual before the target year,
    met and missed, each 序时进度 judgement, a hold target, the growth categories."""
    seen = set()
    for scenario, year in SCENARIOS:
        p = _progress(request.getfixturevalue(scenario), year)
        seen |= {(phase in FINAL_PHASES, verdict) for phase, verdict in zip(p["plan_phase"], p["verdict"])}
        seen |= {("waits_latest",) for n in p["evaluation_notes"] if "final_waits_latest" in str(n)}
    assert {(True, NOT_ASSESSABLE), (True, TARGET_MET), (True, TARGET_MISSED), (False, ev.AHEAD),
            (False, ev.ON_SCHEDULE), (False, ev.BEHIND), (False, ev.HELD), (False, ON_TRACK),
            (False, NEEDS_ACCELERATION), ("waits_latest",)} <= seen, seen


def test_no_2025_actual_is_not_assessable_and_the_note_says_why(until_2024):
    """R&D人员数 of 桐庐: 116 in 2024, no 2025 actual. Main said 无法评估 beside "按2024年实际值判断" (and
    符合序时进度 on 2024's actual); the final evaluation waits for the 2025 actual, and says so."""
    p = _progress(until_2024, 2025).set_index(["entity", "indicator_id"])
    row = p.loc[("tonglu", "rd_personnel_per_10k")]
    assert (row["verdict"], row["progress_category"]) == (NOT_ASSESSABLE, NOT_ASSESSABLE)
    assert (row["evaluated_year"], row["evaluated_value"]) == (2024, 116)   # the latest actual, with its year
    assert pd.isna(row["target_met"]) and pd.isna(row["completion_rate"]) and row["schedule_judgement"] is None
    assert notes_text(row["evaluation_notes"], words("zh"), "evaluation_notes") == \
        "尚无2025年实际值（最新为2024年），终期评估待补充"
    assert notes_text(row["progress_notes"], words("en"), "progress_notes") == \
        "no 2025 actual yet (the latest is 2024's): the final evaluation waits for it"
    # 党政人才, a target to hold, 0.3 in 2024: main said 最新值0.3已满足目标0.3 beside 无法评估
    row = p.loc[("tonglu", "party_government_talent")]
    assert row["verdict"] == NOT_ASSESSABLE and "已满足" not in notes_text(row["progress_notes"], words("zh"),
                                                                          "progress_notes")


def test_after_the_target_year_a_later_actual_is_not_the_target_years(gap_2025):
    """2026, no 十五五 plan, a 2026 actual but none for 2025: main called 建德's 人才资源总量 met (2026年实际值…达到
    2025年目标) beside 无法评估. The final evaluation waits for the 2025 actual; the 2026 actual is the latest."""
    p = _progress(gap_2025, 2026).set_index(["entity", "indicator_id"])
    row = p.loc[("jiande", "talent_total")]
    assert (row["plan_phase"], row["verdict"], row["progress_category"]) == \
        ("after_target", NOT_ASSESSABLE, NOT_ASSESSABLE)
    assert row["evaluated_year"] == 2026
    assert notes_text(row["progress_notes"], words("zh"), "progress_notes") == \
        "尚无2025年实际值（最新为2026年），终期评估待补充"


def test_a_schedule_verdict_is_explained_by_the_shares(until_2024):
    """In the period the verdict is the 序时进度 judgement: beside it the report's progress table gives the two
    shares, not the growth ratio (main gave 慢于序时进度 the reason "R = 1.10"). 桐庐's R&D人员数 in 2023:
    (112 − 100) ÷ (120 − 100) = 60% of the way in (2023 − 2020) ÷ 5 = 60% of the period: on schedule."""
    p = _progress(until_2024, 2023).set_index(["entity", "indicator_id"])
    row = p.loc[("tonglu", "rd_personnel_per_10k")].to_dict() | {"entity": "tonglu",
                                                                 "indicator_id": "rd_personnel_per_10k"}
    assert row["verdict"] == ev.ON_SCHEDULE
    assert notes_text(verdict_notes(row), words("zh"), "progress_notes") == "截至2023年完成进度60%，序时进度60%"
    assert notes_text(verdict_notes(row), words("en"), "progress_notes") == \
        "by 2023: 60% of the planned change done in 60% of the period"
