"""Anonymous givers claim their contributions later, by a signed link e-mailed to them."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from masthead.support import actions
from masthead.support.models import Contribution
from masthead.support.tests.base import SupportTestCase

REQUEST_URL = reverse("support:claim_request")


class ClaimTests(SupportTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.gift = actions.fulfil_contribution(self.pending(email="Reader@Example.org").pk)
        assert self.gift is not None
        self.url = reverse("support:claim", args=[actions.claim_token(self.gift)])

    def test_the_receipt_of_an_anonymous_gift_carries_a_claim_link(self) -> None:
        from masthead.support.tasks import send_receipt

        send_receipt.call(self.gift.pk)
        self.assertIn("/support/claim/", mail.outbox[0].body)

    def test_asking_for_links_e_mails_them_to_that_address_only(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(REQUEST_URL, {"email": "reader@example.org"})
        self.assertRedirects(response, REQUEST_URL)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["reader@example.org"])
        token = mail.outbox[0].body.split("/support/claim/")[1].split("/")[0]
        self.assertEqual(actions.contribution_from_claim_token(token), self.gift)

    def test_asking_for_an_address_without_gifts_sends_nothing_but_says_the_same(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(REQUEST_URL, {"email": "nobody@example.org"}, follow=True)
        self.assertContains(response, "If we have contributions from that address")
        self.assertEqual(mail.outbox, [])

    def test_asking_needs_a_valid_address(self) -> None:
        response = self.client.post(REQUEST_URL, {"email": "nope"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This does not look like an e-mail address", status_code=400)

    def test_opening_the_link_signed_out_asks_to_sign_in(self) -> None:
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("account_login"), response["Location"])

    def test_a_signed_in_reader_confirms_and_the_gift_is_theirs(self) -> None:
        self.client.force_login(self.second_reader)
        self.assertContains(self.client.get(self.url), "Add it to my account")
        response = self.client.post(self.url)
        self.assertRedirects(response, reverse("support:manage"))
        self.gift.refresh_from_db()
        self.assertEqual(self.gift.reader, self.second_reader)
        self.assertTrue(actions.is_supporter(self.second_reader))

    def test_renewals_follow_the_claimed_contribution(self) -> None:
        monthly = self.pending(email="m@example.org", frequency="monthly", amount=500)
        actions.fulfil_contribution(monthly.pk, subscription_id="sub_1")
        monthly.refresh_from_db()
        from django.utils import timezone

        actions.record_renewal(
            monthly,
            invoice_id="in_2",
            amount=500,
            currency="eur",
            paid_at=timezone.now(),
            as_of=timezone.now(),
        )
        actions.claim_contribution(monthly, self.reader)
        self.assertEqual(Contribution.objects.filter(reader=self.reader).count(), 2)
        self.assertEqual(self.reader.supporter.status, "active")

    def test_a_used_link_no_longer_works(self) -> None:
        self.client.force_login(self.second_reader)
        self.client.post(self.url)
        self.client.force_login(self.reader)
        self.assertEqual(self.client.post(self.url).status_code, 404)
        self.gift.refresh_from_db()
        self.assertEqual(self.gift.reader, self.second_reader)

    def test_a_forged_link_does_not_work(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get(
            reverse("support:claim", args=[actions.claim_token(self.gift) + "x"])
        )
        self.assertEqual(response.status_code, 404)

    def test_a_link_for_a_gift_that_was_never_paid_does_not_work(self) -> None:
        pending = self.pending(email="p@example.org")
        self.client.force_login(self.reader)
        response = self.client.get(reverse("support:claim", args=[actions.claim_token(pending)]))
        self.assertEqual(response.status_code, 404)

    def test_claiming_an_already_claimed_gift_is_refused_by_the_action(self) -> None:
        actions.claim_contribution(self.gift, self.reader)
        with self.assertRaises(actions.SupportError):
            actions.claim_contribution(self.gift, self.second_reader)
