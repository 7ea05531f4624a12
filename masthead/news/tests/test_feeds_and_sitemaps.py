import datetime as dt
import xml.etree.ElementTree as ET

from django.utils import timezone

from masthead.lib.testing import NewsroomTestCase, make_article, make_section

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


class FeedTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sport = make_section(cls.home, "Sport")
        cls.cup = make_article(cls.sport, title="Athletic reach final")

    def items(self, url: str) -> list[ET.Element]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        return ET.fromstring(response.content).findall("./channel/item")

    def test_the_site_feed_has_every_section_newest_first(self) -> None:
        titles = [item.findtext("title") for item in self.items("/feed/")]
        self.assertEqual(titles, ["Athletic reach final", "Council approves harbour plan"])

    def test_a_section_feed_has_only_that_section(self) -> None:
        items = self.items("/sport/feed/")
        self.assertEqual([i.findtext("title") for i in items], ["Athletic reach final"])
        self.assertTrue(items[0].findtext("link").endswith("/sport/athletic-reach-final/"))
        self.assertIn("two years", self.items("/politics/feed/")[0].findtext("description"))

    def test_feeds_leave_out_drafts(self) -> None:
        make_article(self.sport, title="Draft", live=False)
        self.assertNotIn("Draft", [i.findtext("title") for i in self.items("/feed/")])


class SitemapTests(NewsroomTestCase):
    def test_the_sitemap_lists_live_pages(self) -> None:
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        locs = [e.text for e in ET.fromstring(response.content).findall("sm:url/sm:loc", NS)]
        self.assertTrue(
            any(loc.endswith("/politics/council-approves-harbour-plan/") for loc in locs)
        )

    def test_the_news_sitemap_lists_only_the_last_48_hours(self) -> None:
        make_article(
            self.politics, title="Old news", published_at=timezone.now() - dt.timedelta(hours=49)
        )
        response = self.client.get("/news-sitemap.xml")
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)
        titles = [e.text for e in root.findall("sm:url/news:news/news:title", NS)]
        self.assertEqual(titles, ["Council approves harbour plan"])
        self.assertEqual(
            root.findtext("sm:url/news:news/news:publication/news:name", namespaces=NS),
            "The Harwick Courier",
        )
        published = root.findtext("sm:url/news:news/news:publication_date", namespaces=NS)
        self.assertEqual(dt.datetime.fromisoformat(published), self.article.first_published_at)

    def test_the_news_sitemap_escapes_headlines(self) -> None:
        make_article(self.politics, title="Bread & butter <costs>", slug="bread")
        response = self.client.get("/news-sitemap.xml")
        titles = [e.text for e in ET.fromstring(response.content).iter(f"{{{NS['news']}}}title")]
        self.assertIn("Bread & butter <costs>", titles)

    def test_the_news_sitemap_refuses_posts(self) -> None:
        self.assertEqual(self.client.post("/news-sitemap.xml").status_code, 405)
