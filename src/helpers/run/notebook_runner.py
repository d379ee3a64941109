"""Run a notebook with papermill, the way `make` does, and report bad input without a traceback.

The executed notebook is written to a temporary file and renamed to its name only on success, so a
failed run leaves the previous executed notebook in place.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import InputError, ReportedError
from helpers.core.paths import display_path
from helpers.files.atomic import replaced_when_done, running

# The project's kernel: every notebook names it in its metadata, and `make setup` registers it in the
# environment's own prefix (python -m helpers kernel), so that papermill and JupyterLab run the same Python.
KERNEL_NAME = "talent-plan"
KERNEL_DISPLAY_NAME = "Python (talent-plan 人才规划)"
# What the kernel's registration names as its program: jupyter_client runs a kernel registered as `python` with the
# Python of the process that starts it (sys.executable: papermill's, JupyterLab's), which is this environment's, as
# only this environment's tools find a kernel registered in its prefix. A path, as ipykernel writes it, names the
# folder the environment was set up in: in a folder moved since, JupyterLab run by hand (`.venv/bin/python -m jupyter
# lab`) could not start the kernel at all (its Python was gone).
KERNEL_PROGRAM = "python"
# JupyterLab's kernels talk to it over local IPC sockets (files in Jupyter's runtime folder) rather than TCP
# ports: nothing listens on the network, so there is nothing to encrypt, and ipykernel has no reason to print
# "Kernel is running over TCP without encryption" in the analyst's terminal (`make lab` passes this setting).
KERNEL_TRANSPORT = "ipc"
# A run's kernels (papermill's) keep their files in the project instead (KERNEL_FILES): a run stopped by force
# (SIGKILL, Ctrl-C at a bad moment) used to leave its connection file and five sockets in ~/.local/share/jupyter
# for good. A socket's path may not exceed 107 bytes, which a project's folder alone may, so these kernels listen
# on 127.0.0.1 (TCP ports; every message signed with the key in their connection file, readable by its owner only).
# Each connection file is named after the run's process: the next run removes those of runs that have gone.
RUN_KERNEL_TRANSPORT = "tcp"
KERNEL_FILES = paths.PROJECT_ROOT / ".make" / "kernels"
# Errors raised inside a notebook that are already worded for the analyst: shown as they are.
WORDED = ("InputError", "ParameterError")


def run_notebook(notebook: Path, output: Path, parameters: dict) -> str:
    """Execute `notebook` with `parameters` into `output`, which is replaced only when the run succeeds."""
    output = Path(output).absolute()
    with replaced_when_done(output) as partial:
        execute_notebook(notebook, partial, parameters)
    return f"ran {Path(notebook).name} -> {display_path(output)}"


def execute_notebook(notebook: Path, output: Path, parameters: dict,
                     while_kernel_starts: Callable[[], None] | None = None,
                     on_cell_done: Callable[[object, bool], None] | None = None):
    """Execute `notebook` with `parameters`, write it to `output` (as it is: the caller makes that atomic) and
    return it (a notebook node). Bad input becomes an InputError.

    The kernel is launched first and boots (about a second) while papermill is imported and `while_kernel_starts`
    runs (the report step imports nbconvert then); papermill then runs the notebook on it. (Launched by papermill,
    the kernel would start only once papermill is imported.) on_cell_done(cell, ran_without_error) is called as
    each cell has run, with its outputs."""
    from jupyter_client.kernelspec import NoSuchKernel
    from jupyter_core.utils import run_sync
    _quiet_papermill_log()

    # Absolute: papermill changes the working folder to the notebook's while it runs.
    notebook, output = Path(notebook).absolute(), Path(output).absolute()
    folder = str(notebook.resolve().parent)
    kernel = _quiet_kernel_manager()(kernel_name=KERNEL_NAME, transport=RUN_KERNEL_TRANSPORT)
    try:
        # Its IPython history in memory, as papermill's own kernels have it: no file in the user's home.
        run_sync(kernel.start_kernel)(cwd=folder, extra_arguments=["--HistoryManager.hist_file=:memory:"])
    except NoSuchKernel:
        raise InputError(None, None, f"the project's Jupyter kernel '{KERNEL_NAME}' is not registered in this "
                         f"Python environment ({sys.prefix})", "run `make setup` (it registers it).") from None
    except OSError as exc:        # its program is missing or cannot be run
        raise InputError(_kernel_spec_file(), None, f"the project's Jupyter kernel '{KERNEL_NAME}' cannot be "
                         f"started: the program it names, {exc.filename or _kernel_program(kernel)}, "
                         f"{'does not exist' if isinstance(exc, FileNotFoundError) else 'cannot be run'} "
                         f"({exc.strerror or exc}): the kernel was registered for another Python",
                         _reregister(_kernel_spec_file())) from None
    except Exception as exc:      # a kernel spec that is damaged, or that jupyter_client cannot use
        raise InputError(_kernel_spec_file(), None, f"the project's Jupyter kernel '{KERNEL_NAME}' cannot be "
                         f"started: its registration is damaged ({type(exc).__name__}: {str(exc)[:200]})",
                         _reregister(_kernel_spec_file())) from None
    try:
        import papermill
        if while_kernel_starts:
            while_kernel_starts()
        # Saved once, at the end: papermill would otherwise write the whole notebook again before and after every
        # cell (a quarter of a second for the report's), to a file that is only published when the run succeeds.
        return papermill.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name=KERNEL_NAME,
                                          km=kernel, progress_bar=False, cwd=folder,
                                          request_save_on_cell_execute=False, **_hooks(on_cell_done))
    except Exception as exc:
        worded = _worded(exc, notebook, kernel)
        if worded is None:
            raise
        raise worded from None
    finally:
        # Stopped at once: the executed notebook is written, and the kernel holds nothing worth waiting for (its
        # history is in memory); asked to shut down, it takes about 0.4 s more to end.
        run_sync(kernel.shutdown_kernel)(now=True)


def _quiet_papermill_log() -> None:
    """nbclient logs (through papermill's logger) a kernel that fails to start, before raising the error that this
    module words: the analyst would see the same failure twice, once unworded."""
    import logging
    log = logging.getLogger("papermill")
    if not any(getattr(f, "__name__", "") == "_not_kernel_start" for f in log.filters):
        def _not_kernel_start(record) -> bool:
            return not str(record.msg).startswith("Error occurred while starting new kernel client")
        log.addFilter(_not_kernel_start)


def _hooks(on_cell_done: Callable[[object, bool], None] | None) -> dict:
    """nbclient's hook after each cell, as on_cell_done(cell, ran_without_error)."""
    if on_cell_done is None:
        return {}
    return {"on_cell_executed": lambda cell, cell_index, execute_reply:
            on_cell_done(cell, execute_reply.get("content", {}).get("status") == "ok")}


def _kernel_spec_file(kernel=None) -> Path | None:
    """The kernel.json that jupyter_client found for the project's kernel (without reading it: it may be damaged)."""
    from jupyter_client.kernelspec import KernelSpecManager
    try:
        return Path(KernelSpecManager().find_kernel_specs()[KERNEL_NAME]) / "kernel.json"
    except Exception:
        return None


def _reregister(spec: Path | None) -> str:
    """How to get a kernel spec that works: `make setup` registers it in this environment; one registered elsewhere
    (~/.local/share/jupyter, JUPYTER_PATH) comes first and hides it, and must go."""
    if spec is not None and not spec.resolve().is_relative_to(Path(sys.prefix).resolve()):
        return (f"remove the registration in {spec.parent}, which hides this environment's own: "
                f'`rm -r "{spec.parent}"`, then run `make setup` (it registers the kernel in {sys.prefix}).')
    return f"run `make setup`: it registers the kernel again, for this environment's Python ({sys.executable})."


def _kernel_program(kernel) -> str:
    try:
        program = kernel.kernel_spec.argv[0]
    except Exception:
        return "?"
    return sys.executable if program == KERNEL_PROGRAM else program


def _worded(exc: Exception, notebook: Path, kernel=None) -> Exception | None:
    """What went wrong in a notebook's run, in the project's words (None: not one of the known ways)."""
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError
    if isinstance(exc, PapermillExecutionError):
        if exc.ename in WORDED or "\n  How to fix: " in (exc.evalue or ""):   # an InputError's kind, worded
            return ReportedError(exc.evalue)
        return InputError(notebook, f"cell {exc.exec_count}", f"{exc.ename}: {exc.evalue}",
                          "open the notebook in JupyterLab (make lab) and run it to see where.")
    if isinstance(exc, DeadKernelError):
        return InputError(notebook, None, "the notebook's kernel died while running it (it was killed, or ran "
                          "out of memory)",
                          "rerun; if it dies again, check the free memory (free -h) and the size of the inputs.")
    if isinstance(exc, RuntimeError) and str(exc).startswith("Kernel"):  # nbclient: a kernel that never answered
        why = ("it ended as it started, before it ran a cell: its Python or its packages are broken, or a port it "
               "was given was taken by another program meanwhile, or there was no memory left"
               if "died" in str(exc) else "it did not answer: the machine is overloaded or out of memory")
        program = _kernel_program(kernel) if kernel is not None else "?"
        return InputError(notebook, None, f"the notebook's kernel did not start ({exc}): {why}",
                          f"rerun; if it fails again, run `make setup` (it checks and repairs the environment and "
                          f"the kernel; the kernel runs {program}) and check the free memory (free -h).")
    return None


def _quiet_kernel_manager():
    """A kernel manager whose kernel keeps its own log to itself: it prints a traceback when a run is stopped.
    What goes wrong in a notebook comes back through papermill, in the project's words.

    Its kernel's connection file goes in KERNEL_FILES, named after this process (the next run removes it if this one
    is killed). (IPython's own folder is the project's too: see helpers.run.cli.keep_tools_in_the_project.)"""
    import uuid

    from jupyter_client import AsyncKernelManager
    folder = _kernel_files_folder()

    class QuietKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            kw.setdefault("stderr", subprocess.DEVNULL)
            self.connection_file = str(folder / f"kernel-{os.getpid()}-{uuid.uuid4().hex[:12]}.json")
            return await super().start_kernel(**kw)

    return QuietKernelManager


def _kernel_files_folder() -> Path:
    """KERNEL_FILES, without the connection files of runs that have gone (killed: they could not remove them)."""
    KERNEL_FILES.mkdir(parents=True, exist_ok=True)
    for old in KERNEL_FILES.glob("kernel-*.json"):
        pid = old.name.split("-")[1]
        if pid.isdigit() and not running(int(pid)):
            old.unlink(missing_ok=True)
    return KERNEL_FILES


def check_notebook(notebook: Path) -> None:
    """A notebook to run is a Jupyter notebook: a file that is not one (README.md, a notebook saved as a .py, a
    damaged or empty .ipynb) is refused before a kernel starts, naming the file and what it holds instead
    (nbformat's NotJSONError reached the analyst as a traceback)."""
    import json
    notebook = Path(notebook)
    fix = ("give the path of a Jupyter notebook (.ipynb), e.g. notebooks/01_data.ipynb; a project notebook that was "
           "damaged is restored with `git checkout -- <notebook>`.")
    try:
        text = notebook.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(notebook, None, "there is no such notebook", fix) from None
    except IsADirectoryError:
        raise InputError(notebook, None, "this is a folder, not a notebook", fix) from None
    except UnicodeDecodeError:
        raise InputError(notebook, None, "this is not a Jupyter notebook: it is not even text (UTF-8)", fix) from None
    except OSError as exc:
        raise InputError(notebook, None, f"the notebook cannot be read ({exc.strerror or exc})",
                         "check that the file exists and that you may read it.") from None
    try:
        content = json.loads(text)
    except ValueError as exc:
        start = " ".join(text.strip().split())[:40]
        raise InputError(notebook, f"line {exc.lineno}" if text.strip() else None,
                         "this is not a Jupyter notebook: a notebook is JSON, and this file "
                         + (f"begins '{start}'" if start else "is empty"), fix) from None
    if not (isinstance(content, dict) and isinstance(content.get("cells"), list) and "nbformat" in content):
        raise InputError(notebook, None, "this is not a Jupyter notebook: it is JSON, but has no cells and no "
                         "nbformat version", fix)


def check_parameter_names(notebook: Path, names: list[str]) -> None:
    """A parameter the notebook does not have (-p report_yeer 2025) is refused, in one line: papermill would only
    warn, and run the notebook with its default instead, exit status 0."""
    from helpers.core.errors import ParameterError
    notebook = Path(notebook)
    if not names or not notebook.is_file():
        return                                # (a missing notebook is said by the run itself)
    import papermill
    try:
        known = list(papermill.inspect_notebook(str(notebook)))
    except Exception:                         # a damaged notebook: the run says what is wrong with it
        return
    unknown = [name for name in names if name not in known]
    if known and unknown:
        raise ParameterError(f"-p {unknown[0]}: {notebook.name} has no parameter {unknown[0]}: its parameters are "
                             f"{', '.join(known)}.")


def parameter_value(text: str):
    """Parameters arrive as text; whole numbers become numbers, everything else stays text (a year, 2025,
    is checked as a number; 'nan' or 'inf' stay words, for the notebook's own checks to refuse)."""
    return int(text) if re.fullmatch(r"[-+]?\d+", text.strip()) else text


def folder_parameters(parameters: dict, base: Path) -> dict:
    """Folder parameters (…_dir) given relative to `base` (where make runs) as absolute paths, because the
    notebook runs in notebooks/. Done here, in Python, so that a folder name with spaces stays one value."""
    out = dict(parameters)
    for name, value in parameters.items():
        if name.endswith("_dir") and isinstance(value, str) and value.strip():
            path = Path(value).expanduser()
            out[name] = str(path if path.is_absolute() else (base / path).resolve())
    return out


def install_kernel() -> Path:
    """Register the project's kernel in this environment's prefix (a venv's or a conda environment's share/jupyter),
    not in the user's home: it runs this environment's Python, wherever `make report` or `make test` run, and
    wherever the project folder goes (KERNEL_PROGRAM)."""
    import json

    from ipykernel.kernelspec import install
    folder = Path(install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=sys.prefix))
    spec = folder / "kernel.json"
    registration = json.loads(spec.read_text(encoding="utf-8"))
    registration["argv"][0] = KERNEL_PROGRAM
    with replaced_when_done(spec) as partial:
        partial.write_text(json.dumps(registration, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder
