"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every page a test lands on (a visit, a followed link, a submitted form) is scanned by axe-core
for WCAG 2.2 AA failures, checked for broken scripts, styles and images, and counted; the count
is printed at the end of the run.

The fixture names (`chromium_browser`, `site`, `page_for`) are deliberately not
pytest-playwright's (`browser`, `page`), so that plugin's own fixtures stay out of the way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Response,
    ViewportSize,
    expect,
    sync_playwright,
)

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
AXE_SCRIPT = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_STYLES = PROJECT / "build" / "static" / "casework" / "casework.css"
CHROMIUM = Path("/usr/bin/chromium")
# We run as root, in a closed network: without the background-networking flags Chromium keeps
# trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
RUN_AXE = """async (options) => {
  const results = await window.axe.run(document, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    target: v.nodes.length ? v.nodes[0].target.join(" ") : "",
    html: v.nodes.length ? v.nodes[0].html : "",
    count: v.nodes.length,
  }));
}"""
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


# Marking ------------------------------------------------------------------------------------
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this package is a browser test (`-m "not browser"` leaves it out). Runs
    before pytest's own `-m` selection, which is why it is `tryfirst`."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


# The axe tally --------------------------------------------------------------------------------
@dataclass
class AxeTally:
    pages: int = 0
    violations: int = 0


TALLY = AxeTally()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLY.pages:
        terminalreporter.write_line(
            f"axe: {TALLY.pages} pages scanned, {TALLY.violations} violations"
        )


@functools.cache
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in {PROJECT}", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page, *, javascript: bool = True) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0, 2.1 and 2.2 A and AA failures on the page as it is now.

    The script goes in through the DevTools protocol, so the pages' strict CSP (no inline or
    injected script) does not stop it. axe needs timers, which never fire in a page with
    JavaScript turned off; such a page is scanned as a copy of its DOM (script elements
    removed, the same stylesheets loaded) in a scripted page of the same origin and size."""
    if javascript:
        target = page
        if not target.evaluate("() => typeof window.axe === 'object'"):
            target.evaluate(axe_source())
    else:
        target = _scanner(page)
        assert page.viewport_size is not None
        target.set_viewport_size(page.viewport_size)
        target.set_content(SCRIPT_ELEMENT.sub("", page.content()))
    return list(target.evaluate(RUN_AXE, AXE_OPTIONS))


def check_accessibility(page: Page, *, javascript: bool = True) -> None:
    """Fail, listing each rule, its help and the first element, if axe finds any violation;
    count the page for the end-of-run summary."""
    violations = axe_violations(page, javascript=javascript)
    TALLY.pages += 1
    TALLY.violations += len(violations)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']}\n"
        f"    first of {v['count']}: {v['target']}  {v['html'][:200]}"
        for v in violations
    )


_SCANNERS: dict[tuple[int, str], Page] = {}


def _scanner(page: Page) -> Page:
    """A scripted page on `page`'s origin with axe loaded, kept for the session. Replacing its
    document (set_content) keeps its window, and so axe, loaded."""
    browser = page.context.browser
    assert browser is not None
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    scanner = _SCANNERS.get((id(browser), origin))
    if scanner is None or scanner.is_closed():
        scanner = browser.new_context().new_page()
        address = f"{origin}/__axe-scanner__/"
        scanner.route(
            address,
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<!DOCTYPE html><title>axe</title>"
            ),
        )
        scanner.goto(address)
        scanner.evaluate(axe_source())
        _SCANNERS[(id(browser), origin)] = scanner
    return scanner


# Chromium -----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium", pytrace=False)
    if not BUILT_STYLES.exists():
        pytest.fail(
            f"{BUILT_STYLES} is missing: run `node scripts/build-assets.mjs`", pytrace=False
        )
    axe_source()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    """Each test builds nine personas and signs people in; at 1.5 million PBKDF2 rounds a
    password costs half a second. Sign-in still goes through the real form and backend."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# What a test drives ---------------------------------------------------------------------------
@dataclass
class PageProblems:
    """What a person would notice is broken apart from the page itself: a stylesheet, script or
    image that failed to load, a script error, a CSP refusal."""

    failed: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)
        page.on("pageerror", lambda error: self.failed.append(f"script error {error}"))
        page.on("console", self._console)

    def _response(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def _request_failed(self, request: Any) -> None:
        # Leaving a page cancels whatever it was still fetching; no one notices that.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.failure} {request.url}")

    def _console(self, message: Any) -> None:
        # Chromium logs every 4xx document too ("Failed to load resource"); those are the
        # pages under test, and failing subresources are caught by _response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.failed.append(f"console error {message.text}")


class Site:
    """The live server as seen through Chromium. Every way of arriving on a page (`visit`,
    `follow`, `submit`, `sign_in`) scans it with axe."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self._contexts: list[BrowserContext] = []
        self._problems: dict[int, PageProblems] = {}
        self._javascript: dict[int, bool] = {}

    def new_page(self, *, javascript: bool = True, viewport: ViewportSize | None = None) -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            java_script_enabled=javascript,
            viewport=viewport or DESKTOP,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context.set_default_timeout(10_000)
        self._contexts.append(context)
        page = context.new_page()
        problems = PageProblems()
        problems.watch(page)
        self._problems[id(page)] = problems
        self._javascript[id(page)] = javascript
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()

    def javascript(self, page: Page) -> bool:
        return self._javascript[id(page)]

    def axe_violations(self, page: Page) -> list[dict[str, Any]]:
        """What axe finds on the page now, without failing or counting (see `landed`)."""
        return axe_violations(page, javascript=self.javascript(page))

    # Arriving on pages ------------------------------------------------------------------------
    def landed(self, page: Page, response: Response | None, status: int | None) -> Response:
        assert response is not None, f"no response for {page.url}"
        if status is not None:
            assert response.status == status, (
                f"{page.url} answered {response.status}, expected {status}"
            )
        page.wait_for_load_state("load")
        problems = self._problems[id(page)]
        assert not problems.failed, f"problems on {page.url}: {problems.failed}"
        check_accessibility(page, javascript=self.javascript(page))
        return response

    def visit(self, page: Page, path: str, *, status: int | None = 200) -> Response:
        """Go to `path` (redirects followed; `status` is the final page's) and scan it."""
        return self.landed(page, page.goto(path), status)

    def follow(
        self, page: Page, action: Callable[[], None], *, status: int | None = 200
    ) -> Response:
        """Do something that leaves the page (click a link, submit a form) and scan where it
        lands."""
        with page.expect_navigation() as navigation:
            action()
        return self.landed(page, navigation.value, status)

    def submit(self, page: Page, button: str, *, status: int | None = 200) -> Response:
        return self.follow(
            page, lambda: page.get_by_role("button", name=button).click(), status=status
        )

    def sign_in(self, page: Page, username: str, password: str | None = None) -> Response:
        """Sign in through the real form; from the sign-in page if already on it (so a `next`
        or a stashed form is honoured), else from a fresh visit to it."""
        if "/sign-in/" not in page.url:
            self.visit(page, "/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password or settings.DEMO_PASSWORD)
        response = self.submit(page, "Sign in", status=None)
        if password is None:
            expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        return response


@pytest.fixture
def site(chromium_browser: Browser, live_server: Any) -> Iterator[Site]:
    driver = Site(chromium_browser, live_server.url)
    yield driver
    driver.close()


@pytest.fixture
def page_for(site: Site) -> Callable[..., Page]:
    """`page_for("sam.worker")`: a new browser (own cookies) with that persona signed in, on
    the page sign-in lands on. Options go to `Site.new_page`."""

    def open_signed_in(username: str, **options: Any) -> Page:
        page = site.new_page(**options)
        site.sign_in(page, username)
        return page

    return open_signed_in
