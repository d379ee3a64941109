"""The leadership brief against its limits (issue 16), measured as its readers meet it.

A county office fills the monitoring template with 2021–2025 actuals for every indicator that has a 2025 target,
some targets met and some missed (targets written ">" and an actual written "≥" among them), and makes the
brief at the base year (2020), a mid-period year (2023), the target year (2025) and the year after (2026, with a
second workbook of 2026 actuals, as an office has when it reports on 2026). Each brief, in each language, is
measured as its readers meet it: A4 pages of the PDF, screens and page width at 390 × 844 px, and the smallest
text as shown (SVG text scaled by its figure).

    .venv/bin/python -m support.brief_limits SCRATCH [YEAR ...]   (from tests/) prints the measurements

The tests (report/test_brief_limits.py) hold the same measurements to the limits below.
"""
from __future__ import annotations

import math
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd

from helpers import analyse
from helpers.core import paths
from helpers.core.config import load_catalogue, load_sources
from helpers.core.wording import LANGS
from helpers.extract import dataset
from helpers.extract.monitoring import DATA_SHEET, write_template
from helpers.run import cli
from helpers.run.parameters import resolve, write_run
from support import report_checks as rc

# The limits of issue 16, in both languages.
MAX_PAGES = 4                 # A4 pages of the PDF brief, two counties with every indicator monitored
MAX_SCREENS = 10              # screens of 390 × 844 px
MIN_TEXT_PX = 12              # the smallest text as shown, figures' SVG text included
MIN_PAGE_FILL = 0.25          # no A4 page of a brief of several pages, the last included, is less full than this
# The last page keeps room for a few more lines (about two table rows): a brief that grows fails here, before it
# spills onto a page of its own with a line or two (the 2026 English brief's page 2 was 99% full).
MAX_LAST_PAGE_FILL = 0.95
SYNTHETIC_MAX_PAGES = 8       # the brief for 90 synthetic counties
YEARS = (2020, 2023, 2025, 2026)   # base year, mid-period, target year, the year after

FULL_WORKBOOK = "2021-2025年 监测数据.xlsx"
NEXT_YEAR_WORKBOOK = "2026年 监测数据.xlsx"
MONITORED_YEARS = range(2021, 2026)
MET, MISSED = 1.02, 0.9       # the 2025 actual as a multiple of its target
COUNT_UNITS = ("家", "件")    # whole numbers


@dataclass(frozen=True)
class Pair:
    """One county-indicator pair with a 2025 target, and the actuals the test gives it."""
    entity: str
    county_zh: str
    indicator_id: str
    indicator_zh: str
    unit: str
    base: float                 # the plan's 2020 actual
    target: float
    target_comparator: str
    met: bool                   # the 2025 actual meets the target
    at_least: bool = False      # the 2025 actual is written "≥ target" (comparator >=)

    def actual(self, year: int) -> float:
        """2020 → 2025 in a straight line, with a small deterministic wobble (the fits are not exact), to
        target × 1.02 (met) or × 0.9 (missed); after 2025 the line goes on."""
        end = self.target if self.at_least else self.target * (MET if self.met else MISSED)
        share = (year - 2020) / 5
        wobble = 0 if year in (2020, 2025) else 0.01 * ((year + len(self.indicator_id)) % 3 - 1)
        value = (self.base + (end - self.base) * share) * (1 + wobble)
        if self.unit == "%":
            value = min(value, 99.0)
        if self.unit in COUNT_UNITS:
            value = math.ceil(value) if self.met else math.floor(value)
        return round(value, 4)


def workspace(root: Path) -> Path:
    """A copy of the project's raw data and config in root: root/raw, root/config, root/processed."""
    root.mkdir(parents=True, exist_ok=True)
    for name, source in (("raw", paths.RAW_DIR), ("config", paths.CONFIG_DIR)):
        if not (root / name).exists():
            shutil.copytree(source, root / name)
    (root / "processed").mkdir(exist_ok=True)
    return root


def monitored_pairs(root: Path) -> list[Pair]:
    """Every county-indicator pair with a numeric 2025 target in the plans, in the template's order; every third
    pair of a county misses its target, and one met share is written "≥ target"."""
    sources, catalogue = load_sources(root / "config"), load_catalogue(root / "config")
    data = dataset.build(root / "raw", root / "config").indicators
    pairs = []
    for entity in sources.counties():
        rows = data[data["entity"] == entity]
        n = 0
        for ind in catalogue.indicators.values():
            target = rows[(rows["indicator_id"] == ind.id) & (rows["kind"] == "target") & (rows["year"] == 2025)]
            base = rows[(rows["indicator_id"] == ind.id) & (rows["kind"] == "actual") & (rows["year"] == 2020)]
            if target.empty or base.empty or pd.isna(target["value"].iloc[0]) or pd.isna(base["value"].iloc[0]):
                continue
            met = n % 3 != 1
            at_least = met and ind.unit == "%" and target["comparator"].iloc[0] == "=" and \
                not any(p.at_least for p in pairs)
            pairs.append(Pair(entity, sources.entity_names()[entity][0], ind.id, ind.name_zh, ind.unit,
                              float(base["value"].iloc[0]), float(target["value"].iloc[0]),
                              target["comparator"].iloc[0], met, at_least))
            n += 1
    return pairs


def write_workbook(root: Path, name: str, years: range, only: tuple[str, ...] | None = None) -> Path:
    """The monitoring template filled as an analyst fills it: the template's row for each pair (or for the
    indicators in `only`), copied for each further year."""
    sources, catalogue = load_sources(root / "config"), load_catalogue(root / "config")
    folder = root / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    path = write_template(folder / name, sources, catalogue)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    header = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    template_row = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(2, ws.max_row + 1)}
    row = ws.max_row + 1
    for pair in monitored_pairs(root):
        if only is not None and pair.indicator_id not in only:
            continue
        for i, year in enumerate(years):
            r = template_row[(pair.county_zh, pair.indicator_zh)] if i == 0 else row
            if i:
                row += 1
                ws.cell(r, 1, pair.county_zh)
                ws.cell(r, 2, pair.indicator_zh)
                ws.cell(r, header["单位"], pair.unit)
            ws.cell(r, header["年份"], year)
            ws.cell(r, header["数值"], pair.actual(year))
            if pair.at_least and year == 2025:
                ws.cell(r, header["比较符"], ">=")
            ws.cell(r, header["来源"], f"{year}年统计年报")
    wb.save(path)
    return path


def prepare(root: Path, year: int) -> Path:
    """A workspace whose monitoring holds what an office has when it reports on `year`: the 2021–2025 workbook,
    and for a year after 2025 a workbook of that year's actuals too. The processed indicators are built."""
    root = workspace(root)
    if not (root / "raw" / "monitoring" / FULL_WORKBOOK).exists():
        write_workbook(root, FULL_WORKBOOK, MONITORED_YEARS)
    if year > 2025 and not (root / "raw" / "monitoring" / NEXT_YEAR_WORKBOOK).exists():
        write_workbook(root, NEXT_YEAR_WORKBOOK, range(2026, year + 1))
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


# 建德 and 安吉 each add a 十五五 plan (2025 → 2030), as offices do in 2026: the 2025 column restates the
# workbook's 2025 actuals (so nothing disagrees) and the 2030 targets are new. The province has set none for 2030.
FIFTEENTH = {   # (indicator as the table writes it, unit, 2025 actual = the workbook's, 2030 target)
    "jiande": ("word_tab_cells", [("人才资源总量", "万人", "14.28", "18"), ("高技能人才", "万人", "2.7", "3.5")]),
    "anji": ("cell_per_line", [("人才资源总量", "万人", "20.4", "26"), ("高技能人才", "万人", "3.78", "5")]),
}


def prepare_fifteenth(root: Path, year: int = 2026) -> Path:
    """prepare(root, year), and then the counties' 十五五 plans (FIFTEENTH) configured: what an office has in 2026."""
    import yaml

    from helpers.core.config import PlanPeriod
    from helpers.extract.manifest import write_manifest
    from helpers.synthetic import plan_document
    root = prepare(root, year)
    raw, config = root / "raw", root / "config"
    sources = yaml.safe_load((config / "sources.yaml").read_text(encoding="utf-8"))
    if not any(p["file"].endswith("_15.txt") for p in sources["plans"]):
        for entity, (layout, rows) in FIFTEENTH.items():
            (raw / f"{entity}_15.txt").write_text(plan_document(layout, f"{entity}人才发展“十五五”规划",
                                                                PlanPeriod("十五五", 2025, 2030), rows),
                                                  encoding="utf-8")
            sources["plans"].append({"entity": entity, "file": f"{entity}_15.txt", "layout": layout,
                                     "table_title": "人才发展主要指标",
                                     "plan_period": {"name": "十五五", "base_year": 2025, "target_year": 2030}})
        write_manifest(raw)
        (config / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    dataset.write(dataset.build(raw, config), root / "processed")
    return root


def build_brief(root: Path, year: int | None, lang: str, report: bool = False) -> dict[str, Path]:
    """The brief (and the analyst report, if asked) for `year` as `make report` builds them: the analysis tables,
    the executed report notebook, then the documents' HTML and PDF. Returns the documents' stems."""
    processed, config, out = root / "processed", root / "config", root / "reports"
    out.mkdir(exist_ok=True)
    analyse.build_tables(processed, config, year)
    write_run(resolve(year, lang=lang, processed_dir=processed, config_dir=config), processed)   # as make does
    tag = f"{year or 'latest'}_{lang}"
    nb = out / f"04_report_{tag}.ipynb"
    arguments = ["-p", "processed_dir", str(processed), "-p", "config_dir", str(config)]
    run = subprocess.run([sys.executable, "-m", "helpers", "run", str(paths.NOTEBOOKS_DIR / "04_report.ipynb"),
                          str(nb), *arguments], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    stems = {"brief": out / f"brief_{tag}"}
    if report:
        stems["report"] = out / f"report_{tag}"
    args = ["render", "documents", str(nb)]
    for document, stem in stems.items():
        args += [f"--{document}", str(stem)]
    assert cli.main(args + ["--lang", lang]) == 0
    return stems


SYNTHETIC_COUNTIES = 90


def synthetic_workspace(root: Path, n: int = SYNTHETIC_COUNTIES) -> Path:
    """n synthetic counties (helpers.synthetic: plans in both layouts, monitoring for the first years), their
    processed indicators built."""
    from helpers import synthetic
    scratch = synthetic.generate(n, root, seed=1)
    (scratch / "processed").mkdir(exist_ok=True)
    dataset.write(dataset.build(scratch / "raw", scratch / "config"), scratch / "processed")
    return scratch


@dataclass
class Measured:
    pages: int
    screens: float
    page_width: int             # the page's scroll width at 390 px
    smallest: list              # [(px, text)], the smallest texts as shown
    fills: list                 # how full each A4 page is (report_checks.page_fill)

    @property
    def smallest_px(self) -> float:
        return self.smallest[0][0] if self.smallest else float("inf")

    def breaches(self, max_pages: int = MAX_PAGES) -> list[str]:
        out = []
        if self.pages > max_pages:
            out.append(f"{self.pages} A4 pages > {max_pages}")
        if self.screens > MAX_SCREENS:
            out.append(f"{self.screens:.1f} screens > {MAX_SCREENS}")
        if self.page_width > rc.PHONE["width"]:
            out.append(f"{self.page_width} px wide > {rc.PHONE['width']}")
        if self.smallest_px < MIN_TEXT_PX:
            out.append(f"text at {self.smallest_px} px < {MIN_TEXT_PX}: {self.smallest[:3]}")
        if len(self.fills) > 1 and min(self.fills) < MIN_PAGE_FILL:
            out.append(f"page {self.fills.index(min(self.fills)) + 1} only {min(self.fills):.0%} full")
        if self.fills and self.fills[-1] > MAX_LAST_PAGE_FILL:
            out.append(f"the last page is {self.fills[-1]:.0%} full (> {MAX_LAST_PAGE_FILL:.0%}): a few more lines "
                       f"spill onto a page of their own; shorten the brief")
        return out

    def __str__(self) -> str:
        return (f"{self.pages} pages, {self.screens:.1f} screens, {self.page_width} px wide, "
                f"smallest text {self.smallest_px} px ({self.smallest[0][1] if self.smallest else ''}), "
                f"pages {', '.join(f'{f:.0%}' for f in self.fills)} full")


def measure(stem: Path, browser=None, screenshot: Path | None = None) -> Measured:
    """The brief's PDF pages, and its HTML at 390 × 844 px (as a phone shows it)."""
    own = browser is None
    if own:
        manager, browser = rc.browser()
    try:
        page = browser.new_page(viewport=rc.PHONE, device_scale_factor=2, is_mobile=True)
        page.goto(Path(f"{stem}.html").resolve().as_uri(), wait_until="load")
        phone = rc.phone_measure(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if screenshot:
            page.screenshot(path=str(screenshot), full_page=True)
        page.close()
    finally:
        if own:
            browser.close()
            manager.stop()
    pdf = Path(f"{stem}.pdf")
    return Measured(rc.pdf_pages(pdf), phone["screens"], width, phone["smallest"], rc.page_fill(pdf))


def main(argv: list[str]) -> int:
    scratch = Path(argv[0])
    # a year, "synthetic" (90 counties), or "2026+15": 2026 with the counties' 十五五 plans configured
    years = [y for y in argv[1:] if y != "synthetic"] if len(argv) > 1 else [str(y) for y in YEARS]
    manager, browser = rc.browser()
    try:
        if "synthetic" in argv[1:]:
            root = synthetic_workspace(scratch / "synthetic")
            for lang in LANGS:
                stems = build_brief(root, None, lang)
                m = measure(stems["brief"], browser)
                print(f"{SYNTHETIC_COUNTIES} counties {lang}: {m}"
                      + ("" if m.pages <= SYNTHETIC_MAX_PAGES else f"  BREACH: > {SYNTHETIC_MAX_PAGES} pages"),
                      flush=True)
        for name in years:
            year = int(name.split("+")[0])
            root = (prepare_fifteenth(scratch / "fifteenth", year) if name.endswith("+15")
                    else prepare(scratch / ("after" if year > 2025 else "full"), year))
            for lang in LANGS:
                stems = build_brief(root, year, lang, report=True)
                m = measure(stems["brief"], browser, screenshot=Path(f"{stems['brief']}_phone.png"))
                print(f"{name} {lang}: {m}" + (f"  BREACHES: {'; '.join(m.breaches())}" if m.breaches() else ""),
                      flush=True)
    finally:
        browser.close()
        manager.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
