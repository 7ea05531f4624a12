"""Formatting for the appeal results screen."""

from __future__ import annotations

from django import template

from masthead.campaigns.description import money

register = template.Library()


@register.filter
def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.2f}%"


@register.filter
def interval(bounds: tuple[float, float] | None) -> str:
    if bounds is None:
        return "not enough views"
    low, high = bounds
    return f"{low * 100:+.2f} to {high * 100:+.2f} points"


@register.filter
def money_by_currency(amounts: dict[str, float]) -> str:
    if not amounts:
        return "—"
    return ", ".join(money(round(value), currency) for currency, value in amounts.items())
