"""Text normalisation that can always point back to the raw text.

The plans mix full-width and half-width punctuation, no-break spaces and Word bookmarks.
Parsers work on one normal form (Unicode NFKC: full-width ASCII becomes half-width, a
no-break space becomes a space) with bookmarks removed, while every quote shown to an
analyst is cut from the raw line, unchanged, through the index map kept here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


@dataclass(frozen=True)
class NormalText:
    raw: str
    text: str
    raw_index: tuple[int, ...]  # raw_index[i] = position in `raw` of text[i]

    def raw_span(self, start: int, end: int) -> str:
        """The raw text behind text[start:end], verbatim."""
        if start >= end:
            return ""
        return self.raw[self.raw_index[start] : self.raw_index[end - 1] + 1]


def normalise_with_map(raw: str) -> NormalText:
    """Normalise `raw` and remember where each normalised character came from."""
    out: list[str] = []
    index: list[int] = []
    skip_until = -1
    bookmarks = {m.start(): m.end() for m in BOOKMARK.finditer(raw)}
    for i, ch in enumerate(raw):
        if i < skip_until:
            continue
        if i in bookmarks:
            skip_until = bookmarks[i]
            continue
        for n in unicodedata.normalize("NFKC", ch):
            if n.isspace():
                n = " "
            out.append(n)
            index.append(i)
    # Trim outer whitespace, keeping the map aligned.
    start, end = 0, len(out)
    while start < end and out[start] == " ":
        start += 1
    while end > start and out[end - 1] == " ":
        end -= 1
    return NormalText(raw, "".join(out[start:end]), tuple(index[start:end]))


def normalise(raw: str) -> str:
    """The normal form alone."""
    return normalise_with_map(raw).text


def name_key(name: str) -> str:
    """A key for matching indicator names: normal form, with all spaces removed."""
    return re.sub(r"\s+", "", normalise(name))


@dataclass(frozen=True)
class NormalisationStats:
    bookmarks: int
    changed_chars: int  # characters NFKC changed (full-width punctuation, no-break spaces, ...)
    no_break_spaces: int


def normalisation_stats(raw: str) -> NormalisationStats:
    without_bookmarks = BOOKMARK.sub("", raw)
    changed = sum(1 for ch in without_bookmarks if unicodedata.normalize("NFKC", ch) != ch)
    return NormalisationStats(
        bookmarks=len(BOOKMARK.findall(raw)),
        changed_chars=changed,
        no_break_spaces=without_bookmarks.count("\u00a0"),
    )
