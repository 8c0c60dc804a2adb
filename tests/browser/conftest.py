"""Real-browser tests: Debian's Chromium driven by Playwright, checked with axe-core.

Playwright's sync API runs an event loop in the test thread; the ORM calls made by
tests in that thread are still synchronous, so Django's guard is relaxed while the browser
runs (never in deployment: check --deploy refuses it).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()), None)
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if "journey" in item.fspath.basename:
                item.add_marker(pytest.mark.journey)


@pytest.fixture(scope="session")
def browser(django_db_setup):  # the test database is made before the event loop starts
    if CHROMIUM is None or not AXE.exists():
        pytest.fail("Browser tests need /usr/bin/chromium and node_modules/axe-core: run scripts/test.sh, "
                    "which installs both.")
    from playwright.sync_api import sync_playwright

    # pytest-django runs transactional tests last, so this session fixture starts only
    # when the browser tests do, and the rest of the suite keeps Django's guard.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True}


def new_page(browser, **context_options):
    """A page in a context of its own (its own session: another person), with axe injected and its console
    errors collected on `page.console_errors`. Close its context when done. `new_page(browser, **TABLET)` is a
    tablet held upright, with touch."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    # An init script is injected by the browser itself, so axe runs under our strict CSP unchanged.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def axe_violations(page):
    """Run axe-core on the page for WCAG 2.2 A and AA; return the violations, simplified."""
    page.wait_for_load_state("load")
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})""")
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def sign_in(page, live_server, username, password=None):
    """Sign in through the sign-in page, as a person does: the tests' accounts' password (factories), or the
    demo council's (`password=DEMO_PASSWORD`)."""
    from ..factories import PASSWORD

    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()  # not "Sign in with your council account"
    page.wait_for_load_state("networkidle")


def checked(page):
    """The page has loaded, axe finds nothing on it and its script logged no error."""
    page.wait_for_load_state("load")
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def go(page, action, heading):
    """Do `action` (a click that navigates), wait for the page's h1 `heading`, then check it."""
    with page.expect_navigation():
        action()
    page.get_by_role("heading", name=heading, level=1).wait_for()
    checked(page)
