"""Is this environment complete? What `make setup` verifies, and the quick look every `make` takes first.

    python -m helpers check-install            quick: packages installed, kernel, Chromium, fonts (no imports)
    python -m helpers check-install --imports  also import every package (what `make setup` ends with)

Standard library only, so that it runs before anything is installed and costs a no-change `make` little. The
packages checked are pyproject.toml's own list (with the dev extras): one place for what the project needs.
Each missing piece is named with what installs it; the exit status is 1 when anything is missing.

It also checks that this environment runs this folder's own helpers: a project folder copied together with its
environment runs the original's (an editable install points at the original's src/). `make` gives every step
this folder (TALENT_PROJECT_ROOT), so that every file read or written is this folder's; code that differs from
this folder's is refused, in one line, until `make setup` installs this folder's own. The tools of a copied
environment run directly (`.venv/bin/papermill`, `.venv/bin/jupyter`, `.venv/bin/python -m helpers`) get no
TALENT_PROJECT_ROOT, so their helpers would work on the original's files: `import helpers` refuses that
(helpers.run.project_folder), in one line, before anything is read or written.
"""
from __future__ import annotations

# The slower imports (importlib.metadata, tomllib, subprocess, filecmp: 30-50 ms) are in the functions that use
# them: every make run checks the environment first.
import importlib
import json
import re
import shutil
import sys
from pathlib import Path

from helpers.core import paths
from helpers.core.style import CHINESE_FONT, FONT_FILES, FONT_MISSING

PROJECT_DISTRIBUTION = "talent-plan-monitor"
FIX = ("run `make setup`: it installs what is missing (the Debian packages with apt, the Python packages into "
       "{prefix}) and registers the kernel.")


def required_distributions(pyproject: Path = paths.PROJECT_ROOT / "pyproject.toml") -> list[str]:
    """The distributions pyproject.toml asks for, with its dev extras (the tests need them too)."""
    import tomllib
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for group in project.get("optional-dependencies", {}).values()
                                              for r in group]
    return [re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0] for r in requirements]


def missing_packages(imports: bool = False) -> list[str]:
    """Distributions not installed in this environment (or, with `imports`, installed but failing to import)."""
    import importlib.metadata as metadata
    absent, broken = [], []
    modules = _modules_by_distribution() if imports else {}
    for name in [PROJECT_DISTRIBUTION] + required_distributions():
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            absent.append(name)
            continue
        for module in modules.get(_normal(name), [])[:1]:
            try:
                importlib.import_module(module)
            except Exception as exc:  # any failure to import is what this check is for
                broken.append(f"{name} (`import {module}`: {exc})")
    return ([f"Python packages not installed: {', '.join(absent)}"] if absent else []) + \
        ([f"Python packages that do not import: {'; '.join(broken)}"] if broken else [])


def missing_kernel() -> list[str]:
    """The project's kernel must be registered in this environment and run this environment's Python."""
    from helpers.run.notebook_runner import KERNEL_NAME, KERNEL_PROGRAM
    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    try:
        python = Path(json.loads(spec.read_text(encoding="utf-8"))["argv"][0])
    except (OSError, ValueError, KeyError, IndexError):
        return [f"Jupyter kernel {KERNEL_NAME}: not registered in {sys.prefix}"]
    if str(python) == KERNEL_PROGRAM:     # (jupyter_client runs it with the Python that starts it: this one)
        return []
    # (The folders compared, not the programs: a venv's python is a link to the system's, and an environment
    # copied with a project still names the original's.)
    if not python.exists() or python.parent.resolve() != Path(sys.executable).parent.resolve():
        return [f"Jupyter kernel {KERNEL_NAME}: runs {python}, not this environment's Python"]
    return []


def foreign_code(project_root: Path = paths.PROJECT_ROOT) -> str:
    """Empty when this environment runs the helpers of `project_root`; otherwise why not, in one line. The
    helpers of another folder are accepted only while they are identical to this folder's."""
    running = Path(__file__).resolve().parents[1]     # the helpers package this module is part of
    own = Path(project_root) / "src" / "helpers"
    if not own.is_dir() or running == own.resolve():
        return ""
    differing = _differing_files(running, own)
    if not differing:
        return ""
    return (f"this folder's environment runs the helpers in {running.parent}, not this folder's src/, and they "
            f"differ ({differing[0]}): the folder was copied together with its environment. Run `make setup` here "
            "to install this folder's own.")


def _differing_files(a: Path, b: Path) -> list[str]:
    """The Python and data files that differ between two copies of the package (one missing counts)."""
    import filecmp
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    names = files(a) | files(b)
    return sorted(n for n in names if not ((a / n).is_file() and (b / n).is_file()
                                           and filecmp.cmp(a / n, b / n, shallow=False)))


def missing_system() -> list[str]:
    from helpers.report.render import CHROMIUM_CANDIDATES
    missing = []
    if not any(shutil.which(name) for name in CHROMIUM_CANDIDATES):
        missing.append("Chromium (prints the PDFs): not found")
    if not _has_font(CHINESE_FONT):
        missing.append(FONT_MISSING)
    if not shutil.which("pdftotext"):
        missing.append("poppler-utils (pdftotext, for the report tests): not found")
    return missing


def check(imports: bool = False, packages_only: bool = False) -> list[str]:
    """Every missing piece, in words (the fix for all of them: `make setup`)."""
    own = foreign_code()
    own = [f"this folder's helpers: {own}"] if own else []
    if packages_only:
        return missing_packages(imports) + own
    return missing_system() + missing_packages(imports) + missing_kernel() + own


def _has_font(family: str) -> bool:
    import subprocess
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True).stdout
        return bool(found.strip())
    return any(Path("/usr/share/fonts").rglob(FONT_FILES))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _modules_by_distribution() -> dict[str, list[str]]:
    """Each distribution's importable top-level modules (public names first)."""
    import importlib.metadata as metadata
    out: dict[str, list[str]] = {}
    for module, dists in metadata.packages_distributions().items():
        for dist in dists:
            out.setdefault(_normal(dist), []).append(module)
    return {d: sorted(ms, key=lambda m: (m.startswith("_"), m)) for d, ms in out.items()}
