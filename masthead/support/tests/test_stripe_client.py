"""The wrapper around Stripe's library, with Stripe's client replaced: no network."""

from __future__ import annotations

import datetime as dt
import json
from unittest import mock

import stripe
from django.test import SimpleTestCase, override_settings

from masthead.support import stripe_client
from masthead.support.tests.base import TEST_KEY, WEBHOOK_SECRET, event, sign

SINCE = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@override_settings(STRIPE_SECRET_KEY=TEST_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET)
class StripeClientTests(SimpleTestCase):
    def test_it_verifies_a_signed_event_and_returns_a_plain_dict(self) -> None:
        payload = event("invoice.paid", {"id": "in_1", "lines": {"data": [{"id": "il_1"}]}})
        body = json.dumps(payload).encode()
        verified = stripe_client.verify_event(body, sign(body))
        self.assertEqual(verified, payload)
        self.assertIs(type(verified["data"]["object"]["lines"]), dict)

    def test_it_refuses_a_wrong_signature(self) -> None:
        body = json.dumps(event("invoice.paid", {"id": "in_1"})).encode()
        for header in (sign(body, secret="whsec_other"), "garbage", "", None):
            with self.subTest(header), self.assertRaises(stripe_client.BadSignature):
                stripe_client.verify_event(body, header)

    def test_it_refuses_a_signed_body_that_is_not_an_event(self) -> None:
        for body in (b"{not json", b'{"id": "evt_1"}', b'{"id": 1, "type": "x", "data": {}}'):
            with self.subTest(body), self.assertRaises(stripe_client.MalformedEvent):
                stripe_client.verify_event(body, sign(body))

    def test_listings_page_through_everything_since_a_moment(self) -> None:
        item = mock.Mock()
        item.to_dict.return_value = {"id": "cs_1"}
        with mock.patch("stripe.StripeClient") as client_class:
            sessions = client_class.return_value.v1.checkout.sessions
            sessions.list.return_value.auto_paging_iter.return_value = iter([item])
            self.assertEqual(stripe_client.recent_checkout_sessions(SINCE), [{"id": "cs_1"}])
        params = sessions.list.call_args.kwargs["params"]
        self.assertEqual(params["created"], {"gte": int(SINCE.timestamp())})
        client_class.assert_called_once_with(TEST_KEY)

    def test_subscriptions_are_listed_in_every_status_and_invoices_only_paid(self) -> None:
        with mock.patch("stripe.StripeClient") as client_class:
            v1 = client_class.return_value.v1
            v1.subscriptions.list.return_value.auto_paging_iter.return_value = iter([])
            v1.invoices.list.return_value.auto_paging_iter.return_value = iter([])
            stripe_client.recent_subscriptions(SINCE)
            stripe_client.recent_paid_invoices(SINCE)
        self.assertEqual(v1.subscriptions.list.call_args.kwargs["params"]["status"], "all")
        self.assertEqual(v1.invoices.list.call_args.kwargs["params"]["status"], "paid")

    def test_the_customer_portal_session(self) -> None:
        with mock.patch("stripe.StripeClient") as client_class:
            portal = client_class.return_value.v1.billing_portal.sessions
            portal.create.return_value.url = "https://billing.stripe.test/1"
            url = stripe_client.create_portal_session("cus_1", return_url="https://x/manage/")
        self.assertEqual(url, "https://billing.stripe.test/1")
        self.assertEqual(
            portal.create.call_args.kwargs["params"],
            {"customer": "cus_1", "return_url": "https://x/manage/"},
        )

    def test_stripe_errors_become_one_exception_of_ours(self) -> None:
        with mock.patch("stripe.StripeClient") as client_class:
            client_class.return_value.v1.billing_portal.sessions.create.side_effect = (
                stripe.APIConnectionError("no route")
            )
            with self.assertRaises(stripe_client.StripeUnavailable):
                stripe_client.create_portal_session("cus_1", return_url="https://x/")

    @override_settings(STRIPE_SECRET_KEY="")
    def test_without_a_key_nothing_is_called(self) -> None:
        with (
            mock.patch("stripe.StripeClient") as client_class,
            self.assertRaises(stripe_client.StripeNotConfigured),
        ):
            stripe_client.recent_subscriptions(SINCE)
        client_class.assert_not_called()

    def test_live_keys_are_recognised(self) -> None:
        for key, live in (("sk_live_1", True), ("rk_live_1", True), (TEST_KEY, False), ("", False)):
            with self.subTest(key), self.settings(STRIPE_SECRET_KEY=key):
                self.assertEqual(stripe_client.has_live_key(), live)
