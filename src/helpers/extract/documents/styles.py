"""What a web page's own style hides from its reader: the elements the browser does not show.

A page hides text with its `hidden` attribute, an inline style (display:none, visibility:hidden, opacity:0,
font-size:0) or a rule of its
<style> blocks (.hide{display:none}): `2<span class="hide">9</span>0` shows 20, and was read as 290. The rules are
parsed with tinycss2, the selectors matched with soupsieve (Beautiful Soup's own) and ranked with cssselect, as
the browser's cascade ranks them: !important first, then an inline style, then its cascade layer (@layer), then the
more specific selector, then the later rule. A rule for a state of the page (:hover, :focus) matches nothing, as the
page is first shown. A rule inside a media query (@media, <style media>) applies on the devices its query holds on
(media.py): the page is read as a desktop's screen shows it (media.PRIMARY), and again as another device shows it
where its rules tell devices apart (PageStyle.use, other_media; what differs is a doubt: web._media_doubts). The
rules of @container, @scope, @starting-style and of an at-rule this reader does not know are taken as holding on
some devices only; the at-rules that hold no rule of the page's elements are passed over (NOT_THE_PAGES_RULES).

Text in the colour of what is behind it is unseen too (unseen_text): `2<span style="color:#fff">9</span>0` shows 20
on the white page. Each text's colour (`color`, inherited; <font color>) is laid over its background (the
`background-color` of the nearest element that sets one, <td bgcolor>; the white page when none does), with the
opacity of the elements it is in; a contrast ratio (WCAG's) under MIN_CONTRAST is text no reader can tell from its
background. White text on a dark cell is seen, and read; text on a background image cannot be judged, and is read.

A var() is worked out from the custom properties the page sets (_Cascade.custom_of, _substituted). A declaration
that may hide text or move it, whose value this reader cannot work out (a system colour, color-mix(), a filter, a 3-D
turn, a var() of an @property, a custom function: _cannot_work_out; an animation whose @keyframes set such a
property: _Cascade.animation), leaves the text it draws in doubt (PageStyle.unsure): a table
cell's figure so drawn stops the run at the cell (web._unsure_doubts).

Where the page's style cannot be read for sure (a selector hiding text that no reader here can match, or text
shown again inside hidden text by visibility:visible or a font size), the page is refused with the line named.
Style sheets in other files (<link rel="stylesheet">, @import) are read through the `load` the page's reader gives
(helpers.extract.documents.web: a file next to the page, never a web address).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace

from helpers.extract.documents import validity

# The length units of CSS (Values and Units 4): absolute, font-relative, viewport (vw … dvmax: the viewport of the
# device the page is read on, media.Medium) and container-relative (cqw …: a container's, or without one the
# viewport's; containers are not followed, so the viewport's).
VIEWPORT_UNITS = {"vw": ("width",), "vh": ("height",), "vi": ("width",), "vb": ("height",), "vmin": ("width", "height"),
                  "vmax": ("width", "height")}
VIEWPORT_UNITS |= {f"{kind}{unit}": axes for kind in ("s", "l", "d") for unit, axes in list(VIEWPORT_UNITS.items())}
VIEWPORT_UNITS |= {f"cq{unit[1:]}": axes for unit, axes in VIEWPORT_UNITS.items() if len(unit) <= 4 and unit[0] == "v"}
UNITS = sorted(["px", "pt", "em", "rem", "%", "pc", "mm", "cm", "in", "ex", "ch", "q", "rex", "rch", "ic", "ric",
                "lh", "rlh", "cap", "rcap", *VIEWPORT_UNITS], key=len, reverse=True)
ZERO = re.compile(rf"^[+-]?0*(?:\.0*)?({'|'.join(UNITS)})?$")   # (0*\.?0* took seconds over 0000…)
# Whether a value of these properties hides an element's text; any other value of the property shows it. The first
# two hide all an element holds; the last two are inherited, and a child may show itself again.
# ([0-9]+(?:\.[0-9]+)?|\.[0-9]+ is [0-9]*\.?[0-9]+, which shared a run of digits between its two parts: a length of
# 1,000 digits took 1.4 s, 10,000 two minutes)
LENGTH = re.compile(rf"^([+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e[+-]?[0-9]+)?)({'|'.join(UNITS)})?$")
# A length in CSS pixels, with em and % taken of the browser's 16 px: enough to tell a speck or a far move. The
# units of a font's own measures (lh, cap) are not worked out.
PIXELS = {"px": 1, "pt": 4 / 3, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96, "q": 96 / 101.6, "em": 16,
          "rem": 16, "ex": 8, "ch": 8, "rex": 8, "rch": 8, "ic": 16, "ric": 16, "%": 0.16, None: 1}
# The viewport (CSS pixels) of the device the page is read as shown on (media.PRIMARY: a desktop's screen).
DESKTOP = (1280.0, 800.0)


def _viewport_pixels(unit: str, viewport: tuple[float, float]) -> float | None:
    """One viewport unit (vw, vmin, cqh …) in CSS pixels on a viewport of (width, height)."""
    axes = VIEWPORT_UNITS.get(unit)
    if axes is None:
        return None
    sides = [viewport[0] if axis == "width" else viewport[1] for axis in axes]
    return (max(sides) if unit.endswith("max") else min(sides)) / 100


def _pixels(value: str, viewport: tuple[float, float] = DESKTOP) -> float | None:
    found = LENGTH.match(value.strip())
    if not found:
        return None
    unit = found.group(2)
    factor = PIXELS[unit] if unit in PIXELS else _viewport_pixels(unit, viewport)
    return None if factor is None else float(found.group(1)) * factor


def _tiny(value: str, viewport: tuple[float, float] = DESKTOP) -> bool:
    """A font size under 2 px (1.5 pt, as a PDF's text no reader sees): a 9 at 1 px between 2 and 0 shows as 20."""
    size = _pixels(value, viewport)
    return bool(ZERO.match(value)) or (size is not None and size < 2)


HIDING = {"display": lambda value: value == "none", "opacity": lambda value: bool(ZERO.match(value)),
          "visibility": lambda value: value in ("hidden", "collapse"),
          "font-size": _tiny,
          "content-visibility": lambda value: value == "hidden",
          "filter": lambda value: bool(re.search(r"opacity\(\s*[+-]?0*\.?0*%?\s*\)", value))}
INHERITED = ("visibility", "font-size")
# What sets the colour of text and what is behind it (unseen_text).
COLOURING = ("color", "background-color", "background", "background-image")
# Under this contrast ratio (WCAG's: 1 for text in its background's colour, 21 for black on white) no reader tells
# the text from what is behind it: white on white is 1.0, #f5f5f5 on white 1.09; the palest grey a page writes a
# figure in (#ccc on white) is 1.6.
MIN_CONTRAST = 1.2
COLOURS = (*COLOURING, "opacity", "-webkit-text-fill-color")
# What moves an element's text out of sight or clips it away (the tricks of text for screen readers only and of
# image replacement): position with a far offset, clip, clip-path, transform, text-indent, a box of no size with
# its overflow hidden. Read with display and position: most act only on a box, not on inline text.
BOXED = ("position", "left", "right", "top", "bottom", "transform", "translate", "clip", "clip-path", "text-indent",
         "width",
         "height", "max-width", "max-height", "overflow", "overflow-x", "overflow-y")
# What reorders a piece of text: a bidirectional override right to left, a flex box laid out in reverse.
REORDERING = ("unicode-bidi", "direction", "flex-direction")
# What may move a piece of a table cell's text out of the place the page stores it in (layout.moves).
MOVING = ("float", "margin", "margin-left", "margin-right", "margin-top", "margin-bottom", "margin-inline",
          "margin-inline-start", "margin-inline-end", "margin-block", "margin-block-start", "margin-block-end",
          "text-indent", "position", "left", "right", "top", "bottom", "inset", "inset-inline", "inset-inline-start",
          "inset-inline-end", "inset-block", "inset-block-start", "inset-block-end", "transform", "translate",
          "rotate", "scale", "order", "grid-row", "grid-column", "grid-area", "grid-row-start", "grid-row-end",
          "grid-column-start", "grid-column-end", "grid-auto-flow", "grid", "flex-wrap", "flex-flow", "direction",
          "writing-mode", "clip-path", "width", "height", "max-width", "max-height", "letter-spacing")
# Elements a browser shows inline unless told otherwise (their box takes no transform, size or text-indent).
INLINE_TAGS = {"span", "a", "b", "i", "em", "strong", "font", "small", "big", "sub", "sup", "u", "s", "del", "ins",
               "strike", "label", "code", "abbr", "q", "cite", "mark", "bdo", "bdi", "time", "var", "kbd", "samp",
               "dfn", "tt", "nobr", "acronym", "data", "output"}
FAR_PIXELS = 999
# What draws an element's text larger or smaller than its font size: CSS zoom, and on a box (not inline text) a
# transform's or `scale`'s factor (MAGNIFYING). A box is an element not shown inline, or one positioned or floated.
MAGNIFYING = ("zoom", "transform", "scale")
# The properties whose lengths decide whether and how large a digit is seen; in viewport units (vw …) that depends
# on the device (PageStyle.other_media).
SIZED = ("font-size", "font", *BOXED, "transform")
VIEWPORT_LENGTH = re.compile(r"[0-9.](?:[sld]?v(?:w|h|i|b|min|max)|cq(?:w|h|i|b|min|max))\b")
# What else may hide a digit or move it out of sight, in ways not worked out here: a filter (brightness(0)
# invert(1) draws black text white), a mask, a clip path, a 3-D turn (rotateX(90deg) shows the text edge-on). With
# the properties above, where a value of these is one this reader cannot work out (_cannot_work_out: a var() it
# cannot resolve, a system colour, color-mix()), a table cell's figure drawn by it is in doubt (PageStyle.unsure).
MASKS = ("mask", "mask-image", "-webkit-mask", "-webkit-mask-image", "mask-border", "-webkit-mask-box-image")
TRANSFORMING = ("transform", "rotate", "translate")
WHOLE = ("display", "visibility", "content-visibility", "opacity", "filter", "clip-path", *TRANSFORMING, *MASKS)
UNSURE_FAMILY = (*WHOLE, "color", "-webkit-text-fill-color", "background-color", "background", "background-image")
# What runs an animation (@keyframes): one whose keyframes set a property read here (opacity: 0, display: none,
# color …) may hide or show text as the page settles, which is not followed (a doubt: _Cascade.animation). Chromium
# 156 prints `.h {animation: k 1000s}` with `@keyframes k {from, to {opacity: 0}}`, and `animation: k 0s forwards`
# with `to {opacity: 0}`, with the .h hidden.
ANIMATING = ("animation", "animation-name", "-webkit-animation", "-webkit-animation-name")
READ = {*HIDING, *COLOURS, *BOXED, *REORDERING, *MAGNIFYING, *MOVING, *UNSURE_FAMILY, *ANIMATING, "content", "font"}
BLACK, WHITE = (0.0, 0.0, 0.0, 1.0), (1.0, 1.0, 1.0)
# Selectors of generated content or of a browser's own parts (scroll bars, placeholders): they hold no page text.
NO_PAGE_TEXT = re.compile(r"::|:(before|after|first-line|first-letter|selection|placeholder|marker|backdrop)\b|:-",
                          re.IGNORECASE)


# The displays whose element has no first letter or first line of its own (an inline <span>, a flex or grid box's
# text is its items'; the table's parts but a cell and a caption: PageStyle.drawn_first).
NO_FIRST_LETTER = {"inline", "contents", "none", "table", "inline-table", "flex", "inline-flex", "grid",
                   "inline-grid", "ruby", "ruby-text", "-webkit-flex", "-webkit-inline-flex"}

UNLAYERED, BELOW_ALL = (math.inf,), (-math.inf,)
# A cascade layer's name (`a`, `a.b`; `` for an anonymous one); the browser drops an @layer naming another.
LAYER_NAME = re.compile(r"^(?:(?:-?[_a-zA-Z\u0080-\uffff\\][\w\u0080-\uffff\\-]*)(?:\.-?[_a-zA-Z\u0080-\uffff\\]"
                        r"[\w\u0080-\uffff\\-]*)*)?$")


@dataclass(frozen=True)
class Declaration:
    """One declaration of a property in HIDING, and how it ranks in the cascade: !important first, then an inline
    style, then its cascade layer (`layer`: _Layers), then the more specific selector, then the later rule. `media`:
    the condition (its number in _Cascade.conditions) on the devices it applies on; 0 on all."""
    value: str
    important: bool
    inline: bool
    specificity: tuple[int, int, int]
    order: int
    layer: tuple = UNLAYERED
    media: int = 0

    @property
    def rank(self) -> tuple:
        # (an !important declaration of an earlier layer wins over a later layer's, and over one in no layer)
        layer = tuple(-step for step in self.layer) if self.important else self.layer
        return (self.important, self.inline, layer, self.specificity, self.order)


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
        quirks = _quirks(soup)
        sheets = _Sheets()
        self.cascade = _Cascade(_rules(soup, load or (lambda href, base, line: None), quirks, sheets), quirks,
                                sheets.conditions, sheets.registered, page=soup, keyframes=sheets.keyframes)
        self.cascade.not_too_much_matching(soup)
        self.cascade.generate(soup)
        # the rules with an item of :is() or :where() this reader cannot match, left out (validity.forgiven): (line,
        # the selector, the item). A browser that knows it may hide any element by it (web._hide: a doubt at each
        # table cell whose figure stands in pieces in separate elements)
        self.unmatched = sheets.unmatched

    def use(self, medium) -> None:
        """Read the page as the device `medium` (media.Medium) shows it from now on (media.PRIMARY at first)."""
        self.cascade.use(medium)

    def may_differ_by_device(self) -> bool:
        """Whether a rule inside a media query, or a size in viewport units, applies to any element the page's style
        was read for (after hidden_elements and font_sizes, every element)."""
        return bool(self.cascade.conditional) or self.cascade.viewport_units

    def other_media(self, elements) -> list:
        """The devices other than the primary (media.devices) on which the page's style may show the `elements`
        otherwise: those the media queries of the rules matching them or an element around them tell apart, and
        where a size or offset of theirs is in viewport units (vw …), each width apart. None where no such rule or
        size applies to them: the page shows them alike on every device."""
        from helpers.extract.documents.media import devices
        cascade = self.cascade
        numbers: set[int] = set()
        viewport = False
        for element in elements:
            found = cascade._all_matched(element)
            if id(element) in cascade.conditional:
                numbers |= {d.media for declarations in found.values() for d in declarations if d.media}
            viewport = viewport or any(VIEWPORT_LENGTH.search(d.value) for name in SIZED
                                       for d in found.get(name, ()))
        queries = list({query.text: query for number in sorted(numbers)
                        for query in cascade.conditions[number]}.values())
        if not queries and not viewport:
            return []
        return devices(queries, viewport)[1:]

    def rule_for(self, elements, medium) -> str:
        """The rule that makes the `elements` (a cell's, and the elements around it) show otherwise on the device
        `medium` than on the primary: one inside a media query that holds on one and not the other, or a size in
        viewport units. As the page writes it, with its line."""
        from helpers.extract.documents.media import PRIMARY
        cascade = self.cascade
        found = [(element, name, declaration) for element in elements
                 for name, declarations in cascade._all_matched(element).items() for declaration in declarations]
        found.sort(key=lambda each: each[1] in ("font-size", "font"))      # (what hides or shows text first)
        for element, name, declaration in found:
            condition = cascade.conditions[declaration.media]
            differs = declaration.media and (all(q.holds(PRIMARY) for q in condition) !=
                                             all(q.holds(medium) for q in condition))
            if differs or (name in SIZED and VIEWPORT_LENGTH.search(declaration.value)):
                rule = cascade.rule_of(declaration)
                written = f"{name.split(':')[-1]}: {declaration.value}" + (" !important" if declaration.important
                                                                             else "")
                if rule is None:
                    return f"the inline style '{written}' (line {element.sourceline or 1})"
                inside = " and ".join(query.text if query.text.startswith("@") else f"@media {query.text}"
                                      for query in condition if not query.text.startswith("selector("))
                return (f"the rule '{rule.selector} {{{written}}}'" + (f" inside {inside}" if inside else "")
                        + f" (line {rule.line})")
        return "the page's style"

    def hidden_elements(self, elements: list | None = None) -> list:
        """The elements of the page its style hides (display:none, visibility:hidden, opacity:0, font-size:0, the
        `hidden` attribute), outermost only, in document order. Raises UnsureStyle where that cannot be told. Of
        the `elements` alone where given (in document order, each with the elements around it)."""
        cascade = self.cascade
        hidden, removed = [], set()
        for element in self.soup.find_all(True) if elements is None else elements:   # a parent before its children
            if id(element) in removed or id(element.parent) in removed:
                removed.add(id(element))     # (its parent's mark passed down: not its every ancestor looked up)
                continue
            cascade.not_reordered(element)
            if element.name == "details" and not element.has_attr("open"):
                closed = _closed_details(self.soup, element)     # all but its summary: shown when opened
                cascade.page_changed()                              # (its text now in <span>s of its own)
                hidden += closed
                removed.update(id(child) for child in closed)
            if element.name == "dialog" and not element.has_attr("open"):
                hiding = ["dialog"]
            elif cascade.out_of_sight(element):
                hiding = ["out of sight"]
            elif not cascade.may_hide(element):
                continue
            else:
                hiding = [name for name in HIDING
                          if (found := cascade.winner(element, name)) and cascade.hides(name, found.value)]
            if not hiding:
                continue
            for name in set(hiding) & set(INHERITED):
                cascade.nothing_shown_again(element, name)
            hidden.append(element)
            removed.add(id(element))
        return hidden

    def drawn_first(self, element, sizes: dict) -> list[tuple[str, str, float | None, Declaration]]:
        """How ::first-letter and ::first-line rules draw the element's first letter and first line otherwise than
        the rest of its text on the device in use, where the element is a block container (they draw nothing of an
        inline <span>, a table or a table row, as in Chromium): for each, ('first-letter' or 'first-line', 'hidden',
        'moved' (out of its place: _moved_first) or 'sized', the share of the element's font size it is drawn at
        (None: not known), the declaration that decides). Hidden: a font size under 2 px, opacity 0, visibility
        hidden, or a colour no reader tells from what is behind it. `sizes`: each element's font size
        (font_sizes)."""
        cascade = self.cascade
        matched = cascade._matched(element)
        if not any(name.startswith(("first-letter:", "first-line:")) for name in matched):
            return []
        display = cascade.value(element, "display") or (
            "inline" if element.name in INLINE_TAGS else "table-cell" if element.name in ("td", "th") else "block")
        if display in NO_FIRST_LETTER or display.startswith("table-") and display not in ("table-cell",
                                                                                          "table-caption"):
            return []
        out = []
        for which in ("first-letter", "first-line"):
            own = {name[len(which) + 1:]: found for name, found in matched.items() if name.startswith(which + ":")
                   and (which == "first-letter" or not name.endswith(":opacity"))}
            if not own:
                continue
            size = sizes.get(id(element))
            sizing = self._winner_of_size(own)
            drawn = None
            if sizing is not None:
                value = sizing.value if sizing in own.get("font-size", ()) else _shorthand_size(sizing.value)
                drawn = _font_size(value, size, sizes.get(id(self.soup.find("html")), MEDIUM_PIXELS),
                                   cascade.viewport) if value else None
            visibility, opacity = cascade._winner_of(own, "visibility"), cascade._winner_of(own, "opacity")
            unseen = self._unseen_first(element, own)
            if visibility is not None and visibility.value in ("hidden", "collapse"):
                out.append((which, "hidden", 0.0, visibility))
            elif opacity is not None and ZERO.match(opacity.value):
                out.append((which, "hidden", 0.0, opacity))
            elif sizing is not None and (ZERO.match(sizing.value) or (drawn is not None and drawn < 2)):
                out.append((which, "hidden", 0.0, sizing))
            elif unseen is not None:
                out.append((which, "hidden", 0.0, unseen))
            elif (moving := self._moved_first(own) if which == "first-letter" else None) is not None:
                out.append((which, "moved", None, moving))
            elif sizing is not None:
                out.append((which, "sized", None if drawn is None or not size else drawn / size, sizing))
        return out

    def _moved_first(self, own: dict) -> Declaration | None:
        """The declaration of a ::first-letter rule (`own`) that may move its letter out of its place: a float
        to the right (or one that cannot be told), a negative or far margin (_shifts; of a letter not
        floated, only those along its line); else None."""
        cascade = self.cascade
        floating = cascade._winner_of(own, "float")
        floated = floating is not None and floating.value not in ("none", "initial", "unset")
        if floated and floating.value not in ("left", "inline-start"):
            return floating
        for name in MOVING_FIRST[1:]:
            found = cascade._winner_of(own, name)
            if found is not None and _shifts(found.value, cascade.viewport, name, inline=not floated):
                return found
        return None

    @staticmethod
    def _winner_of_size(matched: dict) -> Declaration | None:
        return _Cascade._winner_of(matched, "font-size", "font")

    def _unseen_first(self, element, own: dict) -> Declaration | None:
        """The declaration of a ::first-letter or ::first-line rule (`own`) that draws the element's first letter or
        line in the colour of what is behind it, where the rest of its text is seen; else None."""
        cascade = self.cascade
        if not any(name in own for name in COLOURS):
            return None
        colours = (BLACK, WHITE, 1.0)
        for each in [*reversed([parent for parent in element.parents if parent is not self.soup]), element]:
            colours = cascade.colours(each, *colours)
        first = cascade.colours(element, *colours, matched=own)

        def seen(colour, background, opacity) -> bool:
            if cascade.medium.type == "print":      # (as unseen_text: backgrounds not printed, light text darkened)
                colour, background = _printed(colour), WHITE
            return background is None or contrast(_over(colour, background, opacity), background) >= MIN_CONTRAST
        if seen(*first) or not seen(*colours):
            return None
        return cascade._winner_of(own, "color", "-webkit-text-fill-color") or cascade._winner_of(
            own, "background-color", "background", "opacity")

    def unsure(self, hidden: list, not_shown: set[str]) -> dict[int, str]:
        """The elements (by id) whose text may be hidden, or drawn unseen or out of sight, by a declaration whose
        value this reader cannot work out (_cannot_work_out: `display: var(--d)` where the var() cannot be
        resolved, `color: Canvas`, `filter: brightness(0) invert(1)`, `transform: rotateX(90deg)`), each with that
        declaration as the page writes it and why: what such text shows cannot be told, and it is not guessed.
        What hides all an element holds counts for all it holds; a text colour and background are inherited as
        the cascade inherits them (a colour of its own that is worked out ends its parent's doubt). Outside the
        `hidden` elements and those whose text is never shown (`not_shown`); nothing where no declaration of the
        page may be such (_Cascade.maybe_unsure)."""
        cascade = self.cascade
        if not cascade.maybe_unsure:
            return {}
        skipped = {id(element) for element in hidden}
        # each element's doubt: (from what acts on all it holds, its text colour, its text fill, its background);
        # the fill None where none is set
        state: dict[int, tuple] = {id(self.soup): ("", "", None, "", "canvastext", None)}   # (color's initial value)
        out: dict[int, str] = {}
        for element in self.soup.find_all(True):        # a parent before its children
            parent = state.get(id(element.parent))
            if parent is None or id(element) in skipped or element.name in not_shown:
                continue
            whole, colour, fill, background, text, behind = state[id(element)] = self._unsure_of(element, parent)
            if fill is None and behind in SYSTEM_PAIRS.get(text, ()):
                colour = background = ""    # a system colour on the one made for it: seen in every scheme
            if why := whole or (fill if fill is not None else colour) or background:
                out[id(element)] = why
        return out

    def _unsure_of(self, element, parent: tuple) -> tuple:
        """The element's doubts (unsure), from its parent's: what acts on all it holds, its text colour, its text
        fill (None where none is set) and its background; and the system colours of its text and of what is behind
        it ("" for another colour; None behind it where nothing is painted: the page's canvas)."""
        cascade = self.cascade
        whole, colour, fill, background, text, behind = parent
        matched = cascade._matched(element)
        if not any(name in matched for name in UNSURE_FAMILY) and not any(name in matched for name in ANIMATING):
            return parent
        for name in WHOLE:
            found = cascade._winner_of(matched, name)
            if found is not None and not whole and (name not in TRANSFORMING or cascade.boxed(element)) and (
                    why := _cannot_work_out(name, found.value)):
                whole = self._written(element, name, found, why)
        for name in ANIMATING:
            found = cascade._winner_of(matched, name)
            if found is not None and not whole and (why := cascade.animation(found.value)):
                whole = self._written(element, name, found, why)
        for name in ("color", "-webkit-text-fill-color"):
            found = cascade._winner_of(matched, name)
            if found is not None and found.value not in CSS_WIDE:
                why = _cannot_work_out(name, found.value)
                why = self._written(element, name, found, why) if why else ""
                colour, fill = (why, fill) if name == "color" else (colour, why)
                if name == "color":
                    text = found.value if found.value in SYSTEM_COLOURS else ""
        painting = cascade._winner_of(matched, "background", "background-color", "background-image")
        if painting is not None:
            name = next(n for n in ("background", "background-color", "background-image")
                        if painting in matched.get(n, ()))
            painted = _background_colour(painting.value, BLACK)
            if why := _cannot_work_out(name, painting.value):
                background = self._written(element, name, painting, why)
                behind = painting.value if painting.value in SYSTEM_COLOURS else ""
            elif _image(painting.value) or (painted is not None and painted[3] > 0):
                background, behind = "", ""     # (painted over what is behind: its doubt ends)
        return whole, colour, fill, background, text, behind

    def _written(self, element, name: str, declaration: Declaration, why: str) -> str:
        """The declaration as the page writes it, where, and why it cannot be worked out."""
        cascade = self.cascade
        rule = cascade.rule_of(declaration)
        declaration = cascade.as_written(declaration)
        written = f"{name}: {declaration.value}" + (" !important" if declaration.important else "")
        where = (f"the rule '{rule.selector} {{{written}}}' (line {rule.line})" if rule is not None else
                 f"the inline style '{written}' (line {element.sourceline or 1})" if declaration.inline else
                 f"the <{element.name}> element's colour '{declaration.value}' (line {element.sourceline or 1})")
        return f"{where}: {why}"

    def font_sizes(self, elements: list | None = None) -> dict[int, float | None]:
        """Each element's font size in CSS pixels (by its id), in document order from the page's medium (16 px):
        the same cascade that hides text sets the size, by an inline style or a style sheet's rule alike
        (_Cascade.font_size), drawn larger or smaller by zoom, transform and scale (_Cascade.magnification: a 9 at
        `zoom:0.5` or in an inline-block at `transform:scale(.3)` shows at half or a third of the size, and was read
        290). None where it cannot be told, and in what such an element holds. Of the `elements` alone where
        given (in document order, each with the elements around it)."""
        sizes: dict[int, float | None] = {id(self.soup): MEDIUM_PIXELS}
        drawn: dict[int, float | None] = {id(self.soup): 1.0}    # how much larger it is drawn (zoom, scale)
        root: float | None = MEDIUM_PIXELS
        for element in self.soup.find_all(True) if elements is None else elements:   # a parent before its children
            size = self.cascade.font_size(element, sizes.get(id(element.parent), MEDIUM_PIXELS), root)
            sizes[id(element)] = size
            drawn[id(element)] = self.cascade.magnification(element, drawn.get(id(element.parent), 1.0))
            if element.name == "html":
                root = size
        return {key: None if size is None or drawn[key] is None else size * drawn[key] for key, size in sizes.items()}

    def unseen_text(self, hidden: list, not_shown: set[str], elements: list | None = None) -> list:
        """The pieces of text (bs4 strings) the page shows in the colour of what is behind them, outside the
        `hidden` elements and the elements whose text is never shown (`not_shown`: script, template, …). Of the
        `elements` alone where given (in document order, each with the elements around it)."""
        from bs4 import NavigableString
        from bs4.element import PreformattedString
        skipped = {id(element) for element in hidden}
        # Each element's text colour (r, g, b, alpha), its background (r, g, b; None where an image is behind it)
        # and the opacity it is shown with: its parent's, unless it sets its own.
        shown = {id(self.soup): (BLACK, WHITE, 1.0)}
        seen: dict[tuple, bool] = {}        # whether text is seen, by its colours (most elements keep their parent's)
        printed = self.cascade.medium.type == "print"
        unseen = []
        for element in self.soup.find_all(True) if elements is None else elements:   # a parent before its children
            parent = shown.get(id(element.parent))
            if parent is None or id(element) in skipped or element.name in not_shown:
                continue
            colours = shown[id(element)] = self.cascade.colours(element, *parent)
            if colours not in seen:
                colour, background, opacity = colours
                if printed:         # backgrounds not printed, light text darkened (Chromium's default)
                    colour, background = _printed(colour), WHITE
                seen[colours] = background is None or contrast(_over(colour, background, opacity),
                                                                background) >= MIN_CONTRAST
            if seen[colours]:
                continue
            unseen += [child for child in element.children if isinstance(child, NavigableString)
                       and not isinstance(child, PreformattedString) and child.strip()]
        return unseen


def _closed_details(soup, details) -> list:
    """A closed <details>'s content, its first <summary> apart (text directly inside it wrapped in a <span>)."""
    from bs4 import NavigableString
    from bs4.element import PreformattedString
    summary = details.find("summary", recursive=False)
    closed = []
    for child in list(details.children):
        if child is summary:
            continue
        if isinstance(child, NavigableString) and not isinstance(child, PreformattedString) and child.strip():
            closed.append(child.wrap(soup.new_tag("span")))
        elif getattr(child, "name", None):
            closed.append(child)
    return closed


def hidden_elements(soup) -> list:
    """The elements of the page its <style> blocks and inline styles hide (PageStyle.hidden_elements)."""
    return PageStyle(soup).hidden_elements()


# How much matching a page's style may ask for, in steps: each selector's parts (_steps) on each element it is tried
# on (one with the id, class or tag it needs: _key). A plan's page asks for some thousands (the largest page of the
# tests, 20,000 elements and 900 selectors, 10,002); each step costs some 2-6 µs of processor time on a loaded
# machine, so at the limit a page's style is matched within some 2-6 s. Rules and elements multiply: 2,000 rules
# `td span:not([x1])` over 1,000 <span>s took 18 s, a chain of 300 descendant steps over 8,000 nested <span>s 19 s.
MAX_SELECTOR_STEPS = 1_000_000
SELECTOR_PART = re.compile(r"[\s>+~,(]+|[.#:\[]")


def _steps(selector: str) -> int:
    """A selector's parts, roughly what matching it on an element costs: its compound selectors and the simple
    selectors in them (`td span:not([x])` is 5: td, span, :not, (, [x])."""
    return 1 + len(SELECTOR_PART.findall(selector.strip()))


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
    rules and inline style found once. What applies is what applies on the device in use (`medium`: use()); the
    rules inside a media query are kept for every device, and sorted out for the one in use."""

    def __init__(self, rules: list[Rule], quirks: bool = False, conditions: list | None = None,
                 registered: set[str] | None = None, page=None, keyframes: dict | None = None):
        from helpers.extract.documents.media import PRIMARY
        self.quirks = quirks
        self.page = page                            # the page (its soup) the rules are matched in
        self._matcher = None                        # (_matches)
        self.conditions = conditions or [()]        # each condition: media.Query's that must all hold
        self.by_key: dict[tuple[str, str], list[Rule]] = {}
        for rule in rules:
            self.by_key.setdefault(rule.key, []).append(rule)
        self.rules = rules
        self.matched: dict[int, dict[str, list[Declaration]]] = {}
        self.conditional: set[int] = set()          # the elements a rule inside a media query matches
        # whether a size or offset is in viewport units (vw …): in a rule, or in an inline style met
        self.viewport_units = any((rule.property in SIZED or rule.property.startswith("--"))
                                  and VIEWPORT_LENGTH.search(rule.declaration.value) for rule in rules)
        # var(): the custom properties an @property registers (not worked out), the elements a declaration with a
        # var() applies to, and each declaration a var() was worked out in by the one written (rule_of)
        self.registered = registered or set()
        self.var_rules = any("var(" in rule.declaration.value for rule in rules
                             if not rule.property.startswith("--"))
        self.var_users: set[int] = set()
        self.original: dict[int, tuple[Declaration, Declaration]] = {}
        self.in_order: set[int] = set()             # the elements whose text no override reorders (not_reordered)
        # whether a declaration that may hide text or move it has a value this reader may not work out (unsure)
        self.maybe_unsure = any(_cannot_work_out(rule.property, rule.declaration.value) for rule in rules
                                if rule.property in UNSURE_FAMILY)
        # the @keyframes that set a property read here (name: what they set), and whether a rule runs one
        self.keyframes = keyframes or {}
        self.maybe_unsure = self.maybe_unsure or any(self.animation(rule.declaration.value) for rule in rules
                                                     if rule.property in ANIMATING)
        self.use(PRIMARY)

    def use(self, medium) -> None:
        """Read the page as shown on the device `medium` (media.Medium) from now on."""
        self.medium = medium
        self.viewport = (float(medium.width), float(medium.height))
        self.holding = [all(query.holds(medium) for query in condition) for condition in self.conditions]
        self.on_medium: dict[int, dict[str, list[Declaration]]] = {}
        self.customs: dict[int, dict] = {}          # each element's custom properties (custom_of), by its id
        self.resolved: dict[int, dict[str, list[Declaration]]] = {}     # its declarations, var() worked out

    def declarations(self, element, name: str) -> list[Declaration]:
        return list(self._matched(element).get(name, ()))

    def rule_of(self, declaration: Declaration) -> Rule | None:
        """The rule a declaration is of (None: an inline style's, or an HTML attribute's)."""
        if not hasattr(self, "_rule_of"):
            self._rule_of = {id(rule.declaration): rule for rule in self.rules}
        declaration = self.original.get(id(declaration), (None, declaration))[1]
        return self._rule_of.get(id(declaration))

    def as_written(self, declaration: Declaration) -> Declaration:
        """The declaration as the page writes it (display: var(--d), where the var() was worked out to none)."""
        return self.original.get(id(declaration), (None, declaration))[1]

    def _matched(self, element) -> dict[str, list[Declaration]]:
        """The declarations of each property that apply to the element on the device in use, each var() in their
        values worked out (_with_variables)."""
        found = self._on_medium(element)
        if id(element) not in self.var_users:
            return found
        if id(element) not in self.resolved:
            self.resolved[id(element)] = self._with_variables(element, found)
        return self.resolved[id(element)]

    def _on_medium(self, element) -> dict[str, list[Declaration]]:
        found = self._all_matched(element)
        if id(element) not in self.conditional:
            return found
        if id(element) not in self.on_medium:
            holding = self.holding
            self.on_medium[id(element)] = {name: kept for name, declarations in found.items()
                                           if (kept := [d for d in declarations if holding[d.media]])}
        return self.on_medium[id(element)]

    def custom_of(self, element) -> dict:
        """The element's custom properties on the device in use (--d: none), as CSS computes them: its own
        declarations' winners, each var() in them worked out, over those it inherits from its parent. Each value is
        text, None where it cannot be worked out (an @property registration; a var() too deep), or INVALID (a var()
        of a property not set, with no fallback)."""
        chain, node = [], element
        while node is not None and node.parent is not None and id(node) not in self.customs:
            chain.append(node)
            node = node.parent
        current = self.customs.get(id(node)) if node is not None else None
        if current is None:
            current = {name: None for name in self.registered}
        for each in reversed(chain):
            own = {name: max(found, key=lambda d: d.rank).value for name, found in self._on_medium(each).items()
                   if name.startswith("--") and name not in self.registered}
            if own:
                current = {**current, **own}
                cycled = _cycled(own)
                current.update((name, INVALID) for name in cycled)
                for name, value in own.items():
                    if name not in cycled:
                        current[name] = None if value == UNKNOWN_VALUE else _substituted(value, current)
            self.customs[id(each)] = current
        return current

    def _with_variables(self, element, found: dict) -> dict[str, list[Declaration]]:
        """The declarations with each var() worked out from the element's custom properties (custom_of): one whose
        var() names a property not set, without a fallback, or that is then no value of its property, is `unset`
        (CSS's invalid at computed-value time); one that cannot be worked out is kept as written (unsure)."""
        customs = self.custom_of(element)
        out = {}
        for name, declarations in found.items():
            if name.startswith("--") or not any("var(" in d.value for d in declarations):
                out[name] = declarations
                continue
            out[name] = []
            for declaration in declarations:
                value = _substituted(declaration.value, customs) if "var(" in declaration.value else declaration.value
                if value is None:
                    out[name].append(declaration)
                    continue
                value = " ".join(value.split()) if value is not INVALID else ""
                if not value or not _valid(name.split(":")[-1], value):
                    value = "unset"
                made = replace(declaration, value=value)
                self.original[id(made)] = (made, declaration)
                out[name].append(made)
        return out

    def _all_matched(self, element) -> dict[str, list[Declaration]]:
        """The declarations of each property that apply to the element on some device: its rules' (each selector
        matched once), its inline style's and its colour attributes'."""
        if id(element) not in self.matched:
            found: dict[str, list[Declaration]] = {}
            for tag_name, attribute in (pair for pairs in COLOUR_ATTRIBUTES.values() for pair in pairs):
                if element.name == tag_name and element.get(attribute):
                    name = "color" if attribute in ("color", "text") else "background-color"
                    found.setdefault(name, []).append(Declaration(_legacy_colour(str(element[attribute])), False,
                                                                  False, (0, 0, 0), -1, BELOW_ALL))
            matches: dict[int, bool] = {}
            for key in _keys(element):
                for rule in self.by_key.get(key, ()):
                    if id(rule.compiled) not in matches:
                        matches[id(rule.compiled)] = self._matches(rule.compiled, element)
                    if matches[id(rule.compiled)]:
                        found.setdefault(rule.property, []).append(rule.declaration)
                        if rule.declaration.media:
                            self.conditional.add(id(element))
            for name, declaration in _inline(element, self.quirks):
                found.setdefault(name, []).append(declaration)
                self._note_inline(element, name, declaration)
            if self.var_rules and id(element) not in self.var_users and any(
                    "var(" in d.value for name, declarations in found.items() if not name.startswith("--")
                    for d in declarations):
                self.var_users.add(id(element))
            self.matched[id(element)] = found
        return self.matched[id(element)]

    def _matches(self, compiled, element) -> bool:
        """Whether the element matches the selector (soupsieve's, compiled). One matcher for the whole page, kept
        from element to element: what it finds out on the way (each sibling's place among its parent's children
        for :nth-child() and the like, whether an ancestor or a sibling matches a part of the selector, what a
        :has() finds) is found once for the page. A matcher made for each element (soupsieve's compiled.match)
        counted an element's siblings again for each sibling: a cell of 2,000 <span>s and a rule
        `span:nth-last-child(n+1):nth-child(n+1)` took 26 s, and four times as many some 16 times as long.
        What it finds holds while the page stays as it is: page_changed() whenever an element or a text is put in.
        (soupsieve's CSSMatch, which its select() keeps over a page: every rule here is compiled alike, with no
        namespaces and no flags, so one serves them all. The page is its scope: :scope is the page's root, as in a
        browser's style sheet, not the element tried.)"""
        if self._matcher is None:
            from soupsieve.css_match import CSSMatch
            self._matcher = CSSMatch(compiled.selectors, self.page if self.page is not None else element,
                                     compiled.namespaces, compiled.flags)
        return bool(self._matcher.match_selectors(element, compiled.selectors))

    def not_too_much_matching(self, soup) -> None:
        """Refused before any rule is matched: a page whose rules ask for more than MAX_SELECTOR_STEPS steps of
        matching (_steps of each selector, on each element with the id, class or tag it needs), named with the
        rule that asks for the most, its line and how many elements it is tried on."""
        rules = {key: list({id(rule.compiled): rule for rule in found}.values()) for key, found in self.by_key.items()}
        weights = {key: sum(_steps(rule.selector) for rule in found) for key, found in rules.items()}
        tried: dict[tuple[str, str], int] = {}
        total = 0
        for element in soup.find_all(True):
            for key in _keys(element):
                if key in weights:
                    tried[key] = tried.get(key, 0) + 1
                    total += weights[key]
        if total <= MAX_SELECTOR_STEPS:
            return
        count, rule = max(((tried[key], rule) for key in tried for rule in rules[key]),
                          key=lambda each: each[0] * _steps(each[1].selector))
        raise UnsureStyle(rule.line, f"the page's style asks for {total:,} steps of matching its selectors on the "
                          f"page's elements (the rule '{rule.selector[:60]}' alone {count * _steps(rule.selector):,}, "
                          f"tried on {count:,} elements), far more than a plan's page does (the limit is "
                          f"{MAX_SELECTOR_STEPS:,}, MAX_SELECTOR_STEPS in helpers.extract.documents.styles)")

    def page_changed(self) -> None:
        """The page has changed (a text or an element put in): what the matcher found of it no longer holds."""
        self._matcher = None

    def _note_inline(self, element, name: str, declaration: Declaration) -> None:
        """What an inline style's declaration tells of the page: a size in viewport units, a var() to work out,
        a value that may not be worked out (unsure)."""
        if (name in SIZED or name.startswith("--")) and VIEWPORT_LENGTH.search(declaration.value):
            self.viewport_units = True
        if "var(" in declaration.value and not name.startswith("--"):
            self.var_users.add(id(element))
        if name in UNSURE_FAMILY and _cannot_work_out(name, declaration.value) or (
                name in ANIMATING and self.animation(declaration.value)):
            self.maybe_unsure = True

    def animation(self, value: str) -> str:
        """Why an `animation` or `animation-name` value runs keyframes that may hide or show text (`k`, whose
        @keyframes set opacity), or "" where it runs none."""
        if not self.keyframes or value in CSS_WIDE or value == "none":
            return ""
        import tinycss2
        for token in tinycss2.parse_component_value_list(value):
            name = token.value.lower() if token.type in ("ident", "string") else None
            if name in self.keyframes:
                return (f"an animation of the @keyframes '{name}', which set {', '.join(self.keyframes[name])}: "
                        "what it shows as the page settles is not followed here")
        return ""

    def may_hide(self, element) -> bool:
        """Whether anything could hide it: the `hidden` attribute, or a hiding declaration that applies to it."""
        matched = self._matched(element)
        return element.has_attr("hidden") or any(
            self.hides(name, d.value) for name in HIDING for d in matched.get(name, ()))

    def hides(self, name: str, value: str) -> bool:
        """Whether the value of a HIDING property hides an element's text on the device in use."""
        return _tiny(value, self.viewport) if name == "font-size" else HIDING[name](value)

    def winner(self, element, name: str) -> Declaration | None:
        found = self.declarations(element, name)
        if name == "display" and element.has_attr("hidden"):   # the browser's own [hidden]{display:none}: the least
            found.append(Declaration("none", False, False, (0, 0, 0), -1, BELOW_ALL))
        return max(found, key=lambda d: d.rank, default=None)

    def colours(self, element, colour, background, opacity, matched: dict | None = None) -> tuple:
        """The element's text colour, background and opacity, from its parent's (given); of its first letter or
        line from the element's own, where `matched` are the declarations of a ::first-letter or ::first-line
        rule (drawn_first)."""
        matched = self._matched(element) if matched is None else matched
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
        fill = self._winner_of(matched, "-webkit-text-fill-color")
        if fill is not None and isinstance(parsed := _colour(fill.value), tuple):
            colour = parsed             # painted over the text's colour (Chromium, WebKit)
        own_opacity = max(matched.get("opacity", ()), key=lambda d: d.rank, default=None)
        if own_opacity is not None:
            opacity *= _fraction(own_opacity.value)
        return colour, background, opacity

    @staticmethod
    def _winner_of(matched, *names: str) -> Declaration | None:
        return max((d for name in names for d in matched.get(name, ())), key=lambda d: d.rank, default=None)

    def value(self, element, name: str) -> str:
        found = self._winner_of(self._matched(element), name)
        return found.value if found is not None else ""

    def out_of_sight(self, element) -> bool:
        """Whether the element's box is moved out of sight or clipped away (BOXED): `position:absolute;
        left:-9999px`, `clip:rect(0,0,0,0)`, `transform:scale(0)`, `text-indent:-9999px`, `height:0;
        overflow:hidden` … A 9 so hidden between 2 and 0 shows as 20 (rendered by Chromium), and was read 290."""
        matched = self._matched(element)
        if not any(name in matched for name in BOXED):
            return False
        value = lambda name: self.value(element, name)                      # noqa: E731
        position = value("position")
        boxed = self.boxed(element)
        if position in ("absolute", "fixed", "relative", "sticky") and any(
                _far(value(side), self.viewport) for side in ("left", "right", "top", "bottom")):
            return True
        if position in ("absolute", "fixed") and _empty_rect(value("clip"), self.viewport):
            return True
        if _clipped_away(value("clip-path")):
            return True
        if not boxed:
            return False
        overflow = " ".join(value(name) for name in ("overflow", "overflow-x", "overflow-y"))
        hidden_overflow = any(word in overflow.split() for word in ("hidden", "clip", "scroll", "auto"))
        moved = value("translate")
        return _vanishing(value("transform"), self.viewport) or _far(value("text-indent"), self.viewport) or (
            moved not in ("", "none") and any(_far(part, self.viewport) for part in moved.split())) or (
            hidden_overflow and any((size := _pixels(value(name), self.viewport)) is not None and size <= 1
            for name in ("width", "height", "max-width", "max-height")))

    def boxed(self, element) -> bool:
        """Whether the element is a box (a transform, a size or text-indent acts on it), not inline text."""
        display = self.value(element, "display") or ("inline" if element.name in INLINE_TAGS else "block")
        return display not in ("inline", "contents") or self.value(element, "position") in ("absolute", "fixed") \
            or self.value(element, "float") in ("left", "right", "inline-start", "inline-end")

    def magnification(self, element, parent: float | None) -> float | None:
        """How much larger than its font size the element's text is drawn, from its parent's (given): its zoom, and
        on a box its transform's and `scale`'s vertical factor. None where it cannot be told (calc(), var(), a 3D
        matrix), and in what such an element holds."""
        matched = self._matched(element)
        if parent is None or not any(name in matched for name in MAGNIFYING):
            return parent
        factors = [_zoom(self.value(element, "zoom"))]
        if self.boxed(element):
            factors += [_transform_scale(self.value(element, "transform")), _scale(self.value(element, "scale"))]
        return None if None in factors else parent * math.prod(factors)

    def not_reordered(self, element) -> None:
        """Digits the browser shows in another order than the page stores them are refused: a right-to-left
        override (<bdo dir="rtl">02</bdo>, unicode-bidi: bidi-override; direction: rtl) shows 02 as 20, and a flex
        box in reverse (flex-direction: row-reverse) its pieces backwards; both were read 02. An element inside one
        whose text was found to hold no such digits holds none either (its text is a part of that one's): not read
        again (each of 8,000 nested <bdo dir="rtl">s read all the text inside it, 9 s; 4,000 took 2.8 s)."""
        if id(element.parent) in self.in_order:
            self.in_order.add(id(element))
            return
        matched = self._matched(element)
        if element.name != "bdo" and not any(name in matched for name in REORDERING):
            return
        override = (element.name == "bdo" and str(element.get("dir", "")).lower() == "rtl") or (
            self.value(element, "unicode-bidi") in ("bidi-override", "isolate-override")
            and (self.value(element, "direction") or str(element.get("dir", "")).lower()) == "rtl")
        reversed_box = self.value(element, "flex-direction").endswith("reverse") and \
            self.value(element, "display") in ("flex", "inline-flex")
        text = element.get_text().strip() if override or reversed_box else ""
        if len(text) > 1 and re.search(r"[0-9０-９]", text):
            raise UnsureStyle(element.sourceline or 1, f"the text '{text[:20]}' is shown in another order than the "
                              "page stores it (" + ("a right-to-left override" if override else
                                                    "a flex box in reverse") + ")")
        if override or reversed_box:
            self.in_order.add(id(element))

    def generate(self, soup) -> None:
        """The text of ::before and ::after rules (`content: "2"`) put where the browser shows it: a 2 so given
        before 0 shows as 20, and was read 0. An icon font's mark (a private-use character) is no text, and a
        counter's number in a table cell cannot be told: refused."""
        from bs4 import NavigableString
        self.inserted: set[int] = set()         # the ids of the texts put in
        if not self.generating:
            return
        # (every element matched before any text is put in: the rules match the page as it is, as in a browser,
        # where generated text is no part of the page's elements)
        texts = [(element, self.generated(element)) for element in soup.find_all(True)]
        for element, generated in texts:
            for which, text in zip(("before", "after"), generated):
                if text:
                    inserted = NavigableString(text)
                    self.inserted.add(id(inserted))
                    element.insert(0, inserted) if which == "before" else element.append(inserted)
        self.page_changed()

    @property
    def drawing_first(self) -> bool:
        """Whether a ::first-letter or ::first-line rule sets how its letter or line is drawn (DRAWING_FIRST)."""
        return any(rule.property.startswith(("first-letter:", "first-line:")) for rule in self.rules)

    @property
    def generating(self) -> bool:
        """Whether a ::before or ::after rule writes text (`content`)."""
        return any(rule.property.startswith(("before:", "after:")) for rule in self.rules)

    def generated(self, element) -> tuple[str, str]:
        """The text ::before and ::after rules write before and after the element, on the device in use."""
        matched = self._matched(element)
        found = [self._winner_of(matched, f"{which}:content") for which in ("before", "after")]
        return tuple(_generated(each.value, element) if each is not None else "" for each in found)

    def font_size(self, element, parent: float | None, root: float | None) -> float | None:
        """The element's font size in CSS pixels, from its parent's and the root's (None: not known), as the
        browser's cascade sets it: its inline style and the page's style sheets (font-size, or the size in a `font`
        shorthand), ranked as for hiding, else what its tag sets (<small>, <big>, <font size>). None where it
        cannot be told (calc(), var(), a system font)."""
        matched = self._matched(element)
        size = self._winner_of(matched, "font-size")
        shorthand = self._winner_of(matched, "font")
        if shorthand is not None and (size is None or shorthand.rank > size.rank):
            return _font_size(_shorthand_size(shorthand.value), parent, root, self.viewport)
        return _tag_font_size(element, parent) if size is None else _font_size(size.value, parent, root,
                                                                                self.viewport)

    def nothing_shown_again(self, element, name: str) -> None:
        """visibility:hidden and font-size:0 are inherited, and a child may show itself again (visibility:visible,
        a font size of its own): the browser shows that child's text inside the hidden element. Not guessed:
        refused. (What is inside a child found to hold no text holds none either: not read again, as each of 4,000
        nested <span style="visibility:visible">s without text read all inside it, 2.8 s.)"""
        empty: set[int] = set()
        for child in element.find_all(True):
            if id(child.parent) in empty:
                empty.add(id(child))
                continue
            shown = self.winner(child, name)
            if shown is None or self.hides(name, shown.value):
                continue
            text = child.get_text().strip()
            if not text:
                empty.add(id(child))
                continue
            raise UnsureStyle(child.sourceline or element.sourceline or 1,
                              f"text ('{text[:20]}') is shown again ({name}: {shown.value}) "
                              f"inside text the page's style hides ({name}: {self.winner(element, name).value})")


# Font sizes: the keywords against the browser's medium (16 px), <small> and `smaller` as browsers draw them (about
# 5/6 of the parent's), <font size="1"> to "7" in pixels (HTML's table).
MEDIUM_PIXELS = 16.0
SMALLER = 5 / 6
SIZE_KEYWORDS = {"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24,
                 "xx-large": 32, "xxx-large": 48}
FONT_TAG_SIZES = {1: 10, 2: 13, 3: 16, 4: 18, 5: 24, 6: 32, 7: 48}
# The browser's own style sheet (Chromium's html.css): the headings' sizes, in em of the parent's.
HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
# Text in the browser's monospace font (<code>, <kbd> …) at the default size is set at 13 px, not 16 (Chromium).
MONOSPACE = {"code", "kbd", "samp", "tt", "pre", "listing", "xmp", "plaintext"}
MONOSPACE_PIXELS = 13.0


def _tag_font_size(element, parent: float | None) -> float | None:
    """The size an element's tag gives its text where no style sets one (the browser's own style sheet, checked in
    Chromium): <small> and <big> a step from the parent's, <font size> one of HTML's seven, a heading its share of
    the parent's (<h6> 0.67 em), <code> and the other monospace tags 13 px where the parent's is the default 16;
    else the parent's."""
    if parent is not None and element.name in HEADING_EM:
        return parent * HEADING_EM[element.name]
    if element.name in MONOSPACE and parent == MEDIUM_PIXELS:
        return MONOSPACE_PIXELS
    if element.name in ("small", "big"):
        return None if parent is None else parent * (SMALLER if element.name == "small" else 1 / SMALLER)
    if element.name == "font" and str(element.get("size", "")).strip():
        written = str(element["size"]).strip()
        try:
            step = 3 + int(written) if written[:1] in "+-" else int(written)
        except ValueError:
            return parent
        return float(FONT_TAG_SIZES[min(7, max(1, step))])
    return parent


def _font_size(value: str, parent: float | None, root: float | None,
               viewport: tuple[float, float] = DESKTOP) -> float | None:
    """A font-size value in CSS pixels: a keyword, smaller/larger, a length (em and % of the parent's size, rem of
    the root's, vw and the other viewport units of the `viewport`), inherit; None where it cannot be told (calc(),
    var(), lh and cap, which depend on the font, a typo)."""
    value = value.strip()
    if value in ("inherit", "unset"):
        return parent
    if value == "initial":
        return MEDIUM_PIXELS
    if value in SIZE_KEYWORDS:
        return float(SIZE_KEYWORDS[value])
    if value in ("smaller", "larger"):
        return None if parent is None else parent * (SMALLER if value == "smaller" else 1 / SMALLER)
    found = LENGTH.match(value)
    if not found or found.group(1).startswith("-"):
        return None
    number, unit = float(found.group(1)), found.group(2)
    if unit in ("em", "%"):
        return None if parent is None else parent * number / (100 if unit == "%" else 1)
    if unit == "rem":
        return None if root is None else root * number
    if unit in ("ex", "ch", "ic"):
        return None if parent is None else parent * number * (1 if unit == "ic" else 0.5)
    if unit in ("rex", "rch", "ric"):
        return None if root is None else root * number * (1 if unit == "ric" else 0.5)
    if unit in VIEWPORT_UNITS:
        return number * _viewport_pixels(unit, viewport)
    return number * PIXELS[unit] if (unit in PIXELS and unit is not None) or number == 0 else None


def _shorthand_size(value: str) -> str:
    """The size in a `font` shorthand (`italic 12px/1.5 serif` → 12px), or "" (a system font: not told)."""
    for word in value.split():
        size = word.split("/")[0]
        if size in SIZE_KEYWORDS or size in ("smaller", "larger") or ((found := LENGTH.match(size))
                                                                         and (found.group(2) is not None
                                                                              or ZERO.match(size))):
            return size         # (a number without a unit is a weight, `bold 700 12px serif`, but for 0, which no
            #                     weight is: `font: 0/0 a` sets no size, and hides, as in Chromium)
    return ""


@functools.lru_cache(maxsize=4096)
def _colour(value: str):
    """A CSS colour as (r, g, b, alpha), each 0-1; 'currentcolor'; or None (not a colour: inherit, a typo). Kept
    for each value (a page's cells share a few colours, and tinycss2 reads one in some 0.1 ms)."""
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


def contrast(first, second) -> float:
    """WCAG's contrast ratio of two colours (r, g, b): 1 (the same) to 21 (black on white)."""
    def luminance(rgb) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _printed(colour) -> tuple:
    """The colour Chromium prints text in where it prints no backgrounds (its default): a light colour darkened,
    as for white paper (Color::Dark in TextColorForWhiteBackground: white prints #ababab); alpha kept."""
    red, green, blue, alpha = colour
    if sum((255 * (1 - c)) ** 2 for c in (red, green, blue)) > 65025:
        return colour
    brightest = max(red, green, blue)
    factor = max(0.0, (brightest - 0.33) / brightest) if brightest else 0.0
    return (red * factor, green * factor, blue * factor, alpha)


def _invisible_on_white(value: str) -> bool:
    colour = _colour(value)
    return isinstance(colour, tuple) and contrast(_over(colour, WHITE, 1.0), WHITE) < MIN_CONTRAST


def _inline(element, quirks: bool) -> list[tuple[str, Declaration]]:
    style = element.get("style")
    if not style:
        return []
    import tinycss2
    return [(name, Declaration(value, important, True, (1, 0, 0), order))      # the later of a property's two wins
            for order, (name, value, important) in
            enumerate(_declarations(_parsed(tinycss2.parse_blocks_contents, str(style), element.sourceline or 1),
                                    quirks))]


def _parsed(parse, css: str, line: int, **options):
    """tinycss2's `parse` of the page's CSS. tinycss2 reads an integer with Python's int(), which refuses more than
    4,300 digits (a ValueError, not a CSS error): such a page is refused at its line, never a traceback."""
    try:
        return parse(css, **options)
    except ValueError as exc:
        if isinstance(exc, UnsureStyle):
            raise
        raise UnsureStyle(line, "the page's style holds a number of more than 4,300 digits, which cannot be read "
                                "(as a size, a colour or anything else)") from None


def _declarations(nodes, quirks: bool) -> list[tuple[str, str, bool]]:
    """The declarations among tinycss2's nodes that may hide text or set its colours (HIDING, COLOURING):
    (property, lower-case value, !important), in their order. One the browser drops as invalid (_valid) is left
    out: in `display:none;display:nonee` the first still hides. On a page in quirks mode (_quirks) a colour
    without its # is the colour (color:ffffff is white there, and nothing on a page of today's doctype), and a font
    size without its unit is in pixels (font-size:8 is 8 px there, and dropped on a page of today's doctype)."""
    import tinycss2
    out = []
    for node in nodes:
        if node.type == "declaration" and node.name.startswith("--"):
            # a custom property (--d: none), for var() (_Cascade.custom_of). Its name is told apart by case, and
            # the values here are in lower case (var(--D) is var(--d)): one not written in lower case is not read,
            # and a var() of its name in lower case cannot be worked out
            value = tinycss2.serialize(node.value).strip().lower()
            lower = node.name.lower()
            out.append((lower, value if node.name == lower else UNKNOWN_VALUE, node.important))
        elif node.type == "declaration" and node.lower_name in READ:
            value = tinycss2.serialize(node.value).strip().lower()
            if quirks and node.lower_name in ("color", "background-color") and HASHLESS.match(value):
                value = f"#{value}"
            if node.lower_name == "font-size" and (found := LENGTH.match(value)) and found.group(2) is None \
                    and float(found.group(1)) != 0:
                if not quirks:
                    continue        # a size without its unit: dropped, as the browser drops it
                value += "px"       # in quirks mode, pixels (Chromium, in an inline style and a style sheet)
            if _valid(node.lower_name, value):
                out.append((node.lower_name, value, node.important))
    return out


# The values a browser keeps of the properties whose winner decides whether a digit is seen; it drops any other
# value, and the property's earlier declaration stands (Chromium 2026: `display:none;display:nonee` hides,
# `color:white;color:blak` is white, `font-size:6px;font-size:-3px` is 6px). CSS-wide keywords, var() and math
# functions are kept for every property, and the properties not here are not checked.
CSS_WIDE = {"inherit", "initial", "unset", "revert", "revert-layer"}
DISPLAY_ONE = {"none", "contents", "inline", "block", "run-in", "flow", "flow-root", "table", "flex", "grid", "ruby",
               "list-item", "math", "inline-block", "inline-table", "inline-flex", "inline-grid", "table-row-group",
               "table-header-group", "table-footer-group", "table-row", "table-cell", "table-column-group",
               "table-column", "table-caption", "ruby-text", "-webkit-box", "-webkit-inline-box", "-webkit-flex",
               "-webkit-inline-flex"}
DISPLAY_PARTS = {"inline", "block", "run-in", "flow", "flow-root", "table", "flex", "grid", "ruby", "list-item",
                 "math"}
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e[+-]?[0-9]+)?%?$")
FUNCTIONS = ("var(", "calc(", "min(", "max(", "clamp(", "env(", "attr(")
# A call of a custom function (@function --h() { result: none }: `display: --h()`), which Chromium 156 applies (the
# .h hidden) and this reader does not work out (_cannot_work_out); it was dropped as no value of display.
CUSTOM_FUNCTION = re.compile(r"(?<![\w-])--[\w\u0080-\uffff-]*\(")
SYSTEM_FONTS = {"caption", "icon", "menu", "message-box", "small-caption", "status-bar"}


HASHLESS = re.compile(r"^(?:[0-9a-f]{3}|[0-9a-f]{6})$")
# The doctypes a browser shows in quirks mode (HTML's list, in short): none, the HTML 2 and 3 ones, and HTML 4
# Transitional or Frameset without the address of its DTD, as many older government pages write it.
QUIRKS_DOCTYPE = re.compile(r"dtd html [23]|-//ietf//|-//netscape|-//microsoft|-//w3o//|-//webtechs//")


def _quirks(soup) -> bool:
    """Whether the browser shows the page in quirks mode, where it reads a colour written without its #."""
    from bs4 import Doctype
    doctype = next((item for item in soup.contents if isinstance(item, Doctype)), None)
    if doctype is None:
        return True
    text = " ".join(str(doctype).lower().split())
    if text == "html":
        return False
    return not text.startswith("html") or bool(QUIRKS_DOCTYPE.search(text)) or (
        "http" not in text and ("transitional" in text or "frameset" in text))


# var(): a reference to a custom property (var(--d) or var(--d, fallback)), and the names referred to.
VAR = re.compile(r"(?<![\w-])var\(")
VAR_NAME = re.compile(r"(?<![\w-])var\(\s*(--[\w\u0080-\uffff-]*)")
CUSTOM_NAME = re.compile(r"(--[\w\u0080-\uffff-]*)\s*:")
UNKNOWN_VALUE = "\x00"      # a custom property's value not read (its name not in lower case)
INVALID = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()    # a var() of nothing, and no fallback
MAX_VAR_DEPTH = 20          # var()s within var()s followed this deep (a cycle is never worked out)
MAX_VAR_LENGTH = 10_000     # a value var()s make longer than this is not worked out (--a: var(--b) var(--b) …)


def _substituted(value: str, customs: dict, depth: int = 0):
    """The value with each var() replaced by its custom property's value (`customs`: _Cascade.custom_of) or its
    fallback: text; INVALID where a var() names a property not set (or set to one that is INVALID) and gives no
    fallback (the declaration is invalid at computed-value time); None where it cannot be worked out."""
    if depth > MAX_VAR_DEPTH:
        return None
    out, at, length = [], 0, 0
    for found in VAR.finditer(value):
        if found.start() < at:
            continue                    # (a var() inside the fallback of one replaced)
        end = _closing(value, found.end())
        if end is None:
            return None
        name, comma, fallback = value[found.end():end].partition(",")
        got = customs.get(name.strip(), INVALID)
        if got is None:
            return None
        if got is not INVALID and "var(" in got:
            got = _substituted(got, customs, depth + 1)
            if got is None:
                return None
        if got is INVALID:
            if not comma:
                return INVALID
            got = _substituted(fallback.strip(), customs, depth + 1)
            if got is None or got is INVALID:
                return got
        out += [value[at:found.start()], got]
        length += found.start() - at + len(got)
        at = end + 1
        if length > MAX_VAR_LENGTH:
            return None
    out.append(value[at:])
    return "".join(out)


def _cycled(own: dict) -> set[str]:
    """The custom properties an element sets (`own`: name → value as written) that stand in a cycle of var()s among
    them (`--a: var(--b); --b: var(--a)`, `--a: var(--a)`; a fallback's var() counts): CSS makes each invalid at
    computed-value time, as if not set (Chromium 156: `display: var(--a, none)` then hides, `display: var(--a)` is
    unset)."""
    edges = {name: [n for n in dict.fromkeys(VAR_NAME.findall(value)) if n in own and own[n] != UNKNOWN_VALUE]
             for name, value in own.items() if value != UNKNOWN_VALUE and "var(" in value}
    return {name for component in _components(edges)
            if len(component) > 1 or component[0] in edges.get(component[0], ()) for name in component}


def _components(edges: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of the graph (Tarjan's), without recursion (a theme sets hundreds)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for start in edges:
        work = [] if start in index else [(start, 0)]
        while work:
            name, at = work.pop()
            if at == 0:
                index[name] = low[name] = len(index)
                stack.append(name)
                on_stack.add(name)
            following = edges.get(name, [])
            if at < len(following):
                work.append((name, at + 1))
                if following[at] not in index:
                    work.append((following[at], 0))
                elif following[at] in on_stack:
                    low[name] = min(low[name], index[following[at]])
                continue
            if low[name] == index[name]:
                out.append(stack[stack.index(name):])
                del stack[stack.index(name):]
                on_stack.difference_update(out[-1])
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[name])
    return out


def _closing(value: str, start: int) -> int | None:
    """Where the parenthesis opened before `start` closes, or None."""
    depth = 1
    for at in range(start, len(value)):
        depth += (value[at] == "(") - (value[at] == ")")
        if depth == 0:
            return at
    return None


# The system colours (CSS Color 4, and those it keeps for old pages): the browser's and the system's, which this
# reader does not know (Canvas is white on a light screen and black in dark mode); and the colour functions it does
# not work out (color-mix(), light-dark(), a relative colour: rgb(from white r g b)).
SYSTEM_COLOURS = {name.lower() for name in (
    "AccentColor AccentColorText ActiveText ButtonBorder ButtonFace ButtonText Canvas CanvasText Field FieldText "
    "GrayText Highlight HighlightText LinkText Mark MarkText SelectedItem SelectedItemText VisitedText ActiveBorder "
    "ActiveCaption AppWorkspace Background ButtonHighlight ButtonShadow CaptionText InactiveBorder InactiveCaption "
    "InactiveCaptionText InfoBackground InfoText Menu MenuText Scrollbar ThreeDDarkShadow ThreeDFace "
    "ThreeDHighlight ThreeDLightShadow ThreeDShadow Window WindowFrame WindowText").split()}
# The system colours made to be read on one another (CSS Color 4: CanvasText on Canvas, FieldText on Field …): in
# every scheme (light, dark, forced colours) the browser keeps them apart. Text in such a colour on its own (None:
# on the page's canvas, nothing painted behind it) is seen wherever it is shown.
SYSTEM_PAIRS = {"canvastext": {"canvas", None}, "linktext": {"canvas", None}, "visitedtext": {"canvas", None},
                "activetext": {"canvas", None}, "fieldtext": {"field"}, "buttontext": {"buttonface"},
                "highlighttext": {"highlight"}, "selecteditemtext": {"selecteditem"}, "marktext": {"mark"},
                "accentcolortext": {"accentcolor"}}
COLOUR_FUNCTIONS = ("rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix",
                    "light-dark", "contrast-color", "device-cmyk")
COLOUR_FUNCTION = re.compile(rf"^(?:{'|'.join(COLOUR_FUNCTIONS)})\(.*\)$", re.DOTALL)
# The transforms that turn text in 3-D (edge-on at 90 degrees, its back shown at 180, where backface-visibility
# may hide it) or skew it: how they draw a digit is not worked out.
TURNING = re.compile(r"(?<![a-z0-9])(rotatex|rotatey|rotate3d|matrix3d|perspective|skew|skewx|skewy)\(")
# CSS's filter functions (Filter Effects 1): a filter of any other (IE's alpha(opacity=0), progid:…, which old
# sites still write) is dropped by the browser, and the earlier declaration stands.
FILTER_FUNCTIONS = {"blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity",
                    "saturate", "sepia", "url"}


def _filter_functions(value: str) -> list[str] | None:
    """The names of a filter's functions in order (url for url()), or None where it is no list of functions."""
    import tinycss2
    names = []
    for token in tinycss2.parse_component_value_list(value):
        if token.type in ("whitespace", "comment"):
            continue
        if token.type not in ("function", "url"):
            return None
        names.append(token.lower_name if token.type == "function" else "url")
    return names


# Filters that keep text seen as its colours are judged (opacity(0) hides: HIDING; grayscale keeps the contrast of
# WCAG's luminance, near enough), and one that only adds to it.
KEEPING_FILTERS = {"opacity", "drop-shadow", "grayscale"}


def _unknown_colour(value: str) -> bool:
    """A colour the browser may take (a system colour, a colour function) that this reader does not work out."""
    return value in SYSTEM_COLOURS or bool(COLOUR_FUNCTION.match(value))


@functools.lru_cache(maxsize=4096)
def _cannot_work_out(name: str, value: str) -> str:
    """Why the value of a property of UNSURE_FAMILY is one this reader cannot work out, or "" where it can."""
    if value in CSS_WIDE or name not in UNSURE_FAMILY:
        return ""
    if "var(" in value or CUSTOM_FUNCTION.search(value):
        return "a custom function (@function), which this reader does not work out" if CUSTOM_FUNCTION.search(
            value) else "a custom property (var()) this reader cannot work out (one an @property registers, or " \
            f"var()s nested more than {MAX_VAR_DEPTH} deep or long)"
    if any(function in value for function in FUNCTIONS):
        return "a value computed by calc(), env() or attr(), which this reader does not work out"
    if name in ("color", "-webkit-text-fill-color", "background-color"):
        return "a colour this reader cannot work out (a system colour, color-mix(), light-dark(), a relative " \
               "colour …)" if _colour(value) is None else ""
    if name == "background":
        import tinycss2
        unknown = any((token.type == "ident" and token.lower_value in SYSTEM_COLOURS) or (
            token.type == "function" and token.lower_name in COLOUR_FUNCTIONS and _colour(
                tinycss2.serialize([token])) is None) for token in tinycss2.parse_component_value_list(value))
        return "a colour this reader cannot work out (a system colour, color-mix(), light-dark() …)" if unknown \
            else ""
    if name == "filter":
        used = set(_filter_functions(value) or ())
        return "" if value == "none" or (used and used <= KEEPING_FILTERS) else \
            "a filter (brightness(), invert() …) whose effect on the text this reader does not work out"
    if name in MASKS:
        return "" if value == "none" else "a mask, which this reader does not work out"
    if name == "clip-path":
        return "" if value == "none" or _clipped_away(value) else \
            "a clip path, which this reader does not work out"
    if name == "transform":
        return "a transform that turns it in 3-D or skews it, which this reader does not work out" \
            if TURNING.search(value) else ""
    if name == "rotate":
        return "" if value == "none" or len(value.split()) == 1 else \
            "a turn in 3-D, which this reader does not work out"
    if name == "translate":
        return "" if value == "none" or len(value.split()) <= 2 else \
            "a move in 3-D, which this reader does not work out"
    return ""


def _valid(name: str, value: str) -> bool:
    if value in CSS_WIDE or any(function in value for function in FUNCTIONS) or CUSTOM_FUNCTION.search(value):
        return True
    words = value.split()
    if name == "display":
        return (len(words) == 1 and value in DISPLAY_ONE) or (
            1 < len(words) <= 3 and len(set(words)) == len(words) and set(words) <= DISPLAY_PARTS)
    if name in ("visibility", "content-visibility"):
        return value in (("visible", "hidden", "collapse") if name == "visibility" else ("visible", "auto", "hidden"))
    if name == "opacity":
        return bool(NUMBER.match(value))
    if name == "font-size":
        found = LENGTH.match(value)
        return value in SIZE_KEYWORDS or value in ("smaller", "larger", "math") or bool(
            found and not found.group(1).startswith("-"))       # (a bare number: made pixels or dropped before)
    if name == "font":
        size = _shorthand_size(value)
        return value in SYSTEM_FONTS or bool(size) and words[-1].split("/")[0] != size   # a family after the size
    if name in ("color", "-webkit-text-fill-color", "background-color"):
        return _colour(value) is not None or _unknown_colour(value)     # (the latter: unsure)
    if name == "filter":
        return value == "none" or set(_filter_functions(value) or {"none"}) <= FILTER_FUNCTIONS
    return True


class _Sheets:
    """What the rules of the page's style sheets are read with: the media conditions they stand in (each a tuple of
    media.Query's that must all hold: a <style media>, an @import's, nested @media; number 0 none) and the cascade
    layers, in the order the page names them (CSS Cascade Layers): a rule in no layer wins over a layer's, a later
    layer's over an earlier one's (for !important the other way round), and a layer's own rules over those of the
    layers inside it."""

    def __init__(self):
        self.conditions: list[tuple] = [()]
        self.numbers: dict[tuple[str, ...], int] = {(): 0}
        self.queries: dict[str, object] = {}
        self.layers: dict[tuple[str, ...], int] = {}     # a layer's path (a.b: ("a", "b")) → its place among its kin
        self.anonymous = 0
        self.registered: set[str] = set()     # the custom properties an @property registers (their var() not read)
        self.keyframes: dict[str, list[str]] = {}    # the @keyframes that set a property read here: what they set
        self.unmatched: list[tuple[int, str, str]] = []     # (line, selector, item) of :is() items not matched

    def condition(self, outer: int, media: str | None) -> int | None:
        """The condition of `outer`'s and the query `media`; None where the query holds on no device (`speech`,
        `not all`, a query the browser drops as invalid would be: those this reader cannot read are kept)."""
        from helpers.extract.documents.media import Query
        text = " ".join((media or "").split())
        if not text or text.lower() == "all":
            return outer
        query = self.queries.setdefault(text, Query(text))
        if query.never:
            return None
        outer_texts = tuple(q.text for q in self.conditions[outer])
        texts = outer_texts if text in outer_texts else (*outer_texts, text)       # (outermost first)
        if texts not in self.numbers:
            self.numbers[texts] = len(self.conditions)
            self.conditions.append(tuple(self.queries[t] for t in texts))
        return self.numbers[texts]

    def supported(self, outer: int, holds: bool | None, prelude: str) -> int | None:
        """The condition of `outer`'s and an @supports whose condition `holds` (validity.supports): `outer`'s where
        it holds, None where it does not, and where this reader cannot tell, one that holds on some devices only
        (as a media query it cannot evaluate): where that changes a figure, the figure is in doubt."""
        if holds is None:
            return self.condition(outer, f"@supports {' '.join(prelude.split())}")
        return outer if holds else None

    def kept(self, outer: int, prelude, relative: bool = False) -> int | None:
        """The condition a rule with the selector list `prelude` (tinycss2 tokens) applies on: `outer`'s; None where
        one of its selectors is invalid (the browser drops the rule: `.h, ::nonsense-x {…}`); where this reader
        cannot tell whether the browser knows one of them, one that holds on some devices only (the browser keeps
        the rule there), as for @supports."""
        found, which = validity.selector_list(prelude, relative)
        if found == validity.VALID:
            return outer
        if found == validity.INVALID:
            return None
        return self.condition(outer, f"selector({' '.join(which.split())})")

    def layer(self, outer: tuple[str, ...], name: str | None) -> tuple[str, ...]:
        """The path of the layer `name` inside `outer` (an anonymous one where `name` is None), its place noted."""
        if name is None:
            self.anonymous += 1
            name = f" anonymous {self.anonymous}"
        path = outer
        for part in name.split("."):
            path = (*path, part.strip())
            if path not in self.layers:
                self.layers[path] = sum(1 for known in self.layers if known[:-1] == path[:-1])
        return path

    def rank(self, path: tuple[str, ...]) -> tuple:
        """A layer's rank (Declaration.layer): its place and its parents', then infinity for its own rules."""
        return tuple(self.layers[path[:k]] for k in range(1, len(path) + 1)) + UNLAYERED


# Where a <style> or <link> is never applied: in a template's content (inert until a script uses it; a declarative
# shadow root's styles style that root alone), and in what the browser reads as plain text, never as elements: a
# <noscript> (its scripts are on), <noembed>, <noframes>, <iframe>, <textarea>, <title>, <xmp> (the page reader
# makes their content text before it is parsed, markup.as_browsers_parse; kept here as well). Chromium
# prints `<noscript><style>.h{display:none}</style></noscript><span class="h">1</span>20` as 120, as it does with
# <template> and the others; each was read 20. Anywhere else, a hidden element or a drawing (<svg>) included, it is
# applied; so is one in a drawing's element of those names (in_inert).
INERT = {"template", "noscript", "noembed", "noframes", "iframe", "textarea", "title", "xmp"}
# The elements of a formula in which the browser makes HTML elements again (MathML's text integration points).
MATH_TEXT = {"mi", "mo", "mn", "ms", "mtext", "annotation-xml"}


def in_inert(element) -> bool:
    """Whether the element stands in an INERT element of HTML's. A drawing's element of such a name is none: the
    content of `<svg><textarea>` (or <noscript>, <template> …) is the drawing's markup, and Chromium applies a
    <style> there as anywhere in a drawing (`<svg><textarea><style>.h{display:none}</style></textarea></svg>`)."""
    drawing = False
    for parent in reversed(list(element.parents)):
        if parent.name in INERT and not drawing:
            return True
        if parent.name == "svg":
            drawing = True
        elif parent.name in ("foreignobject", "desc", "title"):      # where a drawing holds HTML again
            drawing = False
    return False


def _mathml(element) -> bool:
    """Whether the element stands in a formula (<math>) as a formula's element, not an HTML one: a <style> there is
    MathML's, never applied (Chromium prints `<math><style>.h{display:none}</style></math><span class="h">1</span>20`
    as 120, and applies it inside an <mtext>)."""
    for parent in element.parents:
        if parent.name in MATH_TEXT or parent.name == "foreignobject":
            return False
        if parent.name == "math":
            return True
    return False


# An @import in an imported sheet: followed this deep, no more (a sheet importing itself).
MAX_IMPORT_DEPTH = 5


def _rules(soup, load, quirks: bool, sheets: _Sheets) -> list[Rule]:
    """The rules of the page's <style> blocks and linked style sheets that may hide or show text, or set its
    colours, in the page's order, each with its media condition and cascade layer (`sheets`)."""
    import tinycss2
    rules: list[Rule] = []
    present = {key for element in soup.find_all(True) for key in _keys(element)}
    for element in soup.find_all(["style", "link"]):
        if in_inert(element) or _mathml(element):
            continue        # never applied (INERT), or no style element
        line = element.sourceline or 1
        media = element.get("media")
        condition = sheets.condition(0, str(media) if media is not None else None)
        if condition is None:
            continue
        if str(element.get("type", "text/css")).strip().lower() not in ("", "text/css"):
            continue            # not CSS (a <style> or <link> of type text/plain): the browser does not apply it
        if element.name == "link":
            relations = [r.lower() for r in (element.get("rel") or [])]
            if "stylesheet" not in relations or "alternate" in relations or element.has_attr("disabled"):
                continue
            loaded = load(str(element.get("href", "")).strip(), None, line)
            if loaded is None:
                continue
            text, base = loaded
        else:
            text, base = element.get_text(), None
        nodes = _parsed(tinycss2.parse_stylesheet, text, line, skip_comments=True, skip_whitespace=True)
        for node, where, layer in _applied(nodes, load, base, line, 0, sheets, condition, ()):
            prelude = tinycss2.serialize(node.prelude)
            # (whether a selector may match, before its declarations are parsed: a <style> may hold 45,000 rules;
            # and none where one of its selectors is invalid: the browser drops the rule)
            where = sheets.kept(where, node.prelude) if any(_may_match(GENERATED.sub("", selector), present)
                                                            for selector in _split(prelude)) else None
            if where is None:
                continue
            for selectors, declarations, inner, into in _nested(node, _top(prelude, line), where, layer, sheets, quirks,
                                                                line):
                if declarations:
                    rules += _compiled(selectors, declarations, line, len(rules), present,
                                       sheets.rank(into) if into else UNLAYERED, inner, sheets.unmatched)
    # A custom property counts only where a var() names it (a theme's hundreds of them set fonts and margins); the
    # names in any value of the page's rules and inline styles, over-counted rather than missed.
    named = {name for rule in rules if "var(" in rule.declaration.value
             for name in VAR_NAME.findall(rule.declaration.value)}
    styled = [str(element["style"]) for element in soup.find_all(style=True) if "--" in str(element["style"])]
    named |= {name for style in styled for name in VAR_NAME.findall(style.lower())}
    # a name not written in lower case (--D) is told apart from --d by the browser and not here: not worked out
    sheets.registered |= {rule.property for rule in rules if rule.declaration.value == UNKNOWN_VALUE}
    sheets.registered |= {name.lower() for style in styled for name in CUSTOM_NAME.findall(style)
                          if name != name.lower()}
    return [rule for rule in rules if not rule.property.startswith("--") or rule.property in named]


# How deep rules nested in rules (CSS Nesting) and in the at-rules inside them are followed, and how long a selector
# they make may grow (each & repeats the selectors of the rule it is in: `& & & {` ten deep is 3^10 of them).
MAX_NESTING = 20
MAX_NESTED_SELECTOR = 10_000


def _nested(node, parents: list, condition: int, layer: tuple, sheets: _Sheets, quirks: bool, line: int,
            depth: int = 0):
    """A style rule's declarations and those of the rules nested in it (CSS Nesting, which browsers apply: in
    `td { .h { display: none } }` the .h in a cell is hidden), each run of declarations with the selectors it
    applies to (`parents`, and _relative), its media condition and its layer, in the order they are written (a
    run written after a nested rule comes after it in the cascade, as in Chromium). A @media, @supports, @layer,
    @container or @scope nested in a rule applies to the rule's own elements, as at the top (_block)."""
    import tinycss2
    run: list = []
    for item in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            run.append(item)
            continue
        if run:
            yield parents, _declarations(run, quirks), condition, layer
            run = []
        if item.type not in ("qualified-rule", "at-rule") or item.content is None and (
                item.type != "at-rule" or item.lower_at_keyword != "layer"):
            continue
        if depth >= MAX_NESTING:
            raise UnsureStyle(line, f"the page's style nests its rules more than {MAX_NESTING} deep, which this "
                                    "reader does not follow")
        if item.type == "qualified-rule":
            inner = _relative(tinycss2.serialize(item.prelude), parents, line)
            kept = sheets.kept(condition, item.prelude, relative=True) if inner else None
            if kept is not None:
                yield from _nested(item, inner, kept, layer, sheets, quirks, line, depth + 1)
            continue
        block = _block(item, sheets, condition, layer)
        if block is not None:
            yield from _nested(item, parents, *block, sheets, quirks, line, depth + 1)
    if run:
        yield parents, _declarations(run, quirks), condition, layer


def _block(node, sheets: _Sheets, condition: int, layer: tuple) -> tuple[int, tuple] | None:
    """The media condition and layer of what a @media, @supports, @layer, @container or @scope block holds; None
    where it applies on no device, or is none of these (or `@layer a, b;`, which only names the layers' order).
    (A container query or a scope: which elements it applies to depends on the layout, or is not followed: taken
    as a query that holds on some devices, so that where it changes a figure it is in doubt.)"""
    import tinycss2
    name = node.lower_at_keyword
    if name == "layer":
        names = [part.strip() for part in tinycss2.serialize(node.prelude).split(",")]
        if not all(LAYER_NAME.match(each) for each in names) or (node.content is not None and len(names) > 1):
            return None         # `@layer 1 {`, `@layer a b {`, `@layer a, b {`: the browser drops it
        names = [each for each in names if each]
        if node.content is None:
            for each in names:
                sheets.layer(layer, each)
            return None
        return condition, sheets.layer(layer, names[0] if names else None)
    if node.content is None or name in NOT_THE_PAGES_RULES or name.startswith(OTHER_ENGINES_AT):
        return None
    prelude = " ".join(tinycss2.serialize(node.prelude).split())
    if name == "supports":
        where = sheets.supported(condition, validity.supports(node.prelude), prelude)
    else:       # (@container, @scope, @starting-style, and an at-rule this reader does not know: on some devices)
        where = sheets.condition(condition, prelude if name == "media" else f"@{name} {prelude}".strip())
    return None if where is None else (where, layer)


# The at-rules, as the browser applies what their blocks hold (CSS; Chromium 156 checked for each: docs/data.md,
# tests/extract/test_css_at_rules.py). @media, @supports, @layer and @import are worked out; the rules inside
# @container and @scope apply by the layout or a scope not followed, and those of @starting-style are an element's
# style before its first style change (CSS Transitions 2), which a settled page does not show, and yet Chromium 156
# prints `@starting-style { .h { display: none } }` with the .h hidden (not so with opacity: 0): each is taken as
# holding on some devices only (media.Query), so that where it changes a figure the cell is in doubt. So is an
# at-rule this reader does not know (`@when`, `@nonsense-x`): a browser may apply its rules.
# These hold no rules of the page's elements, or none that a browser applies: their blocks are passed over.
# Descriptors of what a property names (@font-face, @counter-style, @font-feature-values, @font-palette-values,
# @position-try, @property, @function: a font, a list marker's numbering, a font's alternates, a colour font's
# palette, an anchored box's fallback places, a custom property's type, a custom function (a value that calls one
# is not worked out: _cannot_work_out)); keyframes (an animation that names them is a doubt: _Cascade.animation);
# the printed page's box and margins (@page; Chromium drops a style rule inside it); a navigation's transition
# (@view-transition); a prefix for selectors (@namespace); and those no browser of today applies (@document,
# @viewport) or another engine's (@-moz-…, @-ms-…, @-o-…).
NOT_THE_PAGES_RULES = {"font-face", "counter-style", "font-feature-values", "font-palette-values", "position-try",
                       "property", "function", "keyframes", "-webkit-keyframes", "page", "view-transition",
                       "namespace", "charset", "import", "document", "viewport"}
OTHER_ENGINES_AT = ("-moz-", "-ms-", "-o-")


def _top(prelude: str, line: int) -> list[tuple[str, tuple | None]]:
    """A top-level rule's selectors, each with its specificity (None: cssselect works it out in _compiled). A `&`
    outside any rule stands for the page's root element, and counts nothing (CSS Nesting: `& .h` is `:root .h`)."""
    selectors = _split(prelude)
    if "&" not in prelude:
        return [(selector, None) for selector in selectors]
    return [resolved for selector in selectors
            for resolved in (_relative(selector, [(":root", (0, 0, 0))], line, top=True) if "&" in selector else
                             [(selector, None)])]


def _relative(prelude: str, parents: list, line: int, top: bool = False) -> list[tuple[str, tuple | None]]:
    """A nested rule's selectors as selectors of the page (CSS Nesting): `&` stands for the elements of the rule
    it is in (`:is(its selectors)`), and a selector without one is read as within them (`.h`: `& .h`; `> .h`:
    `& > .h`). Its specificity is its own and, for each `&`, the largest of the rule's selectors' (as for :is()),
    worked out by cssselect with the `&` given a compound selector that counts as much (None where cssselect
    cannot work out a parent's). The rule's selectors of a pseudo-element (::before) hold no elements: left out.
    At the `top` of the sheet a selector without `&` is left as it is."""
    import tinycss2
    kept = [(text, specificity) for text, specificity in parents if text and not NO_PAGE_TEXT.search(text)]
    if not kept:
        return []
    specificities = []
    for text, specificity in kept:
        if specificity is None:
            specificity = _specificity(text)
        specificities.append(specificity)
    largest = None if None in specificities else max(specificities)
    among = f":is({', '.join(text for text, _ in kept)})"
    standing = "".join([":is(#a)"] * largest[0] + [":is(.a)"] * largest[1] + [":is(a)"] * largest[2]) or ":is(*)" \
        if largest is not None else ""
    out = []
    for selector in _split(prelude):
        if not selector:
            continue
        if len(selector) + (selector.count("&") or 1) * max(len(among), len(standing)) > MAX_NESTED_SELECTOR:
            raise UnsureStyle(line, f"the page's style nests its rules into selectors of more than "
                                    f"{MAX_NESTED_SELECTOR:,} characters, which this reader does not follow")
        tokens = tinycss2.parse_component_value_list(selector)
        matched, count = _ampersands(tokens, among)
        if not count and not top:
            selector, matched = f"& {selector}", f"{among} {selector}"
            tokens = tinycss2.parse_component_value_list(selector)
        out.append((matched, _specificity(_ampersands(tokens, standing)[0]) if standing else None))
    return out


def _ampersands(tokens, replacement: str) -> tuple[str, int]:
    """The selector's tokens written out with each `&` (the nesting selector; not one inside a string) replaced,
    and how many there were."""
    import tinycss2
    out, count = [], 0
    for token in tokens:
        if token.type == "literal" and token.value == "&":
            out.append(replacement)
            count += 1
        elif token.type == "function":
            inside, found = _ampersands(token.arguments, replacement)
            out.append(f"{tinycss2.serialize([token])[:-len(tinycss2.serialize(token.arguments)) - 1]}{inside})")
            count += found
        else:
            out.append(tinycss2.serialize([token]))
    return "".join(out), count


def _specificity(selector: str) -> tuple[int, int, int] | None:
    """The selector's specificity (cssselect; of what is before a pseudo-element, as in _generating), or None where
    cssselect cannot read it."""
    import cssselect
    pseudo = GENERATED.search(selector) or FIRST.search(selector)
    try:
        return max(s.specificity() for s in cssselect.parse(selector[:pseudo.start()] if pseudo else selector))
    except (cssselect.SelectorError, NotImplementedError, ValueError):
        return None


def _applied(nodes, load, base, line: int, depth: int, sheets: _Sheets, condition: int, layer: tuple,
             top: bool = True):
    """The qualified rules that may apply, each with its media condition and its layer's path: those at the top,
    inside @media (on the devices its query holds on), @layer and @supports (where its condition holds:
    validity.supports), and those of the sheets an @import brings in (where they stand, in the layer and on the
    devices it names); those inside @container and @scope, and an @supports this reader cannot evaluate, on some
    devices (media.Query: a query this reader cannot evaluate). An @import counts only at the `top` of a sheet,
    before its other rules (@charset and `@layer a, b;` apart), as in the browser: one after them is ignored."""
    import tinycss2
    importing = top
    for node in nodes:
        if node.type == "qualified-rule":
            importing = False
            yield node, condition, layer
        elif node.type != "at-rule" or node.lower_at_keyword == "charset":
            continue
        elif node.lower_at_keyword == "import":
            if importing and depth < MAX_IMPORT_DEPTH:
                yield from _imported(node, load, base, line, depth, sheets, condition, layer)
        elif node.lower_at_keyword == "property":
            # a registered custom property: its initial value, whether it inherits and the values it takes are
            # the registration's, which are not followed; a var() of it cannot be worked out (_substituted)
            importing = False
            sheets.registered.add(tinycss2.serialize(node.prelude).strip().lower())
        elif node.lower_at_keyword in ("keyframes", "-webkit-keyframes"):
            importing = False
            _keyframes(node, sheets)
        else:
            if node.lower_at_keyword != "layer" or node.content is not None:
                importing = False           # (`@layer a, b;` only names the layers' order: an @import may follow)
            block = _block(node, sheets, condition, layer)
            if block is not None:
                yield from _applied(tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                                   skip_whitespace=True),
                                    load, base, line, depth, sheets, *block, top=False)


def _keyframes(node, sheets: _Sheets) -> None:
    """An @keyframes that sets a property read here (READ: opacity, display, color …) noted by its name, with
    what it sets (_Cascade.animation); one that sets none of them (a slide, a spin of a banner) changes no text."""
    import tinycss2
    if node.content is None:
        return
    name = tinycss2.serialize(node.prelude).strip().strip("'\"").lower()
    sets = set()
    for frame in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
        if frame.type == "qualified-rule":
            sets |= {item.lower_name for item in tinycss2.parse_blocks_contents(frame.content)
                     if item.type == "declaration" and item.lower_name in READ and item.lower_name not in ANIMATING}
    if name and sets:
        sheets.keyframes[name] = sorted(sets | set(sheets.keyframes.get(name, ())))


def _imported(node, load, base, line: int, depth: int, sheets: _Sheets, condition: int, layer: tuple):
    """The rules of the sheet an @import brings in (`@import url(a.css) layer(x) supports(…) print`), in the
    layer and on the devices it names."""
    import tinycss2
    prelude = [t for t in node.prelude if t.type not in ("whitespace", "comment")]
    target = prelude[0] if prelude else None
    href = (target.value if target is not None and target.type in ("url", "string") else
            tinycss2.serialize(target.arguments).strip(" '\"")
            if target is not None and target.type == "function" and target.lower_name == "url" else "")
    rest, into = prelude[1:], layer
    if rest and rest[0].type == "ident" and rest[0].lower_value == "layer":
        into, rest = sheets.layer(layer, None), rest[1:]
    elif rest and rest[0].type == "function" and rest[0].lower_name == "layer":
        into, rest = sheets.layer(layer, tinycss2.serialize(rest[0].arguments).strip()), rest[1:]
    if rest and rest[0].type == "function" and rest[0].lower_name == "supports":
        condition = sheets.supported(condition, validity.supports_declaration_or_condition(rest[0].arguments),
                                     tinycss2.serialize(rest[0].arguments).strip())
        rest = rest[1:]
        if condition is None:
            return
    where = sheets.condition(condition, tinycss2.serialize(rest) if rest else None)
    if not href or where is None:
        return
    loaded = load(href, base, line)
    if loaded is not None:
        yield from _applied(_parsed(tinycss2.parse_stylesheet, loaded[0], line, skip_comments=True,
                                    skip_whitespace=True), load, loaded[1], line, depth + 1, sheets, where, into)


def _compiled(selectors: list[tuple[str, tuple | None]], declarations, line: int, order: int, present: set,
              layer: tuple = UNLAYERED, media: int = 0, unmatched: list | None = None) -> list[Rule]:
    """The rule's selectors compiled, each with the declarations; a selector that names an id or class no element of
    the page has (`present`: _keys) matches nothing and is left out uncompiled (compiling costs about a millisecond a
    selector: 45,000 rules in a page's <style> took 50 s). Each selector comes with its specificity, or None for
    cssselect to work it out (_top, _relative). An item of an :is() or :where() this reader cannot match is left
    out (validity.forgiven), and noted in `unmatched` (its line, the selector, the item): what a browser that knows
    it hides by it is a doubt (PageStyle.unmatched)."""
    import cssselect
    import soupsieve
    rules = []
    for written, given in selectors:
        left_out: list[str] = []
        selector = validity.forgiven(written, left_out) if written else written  # (as the page writes it: `written`)
        if left_out and unmatched is not None and declarations:
            unmatched.append((line, written, left_out[0]))
        if selector is None:
            continue            # (an :is() of nothing the browser keeps: it matches nothing)
        pseudo = GENERATED.search(selector or "")
        if pseudo and not NO_PAGE_TEXT.search(selector[:pseudo.start()]):
            if _may_match(selector[:pseudo.start()], present):
                rules += _generating(selector, pseudo, declarations, line, order + len(rules), layer, media, given)
            continue
        first = FIRST.search(selector or "")
        if first and not NO_PAGE_TEXT.search(selector[:first.start()]):
            if _may_match(selector[:first.start()], present):
                rules += _drawing_first(selector, first, declarations, line, order + len(rules), layer, media, given)
            continue
        if not selector or NO_PAGE_TEXT.search(selector) or not _may_match(selector, present):
            continue
        hides = any((name in HIDING and HIDING[name](value)) or (name == "color" and _invisible_on_white(value))
                    for name, value, _ in declarations)
        try:
            compiled = soupsieve.compile(selector)
            specificity = given or max(s.specificity() for s in cssselect.parse(selector))
        except (soupsieve.SelectorSyntaxError, cssselect.SelectorError, NotImplementedError, ValueError):
            if hides:
                raise UnsureStyle(line, f"the page's style hides the elements chosen by '{written[:60]}', a CSS "
                                        "selector this reader cannot match") from None
            continue        # a rule that only shows text it cannot match: what it shows is read anyway
        for name, value, important in declarations:
            rules.append(Rule(written, compiled, line, name,
                              Declaration(value, important, False, specificity, order + len(rules), layer, media),
                              _key(selector)))
    return rules


GENERATED = re.compile(r"::?(before|after)\s*$", re.IGNORECASE)
FIRST = re.compile(r"::?(first-letter|first-line)\s*$", re.IGNORECASE)


def _generating(selector: str, pseudo, declarations, line: int, order: int, layer: tuple = UNLAYERED,
                media: int = 0, given: tuple | None = None) -> list[Rule]:
    """A ::before or ::after rule's content, as a rule of the element it is generated in (before:content). Its
    specificity is the `given` one, or cssselect's of the element's selector."""
    import cssselect
    import soupsieve
    base = selector[:pseudo.start()].strip() or "*"
    content = [(value, important) for name, value, important in declarations if name == "content"]
    if not content:
        return []
    try:
        compiled = soupsieve.compile(base)
        specificity = given or max(s.specificity() for s in cssselect.parse(base))
    except (soupsieve.SelectorSyntaxError, cssselect.SelectorError, NotImplementedError, ValueError):
        if any(_generated(value, None) for value, _ in content):
            raise UnsureStyle(line, f"the page's style writes text before or after the elements chosen by "
                                    f"'{base[:60]}', a CSS selector this reader cannot match") from None
        return []
    which = pseudo.group(1).lower()
    return [Rule(selector, compiled, line, f"{which}:content",
                 Declaration(value, important, False, specificity, order + k, layer, media), _key(base))
            for k, (value, important) in enumerate(content)]


# What a ::first-letter or ::first-line rule sets that decides whether, and how large, its letter or line is seen
# (Chromium 156 hides a first letter at font-size 0, opacity 0, visibility hidden or in the colour of what is
# behind it, and a first line likewise but for opacity; display and -webkit-text-fill-color apply to neither).
DRAWING_FIRST = ("font-size", "font", "color", "opacity", "visibility", "background-color", "background",
                 "background-image")
# What a ::first-letter rule sets that may move its letter out of its place (Chromium 156: `float: left;
# margin-left: -9999px` leaves every cell without its first letter, `float: right` sets it at the cell's right
# edge); a float:left alone is a drop capital, read in its place.
MOVING_FIRST = ("float", "margin", "margin-left", "margin-right", "margin-top", "margin-bottom", "margin-inline",
                "margin-inline-start", "margin-inline-end", "margin-block", "margin-block-start", "margin-block-end")


def _drawing_first(selector: str, pseudo, declarations, line: int, order: int, layer: tuple = UNLAYERED,
                   media: int = 0, given: tuple | None = None) -> list[Rule]:
    """A ::first-letter or ::first-line rule (`td::first-letter {font-size: 0}`), as rules of the element whose
    first letter or line it draws (first-letter:font-size …): what it does to a table cell's figure is judged in
    PageStyle.drawn_first."""
    import cssselect
    import soupsieve
    base = selector[:pseudo.start()].strip() or "*"
    which = pseudo.group(1).lower()
    drawing = [(name, value, important) for name, value, important in declarations
               if name in DRAWING_FIRST or (which == "first-letter" and name in MOVING_FIRST)]
    if not drawing:
        return []
    try:
        compiled = soupsieve.compile(base)
        specificity = given or max(s.specificity() for s in cssselect.parse(base))
    except (soupsieve.SelectorSyntaxError, cssselect.SelectorError, NotImplementedError, ValueError):
        raise UnsureStyle(line, f"the page's style draws the {which.replace('-', ' ')} of the elements chosen by "
                                f"'{base[:60]}' otherwise than the rest, a CSS selector this reader cannot "
                                "match") from None
    return [Rule(selector, compiled, line, f"{which}:{name}",
                 Declaration(value, important, False, specificity, order + k, layer, media), _key(base))
            for k, (name, value, important) in enumerate(drawing)]


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _generated(value: str, element) -> str:
    """The text a `content` value writes (strings, attr(), quotes); "" for none, normal or an image. A counter in a
    table cell is refused: its number depends on the page's counting, which is not followed here."""
    import tinycss2
    out = []
    for token in tinycss2.parse_component_value_list(value):
        if token.type == "string":
            out.append(token.value)
        elif token.type == "function" and token.lower_name == "attr" and element is not None:
            out.append(str(element.get(tinycss2.serialize(token.arguments).strip(), "")))
        elif token.type == "function" and token.lower_name in ("counter", "counters"):
            inside_cell = element is None or element.name in ("td", "th") or element.find_parent(("td", "th"))
            if inside_cell:
                raise UnsureStyle(element.sourceline if element is not None else 1,
                                  "the page's style numbers a table cell's text by a CSS counter, which this reader "
                                  "does not follow")
        elif token.type == "ident" and token.lower_value in ("open-quote", "close-quote"):
            out.append("“" if token.lower_value == "open-quote" else "”")
    return PRIVATE_USE.sub("", "".join(out))


def _far(value: str, viewport: tuple[float, float] = DESKTOP) -> bool:
    size = _pixels(value, viewport) if value else None
    return size is not None and abs(size) >= FAR_PIXELS


# Values that set nothing of their own (the property's initial value, or the parent's for an inherited one).
NOTHING = {"", "initial", "unset", "revert", "revert-layer"}
# The margins, and which way each moves text: along the line, or across it (an inline element's move nothing).
MARGINS = {"margin": None, "margin-left": "inline", "margin-right": "inline", "margin-inline": "inline",
           "margin-inline-start": "inline", "margin-inline-end": "inline", "margin-top": "block",
           "margin-bottom": "block", "margin-block": "block", "margin-block-start": "block",
           "margin-block-end": "block"}
# A shift of less than this (a quarter of the browser's 16 px font) moves no digit past its neighbour, off its
# line or out of sight: Chromium shows 2<span style="position:relative;left:-2px">9</span>0 as 290.
NUDGE_PIXELS = 4.0


def _shifts(value: str, viewport, name: str = "", inline: bool = False) -> bool:
    """Whether a margin or text-indent value moves text: a negative length (of NUDGE_PIXELS or more), or one of
    FAR_PIXELS or more; a value whose length cannot be worked out (calc(), var()) may. Of an inline element's
    margin, only the sides along the line count (its margins above and below move nothing)."""
    parts = value.split()
    if name == "margin" and inline:         # top right bottom left: the left and right
        parts = {1: parts, 2: parts[1:2], 3: parts[1:2], 4: [parts[1], parts[3]]}.get(len(parts), parts)
    elif MARGINS.get(name) == "block" and inline:
        return False
    for part in parts:
        if part in NOTHING or part == "auto" or ZERO.match(part):
            continue
        size = _pixels(part, viewport)
        if size is None or size <= -NUDGE_PIXELS or size >= FAR_PIXELS:
            return True
    return False


def _empty_rect(value: str, viewport: tuple[float, float] = DESKTOP) -> bool:
    """clip: rect(…) of no width or no height (rect(0,0,0,0), rect(1px,1px,1px,1px))."""
    found = re.match(r"rect\((.*)\)$", value)
    if not found:
        return False
    sides = [_pixels(part, viewport) for part in re.split(r"[\s,]+", found.group(1).strip()) if part]
    return len(sides) == 4 and None not in sides and (sides[0] >= sides[2] or sides[3] >= sides[1])


def _clipped_away(value: str) -> bool:
    """clip-path that leaves nothing: inset(50%) or more, a circle or ellipse of no radius."""
    found = re.match(r"(inset|circle|ellipse)\(\s*([^\s,)]+)", value)
    if not found:
        return False
    size = found.group(2)
    if found.group(1) == "inset":
        return size.endswith("%") and float(size[:-1] or 0) >= 50
    return bool(ZERO.match(size))


# scale(0), matrix(…): a function's name (from its first character only: tried from each, a value of 10,000 digits
# took 12 s) and its arguments.
TRANSFORM_FUNCTION = re.compile(r"(?<![a-z0-9])([a-z0-9]+)\(([^)]*)\)")


def _vanishing(value: str, viewport: tuple[float, float] = DESKTOP) -> bool:
    """A transform that shrinks the box to nothing (scale(0), scaleX(0), matrix(0, …)) or moves it far away."""
    for name, arguments in TRANSFORM_FUNCTION.findall(value):
        numbers = [part for part in re.split(r"[\s,]+", arguments.strip()) if part]
        if name.startswith("scale") and any(ZERO.match(n) for n in numbers[:2]):
            return True
        if name == "matrix" and len(numbers) == 6 and all(ZERO.match(n) for n in numbers[:4]):
            return True
        if name.startswith("translate") and any(_far(n, viewport) for n in numbers):
            return True
    return False


def _factor(number: str) -> float | None:
    """A number or percentage (0.5, 50%) as a factor; None where it is none (calc(), var(), a typo)."""
    if not NUMBER.match(number):
        return None
    return float(number[:-1]) / 100 if number.endswith("%") else float(number)


def _zoom(value: str) -> float | None:
    """CSS zoom as a factor: 1 for none, normal, reset and 0 (Chromium draws zoom:0 at full size)."""
    if value in ("", "normal", "reset", "initial", "unset"):
        return 1.0
    factor = _factor(value)
    return None if factor is None or factor < 0 else (factor or 1.0)


def _transform_scale(value: str) -> float | None:
    """How much a transform draws text taller or shorter: scale(), scaleY(), scale3d(), matrix(); 1 for none and
    the functions that move or turn (translate, rotate, skew); None for what is not worked out (matrix3d, calc())."""
    if value in ("", "none", "initial", "unset"):
        return 1.0
    factor = 1.0
    functions = TRANSFORM_FUNCTION.findall(value)
    if not functions or "var(" in value or "calc(" in value:
        return None
    for name, arguments in functions:
        numbers = [_factor(part) for part in re.split(r"[\s,]+", arguments.strip()) if part]
        if name in ("scale", "scaley", "scale3d", "matrix") and (not numbers or None in numbers):
            return None
        if name == "scale":
            factor *= numbers[-1] if len(numbers) <= 2 else 1.0
        elif name == "scaley":
            factor *= numbers[0]
        elif name == "scale3d":
            factor *= numbers[1] if len(numbers) == 3 else 1.0
        elif name == "matrix" and len(numbers) == 6:
            factor *= (numbers[2] ** 2 + numbers[3] ** 2) ** 0.5
        elif name in ("matrix3d", "perspective"):
            return None
    return abs(factor)


def _scale(value: str) -> float | None:
    """The `scale` property's vertical factor (scale: 0.3, or 1 0.3); 1 for none."""
    if value in ("", "none", "initial", "unset"):
        return 1.0
    numbers = [_factor(part) for part in value.split()]
    return None if not numbers or None in numbers else abs(numbers[1] if len(numbers) > 1 else numbers[0])


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


NEEDED = re.compile(r"([#.])(-?[_a-zA-Z\u0080-\uffff][\w\u0080-\uffff-]*)")


def _may_match(selector: str, present: set) -> bool:
    """Whether some element of the page may match the selector: every id and class it names outside () and []
    (where :not() or :is() may name what need not be there) is on an element of the page, and the tag its last
    compound needs (_key) too. A selector with an escape (\\) is always tried."""
    if "\\" in selector:
        return True
    outside = selector
    while (stripped := NESTED.sub("", outside)) != outside:
        outside = stripped
    needed = {("id" if mark == "#" else "class", name.lower()) for mark, name in NEEDED.findall(outside)}
    key = _key(selector)
    return needed <= present and (key == ("*", "") or key in present)


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
