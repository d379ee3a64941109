"""A 十四五 plan whose table's note says its 2020 column holds 2019's figures
(注：〔〕内为五年累计数；2020年数据为2019年数。, as plans drafted early in the base year say) is not judged on
them as 2020's (issue 18, redteam18 finding 5). Main read the 2020 column as firm 2020 actuals, and the 2025
brief said 高技能人才 达标: 3.1 − 2 = 1.1 against 〔1〕.

The run now stops at the note (tests/extract/test_table_note_other_year.py); its advice is followed here end to end,
each way it can be answered (a `table_notes:` entry under the plan's entry in config/sources.yaml):
- the column read as 2019's figures: 2020 has no base from the plan. With no 2020 figure anywhere, 高技能人才's 〔1〕
  (a change since 2020) cannot be judged: 无法评估, no longer 达标. With the workbook's 2020 figure 2.2, the base is
  the workbook's: 3.1 − 2.2 = 0.9 < 1, 未达标 (by hand);
- the office's word that they stand for 2020: 3.1 − 2 = 1.1 ≥ 1, 达标 as before, the analyst's reading logged.

The case: tests/support/final_evaluation.py (桐庐 at its 2025 final evaluation, 高技能人才 2 in 2020, 〔1〕, 3.1 in
2025). Page 1 of the brief says, beside the scorecard, what the base rests on (scorecard.table_note_year_note).
"""
import pandas as pd
import pytest
import yaml

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET, TARGET_MISSED
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.report.chapters.scorecard import summary_section, table_note_year_note
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import PLAN_14, final_evaluation_case

NOTE = "注：〔〕内为五年累计数；2020年数据为2019年数。"


def _case(root, year: int | None, extra: dict | None = None):
    """The case with the note; stopped, then (year) the advice's entry followed and the data step run again."""
    plan = PLAN_14.replace("\t注：〔〕内为五年累计数。\n", f"\t{NOTE}\n")
    assert plan != PLAN_14
    with pytest.raises(InputError) as stopped:
        final_evaluation_case(root, plan_14=plan, plan_15=None, extra=extra)
    assert "table_notes: - {note: '2020年数据为2019年数', column: '2020年', year: 2019, because: '…'}" in \
        stopped.value.fix
    config = root / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    entry = next(p for p in doc["plans"] if p["entity"] == "tonglu")
    entry["table_notes"] = [{"note": "2020年数据为2019年数", "column": "2020年", "year": year,
                             "because": "办公室答复：规划编制时2020年数据未出"}]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset.write(dataset.build(root / "raw", config.parent), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return {lang: load_report_context(root / "processed", root / "config", 2025, "tonglu", lang)
            for lang in ("zh", "en")}


def _row(ctxs):
    return ctxs["zh"].progress.set_index("indicator_id").loc["high_skilled_talent"]


def _footnote(ctxs, lang: str) -> str:
    """The line beside the scorecard (page 1 of the brief) on the note, as it is printed."""
    [line] = table_note_year_note(ctxs[lang])
    assert line.replace("'", "&#39;") in str(summary_section(ctxs[lang], "brief"))
    return line


def test_read_as_2019s_the_change_since_2020_is_not_judged_on_them(tmp_path):
    ctxs = _case(tmp_path, 2019)
    row = _row(ctxs)
    assert row["verdict"] == NOT_ASSESSABLE       # no 2020 figure: the change since 2020 cannot be worked out
    assert pd.isna(row["base_value"])
    assert _footnote(ctxs, "zh") == (
        "桐庐县：规划（tonglu_14.txt）表注称“2020年数据为2019年数”；"
        "依据分析人员的说明（办公室答复：规划编制时2020年数据未出），"
        "2020年列记为2019年数值，人才资源总量、高技能人才、高技能人才占技能劳动者比例、新增高技能人才、人才流失率的2020年"
        "基期值不取自规划（取自监测工作簿；没有则无法评估）。")
    # page 1's first sentence: 高技能人才 has its 2025 actual, 3.1; it is its 2020 base that is missing
    [first] = [s for s in executive_summary(ctxs["zh"], "brief") if "终期评估" in s]
    assert "另有1项已有2025年实际值但无法评估" in first and "尚无2025年实际值" not in first, first
    english = _footnote(ctxs, "en")
    assert english.startswith("Tonglu: the table's note of its plan (tonglu_14.txt) says “2020年数据为2019年数”; "
                              "on the analyst's word (办公室答复：规划编制时2020年数据未出) the 2020 column is "
                              "read as 2019's figures, so the 2020 base of "), english


def test_read_as_2019s_the_workbooks_2020_figure_is_the_base(tmp_path):
    row = _row(_case(tmp_path, 2019, extra={"高技能人才": {2020: 2.2}}))
    assert float(row["base_value"]) == 2.2
    assert row["verdict"] == TARGET_MISSED       # 3.1 − 2.2 = 0.9 < 1


def test_read_as_2020s_on_the_offices_word_the_change_is_judged_as_before(tmp_path):
    ctxs = _case(tmp_path, 2020)
    row = _row(ctxs)
    assert float(row["base_value"]) == 2.0
    assert row["verdict"] == TARGET_MET          # 3.1 − 2 = 1.1 ≥ 1
    assert "依据分析人员的说明（办公室答复：规划编制时2020年数据未出），人才资源总量、" in _footnote(ctxs, "zh")
    assert _footnote(ctxs, "zh").endswith("仍以该表2020年列为2020年基期值评价。")
