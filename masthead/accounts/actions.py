"""Changes readers make to their own accounts, and the data they can take away or erase."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from masthead.accounts.models import User

# Display names change rarely; a limit stops impersonation games in a busy thread.
DISPLAY_NAME_INTERVAL = dt.timedelta(days=1)

EXPORT_FORMAT = "masthead-reader-data"
EXPORT_VERSION = 1
# The one account field a reader never gets back: a hash is no use to them and a gift to anyone
# who intercepts the file.
NOT_EXPORTED = frozenset({"password"})


class AccountError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def update_account(
    user: User, *, display_name: str, reply_notifications: bool, now: dt.datetime | None = None
) -> User:
    """Save a reader's settings; the display name may change once a day."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if display_name != locked.display_name:
            changed = locked.display_name_changed_at
            if changed is not None and now - changed < DISPLAY_NAME_INTERVAL:
                wait = changed + DISPLAY_NAME_INTERVAL - now
                hours = max(1, round(wait.total_seconds() / 3600))
                raise AccountError(
                    f"You changed your display name recently; you can change it again in about "
                    f"{hours} hour{'s' if hours != 1 else ''}."
                )
            locked.display_name = display_name
            locked.display_name_changed_at = now
        locked.reply_notifications = reply_notifications
        locked.save(
            update_fields=["display_name", "display_name_changed_at", "reply_notifications"]
        )
    return locked


def is_newsroom_account(user: User) -> bool:
    """Staff and anyone in a back-office group: their accounts are closed by an administrator."""
    return bool(user.is_staff or user.is_superuser or user.groups.exists())


# Export ------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _absolute(url: str | None) -> str:
    if not url:
        return ""
    return settings.SITE_URL + url if url.startswith("/") else url


def _permalink(comment_id: int) -> str:
    return _absolute(reverse("community:permalink", args=[comment_id]))


def export_data(user: User) -> dict[str, Any]:
    """Everything Masthead holds about a reader, as plain JSON-ready data.

    Their own words and choices in full; other people only as links (the comments they
    recommended or reported, never those comments' text or authors). From the moderation log,
    what was decided about them and by which rule, never who decided or a moderator's notes.
    """
    from allauth.account.models import EmailAddress

    from masthead.community.models import (
        Comment,
        IllegalContentNotice,
        Recommendation,
        Report,
    )
    from masthead.moderation.models import Decision

    account = {
        field.name: _plain(field.value_from_object(user))
        for field in User._meta.concrete_fields
        if field.name not in NOT_EXPORTED
    }
    account["groups"] = list(user.groups.values_list("name", flat=True))
    account["profile_url"] = _absolute(reverse("accounts:profile", args=[user.pk]))

    emails = [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("pk")
    ]

    comments = []
    for comment in (
        Comment.objects.filter(author=user)
        .select_related("thread__page")
        .prefetch_related("revisions")
        .order_by("created_at", "pk")
    ):
        page = comment.thread.page
        comments.append(
            {
                "id": comment.pk,
                "url": _permalink(comment.pk),
                "article": {"title": page.title, "url": _absolute(page.get_url())},
                "in_reply_to": comment.reply_to_id or comment.parent_id,
                "status": comment.status,
                "text": comment.body,
                "created_at": _plain(comment.created_at),
                "edited_at": _plain(comment.edited_at),
                "featured": comment.featured,
                "recommendations": comment.recommend_count,
                "ip_address": comment.ip_address,
                "previous_versions": [
                    {"text": revision.body, "replaced_at": _plain(revision.created_at)}
                    for revision in sorted(comment.revisions.all(), key=lambda r: r.pk)
                ],
            }
        )

    recommendations = [
        {
            "comment_url": _permalink(rec.comment_id),
            "article": {
                "title": rec.comment.thread.page.title,
                "url": _absolute(rec.comment.thread.page.get_url()),
            },
            "created_at": _plain(rec.created_at),
        }
        for rec in Recommendation.objects.filter(reader=user)
        .select_related("comment__thread__page")
        .order_by("created_at", "pk")
    ]

    reports = [
        {
            "comment_url": _permalink(report.comment_id),
            "reason": report.reason.label,
            "note": report.note,
            "created_at": _plain(report.created_at),
        }
        for report in Report.objects.filter(reporter=user)
        .select_related("reason")
        .order_by("created_at", "pk")
    ]

    notices = [
        {
            "comment_url": notice.comment_url,
            "law": notice.law,
            "explanation": notice.explanation,
            "name": notice.name,
            "email": notice.email,
            "good_faith": notice.good_faith,
            "status": notice.status,
            "created_at": _plain(notice.created_at),
        }
        for notice in IllegalContentNotice.objects.filter(notifier=user).order_by(
            "created_at", "pk"
        )
    ]

    decisions = [
        {
            "action": decision.action,
            "description": decision.get_action_display(),
            "decided_by": f"automatic rule: {decision.rule}" if decision.rule else "a moderator",
            "reason": decision.reason,
            "comment_url": _permalink(decision.comment_id) if decision.comment_id else "",
            "created_at": _plain(decision.created_at),
        }
        for decision in Decision.objects.filter(subject=user).order_by("created_at", "pk")
    ]

    from masthead.support.models import Contribution

    contributions = [
        {
            "amount": contribution.amount / 100,
            "currency": contribution.currency,
            "frequency": contribution.frequency,
            "status": contribution.status,
            "email": contribution.email,
            "test_mode": contribution.test_mode,
            "created_at": _plain(contribution.created_at),
            "paid_at": _plain(contribution.paid_at) if contribution.paid_at else "",
        }
        for contribution in Contribution.objects.filter(reader=user).order_by("created_at", "pk")
    ]

    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "site": settings.SITE_URL,
        "exported_at": _plain(timezone.now()),
        "account": account,
        "email_addresses": emails,
        "comments": comments,
        "recommendations": recommendations,
        "reports": reports,
        "illegal_content_notices": notices,
        "moderation_decisions": decisions,
        "contributions": contributions,
    }


# Deletion ----------------------------------------------------------------------------------------


def delete_account(user: User, *, password: str) -> None:
    """Erase a reader's account once they have confirmed it with their password.

    Comments others replied to stay as empty "[deleted]" tombstones, the rest go (see
    community.actions.erase_comments_of). Recommendations are withdrawn from the counts. Reports
    and illegal-content notices stay for the moderation record, detached from the reader and
    without their words or contact details, except a notice's legal grounds and explanation,
    which the decision on it rests on. Decisions about the reader stay with no subject: the log
    is append-only. See docs/privacy.md.
    """
    from allauth.account.models import EmailAddress

    from masthead.community.actions import erase_comments_of
    from masthead.community.models import Comment, IllegalContentNotice, Recommendation, Report

    if is_newsroom_account(user):
        raise AccountError(
            "Newsroom accounts cannot be deleted here. Please ask an administrator to close "
            "your account."
        )
    if not user.check_password(password):
        raise AccountError("That is not your password. Your account has not been deleted.")
    user_id = user.pk
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user_id)
        erase_comments_of(locked)
        recommended = Recommendation.objects.filter(reader=locked)
        Comment.objects.filter(
            pk__in=recommended.values("comment_id"), recommend_count__gt=0
        ).update(recommend_count=F("recommend_count") - 1)
        recommended.delete()
        # A report still counts towards what happened to the comment; the reader's note goes.
        Report.objects.filter(reporter=locked).update(reporter=None, note="")
        IllegalContentNotice.objects.filter(notifier=locked).update(
            notifier=None, name="", email=""
        )
        EmailAddress.objects.filter(user=locked).delete()
        locked.delete()
        # Sessions are not in the user's rows: finding them means reading every live one, which
        # is not worth holding the write lock for. The account is gone either way.
        transaction.on_commit(lambda: end_sessions_of(user_id))


def end_sessions_of(user_id: int) -> int:
    """Delete every stored session signed in as this user; return how many.

    Database-backed session engines only: the others cannot be searched, and a session whose
    user no longer exists signs nobody in.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0
    wanted = str(user_id)
    store = store_class()
    keys = [
        key
        for key, data in store_class.get_model_class()
        .objects.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
        .iterator(chunk_size=2000)
        if str(store.decode(data).get("_auth_user_id")) == wanted
    ]
    for key in keys:
        store_class(session_key=key).delete()
    return len(keys)
