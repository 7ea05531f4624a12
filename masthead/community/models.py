"""Readers' comments under articles: threads, comments, recommendations, reports and notices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.snippets.models import register_snippet

from masthead.community.scorer.categories import (
    CATEGORY_FLOOR,
    DEFAULT_HOLD_THRESHOLD,
    DEFAULT_REJECT_THRESHOLD,
    HOLD_CATEGORIES,
    HOLD_CATEGORY_CHOICES,
)

MAX_DEPTH = 2  # top level is 0: three levels in all


def _validate_categories(value: object) -> None:
    if not isinstance(value, list) or not set(value) <= set(HOLD_CATEGORIES):
        raise ValidationError(f"Choose among: {', '.join(HOLD_CATEGORIES)}.")


class CategoryListField(models.JSONField):
    """A list of the scorer's hold categories, edited as checkboxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        self.validators = [*self.validators, _validate_categories]

    def formfield(self, **kwargs: Any) -> forms.Field:
        return forms.MultipleChoiceField(
            choices=HOLD_CATEGORY_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


def _threshold_field(category: str) -> models.FloatField:
    label = dict(HOLD_CATEGORY_CHOICES)[category]
    return models.FloatField(
        null=True,
        blank=True,
        verbose_name=f"{label}: hold above",
        validators=[MinValueValidator(CATEGORY_FLOOR), MaxValueValidator(1.0)],
        help_text="Blank: the general threshold.",
    )


_PROBABILITY = [MinValueValidator(0.0), MaxValueValidator(1.0)]


@register_setting(icon="group")
class CommunitySettings(BaseSiteSetting):
    """Every word readers see around the comments, and every threshold, set by the publisher."""

    heading = models.CharField(max_length=100, default="Comments")
    statement = models.TextField(
        default="This is our readers' own community. Please stay civil, constructive and on "
        "topic: criticise ideas, not people."
    )
    policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The comments policy the statement links to.",
    )
    policy_link_text = models.CharField(max_length=100, default="Read our community guidelines")
    sign_in_prompt = models.CharField(
        max_length=200, default="Sign in or create an account to join the conversation."
    )
    verify_prompt = models.CharField(
        max_length=200,
        default="Confirm your e-mail address to comment: we sent you a link when you signed up.",
    )
    closed_message = models.CharField(
        max_length=200, default="Comments are closed on this story. The conversation stays here."
    )
    held_message = models.CharField(
        max_length=200,
        default="Thank you. Your comment is awaiting review by our moderators.",
    )
    toxicity_warning = models.CharField(
        max_length=300,
        default="Your comment may break our community guidelines. You can change it, or post it "
        "as it is and a moderator will review it first.",
    )
    banned_message = models.CharField(
        max_length=300,
        default="Your comment contains language we do not allow. Please rephrase it.",
    )
    report_heading = models.CharField(max_length=100, default="Report this comment")
    report_intro = models.CharField(
        max_length=300,
        default="Help us understand how this comment breaks our community guidelines.",
    )
    report_thanks = models.CharField(
        max_length=300,
        default="Thank you for your report. It has gone to our team, who will review it.",
    )

    max_length = models.PositiveIntegerField(default=2000)
    edit_window_minutes = models.PositiveIntegerField(default=5)
    close_after_days = models.PositiveIntegerField(
        default=14, help_text="Threads close this many days after publication; 0 never closes."
    )
    reports_to_hide = models.PositiveIntegerField(
        default=3, help_text="Reports from different readers that hide a comment until review."
    )
    max_links = models.PositiveIntegerField(default=2, help_text="More links than this: held.")
    hold_first_comments = models.PositiveIntegerField(
        default=2, help_text="A reader's first comments are held for review."
    )
    toxicity_threshold = models.FloatField(
        default=DEFAULT_HOLD_THRESHOLD,
        validators=_PROBABILITY,
        verbose_name="hold above",
        help_text="The writer is warned, then the comment held, when the abuse scorer rates it "
        "above this (0 to 1), unless its category has a threshold of its own below.",
    )
    # Per-category hold thresholds; blank uses toxicity_threshold. One column per category so
    # the publisher edits plain numbers and the database can check them.
    insult_threshold = _threshold_field("insult")
    profane_abuse_threshold = _threshold_field("profane_abuse")
    threat_threshold = _threshold_field("threat")
    harassment_threshold = _threshold_field("harassment")
    hate_threshold = _threshold_field("hate")
    sexual_harassment_threshold = _threshold_field("sexual_harassment")
    spam_threshold = _threshold_field("spam")
    reject_categories = CategoryListField(
        verbose_name="reject outright",
        help_text="Comments of these kinds that the scorer rates above the rejection threshold "
        "are rejected at once, without a moderator; their writers get a statement of reasons "
        "and may appeal. Every other comment above its threshold is held for review.",
    )
    reject_threshold = models.FloatField(
        default=DEFAULT_REJECT_THRESHOLD,
        validators=_PROBABILITY,
        verbose_name="rejection threshold",
        help_text="Above this, comments of the kinds ticked above are rejected outright.",
    )
    repeat_window_minutes = models.PositiveIntegerField(
        default=10, help_text="The same text again within this many minutes is held."
    )
    seconds_between_comments = models.PositiveIntegerField(default=5)
    seconds_between_comments_new_reader = models.PositiveIntegerField(
        default=30, help_text="For accounts younger than a day."
    )
    comments_per_hour_per_ip = models.PositiveIntegerField(default=60)
    banned_words = models.TextField(
        blank=True, help_text="One word or phrase per line: comments containing them are refused."
    )
    suspect_words = models.TextField(
        blank=True, help_text="One word or phrase per line: comments containing them are held."
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("heading"),
                FieldPanel("statement"),
                FieldPanel("policy_page"),
                FieldPanel("policy_link_text"),
                FieldPanel("sign_in_prompt"),
                FieldPanel("verify_prompt"),
                FieldPanel("closed_message"),
                FieldPanel("held_message"),
                FieldPanel("toxicity_warning"),
                FieldPanel("banned_message"),
            ],
            heading="What readers see",
        ),
        MultiFieldPanel(
            [FieldPanel("report_heading"), FieldPanel("report_intro"), FieldPanel("report_thanks")],
            heading="Reporting",
        ),
        MultiFieldPanel(
            [
                FieldPanel("max_length"),
                FieldPanel("edit_window_minutes"),
                FieldPanel("close_after_days"),
                FieldPanel("reports_to_hide"),
            ],
            heading="Threads",
        ),
        MultiFieldPanel(
            [
                FieldPanel("banned_words"),
                FieldPanel("suspect_words"),
                FieldPanel("max_links"),
                FieldPanel("hold_first_comments"),
                FieldPanel("repeat_window_minutes"),
            ],
            heading="Screening before publication",
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    "The abuse scorer rates each comment from 0 to 1 and names the kind of "
                    "abuse it most looks like. Lower thresholds hold more comments for review; "
                    "the Scorer screen in Moderation shows how each model version measured."
                ),
                FieldPanel("toxicity_threshold"),
                *(FieldPanel(f"{category}_threshold") for category in HOLD_CATEGORIES),
                FieldPanel("reject_categories"),
                FieldPanel("reject_threshold"),
            ],
            heading="Abuse scorer",
        ),
        MultiFieldPanel(
            [
                FieldPanel("seconds_between_comments"),
                FieldPanel("seconds_between_comments_new_reader"),
                FieldPanel("comments_per_hour_per_ip"),
            ],
            heading="Rate limits",
        ),
    ]

    class Meta:
        verbose_name = "community"

    def clean(self) -> None:
        super().clean()
        for category in self.reject_categories or []:
            if self.reject_threshold < self.hold_threshold(category):
                raise ValidationError(
                    {
                        "reject_threshold": "The rejection threshold must not be below the "
                        f"hold threshold of {dict(HOLD_CATEGORY_CHOICES)[category].lower()}."
                    }
                )

    def hold_threshold(self, category: str) -> float:
        """Comments of this category (any scorer's; "" for none) rated above it are held."""
        if category in HOLD_CATEGORIES:
            own = getattr(self, f"{category}_threshold")
            if own is not None:
                return float(own)
        return float(self.toxicity_threshold)

    def rejects(self, category: str, probability: float) -> bool:
        """Whether a comment so rated is rejected outright, without review."""
        return category in (self.reject_categories or []) and probability > self.reject_threshold


@register_snippet
class ReportReason(models.Model):
    """A reason readers can give when they report a comment."""

    label = models.CharField(max_length=100)
    code = models.SlugField(unique=True, help_text="Stays the same when the label is reworded.")
    counts = models.BooleanField(
        default=True,
        help_text='Counts towards hiding the comment. Off for "I just disagree": recorded, '
        "shown to nobody as a report.",
    )
    illegal = models.BooleanField(
        default=False, help_text="Sends the reader to the illegal-content notice form instead."
    )
    sort_order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("label"),
        FieldPanel("code"),
        FieldPanel("counts"),
        FieldPanel("illegal"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


class Thread(models.Model):
    """The conversation under one article, with its counts kept up to date by the actions."""

    page = models.OneToOneField("news.ArticlePage", on_delete=models.CASCADE, related_name="thread")
    closed = models.BooleanField(default=False, help_text="Closed by hand.")
    closes_at = models.DateTimeField(null=True, blank=True)
    comment_count = models.PositiveIntegerField(default=0)  # published, visible comments
    featured_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Comments on {self.page_id}"

    def is_closed(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.closed or (self.closes_at is not None and self.closes_at <= now)


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        """What every reader sees: published comments and the tombstones of deleted ones."""
        return self.filter(status__in=(Comment.Status.PUBLISHED, Comment.Status.DELETED))

    def visible_to(self, user: object) -> CommentQuerySet:
        """Also a reader's own held comments, marked as awaiting review."""
        if getattr(user, "is_authenticated", False):
            return self.filter(
                Q(status__in=(Comment.Status.PUBLISHED, Comment.Status.DELETED))
                | Q(status=Comment.Status.PENDING, author=user)
            )
        return self.visible()


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published"
        PENDING = "pending", "awaiting review"
        REJECTED = "rejected"
        DELETED = "deleted"  # by its author, shown as a "[deleted]" tombstone: others replied
        WITHDRAWN = "withdrawn"  # by its author, with no replies: gone from view

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="descendants"
    )
    # A reply deeper than three levels attaches at the third and names whom it answers.
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_to_name = models.CharField(max_length=100, blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(help_text="As the reader typed it.")
    html = models.TextField(help_text="Rendered once, when written, and sanitised.")
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    featured = models.BooleanField(default=False)
    recommend_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)  # visible replies under a top comment
    report_count = models.PositiveIntegerField(default=0)  # counted reports, distinct readers
    # Counted reports no moderator has decided on yet: the Reported queue, and what hides a
    # comment. A decision resolves them; reports after an approval start a new count.
    open_report_count = models.PositiveIntegerField(default=0)
    last_reported_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a moderator last decided on it."
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader it answers was e-mailed about it."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        indexes = [
            # Top-level comments of a thread, newest/oldest first and most recommended first.
            models.Index(
                fields=["thread", "depth", "status", "-created_at", "-id"],
                name="comment_thread_idx",
            ),
            models.Index(
                fields=["thread", "depth", "status", "-recommend_count", "-id"],
                name="comment_popular_idx",
            ),
            models.Index(fields=["root", "status", "created_at", "id"], name="comment_replies_idx"),
            models.Index(fields=["author", "-created_at"], name="comment_author_idx"),
            models.Index(
                fields=["thread", "-created_at"],
                condition=Q(featured=True),
                name="comment_featured_idx",
            ),
            # The moderation queues, each read newest or oldest first.
            models.Index(fields=["status", "created_at", "id"], name="comment_status_idx"),
            models.Index(
                fields=["last_reported_at", "id"],
                condition=Q(open_report_count__gt=0),
                name="comment_reported_idx",
            ),
            models.Index(
                fields=["created_at", "id"],
                condition=Q(status="published", reviewed_at__isnull=True),
                name="comment_unmoderated_idx",
            ),
            models.Index(
                fields=["created_at", "id"],
                condition=Q(status="published", reviewed_at__isnull=False),
                name="comment_approved_idx",
            ),
            models.Index(fields=["author", "status"], name="comment_author_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(depth__lte=MAX_DEPTH), name="comment_max_depth"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_id}"

    @property
    def is_tombstone(self) -> bool:
        return self.status == self.Status.DELETED or self.author_id is None

    def anchor(self) -> str:
        return f"comment-{self.pk}"


class CommentRevision(models.Model):
    """What a comment said before an edit: kept for moderators, never shown to readers."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Revision of comment {self.comment_id} from {self.created_at:%Y-%m-%d %H:%M}"


class Recommendation(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="recommendations")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_recommend_per_reader")
        ]

    def __str__(self) -> str:
        return f"Reader {self.reader_id} recommends comment {self.comment_id}"


class Report(models.Model):
    class Outcome(models.TextChoices):
        REMOVED = "removed", "the comment was removed"
        KEPT = "kept", "the comment stays up"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    reason = models.ForeignKey(ReportReason, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reporter was told the outcome."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="report_recent_idx"),
            models.Index(fields=["comment", "resolved_at"], name="report_open_idx"),
        ]

    def __str__(self) -> str:
        return f"Report on comment {self.comment_id}: {self.reason_id}"


class IllegalContentNotice(models.Model):
    """A notice under EU DSA Art. 16: anyone, signed in or not, may send one."""

    class Status(models.TextChoices):
        RECEIVED = "received"
        UNDER_REVIEW = "under_review", "under review"
        DECIDED = "decided"

    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    comment_url = models.URLField(max_length=500)
    law = models.CharField(max_length=300, help_text="The law the content breaks.")
    explanation = models.TextField()
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    good_faith = models.BooleanField()
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Outcome(models.TextChoices):
        REMOVED = "removed", "the content was removed"
        NO_ACTION = "no_action", "no action: the content is not illegal"

    status = models.CharField(max_length=15, choices=Status.choices, default=Status.RECEIVED)
    created_at = models.DateTimeField(default=timezone.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    legal_grounds = models.TextField(blank=True)
    reasoning = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "-created_at"], name="notice_queue_idx")]

    def __str__(self) -> str:
        return f"Notice {self.pk} ({self.get_status_display()})"


class ScorerVersion(models.Model):
    """One trained version of the abuse scorer: its file, what it learnt from, how it measured.

    Versions are made by the retrain_scorer task and never edited afterwards, except that at
    most one is active (it scores comments) and that the files of old candidates that were never
    active are dropped to save space (their figures stay). With no active version, the model
    shipped with Masthead scores comments.
    """

    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The model file (NumPy arrays, never pickled; see masthead.community.scorer.model), about a
    # megabyte. In the database, so every web and worker process on every machine can load it.
    model_file = models.BinaryField(null=True, editable=False)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the model file.")
    shipped = models.BooleanField(
        default=False, help_text="The model that came with Masthead, recorded for rollback."
    )
    corpus_examples = models.PositiveIntegerField(default=0)
    site_ok = models.PositiveIntegerField(
        default=0, help_text="Comments moderators approved or restored, trained on."
    )
    site_hold = models.PositiveIntegerField(
        default=0, help_text="Comments moderators rejected, trained on."
    )
    site_held_out = models.PositiveIntegerField(
        default=0, help_text="Moderators' decisions kept aside to measure on."
    )
    # {"threshold", "corpus": Figures, "site": Figures | None, "previous": {...} | None}
    figures = models.JSONField(default=dict, blank=True)
    active = models.BooleanField(default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_scorer_version"
            )
        ]

    def __str__(self) -> str:
        return f"Scorer v{self.number}"

    @property
    def label(self) -> str:
        return f"v{self.number}"

    @property
    def has_file(self) -> bool:
        return self.model_file is not None

    def figure(self, part: str, name: str) -> Any:
        """One figure, e.g. figure("corpus", "auc"); None when it was not measured."""
        return (self.figures.get(part) or {}).get(name)
