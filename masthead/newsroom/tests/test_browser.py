"""The demo newsroom in a real Chromium: what a reader sees, on a desktop and a phone, and the
editor's way into the back office.

The live server runs in a thread of the test process, so these tests need a transactional
database; serialized_rollback puts back what the migrations created (Wagtail's root page, the
newsroom's groups) after each test's flush, so every test can build the demo from scratch.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, Request, Response, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from masthead.news.models import ArticlePage
from masthead.newsroom import demo
from masthead.newsroom.demo_content import SECTIONS, WIRE_STORY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
WRONG_LOGIN = "Your username and password didn't match. Please try again."


@pytest.fixture
def newsroom(live_server: LiveServer, settings: Settings) -> str:
    """The demo newsroom, its site answering on the live server's host and port; its base URL."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    demo.build()
    site = Site.objects.get(is_default_site=True)
    address = urlsplit(live_server.url)
    assert (site.hostname, site.port) == (address.hostname, address.port)
    return live_server.url


def wire_story_url(base_url: str) -> str:
    # Ingest makes the slug from the headline; WIRE_STORY["slug"] only names the agency's item.
    return base_url + ArticlePage.objects.get(title=WIRE_STORY["headline"]).url


def failed_requests(page: Page) -> list[str]:
    """Start recording what the page fails to load: error statuses and requests that fail."""
    failures: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failures.append(f"{response.status} {response.url}")

    def on_request_failed(request: Request) -> None:
        failures.append(f"{request.failure} {request.url}")

    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    return failures


def wait_until_loaded(img: Locator) -> None:
    """Wait for the browser to finish with an image, then insist it really decoded one."""
    img.evaluate(
        "img => img.complete || new Promise(done => {"
        " img.addEventListener('load', done); img.addEventListener('error', done); })"
    )
    natural_width, current_src = img.evaluate("img => [img.naturalWidth, img.currentSrc]")
    assert natural_width > 0, f"the image at {current_src} did not load"


def in_document_order(page: Page, named: dict[str, Locator]) -> list[str]:
    """The names, sorted by where their (single) elements stand in the DOM."""
    handles = [locator.element_handle() for locator in named.values()]
    order = page.evaluate(
        "els => els.map((el, i) => i).sort((a, b) =>"
        " a === b ? 0 : els[a].compareDocumentPosition(els[b])"
        " & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)",
        handles,
    )
    names = list(named)
    return [names[i] for i in order]


def tops(named: dict[str, Locator]) -> dict[str, float]:
    boxes = {name: locator.bounding_box() for name, locator in named.items()}
    assert None not in boxes.values(), f"not rendered: {[n for n, b in boxes.items() if not b]}"
    return {name: box["y"] for name, box in boxes.items() if box}


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Wagtail")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_reader_sees_the_wire_article_top_to_bottom(page: Page, newsroom: str) -> None:
    failures = failed_requests(page)
    page.goto(newsroom + "/")
    page.get_by_role("link", name=WIRE_STORY["headline"]).click()
    expect(page).to_have_url(wire_story_url(newsroom))

    photo = WIRE_STORY["photo"]
    section = next(s for s in SECTIONS if s["slug"] == WIRE_STORY["section"])
    crossheads = [value for kind, value in WIRE_STORY["body"] if kind == "crosshead"]
    quotes = [value["text"] for kind, value in WIRE_STORY["body"] if kind == "quote"]
    article = page.locator("article.article")
    body = article.locator(".article__body")
    parts = {
        "lead photo": article.locator("figure.article__lead img"),
        "caption": article.locator("figure.article__lead figcaption .caption"),
        "credit": article.locator("figure.article__lead figcaption .credit"),
        "headline": article.get_by_role("heading", level=1),
        "standfirst": article.locator(".article__standfirst"),
        "byline": article.locator(".byline"),
        "dateline": article.locator(".dateline"),
        "published time": article.locator(".published time"),
        "body": body,
        "crosshead": body.locator("h2.crosshead").first,
        "quote": body.locator("blockquote").first,
        "copyright": article.locator(".article__copyright"),
        "section link": article.locator(".article__section").get_by_role("link"),
        "tags": article.get_by_role("list", name="Tags"),
    }
    for locator in parts.values():
        expect(locator).to_be_visible()
    wait_until_loaded(parts["lead photo"])
    expect(parts["lead photo"]).to_have_attribute("alt", photo["alt"])
    expect(parts["caption"]).to_have_text(photo["caption"])
    expect(parts["credit"]).to_have_text(photo["credit"])
    expect(parts["headline"]).to_have_text(WIRE_STORY["headline"])
    expect(parts["standfirst"]).to_have_text(WIRE_STORY["standfirst"])
    expect(parts["byline"]).to_have_text("By Northwire")
    expect(parts["dateline"]).to_have_text(WIRE_STORY["dateline"])
    expect(article.locator(".published")).to_have_text(
        re.compile(r"^Published \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$")
    )
    published = dt.datetime.fromisoformat(parts["published time"].get_attribute("datetime") or "")
    hours_ago = (timezone.now() - published) / dt.timedelta(hours=1)
    assert hours_ago == pytest.approx(WIRE_STORY["hours_ago"], abs=0.5)
    expect(body.locator("h2.crosshead")).to_have_text(crossheads)
    expect(body.locator("blockquote > p")).to_have_text(quotes)
    expect(parts["copyright"]).to_have_text(WIRE_STORY["copyright_notice"])
    expect(parts["section link"]).to_have_text(section["title"])
    expect(parts["section link"]).to_have_attribute("href", f"/{section['slug']}/")
    tags = parts["tags"].get_by_role("listitem").all_inner_texts()
    assert sorted(tags) == sorted(WIRE_STORY["tags"])

    # Top to bottom, in the markup (what a screen reader follows) and on the screen. The footer
    # files the story under its section first, then lists the tags.
    assert in_document_order(page, parts) == list(parts)
    y = tops(parts)
    assert list(y.values()) == sorted(y.values()), f"out of order on screen: {y}"

    # The page as a whole: one h1, the landmarks, a language, alt text, nothing failing to load.
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"\w"))
    images = page.locator("img")
    assert images.count() >= 1
    no_alt = images.evaluate_all(
        "imgs => imgs.filter(img => !(img.getAttribute('alt') || '').trim())"
        ".map(img => img.outerHTML)"
    )
    assert no_alt == []
    page.wait_for_load_state("networkidle")
    assert failures == []


def test_the_article_reads_well_on_a_phone(
    browser_context: Callable[..., BrowserContext], newsroom: str
) -> None:
    phone = browser_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(wire_story_url(newsroom))
    lead = page.locator("figure.article__lead img")
    wait_until_loaded(lead)

    inner_width, scroll_width = page.evaluate(
        "[window.innerWidth, document.documentElement.scrollWidth]"
    )
    assert inner_width == PHONE["width"]
    assert scroll_width <= inner_width, "the article scrolls sideways on a phone"
    box = lead.bounding_box()
    assert box is not None
    assert box["width"] <= inner_width
    assert box["x"] >= 0 and box["x"] + box["width"] <= inner_width


def test_the_editor_can_log_in_to_the_admin(page: Page, newsroom: str) -> None:
    log_in(page, newsroom, "editor", demo.DEMO_PASSWORD)

    expect(page).to_have_url(newsroom + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text(django_settings.WAGTAIL_SITE_NAME)
    sidebar = page.get_by_role("complementary", name="Sidebar")
    expect(sidebar.get_by_role("link", name="Dashboard")).to_be_visible()
    # The editor is a sub-editor, and sub-editors may ingest wire copy.
    wire = sidebar.get_by_role("link", name="Wire ingest")
    expect(wire).to_be_visible()
    expect(wire).to_have_attribute("href", "/admin/wire/")


def test_a_wrong_password_gets_a_clear_message(page: Page, newsroom: str) -> None:
    log_in(page, newsroom, "editor", "not-the-" + demo.DEMO_PASSWORD)

    expect(page.get_by_role("status")).to_have_text(WRONG_LOGIN)
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Wagtail")
    expect(page.get_by_label("Password")).to_be_empty()
