"""The rendered report: PDF text, offline HTML, no code for leadership, phone width, escaping."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import JIANDE
from helpers import analyse, cli, paths
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.report import render

pytestmark = pytest.mark.skipif(not any(__import__("shutil").which(c) for c in render.CHROMIUM_CANDIDATES),
                                reason="Chromium is installed by `make setup`")


def _build(workspace: Path, audience: str = "leadership", lang: str = "zh") -> dict[str, Path]:
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    out = workspace / "reports"
    nb, html, pdf = out / f"report_{audience}_{lang}.ipynb", out / f"report_{audience}_{lang}.html", out / f"r_{lang}.pdf"
    run = subprocess.run([sys.executable, "-m", "helpers", "run", str(paths.NOTEBOOKS_DIR / "04_report.ipynb"),
                          str(nb), "-p", "processed_dir", str(workspace / "processed"),
                          "-p", "config_dir", str(workspace / "config"), "-p", "lang", lang, "-p", "audience", audience],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert cli.main(["render", "html", str(nb), str(html), "--audience", audience, "--lang", lang]) == 0
    return {"notebook": nb, "html": html, "pdf": pdf}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil
    workspace = tmp_path_factory.mktemp("report")
    shutil.copytree(paths.RAW_DIR, workspace / "raw")
    shutil.copytree(paths.CONFIG_DIR, workspace / "config")
    out = _build(workspace)
    assert cli.main(["render", "pdf", str(out["html"]), str(out["pdf"])]) == 0
    out["workspace"] = workspace
    return out


def test_pdf_holds_county_names_and_pipeline_figures(built):
    text = subprocess.run(["pdftotext", "-layout", str(built["pdf"]), "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "建德市" in flat and "安吉县" in flat
    progress = analyse.progress_table(analyse.load_inputs(built["workspace"] / "processed",
                                                            built["workspace"] / "config"))
    jiande = progress.query("entity == 'jiande' and indicator_id == 'talent_total'").iloc[0]
    anji_rd = progress.query("entity == 'anji' and indicator_id == 'rd_personnel_per_10k'").iloc[0]
    for figure in (f"{jiande.required_growth:.1%}", f"{jiande.historical_growth:.1%}",
                   f"{anji_rd.required_growth:.1%}", "1,650"):
        assert figure in flat, figure
    info = subprocess.run(["pdfinfo", str(built["pdf"])], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 84[12]", info), info      # A4 in points
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text              # page numbers


def test_html_references_no_external_resource(built):
    html = built["html"].read_text(encoding="utf-8")
    assert '<html lang="zh">' in html
    external = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    external += re.findall(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    external += re.findall(r"@import\s+[\"']?(?:https?:)?//", html, re.I)
    assert external == []
    assert "require.js" not in html and "MathJax" not in html


def test_leadership_html_has_no_code_but_analyst_html_does(built, tmp_path):
    html = built["html"].read_text(encoding="utf-8")
    assert 'class="jp-InputArea' not in html and "load_report_context" not in html
    import shutil
    shutil.copytree(built["workspace"] / "raw", tmp_path / "raw")
    shutil.copytree(built["workspace"] / "config", tmp_path / "config")
    analyst = _build(tmp_path, audience="analyst")["html"].read_text(encoding="utf-8")
    assert 'class="jp-InputArea' in analyst and "load_report_context" in analyst


def _browser():
    from playwright.sync_api import sync_playwright
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=render.find_chromium(),
                                      args=render.chromium_args([])[2:])
    return manager, browser


def test_phone_width_no_overflow_fonts_loaded_and_screenshot(built, tmp_path):
    manager, browser = _browser()
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(built["html"].resolve().as_uri(), wait_until="load")
        scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width, "content overflows the phone's width"
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        for selector in (".title-block h1", ".summary li", ".report td"):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            assert fonts and all(f["familyName"].startswith("Noto Sans CJK") for f in fonts if f["glyphCount"]), fonts
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        shot = tmp_path / "phone.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000          # a rendered page, not a blank one
    finally:
        browser.close()
        manager.stop()


def test_injected_script_comes_out_escaped(tmp_path):
    import shutil
    shutil.copytree(paths.RAW_DIR, tmp_path / "raw")
    shutil.copytree(paths.CONFIG_DIR, tmp_path / "config")
    catalogue = tmp_path / "config" / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "name_zh: 人才资源总量\n", "name_zh: '人才资源总量<script>alert(\"catalogue\")</script>'\n", 1), encoding="utf-8")
    raw = tmp_path / "raw" / JIANDE
    raw.write_text(raw.read_text(encoding="utf-8").replace("\t人才结构\n", "\t人才结构<script>alert('doc')</script>\n"),
                   encoding="utf-8")
    write_manifest(tmp_path / "raw")
    html_path = _build(tmp_path)["html"]
    html = html_path.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    # nbconvert re-serialises the page (BeautifulSoup), writing quotes in text literally; < stays &lt;.
    assert re.search(r"&lt;script&gt;alert\((\"|&quot;)catalogue", html)
    assert re.search(r"&lt;script&gt;alert\(('|&#x27;)doc", html)
    manager, browser = _browser()
    try:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        assert dialogs == [] and "<script>alert" in page.inner_text("body")   # shown as text
    finally:
        browser.close()
        manager.stop()


def test_failed_render_keeps_the_previous_report(built, tmp_path):
    previous = tmp_path / "report.html"
    previous.write_text("last good report", encoding="utf-8")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not a notebook", encoding="utf-8")
    with pytest.raises(Exception):
        cli.main(["render", "html", str(broken), str(previous)])
    assert previous.read_text(encoding="utf-8") == "last good report"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"last good pdf")
    assert cli.main(["render", "pdf", str(tmp_path / "missing.html"), str(pdf)]) == 1
    assert pdf.read_bytes() == b"last good pdf"
    assert not list(tmp_path.glob(".*partial*"))


def test_line_numbers_print_as_integers(built):
    # Integer columns with some empty rows come back from CSV as floats unless read with their types.
    html = built["html"].read_text(encoding="utf-8")
    assert "plan_2021-2025.txt:97<" in html.replace("</span>", "<").replace("</td>", "<")
    assert not re.search(r"\.txt:\d+\.0\b", html)
