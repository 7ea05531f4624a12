"""The filters of the moderation log: who decided, what, why, and when.

Every choice is validated: a value the log cannot hold (an unknown action, a date like
"yesterday") is a form error the moderator can read, never a silently unfiltered list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from masthead.accounts.models import User
from masthead.moderation.actions import RejectReason
from masthead.moderation.models import Decision
from masthead.moderation.oversight import staff_name

AUTOMATIC = "automatic"

# What the reason column holds: a moderator's reason, the rule that screened a comment, or the
# outcome of an illegal-content notice. Grouped so the list reads like the three sources.
RULE_REASONS = [
    ("banned_words", "Banned word"),
    ("suspect_words", "Suspect word"),
    ("links", "Too many links"),
    ("premoderated", "Reader on pre-moderation"),
    ("new_commenter", "New commenter"),
    ("toxicity", "Toxicity score"),
    ("scorer_unavailable", "Toxicity scorer unavailable"),
    ("repeat", "Repeated comment"),
    ("reports", "Hidden after reports"),
]
NOTICE_REASONS = [
    ("removed", "Notice: content removed"),
    ("no_action", "Notice: no action"),
]
REASON_CHOICES: list[tuple[str, Any]] = [
    ("Moderators' reasons", list(RejectReason.choices)),
    ("Automatic rules", RULE_REASONS),
    ("Illegal-content notices", NOTICE_REASONS),
]
REASON_LABELS: dict[str, str] = {
    **dict(RejectReason.choices),
    **dict(RULE_REASONS),
    **dict(NOTICE_REASONS),
}

DATE_ERROR = "Enter a date as YYYY-MM-DD, for example 2025-03-14."


def reason_label(code: str) -> str:
    return REASON_LABELS.get(code, code)


def start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the newsroom's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class DecisionFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("date_from"), cleaned.get("date_to")
        if since and until and since > until:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


class DateInput(forms.DateInput):
    """The browser's own date picker: no JavaScript of ours, and typed dates still work."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DecisionFilterSet(django_filters.FilterSet):
    moderator = django_filters.ChoiceFilter(
        label="Decided by", empty_label="Anyone or any rule", method="filter_moderator"
    )
    action = django_filters.ChoiceFilter(
        label="Action", choices=Decision.Action.choices, empty_label="Any action"
    )
    reason = django_filters.ChoiceFilter(
        label="Reason", choices=REASON_CHOICES, empty_label="Any reason"
    )
    date_from = django_filters.DateFilter(
        label="From",
        method="filter_from",
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = django_filters.DateFilter(
        label="To (inclusive)",
        method="filter_to",
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR},
    )

    class Meta:
        model = Decision
        fields: list[str] = []
        form = DecisionFilterForm

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Everyone who ever decided anything, in one query, plus the screening rules.
        deciders = User.objects.filter(
            pk__in=Decision.objects.filter(moderator__isnull=False).values("moderator_id")
        ).order_by("first_name", "last_name", "username")
        choices = [(AUTOMATIC, "Automatic (a rule)")]
        choices += [(str(user.pk), staff_name(user)) for user in deciders]
        self.filters["moderator"].extra["choices"] = choices

    def filter_moderator(self, queryset: QuerySet[Decision], name: str, value: str) -> Any:
        if value == AUTOMATIC:
            return queryset.exclude(rule="")
        return queryset.filter(moderator_id=int(value))

    def filter_from(self, queryset: QuerySet[Decision], name: str, value: dt.date) -> Any:
        return queryset.filter(created_at__gte=start_of(value))

    def filter_to(self, queryset: QuerySet[Decision], name: str, value: dt.date) -> Any:
        return queryset.filter(created_at__lt=start_of(value + dt.timedelta(days=1)))
