"""The report format of design §7.1, pure (no Django): a blank line separates paragraphs; a line starting "- " is
a bullet; "  - " (two spaces) a second-level bullet. Nothing else is interpreted, so what is typed is what prints:
a line starting "=" or "#" is text.

`parse(text)` gives plain blocks, `Paragraph(text)` and `BulletList(items, level)`, that the report's page and PDF
(HTML) and its Word file (reports.docx blocks) are both built from, so the three read the same.

Still to come (slice S5): the pre-filled sections of §7.1 from the event's plain records."""

from dataclasses import dataclass

BULLET = "- "
SECOND_BULLET = "  - "


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple
    level: int = 1  # 1, or 2 for "  - "


def _line_kind(line):
    if line.startswith(SECOND_BULLET):
        return 2, line[len(SECOND_BULLET):].strip()
    if line.startswith(BULLET):
        return 1, line[len(BULLET):].strip()
    return 0, line.strip()


def parse(text):
    """The blocks of a section's `text`, in order. Consecutive bullets of one level make one list; a line that is
    not a bullet joins the paragraph it is in (lines of one paragraph are joined by a space)."""
    blocks = []
    paragraph = []  # the lines of the paragraph being read
    bullets = []  # the items of the list being read
    level = 0

    def flush_paragraph():
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()

    def flush_bullets():
        if bullets:
            blocks.append(BulletList(tuple(bullets), level))
            bullets.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            flush_paragraph()
            flush_bullets()
            continue
        kind, content = _line_kind(raw.rstrip())
        if kind:
            flush_paragraph()
            if kind != level:
                flush_bullets()
            level = kind
            if content:
                bullets.append(content)
        else:
            flush_bullets()
            level = 0
            paragraph.append(content)
    flush_paragraph()
    flush_bullets()
    return blocks
