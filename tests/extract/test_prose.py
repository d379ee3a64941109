import pytest

from helpers.core import paths
from helpers.extract.prose import ProseReader
from helpers.extract.tables import parse_plan_table, read_lines


def _statements(sources, catalogue, entity):
    plan = next(p for p in sources.plans if p.entity == entity)
    path = paths.RAW_DIR / plan.file
    lines = read_lines(path)
    table = parse_plan_table(path, lines, plan, sources)
    return ProseReader(catalogue, sources).read(entity, path, lines, range(table.title.line, table.end_line + 1))


def _find(statements, indicator, kind, year):
    hits = [s for s in statements if s.indicator_id == indicator and s.kind == kind and s.year == year]
    assert hits, f"no {kind} statement for {indicator} {year}"
    return hits[0]


def test_growth_percentage_gives_a_derived_2015_baseline(sources, catalogue):
    st = _statements(sources, catalogue, "jiande")
    base = _find(st, "talent_total", "baseline", 2015)
    assert base.value == pytest.approx(10.3 / 1.484, rel=1e-6)
    assert "÷ (1 + 48.4%)" in base.derivation and base.line == 5


def test_increase_since_2015_gives_a_derived_baseline(sources, catalogue):
    st = _statements(sources, catalogue, "anji")
    base = _find(st, "talent_total", "baseline", 2015)
    assert base.value == pytest.approx(14.5 - 3.64)
    assert "− 增加 3.64万人" in base.derivation


def test_from_to_with_the_year_character_missing_in_the_source(sources, catalogue):
    # The source writes 由20151.5万人增至2.7万人: 2015 without 年.
    st = _statements(sources, catalogue, "anji")
    base = _find(st, "high_skilled_talent", "baseline", 2015)
    assert base.value == 1.5 and base.derivation.startswith("stated")
    note = next(n for n in base.notes if n["code"] == "year_without_nian")          # a language-neutral record
    assert (note["character"], note["year"], note["value"]) == ("年", 2015, 1.5)
    import json

    from helpers.core.wording import notes_text, words
    said = notes_text(json.dumps([note]), words("en"))
    assert "without “年” after 2015; read as 2015 1.5" in said
    assert _find(st, "high_skilled_talent", "level", 2020).value == 2.7


def test_from_2015_to(sources, catalogue):
    st = _statements(sources, catalogue, "anji")
    assert _find(st, "rd_personnel_per_10k", "baseline", 2015).value == 57.05
    assert _find(st, "rd_personnel_per_10k", "level", 2020).value == 90


def test_social_workers_start_year_inferred_and_recorded(sources, catalogue):
    st = _statements(sources, catalogue, "anji")
    base = _find(st, "social_work_talent", "baseline", 2015)
    assert base.value == pytest.approx(0.0128)  # 128人 in 万人
    assert "start year not written" in base.derivation


def test_lists_with_fenbie(sources, catalogue):
    st = _statements(sources, catalogue, "anji")
    got = {s.indicator_id: s.value for s in st if s.line == 82 and s.kind == "level"}
    assert got["business_management_talent"] == 7.2
    assert got["rural_talent"] == 2.7
    assert got["social_work_talent"] == 0.3


def test_comparators_and_increments(sources, catalogue):
    st = _statements(sources, catalogue, "jiande")
    assert _find(st, "high_tech_value_added_share", "level", 2025).comparator == ">"      # 超过47%
    assert _find(st, "rd_personnel_per_10k", "level", 2025).comparator == ">="            # 150人年以上
    assert _find(st, "party_government_talent", "level", 2025).comparator == "≈"         # 0.28万人左右
    inc = _find(st, "high_skilled_talent", "increment", 2025)                             # 新增…7000名以上
    assert inc.value == pytest.approx(0.7) and inc.comparator == ">="


def test_training_counts_are_not_read_as_levels(sources, catalogue):
    # 培训企业经营管理人才2800人次 (line 306) is people trained, not the stock of managers.
    st = _statements(sources, catalogue, "anji")
    assert not [s for s in st if s.indicator_id == "business_management_talent" and s.line == 306]


def test_quotes_are_verbatim_from_the_raw_line(sources, catalogue):
    for entity in ("jiande", "anji"):
        plan = next(p for p in sources.plans if p.entity == entity)
        lines = read_lines(paths.RAW_DIR / plan.file)
        for s in _statements(sources, catalogue, entity):
            assert s.quote in lines[s.line - 1]
