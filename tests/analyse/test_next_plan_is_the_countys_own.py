"""A county's next plan is its own (redteam15 finding 1, helpers.core.periods rule 3).

建德 and 安吉 have their 十四五 plans only (2020 → 2025). 桐庐's only plan is a 2035远景 plan, 2025 → 2035 (its table's
target column 2035年目标). Was: in 2026 the outlook took 建德's and 安吉's next plan from all counties' periods, so both
were to draft a "2035远景" plan with projections to 2035 (outlook.csv next_plan 2035远景, next_target_year 2035), and
the brief said "建德市、安吉县起草“2035远景”规划…外推到2035年". Now the next plan after 十四五 is 十五五,
2025 → 2030 (the five-year sequence after their own plan), and 桐庐's plan is still its own.
"""
import pytest
import yaml

from conftest import copy_of_project
from helpers import analyse
from helpers.extract import dataset
from support.fifteenth_plan import WORD_PLAN, add_fifteenth_plan


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_of_project(tmp_path_factory.mktemp("vision"))
    # (its title says its years: the 十五五 plan's title, 十五五, is not this plan's period, and stops the run)
    add_fifteenth_plan(root, "word_tab_cells", text=WORD_PLAN.replace("2030年目标", "2035年目标").replace(
        "桐庐县人才发展“十五五”规划", "桐庐县人才发展规划（2026—2035年）", 1))
    path = root / "config" / "sources.yaml"
    sources = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(e for e in sources["plans"] if e["entity"] == "tonglu")
    entry["plan_period"] = {"name": "2035远景", "base_year": 2025, "target_year": 2035}
    path.write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


def test_the_next_plan_after_a_fourteenth_plan_is_the_fifteenth_whatever_another_county_has(project):
    inputs = analyse.load_inputs(project / "processed", project / "config", 2026, "jiande,anji,tonglu",
                                 year_must_have_data=False)
    outlook = analyse.outlook_table(inputs)
    nxt = outlook.drop_duplicates("entity").set_index("entity")
    # 桐庐's 2035远景 has not ended by 2026: no outlook row of its own
    assert sorted(nxt.index) == ["anji", "jiande"]
    for county in ("jiande", "anji"):
        assert (nxt.loc[county, "ended_plan"], nxt.loc[county, "next_plan"]) == ("十四五", "十五五")
        assert (nxt.loc[county, "next_base_year"], nxt.loc[county, "next_target_year"]) == (2025, 2030)
        assert not nxt.loc[county, "next_plan_configured"]
