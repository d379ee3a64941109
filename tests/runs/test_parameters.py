"""Report parameters are checked before anything is built, with one line that says what to give instead:
the same words from the command line (YEAR=) and in a notebook (report_year =). The run is worked out once,
into run.json, which every later step reads and checks."""
import json
import re

import pytest

from helpers.extract import dataset
from helpers.run import cli, parameters
from helpers.run.parameters import MAKE, ParameterError


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("processed")
    dataset.write(dataset.build(), folder)
    return folder


def _cli(capsys, *args) -> tuple[int, str, str]:
    status = cli.main(["resolve", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("args, words", [
    (["--year", "abc"], "YEAR=abc is not a year: give a four-digit year"),
    (["--entities", "anjii"], "'anjii' is not a county in config/sources.yaml. Did you mean anji (安吉县)?"),
    (["--entities", "jiande,foo"], "'foo' is not a county"),
    (["--entities", "安吉"], "Did you mean anji (安吉县)?"),
    (["--entities", "zhejiang"], "zhejiang is the province"),
    (["--entities", ",,,"], "ENTITIES=,,, names no county: give county ids separated by commas (jiande, anji), "
                            "or leave it empty for every county."),     # was every county, exit 0
    (["--entities", " ; ，"], "names no county"),
    (["--lang", "fr"], "LANG=fr is not a report language: use zh (Chinese, the default) or en (English)."),
    (["--documents", "boss"], "DOCUMENTS=boss: 'boss' is not a document: use brief, report"),
    (["--documents", "brief,boss"], "'boss' is not a document"),
])
def test_a_bad_value_is_one_line_and_exit_1(capsys, args, words):
    status, out, err = _cli(capsys, *args)
    assert status == 1 and out == ""
    assert err.startswith("error: ") and words in err
    assert err.count("\n") == 1 and "Traceback" not in err and "Nothing was replaced" not in err


@pytest.mark.parametrize("args, words", [
    (["--year", "20x5"], "YEAR=20x5 is not a year"),
    (["--year", "99999"], "YEAR=99999 is not a year"),
    (["--year", "-1"], "YEAR=-1 is not a year"),
    (["--entities", "foo"], "'foo' is not a county"),
    (["--entities", ",,,"], "ENTITIES=,,, names no county: give county ids separated by commas (jiande, anji)"),
    (["--lang", "EN"], "LANG=EN is not a report language"),
    (["--documents", "Brief"], "'Brief' is not a document"),
])
def test_the_first_step_refuses_a_mistyped_value_before_the_data_exist(capsys, tmp_path, args, words):
    """`python -m helpers inputs` (make's first step) checks what needs no data, and records nothing."""
    record = tmp_path / ".inputs.json"      # (a raw folder of its own: the processed folder is never the raw one)
    (tmp_path / "raw").mkdir()
    status = cli.main(["inputs", str(record), "--raw-dir", str(tmp_path / "raw"), *args])
    out, err = capsys.readouterr()
    assert status == 1 and out == "" and err.startswith("error: ") and words in err and err.count("\n") == 1
    assert not record.exists()


def test_the_first_step_lets_a_year_without_data_through_to_resolve(capsys, tmp_path):
    record = tmp_path / ".inputs.json"
    (tmp_path / "raw").mkdir()
    assert cli.main(["inputs", str(record), "--raw-dir", str(tmp_path / "raw"), "--year", "2030",
                     "--entities", "anji"]) == 0
    assert record.exists()


@pytest.mark.parametrize("year, words", [
    ("2030", "YEAR=2030 has no data: the counties have actual values for 2015, 2020 only"),
    ("2019", "YEAR=2019 has no data"),
])
def test_a_year_without_data_says_which_years_have_data(capsys, processed, year, words):
    status, out, err = _cli(capsys, "--year", year, "--processed-dir", str(processed))
    assert status == 1 and words in err and "leave it empty for 2020" in err and err.count("\n") == 1


def _run_json(processed) -> dict:
    import json
    return json.loads((processed / "run.json").read_text(encoding="utf-8"))


def test_resolve_writes_the_run_once_with_its_year_plans_and_file_names(capsys, processed):
    assert _cli(capsys, "--processed-dir", str(processed))[0] == 0
    run = _run_json(processed)
    assert (run["year"], run["entities"], run["tag"], run["lang"], run["documents"]) == \
        (2020, ["jiande", "anji"], "", "zh", ["brief", "report"])
    # 2020 is the base year of both counties' 十四五 plans (2021–2025, config/sources.yaml)
    assert run["plans"]["jiande"] == {"plan": "十四五", "file": "jiande_talent_plan_2021-2025.txt", "base_year": 2020,
                                      "target_year": 2025, "phase": "base_year"}
    assert run["files"] == {"notebook": "04_report_2020_zh.ipynb", "results": "talent-plan-results_2020_zh.xlsx",
                            "brief": "talent-plan-brief_2020_zh", "report": "talent-plan-report_2020_zh"}
    # `make report` and `make report YEAR=2020` (the latest year) are the same run: run.json is not rewritten
    written = (processed / "run.json").stat().st_mtime_ns
    status, out, _ = _cli(capsys, "--year", "2020", "--processed-dir", str(processed))
    assert status == 0 and "(as in " in out and (processed / "run.json").stat().st_mtime_ns == written
    status, out, _ = _cli(capsys, "--processed-dir", str(processed), "--entities", "jiande", "--lang", "en",
                          "--documents", "brief")
    run = _run_json(processed)
    assert (run["tag"], run["documents"]) == ("_jiande", ["brief"])
    assert run["files"]["brief"] == "talent-plan-brief_2020_en_jiande"
    assert "report" not in run["files"]
    assert _cli(capsys, "--processed-dir", str(processed))[0] == 0     # back to the yearly run


def test_every_later_step_refuses_a_run_json_that_no_longer_matches(processed, tmp_path):
    import shutil

    from helpers.core import paths
    from helpers.core.errors import InputError
    config = tmp_path / "config"
    shutil.copytree(paths.CONFIG_DIR, config)
    parameters.write_run(parameters.resolve(processed_dir=processed, config_dir=config), processed)
    assert parameters.read_run(processed, config).year == 2020
    catalogue = config / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(InputError, match="the run was worked out from another version of catalogue.yaml"):
        parameters.read_run(processed, config)
    (processed / "run.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="the record of the run is damaged"):
        parameters.read_run(processed, config)
    parameters.write_run(parameters.resolve(processed_dir=processed), processed)


def test_a_subset_of_counties_has_its_own_tag(processed):
    every = parameters.resolve(processed_dir=processed)
    both = parameters.resolve(entities="jiande, anji", processed_dir=processed)
    reversed_ = parameters.resolve(entities="anji,jiande", lang="en", documents="report", processed_dir=processed)
    assert (every.tag, both.tag, reversed_.tag) == ("", "", "_anji-jiande")
    assert (every.documents, reversed_.documents) == (("brief", "report"), ("report",))
    many = parameters.subset_tag([f"county{i}" for i in range(30)])
    assert many.startswith("_30counties-") and len(many) < 30
    assert parameters.subset_tag(["a b", "c"]).startswith("_2counties-")     # never a space in a file name


@pytest.mark.parametrize("given, chosen", [
    (" ", ["jiande", "anji"]),          # blank is not given (make strips ENTITIES=' ' to nothing): every county
    ([], ["jiande", "anji"]),
    (",jiande", ["jiande"]),            # a stray separator names no county; every id given is reported on
    ("anji,,jiande,", ["anji", "jiande"]),
])
def test_counties_blank_or_with_stray_separators(processed, given, chosen):
    assert list(parameters.resolve(entities=given, processed_dir=processed).entities) == chosen


def test_a_notebook_given_only_separators_is_refused_not_given_the_run(processed):
    """`entities = ','` in a notebook was taken as not given: make's run.json (or every county) was read."""
    from helpers import analyse
    parameters.resolve(entities="anji", processed_dir=processed)     # a run.json for Anji alone, beside it
    with pytest.raises(ParameterError, match=r"^entities = ',' names no county: give county ids .*\(jiande, anji\)"):
        analyse.notebook_inputs(processed, entities=",")
    with pytest.raises(ParameterError, match=r"^entities = \[''\] names no county"):
        analyse.load_inputs(processed, entities=[""])


def test_the_notebooks_get_the_same_words_in_their_own_spelling(processed):
    from helpers import analyse
    from helpers.report.context import load_report_context
    with pytest.raises(ParameterError, match=r"^report_year = 2030 has no data"):
        analyse.load_inputs(processed, report_year=2030)
    with pytest.raises(ParameterError, match=r"^entities = 'anjii': 'anjii' is not a county.*Did you mean anji"):
        analyse.load_inputs(processed, entities="anjii")
    with pytest.raises(ParameterError, match=r"^lang = 'fr' is not a report language"):
        load_report_context(processed, lang="fr")
    with pytest.raises(ParameterError, match=r"^documents = 'boss': 'boss' is not a document"):
        parameters.resolve(documents="boss", processed_dir=processed)


def test_relative_folders_in_a_notebook_are_read_from_the_project_root(processed, monkeypatch):
    import os

    from helpers import analyse
    from helpers.core import paths
    monkeypatch.chdir(paths.NOTEBOOKS_DIR)   # where JupyterLab runs a notebook
    assert parameters.folder("data/raw", paths.RAW_DIR, "raw_dir") == paths.PROJECT_ROOT / "data" / "raw"
    built = dataset.build("data/raw", "config")   # not "run make manifest": the folder is found
    assert len(built.indicators) > 90
    relative = os.path.relpath(processed, paths.PROJECT_ROOT)
    assert analyse.load_inputs(relative, "config").report_year == 2020
    with pytest.raises(ParameterError, match=r"^raw_dir = 'data/raw2': there is no folder .*data/raw2"):
        dataset.build("data/raw2", "config")


def test_parameter_errors_show_as_one_line_in_a_notebook(tmp_path):
    """In a notebook, as papermill runs it for make: the cell fails with the same line, no traceback."""
    import subprocess
    import sys

    from helpers.core import paths
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "run", str(paths.NOTEBOOKS_DIR / "02_comparison.ipynb"),
         str(tmp_path / "02.ipynb"), "-p", "report_year", "abc", "-p", "entities", ""],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "report_year = 'abc' is not a year" in result.stderr and "Traceback" not in result.stderr
    assert "open the notebook in JupyterLab" not in result.stderr


def test_make_spelling_is_used_by_the_command_line():
    with pytest.raises(ParameterError, match=r"^YEAR=20x5 is not a year"):
        parameters.parse_year("20x5", MAKE)
    assert parameters.parse_year("", MAKE) is None and parameters.parse_year(2025) == 2025
    assert parameters.parse_entities("jiande，anji  jiande") == ["jiande", "anji"]


def test_a_folder_given_as_a_path_is_named_as_typed(tmp_path):
    with pytest.raises(ParameterError) as info:
        parameters.read_run(tmp_path / "no such folder")
    assert f"processed_dir = '{tmp_path / 'no such folder'}'" in str(info.value) and "PosixPath" not in str(info.value)


def test_a_failed_notebook_run_names_only_what_it_could_have_replaced(tmp_path):
    """Other runs write beside its output meanwhile (a shared folder, /tmp): not this run's doing."""
    import argparse
    output, beside = tmp_path / "out.ipynb", tmp_path / "another run's.log"
    args = argparse.Namespace(output=output, parameter=[["raw_dir", "data/raw"]])
    say = cli._what_was_left(cli._run_outputs(args))
    beside.write_text("written by someone else meanwhile", encoding="utf-8")
    assert say() == parameters_nothing_replaced()
    output.write_text("{}", encoding="utf-8")
    assert "out.ipynb" in say()


def parameters_nothing_replaced() -> str:
    from helpers.core.errors import NOTHING_REPLACED
    return NOTHING_REPLACED


@pytest.mark.parametrize("n", ["-5", "0", "abc", "1000", "99999999999"])
def test_synthetic_wants_one_to_999_counties(tmp_path, n, capsys):
    # (one line of ours and exit status 1, as every bad command line: was argparse's usage and exit status 2).
    # 99999999999 wrote plans for days (2.7 ms each, measured at 100) before it was capped at 999 (3 s, 5 MB).
    assert cli.main(["synthetic", n, str(tmp_path / "scratch")]) == 1
    err = capsys.readouterr().err
    assert f"'{n}' is not a number of counties: give 1 to 999" in err and err.count("\n") == 1
    assert not (tmp_path / "scratch").exists()


def test_files_dated_in_the_future_are_settled_only_where_the_steps_write(tmp_path):
    """A processed folder may be a folder of the analyst's: its own deeper files are neither touched nor walked."""
    import os
    import time

    from helpers.files.fingerprint import settle_future_times
    ours, deep = tmp_path / "indicators.csv", tmp_path / "a" / "b" / "theirs.txt"
    deep.parent.mkdir(parents=True)
    tomorrow = time.time() + 86400
    for path in (ours, deep):
        path.write_text("x", encoding="utf-8")
        os.utime(path, (tomorrow, tomorrow))
    settled = settle_future_times([tmp_path], project_root=tmp_path / "no project")
    assert settled == [ours] and deep.stat().st_mtime == tomorrow


def test_a_notebook_parameter_it_does_not_have_is_refused_in_one_line(tmp_path, capsys):
    """papermill only warns ("Passed unknown parameter") and runs with the default year: exit 0, the wrong report."""
    from helpers.core import paths
    output = tmp_path / "out.ipynb"
    notebook = paths.NOTEBOOKS_DIR / "02_comparison.ipynb"
    status = cli.main(["run", str(notebook), str(output), "-p", "report_yeer", "2025"])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and not output.exists(), err
    assert err.startswith("error: -p report_yeer: 02_comparison.ipynb has no parameter report_yeer: its parameters are "
                          "report_year, entities, processed_dir, config_dir.")


def test_publishing_the_html_alone_says_the_pdfs_beside_it_are_older(capsys, processed, tmp_path):
    """`make html` after a change: the published HTML is new, the PDFs and workbook beside it are the last
    `make report`'s, with the older figures. Said, with what renews them."""
    assert _cli(capsys, "--processed-dir", str(processed))[0] == 0
    run = parameters.read_run(processed)
    build, reports = tmp_path / ".build", tmp_path / "reports"
    build.mkdir()
    for name in ("04_report.ipynb", "brief.html", "report.html"):
        (build / name).write_text("new", encoding="utf-8")
    (reports / "2020").mkdir(parents=True)
    older = [f"{run.files['brief']}.pdf", f"{run.files['report']}.pdf", run.files["results"]]
    for name in older:
        (reports / "2020" / name).write_text("an earlier run", encoding="utf-8")
    status = cli.main(["publish", str(build), str(reports), "--run", str(processed / "run.json"), "--html-only"])
    out, err = capsys.readouterr()
    assert status == 0 and out.startswith("published 3 files")
    assert err == f"note: {', '.join(older)} in {reports / '2020'}/ are from an earlier run than the HTML published " \
                  "now: `make report` rebuilds them.\n"


@pytest.mark.parametrize("given", ["a folder/", "existing"])
def test_the_template_goes_into_a_folder_given_as_one(tmp_path, capsys, given):
    """`python -m helpers template /tmp/x/` wrote a workbook named x: a folder is a folder. (One that does not exist
    is not made: tests/runs/test_cli_arguments.py.)"""
    (tmp_path / "existing").mkdir()
    (tmp_path / "a folder").mkdir()
    assert cli.main(["template", f"{tmp_path}/{given}"]) == 0, capsys.readouterr().err
    folder = tmp_path / given.rstrip("/")
    assert folder.is_dir() and [p.name for p in folder.iterdir()] == ["monitoring-template.xlsx"]


def test_the_template_is_refused_a_name_no_spreadsheet_opens(tmp_path, capsys):
    assert cli.main(["template", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give a workbook name ending in .xlsx, or a folder (ending in /)" in err
    assert list(tmp_path.iterdir()) == []
    assert cli.main(["template", str(tmp_path / "x.xlsx")]) == 0 and (tmp_path / "x.xlsx").is_file()


@pytest.mark.parametrize("edit", [
    lambda r: r | {"year": 2019},                                    # another year, with data or not
    lambda r: r | {"entities": ["jiande"]},                          # a county removed
    lambda r: r | {"files": r["files"] | {"brief": "brief_final"}},  # another file name
    lambda r: {k: v for k, v in r.items() if k != "fingerprint"},    # a record from before fingerprints
])
def test_a_run_json_edited_by_hand_is_refused_with_the_command_that_rebuilds_it(processed, edit):
    """Was: accepted, and every later step reported on what the edit said (issue 18, third pass)."""
    from helpers.core.errors import InputError
    parameters.write_run(parameters.resolve(processed_dir=processed), processed)
    path = processed / "run.json"
    path.write_text(json.dumps(edit(json.loads(path.read_text(encoding="utf-8"))), ensure_ascii=False, indent=1),
                    encoding="utf-8")
    with pytest.raises(InputError, match="the record of the run is not what `resolve` wrote") as caught:
        parameters.read_run(processed)
    # (a folder of its own: `make report` alone works the run out in data/processed)
    assert f'run `make report PROCESSED_DIR="{processed}"`' in caught.value.fix
    assert "instead of editing run.json" in caught.value.fix
    parameters.write_run(parameters.resolve(processed_dir=processed), processed)   # what `make report` runs
    assert parameters.read_run(processed).year == 2020


def test_a_year_after_this_one_is_never_the_default_year(workspace, monkeypatch):
    """A workbook row typed 2029 for 2026 (late 2026: 2025's final evaluation, 2026's monitoring) made 2029 the
    report's year without a word, since it was the latest year with data. No actual value can be for a year that has
    not come: left to the default, the run stops naming where that year was read. A year given is taken as given."""
    from support.workbooks import one_sheet_workbook
    monkeypatch.setattr(parameters, "this_year", lambda: 2026)
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2025, 14.28],
                                   ["建德市", "人才资源总量", "万人", 2029, 15.1]])
    processed, config = workspace / "processed", workspace / "config"
    dataset.write(dataset.build(workspace / "raw", config), processed)
    with pytest.raises(ParameterError) as refused:
        parameters.resolve(processed_dir=processed, config_dir=config, spelling=MAKE)
    assert str(refused.value) == (
        "YEAR is not given, and the latest year with actual values, 2029, is after this year (2026, by this "
        f"computer's clock): a year typed wrong? Its values were read from {workspace / 'raw' / 'monitoring'}/m.xlsx, "
        "sheet 数据, row 3. "
        "Correct the year there (or the computer's clock), or give the year to report on, e.g. YEAR=2025 (the "
        "latest year up to this one with values).")
    with pytest.raises(ParameterError, match=r"report_year = 2024 has no data: .* for 2015, 2020, 2025, 2029 only\. "
                                             r"Choose one of those; for a new year"):
        parameters.resolve(2024, processed_dir=processed, config_dir=config)
    assert parameters.resolve(2025, processed_dir=processed, config_dir=config).year == 2025
    assert parameters.resolve(2029, processed_dir=processed, config_dir=config).year == 2029   # asked for
    monkeypatch.setattr(parameters, "this_year", lambda: 2029)      # in 2029, 2029's figures are the latest
    assert parameters.resolve(processed_dir=processed, config_dir=config).year == 2029


def test_the_documents_the_refusal_offers_are_accepted(processed):
    """The refusal of a document names the values to use: 'brief, report (the full report), or both (the
    default)'. DOCUMENTS=both was itself refused with those words (redteam7): each value offered is accepted."""
    with pytest.raises(ParameterError) as refused:
        parameters.resolve(documents="boss", processed_dir=processed)
    offered = re.search(r"use (.*)\.$", str(refused.value)).group(1)   # brief, report (the full report), or both
    words = [w for w in re.findall(r"\b[a-z]+\b", re.sub(r"\(.*?\)", "", offered)) if w != "or"]
    assert words == ["brief", "report", "both"]
    for word in words:
        run = parameters.resolve(documents=word, processed_dir=processed)
        assert run.documents == (("brief", "report") if word == "both" else (word,))


@pytest.mark.parametrize("inside", ["", "monitoring", "new"])
def test_the_data_step_never_writes_into_the_folders_it_reads(tmp_path, inside):
    """01_data in JupyterLab with processed_dir set to the raw folder (or inside it, or the config folder) wrote
    the data step's six files beside the plans, exit 0 (redteam7, class 3): the README says data/raw is never
    edited by the code. Refused before anything is written, naming the folder; the raw folder here is a copy
    outside the project, as the notebook was given it, so only the dataset's own record of its folders tells."""
    import shutil

    from helpers.core import paths
    raw, config = tmp_path / "raw", tmp_path / "config"
    shutil.copytree(paths.RAW_DIR, raw)
    shutil.copytree(paths.CONFIG_DIR, config)
    ds = dataset.build(raw, config)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for target, what in [(raw / inside, "the raw folder read by this run"),
                         (config, "the config folder read by")]:
        refusal = f"processed_dir = .*(that is|that lies inside) {what}.*Give a folder of its own"
        with pytest.raises(ParameterError, match=refusal):
            dataset.write(ds, target)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    written = dataset.write(ds, tmp_path / "processed")         # the advice followed: a folder of its own
    assert {p.name for p in written} >= {"indicators.csv", "cleaning_log.csv"}


@pytest.mark.parametrize("folder", ["data/raw", "data/raw/monitoring", "config", "notebooks", "src/helpers"])
def test_a_written_folder_parameter_inside_the_projects_inputs_is_refused(folder):
    from helpers.core import paths
    with pytest.raises(ParameterError, match=r"^processed_dir = .*which a run only reads"):
        parameters.folder(folder, paths.PROCESSED_DIR, "processed_dir", must_exist=False)
    with pytest.raises(ParameterError, match=r"^REPORTS_DIR=.*which a run only reads"):
        parameters.folder(folder, paths.REPORTS_DIR, "reports_dir", MAKE, must_exist=False)
