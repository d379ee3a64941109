"""config/*.yaml edited by hand, second hostile pass (issue 18): a key written twice, a value of the wrong type,
a list written as one text, a range turned round, a unit factor of 0. Each stops the data step at its line with
how to fix it; none is read silently or ends in a traceback."""
from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.data_step import edit_first


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


JIANDE_TITLE = "    table_title: 人才发展主要指标\n\n  - entity: anji"
TOTAL = "  - id: talent_total\n"
# word_tab_cells' end_pattern as config/sources.yaml writes it
END_PATTERN = r"end_pattern: '^[（(]?\s*(注释?|说明|备注|附注)\s*\d*\s*[:：]'"


@pytest.mark.parametrize("file, old, new, line_offset, problem, fix", [
    # a key written twice: YAML kept the last without a word (was: exit 0, the other line ignored)
    ("sources.yaml", JIANDE_TITLE, JIANDE_TITLE.replace("\n\n", "\n    table_title: 主要指标\n\n"), 1,
     "'table_title' is given twice in one entry", "delete the other"),
    ("catalogue.yaml", "    plausible: [0.5, 5000]", "    plausible: [0.5, 5000]\n    plausible: [0, 50]", 1,
     "'plausible' is given twice", "delete the other"),
    # a name given as a number (was: AttributeError traceback in the monitoring reader)
    ("sources.yaml", "name_zh: 建德市", "name_zh: 123", 0, "'name_zh' of plan 'jiande' should be text but is a number",
     "name_zh: '123'"),
    # an entity id that is not a plain id
    ("sources.yaml", "entity: jiande", "entity: 建德 市", 0, "the entity id '建德 市' is not a plain id", "name_zh"),
    ("sources.yaml", "entity: jiande", "entity: ../jiande", 0, "not a plain id", "ASCII letters"),
    # source_names as one text: read as a list of its characters (was: 'not in the catalogue: add it to
    # source_names', where it already was)
    ("catalogue.yaml", "source_names: [人才资源总量]", "source_names: 人才资源总量", 0,
     "`source_names` of indicator 'talent_total' should be a list of texts", "[人才资源总量]"),
    # a plausible range turned round: every value flagged (was: exit 0)
    ("catalogue.yaml", "plausible: [0.5, 5000]", "plausible: [5000, 0.5]", 0, "not [low, high]", "the lower first"),
    ("catalogue.yaml", "plausible: [0.5, 5000]", "plausible: '0.5-5000'", 0, "not [low, high]", "two numbers"),
    # a bound of .nan (second pass: was accepted, and every value of the indicator flagged implausible)
    ("catalogue.yaml", "plausible: [0.5, 5000]", "plausible: [.nan, 5000]", 0, "not [low, high]", "two numbers"),
    # a pattern that repeats a repeating part (second pass: the data step hung on the first line it did not match)
    ("sources.yaml", END_PATTERN, "end_pattern: '(.*)*x$'", 0, "repeats without limit a part",
     "repeat the part once"),
    ("sources.yaml", "table_title: 人才发展主要指标", r"table_title: '(\s*人才\S+)+指标表'", 0,
     "repeats without limit a part", "(.*)* what .* matches"),
    # syntax Python's re reads as text and the regex package otherwise (own pass: 人才{e<=1} would have been fuzzy
    # matching, one character of the title allowed to differ; [[:digit:]] a class of digits)
    ("sources.yaml", "table_title: 人才发展主要指标", "table_title: '人才发展{e<=1}主要指标'", 0,
     "has '{e<=1}', which Python's re reads as plain text", "escape them"),
    ("sources.yaml", END_PATTERN, "end_pattern: '^注[[:digit:]]'", 0, "has '[:digit:]'", "\\d"),
    # a name that is another entry's (second pass: an entry copied with a new id but its old name_zh, or a name_en
    # that is another's id, had a workbook's 人才资源总量 filed under 党政人才; a county's name_en another's name_zh,
    # 建德市's rows filed under 安吉县; each without a word)
    ("catalogue.yaml", "    name_zh: 党政人才\n", "    name_zh: 人才资源总量\n", -1,
     "'人才资源总量' is the name_zh of the indicator 'party_government_talent' here and the name_zh of 'talent_total'",
     "names of its own"),
    ("catalogue.yaml", "    name_en: Party and government talent\n", "    name_en: talent_total\n", -2,
     "'talent_total' is the name_en of the indicator 'party_government_talent' here and the id of 'talent_total'",
     "names of its own"),
    ("sources.yaml", "    name_en: Anji\n", "    name_en: 建德市\n", -2,
     "'建德市' is the name_en of the county 'anji' here and the name_zh of 'jiande'", "names of its own"),
    # a unit factor of 0 (was: ZeroDivisionError traceback)
    ("catalogue.yaml", "dimension: persons, factor: 10000", "dimension: persons, factor: 0", 0,
     "factor of unit '万人'", "factor: 10000"),
    # a factor of 1e300 or .inf (second pass: every value in 万人 flagged implausible at its own cell, or stopped at a
    # workbook's cell, instead of the one catalogue line being named)
    ("catalogue.yaml", "dimension: persons, factor: 10000", "dimension: persons, factor: 1.0e+300", 0,
     "the factor of unit '万人' is a number ('1e+300'), not a positive number from 1e-08 to 1e+08", "factor: 10000"),
    ("catalogue.yaml", "dimension: persons, factor: 10000", "dimension: persons, factor: .inf", 0,
     "the factor of unit '万人' is a number ('inf'), not a positive number", "factor: 10000"),
    ("catalogue.yaml", "{name: thousand persons, factor: 10}", "{name: thousand persons, factor: 1.0e+300}", 0,
     "the factor of the figure_en of unit '万人' is a number ('1e+300')", "factor: 10}"),
    ("catalogue.yaml", "{name: thousand persons, factor: 10}", "{name: thousand persons, factor: .nan}", 0,
     "the factor of the figure_en of unit '万人' is a number ('nan')", "factor: 10}"),
    # a unit's whole (it counts whole persons or things) not true or false: a typo must not switch its checks off
    ("catalogue.yaml", "factor: 1, whole: true}", "factor: 1, whole: 'true'}", 0,
     "unit '人' has whole: a text ('true'), not true or false", "write whole: true for a unit that counts whole"),
    # own hostile pass: a pattern YAML reads as yes/no or a number (was: "the file's structure is not what the
    # project expects (TypeError: first argument must be string or compiled pattern)", with no line)
    ("sources.yaml", END_PATTERN, "end_pattern: yes", 0,
     "'end_pattern' of layout 'word_tab_cells' should be text but is yes/no ('True')", "put the word in quotes"),
    ("sources.yaml", END_PATTERN, "end_pattern: 5", 0,
     "'end_pattern' of layout 'word_tab_cells' should be text but is a number ('5')", "end_pattern: '5'"),
    # a header role's entity misspelt (was: accepted, and the province's column read as the county's targets)
    ("sources.yaml", "header_roles: []", "header_roles:\n  - {pattern: '(?P<year>\\d{4})年?省定目标', role: target, "
     "entity: provinc}", 1, "a header role's entity is 'provinc'", "`entity: province`"),
    # a file name with a NUL written as an escape (was: ValueError traceback, "embedded null byte")
    ("sources.yaml", "file: jiande_talent_plan_2021-2025.txt", 'file: "jiande\\0.txt"', 0,
     "'file' of plan 'jiande' holds a control character (U+0000)", "without escapes"),
    # names and ids YAML reads as a date or a number (was: TypeError traceback in the monitoring reader; an id of
    # 123 was blamed on the relation naming the indicator, 380 lines further down)
    ("catalogue.yaml", "    name_zh: 人才资源总量\n", "    name_zh: 2023-01-01\n", 0,
     "'name_zh' of indicator 'talent_total' should be text but is a date ('2023-01-01')", "name_zh: '2023-01-01'"),
    ("catalogue.yaml", "  - id: talent_total\n", "  - id: 123\n", 0, "'id' of an indicator should be text but is a "
     "number ('123')", "id: '123'"),
    ("catalogue.yaml", "name_en: persons,", "name_en: 2023-01-01,", 0,
     "'name_en' of unit '人' should be text but is a date", "in quotes"),
    # the province's id not a plain id (redteam pass: '../../zj x' was accepted, and written into every province row)
    ("sources.yaml", "  entity: zhejiang\n", "  entity: ../../zj x\n", 0,
     "the entity id '../../zj x' is not a plain id", "e.g. zhejiang"),
    # a layout's group labels without brackets, read as a list of characters (was: Anji's plan stopped at its line
    # 114, "expected a row number or a group label (其, 中) here, found '其中'", blaming the plan)
    ("sources.yaml", "group_labels: [其中]", "group_labels: 其中", 0,
     "`group_labels` of layout 'cell_per_line' should be a list of texts but is a text ('其中')",
     "group_labels: [其中]"),
])
def test_a_hand_edited_config_value_is_refused_at_its_line(workspace, file, old, new, line_offset, problem, fix):
    line = edit_first(workspace / "config" / file, old, new)
    error = _refused(workspace)
    assert error.file.endswith(file) and problem in error.problem and fix in error.fix
    assert error.where == line + line_offset


@pytest.mark.parametrize("pattern", ["人才发展主要指标", "^注[:：]", r"(?P<year>\d{4})年?省定目标", r"(\d{1,3},)+",
                                     "人才(发展)?主要指标", r"^[一二三四五六七八九十]+、", r"(主要|核心)+指标"])
def test_ordinary_patterns_are_accepted(workspace, pattern):
    from helpers.core.config import _regex
    assert _regex(pattern, workspace / "config" / "sources.yaml", 1, "table_title").pattern == pattern


@pytest.mark.parametrize("base_year", [2015, 2024, 1900])
def test_a_five_year_plan_of_another_length_is_refused_at_its_line(workspace, base_year):
    """Was (third pass): 十四五 from 2015, 2024 or 1900 to 2025 accepted, and the plans read by it (96 rows became
    103, 106)."""
    sources = workspace / "config" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("base_year: 2020", f"base_year: {base_year}", 1), encoding="utf-8")
    err = _refused(workspace)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("plan_period:")) + 1
    assert err.file.endswith("sources.yaml") and err.where == line
    assert f"十四五 runs from {base_year} to 2025, {2025 - base_year} years, but a 十n五 plan lasts 5" in err.problem
    assert "5 years apart" in err.fix


@pytest.mark.parametrize("written", ["./jiande_talent_plan_2021-2025.txt",
                                     "monitoring/../jiande_talent_plan_2021-2025.txt"])
def test_a_plan_file_written_with_a_detour_is_the_file_the_manifest_lists(workspace, written):
    """Redteam pass: `file: ./x.txt` was refused as 'not listed in checksums.sha256' though x.txt is listed, with
    advice ('if this is a new plan document, run make manifest') that did not fit; the same plan is read."""
    from helpers.extract.manifest import read_manifest, write_manifest
    before = dataset.build(workspace / "raw", workspace / "config").indicators
    edit_first(workspace / "config" / "sources.yaml", "file: jiande_talent_plan_2021-2025.txt", f"file: {written}")
    after = dataset.build(workspace / "raw", workspace / "config").indicators
    assert len(after) == len(before) and (after["value"].fillna(-1) == before["value"].fillna(-1)).all()
    write_manifest(workspace / "raw", [written])      # what `make manifest` records: the plain name
    assert "jiande_talent_plan_2021-2025.txt" in read_manifest(workspace / "raw")
