"""Appeals: a reader asks once, in time, for a second look; another moderator decides it."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.accounts.models import Notification, User
from masthead.community.actions import CommunityError, post_comment
from masthead.community.models import Comment, Thread
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation import tasks
from masthead.moderation.actions import (
    ModerationError,
    appeal_decision,
    ban_reader,
    decide_appeal,
    premoderate_reader,
    reject_comment,
    restore_comment,
    suspend_reader,
)
from masthead.moderation.models import Appeal, Decision, Standing, Statement
from masthead.moderation.statements import statement_path


def next_visit(user: User) -> User:
    """The reader as their next request loads them: standing is cached per user object."""
    return User.objects.get(pk=user.pk)


class AppealTestCase(CommunityTestCase):
    """The cast, plus sam (Moderators), who did not take the decisions below.

    The moderator removed the reader's comment as abusive; the reader got a statement.
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sam = make_user("sam", "Moderators")
        cls.theirs = cls.comment(cls.reader, "The council are clowns, every one of them.")
        reject_comment(cls.moderator, cls.theirs, reason="abusive")
        cls.statement = Statement.objects.get(comment=cls.theirs)
        cls.rejection = cls.statement.decision

    def thread(self) -> Thread:
        return Thread.objects.get(page=self.article)

    def appeal(self, statement: Statement | None = None) -> Appeal:
        return appeal_decision(
            self.reader, statement or self.statement, note="Criticism, not abuse."
        )

    def people_decided(self, **filters: object) -> list[str]:
        return list(
            Decision.objects.filter(moderator__isnull=False, **filters)
            .order_by("pk")
            .values_list("action", flat=True)
        )


class AskingTests(AppealTestCase):
    def test_the_author_asks_for_a_second_look(self) -> None:
        appeal = appeal_decision(self.reader, self.statement, note="  Criticism, not abuse.  ")
        appeal.refresh_from_db()
        self.assertEqual(
            (appeal.statement, appeal.reader, appeal.note, appeal.status),
            (self.statement, self.reader, "Criticism, not abuse.", Appeal.Status.PENDING),
        )
        self.assertFalse(self.statement.can_appeal())
        # Nothing is decided by asking.
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)

    def test_a_decision_can_be_appealed_only_once(self) -> None:
        self.appeal()
        with self.assertRaisesMessage(ModerationError, "You have already appealed this decision."):
            appeal_decision(self.reader, self.statement, note="Please, look again.")
        self.assertEqual(Appeal.objects.get().note, "Criticism, not abuse.")

    def test_a_decided_appeal_cannot_be_made_again(self) -> None:
        decide_appeal(self.sam, self.appeal(), grant=False)
        with self.assertRaisesMessage(ModerationError, "You have already appealed this decision."):
            appeal_decision(self.reader, self.statement, note="Please, look again.")

    def test_an_appeal_must_say_why(self) -> None:
        with self.assertRaisesMessage(
            ModerationError, "Tell us why you think the decision was wrong."
        ):
            appeal_decision(self.reader, self.statement, note="   ")
        self.assertFalse(Appeal.objects.exists())
        self.assertTrue(self.statement.can_appeal())

    def test_only_the_reader_the_decision_concerns_may_appeal(self) -> None:
        for person in (self.second_reader, self.moderator, self.sam):
            with (
                self.subTest(person=person.username),
                self.assertRaisesMessage(
                    PermissionDenied, "You can only appeal decisions about you."
                ),
            ):
                appeal_decision(person, self.statement, note="Unfair!")
        self.assertFalse(Appeal.objects.exists())

    def test_an_appeal_is_accepted_until_the_window_closes(self) -> None:
        self.assertEqual(
            self.statement.appeal_until, self.rejection.created_at + dt.timedelta(days=183)
        )
        with time_machine.travel(self.statement.appeal_until - dt.timedelta(minutes=1)):
            self.appeal()
        self.assertTrue(Appeal.objects.exists())

    def test_an_appeal_after_the_window_is_refused(self) -> None:
        with time_machine.travel(self.statement.appeal_until + dt.timedelta(seconds=1)):
            self.assertFalse(self.statement.can_appeal())
            with self.assertRaisesMessage(
                ModerationError, "The time to appeal this decision has passed."
            ):
                self.appeal()
        self.assertFalse(Appeal.objects.exists())

    def test_a_banned_reader_can_still_appeal(self) -> None:
        ban_reader(self.moderator, self.reader, reason="abusive")
        ban = Statement.objects.get(decision__action="ban")
        self.appeal(ban)
        self.appeal()
        self.assertEqual(Appeal.objects.count(), 2)


class DecidingTests(AppealTestCase):
    def test_the_moderator_who_decided_cannot_decide_the_appeal(self) -> None:
        appeal = self.appeal()
        for grant in (True, False):
            with (
                self.subTest(grant=grant),
                self.assertRaisesMessage(PermissionDenied, "another moderator must review it"),
            ):
                decide_appeal(self.moderator, appeal, grant=grant)
        appeal.refresh_from_db()
        self.assertEqual((appeal.status, appeal.decided_by), (Appeal.Status.PENDING, None))
        self.assertEqual(self.people_decided(), ["reject"])
        self.assertFalse(Notification.objects.filter(kind="appeal").exists())

    def test_readers_writers_and_editors_cannot_decide_an_appeal(self) -> None:
        appeal = self.appeal()
        for person in (self.reader, self.second_reader, self.writer, self.editor):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                decide_appeal(person, appeal, grant=True)
        appeal.refresh_from_db()
        self.assertEqual(appeal.status, Appeal.Status.PENDING)

    def test_another_moderator_grants_it_and_the_comment_is_back(self) -> None:
        appeal = self.appeal()
        with self.captureOnCommitCallbacks(execute=True):
            decide_appeal(self.sam, appeal, grant=True, explanation="Fair criticism.")
        appeal.refresh_from_db()
        self.assertEqual(
            (appeal.status, appeal.decided_by, appeal.explanation),
            (Appeal.Status.GRANTED, self.sam, "Fair criticism."),
        )
        self.assertIsNotNone(appeal.decided_at)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)

        self.assertEqual(
            self.people_decided(comment=self.theirs), ["reject", "appeal_granted", "restore"]
        )
        granted = Decision.objects.get(action=Decision.Action.APPEAL_GRANTED)
        self.assertEqual(
            (granted.moderator, granted.subject, granted.reason, granted.detail),
            (
                self.sam,
                self.reader,
                "abusive",
                {
                    "appeal": appeal.pk,
                    "decision": self.rejection.pk,
                    "explanation": "Fair criticism.",
                },
            ),
        )
        restore = Decision.objects.get(action=Decision.Action.RESTORE)
        self.assertEqual(
            (restore.moderator, restore.detail), (self.sam, {"appeal_of": self.rejection.pk})
        )

        notification = Notification.objects.get(kind=Notification.Kind.APPEAL_OUTCOME)
        self.assertEqual(
            (notification.reader, notification.title, notification.link),
            (self.reader, "Your appeal was granted", statement_path(self.statement)),
        )
        self.assertEqual(
            notification.body,
            "We looked again and reversed the decision. Your comment is visible again.\n\n"
            "The reviewing moderator's explanation: Fair criticism.",
        )
        [message] = mail.outbox
        self.assertEqual(
            (message.to, message.subject),
            (["reader@example.org"], "Your appeal: we reversed our decision"),
        )
        self.assertIn("Your comment is visible again.", message.body)
        self.assertIn("Fair criticism.", message.body)
        self.assertIsNotNone(Appeal.objects.get().emailed_at)
        # A granted appeal restricts nothing: no new statement.
        self.assertEqual(Statement.objects.count(), 1)

    def test_granting_without_an_explanation_says_why_anyway(self) -> None:
        appeal = decide_appeal(self.sam, self.appeal(), grant=True, explanation="  ")
        self.assertEqual(appeal.explanation, "On a second look, the decision was not justified.")

    def test_upholding_keeps_the_comment_down(self) -> None:
        appeal = self.appeal()
        with self.captureOnCommitCallbacks(execute=True):
            decide_appeal(self.sam, appeal, grant=False, explanation="It is abuse.")
        appeal.refresh_from_db()
        self.assertEqual((appeal.status, appeal.decided_by), (Appeal.Status.UPHELD, self.sam))
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        self.assertEqual(self.thread().comment_count, 0)
        self.assertEqual(self.people_decided(), ["reject", "appeal_upheld"])
        notification = Notification.objects.get(kind=Notification.Kind.APPEAL_OUTCOME)
        self.assertEqual(
            (notification.title, notification.body),
            (
                "Your appeal was not granted",
                "We looked again, and the decision stands.\n\n"
                "The reviewing moderator's explanation: It is abuse.",
            ),
        )
        [message] = mail.outbox
        self.assertEqual(message.subject, "Your appeal: our decision stands")

    def test_an_appeal_is_decided_only_once(self) -> None:
        appeal = self.appeal()
        decide_appeal(self.sam, appeal, grant=False)
        chief = make_user("chief", is_superuser=True)
        with self.assertRaisesMessage(ModerationError, "This appeal has already been decided."):
            decide_appeal(chief, appeal, grant=True)
        appeal.refresh_from_db()
        self.assertEqual((appeal.status, appeal.decided_by), (Appeal.Status.UPHELD, self.sam))
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)

    def test_the_outcome_is_e_mailed_once(self) -> None:
        appeal = self.appeal()
        with self.captureOnCommitCallbacks(execute=True):
            decide_appeal(self.sam, appeal, grant=False)
        tasks.send_appeal_outcome.enqueue(appeal.pk)
        self.assertEqual(len(mail.outbox), 1)

    def test_granting_an_appeal_on_a_comment_restored_meanwhile_counts_it_once(self) -> None:
        appeal = self.appeal()
        self.theirs.refresh_from_db()
        restore_comment(self.sam, self.theirs)
        decide_appeal(self.sam, appeal, grant=True)
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(
            self.people_decided(comment=self.theirs), ["reject", "restore", "appeal_granted"]
        )

    def test_any_moderator_may_decide_an_appeal_against_an_automatic_decision(self) -> None:
        self.configure(banned_words="scoundrel")
        posted = post_comment(self.reader, self.article, body="The mayor is a scoundrel.")
        assert posted.comment is not None and posted.outcome == "rejected"
        statement = Statement.objects.get(comment=posted.comment)
        self.assertTrue(statement.automated)
        appeal = self.appeal(statement)
        decide_appeal(self.moderator, appeal, grant=True)
        posted.comment.refresh_from_db()
        self.assertEqual(posted.comment.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(self.people_decided(comment=posted.comment), ["appeal_granted", "restore"])


class AccountAppealTests(AppealTestCase):
    def test_granting_an_appeal_against_a_suspension_lifts_it(self) -> None:
        until = timezone.now() + dt.timedelta(days=7)
        suspend_reader(self.moderator, self.reader, until=until, reason="abusive")
        statement = Statement.objects.get(decision__action="suspend")
        with self.captureOnCommitCallbacks(execute=True):
            decide_appeal(self.sam, self.appeal(statement), grant=True)
        self.assertFalse(Standing.objects.get(reader=self.reader).restricted())
        posted = post_comment(next_visit(self.reader), self.article, body="Back, thank you.")
        self.assertEqual(posted.outcome, "published")
        suspension = statement.decision
        self.assertEqual(
            self.people_decided(subject=self.reader, comment__isnull=True),
            ["suspend", "appeal_granted", "lift"],
        )
        lift = Decision.objects.get(action=Decision.Action.LIFT)
        self.assertEqual(
            (lift.moderator, lift.detail),
            (self.sam, {"appeal_of": suspension.pk, "lifted": "suspend"}),
        )
        notification = Notification.objects.get(kind=Notification.Kind.APPEAL_OUTCOME)
        self.assertIn("The restriction on your account is lifted.", notification.body)
        self.assertEqual(
            [m.subject for m in mail.outbox], ["Your appeal: we reversed our decision"]
        )

    def test_upholding_a_suspension_keeps_the_reader_out(self) -> None:
        until = timezone.now() + dt.timedelta(days=7)
        suspend_reader(self.moderator, self.reader, until=until, reason="abusive")
        statement = Statement.objects.get(decision__action="suspend")
        decide_appeal(self.sam, self.appeal(statement), grant=False)
        self.assertEqual(Standing.objects.get(reader=self.reader).suspended_until, until)
        with self.assertRaisesMessage(CommunityError, "suspended from commenting"):
            post_comment(next_visit(self.reader), self.article, body="Still out?")

    def test_granting_an_appeal_against_a_ban_lets_the_reader_comment(self) -> None:
        ban_reader(self.moderator, self.reader, reason="hate")
        statement = Statement.objects.get(decision__action="ban")
        decide_appeal(self.sam, self.appeal(statement), grant=True)
        self.assertFalse(Standing.objects.get(reader=self.reader).banned)
        posted = post_comment(next_visit(self.reader), self.article, body="Back, thank you.")
        self.assertEqual(posted.outcome, "published")

    def test_granting_an_appeal_against_premoderation_publishes_at_once(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        statement = Statement.objects.get(decision__action="premoderate")
        decide_appeal(self.sam, self.appeal(statement), grant=True)
        posted = post_comment(next_visit(self.reader), self.article, body="Straight in again.")
        self.assertEqual(posted.outcome, "published")

    def test_granting_one_restriction_leaves_a_later_one_in_place(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        ban_reader(self.moderator, self.reader, reason="hate")
        statement = Statement.objects.get(decision__action="premoderate")
        decide_appeal(self.sam, self.appeal(statement), grant=True)
        standing = Standing.objects.get(reader=self.reader)
        self.assertFalse(standing.premoderated)
        self.assertTrue(standing.banned)

    def test_granting_an_appeal_against_a_ban_brings_back_the_comments_it_took_down(
        self,
    ) -> None:
        kept = self.comment(self.reader, "The quay plan finally makes sense.")
        ban_reader(self.moderator, self.reader, reason="hate", reject_comments=True)
        kept.refresh_from_db()
        self.assertEqual((kept.status, self.thread().comment_count), ("rejected", 0))
        statement = Statement.objects.get(decision__action="ban")
        decide_appeal(self.sam, self.appeal(statement), grant=True)
        self.assertFalse(Standing.objects.get(reader=self.reader).banned)
        kept.refresh_from_db()
        self.assertEqual(kept.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)
