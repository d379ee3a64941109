"""`make lint` passes: ruff (style, imports, complexity at most 12; configured in pyproject.toml) on src, tests
and benchmarks. A function past the complexity limit hides several jobs: split it rather than raise the limit."""
import subprocess
import sys

from helpers.core import paths


def test_ruff_passes():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "src", "tests", "benchmarks"],
                         cwd=paths.PROJECT_ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


STAGES = {"extract", "analyse", "report", "runs"}


def test_tests_are_grouped_by_stage_and_share_helpers_only_through_support():
    """Each test file lives in its stage's folder, and what tests share is in tests/support/ (or conftest.py):
    no test imports another test file."""
    import ast
    tests = paths.PROJECT_ROOT / "tests"
    loose = sorted(p.name for p in tests.glob("test_*.py"))
    assert not loose, f"put these in a stage folder ({', '.join(sorted(STAGES))}): {loose}"
    for path in tests.glob("*/*.py"):
        assert path.parent.name in STAGES | {"support"}, f"{path} is in no stage folder"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            bad = [n for n in names if n.split(".")[0].startswith("test_")]
            assert not bad, f"{path.relative_to(tests)} imports test module(s) {bad}: share through tests/support/"
