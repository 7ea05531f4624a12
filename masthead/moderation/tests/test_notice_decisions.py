"""Illegal-content notices (EU DSA Art. 16): a moderator takes one up and decides it, with
reasons; a removal cites the law to the comment's author, and the notifier hears either way."""

from __future__ import annotations

from django.core import mail
from django.core.exceptions import PermissionDenied

from masthead.accounts.models import Notification
from masthead.community.actions import send_notice
from masthead.community.models import Comment, IllegalContentNotice, Thread
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation.actions import (
    ModerationError,
    appeal_decision,
    claim_comment,
    decide_appeal,
    decide_notice,
    reject_comment,
    review_notice,
)
from masthead.moderation.models import Claim, Decision, Statement

LAW = "Defamation Act 2013, s. 1"
REASONING = "The comment says, as fact, that a named trader falsified accounts."


class NoticeTestCase(CommunityTestCase):
    """The cast, plus a notice from Nora Quinn about the reader's comment."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.reader, "Dan Moss at the fish market cooks his books.")
        cls.notice = send_notice(
            comment=cls.theirs,
            comment_url=f"https://courier.example/{cls.theirs.anchor()}",
            law=LAW,
            explanation="I am Dan Moss and this is false.",
            name="Nora Quinn",
            email="nora@example.org",
        )

    def thread(self) -> Thread:
        return Thread.objects.get(page=self.article)

    def remove(self) -> IllegalContentNotice:
        with self.captureOnCommitCallbacks(execute=True):
            return decide_notice(
                self.moderator,
                self.notice,
                remove=True,
                legal_grounds=LAW,
                reasoning=REASONING,
            )


class ReviewTests(NoticeTestCase):
    def test_a_moderator_takes_up_a_notice(self) -> None:
        notice = review_notice(self.moderator, self.notice)
        self.assertEqual(
            (notice.status, notice.reviewer),
            (IllegalContentNotice.Status.UNDER_REVIEW, self.moderator),
        )

    def test_a_notice_under_review_keeps_its_reviewer(self) -> None:
        review_notice(self.moderator, self.notice)
        notice = review_notice(make_user("sam", "Moderators"), self.notice)
        self.assertEqual(notice.reviewer, self.moderator)

    def test_readers_writers_and_editors_cannot_take_up_a_notice(self) -> None:
        for person in (self.reader, self.writer, self.editor):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                review_notice(person, self.notice)
        self.notice.refresh_from_db()
        self.assertEqual(
            (self.notice.status, self.notice.reviewer), (IllegalContentNotice.Status.RECEIVED, None)
        )


class RemovalTests(NoticeTestCase):
    def test_removing_takes_the_comment_down_as_illegal_content(self) -> None:
        notice = self.remove()
        notice.refresh_from_db()
        self.assertEqual(
            (notice.status, notice.outcome, notice.reviewer, notice.legal_grounds),
            ("decided", "removed", self.moderator, LAW),
        )
        self.assertEqual(notice.reasoning, REASONING)
        self.assertIsNotNone(notice.decided_at)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        self.assertEqual(self.thread().comment_count, 0)

        decided = Decision.objects.get(action=Decision.Action.NOTICE)
        self.assertEqual(
            (decided.comment, decided.subject, decided.moderator, decided.reason, decided.detail),
            (
                self.theirs,
                self.reader,
                self.moderator,
                "removed",
                {
                    "notice": notice.pk,
                    "legal_grounds": LAW,
                },
            ),
        )
        rejection = Decision.objects.get(action=Decision.Action.REJECT, moderator=self.moderator)
        self.assertEqual(
            (rejection.reason, rejection.detail),
            ("illegal", {"explanation": REASONING, "legal_grounds": LAW}),
        )

    def test_the_author_gets_a_statement_citing_the_law(self) -> None:
        self.remove()
        statement = Statement.objects.get()
        self.assertEqual((statement.reader, statement.comment), (self.reader, self.theirs))
        self.assertEqual(
            statement.grounds,
            "Illegal content. The content is illegal under the law named below. "
            f"The law relied on: {LAW}.",
        )
        self.assertIn(f"The moderator's explanation: {REASONING}", statement.facts)
        self.assertFalse(statement.automated)
        self.assertEqual(
            Notification.objects.get(reader=self.reader).title, "Your comment was removed"
        )
        [to_author] = [m for m in mail.outbox if m.to == ["reader@example.org"]]
        self.assertIn(LAW, to_author.body)

    def test_the_notifier_is_e_mailed_the_decision_and_the_law(self) -> None:
        notice = self.remove()
        [to_notifier] = [m for m in mail.outbox if m.to == ["nora@example.org"]]
        self.assertEqual(
            to_notifier.subject, f"Our decision on your notice (reference {notice.pk})"
        )
        self.assertIn("Dear Nora Quinn,", to_notifier.body)
        self.assertIn("Our decision: the content was removed.", to_notifier.body)
        self.assertIn(f"The law relied on: {LAW}", to_notifier.body)
        self.assertIn(f"Our reasons: {REASONING}", to_notifier.body)
        self.assertEqual(len(mail.outbox), 2)
        notice.refresh_from_db()
        self.assertIsNotNone(notice.decision_sent_at)

    def test_removing_needs_the_law_it_breaks(self) -> None:
        with self.assertRaisesMessage(
            ModerationError, "Name the law the content breaks before removing it."
        ):
            decide_notice(
                self.moderator, self.notice, remove=True, legal_grounds="  ", reasoning=REASONING
            )
        self.notice.refresh_from_db()
        self.assertEqual(self.notice.status, IllegalContentNotice.Status.RECEIVED)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)

    def test_removal_overrides_another_moderators_claim(self) -> None:
        claim_comment(make_user("sam", "Moderators"), self.theirs)
        self.remove()
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        self.assertFalse(Claim.objects.exists())

    def test_removing_an_already_removed_comment_writes_no_second_statement(self) -> None:
        reject_comment(self.moderator, self.theirs, reason="abusive")
        self.remove()
        self.assertEqual(Statement.objects.count(), 1)
        self.notice.refresh_from_db()
        self.assertEqual(self.notice.outcome, "removed")

    def test_the_moderator_who_removed_it_cannot_decide_the_authors_appeal(self) -> None:
        self.remove()
        appeal = appeal_decision(self.reader, Statement.objects.get(), note="It is true.")
        with self.assertRaises(PermissionDenied):
            decide_appeal(self.moderator, appeal, grant=True)
        decide_appeal(make_user("sam", "Moderators"), appeal, grant=False)
        appeal.refresh_from_db()
        self.assertEqual(appeal.status, "upheld")


class KeepingTests(NoticeTestCase):
    def test_keeping_the_comment_up_tells_the_notifier(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            notice = decide_notice(
                self.moderator,
                self.notice,
                remove=False,
                legal_grounds="",
                reasoning="Fair comment on a matter of public record.",
            )
        notice.refresh_from_db()
        self.assertEqual((notice.status, notice.outcome), ("decided", "no_action"))
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)
        decided = Decision.objects.get(action=Decision.Action.NOTICE)
        self.assertEqual(
            (decided.reason, decided.detail),
            ("no_action", {"notice": notice.pk, "legal_grounds": ""}),
        )
        self.assertFalse(Statement.objects.exists())
        [message] = mail.outbox
        self.assertEqual(message.to, ["nora@example.org"])
        self.assertIn("Our decision: no action: the content is not illegal.", message.body)
        self.assertIn("Our reasons: Fair comment on a matter of public record.", message.body)
        self.assertNotIn("The law relied on", message.body)

    def test_a_decision_needs_reasoning(self) -> None:
        for remove in (True, False):
            with (
                self.subTest(remove=remove),
                self.assertRaisesMessage(
                    ModerationError, "Explain the decision: the notifier receives this"
                ),
            ):
                decide_notice(
                    self.moderator, self.notice, remove=remove, legal_grounds=LAW, reasoning=" "
                )
        self.notice.refresh_from_db()
        self.assertEqual(self.notice.status, IllegalContentNotice.Status.RECEIVED)
        self.assertFalse(Decision.objects.filter(action="notice").exists())

    def test_a_notice_is_decided_only_once(self) -> None:
        self.remove()
        for remove in (False, True):
            with (
                self.subTest(remove=remove),
                self.assertRaisesMessage(ModerationError, "This notice has already been decided."),
            ):
                decide_notice(
                    self.moderator,
                    self.notice,
                    remove=remove,
                    legal_grounds=LAW,
                    reasoning="On reflection, no.",
                )
        self.notice.refresh_from_db()
        self.assertEqual((self.notice.outcome, self.notice.reasoning), ("removed", REASONING))
        self.assertEqual(Decision.objects.filter(action="notice").count(), 1)

    def test_a_notice_naming_no_comment_of_ours_can_only_be_answered(self) -> None:
        elsewhere = send_notice(
            comment=None,
            comment_url="https://elsewhere.example/forum/1",
            law=LAW,
            explanation="Not even your site.",
        )
        with self.assertRaisesMessage(
            ModerationError, "This notice names no comment of ours to remove."
        ):
            decide_notice(
                self.moderator, elsewhere, remove=True, legal_grounds=LAW, reasoning=REASONING
            )
        with self.captureOnCommitCallbacks(execute=True):
            decide_notice(
                self.moderator,
                elsewhere,
                remove=False,
                legal_grounds="",
                reasoning="The address is not on our site.",
            )
        decided = Decision.objects.get(action="notice")
        self.assertEqual((decided.comment, decided.subject), (None, None))
        # The notifier left no address: nobody to e-mail.
        self.assertEqual(mail.outbox, [])

    def test_readers_writers_and_editors_cannot_decide_a_notice(self) -> None:
        for person in (self.reader, self.writer, self.editor):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                decide_notice(
                    person, self.notice, remove=True, legal_grounds=LAW, reasoning=REASONING
                )
        self.notice.refresh_from_db()
        self.assertEqual(self.notice.status, IllegalContentNotice.Status.RECEIVED)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
