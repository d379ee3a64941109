"""Rendering the executed report notebook into its two documents, each as self-contained HTML and an A4 PDF.

    python -m helpers render documents EXECUTED.ipynb --brief STEM --report STEM [--html-only]
    python -m helpers render html EXECUTED.ipynb OUT.html [--document brief|report] [--lang zh|en]
    python -m helpers render pdf  IN.html OUT.pdf

`documents` is what `make report` runs: one process exports both documents' HTML (one nbconvert import), and
one headless Chromium, started first so that its start-up overlaps the export, prints both PDFs (each as
soon as its HTML is written). The brief shows
the notebook's cells tagged "brief", the report those tagged "report"; neither shows code (the executed
notebook beside them has it). Every output is written to
a temporary file, and all are renamed into place together only when all are complete: a failed render leaves
the previous documents where they were.
"""
from __future__ import annotations

import copy
import os
import re
import shutil
from collections.abc import Callable
from contextlib import ExitStack, nullcontext
from html import unescape
from pathlib import Path

from helpers.core.errors import InputError, file_error
from helpers.core.paths import DOCUMENTS, PROJECT_ROOT, TEMPLATES_DIR
from helpers.core.style import css_font_family
from helpers.files.atomic import replaced_when_done

TEMPLATE_NAME = "offline_report"   # templates/offline_report/
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
PDF_TIMEOUT_SECONDS = 180


def _select(nb, document: str):
    """The notebook with only the cells that belong to one document (tagged with its name)."""
    if document not in DOCUMENTS:
        raise ValueError(f"document must be one of {', '.join(DOCUMENTS)}, not {document!r}")
    part = copy.copy(nb)
    part.cells = [c for c in nb.cells if document in c.get("metadata", {}).get("tags", [])]
    return part


def _title(nb) -> str:
    """The document's title, as its title block wrote it (for the HTML <title>)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            m = re.search(r"<h1>(.*?)</h1>", html, re.S)
            if m:
                return unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
    return ""


def _exporter(lang: str):
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last step, which parses the whole page again with BeautifulSoup's
        pure-Python parser (a third of the render's own time) only to give each code cell and output a tabindex
        and each <img> without one an alt text: the report has no code cells, its figures are inline SVG with
        their own titles, and a tab stop on every paragraph of a report hinders keyboard and screen-reader users
        rather than helps them. The rest is HTMLExporter.from_notebook_node (nbconvert 7, as pinned)."""

        def from_notebook_node(self, nb, resources=None, **kw):
            lexer = nb.metadata.get("language_info", {}).get("pygments_lexer")
            self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(
                pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    exporter = ReportExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)])
    # The bare code zh: zh-CN makes Chromium pick non-Simplified glyphs. Quoted Chinese in an English report
    # is marked lang="zh", and the report CSS puts the Chinese font first (helpers.core.style).
    exporter.language_code = "zh" if lang == "zh" else "en"
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.exclude_input = True
    return exporter


def _read(notebook: Path):
    import nbformat
    try:
        return nbformat.read(str(notebook), as_version=4)
    except FileNotFoundError:
        raise InputError(notebook, None, "the executed report notebook does not exist",
                         "run `make report`, which executes it first.") from None
    except OSError as exc:      # (unreadable: "delete it and run make report" did not help)
        raise file_error(exc, notebook, writing=False) from None
    except Exception as exc:  # nbformat raises several kinds for a damaged file
        raise InputError(notebook, None, f"the executed report notebook cannot be read ({exc})",
                         "delete it and run `make report` again.") from None


def export_html(notebook: Path, document: str = "brief", lang: str = "zh", nb=None, exporter=None) -> str:
    """One document's nbconvert HTML: offline template, the report's language, no code."""
    nb = nb if nb is not None else _read(notebook)
    part = _select(nb, document)
    if not part.cells:
        raise InputError(notebook, None, f"no cell of the notebook is tagged '{document}'",
                         "tag each report cell with brief and/or report (View > Cell Toolbar > Tags in JupyterLab).")
    exporter = exporter or _exporter(lang)
    body, _ = exporter.from_notebook_node(part, resources={"metadata": {"name": _title(part)}, "document": document,
                                                             "report_font": css_font_family()})
    return body


def find_chromium() -> str:
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise InputError(None, None, "no Chromium browser found to print the PDF",
                     "install it: `apt-get install chromium` (Debian), or run `make setup`, which installs it.")


def chromium_args(extra: list[str]) -> list[str]:
    args = [find_chromium(), "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--font-render-hinting=none",
            # no crash reporter: it keeps its folder (Crash Reports) in the user's ~/.config/chromium
            "--disable-breakpad", "--disable-crash-reporter"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return args + extra


def browser_environment() -> dict[str, str]:
    """Chromium's environment: its own folders (settings, crash reports, and the dconf and fontconfig caches it
    fills) in the project's .make/chromium/, not in the user's ~/.config and ~/.cache."""
    environment = dict(os.environ)
    folder = PROJECT_ROOT / ".make" / "chromium"
    try:
        for sub in ("config", "cache"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
    except OSError:          # a read-only project: Chromium's defaults, rather than no PDF
        return environment
    environment.update(XDG_CONFIG_HOME=str(folder / "config"), XDG_CACHE_HOME=str(folder / "cache"))
    return environment


class PdfPrinter:
    """One headless Chromium that prints HTML files to PDF, started as soon as the printer is made, so that its
    start-up (the Playwright driver, then the browser: about a second) overlaps whatever the caller does first
    (exporting the HTML). Each file submitted starts printing at once, in its own tab, while the caller goes on
    (exporting the next document); `finish` waits for all. Use it as a context manager.

    A4 and page numbers come from the CSS. The PDFs are tagged: their structure (figures, table rows, headings)
    is what the layout tests read."""

    def __init__(self):
        import asyncio  # noqa: F401
        import concurrent.futures
        import concurrent.futures.thread  # noqa: F401   (asyncio's run_in_executor, used by the printing thread)
        import queue
        import threading

        # What the printing thread imports is imported here, in the caller's thread, before it starts: two threads
        # importing the same modules at once (the caller goes on to import papermill or nbconvert) can each see
        # the other's half-imported module, an ImportError at random.
        from playwright.async_api import async_playwright  # noqa: F401
        self._jobs: queue.Queue = queue.Queue()
        self._done: concurrent.futures.Future = concurrent.futures.Future()
        self._first: Path | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="chromium-printer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import asyncio
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # handed to the caller's thread by finish()
            self._done.set_exception(exc)
        else:
            self._done.set_result(None)

    async def _serve(self) -> None:
        import asyncio

        from playwright.async_api import async_playwright

        async def one(browser, html_file: Path, pdf_file: Path) -> None:
            page = await browser.new_page()
            await page.goto(Path(html_file).resolve().as_uri(), wait_until="load",
                            timeout=PDF_TIMEOUT_SECONDS * 1000)
            await page.pdf(path=str(pdf_file), prefer_css_page_size=True, print_background=True, tagged=True)

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=find_chromium(), args=chromium_args([])[2:],
                                              env=browser_environment())
            printing = []
            try:
                loop = asyncio.get_running_loop()
                while (job := await loop.run_in_executor(None, self._jobs.get)) is not None:
                    printing.append(asyncio.create_task(one(browser, *job)))
                await asyncio.gather(*printing)
            finally:
                await browser.close()

    def submit(self, html_file: Path, pdf_file: Path) -> None:
        """Start printing one HTML file to its PDF path."""
        if not Path(html_file).is_file():
            # Chromium would happily print its own "file not found" page.
            raise InputError(html_file, None, "the report HTML to print does not exist", "run `make html` first.")
        try:            # (one it may not read was Chromium's error, with advice to check that Chromium runs)
            Path(html_file).open("rb").close()
        except OSError as exc:
            raise file_error(exc, html_file, writing=False) from None
        self._first = self._first or Path(html_file)
        self._jobs.put((Path(html_file), Path(pdf_file)))

    def finish(self) -> None:
        """Wait until every submitted file is printed (and the browser closed)."""
        from playwright.async_api import Error as PlaywrightError
        self._close()
        try:
            self._done.result(timeout=PDF_TIMEOUT_SECONDS * 2)
        except PlaywrightError as exc:
            raise InputError(self._first, None, f"Chromium could not print the PDF: {str(exc).strip()[:400]}",
                             "check that `chromium --headless --no-sandbox` runs on this machine "
                             "(`apt-get install chromium`).") from None

    def print(self, pairs: list[tuple[Path, Path]]) -> None:
        """Print each HTML file to its PDF path; returns when all are written."""
        for html_file, pdf_file in pairs:
            self.submit(html_file, pdf_file)
        self.finish()

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            self._jobs.put(None)        # nothing more to print: close the browser when done

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(self, *exc) -> None:
        self._close()
        self._thread.join(timeout=PDF_TIMEOUT_SECONDS)


def print_pdfs(pairs: list[tuple[Path, Path]]) -> None:
    """Print each HTML file to its PDF path with one headless Chromium (see PdfPrinter)."""
    with PdfPrinter() as printer:
        printer.print(pairs)


def print_pdf(html_file: Path, pdf_file: Path) -> None:
    """Print one HTML file to a PDF, replacing the PDF only when the print is complete."""
    with replaced_when_done(Path(pdf_file)) as partial:
        print_pdfs([(Path(html_file), partial)])


def render_documents(notebook: Path, stems: dict[str, Path], lang: str, pdf: bool = True,
                     execute: Callable[..., object] | None = None, source: Path | None = None) -> list[Path]:
    """Both documents (or those in `stems`, document -> output path without suffix): HTML and PDF, all
    published together.

    With `execute` (the report step, `python -m helpers report`), the notebook `source` is first executed into
    `notebook` by execute(temporary path, while_kernel_starts=…, on_cell_done=…) -> the executed notebook, and
    published with the documents. Chromium starts while the kernel runs; nbconvert is imported while the kernel
    starts; and each document is exported and printed as soon as its last cell has run: the brief, whose cells
    come first, prints while the kernel runs the report's. (Together about two seconds off the report's path.)
    The executed notebook is rendered as it is, without being read back."""
    # Absolute: papermill works in the notebook's folder while it runs, when the brief is written and printed.
    notebook, stems = Path(notebook).absolute(), {document: Path(stem).absolute() for document, stem in stems.items()}
    outputs: list[Path] = []
    rendered: set[str] = set()
    exporters: list = []
    # The printer is closed before the outputs are settled: on an error, no print still in flight (the brief's,
    # started while the kernel ran) writes its PDF after the temporary files are removed.
    with ExitStack() as stack, (PdfPrinter() if pdf else nullcontext()) as printer:

        def render(document: str, nb) -> None:
            html_path = Path(f"{stems[document]}.html")
            partial = stack.enter_context(replaced_when_done(html_path))
            partial.write_text(export_html(notebook, document, lang, nb=nb, exporter=exporters[0]), encoding="utf-8")
            outputs.append(html_path)
            if pdf:   # it prints while the next document is exported, or while the kernel runs on
                pdf_path = Path(f"{stems[document]}.pdf")
                printer.submit(partial, stack.enter_context(replaced_when_done(pdf_path)))
                outputs.append(pdf_path)
            rendered.add(document)

        if execute:
            # nbconvert is imported in this thread while the kernel starts (not in a second thread: two threads
            # importing the same packages at once can see each other's half-imported modules).
            documents = _DocumentsAsTheyComplete(source, list(stems), render)
            nb = execute(stack.enter_context(replaced_when_done(notebook)), on_cell_done=documents.cell_done,
                         while_kernel_starts=lambda: exporters.append(_exporter(lang)))
            outputs.insert(0, notebook)
        else:
            nb = _read(notebook)
        if not exporters:
            exporters.append(_exporter(lang))
        for document in stems:
            if document not in rendered:
                render(document, nb)
        if pdf:
            printer.finish()
    return outputs


class _DocumentsAsTheyComplete:
    """Follows the report notebook's cells as the kernel runs them, and calls complete(document, notebook) once a
    document's last cell has run without error: its cells are final, and the document can be exported while the
    kernel runs the other's cells. (A notebook it cannot read is left to papermill to report.)"""

    def __init__(self, source: Path | None, documents: list[str], complete: Callable[[str, object], None]):
        import json
        self.complete, self.metadata, self.left = complete, {}, {}
        self.cells: dict[str, list] = {document: [] for document in documents}
        try:
            notebook = json.loads(Path(source).read_text(encoding="utf-8"))
            tags = [cell.get("metadata", {}).get("tags", []) for cell in notebook["cells"]]
            self.metadata = notebook.get("metadata", {})
        except (TypeError, OSError, ValueError, KeyError, AttributeError):
            return
        self.left = {document: sum(document in t for t in tags) for document in documents}

    def cell_done(self, cell, ok: bool) -> None:
        import nbformat
        for document, left in self.left.items():
            if ok and left and document in cell.get("metadata", {}).get("tags", []):
                self.cells[document].append(cell)
                self.left[document] = left - 1
                if left == 1:
                    self.complete(document, nbformat.from_dict({"cells": self.cells[document], "nbformat": 4,
                                                                "nbformat_minor": 5, "metadata": self.metadata}))
