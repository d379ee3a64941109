"""The 2025 final-evaluation report, built by `make report` as an office builds it, when series hold a 0 and a 100%:
it is written (exit 0), in Chinese and in English, and the outlook figure draws those series without a trend line
and says why in the report's language (tests/analyse/test_degenerate_series.py works the series out).

One monitoring workbook: 建德 科创板上市企业数 2025 = 1 (the plan's 2020 actual is 0) and 建德
优质学前教育和高中段教育覆盖率 = 100 for 2021–2025: before the fix the outlook chart plotted None and the report
stopped at notebooks/04_report.ipynb with "x, y, and format string must not be None".
"""
import html
import re

import pytest

from conftest import copy_of_project, make
from support.workbooks import drop

ROWS = ([dict(county="建德市", indicator="科创板上市企业数", year=2025, value=1)]
        + [dict(county="建德市", indicator="优质学前教育和高中段教育覆盖率", year=y, value=100)
           for y in range(2021, 2026)])


@pytest.mark.slow
@pytest.mark.parametrize("lang, says", [("zh", "（有值为100%，无法拟合增长趋势，未画趋势线）"),
                                        ("en", "(a value of 100%: no growth trend can be fitted, none drawn)")])
def test_the_2025_report_is_built_with_a_0_and_a_100_percent_series(tmp_path, lang, says):
    copy_of_project(tmp_path)
    drop(tmp_path, "edges.xlsx", ROWS)
    folders = {"RAW_DIR": tmp_path / "raw", "CONFIG_DIR": tmp_path / "config", "PROCESSED_DIR": tmp_path / "processed",
               "REPORTS_DIR": tmp_path / "reports"}
    run = make("report", YEAR=2025, LANG=lang, **folders)
    assert run.returncode == 0, run.stdout + run.stderr
    built = sorted((tmp_path / "reports" / "2025").glob("*.html"))
    assert [p.name for p in built] == [f"talent-plan-brief_2025_{lang}.html", f"talent-plan-report_2025_{lang}.html"]
    text = built[1].read_text(encoding="utf-8")
    # The outlook figure's panel for the 100% series, its reason in the report's language (SVG text, wrapped
    # over lines: compared without tags and spaces).
    flat = "".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
    assert "".join(says.split()) in flat, "the reason is not in the report"
    assert all(p.with_suffix(".pdf").exists() for p in built)
