"""Contributions in the admin: read-only, for the publisher."""

from __future__ import annotations

from django.urls import reverse

from masthead.lib.testing import make_user
from masthead.support import actions
from masthead.support.tests.base import SupportTestCase

INDEX = reverse("contributions:index")


class ContributionAdminTests(SupportTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The publisher: may see every contribution in the admin, and change none.
        cls.publisher = make_user("publisher", "Publishers")
        cls.boss = make_user("boss", is_superuser=True, is_staff=True)

    def setUp(self) -> None:
        super().setUp()
        self.gift = actions.fulfil_contribution(
            self.pending(email="giver@example.org", campaign_id=3).pk
        )
        assert self.gift is not None

    def test_the_publisher_sees_the_contributions(self) -> None:
        self.client.force_login(self.publisher)
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "giver@example.org")
        self.assertContains(response, "EUR 10")
        inspect = self.client.get(reverse("contributions:inspect", args=[self.gift.pk]))
        self.assertEqual(inspect.status_code, 200)

    def test_the_listing_filters_by_status(self) -> None:
        self.pending(email="waiting@example.org")
        self.client.force_login(self.publisher)
        response = self.client.get(INDEX, {"status": "paid"})
        self.assertContains(response, "giver@example.org")
        self.assertNotContains(response, "waiting@example.org")

    def test_the_menu_shows_contributions_to_the_publisher_only(self) -> None:
        self.client.force_login(self.publisher)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), INDEX)
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), INDEX)

    def test_other_staff_and_readers_may_not_see_them(self) -> None:
        for user in (self.editor, self.moderator):
            self.client.force_login(user)
            response = self.client.get(INDEX)
            self.assertIn(response.status_code, (302, 403), user.username)
        self.client.force_login(self.reader)
        self.assertEqual(self.client.get(INDEX).status_code, 302)

    def test_nobody_may_add_edit_or_delete_not_even_a_superuser(self) -> None:
        for user in (self.publisher, self.boss):
            self.client.force_login(user)
            for url in (
                reverse("contributions:add"),
                reverse("contributions:edit", args=[self.gift.pk]),
                reverse("contributions:delete", args=[self.gift.pk]),
            ):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 403), (user.username, url))
            self.client.post(reverse("contributions:delete", args=[self.gift.pk]))
        self.gift.refresh_from_db()
        self.assertEqual(self.gift.status, "paid")

    def test_a_superuser_may_look(self) -> None:
        self.client.force_login(self.boss)
        self.assertEqual(self.client.get(INDEX).status_code, 200)

    def test_the_publisher_edits_the_support_settings(self) -> None:
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        url = reverse("wagtailsettings:edit", args=["support", "supportsettings", site.pk])
        self.client.force_login(self.publisher)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.force_login(self.editor)
        self.assertIn(self.client.get(url).status_code, (302, 403))
