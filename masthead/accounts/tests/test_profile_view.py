import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.accounts.views import PROFILE_PAGE_SIZE
from masthead.community.models import Comment, Thread
from masthead.lib.testing import NewsroomTestCase, make_article


class ProfileViewTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.thread = Thread.objects.create(page=cls.article)

    def add(
        self, text: str, *, author=None, status=Comment.Status.PUBLISHED, minutes_ago=0, thread=None
    ):  # type: ignore[no-untyped-def]
        # Straight to the database: the profile only reads, and these states (held, rejected,
        # imported out of order) have no one-line action.
        return Comment.objects.create(
            thread=thread or self.thread,
            author=author or self.reader,
            body=text,
            html=f"<p>{text}</p>",
            status=status,
            created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        )

    def test_it_lists_only_the_readers_published_comments(self) -> None:
        self.add("Published words.")
        self.add("Held words.", status=Comment.Status.PENDING)
        self.add("Rejected words.", status=Comment.Status.REJECTED)
        self.add("Withdrawn words.", status=Comment.Status.WITHDRAWN)
        self.add("Someone else's words.", author=self.second_reader)
        response = self.client.get(f"/accounts/readers/{self.reader.pk}/")
        self.assertContains(response, "<h1>Reader</h1>", html=True)
        self.assertContains(response, "Published words.")
        for hidden in ("Held", "Rejected", "Withdrawn", "Someone else's"):
            self.assertNotContains(response, hidden)
        self.assertContains(response, "Council approves harbour plan")
        self.assertNotContains(response, "reader@example.org")

    def test_comments_under_an_unpublished_article_are_not_listed(self) -> None:
        draft = make_article(self.politics, title="Withdrawn story", live=False)
        self.add("Under a draft.", thread=Thread.objects.create(page=draft))
        response = self.client.get(f"/accounts/readers/{self.reader.pk}/")
        self.assertNotContains(response, "Under a draft.")

    def test_an_unknown_or_closed_account_is_not_found(self) -> None:
        self.assertEqual(self.client.get("/accounts/readers/999999/").status_code, 404)
        self.second_reader.is_active = False
        self.second_reader.save()
        response = self.client.get(f"/accounts/readers/{self.second_reader.pk}/")
        self.assertEqual(response.status_code, 404)

    def test_it_pages_newest_first_by_cursor(self) -> None:
        for n in range(PROFILE_PAGE_SIZE + 5):
            self.add(f"Comment number {n:02d}.", minutes_ago=n)
        first = self.client.get(f"/accounts/readers/{self.reader.pk}/")
        shown = re.findall(r"Comment number (\d+)", first.content.decode())
        self.assertEqual(shown, [f"{n:02d}" for n in range(PROFILE_PAGE_SIZE)])
        after = first.context["next_cursor"]
        self.assertTrue(after)
        second = self.client.get(f"/accounts/readers/{self.reader.pk}/", {"after": after})
        shown = re.findall(r"Comment number (\d+)", second.content.decode())
        self.assertEqual(
            shown, [f"{n:02d}" for n in range(PROFILE_PAGE_SIZE, PROFILE_PAGE_SIZE + 5)]
        )
        self.assertEqual(second.context["next_cursor"], "")

    def test_paging_follows_the_time_written_even_when_ids_do_not(self) -> None:
        # An imported comment gets a new id but keeps the date it was written.
        for n in range(PROFILE_PAGE_SIZE):
            self.add(f"Recent {n:02d}.", minutes_ago=n)
        self.add("Imported from years ago.", minutes_ago=60 * 24 * 365)
        self.add("Imported yesterday.", minutes_ago=60 * 24)
        first = self.client.get(f"/accounts/readers/{self.reader.pk}/")
        second = self.client.get(
            f"/accounts/readers/{self.reader.pk}/", {"after": first.context["next_cursor"]}
        )
        text = second.content.decode()
        self.assertLess(text.index("Imported yesterday."), text.index("Imported from years ago."))

    def test_a_mangled_cursor_shows_the_first_page(self) -> None:
        self.add("Only comment.")
        response = self.client.get(f"/accounts/readers/{self.reader.pk}/", {"after": "x_y"})
        self.assertContains(response, "Only comment.")

    def test_the_number_of_queries_does_not_grow_with_comments(self) -> None:
        url = f"/accounts/readers/{self.reader.pk}/"
        self.add("One.")
        self.client.get(url)  # warm the site settings caches
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for n in range(PROFILE_PAGE_SIZE + 3):
            self.add(f"More {n}.")
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(many), len(few))
