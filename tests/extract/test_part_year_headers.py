"""A plan's base column headed by part of a year, or by an estimate written with a letter or a sign, is never read as
the year's actual value (issue 18, redteam14 finding 1: a class-1 silent wrong value); 2030年预期目标 is the plan's
2030 target (finding 1's lesser part).

桐庐's made-up 十五五 plan (tests/support/fifteenth_plan.py, base year 2025) with its 2025 column headed otherwise;
its workbook has no 2025 figure for 高技能人才占技能劳动者比例, so the plan's 35 is the 2025 figure. Found on main
(454acc5): each header below stopped as "not a known column", and the advice offered `role: target`, "role: actual for
figures achieved, or role: year"; followed with actual or year, 35 was 2025's actual, estimated False, and the 2025
final evaluation judged an eleven months' figure (1-11月) as met. 2030年预期目标 stopped too.
By hand: 1-11月, 截至11月, 前三季度, 上半年 … are part of 2025, not the year: the plan's stand-in for its base, an
estimate of it (docs/data.md, Header words), so 35 is 2025's actual kind, estimated; E and (估) say estimate.
"""
import re

import pytest
import yaml

from conftest import copy_of_project
from helpers.core.errors import InputError
from helpers.core.wording import decision_text, words_for
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.name_meaning import estimate_word, not_actuals
from support.fifteenth_plan import DOCUMENT_TABLE, WORD_PLAN, add_fifteenth_plan, tonglu_plan_published
from support.plan_documents import PlanContent, built_by_the_header_advice

BASE = "\t2025年（预计）\n"
TARGET = "\t2030年目标\n"
PART_YEAR = {"2025年1-11月": "1-11月", "2025年（截至11月）": "截至11月", "2025年1—11月": "1—11月",
             "2025年1至11月": "1至11月", "2025年前三季度": "前三季度", "2025年上半年": "上半年",
             "截至2025年11月": "截至2025年11月", "2025年（1-11月）": "1-11月"}
ESTIMATE_SIGNS = ("2025年E", "2025年(估)", "2025年（估）", "2025E")


def _share(ds, year: int = 2025) -> tuple:
    """高技能人才占技能劳动者比例's figures for `year` from 桐庐's plan: (value, kind, estimated) each."""
    rows = ds.indicators.query("entity == 'tonglu' and indicator_id == 'high_skilled_share_of_skilled' "
                               "and year == @year and origin == 'table'")
    return tuple((r.value, r.kind, bool(r.estimated)) for r in rows.itertuples())


def _plan(root, text: str) -> None:
    (root / "raw" / "tonglu_15.txt").write_text(text, encoding="utf-8")
    write_manifest(root / "raw")


def _with_base(root, header: str) -> None:
    assert WORD_PLAN.count(BASE) == 1
    _plan(root, WORD_PLAN.replace(BASE, f"\t{header}\n"))


def _with_role(root, pattern: str, role: str) -> None:
    config = root / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["header_roles"] = [{"pattern": pattern, "role": role}]
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def workspace(tmp_path):
    copy_of_project(tmp_path)
    add_fifteenth_plan(tmp_path, "word_tab_cells")
    return tmp_path


@pytest.mark.parametrize("header", [*PART_YEAR, *ESTIMATE_SIGNS])
def test_the_advice_followed_reads_the_column_as_the_years_estimate(workspace, header):
    _with_base(workspace, header)
    ds, offered = built_by_the_header_advice(workspace)
    assert len(offered) == 1 and offered[0].endswith("role: year}"), offered   # never target, never actual
    assert _share(ds) == ((35, "actual", True),)
    log = ds.cleaning_log.query("entity == 'tonglu' and step == 'part_year_column'")
    if header in PART_YEAR:
        assert len(log) == 1, log
        words = PART_YEAR[header]
        assert decision_text("part_year_column", log.iloc[0]["values"], words_for("zh", ds.catalogue)) == (
            f"{header}列为2025年的部分时期（{words}），不是全年：其数值记为2025年的预计数，不作为实际值；"
            "如有其他来源（监测工作簿、其他规划）给出的2025年数值，优先采用")
        assert decision_text("part_year_column", log.iloc[0]["values"], words_for("en", ds.catalogue)).startswith(
            f"the column {header} gives part of 2025 ({words}), not the whole year: its figures are recorded as "
            "estimates of 2025, never as its actual values")
    else:
        assert log.empty


@pytest.mark.parametrize("header", ["2025年9个月", "2025年头三季", "2025年至今"])
def test_words_no_reader_knows_are_offered_as_an_estimate(workspace, header):
    """Part of a year said in words name_meaning does not know (an open family): main offered role: target, "role:
    actual for figures achieved, or role: year", and no entry that keeps them an estimate. The advice's entry with
    the words in (?P<estimated>…), followed, reads them as the year's estimate."""
    _with_base(workspace, header)
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    fix = info.value.fix
    assert "the whole year's figures achieved (counted, not estimated), role: actual" in fix
    entry = re.search(r"`(- \{pattern: '[^']*\(\?P<estimated>[^']*', role: year\})`", fix)
    assert entry, fix
    config = workspace / "config" / "sources.yaml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8"))
    doc["header_roles"] = yaml.safe_load(entry.group(1))
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _share(dataset.build(workspace / "raw", workspace / "config")) == ((35, "actual", True),)


@pytest.mark.parametrize("role", ["actual", "year"])
def test_an_analysts_role_for_a_part_year_column_keeps_it_an_estimate(workspace, role):
    """Whichever value role the analyst's own pattern gives, the header's 1-11月 still says part of the year."""
    _with_base(workspace, "2025年1-11月")
    _with_role(workspace, r"(?P<year>\d{4})年1-11月", role)
    assert _share(dataset.build(workspace / "raw", workspace / "config")) == ((35, "actual", True),)


def test_a_part_year_column_read_as_a_target_stops(workspace):
    _with_base(workspace, "2025年1-11月")
    _with_role(workspace, r"(?P<year>\d{4})年1-11月", "target")
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    assert "gives part of 2025 (1-11月)" in info.value.problem and "targets are for whole years" in info.value.problem
    assert "role: remark" in info.value.fix


def test_a_part_year_column_at_the_target_year_stops(workspace):
    """A year read by the plan's period at its target year would be a target: 2030年上半年 is none."""
    assert WORD_PLAN.count(TARGET) == 1
    _plan(workspace, WORD_PLAN.replace(TARGET, "\t2030年上半年\n"))
    _with_role(workspace, r"(?P<year>\d{4})年上半年", "year")
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    assert "gives part of 2030 (上半年)" in info.value.problem


def test_a_target_column_headed_2030_expected_target_is_read_by_the_defaults(workspace):
    """预期目标 is the plan's target, not an estimate; the 属性 column's 预期性 is still read."""
    assert WORD_PLAN.count(TARGET) == 1
    _plan(workspace, WORD_PLAN.replace(TARGET, "\t2030年预期目标\n"))
    ds = dataset.build(workspace / "raw", workspace / "config")
    assert _share(ds, 2030) == ((40, "target", False),)
    rows = ds.indicators.query("entity == 'tonglu' and plan == '十五五' and kind == 'target'")
    assert dict(zip(rows["indicator_id"], rows["attribute"])) == {
        "talent_total": "预期性", "new_high_skilled_talent": "约束性", "high_skilled_share_of_skilled": "约束性",
        "provincial_incubators": "预期性", "physicians_per_1000": ""}


def test_the_words_read_in_a_header():
    assert estimate_word("2025年E") == "2025年e" and estimate_word("2025年(估)") == "(估)"
    assert estimate_word("2025年（估数）") == "(估数)" and estimate_word("2025年预期") == "预期"
    for header in ("2030年预期目标", "预期性", "规划中期评估", "评估数据", "2025年", "2025年目标", "2025年估值评估"):
        assert estimate_word(header) is None, header
    assert not_actuals("十四五规划中期评估数据") is None     # 评估 is an evaluation, its figures actuals


@pytest.mark.parametrize("kind", ["docx", "html", pytest.param("pdf", marks=pytest.mark.slow)])
def test_a_published_plans_part_year_header_followed_by_its_advice_is_an_estimate(tmp_path, kind):
    """The header as a .docx, a web page and Chromium's PDF of it write it: 2025年 and 1-11月 on two lines of its
    cell."""
    copy_of_project(tmp_path)
    header = list(DOCUMENT_TABLE["header"])
    assert header[4] == "2025年（预计）"
    header[4] = "2025年\n1-11月"
    tonglu_plan_published(tmp_path, PlanContent(**dict(DOCUMENT_TABLE, header=header)), kind)
    ds, offered = built_by_the_header_advice(tmp_path)
    assert len(offered) == 1 and offered[0].endswith("role: year}"), offered
    assert _share(ds) == ((35, "actual", True),)
