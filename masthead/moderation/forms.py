"""The moderation app's forms: what readers send about decisions (AppealForm), and what a
moderator may ask for in the back office, checked before any action runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from masthead.moderation.actions import RejectReason
from masthead.moderation.queues import Filters

# Long enough for a careful argument, short enough for a moderator to read in the queue.
APPEAL_MAX_LENGTH = 3000


class AppealForm(forms.Form):
    note = forms.CharField(
        label="Why do you think we got this wrong?",
        max_length=APPEAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Up to {APPEAL_MAX_LENGTH} characters. A moderator who did not take the "
        "decision reads it.",
        error_messages={
            "required": "Tell us why you think the decision was wrong.",
            "max_length": "Please shorten your appeal to %(limit_value)d characters: it has "
            "%(show_value)d.",
        },
    )


# The back office -------------------------------------------------------------------------------

REASON_CHOICES = [("", "Choose a reason…"), *RejectReason.choices]
EXPLANATION_MAX = 1000


class FilterForm(forms.Form):
    """Narrow a queue. Bad values are reported on the form; the queue shows unfiltered."""

    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    section = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    watched = forms.BooleanField(required=False, label="Watched stories only")
    q = forms.CharField(required=False, max_length=200, label="Text")
    reader = forms.CharField(required=False, max_length=200, label="Reader")
    order = forms.ChoiceField(
        required=False, choices=[("newest", "Newest first"), ("oldest", "Oldest first")]
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section_paths = {pk: path for pk, _, path in sections}
        section: forms.TypedChoiceField = self.fields["section"]  # type: ignore[assignment]
        section.choices = [("", "All sections"), *((pk, title) for pk, title, _ in sections)]

    def filters(self, user: Any, *, search_email: bool) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        section = data.get("section")
        return Filters(
            article=data.get("article"),
            section_path=self.section_paths.get(section) if section else None,
            watched_by=user if data.get("watched") else None,
            text=(data.get("q") or "").strip(),
            reader=(data.get("reader") or "").strip(),
            search_email=search_email,
            order="oldest" if data.get("order") == "oldest" else "newest",
        )


class DecideForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("reject", "Reject"),
            ("feature", "Feature"),
            ("unfeature", "Unfeature"),
            ("restore", "Restore"),
        ]
    )
    reason = forms.ChoiceField(required=False, choices=REASON_CHOICES)
    explanation = forms.CharField(required=False, max_length=EXPLANATION_MAX)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", "Choose the reason for rejecting: the author is told it.")
        return data


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Comments")
    action = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    reason = forms.ChoiceField(required=False, choices=REASON_CHOICES)
    explanation = forms.CharField(required=False, max_length=EXPLANATION_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id is acceptable here; the action says which no longer exist.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()  # type: ignore[attr-defined]
        self.fields["ids"].error_messages["required"] = "Select at least one comment first."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", "Choose the reason for rejecting: the authors are told it.")
        return data


class ReaderActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("warn", "Warn"),
            ("premoderate", "Pre-moderate"),
            ("suspend", "Suspend"),
            ("ban", "Ban"),
            ("lift", "Lift restrictions"),
            ("note", "Add a note"),
        ]
    )
    reason = forms.ChoiceField(required=False, choices=REASON_CHOICES)
    text = forms.CharField(
        required=False,
        max_length=EXPLANATION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Message, explanation or note",
    )
    until = forms.DateTimeField(
        required=False,
        label="Suspended until",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    reject_comments = forms.BooleanField(required=False, label="Also reject their comments")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action in ("premoderate", "suspend", "ban") and not data.get("reason"):
            self.add_error("reason", "Choose the reason: the reader's statement gives it.")
        if action == "suspend":
            until = data.get("until")
            if until is None:
                self.add_error("until", "Say until when the reader is suspended.")
            elif until <= timezone.now():
                self.add_error("until", "The suspension must end in the future.")
            elif until > timezone.now() + dt.timedelta(days=3650):
                self.add_error("until", "For longer than ten years, ban the reader instead.")
        if action == "note" and not (data.get("text") or "").strip():
            self.add_error("text", "Write the note first.")
        return data


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("uphold", "Uphold the decision"), ("grant", "Reverse the decision")]
    )
    explanation = forms.CharField(
        max_length=EXPLANATION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Explain the outcome: the reader is told it."},
    )


class NoticeDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("remove", "Remove the comment"), ("no_action", "Keep it: not illegal")]
    )
    legal_grounds = forms.CharField(required=False, max_length=300)
    reasoning = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Explain the decision: the notifier receives it."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == "remove" and not (data.get("legal_grounds") or "").strip():
            self.add_error("legal_grounds", "Name the law the comment breaks.")
        return data
