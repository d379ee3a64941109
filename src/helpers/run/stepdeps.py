"""Which helper files each `make` step really uses, read from the import graph: the Makefile's picture of the
data flow, made from the code rather than kept by hand.

    PYTHONPATH=src python3 -m helpers.run.stepdeps .make/helpers.mk     (the Makefile does this)

For each step, the modules its notebooks import and the modules its `python -m helpers` command imports, with
everything they import in turn (at module level or inside functions: a lazy import is still a dependency),
the packages they sit in, and the data files of those packages (the wording YAML). `helpers.run.cli` dispatches to
every command, so its own imports inside the command functions are not followed: each step names the modules
its command uses. Standard library only: it runs before anything is installed.

The file is rewritten only when its text changes: make rereads (restarts) only then, so that a helper dated in
the future (a project copied from a machine whose clock was ahead) cannot make it restart forever.
"""
from __future__ import annotations

import ast
import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
ROOT = SRC.parent
PACKAGE = "helpers"
# Every step runs through the one command-line entry.
COMMAND_LINE = ["helpers.__main__", "helpers.run.cli"]
STEPS = {  # make variable: (notebooks it runs, modules its command imports)
    "DATA_HELPERS": (["notebooks/01_data.ipynb"], ["helpers.run.notebook_runner"]),
    "ANALYSIS_HELPERS": ([], ["helpers.analyse.tables"]),
    "ANALYSIS_NOTEBOOK_HELPERS": (["notebooks/02_comparison.ipynb", "notebooks/03_growth.ipynb"],
                                  ["helpers.run.notebook_runner"]),
    "REPORT_HELPERS": (["notebooks/04_report.ipynb"], ["helpers.run.notebook_runner", "helpers.report.render",
                                                        "helpers.run.parameters"]),
    "RESULTS_HELPERS": ([], ["helpers.analyse", "helpers.report.results_workbook"]),
}


@lru_cache(maxsize=None)
def module_file(module: str) -> Path | None:
    path = SRC.joinpath(*module.split("."))
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(tree: ast.AST, whole: bool = True) -> set[str]:
    """The helpers modules a piece of code imports (`whole`: anywhere in it; else only at its top level)."""
    nodes = ast.walk(tree) if whole else iter(tree.body)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}   # a submodule, if it is one
    return {m for m in found if m.split(".")[0] == PACKAGE and module_file(m)}


def notebook_imports(notebook: Path) -> set[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    # IPython magics and shell escapes are not Python
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    return imported_modules(ast.parse(code))


def closure(modules: set[str]) -> set[str]:
    """The modules, their parent packages, and everything they import, transitively."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]       # importing a.b runs a/__init__
        todo += module_imports(module)
    return seen


@lru_cache(maxsize=None)
def module_imports(module: str) -> frozenset[str]:
    """What one module imports (parsed once, however many steps use it: make waits for this list)."""
    tree = ast.parse(module_file(module).read_text(encoding="utf-8"))
    return frozenset(imported_modules(tree, whole=module != "helpers.run.cli"))


def step_files(notebooks: list[str], modules: list[str]) -> list[str]:
    used = closure(set(COMMAND_LINE) | set(modules) | {m for nb in notebooks for m in notebook_imports(ROOT / nb)})
    files = {module_file(m) for m in used}
    # data files beside the code of a package that is used (e.g. the wording YAML)
    files |= {f for m in used if module_file(m).name == "__init__.py"
              for f in module_file(m).parent.iterdir() if f.is_file() and f.suffix in (".yaml", ".yml", ".json")}
    return sorted(str(f.relative_to(ROOT)) for f in files)


def makefile_text() -> str:
    lines = ["# Made by `python -m helpers.run.stepdeps` from the import graph; do not edit (make remakes it)."]
    for variable, (notebooks, modules) in STEPS.items():
        lines.append(f"{variable} := " + " \\\n    ".join(step_files(notebooks, modules)))
    return "\n".join(lines) + "\n"


def write(path: Path) -> bool:
    """Write the list to `path` if its text changed (then make rereads it). True when written. When it has not
    changed, its time is set to now, so that make does not ask for it again on every run; but not while a helper
    or notebook is dated in the future (that would only move it behind again, and make would reread it forever:
    `python -m helpers inputs` gives such files the present time first)."""
    text = makefile_text()
    try:
        if path.read_text(encoding="utf-8") == text:
            sources = [*SRC.rglob("*.py"), *(ROOT / "notebooks").glob("*.ipynb")]
            if max(f.stat().st_mtime for f in sources) <= time.time():
                os.utime(path)
            return False
    except (OSError, UnicodeDecodeError):
        pass
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return True


if __name__ == "__main__":
    # Ctrl-C while make remakes the list: stop at once, quietly (make says it was interrupted; the list is
    # written whole or not at all), never a Python traceback.
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if len(sys.argv) > 1:
        write(Path(sys.argv[1]))
    else:
        sys.stdout.write(makefile_text())
