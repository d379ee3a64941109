"""Regular expressions given in the configuration (a plan's table_title, a layout's end_pattern, header_roles),
matched under a time limit, so that no pattern an analyst writes can hang a run.

Python's `re` cannot be stopped once a match has started, and a pattern need not nest repeats to backtrack
for ever: `.*.*.*.*x$` took 14 s on a line of 200 characters, `(.*?,){20}x` longer than anyone waits. The
`regex` package (in its default V0 mode, which follows `re`: the same syntax, and \\d, \\s, \\w match full-width
digits, U+3000 and Chinese as `re` does) takes a timeout. Two limits:
  - one match: MATCH_SECONDS (a table title is found in microseconds; a second is a pattern gone wrong);
  - one document: DOCUMENT_SECONDS for all the configured patterns' matches while it is read (`reading`), so a
    pattern slow but under the first limit on each of thousands of lines stops too.
Either stops the run with the pattern's line in the configuration, the document's line, and a pattern that works.
"""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from helpers.core.errors import InputError
from helpers.core.paths import display_path

MATCH_SECONDS = 1.0
DOCUMENT_SECONDS = 5.0

# What each configured key is matched against, and a pattern that works for it (the advice of a timeout).
EXAMPLES = {
    "table_title": "the title's own words, e.g. `table_title: 人才发展主要指标`",
    "end_pattern": "the closing line's first words, anchored, e.g. `end_pattern: '^注[:：]'`",
    "pattern": "the header cell's words, e.g. `- {pattern: '(?P<year>\\d{4})年?省定目标', role: target}`",
}


@dataclass
class _Budget:
    """The time left for configured patterns while one document is read, and how it was spent."""
    document: Path
    left: float = DOCUMENT_SECONDS
    matches: int = 0
    spent: dict[UserPattern, float] = field(default_factory=dict)

    def timeout(self) -> float:
        """One match's limit: MATCH_SECONDS, or what is left of the document's time if less (regex wants more
        than 0)."""
        return max(min(MATCH_SECONDS, self.left), 0.001)

    def charge(self, pattern: UserPattern, seconds: float) -> None:
        self.left -= seconds
        self.matches += 1
        self.spent[pattern] = self.spent.get(pattern, 0.0) + seconds

    def slowest(self) -> UserPattern:
        return max(self.spent, key=self.spent.get)


_budget: ContextVar[_Budget | None] = ContextVar("pattern_budget", default=None)


@contextmanager
def reading(document: Path) -> Iterator[None]:
    """Everything matched inside shares the document's budget of DOCUMENT_SECONDS. (A context variable, not an
    argument: the patterns are matched deep inside the table and grid readers, which need not know of it.)"""
    token = _budget.set(_Budget(Path(document)))
    try:
        yield
    finally:
        _budget.reset(token)


class UserPattern:
    """A compiled configured pattern: `search` and `fullmatch` as `re`'s, given the document and the place of
    the text (for the error if the time runs out)."""

    def __init__(self, text: str, config: Path | None, line: int | None, key: str):
        self.pattern = text
        self.config, self.line, self.key = config, line, key
        self._compiled = None
        # Plain words (人才发展主要指标: no character with a meaning in a pattern) cannot backtrack: `re` finds them in
        # time proportional to the line, with no limit to keep. So do the code's own patterns (config None), known
        # safe. (A table title is searched for on every line of a plan: most configured patterns are plain words.)
        self._plain = re.compile(text) if config is None or re.escape(text) == text else None

    def search(self, text: str, document: Path, where):
        return self._match("search", text, document, where)

    def fullmatch(self, text: str, document: Path, where):
        return self._match("fullmatch", text, document, where)

    def _compile(self):
        """Compiled at its first use: only the steps that read plans import `regex` (30 ms a process)."""
        import regex
        try:
            self._compiled = regex.compile(self.pattern)
        except regex.error as exc:     # `re` took it when the configuration was read; `regex` reads it otherwise
            raise InputError(self.config, self.line, f"'{self.pattern}' is not a valid regular expression ({exc})",
                             "correct the pattern.") from None
        return self._compiled

    def _match(self, name: str, text: str, document: Path, where):
        if self._plain is not None:
            return getattr(self._plain, name)(text)
        method = getattr(self._compiled or self._compile(), name)
        budget = _budget.get()
        timeout = MATCH_SECONDS if budget is None else budget.timeout()
        started = time.perf_counter()
        try:
            found, timed_out = method(text, timeout=timeout), False
        except TimeoutError:
            found, timed_out = None, True
        if budget is not None:
            budget.charge(self, time.perf_counter() - started)
        if timed_out and timeout >= MATCH_SECONDS:
            raise self._slow(text, document, where, f"more than {MATCH_SECONDS:g} s on this one text")
        if budget is not None and (timed_out or budget.left <= 0):
            raise budget.slowest()._slow(text, document, where, f"more than {DOCUMENT_SECONDS:g} s in all on this "
                                         f"document's first {budget.matches:,} texts", up_to=True)
        return found

    def _slow(self, text: str, document: Path, where, how_long: str, up_to: bool = False) -> InputError:
        place = f"line {where}" if isinstance(where, int) else str(where)
        shown = text if len(text) <= 60 else text[:60] + "…"
        return InputError(self.config, self.line,
                          f"the {self.key} /{self.pattern}/ took {how_long} (matching {display_path(document)}, "
                          f"{'up to ' if up_to else ''}{place}: '{shown}'): the pattern tries the text's "
                          "characters in ever more ways (repeats such as .* next to each other, or repeated groups, "
                          "backtrack) and would hang the run",
                          f"write {EXAMPLES.get(self.key, 'the words themselves')}: plain words match in "
                          "microseconds; where a part may vary, use one .* at most, or a class such as [^，。]*.")

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"
