def test_every_indicator_is_complete(catalogue):
    for ind in catalogue.indicators.values():
        assert ind.name_zh and ind.name_en and ind.unit in catalogue.units
        assert ind.direction in {"higher", "lower"}
        assert ind.comparability in {"same", "caveat", "not_comparable"} and ind.comparability_reason


def test_required_comparability_judgements(catalogue):
    assert catalogue.relation("prof_mid_senior_title_share", "prof_senior_title_share").status == "not_comparable"
    relation = catalogue.relation("high_value_patents_granted", "high_value_invention_patents_per_10k")
    assert relation.status == "not_comparable"
    assert catalogue.indicators["rural_talent"].comparability == "caveat"
    assert catalogue.indicators["rd_personnel_per_10k"].comparability == "caveat"


def test_rural_talent_covers_both_source_names(catalogue):
    assert catalogue.indicator_for_name("乡村振兴人才") == "rural_talent"
    assert catalogue.indicator_for_name("农村实用人才") == "rural_talent"


def test_every_reason_has_its_english_words(catalogue):
    # The English report says each caveat and not-comparable reason in English, never in Chinese.
    missing = [i.id for i in catalogue.indicators.values() if i.comparability_reason and not i.comparability_reason_en]
    missing += [r.indicators for r in catalogue.relations if r.reason and not r.reason_en]
    assert missing == []
