"""The analysis notebooks' comparison figures in English are all English: the dumbbell and the ranking panels
titled each panel with the catalogue's Chinese unit in full-width brackets (Total talent pool（万人）), and the
dumbbell's province note read 'province 100 万人; target share: Anji 20.0%，Jiande 14.0%'. Units are named from
config/catalogue.yaml's name_en (the one home of units), as the report's figures name them.

By hand, two counties and 人才资源总量 (万人), targets 20 and 14, the provincial target 100 (a total, so stated,
not drawn): shares 20/100 = 20.0% and 14/100 = 14.0%."""
import dataclasses

import pandas as pd
import pytest

from helpers.analyse import figures
from helpers.core.config import load_catalogue


def _row(entity, zh, en, value, target, unit="万人", ind="talent_total", name_zh="人才资源总量",
         name_en="Total talent pool", measure="total"):
    return {"entity": entity, "entity_name_zh": zh, "entity_name_en": en, "indicator_id": ind,
            "indicator_name_zh": name_zh, "indicator_name_en": name_en, "unit": unit, "measure": measure,
            "comparability": "same", "latest_value": value, "latest_comparator": "=", "target_value": target,
            "target_year": 2025}


ROWS = [_row("anji", "安吉县", "Anji", 18.0, 20.0), _row("jiande", "建德市", "Jiande", 13.9, 14.0),
        _row("anji", "安吉县", "Anji", 3.1, 3.5, "人/千人", "physicians_per_1000", "每千人口执业（助理）医师数",
             "Physicians per 1,000 residents", "rate"),
        _row("jiande", "建德市", "Jiande", 2.9, 3.2, "人/千人", "physicians_per_1000", "每千人口执业（助理）医师数",
             "Physicians per 1,000 residents", "rate")]
COMPARISON = pd.DataFrame({"comparison": ["county_vs_province"], "indicator_id": ["talent_total"],
                           "other_value": [100.0]})


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")) if t.get_text()]


def _chinese(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


@pytest.fixture(scope="module")
def progress():
    figures.use_chinese_style()
    return pd.DataFrame(ROWS)


def test_the_english_dumbbell_names_units_in_english(progress):
    fig = figures.dumbbell(progress, COMPARISON, col_wrap=2, lang="en")       # the project's catalogue
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["Total talent pool (10,000 persons)", "Physicians per 1,000 residents (persons per 1,000)"]
    assert "province 100 (10,000 persons); target share: Anji 20.0%, Jiande 14.0%" in _texts(fig)
    assert [t for t in _texts(fig) if _chinese(t)] == []


def test_the_english_ranking_panels_name_units_in_english(progress):
    many = pd.concat([progress, progress.assign(entity="tonglu", entity_name_en="Tonglu", entity_name_zh="桐庐县",
                                                latest_value=progress["latest_value"] + 1)])
    fig = figures.ranking_panels(many, COMPARISON, lang="en")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["Total talent pool (10,000 persons)", "Physicians per 1,000 residents (persons per 1,000)"]
    assert [t for t in _texts(fig) if _chinese(t)] == []


def test_the_chinese_titles_stay_as_they_were_and_shares_are_listed_with_the_list_separator(progress):
    # (the shares were joined with '，' in both languages; now views.list_sep: 、 in Chinese, ', ' in English)
    fig = figures.dumbbell(progress, COMPARISON, col_wrap=2, lang="zh")
    assert [ax.get_title() for ax in fig.axes if ax.get_title()] == [
        "人才资源总量（万人）", "每千人口执业（助理）医师数（人/千人）"]
    assert "省目标100万人；目标占全省：安吉县 20.0%、建德市 14.0%" in _texts(fig)


def test_a_catalogue_given_names_the_units(progress):
    """A notebook run on another config folder names units from its own catalogue."""
    catalogue = load_catalogue()
    catalogue.units["万人"] = dataclasses.replace(catalogue.units["万人"], name_en="ten thousand people")
    fig = figures.comparison_chart(progress, COMPARISON, lang="en", catalogue=catalogue)
    assert fig.axes[0].get_title() == "Total talent pool (ten thousand people)"
