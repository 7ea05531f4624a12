"""Receipts, e-mailed from the worker, at most once per payment."""

from __future__ import annotations

from django.core import mail
from wagtail.models import Site

from masthead.support import actions
from masthead.support.models import Contribution, SupportSettings
from masthead.support.tasks import send_receipt
from masthead.support.tests.base import SupportTestCase


class ReceiptTests(SupportTestCase):
    def test_a_receipt_uses_the_publishers_wording_and_is_sent_once(self) -> None:
        settings = SupportSettings.for_site(Site.objects.get(is_default_site=True))
        settings.receipt_text = "Thanks! Reg. charity no. 123."
        settings.save()
        contribution = actions.fulfil_contribution(self.pending(reader=self.reader).pk)
        assert contribution is not None
        send_receipt.call(contribution.pk)
        send_receipt.call(contribution.pk)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["reader@example.org"])
        self.assertIn("Thanks! Reg. charity no. 123.", message.body)
        self.assertIn("EUR 10", message.body)
        self.assertIn("/support/manage/", message.body)
        self.assertNotIn("/support/claim/", message.body)
        html = message.alternatives[0][0]  # type: ignore[index]
        self.assertIn("Reg. charity no. 123.", str(html))
        contribution.refresh_from_db()
        self.assertIsNotNone(contribution.receipt_sent_at)

    def test_no_receipt_for_an_unpaid_contribution(self) -> None:
        send_receipt.call(self.pending().pk)
        send_receipt.call(123456)
        self.assertEqual(mail.outbox, [])

    def test_fulfilment_queues_the_receipt_after_commit(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            actions.fulfil_contribution(self.pending().pk)
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(mail.outbox, [])
        callbacks[0]()
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(Contribution.objects.get().status, "paid")
