"""A reader's statement of reasons, and the appeal they send from it."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Site

from masthead.accounts.models import Notification
from masthead.community.tests.base import CommunityTestCase, soup, text_of
from masthead.lib.testing import make_user
from masthead.moderation.actions import (
    ban_reader,
    decide_appeal,
    reject_comment,
    suspend_reader,
)
from masthead.moderation.forms import APPEAL_MAX_LENGTH
from masthead.moderation.models import Appeal, ModerationSettings, Standing, Statement


def day(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def kept_text(response) -> str:  # type: ignore[no-untyped-def]
    """What the appeal's textarea holds (browsers drop the newline Django puts first)."""
    textarea = soup(response).select_one("textarea[name=note]")
    assert textarea is not None, "no appeal textarea"
    return textarea.get_text().removeprefix("\n")


class StatementTestCase(CommunityTestCase):
    """The shared cast, plus a comment of the reader's that the moderator removed:

    - mine: the reader's comment, with markup in it, rejected as abusive with an explanation
    - statement: the statement of reasons the rejection wrote to the reader
    - second_moderator: may moderate; did not take the decision, so may decide its appeal
    """

    mine_text = "The <b>mayor</b> is a disgrace & should resign."

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.second_moderator = make_user("second_moderator", "Moderators")
        cls.mine = cls.comment(cls.reader, cls.mine_text)
        reject_comment(
            cls.moderator, cls.mine, reason="abusive", explanation="It insults a named person."
        )
        cls.statement = Statement.objects.get(comment=cls.mine)
        cls.url = f"/moderation/statements/{cls.statement.pk}/"
        cls.appeal_url = f"{cls.url}appeal/"
        settings = ModerationSettings.for_site(Site.objects.get(is_default_site=True))
        settings.appeal_info = "Ask us to look again: the desk answers within a week."
        settings.redress_info = "You may also go to the Harwick dispute board."
        settings.save()

    def send_appeal(self, note: str):  # type: ignore[no-untyped-def]
        return self.client.post(self.appeal_url, {"note": note})


class StatementPageTests(StatementTestCase):
    def test_its_reader_sees_what_was_decided_why_and_how_to_appeal(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertEqual(text_of(page.select_one("h1")), "Your comment was removed")
        self.assertEqual(
            [text_of(h) for h in page.select("h2")],
            [
                "What we decided",
                "The facts",
                "Why",
                "Your comment as you wrote it",
                "How to appeal",
                "Other ways to challenge this decision",
            ],
        )
        self.assertContains(response, "was removed from public view")
        self.assertContains(
            response, "The moderator&#x27;s explanation: It insults a named person."
        )
        self.assertContains(response, "Our community guidelines do not allow abuse")
        self.assertEqual(
            text_of(page.select_one(".statement__automated")), "Automated decision: no"
        )
        self.assertContains(response, "Ask us to look again: the desk answers within a week.")
        self.assertIn(day(self.statement.appeal_until), text_of(page.select_one("#appeal")))
        self.assertContains(response, "You may also go to the Harwick dispute board.")
        form = page.select_one(f"form[action='{self.appeal_url}']")
        self.assertIsNotNone(form)
        self.assertEqual(
            text_of(form.select_one("label[for=id_note]")), "Why do you think we got this wrong?"
        )

    def test_the_comment_is_shown_as_written_never_as_markup(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get(self.url)
        quoted = soup(response).select_one(".statement__comment")
        self.assertEqual(text_of(quoted), self.mine_text)
        self.assertIsNone(quoted.select_one("b"))
        self.assertContains(response, "The &lt;b&gt;mayor&lt;/b&gt; is a disgrace &amp; should")

    def test_another_reader_finds_nothing_there(self) -> None:
        self.client.force_login(self.second_reader)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.force_login(self.moderator)  # the back office shows it, not this page
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_signed_out_visitor_is_asked_to_sign_in(self) -> None:
        self.assertRedirects(
            self.client.get(self.url),
            f"/accounts/login/?next={self.url}",
            fetch_redirect_response=False,
        )

    def test_opening_it_reads_its_notification_and_no_other(self) -> None:
        other = Notification.objects.create(
            reader=self.reader, kind=Notification.Kind.REPORT_OUTCOME, title="Other", body="."
        )
        self.client.force_login(self.reader)
        self.client.get(self.url)
        statement_notice = Notification.objects.get(reader=self.reader, link=self.url)
        self.assertIsNotNone(statement_notice.read_at)
        other.refresh_from_db()
        self.assertIsNone(other.read_at)

    def test_a_decision_by_a_rule_says_it_was_automated(self) -> None:
        self.configure(banned_words="scoundrel")
        posted = self.comment_rejected("You scoundrel.")
        statement = Statement.objects.get(comment=posted)
        self.client.force_login(self.reader)
        page = soup(self.client.get(f"/moderation/statements/{statement.pk}/"))
        self.assertEqual(
            text_of(page.select_one(".statement__automated")), "Automated decision: yes"
        )
        self.assertIn("taken automatically", text_of(page))

    def comment_rejected(self, text: str):  # type: ignore[no-untyped-def]
        from masthead.community.actions import post_comment

        posted = post_comment(self.reader, self.article, body=text)
        assert posted.outcome == "rejected" and posted.comment is not None, posted
        return posted.comment

    def test_a_suspension_is_headed_as_one_and_quotes_no_comment(self) -> None:
        suspend_reader(
            self.moderator,
            self.second_reader,
            until=timezone.now() + dt.timedelta(days=7),
            reason="harassment",
        )
        statement = Statement.objects.get(reader=self.second_reader)
        self.client.force_login(self.second_reader)
        page = soup(self.client.get(f"/moderation/statements/{statement.pk}/"))
        self.assertEqual(
            text_of(page.select_one("h1")), "Your account is suspended from commenting"
        )
        self.assertIsNone(page.select_one(".statement__comment"))

    def test_after_the_deadline_it_says_the_time_to_appeal_has_passed(self) -> None:
        with time_machine.travel(self.statement.appeal_until + dt.timedelta(minutes=1)):
            self.client.force_login(self.reader)  # the old session has long expired
            page = soup(self.client.get(self.url))
        self.assertIsNone(page.select_one("textarea"))
        self.assertIn(
            f"The time to appeal this decision ended on {day(self.statement.appeal_until)}",
            text_of(page.select_one(".statement__closed")),
        )


class AppealTests(StatementTestCase):
    def test_a_reader_appeals_and_is_told_it_reached_the_moderators(self) -> None:
        self.client.force_login(self.reader)
        response = self.send_appeal("  I was quoting the council's own report.  ")
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        appeal = Appeal.objects.get(statement=self.statement)
        self.assertEqual(
            (appeal.reader, appeal.note, appeal.status),
            (self.reader, "I was quoting the council's own report.", Appeal.Status.PENDING),
        )
        page = soup(self.client.get(self.url))
        self.assertIn(
            "Your appeal has reached our moderators", text_of(page.select_one(".messages"))
        )
        self.assertIn("Status: awaiting review", text_of(page.select_one(".statement__appealed")))
        self.assertIn("I was quoting the council", text_of(page.select_one(".statement__appealed")))
        self.assertIsNone(page.select_one("textarea"), "one appeal only: the form is gone")

    def test_an_empty_appeal_is_refused_with_a_reason(self) -> None:
        self.client.force_login(self.reader)
        for note in ("", "   \n  "):
            response = self.send_appeal(note)
            self.assertContains(
                response, "Tell us why you think the decision was wrong.", status_code=400
            )
        self.assertFalse(Appeal.objects.exists())

    def test_a_too_long_appeal_is_refused_and_the_text_kept(self) -> None:
        self.client.force_login(self.reader)
        note = "The ferry. " * (APPEAL_MAX_LENGTH // 10)
        response = self.send_appeal(note)
        self.assertContains(
            response,
            f"Please shorten your appeal to {APPEAL_MAX_LENGTH} characters",
            status_code=400,
        )
        self.assertEqual(kept_text(response), note)
        self.assertEqual(soup(response).select_one("textarea")["aria-invalid"], "true")
        self.assertFalse(Appeal.objects.exists())

    def test_a_second_appeal_is_refused_and_its_text_kept(self) -> None:
        self.client.force_login(self.reader)
        self.send_appeal("I was quoting the council's own report.")
        response = self.send_appeal("And another thing.")
        self.assertContains(response, "You have already appealed this decision.", status_code=400)
        self.assertEqual(kept_text(response), "And another thing.")
        self.assertIsNone(soup(response).select_one(".statement__form button"), "nothing to send")
        self.assertEqual(
            list(Appeal.objects.values_list("note", flat=True)),
            ["I was quoting the council's own report."],
        )

    def test_an_appeal_after_the_deadline_is_refused_and_its_text_kept(self) -> None:
        with time_machine.travel(self.statement.appeal_until + dt.timedelta(seconds=1)):
            self.client.force_login(self.reader)  # the old session has long expired
            response = self.send_appeal("Sorry I am late.")
        self.assertContains(
            response, "The time to appeal this decision has passed.", status_code=400
        )
        self.assertEqual(kept_text(response), "Sorry I am late.")
        self.assertFalse(Appeal.objects.exists())

    def test_a_reader_cannot_appeal_someone_elses_decision(self) -> None:
        self.client.force_login(self.second_reader)
        self.assertEqual(self.send_appeal("Let them speak.").status_code, 404)
        self.assertFalse(Appeal.objects.exists())

    def test_a_signed_out_visitor_is_sent_to_sign_in_and_back_to_the_statement(self) -> None:
        self.assertRedirects(
            self.send_appeal("Please."),
            f"/accounts/login/?next={self.url}",
            fetch_redirect_response=False,
        )
        self.assertFalse(Appeal.objects.exists())

    def test_an_appeal_only_takes_a_post(self) -> None:
        self.client.force_login(self.reader)
        self.assertEqual(self.client.get(self.appeal_url).status_code, 405)

    def test_the_outcome_and_explanation_show_once_decided(self) -> None:
        self.client.force_login(self.reader)
        self.send_appeal("I was quoting the council's own report.")
        decide_appeal(
            self.second_moderator,
            Appeal.objects.get(),
            grant=True,
            explanation="It quotes the report word for word.",
        )
        page = soup(self.client.get(self.url))
        appealed = text_of(page.select_one(".statement__appealed"))
        self.assertIn("Status: decision reversed", appealed)
        self.assertIn("We looked again and reversed the decision.", appealed)
        self.assertIn("It quotes the report word for word.", appealed)
        self.assertIsNone(page.select_one("textarea"))

    def test_a_refused_appeal_says_the_decision_stands(self) -> None:
        self.client.force_login(self.reader)
        self.send_appeal("It was fair comment.")
        decide_appeal(self.second_moderator, Appeal.objects.get(), grant=False)
        appealed = text_of(soup(self.client.get(self.url)).select_one(".statement__appealed"))
        self.assertIn("Status: decision upheld", appealed)
        self.assertIn("We looked again, and the decision stands.", appealed)


class AppealOfOneRestrictionTests(StatementTestCase):
    def test_winning_an_appeal_against_a_suspension_leaves_a_later_ban_in_place(self) -> None:
        suspend_reader(
            self.moderator,
            self.second_reader,
            until=timezone.now() + dt.timedelta(days=7),
            reason="harassment",
        )
        suspension = Statement.objects.get(reader=self.second_reader)
        ban_reader(self.moderator, self.second_reader, reason="harassment")
        self.client.force_login(self.second_reader)
        self.client.post(
            f"/moderation/statements/{suspension.pk}/appeal/", {"note": "I was provoked."}
        )
        decide_appeal(self.second_moderator, Appeal.objects.get(), grant=True)
        standing = Standing.objects.get(reader=self.second_reader)
        self.assertFalse(standing.suspended())
        self.assertTrue(standing.banned)
