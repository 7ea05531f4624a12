"""Writers submit, sub-editors approve: the admin flow, through Wagtail's own screens."""

from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from masthead.lib.testing import NewsroomTestCase, make_photo
from masthead.news.models import ArticlePage


class EditorialWorkflowTests(NewsroomTestCase):
    def article_form(self, **overrides: object) -> dict:
        data = {
            "title": "Ferry timetable cut",
            "slug": "ferry-timetable-cut",
            "standfirst": "Two winter sailings go from January.",
            "lead_photo": self.photo.pk,
            "lead_caption": "",
            "lead_credit": "",
            "byline_authors": inline_formset([{"author": self.ada.pk}]),
            "agency": "",
            "dateline": "PORT ELLIS",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>The operator blamed fuel costs.</p>")),
                    ("crosshead", "Islanders react"),
                    ("quote", {"text": "We were not asked.", "attribution": "A resident"}),
                ]
            ),
            "tags": "ferries, islands",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
        data.update(overrides)
        return nested_form_data(data)

    def add_url(self) -> str:
        return reverse("wagtailadmin_pages:add", args=("news", "articlepage", self.politics.pk))

    def test_a_writer_submits_and_a_sub_editor_approves(self) -> None:
        self.client.force_login(self.writer)
        response = self.client.post(
            self.add_url(), {**self.article_form(), "action-submit": "Submit"}
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        article = ArticlePage.objects.get(slug="ferry-timetable-cut")
        self.assertFalse(article.live)
        state = WorkflowState.objects.get(
            base_content_type__model="page", object_id=str(article.pk)
        )
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, "Sub-editor approval")

        self.client.force_login(self.editor)
        task_state = state.current_task_state
        approve = reverse(
            "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)
        )
        response = self.client.post(approve, {"comment": "Good to go"})
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertEqual(article.byline_names, ["Ada Lane"])
        self.assertEqual([b.block_type for b in article.body], ["paragraph", "crosshead", "quote"])

    def test_a_writer_cannot_publish_directly(self) -> None:
        self.client.force_login(self.writer)
        self.client.post(self.add_url(), {**self.article_form(), "action-publish": "Publish"})
        article = ArticlePage.objects.get(slug="ferry-timetable-cut")
        self.assertFalse(article.live)

    def test_a_sub_editor_can_publish(self) -> None:
        self.client.force_login(self.editor)
        self.client.post(self.add_url(), {**self.article_form(), "action-publish": "Publish"})
        self.assertTrue(ArticlePage.objects.get(slug="ferry-timetable-cut").live)

    def test_publishing_without_a_standfirst_keeps_the_form_with_a_message(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_url(), {**self.article_form(standfirst=""), "action-publish": "Publish"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required")
        self.assertContains(response, "Ferry timetable cut")  # what was typed is kept
        self.assertFalse(ArticlePage.objects.filter(slug="ferry-timetable-cut").exists())

    def test_an_unfinished_draft_is_saved_rather_than_lost(self) -> None:
        self.client.force_login(self.writer)
        response = self.client.post(self.add_url(), self.article_form(standfirst=""))
        self.assertEqual(response.status_code, 302)
        draft = ArticlePage.objects.get(slug="ferry-timetable-cut")
        self.assertFalse(draft.live)
        self.assertEqual(draft.get_latest_revision_as_object().dateline, "PORT ELLIS")

    def test_a_photo_without_alt_text_cannot_be_published(self) -> None:
        # Wagtail lets a draft be saved half-finished; publishing checks everything.
        self.client.force_login(self.editor)
        photo = make_photo(description="")
        response = self.client.post(
            self.add_url(), {**self.article_form(lead_photo=photo.pk), "action-publish": "Publish"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "no alt text")
        self.assertFalse(ArticlePage.objects.filter(slug="ferry-timetable-cut", live=True).exists())

    def test_the_editor_form_shows_wire_rights_read_only(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.article.pk,)))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="copyright_notice"')
        self.assertContains(response, "Agency rights (from the wire)")

    def test_a_moderator_cannot_edit_articles(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.article.pk,)))
        self.assertIn(response.status_code, (302, 403))
        self.assertEqual(Page.objects.get(pk=self.article.pk).title, self.article.title)
