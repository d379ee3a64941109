"""The monitoring template's 说明 item 6 says which figure is used where a workbook's value differs from a plan's for
the same year as the run does it (redteam19 finding 4): it said "采用规划的数值" / "the plan's figure is used", the
opposite of the run, which uses the workbook's figure in a year a configured plan judges (docs/monitoring.md; the
firm-2025 case: the workbook's 14.6 over the 十五五 plan's 2025 15.2) and the plan's only in a base year no plan
judges."""
import openpyxl

from helpers.extract.monitoring import INSTRUCTIONS_SHEET
from helpers.run import cli


def test_instruction_6_says_the_workbooks_figure_is_used_in_a_year_a_plan_judges(tmp_path):
    path = tmp_path / "template.xlsx"
    assert cli.main(["template", str(path)]) == 0
    item = [str(c.value) for row in openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET].iter_rows() for c in row
            if str(c.value or "").startswith("6. ")]
    zh, en = item
    assert "在已配置的规划所评估的年份（基期之后至目标年，如“十四五”规划的2021—2025年）采用本表的数值" in zh
    assert "只有在没有已配置的规划评估的基期年份（如“十四五”规划的2020年）采用规划的数值" in zh
    assert "in a year a configured plan judges" in en and "the workbook's figure is used" in en
    assert "the plan's only in a base year no configured plan judges" in en
    assert not en.rstrip(".").endswith("the plan's figure is used")


def test_instruction_6_names_the_configured_period_not_a_written_one(workspace):
    """Item 6's example is the project's default plan period from config/sources.yaml (its words live in the wording
    files): a project whose default period is 十五五 reads 2026—2030 and 2025 there, not 十四五's years."""
    from support.workbooks import template
    config = workspace / "config" / "sources.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: 十四五\n  base_year: 2020\n  target_year: 2025\n",
                                   "  name: 十五五\n  base_year: 2025\n  target_year: 2030\n", 1), encoding="utf-8")
    path = template(workspace / "t.xlsx", workspace / "config")
    zh, en = [str(c.value) for row in openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET].iter_rows() for c in row
              if str(c.value or "").startswith("6. ")]
    assert "如“十五五”规划的2026—2030年）采用本表的数值" in zh and "如“十五五”规划的2025年）采用规划的数值" in zh
    assert "(after its base year up to its target year: 2026–2030 under the 15th Five-Year Plan)" in en
    assert "the 15th Five-Year Plan's 2025)" in en
    assert "十四五" not in zh + en and "14th" not in en
