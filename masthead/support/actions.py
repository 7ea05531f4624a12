"""Every change to contributions and supporter status. Views, the webhook, the reconciliation
command and tests all go through these functions."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from wagtail.models import Site

from masthead.support import stripe_client
from masthead.support.models import (
    Contribution,
    Frequency,
    Supporter,
    SupportSettings,
    format_amount,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from masthead.accounts.models import User
    from masthead.news.models import ArticlePage

logger = logging.getLogger(__name__)

CLAIM_SALT = "masthead.support.claim"
RECEIPT_SALT = "masthead.support.contribution"
CLAIM_MAX_AGE = 60 * 60 * 24 * 30


class SupportError(Exception):
    """A contribution cannot be made or changed as asked; the message says why."""


def support_settings() -> SupportSettings:
    site = Site.objects.filter(is_default_site=True).first()
    assert site is not None, "a site must exist before readers can contribute"
    return SupportSettings.for_site(site)


def is_test_mode() -> bool:
    """Contributions complete without payment. Never true with a live key configured."""
    return bool(settings.STRIPE_TEST_MODE) and not stripe_client.has_live_key()


def can_take_contributions() -> bool:
    return is_test_mode() or bool(settings.STRIPE_SECRET_KEY)


def check_amount(amount: int, support: SupportSettings) -> None:
    if not support.minimum_cents <= amount <= support.maximum_cents:
        raise SupportError(
            f"{format_amount(amount, support.currency)} is outside the range we accept "
            f"({format_amount(support.minimum_cents, support.currency)} to "
            f"{format_amount(support.maximum_cents, support.currency)})."
        )


# Starting a contribution ------------------------------------------------------------------------


def start_contribution(
    *,
    reader: User | None,
    email: str,
    amount: int,
    frequency: str,
    campaign_id: int | None = None,
    variant: str = "",
    article: ArticlePage | None = None,
) -> Contribution:
    """Record a pending contribution before the reader is sent to pay for it.

    Checks the amount against the publisher's limits; the form has already checked the rest.
    """
    support = support_settings()
    check_amount(amount, support)
    if frequency not in Frequency.values:
        raise SupportError(f"Unknown frequency {frequency!r}.")
    return Contribution.objects.create(
        reader=reader,
        email=email,
        amount=amount,
        currency=support.currency,
        frequency=frequency,
        campaign_id=campaign_id,
        variant=variant[:50],
        article=article,
        test_mode=is_test_mode(),
    )


def begin_checkout(contribution: Contribution, *, success_url: str, cancel_url: str) -> str:
    """Open a Stripe Checkout session for a pending contribution; return where to send the
    reader. Raises SupportError in test mode (which has its own completion step)."""
    if contribution.test_mode or is_test_mode():
        raise SupportError("Test mode takes no payments through Stripe.")
    if contribution.status != Contribution.Status.PENDING:
        raise SupportError("This contribution is no longer waiting for payment.")
    customer_id = ""
    if contribution.reader_id:
        customer_id = (
            Supporter.objects.filter(reader_id=contribution.reader_id)
            .values_list("stripe_customer_id", flat=True)
            .first()
            or ""
        )
    session = stripe_client.create_checkout_session(
        contribution,
        product_name=f"{support_settings().heading} ({contribution.get_frequency_display()})",
        success_url=success_url,
        cancel_url=cancel_url,
        customer_id=customer_id,
    )
    Contribution.objects.filter(pk=contribution.pk).update(stripe_session_id=session.id)
    return session.url


def contribution_token(contribution: Contribution) -> str:
    """A token for the giver's browser: thanks, cancel and test-mode pages of one contribution."""
    return signing.dumps(contribution.pk, salt=RECEIPT_SALT)


def contribution_from_token(token: str) -> Contribution | None:
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Contribution.objects.filter(pk=pk).first()


# Fulfilment -------------------------------------------------------------------------------------


def fulfil_contribution(
    contribution_id: int,
    *,
    amount: int | None = None,
    currency: str = "",
    paid_at: dt.datetime | None = None,
    as_of: dt.datetime | None = None,
    session_id: str = "",
    invoice_id: str = "",
    subscription_id: str = "",
    customer_id: str = "",
) -> Contribution | None:
    """Mark a contribution paid: the one way money becomes a paid contribution (webhook,
    reconciliation and test mode all call it). Idempotent: a second call changes nothing but
    fills in Stripe ids still missing.

    Trusts that the payment happened (the caller verified it); checks the amount against the
    publisher's limits and raises SupportError, storing nothing, when it is out of range.
    Returns None when no such contribution exists.
    """
    now = timezone.now()
    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().filter(pk=contribution_id).first()
        if contribution is None:
            return None
        updates: dict[str, Any] = {}
        for field, value in (
            ("stripe_session_id", session_id),
            ("stripe_invoice_id", invoice_id),
            ("stripe_subscription_id", subscription_id),
            ("stripe_customer_id", customer_id),
        ):
            if value and not getattr(contribution, field):
                updates[field] = value
        newly_paid = contribution.status != Contribution.Status.PAID
        if newly_paid:
            paid_amount = contribution.amount if amount is None else amount
            check_amount(paid_amount, support_settings())
            updates.update(status=Contribution.Status.PAID, paid_at=paid_at or now)
            updates["amount"] = paid_amount
            if currency:
                updates["currency"] = currency.upper()
            if contribution.is_recurring and (
                contribution.subscription_status_as_of is None
                or as_of is None
                or contribution.subscription_status_as_of <= as_of
            ):
                updates.update(
                    subscription_status=Contribution.SubscriptionStatus.ACTIVE,
                    subscription_status_as_of=as_of or now,
                )
        for field, value in updates.items():
            setattr(contribution, field, value)
        if updates:
            contribution.save(update_fields=list(updates))
        if contribution.reader_id:
            refresh_supporter(contribution.reader_id)
        if newly_paid:
            _send_receipt_on_commit(contribution.pk)
            logger.info("contribution %s paid", contribution.pk)
    return contribution


def _send_receipt_on_commit(contribution_id: int) -> None:
    from masthead.support.tasks import send_receipt

    transaction.on_commit(lambda: send_receipt.enqueue(contribution_id))


def complete_test_contribution(contribution: Contribution) -> Contribution:
    """Test mode's stand-in for a payment: fulfil a test contribution without any money.

    Refused whenever a live key is configured, whatever STRIPE_TEST_MODE says.
    """
    if stripe_client.has_live_key():
        raise SupportError("Test mode is not available with a live Stripe key.")
    if not is_test_mode() or not contribution.test_mode:
        raise SupportError("This contribution cannot be completed without payment.")
    if contribution.status not in (Contribution.Status.PENDING, Contribution.Status.PAID):
        raise SupportError("This contribution was cancelled; start a new one.")
    fulfilled = fulfil_contribution(contribution.pk, customer_id="")
    assert fulfilled is not None
    return fulfilled


def mark_unpaid(contribution_id: int, status: str) -> bool:
    """A payment failed or the reader gave up: one conditional UPDATE, so it can never undo a
    payment recorded meanwhile. Returns whether anything changed."""
    assert status in (Contribution.Status.FAILED, Contribution.Status.CANCELED)
    return bool(
        Contribution.objects.filter(pk=contribution_id, status=Contribution.Status.PENDING).update(
            status=status
        )
    )


def record_renewal(
    origin: Contribution,
    *,
    invoice_id: str,
    amount: int,
    currency: str,
    paid_at: dt.datetime,
    as_of: dt.datetime,
) -> Contribution | None:
    """A subscription renewed: a new paid contribution, once per Stripe invoice, attributed to
    no campaign (the first payment was the conversion).

    Returns None when the invoice was already recorded. Raises SupportError, storing nothing,
    when the amount is out of range.
    """
    with transaction.atomic():
        if Contribution.objects.filter(stripe_invoice_id=invoice_id).exists():
            return None
        check_amount(amount, support_settings())
        try:
            with transaction.atomic():
                renewal = _create_renewal(
                    origin, invoice_id=invoice_id, amount=amount, currency=currency, paid_at=paid_at
                )
        except IntegrityError:  # the same invoice, recorded by a concurrent delivery
            return None
        set_subscription_status(origin, Contribution.SubscriptionStatus.ACTIVE, as_of=as_of)
        _send_receipt_on_commit(renewal.pk)
    return renewal


def _create_renewal(
    origin: Contribution, *, invoice_id: str, amount: int, currency: str, paid_at: dt.datetime
) -> Contribution:
    return Contribution.objects.create(
        reader_id=origin.reader_id,
        email=origin.email,
        amount=amount,
        currency=currency.upper() or origin.currency,
        frequency=origin.frequency,
        status=Contribution.Status.PAID,
        paid_at=paid_at,
        # No campaign, variant or article: the campaigns' results count each paid row as a
        # conversion, and a renewal is not a new one. Its renewal_of leads back to them.
        renewal_of=origin,
        stripe_invoice_id=invoice_id,
        stripe_subscription_id=origin.stripe_subscription_id,
        stripe_customer_id=origin.stripe_customer_id,
        test_mode=origin.test_mode,
    )


def set_subscription_status(origin: Contribution, status: str, *, as_of: dt.datetime) -> bool:
    """Follow a subscription's state, ignoring news older than what we already know.

    One conditional UPDATE, so two events racing cannot leave the older one's status behind.
    Returns whether the status changed.
    """
    previous = (
        Contribution.objects.filter(pk=origin.pk)
        .values_list("subscription_status", flat=True)
        .first()
    )
    updated = Contribution.objects.filter(
        Q(subscription_status_as_of__isnull=True) | Q(subscription_status_as_of__lte=as_of),
        pk=origin.pk,
    ).update(subscription_status=status, subscription_status_as_of=as_of)
    if origin.reader_id:
        refresh_supporter(origin.reader_id)
    return bool(updated) and previous != status


# Supporters -------------------------------------------------------------------------------------


def refresh_supporter(reader_id: int) -> Supporter:
    """Recompute a reader's supporter status from their contributions (row locked meanwhile)."""
    with transaction.atomic():
        Supporter.objects.get_or_create(reader_id=reader_id)
        supporter = Supporter.objects.select_for_update().get(reader_id=reader_id)
        paid = Contribution.objects.filter(reader_id=reader_id, status=Contribution.Status.PAID)
        recurring = paid.filter(renewal_of__isnull=True).exclude(frequency=Frequency.ONE_OFF)
        statuses = set(recurring.values_list("subscription_status", flat=True))
        if Contribution.SubscriptionStatus.ACTIVE in statuses:
            supporter.status = Supporter.Status.ACTIVE
        elif statuses:
            supporter.status = Supporter.Status.LAPSED
        else:
            supporter.status = Supporter.Status.NONE
        last_one_off = paid.filter(frequency=Frequency.ONE_OFF).aggregate(last=Max("paid_at"))
        if last_one_off["last"] is not None:
            days = support_settings().one_off_supporter_days
            supporter.one_off_until = last_one_off["last"] + dt.timedelta(days=days)
        else:
            supporter.one_off_until = None
        customer = (
            paid.exclude(stripe_customer_id="")
            .order_by("-paid_at")
            .values_list("stripe_customer_id", flat=True)
            .first()
        )
        if customer:
            supporter.stripe_customer_id = customer
        supporter.save()
    return supporter


def is_supporter(user: User | AnonymousUser) -> bool:
    """Whether a signed-in reader should be spared appeals: an active recurring supporter, a
    one-off giver within SupportSettings.one_off_supporter_days, or a reader who said
    "I already support". One query."""
    if not user.is_authenticated:
        return False
    supporter = Supporter.objects.filter(reader_id=user.pk).first()
    return supporter is not None and supporter.is_current()


def declare_support(user: User) -> Supporter:
    """Record that a signed-in reader says they already support us (kept until they undo it)."""
    if not user.is_authenticated:
        raise SupportError("Sign in to remember this on your account.")
    with transaction.atomic():
        supporter, _ = Supporter.objects.get_or_create(reader_id=user.pk)
        Supporter.objects.filter(pk=supporter.pk, declared_at__isnull=True).update(
            declared_at=timezone.now()
        )
        supporter.refresh_from_db()
    return supporter


def withdraw_declaration(user: User) -> None:
    """Undo "I already support"."""
    Supporter.objects.filter(reader_id=user.pk).update(declared_at=None)


# Claiming anonymous contributions ---------------------------------------------------------------


def claim_token(contribution: Contribution) -> str:
    return signing.dumps({"c": contribution.pk, "e": contribution.email.lower()}, salt=CLAIM_SALT)


def contribution_from_claim_token(token: str) -> Contribution | None:
    """The unclaimed paid contribution a claim link names, or None (bad, old or used link)."""
    try:
        data = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        return None
    contribution = Contribution.objects.filter(
        pk=data["c"], status=Contribution.Status.PAID, reader__isnull=True
    ).first()
    if contribution is None or contribution.email.lower() != data.get("e"):
        return None
    return contribution


def request_claim_links(email: str) -> None:
    """E-mail links to claim the unclaimed contributions given with this address (from the
    worker). Says nothing to the requester about whether there were any."""
    from masthead.support.tasks import send_claim_links

    transaction.on_commit(lambda: send_claim_links.enqueue(email.strip().lower()))


def claim_contribution(contribution: Contribution, reader: User) -> Contribution:
    """Attach an anonymous contribution (and its renewals) to a signed-in reader's account.

    The caller has checked the claim link. A conditional UPDATE: a contribution claimed by
    someone else meanwhile stays theirs.
    """
    with transaction.atomic():
        claimed = Contribution.objects.filter(pk=contribution.pk, reader__isnull=True).update(
            reader=reader
        )
        if not claimed:
            raise SupportError("This contribution is already linked to an account.")
        Contribution.objects.filter(renewal_of=contribution, reader__isnull=True).update(
            reader=reader
        )
        refresh_supporter(reader.pk)
    contribution.refresh_from_db()
    return contribution


# The customer portal ----------------------------------------------------------------------------


def portal_url(reader: User, *, return_url: str) -> str:
    """Where a reader manages their payments at Stripe. Raises SupportError when they have no
    Stripe customer record (never paid through Stripe) or in test mode."""
    if is_test_mode():
        raise SupportError("Test mode has no customer portal.")
    customer = (
        Supporter.objects.filter(reader_id=reader.pk)
        .values_list("stripe_customer_id", flat=True)
        .first()
    )
    if not customer:
        raise SupportError("We have no payments of yours on record at Stripe.")
    return stripe_client.create_portal_session(customer, return_url=return_url)
