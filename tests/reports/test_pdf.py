"""reports/pdf.py with real WeasyPrint, read back with poppler (pdfinfo, pdffonts, pdftotext): a tagged
PDF/UA document with its title, language and embedded fonts, and nothing fetched, whatever URL the HTML
or CSS holds."""

import re
import subprocess
import threading
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from triangulate.reports import pdf

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ignored title</title></head><body>
<h1>Children's social care performance</h1>
<p>Referrals per 10,000 children: 532.0</p>
<table><caption>Headline measures</caption><thead><tr><th scope="col">Measure</th><th scope="col">Value</th></tr></thead>
<tbody><tr><th scope="row">Referrals</th><td>3,179</td></tr></tbody></table>
<figure><figcaption>Referrals, month by month</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="100%"><title>Referrals, month by month.</title>
<text x="10" y="50" font-family="arial, sans-serif">Chart label</text></svg></figure>
</body></html>"""


def poppler(tool, path, *args):
    return subprocess.run([f"/usr/bin/{tool}", *args, str(path)], capture_output=True, text=True, check=True).stdout


def pdf_text(path):
    return subprocess.run(["/usr/bin/pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def written(tmp_path, content):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return path


def inflated(content):
    """The PDF's bytes with every compressed stream inflated (the catalogue sits in an object stream)."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass  # a font or image stream with another filter
    return content + b"".join(streams)


def test_a_report_is_tagged_pdf_ua_with_its_title_language_and_embedded_fonts(tmp_path):
    content = pdf.html_to_pdf(PAGE, pdf.PRINT_CSS, title="Aldermoor Council: board pack")
    path = written(tmp_path, content)
    info = poppler("pdfinfo", path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Aldermoor Council: board pack$", info, re.M)  # the title given, not <title>
    assert re.search(r"^Page size:\s+595.276 x 841.89 pts \(A4\)$", info, re.M)
    assert 'pdfuaid:part="1"' in poppler("pdfinfo", path, "-meta")
    assert b"/Lang (en-GB)" in inflated(content)  # the HTML has no lang: the report's language is set
    assert b"/DisplayDocTitle true" in inflated(content)
    structure = poppler("pdfinfo", path, "-struct")
    for tag in ("H1", "Table", "THead", "TH", "TD", "Caption", "Figure"):
        assert re.search(rf"^\s*{tag}\b", structure, re.M), tag
    fonts = poppler("pdffonts", path).splitlines()[2:]  # after the two header lines
    assert fonts and all("Liberation" in line for line in fonts), fonts
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    text = pdf_text(path)
    assert "Children's social care performance" in text and "Referrals per 10,000 children: 532.0" in text
    assert "Chart label" in text  # inline SVG is drawn, as text the PDF keeps


class Counting(BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Counting.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red } p::after { content: 'FETCHED FROM THE NETWORK' }")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A real web server on this machine that records every request: a fetch would reach it."""
    Counting.requests = []
    httpd = HTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_no_url_in_the_html_or_css_is_fetched(tmp_path, server):
    assert "root:" in Path("/etc/passwd").read_text()  # what a file:// fetch would put in the PDF
    html = f"""<!DOCTYPE html><html lang="en-GB"><head><title>x</title>
    <link rel="stylesheet" href="{server}/style.css"></head><body>
    <p>Before</p>
    <img src="file:///etc/passwd" alt="a file"><img src="{server}/image.png" alt="a picture">
    <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E" alt="inline data">
    <object data="file:///etc/passwd"></object><iframe src="file:///etc/passwd"></iframe>
    <p class="bg">After</p>
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="{server}/svg-image.png"/></svg>
    </body></html>"""
    css = (f'@import url("{server}/imported.css"); @import url("file:///etc/passwd");'
           f' .bg {{ background: url("{server}/background.png") }}'
           f' @font-face {{ font-family: Remote; src: url("{server}/font.woff2") }} p {{ font-family: Remote }}')
    fetcher = pdf.NoFetching()
    content = pdf.html_to_pdf(html, css, title="x", fetcher=fetcher)
    text = pdf_text(written(tmp_path, content))
    assert "Before" in text and "After" in text  # the document was still made
    assert Counting.requests == []  # the server heard nothing
    assert "root:" not in text and "FETCHED" not in text
    # (the @font-face is not even asked for: reports load no font faces, only the system's fonts)
    for url in (f"{server}/style.css", "file:///etc/passwd", f"{server}/image.png", f"{server}/imported.css",
                f"{server}/background.png", f"{server}/svg-image.png"):
        assert url in fetcher.refused, url  # asked for, and refused
    assert any(url.startswith("data:") for url in fetcher.refused)


def test_the_fetcher_refuses_every_scheme():
    fetcher = pdf.NoFetching()
    for url in ("https://example.org/", "file:///etc/passwd", "ftp://example.org/x", "data:text/plain,hello"):
        with pytest.raises(pdf.RefusedFetch):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_a_document_made_before_is_read_from_the_cache_and_a_changed_one_is_made_again(tmp_path):
    folder = tmp_path / "cache"
    first = pdf.cached_html_to_pdf(PAGE, title="Pack", folder=folder)
    (cached,) = folder.glob("*.pdf")
    assert cached.read_bytes() == first
    cached.write_bytes(b"%PDF- the cached copy")  # read back, not laid out again
    assert pdf.cached_html_to_pdf(PAGE, title="Pack", folder=folder) == b"%PDF- the cached copy"
    changed = pdf.cached_html_to_pdf(PAGE.replace("532.0", "533.0"), title="Pack", folder=folder)
    assert "533.0" in pdf_text(written(tmp_path, changed)) and len(list(folder.glob("*.pdf"))) == 2
    assert not list(folder.glob("*.part"))


def test_the_cache_keeps_only_the_newest_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "KEEP", 2)
    folder = tmp_path / "cache"
    for value in ("1", "2", "3"):
        pdf.cached_html_to_pdf(PAGE.replace("532.0", value), title="Pack", folder=folder)
    assert len(list(folder.glob("*.pdf"))) == 2
