"""How large an input file may be: the caps, one place, each checked by the file's size alone (stat) before anything
reads it.

A file past its cap cannot be what it should be (a plan's text is some 50 kB, a county's yearly workbook some 30 kB),
and reading it first cost minutes with no word: make's first step hashed a 20 GB plan for more than 90 s before any
check of its size, and a 20 GB workbook, refused by its size at last, was hashed twice before (redteam8). Every
reader of an input checks its cap here before it opens the file, and so does the fingerprint of the inputs
(helpers.files.fingerprint), which hashes every file in data/raw/ and config/ in make's first step: a file too large
stops the run there, in one message naming the file, its size and the cap. (What a file unpacks to, how many rows,
elements or characters it holds: each reader's own limits, checked as it reads.)
"""
from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path, PurePath

from helpers.core.errors import InputError
from helpers.core.paths import MANIFEST_FILE, MONITORING_DIR, display_path

# A plan as plain text (.txt): some 50 kB. (A 200 MB plan on one line once took a minute and 10 GB.)
MAX_PLAN_BYTES = 20_000_000
# A plan's saved web page: some 50-500 kB. (The limit was 20 MB, and a 19 MB page took 62 s.)
MAX_PAGE_BYTES = 2_000_000
# A style sheet a saved page reads: past it, it is not read (the page's reader says so, and what it may hide).
MAX_STYLESHEET_BYTES = 2_000_000
# A plan as published otherwise (.docx, .doc, .wps, PDF), and any other file in data/raw/ (a saved page's images):
# a plan is some 0.1-10 MB, a PDF with pictures some more.
MAX_DOCUMENT_BYTES = 200_000_000
# What a .docx's parts unpack to, checked from the zip's directory before python-docx opens it (it reads every part
# whole, and parses each XML part: a 1.3 MB file whose word/styles.xml unpacked to 365 MB took 60 s and 5 GB,
# redteam19). Each XML part (the text, word/document.xml, a plan's 0.2-5 MB; styles, numbering, headers, notes: some
# kB) and the whole package (with its pictures, which unpack to about their packed size).
MAX_DOCUMENT_XML_BYTES = 20_000_000
MAX_DOCUMENT_UNPACKED_BYTES = 300_000_000
# A monitoring workbook or CSV file (the template is some 30 kB and 200 rows).
MAX_WORKBOOK_BYTES = 50_000_000
# A configuration file (config/*.yaml) or the checksum manifest: some 1-30 kB.
MAX_CONFIG_BYTES = 5_000_000


@dataclass(frozen=True)
class Cap:
    name: str       # the constant, as a message names it
    what: str       # what the file should be: "a plan's text"
    usual: str      # how large one is
    fix: str        # {file}: the file, as a shell word

    @property
    def limit(self) -> int:
        return globals()[self.name]     # (read when checked: a test may lower it)


CHECK_THE_FILE = "check that this is the right file"
PLAN_TEXT = Cap("MAX_PLAN_BYTES", "a plan's text", "some 50 kB",
                f"{CHECK_THE_FILE} (a text export of the plan, not a database dump or a binary file); name the plan's "
                "file in config/sources.yaml and run `make manifest`.")
WEB_PAGE = Cap("MAX_PAGE_BYTES", "a plan's web page", "some 50-500 kB",
               "check that this is the plan's page (File → Save Page As…, Web page, HTML only, from the page that "
               "shows the plan). If it is, open it in the browser and print it to PDF (File → Print → Save as PDF), "
               "or ask the office for the plan as .docx; name that file in config/sources.yaml and run `make "
               "manifest`.")
DOCUMENT = Cap("MAX_DOCUMENT_BYTES", "a plan document", "some 0.1-10 MB",
               "check that this is the plan: make a file of the plan alone (copy its pages into a new .docx, or print "
               "only its pages to PDF), or ask the office for the file again; name it in config/sources.yaml and run "
               "`make manifest`. A file that is no plan does not belong in data/raw/: move it out.")
WORKBOOK = Cap("MAX_WORKBOOK_BYTES", "a county's yearly figures", "some 30 kB",
               f"{CHECK_THE_FILE}: only the yearly monitoring workbooks belong in data/raw/monitoring/. Move any other "
               "file out; if its yearly figures are needed, copy their rows into a workbook of their own (`make "
               "template`) and save that one here instead.")
CONFIG = Cap("MAX_CONFIG_BYTES", "a configuration file", "some 1-30 kB",
             f"{CHECK_THE_FILE}: `git status` shows whether it changed; restore the project's own (`git checkout -- "
             "{file}`), or copy the file again from where it came, and make your changes again.")
MANIFEST = Cap("MAX_CONFIG_BYTES", "the checksum manifest", "some 1 kB",
               f"{CHECK_THE_FILE}; write it again from the plans: `make manifest`.")


def size_text(size: int) -> str:
    """A file's size as a message writes it: 21.5 GB, 52.4 MB, 300 kB."""
    if size >= 1e9:
        return f"{size / 1e9:,.1f} GB"
    if size >= 1e6:
        return f"{size / 1e6:,.1f} MB"
    return f"{size / 1e3:,.0f} kB"


def too_large(path: Path | str, limit: int) -> int | None:
    """The file's size when it is past `limit`, else None (nothing there, or no regular file: its reader names
    that). stat alone: nothing is read."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        return None
    return size if size > limit else None


def check_size(path: Path | str, cap: Cap) -> None:
    """An InputError naming the file, its size, the cap and what to do, when the file is past `cap`."""
    size = too_large(path, cap.limit)
    if size is not None:
        raise InputError(path, None, f"the file is {size_text(size)}, far more than {cap.what} ({cap.usual}; the limit "
                         f"is {size_text(cap.limit)}, {cap.name} in helpers.core.limits), so it is not read",
                         cap.fix.replace("{file}", shlex.quote(display_path(path))))


def cap_of_input(folder: str, relative: PurePath) -> Cap:
    """The cap of a file in an input folder ("raw" or "config", as the fingerprint labels them), by where it is and
    its kind: every file in monitoring/ is read as a workbook (or refused), a plan by its type."""
    if folder == "config":
        return CONFIG
    if relative.parts[:1] == (MONITORING_DIR,):
        return WORKBOOK
    if relative.as_posix() == MANIFEST_FILE:
        return MANIFEST
    return plan_cap(relative)


def plan_cap(path: PurePath) -> Cap:
    """A plan's cap, by its type: its text (.txt), its web page, or the document as published."""
    suffix = path.suffix.lower()
    return PLAN_TEXT if suffix == ".txt" else WEB_PAGE if suffix in (".html", ".htm") else DOCUMENT
