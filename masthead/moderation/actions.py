"""Moderators' decisions. Each checks permission, writes one transaction, logs one Decision, and
schedules what follows (statements of reasons, reporters told, e-mails) for after the commit.

The back office, bulk actions, management commands and tests all call these, so a permission or a
rule cannot be skipped by taking another way in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Site

from masthead.accounts.models import Notification
from masthead.community.actions import change_status, notify_if_answer, purge_thread
from masthead.community.models import Comment, IllegalContentNotice, Report, Thread
from masthead.moderation import statements
from masthead.moderation.models import (
    Appeal,
    Claim,
    Decision,
    ModerationSettings,
    ModeratorNote,
    Standing,
    Statement,
    Watch,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User
    from masthead.news.models import ArticlePage


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


# Decisions on comments ---------------------------------------------------------------------------


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
