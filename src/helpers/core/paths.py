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

PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

# Processed outputs: the contract other notebooks and analysts rely on.
INDICATORS_CSV = "indicators.csv"
INDICATORS_XLSX = "indicators.xlsx"
CONSISTENCY_CSV = "consistency.csv"
CLEANING_LOG_CSV = "cleaning_log.csv"
# Beside the processed files: what the data step read (raw sha256) and wrote (each output's sha256).
BUILD_INFO_JSON = "build_info.json"
CHECKS_CSV = "consistency_checks.csv"
COMPARISON_CSV = "comparison.csv"
TRENDS_CSV = "trends.csv"
OUTLOOK_CSV = "outlook.csv"   # drafting the next plan: trends projected to its target year
# Beside the analysis tables: the parameters they were built for, and fingerprints of their inputs.
ANALYSIS_JSON = "analysis.json"
# The run (year, counties, language, documents …), worked out once by `python -m helpers resolve`.
RUN_JSON = "run.json"


def display_path(path: Path | str) -> str:
    """A path as an analyst should read it: relative to the project when inside it. A relative path is shown
    as it is: it is already a display path (as the processed tables record it), and resolving it against the
    working folder (notebooks/ in a kernel) would name a file that does not exist."""
    p = Path(path)
    if not p.is_absolute():
        return str(p)
    try:
        return str(p.resolve().relative_to(PROJECT_ROOT.resolve()))
    except ValueError:
        return str(p)
