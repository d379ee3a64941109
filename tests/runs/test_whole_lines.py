"""Every line a command prints on stderr is written whole, its newline in the same write. Python's stderr writes
through when it is not a terminal (under make), and print() wrote the text and then the newline: under make -j2,
once in 22 Ctrl-Cs of `make report`, make's own "make: *** … Interrupt" for the other step came between the two
and was glued onto the product's "interrupted. …" line. Seen here as the system calls (strace)."""
import re
import shutil
import subprocess
import sys

import pytest

from helpers.core import paths

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")


def stderr_writes(tmp_path, *command: str) -> list[str]:
    """What the command writes to stderr, one item per write(2) call (strace's escaped text)."""
    trace = tmp_path / "trace.txt"
    subprocess.run(["strace", "-o", str(trace), "-s", "4096", "-e", "trace=write", *command],
                   capture_output=True, cwd=paths.PROJECT_ROOT, timeout=120)
    return re.findall(r'^write\(2, "(.*)", \d+\)', trace.read_text(encoding="utf-8", errors="replace"), re.M)


def test_the_stopped_line_is_one_write_with_its_newline(tmp_path):
    writes = stderr_writes(tmp_path, sys.executable, "-c",
                           "from helpers.run.stopping import say_stopped; "
                           "say_stopped('Nothing was replaced.', nothing_replaced=False)")
    assert writes == [r"interrupted. Nothing was replaced.\n"]


def test_an_error_is_written_in_whole_lines(tmp_path):
    # a built file missing: the error, its advice and what the run left, each line ending in its own write
    writes = stderr_writes(tmp_path, sys.executable, "-m", "helpers", "publish", str(tmp_path / "build"),
                           str(tmp_path / "reports"), "brief.pdf")
    assert writes and writes[0].startswith("error: ") and "a file of the report was not built" in writes[0]
    assert all(w.endswith(r"\n") for w in writes), writes
