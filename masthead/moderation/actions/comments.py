"""Decisions on comments: approve, reject, restore, feature, and bulk decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from masthead.community.actions import change_status, notify_if_answer, purge_thread
from masthead.community.models import Comment, Report, Thread
from masthead.moderation.models import (
    Decision,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User

from masthead.moderation.actions.base import (
    ModerationError,
    _check_claim,
    _check_reason,
    _lock,
    _reviewed,
    check_can_moderate,
    issue_statement,
)

# Decisions on comments ---------------------------------------------------------------------------


def feature_comment(moderator: User, comment: Comment, *, featured: bool = True) -> Comment:
    """Make a published comment an editors' pick, or stop it being one."""
    check_can_moderate(moderator)
    with transaction.atomic():
        locked = _lock(comment)
        if locked.featured == featured:
            return locked
        if featured and locked.status != Comment.Status.PUBLISHED:
            raise ModerationError("Only a published comment can be an editors' pick.")
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


def approve_comment(
    moderator: User, comment: Comment, *, now: dt.datetime | None = None
) -> Comment:
    """Publish a held comment, keep a reported one up, or restore a rejected one."""
    check_can_moderate(moderator)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(comment)
        _check_claim(moderator, locked, now)
        if locked.status not in (
            Comment.Status.PENDING,
            Comment.Status.REJECTED,
            Comment.Status.PUBLISHED,
        ):
            raise ModerationError("A comment its author deleted cannot be approved.")
        if (
            locked.status == Comment.Status.PUBLISHED
            and locked.reviewed_at is not None
            and not locked.open_report_count
        ):
            return locked  # already approved, nothing new to decide
        restoring = locked.status == Comment.Status.REJECTED
        if locked.status != Comment.Status.PUBLISHED:
            change_status(locked, Comment.Status.PUBLISHED)
        _reviewed(locked, Report.Outcome.KEPT, now)
        Decision.objects.create(
            comment=locked,
            subject=locked.author,
            moderator=moderator,
            action=Decision.Action.RESTORE if restoring else Decision.Action.APPROVE,
            created_at=now,
        )
        notify_if_answer(locked)
    return locked


def restore_comment(moderator: User, comment: Comment) -> Comment:
    """Bring a rejected comment back into view (a change of mind is a new decision)."""
    if comment.status != Comment.Status.REJECTED:
        raise ModerationError("Only a rejected comment can be restored.")
    return approve_comment(moderator, comment)


def reject_comment(
    moderator: User,
    comment: Comment,
    *,
    reason: str,
    explanation: str = "",
    legal_grounds: str = "",
    now: dt.datetime | None = None,
) -> Comment:
    """Take a comment out of view for a stated reason. Its author gets a statement of reasons
    and may appeal; its reporters are told."""
    check_can_moderate(moderator)
    _check_reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(comment)
        _check_claim(moderator, locked, now)
        if locked.status not in (
            Comment.Status.PENDING,
            Comment.Status.PUBLISHED,
            Comment.Status.REJECTED,
        ):
            raise ModerationError("A comment its author deleted cannot be rejected.")
        if locked.status == Comment.Status.REJECTED and not locked.open_report_count:
            return locked
        change_status(locked, Comment.Status.REJECTED)
        _reviewed(locked, Report.Outcome.REMOVED, now)
        detail = {}
        if explanation:
            detail["explanation"] = explanation
        if legal_grounds:
            detail["legal_grounds"] = legal_grounds
        decision = Decision.objects.create(
            comment=locked,
            subject=locked.author,
            moderator=moderator,
            action=Decision.Action.REJECT,
            reason=reason,
            detail=detail,
            created_at=now,
        )
        issue_statement(decision)
    return locked


def bulk_decide(
    moderator: User,
    comment_ids: list[int],
    decide: Callable[[Comment], object],
) -> tuple[int, list[str]]:
    """Apply one decision to a selection, each through its own action and transaction.

    Returns how many were decided and, for each that was not, why (held by another moderator,
    deleted by its author meanwhile...). One failure never undoes the others.
    """
    check_can_moderate(moderator)
    done, problems = 0, []
    for comment in Comment.objects.filter(pk__in=comment_ids).order_by("pk"):
        try:
            decide(comment)
        except ModerationError as exc:
            problems.append(f"Comment {comment.pk}: {exc.message}")
        else:
            done += 1
    missing = len(set(comment_ids)) - done - len(problems)
    if missing:
        problems.append(f"{missing} selected comment(s) no longer exist.")
    return done, problems
