"""A web page's markup rewritten so that Python's HTML parser (html.parser, under BeautifulSoup) builds the elements
the browser builds, where the two differ on what is text and where an element ends.

- Raw text. The HTML standard makes the content of <textarea>, <title>, <xmp>, <iframe>, <noembed>, <noframes> and
  <noscript> (scripts on) text, never elements, and everything after <plaintext>. Python 3.11.7's parser made
  elements of it: a table inside <textarea> or <xmp> was read as the plan's table, where Chromium shows its markup
  as characters and draws only the page's real table (redteam13 finding 4). Their content is written as text.
- Foreign content. Inside a drawing (<svg>) or a formula (<math>) none of these is raw text, nor are <style> and
  <script>: they are the drawing's elements, whose content is markup. And a start tag of the body's text (<p>,
  <table>, <div>, <b> … BREAKOUT) closes every element of the drawing or formula open around it: the browser draws
  what follows as the page's. A copy of the plan's table inside `<svg><textarea>` or `<math><noscript>` is drawn by
  Chromium before the real one, and was read as no table (redteam14 finding 4); `<svg><style>{table}</style></svg>`
  is drawn, and stopped "no table is titled". The drawing's elements are closed in front of such a tag (end tags
  written in), and inside a drawing's element whose name Python's parser reads as text (its <style>, <script>,
  <textarea> … PARSER_TEXT: Python 3.11.13 and later read <textarea> and <title> so, wherever they stand), what the
  browser makes elements of is blanked: the element keeps the text the browser gives it (a drawing's <style> its
  rules, applied by the browser; `<svg><style><!-- .h {display: none} --></style>` holds none). A drawing's
  <textarea>, <noscript> … (TEXT_ONLY) is closed for Python's parser at once instead, and what it holds stands in
  the drawing: nothing of it is drawn, but a <style> in it is applied (Chromium). In a formula such an element
  shows nothing, and applies no <style> in it.
- Where the browser keeps a drawing open to the page's end and the reader cannot tell what it draws (an end tag the
  browser ignores there, `<svg><foreignObject><p>1</foreignObject></svg>`: Chromium draws nothing after it), the
  page is refused (UnsureMarkup).

Only characters inside a line change, so every source line stays where it was.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Elements whose content the browser reads as text (the HTML standard's raw text and RCDATA elements beyond
# <script> and <style>, which Python's parser already reads so; <noscript> as the browser runs scripts), and
# <plaintext>, after which the whole page is text.
TEXT_ONLY = ("textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")
ESCAPABLE = ("textarea", "title")       # RCDATA: `&lt;` in it is still `<`; in the others it is written as it is
# The names some version of Python's parser reads the content of as text, wherever the element stands.
PARSER_TEXT = ("script", "style", *TEXT_ONLY)
# Start tags that close the drawing's or formula's elements open around them (the HTML standard, "the rules for
# parsing tokens in foreign content"), and <font> with one of FONT_ATTRIBUTES; also the end tags </p> and </br>.
BREAKOUT = frozenset("b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li "
                     "listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul "
                     "var".split())
FONT_ATTRIBUTES = re.compile(r"(?:^|[\s/])(?:color|face|size)(?=[\s/=]|$)", re.IGNORECASE)
# The drawing's and formula's elements in which the browser reads HTML again (integration points): "html" for
# HTML's start tags, "text" for a formula's text elements (all start tags but <mglyph> and <malignmark>).
POINTS = {("svg", "foreignobject"): "html", ("svg", "desc"): "html", ("svg", "title"): "html",
          **{("math", name): "text" for name in ("mi", "mo", "mn", "ms", "mtext")}}
HTML_ANNOTATION = re.compile(r"""\bencoding\s*=\s*["']?\s*(text/html|application/xhtml\+xml)\s*["'\s/>]""",
                             re.IGNORECASE)
TABLE_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")

# What the browser's tokenizer finds in a page's text: a comment, a CDATA section's start, a bogus comment
# (<!DOCTYPE …>, <?xml …>, </3>), or a start or end tag with its attributes (a quoted value may hold `>`).
MARKUP = re.compile(r"""<(?:
    (?P<end>/?)(?P<name>[A-Za-z][^\s/>]*)
      (?P<attributes>(?:\s+|/(?!>)|[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*+)
      (?P<close>/?>|\Z)
  | (?P<comment>!--(?:-?>|.*?(?:--!?>|\Z)))
  | (?P<cdata>!\[CDATA\[)
  | (?P<bogus>(?:[!?]|/(?![A-Za-z]))[^>]*(?:>|\Z)))
""", re.DOTALL | re.VERBOSE)
WORTH_A_LOOK = re.compile(r"<(?:svg|math|!\[CDATA\[|" + "|".join(TEXT_ONLY) + ")", re.IGNORECASE)


class UnsureMarkup(Exception):
    def __init__(self, line: int, what: str):
        super().__init__(what)
        self.line, self.what = line, what


@dataclass(frozen=True, slots=True)
class _Open:
    """A drawing's or formula's element open (an HTML element open is its name alone, a str)."""
    name: str
    space: str              # "svg" or "math"
    point: str | None       # an integration point's kind (POINTS), "annotation" for <annotation-xml>, or None
    start: int              # where its start tag stands in the page's text
    early: bool = False     # closed for Python's parser at once (a drawing's <textarea> …: _start)


def as_browsers_parse(text: str) -> tuple[str, frozenset[int]]:
    """The page rewritten as the module's docstring says, and the places (in the rewritten text) of the table tags
    that stand in a drawing or formula: the drawing's elements of those names, never a table's (close_cells passes
    them over). Raises UnsureMarkup."""
    if "<" not in text or not WORTH_A_LOOK.search(text):
        return text, frozenset()
    return _Rewrite(text).run()


@cache
def _void() -> frozenset[str]:
    """The elements BeautifulSoup closes at their start tag (its HTML builder's empty elements)."""
    from bs4.builder import HTMLTreeBuilder
    return frozenset(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS)


def _blank(text: str) -> str:
    """The text with every character but a line break made a space."""
    return re.sub(r"[^\n]", " ", text)


def _end_tag(name: str, written: str = "") -> str:
    """An end tag every version of Python's parser ends an element's text at: `</style x>` as `</style   >`."""
    return f"</{name}{_blank(written[len(name) + 2:-1]) if written.endswith('>') else ''}>"


def _name(element: str | _Open) -> str:
    return element if isinstance(element, str) else element.name


NOT_PLAIN = frozenset(("svg", "math", "script", "style", *TEXT_ONLY))


class _Rewrite:
    """One pass over the page's markup, keeping the elements open as Python's parser will (so that an end tag is
    known to close what it closes there) and, inside a drawing or formula, as the browser does. The page is
    changed by edits (start, end, the text put there), few: most pages need none."""

    def __init__(self, text: str):
        self.text = text
        self.edits: list[tuple[int, int, str]] = []
        self.open: list[str | _Open] = []
        self.foreign = 0                     # how many of self.open are a drawing's or formula's
        self.text_at: int | None = None      # the index in self.open of a drawing's element in PARSER_TEXT
        self.foreign_tables: list[int] = []
        self.void = _void()

    def run(self) -> tuple[str, frozenset[int]]:
        text, position = self.text, 0
        while (match := MARKUP.search(text, position)) is not None:
            name = match.group("name")
            if name is not None and not self.foreign and self._plain(match, name.lower()):
                position = match.end()
            else:
                self._text_in(position, match.start())
                position = self._token(match)
        self._text_in(position, len(text))
        return self._rewritten()

    def _plain(self, match, name: str) -> bool:
        """An HTML element's tag outside any drawing or formula, the most of a page: its element opened or closed
        as Python's parser does. False for a tag that needs more (_token)."""
        open_ = self.open
        if match.group("end"):
            if open_ and open_[-1] == name:
                open_.pop()
            elif name in open_:
                del open_[len(open_) - 1 - open_[::-1].index(name):]
            return True
        if name in NOT_PLAIN:
            return False
        if name not in self.void and match.group("close") != "/>":
            open_.append(name)
        return True

    def _token(self, match) -> int:
        """Any other tag, a comment or a CDATA section: where the pass goes on."""
        kind = match.lastgroup
        if kind == "close":
            return (self._end if match.group("end") else self._start)(match)
        if kind == "cdata":
            return self._cdata(match)
        if self.text_at is not None:             # a comment, or a bogus one, where Python's parser reads text
            self._blank(match.start(), match.end())
        return match.end()

    def _text_in(self, start: int, end: int) -> None:
        """Text: inside a drawing's element read as text, the text of the elements in it is no text of its own."""
        if self.text_at is not None and len(self.open) - 1 > self.text_at:
            self._blank(start, end)

    # --- what is written out
    def _edit(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def _blank(self, start: int, end: int) -> None:
        if start < end and not self.text[start:end].isspace():
            self.edits.append((start, end, _blank(self.text[start:end])))

    def _rewritten(self) -> tuple[str, frozenset[int]]:
        pieces, last, moved, tables = [], 0, 0, iter(self.foreign_tables)
        places, table = [], next(tables, None)
        for start, end, new in self.edits:
            while table is not None and table < start:
                places.append(table + moved)
                table = next(tables, None)
            pieces += (self.text[last:start], new)
            last, moved = end, moved + len(new) - (end - start)
        while table is not None:
            places.append(table + moved)
            table = next(tables, None)
        pieces.append(self.text[last:])
        return "".join(pieces), frozenset(places)

    def _closing(self, at: int, upto: int, written: bool) -> None:
        """The elements open from index `upto` on closed, by an end tag written in the page at `at` (`written`) or
        by end tags written in there for each. To Python's parser the elements inside a drawing's element that it
        reads as text are that text: they get no end tag, and that element gets its own written in (before the
        page's)."""
        inner = self.text_at
        for index in range(len(self.open) - 1, upto - 1, -1):
            element = self.open[index]
            if ((inner is not None and index > inner) or (written and index != inner)
                    or getattr(element, "early", False)):
                continue
            self._edit(at, at, f"</{_name(element)}>")
        if inner is not None and inner >= upto:
            self.text_at = None
        self.foreign -= sum(not isinstance(element, str) for element in self.open[upto:])
        del self.open[upto:]

    # --- the tree
    def _html(self, index: int) -> bool:
        return isinstance(self.open[index], str)

    def _point(self, index: int) -> str | None:
        element = self.open[index]
        return None if isinstance(element, str) else element.point

    def _outside(self) -> int:
        """The index in self.open of the first of the drawing's or formula's elements that a start tag of the
        body's text (BREAKOUT) closes: those open above the nearest HTML element or integration point."""
        upto = len(self.open)
        while upto > 0 and not self._html(upto - 1) and self._point(upto - 1) not in ("html", "text"):
            upto -= 1
        return upto

    def _foreign(self) -> bool:
        """Whether the current node is a drawing's or formula's element (an integration point too)."""
        return bool(self.open) and not self._html(-1)

    def _as_html(self, name: str) -> bool:
        """Whether a start tag is read by HTML's rules (else by those of the drawing or formula it stands in)."""
        if not self._foreign():
            return True
        point = self._point(-1)
        return (point == "html" or (point == "text" and name not in ("mglyph", "malignmark"))
                or (point == "annotation" and name == "svg"))

    def _push(self, element: str | _Open) -> None:
        self.open.append(element)
        self.foreign += not isinstance(element, str)

    def _start(self, match) -> int:
        name, closes_itself = match.group("name").lower(), match.group("close") == "/>"
        if not self._as_html(name):
            return self._foreign_start(match, name, closes_itself)
        if name in TEXT_ONLY or name in ("script", "style"):
            return self._text_only(match, name)
        if self.text_at is not None:
            self._blank(match.start(), match.end())
        if name in ("svg", "math"):
            if not closes_itself:
                self._push(_Open(name, name, None, match.start()))
        elif not closes_itself and name not in self.void:
            self._push(name)
        return match.end()

    def _foreign_start(self, match, name: str, closes_itself: bool) -> int:
        """A start tag read by the rules of the drawing or formula it stands in."""
        if name in BREAKOUT or (name == "font" and FONT_ATTRIBUTES.search(match.group("attributes"))):
            self._closing(match.start(), self._outside(), written=False)
            return self._start(match)
        if self.text_at is not None:
            self._blank(match.start(), match.end())
        elif name in TABLE_TAGS:
            self.foreign_tables.append(match.start())
        if closes_itself:
            return match.end()
        space = self.open[-1].space
        point = POINTS.get((space, name))
        if (space, name) == ("math", "annotation-xml"):
            point = "html" if HTML_ANNOTATION.search(match.group() + " ") else "annotation"
        early = space == "svg" and name in TEXT_ONLY and self.text_at is None
        if early:
            self._edit(match.end(), match.end(), f"</{name}>")
        self._push(_Open(name, space, point, match.start(), early))
        if name in PARSER_TEXT and self.text_at is None and not early:
            self.text_at = len(self.open) - 1
        return match.end()

    def _text_only(self, match, name: str) -> int:
        """An HTML element whose content is text, up to its end tag (`</textarea` and a space, / or >) or the
        page's end: written with `<` as `&lt;` (and `&` as `&amp;` where the browser reads no character
        reference), a script's and a style's as they are; its start tag without the / that would close it for
        Python's parser (the browser ignores it), its end tag as every version of Python's parser reads it."""
        if self.text_at is not None:                 # (in a drawing's title: not shown, no text of its own)
            end = re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE).search(self.text, match.end())
            stop = end.start() if end else len(self.text)
            self._blank(match.start(), stop)
            return stop
        if match.group("close") == "/>":
            self._edit(match.end() - 2, match.end(), " >")
        start = match.end()
        end = None if name == "plaintext" else re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE).search(self.text,
                                                                                                         start)
        stop = end.start() if end else len(self.text)
        content = self.text[start:stop]
        if name not in ("script", "style") and ("<" in content or "&" in content and name not in ESCAPABLE):
            if name not in ESCAPABLE:
                content = content.replace("&", "&amp;")
            self._edit(start, stop, content.replace("<", "&lt;"))
        if end is None:
            return stop
        closing = MARKUP.match(self.text, stop)
        if closing.group() != f"</{name}>":
            self._edit(stop, closing.end(), _end_tag(name, closing.group()))
        return closing.end()

    def _end(self, match) -> int:
        name = match.group("name").lower()
        if self._foreign() and name in ("p", "br"):
            self._closing(match.start(), self._outside(), written=False)
        elif self._foreign():
            for index in range(len(self.open) - 1, -1, -1):
                if self._html(index):
                    break
                if self.open[index].name == name:
                    return self._close(match, index)
            else:
                if self.text_at is not None:
                    self._blank(match.start(), match.end())
                return match.end()
        return self._html_end(match, name)

    def _html_end(self, match, name: str) -> int:
        """An end tag read by HTML's rules: Python's parser closes the nearest open element of its name. The browser
        does too, but not past a drawing's or formula's element in which HTML is read (<foreignObject>, <mi> …):
        there it ignores the end tag and keeps the drawing open. Where that would close a drawing's element for
        Python's parser, what the browser draws of the rest of the page is not known here (UnsureMarkup)."""
        index = next((i for i in range(len(self.open) - 1, -1, -1) if _name(self.open[i]) == name), None)
        if index is None:
            if self.text_at is not None:
                self._blank(match.start(), match.end())
            return match.end()
        if any(not self._html(i) for i in range(index, len(self.open))):
            point = next((i for i in range(index + 1, len(self.open)) if self._point(i) in ("html", "text")), None)
            if point is not None or not self._html(index):
                if point is None:
                    point = next(i for i in range(len(self.open) - 1, -1, -1) if self._point(i) in ("html", "text"))
                where, root = self.open[point], next(e for e in self.open if not isinstance(e, str))
                kind = "drawing" if where.space == "svg" else "formula"
                raise UnsureMarkup(self._line(match.start()), (
                    f"the browser ignores the end tag </{name}> here, as an element opened inside the {kind}'s "
                    f"<{where.name}> (line {self._line(where.start)}) is still open (its end tag left out): it keeps "
                    f"the <{root.name}> at line {self._line(root.start)} open and draws the rest of the page inside "
                    "it, or not at all"))
        return self._close(match, index)

    def _close(self, match, index: int) -> int:
        """The end tag closes the open element at `index` and those inside it."""
        element = self.open[index]
        if self.text_at == index and element.name == match.group("name").lower():      # its own
            if match.group() != f"</{element.name}>":
                self._edit(match.start(), match.end(), _end_tag(element.name, match.group()))
            self.text_at = None
            self.foreign -= sum(not isinstance(e, str) for e in self.open[index:])
            del self.open[index:]
        else:
            early = getattr(element, "early", False)
            self._closing(match.start(), index, written=True)
            if self.text_at is not None or early:
                self._blank(match.start(), match.end())
        return match.end()

    def _cdata(self, match) -> int:
        """`<![CDATA[…]]>`: inside a drawing or formula its content is text (a drawing's style's rules); elsewhere
        a comment up to the first `>`, written `<!-CDATA[…>` so that Python's parser ends it there too."""
        if not self._foreign():
            end = self.text.find(">", match.start())
            end = len(self.text) if end < 0 else end + 1
            if self.text_at is not None:
                self._blank(match.start(), end)
            else:           # (Python's parser read it to `]]>`: `<![CDATA[>]]>20` shows ]]>20, and was read 20)
                self._edit(match.start() + 2, match.start() + 3, "-")
            return end
        end = self.text.find("]]>", match.end())
        end = len(self.text) if end < 0 else end
        if self.text_at is not None:
            self._blank(match.start(), match.end())
            if len(self.open) - 1 > self.text_at:
                self._blank(match.end(), end)
            self._blank(end, end + 3)
        return end + 3

    def _line(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1
