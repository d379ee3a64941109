"""A plan's cover: the lines before its body, where a draft marks itself (（征求意见稿）, 送审稿, 讨论稿 …).

A draft's mark stands anywhere on the cover: under the title, or as its 4th or 6th line after the office and the
date (title / 桐庐县人才工作领导小组办公室 / 2026年1月 / （征求意见稿）); redteam19 found one read as the plan when
only the 2 lines under the title were looked at. The cover is told by what it is, not by a count of lines: it is
the lines from the document's start up to the first that is the body's, by its words (a sentence, ended by 。！？;
a section's heading: 一、, 第一章, （一）, 1., 前言, 目录) or by the format's structure (a .docx's numbered heading,
its table of contents, its first page break; a PDF's first page ends it).
Each format's reader hands its lines to `cover` with what it knows of its structure (Line), and
plans._no_draft_mark reads the cover, the page headers and footers, the <title> and the watermarks for a draft's
words alone: a body that mentions a draft (在征求意见稿基础上修改完善。) is no cover, and no sentence of the body
is read for a mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.core.text import normalise

# A section's heading by its words: 一、, 第一章 (节, 部分, 篇, 编), （一）, 1. or 1、 (not 2026.01), and the
# headings a plan's body opens with (前言, 序言, 引言, 总则) or a table of contents (目录, contents).
SECTION_HEADING = re.compile(r"(?:第[一二三四五六七八九十百零〇0-9]+(?:章|节|部分|篇|编)|[一二三四五六七八九十]+[、.]"
                             r"|[(][一二三四五六七八九十]+[)]|[0-9]{1,2}[、.](?![0-9])"
                             r"|(?:前言|序言|引言|总则|目录)$|contents$)", re.IGNORECASE)
# A sentence of the body: a cover's lines (its title, the office, the date, the mark) end in none of these, but for
# a short one that says what the document is (本稿为征求意见稿。, 征求意见稿，请提出修改意见。): a sentence of the
# body is longer than SHORT characters.
SENTENCE_END = re.compile(r"[。！？!?]")
SHORT = 20


@dataclass(frozen=True)
class Line:
    """A line (a paragraph) of the document, in order, with what its format says of it."""
    where: object                 # its place (a Place, a text file's line number)
    text: str
    starts_body: bool = False     # the format says the body starts here (a table of contents, a page break before
                                  # it): not the cover's, unless it is the document's first line
    ends_page: bool = False       # a page ends after it (a page break): the cover's last line
    heading: bool = False         # a heading by the format's markup (a .docx's numbered heading: its number, 一、,
                                  # drawn by Word, in no text): the cover's first may be its title, the next
                                  # starts the body


# A table laid out on a cover (编制单位 | …, 文稿状态 | 送审稿; a site's 信息公开 table above the article) has some
# 4-20 cells: one of more is the body's (a data table, a layout), and the cover has ended before it.
COVER_TABLE_CELLS = 40


def table_lines(cells) -> list[Line]:
    """A table's cells (place, text) as the cover reader takes them: each a line of its own, or, for a table of
    more than COVER_TABLE_CELLS, the body's start."""
    cells = list(cells)
    if len(cells) > COVER_TABLE_CELLS:
        return [Line(cells[0][0] if cells else None, "", starts_body=True)]
    return [Line(where, text) for where, text in cells]


def body_starts(text: str) -> bool:
    """Whether a line is the body's by its words: a sentence (。！？ in it, longer than SHORT) or a section's
    heading."""
    compact = re.sub(r"\s+", "", normalise(text))
    return bool((SENTENCE_END.search(compact) and len(compact) > SHORT) or SECTION_HEADING.match(compact))


def cover(lines) -> list[tuple[object, str]]:
    """The cover's lines (where, text): those from the document's start up to the first that is the body's (by its
    words, body_starts, or by its format, Line.starts_body), or up to the end of the first page (Line.ends_page)."""
    out: list[tuple[object, str]] = []
    headed = False
    for line in lines:
        if line.starts_body and out:
            break
        if not line.text.strip():
            if line.ends_page and out:      # (an empty paragraph holding the page break)
                break
            continue
        if (line.heading and headed) or body_starts(line.text):
            break
        headed = headed or line.heading
        out.append((line.where, line.text))
        if line.ends_page:
            break
    return out
