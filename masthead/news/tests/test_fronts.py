import datetime as dt

from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.lib.testing import NewsroomTestCase, make_article, make_photo, make_section
from masthead.news.listing import PAGE_SIZE, ArticleCursor


def headlines(response) -> list[str]:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in page.select(".teaser__headline")]


class FrontPageTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sport = make_section(cls.home, "Sport")
        now = timezone.now()
        cls.cup = make_article(
            cls.sport, title="Athletic reach final", published_at=now - dt.timedelta(minutes=5)
        )

    def test_the_home_page_lists_the_latest_articles_of_every_section(self) -> None:
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            headlines(response), ["Athletic reach final", "Council approves harbour plan"]
        )

    def test_a_section_front_lists_only_its_own_articles(self) -> None:
        self.assertEqual(headlines(self.client.get("/sport/")), ["Athletic reach final"])

    def test_teasers_show_image_standfirst_and_a_comment_count_slot(self) -> None:
        page = BeautifulSoup(self.client.get("/politics/").content, "html.parser")
        teaser = page.select_one(".teaser")
        self.assertEqual(teaser.img["alt"], "Cranes over the harbour at dusk")
        self.assertIn("two years of argument", teaser.select_one(".teaser__standfirst").text)
        self.assertIsNotNone(teaser.select_one(".teaser__meta time"))

    def test_drafts_are_not_listed(self) -> None:
        make_article(self.sport, title="Secret draft", live=False)
        self.assertNotIn("Secret draft", headlines(self.client.get("/")))

    def test_older_stories_are_paged_by_cursor(self) -> None:
        start = timezone.now() - dt.timedelta(days=3)
        for n in range(PAGE_SIZE + 3):
            make_article(
                self.sport,
                title=f"Match report {n:02d}",
                published_at=start - dt.timedelta(hours=n),
            )
        first = self.client.get("/sport/")
        page = BeautifulSoup(first.content, "html.parser")
        self.assertEqual(len(headlines(first)), PAGE_SIZE)
        older = page.select_one("a[rel=next]")["href"]
        second = headlines(self.client.get("/sport/" + older))
        self.assertEqual(
            second, [f"Match report {n:02d}" for n in range(PAGE_SIZE - 1, PAGE_SIZE + 3)]
        )
        self.assertIsNone(
            BeautifulSoup(self.client.get("/sport/" + older).content, "html.parser").select_one(
                "a[rel=next]"
            )
        )

    def test_articles_published_in_the_same_second_are_neither_lost_nor_repeated(self) -> None:
        same = timezone.now() - dt.timedelta(days=10)
        titles = {f"Tie {n}" for n in range(PAGE_SIZE + 2)}
        for title in titles:
            make_article(self.sport, title=title, published_at=same)
        seen: list[str] = []
        url = "/sport/"
        while url:
            response = self.client.get(url)
            seen += headlines(response)
            link = BeautifulSoup(response.content, "html.parser").select_one("a[rel=next]")
            url = "/sport/" + link["href"] if link else ""
        self.assertEqual(len(seen), len(set(seen)))
        self.assertTrue(titles <= set(seen))

    def test_a_mangled_cursor_shows_the_first_page(self) -> None:
        for junk in ["nonsense", "2026-01-01_x", "_5", "2026-01-01T00:00:00_3"]:
            response = self.client.get("/sport/", {"after": junk})
            self.assertEqual(response.status_code, 200, junk)
            self.assertEqual(headlines(response), ["Athletic reach final"], junk)

    def test_cursor_round_trips(self) -> None:
        cursor = ArticleCursor(timezone.now(), 42)
        self.assertEqual(ArticleCursor.decode(cursor.encode()), cursor)

    @override_settings(PAGE_CACHE_SECONDS=0)  # the uncached cost is what must not grow
    def test_a_front_runs_the_same_queries_with_5_or_20_teasers(self) -> None:
        for n in range(3):
            make_article(self.sport, title=f"Few {n}", lead_photo=make_photo())
        self.client.get("/sport/")
        with CaptureQueriesContext(connection) as few:
            self.client.get("/sport/")
        queries = len(few)
        for n in range(16):
            make_article(self.sport, title=f"Many {n}", lead_photo=make_photo(), tags=["x"])
        self.client.get("/sport/")
        with self.assertNumQueries(queries):
            self.client.get("/sport/")

    def test_the_navigation_lists_live_sections(self) -> None:
        page = BeautifulSoup(self.client.get("/").content, "html.parser")
        nav = page.select_one("nav.sections")
        self.assertEqual([a.text for a in nav.select("a")], ["Politics", "Sport"])
