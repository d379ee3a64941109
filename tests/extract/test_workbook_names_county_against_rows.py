"""A county named by a workbook's name, a folder's, a sheet's or a title, against the rows' counties (redteam14,
lesser; issue 18, class 1). On main a workbook named 安吉县2023年监测.xlsx holding 建德's rows was read as 建德's,
exit 0, with no word: the name's year was checked against the rows (or logged), its place was not. An analyst who
typed 安吉's figures into the template's 建德 rows would see this.
Decision (docs/monitoring.md): a name naming configured counties (config/sources.yaml's names, short or long, or the
county's id) none of whose rows is theirs stops the run, naming both, with advice each way; a name naming one county
of several whose rows the workbook holds, the province or no county is read as before."""
import re
import shlex
import subprocess

import pytest

from helpers.core import paths
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]
ANJI = ["安吉县", "人才资源总量", "万人"]


def _counties(workspace):
    return sorted(monitored(workspace)[["entity", "year", "value"]].values.tolist())


@pytest.mark.parametrize("name", ["安吉县2023年监测.xlsx", "安吉2023年监测.xlsx", "anji_2023.xlsx",
                                  "Anji monitoring.xlsx"])
def test_a_file_named_for_another_county_than_its_rows_stops_naming_both(workspace, name):
    """On main: exit 0, 建德's 2023 figure read from 安吉's file."""
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name=name)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A2"
    assert err.problem == (f"the file's name ('{name}') names 安吉县, but no row's 县市 cell does: they say 建德市 "
                           "(row 2 of sheet 数据; A2 first): whose figures these are would be a guess")
    assert err.fix.startswith("if the 县市 cells are right, rename the file (mv ")
    assert err.fix.endswith("so that it names their county or none; if the name is right, correct the 县市 cells "
                            "(sheet 数据, row 2) to 安吉县.")


def test_the_rename_advised_reads_the_rows_as_their_countys(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name="安吉县2023年监测.xlsx")
    err = build_refused(workspace)
    command = re.search(r"\((mv [^)]+)\)", err.fix).group(1)
    assert shlex.split(command)[-1].endswith("/monitoring/建德市2023年监测.xlsx")
    subprocess.run(shlex.split(command), cwd=paths.PROJECT_ROOT, check=True)
    assert not path.exists()
    assert _counties(workspace) == [["jiande", 2023, 12.9]]


def test_the_county_cells_corrected_as_advised_read_as_the_names_county(workspace):
    one_sheet_workbook(workspace, [[*ANJI, 2023, 12.9]], name="安吉县2023年监测.xlsx")
    assert _counties(workspace) == [["anji", 2023, 12.9]]


@pytest.mark.parametrize("name, rows", [
    ("建德市2023年监测.xlsx", [[*JIANDE, 2023, 12.9]]), ("2023年监测.xlsx", [[*JIANDE, 2023, 12.9]]),
    ("浙江省2023年监测.xlsx", [[*JIANDE, 2023, 12.9]]), ("jiande_2023.xlsx", [[*JIANDE, 2023, 12.9]]),
    ("建德市2023年监测.xlsx", [[*JIANDE, 2023, 12.9], [*ANJI, 2023, 8.1]])])
def test_a_name_naming_a_county_of_its_rows_the_province_or_none_is_read(workspace, name, rows):
    """A combined workbook may be named after one of its counties; the province is no county."""
    one_sheet_workbook(workspace, rows, name=name)
    assert len(_counties(workspace)) == len(rows)


def test_a_sheet_named_for_another_county_stops(workspace):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "安吉"))
    err = build_refused(workspace)
    assert err.problem.startswith("the sheet's name ('安吉') names 安吉县, but no row's 县市 cell does: they say "
                                  "建德市")
    assert "rename the sheet (right-click its tab → Rename; e.g. 建德市)" in err.fix


def test_a_title_naming_another_county_stops(workspace):
    def titled(ws):
        ws.insert_rows(1)
        ws["A1"] = "安吉县人才发展主要指标"
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=titled)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell A3"
    assert err.problem.startswith("the title A1 ('安吉县人才发展主要指标') names 安吉县, but no row's 县市 cell does")
    assert "write the title in A1 as 建德市人才发展主要指标, or clear it" in err.fix


def test_a_folder_named_for_another_county_stops(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], name="2023.xlsx")
    (path.parent / "安吉").mkdir()
    path.rename(path.parent / "安吉" / path.name)
    err = build_refused(workspace)
    assert err.problem.startswith("the folder's name ('安吉') names 安吉县, but no row's 县市 cell does")
    command = re.search(r"\((mv [^)]+)\)", err.fix).group(1)
    subprocess.run(shlex.split(command), cwd=paths.PROJECT_ROOT, check=True)
    assert _counties(workspace) == [["jiande", 2023, 12.9]]


def test_places_named_reads_the_configured_names_short_or_long():
    from helpers.extract.name_meaning import places_named
    counties = {"jiande": ("jiande", "建德市", "Jiande"), "anji": ("anji", "安吉县", "Anji")}
    assert places_named("安吉县2023年监测", counties) == ["anji"]
    assert places_named("建德安吉2023", counties) == ["jiande", "anji"]
    assert places_named("ANJI_2023", counties) == ["anji"]
    assert places_named("anjiande 浙江省2023", counties) == []
