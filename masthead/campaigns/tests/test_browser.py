"""Appeals in a real Chromium against a live server: a signed-out reader sees the banner,
dismisses it, reads on, and sees the end-of-article appeal; what they saw and clicked is counted
for the variant they were given. Readers without JavaScript see the plain default appeal; a
signed-in supporter sees none.

The contribution goes through the support app's test mode, which moves no money.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from masthead.campaigns.models import Campaign, DailyTally
from masthead.campaigns.tests.base import CONTROL, make_campaign
from masthead.lib.testing import make_article, make_home, make_section, make_user
from masthead.news.models import ArticlePage

try:
    from masthead.support.actions import claim_contribution
    from masthead.support.models import Contribution

    SUPPORT_TEST_MODE = bool(getattr(settings, "STRIPE_TEST_MODE", False))
except ImportError:  # the support app is not there yet: the walk-through stops at its door
    SUPPORT_TEST_MODE = False

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BANNER_VARIANTS = [
    CONTROL,
    {
        "key": "b",
        "is_control": False,
        "heading": "You have read {articles_read} articles this month",
        "body": "Readers like you keep us going.",
        "button_text": "Support us",
        "amounts": "",
    },
]
END_VARIANTS = [
    {
        "key": "epic",
        "is_control": True,
        "heading": "Before you go: you read {articles_read} articles",
        "body": "We are {goal_percent} of the way to our goal: {goal_progress}.",
        "button_text": "Contribute now",
        "amounts": "5, 10",
    }
]


@pytest.fixture
def newsroom(live_server: LiveServer) -> dict[str, Any]:
    cache.clear()
    home = make_home()
    politics = make_section(home, "Politics")
    articles = [
        make_article(politics, title=f"Harbour story {n}", slug=f"harbour-story-{n}")
        for n in range(1, 4)
    ]
    banner = make_campaign("Banner", variants=BANNER_VARIANTS, priority=10)
    end = make_campaign(
        "Epic",
        variants=END_VARIANTS,
        show_as_banner=False,
        show_at_end=True,
        min_articles_read=3,
        goal_amount=5000,
    )
    return {
        "publisher": make_user("publisher", is_superuser=True, is_staff=True),
        "url": live_server.url,
        "articles": [live_server.url + a.url for a in articles],
        "banner": banner,
        "end": end,
    }


def session_cookie(base_url: str, user: Any) -> Any:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def counters(campaign: Campaign, variant: str) -> tuple[int, int, int]:
    tally = DailyTally.objects.filter(campaign=campaign, variant=variant).first()
    return (tally.views, tally.clicks, tally.dismissals) if tally else (0, 0, 0)


def wait_for_counters(campaign: Campaign, variant: str, want: tuple[int, int, int]) -> None:
    """Beacons arrive a moment after the click that sent them."""
    deadline = time.monotonic() + 10
    while counters(campaign, variant) != want and time.monotonic() < deadline:
        time.sleep(0.1)
    assert counters(campaign, variant) == want


def test_a_reader_dismisses_the_banner_reads_on_answers_the_end_appeal_and_contributes(
    page: Page, newsroom: dict[str, Any], browser_context: Callable[..., BrowserContext]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    first, second, third = newsroom["articles"]
    banner_campaign, end_campaign = newsroom["banner"], newsroom["end"]

    page.goto(first)
    banner = page.locator("[data-appeal-slot=article_top] .appeal--banner")
    expect(banner).to_be_visible()
    expect(page.locator("[data-appeal-default]")).to_have_count(0)  # replaced by the campaign
    expect(banner).to_have_attribute("data-viewed", "")
    variant = banner.get_attribute("data-variant")
    assert variant in ("control", "b")
    if variant == "b":
        expect(banner.locator("h2")).to_have_text("You have read 1 articles this month")
    expect(page.locator("[data-appeal-slot=article_end]")).to_be_hidden()  # read only one
    wait_for_counters(banner_campaign, variant, (1, 0, 0))

    # The same browser keeps its variant.
    page.reload()
    expect(banner).to_have_attribute("data-variant", variant)
    expect(banner).to_have_attribute("data-viewed", "")
    wait_for_counters(banner_campaign, variant, (2, 0, 0))

    banner.get_by_role("button", name="Maybe later").click()
    expect(page.locator("[data-appeal-slot=article_top]")).to_be_hidden()
    wait_for_counters(banner_campaign, variant, (2, 0, 1))

    page.goto(second)
    expect(page.locator("html[data-appeals=ready]")).to_have_count(1)
    expect(page.locator(".appeal")).to_have_count(0)  # dismissed, and two articles read

    page.goto(third)
    end = page.locator("[data-appeal-slot=article_end] .appeal--end")
    expect(end).to_be_attached()
    expect(page.locator("[data-appeal-slot=article_top]")).to_be_hidden()
    expect(end.locator("h2")).to_have_text("Before you go: you read 3 articles")
    expect(end).to_contain_text("0% of the way to our goal: €0 of €5,000")
    end.scroll_into_view_if_needed()
    expect(end).to_have_attribute("data-viewed", "")
    wait_for_counters(end_campaign, "epic", (1, 0, 0))

    end.get_by_role("link", name="€10").click()
    page.wait_for_url("**/support/?**")
    query = parse_qs(urlsplit(page.url).query)
    article = ArticlePage.objects.get(slug="harbour-story-3")
    assert query == {
        "campaign": [str(end_campaign.pk)],
        "variant": ["epic"],
        "article": [str(article.pk)],
        "amount": ["10"],
    }
    wait_for_counters(end_campaign, "epic", (1, 1, 0))
    assert counters(banner_campaign, variant) == (2, 0, 1)

    if not SUPPORT_TEST_MODE:
        assert not errors
        return
    # The support app's test mode: no card, no money, the same fulfilment.
    page.locator("input[name=email]").fill("nell@example.org")
    page.get_by_role("button", name="Continue (test mode)").click()
    page.get_by_role("button", name="Complete test contribution").click()
    page.wait_for_url("**/support/thanks/**")
    contribution = Contribution.objects.get(status="paid")
    assert (contribution.campaign_id, contribution.variant) == (end_campaign.pk, "epic")
    assert (contribution.article_id, contribution.amount) == (article.pk, 1000)

    # The publisher's results screen counts the view, the click and the contribution.
    admin = browser_context()
    admin.add_cookies([session_cookie(newsroom["url"], newsroom["publisher"])])
    screen = admin.new_page()
    screen.goto(newsroom["url"] + reverse("campaign_results", args=[end_campaign.pk]))
    row = screen.locator("tr[data-variant=epic]")
    expect(row.locator("[data-views]")).to_have_text("1")
    expect(row.locator("[data-clicks]")).to_have_text("1")
    expect(row.locator("[data-conversions]")).to_have_text("1")
    expect(row).to_contain_text("€10")  # revenue
    expect(row).to_contain_text("€10,000")  # revenue per 1,000 views

    # Once the reader has the contribution on their account and signs in, appeals stop.
    reader = make_user("nell", verified=True)
    claim_contribution(contribution, reader)
    signed_in = browser_context()
    signed_in.add_cookies([session_cookie(newsroom["url"], reader)])
    supporter_page = signed_in.new_page()
    for url in (first, third):
        supporter_page.goto(url)
        supporter_page.wait_for_load_state("networkidle")
        expect(supporter_page.locator(".appeal")).to_have_count(0)
        expect(supporter_page.locator("html[data-appeals]")).to_have_count(0)
    assert not errors


def test_i_already_support_hides_every_appeal_from_then_on(
    page: Page, newsroom: dict[str, Any]
) -> None:
    page.goto(newsroom["articles"][0])
    banner = page.locator(".appeal--banner")
    banner.get_by_role("button", name="I already support").click()
    expect(page.locator(".appeal")).to_have_count(0)
    for url in newsroom["articles"]:
        page.goto(url)
        expect(page.locator("html[data-appeals]")).to_have_count(0)  # stopped before fetching
        expect(page.locator(".appeal")).to_have_count(0)


def test_without_javascript_a_signed_out_reader_sees_the_default_appeal(
    browser_context: Callable[..., BrowserContext], newsroom: dict[str, Any]
) -> None:
    page = browser_context(java_script_enabled=False).new_page()
    page.goto(newsroom["articles"][0])
    default = page.locator("[data-appeal-default]")
    expect(default).to_be_visible()
    expect(default.get_by_role("link", name="Contribute")).to_have_attribute(
        "href", f"/support/?article={ArticlePage.objects.get(slug='harbour-story-1').pk}"
    )


def test_a_signed_in_supporter_sees_no_appeal(
    browser_context: Callable[..., BrowserContext], newsroom: dict[str, Any]
) -> None:
    context = browser_context()
    context.add_cookies([session_cookie(newsroom["url"], make_user("supporter", verified=True))])
    page = context.new_page()
    # The live server runs in this process: the support app's answer is replaced at the one
    # place campaigns asks it.
    with mock.patch("masthead.campaigns.actions.reader_is_supporter", return_value=True):
        page.goto(newsroom["articles"][0])
        expect(page.locator("html[data-appeals]")).to_have_count(0)
        page.wait_for_load_state("networkidle")
        expect(page.locator(".appeal")).to_have_count(0)
    with mock.patch("masthead.campaigns.actions.reader_is_supporter", return_value=False):
        page.goto(newsroom["articles"][0])
        expect(page.locator(".appeal--banner")).to_be_visible()


def test_the_first_campaign_that_matches_and_can_be_filled_wins_until_its_cap(
    page: Page, newsroom: dict[str, Any]
) -> None:
    Campaign.objects.all().delete()
    make_campaign("Elsewhere", variants=[CONTROL], priority=30, tags=["no-such-tag"])
    make_campaign(
        "No goal",
        priority=20,
        variants=[{**CONTROL, "heading": "We are at {goal_progress}"}],
    )
    capped = make_campaign("Fallback", variants=[CONTROL], priority=10, max_views=1)
    first, second, _ = newsroom["articles"]

    page.goto(first)
    banner = page.locator(".appeal--banner")
    expect(banner).to_have_attribute("data-campaign", str(capped.pk))
    expect(banner.locator("h2")).to_have_text(CONTROL["heading"])
    expect(banner).to_have_attribute("data-viewed", "")
    wait_for_counters(capped, "control", (1, 0, 0))

    page.goto(second)  # seen once already: the cap of one view is reached
    expect(page.locator("html[data-appeals=ready]")).to_have_count(1)
    expect(page.locator(".appeal")).to_have_count(0)
    assert counters(capped, "control") == (1, 0, 0)
