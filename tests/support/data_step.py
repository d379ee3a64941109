"""The data step as `make data` runs it, for the tests of bad input and config."""
from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset


def edit_first(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; returns the (1-based) line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def build(workspace: Path) -> dataset.Dataset:
    """The data step's build of the workspace's raw/ and config/ (nothing written)."""
    return dataset.build(workspace / "raw", workspace / "config")


def build_refused(workspace: Path) -> InputError:
    """The error the data step's build stops with (nothing written)."""
    with pytest.raises(InputError) as info:
        build(workspace)
    return info.value


def monitored(workspace: Path):
    """The indicators the data step builds from the monitoring workbooks."""
    return build(workspace).indicators.query("origin == 'monitoring'")


def data_step_refuses(workspace: Path) -> InputError:
    """Build and write as `make data` does, and return the error it stops with: the error must come before
    anything is written, so the last good data are untouched and nothing is left beside them."""
    processed = workspace / "processed"
    (processed / "indicators.csv").write_text("last good data", encoding="utf-8")
    with pytest.raises(InputError) as info:
        dataset.write(dataset.build(workspace / "raw", workspace / "config"), processed)
    assert (processed / "indicators.csv").read_text(encoding="utf-8") == "last good data"
    assert sorted(p.name for p in processed.iterdir()) == ["indicators.csv"]
    return info.value
