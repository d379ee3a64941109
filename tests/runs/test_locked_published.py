"""A published report file locked against changes (chattr +i; the project runs as root, where no read-only mode
stops a write): the error names the file the user knows, the one in reports/<year>/, never the build's copy that
shares it (publishing hard-links reports/.build/ into reports/<year>/, so the lock holds both), and its advice,
followed, lets the run through."""
import os
import shutil
import subprocess

import pytest

from helpers.core.errors import InputError
from helpers.files.atomic import install_together, replaced_when_done

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None,
                                reason="chattr +i needs root")

PUBLISHED = "talent-plan-brief_2025_zh.pdf"


def chattr(flag: str, path) -> None:
    subprocess.run(["chattr", flag, str(path)], check=True)


@pytest.fixture
def reports(tmp_path):
    """reports/.build/brief.pdf published as reports/2025/talent-plan-brief_2025_zh.pdf (a hard link), locked."""
    build, year = tmp_path / "reports" / ".build", tmp_path / "reports" / "2025"
    build.mkdir(parents=True)
    year.mkdir()
    (build / "brief.pdf").write_text("the last good brief")
    os.link(build / "brief.pdf", year / PUBLISHED)
    chattr("+i", year / PUBLISHED)
    yield tmp_path / "reports"
    for f in (year / PUBLISHED, build / "brief.pdf"):
        if f.exists():
            subprocess.run(["chattr", "-i", str(f)], check=False)


def advice_command(error: InputError) -> list[str]:
    fix = error.fix
    return fix[fix.index("`") + 1:fix.index("`", fix.index("`") + 1)].split()


def test_rebuilding_a_locked_published_file_names_the_published_file(reports):
    with pytest.raises(InputError) as caught:
        with replaced_when_done(reports / ".build" / "brief.pdf") as partial:
            partial.write_text("the new brief")
    error = caught.value
    assert error.file.endswith(f"reports/2025/{PUBLISHED}"), str(error)
    assert ".build" not in str(error)
    assert "locked against changes" in error.problem
    assert advice_command(error) == ["chattr", "-i", error.file]
    assert (reports / "2025" / PUBLISHED).read_text() == "the last good brief"
    subprocess.run(advice_command(error), check=True)          # the advice, followed
    with replaced_when_done(reports / ".build" / "brief.pdf") as partial:
        partial.write_text("the new brief")
    assert (reports / ".build" / "brief.pdf").read_text() == "the new brief"


def test_publishing_over_a_locked_file_names_it_with_advice_that_works(reports):
    (reports / ".build" / "new.pdf").write_text("the new brief")
    pairs = [(reports / ".build" / "new.pdf", reports / "2025" / PUBLISHED)]
    with pytest.raises(InputError) as caught:
        install_together(pairs)
    error = caught.value
    assert error.file.endswith(f"reports/2025/{PUBLISHED}") and "chattr -i" in error.fix, str(error)
    assert (reports / "2025" / PUBLISHED).read_text() == "the last good brief"
    subprocess.run(advice_command(error), check=True)
    install_together(pairs)
    assert (reports / "2025" / PUBLISHED).read_text() == "the new brief"


def test_publishing_into_a_locked_folder_names_the_folder_not_its_staging_copy(tmp_path, capsys):
    from helpers.run import cli
    build, year = tmp_path / "reports" / ".build", tmp_path / "reports" / "2025"
    build.mkdir(parents=True)
    year.mkdir()
    (build / "brief.pdf").write_text("the new brief")
    chattr("+i", year)
    try:
        assert cli.main(["publish", str(build), str(year), "brief.pdf"]) == 1
        said = capsys.readouterr().err
        assert f"{year}: no file can be written in this folder: it is locked against changes" in said, said
        assert ".publish.staging" not in said
        command = said[said.index("`chattr") + 1:said.index("`", said.index("`chattr") + 1)].split()
        assert command == ["chattr", "-i", str(year)]
        subprocess.run(command, check=True)                   # the advice, followed
        assert cli.main(["publish", str(build), str(year), "brief.pdf"]) == 0
        assert (year / "brief.pdf").read_text() == "the new brief"
    finally:
        subprocess.run(["chattr", "-i", str(year)], check=False)


def test_rebuilding_in_a_locked_build_folder_names_the_folder(tmp_path):
    build = tmp_path / "reports" / ".build"
    build.mkdir(parents=True)
    (build / "brief.pdf").write_text("the last brief")
    chattr("+i", build)
    try:
        with pytest.raises(InputError) as caught:
            with replaced_when_done(build / "brief.pdf") as partial:
                partial.write_text("the new brief")
        assert caught.value.file == str(build) and "chattr -i" in caught.value.fix, str(caught.value)
    finally:
        subprocess.run(["chattr", "-i", str(build)], check=False)
