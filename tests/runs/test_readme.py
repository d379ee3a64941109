"""The README's layout table matches the folders: every path it names exists, and every tracked top-level
entry and every stage package of src/helpers/ has its row."""
import re
import subprocess

import pytest

from helpers.core import paths

README = paths.PROJECT_ROOT / "README.md"


def _layout_paths() -> list[str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return [p.rstrip("/") for row in rows for p in re.findall(r"`([^`]+)`", row)]


def test_every_path_in_the_layout_table_exists():
    for path in _layout_paths():
        assert list(paths.PROJECT_ROOT.glob(path)), f"README layout names {path}, which does not exist"


def test_every_folder_has_its_row():
    listed = set(_layout_paths())
    try:
        tracked = subprocess.run(["git", "ls-files"], cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                                 check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    top = {f.split("/")[0] for f in tracked} - {"README.md", ".gitignore"}
    for entry in sorted(top):
        assert any(p == entry or p.startswith(entry + "/") for p in listed), f"{entry} has no row in the README"
    packages = {f.split("/")[2] for f in tracked if re.fullmatch(r"src/helpers/[^/]+/__init__\.py", f)}
    for package in sorted(packages):
        assert f"src/helpers/{package}" in listed, f"src/helpers/{package}/ has no row in the README"
