"""Compare recent Stripe data with ours and repair the differences (a missed or refused webhook,
a worker that was down). Applies Stripe's state through the same handlers as the webhook, so a
repair and a late event cannot disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from masthead.support import stripe_client, webhooks
from masthead.support.actions import SupportError, mark_unpaid
from masthead.support.models import Contribution

# Checkout sessions expire after a day; a contribution still pending without one is abandoned.
ABANDONED_AFTER = dt.timedelta(days=1)


@dataclass
class Report:
    checked: int = 0
    repaired: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def reconcile(days: int) -> Report:
    """Repair the last `days` days. Raises StripeNotConfigured without a secret key."""
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    report = Report()

    def apply(handler: webhooks.Handler, obj: dict, when: dt.datetime) -> None:
        report.checked += 1
        try:
            with transaction.atomic():
                outcome, note = handler(obj, when)
        except SupportError as exc:
            report.errors.append(f"{obj.get('id')}: {exc}")
            return
        if outcome == webhooks.PROCESSED:
            report.repaired.append(note)

    for session in stripe_client.recent_checkout_sessions(since):
        created = webhooks.stamp(session.get("created")) or now
        if session.get("payment_status") == "paid":
            apply(webhooks.session_paid, session, created)
        elif session.get("status") == "expired":
            apply(webhooks.session_expired, session, now)
    for invoice in stripe_client.recent_paid_invoices(since):
        created = webhooks.stamp(invoice.get("created")) or now
        apply(webhooks.invoice_paid, invoice, created)
    for subscription in stripe_client.recent_subscriptions(since):
        # What Stripe says now is newer than any event we may have missed.
        apply(webhooks.subscription_changed, subscription, now)
    abandoned = Contribution.objects.filter(
        status=Contribution.Status.PENDING,
        test_mode=False,
        created_at__gte=since,
        created_at__lt=now - ABANDONED_AFTER,
    ).values_list("pk", flat=True)
    for pk in abandoned:
        if mark_unpaid(pk, Contribution.Status.CANCELED):
            report.repaired.append(f"contribution {pk} abandoned before payment; canceled")
    return report
