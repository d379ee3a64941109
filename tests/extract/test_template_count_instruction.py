"""The monitoring template says how a count with a 〔〕 target is entered (redteam6, minor; issue 18).

A catalogue `measure: count` with a 〔〕 (period total) target is judged on the sum of the yearly figures
(docs/method.md, Cumulative targets), so each year's new ones are entered. A year-end total entered there instead
(incubators 5, 6, 7: the catalogue defines 孵化载体 as a 数量（累计）) would be added up, 5 + 6 + 7 = 18 against
〔3〕, and read as met. Was (main): instruction 7 said to enter the new ones, but not that a year-end total is wrong
and why; it now says both, in either language.
"""
import openpyxl

from helpers.extract.monitoring import INSTRUCTIONS_SHEET
from helpers.run import cli


def test_instruction_7_says_a_count_is_entered_as_new_ones_not_the_year_end_total(tmp_path):
    path = tmp_path / "template.xlsx"
    assert cli.main(["template", str(path)]) == 0
    text = "\n".join(str(c.value) for row in openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET].iter_rows()
                     for c in row if c.value)
    assert "如新增高技能人才、孵化载体）填当年新增数，不要填年末总数（各年数值相加），按规划期各年之和评价" in text
    assert ("enter the year's new ones, not the year-end total (the years' figures are added up), judged on the sum "
            "over the period's years") in text
