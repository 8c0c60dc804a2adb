"""The idle timeout's warning (core static/triangulate/session.js; design audits §3.2): a quarter of the idle time
before the server would sign a person out (at most five minutes), a modal dialog offers "Stay signed in", which
renews the session; left alone, the page says it has been signed out and links to sign in again. Signing out
removes the unsaved audit text the tab kept. The idle time is cut to seconds here so that the test is quick."""

from .conftest import axe_violations, sign_in

IDLE_SECONDS = 8  # the warning comes at 6 s, the sign-out at 8 s


def test_the_warning_renews_the_session_or_says_it_has_ended(page, live_server, world, settings):
    settings.SESSION_COOKIE_AGE = IDLE_SECONDS
    sign_in(page, live_server, "qa_lead")
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    dialog.wait_for(timeout=10_000)
    assert "less than a minute" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in"
    assert axe_violations(page) == []
    with page.expect_response(lambda r: r.url.endswith("/sign-in/keep-alive/")) as renewal:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert renewal.value.status == 200
    dialog.wait_for(state="hidden")
    page.reload()  # the renewal kept the session: still signed in
    assert page.get_by_role("button", name="Sign out").is_visible()

    ended = page.get_by_role("dialog", name="You have been signed out")
    ended.wait_for(timeout=12_000)
    link = ended.get_by_role("link", name="Sign in again")
    assert link.get_attribute("href") == "/sign-in/?next=%2F"
    assert axe_violations(page) == []
    assert page.console_errors == []
    link.click()
    page.get_by_label("Username").wait_for()  # the server had signed them out too: sign-in did not pass through


def test_signing_out_forgets_the_unsaved_audit_text_this_tab_kept(page, live_server, world):
    sign_in(page, live_server, "auditor")
    page.evaluate("""() => { sessionStorage.setItem('triangulate:audit:7:1', '{"values": {}}');
                             sessionStorage.setItem('another-site-key', 'kept'); }""")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Username").wait_for()
    assert page.evaluate("Object.keys(sessionStorage)") == ["another-site-key"]
