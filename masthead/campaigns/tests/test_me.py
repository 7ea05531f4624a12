"""GET /campaigns/me.json and POST /campaigns/already-support/: what the support app says about
the reader, never cached."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from masthead.lib.testing import NewsroomTestCase


class MeTests(NewsroomTestCase):
    url = reverse("campaigns:me")

    def test_a_signed_out_reader_is_not_a_supporter(self) -> None:
        response = self.client.get(self.url)
        self.assertEqual(response.json(), {"signed_in": False, "supporter": False})
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_a_signed_in_reader_learns_what_the_support_app_says(self) -> None:
        self.client.force_login(self.reader)
        with mock.patch("masthead.campaigns.actions.reader_is_supporter", return_value=True):
            data = self.client.get(self.url).json()
        self.assertTrue(data["supporter"])
        self.assertTrue(data["signed_in"])
        self.assertTrue(data["csrf_token"])
        with mock.patch("masthead.campaigns.actions.reader_is_supporter", return_value=False):
            self.assertFalse(self.client.get(self.url).json()["supporter"])

    def test_it_asks_the_support_app_when_it_is_there(self) -> None:
        self.client.force_login(self.reader)
        try:
            import masthead.support.actions  # noqa: F401
        except ImportError:
            # Until the support half lands nobody is a supporter.
            self.assertFalse(self.client.get(self.url).json()["supporter"])
            return
        with mock.patch("masthead.support.actions.is_supporter", return_value=True) as asked:
            self.assertTrue(self.client.get(self.url).json()["supporter"])
        asked.assert_called_once()

    def test_it_only_answers_reads(self) -> None:
        self.assertEqual(self.client.post(self.url).status_code, 405)


class AlreadySupportTests(NewsroomTestCase):
    url = reverse("campaigns:already_support")

    def test_a_signed_in_reader_is_recorded_through_the_support_app(self) -> None:
        self.client.force_login(self.reader)
        with mock.patch(
            "masthead.campaigns.actions.declare_reader_support", return_value=True
        ) as declared:
            response = self.client.post(self.url)
        self.assertEqual(response.json(), {"recorded": True})
        declared.assert_called_once_with(self.reader)

    def test_a_signed_out_reader_is_remembered_by_the_browser_only(self) -> None:
        with mock.patch("masthead.campaigns.actions.declare_reader_support") as declared:
            self.assertEqual(self.client.post(self.url).json(), {"recorded": False})
        declared.assert_not_called()

    def test_a_form_post_goes_back_to_the_article_but_never_off_site(self) -> None:
        self.client.force_login(self.reader)
        with mock.patch("masthead.campaigns.actions.declare_reader_support", return_value=True):
            back = self.client.post(self.url, {"next": self.article.url})
            away = self.client.post(self.url, {"next": "https://evil.example/"})
        self.assertRedirects(back, self.article.url, fetch_redirect_response=False)
        self.assertEqual(away.status_code, 200)

    def test_it_needs_a_csrf_token_from_a_signed_in_reader(self) -> None:
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.reader)
        self.assertEqual(client.post(self.url).status_code, 403)

    def test_the_support_app_then_counts_the_reader_as_a_supporter(self) -> None:
        try:
            from masthead.support.actions import is_supporter
        except ImportError:
            self.skipTest("the support app has no actions yet")
        self.client.force_login(self.reader)
        self.assertFalse(self.client.get(reverse("campaigns:me")).json()["supporter"])
        self.assertEqual(self.client.post(self.url).json(), {"recorded": True})
        self.assertTrue(is_supporter(self.reader))
        self.assertTrue(self.client.get(reverse("campaigns:me")).json()["supporter"])

    def test_it_is_a_post(self) -> None:
        self.assertEqual(self.client.get(self.url).status_code, 405)
