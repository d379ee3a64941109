"""A 2015 baseline worked out from a plan's prose (比2015年增长48.4%, 比2015年底增加3.64万人) on the real seeds,
with the sentence written as county plans also write it (issue 18, redteam7 finding 2). Each figure is converted
by its own unit into the catalogue's once; the result is checked against the catalogue's plausible range, and
against the table's value for the level's year, before it is used."""
import json
from pathlib import Path

import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest

JIANDE = "jiande_talent_plan_2021-2025.txt"
ANJI = "anji_talent_plan_2021-2025.txt"
# The real lines: 建德 line 5 and 安吉 line 38.
JIANDE_LEVEL = "人才总量达到10.3万人，比2015年增长48.4%"
ANJI_LEVEL = "全县人才资源总量达到14.5万人,比2015年底增加3.64万人"


def _edited(workspace: Path, file: str, old: str, new: str) -> dataset.Dataset:
    path = workspace / "raw" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    write_manifest(workspace / "raw")   # a deliberate new version of the plan
    return dataset.build(workspace / "raw", workspace / "config")


def _rows(ds: dataset.Dataset, entity: str, year: int = 2015, indicator: str = "talent_total") -> list[dict]:
    ind = ds.indicators
    return ind[(ind["entity"] == entity) & (ind["indicator_id"] == indicator) & (ind["year"] == year)] \
        .to_dict("records")


def _log(ds: dataset.Dataset, entity: str, step: str, indicator: str = "talent_total") -> list[dict]:
    log = ds.cleaning_log
    rows = log[(log["entity"] == entity) & (log["indicator_id"] == indicator) & (log["step"] == step)]
    return [json.loads(v) for v in rows["values"]]


# ------------------------------------------------------------------------------- a level written in 人 or 名

@pytest.mark.parametrize("level", ["103000人", "103000名"])
def test_a_level_written_in_persons_gives_the_same_2015_baseline_as_in_wan(workspace, level):
    # 103000人 = 10.3万人 (人 → 万人: ÷ 10000); 2015 = 10.3 ÷ (1 + 48.4%) = 10.3 ÷ 1.484 = 6.940701 万人, as the
    # real line gives. On main: 6.9407 was converted from 人 a second time, 0.000694 万人, quality ok, and the brief
    # said the 2015-2020 growth was 582.8% a year (right: (10.3 ÷ 6.9407)^(1/5) − 1 = 1.484^0.2 − 1 = 8.2%).
    ds = _edited(workspace, JIANDE, JIANDE_LEVEL, f"人才总量达到{level}，比2015年增长48.4%")
    [base] = _rows(ds, "jiande")
    assert base["kind"] == "baseline_derived" and base["unit"] == "万人"
    assert base["value"] == pytest.approx(6.940701, abs=1e-6)
    assert base["source_unit"] == level[-1] and base["quality"] == "ok"
    assert "unit_conversion" in base["note_values"]          # its level was written in 人 / 名


@pytest.mark.parametrize("sentence, expected", [
    # 145000人 = 14.5万人; 14.5 − 3.64 = 10.86 万人 (the real line's figure; main: 0.001086)
    ("全县人才资源总量达到145000人,比2015年底增加3.64万人", 10.86),
    # 14.5 ÷ (1 + 33.5%) = 14.5 ÷ 1.335 = 10.861423 万人 (main: 0.001086)
    ("全县人才资源总量达到145000人,比2015年底增长33.5%", 10.861423),
    # both in 人: 14.5 − 36400人 (= 3.64万人) = 10.86 万人 (main: 0.001086)
    ("全县人才资源总量达到145000人,比2015年底增加36400人", 10.86),
    # level in 万人, increase in 人: 14.5 − 3.64 = 10.86 (held on main too)
    ("全县人才资源总量达到14.5万人,比2015年底增加36400人", 10.86),
])
def test_each_figure_of_the_sentence_is_converted_by_its_own_unit(workspace, sentence, expected):
    ds = _edited(workspace, ANJI, ANJI_LEVEL, sentence)
    [base] = _rows(ds, "anji")
    assert base["kind"] == "baseline_derived" and base["unit"] == "万人"
    assert base["value"] == pytest.approx(expected, abs=1e-6)
