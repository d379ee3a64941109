"""The workbooks analysts open and print: the results workbook in the report's language (every column labelled,
the Chinese-only text given in English in the English workbook, coded values in words) and the monitoring
template's instructions, which fit the printed page."""
import re
import shutil

import openpyxl
import pytest

from conftest import copy_of_project, resolve_run
from helpers import analyse
from helpers.extract import dataset
from helpers.run import cli

CJK = re.compile(r"[\u3400-\u9fff]")
SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$|^[a-z]+$")


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):

    workspace = tmp_path_factory.mktemp("workbooks")
    copy_of_project(workspace)
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    analyse.build_tables(workspace / "processed", workspace / "config")
    out = {}
    for lang in ("zh", "en"):
        out[lang] = workspace / f"results_{lang}.xlsx"
        resolve_run(workspace / "processed", workspace / "config", lang=lang)
        assert cli.main(["results-workbook", str(out[lang]), "--processed-dir", str(workspace / "processed"),
                         "--config-dir", str(workspace / "config")]) == 0
    return {lang: openpyxl.load_workbook(path) for lang, path in out.items()}


def _columns(ws) -> dict[str, int]:
    return {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}


def _values(ws, column_id: str) -> list:
    c = _columns(ws)[column_id]
    return [ws.cell(r, c).value for r in range(3, ws.max_row + 1)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_column_has_a_label_in_the_reports_language(workbooks, lang):
    for ws in workbooks[lang].worksheets:
        for c in range(1, ws.max_column + 1):
            label, column_id = ws.cell(1, c).value, ws.cell(2, c).value
            assert label and label != column_id and not SNAKE.match(label), (ws.title, column_id, label)
            if lang == "zh":
                assert CJK.search(label), (ws.title, column_id, label)
            else:
                assert not CJK.search(label), (ws.title, column_id, label)
        assert ws.row_dimensions[2].hidden                    # the ids stay, hidden, for formulas and scripts


def test_the_english_workbook_gives_the_chinese_only_columns_in_english(workbooks):
    wb = workbooks["en"]
    comparison = wb["Comparison"]
    for column in ("other_name_en", "other_indicator_name_en", "comparability_reason_en"):
        values = [v for v in _values(comparison, column) if v]
        assert values and not any(CJK.search(v) for v in values), column
    assert "Zhejiang" in _values(comparison, "other_name_en")
    indicators = wb["Indicators"]
    assert "10,000 persons" in _values(indicators, "unit") and "万人" not in _values(indicators, "unit")
    assert set(_values(indicators, "plan")) == {"14th Five-Year Plan"}
    assert {"actual", "target"} <= set(_values(indicators, "kind"))
    # how a baseline was derived, said in English (Anji's 2015 talent pool: 14.5 − 3.64 = 10.86)
    derived = [v for v in _values(indicators, "derivation") if v and "10.86" in v]
    assert derived and derived[0].startswith("2015 value = 2020 value 14.5 − increase of 3.64")
    # 建德 40周岁以下大学生人数: read in 人, corrected to 万人 on evidence; the note in English, the unit too
    notes = [v for v in _values(indicators, "note") if v and "corrected" in v]
    assert notes and "to 10,000 persons on evidence in the same document" in notes[0]


def test_the_chinese_workbook_says_coded_values_in_chinese(workbooks):
    wb = workbooks["zh"]
    indicators = wb["指标数据"]
    assert {"实际值", "目标值"} <= set(_values(indicators, "kind")) and "actual" not in _values(indicators, "kind")
    assert {"主要指标表", "规划正文"} <= set(_values(indicators, "origin"))
    derived = [v for v in _values(indicators, "derivation") if v and "6.9407" in v]
    assert derived == ["2015年值 = 2020年值10.3 ÷ (1 + 48.4%) = 6.9407"]
    notes = [v for v in _values(indicators, "note") if v and "改读为" in v]
    assert notes and "依据同一文件中的证据，单位由“人”改读为万人" in notes[0]
    assert not any(v and re.search(r"[A-Za-z]{4,}", v) for v in _values(indicators, "note"))   # no English
    progress = wb["进度"]
    assert set(_values(progress, "plan_phase")) == {"基期"}
    assert set(_values(progress, "direction")) <= {"越高越好", "越低越好"}



@pytest.mark.parametrize("lang, sheet, heads, kinds", [
    ("zh", "比较", {"other_value": "对比值", "other_value_is": "对比值为", "target_ratio": "目标与对比目标之比",
                  "target_gap": "目标与对比目标之差（以%计的指标为百分点）"}, ("省委目标", "对比县市的最新实际值")),
    ("en", "Comparison", {"other_value": "Compared value", "other_value_is": "Compared value is",
                          "target_ratio": "Target ratio to the compared target",
                          "target_gap": "Target minus the compared target (percentage points for an indicator in %)"},
     ("provincial target", "other county's latest actual")),
])
def test_the_comparison_sheet_says_what_the_compared_value_is_on_every_row(workbooks, lang, sheet, heads, kinds):
    """redteam11 finding 4: the column other_value was headed 省目标（对比值）, and target_ratio 目标与省比值, on
    every row, though on a county-against-county row they hold the other county's latest actual and the ratio of the two
    counties' targets. By hand, 人才资源总量 in 2020: 建德 10.3 against 安吉 14.5 (the other county's latest
    actual), targets 14 against 20 → 0.7; against the province, its 2025 target of 1650 (万人)."""
    ws = workbooks[lang][sheet]
    columns = _columns(ws)
    assert {column: ws.cell(1, columns[column]).value for column in heads} == heads
    rows = [dict(zip(columns, (ws.cell(r, c).value for c in columns.values()))) for r in range(3, ws.max_row + 1)]
    province, county = kinds
    pair = [r for r in rows if r["indicator_id"] == "talent_total" and r["other"] == "anji"]
    assert [(r["entity"], r["other_value_is"], r["other_value"], r["target_ratio"]) for r in pair] \
        == [("jiande", county, 14.5, pytest.approx(0.7))]
    against = [r for r in rows if r["indicator_id"] == "talent_total" and r["other"] == "zhejiang"]
    assert {(r["other_value_is"], r["other_value"]) for r in against} == {(province, 1650)}
    assert all(r["other_value_is"] == (province if r["other"] == "zhejiang" else county)
               for r in rows if r["other_value"] is not None)

def _printed(ws) -> list[int]:
    """The columns a printed page shows: those before the collapsed group."""
    hidden = {c for d in ws.column_dimensions.values() if d.hidden and d.min for c in range(d.min, d.max + 1)}
    return [c for c in range(1, ws.max_column + 1) if c not in hidden]


def test_a_printed_sheet_keeps_its_key_columns_and_wraps_long_text(workbooks):
    from helpers.files.outputs import PRINTED_TEXT_WIDTH, PRINTED_WIDTH, display_width
    for ws in workbooks["zh"].worksheets:
        printed = _printed(ws)
        assert printed == list(range(1, len(printed) + 1)) and len(printed) >= 4
        letters = [openpyxl.utils.get_column_letter(c) for c in printed]
        assert all(ws.column_dimensions[x].width <= PRINTED_TEXT_WIDTH for x in letters)
        # the printed columns fit the page at 8 points or more (see helpers.outputs.PRINTED_WIDTH)
        assert sum(ws.column_dimensions[x].width for x in letters[:-1]) <= PRINTED_WIDTH
        for c in printed:         # longer text wraps, in a row as tall as its lines
            long_rows = [r for r in range(3, ws.max_row + 1) if isinstance(ws.cell(r, c).value, str)
                         and display_width(ws.cell(r, c).value) + 2 > PRINTED_TEXT_WIDTH]
            assert all(ws.cell(r, c).alignment.wrap_text and ws.row_dimensions[r].height > 15 for r in long_rows)
    ws = workbooks["zh"]["指标数据"]
    printed = [ws.cell(1, c).value for c in _printed(ws)]
    assert printed[:6] == ["县市", "指标", "年份", "类型", "数值", "单位"]
    assert "县市代码" not in printed and "指标（英文）" not in printed            # ids and English at the end


def test_the_templates_instructions_fit_the_printed_page(tmp_path):
    from helpers.extract.monitoring import INSTRUCTIONS_SHEET
    path = tmp_path / "template.xlsx"
    assert cli.main(["template", str(path)]) == 0
    ws = openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET]
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["A"].width <= 80                  # a portrait A4 page at 100%
    for row in ws.iter_rows():
        cell = row[0]
        if not cell.value:
            continue
        assert cell.alignment.wrap_text, cell.value
        # Chinese characters take two widths: a row holds as many lines as its text needs at the column's width
        width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell.value)
        needed = -(-width // (ws.column_dimensions["A"].width - 4))
        assert ws.row_dimensions[cell.row].height >= 15 * needed, cell.value


# ----------------------------------------------------------------------------- the 2025 final evaluation, printed

# Columns that quote the documents, or hold the Chinese beside its English counterpart, or name files.
QUOTED_OR_CHINESE = ("source_name", "source_unit", "source_text", "source_value", "category", "source_file",
                     "source_place",
                     "source_sheet", "sources", "met_indicators", "missed_indicators", "comparability_reason",
                     "note_values")


@pytest.fixture(scope="module")
def final_evaluation(tmp_path_factory):
    """The results workbooks of the 2025 report with 2021–2025 monitoring for every indicator (brief_limits)."""
    from support import brief_limits
    root = brief_limits.prepare(tmp_path_factory.mktemp("final"), 2025)
    analyse.build_tables(root / "processed", root / "config", 2025)
    out = {}
    for lang in ("zh", "en"):
        out[lang] = root / f"results_{lang}.xlsx"
        resolve_run(root / "processed", root / "config", year=2025, lang=lang)
        assert cli.main(["results-workbook", str(out[lang]), "--processed-dir", str(root / "processed"),
                         "--config-dir", str(root / "config")]) == 0
    return out


def test_the_english_workbook_names_periods_in_english_and_the_chinese_one_notes_in_chinese(final_evaluation):
    wb = openpyxl.load_workbook(final_evaluation["en"])
    for ws in wb.worksheets:
        for column_id, c in _columns(ws).items():
            if column_id in QUOTED_OR_CHINESE or column_id.endswith("_zh"):
                continue
            chinese = [v for v in _values(ws, column_id)     # quotations (“…”) of the documents aside
                       if isinstance(v, str) and CJK.search(re.sub(r"“[^”]*”", "", v))]
            assert chinese == [], (ws.title, column_id, chinese[:3])
    outlook = wb["Outlook"]
    assert "no 15th Five-Year Plan configured yet: the projection is for drafting it" in _values(outlook, "note")[0]
    zh = openpyxl.load_workbook(final_evaluation["zh"])["展望"]
    notes = _values(zh, "note")
    assert notes and all(isinstance(n, str) and CJK.search(n) for n in notes)
    # (quotations of the sources aside, as in English: a file's name as written)
    assert not any(re.search(r"[A-Za-z]{3,}", re.sub(r"“[^”]*”", "", n)) for n in notes), notes[:3]
    assert "尚未配置十五五规划：外推供起草参考" in notes[0]


def _printed_sizes(pdf) -> list[list[float]]:
    """The size, in points, every text run is printed at, page by page (font size × text and page scale)."""
    from pypdf import PdfReader
    pages = []
    for page in PdfReader(str(pdf)).pages:
        sizes = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                sizes.append(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5)
        page.extract_text(visitor_text=visit)
        pages.append(sizes)
    return pages


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice prints the workbook: "
                    "apt-get install -y libreoffice-calc-nogui")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_results_workbook_prints_readably(final_evaluation, lang, tmp_path):
    # Printed as an analyst prints it (LibreOffice): no text under 8 pt, "n / N" at each page's foot, and each
    # page starts with its sheet's header row.
    import subprocess
    run = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(final_evaluation[lang])],
                         capture_output=True, text=True, timeout=300)
    pdf = tmp_path / final_evaluation[lang].with_suffix(".pdf").name
    assert pdf.exists(), run.stdout + run.stderr
    sizes = _printed_sizes(pdf)
    assert min(min(s) for s in sizes if s) >= 8, [round(min(s), 1) for s in sizes if s]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")[:len(sizes)]
    county = "县市" if lang == "zh" else "County"
    for n, page in enumerate(pages, 1):
        assert re.search(rf"\b{n} / {len(pages)}\b", page), n
        assert county in page.split("\n", 3)[-1][:400] or county in page[:400], n      # the header repeated
