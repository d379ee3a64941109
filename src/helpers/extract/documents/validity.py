"""Which rules of a web page's style sheet the browser keeps: a selector list's validity, and `@supports`.

CSS drops a rule whose selector list holds one selector the browser does not know (`.h, ::nonsense-x {…}` is
dropped whole: Chromium 156 shows the .h), but a forgiving list inside `:is()` and `:where()` drops only the item
(`:is(.h, ::nonsense-x)` matches .h). An `@supports` block applies where its condition holds. Each is answered here
as Chromium 156 answers it, three ways: VALID (or True), INVALID (False), or UNKNOWN (None) where this reader cannot
be sure: a pseudo-class or pseudo-element it does not know (a browser may know it), a property whose values it
does not check, syntax it does not read. What it knows is checked against Chromium 156
(tests/extract/test_css_rules_kept.py); an UNKNOWN is never guessed: the rules it governs are read as holding on
some devices only (media.Query), so that a table cell whose figure they change stops the run (web._media_doubts).
"""
from __future__ import annotations

import re

VALID, INVALID, UNKNOWN = "valid", "invalid", "unknown"

# The pseudo-classes Chromium 156 knows (each checked there with CSS.supports("selector(:name)")); a name not here
# may still be one a browser knows (UNKNOWN), but those of other engines' prefixes are never Chromium's.
PSEUDO_CLASSES = {
    "active", "any-link", "autofill", "checked", "current", "default", "defined", "disabled", "empty", "enabled",
    "first-child", "first-of-type", "focus", "focus-visible", "focus-within", "fullscreen", "future", "hover",
    "in-range", "indeterminate", "invalid", "last-child", "last-of-type", "link", "modal", "only-child",
    "only-of-type", "open", "optional", "out-of-range", "past", "picture-in-picture", "placeholder-shown",
    "popover-open", "read-only", "read-write", "required", "root", "scope", "target", "user-invalid", "user-valid",
    "valid", "visited", "host", "xr-overlay", "target-current", "active-view-transition", "horizontal",
    "vertical", "decrement", "increment", "start", "end", "double-button", "single-button", "no-button",
    "corner-present", "window-inactive", "-webkit-any-link", "-webkit-autofill", "-webkit-full-screen",
    "-webkit-drag"}
# The pseudo-classes that take arguments: those whose arguments are selectors (NOT_FORGIVING, FORGIVING), An+B
# (NTH), and others whose arguments are not checked here (their validity is UNKNOWN unless a single word).
FORGIVING = {"is", "where"}
NOT_FORGIVING = {"not", "has", "-webkit-any"}
NTH = {"nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"}
OTHER_FUNCTIONS = {"lang", "dir", "host", "host-context", "state", "active-view-transition-type"}
# The pseudo-elements Chromium 156 knows; any `::-webkit-…` is kept as one (Selectors 4, for old pages' sake), and
# :before, :after, :first-letter, :first-line are pseudo-elements with one colon.
PSEUDO_ELEMENTS = {
    "before", "after", "first-letter", "first-line", "marker", "placeholder", "selection", "backdrop",
    "file-selector-button", "cue", "grammar-error", "spelling-error", "target-text", "view-transition",
    "details-content", "scroll-marker", "scroll-marker-group", "checkmark", "picker-icon", "column", "search-text"}
PSEUDO_ELEMENT_FUNCTIONS = {"part", "slotted", "highlight", "picker", "cue", "view-transition-group",
                            "view-transition-image-pair", "view-transition-old", "view-transition-new",
                            "scroll-button"}
LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-letter", "first-line"}
OTHER_ENGINES = ("-moz-", "-ms-", "-o-")
ATTRIBUTE_MATCHERS = {"=", "~=", "|=", "^=", "$=", "*="}
AN_PLUS_B = re.compile(r"^(?:even|odd|[+-]?[0-9]+|[+-]?[0-9]*n(?:\s*[+-]\s*[0-9]+)?)$")


class _Unreadable(Exception):
    """Syntax this reader does not read."""


def _words(tokens) -> list:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _split_commas(tokens) -> list[list]:
    parts, current = [], []
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    return [*parts, current]


def _worst(results) -> str:
    results = list(results)
    return INVALID if INVALID in results else UNKNOWN if UNKNOWN in results else VALID


def selector_list(tokens, relative: bool = False) -> tuple[str, str]:
    """A rule's selector list (tinycss2 tokens): VALID, INVALID (one of its selectors is: the browser drops the
    rule), or UNKNOWN; with the first selector that is not VALID, as written. `relative`: a nested rule's, whose
    selectors may begin with a combinator (`> .h`)."""
    import tinycss2
    found, which = VALID, ""
    for item in _split_commas(tokens):
        result = complex_selector(item, relative)
        if result != VALID and found != INVALID:
            found, which = result, tinycss2.serialize(item).strip()
    return found, which


def complex_selector(tokens, relative: bool = False, strict: bool = False) -> str:
    """One selector of a list: VALID, INVALID or UNKNOWN (Chromium 156). `strict`: as @supports selector() judges
    it (an unknown -webkit- pseudo-element or an invalid item of a forgiving list is not supported)."""
    tokens = [t for t in tokens if t.type != "comment"]
    while tokens and tokens[0].type == "whitespace":
        tokens.pop(0)
    if tokens and _combinator(tokens[0]):
        if not relative:
            return INVALID                                  # `> .h` at the top of a sheet
        tokens = tokens[1:]
    compounds = _compounds(tokens)
    if not compounds:
        return INVALID                  # `.h, {` (an empty selector), `.h >`, `.h > > .x`
    result = VALID
    for k, compound in enumerate(compounds):
        found, pseudo_element = _compound(compound, strict)
        if found == INVALID or (pseudo_element and k < len(compounds) - 1):
            return INVALID              # (`::before .x`: nothing after a pseudo-element's compound)
        result = _worst((result, found))
    return result


def _combinator(token) -> bool:
    return token.type == "literal" and token.value in (">", "+", "~")


def _compounds(tokens) -> list[list] | None:
    """The compound selectors between a selector's combinators; None where two combinators meet or one ends it."""
    compounds, current, pending = [], [], False
    for token in tokens:
        if token.type == "whitespace" or _combinator(token):
            if current:
                compounds.append(current)
                current, pending = [], False
            if _combinator(token):
                if pending:
                    return None
                pending = True
            continue
        current.append(token)
    if current:
        compounds.append(current)
    elif pending:
        return None
    return compounds


def _compound(tokens, strict: bool) -> tuple[str, bool]:
    """A compound selector (`span.h:hover`): its validity, and whether it ends in a pseudo-element."""
    result, pseudo_element, at = VALID, False, 0
    while at < len(tokens):
        if pseudo_element:
            return _worst((result, UNKNOWN)), True      # (`::-webkit-scrollbar:horizontal` is Chromium's)
        found, at, pseudo_element = _simple(tokens, at, strict)
        if found == INVALID:
            return INVALID, pseudo_element
        result = _worst((result, found))
    return result, pseudo_element


def _simple(tokens, at: int, strict: bool) -> tuple[str, int, bool]:
    """The simple selector at tokens[at]: its validity, where the next begins, whether it is a pseudo-element."""
    token = tokens[at]
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    if token.type == "ident" or (token.type == "literal" and token.value in ("*", "|")):
        if at:
            return INVALID, at + 1, False                   # a type selector not first in its compound (`.h*`)
        if token == "|" or following == "|":
            return UNKNOWN, at + 3 - (token == "|"), False  # a namespace (`*|a`, `svg|text`): not judged here
        return VALID, at + 1, False
    if token.type == "literal" and token.value == "&":
        return VALID, at + 1, False
    if token.type == "hash":
        return (VALID if token.is_identifier else INVALID), at + 1, False     # (`#1a` is no id)
    if token.type == "literal" and token.value == ".":
        return (VALID if following is not None and following.type == "ident" else INVALID), at + 2, False
    if token.type == "[] block":
        return _attribute(token.content), at + 1, False
    if token.type == "literal" and token.value == ":" and following is not None:
        if following.type == "literal" and following.value == ":":
            name = tokens[at + 2] if at + 2 < len(tokens) else None
            return _pseudo_element(name, strict), at + 3, True
        found = _pseudo_class(following, strict)
        return (VALID, at + 2, True) if found == "element" else (found, at + 2, False)
    return INVALID, at + 1, False                           # a number, a string, a block … where a selector is


def _attribute(content) -> str:
    """An attribute selector's content (`a`, `a=b`, `a="b" i`)."""
    words = _words(content)
    if not words:
        return INVALID
    if words[0].type != "ident" or any(t.type == "literal" and t.value == "|" for t in words):
        return UNKNOWN if any(t.type == "literal" and t.value in ("|", "*") for t in words) else INVALID
    if len(words) == 1:
        return VALID
    if words[1].type != "literal" or words[1].value not in ATTRIBUTE_MATCHERS or len(words) < 3 or \
            words[2].type not in ("ident", "string"):
        return INVALID
    if len(words) == 3:
        return VALID
    if len(words) == 4 and words[3].type == "ident" and words[3].lower_value == "i":
        return VALID
    return UNKNOWN                          # (`s`, which Chromium 156 does not take, and what else may come)


def _pseudo_class(token, strict: bool) -> str:
    """A pseudo-class after its colon: VALID, INVALID, UNKNOWN, or "element" (:before and the other three)."""
    if token.type == "ident":
        name = token.lower_value
        if name in PSEUDO_CLASSES:
            return VALID
        if name in LEGACY_PSEUDO_ELEMENTS:
            return "element"
        return INVALID if name.startswith(OTHER_ENGINES) else UNKNOWN
    if token.type != "function":
        return INVALID
    name = token.lower_name
    if name in FORGIVING:
        if not strict:
            return VALID                    # (its items are sorted out when it is matched: forgiven)
        return _worst(complex_selector(item, strict=True) for item in _split_commas(token.arguments)
                      if _words(item))
    if name in NOT_FORGIVING:
        return _not_forgiving(name, token.arguments, strict)
    if name in NTH:
        return _nth(token.arguments, of=name in ("nth-child", "nth-last-child"), strict=strict)
    if name in OTHER_FUNCTIONS:
        words = _words(token.arguments)
        return VALID if len(words) == 1 and words[0].type == "ident" else UNKNOWN
    return INVALID if name.startswith(OTHER_ENGINES) else UNKNOWN


def _not_forgiving(name: str, arguments, strict: bool) -> str:
    """:not(), :has() and :-webkit-any(): one invalid item makes the selector invalid."""
    items = _split_commas(arguments)
    if any(_has_pseudo_element(item) for item in items):
        return INVALID                      # (`:not(::before)`: Chromium 156 keeps none)
    if name == "has" and any(t.type == "function" and t.lower_name == "has" for item in items for t in item):
        return INVALID                      # (`:has(:has(…))`)
    return _worst(complex_selector(item, relative=name == "has", strict=strict) for item in items)


def _pseudo_element(token, strict: bool) -> str:
    if token is None:
        return INVALID
    if token.type == "ident":
        name = token.lower_value
        if name in PSEUDO_ELEMENTS:
            return VALID
        if name.startswith("-webkit-"):
            return UNKNOWN if strict else VALID
        return INVALID if name.startswith(OTHER_ENGINES) else UNKNOWN
    if token.type == "function":
        name = token.lower_name
        if name in PSEUDO_ELEMENT_FUNCTIONS:
            words = _words(token.arguments)
            return VALID if len(words) == 1 and words[0].type == "ident" else UNKNOWN
        return INVALID if name.startswith(OTHER_ENGINES) else UNKNOWN
    return INVALID


def _has_pseudo_element(tokens) -> bool:
    """Whether a selector's tokens name a pseudo-element (`::x`, or :before and the other three) outside ()."""
    tokens = list(tokens)
    for k, token in enumerate(tokens[:-1]):
        if token.type == "literal" and token.value == ":":
            following = tokens[k + 1]
            if following.type == "literal" and following.value == ":":
                return True
            if following.type == "ident" and following.lower_value in LEGACY_PSEUDO_ELEMENTS:
                return True
    return False


def _nth(arguments, of: bool, strict: bool) -> str:
    """:nth-child(An+B [of S]) and the others' An+B."""
    import tinycss2
    text = tinycss2.serialize(arguments).replace("/**/", "").strip()      # (2n+1 is written back as 2n/**/+1)
    found = re.search(r"\s+of\s+", text, re.IGNORECASE)
    formula, rest = (text[:found.start()], text[found.end():]) if found else (text, "")
    if not AN_PLUS_B.match(formula.strip().lower()):
        return UNKNOWN                      # (An+B is read by a grammar of its own; what is not common is not judged)
    if not found:
        return VALID
    if not of:
        return INVALID                      # `:nth-of-type(2 of .x)`
    items = _split_commas(tinycss2.parse_component_value_list(rest))
    if any(_has_pseudo_element(item) for item in items):
        return INVALID
    return _worst(complex_selector(item, strict=strict) for item in items)


def forgiven(selector: str, unmatched: list | None = None) -> str | None:
    """The selector with the items of its forgiving lists (`:is()`, `:where()`) that match nothing left out: an
    invalid one, and one naming a pseudo-element (never matched inside them), as the browser leaves them out;
    None where nothing is left of a list (it matches nothing). The selector as it is where it has no such list.
    An item this reader cannot match (`:nonsense-x`, which Chromium 156 does not know and leaves out, or one it
    knows that soupsieve does not match) is left out too, and added to `unmatched`: the list's other items match
    as in any browser (`:is(.h, :nonsense-x)` hides the .h), and what a browser that knows it matches by it is
    not told (the caller's doubt)."""
    if ":is(" not in selector.lower() and ":where(" not in selector.lower():
        return selector
    import tinycss2
    tokens = tinycss2.parse_component_value_list(selector)
    out = _forgive(tokens, unmatched=unmatched if unmatched is not None else [])
    return None if out is None else out.strip()


EMPTY_LIST = re.compile(r":(?:is|where)\(\s*\)", re.IGNORECASE)


def _matchable(selector: str) -> bool:
    """Whether soupsieve (the matcher of the page's rules) reads the selector."""
    import soupsieve
    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
        return False
    return True


def _forgive(tokens, nested: bool = False, unmatched: list | None = None) -> str | None:
    """The tokens written out with their forgiving lists' items that match nothing left out, and those this
    reader cannot match (added to `unmatched`); None where a list outside any other function is left empty (the
    selector matches nothing). Inside one (`:not(:is(::x))`, which matches every element) it is written `:is()`,
    which matches nothing (and soupsieve does not read: as an item of a list, it is left out)."""
    import tinycss2
    unmatched = [] if unmatched is None else unmatched
    out = []
    previous_colon = False
    for token in tokens:
        if token.type == "function" and previous_colon and token.lower_name in FORGIVING:
            kept = [item for item in _split_commas(token.arguments) if _words(item)
                    and not _has_pseudo_element(item) and complex_selector(item) != INVALID]
            inner = []
            for item in kept:
                each = _forgive(item, nested=True, unmatched=unmatched)
                if each is None or not each.strip() or (EMPTY_LIST.search(each) and ":not(" not in each.lower()):
                    continue        # (an item holding a list left empty, not inside :not(): it matches nothing)
                if _matchable(each.strip()):
                    inner.append(each.strip())
                else:
                    unmatched.append(each.strip())
            if not inner and not nested:
                return None
            out.append(f"{token.name}({', '.join(inner)})")
        elif token.type == "function":
            out.append(f"{token.name}({_forgive(token.arguments, nested=True, unmatched=unmatched)})")
        else:
            out.append(tinycss2.serialize([token]))
        previous_colon = token.type == "literal" and token.value == ":"
    return "".join(out)


# ------------------------------------------------------------------------------------------------- @supports
# The properties whose values are checked here, as Chromium 156 takes them; for any other a declaration in an
# @supports condition is UNKNOWN (a custom property's is always supported).
DISPLAY_KEYWORDS = {"none", "contents", "block", "inline", "inline-block", "flow", "flow-root", "table", "inline-table",
                    "table-row-group", "table-header-group", "table-footer-group", "table-row", "table-cell",
                    "table-column-group", "table-column", "table-caption", "flex", "inline-flex", "grid",
                    "inline-grid", "list-item", "ruby", "ruby-text", "math", "-webkit-box", "-webkit-inline-box",
                    "-webkit-flex", "-webkit-inline-flex"}
KEYWORD_VALUES = {"display": DISPLAY_KEYWORDS, "visibility": {"visible", "hidden", "collapse"},
                  "content-visibility": {"visible", "auto", "hidden"}}
CSS_WIDE = {"inherit", "initial", "unset", "revert", "revert-layer"}
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e[+-]?[0-9]+)?%?$")


def supports(tokens) -> bool | None:
    """An @supports condition (its prelude's tokens): True, False, or None where this reader cannot tell."""
    try:
        return _condition(_words(tokens))
    except _Unreadable:
        return None


def supports_declaration_or_condition(tokens) -> bool | None:
    """An @import's supports(…): a condition, or a declaration without its brackets."""
    words = _words(tokens)
    if len(words) >= 2 and words[0].type == "ident" and words[1].type == "literal" and words[1].value == ":":
        return _declaration(list(tokens))
    return supports(tokens)


def _condition(words) -> bool | None:
    if not words:
        raise _Unreadable
    if words[0].type == "ident" and words[0].lower_value == "not":
        if len(words) != 2:
            raise _Unreadable
        result = _in_parens(words[1])
        return None if result is None else not result
    results, joiner, rest = [_in_parens(words[0])], None, words[1:]
    while rest:
        if len(rest) < 2 or rest[0].type != "ident" or rest[0].lower_value not in ("and", "or"):
            raise _Unreadable
        if joiner not in (None, rest[0].lower_value):
            raise _Unreadable                   # `and` and `or` mixed without brackets
        joiner = rest[0].lower_value
        results.append(_in_parens(rest[1]))
        rest = rest[2:]
    if joiner == "or":
        return True if True in results else None if None in results else False
    return False if False in results else None if None in results else True


def _in_parens(token) -> bool | None:
    if token.type == "function":
        if token.lower_name == "selector":
            items = _split_commas(token.arguments)
            if len(items) != 1:
                return False                    # selector(.a, .b): one selector only
            found = complex_selector(items[0], strict=True)
            return {VALID: True, INVALID: False}.get(found)
        return None                             # font-tech(), and what this reader does not know
    if token.type != "() block":
        raise _Unreadable
    words = _words(token.content)
    if len(words) >= 2 and words[0].type == "ident" and words[1].type == "literal" and words[1].value == ":":
        return _declaration(token.content)
    try:
        return _condition(words)
    except _Unreadable:
        return None                             # (general-enclosed: not judged here)


def _declaration(tokens) -> bool | None:
    """`name: value` (with `!important`), as in an @supports condition."""
    import tinycss2
    words = _words(tokens)
    name = words[0].value
    at = next(k for k, t in enumerate(tokens) if t.type == "literal" and t.value == ":")
    value = [t for t in tokens[at + 1:] if t.type != "comment"]
    kept = _words(value)
    if len(kept) >= 2 and kept[-2].type == "literal" and kept[-2].value == "!" and kept[-1].type == "ident" \
            and kept[-1].lower_value == "important":
        value = value[:value.index(kept[-2])]
        kept = kept[:-2]
    if name.startswith("--"):
        return True
    name = name.lower()
    if name not in KEYWORD_VALUES and name != "opacity":
        return None
    if not kept:
        return False
    text = " ".join(tinycss2.serialize(value).split()).lower()
    if any(t.type == "function" for t in kept):
        return True if any(t.type == "function" and t.lower_name == "var" for t in kept) else None
    if text in CSS_WIDE:
        return True
    if name == "opacity":
        return True if NUMBER.match(text) else False if all(t.type == "ident" for t in kept) else None
    if len(kept) == 1 and kept[0].type == "ident":
        return text in KEYWORD_VALUES[name]
    return None if name == "display" and all(t.type == "ident" for t in kept) else \
        False if all(t.type == "ident" for t in kept) else None
