"""manage.py ingest: one line per item, a non-zero exit when anything failed."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import CommandError, call_command

from masthead.lib.testing import NewsroomTestCase
from masthead.news.models import ArticlePage
from masthead.wire.models import WireItem
from masthead.wire.tests.builders import Delivery, ninjs1_item, ninjs2_item


class IngestCommandTests(NewsroomTestCase):
    def setUp(self) -> None:
        self.delivery = Delivery.for_test(self)

    def ingest(self, *paths: Path | str) -> list[str]:
        """Run the command; the lines it printed."""
        out = io.StringIO()
        call_command("ingest", *map(str, paths), stdout=out)
        return out.getvalue().splitlines()

    def ingest_failing(self, *paths: Path | str) -> tuple[CommandError, list[str]]:
        out = io.StringIO()
        with self.assertRaises(CommandError) as caught:
            call_command("ingest", *map(str, paths), stdout=out)
        return caught.exception, out.getvalue().splitlines()

    def test_it_prints_one_line_per_item_and_finishes_normally_when_all_went_in(self) -> None:
        self.delivery.picture("ferry.jpg")
        path = self.delivery.item(
            [ninjs2_item(), ninjs1_item(headline="Quay reopens", picture=None)], "batch.json"
        )

        lines = self.ingest(path)

        draft = "saved as a draft for the desk"
        self.assertEqual(
            lines,
            [
                f'{path}: created: "Ferry returns to Harwick harbour" {draft}',
                f'{path}[1]: created: "Quay reopens" {draft}',
                "2 of 2 items handled.",
            ],
        )
        self.assertEqual(WireItem.objects.count(), 2)

    def test_a_command_line_ingest_needs_no_user_and_records_none(self) -> None:
        path = self.delivery.item(ninjs2_item(picture=None))

        self.ingest(path)

        page = ArticlePage.objects.get(wire_items__uri="urn:northwire:2025:ferry")
        self.assertIsNone(page.latest_revision.user)

    def test_any_failure_makes_it_fail_saying_how_many_failed(self) -> None:
        bad = ninjs2_item(uri="urn:northwire:2025:bad", picture=None)
        del bad["headlines"]
        path = self.delivery.item([ninjs2_item(picture=None), bad], "batch.json")

        error, lines = self.ingest_failing(path)

        self.assertEqual(str(error), "1 of 2 items handled; 1 failed (see above).")
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith(f"{path}: created: "), lines[0])
        self.assertTrue(lines[1].startswith(f"{path}[1]: failed: headlines: missing"), lines[1])
        self.assertTrue(WireItem.objects.filter(uri="urn:northwire:2025:ferry").exists())
        self.assertFalse(WireItem.objects.filter(uri="urn:northwire:2025:bad").exists())

    def test_a_folder_ingests_every_json_file_in_it_in_sorted_order(self) -> None:
        # Written out of order: the listing order of a folder is the file system's, not sorted.
        for name in ("14-00.json", "09-15.json", "later/16-20.json", "11-45.json", "09-00.json"):
            headline = f"Harbour update {name.removesuffix('.json')}"
            self.delivery.item(
                ninjs2_item(uri=f"urn:{name}", headline=headline, picture=None), name
            )
        self.delivery.picture("ferry.jpg")
        self.delivery.text("not wire copy", "README.txt")

        lines = self.ingest(self.delivery.folder)

        folder = self.delivery.folder
        self.assertEqual(
            [line.split(": ")[0] for line in lines[:-1]],
            [
                str(folder / "09-00.json"),
                str(folder / "09-15.json"),
                str(folder / "11-45.json"),
                str(folder / "14-00.json"),
                str(folder / "later" / "16-20.json"),
            ],
        )
        self.assertEqual(lines[-1], "5 of 5 items handled.")
        self.assertEqual(ArticlePage.objects.filter(wire_items__isnull=False).count(), 5)

    def test_a_path_that_does_not_exist_is_reported_as_no_such_file(self) -> None:
        missing = self.delivery.folder / "tuesday.json"

        error, lines = self.ingest_failing(missing)

        self.assertEqual(lines, [f"{missing}: failed: (file): no such file or folder"])
        self.assertEqual(str(error), "0 of 1 items handled; 1 failed (see above).")

    def test_a_folder_without_json_files_is_an_error(self) -> None:
        self.delivery.picture("ferry.jpg")

        error, lines = self.ingest_failing(self.delivery.folder)

        self.assertEqual(lines, [])
        self.assertEqual(str(error), f"No .json files found in {self.delivery.folder}")
