"""What a reader fills in to contribute or to claim an earlier gift."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from masthead.support.models import Frequency, SupportSettings, format_amount

MONEY = re.compile(r"(\d{1,9})(?:[.,](\d{1,2}))?")


def parse_money(raw: Any) -> int | None:
    """'12', '12.5', '12,50' -> cents; anything else (signs, exponents, 3 decimals) -> None."""
    match = MONEY.fullmatch(str(raw or "").strip())
    if match is None:
        return None
    cents = int(match[1]) * 100 + int((match[2] or "0").ljust(2, "0"))
    return cents or None


def positive_int(raw: Any) -> int | None:
    text = str(raw or "").strip()
    if text.isascii() and text.isdigit() and 0 < int(text) < 2**31:
        return int(text)
    return None


class ContributeForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices, widget=forms.HiddenInput)
    amount = forms.ChoiceField(label="Amount", required=False, widget=forms.RadioSelect, choices=())
    other_amount = forms.CharField(
        label="Other amount",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="Your e-mail address",
        help_text="For your receipt. We never share it.",
        error_messages={
            "required": "Give your e-mail address so we can send your receipt.",
            "invalid": "This does not look like an e-mail address; please check it.",
        },
    )
    # Where the reader came from: carried along, never a reason to refuse a contribution, so a
    # mangled value is dropped rather than reported.
    campaign = forms.CharField(required=False, widget=forms.HiddenInput)
    variant = forms.CharField(required=False, widget=forms.HiddenInput)
    article = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, support: SupportSettings, frequency: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.support = support
        self.presets = support.presets(frequency)
        self.fields["amount"].choices = [  # type: ignore[attr-defined]
            (str(cents), format_amount(cents, support.currency)) for cents in self.presets
        ]
        self.fields["other_amount"].help_text = (
            f"Between {format_amount(support.minimum_cents, support.currency)} and "
            f"{format_amount(support.maximum_cents, support.currency)}."
        )

    def clean_campaign(self) -> int | None:
        return positive_int(self.cleaned_data.get("campaign"))

    def clean_article(self) -> int | None:
        return positive_int(self.cleaned_data.get("article"))

    def clean_variant(self) -> str:
        return str(self.cleaned_data.get("variant") or "")[:50]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        other = (data.get("other_amount") or "").strip()
        cents: int | None
        if other:
            cents = parse_money(other)
            if cents is None:
                self.add_error("other_amount", "Type an amount in numbers, such as 12 or 12.50.")
                return data
            field = "other_amount"
        elif data.get("amount"):
            cents = int(data["amount"])
            field = "amount"
        else:
            self.add_error("amount", "Choose an amount, or type your own.")
            return data
        currency = self.support.currency
        if cents < self.support.minimum_cents:
            self.add_error(
                field,
                f"The smallest contribution we can take is "
                f"{format_amount(self.support.minimum_cents, currency)}.",
            )
        elif cents > self.support.maximum_cents:
            self.add_error(
                field,
                f"The largest contribution we can take online is "
                f"{format_amount(self.support.maximum_cents, currency)}.",
            )
        data["cents"] = cents
        return data


class ClaimRequestForm(forms.Form):
    email = forms.EmailField(
        label="The e-mail address you gave",
        error_messages={
            "required": "Give the e-mail address you contributed with.",
            "invalid": "This does not look like an e-mail address; please check it.",
        },
    )
