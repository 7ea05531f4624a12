"""manage.py reconcile_contributions: Stripe's records (through a fake wrapper) repair ours."""

from __future__ import annotations

import datetime as dt
import io
import time
from typing import Any
from unittest import mock

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from masthead.support import stripe_client
from masthead.support.models import Contribution
from masthead.support.tests.base import SupportTestCase, invoice, session, subscription


class FakeStripe:
    """Stands in for the wrapper's listing functions."""

    def __init__(self, sessions: list[dict], invoices: list[dict], subscriptions: list[dict]):
        self.data = {"sessions": sessions, "invoices": invoices, "subscriptions": subscriptions}
        self.since: list[dt.datetime] = []

    def patch(self) -> Any:
        def lister(name: str) -> Any:
            def listed(since: dt.datetime) -> list[dict]:
                self.since.append(since)
                return self.data[name]

            return listed

        return mock.patch.multiple(
            stripe_client,
            recent_checkout_sessions=lister("sessions"),
            recent_paid_invoices=lister("invoices"),
            recent_subscriptions=lister("subscriptions"),
        )


def run(days: int = 3) -> str:
    out = io.StringIO()
    call_command("reconcile_contributions", days=days, stdout=out, stderr=io.StringIO())
    return out.getvalue()


class ReconcileTests(SupportTestCase):
    def test_it_repairs_what_the_webhook_missed_and_only_once(self) -> None:
        missed = self.pending(reader=self.reader, amount=1500)
        expired = self.pending(email="gone@example.org")
        monthly = self.pending(email="m@example.org", frequency="monthly", amount=500)
        fake = FakeStripe(
            sessions=[
                session(missed),
                session(expired, status="expired", payment_status="unpaid"),
                session(monthly),
            ],
            invoices=[invoice(monthly, 1, reason="subscription_create"), invoice(monthly, 2)],
            subscriptions=[subscription(monthly, "past_due")],
        )
        with fake.patch(), self.captureOnCommitCallbacks(execute=True):
            out = run(days=5)
        self.assertIn("repaired", out)
        missed.refresh_from_db()
        expired.refresh_from_db()
        monthly.refresh_from_db()
        self.assertEqual(missed.status, "paid")
        self.assertEqual(expired.status, "canceled")
        self.assertEqual(monthly.status, "paid")
        self.assertEqual(monthly.subscription_status, "past_due")
        self.assertEqual(Contribution.objects.filter(renewal_of=monthly, status="paid").count(), 1)
        self.assertTrue(self.reader.supporter.is_current())
        receipts = len(mail.outbox)
        self.assertEqual(receipts, 3)
        self.assertAlmostEqual(
            fake.since[0].timestamp(), (timezone.now() - dt.timedelta(days=5)).timestamp(), delta=60
        )
        with fake.patch(), self.captureOnCommitCallbacks(execute=True):
            again = run()
        self.assertIn("repaired 0", again)
        self.assertEqual(Contribution.objects.count(), 4)
        self.assertEqual(len(mail.outbox), receipts)

    def test_a_contribution_abandoned_before_checkout_is_cancelled(self) -> None:
        stale = self.pending()
        Contribution.objects.filter(pk=stale.pk).update(
            created_at=timezone.now() - dt.timedelta(days=2)
        )
        fresh = self.pending()
        with FakeStripe([], [], []).patch():
            run()
        stale.refresh_from_db()
        fresh.refresh_from_db()
        self.assertEqual((stale.status, fresh.status), ("canceled", "pending"))

    def test_an_amount_out_of_range_is_reported_and_stored_nothing(self) -> None:
        contribution = self.pending()
        fake = FakeStripe([session(contribution, amount_total=99_999_999)], [], [])
        err = io.StringIO()
        with fake.patch(), self.assertRaises(CommandError):
            call_command("reconcile_contributions", stdout=io.StringIO(), stderr=err)
        self.assertIn("outside the range", err.getvalue())
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "pending")

    def test_without_a_key_it_says_there_is_nothing_to_reconcile(self) -> None:
        with (
            self.settings(STRIPE_SECRET_KEY=""),
            self.assertRaisesMessage(CommandError, "Nothing to reconcile"),
        ):
            run()

    def test_days_must_be_positive(self) -> None:
        with self.assertRaises(CommandError):
            run(days=0)

    def test_stripe_being_down_is_a_clear_error(self) -> None:
        with (
            mock.patch.object(
                stripe_client,
                "recent_checkout_sessions",
                side_effect=stripe_client.StripeUnavailable("timeout"),
            ),
            self.assertRaisesMessage(CommandError, "Stripe could not be reached"),
        ):
            run()

    def test_subscription_data_is_newer_than_any_late_event(self) -> None:
        monthly = self.pending(email="m@example.org", frequency="monthly", amount=500)
        fake = FakeStripe([session(monthly)], [], [subscription(monthly, "canceled")])
        with fake.patch():
            run()
        monthly.refresh_from_db()
        self.assertEqual(monthly.subscription_status, "canceled")
        # An "active" update created before the reconciliation, arriving now, changes nothing.
        from masthead.support.tests.base import event

        late = event(
            "customer.subscription.updated",
            subscription(monthly, "active"),
            created=int(time.time()) - 60,
        )
        self.deliver(late)
        monthly.refresh_from_db()
        self.assertEqual(monthly.subscription_status, "canceled")
