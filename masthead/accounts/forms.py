"""Account forms beyond what allauth provides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest


def tidy_display_name(value: str) -> str:
    """One space between words, and at least two characters."""
    name = " ".join(value.split())
    if len(name) < 2:
        raise forms.ValidationError("Use at least two characters.")
    return name


class SignupForm(forms.Form):
    """allauth's sign-up, plus the name a reader shows beside their comments."""

    display_name = forms.CharField(
        label="Display name",
        max_length=50,
        help_text="Shown beside your comments. Your e-mail address is never shown.",
        error_messages={"required": "Choose the name to show beside your comments."},
    )

    def clean_display_name(self) -> str:
        return tidy_display_name(self.cleaned_data["display_name"])

    def signup(self, request: HttpRequest, user: Any) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        from masthead.accounts.models import User

        model = User
        fields = ["display_name", "reply_notifications"]
        labels = {"reply_notifications": "E-mail me when someone replies to my comments"}

    def clean_display_name(self) -> str:
        return tidy_display_name(self.cleaned_data["display_name"])
