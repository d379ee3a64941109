"""Cross-checking what a plan's prose says against its own table.

Every prose statement that names a table indicator is checked; disagreements are what
analysts must see: a different figure, a stronger or weaker target (以上 against a plain
number), a different definition, or an increase that does not match the table's two values.
"""
from __future__ import annotations

from helpers.core.config import Catalogue, PlanPeriod
from helpers.core.paths import display_path
from helpers.core.records import Check, Observation
from helpers.core.text import name_key
from helpers.extract.prose import ProseStatement

VALUE_TOLERANCE = 0.005      # relative: below this two figures are the same figure, rounded
APPROX_TOLERANCE = 0.10      # for 左右 (about) increments

COMPARATOR_WORDS = {"=": "等于", ">": "超过", ">=": "以上（不低于）", "≈": "左右"}


def _same(a: float, b: float, tolerance: float) -> bool:
    if b == 0:
        return a == 0
    return abs(a - b) <= tolerance * abs(b)


def check_plan(statements: list[ProseStatement], table: list[Observation], catalogue: Catalogue,
               period: PlanPeriod) -> list[Check]:
    """Every prose statement of one plan document against the same document's table (`period`: the plan's)."""
    checks: list[Check] = []
    by_key = {(o.entity, o.indicator_id, o.year, o.kind): o for o in table if o.origin == "table"}

    def en_unit(unit: str) -> str:
        """The English texts name units in English (config/catalogue.yaml `name_en`)."""
        return catalogue.units[unit].name_en if unit in catalogue.units and catalogue.units[unit].name_en else unit

    def add(st: ProseStatement, obs: Observation | None, check: str, status: str, zh: str, en: str,
            table_value=None) -> None:
        ind = catalogue.indicators[st.indicator_id]
        checks.append(Check(
            st.entity, st.indicator_id, ind.name_zh, check, status, st.year,
            table_value if table_value is not None else (obs.value if obs else None),
            obs.comparator if obs else "", st.value, st.comparator, ind.unit, zh, en,
            obs.source_file if obs else "", obs.source_line if obs else None, obs.source_text if obs else "",
            display_path(st.file), st.line, st.quote))

    for st in statements:
        if st.kind == "baseline":
            continue
        if st.kind == "increment":
            _check_increment(st, by_key, period, add, en_unit)
            continue
        kind = "actual" if st.year is not None and st.year <= period.base_year else "target"
        obs = by_key.get((st.entity, st.indicator_id, st.year, kind))
        if obs is None:
            add(st, None, "prose_only", "not_checked",
                "该数值只见于正文，主要指标表中没有对应数值。",
                "This figure is in the prose only; the table has no matching value.")
            continue
        _check_value(st, obs, add, en_unit)
    return checks


def _check_increment(st: ProseStatement, by_key: dict, period: PlanPeriod, add, en_unit) -> None:
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
    zh = (f"正文称新增{COMPARATOR_WORDS[st.comparator]}{st.value:g}{st.unit}；表中{target.year}年目标"
          f"{target.value:g}减{actual.year}年完成{actual.value:g}，增加{change:g}{st.unit}。")
    en = (f"The prose promises an increase of {st.comparator} {st.value:g} {en_unit(st.unit)}; the table's "
          f"target minus actual is {change:g} {en_unit(st.unit)}.")
    add(st, target, "increment", "agree" if ok else "disagree", zh, en, table_value=change)


def _check_value(st: ProseStatement, obs: Observation, add, en_unit) -> None:
    """A stated level against the table's: its value, its comparator, and the definition its name implies."""
    if obs.value is None:
        add(st, obs, "value", "disagree", f"正文给出{st.value:g}{st.unit}，表中为“/”（未给出）。",
            f"The prose gives {st.value:g} {en_unit(st.unit)}; the table gives no value ('/').")
        return
    same = _same(st.value, obs.value, VALUE_TOLERANCE)
    diff = st.value - obs.value
    add(st, obs, "value", "agree" if same else "disagree",
        f"正文{st.value:g}{st.unit}，表中{obs.value:g}{st.unit}" + ("，一致。" if same else
        f"，相差{diff:+.4g}{st.unit}（{diff / obs.value:+.1%}）。" if obs.value else "。"),
        f"Prose {st.value:g}, table {obs.value:g} {en_unit(st.unit)}"
        + ("." if same else f": differs by {diff:+.4g}."))
    prose_cmp = "=" if st.comparator == "≈" else st.comparator
    if prose_cmp != obs.comparator:
        add(st, obs, "comparator", "disagree",
            f"目标强度不一致：正文为“{COMPARATOR_WORDS[st.comparator]}{st.value:g}”，"
            f"表中为“{COMPARATOR_WORDS[obs.comparator]}{obs.value:g}”。",
            f"The prose says {st.comparator} {st.value:g}, the table {obs.comparator} {obs.value:g}: the "
            "target's strength differs.")
    differs = st.prose_name.differs
    if differs and name_key(obs.source_name) in {name_key(n) for n in st.prose_name.differs_from}:
        how = st.prose_name.differs_en.rstrip(".") or "the catalogue explains how, in Chinese"
        add(st, obs, "definition", "disagree", differs,
            f"The prose names the indicator '{st.prose_name.name}', the table '{obs.source_name}': "
            f"their definitions differ ({how}).")
