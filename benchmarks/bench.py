"""Benchmark the pipeline and print a table of figures (not a test).

    .venv/bin/python benchmarks/bench.py [--reps 3] [--scale 2,10,30,90] [--write]

Measures, in one run, the median of several repetitions of:
  - the floor: `python -c "import pandas, seaborn, statsmodels.api"` plus a headless-Chromium print of a
    one-page HTML (what any report run must pay at least once);
  - a cold `make report` after `make clean` (environment installed), a no-change `make report`, and a
    `make report` after touching one raw file;
  - each stage on its own: the data notebook, the analysis tables, the analysis notebooks, the report notebook,
    both documents as make report renders them, the HTML render, the PDF render, and reading a plan given as
    a PDF (in this process: its peak memory is this process's);
  - the pipeline on N synthetic counties (cold `make report` in a scratch folder; one run each).
Every time is also given as a ratio to the floor, because this machine is noisy and only ratios compare.
Memory is the peak resident memory of the largest single process of the command.
`--write` puts the table into benchmarks/README.md with the date.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin" / "python"
MEASURE = Path(__file__).with_name("measure.py")
README = Path(__file__).with_name("README.md")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DATA_HELPER = ROOT / "src" / "helpers" / "extract" / "tables.py"

sys.path.insert(0, str(ROOT / "src"))
from helpers.report import render  # noqa: E402


def measure(cmd: list[str], cwd: Path = ROOT) -> dict:
    out = subprocess.run([str(PY), str(MEASURE), *cmd], cwd=cwd, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["returncode"] != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{result['stderr']}")
    return result


def repeat(cmd: list[str], reps: int, before=None) -> dict:
    runs = []
    for _ in range(reps):
        if before:
            before()
        runs.append(measure(cmd))
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs), "reps": reps}


def make(*targets: str, **variables: str) -> list[str]:
    return ["make", "--no-print-directory", *targets, *(f"{k}={v}" for k, v in variables.items())]


def quiet(cmd: list[str]) -> None:
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--scale", default="2,10,30,90", help="numbers of synthetic counties ('' to skip)")
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    args = parser.parse_args()
    quiet(make("setup"))
    rows: list[tuple[str, dict]] = []

    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    page = scratch / "one-page.html"
    page.write_text('<!doctype html><html lang="zh"><meta charset="utf-8"><body style="font-family:'
                    '\'Noto Sans CJK SC\'"><h1>人才发展监测</h1><p>一页。</p></body></html>', encoding="utf-8")
    imports = repeat([str(PY), "-c", "import pandas, seaborn, statsmodels.api"], args.reps)
    chromium = repeat(render.chromium_args([f"--user-data-dir={scratch / 'profile'}", "--no-pdf-header-footer",
                                            f"--print-to-pdf={scratch / 'one.pdf'}", page.as_uri()]), args.reps)
    floor = imports["seconds"] + chromium["seconds"]
    rows += [("floor: import pandas, seaborn, statsmodels.api", imports),
             ("floor: headless Chromium prints one page", chromium),
             ("floor (sum)", {"seconds": floor, "peak_mb": max(imports["peak_mb"], chromium["peak_mb"]),
                              "reps": args.reps})]

    rows.append(("cold `make report` (after `make clean`)",
                 repeat(make("report"), args.reps, before=lambda: quiet(make("clean")))))
    rows.append(("no-change `make report`", repeat(make("report"), max(args.reps, 5))))
    # (A raw file touched alone changes nothing: make compares the inputs by content, helpers.files.fingerprint.)
    rows.append(("`make report` after touching a data-step helper",
                 repeat(make("report"), args.reps, before=lambda: os.utime(DATA_HELPER))))

    stages = scratch / "stages"
    stages.mkdir()
    nb = ROOT / "notebooks"
    processed = stages / "processed"
    rows.append(("stage: data notebook (01)", repeat(
        [str(PY), "-m", "helpers", "run", str(nb / "01_data.ipynb"), str(stages / "01.ipynb"),
         "-p", "processed_dir", str(processed)], args.reps)))
    # the run, worked out once (run.json): what every later stage reads
    rows.append(("stage: the run (python -m helpers resolve)", repeat(
        [str(PY), "-m", "helpers", "resolve", "--processed-dir", str(processed)], args.reps)))
    for name in ("02_comparison", "03_growth"):
        rows.append((f"stage: analysis notebook ({name[:2]})", repeat(
            [str(PY), "-m", "helpers", "run", str(nb / f"{name}.ipynb"), str(stages / f"{name}.ipynb"),
             "-p", "processed_dir", str(processed)], args.reps)))
    rows.append(("stage: analysis tables (python -m helpers analyse)", repeat(
        [str(PY), "-m", "helpers", "analyse", "--processed-dir", str(processed)], args.reps)))
    rows.append(("stage: report notebook (04) and both documents, HTML and PDF (`python -m helpers report`)", repeat(
        [str(PY), "-m", "helpers", "report", str(nb / "04_report.ipynb"), "--into", str(stages),
         "--processed-dir", str(processed)], args.reps)))
    rows.append(("stage: HTML render (nbconvert)", repeat(
        [str(PY), "-m", "helpers", "render", "html", str(stages / "04_report.ipynb"), str(stages / "r.html")],
        args.reps)))
    rows.append(("stage: PDF render (Chromium)", repeat(
        [str(PY), "-m", "helpers", "render", "pdf", str(stages / "r.html"), str(stages / "r.pdf")], args.reps)))

    rows.append(("stage: reading a PDF plan (Anji's, printed by Chromium, 13 pages; in process)",
                 pdf_reading(scratch, args.reps)))

    for n in [int(x) for x in args.scale.split(",") if x.strip()]:
        folder = scratch / f"scale-{n}"
        quiet([str(PY), "-m", "helpers", "synthetic", str(n), str(folder)])
        result = measure(make("report", RAW_DIR=str(folder / "raw"), CONFIG_DIR=str(folder / "config"),
                              PROCESSED_DIR=str(folder / "processed"), REPORTS_DIR=str(folder / "reports")))
        result["reps"] = 1
        rows.append((f"scale: cold `make report`, {n} synthetic counties", result))

    shutil.rmtree(scratch, ignore_errors=True)
    table = render_table(rows, floor)
    print(table)
    if args.write:
        write_readme(table)
    return 0


def pdf_reading(scratch: Path, reps: int) -> dict:
    """The time helpers.extract.documents.pdf.read_pdf takes on a real plan as a PDF (issue 15: under 2 s):
    the PDF is printed first, as the tests print it (tests/support/plan_documents.py)."""
    import resource
    import time
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.extract.documents.pdf import read_pdf
    from support.plan_documents import print_pdfs_chromium, real_plan, write_html
    page = write_html(real_plan("anji_talent_plan_2021-2025.txt"), scratch / "anji.html")
    pdf, = print_pdfs_chromium([(page, scratch / "anji.pdf")])
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        read_pdf(pdf)
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "reps": reps,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def render_table(rows, floor: float) -> str:
    lines = ["| measurement | median s | × floor | peak MB | runs |", "|---|---:|---:|---:|---:|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['seconds']:.2f} | {r['seconds'] / floor:.2f} | {r['peak_mb']:.0f} | {r['reps']} |")
    return "\n".join(lines)


def write_readme(table: str) -> None:
    stamp = (f"Measured {dt.date.today().isoformat()} on {platform.node() or 'this machine'} "
             f"({os.cpu_count()} cores, Python {platform.python_version()}).")
    text = README.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    README.write_text(f"{before}{START}\n{stamp}\n\n{table}\n{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
