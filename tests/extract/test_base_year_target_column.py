"""A column of the county's targets for a plan's base year or before (redteam16 F-base-target): 桐庐's 十五五 plan
(2026–2030, base 2025) heading its 2025 column `2025年预期目标` or `2025年目标`, while its 十四五 plan heads its own
2025 targets `2025年目标`. The case: tests/support/final_evaluation.py, without the workbook's 2025 人才资源总量.

On main the 十五五 column was read as 2025's targets: its 15.2, 〔6500〕 and 5.5 were merged with the 十四五 plan's
15左右, 〔6000〕 and 6 as one observation each (the 十四五 plan's kept, first in sources.yaml), the base figures were
lost (人才资源总量 had no 2025 figure at all), and the 2025 brief said "桐庐县新增高技能人才2025年实际值两个来源不同：
采用tonglu_14.txt第27行的6,000人，tonglu_15.txt第26行为6,500人" of two targets.

Now the run stops, naming the file, the header cell and the plan's period, whatever the plan's format (text export,
.docx, web page). Either entry its advice gives, written as it says under the 十五五 plan's own entry in
config/sources.yaml, reads the column as what it is and leaves the 十四五 plan's `2025年目标` its targets (a file-wide
`header_roles` entry for `2025年目标` would have read those too):
- the base year's figures: 15.2 is the 十五五 plan's estimate of 2025 (never a firm actual); 2025's one target for
  人才资源总量 is the 十四五 plan's 15左右; the brief names no two sources of a target;
- the previous plan's targets quoted: the column is not read, and 2025's targets are the 十四五 plan's alone.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import analyse
from helpers.core.config import load_sources
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.report.chapters.scorecard import summary_section
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case
from support.plan_documents import plan_content, use_plan_file, write_docx, write_html

HEADERS = ["2025年预期目标", "2025年目标"]
KINDS = ["txt", "docx", "html"]


def _case(root: Path, header: str, kind: str) -> Path:
    """The case with the 十五五 plan's base column headed `header`, as a text export or published as `kind`."""
    final_evaluation_case(root, without=(("人才资源总量", 2025),))
    plan = root / "raw" / "tonglu_15.txt"
    if kind == "txt":
        plan.write_text(plan.read_text(encoding="utf-8").replace("\t2025年\n", f"\t{header}\n", 1), encoding="utf-8")
        from helpers.extract.manifest import write_manifest
        write_manifest(root / "raw")
        return plan
    content = plan_content(plan, root / "config")
    content.header = [header if h == "2025年" else h for h in content.header]
    made = (write_docx if kind == "docx" else write_html)(content, root / f"tonglu_15.{kind}")
    use_plan_file(root, "tonglu_15.txt", made)
    return root / "raw" / made.name


def _stop(root: Path) -> InputError:
    with pytest.raises(InputError) as stop:
        dataset.build(root / "raw", root / "config")
    return stop.value


def _follow(root: Path, plan: Path, entry: str) -> None:
    """The advice's line written as it says: under the plan's own entry in config/sources.yaml, below its `file:`."""
    sources = root / "config" / "sources.yaml"
    lines = sources.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == f"file: {plan.name}")
    indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at + 1, indent + entry)
    sources.write_text("\n".join(lines), encoding="utf-8")


def _rows(ds, year: int = 2025, indicator: str = "talent_total"):
    rows = ds.indicators.query(f"entity == 'tonglu' and indicator_id == '{indicator}' and year == {year}")
    return [(r.kind, r.value, bool(r.estimated), Path(r.source_file).name) for r in rows.itertuples()]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("header", HEADERS)
def test_a_county_target_column_at_the_base_year_stops_and_either_advice_reads(tmp_path, header, kind):
    plan = _case(tmp_path, header, kind)
    err = _stop(tmp_path)
    assert Path(err.file).name == plan.name
    assert (f"the column '{header}' is read as the county's targets for 2025, but {plan.name} is the plan for 十五五 "
            "(2025→2030), which sets targets for the years after its base year 2025") in err.problem, err.problem
    line = next(p.line for p in load_sources(tmp_path / "config").plans if p.file == plan.name)
    assert f"(its entry at line {line}, file: {plan.name})" in err.fix, err.fix
    base, remark = re.findall(r"`(header_roles: \[\{pattern: .*?\}\])`", err.fix)
    assert base.endswith("role: year}]") and remark.endswith("role: remark}]")
    fourteenth = [("target", 15.0, False, "tonglu_14.txt")]

    # The base year's figures: the plan's estimate of 2025; the 十四五 plan's 2025年目标 still its targets.
    _follow(tmp_path, plan, base)
    ds = dataset.build(tmp_path / "raw", tmp_path / "config")
    assert sorted(_rows(ds)) == sorted(fourteenth + [("actual", 15.2, True, plan.name)])
    assert sorted(_rows(ds, indicator="talent_outflow_rate")) == [("actual", 6.2, False, "监测2021-2025.xlsx"),
                                                                   ("target", 6.0, False, "tonglu_14.txt")]
    assert _rows(ds, 2030) == [("target", 20.0, False, plan.name)]
    targets = ds.indicators.query("entity == 'tonglu' and year == 2025 and kind == 'target'")
    assert set(targets["source_file"].map(lambda f: Path(f).name)) == {"tonglu_14.txt"}
    assert not ds.checks.query("check == 'same_observation' and entity == 'tonglu'")["explanation_values"] \
        .str.contains('"target"').any()

    # The previous plan's targets quoted: not read.
    sources = tmp_path / "config" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(base, remark), encoding="utf-8")
    ds = dataset.build(tmp_path / "raw", tmp_path / "config")
    assert _rows(ds) == fourteenth
    assert not (ds.indicators.query("entity == 'tonglu' and year == 2025")["source_file"]
                .map(lambda f: Path(f).name) == plan.name).any()


def test_the_brief_names_no_two_sources_of_a_target(tmp_path):
    """End to end, the text export with `2025年预期目标`, its advice for the base followed: the 2025 brief
    judges the 十四五 targets on the workbook and names no two sources of a target (on main:
    "新增高技能人才2025年实际值两个来源不同：采用tonglu_14.txt第27行的6,000人，tonglu_15.txt第26行为6,500人").
    By hand: 〔1〕 at +1.1 and 35以上 at 35 met; 〔6000〕 at 5,950 and 6 at 6.2 missed; 人才资源总量 has no 2025
    actual (the 十五五 plan's 15.2 is an estimate): 4 targets judged, 2 met."""
    plan = _case(tmp_path, "2025年预期目标", "txt")
    base = re.findall(r"`(header_roles: \[\{pattern: .*?\}\])`", _stop(tmp_path).fix)[0]
    _follow(tmp_path, plan, base)
    dataset.write(dataset.build(tmp_path / "raw", tmp_path / "config"), tmp_path / "processed")
    analyse.build_tables(tmp_path / "processed", tmp_path / "config", 2025, "tonglu")
    zh = str(summary_section(load_report_context(tmp_path / "processed", tmp_path / "config", 2025, "tonglu", "zh"),
                             "brief"))
    assert "tonglu_14.txt第27行" not in zh and "目标值两个来源不同" not in zh, zh
    assert "4项目标中2项达标、2项未达标" in zh, zh
    en = str(summary_section(load_report_context(tmp_path / "processed", tmp_path / "config", 2025, "tonglu", "en"),
                             "brief"))
    assert "tonglu_14.txt, line 27" not in en and "2025 target: two sources differ" not in en, en


def test_a_plans_own_header_roles_are_checked(tmp_path):
    """Keys under a plan's `header_roles` are checked as the file's are: a misspelt one stops, naming its line and
    the nearest known key; so does a misspelt `header_roles` itself."""
    final_evaluation_case(tmp_path)
    sources = tmp_path / "config" / "sources.yaml"
    written = sources.read_text(encoding="utf-8")
    for entry, key, near in (
            ("header_roles: [{patern: '2025年预期目标', role: remark}]", "patern", "pattern"),
            ("header_role: [{pattern: '2025年预期目标', role: remark}]", "header_role", "header_roles")):
        sources.write_text(written, encoding="utf-8")
        _follow(tmp_path, tmp_path / "raw" / "tonglu_15.txt", entry)
        line = sources.read_text(encoding="utf-8").split("\n").index(f"  {entry}") + 1
        with pytest.raises(InputError) as stop:
            load_sources(tmp_path / "config")
        assert stop.value.where == line and f"unknown key '{key}'" in stop.value.problem, stop.value
        assert f"did you mean '{near}'?" in stop.value.fix


def test_the_plans_own_table_stops_though_a_table_titled_alike_follows(tmp_path):
    """A web page with the plan's table (2025年预期目标) and below it a copy titled alike whose 2025 column is headed
    2025年. The reader tries each table titled alike and passes over one that stops: with the check where the year
    columns are placed, the plan's table was passed over and the copy's 15.2 read as a firm 2025 actual, without a
    word. The check runs once the plan's table is chosen, and stops there."""
    plan = _case(tmp_path, "2025年预期目标", "html")
    page = plan.read_text(encoding="utf-8")
    block = re.search(r"<p><b>.*?</table>", page, re.S).group()
    assert block.count("<th>2025年预期目标</th>") == 1
    plan.write_text(page.replace(block, block + "\n" + block.replace("<th>2025年预期目标</th>", "<th>2025年</th>")),
                    encoding="utf-8")
    from helpers.extract.manifest import write_manifest
    write_manifest(tmp_path / "raw")
    err = _stop(tmp_path)
    assert Path(err.file).name == plan.name and "the column '2025年预期目标' is read as the county's targets" \
        in err.problem, err
