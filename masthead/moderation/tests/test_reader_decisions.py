"""Moderators' decisions on readers: warn, pre-moderate, suspend, ban and lift, and what each
changes about commenting; notes, warnings acknowledged, watched stories."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.accounts.models import Notification, User
from masthead.community.actions import (
    CommunityError,
    delete_comment,
    edit_comment,
    post_comment,
    report_comment,
)
from masthead.community.models import Comment, ReportReason, Thread
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation.actions import (
    ModerationError,
    acknowledge_warning,
    add_note,
    approve_comment,
    ban_reader,
    feature_comment,
    lift_restrictions,
    moderation_settings,
    premoderate_reader,
    standing_of,
    suspend_reader,
    warn_reader,
    watch_story,
)
from masthead.moderation.models import Decision, ModeratorNote, Standing, Statement, Watch

BANNED = "Your account can no longer comment. Your notifications say why."


def next_visit(user: User) -> User:
    """The reader as their next request loads them: standing is cached per user object."""
    return User.objects.get(pk=user.pk)


class ReaderDecisionTestCase(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.reader, "The quay plan finally makes sense.")

    def thread(self) -> Thread:
        return Thread.objects.get(page=self.article)

    def about_reader(self) -> list[str]:
        return list(
            Decision.objects.filter(subject=self.reader, moderator__isnull=False)
            .order_by("pk")
            .values_list("action", flat=True)
        )


class WarnTests(ReaderDecisionTestCase):
    def test_a_warning_waits_for_the_reader_to_acknowledge_it(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            notification = warn_reader(
                self.moderator, self.reader, message="  Please stop the insults.  "
            )
        notification.refresh_from_db()
        self.assertEqual(
            (notification.reader, notification.kind, notification.title, notification.body),
            (
                self.reader,
                Notification.Kind.WARNING,
                "A warning from our moderators",
                "Please stop the insults.",
            ),
        )
        self.assertTrue(notification.needs_ack)
        self.assertIsNone(notification.acknowledged_at)
        decision = Decision.objects.get(action=Decision.Action.WARN)
        self.assertEqual(
            (decision.subject, decision.moderator, decision.detail),
            (self.reader, self.moderator, {"message": "Please stop the insults."}),
        )
        # A warning restricts nothing: no statement of reasons, no e-mail.
        self.assertFalse(Statement.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_a_warning_without_a_message_says_the_default(self) -> None:
        notification = warn_reader(self.moderator, self.reader, message="   ")
        self.assertEqual(notification.body, moderation_settings().warning_default)

    def test_a_warning_can_name_the_comment_it_is_about(self) -> None:
        warn_reader(self.moderator, self.reader, comment=self.theirs)
        self.assertEqual(Decision.objects.get(action="warn").comment, self.theirs)

    def test_a_warned_reader_can_still_comment(self) -> None:
        warn_reader(self.moderator, self.reader)
        posted = post_comment(self.reader, self.article, body="Sorry, point taken.")
        self.assertEqual(posted.outcome, "published")
        self.assertIsNone(standing_of(next_visit(self.reader)))

    def test_the_reader_acknowledges_their_warning(self) -> None:
        notification = warn_reader(self.moderator, self.reader)
        acknowledge_warning(self.reader, notification)
        notification.refresh_from_db()
        self.assertIsNotNone(notification.acknowledged_at)
        self.assertEqual(notification.read_at, notification.acknowledged_at)

    def test_acknowledging_twice_keeps_the_first_time(self) -> None:
        notification = warn_reader(self.moderator, self.reader)
        acknowledge_warning(self.reader, notification)
        notification.refresh_from_db()
        first = notification.acknowledged_at
        with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
            acknowledge_warning(self.reader, notification)
        notification.refresh_from_db()
        self.assertEqual(notification.acknowledged_at, first)

    def test_nobody_else_can_acknowledge_a_readers_warning(self) -> None:
        notification = warn_reader(self.moderator, self.reader)
        for person in (self.second_reader, self.moderator):
            with (
                self.subTest(person=person.username),
                self.assertRaisesMessage(PermissionDenied, "This is not your notification."),
            ):
                acknowledge_warning(person, notification)
        notification.refresh_from_db()
        self.assertIsNone(notification.acknowledged_at)


class PremoderationTests(ReaderDecisionTestCase):
    def test_a_premoderated_readers_comments_are_held_for_review(self) -> None:
        standing = premoderate_reader(self.moderator, self.reader, reason="abusive")
        self.assertTrue(standing.premoderated)
        posted = post_comment(self.reader, self.article, body="Another view on the quay.")
        self.assertEqual(posted.outcome, "held")
        assert posted.comment is not None
        self.assertEqual(posted.comment.status, Comment.Status.PENDING)
        hold = Decision.objects.get(comment=posted.comment)
        self.assertEqual((hold.action, hold.rule), (Decision.Action.HOLD, "premoderated"))
        self.assertEqual(self.thread().comment_count, 1)

    def test_a_premoderated_readers_replies_are_held_too(self) -> None:
        other = self.comment(self.second_reader, "The ferry loses out again.")
        premoderate_reader(self.moderator, self.reader, reason="abusive")
        posted = post_comment(self.reader, self.article, body="It does not.", parent=other)
        self.assertEqual(posted.outcome, "held")
        other.refresh_from_db()
        self.assertEqual(other.reply_count, 0)

    def test_a_premoderated_reader_on_their_next_visit_is_held(self) -> None:
        premoderate_reader(self.moderator, next_visit(self.reader), reason="spam")
        posted = post_comment(next_visit(self.reader), self.article, body="Buy cheap ferries.")
        self.assertEqual(posted.outcome, "held")

    def test_a_moderator_approves_a_premoderated_comment(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="abusive")
        held = post_comment(self.reader, self.article, body="A calmer view.").comment
        assert held is not None
        approve_comment(self.moderator, held)
        held.refresh_from_db()
        self.assertEqual(held.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 2)

    def test_premoderation_leaves_published_comments_up(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="abusive")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)

    def test_other_readers_are_not_held(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="abusive")
        posted = post_comment(self.second_reader, self.article, body="The ferry loses out.")
        self.assertEqual(posted.outcome, "published")

    def test_premoderation_is_logged_with_its_reason(self) -> None:
        premoderate_reader(
            self.moderator, self.reader, reason="harassment", explanation="Follows one reader."
        )
        decision = Decision.objects.get(action=Decision.Action.PREMODERATE)
        self.assertEqual(
            (decision.subject, decision.moderator, decision.reason, decision.detail),
            (self.reader, self.moderator, "harassment", {"explanation": "Follows one reader."}),
        )


class SuspensionTests(ReaderDecisionTestCase):
    def setUp(self) -> None:
        self.until = timezone.now() + dt.timedelta(days=3)

    def test_a_suspended_reader_is_told_until_when_they_cannot_comment(self) -> None:
        suspend_reader(self.moderator, self.reader, until=self.until, reason="abusive")
        local = timezone.localtime(self.until)
        with self.assertRaisesMessage(
            CommunityError,
            f"Your account is suspended from commenting until {local:%-d %B %Y, %H:%M}. "
            "Your notifications say why.",
        ):
            post_comment(self.reader, self.article, body="Let me back in.")
        self.assertEqual(Comment.objects.filter(author=self.reader).count(), 1)

    def test_a_suspended_reader_cannot_reply_either(self) -> None:
        other = self.comment(self.second_reader, "The ferry loses out again.")
        suspend_reader(self.moderator, self.reader, until=self.until, reason="abusive")
        with self.assertRaisesMessage(CommunityError, "suspended from commenting"):
            post_comment(next_visit(self.reader), self.article, body="It does not.", parent=other)

    def test_a_suspended_reader_comments_again_once_the_date_passes(self) -> None:
        suspend_reader(self.moderator, self.reader, until=self.until, reason="abusive")
        with (
            time_machine.travel(self.until - dt.timedelta(minutes=1)),
            self.assertRaises(CommunityError),
        ):
            post_comment(next_visit(self.reader), self.article, body="Am I back?")
        with time_machine.travel(self.until + dt.timedelta(minutes=1)):
            posted = post_comment(next_visit(self.reader), self.article, body="I am back.")
        self.assertEqual(posted.outcome, "published")

    def test_a_suspension_is_recorded_with_its_end(self) -> None:
        standing = suspend_reader(self.moderator, self.reader, until=self.until, reason="spam")
        self.assertEqual(Standing.objects.get(reader=self.reader).suspended_until, self.until)
        self.assertTrue(standing.suspended())
        self.assertFalse(standing.banned or standing.premoderated)
        decision = Decision.objects.get(action=Decision.Action.SUSPEND)
        self.assertEqual(
            (decision.reason, decision.detail), ("spam", {"until": self.until.isoformat()})
        )

    def test_a_suspension_must_end_in_the_future(self) -> None:
        with self.assertRaisesMessage(ModerationError, "A suspension must end in the future."):
            suspend_reader(
                self.moderator,
                self.reader,
                until=timezone.now() - dt.timedelta(hours=1),
                reason="spam",
            )
        self.assertFalse(Standing.objects.exists())
        self.assertEqual(self.about_reader(), [])

    def test_a_suspension_leaves_published_comments_up(self) -> None:
        suspend_reader(self.moderator, self.reader, until=self.until, reason="abusive")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)

    def test_a_suspended_reader_cannot_edit_their_comment(self) -> None:
        suspend_reader(self.moderator, self.reader, until=self.until, reason="abusive")
        with self.assertRaisesMessage(CommunityError, "suspended from commenting"):
            edit_comment(self.reader, self.theirs, body="Now I say something else entirely.")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.body, "The quay plan finally makes sense.")

    def test_a_banned_reader_cannot_edit_their_comment(self) -> None:
        ban_reader(self.moderator, self.reader, reason="abusive")
        with self.assertRaisesMessage(CommunityError, BANNED):
            edit_comment(self.reader, self.theirs, body="Now I say something else entirely.")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.body, "The quay plan finally makes sense.")


class BanTests(ReaderDecisionTestCase):
    def test_a_banned_reader_can_never_comment_again(self) -> None:
        ban_reader(self.moderator, self.reader, reason="hate")
        with self.assertRaisesMessage(CommunityError, BANNED):
            post_comment(self.reader, self.article, body="Let me back in.")
        with (
            time_machine.travel(timezone.now() + dt.timedelta(days=5 * 365)),
            self.assertRaisesMessage(CommunityError, BANNED),
        ):
            post_comment(next_visit(self.reader), self.article, body="Five years on.")
        self.assertEqual(Comment.objects.filter(author=self.reader).count(), 1)

    def test_a_banned_reader_cannot_reply(self) -> None:
        other = self.comment(self.second_reader, "The ferry loses out again.")
        ban_reader(self.moderator, next_visit(self.reader), reason="hate")
        with self.assertRaisesMessage(CommunityError, BANNED):
            post_comment(next_visit(self.reader), self.article, body="No.", parent=other)

    def test_a_ban_leaves_comments_up_unless_asked_to_take_them_down(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            ban_reader(self.moderator, self.reader, reason="spam")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.PUBLISHED)
        self.assertEqual(self.thread().comment_count, 1)
        self.assertEqual(self.about_reader(), ["ban"])
        self.assertEqual(Decision.objects.get(action="ban").detail, {"reject_comments": False})
        self.assertEqual(Statement.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_ban_can_take_all_the_readers_visible_comments_down(self) -> None:
        self.configure(suspect_words="lottery")
        other = self.comment(self.second_reader, "The ferry loses out again.")
        reply = self.comment(self.reader, "It does not, and here is why.", parent=other)
        pick = self.comment(self.reader, "Buses would serve the quay better.")
        feature_comment(self.moderator, pick)
        held = post_comment(self.reader, self.article, body="The lottery pays for it.").comment
        assert held is not None and held.status == Comment.Status.PENDING
        gone = self.comment(self.reader, "Never mind.")
        delete_comment(self.reader, gone)
        reporter = make_user("witness", verified=True)
        report_comment(reporter, self.theirs, reason=ReportReason.objects.get(code="abusive"))
        self.assertEqual((self.thread().comment_count, self.thread().featured_count), (4, 1))

        with self.captureOnCommitCallbacks(execute=True):
            ban_reader(
                self.moderator,
                self.reader,
                reason="abusive",
                explanation="Repeated abuse.",
                reject_comments=True,
            )

        statuses = dict(Comment.objects.filter(author=self.reader).values_list("pk", "status"))
        self.assertEqual(
            statuses,
            {
                self.theirs.pk: "rejected",
                reply.pk: "rejected",
                pick.pk: "rejected",
                held.pk: "rejected",
                gone.pk: "withdrawn",
            },
        )
        thread = self.thread()
        self.assertEqual((thread.comment_count, thread.featured_count), (1, 0))
        other.refresh_from_db()
        self.assertEqual(other.reply_count, 0)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.open_report_count, 0)
        # Each comment is a logged rejection; the reader gets one statement, for the ban.
        self.assertEqual(
            self.about_reader(), ["feature", "ban", "reject", "reject", "reject", "reject"]
        )
        ban = Decision.objects.get(action="ban")
        for decision in Decision.objects.filter(action="reject", moderator=self.moderator):
            # Each names the ban it came with, so an appeal against the ban can undo them.
            self.assertEqual((decision.reason, decision.detail), ("abusive", {"with_ban": ban.pk}))
        statement = Statement.objects.get()
        self.assertEqual(statement.decision.action, Decision.Action.BAN)
        self.assertEqual(
            Notification.objects.filter(reader=self.reader, kind="statement").count(), 1
        )
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["reader@example.org", "witness@example.org"]
        )

    def test_a_ban_is_logged_with_its_reason_and_explanation(self) -> None:
        ban_reader(self.moderator, self.reader, reason="hate", explanation="Slurs.")
        decision = Decision.objects.get(action=Decision.Action.BAN)
        self.assertEqual(
            (decision.subject, decision.moderator, decision.reason, decision.detail),
            (
                self.reader,
                self.moderator,
                "hate",
                {"reject_comments": False, "explanation": "Slurs."},
            ),
        )
        self.assertTrue(Standing.objects.get(reader=self.reader).banned)


class LiftTests(ReaderDecisionTestCase):
    def test_lifting_a_ban_lets_the_reader_comment_again(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            ban_reader(self.moderator, self.reader, reason="hate")
        with self.captureOnCommitCallbacks(execute=True):
            standing = lift_restrictions(self.moderator, self.reader, explanation="Apologised.")
        self.assertFalse(standing.restricted())
        posted = post_comment(self.reader, self.article, body="Thank you, I will be civil.")
        self.assertEqual(posted.outcome, "published")
        self.assertEqual(self.about_reader(), ["ban", "lift"])
        self.assertEqual(Decision.objects.get(action="lift").detail, {"explanation": "Apologised."})
        # Only the ban wrote a statement and an e-mail.
        self.assertEqual(Statement.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_lifting_ends_a_suspension_early(self) -> None:
        suspend_reader(
            self.moderator, self.reader, until=timezone.now() + dt.timedelta(days=7), reason="spam"
        )
        lift_restrictions(self.moderator, self.reader)
        self.assertIsNone(Standing.objects.get(reader=self.reader).suspended_until)
        posted = post_comment(next_visit(self.reader), self.article, body="Back early.")
        self.assertEqual(posted.outcome, "published")

    def test_lifting_premoderation_publishes_the_next_comment_at_once(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        lift_restrictions(self.moderator, self.reader)
        posted = post_comment(self.reader, self.article, body="Straight in again.")
        self.assertEqual(posted.outcome, "published")

    def test_lifting_clears_every_restriction(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        suspend_reader(
            self.moderator, self.reader, until=timezone.now() + dt.timedelta(days=7), reason="spam"
        )
        ban_reader(self.moderator, self.reader, reason="spam")
        lift_restrictions(self.moderator, self.reader)
        standing = Standing.objects.get(reader=self.reader)
        self.assertEqual(
            (standing.premoderated, standing.suspended_until, standing.banned), (False, None, False)
        )

    def test_lifting_nothing_is_still_logged(self) -> None:
        lift_restrictions(self.moderator, self.reader)
        self.assertEqual(self.about_reader(), ["lift"])
        self.assertEqual(Decision.objects.get(action="lift").detail, {})
        self.assertFalse(Statement.objects.exists())


class StandingTests(ReaderDecisionTestCase):
    def test_a_reader_nobody_restricted_has_no_standing(self) -> None:
        self.assertIsNone(standing_of(next_visit(self.reader)))
        self.assertFalse(Standing.objects.exists())

    def test_a_readers_standing_is_read_once_per_visit(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        reader = next_visit(self.reader)
        with self.assertNumQueries(1):
            standing = standing_of(reader)
            self.assertEqual(standing_of(reader), standing)
        assert standing is not None
        self.assertTrue(standing.premoderated)

    def test_a_warning_does_not_give_a_reader_a_standing(self) -> None:
        warn_reader(self.moderator, self.reader)
        self.assertFalse(Standing.objects.exists())

    def test_restrictions_add_up(self) -> None:
        premoderate_reader(self.moderator, self.reader, reason="spam")
        until = timezone.now() + dt.timedelta(days=2)
        suspend_reader(self.moderator, self.reader, until=until, reason="spam")
        standing = Standing.objects.get(reader=self.reader)
        self.assertEqual((standing.premoderated, standing.suspended_until), (True, until))
        # Once the suspension is over, the pre-moderation still holds.
        with time_machine.travel(until + dt.timedelta(minutes=1)):
            posted = post_comment(next_visit(self.reader), self.article, body="Still held.")
        self.assertEqual(posted.outcome, "held")


class RuleTests(ReaderDecisionTestCase):
    def test_a_moderator_cannot_decide_about_their_own_account(self) -> None:
        until = timezone.now() + dt.timedelta(days=1)
        for name, decide in {
            "warn": lambda: warn_reader(self.moderator, self.moderator),
            "premoderate": lambda: premoderate_reader(
                self.moderator, self.moderator, reason="spam"
            ),
            "suspend": lambda: suspend_reader(
                self.moderator, self.moderator, until=until, reason="spam"
            ),
            "ban": lambda: ban_reader(self.moderator, self.moderator, reason="spam"),
            "lift": lambda: lift_restrictions(self.moderator, self.moderator),
        }.items():
            with (
                self.subTest(decision=name),
                self.assertRaisesMessage(
                    ModerationError, "You cannot take a decision about your own account."
                ),
            ):
                decide()
        self.assertFalse(Decision.objects.filter(subject=self.moderator).exists())
        self.assertFalse(Standing.objects.exists())

    def test_an_account_restriction_needs_a_known_reason(self) -> None:
        until = timezone.now() + dt.timedelta(days=1)
        for name, decide in {
            "premoderate": lambda: premoderate_reader(self.moderator, self.reader, reason="rude"),
            "suspend": lambda: suspend_reader(
                self.moderator, self.reader, until=until, reason="rude"
            ),
            "ban": lambda: ban_reader(self.moderator, self.reader, reason="rude"),
        }.items():
            with (
                self.subTest(decision=name),
                self.assertRaisesMessage(ModerationError, "Unknown reason 'rude'"),
            ):
                decide()
        self.assertFalse(Standing.objects.exists())
        self.assertFalse(Statement.objects.exists())
        self.assertEqual(self.about_reader(), [])


class NoteTests(ReaderDecisionTestCase):
    def test_a_moderator_leaves_a_note_about_a_reader(self) -> None:
        note = add_note(self.moderator, self.reader, text="  Usually fine; bad week.  ")
        note.refresh_from_db()
        self.assertEqual(
            (note.reader, note.author, note.text),
            (self.reader, self.moderator, "Usually fine; bad week."),
        )
        # A note is not a decision and the reader is not told.
        self.assertEqual(self.about_reader(), [])
        self.assertFalse(Notification.objects.exists())

    def test_an_empty_note_is_refused(self) -> None:
        with self.assertRaisesMessage(ModerationError, "Write the note first."):
            add_note(self.moderator, self.reader, text="   ")
        self.assertFalse(ModeratorNote.objects.exists())


class WatchTests(ReaderDecisionTestCase):
    def test_a_moderator_watches_a_story_and_stops(self) -> None:
        watch_story(self.moderator, self.article)
        watch_story(self.moderator, self.article)
        self.assertEqual(
            list(Watch.objects.values_list("moderator_id", "page_id")),
            [(self.moderator.pk, self.article.pk)],
        )
        watch_story(self.moderator, self.article, watching=False)
        self.assertFalse(Watch.objects.exists())
        watch_story(self.moderator, self.article, watching=False)
        self.assertFalse(Watch.objects.exists())
