"""Every command the README and docs/ name exists: each `python -m helpers COMMAND` answers `--help`, each
`python -m helpers.MODULE` is a module, and each `make TARGET` is a target of the Makefile."""
import re
import subprocess
import sys
from importlib.util import find_spec

import pytest

from helpers.core import paths

ROOT = paths.PROJECT_ROOT
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _named(pattern: str) -> set[str]:
    found = set()
    for document in DOCUMENTS:
        found |= set(re.findall(pattern, document.read_text(encoding="utf-8")))
    return found


def _make_targets() -> set[str]:
    targets = set()
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        rule = re.match(r"^([A-Za-z][\w .-]*?)\s*&?:(?!=)", line)
        if rule:
            targets |= set(rule.group(1).split())
    return targets


def test_the_docs_exist_and_the_readme_links_each():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for document in DOCUMENTS[1:]:
        assert f"docs/{document.name}" in readme, f"the README does not point to docs/{document.name}"
    assert len(readme.splitlines()) <= 170, "the README is a summary; the manual belongs in docs/"


@pytest.mark.parametrize("command", sorted(_named(r"python -m helpers ([a-z][a-z-]*)")))
def test_every_named_command_answers_help(command):
    result = subprocess.run([sys.executable, "-m", "helpers", command, "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"`python -m helpers {command} --help` failed:\n{result.stderr}"


@pytest.mark.parametrize("module", sorted(_named(r"python -m (helpers\.[a-z_.]+[a-z])")))
def test_every_named_module_exists(module):
    assert find_spec(module) is not None, f"the docs name `python -m {module}`, which does not exist"


def test_every_named_make_target_exists():
    named = _named(r"`make ([a-z][a-z-]*)") | _named(r"(?m)^make ([a-z][a-z-]*)")
    missing = sorted(named - _make_targets())
    assert not missing, f"the docs name make targets the Makefile does not have: {missing}"
    assert {"report", "test", "data", "analysis", "template", "lab"} <= named
