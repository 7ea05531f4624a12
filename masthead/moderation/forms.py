"""Forms readers fill in about moderators' decisions."""

from __future__ import annotations

from django import forms

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
