"""A name that counts new ones is never a stock's (redteam20 T3). A 十五五 plan's row 新增高技能人才 | 人 |
〔6500〕 | 〔7000〕 stopped with "indicator '新增高技能人才' is not in the catalogue. Did you mean '高技能人才'?":
followed (the name added to 高技能人才's source_names, a stock in 万人), 〔7000〕 new workers became a cumulative
rise of the stock by 0.7万, exit 0. Decision (helpers.core.config.fits_measure, may_offer): the hint never offers an
indicator whose measure does not fit the name (a name counting new ones, 新增/引进/培养 …: only a count's, or a
running total's, 累计引进…, of an indicator named for new ones), and such a name under a stock's source_names is
refused when the catalogue is loaded, naming its line, with the advice: an indicator of its own with measure count,
whose example, followed, reads the row."""
import re

import pytest
import yaml

from helpers.core.config import load_catalogue
from helpers.core.errors import InputError
from helpers.extract import dataset
from support.data_step import build_refused
from support.fifteenth_plan import DOCUMENT_TABLE, add_fifteenth_plan_document
from support.plan_documents import PlanContent, write_docx


def _catalogue(workspace) -> tuple:
    path = workspace / "config" / "catalogue.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path, doc) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _without_new_ones(workspace, tmp_path):
    """桐庐's 十五五 plan (.docx) added by config, the catalogue without its count of 新增高技能人才."""
    add_fifteenth_plan_document(workspace, write_docx(PlanContent(**DOCUMENT_TABLE), tmp_path / "tonglu_15.docx"))
    path, doc = _catalogue(workspace)
    doc["indicators"] = [i for i in doc["indicators"] if i["id"] != "new_high_skilled_talent"]
    _save(path, doc)


def _new_indicator(fix: str) -> dict:
    found = re.search(r"e\.g\. - (\{id: .*?\}\})", fix)
    assert found, fix
    return yaml.safe_load(found.group(1))


def test_the_hint_offers_no_stock_and_the_advice_followed_reads_the_new_ones(workspace, tmp_path):
    """On lead8 the stop offered '高技能人才' (measure total, 万人). Now no hint, and the advice's new indicator
    (measure count, unit 人), added to the catalogue as written, reads the row: 〔7000〕 new ones 2026–2030
    (cumulative), and 高技能人才 gets nothing from it."""
    _without_new_ones(workspace, tmp_path)
    error = build_refused(workspace)
    assert "indicator '新增高技能人才' is not in the catalogue." in error.problem
    assert "Did you mean" not in error.problem
    assert "It counts new ones ('新增')" in error.problem
    entry = _new_indicator(error.fix)
    assert entry == {"id": "new_high_skilled_talent", "name_zh": "新增高技能人才",
                     "name_en": "New highly skilled workers", "unit": "人", "direction": "higher", "measure": "count",
                     "source_names": ["新增高技能人才"], "comparability": {"status": "same"}}
    path, doc = _catalogue(workspace)
    doc["indicators"].append(entry)
    _save(path, doc)
    rows = dataset.build(workspace / "raw", workspace / "config").indicators.query("entity == 'tonglu'")
    new = rows.query("indicator_id == 'new_high_skilled_talent' and year == 2030 and kind == 'target'")
    assert list(new["value"]) == [7000.0] and list(new["cumulative"]) == [True]
    assert rows.query("indicator_id == 'high_skilled_talent'").empty


def test_a_name_of_new_ones_under_a_stock_is_refused_at_load_and_the_advice_works(workspace, tmp_path):
    """The lead8 hint followed (新增高技能人才 added to 高技能人才's source_names): on lead8 exit 0, 〔7000〕 read as
    the stock's rise by 0.7万人. Now the catalogue stops at the line of source_names; the advice followed (the name
    removed, the example indicator added) reads the row as new ones."""
    _without_new_ones(workspace, tmp_path)
    path, doc = _catalogue(workspace)
    stock = next(i for i in doc["indicators"] if i["id"] == "high_skilled_talent")
    stock["source_names"].append("新增高技能人才")
    _save(path, doc)
    with pytest.raises(InputError) as info:
        load_catalogue(workspace / "config")
    error = info.value
    lines = path.read_text(encoding="utf-8").split("\n")
    assert "新增高技能人才" in lines[error.where - 1] or "source_names" in lines[error.where - 1]
    assert error.problem.startswith("the source name '新增高技能人才' of 'high_skilled_talent' counts new ones "
                                    "('新增'), but 'high_skilled_talent' is a stock (measure: total, in 万人)")
    assert error.fix.startswith("remove '新增高技能人才' from `source_names` of 'high_skilled_talent'")
    stock["source_names"].remove("新增高技能人才")
    doc["indicators"].append(_new_indicator(error.fix))
    _save(path, doc)
    rows = dataset.build(workspace / "raw", workspace / "config").indicators.query("entity == 'tonglu'")
    assert list(rows.query("indicator_id == 'new_high_skilled_talent' and year == 2030")["value"]) == [7000.0]


@pytest.mark.parametrize("names, refused", [
    ({"id": "talent_total", "add": "引进人才"}, True),
    ({"id": "talent_total", "add": "培养人才"}, True),
    ({"id": "talent_total", "add": "人才资源总量（全口径）"}, False),
])
def test_which_names_a_stock_may_take(workspace, names, refused):
    path, doc = _catalogue(workspace)
    next(i for i in doc["indicators"] if i["id"] == names["id"])["source_names"].append(names["add"])
    _save(path, doc)
    if refused:
        with pytest.raises(InputError, match="counts new ones"):
            load_catalogue(workspace / "config")
    else:
        load_catalogue(workspace / "config")


def test_a_running_total_of_new_ones_may_be_a_level(workspace):
    """累计引进大学生 (a level kept of new ones since some year), an indicator named for new ones itself, may be
    measure total; an indicator named 新增… may not (its yearly figures would be judged as levels)."""
    path, doc = _catalogue(workspace)
    base = {"name_en": "Graduates attracted", "unit": "万人", "direction": "higher",
            "comparability": {"status": "same"}}
    doc["indicators"].append({"id": "graduates_attracted", "name_zh": "累计引进大学生", "measure": "total",
                              "source_names": ["累计引进大学生"], **base})
    _save(path, doc)
    assert load_catalogue(workspace / "config").indicators["graduates_attracted"].measure == "total"
    doc["indicators"][-1] |= {"name_zh": "新增大学生", "source_names": ["新增大学生"]}
    _save(path, doc)
    with pytest.raises(InputError, match=r"the name of 'graduates_attracted' \('新增大学生'\) counts new ones") as info:
        load_catalogue(workspace / "config")
    assert info.value.fix.startswith("set `measure: count` for 'graduates_attracted'")
