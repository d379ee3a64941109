"""A command given the wrong kind of file or folder says so in words, before it starts anything: a file that is
not a notebook to `run` (nbformat's NotJSONError was a traceback), a results workbook named .txt (an .xlsx was
written under that name), a raw folder that does not exist to `manifest` (whose advice was to copy the plans into
it) or to `inputs` (which recorded no raw file and exited 0), an output that names no file ('' and / were ValueError
tracebacks)."""
import pytest

from helpers.run import cli


@pytest.mark.parametrize("name, content, words", [
    ("README.md", "# 县域人才发展规划监测\n\nnot a notebook\n",
     "README.md, line 1: this is not a Jupyter notebook: a notebook is JSON, and this file begins '# 县域人才"),
    ("empty.ipynb", "", "empty.ipynb: this is not a Jupyter notebook: a notebook is JSON, and this file is empty"),
    ("list.ipynb", "[1, 2]", "list.ipynb: this is not a Jupyter notebook: it is JSON, but has no cells"),
    ("binary.ipynb", b"\xff\xfe\x00PK", "binary.ipynb: this is not a Jupyter notebook: it is not even text"),
    ("missing.ipynb", None, "missing.ipynb: there is no such notebook"),
])
def test_running_a_file_that_is_not_a_notebook_says_so(tmp_path, capsys, name, content, words):
    notebook, output = tmp_path / name, tmp_path / "out.ipynb"
    if isinstance(content, bytes):
        notebook.write_bytes(content)
    elif content is not None:
        notebook.write_text(content, encoding="utf-8")
    status = cli.main(["run", str(notebook), str(output)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err and "NotJSONError" not in err, err
    assert words in err and "How to fix: give the path of a Jupyter notebook (.ipynb)" in err, err
    assert not output.exists()


def test_a_results_workbook_named_other_than_xlsx_is_refused(tmp_path, capsys):
    status = cli.main(["results-workbook", str(tmp_path / "x.txt")])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1, err
    assert "the results workbook is an Excel workbook: give a name ending in .xlsx, e.g." in err
    assert str(tmp_path / "x.xlsx") in err and not (tmp_path / "x.txt").exists()


def test_a_raw_folder_that_does_not_exist_is_named_with_advice_that_works(tmp_path, capsys):
    status = cli.main(["manifest", "--raw-dir", str(tmp_path / "nonexistent")])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1, err
    assert f"the raw folder {tmp_path / 'nonexistent'} (--raw-dir; make's RAW_DIR) does not exist" in err
    assert "copy it into" not in err and "leave it out for the default, data/raw." in err


@pytest.mark.parametrize("command", ["results-workbook", "inputs"])
@pytest.mark.parametrize("given, words", [
    ("", "the name given ('' or .) is the current folder, not a file"),
    ("/", "/ is a folder, not a file"),
    ("..", ".. is a folder, not a file"),
])
def test_an_output_that_names_no_file_is_refused_in_one_line(tmp_path, capsys, monkeypatch, command, given, words):
    """Was: `results-workbook ''` and `inputs ''` (also /) a ValueError traceback (Path('.') has an empty name),
    `results-workbook ..` advised "e.g. ...xlsx"."""
    monkeypatch.chdir(tmp_path)
    status = cli.main([command, given, *(["--raw-dir", str(tmp_path)] if command == "inputs" else [])])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    what, example = {"results-workbook": ("results workbook", "reports/results.xlsx"),
                     "inputs": ("record of the inputs", "data/processed/.inputs.json")}[command]
    assert err == f"error: {words}: give the {what}'s file name, e.g. {example}.\n"
    assert "...xlsx" not in err and sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_existing_folder_as_the_results_workbook_is_advised_a_file_in_it(tmp_path, capsys):
    status = cli.main(["results-workbook", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 1 and err == (f"error: {tmp_path} is a folder, not a file: give the results workbook's file "
                                   f"name, e.g. {tmp_path / 'results.xlsx'}.\n")


def test_the_first_step_refuses_a_raw_folder_that_does_not_exist(tmp_path, capsys):
    """Was: `inputs OUT --raw-dir /nonexistent` exit 0, and a record of no raw file written."""
    record = tmp_path / ".inputs.json"
    status = cli.main(["inputs", str(record), "--raw-dir", str(tmp_path / "nonexistent")])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1, err
    assert f"the raw folder {tmp_path / 'nonexistent'} (--raw-dir; make's RAW_DIR) does not exist" in err
    assert not record.exists()
