"""A small .docx whose other parts unpack huge is refused before python-docx opens it (redteam19 finding 9): a
1.3 MB file whose word/styles.xml unpacked to 365 MB was read in 60 s and 5 GB, because only word/document.xml's
unpacked size was checked. Every XML part is capped (MAX_DOCUMENT_XML_BYTES) and the whole package
(MAX_DOCUMENT_UNPACKED_BYTES), both in helpers.core.limits, from the zip's directory alone."""
import time
import zipfile

import pytest

from helpers.core import limits
from helpers.core.errors import InputError
from helpers.extract.documents.word import read_docx


def _docx(path, grow: str = "", by: int = 0, extra: int = 0):
    """A one-paragraph .docx; the part `grow` grown by `by` bytes; `extra` bytes of a picture."""
    import docx
    plain = path.with_suffix(".plain.docx")
    document = docx.Document()
    document.add_paragraph("桐庐县人才发展“十五五”规划")
    document.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == grow:      # (one character style, repeated, as the repro had it)
                style = b'<w:style w:type="character" w:styleId="x"><w:name w:val="x"/></w:style>'
                end = data.rindex(b"</")
                data = data[:end] + style * (by // len(style) + 1) + data[end:]
            target.writestr(item, data)
        if extra:
            target.writestr("word/media/image1.png", b"\0" * extra)
    return path


def test_a_styles_part_that_unpacks_past_the_cap_is_refused_naming_the_part(tmp_path):
    path = _docx(tmp_path / "tonglu_15.docx", "word/styles.xml", 20_000_001)   # (the cap: 20 MB a part)
    assert path.stat().st_size < 200_000
    started = time.process_time()
    with pytest.raises(InputError) as info:
        read_docx(path)
    assert time.process_time() - started < 2.0
    problem = info.value.problem
    assert "word/styles.xml unpacks to 20 MB" in problem, problem
    assert "the limit is 20 MB a part, MAX_DOCUMENT_XML_BYTES in helpers.core.limits" in problem
    assert info.value.file.endswith("tonglu_15.docx")
    assert "copy its pages into a new .docx" in info.value.fix


def test_a_package_that_unpacks_past_the_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_UNPACKED_BYTES", 5_000_000)
    path = _docx(tmp_path / "tonglu_15.docx", extra=6_000_000)
    with pytest.raises(InputError) as info:
        read_docx(path)
    # (6 MB of picture and python-docx's default template's parts: 7 MB, rounded)
    assert "the Word document unpacks to 7 MB" in info.value.problem, info.value.problem
    assert "the limit is 5 MB, MAX_DOCUMENT_UNPACKED_BYTES in helpers.core.limits" in info.value.problem


def test_a_plan_within_the_caps_is_read(tmp_path):
    path = _docx(tmp_path / "tonglu_15.docx", "word/styles.xml", 1000, extra=1000)
    assert any("十五五" in p.text for p in read_docx(path).paragraphs)
