"""The plan-judgement formulas and the Open SDG ratio against cases worked by hand."""
import pytest

from helpers.analyse import evaluation as ev
from helpers.analyse.growth import LIMITED_PROGRESS, MOVING_AWAY, NOT_ASSESSABLE, ON_TRACK, RATE_ABSOLUTE, TARGET_MET
from helpers.core.method import method_parameters


def test_progress_and_schedule_shares():
    # 建德 人才资源总量 10.3 (2020) → 14 (2025), 12.9 in 2023: (12.9 − 10.3) ÷ (14 − 10.3) = 2.6 ÷ 3.7 = 0.703,
    # against (2023 − 2020) ÷ (2025 − 2020) = 0.6: 0.103 ahead, beyond the ±0.05 band.
    share = ev.progress_share(10.3, 12.9, 14)
    assert share == pytest.approx(2.6 / 3.7)
    assert ev.schedule_share(2023, 2020, 2025) == 0.6
    assert ev.schedule_judgement(share, 0.6) == ev.AHEAD
    assert ev.progress_share(0.28, 0.28, 0.28) is None                 # 保持: no planned change


@pytest.mark.parametrize("share, judgement", [
    (0.65, ev.AHEAD), (0.649, ev.ON_SCHEDULE), (0.6, ev.ON_SCHEDULE), (0.551, ev.ON_SCHEDULE), (0.55, ev.BEHIND),
    (-0.2, ev.BEHIND),
])
def test_the_schedule_tolerance_is_five_points_either_way(share, judgement):
    assert method_parameters().schedule_tolerance == 0.05          # config/method.yaml: schedule_tolerance_points: 5
    assert ev.schedule_judgement(share, 0.6) == judgement


def test_hold_targets():
    assert ev.is_hold_target(0.28, 0.28, "=", "higher") and ev.is_hold_target(0.28, 0.28, ">=", "higher")
    assert not ev.is_hold_target(0.28, 0.28, ">", "higher")             # '>0.28' asks for growth


def test_a_target_the_base_already_meets_is_a_target_to_hold():
    """redteam4 R4-1: ≥30 on a share at 35 (保持在30%以上), ≤6 on a rate at 5.9 (控制在6以内): already met, to be kept.
    Was judged as a way to go: 完成进度 (36 − 35) / (30 − 35) = −20%, (4.0 − 5.9) / (6 − 5.9) = −1900%, 'behind'."""
    assert ev.is_hold_target(35, 30, ">=", "higher") and ev.is_hold_target(35, 30, "=", "higher")
    assert ev.is_hold_target(5.9, 6, "<=", "lower") and ev.is_hold_target(5.9, 6, "=", "lower")
    assert not ev.is_hold_target(25, 30, ">=", "higher")                # still to reach: a way to go
    assert not ev.is_hold_target(6.5, 6, "<=", "lower")


def test_completion_rate_is_direction_aware():
    assert ev.completion_rate(14.2, 14, "higher") == pytest.approx(14.2 / 14)      # 101.4%: better than target
    assert ev.completion_rate(5.9, 6, "lower") == pytest.approx(6 / 5.9)          # 101.7%: better than target
    assert ev.completion_rate(7, 6, "lower") == pytest.approx(6 / 7)              # 85.7%: worse than target
    assert ev.completion_rate(3, 0, "higher") is None and ev.completion_rate(0, 6, "lower") is None


def test_open_sdg_methodology_2():
    # 安吉 R&D人员: base 90 (2020), target 180 (2025), 120 in 2023.
    # observed (120/90)^(1/3) − 1 = 0.10064; required 2^(1/5) − 1 = 0.14870; R = 0.6768: needs acceleration
    sdg = ev.sdg_progress([(2020, 90), (2023, 120)], 2020, 2023, 120, 2025, 180, "=", "higher")
    assert sdg.observed_growth == pytest.approx((120 / 90) ** (1 / 3) - 1)
    assert sdg.required_growth == pytest.approx(2 ** 0.2 - 1)
    assert sdg.ratio == pytest.approx(0.6768, abs=1e-4) and sdg.category == "needs_acceleration"


def test_open_sdg_lower_is_better_and_moving_away():
    # 10 → target 5 over 5 years; 11 after 2 years: observed (1.1)^(1/2) − 1 = +0.0488, required 0.5^(1/5) − 1 =
    # −0.1294; R = −1 · 0.0488 / 0.1294 = −0.377: moving away
    sdg = ev.sdg_progress([(2020, 10), (2022, 11)], 2020, 2022, 11, 2025, 5, "=", "lower")
    assert sdg.ratio == pytest.approx(-(1.1 ** 0.5 - 1) / abs(0.5 ** 0.2 - 1)) and sdg.category == MOVING_AWAY


def test_open_sdg_base_year_missing_takes_the_next_year():
    # sdg-build: no 2020 value, so the base is 2021's 100; observed (121/100)^(1/2) − 1 = 0.1,
    # required (146.41/100)^(1/(2025 − 2021)) − 1 = 1.1^(4/4) − 1 = 0.1: R = 1, on track
    sdg = ev.sdg_progress([(2021, 100), (2023, 121)], 2020, 2023, 121, 2025, 146.41, "=", "higher")
    assert sdg.base_year == 2021 and sdg.note == {"code": "base_moved", "base_year": 2020, "year": 2021}
    assert sdg.ratio == pytest.approx(1.0) and sdg.category == ON_TRACK


def test_open_sdg_respects_strict_targets_and_zero_values():
    # sdg-build would call 120 against a target of 120 achieved; a '>120' target is not.
    met = ev.sdg_progress([(2020, 100), (2025, 120)], 2020, 2025, 120, 2025, 120, ">=", "higher")
    assert met.category == TARGET_MET
    strict = ev.sdg_progress([(2020, 100), (2025, 120)], 2020, 2025, 120, 2025, 120, ">", "higher")
    assert strict.category == ON_TRACK and strict.ratio == pytest.approx(1.0)
    # 0 → target 5 over 5 years (1 a year), 1 after 2 years (0.5 a year): absolute changes, R = 0.5
    zero = ev.sdg_progress([(2020, 0), (2022, 1)], 2020, 2022, 1, 2025, 5, "=", "higher")
    assert zero.method == RATE_ABSOLUTE and zero.ratio == pytest.approx(0.5) and zero.category == LIMITED_PROGRESS


def test_open_sdg_needs_two_years_and_a_change_to_require():
    assert ev.sdg_progress([(2020, 10)], 2020, 2020, 10, 2025, 14, "=", "higher").category == NOT_ASSESSABLE
    held = ev.sdg_progress([(2020, 0.28), (2023, 0.27)], 2020, 2023, 0.27, 2025, 0.28, "=", "higher")
    assert held.ratio is None and held.note == {"code": "held"}


def test_where_a_next_target_falls_in_the_projection():
    from helpers.analyse import outlook as ol
    bands = dict(projection=100, lower_narrow=95, upper_narrow=105, lower_wide=90, upper_wide=110)
    assert ol.target_position(111, **bands) == ol.ABOVE_WIDE
    assert ol.target_position(106, **bands) == ol.ABOVE_NARROW
    assert ol.target_position(100, **bands) == ol.WITHIN_NARROW
    assert ol.target_position(92, **bands) == ol.BELOW_NARROW
    assert ol.target_position(80, **bands) == ol.BELOW_WIDE
    # higher is better: above the band is ambitious; lower is better: below it is
    assert ol.target_reading(ol.ABOVE_WIDE, "higher") == ol.CLEAR_BREAK
    assert ol.target_reading(ol.BELOW_WIDE, "lower") == ol.CLEAR_BREAK
    assert ol.target_reading(ol.ABOVE_NARROW, "lower") == ol.MODEST
    assert ol.target_reading(ol.BELOW_WIDE, "higher") == ol.VERY_MODEST
    assert ol.target_reading(ol.WITHIN_NARROW, "lower") == ol.IN_LINE
    no_interval = dict(projection=100, lower_narrow=None, upper_narrow=None, lower_wide=None, upper_wide=None)
    assert ol.target_position(120, **no_interval) == ol.ABOVE_LINE
    assert ol.target_reading(ol.ABOVE_LINE, "lower") == ol.LESS_THAN_LINE
