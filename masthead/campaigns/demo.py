"""A demo appeal campaign, for the demo newsroom: `masthead.campaigns.demo.build()`.

Idempotent: a second run refreshes the same campaign instead of adding another.
"""

from __future__ import annotations

from masthead.campaigns.models import Campaign, Variant

NAME = "Spring appeal (demo)"
VARIANTS = [
    {
        "key": "control",
        "is_control": True,
        "heading": "Independent reporting needs you",
        "body": (
            "Advertising no longer covers the cost of our journalism. If you value it, "
            "please contribute what you can.\n\n"
            "Every contribution, big or small, keeps our reporting free for everyone."
        ),
        "button_text": "Contribute",
        "amounts": "5, 10, 25",
    },
    {
        "key": "articles-read",
        "is_control": False,
        "heading": "You have read {articles_read} articles this month",
        "body": (
            "Thank you for reading. We are {goal_percent} of the way to our spring goal: "
            "{goal_progress}.\n\nWill you help us close the gap?"
        ),
        "button_text": "Support us",
        "amounts": "5, 10, 25",
    },
]


def build() -> Campaign:
    """Create or refresh the demo campaign, published: a banner and an end-of-article appeal for
    every article, with a goal ticker and two variants."""
    campaign = Campaign.objects.filter(name=NAME).first() or Campaign(name=NAME)
    campaign.show_as_banner = True
    campaign.show_at_end = True
    campaign.priority = 10
    campaign.goal_amount = 5000
    campaign.goal_currency = "EUR"
    campaign.variants = [Variant(sort_order=i, **fields) for i, fields in enumerate(VARIANTS)]
    if campaign.pk is None:
        campaign.live = False
        campaign.save()
    campaign.save_revision().publish()
    return campaign
