from django.test import override_settings
from wagtail.models import Page

from masthead.lib.pagecache import HEADER
from masthead.lib.testing import NewsroomTestCase, make_photo


class PageCacheTests(NewsroomTestCase):
    def test_an_anonymous_reader_gets_the_second_view_from_the_cache_without_queries(self) -> None:
        first = self.client.get(self.article.url)
        self.assertEqual(first[HEADER], "miss")
        with self.assertNumQueries(0):
            second = self.client.get(self.article.url)
        self.assertEqual(second[HEADER], "hit")
        self.assertEqual(second.content, first.content)
        self.assertEqual(second["Content-Type"], first["Content-Type"])
        self.assertEqual(second["X-Frame-Options"], "DENY")

    def test_two_anonymous_readers_get_byte_identical_pages(self) -> None:
        from django.test import Client

        one, two = Client(), Client()
        self.assertEqual(one.get(self.article.url).content, two.get(self.article.url).content)

    def test_a_signed_in_reader_always_gets_a_fresh_page(self) -> None:
        self.client.get(self.article.url)
        self.client.force_login(self.reader)
        response = self.client.get(self.article.url)
        self.assertNotIn(HEADER, response)

    def test_publishing_purges_cached_pages(self) -> None:
        self.client.get(self.article.url)
        self.client.get("/politics/")
        revision = self.article.get_latest_revision_as_object()
        revision.title = "Council approves harbour plan at last"
        revision.save_revision().publish()
        self.assertContains(self.client.get(self.article.url), "at last")
        self.assertContains(self.client.get("/politics/"), "at last")

    def test_unpublishing_purges_cached_pages(self) -> None:
        self.client.get(self.article.url)
        Page.objects.get(pk=self.article.pk).specific.unpublish()
        self.assertEqual(self.client.get(self.article.url).status_code, 404)

    def test_changing_a_photo_credit_purges_cached_pages(self) -> None:
        self.client.get(self.article.url)
        self.photo.credit_line = "Harbour Authority"
        self.photo.save()
        self.assertContains(self.client.get(self.article.url), "Harbour Authority")

    def test_a_cache_outage_serves_pages_uncached_instead_of_failing(self) -> None:
        from unittest import mock

        # Only the page cache's own reads fail, so the test isolates how it degrades.
        with mock.patch("masthead.lib.pagecache._versions", side_effect=ConnectionError("down")):
            response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(HEADER, response)

    def test_a_visitor_with_a_flash_message_waiting_gets_a_fresh_page(self) -> None:
        self.client.get("/")
        self.assertEqual(self.client.get("/")[HEADER], "hit")
        self.client.cookies["messages"] = "a message waiting to be shown"
        self.assertNotIn(HEADER, self.client.get("/"))

    def test_purging_one_path_leaves_other_pages_cached(self) -> None:
        from masthead.lib import pagecache

        self.client.get(self.article.url)
        self.client.get(self.article.url, {"sort": "oldest"})
        self.client.get("/politics/")
        pagecache.purge_path(self.article.url)
        self.assertEqual(self.client.get(self.article.url)[HEADER], "miss")
        self.assertEqual(self.client.get(self.article.url, {"sort": "oldest"})[HEADER], "miss")
        self.assertEqual(self.client.get("/politics/")[HEADER], "hit")

    def test_not_found_pages_and_posts_are_not_cached(self) -> None:
        self.assertNotIn(HEADER, self.client.get("/politics/nothing-here/"))
        self.assertNotIn(HEADER, self.client.post(self.article.url))

    def test_query_strings_are_cached_separately(self) -> None:
        self.client.get("/politics/")
        self.assertEqual(self.client.get("/politics/", {"after": "x"})[HEADER], "miss")

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_it_can_be_switched_off(self) -> None:
        self.client.get(self.article.url)
        self.assertNotIn(HEADER, self.client.get(self.article.url))

    def test_a_page_that_sets_a_cookie_is_never_stored(self) -> None:
        from wagtail import hooks

        def set_cookie(page, request, serve_args, serve_kwargs):  # type: ignore[no-untyped-def]
            request.session["seen"] = True

        with hooks.register_temporarily("before_serve_page", set_cookie):
            response = self.client.get(self.article.url)
        self.assertIn("sessionid", response.cookies)
        self.assertNotIn(HEADER, response)
        make_photo()  # nothing else needed: the next anonymous view is a fresh miss
        self.assertEqual(self.client.__class__().get(self.article.url)[HEADER], "miss")
