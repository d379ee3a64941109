"""The report's building blocks: chapters made of tables, figures, legends and notes, laid out as HTML by the
Jinja2 templates in templates/report/ (autoescape on).

A chapter (helpers.report.chapters) is a heading and a list of blocks: {"kind": "table", "table": Table},
{"kind": "figures", "figures": [Figure]}, {"kind": "legend"|"notes"|"list", "entries": [...]},
{"kind": "heading"|"paragraph", "text": ...}; `chapter` renders it. New chapters are made the same way.

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

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from helpers.analyse import charts
from helpers.analyse.evaluation import AHEAD, BEHIND, HELD, NOT_HELD, ON_SCHEDULE
from helpers.analyse.growth import (
    CATEGORIES,
    NOT_ASSESSABLE,
    RATE_CAGR,
    STRICT,
    TARGET_MET,
    TARGET_MISSED,
)
from helpers.analyse.progress import VERDICTS, verdict_label
from helpers.core import wording
from helpers.core.formatting import COMPARATOR_SIGNS, bound_text
from helpers.core.formatting import number as fmt_num
from helpers.core.formatting import percent as fmt_pct
from helpers.core.paths import REPORT_TEMPLATES
from helpers.core.periods import BEFORE, FINAL_PHASES, IN_PERIOD
from helpers.core.style import LIGHTS, light_text_colour
from helpers.core.wording import place_text
from helpers.report.context import ReportContext

# The headline judgements that open both documents (chapters.summary): at least 5 sentences and at most 8. The
# brief's later chapters do not repeat what they state (chapters.plan: N of M targets met per county).
MIN_SENTENCES, MAX_SENTENCES = 5, 8


class Html(str):
    """Rendered HTML that Jupyter shows as HTML (a chapter is the value of its notebook cell). A chapter's HTML
    keeps the blocks it was rendered from (`blocks`), so that what a chapter prepares can be read without
    parsing its HTML (tests/test_chapters.py)."""

    blocks: list[dict] = []

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
    env = Environment(loader=FileSystemLoader(str(REPORT_TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env


def render(template: str, **data) -> Html:
    return Html(environment().get_template(template).render(**data))


# ----------------------------------------------------------------------------- chapters and their blocks

def chapter(ctx: ReportContext, chapter_id: str, title: str, blocks: list[dict], first: bool = False) -> Html:
    """One chapter (templates/report/chapter.html.j2). Empty blocks are left out."""
    kept = [b for b in blocks if b and not (b["kind"] == "figures" and not b["figures"])]
    html = render("chapter.html.j2", id=chapter_id, title=title, blocks=kept, first=first,
                  figure_label=ctx.t("report.figure_label"), figure_sep=ctx.t("report.figure_sep"))
    html.blocks = kept
    return html


def table_block(table: Table | None) -> dict | None:
    return None if table is None else {"kind": "table", "table": table}


def notes_block(*entries: str) -> dict:
    return {"kind": "notes", "entries": list(entries)}


def heading_block(text: str) -> dict:
    return {"kind": "heading", "text": text}


def figures(ctx: ReportContext, name: str, draw) -> list[Figure]:
    """Figures drawn and written as SVG once per context: the brief and the report show the same ones.
    draw() returns [(matplotlib figure or None, caption)], or [(figure or None, caption, note)]: a note says what
    that part alone draws (a mark explained only where it is drawn), after the caption and its part number, so
    that the parts of one chart, sharing the caption, are still numbered as one."""
    if name not in ctx.figures:
        charts.use_style()   # the Chinese font, whoever calls (the notebook sets it too)
        drawn = [(item[0], item[1], item[2] if len(item) > 2 else "") for item in draw() if item[0] is not None]
        ctx.figures[name] = [Figure(svg(fig), caption + note, drawn=fig)
                             for fig, caption, note in numbered_parts(ctx, drawn)]
    return ctx.figures[name]


FULL_STOPS = ("。", ".")


def numbered_parts(ctx: ReportContext, drawn: list[tuple]) -> list[tuple]:
    """Figures that continue one another (a long chart in several parts) share a caption: each says which part
    it is ("(1/3)"), so that no two captions read the same. The part belongs to the caption's last sentence: it
    comes before the full stop ("…之比（1/2）。", "… reached) (1 of 2).")."""
    totals: dict[str, int] = {}
    for _, caption, *_rest in drawn:
        totals[caption] = totals.get(caption, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for fig, caption, *rest in drawn:
        if totals[caption] > 1:
            seen[caption] = seen.get(caption, 0) + 1
            part = ctx.t("report.figure_part", n=seen[caption], total=totals[caption])
            stop = caption[-1] if caption.endswith(FULL_STOPS) else ""
            caption = caption[:len(caption) - len(stop)] + part + stop
        out.append((fig, caption, *rest))
    return out


def figure_block(ctx: ReportContext, items: list) -> dict:
    """items: figures from `figures` (already SVG), or (matplotlib Figure or None, caption) pairs, each made
    inline SVG with its caption here. On paper and wide screens the figures of one block sit side by side."""
    figs = [item if isinstance(item, Figure) else Figure(svg(item[0]), item[1], drawn=item[0])
            for item in items if isinstance(item, Figure) or item[0] is not None]
    return {"kind": "figures", "figures": figs}


# ----------------------------------------------------------------------------- judgements as traffic lights

def light_styles() -> list[tuple[str, str, str]]:
    """The traffic-light CSS classes: (code, background, text colour), from the one colour mapping
    (helpers.core.style: progress categories and 序时进度 judgements)."""
    return [(code, colour, light_text_colour(code)) for code, colour in LIGHTS.items()]


def light(ctx: ReportContext, category, final: bool = False) -> Cell:
    if not isinstance(category, str) or not category:
        return Cell("—")
    return Cell(judgement_label(ctx, category, final), light=category)


def judgement_label(ctx: ReportContext, code: str, final: bool = False) -> str:
    """A verdict as the reader sees it (helpers.analyse.progress.verdict_label): a progress category (进度正常 …),
    a 序时进度 judgement (快于序时进度 …), or at a final evaluation met / not met (达标 / 未达标)."""
    return verdict_label(code, ctx.lang, final)


# The verdicts each kind of year can give (the legend shows these, and any other the scorecard holds).
PHASE_CODES = {
    "final": [TARGET_MET, TARGET_MISSED, NOT_ASSESSABLE],
    IN_PERIOD: [AHEAD, ON_SCHEDULE, BEHIND, HELD, NOT_HELD, NOT_ASSESSABLE],
    "base": [c for c in CATEGORIES if c != TARGET_MISSED],
}
PHASE_CODES["before"] = PHASE_CODES["base"]     # judged as at the base year, but not called the base year


def year_kind(ctx: ReportContext) -> str:
    """final, in_period, base (the base year), before (a year before the plan's base year), or mixed: which
    verdicts the year gives, and how the scorecard says so."""
    phases = set(ctx.progress["plan_phase"])
    kinds = {"final" if ph in FINAL_PHASES else IN_PERIOD if ph == IN_PERIOD else "before" if ph == BEFORE else "base"
             for ph in phases}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def verdict_codes(ctx: ReportContext) -> list[str]:
    """A legend's codes: the verdicts the kind of year can give, and any other the progress table holds, in
    order."""
    possible = set(ctx.progress["verdict"].dropna()) | set(PHASE_CODES.get(year_kind(ctx), []))
    return [c for c in VERDICTS if c in possible]


def legend(ctx: ReportContext, short: bool = False, note: str = "", codes=CATEGORIES, final: bool = False) -> dict:
    labels = ctx.w.table("categories_short") if short else None
    entries = [(c, f"{labels[c]} = {judgement_label(ctx, c, final)}" if short else judgement_label(ctx, c, final))
               for c in codes]
    return {"kind": "legend", "entries": entries, "note": note}


# ----------------------------------------------------------------------------- cells

def indicator_cell(ctx: ReportContext, ind_id: str, comparability: str = "same") -> str:
    name = ctx.indicator_name(ind_id)
    if comparability == "caveat":
        return name + ctx.t("report.caveat_mark", caveat=ctx.t("definitions.caveat"))
    return name


def indicator_with_unit(ctx: ReportContext, ind_id: str, unit: str, comparability: str = "same") -> str:
    """The indicator and its unit, '党政人才（万人）', for a table whose numbers stand without one. One bracket
    holds everything said after the name: a name's own closing bracket, the unit, the caveat mark
    ('社会工作专业人才（每万人持证数，人/万人）', never '…（每万人持证数）（人/万人）')."""
    name = ctx.indicator_name(ind_id)
    notes = []
    opening, closing = ("（", "）") if ctx.lang == "zh" else (" (", ")")
    if name.endswith(closing) and name.rfind(opening.strip()) > 0:
        cut = name.rindex(opening.strip())
        name, notes = name[:cut].rstrip(), [name[cut + 1:-1]]
    if isinstance(unit, str) and unit:
        notes.append(ctx.unit(unit))
    if comparability == "caveat":
        notes.append(ctx.t("definitions.caveat"))
    return ctx.t("report.with_notes", name=name, notes=ctx.t("report.notes_sep").join(notes)) if notes else name


def value_text(ctx: ReportContext, value, comparator=None, unit: str | None = None) -> str:
    """An actual (or any figure) as the report writes it: an actual recorded as a bound, ≥19.5 or >19.9, with its
    comparator, never shown as the figure, and its number rounded toward the bound (helpers.core.formatting
    .bound_text: >123.45 is >123.4, never >123.5, which would say 123.47 is too little); the number in the report's
    format, the unit in its language. A target: target_text."""
    return _with_unit(ctx, bound_text(value, comparator), unit, value)


def difference_text(ctx: ReportContext, value, unit: str | None = None) -> str:
    """A difference of two figures (a gap to the target, actual − target) as the report writes it: in the figures'
    unit, except that a difference of two figures in % is in percentage points, 个百分点 (45% against 50% is −5个百分点
    / −5 percentage points, never "−5%", which beside a completion rate of 90.0% reads as a second rate)."""
    if unit != "%":
        return value_text(ctx, value, unit=unit)
    text = fmt_num(value)
    return text if text == "—" else ctx.t("report.points", points=text, n=abs(value))


def target_text(ctx: ReportContext, value, comparator=None, unit: str | None = None) -> str:
    """A target as the report writes it: its comparator (every one: a target's '≥35' and '>35' are judged
    differently) and its number rounded as every number is: a target is the plan's own threshold, not a bound on
    an unknown figure."""
    text = fmt_num(value)
    return text if text == "—" else _with_unit(ctx, _comparator(comparator) + text, unit, value)


def _with_unit(ctx: ReportContext, text: str, unit: str | None, value=None) -> str:
    if text == "—" or not unit:
        return text
    # '0.2 (10,000 persons)', never '0.2 10,000 persons'; '1 item', never '1 items'
    return text + ctx.w.unit_after(unit, value)


def year_value_text(ctx: ReportContext, year, value, comparator=None) -> str:
    """'2025: 15.1' (an actual with the year it is for; '2025: >19.9' for a bound), or — when there is none."""
    return "—" if value is None or pd.isna(value) else f"{int(year)}: {value_text(ctx, value, comparator)}"


def rate_text(ctx: ReportContext, value, method, comparator=None) -> str:
    if value is None or pd.isna(value):
        return "—"
    prefix = comparator if comparator in STRICT else ""
    if method == RATE_CAGR:
        return prefix + fmt_pct(value)
    return prefix + ("+" if value >= 0 else "") + fmt_num(value, digits=3) + ctx.t("report.per_year")


def yes_no(ctx: ReportContext, value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return ctx.t("report.yes") if value else ctx.t("report.no")


def source_ref(ctx: ReportContext, place: dict) -> str:
    """Where a value is, as its format has it, in the report's language: 第48行, 工作表…单元格B5, 第24段,
    表1第3行第5列, 第2页第5行 … (helpers.core.records.place_of_row gives the place from a row)."""
    return place_text({**place, "file": str(place["file"]).rsplit("/", 1)[-1]}, ctx.w)


def decision_text(ctx: ReportContext, step: str, values) -> str:
    """A cleaning decision in the report's language, from its language-neutral record (cleaning_log.csv)."""
    return wording.decision_text(step, values, ctx.w, html=True)


def evidence_text(ctx: ReportContext, evidence) -> str:
    """A cleaning decision's evidence in the report's language (cleaning_log.csv evidence_values)."""
    return wording.evidence_text(evidence, ctx.w, html=True)


def explanation_text(ctx: ReportContext, explanation) -> str:
    """What a check found, in the report's language (consistency.csv explanation_values)."""
    return wording.explanation_text(explanation, ctx.w, html=True)


def _comparator(comparator) -> str:
    if comparator is None or (not isinstance(comparator, str) and pd.isna(comparator)) or comparator == "":
        return ""
    return COMPARATOR_SIGNS[comparator]     # (an unknown comparator is a defect upstream: never printed as nothing)


# ----------------------------------------------------------------------------- labels in figures

def bound_caption(ctx: ReportContext, panels: list[dict], key: str = "figures.bound_caption") -> str:
    """What a hollow triangle is, for a figure that draws one: trend panels (an actual recorded as a bound, left out
    of the fit: charts.trend_panels), or with key figures.ratio_bound_caption the rows of a ratio chart
    (charts.ratio_chart: the ratio of a bound)."""
    return ctx.t(key) if any(p.get("bounds") for p in panels) else ""


def figure_label(ctx: ReportContext, text: str) -> str:
    """A label or panel title wrapped to the figure's width, in the report's language."""
    return charts.wrap_label(text, ctx.lang)


def series_name(ctx: ReportContext, entity: str, ind_id: str) -> str:
    """'建德市 · 人才资源总量': one county's series of one indicator, as figures name it."""
    return f"{ctx.entity_name(entity)}{ctx.t('figures.sep')}{ctx.indicator_name(ind_id)}"


LOWER_MARK = " ↓"   # after a ratio chart's row label: lower is better


def ratio_label(ctx: ReportContext, ind_id: str, comparability: str) -> str:
    """An indicator's row label in a ratio chart, wrapped; ↓ marks one where lower is better."""
    lower = ctx.inputs.catalogue.indicators[ind_id].direction == "lower"
    return figure_label(ctx, indicator_cell(ctx, ind_id, comparability) + (LOWER_MARK if lower else ""))
