"""The README's layout table matches the folders: every path it names exists, and every tracked top-level
entry and every stage package of src/helpers/ has its row."""
import re
import subprocess

import pytest

from helpers.core import paths

README = paths.PROJECT_ROOT / "README.md"


def _layout_rows() -> list[tuple[list[str], str]]:
    """(the paths a row names, what it says of them)."""
    text = README.read_text(encoding="utf-8")
    table = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in table.splitlines() if line.startswith("| `")]
    return [([p.rstrip("/") for p in re.findall(r"`([^`]+)`", row[1])], row[2]) for row in rows]


def _layout_paths() -> list[str]:
    return [path for names, _ in _layout_rows() for path in names]


def test_every_path_in_the_layout_table_exists_or_says_what_makes_it():
    """A folder that a command makes (lab/, by `make lab`) may be missing from a checkout where it never ran; its row
    says which command makes it, and git ignores it."""
    for names, what in _layout_rows():
        for path in names:
            if list(paths.PROJECT_ROOT.glob(path)):
                continue
            made_by = re.search(r"made by `make [a-z-]+`", what)
            ignored = any(subprocess.run(["git", "check-ignore", "-q", name], cwd=paths.PROJECT_ROOT).returncode == 0
                          for name in (path, f"{path}/"))
            assert made_by and ignored, f"README layout names {path}, which does not exist (nor says what makes it)"


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
