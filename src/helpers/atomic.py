"""Writing outputs so that a failed run never leaves half-written files or destroys the last good ones.

Standard library only: the PDF render and other light processes use it without importing pandas.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replaced_when_done(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block succeeds, rename it onto `path`.

    On any error the temporary file is removed and `path` keeps its previous content.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def staged_outputs(final_dir: Path) -> Iterator[Path]:
    """Yield a staging directory; on success move every file in it into final_dir.

    On any error the staging directory is removed and final_dir is left as it was.
    """
    final_dir = Path(final_dir)
    final_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final_dir.name}.staging-", dir=final_dir.parent))
    try:
        yield staging
        for item in sorted(staging.iterdir()):
            os.replace(item, final_dir / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
