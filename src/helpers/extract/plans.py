"""A plan document, in any format, read into its indicator table and the paragraphs of its prose.

A plain-text export is read by its layout's parser (tables.py); a .docx, web page or PDF (or a .doc/.wps,
converted) is read into a Document and its table found among the document's grids (grids.py). Either way
the table's cells go to the same cleaning, and the prose reader gets the paragraphs outside the table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core import patterns
from helpers.core.config import Plan, Sources
from helpers.core.errors import InputError
from helpers.core.text import DIRECTION_CONTROL, direction_control, normalise
from helpers.extract.documents.cover import Line, cover
from helpers.extract.documents.model import LinkedFile, Paragraph, Place
from helpers.extract.documents.read import check_file, is_text, read_document
from helpers.extract.documents.web import UNSURE_FIX
from helpers.extract.grids import contents_mentions, parse_grid_table
from helpers.extract.name_meaning import (
    PLAN_NOUN,
    after_a_plan,
    draft_word,
    not_the_plan,
    reports_on_a_plan,
    simplified,
)
from helpers.extract.plan_period import TitlePeriod, with_title_period
from helpers.extract.tables import NUMBERED_HEADING, ParsedTable, parse_plan_table, read_lines


@dataclass
class PlanDocument:
    path: Path
    kind: str                        # txt | docx | html | pdf | doc | wps
    table: ParsedTable
    prose: list[Paragraph]           # the paragraphs outside the table
    text: str                        # the document's text, for the normalisation record
    repairs: dict[str, int] = field(default_factory=dict)   # what the reader repaired (a PDF's text), counted
    contents: list[Paragraph] = field(default_factory=list)  # title matches skipped: a table of contents
    struck: int = 0                  # pieces of struck-through text not read
    hidden: int = 0                  # pieces of hidden text not read (Word's 隐藏文字, a web page's display:none)
    watermarks: list[str] = field(default_factory=list)   # a PDF's watermark, left out: its pieces of text
    unread_stylesheets: list[tuple[str, int]] = field(default_factory=list)   # a web page's: (href, line)
    linked_files: list[LinkedFile] = field(default_factory=list)   # files beside it its reader read (style sheets)
    # the plan as read: its entry, with the period its title names when the entry gives none (plan_period.py)
    plan: Plan | None = None
    title_period: TitlePeriod | None = None   # the period the document's title names, and where (None: none)
    # the draft's marks the analyst vouched for (`draft_marks:`): read as the plan on the analyst's word
    draft_marks: list[tuple[str, object]] = field(default_factory=list)   # (where, DraftMark)

    @property
    def structured(self) -> bool:
        """A document with places of its own (paragraphs, table cells, pages), not a text file's lines."""
        return self.kind != "txt"


# A plan's text, its paragraphs and its table's cells: the two real plans have 13,000 and 16,000 characters, a long
# plan some 60,000. A document past this is not one plan (a yearbook, a bundle of documents, a site's archive
# page), and its prose, read sentence by sentence and checked against the table, would take minutes.
MAX_PLAN_CHARS = 200_000


def read_plan(path: Path, plan: Plan, sources: Sources) -> PlanDocument:
    check_file(path)
    with patterns.reading(path):    # the configured patterns' time for this document (no pattern hangs a run)
        return _read_plan(path, plan, sources)


def _read_plan(path: Path, plan: Plan, sources: Sources) -> PlanDocument:
    if is_text(path):
        lines = read_lines(path)
        _not_too_long(path, sum(len(line) for line in lines))
        text = "\n".join(lines)
        if DIRECTION_CONTROL.search(text):
            _in_stored_order(path, enumerate(lines, 1), RETYPE_IN_EDITOR)
        # the period first: the table's year columns are read by it, and the advice on them checked against it
        plan, titled = with_title_period(path, plan, [(n, line) for n, line in enumerate(lines, 1) if line.strip()],
                                         sources)
        sources = sources.for_plan(plan)    # (its own header_roles first)
        table = parse_plan_table(path, lines, plan, sources)
        if plan.continued:   # (a text file has no pages: the word that a table runs on to one is a mistake)
            raise InputError(sources.path, plan.continued[0].line, f"`continued:` says the table of {path.name} "
                             f"continues on page {plan.continued[0].page}, but a text file has no pages",
                             "remove `continued:` from this plan's entry: it is for a PDF's table.")
        first = next(((n, line) for n, line in enumerate(lines, 1) if line.strip()), None)
        _the_plan_itself(path, table, first, plan)
        confirmed = _no_draft_mark(path, plan, _on_the_cover(cover(
            Line(n, line) for n, line in enumerate(lines[:table.title.line - 1], 1)), first))
        skip = range(table.title.line, table.end_line + 1)
        prose = [Paragraph(raw, Place(line=n)) for n, raw in enumerate(lines, 1) if n not in skip]
        contents = [Paragraph(c.raw, Place(line=c.line)) for c in table.contents]
        return PlanDocument(path, "txt", table, prose, text, contents=contents, plan=plan, title_period=titled,
                            draft_marks=confirmed)
    document = read_document(path)
    cells = [c for grid in document.grids for row in grid.rows for c in row if not c.spanned]
    _not_too_long(path, sum(len(p.text) for p in document.paragraphs) + sum(len(c.text) for c in cells))
    text = "\n".join([p.text for p in document.paragraphs] + [c.text for c in cells])
    # (a PDF's characters are read where it draws them, in the order shown: a control there changes nothing)
    if document.kind != "pdf" and DIRECTION_CONTROL.search(text):
        _in_stored_order(path, ((p.place, p.text) for p in [*document.paragraphs, *cells]),
                         UNSURE_FIX if document.kind == "html" else RETYPE_IN_DOCUMENT)
    plan, titled = with_title_period(path, plan, [(p.place, p.text) for p in document.paragraphs if p.text.strip()],
                                     sources)
    sources = sources.for_plan(plan)    # (its own header_roles first)
    table = parse_grid_table(document, plan, sources)
    first = next(((p.place, p.text) for p in document.paragraphs if p.text.strip()), None)
    _the_plan_itself(path, table, first, plan)
    # (by its place and text: a web page's paragraphs on one source line share their place)
    before_the_table = _until(document.cover, lambda where, line: where == table.title.place
                              and line == table.title.raw)
    confirmed = _no_draft_mark(path, plan, _on_the_cover(before_the_table, first)
                               + [(f"the document's {where.split(', ')[0]}", where, text)
                                  for where, text in document.title_marks])
    prose = [p for p in document.paragraphs if p.place != table.title.place]
    return PlanDocument(path, document.kind, table, prose, text, dict(document.repairs),
                        contents_mentions(document, plan, table), document.struck,
                        document.hidden, list(document.watermarks), list(document.unread_stylesheets),
                        list(document.linked_files), plan=plan, title_period=titled, draft_marks=confirmed)


# A document title is its first line or paragraph when it is as short as a title (a plan may begin with its prose).
TITLE_CHARS = 60
# A numbered heading is never part of the title: a first paragraph holding the title and, after a line break, the
# first heading (a .docx title ended by Shift+Enter: '…规划 一、发展基础') is titled by the words before it.
_HEADING_AFTER = re.compile(r"\s+(?=(?:" + NUMBERED_HEADING.pattern.replace("^", "") + "))")


def _title(text: str) -> str:
    """The title in a document's first line or paragraph: its words before a numbered heading (NUMBERED_HEADING)
    that starts after a line break or a space."""
    return _HEADING_AFTER.split(text, maxsplit=1)[0]

# Why a plan's draft, an explanation of a plan or an adjustment of one is not the plan (name_meaning.not_the_plan:
# the words), and what to name instead: each reason's one home.
NOT_THE_PLAN = {
    "a draft": ("is a draft of a plan", "a draft holds the targets proposed before the plan was adopted, which may "
                "differ from those published", "the published plan itself, the final text as adopted and issued"),
    "an explanation": ("explains a plan", "an interpretation or a note on its drafting quotes and explains the "
                       "plan's targets (some of them, perhaps rounded) but does not set them",
                       "the plan itself, the document that sets the targets"),
    "an adjustment": ("adjusts a plan", "an adjustment sets targets that differ from the published plan's (often "
                      "for some indicators only)", "the published plan itself, the document that sets the targets"),
    "a work plan for drafting": ("is the work plan for drafting a plan", "a work plan says how and by when the plan is "
                                 "to be drafted, and any figures in it are not the targets the plan sets",
                                 "the published plan itself, the document that sets the targets"),
}


def _the_plan_itself(path: Path, table, first, plan: Plan) -> None:
    """Stops at a document that reports on a plan (十四五规划中期评估, 主要指标完成情况: reports_on_a_plan), by its
    table's title, its own title (`first`: its first line or paragraph, (where, text)) or its file's name: its table
    holds actuals and assessments, which would be read as the plan's targets. A title or name naming a plan is the
    plan's only when the plan's noun is its last word (…规划, 《…规划》的通知: name_meaning.after_a_plan)."""
    named = [("the table's title", table.title.where, table.title.text, None)]
    title = _title(normalise(first[1]).strip()) if first is not None else ""
    if first is not None and len(title) <= TITLE_CHARS:
        named.append(("the document's title", first[0], title, title))
    named.append(("the file's name", None, path.name, path.stem))
    known = tuple(n for n in (plan.entity, plan.name_zh, plan.name_en) if n)
    for what, where, text, title in named:
        words = reports_on_a_plan(text)
        kind = not_the_plan(title) if title is not None and words is None else None
        if kind is not None:
            says, reason, instead = NOT_THE_PLAN[kind.what]
            problem = (f"{what} ('{text.strip()[:60]}') says the document {says} ('{kind.words}'), not the plan "
                       f"itself: {reason}, and its figures would be read as the plan's targets")
            fix = (f"name {instead}, under this plan's `file:` in config/sources.yaml and run `make manifest`.")
            if what == "the file's name":
                new = _plan_named(path, kind)
                fix = ("if this file is the plan itself, rename it so that its name no longer says so"
                       + (f" (e.g. {new})" if new else "") + ", write the new name under `file:` in "
                       "config/sources.yaml and run `make manifest`; otherwise " + fix)
            raise InputError(path, where, problem, fix)
        if words is not None:
            problem = (f"{what} ('{text.strip()[:60]}') says the document reports on a plan ('{words}': an "
                       "evaluation, a completion or monitoring report), not the plan itself: its table holds actual "
                       "values and assessments, which would be read as the plan's targets")
        elif title is not None and (words := after_a_plan(title, known)) is not None:
            problem = (f"{what} ('{text.strip()[:60]}') names a plan, but says more after it ('{words}'), so it is "
                       "not the plan's own: a plan's title ends with the plan (…规划, …纲要, …计划, …方案, and its "
                       "period or the notice publishing it), while a document about a plan (its implementation, a "
                       "check, a report on its progress or an evaluation) holds actual values and assessments, which "
                       "would be read as the plan's targets")
        else:
            continue
        fix = ("name the published plan itself, the document that sets the targets, under this plan's `file:` in "
               "config/sources.yaml and run `make manifest`; a report's actual values go into a monitoring workbook "
               "(`make template`).")
        if what == "the table's title":
            fix = ("if this document is the plan, correct `table_title` for it in config/sources.yaml so that it "
                   "matches the title of the plan's targets table alone (not this table of results); otherwise "
                   + fix)
        elif what == "the file's name":
            new = _plan_named(path) if after_a_plan(path.stem, known) else None    # (…规划中期评估 → …规划)
            fix = ("if this file is the plan itself, rename it so that its name no longer says so"
                   + (f" (e.g. {new})" if new else "") + ", write the new name under `file:` in config/sources.yaml "
                   "and run `make manifest`; otherwise " + fix)
        raise InputError(path, where, problem, fix)


def _until(items: list, stop) -> list:
    """The items (where, text) before the first `stop` says (the table's title: the cover ends at the table)."""
    out = []
    for where, text in items:
        if stop(where, text):
            break
        out.append((where, text))
    return out


def _on_the_cover(lines: list[tuple[object, str]], first) -> list[tuple[str, object, str]]:
    """The cover's lines (helpers.extract.documents.cover) as (what, where, text): the one right under the title
    (`first`: the document's first line or paragraph, (where, text)) named so, the others as the cover's."""
    return [("the line under the document's title" if n and lines[n - 1] == first else
             "a line of the document's cover", where, text) for n, (where, text) in enumerate(lines)]


# 征求意见 without 稿 or 版 marks a draft only standing alone ((征求意见), 2026年1月征求意见): elsewhere it is a
# site's menu item beside others (首页 政务公开 征求意见), a heading (（一）广泛征求意见), an office's duty.
SPREAD = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
BARE = re.compile(r"[\s()\[\]【】〔〕<>《》0-9年月日.\-/—–]+")


def _no_draft_mark(path: Path, plan: Plan, marks: list[tuple[str, object, str]]) -> list[tuple[str, object]]:
    """Stops at a draft marked where drafts are (anywhere on its cover, a .docx's page headers and footers and its
    WordArt, a PDF's page headers and footers and its watermark, a web page's <title>: (what, where, text)), as at
    one whose title says so (_the_plan_itself), with the same advice, and the analyst's other answer: the document
    read as the plan on the analyst's word that it is (`draft_marks:` of its entry, the mark written out: a mark
    left over from the draft). Only a draft's words (name_meaning.draft_word) are looked for there: a header or a
    <title> names the office or the site as well, whose words are no plan's. Returns the marks the analyst vouched
    for, (where, DraftMark), for the cleaning log."""
    confirmed = []
    for what, where, text in marks:
        word = draft_word(SPREAD.sub("", normalise(text)))     # (征 求 意 见 稿, spaced out across a cover)
        if not word or (word == "征求意见" and BARE.sub("", normalise(text)) != word):
            continue
        said = next((m for m in plan.draft_marks if m.mark == normalise(text).strip()), None)
        if said is not None:
            confirmed.append((where, said))
            continue
        says, reason, instead = NOT_THE_PLAN["a draft"]
        quoted = text.strip()[:60]
        raise InputError(path, where, f"{what} ('{quoted}') says the document {says} ('{word}'), not the plan "
                         f"itself: {reason}, and its figures would be read as the plan's targets",
                         f"name {instead}, under this plan's `file:` in config/sources.yaml and run `make "
                         "manifest`; or, if this document is the plan as adopted and the mark is left over from its "
                         "draft (ask the office that issued it), do not edit the document: say so in "
                         f"config/sources.yaml, under `draft_marks:` of the plan entry at line {plan.line}: - "
                         f"{{mark: '{_quoted(text)}', because: '…'}}, with what the office said after `because:` "
                         "(the cleaning log names the mark and why).")
    return confirmed


def _quoted(text: str) -> str:
    """A mark as the advice writes it in YAML's single quotes (a ' doubled)."""
    return normalise(text).strip().replace("'", "''")


def _plan_named(path: Path, said=None) -> str | None:
    """The file's name ended at its plan's noun (建德市人才发展十四五规划落实情况.docx →
    建德市人才发展十四五规划.docx); for a draft or an explanation, `said` (name_meaning.not_the_plan), the name
    without its word (征求意见稿_建德市人才发展十四五规划.docx, …规划的说明.docx → …规划.docx), and for an
    adjustment or a work plan for drafting, ended at the plan's noun before it (…规划调整方案.docx,
    …规划编制工作方案.docx → …规划.docx)."""
    stem = simplified(path.stem).lower()        # (one character for one: positions kept)
    nouns = list(PLAN_NOUN.finditer(stem))
    if said is not None and said.what not in ("an adjustment", "a work plan for drafting"):
        cut = {i for m in re.finditer("的?" + re.escape(said.words), stem) for i in range(*m.span())}
        new_stem = "".join(c for i, c in enumerate(path.stem) if i not in cut)
        new_stem = re.sub(r"[(\[（【《][^\w]*[)\]）】》]", "", new_stem).strip(" _-·.、,")
    else:
        at = stem.find(said.words) if said is not None else len(stem)
        before = [n for n in nouns if n.end() <= at]
        new_stem = path.stem[:before[-1].end()] if before else ""
    new = path.with_name(new_stem + path.suffix) if new_stem else None
    return new.name if new is not None and not new.exists() and not_the_plan(new_stem) is None else None


RETYPE_IN_DOCUMENT = ("open the document, delete this text and type it again (typed anew, it holds no such "
                      "character: a copy from another program brought it), check that it shows what the plan means, "
                      "save it, and run `make manifest`.")
RETYPE_IN_EDITOR = ("open the file in a text editor, delete this text and type it again (typed anew, it holds no such "
                    "character: a copy from another program brought it), save it as UTF-8, and run `make manifest`.")


def _in_stored_order(path: Path, texts, fix: str) -> None:
    """Every line, paragraph and cell of a plan (its table's figures, names and headers, the prose its growth rates
    and baselines are read from) is read in the order stored: one holding a bidirectional control that makes viewers
    show it in another order (U+202E 41 U+202C shows as 14, and was read 41) stops the run, with the place named
    (helpers.core.text.direction_control: one home for every reader, the workbooks' too). `texts`: (place, text),
    the place a line number or a Place (made into words only when one stops). The caller first searches the plan's
    whole text for a control (DIRECTION_CONTROL): nearly every plan has none, and costs that one search."""
    for where, text in texts:
        found = direction_control(text)
        if found:
            raise InputError(path, str(where) if isinstance(where, Place) else where, found.problem, fix)


def _not_too_long(path: Path, characters: int) -> None:
    if characters > MAX_PLAN_CHARS:
        raise InputError(path, None, f"the document holds {characters:,} characters of text, more than ten plans "
                         f"(a plan has some 15,000-60,000; the limit is {MAX_PLAN_CHARS:,}, MAX_PLAN_CHARS in "
                         "helpers.extract.plans): it is not one plan alone",
                         "make a file of the plan alone (copy its pages into a new .docx, or print only its pages "
                         "to PDF), name that file in config/sources.yaml, and run `make manifest`.")
