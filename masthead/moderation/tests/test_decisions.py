"""The decision log stays as written, and featuring a comment is a logged decision."""

from django.core.exceptions import PermissionDenied
from django.test import Client

from masthead.community.actions import post_comment
from masthead.community.models import Comment, Thread
from masthead.community.tests.base import CommunityTestCase, soup
from masthead.lib.testing import make_user
from masthead.moderation.actions import feature_comment
from masthead.moderation.models import AppendOnlyError, Decision


class DecisionLogTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.reader, "The quay plan finally makes sense.")
        cls.decision = Decision.objects.get(comment=cls.theirs)

    def test_a_decision_cannot_be_changed(self) -> None:
        self.decision.action = Decision.Action.REJECT
        with self.assertRaisesMessage(AppendOnlyError, "record a new one"):
            self.decision.save()
        with self.assertRaises(AppendOnlyError):
            self.decision.save(update_fields=["action"])
        self.decision.refresh_from_db()
        self.assertEqual(self.decision.action, Decision.Action.PUBLISH)

    def test_a_decision_cannot_be_deleted(self) -> None:
        with self.assertRaisesMessage(AppendOnlyError, "Decisions are never deleted."):
            self.decision.delete()
        self.assertTrue(Decision.objects.filter(pk=self.decision.pk).exists())

    def test_decisions_cannot_be_deleted_in_bulk_either(self) -> None:
        with self.assertRaises(AppendOnlyError):
            Decision.objects.filter(pk=self.decision.pk).delete()
        self.assertTrue(Decision.objects.filter(pk=self.decision.pk).exists())

    def test_a_change_of_mind_is_a_new_decision(self) -> None:
        Decision.objects.create(
            comment=self.theirs, moderator=self.moderator, action=Decision.Action.REJECT
        )
        self.assertEqual(
            list(
                Decision.objects.filter(comment=self.theirs)
                .order_by("pk")
                .values_list("action", flat=True)
            ),
            [Decision.Action.PUBLISH, Decision.Action.REJECT],
        )


class FeatureCommentTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.chief = make_user("chief", is_superuser=True)
        cls.theirs = cls.comment(cls.second_reader, "The ferry loses out again.")

    def thread(self) -> Thread:
        return Thread.objects.get(page=self.article)

    def features(self) -> list[str]:
        return list(
            Decision.objects.filter(comment=self.theirs, moderator__isnull=False)
            .order_by("pk")
            .values_list("action", flat=True)
        )

    def test_a_reader_may_not_feature_a_comment(self) -> None:
        with self.assertRaises(PermissionDenied):
            feature_comment(self.reader, self.theirs)
        self.theirs.refresh_from_db()
        self.assertFalse(self.theirs.featured)
        self.assertEqual((self.thread().featured_count, self.features()), (0, []))

    def test_featuring_is_logged_and_counted(self) -> None:
        featured = feature_comment(self.chief, self.theirs)
        self.assertTrue(featured.featured)
        self.theirs.refresh_from_db()
        self.assertTrue(self.theirs.featured)
        self.assertEqual(self.thread().featured_count, 1)
        decision = Decision.objects.get(comment=self.theirs, action=Decision.Action.FEATURE)
        self.assertEqual(
            (decision.moderator, decision.subject, decision.automated),
            (self.chief, self.second_reader, False),
        )

    def test_featuring_twice_changes_nothing_more(self) -> None:
        feature_comment(self.chief, self.theirs)
        feature_comment(self.chief, self.theirs)
        self.assertEqual((self.thread().featured_count, self.features()), (1, ["feature"]))

    def test_a_pick_can_be_withdrawn(self) -> None:
        feature_comment(self.chief, self.theirs)
        feature_comment(self.chief, self.theirs, featured=False)
        self.theirs.refresh_from_db()
        self.assertFalse(self.theirs.featured)
        self.assertEqual(
            (self.thread().featured_count, self.features()), (0, ["feature", "unfeature"])
        )

    def test_a_held_comment_cannot_be_a_pick(self) -> None:
        self.configure(suspect_words="lottery")
        held = post_comment(self.reader, self.article, body="Win the lottery here.").comment
        self.assertEqual(held.status, Comment.Status.PENDING)
        with self.assertRaisesMessage(ValueError, "Only a published comment can be an editors'"):
            feature_comment(self.chief, held)
        held.refresh_from_db()
        self.assertFalse(held.featured)
        self.assertEqual(self.thread().featured_count, 0)
        self.assertFalse(Decision.objects.filter(action=Decision.Action.FEATURE).exists())

    def test_a_new_pick_purges_the_cached_article_page(self) -> None:
        self.assertIsNone(soup(Client().get(self.article.url)).select_one(".community__featured"))
        with self.captureOnCommitCallbacks(execute=True):
            feature_comment(self.chief, self.theirs)
        picks = soup(Client().get(self.article.url)).select_one(".community__featured")
        self.assertIsNotNone(picks.select_one(f"#featured-comment-{self.theirs.pk}"))
