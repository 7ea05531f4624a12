"""Statements of reasons (EU DSA Art. 17): every restricting decision, by a moderator or a rule,
writes exactly one, puts it in the reader's notifications and e-mails it; nothing else does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core import mail
from django.utils import timezone

from masthead.accounts.models import Notification, User
from masthead.community.actions import edit_comment, post_comment
from masthead.community.models import Comment
from masthead.community.tests.base import CommunityTestCase
from masthead.moderation import tasks
from masthead.moderation.actions import (
    approve_comment,
    ban_reader,
    feature_comment,
    lift_restrictions,
    moderation_settings,
    premoderate_reader,
    reject_comment,
    suspend_reader,
    warn_reader,
)
from masthead.moderation.models import Decision, Statement
from masthead.moderation.statements import statement_path

ARTICLE = "Council approves harbour plan"
BY_A_MODERATOR = "This decision was taken by one of our moderators."
BY_THE_FILTER = (
    "This decision was taken automatically, by our filter for language we do not allow on this "
    "site, without a person reviewing it first."
)
BAN = (
    "You can no longer comment, reply or edit comments on this site. You can still read, and "
    "sign in to your account to download or delete your data."
)


def when(moment: dt.datetime) -> str:
    """As statements write a moment: "3 March 2025, 14:05", in the newsroom's time zone."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y, %H:%M}"


class StatementTestCase(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.reader, "The council are clowns, every one of them.")

    def statement(self) -> Statement:
        return Statement.objects.select_related("decision").get()

    def removed(self, comment: Comment) -> str:
        return (
            f'Your comment of {when(comment.created_at)} on "{ARTICLE}" was removed from public '
            "view. Your account is not affected."
        )


class WhatStatementsSayTests(StatementTestCase):
    def test_a_moderators_rejection_quotes_the_comment_and_says_a_person_decided(self) -> None:
        reject_comment(
            self.moderator, self.theirs, reason="abusive", explanation="Insults councillors."
        )
        statement = self.statement()
        self.assertEqual(statement.restriction, self.removed(self.theirs))
        self.assertEqual(
            statement.facts,
            'You wrote: "The council are clowns, every one of them."\n\n'
            f"{BY_A_MODERATOR}\n\n"
            "The moderator's explanation: Insults councillors.",
        )
        self.assertEqual(
            statement.grounds,
            "Abusive. Our community guidelines do not allow abuse or insults aimed at anyone.",
        )
        self.assertFalse(statement.automated)
        self.assertEqual(
            (statement.reader, statement.comment, statement.decision.action),
            (self.reader, self.theirs, Decision.Action.REJECT),
        )

    def test_a_banned_word_rejection_names_the_word_and_says_it_was_automatic(self) -> None:
        self.configure(banned_words="scoundrel")
        posted = post_comment(self.reader, self.article, body="The mayor is a scoundrel.")
        self.assertEqual(posted.outcome, "rejected")
        assert posted.comment is not None
        statement = self.statement()
        self.assertEqual(statement.restriction, self.removed(posted.comment))
        self.assertEqual(
            statement.facts,
            'You wrote: "The mayor is a scoundrel."\n\n'
            'It contains "scoundrel", which is on our list.\n\n'
            f"{BY_THE_FILTER}",
        )
        self.assertEqual(
            statement.grounds,
            "Language we do not allow. Our community guidelines do not allow the language this "
            "comment used.",
        )
        self.assertTrue(statement.automated)
        self.assertEqual(
            (statement.decision.rule, statement.decision.moderator), ("banned_words", None)
        )

    def test_an_edit_that_adds_a_banned_word_is_removed_with_a_statement(self) -> None:
        self.configure(banned_words="scoundrel")
        with self.captureOnCommitCallbacks(execute=True):
            edit_comment(self.reader, self.theirs, body="The mayor is a scoundrel, too.")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        statement = self.statement()
        self.assertEqual(
            statement.facts,
            'You wrote: "The mayor is a scoundrel, too."\n\n'
            'It contains "scoundrel", which is on our list.\n\n'
            f"{BY_THE_FILTER}",
        )
        self.assertTrue(statement.automated)
        self.assertEqual(statement.decision.detail, {"matched": "scoundrel", "on": "edit"})
        self.assertEqual(
            Notification.objects.filter(reader=self.reader, kind="statement").count(), 1
        )
        self.assertEqual([m.to for m in mail.outbox], [["reader@example.org"]])

    def test_a_long_comment_is_quoted_in_a_short_excerpt(self) -> None:
        words = ("harbour  quay\n\nferry " * 40).strip()
        long = self.comment(self.second_reader, words)
        reject_comment(self.moderator, long, reason="spam")
        first_line = self.statement().facts.splitlines()[0]
        quoted = first_line.removeprefix('You wrote: "').removesuffix('"')
        self.assertEqual(len(quoted), 300)
        self.assertTrue(quoted.endswith("…"))
        self.assertTrue(" ".join(words.split()).startswith(quoted[:-1]))
        self.assertNotIn("\n", quoted)

    def test_the_grounds_name_the_guideline_for_the_reason(self) -> None:
        other = self.comment(self.second_reader, "Back to the ferry timetable.")
        reject_comment(self.moderator, other, reason="off_topic")
        reject_comment(self.moderator, self.theirs, reason="other")
        self.assertEqual(
            dict(Statement.objects.values_list("comment_id", "grounds")),
            {
                other.pk: "Off topic. Our community guidelines ask that comments stay on the "
                "story's subject.",
                self.theirs.pk: "Our community guidelines.",
            },
        )

    def test_legal_grounds_are_cited_after_the_guideline(self) -> None:
        reject_comment(
            self.moderator,
            self.theirs,
            reason="illegal",
            legal_grounds="Defamation Act 2013, s. 1",
        )
        self.assertEqual(
            self.statement().grounds,
            "Illegal content. The content is illegal under the law named below. "
            "The law relied on: Defamation Act 2013, s. 1.",
        )

    def test_a_suspension_says_until_when(self) -> None:
        until = timezone.now() + dt.timedelta(days=3)
        suspend_reader(
            self.moderator, self.reader, until=until, reason="harassment", explanation="Pile-on."
        )
        statement = self.statement()
        self.assertEqual(
            statement.restriction,
            f"You cannot comment, reply or edit comments until {when(until)}. You can still "
            "read, and sign in to your account.",
        )
        self.assertEqual(
            statement.facts, f"{BY_A_MODERATOR}\n\nThe moderator's explanation: Pile-on."
        )
        self.assertEqual(
            statement.grounds,
            "Harassment. Our community guidelines do not allow harassing, following or exposing "
            "other people.",
        )
        self.assertIsNone(statement.comment)
        self.assertFalse(statement.automated)

    def test_a_ban_says_the_account_can_no_longer_comment(self) -> None:
        ban_reader(self.moderator, self.reader, reason="hate")
        statement = self.statement()
        self.assertEqual(statement.restriction, BAN)
        self.assertEqual(statement.facts, BY_A_MODERATOR)
        self.assertTrue(
            statement.grounds.startswith("Hate speech. Our community guidelines do not allow")
        )

    def test_a_ban_that_took_the_comments_down_says_so(self) -> None:
        ban_reader(self.moderator, self.reader, reason="hate", reject_comments=True)
        self.assertEqual(
            self.statement().restriction,
            f"{BAN} Your published comments were removed from public view.",
        )

    def test_premoderation_says_each_comment_waits_for_a_moderator(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        statement = self.statement()
        self.assertEqual(
            statement.restriction,
            "Until further notice, each comment you write waits for a moderator to approve it "
            "before other readers see it.",
        )
        self.assertEqual(
            statement.grounds,
            "Spam. Our community guidelines do not allow advertising, scams or repeated posting.",
        )

    def test_the_appeal_window_is_fixed_when_the_statement_is_written(self) -> None:
        reject_comment(self.moderator, self.theirs, reason="spam")
        settings_ = moderation_settings()
        settings_.appeal_days = 30
        settings_.save()
        statement = self.statement()
        self.assertEqual(
            statement.appeal_until, statement.decision.created_at + dt.timedelta(days=183)
        )
        ban_reader(self.moderator, self.reader, reason="spam")
        ban = Statement.objects.get(decision__action="ban")
        self.assertEqual(ban.appeal_until, ban.decision.created_at + dt.timedelta(days=30))


class OneStatementPerRestrictionTests(StatementTestCase):
    """Each restricting decision: one statement, one notification, one e-mail to its reader."""

    def assertOneStatement(self, decide: Callable[[], object], title: str) -> Statement:
        with self.captureOnCommitCallbacks(execute=True):
            decide()
        statement = self.statement()
        self.assertEqual(statement.reader, self.reader)
        notification = Notification.objects.get(reader=self.reader)
        self.assertEqual(
            (notification.kind, notification.title, notification.body, notification.link),
            (Notification.Kind.STATEMENT, title, statement.restriction, statement_path(statement)),
        )
        self.assertFalse(notification.needs_ack)
        self.assertEqual([m.to for m in mail.outbox], [["reader@example.org"]])
        statement.refresh_from_db()
        self.assertIsNotNone(statement.emailed_at)
        return statement

    def test_a_moderators_rejection(self) -> None:
        self.assertOneStatement(
            lambda: reject_comment(self.moderator, self.theirs, reason="abusive"),
            "Your comment was removed",
        )

    def test_an_automatic_rejection_for_a_banned_word(self) -> None:
        self.configure(banned_words="scoundrel")
        self.assertOneStatement(
            lambda: post_comment(self.reader, self.article, body="The mayor is a scoundrel."),
            "Your comment was removed",
        )

    def test_premoderation(self) -> None:
        self.assertOneStatement(
            lambda: premoderate_reader(self.moderator, self.reader, reason="spam"),
            "Your comments will be reviewed before they appear",
        )

    def test_a_suspension(self) -> None:
        self.assertOneStatement(
            lambda: suspend_reader(
                self.moderator,
                self.reader,
                until=timezone.now() + dt.timedelta(days=1),
                reason="spam",
            ),
            "Your account is suspended from commenting",
        )

    def test_a_ban_that_takes_several_comments_down(self) -> None:
        self.comment(self.reader, "Buses would serve the quay better.")
        self.comment(self.reader, "And the ferry too.")
        statement = self.assertOneStatement(
            lambda: ban_reader(self.moderator, self.reader, reason="spam", reject_comments=True),
            "Your account can no longer comment",
        )
        self.assertEqual(statement.decision.action, Decision.Action.BAN)
        self.assertEqual(Comment.objects.filter(author=self.reader, status="rejected").count(), 3)

    def test_approving_featuring_warning_and_lifting_write_none(self) -> None:
        self.configure(suspect_words="lottery")
        held = post_comment(self.reader, self.article, body="The lottery pays for it.").comment
        assert held is not None
        with self.captureOnCommitCallbacks(execute=True):
            approve_comment(self.moderator, held)
            feature_comment(self.moderator, self.theirs)
            feature_comment(self.moderator, self.theirs, featured=False)
            warn_reader(self.moderator, self.reader)
            lift_restrictions(self.moderator, self.reader)
        self.assertFalse(Statement.objects.exists())
        self.assertEqual(
            list(Notification.objects.values_list("kind", flat=True)), [Notification.Kind.WARNING]
        )
        self.assertEqual(mail.outbox, [])

    def test_a_held_comment_gets_no_statement(self) -> None:
        self.configure(suspect_words="lottery")
        with self.captureOnCommitCallbacks(execute=True):
            posted = post_comment(self.reader, self.article, body="The lottery pays for it.")
        self.assertEqual(posted.outcome, "held")
        self.assertFalse(Statement.objects.exists())
        self.assertEqual(mail.outbox, [])


class StatementEmailTests(StatementTestCase):
    def test_the_e_mail_says_what_why_how_and_until_when_to_appeal(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, self.theirs, reason="abusive", explanation="Insults.")
        statement = self.statement()
        [message] = mail.outbox
        self.assertEqual(
            (message.to, message.subject),
            (["reader@example.org"], "Your comment was removed: our reasons"),
        )
        link = settings.SITE_URL + statement_path(statement)
        appeal_until = timezone.localtime(statement.appeal_until)
        ours = moderation_settings()
        for part in (
            "Hello Reader,",
            statement.restriction,
            statement.facts,
            statement.grounds,
            "Automated decision: no",
            ours.appeal_info,
            f"You can appeal until {appeal_until.day} {appeal_until:%B %Y}",
            link,
            ours.redress_info,
        ):
            with self.subTest(part=part[:40]):
                self.assertIn(part, message.body)
        html = message.alternatives[0].content
        self.assertIn(f'href="{link}"', html)
        self.assertIn("Automated decision: no", html)

    def test_an_automatic_decision_says_so_in_the_e_mail(self) -> None:
        self.configure(banned_words="scoundrel")
        with self.captureOnCommitCallbacks(execute=True):
            post_comment(self.reader, self.article, body="The mayor is a scoundrel.")
        [message] = mail.outbox
        self.assertIn("Automated decision: yes", message.body)
        self.assertIn('It contains "scoundrel", which is on our list.', message.body)

    def test_an_account_decision_has_its_own_subject(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            ban_reader(self.moderator, self.reader, reason="spam")
        [message] = mail.outbox
        self.assertEqual(message.subject, "A decision about your account: our reasons")
        self.assertIn(BAN, message.body)

    def test_a_statement_is_e_mailed_only_once(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, self.theirs, reason="spam")
        tasks.send_statement.enqueue(self.statement().pk)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_deactivated_account_is_not_e_mailed(self) -> None:
        User.objects.filter(pk=self.reader.pk).update(is_active=False)
        with self.captureOnCommitCallbacks(execute=True):
            reject_comment(self.moderator, self.theirs, reason="spam")
        self.assertEqual(mail.outbox, [])
        # The statement stands, and the reader finds it when they sign in again.
        self.assertEqual(Notification.objects.get(reader=self.reader).kind, "statement")
