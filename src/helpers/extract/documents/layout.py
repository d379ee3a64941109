"""What a web page's style does to move a table cell's text out of the place the page stores it in.

The browser lays text out where the page's style puts it, not where the page writes it: `<span style="float:
right">1</span>20左右` shows 20左右 with the 1 at the cell's right edge, `<span style="display:inline-block;
margin-left:-9999px">1</span>20左右` an empty cell, a flex box whose first item has `order: 2` shows 201左右 (each
printed by Chromium here, redteam8 finding 4); each was read 120. Which text ends up where is not worked out here
(that is the browser's whole layout): a declaration that can move a piece of a cell's text (LayoutMove) makes the
cell's figure one a reader may see otherwise, unless it is certain to move nothing (a margin of 0, a float:left
image, position:relative without offsets, a transform that only scales: those are read as before).

The declarations judged (MOVING, read by styles.PageStyle with the others): float; negative or far margins and
text-indent; position absolute or fixed, and relative or sticky with an offset; a transform, translate, rotate, a
mirroring scale; a flex or grid item's order and a grid item's placement, a flex box's wrap-reverse, a grid's
column-first flow; direction right to left; a piece set in another writing mode than the text around it; clip-path
and a box too small for its text with its overflow hidden. What hides text entirely (far offsets, scale(0), clip
to nothing) is styles.PageStyle.hidden_elements's, and read as hidden.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.extract.documents.styles import (
    INLINE_TAGS,
    MARGINS,
    NOTHING,
    NUDGE_PIXELS,
    TRANSFORM_FUNCTION,
    ZERO,
    Declaration,
    _factor,
    _pixels,
    _shifts,
)

OFFSETS = ("left", "right", "top", "bottom", "inset", "inset-inline", "inset-inline-start", "inset-inline-end",
           "inset-block", "inset-block-start", "inset-block-end")
PLACING = ("grid-row", "grid-column", "grid-area", "grid-row-start", "grid-row-end", "grid-column-start",
           "grid-column-end")
SIZES = ("width", "height", "max-width", "max-height")
# The container displays whose items `order` (and a grid's placement) lays out in another order than written.
FLEX = {"flex", "inline-flex", "-webkit-flex", "-webkit-inline-flex"}
GRID = {"grid", "inline-grid"}
TABLE_PARTS = {"td", "th", "tr", "thead", "tbody", "tfoot"}
# Letter spacing tighter than this (a tenth of the browser's 16 px font) sets a digit over the next one: Chromium
# shows 120左右 at letter-spacing: -0.6em as 左右, the digits on top of each other.
TIGHT_PIXELS = -1.6
ZERO_ANGLE = re.compile(r"^[+-]?0*(?:\.0*)?(deg|rad|grad|turn)?$")


@dataclass(frozen=True)
class LayoutMove:
    """A declaration that may move the text of `element` (or, for `shift`, what follows it) out of its place:
    `kind` says when it is certain to move nothing after all (web._layout_doubt): 'float-start' where no text
    stands before it in the cell, 'float-end' where none stands after it (it goes to the line's end, where it
    stands anyway), 'shift' where nothing is in it or after it, 'part' where it holds all the cell's text, 'rtl'
    where it holds no digit, any other ('text', 'size', 'items') where it holds no text."""
    element: object
    property: str
    declaration: Declaration
    kind: str
    doing: str          # what it does, as the message says it, the text's place {} ("floats '{}' to one side")


def moves(cascade, element, cell, spaced: bool = True) -> list[LayoutMove]:
    """The declarations that may move the text of the element: the `cell` itself, an element in it, or its row
    or row group (what moves a row moves its cells under other headers). `spaced`: whether the page sets a letter
    spacing anywhere (one the cell inherits is looked for)."""
    judged = _Judged(cascade, element, cell)
    if not judged.matched and not (spaced and element is cell):
        return []
    if not judged.around:
        _placed(judged)
    _positioned(judged)
    _transformed(judged)
    _spaced(judged, spaced and element is cell)
    if "clip-path" in judged.matched and judged.value("clip-path") not in NOTHING | {"none"}:
        judged.add("clip-path", "text", "clips '{}'")
    if not judged.around:
        _clipped(judged)
        if "writing-mode" in judged.matched and judged.value("writing-mode") not in NOTHING | {"inherit"} and \
                judged.value("writing-mode") != _inherited(cascade, element.parent, "writing-mode", "horizontal-tb"):
            judged.add("writing-mode", "part", "sets '{}' in another writing direction")
        if judged.display in FLEX | GRID:
            judged.out += _reordered_items(cascade, element, judged.display)
    return judged.out


FLOATS = ("left", "inline-start", "right", "inline-end")


class _Judged:
    """An element's declarations, read for what may move its text (moves), and the moves found."""

    def __init__(self, cascade, element, cell):
        self.cascade, self.element = cascade, element
        self.matched = cascade._matched(element)
        self.out: list[LayoutMove] = []
        self.part = element.name in TABLE_PARTS
        self.around = element is not cell and self.part          # the cell's row or row group
        self.display = self.value("display") or ("inline" if element.name in INLINE_TAGS else "table-cell"
                                                 if element.name in ("td", "th") else "block")
        self.position, self.floating = self.value("position"), self.value("float")
        taken_out = self.position in ("absolute", "fixed") or self.floating in FLOATS
        self.inline = self.display in ("inline", "contents") and not taken_out      # its text on the line
        self.boxed = not self.inline and self.display != "contents"      # a transform, a size apply to it

    def value(self, name: str) -> str:
        return self.cascade.value(self.element, name) if self.matched else ""

    def add(self, name: str, kind: str, doing: str, declaration: Declaration | None = None) -> None:
        self.out.append(LayoutMove(self.element, name, declaration or self.cascade._winner_of(self.matched, name),
                                   kind, doing))


def _placed(judged: _Judged) -> None:
    """A float; a negative or far margin (not of a table's parts, which take none) or text-indent."""
    if judged.floating in FLOATS:
        judged.add("float", "text" if judged.part else "float-start" if judged.floating in ("left", "inline-start")
                   else "float-end", "floats '{}' to one side")
    if not judged.part and judged.display != "contents":
        for name in MARGINS:
            if name in judged.matched and _shifts(judged.value(name), judged.cascade.viewport, name, judged.inline):
                judged.add(name, "shift", "shifts '{}' by a margin")
    if "text-indent" in judged.matched and not judged.inline and _shifts(judged.value("text-indent"),
                                                                         judged.cascade.viewport):
        judged.add("text-indent", "shift", "shifts the first line of '{}' by an indent")


def _positioned(judged: _Judged) -> None:
    """Out of the text's flow (absolute, fixed), or offset from its place (relative, sticky, with an offset)."""
    if judged.position in ("absolute", "fixed"):
        judged.add("position", "text", "takes '{}' out of the text's flow")
    elif judged.position in ("relative", "sticky"):
        for name in OFFSETS:
            if name in judged.matched and not all(_nudge(each, judged.cascade.viewport) or each in NOTHING |
                                                  {"auto"} for each in judged.value(name).split()):
                judged.add(name, "text", "offsets '{}' from its place")
                return


def _transformed(judged: _Judged) -> None:
    """A transform, translate or rotate that moves the box, a scale that mirrors it (a box's only)."""
    if not judged.boxed:
        return
    if "transform" in judged.matched and not _moves_nothing(judged.value("transform"), judged.cascade.viewport):
        judged.add("transform", "text", "transforms '{}'")
    for name in ("translate", "rotate"):
        if name in judged.matched and not all(_nudge(each, judged.cascade.viewport) or ZERO_ANGLE.match(each) or
                                              each in NOTHING | {"none"} for each in judged.value(name).split()):
            judged.add(name, "text", "transforms '{}'")
    if "scale" in judged.matched and any((factor := _factor(each)) is None or factor < 0
                                         for each in judged.value("scale").split() if each not in NOTHING | {"none"}):
        judged.add("scale", "text", "transforms '{}'")


def _spaced(judged: _Judged, inherited: bool) -> None:
    """Letters spaced so tight that a digit stands over the next: the element's own spacing, or (`inherited`)
    the one the cell takes from around it."""
    cascade, element = judged.cascade, judged.element
    declaration = _inherited_declaration(cascade, element, "letter-spacing") if inherited else \
        cascade._winner_of(judged.matched, "letter-spacing")
    spacing = declaration.value if declaration is not None else ""
    if spacing not in NOTHING | {"normal", "inherit"} and ((size := _pixels(spacing, cascade.viewport)) is None
                                                         or size < TIGHT_PIXELS):
        judged.add("letter-spacing", "text", "sets the letters of '{}' over each other", declaration)


def _clipped(judged: _Judged) -> None:
    """A box of a set size with its overflow hidden (not a table cell, which grows to hold its text)."""
    if not judged.boxed or judged.part or not any(
            word in judged.value(name).split() for name in ("overflow", "overflow-x", "overflow-y")
            for word in ("hidden", "clip", "scroll", "auto")):
        return
    for name in SIZES:
        if name in judged.matched and judged.value(name) not in NOTHING | {"auto", "none"}:
            judged.add(name, "size", "clips '{}' to its box's size")


def right_to_left(cascade, element) -> tuple[object, str, Declaration | None] | None:
    """Where the element's text is set right to left (direction: rtl, or dir="rtl", on it or inherited): the
    element that sets it, how, and the declaration (None: the dir attribute); None where it is left to right.
    Right to left, Chromium shows 〔7000〕 as 〕7000〔 and ≥120 as 120≥, and a flex box's items backwards."""
    for each in (element, *element.parents):
        if not hasattr(each, "attrs") or each.name == "[document]":
            break
        found = cascade._winner_of(cascade._matched(each), "direction")
        if found is not None and found.value in ("rtl", "ltr"):
            return (each, f"direction: {found.value}", found) if found.value == "rtl" else None
        written = str(each.get("dir", "")).strip().lower()
        if written in ("rtl", "ltr", "auto"):       # (auto: by the first letter, which is Chinese here)
            return (each, 'dir="rtl"', None) if written == "rtl" else None
    return None


def _inherited(cascade, element, name: str, default: str) -> str:
    """The value of an inherited property on the element: its own, else the nearest element's around it."""
    found = _inherited_declaration(cascade, element, name)
    return default if found is None else found.value


def _inherited_declaration(cascade, element, name: str) -> Declaration | None:
    for each in (element, *element.parents):
        if not hasattr(each, "attrs") or each.name == "[document]":
            break
        found = cascade._winner_of(cascade._matched(each), name)
        if found is not None and found.value not in NOTHING | {"inherit"}:
            return found
    return None


REORDERED = "lays out the items of '{}' in another order"


def _reordered_items(cascade, box, display: str) -> list[LayoutMove]:
    """A flex or grid box whose items holding text are laid out in another order than written: an item's
    `order` out of the written sequence, a grid item placed (grid-column: 2), a grid's column-first or dense flow,
    a flex box's wrap-reverse (flex-direction: row-reverse is styles' not_reordered)."""
    from bs4 import NavigableString, Tag
    items = [child for child in box.children if (isinstance(child, Tag) and child.get_text().strip()) or (
        type(child) is NavigableString and str(child).strip())]
    if len(items) < 2:
        return []
    out = []
    matched = cascade._matched(box)
    flow = cascade.value(box, "grid-auto-flow") + " " + cascade.value(box, "grid")
    if display in GRID and ("column" in flow or "dense" in flow):
        name = "grid-auto-flow" if "column" in cascade.value(box, "grid-auto-flow") or "dense" in cascade.value(
            box, "grid-auto-flow") else "grid"
        out.append(LayoutMove(box, name, cascade._winner_of(matched, name), "items", REORDERED))
    if display in FLEX and any("wrap-reverse" in cascade.value(box, name) or "reverse" in cascade.value(box, name)
                               for name in ("flex-wrap", "flex-flow")):
        name = "flex-wrap" if "reverse" in cascade.value(box, "flex-wrap") else "flex-flow"
        out.append(LayoutMove(box, name, cascade._winner_of(matched, name), "items", REORDERED))
    ordered = []
    for item in items:
        order = 0
        if isinstance(item, Tag):
            found = cascade._matched(item)
            placed = next((name for name in PLACING if cascade.value(item, name) not in NOTHING | {"auto"}), None)
            if display in GRID and placed:
                return [*out, LayoutMove(item, placed, cascade._winner_of(found, placed), "items",
                                         "places '{}' in the grid")]
            written = cascade.value(item, "order")
            if written not in NOTHING:
                if not re.match(r"^[+-]?[0-9]{1,9}$", written):
                    return [*out, LayoutMove(item, "order", cascade._winner_of(found, "order"), "items",
                                             "places '{}' in another order among its box's items")]
                order = int(written)
        ordered.append((order, item))
    highest = None
    for order, item in ordered:
        if highest is not None and order < highest[0]:
            moved = highest[1] if highest[0] != 0 else item
            out.append(LayoutMove(moved, "order", cascade._winner_of(cascade._matched(moved), "order"), "items",
                                  "places '{}' in another order among its box's items"))
            break
        if highest is None or order > highest[0]:
            highest = (order, item)
    return out


def _nudge(value: str, viewport) -> bool:
    """Whether a length moves nothing out of its place: 0, or less than NUDGE_PIXELS either way."""
    size = _pixels(value, viewport)
    return bool(ZERO.match(value)) or (size is not None and abs(size) < NUDGE_PIXELS)


def _moves_nothing(transform: str, viewport) -> bool:
    """Whether a transform moves no piece of text out of its place: none, translations by less than NUDGE_PIXELS,
    turns and skews by 0, and scaling by positive factors (which only sets it larger or smaller: styles'
    magnification)."""
    if transform in NOTHING | {"none"}:
        return True
    functions = TRANSFORM_FUNCTION.findall(transform)
    if not functions or "var(" in transform or "calc(" in transform:
        return False
    for name, arguments in functions:
        numbers = [part for part in re.split(r"[\s,]+", arguments.strip()) if part]
        if name.startswith(("translate", "rotate", "skew")):
            if not all(_nudge(n, viewport) if name.startswith("translate") else ZERO_ANGLE.match(n) for n in numbers):
                return False
        elif name.startswith("scale"):
            if any((factor := _factor(n)) is None or factor <= 0 for n in numbers):
                return False
        elif name == "matrix" and len(numbers) == 6:
            factors = [_factor(n) for n in numbers]
            if None in factors or factors[1] or factors[2] or factors[4] or factors[5] or factors[0] <= 0 \
                    or factors[3] <= 0:
                return False
        elif name != "perspective":
            return False
    return True
