"""The one place Masthead talks to Stripe. Everything else calls these functions, and tests
replace them (nothing here is reached over the network in tests).

Keys come from settings (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET; `*_FILE` works for both).
Stripe objects are handed back as plain dicts, so the rest of the app never depends on the
library's classes and fakes can return literal dicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import stripe
from django.conf import settings

if TYPE_CHECKING:
    from masthead.support.models import Contribution

LIVE_PREFIXES = ("sk_live_", "rk_live_")
# Stripe retries events for days; one older than this is refused as a possible replay attack.
SIGNATURE_TOLERANCE_SECONDS = 300


class StripeNotConfigured(Exception):
    """No secret key: the site runs in test mode, or contributions are unavailable."""


class StripeUnavailable(Exception):
    """Stripe refused or could not be reached; the message is safe to log, not to show."""


class BadSignature(Exception):
    """The webhook's Stripe-Signature header does not match the body."""


class MalformedEvent(Exception):
    """The webhook's body is not a Stripe event."""


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


def has_live_key() -> bool:
    return settings.STRIPE_SECRET_KEY.startswith(LIVE_PREFIXES)


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise StripeNotConfigured("Set STRIPE_SECRET_KEY to take real contributions.")
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY)


def create_checkout_session(
    contribution: Contribution,
    *,
    product_name: str,
    success_url: str,
    cancel_url: str,
    customer_id: str = "",
) -> CheckoutSession:
    """A hosted Checkout page for a pending contribution: payment mode for one-off gifts,
    subscription mode for monthly and annual ones. The price is given inline, so nothing has
    to be set up in Stripe's dashboard first.

    The idempotency key is our row's id: retrying after a timeout returns the same session
    instead of opening a second one for the same contribution.
    """
    metadata = {
        "contribution_id": str(contribution.pk),
        "campaign": str(contribution.campaign_id or ""),
        "variant": contribution.variant,
        "article": str(contribution.article_id or ""),
    }
    price_data: dict[str, Any] = {
        "currency": contribution.currency.lower(),
        "unit_amount": contribution.amount,
        "product_data": {"name": product_name},
    }
    params: dict[str, Any] = {
        "line_items": [{"price_data": price_data, "quantity": 1}],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": str(contribution.pk),
        "metadata": metadata,
    }
    if contribution.is_recurring:
        price_data["recurring"] = {
            "interval": "month" if contribution.frequency == "monthly" else "year"
        }
        params["mode"] = "subscription"
        # Renewals' invoices carry these, so a renewal can be traced to its first payment.
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["mode"] = "payment"
        params["payment_intent_data"] = {"metadata": metadata}
        # A customer record for one-off givers too, so they can reach the customer portal.
        if not customer_id:
            params["customer_creation"] = "always"
    if customer_id:
        params["customer"] = customer_id
    else:
        params["customer_email"] = contribution.email
    try:
        session = _client().v1.checkout.sessions.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": f"masthead-contribution-{contribution.pk}"},
        )
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc
    return CheckoutSession(id=session.id, url=session.url or "")


def verify_event(payload: bytes, signature: str | None) -> dict[str, Any]:
    """Check Stripe's signature on the raw body and return the event as a dict.

    Raises BadSignature (wrong or missing signature, stale timestamp, no secret configured) or
    MalformedEvent (the body is not a JSON event).
    """
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature:
        raise BadSignature("No signature, or no webhook secret configured.")
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, secret, tolerance=SIGNATURE_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as exc:
        raise BadSignature(str(exc)) from exc
    except ValueError as exc:  # the signature matched, but the body is not JSON
        raise MalformedEvent(str(exc)) from exc
    data = event.to_dict()
    if not isinstance(data.get("id"), str) or not isinstance(data.get("type"), str):
        raise MalformedEvent("An event needs an id and a type.")
    obj = (data.get("data") or {}).get("object")
    if not isinstance(obj, dict):
        raise MalformedEvent("An event needs data.object.")
    return data


def _listed(resource: Any, since: dt.datetime, **params: Any) -> list[dict[str, Any]]:
    try:
        page = resource.list(
            params={"created": {"gte": int(since.timestamp())}, "limit": 100, **params}
        )
        return [item.to_dict() for item in page.auto_paging_iter()]
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc


def recent_checkout_sessions(since: dt.datetime) -> list[dict[str, Any]]:
    """Checkout sessions created since a moment, as dicts (for reconciliation)."""
    return _listed(_client().v1.checkout.sessions, since)


def recent_subscriptions(since: dt.datetime) -> list[dict[str, Any]]:
    """Subscriptions created since a moment, in every status (for reconciliation)."""
    return _listed(_client().v1.subscriptions, since, status="all")


def recent_paid_invoices(since: dt.datetime) -> list[dict[str, Any]]:
    """Paid subscription invoices created since a moment (renewals, for reconciliation)."""
    return _listed(_client().v1.invoices, since, status="paid")


def create_portal_session(customer_id: str, *, return_url: str) -> str:
    """The address of Stripe's customer portal for one customer: cards, receipts, cancelling."""
    try:
        session = _client().v1.billing_portal.sessions.create(
            params={"customer": customer_id, "return_url": return_url}
        )
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc
    return str(session.url)
