"""The folders a run writes are never a folder it reads (the raw folder, whose monitoring/ files are all read as
inputs, the config), nor inside one.
REPORTS_DIR=data/raw/monitoring published the results workbook and the report notebook among the monitoring
workbooks, and the next run stopped on them as unreadable inputs. The first step (`python -m helpers inputs`,
which checks the run's parameters) refuses it in one line, before writing."""
import shutil

import pytest

from helpers.core import paths
from helpers.run import cli


@pytest.fixture
def project(tmp_path):
    for name, source in (("raw", paths.RAW_DIR), ("config", paths.CONFIG_DIR)):
        shutil.copytree(source, tmp_path / name)
    return tmp_path


def inputs(project, processed, reports=None) -> int:
    return cli.main(["inputs", str(processed / ".inputs.json"), "--raw-dir", str(project / "raw"),
                     "--config-dir", str(project / "config"),
                     *(["--reports-dir", str(reports)] if reports else []),
                     "--year", "", "--entities", "", "--lang", "", "--documents", ""])


@pytest.mark.parametrize("processed, reports, said", [
    ("processed", "raw/monitoring", "REPORTS_DIR={raw}/monitoring: that lies inside the raw folder read by this "
                                    "run ({raw}), which a run only reads"),
    ("processed", "raw/monitoring/2026", "REPORTS_DIR={raw}/monitoring/2026: that lies inside the raw folder"),
    ("raw/monitoring/out", None, "PROCESSED_DIR={raw}/monitoring/out: that lies inside the raw folder"),
    ("raw", None, "PROCESSED_DIR={raw}: that is the raw folder read by this run"),
    ("config/out", None, "PROCESSED_DIR={config}/out: that lies inside the config folder read by this run"),
])
def test_an_output_folder_among_the_inputs_is_refused_before_anything_is_written(project, capsys, processed,
                                                                                 reports, said):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert inputs(project, project / processed, project / reports if reports else None) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: " + said.format(raw=project / "raw", config=project / "config")), err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before      # nothing written


def test_output_folders_beside_the_inputs_are_fine(project):
    # a folder that holds the inputs' folder (data/, the project itself) is not among them
    assert inputs(project, project / "processed", project) == 0
    assert (project / "processed" / ".inputs.json").is_file()
