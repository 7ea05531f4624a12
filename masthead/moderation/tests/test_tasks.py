"""The e-mails and notifications that follow moderators' decisions, sent from the worker once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from masthead.accounts.models import Notification, User
from masthead.community.actions import report_comment, send_notice
from masthead.community.models import Comment, IllegalContentNotice, ReportReason
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation import tasks
from masthead.moderation.actions import (
    appeal_decision,
    approve_comment,
    decide_appeal,
    decide_notice,
    reject_comment,
    suspend_reader,
)
from masthead.moderation.models import Appeal, ModerationSettings, Statement


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if address in message.to]


class TaskTestCase(CommunityTestCase):
    """The shared cast, plus:

    - mine: a published comment of the reader's, for moderators to decide
    - second_moderator: may moderate; did not take the decisions, so may decide their appeals
    - witness: a verified reader who reports comments alongside second_reader
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.second_moderator = make_user("second_moderator", "Moderators")
        cls.witness = make_user("witness", verified=True)
        cls.mine = cls.comment(cls.reader, "The mayor should resign over the quay.")
        moderation = ModerationSettings.for_site(Site.objects.get(is_default_site=True))
        moderation.appeal_info = "Ask us once to look again."
        moderation.redress_info = "Or go to the Harwick dispute board."
        moderation.save()

    def reject(self, comment: Comment | None = None) -> Statement:
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, comment or self.mine, reason="abusive")
        return Statement.objects.get(comment=comment or self.mine)


class SendStatementTests(TaskTestCase):
    def test_a_removed_comments_author_is_emailed_the_statement_once(self) -> None:
        statement = self.reject()
        [message] = mail.outbox
        self.assertEqual(message.to, ["reader@example.org"])
        self.assertEqual(message.subject, "Your comment was removed: our reasons")
        link = f"{settings.SITE_URL}/moderation/statements/{statement.pk}/"
        for text in (
            statement.restriction,
            "Automated decision: no",
            "Ask us once to look again.",
            link,
            "Or go to the Harwick dispute board.",
        ):
            self.assertIn(text, message.body)
        self.assertIn(f'href="{link}"', message.alternatives[0].content)
        statement.refresh_from_db()
        self.assertIsNotNone(statement.emailed_at)

        tasks.send_statement.enqueue(statement.pk)  # a retry
        self.assertEqual(len(mail.outbox), 1)

    def test_an_account_restriction_is_emailed_as_a_decision_about_the_account(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            suspend_reader(
                self.moderator,
                self.reader,
                until=timezone.now() + dt.timedelta(days=3),
                reason="harassment",
            )
        [message] = mail.outbox
        self.assertEqual(message.subject, "A decision about your account: our reasons")

    def test_a_reader_who_closed_their_account_gets_no_mail(self) -> None:
        User.objects.filter(pk=self.reader.pk).update(is_active=False)
        statement = self.reject()
        self.assertEqual(mail.outbox, [])
        statement.refresh_from_db()
        self.assertIsNotNone(statement.emailed_at, "done: a retry will not send it either")
        self.assertTrue(Notification.objects.filter(reader=self.reader, kind="statement").exists())


class SendAppealOutcomeTests(TaskTestCase):
    def appeal(self) -> Appeal:
        statement = self.reject()
        mail.outbox.clear()
        return appeal_decision(self.reader, statement, note="I was quoting the council.")

    def test_a_granted_appeal_is_emailed_once_and_restores_the_comment(self) -> None:
        appeal = self.appeal()
        with self.captureOnCommitCallbacks(execute=True):
            decide_appeal(
                self.second_moderator, appeal, grant=True, explanation="It was a fair quote."
            )
        [message] = mail.outbox
        self.assertEqual(message.to, ["reader@example.org"])
        self.assertEqual(message.subject, "Your appeal: we reversed our decision")
        self.assertIn("Your comment is visible again.", message.body)
        self.assertIn("It was a fair quote.", message.body)
        link = f"{settings.SITE_URL}/moderation/statements/{appeal.statement_id}/"
        self.assertIn(link, message.body)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, Comment.Status.PUBLISHED)
        told = Notification.objects.get(reader=self.reader, kind="appeal")
        self.assertEqual(
            (told.title, told.link),
            ("Your appeal was granted", f"/moderation/statements/{appeal.statement_id}/"),
        )

        tasks.send_appeal_outcome.enqueue(appeal.pk)  # a retry
        self.assertEqual(len(mail.outbox), 1)

    def test_a_refused_appeal_says_the_decision_stands(self) -> None:
        appeal = self.appeal()
        with self.captureOnCommitCallbacks(execute=True):
            decide_appeal(self.second_moderator, appeal, grant=False)
        [message] = mail.outbox
        self.assertEqual(message.subject, "Your appeal: our decision stands")
        self.assertIn("We looked again, and the decision stands.", message.body)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, Comment.Status.REJECTED)

    def test_a_pending_appeal_sends_nothing(self) -> None:
        appeal = self.appeal()
        tasks.send_appeal_outcome.enqueue(appeal.pk)
        self.assertEqual(mail.outbox, [])


class TellReportersTests(TaskTestCase):
    def setUp(self) -> None:
        spam = ReportReason.objects.get(code="spam")
        for reporter in (self.second_reader, self.witness):
            report_comment(reporter, self.mine, reason=spam)

    def outcomes(self) -> list[tuple[str, str]]:
        return list(
            Notification.objects.filter(kind="report")
            .order_by("reader__username")
            .values_list("reader__username", "body")
        )

    def test_each_reporter_is_told_once_when_the_comment_is_removed(self) -> None:
        self.reject()
        removed = ModerationSettings.for_site(Site.objects.get(is_default_site=True)).report_removed
        self.assertEqual(self.outcomes(), [("second_reader", removed), ("witness", removed)])
        for address in ("second_reader@example.org", "witness@example.org"):
            [message] = sent_to(address)
            self.assertEqual(message.subject, "Your report: the comment was removed")
            self.assertIn(removed, message.body)
            self.assertIn('"Council approves harbour plan"', message.body)
        self.assertEqual(len(sent_to("reader@example.org")), 1, "the author: their statement")

        tasks.tell_reporters.enqueue(self.mine.pk)  # a retry
        self.assertEqual(len(self.outcomes()), 2)
        self.assertEqual(len(mail.outbox), 3)

    def test_each_reporter_is_told_once_when_the_comment_stays_up(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            approve_comment(self.moderator, self.mine)
        kept = ModerationSettings.for_site(Site.objects.get(is_default_site=True)).report_kept
        self.assertEqual(self.outcomes(), [("second_reader", kept), ("witness", kept)])
        self.assertEqual(
            sorted((m.to[0], m.subject) for m in mail.outbox),
            [
                ("second_reader@example.org", "Your report: the comment stays up"),
                ("witness@example.org", "Your report: the comment stays up"),
            ],
        )

        with self.captureOnCommitCallbacks(execute=True):
            approve_comment(self.moderator, self.mine)  # nothing new to decide
        tasks.tell_reporters.enqueue(self.mine.pk)
        self.assertEqual(len(self.outcomes()), 2)
        self.assertEqual(len(mail.outbox), 2)

    def test_a_reporter_who_closed_their_account_is_told_in_notifications_only(self) -> None:
        User.objects.filter(pk=self.witness.pk).update(is_active=False)
        self.reject()
        self.assertEqual(len(self.outcomes()), 2)
        self.assertEqual(sent_to("witness@example.org"), [])
        self.assertEqual(len(sent_to("second_reader@example.org")), 1)


class SendNoticeDecisionTests(TaskTestCase):
    def setUp(self) -> None:
        self.notice = send_notice(
            comment=self.mine,
            comment_url=f"{settings.SITE_URL}/community/comments/{self.mine.pk}/",
            law="Defamation Act 2013",
            explanation="It says the mayor took bribes.",
            name="Nora Tifier",
            email="nora@example.org",
        )

    def test_the_notifier_is_emailed_the_decision_once_and_the_author_their_statement(
        self,
    ) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            decide_notice(
                self.moderator,
                self.notice,
                remove=True,
                legal_grounds="Defamation Act 2013, s. 1",
                reasoning="It states an unproven crime as fact.",
            )
        [message] = sent_to("nora@example.org")
        self.assertEqual(
            message.subject, f"Our decision on your notice (reference {self.notice.pk})"
        )
        for text in (
            "Dear Nora Tifier,",
            "Our decision: the content was removed.",
            "The law relied on: Defamation Act 2013, s. 1",
            "Our reasons: It states an unproven crime as fact.",
            "Or go to the Harwick dispute board.",
        ):
            self.assertIn(text, message.body)
        [statement] = sent_to("reader@example.org")
        self.assertIn("The law relied on: Defamation Act 2013, s. 1.", statement.body)
        self.notice.refresh_from_db()
        self.assertIsNotNone(self.notice.decision_sent_at)

        tasks.send_notice_decision.enqueue(self.notice.pk)  # a retry
        self.assertEqual(len(sent_to("nora@example.org")), 1)

    def test_keeping_the_comment_up_is_emailed_too_and_the_author_hears_nothing(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            decide_notice(
                self.moderator,
                self.notice,
                remove=False,
                legal_grounds="",
                reasoning="It is an opinion on a public figure.",
            )
        [message] = mail.outbox
        self.assertEqual(message.to, ["nora@example.org"])
        self.assertIn("Our decision: no action: the content is not illegal.", message.body)
        self.assertNotIn("The law relied on", message.body)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, Comment.Status.PUBLISHED)

    def test_a_notice_without_an_address_sends_nothing(self) -> None:
        anonymous = IllegalContentNotice.objects.create(
            comment=self.mine, comment_url="x", law="x", explanation="x", good_faith=True
        )
        with self.captureOnCommitCallbacks(execute=True):
            decide_notice(
                self.moderator, anonymous, remove=False, legal_grounds="", reasoning="Fine."
            )
        self.assertEqual(mail.outbox, [])
