"""A plan's preliminary scheme, an infographic explaining it and the work plan for drafting it are not the plan
(redteam14 finding 5, issue 18, class 1). On main a document titled 桐庐县人才发展“十四五”规划（初步方案） (a draft:
方案 is a plan's head noun, and 初步 was no draft word), 一图读懂…规划 (an explainer, which often reproduces the
table rounded or abridged: 一图读懂 was no explanation word, and stands before the plan's noun) or
…规划编制工作方案 (the work plan for drafting it, whose last word is a plan's) was read as the plan, exit 0. And
意见征求稿, 报审稿, 代拟稿, 建议稿, 预审稿, 征求意见版, 第二稿, 专家论证稿 and 评审稿 stopped, but with the
generic reason "says more after it", not that the document is a draft. Decision (docs/data.md): each stops with its
own reason (the words: name_meaning.DRAFTS, DRAFT_NUMBER, PLAN_EXPLANATIONS; the reasons:
helpers.extract.plans.NOT_THE_PLAN), and a plan's own titles (…规划, …实施方案, 《…规划》的通知, 人员编制规划, 定稿)
still read."""
import pytest

from helpers.core.text import normalise
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.name_meaning import not_the_plan
from support.data_step import build_refused
from support.plan_documents import JIANDE, real_plan, use_plan_file, write_docx

PLAN = "建德市人才发展十四五规划"


def _jiande_targets(workspace) -> int:
    ind = dataset.build(workspace / "raw", workspace / "config").indicators
    return len(ind.query("entity == 'jiande' and origin == 'plan'"))


def _title(workspace, title: str | None) -> None:
    """The plan's text with `title` as its first line (None: without the line added before)."""
    path = workspace / "raw" / JIANDE
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([title, *lines] if title is not None else lines[1:]), encoding="utf-8")
    write_manifest(workspace / "raw")


@pytest.mark.parametrize("text, words", [
    (f"{PLAN}（初步方案）", "初步方案"), ("桐庐县人才发展“十四五”规划（初步方案）", "初步方案"),
    (f"{PLAN}意见征求稿", "意见征求稿"), (f"{PLAN}报审稿", "报审稿"), (f"{PLAN}代拟稿", "代拟稿"),
    (f"{PLAN}建议稿", "建议稿"), (f"{PLAN}预审稿", "预审稿"), (f"{PLAN}（征求意见版）", "征求意见版"),
    (f"{PLAN}第二稿", "第二稿"), (f"{PLAN}（第3稿）", "第3稿"), (f"{PLAN}专家论证稿", "专家论证稿"),
    (f"{PLAN}评审稿", "评审稿"), ("建德市人才發展十四五規劃專家論證稿", "专家论证稿")])
def test_a_drafts_names_say_a_draft(text, words):
    """On main: None for 初步方案 (read as the plan), and no "a draft" for the others (the generic stop)."""
    said = not_the_plan(text)
    assert (said.what, said.words) == ("a draft", words)


@pytest.mark.parametrize("text, what, words", [
    (f"一图读懂{PLAN}", "an explanation", "一图读懂"),
    ("一图读懂桐庐县人才发展“十四五”规划", "an explanation", "一图读懂"),
    (f"一张图看懂{PLAN}", "an explanation", "一张图看懂"), ("talent plan infographic", "an explanation", "infographic"),
    (f"{PLAN}编制工作方案", "a work plan for drafting", "编制"),
    (f"{PLAN}起草工作方案", "a work plan for drafting", "起草")])
def test_an_explainers_and_a_drafting_work_plans_names_say_so(text, what, words):
    """On main each was None: read as the plan."""
    said = not_the_plan(text)
    assert (said.what, said.words) == (what, words)


@pytest.mark.parametrize("text", [PLAN, f"{PLAN}（2021—2025年）", f"关于印发《{PLAN}》的通知",
                                  "建德市人才发展十四五实施方案",
                                  "人才引进实施方案", "人员编制规划", "机构编制规划纲要", "产业结构调整规划",
                                  f"{PLAN}定稿", f"{PLAN}终稿", f"{PLAN}印发稿", "桐庐县人才发展“十四五”规划",
                                  "桐庐县人才发展“十五五”规划", "jiande_talent_plan_2021-2025"])
def test_a_plans_own_titles_still_say_none_of_it(text):
    """Not over-matched: 编制 before the plan's noun is a headcount plan's (人员编制规划), 定稿 is the final text."""
    assert not_the_plan(text) is None


@pytest.mark.parametrize("title, problem", [
    ("建德市人才发展“十四五”规划（初步方案）",
     "says the document is a draft of a plan ('初步方案'), not the plan itself: a draft holds the targets proposed "
     "before the plan was adopted, which may differ from those published"),
    ("一图读懂建德市人才发展“十四五”规划",
     "says the document explains a plan ('一图读懂'), not the plan itself: an interpretation or a note on its "
     "drafting quotes and explains the plan's targets (some of them, perhaps rounded) but does not set them"),
    ("建德市人才发展“十四五”规划编制工作方案",
     "says the document is the work plan for drafting a plan ('编制'), not the plan itself: a work plan says how and "
     "by when the plan is to be drafted, and any figures in it are not the targets the plan sets"),
    ("建德市人才发展“十四五”规划第二稿",
     "says the document is a draft of a plan ('第二稿'), not the plan itself: a draft holds the targets proposed "
     "before the plan was adopted, which may differ from those published")])
def test_a_documents_title_saying_so_stops_with_its_reason(workspace, title, problem):
    """redteam14 S-plan-names: on main the first three gave exit 0 with the document's rows read as the plan's,
    the fourth the generic reason. Without the title line the plan reads as before."""
    before = _jiande_targets(workspace)
    _title(workspace, title)
    err = build_refused(workspace)
    assert err.file.endswith(JIANDE) and err.where == 1
    assert err.problem == (f"the document's title ('{normalise(title)}') {problem}, and its figures would be read as "
                           "the plan's targets")
    _title(workspace, None)
    assert _jiande_targets(workspace) == before


@pytest.mark.parametrize("name, renamed", [
    (f"{PLAN}（初步方案）.docx", f"{PLAN}.docx"), (f"一图读懂{PLAN}.docx", f"{PLAN}.docx"),
    (f"{PLAN}编制工作方案.docx", f"{PLAN}.docx"), (f"{PLAN}第二稿.docx", f"{PLAN}.docx")])
def test_a_file_so_named_stops_and_renamed_as_advised_is_read(workspace, tmp_path, name, renamed):
    """The file is the plan, misnamed: the advice's name (the word cut, or the name ended at the plan's noun for a
    work plan, as for an adjustment) reads it."""
    before = _jiande_targets(workspace)
    use_plan_file(workspace, JIANDE, write_docx(real_plan(JIANDE), tmp_path / name))
    err = build_refused(workspace)
    assert err.problem.startswith(f"the file's name ('{name}') says the document ")
    assert err.fix.startswith(f"if this file is the plan itself, rename it so that its name no longer says so (e.g. "
                              f"{renamed}), write the new name under `file:`")
    use_plan_file(workspace, name, write_docx(real_plan(JIANDE), tmp_path / renamed))
    assert _jiande_targets(workspace) == before
