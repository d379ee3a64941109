"""A figure printed beside a judgement never reads as the other judgement (issue 18, redteam15 findings 5 and 6).

The judgement is made on the figures as worked out (sdg-build's get_progress_status judges R unrounded); a figure
beside it is shown with its usual places, and more where those would put it on the line or across it
(helpers.core.formatting.places_beside). Worked by hand:
- 2023 in 十四五 (2020→2025): 序时进度 3/5 = 60%. Base 30, target 35, 2023 actual 32.752: 完成进度 2.752/5 = 55.04%,
  4.96 points behind: 符合序时进度. At one place 55.0% against 60.0% is 5 points: 慢于. At two, 55.04% against 60.00%.
- Open SDG's R for the same: o = (32.752/30)^(1/3) − 1 = 0.029688, r = (35/30)^(1/5) − 1 = 0.031310,
  R = 0.9482 < 0.95: 需要加速. At two places 0.95 (进度正常); at three 0.948.
- 完成率 2.799 of 2.8 = 99.964%: 未达标. At one place 100.0% (达标); at two 99.96%.
On main the report printed 55.0% / 60.0% and 0.95, the workbook 0.95 (0.00) and 100.0% (0.0%), the notes 55% / 60%.
"""
import json

import pandas as pd

from helpers.analyse import evaluation as ev
from helpers.analyse.growth import NEEDS_ACCELERATION, assess_progress
from helpers.analyse.progress import _schedule_notes
from helpers.core.config import PlanPeriod
from helpers.core.wording import notes_text, words

PROGRESS = (32.752 - 30) / (35 - 30)          # 0.5504
R = ((32.752 / 30) ** (1 / 3) - 1) / ((35 / 30) ** (1 / 5) - 1)
RATE = 2.799 / 2.8


def test_the_judgements_are_made_on_the_figures_as_worked_out():
    assert ev.schedule_judgement(PROGRESS, 0.6) == ev.ON_SCHEDULE
    assert abs(R - 0.9482) < 1e-4
    assert ev.category_for_ratio(R) == NEEDS_ACCELERATION
    assert RATE < 1


def test_the_figures_beside_them_are_on_their_side_of_the_line():
    assert ev.shown_shares(PROGRESS, 0.6) == ("55.04%", "60.00%")
    assert ev.shown_ratio(R) == "0.948"
    assert ev.shown_rate(RATE) == "99.96%"


def test_figures_clear_of_the_line_keep_their_usual_places():
    assert ev.shown_shares(0.55, 0.6) == ("55.0%", "60.0%")      # exactly 5 points behind: 慢于, as printed
    assert ev.shown_shares(0.3333, 2 / 3) == ("33.3%", "66.7%")
    assert ev.shown_ratio(0.5) == "0.50" and ev.shown_ratio(0.96) == "0.96"
    assert ev.shown_rate(0.9) == "90.0%" and ev.shown_rate(1.0) == "100.0%" and ev.shown_rate(1.2) == "120.0%"
    assert ev.shown_shares(float("nan"), 0.6) == ("—", "60.0%") and ev.shown_rate(None) == "—"


def test_the_notes_sentences_show_the_same_side():
    out = {"schedule_judgement": ev.ON_SCHEDULE, "hold_target": False, "progress_share": PROGRESS,
           "schedule_share": 0.6}
    notes = _schedule_notes(out, 2023, 32.752, 35, ">=", 2023, PlanPeriod("十四五", 2020, 2025))
    assert notes_text(json.dumps(notes), words("zh"), "evaluation_notes") == "截至2023年完成进度55.04%，序时进度60.00%"
    assert "55.04% of the planned change done in 60.00% of the period" in \
        notes_text(json.dumps(notes), words("en"), "evaluation_notes")
    # clear of the line: the whole percentages the sentence writes (54% against 60%: 6 points behind)
    notes = _schedule_notes({**out, "schedule_judgement": ev.BEHIND, "progress_share": 0.54}, 2023, 32.7, 35, ">=",
                            2023, PlanPeriod("十四五", 2020, 2025))
    assert notes_text(json.dumps(notes), words("zh"), "evaluation_notes") == "截至2023年完成进度54%，序时进度60%"


def test_the_ratio_note_shows_r_on_its_side():
    # growth achieved 2020→2023 against growth required 2023→2025: (32.844/30)^(1/3) − 1 = 3.065% a year against
    # (35/32.844)^(1/2) − 1 = 3.230%: R = 0.9489, needs acceleration; 0.95 at two places, 0.949 at three
    progress = assess_progress(2020, 30, 2023, 32.844, 2025, 35, ">=", "higher")
    assert progress.category == NEEDS_ACCELERATION and abs(progress.ratio - 0.9489) < 1e-4
    said = notes_text(json.dumps([progress.reason]), words("zh"), "progress_notes")
    assert said == "已实现+3.1%/年，所需+3.2%/年，R = 0.949", said


def test_the_results_workbook_formats_those_cells_with_the_places():
    from helpers.report.results_workbook import _beside_judgement
    frame = pd.DataFrame({"progress_share": [PROGRESS, 0.4], "schedule_share": [0.6, 0.6],
                          "completion_rate": [None, RATE], "sdg_progress_ratio": [R, 0.5],
                          "progress_ratio": [0.7, R]})
    assert _beside_judgement(frame) == {"progress_share": {0: "0.00%"}, "schedule_share": {0: "0.00%"},
                                        "completion_rate": {1: "0.00%"}, "sdg_progress_ratio": {0: "0.000"},
                                        "progress_ratio": {1: "0.000"}}
