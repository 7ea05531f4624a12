"""Moderators' decisions. Each checks permission, writes one transaction, logs one Decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F

from masthead.community.actions import change_status, notify_if_answer, purge_thread
from masthead.community.models import Comment, Thread
from masthead.moderation.models import Decision

if TYPE_CHECKING:
    from masthead.accounts.models import User


def check_can_moderate(moderator: User) -> None:
    if not moderator.has_perm("community.change_comment"):
        raise PermissionDenied("You do not have permission to moderate comments.")


def _lock(comment: Comment) -> Comment:
    """The comment's row, locked for a decision, with its article (which PostgreSQL won't lock)."""
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("thread__page")
        .get(pk=comment.pk)
    )


def feature_comment(moderator: User, comment: Comment, *, featured: bool = True) -> Comment:
    """Make a published comment an editors' pick, or stop it being one."""
    check_can_moderate(moderator)
    with transaction.atomic():
        locked = _lock(comment)
        if locked.featured == featured:
            return locked
        if featured and locked.status != Comment.Status.PUBLISHED:
            raise ValueError("Only a published comment can be an editors' pick.")
        locked.featured = featured
        locked.save(update_fields=["featured"])
        Thread.objects.filter(pk=locked.thread_id).update(
            featured_count=F("featured_count") + (1 if featured else -1)
        )
        Decision.objects.create(
            comment=locked,
            subject=locked.author,
            moderator=moderator,
            action=Decision.Action.FEATURE if featured else Decision.Action.UNFEATURE,
        )
        purge_thread(locked.thread)
    return locked


class RejectReason(models.TextChoices):
    ABUSIVE = "abusive", "Abusive"
    HARASSMENT = "harassment", "Harassment"
    HATE = "hate", "Hate speech"
    SPAM = "spam", "Spam"
    OFF_TOPIC = "off_topic", "Off topic"
    MISINFORMATION = "misinformation", "Misinformation"
    ILLEGAL = "illegal", "Illegal content"
    OTHER = "other", "Other"


def approve_comment(moderator: User, comment: Comment) -> Comment:
    """Publish a held or rejected comment after review."""
    check_can_moderate(moderator)
    with transaction.atomic():
        locked = _lock(comment)
        if locked.status == Comment.Status.PUBLISHED:
            return locked
        if locked.status not in (Comment.Status.PENDING, Comment.Status.REJECTED):
            raise ValueError("A comment its author deleted cannot be approved.")
        change_status(locked, Comment.Status.PUBLISHED)
        Decision.objects.create(
            comment=locked,
            subject=locked.author,
            moderator=moderator,
            action=Decision.Action.APPROVE,
        )
        notify_if_answer(locked)
    return locked


def reject_comment(
    moderator: User, comment: Comment, *, reason: str, explanation: str = ""
) -> Comment:
    """Take a comment out of view for a stated reason; the decision records why."""
    check_can_moderate(moderator)
    if reason not in RejectReason.values:
        raise ValueError(f"Unknown reason {reason!r}: use one of {', '.join(RejectReason.values)}.")
    with transaction.atomic():
        locked = _lock(comment)
        if locked.status == Comment.Status.REJECTED:
            return locked
        if locked.status not in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
            raise ValueError("A comment its author deleted cannot be rejected.")
        change_status(locked, Comment.Status.REJECTED)
        Decision.objects.create(
            comment=locked,
            subject=locked.author,
            moderator=moderator,
            action=Decision.Action.REJECT,
            reason=reason,
            detail={"explanation": explanation} if explanation else {},
        )
    return locked
