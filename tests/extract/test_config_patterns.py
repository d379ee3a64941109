"""A pattern in config/sources.yaml (table_title, end_pattern, header_roles) cannot hang a run (issue 18, second
pass): catastrophic backtracking needs no nested repeat (`.*.*.*.*x$` took 14 s on a line of 200 characters with
Python's `re`). Each pattern is matched under a time limit per text and per document
(helpers.core.patterns); running out names the pattern's line, the document's line and a pattern that works."""
import multiprocessing
from pathlib import Path

import pytest

from helpers.core import patterns
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.data_step import edit_first

TITLE = "table_title: 人才发展主要指标"
PLAN = "jiande_talent_plan_2021-2025.txt"


def _build(workspace: Path, seconds: float) -> tuple[str, object]:
    """The data step's build in a child process, stopped after `seconds` (without the limit a pattern hung it:
    the test fails instead of hanging). ("error", the InputError's fields), ("built", None) or ("hung", None)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        try:
            dataset.build(workspace / "raw", workspace / "config")
            send.send(("built", None))
        except InputError as exc:
            send.send(("error", (exc.file, exc.where, exc.problem, exc.fix)))

    process = context.Process(target=child)
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.kill()
        process.join()
        return "hung", None
    return receive.recv() if receive.poll() else ("died", process.exitcode)


def _prepend(workspace: Path, line: str) -> None:
    plan = workspace / "raw" / PLAN
    plan.write_text(line + "\n" + plan.read_text(encoding="utf-8"), encoding="utf-8")
    write_manifest(workspace / "raw")


def test_adjacent_repeats_in_a_table_title_do_not_hang_the_data_step(workspace):
    """Was: `.*.*.*.*x$` backtracked on every line of the plan (14 s on one line of 200 characters, growing with
    the line): the data step hung. Now it answers at once: no line of the plan ends in x, so no table title."""
    edit_first(workspace / "config" / "sources.yaml", TITLE, "table_title: '.*.*.*.*x$'")
    _prepend(workspace, "人才工作" * 60)    # one line of 240 characters, at line 1
    outcome, fields = _build(workspace, 60)
    assert outcome == "error", outcome
    file, where, problem, _ = fields
    assert file.endswith(PLAN) and "no line matches the table title /.*.*.*.*x$/" in problem


def test_a_pattern_that_backtracks_without_end_stops_at_its_line_and_the_documents(workspace):
    """Was: hung (`(.*?,){20}x` on a line of 40 commas tries every way of splitting them into 20 groups). Now: the
    pattern's line in sources.yaml, the plan's line 1 that it was matched against, and a pattern that works."""
    line = edit_first(workspace / "config" / "sources.yaml", TITLE, "table_title: '(.*?,){20}x'")
    _prepend(workspace, "," * 40)
    outcome, fields = _build(workspace, 60)
    assert outcome == "error", outcome
    file, where, problem, fix = fields
    assert file.endswith("sources.yaml") and where == line
    assert "the table_title /(.*?,){20}x/ took more than 1 s on this one text (matching " in problem
    assert f"{PLAN}, line 1: '{',' * 40}'" in problem
    assert "table_title: 人才发展主要指标" in fix
    # the advice, followed: the title's own words read the plan (the line of commas is prose before the table)
    edit_first(workspace / "config" / "sources.yaml", "table_title: '(.*?,){20}x'", TITLE)
    assert _build(workspace, 120)[0] == "built"


class _SlowClock:
    """A clock that moves half a second between two readings: every match takes 0.5 s, a pattern slow but under the
    one-text limit."""

    def __init__(self):
        self.now = 0.0

    def perf_counter(self) -> float:
        self.now += 0.5
        return self.now


def test_a_pattern_slow_on_every_line_stops_when_the_documents_time_is_spent(workspace, monkeypatch):
    """Was: no limit over a document: a pattern taking just under a second on each of the plan's 400 lines would
    hold the run for minutes. Now the patterns have DOCUMENT_SECONDS (5 s) for all their matches on one document:
    at 0.5 s a match, the 10th line spends it (the title is searched first, line by line). (A title of plain words
    cannot backtrack and is found without the limit: this one has a pattern's .*)"""
    line = edit_first(workspace / "config" / "sources.yaml", TITLE, "table_title: '人才发展主要指标.*'")
    monkeypatch.setattr(patterns, "time", _SlowClock())
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    error = info.value
    assert error.file.endswith("sources.yaml") and error.where == line
    assert "took more than 5 s in all on this document's first 10 texts" in error.problem
    assert f"{PLAN}, up to line 10:" in error.problem


def test_configured_patterns_read_full_width_digits_and_spaces_as_before(workspace):
    """The `regex` package's V0 mode reads \\d, \\s and \\w as `re` does: full-width digits, U+3000, Chinese."""
    from helpers.core.config import load_sources
    roles = load_sources(workspace / "config").header_roles
    target = next(r for r in roles if r.role == "target" and r.entity is None)
    match = target.pattern.fullmatch("２０２５年目标值", Path("plan.txt"), 1)
    assert match is not None and match.group("year") == "２０２５" and int(match.group("year")) == 2025
    title = patterns.UserPattern(r"人才\s*发展\w+指标", None, None, "table_title")
    assert title.search("（二）人才\u3000发展主要指标", Path("plan.txt"), 1).group() == "人才\u3000发展主要指标"


def test_plain_words_are_found_without_the_limit(monkeypatch):
    """Plain words cannot backtrack: they are matched with re, untimed (a table title is searched for on every line
    of a plan, and the timeout costs some 3 µs a match). A pattern with a .* is timed: on the slow clock its 10th
    match spends the document's 5 s."""
    monkeypatch.setattr(patterns, "time", _SlowClock())
    plain = patterns.UserPattern("人才发展主要指标", Path("sources.yaml"), 34, "table_title")
    timed = patterns.UserPattern("人才发展主要指标.*", Path("sources.yaml"), 34, "table_title")
    with patterns.reading(Path("plan.txt")):
        lines = ["x", "人才发展主要指标"] * 50
        assert [bool(plain.search(text, Path("plan.txt"), n)) for n, text in enumerate(lines)] == [False, True] * 50
        for n in range(1, 10):
            timed.search("正文", Path("plan.txt"), n)
        with pytest.raises(InputError, match="more than 5 s in all on this document's first 10 texts"):
            timed.search("正文", Path("plan.txt"), 10)
