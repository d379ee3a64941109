"""The one command-line entry for every step that `make` and the notebooks call.

    python -m helpers run NOTEBOOK OUTPUT [-p NAME VALUE ...]   execute a notebook with papermill
    python -m helpers latest-year [PROCESSED_DIR]                the default report year
    python -m helpers manifest                                   record the raw files' checksums
    python -m helpers analyse [--year Y] [--entities a,b]        the analysis tables (comparison.csv, trends.csv)
    python -m helpers template [OUTPUT]                          write the monitoring workbook template
    python -m helpers results-workbook OUTPUT [--year Y] ...     the results workbook of a report
    python -m helpers render documents NB --brief S --report S   the brief and the analyst report, HTML and PDF
    python -m helpers render html|pdf SOURCE OUTPUT              one document's HTML, or a PDF from an HTML
    python -m helpers synthetic N SCRATCH                        synthetic counties for benchmarks

Every command prints one line on success. On bad input it prints the project's error (file, place,
problem, fix) and exits with 1, never a traceback. Heavy imports happen inside the commands, so that
the quick ones (latest-year) stay quick.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from helpers import paths
from helpers.errors import exit_status

NOTHING_REPLACED = "Nothing was replaced: the outputs of the last good run are still in place."


def _run(args) -> str:
    from helpers.notebook_runner import parameter_value, run_notebook
    return run_notebook(args.notebook, args.output, {name: parameter_value(v) for name, v in args.parameter})


def _latest_year(args) -> str:
    from helpers.processed import latest_actual_year
    return str(latest_actual_year(args.processed_dir))


def _manifest(args) -> str:
    from helpers.config import load_sources
    from helpers.errors import InputError
    from helpers.extract.manifest import write_manifest
    files = [p.file for p in load_sources(args.config_dir).plans]
    missing = [f for f in files if not (args.raw_dir / f).exists()]
    if missing:
        raise InputError(args.raw_dir / missing[0], None,
                         "the raw plan document named in config/sources.yaml is missing",
                         f"copy it into {paths.display_path(args.raw_dir)}/ first.")
    path = write_manifest(args.raw_dir, files)
    return f"recorded {len(files)} checksums in {paths.display_path(path)}"


def _analyse(args) -> str:
    from helpers.analyse.tables import build_tables
    written = build_tables(args.processed_dir, args.config_dir, args.year or None, args.entities or None)
    return f"wrote {', '.join(p.name for p in written)} in {paths.display_path(written[0].parent)}/"


def _template(args) -> str:
    from helpers.config import load_catalogue, load_sources
    from helpers.monitoring.workbooks import write_template
    path = write_template(args.output, load_sources(args.config_dir), load_catalogue(args.config_dir))
    return f"wrote {paths.display_path(path)}: fill it in and save it (any name) in data/raw/monitoring/"


def _results_workbook(args) -> str:
    from helpers.analyse import load_inputs, read_tables
    from helpers.report.results_workbook import write_results
    inputs = load_inputs(args.processed_dir, args.config_dir, args.year or None, args.entities or None)
    return f"wrote {write_results(inputs, read_tables(inputs), args.output, args.lang)}"


def _render(args) -> str:
    from helpers.atomic import replaced_when_done
    from helpers.report import render
    if args.format == "documents":
        stems = {doc: stem for doc, stem in (("brief", args.brief), ("report", args.report)) if stem}
        if not stems:
            raise SystemExit("render documents: give --brief STEM and/or --report STEM")
        done = render.render_documents(args.source, stems, args.lang, pdf=not args.html_only)
        return "wrote " + ", ".join(str(p) for p in done)
    if args.format == "html":
        html = render.export_html(args.source, args.document, args.lang)
        with replaced_when_done(args.output) as partial:
            partial.write_text(html, encoding="utf-8")
    else:
        render.print_pdf(args.source, args.output)
    return f"wrote {args.output}"


def _synthetic(args) -> str:
    from helpers.synthetic import generate
    generate(args.n, args.scratch, args.seed)
    return f"wrote {args.n} synthetic plans to {args.scratch}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable, help: str, after_error: str = NOTHING_REPLACED) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, after_error=after_error)
        return sub

    def folders(sub: argparse.ArgumentParser, *which: str) -> None:
        defaults = {"raw": paths.RAW_DIR, "processed": paths.PROCESSED_DIR, "config": paths.CONFIG_DIR}
        for name in which:
            sub.add_argument(f"--{name}-dir", type=Path, default=defaults[name])

    sub = command("run", _run, "execute a notebook with papermill")
    sub.add_argument("notebook", type=Path)
    sub.add_argument("output", type=Path)
    sub.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))

    sub = command("latest-year", _latest_year, "print the latest year with actual values (the default report year)",
                  after_error="")
    sub.add_argument("processed_dir", type=Path, nargs="?", default=paths.PROCESSED_DIR)

    sub = command("manifest", _manifest, "record the checksums of the raw plan documents", after_error="")
    folders(sub, "raw", "config")

    sub = command("analyse", _analyse, "compute the analysis tables (comparison, trends) into the processed folder")
    folders(sub, "processed", "config")
    sub.add_argument("--year", default="", help="the report year (default: the latest year with actual values)")
    sub.add_argument("--entities", default="", help="counties, e.g. jiande,anji (default: all)")

    sub = command("template", _template, "write the yearly monitoring workbook template")
    sub.add_argument("output", type=Path, nargs="?", default=paths.REPORTS_DIR / "monitoring-template.xlsx")
    folders(sub, "config")

    sub = command("results-workbook", _results_workbook, "write the results workbook of a report")
    sub.add_argument("output", type=Path)
    sub.add_argument("--lang", choices=["zh", "en"], default="zh")
    folders(sub, "processed", "config")
    sub.add_argument("--year", default="")
    sub.add_argument("--entities", default="")

    sub = command("render", _render, "render the report's documents (the brief and the analyst report) from the "
                  "executed notebook: HTML and PDF; or one document's HTML, or a PDF from an HTML")
    sub.add_argument("format", choices=["documents", "html", "pdf"])
    sub.add_argument("source", type=Path)
    sub.add_argument("output", type=Path, nargs="?")
    sub.add_argument("--brief", type=Path, help="documents: the brief's output path without .html/.pdf")
    sub.add_argument("--report", type=Path, help="documents: the analyst report's output path without .html/.pdf")
    sub.add_argument("--html-only", action="store_true", help="documents: HTML only, no PDF")
    sub.add_argument("--document", choices=["brief", "report"], default="brief")
    sub.add_argument("--lang", choices=["zh", "en"], default="zh")

    sub = command("synthetic", _synthetic, "write N synthetic county plans into a scratch folder", after_error="")
    sub.add_argument("n", type=int)
    sub.add_argument("scratch", type=Path)
    sub.add_argument("--seed", type=int, default=1)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return exit_status(lambda: args.run(args), after_error=args.after_error)


if __name__ == "__main__":
    sys.exit(main())
