"""GET /campaigns/active.json: the live campaigns as campaigns.js needs them, cacheable."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from masthead.campaigns.tests.base import CONTROL, make_campaign
from masthead.lib.testing import NewsroomTestCase


class ActiveJsonTests(NewsroomTestCase):
    url = reverse("campaigns:active")

    def test_it_lists_only_live_campaigns_highest_priority_first(self) -> None:
        low = make_campaign("Low", priority=1)
        high = make_campaign("High", priority=5, show_at_end=True)
        make_campaign("Draft", priority=9, publish=False)
        make_campaign("Expired", priority=9, expire_at=timezone.now() - dt.timedelta(minutes=1))
        data = self.client.get(self.url).json()
        self.assertEqual([c["id"] for c in data["campaigns"]], [high.pk, low.pk])
        self.assertEqual(data["campaigns"][0]["placements"], ["article_top", "article_end"])
        self.assertEqual(data["contribute_url"], "/support/")

    def test_it_describes_targeting_caps_and_variants(self) -> None:
        campaign = make_campaign(
            sections=[self.politics],
            tags=["Harbour"],
            min_articles_read=3,
            articles_read_days=14,
            max_views=2,
            cap_days=10,
            dismiss_days=3,
        )
        (described,) = self.client.get(self.url).json()["campaigns"]
        self.assertEqual(described["id"], campaign.pk)
        self.assertEqual(described["sections"], [self.politics.pk])
        self.assertEqual(described["tags"], ["harbour"])
        self.assertEqual(
            [described[k] for k in ("min_articles_read", "articles_read_days")], [3, 14]
        )
        self.assertEqual(
            [described[k] for k in ("max_views", "cap_days", "dismiss_days")], [2, 10, 3]
        )
        self.assertIsNone(described["goal"])
        control = described["variants"][0]
        self.assertEqual(control["key"], "control")
        self.assertTrue(control["control"])
        self.assertEqual(
            control["body"], ["Please contribute what you can.", "Every reader helps."]
        )
        self.assertEqual(
            control["amounts"],
            [
                {"value": 500, "param": "5", "label": "€5"},
                {"value": 1000, "param": "10", "label": "€10"},
            ],
        )

    def test_a_goal_comes_with_its_ticker_text(self) -> None:
        make_campaign(goal_amount=5000, variants=[CONTROL])
        goal = self.client.get(self.url).json()["campaigns"][0]["goal"]
        self.assertEqual(goal["amount"], 500000)
        self.assertEqual(goal["raised"], 0)
        self.assertEqual(goal["percent"], 0)
        self.assertEqual(goal["text"]["goal_progress"], "€0 of €5,000")

    def test_it_is_cacheable_and_the_same_for_everyone(self) -> None:
        make_campaign()
        anonymous = self.client.get(self.url)
        self.assertEqual(anonymous.status_code, 200)
        self.assertIn("public", anonymous["Cache-Control"])
        self.assertIn("max-age=60", anonymous["Cache-Control"])
        self.assertFalse(anonymous.cookies)
        self.client.force_login(self.reader)
        self.assertEqual(self.client.get(self.url).content, anonymous.content)

    def test_publishing_refreshes_the_cached_description(self) -> None:
        self.assertEqual(self.client.get(self.url).json()["campaigns"], [])
        with self.captureOnCommitCallbacks(execute=True):
            campaign = make_campaign()
        self.assertEqual(
            [c["id"] for c in self.client.get(self.url).json()["campaigns"]], [campaign.pk]
        )

    def test_it_only_answers_reads(self) -> None:
        self.assertEqual(self.client.post(self.url).status_code, 405)
