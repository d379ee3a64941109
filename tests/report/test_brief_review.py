"""The 2025 brief (十四五's final evaluation) as its readers meet it, after a review: one form of years from-to in
each language (2021—2025 in Chinese, 2021–2025 in English: the title and the text used to differ), plain English
for indicators measured differently ("compare with care", never "caveat"), the misses' actuals headed with their
year (2025年实际), and a caption's part number inside its sentence, before the full stop.

The workspace is support/brief_limits.py's: the monitoring template filled with 2021–2025 actuals for every
county and indicator with a 2025 target (建德 19 targets, 安吉 16; every third pair of a county missed)."""
import html
import re

import pytest

from helpers import analyse
from helpers.report import chapters
from helpers.report.context import load_report_context
from support import brief_limits as bl


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    root = bl.prepare(tmp_path_factory.mktemp("review"), 2025)
    analyse.build_tables(root / "processed", root / "config", 2025)
    return root


@pytest.fixture(scope="module")
def contexts(full):
    return {lang: load_report_context(full / "processed", full / "config", 2025, None, lang) for lang in ("zh", "en")}


def brief_chapters(ctx):
    """The brief's chapters, as the report notebook's cells tagged "brief" show them."""
    return [chapters.title.title_block(ctx, "brief"), chapters.scorecard.summary_section(ctx, "brief"),
            chapters.plan.misses_brief(ctx), chapters.progress.key_figures_brief(ctx),
            chapters.outlook.outlook_brief(ctx)]


def text_of(ctx) -> str:
    """The brief's words as shown, the figures' SVG text included; the file names of the sources left out (the
    monitoring workbook is named 2021-2025年 监测数据.xlsx by its office)."""
    body = "".join(str(c) for c in brief_chapters(ctx))
    body = re.sub(r"<style.*?</style>|<span class=\"file\"[^>]*>.*?</span>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_the_chinese_brief_writes_the_plans_years_with_one_dash(contexts):
    text = text_of(contexts["zh"])
    assert "人才发展规划监测报告（2021—2025年）" in text            # the title
    assert "“十四五”规划（2021—2025年）· 终期评估" in text           # the plan evaluated (was 2021–2025)
    assert "建德市“十四五”规划（2021—2025年）终期评估" in text        # the summary (was 2021–2025)
    assert not re.findall(r"\d{4}[–-]\d{4}", text), re.findall(r".{12}\d{4}[–-]\d{4}.{4}", text)


def test_the_english_brief_writes_them_with_an_en_dash(contexts):
    text = text_of(contexts["en"])
    assert "Talent Development Plans 2021–2025" in text
    assert "the 14th Five-Year Plan (2021–2025)" in text
    assert not re.findall(r"\d{4}[—-]\d{4}", text)


def test_the_english_brief_says_compare_with_care_never_caveat(contexts):
    text = text_of(contexts["en"])
    # R&D personnel per 10,000 workers is counted per labour force in 建德, per employed person in 安吉
    assert "R&D personnel per 10,000 workers (compare with care)" in text
    assert "caveat" not in text.lower()
    assert "R&D人员数（需谨慎比" in text_of(contexts["zh"])      # (the label wraps in its figure)


def test_the_misses_head_their_actuals_with_the_year_they_are_for(contexts):
    for lang, heading in (("zh", "2025年实际"), ("en", "2025 actual")):
        misses = chapters.plan.misses_brief(contexts[lang])
        table = next(b["table"] for b in misses.blocks if b["kind"] == "table")
        assert [c.label for c in table.columns][3] == heading


def test_a_captions_part_number_comes_before_its_full_stop(contexts):
    # 9 indicators set against the province: the key figure is drawn in two halves. The part number belongs to the
    # chart's caption, before its full stop; its actuals written "≥ target" are drawn as bounds in the first half
    # alone, whose caption explains them after it (main said so in both halves, the number after the explanation).
    for lang, parts, triangles in (("zh", ("之比（100% = 达到省目标）（1/2）。", "之比（100% = 达到省目标）（2/2）。"),
                                    "空心三角为只记为界限的实际值之比（▷实际更高，◁更低）。"),
                                   ("en", ("(100% = the provincial target reached) (1 of 2).",
                                           "(100% = the provincial target reached) (2 of 2)."),
                                    " Hollow triangles: ratios of actuals recorded only as bounds "
                                    "(▷ higher, ◁ lower).")):
        figure = chapters.progress.key_figures_brief(contexts[lang])
        captions = [f.caption for b in figure.blocks if b["kind"] == "figures" for f in b["figures"]]
        assert len(captions) == 2 and captions[0].endswith(parts[0] + triangles), captions
        assert captions[1].endswith(parts[1]), captions


def test_every_wording_joins_years_with_its_languages_dash():
    # the sentences that write years from-to themselves ({start_year}—{target_year}年) agree with the one form
    from helpers.core.periods import YEAR_DASH
    from helpers.core.wording import FOLDER as CORE
    from helpers.report.wording import FOLDER as REPORT
    joined = re.compile(r"\{(?:\w*year\w*|first)\}([–—-])\{\w*year\w*\}")
    for lang, dash in YEAR_DASH.items():
        for folder in (CORE, REPORT):
            text = (folder / f"{lang}.yaml").read_text(encoding="utf-8")
            dashes = set(joined.findall(text))      # (the core's notes write theirs as {years}: periods.years)
            assert dashes <= {dash}, (folder, lang, dashes)


def test_a_county_that_missed_every_target_is_summed_up_in_one_short_sentence(contexts):
    # 建德 with all 19 targets missed, 完成率 falling row by row: the sentence names the 6 worst and says how many
    import dataclasses
    for lang, expected in (("zh", "（未达标：院士专家工作站、博士后科研工作站总量、每千人口执业（助理）医师数、"),
                           ("en", " (academician expert and postdoctoral workstations, licensed (assistant) ")):
        ctx = contexts[lang]
        p = ctx.progress.copy()
        judged = (p["entity"] == "jiande") & p["verdict"].isin(["target_met", "target_missed"])
        assert judged.sum() == 19
        p.loc[judged, "verdict"] = "target_missed"
        p.loc[judged, "completion_rate"] = [0.9 - 0.01 * i for i in range(19)]
        missed_all = dataclasses.replace(ctx, progress=p, figures={})
        first = chapters.summary.executive_summary(missed_all, "brief")[0]
        assert expected in first, first
        assert first.endswith("及另外13项）。" if lang == "zh" else " and 13 more).")
        assert len(first) < (160 if lang == "zh" else 420), first
    # the 2025 brief's own sentences (6 and 5 misses) still name every one, in the catalogue's order
    assert "（未达标：党政人才、高技能人才、40周岁以下大学生人数、专业技术人才中高级职称比例、科创板上市企业数、" \
        "优质学前教育和高中段教育覆盖率）" in chapters.summary.executive_summary(contexts["zh"], "brief")[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_notebooks_figures_mark_a_pair_to_compare_with_care_in_the_reports_words(lang):
    # the notebooks' figures said （口径注意） where the report and its tables say （需谨慎比较）
    from helpers.analyse.figures import _label
    from helpers.core.wording import words
    row = {"comparability": "caveat", "indicator_name_zh": "每千人口执业（助理）医师数",
           "indicator_name_en": "Practising physicians per 1,000 people"}
    caveat = words(lang)("definitions.caveat")
    expected = {"zh": f"每千人口执业（助理）医师数（{caveat}）",
                "en": f"Practising physicians per 1,000 people ({caveat})"}[lang]
    assert _label(row, lang) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_no_target_judged_the_brief_never_says_every_target_judged_was_met(contexts, lang):
    # a plan that ended with no target-year actual for any target (the hostile pass: 安吉, 2026) was summed up
    # under 未达标的目标 as 所评估的目标全部达标 while none was judged
    import dataclasses

    from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET, TARGET_MISSED
    ctx = contexts[lang]
    judged = ctx.progress["verdict"].isin([TARGET_MET, TARGET_MISSED])
    assert judged.sum() == 24 + 11             # 13 + 11 met, 6 + 5 missed: the workspace's final evaluation
    none_judged = dataclasses.replace(ctx, progress=ctx.progress.assign(
        verdict=ctx.progress["verdict"].where(~judged, NOT_ASSESSABLE)))
    words = html.unescape(re.sub(r"<[^>]+>", " ", str(chapters.plan.misses_brief(none_judged))))
    whose = chapters.plan.whose_plans(ctx, ctx.progress)
    assert ctx.t("report.misses_none", whose=whose) not in words
    assert ctx.t("report.misses_none_judged", whose=whose) in words
    all_met = dataclasses.replace(ctx, progress=ctx.progress.assign(
        verdict=ctx.progress["verdict"].where(ctx.progress["verdict"] != TARGET_MISSED, TARGET_MET)))
    assert ctx.t("report.misses_none", whose=whose) in html.unescape(str(chapters.plan.misses_brief(all_met)))
