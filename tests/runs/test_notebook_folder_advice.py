"""A folder parameter of a notebook that names the wrong kind of folder is refused with advice that works when
followed (redteam12, JupyterLab): `config_dir = "data/raw"` in 02_comparison advised `make data … CONFIG_DIR=
"data/raw"`, which stops at once (no sources.yaml there), and in 04_report gave a FileNotFoundError traceback;
`processed_dir = "~"` advised `make data` (or `make report`), which writes data/processed, never there; `raw_dir =
"~"` in 01_data advised `make manifest`, which records data/raw. Each test gives the bad value as the notebook
does, from notebooks/ (where JupyterLab runs it), then follows the advice."""
from __future__ import annotations

import re

import pytest

from conftest import analysed, copy_of_project
from helpers import analyse
from helpers.core import paths
from helpers.core.errors import ParameterError
from helpers.extract import dataset
from helpers.report.context import load_run_context
from helpers.run import cli


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project copy taken through the data step, the run and the analysis (make analysis), for 2020."""
    return analysed(copy_of_project(tmp_path_factory.mktemp("project")), 2020)


@pytest.fixture
def lab(project, tmp_path, monkeypatch):
    """JupyterLab: the notebook runs in notebooks/, with the copy's folders as the project's defaults and an empty
    home folder."""
    for name, folder in (("RAW_DIR", "raw"), ("CONFIG_DIR", "config"), ("PROCESSED_DIR", "processed")):
        monkeypatch.setattr(paths, name, project / folder)
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(paths.NOTEBOOKS_DIR)
    return project


def _refused(call) -> str:
    with pytest.raises(ParameterError) as stopped:
        call()
    message = str(stopped.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("given", ["data/raw", "~", "reports"])
def test_a_config_dir_without_the_config_files_is_said_to_be_none_and_the_default_then_reads(lab, given):
    for notebook in (lambda c: analyse.notebook_inputs(paths.PROCESSED_DIR, c).report_year,     # 02, 03
                     lambda c: load_run_context(None, c).inputs.report_year):                    # 04 (a traceback)
        message = _refused(lambda: notebook(given))
        assert message.startswith(f"config_dir = '{given}': ") and "holds no sources.yaml and no catalogue.yaml: " \
            "it is not a config folder" in message and message.endswith("(config_dir = None).")
        assert "make data" not in message
        assert notebook(None) == 2020       # followed: the default config folder


@pytest.mark.parametrize("given", ["~", "reports", "data"])
def test_a_processed_dir_the_data_step_never_wrote_in_is_said_to_be_none_and_the_default_then_reads(lab, given):
    for notebook in (lambda p: analyse.notebook_inputs(p, paths.CONFIG_DIR).report_year,
                     lambda p: load_run_context(p, None).inputs.report_year):
        message = _refused(lambda: notebook(given))
        assert message.startswith(f"processed_dir = '{given}': ") and "holds no processed data (none of " \
            "indicators.csv, build_info.json, run.json): it is not a folder the data step wrote in. Give the " \
            "folder the data step wrote them in, e.g. the default, " in message
        assert message.endswith("(processed_dir = None).") and "make data" not in message
        assert notebook(None) == 2020       # followed


def test_without_processed_data_anywhere_the_advice_runs_the_data_step_first(lab, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")      # a fresh clone's: nothing built
    paths.PROCESSED_DIR.mkdir()
    message = _refused(lambda: analyse.notebook_inputs("~", paths.CONFIG_DIR))
    assert "Run `make data` first (it writes them in the default folder, " in message
    assert message.endswith("then give that folder (processed_dir = None).")
    dataset.write(dataset.build(None, None), paths.PROCESSED_DIR)                     # followed: what `make data` does
    assert analyse.notebook_inputs(None, paths.CONFIG_DIR).report_year == 2020


@pytest.mark.parametrize("given", ["~", "config"])
def test_a_raw_dir_that_holds_no_plan_is_said_to_be_none_and_the_default_then_reads(lab, given):
    message = _refused(lambda: dataset.build(given, None))                  # 01_data
    assert "holds none of the plan documents" in message and "it is not a raw data folder" in message
    assert "(raw_dir = None in a notebook; leave RAW_DIR out for make)." in message and "manifest" not in message
    assert len(dataset.build(None, None).indicators) > 90                   # followed


def test_a_raw_folder_of_its_own_without_a_manifest_is_told_the_make_manifest_that_records_it(lab, tmp_path):
    """`make manifest` alone records data/raw: the advice names RAW_DIR, and followed (as make runs it), reads."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for plan in ("jiande_talent_plan_2021-2025.txt", "anji_talent_plan_2021-2025.txt"):
        (raw / plan).write_bytes((paths.RAW_DIR / plan).read_bytes())
    from helpers.core.errors import InputError
    with pytest.raises(InputError) as stopped:
        dataset.build(raw, None)
    command = re.search(r"run `(make manifest[^`]*)`", stopped.value.fix).group(1)
    assert command == f'make manifest RAW_DIR="{raw}"'
    assert cli.main(["manifest", "--raw-dir", str(raw), "--config-dir", str(paths.CONFIG_DIR)]) == 0
    assert len(dataset.build(raw, None).indicators) > 90


def test_a_processed_folder_without_a_run_is_told_the_make_that_works_one_out_there(lab, tmp_path):
    """04_report on a folder 01_data wrote in JupyterLab: `make report` alone works the run out in data/processed
    (the advice, followed, changed nothing); it now names PROCESSED_DIR, and followed (as make runs it), reads."""
    from helpers.core.errors import InputError
    own = tmp_path / "mine"
    dataset.write(dataset.build(None, None), own)
    with pytest.raises(InputError) as stopped:
        load_run_context(own, None)
    assert stopped.value.problem == "the run has not been worked out yet"
    assert f'`make report PROCESSED_DIR="{own}"` (or `make analysis PROCESSED_DIR="{own}"`)' in stopped.value.fix
    folders = ["--processed-dir", str(own), "--config-dir", str(paths.CONFIG_DIR)]
    assert cli.main(["resolve", *folders]) == 0 and cli.main(["analyse", *folders]) == 0     # make analysis's steps
    assert load_run_context(own, None).inputs.report_year == 2020
