"""Which reader reads a plan document, by its file type; .doc and .wps are converted to .docx first."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from helpers.core.errors import InputError
from helpers.extract.documents.model import Document

TEXT_SUFFIXES = {".txt", ".text", ""}
STRUCTURED_SUFFIXES = {".docx", ".html", ".htm", ".pdf"}
CONVERTED_SUFFIXES = {".doc", ".wps"}   # older Word and WPS files: LibreOffice makes a .docx of them
SOFFICE = ("soffice", "libreoffice")
CONVERT_TIMEOUT = 120


def is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def read_document(path: Path) -> Document:
    """A .docx, web page or PDF (or a .doc/.wps, converted) as a Document."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from helpers.extract.documents.word import read_docx
        return read_docx(path)
    if suffix in (".html", ".htm"):
        from helpers.extract.documents.web import read_html
        return read_html(path)
    if suffix == ".pdf":
        from helpers.extract.documents.pdf import read_pdf
        return read_pdf(path)
    if suffix in CONVERTED_SUFFIXES:
        return _converted(path)
    raise InputError(path, None, f"a plan cannot be read from a {suffix} file",
                     "give the plan as published: .docx, .doc or .wps, a web page (.html) or a PDF; or a plain-text "
                     "export (.txt) with its `layout:` in config/sources.yaml.")


def _converted(path: Path) -> Document:
    """A .doc or .wps read through the .docx LibreOffice makes of it (in a scratch folder; data/raw/ untouched)."""
    from helpers.extract.documents.word import read_docx
    soffice = next((found for name in SOFFICE if (found := shutil.which(name))), None)
    if soffice is None:
        raise InputError(path, None, f"a {path.suffix} file is read through LibreOffice, which is not installed",
                         "install it (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui), or open the file "
                         "in WPS or Word and save it as .docx (then name the .docx in config/sources.yaml and run "
                         "`make manifest`).")
    with tempfile.TemporaryDirectory(prefix="plan-convert-") as scratch:
        profile = Path(scratch) / "profile"
        try:
            run = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                                  "--convert-to", "docx", "--outdir", scratch, str(path)],
                                 capture_output=True, text=True, timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            run = None
        converted = Path(scratch) / (path.stem + ".docx")
        if run is None or not converted.exists():
            said = (run.stderr or run.stdout).strip()[:200] if run is not None else \
                f"no answer in {CONVERT_TIMEOUT} s"
            raise InputError(path, None, f"LibreOffice could not convert the file to .docx ({said})",
                             "open the file in WPS or Word and save it as .docx (then name the .docx in "
                             "config/sources.yaml and run `make manifest`).")
        document = read_docx(converted)
    document.path, document.kind = path, path.suffix.lower().lstrip(".")
    return document
