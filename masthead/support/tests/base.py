"""What reader-support tests share: Stripe settings for tests, signed webhook payloads built
with Stripe's own signing scheme, and Stripe-shaped event fixtures."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any

from django.test import override_settings
from django.urls import reverse

from masthead.lib.testing import NewsroomTestCase
from masthead.support import actions
from masthead.support.models import Contribution

WEBHOOK_SECRET = "whsec_test_secret_for_masthead"
TEST_KEY = "sk_test_masthead"
LIVE_KEY = "sk_live_masthead"
WEBHOOK_URL = reverse("support:stripe_webhook")

# Stripe configured with a test key: real checkout through the (replaced) wrapper.
with_stripe = override_settings(
    STRIPE_SECRET_KEY=TEST_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET, STRIPE_TEST_MODE=False
)
# No keys: the demo's test mode.
in_test_mode = override_settings(
    STRIPE_SECRET_KEY="", STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET, STRIPE_TEST_MODE=True
)

_ids = itertools.count(1)


def sign(body: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send: t=<unix time>,v1=<HMAC-SHA256>."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(type_: str, obj: dict[str, Any], *, created: int | None = None) -> dict[str, Any]:
    return {
        "id": f"evt_test_{next(_ids)}",
        "object": "event",
        "type": type_,
        "created": int(time.time()) if created is None else created,
        "livemode": False,
        "api_version": "2026-10-28.endive",
        "data": {"object": obj},
    }


def session(contribution: Contribution, **fields: Any) -> dict[str, Any]:
    """A Checkout session as Stripe reports it for one of our contributions."""
    recurring = contribution.is_recurring
    data = {
        "id": f"cs_test_{contribution.pk}",
        "object": "checkout.session",
        "mode": "subscription" if recurring else "payment",
        "status": "complete",
        "payment_status": "paid",
        "amount_total": contribution.amount,
        "currency": contribution.currency.lower(),
        "client_reference_id": str(contribution.pk),
        "customer": f"cus_test_{contribution.pk}",
        "subscription": f"sub_test_{contribution.pk}" if recurring else None,
        "customer_details": {"email": contribution.email},
        "metadata": {
            "contribution_id": str(contribution.pk),
            "campaign": str(contribution.campaign_id or ""),
            "variant": contribution.variant,
            "article": str(contribution.article_id or ""),
        },
        "created": int(time.time()),
    }
    data.update(fields)
    return data


def invoice(
    contribution: Contribution, number: int, *, reason: str = "subscription_cycle", **fields: Any
) -> dict[str, Any]:
    """A paid subscription invoice in the current API shape (parent.subscription_details)."""
    data = {
        "id": f"in_test_{contribution.pk}_{number}",
        "object": "invoice",
        "billing_reason": reason,
        "amount_paid": contribution.amount,
        "currency": contribution.currency.lower(),
        "customer": f"cus_test_{contribution.pk}",
        "status": "paid",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {
                "subscription": f"sub_test_{contribution.pk}",
                "metadata": {"contribution_id": str(contribution.pk)},
            },
        },
        "created": int(time.time()),
    }
    data.update(fields)
    return data


def subscription(contribution: Contribution, status: str, **fields: Any) -> dict[str, Any]:
    data = {
        "id": f"sub_test_{contribution.pk}",
        "object": "subscription",
        "status": status,
        "customer": f"cus_test_{contribution.pk}",
        "metadata": {"contribution_id": str(contribution.pk)},
        "created": int(time.time()),
    }
    data.update(fields)
    return data


class SupportTestCase(NewsroomTestCase):
    """The newsroom cast, with Stripe configured with a test key and a webhook secret."""

    def setUp(self) -> None:
        super().setUp()
        patcher = with_stripe
        patcher.enable()
        self.addCleanup(patcher.disable)

    def pending(
        self, *, reader: Any = None, amount: int = 1000, frequency: str = "one_off", **fields: Any
    ) -> Contribution:
        return actions.start_contribution(
            reader=reader,
            email=fields.pop("email", reader.email if reader else "giver@example.org"),
            amount=amount,
            frequency=frequency,
            **fields,
        )

    def deliver(self, payload: dict[str, Any] | bytes, **sign_options: Any):  # type: ignore[no-untyped-def]
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return self.client.post(
            WEBHOOK_URL,
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(body, **sign_options),
        )
