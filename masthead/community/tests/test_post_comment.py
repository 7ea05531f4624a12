import datetime as dt
from unittest import mock

import time_machine
from django.utils import timezone

from masthead.community.actions import CommunityError, close_thread, post_comment, thread_for
from masthead.community.models import Comment, Thread
from masthead.community.scoring import Score
from masthead.lib.testing import NewsroomTestCase, make_article
from masthead.moderation.models import Decision


class PostCommentTests(NewsroomTestCase):
    def post(self, text: str = "The quay plan finally makes sense.", **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("ip", "192.0.2.10")
        return post_comment(kwargs.pop("author", self.reader), self.article, body=text, **kwargs)

    def test_a_verified_reader_publishes_a_comment(self) -> None:
        posted = self.post()
        self.assertEqual(posted.outcome, "published")
        comment = Comment.objects.get()
        self.assertEqual(comment.status, Comment.Status.PUBLISHED)
        self.assertEqual(comment.author, self.reader)
        self.assertEqual(comment.html, "<p>The quay plan finally makes sense.</p>")
        self.assertEqual(Thread.objects.get(page=self.article).comment_count, 1)

    def test_every_published_comment_is_a_logged_decision(self) -> None:
        self.post()
        decision = Decision.objects.get()
        self.assertEqual(decision.action, Decision.Action.PUBLISH)
        self.assertEqual(decision.subject, self.reader)
        self.assertTrue(decision.automated)
        self.assertIn("score", decision.detail)

    def test_a_reply_nests_under_its_parent(self) -> None:
        top = self.post().comment
        reply = self.post(
            "I disagree about the ferry.", author=self.second_reader, parent=top
        ).comment
        self.assertEqual((reply.parent, reply.root, reply.depth), (top, top, 1))
        top.refresh_from_db()
        self.assertEqual(top.reply_count, 1)
        self.assertEqual(Thread.objects.get(page=self.article).comment_count, 2)

    def test_replies_deeper_than_three_levels_attach_at_the_third_and_name_whom_they_answer(
        self,
    ) -> None:
        one = self.post("First.").comment
        two = self.post("Second.", author=self.second_reader, parent=one).comment
        three = self.post("Third.", parent=two).comment
        four = self.post("Fourth.", author=self.second_reader, parent=three).comment
        self.assertEqual(three.depth, 2)
        self.assertEqual((four.depth, four.parent, four.root), (2, two, one))
        self.assertEqual(four.reply_to, three)
        self.assertEqual(four.reply_to_name, "Reader")

    def test_a_signed_out_visitor_cannot_comment(self) -> None:
        from django.contrib.auth.models import AnonymousUser

        with self.assertRaisesMessage(CommunityError, "Sign in to comment."):
            post_comment(AnonymousUser(), self.article, body="Hello")  # type: ignore[arg-type]

    def test_a_reader_must_confirm_their_email_before_a_first_comment(self) -> None:
        with self.assertRaisesMessage(CommunityError, "Confirm your e-mail address"):
            self.post(author=self.newcomer)
        self.assertFalse(Comment.objects.exists())

    def test_a_closed_thread_refuses_comments_and_stays_readable(self) -> None:
        self.post()
        close_thread(self.article)
        with self.assertRaisesMessage(CommunityError, "Comments are closed on this story."):
            self.post("Another one.")
        self.assertEqual(Comment.objects.count(), 1)

    def test_threads_close_by_themselves_after_the_configured_days(self) -> None:
        article = make_article(self.politics, title="Older story")
        thread = thread_for(article)
        self.assertEqual(thread.closes_at, article.first_published_at + dt.timedelta(days=14))
        with (
            time_machine.travel(thread.closes_at + dt.timedelta(minutes=1)),
            self.assertRaisesMessage(CommunityError, "closed"),
        ):
            post_comment(self.reader, article, body="Too late?")

    def test_posting_the_same_text_twice_is_refused_kindly(self) -> None:
        self.post()
        with self.assertRaisesMessage(CommunityError, "You have already posted this comment here."):
            self.post()

    def test_a_reply_to_a_comment_of_another_article_is_refused(self) -> None:
        other = make_article(self.politics, title="Other story")
        elsewhere = post_comment(self.reader, other, body="Elsewhere.").comment
        with self.assertRaisesMessage(CommunityError, "no longer available"):
            self.post(author=self.second_reader, parent=elsewhere)

    def test_markdown_subset_is_rendered_and_links_are_marked_ugc(self) -> None:
        # The scorer's view of a link is not the point here (it takes most links for spam).
        calm = Score(0.01, "", "test")
        with mock.patch("masthead.community.scoring.score_comment", return_value=calm):
            comment = self.post("*Really*? See https://example.org/report\n> quoted").comment
        self.assertIn("<em>Really</em>", comment.html)
        self.assertIn('rel="nofollow ugc noopener"', comment.html)
        self.assertIn("<blockquote>", comment.html)

    def test_script_never_reaches_the_stored_html(self) -> None:
        comment = self.post("<script>alert(1)</script> [x](javascript:alert(1))").comment
        self.assertNotIn("<script", comment.html)
        self.assertNotIn('href="javascript', comment.html)
        self.assertIn("&lt;script&gt;", comment.html)  # shown as the text it is

    def test_the_time_of_posting_is_recorded(self) -> None:
        when = timezone.now() - dt.timedelta(minutes=1)
        comment = self.post(now=when).comment
        self.assertEqual(comment.created_at, when)
