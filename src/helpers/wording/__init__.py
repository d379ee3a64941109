"""Every word a reader sees, one YAML file per language (zh.yaml, en.yaml): the one place for wording.

    w = words("zh")
    w("report.title")                         the text at a dotted key
    w("report.subtitle", year=2025, ...)      with its {placeholders} filled in (str.format)
    w.table("categories")                     a whole mapping, e.g. {"on_track": "进度正常", ...}
    w.list("method")                          a list of paragraphs

Both files have the same keys and the same placeholders (tests/test_wording.py checks it), so a report in one
language never falls back to words of the other. Years and period names are never written here: they are
placeholders filled from config/sources.yaml.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
FOLDER = Path(__file__).resolve().parent


class Wording:
    def __init__(self, lang: str, doc: dict):
        self.lang = lang
        self._doc = doc

    def _at(self, key: str):
        node = self._doc
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no wording '{key}' in {self.lang}.yaml")
            node = node[part]
        return node

    def __call__(self, key: str, **values) -> str:
        text = self._at(key)
        if not isinstance(text, str):
            raise KeyError(f"wording '{key}' in {self.lang}.yaml is not a text")
        return text.format(**values) if values else text

    def table(self, key: str) -> dict[str, str]:
        return dict(self._at(key))

    def list(self, key: str) -> list[str]:
        return list(self._at(key))


@lru_cache(maxsize=None)
def words(lang: str) -> Wording:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    doc = yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    return Wording(lang, doc)
