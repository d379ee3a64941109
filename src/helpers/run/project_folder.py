"""Which project folder the helpers work on, and which one the user works in: they must be the same.

A project folder copied together with its environment (`cp -a`) runs the original's helpers, whose paths
(helpers.core.paths) are the original's. `make` names the folder it runs in (TALENT_PROJECT_ROOT), but the tools
of the copied environment run directly (`.venv/bin/papermill`, `.venv/bin/jupyter`, `.venv/bin/python -m
helpers`) would read and write the original's data and reports. `import helpers` calls `refuse_another_project`,
and so does papermill as it starts (pyproject.toml's papermill.engine entry point: a copied environment's
bin/papermill runs the original's Python, whose kernel knows nothing of the copy). This module is imported by every
step: it imports only the standard library and helpers.core.paths (a change here reruns every step, and the
environment check, in helpers.run.environment, does not).
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from helpers.core import paths

WORKING = "working folder"       # how the user's project folder was found: the one that holds the working folder,
ENVIRONMENT = "environment"      # or the one that holds the environment (sys.prefix) or the program they ran


def another_project(project_root: Path = paths.PROJECT_ROOT, working: Path | None = None,
                    ran: tuple[str, ...] | None = None,
                    named: bool | None = None) -> tuple[Path, Path, str] | None:
    """(the project folder the helpers work on, the one the user works in, how that one was found: WORKING or
    ENVIRONMENT) when they differ; None when they agree, or when no project folder is found.

    A project folder is one with this project's Makefile and src/helpers. The user works in the one that holds the
    working folder. From a folder in no project (`cd ~`), in the one that holds the environment they ran (`ran`:
    sys.prefix, and the environment whose bin/ holds the program): a copied .venv's python, or its bin/papermill
    (whose first line names the original's Python, so only its own path tells). Unless the folder to work on is named
    (`named`: TALENT_PROJECT_ROOT, which make sets to the folder it runs in): then that is the user's choice."""
    if not is_project_folder(project_root):
        return None
    try:
        working = Path.cwd() if working is None else working
    except OSError:          # the working folder has been removed: it is no project's
        working = None
    here = _project_holding(working) if working is not None else None
    if here is not None:
        return None if _same_folder(here, project_root) else (Path(project_root), here, WORKING)
    named = "TALENT_PROJECT_ROOT" in os.environ if named is None else named
    if named:
        return None
    for place in _what_ran() if ran is None else ran:
        here = _project_holding(Path(place))
        if here is not None and not _same_folder(here, project_root):
            return Path(project_root), here, ENVIRONMENT
    return None


def refuse_another_project() -> None:
    """Stop, before anything is read or written, when these helpers would work on another project folder than the
    one the user works in (`another_project`): in a notebook's kernel as an InputError, which it shows as its
    message; elsewhere (`python -m helpers …`, papermill, a script) in one line, exit 2 (as make's own check of the
    environment)."""
    found = another_project()
    if found is None:
        _refuse_an_environment_left_behind()
        return
    from helpers.core.errors import InputError
    theirs, here, how = found
    if how == WORKING:
        problem = (f"you are working in this project folder, but these helpers work on the files of another one, "
                   f"{theirs} (this folder's environment was copied from there, or is that folder's): they would "
                   "read and write its data and reports")
    else:
        problem = (f"what you ran is this project folder's environment, but it runs the helpers of another one, "
                   f"{theirs} (the environment was copied from there with the folder): they would read and write "
                   "that folder's data and reports")
    _stop(InputError(here, None, problem,
                     f"run `make setup` in {here} (it gives this folder an environment of its own) and use its "
                     f"tools, or run `make` there; or work in {theirs}."))


def _stop(error) -> None:
    """In a notebook's kernel, the InputError, which it shows as its message; elsewhere one line, exit 2."""
    if not _in_a_notebook():
        from helpers.run.stopping import say
        say(f"error: {error.location}: {error.problem}. How to fix: {error.fix}")
        raise SystemExit(2)
    raise error


# This file, in the environment's site-packages, names the src/ of the project folder the environment is in,
# relative to itself (Python's site module reads a relative line so): record_own_src.
OWN_SRC = "talent_plan_own_src.pth"


def record_own_src(prefix: Path | None = None, project_root: Path = paths.PROJECT_ROOT) -> str:
    """Let the environment find the code of the project folder it is in, wherever the folder goes (`make setup`
    calls this). pip's editable install names src/ by its full path: in a folder moved since its set-up, or copied
    and the original deleted, the environment's Python found no helpers, and `.venv/bin/python -m papermill` (which
    loads the project's entry point as it starts) stopped with a traceback. pip's line is read first and wins while
    its folder exists (a copy whose original is there runs the original's code, and is refused:
    refuse_another_project); this one names the src/ beside the environment. An environment outside the project
    folder (conda's) is left as it is."""
    import sysconfig
    prefix = Path(sys.prefix if prefix is None else prefix)
    if not Path(os.path.abspath(prefix)).is_relative_to(os.path.abspath(project_root)):
        return f"{prefix} is outside {project_root}: its install of the project is left as pip made it"
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)}))
    relative = os.path.relpath(Path(project_root) / "src", site)
    (site / OWN_SRC).write_text(relative + "\n", encoding="utf-8")
    return f"{paths.display_path(site / OWN_SRC)} names this folder's src/ as {relative}, wherever the folder goes"


def environment_left_behind(prefix: Path | None = None) -> Path | None:
    """The folder a venv was made in (pyvenv.cfg's `command` line, which scripts/setup.sh reads too) when that is
    not where it is now and is gone: the project folder was moved, or copied and the original deleted. Its
    programs' first lines (bin/papermill, bin/jupyter) and the project's kernel still name that folder's Python.
    None for an environment in its place, a copy whose original is still there (refuse_another_project), and an
    environment that records no such line (conda's)."""
    prefix = Path(sys.prefix if prefix is None else prefix)
    try:
        config = (prefix / "pyvenv.cfg").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    made_in = next((line.split(" -m venv ", 1)[1] for line in config.splitlines()
                    if line.startswith("command") and " -m venv " in line), None)
    if made_in is None:
        return None
    made_in = Path(re.sub(r"^(?:-\S* )*", "", made_in) or ".")     # (its options first, as setup.sh strips them)
    if not made_in.is_absolute() or made_in.exists() or _same_folder(made_in, prefix):
        return None
    return made_in


def _refuse_an_environment_left_behind() -> None:
    """Stop in one line when the environment running this was made in a folder that is gone (a project folder
    moved, or copied and the original deleted): its kernel cannot start, and papermill stopped with a traceback.
    Not under make (TALENT_PROJECT_ROOT), whose own check repairs the set-up first."""
    if "TALENT_PROJECT_ROOT" in os.environ:
        return
    made_in = environment_left_behind()
    if made_in is None:
        return
    from helpers.core.errors import InputError
    here = _project_holding(Path(sys.prefix)) or Path(sys.prefix)
    _stop(InputError(Path(sys.prefix) / "pyvenv.cfg", None, f"this folder's environment was made in "
                     f"{made_in}, which is gone (the project folder was moved, or copied and the original deleted): "
                     "its programs (bin/papermill, bin/jupyter) and the project's Jupyter kernel still run that "
                     "folder's Python, so no notebook can run",
                     f"run `make setup` in {here}: it makes this folder an environment of its own (a few minutes; "
                     "`make` does it too, before its first step). Then run `.venv/bin/papermill` or `make lab` again."))


def link_out_of_project(folder: Path, project_root: Path = paths.PROJECT_ROOT) -> tuple[Path, Path] | None:
    """(the link, the folder it leads to) when `folder`, named inside the project folder, leads out of it through a
    symbolic link (its own, or one of its parents'): data/processed linked into another copy of the project, whose
    files a run would rewrite. None for a folder that stays inside (a link within the project too), and for one
    named outside it (PROCESSED_DIR=/tmp/x: the user's choice)."""
    named = Path(os.path.abspath(folder))
    for root in dict.fromkeys((Path(os.path.abspath(project_root)), Path(project_root).resolve())):
        if named == root or not named.is_relative_to(root):
            continue
        try:
            if named.resolve().is_relative_to(Path(project_root).resolve()):
                return None
        except (OSError, RuntimeError):      # a loop of links: not a folder anyone can write in
            pass
        parts = named.relative_to(root).parts
        for place in (root.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)):
            if place.is_symlink():
                return place, place.resolve()
    return None


def is_project_folder(folder: Path) -> bool:
    """(A folder that may not be looked into is none: a working folder under one was a PermissionError traceback as
    `import helpers` looked for the project that holds it.)"""
    try:
        return (folder / "Makefile").is_file() and (folder / "src" / "helpers").is_dir()
    except OSError:
        return False


def _project_holding(place: Path) -> Path | None:
    """The project folder that holds `place` (or is it), by its path as given: a .venv linked from elsewhere
    belongs to the folder it is in."""
    return next((f for f in (place, *place.parents) if is_project_folder(f)), None)


def _what_ran() -> tuple[str, ...]:
    """The environments of this process: the one it runs in (sys.prefix), and the one its program belongs to when
    that is an environment's tool (sys.argv[0] in a venv's or conda environment's bin/: a bin/papermill whose first
    line names another environment's Python). A script elsewhere says nothing of the environment."""
    program = Path(os.path.abspath(sys.argv[0])) if sys.argv and sys.argv[0] not in ("", "-m", "-c") else None
    tools_of = program.parent.parent if program is not None and program.parent.name == "bin" else None
    if tools_of is not None and ((tools_of / "pyvenv.cfg").is_file() or (tools_of / "conda-meta").is_dir()):
        return sys.prefix, str(tools_of)
    return (sys.prefix,)


def _in_a_notebook() -> bool:
    """A kernel (or IPython) is running: it shows an InputError as its message (helpers.run.notebook_display)."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython
    return get_ipython() is not None


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == Path(b).resolve()
    except OSError:
        return False
