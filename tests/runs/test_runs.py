"""`make report` as a user runs it, in a folder whose name has spaces, Chinese, parentheses, # and :, with
a monitoring workbook named as an analyst on Windows names it. Parameters are checked before anything is
built; a stopped or failed run keeps the last good state. The tests share one copy of the project and run
in order (each full report costs seconds): the first builds the report that the later ones start from, and
the ones that change the data come last."""
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import JIANDE, ProjectCopy
from support.workbooks import fill, template

WORKBOOK = "2021年 监测数据.xlsx"
YEARLY = ["04_report_2021_zh.ipynb", "talent-plan-brief_2021_zh.html", "talent-plan-brief_2021_zh.pdf",
          "talent-plan-report_2021_zh.html", "talent-plan-report_2021_zh.pdf", "talent-plan-results_2021_zh.xlsx"]

pytestmark = pytest.mark.skipif(not any(__import__("shutil").which(c) for c in ("chromium", "chromium-browser")),
                                reason="Chromium is installed by `make setup`")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> ProjectCopy:
    root = tmp_path_factory.mktemp("any-name") / "a b 测试 (#1:x)"
    root.mkdir()
    copy = ProjectCopy(root)
    monitoring = root / "data" / "raw" / "monitoring"
    fill(template(monitoring / WORKBOOK, root / "config"),
          [{"county": "建德市", "indicator": "人才资源总量", "year": 2021, "value": 11.2},
           {"county": "安吉县", "indicator": "人才资源总量", "year": 2021, "value": 15.3}])
    return copy


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


def _hidden(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*") if ".partial" in p.name or ".staging-" in p.name]


def test_make_report_works_in_a_folder_with_any_name(project):
    result = project.make("report")
    assert result.returncode == 0, result.stderr
    reports = project.root / "reports" / "2021"
    assert sorted(_files(reports)) == sorted(YEARLY)
    indicators = pd.read_csv(project.root / "data" / "processed" / "indicators.csv", encoding="utf-8-sig")
    from_workbook = indicators[indicators["source_file"].str.endswith(WORKBOOK)]
    assert sorted(from_workbook["value"]) == [11.2, 15.3]
    assert "unrecognized arguments" not in result.stderr and "No rule to make target" not in result.stderr


def test_nothing_to_do_when_nothing_changed(project):
    reports = project.root / "reports" / "2021"
    before = {p.name: p.stat().st_mtime_ns for p in reports.iterdir()}
    result = project.make("report")
    assert result.returncode == 0, result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in reports.iterdir()} == before
    assert "helpers run" not in result.stdout and "helpers publish" not in result.stdout


@pytest.mark.parametrize("variables, words", [
    (["YEAR=abc"], "error: YEAR=abc is not a year"),
    (["YEAR=2030"], "error: YEAR=2030 has no data: the counties have actual values for 2015, 2020, 2021 only"),
    (["YEAR=2019", "ENTITIES=jiande"], "error: YEAR=2019 has no data"),
    (["ENTITIES=anjii"], "Did you mean anji (安吉县)?"),
    (["ENTITIES=foo"], "'foo' is not a county"),
    (["LANG=fr"], "error: LANG=fr is not a report language"),
    (["DOCUMENTS=boss"], "error: DOCUMENTS=boss: 'boss' is not a document"),
    (["YEAR=2020'"], "error: YEAR=2020' is not a year"),
])
def test_a_bad_parameter_is_one_line_exit_2_and_leaves_nothing_behind(project, variables, words):
    """As the README says: our one line, then make's own (`make: *** [...] Error 1`), and make's exit status 2."""
    reports = project.root / "reports"
    before = sorted(p.relative_to(reports) for p in reports.rglob("*"))
    result = project.make("report", *variables)
    assert result.returncode == 2 and words in result.stderr
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(ours) == 1 and ours[0].startswith("error: "), result.stderr
    theirs = [line for line in result.stderr.splitlines() if line.startswith("make")]
    # A mistyped value stops the first step (.inputs.json); a year without data, the step that works out the run.
    step = "run.json" if "has no data" in words else ".inputs.json"
    assert len(theirs) == 1 and re.fullmatch(rf"make: \*\*\* \[Makefile:\d+: data/processed/{re.escape(step)}\] "
                                             r"Error 1", theirs[0]), result.stderr
    assert "Traceback" not in result.stderr and "helpers run" not in result.stdout
    assert sorted(p.relative_to(reports) for p in reports.rglob("*")) == before   # no reports/abc, no workbook


def test_a_subset_report_has_its_own_name_and_the_yearly_report_stays(project):
    reports = project.root / "reports" / "2021"
    yearly = _files(reports)
    result = project.make("report", "ENTITIES=jiande")
    assert result.returncode == 0, result.stderr
    now = _files(reports)
    assert {n: now[n] for n in YEARLY} == yearly
    assert sorted(set(now) - set(yearly)) == ["04_report_2021_zh_jiande.ipynb",
                                              "talent-plan-brief_2021_zh_jiande.html",
                                              "talent-plan-brief_2021_zh_jiande.pdf",
                                              "talent-plan-report_2021_zh_jiande.html",
                                              "talent-plan-report_2021_zh_jiande.pdf",
                                              "talent-plan-results_2021_zh_jiande.xlsx"]
    html = (reports / "talent-plan-report_2021_zh_jiande.html").read_text(encoding="utf-8")
    assert "建德市" in html and "安吉县" not in html
    # The yearly report is rebuilt if the shared analysis tables changed for the subset, and stays the
    # yearly report: both counties, under its own name.
    result = project.make("report")
    assert result.returncode == 0, result.stderr
    yearly_html = (reports / "talent-plan-report_2021_zh.html").read_text(encoding="utf-8")
    assert "建德市" in yearly_html and "安吉县" in yearly_html
    for name in set(now) - set(yearly):
        (reports / name).unlink()


def _start(project: ProjectCopy, target: str) -> subprocess.Popen:
    """`make target` as a terminal starts it: in its own process group, Ctrl-C not ignored."""
    def default_signals():
        signal.signal(signal.SIGINT, signal.SIG_DFL)   # a background shell may have left it ignored
        os.setsid()
    return project.make(target, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_signals)


def _wait_for(proc: subprocess.Popen, when) -> None:
    deadline = time.monotonic() + 120
    while not when() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"


def _report_step(proc: subprocess.Popen):
    """The report step's process (python -m helpers report), once make has started it."""
    import psutil
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            command = child.cmdline()
        except psutil.Error:
            continue
        if "helpers" in command and "report" in command:
            return child
    return None


def _report_kernel_runs(proc: subprocess.Popen):
    """True once the report step's kernel runs the report notebook."""
    import psutil

    def runs() -> bool:
        step = _report_step(proc)
        try:
            return step is not None and any("ipykernel_launcher" in " ".join(c.cmdline()) for c in step.children())
        except psutil.Error:
            return False
    return runs


def _report_printing(project: ProjectCopy):
    """True once the report step has written a document's HTML, not yet published (it prints its PDF now)."""
    return lambda: any(p.suffix == ".html" for p in _hidden(project.root / "reports"))


def test_a_killed_report_run_keeps_the_last_report_and_its_leftovers_go_next_time(project):
    reports = project.root / "reports" / "2021"
    before = _files(reports)
    os.utime(project.root / "notebooks" / "04_report.ipynb")
    proc = _start(project, "report")
    _wait_for(proc, _report_printing(project))
    _report_step(proc).kill()                           # SIGKILL: no clean-up of its own
    proc.communicate(timeout=120)
    assert proc.returncode != 0 and _files(reports) == before
    assert _hidden(project.root / "reports")              # what it left: the next run removes it (below)


def test_a_failing_report_replaces_nothing_and_says_so(project):
    reports = project.root / "reports" / "2021"
    before = _files(reports)
    notebook = project.root / "notebooks" / "04_report.ipynb"
    original = notebook.read_text(encoding="utf-8")
    broken = json.loads(original)
    broken["cells"].append({"cell_type": "code", "execution_count": None, "id": "late-failure",
                            "metadata": {"tags": ["report"]}, "outputs": [],
                            "source": ["raise RuntimeError('late failure')"]})
    notebook.write_text(json.dumps(broken), encoding="utf-8")
    try:
        result = project.make("report")
    finally:
        notebook.write_text(original, encoding="utf-8")
    assert result.returncode != 0 and "late failure" in result.stderr and "Traceback" not in result.stderr
    assert "Nothing was replaced" in result.stderr
    assert _files(reports) == before                    # not even the results workbook
    assert _hidden(project.root) == []                  # and the killed run's leftovers are gone


def test_sigterm_while_the_report_is_built_keeps_every_file_of_the_last_report(project):
    reports = project.root / "reports" / "2021"
    before = _files(reports)
    os.utime(project.root / "notebooks" / "04_report.ipynb")
    proc = _start(project, "report")
    _wait_for(proc, _report_kernel_runs(proc))
    os.kill(proc.pid, signal.SIGTERM)                   # to make, which passes it on
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and "Traceback" not in err and "Deleting file" not in err
    assert "interrupted. Nothing was replaced" in err
    assert _files(reports) == before and _hidden(project.root) == []


def test_ctrl_c_while_the_data_step_runs_keeps_the_processed_data(project):
    """Ctrl-C once the data step has written the new data and is still running: make would delete indicators.csv
    (its time changed during the stopped recipe) were it not precious. The data notebook waits there (a cell added
    at its end, in this copy), so that the Ctrl-C comes at that moment, every time: it used to be sent 3 s in, or
    as the data appeared, which under load also hit the start of the next step, or make between two steps."""
    indicators = project.root / "data" / "processed" / "indicators.csv"
    before = indicators.read_bytes()
    notebook = project.root / "notebooks" / "01_data.ipynb"
    original = notebook.read_text(encoding="utf-8")
    written = project.root / "data-written"
    waiting = json.loads(original)
    waiting["cells"].append({"cell_type": "code", "execution_count": None, "id": "wait-here", "metadata": {},
                             "outputs": [], "source": ["import pathlib, time\n",
                                                       f"pathlib.Path({str(written)!r}).touch()\n",
                                                       "time.sleep(600)"]})
    notebook.write_text(json.dumps(waiting), encoding="utf-8")        # (the data step must run again)
    mtime = indicators.stat().st_mtime_ns
    try:
        proc = _start(project, "report")
        _wait_for(proc, written.exists)
        assert indicators.stat().st_mtime_ns != mtime                   # the new data are written
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        notebook.write_text(original, encoding="utf-8")
        written.unlink(missing_ok=True)
    assert proc.returncode != 0
    assert indicators.exists() and "Deleting file" not in err
    assert indicators.read_bytes() == before            # complete, the same data
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    ours = [line for line in err.splitlines() if not line.startswith("make")]
    assert len(ours) == 1 and ours[0].startswith("interrupted. "), err


def test_changed_workbooks_with_any_name_are_noticed(project):
    monitoring = project.root / "data" / "raw" / "monitoring"
    workbook = monitoring / WORKBOOK
    saved, stat = workbook.read_bytes(), workbook.stat()
    # Saved again with a new value, its time unchanged; and a macro workbook (.xlsm) with : # ( ) in its name.
    fill(workbook, [{"county": "建德市", "indicator": "人才资源总量", "year": 2022, "value": 11.9}])
    os.utime(workbook, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    macro = monitoring / "监测: 2023 # (1).xlsm"
    fill(template(macro, project.root / "config"),
          [{"county": "安吉县", "indicator": "人才资源总量", "year": 2023, "value": 16.0}])
    try:
        result = project.make("data")
        assert result.returncode == 0, result.stderr
        indicators = pd.read_csv(project.root / "data" / "processed" / "indicators.csv", encoding="utf-8-sig")
        assert {2022: 11.9, 2023: 16.0}.items() <= dict(zip(indicators["year"], indicators["value"])).items()
    finally:
        workbook.write_bytes(saved)
        macro.unlink()


def test_a_deleted_plan_stops_the_run_and_keeps_the_data(project):
    plan = project.root / "data" / "raw" / JIANDE
    text = plan.read_bytes()
    indicators = project.root / "data" / "processed" / "indicators.csv"
    before = indicators.read_bytes()
    plan.unlink()
    try:
        result = project.make("report")
        assert result.returncode != 0
        assert f"data/raw/{JIANDE}: the raw plan document is missing" in result.stderr
        assert "Traceback" not in result.stderr and indicators.read_bytes() == before
    finally:
        plan.write_bytes(text)
