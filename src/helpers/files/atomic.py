"""Writing outputs so that a failed run never leaves half-written files or destroys the last good ones.

Every output is written under a hidden temporary name beside its final place and only renamed into place
when complete; a set of outputs (the processed tables, a report's files) is built in a hidden staging
folder and published together. The temporary names carry the writing process's id, so that the next run
removes what a killed run left behind (`remove_leftovers`) without touching a run still going.

An operating-system error while writing (a locked or read-only file, a full disk) becomes the project's
InputError naming the final file. Standard library only: light processes use it without pandas.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from helpers.core.errors import file_error, locked_attribute

# .indicators.1234.partial.csv, .2025.staging-1234-abcd/ (older runs wrote no process id)
LEFTOVER = re.compile(r"^\..+?(?:\.(?P<pid>\d+))?\.partial(?:\.[^.]*)?$|^\..+\.staging-(?:(?P<spid>\d+)-)?\w+$")
# Errors that mean "this output cannot be written", whichever file the system names.
WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
# This process's temporary files and staging folders while they exist: a stopped run removes them at once.
_ACTIVE: set[Path] = set()


def remove_own_temporaries() -> None:
    """Remove this process's temporary files and staging folders (for a run stopped by a signal)."""
    for path in list(_ACTIVE):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    _ACTIVE.clear()


def running(pid: int) -> bool:
    """Is process `pid` alive (this one included)?"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files and staging folders a killed run left in `folder` (not a live run's)."""
    folder = Path(folder)
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = LEFTOVER.match(entry.name)
        if not m:
            continue
        pid = m["pid"] or m["spid"]
        if pid and running(int(pid)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _writing_error(exc: OSError, *names: Path) -> bool:
    return exc.errno in WRITE_ERRORS or exc.filename is None or str(exc.filename) in {str(n) for n in names}


@contextmanager
def replaced_when_done(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block succeeds, rename it onto `path`.

    On any error the temporary file is removed and `path` keeps its previous content.
    """
    path = Path(path)
    partial = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    _ACTIVE.add(partial)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(path.parent)
        yield partial
        os.replace(partial, path)
    except OSError as exc:
        if _writing_error(exc, partial, path, path.parent):
            # (a locked file the run rebuilds is the published one's build copy: the user knows the published one)
            raise file_error(exc, (locked_attribute(path) and published_twin(path)) or path) from None
        raise
    finally:
        with suppress(OSError):      # (on a read-only disk even removing a file that is not there fails)
            partial.unlink(missing_ok=True)
        _ACTIVE.discard(partial)


def published_twin(path: Path, most: int = 10_000) -> Path | None:
    """The published file that is this built file (a hard link: publishing links the build's files into
    reports/<year>/), looked for in the folders beside the build folder; None when the file has no other name.
    A published file locked against changes (chattr +i) locks its build copy too: the user knows the published
    one, and only unlocking it helps."""
    try:
        own = path.stat()
        if own.st_nlink < 2:
            return None
        seen = 0
        for folder in sorted(path.parent.parent.iterdir()):
            if folder == path.parent or not folder.is_dir() or folder.is_symlink():
                continue
            for other in sorted(folder.iterdir()):
                seen += 1
                if seen > most:
                    return None
                st = other.stat()
                if (st.st_ino, st.st_dev) == (own.st_ino, own.st_dev):
                    return other
    except OSError:
        pass
    return None


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path`, whole or not at all, unless the file holds it already: its time then tells make
    when its content changed. True when written."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    with replaced_when_done(path) as partial:
        partial.write_text(text, encoding="utf-8")
    return True


@contextmanager
def staged_outputs(final_dir: Path) -> Iterator[Path]:
    """Yield a staging directory; on success move every file in it into final_dir, all or none.

    On any error the staging directory is removed and final_dir is left as it was: if a file cannot be
    moved into place (it is locked, say), the files already moved are put back as they were.
    """
    from helpers.files.run_lock import writing
    with writing(Path(final_dir)), _staged(Path(final_dir)) as staging:   # never while another run writes there
        yield staging


@contextmanager
def _staged(final_dir: Path) -> Iterator[Path]:
    staging = None
    try:
        final_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(final_dir)
        remove_leftovers(final_dir.parent)   # (where older runs put their staging folders)
        # Inside final_dir, hidden: on the same disk, so that the moves are renames (a folder mounted on its
        # own would make a staging folder beside it another disk).
        staging = Path(tempfile.mkdtemp(prefix=f".{final_dir.name}.staging-{os.getpid()}-", dir=final_dir))
        _ACTIVE.add(staging)
        yield staging
        publish(staging, final_dir)
    except OSError as exc:
        if _writing_error(exc, final_dir, *([staging] if staging else [])):
            raise file_error(exc, exc.filename or final_dir) from None
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            _ACTIVE.discard(staging)


def publish(staging: Path, final_dir: Path) -> list[Path]:
    """Move every file in `staging` into `final_dir` together (see `install_together`)."""
    return install_together([(p, Path(final_dir) / p.name) for p in sorted(Path(staging).iterdir()) if p.is_file()],
                            keep=False)


def install_together(pairs: list[tuple[Path, Path]], keep: bool = True) -> list[Path]:
    """Put each source file in its target's place, all of them or none: if one cannot be put in place (it
    is locked, say), the ones already replaced get their last good content back. keep=True leaves the
    sources where they are (hard links, or copies), for make to see them built. Ctrl-C and SIGTERM wait
    until this is done (it is quick), so that a stopped run never publishes half a set."""
    signals = {signal.SIGINT, signal.SIGTERM}
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    backups = Path(tempfile.mkdtemp(prefix=f".publish.staging-{os.getpid()}-", dir=Path(pairs[0][1]).parent)) \
        if pairs else None
    done: list[tuple[Path, Path | None]] = []
    try:
        for source, target in pairs:
            kept = None
            try:
                if target.exists():
                    kept = backups / f"{len(done)}{target.suffix}"   # the last good file, to put back on failure
                    _link_or_copy(target, kept)                     # (a folder in its place cannot be kept)
                if keep:
                    partial = target.with_name(f".{target.stem}.{os.getpid()}.partial{target.suffix}")
                    _link_or_copy(source, partial)
                    os.replace(partial, target)
                else:
                    os.replace(source, target)
            except OSError as exc:
                raise file_error(exc, target) from None
            done.append((target, kept))
        if keep:
            _same_time([p for pair in pairs for p in pair])
    except BaseException:
        for target, kept in reversed(done):
            if kept is not None:
                os.replace(kept, target)
            else:
                target.unlink(missing_ok=True)
        raise
    finally:
        if backups is not None:
            shutil.rmtree(backups, ignore_errors=True)
        for _, target in pairs:
            target.with_name(f".{target.stem}.{os.getpid()}.partial{target.suffix}").unlink(missing_ok=True)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return [target for target, _ in done]


def _same_time(files: list[Path]) -> None:
    """Give a published set one modification time, the latest of them: make compares every file of the set
    with every built file, and a set published together is up to date together."""
    if not files:
        return
    latest = max(os.stat(f).st_mtime_ns for f in files)
    for f in files:
        os.utime(f, ns=(latest, latest))


def _link_or_copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:             # a file system without hard links
        shutil.copy2(source, target)
