"""千人 (1,000 persons) is a unit of the catalogue's persons family (万人 = 10,000, 人 = 1), converted to the
indicator's unit like 人 (notes: "千人 is not a unit in the catalogue": a plan's 千人 stopped the run, and the prose
left the sentence unread). Worked by hand: 103 千人 = 103 × 1,000 ÷ 10,000 = 10.3 万人, 140 千人 = 14 万人."""
import json

import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest

JIANDE = "jiande_talent_plan_2021-2025.txt"
# 建德's table row 人才资源总量: unit 万人, 2020 actual 10.3, 2025 target 14 (lines 46-49)
ROW = "\t人才资源总量\n\t万人\n\t10.3\n\t14\n"


def _build(workspace, old: str, new: str) -> dataset.Dataset:
    path = workspace / "raw" / JIANDE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    write_manifest(workspace / "raw")
    return dataset.build(workspace / "raw", workspace / "config")


def _talent_total(ds, year):
    ind = ds.indicators
    return ind[(ind["entity"] == "jiande") & (ind["indicator_id"] == "talent_total") & (ind["year"] == year)] \
        .to_dict("records")


def test_a_plan_table_row_in_thousand_persons_is_converted_to_wan(workspace):
    # main: "unit '千人' of '人才资源总量' is not in the unit vocabulary": the run stopped
    ds = _build(workspace, ROW, "\t人才资源总量\n\t千人\n\t103\n\t140\n")
    [actual] = [r for r in _talent_total(ds, 2020) if r["origin"] == "table"]
    [target] = _talent_total(ds, 2025)
    assert (actual["value"], actual["unit"], actual["source_unit"]) == (pytest.approx(10.3), "万人", "千人")
    assert (target["value"], target["kind"]) == (pytest.approx(14), "target")
    log = ds.cleaning_log
    [conversion] = [json.loads(v) for v in log[(log["entity"] == "jiande") & (log["indicator_id"] == "talent_total")
                                               & (log["step"] == "unit_conversion")]["values"]]
    assert conversion == {"source_unit": "千人", "unit": "万人", "factor": pytest.approx(0.1)}


def test_a_prose_level_in_thousand_persons_gives_its_baseline(workspace):
    # 103千人 = 10.3万人, as the table's 10.3; 2015 = 10.3 ÷ 1.484 = 6.940701 万人 (main: the sentence not read, no
    # 2015 baseline)
    ds = _build(workspace, "人才总量达到10.3万人，比2015年增长48.4%", "人才总量达到103千人，比2015年增长48.4%")
    [base] = _talent_total(ds, 2015)
    assert base["kind"] == "baseline_derived" and base["value"] == pytest.approx(6.940701, abs=1e-6)
    assert base["source_unit"] == "千人"
