"""Which reader reads a plan document, by its file type; .doc and .wps are converted to .docx first."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from helpers.core.errors import InputError
from helpers.core.limits import check_size, plan_cap
from helpers.extract.documents.model import Document

TEXT_SUFFIXES = {".txt", ".text", ""}
STRUCTURED_SUFFIXES = {".docx", ".html", ".htm", ".pdf"}
CONVERTED_SUFFIXES = {".doc", ".wps"}   # older Word and WPS files: LibreOffice makes a .docx of them
SOFFICE = ("soffice", "libreoffice")
# A plan converts in 5-6 s on a loaded machine (18 s for a document of ten plans' text; a real plan took over 30 s
# once while the machine was swapping), measured; a conversion still running after this is stopped, LibreOffice
# with it.
CONVERT_TIMEOUT = 60


def is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


# What a file is by its first bytes, whatever its name says.
KINDS = {"pdf": "a PDF", "zip": "a Word .docx (or another zip file)", "ole": "an old Word .doc or WPS file",
         "html": "a web page"}
NAMED = {".pdf": "pdf", ".docx": "zip", ".html": "html", ".htm": "html"}
RIGHT_SUFFIX = {"pdf": ".pdf", "zip": ".docx", "ole": ".doc", "html": ".html"}


def content_kind(head: bytes) -> str | None:
    """pdf, zip, ole or html from a file's first bytes; None when it is none of these (or text)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<meta", b"<head")):
        return "html"
    return None


def check_file(path: Path) -> None:
    """A plan that is a folder, an empty file, or another format under this one's name is refused here, in those
    words, before a reader would call it damaged."""
    if path.is_dir():
        raise InputError(path, None, "this is a folder, not a plan document",
                         "name the plan's file itself in config/sources.yaml (the .docx, web page or PDF inside the "
                         "folder, moved into data/raw/), then run `make manifest`.")
    check_size(path, plan_cap(path))
    with open(path, "rb") as f:
        head = f.read(1024)
    if not head:
        raise InputError(path, None, "the file is empty (0 bytes): a download or copy that did not finish",
                         "copy or download the plan again, then run `make manifest`.")
    named, actual = NAMED.get(path.suffix.lower()), content_kind(head)
    if path.suffix.lower() in CONVERTED_SUFFIXES and actual in ("html", "pdf"):
        named = "ole"    # a county site's "Word" download that is a web page (LibreOffice said: no export filter)
    if named is None or actual is None or actual == named or (named == "zip" and actual == "ole"):
        return     # (an OLE file named .docx: a password-protected .docx, which the Word reader names; a .docx
                   # named .doc, which LibreOffice converts)
    raise InputError(path, None, f"the file is {KINDS[actual]}, under a {path.suffix} name",
                     f"rename it to \"{path.stem}{RIGHT_SUFFIX[actual]}\", name that file in config/sources.yaml, "
                     "and run `make manifest`.")


def read_document(path: Path) -> Document:
    """A .docx, web page or PDF (or a .doc/.wps, converted) as a Document."""
    check_file(path)
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
        said = _convert(soffice, profile, scratch, path)
        converted = Path(scratch) / (path.stem + ".docx")
        if not converted.exists():
            raise InputError(path, None, f"LibreOffice could not convert the file to .docx ({said})",
                             "open the file in WPS or Word and save it as .docx (then name the .docx in "
                             "config/sources.yaml and run `make manifest`).")
        document = read_docx(converted)
    document.path, document.kind = path, path.suffix.lower().lstrip(".")
    return document


def _convert(soffice: str, profile: Path, scratch: str, path: Path) -> str:
    """Run LibreOffice's conversion into `scratch`; what it said (on a timeout, that it gave no answer). It runs
    in a process group of its own, stopped whole when the conversion times out or the run is interrupted: its
    soffice.bin (a grandchild) otherwise ran on and wrote its profile and the .docx into /tmp after the scratch
    folder was removed."""
    process = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                                "docx", "--outdir", scratch, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True, env=_scratch_home(Path(scratch)))
    try:
        out, err = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"no answer in {CONVERT_TIMEOUT} s"
    finally:
        if process.poll() is None or _group_alive(process.pid):
            _stop_group(process)
    return (err or out or "no .docx written").strip()[:200]


def _scratch_home(scratch: Path) -> dict[str, str]:
    """The environment LibreOffice runs in: its HOME and XDG folders in the scratch folder. Its own profile is
    already there (-env:UserInstallation), but GLib and dconf inside soffice wrote .cache/dconf and .config into
    the analyst's HOME, and created HOME where it did not exist (redteam13)."""
    home = scratch / "home"
    return {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"), "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_STATE_HOME": str(home / ".local" / "state")}


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def _stop_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
