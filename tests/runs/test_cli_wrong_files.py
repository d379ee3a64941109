"""A command given the wrong kind of file or folder says so in words, before it starts anything: a file that is
not a notebook to `run` (nbformat's NotJSONError was a traceback), a results workbook named .txt (an .xlsx was
written under that name), a raw folder that does not exist to `manifest` (whose advice was to copy the plans into
it)."""
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
