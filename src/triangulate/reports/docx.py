"""A report as a Word document (.docx), made by python-docx: the Word counterpart of reports/pdf.py.

    data = docx.document("Practice week, January 2027: feedback and analysis",
                         [docx.Heading(1, "Introduction"), docx.Para("…"), docx.Bullets(["…", "…"]),
                          docx.Table(["Theme", "Teams"], [["Workforce", "2 of 3"]])])

Councils edit their reports in Word, so the document is built from Word's own parts, not drawn: the built-in
Heading 1–3 styles (Word's navigation pane and screen readers find the structure), List Bullet for lists, and
tables whose header row is marked to repeat on every page and read as headers. Its core properties carry the
title and the language (en-GB). Text from users goes in as text, never as markup or fields; characters an XML
document cannot hold (control characters a pasted text may carry) are dropped rather than failing the download.
"""

import io
import re
from dataclasses import dataclass, field

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

LANGUAGE = "en-GB"
FONT = "Arial"
# XML 1.0 allows tab, newline and carriage return below 0x20, and nothing in the surrogate or FFFE/FFFF ranges
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 3
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list
    level: int = 1  # 1 or 2: List Bullet, List Bullet 2


@dataclass(frozen=True)
class Table:
    headers: list
    rows: list = field(default_factory=list)


def clean(text):
    """`text` as a Word document may hold it: a string with the characters XML cannot carry dropped."""
    return NOT_XML.sub("", "" if text is None else str(text))


def document(title, blocks):
    """The .docx file's bytes: `title` as its first heading (the Title style) and core property, then `blocks`."""
    doc = Document()
    doc.core_properties.title = clean(title)[:255]
    doc.core_properties.language = LANGUAGE
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    _language(normal)
    doc.add_heading(clean(title), level=0)
    for block in blocks:
        _add(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _add(doc, block):
    if isinstance(block, Heading):
        if block.level not in (1, 2, 3):
            raise ValueError(f"A heading's level is 1, 2 or 3, not {block.level!r}")
        doc.add_heading(clean(block.text), level=block.level)
    elif isinstance(block, Para):
        doc.add_paragraph(clean(block.text))
    elif isinstance(block, Bullets):
        style = "List Bullet" if block.level == 1 else "List Bullet 2"
        for item in block.items:
            doc.add_paragraph(clean(item), style=style)
    elif isinstance(block, Table):
        _table(doc, block)
    else:
        raise TypeError(f"Not a block a Word report is made of: {block!r}")


def _table(doc, block):
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, block.headers, strict=True):
        cell.text = clean(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # w:tblHeader: the row repeats at the top of each page, and assistive technology reads it as headers
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for values in block.rows:
        cells = table.add_row().cells
        if len(values) != len(block.headers):
            raise ValueError(f"A row has {len(values)} cells for {len(block.headers)} headers")
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean(value)


def _language(style):
    """The style's proofing language: Word's spelling checker and screen readers read the text as en-GB."""
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    rpr.append(lang)
