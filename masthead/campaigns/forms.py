"""The campaign editor's form: rules that span a campaign and its variants."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm


class CampaignForm(WagtailAdminModelForm):
    """At least one variant, exactly one control, and keys that tell the variants apart (the
    results and the contributions are counted by key)."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        formset = self.formsets.get("variants")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError("Add at least one variant.")
        controls = [data for data in kept if data.get("is_control")]
        if len(controls) != 1:
            raise ValidationError("Mark exactly one variant as the control.")
        keys = [data.get("key") for data in kept]
        if len(set(keys)) != len(keys):
            raise ValidationError("Give each variant its own key.")
        return cleaned
