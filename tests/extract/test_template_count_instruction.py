"""The monitoring template says how a count with a 〔〕 target is entered (redteam6, minor; issue 18).

A catalogue `measure: count` with a 〔〕 (period total) target is judged on the sum of the yearly figures
(docs/method.md, Cumulative targets), so each year's new ones are entered. A year-end total entered there instead
(incubators 5, 6, 7: the catalogue defines 孵化载体 as a 数量（累计）) would be added up, 5 + 6 + 7 = 18 against
〔3〕, and read as met. Was (main): instruction 7 said to enter the new ones, but not that a year-end total is wrong
and why; it now says both, in either language.
"""
import openpyxl

from helpers.extract.monitoring import COLUMNS, DATA_SHEET, INSTRUCTIONS_SHEET, SYNONYMS
from helpers.run import cli
from support.data_step import build


def test_instruction_7_says_a_count_is_entered_as_new_ones_not_the_year_end_total(tmp_path):
    path = tmp_path / "template.xlsx"
    assert cli.main(["template", str(path)]) == 0
    text = _instructions(path)
    assert "如新增高技能人才、孵化载体）填当年新增数，不要填年末总数（各年数值相加），按规划期各年之和评价" in text
    assert ("enter the year's new ones, not the year-end total (the years' figures are added up), judged on the sum "
            "over the period's years") in text


def _instructions(path) -> str:
    return "\n".join(str(c.value) for row in openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET].iter_rows()
                     for c in row if c.value)


def test_instruction_9_names_the_headers_read_and_not_read_and_followed_reads_as_it_says(workspace):
    """redteam18 (issue 18, lesser items): the instruction sheet said nothing of the headers the reader takes as the
    template's (说明 and 附注 for 备注, 符号 for 比较符), nor of 不读 for a column not to be read. It now names each
    (every synonym the reader knows: a new one must be added to the sheet too), in either language. Followed on the
    template itself: 建德's 2024 人才资源总量 typed as 12.9 with 符号 <, 说明 预计数, and a column 不读 核定数 holding
    13.9, reads 12.9, comparator <, an estimate; the 不读 column is logged, not read."""
    path = workspace / "raw" / "monitoring" / "t.xlsx"
    assert cli.main(["template", str(path)]) == 0
    text = _instructions(path)
    english = next(line for line in text.splitlines() if line.startswith("9. Columns are read by their headers"))
    for synonym, field in SYNONYMS.items():
        title = next(t for t, f in COLUMNS if f == field)
        assert f"“{title}”列也可" in text and f"“{synonym}”" in text and synonym in english, synonym
    assert "请在标题前加“不读”（如“不读 核定数”）" in text and "要用核定数时，请把它填入“数值”列" in text
    assert ("gets a header beginning with 不读 (不读 核定数): it is passed over, and the cleaning log names it" in text
            and "to use a checked figure, type it into 数值" in text)
    book = openpyxl.load_workbook(path)
    ws = book[DATA_SHEET]
    header = [c.value for c in ws[1]]
    ws.cell(1, header.index("备注") + 1).value = "说明"
    ws.cell(1, header.index("比较符") + 1).value = "符号"
    ws.cell(1, len(header) + 1).value = "不读 核定数"
    row = next(r for r in range(2, ws.max_row + 1)
               if (ws.cell(r, 1).value, ws.cell(r, 2).value) == ("建德市", "人才资源总量"))
    ws.cell(row, header.index("年份") + 1).value = 2024
    ws.cell(row, header.index("数值") + 1).value = 12.9
    ws.cell(row, header.index("比较符") + 1).value = "<"
    ws.cell(row, header.index("备注") + 1).value = "预计数"
    ws.cell(row, len(header) + 1).value = 13.9
    book.save(path)
    built = build(workspace)
    read = built.indicators.query("origin == 'monitoring' and source_file.str.endswith('t.xlsx')", engine="python")
    assert read[["entity", "indicator_id", "year", "value", "comparator"]].values.tolist() == [
        ["jiande", "talent_total", 2024, 12.9, "<"]]
    assert bool(read["estimated"].iloc[0])
    assert len(built.cleaning_log.query("step == 'column_not_read'")) == 1
