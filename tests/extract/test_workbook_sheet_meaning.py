"""What a monitoring sheet says of its figures beyond its rows (issue 18, leftovers): a year in the value column's
header, and a sheet's name saying it holds targets, a draft, estimates or instructions. Both were ignored, exit 0:
`数值（2023年）` over a row whose 年份 is 2024 was read as 2024, and a sheet named 目标 or 2024（草稿） was read as
actuals. Decisions (docs/monitoring.md): each stops the run at its cells, and the advice works either way."""
import openpyxl
import pytest

from support.data_step import build_refused, monitored
from support.workbooks import HEADER, one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]


def _headed(value_header: str) -> list[str]:
    return [value_header if title == "数值" else title for title in HEADER]


def _retitle(path, sheet: str, cell: str, text: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = text
    wb.save(path)


# ----------------------------------------------------------------------------- a year in the value column's header

def test_a_header_year_that_a_row_contradicts_stops_the_run_at_both_cells(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2024, 13.4], [*JIANDE, 2023, 12.9], [*JIANDE, 2022, 12.1]],
                              header=_headed("数值（2023年）"))
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == "sheet 数据, cells E1 and D2"
    assert err.problem.startswith("the header E1 ('数值（2023年）') says the figures below it are for 2023, but the "
                                  "year cell D2 says 2024 (rows with a year the header does not name: 2, 4)")
    assert "take the year out of the header (write 数值 in E1)" in err.fix
    assert "correct the 年份 cells in rows 2, 4" in err.fix
    # the advice, followed one way: the rows' years are right
    _retitle(path, "数据", "E1", "数值")
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2022: 12.1, 2023: 12.9, 2024: 13.4}


def test_the_header_is_right_and_the_years_are_corrected(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2024, 12.9]], header=_headed("数值（2023年）"))
    assert build_refused(workspace).where == "sheet 数据, cells E1 and D2"
    _retitle(path, "数据", "D2", 2023)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


@pytest.mark.parametrize("header", ["数值（2021—2023年）", "数值(2021-2023)", "数值（2021年至2023年）"])
def test_a_header_naming_a_span_of_years_holds_them(workspace, header):
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2023, 12.9]], header=_headed(header))
    assert monitored(workspace)["year"].tolist() == [2021, 2023]
    one_sheet_workbook(workspace, [[*JIANDE, 2021, 11.2], [*JIANDE, 2024, 13.4]], header=_headed(header))
    assert build_refused(workspace).where == "sheet 数据, cells E1 and D3"


@pytest.mark.parametrize("header", ["数值", "数值（万人）", "数值（2023年）"])
def test_a_header_agreeing_with_the_rows_or_naming_no_year_is_read(workspace, header):
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], header=_headed(header))
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


# ----------------------------------------------------------------------------- a sheet named as no actuals

@pytest.mark.parametrize("name, says", [("目标", "targets ('目标')"), ("2024（草稿）", "a draft ('草稿')"),
                                        ("说明", "instructions or examples ('说明')"),
                                        ("Targets 2025", "targets ('target')"),
                                        ("2025年预计", "estimates or forecasts ('预计')")])
def test_a_sheet_named_as_targets_or_a_draft_is_not_read_as_actuals(workspace, name, says):
    def add_sheet(ws):
        sheet = ws.parent.create_sheet(name)
        sheet.append(HEADER)
        sheet.append([*JIANDE, 2024, None])      # (a row without a figure: the refusal names the first figure)
        sheet.append([*JIANDE, 2025, 15.0])
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=add_sheet)
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == f"sheet {name}, cell E3"
    assert err.problem.startswith(f"the sheet's name says it holds {says}, not actual values, but it has the "
                                  "monitoring columns and a figure in E3")
    assert err.fix.startswith("if they are actual values, rename the sheet")
    # the advice, followed: renamed, its figures are read; deleted, the other sheet alone is read
    wb = openpyxl.load_workbook(path)
    wb[name].title = "2025年"
    wb.save(path)
    assert monitored(workspace).set_index("year")["value"].to_dict() == {2023: 12.9, 2025: 15.0}
    del wb["2025年"]
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_such_a_sheet_without_figures_is_passed_over(workspace):
    """A 说明 sheet that repeats the header over example rows without figures gives nothing to read: no refusal."""
    def add_sheet(ws):
        sheet = ws.parent.create_sheet("填报说明")
        sheet.append(HEADER)
        sheet.append([*JIANDE, 2024, "/"])
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=add_sheet)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_the_data_sheet_itself_named_as_a_draft_is_refused_too(workspace):
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", "草稿"))
    assert build_refused(workspace).where == "sheet 草稿, cell E2"
    assert path.exists()
