"""A prose figure its sentence says is an estimate or approximate carries the words (ProseStatement.estimate): as an
actual it is never a firm one (helpers.extract.dataset._from_prose; the whole run: tests/report/
test_prose_follows_the_tables_year.py). The words are read in the figure's clause, in the clauses before it in its
sentence that state no figure, and in brackets right after it; not in another figure's clause (issue 18, redteam19
class-1 finding 2, the other direction)."""
from pathlib import Path

import pytest

from helpers.extract.prose import ProseReader


def _read(sources, catalogue, sentence: str) -> dict[str, tuple]:
    found = ProseReader(catalogue, sources).read("jiande", Path("x.txt"), [sentence], range(0))
    return {f"{st.indicator_id} {st.kind}": (st.value, st.comparator, st.estimate) for st in found}


@pytest.mark.parametrize("sentence, value, comparator, words", [
    ("预计到2020年，人才资源总量达到15.2万人。", 15.2, "=", "预计"),
    ("到2020年，人才资源总量预计达到15.2万人。", 15.2, "=", "预计"),
    ("2020年人才资源总量约15.2万人。", 15.2, "=", "约"),
    ("2020年人才资源总量达到约15.2万人。", 15.2, "=", "约"),
    ("2020年人才资源总量达到15.2万人左右。", 15.2, "≈", "左右"),
    ("2020年人才资源总量达到15.2万人上下。", 15.2, "≈", "上下"),
    ("2020年人才资源总量接近15.2万人。", 15.2, "=", "接近"),
    ("2020年人才资源总量达到15.2万人（预计）。", 15.2, "=", "预计"),
    ("2020年人才资源总量达到15.2万人。", 15.2, "=", ""),
    ("2020年人才资源总量（约束性）达到15.2万人。", 15.2, "=", ""),
    ("2020年人才资源总量（预期性）达到15.2万人，比2015年增长约48%。", 15.2, "=", ""),
    ("2020年高技能人才约2万人，人才资源总量达到15.2万人。", 15.2, "=", ""),
    ("2020年高技能人才约2万人人才资源总量达到15.2万人。", 15.2, "=", ""),
    ("2020年人才资源总量达到15.2万人，预计2025年达到20万人。", 15.2, "=", "")])
def test_the_words_of_an_estimate_go_with_the_figure_they_are_written_with(sources, catalogue, sentence, value,
                                                                          comparator, words):
    assert _read(sources, catalogue, sentence)["talent_total level"] == (value, comparator, words)


def test_a_baseline_worked_out_from_an_estimate_is_one_too(sources, catalogue):
    said = _read(sources, catalogue, "2020年人才资源总量预计达到15.2万人，比2015年增长52%。")
    assert said["talent_total baseline"] == (pytest.approx(10.0), "=", "预计")
