"""Stripe's events, each applied once, in whatever order they arrive.

`handle_event` records the event id and applies it in one transaction: a replay finds the id and
changes nothing, and an event that fails (an amount out of range) leaves nothing behind, not
even its id, so Stripe's retry is judged afresh.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from masthead.support import actions
from masthead.support.models import Contribution, StripeEvent

logger = logging.getLogger(__name__)

Outcome = tuple[str, str]  # (StripeEvent.Outcome, note)
Handler = Callable[[dict[str, Any], dt.datetime], Outcome]
PROCESSED = StripeEvent.Outcome.PROCESSED
IGNORED = StripeEvent.Outcome.IGNORED


def stamp(seconds: Any) -> dt.datetime | None:
    if isinstance(seconds, int | float) and not isinstance(seconds, bool):
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    return None


def handle_event(event: dict[str, Any]) -> StripeEvent | None:
    """Apply one verified event; None when it was seen before (a replay)."""
    created = stamp(event.get("created")) or dt.datetime.now(tz=dt.UTC)
    with transaction.atomic():
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            logger.info("stripe event %s seen before; ignored", event["id"])
            return None
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(
                    event_id=event["id"], type=event["type"][:100], created=created, outcome=IGNORED
                )
        except IntegrityError:  # the same event, delivered twice at once
            return None
        handler = HANDLERS.get(event["type"])
        outcome: str
        note: str
        if handler is None:
            outcome, note = IGNORED, "not an event Masthead follows"
        else:
            outcome, note = handler(event["data"]["object"], created)
        if outcome == IGNORED:
            logger.info("stripe event %s (%s) ignored: %s", event["id"], event["type"], note)
        record.outcome, record.note = outcome, note[:300]
        record.save(update_fields=["outcome", "note"])
    return record


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _id(value: Any) -> str:
    """An expandable field: Stripe sends either the id or the whole object."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def _metadata(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    return meta if isinstance(meta, dict) else {}


def contribution_for_session(session: dict[str, Any]) -> Contribution | None:
    pk = _int(_metadata(session).get("contribution_id")) or _int(session.get("client_reference_id"))
    if pk is not None:
        found = Contribution.objects.filter(pk=pk).first()
        if found is not None:
            return found
    session_id = session.get("id")
    return Contribution.objects.filter(stripe_session_id=session_id).first() if session_id else None


def _invoice_subscription(invoice: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The subscription id and metadata of an invoice, in current and older API shapes."""
    parent = invoice.get("parent") or {}
    details = (parent.get("subscription_details") if isinstance(parent, dict) else None) or {}
    if not details:
        details = invoice.get("subscription_details") or {}
    subscription = _id(details.get("subscription") or invoice.get("subscription"))
    meta = details.get("metadata")
    return subscription, meta if isinstance(meta, dict) else {}


def origin_for_subscription(subscription_id: str, metadata: dict[str, Any]) -> Contribution | None:
    """The first contribution of a subscription, by our metadata or by the subscription id."""
    pk = _int(metadata.get("contribution_id"))
    if pk is not None:
        found = Contribution.objects.filter(pk=pk, renewal_of__isnull=True).first()
        if found is not None:
            return found
    if not subscription_id:
        return None
    return (
        Contribution.objects.filter(stripe_subscription_id=subscription_id, renewal_of__isnull=True)
        .order_by("pk")
        .first()
    )


def session_paid(session: dict[str, Any], created: dt.datetime) -> Outcome:
    """checkout.session.completed / async_payment_succeeded: fulfil, if the money is in."""
    if session.get("payment_status") != "paid":
        return IGNORED, f"session {session.get('id')} not paid ({session.get('payment_status')})"
    contribution = contribution_for_session(session)
    if contribution is None:
        return IGNORED, f"session {session.get('id')} is not one of our contributions"
    was_paid = contribution.status == Contribution.Status.PAID
    actions.fulfil_contribution(
        contribution.pk,
        amount=_int(session.get("amount_total")),
        currency=str(session.get("currency") or ""),
        paid_at=created,
        as_of=created,
        session_id=str(session.get("id") or ""),
        subscription_id=_id(session.get("subscription")),
        customer_id=_id(session.get("customer")),
    )
    if was_paid:
        return IGNORED, f"contribution {contribution.pk} was already paid"
    return PROCESSED, f"contribution {contribution.pk} paid"


def session_failed(session: dict[str, Any], created: dt.datetime) -> Outcome:
    contribution = contribution_for_session(session)
    if contribution is None:
        return IGNORED, f"session {session.get('id')} is not one of our contributions"
    if actions.mark_unpaid(contribution.pk, Contribution.Status.FAILED):
        return PROCESSED, f"contribution {contribution.pk} failed"
    return IGNORED, f"contribution {contribution.pk} was no longer pending"


def session_expired(session: dict[str, Any], created: dt.datetime) -> Outcome:
    contribution = contribution_for_session(session)
    if contribution is None:
        return IGNORED, f"session {session.get('id')} is not one of our contributions"
    if actions.mark_unpaid(contribution.pk, Contribution.Status.CANCELED):
        return PROCESSED, f"contribution {contribution.pk} canceled"
    return IGNORED, f"contribution {contribution.pk} was no longer pending"


def invoice_paid(invoice: dict[str, Any], created: dt.datetime) -> Outcome:
    """A subscription's first payment (fulfils the contribution, whichever event comes first)
    or a renewal (a new paid contribution, once per invoice)."""
    subscription_id, metadata = _invoice_subscription(invoice)
    if not subscription_id:
        return IGNORED, f"invoice {invoice.get('id')} belongs to no subscription"
    origin = origin_for_subscription(subscription_id, metadata)
    if origin is None:
        return IGNORED, f"subscription {subscription_id} is not one of ours"
    amount = _int(invoice.get("amount_paid"))
    currency = str(invoice.get("currency") or "")
    invoice_id = str(invoice.get("id") or "")
    paid_at = stamp((invoice.get("status_transitions") or {}).get("paid_at")) or created
    first = invoice.get("billing_reason") == "subscription_create" or (
        origin.stripe_invoice_id == invoice_id
    )
    if first:
        was_paid = origin.status == Contribution.Status.PAID
        actions.fulfil_contribution(
            origin.pk,
            amount=amount,
            currency=currency,
            paid_at=paid_at,
            as_of=created,
            invoice_id=invoice_id,
            subscription_id=subscription_id,
            customer_id=_id(invoice.get("customer")),
        )
        if was_paid:
            return IGNORED, f"contribution {origin.pk} was already paid (first invoice)"
        return PROCESSED, f"contribution {origin.pk} paid (first invoice)"
    if amount is None or not invoice_id:
        return IGNORED, f"invoice {invoice_id} has no amount"
    renewal = actions.record_renewal(
        origin,
        invoice_id=invoice_id,
        amount=amount,
        currency=currency,
        paid_at=paid_at,
        as_of=created,
    )
    if renewal is None:
        return IGNORED, f"invoice {invoice_id} already recorded"
    return PROCESSED, f"renewal {renewal.pk} of contribution {origin.pk}"


def invoice_failed(invoice: dict[str, Any], created: dt.datetime) -> Outcome:
    subscription_id, metadata = _invoice_subscription(invoice)
    origin = origin_for_subscription(subscription_id, metadata) if subscription_id else None
    if origin is None:
        return IGNORED, f"invoice {invoice.get('id')} is not for one of our subscriptions"
    if actions.set_subscription_status(
        origin, Contribution.SubscriptionStatus.PAST_DUE, as_of=created
    ):
        return PROCESSED, f"subscription of contribution {origin.pk} is past due"
    return IGNORED, "no change, or older than what we know of the subscription"


SUBSCRIPTION_STATUSES = {
    "active": Contribution.SubscriptionStatus.ACTIVE,
    "trialing": Contribution.SubscriptionStatus.ACTIVE,
    "past_due": Contribution.SubscriptionStatus.PAST_DUE,
    "unpaid": Contribution.SubscriptionStatus.PAST_DUE,
    "paused": Contribution.SubscriptionStatus.PAST_DUE,
    "canceled": Contribution.SubscriptionStatus.CANCELED,
    "incomplete_expired": Contribution.SubscriptionStatus.CANCELED,
}


def subscription_changed(subscription: dict[str, Any], created: dt.datetime) -> Outcome:
    """customer.subscription.updated / deleted: follow its status."""
    origin = origin_for_subscription(str(subscription.get("id") or ""), _metadata(subscription))
    if origin is None:
        return IGNORED, f"subscription {subscription.get('id')} is not one of ours"
    status = SUBSCRIPTION_STATUSES.get(str(subscription.get("status")))
    if status is None:
        return IGNORED, f"subscription status {subscription.get('status')!r} changes nothing"
    if origin.status != Contribution.Status.PAID and status == "active":
        # Its first payment has not reached us yet; that event will set it active.
        return IGNORED, f"contribution {origin.pk} not paid yet"
    if actions.set_subscription_status(origin, status, as_of=created):
        return PROCESSED, f"subscription of contribution {origin.pk} is {status}"
    return IGNORED, "no change, or older than what we know of the subscription"


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": session_paid,
    "checkout.session.async_payment_succeeded": session_paid,
    "checkout.session.async_payment_failed": session_failed,
    "checkout.session.expired": session_expired,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_failed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
}
