"""The audit log in the admin: who decided what and why, filtered, paged and exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.urls import reverse
from django.utils import timezone

from masthead.community.actions import post_comment, report_comment
from masthead.community.models import ReportReason
from masthead.community.tests.base import CommunityTestCase, soup, text_of
from masthead.lib.testing import make_user
from masthead.moderation.actions import approve_comment, reject_comment
from masthead.moderation.models import Decision

AUDIT = "moderation_audit"


def rows(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The ids of the decisions listed, top to bottom."""
    return [tr["id"].removeprefix("decision-") for tr in soup(response).select("tbody tr[id]")]


def exported(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


class AuditScreenTests(CommunityTestCase):
    """The cast decides a little: a rule holds one comment, the moderator rejects another and
    approves the held one after a reader reports it."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.configure(suspect_words="lottery")
        cls.quay = cls.comment(cls.reader, "The quay plan finally makes sense after all.")
        held = post_comment(cls.second_reader, cls.article, body="The lottery pays for the quay.")
        assert held.comment is not None
        cls.held = held.comment
        cls.hold = Decision.objects.get(comment=cls.held, action=Decision.Action.HOLD)
        report_comment(cls.second_reader, cls.quay, reason=ReportReason.objects.get(code="spam"))
        reject_comment(
            cls.moderator, cls.quay, reason="off_topic", explanation="About ferries, not the quay."
        )
        cls.rejection = Decision.objects.get(comment=cls.quay, action=Decision.Action.REJECT)
        approve_comment(cls.moderator, cls.held)
        cls.approval = Decision.objects.get(comment=cls.held, action=Decision.Action.APPROVE)
        cls.admin = make_user("chief", is_superuser=True, is_staff=True)

    def get(self, **params: str):  # type: ignore[no-untyped-def]
        return self.client.get(reverse(AUDIT), params)

    # Who may look ------------------------------------------------------------------------------

    def test_a_moderator_sees_every_decision_newest_first(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get()
        self.assertEqual(response.status_code, 200)
        listed = rows(response)
        self.assertEqual(len(listed), Decision.objects.count())
        self.assertEqual(listed[0], str(self.approval.pk))
        newest_first = Decision.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)
        self.assertEqual(listed, [str(pk) for pk in newest_first])

    def test_a_superuser_sees_it_too(self) -> None:
        self.client.force_login(self.admin)
        self.assertEqual(self.get().status_code, 200)

    def test_editors_are_sent_back_to_the_admin_home(self) -> None:
        self.client.force_login(self.editor)
        response = self.get()
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)

    def test_readers_and_strangers_are_sent_to_sign_in(self) -> None:
        for user in (self.reader, None):
            self.client.logout()
            if user is not None:
                self.client.force_login(user)
            response = self.get()
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_editors_and_readers_cannot_download_it_either(self) -> None:
        for user in (self.editor, self.reader):
            self.client.force_login(user)
            response = self.get(export="csv")
            self.assertEqual(response.status_code, 302)
            self.assertFalse(response.streaming)

    # What a row says -----------------------------------------------------------------------------

    def test_a_row_names_the_moderator_the_reason_the_comment_and_the_explanation(self) -> None:
        self.client.force_login(self.moderator)
        row = soup(self.get()).select_one(f"#decision-{self.rejection.pk}")
        cells = [text_of(td) for td in row.select("td")]  # type: ignore[union-attr]
        self.assertEqual(cells[1:4], ["moderator", "rejected", "Off topic"])
        self.assertIn("The quay plan finally makes sense", cells[4])
        self.assertIn("by Reader", cells[4])
        self.assertEqual(cells[5], "About ferries, not the quay.")
        link = row.select_one("a")  # type: ignore[union-attr]
        self.assertEqual(link["href"], reverse("community:permalink", args=[self.quay.pk]))  # type: ignore[index]

    def test_a_rule_is_named_as_a_rule_with_the_word_it_matched(self) -> None:
        self.client.force_login(self.moderator)
        row = soup(self.get()).select_one(f"#decision-{self.hold.pk}")
        cells = [text_of(td) for td in row.select("td")]  # type: ignore[union-attr]
        self.assertEqual(cells[1:4], ["rule: suspect_words", "held for review", "Suspect word"])
        self.assertEqual(cells[5], "matched “lottery”")

    def test_a_decision_about_a_reader_names_the_reader(self) -> None:
        Decision.objects.create(
            subject=self.reader,
            moderator=self.moderator,
            action=Decision.Action.WARN,
            detail={"message": "Keep it civil."},
        )
        self.client.force_login(self.moderator)
        first = soup(self.get()).select_one("tbody tr")
        cells = [text_of(td) for td in first.select("td")]  # type: ignore[union-attr]
        self.assertEqual(cells[2:], ["warned", "—", "Reader: Reader", "Keep it civil."])

    def test_readers_email_addresses_are_never_shown(self) -> None:
        self.client.force_login(self.moderator)
        for response in (self.get(), self.get(export="csv")):
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            self.assertNotIn(b"reader@example.org", content)
            self.assertNotIn(b"second_reader@example.org", content)

    # Filters -------------------------------------------------------------------------------------

    def test_it_filters_by_moderator(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(moderator=str(self.moderator.pk))
        self.assertEqual(rows(response), [str(self.approval.pk), str(self.rejection.pk)])

    def test_automatic_means_every_decision_a_rule_took(self) -> None:
        self.client.force_login(self.moderator)
        listed = rows(self.get(moderator="automatic"))
        automatic = Decision.objects.exclude(rule="").order_by("-created_at", "-pk")
        self.assertEqual(listed, [str(d.pk) for d in automatic])
        self.assertIn(str(self.hold.pk), listed)
        self.assertNotIn(str(self.rejection.pk), listed)

    def test_the_moderator_choices_are_those_who_decided_anything(self) -> None:
        make_user("idle_moderator", "Moderators")
        self.client.force_login(self.moderator)
        options = soup(self.get()).select("select[name=moderator] option")
        self.assertEqual(
            [o.get_text() for o in options],
            ["Anyone or any rule", "Automatic (a rule)", "moderator"],
        )

    def test_it_filters_by_action_and_reason(self) -> None:
        self.client.force_login(self.moderator)
        self.assertEqual(rows(self.get(action="reject")), [str(self.rejection.pk)])
        self.assertEqual(rows(self.get(reason="suspect_words")), [str(self.hold.pk)])
        self.assertEqual(rows(self.get(action="approve", reason="off_topic")), [])
        self.assertContains(self.get(action="ban"), "No decisions match these filters.")

    def test_it_filters_by_days_in_the_newsroom_time_zone_both_ends_included(self) -> None:
        def on(day: int, hour: int, minute: int = 0) -> Decision:
            when = timezone.make_aware(dt.datetime(2025, 3, day, hour, minute))
            return Decision.objects.create(
                comment=self.quay, moderator=self.moderator, action="feature", created_at=when
            )

        before, first, last, after = on(9, 23, 59), on(10, 0), on(12, 23, 59), on(13, 0)
        self.client.force_login(self.moderator)
        listed = rows(self.get(date_from="2025-03-10", date_to="2025-03-12"))
        self.assertEqual(listed, [str(last.pk), str(first.pk)])
        self.assertNotIn(str(before.pk), rows(self.get(date_from="2025-03-10")))
        self.assertNotIn(str(after.pk), rows(self.get(date_to="2025-03-12")))

    def test_a_date_it_cannot_read_is_a_form_error_and_lists_nothing(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(date_from="yesterday")
        self.assertContains(response, "Enter a date as YYYY-MM-DD", status_code=400)
        self.assertContains(response, "These filters could not be applied", status_code=400)
        self.assertEqual(rows(response), [])

    def test_an_unknown_action_is_a_form_error(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(action="explode")
        self.assertContains(
            response, "Select a valid choice. explode is not one of", status_code=400
        )

    def test_an_unknown_moderator_is_a_form_error(self) -> None:
        self.client.force_login(self.moderator)
        for value in ("999999", "someone"):
            self.assertEqual(self.get(moderator=value).status_code, 400)

    def test_a_range_that_ends_before_it_starts_is_a_form_error(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(date_from="2025-03-12", date_to="2025-03-10")
        self.assertContains(response, "The end date is before the start date.", status_code=400)

    def test_a_download_with_bad_filters_is_refused_rather_than_exporting_everything(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(date_to="tomorrow", export="csv")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(response.streaming)
        self.assertContains(response, "Enter a date as YYYY-MM-DD", status_code=400)

    # Paging, export, cost ------------------------------------------------------------------------

    def bulk(self, count: int, *, action: str = "feature") -> list[Decision]:
        start = timezone.now()
        return [
            Decision.objects.create(
                comment=self.quay,
                subject=self.reader,
                moderator=self.moderator,
                action=action,
                detail={"n": n},
                created_at=start + dt.timedelta(seconds=n + 1),
            )
            for n in range(count)
        ]

    def test_it_pages_by_fifty_keeping_the_filters_in_the_page_links(self) -> None:
        self.bulk(60)
        self.client.force_login(self.moderator)
        response = self.get(action="feature")
        self.assertEqual(len(rows(response)), 50)
        next_link = soup(response).select_one("nav.pagination li.next a")
        self.assertIn("action=feature", next_link["href"])  # type: ignore[index]
        self.assertIn("p=2", next_link["href"])  # type: ignore[index]
        self.assertEqual(len(rows(self.get(action="feature", p="2"))), 10)

    def test_the_csv_streams_every_filtered_row_not_just_a_page(self) -> None:
        made = self.bulk(60)
        self.bulk(3, action="unfeature")
        self.client.force_login(self.moderator)
        response = self.get(action="feature", p="2", export="csv")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.streaming)
        self.assertEqual(response["Content-Type"], "text/csv")
        self.assertIn("moderation-log.csv", response["Content-Disposition"])
        lines = exported(response)
        self.assertEqual(len(lines), 60)
        self.assertEqual([int(line["id"]) for line in lines], [d.pk for d in reversed(made)])

    def test_the_csv_columns_are_plain_values_dates_in_iso_and_detail_as_json(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(action="reject", export="csv")
        body = b"".join(response.streaming_content).decode()
        header = body.splitlines()[0]
        self.assertEqual(
            header, "id,created_at,moderator,rule,action,reason,comment_id,reader_id,detail"
        )
        (line,) = list(csv.DictReader(io.StringIO(body)))
        self.assertEqual(line["id"], str(self.rejection.pk))
        self.assertEqual(dt.datetime.fromisoformat(line["created_at"]), self.rejection.created_at)
        self.assertEqual(
            [line[k] for k in ("moderator", "rule", "action", "reason")],
            ["moderator", "", "reject", "off_topic"],
        )
        self.assertEqual(line["comment_id"], str(self.quay.pk))
        self.assertEqual(line["reader_id"], str(self.reader.pk))
        self.assertEqual(
            json.loads(line["detail"]), {"explanation": "About ferries, not the quay."}
        )

    def test_a_rule_decision_exports_its_rule_and_no_moderator(self) -> None:
        self.client.force_login(self.moderator)
        (line,) = exported(self.get(reason="suspect_words", export="csv"))
        self.assertEqual((line["moderator"], line["rule"]), ("", "suspect_words"))
        self.assertEqual(json.loads(line["detail"]), {"matched": "lottery"})

    def test_it_also_exports_an_excel_workbook(self) -> None:
        self.client.force_login(self.moderator)
        response = self.get(export="xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    def test_the_download_links_carry_the_filters_but_not_the_page(self) -> None:
        self.bulk(60)
        self.client.force_login(self.moderator)
        page = soup(self.get(action="feature", p="2"))
        links = {a.get_text(): a["href"] for a in page.select(".oversight-downloads a")}
        self.assertIn("action=feature", links["CSV"])
        self.assertIn("export=csv", links["CSV"])
        self.assertNotIn("p=2", links["CSV"])
        self.assertIn("export=xlsx", links["Excel (XLSX)"])

    def test_a_page_costs_the_same_queries_with_five_decisions_or_forty(self) -> None:
        self.bulk(5 - Decision.objects.count())
        self.client.force_login(self.moderator)
        self.get()  # warm what is cached per process (content types, the site)
        with self.assertNumQueries(QUERIES_PER_PAGE):
            self.assertEqual(len(rows(self.get())), 5)
        self.bulk(35)
        with self.assertNumQueries(QUERIES_PER_PAGE):
            self.assertEqual(len(rows(self.get())), 40)


# Session, user, the user's two kinds of permissions and Wagtail profile (5); the moderator
# choices, the count, the page of decisions with their people and comments (3); the admin menu's
# locale and permission checks (4).
QUERIES_PER_PAGE = 12
