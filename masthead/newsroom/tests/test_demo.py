from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Site

from masthead.accounts.models import User
from masthead.news.models import ArticlePage, SectionPage
from masthead.newsroom import demo_content
from masthead.photos.models import Photo
from masthead.wire.models import WireItem


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


class DemoNewsroomTests(TestCase):
    """The demo is built once for the class: building it takes seconds."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.output = run_demo()

    def test_it_builds_an_original_newsroom_and_prints_the_logins(self) -> None:
        output = self.output
        self.assertEqual(SectionPage.objects.live().count(), len(demo_content.SECTIONS))
        self.assertEqual(ArticlePage.objects.live().count(), len(demo_content.ARTICLES) + 1)
        self.assertFalse(ArticlePage.objects.filter(lead_photo__isnull=True).exists())
        for username in ("editor", "moderator", "reader"):
            self.assertIn(username, output)
            self.assertTrue(User.objects.filter(username=username).exists())
        self.assertIn("/admin/", output)
        self.assertEqual(
            Site.objects.get(is_default_site=True).root_page.specific_class.__name__, "HomePage"
        )

    def test_the_wire_story_went_through_ingest_with_its_agency_line(self) -> None:
        item = WireItem.objects.get()
        page = item.page
        self.assertTrue(page.live)
        self.assertEqual(page.copyright_line, demo_content.WIRE_STORY["copyright_notice"])
        self.assertEqual(page.agency.name, demo_content.AGENCY["name"])
        kinds = [block.block_type for block in page.body]
        self.assertIn("crosshead", kinds)
        self.assertIn("quote", kinds)
        self.assertEqual(page.lead_photo.credit, demo_content.WIRE_STORY["photo"]["credit"])

    def test_running_it_again_creates_nothing_twice(self) -> None:
        counts = (ArticlePage.objects.count(), Photo.objects.count(), User.objects.count())
        run_demo()
        self.assertEqual(
            (ArticlePage.objects.count(), Photo.objects.count(), User.objects.count()), counts
        )

    def test_the_demo_reader_can_sign_in_on_the_site_with_the_printed_password(self) -> None:
        from masthead.newsroom.demo import DEMO_PASSWORD

        response = self.client.post(
            "/accounts/login/", {"login": "reader@example.org", "password": DEMO_PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.client.session.get("_auth_user_id"))

    def test_roles_match_the_newsroom(self) -> None:
        editor = User.objects.get(username="editor")
        writer = User.objects.get(username="writer")
        self.assertTrue(editor.has_perm("wire.ingest_wire"))
        self.assertFalse(writer.has_perm("wire.ingest_wire"))
        self.assertTrue(
            User.objects.get(username="moderator").has_perm("wagtailadmin.access_admin")
        )
        self.assertFalse(User.objects.get(username="reader").has_perm("wagtailadmin.access_admin"))

    def test_writers_submit_to_a_sub_editor_approval_workflow(self) -> None:
        article = ArticlePage.objects.first()
        workflow = article.get_workflow()
        self.assertEqual(workflow.name, "Sub-editor approval")
        task = workflow.tasks.get().specific
        self.assertEqual([g.name for g in task.groups.all()], ["Sub-editors"])
