"""Media queries (`@media`, `<style media>`, `<link media>`, `@import … media`) against the devices a page is read on.

What a reader sees of a web page may depend on the device: a rule inside `@media (max-width: 600px)` applies on a
phone and not on a desktop, one inside `@media print` on paper only, one inside `@media (prefers-color-scheme:
dark)` in dark mode only. A query is evaluated against a Medium: a device with its medium type (screen or print),
its viewport (CSS pixels) and its settings. The page is read as a desktop browser shows it (PRIMARY: a screen 1280
px wide, 800 high, light mode, a mouse); the other devices a reader may use are sampled (Media.devices) where the
page's queries tell them apart: a phone (390 × 844), each side of every width and height a query names, print (A4,
718 px wide at the browser's default margins; A4 across, 1123), dark mode and the other settings the page asks
about. Queries are evaluated as Media Queries level 4 says (Chromium's behaviour): a list holds when one of its
queries does; `not`, `only`, `and`, `or`, the range syntax `(400px <= width < 700px)`, lengths in px, em (16 px),
rem, and the absolute units. A query this reader cannot evaluate (a feature it does not know, a syntax it does not
read) is taken as true on some devices and false on others: where that changes a figure, the figure is in doubt.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

# A length in a media query, in CSS pixels (em and rem are the browser's initial 16 px in a query).
UNIT_PIXELS = {"px": 1, "em": 16, "rem": 16, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4,
               "q": 96 / 101.6}
RESOLUTION = {"dppx": 1, "x": 1, "dpi": 1 / 96, "dpcm": 2.54 / 96}
TYPES = {"all", "screen", "print", "tv", "speech", "handheld", "projection", "aural", "braille", "embossed", "tty"}
# The settings a reader's device or browser may have, each with its values (the first: the primary device's).
SETTINGS = {
    "prefers-color-scheme": ("light", "dark"),
    "prefers-reduced-motion": ("no-preference", "reduce"),
    "prefers-reduced-transparency": ("no-preference", "reduce"),
    "prefers-reduced-data": ("no-preference", "reduce"),
    "prefers-contrast": ("no-preference", "more", "less", "custom"),
    "forced-colors": ("none", "active"),
    "inverted-colors": ("none", "inverted"),
    "hover": ("hover", "none"),
    "any-hover": ("hover", "none"),
    "pointer": ("fine", "coarse", "none"),
    "any-pointer": ("fine", "coarse", "none"),
    "color-gamut": ("srgb", "p3", "rec2020"),
    "dynamic-range": ("standard", "high"),
    "video-dynamic-range": ("standard", "high"),
}
# Features every device here has alike (a browser shows the page, scripts on).
FIXED = {"scripting": "enabled", "display-mode": "browser", "grid": 0, "color-index": 0, "monochrome": 0,
         "color": 8}
# Screen widths and heights a reader's device may have, and a printed page's (A4 to A4 across).
SCREEN_WIDTHS, SCREEN_HEIGHTS = (320, 3840), (480, 2160)
PRINT_WIDTHS, PRINT_HEIGHTS = (600, 1123), (700, 1123)


@dataclass(frozen=True)
class Medium:
    """A device the page may be read on."""
    type: str = "screen"
    width: float = 1280
    height: float = 800
    resolution: float = 1.0                     # dppx
    settings: tuple = ()                        # (feature, value) pairs set otherwise than the first of SETTINGS
    unknown: frozenset = field(default_factory=frozenset)   # the queries this reader cannot evaluate, taken as true

    def setting(self, name: str) -> str:
        return dict(self.settings).get(name, SETTINGS[name][0])

    def describe(self) -> str:
        """How a reader would name the device: 'printed (718 px wide)', 'on a screen 390 px wide, in dark mode'."""
        where = (f"printed ({self.width:g} px wide)" if self.type == "print" else
                 f"on a screen {self.width:g} px wide" + (f" and {self.height:g} high" if self.height !=
                                                          _height(self.type, self.width) else ""))
        extra = [f"{self.resolution:g} device pixels a CSS pixel"] if self.resolution != 1 else []
        extra += [f"{name}: {value}" if name != "prefers-color-scheme" else f"in {value} mode"
                  for name, value in self.settings]
        extra += [_unknown_holding(query) for query in sorted(self.unknown)]
        if self.unknown and self == Medium(unknown=self.unknown):
            return " and ".join(extra)          # (the primary device, in a browser that supports what it asks)
        return ", ".join([where, *extra])


def _unknown_holding(query: str) -> str:
    """How a device on which a condition this reader cannot evaluate holds is named: an @supports condition or a
    selector list (styles._Sheets.kept: `selector(…)`) by the browser that supports it."""
    for prefix in ("@supports selector(", "selector("):
        if query.startswith(prefix) and query.endswith(")"):
            return f"in a browser that knows the selector '{query[len(prefix):-1][:60]}'"
    if query.startswith("@supports "):
        return f"in a browser that supports '{query[len('@supports '):][:60]}'"
    if query.startswith("@starting-style"):
        return "in a browser that keeps '@starting-style' applied (Chromium 156 does, for display: none)"
    if query.startswith("@") and not query.startswith(("@container", "@scope")):
        return f"in a browser that applies '{query[:60]}'"       # (an at-rule this reader does not know)
    return f"where '{query[:60]}' holds"


PRIMARY = Medium()
KNOWN = {"width", "height", "device-width", "device-height", "aspect-ratio", "device-aspect-ratio", "orientation",
         "resolution", "-webkit-device-pixel-ratio", "update", "overflow-block", "overflow-inline", *SETTINGS, *FIXED}
# The widths a size in viewport units (vw) is worked out at: the narrowest phone, a phone, A4 printed, a desktop,
# the widest screen (3840 px, a 4K screen at 100%).
VIEWPORT_SAMPLES = {320.0, 390.0, 718.0, 1280.0, 3840.0}


class Query:
    """A media query list, parsed once; `holds(medium)`: True, False, or None where this reader cannot tell."""

    def __init__(self, text: str):
        import tinycss2
        self.text = " ".join(text.split())
        self.features: set[str] = set()          # the features it names
        self.breaks: dict[str, set[float]] = {"width": set(), "height": set()}   # the sizes it compares against
        try:
            tokens = [t for t in tinycss2.parse_component_value_list(text) if t.type != "comment"]
            self.queries = [self._query(part) for part in _split_commas(tokens)]
        except _Unreadable:
            self.queries = None

    def holds(self, medium: Medium) -> bool:
        """Whether it holds on the device; a query this reader cannot evaluate holds only on the devices that take it
        as true (Medium.unknown), none of them the primary."""
        if self.text in medium.unknown:
            return True
        return self.queries is not None and any(_evaluate(query, medium) for query in self.queries)

    @property
    def never(self) -> bool:
        """Whether it holds on no device: media types no browser is (`speech`, `tv`), `not all`."""
        return self.queries is not None and all(
            query[0] == "type" and query[3] is None and (query[2] not in ("all", "screen", "print")) != query[1]
            and not (query[1] and query[2] in ("screen", "print")) for query in self.queries)

    @property
    def unknown(self) -> bool:
        """Whether this reader cannot tell on which devices it holds."""
        if self.queries is None:
            return True
        return bool(self.features - KNOWN)

    # -------------------------------------------------------------------------------------------- parsing
    def _query(self, tokens) -> tuple:
        """One query: ('type', negated, name, condition or None), or a condition."""
        words = [t for t in tokens if t.type != "whitespace"]
        if not words:
            raise _Unreadable
        first = words[0].lower_value if words[0].type == "ident" else None
        if first is None or (first == "not" and len(words) > 1 and words[1].type != "ident"):
            return self._condition(words, allow_or=True)
        negated = first == "not"
        if first in ("not", "only"):
            words = words[1:]
        if not words or words[0].type != "ident" or words[0].lower_value in ("and", "or", "not", "only", "layer"):
            raise _Unreadable
        name, rest = words[0].lower_value, words[1:]
        if not rest:
            return ("type", negated, name, None)
        if rest[0].type != "ident" or rest[0].lower_value != "and":
            raise _Unreadable
        return ("type", negated, name, self._condition(rest[1:], allow_or=False))

    def _condition(self, words, allow_or: bool) -> tuple:
        if not words:
            raise _Unreadable
        if words[0].type == "ident" and words[0].lower_value == "not":
            if len(words) != 2:
                raise _Unreadable
            return ("not", self._in_parens(words[1]))
        parts, joiner = [self._in_parens(words[0])], None
        rest = words[1:]
        while rest:
            if len(rest) < 2 or rest[0].type != "ident" or rest[0].lower_value not in ("and", "or"):
                raise _Unreadable
            word = rest[0].lower_value
            if (joiner and word != joiner) or (word == "or" and not allow_or):
                raise _Unreadable
            joiner = word
            parts.append(self._in_parens(rest[1]))
            rest = rest[2:]
        return parts[0] if len(parts) == 1 else (joiner, parts)

    def _in_parens(self, token) -> tuple:
        if token.type != "() block":
            raise _Unreadable          # (a function: general-enclosed, which no device matches for sure)
        inner = [t for t in token.content if t.type != "whitespace"]
        if inner and (inner[0].type == "() block" or (inner[0].type == "ident" and inner[0].lower_value == "not")):
            return self._condition(inner, allow_or=True)
        return self._feature(inner)

    def _feature(self, inner) -> tuple:
        if len(inner) == 1 and inner[0].type == "ident":
            name = inner[0].lower_value
            self.features.add(name)
            return ("boolean", name)
        if len(inner) >= 3 and inner[0].type == "ident" and inner[1] == ":":
            name = inner[0].lower_value.replace("-webkit-min-", "min--webkit-").replace("-webkit-max-", "max--webkit-")
            bound = "min" if name.startswith("min-") else "max" if name.startswith("max-") else ""
            if bound:
                name = name[4:]
            value = _value(inner[2:])
            self.features.add(name)
            self._break(name, value)
            return ("compare", name, {"min": ">=", "max": "<=", "": "="}[bound], value)
        return self._range(inner)

    def _range(self, inner) -> tuple:
        """The range syntax: (width >= 600px), (600px <= width), (400px < width <= 700px)."""
        pieces, current = [], []
        for token in inner:
            if token.type == "literal" and token.value in ("<", ">", "="):
                if current:
                    pieces.append(current)
                    current = []
                if pieces and isinstance(pieces[-1], str) and pieces[-1] in "<>" and token.value == "=":
                    pieces[-1] += "="
                else:
                    pieces.append(token.value)
            else:
                current.append(token)
        if current:
            pieces.append(current)
        if len(pieces) not in (3, 5):
            raise _Unreadable
        terms = pieces[0::2]
        operators = pieces[1::2]
        names = [k for k, term in enumerate(terms) if len(term) == 1 and term[0].type == "ident"
                 and term[0].lower_value in ("width", "height", "aspect-ratio", "resolution", "device-width",
                                             "device-height", "device-aspect-ratio", "color", "monochrome")]
        if len(names) != 1 or (len(terms) == 3 and names != [1]):
            raise _Unreadable
        name = terms[names[0]][0].lower_value
        self.features.add(name)
        comparisons = []
        for k, operator in enumerate(operators):
            left, right = terms[k], terms[k + 1]
            if k + 1 == names[0]:                   # value op name: turned round, name op' value
                value = _value(left)
                comparisons.append(("compare", name, _turned(operator), value))
            else:
                value = _value(right)
                comparisons.append(("compare", name, operator, value))
            self._break(name, value)
        return comparisons[0] if len(comparisons) == 1 else ("and", comparisons)

    def _break(self, name: str, value) -> None:
        axis = "width" if name in ("width", "device-width") else "height" if name in ("height", "device-height") \
            else None
        if axis and isinstance(value, float):
            self.breaks[axis].add(value)


class _Unreadable(Exception):
    """A query this reader does not read."""


def _split_commas(tokens) -> list[list]:
    parts, current = [], []
    for token in tokens:
        if token == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    return [*parts, current]


def _turned(operator: str) -> str:
    return {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "="}[operator]


def _value(tokens):
    """A feature's value: a length or resolution as a float (px, dppx), a ratio as a float, an ident as a string."""
    words = [t for t in tokens if t.type != "whitespace"]
    if len(words) == 1:
        token = words[0]
        if token.type == "dimension":
            unit = token.lower_unit
            if unit in UNIT_PIXELS:
                return float(token.value) * UNIT_PIXELS[unit]
            if unit in RESOLUTION:
                return ("resolution", float(token.value) * RESOLUTION[unit])
            raise _Unreadable
        if token.type == "number":
            return ("number", float(token.value))
        if token.type == "ident":
            return token.lower_value
    if len(words) == 3 and words[1] == "/" and all(w.type == "number" for w in (words[0], words[2])):
        return ("number", float(words[0].value) / float(words[2].value)) if words[2].value else ("number", 1e9)
    raise _Unreadable


def _evaluate(node, medium: Medium) -> bool | None:
    kind = node[0]
    if kind == "type":
        _, negated, name, condition = node
        if name not in TYPES:
            return False if not negated else True
        matches = name == "all" or name == medium.type
        result = matches if condition is None else _and(matches, _evaluate(condition, medium))
        return _not(result) if negated else result
    if kind == "not":
        return _not(_evaluate(node[1], medium))
    if kind == "and":
        result = True
        for part in node[1]:
            result = _and(result, _evaluate(part, medium))
        return result
    if kind == "or":
        results = [_evaluate(part, medium) for part in node[1]]
        return True if True in results else None if None in results else False
    if kind == "boolean":
        value = _feature_value(node[1], medium)
        if value is None:
            return None
        return value not in (0, "none", "no-preference", "standard") and not (
            node[1] in ("hover", "any-hover", "pointer", "any-pointer") and value == "none")
    _, name, operator, wanted = node
    value = _feature_value(name, medium)
    if value is None:
        return None
    if isinstance(value, str) or isinstance(wanted, str):
        return value == wanted if operator == "=" else None
    if isinstance(wanted, tuple):
        wanted = wanted[1]
    return {"=": value == wanted, "<": value < wanted, ">": value > wanted, "<=": value <= wanted,
            ">=": value >= wanted}[operator]


def _and(a, b):
    return False if False in (a, b) else None if None in (a, b) else True


def _not(a):
    return None if a is None else not a


def _feature_value(name: str, medium: Medium):
    if name in ("width", "device-width"):
        return float(medium.width)
    if name in ("height", "device-height"):
        return float(medium.height)
    if name in ("aspect-ratio", "device-aspect-ratio"):
        return medium.width / medium.height
    if name == "orientation":
        return "portrait" if medium.height >= medium.width else "landscape"
    if name in ("resolution", "-webkit-device-pixel-ratio"):
        return medium.resolution
    if name in SETTINGS:
        return medium.setting(name)
    if name == "update":
        return "none" if medium.type == "print" else "fast"
    if name == "overflow-block":
        return "paged" if medium.type == "print" else "scroll"
    if name == "overflow-inline":
        return "none" if medium.type == "print" else "scroll"
    return FIXED.get(name)


# How many devices are told apart at most: past this the page's queries are too many to follow.
MAX_DEVICES = 64


def devices(queries: list[Query], viewport_units: bool = False) -> list[Medium]:
    """The devices that tell the queries apart (one for each set of answers the queries give), the primary first;
    with `viewport_units` (a size in vw, vh …) each width apart too. Queries whose answers are the same on every
    device sampled add none."""
    features = set().union(*(q.features for q in queries)) if queries else set()
    widths = {390.0, 1280.0}
    heights = {800.0, 844.0}
    for query in queries:
        widths |= {w + d for w in query.breaks["width"] for d in (-1, 0, 1)}
        heights |= {h + d for h in query.breaks["height"] for d in (-1, 0, 1)}
    if viewport_units:
        widths |= VIEWPORT_SAMPLES
    settings = [name for name in SETTINGS if name in features]
    unknown = sorted({q.text for q in queries if q.unknown})
    candidates = []
    for kind in ("screen", "print"):
        low, high = SCREEN_WIDTHS if kind == "screen" else PRINT_WIDTHS
        low_h, high_h = SCREEN_HEIGHTS if kind == "screen" else PRINT_HEIGHTS
        kind_widths = sorted({min(high, max(low, w)) for w in widths} | ({718.0, 1123.0} if kind == "print" else set()))
        kind_heights = sorted({min(high_h, max(low_h, h)) for h in heights} | ({1047.0} if kind == "print" else set()))
        sizes = [(w, h) for w in kind_widths for h in kind_heights] if heights_matter(features) else \
            [(w, _height(kind, w)) for w in kind_widths]
        resolutions = (1.0, 2.0, 3.0) if features & {"resolution", "-webkit-device-pixel-ratio"} else (1.0,)
        for (width, height), resolution in itertools.product(sizes, resolutions):
            for values in itertools.product(*(SETTINGS[name] for name in settings)):
                chosen = tuple((name, value) for name, value in zip(settings, values) if value != SETTINGS[name][0])
                for flagged in [(), *((query,) for query in unknown)]:      # each taken as true on its own
                    candidates.append(Medium(kind, width, height, resolution, chosen, frozenset(flagged)))
    candidates.sort(key=_unlike)                # (each answer's device: the one most like a desktop, or A4)
    if PRIMARY not in candidates:
        candidates.insert(0, PRIMARY)
    seen, chosen = set(), []
    for medium in candidates:
        answers = tuple(q.holds(medium) for q in queries)
        sized = viewport_units and medium.width in VIEWPORT_SAMPLES
        key = (answers, (medium.type, medium.width, medium.height) if sized else None)
        if key not in seen:
            seen.add(key)
            chosen.append(medium)
    return chosen


def _unlike(medium: Medium) -> tuple:
    """How far a device is from the usual one of its kind (a desktop's screen, A4 printed): fewest changes first."""
    usual = (PRIMARY.width, PRIMARY.height) if medium.type == "screen" else (718.0, 1047.0)
    return (medium.type != PRIMARY.type, len(medium.settings) + len(medium.unknown), medium.resolution != 1.0,
            medium.width != usual[0] and abs(medium.width - 390), abs(medium.width - usual[0]),
            abs(medium.height - _height(medium.type, medium.width)))


def _height(kind: str, width: float) -> float:
    """The usual height of a device of that kind and width: a phone's, a desktop's, A4's."""
    return 1047.0 if kind == "print" else 844.0 if width < 768 else 800.0


def heights_matter(features: set[str]) -> bool:
    return bool(features & {"height", "device-height", "aspect-ratio", "device-aspect-ratio", "orientation"})


