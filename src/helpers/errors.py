"""Errors about bad input, worded for the analyst who has to fix the input."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from helpers.paths import display_path


class InputError(Exception):
    """A problem in an input file: which file, where, what is wrong, and how to fix it.

    Raised instead of letting a KeyError or ValueError escape, so that a run stops with a
    message an analyst can act on, not a traceback.
    """

    def __init__(self, file: Path | str | None, where: int | str | None, problem: str, fix: str):
        self.file = display_path(file) if file is not None else None
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    @property
    def location(self) -> str:
        if self.file is None:
            return "(no file)"
        if self.where is None:
            return self.file
        if isinstance(self.where, int):
            return f"{self.file}, line {self.where}"
        return f"{self.file}, {self.where}"

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}\n  How to fix: {self.fix}"


class ReportedError(Exception):
    """A failure already worded for the user elsewhere (an InputError raised inside a notebook's kernel):
    shown as it is."""


def show_input_errors_briefly() -> None:
    """In a notebook, show an InputError as its message, not as a traceback through the helpers.

    The cell still fails (papermill and `make` see the error); only the display is shorter.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        message = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, message)
        return message

    shell.set_custom_exc((InputError,), handler)


def exit_status(step: Callable[[], str], after_error: str = "") -> int:
    """Run one command-line step: print what it reports and return 0; on bad input, print the error
    (never a traceback) and `after_error`, and return 1."""
    try:
        message = step()
    except (InputError, ReportedError) as exc:
        print(f"error: {exc}" + (f"\n{after_error}" if after_error else ""), file=sys.stderr)
        return 1
    print(message)
    return 0
