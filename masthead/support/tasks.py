"""Reader support's background work: receipts and claim links, sent from the worker."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from masthead.support import emails


@task()
def send_receipt(contribution_id: int) -> None:
    """E-mail the receipt of a paid contribution. Idempotent: sends at most once."""
    from masthead.support.models import Contribution

    with transaction.atomic():
        contribution = (
            Contribution.objects.select_for_update()
            .filter(
                pk=contribution_id,
                status=Contribution.Status.PAID,
                receipt_sent_at__isnull=True,
            )
            .first()
        )
        if contribution is None:
            return
        Contribution.objects.filter(pk=contribution.pk).update(receipt_sent_at=timezone.now())
        if contribution.email:
            emails.contribution_receipt(contribution)


@task()
def send_claim_links(email: str) -> None:
    """E-mail links to claim the paid contributions given anonymously with this address.

    Sends nothing when there are none, so the request page reveals nothing about who gave.
    """
    from masthead.support.models import Contribution

    contributions = list(
        Contribution.objects.filter(
            email__iexact=email,
            reader__isnull=True,
            renewal_of__isnull=True,
            status=Contribution.Status.PAID,
        ).order_by("paid_at")[:50]
    )
    if contributions:
        emails.claim_links(email, contributions)
