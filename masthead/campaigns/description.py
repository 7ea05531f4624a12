"""The JSON description of the live campaigns that campaigns.js decides from.

It is the same for every reader (no personal data goes in or comes out), so it is cached: in the
shared cache for a minute, dropped whenever a campaign is published or unpublished, and by
browsers and proxies for a minute too.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from masthead.campaigns import results
from masthead.campaigns.models import Campaign

CACHE_KEY = "campaigns:active:v1"
CACHE_SECONDS = 60

CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


def money(minor: int, currency: str) -> str:
    """12345, "EUR" -> "€123.45"; whole amounts lose their cents ("€5,000")."""
    major, cents = divmod(minor, 100)
    text = f"{major:,}" if cents == 0 else f"{major:,}.{cents:02d}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def contribute_url() -> str:
    """The support half's contribute page; until it exists, the address it will have."""
    try:
        return reverse("support:contribute")
    except NoReverseMatch:
        return "/support/"


def live_campaigns() -> list[Campaign]:
    now = timezone.now()
    return list(
        Campaign.objects.filter(live=True)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .prefetch_related("variants", "sections", "tags")
        .order_by("-priority", "pk")
    )


def goal_of(campaign: Campaign, raised: int) -> dict[str, Any] | None:
    if not campaign.goal_amount:
        return None
    target = campaign.goal_amount * 100
    currency = campaign.goal_currency
    percent = min(100, raised * 100 // target)
    return {
        "amount": target,
        "raised": raised,
        "currency": currency,
        "percent": percent,
        "text": {
            "goal_amount": money(target, currency),
            "raised": money(raised, currency),
            "goal_progress": f"{money(raised, currency)} of {money(target, currency)}",
            "goal_percent": f"{percent}%",
        },
    }


def describe(campaign: Campaign, raised: int = 0) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "priority": campaign.priority,
        "placements": campaign.placements,
        "sections": sorted(section.pk for section in campaign.sections.all()),
        "tags": sorted({tag.name.casefold() for tag in campaign.tags.all()}),
        "min_articles_read": campaign.min_articles_read,
        "articles_read_days": campaign.articles_read_days,
        "max_views": campaign.max_views,
        "cap_days": campaign.cap_days,
        "dismiss_days": campaign.dismiss_days,
        "goal": goal_of(campaign, raised),
        "variants": [
            {
                "key": variant.key,
                "control": variant.is_control,
                "heading": variant.heading,
                "body": [p.strip() for p in variant.body.split("\n\n") if p.strip()],
                "button": variant.button_text,
                "amounts": [
                    {
                        "value": value,
                        # The contribute page takes amounts in whole units ("10", "12.50").
                        "param": f"{value // 100}" if value % 100 == 0 else f"{value / 100:.2f}",
                        "label": money(value, campaign.goal_currency),
                    }
                    for value in variant.amount_list
                ],
            }
            for variant in campaign.variants.all()
        ],
    }


def build() -> dict[str, Any]:
    campaigns = live_campaigns()
    raised = results.raised_by_campaign({c.pk: c.goal_currency for c in campaigns if c.goal_amount})
    return {
        "version": 1,
        "contribute_url": contribute_url(),
        "campaigns": [describe(c, raised.get(c.pk, 0)) for c in campaigns],
    }


def active() -> dict[str, Any]:
    """The description, from the shared cache when it is there."""
    payload = cache.get(CACHE_KEY)
    if payload is None:
        payload = build()
        cache.set(CACHE_KEY, payload, CACHE_SECONDS)
    return payload


def forget() -> None:
    cache.delete(CACHE_KEY)


def preview_variants(campaign: Campaign) -> list[dict[str, Any]]:
    """The variants as the editor's preview shows them, with sample numbers in the copy."""
    described = describe(campaign, raised=(campaign.goal_amount or 0) * 100 * 24 // 100)
    sample = {"articles_read": "7", **((described["goal"] or {}).get("text") or {})}
    shown = []
    for variant in described["variants"]:
        missing: set[str] = set()

        def fill(text: str, missing: set[str] = missing) -> str:
            class Filler(dict[str, str]):
                def __missing__(self, key: str) -> str:
                    missing.add(key)
                    return "{" + key + "}"

            try:
                return text.format_map(Filler(sample))
            except (ValueError, IndexError):
                missing.add("?")
                return text

        shown.append(
            {
                **variant,
                "heading": fill(variant["heading"]),
                "body": [fill(p) for p in variant["body"]],
                "button": fill(variant["button"]),
                "unfillable": sorted(missing),
            }
        )
    return shown
