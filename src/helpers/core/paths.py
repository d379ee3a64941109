"""Where things live. The one place for project paths."""
from __future__ import annotations

import os
from pathlib import Path

# src/helpers/core/paths.py -> the project root is the folder that holds src/.
PROJECT_ROOT = Path(os.environ.get("TALENT_PROJECT_ROOT", Path(__file__).resolve().parents[3]))

CONFIG_DIR = PROJECT_ROOT / "config"
SOURCES_FILE = "sources.yaml"
CATALOGUE_FILE = "catalogue.yaml"

RAW_DIR = PROJECT_ROOT / "data" / "raw"
MANIFEST_FILE = "checksums.sha256"  # inside the raw directory
MONITORING_DIR = "monitoring"       # inside the raw directory: the analysts' yearly workbooks, any names

PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
TEMPLATES_DIR = PROJECT_ROOT / "templates"             # the documents' HTML template (nbconvert): offline_report/
REPORT_TEMPLATES = TEMPLATES_DIR / "report"            # the report's blocks (Jinja2)
MONITORING_TEMPLATE = "monitoring-template.xlsx"       # in the reports folder: `python -m helpers template`

# Processed outputs: the contract other notebooks and analysts rely on.
INDICATORS_CSV = "indicators.csv"
INDICATORS_XLSX = "indicators.xlsx"
CONSISTENCY_CSV = "consistency.csv"
CLEANING_LOG_CSV = "cleaning_log.csv"
# Beside the processed files: what the data step read (raw sha256) and wrote (each output's sha256).
BUILD_INFO_JSON = "build_info.json"
# make's record of every input of the data step, and of the folders it reads them from (helpers.files.fingerprint).
INPUTS_JSON = ".inputs.json"
CHECKS_CSV = "consistency_checks.csv"
COMPARISON_CSV = "comparison.csv"
TRENDS_CSV = "trends.csv"
OUTLOOK_CSV = "outlook.csv"   # drafting the next plan: trends projected to its target year
# Beside the analysis tables: the parameters they were built for, and fingerprints of their inputs.
ANALYSIS_JSON = "analysis.json"
# The run (year, counties, language, documents …), worked out once by `python -m helpers resolve`.
RUN_JSON = "run.json"

# The report's files: built in reports/.build/ under fixed names (the Makefile's REPORT_NOTEBOOK and RESULTS; a
# test checks that they agree), then published in reports/<year>/ under the run's names, which end in
# <year>_<lang>[_<counties>] (helpers.run.parameters.Run.files).
BUILT_NOTEBOOK = "04_report.ipynb"
BUILT_RESULTS = "results.xlsx"
PUBLISHED_NOTEBOOK = "04_report_{end}.ipynb"
PUBLISHED_RESULTS = "talent-plan-results_{end}.xlsx"
DOCUMENTS = ("brief", "report")                         # the two documents of a run, each the cells tagged so
PUBLISHED_DOCUMENT = "talent-plan-{document}_{end}"     # the brief's or the report's, without .html/.pdf


def display_path(path: Path | str) -> str:
    """A path as an analyst should read it: relative to the project when inside it. A relative path is shown
    as it is: it is already a display path (as the processed tables record it), and resolving it against the
    working folder (notebooks/ in a kernel) would name a file that does not exist. A link is named as itself, not
    as what it leads to (its folder is resolved, not the link): an error about a link names the link."""
    p = Path(path)
    if not p.is_absolute():
        return str(p)
    try:
        return str((p.parent.resolve() / p.name).relative_to(PROJECT_ROOT.resolve()))
    except (ValueError, OSError, RuntimeError):     # (RuntimeError: a loop of links above it)
        return str(p)
