"""One content fingerprint of every input: the plan documents, the monitoring workbooks, the config.

    python -m helpers inputs --raw-dir data/raw --config-dir config data/processed/.inputs.json

`make` cannot list files whose names hold spaces, `#` or `:` (an analyst's `2021年 监测数据.xlsx`), so
the data step depends on this one file instead. It lists every input by content and is rewritten only
when an input is added, removed, renamed or changed, so that its time tells make when to rebuild.
Standard library only: it runs on every `make report`, so it must be quick.

It also settles the times of files dated in the future (a project copied from a machine whose clock was ahead):
make compares times, and a config file or helper newer than anything it can make would have its steps redone on
every run (or, for a helper, make reread its step list forever). Such a file gets the present time, and a note
says which.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import refuse_special_file
from helpers.core.limits import cap_of_input, check_size
from helpers.core.paths import NOTEBOOKS_DIR, TEMPLATES_DIR, display_path
from helpers.files.atomic import replaced_when_done, write_if_changed
from helpers.files.processed import check_read_back, sha256

# Files no one put there on purpose: Excel's lock files (~$…), Windows' and macOS's folder files.
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store"}


def is_input(path: Path) -> bool:
    name = path.name
    return not name.startswith((".", "~$")) and name.lower() not in SYSTEM_FILES


def input_files(folder: Path) -> list[Path]:
    """Every input file under `folder`, in a stable order (hidden files and folders skipped). A named pipe, a
    socket or a device there (or a link to one) is an InputError naming it: it was passed over without a word (in
    data/raw/monitoring/, its figures left out), or, as a plan, hung the data step that opened it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not all(is_input(Path(part)) for part in relative.parts):
            continue
        if path.is_file():
            out.append(path)
        else:
            refuse_special_file(path)
    return out


def fingerprint(folders: dict[str, Path]) -> dict[str, dict[str, str]]:
    """{label: {relative path: sha256}} for each folder. A link that leads to no file (to a folder, nowhere, or
    into a loop of links) by where it leads: adding one reruns the data step, which names it (it was not listed,
    so make said nothing until another input changed). A file past the cap of what it is read as
    (helpers.core.limits) is an InputError before any file is hashed: a 20 GB one was hashed for minutes first."""
    listed = {label: sorted(input_files(folder) + _links_to_no_file(Path(folder))) for label, folder in folders.items()}
    for label, files in listed.items():
        for p in files:
            check_size(p, cap_of_input(label, p.relative_to(folders[label])))
    return {label: {p.relative_to(folders[label]).as_posix(): sha256(p) if p.is_file() else f"link to {os.readlink(p)}"
                    for p in files}
            for label, files in listed.items()}


def _links_to_no_file(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_symlink() and not p.is_file()
            and all(is_input(Path(part)) for part in p.relative_to(folder).parts)]


def record(folders: dict[str, Path]) -> dict:
    """What .inputs.json holds, and what the data step records in build_info.json as the inputs a dataset was
    built from: each folder by name (a dataset built from a colleague's folder cites that folder's files, even
    when they are the same) and every file in it by content."""
    return {**fingerprint(folders),
            "folders": {label: display_path(os.path.abspath(folder)) for label, folder in folders.items()}}


def data_step_record(raw_dir: Path, config_dir: Path) -> dict:
    """The record of the data step's inputs, the one `make` keeps in .inputs.json."""
    return record({"raw": raw_dir, "config": config_dir})


def update(output: Path, folders: dict[str, Path]) -> bool:
    """Rewrite `output` if the inputs' fingerprint differs from the one it holds. True when rewritten."""
    return write_record(output, record(folders))


def write_record(output: Path, inputs: dict, force: bool = False) -> bool:
    """Write the inputs' `record` to `output` if it differs from the one it holds, or when `force`d (its new time
    then tells make to redo the steps after it). True when written."""
    text = json.dumps(inputs, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if force:
        with replaced_when_done(Path(output)) as partial:
            partial.write_text(text, encoding="utf-8")
        return True
    return write_if_changed(output, text)


def built_from_other_inputs(processed_dir: Path, current: dict) -> str:
    """Why the dataset in `processed_dir` was not built from the inputs `current` records ("" when it was, or when
    there is none). A dataset written from another folder (a lab notebook with its raw_dir changed) is newer than
    .inputs.json, so make alone would take it for up to date and publish it."""
    if not (Path(processed_dir) / paths.INDICATORS_CSV).exists():
        return ""
    try:
        built = json.loads((Path(processed_dir) / paths.BUILD_INFO_JSON).read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"there is no record of the inputs it was built from ({paths.BUILD_INFO_JSON} is missing or older)"
    if built == current:
        return ""
    if not isinstance(built, dict):
        return f"its record of the inputs it was built from ({paths.BUILD_INFO_JSON}) is damaged"
    recorded, given = built.get("folders") or {}, current["folders"]
    moved = [f"{recorded.get(label, '?')}, not {folder}" for label, folder in given.items()
             if recorded.get(label) != folder]
    if moved:
        return "it was built from " + "; ".join(moved)
    changed = sorted(f"{folder}/{name}" for label, folder in given.items()
                     for name in set(built.get(label) or {}) | set(current[label])
                     if (built.get(label) or {}).get(name) != current[label].get(name))
    return ("it was built from other versions of the inputs" +
            (f" ({', '.join(changed[:3])}{' …' if len(changed) > 3 else ''})" if changed else ""))


def check_built_from_current_inputs(processed_dir: Path, config_dir: Path) -> None:
    """What make's inputs step makes sure of before every run, for an analysis read outside make (notebooks 02/03 in
    JupyterLab): the dataset in `processed_dir` was built from the inputs as they are now. The raw folder is the one
    make reads (.inputs.json, from make's last run), else the one the dataset names; the config folder is the one
    the analysis reads. Otherwise an InputError naming what changed, with the command that rebuilds."""
    processed_dir = Path(processed_dir)
    check_read_back(processed_dir)
    current = data_step_record(_raw_folder(processed_dir), Path(config_dir))
    why = built_from_other_inputs(processed_dir, current)
    if why:
        from helpers.core.errors import InputError
        raise InputError(processed_dir / paths.INDICATORS_CSV, None,
                         f"the processed data are not built from the inputs as they are now: {why}",
                         f"rebuild them: `{_make_data(processed_dir, current['folders'])}`. (It reads the plans "
                         "and workbooks again; the analysis then runs on what they hold now.)")


def _raw_folder(processed_dir: Path) -> Path:
    """The raw folder a dataset in `processed_dir` must be built from: the one make's last run read, recorded in
    .inputs.json; without one (only lab runs so far), the one the dataset was built from."""
    for record, keys in ((paths.INPUTS_JSON, ("folders",)), (paths.BUILD_INFO_JSON, ("inputs", "folders"))):
        try:
            held = json.loads((processed_dir / record).read_text(encoding="utf-8"))
            for key in keys:
                held = held[key]
            folder = Path(held["raw"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        return folder if folder.is_absolute() else paths.PROJECT_ROOT / folder
    return paths.RAW_DIR


def _make_data(processed_dir: Path, folders: dict[str, str]) -> str:
    """`make data`, with the folders given where they are not the project's own."""
    given = {"RAW_DIR": (folders["raw"], paths.RAW_DIR), "CONFIG_DIR": (folders["config"], paths.CONFIG_DIR),
             "PROCESSED_DIR": (display_path(os.path.abspath(processed_dir)), paths.PROCESSED_DIR)}
    if all(folder == display_path(default) for folder, default in given.values()):
        return "make data"
    return "make data " + " ".join(f'{name}="{folder}"' for name, (folder, _) in given.items())


# A file more than this far ahead of the clock is dated in the future (a little slack for network disks).
FUTURE_SLACK_SECONDS = 2
# What make compares by time, in the project: the code and notebooks, the templates, the set-up files.
PROJECT_FILES = ("Makefile", "pyproject.toml", "requirements.lock", "environment.yml")
PROJECT_FOLDERS = ("src", NOTEBOOKS_DIR.name, TEMPLATES_DIR.name, "scripts")


# How deep the steps write in the folders given (processed/<file>, reports/<year>/<file>): a folder given may be
# the analyst's own (PROCESSED_DIR=~/Desktop), whose other files are not ours to touch, nor to walk through.
OUTPUT_DEPTH = 2


def settle_future_times(folders: list[Path], project_root: Path | None = None) -> list[Path]:
    """Give every file dated in the future, in the project and up to OUTPUT_DEPTH deep in `folders`, the present
    time. Returns them."""
    root = Path(project_root or paths.PROJECT_ROOT)
    now = time.time()
    candidates = [root / name for name in PROJECT_FILES]
    for folder in (root / name for name in PROJECT_FOLDERS):
        if folder.is_dir():
            candidates += [p for p in folder.rglob("*") if p.is_file()]
    for folder in folders:
        candidates += [p for pattern in ("*", "*/*")[:OUTPUT_DEPTH] for p in Path(folder).glob(pattern)
                       if p.is_file()]
    # Only what is the project's or the run's: a link (a linked file, or a file in a linked folder) that leads
    # elsewhere is read, but what it leads to is someone else's, and its time is not ours to change.
    ours = [root.resolve(), *(Path(folder).resolve() for folder in folders)]
    settled, elsewhere = [], []
    for path in candidates:
        try:
            if path.stat().st_mtime > now + FUTURE_SLACK_SECONDS:
                target = path.resolve()
                if not any(target.is_relative_to(place) for place in ours):
                    elsewhere.append((path, target))
                    continue
                os.utime(target)
                settled.append(path)
        except OSError:
            continue
    for link, target in elsewhere[:3]:
        print(f"note: {paths.display_path(link)} leads to {target}, outside the project, which is dated in the future: "
              "left as it is (make may redo the steps after it until that time has passed); give it the present "
              f"time yourself (`touch \"{target}\"`) or copy the file into the project instead of the link.",
              file=sys.stderr)
    if settled:
        names = ", ".join(paths.display_path(p) for p in settled[:3]) + (" …" if len(settled) > 3 else "")
        print(f"note: {len(settled)} files were dated in the future (copied from a machine whose clock was ahead?); "
              f"they now have the present time, so that make can compare them: {names}", file=sys.stderr)
    return settled
