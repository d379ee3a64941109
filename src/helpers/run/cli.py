"""The one command-line entry for every step that `make` and the notebooks call.

    python -m helpers run NOTEBOOK OUTPUT [-p NAME VALUE ...]   execute a notebook with papermill
    python -m helpers inputs OUTPUT                              fingerprint every input file (for make)
    python -m helpers resolve [--year Y] [--entities a,b] ...    work the run out once: data/processed/run.json
    python -m helpers publish BUILD_DIR REPORTS_DIR --run RUN    put a report's built files in place together
    python -m helpers check-install [--imports]                  is this environment complete? (make setup)
    python -m helpers kernel                                     register the project's Jupyter kernel
    python -m helpers lab [JUPYTERLAB OPTIONS]                   JupyterLab on the project's kernel
    python -m helpers manifest                                   record the raw files' checksums
    python -m helpers analyse                                    the run's analysis tables (comparison.csv, …)
    python -m helpers template [OUTPUT]                          write the monitoring workbook template
    python -m helpers results-workbook OUTPUT                    the results workbook of the run
    python -m helpers render documents NB --run RUN --into DIR   the run's brief and report, HTML and PDF
    python -m helpers render html|pdf SOURCE OUTPUT              one document's HTML, or a PDF from an HTML
    python -m helpers synthetic N SCRATCH                        synthetic counties for benchmarks

Every command prints one line on success. On bad input it prints the project's error (file, place,
problem, fix) and exits with 1, never a traceback; a bad parameter is one line. Ctrl-C or SIGTERM
prints one line and exits with 130. Heavy imports happen inside the commands, so that the quick ones
(inputs, resolve, publish) stay quick. Every step after `resolve` reads the run from run.json. Folders
given relative are read from the working folder (the project's, under make).
"""
from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
from pathlib import Path
from typing import Callable

from helpers.core import paths
from helpers.core.errors import NOTHING_REPLACED, InputError, ParameterError, ReportedError, file_error
from helpers.run.stopping import say

INTERRUPTED = 130  # the shell's exit status for a run stopped by Ctrl-C


def exit_status(step: Callable[[], str | None], after_error: str | Callable[[], str] = "") -> int:
    """Run one command-line step: print what it reports and return 0; on bad input, print the error
    (never a traceback) and `after_error` (a text, or a function that says what the failed run left), and
    return 1. A bad parameter is one line; Ctrl-C (or SIGTERM) is one line and returns 130."""
    def afterwards() -> str:
        text = after_error() if callable(after_error) else after_error
        return f"\n{text}" if text else ""

    try:
        message = step()
    except ParameterError as exc:
        say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _said_once()
        say(f"interrupted.{afterwards() or ' ' + NOTHING_REPLACED}".replace("\n", " "))
        return INTERRUPTED
    except OSError as exc:
        _said_once()
        say(f"error: {file_error(exc, writing=None)}{afterwards()}")
        return 1
    except (InputError, ReportedError) as exc:
        _said_once()
        say(f"error: {exc}{afterwards()}")
        return 1
    if message:
        try:
            print(message, flush=True)
        except BrokenPipeError:  # whoever read the output stopped (make was stopped): nothing to tell
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return 0


def _said_once() -> None:
    """The failure is said in words: what it left half-done (a workbook's zip archive on a full disk) fails again as
    Python clears it away, and would add "Exception ignored in: …" and a traceback after the words."""
    sys.unraisablehook = lambda unraisable: None


def _run(args) -> str:
    from helpers.run.notebook_runner import (
        check_notebook,
        check_parameter_names,
        folder_parameters,
        parameter_value,
        run_notebook,
    )
    check_notebook(args.notebook)
    _check_not_a_committed_notebook(args.notebook, args.output)
    check_parameter_names(args.notebook, [name for name, _ in args.parameter])
    parameters = folder_parameters({name: parameter_value(v) for name, v in args.parameter}, Path.cwd())
    return run_notebook(args.notebook, args.output, parameters)


def _check_not_a_committed_notebook(notebook: Path, output: Path) -> None:
    """An executed notebook is never written over the notebook it runs, nor into notebooks/, which stays as committed,
    without outputs: `run notebooks/02_comparison.ipynb notebooks/02_comparison.ipynb` wrote the run's outputs (and
    parameters) into the tracked notebook."""
    where = output.resolve()
    example = paths.display_path(paths.REPORTS_DIR / "executed" / notebook.name)
    if where == notebook.resolve():
        raise ParameterError(f"{output} is the notebook being run: its outputs would be written into it. Give "
                             f"another OUTPUT, e.g. {example}.")
    if where.is_relative_to(paths.NOTEBOOKS_DIR.resolve()):
        raise ParameterError(f"{output} is in {paths.display_path(paths.NOTEBOOKS_DIR)}/, which holds the notebooks "
                             f"as committed, without outputs: give an OUTPUT outside it, e.g. {example}.")


def _run_outputs(args) -> list[Path]:
    """What a notebook run writes: its output, and the files in its output folder parameters (processed_dir).
    (Not the rest of its output's folder, where other runs may write meanwhile.)"""
    inputs = {"raw_dir", "config_dir"}
    return [args.output] + [Path(v) for name, v in args.parameter if name.endswith("_dir")
                            and name not in inputs and v.strip()]


def _snapshot(places: list[Path]) -> dict[Path, tuple[int, int]]:
    """Each file's time and size: a file given, or the files of a folder given."""
    state = {}
    for place in places:
        try:
            files = [Path(place)] if not Path(place).is_dir() else \
                [p for p in Path(place).iterdir() if not p.name.startswith(".")]
            for p in files:
                if p.is_file():
                    st = p.stat()
                    state[p] = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
    return state


def _what_was_left(folders: list[Path]) -> Callable[[], str]:
    """After a failure: say honestly whether the run replaced any output before it stopped."""
    before = _snapshot(folders)

    def what() -> str:
        changed = sorted(p for p, s in _snapshot(folders).items() if before.get(p) != s)
        if not changed:
            return NOTHING_REPLACED
        return ("Replaced before the failure, each file complete: " +
                ", ".join(paths.display_path(p) for p in changed) + ". Every other output is from the last good run.")
    return what


def _inputs(args) -> None:
    from helpers.files.fingerprint import built_from_other_inputs, data_step_record, settle_future_times, write_record
    from helpers.run.parameters import MAKE, check_before_data, check_output_folders
    _check_raw_folder(args.raw_dir)     # (a record of no raw file at all would pass for up to date)
    # The first step of every run: a mistyped parameter stops it here, before anything runs (resolve checks the
    # year against the data once the data step has run); an output folder among the inputs, before it is written.
    check_output_folders(args.raw_dir, {"processed_dir": args.output.parent, "reports_dir": args.reports_dir},
                         config_dir=args.config_dir)
    from helpers.files.processed import check_read_back
    check_read_back(args.output.parent)
    check_before_data(args.year, args.entities, args.lang, args.documents, args.config_dir, spelling=MAKE,
                      base=Path.cwd())
    # One run at a time writes these folders: a second run stops here, before it has written anything.
    import psutil

    from helpers.files.run_lock import take_for_make_run
    from helpers.run.stopping import make_that_ran_this_step
    make = make_that_ran_this_step(psutil.Process())
    take_for_make_run([args.output.parent, args.reports_dir or paths.REPORTS_DIR], make)
    settle_future_times([args.config_dir, args.output.parent, *([args.reports_dir] if args.reports_dir else [])])
    current = data_step_record(args.raw_dir, args.config_dir)
    if write_record(args.output, current):
        return      # an input changed: make rebuilds the dataset
    # The inputs are as before, but the dataset may not be built from them: one written from a lab notebook whose
    # raw_dir named another folder is newer than .inputs.json, and make would take it for up to date. Writing
    # .inputs.json again makes the data step rebuild it.
    stale = built_from_other_inputs(args.output.parent, current)
    if stale:
        print(f"note: {paths.display_path(args.output.parent / paths.INDICATORS_CSV)} was not built from the inputs "
              f"named here: {stale}. Rebuilding it from {current['folders']['raw']} and "
              f"{current['folders']['config']}.", file=sys.stderr)
        write_record(args.output, current, force=True)


def _resolve(args) -> str:
    """Check the parameters (the year against the data) and record the run in run.json."""
    from helpers.run import parameters as p
    run = p.resolve(args.year, args.entities, args.lang, args.documents, args.processed_dir, args.config_dir,
                    spelling=p.MAKE, base=Path.cwd())
    written = p.write_run(run, args.processed_dir)
    return (f"the run: {run.year}, {', '.join(run.entities)}, {run.lang}, {' and '.join(run.documents)} "
            f"({'written to' if written else 'as in'} {paths.display_path(args.processed_dir / paths.RUN_JSON)})")


def _publish(args) -> str:
    """Put the report's built files in place together. With --run, those of the run, under its names, in
    REPORTS_DIR/<year>/; nothing is done when they are all in place already."""
    from helpers.core.errors import InputError
    from helpers.files.atomic import install_together
    if args.run_file:
        from helpers.run.parameters import read_run
        _check_run_file(args.run_file)
        run = read_run(args.run_file.parent, args.config_dir)
        report_dir = args.report_dir / str(run.year)
        pairs = [(args.build_dir / built, report_dir / name) for built, name in run.published(args.html_only)]
    else:
        report_dir = args.report_dir
        _check_names(args.names)
        pairs = [(args.build_dir / name, report_dir / name) for name in args.names]
    missing = [source for source, _ in pairs if not source.is_file()]
    if missing:
        raise InputError(missing[0], None, "a file of the report was not built",
                         "run `make report` again (if it says nothing is to be done, delete reports/.build/ first).")
    if args.run_file and all(_same_file(source, target) for source, target in pairs):
        return ""
    report_dir.mkdir(parents=True, exist_ok=True)
    new_notebook = not _same_file(*pairs[0]) if pairs else False     # (run.published: the notebook first)
    done = install_together(pairs)
    if args.run_file and args.html_only and new_notebook:
        _say_what_is_older(report_dir, run)
    return f"published {len(done)} files in {paths.display_path(report_dir)}/: " + \
        ", ".join(p.name for p in done)


def _check_names(names: list[str]) -> None:
    """The NAMEs to publish, without --run: files of the build folder, by name (none given published nothing, with a
    ValueError traceback; a path took a file from elsewhere)."""
    if not names:
        raise ParameterError("publish: give --run RUN (the run's run.json, e.g. data/processed/run.json), or the "
                             "NAMEs of the built files to publish: nothing is named to publish.")
    for name in names:
        if not name.strip() or Path(name).name != name or name in (".", ".."):
            raise ParameterError(f"publish: {name!r} is not the name of a file in BUILD_DIR: give each NAME as a "
                                 "file name alone, e.g. brief.pdf.")


def _check_run_file(run_file: Path) -> None:
    """--run names the run's record, run.json, which is read from its folder: another file there (a typo, the run of
    another folder) was passed over for the run.json beside it."""
    if run_file.name != paths.RUN_JSON:
        raise ParameterError(f"--run {run_file}: give the run's {paths.RUN_JSON}, e.g. "
                             f"{paths.display_path(paths.PROCESSED_DIR / paths.RUN_JSON)}.")


def _say_what_is_older(report_dir: Path, run) -> None:
    """`make html` has published the HTML of a new report notebook alone: the run's PDFs and results workbook beside
    it are an earlier `make report`'s, with its figures. Say so, and how to renew them."""
    others = [report_dir / f"{run.files[d]}.pdf" for d in run.documents] + [report_dir / run.files["results"]]
    older = [p.name for p in others if p.exists()]
    if older:
        say(f"note: {', '.join(older)} in {paths.display_path(report_dir)}/ are from an earlier run than the HTML "
              "published now: `make report` rebuilds them.")


def _same_file(source: Path, target: Path) -> bool:
    """The target is the source as published (a hard link, or a copy given the same time)."""
    try:
        a, b = source.stat(), target.stat()
    except OSError:
        return False
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def _check_install(args) -> str:
    from helpers.core.errors import InputError
    from helpers.run.environment import FIX, check, foreign_code
    if args.own_code_first:
        problem = foreign_code()
        if problem:        # exit 2: refused (make does not repair it: the environment may be another folder's)
            say(f"error: {problem}")
            raise SystemExit(2)
    missing = check(imports=args.imports, packages_only=args.packages_only)
    if missing:
        raise InputError(sys.prefix, None, "this environment is incomplete:\n    " + "\n    ".join(missing),
                         FIX.format(prefix=paths.display_path(sys.prefix)))
    return f"complete: {sys.prefix}" + (" (every package imports)" if args.imports else "")


def _kernel(args) -> str:
    from helpers.run.notebook_runner import KERNEL_DISPLAY_NAME, KERNEL_NAME, install_kernel
    return f"registered the Jupyter kernel {KERNEL_NAME} ({KERNEL_DISPLAY_NAME}) in {install_kernel()}"


def _lab(args) -> str:
    """JupyterLab as analysts use it: rooted at the project, opening the analysts' copies of the notebooks in lab/
    (notebooks/ stays as committed: helpers.run.lab), its kernels on local IPC sockets (as papermill's), and as root
    too (a container, a CI box). Options after `lab` go to JupyterLab."""
    import os

    from helpers.run.lab import WORK_DIR, prepare_copies
    from helpers.run.notebook_runner import KERNEL_NAME, KERNEL_TRANSPORT
    for note in prepare_copies():
        say(f"note: {note}")
    print(f"Your copies of the notebooks are in {WORK_DIR}/ (notebooks/ is read-only in JupyterLab).", flush=True)
    command = [sys.executable, "-m", "jupyter", "lab", f"--KernelManager.transport={KERNEL_TRANSPORT}",
               f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
               "--ServerApp.contents_manager_class=helpers.run.lab.CommittedNotebooksReadOnly",
               f"--ServerApp.root_dir={paths.PROJECT_ROOT}", f"--LabApp.default_url=/lab/tree/{WORK_DIR}",
               # an office machine is often offline: no news feed or update check from the internet
               "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")       # JupyterLab refuses to start as root without it
    sys.stdout.flush()
    os.execv(sys.executable, command + args.lab_args)   # JupyterLab takes over this process (and Ctrl-C)


def _check_raw_folder(raw_dir: Path) -> None:
    """A raw folder that does not exist, named on the command line: said in one line (the manifest's advice to copy
    the plans into it failed; `inputs` recorded no raw file at all and exited 0). One that cannot be read is said
    too: `inputs` recorded no file in it and exited 0."""
    if not Path(raw_dir).is_dir():
        raise ParameterError(f"the raw folder {raw_dir} (--raw-dir; make's RAW_DIR) does not exist. Name the "
                             "folder that holds the raw plan documents, or leave it out for the default, "
                             f"{paths.display_path(paths.RAW_DIR)}.")
    if not os.access(raw_dir, os.R_OK | os.X_OK):
        raise InputError(raw_dir, None, "the raw folder cannot be read: permission denied",
                         f"give yourself the right to read it (`chmod -R u+rX {paths.display_path(raw_dir)}`, or "
                         "ask its owner), then rerun.")


def _check_output_file(path: Path, what: str, example: Path) -> None:
    """An output named on the command line must name a file: '' (read as the current folder), /, .. and a folder
    that exists name none (the advice built from '' and the temporary file beside it were ValueError tracebacks,
    and .. was advised to become ...xlsx). Said in one line, before anything runs; a folder that exists is advised
    a file in it."""
    if path.name not in ("", ".", "..") and not path.is_dir():
        return
    given = "the name given ('' or .) is the current folder" if str(path) == "." else f"{path} is a folder"
    if path.is_dir() and path.name not in ("", ".", ".."):
        example = path / example.name
    raise ParameterError(f"{given}, not a file: give the {what}'s file name, e.g. {paths.display_path(example)}.")


# ----------------------------------------------------------------------------------------- the arguments
# What each file and folder argument is, checked as the command line is read, before anything runs: a call that
# cannot be right is one line of ours and exit status 1, never a traceback, and nothing is written elsewhere.

class _Parser(argparse.ArgumentParser):
    """argparse's parser, but a command line it cannot read (an argument missing, one it does not know, a choice it
    does not offer) is one line of ours and exit status 1, as for every other bad input, not argparse's usage
    and exit status 2."""

    def error(self, message: str):
        raise ParameterError(f"{self.prog}: {message}. `{self.prog} --help` says what to give.")


def _names_something(text: str, kind: str, what: str, example: Path | str) -> None:
    """'' names nothing, and / is the whole file system: as Path('') is the working folder, `report --into ''` wrote
    the report's files into the project's folder and `render documents --brief ''` wrote <folder>.html beside it;
    `publish BUILD_DIR /` published into /, and `inputs --raw-dir /` read every file of the machine."""
    if not text.strip():
        raise ParameterError(f"'' names no {kind}: give the {what}, e.g. {paths.display_path(example)}.")
    if os.path.realpath(text) == "/":
        raise ParameterError(f"{text} is the root of the whole file system: give the {what}, e.g. "
                             f"{paths.display_path(example)}.")


def _folder(what: str, example: Path | str) -> Callable[[str], Path]:
    """A folder argument (read, written, or both): a file is not one."""
    def folder(text: str) -> Path:
        _names_something(text, "folder", what, example)
        if Path(text).is_symlink() and not Path(text).exists():     # (was: "could not be opened (File exists)")
            raise ParameterError(f"{text} is a link to {os.readlink(text)}, which does not exist: give the {what}, "
                                 f"e.g. {paths.display_path(example)} (or make the folder the link leads to).")
        if Path(text).is_file():
            raise ParameterError(f"{text} is a file, not a folder: give the {what}, e.g. "
                                 f"{paths.display_path(example)}.")
        return Path(text)
    return folder


def _file_to_read(what: str, example: Path | str) -> Callable[[str], Path]:
    """A file argument the command reads: a folder is not one (a file that is missing, or is not what it should be,
    is said by the command, which knows how to make it)."""
    def file(text: str) -> Path:
        _names_something(text, "file", what, example)
        if Path(text).is_dir():
            raise ParameterError(f"{text} is a folder, not a file: give the {what}, e.g. "
                                 f"{paths.display_path(example)}.")
        return Path(text)
    return file


RUN_EXAMPLE = paths.PROCESSED_DIR / paths.RUN_JSON
# What a file written under each ending is (a name without it was written all the same: papermill only warned).
KINDS = {".xlsx": "an Excel workbook", ".ipynb": "a Jupyter notebook", ".html": "a web page", ".pdf": "a PDF"}


def _file_to_write(what: str, example: Path, suffix: str | None = None) -> Callable[[str], Path]:
    """A file argument the command writes: it names a file (not '', /, .. or a folder), ending as its kind does."""
    def file(text: str) -> Path:
        path = Path(text)
        _check_output_file(path, what, example)
        if suffix:
            _check_suffix(path, what, suffix)
        return path
    return file


def _check_suffix(path: Path, what: str, suffix: str) -> None:
    if path.suffix.lower() != suffix:   # (an .xlsx written under reports/x.txt opens as garbage)
        raise ParameterError(f"{path}: the {what} is {KINDS[suffix]}: give a name ending in {suffix}, e.g. "
                             f"{path.with_suffix(suffix)}.")


def _manifest(args) -> str:
    from helpers.core.config import load_sources, plan_path
    from helpers.core.errors import InputError
    from helpers.extract.manifest import write_manifest
    _check_raw_folder(args.raw_dir)     # (advice to copy the plans into a folder that does not exist fails)
    sources = load_sources(args.config_dir)
    files = [p.file for p in sources.plans]
    from helpers.extract.plans import read_plan
    linked = {}
    for plan in sources.plans:
        path = plan_path(args.raw_dir, plan, sources)
        if not path.exists():
            raise InputError(path, None, "the raw plan document named in config/sources.yaml is missing",
                             f"copy it into {paths.display_path(args.raw_dir)}/ first.")
        # A file the data step cannot read is not recorded as good: its problem is said now (a scan, a password,
        # a damaged file, no table under the configured title), with how to fix it. The files beside it that its
        # reader read (a web page's style sheets) are recorded with it.
        linked[plan.file] = [f.path for f in read_plan(path, plan, sources).linked_files]
    path = write_manifest(args.raw_dir, files, linked)
    sheets = len({p for read in linked.values() for p in read})
    return (f"recorded {len(files)} checksums in {paths.display_path(path)}" +
            (f", and those of {sheets} style sheet{'s' * (sheets != 1)} the plans read" if sheets else ""))


def _analyse(args) -> str:
    from helpers.analyse.tables import build_tables_for_run
    written = build_tables_for_run(args.processed_dir, args.config_dir)
    return f"wrote {', '.join(p.name for p in written)} in {paths.display_path(written[0].parent)}/"


def _template(args) -> str:
    from helpers.core.config import load_catalogue, load_sources
    from helpers.extract.monitoring import first_figure_in_template, write_template
    output = _template_path(args.output, make_folder=args.make_folder, config_dir=args.config_dir)
    filled = first_figure_in_template(output)
    if filled is not None:      # (an analyst who filled the template in place would lose their figures)
        raise ParameterError(f"{paths.display_path(output)} is already there and "
                             + (f"holds figures ({filled})" if filled else "is not a template this can read")
                             + ": it is not replaced. Move it away first (a filled workbook goes into "
                             "data/raw/monitoring/), then run the command again.")
    path = write_template(output, load_sources(args.config_dir), load_catalogue(args.config_dir))
    return f"wrote {paths.display_path(path)}: fill it in and save it (any name) in data/raw/monitoring/"


def _template_path(given: str, make_folder: bool = False, config_dir: Path | None = None) -> Path:
    """Where the template goes: into a folder given as one (ending in /, or one that exists), under its usual
    name; otherwise the workbook named, which must end in .xlsx (Excel opens nothing else as a workbook).
    `make_folder`: make a missing folder (`make template` does, as every make step makes REPORTS_DIR). Never into
    a folder a run reads (REPORTS_DIR=notebooks wrote it among the notebooks; into data/raw/monitoring it would
    be read as a workbook), checked before any folder is made."""
    from helpers.run.parameters import check_not_an_input_folder
    _names_something(given, "file or folder", "workbook's name (.xlsx) or a folder (ending in /) to write it in",
                     paths.REPORTS_DIR / paths.MONITORING_TEMPLATE)
    path = Path(given).expanduser()
    if given.endswith(("/", os.sep)) or path.is_dir():
        path = path / paths.MONITORING_TEMPLATE
    elif path.suffix.lower() != ".xlsx":
        raise ParameterError(f"{given}: give a workbook name ending in .xlsx, or a folder (ending in /) to write "
                             f"{paths.MONITORING_TEMPLATE} in.")
    check_not_an_input_folder("output", given, path.parent, {"output": "the template's place"},
                              paths.REPORTS_DIR, {"config": config_dir} if config_dir else None)
    # A folder that does not exist is not made (a typo made one): the project's own reports folder excepted.
    if make_folder and not path.parent.is_dir():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ParameterError(f"{given}: the folder {path.parent} could not be made ({error.strerror}): give a "
                                 "folder you may write in.") from None
    if not path.parent.is_dir() and path.parent.resolve() != paths.REPORTS_DIR.resolve():
        raise ParameterError(f"{given}: there is no folder {path.parent}: give a folder that exists (or make it "
                             f"first: `mkdir -p {shlex.quote(str(path.parent))}`).")
    return path


def _results_workbook(args) -> str:
    from helpers.analyse import load_run_inputs, read_tables
    from helpers.report.results_workbook import write_results
    from helpers.run.parameters import read_run
    run = read_run(args.processed_dir, args.config_dir)
    inputs = load_run_inputs(args.processed_dir, args.config_dir, run)
    return f"wrote {write_results(inputs, read_tables(inputs), args.output, run.lang)}"


def _render(args) -> str:  # one file at a time; `report` builds and publishes them together
    from helpers.files.atomic import replaced_when_done
    from helpers.report import render
    _check_render_arguments(args)
    if args.format == "documents":
        lang = args.lang
        stems = {doc: stem for doc, stem in (("brief", args.brief), ("report", args.report)) if stem}
        if args.run_file:       # the run's documents and language, built under fixed names in --into
            from helpers.run.parameters import read_run
            run = read_run(args.run_file.parent, args.config_dir)
            lang, stems = run.lang, {doc: args.into / doc for doc in run.documents}
        done = render.render_documents(args.source, stems, lang, pdf=not args.html_only)
        if args.run_file and not args.html_only:
            _record_rendering(args.into, done)
        return "wrote " + ", ".join(str(p) for p in done)
    if args.format == "html":
        html = render.export_html(args.source, args.document, args.lang)
        with replaced_when_done(args.output) as partial:
            partial.write_text(html, encoding="utf-8")
    else:
        render.print_pdf(args.source, args.output)
    return f"wrote {args.output}"


def _check_render_arguments(args) -> None:
    """Each way of calling `render` gets what it needs, and nothing it would pass over (the PDF's or HTML's missing
    OUTPUT, and --run without --into, were TypeError tracebacks)."""
    example = "python -m helpers render documents reports/.build/04_report.ipynb"
    if args.format != "documents":
        suffix = f".{args.format}"
        if args.output is None:
            source = "reports/.build/brief.html" if args.format == "pdf" else "reports/.build/04_report.ipynb"
            raise ParameterError(f"render {args.format}: give the OUTPUT file too, e.g. `python -m helpers render "
                                 f"{args.format} {source} reports/brief{suffix}`.")
        _check_suffix(args.output, "output", suffix)
        return
    if args.output is not None:
        raise ParameterError(f"render documents takes no OUTPUT ({args.output}): it writes the documents where "
                             f"--run RUN --into DIR, or --brief STEM and/or --report STEM, say (e.g. `{example} --run "
                             "data/processed/run.json --into reports/.build`).")
    if args.run_file:
        _check_run_file(args.run_file)
    if bool(args.run_file) != bool(args.into):
        raise ParameterError(f"render documents: --run and --into go together: give both (e.g. `{example} --run "
                             "data/processed/run.json --into reports/.build`), or --brief STEM and/or --report STEM.")
    if not (args.run_file or args.brief or args.report):
        raise ParameterError(f"render documents: give --run RUN --into DIR, or --brief STEM and/or --report STEM "
                             f"(e.g. `{example} --brief reports/brief`).")


def _report(args) -> str:
    """The report step: the report notebook executed for the run (run.json) and its documents rendered from it,
    in one process, so that Chromium starts while the kernel runs; all published together, or nothing."""
    from helpers.report import render
    from helpers.run.notebook_runner import check_notebook, execute_notebook, folder_parameters
    from helpers.run.parameters import read_run
    check_notebook(args.notebook)      # (one that is not a notebook was nbformat's NotJSONError traceback)
    run = read_run(args.processed_dir, args.config_dir)
    parameters = folder_parameters({"processed_dir": str(args.processed_dir), "config_dir": str(args.config_dir)},
                                   Path.cwd())

    def execute(partial: Path, **hooks) -> object:
        return execute_notebook(args.notebook, partial, parameters, **hooks)

    done = render.render_documents(args.into / args.notebook.name, {doc: args.into / doc for doc in run.documents},
                                   run.lang, pdf=not args.html_only, execute=execute, source=args.notebook)
    if not args.html_only:
        _record_rendering(args.into, done)
    return "wrote " + ", ".join(paths.display_path(p) for p in done)


def _record_rendering(folder: Path, done: list[Path]) -> None:
    """documents.json: what one render wrote (make's target for it), written last."""
    import json

    from helpers.files.atomic import replaced_when_done
    with replaced_when_done(folder / "documents.json") as partial:
        partial.write_text(json.dumps(sorted(p.name for p in done)) + "\n", encoding="utf-8")


# The most synthetic counties: ids stay three digits (county001 … county999), and 999 are written in about 3 s
# (5 MB); a number beyond it (99999999999) would write for days and fill the disk.
SYNTHETIC_MAX = 999


def _synthetic_count(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= SYNTHETIC_MAX:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of counties: give 1 to {SYNTHETIC_MAX}")
    return int(text)


def _synthetic(args) -> str:
    from helpers.synthetic import generate
    generate(args.n, args.scratch, args.seed)
    return f"wrote {args.n} synthetic plans to {args.scratch}"


def _parser() -> argparse.ArgumentParser:
    # Here, not at the top: what the command line imports at the top, every step depends on (helpers.run.stepdeps).
    from helpers.core.wording import LANGS
    parser = _Parser(prog="python -m helpers", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable, help: str, after_error=NOTHING_REPLACED) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, after_error=after_error)
        return sub

    def folders(sub: argparse.ArgumentParser, *which: str) -> None:
        defaults = {"raw": paths.RAW_DIR, "processed": paths.PROCESSED_DIR, "config": paths.CONFIG_DIR,
                    "reports": paths.REPORTS_DIR}
        for name in which:
            sub.add_argument(f"--{name}-dir", type=_folder(f"{name} folder (--{name}-dir; make's {name.upper()}_DIR)",
                                                           defaults[name]), default=defaults[name])


    def run_parameters(sub: argparse.ArgumentParser) -> None:
        # Checked by helpers.run.parameters, not by argparse, so that every bad value gets the same one line.
        sub.add_argument("--year", default="", help="the year reported on (default: the latest with actual values)")
        sub.add_argument("--entities", default="", help="counties, e.g. jiande,anji (default: all)")
        sub.add_argument("--lang", default="", help="zh (the default) or en")
        sub.add_argument("--documents", default="", help="brief and/or report (default: both)")

    sub = command("run", _run, "execute a notebook with papermill", after_error=None)
    sub.add_argument("notebook", type=_file_to_read("notebook to run", paths.NOTEBOOKS_DIR / "01_data.ipynb"))
    sub.add_argument("output", type=_file_to_write("executed notebook", paths.REPORTS_DIR / "executed" /
                                                   "01_data.ipynb", ".ipynb"))
    sub.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))

    sub = command("inputs", _inputs, "fingerprint every input file; rewrite OUTPUT only when one changed (and give "
                  "files dated in the future the present time); first check the run's parameters as far as they "
                  "can be checked without the data", after_error="")
    sub.add_argument("output", type=_file_to_write("record of the inputs", paths.PROCESSED_DIR / paths.INPUTS_JSON))
    folders(sub, "raw", "config")
    sub.add_argument("--reports-dir", type=_folder("reports folder (--reports-dir; make's REPORTS_DIR)",
                                                   paths.REPORTS_DIR),
                     help="also settle the times of the reports built here")
    run_parameters(sub)

    sub = command("resolve", _resolve, "check the run's parameters and work the run out once: run.json in the "
                  "processed folder, rewritten only when the run changes", after_error="")
    run_parameters(sub)
    folders(sub, "processed", "config")

    sub = command("publish", _publish, "put a report's built files in place together, all or none: with --run, "
                  "the run's files under its names in REPORT_DIR/<year>/; otherwise the NAMEs")
    sub.add_argument("build_dir", type=_folder("build folder (BUILD_DIR)", paths.REPORTS_DIR / ".build"))
    sub.add_argument("report_dir", type=_folder("folder to publish in (REPORT_DIR)", paths.REPORTS_DIR))
    sub.add_argument("names", nargs="*", default=[])
    sub.add_argument("--run", dest="run_file", type=_file_to_read("run's run.json (--run)", RUN_EXAMPLE),
                     help="the run's run.json")
    sub.add_argument("--html-only", action="store_true", help="with --run: the notebook and the HTML only")
    folders(sub, "config")

    sub = command("check-install", _check_install, "check that this environment has everything the project needs",
                  after_error="")
    sub.add_argument("--imports", action="store_true", help="also import every package (slower)")
    sub.add_argument("--packages-only", action="store_true", help="only the Python packages")
    sub.add_argument("--own-code-first", action="store_true", help="first check that this environment runs this "
                     "folder's helpers: if not, say why and exit with 2 (the others exit with 1)")

    command("kernel", _kernel, "register the project's Jupyter kernel in this Python environment", after_error="")

    command("lab", _lab, "open JupyterLab on the project's kernel (options after `lab` go to JupyterLab)")

    sub = command("manifest", _manifest, "record the checksums of the raw plan documents", after_error="")
    folders(sub, "raw", "config")

    sub = command("analyse", _analyse, "compute the run's analysis tables (comparison, trends, outlook) into the "
                  "processed folder")
    folders(sub, "processed", "config")

    sub = command("template", _template, "write the yearly monitoring workbook template")
    # (As typed, not as a Path, which would drop the / that says "a folder".)
    sub.add_argument("output", nargs="?", default=str(paths.REPORTS_DIR / paths.MONITORING_TEMPLATE),
                     help="a workbook name ending in .xlsx, or a folder to write it in (default: %(default)s)")
    sub.add_argument("--make-folder", action="store_true", help="make the folder if it does not exist (make does)")
    folders(sub, "config")

    sub = command("results-workbook", _results_workbook, "write the results workbook of the run (run.json), in its "
                  "language")
    sub.add_argument("output", type=_file_to_write("results workbook", paths.REPORTS_DIR / paths.BUILT_RESULTS,
                                                   ".xlsx"))
    folders(sub, "processed", "config")

    sub = command("report", _report, "execute the report notebook for the run (run.json in the processed folder) "
                  "and render its documents from it, HTML and PDF, into --into DIR: NOTEBOOK's executed copy, "
                  "brief.html, brief.pdf, report.html, report.pdf (the run's documents), listed in documents.json")
    sub.add_argument("notebook", type=_file_to_read("report notebook", paths.NOTEBOOKS_DIR / "04_report.ipynb"))
    sub.add_argument("--into", type=_folder("folder to write them in (--into)", paths.REPORTS_DIR / ".build"),
                     required=True, help="the folder to write them in")
    sub.add_argument("--html-only", action="store_true", help="the executed notebook and the HTML only, no PDF")
    folders(sub, "processed", "config")

    sub = command("render", _render, "render the report's documents (the brief and the report) from the executed "
                  "notebook: HTML and PDF; or one document's HTML, or a PDF from an HTML")
    sub.add_argument("format", choices=["documents", "html", "pdf"])
    sub.add_argument("source", type=_file_to_read("executed notebook, or for pdf its HTML", paths.REPORTS_DIR /
                                                  ".build" / paths.BUILT_NOTEBOOK))
    sub.add_argument("output", type=_file_to_write("output", paths.REPORTS_DIR / "brief.html"), nargs="?")
    sub.add_argument("--run", dest="run_file", type=_file_to_read("run's run.json (--run)", RUN_EXAMPLE),
                     help="documents: the run's run.json: its documents, in its language, into --into DIR as "
                     "brief.html, brief.pdf, report.html, report.pdf, listed in documents.json")
    sub.add_argument("--into", type=_folder("folder to write them in (--into)", paths.REPORTS_DIR / ".build"),
                     help="documents, with --run: the folder to write them in")
    for document in paths.DOCUMENTS:
        sub.add_argument(f"--{document}", type=_file_to_write(document,
                                                              paths.REPORTS_DIR / ".build" / document),
                         help=f"documents: the {document}'s output path without .html/.pdf")
    sub.add_argument("--html-only", action="store_true", help="documents: HTML only, no PDF")
    sub.add_argument("--document", choices=paths.DOCUMENTS, default="brief")
    sub.add_argument("--lang", choices=LANGS, default="zh")
    folders(sub, "config")

    sub = command("synthetic", _synthetic, "write N synthetic county plans into a scratch folder", after_error="")
    sub.add_argument("n", type=_synthetic_count, help=f"how many counties (1 to {SYNTHETIC_MAX})")
    sub.add_argument("scratch", type=_folder("scratch folder (SCRATCH)", "/tmp/synthetic"))
    sub.add_argument("--seed", type=int, default=1)
    return parser


def _stop_cleanly(after_error) -> None:
    """Ctrl-C and SIGTERM (make passes it on when it is stopped) end a command at once with one line: its
    temporary files removed, its kernel and Chromium stopped, the last good outputs in place."""
    import os

    # Imported now, not when stopped: a signal that came while the command was importing the same module (atomic,
    # as `inputs` starts) would find it half-made, and the handler's import failed with an ImportError traceback.
    from helpers.files.atomic import remove_own_temporaries
    from helpers.run.stopping import say_stopped

    def stop(signum, frame):
        try:
            # asyncio's child watcher (Chromium's driver is its child) would log, as the children stopped here end,
            # "Unknown child process pid …" or "Loop … that handles pid … is closed" beside the one line.
            import logging
            logging.getLogger("asyncio").disabled = True
            try:
                # SIGTERM, not SIGKILL: a kernel that is publishing the processed files finishes that first.
                import psutil
                children = psutil.Process().children(recursive=True)
                for child in children:
                    child.terminate()
                psutil.wait_procs(children, timeout=5)
            except Exception:  # psutil missing, or a child already gone: the kernel also stops when we do
                pass
            remove_own_temporaries()
            # A command that writes nothing (parameters, inputs …) has no after-error text: nothing was replaced.
            text = (after_error() if callable(after_error) else after_error) or NOTHING_REPLACED
            say_stopped(text, nothing_replaced=text == NOTHING_REPLACED)   # once, whatever the steps stopped with
        finally:
            os._exit(INTERRUPTED)          # whatever happened above: stopped is stopped, never a traceback

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)


def keep_tools_in_the_project(lab: bool = False) -> None:
    """The tools a command runs keep their files in the project (.make/), not in the user's home: IPython's folder
    (jupyter_client makes ~/.ipython to look for kernels in it; a kernel keeps its profile there, and its history of
    every cell of every run) and matplotlib's (its font cache; and a matplotlibrc of the user's would change the
    report's figures; a read-only home put its warning in the executed report). For this command and every process
    it starts: its notebook's kernel, Chromium (whose own folders helpers.report.render moves). For JupyterLab
    (`lab`), also its runtime files (the server's and each kernel's connection files and sockets, its cookie secret),
    its workspaces and the logs of the npm it asks for its prefix: a JupyterLab stopped with Ctrl-C left them in
    ~/.local/share/jupyter/runtime, ~/.jupyter/lab/workspaces and ~/.npm/_logs. (Its user settings, which an
    analyst changes on purpose, stay theirs.)"""
    scratch = paths.PROJECT_ROOT / ".make"
    os.environ["IPYTHONDIR"] = str(scratch / "ipython")
    os.environ["MPLCONFIGDIR"] = str(scratch / "matplotlib")
    # A TMPDIR that cannot be written in (gone, read-only): Python passes over it to /tmp by itself, but Chromium
    # failed, with advice about Chromium. Every process the command starts uses the folder Python found. One too long
    # for a socket's path in it (Chromium's, in a folder it makes there) is passed over too: Chromium could not start.
    if os.environ.get("TMPDIR"):
        import tempfile
        found = tempfile.gettempdir()
        if len(os.fsencode(found)) > TMPDIR_MAX and os.access("/tmp", os.W_OK):
            found = "/tmp"
        os.environ["TMPDIR"] = found
    if lab:
        os.environ["JUPYTER_RUNTIME_DIR"] = str(lab_runtime_dir())
        os.environ["JUPYTERLAB_WORKSPACES_DIR"] = str(scratch / "lab-workspaces")
        os.environ["npm_config_cache"] = str(scratch / "npm")
        # Its configuration folder too (jupyter_core marks there that it has looked for IPython 3's settings to
        # migrate); the analyst's own JupyterLab settings, which they change on purpose, stay where they were.
        os.environ.setdefault("JUPYTERLAB_SETTINGS_DIR", str(_jupyter_config_dir() / "lab" / "user-settings"))
        os.environ["JUPYTER_CONFIG_DIR"] = str(scratch / "jupyter-config")
        # And its data folder (its record of trusted notebooks and the key it signs them with). The analyst's own
        # kernels registered there (`--user`) are still offered: that folder is read, never written.
        from jupyter_core.paths import jupyter_data_dir
        theirs = jupyter_data_dir()
        if Path(theirs).is_dir():
            os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [os.environ.get("JUPYTER_PATH"), theirs]))
        os.environ["JUPYTER_DATA_DIR"] = str(scratch / "jupyter-data")


def _jupyter_config_dir() -> Path:
    from jupyter_core.paths import jupyter_config_dir
    return Path(jupyter_config_dir())


# Chromium's sockets are at <TMPDIR>/.org.chromium.Chromium.XXXXXX/SingletonSocket, 45 bytes more, within 107.
TMPDIR_MAX = 60
# A kernel's IPC socket (JupyterLab's kernels use them) is a file in the runtime folder, and its path may not exceed
# 107 bytes: `kernel-<36-character id>-ipc-<n>` takes 50 of them.
SOCKET_PATH_MAX, SOCKET_NAME = 107, 50


def lab_runtime_dir() -> Path:
    """JupyterLab's runtime folder: the project's .make/jupyter-runtime, or, in a project folder whose path is too
    long for a socket in it, a short folder of the project's in the temporary folder (removed with it)."""
    import hashlib
    import tempfile
    own = paths.PROJECT_ROOT / ".make" / "jupyter-runtime"
    name = f"talent-plan-{os.getuid()}-{hashlib.sha256(os.fsencode(own)).hexdigest()[:10]}"
    for folder in (own, Path(tempfile.gettempdir()) / name, Path("/tmp") / name):
        if len(os.fsencode(folder)) + 1 + SOCKET_NAME <= SOCKET_PATH_MAX:
            return folder
    return own


def main(argv: list[str] | None = None, handle_signals: bool = False) -> int:
    parser = _parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if args.command == "lab":
            args.lab_args = unknown          # JupyterLab's own options, passed on as given
        elif unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    except ParameterError as exc:        # (the command line cannot be right: nothing has run)
        say(f"error: {exc}")
        return 1
    except OSError as exc:               # (a file named that cannot even be looked at: a folder above it unreadable)
        say(f"error: {file_error(exc, writing=None)}")
        return 1
    if getattr(args, "config_dir", None):   # its method.yaml, as its sources.yaml and catalogue.yaml
        from helpers.core.method import use_config_dir
        use_config_dir(args.config_dir)
    after_error = _what_was_left(_run_outputs(args)) if args.after_error is None else args.after_error
    if handle_signals:
        _stop_cleanly(after_error)
    return exit_status(lambda: (_check_written_folders(args), args.run(args))[1], after_error=after_error)


def _check_written_folders(args) -> None:
    """The folders this command writes, named inside the project, stay inside it (no link out of it): checked
    before anything is written (helpers.run.parameters.check_kept_in_project). `inputs`, the first step of every
    make, checks them all (check_output_folders); the other commands check their own when run by hand."""
    from helpers.run.parameters import check_kept_in_project
    written = {"resolve": lambda: {"processed_dir": args.processed_dir},
               "analyse": lambda: {"processed_dir": args.processed_dir},
               "report": lambda: {"processed_dir": args.processed_dir, "reports_dir": args.into},
               "publish": lambda: {"reports_dir": args.report_dir},
               "results-workbook": lambda: {"output": args.output.parent},
               "run": lambda: {"output": args.output.parent} | {name: Path(v) for name, v in args.parameter
                                                                if name in ("processed_dir", "reports_dir")}}
    if args.command in written:
        check_kept_in_project(written[args.command]())


if __name__ == "__main__":
    sys.exit(main(handle_signals=True))
