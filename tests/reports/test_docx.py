"""reports/docx.py: a Word report made of Word's own parts, which LibreOffice Writer opens and reads back as the
text it was given, in order."""

import io
import os
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from triangulate.reports import docx

BLOCKS = [
    docx.Heading(1, "Introduction"),
    docx.Para("Senior managers observed practice in ten teams over five days."),
    docx.Heading(2, "Voice of the child"),
    docx.Bullets(["Direct work was creative.", "=SUM(A1:A9) stays as typed"]),
    docx.Bullets(["A second-level point"], level=2),
    docx.Table(["Theme", "Teams"], [["Workforce", "2 of 3"], ["Visits", "1 of 3"]]),
    docx.Heading(3, "Good practice"),
    docx.Para("Pasted text\x00 with a control\x0b character"),
]


@pytest.fixture(scope="module")
def made():
    return docx.document("Practice week: feedback and analysis", BLOCKS)


def test_the_structure_is_words_own(made):
    doc = Document(io.BytesIO(made))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles == [
        ("Title", "Practice week: feedback and analysis"),
        ("Heading 1", "Introduction"),
        ("Normal", "Senior managers observed practice in ten teams over five days."),
        ("Heading 2", "Voice of the child"),
        ("List Bullet", "Direct work was creative."),
        ("List Bullet", "=SUM(A1:A9) stays as typed"),
        ("List Bullet 2", "A second-level point"),
        ("Heading 3", "Good practice"),
        ("Normal", "Pasted text with a control character"),
    ]
    assert (doc.core_properties.title, doc.core_properties.language) == ("Practice week: feedback and analysis", "en-GB")
    table = doc.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Theme", "Teams"], ["Workforce", "2 of 3"],
                                                                 ["Visits", "1 of 3"]]
    xml = zipfile.ZipFile(io.BytesIO(made)).read("word/document.xml").decode()
    assert xml.count("<w:tblHeader/>") == 1  # the header row repeats on each page


def test_bad_blocks_are_refused():
    with pytest.raises(ValueError, match="level is 1, 2 or 3"):
        docx.document("T", [docx.Heading(4, "Too deep")])
    with pytest.raises(ValueError, match="2 cells for 3 headers"):
        docx.document("T", [docx.Table(["a", "b", "c"], [["1", "2"]])])
    with pytest.raises(TypeError):
        docx.document("T", ["just a string"])


def test_libreoffice_writer_opens_it_and_reads_the_text_in_order(made, tmp_path):
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    if not os.path.exists(soffice):
        pytest.fail("This test opens the document in LibreOffice Writer: run scripts/test.sh, which installs it.")
    source = tmp_path / "report.docx"
    source.write_bytes(made)
    profile = (tmp_path / "lo-profile").as_uri()
    run = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                          "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(source)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    text = (tmp_path / "report.txt").read_text(encoding="utf-8-sig")
    order = ["Practice week: feedback and analysis", "Introduction", "Voice of the child", "Direct work was creative.",
             "=SUM(A1:A9) stays as typed", "Workforce", "2 of 3", "Good practice", "Pasted text with a control character"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
