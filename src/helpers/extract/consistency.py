"""Cross-checking what a plan's prose says against its own table.

Every prose statement that names a table indicator is checked; disagreements are what
analysts must see: a different figure, a stronger or weaker target (以上 against a plain
number), a different definition, or an increase that does not match the table's two values.
"""
from __future__ import annotations

import json

from helpers.core.config import Catalogue, PlanPeriod
from helpers.core.paths import display_path
from helpers.core.records import Check, Observation
from helpers.core.text import name_key
from helpers.extract.prose import ProseStatement

VALUE_TOLERANCE = 0.005      # relative: below this two figures are the same figure, rounded
APPROX_TOLERANCE = 0.10      # for 左右 (about) increments

def _same(a: float, b: float, tolerance: float) -> bool:
    if b == 0:
        return a == 0
    return abs(a - b) <= tolerance * abs(b)


def check_plan(statements: list[ProseStatement], table: list[Observation], catalogue: Catalogue,
               period: PlanPeriod) -> list[Check]:
    """Every prose statement of one plan document against the same document's table (`period`: the plan's)."""
    checks: list[Check] = []
    by_key = {(o.entity, o.indicator_id, o.year, o.kind): o for o in table if o.origin == "table"}
    shown = {st.file: display_path(st.file) for st in statements}   # once a file: it resolves the path

    def add(st: ProseStatement, obs: Observation | None, check: str, status: str, explanation: dict,
            table_value=None) -> None:
        """One check; `explanation`: a code of consistency.explanations in the wording, and its values."""
        ind = catalogue.indicators[st.indicator_id]
        checks.append(Check(
            st.entity, st.indicator_id, ind.name_zh, check, status, st.year,
            table_value if table_value is not None else (obs.value if obs else None),
            obs.comparator if obs else "", st.value, st.comparator, ind.unit,
            json.dumps(explanation, ensure_ascii=False),
            obs.source_file if obs else "", obs.source_line if obs else None, obs.source_text if obs else "",
            shown[st.file], st.line, st.quote,
            table_place=json.dumps(obs.source_place, ensure_ascii=False) if obs and obs.source_place else "",
            prose_place=json.dumps(st.place.record(), ensure_ascii=False) if st.place else ""))

    for st in statements:
        if st.kind == "baseline":
            continue
        if st.kind == "increment":
            _check_increment(st, by_key, period, add)
            continue
        kind = "actual" if st.year is not None and st.year <= period.base_year else "target"
        obs = by_key.get((st.entity, st.indicator_id, st.year, kind))
        if obs is None:
            add(st, None, "prose_only", "not_checked", {"code": "prose_only"})
            continue
        _check_value(st, obs, add)
    return checks


def _check_increment(st: ProseStatement, by_key: dict, period: PlanPeriod, add) -> None:
    """新增x: the table's target minus its base-year actual must give the increase the prose promises."""
    if st.year != period.target_year:
        return  # an increase over the past period: the table has no earlier value to check it with
    actual = by_key.get((st.entity, st.indicator_id, period.base_year, "actual"))
    target = by_key.get((st.entity, st.indicator_id, period.target_year, "target"))
    if not actual or not target or actual.value is None or target.value is None:
        return
    change = target.value - actual.value
    if st.comparator in (">=", ">"):
        ok = change >= st.value * (1 - VALUE_TOLERANCE)
    else:
        ok = _same(change, st.value, APPROX_TOLERANCE if st.comparator == "≈" else VALUE_TOLERANCE)
    add(st, target, "increment", "agree" if ok else "disagree",
        {"code": "increment", "comparator": {"code": st.comparator}, "value": st.value, "unit": st.unit,
         "target_year": target.year, "target": target.value, "base_year": actual.year, "actual": actual.value,
         "change": change}, table_value=change)


def _check_value(st: ProseStatement, obs: Observation, add) -> None:
    """A stated level against the table's: its value, its comparator, and the definition its name implies."""
    if obs.value is None:
        add(st, obs, "value", "disagree", {"code": "no_table_value", "value": st.value, "unit": st.unit})
        return
    same = _same(st.value, obs.value, VALUE_TOLERANCE)
    diff = st.value - obs.value
    found = {"prose": st.value, "table": obs.value, "unit": st.unit}
    if same:
        found["code"] = "value_agrees"
    elif obs.value:
        found.update(code="value_differs", diff=diff, share=diff / obs.value)
    else:
        found.update(code="value_differs_from_zero", diff=diff)
    add(st, obs, "value", "agree" if same else "disagree", found)
    prose_cmp = "=" if st.comparator == "≈" else st.comparator
    if prose_cmp != obs.comparator:
        add(st, obs, "comparator", "disagree",
            {"code": "comparator", "prose_comparator": {"code": st.comparator}, "prose": st.value,
             "table_comparator": {"code": obs.comparator}, "table": obs.value})
    differs = st.prose_name.differs
    if differs and name_key(obs.source_name) in {name_key(n) for n in st.prose_name.differs_from}:
        # How the definitions differ, as the catalogue says it in each language (its differs, differs_en).
        how = {"zh": differs, "en": st.prose_name.differs_en}
        add(st, obs, "definition", "disagree",
            {"code": "definition", "prose_name": st.prose_name.name, "table_name": obs.source_name, "how": how})


def check_period_total(total: Observation, yearly: dict[int, Observation], period: PlanPeriod, summed: bool,
                       catalogue: Catalogue, ref) -> Check | None:
    """A 〔〕 figure in a plan's base column (a 十五五 plan's 2025 column 〔6500〕: the 十四五 five-year total; a 十四五
    plan's 2020 〔4000〕: the 十三五 one) against the same years' own figures (`yearly`: a year's kept value, by year;
    `ref`: where a figure is, as the check cites it). It is never a year's value, so it is never set against 2025's;
    it is set against what the years give: for a count (`summed`: the year's new ones entered) their sum over the
    total's years (2021–2025: 1000+1200+1300+1200+1250 = 5,950 against 6,500); for a level, its change over them
    (the 2025 value less the 2020 one). None where a year is missing, or a figure is a bound or 0-length period."""
    span = period.target_year - period.base_year
    last = total.year
    first = last - span + 1
    if total.value is None or span <= 0:
        return None
    if summed:
        years = list(range(first, last + 1))
    else:
        years = [last - span, last]
    got = [yearly.get(y) for y in years]
    if any(o is None or o.value is None or (o.comparator or "=") != "=" for o in got):
        return None
    if summed:
        found = sum(o.value for o in got)
        terms = "+".join(f"{o.value:g}" for o in got)
    else:
        found = got[1].value - got[0].value
        terms = f"{got[1].value:g}−{got[0].value:g}"
    ind = catalogue.indicators[total.indicator_id]
    same = _same(found, total.value, VALUE_TOLERANCE)
    code = f"period_total_{'sum' if summed else 'change'}_{'agrees' if same else 'differs'}"
    explanation = {"code": code, "first": first, "year": last, "start": last - span,
                   "total": total.value, "found": found, "terms": terms, "unit": ind.unit, "diff": total.value - found,
                   "source": ref(total), "other_source": _refs([ref(o) for o in got])}
    first_obs = got[0]
    return Check(total.entity, total.indicator_id, ind.name_zh, "period_total", "agree" if same else "disagree",
                 last, total.value, total.comparator or "", found, "", ind.unit,
                 json.dumps(explanation, ensure_ascii=False),
                 total.source_file, total.source_line, total.source_text,
                 first_obs.source_file, first_obs.source_line, first_obs.source_text,
                 table_place=json.dumps(total.source_place, ensure_ascii=False) if total.source_place else "")


def _refs(refs: list[str]) -> str:
    """Several places, language-neutral: one workbook sheet's cells once named (a.xlsx!数据!E182,E183), else each."""
    heads = {r.rsplit("!", 1)[0] for r in refs}
    if len(heads) == 1 and all(r.count("!") >= 2 for r in refs):
        return f"{heads.pop()}!{','.join(r.rsplit('!', 1)[1] for r in refs)}"
    return ", ".join(refs)
