"""Moderators' decisions on comments: approve, restore, reject, bulk decisions, and what they do
to the reports, the counts and the decision log."""

from __future__ import annotations

import itertools

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction

from masthead.accounts.models import Notification, User
from masthead.community.actions import delete_comment, post_comment, report_comment
from masthead.community.models import Comment, Report, ReportReason, Thread
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation.actions import (
    ModerationError,
    RejectReason,
    approve_comment,
    bulk_decide,
    claim_comment,
    moderation_settings,
    reject_comment,
    restore_comment,
)
from masthead.moderation.models import AppendOnlyError, Decision, Statement

witnesses = itertools.count()


class CommentDecisionTestCase(CommunityTestCase):
    """The cast, plus a published comment by the reader and one held for its word "lottery"."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.configure(suspect_words="lottery")
        cls.theirs = cls.comment(cls.reader, "The quay plan finally makes sense.")
        posted = post_comment(cls.reader, cls.article, body="The lottery pays for the quay.")
        assert posted.outcome == "held" and posted.comment is not None
        cls.held = posted.comment

    def thread(self) -> Thread:
        return Thread.objects.get(page=self.article)

    def report(self, comment: Comment, times: int, reason: str = "abusive") -> list[User]:
        """Reports from as many new readers."""
        reporters = [make_user(f"witness_{next(witnesses)}", verified=True) for _ in range(times)]
        for reporter in reporters:
            report_comment(reporter, comment, reason=ReportReason.objects.get(code=reason))
        return reporters

    def actions_on(self, comment: Comment) -> list[str]:
        return list(
            Decision.objects.filter(comment=comment).order_by("pk").values_list("action", flat=True)
        )


class ApproveTests(CommentDecisionTestCase):
    def test_approving_a_held_comment_publishes_and_counts_it(self) -> None:
        approve_comment(self.moderator, self.held)
        self.held.refresh_from_db()
        self.assertEqual(self.held.status, Comment.Status.PUBLISHED)
        self.assertIsNotNone(self.held.reviewed_at)
        self.assertEqual(self.thread().comment_count, 2)
        self.assertEqual(self.actions_on(self.held), ["hold", "approve"])
        decision = Decision.objects.get(comment=self.held, action=Decision.Action.APPROVE)
        self.assertEqual(
            (decision.moderator, decision.subject, decision.rule),
            (self.moderator, self.reader, ""),
        )

    def test_approving_a_published_comment_marks_it_reviewed_and_changes_no_count(self) -> None:
        approve_comment(self.moderator, self.theirs)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertIsNotNone(self.theirs.reviewed_at)
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(self.actions_on(self.theirs), ["publish", "approve"])

    def test_approving_an_approved_comment_again_changes_nothing(self) -> None:
        approve_comment(self.moderator, self.held)
        approve_comment(self.moderator, self.held)
        self.assertEqual(self.thread().comment_count, 2)
        self.assertEqual(self.actions_on(self.held), ["hold", "approve"])

    def test_a_comment_its_author_deleted_cannot_be_approved(self) -> None:
        delete_comment(self.reader, self.held)
        with self.assertRaisesMessage(
            ModerationError, "A comment its author deleted cannot be approved."
        ):
            approve_comment(self.moderator, self.held)
        self.held.refresh_from_db()
        self.assertEqual(self.held.status, Comment.Status.WITHDRAWN)
        self.assertEqual(self.thread().comment_count, 1)

    def test_approving_writes_no_statement_and_sends_no_mail(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            approve_comment(self.moderator, self.held)
        self.assertFalse(Statement.objects.exists())
        self.assertFalse(Notification.objects.exists())
        self.assertEqual(mail.outbox, [])


class RejectTests(CommentDecisionTestCase):
    def test_rejecting_takes_the_comment_down_with_its_reason(self) -> None:
        rejected = reject_comment(
            self.moderator, self.theirs, reason="abusive", explanation="Insults a councillor."
        )
        self.assertEqual(rejected.status, Comment.Status.REJECTED)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        self.assertIsNotNone(self.theirs.reviewed_at)
        self.assertEqual(self.thread().comment_count, 0)
        decision = Decision.objects.get(comment=self.theirs, action=Decision.Action.REJECT)
        self.assertEqual(
            (decision.moderator, decision.subject, decision.reason, decision.detail),
            (self.moderator, self.reader, "abusive", {"explanation": "Insults a councillor."}),
        )
        self.assertFalse(decision.automated)

    def test_rejecting_a_held_comment_changes_no_count(self) -> None:
        reject_comment(self.moderator, self.held, reason="spam")
        self.held.refresh_from_db()
        self.assertEqual(self.held.status, Comment.Status.REJECTED)
        self.assertEqual(self.thread().comment_count, 1)

    def test_every_reason_code_is_accepted(self) -> None:
        for code in RejectReason.values:
            with self.subTest(reason=code):
                comment = self.comment(self.second_reader, f"A view on the quay, number {code}.")
                reject_comment(self.moderator, comment, reason=code)
                self.assertEqual(
                    Decision.objects.get(comment=comment, action="reject").reason, code
                )

    def test_an_unknown_reason_is_refused_and_nothing_changes(self) -> None:
        with self.assertRaisesMessage(ModerationError, "Unknown reason 'rude': use one of"):
            reject_comment(self.moderator, self.theirs, reason="rude")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.actions_on(self.theirs), ["publish"])
        self.assertFalse(Statement.objects.exists())

    def test_legal_grounds_are_recorded_with_the_decision(self) -> None:
        reject_comment(
            self.moderator,
            self.theirs,
            reason="illegal",
            explanation="Names a witness.",
            legal_grounds="Contempt of Court Act 1981, s. 2",
        )
        decision = Decision.objects.get(comment=self.theirs, action="reject")
        self.assertEqual(
            decision.detail,
            {
                "explanation": "Names a witness.",
                "legal_grounds": "Contempt of Court Act 1981, s. 2",
            },
        )
        self.assertIn("Contempt of Court Act 1981, s. 2", decision.statement.grounds)

    def test_rejecting_writes_one_statement_and_notification_and_e_mails_the_author(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, self.theirs, reason="spam")
        statement = Statement.objects.get()
        self.assertEqual(
            (statement.reader, statement.comment, statement.decision.action, statement.automated),
            (self.reader, self.theirs, "reject", False),
        )
        notification = Notification.objects.get()
        self.assertEqual(
            (notification.reader, notification.kind, notification.title),
            (self.reader, Notification.Kind.STATEMENT, "Your comment was removed"),
        )
        [message] = mail.outbox
        self.assertEqual(
            (message.to, message.subject),
            (["reader@example.org"], "Your comment was removed: our reasons"),
        )

    def test_rejecting_a_rejected_comment_again_changes_nothing(self) -> None:
        reject_comment(self.moderator, self.theirs, reason="spam")
        reject_comment(self.moderator, self.theirs, reason="abusive")
        self.assertEqual(self.actions_on(self.theirs), ["publish", "reject"])
        self.assertEqual(Statement.objects.count(), 1)

    def test_a_comment_its_author_deleted_cannot_be_rejected(self) -> None:
        delete_comment(self.reader, self.theirs)
        with self.assertRaisesMessage(
            ModerationError, "A comment its author deleted cannot be rejected."
        ):
            reject_comment(self.moderator, self.theirs, reason="spam")
        self.assertFalse(Statement.objects.exists())


class RestoreTests(CommentDecisionTestCase):
    def test_restoring_a_rejected_comment_brings_it_back_and_counts_it(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, self.theirs, reason="spam")
        self.theirs.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            restore_comment(self.moderator, self.theirs)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(self.actions_on(self.theirs), ["publish", "reject", "restore"])
        # The change of mind is a new decision; the rejection's statement stays as written.
        self.assertEqual(Statement.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_approving_a_rejected_comment_is_logged_as_a_restore(self) -> None:
        reject_comment(self.moderator, self.held, reason="spam")
        approve_comment(self.moderator, self.held)
        self.assertEqual(self.actions_on(self.held), ["hold", "reject", "restore"])
        self.assertEqual(self.thread().comment_count, 2)

    def test_only_a_rejected_comment_can_be_restored(self) -> None:
        for comment in (self.theirs, self.held):
            with (
                self.subTest(status=comment.status),
                self.assertRaisesMessage(
                    ModerationError, "Only a rejected comment can be restored."
                ),
            ):
                restore_comment(self.moderator, comment)
        self.assertFalse(Decision.objects.filter(moderator__isnull=False).exists())


class ReportedCommentTests(CommentDecisionTestCase):
    def test_enough_open_reports_hide_a_comment_until_a_moderator_looks(self) -> None:
        self.report(self.theirs, 2)
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.status, self.theirs.open_report_count), ("published", 2))
        self.report(self.theirs, 1)
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.status, self.theirs.open_report_count), ("pending", 3))
        self.assertEqual(
            self.theirs.last_reported_at, Report.objects.latest("created_at").created_at
        )
        self.assertEqual(self.thread().comment_count, 0)
        hide = Decision.objects.get(comment=self.theirs, action=Decision.Action.HIDE)
        self.assertEqual((hide.rule, hide.detail), ("reports", {"reports": 3, "threshold": 3}))

    def test_approving_a_hidden_comment_keeps_it_up_and_closes_its_reports(self) -> None:
        reporters = self.report(self.theirs, 3)
        with self.captureOnCommitCallbacks(execute=True):
            approve_comment(self.moderator, self.theirs)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual((self.theirs.open_report_count, self.theirs.report_count), (0, 3))
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(set(Report.objects.values_list("outcome", flat=True)), {"kept"})
        self.assertFalse(Report.objects.filter(resolved_at__isnull=True).exists())
        self.assertEqual(self.actions_on(self.theirs), ["publish", "hide", "approve"])
        # Each reporter is told, in their notifications and by e-mail, and nobody else is.
        kept = moderation_settings().report_kept
        told = Notification.objects.filter(kind=Notification.Kind.REPORT_OUTCOME)
        self.assertEqual(
            sorted(told.values_list("reader__username", "body")),
            sorted((reporter.username, kept) for reporter in reporters),
        )
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted(r.email for r in reporters))
        self.assertFalse(Statement.objects.exists())
        self.assertFalse(Report.objects.filter(notified_at__isnull=True).exists())

    def test_an_approved_comment_needs_three_fresh_reports_to_hide_again(self) -> None:
        self.report(self.theirs, 3)
        approve_comment(self.moderator, self.theirs)
        self.report(self.theirs, 2)
        self.theirs.refresh_from_db()
        self.assertEqual(
            (self.theirs.status, self.theirs.open_report_count, self.theirs.report_count),
            ("published", 2, 5),
        )
        self.report(self.theirs, 1)
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.status, self.theirs.open_report_count), ("pending", 3))
        self.assertEqual(self.actions_on(self.theirs), ["publish", "hide", "approve", "hide"])

    def test_approving_a_comment_with_a_few_reports_closes_them(self) -> None:
        self.report(self.theirs, 1)
        approve_comment(self.moderator, self.theirs)
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.status, self.theirs.open_report_count), ("published", 0))
        self.assertEqual(Report.objects.get().outcome, Report.Outcome.KEPT)

    def test_approving_an_approved_comment_with_new_reports_closes_them(self) -> None:
        approve_comment(self.moderator, self.theirs)
        self.report(self.theirs, 1)
        approve_comment(self.moderator, self.theirs)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.open_report_count, 0)
        self.assertEqual(self.actions_on(self.theirs), ["publish", "approve", "approve"])

    def test_rejecting_a_reported_comment_tells_reporters_it_was_removed(self) -> None:
        reporters = self.report(self.theirs, 2)
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, self.theirs, reason="abusive")
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.status, self.theirs.open_report_count), ("rejected", 0))
        self.assertEqual(set(Report.objects.values_list("outcome", flat=True)), {"removed"})
        self.assertFalse(Report.objects.filter(resolved_at__isnull=True).exists())
        removed = moderation_settings().report_removed
        self.assertEqual(
            list(
                Notification.objects.filter(kind=Notification.Kind.REPORT_OUTCOME)
                .values_list("body", flat=True)
                .distinct()
            ),
            [removed],
        )
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            sorted([*(r.email for r in reporters), "reader@example.org"]),
        )

    def test_a_hidden_comment_rejected_and_restored_is_counted_once(self) -> None:
        self.report(self.theirs, 3)
        reject_comment(self.moderator, self.theirs, reason="abusive")
        self.assertEqual(self.thread().comment_count, 0)
        self.theirs.refresh_from_db()
        restore_comment(self.moderator, self.theirs)
        self.assertEqual(self.thread().comment_count, 1)


class BulkDecisionTests(CommentDecisionTestCase):
    def test_a_bulk_rejection_decides_the_rest_and_says_what_it_could_not(self) -> None:
        sam = make_user(
            "sam", "Moderators", display_name="Sam Reyes", first_name="Sam", last_name="Reyes"
        )
        mine = self.comment(self.second_reader, "The ferry loses out again.")
        claimed = self.comment(self.second_reader, "Buses, not boats.")
        deleted = self.comment(self.second_reader, "On second thoughts, nothing.")
        delete_comment(self.second_reader, deleted)
        claim_comment(sam, claimed)
        ids = [self.theirs.pk, mine.pk, claimed.pk, deleted.pk, 999_999]
        with self.captureOnCommitCallbacks(execute=True):
            done, problems = bulk_decide(
                self.moderator,
                ids,
                lambda comment: reject_comment(self.moderator, comment, reason="spam"),
            )
        self.assertEqual(done, 2)
        self.assertEqual(len(problems), 3)
        self.assertTrue(
            problems[0].startswith(f"Comment {claimed.pk}: Sam Reyes is deciding this comment")
        )
        self.assertEqual(
            problems[1:],
            [
                f"Comment {deleted.pk}: A comment its author deleted cannot be rejected.",
                "1 selected comment(s) no longer exist.",
            ],
        )
        statuses = dict(Comment.objects.filter(pk__in=ids).values_list("pk", "status"))
        self.assertEqual(
            statuses,
            {
                self.theirs.pk: "rejected",
                mine.pk: "rejected",
                claimed.pk: "published",
                deleted.pk: "withdrawn",
            },
        )
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(Statement.objects.count(), 2)
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            ["reader@example.org", "second_reader@example.org"],
        )

    def test_a_bulk_approval_publishes_each_held_comment(self) -> None:
        other = post_comment(self.second_reader, self.article, body="Lottery money again.").comment
        assert other is not None
        done, problems = bulk_decide(
            self.moderator,
            [self.held.pk, other.pk, self.held.pk],
            lambda comment: approve_comment(self.moderator, comment),
        )
        self.assertEqual((done, problems), (2, []))
        self.assertEqual(self.thread().comment_count, 3)

    def test_nothing_selected_decides_nothing(self) -> None:
        self.assertEqual(
            bulk_decide(self.moderator, [], lambda c: approve_comment(self.moderator, c)),
            (0, []),
        )

    def test_readers_writers_and_editors_cannot_decide_in_bulk(self) -> None:
        for person in (self.reader, self.writer, self.editor):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                bulk_decide(
                    person,
                    [self.theirs.pk, self.held.pk],
                    lambda comment: reject_comment(self.moderator, comment, reason="spam"),
                )
        self.assertEqual(
            set(Comment.objects.values_list("status", flat=True)), {"published", "pending"}
        )
        self.assertFalse(Decision.objects.filter(moderator__isnull=False).exists())


class DecisionLogTests(CommentDecisionTestCase):
    """Whatever a moderator decided stays in the log as it was written."""

    def setUp(self) -> None:
        reject_comment(self.moderator, self.theirs, reason="spam", explanation="Advertising.")
        self.decision = Decision.objects.get(comment=self.theirs, action="reject")

    def assertUnchanged(self) -> None:
        stored = Decision.objects.get(pk=self.decision.pk)
        self.assertEqual(
            (stored.action, stored.reason, stored.moderator_id, stored.detail),
            ("reject", "spam", self.moderator.pk, {"explanation": "Advertising."}),
        )

    def test_a_decision_cannot_be_edited(self) -> None:
        self.decision.reason = "abusive"
        with self.assertRaisesMessage(AppendOnlyError, "record a new one"):
            self.decision.save()
        with self.assertRaises(AppendOnlyError):
            self.decision.save(update_fields=["reason"])
        with self.assertRaises(AppendOnlyError):
            self.decision.save(force_update=True)
        self.assertUnchanged()

    def test_decisions_cannot_be_updated_in_bulk(self) -> None:
        with self.assertRaisesMessage(AppendOnlyError, "record a new one"):
            Decision.objects.filter(pk=self.decision.pk).update(reason="abusive")
        self.decision.reason = "abusive"
        with self.assertRaises(AppendOnlyError), transaction.atomic():
            Decision.objects.bulk_update([self.decision], ["reason"])
        self.assertUnchanged()

    def test_a_decision_cannot_be_deleted(self) -> None:
        with self.assertRaisesMessage(AppendOnlyError, "never deleted"):
            self.decision.delete()
        with self.assertRaises(AppendOnlyError):
            Decision.objects.filter(comment=self.theirs).delete()
        with self.assertRaises(AppendOnlyError):
            Decision.objects.all().delete()
        self.assertUnchanged()
        self.assertEqual(self.actions_on(self.theirs), ["publish", "reject"])

    def test_a_decision_cannot_be_overwritten_by_saving_a_new_object_with_its_id(self) -> None:
        impostor = Decision(pk=self.decision.pk, action="approve", moderator=self.moderator)
        with self.assertRaises(AppendOnlyError):
            impostor.save()
        self.assertUnchanged()
