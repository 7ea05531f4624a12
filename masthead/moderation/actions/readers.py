"""Decisions on readers: warn, pre-moderate, suspend, ban, lift, notes and watched stories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from masthead.accounts.models import Notification
from masthead.community.actions import change_status
from masthead.community.models import Comment, Report
from masthead.moderation.models import (
    Decision,
    ModeratorNote,
    Standing,
    Watch,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User
    from masthead.news.models import ArticlePage

from masthead.moderation.actions.base import (
    ModerationError,
    _check_reason,
    _lock,
    _reviewed,
    check_can_moderate,
    issue_statement,
    moderation_settings,
)

# Decisions on readers ----------------------------------------------------------------------------


def standing_of(reader: User) -> Standing | None:
    """The reader's standing, or None for a reader nobody ever restricted (most of them)."""
    if hasattr(reader, "_standing_cache"):
        cached: Standing | None = reader._standing_cache
        return cached
    standing = Standing.objects.filter(reader=reader).first()
    reader._standing_cache = standing  # type: ignore[attr-defined]
    return standing


def _lock_standing(reader: User, now: dt.datetime) -> Standing:
    Standing.objects.get_or_create(reader=reader)
    standing = Standing.objects.select_for_update().get(reader=reader)
    standing.updated_at = now
    return standing


def _check_not_self(moderator: User, reader: User) -> None:
    if moderator.pk == reader.pk:
        raise ModerationError("You cannot take a decision about your own account.")


def warn_reader(
    moderator: User,
    reader: User,
    *,
    message: str = "",
    comment: Comment | None = None,
    now: dt.datetime | None = None,
) -> Notification:
    """Warn a reader: the message stays on every page they open until they acknowledge it."""
    check_can_moderate(moderator)
    _check_not_self(moderator, reader)
    now = now or timezone.now()
    message = message.strip() or moderation_settings().warning_default
    with transaction.atomic():
        Decision.objects.create(
            comment=comment,
            subject=reader,
            moderator=moderator,
            action=Decision.Action.WARN,
            detail={"message": message},
            created_at=now,
        )
        return Notification.objects.create(
            reader=reader,
            kind=Notification.Kind.WARNING,
            title="A warning from our moderators",
            body=message,
            needs_ack=True,
            created_at=now,
        )


def premoderate_reader(
    moderator: User,
    reader: User,
    *,
    reason: str,
    explanation: str = "",
    now: dt.datetime | None = None,
) -> Standing:
    """Hold everything the reader writes for review until the restriction is lifted."""
    standing, _ = _restrict(
        moderator,
        reader,
        Decision.Action.PREMODERATE,
        reason=reason,
        explanation=explanation,
        now=now,
        change=lambda standing: setattr(standing, "premoderated", True),
    )
    return standing


def suspend_reader(
    moderator: User,
    reader: User,
    *,
    until: dt.datetime,
    reason: str,
    explanation: str = "",
    now: dt.datetime | None = None,
) -> Standing:
    """Stop the reader commenting until a date; they can still read and sign in."""
    now = now or timezone.now()
    if until <= now:
        raise ModerationError("A suspension must end in the future.")
    standing, _ = _restrict(
        moderator,
        reader,
        Decision.Action.SUSPEND,
        reason=reason,
        explanation=explanation,
        now=now,
        change=lambda standing: setattr(standing, "suspended_until", until),
        detail={"until": until.isoformat()},
    )
    return standing


def ban_reader(
    moderator: User,
    reader: User,
    *,
    reason: str,
    explanation: str = "",
    reject_comments: bool = False,
    now: dt.datetime | None = None,
) -> Standing:
    """Stop the reader commenting for good; optionally take all their visible comments down.

    Their comments go through reject_comment one by one, so counts, picks, reporters and the
    log stay right; they get one statement for the ban rather than one per comment.
    """
    now = now or timezone.now()
    standing, ban = _restrict(
        moderator,
        reader,
        Decision.Action.BAN,
        reason=reason,
        explanation=explanation,
        now=now,
        change=lambda standing: setattr(standing, "banned", True),
        detail={"reject_comments": reject_comments},
    )
    if reject_comments:
        visible = Comment.objects.filter(
            author=reader, status__in=(Comment.Status.PUBLISHED, Comment.Status.PENDING)
        )
        for comment in visible.iterator():
            with transaction.atomic():
                locked = _lock(comment)
                if locked.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
                    continue
                change_status(locked, Comment.Status.REJECTED)
                _reviewed(locked, Report.Outcome.REMOVED, now)
                Decision.objects.create(
                    comment=locked,
                    subject=reader,
                    moderator=moderator,
                    action=Decision.Action.REJECT,
                    reason=reason,
                    detail={"with_ban": ban.pk},
                    created_at=now,
                )
    return standing


def _restrict(
    moderator: User,
    reader: User,
    action: str,
    *,
    reason: str,
    explanation: str,
    now: dt.datetime | None,
    change: Callable[[Standing], None],
    detail: dict[str, object] | None = None,
) -> tuple[Standing, Decision]:
    check_can_moderate(moderator)
    _check_not_self(moderator, reader)
    _check_reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        standing = _lock_standing(reader, now)
        change(standing)
        standing.save()
        decision = Decision.objects.create(
            subject=reader,
            moderator=moderator,
            action=action,
            reason=reason,
            detail={**(detail or {}), **({"explanation": explanation} if explanation else {})},
            created_at=now,
        )
        issue_statement(decision)
    reader._standing_cache = standing  # type: ignore[attr-defined]
    return standing, decision


def lift_restrictions(
    moderator: User, reader: User, *, explanation: str = "", now: dt.datetime | None = None
) -> Standing:
    """Lift pre-moderation, suspension and ban: the reader comments like anyone again."""
    check_can_moderate(moderator)
    _check_not_self(moderator, reader)
    now = now or timezone.now()
    with transaction.atomic():
        standing = _lift(reader, now)
        Decision.objects.create(
            subject=reader,
            moderator=moderator,
            action=Decision.Action.LIFT,
            detail={"explanation": explanation} if explanation else {},
            created_at=now,
        )
    return standing


def _lift(reader: User, now: dt.datetime) -> Standing:
    standing = _lock_standing(reader, now)
    standing.premoderated, standing.banned, standing.suspended_until = False, False, None
    standing.save()
    reader._standing_cache = standing  # type: ignore[attr-defined]
    return standing


def add_note(moderator: User, reader: User, *, text: str) -> ModeratorNote:
    check_can_moderate(moderator)
    text = text.strip()
    if not text:
        raise ModerationError("Write the note first.")
    return ModeratorNote.objects.create(reader=reader, author=moderator, text=text)


def acknowledge_warning(reader: User, notification: Notification) -> None:
    if notification.reader_id != reader.pk:
        raise PermissionDenied("This is not your notification.")
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, read_at=Coalesce(F("read_at"), now)
    )


def watch_story(moderator: User, page: ArticlePage, *, watching: bool = True) -> None:
    check_can_moderate(moderator)
    if watching:
        Watch.objects.get_or_create(moderator=moderator, page=page)
    else:
        Watch.objects.filter(moderator=moderator, page=page).delete()
