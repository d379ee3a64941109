"""Workbook values hidden by their colour (issue 18, hostile pass R4-5): a figure shown in a colour no reader tells
from the cell's fill, by its number format ([White]0.0, [Color2]0.0), by its font (white on no fill, a font colour
equal to its fill) or by a conditional format (a rule "cell value > 0: white font"), was read with no word in the
cleaning log, while `;;;` (a format that shows nothing) was logged as hidden_value. An analyst printing the workbook
does not see the figure the report uses. Now each is read as `;;;` is, and logged where the analyst sees it; a
conditional format whose rule is not worked out here (a formula, a colour scale, a data bar without the value) and
that could hide a figure stops the run at its cell. What is hidden is checked against LibreOffice Calc's printout
(the ink on the printed page, not its text: pdftotext finds white text on a white page)."""
import json
import re
import shutil
import subprocess

import openpyxl
import pytest
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule, Rule
from openpyxl.styles import Color, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat

from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from support.data_step import build_refused, monitored
from support.workbooks import one_sheet_workbook

ROWS = [["建德市", "人才资源总量", "万人", year, value] for year, value in ((2021, 11.0), (2022, 11.8), (2023, 12.9))]
WHITE_FONT = DifferentialStyle(font=Font(color="FFFFFFFF"))


def _solid(rgb: str) -> PatternFill:
    return PatternFill("solid", fgColor=rgb)


def _logged(workspace, step: str) -> list[dict]:
    log = dataset.build(workspace / "raw", workspace / "config").cleaning_log.query(f"step == '{step}'")
    return [json.loads(v) for v in log["values"]]


def _workbook(workspace, style: dict, cell="E4", rows=ROWS):
    """The three rows, E2:E4 holding 11.0, 11.8 and 12.9, with `cell` styled: number_format, font, fill."""
    def edit(ws):
        for name, value in style.items():
            setattr(ws[cell], name, value)
    return one_sheet_workbook(workspace, rows, edit=edit)


# --------------------------------------------------------------------- a colour of the cell's own: read and logged

HIDDEN = {      # (the cell's style, the log's step, what it says besides file, sheet and cells)
    "[White]0.0": ({"number_format": "[White]0.0"}, "hidden_value", {"format": "[White]0.0"}),
    "[Color2]0.0": ({"number_format": "[Color2]0.0"}, "hidden_value", {"format": "[Color2]0.0"}),
    "[yellow]0.0": ({"number_format": "[yellow]0.0"}, "hidden_value", {"format": "[yellow]0.0"}),
    "[Black] on black": ({"number_format": "[Black]0.0", "fill": _solid("FF000000")}, "hidden_value",
                         {"format": "[Black]0.0"}),
    "white on no fill": ({"font": Font(color="FFFFFFFF")}, "hidden_colour", {"font": "#FFFFFF", "fill": "#FFFFFF"}),
    "red on red": ({"font": Font(color="FFFF0000"), "fill": _solid("FFFF0000")}, "hidden_colour",
                   {"font": "#FF0000", "fill": "#FF0000"}),
    "automatic on black": ({"fill": _solid("FF000000")}, "hidden_colour", {"font": "#000000", "fill": "#000000"}),
    "theme 0 (Background 1)": ({"font": Font(color=Color(theme=0))}, "hidden_colour",
                               {"font": "#FFFFFF", "fill": "#FFFFFF"}),
    "indexed 9": ({"font": Font(color=Color(indexed=9))}, "hidden_colour", {"font": "#FFFFFF", "fill": "#FFFFFF"}),
}


@pytest.mark.parametrize("case", list(HIDDEN))
def test_a_value_in_the_colour_of_its_fill_is_read_and_the_cleaning_log_says_so(workspace, case):
    """Was: read with no word (E4, 12.9, printed as an empty cell)."""
    style, step, said = HIDDEN[case]
    _workbook(workspace, style)
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]
    assert _logged(workspace, step) == [{"file": "m.xlsx", "sheet": "数据", "cells": "E4", **said}]


def test_the_cleaning_log_says_it_in_both_languages(workspace):
    _workbook(workspace, {"font": Font(color="FFFFFFFF")})
    [values] = _logged(workspace, "hidden_colour")
    zh, en = (decision_text("hidden_colour", json.dumps(values), words(lang)) for lang in ("zh", "en"))
    assert zh.startswith("m.xlsx的数据表E4单元格的字体颜色（#FFFFFF）与单元格填充色（#FFFFFF；无填充即白色）无法区分")
    assert en.startswith("cells E4 of sheet 数据 in m.xlsx hold figures set in a font colour (#FFFFFF) that cannot be "
                         "told from the cell's fill (#FFFFFF; a cell without a fill is white)")
    assert not re.search("[A-Za-z]", zh.replace("m.xlsx", "").replace("E4", "").replace("FFFFFF", ""))


def test_a_year_cell_hidden_so_is_listed_with_the_values(workspace):
    def edit(ws):
        for cell in ("E2", "E3", "D3"):
            ws[cell].font = Font(color="FFFFFFFF")
    one_sheet_workbook(workspace, ROWS, edit=edit)
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]
    assert [v["cells"] for v in _logged(workspace, "hidden_colour")] == ["E2:E3, D3"]


def test_a_percentage_in_white_is_read_as_the_percentage_it_would_show(workspace):
    """The colour changes nothing of what is read: 0.355 formatted 0.0% is 35.5 (%), as when it shows."""
    rows = [["建德市", "高技能人才占技能劳动者比例", "%", 2023, 0.355]]
    _workbook(workspace, {"number_format": "0.0%", "font": Font(color="FFFFFFFF")}, cell="E2", rows=rows)
    assert monitored(workspace)["value"].tolist() == [35.5]
    assert [v["cells"] for v in _logged(workspace, "hidden_colour")] == ["E2"]


SEEN = {
    "[Red]0.0": {"number_format": "[Red]0.0"},
    "[White] on black": {"number_format": "[White]0.0", "fill": _solid("FF000000")},
    "white on black": {"font": Font(color="FFFFFFFF"), "fill": _solid("FF000000")},
    "white negative section, positive value": {"number_format": "0.0;[White]-0.0"},
    "white on a gray125 pattern (not worked out)": {"font": Font(color="FFFFFFFF"), "fill": PatternFill("gray125")},
}


@pytest.mark.parametrize("case", list(SEEN))
def test_a_value_that_stands_out_from_its_fill_is_read_without_a_word(workspace, case):
    _workbook(workspace, SEEN[case])
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]
    assert _logged(workspace, "hidden_value") == _logged(workspace, "hidden_colour") == []


# --------------------------------------------------------------------------------------- conditional formats

def _ruled(workspace, rule, cells="E2:E4", style=None):
    def edit(ws):
        ws.conditional_formatting.add(cells, rule)
        for name, value in (style or {}).items():
            setattr(ws["E4"], name, value)
    return one_sheet_workbook(workspace, ROWS, edit=edit)


@pytest.mark.parametrize("rule, cells, condition", [
    (Rule(type="cellIs", operator="greaterThan", formula=["12"], dxf=WHITE_FONT), "E4", "> 12"),
    (Rule(type="cellIs", operator="between", formula=["11.5", "12"], dxf=WHITE_FONT), "E3", "∈ [11.5, 12]"),
    (Rule(type="cellIs", operator="equal", formula=["11"], dxf=DifferentialStyle(
        numFmt=NumberFormat(numFmtId=200, formatCode=";;;"))), "E2", "= 11"),
    (Rule(type="cellIs", operator="greaterThanOrEqual", formula=["11.8"], dxf=DifferentialStyle(
        fill=PatternFill("solid", bgColor="FF000000"))), "E3:E4", "≥ 11.8"),
])
def test_a_conditional_format_that_hides_a_value_where_its_rule_holds_is_read_and_logged(workspace, rule, cells,
                                                                                       condition):
    """Was: read with no word. The rule compares the cell's value with numbers: worked out for each cell."""
    _ruled(workspace, rule)
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]
    assert _logged(workspace, "hidden_rule") == [{"file": "m.xlsx", "sheet": "数据", "cells": cells,
                                                  "condition": condition}]
    values = _logged(workspace, "hidden_rule")[0]
    zh = decision_text("hidden_rule", json.dumps(values), words("zh"))
    assert zh.startswith(f"m.xlsx的数据表{cells}单元格设有条件格式，单元格值{condition}时数值被隐藏")


@pytest.mark.parametrize("rule", [
    Rule(type="cellIs", operator="lessThan", formula=["0"], dxf=WHITE_FONT),            # holds for no figure
    Rule(type="cellIs", operator="greaterThan", formula=["0"], dxf=DifferentialStyle(   # red fill, black text
        fill=PatternFill("solid", bgColor="FFFF0000"))),
    Rule(type="expression", formula=["MOD(ROW(),2)=0"], dxf=DifferentialStyle(          # banded rows, light grey
        fill=PatternFill("solid", bgColor="FFD9D9D9"))),
    ColorScaleRule(start_type="min", start_color="FFF8696B", end_type="max", end_color="FF63BE7B"),
    DataBarRule(start_type="min", end_type="max", color="FF638EC6"),                     # the value shown
])
def test_a_conditional_format_that_shows_the_value_changes_nothing(workspace, rule):
    _ruled(workspace, rule)
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]
    assert _logged(workspace, "hidden_rule") == []


@pytest.mark.parametrize("rule, described, how", [
    (Rule(type="expression", formula=["$E2>12"], dxf=WHITE_FONT), "Formula: =$E2>12", "#FFFFFF on #FFFFFF"),
    (Rule(type="cellIs", operator="greaterThan", formula=["$H$1"], dxf=WHITE_FONT), "Cell Value > $H$1",
     "#FFFFFF on #FFFFFF"),
    (ColorScaleRule(start_type="min", start_color="FFFFFFFF", end_type="max", end_color="FF000000"),
     "a colour scale", "#000000 on #000000"),
    (DataBarRule(start_type="min", end_type="max", color="FF638EC6", showValue=False),
     "a data bar shown without the value", "the value not shown"),
])
def test_a_conditional_format_not_worked_out_that_could_hide_a_value_stops_the_run_at_the_cell(workspace, rule,
                                                                                             described, how):
    """Was: read with no word. Whether a formula's rule holds is not worked out here: the figure may be
    invisible, so the run stops at the first cell the rule covers, and the advice, followed, reads it."""
    path = _ruled(workspace, rule)
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == "sheet 数据, cell E2"
    assert err.problem.startswith(f"a conditional format on the cell ({described}) can hide its value ({how})")
    assert "Clear Rules from Selected Cells" in err.fix and "开始 → 条件格式 → 清除规则" in err.fix
    wb = openpyxl.load_workbook(path)       # the advice followed: the rule cleared from the cells
    wb["数据"].conditional_formatting = type(wb["数据"].conditional_formatting)()
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]


def test_a_conditional_format_over_cells_not_read_stops_nothing(workspace):
    """A rule over the 来源 column (not a figure), or over rows below the data, is not judged."""
    _ruled(workspace, Rule(type="expression", formula=["TRUE"], dxf=WHITE_FONT), cells="G2:G4 E5:E100")
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]


# ---------------------------------------------------------------------------- against LibreOffice's printout

def _printed(tmp_path, styles: list[dict], rules=()) -> list[bool]:
    """Whether LibreOffice Calc prints each of the cells B1, B2 …, styled as given (the value 10 + row), so that it
    is seen: the page rendered, and in the middle of each cell's text box a pixel that stands out from the box's
    commonest colour by MIN_CONTRAST (the reader's own rule)."""
    from PIL import Image

    from helpers.extract.documents.styles import MIN_CONTRAST, contrast
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, style in enumerate(styles, 1):
        ws.cell(row, 1, f"#{row}")
        cell = ws.cell(row, 2, 10 + row + 0.5)
        for name, value in style.items():
            setattr(cell, name, value)
    for cells, rule in rules:
        ws.conditional_formatting.add(cells, rule)
    wb.save(tmp_path / "c.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(tmp_path / "c.xlsx")], capture_output=True, timeout=300)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "c")],
                   check=True)
    page = Image.open(tmp_path / "c.png").convert("RGB")
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / "c.pdf"), "-"],
                           capture_output=True, text=True).stdout
    seen = {}
    for x0, y0, x1, y1, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                           r'yMax="([\d.]+)">([^<]*)</word>', boxes):
        x0, y0, x1, y1 = (float(v) * 150 / 72 for v in (x0, y0, x1, y1))
        box = page.crop((int(x0), int(y0 + (y1 - y0) * 0.3), int(x1) + 1, int(y1 - (y1 - y0) * 0.3) + 1))
        counts = box.getcolors(box.width * box.height)
        background = max(counts)[1]
        rgb = [tuple(c / 255 for c in colour) for _, colour in counts]
        seen[word] = max(contrast(c, tuple(v / 255 for v in background)) for c in rgb) >= MIN_CONTRAST
    return [seen.get(f"{10 + row + 0.5:g}", False) for row in range(1, len(styles) + 1)]   # (no text: none)


def test_what_is_judged_hidden_is_what_libreoffice_prints_unseen(tmp_path):
    if not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm")):
        pytest.skip("LibreOffice and poppler print the workbook: apt-get install -y libreoffice-calc poppler-utils")
    # Left out: [Color2], which LibreOffice reads as its own palette's dark grey (Excel as the workbook palette's
    # entry 9: white in the default palette, as Excel's documentation of number formats says), and the
    # gray125 pattern, whose dots are ink whatever the text's colour (not worked out: read).
    cases = {**{k: v for k, v in HIDDEN.items() if k != "[Color2]0.0"},
             **{k: (v, None, None) for k, v in SEEN.items() if "gray125" not in k}}
    styles = [style for style, _, _ in cases.values()]
    rules = [("B1", Rule(type="cellIs", operator="greaterThan", formula=["0"], dxf=WHITE_FONT)),
             ("B2", Rule(type="cellIs", operator="lessThan", formula=["0"], dxf=WHITE_FONT)),
             ("B3", Rule(type="cellIs", operator="greaterThan", formula=["0"], dxf=DifferentialStyle(
                 numFmt=NumberFormat(numFmtId=200, formatCode=";;;")))),
             ("B4", Rule(type="cellIs", operator="greaterThan", formula=["0"], dxf=DifferentialStyle(
                 fill=PatternFill("solid", bgColor="FF000000"))))]
    printed = _printed(tmp_path, [{}] * len(rules) + styles, rules)
    judged = [False, True, False, False] + [step is None for _, step, _ in cases.values()]
    assert printed == judged, list(zip(["> 0 white", "< 0 white", "> 0 ;;;", "> 0 black fill", *cases], printed))
    # The reader's judgement of the same cells: the cells' own colours, and the rules.
    from helpers.extract.monitoring import _sheet_layout
    from helpers.extract.workbook_colours import CellColours
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx", read_only=True)
    colours, ws = CellColours(wb), wb.active
    rules = colours.index(_sheet_layout(tmp_path / "c.xlsx", ws._worksheet_path).rules, (2,))
    cells = [c for (c,) in ws.iter_rows(min_col=2, max_col=2)]
    assert [colours.by_rule(c, c.value, rules) is None and
            colours.hidden(c, c.value) is None for c in cells] == judged


X14 = ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
       'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
       '<x14:conditionalFormattings><x14:conditionalFormatting '
       'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
       '<x14:cfRule type="expression" priority="1" id="{00000000-0000-0000-0000-000000000001}">'
       '<xm:f>Sheet2!$A$1&gt;0</xm:f><x14:dxf><font><color rgb="FFFFFFFF"/></font></x14:dxf></x14:cfRule>'
       '<xm:sqref>E3</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>')


def test_a_rule_excel_2010_writes_in_the_sheets_extensions_is_judged_too(workspace):
    """Excel writes a rule whose formula names another sheet in <extLst>, with its format inside it."""
    import zipfile
    path = one_sheet_workbook(workspace, ROWS)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</worksheet>", X14 + "</worksheet>").encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell E3"
    assert err.problem.startswith("a conditional format on the cell (Formula: =Sheet2!$A$1>0) can hide its value "
                                  "(#FFFFFF on #FFFFFF)")


def test_a_sheet_with_thousands_of_conditional_formats_stops_at_once_and_the_advice_works(workspace):
    """Rows copied over and over multiply a sheet's rules; judging each over each cell it covers would take hours
    on a hostile sheet. Beyond MAX_RULE_RANGES the run stops at the sheet, at once."""
    import time

    from helpers.extract.monitoring import MAX_RULE_RANGES
    rule = Rule(type="cellIs", operator="greaterThan", formula=["100"], dxf=WHITE_FONT)
    path = _ruled(workspace, rule, cells=" ".join(f"E{k}" for k in range(2, MAX_RULE_RANGES + 3)))
    started = time.perf_counter()
    err = build_refused(workspace)
    assert time.perf_counter() - started < 60
    assert err.where == "sheet 数据"
    assert err.problem.startswith(f"the sheet has {MAX_RULE_RANGES + 1:,} conditional-format ranges over its "
                                  "figures' columns, far more than")
    assert "Clear Rules from Entire Sheet" in err.fix
    wb = openpyxl.load_workbook(path)       # the advice followed
    wb["数据"].conditional_formatting = type(wb["数据"].conditional_formatting)()
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [11.0, 11.8, 12.9]
