"""The publisher's thresholds for the abuse scorer, per kind of abuse, and what screening does
with them; and what happens to a comment when the scorer has no model to score with."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Site

from masthead.community import scoring
from masthead.community.actions import post_comment
from masthead.community.models import CategoryListField, Comment, CommunitySettings
from masthead.community.scorer import store
from masthead.lib.testing import NewsroomTestCase, make_user
from masthead.moderation.models import Decision


def rated(probability: float, category: str):  # type: ignore[no-untyped-def]
    return mock.patch(
        "masthead.community.scoring.score_comment",
        return_value=scoring.Score(probability, category, "masthead-linear test"),
    )


class ThresholdTests(NewsroomTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))

    def configure(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self.community, name, value)
        self.community.full_clean()
        self.community.save()

    def post(self, text: str = "Some comment.", **kwargs):  # type: ignore[no-untyped-def]
        return post_comment(self.reader, self.article, body=text, **kwargs)

    def decision(self) -> Decision:
        return Decision.objects.latest("created_at")

    def test_the_default_holds_what_the_scorer_rates_above_one_half(self) -> None:
        self.assertEqual(self.community.toxicity_threshold, 0.5)
        with rated(0.49, "insult"):
            self.assertEqual(self.post("Close, but fine.").outcome, "published")
        with rated(0.51, "insult"):
            self.assertEqual(self.post("Just over.", confirmed=True).outcome, "held")

    def test_a_category_with_its_own_threshold_is_held_by_it(self) -> None:
        self.configure(toxicity_threshold=0.8, threat_threshold=0.3)
        with rated(0.4, "threat"):
            warned = self.post("Veiled.")
            held = self.post("Veiled.", confirmed=True)
        self.assertEqual((warned.outcome, held.outcome), ("confirm", "held"))
        decision = self.decision()
        self.assertEqual(decision.rule, "toxicity")
        self.assertEqual(
            {k: decision.detail[k] for k in ("score", "category", "threshold")},
            {"score": 0.4, "category": "threat", "threshold": 0.3},
        )
        self.assertEqual(decision.detail["scorer"], "masthead-linear test")

    def test_other_categories_keep_the_general_threshold(self) -> None:
        self.configure(toxicity_threshold=0.8, threat_threshold=0.3)
        with rated(0.4, "insult"):
            self.assertEqual(self.post("Mild.").outcome, "published")
        with rated(0.4, ""):  # another scorer's verdict, no category
            self.assertEqual(self.post("Milder.").outcome, "published")

    def test_a_category_can_be_held_less_readily_than_the_rest(self) -> None:
        self.configure(toxicity_threshold=0.5, spam_threshold=0.9)
        with rated(0.7, "spam"):
            self.assertEqual(self.post("Visit my shop.").outcome, "published")

    def test_chosen_categories_are_rejected_outright_above_the_rejection_threshold(self) -> None:
        self.configure(reject_categories=["threat", "hate"], reject_threshold=0.9)
        with rated(0.95, "threat"):
            posted = self.post("A plain threat.")
        self.assertEqual(posted.outcome, "rejected")
        self.assertEqual(posted.comment.status, Comment.Status.REJECTED)
        decision = self.decision()
        self.assertEqual((decision.action, decision.rule), (Decision.Action.REJECT, "toxicity"))
        self.assertEqual(
            (decision.detail["category"], decision.detail["threshold"]), ("threat", 0.9)
        )
        # The writer hears why and may appeal: a statement of reasons goes with the rejection.
        self.assertTrue(hasattr(decision, "statement"))

    def test_below_the_rejection_threshold_a_chosen_category_is_only_held(self) -> None:
        self.configure(reject_categories=["threat"], reject_threshold=0.9)
        with rated(0.85, "threat"):
            self.assertEqual(self.post("Nasty.", confirmed=True).outcome, "held")

    def test_categories_not_chosen_are_never_rejected_outright(self) -> None:
        self.configure(reject_categories=["threat"], reject_threshold=0.9)
        with rated(0.99, "insult"):
            self.assertEqual(self.post("Rude.", confirmed=True).outcome, "held")

    def test_the_rejection_threshold_may_not_be_below_a_chosen_categorys_hold_threshold(
        self,
    ) -> None:
        self.community.reject_categories = ["spam"]
        self.community.spam_threshold = 0.9
        self.community.reject_threshold = 0.8
        with self.assertRaises(ValidationError) as raised:
            self.community.full_clean()
        self.assertIn("reject_threshold", raised.exception.message_dict)

    def test_only_the_scorers_categories_can_be_chosen(self) -> None:
        self.community.reject_categories = ["threat", "rudeness"]
        with self.assertRaises(ValidationError) as raised:
            self.community.full_clean()
        self.assertIn("reject_categories", raised.exception.message_dict)

    def test_the_publisher_ticks_categories_as_checkboxes(self) -> None:
        field = CommunitySettings._meta.get_field("reject_categories")
        assert isinstance(field, CategoryListField)
        form_field = field.formfield()
        self.assertEqual(form_field.clean(["threat", "spam"]), ["threat", "spam"])
        self.assertIn('type="checkbox"', form_field.widget.render("reject_categories", ["threat"]))


@override_settings(COMMENT_SCORER="masthead.community.scoring.LinearScorer")
class ScorerFallbackTests(NewsroomTestCase):
    """No mocked verdicts here: the real LinearScorer, with its model file taken away."""

    def setUp(self) -> None:
        cache.clear()
        fresh = mock.patch.dict(scoring._scorers, clear=True)  # a scorer that loads afresh
        fresh.start()
        self.addCleanup(fresh.stop)

    def post(self, text: str):  # type: ignore[no-untyped-def]
        return post_comment(self.reader, self.article, body=text, confirmed=True)

    def test_a_missing_model_file_holds_comments_for_a_moderator(self) -> None:
        with override_settings(COMMENT_SCORER_MODEL="/nonexistent/model.npz"):
            posted = self.post("An ordinary remark about the harbour plan.")
        self.assertEqual(posted.outcome, "held")
        self.assertEqual(posted.comment.status, Comment.Status.PENDING)
        decision = Decision.objects.get(comment=posted.comment)
        self.assertEqual(decision.rule, "scorer_unavailable")
        self.assertIn("cannot be read", decision.detail["error"])

    def test_a_corrupt_model_file_holds_comments_too(self) -> None:
        corrupt = Path(self.enterContext(_tmpdir())) / "model.npz"
        corrupt.write_bytes(store.SHIPPED_MODEL.read_bytes()[:5000])
        with override_settings(COMMENT_SCORER_MODEL=str(corrupt)):
            posted = self.post("Another ordinary remark.")
        self.assertEqual(posted.outcome, "held")
        self.assertEqual(Decision.objects.get(comment=posted.comment).rule, "scorer_unavailable")

    def test_comments_are_scored_again_once_the_file_is_back(self) -> None:
        with override_settings(
            COMMENT_SCORER_MODEL="/nonexistent/model.npz", COMMENT_SCORER_RECHECK_SECONDS=0
        ):
            self.assertEqual(self.post("First remark on the quay.").outcome, "held")
        with override_settings(COMMENT_SCORER_RECHECK_SECONDS=0):
            posted = self.post("Second remark on the quay, thanks for the report.")
        self.assertEqual(posted.outcome, "published")
        self.assertTrue(
            Decision.objects.get(comment=posted.comment).detail["score"] < 0.5,
        )


def _tmpdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory()


class ThresholdSettingsAdminTests(NewsroomTestCase):
    """The publisher sets the thresholds on the community settings page of the admin."""

    def test_the_publisher_sets_a_category_threshold_and_outright_rejection(self) -> None:
        publisher = make_user("publisher", is_superuser=True, is_staff=True)
        self.client.force_login(publisher)
        site = Site.objects.get(is_default_site=True)
        url = reverse("wagtailsettings:edit", args=["community", "communitysettings", site.pk])
        page = self.client.get(url)
        self.assertContains(page, "Abuse scorer")
        self.assertContains(page, 'name="reject_categories" value="threat"')
        data = form_data(page.content)
        data.update(threat_threshold="0.3", reject_categories=["threat", "hate"])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        saved = CommunitySettings.for_site(site)
        saved.refresh_from_db()
        self.assertEqual((saved.threat_threshold, saved.spam_threshold), (0.3, None))
        self.assertEqual(saved.reject_categories, ["threat", "hate"])
        self.assertEqual(saved.hold_threshold("threat"), 0.3)
        self.assertEqual(saved.hold_threshold("spam"), saved.toxicity_threshold)


def form_data(html: bytes) -> dict[str, object]:
    """What a browser would send from the settings form as it stands."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one("form[method=post]")
    assert form is not None
    data: dict[str, object] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = str(field["name"])
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field["value"])  # type: ignore[union-attr]
        elif field.get("type") not in ("submit", "button"):
            data[name] = field.get("value", "")
    return data
