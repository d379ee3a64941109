"""Comparison and progress tables built from the real processed dataset."""
import math

import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse import growth
from helpers.analyse.progress import note_codes
from helpers.core.wording import notes_text, words
from helpers.extract import dataset


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    processed = tmp_path_factory.mktemp("processed")
    dataset.write(dataset.build(), processed)
    return analyse.load_inputs(processed)


@pytest.fixture(scope="module")
def progress(inputs):
    return analyse.progress_table(inputs)


@pytest.fixture(scope="module")
def comparison(inputs):
    return analyse.comparison_table(inputs)


def _row(frame, **where):
    rows = frame
    for k, v in where.items():
        rows = rows[rows[k] == v]
    assert len(rows) == 1, where
    return rows.iloc[0]


def test_defaults(inputs):
    assert inputs.report_year == 2020 and inputs.entities == ["jiande", "anji"]


def test_entities_parameter(tmp_path):
    dataset.write(dataset.build(), tmp_path)
    only = analyse.load_inputs(tmp_path, entities="anji")
    assert set(analyse.progress_table(only)["entity"]) == {"anji"}
    from helpers.run.parameters import ParameterError
    with pytest.raises(ParameterError, match="'hangzhou' is not a county"):
        analyse.load_inputs(tmp_path, entities="hangzhou")


def test_jiande_talent_total_progress(progress):
    r = _row(progress, entity="jiande", indicator_id="talent_total")
    assert r["required_growth"] == pytest.approx((14 / 10.3) ** 0.2 - 1)       # ≈ 6.3%/yr
    assert r["historical_growth"] == pytest.approx(1.484 ** 0.2 - 1)           # ≈ 8.2%/yr
    assert r["progress_category"] == growth.ON_TRACK
    assert r["trend_method"].startswith("exact growth line") and math.isnan(r["trend_pi_lower"])
    assert "jiande_talent_plan_2021-2025.txt:5" in r["sources"]


def test_anji_rd_needs_acceleration(progress):
    r = _row(progress, entity="anji", indicator_id="rd_personnel_per_10k")
    assert r["progress_category"] == growth.NEEDS_ACCELERATION
    assert r["progress_ratio"] == pytest.approx(((90 / 57.05) ** 0.2 - 1) / (2 ** 0.2 - 1))


def test_strict_target_makes_the_required_rate_a_lower_bound(progress):
    r = _row(progress, entity="jiande", indicator_id="prof_mid_senior_title_share")   # target '>10'
    assert r["required_growth_comparator"] == ">" and r["required_growth"] == pytest.approx((10 / 7.7) ** 0.2 - 1)


def test_zero_value_rule(progress):
    r = _row(progress, entity="jiande", indicator_id="star_market_listed_firms")
    assert r["growth_method"] == growth.RATE_ABSOLUTE and r["required_growth"] == pytest.approx(0.2)
    assert r["progress_category"] == growth.NOT_ASSESSABLE and note_codes(r["progress_notes"]) == ["one_observation"]
    # stored as a code, said in each reader's language
    assert notes_text(r["progress_notes"], words("en"), "progress_notes").startswith("only one observation")
    assert notes_text(r["progress_notes"], words("zh"), "progress_notes") == "只有一个年度的实际值，无法计算已实现增速"


def test_every_row_says_its_method(progress):
    assert progress["trend_method"].notna().all()
    assessable = progress[progress["progress_category"] != growth.NOT_ASSESSABLE]
    assert assessable["growth_method"].str.len().gt(0).all()
    assert progress.loc[progress["progress_category"] == growth.NOT_ASSESSABLE, "progress_notes"].str.len().gt(0).all()


def test_totals_compare_as_share_of_province(comparison):
    r = _row(comparison, comparison="county_vs_province", entity="jiande", indicator_id="talent_total")
    assert r["basis"] == "share of province"
    assert r["latest_share_of_province"] == pytest.approx(10.3 / 1650)
    assert math.isnan(r["latest_gap"]) if "latest_gap" in r else True


def test_rates_compare_by_gap_and_whether_target_meets_province(comparison):
    r = _row(comparison, comparison="county_vs_province", entity="anji",
             indicator_id="working_age_higher_education_share")
    assert (r["latest_gap"], r["target_gap"], r["target_meets_province"]) == (21 - 67, 50 - 67, False)
    r = _row(comparison, comparison="county_vs_province", entity="anji", indicator_id="prof_senior_title_share")
    assert r["target_meets_province"] is True or r["target_meets_province"] == True  # noqa: E712  (8 vs 8)


def _marked(inputs, marks: dict):
    """The inputs with the plans' marks changed on some 2025 targets: {(entity, indicator): {column: value}}."""
    import dataclasses
    ind = inputs.indicators.copy()
    for (entity, indicator), values in marks.items():
        at = (ind["entity"] == entity) & (ind["indicator_id"] == indicator) & (ind["kind"] == "target") \
            & (ind["year"] == 2025)
        assert at.sum() == 1, (entity, indicator)
        for column, value in values.items():
            ind.loc[at, column] = value
    return dataclasses.replace(inputs, indicators=ind)


def test_comparison_marks_binding_approximate_and_cumulative_targets_and_sets_a_sum_only_against_a_sum(inputs):
    # 建德 R&D 150 binding and approximate; 安吉 R&D 〔180〕 a five-year sum; the province's physicians 〔4.3〕
    c = analyse.comparison_table(_marked(inputs, {
        ("jiande", "rd_personnel_per_10k"): {"attribute": "约束性", "approximate": True},
        ("anji", "rd_personnel_per_10k"): {"cumulative": True},
        ("zhejiang", "physicians_per_1000"): {"cumulative": True}}))
    flags = ["target_binding", "target_approximate", "target_cumulative", "other_target_binding",
             "other_target_approximate", "other_target_cumulative"]
    assert all(str(c[f].dtype) == "boolean" for f in flags)
    r = _row(c, comparison="county_vs_province", entity="jiande", indicator_id="rd_personnel_per_10k")
    assert [bool(r[f]) for f in flags] == [True, True, False, False, False, False]
    assert r["target_gap"] == 150 - 185                       # marks change no level comparison
    r = _row(c, comparison="county_vs_province", entity="anji", indicator_id="rd_personnel_per_10k")
    assert [bool(r[f]) for f in flags] == [False, False, True, False, False, False]
    assert r["target_value"] == 180 and r["latest_gap"] == 90 - 185     # the sum is shown, the actual compared
    assert pd.isna(r["target_gap"]) and pd.isna(r["target_ratio"]) and pd.isna(r["target_meets_province"])
    r = _row(c, comparison="county_vs_province", entity="jiande", indicator_id="physicians_per_1000")
    assert bool(r["other_target_cumulative"]) and r["target_value"] == 5
    assert pd.isna(r["target_gap"]) and pd.isna(r["latest_gap"]) and pd.isna(r["latest_meets_province"])
    r = _row(c, comparison="county_vs_county", entity="jiande", indicator_id="rd_personnel_per_10k")
    assert [bool(r[f]) for f in flags] == [True, True, False, False, False, True]
    assert pd.isna(r["target_gap"]) and r["latest_gap"] == 85 - 90
    r = _row(c, comparison="county_vs_county", entity="jiande", indicator_id="talent_total")
    assert [bool(r[f]) for f in flags] == [False] * 6 and r["target_gap"] == 14 - 20


def test_caveats_are_carried(comparison):
    r = _row(comparison, comparison="county_vs_province", entity="jiande", indicator_id="rd_personnel_per_10k")
    assert r["comparability"] == "caveat" and "劳动力" in r["comparability_reason"]
    r = _row(comparison, comparison="county_vs_county", entity="jiande", indicator_id="rural_talent")
    assert r["comparability"] == "caveat"


def test_not_comparable_pairs_are_listed_not_compared(comparison):
    r = _row(comparison, comparison="county_vs_county", indicator_id="prof_mid_senior_title_share")
    assert r["other_indicator_id"] == "prof_senior_title_share" and r["comparability"] == "not_comparable"
    assert r["basis"] == "not compared" and math.isnan(r["latest_ratio"]) and r["comparability_reason"]
    assert len(comparison.query("comparability == 'not_comparable'")) >= 2
