import datetime as dt

import time_machine
from django.utils import timezone

from masthead.lib.testing import NewsroomTestCase


class SettingsViewTests(NewsroomTestCase):
    def save(self, display_name: str, reply_notifications: bool = True):  # type: ignore[no-untyped-def]
        data = {"display_name": display_name}
        if reply_notifications:
            data["reply_notifications"] = "on"
        return self.client.post("/accounts/settings/", data)

    def test_it_needs_a_signed_in_reader(self) -> None:
        response = self.client.get("/accounts/settings/")
        self.assertRedirects(
            response, "/accounts/login/?next=/accounts/settings/", fetch_redirect_response=False
        )

    def test_it_links_to_the_data_download_and_account_deletion(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get("/accounts/settings/")
        self.assertContains(response, 'href="/accounts/settings/data/"')
        self.assertContains(response, 'href="/accounts/settings/delete/"')

    def test_a_reader_changes_their_display_name_once_a_day(self) -> None:
        self.client.force_login(self.reader)
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            self.assertRedirects(self.save("Harbour Watcher"), "/accounts/settings/")
            self.reader.refresh_from_db()
            self.assertEqual(self.reader.display_name, "Harbour Watcher")

            response = self.save("Quay Watcher")
            self.assertContains(
                response, "you can change it again in about 24 hours", status_code=400
            )
            self.reader.refresh_from_db()
            self.assertEqual(self.reader.display_name, "Harbour Watcher")
            # The refused name is not shown as if it were the reader's.
            self.assertNotContains(response, ">Quay Watcher</a>", status_code=400)

        with time_machine.travel(start + dt.timedelta(hours=23), tick=False):
            self.assertContains(self.save("Quay Watcher"), "about 1 hour", status_code=400)

        with time_machine.travel(start + dt.timedelta(days=1, minutes=1), tick=False):
            self.assertRedirects(self.save("Quay Watcher"), "/accounts/settings/")
            self.reader.refresh_from_db()
            self.assertEqual(self.reader.display_name, "Quay Watcher")

    def test_reply_emails_can_be_switched_off_without_touching_the_name_limit(self) -> None:
        self.client.force_login(self.reader)
        self.save("Reader", reply_notifications=False)
        self.reader.refresh_from_db()
        self.assertFalse(self.reader.reply_notifications)
        self.assertIsNone(self.reader.display_name_changed_at)

    def test_a_one_character_display_name_is_refused(self) -> None:
        self.client.force_login(self.reader)
        self.assertContains(self.save("  A "), "Use at least two characters.", status_code=400)
        self.reader.refresh_from_db()
        self.assertEqual(self.reader.display_name, "Reader")
