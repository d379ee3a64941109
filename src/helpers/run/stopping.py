"""The one line a stopped command prints (Ctrl-C, or SIGTERM from a stopped make), once per make run.

Ctrl-C reaches every process of the terminal's foreground group at once: under `make -j2` that is two steps,
each of which used to print its own "interrupted." line. The first step of a make run to say it leaves a mark
(.make/stopped-<make's pid>-<its start time>); the others say nothing more, unless they have something else to
say (files they replaced). A command not run by make always says it. Light (imported in a command's first
milliseconds, by helpers/__init__.py): the standard library, helpers.core.paths and .processes; psutil when
stopped.
"""
from __future__ import annotations

import os
import sys

from helpers.core import paths
from helpers.core.processes import alive, identity

MAKES = ("make", "gmake")
# What may stand between make and a step's Python: the recipe's shell, and `env` (which execs, but a wrapper may not).
BETWEEN = ("sh", "bash", "dash", "zsh", "env")


def say(text: str) -> None:
    """One line on stderr, written whole, its newline with it. Python's stderr (not a terminal: under make) writes
    through, and print() writes the text and then the newline, two writes: a make -j2 whose other step ended in
    between printed its own "make: *** … Interrupt" after the text, on the same line (seen once in 22 Ctrl-Cs)."""
    sys.stderr.write(f"{text}\n")
    sys.stderr.flush()


def say_stopped(text: str, nothing_replaced: bool) -> None:
    """Say "interrupted. TEXT" on stderr, unless another step of this make run has said it already and this
    one has nothing to add (it replaced nothing)."""
    if not nothing_replaced or _first_to_say():
        say(f"interrupted. {text}")


def _first_to_say() -> bool:
    try:
        import psutil
        make = make_that_ran_this_step(psutil.Process())
        if make is None:
            return True
        marks = paths.PROJECT_ROOT / ".make"
        marks.mkdir(exist_ok=True)
        for old in marks.glob("stopped-*"):          # the marks of make runs that have ended
            run = old.name.removeprefix("stopped-")
            if not alive(run.split("-")[0], run):
                old.unlink(missing_ok=True)
        os.close(os.open(marks / f"stopped-{identity(make)}", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    except Exception:      # cannot tell (psutil missing, a read-only project): say it
        pass
    return True


def make_that_ran_this_step(process):
    """The make whose recipe started this command, through shells only; None for a command started otherwise.
    Not any make further up: the commands a test suite run by `make test` starts are not that make's steps, and
    each of them says it."""
    for parent in process.parents():
        if parent.name() in MAKES:
            return parent
        if parent.name() not in BETWEEN:
            return None
    return None
