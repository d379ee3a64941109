"""The report's own sentences: titles, chapter texts and captions (report.*) and the summary (summary.*), one YAML
file per language beside this module, joined to the shared words (helpers.core.wording) for the report's chapters.

They are apart because only the report notebook reads them: make's step lists follow the imports
(helpers.run.stepdeps), so rewording a title rebuilds the report and nothing before it (a test in
tests/runs/test_make.py checks). The shared words' rules hold here too: the same keys and placeholders in both
languages, no year or method number written out.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.core.method import method_parameters
from helpers.core.wording import Wording, read_wording, words, words_for

FOLDER = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _own(lang: str, method_file: str) -> dict:     # (one per language and method.yaml: its numbers are in them)
    return read_wording(FOLDER, lang)


def report_words(lang: str, catalogue=None) -> Wording:
    """Every word of the report in one language: the shared ones and the report's own (with the catalogue's unit
    names when it is given)."""
    shared = words_for(lang, catalogue) if catalogue is not None else words(lang)
    return shared.joined(_own(lang, str(method_parameters().path)), f"helpers/report/wording/{lang}.yaml")
