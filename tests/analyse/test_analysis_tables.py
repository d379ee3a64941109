"""The analysis tables are computed once and read back exactly; readers refuse tables built for anything else;
the report, its figures and the results workbook show what the CSVs hold."""
import json
import subprocess

import numpy as np
import pandas as pd
import pytest

from conftest import resolve_run
from helpers import analyse
from helpers.analyse import figures, tables
from helpers.analyse.trends import fitted_curve
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.report import chapters
from helpers.report.context import load_report_context


@pytest.fixture
def built(workspace):
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    analyse.build_tables(workspace / "processed", workspace / "config")
    return workspace


def _inputs(workspace, **kwargs):
    return analyse.load_inputs(workspace / "processed", workspace / "config", **kwargs)


def test_tables_read_back_exactly_as_computed(built):
    inputs = _inputs(built)
    stored, computed = analyse.read_tables(inputs), analyse.compute_tables(inputs)
    assert list(stored) == [name for name, _ in analyse.TABLES] == ["comparison.csv", "trends.csv", "outlook.csv"]
    for name in stored:
        pd.testing.assert_frame_equal(stored[name], computed[name].replace({None: np.nan}), check_dtype=True)
    record = json.loads((built / "processed" / paths.ANALYSIS_JSON).read_text(encoding="utf-8"))
    assert record["report_year"] == 2020 and record["entities"] == ["jiande", "anji"]
    assert set(record["inputs"]) == {"indicators.csv", "sources.yaml", "catalogue.yaml", "method.yaml"}
    assert record["tables"]["trends.csv"]["rows"] == len(stored["trends.csv"])


def test_trends_hold_the_fitted_line(built):
    trends = analyse.read_tables(_inputs(built))["trends.csv"]
    r = trends.query("entity == 'jiande' and indicator_id == 'talent_total'").iloc[0]
    # 2015 (10.3 / 1.484, derived from the prose) and 2020 (10.3): the exact line through them.
    assert r["trend_scale"] == "log" and r["trend_projection_year"] == 2025
    assert fitted_curve("log", r["trend_intercept"], r["trend_slope"], [2020])[0] == pytest.approx(10.3)
    projected = fitted_curve("log", r["trend_intercept"], r["trend_slope"], [2025])[0]
    assert projected == pytest.approx(r["trend_projection"])


@pytest.mark.parametrize("asked, differs", [({"report_year": 2015}, "asks for 2015"),
                                            ({"entities": "anji"}, "the counties anji")])
def test_refuses_tables_built_for_other_parameters(built, asked, differs):
    with pytest.raises(analyse.TablesDoNotMatch) as info:
        analyse.read_tables(_inputs(built, **asked))
    assert "built for 2020 and the counties jiande, anji" in info.value.problem and differs in info.value.problem
    assert "make analysis YEAR=" in info.value.fix


def test_refuses_tables_built_from_other_inputs(built):
    inputs = _inputs(built)      # (read first: reading them now would refuse the dataset itself, built before)
    catalogue = built / "config" / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(analyse.TablesDoNotMatch, match="another version of catalogue.yaml"):
        analyse.read_tables(inputs)
    with pytest.raises(InputError, match="not built from the inputs as they are now: .*catalogue.yaml"):
        _inputs(built)


def test_refuses_a_table_edited_by_hand_or_missing(built):
    trends = built / "processed" / "trends.csv"
    trends.write_bytes(trends.read_bytes().replace(b"jiande", b"jianDe", 1))
    with pytest.raises(analyse.TablesDoNotMatch, match="changed after the analysis wrote it") as info:
        analyse.read_tables(_inputs(built))
    assert info.value.file.endswith("trends.csv") and "delete it and run `make analysis" in info.value.fix
    trends.unlink()
    with pytest.raises(analyse.TablesDoNotMatch, match="missing"):
        analyse.read_tables(_inputs(built))
    (built / "processed" / paths.ANALYSIS_JSON).unlink()
    with pytest.raises(analyse.TablesDoNotMatch, match="have not been built"):
        analyse.read_tables(_inputs(built))


def test_a_failed_run_keeps_the_previous_tables_and_their_record(built, monkeypatch):
    before = {p.name: p.read_bytes() for p in (built / "processed").iterdir()}
    import helpers.files.outputs

    calls = []

    def failing_write(frame, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        frame.to_csv(path, index=False, encoding="utf-8-sig")

    monkeypatch.setattr(helpers.files.outputs, "write_csv", failing_write)
    from helpers.core.errors import InputError
    with pytest.raises(InputError, match="the disk is full"):      # said in the project's words
        analyse.build_tables(built / "processed", built / "config", entities="anji")
    assert {p.name: p.read_bytes() for p in (built / "processed").iterdir()} == before
    assert analyse.read_tables(_inputs(built))["trends.csv"]["entity"].nunique() == 2


def test_the_report_and_its_figures_show_what_the_tables_hold(built):
    """Change the stored tables (through the writer, so their record is valid): the report follows them,
    which it could not if it recomputed anything."""
    inputs = _inputs(built)
    stored = analyse.read_tables(inputs)
    trends, comparison = stored["trends.csv"], stored["comparison.csv"]
    row = (trends["entity"] == "jiande") & (trends["indicator_id"] == "talent_total")
    trends.loc[row, ["latest_value", "target_value", "required_growth"]] = [11.11, 23.33, 0.4321]
    trends.loc[row, ["trend_projection", "trend_slope"]] = [33.33, 0.25]
    province = ((comparison["comparison"] == "county_vs_province")
                & (comparison["indicator_id"] == "rd_personnel_per_10k"))
    comparison.loc[province, "other_value"] = 77.7
    tables.write_tables(inputs, stored)

    ctx = load_report_context(built / "processed", built / "config")
    figures.use_chinese_style()      # the analysis notebooks' figures (figures.dumbbell below)
    progress_html = chapters.progress.progress_section(ctx)
    assert "43.2%" in progress_html and "11.11" in progress_html and "23.33" in progress_html
    assert "77.7" in chapters.province.province_section(ctx)

    def drawn(figures_and_captions) -> list:
        """Every number a figure draws: its lines' and markers' coordinates."""
        values = []
        for item in figures_and_captions:
            fig = item.drawn if hasattr(item, "drawn") else item[0]
            for ax in fig.axes:
                for line in ax.lines:
                    values += list(line.get_xdata()) + list(line.get_ydata())
                for collection in ax.collections:
                    values += [v for point in collection.get_offsets() for v in point]
        return [round(float(v), 2) for v in values]

    assert 0.48 in set(drawn(chapters.progress.completion_figures(ctx)))          # latest ÷ target = 11.11 ÷ 23.33
    assert {11.11, 23.33, 77.7} <= set(drawn([(figures.dumbbell(ctx.progress, ctx.comparison), "")]))
    intercept = trends.loc[row, "trend_intercept"].iloc[0]
    curves = [line for f in chapters.progress.trend_figures(ctx) for ax in f.drawn.axes for line in ax.lines
              if len(line.get_xdata()) > 2]
    assert any(np.allclose(line.get_ydata(), fitted_curve("log", intercept, 0.25, line.get_xdata()))
               for line in curves), "the trend figure does not draw trends.csv's line"


def test_results_workbook_holds_the_stored_tables(built, tmp_path):
    import openpyxl

    from helpers.run import cli
    out = tmp_path / "results.xlsx"
    resolve_run(built / "processed", built / "config")
    assert cli.main(["results-workbook", str(out), "--processed-dir", str(built / "processed"),
                     "--config-dir", str(built / "config")]) == 0
    sheet = openpyxl.load_workbook(out)["进度"]
    ids = [c.value for c in sheet[2]]                   # the column ids, in a hidden second row
    trends = analyse.read_tables(_inputs(built))["trends.csv"]
    assert set(ids) >= set(trends.columns) and sheet.max_row == len(trends) + 2
    rows = {(r[ids.index("entity")].value, r[ids.index("indicator_id")].value): r[ids.index("required_growth")].value
            for r in sheet.iter_rows(min_row=3)}
    for r in trends.itertuples():                       # (openpyxl stores 16 significant digits)
        expected = None if pd.isna(r.required_growth) else pytest.approx(r.required_growth, rel=1e-15)
        assert rows[(r.entity, r.indicator_id)] == expected


def test_makefile_lists_the_tables_the_analysis_writes():
    shown = subprocess.run(["make", "-s", "--no-print-directory", "--eval",
                            "show-analysis-tables: ; @echo $(notdir $(ANALYSIS_TABLES))", "show-analysis-tables"],
                           cwd=paths.PROJECT_ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert shown == [name for name, _ in analyse.TABLES], (
        "the Makefile's ANALYSIS_TABLES must name the tables in helpers.analyse.tables.TABLES")


def test_the_report_never_recomputes_the_analysis():
    """The report stage reads the tables; it must not call the functions that compute them (nor refit a trend)."""
    import ast
    computing = {"fit_trend", *(function.__name__ for _, function in analyse.TABLES)}
    for path in sorted((paths.PROJECT_ROOT / "src" / "helpers" / "report").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        used |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        used |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
        assert not used & computing, f"{path.name} recomputes {used & computing}: read helpers.analyse.read_tables"
