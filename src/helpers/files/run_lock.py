"""One run at a time on a project's outputs.

Two runs writing the same processed or reports folder at once (`make report YEAR=2025` in one terminal and
`make report YEAR=2026 LANG=en` in another, or a notebook run in JupyterLab while `make report` runs) overwrite each
other's files, and each then gives advice about the other's. So a run records itself, with the folders it writes,
in .make/runs.json before it writes anything; a second run on the same folders stops at once, in one line that says
which run is in progress (its process id and command) and what to do.

- A make run is recorded by its first step (`python -m helpers inputs`), under make's process: every later step
  of the same make run (side by side under make -j2 too) is that make's, and goes on. The record needs no
  removing: it lapses when that make has ended (finished, failed, stopped with Ctrl-C, killed).
- Anything else that publishes processed files (a notebook in JupyterLab) records itself only while it publishes
  (helpers.files.atomic.staged_outputs), and is refused while a make run on that folder is in progress.

A process is known by its id and start time, so that a record whose process has gone is never mistaken for a
live one whose id the system has given again. The file is read and written under an flock: two runs starting
at the same moment cannot both take it. Light: the standard library, psutil only when there is a record to check.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from helpers.core import paths
from helpers.core.errors import InputError, ParameterError
from helpers.core.processes import alive, identity

RECORD = "runs.json"          # in the project's .make/
WAIT_FOR_RECORD_SECONDS = 10  # the flock is held for milliseconds; a stopped (SIGSTOP) holder must not hang a run


class RunInProgress(ParameterError):
    """Another run writes the same folders now. One line, like a bad parameter: nothing was started."""


def take_for_make_run(folders: list[Path], make) -> None:
    """For the first step of a make run: record `make` (the make process that started the step, found by
    helpers.run.stopping) as writing `folders`, or stop (RunInProgress) when another run writes one of them. With no
    make (a command run by hand), it only checks."""
    other = _record(folders, owner=make, keep=make is not None)
    if other:
        raise RunInProgress(_in_progress(other, "this run"))


@contextmanager
def writing(folder: Path) -> Iterator[None]:
    """While a block publishes into `folder`: refuse (InputError) if a run this process is not part of writes it;
    otherwise, when no run of ours is recorded for it (a notebook run in JupyterLab), record this process for the
    block's length, so that a make run started meanwhile waits its turn."""
    import psutil
    me = psutil.Process()
    other = _record([folder], owner=me, keep=True, accept_ours=True)
    if other:
        raise InputError(folder, None, _in_progress(other, "this notebook"),
                         "wait until that run has finished, then run this cell again.")
    try:
        yield
    finally:
        _forget(me)


def _record_file() -> Path | None:
    folder = paths.PROJECT_ROOT / ".make"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:          # a read-only project: no record can be kept, and no run of it can write either
        return None
    return folder / RECORD


def _ours(entry: dict) -> bool:
    """Is this process the recorded run's process, or started (at any depth) by it?"""
    import psutil
    me = psutil.Process()
    try:
        return entry.get("owner") in {identity(p) for p in [me, *me.parents()]}
    except psutil.Error:
        return False


def _key(folder: Path) -> str:
    return str(Path(folder).expanduser().absolute().resolve())


@contextmanager
def _locked() -> Iterator[tuple[int, list]]:
    """The record file, opened and flocked, with its live entries."""
    record = _record_file()
    try:
        fd = os.open(record, os.O_RDWR | os.O_CREAT, 0o644) if record is not None else -1
    except OSError:     # .make/ read-only, or its disk full: no record is kept; the run says what it cannot write
        fd = -1
    if fd < 0:
        yield -1, []
        return
    try:
        deadline = time.monotonic() + WAIT_FOR_RECORD_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError(record, None, "another run holds this project's record of runs and does not "
                                     "let go (it is stopped, or hangs)",
                                     "end that run (`ps -ef | grep helpers` shows it), then run again.") from None
                time.sleep(0.02)
        try:
            entries = json.loads(os.read(fd, 1 << 20) or b"[]")
            entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
        except ValueError:      # damaged (a disk that filled up as it was written): nothing in it can be trusted
            entries = []
        yield fd, [e for e in entries if alive(e.get("pid"), e.get("owner"))]
    finally:
        os.close(fd)             # (and with it the flock)


def _write(fd: int, entries: list) -> None:
    if fd < 0:
        return
    data = json.dumps(entries, ensure_ascii=False, indent=1).encode()
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, data)
    except OSError:     # a full disk: the run itself says so when it writes its outputs, in its words
        pass


def _record(folders: list[Path], owner, keep: bool, accept_ours: bool = False) -> dict | None:
    """Under the flock: the live entry of another run that writes one of `folders`, if any; otherwise (with `keep`)
    record `owner` as writing them. accept_ours: a run this process belongs to (the make run of a step) holds them
    already, for it."""
    keys = {_key(f) for f in folders}
    with _locked() as (fd, entries):
        for entry in entries:
            if keys & set(entry.get("folders", [])) and (owner is None or entry["owner"] != identity(owner)):
                if accept_ours and _ours(entry):
                    keep = False
                    continue
                return entry
        if keep and owner is not None:
            entries = [e for e in entries if e["owner"] != identity(owner)]
            entries.append({"owner": identity(owner), "pid": owner.pid, "command": _command(owner),
                            "started": time.strftime("%H:%M:%S", time.localtime(owner.create_time())),
                            "folders": sorted(keys)})
        _write(fd, entries)
    return None


def _forget(owner) -> None:
    with _locked() as (fd, entries):
        _write(fd, [e for e in entries if e["owner"] != identity(owner)])


def _command(process) -> str:
    import shlex
    try:
        words = process.cmdline()
    except Exception:
        return process.name()
    if not words:       # a process just started: its command line is not yet readable
        return process.name()
    if words and Path(words[0]).name in ("make", "gmake"):
        words = [Path(words[0]).name] + [w for w in words[1:] if w != "--no-print-directory"]
    elif any(w.endswith("ipykernel_launcher") or w == "ipykernel_launcher" for w in words):
        return "a notebook's kernel (JupyterLab or papermill)"
    text = shlex.join(words)
    return text if len(text) <= 120 else text[:117] + "…"


def _in_progress(entry: dict, this: str) -> str:
    folders = ", ".join(paths.display_path(f) for f in entry.get("folders", []))
    return (f"another run is in progress in this project, writing {folders}: `{entry.get('command')}` (process "
            f"{entry.get('pid')}, started {entry.get('started')}). Wait for it to end (or stop it: Ctrl-C in its "
            f"terminal, or `kill {entry.get('pid')}`), then start {this} again; two runs at once would overwrite "
            "each other's files")
