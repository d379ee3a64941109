"""Errors about bad input, worded for the analyst who has to fix the input.

The project's error types, and the checks on files worded as them (file_error, refuse_special_file): it imports
only `paths` (to show a file as an analyst reads it), so every module can raise them without importing anything
that raises them back. How a command turns them
into an exit status is helpers.run.cli's job; how a notebook shows them, helpers.run.notebook_display's."""
from __future__ import annotations

import errno
import os
import re
import shlex
import stat
import unicodedata
from pathlib import Path

from helpers.core.paths import display_path

# What a command says after a failure or Ctrl-C that left every output as it was.
NOTHING_REPLACED = "Nothing was replaced: the outputs of the last good run are still in place."


class InputError(Exception):
    """A problem in an input file: which file, where, what is wrong, and how to fix it.

    Raised instead of letting a KeyError or ValueError escape, so that a run stops with a
    message an analyst can act on, not a traceback.
    """

    def __init__(self, file: Path | str | None, where: int | str | None, problem: str, fix: str):
        self.file = display_path(file) if file is not None else None
        self.where = where
        self.problem = _invisible_said(problem)
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


def beside_text(text: str, at: int, invisible: re.Pattern) -> str:
    """Where the invisible character at `at` stands, by the visible text beside it: "right before '2023'"."""
    before = invisible.sub("", text[:at]).strip()[-10:]
    after = invisible.sub("", text[at + 1:]).strip()[:10]
    return f"right before '{after}'" if after else f"right after '{before}'" if before else "alone"


# The invisible characters that set the text's direction: marks, embeddings, overrides and isolates (named here;
# helpers.core.text.direction_control tells which reorder what is shown)
DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def invisible_named(text: str) -> str:
    """The invisible characters a text holds (Unicode's format characters: a direction mark or control, a zero-width
    space or joiner, a soft hyphen, a byte-order mark), named for a message that quotes the text, where they show as
    nothing: "it holds U+200F RIGHT-TO-LEFT MARK, an invisible character that sets the text's direction, right after
    '2023'"; "" when it holds none. (The bidirectional ones that reorder what is shown: text.direction_control.)"""
    found = list(dict.fromkeys(ch for ch in text if unicodedata.category(ch) == "Cf"))
    if not found:
        return ""
    names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for ch in found[:3])
    kind = " that sets the text's direction" if DIRECTION_CONTROL.match(found[0]) else ""
    invisible = re.compile("[" + "".join(re.escape(ch) for ch in found) + "]")
    return (f"it holds {names}{' …' if len(found) > 3 else ''}, "
            f"{'an invisible character' if len(found) == 1 else 'invisible characters'}{kind}, "
            f"{beside_text(text, text.index(found[0]), invisible)}")


def _invisible_said(problem: str) -> str:
    """The problem, with the invisible characters in the text it quotes named once (a zero-width space, a direction
    mark, a soft hyphen, a byte-order mark: Unicode's format characters show as nothing in the quote, so "unit '人'
    does not match" or "value '12.5x' is not a number" hid what the cell holds). The one place every message on a
    cell (value, indicator name, unit, year: of a plan or a workbook) gets it; a character the problem already names
    (U+200F) is not named again."""
    hidden = [ch for ch in dict.fromkeys(problem)
              if unicodedata.category(ch) == "Cf" and f"U+{ord(ch):04X}" not in problem]
    if not hidden:
        return problem
    at = problem.index(hidden[0])
    start, end = problem.rfind("'", 0, at) + 1, problem.find("'", at)
    return f"{problem} (the text quoted: {invisible_named(problem[start:end if end >= 0 else len(problem)])})"


def quoted(text: object, limit: int = 60) -> str:
    """A cell's text as an error quotes it, in quotes: whole when short, else its start and its length (a cell of
    a workbook holds 32,767 characters and a .docx cell any number: quoted whole, they buried the message)."""
    text = str(text)
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit]}…' ({len(text):,} characters)"


class ParameterError(Exception):
    """A bad parameter value (helpers.run.parameters). Its message is one line: the parameter, the problem, what
    to give instead."""


class ReportedError(Exception):
    """A failure already worded for the user elsewhere (an InputError raised inside a notebook's kernel):
    shown as it is."""


# The file attributes (chattr) that stop any change to a file, whoever asks: their letters, as lsattr shows them.
LOCKS = {"i": "immutable", "a": "append-only"}
_FS_IOC_GETFLAGS = 0x80086601                 # linux/fs.h
_FLAGS = {"i": 0x00000010, "a": 0x00000020}   # FS_IMMUTABLE_FL, FS_APPEND_FL


def locked_attribute(path) -> str:
    """The letter of the attribute that locks the file or folder (i, a), or "" (none, or it cannot be told)."""
    import array
    import fcntl
    import os
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, TypeError, ValueError):
        return ""
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
    except OSError:
        return ""
    finally:
        os.close(fd)
    return next((letter for letter, bit in _FLAGS.items() if flags[0] & bit), "")


def _locked(path: Path, verb: str) -> InputError | None:
    """The file, or else the folder it is written in, locked against changes (chattr +i or +a): no program holds
    it, and no permission (nor root) lets it be changed. (The file a run writes in a locked folder is a temporary
    one, whose name the user never saw: the folder is named.)"""
    for what, locked in (("file", path), ("folder", path.parent)):
        letter = locked_attribute(locked)
        if letter:
            problem = (f"the file could not be {verb}: it is locked against changes" if what == "file" else
                       "no file can be written in this folder: it is locked against changes")
            return InputError(locked, None, f"{problem} (its {LOCKS[letter]} attribute is set: "
                              f"`lsattr{' -d' if what == 'folder' else ''}` shows an {letter})",
                              f"unlock it with `chattr -{letter} {shlex.quote(str(display_path(locked)))}` (as root), "
                              "then rerun; the last good outputs are still in place.")
    return None


def file_error(exc: OSError, path: Path | str | None = None, writing: bool | None = True) -> InputError:
    """An operating-system error on a file (locked, read-only, disk full …) in the project's words.
    writing: True or False when known, None when the error could come from either."""
    path = path if path is not None else exc.filename
    verb = {True: "written", False: "read", None: "opened"}[writing]
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM) and path is not None:
        locked = _locked(Path(path), verb)
        if locked is not None:
            return locked
    if code in (errno.ENOSPC, errno.EDQUOT):
        return InputError(path, None, "the disk is full: the file could not be written",
                          "free some space on that disk (`df -h` shows how much is left), then rerun; the last "
                          "good outputs are still in place.")
    if code in (errno.EACCES, errno.EPERM) and writing is False:   # (closing it or making it writable would not do)
        return InputError(path, None, "the file could not be read: permission denied",
                          f"give yourself the right to read it (`chmod u+r {shlex.quote(display_path(path))}`, or "
                          "ask its owner), then rerun.")
    if code in (errno.EACCES, errno.EPERM):
        return InputError(path, None, f"the file could not be {verb}: permission denied. It is open in another "
                          "program (Excel, WPS, a PDF viewer), or it or its folder is read-only",
                          "close it in that program, or make it writable, then rerun.")
    if code in (errno.EBUSY, errno.ETXTBSY):
        return InputError(path, None, f"the file could not be {verb}: another program is using it",
                          "close it in that program, then rerun.")
    if code == errno.EISDIR:   # e.g. a folder made where a processed file belongs: rerunning alone changes nothing
        return InputError(path, None, "this is a folder, where the file should be",
                          "move or rename that folder (a file of this name belongs there), then rerun.")
    if code == errno.EROFS:
        return InputError(path, None, f"the file could not be {verb}: the disk is mounted read-only",
                          "write to a folder on a writable disk.")
    return InputError(path, None, f"the file could not be {verb} ({exc.strerror or exc})",
                      "check that the file and its folder exist and are accessible, then rerun.")


# Files that are no files: what each is called when one stands where an input belongs. Opening a named pipe waits
# for a writer for ever (`make data` hung, with no word, on a plan replaced by one), a device reads without end or
# not at all, a socket cannot be opened. Told by stat alone, which opens nothing.
SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def special_file(path: Path | str) -> str:
    """What `path` is when it is a named pipe, a socket or a device, or a link to one ('a named pipe (FIFO)', 'a
    link to /dev/zero, a character device'); "" for a regular file, a folder, or nothing there."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return ""
    kind = next((name for test, name in SPECIAL_FILES if test(mode)), "")
    return f"a link to {os.readlink(path)}, {kind}" if kind and os.path.islink(path) else kind


def refuse_special_file(path: Path | str, fix: str | None = None) -> None:
    """The one check every reader of an input makes before opening it (plans, the style sheets a page reads,
    monitoring workbooks, config, processed files, and hashing any of them): an InputError naming the file and
    what it is when it is no regular file. `fix`: the advice, when another than replacing it by the file applies
    (a processed file: rebuilding it)."""
    kind = special_file(path)
    if kind:
        shown = shlex.quote(display_path(path))
        raise InputError(path, None, f"this is {kind}, not a file: it is not opened (reading it would wait for ever, "
                         "never end, or fail)",
                         fix or f"delete it (`rm {shown}`), put the file itself in its place if one belongs there, "
                         "then rerun.")
