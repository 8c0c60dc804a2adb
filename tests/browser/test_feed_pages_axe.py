"""The data feed's pages in Chromium, with axe on each (docs/design/estate.md §4): the system administrator issues a
publication token through the form, copies its secret, reads the feed with it as Power BI does (a GET with the
Bearer header and no cookie), finds the call in the log and revokes the token, after which the same read is
refused."""

import json
import urllib.error
import urllib.request
from datetime import date

from .conftest import checked, go, sign_in


def power_bi_read(url, secret):
    """(status, JSON) of a GET as Power BI's Web connector makes it: the Bearer header and no cookie."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def test_issue_use_and_revoke_a_token(page, live_server, world):
    sign_in(page, live_server, "system_admin")
    go(page, lambda: page.get_by_role("navigation", name="Menu").get_by_role("link", name="Data feed").click(),
       "Data feed tokens")
    go(page, lambda: page.get_by_role("button", name="Issue a token").click(), "Issue a feed token")
    go(page, lambda: page.get_by_role("button", name="Issue token").click(), "Issue a feed token")  # empty: errors
    assert page.get_by_role("alert").get_by_role("link", name="Enter a name").is_visible()
    page.get_by_label("Name", exact=True).fill("Performance team Power BI")
    page.get_by_label("Purpose").fill("The monthly scorecard workbook; kept by the performance team")
    page.get_by_label("For publication").check()
    next_year = date.today().year + 1
    page.locator("#id_expires_on-day").fill("31")
    page.locator("#id_expires_on-month").fill("3")
    page.locator("#id_expires_on-year").fill(str(next_year))
    with page.expect_navigation():
        page.get_by_role("button", name="Issue token").click()
    page.get_by_role("heading", name="Token issued").wait_for()
    checked(page)
    secret = page.get_by_label("The token").input_value()
    assert secret.startswith("tri_")

    status, body = power_bi_read(f"{live_server.url}/feed/v1/actions.json", secret)
    assert status == 200 and body["meta"]["publication"] is True

    go(page, lambda: page.get_by_role("link", name="Back to tokens").click(), "Data feed tokens")
    go(page, lambda: page.get_by_role("link", name="Connect Power BI or Excel").click(), "Connect Power BI or Excel")
    page.go_back()
    go(page, lambda: page.get_by_role("link", name="Call log").click(), "Data feed call log")
    assert "actions" in page.locator("main table").inner_text()
    page.go_back()
    go(page, lambda: page.get_by_role("link", name="Revoke Performance team Power BI").click(),
       "Revoke “Performance team Power BI”?")
    go(page, lambda: page.get_by_role("button", name="Revoke token").click(), "Data feed tokens")
    assert power_bi_read(f"{live_server.url}/feed/v1/actions.json", secret)[0] == 401
