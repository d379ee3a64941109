"""A plan's first year with no actual yet (redteam15 finding 3).

桐庐's only plan is its 十五五 (2025 → 2030; the table's base column headed 2025年, not 预计: its 15.2 is the figure
kept for 2025, as no configured plan judges 2025). Its workbook has 2021–2025 (人才资源总量 11, 12, 13, 14, 14.6) and
no 2026. 建德 and 安吉 are on their 十四五, 建德 with a 2026 人才资源总量 (14.5) so that 2026 has data.

Was, in the 2026 brief: 桐庐 人才资源总量 进度正常 in the scorecard "各县市各项指标2026年的评估", whose legend
says a county in the period is judged by 完成进度 against 序时进度; it rested on the growth of 2021–2025,
(15.2 ÷ 11)^(1/4) − 1 = 8.4% a year, which mixes the workbook's 2021 with the plan's 2025, and nothing said 桐庐 had
no 2026 figure.
Now: 无法评估 (no actual after the base year), a summary sentence that says 桐庐 has no 2026 actual, and the
growth achieved on the workbook's own series, (14.6 ÷ 11)^(1/4) − 1 = 7.34% a year (the growth required stays the
plan's, from its 15.2: (20 ÷ 15.2)^(1/5) − 1 = 5.64%).
"""
import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.analyse.progress import note_codes
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.fifteenth_plan import WORD_PLAN, add_fifteenth_plan
from support.workbooks import one_sheet_workbook

TOTAL = {2021: 11, 2022: 12, 2023: 13, 2024: 14, 2025: 14.6}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("no2026"))
    add_fifteenth_plan(root, "word_tab_cells", text=WORD_PLAN.replace("2025年（预计）", "2025年"), monitoring=False)
    one_sheet_workbook(root, [["桐庐县", "人才资源总量", "万人", year, value, None, "统计年报", None]
                              for year, value in TOTAL.items()]
                       + [["建德市", "人才资源总量", "万人", 2026, 14.5, None, "统计年报", None]], name="桐庐监测.xlsx")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


def _total(project, year):
    inputs = analyse.load_inputs(project / "processed", project / "config", year, "jiande,anji,tonglu",
                                 year_must_have_data=False)
    p = analyse.progress_table(inputs)
    return p[(p["entity"] == "tonglu") & (p["indicator_id"] == "talent_total")].iloc[0]


def test_no_actual_after_the_base_year_is_not_judged_in_the_period(project):
    row = _total(project, 2026)
    assert (row["plan"], row["plan_phase"], row["latest_year"], row["latest_value"]) == ("十五五", "in_period", 2025,
                                                                                        15.2)
    assert row["verdict"] == NOT_ASSESSABLE and row["progress_category"] == NOT_ASSESSABLE
    assert "no_actual_after_base" in note_codes(row["progress_notes"])
    assert pd_isna(row["progress_ratio"])


def test_the_growth_achieved_runs_on_the_workbooks_own_series(project):
    row = _total(project, 2026)
    assert row["baseline_year"] == 2021 and row["baseline_value"] == 11
    assert row["historical_growth"] == pytest.approx((14.6 / 11) ** (1 / 4) - 1)        # 7.34%, not 8.42%
    assert round(row["historical_growth"], 3) == 0.073
    assert row["required_growth"] == pytest.approx((20 / 15.2) ** (1 / 5) - 1)          # 5.64%, from the plan's 15.2
    assert "growth_own_source" in note_codes(row["progress_notes"])
    said = notes_text(row["progress_notes"], words("zh"), "progress_notes")
    assert ("已实现增速按监测工作簿同一来源的数据计算：2025年取“桐庐监测.xlsx”工作表“数据”单元格E6的14.6"
            "（规划表的15.2") in said, said
    # At the base year (YEAR=2025) the growth is the judgement: 7.34% achieved against 5.64% required, R = 1.30
    base = _total(project, 2025)
    assert base["plan_phase"] == "base_year"
    assert base["progress_ratio"] == pytest.approx(((14.6 / 11) ** 0.25 - 1) / ((20 / 15.2) ** 0.2 - 1))


def test_the_summary_says_the_county_has_no_actual_for_the_year(project):
    analyse.build_tables(project / "processed", project / "config", 2026, None)
    for lang, said in (("zh", "桐庐县“十五五”规划（2026—2030年）尚无2026年实际值"
                              "（最新实际值不晚于基期2025年）：5项目标"),
                       ("en", "Tonglu, 15th Five-Year Plan (2026–2030): no 2026 actual yet (none after the base year "
                              "2025), so the progress of its 5 targets")):
        ctx = load_report_context(project / "processed", project / "config", 2026, None, lang)
        sentences = executive_summary(ctx, "brief")
        assert any(said in s for s in sentences), sentences


def pd_isna(value) -> bool:
    import pandas as pd
    return bool(pd.isna(value))


def test_a_county_with_only_its_new_plan_is_set_against_the_province_on_its_actuals(project):
    """No plan of 桐庐's ends in 2025, the province's target year: its 2025 actuals are set against the province's
    2025 targets, with no county target (was: left out, and the 2026 brief said "建德市2/4项达到，安吉县2/9项达到"
    with no word of 桐庐). By hand: 高技能人才占技能劳动者比例 35 (the plan's 2025 column) against 35: reaches;
    每千人口执业(助理)医师数 4.1 against 4.3: does not, ratio 4.1 ÷ 4.3 = 0.953; 人才资源总量 15.2 is a share of the
    province's 1650 (0.92%), not counted."""
    import pandas as pd
    analyse.build_tables(project / "processed", project / "config", 2026, None)
    c = pd.read_csv(project / "processed" / "comparison.csv", encoding="utf-8-sig")
    rows = c[(c["entity"] == "tonglu") & (c["comparison"] == "county_vs_province")].set_index("indicator_id")
    assert sorted(rows.index) == ["high_skilled_share_of_skilled", "physicians_per_1000", "talent_total"]
    assert set(rows["latest_year"]) == {2025} and set(rows["other_year"]) == {2025}
    assert rows["target_value"].isna().all() and rows["plan"].isna().all()
    share, doctors = rows.loc["high_skilled_share_of_skilled"], rows.loc["physicians_per_1000"]
    assert (share["latest_value"], share["other_value"], share["latest_meets_province"]) == (35, 35, True)
    assert (doctors["latest_value"], doctors["other_value"], doctors["latest_meets_province"]) == (4.1, 4.3, False)
    assert doctors["latest_ratio"] == pytest.approx(4.1 / 4.3)
    assert rows.loc["talent_total", "latest_share_of_province"] == pytest.approx(15.2 / 1650)
    ctx = load_report_context(project / "processed", project / "config", 2026, None, "zh")
    # (建德 and 安吉 have no 2025 actuals in this project: 桐庐 alone)
    assert "2025年实际值对照省委目标：桐庐县1/2项达到。" in executive_summary(ctx, "brief")
