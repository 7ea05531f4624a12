"""Contributing in a real Chromium against the demo newsroom, in test mode (no money moves)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from masthead.newsroom import demo
from masthead.support.models import Contribution

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom(live_server: LiveServer, settings: Settings) -> str:
    cache.clear()
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_TEST_MODE = True
    demo.build()
    mail.outbox.clear()
    return live_server.url


def test_a_signed_out_reader_contributes_monthly_in_test_mode(page: Page, newsroom: str) -> None:
    page.goto(f"{newsroom}/support/?campaign=2&variant=b&amount=7")
    expect(page.locator(".support-test-mode").first).to_contain_text("No payment is taken")
    # Switching to monthly is a plain link that keeps where the reader came from.
    page.get_by_role("link", name="Monthly").click()
    expect(page.locator("input[name=frequency]")).to_have_value("monthly")
    page.get_by_label("EUR 10").check()
    page.get_by_label("Your e-mail address").fill("nell@example.org")
    page.get_by_role("button", name="Continue (test mode)").click()
    expect(page.get_by_role("heading", name="Test checkout")).to_be_visible()
    expect(page.locator("main")).to_contain_text("EUR 10")
    page.get_by_role("button", name="Complete test contribution").click()
    expect(page.get_by_role("heading", name="Thank you for your support")).to_be_visible()
    expect(page.locator("main")).to_contain_text("test mode: no money moved")

    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.frequency, contribution.amount) == (
        "paid",
        "monthly",
        1000,
    )
    assert (contribution.campaign_id, contribution.variant) == (2, "b")
    assert contribution.test_mode
    assert [m.to for m in mail.outbox] == [["nell@example.org"]]


def test_a_custom_amount_out_of_range_is_explained(page: Page, newsroom: str) -> None:
    page.goto(f"{newsroom}/support/")
    page.get_by_label("Other amount").fill("0.20")
    page.get_by_label("Your e-mail address").fill("nell@example.org")
    page.get_by_role("button", name="Continue (test mode)").click()
    expect(page.get_by_role("alert")).to_contain_text("The smallest contribution we can take is")
    assert not Contribution.objects.exists()
