"""A process known by its id and its start time, so that a record of a process that has ended is never taken for
a live one the system has since given the same id (the marks of helpers.run.stopping, the records of
helpers.files.run_lock). Light: the standard library; psutil only to look a process up."""
from __future__ import annotations


def identity(process) -> str:
    """A psutil.Process as '<pid>-<start time in hundredths of a second>'."""
    return f"{process.pid}-{round(process.create_time() * 100)}"


def alive(pid, recorded: str) -> bool:
    """Whether the process recorded as `recorded` (its identity) with id `pid` is still running."""
    import psutil
    try:
        return identity(psutil.Process(int(pid))) == recorded
    except (psutil.Error, TypeError, ValueError):
        return False
