"""Reading a page's words as a person would (slice S4's test helper): tags out, whitespace collapsed."""

import html
import re


def words(content):
    """The visible text of an HTML page (or part of one), one space between words."""
    if isinstance(content, bytes):
        content = content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content))).strip()


def section(content, element_id):
    """The words from the element with `element_id` to the next h2 (a page's section)."""
    if isinstance(content, bytes):
        content = content.decode()
    start = content.index(f'id="{element_id}"')
    end = content.find("<h2", start + 1)
    return words(content[start:end if end != -1 else None].split(">", 1)[1])
