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
