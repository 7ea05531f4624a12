"""What readers do to one comment: open its permalink and replies, edit, delete, recommend,
report."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from masthead.community import listing
from masthead.community.actions import post_comment, recommend_comment
from masthead.community.models import (
    Comment,
    CommentRevision,
    Recommendation,
    Report,
    ReportReason,
    Thread,
)
from masthead.community.tests.base import HTMX, CommunityTestCase, soup, text_of, top_level_ids
from masthead.lib.testing import make_article, make_user
from masthead.moderation.models import Decision


def url(name: str, comment: Comment) -> str:
    return reverse(f"community:{name}", args=[comment.pk])


class PermalinkAndRepliesTests(CommunityTestCase):
    """A top comment with five replies, a minute apart."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        start = timezone.now() - dt.timedelta(hours=1)
        cls.top = cls.comment(cls.second_reader, "The ferry loses out again.", when=start)
        cls.replies = [
            cls.comment(
                cls.reader if n % 2 == 0 else cls.second_reader,
                f"Reply number {n}.",
                cls.top,
                when=start + dt.timedelta(minutes=n + 1),
            )
            for n in range(5)
        ]

    def test_a_top_comment_opens_the_article_page_where_it_stands(self) -> None:
        response = self.client.get(url("permalink", self.top))
        location = response["Location"]
        self.assertEqual(response.status_code, 302)
        self.assertTrue(location.startswith(f"{self.article.url}?after="), location)
        self.assertTrue(location.endswith(f"#comment-{self.top.pk}"), location)
        page = soup(self.client.get(location))
        self.assertEqual(top_level_ids(page)[0], self.top.pk)

    def test_a_reply_among_the_first_three_opens_the_article_page(self) -> None:
        third = self.replies[2]
        location = self.client.get(url("permalink", third))["Location"]
        self.assertTrue(location.startswith(f"{self.article.url}?after="), location)
        self.assertTrue(location.endswith(f"#comment-{third.pk}"), location)
        self.assertIsNotNone(soup(self.client.get(location)).select_one(f"#comment-{third.pk}"))

    def test_a_reply_beyond_the_first_three_opens_the_replies_page(self) -> None:
        fourth = self.replies[3]
        response = self.client.get(url("permalink", fourth))
        self.assertRedirects(
            response, f"{url('replies', self.top)}#comment-{fourth.pk}", target_status_code=200
        )

    def test_the_replies_page_lists_every_reply(self) -> None:
        response = self.client.get(url("replies", self.top))
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertEqual(text_of(page.h1), "Replies")
        shown = [li["id"] for li in page.select(f"#replies-{self.top.pk} > li")]
        self.assertEqual(shown, [f"comment-{c.pk}" for c in self.replies])
        self.assertIsNone(page.select_one(".community__more"))

    # BUG: community/templates/community/replies.html includes _comment.html for the top comment,
    # which shows "Show all N replies" whenever reply_count > 3; on the replies page that link
    # points at the page itself, which already shows them all.
    def test_the_replies_page_does_not_link_to_itself(self) -> None:
        page = soup(self.client.get(url("replies", self.top)))
        self.assertIsNone(page.select_one(".comment__more-replies"))

    def test_the_replies_page_of_a_reply_is_that_of_its_top_comment(self) -> None:
        response = self.client.get(url("replies", self.replies[0]))
        self.assertRedirects(response, url("replies", self.top))

    def test_with_htmx_the_replies_come_as_a_partial(self) -> None:
        page = soup(self.client.get(url("replies", self.top), **HTMX))
        self.assertIsNone(page.select_one("h1, main"))
        self.assertEqual(len(page.select(f"#replies-{self.top.pk} > li")), 5)

    def test_long_lists_of_replies_are_paged_by_cursor(self) -> None:
        start = timezone.now() - dt.timedelta(days=1)
        crowded = self.comment(self.reader, "Say something.", when=start)
        thread = crowded.thread
        answers = Comment.objects.bulk_create(
            Comment(
                thread=thread,
                author=self.second_reader,
                parent=crowded,
                root=crowded,
                reply_to=crowded,
                depth=1,
                body=f"Answer {n}",
                html=f"<p>Answer {n}</p>",
                status=Comment.Status.PUBLISHED,
                created_at=start + dt.timedelta(seconds=n + 1),
            )
            for n in range(listing.REPLIES_PAGE_SIZE + 3)
        )
        first = soup(self.client.get(url("replies", crowded)))
        ids = [li["id"] for li in first.select(f"#replies-{crowded.pk} > li")]
        self.assertEqual(ids, [f"comment-{c.pk}" for c in answers[: listing.REPLIES_PAGE_SIZE]])
        more = first.select_one(".community__more a")
        self.assertEqual(more.text, "Show more replies")
        second = soup(self.client.get(url("replies", crowded) + more["href"]))
        ids = [li["id"] for li in second.select(f"#replies-{crowded.pk} > li")]
        self.assertEqual(ids, [f"comment-{c.pk}" for c in answers[listing.REPLIES_PAGE_SIZE :]])
        self.assertIsNone(second.select_one(".community__more"))

    def test_a_rejected_comment_is_not_found(self) -> None:
        self.configure(banned_words="grotbag")
        rejected = post_comment(self.reader, self.article, body="A grotbag plan.").comment
        self.assertEqual(rejected.status, Comment.Status.REJECTED)
        for name in ("permalink", "replies", "report", "recommend"):
            method = self.client.post if name == "recommend" else self.client.get
            self.assertEqual(method(url(name, rejected)).status_code, 404, name)
        self.client.force_login(self.reader)  # not even for its author
        self.assertEqual(self.client.get(url("permalink", rejected)).status_code, 404)

    def test_a_comment_under_an_unpublished_article_is_not_found(self) -> None:
        pulled = make_article(self.politics, title="Pulled story")
        comment = self.comment(self.reader, "Gone soon.", page=pulled)
        pulled.unpublish()
        self.assertEqual(self.client.get(url("permalink", comment)).status_code, 404)
        self.assertEqual(self.client.get(url("replies", comment)).status_code, 404)


class EditViewTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A window wide enough that a slow test run never leaves it by accident.
        cls.configure(edit_window_minutes=30)
        cls.mine = cls.comment(cls.reader, "Original words.")

    def setUp(self) -> None:
        self.client.force_login(self.reader)

    def test_the_author_gets_the_form_with_the_text_they_wrote(self) -> None:
        page = soup(self.client.get(url("edit", self.mine)))
        self.assertEqual(text_of(page.h1), "Edit your comment")
        self.assertEqual(page.select_one("form textarea[name=body]").text, "Original words.")
        self.assertIn("You can edit for 30 minutes after posting.", text_of(page))

    def test_saving_changes_the_comment_marks_it_edited_and_keeps_the_old_text(self) -> None:
        response = self.client.post(url("edit", self.mine), {"body": "Better *words*."})
        self.assertRedirects(response, url("permalink", self.mine), target_status_code=302)
        self.mine.refresh_from_db()
        self.assertEqual(
            (self.mine.body, self.mine.html), ("Better *words*.", "<p>Better <em>words</em>.</p>")
        )
        self.assertIsNotNone(self.mine.edited_at)
        revision = CommentRevision.objects.get(comment=self.mine)
        self.assertEqual(
            (revision.body, revision.html), ("Original words.", "<p>Original words.</p>")
        )
        page = soup(self.client.get(self.article.url))
        shown = page.select_one(f"#comment-{self.mine.pk}")
        self.assertEqual(text_of(shown.select_one(".comment__edited")), "edited")
        self.assertEqual(shown.select_one(".comment__body").get_text(), "Better words.")
        self.assertNotIn("Original words.", str(page))  # revisions are for moderators only

    def test_with_htmx_the_form_and_the_saved_body_come_as_partials(self) -> None:
        form = soup(self.client.get(url("edit", self.mine), **HTMX))
        self.assertIsNone(form.select_one("h1"))
        self.assertIsNotNone(form.select_one("form.compose textarea"))
        response = self.client.post(url("edit", self.mine), {"body": "Changed."}, **HTMX)
        self.assertEqual(response.status_code, 200)
        body = soup(response)
        self.assertEqual(body.div["id"], f"body-{self.mine.pk}")
        self.assertEqual(body.div.decode_contents(), "<p>Changed.</p>")

    def test_an_edit_after_the_window_is_refused_and_says_for_how_long_edits_are_allowed(
        self,
    ) -> None:
        with time_machine.travel(self.mine.created_at + dt.timedelta(minutes=31)):
            response = self.client.post(url("edit", self.mine), {"body": "Too late."})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            text_of(soup(response).select_one(".compose__errors")),
            "Comments can be edited for 30 minutes after posting.",
        )
        self.assertEqual(soup(response).select_one("textarea").text, "Too late.")
        self.mine.refresh_from_db()
        self.assertEqual((self.mine.body, self.mine.edited_at), ("Original words.", None))

    def test_nobody_edits_someone_elses_comment(self) -> None:
        self.client.force_login(self.second_reader)
        response = self.client.post(url("edit", self.mine), {"body": "Hijacked."})
        self.assertEqual(response.status_code, 403)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.body, "Original words.")
        self.assertFalse(CommentRevision.objects.exists())

    def test_a_signed_out_visitor_is_sent_to_sign_in(self) -> None:
        self.client.logout()
        response = self.client.get(url("edit", self.mine))
        self.assertRedirects(
            response,
            f"/accounts/login/?next={url('edit', self.mine)}",
            fetch_redirect_response=False,
        )

    def test_an_edit_with_a_banned_word_is_rejected(self) -> None:
        self.configure(banned_words="grotbag")
        self.client.post(url("edit", self.mine), {"body": "A grotbag plan."})
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, Comment.Status.REJECTED)
        self.assertEqual(Thread.objects.get(page=self.article).comment_count, 0)

    # BUG: actions.edit_comment screens the new text with screening.screen(), which returns the
    # rate-limit verdict ("limit") in place of the content verdict whenever the reader is inside
    # the seconds_between_comments interval of their last comment. edit_comment only acts on
    # "hold" and "reject", so an edit made within those seconds of posting (default 5 s, 30 s
    # for new accounts) is saved and stays published whatever it says: banned words, suspect
    # words, links and toxicity are all skipped.
    def test_an_edit_right_after_posting_cannot_slip_a_banned_word_past_screening(self) -> None:
        self.configure(banned_words="grotbag", seconds_between_comments=30)
        fresh = post_comment(self.reader, self.article, body="A harmless remark.").comment
        self.client.post(url("edit", fresh), {"body": "A grotbag remark."})
        fresh.refresh_from_db()
        self.assertEqual(fresh.status, Comment.Status.REJECTED)


class DeleteViewTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.lonely = cls.comment(cls.reader, "Nobody will answer this.")
        cls.answered = cls.comment(cls.reader, "Somebody will answer this.")
        cls.answer = cls.comment(cls.second_reader, "Here I am.", cls.answered)

    def setUp(self) -> None:
        self.client.force_login(self.reader)

    def test_the_author_is_asked_to_confirm(self) -> None:
        page = soup(self.client.get(url("delete", self.lonely)))
        self.assertEqual(text_of(page.h1), "Delete your comment?")
        self.assertEqual(text_of(page.blockquote), "Nobody will answer this.")
        self.assertIsNotNone(page.select_one("form[method=post] button[type=submit]"))
        self.lonely.refresh_from_db()
        self.assertEqual(self.lonely.status, Comment.Status.PUBLISHED)

    def test_a_comment_nobody_answered_is_gone_from_view(self) -> None:
        response = self.client.post(url("delete", self.lonely))
        self.assertRedirects(
            response, f"{self.article.url}#comments", fetch_redirect_response=False
        )
        self.lonely.refresh_from_db()
        self.assertEqual(self.lonely.status, Comment.Status.WITHDRAWN)
        page = self.client.get(self.article.url)
        self.assertNotContains(page, "Nobody will answer this.")
        self.assertNotContains(page, f'id="comment-{self.lonely.pk}"')
        self.assertContains(page, "Your comment is deleted.")
        self.assertEqual(Thread.objects.get(page=self.article).comment_count, 2)

    def test_a_comment_others_answered_stays_as_a_tombstone(self) -> None:
        self.client.post(url("delete", self.answered))
        self.answered.refresh_from_db()
        self.assertEqual(self.answered.status, Comment.Status.DELETED)
        page = soup(self.client.get(self.article.url))
        tombstone = page.select_one(f"#comment-{self.answered.pk}")
        self.assertIn("[deleted]", text_of(tombstone))
        self.assertNotIn("Somebody will answer this.", str(page))
        self.assertIsNotNone(tombstone.select_one(f"#comment-{self.answer.pk}"))

    # BUG: actions.has_visible_replies looks only for children (parent=comment). A reply to a
    # comment at the deepest level hangs beside it (parent = its parent, reply_to = it), so
    # delete_comment withdraws such a comment as if nobody had answered it: it vanishes, and the
    # answer below says "replying to Reader" about nothing.
    def test_a_comment_answered_at_the_deepest_level_stays_as_a_tombstone(self) -> None:
        deepest = self.comment(self.reader, "At the deepest level.", self.answer)
        answer = self.comment(self.second_reader, "Answering the deepest.", deepest)
        self.assertEqual((deepest.depth, answer.reply_to), (2, deepest))
        self.client.post(url("delete", deepest))
        deepest.refresh_from_db()
        self.assertEqual(deepest.status, Comment.Status.DELETED)

    def test_with_htmx_the_deleted_body_comes_as_a_partial(self) -> None:
        response = self.client.post(url("delete", self.answered), **HTMX)
        self.assertEqual(
            text_of(soup(response).select_one(f"#body-{self.answered.pk}")),
            "This comment was deleted by its author.",
        )

    # BUG: views.edit and views.delete render their forms for any signed-in reader; only the
    # POST checks who wrote the comment. Another reader gets "Edit your comment" with the text in
    # a form, and "Delete your comment?", for a comment that is not theirs.
    def test_someone_elses_comment_gets_no_edit_or_delete_form(self) -> None:
        self.client.force_login(self.second_reader)
        for name in ("edit", "delete"):
            response = self.client.get(url(name, self.lonely))
            self.assertIn(response.status_code, (403, 404), name)

    def test_nobody_deletes_someone_elses_comment(self) -> None:
        self.client.force_login(self.second_reader)
        response = self.client.post(url("delete", self.lonely))
        self.assertEqual(response.status_code, 403)
        self.lonely.refresh_from_db()
        self.assertEqual(self.lonely.status, Comment.Status.PUBLISHED)


class RecommendViewTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.second_reader, "The ferry loses out again.")

    def setUp(self) -> None:
        self.client.force_login(self.reader)

    def count(self) -> int:
        self.theirs.refresh_from_db()
        return self.theirs.recommend_count

    def test_a_recommendation_toggles_on_and_off(self) -> None:
        response = self.client.post(url("recommend", self.theirs))
        self.assertRedirects(response, url("permalink", self.theirs), target_status_code=302)
        self.assertEqual(self.count(), 1)
        self.assertTrue(Recommendation.objects.filter(reader=self.reader).exists())
        button = soup(self.client.get(self.article.url)).select_one(
            f"#comment-{self.theirs.pk} .comment__recommend button"
        )
        self.assertEqual((button["aria-pressed"], text_of(button)), ("true", "Recommend 1"))

        self.client.post(url("recommend", self.theirs))
        self.assertEqual(self.count(), 0)
        self.assertFalse(Recommendation.objects.exists())

    def test_recommendations_of_several_readers_add_up(self) -> None:
        recommend_comment(self.newcomer, self.theirs)
        self.client.post(url("recommend", self.theirs))
        self.assertEqual(self.count(), 2)

    def test_with_htmx_the_button_comes_back_pressed_or_not(self) -> None:
        pressed = soup(self.client.post(url("recommend", self.theirs), **HTMX)).button
        self.assertEqual((pressed["aria-pressed"], text_of(pressed)), ("true", "Recommend 1"))
        released = soup(self.client.post(url("recommend", self.theirs), **HTMX)).button
        self.assertEqual((released["aria-pressed"], text_of(released)), ("false", "Recommend 0"))

    def test_nobody_recommends_their_own_comment(self) -> None:
        self.client.force_login(self.second_reader)
        response = self.client.post(url("recommend", self.theirs), follow=True)
        self.assertContains(response, "You cannot recommend your own comment.")
        htmx = self.client.post(url("recommend", self.theirs), **HTMX)
        self.assertEqual(htmx.status_code, 409)
        self.assertEqual(htmx.content.decode(), "You cannot recommend your own comment.")
        self.assertEqual(self.count(), 0)

    def test_a_signed_out_visitor_is_sent_to_sign_in(self) -> None:
        self.client.logout()
        response = self.client.post(url("recommend", self.theirs))
        self.assertRedirects(
            response,
            f"/accounts/login/?next={url('permalink', self.theirs)}",
            fetch_redirect_response=False,
        )
        self.assertEqual(self.count(), 0)

    def test_recommending_takes_a_post(self) -> None:
        self.assertEqual(self.client.get(url("recommend", self.theirs)).status_code, 405)
        self.assertEqual(self.count(), 0)


class ReportViewTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.second_reader, "The ferry loses out again.")
        cls.third_reader = make_user("third_reader", verified=True)

    def setUp(self) -> None:
        self.client.force_login(self.reader)

    def reason(self, code: str) -> ReportReason:
        return ReportReason.objects.get(code=code)

    def report(self, code: str = "abusive", client: Client | None = None, **headers: str):  # type: ignore[no-untyped-def]
        data = {"reason": self.reason(code).pk, "note": "Not nice."}
        return (client or self.client).post(url("report", self.theirs), data, **headers)

    def test_the_dialog_page_offers_every_reason_and_the_notice_form(self) -> None:
        page = soup(self.client.get(url("report", self.theirs)))
        self.assertEqual(text_of(page.select_one(".report__heading")), "Report this comment")
        self.assertEqual(
            [text_of(label) for label in page.select(".report__reason")],
            [reason.label for reason in ReportReason.objects.all()],
        )
        self.assertEqual(
            page.select_one(".report__illegal a")["href"],
            f"{reverse('community:notice')}?comment={self.theirs.pk}",
        )

    def test_a_signed_out_visitor_is_sent_to_sign_in_first(self) -> None:
        self.client.logout()
        response = self.client.get(url("report", self.theirs))
        self.assertRedirects(
            response,
            f"/accounts/login/?next={url('report', self.theirs)}",
            fetch_redirect_response=False,
        )

    def test_a_report_is_thanked_in_the_publishers_words(self) -> None:
        self.configure(report_thanks="Thanks, a moderator will look soon.")
        response = self.report()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            text_of(soup(response).select_one(".report--done p")),
            "Thanks, a moderator will look soon.",
        )
        report = Report.objects.get()
        self.assertEqual(
            (report.reporter, report.reason.code, report.note),
            (self.reader, "abusive", "Not nice."),
        )
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.report_count, 1)

    def test_reporting_twice_changes_nothing(self) -> None:
        self.report()
        response = self.report("spam")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Report.objects.get().reason.code, "abusive")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.report_count, 1)

    def test_i_just_disagree_is_recorded_but_not_counted(self) -> None:
        self.report("disagree")
        self.assertEqual(Report.objects.get().reason.code, "disagree")
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.report_count, self.theirs.status), (0, "published"))

    def test_three_counted_reports_from_different_readers_hide_the_comment(self) -> None:
        for reader in (self.reader, self.newcomer, self.third_reader):
            client = Client()
            client.force_login(reader)
            self.report("off-topic", client)
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.report_count, self.theirs.status), (3, "pending"))
        decision = Decision.objects.get(comment=self.theirs, action=Decision.Action.HIDE)
        self.assertEqual(
            (decision.rule, decision.detail), ("reports", {"reports": 3, "threshold": 3})
        )
        self.assertEqual(Thread.objects.get(page=self.article).comment_count, 0)
        self.assertNotContains(Client().get(self.article.url), "The ferry loses out again.")

    def test_two_counted_reports_and_a_disagreement_do_not_hide_it(self) -> None:
        for reader, code in ((self.reader, "spam"), (self.newcomer, "hate")):
            client = Client()
            client.force_login(reader)
            self.report(code, client)
        client = Client()
        client.force_login(self.third_reader)
        self.report("disagree", client)
        self.theirs.refresh_from_db()
        self.assertEqual((self.theirs.report_count, self.theirs.status), (2, "published"))

    def test_a_report_without_a_reason_asks_for_one(self) -> None:
        response = self.client.post(url("report", self.theirs), {"note": "Just because."})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            text_of(soup(response).select_one(".compose__error")),
            "Choose the reason that fits best.",
        )
        self.assertEqual(soup(response).select_one("textarea").text.strip(), "Just because.")
        self.assertFalse(Report.objects.exists())

    def test_choosing_illegal_content_leads_to_the_notice_form(self) -> None:
        response = self.report("illegal")
        self.assertRedirects(response, f"{reverse('community:notice')}?comment={self.theirs.pk}")
        self.assertFalse(Report.objects.exists())

    def test_nobody_reports_their_own_comment(self) -> None:
        self.client.force_login(self.second_reader)
        response = self.report()
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            text_of(soup(response).select_one(".compose__errors")),
            "You cannot report your own comment.",
        )
        self.assertFalse(Report.objects.exists())

    def test_with_htmx_the_dialog_and_the_thanks_come_as_partials(self) -> None:
        dialog = soup(self.client.get(url("report", self.theirs), **HTMX))
        self.assertEqual(dialog.div["class"], ["report"])
        self.assertIsNone(dialog.select_one("main"))
        thanks = soup(self.report(**HTMX))
        self.assertEqual(thanks.div["class"], ["report", "report--done"])
        self.assertEqual(thanks.div["role"], "status")
        self.assertIsNone(thanks.select_one("main"))
