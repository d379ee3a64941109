"""config/method.yaml: the one home of the method's numbers. Read with line numbers (a bad value names its line),
used by the analysis, and stated by every text from there (no wording file restates a number)."""
import re
import shutil

import pytest

from helpers.analyse import evaluation, growth
from helpers.core import paths, wording
from helpers.core.errors import InputError
from helpers.core.method import METHOD_FILE, load_method, method_parameters
from helpers.core.wording import LANGS, words
from helpers.report import wording as report_wording


def test_the_shipped_method():
    m = method_parameters()
    # Open SDG's thresholds; 5 points of schedule; 6 counties; 95% and 80% intervals (config/method.yaml)
    assert (m.on_track, m.needs_acceleration, m.limited_progress) == (0.95, 0.6, 0)
    assert m.schedule_tolerance == 0.05 and m.many_counties == 6
    assert (m.wide_level, m.narrow_level) == (0.95, 0.80)
    assert (m.no_ink, m.faint) == (8, 40)       # a PDF character's contrast (of 255): no ink, too faint to tell
    # how a PDF's text is judged: printed over another (a share of the box), struck (the band above the baseline),
    # a note mark (smaller, raised), a watermark (light, large, turned 5°)
    assert (m.overprinted, m.struck_band) == (0.25, (0.15, 0.5))
    assert (m.note_mark_smaller, m.note_mark_raised) == (0.9, 0.05)
    assert (m.watermark_shade, m.watermark_size, round(m.watermark_turn, 4)) == (0.5, 2.0, 0.0873)
    assert m.watermark_see_through == 0.5      # a shape drawn at half opacity or less is seen through


def test_the_analysis_judges_with_it():
    assert growth.category_for_ratio(0.95) == growth.ON_TRACK
    assert growth.category_for_ratio(0.9499) == growth.NEEDS_ACCELERATION
    assert growth.category_for_ratio(0.6) == growth.NEEDS_ACCELERATION
    assert growth.category_for_ratio(0.5999) == growth.LIMITED_PROGRESS
    assert growth.category_for_ratio(0) == growth.LIMITED_PROGRESS
    assert growth.category_for_ratio(-0.01) == growth.MOVING_AWAY
    assert evaluation.schedule_judgement(0.65, 0.6) == evaluation.AHEAD


def test_the_wording_states_the_configured_numbers():
    zh, en = words("zh"), words("en")
    assert "R ≥ 0.95 为进度正常，0.6–0.95 需要加速，0–0.6 进展有限，R < 0 背离目标" in "".join(zh.list("method"))
    assert "R ≥ 0.95 on track; 0.6–0.95 needs acceleration" in "".join(en.list("method"))
    assert "相差不到5个百分点为符合序时进度" in zh("plan_cycle.schedule_note")
    assert zh("figures.band") == "95%预测区间" and en("figures.band_narrow") == "80% prediction interval"


def test_no_wording_file_restates_a_method_number():
    """The numbers are placeholders ({method.…}) in the files as written, so that changing config/method.yaml
    changes every text."""
    restated = re.compile(r"(?<![\d.])(0\.95|0\.6|95%|80%)(?![\d])|5个百分点|5 percentage points|R < 0\b")
    for folder in (wording.FOLDER, report_wording.FOLDER):
        for lang in LANGS:
            text = (folder / f"{lang}.yaml").read_text(encoding="utf-8")
            found = [line for line in text.splitlines() if restated.search(line)]
            assert found == [], f"{folder}/{lang}.yaml restates a number of config/method.yaml: {found[:3]}"


def _method_file(tmp_path, change):
    folder = tmp_path / "config"
    folder.mkdir()
    text = (paths.CONFIG_DIR / METHOD_FILE).read_text(encoding="utf-8")
    (folder / METHOD_FILE).write_text(change(text), encoding="utf-8")
    return folder


def _line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))


@pytest.mark.parametrize("change, line_of, message", [
    (lambda t: t.replace("many_counties: 6", "many_countys: 6"), "many_countys",
     r"(?s)`many_countys` is not a method parameter.*write `many_counties`"),
    (lambda t: t.replace("  narrow: 80", "  narrow: eighty"), "narrow",
     r"`prediction_intervals.narrow` should be a number"),
    (lambda t: t.replace("many_counties: 6", "many_counties: 6.5"), "many_counties", r"should be a whole number"),
    (lambda t: t.replace("schedule_tolerance_points: 5", "schedule_tolerance_points: 500"),
     "schedule_tolerance_points", r"is 500: it should be above 0 and at most 100"),
    (lambda t: t.replace("  on_track: 0.95", "  on_track: 0.5"), "progress:", r"thresholds should fall"),
    (lambda t: t.replace("  wide: 95", "  wide: 70"), "prediction_intervals:", r"wider than the narrow one"),
    (lambda t: t.replace("  no_ink: 8", "  no_ink: 50"), "pdf_ink:", r"`pdf_ink.no_ink` should not be above"),
    (lambda t: t.replace("  struck_from: 0.15", "  struck_from: 0.6"), "pdf_ink:",
     r"`pdf_ink.struck_from` should be below `pdf_ink.struck_to`"),
    (lambda t: t.replace("  panels_per_figure: 4", "  panels_per_figure:\n    - 4"), "panels_per_figure",
     r"should be a whole number"),
    # YAML's .nan and .inf (issue 18, second pass): a tolerance of nan was accepted, and judged nothing on schedule
    # or behind; many_counties .nan and .inf were a ValueError and an OverflowError traceback
    (lambda t: t.replace("schedule_tolerance_points: 5", "schedule_tolerance_points: .nan"),
     "schedule_tolerance_points", r"should be a number"),
    (lambda t: t.replace("many_counties: 6", "many_counties: .nan"), "many_counties", r"should be a whole number"),
    (lambda t: t.replace("many_counties: 6", "many_counties: .inf"), "many_counties", r"should be a whole number"),
    (lambda t: t.replace("  on_track: 0.95", "  on_track: .inf"), "on_track", r"should be a number"),
    (lambda t: t.replace("  limited_progress: 0", "  limited_progress: -.inf"), "limited_progress",
     r"should be a number"),
])
def test_a_bad_value_is_named_with_its_line(tmp_path, change, line_of, message):
    folder = _method_file(tmp_path, change)
    with pytest.raises(InputError, match=message) as caught:
        load_method(folder)
    assert caught.value.where == _line((folder / METHOD_FILE).read_text(encoding="utf-8"), line_of)
    assert caught.value.file.endswith(METHOD_FILE)


@pytest.mark.parametrize("zero", ["0", "0.0", "-0"])
def test_a_tolerance_of_zero_is_refused_naming_its_line(tmp_path, zero):
    """redteam18 finding 7: `schedule_tolerance_points: 0` was accepted (the range was 0 to 100). 桐庐's 人才资源总量 in
    2023, (13 − 10) ÷ (15 − 10) = 60.0% against the schedule (2023 − 2020) ÷ (2025 − 2020) = 60.0%, exactly on
    schedule, was then 快于序时进度 (a lead of 0 points is not under a tolerance of 0), and the brief said
    "相差不到0个百分点为符合", which no figure can be. 0 is refused; any tolerance above it calls a lead of 0 on
    schedule."""
    folder = _method_file(tmp_path, lambda t: t.replace("schedule_tolerance_points: 5",
                                                        f"schedule_tolerance_points: {zero}"))
    with pytest.raises(InputError) as caught:
        load_method(folder)
    error = caught.value
    assert error.where == _line((folder / METHOD_FILE).read_text(encoding="utf-8"), "schedule_tolerance_points")
    assert error.problem.endswith("it should be above 0 and at most 100 (percentage points either side of the "
                                  "schedule share): at 0 no figure would be on schedule, and one exactly on the "
                                  "schedule share would be called ahead (快于序时进度)")
    assert error.fix == ("write a value in that range (0.1 calls on schedule only a figure within a tenth of a point "
                         "of the schedule share).")


def test_the_smallest_tolerance_allowed_calls_a_lead_of_zero_on_schedule():
    """The advice followed: 0.1 points. 60.0% against 60.0% is on schedule; 60.1% ahead, 59.9% behind."""
    judge = evaluation.schedule_judgement
    assert judge(0.6, 0.6, tolerance=0.001) == evaluation.ON_SCHEDULE
    assert judge(0.601, 0.6, tolerance=0.001) == evaluation.AHEAD
    assert judge(0.599, 0.6, tolerance=0.001) == evaluation.BEHIND


def test_a_missing_key_or_file_is_named(tmp_path):
    folder = _method_file(tmp_path, lambda t: t.replace("many_counties: 6\n", ""))
    with pytest.raises(InputError, match=r"`many_counties` is missing"):
        load_method(folder)
    shutil.rmtree(folder)
    with pytest.raises(InputError, match="the configuration file is missing"):
        load_method(folder)


@pytest.mark.parametrize("old, new, line_of", [
    # Was accepted (issue 18, third pass): a report of 10**12 rows per figure or panels per figure, and thresholds
    # that judge nothing.
    ("  rows_per_figure: 9", "  rows_per_figure: 1000000000000", "rows_per_figure"),
    ("  panels_per_figure: 4", "  panels_per_figure: 10_000_000", "panels_per_figure"),
    ("  rows_with_many_counties: 15", "  rows_with_many_counties: 0x7fffffff", "rows_with_many_counties"),
    ("many_counties: 6", "many_counties: 1.0e+12", "many_counties"),
    ("  scorecard_halves_up_to: 3", "  scorecard_halves_up_to: 100000", "scorecard_halves_up_to"),
    ("  on_track: 0.95", "  on_track: 1.0e+9", "on_track"),
    ("  limited_progress: 0", "  limited_progress: -1.0e+9", "limited_progress"),
    ("  out_of_line_factor: 5", "  out_of_line_factor: 1.0e+12", "out_of_line_factor"),
    ("  out_of_line_factor: 5", "  out_of_line_factor: 1", "out_of_line_factor"),
    ("  faint: 40", "  faint: 256", "faint"),
    ("  no_ink: 8", "  no_ink: 0", "no_ink"),
    ("  turn_degrees: 5", "  turn_degrees: 45", "turn_degrees"),       # every turn diagonal: no text flat
    ("  size: 2.0", "  size: 1", "size"),                              # the text's own size large
])
def test_a_number_past_its_cap_is_named_with_its_line(tmp_path, old, new, line_of):
    folder = _method_file(tmp_path, lambda t: t.replace(old, new))
    with pytest.raises(InputError, match=r"it should be between -?\d") as caught:
        load_method(folder)
    assert caught.value.where == _line((folder / METHOD_FILE).read_text(encoding="utf-8"), line_of)
    assert "write a value in that range" in caught.value.fix
