"""Is this environment complete? What `make setup` verifies, and the quick look every `make` takes first.

    python -m helpers check-install            quick: packages installed, kernel, Chromium, fonts (no imports)
    python -m helpers check-install --imports  also import every package (what `make setup` ends with)

Standard library only, so that it runs before anything is installed and costs a no-change `make` little. The
packages checked are pyproject.toml's own list (with the dev extras): one place for what the project needs.
Each missing piece is named with what installs it; the exit status is 1 when anything is missing.
"""
from __future__ import annotations

import importlib
import importlib.metadata as metadata
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from helpers.core import paths

PROJECT_DISTRIBUTION = "talent-plan-monitor"
CHINESE_FONT = "Noto Sans CJK SC"          # the font the figures and the report's CSS ask for
FIX = ("run `make setup`: it installs what is missing (the Debian packages with apt, the Python packages into "
       "{prefix}) and registers the kernel.")


def required_distributions(pyproject: Path = paths.PROJECT_ROOT / "pyproject.toml") -> list[str]:
    """The distributions pyproject.toml asks for, with its dev extras (the tests need them too)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for group in project.get("optional-dependencies", {}).values()
                                              for r in group]
    return [re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0] for r in requirements]


def missing_packages(imports: bool = False) -> list[str]:
    """Distributions not installed in this environment (or, with `imports`, installed but failing to import)."""
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
    from helpers.run.notebook_runner import KERNEL_NAME
    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    try:
        python = Path(json.loads(spec.read_text(encoding="utf-8"))["argv"][0])
    except (OSError, ValueError, KeyError, IndexError):
        return [f"Jupyter kernel {KERNEL_NAME}: not registered in {sys.prefix}"]
    if not python.exists() or python.resolve() != Path(sys.executable).resolve():
        return [f"Jupyter kernel {KERNEL_NAME}: runs {python}, not this environment's Python"]
    return []


def missing_system() -> list[str]:
    from helpers.report.render import CHROMIUM_CANDIDATES
    missing = []
    if not any(shutil.which(name) for name in CHROMIUM_CANDIDATES):
        missing.append("Chromium (prints the PDFs): not found")
    if not _has_font(CHINESE_FONT):
        missing.append(f"font {CHINESE_FONT} (Chinese in figures and PDFs): not found")
    if not shutil.which("pdftotext"):
        missing.append("poppler-utils (pdftotext, for the report tests): not found")
    return missing


def check(imports: bool = False, packages_only: bool = False) -> list[str]:
    """Every missing piece, in words (the fix for all of them: `make setup`)."""
    if packages_only:
        return missing_packages(imports)
    return missing_system() + missing_packages(imports) + missing_kernel()


def _has_font(family: str) -> bool:
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True).stdout
        return bool(found.strip())
    return any(Path("/usr/share/fonts").rglob("NotoSansCJK*"))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _modules_by_distribution() -> dict[str, list[str]]:
    """Each distribution's importable top-level modules (public names first)."""
    out: dict[str, list[str]] = {}
    for module, dists in metadata.packages_distributions().items():
        for dist in dists:
            out.setdefault(_normal(dist), []).append(module)
    return {d: sorted(ms, key=lambda m: (m.startswith("_"), m)) for d, ms in out.items()}
