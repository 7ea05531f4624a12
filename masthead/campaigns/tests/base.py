"""Builders for campaigns, made the way the publisher makes them: through Wagtail revisions."""

from __future__ import annotations

from typing import Any

from masthead.campaigns.models import Campaign, Variant

CONTROL = {
    "key": "control",
    "is_control": True,
    "heading": "Independent reporting needs you",
    "body": "Please contribute what you can.\n\nEvery reader helps.",
    "button_text": "Contribute",
    "amounts": "5, 10",
}
CHALLENGER = {
    "key": "b",
    "is_control": False,
    "heading": "You read {articles_read} articles",
    "body": "Help us reach {goal_progress}.",
    "button_text": "Support us",
    "amounts": "",
}


def make_campaign(
    name: str = "Spring appeal",
    *,
    variants: list[dict[str, Any]] | None = None,
    publish: bool = True,
    sections: list[Any] | None = None,
    tags: list[str] | None = None,
    **fields: Any,
) -> Campaign:
    campaign = Campaign(name=name, live=False, **fields)
    campaign.variants = [
        Variant(sort_order=i, **v) for i, v in enumerate(variants or [CONTROL, CHALLENGER])
    ]
    campaign.save()
    if sections:
        campaign.sections.set(sections)
    if tags:
        campaign.tags.add(*tags)
    campaign.save()
    revision = campaign.save_revision()
    if publish:
        revision.publish()
    campaign.refresh_from_db()
    return campaign
