"""The wording files (the shared words and the report's own): the same keys and placeholders in both languages,
and each language pure."""
import re
import string

from helpers.core.wording import LANGS, notes_text, words
from helpers.report.wording import report_words

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _leaves(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}{key}.")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, f"{prefix}{i}.")
    else:
        yield prefix.rstrip("."), str(node)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    zh, en = (dict(_leaves(report_words(lang)._doc)) for lang in LANGS)
    assert set(zh) == set(en), f"only in zh: {set(zh) - set(en)}; only in en: {set(en) - set(zh)}"
    for key in zh:
        assert _placeholders(zh[key]) == _placeholders(en[key]), key


# The monitoring template's 说明 sheet is bilingual, and its English lines name the template's own sheet, headers and
# words as an analyst sees them in the workbook (the 数据 sheet, 备注, 预计): quoted, as the report quotes its sources.
BILINGUAL = ("monitoring_template.",)


def test_the_english_wording_has_no_chinese():
    chinese = {key: text for key, text in _leaves(report_words("en")._doc)
               if CJK.search(text) and not key.startswith(BILINGUAL)}
    assert chinese == {}


def test_no_wording_shows_a_code():
    """redteam18 (issue 18, lesser items): the English kind of a derived baseline was its code, so a consistency
    finding said "The 2020 actual and baseline_derived differ". No text in either language is a bare code
    (snake_case), and the sentence names it in words."""
    for lang in LANGS:
        codes = {key: text for key, text in _leaves(report_words(lang)._doc)
                 if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", text.strip())}
        assert codes == {}, lang
    said = words("en").describe("consistency.explanations.same_observation_differs_kinds", {
        "year": 2020, "kind": {"code": "actual"}, "other_kind": {"code": "baseline_derived"}, "value": "10",
        "other_value": "9.8", "unit": "万人", "source": "a.txt:3", "other_source": "a.txt:9"})
    assert said.startswith("The 2020 actual and derived baseline differ: 10 in a.txt:3 (the actual), 9.8 万人 in "
                           "a.txt:9 (the derived baseline)"), said


def test_a_missing_key_is_named():
    import pytest
    with pytest.raises(KeyError, match="report.nonexistent"):
        words("zh")("report.nonexistent")


def test_the_notebook_views_hold_no_words():
    """The analysts' notebook tables take every heading and word from the wording (views.*): no Chinese text in
    their code outside docstrings."""
    import ast

    from helpers.core import paths
    for module in ("extract/views.py", "analyse/views.py"):
        tree = ast.parse((paths.PROJECT_ROOT / "src" / "helpers" / module).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr)}
        words_in_code = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                         and isinstance(node.value, str) and CJK.search(node.value) and id(node) not in docstrings]
        assert words_in_code == [], f"{module}: {words_in_code[:5]}"


def test_the_notebook_views_speak_english_too(real_dataset):
    from helpers.extract import views
    table = views.extraction_table(real_dataset, lang="en").data
    assert {"County", "Indicator", "Earlier baseline", "Base-year actual"} <= set(table.columns)
    assert not any(CJK.search(str(v)) for v in table["County"])


def test_english_agrees_in_number_and_says_comparators_in_words():
    from helpers.analyse.growth import assess_progress
    en = words("en")
    assert en("plan_cycle.counts", county="Anji", met=1, judged=1) == "Anji: 1 of 1 target met"
    assert en("plan_cycle.counts", county="Anji", met=2, judged=3) == "Anji: 2 of 3 targets met"
    assert report_words("en")("summary.count_item", label="target already met", n=2) == "target already met: 2"
    assert words("zh")("plan_cycle.counts", county="安吉", met=1, judged=1) == "安吉：1项目标中1项达标"
    # progress reasons are stored as codes and values, and said in each language from the wording
    from helpers.analyse.progress import notes_json

    def said(progress, lang):
        return notes_text(notes_json([progress.reason]), words(lang), "progress_notes")
    final = assess_progress(2020, 0.2, 2025, 0.3, 2025, 0.28, ">=", "higher")
    assert said(final, "en") == "the 2025 value 0.3 meets the 2025 target of at least 0.28"
    assert said(final, "zh") == "2025年实际值0.3达到2025年目标≥0.28"
    early = assess_progress(2020, 0.2, 2023, 0.3, 2025, 0.28, ">", "higher")
    assert said(early, "en") == "the latest value 0.3 already meets the target of more than 0.28"
    held = assess_progress(2020, 0.2, 2023, 0.3, 2025, 0.28, "=", "higher")
    assert said(held, "en") == "the latest value 0.3 already meets the target of 0.28"



def test_a_unit_follows_its_number_as_a_reader_writes_it():
    from helpers.core.config import load_catalogue
    from helpers.core.wording import words_for
    en, zh = words_for("en", load_catalogue()), words_for("zh", load_catalogue())
    assert "0.2" + en.unit_after("万人") == "0.2 (10,000 persons)"         # never "0.2 10,000 persons"
    assert "35" + en.unit_after("%") == "35%" and "0.2" + zh.unit_after("万人") == "0.2万人"
    assert en.unit_after("件/万人") == " items per 10,000 persons"


def test_an_indicator_after_a_possessive_reads_as_english(tmp_path):
    from types import SimpleNamespace

    from helpers.core.config import load_catalogue
    from helpers.report.context import ReportContext
    ctx = ReportContext.__new__(ReportContext)
    ctx.lang, ctx.inputs = "en", SimpleNamespace(catalogue=load_catalogue())
    assert ctx.indicator_in_sentence("high_skilled_talent") == "highly skilled workers"
    assert ctx.indicator_in_sentence("rd_personnel_per_10k").startswith("R&D")



def test_the_report_wording_and_the_shared_wording_hold_no_key_twice():
    from helpers.core.wording import read_wording
    from helpers.report import wording
    for lang in LANGS:
        assert not words(lang)._doc.keys() & read_wording(wording.FOLDER, lang).keys()
        assert report_words(lang)("report.title", periods="2021—2025")


def test_wording_with_the_catalogues_units_leaves_the_shared_wording_as_it_was(catalogue):
    """words(lang) is cached for the whole process (a JupyterLab kernel runs every notebook): words_for() must not
    change it, or a later notebook words units otherwise than make's run did."""
    from helpers.core.wording import words, words_for
    for lang in ("zh", "en"):
        before = dict(words(lang).unit_names)
        assert words_for(lang, catalogue).unit_names and words_for(lang, catalogue) is not words(lang)
        assert words(lang).unit_names == before
