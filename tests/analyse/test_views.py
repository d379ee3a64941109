"""The tables the notebooks show an analyst, as JupyterLab shows them: numbers as the report writes them, text
left-aligned and numbers right-aligned, no index column, county names on one line. Measured in Chromium with
JupyterLab's own stylesheet (the one nbconvert's lab template ships)."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.core.formatting import table_view
from helpers.extract import views
from helpers.report import render
from support import report_checks as rc

pytestmark = pytest.mark.skipif(not any(shutil.which(c) for c in render.CHROMIUM_CANDIDATES),
                                reason="Chromium is installed by `make setup`")


def _lab_css() -> str:
    import jupyter_core.paths
    for folder in jupyter_core.paths.jupyter_path("nbconvert", "templates", "lab", "static"):
        files = [Path(folder) / n for n in ("index.css", "theme-light.css")]
        if all(f.exists() for f in files):
            return "\n".join(f.read_text(encoding="utf-8") for f in files)
    pytest.skip("JupyterLab's stylesheet (nbconvert's lab template) is not installed")


MEASURE = """() => [...document.querySelectorAll('table')].map(t => ({
  headers: [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()),
  rows: [...t.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(td => {
    const s = getComputedStyle(td);
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    return {tag: td.tagName, text: td.textContent.trim(), align: s.textAlign, lines: tops.size};
  })),
}))"""


def shown_in_jupyterlab(tmp_path, stylers) -> list[dict]:
    """Each table as JupyterLab lays it out in a 1000-px wide notebook."""
    body = "".join(f'<div class="jp-OutputArea-output jp-RenderedHTMLCommon jp-RenderedHTML">{s.to_html()}</div>'
                   for s in stylers)
    page_file = tmp_path / "notebook.html"
    page_file.write_text(f'<!doctype html><html lang="zh"><meta charset="utf-8"><style>{_lab_css()}</style>'
                         f'<body class="jp-Notebook" style="width: 1000px">{body}</body></html>', encoding="utf-8")
    manager, browser = rc.browser()
    try:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        return page.evaluate(MEASURE)
    finally:
        browser.close()
        manager.stop()


def test_the_data_notebook_tables_read_like_the_report(real_dataset, tmp_path):
    baselines, decisions, extraction = (views.baselines(real_dataset), views.key_decisions(real_dataset),
                                        views.extraction_table(real_dataset))
    tables = shown_in_jupyterlab(tmp_path, [baselines, decisions, extraction])
    for table in tables:
        assert all(cell["tag"] == "TD" for row in table["rows"] for cell in row)          # no index column
    base = tables[0]
    column = {h: i for i, h in enumerate(base["headers"])}
    values = [row[column["数值"]] for row in base["rows"]]
    # 安吉 人才资源总量 2015 = 14.5 − 3.64 = 10.86: written as the report writes it, not 10.860000
    assert "10.86" in [v["text"] for v in values] and not any(v["text"].endswith("0000") for v in values)
    assert all(v["align"] == "right" for v in values)
    assert all(row[column["指标"]]["align"] == "left" for row in base["rows"])
    # How each value was derived, in the notebook's language (from the cleaning log's neutral record)
    assert "2015年值 = 2020年值10.3 ÷ (1 + 48.4%) = 6.9407" in [row[column["推算方法"]]["text"] for row in base["rows"]]
    # County and indicator names on one line, whatever the width of the long text beside them
    for table in tables:
        names = [i for i, h in enumerate(table["headers"]) if h in ("县市", "指标")]
        assert names and all(row[i]["lines"] == 1 for row in table["rows"] for i in names), table["headers"]


def test_table_view_formats_by_column():
    frame = pd.DataFrame({"县市": ["建德市", None], "年份": pd.array([2020, None], dtype="Int64"),
                          "数值": [10.86, 1650.0], "增速": [0.0633, None], "说明": ["长" * 30, ""]})
    html = table_view(frame, percents=("增速",)).to_html()
    for shown in ("2020", "10.86", "1,650", "6.3%", "—"):
        assert f">{shown}<" in html, shown
    assert "2,020" not in html and "10.860000" not in html and "row_heading" not in html
