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

from helpers.core.errors import DIRECTION_CONTROL, beside_text

BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# Unicode's bidirectional controls (DIRECTION_CONTROL, with the error types, which name them): embeddings, overrides
# and isolates with their pops (U+202A–U+202E, U+2066–U+2069), and the marks (U+200E LEFT-TO-RIGHT MARK, U+200F
# RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK).
EXPLICIT_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")      # (all but the marks)
# What can make a line of a left-to-right document run right to left: a right-to-left control or mark, a Hebrew or
# Arabic letter or digit (Unicode's bidirectional classes).
RIGHT_TO_LEFT = {"R", "AL", "AN", "RLE", "RLO", "RLI"}
MIRRORED = str.maketrans("()[]{}<>（）【】〔〕《》〈〉≤≥", ")(][}{><）（】【〕〔》《〉〈≥≤")


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


@dataclass(frozen=True)
class DirectionControl:
    """A bidirectional control in a text that makes viewers show it in another order than it is stored, which is
    the order every reader here reads (rendered by Chromium and LibreOffice alike: U+202E 41 U+202C shows as 14,
    10 U+200F .3 as 103., U+2067 ≥14 U+2069 as 14≤ (≥ drawn mirrored), U+202E 3.21 U+202C in a workbook cell as
    12.3)."""
    text: str
    character: str      # the control named (the first that turns text right to left)
    at: int             # its position in `text`

    @property
    def problem(self) -> str:
        """What an InputError says of it: the character, the text as stored and, where it can be worked out (an
        override alone), as shown."""
        visible = DIRECTION_CONTROL.sub("", self.text).strip()
        stored = visible if len(visible) <= 40 else visible[:40] + "…"
        beside = beside_text(self.text, self.at, DIRECTION_CONTROL)
        shown = shown_order(self.text)
        seen = (f"it is shown as '{shown.strip()}' (by LibreOffice, browsers), not as the '{stored}' stored and read"
                if shown is not None and len(shown) <= 40 else
                f"its characters may be shown (by LibreOffice, browsers) in another order than the '{stored}' "
                "stored and read (10.3 with a U+200F RIGHT-TO-LEFT MARK after 10 is shown as 103.)")
        return (f"the text holds U+{ord(self.character):04X} {unicodedata.name(self.character)}, an invisible "
                f"character ({beside}) that sets text right to left: {seen}, so what the reader sees cannot be "
                "told")


def direction_control(text: str) -> DirectionControl | None:
    """The bidirectional control that can reorder `text` as shown, or None. None where the text is shown in stored
    order: a control with nothing right to left in the text (a U+200E LEFT-TO-RIGHT MARK, an embedding, override
    or isolate left to right, in text with no right-to-left control, mark, letter or digit: every character stays
    in stored order), and a right-to-left mark that moves nothing (2 U+200F 0 is shown 20, as Unicode's algorithm
    and Chromium's print have it: _shown_with_marks). Such text is read with the control removed, as any invisible
    character. Fast where there is no control at all (one search)."""
    if not DIRECTION_CONTROL.search(text):
        return None
    if not any(unicodedata.bidirectional(ch) in RIGHT_TO_LEFT for ch in text):
        return None
    if not EXPLICIT_CONTROL.search(text) and _shown_with_marks(text) == _without_invisible(text):
        return None
    controls = [(i, ch) for i, ch in enumerate(text) if DIRECTION_CONTROL.match(ch)]
    at, character = next(((i, ch) for i, ch in controls if unicodedata.bidirectional(ch) in RIGHT_TO_LEFT),
                         controls[0])
    return DirectionControl(text, character, at)


def shown_order(text: str) -> str | None:
    """The text as a left-to-right viewer shows it, where that can be worked out here: with marks alone
    (_shown_with_marks), or with right-to-left overrides alone (U+202E … U+202C, or to the end), not nested, and
    nothing else right to left: each override's characters reversed (brackets and ≤ ≥ mirrored), the rest as
    stored. None otherwise."""
    if not EXPLICIT_CONTROL.search(text):
        return _shown_with_marks(text)
    out, inside = [], None
    for ch in _without_invisible(text, keep=DIRECTION_CONTROL):
        if ch == "\u202e":
            if inside is not None:
                return None
            inside = []
        elif ch == "\u202c" and inside is not None:
            out += reversed(inside)
            inside = None
        elif DIRECTION_CONTROL.match(ch) or unicodedata.bidirectional(ch) in RIGHT_TO_LEFT:
            return None
        elif inside is not None:
            inside.append(ch.translate(MIRRORED))
        else:
            out.append(ch)
    return "".join(out + list(reversed(inside or [])))


def _without_invisible(text: str, keep=None) -> str:
    """The text without its format characters (as normalise removes them), but those `keep` matches."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" or (keep is not None and keep.match(ch)))


def _shown_with_marks(text: str) -> str:
    """Text with no embedding, override or isolate (marks and letters alone may run right to left) as a
    left-to-right line shows it, each line of it on its own, its format characters left out: Unicode's
    bidirectional algorithm (UAX #9: rules W1–W7, N1–N2, I1–I2, L1–L2, and L4 for brackets and ≤ ≥) at paragraph
    level 0. Rendered by Chromium and LibreOffice alike: 10 U+200F .3 → 103., U+200F ≥14 → 14≤, 35 U+200F % → 35%."""
    return "\n".join(_shown_line(line) for line in text.split("\n"))


def _shown_line(line: str) -> str:
    chars = [ch for ch in line if unicodedata.bidirectional(ch) != "BN"]      # X9: zero-width spaces and the like
    kinds = _resolved_neutrals(_resolved_weak([unicodedata.bidirectional(ch) for ch in chars]))
    levels = [{"L": 0, "R": 1}.get(kind, 2) for kind in kinds]                   # I1 (AN, EN: 2)
    for i in range(len(chars) - 1, -1, -1):       # L1: spaces at the line's end, and before a tab, at level 0
        if unicodedata.bidirectional(chars[i]) == "S" or (i + 1 == len(chars) and chars[i].isspace()):
            levels[i] = 0
            j = i - 1
            while j >= 0 and unicodedata.bidirectional(chars[j]) == "WS":
                levels[j] = 0
                j -= 1
    for level in range(max(levels, default=0), 0, -1):    # L2: reverse each run at this level or above
        for i, j in _runs([lv >= level for lv in levels]):
            chars[i:j], levels[i:j] = chars[i:j][::-1], levels[i:j][::-1]
    return "".join(ch.translate(MIRRORED) if level % 2 else ch for ch, level in zip(chars, levels)
                   if unicodedata.category(ch) != "Cf")


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of True."""
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _resolved_weak(kinds: list[str]) -> list[str]:
    """UAX #9 W1–W7 on one run at level 0 (sos and eos L)."""
    last_strong = "L"
    for i, kind in enumerate(kinds):                      # W1–W3
        if kind == "NSM":
            kinds[i] = kind = kinds[i - 1] if i else "L"
        if kind in ("L", "R", "AL"):
            last_strong = kind
        kinds[i] = "AN" if kind == "EN" and last_strong == "AL" else "R" if kind == "AL" else kinds[i]
    for i in range(1, len(kinds) - 1):                    # W4: one separator between two digits
        before, kind, after = kinds[i - 1], kinds[i], kinds[i + 1]
        if before == after == "EN" and kind in ("ES", "CS") or before == after == "AN" and kind == "CS":
            kinds[i] = before
    for i, j in _runs([kind == "ET" for kind in kinds]):  # W5: European terminators beside a European digit
        if (i and kinds[i - 1] == "EN") or (j < len(kinds) and kinds[j] == "EN"):
            kinds[i:j] = ["EN"] * (j - i)
    kinds = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in kinds]      # W6
    last_strong = "L"
    for i, kind in enumerate(kinds):                      # W7
        last_strong = kind if kind in ("L", "R") else last_strong
        kinds[i] = "L" if kind == "EN" and last_strong == "L" else kinds[i]
    return kinds


def _resolved_neutrals(kinds: list[str]) -> list[str]:
    """UAX #9 N1–N2: a run of neutrals between two of one direction (digits count as right to left) takes it, any
    other that of the line, left to right."""
    strong = ["R" if kind in ("R", "EN", "AN") else "L" if kind == "L" else None for kind in kinds]
    for i, j in _runs([direction is None for direction in strong]):
        before, after = strong[i - 1] if i else "L", strong[j] if j < len(kinds) else "L"
        kinds[i:j] = [before if before == after else "L"] * (j - i)
    return kinds


def normalise(raw: str) -> str:
    """The normal form alone."""
    return normalise_with_map(raw).text


# A year written in Chinese numerals (二〇二五年, 二○二五年 with a white circle, 二零二五年, and the zero typed as a
# letter O or a digit, 二O二五年, 二0二五年; 二〇二一至二〇二五年): four numerals before 年 or a range's dash or 至,
# or after one.
_CHINESE_DIGITS = str.maketrans("〇零○Oo0一二三四五六七八九", "000000123456789")
_NUMERALS = "[〇零○Oo0一二三四五六七八九]{4}"
_CHINESE_YEAR = re.compile(rf"{_NUMERALS}(?=\s*(?:年|[-–—―~至到]))|(?<=[-–—―~至到]){_NUMERALS}")
_NONZERO = re.compile("[一二三四五六七八九]")


def arabic_years(text: str) -> str:
    """The text with each year written in Chinese numerals in digits (二〇二五年数据为预计数: 2025年数据为预计数), the
    one reader of such years wherever a note, name or header's year is read. Character for character, so a place in
    the text is the same place in the result."""
    return _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS) if _NONZERO.search(m.group())
                             else m.group(), text)


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


def read_utf8(path: Path, what: str, cap) -> str:
    """A text file's content, decoded as UTF-8 (with or without Notepad's byte-order mark). A file saved in
    another encoding (GBK, as Windows saves Chinese text) or past its `cap` (helpers.core.limits.Cap, checked before
    it is read) is an InputError, never garbage."""
    from helpers.core.errors import InputError, refuse_special_file
    from helpers.core.limits import check_size
    path = Path(path)
    refuse_special_file(path)
    check_size(path, cap)
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
