"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against a live server.

Tests that use them are marked @pytest.mark.browser. Playwright's own browser download is not
used: the tests launch the Chromium at $CHROMIUM_PATH (default /usr/bin/chromium), which
`./dev test` installs with apt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

# Playwright's sync API leaves an asyncio event loop running in the test thread for the rest of
# the session, and Django refuses ORM calls from a thread with a running loop. The test thread
# only drives the browser and builds fixtures; requests are served by the live server's threads.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
DEFAULT_TIMEOUT_MS = 10_000
# Tests talk to the live server on this machine and nothing else: no fonts, avatars or analytics
# from the internet (a test must not depend on the network, nor slow down while it times out).
ELSEWHERE = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/)")
ARTIFACTS_DIR = Path(__file__).resolve().parent / "var" / "test-artifacts"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test item (item.rep_setup, rep_call, rep_teardown)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _failed(node: pytest.Item) -> bool:
    return any(
        getattr(getattr(node, f"rep_{when}", None), "failed", False) for when in ("setup", "call")
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium per test process (per xdist worker)."""
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        # Fail, never skip: a skipped browser test would hide a broken install in CI.
        pytest.fail(
            f"Browser tests need Chromium, and there is none at {path}. Run ./dev test (it "
            "installs it), or `apt-get install chromium`, or point CHROMIUM_PATH at one.",
            pytrace=False,
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # With a loop running, Django looks its connections up per async context instead of per
    # thread, and would hand this thread new ones, without the test database's saved state (the
    # serialized_rollback copy, so transactional tests would find an empty database after the
    # first flush). Keep the thread on the connections it already has.
    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        try:
            browser = playwright.chromium.launch(
                executable_path=path, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as error:
            pytest.fail(
                f"Chromium at {path} did not start: {error}\nRun ./dev test, or reinstall it "
                "with `apt-get install chromium`.",
                pytrace=False,
            )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(
    chromium: Browser, request: pytest.FixtureRequest
) -> Iterator[Callable[..., BrowserContext]]:
    """A factory of fresh browser contexts (no cookies shared), desktop-sized unless told.

    browser_context(viewport={"width": 390, "height": 844}, is_mobile=True) gives a phone.
    Requests that leave this machine are aborted (they show up as failed requests). When the
    test fails, every page of every context is screenshotted into var/test-artifacts/.
    """
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = chromium.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.route(ELSEWHERE, lambda route: route.abort("blockedbyclient"))
        contexts.append(context)
        return context

    yield make

    if _failed(request.node):
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        pages = [page for context in contexts for page in context.pages]
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(pages, start=1):
            suffix = "" if number == 1 else f"-{number}"
            try:
                page.screenshot(path=ARTIFACTS_DIR / f"{name}{suffix}.png", full_page=True)
            except Exception as error:  # a crashed page must not hide the test's own failure
                print(f"No screenshot of {page.url}: {error}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser_context: Callable[..., BrowserContext]) -> Page:
    """A page in a fresh 1280x900 desktop context, 10 s default timeout."""
    return browser_context().new_page()
