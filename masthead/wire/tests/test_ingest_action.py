"""Ingesting wire copy: items become articles, newer versions update them, kills take them down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from unittest import mock

import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import Site

from masthead.lib.testing import NewsroomTestCase, jpeg_bytes, make_section
from masthead.news.models import RESERVED_SLUGS, ArticlePage, PublicationSettings
from masthead.news.tasks import publish_scheduled
from masthead.photos.models import Photo
from masthead.wire.actions import IngestResult, ingest_paths
from masthead.wire.models import WireItem
from masthead.wire.pictures import PictureError
from masthead.wire.tests.builders import (
    ALT_TEXT,
    CAPTION,
    CREDIT,
    NOTICE,
    PHOTOGRAPHER,
    STANDFIRST,
    Delivery,
    ninjs1_item,
    ninjs2_item,
)

URI = "urn:northwire:2025:ferry"
REMOTE_PICTURE = "https://pictures.northwire.example/2025/ferry.jpg"
EXPECTED_BODY = [
    ("paragraph", "<p>The ferry docked at <b>noon</b> on Tuesday.</p>"),
    ("crosshead", "Crowds on the quay"),
    ("quote", {"text": "It is good to have her back.", "attribution": "Ida Berg, harbourmaster"}),
    ("paragraph", "<p>Sailings resume on Monday.</p>"),
]


def body_of(page: ArticlePage) -> list[tuple[str, Any]]:
    return [(block["type"], block["value"]) for block in page.body.raw_data]


class IngestTestCase(NewsroomTestCase):
    """The cast, plus an empty delivery folder per test; Northwire copy lands in politics."""

    def setUp(self) -> None:
        self.delivery = Delivery.for_test(self)

    def ingest(self, *paths: Path, user: Any = None) -> list[IngestResult]:
        return ingest_paths(list(paths), user=self.editor if user is None else user)

    def ingest_one(self, item: dict[str, Any], name: str = "story.json") -> IngestResult:
        [result] = self.ingest(self.delivery.item(item, name))
        return result

    def page_of(self, result: IngestResult) -> ArticlePage:
        self.assertIsNotNone(result.page_id, str(result))
        return ArticlePage.objects.get(pk=result.page_id)

    def auto_publish_northwire(self) -> None:
        self.agency.auto_publish = True
        self.agency.save()

    def assert_failed_on(self, result: IngestResult, source: Path | str, field: str) -> None:
        """One line, naming the file and then the ninjs field to fix."""
        line = str(result)
        self.assertEqual(result.outcome, "failed", line)
        self.assertIsNone(result.page_id)
        self.assertNotIn("\n", line)
        self.assertTrue(line.startswith(f"{source}: failed: {field}"), line)


class IngestingAStoryTests(IngestTestCase):
    def test_a_ninjs_2_story_becomes_a_draft_article_in_the_wire_section(self) -> None:
        self.delivery.picture("ferry.jpg")

        result = self.ingest_one(ninjs2_item())

        self.assertEqual(result.outcome, "created", str(result))
        page = self.page_of(result)
        self.assertEqual(page.get_parent().specific, self.politics)
        self.assertFalse(page.live)
        self.assertEqual(page.title, "Ferry returns to Harwick harbour")
        self.assertEqual(page.slug, "ferry-returns-to-harwick-harbour")
        self.assertEqual(page.standfirst, STANDFIRST)
        self.assertEqual(page.dateline, "HARWICK")
        self.assertEqual(page.agency, self.agency)
        self.assertEqual(page.copyright_notice, NOTICE)
        self.assertEqual(page.copyright_holder, "Northwire News Agency")
        self.assertEqual(page.usage_terms, "Editorial use only")
        self.assertEqual(page.copyright_line, NOTICE)
        self.assertEqual(body_of(page), EXPECTED_BODY)
        self.assertEqual(sorted(page.tags.names()), ["ferry", "harbour"])

    def test_a_ninjs_2_story_brings_its_lead_photo_with_caption_alt_text_and_credit(self) -> None:
        picture = self.delivery.picture("ferry.jpg")

        page = self.page_of(self.ingest_one(ninjs2_item()))

        photo = page.lead_photo
        self.assertIsNotNone(photo)
        self.assertEqual(photo.caption, CAPTION)
        self.assertEqual(photo.description, ALT_TEXT)
        self.assertEqual(photo.photographer, PHOTOGRAPHER)
        self.assertEqual(photo.credit_line, CREDIT)
        self.assertEqual(photo.copyright_notice, NOTICE)
        self.assertEqual((photo.width, photo.height), (64, 40))
        with photo.file.open("rb") as stored:
            self.assertEqual(stored.read(), picture.read_bytes())
        self.assertEqual(page.caption, CAPTION)
        self.assertEqual(page.credit, CREDIT)

    def test_a_superdesk_ninjs_1_story_becomes_a_draft_article_with_its_picture(self) -> None:
        self.delivery.picture("ferry.jpg")

        result = self.ingest_one(ninjs1_item())

        self.assertEqual(result.outcome, "created", str(result))
        page = self.page_of(result)
        self.assertEqual(page.get_parent().specific, self.politics)
        self.assertFalse(page.live)
        self.assertEqual(page.title, "Ferry returns to Harwick harbour")
        self.assertEqual(page.standfirst, STANDFIRST)
        self.assertEqual(page.dateline, "HARWICK")
        # The by-line is a reporter's name; the agency is known by its copyright holder.
        self.assertEqual(page.agency, self.agency)
        self.assertEqual(page.copyright_notice, NOTICE)
        self.assertEqual(page.copyright_holder, "Northwire News Agency")
        self.assertEqual(page.usage_terms, "Editorial use only")
        self.assertEqual(page.copyright_line, NOTICE)
        self.assertEqual(body_of(page), EXPECTED_BODY)
        self.assertEqual(sorted(page.tags.names()), ["ferry", "harbour"])
        photo = page.lead_photo
        self.assertEqual(photo.caption, CAPTION)
        self.assertEqual(photo.description, ALT_TEXT)
        self.assertEqual(photo.photographer, PHOTOGRAPHER)
        self.assertEqual(photo.credit_line, CREDIT)

    def test_it_records_the_wire_item_so_later_versions_find_the_page(self) -> None:
        self.delivery.picture("ferry.jpg")

        result = self.ingest_one(ninjs2_item(version=4))

        item = WireItem.objects.get(uri=URI)
        self.assertEqual(item.version, 4)
        self.assertEqual(item.pubstatus, WireItem.Status.USABLE)
        self.assertEqual(item.page_id, result.page_id)
        self.assertEqual(item.agency, self.agency)

    def test_copy_of_an_agency_without_auto_publish_is_saved_as_a_draft_for_the_desk(
        self,
    ) -> None:
        result = self.ingest_one(ninjs2_item(picture=None))

        page = self.page_of(result)
        self.assertFalse(page.live)
        self.assertIsNone(page.live_revision)
        self.assertEqual(page.revisions.count(), 1)
        self.assertEqual(
            result.message, '"Ferry returns to Harwick harbour" saved as a draft for the desk'
        )

    def test_copy_of_an_agency_with_auto_publish_is_published_at_once(self) -> None:
        self.auto_publish_northwire()

        result = self.ingest_one(ninjs2_item(picture=None))

        page = self.page_of(result)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, page.latest_revision)
        self.assertIsNotNone(page.first_published_at)
        self.assertEqual(result.message, '"Ferry returns to Harwick harbour" published')

    def test_copy_of_an_agency_with_its_own_section_lands_there(self) -> None:
        business = make_section(self.home, "Business")
        self.agency.section = business
        self.agency.save()

        page = self.page_of(self.ingest_one(ninjs2_item(picture=None)))

        self.assertEqual(page.get_parent().specific, business)

    def test_copy_of_an_unknown_agency_lands_in_the_wire_section_without_an_agency(self) -> None:
        item = ninjs2_item(picture=None, by="Vale Press", copyrightholder="Vale Press Ltd")

        page = self.page_of(self.ingest_one(item))

        self.assertEqual(page.get_parent().specific, self.politics)
        self.assertIsNone(page.agency)
        self.assertFalse(page.live)

    def test_the_person_who_ingests_is_recorded_on_the_revision(self) -> None:
        page = self.page_of(self.ingest_one(ninjs2_item(picture=None)))

        self.assertEqual(page.latest_revision.user, self.editor)

    def test_a_second_story_with_the_same_headline_gets_its_own_address(self) -> None:
        first = self.page_of(self.ingest_one(ninjs2_item(picture=None)))
        second = self.page_of(
            self.ingest_one(ninjs2_item(uri="urn:northwire:2025:ferry-2", picture=None))
        )

        self.assertEqual(first.slug, "ferry-returns-to-harwick-harbour")
        self.assertEqual(second.slug, "ferry-returns-to-harwick-harbour-2")

    def test_a_headline_that_would_take_the_feed_address_does_not_stop_the_batch(self) -> None:
        # BUG: actions._unique_slug only avoids the slugs of existing siblings, not
        # news.models.RESERVED_SLUGS, so the headline "Feed" gives the slug "feed";
        # ArticlePage.clean() then raises ValidationError inside section.add_child(), and
        # ingest_story() only catches IngestError. The ValidationError escapes ingest_paths():
        # every later item of the batch is dropped (the command dies with a traceback, the
        # upload screen answers 500) instead of the item going in as "feed-2" or failing alone.
        path = self.delivery.item(
            [
                ninjs2_item(uri="urn:northwire:2025:feed", headline="Feed", picture=None),
                ninjs2_item(picture=None),
            ],
            "batch.json",
        )

        results = self.ingest(path)

        self.assertEqual([r.outcome for r in results], ["created", "created"])
        self.assertNotIn(self.page_of(results[0]).slug, RESERVED_SLUGS)


class NewerVersionTests(IngestTestCase):
    def test_a_newer_version_updates_the_page_as_a_new_revision(self) -> None:
        self.auto_publish_northwire()
        first = self.ingest_one(ninjs2_item(version=1, picture=None))
        pages_before = ArticlePage.objects.count()

        result = self.ingest_one(
            ninjs2_item(
                version=2, headline="Ferry back in Harwick after refit", picture=None, keywords=[]
            )
        )

        self.assertEqual(result.outcome, "updated", str(result))
        self.assertEqual(result.page_id, first.page_id)
        page = self.page_of(result)
        self.assertEqual(page.title, "Ferry back in Harwick after refit")
        self.assertEqual(page.revisions.count(), 2)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, page.latest_revision)
        self.assertEqual(sorted(page.tags.names()), [])
        self.assertEqual(ArticlePage.objects.count(), pages_before)
        item = WireItem.objects.get()
        self.assertEqual((item.uri, item.version, item.page_id), (URI, 2, page.pk))

    def test_a_newer_version_of_a_draft_story_becomes_its_latest_draft_revision(self) -> None:
        self.ingest_one(ninjs2_item(version=1, picture=None))

        result = self.ingest_one(
            ninjs2_item(version=2, headline="Ferry back in Harwick after refit", picture=None)
        )

        page = self.page_of(result)
        self.assertFalse(page.live)
        self.assertEqual(page.revisions.count(), 2)
        self.assertEqual(page.draft_title, "Ferry back in Harwick after refit")
        latest = page.get_latest_revision_as_object()
        self.assertEqual(latest.title, "Ferry back in Harwick after refit")
        self.assertEqual(result.message, f'"{latest.title}" saved as a draft for the desk')

    def test_an_older_version_is_ignored_and_changes_nothing(self) -> None:
        self.ingest_one(ninjs2_item(version=3, picture=None))

        result = self.ingest_one(ninjs2_item(version=2, headline="Stale headline", picture=None))

        self.assertEqual(result.outcome, "ignored", str(result))
        self.assertIn("version 2", result.message)
        self.assertIn("not newer than version 3", result.message)
        page = self.page_of(result)
        self.assertEqual(page.revisions.count(), 1)
        self.assertEqual(page.draft_title, "Ferry returns to Harwick harbour")
        self.assertEqual(WireItem.objects.get().version, 3)

    def test_the_same_version_again_is_ignored_and_changes_nothing(self) -> None:
        self.ingest_one(ninjs2_item(version=3, picture=None))

        result = self.ingest_one(ninjs2_item(version=3, headline="Same again", picture=None))

        self.assertEqual(result.outcome, "ignored", str(result))
        page = self.page_of(result)
        self.assertEqual(page.revisions.count(), 1)
        self.assertEqual(page.draft_title, "Ferry returns to Harwick harbour")
        self.assertEqual(ArticlePage.objects.filter(title="Same again").count(), 0)
        self.assertEqual(WireItem.objects.get().version, 3)


class WithdrawalTests(IngestTestCase):
    def publish_then(self, pubstatus: str) -> tuple[IngestResult, ArticlePage]:
        self.auto_publish_northwire()
        page = self.page_of(self.ingest_one(ninjs2_item(version=1, picture=None)))
        self.assertTrue(page.live)
        result = self.ingest_one(ninjs2_item(version=2, pubstatus=pubstatus, picture=None))
        page.refresh_from_db()
        return result, page

    def test_a_canceled_item_takes_the_live_page_down(self) -> None:
        result, page = self.publish_then("canceled")

        self.assertEqual(result.outcome, "withdrawn", str(result))
        self.assertEqual(
            result.message,
            f'{URI} is canceled by the agency: "Ferry returns to Harwick harbour" taken down '
            "and locked",
        )
        self.assertFalse(page.live)
        self.assertTrue(page.locked)
        item = WireItem.objects.get()
        self.assertEqual((item.version, item.pubstatus), (2, WireItem.Status.CANCELED))

    def test_a_withheld_item_takes_the_live_page_down(self) -> None:
        result, page = self.publish_then("withheld")

        self.assertEqual(result.outcome, "withdrawn", str(result))
        self.assertIn("withheld by the agency", result.message)
        self.assertFalse(page.live)
        item = WireItem.objects.get()
        self.assertEqual((item.version, item.pubstatus), (2, WireItem.Status.WITHHELD))

    def test_a_kill_for_a_story_never_seen_creates_no_page(self) -> None:
        pages_before = ArticlePage.objects.count()

        result = self.ingest_one(ninjs2_item(version=3, pubstatus="canceled", picture=None))

        self.assertEqual(result.outcome, "withdrawn", str(result))
        self.assertIn("nothing was published for it", result.message)
        self.assertIsNone(result.page_id)
        self.assertEqual(ArticlePage.objects.count(), pages_before)
        item = WireItem.objects.get()
        self.assertEqual((item.version, item.pubstatus, item.page), (3, "canceled", None))

    def test_after_a_kill_an_older_usable_version_is_ignored(self) -> None:
        self.ingest_one(ninjs2_item(version=3, pubstatus="canceled", picture=None))
        pages_before = ArticlePage.objects.count()

        result = self.ingest_one(ninjs2_item(version=2, picture=None))

        self.assertEqual(result.outcome, "ignored", str(result))
        self.assertEqual(ArticlePage.objects.count(), pages_before)
        self.assertEqual(WireItem.objects.get().pubstatus, WireItem.Status.CANCELED)

    def test_a_kill_of_an_embargoed_story_stops_it_going_live_at_the_embargo(self) -> None:
        # BUG: actions._ingest only calls page.unpublish() when page.live is True. An
        # auto-published story under embargo is not live yet: it waits as a revision with
        # approved_go_live_at set. A canceled/withheld version leaves that revision scheduled
        # (and reports '"…" taken down'), so publish_scheduled puts the killed story live once
        # the embargo passes. Wagtail's unpublish clears approved_go_live_at only for live pages.
        self.auto_publish_northwire()
        embargo = (timezone.now() + dt.timedelta(hours=2)).replace(microsecond=0)
        page = self.page_of(
            self.ingest_one(ninjs2_item(version=1, embargoed=embargo.isoformat(), picture=None))
        )
        self.ingest_one(ninjs2_item(version=2, pubstatus="canceled", picture=None))

        with time_machine.travel(embargo + dt.timedelta(minutes=1), tick=False):
            publish_scheduled.call()

        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertFalse(page.revisions.filter(approved_go_live_at__isnull=False).exists())

    def test_a_killed_draft_is_locked_so_the_desk_does_not_publish_it(self) -> None:
        page = self.page_of(self.ingest_one(ninjs2_item(version=1, picture=None)))
        result = self.ingest_one(ninjs2_item(version=2, pubstatus="canceled", picture=None))
        page.refresh_from_db()
        self.assertIn("locked so it is not published", result.message)
        self.assertTrue(page.locked)
        self.assertIsNone(page.locked_by)

    def test_a_story_re_released_after_a_kill_is_unlocked_and_usable_again(self) -> None:
        self.auto_publish_northwire()
        self.ingest_one(ninjs2_item(version=1, picture=None))
        self.ingest_one(ninjs2_item(version=2, pubstatus="withheld", picture=None))
        page = self.page_of(self.ingest_one(ninjs2_item(version=3, picture=None)))
        self.assertTrue(page.live)
        self.assertFalse(page.locked)


class EmbargoTests(IngestTestCase):
    def test_an_embargoed_auto_published_story_is_scheduled_not_live(self) -> None:
        self.auto_publish_northwire()
        embargo = (timezone.now() + dt.timedelta(hours=2)).replace(microsecond=0)

        result = self.ingest_one(ninjs2_item(embargoed=embargo.isoformat(), picture=None))

        page = self.page_of(result)
        self.assertFalse(page.live)
        self.assertEqual(page.go_live_at, embargo)
        revision = page.latest_revision
        self.assertEqual(revision.approved_go_live_at, embargo)
        self.assertIn("(embargo)", result.message)
        self.assertIn(f"scheduled for {timezone.localtime(embargo):%Y-%m-%d %H:%M}", result.message)

    def test_an_embargoed_story_goes_live_when_the_embargo_passes(self) -> None:
        self.auto_publish_northwire()
        embargo = (timezone.now() + dt.timedelta(hours=2)).replace(microsecond=0)
        page = self.page_of(
            self.ingest_one(ninjs2_item(embargoed=embargo.isoformat(), picture=None))
        )

        with time_machine.travel(embargo - dt.timedelta(minutes=1), tick=False):
            publish_scheduled.call()
        page.refresh_from_db()
        self.assertFalse(page.live)

        with time_machine.travel(embargo + dt.timedelta(minutes=1), tick=False):
            publish_scheduled.call()
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, page.latest_revision)

    def test_an_embargo_already_past_publishes_at_once(self) -> None:
        self.auto_publish_northwire()
        embargo = timezone.now() - dt.timedelta(hours=1)

        result = self.ingest_one(ninjs2_item(embargoed=embargo.isoformat(), picture=None))

        page = self.page_of(result)
        self.assertTrue(page.live)
        self.assertIsNone(page.go_live_at)
        self.assertTrue(result.message.endswith(" published"), result.message)


class PictureTests(IngestTestCase):
    def test_the_same_picture_twice_reuses_one_photo_and_refreshes_its_credit(self) -> None:
        self.delivery.picture("ferry.jpg", colour="#123456")
        self.delivery.picture("ferry-again.jpg", colour="#123456")
        first = self.page_of(self.ingest_one(ninjs2_item(), "first.json"))
        photos_before = Photo.objects.count()

        second = self.page_of(
            self.ingest_one(
                ninjs2_item(
                    uri="urn:northwire:2025:ferry-timetable",
                    headline="Ferry timetable published",
                    picture="ferry-again.jpg",
                    credit="NORTHWIRE / Kari Dahl",
                ),
                "second.json",
            )
        )

        self.assertEqual(Photo.objects.count(), photos_before)
        self.assertEqual(second.lead_photo_id, first.lead_photo_id)
        photo = Photo.objects.get(pk=first.lead_photo_id)
        self.assertEqual(photo.credit_line, "NORTHWIRE / Kari Dahl")

    def test_a_different_picture_becomes_a_new_photo(self) -> None:
        self.delivery.picture("ferry.jpg", colour="#123456")
        self.delivery.picture("quay.jpg", colour="#abcdef")
        first = self.page_of(self.ingest_one(ninjs2_item(), "first.json"))

        second = self.page_of(
            self.ingest_one(
                ninjs2_item(uri="urn:northwire:2025:quay", picture="quay.jpg"), "second.json"
            )
        )

        self.assertNotEqual(second.lead_photo_id, first.lead_photo_id)

    def test_a_remote_picture_is_downloaded_through_the_picture_wrapper(self) -> None:
        with mock.patch(
            "masthead.wire.pictures.fetch_remote", return_value=jpeg_bytes(64, 40)
        ) as fetch:
            page = self.page_of(self.ingest_one(ninjs2_item(picture=REMOTE_PICTURE)))

        fetch.assert_called_once_with(REMOTE_PICTURE)
        self.assertEqual(page.lead_photo.credit_line, CREDIT)
        self.assertEqual(Path(page.lead_photo.file.name).suffix, ".jpg")


class BadInputTests(IngestTestCase):
    """Each bad item gives one line naming its file and field; nothing of it goes in."""

    def good_story(self) -> Path:
        self.delivery.picture("good.jpg", colour="#00ff00")
        return self.delivery.item(
            ninjs2_item(uri="urn:northwire:2025:good", headline="Quay reopens", picture="good.jpg"),
            "good.json",
        )

    def assert_the_good_story_went_in(self, result: IngestResult) -> None:
        self.assertEqual(result.outcome, "created", str(result))
        self.assertEqual(self.page_of(result).title, "Quay reopens")

    def assert_nothing_of(self, uri: str, *, photos: int | None = None) -> None:
        self.assertFalse(WireItem.objects.filter(uri=uri).exists())
        self.assertFalse(
            ArticlePage.objects.filter(title="Ferry returns to Harwick harbour").exists()
        )
        if photos is not None:
            self.assertEqual(Photo.objects.count(), photos)

    def test_invalid_json_is_reported_and_the_other_files_still_go_in(self) -> None:
        broken = self.delivery.text('{"uri": "urn:northwire:2025:ferry", ', "broken.json")

        bad, good = self.ingest(broken, self.good_story())

        self.assert_failed_on(bad, broken, "(file): invalid JSON at line 1")
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI)

    def test_an_item_without_a_headline_is_reported_by_field(self) -> None:
        item = ninjs2_item(picture=None)
        del item["headlines"]
        path = self.delivery.item(item)

        bad, good = self.ingest(path, self.good_story())

        self.assert_failed_on(bad, path, "headlines: missing")
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI)

    def test_a_ninjs_1_item_without_a_headline_is_reported_by_field(self) -> None:
        item = ninjs1_item(picture=None)
        del item["headline"]
        path = self.delivery.item(item)

        bad, good = self.ingest(path, self.good_story())

        self.assert_failed_on(bad, path, "headline: missing")
        self.assert_the_good_story_went_in(good)

    def test_an_item_of_unknown_shape_is_reported(self) -> None:
        path = self.delivery.item({"uri": URI, "title": "Ferry returns", "text": "It docked."})

        bad, good = self.ingest(path, self.good_story())

        self.assert_failed_on(bad, path, "headline: unknown shape")
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI)

    def test_a_missing_picture_file_is_reported_by_field(self) -> None:
        path = self.delivery.item(ninjs2_item(picture="not-delivered.jpg"))
        photos_before = Photo.objects.count()

        bad, good = self.ingest(path, self.good_story())

        self.assert_failed_on(bad, path, "associations[0].renditions[0].href")
        self.assertIn('"not-delivered.jpg" not found', bad.message)
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI, photos=photos_before + 1)

    def test_a_file_that_is_not_a_picture_is_reported_and_nothing_of_it_goes_in(self) -> None:
        self.delivery.text("This is a caption, not a picture.", "ferry.jpg")
        path = self.delivery.item(ninjs2_item(picture="ferry.jpg"))
        photos_before = Photo.objects.count()

        bad, good = self.ingest(path, self.good_story())

        self.assert_failed_on(bad, path, "picture (ferry.jpg)")
        self.assertIn('"ferry.jpg" is not a picture Masthead can read', bad.message)
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI, photos=photos_before + 1)

    def test_a_failed_picture_download_is_reported_and_nothing_of_it_goes_in(self) -> None:
        path = self.delivery.item(ninjs2_item(picture=REMOTE_PICTURE))
        photos_before = Photo.objects.count()
        failure = PictureError(f"could not download {REMOTE_PICTURE}: ConnectionError")

        with mock.patch("masthead.wire.pictures.fetch_remote", side_effect=failure) as fetch:
            bad, good = self.ingest(path, self.good_story())

        fetch.assert_called_once_with(REMOTE_PICTURE)
        self.assert_failed_on(bad, path, f"picture ({REMOTE_PICTURE}): could not download")
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI, photos=photos_before + 1)

    def test_without_a_wire_section_it_points_to_the_publication_settings(self) -> None:
        settings = PublicationSettings.for_site(Site.objects.get(is_default_site=True))
        settings.wire_section = None
        settings.save()
        self.delivery.picture("ferry.jpg")
        path = self.delivery.item(ninjs2_item())
        photos_before = Photo.objects.count()

        [result] = self.ingest(path)

        self.assert_failed_on(result, path, "(section)")
        self.assertIn("Settings > Publication", result.message)
        self.assert_nothing_of(URI, photos=photos_before)

    def test_a_list_with_one_bad_and_one_good_item_imports_the_good_one(self) -> None:
        bad_item = ninjs2_item(picture=None)
        del bad_item["headlines"]
        good_item = ninjs2_item(uri="urn:northwire:2025:good", headline="Quay reopens")
        self.delivery.picture("ferry.jpg")
        path = self.delivery.item([bad_item, good_item], "batch.json")

        bad, good = self.ingest(path)

        self.assert_failed_on(bad, path, "headlines: missing")
        self.assertEqual(good.source, f"{path}[1]")
        self.assert_the_good_story_went_in(good)
        self.assert_nothing_of(URI)


class PermissionTests(IngestTestCase):
    def test_a_reader_may_not_ingest(self) -> None:
        path = self.delivery.item(ninjs2_item(picture=None))

        with self.assertRaises(PermissionDenied):
            ingest_paths([path], user=self.reader)

        self.assertFalse(WireItem.objects.exists())

    def test_a_writer_may_not_ingest(self) -> None:
        path = self.delivery.item(ninjs2_item(picture=None))

        with self.assertRaises(PermissionDenied):
            ingest_paths([path], user=self.writer)

        self.assertFalse(WireItem.objects.exists())

    def test_someone_who_may_ingest_but_not_publish_leaves_a_draft_for_the_desk(self) -> None:
        from django.contrib.auth.models import Permission

        self.auto_publish_northwire()
        self.writer.user_permissions.add(Permission.objects.get(codename="ingest_wire"))
        writer = type(self.writer).objects.get(pk=self.writer.pk)  # fresh permission cache

        [result] = ingest_paths([self.delivery.item(ninjs2_item(picture=None))], user=writer)

        self.assertEqual(result.outcome, "created", str(result))
        self.assertIn("you may not publish, so the desk must", result.message)
        self.assertFalse(self.page_of(result).live)

    def test_an_editor_may_ingest(self) -> None:
        path = self.delivery.item(ninjs2_item(picture=None))

        [result] = ingest_paths([path], user=self.editor)

        self.assertEqual(result.outcome, "created", str(result))
        self.assertTrue(WireItem.objects.filter(uri=URI).exists())
