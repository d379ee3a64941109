"""A target or an actual said in a sentence keeps its comparator, as every table prints it (blocks.value_text):
桐庐's 十四五 R&D target is >120 (tests/support/tonglu.py), and the province's 185.

Was (redteam5 R5-04): the brief's province sentence said 120对省185 / 120 against 185, where the scorecard and the
tables print >120. Worked by hand for 2023 (the province's targets are for 2025): 桐庐's targets against the
province's, in the better direction, the smallest ratio is R&D's 120/185 = 0.65, the widest gap.
"""
import pytest

from helpers import analyse
from helpers.report import chapters
from helpers.report.context import load_report_context
from support.tonglu import project_with_county


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = project_with_county(tmp_path_factory.mktemp("tonglu"), "word_tab_cells")
    analyse.build_tables(root / "processed", root / "config", 2023, "tonglu")
    return root


def _summary(county, lang, document):
    ctx = load_report_context(county / "processed", county / "config", 2023, "tonglu", lang)
    return " ".join(chapters.summary.executive_summary(ctx, document))


@pytest.mark.parametrize("document", ["brief", "report"])
@pytest.mark.parametrize("lang, said", [
    ("zh", "差距最大的是桐庐县每万名劳动力（就业人员）中R&D人员数（>120对省185人年/万人）"),
    ("en", "(>120 against 185 person-years per 10,000)"),
])
def test_the_widest_gap_to_the_province_prints_the_target_as_a_bound(county, lang, said, document):
    text = _summary(county, lang, document)
    assert said in text
