"""The method is read from the config folder the run was given (redteam17 finding 5): CONFIG_DIR's method.yaml, as its
sources.yaml and catalogue.yaml are.

Was (main f1f00a4): helpers.core.method.method_parameters() always read the project's config/method.yaml. A case
folder's config with `schedule_tolerance_points: 0` still had the brief say "相差不到5个百分点", and judged 桐庐's
新增高技能人才 (58.3% against 60.0%, 1.7 points behind) on schedule; a tolerance of −5, 150 or "abc" in it was never
read, so never refused.
Now: a step given a config folder reads its method.yaml (a folder without one: the project's); a bad value stops
naming that file, its line and the range allowed.
"""
import pytest

from conftest import copy_of_project
from helpers import analyse
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.core.method import method_parameters
from helpers.core.wording import words
from helpers.extract import dataset


def tolerance(config, value: str) -> int:
    """method.yaml's schedule_tolerance_points set to `value`; its line."""
    path = config / "method.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("schedule_tolerance_points:"))
    lines[at] = f"schedule_tolerance_points: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_the_config_folders_method_judges(tmp_path):
    root = copy_of_project(tmp_path)
    tolerance(root / "config", "2")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.load_inputs(root / "processed", root / "config")
    method = method_parameters()
    assert method.schedule_tolerance == 0.02 and method.path == root / "config" / "method.yaml"
    assert "两者相差不到2个百分点为符合序时进度" in "\n".join(words("zh").list("method"))
    assert "Within 2 percentage points of each other is on schedule" in "\n".join(words("en").list("method"))


def test_a_config_folder_without_a_method_reads_the_projects(tmp_path):
    root = copy_of_project(tmp_path)
    (root / "config" / "method.yaml").unlink()
    dataset.build(root / "raw", root / "config")
    assert method_parameters().path == paths.CONFIG_DIR / "method.yaml"
    assert method_parameters().schedule_tolerance == 0.05


@pytest.mark.parametrize("value, said", [
    ("-5", "`schedule_tolerance_points` is -5: it should be above 0 and at most 100"),
    ("150", "`schedule_tolerance_points` is 150: it should be above 0 and at most 100"),
    ("abc", "`schedule_tolerance_points` should be a number above 0 and at most 100 (percentage points either side of "
            "the schedule share) but is 'abc'"),
])
def test_a_bad_tolerance_in_the_config_folder_stops_the_data_step(tmp_path, value, said):
    root = copy_of_project(tmp_path)
    line = tolerance(root / "config", value)
    with pytest.raises(InputError) as caught:
        dataset.build(root / "raw", root / "config")
    error = caught.value
    assert error.location == f"{root / 'config' / 'method.yaml'}, line {line}"
    assert said in error.problem
    assert "range" in error.fix
