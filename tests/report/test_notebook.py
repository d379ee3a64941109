"""The data notebook runs under papermill as `make data` runs it; bad input gives a message, not a traceback."""
import subprocess
import sys
from pathlib import Path

import pandas as pd

from conftest import JIANDE, resolve_run
from helpers.core import paths
from helpers.extract.manifest import write_manifest

NOTEBOOK = paths.NOTEBOOKS_DIR / "01_data.ipynb"


def _run(workspace: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", "run", str(NOTEBOOK), str(out),
         "-p", "raw_dir", str(workspace / "raw"), "-p", "processed_dir", str(workspace / "processed"),
         "-p", "config_dir", str(workspace / "config")],
        capture_output=True, text=True, timeout=300)


def test_notebook_builds_the_processed_data(workspace):
    out = workspace / "executed" / "01_data.ipynb"
    result = _run(workspace, out)
    assert result.returncode == 0, result.stderr
    indicators = pd.read_csv(workspace / "processed" / "indicators.csv", encoding="utf-8-sig")
    assert len(indicators) > 90 and out.exists()
    executed = out.read_text(encoding="utf-8")
    assert "40周岁以下大学生人数" in executed and "unit_fixed" in executed


def test_notebook_failure_is_a_clear_message_and_keeps_previous_outputs(workspace):
    out = workspace / "executed" / "01_data.ipynb"
    assert _run(workspace, out).returncode == 0
    before = (workspace / "processed" / "indicators.csv").read_bytes()
    notebook_before = out.read_bytes()

    raw = workspace / "raw" / JIANDE
    lines = raw.read_text(encoding="utf-8").split("\n")
    raw.write_text("\n".join(lines[:47] + ["\t十点三"] + lines[48:]), encoding="utf-8")
    write_manifest(workspace / "raw")
    result = _run(workspace, out)

    assert result.returncode == 1
    assert f"{JIANDE}, line 48" in result.stderr and "not a number" in result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert (workspace / "processed" / "indicators.csv").read_bytes() == before
    assert out.read_bytes() == notebook_before
    assert not list(out.parent.glob(".*partial*"))


def test_analysis_notebooks_show_the_stored_tables_and_compute_others_without_writing(workspace):
    assert _run(workspace, workspace / "executed" / "01_data.ipynb").returncode == 0
    processed = workspace / "processed"
    resolve_run(processed, workspace / "config")
    analyse = subprocess.run([sys.executable, "-m", "helpers", "analyse", "--processed-dir", str(processed),
                              "--config-dir", str(workspace / "config")], capture_output=True, text=True)
    assert analyse.returncode == 0, analyse.stderr
    stored = {name: (processed / name).read_bytes() for name in ("comparison.csv", "trends.csv", "analysis.json")}

    def run(name: str, *parameters: str) -> str:
        out = workspace / "executed" / name
        result = subprocess.run(
            [sys.executable, "-m", "helpers", "run", str(paths.NOTEBOOKS_DIR / name), str(out),
             "-p", "processed_dir", str(processed), "-p", "config_dir", str(workspace / "config"), *parameters],
            capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert "without encryption" not in result.stderr + result.stdout     # kernels talk over IPC, not TCP
        return out.read_text(encoding="utf-8")

    for name in ("02_comparison.ipynb", "03_growth.ipynb"):
        executed = run(name, "-p", "report_year", "", "-p", "entities", "")
        assert "Tables read from" in executed and "image/png" in executed and "missing from" not in executed
        # Other parameters: the same tables computed in the notebook, and nothing in data/processed/ replaced.
        executed = run(name, "-p", "entities", "anji")
        assert "Computed here for these parameters and not written" in executed and "make analysis" in executed
        assert "image/png" in executed
    assert {name: (processed / name).read_bytes() for name in stored} == stored


def test_report_notebook_refuses_tables_built_for_other_counties(workspace):
    """Run as an analyst might, with other parameters than the stored tables': one clear error, no traceback."""
    assert _run(workspace, workspace / "executed" / "01_data.ipynb").returncode == 0
    from helpers import analyse
    analyse.build_tables(workspace / "processed", workspace / "config")
    resolve_run(workspace / "processed", workspace / "config", entities="anji")    # a run for Anji alone
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "run", str(paths.NOTEBOOKS_DIR / "04_report.ipynb"),
         str(workspace / "executed" / "04.ipynb"), "-p", "processed_dir", str(workspace / "processed"),
         "-p", "config_dir", str(workspace / "config")],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "built for 2020 and the counties jiande, anji, but this run asks for 2020 and the counties anji" \
        in result.stderr
    assert "make analysis YEAR=2020 ENTITIES=anji" in result.stderr and "cell" not in result.stderr
