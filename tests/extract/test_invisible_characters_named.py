"""A message that quotes a cell names the invisible characters the quote holds, once, whichever cell it is (issue 18,
redteam8 finding 7's family, left over in redteam10): a zero-width space (U+200B), a right-to-left mark (U+200F), a
byte-order mark (U+FEFF) or a soft hyphen (U+00AD) shows as nothing in the quote. Only the workbook's year message
named them; "unit '人‏' does not match the catalogue unit 万人" or "unknown indicator '人才资源总﻿'" showed the analyst a
cell that looks like what it holds, less the character. The naming has one home (core.errors: every InputError's
problem), so the year message, which names its mark itself, names it once.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from support.workbooks import one_sheet_workbook

ZWSP, RLM, BOM, SHY = "\u200b", "\u200f", "\ufeff", "\u00ad"
JIANDE = "jiande_talent_plan_2021-2025.txt"


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


def _row(**cells) -> list:
    row = {"county": "建德市", "name": "人才资源总量", "unit": "万人", "year": 2023, "value": 12.5}
    row.update(cells)
    return [row["county"], row["name"], row["unit"], row["year"], row["value"], None, "统计局", None]


@pytest.mark.parametrize("cells, cell, said, named", [
    ({"value": f"12.5x{BOM}"}, "cell E2", "value '12.5x", "U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible character, "
                                                          "right after '12.5x'"),
    ({"name": f"人才资源总{ZWSP}"}, "cell B2", "unknown indicator '人才资源总",
     "U+200B ZERO WIDTH SPACE, an invisible character, right after '人才资源总'"),
    ({"unit": f"人{RLM}"}, "cell C2", "unit '人",
     "U+200F RIGHT-TO-LEFT MARK, an invisible character that sets the text's direction, right after '人'"),
    ({"unit": f"{SHY}千人"}, "cell C2", "unit '", "U+00AD SOFT HYPHEN, an invisible character, right before '千人'"),
    ({"year": f"2023{RLM}"}, "cell D2", "year '2023", "U+200F RIGHT-TO-LEFT MARK"),
])
def test_a_workbook_cells_message_names_what_its_quote_hides(workspace, cells, cell, said, named):
    one_sheet_workbook(workspace, [_row(**cells)], name="2023.xlsx")
    err = _refused(workspace)
    assert cell in str(err.where) and said in err.problem and named in err.problem
    character = named.split()[0]
    assert err.problem.count(character) == 1                     # once, the year's own message included


def test_a_plan_cells_message_names_it_too(workspace):
    """建德's table, line 49: the 2025 target of 人才资源总量, 14, written 14x with a zero-width space after it."""
    plan = workspace / "raw" / JIANDE
    lines = plan.read_text(encoding="utf-8").split("\n")
    assert lines[48].strip() == "14"
    lines[48] = lines[48].replace("14", f"14x{ZWSP}")
    plan.write_text("\n".join(lines), encoding="utf-8")
    write_manifest(workspace / "raw")
    err = _refused(workspace)
    assert err.where == 49 and "U+200B ZERO WIDTH SPACE, an invisible character, right after '14x'" in err.problem
    assert err.problem.count("U+200B") == 1


def test_a_message_quoting_no_invisible_character_is_as_it_was():
    err = InputError("x.xlsx", "cell B2", "unknown indicator '人才资源总'", "pick the indicator")
    assert err.problem == "unknown indicator '人才资源总'"
