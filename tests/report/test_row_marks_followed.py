"""An estimate marked in a workbook row's 单位, 指标 or 年份 cell never reaches the brief as a firm actual (issue 18,
redteam18 finding 4), followed end to end: the data step stops, its advice is taken as written, then the 2025 final
evaluation of 桐庐's 十四五 plan (tests/support/final_evaluation.py).

By hand, as tests/report/test_estimates_marked_outside_the_number.py: 桐庐's 2025 人才资源总量 15.1 (target 15左右)
is an estimate, so it is 无法评估; the four others judged: 〔6000〕 at 5,950 missed, 〔1〕 at +1.1 met, 6 at 6.2
missed, 35以上 at 35 met: "4项目标中2项达标". On main 0cabb91 the advice, followed, dropped the 预计: 人才资源总量 达标
and "5项目标中3项达标".
"""

import openpyxl
import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")
WORKBOOK = "监测2021-2025.xlsx"
# 人才资源总量's 2025 row is the sheet's sixth (header, 2021–2025): 县市 A, 指标 B, 单位 C, 年份 D, 数值 E, 来源 G,
# 备注 H
MARKED = {"unit": ("C6", "万人（预计）", "万人"), "name": ("B6", "人才资源总量（预计数）", "人才资源总量"),
          "year": ("D6", "2025（预计）", 2025)}


def _rebuilt(root, **cells):
    path = root / "raw" / "monitoring" / WORKBOOK
    wb = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        wb["数据"][coordinate].value = value
    wb.save(path)
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")


def _judged(root):
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    zh = load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh")
    return zh, zh.progress.set_index("indicator_id").loc["talent_total"]


@pytest.fixture(scope="module", params=list(MARKED))
def advice_followed(request, tmp_path_factory):
    """The mark in the cell: the data step stops; its advice followed as written (预计 moved into the 备注, then the
    cell rewritten as the refusal says)."""
    coordinate, held, rewritten = MARKED[request.param]
    root = final_evaluation_case(tmp_path_factory.mktemp(request.param), extra={"人才资源总量": {2025: 15.1}},
                                 plan_15=None)
    with pytest.raises(InputError) as info:
        _rebuilt(root, **{coordinate: held})
    _rebuilt(root, **{coordinate: rewritten, "H6": "预计"})
    return info.value, _judged(root)


def test_the_advice_for_a_marked_cell_followed_leaves_the_figure_an_estimate(advice_followed):
    err, (zh, row) = advice_followed
    assert "move '预计' into the row's 备注, H6, where it is read as an estimate" in err.fix
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
