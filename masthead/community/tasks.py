"""Background work for the community: e-mails, sent from the worker, never from a request."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from masthead.lib import clock, emails


@task()
def notify_reply(comment_id: int) -> None:
    """E-mail the reader a published reply answers. Idempotent: sends at most once."""
    from masthead.community.models import Comment

    with transaction.atomic():
        comment = (
            # Only the comment row is locked: PostgreSQL refuses to lock the optional joins.
            Comment.objects.select_for_update(of=("self",))
            .select_related("author", "reply_to__author", "thread__page")
            .filter(pk=comment_id, notified_at__isnull=True)
            .first()
        )
        if comment is None or comment.status != Comment.Status.PUBLISHED:
            return
        recipient = comment.reply_to.author if comment.reply_to else None
        Comment.objects.filter(pk=comment.pk).update(notified_at=timezone.now())
        if (
            recipient is None
            or recipient.pk == comment.author_id
            or not recipient.reply_notifications
            or not recipient.email
            or not recipient.is_active
        ):
            return
        emails.reply_notification(comment, recipient)


@task()
def send_notice_receipt(notice_id: int) -> None:
    from masthead.community.models import IllegalContentNotice

    notice = IllegalContentNotice.objects.filter(pk=notice_id).first()
    if notice is not None and notice.email:
        emails.notice_receipt(notice)


@clock.every(minutes=60)
@task()
def forget_old_addresses() -> int:
    """Clear readers' IP addresses from comments older than COMMENT_IP_RETENTION_DAYS.

    Addresses help with abuse while it is fresh; after that they are only a liability.
    """
    from masthead.community.models import Comment

    days = settings.COMMENT_IP_RETENTION_DAYS
    if days <= 0:
        return 0
    cutoff = timezone.now() - dt.timedelta(days=days)
    return Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(
        ip_address=None
    )


@clock.every(minutes=24 * 60)
@task()
def retrain_scorer() -> str:
    """Retrain the abuse scorer on the corpus and moderators' decisions, once a day.

    Idempotent: with no new decisions since the last version it records nothing. Training
    takes a few seconds of one core in the worker, never in a web request.
    """
    from masthead.community.scorer.actions import retrain_scorer as retrain

    return retrain().message
