"""Which notes on a workbook row are quoted beside its judged figure, and how long (issue 18; docs/monitoring.md, 备注
and 来源). One rule for the 备注 and the 来源: words no family reads are quoted (note remark), but a 来源 naming a
source alone (remark_is_scope: 统计局, 县人才办, 第七次人口普查) is what a 来源 is for. A note no family places is
quoted whole, so one longer than MAX_QUOTED_NOTE stops the run at its cell; its advice, followed, reads.

On main (16037a6) a 来源 of 县人才办调研 gave no note (quoted nowhere), and a 备注 of any length was kept, to be cut
at 40 characters under the scorecard.
"""
import json

import openpyxl
import pytest

from helpers.extract.monitoring import MAX_QUOTED_NOTE
from helpers.extract.name_meaning import remark_is_scope
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

HEADER8 = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]


def _row(source, remark=None):
    return [["建德市", "人才资源总量", "万人", 2025, 14.6, None, source, remark]]


def _remarks(workspace) -> list[dict]:
    said = monitored(workspace)["note_values"].iloc[0]
    return [n for n in json.loads(said) if n["code"] == "remark"] if isinstance(said, str) and said else []


def test_a_source_in_words_no_family_reads_is_a_remark_to_quote(workspace):
    one_sheet_workbook(workspace, _row("县人才办调研", "含驻县单位"), header=HEADER8)
    assert _remarks(workspace) == [{"code": "remark", "remark": "含驻县单位", "cell": "H2"},
                                   {"code": "remark", "remark": "县人才办调研", "cell": "G2",
                                    "field": {"code": "source"}}]


@pytest.mark.parametrize("source", ["县人才办", "县委组织部", "第七次人口普查", "2024年统计年鉴第35页", "省统计局网站",
                                    "统计年报", "县人社局"])
def test_a_source_naming_a_source_alone_is_not_quoted(workspace, source):
    assert remark_is_scope(source)
    one_sheet_workbook(workspace, _row(source), header=HEADER8)
    assert _remarks(workspace) == []


@pytest.mark.parametrize("column, letter", [(6, "G"), (7, "H")])
def test_a_note_too_long_to_quote_whole_stops_and_its_advice_works(workspace, column, letter):
    long = "据乡镇上报汇总" * 30
    row = _row("统计年报")
    row[0][column] = long
    path = one_sheet_workbook(workspace, row, header=HEADER8)
    err = build_refused(workspace)
    assert err.where == f"sheet 数据, cell {letter}2" and f"{len(long):,} characters" in err.problem
    assert f"shorten it to at most {MAX_QUOTED_NOTE} characters" in err.fix and len(str(err)) < 1000
    wb = openpyxl.load_workbook(path)
    wb["数据"].cell(2, column + 1, "据乡镇上报汇总")
    wb["数据"].cell(1, 9, "不读")
    wb["数据"].cell(2, 9, long)             # (the rest kept in a column headed 不读)
    wb.save(path)
    assert [n["remark"] for n in _remarks(workspace)] == ["据乡镇上报汇总"]
