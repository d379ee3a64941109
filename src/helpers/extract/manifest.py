"""Checksums of the raw plan documents, and of the files beside them that their readers read (a web page's linked
style sheets, which decide what the page shows), so that a changed raw file is noticed, never used silently.

The manifest is in `sha256sum` format (`<hex>  <file name>`), so `sha256sum -c` can check it too (in data/raw/).
A file a plan's reader reads beside it is listed on an indented line under the plan's own line:

    3f5e…  tonglu_15.html
        9a01…  tonglu_15_files/main.css

A manifest written before these files were recorded has no indented lines: its plans that read no file beside them
are checked as before, and a page that reads a style sheet is refused until `make manifest` records it.
"""
from __future__ import annotations

import os
import posixpath
import shlex
from collections.abc import Iterable
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import InputError
from helpers.core.limits import MANIFEST, cap_of_input, check_size
from helpers.core.paths import MANIFEST_FILE, display_path
from helpers.extract.documents.model import LinkedFile
from helpers.files.atomic import replaced_when_done
from helpers.files.processed import sha256

# A file its plan reads: indented under the plan's line (sha256sum -c skips the indent, and the comments).
LINKED_INDENT = "    "
LINKED_HEADER = ("# Checksums of the raw plan documents, written by `make manifest` (check: sha256sum -c "
                 f"{MANIFEST_FILE}).\n# An indented line is a file that the plan on the line above reads too "
                 "(a web page's linked style sheet).\n")
# The advice for a raw file that differs from its checksum: a plan, or a file its plan reads.
def changed_fix(path: Path) -> str:
    """The advice for a raw file that differs from its checksum: restore that one file (never all of data/raw/,
    which holds the analysts' own monitoring workbooks), and never edit a plan to read a cell differently."""
    return ("restore this file as published: "
            f"`git checkout -- {shlex.quote(display_path(path))}` if it is committed, or copy it again from where "
            "the office published it. To read a cell of the plan differently, do not edit the document: say how it "
            "reads under `readings:` of its entry in config/sources.yaml (docs/data.md). Only if the office has "
            "published a new version of the document, put that in its place, run `make manifest` and commit the "
            "manifest with it.")


def _key(name: str) -> str:
    """A file's name as the manifest records it: `./x.txt` and `monitoring/../x.txt` are x.txt (they were refused
    as 'not listed', with advice to record them again under the odd name)."""
    return posixpath.normpath(str(name))


def linked_name(raw_dir: Path, path: Path) -> str:
    """The manifest's name of a file a plan's reader read (a resolved path inside the raw folder: the page's
    folder is, and the reader reads nothing outside it)."""
    return _key(Path(path).relative_to(Path(raw_dir).resolve()).as_posix())


def _read(raw_dir: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, int]]:
    """Every file listed (name -> sha256), for each plan the files it reads (plan -> {name: sha256}), and the line
    that lists each file (name -> line number), for the errors to name."""
    path = Path(raw_dir) / MANIFEST_FILE
    if not path.exists():
        given = "" if Path(os.path.realpath(raw_dir)) == Path(os.path.realpath(paths.RAW_DIR)) else \
            f' RAW_DIR="{display_path(os.path.abspath(raw_dir))}"'     # (`make manifest` alone records data/raw)
        raise InputError(path, None, "the checksum manifest of the raw files is missing",
                         f"run `make manifest{given}` to record the raw files' checksums, then commit it.")
    entries: dict[str, str] = {}
    linked: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    plan = None
    check_size(path, MANIFEST)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise InputError(path, number, f"expected '<sha256>  <file name>', found {line!r}",
                             "run `make manifest` to rewrite the manifest.")
        name, digest = _key(parts[1].lstrip("*").strip()), parts[0].lower()
        if line[0].isspace():
            if plan is None:
                raise InputError(path, number, "an indented line (a file a plan reads) stands before any plan's line",
                                 "run `make manifest` to rewrite the manifest.")
            linked[plan][name] = digest
        else:
            plan = name
            linked.setdefault(plan, {})
        entries[name] = digest
        lines[name] = number
    return entries, linked, lines


def read_manifest(raw_dir: Path) -> dict[str, str]:
    """Every file the manifest lists, plans and the files they read: name -> sha256."""
    return _read(raw_dir)[0]


def write_manifest(raw_dir: Path, names: list[str] | None = None,
                   linked: dict[str, Iterable[Path]] | None = None) -> Path:
    """Record the checksums of the given raw files (default: every file in raw_dir), and under each the files
    its reader read (`linked`: name -> the files as read, helpers.extract.documents.model.LinkedFile.path)."""
    raw_dir = Path(raw_dir)
    if names is None:
        names = sorted(p.name for p in raw_dir.iterdir() if p.is_file() and p.name != MANIFEST_FILE)
    linked = linked or {}
    lines = []
    for name in sorted(names):
        lines.append(f"{_sha256(raw_dir, name)}  {_key(name)}")
        read = sorted({linked_name(raw_dir, p) for p in linked.get(name, ())})
        lines += [f"{LINKED_INDENT}{_sha256(raw_dir, n)}  {n}" for n in read]
    header = LINKED_HEADER if any(line.startswith(LINKED_INDENT) for line in lines) else ""
    path = raw_dir / MANIFEST_FILE
    with replaced_when_done(path) as partial:
        partial.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sha256(raw_dir: Path, name: str) -> str:
    """A raw file's checksum, once its size is within the cap of what it is read as (helpers.core.limits): a 20 GB
    plan was hashed for minutes before its reader refused it by its size."""
    check_size(raw_dir / name, cap_of_input("raw", Path(name)))
    return sha256(raw_dir / name)


def unlisted(raw_dir: Path, names: list[str]) -> list[str]:
    """The named raw files that exist and that the manifest does not list (new plans: `make manifest` records them)."""
    raw_dir = Path(raw_dir)
    manifest = _read(raw_dir)[0]
    return [name for name in names if (raw_dir / name).is_file() and _key(name) not in manifest]


def verify(raw_dir: Path, names: list[str]) -> dict[str, str]:
    """Check that each named raw file exists and matches the manifest, and so does every file the manifest records
    it reads. Returns name -> sha256, for both."""
    raw_dir = Path(raw_dir)
    manifest, linked, lines = _read(raw_dir)
    digests = {}
    for name in names:
        path = raw_dir / name
        if not path.exists():
            raise InputError(path, None, "the raw plan document is missing",
                             f"copy the plan into {raw_dir} under this name, or correct `file:` in "
                             "config/sources.yaml.")
        if path.is_dir():
            raise InputError(path, None, "this is a folder, not a plan document",
                             "name the plan's file itself in config/sources.yaml (the document inside the folder, "
                             "moved into data/raw/), then run `make manifest`.")
        if _key(name) not in manifest:
            raise InputError(path, None, f"the file is not listed in {MANIFEST_FILE}",
                             "if this is a new plan document, run `make manifest` and commit the manifest.")
        digest = _sha256(raw_dir, name)
        recorded = manifest[_key(name)]
        if digest != recorded:
            raise InputError(path, None,
                             f"the file has changed since its checksum was recorded "
                             f"({MANIFEST_FILE}, line {lines[_key(name)]}: {recorded[:12]}…, now {digest[:12]}…); raw "
                             "data must not be edited",
                             changed_fix(path))
        digests[name] = digest
        for sheet, recorded in linked.get(_key(name), {}).items():
            digests[sheet] = _verify_linked_file(raw_dir, sheet, recorded, name, lines[sheet])
    return digests


def _verify_linked_file(raw_dir: Path, name: str, recorded: str, plan: str, line: int) -> str:
    path = raw_dir / name
    if not path.is_file():
        raise InputError(path, None, f"the style sheet that the plan's web page {plan} reads is missing ("
                         f"{MANIFEST_FILE}, line {line}, records it with the page): the page's text may be read "
                         "otherwise without it", changed_fix(path))
    digest = _sha256(raw_dir, name)
    if digest != recorded:
        raise InputError(path, None, f"the style sheet that the plan's web page {plan} reads has changed since its "
                         f"checksum was recorded ({MANIFEST_FILE}, line {line}: {recorded[:12]}…, now {digest[:12]}…); "
                         "raw data must not be edited: a style sheet decides which of the page's text is read",
                         changed_fix(path))
    return digest


def verify_read(raw_dir: Path, plan: str, read: Iterable[LinkedFile]) -> None:
    """After reading the plan `plan` (its name in the manifest): the files beside it that its reader read are those
    the manifest records with it, which verify() checked before the plan was read."""
    raw_dir = Path(raw_dir)
    _, linked, lines = _read(raw_dir)
    recorded = linked.get(_key(plan), {})
    names = {linked_name(raw_dir, f.path): f for f in read}
    for name, linked in names.items():
        if name not in recorded:
            raise InputError(linked.path, None, f"the plan's web page {plan} reads this style sheet (its line "
                             f"{linked.line} links '{linked.href[:80]}'), which {MANIFEST_FILE} does not list with "
                             "the page (a manifest written before `make manifest` recorded style sheets lists none)",
                             "remove the file if it was added by mistake (`git status data/raw/` lists it), or, if "
                             "the page is deliberately read with it, run `make manifest` and commit the manifest "
                             "with it.")
    for name in recorded:
        if name not in names:
            raise InputError(raw_dir / name, None, f"{MANIFEST_FILE}, line {lines[name]}, records this style sheet "
                             f"with the plan {plan}, which no longer reads it", changed_fix(raw_dir / name))
