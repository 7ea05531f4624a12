from django.core.exceptions import PermissionDenied
from wagtail.models import Site

from masthead.community.actions import post_comment, thread_for
from masthead.community.models import Comment, CommunitySettings
from masthead.lib.testing import NewsroomTestCase
from masthead.moderation.actions import approve_comment, feature_comment, reject_comment
from masthead.moderation.models import Decision


class ReviewActionTests(NewsroomTestCase):
    def setUp(self) -> None:
        community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
        community.suspect_words = "lottery"
        community.save()
        self.held = post_comment(self.reader, self.article, body="The lottery pays for it.").comment
        self.published = post_comment(
            self.second_reader, self.article, body="A fair point on the quay."
        ).comment

    def test_a_moderator_approves_a_held_comment_and_it_is_counted(self) -> None:
        approve_comment(self.moderator, self.held)
        self.held.refresh_from_db()
        self.assertEqual(self.held.status, Comment.Status.PUBLISHED)
        self.assertEqual(thread_for(self.article).comment_count, 2)
        decision = Decision.objects.filter(comment=self.held).latest("created_at")
        self.assertEqual((decision.action, decision.moderator), ("approve", self.moderator))
        self.assertFalse(decision.automated)

    def test_a_moderator_rejects_with_a_reason_and_the_count_drops(self) -> None:
        reject_comment(self.moderator, self.published, reason="off_topic", explanation="Ferries.")
        self.published.refresh_from_db()
        self.assertEqual(self.published.status, Comment.Status.REJECTED)
        self.assertEqual(thread_for(self.article).comment_count, 0)
        decision = Decision.objects.filter(comment=self.published).latest("created_at")
        self.assertEqual((decision.action, decision.reason), ("reject", "off_topic"))
        self.assertEqual(decision.detail, {"explanation": "Ferries."})
        self.assertNotContains(self.client.get(self.article.url), "A fair point on the quay.")

    def test_a_rejected_pick_stops_being_a_pick(self) -> None:
        feature_comment(self.moderator, self.published)
        reject_comment(self.moderator, self.published, reason="spam")
        self.published.refresh_from_db()
        self.assertFalse(self.published.featured)
        self.assertEqual(thread_for(self.article).featured_count, 0)

    def test_a_pick_hidden_by_reports_stops_being_a_pick(self) -> None:
        from masthead.community.actions import report_comment
        from masthead.community.models import ReportReason
        from masthead.lib.testing import make_user

        community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
        community.reports_to_hide = 1
        community.save()
        feature_comment(self.moderator, self.published)
        spam = ReportReason.objects.get(code="spam")
        report_comment(make_user("witness", verified=True), self.published, reason=spam)
        self.published.refresh_from_db()
        self.assertEqual((self.published.status, self.published.featured), ("pending", False))
        self.assertEqual(thread_for(self.article).featured_count, 0)
        self.assertEqual(thread_for(self.article).comment_count, 0)

    def test_deciding_twice_changes_nothing_more(self) -> None:
        approve_comment(self.moderator, self.held)
        approve_comment(self.moderator, self.held)
        self.assertEqual(thread_for(self.article).comment_count, 2)
        self.assertEqual(Decision.objects.filter(comment=self.held, action="approve").count(), 1)

    def test_an_unknown_reason_is_refused_naming_the_choices(self) -> None:
        with self.assertRaisesMessage(ValueError, "use one of abusive, harassment"):
            reject_comment(self.moderator, self.published, reason="rude")
        self.published.refresh_from_db()
        self.assertEqual(self.published.status, Comment.Status.PUBLISHED)

    def test_readers_writers_and_editors_cannot_moderate(self) -> None:
        for person in (self.reader, self.writer, self.editor):
            with self.assertRaises(PermissionDenied):
                approve_comment(person, self.held)
            with self.assertRaises(PermissionDenied):
                reject_comment(person, self.published, reason="spam")
        self.held.refresh_from_db()
        self.assertEqual(self.held.status, Comment.Status.PENDING)

    def test_approving_a_held_reply_tells_the_reader_it_answers(self) -> None:
        from django.core import mail

        reply = post_comment(
            self.reader, self.article, body="Win the lottery with me.", parent=self.published
        ).comment
        self.assertEqual(reply.status, Comment.Status.PENDING)
        with self.captureOnCommitCallbacks(execute=True):
            approve_comment(self.moderator, reply)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["second_reader@example.org"])
