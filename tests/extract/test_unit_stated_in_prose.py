"""A plan row with no unit, where the plan's own text states its figures in another unit than the catalogue's, and a
text-vs-table disagreement by a power of ten (issue 18, redteam17 finding 3).

安吉's table row `1 | 人才资源总量 | 14.5 | 20 | 1650` has no unit; its text says 人才资源总量达到14.5万人 (line 38) and
达20万人 (line 82). With the catalogue's unit of talent_total changed to 千人 (plausible scaled ×10), the row was read
as 14.5 and 20 千人, the province's 1650 as 1,650 千人, and 安吉's 2021–2025 actuals of 150 … 190 千人 (the workbook's,
in 千人), 190 was 达标 against 20.
By hand: the text gives the row's unit, 万人 (14.5万人 = 145 千人): 14.5 → 145, 20 → 200, 1650 → 16,500 千人; the
2025 actual 190 千人 against 200 is missed (95.0%).
A disagreement by a power of ten between the text and the table (the text's 1.45万人 against the table's 14.5 万人) is
a question of the row's unit: the run stops at the cell, and the analyst's unit for the row (`readings:`) settles it.
"""
import pandas as pd
import pytest
import yaml

from conftest import copy_of_project
from helpers import analyse
from helpers.analyse.inputs import load_inputs
from helpers.analyse.progress import progress_table
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.report.chapters.scorecard import summary_section
from helpers.report.context import load_report_context
from support.plan_documents import write_reading
from support.workbooks import drop

PLAN = "anji_talent_plan_2021-2025.txt"


def _catalogue_in_thousands(config):
    path = config / "catalogue.yaml"
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    for ind in catalogue["indicators"]:
        if ind["id"] == "talent_total":
            ind["unit"] = "千人"
            ind["plausible"] = [x * 10 for x in ind["plausible"]]
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def thousands(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("thousands"))
    _catalogue_in_thousands(root / "config")
    drop(root, "安吉2021-2025.xlsx", [dict(county="安吉县", indicator="人才资源总量", year=year, value=value)
                                     for year, value in zip(range(2021, 2026), (150, 160, 170, 180, 190))])
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


def test_the_unitless_row_takes_the_unit_its_plans_text_states(thousands):
    ind = pd.read_csv(thousands / "processed" / "indicators.csv", encoding="utf-8-sig")
    talent = ind[ind.indicator_id == "talent_total"].set_index(["entity", "year", "kind"])["value"]
    assert talent[("anji", 2020, "actual")] == 145.0
    assert talent[("anji", 2025, "target")] == 200.0
    assert talent[("zhejiang", 2025, "target")] == 16500.0
    assert talent[("jiande", 2025, "target")] == 140.0          # written 万人 in its table: converted as before
    log = pd.read_csv(thousands / "processed" / "cleaning_log.csv", encoding="utf-8-sig")
    step = log[(log.step == "unit_from_prose") & (log.entity == "anji")]
    assert len(step) == 1 and '"source_unit": "万人"' in step["values"].iloc[0]
    assert "14.5万人" in step["evidence_values"].iloc[0]
    assert not ((log.step == "unit_from_catalogue") & (log.indicator_id == "talent_total")).any()
    checks = pd.read_csv(thousands / "processed" / "consistency.csv", encoding="utf-8-sig")
    assert not ((checks.entity == "anji") & (checks.indicator_id == "talent_total") & (checks.check == "value")).any()


def test_the_brief_judges_190_against_200_thousand(thousands):
    analyse.build_tables(thousands / "processed", thousands / "config", 2025, "anji")
    ctx = load_report_context(thousands / "processed", thousands / "config", 2025, "anji", "zh")
    zh = str(summary_section(ctx, "brief"))
    assert "1项目标中0项达标、1项未达标（未达标：人才资源总量" in zh, zh


@pytest.fixture()
def tenfold(tmp_path):
    root = copy_of_project(tmp_path)
    plan = root / "raw" / PLAN
    text = plan.read_text(encoding="utf-8")
    assert "全县人才资源总量达到14.5万人" in text
    plan.write_text(text.replace("全县人才资源总量达到14.5万人", "全县人才资源总量达到1.45万人"), encoding="utf-8")
    write_manifest(root / "raw")
    return root


def _reading(root, unit):
    write_reading(root, {"indicator": "人才资源总量", "unit": unit, "because": "规划办答复"}, file=PLAN, alone=True)


def test_a_tenfold_disagreement_between_text_and_table_stops_and_either_unit_reading_settles_it(tenfold):
    with pytest.raises(InputError) as stop:
        dataset.build(tenfold / "raw", tenfold / "config")
    message = str(stop.value)
    assert PLAN in message and "line 108" in message and "line 38" in message, message
    assert "states 1.45万人 (1.45 万人)" in message and "0.1 times the table's figure" in message, message
    assert "unit: '千人'" in message and "unit: '万人' if the table is" in message, message
    _reading(tenfold, "万人")          # the table is right: read as before, the difference listed
    dataset.write(dataset.build(tenfold / "raw", tenfold / "config"), tenfold / "processed")
    ind = pd.read_csv(tenfold / "processed" / "indicators.csv", encoding="utf-8-sig")
    row = ind[(ind.entity == "anji") & (ind.indicator_id == "talent_total") & (ind.year == 2020)]
    assert list(row.value) == [14.5]
    checks = pd.read_csv(tenfold / "processed" / "consistency.csv", encoding="utf-8-sig")
    assert ((checks.entity == "anji") & (checks.indicator_id == "talent_total") & (checks.year == 2020)).any()
    _reading(tenfold, "千人")          # the text is right: 14.5 千人 is 1.45 万人
    dataset.write(dataset.build(tenfold / "raw", tenfold / "config"), tenfold / "processed")
    ind = pd.read_csv(tenfold / "processed" / "indicators.csv", encoding="utf-8-sig")
    row = ind[(ind.entity == "anji") & (ind.indicator_id == "talent_total") & (ind.year == 2020)]
    assert list(row.value) == [1.45]


@pytest.fixture()
def in_persons(tmp_path):
    """The catalogue's talent_total in 人 with no plausible range, 安吉's text stating neither 14.5万人 nor 20万人 (so
    nothing says the unitless row's unit), and 安吉's 2021–2025 actuals in 人 (150,000 … 190,000)."""
    root = copy_of_project(tmp_path)
    plan = root / "raw" / PLAN
    text = plan.read_text(encoding="utf-8")
    for said in ("全县人才资源总量达到14.5万人", "全县人才资源总量达20万人"):
        assert said in text
        text = text.replace(said, "全县人才资源总量稳步增长")
    plan.write_text(text, encoding="utf-8")
    write_manifest(root / "raw")
    path = root / "config" / "catalogue.yaml"
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    for ind in catalogue["indicators"]:
        if ind["id"] == "talent_total":
            ind["unit"] = "人"
            ind.pop("plausible", None)
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    drop(root, "安吉2021-2025.xlsx", [dict(county="安吉县", indicator="人才资源总量", year=year, value=value)
                                     for year, value in zip(range(2021, 2026), (150000, 160000, 170000, 180000,
                                                                                190000))])
    return root


def test_a_figure_ten_thousand_times_off_stops_and_a_unit_reading_reads_the_row_right(in_persons):
    """By hand: the unitless 14.5 read as 14.5 人 is the county's workbook figures (150,000 … 190,000 人) divided by
    about 10,000: the data step stops at the plan's line 108 (the plan's figures checked against the county's other
    figures, redteam20 T5; before, the analysis stopped later at 190,000 against the target 20 人, 9,500 times it).
    The unit 万人 said (a reading): 20 万人 = 200,000 人, and 190,000 is 95.0% of it, missed."""
    with pytest.raises(InputError) as stop:
        dataset.build(in_persons / "raw", in_persons / "config")
    message = str(stop.value)
    assert PLAN in message and "line 108" in message, message
    assert "安吉2021-2025.xlsx" in message and "a figure in another unit" in message, message
    _reading(in_persons, "万人")
    dataset.write(dataset.build(in_persons / "raw", in_persons / "config"), in_persons / "processed")
    progress = progress_table(load_inputs(in_persons / "processed", in_persons / "config", 2025, "anji"))
    row = progress[(progress.entity == "anji") & (progress.indicator_id == "talent_total")]
    assert round(float(row.completion_rate.iloc[0]), 3) == 0.95 and not row.target_met.iloc[0]
