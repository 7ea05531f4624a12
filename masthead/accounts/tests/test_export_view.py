import json

import time_machine
from django.test import Client

from masthead.accounts.tests.base import ReaderHistoryTestCase


class ExportViewTests(ReaderHistoryTestCase):
    def test_it_needs_a_signed_in_reader(self) -> None:
        for method in (self.client.get, self.client.post):
            response = method("/accounts/settings/data/")
            self.assertRedirects(
                response,
                "/accounts/login/?next=/accounts/settings/data/",
                fetch_redirect_response=False,
            )

    def test_the_page_says_what_the_download_contains(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get("/accounts/settings/data/")
        self.assertContains(response, "Download your data")
        self.assertContains(response, "never contains your password")
        self.assertContains(response, '<form method="post">')

    def test_posting_downloads_the_readers_data_as_a_dated_json_file(self) -> None:
        self.client.force_login(self.reader)
        with time_machine.travel("2026-03-14 12:00 +00:00", tick=False):
            response = self.client.post("/accounts/settings/data/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="masthead-data-2026-03-14.json"'
        )
        self.assertIn("no-store", response["Cache-Control"])
        data = json.loads(response.content)
        self.assertEqual(data["account"]["username"], "reader")
        self.assertEqual({c["id"] for c in data["comments"]}, {self.answered.pk, self.lonely.pk})

    def test_the_download_needs_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reader)
        self.assertEqual(client.post("/accounts/settings/data/").status_code, 403)
        page = client.get("/accounts/settings/data/")
        token = page.context["csrf_token"]
        response = client.post("/accounts/settings/data/", {"csrfmiddlewaretoken": token})
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
