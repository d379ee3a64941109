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
