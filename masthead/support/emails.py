"""Reader support's e-mails, one function each, sent through masthead.lib.emails from tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from masthead.lib.emails import absolute, send

if TYPE_CHECKING:
    from masthead.support.models import Contribution


def contribution_receipt(contribution: Contribution) -> None:
    """The receipt for one payment, with a claim link when no account holds it yet."""
    from masthead.support.actions import claim_token, support_settings

    claim = ""
    if contribution.reader_id is None:
        claim = absolute(reverse("support:claim", args=[claim_token(contribution)]))
    send(
        "contribution_receipt",
        contribution.email,
        {
            "contribution": contribution,
            "settings": support_settings(),
            "claim_link": claim,
            "manage_link": absolute(reverse("support:manage")),
        },
    )


def claim_links(email: str, contributions: list[Contribution]) -> None:
    """Links that add earlier anonymous contributions to the account of whoever opens them."""
    from masthead.support.actions import claim_token

    send(
        "contribution_claim",
        email,
        {
            "items": [
                (c, absolute(reverse("support:claim", args=[claim_token(c)])))
                for c in contributions
            ]
        },
    )
