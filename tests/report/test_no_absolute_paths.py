"""The report names the plan files it cites by their path in the project (data/raw/…), never by the analyst's own
folders (issue 18, redteam15 lesser point "Paths"): with the raw folder outside the project (RAW_DIR=…), the
consistency appendix printed "两份规划给出的省委目标不同：/tmp/redteam15/cases/twoprov/raw/anji_….txt为1650，…" in the
HTML and the PDF, both languages. A check's files are recorded as the data step saw them; the reports show an absolute
path by its name, as they name files elsewhere."""
import json
import re

import pytest

from helpers.core.config import load_catalogue
from helpers.core.wording import explanation_text, words_for

OUTSIDE = "/root/analyst/cases/twoprov/raw"
EXPLANATION = json.dumps({"code": "province_target", "source": f"{OUTSIDE}/anji_talent_plan_2021-2025.txt",
                          "value": "1650", "other_source": f"{OUTSIDE}/tonglu_14.txt", "other_value": "1700"},
                         ensure_ascii=False)
SUMS = json.dumps({"code": "period_total_sum_differs", "first": 2021, "year": 2025, "terms": "1000+1250",
                   "found": 2250, "total": 2500, "diff": 250, "unit": "人", "source": "data/raw/tonglu_15.txt:26",
                   "other_source": f"{OUTSIDE}/monitoring/监测.xlsx!数据!E9, /home/a b/监测2.xlsx!数据!E10"},
                  ensure_ascii=False)


@pytest.mark.parametrize("lang, said", [("zh", "anji_talent_plan_2021-2025.txt为1650，tonglu_14.txt为1700"),
                                        ("en", "anji_talent_plan_2021-2025.txt")])
@pytest.mark.parametrize("html", [False, True])
def test_a_file_outside_the_project_is_named_not_its_folders(lang, said, html):
    text = re.sub(r"<[^>]+>", "", str(explanation_text(EXPLANATION, words_for(lang, load_catalogue()), html=html)))
    assert said in text and "tonglu_14.txt" in text
    assert "/root" not in text and "/cases/" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_in_the_project_keeps_its_path_and_each_of_several_is_named(lang):
    from helpers.core.wording import shown_file
    assert shown_file("data/raw/tonglu_15.txt:26") == "data/raw/tonglu_15.txt:26"
    assert shown_file(f"{OUTSIDE}/monitoring/监测.xlsx!数据!E9, /home/a b/监测2.xlsx!数据!E10") == \
        "监测.xlsx!数据!E9, 监测2.xlsx!数据!E10"
    text = explanation_text(SUMS, words_for(lang, load_catalogue()))
    assert "/root" not in text and "/home" not in text
