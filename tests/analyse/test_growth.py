"""The growth formulas against cases worked by hand from the plans."""
import pytest

from helpers.analyse import growth as g


def test_jiande_talent_total_required_and_achieved_growth():
    # 建德 人才资源总量: 10.3万 (2020) → 14万 (2025) needs (14/10.3)^(1/5) − 1 ≈ 6.33%/yr;
    # 2015 = 10.3 / 1.484 = 6.94万, so 2015→2020 achieved 1.484^(1/5) − 1 ≈ 8.21%/yr.
    assert g.cagr(10.3, 14, 5) == pytest.approx(0.0633, abs=5e-4)
    assert g.cagr(10.3 / 1.484, 10.3, 5) == pytest.approx(0.0822, abs=5e-4)
    p = g.assess_progress(2015, 10.3 / 1.484, 2020, 10.3, 2025, 14, "=", "higher")
    assert p.ratio == pytest.approx(0.0822 / 0.0633, rel=2e-3)
    assert p.category == g.ON_TRACK and p.rate_method == g.RATE_CAGR


def test_anji_high_skilled_on_track():
    # 安吉 高技能人才: 1.5万 (2015) → 2.7万 (2020) → 4.2万 (2025).
    # achieved 1.8^(1/5) − 1 = 12.47%/yr; required (4.2/2.7)^(1/5) − 1 = 9.24%/yr: R = 1.35, on track.
    p = g.assess_progress(2015, 1.5, 2020, 2.7, 2025, 4.2, "=", "higher")
    assert p.historical_rate == pytest.approx(0.1247, abs=5e-4)
    assert p.required_rate == pytest.approx(0.0924, abs=5e-4)
    assert p.category == g.ON_TRACK


def test_anji_rd_personnel_doubling():
    # 安吉 每万名就业人员R&D人员数: 57.05 (2015) → 90 (2020) → 180 (2025).
    # achieved (90/57.05)^(1/5) − 1 = 9.55%/yr; required 2^(1/5) − 1 = 14.87%/yr: R = 0.64, needs acceleration.
    p = g.assess_progress(2015, 57.05, 2020, 90, 2025, 180, "=", "higher")
    assert p.ratio == pytest.approx(0.0955 / 0.1487, rel=5e-3)
    assert p.category == g.NEEDS_ACCELERATION


@pytest.mark.parametrize("ratio, category", [
    (1.3, g.ON_TRACK), (0.95, g.ON_TRACK), (0.94, g.NEEDS_ACCELERATION), (0.6, g.NEEDS_ACCELERATION),
    (0.59, g.LIMITED_PROGRESS), (0.0, g.LIMITED_PROGRESS), (-0.01, g.MOVING_AWAY),
])
def test_category_thresholds(ratio, category):
    assert g.category_for_ratio(ratio) == category


def test_lower_is_better_direction():
    # falling from 10 to 8 over 5 years, target 5 by 2025: both rates negative, R positive.
    p = g.assess_progress(2015, 10, 2020, 8, 2025, 5, "=", "lower")
    assert p.historical_rate < 0 and p.required_rate < 0 and p.ratio > 0
    rising = g.assess_progress(2015, 8, 2020, 10, 2025, 5, "=", "lower")
    assert rising.category == g.MOVING_AWAY


def test_zero_value_uses_absolute_change_not_a_crash():
    # 建德 科创板上市企业数 0 (2020) → 1 (2025): no earlier value, so not assessable, but the
    # required change is stated: 0.2 firms a year.
    p = g.assess_progress(None, None, 2020, 0, 2025, 1, "=", "higher")
    assert p.category == g.NOT_ASSESSABLE and p.rate_method == g.RATE_ABSOLUTE
    assert p.required_rate == pytest.approx(0.2)
    with_history = g.assess_progress(2015, 0, 2020, 0, 2025, 1, "=", "higher")
    assert with_history.ratio == 0 and with_history.category == g.LIMITED_PROGRESS


def test_strict_targets_must_be_exceeded():
    # 建德 中高级职称比例 target '>10': at exactly 10 it is not yet met.
    assert not g.target_met(10, 10, ">", "higher")
    assert g.target_met(10, 10, ">=", "higher") and g.target_met(10.1, 10, ">", "higher")


def test_target_already_met_and_missing_inputs():
    met = g.assess_progress(2015, 0.2, 2020, 0.28, 2025, 0.28, "=", "higher")  # 建德 党政人才 hold at 0.28万
    assert met.category == g.TARGET_MET
    assert met.reason == {"code": "already_met", "latest": 0.28, "value_comparator": "=", "target": 0.28,
                          "target_comparator": "="}
    assert g.assess_progress(None, None, 2020, 5, None, None, "=", "higher").reason == {"code": "no_target"}
    assert g.assess_progress(None, None, None, None, 2025, 5, "=", "higher").reason == {"code": "no_actual"}


def test_cagr_refuses_bad_input():
    with pytest.raises(ValueError):
        g.cagr(0, 1, 5)
    with pytest.raises(ValueError):
        g.cagr(1, 2, 0)
