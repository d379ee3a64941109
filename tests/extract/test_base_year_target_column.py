"""A column of the county's targets for a plan's base year or before (redteam16 F-base-target): 桐庐's 十五五 plan
(base 2025) heading its 2025 column `2025年预期目标` or `2025年目标`. Read as 2025's targets, its 15.2, 〔6500〕 and 5.5
were merged with the 十四五 plan's targets (15左右, 〔6000〕, 6) and the base figures lost, and the brief called the two
targets "2025年实际值两个来源不同". A plan sets targets for years after its base year: the run stops, and either
entry its advice gives, followed, reads the column as what it is."""
from __future__ import annotations

import re

import pytest
import yaml

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.final_evaluation import final_evaluation_case


@pytest.mark.parametrize("header", ["2025年预期目标", "2025年目标"])
def test_a_county_target_column_at_the_base_year_stops_and_the_advice_reads(tmp_path, header):
    with pytest.raises(InputError) as stop:
        final_evaluation_case(tmp_path, base_header=header, without=(("人才资源总量", 2025),))
    err = stop.value
    assert str(err.file).endswith("tonglu_15.txt")
    assert f"'{header}' is read as the county's targets for 2025, but 2025 is not after the base year 2025" \
        in err.problem
    base, remark = re.findall(r"`- (\{pattern: .*?\})`", err.fix)

    def rebuilt(entry: str):
        sources_path = tmp_path / "config" / "sources.yaml"
        sources = yaml.safe_load(sources_path.read_text(encoding="utf-8"))
        sources["header_roles"] = [yaml.safe_load(entry)]
        sources_path.write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return dataset.build(tmp_path / "raw", tmp_path / "config").indicators.query(
            "entity == 'tonglu' and indicator_id == 'talent_total' and year == 2025")

    # The base year's figure (the workbook has none for 2025 here): 15.2, the plan's estimate of 2025; the one 2025
    # target is the 十四五 plan's 15左右.
    rows = rebuilt(base)
    targets = rows.query("kind == 'target'")
    assert targets["value"].tolist() == [15] and targets["source_file"].str.endswith("tonglu_14.txt").all()
    plan_base = rows[rows["source_file"].str.endswith("tonglu_15.txt")]
    assert plan_base["kind"].tolist() == ["actual"] and plan_base["value"].tolist() == [15.2]
    assert plan_base["estimated"].tolist() == [True]
    # The previous plan's targets: not read; 2025's target is still 十四五's 15左右 alone.
    rows = rebuilt(remark)
    assert rows.query("kind == 'target'")["value"].tolist() == [15]
    assert not rows["source_file"].str.endswith("tonglu_15.txt").any()
