"""Moderators' decisions. Each checks permission, writes one transaction, logs one Decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from masthead.community.models import Comment, Thread
from masthead.lib import pagecache
from masthead.moderation.models import Decision

if TYPE_CHECKING:
    from masthead.accounts.models import User


def check_can_moderate(moderator: User) -> None:
    if not moderator.has_perm("community.change_comment"):
        raise PermissionDenied("You do not have permission to moderate comments.")


def feature_comment(moderator: User, comment: Comment, *, featured: bool = True) -> Comment:
    """Make a published comment an editors' pick, or stop it being one."""
    check_can_moderate(moderator)
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("thread__page")
            .get(pk=comment.pk)
        )
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
        url = locked.thread.page.url or "/"
        transaction.on_commit(lambda: pagecache.purge_path(url))
    return locked
