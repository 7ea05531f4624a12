"""The Stripe webhook: signed events applied once each, in any order, and nothing else."""

from __future__ import annotations

import json
import random
import time

from django.core import mail
from django.test import override_settings

from masthead.support.models import Contribution, StripeEvent, Supporter
from masthead.support.tests.base import (
    WEBHOOK_URL,
    SupportTestCase,
    event,
    invoice,
    session,
    sign,
    subscription,
)


class WebhookSignatureTests(SupportTestCase):
    def test_it_refuses_a_bad_signature_and_stores_nothing(self) -> None:
        contribution = self.pending()
        body = json.dumps(event("checkout.session.completed", session(contribution))).encode()
        response = self.client.post(
            WEBHOOK_URL,
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(body, secret="whsec_somebody_else"),
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "pending")

    def test_it_refuses_a_missing_signature(self) -> None:
        body = json.dumps(event("invoice.paid", {"id": "in_1"})).encode()
        response = self.client.post(WEBHOOK_URL, body, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())

    def test_it_refuses_a_body_changed_after_signing(self) -> None:
        contribution = self.pending()
        body = json.dumps(event("checkout.session.completed", session(contribution))).encode()
        header = sign(body)
        tampered = body.replace(b'"paid"', b'"unpaid"')
        response = self.client.post(
            WEBHOOK_URL, tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )
        self.assertEqual(response.status_code, 400)

    def test_it_refuses_an_old_signature(self) -> None:
        contribution = self.pending()
        payload = event("checkout.session.completed", session(contribution))
        response = self.deliver(payload, timestamp=int(time.time()) - 3600)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())

    @override_settings(STRIPE_WEBHOOK_SECRET="")
    def test_without_a_webhook_secret_nothing_is_accepted(self) -> None:
        response = self.deliver(event("invoice.paid", {"id": "in_1"}))
        self.assertEqual(response.status_code, 400)

    def test_it_refuses_a_malformed_body(self) -> None:
        response = self.deliver(b"this is not json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.content, b"Malformed event.")
        self.assertFalse(StripeEvent.objects.exists())

    def test_it_refuses_an_event_without_an_object(self) -> None:
        response = self.deliver({"id": "evt_1", "type": "invoice.paid", "data": {}})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())

    def test_it_only_takes_posts(self) -> None:
        self.assertEqual(self.client.get(WEBHOOK_URL).status_code, 405)


class CheckoutEventTests(SupportTestCase):
    def test_a_paid_session_makes_the_contribution_paid_and_sends_a_receipt(self) -> None:
        contribution = self.pending(reader=self.reader, campaign_id=7, variant="b")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.deliver(event("checkout.session.completed", session(contribution)))
        self.assertEqual(response.status_code, 200)
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "paid")
        self.assertIsNotNone(contribution.paid_at)
        self.assertEqual(contribution.stripe_customer_id, f"cus_test_{contribution.pk}")
        self.assertEqual((contribution.campaign_id, contribution.variant), (7, "b"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("EUR 10", mail.outbox[0].subject)
        self.assertEqual(mail.outbox[0].to, ["reader@example.org"])
        supporter = Supporter.objects.get(reader=self.reader)
        self.assertIsNotNone(supporter.one_off_until)
        self.assertEqual(supporter.stripe_customer_id, f"cus_test_{contribution.pk}")
        self.assertEqual(StripeEvent.objects.get().outcome, "processed")

    def test_an_unpaid_session_is_not_fulfilled_until_its_payment_succeeds(self) -> None:
        contribution = self.pending()
        unpaid = session(contribution, payment_status="unpaid")
        self.deliver(event("checkout.session.completed", unpaid))
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "pending")
        self.assertEqual(StripeEvent.objects.get().outcome, "ignored")
        self.deliver(event("checkout.session.async_payment_succeeded", session(contribution)))
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "paid")

    def test_a_failed_delayed_payment_marks_the_contribution_failed(self) -> None:
        contribution = self.pending()
        failed = session(contribution, payment_status="unpaid")
        self.deliver(event("checkout.session.async_payment_failed", failed))
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "failed")

    def test_a_failure_arriving_after_the_payment_changes_nothing(self) -> None:
        contribution = self.pending()
        self.deliver(event("checkout.session.completed", session(contribution)))
        self.deliver(event("checkout.session.async_payment_failed", session(contribution)))
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "paid")

    def test_an_expired_session_cancels_a_pending_contribution(self) -> None:
        contribution = self.pending()
        expired = session(contribution, status="expired", payment_status="unpaid")
        self.deliver(event("checkout.session.expired", expired))
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "canceled")

    def test_an_amount_out_of_range_is_refused_and_stores_nothing(self) -> None:
        contribution = self.pending()
        too_much = session(contribution, amount_total=10_000_000)
        response = self.deliver(event("checkout.session.completed", too_much))
        self.assertEqual(response.status_code, 400)
        self.assertIn(b"outside the range", response.content)
        self.assertFalse(StripeEvent.objects.exists())
        contribution.refresh_from_db()
        self.assertEqual((contribution.status, contribution.amount), ("pending", 1000))

    def test_an_unknown_event_is_accepted_and_recorded_as_ignored(self) -> None:
        response = self.deliver(event("customer.created", {"id": "cus_1", "object": "customer"}))
        self.assertEqual(response.status_code, 200)
        recorded = StripeEvent.objects.get()
        self.assertEqual((recorded.type, recorded.outcome), ("customer.created", "ignored"))

    def test_a_session_that_is_not_ours_is_ignored(self) -> None:
        foreign = {"id": "cs_other", "payment_status": "paid", "metadata": {}}
        response = self.deliver(event("checkout.session.completed", foreign))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(StripeEvent.objects.get().outcome, "ignored")
        self.assertFalse(Contribution.objects.exists())

    def test_a_replayed_event_changes_nothing(self) -> None:
        contribution = self.pending()
        payload = event("checkout.session.completed", session(contribution))
        with self.captureOnCommitCallbacks(execute=True):
            self.deliver(payload)
        Contribution.objects.filter(pk=contribution.pk).update(status="refunded")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.deliver(payload)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Seen before.")
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "refunded")
        self.assertEqual(StripeEvent.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)


class SubscriptionEventTests(SupportTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.monthly = self.pending(reader=self.reader, frequency="monthly", amount=500)

    def test_renewals_each_add_one_paid_contribution(self) -> None:
        self.deliver(event("checkout.session.completed", session(self.monthly)))
        first = invoice(self.monthly, 1, reason="subscription_create")
        self.deliver(event("invoice.paid", first))
        self.deliver(event("invoice.paid", invoice(self.monthly, 2)))
        self.deliver(event("invoice.paid", invoice(self.monthly, 3)))
        paid = Contribution.objects.filter(status="paid")
        self.assertEqual(paid.count(), 3)
        renewals = paid.exclude(pk=self.monthly.pk)
        self.assertEqual({r.renewal_of_id for r in renewals}, {self.monthly.pk})
        self.assertEqual({r.reader_id for r in renewals}, {self.reader.pk})
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "active")

    def test_the_first_invoice_may_arrive_before_the_session(self) -> None:
        first = invoice(self.monthly, 1, reason="subscription_create")
        self.deliver(event("invoice.paid", first))
        self.deliver(event("checkout.session.completed", session(self.monthly)))
        self.assertEqual(Contribution.objects.filter(status="paid").count(), 1)
        self.monthly.refresh_from_db()
        self.assertEqual(self.monthly.stripe_invoice_id, first["id"])

    def test_an_old_style_invoice_is_understood_too(self) -> None:
        self.deliver(event("checkout.session.completed", session(self.monthly)))
        old = invoice(self.monthly, 2, parent=None, subscription=f"sub_test_{self.monthly.pk}")
        self.deliver(event("invoice.paid", old))
        self.assertEqual(Contribution.objects.filter(renewal_of=self.monthly).count(), 1)

    def test_a_failed_renewal_lapses_the_supporter_and_a_later_payment_restores(self) -> None:
        now = int(time.time())
        self.deliver(event("checkout.session.completed", session(self.monthly), created=now))
        self.deliver(event("invoice.payment_failed", invoice(self.monthly, 2), created=now + 10))
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "lapsed")
        self.deliver(event("invoice.paid", invoice(self.monthly, 2), created=now + 20))
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "active")

    def test_a_cancelled_subscription_lapses_the_supporter(self) -> None:
        now = int(time.time())
        self.deliver(event("checkout.session.completed", session(self.monthly), created=now))
        deleted = subscription(self.monthly, "canceled")
        self.deliver(event("customer.subscription.deleted", deleted, created=now + 60))
        self.monthly.refresh_from_db()
        self.assertEqual(self.monthly.subscription_status, "canceled")
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "lapsed")

    def test_an_older_update_arriving_late_does_not_undo_a_cancellation(self) -> None:
        now = int(time.time())
        self.deliver(event("checkout.session.completed", session(self.monthly), created=now))
        cancel = event("customer.subscription.deleted", subscription(self.monthly, "canceled"))
        cancel["created"] = now + 60
        late = event("customer.subscription.updated", subscription(self.monthly, "active"))
        late["created"] = now + 30
        self.deliver(cancel)
        self.deliver(late)
        self.monthly.refresh_from_db()
        self.assertEqual(self.monthly.subscription_status, "canceled")
        self.assertEqual(StripeEvent.objects.get(event_id=late["id"]).outcome, "ignored")

    def test_a_cancellation_arriving_before_the_payment_still_wins(self) -> None:
        now = int(time.time())
        cancel = subscription(self.monthly, "canceled")
        self.deliver(event("customer.subscription.deleted", cancel, created=now + 60))
        self.deliver(event("checkout.session.completed", session(self.monthly), created=now))
        self.monthly.refresh_from_db()
        self.assertEqual(self.monthly.status, "paid")
        self.assertEqual(self.monthly.subscription_status, "canceled")
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "lapsed")


class ReplayTests(SupportTestCase):
    """Every fixture delivered twice, in a shuffled order: exactly one contribution per payment."""

    def payments(self) -> tuple[list[dict], list[Contribution]]:
        now = int(time.time())
        one_off = self.pending(reader=self.second_reader, amount=2500)
        anonymous = self.pending(email="anon@example.org", amount=1000)
        monthly = self.pending(reader=self.reader, frequency="monthly", amount=500)
        annual = self.pending(email="year@example.org", frequency="annual", amount=6000)
        events = [
            event("checkout.session.completed", session(one_off), created=now),
            event("checkout.session.completed", session(anonymous), created=now),
            event("checkout.session.completed", session(monthly), created=now),
            event("invoice.paid", invoice(monthly, 1, reason="subscription_create"), created=now),
            event("invoice.paid", invoice(monthly, 2), created=now + 100),
            event("invoice.paid", invoice(monthly, 3), created=now + 200),
            event("checkout.session.completed", session(annual), created=now),
            event("invoice.paid", invoice(annual, 1, reason="subscription_create"), created=now),
            event("customer.subscription.updated", subscription(annual, "active"), created=now),
            event(
                "customer.subscription.deleted", subscription(annual, "canceled"), created=now + 300
            ),
            event("customer.created", {"id": "cus_x", "object": "customer"}, created=now),
        ]
        return events, [one_off, anonymous, monthly, annual]

    def check(self, contributions: list[Contribution]) -> None:
        one_off, anonymous, monthly, annual = contributions
        paid = Contribution.objects.filter(status="paid")
        self.assertTrue(paid.filter(pk=one_off.pk, reader=self.second_reader).exists())
        self.assertTrue(paid.filter(pk=anonymous.pk, reader__isnull=True).exists())
        # Four first payments, plus two renewals of the monthly one.
        self.assertEqual(paid.count(), 6)
        self.assertEqual(paid.filter(renewal_of=monthly).count(), 2)
        self.assertEqual(paid.filter(renewal_of=annual).count(), 0)
        self.assertEqual(Contribution.objects.count(), 6)
        annual.refresh_from_db()
        self.assertEqual(annual.subscription_status, "canceled")
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "active")
        self.assertEqual(StripeEvent.objects.count(), 11)
        self.assertEqual(len(mail.outbox), 6)

    def test_replayed_twice_in_order(self) -> None:
        events, contributions = self.payments()
        with self.captureOnCommitCallbacks(execute=True):
            for payload in events + events:
                self.assertEqual(self.deliver(payload).status_code, 200)
        self.check(contributions)

    def test_replayed_twice_shuffled(self) -> None:
        events, contributions = self.payments()
        for seed in (1, 2, 3):
            deliveries = events + events
            random.Random(seed).shuffle(deliveries)
            with self.captureOnCommitCallbacks(execute=True):
                for payload in deliveries:
                    self.assertEqual(self.deliver(payload).status_code, 200)
        self.check(contributions)


class RenewalAttributionTests(SupportTestCase):
    def test_a_renewal_is_not_a_new_conversion_for_the_campaign(self) -> None:
        monthly = self.pending(frequency="monthly", amount=500, campaign_id=4, variant="b")
        self.deliver(event("checkout.session.completed", session(monthly)))
        self.deliver(event("invoice.paid", invoice(monthly, 2)))
        conversions = Contribution.objects.filter(status="paid", campaign_id=4, variant="b")
        self.assertEqual(list(conversions), [monthly])
        renewal = Contribution.objects.get(renewal_of=monthly)
        self.assertEqual((renewal.campaign_id, renewal.variant), (None, ""))
