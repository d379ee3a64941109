"""A mark of the 备注's families in another cell of a workbook row (issue 18, redteam18 finding 4).

（预计） in the 单位, 指标 or 年份 cell stopped the run, but the advice (write 万人, pick 人才资源总量, write a
four-digit year) dropped the word when followed, and the figure was judged as a firm actual. Every refusal of a row's
cell that holds such a word (name_meaning.remark_says) now says to move the word into the row's 备注 first
(monitoring._word_to_move, one guard for every cell and refusal). Each advice is followed here, as written, to the
figure read. The brief end to end: tests/report/test_row_marks_followed.py.
"""
import pytest

from support.workbooks import HEADER, one_sheet_workbook, read_workbooks, refused_reading, set_cells

ROW = ["建德市", "人才资源总量", "万人", 2023, 12.9, None]     # 县市 … 比较符; then 来源, 备注





# (the cell, what it holds, the word, the cell as the refusal's own advice has it rewritten, words of that advice)
MARKED = {
    "unit": ("C2", "万人（预计）", "预计", "万人", "write 万人 in the unit cell"),
    "name": ("B2", "人才资源总量（预计数）", "预计", "人才资源总量", "Did you mean '人才资源总量'"),
    "year": ("D2", "2023（预计）", "预计", 2023, "write a four-digit year"),
    "value": ("E2", "12.9（预计）", "预计", 12.9, "write a number such as 12.5"),
    "comparator": ("F2", "预计", "预计", None, "leave it empty for an exact value"),
    "county": ("A2", "建德市（预计）", "预计", "建德市", "use one of 建德市"),
    "unit-estimate": ("C2", "万人（估）", "(估)", "万人", "write 万人 in the unit cell"),
    "year-E": ("D2", "2023E", "2023e", 2023, "write a four-digit year"),
}


@pytest.mark.parametrize("case", list(MARKED))
@pytest.mark.parametrize("note", [None, "含驻县单位"], ids=["no-note", "with-note"])
def test_a_mark_in_another_cell_stops_and_the_advice_followed_keeps_it(workspace, case, note):
    coordinate, held, word, rewritten, own_advice = MARKED[case]
    path = one_sheet_workbook(workspace, [ROW + ["统计年报", note]])
    set_cells(path, **{coordinate: held})
    err = refused_reading(workspace)
    assert coordinate in err.where
    assert f"move '{word}' into the row's 备注, H2" in err.fix and own_advice in (err.problem + err.fix)
    assert ("after what it holds, with a ；" in err.fix) == bool(note)
    # followed as written: the word into the 备注 (after what it holds), then the cell as the refusal says
    set_cells(path, **{coordinate: rewritten, "H2": f"{note}；{word}" if note else word})
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, True)
    assert [d.step for d in decisions if d.step == "estimate_in_note"] == ["estimate_in_note"]


@pytest.mark.parametrize("held, word", [("万人（1-11月）", "1-11月"), ("万人（待核实）", "待核实")])
def test_a_part_year_or_doubt_in_another_cell_is_moved_and_then_holds_the_figure_back(workspace, held, word):
    path = one_sheet_workbook(workspace, [ROW + ["统计年报", None]])
    set_cells(path, C2=held)
    err = refused_reading(workspace)
    assert f"move '{word}' into the row's 备注, H2" in err.fix and "clear E2 until then" in err.fix
    set_cells(path, C2="万人", H2=word)      # moved: the 备注 stops the run at any figure
    assert f"the 备注 '{word}' says the figure 12.9" in refused_reading(workspace).problem
    set_cells(path, E2=None)                 # and the value cleared until the year's final figure is in
    assert read_workbooks(workspace)[0] == []


def test_a_mark_in_a_sheet_without_a_note_column_is_moved_into_a_new_one(workspace):
    path = one_sheet_workbook(workspace, [ROW[:2] + ["万人（预计）"] + ROW[3:] + ["统计年报"]], header=HEADER[:-1])
    err = refused_reading(workspace)
    assert "move '预计' into a 备注 column (head a new column 备注, and write it in row 2)" in err.fix
    set_cells(path, C2="万人", H1="备注", H2="预计")
    [obs], _ = read_workbooks(workspace)
    assert obs.estimated


@pytest.mark.parametrize("held", ["人", "千人", "万人（全口径）"])
def test_a_refused_cell_without_such_a_word_keeps_its_advice(workspace, held):
    one_sheet_workbook(workspace, [ROW[:2] + [held] + ROW[3:] + ["统计年报", None]])
    assert "备注" not in refused_reading(workspace).fix
