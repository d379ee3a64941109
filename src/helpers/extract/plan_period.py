"""A plan's period as its document's title names it, and the one check of it against the plan's entry.

A plan entry in config/sources.yaml may leave out `plan_period`: it then took the file-level default (十四五,
2020→2025) whatever the document was, and a 十五五 plan (2025年 | 2030年) was read as a 十四五 one: its 2025 base
figures became 2025 targets, judged as met or missed (redteam19, class 1, finding 1). Now the document's title says
the period when it names one:

- the title is the first short line or paragraph among the document's first few that names a plan (…规划, …纲要,
  …计划, 关于印发《…规划》的通知), with the short lines right under it ((2026—2030年) centred under the title);
- it names a period by its name (人才发展“十五五”规划, “十五五”人才发展规划, 十五五时期, 第十五个五年) or by its years
  ((2026—2030年), 2026-2030年, in Arabic or Chinese digits): the name's years are those of the configured period of
  that name, else placed by arithmetic (helpers.core.periods.resolve_period); years alone are the known period with
  those years (one of no known period stops: its name cannot be told);
- a title naming two periods (by two names, or a name and other years) names none for sure: it stops.

Then (helpers.extract.plans): an entry without `plan_period` takes the title's period (logged in the cleaning log,
with the title's place); an entry whose own `plan_period` differs from the title's stops, naming both; a title that
names no period leaves the default, which the table's year columns must then fit (tables.resolve_year_columns stops
otherwise, its advice naming `plan_period:` first with the years the columns show).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from helpers.core.config import FIVE_YEAR_NAME, Plan, PlanPeriod, Sources
from helpers.core.errors import InputError
from helpers.core.paths import display_path
from helpers.core.periods import known_periods, resolve_period
from helpers.core.text import normalise
from helpers.extract.name_meaning import PLAN_NOUN, simplified

# Where a title is looked for: among the first few lines or paragraphs (a web page's or an export's first lines may be
# the site's 索引号, 发布机构 … before it), one as short as a title (plans.TITLE_CHARS) naming a plan; and the short
# lines right under it (plans.UNDER_THE_TITLE, SUBTITLE_CHARS).
TITLE_SEARCH = 8
TITLE_CHARS = 60
UNDER_THE_TITLE = 2
SUBTITLE_CHARS = 20

_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CHINESE_YEAR = re.compile(r"(?<![十〇零○一二三四五六七八九])[一二][〇零○一二三四五六七八九]{3}(?=年|[-—–~～－至到])")
# A period's name in a title, its marks left out first (“十五五”, 「十五五」, 十 五 五): 十n五 or 第十n个五年.
_NAME = re.compile(r"十([一二三四五六七八九])五|第?十([一二三四五六七八九])个五年")
_MARKS = re.compile(r"[\s\"'`＂＇“”‘’「」『』〝〞《》〈〉·・]")
# Its years: 2026—2030年, (2026-2030年), 2026年—2030年, 2026至2030年 (Chinese digits are read as digits first).
_YEARS = re.compile(r"((?:19|20)\d{2})年?\s*(?:[-—–~～－至到]+|－)\s*((?:19|20)\d{2})年")


@dataclass(frozen=True)
class TitlePeriod:
    period: PlanPeriod
    where: object        # the title's line number (a text file) or Place
    quote: str           # the title (and the lines under it that name the period), as written
    words: str           # what names the period: 十五五, 2026—2030年

    def said(self, path) -> str:
        """Where the title names it, for a message: file, place ('title')."""
        return f"{display_path(path)}, {_where(self.where)} ('{self.quote[:60]}')"


def _where(where) -> str:
    return f"line {where}" if isinstance(where, int) else str(where)


def _title(items: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """The title and the short lines under it, (where, text), or [] when the first lines name no plan."""
    for i, (where, text) in enumerate(items[:TITLE_SEARCH]):
        shown = normalise(text).strip()
        if len(shown) <= TITLE_CHARS and PLAN_NOUN.search(simplified(shown).lower()):
            under = []
            for below in items[i + 1:i + 1 + UNDER_THE_TITLE]:
                if len(normalise(below[1]).strip()) > SUBTITLE_CHARS:
                    break
                under.append(below)
            return [(where, text), *under]
    return []


def _named(text: str, under: bool = False) -> tuple[set[str], set[tuple[int, int]]]:
    """The period names (十五五) and year spans ((2025, 2030): base year, target year) a line names. A line `under`
    the title names a period only as the years alone ((2026—2030年)): a short line of prose there (“十四五”期间…)
    names the period before."""
    bare = _MARKS.sub("", normalise(text))
    names = {f"十{m.group(1) or m.group(2)}五" for m in _NAME.finditer(bare)}
    digits = _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS), bare)
    if under:
        whole = _YEARS.fullmatch(digits.strip("()（）[]【】"))
        found, names = [whole] if whole else [], set()
    else:
        found = list(_YEARS.finditer(digits))
    spans = {(int(m.group(1)) - 1, int(m.group(2))) for m in found if int(m.group(2)) > int(m.group(1))}
    return {n for n in names if FIVE_YEAR_NAME.fullmatch(n)}, spans


def _names_year(text: str, year: int) -> bool:
    """Whether a title names the year (2035年, 二〇三五年)."""
    bare = _MARKS.sub("", normalise(text))
    return f"{year}年" in _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS), bare)


def title_period(path, items: list[tuple[object, str]], sources: Sources) -> TitlePeriod | None:
    """The period the document's title names (see the module's doc), or None when it names none. `items`: the
    document's lines or paragraphs with text, in order, (where, text). Stops at a title that names two."""
    title = _title(items)
    names, spans, words = set(), set(), []
    for i, (_, text) in enumerate(title):
        found, years = _named(text, under=i > 0)
        if found or years:
            words.append(text.strip())
        names |= found
        spans |= years
    if not names and not spans:
        return None
    where = title[0][0]
    quote = " ".join(dict.fromkeys([title[0][1].strip(), *words]))
    configured = sources.periods()
    periods = {resolve_period(n, configured) for n in names}
    for base, target in spans:
        period = next((p for p in known_periods(configured) if (p.base_year, p.target_year) == (base, target)), None)
        if period is None and not names:
            raise InputError(path, where, f"the document's title ('{quote[:60]}') names the years {base + 1}—{target}, "
                             "which are no plan period the project knows (a five-year plan's, or one configured), "
                             "so its name cannot be told",
                             f"give the plan's entry in {display_path(sources.path)} its period: `plan_period: {{name: "
                             f"…, base_year: {base}, target_year: {target}}}` with the name the plan goes by.")
        periods.add(period or PlanPeriod("", base, target))
    if len(periods) > 1:
        shown = "; ".join(f"{p.name or '…'} ({p.base_year}→{p.target_year})"
                          for p in sorted(periods, key=lambda p: p.base_year))
        raise InputError(path, where, f"the document's title ('{quote[:60]}') names more than one plan period "
                         f"({shown}), so which one the plan is for cannot be told",
                         f"give the plan's entry in {display_path(sources.path)} the period its table sets targets "
                         "for: `plan_period: {name: …, base_year: …, target_year: …}` "
                         f"(e.g. {shown.split('; ')[-1]}).")
    period = periods.pop()
    return TitlePeriod(period, where, quote, " ".join(sorted(names)) or
                       f"{period.base_year + 1}—{period.target_year}年")


def with_title_period(path, plan: Plan, items: list[tuple[object, str]],
                      sources: Sources) -> tuple[Plan, TitlePeriod | None]:
    """The plan with its period as its document's title names it (an entry without `plan_period`), and that
    title's period (None: the title names none). An entry whose own period differs from the title's stops."""
    found = title_period(path, items, sources)
    if found is None:
        return plan, None
    period = found.period
    # (the same years under another name, 人才发展行动 for 2020→2025, read the table alike: the entry's name stands;
    # so does a title that names the entry's target year as well: “十五五”规划和二〇三五年远景目标 for 2025→2035)
    same = (period.base_year, period.target_year) == (plan.period.base_year, plan.period.target_year)
    if plan.period_given and not same and not _names_year(found.quote, plan.period.target_year):
        theirs = f"{period.name} ({period.base_year}→{period.target_year})"
        ours = f"{plan.period.name} ({plan.period.base_year}→{plan.period.target_year})"
        raise InputError(sources.path, plan.line,
                         f"the entry of {plan.file} gives plan_period {ours}, but the document's title names {theirs} "
                         f"('{found.words}', {found.said(path)}): its table would be read as the other period's "
                         "plan (the base year's figures as targets, or the targets as the base)",
                         f"if the document is the plan for {theirs}, correct this entry's plan_period to "
                         f"`plan_period: {{name: {period.name}, base_year: {period.base_year}, target_year: "
                         f"{period.target_year}}}` (or leave it out: the title gives it); if the entry's period is "
                         f"right, the file is another period's plan: name the plan for {ours} under `file:` and run "
                         "`make manifest`.")
    if plan.period_given:
        return plan, found
    return replace(plan, period=period, period_from=found.said(path)), found
