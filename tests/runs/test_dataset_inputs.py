"""A dataset is published only when it was built, unchanged, from the inputs the run names: not one written from
another folder (a lab copy of the data notebook with its raw_dir changed), nor one whose figures were set in code
after they were read."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ProjectCopy
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.extract import dataset

JIANDE_TALENT_TARGET_2025 = ("entity == 'jiande' and indicator_id == 'talent_total' and year == 2025 "
                             "and kind == 'target'")


def test_a_figure_set_in_code_after_the_build_is_never_written(workspace):
    processed = workspace / "processed"
    ds = dataset.build(workspace / "raw", workspace / "config")
    dataset.write(ds, processed)
    before = {p.name: p.read_bytes() for p in processed.iterdir()}
    # Jiande's plan, line 49: 人才资源总量 14 万人 in 2025. An analyst "corrects" it to 13 in the notebook's code.
    rows = ds.indicators.query(JIANDE_TALENT_TARGET_2025)
    assert rows["value"].tolist() == [14.0] and rows["source_line"].tolist() == [49]
    ds.indicators.loc[rows.index, "value"] = 13.0
    with pytest.raises(InputError) as info:
        dataset.write(ds, processed)
    assert info.value.file.endswith("indicators.csv")
    assert "changed after it was read" in info.value.problem and "data/raw/" in info.value.fix
    assert {p.name: p.read_bytes() for p in processed.iterdir()} == before      # nothing written


def test_the_record_names_every_input_the_dataset_was_built_from(workspace):
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    inputs = json.loads((workspace / "processed" / paths.BUILD_INFO_JSON).read_text(encoding="utf-8"))["inputs"]
    assert inputs["folders"] == {"raw": str(workspace / "raw"), "config": str(workspace / "config")}
    assert {"jiande_talent_plan_2021-2025.txt", "anji_talent_plan_2021-2025.txt"} <= set(inputs["raw"])
    assert {"sources.yaml", "catalogue.yaml", "method.yaml"} <= set(inputs["config"])


def _lab_run(project: ProjectCopy, raw_dir) -> subprocess.CompletedProcess:
    """What lab/01_data.ipynb does with its raw_dir parameter edited, in the project's folder."""
    code = ("from helpers.core import paths\nfrom helpers.extract import dataset\n"
            f"dataset.write(dataset.build({str(raw_dir)!r}, paths.CONFIG_DIR), paths.PROCESSED_DIR)\n")
    return subprocess.run([sys.executable, "-c", code], cwd=project.root / "notebooks", capture_output=True,
                          text=True, env={**os.environ, "TALENT_PROJECT_ROOT": str(project.root)}, timeout=300)


@pytest.mark.slow     # whole make runs
def test_make_rebuilds_a_dataset_written_from_another_folder(tmp_path):
    """The project's own plans, and a colleague's folder holding the same files: `make report` must publish the
    dataset built from data/raw, citing data/raw, not the one the lab notebook wrote from the other folder."""
    import shutil
    project = ProjectCopy(tmp_path / "project")
    other = tmp_path / "colleague" / "raw"
    shutil.copytree(project.root / "data" / "raw", other)
    assert (made := project.make("data")).returncode == 0, made.stdout + made.stderr
    indicators = project.root / "data" / "processed" / "indicators.csv"
    good = indicators.read_bytes()

    lab = _lab_run(project, other)
    assert lab.returncode == 0, lab.stderr
    assert str(other) in indicators.read_text(encoding="utf-8-sig")      # the colleague's folder is cited

    run = project.make("report")
    assert run.returncode == 0, run.stdout + run.stderr
    said = [line for line in run.stderr.splitlines() if "was not built from the inputs" in line]
    assert len(said) == 1 and str(other) in said[0] and "data/raw" in said[0], run.stderr
    assert indicators.read_bytes() == good
    published = "".join(p.read_text(encoding="utf-8") for p in (project.root / "reports").rglob("*.html"))
    assert published and str(other) not in published and str(tmp_path / "colleague") not in published

    again = project.make("report")       # rebuilt once: nothing more to say or do
    assert again.returncode == 0 and "was not built from the inputs" not in again.stderr
    assert indicators.read_bytes() == good
