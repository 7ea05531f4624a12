"""The publisher's campaign snippet: drafts, publishing, the schedule, and the editor's rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from masthead.campaigns import description
from masthead.campaigns.models import Campaign
from masthead.campaigns.tests.base import CHALLENGER, CONTROL, make_campaign
from masthead.lib.testing import NewsroomTestCase, make_user
from masthead.news.tasks import publish_scheduled


def live_ids() -> list[int]:
    description.forget()
    return [c["id"] for c in description.active()["campaigns"]]


def form(variants: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    data = {
        "name": "Spring appeal",
        "show_as_banner": "on",
        "priority": "1",
        "min_articles_read": "0",
        "articles_read_days": "30",
        "max_views": "4",
        "cap_days": "30",
        "dismiss_days": "7",
        "goal_currency": "EUR",
        "tags": "",
        "go_live_at": "",
        "expire_at": "",
        "variants": inline_formset(variants, min=1),
        **fields,
    }
    return nested_form_data(data)


class CampaignSnippetTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The publisher: the site's administrator writes the appeals.
        cls.publisher = make_user("publisher", is_superuser=True, is_staff=True)

    def setUp(self) -> None:
        self.client.force_login(self.publisher)

    def test_a_saved_draft_is_not_shown_to_readers(self) -> None:
        campaign = make_campaign(publish=False)
        self.assertFalse(campaign.live)
        self.assertEqual(live_ids(), [])

    def test_publishing_puts_it_live_and_a_later_draft_changes_nothing_yet(self) -> None:
        campaign = make_campaign()
        self.assertEqual(live_ids(), [campaign.pk])
        campaign.name = "Renamed in a draft"
        campaign.variants.first().heading = "Draft heading"  # type: ignore[union-attr]
        campaign.save_revision()
        campaign.refresh_from_db()
        self.assertTrue(campaign.has_unpublished_changes)
        headings = [v["heading"] for v in description.active()["campaigns"][0]["variants"]]
        self.assertIn(CONTROL["heading"], headings)

    def test_unpublishing_takes_it_down_at_once(self) -> None:
        campaign = make_campaign()
        self.assertEqual(live_ids(), [campaign.pk])
        url = reverse("wagtailsnippets_campaigns_campaign:unpublish", args=[campaign.pk])
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.client.post(url).status_code, 302)
        campaign.refresh_from_db()
        self.assertFalse(campaign.live)
        self.assertEqual([c["id"] for c in description.active()["campaigns"]], [])

    def test_a_scheduled_campaign_goes_live_at_its_time_and_comes_down_at_its_expiry(self) -> None:
        go_live = timezone.now() + dt.timedelta(hours=2)
        campaign = make_campaign(publish=False, expire_at=go_live + dt.timedelta(days=1))
        campaign.go_live_at = go_live
        campaign.save_revision().publish()
        campaign.refresh_from_db()
        self.assertFalse(campaign.live)
        self.assertEqual(live_ids(), [])

        with time_machine.travel(go_live + dt.timedelta(seconds=30)):
            publish_scheduled.call()
            self.assertEqual(live_ids(), [campaign.pk])
        campaign.refresh_from_db()
        self.assertTrue(campaign.live)

        with time_machine.travel(go_live + dt.timedelta(days=1, seconds=30)):
            # Even before the minute's task runs, an expired campaign is not described.
            self.assertEqual(live_ids(), [])
            publish_scheduled.call()
        campaign.refresh_from_db()
        self.assertFalse(campaign.live)
        self.assertTrue(campaign.expired)

    def test_the_publisher_creates_and_publishes_one_in_the_admin(self) -> None:
        url = reverse("wagtailsnippets_campaigns_campaign:add")
        response = self.client.post(url, form([CONTROL, CHALLENGER], **{"action-publish": "1"}))
        self.assertEqual(response.status_code, 302, response.content[:2000])
        campaign = Campaign.objects.get()
        self.assertTrue(campaign.live)
        self.assertEqual([v.key for v in campaign.variants.all()], ["control", "b"])
        self.assertEqual(live_ids(), [campaign.pk])

    def test_the_admin_saves_a_draft_without_publishing(self) -> None:
        url = reverse("wagtailsnippets_campaigns_campaign:add")
        response = self.client.post(url, form([CONTROL]))
        self.assertEqual(response.status_code, 302)
        campaign = Campaign.objects.get()
        self.assertFalse(campaign.live)
        self.assertIsNotNone(campaign.latest_revision)

    def assert_refused(self, data: dict[str, Any], message: str) -> None:
        url = reverse("wagtailsnippets_campaigns_campaign:add")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertFalse(Campaign.objects.exists())

    def test_it_needs_exactly_one_control(self) -> None:
        self.assert_refused(
            form([CONTROL, {**CHALLENGER, "is_control": True}]),
            "exactly one variant as the control",
        )
        self.assert_refused(form([{**CONTROL, "is_control": False}]), "exactly one variant")

    def test_it_needs_distinct_variant_keys(self) -> None:
        self.assert_refused(form([CONTROL, {**CHALLENGER, "key": "control"}]), "its own key")

    def test_it_refuses_unknown_placeholders_and_stray_braces(self) -> None:
        self.assert_refused(
            form([{**CONTROL, "heading": "Hello {reader_name}"}]), "Unknown placeholder"
        )
        self.assert_refused(form([{**CONTROL, "body": "Oops { here"}]), "without its pair")

    def test_it_refuses_bad_amounts(self) -> None:
        self.assert_refused(form([{**CONTROL, "amounts": "5, ten"}]), "is not an amount")
        self.assert_refused(form([{**CONTROL, "amounts": "1,2,3,4,5,6,7"}]), "At most 6")

    def test_it_needs_a_placement(self) -> None:
        data = form([CONTROL])
        del data["show_as_banner"]
        self.assert_refused(data, "at least one placement")

    def test_preview_shows_every_variant_with_sample_numbers(self) -> None:
        campaign = make_campaign(goal_amount=5000)
        url = reverse("wagtailsnippets_campaigns_campaign:preview_on_edit", args=[campaign.pk])
        data = form([CONTROL, CHALLENGER], goal_amount="5000")
        self.assertEqual(
            self.client.post(url, data).json(), {"is_valid": True, "is_available": True}
        )
        response = self.client.get(url)
        self.assertContains(response, "Independent reporting needs you")
        self.assertContains(response, "You read 7 articles")
        self.assertContains(response, "€1,200 of €5,000")

    def test_preview_warns_when_a_placeholder_cannot_be_filled(self) -> None:
        campaign = make_campaign()
        url = reverse("wagtailsnippets_campaigns_campaign:preview_on_edit", args=[campaign.pk])
        self.client.post(url, form([CONTROL, CHALLENGER]))
        self.assertContains(self.client.get(url), "Not shown to readers while goal_progress")
