"""An analysis outside make (notebooks 02/03 in JupyterLab, or their helper functions) is refused, as make refuses
it, when the dataset was not built from the inputs as they are now: a workbook added or edited after the data
step, a config file changed, or data/processed written from another folder than the one make reads. One
InputError names the processed file and the input that changed, and gives the command that rebuilds."""
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ProjectCopy
from helpers import analyse
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.files.fingerprint import data_step_record, write_record
from support.workbooks import drop, fill, template

JIANDE_2023 = [{"county": "建德市", "indicator": "人才资源总量", "year": 2023, "value": 12.9, "source": "统计年鉴"}]


@pytest.fixture
def processed(workspace):
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    return workspace / "processed"


def _refusal(processed, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        analyse.load_inputs(processed, processed.parent / "config", **kwargs)
    return info.value


def test_the_dataset_as_built_is_read(processed):
    assert analyse.load_inputs(processed, processed.parent / "config").report_year == 2020


def test_a_workbook_added_after_the_data_step_is_not_silently_left_out(processed):
    # Without the check, the analysis reports on 2020: the 2023 figure is silently missing.
    drop(processed.parent, "建德2023年监测.xlsx", JIANDE_2023)
    error = _refusal(processed)
    assert error.file.endswith("indicators.csv")
    assert "not built from the inputs as they are now" in error.problem
    assert "monitoring/建德2023年监测.xlsx" in error.problem
    assert "make data" in error.fix


def test_an_edited_workbook_is_named(processed):
    workbook = drop(processed.parent, "建德2023年监测.xlsx", JIANDE_2023)
    dataset.write(dataset.build(processed.parent / "raw", processed.parent / "config"), processed)
    assert analyse.load_inputs(processed, processed.parent / "config").report_year == 2023
    drop(processed.parent, workbook.name, [{**JIANDE_2023[0], "value": 13.9}])
    error = _refusal(processed)
    assert "建德2023年监测.xlsx" in error.problem and "make data" in error.fix


def test_a_changed_config_file_is_named(processed):
    method = processed.parent / "config" / "method.yaml"
    method.write_text(method.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    error = _refusal(processed, report_year=2020)
    assert "method.yaml" in error.problem


def test_a_dataset_written_from_another_folder_than_make_reads(processed, tmp_path):
    """make's last run recorded the raw folder it reads (.inputs.json); a lab run of the data notebook then wrote
    data/processed from a colleague's copy. make would rebuild it; the analysis must not read it meanwhile."""
    workspace = processed.parent
    write_record(processed / ".inputs.json", data_step_record(workspace / "raw", workspace / "config"))
    colleague = tmp_path / "colleague" / "raw"
    shutil.copytree(workspace / "raw", colleague)
    dataset.write(dataset.build(colleague, workspace / "config"), processed)
    error = _refusal(processed)
    assert str(colleague) in error.problem and str(workspace / "raw") in error.problem
    assert f'RAW_DIR="{workspace / "raw"}"' in error.fix


def test_the_run_make_worked_out_is_checked_too(processed):
    """A notebook opened in JupyterLab with its parameters as committed reads the run make worked out (run.json)."""
    from conftest import resolve_run
    resolve_run(processed, processed.parent / "config")
    assert analyse.notebook_inputs(processed, processed.parent / "config").report_year == 2020
    drop(processed.parent, "建德2023年监测.xlsx", JIANDE_2023)
    with pytest.raises(InputError, match="not built from the inputs as they are now"):
        analyse.notebook_inputs(processed, processed.parent / "config")


def test_the_check_costs_milliseconds(processed):
    analyse.load_inputs(processed, processed.parent / "config")     # warm
    from helpers.files.fingerprint import check_built_from_current_inputs
    start = time.perf_counter()
    for _ in range(10):
        check_built_from_current_inputs(processed, processed.parent / "config")
    assert (time.perf_counter() - start) / 10 < 0.05


@pytest.mark.slow     # papermill runs a notebook
def test_the_analyst_running_the_notebook_gets_the_refusal_and_its_advice_works(tmp_path):
    """In a project copy: `make data`, then a workbook dropped into data/raw/monitoring/, then notebook 03 run
    with papermill as JupyterLab would run it. It stops with the refusal; `make data`, as advised, rebuilds; the
    notebook then runs on the new figure."""
    project = ProjectCopy(tmp_path / "project")
    assert (made := project.make("data")).returncode == 0, made.stdout + made.stderr
    (project.root / "data" / "raw" / "monitoring").mkdir(exist_ok=True)
    fill(template(project.root / "data" / "raw" / "monitoring" / "建德2023年监测.xlsx", project.root / "config"),
         JIANDE_2023)
    env = {**os.environ, "TALENT_PROJECT_ROOT": str(project.root)}
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)

    def notebook() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "papermill", "--cwd", str(project.root / "notebooks"),
                               str(project.root / "notebooks" / "03_growth.ipynb"), str(tmp_path / "out.ipynb")],
                              cwd=project.root, env=env, capture_output=True, text=True, timeout=600)

    run = notebook()
    assert run.returncode != 0
    said = run.stdout + run.stderr
    assert "data/processed/indicators.csv: the processed data are not built from the inputs as they are now" in said
    assert "data/raw/monitoring/建德2023年监测.xlsx" in said
    command = said.split("How to fix:", 1)[1].split("`")[1]
    assert command == "make data"
    followed = project.make(*command.split()[1:])
    assert followed.returncode == 0, followed.stdout + followed.stderr
    run = notebook()
    assert run.returncode == 0, run.stdout + run.stderr
    out = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    shown = json.dumps(out["cells"], ensure_ascii=False)
    assert "2023" in shown and "not built from the inputs" not in shown
