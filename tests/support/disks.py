"""A real full disk for the tests: a small tmpfs (needs root and mount; the test is skipped where they are not)."""
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_tmpfs(folder: Path, size: str):
    """Mount a tmpfs of `size` (e.g. "96k") on `folder` (made here) for the block, and unmount it after."""
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield folder
    finally:
        # Lazily if it is busy (a file the failed write held open): a mount left behind would pile up, one per run.
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", str(folder)], capture_output=True)
