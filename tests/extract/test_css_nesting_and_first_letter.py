"""CSS the web reader applies as Chromium does (issue 18, redteam6 finding 4: a 6× value): rules nested in rules
(CSS Nesting, `td { .h { display: none } }`). 桐庐's 2030 target cell is `<span class="h">1</span>20左右`; what
Chromium 156 shows of it with each style (a screenshot of the cell, and the page printed to PDF read back with
pdftotext) is in each test; the nested rules were not read at all, and the cell read 120, exit 0."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.fifteenth_plan import add_fifteenth_plan, total_target_2030, web_page_with_target
from support.plan_documents import use_plan_file

CELL = '<span class="h">1</span>20左右'


def _page(workspace: Path, style: str, cell: str = CELL) -> Path:
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / "tonglu_15.html", cell, style)
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def _total_2030(workspace: Path) -> float:
    return total_target_2030(dataset.build(workspace / "raw", workspace / "config"))["value"]


@pytest.mark.parametrize("style", [
    "td { .h { display: none } }",                          # each was read 120
    "td{.h{display:none}}",
    "td { & .h { display: none } }",
    "td { > .h { display: none } }",
    "table { td { .h { display: none } } }",                # two levels deep
    "td { .h { color: white } }",
    "td { .h { font-size: 0 } }",
    "& .h { display: none }",                               # & outside any rule: the root (it stopped the run)
    ".h { tr & { display: none } }",                        # & after other selectors
    ".h { & { display: inline } display: none }",           # the declarations after a nested rule win over it
    "td { .h { display: none } } .h { display: inline }",   # :is(td) .h is more specific than .h
])
def test_a_rule_nested_in_a_rule_hides_text_as_the_browser_does(workspace, style):
    """Chromium shows 20左右 for each."""
    _page(workspace, style)
    assert _total_2030(workspace) == 20


@pytest.mark.parametrize("style", [
    ".h { th & { display: none } }",                        # the span is in no th
    ".h { display: none; & { display: inline } }",          # the later nested rule shows it again
    "td .h { display: none } td { .h { display: inline } }",    # as specific, and later
    "td::before { .h { display: none } }",                  # a pseudo-element holds no element
    "td { .h { } display: table-cell }",
])
def test_a_nested_rule_that_does_not_hide_the_text_leaves_it_read(workspace, style):
    """Chromium shows 120左右 for each."""
    _page(workspace, style)
    assert _total_2030(workspace) == 120


@pytest.mark.parametrize("style, screen, printed, rule", [
    ("@media screen { td { .h { display: none } } }", "20左右", "120左右",
     "':is(td) .h {display: none}' inside @media screen"),
    ("td { @media screen { .h { display: none } } }", "20左右", "120左右",
     "':is(td) .h {display: none}' inside @media screen"),
    (".h { @media screen { display: none } }", "20左右", "120左右", "'.h {display: none}' inside @media screen"),
    (".h { @media print { display: none } }", "120左右", "20左右", "'.h {display: none}' inside @media print"),
])
def test_a_nested_rule_for_some_devices_stops_at_the_cell_they_show_otherwise(workspace, style, screen, printed, rule):
    """Chromium shows the `screen` reading on its screen and the `printed` one in its printout (pdftotext): the
    run stops at the cell, as for a rule not nested (tests/extract/test_digits_as_shown.py)."""
    _page(workspace, style)
    with pytest.raises(InputError) as info:
        _total_2030(workspace)
    assert info.value.problem == (
        f"the 2030年目标 cell of '人才资源总量' is '{screen}': the page's style shows it otherwise on another device: "
        f"'{printed}' printed (718 px wide), by the rule {rule} (line 5), where a desktop's screen (1280 px wide) "
        f"shows '{screen}', so its figure cannot be read for sure")
