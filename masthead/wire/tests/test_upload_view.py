"""The wire upload screen in the admin: who may use it, what it accepts, what it reports."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from masthead.lib.testing import NewsroomTestCase, jpeg_bytes
from masthead.news.models import ArticlePage
from masthead.wire.models import WireItem
from masthead.wire.tests.builders import json_bytes, ninjs1_item, ninjs2_item, zip_bytes

HEADLINE = "Ferry returns to Harwick harbour"


def soup(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def story_file(name: str = "story.json", **fields: object) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json_bytes(ninjs2_item(**fields)), "application/json")


def picture_file(name: str = "ferry.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(64, 40), "image/jpeg")


def zip_file(members: dict[str, bytes], name: str = "delivery.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, zip_bytes(members), "application/zip")


def messages_of(response: HttpResponse) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


class UploadViewTestCase(NewsroomTestCase):
    url = reverse("wire_upload")

    def upload(self, *files: SimpleUploadedFile, follow: bool = False) -> HttpResponse:
        return self.client.post(self.url, {"wire_files": list(files)}, follow=follow)

    def result_rows(self, response: HttpResponse) -> list[list[str]]:
        table = soup(response).find("table", id="wire-results")
        self.assertIsNotNone(table, "no results table")
        return [
            [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in table.tbody.find_all("tr")
        ]

    def form_errors(self, response: HttpResponse) -> list[str]:
        self.assertEqual(response.status_code, 200)
        return list(response.context["form"].errors.get("wire_files", []))

    def assert_nothing_ingested(self) -> None:
        self.assertFalse(WireItem.objects.exists())
        self.assertFalse(ArticlePage.objects.filter(title=HEADLINE).exists())


class UploadingTests(UploadViewTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.editor)

    def test_it_shows_the_form_and_says_nothing_has_come_in_yet(self) -> None:
        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        page = soup(response)
        field = page.find("input", attrs={"name": "wire_files"})
        self.assertEqual(field["type"], "file")
        self.assertTrue(field.has_attr("multiple"))
        self.assertEqual(page.find("form")["enctype"], "multipart/form-data")
        self.assertContains(response, "Nothing has come in from the wire yet.")
        self.assertIsNone(page.find("table", id="wire-results"))

    def test_a_json_file_with_its_picture_becomes_an_article_and_the_results_are_shown(
        self,
    ) -> None:
        response = self.upload(story_file(), picture_file())

        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        page = ArticlePage.objects.get(wire_items__uri="urn:northwire:2025:ferry")
        self.assertEqual(page.title, HEADLINE)
        self.assertEqual(page.get_parent().specific, self.politics)
        self.assertEqual(page.lead_photo.credit_line, "NORTHWIRE / Tor Lund")
        self.assertEqual(page.latest_revision.user, self.editor)

        shown = self.client.get(self.url)
        self.assertEqual(
            self.result_rows(shown),
            [["story.json", "created", f'"{HEADLINE}" saved as a draft for the desk · edit']],
        )
        edit = soup(shown).find("table", id="wire-results").find("a")
        self.assertEqual(edit["href"], reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertNotContains(shown, "Nothing has come in from the wire yet.")
        self.assertEqual(messages_of(shown), ["All 1 items handled."])

    def test_the_results_are_shown_once(self) -> None:
        self.upload(story_file(), picture_file())
        self.client.get(self.url)

        again = self.client.get(self.url)

        self.assertIsNone(soup(again).find("table", id="wire-results"))
        self.assertContains(again, HEADLINE)  # still listed under "Recently ingested"

    def test_a_failed_item_is_shown_as_failed_next_to_the_others(self) -> None:
        response = self.upload(
            story_file("good.json", picture=None),
            story_file("bad.json", uri="urn:northwire:2025:bad", picture="not-sent.jpg"),
            follow=True,
        )

        rows = self.result_rows(response)
        self.assertEqual(
            [row[:2] for row in rows], [["bad.json", "failed"], ["good.json", "created"]]
        )
        self.assertIn("associations[0].renditions[0].href", rows[0][2])
        self.assertEqual(messages_of(response), ["1 of 2 items did not go in."])
        self.assertEqual(
            list(WireItem.objects.values_list("uri", flat=True)), ["urn:northwire:2025:ferry"]
        )

    def test_a_zip_of_a_delivery_folder_is_unpacked_and_ingested(self) -> None:
        archive = zip_file(
            {
                "tuesday/story.json": json_bytes(ninjs1_item()),
                "tuesday/ferry.jpg": jpeg_bytes(64, 40),
            }
        )

        response = self.upload(archive, follow=True)

        self.assertEqual(
            self.result_rows(response)[0][:2], ["delivery/tuesday/story.json", "created"]
        )
        page = ArticlePage.objects.get(wire_items__uri="urn:newsml:sd.northwire.example:2025:ferry")
        self.assertEqual(page.title, HEADLINE)
        self.assertEqual(page.lead_photo.photographer, "Tor Lund")

    def test_a_zip_with_a_member_outside_its_folder_is_refused_and_nothing_is_ingested(
        self,
    ) -> None:
        archive = zip_file(
            {
                "story.json": json_bytes(ninjs2_item()),
                "ferry.jpg": jpeg_bytes(64, 40),
                "../evil.json": json_bytes(ninjs2_item(uri="urn:evil", picture=None)),
            }
        )

        response = self.upload(archive)

        self.assertEqual(
            self.form_errors(response),
            ["delivery.zip has a file outside its folder: ../evil.json"],
        )
        self.assert_nothing_ingested()

    def test_a_zip_that_is_not_a_zip_is_refused(self) -> None:
        response = self.upload(SimpleUploadedFile("delivery.zip", b"PK? not really"))

        self.assertEqual(
            self.form_errors(response), ["delivery.zip is not a readable zip archive."]
        )
        self.assert_nothing_ingested()

    def test_a_file_that_is_not_json_a_picture_or_a_zip_is_refused_by_name(self) -> None:
        response = self.upload(
            story_file(), picture_file(), SimpleUploadedFile("notes.txt", b"call the desk")
        )

        self.assertEqual(
            self.form_errors(response),
            ["These files are not ninjs JSON, pictures or zip archives: notes.txt."],
        )
        self.assert_nothing_ingested()

    def test_a_zip_with_no_json_inside_is_refused(self) -> None:
        response = self.upload(zip_file({"ferry.jpg": jpeg_bytes(64, 40)}))

        self.assertEqual(
            self.form_errors(response),
            ["The upload holds no .json wire items; nothing was ingested."],
        )
        self.assert_nothing_ingested()

    def test_pictures_without_a_json_file_are_refused(self) -> None:
        response = self.upload(picture_file(), picture_file("quay.jpg"))

        [error] = self.form_errors(response)
        self.assertIn("Add at least one .json", error)
        self.assert_nothing_ingested()

    def test_a_json_file_with_an_upper_case_extension_is_ingested(self) -> None:
        response = self.upload(story_file("STORY.JSON", picture=None), follow=True)

        self.assertEqual(self.result_rows(response)[0][:2], ["STORY.JSON", "created"])
        self.assertTrue(WireItem.objects.filter(uri="urn:northwire:2025:ferry").exists())


class WhoMayUploadTests(UploadViewTestCase):
    def test_a_reader_without_admin_access_is_sent_to_the_login_page(self) -> None:
        self.client.force_login(self.reader)

        response = self.client.get(self.url)

        self.assertRedirects(
            response,
            f"{reverse('wagtailadmin_login')}?next={self.url}",
            fetch_redirect_response=False,
        )

    def test_a_reader_cannot_upload(self) -> None:
        self.client.force_login(self.reader)

        response = self.upload(story_file(picture=None))

        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))
        self.assert_nothing_ingested()

    def test_the_writer_is_turned_back_to_the_dashboard_and_cannot_upload(self) -> None:
        # The writer may enter the admin but lacks wire.ingest_wire; Wagtail's admin turns the
        # PermissionDenied into a redirect to the dashboard with an error, not a 403.
        self.client.force_login(self.writer)

        response = self.upload(story_file(picture=None))

        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertEqual(
            messages_of(response), ["Sorry, you do not have permission to access this area."]
        )
        self.assert_nothing_ingested()

    def test_the_moderator_is_turned_back_to_the_dashboard(self) -> None:
        self.client.force_login(self.moderator)

        response = self.client.get(self.url)

        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertEqual(
            messages_of(response), ["Sorry, you do not have permission to access this area."]
        )

    def test_the_moderator_does_not_see_the_wire_menu_item(self) -> None:
        self.client.force_login(self.moderator)

        dashboard = self.client.get(reverse("wagtailadmin_home"))

        self.assertEqual(dashboard.status_code, 200)
        self.assertNotContains(dashboard, "Wire ingest")
        self.assertNotContains(dashboard, self.url)

    def test_the_editor_sees_the_wire_menu_item(self) -> None:
        self.client.force_login(self.editor)

        dashboard = self.client.get(reverse("wagtailadmin_home"))

        self.assertContains(dashboard, "Wire ingest")
        self.assertContains(dashboard, self.url)

    def test_an_upload_without_the_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)

        refused = client.post(self.url, {"wire_files": [story_file(picture=None)]})

        self.assertEqual(refused.status_code, 403)
        self.assert_nothing_ingested()
        # The same upload with the form's token goes in, so the token was what was missing.
        client.get(self.url)
        token = client.cookies["csrftoken"].value
        accepted = client.post(
            self.url, {"wire_files": [story_file(picture=None)], "csrfmiddlewaretoken": token}
        )
        self.assertRedirects(accepted, self.url, fetch_redirect_response=False)
        self.assertTrue(WireItem.objects.filter(uri="urn:northwire:2025:ferry").exists())
