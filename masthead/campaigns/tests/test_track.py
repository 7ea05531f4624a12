"""POST /campaigns/track/: views, clicks and dismissals counted per campaign, variant and day."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from masthead.campaigns import actions, views
from masthead.campaigns.models import DailyTally
from masthead.campaigns.tests.base import make_campaign
from masthead.lib.testing import NewsroomTestCase


class TrackTests(NewsroomTestCase):
    url = reverse("campaigns:track")

    def setUp(self) -> None:
        self.campaign = make_campaign()

    def send(self, **fields: str) -> int:
        data = {"campaign": str(self.campaign.pk), "variant": "b", "event": "view", **fields}
        return self.client.post(self.url, data).status_code

    def counters(self, variant: str = "b") -> tuple[int, int, int]:
        tally = DailyTally.objects.get(campaign=self.campaign, variant=variant)
        return (tally.views, tally.clicks, tally.dismissals)

    def test_it_counts_views_clicks_and_dismissals_in_one_row_per_day(self) -> None:
        for event in ("view", "view", "view", "click", "dismiss"):
            self.assertEqual(self.send(event=event), 204)
        self.assertEqual(self.counters(), (3, 1, 1))
        self.assertEqual(DailyTally.objects.count(), 1)

    def test_a_view_costs_one_update_once_the_days_row_exists(self) -> None:
        actions.record_event(campaign_id=self.campaign.pk, variant="b", event="view")
        with self.assertNumQueries(1):
            actions.record_event(campaign_id=self.campaign.pk, variant="b", event="view")
        self.assertEqual(self.counters(), (2, 0, 0))

    def test_each_variant_and_day_has_its_own_counters(self) -> None:
        self.send(variant="control")
        self.send(variant="b", event="click")
        with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
            self.send(variant="b", event="click")
        self.assertEqual(self.counters("control"), (1, 0, 0))
        self.assertEqual(
            list(DailyTally.objects.filter(variant="b").values_list("clicks", flat=True)), [1, 1]
        )

    def test_it_refuses_bad_input_and_counts_nothing(self) -> None:
        draft = make_campaign("Draft", publish=False)
        bad = [
            {"event": "purchase"},
            {"event": ""},
            {"campaign": "abc"},
            {"campaign": "-1"},
            {"campaign": "1" * 12},
            {"variant": "Not A Key"},
            {"variant": "x" * 51},
        ]
        for fields in bad:
            self.assertEqual(self.send(**fields), 400, fields)
        self.assertEqual(self.send(campaign=str(draft.pk)), 404)
        self.assertEqual(self.send(campaign="999999"), 404)
        self.assertEqual(self.send(variant="zzz"), 404)
        self.assertEqual(self.client.get(self.url).status_code, 405)
        self.assertFalse(DailyTally.objects.exists())

    def test_it_refuses_a_large_body(self) -> None:
        response = self.client.post(
            self.url,
            {"campaign": str(self.campaign.pk), "variant": "b", "event": "view", "x": "y" * 600},
        )
        self.assertEqual(response.status_code, 413)
        self.assertFalse(DailyTally.objects.exists())

    def test_it_refuses_a_malformed_content_length(self) -> None:
        request = RequestFactory().post(self.url, {"campaign": str(self.campaign.pk)})
        request.META["CONTENT_LENGTH"] = "lots"
        self.assertEqual(views.track(request).status_code, 400)

    def test_a_client_that_sends_too_much_is_slowed_down(self) -> None:
        for _ in range(views.TRACK_QUOTA.limit):
            self.assertEqual(self.send(), 204)
        response = self.client.post(
            self.url, {"campaign": str(self.campaign.pk), "variant": "b", "event": "view"}
        )
        self.assertEqual(response.status_code, 429)
        self.assertTrue(int(response["Retry-After"]) > 0)
        self.assertEqual(self.counters(), (views.TRACK_QUOTA.limit, 0, 0))
        # Another reader is not held back.
        other = self.client_class(REMOTE_ADDR="192.0.2.7")
        data = {"campaign": str(self.campaign.pk), "variant": "b", "event": "view"}
        self.assertEqual(other.post(self.url, data).status_code, 204)

    @override_settings(CSRF_COOKIE_SECURE=False)
    def test_it_needs_no_csrf_token_since_cached_pages_carry_none(self) -> None:
        client = self.client_class(enforce_csrf_checks=True)
        data = {"campaign": str(self.campaign.pk), "variant": "b", "event": "click"}
        self.assertEqual(client.post(self.url, data).status_code, 204)
