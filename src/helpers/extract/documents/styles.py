"""What a web page's own style hides from its reader: the elements the browser does not show.

A page hides text with its `hidden` attribute, an inline style (display:none, visibility:hidden, opacity:0,
font-size:0) or a rule of its
<style> blocks (.hide{display:none}): `2<span class="hide">9</span>0` shows 20, and was read as 290. The rules are
parsed with tinycss2, the selectors matched with soupsieve (Beautiful Soup's own) and ranked with cssselect, as
the browser's cascade ranks them: !important first, then an inline style, then the more specific selector, then
the later rule. A rule for a state of the page (:hover, :focus) matches nothing, as the page is first shown; a rule
inside @media applies when its query is plain `screen` or `all` (not a phone's width, not print).

Text in the colour of what is behind it is unseen too (unseen_text): `2<span style="color:#fff">9</span>0` shows 20
on the white page. Each text's colour (`color`, inherited; <font color>) is laid over its background (the
`background-color` of the nearest element that sets one, <td bgcolor>; the white page when none does), with the
opacity of the elements it is in; a contrast ratio (WCAG's) under MIN_CONTRAST is text no reader can tell from its
background. White text on a dark cell is seen, and read; text on a background image cannot be judged, and is read.

Where the page's style cannot be read for sure (a selector hiding text that no reader here can match, or text
shown again inside hidden text by visibility:visible or a font size), the page is refused with the line named.
Style sheets in other files (<link rel="stylesheet">, @import) are read through the `load` the page's reader gives
(helpers.extract.documents.web: a file next to the page, never a web address).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ZERO = re.compile(r"^[+-]?0*\.?0*(px|pt|em|rem|%|pc|mm|cm|in|ex|ch|vw|vh)?$")
# Whether a value of these properties hides an element's text; any other value of the property shows it. The first
# two hide all an element holds; the last two are inherited, and a child may show itself again.
HIDING = {"display": lambda value: value == "none", "opacity": lambda value: bool(ZERO.match(value)),
          "visibility": lambda value: value in ("hidden", "collapse"),
          "font-size": lambda value: bool(ZERO.match(value))}
INHERITED = ("visibility", "font-size")
# What sets the colour of text and what is behind it (unseen_text).
COLOURING = ("color", "background-color", "background", "background-image")
# Under this contrast ratio (WCAG's: 1 for text in its background's colour, 21 for black on white) no reader tells
# the text from what is behind it: white on white is 1.0, #f5f5f5 on white 1.09; the palest grey a page writes a
# figure in (#ccc on white) is 1.6.
MIN_CONTRAST = 1.2
COLOURS = (*COLOURING, "opacity")
BLACK, WHITE = (0.0, 0.0, 0.0, 1.0), (1.0, 1.0, 1.0)
# Selectors of generated content or of a browser's own parts (scroll bars, placeholders): they hold no page text.
NO_PAGE_TEXT = re.compile(r"::|:(before|after|first-line|first-letter|selection|placeholder|marker|backdrop)\b|:-",
                          re.IGNORECASE)
SHOWN_MEDIA = {"", "screen", "all"}


@dataclass(frozen=True)
class Declaration:
    """One declaration of a property in HIDING, and how it ranks in the cascade."""
    value: str
    important: bool
    inline: bool
    specificity: tuple[int, int, int]
    order: int

    @property
    def rank(self) -> tuple:
        return (self.important, self.inline, self.specificity, self.order)


@dataclass(frozen=True)
class Rule:
    selector: str
    compiled: object                 # soupsieve's compiled selector
    line: int                        # the page's source line of the rule's <style> block
    property: str
    declaration: Declaration
    key: tuple[str, str]             # what an element it matches must have: ("id"|"class"|"tag", name), or ("*", "")


class UnsureStyle(ValueError):
    """The page's style may hide text and it cannot be told which: (source line, what)."""

    def __init__(self, line: int, what: str):
        super().__init__(what)
        self.line, self.what = line, what


class PageStyle:
    """A page's style, its rules read once: what it hides (hidden_elements) and the text it shows in the colour of
    what is behind it (unseen_text). `load(href, base, line)` gives a linked or imported style sheet's text and the
    base its own links are read from, or None when it cannot be read (the reader of the page says why)."""

    def __init__(self, soup, load=None):
        self.soup = soup
        self.cascade = _Cascade(_rules(soup, load or (lambda href, base, line: None)))

    def hidden_elements(self) -> list:
        """The elements of the page its style hides (display:none, visibility:hidden, opacity:0, font-size:0, the
        `hidden` attribute), outermost only, in document order. Raises UnsureStyle where that cannot be told."""
        cascade = self.cascade
        hidden, removed = [], set()
        for element in self.soup.find_all(True):                # document order: a parent before its children
            if not cascade.may_hide(element) or any(id(parent) in removed for parent in element.parents):
                continue
            hiding = [name for name in HIDING
                      if (found := cascade.winner(element, name)) and HIDING[name](found.value)]
            if not hiding:
                continue
            for name in set(hiding) & set(INHERITED):
                cascade.nothing_shown_again(element, name)
            hidden.append(element)
            removed.add(id(element))
        return hidden

    def unseen_text(self, hidden: list, not_shown: set[str]) -> list:
        """The pieces of text (bs4 strings) the page shows in the colour of what is behind them, outside the
        `hidden` elements and the elements whose text is never shown (`not_shown`: script, template, …)."""
        from bs4 import NavigableString
        from bs4.element import PreformattedString
        skipped = {id(element) for element in hidden}
        # Each element's text colour (r, g, b, alpha), its background (r, g, b; None where an image is behind it)
        # and the opacity it is shown with: its parent's, unless it sets its own.
        shown = {id(self.soup): (BLACK, WHITE, 1.0)}
        seen: dict[tuple, bool] = {}        # whether text is seen, by its colours (most elements keep their parent's)
        unseen = []
        for element in self.soup.find_all(True):               # document order: a parent before its children
            parent = shown.get(id(element.parent))
            if parent is None or id(element) in skipped or element.name in not_shown:
                continue
            colours = shown[id(element)] = self.cascade.colours(element, *parent)
            if colours not in seen:
                colour, background, opacity = colours
                seen[colours] = background is None or _contrast(_over(colour, background, opacity),
                                                                background) >= MIN_CONTRAST
            if seen[colours]:
                continue
            unseen += [child for child in element.children if isinstance(child, NavigableString)
                       and not isinstance(child, PreformattedString) and child.strip()]
        return unseen


def hidden_elements(soup) -> list:
    """The elements of the page its <style> blocks and inline styles hide (PageStyle.hidden_elements)."""
    return PageStyle(soup).hidden_elements()


def _keys(element) -> list[tuple[str, str]]:
    classes = element.get("class") or []
    return [("*", ""), ("tag", element.name.lower()), ("id", str(element.get("id", "")).lower()),
            *(("class", c.lower()) for c in (classes if isinstance(classes, list) else str(classes).split()))]


# HTML's own colour attributes: <font color>, <body text>, and bgcolor on the page, a table, a row or a cell. They
# rank below every rule of the page's style (as a browser's presentational hints do).
COLOUR_ATTRIBUTES = {"color": (("font", "color"), ("body", "text")),
                     "background-color": tuple((tag, "bgcolor") for tag in ("body", "table", "tr", "td", "th"))}


class _Cascade:
    """The rules, looked up by the id, class or tag their selector needs (as browsers do: a page of thousands of
    elements and hundreds of rules, each rule tried on every element, took over 30 s), and each element's matching
    rules and inline style found once."""

    def __init__(self, rules: list[Rule]):
        self.by_key: dict[tuple[str, str], list[Rule]] = {}
        for rule in rules:
            self.by_key.setdefault(rule.key, []).append(rule)
        self.matched: dict[int, dict[str, list[Declaration]]] = {}

    def declarations(self, element, name: str) -> list[Declaration]:
        return list(self._matched(element).get(name, ()))

    def _matched(self, element) -> dict[str, list[Declaration]]:
        """The declarations of each property that apply to the element: its rules' (each selector matched once),
        its inline style's and its colour attributes'."""
        if id(element) not in self.matched:
            found: dict[str, list[Declaration]] = {}
            for tag_name, attribute in (pair for pairs in COLOUR_ATTRIBUTES.values() for pair in pairs):
                if element.name == tag_name and element.get(attribute):
                    name = "color" if attribute in ("color", "text") else "background-color"
                    found.setdefault(name, []).append(Declaration(_legacy_colour(str(element[attribute])), False,
                                                                  False, (0, 0, 0), -1))
            matches: dict[int, bool] = {}
            for key in _keys(element):
                for rule in self.by_key.get(key, ()):
                    if id(rule.compiled) not in matches:
                        matches[id(rule.compiled)] = bool(rule.compiled.match(element))
                    if matches[id(rule.compiled)]:
                        found.setdefault(rule.property, []).append(rule.declaration)
            for name, declaration in _inline(element):
                found.setdefault(name, []).append(declaration)
            self.matched[id(element)] = found
        return self.matched[id(element)]

    def may_hide(self, element) -> bool:
        """Whether anything could hide it: the `hidden` attribute, or a hiding declaration that applies to it."""
        matched = self._matched(element)
        return element.has_attr("hidden") or any(
            HIDING[name](d.value) for name in HIDING for d in matched.get(name, ()))

    def winner(self, element, name: str) -> Declaration | None:
        found = self.declarations(element, name)
        if name == "display" and element.has_attr("hidden"):   # the browser's own [hidden]{display:none}: the least
            found.append(Declaration("none", False, False, (0, 0, 0), -1))
        return max(found, key=lambda d: d.rank, default=None)

    def colours(self, element, colour, background, opacity) -> tuple:
        """The element's text colour, background and opacity, from its parent's (given)."""
        matched = self._matched(element)
        if not any(name in matched for name in COLOURS):
            return colour, background, opacity
        own = max(matched.get("color", ()), key=lambda d: d.rank, default=None)
        if own is not None:
            parsed = _colour(own.value)
            colour = parsed if isinstance(parsed, tuple) else (BLACK if own.value == "initial" else colour)
        painting = self._winner_of(matched, "background", "background-color")
        if painting is not None:
            painted = _background_colour(painting.value, colour)
            if painted is not None and painted[3] > 0:
                background = (painted[:3] if painted[3] >= 1 else
                              None if background is None else _over(painted, background, 1.0))
        image = self._winner_of(matched, "background", "background-image")
        if image is not None and _image(image.value):
            background = None       # an image behind the text: its colours cannot be told
        own_opacity = max(matched.get("opacity", ()), key=lambda d: d.rank, default=None)
        if own_opacity is not None:
            opacity *= _fraction(own_opacity.value)
        return colour, background, opacity

    @staticmethod
    def _winner_of(matched, *names: str) -> Declaration | None:
        return max((d for name in names for d in matched.get(name, ())), key=lambda d: d.rank, default=None)

    def nothing_shown_again(self, element, name: str) -> None:
        """visibility:hidden and font-size:0 are inherited, and a child may show itself again (visibility:visible,
        a font size of its own): the browser shows that child's text inside the hidden element. Not guessed:
        refused."""
        for child in element.find_all(True):
            shown = self.winner(child, name)
            if shown is not None and not HIDING[name](shown.value) and child.get_text().strip():
                raise UnsureStyle(child.sourceline or element.sourceline or 1,
                                  f"text ('{child.get_text().strip()[:20]}') is shown again ({name}: {shown.value}) "
                                  f"inside text the page's style hides ({name}: {self.winner(element, name).value})")


def _colour(value: str):
    """A CSS colour as (r, g, b, alpha), each 0-1; 'currentcolor'; or None (not a colour: inherit, a typo)."""
    import tinycss2.color4
    parsed = tinycss2.color4.parse_color(value.strip())
    if parsed is None or isinstance(parsed, str):
        return parsed
    try:
        red, green, blue = parsed.to("srgb").coordinates
    except NotImplementedError:     # lab(), oklch(), display-p3 …: judged by lightness alone, as a grey
        grey = (parsed.coordinates[0] / 100 if parsed.space in ("lab", "lch") else parsed.coordinates[0]
                if parsed.space in ("oklab", "oklch") else sum(parsed.coordinates) / 3)
        red = green = blue = grey
    return tuple(min(1.0, max(0.0, float(c))) for c in (red, green, blue)) + (float(parsed.alpha),)


HEX6 = re.compile(r"^[0-9a-fA-F]{6}$")


def _legacy_colour(value: str) -> str:
    """An HTML colour attribute as CSS: `ffffff` without its # is white there too."""
    value = value.strip()
    return f"#{value}" if HEX6.match(value) else value.lower()


def _image(value: str) -> bool:
    return "url(" in value or "gradient(" in value or "image(" in value


def _background_colour(value: str, colour):
    """The colour a `background` or `background-color` value paints (currentcolor: the text's own), or None."""
    import tinycss2
    if value in ("none", "initial", "unset"):
        return (0.0, 0.0, 0.0, 0.0)
    for token in tinycss2.parse_component_value_list(value):
        if token.type in ("whitespace", "url", "comment"):
            continue
        parsed = _colour(tinycss2.serialize([token]))
        if parsed == "currentcolor":
            return colour
        if parsed is not None:
            return parsed
    return None


def _fraction(value: str) -> float:
    try:
        number = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        return 1.0
    return min(1.0, max(0.0, number))


def _over(colour, background, opacity: float) -> tuple:
    """The colour (r, g, b, alpha) as seen laid over the background (r, g, b) with the opacity."""
    alpha = colour[3] * opacity
    return tuple(c * alpha + b * (1 - alpha) for c, b in zip(colour[:3], background))


def _contrast(first, second) -> float:
    """WCAG's contrast ratio of two colours (r, g, b): 1 (the same) to 21 (black on white)."""
    def luminance(rgb) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _invisible_on_white(value: str) -> bool:
    colour = _colour(value)
    return isinstance(colour, tuple) and _contrast(_over(colour, WHITE, 1.0), WHITE) < MIN_CONTRAST


def _inline(element) -> list[tuple[str, Declaration]]:
    style = element.get("style")
    if not style:
        return []
    import tinycss2
    return [(name, Declaration(value, important, True, (1, 0, 0), 0))
            for name, value, important in _declarations(tinycss2.parse_blocks_contents(str(style)))]


def _declarations(nodes) -> list[tuple[str, str, bool]]:
    """The declarations among tinycss2's nodes that may hide text or set its colours (HIDING, COLOURING):
    (property, lower-case value, !important)."""
    import tinycss2
    out = []
    for node in nodes:
        if node.type == "declaration" and (node.lower_name in HIDING or node.lower_name in COLOURING):
            value = tinycss2.serialize(node.value).strip().lower()
            out.append((node.lower_name, value, node.important))
    return out


def _shown_media(media) -> bool:
    """Whether a media query (a <style>'s or <link>'s media attribute, @media's, @import's) holds on screen."""
    return media is None or str(media).strip().lower() in SHOWN_MEDIA


# An @import in an imported sheet: followed this deep, no more (a sheet importing itself).
MAX_IMPORT_DEPTH = 5


def _rules(soup, load) -> list[Rule]:
    """The rules of the page's <style> blocks and linked style sheets that may hide or show text, or set its
    colours, in the page's order."""
    import tinycss2
    rules: list[Rule] = []
    for element in soup.find_all(["style", "link"]):
        line = element.sourceline or 1
        if not _shown_media(element.get("media")):
            continue
        if element.name == "link":
            relations = [r.lower() for r in (element.get("rel") or [])]
            if "stylesheet" not in relations or "alternate" in relations or element.has_attr("disabled"):
                continue
            loaded = load(str(element.get("href", "")).strip(), None, line)
            if loaded is None:
                continue
            text, base = loaded
        else:
            if str(element.get("type", "text/css")).strip().lower() not in ("", "text/css"):
                continue        # not CSS: the browser does not apply it
            text, base = element.get_text(), None
        nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        for node in _applied(nodes, load, base, line, 0):
            declarations = _declarations(tinycss2.parse_blocks_contents(node.content))
            if declarations:
                rules += _compiled(tinycss2.serialize(node.prelude), declarations, line, len(rules))
    return rules


def _applied(nodes, load, base, line: int, depth: int):
    """The qualified rules that apply on screen: those at the top, inside @media screen / all and @supports, and
    those of the sheets an @import brings in (where they stand)."""
    import tinycss2
    for node in nodes:
        if node.type == "qualified-rule":
            yield node
        elif node.type != "at-rule":
            continue
        elif node.lower_at_keyword == "import" and depth < MAX_IMPORT_DEPTH:
            prelude = [t for t in node.prelude if t.type not in ("whitespace", "comment")]
            target = prelude[0] if prelude else None
            href = (target.value if target is not None and target.type in ("url", "string") else
                    tinycss2.serialize(target.arguments).strip(" '\"")
                    if target is not None and target.type == "function" and target.lower_name == "url" else "")
            if not href or not _shown_media(tinycss2.serialize(prelude[1:]) if len(prelude) > 1 else None):
                continue
            loaded = load(href, base, line)
            if loaded is not None:
                yield from _applied(tinycss2.parse_stylesheet(loaded[0], skip_comments=True, skip_whitespace=True),
                                    load, loaded[1], line, depth + 1)
        elif node.content is None:
            continue
        elif node.lower_at_keyword == "supports" or (
                node.lower_at_keyword == "media" and _shown_media(tinycss2.serialize(node.prelude))):
            yield from _applied(tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True),
                                load, base, line, depth)


def _compiled(prelude: str, declarations, line: int, order: int) -> list[Rule]:
    import cssselect
    import soupsieve
    rules = []
    for selector in _split(prelude):
        if not selector or NO_PAGE_TEXT.search(selector):
            continue
        hides = any((name in HIDING and HIDING[name](value)) or (name == "color" and _invisible_on_white(value))
                    for name, value, _ in declarations)
        try:
            compiled = soupsieve.compile(selector)
            specificity = max(s.specificity() for s in cssselect.parse(selector))
        except (soupsieve.SelectorSyntaxError, cssselect.SelectorError, NotImplementedError, ValueError):
            if hides:
                raise UnsureStyle(line, f"the page's style hides the elements chosen by '{selector[:60]}', a CSS "
                                        "selector this reader cannot match") from None
            continue        # a rule that only shows text it cannot match: what it shows is read anyway
        for name, value, important in declarations:
            rules.append(Rule(selector, compiled, line, name,
                              Declaration(value, important, False, specificity, order + len(rules)), _key(selector)))
    return rules


def _split(prelude: str) -> list[str]:
    """A rule's selectors: the prelude split at its commas, not those inside () or [] (`:is(.a, .b)`)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return [part.strip() for part in [*parts, prelude[start:]]]


COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
NESTED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _key(selector: str) -> tuple[str, str]:
    """What an element needs for the selector to match it, from its last compound (`div.menu > span#x` → id x):
    its id, else a class, else its tag; ("*", "") when it needs none of these (`[hidden]`, `*`, `:is(.a, .b)`).
    Only a way to find the rules worth trying on an element: soupsieve still matches the whole selector."""
    last = selector
    while (stripped := NESTED.sub("", last)) != last:       # what is inside () and [] is no key
        last = stripped
    last = COMBINATOR.split(last.strip())[-1]
    for kind, pattern in (("id", r"#(-?[_a-zA-Z\u0080-\uffff][\w\u0080-\uffff-]*)"),
                          ("class", r"\.(-?[_a-zA-Z\u0080-\uffff][\w\u0080-\uffff-]*)"),
                          ("tag", r"^([a-zA-Z][\w-]*)")):
        found = re.search(pattern, last)
        if found and "\\" not in last:
            return kind, found.group(1).lower()
    return "*", ""
