"""Rendering an executed report notebook to self-contained HTML, and the HTML to an A4 PDF.

    python -m helpers render html EXECUTED.ipynb OUT.html [--audience leadership|analyst]
    python -m helpers render pdf  IN.html OUT.pdf

Each output is written to a temporary file and renamed into place only when complete, so a
failed render leaves the previous report where it was.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from helpers.atomic import replaced_when_done
from helpers.errors import InputError
from helpers.paths import PROJECT_ROOT

TEMPLATE_DIR = PROJECT_ROOT / "templates"
TEMPLATE_NAME = "offline_report"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
PDF_TIMEOUT_SECONDS = 180


def export_html(notebook: Path, audience: str = "leadership", lang: str = "zh") -> str:
    """nbconvert HTML: offline template, the report's language code, no code cells for leadership."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATE_DIR)])
    # The bare code zh: zh-CN makes Chromium pick non-Simplified glyphs. English reports still show
    # Chinese names, and the report CSS puts Noto Sans CJK SC first, so their glyphs stay Simplified.
    exporter.language_code = "zh" if lang == "zh" else "en"
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    if audience == "leadership":
        exporter.exclude_input = True
    nb = nbformat.read(str(notebook), as_version=4)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": nb.metadata.get("title", "")}})
    return body


def find_chromium() -> str:
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise InputError(None, None, "no Chromium browser found to print the PDF",
                     "run `make setup` (it installs the Debian package chromium).")


def chromium_args(extra: list[str]) -> list[str]:
    args = [find_chromium(), "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--font-render-hinting=none"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return args + extra


def print_pdf(html_file: Path, pdf_file: Path) -> None:
    """Print HTML to PDF with headless Chromium (A4 and page numbers come from the report's CSS)."""
    pdf_file = Path(pdf_file)
    if not Path(html_file).is_file():
        # Chromium would happily print its own "file not found" page.
        raise InputError(html_file, None, "the report HTML to print does not exist", "run `make html` first.")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile, replaced_when_done(pdf_file) as partial:
        cmd = chromium_args([f"--user-data-dir={profile}", "--no-pdf-header-footer",
                             f"--print-to-pdf={partial}", Path(html_file).resolve().as_uri()])
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=PDF_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise InputError(html_file, None, f"Chromium did not finish printing within {PDF_TIMEOUT_SECONDS} s",
                             "rerun; if it persists, open the HTML in a browser to check it loads.") from None
        if result.returncode != 0 or not partial.exists() or partial.stat().st_size == 0:
            raise InputError(html_file, None, f"Chromium could not print the PDF: {result.stderr.strip()[-400:]}",
                             "check that `chromium --headless` runs on this machine (make setup installs it).")
