from django.urls import reverse

from masthead.community.actions import thread_for
from masthead.lib.testing import NewsroomTestCase


class AdminThreadTests(NewsroomTestCase):
    def url(self) -> str:
        return reverse("community_thread", args=[self.article.pk])

    def test_a_sub_editor_closes_and_reopens_the_comments_of_an_article(self) -> None:
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(self.url()), "Close comments")
        response = self.client.post(self.url(), {"closed": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(thread_for(self.article).closed)
        self.assertContains(self.client.get(self.article.url), "Comments are closed")
        self.client.post(self.url(), {"closed": "0"})
        self.assertFalse(thread_for(self.article).closed)

    def test_a_moderator_may_too(self) -> None:
        self.client.force_login(self.moderator)
        self.client.post(self.url(), {"closed": "1"})
        self.assertTrue(thread_for(self.article).closed)

    def test_a_writer_may_not(self) -> None:
        self.client.force_login(self.writer)
        response = self.client.post(self.url(), {"closed": "1"})
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(thread_for(self.article).closed)

    def test_the_page_listing_offers_the_button_to_those_who_may_use_it(self) -> None:
        self.client.force_login(self.editor)
        explore = reverse("wagtailadmin_explore", args=[self.politics.pk])
        self.assertContains(self.client.get(explore), self.url())
        self.client.force_login(self.writer)
        self.assertNotContains(self.client.get(explore), self.url())

    def test_a_request_that_says_neither_open_nor_closed_changes_nothing(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.post(self.url(), {"closed": "maybe"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "closed=1", status_code=400)
        self.assertFalse(thread_for(self.article).closed)

    def test_an_unknown_article_is_not_found(self) -> None:
        self.client.force_login(self.editor)
        self.assertEqual(
            self.client.get(reverse("community_thread", args=[999999])).status_code, 404
        )
