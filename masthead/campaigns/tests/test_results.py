"""The results maths and the publisher's results screen."""

from __future__ import annotations

import unittest
from unittest import mock

from django.db import DatabaseError
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from masthead.campaigns import results
from masthead.campaigns.models import DailyTally
from masthead.campaigns.tests.base import make_campaign
from masthead.lib.testing import NewsroomTestCase, make_user


class IntervalTests(SimpleTestCase):
    """Known numbers from Newcombe (1998), Statistics in Medicine 17, 857-872 and 873-890."""

    def assertInterval(self, got: tuple[float, float] | None, want: tuple[float, float]) -> None:
        assert got is not None
        self.assertAlmostEqual(got[0], want[0], places=4)
        self.assertAlmostEqual(got[1], want[1], places=4)

    def test_wilson_interval_of_one_proportion(self) -> None:
        self.assertInterval(results.wilson_interval(81, 263), (0.2553, 0.3662))
        self.assertInterval(results.wilson_interval(0, 10), (0.0, 0.2775))
        self.assertInterval(results.wilson_interval(15, 148), (0.0624, 0.1605))

    def test_difference_of_two_proportions(self) -> None:
        # Newcombe's method 10 on 56/70 against 48/80: 0.0524 to 0.3339.
        self.assertInterval(results.difference_interval(56, 70, 48, 80), (0.0524, 0.3339))
        # ... and 9/10 against 3/10: 0.1705 to 0.8090.
        self.assertInterval(results.difference_interval(9, 10, 3, 10), (0.1705, 0.8090))

    def test_no_interval_without_views(self) -> None:
        self.assertIsNone(results.difference_interval(0, 0, 5, 100))
        self.assertIsNone(results.difference_interval(5, 100, 0, 0))

    def test_rates_and_revenue_per_thousand_views(self) -> None:
        row = results.VariantResult("b", False, views=2000, clicks=50, conversions=4)
        row.revenue = {"EUR": 6000}
        self.assertEqual(row.click_rate, 0.025)
        self.assertEqual(row.conversion_rate, 0.002)
        self.assertEqual(row.revenue_per_mille, {"EUR": 3000.0})
        self.assertIsNone(results.VariantResult("c", False).click_rate)
        self.assertEqual(results.VariantResult("c", False).revenue_per_mille, {})


class ResultsScreenTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.publisher = make_user("publisher", is_superuser=True, is_staff=True)
        cls.campaign = make_campaign()
        today = timezone.localdate()
        DailyTally.objects.create(
            campaign=cls.campaign, variant="control", day=today, views=80, clicks=48
        )
        DailyTally.objects.create(
            campaign=cls.campaign, variant="b", day=today, views=70, clicks=56, dismissals=3
        )

    def test_it_sums_the_days_and_compares_each_variant_with_the_control(self) -> None:
        control, b = results.campaign_results(self.campaign)
        self.assertEqual((control.key, control.views, control.clicks), ("control", 80, 48))
        self.assertEqual((b.key, b.views, b.clicks, b.dismissals), ("b", 70, 56, 3))
        assert b.click_interval is not None
        self.assertAlmostEqual(b.click_interval[0], 0.0524, places=4)
        self.assertAlmostEqual(b.click_interval[1], 0.3339, places=4)
        self.assertIsNone(control.click_interval)

    def test_without_the_support_app_there_are_no_conversions(self) -> None:
        with mock.patch.object(results, "contribution_model", return_value=None):
            rows = results.campaign_results(self.campaign)
        self.assertEqual([row.conversions for row in rows], [0, 0])

    def test_a_missing_contributions_table_shows_no_conversions(self) -> None:
        broken = mock.Mock()
        broken.objects.filter.side_effect = DatabaseError("no such table")
        with mock.patch.object(results, "contribution_model", return_value=broken):
            rows = results.campaign_results(self.campaign)
        self.assertEqual([row.conversions for row in rows], [0, 0])

    @unittest.skipUnless(results.contribution_model(), "the support app has no Contribution yet")
    def test_paid_contributions_count_as_conversions_and_revenue(self) -> None:
        model = results.contribution_model()
        assert model is not None
        common = {"campaign_id": self.campaign.pk, "currency": "EUR", "frequency": "one_off"}
        model.objects.create(
            variant="b", status="paid", amount=1000, paid_at=timezone.now(), **common
        )
        model.objects.create(
            variant="b", status="paid", amount=2500, paid_at=timezone.now(), **common
        )
        model.objects.create(variant="b", status="pending", amount=9900, **common)
        model.objects.create(variant="control", status="failed", amount=500, **common)
        control, b = results.campaign_results(self.campaign)
        self.assertEqual((control.conversions, b.conversions), (0, 2))
        self.assertEqual(b.revenue, {"EUR": 3500})
        self.assertEqual(b.revenue_per_mille, {"EUR": 50000.0})

    def test_the_publisher_sees_the_table(self) -> None:
        self.client.force_login(self.publisher)
        response = self.client.get(reverse("campaign_results", args=[self.campaign.pk]))
        self.assertContains(response, 'data-variant="b"')
        self.assertContains(response, "80.00%")  # b's click rate: 56 of 70
        self.assertContains(response, "+5.24 to +33.39 points")
        index = self.client.get(reverse("campaign_results_index"))
        self.assertContains(index, self.campaign.name)

    def test_readers_and_moderators_may_not_see_it(self) -> None:
        url = reverse("campaign_results", args=[self.campaign.pk])
        for user in (self.moderator, self.reader, self.editor):
            self.client.force_login(user)
            response = self.client.get(url)
            # Wagtail's admin turns the refusal into a redirect with a message.
            self.assertIn(response.status_code, (302, 403), user)
            self.assertNotIn(b"data-results", response.content)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_an_unknown_campaign_is_not_found(self) -> None:
        self.client.force_login(self.publisher)
        self.assertEqual(
            self.client.get(reverse("campaign_results", args=[99999])).status_code, 404
        )

    def test_the_campaign_listing_links_to_each_campaigns_results(self) -> None:
        self.client.force_login(self.publisher)
        response = self.client.get(reverse("wagtailsnippets_campaigns_campaign:list"))
        self.assertContains(response, reverse("campaign_results", args=[self.campaign.pk]))


class PublishersGroupTests(NewsroomTestCase):
    def test_a_member_of_publishers_writes_campaigns_and_sees_their_results(self) -> None:
        from masthead.lib.testing import make_user

        member = make_user("publisher_in_group", "Publishers")
        for permission in (
            "campaigns.add_campaign",
            "campaigns.change_campaign",
            "campaigns.publish_campaign",
            "campaigns.change_appealsettings",
            "support.view_contribution",
        ):
            with self.subTest(permission):
                self.assertTrue(member.has_perm(permission))
        self.client.force_login(member)
        self.assertEqual(self.client.get(reverse("campaign_results_index")).status_code, 200)
