import datetime as dt
import json

from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from masthead.lib.testing import NewsroomTestCase, make_article, make_photo


def soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.content, "html.parser")


class ArticlePageTests(NewsroomTestCase):
    def test_it_lives_at_section_slash_slug(self) -> None:
        self.assertEqual(self.article.url, "/politics/council-approves-harbour-plan/")
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)

    def test_it_renders_the_page_top_to_bottom(self) -> None:
        page = soup(self.client.get(self.article.url))
        article = page.find("article", class_="article")
        order = [
            article.find("figure", class_="article__lead"),
            article.find("h1"),
            article.find(class_="article__standfirst"),
            article.find(class_="byline"),
            article.find(class_="dateline"),
            article.find(class_="published"),
            article.find(class_="article__body"),
            article.find(class_="article__footer"),
        ]
        self.assertNotIn(None, order)
        positions = [str(article).index(str(element)) for element in order]
        self.assertEqual(positions, sorted(positions))

    def test_it_shows_headline_standfirst_byline_and_dateline(self) -> None:
        page = soup(self.client.get(self.article.url))
        self.assertEqual(page.h1.get_text(), "Council approves harbour plan")
        self.assertIn("two years of argument", page.find(class_="article__standfirst").text)
        self.assertEqual(
            page.find(class_="byline").get_text(" ", strip=True), "By Ada Lane and Ben Okafor"
        )
        self.assertEqual(page.find(class_="dateline").text, "HARWICK")
        published = page.find(class_="published").time["datetime"]
        self.assertEqual(dt.datetime.fromisoformat(published), self.article.first_published_at)
        self.assertIsNone(page.find(class_="updated"))

    def test_it_shows_updated_time_when_republished_later(self) -> None:
        first = timezone.now() - dt.timedelta(hours=5)
        Page.objects.filter(pk=self.article.pk).update(first_published_at=first)
        page = soup(self.client.get(self.article.url))
        self.assertIsNotNone(page.find(class_="updated"))

    def test_it_serves_the_lead_photo_as_responsive_renditions_with_caption_and_credit(
        self,
    ) -> None:
        page = soup(self.client.get(self.article.url))
        figure = page.find("figure", class_="article__lead")
        sources = figure.find_all("source")
        self.assertTrue(any("webp" in s.get("type", "") for s in sources))
        img = figure.find("img")
        self.assertEqual(img["alt"], "Cranes over the harbour at dusk")
        self.assertEqual(len(img["srcset"].split(",")), 3)
        self.assertEqual(figure.find(class_="caption").text, "The harbour at dusk.")
        self.assertEqual(figure.find(class_="credit").text, "Vale Picture Desk")

    def test_a_page_can_override_caption_and_credit(self) -> None:
        article = make_article(
            self.politics,
            title="Override",
            lead_photo=self.photo,
            lead_caption="A different caption.",
            lead_credit="Alamy Stock Photo",
        )
        figure = soup(self.client.get(article.url)).find("figure", class_="article__lead")
        self.assertEqual(figure.find(class_="caption").text, "A different caption.")
        self.assertEqual(figure.find(class_="credit").text, "Alamy Stock Photo")

    def test_a_photo_whose_rights_expired_is_not_shown(self) -> None:
        photo = make_photo(rights_expire_at=timezone.localdate() - dt.timedelta(days=1))
        article = make_article(self.politics, title="Expired", lead_photo=photo)
        page = soup(self.client.get(article.url))
        self.assertIsNone(page.find("figure", class_="article__lead"))
        self.assertIsNone(page.find("meta", property="og:image"))

    def test_body_blocks_render_as_paragraphs_crossheads_and_quotes(self) -> None:
        body = soup(self.client.get(self.article.url)).find(class_="article__body")
        self.assertEqual(body.find("h2", class_="crosshead").text, "What happens next")
        quote = body.find("blockquote")
        self.assertIn("good day for the town", quote.p.text)
        self.assertEqual(quote.cite.text, "Ada Lane")
        self.assertEqual(body.find("b").text, "seven to two")

    def test_staff_copy_has_no_copyright_line(self) -> None:
        page = soup(self.client.get(self.article.url))
        self.assertIsNone(page.find(class_="article__copyright"))

    def test_agency_copy_ends_with_the_agency_copyright_line(self) -> None:
        article = make_article(
            self.politics,
            title="Wire story",
            agency=self.agency,
            published_at=timezone.make_aware(dt.datetime(2022, 5, 3, 9, 0)),
        )
        page = soup(self.client.get(article.url))
        self.assertEqual(page.find(class_="article__copyright").text, "© Northwire 2022")
        self.assertEqual(page.find(class_="byline").get_text(" ", strip=True), "By Northwire")

    def test_it_shows_tags_and_section(self) -> None:
        footer = soup(self.client.get(self.article.url)).find(class_="article__footer")
        self.assertEqual(footer.find(class_="article__section").a["href"], "/politics/")
        self.assertEqual(sorted(li.text for li in footer.find_all("li")), ["council", "harbour"])

    @override_settings(PAGE_CACHE_SECONDS=0)  # the same page is rendered twice
    def test_slots_render_nothing_until_an_app_fills_them(self) -> None:
        html = self.client.get(self.article.url).content.decode()
        with hooks.register_temporarily(
            "masthead_slot_article_top", lambda context: '<aside class="test-appeal">Give</aside>'
        ):
            filled = self.client.get(self.article.url).content.decode()
        self.assertNotIn("test-appeal", html)
        self.assertIn('<aside class="test-appeal">Give</aside>', filled)
        self.assertLess(filled.index("test-appeal"), filled.index("article__lead"))

    def test_it_has_canonical_open_graph_and_twitter_tags(self) -> None:
        page = soup(self.client.get(self.article.url))
        canonical = page.find("link", rel="canonical")["href"]
        self.assertTrue(canonical.endswith("/politics/council-approves-harbour-plan/"))
        self.assertEqual(page.find("meta", property="og:type")["content"], "article")
        self.assertEqual(page.find("meta", property="og:url")["content"], canonical)
        self.assertIn(
            "fill-1200x630", page.find("meta", property="og:image")["content"].replace(".", "-")
        )
        self.assertEqual(
            page.find("meta", attrs={"name": "twitter:card"})["content"], "summary_large_image"
        )
        self.assertEqual(page.find("meta", property="article:section")["content"], "Politics")

    def test_it_describes_itself_as_a_news_article_in_json_ld(self) -> None:
        page = soup(self.client.get(self.article.url))
        data = json.loads(page.find("script", type="application/ld+json").string)
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], "Council approves harbour plan")
        self.assertEqual([a["name"] for a in data["author"]], ["Ada Lane", "Ben Okafor"])
        self.assertEqual(len(data["image"]), 3)
        self.assertEqual(data["articleSection"], "Politics")
        self.assertIn("datePublished", data)

    def test_json_ld_cannot_break_out_of_its_script_element(self) -> None:
        article = make_article(
            self.politics, title="</script><script>alert(1)</script>", slug="script"
        )
        html = self.client.get(article.url).content.decode()
        script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        self.assertEqual(json.loads(script)["headline"], "</script><script>alert(1)</script>")
        self.assertNotIn("<script>alert(1)", html)

    def test_drafts_are_not_served(self) -> None:
        draft = make_article(self.politics, title="Not yet", live=False)
        self.assertEqual(self.client.get(f"/politics/{draft.slug}/").status_code, 404)

    @override_settings(PAGE_CACHE_SECONDS=0)  # the uncached cost is what must not grow
    def test_it_runs_a_fixed_number_of_queries(self) -> None:
        self.client.get(self.article.url)  # renditions are created on first view
        with CaptureQueriesContext(connection) as first:
            self.client.get(self.article.url)
        queries = len(first)  # read now: the next request clears the connection's query log
        busier = make_article(
            self.politics,
            title="Busier story",
            authors=[self.ada, self.ben],
            lead_photo=make_photo(),
            tags=["a", "b", "c", "d", "e"],
        )
        self.client.get(busier.url)
        with self.assertNumQueries(queries):
            self.client.get(busier.url)
