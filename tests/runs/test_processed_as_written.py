"""A processed file is read only while it is exactly what the data step wrote: a hand-edited, truncated,
emptied or re-encoded indicators.csv is refused, naming the file, with advice that works when followed."""
import json

import pytest

from conftest import ProjectCopy
from helpers import analyse
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.files.processed import read_processed
from helpers.run import parameters


@pytest.fixture
def processed(workspace):
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    return workspace / "processed"


def _hand_edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8-sig")


def _talent_total_2020(workspace) -> float:
    inputs = analyse.load_inputs(workspace / "processed", workspace / "config")
    rows = inputs.indicators.query("entity == 'jiande' and indicator_id == 'talent_total' and year == 2020 "
                                   "and kind == 'actual'")
    return float(rows["value"].iloc[0])


def test_the_data_step_records_what_it_wrote(processed):
    record = json.loads((processed / paths.BUILD_INFO_JSON).read_text(encoding="utf-8"))
    assert {"indicators.csv", "cleaning_log.csv", "consistency_checks.csv"} <= set(record["outputs"])
    assert _talent_total_2020(processed.parent) == 10.3     # Jiande's plan, line 48


def test_a_figure_edited_by_hand_never_reaches_the_analysis(processed):
    # Jiande's 2020 talent total, 10.3 (plan line 48), typed over as 99 in Excel and saved as CSV.
    _hand_edit(processed / "indicators.csv", "jiande,talent_total,人才资源总量,2020,actual,10.3,",
               "jiande,talent_total,人才资源总量,2020,actual,99.0,")
    for read in (lambda: analyse.load_inputs(processed, processed.parent / "config"),
                 lambda: parameters.resolve(processed_dir=processed, config_dir=processed.parent / "config"),
                 lambda: parameters.years_with_data(processed, ["jiande"])):
        with pytest.raises(InputError) as info:
            read()
        assert info.value.file.endswith("indicators.csv")
        assert "not what the data step wrote" in info.value.problem
        assert "rm " in info.value.fix and "make data" in info.value.fix


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],                                          # truncated
    lambda b: b"",                                                       # emptied
    lambda b: b.decode("utf-8-sig").encode("gbk", errors="replace"),     # saved by Excel as GBK
])
def test_truncated_emptied_or_re_encoded_files_are_refused_clearly(processed, damage):
    path = processed / "indicators.csv"
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(InputError) as info:
        analyse.load_inputs(processed, processed.parent / "config")
    assert "not what the data step wrote" in info.value.problem      # never a UnicodeDecodeError


def test_other_processed_tables_are_checked_too(processed):
    path = processed / "cleaning_log.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(InputError, match="not what the data step wrote"):
        read_processed(processed, "cleaning_log.csv")
    assert len(read_processed(processed, "consistency_checks.csv")) > 0


def test_without_a_record_nothing_is_trusted(processed):
    (processed / paths.BUILD_INFO_JSON).unlink()
    with pytest.raises(InputError, match="no record of what the data step wrote"):
        parameters.years_with_data(processed, ["jiande"])


def test_the_advice_works_when_followed(tmp_path):
    """`make report` refuses the edited file; the advice given, run as written, rebuilds the plans' figures."""
    import subprocess
    project = ProjectCopy(tmp_path)
    assert project.make("data").returncode == 0
    indicators = project.root / "data" / "processed" / "indicators.csv"
    good = indicators.read_bytes()
    _hand_edit(indicators, "jiande,talent_total,人才资源总量,2020,actual,10.3,",
               "jiande,talent_total,人才资源总量,2020,actual,99.0,")
    run = project.make("report")
    assert run.returncode != 0 and "not what the data step wrote" in run.stderr, run.stdout + run.stderr
    assert not (project.root / "reports" / "2020").exists()
    advice = run.stderr.split("How to fix:", 1)[1]
    command = advice.split("`")[1]
    assert command == 'rm "data/processed/indicators.csv" && make data'
    import os
    env = {**os.environ, "TALENT_PROJECT_ROOT": str(project.root)}
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    followed = subprocess.run(command + " INSTALLED=.installed-for-tests", shell=True, cwd=project.root, env=env,
                              capture_output=True, text=True, timeout=600)
    assert followed.returncode == 0, followed.stdout + followed.stderr
    assert indicators.read_bytes() == good
