"""masthead.campaigns.demo.build(): the demo newsroom's appeal."""

from __future__ import annotations

from masthead.campaigns import demo, description
from masthead.campaigns.models import Campaign
from masthead.lib.testing import NewsroomTestCase


class DemoTests(NewsroomTestCase):
    def test_it_publishes_one_campaign_with_two_variants_and_a_goal(self) -> None:
        demo.build()
        demo.build()  # a second run refreshes, never duplicates
        campaign = Campaign.objects.get()
        self.assertTrue(campaign.live)
        self.assertEqual(campaign.placements, ["article_top", "article_end"])
        self.assertEqual([v.key for v in campaign.variants.all()], ["control", "articles-read"])
        for variant in campaign.variants.all():
            variant.full_clean(exclude=["campaign"])
        (described,) = description.build()["campaigns"]
        self.assertEqual(described["goal"]["text"]["goal_amount"], "€5,000")
