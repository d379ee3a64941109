
from conftest import ANJI, JIANDE
from helpers.core import paths
from helpers.extract.tables import parse_plan_table, read_lines


def _table(sources, entity):
    plan = next(p for p in sources.plans if p.entity == entity)
    path = paths.RAW_DIR / plan.file
    return parse_plan_table(path, read_lines(path), plan, sources)


def test_jiande_word_table(sources):
    t = _table(sources, "jiande")
    assert t.roles == ["category", "serial", "name", "unit", "actual", "target"]
    assert [r.serial.text for r in t.rows] == [str(i) for i in range(1, 20)]
    first = t.rows[0]
    assert (first.name.text, first.unit.text) == ("人才资源总量", "万人")
    assert [c.text for _, c in first.values] == ["10.3", "14"]
    # the 注 footnote closes the table and is not a row
    assert t.end_line == 177 and all("注" not in r.name.text for r in t.rows)
    # merged first-level cells are taken from the row above
    by_name = {r.name.text: r for r in t.rows}
    assert by_name["党政人才"].category == "人才资源总量" and by_name["党政人才"].category_inherited
    assert by_name["高价值专利授权数"].category == "人才效能" and not by_name["高价值专利授权数"].category_inherited
    assert by_name["专业技术人才的中高级职称比例"].values[1][1].text == ">10"


def test_anji_cell_stream_table(sources):
    t = _table(sources, "anji")
    assert t.roles == ["serial", "name", "actual", "target", "target"]
    assert [c.for_province for c in t.columns] == [False, False, True]
    assert len(t.rows) == 17
    sub = [r.name.text for r in t.rows if r.group_label == "其中"]
    assert sub == ["党政人才队伍(万人)", "经营管理人才(万人)", "专业技术人才(万人)", "高技能人才(万人)",
                   "农村实用人才(万人)", "社会工作专业人才(每万人持证数)"]
    productivity = next(r for r in t.rows if r.name.text.startswith("全社会劳动生产率"))
    assert [c.text for _, c in productivity.values] == ["/", "/", "25"]
    assert t.end_line == 264


def test_cells_keep_their_line_numbers(sources):
    for entity, name in (("jiande", JIANDE), ("anji", ANJI)):
        lines = (paths.RAW_DIR / name).read_text(encoding="utf-8").splitlines()
        for row in _table(sources, entity).rows:
            for cell in row.cells:
                assert lines[cell.line - 1].strip().endswith(cell.raw.strip())
