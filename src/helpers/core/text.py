"""Text normalisation that can always point back to the raw text.

The plans mix full-width and half-width punctuation, no-break spaces and Word bookmarks.
Parsers work on one normal form (Unicode NFKC: full-width ASCII becomes half-width, a
no-break space becomes a space) with bookmarks and invisible characters removed (Unicode's
format characters: a zero-width space or joiner, a direction mark, a soft hyphen, which a
document shows as nothing: `2<zero-width space>0` is 20 as shown, and was "not a number"),
while every quote shown to an analyst is cut from the raw line, unchanged, through the index map kept here.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
        if unicodedata.category(ch) == "Cf":
            continue     # invisible (zero-width space or joiner, a direction mark, a soft hyphen): shown as nothing
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
    """A key for matching indicator names: normal form, with all spaces removed. The same few names come again in
    every row of a monitoring sheet (its county, indicator and unit cells, each also asked whether it repeats the
    header): a short one's key is kept (a 20,000-row sheet asked for some 300,000 keys, 7 s of its reading)."""
    return _short_name_key(name) if len(name) <= SHORT_NAME else _name_key(name)


SHORT_NAME = 100      # characters: the names kept are short, so the cache stays small (4,096 of them)


def _name_key(name: str) -> str:
    return re.sub(r"\s+", "", normalise(name))


_short_name_key = functools.lru_cache(maxsize=4096)(_name_key)


@dataclass(frozen=True)
class NormalisationStats:
    bookmarks: int
    changed_chars: int  # characters NFKC changed (full-width punctuation, no-break spaces, ...)
    no_break_spaces: int
    invisible: int = 0  # invisible (format) characters removed: zero-width spaces, direction marks, soft hyphens


def normalisation_stats(raw: str) -> NormalisationStats:
    without_bookmarks = BOOKMARK.sub("", raw)
    changed = sum(1 for ch in without_bookmarks if unicodedata.normalize("NFKC", ch) != ch)
    return NormalisationStats(
        bookmarks=len(BOOKMARK.findall(raw)),
        changed_chars=changed,
        no_break_spaces=without_bookmarks.count("\u00a0"),
        invisible=sum(1 for ch in without_bookmarks if unicodedata.category(ch) == "Cf"),
    )


def read_utf8(path: Path, what: str = "file", max_bytes: int | None = None) -> str:
    """A text file's content, decoded as UTF-8 (with or without Notepad's byte-order mark). A file saved in
    another encoding (GBK, as Windows saves Chinese text) or past `max_bytes` is an InputError, never garbage."""
    from helpers.core.errors import InputError, refuse_special_file
    path = Path(path)
    refuse_special_file(path)
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(path, None, f"the {what} is {size / 1e6:.0f} MB, far more than any real one (the limit "
                         f"is {max_bytes / 1e6:.0f} MB): it is not what it should be",
                         "check that this is the right file (a text export of the document, not a database dump "
                         "or a binary file).")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gb18030")
            looks = " (it looks like GBK/GB18030, as Windows saves Chinese text)"
        except UnicodeDecodeError:
            looks = ""
        raise InputError(path, line, f"the {what} is not UTF-8 text{looks}",
                         "save it again as UTF-8 (Notepad: File → Save As → Encoding: UTF-8; WPS/Word: Plain Text, "
                         f"UTF-8), or convert it: iconv -f gbk -t utf-8 \"{path.name}\" > converted.txt.") from None
