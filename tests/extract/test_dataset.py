"""The processed dataset against the real plan documents."""
import csv
import json
import math

import openpyxl
import pandas as pd
import pytest

from helpers.core import paths
from helpers.extract import dataset
from helpers.extract.dataset import CONTRACT_COLUMNS


def _value(ds, entity, indicator, year, kind):
    rows = ds.indicators.query("entity == @entity and indicator_id == @indicator and year == @year and kind == @kind")
    assert len(rows) == 1, (entity, indicator, year, kind, len(rows))
    return rows.iloc[0]


def test_contract_columns_and_one_row_per_key(real_dataset):
    ind = real_dataset.indicators
    assert list(ind.columns[: len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert not ind.duplicated(["entity", "indicator_id", "year", "kind"]).any()
    assert set(ind["entity"]) == {"jiande", "anji", "zhejiang"}
    assert set(ind["kind"]) <= {"actual", "target", "baseline_derived"}
    assert set(ind["comparator"]) <= {"=", ">", ">="}


def test_every_table_row_is_extracted(real_dataset):
    table = real_dataset.indicators.query("origin == 'table'")
    assert table.query("entity == 'jiande'")["indicator_id"].nunique() == 19
    assert table.query("entity == 'anji'")["indicator_id"].nunique() == 17
    assert len(table.query("entity == 'zhejiang'")) == 17  # one provincial target per Anji row


@pytest.mark.parametrize("entity, indicator, year, kind, expected", [
    ("jiande", "talent_total", 2020, "actual", 10.3),
    ("jiande", "talent_total", 2025, "target", 14),
    ("jiande", "social_work_talent", 2020, "actual", 0.045),
    ("jiande", "talent_per_10k_employed", 2020, "actual", 3202),
    ("jiande", "physicians_per_1000", 2020, "actual", 3.65),
    ("anji", "talent_total", 2020, "actual", 14.5),
    ("anji", "rd_personnel_per_10k", 2025, "target", 180),
    ("anji", "high_value_invention_patents_per_10k", 2020, "actual", 6.35),
    ("zhejiang", "talent_total", 2025, "target", 1650),
    ("zhejiang", "rd_personnel_per_10k", 2025, "target", 185),
    ("zhejiang", "working_age_higher_education_share", 2025, "target", 67),
])
def test_values_from_the_documents(real_dataset, entity, indicator, year, kind, expected):
    assert _value(real_dataset, entity, indicator, year, kind)["value"] == pytest.approx(expected)


def test_percent_in_cell(real_dataset):
    row = _value(real_dataset, "jiande", "quality_preschool_highschool_coverage", 2020, "actual")
    assert (row["value"], row["unit"], row["source_value"]) == (86.1, "%", "86.1%")


def test_comparator_kept(real_dataset):
    row = _value(real_dataset, "jiande", "prof_mid_senior_title_share", 2025, "target")
    assert (row["value"], row["comparator"]) == (10, ">")


def test_slash_is_missing_and_a_real_zero_stays_zero(real_dataset):
    missing = _value(real_dataset, "anji", "labour_productivity", 2020, "actual")
    assert math.isnan(missing["value"]) and missing["source_value"] == "/"
    zero = _value(real_dataset, "jiande", "star_market_listed_firms", 2020, "actual")
    assert zero["value"] == 0 and not math.isnan(zero["value"])


def test_implausible_unit_is_fixed_on_evidence_from_the_same_document(real_dataset):
    # Table: 40周岁以下大学生人数, unit 人, 2.95 -> 4.95. A head count of 2.95 people is impossible;
    # the prose says 3.05万人 (line 6) and 新增…大学生2万名左右 (line 25): the unit is 万人.
    row = _value(real_dataset, "jiande", "graduates_under_40", 2020, "actual")
    assert (row["value"], row["unit"], row["source_unit"], row["quality"]) == (2.95, "万人", "人", "fixed")
    log = dataset.in_words(real_dataset)["cleaning_log"].query("step == 'unit_fixed'")
    assert len(log) == 1
    evidence = json.loads(log.iloc[0]["evidence_values"])
    assert [(e["code"], e["line"]) for e in evidence] == [("level", 6), ("increment", 25)]
    assert "第6行" in log.iloc[0]["evidence"] and "第25行" in log.iloc[0]["evidence"]   # written out in Chinese
    values = json.loads(log.iloc[0]["values"])
    assert (values["source_unit"], values["new_unit"], values["problem"]["code"]) == ("人", "万人", "fractional")


def test_no_other_value_is_flagged(real_dataset):
    flagged = real_dataset.indicators.query("quality != 'ok'")
    assert set(flagged["indicator_id"]) == {"graduates_under_40"}


def test_missing_unit_comes_from_catalogue_with_prose_evidence(real_dataset):
    row = _value(real_dataset, "anji", "talent_total", 2020, "actual")
    assert row["unit"] == "万人" and row["source_unit"] == ""
    log = dataset.in_words(real_dataset)["cleaning_log"].query(
        "step == 'unit_from_catalogue' and indicator_id == 'talent_total'")
    assert "14.5万人" in log.iloc[0]["evidence"]
    assert json.loads(log.iloc[0]["evidence_values"])[0]["quote"] == "人才资源总量达到14.5万人"


@pytest.mark.parametrize("entity, indicator, value, kind", [
    ("jiande", "talent_total", 10.3 / 1.484, "baseline_derived"),
    ("anji", "talent_total", 10.86, "baseline_derived"),
    ("anji", "high_skilled_talent", 1.5, "actual"),
    ("anji", "rd_personnel_per_10k", 57.05, "actual"),
    ("anji", "social_work_talent", 0.0128, "baseline_derived"),
])
def test_2015_baselines(real_dataset, entity, indicator, value, kind):
    row = _value(real_dataset, entity, indicator, 2015, kind)
    assert row["value"] == pytest.approx(value, rel=1e-5)
    assert row["origin"] == "prose" and row["derivation"]


def test_every_table_value_points_at_its_line(real_dataset):
    cache = {}
    for row in real_dataset.indicators.itertuples():
        lines = cache.setdefault(row.source_file, (paths.PROJECT_ROOT / row.source_file).read_text(
            encoding="utf-8").splitlines())
        line = lines[row.source_line - 1]
        if row.origin == "table":
            assert line.strip().endswith(row.source_value), row
            assert row.source_value in row.source_text
        else:
            assert row.source_text in line, row


def test_written_outputs(real_dataset, tmp_path):
    written = dataset.write(real_dataset, tmp_path)
    names = {p.name for p in written}
    assert {"indicators.csv", "indicators.xlsx", "consistency.csv", "cleaning_log.csv"} <= names
    raw = (tmp_path / "indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    back = pd.read_csv(tmp_path / "indicators.csv", encoding="utf-8-sig")
    assert len(back) == len(real_dataset.indicators)
    assert back.query("entity == 'anji' and indicator_id == 'direct_financing_share'")["value"].isna().all()
    with open(tmp_path / "indicators.csv", encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[:3] == ["entity", "indicator_id", "source_name"]
    wb = openpyxl.load_workbook(tmp_path / "indicators.xlsx")
    sheet = wb["指标数据 indicators"]
    assert sheet.freeze_panes == "A2" and sheet.max_row == len(real_dataset.indicators) + 1
    # The cleaning log stores codes and values; the workbook an analyst opens says each decision in Chinese.
    log = pd.read_csv(tmp_path / "cleaning_log.csv", encoding="utf-8-sig")
    assert "decision" not in log and "evidence" not in log and "values" in log
    sheet = wb["清洗记录 cleaning log"]
    header = [c.value for c in sheet[1]]
    fixed = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("step")] == "unit_fixed")
    assert "第6行" in fixed[header.index("evidence")] and "万人" in fixed[header.index("decision")]
    assert not list(tmp_path.parent.glob(f".{tmp_path.name}.staging-*"))


def test_indicators_store_notes_as_codes_and_values_and_the_workbook_says_them(real_dataset, tmp_path):
    # Codes and values in the tables, words only at the edge: indicators.csv keeps each note's record
    # (note_values), never a sentence in one language; indicators.xlsx says it in Chinese and in English.
    dataset.write(real_dataset, tmp_path)
    back = pd.read_csv(tmp_path / "indicators.csv", encoding="utf-8-sig")
    assert "note" not in back and "note_values" in back
    # 建德's 2025 target for 专业技术人才的中高级职称比例, written >10 in its table: the comparator kept
    row = back.query("entity == 'jiande' and indicator_id == 'prof_mid_senior_title_share' and kind == 'target'")
    assert json.loads(row.iloc[0]["note_values"]) == [{"code": "comparator", "comparator": ">"}]
    sheet = openpyxl.load_workbook(tmp_path / "indicators.xlsx")["指标数据 indicators"]
    header = [c.value for c in sheet[1]]
    assert "note" not in header
    at = header.index("note_values")
    assert header[at - 2: at] == ["note_zh", "note_en"]
    shown = next(r for r in sheet.iter_rows(min_row=2, values_only=True)
                if r[:2] == ("jiande", "prof_mid_senior_title_share") and r[4] == "target")
    assert shown[at - 1] == "comparator '>' kept" and shown[at - 2] == "保留比较符>"


def test_xlsx_text_is_never_a_formula(tmp_path):
    from helpers.files.outputs import write_xlsx
    write_xlsx({"s": pd.DataFrame({"name": ["=1+1", "@SUM(A1)", "-2+3", "plain"], "v": [1, 2, 3, 4]})},
               tmp_path / "x.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["s"]
    assert [sheet.cell(r, 1).data_type for r in range(2, 6)] == ["s"] * 4
    assert sheet.cell(2, 1).value == "=1+1"
