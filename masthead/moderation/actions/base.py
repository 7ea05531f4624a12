"""What every moderation action shares: its errors and reasons, permissions, claims, the
comment lock, the record of a review, and statements of reasons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from masthead.accounts.models import Notification
from masthead.community.models import Comment, Report
from masthead.moderation import statements
from masthead.moderation.models import (
    Claim,
    Decision,
    ModerationSettings,
    Statement,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User


class ModerationError(ValueError):
    """The decision cannot be taken as asked; the message says why, for the moderator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Claimed(ModerationError):
    """Another moderator holds this comment."""

    def __init__(self, claim: Claim) -> None:
        name = claim.moderator.public_name
        super().__init__(
            f"{name} is deciding this comment (until {timezone.localtime(claim.expires_at):%H:%M})."
        )
        self.claim = claim


class RejectReason(models.TextChoices):
    ABUSIVE = "abusive", "Abusive"
    HARASSMENT = "harassment", "Harassment"
    HATE = "hate", "Hate speech"
    SPAM = "spam", "Spam"
    OFF_TOPIC = "off_topic", "Off topic"
    MISINFORMATION = "misinformation", "Misinformation"
    ILLEGAL = "illegal", "Illegal content"
    OTHER = "other", "Other"


# Permissions -------------------------------------------------------------------------------------


def can_moderate(user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm("community.change_comment"))


def check_can_moderate(moderator: User) -> None:
    if not can_moderate(moderator):
        raise PermissionDenied("You do not have permission to moderate comments.")


def can_see_personal_data(user: User) -> bool:
    """E-mail addresses and IP addresses: only for a group given the explicit permission."""
    return bool(user.is_authenticated and user.has_perm("moderation.view_personal_data"))


def moderation_settings() -> ModerationSettings:
    site = Site.objects.filter(is_default_site=True).first()
    assert site is not None, "a site must exist before moderators decide"
    return ModerationSettings.for_site(site)


def _check_reason(reason: str) -> None:
    if reason not in RejectReason.values:
        raise ModerationError(
            f"Unknown reason {reason!r}: use one of {', '.join(RejectReason.values)}."
        )


# Claims ------------------------------------------------------------------------------------------


def claim_comment(moderator: User, comment: Comment, *, now: dt.datetime | None = None) -> Claim:
    """Hold a comment for a few minutes while deciding it; raise Claimed if another does.

    Renewing one's own claim extends it. Taking over an expired claim and creating a new one
    are both single conditional writes, so two moderators cannot both end up holding it.
    """
    check_can_moderate(moderator)
    now = now or timezone.now()
    expires_at = now + dt.timedelta(minutes=moderation_settings().claim_minutes)
    taken = Claim.objects.filter(
        Q(moderator=moderator) | Q(expires_at__lte=now), comment=comment
    ).update(moderator=moderator, expires_at=expires_at)
    if not taken:
        try:
            with transaction.atomic():
                Claim.objects.create(comment=comment, moderator=moderator, expires_at=expires_at)
        except IntegrityError:
            holder = Claim.objects.select_related("moderator").get(comment=comment)
            if holder.moderator_id != moderator.pk and holder.expires_at > now:
                raise Claimed(holder) from None
            return claim_comment(moderator, comment, now=now)  # it expired meanwhile
    return Claim(comment=comment, moderator=moderator, expires_at=expires_at)


def release_claim(moderator: User, comment: Comment) -> None:
    Claim.objects.filter(comment=comment, moderator=moderator).delete()


def _check_claim(moderator: User, comment: Comment, now: dt.datetime) -> None:
    holder = (
        Claim.objects.select_related("moderator")
        .filter(comment=comment, expires_at__gt=now)
        .exclude(moderator=moderator)
        .first()
    )
    if holder is not None:
        raise Claimed(holder)


# The comment under decision -----------------------------------------------------------------------


def _lock(comment: Comment) -> Comment:
    """The comment's row, locked for a decision, with its article (which PostgreSQL won't lock)."""
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("thread__page", "author")
        .get(pk=comment.pk)
    )


def _reviewed(comment: Comment, outcome: str, now: dt.datetime) -> None:
    """Mark the comment as seen by a person and close its open reports with the outcome; the
    reporters are told from the worker. Trusted: the caller holds the comment's lock."""
    Comment.objects.filter(pk=comment.pk).update(reviewed_at=now, open_report_count=0)
    comment.reviewed_at, comment.open_report_count = now, 0
    resolved = Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=now, outcome=outcome
    )
    Claim.objects.filter(comment=comment).delete()
    if resolved:
        from masthead.moderation import tasks

        comment_id = comment.pk
        transaction.on_commit(lambda: tasks.tell_reporters.enqueue(comment_id))


# Statements of reasons ---------------------------------------------------------------------------


def issue_statement(decision: Decision, *, now: dt.datetime | None = None) -> Statement | None:
    """Write the statement of reasons for a restricting decision and put it in the reader's
    notifications; it is e-mailed from the worker. Trusted: called inside the decision's
    transaction, by the action or screening rule that took it."""
    reader = decision.subject
    if reader is None or decision.action not in Decision.RESTRICTIONS:
        return None
    now = now or decision.created_at
    content = statements.compose(decision)
    statement = Statement.objects.create(
        decision=decision,
        reader=reader,
        comment=decision.comment,
        restriction=content.restriction,
        facts=content.facts,
        grounds=content.grounds,
        automated=decision.automated,
        appeal_until=now + dt.timedelta(days=moderation_settings().appeal_days),
        created_at=now,
    )
    Notification.objects.create(
        reader=reader,
        kind=Notification.Kind.STATEMENT,
        title=content.title,
        body=content.restriction,
        link=statements.statement_path(statement),
        created_at=now,
    )
    from masthead.moderation import tasks

    statement_id = statement.pk
    transaction.on_commit(lambda: tasks.send_statement.enqueue(statement_id))
    return statement
