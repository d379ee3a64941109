"""A document that reports on a plan is not the plan (issue 18; the names session's note): a mid-term evaluation
(建德市人才发展“十四五”规划中期评估) or a table of the plan's results (主要指标完成情况), named as a county's plan in
sources.yaml, had its table's figures, actual values, read as the plan's targets, exit 0. Decision
(docs/data.md): it stops, naming the title or file name that says so; the words' one home is
helpers.extract.name_meaning.reports_on_a_plan."""
import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.name_meaning import reports_on_a_plan
from support.data_step import build_refused
from support.plan_documents import JIANDE, real_plan, use_plan_file, write_docx

EVALUATION = "建德市人才发展“十四五”规划中期评估报告"


def _edit(workspace, edit) -> None:
    path = workspace / "raw" / JIANDE
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(edit(lines)), encoding="utf-8")
    write_manifest(workspace / "raw")


def _jiande_targets(workspace) -> int:
    ind = dataset.build(workspace / "raw", workspace / "config").indicators
    return len(ind.query("entity == 'jiande' and origin == 'plan'"))


@pytest.mark.parametrize("text, words", [
    ("十四五规划中期评估", "中期评估"), ("人才发展主要指标完成情况", "完成情况"),
    ("“十四五”规划实施情况终期评估", "实施情况"), ("人才发展监测报告", "监测报告")])
def test_words_saying_a_report_on_a_plan(text, words):
    assert reports_on_a_plan(text) == words


@pytest.mark.parametrize("text", [
    "建德市人才发展“十四五”规划", "“十四五”时期全市人才发展主要指标", "jiande_talent_plan_2021-2025.txt",
    "人才发展主要监测指标", "关于印发《安吉县人才发展“十四五”规划》的通知"])
def test_a_plans_own_titles_say_no_such_thing(text):
    assert reports_on_a_plan(text) is None


def test_a_documents_title_saying_mid_term_evaluation_stops_the_run(workspace):
    before = _jiande_targets(workspace)
    _edit(workspace, lambda lines: [EVALUATION, *lines])
    err = build_refused(workspace)
    assert err.file.endswith(JIANDE) and err.where == 1
    assert err.problem == (f"the document's title ('{EVALUATION}') says the document reports on a plan ('中期评估': "
                           "an evaluation, a completion or monitoring report), not the plan itself: its table holds "
                           "actual values and assessments, which would be read as the plan's targets")
    assert err.fix.startswith("name the published plan itself, the document that sets the targets, under this plan's "
                              "`file:` in config/sources.yaml and run `make manifest`")
    # the advice followed: the published plan named (here, the plan as it was)
    _edit(workspace, lambda lines: lines[1:])
    assert _jiande_targets(workspace) == before


def test_a_table_of_the_plans_results_stops_the_run_at_its_title(workspace):
    _edit(workspace, lambda lines: [line.replace("时期全市人才发展主要指标", "时期全市人才发展主要指标完成情况")
                                    for line in lines])
    err = build_refused(workspace)
    assert err.where == 36
    assert err.problem.startswith("the table's title ('“十四五”时期全市人才发展主要指标完成情况') says the document "
                                  "reports on a plan ('完成情况'")
    assert err.fix.startswith("if this document is the plan, correct `table_title` for it in config/sources.yaml")


def test_a_word_document_titled_as_an_evaluation_stops_the_run(workspace, tmp_path):
    content = real_plan(JIANDE)
    content.before.insert(0, EVALUATION)
    use_plan_file(workspace, JIANDE, write_docx(content, tmp_path / "jiande.docx"))
    err = build_refused(workspace)
    assert err.file.endswith("jiande.docx") and "paragraph 1" in str(err.where)
    assert err.problem.startswith(f"the document's title ('{EVALUATION}') says the document reports on a plan")


def test_a_file_named_as_an_evaluation_stops_the_run_and_renamed_is_read(workspace, tmp_path):
    """The file is the plan, misnamed: the advice, followed (renamed, sources.yaml and the manifest), reads it."""
    before = _jiande_targets(workspace)
    use_plan_file(workspace, JIANDE, write_docx(real_plan(JIANDE), tmp_path / "十四五规划中期评估.docx"))
    err = build_refused(workspace)
    assert err.where is None and err.problem.startswith(
        "the file's name ('十四五规划中期评估.docx') says the document reports on a plan ('中期评估'")
    assert err.fix.startswith("if this file is the plan itself, rename it so that its name no longer says so (e.g. "
                              "十四五规划.docx), write the new name under `file:` in config/sources.yaml and run "
                              "`make manifest`")
    use_plan_file(workspace, "十四五规划中期评估.docx", write_docx(real_plan(JIANDE), tmp_path / "十四五规划.docx"))
    assert _jiande_targets(workspace) == before


# ----------------------------------------------------------------------------- a plan by its head noun
# redteam10 finding 4: 中期评估 stopped, but 19 other names for a report on a plan were read as the plan, exit 0
# (建德's plan saved as 建德市人才发展十四五规划落实情况.docx, …回头看, …自查报告, …中期評估): the report words are an
# open family. A title or file name naming a plan is the plan's only when the plan's noun ends it (…规划, …纲要,
# …计划, …方案, plan; its period, the notice publishing it, a copy mark or the county's name after it); any other
# word after it stops the run (name_meaning.after_a_plan).

REPORT_WORDS = ["中期评估", "落实情况", "回头看", "自查报告", "执行进度", "完成进度表", "年度进展", "达成情况",
                "实施成效", "规划评估", "中期检查", "年度监测", "实现情况", "推进情况", "完成度", "中期評估",
                "总结评估", "中期评价", "后评估", "绩效评价"]


@pytest.mark.parametrize("word", REPORT_WORDS)
def test_any_word_after_the_plans_noun_says_it_is_not_the_plan(word):
    """On main: only 中期评估 (and 中期評估 not even that) said anything."""
    from helpers.extract.name_meaning import after_a_plan
    assert reports_on_a_plan(f"建德市人才发展十四五规划{word}") or after_a_plan(f"建德市人才发展十四五规划{word}")


@pytest.mark.parametrize("text", [
    "建德市人才发展“十四五”规划", "建德市人才发展“十四五”规划（2021—2025年）",
    "关于印发《安吉县人才发展“十四五”规划》的通知",
    "jiande_talent_plan_2021-2025", "tonglu_plan", "plan", "十四五规划_建德", "人才发展规划纲要", "人才引进实施方案",
    "建德市人才发展十四五规划(1)", "talent plan v2", "jiande", "“十四五”时期全市人才发展主要指标"])
def test_a_plans_own_titles_and_file_names_end_with_the_plan(text):
    from helpers.extract.name_meaning import after_a_plan
    assert after_a_plan(text, ("jiande", "建德市", "Jiande")) is None


def test_a_file_named_as_a_report_on_the_plan_stops_the_run_and_renamed_is_read(workspace, tmp_path):
    """redteam10 F-report-on-plan: 建德's plan (as .docx, from the seed) saved as …规划落实情况.docx was read as the
    plan, exit 0. The advice followed (the file renamed as it suggests, sources.yaml and the manifest) reads it."""
    before = _jiande_targets(workspace)
    name = "建德市人才发展十四五规划落实情况.docx"
    use_plan_file(workspace, JIANDE, write_docx(real_plan(JIANDE), tmp_path / name))
    err = build_refused(workspace)
    assert err.where is None
    assert err.problem == (f"the file's name ('{name}') names a plan, but says more after it ('落实情况'), so it is "
                           "not the plan's own: a plan's title ends with the plan (…规划, …纲要, …计划, …方案, and its "
                           "period or the notice publishing it), while a document about a plan (its implementation, a "
                           "check, a report on its progress or an evaluation) holds actual values and assessments, "
                           "which would be read as the plan's targets")
    assert err.fix.startswith("if this file is the plan itself, rename it so that its name no longer says so (e.g. "
                              "建德市人才发展十四五规划.docx), write the new name under `file:`")
    use_plan_file(workspace, name, write_docx(real_plan(JIANDE), tmp_path / "建德市人才发展十四五规划.docx"))
    assert _jiande_targets(workspace) == before


@pytest.mark.parametrize("title, words", [("建德市人才发展“十四五”规划回头看", "回头看"),
                                          ("建德市人才发展“十四五”规划中期評估", "中期评估"),
                                          ("建德市人才发展“十四五”规划自查报告", "自查报告")])
def test_a_documents_title_naming_a_report_on_the_plan_stops_the_run(workspace, title, words):
    before = _jiande_targets(workspace)
    _edit(workspace, lambda lines: [title, *lines])
    err = build_refused(workspace)
    assert err.file.endswith(JIANDE) and err.where == 1
    assert err.problem.startswith(f"the document's title ('{title}') ")
    assert f"'{words}'" in err.problem
    _edit(workspace, lambda lines: ["建德市人才发展“十四五”规划", *lines[1:]])
    assert _jiande_targets(workspace) == before
