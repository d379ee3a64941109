"""A configuration that cannot be right stops the data step, naming the file and line, before anything is
replaced: misspelt or unknown keys (with the nearest known key), no plans, the province given a county's id,
and a file that would expand without end (a YAML alias bomb)."""
import time

import pytest

from helpers.core.config import load_catalogue, load_sources
from helpers.core.errors import InputError
from support.data_step import data_step_refuses, edit_first


def test_an_unknown_top_level_key_is_named_with_its_line(workspace):
    sources = workspace / "config" / "sources.yaml"
    line = edit_first(sources, "province:\n", "colour_scheme: blue\nprovince:\n")
    err = data_step_refuses(workspace)
    assert err.file.endswith("sources.yaml") and err.where == line
    assert "unknown key 'colour_scheme'" in err.problem and "plans" in err.fix


def test_a_misspelt_plan_key_names_the_nearest_known_key(workspace):
    sources = workspace / "config" / "sources.yaml"
    line = edit_first(sources, "    table_title: 人才发展主要指标\n\n  - entity: anji",
                 "    tabel_title: 人才发展主要指标\n\n  - entity: anji")
    err = data_step_refuses(workspace)
    assert err.where == line and "unknown key 'tabel_title' in plan 'jiande'" in err.problem
    assert "did you mean 'table_title'?" in err.fix


def test_a_misspelt_catalogue_key_never_turns_a_check_off(workspace):
    # `plausable` would leave talent_total without a plausible range: −10.3万 would pass as ok.
    catalogue = workspace / "config" / "catalogue.yaml"
    line = edit_first(catalogue, "    plausible: [0.5, 5000]", "    plausable: [0.5, 5000]")
    with pytest.raises(InputError) as info:
        load_catalogue(workspace / "config")
    err = info.value
    assert err.file.endswith("catalogue.yaml") and err.where == line
    assert "unknown key 'plausable' in indicator 'talent_total'" in err.problem
    assert "did you mean 'plausible'?" in err.fix
    assert data_step_refuses(workspace).where == line


@pytest.mark.parametrize("old, new, key, near", [
    ("  - {unit: 万人, name_en:", "  - {unit: 万人, nmae_en:", "nmae_en", "name_en"),
    ("    comparability: {status: same, reason: 两地口径一致", "    comparability: {stauts: same, reason: 两地口径一致",
     "stauts", "status"),
])
def test_misspelt_keys_in_nested_catalogue_entries(workspace, old, new, key, near):
    line = edit_first(workspace / "config" / "catalogue.yaml", old, new)
    with pytest.raises(InputError) as info:
        load_catalogue(workspace / "config")
    assert info.value.where == line and f"unknown key '{key}'" in info.value.problem
    assert f"did you mean '{near}'?" in info.value.fix


def test_no_plans_never_replaces_the_last_good_data(workspace):
    sources = workspace / "config" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    start, end = text.index("plans:\n"), text.index("# A layout names a parser")
    sources.write_text(text[:start] + "plans: []\n\n" + text[end:], encoding="utf-8")
    err = data_step_refuses(workspace)
    assert err.file.endswith("sources.yaml") and err.where == text[:start].count("\n") + 1
    assert "lists no plan document" in err.problem


@pytest.mark.parametrize("given", ["jiande", "建德市", "Jiande"])
def test_the_province_given_a_county_id_stops_the_data_step(workspace, given):
    line = edit_first(workspace / "config" / "sources.yaml", "  entity: zhejiang", f"  entity: {given}")
    err = data_step_refuses(workspace)
    assert err.where == line and f"the province is given the id '{given}'" in err.problem and "建德市" in err.problem


@pytest.mark.parametrize("key", ["name_zh", "name_en"])
def test_the_province_needs_its_names(workspace, key):
    old = {"name_zh": "  name_zh: 浙江省\n", "name_en": "  name_en: Zhejiang\n"}[key]
    edit_first(workspace / "config" / "sources.yaml", old, f"  {key}:\n")
    err = data_step_refuses(workspace)
    assert err.file.endswith("sources.yaml") and f"province has no '{key}'" in err.problem


BOMB = """a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize("content", [BOMB, "a: " + "[" * 5000 + "]" * 5000 + "\n"])
def test_a_file_that_expands_without_end_is_refused_at_once(workspace, content):
    sources = workspace / "config" / "sources.yaml"
    sources.write_text(content + sources.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        load_sources(workspace / "config")
    assert time.monotonic() - started < 5
    assert info.value.file.endswith("sources.yaml") and isinstance(info.value.where, int)
    assert "expands to more than" in info.value.problem or "nested more than" in info.value.problem


def test_the_project_configuration_has_only_known_keys(sources, catalogue):
    assert len(sources.plans) == 2 and sources.province == "zhejiang"
    assert catalogue.indicators["talent_total"].plausible == (0.5, 5000)
