"""Drop the cached description of live campaigns whenever one goes live or comes down."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from masthead.campaigns.models import Campaign


@receiver(published, sender=Campaign)
@receiver(unpublished, sender=Campaign)
def forget_active_campaigns(sender: Any, **kwargs: Any) -> None:
    from masthead.campaigns import description

    transaction.on_commit(description.forget)
