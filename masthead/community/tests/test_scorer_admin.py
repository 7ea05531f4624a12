"""The Scorer screen in the moderation area: versions, their figures, and rolling back."""

from __future__ import annotations

from django.urls import reverse

from masthead.community.models import ScorerVersion
from masthead.community.scorer import store
from masthead.lib.testing import NewsroomTestCase

FIGURES = {
    "threshold": 0.5,
    "corpus": {
        "auc": 0.9593,
        "recall": {"threat": 0.8125, "spam": 0.98},
        "hard_negative_fpr": 0.031,
    },
    "site": {"auc": 0.912, "accuracy": 0.88, "examples": 40},
}


class ScorerAdminTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        data = store.SHIPPED_MODEL.read_bytes()
        cls.shipped = ScorerVersion.objects.create(
            number=1,
            model_file=data,
            digest="a",
            shipped=True,
            figures=FIGURES,
            corpus_examples=2731,
            notes="The model shipped with Masthead.",
        )
        cls.retrained = ScorerVersion.objects.create(
            number=2,
            model_file=data,
            digest="b",
            figures=FIGURES,
            active=True,
            corpus_examples=2731,
            site_ok=120,
            site_hold=64,
            site_held_out=40,
            notes="Better or as good: corpus AUC 0.9593 against v1's 0.9590.",
        )
        cls.dropped = ScorerVersion.objects.create(
            number=3, model_file=None, digest="c", figures=FIGURES, notes="Kept out: ..."
        )

    def url(self) -> str:
        return reverse("community_scorer")

    def test_a_moderator_sees_every_version_with_its_figures(self) -> None:
        self.client.force_login(self.moderator)
        # Session, user, permissions and Wagtail's menu: 9; the versions: 4, however many.
        with self.assertNumQueries(13):
            response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Comments are scored by <strong>v2</strong>")
        self.assertContains(response, "0.959")  # held-out AUC
        self.assertContains(response, "Threats 81%")
        self.assertContains(response, "120 approved, 64 rejected by moderators")
        self.assertContains(response, "on 40 held-out decisions")
        self.assertContains(response, "Roll back to v1")
        self.assertContains(response, "file dropped")  # v3 cannot be activated any more
        self.assertNotContains(response, "Activate v3")

    def test_editors_and_readers_may_not_see_it(self) -> None:
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.client.force_login(self.reader)
        self.assertNotEqual(self.client.get(self.url()).status_code, 200)

    def test_a_moderator_rolls_back_with_the_button(self) -> None:
        self.client.force_login(self.moderator)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("community_scorer_activate", args=[self.shipped.pk]), follow=True
            )
        self.assertContains(response, "v1 scores comments from now on")
        self.shipped.refresh_from_db()
        self.retrained.refresh_from_db()
        self.assertTrue(self.shipped.active)
        self.assertFalse(self.retrained.active)
        self.assertEqual(self.shipped.activated_by, self.moderator)

    def test_a_version_without_its_file_is_refused_with_a_message(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.post(
            reverse("community_scorer_activate", args=[self.dropped.pk]), follow=True
        )
        self.assertContains(response, "v3 has no model file any more")
        self.retrained.refresh_from_db()
        self.assertTrue(self.retrained.active)

    def test_an_editor_may_not_roll_back(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.post(reverse("community_scorer_activate", args=[self.shipped.pk]))
        self.assertEqual(response.status_code, 403)
        self.shipped.refresh_from_db()
        self.assertFalse(self.shipped.active)

    def test_activating_takes_a_post(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.get(reverse("community_scorer_activate", args=[self.shipped.pk]))
        self.assertEqual(response.status_code, 405)

    def test_the_menu_shows_the_scorer_to_moderators_only(self) -> None:
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), self.url())
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), self.url())
