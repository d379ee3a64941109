"""Plan periods are data: config checks, the period rules, and the prose reader for any period and base year."""
from pathlib import Path

import pytest
import yaml

from helpers.core.config import PlanPeriod, load_catalogue, load_sources
from helpers.core.errors import InputError
from helpers.core.periods import (
    AFTER,
    BASE,
    IN_PERIOD,
    TARGET_YEAR,
    evaluated_plan,
    next_period,
    phase,
    plan_covering_year,
    resolve_period,
)
from helpers.extract.prose import ProseReader

FOURTEENTH = PlanPeriod("十四五", 2020, 2025)


def _config(workspace: Path, edit) -> Path:
    path = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return workspace / "config"


def _second_jiande_plan(doc, period):
    doc["plans"].append({"entity": "jiande", "file": "jiande_next.txt", "layout": "word_tab_cells",
                         "table_title": "人才发展主要指标", "plan_period": period})


def test_a_plan_period_whose_target_is_not_after_its_base_is_refused(workspace):
    config = _config(workspace, lambda d: _second_jiande_plan(d, {"name": "十五五", "base_year": 2030,
                                                                   "target_year": 2025}))
    with pytest.raises(InputError) as info:
        load_sources(config)
    err = info.value
    assert err.file.endswith("sources.yaml") and isinstance(err.where, int)
    assert "target_year 2025, which is not after its base_year 2030" in err.problem
    assert "base_year: 2020, target_year: 2025" in err.fix


def test_two_plans_of_one_county_may_not_overlap(workspace):
    config = _config(workspace, lambda d: _second_jiande_plan(d, {"name": "中期调整", "base_year": 2023,
                                                                   "target_year": 2027}))
    with pytest.raises(InputError) as info:
        load_sources(config)
    assert "the plans of 'jiande' overlap" in info.value.problem and "jiande_next.txt" in info.value.problem
    assert "base_year is the previous plan's target_year" in info.value.fix


def test_a_period_name_means_the_same_years_everywhere(workspace):
    """(A 十n五 given other years is refused at its own line, by its number: the next test. A name of another kind
    means the same years in every plan.)"""
    def edit(doc):
        _second_jiande_plan(doc, {"name": "中期调整", "base_year": 2025, "target_year": 2028})
        doc["plans"].append({**doc["plans"][-1], "file": "jiande_later.txt",
                             "plan_period": {"name": "中期调整", "base_year": 2028, "target_year": 2031}})
    with pytest.raises(InputError, match="period 中期调整 is 2028–2031 here but 2025–2028"):
        load_sources(_config(workspace, edit))


def _line_of(config: Path, text: str) -> int:
    return next(i for i, t in enumerate((config / "sources.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text in t)


@pytest.mark.parametrize("name, base, right, expected", [
    ("十六五", 2025, "十五五", "2030→2035"),      # redteam5 R5-03: the next plan typed one number on
    ("十四五", 2025, "十五五", "2020→2025"),      # the previous plan's name kept for the new one
    ("十九五", 2025, "十五五", "2045→2050"),
])
def test_a_five_year_plan_named_for_other_years_is_refused_at_its_line(workspace, name, base, right, expected):
    """Was (redteam5 R5-03): 十六五 2025→2030 accepted, and the 2025 brief said “十六五”规划 throughout (its outlook
    heading, 下一期规划展望) for the plan whose document says 十五五. 十n五 starts in 1950 + 5n: 十六五 is
    2030→2035. The advice, followed (the name the years give), loads."""
    config = _config(workspace, lambda d: _second_jiande_plan(d, {"name": name, "base_year": base,
                                                                   "target_year": base + 5}))
    with pytest.raises(InputError) as info:
        load_sources(config)
    err = info.value
    assert err.file.endswith("config/sources.yaml") and err.where > _line_of(config, "jiande_next.txt")
    assert (config / "sources.yaml").read_text(encoding="utf-8").splitlines()[err.where - 1].strip() == f"name: {name}"
    assert f"{name} runs from {base} to {base + 5}, but {name} is the plan for {expected}" in err.problem
    assert f"name it {right}" in err.fix
    assert f"plan_period: {{name: {name}, base_year: {expected[:4]}, target_year: {expected[-4:]}}}" in err.fix
    _config(workspace, lambda d: d["plans"][-1]["plan_period"].update(name=right))
    assert [p.period.name for p in load_sources(config).plans_of("jiande")] == ["十四五", right]


def test_a_five_year_plan_off_the_five_year_grid_is_told_to_take_another_name(workspace):
    """A 十n五 from 2023 to 2028 is no five-year plan's years: the advice is the name, not another 十n五."""
    config = _config(workspace, lambda d: d.update(plan_period={"name": "十四五", "base_year": 2018,
                                                                "target_year": 2023}))
    with pytest.raises(InputError) as info:
        load_sources(config)
    assert "十四五 runs from 2018 to 2023, but 十四五 is the plan for 2020→2025" in info.value.problem
    assert "give it a name that is not 十n五" in info.value.fix


def test_a_county_keeps_one_name_across_its_plans(workspace):
    def edit(doc):
        _second_jiande_plan(doc, {"name": "十五五", "base_year": 2025, "target_year": 2030})
        doc["plans"][-1]["name_zh"] = "建德县"
    with pytest.raises(InputError, match="named name_zh '建德县' here but '建德市'"):
        load_sources(_config(workspace, edit))


@pytest.mark.parametrize("period, problem", [
    ({"base_year": 2025, "target_year": 2030}, "has no 'name'"),
    ({"name": "十五五", "base_year": "二〇二五", "target_year": 2030}, "is not a four-digit year"),
    ("2025-2030", "must be a mapping"),
])
def test_a_malformed_plan_period_is_named(workspace, period, problem):
    with pytest.raises(InputError, match=problem):
        load_sources(_config(workspace, lambda d: _second_jiande_plan(d, period)))


def test_several_plans_per_county_load_with_their_own_periods(workspace):
    sources = load_sources(_config(workspace, lambda d: _second_jiande_plan(
        d, {"name": "十五五", "base_year": 2025, "target_year": 2030})))
    assert sources.counties() == ["jiande", "anji"]
    assert [p.period.name for p in sources.plans_of("jiande")] == ["十四五", "十五五"]
    assert sources.plans_of("jiande")[1].name_zh == "建德市"          # names given once, on the first entry
    assert [p.name for p in sources.periods()] == ["十四五", "十五五"]


def test_unconfigured_periods_are_placed_by_arithmetic():
    # 十n五 is the n-th five-year plan: five years each, one starting where the previous ends.
    assert resolve_period("十三五", [FOURTEENTH]) == PlanPeriod("十三五", 2015, 2020)
    assert resolve_period("十二五", [FOURTEENTH]) == PlanPeriod("十二五", 2010, 2015)
    assert resolve_period("十六五", [FOURTEENTH]) == PlanPeriod("十六五", 2030, 2035)
    assert resolve_period("十五", [FOURTEENTH]) is None                   # fifteen, not a period name
    assert resolve_period("远景", [FOURTEENTH]) is None
    assert next_period(FOURTEENTH) == PlanPeriod("十五五", 2025, 2030)
    assert plan_covering_year(2020, [FOURTEENTH]).name == "十三五"        # 2020 closes 十三五
    assert plan_covering_year(2021, [FOURTEENTH]).name == "十四五"


def test_which_plan_a_report_year_evaluates(sources):
    jiande = sources.plans_of("jiande")[0]
    nxt = type(jiande)(**{**jiande.__dict__, "file": "next.txt", "period": PlanPeriod("十五五", 2025, 2030)})
    plans = [jiande, nxt]
    assert evaluated_plan(plans, 2020) is jiande and phase(jiande.period, 2020) == BASE
    assert evaluated_plan(plans, 2023) is jiande and phase(jiande.period, 2023) == IN_PERIOD
    # the target year still gives the final evaluation of the plan that ends there...
    assert evaluated_plan(plans, 2025) is jiande and phase(jiande.period, 2025) == TARGET_YEAR
    # ...and the year after evaluates the later plan
    assert evaluated_plan(plans, 2026) is nxt and phase(nxt.period, 2026) == IN_PERIOD
    # with no later plan, the last plan's final evaluation stands
    assert evaluated_plan([jiande], 2026) is jiande and phase(jiande.period, 2026) == AFTER


NEXT_PLAN_PROSE = [
    "“十四五”期间，全县人才资源总量达到14.2万人，比2020年增长42%。",
    "高技能人才由2020年的2.5万人增至3.6万人。",
    "每万名劳动力中研发人员从90人提高到126人。",
    "到2030年，全县人才资源总量达到20万人以上。",
]


def test_prose_of_a_next_plan_reads_any_period_name_and_base_year(sources, catalogue, tmp_path):
    path = tmp_path / "next.txt"
    path.write_text("\n".join(NEXT_PLAN_PROSE) + "\n", encoding="utf-8")
    reader = ProseReader(load_catalogue(), load_sources())
    st = reader.read("jiande", path, NEXT_PLAN_PROSE, range(0), period=PlanPeriod("十五五", 2025, 2030))
    got = {(s.indicator_id, s.kind, s.year): s for s in st}
    # 十四五期间 = the period that ends in 2025: the level is a 2025 value...
    assert got[("talent_total", "level", 2025)].value == 14.2
    # ...and 比2020年增长42% gives 2020 = 14.2 ÷ 1.42 = 10.0
    assert got[("talent_total", "baseline", 2020)].value == pytest.approx(10.0)
    assert got[("high_skilled_talent", "baseline", 2020)].value == 2.5
    assert got[("high_skilled_talent", "level", 2025)].value == 3.6
    # no start year written: the period the sentence reports on (十四五, year in context 2025) began in 2020
    rd = got[("rd_personnel_per_10k", "baseline", 2020)]
    assert rd.value == 90 and "十四五 2020→2025" in rd.derivation
    target = got[("talent_total", "level", 2030)]
    assert (target.value, target.comparator) == (20, ">=")


# Names copied from a document's title (redteam6 finding 5): quotes of any kind, spaces, a middle dot, a suffix, the
# full name. Each is the plan 十五五, whose years are checked and which the reports print once: “十五五”规划.
WRITTEN_FIFTEENTH = ["“十五五”", "十五五规划", "十 五 五", "十五五时期", "「十五五」", "『十五五』", '"十五五"',
                     "＂十五五＂", "十　五　五", "十五·五", "“十五五”规划期间", "第十五个五年规划", "第十五个五年"]


@pytest.mark.parametrize("written", WRITTEN_FIFTEENTH)
def test_a_five_year_name_written_with_quotes_or_a_suffix_is_checked_on_its_years(workspace, written):
    """Was (redteam6 F-period-name-variants): “十五五” or 十五五规划 on 2020→2025 passed the 十n五 check, which
    matched 十五五 alone, and the brief said “十五五规划”规划（2021—2025年）, with ““十五五””规划 for the quoted
    name. The name is read as 十五五: on 2020→2025 it is refused at its line, saying how it was written."""
    config = _config(workspace, lambda d: d.update(plan_period={"name": written, "base_year": 2020,
                                                                "target_year": 2025}))
    with pytest.raises(InputError) as info:
        load_sources(config)
    assert (f"plan_period 十五五 (written '{written}') runs from 2020 to 2025, but 十五五 is the plan for 2025→2030"
            in info.value.problem)
    assert "name it 十四五" in info.value.fix


@pytest.mark.parametrize("written", WRITTEN_FIFTEENTH)
def test_a_five_year_name_written_with_quotes_or_a_suffix_is_stored_once(workspace, written):
    """On its own years it loads, named 十五五 (what the reports print in their quotes and 规划, and in English
    the 15th Five-Year Plan)."""
    config = _config(workspace, lambda d: _second_jiande_plan(d, {"name": written, "base_year": 2025,
                                                                   "target_year": 2030}))
    assert [p.period.name for p in load_sources(config).plans_of("jiande")] == ["十四五", "十五五"]


@pytest.mark.parametrize("written, stored", [
    ("“中期调整”时期", "中期调整"), ("人才新政 规划", "人才新政"), ("  Mid-term   review ", "Mid-term review")])
def test_a_name_of_another_kind_is_stored_without_quotes_spaces_and_suffix(workspace, written, stored):
    """A name that is no five-year plan's is kept as written, less what the reports add themselves (quotes, 规划):
    the brief says “中期调整”规划, not ““中期调整”时期”规划. Spaces go, but one between two Latin words stays."""
    config = _config(workspace, lambda d: _second_jiande_plan(d, {"name": written, "base_year": 2025,
                                                                   "target_year": 2028}))
    assert load_sources(config).plans_of("jiande")[-1].period.name == stored


@pytest.mark.parametrize("written", ["14th Five-Year", "the 15th five year plan", "第15个五年", "十五个五年规划外",
                                     "十五五人才发展规划", "“十五五”中期", "“ ”规划", "时期"])
def test_a_name_that_reads_as_no_plan_or_as_a_five_year_plan_not_written_as_one_is_refused(workspace, written):
    """A five-year plan's name the check cannot read (English, Arabic digits) would pass unchecked, and be printed
    as it is in the Chinese reports; a name of quotes and 规划 alone says nothing. Each is refused at its line; the
    advice, followed (the plan's short name), loads."""
    config = _config(workspace, lambda d: _second_jiande_plan(d, {"name": written, "base_year": 2025,
                                                                   "target_year": 2030}))
    with pytest.raises(InputError) as info:
        load_sources(config)
    assert f"the name '{written}'" in info.value.problem and isinstance(info.value.where, int)
    assert "(the plan for 2025→2030 is 十五五)" in info.value.fix
    _config(workspace, lambda d: d["plans"][-1]["plan_period"].update(name="十五五"))
    assert load_sources(config).plans_of("jiande")[-1].period.name == "十五五"
