"""A report is about its year: an actual of a later year in the dataset (a workbook row typed 2029, kept when YEAR=2025
is given) is used by no fit, evaluation or outlook, and the report does not cite it as one of its sources.

桐庐 (tests/support/tonglu.py) with monitoring 2021–2025, and a second workbook, m.xlsx, holding only 2029 actuals
(桐庐 人才资源总量 30, 高技能人才 9, 人才流失率 1, 党政人才 1; 建德 人才资源总量 30)."""
import shutil

import pytest

from helpers import analyse
from helpers.extract import dataset
from helpers.report import chapters
from support.tonglu import project_with_county, report_context
from support.workbooks import one_sheet_workbook

LATER = [["桐庐县", "人才资源总量", "万人", 2029, 30.0], ["桐庐县", "高技能人才", "万人", 2029, 9.0],
         ["建德市", "人才资源总量", "万人", 2029, 30.0], ["桐庐县", "人才流失率", "%", 2029, 1.0],
         ["桐庐县", "党政人才", "万人", 2029, 1.0]]


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    without = tmp_path_factory.mktemp("without")
    project_with_county(without)
    later = tmp_path_factory.mktemp("later")
    for name in ("raw", "config", "processed"):
        shutil.copytree(without / name, later / name, dirs_exist_ok=True)
    one_sheet_workbook(later, LATER)
    dataset.write(dataset.build(later / "raw", later / "config"), later / "processed")
    return without, later


def _tables(root):
    inputs = analyse.load_inputs(root / "processed", root / "config", 2025, "tonglu,jiande")
    return {name: table.astype(str).apply(lambda column: column.str.replace(str(root), "ROOT", regex=False))
            for name, table in analyse.compute_tables(inputs).items()}


def test_the_dataset_keeps_the_later_rows(projects):
    _, later = projects
    rows = analyse.load_inputs(later / "processed", later / "config", 2025).indicators.query("year == 2029")
    assert len(rows) == len(LATER) and set(rows["kind"]) == {"actual"}


def test_no_fit_evaluation_or_outlook_of_2025_uses_a_later_actual(projects):
    """Checked on main: comparison.csv, trends.csv and outlook.csv for 2025 are the same with and without the 2029
    rows (the analysis reads observations up to the report year: inputs.observed_up_to)."""
    without, later = (_tables(root) for root in projects)
    for name, table in without.items():
        assert later[name].equals(table), name


def test_the_report_cites_no_actual_after_its_year(projects):
    """Main listed the 2029 actuals among the 2025 report's sources (appendix B: 2029 实际 30万人), and named m.xlsx,
    whose only figures are of 2029, among the workbooks its figures come from."""
    without, later = projects
    for root, workbooks in ((without, "桐庐监测.xlsx"), (later, "桐庐监测.xlsx")):
        ctx = report_context(root, 2025, entities="tonglu,jiande")
        sources = str(chapters.appendices.sources_section(ctx))
        assert ">2029<" not in sources.replace("\n", "")
        assert ">2025<" in sources.replace("\n", "")          # the year's own actuals are listed
        title = str(chapters.title.title_block(ctx, "report"))
        assert workbooks in title and "m.xlsx" not in title
        assert ">2030<" in sources.replace("\n", "")          # and the plans' targets, of any year
