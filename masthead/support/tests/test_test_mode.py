"""Test mode: a demo contribution completes without payment, and never beside a live key."""

from __future__ import annotations

from django.core import mail
from django.core.checks import Error
from django.test import override_settings
from django.urls import reverse

from masthead.support import actions
from masthead.support.actions import SupportError
from masthead.support.checks import check_stripe_mode
from masthead.support.models import Contribution, Supporter
from masthead.support.tests.base import LIVE_KEY, TEST_KEY, SupportTestCase, in_test_mode


class TestModeTests(SupportTestCase):
    def setUp(self) -> None:
        super().setUp()
        in_test_mode.enable()
        self.addCleanup(in_test_mode.disable)

    def test_a_contribution_completes_end_to_end_without_payment(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.post(
            reverse("support:contribute"),
            {
                "frequency": "monthly",
                "amount": "500",
                "email": "reader@example.org",
                "campaign": "5",
                "variant": "b",
            },
        )
        contribution = Contribution.objects.get()
        self.assertTrue(contribution.test_mode)
        self.assertEqual(contribution.status, "pending")
        self.assertEqual(response.status_code, 302)
        token = response["Location"].removeprefix("/support/test-checkout/").strip("/")
        self.assertEqual(actions.contribution_from_token(token), contribution)
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn("Test mode.", page)
        self.assertIn("no money moves", page)
        self.assertIn("Complete test contribution", page)
        with self.captureOnCommitCallbacks(execute=True):
            done = self.client.post(response["Location"])
        self.assertRedirects(done, reverse("support:thanks", args=[token]))
        contribution.refresh_from_db()
        self.assertEqual(
            (contribution.status, contribution.subscription_status), ("paid", "active")
        )
        self.assertEqual((contribution.campaign_id, contribution.variant), (5, "b"))
        self.assertTrue(actions.is_supporter(self.reader))
        self.assertEqual(Supporter.objects.get(reader=self.reader).status, "active")
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("test mode, no payment", mail.outbox[0].subject)
        self.assertIn("No money moved.", mail.outbox[0].body)

    def test_completing_twice_changes_nothing(self) -> None:
        contribution = self.pending()
        url = reverse("support:test_checkout", args=[actions.contribution_token(contribution)])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url)
            self.client.post(url)
        self.assertEqual(Contribution.objects.filter(status="paid").count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_cancelled_test_contribution_cannot_be_completed(self) -> None:
        contribution = self.pending()
        actions.mark_unpaid(contribution.pk, Contribution.Status.CANCELED)
        url = reverse("support:test_checkout", args=[actions.contribution_token(contribution)])
        response = self.client.post(url)
        self.assertEqual(response.status_code, 400)
        self.assertIn("cancelled", response.content.decode())

    def test_a_forged_token_is_not_found(self) -> None:
        self.assertEqual(
            self.client.get(reverse("support:test_checkout", args=["nope"])).status_code, 404
        )

    def test_a_real_contribution_cannot_be_completed_here(self) -> None:
        with self.settings(STRIPE_SECRET_KEY=TEST_KEY, STRIPE_TEST_MODE=False):
            contribution = self.pending()
        url = reverse("support:test_checkout", args=[actions.contribution_token(contribution)])
        self.assertEqual(self.client.post(url).status_code, 404)
        with self.assertRaises(SupportError):
            actions.complete_test_contribution(contribution)
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "pending")

    def test_the_action_refuses_when_a_live_key_is_configured(self) -> None:
        contribution = self.pending()
        with override_settings(STRIPE_SECRET_KEY=LIVE_KEY, STRIPE_TEST_MODE=True):
            self.assertFalse(actions.is_test_mode())
            with self.assertRaisesMessage(SupportError, "not available with a live Stripe key"):
                actions.complete_test_contribution(contribution)
            response = self.client.post(
                reverse("support:test_checkout", args=[actions.contribution_token(contribution)])
            )
            self.assertEqual(response.status_code, 400)
        contribution.refresh_from_db()
        self.assertEqual(contribution.status, "pending")

    def test_test_mode_never_begins_a_stripe_checkout(self) -> None:
        contribution = self.pending()
        with self.assertRaises(SupportError):
            actions.begin_checkout(contribution, success_url="x", cancel_url="y")


class StartupCheckTests(SupportTestCase):
    def test_test_mode_with_a_live_key_stops_start_up(self) -> None:
        for key in (LIVE_KEY, "rk_live_restricted"):
            with self.subTest(key), override_settings(STRIPE_SECRET_KEY=key, STRIPE_TEST_MODE=True):
                messages = check_stripe_mode()
                self.assertEqual([m.id for m in messages], ["support.E001"])
                self.assertIsInstance(messages[0], Error)

    def test_test_mode_without_keys_or_with_a_test_key_is_fine(self) -> None:
        with override_settings(STRIPE_SECRET_KEY="", STRIPE_TEST_MODE=True):
            self.assertEqual(check_stripe_mode(), [])
        with override_settings(STRIPE_SECRET_KEY=TEST_KEY, STRIPE_TEST_MODE=True):
            self.assertEqual(check_stripe_mode(), [])

    def test_live_payments_without_a_webhook_secret_are_warned_about(self) -> None:
        with override_settings(
            STRIPE_SECRET_KEY=LIVE_KEY, STRIPE_TEST_MODE=False, STRIPE_WEBHOOK_SECRET=""
        ):
            self.assertEqual([m.id for m in check_stripe_mode()], ["support.W001"])
