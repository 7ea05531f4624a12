"""What each campaign and variant achieved: views, clicks, conversions, revenue, and how sure we
can be that a variant beats the control.

Conversions and revenue come from the support app's paid Contribution rows, matched on
(campaign_id, variant). The support app is looked up lazily: without its model or table the
results show no conversions rather than failing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Count, Sum

from masthead.campaigns.models import Campaign, DailyTally

Z_95 = 1.959963984540054  # two-sided 95%


def contribution_model() -> Any | None:
    try:
        return apps.get_model("support", "Contribution")
    except LookupError:
        return None


def paid_contributions(campaign_ids: list[int]) -> list[dict[str, Any]]:
    """Paid contributions grouped by (campaign_id, variant, currency): count and total amount."""
    model = contribution_model()
    if model is None or not campaign_ids:
        return []
    try:
        with transaction.atomic():  # a missing table must not poison an outer transaction
            return list(
                model.objects.filter(status="paid", campaign_id__in=campaign_ids)
                .values("campaign_id", "variant", "currency")
                .annotate(count=Count("pk"), total=Sum("amount"))
            )
    except DatabaseError:
        return []


def raised_by_campaign(currencies: dict[int, str]) -> dict[int, int]:
    """Paid money per campaign in the campaign's goal currency (minor units)."""
    raised: dict[int, int] = defaultdict(int)
    for row in paid_contributions(list(currencies)):
        if row["currency"].upper() == currencies[row["campaign_id"]]:
            raised[row["campaign_id"]] += row["total"] or 0
    return dict(raised)


# Statistics -------------------------------------------------------------------------------------


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson's score interval for one proportion."""
    if trials <= 0:
        return (0.0, 1.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def difference_interval(
    successes: int, trials: int, control_successes: int, control_trials: int, z: float = Z_95
) -> tuple[float, float] | None:
    """A 95% interval for (variant rate - control rate).

    Newcombe's hybrid score interval (method 10 in Newcombe 1998, "Interval estimation for the
    difference between independent proportions"), built from the two Wilson intervals. Unlike the
    plain normal (Wald) approximation it stays inside [-1, 1] and behaves with the small counts
    and rates near zero that appeals have. None when either side has no views yet.
    """
    if trials <= 0 or control_trials <= 0:
        return None
    p1, p2 = successes / trials, control_successes / control_trials
    l1, u1 = wilson_interval(successes, trials, z)
    l2, u2 = wilson_interval(control_successes, control_trials, z)
    d = p1 - p2
    return (
        d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
        d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    )


# The screen's rows --------------------------------------------------------------------------------


@dataclass
class VariantResult:
    key: str
    is_control: bool
    views: int = 0
    clicks: int = 0
    dismissals: int = 0
    conversions: int = 0
    revenue: dict[str, int] = field(default_factory=dict)  # currency -> minor units
    click_interval: tuple[float, float] | None = None
    conversion_interval: tuple[float, float] | None = None

    @property
    def click_rate(self) -> float | None:
        return self.clicks / self.views if self.views else None

    @property
    def conversion_rate(self) -> float | None:
        return self.conversions / self.views if self.views else None

    @property
    def revenue_per_mille(self) -> dict[str, float]:
        """Revenue per 1,000 views, per currency, in minor units."""
        if not self.views:
            return {}
        return {cur: total * 1000 / self.views for cur, total in sorted(self.revenue.items())}


def campaign_results(campaign: Campaign) -> list[VariantResult]:
    """One row per variant (the control first), plus rows for keys that were tracked or paid
    under a variant since deleted, so no count is lost from the screen."""
    rows: dict[str, VariantResult] = {}
    for variant in sorted(campaign.variants.all(), key=lambda v: (not v.is_control, v.sort_order)):
        rows[variant.key] = VariantResult(variant.key, variant.is_control)
    tallies = (
        DailyTally.objects.filter(campaign=campaign)
        .values("variant")
        .annotate(views=Sum("views"), clicks=Sum("clicks"), dismissals=Sum("dismissals"))
    )
    for tally in tallies:
        row = rows.setdefault(tally["variant"], VariantResult(tally["variant"], False))
        row.views, row.clicks, row.dismissals = tally["views"], tally["clicks"], tally["dismissals"]
    for paid in paid_contributions([campaign.pk]):
        row = rows.setdefault(paid["variant"], VariantResult(paid["variant"], False))
        row.conversions += paid["count"]
        currency = paid["currency"].upper()
        row.revenue[currency] = row.revenue.get(currency, 0) + (paid["total"] or 0)
    control = next((row for row in rows.values() if row.is_control), None)
    if control is not None:
        for row in rows.values():
            if row is control:
                continue
            row.click_interval = difference_interval(
                row.clicks, row.views, control.clicks, control.views
            )
            row.conversion_interval = difference_interval(
                row.conversions, row.views, control.conversions, control.views
            )
    return list(rows.values())
