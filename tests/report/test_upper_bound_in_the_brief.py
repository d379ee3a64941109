"""A monitored upper bound in the 2025 brief: 桐庐's 人才流失率 (less is better; 十四五 target 6 for 2025, test county
of support/tonglu.py) with its 2025 actual typed into the workbook's value cell as an upper bound. On main the data
step stopped ("value '<5.5' for 人才流失率 is not a number"): a workbook could not record it at all.

The 十五五 plan is left out of the config here: its table restates 2025 as 5.9, and a plan's figure is kept over a
workbook's (docs/monitoring.md), so the workbook's bound would not be the one judged. Worked by hand:
    <5.5      every figure below 5.5 is below 6: met (达标), no 完成率 (a bound's); the brief counts 4 of 6 met
              (人才资源总量, 高技能人才占比, 党政人才 and 人才流失率; 高技能人才 2.7 < 3 and R&D 120, not >120, missed)
    不高于6.5  at most 6.5: 5.9 meets 6, 6.4 does not: not assessable (无法评估), and the brief says so (3 of 5 judged
              met; 人才流失率 named as a bound)
"""
import re
import shutil

import openpyxl
import pytest
import yaml

from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET
from helpers.core.wording import notes_text, words
from helpers.extract import dataset
from helpers.report import chapters
from support import tonglu


def _county(root, written: str):
    """桐庐 as support/tonglu.py makes it, without its 十五五 plan, 人才流失率 2025 written as given."""
    root.mkdir()
    tonglu.project_with_county(root)
    config = root / "config"
    sources = yaml.safe_load((config / "sources.yaml").read_text(encoding="utf-8"))
    sources["plans"] = [p for p in sources["plans"] if p["file"] != "tonglu_15.txt"]
    (config / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    path = root / "raw" / "monitoring" / "桐庐监测.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    [row] = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "人才流失率" and ws.cell(r, 4).value == 2025]
    ws.cell(row, 5).value = written
    wb.save(path)
    for name in (root / "processed").iterdir():
        name.unlink() if name.is_file() else shutil.rmtree(name)
    dataset.write(dataset.build(root / "raw", config), root / "processed")
    return root, f"E{row}"


@pytest.fixture(scope="module")
def below(tmp_path_factory):
    return _county(tmp_path_factory.mktemp("upper") / "below", "<5.5")


@pytest.fixture(scope="module")
def at_most(tmp_path_factory):
    return _county(tmp_path_factory.mktemp("upper") / "at_most", "不高于6.5")


def _outflow(ctx):
    p = ctx.progress
    return p[(p["entity"] == "tonglu") & (p["indicator_id"] == "talent_outflow_rate")].iloc[0]


def _scorecard(ctx) -> dict[str, str]:
    """The brief's scorecard: each indicator's judgement, as the reader sees it."""
    html = re.sub(r"<svg.*?</svg>", "", str(chapters.scorecard.summary_section(ctx, "brief")), flags=re.S)
    texts = [t.strip() for t in re.findall(r">([^<]+)<", html) if t.strip()]
    return {name: texts[i + 1] for i, name in enumerate(texts[:-1]) if name in ("人才流失率", "Talent outflow rate")}


def test_the_bound_is_read_with_its_cell(below):
    root, cell = below
    ds = dataset.build(root / "raw", root / "config").indicators
    [row] = ds[(ds["entity"] == "tonglu") & (ds["indicator_id"] == "talent_outflow_rate") & (ds["year"] == 2025)
               & (ds["kind"] == "actual")].to_dict("records")
    assert (row["value"], row["comparator"], row["origin"]) == (5.5, "<", "monitoring")
    assert (row["source_sheet"], row["source_cell"]) == ("数据", cell)
    assert row["source_file"].endswith("桐庐监测.xlsx")


def test_below_the_target_is_met_in_the_2025_brief_in_either_language(below):
    root, _ = below
    zh, en = (tonglu.report_context(root, 2025, lang=lang) for lang in ("zh", "en"))
    r = _outflow(zh)
    assert (r["verdict"], r["evaluated_value"], r["evaluated_comparator"]) == (TARGET_MET, 5.5, "<")
    assert r["completion_rate"] != r["completion_rate"]           # NaN: a bound has no 完成率
    assert "2025年实际值<5.5达到2025年目标6" in notes_text(r["progress_notes"], words("zh"), "progress_notes")
    assert "the 2025 value less than 5.5 meets the 2025 target of 6" in notes_text(r["progress_notes"], words("en"),
                                                                                   "progress_notes")
    assert _scorecard(zh) == {"人才流失率": "达标"} and _scorecard(en) == {"Talent outflow rate": "met"}
    assert chapters.summary.executive_summary(zh, "brief")[0].startswith(
        "桐庐县“十四五”规划（2021—2025年）终期评估：6项目标中4项达标、2项未达标")
    assert chapters.summary.executive_summary(en, "brief")[0].startswith(
        "Tonglu, final evaluation of the 14th Five-Year Plan (2021–2025): 4 of 6 targets met, 2 missed")


def test_the_report_prints_the_bound_with_its_comparator(below):
    from helpers.analyse import charts
    from helpers.report.chapters.progress import progress_table_view
    root, _ = below
    charts.use_style()
    for lang, name in (("zh", "人才流失率"), ("en", "Talent outflow rate")):
        ctx = tonglu.report_context(root, 2025, lang=lang)
        table = progress_table_view(ctx, ctx.progress[ctx.progress["entity"] == "tonglu"])
        row = next([str(c) for c in r] for r in table.rows if name in str(r[1]))
        assert any(c.startswith("<5.5") for c in row) and "5.5" not in row, row


def test_an_upper_bound_over_the_target_is_not_assessable_and_the_brief_says_so(at_most):
    root, _ = at_most
    zh, en = (tonglu.report_context(root, 2025, lang=lang) for lang in ("zh", "en"))
    r = _outflow(zh)
    assert (r["verdict"], r["evaluated_value"], r["evaluated_comparator"]) == (NOT_ASSESSABLE, 6.5, "<=")
    assert _scorecard(zh) == {"人才流失率": "无法评估"} and _scorecard(en) == {"Talent outflow rate": "not assessable"}
    said = chapters.summary.executive_summary(zh, "brief")[0]
    assert ("5项目标中3项达标、2项未达标（未达标：高技能人才、每万名劳动力（就业人员）中R&D人员数）；"
            "人才流失率的2025年实际值只是一个界限，无法判断是否达标，请填入确切值。") in said
    assert ("for talent outflow rate the 2025 actual is only a bound, so whether the target was met cannot be told: "
            "enter the exact figure.") in chapters.summary.executive_summary(en, "brief")[0]
    assert "2025年实际值记为≤6.5，只是一个界限" in notes_text(r["progress_notes"], words("zh"), "progress_notes")
