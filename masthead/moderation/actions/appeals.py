"""Second looks: readers' appeals, and illegal-content notices."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.accounts.models import Notification
from masthead.community.actions import change_status
from masthead.community.models import Comment, IllegalContentNotice
from masthead.moderation import statements
from masthead.moderation.models import (
    Appeal,
    Claim,
    Decision,
    Statement,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User

from masthead.moderation.actions.base import (
    ModerationError,
    RejectReason,
    _lock,
    check_can_moderate,
)
from masthead.moderation.actions.comments import reject_comment
from masthead.moderation.actions.readers import _lock_standing

# Appeals -----------------------------------------------------------------------------------------


def appeal_decision(reader: User, statement: Statement, *, note: str) -> Appeal:
    """The author asks for a second look, once, within the appeal window."""
    if statement.reader_id != reader.pk:
        raise PermissionDenied("You can only appeal decisions about you.")
    note = note.strip()
    if not note:
        raise ModerationError("Tell us why you think the decision was wrong.")
    if statement.appeal_until <= timezone.now():
        raise ModerationError("The time to appeal this decision has passed.")
    try:
        with transaction.atomic():
            return Appeal.objects.create(statement=statement, reader=reader, note=note)
    except IntegrityError:
        raise ModerationError("You have already appealed this decision.") from None


def decide_appeal(
    moderator: User,
    appeal: Appeal,
    *,
    grant: bool,
    explanation: str = "",
    now: dt.datetime | None = None,
) -> Appeal:
    """Uphold or reverse the decision appealed; only a moderator who did not take it may.

    Reversing restores the comment or lifts the account restriction. The reader is told the
    outcome in their notifications and by e-mail.
    """
    check_can_moderate(moderator)
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Appeal.objects.select_for_update(of=("self",))
            .select_related("statement__decision", "statement__comment", "reader")
            .get(pk=appeal.pk)
        )
        original = locked.statement.decision
        if original.moderator_id == moderator.pk:
            raise PermissionDenied(
                "You took the decision under appeal: another moderator must review it."
            )
        if locked.status != Appeal.Status.PENDING:
            raise ModerationError("This appeal has already been decided.")
        if grant and not explanation.strip():
            explanation = "On a second look, the decision was not justified."
        locked.status = Appeal.Status.GRANTED if grant else Appeal.Status.UPHELD
        locked.decided_by, locked.decided_at, locked.explanation = moderator, now, explanation
        locked.save()
        comment = locked.statement.comment
        Decision.objects.create(
            comment=comment,
            subject=locked.reader,
            moderator=moderator,
            action=Decision.Action.APPEAL_GRANTED if grant else Decision.Action.APPEAL_UPHELD,
            reason=original.reason,
            detail={
                "appeal": locked.pk,
                "decision": original.pk,
                **({"explanation": explanation} if explanation else {}),
            },
            created_at=now,
        )
        if grant:
            _reverse(original, moderator, now)
        Notification.objects.create(
            reader=locked.reader,
            kind=Notification.Kind.APPEAL_OUTCOME,
            title="Your appeal was granted" if grant else "Your appeal was not granted",
            body=statements.appeal_outcome_text(locked),
            link=statements.statement_path(locked.statement),
            created_at=now,
        )
        from masthead.moderation import tasks

        appeal_id = locked.pk
        transaction.on_commit(lambda: tasks.send_appeal_outcome.enqueue(appeal_id))
    return locked


def _reverse(original: Decision, moderator: User, now: dt.datetime) -> None:
    """Undo what an appealed decision did, and only that, logged as decisions of their own."""
    reader = original.subject
    if original.action == Decision.Action.REJECT and original.comment_id:
        _restore_for_appeal(original.comment, original, moderator, now)  # type: ignore[arg-type]
    elif reader is not None and original.action in Decision.RESTRICTIONS:
        standing = _lock_standing(reader, now)
        if original.action == Decision.Action.PREMODERATE:
            standing.premoderated = False
        elif original.action == Decision.Action.SUSPEND:
            standing.suspended_until = None
        else:
            standing.banned = False
        standing.save()
        reader._standing_cache = standing  # type: ignore[attr-defined]
        Decision.objects.create(
            subject=reader,
            moderator=moderator,
            action=Decision.Action.LIFT,
            detail={"appeal_of": original.pk, "lifted": original.action},
            created_at=now,
        )
        if original.action == Decision.Action.BAN:
            # The comments the ban took down were part of the decision appealed.
            taken_with_it = Decision.objects.filter(
                subject=reader, action=Decision.Action.REJECT, detail__with_ban=original.pk
            ).select_related("comment")
            for rejection in taken_with_it:
                if rejection.comment is not None:
                    _restore_for_appeal(rejection.comment, original, moderator, now)


def _restore_for_appeal(
    comment: Comment, original: Decision, moderator: User, now: dt.datetime
) -> None:
    locked = _lock(comment)
    if locked.status != Comment.Status.REJECTED:
        return
    change_status(locked, Comment.Status.PUBLISHED)
    Decision.objects.create(
        comment=locked,
        subject=locked.author,
        moderator=moderator,
        action=Decision.Action.RESTORE,
        detail={"appeal_of": original.pk},
        created_at=now,
    )


# Illegal-content notices -------------------------------------------------------------------------


def review_notice(moderator: User, notice: IllegalContentNotice) -> IllegalContentNotice:
    """A moderator starts on a notice: it shows as under review, with their name."""
    check_can_moderate(moderator)
    IllegalContentNotice.objects.filter(
        pk=notice.pk, status=IllegalContentNotice.Status.RECEIVED
    ).update(status=IllegalContentNotice.Status.UNDER_REVIEW, reviewer=moderator)
    notice.refresh_from_db()
    return notice


def decide_notice(
    moderator: User,
    notice: IllegalContentNotice,
    *,
    remove: bool,
    legal_grounds: str,
    reasoning: str,
    now: dt.datetime | None = None,
) -> IllegalContentNotice:
    """Decide an illegal-content notice (EU DSA Art. 16): remove the comment, or keep it up.

    Either way the notifier is e-mailed the decision, its grounds and their options for redress;
    a removal also sends the comment's author a statement of reasons citing the law.
    """
    check_can_moderate(moderator)
    legal_grounds, reasoning = legal_grounds.strip(), reasoning.strip()
    if not reasoning:
        raise ModerationError("Explain the decision: the notifier receives this explanation.")
    if remove and not legal_grounds:
        raise ModerationError("Name the law the content breaks before removing it.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = IllegalContentNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.status == IllegalContentNotice.Status.DECIDED:
            raise ModerationError("This notice has already been decided.")
        if remove and locked.comment is None:
            raise ModerationError("This notice names no comment of ours to remove.")
        locked.status = IllegalContentNotice.Status.DECIDED
        outcome = IllegalContentNotice.Outcome
        locked.outcome = outcome.REMOVED if remove else outcome.NO_ACTION
        locked.legal_grounds, locked.reasoning = legal_grounds, reasoning
        locked.reviewer, locked.decided_at = moderator, now
        locked.save()
        Decision.objects.create(
            comment=locked.comment,
            subject=locked.comment.author if locked.comment else None,
            moderator=moderator,
            action=Decision.Action.NOTICE,
            reason=locked.outcome,
            detail={"notice": locked.pk, "legal_grounds": legal_grounds},
            created_at=now,
        )
        if remove and locked.comment is not None:
            Claim.objects.filter(comment=locked.comment).delete()
            reject_comment(
                moderator,
                locked.comment,
                reason=RejectReason.ILLEGAL,
                explanation=reasoning,
                legal_grounds=legal_grounds,
                now=now,
            )
        if locked.email:
            from masthead.moderation import tasks

            notice_id = locked.pk
            transaction.on_commit(lambda: tasks.send_notice_decision.enqueue(notice_id))
    return locked
