"""An HTML document (with its CSS) as a tagged, accessible PDF, made by WeasyPrint.

    pdf_bytes = pdf.html_to_pdf(html, pdf.PRINT_CSS, title="Aldermoor Council: board pack")

- Tagged PDF/UA-1: the PDF carries the HTML's structure (headings, lists, tables with their header
  cells, figures with their captions, an inline SVG's <title> as its alternative text), so a screen
  reader reads it as it reads the page; the language (en-GB) and the title are in its metadata, and a
  viewer shows the title, not the file name.
- Nothing is fetched (SSRF guard): a report is built from what councils upload (team names, file names,
  benchmark notes) and WeasyPrint would otherwise fetch every URL it meets (an <img src>, a stylesheet, a
  url() in CSS, file:///etc/passwd) from the network or the disk with the server's rights. Every URL is
  refused, so a report holds only what is inline in it: its CSS as a string, its charts as inline SVG.
- Fonts come from the system (fontconfig): Liberation Sans, metrically the same as Arial (the site's
  font, fonts-liberation), and only the glyphs used are embedded, so the file reads the same anywhere.
"""

import hashlib
import os
import tempfile
from importlib.resources import files

import weasyprint
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

LANGUAGE = "en-GB"
VARIANT = "pdf/ua-1"
FONTS = '"Liberation Sans", Arial, sans-serif'
BASE_CSS = f"html {{ font-family: {FONTS}; }}\n"
# A4 pages, page numbers in the footer, headed tables that repeat their header: for any report
PRINT_CSS = files(__package__).joinpath("assets", "print.css").read_text(encoding="utf-8")


class RefusedFetch(ValueError):
    """A URL a report asked for; never fetched."""


class NoFetching(URLFetcher):
    """A URL fetcher that fetches nothing: every URL (http, https, file, data, ...) is refused, and kept in
    `refused` so a caller or a test can see what a document asked for."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.refused = []

    def fetch(self, url, headers=None):
        self.refused.append(url)
        raise RefusedFetch(f"Reports fetch nothing: {url[:100]}")


def html_to_pdf(html, css="", *, title, fetcher=None):
    """`html` styled with the font stack then `css`, as PDF bytes. `title`: the document's title in its
    metadata (the HTML's <title> is replaced); its language is en-GB whatever the HTML says. `fetcher`: a
    NoFetching to read `refused` from afterwards (a new one by default)."""
    fetcher = fetcher or NoFetching()
    # no base_url: a relative URL has nothing to resolve against, and an absolute one meets the fetcher
    stylesheets = [CSS(string=text, url_fetcher=fetcher) for text in (BASE_CSS, css)]
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=stylesheets, pdf_variant=VARIANT)
    document.metadata.title = title
    document.metadata.lang = LANGUAGE
    return document.write_pdf(pdf_variant=VARIANT)


KEEP = 20  # finished PDFs kept in a cache folder: a month's packs, reprinted, are never the slow part


def cached_html_to_pdf(html, css="", *, title, folder):
    """As html_to_pdf, but a document already made from the same HTML, CSS, title and WeasyPrint version
    is read back from `folder` instead of being laid out again (a board pack takes WeasyPrint 10 seconds
    or more, and everyone who prints an extract's pack on a day gets the same document). The newest KEEP
    files are kept. Each is written under a temporary name and renamed, so a reader never meets half a
    file, and a folder that cannot be written only means no cache."""
    key = hashlib.sha256("\0".join((weasyprint.__version__, title, css, html)).encode()).hexdigest()
    path = folder / f"{key}.pdf"
    try:
        document = path.read_bytes()
        os.utime(path)  # recently used: kept longest
        return document
    except OSError:
        pass
    document = html_to_pdf(html, css, title=title)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            part.write(document)
        os.replace(part.name, path)
        for old in sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return document
