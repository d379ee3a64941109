"""Yearly monitoring workbooks: template, round trip through the pipeline, and every validation error."""
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers import analyse
from helpers.core.config import load_catalogue, load_sources
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.monitoring import DATA_SHEET
from helpers.report import chapters
from helpers.report.context import load_report_context
from support.notes import said
from support.workbooks import drop, template


def _build(workspace: Path):
    return dataset.build(workspace / "raw", workspace / "config")


def test_template_lists_every_indicator_for_each_county_with_validations(tmp_path):
    path = template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明" and DATA_SHEET in wb.sheetnames
    ws = wb[DATA_SHEET]
    assert [ws.cell(1, c).value for c in range(1, 9)] == ["县市", "指标", "单位", "年份", "数值", "比较符", "来源",
                                                          "备注"]
    assert ws.freeze_panes == "A2"
    catalogue, sources = load_catalogue(), load_sources()
    assert ws.max_row - 1 == len(catalogue.indicators) * len(sources.plans)
    assert ws.cell(2, 1).value == "建德市" and ws.cell(2, 2).value == "人才资源总量" and ws.cell(2, 3).value == "万人"
    validated = {str(dv.sqref).split(":")[0] for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert {"A2", "B2", "D2", "F2"} <= validated       # county, indicator, year, comparator


YEARS = {2021: 11.2, 2022: 12.1, 2023: 12.9}


def test_round_trip_monitoring_feeds_trend_and_report(workspace):
    drop(workspace, "建德2021-2023年监测.xlsx", [
        {"county": "建德市", "indicator": "人才资源总量", "year": y, "value": v, "source": "统计年鉴"}
        for y, v in YEARS.items()])
    ds = _build(workspace)
    rows = ds.indicators.query("entity == 'jiande' and indicator_id == 'talent_total' and origin == 'monitoring'")
    assert rows["year"].tolist() == [2021, 2022, 2023] and rows["value"].tolist() == list(YEARS.values())
    assert rows["source_file"].str.endswith("建德2021-2023年监测.xlsx").all()
    assert rows["source_sheet"].eq(DATA_SHEET).all() and rows["source_cell"].str.match(r"E\d+$").all()

    dataset.write(ds, workspace / "processed")
    inputs = analyse.load_inputs(workspace / "processed", workspace / "config")
    assert inputs.report_year == 2023
    progress = analyse.progress_table(inputs)
    row = progress.query("entity == 'jiande' and indicator_id == 'talent_total'").iloc[0]
    # fitted from the plan's base year: 2020 (the table's 10.3) and 2021–2023; 2015, from the prose, is before it
    assert row["trend_n_obs"] == 4 and row["trend_method"].startswith("log-linear OLS")
    assert row["trend_pi_lower"] < row["trend_projection"] < row["trend_pi_upper"]      # an interval appears
    assert 0 <= row["trend_probability_meets_target"] <= 1
    assert row["latest_year"] == 2023 and row["latest_value"] == 12.9

    analyse.build_tables(workspace / "processed", workspace / "config")
    ctx = load_report_context(workspace / "processed", workspace / "config")
    sources_html = chapters.appendices.sources_section(ctx)
    assert "建德2021-2023年监测.xlsx" in sources_html and "12.9" in sources_html
    assert "12.9" in chapters.progress.progress_section(ctx) and "12.9" in chapters.progress.progress_brief(ctx)


def _error(workspace, rows, name="m.xlsx") -> InputError:
    path = drop(workspace, name, rows)
    with pytest.raises(InputError) as info:
        _build(workspace)
    err = info.value
    assert err.file.endswith(path.name) and f"sheet {DATA_SHEET}, cell" in str(err.where)
    return err


def test_unknown_county(workspace):
    err = _error(workspace, [{"county": "建德", "indicator": "人才资源总量", "year": 2021, "value": 11}])
    assert re.search(r"cell A\d+", err.where) and "unknown county" in err.problem and "建德市" in err.problem


def test_typo_in_indicator_gets_a_suggestion(workspace):
    err = _error(workspace, [{"county": "建德市", "indicator": "人才资源总亮", "year": 2021, "value": 11}])
    assert re.search(r"cell B\d+", err.where) and "Did you mean '人才资源总量'" in err.problem


def test_value_that_is_not_a_number(workspace):
    err = _error(workspace, [{"county": "建德市", "indicator": "人才资源总量", "year": 2021, "value": "约11万"}])
    assert re.search(r"cell E\d+", err.where) and "not a number" in err.problem


def test_unit_not_matching_the_catalogue(workspace):
    err = _error(workspace, [{"county": "建德市", "indicator": "人才资源总量", "year": 2021, "value": 110000,
                              "unit": "人"}])
    assert re.search(r"cell C\d+", err.where) and "does not match the catalogue unit 万人" in err.problem


def test_year_outside_range(workspace):
    err = _error(workspace, [{"county": "建德市", "indicator": "人才资源总量", "year": 2014, "value": 11}])
    assert re.search(r"cell D\d+", err.where) and "between 2015 and 2030" in err.problem


def test_percentage_above_100(workspace):
    err = _error(workspace, [{"county": "安吉县", "indicator": "高技能人才占技能劳动者比例", "year": 2021,
                              "value": 130}])
    assert re.search(r"cell E\d+", err.where) and "between 0 and 100" in err.problem


def test_same_observation_in_two_files_with_different_values(workspace):
    drop(workspace, "a.xlsx", [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.2}])
    err = _error(workspace, [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.9}],
                 name="b.xlsx")
    assert "15.9 here but 15.2 in" in err.problem and "a.xlsx" in err.problem


@pytest.mark.parametrize("second", [12.95, 12.91, 12.9001])
def test_values_that_differ_by_less_than_half_a_percent_still_contradict_each_other(workspace, second):
    """Was: 12.9 and 12.95 (0.4% apart) counted as the same, and the first file's 12.9 kept without a word."""
    drop(workspace, "a.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2023, "value": 12.9}])
    err = _error(workspace, [{"county": "建德市", "indicator": "人才资源总量", "year": 2023, "value": second}],
                 name="b.xlsx")
    assert f"{second:g} here but 12.9 in" in err.problem and "a.xlsx" in err.problem


@pytest.mark.parametrize("first, second, said", [
    (None, ">", "is more than (>) 14.6 here but exactly 14.6 in"),
    (">=", None, "is exactly 14.6 here but at least (>=) 14.6 in"),
    (">", ">=", "is at least (>=) 14.6 here but more than (>) 14.6 in")])
def test_the_same_figure_with_different_comparators_says_the_comparators_differ(workspace, first, second, said):
    """Was: "is 14.6 here but 14.6 in …", the two cells' difference (their 比较符) unsaid."""
    drop(workspace, "a.xlsx", [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021,
                                "value": 14.6, **({"comparator": first} if first else {})}])
    err = _error(workspace, [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 14.6,
                              **({"comparator": second} if second else {})}], name="b.xlsx")
    assert said in err.problem and "a.xlsx" in err.problem
    assert "the same figure with different comparators (比较符)" in err.problem
    assert "比较符" in err.fix


def test_different_figures_with_different_comparators_show_each_comparator(workspace):
    drop(workspace, "a.xlsx", [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.2,
                                "comparator": ">"}])
    err = _error(workspace, [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.9}],
                 name="b.xlsx")
    assert "is exactly 15.9 here but more than (>) 15.2 in" in err.problem
    assert "different comparators" not in err.problem


def test_a_formula_result_equal_but_for_floating_point_is_the_same_value(workspace):
    drop(workspace, "a.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2023, "value": 12.9}])
    drop(workspace, "b.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2023,
                                "value": 12.899999999999999}])
    assert _build(workspace).indicators.query("origin == 'monitoring'")["value"].tolist() == [12.9]


def test_same_observation_twice_with_the_same_value_is_kept_once(workspace):
    drop(workspace, "a.xlsx", [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.2}])
    drop(workspace, "b.xlsx", [{"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.2}])
    rows = _build(workspace).indicators.query("entity == 'anji' and year == 2021")
    assert len(rows) == 1 and "b.xlsx" in said(rows.iloc[0])


def test_monitoring_value_contradicting_the_plan_is_a_consistency_finding(workspace):
    # The same observation (建德 人才资源总量 2020) from the plan's table (10.3, line 48) and a workbook (10.9):
    # the plan's figure is kept and the difference is reported, as for prose against table.
    drop(workspace, "m.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2020, "value": 10.9}])
    ds = _build(workspace)
    kept = ds.indicators.query("entity == 'jiande' and indicator_id == 'talent_total' and year == 2020")
    assert kept["value"].tolist() == [10.3] and kept["origin"].tolist() == ["table"]
    assert "m.xlsx, sheet 数据, cell E" in said(kept.iloc[0])
    finding = dataset.in_words(ds)["consistency"].query("check == 'same_observation'").iloc[0]
    assert (finding["table_value"], finding["prose_value"], finding["year"]) == (10.3, 10.9, 2020)
    assert finding["table_line"] == 48 and finding["prose_file"].endswith("m.xlsx")
    assert "采用前者" in finding["explanation_zh"]


def test_monitoring_value_agreeing_with_the_plan_confirms_it(workspace):
    drop(workspace, "m.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2020, "value": 10.3}])
    ds = _build(workspace)
    kept = ds.indicators.query("entity == 'jiande' and indicator_id == 'talent_total' and year == 2020")
    assert len(kept) == 1 and "confirmed by" in said(kept.iloc[0])
    assert ds.consistency.query("check == 'same_observation'").empty


def test_nothing_is_written_when_validation_fails(workspace):
    processed = workspace / "processed"
    (processed / "indicators.csv").write_text("previous", encoding="utf-8")
    drop(workspace, "m.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2041, "value": 11}])
    with pytest.raises(InputError):
        dataset.write(_build(workspace), processed)
    assert (processed / "indicators.csv").read_text(encoding="utf-8") == "previous"


def _formula_workbook(workspace: Path, cached: str | None) -> Path:
    path = drop(workspace, "f.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2021,
                                         "value": "=10+1.2"}])
    if cached is not None:
        # openpyxl cannot compute formulas: add the cached result Excel would have stored, and clear the request
        # to recalculate on opening (fullCalcOnLoad, which openpyxl sets), as a program that computed them does
        # (LibreOffice drops it when it saves; ECMA-376 has the program clear it once it has recalculated).
        tmp = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename.startswith("xl/worksheets/") and b"<f>10+1.2</f>" in data:
                    data = data.replace(b"<f>10+1.2</f><v></v>", b"<f>10+1.2</f><v>" + cached.encode() + b"</v>")
                    data = data.replace(b"<f>10+1.2</f><v />", b"<f>10+1.2</f><v>" + cached.encode() + b"</v>")
                    if b"<v>" + cached.encode() not in data:
                        data = data.replace(b"<f>10+1.2</f>", b"<f>10+1.2</f><v>" + cached.encode() + b"</v>")
                if item.filename == "xl/workbook.xml":
                    data = data.replace(b' fullCalcOnLoad="1"', b"")
                dst.writestr(item, data)
        shutil.move(tmp, path)
    return path


def test_formula_is_read_by_its_value(workspace):
    _formula_workbook(workspace, cached="11.2")
    rows = _build(workspace).indicators.query("origin == 'monitoring'")
    assert rows["value"].tolist() == [11.2]


def test_formula_without_a_cached_value_is_an_error(workspace):
    _formula_workbook(workspace, cached=None)
    with pytest.raises(InputError) as info:
        _build(workspace)
    assert "no computed value" in info.value.problem and re.search(r"cell E\d+", info.value.where)
    assert info.value.problem == "the cell holds the formula =10+1.2 but no computed value"   # (named, as on main)


def test_text_starting_like_a_formula_stays_text_in_every_workbook(workspace, tmp_path):
    drop(workspace, "m.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": 2021, "value": 11,
                                 "source": "=HYPERLINK(\"http://x\",\"click\")", "note": "@SUM(A1:A9)"}])
    ds = _build(workspace)
    dataset.write(ds, workspace / "processed")
    sheet = openpyxl.load_workbook(workspace / "processed" / "indicators.xlsx")["指标数据 indicators"]
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert texts and all(c.data_type == "s" for c in texts)


def test_results_workbook(workspace):
    from helpers.report.results_workbook import write_results
    drop(workspace, "m.xlsx", [{"county": "建德市", "indicator": "人才资源总量", "year": y, "value": v}
                                for y, v in YEARS.items()])
    dataset.write(_build(workspace), workspace / "processed")
    analyse.build_tables(workspace / "processed", workspace / "config")
    inputs = analyse.load_inputs(workspace / "processed", workspace / "config")
    path = write_results(inputs, analyse.read_tables(inputs), workspace / "out" / "results.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["指标数据", "比较", "进度", "终期评估", "展望"]
    ws = wb["进度"]
    assert ws.freeze_panes == "A3"
    # Headers in the report's language, key columns first; the column ids in a hidden second row.
    assert [ws.cell(1, c).value for c in range(1, 6)] == ["县市", "指标", "单位", "最新年份", "最新实际"]
    assert ws.row_dimensions[2].hidden
    header = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    assert header["progress_category"] < 10
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.print_title_rows
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, header["entity"]).value == "jiande"
               and ws.cell(r, header["indicator_id"]).value == "talent_total")
    from helpers.analyse.growth import CATEGORIES, category_label
    from helpers.core.style import LIGHTS
    code = {category_label(c, "zh"): c for c in CATEGORIES}     # the category in words, coloured as its code
    category = ws.cell(row, header["progress_category"])
    assert category.fill.fgColor.rgb.upper().endswith(LIGHTS[code[category.value]].lstrip("#").upper())
    other = ws.cell(row + 1, header["progress_category"])
    assert other.fill.fgColor.rgb.upper().endswith(LIGHTS[code[other.value]].lstrip("#").upper())
    assert ws.cell(row, header["required_growth"]).number_format == "0.0%"
    assert ws.column_dimensions["A"].width >= 8
