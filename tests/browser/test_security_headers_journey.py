"""The Content Security Policy is enforced, and firstpoint's own pages keep to it: a browser
that does NOT bypass the policy loads staff, portal and form pages with JavaScript on, GOV.UK
Frontend starts, and nothing is blocked."""

import re

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Record every violation before any of the page's own scripts run.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def strict_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    yield page
    context.close()


def assert_keeps_to_the_policy(page, response):
    policy = response.headers.get("content-security-policy", "")
    assert "content-security-policy-report-only" not in response.headers
    assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9+/=_-]{16,}'", policy), policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    # The nonced inline script ran (under an enforced policy it would not have without it),
    # and GOV.UK Frontend's modules loaded from this site.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    expect(page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b"))
    violations = page.evaluate("window.__cspViolations")
    csp_console = [m for m in page.console_messages if "Content Security Policy" in m]
    assert not violations, f"{page.url}: {violations}"
    assert not csp_console, f"{page.url}: {csp_console}"
    assert not csp_console, f"{page.url}: {csp_console}"


def test_staff_portal_and_form_pages_keep_to_an_enforced_policy(strict_page, live_server):
    UserFactory(email="advisor@council.example", roles=[Role.ADVISOR])
    page = strict_page

    response = page.goto("/")
    assert_keeps_to_the_policy(page, response)

    response = page.goto("/feedback/")
    assert_keeps_to_the_policy(page, response)
    with page.expect_navigation() as navigation:
        page.locator("main").get_by_role("button").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_keeps_to_the_policy(page, navigation.value)
    # GOV.UK Frontend's error summary script moved focus to it: JavaScript really runs.
    expect(page.locator(".govuk-error-summary")).to_be_focused()

    response = page.goto("/sign-in/")
    assert_keeps_to_the_policy(page, response)
    page.get_by_label("Email address").fill("advisor@council.example")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign in").click()
    assert_keeps_to_the_policy(page, navigation.value)

    response = page.goto("/staff/")
    assert response.status == 200
    assert_keeps_to_the_policy(page, response)
    response = page.goto("/services/")
    assert_keeps_to_the_policy(page, response)


def test_an_inline_script_without_the_nonce_is_blocked(strict_page):
    """The policy is really enforced: the browser refuses a script the page did not sign."""
    page = strict_page
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__ran = true"; document.head.appendChild(s); }"""
    )
    assert page.evaluate("window.__ran === undefined")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
