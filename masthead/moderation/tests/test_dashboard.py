"""The oversight dashboard: the queues now, and for the last 7 and 30 days how fast moderators
answer reports, who decides, why readers report, and how often a person overturns a rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine
from django.urls import reverse
from django.utils import timezone

from masthead.accounts.models import User
from masthead.community.actions import post_comment, report_comment, send_notice
from masthead.community.models import Comment, Report, ReportReason
from masthead.community.tests.base import CommunityTestCase, soup, text_of
from masthead.lib.testing import make_user
from masthead.moderation import oversight
from masthead.moderation.actions import (
    appeal_decision,
    approve_comment,
    decide_appeal,
    decide_notice,
    reject_comment,
)
from masthead.moderation.models import Decision, Statement

DASHBOARD = "moderation_dashboard"
MINUTE, HOUR, DAY = dt.timedelta(minutes=1), dt.timedelta(hours=1), dt.timedelta(days=1)


@contextmanager
def at(when: dt.datetime) -> Iterator[None]:
    """For the actions that take no `now`: the clock stands still at `when`."""
    with time_machine.travel(when, tick=False):
        yield


class DashboardCase(CommunityTestCase):
    """The cast, a second moderator (appeals need one who did not decide), and a clock: every
    event is placed at a known time before `self.now`, the moment the dashboard is read."""

    second_moderator: User
    witness: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.second_moderator = make_user(
            "second_moderator", "Moderators", first_name="Sam", last_name="Reyes"
        )
        cls.witness = make_user("witness", verified=True)
        cls.spam = ReportReason.objects.get(code="spam")
        cls.configure(suspect_words="lottery", banned_words="scoundrel")

    def setUp(self) -> None:
        self.now = timezone.now()
        self.posted = 0

    def ago(self, delta: dt.timedelta) -> dt.datetime:
        return self.now - delta

    def post(self, author: User, when: dt.datetime, text: str = "") -> Comment:
        self.posted += 1
        body = f"{text or 'A view on the harbour'} (number {self.posted})"
        posted = post_comment(author, self.article, body=body, now=when)
        assert posted.comment is not None, posted
        return posted.comment

    def report(
        self,
        comment: Comment,
        when: dt.datetime,
        reporter: User | None = None,
        reason: str = "spam",
    ) -> Report:
        with at(when):
            return report_comment(
                reporter or self.witness, comment, reason=ReportReason.objects.get(code=reason)
            )

    def stats(self) -> oversight.Dashboard:
        return oversight.dashboard(now=self.now)


class QueueTests(DashboardCase):
    def test_it_counts_what_waits_for_a_person_now(self) -> None:
        self.post(self.reader, self.ago(HOUR))  # published, never reviewed
        reported = self.post(self.second_reader, self.ago(HOUR))
        self.report(reported, self.ago(MINUTE))  # one report: reported, still up, unreviewed
        self.post(self.reader, self.ago(HOUR), "The lottery will pay")  # held by a rule
        settled = self.post(self.reader, self.ago(HOUR))
        reject_comment(self.moderator, settled, reason="spam", now=self.ago(MINUTE))
        statement = Statement.objects.get(comment=settled)
        appeal_decision(self.reader, statement, note="It was about the quay.")
        send_notice(comment=reported, comment_url="https://x.test/", law="Libel", explanation="…")
        decided = send_notice(comment=None, comment_url="https://y.test/", law="—", explanation="…")
        decide_notice(
            self.moderator, decided, remove=False, legal_grounds="", reasoning="Not ours."
        )

        self.assertEqual(
            self.stats().queues,
            [
                ("Reported comments (open reports)", 1),
                ("Comments held for review", 1),
                ("Published comments no moderator has reviewed", 2),
                ("Appeals awaiting review", 1),
                ("Illegal-content notices not yet decided", 1),
            ],
        )


class ReportWaitTests(DashboardCase):
    def resolved(self, reported_ago: dt.timedelta, wait: dt.timedelta) -> None:
        comment = self.post(self.reader, self.ago(reported_ago + HOUR))
        self.report(comment, self.ago(reported_ago))
        reject_comment(self.moderator, comment, reason="spam", now=self.ago(reported_ago) + wait)

    def test_the_median_is_over_the_reports_resolved_in_each_period(self) -> None:
        self.resolved(3 * DAY, 10 * MINUTE)
        self.resolved(2 * DAY, 30 * MINUTE)
        self.resolved(1 * DAY, 2 * HOUR)
        self.resolved(20 * DAY, 4 * HOUR)
        self.resolved(40 * DAY, 9 * HOUR)  # before both periods
        self.report(self.post(self.reader, self.ago(2 * DAY)), self.ago(DAY))  # still open

        week, month = self.stats().waits
        self.assertEqual((week.median, week.resolved), (30 * MINUTE, 3))
        # An even count: halfway between the two middle waits, 30 minutes and 2 hours.
        self.assertEqual((month.median, month.resolved), (75 * MINUTE, 4))
        self.assertEqual((str(week), str(month)), ("30 min", "1 h 15 min"))

    def test_a_report_is_counted_when_it_was_resolved_not_when_it_was_made(self) -> None:
        self.resolved(10 * DAY, 8 * DAY)  # made 10 days ago, decided 2 days ago
        week, _ = self.stats().waits
        self.assertEqual((week.median, week.resolved), (8 * DAY, 1))
        self.assertEqual(str(week), "8 days 0 h")

    def test_with_nothing_resolved_there_is_no_median(self) -> None:
        week, month = self.stats().waits
        self.assertEqual((week.median, week.resolved), (None, 0))
        self.assertEqual(str(month), "no reports resolved")


class DecisionsPerModeratorTests(DashboardCase):
    def decide(self, moderator: User | None, *ages: dt.timedelta) -> None:
        for age in ages:
            Decision.objects.create(
                moderator=moderator,
                rule="" if moderator else "screening",
                action=Decision.Action.APPROVE if moderator else Decision.Action.PUBLISH,
                created_at=self.ago(age),
            )

    def test_it_counts_each_moderators_decisions_most_active_first(self) -> None:
        self.decide(self.moderator, DAY, 2 * DAY, 3 * DAY, 20 * DAY, 45 * DAY)
        self.decide(self.second_moderator, DAY, *[10 * DAY] * 5)
        self.decide(None, DAY, DAY, DAY)  # rules are not moderators

        self.assertEqual(
            self.stats().moderators,
            [
                oversight.Tally("Sam Reyes", (1, 6)),
                oversight.Tally("moderator", (3, 4)),
            ],
        )

    def test_it_lists_the_twenty_most_active(self) -> None:
        for n in range(1, 23):
            self.decide(make_user(f"moderator_{n:02d}", "Moderators"), *[DAY] * n)
        listed = self.stats().moderators
        self.assertEqual(len(listed), 20)
        self.assertEqual(listed[0], oversight.Tally("moderator_22", (22, 22)))
        self.assertEqual(listed[-1].label, "moderator_03")


class ReportsByReasonTests(DashboardCase):
    def test_it_counts_reports_by_the_reason_readers_gave(self) -> None:
        first = self.post(self.reader, self.ago(30 * DAY))
        second = self.post(self.reader, self.ago(30 * DAY))
        self.report(first, self.ago(DAY), self.witness, "spam")
        self.report(first, self.ago(2 * DAY), self.second_reader, "abusive")
        self.report(second, self.ago(3 * DAY), self.witness, "spam")
        self.report(second, self.ago(20 * DAY), self.second_reader, "spam")
        self.report(second, self.ago(25 * DAY), self.moderator, "disagree")
        self.report(first, self.ago(40 * DAY), self.moderator, "hate")  # before both periods

        self.assertEqual(
            self.stats().reasons,
            [
                oversight.Tally("Spam or advertising", (2, 3)),
                oversight.Tally("Abusive or harassing", (1, 1)),
                oversight.Tally("I just disagree", (0, 1)),
            ],
        )


class OverturnedTests(DashboardCase):
    def held(self, age: dt.timedelta) -> Comment:
        comment = self.post(self.reader, self.ago(age), "Buy a lottery ticket")
        self.assertEqual(comment.status, Comment.Status.PENDING)
        return comment

    def test_it_is_the_share_of_comments_a_rule_stopped_that_a_moderator_let_through(self) -> None:
        approve_comment(self.moderator, self.held(2 * DAY), now=self.ago(2 * DAY - HOUR))
        reject_comment(self.moderator, self.held(DAY), reason="spam", now=self.ago(DAY - HOUR))
        self.held(HOUR)  # still waiting
        rejected = self.post(self.reader, self.ago(4 * DAY), "You scoundrel")
        self.assertEqual(rejected.status, Comment.Status.REJECTED)
        approve_comment(self.moderator, rejected, now=self.ago(4 * DAY - HOUR))  # restored
        approve_comment(self.second_moderator, self.held(15 * DAY), now=self.ago(14 * DAY))
        self.held(40 * DAY)  # before both periods

        week, month = self.stats().overturned
        self.assertEqual((week.part, week.whole), (2, 4))
        self.assertEqual((month.part, month.whole), (3, 5))
        self.assertEqual((str(week), str(month)), ("2 of 4 (50%)", "3 of 5 (60%)"))

    def test_a_comment_held_by_a_rule_twice_counts_once(self) -> None:
        comment = self.held(3 * DAY)
        Decision.objects.create(
            comment=comment, rule="toxicity", action="hold", created_at=self.ago(2 * DAY)
        )
        approve_comment(self.moderator, comment, now=self.ago(DAY))
        week, _ = self.stats().overturned
        self.assertEqual((week.part, week.whole), (1, 1))

    def test_an_approval_before_the_rule_held_it_does_not_count(self) -> None:
        comment = self.post(self.reader, self.ago(3 * DAY))
        approve_comment(self.moderator, comment, now=self.ago(2 * DAY))
        Decision.objects.create(
            comment=comment, rule="reports", action="hold", created_at=self.ago(DAY)
        )
        week, _ = self.stats().overturned
        self.assertEqual((week.part, week.whole), (0, 1))

    def test_with_nothing_stopped_there_is_no_share(self) -> None:
        week, _ = self.stats().overturned
        self.assertIsNone(week.percent)
        self.assertEqual(str(week), "none in this period")


class AppealTests(DashboardCase):
    def appealed(self, age: dt.timedelta) -> Statement:
        comment = self.post(self.reader, self.ago(age + HOUR))
        reject_comment(self.moderator, comment, reason="off_topic", now=self.ago(age))
        statement = Statement.objects.get(comment=comment)
        appeal_decision(self.reader, statement, note="It was about the quay.")
        return statement

    def test_it_counts_appeals_granted_out_of_appeals_decided(self) -> None:
        for age, grant in ((2 * DAY, True), (3 * DAY, False), (20 * DAY, False)):
            appeal = self.appealed(age + HOUR).appeal
            decide_appeal(self.second_moderator, appeal, grant=grant, now=self.ago(age))
        self.appealed(DAY)  # not decided yet

        week, month = self.stats().appeals
        self.assertEqual((str(week), str(month)), ("1 of 2 (50%)", "1 of 3 (33.3%)"))


class DashboardViewTests(DashboardCase):
    def get(self):  # type: ignore[no-untyped-def]
        return self.client.get(reverse(DASHBOARD))

    def test_moderators_and_superusers_see_it(self) -> None:
        admin = make_user("chief", is_superuser=True, is_staff=True)
        for user in (self.moderator, admin):
            self.client.force_login(user)
            self.assertEqual(self.get().status_code, 200)

    def test_editors_are_sent_back_to_the_admin_home(self) -> None:
        self.client.force_login(self.editor)
        self.assertRedirects(
            self.get(), reverse("wagtailadmin_home"), fetch_redirect_response=False
        )

    def test_readers_and_strangers_are_sent_to_sign_in(self) -> None:
        for user in (self.reader, None):
            self.client.logout()
            if user is not None:
                self.client.force_login(user)
            response = self.get()
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def build(self, scale: int) -> None:
        """Some of everything the dashboard counts, `scale` times over."""
        for n in range(scale):
            comment = self.post(self.reader, self.ago(2 * DAY))
            self.report(comment, self.ago(DAY), self.second_reader)
            self.report(comment, self.ago(DAY), self.witness, "abusive")
            moderator = self.moderator if n % 2 else self.second_moderator
            reject_comment(moderator, comment, reason="spam", now=self.ago(HOUR))
            held = self.post(self.second_reader, self.ago(DAY), "The lottery again")
            approve_comment(self.moderator, held, now=self.ago(HOUR))
            moderator = make_user(f"moderator_{scale}_{n}", "Moderators")
            Decision.objects.create(moderator=moderator, action="approve", created_at=self.ago(DAY))

    def test_it_shows_each_figure_for_both_periods_side_by_side(self) -> None:
        self.build(2)
        self.client.force_login(self.moderator)
        page = soup(self.get())
        speed = page.select_one("table#speed")
        headers = [text_of(th) for th in speed.select("thead th")]  # type: ignore[union-attr]
        self.assertEqual(headers, ["Measure", "Last 7 days", "Last 30 days"])
        cells = [
            [text_of(cell) for cell in tr.select("th, td")]
            for tr in speed.select("tbody tr")  # type: ignore[union-attr]
        ]
        self.assertEqual(cells[0][1:], ["23 h 00 min (4 reports)", "23 h 00 min (4 reports)"])
        self.assertEqual(cells[1][1:], ["2 of 2 (100%)", "2 of 2 (100%)"])
        self.assertEqual(cells[2][1:], ["none in this period", "none in this period"])
        reasons = page.select("table#reasons tbody tr")
        self.assertEqual(
            [[text_of(cell) for cell in tr.select("th, td")] for tr in reasons],
            [["Abusive or harassing", "2", "2"], ["Spam or advertising", "2", "2"]],
        )
        self.assertIn("Sam Reyes", text_of(page.select_one("table#moderators")))

    def test_readers_email_addresses_are_never_shown(self) -> None:
        self.build(2)
        self.client.force_login(self.moderator)
        content = self.get().content
        for reader in (self.reader, self.second_reader, self.witness):
            self.assertNotIn(reader.email.encode(), content)

    def test_it_costs_the_same_queries_with_little_or_much_to_count(self) -> None:
        self.build(1)
        self.client.force_login(self.moderator)
        self.get()  # warm what is cached per process
        with self.assertNumQueries(QUERIES_PER_DASHBOARD):
            self.get()
        self.build(12)
        with self.assertNumQueries(QUERIES_PER_DASHBOARD):
            response = self.get()
        self.assertEqual(len(soup(response).select("table#moderators tbody tr")), 15)


# Session, user, the user's two kinds of permissions and Wagtail profile (5); the comment queues,
# appeals pending, notices open (3); report waits: counts, then the middle of each period (3);
# decisions per moderator, reports by reason, rules overturned, appeals decided (4); the admin
# menu's locale and permission checks (4).
QUERIES_PER_DASHBOARD = 19
