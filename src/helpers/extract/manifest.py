"""Checksums of the raw plan documents, so that a changed raw file is noticed, never used silently.

The manifest is in `sha256sum` format (`<hex>  <file name>`), so `sha256sum -c` can check it too.
"""
from __future__ import annotations

import posixpath
import shlex
from pathlib import Path

from helpers.core.errors import InputError
from helpers.core.paths import MANIFEST_FILE, display_path
from helpers.files.atomic import replaced_when_done
from helpers.files.processed import sha256


def _key(name: str) -> str:
    """A file's name as the manifest records it: `./x.txt` and `monitoring/../x.txt` are x.txt (they were refused
    as 'not listed', with advice to record them again under the odd name)."""
    return posixpath.normpath(str(name))


def read_manifest(raw_dir: Path) -> dict[str, str]:
    path = Path(raw_dir) / MANIFEST_FILE
    if not path.exists():
        raise InputError(path, None, "the checksum manifest of the raw files is missing",
                         "run `make manifest` to record the raw files' checksums, then commit it.")
    entries: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise InputError(path, number, f"expected '<sha256>  <file name>', found {line!r}",
                             "run `make manifest` to rewrite the manifest.")
        entries[_key(parts[1].lstrip("*").strip())] = parts[0].lower()
    return entries


def write_manifest(raw_dir: Path, names: list[str] | None = None) -> Path:
    """Record the checksums of the given raw files (default: every file in raw_dir)."""
    raw_dir = Path(raw_dir)
    if names is None:
        names = sorted(p.name for p in raw_dir.iterdir() if p.is_file() and p.name != MANIFEST_FILE)
    lines = [f"{sha256(raw_dir / n)}  {_key(n)}" for n in sorted(names)]
    path = raw_dir / MANIFEST_FILE
    with replaced_when_done(path) as partial:
        partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def verify(raw_dir: Path, names: list[str]) -> dict[str, str]:
    """Check that each named raw file exists and matches the manifest. Returns name -> sha256."""
    raw_dir = Path(raw_dir)
    manifest = read_manifest(raw_dir)
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
        digest = sha256(path)
        recorded = manifest[_key(name)]
        if digest != recorded:
            raise InputError(path, None,
                             f"the file has changed since its checksum was recorded "
                             f"(manifest {recorded[:12]}…, now {digest[:12]}…); raw data must not be edited",
                             "restore this file as published: "
                             f"`git checkout -- {shlex.quote(display_path(path))}` if it is committed, or copy it "
                             "again from where the office published it. To read a cell of the plan differently, do "
                             "not edit the document: say how it reads under `readings:` of its entry in "
                             "config/sources.yaml (docs/data.md). Only if the office has published a new version of "
                             "the plan, put that in its place and run `make manifest`.")
        digests[name] = digest
    return digests
