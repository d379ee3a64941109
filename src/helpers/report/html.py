"""The report's HTML: Jinja2 templates (templates/report/, autoescape on) laid out from data prepared in Python.

Python prepares tables as data (`Table`, `Cell`), figures as SVG (`Figure`) and words from helpers.core.wording; the
templates decide the markup. Every value a template prints is escaped unless it is `Markup` made here: SVG
written by matplotlib (which escapes its text) or a wording sentence built by `Wording.describe(html=True)`.
A `<script>` in an indicator name is therefore shown as text, wherever it appears.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from helpers.core.paths import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "templates" / "report"


class Html(str):
    """Rendered HTML that Jupyter shows as HTML (a section is the value of its notebook cell)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __html__(self) -> str:
        return str(self)


@dataclass
class Cell:
    text: object = ""                 # str (escaped when printed) or Markup
    light: str | None = None          # a judgement code: drawn as a coloured label (CSS class j-<code>)
    lang: str | None = None           # "zh" for text quoted from a source document
    css: str = ""


@dataclass
class Column:
    label: str
    kind: str = "text"                # text | name | num | judgement | note | quote | src | nowrap
    fold: bool = False                # on a phone: folded under the row's "more" toggle instead of a column


@dataclass
class Row:
    cells: list[tuple[Column, Cell]]
    folded: list[tuple[Column, Cell]]


@dataclass
class Table:
    columns: list[Column]
    rows: list[list]                  # each cell: str, number, None, Markup or Cell
    caption: str = ""
    css: str = ""
    more: str = ""                    # the label of a row's fold toggle
    body: list[Row] = field(init=False)

    def __post_init__(self):
        self.body = []
        for values in self.rows:
            cells = [(c, v if isinstance(v, Cell) else Cell("—" if v is None else v))
                     for c, v in zip(self.columns, values)]
            self.body.append(Row([x for x in cells], [x for x in cells if x[0].fold]))

    @property
    def folds(self) -> bool:
        return any(c.fold for c in self.columns)

    @property
    def last_key(self) -> int:
        """The last column that stays on a phone: it carries the row's fold toggle."""
        return max(i for i, c in enumerate(self.columns) if not c.fold)


@dataclass
class Figure:
    svg: Markup
    caption: str = ""
    css: str = ""
    drawn: object = field(default=None, repr=False)   # the matplotlib figure the SVG was written from


def svg(fig) -> Markup:
    """A matplotlib figure as inline SVG, sized by the page's CSS (its viewBox kept, its fixed size dropped).
    Text stays text (svg.fonttype none): it is searchable, sharp on a phone, and its size can be measured."""
    import matplotlib as mpl
    buf = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "report"}):
        fig.savefig(buf, format="svg")
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    text = re.sub(r'^<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"',
                  lambda m: f'<svg{m[1]} data-width-pt="{m[2]}" role="img"', text, count=1)
    return Markup(text)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env


def render(template: str, **data) -> Html:
    return Html(environment().get_template(template).render(**data))
