"""A plan's draft, a text explaining a plan and an adjustment of one are not the plan (redteam12, lesser: the
report-on-a-plan names, hostile). On main a draft (…规划征求意见稿, （草案）, 讨论稿, 送审稿, 初稿, 修订稿) or an
explanation (解读, 编制说明, 起草说明) stopped, but said it "holds actual values and assessments", which is not why:
a draft holds the targets proposed before the plan was adopted, an explanation quotes the plan's; and
…规划调整方案, an adjustment whose targets differ from the plan's, was read as the plan, exit 0 (its last word, 方案,
is a plan's). Decision (docs/data.md): each stops with its own reason (one home: helpers.extract.plans.NOT_THE_PLAN;
the words: name_meaning.not_the_plan), and the advice, followed, reads the plan."""
import pytest

from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.extract.name_meaning import not_the_plan
from support.data_step import build_refused
from support.plan_documents import JIANDE, real_plan, use_plan_file, write_docx

PLAN = "建德市人才发展十四五规划"


def _jiande_targets(workspace) -> int:
    ind = dataset.build(workspace / "raw", workspace / "config").indicators
    return len(ind.query("entity == 'jiande' and origin == 'plan'"))


def _edit(workspace, edit) -> None:
    path = workspace / "raw" / JIANDE
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(edit(lines)), encoding="utf-8")
    write_manifest(workspace / "raw")


@pytest.mark.parametrize("text, what, words", [
    (f"{PLAN}征求意见稿", "a draft", "征求意见稿"), (f"{PLAN}（草案）", "a draft", "草案"),
    (f"{PLAN}讨论稿", "a draft", "讨论稿"), (f"{PLAN}送审稿", "a draft", "送审稿"), (f"{PLAN}初稿", "a draft", "初稿"),
    (f"{PLAN}修订稿", "a draft", "修订稿"), (f"征求意见稿_{PLAN}", "a draft", "征求意见稿"),
    ("jiande_talent_plan_draft", "a draft", "draft"),
    (f"{PLAN}解读", "an explanation", "解读"), (f"《{PLAN}》解读", "an explanation", "解读"),
    (f"{PLAN}编制说明", "an explanation", "编制说明"), (f"{PLAN}起草说明", "an explanation", "起草说明"),
    (f"关于《{PLAN}》的说明", "an explanation", "说明"),
    (f"{PLAN}调整方案", "an adjustment", "调整"), (f"{PLAN}中期调整", "an adjustment", "调整"),
    (f"{PLAN}規劃調整方案", "an adjustment", "调整"), ("talent plan adjustment", "an adjustment", "adjustment"),
    (f"关于调整《{PLAN}》部分指标的通知", "an adjustment", "关于调整")])
def test_a_drafts_an_explanations_and_an_adjustments_names(text, what, words):
    said = not_the_plan(text)
    assert (said.what, said.words) == (what, words)


@pytest.mark.parametrize("text", [PLAN, f"{PLAN}（2021—2025年）", f"关于印发《{PLAN}》的通知", "产业结构调整规划",
                                  "人才引进实施方案", "人才发展规划纲要", "jiande_talent_plan_2021-2025"])
def test_a_plans_own_names_say_none_of_it(text):
    """A plan on adjusting a structure (产业结构调整规划) is a plan: 调整 counts after the plan's noun only."""
    assert not_the_plan(text) is None


@pytest.mark.parametrize("word, problem", [
    ("（征求意见稿）", "says the document is a draft of a plan ('征求意见稿'), not the plan itself: a draft holds the "
                 "targets proposed before the plan was adopted, which may differ from those published, and its "
                 "figures would be read as the plan's targets"),
    ("调整方案", "says the document adjusts a plan ('调整'), not the plan itself: an adjustment sets targets that "
             "differ from the published plan's (often for some indicators only), and its figures would be read as "
             "the plan's targets")])
def test_a_file_named_as_a_draft_or_an_adjustment_stops_with_its_reason_and_renamed_is_read(workspace, tmp_path,
                                                                                            word, problem):
    """The file is the plan, misnamed: the advice followed (renamed as it suggests, sources.yaml and the manifest)
    reads it. On main the draft's reason was "holds actual values and assessments", and the adjustment was read."""
    before = _jiande_targets(workspace)
    name = f"{PLAN}{word}.docx"
    use_plan_file(workspace, JIANDE, write_docx(real_plan(JIANDE), tmp_path / name))
    err = build_refused(workspace)
    assert err.where is None
    assert err.problem == f"the file's name ('{name}') {problem}"
    assert err.fix.startswith(f"if this file is the plan itself, rename it so that its name no longer says so (e.g. "
                              f"{PLAN}.docx), write the new name under `file:`")
    assert "otherwise name the published plan itself" in err.fix
    use_plan_file(workspace, name, write_docx(real_plan(JIANDE), tmp_path / f"{PLAN}.docx"))
    assert _jiande_targets(workspace) == before


def test_a_documents_title_naming_an_explanation_stops_with_its_reason(workspace):
    before = _jiande_targets(workspace)
    title = f"关于《{PLAN}》的起草说明"
    _edit(workspace, lambda lines: [title, *lines])
    err = build_refused(workspace)
    assert err.file.endswith(JIANDE) and err.where == 1
    assert err.problem == (f"the document's title ('{title}') says the document explains a plan ('起草说明'), not the "
                           "plan itself: an interpretation or a note on its drafting quotes and explains the plan's "
                           "targets (some of them, perhaps rounded) but does not set them, and its figures would be "
                           "read as the plan's targets")
    assert err.fix == ("name the plan itself, the document that sets the targets, under this plan's `file:` in "
                       "config/sources.yaml and run `make manifest`.")
    _edit(workspace, lambda lines: lines[1:])
    assert _jiande_targets(workspace) == before
