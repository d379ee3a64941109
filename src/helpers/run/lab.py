"""JupyterLab for analysts (`make lab`): analysts work on their own copies, and notebooks/ stays as committed.

JupyterLab saves an open notebook every few minutes, with the parameters an analyst edited and the outputs of
the cells they ran. So that this never lands in the tracked notebooks, without anyone having to remember:

- `make lab` copies each notebook of notebooks/ into lab/ (not tracked by git) the first time, and opens
  JupyterLab there; the copies are the analyst's, to edit, run and keep;
- in JupyterLab, notebooks/ is read-only (`CommittedNotebooksReadOnly`): a notebook opened there shows as
  read-only and is never saved, renamed or deleted;
- a notebook changed in notebooks/ since its copy was made (a new version of the project) is named when
  `make lab` starts: deleting the copy gets the new one at the next `make lab`.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web

from helpers.core import paths
from helpers.core.errors import refuse_special_file
from helpers.files.atomic import replaced_when_done, write_if_changed

WORK_DIR = "lab"            # the analysts' copies, beside notebooks/ (in .gitignore)
COMMITTED_DIR = "notebooks"
RECORD = ".copied-from.json"  # in lab/: the SHA-256 of each notebook when it was copied


def prepare_copies(root: Path = paths.PROJECT_ROOT) -> list[str]:
    """Copy into lab/ each committed notebook that has no copy yet; return a note for each copy whose
    notebook has changed since it was made."""
    committed, work = Path(root) / COMMITTED_DIR, Path(root) / WORK_DIR
    work.mkdir(exist_ok=True)
    record_path = work / RECORD
    refuse_special_file(record_path)      # (a named pipe here hung `make lab`)
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    notes = []
    for notebook in sorted(committed.glob("*.ipynb")):
        digest = hashlib.sha256(notebook.read_bytes()).hexdigest()
        copy, name = work / notebook.name, notebook.name
        if not copy.exists():
            # Whole or not at all: a copy cut short (Ctrl-C, a full disk) would be kept as the analyst's own.
            with replaced_when_done(copy) as partial:
                shutil.copyfile(notebook, partial)
            record[name] = digest
        elif not copy.is_file():
            # A folder (or a pipe …) of that name: no copy was made, and none has been there to change.
            what = "a folder" if copy.is_dir() else "not a file"
            notes.append(f"{WORK_DIR}/{name} is {what}, not a copy of {COMMITTED_DIR}/{name}: no copy was made. "
                         f"Move it away (mv {WORK_DIR}/{name} {WORK_DIR}/{name}.old) to get the copy at the next "
                         "`make lab`.")
        elif name not in record and hashlib.sha256(copy.read_bytes()).hexdigest() == digest:
            record[name] = digest        # the same notebook, copied before the record was kept (or it was lost)
        elif name not in record:
            notes.append(f"{WORK_DIR}/{name} differs from {COMMITTED_DIR}/{name}, and `make lab` has no record of "
                         f"copying it: delete your copy to get a copy of {COMMITTED_DIR}/{name} at the next "
                         "`make lab`.")
        elif record[name] != digest:
            notes.append(f"{COMMITTED_DIR}/{name} has changed since {WORK_DIR}/{name} was copied "
                         f"from it: delete your copy to get the new one at the next `make lab`.")
    write_if_changed(record_path, json.dumps(record, indent=1, sort_keys=True) + "\n")
    return notes


def _committed(path: str) -> bool:
    parts = [p for p in str(path).strip("/").split("/") if p]
    return len(parts) > 1 and parts[0] == COMMITTED_DIR


class CommittedNotebooksReadOnly(AsyncLargeFileManager):
    """JupyterLab's files, with notebooks/ read-only: analysts work on their copies in lab/."""

    def is_writable(self, path):
        return not _committed(path) and super().is_writable(path)

    def _refuse(self, path: str) -> None:
        if _committed(path):
            raise web.HTTPError(403, f"{path} is a committed notebook, kept as committed: work on your copy in "
                                     f"{WORK_DIR}/ (make lab makes it).")

    async def save(self, model, path=""):
        self._refuse(path)
        return await super().save(model, path)

    async def delete_file(self, path):
        self._refuse(path)
        return await super().delete_file(path)

    async def rename_file(self, old_path, new_path):
        self._refuse(old_path)
        self._refuse(new_path)
        return await super().rename_file(old_path, new_path)
