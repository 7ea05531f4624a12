"""Reply e-mails: who gets one, what it says, and the one-click way to stop them."""

from django.conf import settings
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from masthead.community import tasks
from masthead.community.actions import post_comment
from masthead.community.tests.base import CommunityTestCase, soup, text_of
from masthead.community.unsubscribe import token_for
from masthead.lib.testing import make_article


class ReplyNotificationTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.mine = cls.comment(cls.reader, "The quay plan finally makes sense.")

    def reply(self, author=None, text: str = "Not to me: the ferry loses out.", parent=None):  # type: ignore[no-untyped-def]
        with self.captureOnCommitCallbacks(execute=True):
            posted = post_comment(
                author or self.second_reader,
                parent.thread.page if parent else self.article,
                body=text,
                parent=parent or self.mine,
            )
        return posted

    def test_a_published_reply_e_mails_the_reader_it_answers(self) -> None:
        reply = self.reply().comment
        [message] = mail.outbox
        self.assertEqual(message.to, ["reader@example.org"])
        self.assertEqual(
            message.subject,
            'Second Reader replied to your comment on "Council approves harbour plan"',
        )
        link = settings.SITE_URL + reverse("community:permalink", args=[reply.pk])
        self.assertIn(f"Read the conversation: {link}", message.body)
        self.assertIn("Not to me: the ferry loses out.", message.body)
        html = message.alternatives[0].content
        self.assertIn(f'href="{link}"', html)
        unsubscribe = settings.SITE_URL + reverse(
            "community:unsubscribe", args=[token_for(self.reader)]
        )
        self.assertEqual(message.extra_headers["List-Unsubscribe"], f"<{unsubscribe}>")
        self.assertEqual(
            message.extra_headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
        )
        self.assertIn(unsubscribe, message.body)
        reply.refresh_from_db()
        self.assertIsNotNone(reply.notified_at)

    def test_a_reply_posted_through_the_page_sends_the_e_mail_too(self) -> None:
        self.client.force_login(self.second_reader)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("community:compose", args=[self.article.pk]),
                {"body": "Through the form.", "parent": self.mine.pk},
            )
        self.assertEqual([m.to for m in mail.outbox], [["reader@example.org"]])

    def test_nobody_is_e_mailed_about_answering_themselves(self) -> None:
        reply = self.reply(author=self.reader, text="And another thing.").comment
        self.assertEqual(mail.outbox, [])
        reply.refresh_from_db()
        self.assertIsNotNone(reply.notified_at)  # looked at, and nothing to send

    def test_a_reader_who_turned_reply_e_mails_off_gets_none(self) -> None:
        type(self.reader).objects.filter(pk=self.reader.pk).update(reply_notifications=False)
        self.reply()
        self.assertEqual(mail.outbox, [])

    def test_a_held_reply_sends_nothing(self) -> None:
        self.configure(suspect_words="ferry")
        posted = self.reply()
        self.assertEqual(posted.outcome, "held")
        self.assertEqual(mail.outbox, [])
        tasks.notify_reply.enqueue(posted.comment.pk)  # even if the task runs anyway
        self.assertEqual(mail.outbox, [])
        posted.comment.refresh_from_db()
        self.assertIsNone(posted.comment.notified_at)

    def test_running_the_task_again_sends_no_second_e_mail(self) -> None:
        reply = self.reply().comment
        tasks.notify_reply.enqueue(reply.pk)
        tasks.notify_reply.enqueue(reply.pk)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_top_level_comment_e_mails_nobody(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            post_comment(self.second_reader, self.article, body="A view of my own.")
        self.assertEqual(mail.outbox, [])

    # BUG: templates/emails/reply_notification/subject.txt is rendered with autoescaping on
    # (lib/emails.py send() uses render_to_string, and unlike body.txt the subject has no
    # {% autoescape off %}), so an article title or reader name with ' & " < > arrives in the
    # subject line as HTML entities: 'on "The mayor&#x27;s plan &amp; the ferry"'.
    def test_the_subject_shows_names_and_titles_as_written(self) -> None:
        story = make_article(
            self.politics, title="The mayor's plan & the ferry", slug="plan-and-ferry"
        )
        theirs = self.comment(self.reader, "Ferries first.", page=story)
        self.reply(parent=theirs)
        self.assertEqual(
            mail.outbox[0].subject,
            'Second Reader replied to your comment on "The mayor\'s plan & the ferry"',
        )


class UnsubscribeViewTests(CommunityTestCase):
    def url(self, token: str | None = None) -> str:
        return reverse("community:unsubscribe", args=[token or token_for(self.reader)])

    def reply_notifications(self) -> bool:
        self.reader.refresh_from_db()
        return self.reader.reply_notifications

    def test_following_the_link_asks_first(self) -> None:
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertEqual(text_of(page.h1), "Stop reply e-mails?")
        self.assertIsNotNone(page.select_one("main form[method=post] button"))
        self.assertTrue(self.reply_notifications())  # link scanners change nothing

    def test_a_one_click_post_without_a_csrf_token_turns_reply_e_mails_off(self) -> None:
        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post(self.url(), {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "You will no longer get an e-mail when someone replies to your comments.",
            text_of(soup(response).select_one("[role=status]")),
        )
        self.assertFalse(self.reply_notifications())
        self.second_reader.refresh_from_db()
        self.assertTrue(self.second_reader.reply_notifications)

    def test_a_tampered_link_is_refused_with_a_clear_message(self) -> None:
        token = token_for(self.reader)
        forged = token[:-1] + ("A" if token[-1] != "A" else "B")
        for response in (self.client.get(self.url(forged)), self.client.post(self.url(forged))):
            self.assertEqual(response.status_code, 400)
            self.assertEqual(text_of(soup(response).h1), "This link does not work")
            self.assertIn(
                "switch reply e-mails off on your account page", response.content.decode()
            )
        self.assertTrue(self.reply_notifications())

    def test_a_link_signed_for_something_else_is_refused(self) -> None:
        other = signing.dumps({"u": self.reader.pk}, salt="another.purpose", compress=True)
        self.assertEqual(self.client.post(self.url(other)).status_code, 400)
        self.assertTrue(self.reply_notifications())
