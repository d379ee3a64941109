"""CSS the web reader stopped at though Chromium shows it for certain (issue 18, the webvar helpers' notes): a var()
cycle, and a system colour on the colour made for it. 桐庐's 2030 target cell is `<span class="h">1</span>20左右`;
each page was printed by Chromium 156 (--print-to-pdf, pdftotext) and each stopped the run ("cannot be told")."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from support.fifteenth_plan import add_fifteenth_plan, total_target_2030, web_page_with_target
from support.plan_documents import use_plan_file

H = '<span class="h">1</span>20左右'


def _build(workspace: Path, style: str, cell: str = H) -> dataset.Dataset:
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / "tonglu_15.html", cell, style=style)
    use_plan_file(workspace, "tonglu_15.txt", path)
    return dataset.build(workspace / "raw", workspace / "config")


@pytest.mark.parametrize("style, shown", [
    (".h { --a: var(--b); --b: var(--a); display: var(--a, none) }", 20),       # each in the cycle is invalid:
    (".h { --a: var(--b); --b: var(--a); display: none; display: var(--a) }", 120),    # the fallback, or unset
    (".h { --a: var(--a); display: var(--a, none) }", 20),                      # a property naming itself
    (":root { --a: none } .h { --a: var(--a); display: var(--a, inline) }", 120),     # (not the inherited none)
    (".h { --a: var(--b); --b: var(--a); --c: var(--a, none); display: var(--c) }", 20),   # outside the cycle
    (".h { --a: var(--b, none); --b: var(--a, none); display: none; display: var(--a) }", 120),  # fallbacks too
    (":root { --a: var(--b); --b: var(--a) } .h { --b: none; display: var(--a, none) }", 20),    # inherited
])
def test_a_var_cycle_is_read_as_css_computes_it(workspace, style, shown):
    """CSS makes each custom property in a cycle invalid at computed-value time (as if not set): Chromium 156
    prints `shown`. Each stopped, as a var() this reader cannot work out."""
    assert total_target_2030(_build(workspace, style))["value"] == shown


@pytest.mark.parametrize("style, cell", [
    ("", '<span style="color: CanvasText; background: Canvas">1</span>20左右'),
    (".h { color: CanvasText }", H),                    # on the page's canvas
    (".h { color: FieldText; background-color: Field }", H),
    ("td { background: Canvas } .h { color: CanvasText }", H),
    ("td { background: Canvas }", H),                   # the text's own colour, unset, is CanvasText
    (".h { color: LinkText }", H),
])
def test_a_system_colour_on_the_colour_made_for_it_is_read(workspace, style, cell):
    """CSS Color 4's pairs (CanvasText on Canvas, FieldText on Field …) are kept apart by the browser in every
    scheme (light, dark, forced colours): Chromium 156 prints 120左右. Each stopped ("a colour this reader cannot
    work out")."""
    assert total_target_2030(_build(workspace, style, cell))["value"] == 120


@pytest.mark.parametrize("style", [".h { color: Canvas }", "td { background: Canvas } .h { color: Canvas }",
                                   "body { background: white } .h { color: CanvasText }"])
def test_a_system_colour_not_on_its_own_still_stops(workspace, style):
    """Canvas text on the page, or CanvasText on a background the page paints white (dark mode: white on
    white), cannot be told."""
    with pytest.raises(InputError, match="a colour this reader cannot work out"):
        _build(workspace, style)
