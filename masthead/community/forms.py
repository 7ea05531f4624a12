"""Forms for what readers submit; every message says what to fix, and text is never lost."""

from __future__ import annotations

from typing import Any

from django import forms

from masthead.community.models import CommunitySettings, ReportReason


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=True,
        error_messages={"required": "Write your comment before posting it."},
    )
    # Set when the writer saw the toxicity warning and chose to post as it is.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, settings: CommunitySettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = settings.max_length
        self.fields["body"].widget.attrs.update(
            {"data-maxlength": str(self.max_length), "aria-describedby": "comment-help"}
        )

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        # Normalise line endings so the length a reader sees is the length we count.
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        if len(body) > self.max_length:
            over = len(body) - self.max_length
            raise forms.ValidationError(
                f"Your comment is {len(body):,} characters long; the limit is "
                f"{self.max_length:,}. Please shorten it by {over:,}."
            )
        return body


class ReportForm(forms.Form):
    reason = forms.ModelChoiceField(
        queryset=ReportReason.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="What is wrong with this comment?",
        error_messages={"required": "Choose the reason that fits best."},
    )
    note = forms.CharField(
        label="Anything else we should know? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoticeForm(forms.Form):
    """EU DSA Art. 16: what a notice of illegal content must contain."""

    comment_url = forms.URLField(
        label="Address (URL) of the comment",
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Paste the full address of the comment, starting https://."},
    )
    law = forms.CharField(
        label="Which law does it break?",
        max_length=300,
        help_text="For example the law and country, or the kind of offence.",
    )
    explanation = forms.CharField(
        label="Why is it illegal?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="Explain as precisely as you can so our team can assess it.",
    )
    name = forms.CharField(label="Your name (optional)", max_length=200, required=False)
    email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        help_text="We send a receipt and our decision here.",
    )
    good_faith = forms.BooleanField(
        label="I confirm that the information in this notice is accurate and complete to the "
        "best of my knowledge, and that I send it in good faith.",
        error_messages={"required": "Please confirm that you send this notice in good faith."},
    )
