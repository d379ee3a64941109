"""Places in a name that names a year (issue 18, names5): which are understood. The counties' and the province's
names come from config/sources.yaml, their one home (`known`); the province's, 浙江省 and 浙江, were also typed into
name_meaning.UNDERSTOOD, so a project configured for another province still read 浙江省2023年 as its figures.
Decision (docs/monitoring.md): only the configured places are understood; a prefecture (杭州市, 湖州市) is no
configured place and stops as not understood, with a rename that reads."""
import re
import shlex
import subprocess

from helpers.core import paths
from helpers.extract.name_meaning import NOT_UNDERSTOOD, name_says
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]


def _said(name: str, known: tuple[str, ...]):
    said = name_says(name, instructions=False, month_alone=False, known=known)
    return said and (said.what, said.words)


def test_the_configured_provinces_name_is_understood_and_no_other():
    """On main 浙江省 was understood whatever the configured province (the second assertion failed)."""
    assert _said("浙江省2023年监测", ("建德市", "浙江省", "Zhejiang")) is None
    assert _said("浙江省2023年监测", ("泰州市", "江苏省", "Jiangsu")) == (NOT_UNDERSTOOD, "浙江省")
    assert _said("江苏省2023年监测", ("泰州市", "江苏省", "Jiangsu")) is None


def _province(workspace, zh: str, en: str) -> None:
    path = workspace / "config" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name_zh: 浙江省", f"name_zh: {zh}").replace("name_en: Zhejiang", f"name_en: {en}"),
                    encoding="utf-8")


def test_a_file_named_for_another_province_than_the_configured_stops(workspace):
    _province(workspace, "江苏省", "Jiangsu")
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name="浙江省2023年监测.xlsx")
    err = build_refused(workspace)
    assert "names a year and says more of the figures, '浙江省', which is not understood" in err.problem


def test_a_file_named_for_the_configured_province_is_read(workspace):
    _province(workspace, "江苏省", "Jiangsu")
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name="江苏省2023年监测.xlsx")
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_prefecture_in_a_files_name_stops_and_the_rename_reads(workspace):
    """The decision pinned: 杭州市 is no configured place (it stopped on main too, but the rename advised was
    监测数据.xlsx: 杭州市 beside the year's digits was not cut)."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name="杭州市2023年监测.xlsx")
    err = build_refused(workspace)
    assert "names a year and says more of the figures, '杭州市', which is not understood" in err.problem
    command = re.search(r"\((mv [^)]+)\)", err.fix).group(1)
    assert shlex.split(command)[-1].endswith("/monitoring/2023年监测.xlsx")
    subprocess.run(shlex.split(command), cwd=paths.PROJECT_ROOT, check=True)
    assert not path.exists()
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]
