"""The article page with appeals: the same bytes for every signed-out reader, no extra queries
for a live campaign, and the plain default appeal for readers without JavaScript."""

from __future__ import annotations

import json
import re

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from masthead.campaigns.models import AppealSettings
from masthead.campaigns.tests.base import make_campaign
from masthead.lib.testing import NewsroomTestCase


@override_settings(PAGE_CACHE_SECONDS=0)  # every request renders the page
class ArticlePageTests(NewsroomTestCase):
    def count_queries(self) -> int:
        self.client.get(self.article.url)  # renditions are created on first view
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(self.article.url).status_code, 200)
        return len(queries)

    def test_a_live_campaign_adds_no_query_to_the_article_page(self) -> None:
        without = self.count_queries()
        make_campaign(sections=[self.politics], tags=["harbour"], show_at_end=True)
        make_campaign("Second", goal_amount=1000)
        with self.assertNumQueries(without):
            self.client.get(self.article.url)

    def test_a_live_campaign_adds_no_query_for_a_signed_in_reader(self) -> None:
        self.client.force_login(self.reader)
        without = self.count_queries()
        make_campaign()
        with self.assertNumQueries(without):
            self.client.get(self.article.url)

    def test_two_signed_out_readers_get_byte_identical_pages(self) -> None:
        make_campaign(show_at_end=True)
        first = self.client_class().get(self.article.url, REMOTE_ADDR="192.0.2.1")
        second = self.client_class().get(
            self.article.url, REMOTE_ADDR="198.51.100.2", HTTP_USER_AGENT="Another browser"
        )
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.content, second.content)
        self.assertFalse(first.cookies)
        self.assertIn(b"data-appeal-slot", first.content)

    @override_settings(PAGE_CACHE_SECONDS=600)
    def test_the_page_stays_in_the_whole_page_cache(self) -> None:
        make_campaign()
        first = self.client_class().get(self.article.url)
        second = self.client_class().get(self.article.url)
        self.assertEqual(first["X-Page-Cache"], "miss")
        self.assertEqual(second["X-Page-Cache"], "hit")
        self.assertEqual(first.content, second.content)

    def test_both_slots_carry_what_the_script_targets_on(self) -> None:
        html = self.client.get(self.article.url).content.decode()
        slots = re.findall(r'<div class="appeal-slot[^>]*>', html)
        self.assertEqual(len(slots), 2)
        self.assertIn('data-appeal-slot="article_top"', slots[0])
        self.assertIn('data-appeal-slot="article_end"', slots[1])
        self.assertIn(f'data-article="{self.article.pk}"', slots[0])
        self.assertIn(f'data-section="{self.politics.pk}"', slots[0])
        tags = re.search(r'data-tags="([^"]*)"', slots[0])
        assert tags is not None
        self.assertEqual(json.loads(tags.group(1).replace("&quot;", '"')), ["council", "harbour"])
        self.assertEqual(html.count("campaigns/campaigns.js"), 1)

    def test_signed_out_readers_get_the_default_appeal_from_the_settings(self) -> None:
        appeal = AppealSettings.for_site(Site.objects.get(is_default_site=True))
        appeal.heading = "Keep the Courier independent"
        appeal.button_text = "Give now"
        appeal.save()
        html = self.client.get(self.article.url).content.decode()
        self.assertIn("Keep the Courier independent", html)
        self.assertIn(f'href="/support/?article={self.article.pk}">Give now</a>', html)
        self.assertNotIn("<noscript", html)

    def test_the_publisher_can_switch_the_default_appeal_off(self) -> None:
        appeal = AppealSettings.for_site(Site.objects.get(is_default_site=True))
        appeal.show_default_appeal = False
        appeal.save()
        self.assertNotContains(self.client.get(self.article.url), "data-appeal-default")

    def test_signed_in_readers_get_no_default_appeal_and_the_script_asks_about_them(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get(self.article.url)
        self.assertNotContains(response, "data-appeal-default")
        self.assertContains(response, "data-signed-in")
