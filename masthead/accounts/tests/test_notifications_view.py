"""A reader's notifications page, the count in the header, and the warning banner."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.accounts.context_processors import notifications as inbox_context
from masthead.accounts.models import Notification, User
from masthead.lib.testing import NewsroomTestCase
from masthead.moderation.actions import acknowledge_warning, warn_reader

PAGE = "/accounts/notifications/"


def soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.content, "html.parser")


def text_of(node) -> str:  # type: ignore[no-untyped-def]
    assert node is not None, "element not found"
    return " ".join(node.get_text(" ").split())


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [text_of(h) for h in soup(response).select(".notification__title")]


def older_link(response) -> str:  # type: ignore[no-untyped-def]
    link = soup(response).select_one("a[rel=next]")
    return str(link["href"]) if link else ""


def tell(reader: User, count: int, *, start: dt.datetime | None = None) -> list[Notification]:
    """`count` report outcomes an hour apart, oldest first; every third shares the time of the
    one before it, so the page's order has ties to break."""
    start = start or timezone.now() - dt.timedelta(days=30)
    when = start
    made = []
    for n in range(count):
        if n % 3 != 2:
            when += dt.timedelta(hours=1)
        made.append(
            Notification(
                reader=reader,
                kind=Notification.Kind.REPORT_OUTCOME,
                title=f"Report outcome {n}",
                body=f"Outcome {n}.\n\nSecond paragraph.",
                created_at=when,
            )
        )
    return Notification.objects.bulk_create(made)


class NotificationsPageTests(NewsroomTestCase):
    def test_it_needs_a_signed_in_reader(self) -> None:
        self.assertRedirects(
            self.client.get(PAGE), f"/accounts/login/?next={PAGE}", fetch_redirect_response=False
        )

    def test_a_reader_sees_their_own_newest_first_with_body_date_and_link(self) -> None:
        tell(self.reader, 3)
        Notification.objects.create(
            reader=self.second_reader, kind="report", title="Not yours", body="."
        )
        Notification.objects.create(
            reader=self.reader,
            kind=Notification.Kind.STATEMENT,
            title="Your comment was removed",
            body="Your comment was removed from public view.",
            link="/moderation/statements/7/",
        )
        self.client.force_login(self.reader)
        response = self.client.get(PAGE)
        self.assertEqual(
            titles(response),
            [
                "Your comment was removed",
                "Report outcome 2",
                "Report outcome 1",
                "Report outcome 0",
            ],
        )
        newest = soup(response).select_one(".notification")
        self.assertIn("Statement of reasons", text_of(newest.select_one(".notification__meta")))
        self.assertIsNotNone(newest.select_one("time[datetime]"))
        self.assertEqual(
            newest.select_one(".notification__link a")["href"], "/moderation/statements/7/"
        )
        self.assertContains(response, "<p>Outcome 1.</p>\n\n<p>Second paragraph.</p>", html=False)

    def test_showing_notifications_reads_them_but_the_page_still_marks_them_new(self) -> None:
        tell(self.reader, 2)
        self.client.force_login(self.reader)
        first = soup(self.client.get(PAGE))
        self.assertEqual(len(first.select(".notification--new")), 2)
        self.assertFalse(Notification.objects.filter(reader=self.reader, read_at=None).exists())
        self.assertEqual(len(soup(self.client.get(PAGE)).select(".notification--new")), 0)

    def test_it_pages_twenty_at_a_time_and_reads_only_what_it_showed(self) -> None:
        tell(self.reader, 45)
        self.client.force_login(self.reader)
        seen: list[str] = []
        url = PAGE
        pages = 0
        while url:
            response = self.client.get(url)
            seen += titles(response)
            pages += 1
            if pages == 1:
                # The 25 older ones are not shown yet, so not read yet.
                self.assertEqual(
                    Notification.objects.filter(reader=self.reader, read_at=None).count(), 25
                )
            url = older_link(response) and PAGE + older_link(response)
        self.assertEqual(pages, 3)
        self.assertEqual(seen, [f"Report outcome {n}" for n in reversed(range(45))])
        self.assertFalse(Notification.objects.filter(reader=self.reader, read_at=None).exists())

    def test_a_cursor_from_someone_elses_notifications_shows_nothing_of_theirs(self) -> None:
        theirs = tell(self.second_reader, 3)
        tell(self.reader, 2)
        self.client.force_login(self.reader)
        response = self.client.get(PAGE, {"before": theirs[-1].pk})
        self.assertEqual(titles(response), [])
        self.assertContains(response, "There are no older notifications.")
        self.assertEqual(self.client.get(PAGE, {"before": "junk"}).status_code, 200)

    def test_it_costs_the_same_queries_for_3_or_45_notifications_on_any_page(self) -> None:
        tell(self.reader, 3)
        self.client.force_login(self.reader)
        self.client.get(PAGE)
        with CaptureQueriesContext(connection) as few:
            self.client.get(PAGE)
        queries = len(few)  # read now: the next request clears the connection's query log
        older = tell(self.reader, 42, start=timezone.now() - dt.timedelta(days=60))
        with self.assertNumQueries(queries):
            first = self.client.get(PAGE)
        self.assertEqual(len(titles(first)), 20)
        with self.assertNumQueries(queries):
            second = self.client.get(PAGE + older_link(first))
        self.assertEqual(len(titles(second)), 20)
        # 3 newer ones and 17 older on the first page; then the older 24 down to 5.
        self.assertEqual(titles(second)[-1], f"Report outcome {len(older) - 37}")


class HeaderTests(NewsroomTestCase):
    def test_the_header_counts_unread_notifications(self) -> None:
        tell(self.reader, 3)
        self.client.force_login(self.reader)
        link = soup(self.client.get("/")).select_one(".masthead__notifications")
        self.assertEqual(text_of(link), "Notifications (3) unread")
        self.assertEqual(link["href"], PAGE)
        self.client.get(PAGE)
        self.assertEqual(
            text_of(soup(self.client.get("/")).select_one(".masthead__notifications")),
            "Notifications",
        )

    def test_a_signed_out_reader_has_no_notifications_link(self) -> None:
        self.assertIsNone(soup(self.client.get("/")).select_one(".masthead__notifications"))

    def test_the_count_and_warning_cost_nothing_until_used_then_one_query(self) -> None:
        warn_reader(self.moderator, self.reader, message="Keep it civil.")
        tell(self.reader, 2)
        request = RequestFactory().get("/")
        request.user = self.reader
        with self.assertNumQueries(0):
            context = inbox_context(request)
        with self.assertNumQueries(1):
            self.assertEqual(context["unread_notifications"], 3)
            self.assertEqual(context["pending_warning"].body, "Keep it civil.")

    def test_a_signed_out_reader_costs_no_query_even_when_used(self) -> None:
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        with self.assertNumQueries(0):
            context = inbox_context(request)
            self.assertFalse(context["unread_notifications"])
            self.assertFalse(context["pending_warning"])


class WarningTests(NewsroomTestCase):
    def setUp(self) -> None:
        self.warning = warn_reader(
            self.moderator, self.reader, message="Please stop posting the same link.\n\nThanks."
        )

    def acknowledge(self, notification: Notification, next_url: str = ""):  # type: ignore[no-untyped-def]
        return self.client.post(
            f"/accounts/notifications/{notification.pk}/acknowledge/", {"next": next_url}
        )

    def test_a_warned_reader_sees_the_banner_on_every_page_until_they_acknowledge(self) -> None:
        self.client.force_login(self.reader)
        for url in ("/", self.article.url, "/accounts/settings/"):
            banner = soup(self.client.get(url)).select_one(".warning-banner")
            self.assertIsNotNone(banner, url)
            self.assertIn("Please stop posting the same link.", text_of(banner))
            self.assertEqual(banner.select_one("input[name=next]")["value"], url)
        self.client.get(PAGE)  # read, not yet acknowledged
        self.assertIsNotNone(soup(self.client.get("/")).select_one(".warning-banner"))

        response = self.acknowledge(self.warning, self.article.url)
        self.assertRedirects(response, self.article.url, fetch_redirect_response=False)
        self.warning.refresh_from_db()
        self.assertIsNotNone(self.warning.acknowledged_at)
        self.assertIsNone(soup(self.client.get(self.article.url)).select_one(".warning-banner"))

    def test_the_banner_shows_the_oldest_warning_first(self) -> None:
        later = warn_reader(self.moderator, self.reader, message="A second warning.")
        self.client.force_login(self.reader)
        self.assertIn(
            "the same link", text_of(soup(self.client.get("/")).select_one(".warning-banner"))
        )
        acknowledge_warning(self.reader, self.warning)
        banner = soup(self.client.get("/")).select_one(".warning-banner")
        self.assertIn("A second warning.", text_of(banner))
        self.assertIn(f"/accounts/notifications/{later.pk}/acknowledge/", str(banner))

    def test_other_readers_see_no_banner(self) -> None:
        self.client.force_login(self.second_reader)
        self.assertIsNone(soup(self.client.get("/")).select_one(".warning-banner"))
        self.client.logout()
        self.assertIsNone(soup(self.client.get("/")).select_one(".warning-banner"))

    def test_the_notifications_page_lists_the_warning_with_its_own_button(self) -> None:
        self.client.force_login(self.reader)
        page = soup(self.client.get(PAGE))
        self.assertIsNone(page.select_one(".warning-banner"), "listed once, not twice")
        item = page.select_one(".notification--warning")
        self.assertIn("Please stop posting the same link.", text_of(item))
        self.assertEqual(text_of(item.select_one("button")), "I understand")
        self.assertRedirects(
            self.acknowledge(self.warning, PAGE), PAGE, fetch_redirect_response=False
        )
        item = soup(self.client.get(PAGE)).select_one(".notification--warning")
        self.assertIsNone(item.select_one("button"))
        self.assertIn("You acknowledged this on", text_of(item))

    def test_a_reader_cannot_acknowledge_someone_elses_warning(self) -> None:
        self.client.force_login(self.second_reader)
        self.assertEqual(self.acknowledge(self.warning, "/").status_code, 403)
        self.warning.refresh_from_db()
        self.assertIsNone(self.warning.acknowledged_at)

    def test_an_unsafe_next_address_leads_to_the_notifications_page(self) -> None:
        self.client.force_login(self.reader)
        for unsafe in ("https://evil.example/", "//evil.example/path", "javascript:alert(1)", ""):
            self.assertRedirects(
                self.acknowledge(self.warning, unsafe), PAGE, fetch_redirect_response=False
            )

    def test_a_signed_out_visitor_is_sent_to_sign_in(self) -> None:
        self.assertRedirects(
            self.acknowledge(self.warning, "/"),
            f"/accounts/login/?next={PAGE}",
            fetch_redirect_response=False,
        )
        self.warning.refresh_from_db()
        self.assertIsNone(self.warning.acknowledged_at)

    def test_acknowledging_only_takes_a_post(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get(f"/accounts/notifications/{self.warning.pk}/acknowledge/")
        self.assertEqual(response.status_code, 405)
