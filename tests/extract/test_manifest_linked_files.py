"""The files a plan's reader reads beside it are checked with it (issue 18, a silent unverified value): a web page saved
"Web page, complete" is read with the style sheets in its `<page>_files/` folder, which the checksum manifest did not
list. A sheet edited after `make manifest` (`.v::after{content:"5"}`) changed 桐庐's 2030 target from 20 to 205, exit
0, no checksum complaint. `make manifest` now records each sheet the page reads, indented under the page's own line;
the data step refuses a changed, missing or new sheet, naming it and the page, with the advice the plan's own
checksum gives; the cleaning log names every sheet a page was read with."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.core import paths
from helpers.core.errors import InputError
from helpers.core.wording import shown_file
from helpers.extract import dataset
from helpers.extract.manifest import LINKED_INDENT, changed_fix, read_manifest, write_manifest
from helpers.files.processed import sha256
from support.data_step import build
from support.fifteenth_plan import add_fifteenth_plan, total_target_2030, web_page_with_target
from support.plan_documents import make_manifest, use_plan_file

PAGE = "tonglu_15.html"
SHEET = "tonglu_15_files/main.css"
# The page's own sheet, as the site wrote it; and edited after `make manifest`, a figure written after the cell's 20.
ORIGINAL = ".v { color: #333 }\n"
EDITED = '.v { color: #333 }\n.v::after { content: "5" }\n'


def _page(workspace: Path, link: str = f'<link rel="stylesheet" href="{SHEET}">',
          sheets: dict[str, str] | None = None) -> Path:
    """桐庐's 十五五 plan as a web page "saved complete": its 2030 target cell `<span class="v">20</span>左右`, the
    page linking `link` in its head, the `sheets` (default: main.css, ORIGINAL) in the folder beside it."""
    add_fifteenth_plan(workspace, "word_tab_cells")
    path = web_page_with_target(workspace / "raw" / PAGE, '<span class="v">20</span>左右')
    path.write_text(path.read_text(encoding="utf-8").replace("</head>", f"{link}\n</head>"), encoding="utf-8")
    for name, text in ({SHEET: ORIGINAL} if sheets is None else sheets).items():
        (workspace / "raw" / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / "raw" / name).write_text(text, encoding="utf-8")
    use_plan_file(workspace, "tonglu_15.txt", path)
    return path


def _refusal(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        build(workspace)
    return info.value


def _link_line(page: Path) -> int:
    text = page.read_text(encoding="utf-8")
    return text[:text.index("<link")].count("\n") + 1


# ------------------------------------------------------------------------------------- make manifest records them

def test_make_manifest_records_the_sheets_a_page_reads_under_its_line(workspace):
    _page(workspace, sheets={SHEET: ORIGINAL.replace(".v", '@import "more.css";\n.v'),
                             "tonglu_15_files/more.css": ".x{}", "tonglu_15_files/unused.css": ".v{display:none}"})
    assert make_manifest(workspace).strip().endswith(", and those of 2 style sheets the plans read")
    raw = workspace / "raw"
    lines = (raw / paths.MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    page_line = lines.index(f"{sha256(raw / PAGE)}  {PAGE}")
    assert lines[page_line + 1:page_line + 3] == [
        f"{LINKED_INDENT}{sha256(raw / 'tonglu_15_files/main.css')}  tonglu_15_files/main.css",
        f"{LINKED_INDENT}{sha256(raw / 'tonglu_15_files/more.css')}  tonglu_15_files/more.css"]
    assert "unused.css" not in "\n".join(lines)             # in the folder, never linked: not read, not recorded
    assert lines[0].startswith("# ") and lines[1].startswith("# An indented line")   # said to a reader
    # still sha256sum's format: the indented lines and the comments are checked, or skipped, by `sha256sum -c`
    checked = subprocess.run(["sha256sum", "--strict", "-c", paths.MANIFEST_FILE], cwd=raw, capture_output=True,
                             text=True)
    assert checked.returncode == 0 and "tonglu_15_files/more.css: OK" in checked.stdout, checked
    ds = build(workspace)
    assert total_target_2030(ds)["value"] == 20
    assert ds.raw_digests["tonglu_15_files/main.css"] == sha256(raw / "tonglu_15_files/main.css")


def test_a_plan_that_reads_no_file_beside_it_is_recorded_as_before(workspace):
    """The two real plans (text exports) and a web page that links no sheet: one line each, no header, the
    committed manifest unchanged byte for byte."""
    make_manifest(workspace)
    assert (workspace / "raw" / paths.MANIFEST_FILE).read_bytes() == (paths.RAW_DIR / paths.MANIFEST_FILE).read_bytes()
    _page(workspace, link="", sheets={})
    manifest = paths.display_path(workspace / "raw" / paths.MANIFEST_FILE)
    assert make_manifest(workspace).strip() == f"recorded 3 checksums in {manifest}"
    text = (workspace / "raw" / paths.MANIFEST_FILE).read_text(encoding="utf-8")
    assert not text.startswith("#") and LINKED_INDENT not in text and len(text.splitlines()) == 3
    ds = build(workspace)
    assert total_target_2030(ds)["value"] == 20 and ds.cleaning_log.query("step == 'read_stylesheet'").empty


# ------------------------------------------------------------------------------------- the data step checks them

@pytest.mark.parametrize("link, sheets, edited", [
    (f'<link rel="stylesheet" href="{SHEET}">', {SHEET: ORIGINAL}, SHEET),
    # imported by the linked sheet, from its own folder
    (f'<link rel="stylesheet" href="{SHEET}">', {SHEET: '@import url("css/site.css");', "tonglu_15_files/css/"
                                                 "site.css": ORIGINAL}, "tonglu_15_files/css/site.css"),
    # imported by the page's own <style>
    ('<style>@import "tonglu_15_files/main.css";</style>', {SHEET: ORIGINAL}, SHEET),
])
def test_a_style_sheet_edited_after_make_manifest_stops_the_data_step(workspace, link, sheets, edited):
    """make manifest; the sheet edited: refused, the sheet, the page and the change named, with the plan's own
    advice. Restored: read, 20. Edited again and recorded (the advice's other half): the new version is read."""
    _page(workspace, link, sheets)
    make_manifest(workspace)
    assert total_target_2030(build(workspace))["value"] == 20
    sheet = workspace / "raw" / edited
    recorded = sha256(sheet)
    sheet.write_text(EDITED, encoding="utf-8")      # on main: read as 205, exit 0
    error = _refusal(workspace)
    assert Path(error.file) == sheet and error.where is None
    assert error.problem == (f"the style sheet that the plan's web page {PAGE} reads has changed since its checksum "
                             f"was recorded (checksums.sha256, line {_manifest_line(workspace, edited)}: "
                             f"{recorded[:12]}…, now {sha256(sheet)[:12]}…); raw data must not "
                             "be edited: a style sheet decides which of the page's text is read")
    assert error.fix == changed_fix(sheet)                     # restore that sheet, never all of data/raw/
    assert _plan_changed_fix(workspace) == changed_fix(workspace / "scratch" / "raw" / PAGE)   # a plan's alike
    sheet.write_text(ORIGINAL, encoding="utf-8")             # restore the original
    assert total_target_2030(build(workspace))["value"] == 20
    sheet.write_text(EDITED, encoding="utf-8")               # a deliberate new version: run `make manifest`
    make_manifest(workspace)
    assert total_target_2030(build(workspace))["value"] == 205


def _manifest_line(workspace: Path, name: str) -> int:
    """The line of the manifest that records `name` (counted from 1, as an editor shows it)."""
    lines = (workspace / "raw" / paths.MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.endswith(f"  {name}"))


def test_make_help_says_what_make_manifest_records():
    """`make help` said "the raw plan documents": it records the style sheets their web pages read too."""
    listed = subprocess.run(["make", "--no-print-directory", "help"], cwd=paths.PROJECT_ROOT, capture_output=True,
                            text=True, timeout=60).stdout
    line = next(line for line in listed.splitlines() if line.startswith("  make manifest "))
    assert "style sheets" in line and "make manifest" in line, line


def _plan_changed_fix(workspace: Path) -> str:
    """The advice the data step gives for an edited plan (a scratch copy of the workspace, the page edited)."""
    scratch = workspace / "scratch"
    shutil.copytree(workspace / "raw", scratch / "raw")
    shutil.copytree(workspace / "config", scratch / "config")
    with open(scratch / "raw" / PAGE, "a", encoding="utf-8") as page:
        page.write("\n")
    error = _refusal(scratch)
    assert error.file.endswith(PAGE) and "has changed" in error.problem
    assert f"(checksums.sha256, line {_manifest_line(scratch, PAGE)}: " in error.problem
    return error.fix


def test_a_style_sheet_removed_after_make_manifest_stops_the_data_step(workspace):
    """Removed, the page would be read without its rules (and refused for a sheet that cannot be read, not for the
    missing file): refused first, by name. Restored: read."""
    _page(workspace)
    make_manifest(workspace)
    sheet = workspace / "raw" / SHEET
    sheet.unlink()
    error = _refusal(workspace)
    assert Path(error.file) == sheet
    assert error.problem == (f"the style sheet that the plan's web page {PAGE} reads is missing (checksums.sha256, "
                             f"line {_manifest_line(workspace, SHEET)}, records it with the page): the page's text may "
                             "be read otherwise without it")
    assert error.fix == changed_fix(sheet)
    sheet.write_text(ORIGINAL, encoding="utf-8")
    assert total_target_2030(build(workspace))["value"] == 20
    sheet.unlink()          # deliberately saved without it: `make manifest` refuses it as a sheet that cannot be
    with pytest.raises(AssertionError, match=f"could not be read \\('{SHEET}' at line "):     # read, as the data
        make_manifest(workspace)                                       # step does (test_css_at_rules.py)


def test_the_advice_to_restore_works_with_git(workspace):
    """The advice's `git checkout -- <that file>`, followed for each file named, brings back an edited and a removed
    sheet."""
    _page(workspace, sheets={SHEET: ORIGINAL, "tonglu_15_files/print.css": ".x{}"})
    path = _page_links(workspace, "tonglu_15_files/print.css")
    make_manifest(workspace)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=workspace, check=True)
    subprocess.run([*git, "add", "raw"], cwd=workspace, check=True)
    subprocess.run([*git, "commit", "-qm", "raw"], cwd=workspace, check=True)
    (workspace / "raw" / SHEET).write_text(EDITED, encoding="utf-8")
    (workspace / "raw" / "tonglu_15_files/print.css").unlink()
    assert "has changed" in _refusal(workspace).problem
    for _ in range(2):       # the advice followed, file by file: `git checkout -- <that file>`
        command = re.search(r"`(git checkout -- [^`]+)`", _refusal(workspace).fix).group(1)
        subprocess.run(command, shell=True, cwd=workspace, check=True)
    assert total_target_2030(build(workspace))["value"] == 20 and path.exists()


def _page_links(workspace: Path, href: str) -> Path:
    """A second <link> in the page's head (its manifest then rewritten by the caller)."""
    page = workspace / "raw" / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("</head>", f'<link rel="stylesheet" href="{href}">\n'
                                                             "</head>"), encoding="utf-8")
    return workspace / "raw" / href


def test_a_style_sheet_the_page_reads_that_the_manifest_does_not_list_stops_the_data_step(workspace):
    """The page links a sheet that was not there when `make manifest` ran (read as not found, logged); the file
    is then added, and would be read: refused, by name and link line. Recorded by `make manifest`: read."""
    page = _page(workspace, sheets={})
    write_manifest(workspace / "raw")       # (`make manifest` refuses a page whose sheet cannot be read, as the data
    #                                          step does: any figure may be changed by it, test_css_at_rules.py)
    assert f"could not be read ('{SHEET}' at line {_link_line(page)}: not found)" in _refusal(workspace).problem
    sheet = workspace / "raw" / SHEET
    sheet.parent.mkdir()
    sheet.write_text(EDITED, encoding="utf-8")               # on main: read as 205, exit 0
    error = _refusal(workspace)
    assert Path(error.file) == sheet
    assert error.problem == (f"the plan's web page {PAGE} reads this style sheet (its line {_link_line(page)} links "
                             f"'{SHEET}'), which checksums.sha256 does not list with the page (a manifest written "
                             "before `make manifest` recorded style sheets lists none)")
    assert "run `make manifest` and commit the manifest" in error.fix and "remove the file" in error.fix
    make_manifest(workspace)
    assert total_target_2030(build(workspace))["value"] == 205


def test_a_manifest_from_before_style_sheets_were_recorded(workspace):
    """An old manifest (the plans' own lines only) still reads; a page that reads a sheet is refused with the one
    command to run, which then works."""
    _page(workspace)
    write_manifest(workspace / "raw")                        # as the manifest was written before: no indented lines
    assert "tonglu_15_files/main.css" not in read_manifest(workspace / "raw")
    error = _refusal(workspace)
    assert error.file.endswith(SHEET) and "a manifest written before `make manifest` recorded style sheets" in \
        error.problem and "run `make manifest`" in error.fix
    make_manifest(workspace)
    assert total_target_2030(build(workspace))["value"] == 20


def test_an_indented_line_before_any_plan_is_refused(workspace):
    manifest = workspace / "raw" / paths.MANIFEST_FILE
    manifest.write_text(f"{LINKED_INDENT}{'0' * 64}  x.css\n" + manifest.read_text(encoding="utf-8"), encoding="utf-8")
    error = _refusal(workspace)
    assert error.file.endswith(paths.MANIFEST_FILE) and error.where == 1
    assert "run `make manifest`" in error.fix
    make_manifest(workspace)
    build(workspace)


# ------------------------------------------------------------------------------------- the cleaning log names them

def test_the_cleaning_log_names_each_style_sheet_a_page_was_read_with(workspace):
    page = _page(workspace, sheets={SHEET: '@import "css/site.css";', "tonglu_15_files/css/site.css": ORIGINAL})
    make_manifest(workspace)
    ds = build(workspace)
    line = _link_line(page)
    rows = ds.cleaning_log.query("step == 'read_stylesheet'")
    assert rows["source_file"].str.endswith(PAGE).all() and rows["source_line"].tolist() == [line, line]
    words = dataset.in_words(ds)["cleaning_log"].query("step == 'read_stylesheet'")["decision"].tolist()
    # as a reader is shown a file (shown_file): its path in the project, or, the workspace being outside it, its name
    main, site = (shown_file(paths.display_path(workspace / "raw" / SHEET)),
                  shown_file(paths.display_path(workspace / "raw" / "tonglu_15_files/css/site.css")))
    assert words == [_read_log(line, SHEET, main), _read_log(line, "css/site.css", site)]


def _read_log(line: int, href: str, file: str) -> str:
    return (f"网页第{line}行链接的样式表（{href}）已读取，文件为{file}："
            "网页显示哪些文字（从而读取哪些文字）由其规则决定（隐藏的文字不读取）。"
            "其校验和与网页一同记录在checksums.sha256中（make manifest），样式表被改动、缺失或新增时运行停止")


def test_a_sheet_the_manifest_records_that_the_plan_no_longer_reads_is_refused(workspace):
    """A manifest that lists a style sheet under a plan that reads none (here, Jiande's text export, the line moved
    by hand): refused after reading, the sheet and the plan named; `make manifest` writes it as read."""
    raw = workspace / "raw"
    (raw / "old.css").write_text(ORIGINAL, encoding="utf-8")
    jiande = "jiande_talent_plan_2021-2025.txt"
    lines = (raw / paths.MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith(jiande)) + 1
    lines.insert(at, f"{LINKED_INDENT}{sha256(raw / 'old.css')}  old.css")
    (raw / paths.MANIFEST_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = _refusal(workspace)
    assert Path(error.file) == raw / "old.css" and error.problem == (
        f"checksums.sha256, line {at + 1}, records this style sheet with the plan {jiande}, which no longer reads it")
    assert error.fix == changed_fix(raw / "old.css")
    make_manifest(workspace)
    build(workspace)
