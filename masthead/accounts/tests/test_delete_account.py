from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

from masthead.accounts.actions import AccountError, delete_account, end_sessions_of
from masthead.accounts.models import User
from masthead.accounts.tests.base import ReaderHistoryTestCase
from masthead.community.models import (
    Comment,
    CommentRevision,
    IllegalContentNotice,
    Recommendation,
    Report,
    Thread,
)
from masthead.lib.testing import PASSWORD
from masthead.moderation.models import Decision


class DeleteAccountTests(ReaderHistoryTestCase):
    def delete(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            delete_account(self.reader, password=PASSWORD)

    def test_a_wrong_password_deletes_nothing(self) -> None:
        with self.assertRaisesMessage(AccountError, "That is not your password"):
            delete_account(self.reader, password="not my password")
        self.assertTrue(User.objects.filter(pk=self.reader.pk).exists())
        self.assertEqual(Comment.objects.filter(author=self.reader).count(), 2)

    def test_the_user_and_their_email_addresses_are_gone(self) -> None:
        self.delete()
        self.assertFalse(User.objects.filter(pk=self.reader.pk).exists())
        self.assertFalse(EmailAddress.objects.filter(email="reader@example.org").exists())

    def test_a_comment_others_replied_to_becomes_an_empty_tombstone(self) -> None:
        self.delete()
        tombstone = Comment.objects.get(pk=self.answered.pk)
        self.assertEqual(tombstone.status, Comment.Status.DELETED)
        self.assertEqual((tombstone.body, tombstone.html), ("", ""))
        self.assertIsNone(tombstone.author)
        self.assertIsNone(tombstone.ip_address)
        self.assertFalse(CommentRevision.objects.filter(comment=tombstone).exists())

    def test_a_comment_nobody_answered_disappears(self) -> None:
        self.delete()
        self.assertFalse(Comment.objects.filter(pk=self.lonely.pk).exists())

    def test_other_readers_comments_survive(self) -> None:
        self.delete()
        reply = Comment.objects.get(pk=self.reply.pk)
        self.assertEqual(reply.body, "Not to me: the ferry loses out.")
        self.assertEqual(reply.status, Comment.Status.PUBLISHED)
        self.assertEqual(reply.parent_id, self.answered.pk)
        self.assertTrue(Comment.objects.filter(pk=self.theirs.pk).exists())

    def test_the_thread_count_keeps_only_visible_comments(self) -> None:
        thread = Thread.objects.get(page=self.article)
        self.assertEqual(thread.comment_count, 4)
        self.delete()
        thread.refresh_from_db()
        self.assertEqual(thread.comment_count, 2)  # the reply and second_reader's own comment

    def test_their_recommendations_are_withdrawn_from_the_counts(self) -> None:
        self.assertEqual(Comment.objects.get(pk=self.theirs.pk).recommend_count, 1)
        self.delete()
        self.assertEqual(Comment.objects.get(pk=self.theirs.pk).recommend_count, 0)
        self.assertFalse(Recommendation.objects.filter(comment=self.theirs).exists())

    def test_reports_stay_for_the_record_without_the_reader_or_their_note(self) -> None:
        self.delete()
        report = Report.objects.get(pk=self.report.pk)
        self.assertIsNone(report.reporter)
        self.assertEqual(report.note, "")
        self.assertEqual(report.reason.code, "off-topic")
        self.assertEqual(Comment.objects.get(pk=self.theirs.pk).report_count, 1)

    def test_notices_keep_their_legal_grounds_without_the_reader_or_contact_details(
        self,
    ) -> None:
        self.delete()
        notice = IllegalContentNotice.objects.get(pk=self.notice.pk)
        self.assertIsNone(notice.notifier)
        self.assertEqual((notice.name, notice.email), ("", ""))
        self.assertEqual(notice.law, "Defamation Act 2013")
        self.assertEqual(notice.explanation, "It names a councillor and says something untrue.")

    def test_decisions_about_them_remain_with_no_subject(self) -> None:
        ids = set(Decision.objects.filter(subject=self.reader).values_list("pk", flat=True))
        self.assertEqual(len(ids), 3)
        self.delete()
        remaining = Decision.objects.filter(pk__in=ids)
        self.assertEqual(remaining.count(), 3)
        self.assertFalse(remaining.exclude(subject=None).exists())
        rejection = remaining.get(pk=self.rejection.pk)
        self.assertEqual((rejection.action, rejection.reason), ("reject", "off_topic"))
        self.assertEqual(rejection.moderator, self.moderator)

    def test_a_deep_reply_no_longer_names_the_reader_it_answered(self) -> None:
        two = self.comment(self.second_reader, "Two.", self.reply)
        three = self.comment(self.reader, "Three.", two)
        four = self.comment(self.second_reader, "Four.", three)
        self.assertEqual((four.depth, four.reply_to_name), (2, "Reader"))
        self.delete()
        four.refresh_from_db()
        self.assertEqual(four.body, "Four.")
        self.assertEqual(four.reply_to_name, "")

    def test_it_signs_the_reader_out_everywhere(self) -> None:
        mine, other = SessionStore(), SessionStore()
        mine["_auth_user_id"] = str(self.reader.pk)
        other["_auth_user_id"] = str(self.second_reader.pk)
        mine.create()
        other.create()
        self.delete()
        self.assertFalse(SessionStore().exists(mine.session_key))
        self.assertTrue(SessionStore().exists(other.session_key))
        self.assertEqual(end_sessions_of(self.second_reader.pk), 1)

    def test_staff_cannot_delete_their_own_account_here(self) -> None:
        for user in (self.moderator, self.editor, User.objects.create_user("admin", is_staff=True)):
            with self.subTest(user=user.username):
                with self.assertRaisesMessage(AccountError, "ask an administrator"):
                    delete_account(user, password=PASSWORD)
                self.assertTrue(User.objects.filter(pk=user.pk).exists())

    def test_a_reader_in_any_group_counts_as_staff(self) -> None:
        self.reader.groups.add(Group.objects.create(name="Letters desk"))
        with self.assertRaisesMessage(AccountError, "ask an administrator"):
            delete_account(self.reader, password=PASSWORD)
