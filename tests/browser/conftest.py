"""Browser journeys: Playwright for Python driving Debian's Chromium, with axe-core.

Every page a journey visits is checked with axe-core at WCAG 2.2 AA; a journey fails on
the first violation, naming the rule and the elements.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from apps.accounts.tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM}: run ./scripts/ensure-chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Journey:
    """A person using firstpoint in a browser; every page they land on is checked by axe."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        self.check_accessibility()

    def click(self, locator):
        """Click something that loads a new page, then check that page."""
        with self.page.expect_navigation():
            locator.click()
        self.check_accessibility()

    def check_accessibility(self):
        page = self.page
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(",".join(n["target"]) for n in v["nodes"][:3])
            for v in result["violations"]
        ]
        assert not violations, f"axe-core on {page.url}:\n" + "\n".join(violations)
        self.checked.append(page.url)

    def sign_in(self, email: str, password: str = TEST_PASSWORD):
        self.page.context.clear_cookies()
        self.goto("/sign-in/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.click(self.page.get_by_role("button", name="Sign in"))


@pytest.fixture
def journey(browser, live_server):
    # bypass_csp lets axe-core be injected as an inline script under the enforced policy;
    # test_security_headers_journey.py checks the policy itself without it.
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=True, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Journey(page, live_server.url)
    context.close()


@pytest.fixture
def journey_without_js(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
