"""Run a notebook with papermill, the way `make` does, and report bad input without a traceback.

    python -m helpers.run_notebook IN.ipynb OUT.ipynb -p name value [-p name value ...]

The executed notebook is written to a temporary file and renamed to OUT only on success, so a
failed run leaves the previous executed notebook in place.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .atomic import replaced_when_done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    args = parser.parse_args(argv)

    import papermill
    from papermill.exceptions import PapermillExecutionError

    params = {name: _value(value) for name, value in args.parameter}
    try:
        with replaced_when_done(args.output) as partial:
            papermill.execute_notebook(str(args.notebook), str(partial), parameters=params, kernel_name="python3",
                                       progress_bar=False, cwd=str(args.notebook.resolve().parent))
    except PapermillExecutionError as exc:
        if exc.ename == "InputError":
            print(f"error: {exc.evalue}", file=sys.stderr)
        else:
            print(f"error: {args.notebook} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}\n"
                  f"  Open the notebook in JupyterLab (make lab) and run it to see where.", file=sys.stderr)
        print("Nothing was replaced: the outputs of the last good run are still in place.", file=sys.stderr)
        return 1
    print(f"ran {args.notebook} -> {args.output}")
    return 0


def _value(text: str):
    """Parameters arrive as text; numbers become numbers, everything else stays text."""
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


if __name__ == "__main__":
    sys.exit(main())
