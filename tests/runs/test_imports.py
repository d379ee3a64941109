"""The shape of src/helpers/, read from the import graph (with ast, as helpers.run.stepdeps reads it):
no import cycle anywhere; the stages import only earlier ones (extract < analyse < report); the core imports
nothing outside itself, files/ only the core; the error types import only `paths`, itself a leaf.

A module's imports are all of them, at module level or inside a function (a lazy import is still a
dependency). `from package import name` depends on the submodule when `name` is one, else on the package's
__init__. Importing a.b runs a/__init__ first: that is Python's order, not a dependency of a.b on a's
contents, so it is not an edge (a package __init__ that re-exports its modules is not a cycle; a module that
takes a name from its own package's __init__ is)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers.core import paths

SRC = paths.PROJECT_ROOT / "src"
STAGES = ["extract", "analyse", "report"]  # the data flows this way; a stage never imports a later one


def _module_name(file: Path) -> str:
    parts = list(file.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(f): f for f in sorted((SRC / "helpers").rglob("*.py"))}


def _imports(module: str) -> set[str]:
    """The helpers modules one module imports (see the module's docstring for what counts)."""
    file = MODULES[module]
    package = module if file.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:                                     # relative: from the package, up level-1 times
                up = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != module}


GRAPH = {module: _imports(module) for module in MODULES}


def _cycle() -> list[str] | None:
    """One import cycle, as the modules around it, or None."""
    state: dict[str, str] = {}          # visiting / done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "visiting"
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == "visiting":
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_the_graph_is_read():
    """(So that the tests below cannot pass on an empty graph.)"""
    assert "helpers.run.parameters" in GRAPH["helpers.extract.dataset"]
    assert "helpers.core.errors" in GRAPH["helpers.core.config"]
    assert len(GRAPH) > 50


def test_no_import_cycle():
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_check_finds_a_cycle():
    GRAPH["helpers.core.paths"].add("helpers.core.config")          # config -> paths already
    try:
        assert _cycle() is not None
    finally:
        GRAPH["helpers.core.paths"].discard("helpers.core.config")


def _group(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_a_later_one(stage):
    later = STAGES[STAGES.index(stage) + 1:] + ["run.cli"]
    for module, imported in GRAPH.items():
        if _group(module) != stage:
            continue
        for target in imported:
            assert not any(target == f"helpers.{t}" or target.startswith(f"helpers.{t}.") for t in later), \
                f"{module} (the {stage} stage) imports {target}, a later step"


def test_the_core_and_files_import_no_stage():
    allowed = {"core": {"core"}, "files": {"core", "files"}}
    for module, imported in GRAPH.items():
        if _group(module) in allowed:
            for target in imported:
                assert _group(target) in allowed[_group(module)], f"{module} imports {target}"


def test_the_error_types_are_a_leaf():
    assert GRAPH["helpers.core.paths"] == set()
    assert GRAPH["helpers.core.errors"] <= {"helpers.core.paths"}
    # `import helpers` (every notebook) installs the notebook's error display, which needs the error types only;
    # `python -m helpers` also says Ctrl-C once per make run, which needs the project's folder only; and it refuses
    # to work on another project folder than the one the user works in (a copied environment's tools)
    assert GRAPH["helpers"] == {"helpers.run.notebook_display", "helpers.run.stopping", "helpers.run.project_folder"}
    assert GRAPH["helpers.run.stopping"] == {"helpers.core.paths", "helpers.core.processes"}
    assert GRAPH["helpers.core.processes"] == set()
    # (every step imports it, so it stays off the environment check's imports: render.py, the kernel's name)
    assert GRAPH["helpers.run.project_folder"] == {"helpers.core.paths", "helpers.core.errors", "helpers.run.stopping"}
    assert GRAPH["helpers.run.notebook_display"] == {"helpers.core.errors"}


def test_recording_the_run_reads_the_configuration_without_pandas(tmp_path):
    # `python -m helpers resolve` runs in every make report (0.19 s, 23 MB): it reads the configuration and the
    # run's parameters, never a table. Reading the plan periods once pulled in helpers.core.formatting, and so
    # pandas (0.34 s, 73 MB in the benchmark): the years from-to live in helpers.core.periods.
    import subprocess
    import sys
    probe = ("import sys; from pathlib import Path; from helpers.run import parameters as p; "
             "from helpers.core import config, periods; config.load_sources(Path('config')); "
             "print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", probe], cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
