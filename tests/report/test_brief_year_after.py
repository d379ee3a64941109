"""The brief for 2026, the year after 十四五's target year, while no 十五五 plan is configured: its final evaluation
stands on the 2025 actuals, and the brief sets those actuals against the provincial targets for 2025, never the
2026 actuals against a 2025 target, nor the plan's targets in their place.

The workspace is support/brief_limits.py's: the monitoring template filled with 2021–2025 actuals for every county
and indicator with a 2025 target (met: the target × 1.02; every third pair of a county missed: × 0.9; 建德's
高技能人才占技能劳动者比例 written "≥35"), and a second workbook of 2026 actuals (the line goes on past 2025).
The provincial targets for 2025 are the 2025年省委目标数 column of anji_talent_plan_2021-2025.txt.

Worked by hand, the 2025 actuals of the indicators set against the province as a gap and ratio (not totals):
    建德  R&D人员数        150 × 1.02 = 153    < 185    no
          高技能人才占比     ≥35 → 35            ≥ 35     yes
          高新产业增加值占比  47 × 1.02 = 47.94   < 65     no
          执业医师数        5 × 1.02 = 5.1      ≥ 4.3    yes        → 2 of 4
    安吉  社工持证数        42 × 0.9 = 37.8     < 48     no
          R&D人员数        180 × 1.02 = 183.6  < 185    no
          高级职称比例      8 × 1.02 = 8.16     ≥ 8      yes
          高技能人才占比     35 × 0.9 = 31.5     < 35     no
          高价值发明专利     12 × 1.02 = 12.24   < 17     no
          高新产业增加值占比  65 × 1.02 = 66.3    ≥ 65     yes
          人力资本投资占比   20 × 0.9 = 18       < 20     no
          受高等教育比例     50 × 1.02 = 51      < 67     no
          执业医师数        3.52 × 1.02 = 3.5904 < 4.3   no         → 2 of 9
(全社会劳动生产率 and 直接融资比重 have no numeric target and no actual.) The 2026 actuals would give 安吉 4 of 9
(R&D 200.3 ≥ 185 among them): the test tells the two apart.
"""
import pytest

from helpers import analyse
from helpers.report import chapters
from helpers.report.context import load_report_context
from support import brief_limits as bl


@pytest.fixture(scope="module")
def after(tmp_path_factory):
    root = bl.prepare(tmp_path_factory.mktemp("after"), 2026)
    analyse.build_tables(root / "processed", root / "config", 2026)
    return root


def _context(root, lang="zh"):
    return load_report_context(root / "processed", root / "config", 2026, None, lang)


def test_in_2026_the_province_is_set_against_the_2025_actuals(after):
    c = _context(after).comparison
    rows = c[c["comparison"] == "county_vs_province"].set_index(["entity", "indicator_id"])
    assert rows.loc[("jiande", "rd_personnel_per_10k"), ["latest_year", "latest_value"]].tolist() == [2025, 153]
    assert rows.loc[("anji", "rd_personnel_per_10k"), ["latest_year", "latest_value"]].tolist() == [2025, 183.6]
    assert not rows.loc[("anji", "rd_personnel_per_10k"), "latest_meets_province"]        # 183.6 < 185
    assert rows["latest_year"].dropna().eq(2025).all()


def test_the_2026_brief_says_where_each_county_stood_in_2025_against_the_province(after):
    summary = chapters.summary.executive_summary(_context(after), "brief")
    assert "2025年实际值对照省委目标：建德市2/4项达到，安吉县2/9项达到。" in summary
    english = chapters.summary.executive_summary(_context(after, "en"), "brief")
    assert "2025 actuals against the provincial targets: Jiande reaches 2 of 4; Anji reaches 2 of 9." in english


def test_the_2026_key_figure_sets_the_2025_actuals_against_the_province(after):
    figure = chapters.progress.key_figures_brief(_context(after))
    captions = [f.caption for b in figure.blocks if b["kind"] == "figures" for f in b["figures"]]
    assert captions and all(c.startswith("县市2025年实际值与省委目标之比") for c in captions), captions


# ---------------------------------------------------------------- the 2026 actuals, while 十五五 has no targets
# Without a 十五五 target to monitor them against, the 2026 actuals are set against the pace 十四五 achieved:
# the growth 2025 → 2026 against the annual growth 2020 → 2025, in the indicator's good direction. The workspace's
# 2026 actuals go on the straight line 2020 → 2025 (Pair.actual: × 0.99 or × 1.01 for a deterministic wobble),
# so most compound rates slow down. Worked by hand:
#   建德 党政人才        0.28 → 0.252 (missed): (0.252/0.28)^(1/5) − 1 = −2.09% a year;
#                       2026: (0.28 − 0.028 × 1.2) × 0.99 = 0.2439, 0.2439/0.252 − 1 = −3.21%   → fell back
#   安吉 R&D人员数       90 → 183.6: (183.6/90)^(1/5) − 1 = 15.33% a year;
#                       2026: (90 + 93.6 × 1.2) × 0.99 = 200.2968, 200.2968/183.6 − 1 = 9.09%  → slowed
#   建德 科创板上市企业数  0 → 0 (a value is 0: changes per year), 0 a year; 2026: 1, +1 a year     → kept pace
# Of 建德's 19 pairs 2 kept pace (also 高技能人才: 4.29% against 3.62%), 15 slowed, 2 fell back (also 优质学前…
# 覆盖率, 81 → 80.78 where higher is better); of 安吉's 16 (its two '/' indicators have no actuals) 1 kept pace
# (执业医师数: 2.52% against 1.58%) and 15 slowed.

def test_in_2026_the_actuals_are_set_against_the_pace_of_the_plan_that_ended(after):
    o = _context(after).outlook.set_index(["entity", "indicator_id"])
    party = o.loc[("jiande", "party_government_talent")]
    assert party["achieved_growth_last_period"] == pytest.approx(0.9 ** 0.2 - 1)
    assert party["growth_since_ended"] == pytest.approx(0.2439 / 0.252 - 1)
    assert party["pace_since_ended"] == "fell_back"
    rd = o.loc[("anji", "rd_personnel_per_10k")]
    assert rd["achieved_growth_last_period"] == pytest.approx((183.6 / 90) ** 0.2 - 1)
    assert rd["growth_since_ended"] == pytest.approx(200.2968 / 183.6 - 1)
    assert rd["pace_since_ended"] == "slowed"
    star = o.loc[("jiande", "star_market_listed_firms")]
    assert (star["achieved_growth_last_period"], star["growth_since_ended"], star["pace_since_ended"]) == \
        (0, 1, "kept_pace")


def test_the_2026_brief_says_how_the_2026_actuals_kept_the_pace(after):
    # 建德's 高技能人才占技能劳动者比例 2025 is only a bound (≥35): no growth since 2025 can be measured from it, so
    # 18 of its 19 pairs are judged (it was counted as slowed, growth from 35 itself)
    summary = chapters.summary.executive_summary(_context(after), "brief")
    assert ("2026年实际值（“十五五”尚无目标，对照“十四五”年均增速）：建德市18项中2项保持增速、14项放缓、2项回落，"
            "安吉县16项中1项保持增速、15项放缓、0项回落。") in summary, summary
    english = chapters.summary.executive_summary(_context(after, "en"), "brief")
    assert ("2026 actuals (15th Five-Year Plan targets not yet set; against the 14th Five-Year Plan's annual "
            "growth): Jiande: of 18, 2 kept pace, 14 slowed, 2 fell back; Anji: of 16, 1 kept pace, 15 slowed, "
            "0 fell back.") in english, english


def test_the_2026_brief_lists_the_actuals_that_fell_back_first_then_the_widest_slowdowns(after):
    outlook = chapters.outlook.outlook_brief(_context(after))
    assert "<h2>2026年监测：对照“十四五”年均增速</h2>" in outlook.replace("\n", "")
    table = next(b["table"] for b in outlook.blocks if b["kind"] == "table")
    assert [c.label for c in table.columns] == ["县市", "指标", "增速对照", "2026年增速", "“十四五”年均增速",
                                                "2026年实际"]
    rows = [[getattr(cell, "text", cell) for cell in row] for row in table.rows]
    assert rows[0] == ["建德市", "党政人才", "回落", "-3.2%", "-2.1%", "0.2439万人"]
    assert [r[1] for r in rows[:3]] == ["党政人才", "优质学前教育和高中段教育覆盖率",
                                        "省级以上人才科技孵化载体"]      # 3 → 3: 0% against 24.6% a year
    assert len(rows) == 4
    notes = next(b["entries"] for b in outlook.blocks if b["kind"] == "notes")
    # 34 pairs judged (建德's ≥35 is a bound: no growth from it), 3 kept pace: 31 slowed or fell back, 4 listed
    assert "另有27项放缓或回落，全部见结果工作簿" in notes[-1]


def test_without_actuals_of_the_year_the_brief_says_so(after, tmp_path):
    # the same counties in 2027, a year without actuals: nothing is judged, and the brief says why
    # (the analysis tables written beside a copy of the dataset, built from the fixture's raw and config folders)
    import shutil
    shutil.copytree(after / "processed", tmp_path / "processed")
    analyse.build_tables(tmp_path / "processed", after / "config", 2027, year_must_have_data=False)
    ctx = load_report_context(tmp_path / "processed", after / "config", 2027, None, "zh", year_must_have_data=False)
    assert chapters.outlook.since_ended_blocks(ctx)[1] == {"kind": "notes", "entries": [
        "尚无2027年实际值：在年度监测表中补充后，2027年实际值将对照“十四五”期间的年均增速监测。"]}
    assert not any("2027年实际值（" in s for s in chapters.summary.executive_summary(ctx, "brief"))


# ---------------------------------------------------------------- 2026 with the counties' 十五五 plans configured

def test_the_lone_key_figure_is_drawn_in_two_halves_on_one_scale(after):
    # 9 indicators set against the province (4 of 建德's, 9 of 安吉's): alone in its block a chart of 9 rows would
    # fill half the page's width and run down the page; drawn as 5 + 4 rows side by side it is half as tall, and
    # both halves share one ratio axis, so that a dot means the same in either.
    figure = chapters.progress.key_figures_brief(_context(after))
    figs = [f for b in figure.blocks if b["kind"] == "figures" for f in b["figures"]]
    assert [len(f.drawn.axes[0].texts) for f in figs] == [5, 4]
    assert figs[0].drawn.axes[0].get_xlim() == figs[1].drawn.axes[0].get_xlim()
    assert ["（1/2）。" in figs[0].caption, "（2/2）。" in figs[1].caption] == [True, True]


# 建德 and 安吉 each add a 十五五 plan (2025 → 2030; support/brief_limits.py FIFTEENTH): their 2025 column restates
# the workbook's 2025 actuals, and 2030 targets. The province has set no targets for 2030: in 2026 the counties
# stand against the province where 十四五 left them, on the 2025 actuals (the same 2 of 4 and 2 of 9 as above),
# while the brief's lead sentences judge the first year of 十五五 and its outlook says where the 十五五 targets aim.
@pytest.fixture(scope="module")
def fifteenth(tmp_path_factory):
    root = bl.prepare_fifteenth(tmp_path_factory.mktemp("fifteenth"), 2026)
    analyse.build_tables(root / "processed", root / "config", 2026)
    return root


def test_under_a_new_plan_the_province_is_set_against_the_plan_that_ended(fifteenth):
    ctx = _context(fifteenth)
    assert set(ctx.progress["plan"]) == {"十五五"} and set(ctx.progress["plan_phase"]) == {"in_period"}
    c = ctx.comparison
    rows = c[c["comparison"] == "county_vs_province"].set_index(["entity", "indicator_id"])
    assert set(rows["plan"]) == {"十四五"} and set(rows["other_year"]) == {2025}
    assert rows.loc[("jiande", "rd_personnel_per_10k"), ["latest_year", "latest_value", "target_value"]].tolist() \
        == [2025, 153, 150]
    assert rows.loc[("anji", "talent_total"), ["target_value", "target_share_of_province"]].tolist() == \
        [20, pytest.approx(20 / 1650)]
    # the report's province table heads the county's targets with their year, 2025 (not the 十五五's 2030)
    table = chapters.province.province_table(ctx)
    assert [col.label for col in table.columns][2] == "2025年目标"


def test_the_2026_brief_under_a_new_plan_says_where_the_counties_stood_and_where_the_new_targets_aim(fifteenth):
    ctx = _context(fifteenth)
    summary = chapters.summary.executive_summary(ctx, "brief")
    assert summary[1].startswith("截至2026年，建德市“十五五”规划的序时进度为20.0%")   # after how 十四五 ended
    assert any(s.startswith("“十五五”规划4项可与趋势比较的目标中") for s in summary), summary
    assert "2025年实际值对照省委目标：建德市2/4项达到，安吉县2/9项达到。" in summary
    figure = chapters.progress.key_figures_brief(ctx)
    captions = [f.caption for b in figure.blocks if b["kind"] == "figures" for f in b["figures"]]
    assert captions and all(c.startswith("县市2025年实际值与省委目标之比") for c in captions), captions


def test_the_2026_brief_under_a_new_plan_says_how_the_plan_before_ended(fifteenth, after):
    # 十四五's final evaluation stands on the workbook's 2025 actuals: every third pair of a county missed
    # (support/brief_limits.py), so 建德 met 13 of its 19 targets and 安吉 11 of 16, as the 2025 brief says.
    pairs = bl.monitored_pairs(fifteenth)
    counts = {e: (sum(p.met for p in pairs if p.entity == e), sum(p.entity == e for p in pairs))
              for e in ("jiande", "anji")}
    assert counts == {"jiande": (13, 19), "anji": (11, 16)}
    summary = chapters.summary.executive_summary(_context(fifteenth), "brief")
    assert summary[0] == ("“十四五”规划（2021—2025年）已结束，终期评估：建德市19项目标中13项达标，"
                          "安吉县16项目标中11项达标；逐项结果见2025年度领导简报"
                          "（talent-plan-brief_2025_zh，运行 make report YEAR=2025 生成）。"), summary
    english = chapters.summary.executive_summary(_context(fifteenth, "en"), "brief")
    assert english[0] == ("The 14th Five-Year Plan (2021–2025) has ended. Final evaluation: Jiande met 13 of 19 "
                          "targets; Anji met 11 of 16 targets; each target is in the 2025 brief "
                          "(talent-plan-brief_2025_en, built by make report YEAR=2025 LANG=en).")
    # while 十四五 is still the plan evaluated (no 十五五 configured), its own final evaluation says it, once
    assert not any("已结束" in s for s in chapters.summary.executive_summary(_context(after), "brief"))


def test_under_a_new_plan_with_targets_the_2026_actuals_are_judged_by_it_alone(fifteenth):
    ctx = _context(fifteenth)
    assert chapters.outlook.since_ended_blocks(ctx) == []
    assert not any("对照“十四五”年均增速" in s for s in chapters.summary.executive_summary(ctx, "brief"))


def test_the_2026_scorecard_shows_the_new_plans_indicators_and_calls_none_of_the_others_a_slash(fifteenth):
    ctx = _context(fifteenth)
    tables = chapters.scorecard.scorecard_tables(ctx)
    rows = {row[0]: [cell.text for cell in row[1:]] for table in tables for row in table.rows}
    # the 十五五 plans list 人才资源总量 and 高技能人才 only: the 十四五 indicators they dropped are not
    # "not assessable" under 十五五, and 安吉's 十四五 '/' (全社会劳动生产率) is no '/' of its 十五五 plan
    assert set(rows) == {"人才资源总量", "高技能人才"}
    assert chapters.scorecard.no_target_note(ctx) == []
