"""Which project folder the helpers work on, and which one the user works in: they must be the same.

A project folder copied together with its environment (`cp -a`) runs the original's helpers, whose paths
(helpers.core.paths) are the original's. `make` names the folder it runs in (TALENT_PROJECT_ROOT), but the tools
of the copied environment run directly (`.venv/bin/papermill`, `.venv/bin/jupyter`, `.venv/bin/python -m
helpers`) would read and write the original's data and reports. `import helpers` calls `refuse_another_project`,
so this module is imported by every step: it imports only the standard library and helpers.core.paths (a
change here reruns every step, and the environment check, in helpers.run.environment, does not).
"""
from __future__ import annotations

import sys
from pathlib import Path

from helpers.core import paths


def another_project(project_root: Path = paths.PROJECT_ROOT, working: Path | None = None) -> tuple[Path, Path] | None:
    """(the project folder the helpers work on, the one the user works in) when they differ; None when they agree,
    or when the user works in no project folder. A project folder is one with this project's Makefile and
    src/helpers; the user works in the one that holds the working folder."""
    try:
        working = Path.cwd() if working is None else working
    except OSError:          # the working folder has been removed: it is no project's
        return None
    folder = next((f for f in (working, *working.parents) if is_project_folder(f)), None)
    if folder is None or not is_project_folder(project_root) or _same_folder(folder, project_root):
        return None
    return Path(project_root), folder


def refuse_another_project() -> None:
    """Stop, before anything is read or written, when these helpers would work on another project folder than the
    one the user works in (`another_project`): for `python -m helpers …`, in one line (exit 2, as make's own check
    of the environment); elsewhere (a notebook's kernel, a script) as an InputError, which a notebook shows as its
    message."""
    found = another_project()
    if found is None:
        return
    from helpers.core.errors import InputError
    theirs, here = found
    error = InputError(here, None, f"you are working in this project folder, but these helpers work on the files of "
                       f"another one, {theirs} (this folder's environment was copied from there, or is that "
                       "folder's): they would read and write its data and reports",
                       f"run `make setup` in {here} (it gives this folder an environment of its own) and use its "
                       f"tools, or run `make` there; or work in {theirs}.")
    if sys.argv[:1] == ["-m"]:        # `python -m helpers …`, being imported: the command's one line
        from helpers.run.stopping import say
        say(f"error: {error.location}: {error.problem}. How to fix: {error.fix}")
        raise SystemExit(2)
    raise error


def is_project_folder(folder: Path) -> bool:
    return (folder / "Makefile").is_file() and (folder / "src" / "helpers").is_dir()


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == Path(b).resolve()
    except OSError:
        return False
