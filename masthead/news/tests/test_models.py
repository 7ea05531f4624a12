import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from masthead.lib.testing import NewsroomTestCase, make_article, make_photo
from masthead.news.blocks import PictureBlock
from masthead.news.models import Agency, ArticlePage


class CopyrightLineTests(NewsroomTestCase):
    def test_an_ingested_notice_is_used_as_it_is(self) -> None:
        article = ArticlePage(copyright_notice="© AFP 2022", agency=self.agency)
        self.assertEqual(article.copyright_line, "© AFP 2022")

    def test_otherwise_the_agency_template_gets_the_publication_year(self) -> None:
        article = ArticlePage(
            agency=self.agency, first_published_at=timezone.make_aware(dt.datetime(2019, 1, 2))
        )
        self.assertEqual(article.copyright_line, "© Northwire 2019")

    def test_an_agency_can_word_its_line_differently(self) -> None:
        agency = Agency(name="VPA", slug="vpa", copyright_template="Copyright {year} {name}")
        article = ArticlePage(agency=agency, first_published_at=timezone.now())
        self.assertEqual(article.copyright_line, f"Copyright {timezone.now().year} VPA")

    def test_a_copyright_holder_without_an_agency_still_gets_a_line(self) -> None:
        article = ArticlePage(
            copyright_holder="Vale Press",
            first_published_at=timezone.make_aware(dt.datetime(2021, 6, 1)),
        )
        self.assertEqual(article.copyright_line, "© Vale Press 2021")

    def test_staff_copy_has_none(self) -> None:
        self.assertEqual(self.article.copyright_line, "")

    def test_an_agency_template_with_an_unknown_placeholder_is_refused(self) -> None:
        agency = Agency(name="VPA", slug="vpa", copyright_template="© {agency} {year}")
        with self.assertRaisesMessage(ValidationError, "Use only {name} and {year}"):
            agency.full_clean()


class ArticleValidationTests(NewsroomTestCase):
    def test_a_lead_photo_without_alt_text_is_refused(self) -> None:
        article = ArticlePage(
            title="x", slug="x", standfirst="y", lead_photo=make_photo(description="")
        )
        with self.assertRaises(ValidationError) as raised:
            article.clean()
        self.assertIn("no alt text", raised.exception.message_dict["lead_photo"][0])

    def test_the_slug_feed_is_reserved_for_the_section_feed(self) -> None:
        article = ArticlePage(title="x", slug="feed", standfirst="y")
        with self.assertRaises(ValidationError) as raised:
            article.clean()
        self.assertIn("section feed", raised.exception.message_dict["slug"][0])

    def test_a_standfirst_is_required(self) -> None:
        article = ArticlePage(title="x", slug="x", standfirst="", body=[])
        with self.assertRaises(ValidationError) as raised:
            article.full_clean()
        self.assertIn("standfirst", raised.exception.message_dict)

    def test_a_picture_block_refuses_a_photo_without_alt_text(self) -> None:
        block = PictureBlock()
        value = block.to_python(
            {"photo": make_photo(description="").pk, "caption": "", "credit": ""}
        )
        with self.assertRaises(ValidationError):
            block.clean(value)
        block.clean(block.to_python({"photo": self.photo.pk, "caption": "", "credit": ""}))


class BylineAndTimesTests(NewsroomTestCase):
    def test_authors_come_in_the_order_the_editor_set(self) -> None:
        article = make_article(self.politics, title="Order", authors=[self.ben, self.ada])
        self.assertEqual(article.byline_names, ["Ben Okafor", "Ada Lane"])

    def test_agency_copy_without_authors_is_bylined_to_the_agency(self) -> None:
        article = make_article(self.politics, title="Wire", agency=self.agency)
        self.assertEqual(article.byline_names, ["Northwire"])

    def test_a_republish_within_a_minute_is_not_an_update(self) -> None:
        now = timezone.now()
        article = ArticlePage(
            first_published_at=now, last_published_at=now + dt.timedelta(seconds=30)
        )
        self.assertIsNone(article.updated_at)
        article.last_published_at = now + dt.timedelta(hours=1)
        self.assertEqual(article.updated_at, article.last_published_at)
