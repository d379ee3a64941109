"""What a web page's own style hides from its reader: the elements the browser does not show.

A page hides text with its `hidden` attribute, an inline style (display:none, visibility:hidden, opacity:0,
font-size:0) or a rule of its
<style> blocks (.hide{display:none}): `2<span class="hide">9</span>0` shows 20, and was read as 290. The rules are
parsed with tinycss2, the selectors matched with soupsieve (Beautiful Soup's own) and ranked with cssselect, as
the browser's cascade ranks them: !important first, then an inline style, then the more specific selector, then
the later rule. A rule for a state of the page (:hover, :focus) matches nothing, as the page is first shown; a rule
inside @media applies when its query is plain `screen` or `all` (not a phone's width, not print).

Where the page's style cannot be read for sure (a selector hiding text that no reader here can match, or text
shown again inside hidden text by visibility:visible or a font size), the page is refused with the line named.
Style sheets in other files (<link rel="stylesheet">) are not read: a page saved as "HTML only" has none.
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


def hidden_elements(soup) -> list:
    """The elements of the page its style hides (display:none, visibility:hidden, opacity:0, font-size:0, the
    `hidden` attribute), outermost only, in document order. Raises UnsureStyle where that cannot be told."""
    cascade = _Cascade(_rules(soup))
    hidden, removed = [], set()
    for element in soup.find_all(True):                    # document order: a parent before its children
        if not cascade.may_hide(element) or any(id(parent) in removed for parent in element.parents):
            continue
        hiding = [name for name in HIDING if (found := cascade.winner(element, name)) and HIDING[name](found.value)]
        if not hiding:
            continue
        for name in set(hiding) & set(INHERITED):
            cascade.nothing_shown_again(element, name)
        hidden.append(element)
        removed.add(id(element))
    return hidden


def _keys(element) -> list[tuple[str, str]]:
    classes = element.get("class") or []
    return [("*", ""), ("tag", element.name.lower()), ("id", str(element.get("id", "")).lower()),
            *(("class", c.lower()) for c in (classes if isinstance(classes, list) else str(classes).split()))]


class _Cascade:
    """The rules, looked up by the id, class or tag their selector needs (as browsers do: a page of thousands of
    elements and hundreds of rules, each rule tried on every element, took over 30 s), and each element's inline
    style read once."""

    def __init__(self, rules: list[Rule]):
        self.by_key: dict[tuple[str, str], list[Rule]] = {}
        for rule in rules:
            self.by_key.setdefault(rule.key, []).append(rule)
        self.inline_styles: dict[int, list[tuple[str, Declaration]]] = {}

    def declarations(self, element, name: str) -> list[Declaration]:
        found = [rule.declaration for key in _keys(element) for rule in self.by_key.get(key, ())
                 if rule.property == name and rule.compiled.match(element)]
        return found + [d for p, d in self.inline(element) if p == name]

    def inline(self, element) -> list[tuple[str, Declaration]]:
        if id(element) not in self.inline_styles:
            self.inline_styles[id(element)] = _inline(element)
        return self.inline_styles[id(element)]

    def may_hide(self, element) -> bool:
        """Whether anything could hide it: the `hidden` attribute, or a hiding declaration that applies to it."""
        return element.has_attr("hidden") or any(
            HIDING[name](d.value) for name in HIDING for d in self.declarations(element, name))

    def winner(self, element, name: str) -> Declaration | None:
        found = self.declarations(element, name)
        if name == "display" and element.has_attr("hidden"):   # the browser's own [hidden]{display:none}: the least
            found.append(Declaration("none", False, False, (0, 0, 0), -1))
        return max(found, key=lambda d: d.rank, default=None)

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


def _inline(element) -> list[tuple[str, Declaration]]:
    style = element.get("style")
    if not style:
        return []
    import tinycss2
    return [(name, Declaration(value, important, True, (1, 0, 0), 0))
            for name, value, important in _declarations(tinycss2.parse_blocks_contents(str(style)))]


def _declarations(nodes) -> list[tuple[str, str, bool]]:
    """The declarations among tinycss2's nodes that may hide text (HIDING): (property, lower-case value, !important)."""
    import tinycss2
    out = []
    for node in nodes:
        if node.type == "declaration" and node.lower_name in HIDING:
            value = tinycss2.serialize(node.value).strip().lower()
            out.append((node.lower_name, value, node.important))
    return out


def _rules(soup) -> list[Rule]:
    """The rules of the page's <style> blocks that may hide or show text (HIDING), in the page's order."""
    import tinycss2
    rules: list[Rule] = []
    for style in soup.find_all("style"):
        line = style.sourceline or 1
        nodes = tinycss2.parse_stylesheet(style.get_text(), skip_comments=True, skip_whitespace=True)
        for node in _applied(nodes):
            declarations = _declarations(tinycss2.parse_blocks_contents(node.content))
            if declarations:
                rules += _compiled(tinycss2.serialize(node.prelude), declarations, line, len(rules))
    return rules


def _applied(nodes):
    """The qualified rules that apply on screen: those at the top, and inside @media screen / all and @supports."""
    import tinycss2
    for node in nodes:
        if node.type == "qualified-rule":
            yield node
        elif node.type != "at-rule" or node.content is None:
            continue
        elif node.lower_at_keyword == "supports" or (
                node.lower_at_keyword == "media" and tinycss2.serialize(node.prelude).strip().lower() in SHOWN_MEDIA):
            yield from _applied(tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True))


def _compiled(prelude: str, declarations, line: int, order: int) -> list[Rule]:
    import cssselect
    import soupsieve
    rules = []
    for selector in _split(prelude):
        if not selector or NO_PAGE_TEXT.search(selector):
            continue
        hides = any(HIDING[name](value) for name, value, _ in declarations)
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
