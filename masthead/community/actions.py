"""Everything readers do in the community, as actions the views, admin, API and tests all call.

Each action checks who may do it, writes inside one short transaction, records any decision in the
moderation log, and schedules side effects (e-mail, page-cache purges) for after the commit.
Inputs from readers are validated by the forms first; actions trust their types, not their
permissions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from wagtail.models import Site

from masthead.community import screening
from masthead.community.markup import render_comment
from masthead.community.models import (
    MAX_DEPTH,
    Comment,
    CommentRevision,
    CommunitySettings,
    IllegalContentNotice,
    Recommendation,
    Report,
    ReportReason,
    Thread,
)
from masthead.lib import pagecache
from masthead.moderation.models import Decision, Standing

if TYPE_CHECKING:
    from masthead.accounts.models import User
    from masthead.news.models import ArticlePage


class CommunityError(Exception):
    """A reader may not do this now; the message says why, in words they can act on."""

    def __init__(self, message: str, *, retry_after: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


Outcome = Literal["published", "held", "rejected", "confirm"]


@dataclass(frozen=True)
class Posted:
    """What became of a submitted comment. `comment` is None only for "confirm": the writer was
    warned the comment may break the guidelines and nothing was stored yet."""

    outcome: Outcome
    message: str
    comment: Comment | None = None


def community_settings(page: ArticlePage | None = None) -> CommunitySettings:
    site = page.get_site() if page is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    assert site is not None, "a site must exist before readers can comment"
    return CommunitySettings.for_site(site)


def closing_time(page: ArticlePage, settings: CommunitySettings) -> dt.datetime | None:
    days = settings.close_after_days
    start = page.first_published_at or timezone.now()
    return start + dt.timedelta(days=days) if days else None


def thread_for(page: ArticlePage) -> Thread:
    """The article's thread, created on first use with its automatic closing time."""
    thread = Thread.objects.filter(page=page).first()
    if thread is None:
        closes_at = closing_time(page, community_settings(page))
        thread, _ = Thread.objects.get_or_create(page=page, defaults={"closes_at": closes_at})
    thread.page = page  # spare a query wherever the thread's article is needed next
    return thread


def unsaved_thread(page: ArticlePage, settings: CommunitySettings) -> Thread:
    """What the thread will be when the first comment creates it: for reading, never saved."""
    return Thread(page=page, closes_at=closing_time(page, settings))


def standing_of(user: User) -> Standing | None:
    from masthead.moderation.actions import standing_of

    return standing_of(user)


def is_verified(user: User) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def check_can_comment(user: User, thread: Thread, *, now: dt.datetime | None = None) -> None:
    if not user.is_authenticated:
        raise CommunityError("Sign in to comment.")
    if not user.is_active:
        raise CommunityError("This account cannot comment.")
    if not is_verified(user):
        raise CommunityError("Confirm your e-mail address before your first comment.")
    check_standing(user, now)
    if thread.is_closed(now):
        raise CommunityError("Comments are closed on this story.")


def check_standing(user: User, now: dt.datetime | None = None) -> None:
    """Refuse a banned or suspended reader, saying until when."""
    standing = standing_of(user)
    if standing is not None and standing.banned:
        raise CommunityError("Your account can no longer comment. Your notifications say why.")
    if standing is not None and standing.suspended(now):
        until = timezone.localtime(standing.suspended_until)  # type: ignore[arg-type]
        raise CommunityError(
            f"Your account is suspended from commenting until {until:%-d %B %Y, %H:%M}. "
            "Your notifications say why."
        )


def purge_thread(thread: Thread) -> None:
    """After the commit, drop the cached copies of the thread's article."""
    page = thread.page
    transaction.on_commit(lambda: pagecache.purge_path(page.url or "/"))


def notify_if_answer(comment: Comment) -> None:
    """After the commit, e-mail the reader a newly visible reply answers (once, from the worker)."""
    if comment.status == Comment.Status.PUBLISHED and comment.reply_to_id:
        from masthead.community import tasks

        comment_id = comment.pk
        transaction.on_commit(lambda: tasks.notify_reply.enqueue(comment_id))


def change_status(comment: Comment, status: str) -> None:
    """Move a comment to a new status, keeping everything that depends on it in step: the
    thread's and the top comment's counts, and editors' picks (only a visible comment is one).

    Trusted: the caller holds the comment's row lock inside a transaction and logs the decision.
    """
    was_visible = comment.status == Comment.Status.PUBLISHED
    visible = status == Comment.Status.PUBLISHED
    comment.status = status
    fields = ["status"]
    if comment.featured and not visible:
        comment.featured = False
        fields.append("featured")
        Thread.objects.filter(pk=comment.thread_id).update(featured_count=F("featured_count") - 1)
    comment.save(update_fields=fields)
    if was_visible != visible:
        _adjust_counts(comment, +1 if visible else -1)
    purge_thread(comment.thread)


def post_comment(
    author: User,
    page: ArticlePage,
    *,
    body: str,
    parent: Comment | None = None,
    ip: str | None = None,
    confirmed: bool = False,
    now: dt.datetime | None = None,
    settings: CommunitySettings | None = None,
) -> Posted:
    """Screen and store a new comment or reply; return what became of it.

    `body` must already be cleaned by CommentForm (stripped, not empty, within the length limit).
    `settings` may be passed by a caller that already loaded the site's community settings.
    """
    now = now or timezone.now()
    thread = thread_for(page)
    check_can_comment(author, thread, now=now)
    settings = settings or community_settings(page)
    if parent is not None and (
        parent.thread_id != thread.pk or parent.status != Comment.Status.PUBLISHED
    ):
        raise CommunityError("The comment you are replying to is no longer available.")
    if (
        Comment.objects.filter(author=author, thread=thread, body=body)
        .exclude(status=Comment.Status.REJECTED)
        .exists()
    ):
        raise CommunityError("You have already posted this comment here.")

    submission = screening.Submission(
        text=body,
        author=author,
        thread=thread,
        ip=ip,
        settings=settings,
        now=now,
        confirmed=confirmed,
    )
    verdict = screening.screen(submission)
    if verdict.action == "limit":
        raise CommunityError(
            f"You are commenting faster than we allow. Please try again in "
            f"{verdict.retry_after} seconds.",
            retry_after=verdict.retry_after,
        )
    if verdict.action == "confirm":
        return Posted("confirm", settings.toxicity_warning)

    status = {
        "publish": Comment.Status.PUBLISHED,
        "hold": Comment.Status.PENDING,
        "reject": Comment.Status.REJECTED,
    }[verdict.action]
    # Rendering happens before the transaction: on SQLite the write lock is held only for
    # the writes themselves.
    html = render_comment(body)
    with transaction.atomic():
        comment = Comment(
            thread=thread,
            author=author,
            body=body,
            html=html,
            status=status,
            created_at=now,
            ip_address=ip,
        )
        if parent is not None:
            _place_reply(comment, parent)
        comment.save()
        decision = Decision.objects.create(
            comment=comment,
            subject=author,
            rule=verdict.rule or "screening",
            action={
                "publish": Decision.Action.PUBLISH,
                "hold": Decision.Action.HOLD,
                "reject": Decision.Action.REJECT,
            }[verdict.action],
            reason=verdict.rule,
            detail=verdict.detail,
            created_at=now,
        )
        if status == Comment.Status.PUBLISHED:
            _adjust_counts(comment, +1)
        elif status == Comment.Status.REJECTED:
            _issue_statement(decision)
        screening.record_rate_limits(submission)
        notify_if_answer(comment)
        purge_thread(thread)

    if status == Comment.Status.PUBLISHED:
        return Posted("published", "Your comment is published.", comment)
    if status == Comment.Status.PENDING:
        return Posted("held", settings.held_message, comment)
    return Posted("rejected", settings.banned_message, comment)


def _issue_statement(decision: Decision) -> None:
    from masthead.moderation.actions import issue_statement

    issue_statement(decision)


def _place_reply(comment: Comment, parent: Comment) -> None:
    """Nest under the parent, or, past three levels, beside it at the third, naming whom it
    answers."""
    comment.reply_to = parent
    comment.reply_to_name = parent.author.public_name if parent.author else ""
    comment.root_id = parent.root_id or parent.pk
    if parent.depth < MAX_DEPTH:
        comment.parent = parent
        comment.depth = parent.depth + 1
    else:
        comment.parent_id = parent.parent_id
        comment.depth = MAX_DEPTH


def _adjust_counts(comment: Comment, delta: int) -> None:
    """Keep the thread's and the top comment's counts in step with what readers can see."""
    Thread.objects.filter(pk=comment.thread_id).update(comment_count=F("comment_count") + delta)
    if comment.root_id:
        Comment.objects.filter(pk=comment.root_id).update(reply_count=F("reply_count") + delta)


def edit_comment(
    author: User, comment: Comment, *, body: str, now: dt.datetime | None = None
) -> Comment:
    """Change one's own comment within the edit window; the old text is kept as a revision.

    The new text is screened like a new comment: an edit cannot slip past the rules.
    """
    now = now or timezone.now()
    settings = community_settings(comment.thread.page)
    if comment.author_id != author.pk:
        raise CommunityError("You can only edit your own comments.")
    check_standing(author, now)
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        raise CommunityError("This comment can no longer be edited.")
    if now - comment.created_at > dt.timedelta(minutes=settings.edit_window_minutes):
        raise CommunityError(
            f"Comments can be edited for {settings.edit_window_minutes} minutes after posting."
        )
    if body == comment.body:
        return comment
    submission = screening.Submission(
        text=body,
        author=author,
        thread=comment.thread,
        ip=None,
        settings=settings,
        now=now,
        confirmed=True,
    )
    # An edit is not a new comment for the rate limits, but its words face every content rule.
    verdict = screening.screen_content(submission)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        CommentRevision.objects.create(comment=locked, body=locked.body, html=locked.html)
        locked.body, locked.html, locked.edited_at = body, render_comment(body), now
        locked.save()
        if verdict.action in ("hold", "reject") and locked.status == Comment.Status.PUBLISHED:
            change_status(
                locked,
                Comment.Status.PENDING if verdict.action == "hold" else Comment.Status.REJECTED,
            )
            decision = Decision.objects.create(
                comment=locked,
                subject=author,
                rule=verdict.rule,
                action=Decision.Action.HOLD if verdict.action == "hold" else Decision.Action.REJECT,
                reason=verdict.rule,
                detail={**verdict.detail, "on": "edit"},
            )
            _issue_statement(decision)
        purge_thread(locked.thread)
    return locked


def delete_comment(author: User, comment: Comment) -> Comment:
    """Delete one's own comment: a "[deleted]" tombstone if others replied, else gone from view.

    The text stays in the moderation record; only the author's erasure of their account wipes it.
    """
    if comment.author_id != author.pk:
        raise CommunityError("You can only delete your own comments.")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.status in (Comment.Status.DELETED, Comment.Status.WITHDRAWN):
            return locked
        change_status(
            locked,
            Comment.Status.DELETED if has_visible_replies(locked) else Comment.Status.WITHDRAWN,
        )
    return locked


def has_visible_replies(comment: Comment) -> bool:
    """Replies under it, or answers to it that sit beside it at the deepest level."""
    return Comment.objects.filter(Q(parent=comment) | Q(reply_to=comment)).visible().exists()


def recommend_comment(reader: User, comment: Comment) -> bool:
    """Recommend a comment, or take the recommendation back; return whether it is recommended."""
    if not reader.is_authenticated:
        raise CommunityError("Sign in to recommend comments.")
    if comment.author_id == reader.pk:
        raise CommunityError("You cannot recommend your own comment.")
    if comment.status != Comment.Status.PUBLISHED:
        raise CommunityError("This comment is not available.")
    with transaction.atomic():
        deleted, _ = Recommendation.objects.filter(comment=comment, reader=reader).delete()
        if deleted:
            Comment.objects.filter(pk=comment.pk).update(recommend_count=F("recommend_count") - 1)
            recommended = False
        else:
            try:
                with transaction.atomic():
                    Recommendation.objects.create(comment=comment, reader=reader)
            except IntegrityError:  # a double click racing itself: already recommended
                return True
            Comment.objects.filter(pk=comment.pk).update(recommend_count=F("recommend_count") + 1)
            recommended = True
        purge_thread(comment.thread)
    return recommended


def report_comment(
    reporter: User, comment: Comment, *, reason: ReportReason, note: str = ""
) -> Report:
    """Record a reader's report; enough distinct reports hide the comment until a moderator looks.

    One report per reader per comment: a repeat returns the first and changes nothing.
    """
    if not reporter.is_authenticated:
        raise CommunityError("Sign in to report a comment, or send an illegal-content notice.")
    if comment.author_id == reporter.pk:
        raise CommunityError("You cannot report your own comment.")
    if reason.illegal:
        raise CommunityError("Illegal content is reported through the notice form.")
    with transaction.atomic():
        existing = Report.objects.filter(comment=comment, reporter=reporter).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    comment=comment, reporter=reporter, reason=reason, note=note
                )
        except IntegrityError:
            return Report.objects.get(comment=comment, reporter=reporter)
        if not reason.counts:
            return report  # "I just disagree": recorded, shown to nobody as a report
        Comment.objects.filter(pk=comment.pk).update(
            report_count=F("report_count") + 1,
            open_report_count=F("open_report_count") + 1,
            last_reported_at=report.created_at,
        )
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        threshold = community_settings(locked.thread.page).reports_to_hide
        # Reports since a moderator last looked: an approved comment needs fresh reports
        # to be hidden again.
        if locked.status == Comment.Status.PUBLISHED and locked.open_report_count >= threshold:
            change_status(locked, Comment.Status.PENDING)
            Decision.objects.create(
                comment=locked,
                subject=locked.author,
                rule="reports",
                action=Decision.Action.HIDE,
                reason="reports",
                detail={"reports": locked.open_report_count, "threshold": threshold},
            )
    return report


def send_notice(
    *,
    comment: Comment | None,
    comment_url: str,
    law: str,
    explanation: str,
    name: str = "",
    email: str = "",
    notifier: User | None = None,
) -> IllegalContentNotice:
    """Receive an illegal-content notice (EU DSA Art. 16); the notifier gets a receipt if they
    gave an address. The form has checked the good-faith confirmation."""
    with transaction.atomic():
        notice = IllegalContentNotice.objects.create(
            comment=comment,
            comment_url=comment_url,
            law=law,
            explanation=explanation,
            name=name,
            email=email,
            good_faith=True,
            notifier=notifier if notifier is not None and notifier.is_authenticated else None,
        )
        if email:
            from masthead.community import tasks

            notice_id = notice.pk
            transaction.on_commit(lambda: tasks.send_notice_receipt.enqueue(notice_id))
    return notice


COMMENT_IN_URL = re.compile(r"(?:/community/comments/|#comment-)(\d+)")


def comment_from_url(url: str) -> Comment | None:
    """The comment a pasted permalink or page anchor points at, if it is one of ours."""
    match = COMMENT_IN_URL.search(url)
    return Comment.objects.filter(pk=int(match.group(1))).first() if match else None


def close_thread(page: ArticlePage, *, closed: bool = True) -> Thread:
    thread = thread_for(page)
    Thread.objects.filter(pk=thread.pk).update(closed=closed)
    thread.closed = closed
    with transaction.atomic():
        purge_thread(thread)
    return thread


def erase_comments_of(reader: User) -> None:
    """On account deletion: wipe the reader's words; keep "[deleted]" where others replied.

    A comment of theirs that other people's comments hang from stays as an empty tombstone, so
    nobody else's words are lost; the rest disappear. Decisions about the reader's comments stay
    in the moderation log, which holds no comment text.
    """
    with transaction.atomic():
        # Lock their rows first; the counts below are read without FOR UPDATE, which
        # PostgreSQL does not allow with GROUP BY.
        list(Comment.objects.select_for_update().filter(author=reader).values_list("pk"))
        published = Comment.objects.filter(author=reader, status=Comment.Status.PUBLISHED)
        for row in published.values("thread_id").annotate(n=Count("id")):
            Thread.objects.filter(pk=row["thread_id"]).update(
                comment_count=F("comment_count") - row["n"]
            )
        for by_root in (
            published.filter(root__isnull=False).values("root_id").annotate(n=Count("id"))
        ):
            Comment.objects.filter(pk=by_root["root_id"]).update(
                reply_count=F("reply_count") - by_root["n"]
            )
        others = Comment.objects.exclude(author=reader)
        # Deep replies name the reader they answer; that name must not outlive the account.
        others.filter(reply_to__author=reader).update(reply_to_name="")
        keep = set(others.filter(parent__author=reader).values_list("parent_id", flat=True))
        keep |= set(others.filter(root__author=reader).values_list("root_id", flat=True))
        CommentRevision.objects.filter(comment__author=reader).delete()
        Comment.objects.filter(pk__in=keep).update(
            author=None, body="", html="", status=Comment.Status.DELETED, ip_address=None
        )
        Comment.objects.filter(author=reader).delete()
        transaction.on_commit(pagecache.purge)
