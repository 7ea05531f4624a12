"""The decision log: every decision on a comment or a reader, by a person or by a rule.

Append-only: a decision is never edited or deleted; a change of mind is a new decision. This is the
record statements of reasons (EU DSA Art. 17) and appeals are built from.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    pass


class DecisionQuerySet(models.QuerySet["Decision"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Decisions are never deleted.")

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Decisions are never changed; record a new one.")


class Decision(models.Model):
    class Action(models.TextChoices):
        PUBLISH = "publish", "published"
        HOLD = "hold", "held for review"
        REJECT = "reject", "rejected"
        HIDE = "hide", "hidden after reports"
        APPROVE = "approve", "approved"
        RESTORE = "restore", "restored"
        FEATURE = "feature", "featured"
        UNFEATURE = "unfeature", "unfeatured"

    comment = models.ForeignKey(
        "community.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_about",
        help_text="The reader the decision concerns.",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_taken",
    )
    rule = models.CharField(
        max_length=50, blank=True, help_text="The automatic rule that decided, if no person did."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.CharField(max_length=50, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["comment", "-created_at"], name="decision_comment_idx"),
            models.Index(fields=["subject", "-created_at"], name="decision_subject_idx"),
        ]

    def __str__(self) -> str:
        who = f"rule {self.rule}" if self.rule else f"moderator {self.moderator_id}"
        return f"{self.get_action_display()} by {who}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Decisions are never changed; record a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Decisions are never deleted.")

    @property
    def automated(self) -> bool:
        return bool(self.rule)
