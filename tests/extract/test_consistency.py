"""Prose against table: the real disagreements in these documents must be found."""
import re


def _find(ds, entity, indicator, check, year=None):
    c = ds.checks.query("entity == @entity and indicator_id == @indicator and check == @check")
    if year is not None:
        c = c.query("year == @year")
    return c


def test_value_disagreement_found_with_both_quotes(real_dataset):
    # 建德: table 2.95(万人) for 2020, prose line 6: 40周岁以下大专及以上学历人才3.05万人
    c = _find(real_dataset, "jiande", "graduates_under_40", "value", 2020)
    assert list(c["status"]) == ["disagree"]
    row = c.iloc[0]
    assert (row.table_value, row.prose_value, row.table_line, row.prose_line) == (2.95, 3.05, 97, 6)
    assert "3.05万人" in row.prose_quote and "2.95" in row.table_quote


def test_definition_disagreement_rd_personnel(real_dataset):
    c = _find(real_dataset, "anji", "rd_personnel_per_10k", "definition")
    assert set(c["status"]) == {"disagree"} and set(c["prose_line"]) == {38, 84}
    # how the definitions differ, in each language (the catalogue's differs and differs_en)
    from helpers.core.wording import explanation_text, words_for
    zh, en = words_for("zh", real_dataset.catalogue), words_for("en", real_dataset.catalogue)
    line_84 = c[c["prose_line"] == 84].iloc[0]
    assert "分母不同" in explanation_text(line_84["explanation_values"], zh)
    assert "per 10,000 employed persons; the denominators differ" in explanation_text(line_84["explanation_values"], en)
    assert not re.search(r"[\u4e00-\u9fff]", " ".join(explanation_text(v, en) for v in c["explanation_values"]))


def test_comparator_disagreements(real_dataset):
    c = real_dataset.consistency.query("check == 'comparator'")
    got = {(r.entity, r.indicator_id, r.prose_comparator, r.table_comparator) for r in c.itertuples()}
    assert ("jiande", "high_tech_value_added_share", ">", "=") in got        # 超过47% vs 47
    assert ("anji", "high_tech_value_added_share", ">", "=") in got          # 超过65% vs 65
    assert ("jiande", "quality_preschool_highschool_coverage", ">=", ">") in got  # 90%以上 vs >90
    assert ("anji", "human_capital_investment_share", ">=", "=") in got


def test_agreements_are_not_reported_as_disagreements(real_dataset):
    agree = real_dataset.checks.query("status == 'agree'")
    assert len(agree) >= 30
    # 新增高技能人才7000名以上 against 3 − 2.26 = 0.74万: agrees
    inc = _find(real_dataset, "jiande", "high_skilled_talent", "increment")
    assert list(inc["status"]) == ["agree"]
    assert not len(_find(real_dataset, "jiande", "talent_total", "value").query("status == 'disagree'"))


def test_consistency_csv_holds_only_disagreements(real_dataset):
    assert set(real_dataset.consistency["status"]) == {"disagree"}
    for column in ("table_quote", "table_line", "prose_quote", "prose_line"):
        assert real_dataset.consistency[column].notna().all()


def test_an_estimate_set_against_an_actual_is_named_an_estimate_in_both_languages(workspace):
    """桐庐's workbook gives 2025's 人才资源总量 as 15 (an actual); its 十五五 plan's base column, 2025年（预计）, 15.2
    (an estimate). On main the appendix said "同一观测值（2025年实际值）两个来源不同：…为15，…为15.2万人", calling
    the plan's estimate an actual (redteam14). Each value is now named for what it is; one source or two sources
    of one kind are said as before."""
    from helpers.core.wording import explanation_text, words_for
    from helpers.extract import dataset
    from support.fifteenth_plan import add_fifteenth_plan
    add_fifteenth_plan(workspace, "word_tab_cells")
    ds = dataset.build(workspace / "raw", workspace / "config")
    row = _find(ds, "tonglu", "talent_total", "same_observation", 2025).iloc[0]
    assert (row.status, row.table_value, row.prose_value) == ("disagree", 15, 15.2)
    zh = explanation_text(row.explanation_values, words_for("zh", ds.catalogue))
    en = explanation_text(row.explanation_values, words_for("en", ds.catalogue))
    assert zh.startswith("2025年实际值与预计数不同：") and "桐庐监测.xlsx!数据!E2的实际值为15，" in zh, zh
    assert zh.endswith("tonglu_15.txt:18的预计数为15.2万人；采用实际值。"), zh
    assert en.startswith("The 2025 actual and estimate differ: 15 in "), en
    assert "桐庐监测.xlsx!数据!E2 (the actual), " in en, en
    assert en.endswith("tonglu_15.txt:18 (the estimate); the actual is used."), en
    assert "15.2 " in en.split("(the actual), ")[1], en
