"""Errors about bad input, worded for the analyst who has to fix the input."""
from __future__ import annotations

import errno
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


def file_error(exc: OSError, path: Path | str | None = None, writing: bool | None = True) -> InputError:
    """An operating-system error on a file (locked, read-only, disk full …) in the project's words.
    writing: True or False when known, None when the error could come from either."""
    path = path if path is not None else exc.filename
    verb = {True: "written", False: "read", None: "opened"}[writing]
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return InputError(path, None, "the disk is full: the file could not be written",
                          "free some space on that disk (`df -h` shows how much is left), then rerun; the last "
                          "good outputs are still in place.")
    if code in (errno.EACCES, errno.EPERM):
        return InputError(path, None, f"the file could not be {verb}: permission denied. It is open in another "
                          "program (Excel, WPS, a PDF viewer), or it or its folder is read-only",
                          "close it in that program, or make it writable, then rerun.")
    if code in (errno.EBUSY, errno.ETXTBSY):
        return InputError(path, None, f"the file could not be {verb}: another program is using it",
                          "close it in that program, then rerun.")
    if code == errno.EROFS:
        return InputError(path, None, f"the file could not be {verb}: the disk is mounted read-only",
                          "write to a folder on a writable disk.")
    return InputError(path, None, f"the file could not be {verb} ({exc.strerror or exc})",
                      "check that the file and its folder exist and are accessible, then rerun.")


def show_input_errors_briefly() -> None:
    """In a notebook, show an InputError as its message, not as a traceback through the helpers.

    The cell still fails (papermill and `make` see the error); only the display is shorter.
    """
    if "IPython" not in sys.modules:  # not in a kernel (which has it loaded); importing it costs 0.1 s
        return
    from IPython import get_ipython
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        # Every kind of InputError reaches papermill (and make) as an InputError: already worded for the analyst.
        shown = InputError if issubclass(etype, InputError) else etype
        message = [f"{shown.__name__}: {value}"]
        shell._showtraceback(shown, value, message)
        return message

    from helpers.parameters import ParameterError
    shell.set_custom_exc((InputError, ParameterError), handler)


INTERRUPTED = 130  # the shell's exit status for a run stopped by Ctrl-C


def exit_status(step: Callable[[], str | None], after_error: str | Callable[[], str] = "") -> int:
    """Run one command-line step: print what it reports and return 0; on bad input, print the error
    (never a traceback) and `after_error` (a text, or a function that says what the failed run left), and
    return 1. A bad parameter is one line; Ctrl-C (or SIGTERM) is one line and returns 130."""
    from helpers.parameters import ParameterError

    def afterwards() -> str:
        text = after_error() if callable(after_error) else after_error
        return f"\n{text}" if text else ""

    try:
        message = step()
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted.{afterwards()}".replace("\n", " "), file=sys.stderr)
        return INTERRUPTED
    except OSError as exc:
        print(f"error: {file_error(exc, writing=None)}{afterwards()}", file=sys.stderr)
        return 1
    except (InputError, ReportedError) as exc:
        print(f"error: {exc}{afterwards()}", file=sys.stderr)
        return 1
    if message:
        try:
            print(message, flush=True)
        except BrokenPipeError:  # whoever read the output stopped (make was stopped): nothing to tell
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return 0
