"""The moderation queues in the admin: who may see them, what a card shows, decisions as plain
forms and as htmx, claims, bulk actions, the reader panel, appeals and notices."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from masthead.community.actions import post_comment, report_comment, send_notice
from masthead.community.models import Comment, CommunitySettings, IllegalContentNotice, ReportReason
from masthead.community.tests.base import HTMX, CommunityTestCase, soup, text_of
from masthead.lib.testing import make_user
from masthead.moderation import actions
from masthead.moderation.models import Appeal, Claim, Decision, Standing


def queue(slug: str) -> str:
    return reverse("moderation_queue", args=[slug])


class QueueTestCase(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_moderator = make_user("other_moderator", "Moderators")
        cls.lead = make_user("lead", "Moderation leads")
        cls.spam = ReportReason.objects.get(code="spam")
        cls.witnesses = [make_user(f"witness{i}", verified=True) for i in range(3)]

    def reported(
        self, text: str = "Buy cheap watches at example.test", reports: int = 1
    ) -> Comment:
        comment = self.comment(self.reader, text)
        for witness in self.witnesses[:reports]:
            report_comment(witness, comment, reason=self.spam, note="Looks like an advert")
        comment.refresh_from_db()
        return comment


class AccessTests(QueueTestCase):
    def test_a_moderator_sees_every_queue(self) -> None:
        self.client.force_login(self.moderator)
        for slug in (
            "reported",
            "pending",
            "unmoderated",
            "approved",
            "rejected",
            "appeals",
            "notices",
        ):
            with self.subTest(slug):
                self.assertEqual(self.client.get(queue(slug)).status_code, 200)

    def test_an_editor_or_a_reader_may_not_moderate(self) -> None:
        self.reported()
        for user in (self.editor, self.writer):
            self.client.force_login(user)
            # The admin turns PermissionDenied into a redirect home with a message.
            response = self.client.get(queue("reported"), follow=True)
            self.assertRedirects(response, reverse("wagtailadmin_home"))
            self.assertContains(response, "do not have permission")
            self.assertNotContains(response, "Buy cheap watches")
        self.client.force_login(self.reader)  # no admin access at all: sent to the admin login
        self.assertEqual(self.client.get(queue("reported")).status_code, 302)

    def test_a_signed_out_visitor_is_sent_to_log_in(self) -> None:
        response = self.client.get(queue("reported"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])

    def test_unknown_comments_readers_appeals_notices_and_stories_are_not_found(self) -> None:
        self.client.force_login(self.moderator)
        for name, method in (
            ("moderation_card", "get"),
            ("moderation_claim", "post"),
            ("moderation_decide", "post"),
            ("moderation_reader", "get"),
            ("moderation_appeal", "post"),
            ("moderation_notice", "post"),
            ("moderation_watch", "post"),
        ):
            with self.subTest(name):
                response = getattr(self.client, method)(reverse(name, args=[999999]))
                self.assertEqual(response.status_code, 404)

    def test_loading_more_cards_does_not_count_the_queues_again(self) -> None:
        for i in range(21):
            self.comment(self.reader, f"Comment {i}")
        self.client.force_login(self.moderator)
        page = soup(self.client.get(queue("unmoderated")))
        more = page.select_one("#more-cards a")["href"]
        with CaptureQueriesContext(connection) as queries:
            self.client.get(more, headers={"HX-Request": "true", "HX-Target": "more-cards"})
        self.assertFalse(any("LIMIT 1001" in q["sql"] for q in queries))

    def test_an_unknown_queue_is_not_found(self) -> None:
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.get(queue("everything")).status_code, 404)

    def test_the_admin_menu_offers_moderation_to_moderators_only(self) -> None:
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), "Moderation")
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), '"Moderation"')


class CardTests(QueueTestCase):
    def test_a_reported_card_shows_the_comment_in_context_and_why_it_is_there(self) -> None:
        parent = self.comment(self.second_reader, "The quay needs dredging first.")
        reply = self.comment(self.reader, "Cheap watches here: example.test", parent=parent)
        for witness in self.witnesses[:2]:
            report_comment(witness, reply, reason=self.spam, note="An advert for watches")
        self.client.force_login(self.moderator)
        page = soup(self.client.get(queue("reported")))
        card = page.select_one(f"#card-{reply.pk}")
        text = text_of(card)
        self.assertIn(self.article.title, text)
        self.assertIn("In reply to Second Reader: The quay needs dredging first.", text)
        self.assertIn("Reported: Spam or advertising \u00d7 2", text)
        self.assertIn("“An advert for watches”", text)
        self.assertIn("Reader", text)
        self.assertIn("1 comment ·", text)  # the writer's record counts their own comments
        self.assertIn("0 rejected (0%)", text)
        self.assertIsNotNone(card.select_one(f'a[href="/community/comments/{reply.pk}/"]'))

    def test_a_held_card_names_the_rule_and_the_word_that_held_it(self) -> None:
        community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
        community.suspect_words = "lottery"
        community.save()
        held = post_comment(self.reader, self.article, body="Win the lottery tonight").comment
        assert held is not None
        self.client.force_login(self.moderator)
        card = soup(self.client.get(queue("pending"))).select_one(f"#card-{held.pk}")
        self.assertIn('Held: suspect word "lottery"', text_of(card))

    def test_a_card_held_by_the_scorer_names_its_score_and_category_in_words(self) -> None:
        from unittest import mock

        from masthead.community import scoring

        threat = scoring.Score(0.93, "sexual_harassment", "test")
        with mock.patch("masthead.community.scoring.score_comment", return_value=threat):
            held = post_comment(self.reader, self.article, body="Remarks", confirmed=True)
        assert held.comment is not None
        self.client.force_login(self.moderator)
        card = soup(self.client.get(queue("pending"))).select_one(f"#card-{held.comment.pk}")
        self.assertIn("Held: scorer rated it 0.93 (Sexual harassment)", text_of(card))

    def test_the_writer_record_counts_rejections_warnings_and_bans(self) -> None:
        first = self.comment(self.reader, "First")
        self.comment(self.reader, "Second")
        actions.reject_comment(self.moderator, first, reason="spam")
        actions.warn_reader(self.moderator, self.reader, message="Stop")
        third = self.reported("Third")
        self.client.force_login(self.moderator)
        text = text_of(soup(self.client.get(queue("reported"))).select_one(f"#card-{third.pk}"))
        self.assertIn("3 comments", text)
        self.assertIn("1 rejected (33%)", text)
        self.assertIn("1 warning", text)

    def test_only_a_lead_sees_the_writers_email_address(self) -> None:
        self.reported()
        self.client.force_login(self.moderator)
        self.assertNotContains(self.client.get(queue("reported")), "reader@example.org")
        self.client.force_login(self.lead)
        self.assertContains(self.client.get(queue("reported")), "reader@example.org")

    def test_the_reader_search_matches_e_mail_addresses_only_for_a_lead(self) -> None:
        self.reported()
        self.client.force_login(self.moderator)
        response = self.client.get(queue("reported"), {"reader": "reader@example.org"})
        self.assertContains(response, "Nothing here")
        self.client.force_login(self.lead)
        response = self.client.get(queue("reported"), {"reader": "reader@example.org"})
        self.assertContains(response, "Buy cheap watches")

    def test_opening_a_card_claims_it_and_a_second_moderator_sees_who_holds_it(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        self.client.get(reverse("moderation_card", args=[comment.pk]))
        self.assertEqual(Claim.objects.get(comment=comment).moderator, self.moderator)
        self.client.force_login(self.other_moderator)
        response = self.client.get(queue("reported"))
        self.assertContains(response, "Moderator is deciding this comment")
        response = self.client.get(reverse("moderation_card", args=[comment.pk]))
        self.assertContains(response, "is deciding this comment")
        self.assertEqual(Claim.objects.get(comment=comment).moderator, self.moderator)


class FilterTests(QueueTestCase):
    def test_text_reader_article_and_section_filters_narrow_the_queue(self) -> None:
        from masthead.lib.testing import make_article, make_section

        sport = make_section(self.home, "Sport")
        match = make_article(sport, title="Harbour FC win the cup")
        here = self.reported("Buy watches on the quay")
        there = self.comment(self.second_reader, "Buy boots at the ground", page=match)
        report_comment(self.witnesses[0], there, reason=self.spam)
        self.client.force_login(self.moderator)

        def shown(**params: object) -> set[int]:
            page = soup(self.client.get(queue("reported"), params))
            return {int(c["data-card"]) for c in page.select(".mod-card[data-card]")}

        self.assertEqual(shown(), {here.pk, there.pk})
        self.assertEqual(shown(q="boots"), {there.pk})
        self.assertEqual(shown(reader="Second"), {there.pk})
        self.assertEqual(shown(article=self.article.pk), {here.pk})
        self.assertEqual(shown(section=sport.pk), {there.pk})
        actions.watch_story(self.moderator, match)
        self.assertEqual(shown(watched="on"), {there.pk})

    def test_a_moderator_watches_a_story_from_a_card_and_filters_by_it(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        page = soup(self.client.get(queue("reported")))
        button = page.select_one(f"#card-{comment.pk} form.mod-watch button")
        self.assertEqual(text_of(button), "Watch this story")
        response = self.client.post(
            reverse("moderation_watch", args=[self.article.pk]), {"next": queue("reported")}
        )
        self.assertRedirects(response, queue("reported"), fetch_redirect_response=False)
        page = soup(self.client.get(queue("reported"), {"watched": "on"}))
        self.assertEqual(
            text_of(page.select_one(f"#card-{comment.pk} form.mod-watch button")),
            "Stop watching this story",
        )
        self.client.post(reverse("moderation_watch", args=[self.article.pk]))
        self.assertContains(self.client.get(queue("reported"), {"watched": "on"}), "Nothing here")

    def test_newest_or_oldest_first(self) -> None:
        first = self.reported("One")
        second = self.reported("Two")
        self.client.force_login(self.moderator)

        def order(**params: object) -> list[int]:
            page = soup(self.client.get(queue("reported"), params))
            return [int(c["data-card"]) for c in page.select(".mod-card[data-card]")]

        self.assertEqual(order(), [second.pk, first.pk])
        self.assertEqual(order(order="oldest"), [first.pk, second.pk])

    def test_bad_filter_values_are_reported_and_the_queue_still_shows(self) -> None:
        self.reported()
        self.client.force_login(self.moderator)
        response = self.client.get(queue("reported"), {"article": "yesterday", "section": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Article id: Enter a whole number.")
        self.assertContains(response, "Buy cheap watches")

    def test_a_mangled_cursor_shows_the_first_page(self) -> None:
        self.reported()
        self.client.force_login(self.moderator)
        response = self.client.get(queue("reported"), {"after": "%%%not-a-cursor"})
        self.assertContains(response, "Buy cheap watches")

    def test_cursor_pages_go_through_the_whole_queue_once(self) -> None:
        comments = [self.comment(self.reader, f"Comment number {i}") for i in range(23)]
        self.client.force_login(self.moderator)
        page = soup(self.client.get(queue("unmoderated")))
        seen = [int(c["data-card"]) for c in page.select(".mod-card[data-card]")]
        self.assertEqual(len(seen), 20)
        more = page.select_one("#more-cards a")["href"]
        page = soup(
            self.client.get(more, headers={"HX-Request": "true", "HX-Target": "more-cards"})
        )
        seen += [int(c["data-card"]) for c in page.select(".mod-card[data-card]")]
        self.assertEqual(sorted(seen), sorted(c.pk for c in comments))
        self.assertIsNone(page.select_one("#more-cards"))


class DecisionViewTests(QueueTestCase):
    def decide(self, comment: Comment, htmx: bool = False, **data: str):  # type: ignore[no-untyped-def]
        url = reverse("moderation_decide", args=[comment.pk])
        data.setdefault("next", queue("reported"))
        return self.client.post(url, data, **(HTMX if htmx else {}))

    def test_approving_as_a_plain_form_returns_to_the_queue_and_clears_the_reports(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        response = self.decide(comment, action="approve")
        self.assertRedirects(response, queue("reported"), fetch_redirect_response=False)
        comment.refresh_from_db()
        self.assertEqual((comment.open_report_count, comment.status), (0, "published"))
        self.assertIsNotNone(comment.reviewed_at)
        self.assertNotContains(self.client.get(queue("reported")), "Buy cheap watches")

    def test_rejecting_with_htmx_swaps_the_card_for_its_outcome(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        response = self.decide(comment, htmx=True, action="reject", reason="spam")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Rejected (spam)")
        self.assertContains(response, "data-decided")
        comment.refresh_from_db()
        self.assertEqual(comment.status, "rejected")
        decision = Decision.objects.filter(comment=comment).latest("id")
        self.assertEqual((decision.action, decision.reason), ("reject", "spam"))

    def test_rejecting_without_a_reason_changes_nothing_and_says_what_is_missing(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        response = self.decide(comment, htmx=True, action="reject", reason="")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Choose the reason for rejecting", status_code=400)
        response = self.decide(comment, action="reject", reason="")
        self.assertEqual(response.status_code, 302)
        comment.refresh_from_db()
        self.assertEqual(comment.status, "published")

    def test_an_unknown_action_is_refused(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        self.assertEqual(self.decide(comment, htmx=True, action="delete").status_code, 400)

    def test_a_comment_held_by_another_moderator_cannot_be_decided(self) -> None:
        comment = self.reported()
        actions.claim_comment(self.other_moderator, comment)
        self.client.force_login(self.moderator)
        response = self.decide(comment, htmx=True, action="approve")
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "is deciding this comment", status_code=409)
        comment.refresh_from_db()
        self.assertIsNone(comment.reviewed_at)

    def test_claiming_from_the_keyboard_answers_who_holds_it(self) -> None:
        comment = self.reported()
        url = reverse("moderation_claim", args=[comment.pk])
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.post(url).status_code, 200)
        self.client.force_login(self.other_moderator)
        response = self.client.post(url)
        self.assertEqual(response.status_code, 409)
        self.assertIn("Moderator is deciding this comment", response.content.decode())
        self.assertEqual(self.client.get(url).status_code, 405)

    def test_moving_to_the_next_card_lets_the_last_one_go(self) -> None:
        first, second = self.reported("First advert"), self.reported("Second advert")
        self.client.force_login(self.moderator)
        self.client.post(reverse("moderation_claim", args=[first.pk]))
        self.client.post(reverse("moderation_claim", args=[second.pk]), {"release": first.pk})
        self.assertEqual(list(Claim.objects.values_list("comment_id", flat=True)), [second.pk])

    def test_featuring_and_restoring(self) -> None:
        comment = self.comment(self.reader, "A thoughtful point")
        self.client.force_login(self.moderator)
        self.decide(comment, action="feature")
        comment.refresh_from_db()
        self.assertTrue(comment.featured)
        self.decide(comment, action="reject", reason="off_topic")
        self.decide(comment, action="restore")
        comment.refresh_from_db()
        self.assertEqual((comment.status, comment.featured), ("published", False))
        self.assertEqual(Decision.objects.filter(comment=comment).latest("id").action, "restore")

    def test_an_editor_cannot_decide(self) -> None:
        comment = self.reported()
        self.client.force_login(self.editor)
        self.assertEqual(self.decide(comment, action="approve").status_code, 302)
        comment.refresh_from_db()
        self.assertIsNone(comment.reviewed_at)


class BulkTests(QueueTestCase):
    def test_bulk_reject_decides_each_selected_comment_and_reports_the_ones_it_could_not(
        self,
    ) -> None:
        first, second, third = (self.reported(f"Advert {i}") for i in range(3))
        actions.claim_comment(self.other_moderator, third)
        self.client.force_login(self.moderator)
        response = self.client.post(
            reverse("moderation_bulk"),
            {"ids": [first.pk, second.pk, third.pk], "action": "reject", "reason": "spam"},
            follow=True,
        )
        self.assertContains(response, "Rejected 2 comments.")
        self.assertContains(response, f"Comment {third.pk}: Other Moderator is deciding")
        statuses = dict(
            Comment.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list(
                "pk", "status"
            )
        )
        self.assertEqual(
            statuses, {first.pk: "rejected", second.pk: "rejected", third.pk: "published"}
        )

    def test_bulk_without_a_selection_or_a_reason_says_what_is_missing(self) -> None:
        comment = self.reported()
        self.client.force_login(self.moderator)
        response = self.client.post(reverse("moderation_bulk"), {"action": "approve"}, follow=True)
        self.assertContains(response, "Select at least one comment first.")
        response = self.client.post(
            reverse("moderation_bulk"), {"ids": [comment.pk], "action": "reject"}, follow=True
        )
        self.assertContains(response, "Choose the reason for rejecting")
        comment.refresh_from_db()
        self.assertEqual(comment.status, "published")

    def test_bulk_approve(self) -> None:
        comments = [self.reported(f"Fine {i}") for i in range(2)]
        self.client.force_login(self.moderator)
        response = self.client.post(
            reverse("moderation_bulk"),
            {"ids": [c.pk for c in comments], "action": "approve"},
            follow=True,
        )
        self.assertContains(response, "Approved 2 comments.")
        self.assertFalse(Comment.objects.filter(open_report_count__gt=0).exists())


class ReaderPanelTests(QueueTestCase):
    def url(self) -> str:
        return reverse("moderation_reader", args=[self.reader.pk])

    def test_the_panel_shows_the_readers_history_and_notes(self) -> None:
        comment = self.comment(self.reader, "Something I wrote")
        actions.reject_comment(self.moderator, comment, reason="off_topic")
        actions.add_note(self.moderator, self.reader, text="Often off topic on ferry stories")
        self.client.force_login(self.other_moderator)
        response = self.client.get(self.url(), **HTMX)
        text = text_of(soup(response).select_one(".mod-reader"))
        self.assertIn("Something I wrote", text)
        self.assertIn("rejected (off_topic)", text)
        self.assertIn("Often off topic on ferry stories", text)
        self.assertNotIn("reader@example.org", text)
        self.assertNotIn("<html", response.content.decode())  # a partial for the side panel

    def test_suspending_needs_a_reason_and_a_future_date(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.post(self.url(), {"action": "suspend", "reason": "abusive"}, **HTMX)
        self.assertContains(response, "Say until when the reader is suspended.", status_code=400)
        past = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(
            self.url(), {"action": "suspend", "reason": "abusive", "until": past}, **HTMX
        )
        self.assertContains(response, "must end in the future", status_code=400)
        response = self.client.post(
            self.url(), {"action": "suspend", "until": "next tuesday", "text": "Cool off"}, **HTMX
        )
        self.assertContains(response, "Choose the reason", status_code=400)
        self.assertContains(response, "Enter a valid date/time.", status_code=400)
        self.assertContains(response, "Cool off", status_code=400)  # what they typed stays
        self.assertFalse(Standing.objects.filter(reader=self.reader).exists())

    def test_suspending_as_a_plain_form(self) -> None:
        self.client.force_login(self.moderator)
        until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(
            self.url(), {"action": "suspend", "reason": "abusive", "until": until}, follow=True
        )
        self.assertContains(response, "Reader is suspended until")
        self.assertTrue(Standing.objects.get(reader=self.reader).suspended())

    def test_ban_with_comments_warn_note_and_lift(self) -> None:
        self.comment(self.reader, "One of mine")
        self.client.force_login(self.moderator)
        self.client.post(self.url(), {"action": "warn", "text": "Mind the tone"})
        self.client.post(self.url(), {"action": "note", "text": "Warned after the ferry row"})
        self.client.post(
            self.url(), {"action": "ban", "reason": "abusive", "reject_comments": "on"}
        )
        standing = Standing.objects.get(reader=self.reader)
        self.assertTrue(standing.banned)
        self.assertFalse(Comment.objects.filter(author=self.reader, status="published").exists())
        self.client.post(self.url(), {"action": "lift"})
        standing.refresh_from_db()
        self.assertFalse(standing.banned)
        actions_logged = list(
            Decision.objects.filter(subject=self.reader, moderator=self.moderator)
            .order_by("id")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions_logged, ["warn", "ban", "reject", "lift"])

    def test_an_empty_note_is_refused(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.post(self.url(), {"action": "note", "text": "  "}, **HTMX)
        self.assertContains(response, "Write the note first.", status_code=400)

    def test_a_moderator_cannot_restrict_themselves(self) -> None:
        self.client.force_login(self.moderator)
        url = reverse("moderation_reader", args=[self.moderator.pk])
        response = self.client.post(url, {"action": "ban", "reason": "other"}, **HTMX)
        self.assertContains(response, "your own account", status_code=400)


class AppealAndNoticeQueueTests(QueueTestCase):
    def test_the_deciding_moderator_cannot_decide_the_appeal_and_another_can(self) -> None:
        comment = self.comment(self.reader, "My comment")
        actions.reject_comment(self.moderator, comment, reason="off_topic")
        statement = comment.decisions.get(action="reject").statement
        appeal = actions.appeal_decision(self.reader, statement, note="It was on topic")
        url = reverse("moderation_appeal", args=[appeal.pk])

        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(queue("appeals")), "another moderator must review")
        response = self.client.post(url, {"outcome": "grant", "explanation": "Mine"}, follow=True)
        self.assertContains(response, "another moderator must review it")
        appeal.refresh_from_db()
        self.assertEqual(appeal.status, "pending")

        self.client.force_login(self.other_moderator)
        response = self.client.post(url, {"outcome": "grant"}, follow=True)
        self.assertContains(response, "Explain the outcome")
        response = self.client.post(
            url, {"outcome": "grant", "explanation": "It was about the quay"}, follow=True
        )
        self.assertContains(response, "granted")
        appeal.refresh_from_db()
        comment.refresh_from_db()
        self.assertEqual((appeal.status, comment.status), (Appeal.Status.GRANTED, "published"))

    def test_a_notice_is_reviewed_then_decided_with_legal_grounds(self) -> None:
        comment = self.comment(self.reader, "Defamatory words")
        notice = send_notice(
            comment=comment,
            comment_url=f"https://example.org/community/comments/{comment.pk}/",
            law="Defamation Act",
            explanation="It accuses me falsely",
            email="notifier@example.org",
        )
        url = reverse("moderation_notice", args=[notice.pk])
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(queue("notices")), "Defamation Act")
        self.client.post(url)
        notice.refresh_from_db()
        self.assertEqual((notice.status, notice.reviewer), ("under_review", self.moderator))
        response = self.client.post(
            url, {"outcome": "remove", "reasoning": "False claim"}, follow=True
        )
        self.assertContains(response, "Name the law the comment breaks.")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                url,
                {
                    "outcome": "remove",
                    "legal_grounds": "Defamation Act 2013 s.1",
                    "reasoning": "False",
                },
            )
        notice.refresh_from_db()
        comment.refresh_from_db()
        self.assertEqual((notice.status, notice.outcome), ("decided", "removed"))
        self.assertEqual(comment.status, "rejected")
        self.assertNotContains(self.client.get(queue("notices")), "Defamation Act 2013")
        self.assertTrue(
            IllegalContentNotice.objects.filter(decision_sent_at__isnull=False).exists()
        )


class QueryCountTests(QueueTestCase):
    """A queue page costs the same number of queries with 2 cards as with 20."""

    def fill(self, n: int) -> None:
        community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
        community.suspect_words = "held"
        community.save()
        readers = [make_user(f"writer{n}_{i}", verified=True) for i in range(n)]
        for i, writer in enumerate(readers):
            parent = self.comment(self.second_reader, f"Parent {n} {i}")
            comment = self.comment(writer, f"Reply {n} {i}", parent=parent)
            for witness in self.witnesses:
                report_comment(witness, comment, reason=self.spam, note=f"note {i}")
            post_comment(writer, self.article, body=f"This is held {n} {i}")
            rejected = self.comment(writer, f"Rejected {n} {i}")
            actions.reject_comment(self.moderator, rejected, reason="spam")
            approved = self.comment(writer, f"Approved {n} {i}")
            actions.approve_comment(self.moderator, approved)
            actions.claim_comment(self.other_moderator, comment)
            statement = rejected.decisions.get(action="reject").statement
            actions.appeal_decision(writer, statement, note="Please")
            send_notice(
                comment=comment, comment_url="https://example.org/x", law="A law", explanation="Why"
            )

    def count(self, slug: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(queue(slug))
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_queue_pages_do_not_grow_with_the_queue(self) -> None:
        self.client.force_login(self.moderator)
        self.client.get(queue("reported"))  # the first admin request of a session does one-off work
        slugs = ("reported", "pending", "unmoderated", "approved", "rejected", "appeals", "notices")
        self.fill(2)
        small = {slug: self.count(slug) for slug in slugs}
        self.fill(12)
        large = {slug: self.count(slug) for slug in slugs}
        self.assertEqual(small, large)
        for slug in slugs:  # and the pinned numbers, so a new per-card query shows up here
            with self.subTest(slug), self.assertNumQueries(small[slug]):
                self.client.get(queue(slug))

    def test_the_reader_panel_does_not_grow_with_the_readers_history(self) -> None:
        self.client.force_login(self.moderator)
        url = reverse("moderation_reader", args=[self.reader.pk])
        for i in range(3):
            comment = self.comment(self.reader, f"Early {i}")
            actions.reject_comment(self.moderator, comment, reason="spam")
            actions.add_note(self.moderator, self.reader, text=f"Note {i}")
        self.client.get(url)  # the first admin request of a session does one-off work
        with CaptureQueriesContext(connection) as small:
            self.client.get(url)
        for i in range(30):
            comment = self.comment(self.reader, f"Later {i}")
            actions.reject_comment(self.moderator, comment, reason="spam")
            actions.add_note(self.moderator, self.reader, text=f"Note {i}")
        with CaptureQueriesContext(connection) as large:
            self.client.get(url)
        self.assertEqual(len(small), len(large))


class GroupSetupTests(QueueTestCase):
    def test_moderation_leads_may_see_personal_data_and_moderators_may_not(self) -> None:
        self.assertTrue(Group.objects.filter(name="Moderation leads").exists())
        self.assertTrue(actions.can_see_personal_data(self.lead))
        self.assertFalse(actions.can_see_personal_data(self.moderator))
