"""Text from a plan is shown in the notebooks as text, never run as HTML: the executed notebooks kept for audit
(reports/executed/*.ipynb) hold no live <script> or <img onerror> taken from a document."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from conftest import JIANDE
from helpers.core import paths
from helpers.core.formatting import table_view
from helpers.extract import dataset, views
from helpers.extract.manifest import write_manifest
from support.workbooks import fill, template

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
LIVE = re.compile(r"<script|<img|onerror=", re.IGNORECASE)


def test_table_view_escapes_cells_and_headers():
    html = table_view(pd.DataFrame({HOSTILE: [HOSTILE, "a & b"], "value": [1.5, 2.0]})).to_html()
    assert not LIVE.search(html.replace("onerror=alert(2)&gt;", ""))   # (escaped, the words themselves are inert)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "a &amp; b" in html


def _hostile_inputs(workspace: Path) -> None:
    """Markup where analysts' and documents' words reach the notebooks: a table group label in Jiande's plan
    (人才环境), and the 来源 and 备注 of a monitoring value that differs from the plan's (the data notebook lists
    the difference, quoting both sources)."""
    raw = workspace / "raw" / JIANDE
    text = raw.read_text(encoding="utf-8")
    assert "\t人才环境\n" in text
    raw.write_text(text.replace("\t人才环境\n", f"\t人才环境{HOSTILE}\n", 1), encoding="utf-8")
    write_manifest(workspace / "raw")
    fill(template(workspace / "raw" / "monitoring" / "2020.xlsx", workspace / "config"),
         [{"county": "建德市", "indicator": "人才资源总量", "year": 2020, "value": 10.5, "source": HOSTILE,
           "note": HOSTILE}])


def test_every_data_view_shows_markup_as_text(workspace):
    _hostile_inputs(workspace)
    ds = dataset.build(workspace / "raw", workspace / "config")
    shown = {name: getattr(views, name)(ds).to_html() for name in
             ("extraction_table", "cleaning_summary", "key_decisions", "check_counts", "disagreements",
              "monitoring_rows", "baselines", "comparability")}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown["disagreements"]
    assert {name: bool(re.search(r"<script|<img", html, re.IGNORECASE)) for name, html in shown.items()} == \
        dict.fromkeys(shown, False)


def _html_outputs(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(out.get("data", {}).get(kind, ""))
                     for cell in cells for out in cell.get("outputs", [])
                     for kind in ("text/html", "text/markdown"))


def test_the_executed_data_notebook_shows_plan_markup_as_text(workspace):
    _hostile_inputs(workspace)
    out = workspace / "executed" / "01_data.ipynb"
    run = subprocess.run([sys.executable, "-m", "helpers", "run", str(paths.NOTEBOOKS_DIR / "01_data.ipynb"), str(out),
                          "-p", "raw_dir", str(workspace / "raw"), "-p", "processed_dir", str(workspace / "processed"),
                          "-p", "config_dir", str(workspace / "config")], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    html = _html_outputs(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html           # the plan's text is there, as text
    assert not re.search(r"<script|<img", html, re.IGNORECASE)


def test_the_comparison_notebook_shows_a_county_name_with_markup_as_text(workspace):
    sources = workspace / "config" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("name_zh: 安吉县", f"name_zh: 安吉县{HOSTILE}", 1),
                       encoding="utf-8")
    processed = workspace / "processed"
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), processed)
    out = workspace / "executed" / "02_comparison.ipynb"
    notebook = paths.NOTEBOOKS_DIR / "02_comparison.ipynb"
    run = subprocess.run([sys.executable, "-m", "helpers", "run", str(notebook), str(out), "-p", "processed_dir",
                          str(processed), "-p", "config_dir", str(workspace / "config")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    shown = _html_outputs(out)
    assert "安吉县&lt;script&gt;alert(1)&lt;/script&gt;" in shown     # in the heading, as text
    assert not re.search(r"<script|<img", shown, re.IGNORECASE)


MARKUP_NAME = "<b>*建德*</b> _x_ `c` # [a](b) $x$ | ~~s~~"


def _rendered(markdown: str) -> str:
    import mistune  # the Markdown renderer nbconvert uses
    return mistune.html(markdown)


def test_literal_shows_a_name_with_markdown_and_html_as_written():
    from helpers.core.formatting import literal
    rendered = _rendered(f"共 **{literal(MARKUP_NAME)}** 条")
    assert "<strong>" in rendered                                   # the sentence's own markup is kept
    assert not re.search(r"<(em|code|a |b>|h1|del|img)", rendered), rendered
    assert "$x$" in rendered and "*建德*" in rendered and "&lt;b&gt;" in rendered


def test_the_setting_line_shows_county_names_as_written():
    from types import SimpleNamespace

    from helpers.analyse import views
    inputs = SimpleNamespace(entities=["a"], report_year=2025, name_zh=lambda e: MARKUP_NAME,
                             name_en=lambda e: MARKUP_NAME)
    for lang in ("zh", "en"):
        rendered = _rendered(views.setting(inputs, lang))
        assert "<strong>2025</strong>" in rendered
        assert not re.search(r"<(em|code|a |b>|h1|del)", rendered), rendered


def _markdown_arguments(notebook: Path) -> list:
    """The argument of every Markdown(...) call in a notebook's code."""
    import ast
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    tree = ast.parse("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code"))
    return [node.args[0] for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Markdown"]


def _escaped(node) -> bool:
    """A Markdown argument whose every value is escaped: an f-string's each {value} through literal(), or a call of
    a helper that escapes (literal, inert, views.setting)."""
    import ast
    name = lambda call: getattr(call.func, "id", None) or getattr(call.func, "attr", None)  # noqa: E731
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v.value, ast.Call) and name(v.value) == "literal"
                   for v in node.values if isinstance(v, ast.FormattedValue))
    return isinstance(node, ast.Call) and name(node) in ("literal", "inert", "setting")


def test_every_markdown_line_a_notebook_displays_escapes_its_values():
    shown = {nb.name: [_escaped(arg) for arg in _markdown_arguments(nb)]
             for nb in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))}
    assert sum(map(len, shown.values())) >= 6
    assert {name: all(flags) for name, flags in shown.items()} == dict.fromkeys(shown, True), shown
