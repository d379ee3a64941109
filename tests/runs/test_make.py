"""`make report` as users run it: the data flows one way (raw -> processed -> reports), the report shows the
analysis tables it leaves in data/processed/, and touching a helper rebuilds exactly the steps that use it."""
import re
import subprocess

import pandas as pd
import pytest

from conftest import make
from helpers.core import paths
from helpers.files.processed import read_processed

# The report step executes the report notebook and renders its documents, in one process.
DATA_STEP, ANALYSIS_STEP = "notebooks/01_data.ipynb", "helpers analyse"
REPORT_STEP = "helpers report notebooks/04_report.ipynb"


def test_make_report_leaves_the_analysis_tables_and_shows_their_figures(made_report):
    processed = made_report["folders"]["PROCESSED_DIR"]
    for name in ("comparison.csv", "trends.csv", "outlook.csv", "analysis.json"):
        assert (processed / name).exists(), name
    trends = read_processed(processed, "trends.csv")
    html = (made_report["root"] / "reports" / "2020" / "talent-plan-report_2020_zh.html").read_text(encoding="utf-8")
    # (the analysts' report: its progress table lists every series)
    text = re.sub(r"<[^>]+>", " ", html)
    assessed = trends.dropna(subset=["required_growth", "historical_growth"])
    assessed = assessed[assessed["growth_method"] == "compound annual growth rate"]
    assert len(assessed) >= 4
    for row in assessed.itertuples():       # every growth rate in the progress table is the CSV's
        assert f"{row.required_growth:.1%}" in text and f"{row.historical_growth:.1%}" in text, row.indicator_id
    pdf = made_report["root"] / "reports" / "2020" / "talent-plan-report_2020_zh.pdf"
    pdf_text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    assert f"{assessed.iloc[0].required_growth:.1%}" in pdf_text


def test_no_step_prints_the_kernel_tcp_warning(made_report):
    run = made_report["run"]
    assert "Kernel is running over TCP" not in run.stdout + run.stderr


def test_the_analysis_runs_once_before_the_report(made_report):
    out = made_report["run"].stdout
    assert out.count(ANALYSIS_STEP) == 1 and out.index(ANALYSIS_STEP) < out.index(REPORT_STEP)
    for name in ("02_comparison", "03_growth"):        # the analysts' notebooks are not on the report's path
        assert name not in out


def _would_run(made_report, touched: str) -> str:
    """What `make report` would run if `touched` had just been edited (make -n -W: nothing is changed)."""
    run = make("-n", "-W", touched, "report", **made_report["folders"])
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_nothing_changed_nothing_runs(made_report):
    dry = make("-n", "report", **made_report["folders"]).stdout
    assert "helpers run" not in dry and ANALYSIS_STEP not in dry and REPORT_STEP not in dry
    assert "results-workbook" not in dry


@pytest.mark.parametrize("helper, runs, skips", [
    ("src/helpers/extract/tables.py", [DATA_STEP, ANALYSIS_STEP, REPORT_STEP], []),
    ("src/helpers/extract/monitoring.py", [DATA_STEP], []),
    ("src/helpers/analyse/comparison.py", [ANALYSIS_STEP, REPORT_STEP, "results-workbook"], [DATA_STEP]),
    ("src/helpers/report/chapters/progress.py", [REPORT_STEP], [DATA_STEP, ANALYSIS_STEP, "results-workbook"]),
    ("src/helpers/report/results_workbook.py", ["results-workbook"], [DATA_STEP, ANALYSIS_STEP, REPORT_STEP]),
    ("src/helpers/report/render.py", [REPORT_STEP], [DATA_STEP, ANALYSIS_STEP, "results-workbook"]),
    ("templates/offline_report/report.css", [REPORT_STEP], [DATA_STEP, ANALYSIS_STEP, "results-workbook"]),
    # number formats: the data notebook's tables (its views) and the report show numbers alike
    ("src/helpers/core/formatting.py", [DATA_STEP, REPORT_STEP], []),
    ("src/helpers/run/environment.py", [], [DATA_STEP, ANALYSIS_STEP, REPORT_STEP, "results-workbook"]),  # set-up
])
def test_touching_a_helper_rebuilds_the_steps_that_use_it(made_report, helper, runs, skips):
    dry = _would_run(made_report, helper)
    for step in runs:
        assert step in dry, f"touching {helper} should rerun {step}"
    for step in skips:
        assert step not in dry, f"touching {helper} should not rerun {step}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rewording_a_report_title_rebuilds_only_the_report(made_report, lang):
    """The report's titles are in its own wording file (helpers/report/wording/), which only the report notebook
    reads: rewording one reruns the report and its rendering, never the data, the analysis or the workbook."""
    import yaml

    from helpers.report import wording
    words = wording.FOLDER / f"{lang}.yaml"
    assert "title" in yaml.safe_load(words.read_text(encoding="utf-8"))["report"]
    dry = _would_run(made_report, str(words.relative_to(paths.PROJECT_ROOT)))
    assert REPORT_STEP in dry
    for step in (DATA_STEP, ANALYSIS_STEP, "results-workbook"):
        assert step not in dry, f"rewording a report title should not rerun {step}"


def test_the_run_is_worked_out_once_and_every_later_step_reads_it(made_report):
    """No step after `resolve` gets YEAR, ENTITIES or LANG: they read run.json. There is no second make."""
    out = made_report["run"].stdout
    assert out.count("the run: 2020, jiande, anji, zh, brief and report") == 1     # what `resolve` says
    assert out.index(DATA_STEP) < out.index("the run: ") < out.index(ANALYSIS_STEP)
    for line in out.splitlines():
        if "helpers analyse" in line or "helpers run" in line or "results-workbook" in line or REPORT_STEP in line:
            assert "--year" not in line and "report_year" not in line and "--lang" not in line, line
    assert "make[1]" not in out and "make --no-print-directory" not in out


def test_the_latest_year_given_or_not_is_the_same_run(made_report):
    """`make report` and `make report YEAR=<latest>` write the same run.json, so nothing reruns."""
    dry = make("-n", "report", YEAR="2020", **made_report["folders"]).stdout
    assert "helpers run" not in dry and ANALYSIS_STEP not in dry and REPORT_STEP not in dry


def test_the_analysis_reruns_when_its_parameters_change(made_report):
    dry = make("-n", "report", ENTITIES="anji", **made_report["folders"]).stdout
    assert ANALYSIS_STEP in dry and "--entities 'anji'" in dry and DATA_STEP not in dry
    dry = make("-n", "report", **made_report["folders"]).stdout           # back to the defaults
    assert ANALYSIS_STEP in dry


def test_stored_tables_equal_a_fresh_computation(made_report):
    """The report's tables are the analysis step's, not a second computation that could drift."""
    from helpers import analyse
    folders = made_report["folders"]
    inputs = analyse.load_inputs(folders["PROCESSED_DIR"], folders["CONFIG_DIR"])
    stored, fresh = analyse.read_tables(inputs), analyse.compute_tables(inputs)
    for name in stored:
        pd.testing.assert_frame_equal(stored[name], fresh[name])


def test_the_makefile_and_the_run_name_the_built_files_alike():
    """The report is built under fixed names (the Makefile's) and published under the run's (helpers.run.parameters)."""
    run = subprocess.run(["make", "-s", "--no-print-directory", "--eval",
                          "show: ; @echo $(notdir $(REPORT_NOTEBOOK) $(RESULTS))", "show"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.split() == [paths.BUILT_NOTEBOOK, paths.BUILT_RESULTS]


def test_the_template_goes_into_reports_dir(tmp_path):
    """Was (redteam5): `make template REPORTS_DIR=…` wrote reports/monitoring-template.xlsx, replacing the project's
    own, the one step that did not follow REPORTS_DIR."""
    own = paths.REPORTS_DIR / paths.MONITORING_TEMPLATE
    before = own.stat().st_mtime_ns if own.exists() else None
    run = make("template", REPORTS_DIR=tmp_path / "out")
    assert run.returncode == 0, run.stdout + run.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [paths.MONITORING_TEMPLATE]
    assert (own.stat().st_mtime_ns if own.exists() else None) == before
