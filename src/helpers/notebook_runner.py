"""Run a notebook with papermill, the way `make` does, and report bad input without a traceback.

The executed notebook is written to a temporary file and renamed to its name only on success, so a
failed run leaves the previous executed notebook in place.
"""
from __future__ import annotations

from pathlib import Path

from helpers.atomic import replaced_when_done
from helpers.errors import InputError, ReportedError

# The kernel the notebooks name in their metadata; `make lab` registers it for JupyterLab.
KERNEL_NAME = "python3"


def run_notebook(notebook: Path, output: Path, parameters: dict) -> str:
    """Execute `notebook` with `parameters` into `output`. Bad input becomes an InputError."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook, output = Path(notebook), Path(output)
    try:
        with replaced_when_done(output) as partial:
            papermill.execute_notebook(str(notebook), str(partial), parameters=parameters, kernel_name=KERNEL_NAME,
                                       progress_bar=False, cwd=str(notebook.resolve().parent))
    except PapermillExecutionError as exc:
        if exc.ename == "InputError":
            raise ReportedError(exc.evalue) from None
        raise InputError(notebook, f"cell {exc.exec_count}", f"{exc.ename}: {exc.evalue}",
                         "open the notebook in JupyterLab (make lab) and run it to see where.") from None
    return f"ran {notebook.name} -> {output}"


def parameter_value(text: str):
    """Parameters arrive as text; numbers become numbers, everything else stays text."""
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text
