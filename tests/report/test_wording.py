"""The wording files: the same keys and placeholders in both languages, and each language pure."""
import re
import string

from helpers.core.wording import LANGS, words

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
    zh, en = (dict(_leaves(words(lang)._doc)) for lang in LANGS)
    assert set(zh) == set(en), f"only in zh: {set(zh) - set(en)}; only in en: {set(en) - set(zh)}"
    for key in zh:
        assert _placeholders(zh[key]) == _placeholders(en[key]), key


def test_the_english_wording_has_no_chinese():
    chinese = {key: text for key, text in _leaves(words("en")._doc) if CJK.search(text)}
    assert chinese == {}


def test_a_missing_key_is_named():
    import pytest
    with pytest.raises(KeyError, match="report.nonexistent"):
        words("zh")("report.nonexistent")
