"""The reader's own support page, and the way to Stripe's customer portal."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from masthead.support import actions, stripe_client
from masthead.support.tests.base import SupportTestCase, in_test_mode

URL = reverse("support:manage")


class ManagePageTests(SupportTestCase):
    def test_it_needs_a_signed_in_reader(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("account_login"), response["Location"])

    def test_it_shows_the_readers_status_and_contributions(self) -> None:
        actions.fulfil_contribution(
            self.pending(reader=self.reader, frequency="monthly", amount=500).pk
        )
        self.pending(reader=self.reader, amount=700)  # pending: not listed
        actions.fulfil_contribution(self.pending(reader=self.second_reader, amount=900).pk)
        self.client.force_login(self.reader)
        response = self.client.get(URL)
        self.assertContains(response, "You are an active recurring supporter.")
        self.assertContains(response, "EUR 5")
        self.assertNotContains(response, "EUR 7")
        self.assertNotContains(response, "EUR 9")
        self.assertContains(response, "Manage my support")

    def test_the_button_opens_stripes_customer_portal(self) -> None:
        actions.fulfil_contribution(self.pending(reader=self.reader).pk, customer_id="cus_42")
        self.client.force_login(self.reader)
        with mock.patch.object(
            stripe_client, "create_portal_session", return_value="https://billing.stripe.test/p/1"
        ) as portal:
            response = self.client.post(URL)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "https://billing.stripe.test/p/1")
        self.assertEqual(portal.call_args.args, ("cus_42",))
        self.assertEqual(
            portal.call_args.kwargs["return_url"], "http://127.0.0.1:8000/support/manage/"
        )

    def test_a_reader_who_never_paid_through_stripe_is_told_so(self) -> None:
        self.client.force_login(self.reader)
        with mock.patch.object(stripe_client, "create_portal_session") as portal:
            response = self.client.post(URL, follow=True)
        portal.assert_not_called()
        self.assertContains(response, "We have no payments of yours on record at Stripe.")

    def test_when_stripe_is_down_the_reader_is_told(self) -> None:
        actions.fulfil_contribution(self.pending(reader=self.reader).pk, customer_id="cus_42")
        self.client.force_login(self.reader)
        with mock.patch.object(
            stripe_client, "create_portal_session", side_effect=stripe_client.StripeUnavailable("x")
        ):
            response = self.client.post(URL, follow=True)
        self.assertContains(response, "Stripe could not be reached")

    def test_in_test_mode_it_says_what_the_portal_would_do(self) -> None:
        self.client.force_login(self.reader)
        with in_test_mode, mock.patch.object(stripe_client, "create_portal_session") as portal:
            response = self.client.post(URL)
        portal.assert_not_called()
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "With Stripe configured, this button opens Stripe's customer portal"
        )
