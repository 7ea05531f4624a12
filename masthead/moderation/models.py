"""The decision log: every decision on a comment or a reader, by a person or by a rule.

Append-only: a decision is never edited or deleted; a change of mind is a new decision. This is the
record statements of reasons (EU DSA Art. 17) and appeals are built from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
        # About readers
        WARN = "warn", "warned"
        PREMODERATE = "premoderate", "put on pre-moderation"
        SUSPEND = "suspend", "suspended"
        BAN = "ban", "banned"
        LIFT = "lift", "restrictions lifted"
        # Second looks
        APPEAL_UPHELD = "appeal_upheld", "appeal refused"
        APPEAL_GRANTED = "appeal_granted", "appeal granted"
        NOTICE = "notice", "illegal-content notice decided"

    # Decisions that restrict what a reader wrote or their account: each one gets a statement
    # of reasons (EU DSA Art. 17) and can be appealed.
    RESTRICTIONS = frozenset({"reject", "premoderate", "suspend", "ban"})

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
            # A writer's warnings, suspensions and bans on every card: each comment's screening
            # decision names its author too, so the action must be in the index.
            models.Index(fields=["subject", "action"], name="decision_subject_action_idx"),
            models.Index(fields=["moderator", "-created_at"], name="decision_moderator_idx"),
            models.Index(fields=["action", "-created_at"], name="decision_action_idx"),
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


@register_setting(icon="warning")
class ModerationSettings(BaseSiteSetting):
    """What moderators' decisions say to readers, and how long each step may take."""

    claim_minutes = models.PositiveIntegerField(
        default=5, help_text="How long a moderator holds a comment they opened."
    )
    appeal_days = models.PositiveIntegerField(
        default=183, help_text="How long after a decision its author may appeal (DSA: 6 months)."
    )
    warning_default = models.TextField(
        default="Please keep to our community guidelines. Further breaches may lead to your "
        "comments being held for review or your account being suspended."
    )
    appeal_info = models.TextField(
        default="If you think we got this wrong, you can ask for a second look once: another "
        "moderator, not the one who decided, will review it and tell you the outcome."
    )
    redress_info = models.TextField(
        default="You may also refer this decision to a certified out-of-court dispute settlement "
        "body (EU Digital Services Act, Art. 21), or take it to court."
    )
    report_removed = models.TextField(
        default="Thank you for your report. We reviewed the comment and removed it."
    )
    report_kept = models.TextField(
        default="Thank you for your report. We reviewed the comment and found it does not break "
        "our community guidelines, so it stays up."
    )

    panels = [
        FieldPanel("claim_minutes"),
        FieldPanel("appeal_days"),
        FieldPanel("warning_default"),
        FieldPanel("appeal_info"),
        FieldPanel("redress_info"),
        FieldPanel("report_removed"),
        FieldPanel("report_kept"),
    ]

    class Meta:
        verbose_name = "moderation"
        permissions = [
            (
                "view_personal_data",
                "Can see readers' e-mail addresses and IP addresses in the moderation area",
            )
        ]


class Standing(models.Model):
    """What a reader may do in the community, as moderators' decisions left it."""

    reader = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="standing",
    )
    premoderated = models.BooleanField(default=False)
    suspended_until = models.DateTimeField(null=True, blank=True)
    banned = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Standing of reader {self.reader_id}"

    def suspended(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.suspended_until is not None and self.suspended_until > now

    def restricted(self, now: dt.datetime | None = None) -> bool:
        return self.banned or self.premoderated or self.suspended(now)


class ModeratorNote(models.Model):
    """What moderators want each other to know about a reader; never shown to the reader."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["reader", "-created_at"], name="note_reader_idx")]

    def __str__(self) -> str:
        return f"Note on reader {self.reader_id}"


class Claim(models.Model):
    """A moderator is deciding this comment: others see who, until the claim expires."""

    comment = models.OneToOneField(
        "community.Comment", primary_key=True, on_delete=models.CASCADE, related_name="claim"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Comment {self.comment_id} claimed by {self.moderator_id}"


class Watch(models.Model):
    """A story a moderator keeps an eye on: the queues can show only watched stories."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    page = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moderator", "page"], name="one_watch_per_story")
        ]

    def __str__(self) -> str:
        return f"Moderator {self.moderator_id} watches {self.page_id}"


class Statement(models.Model):
    """A statement of reasons (EU DSA Art. 17) to a reader whose comment or account was
    restricted, written when the decision was taken and never changed afterwards."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="statement")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statements"
    )
    comment = models.ForeignKey(
        "community.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restriction = models.TextField(help_text="What was restricted, and for how long.")
    facts = models.TextField(help_text="The facts and circumstances the decision rests on.")
    grounds = models.TextField(help_text="The guideline or law relied on, and why it applies.")
    automated = models.BooleanField(help_text="Whether automated means took the decision.")
    appeal_until = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["reader", "-created_at"], name="statement_reader_idx")]

    def __str__(self) -> str:
        return f"Statement {self.pk} to reader {self.reader_id}"

    def can_appeal(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.appeal_until > now and not Appeal.objects.filter(statement=self).exists()


class Appeal(models.Model):
    """A reader asks for a second look at a decision in a statement: once, decided by another
    moderator than the one who took the decision."""

    class Status(models.TextChoices):
        PENDING = "pending", "awaiting review"
        UPHELD = "upheld", "decision upheld"
        GRANTED = "granted", "decision reversed"

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="appeal")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    note = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    explanation = models.TextField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="appeal_queue_idx")]

    def __str__(self) -> str:
        return f"Appeal {self.pk} ({self.get_status_display()})"
