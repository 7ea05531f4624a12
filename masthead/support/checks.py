"""Start-up checks: test mode (no money moves) must never run beside a live Stripe key.

settings.py already refuses that pair from the environment; this check also catches settings
changed any other way (a settings module of one's own, override_settings).
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


@register()
def check_stripe_mode(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from masthead.support.stripe_client import LIVE_PREFIXES

    messages: list[CheckMessage] = []
    key = settings.STRIPE_SECRET_KEY
    if settings.STRIPE_TEST_MODE and key.startswith(LIVE_PREFIXES):
        messages.append(
            Error(
                "STRIPE_TEST_MODE is on while STRIPE_SECRET_KEY is a live key.",
                hint="Test mode completes contributions without payment: unset STRIPE_TEST_MODE "
                "or use a test key (sk_test_...).",
                id="support.E001",
            )
        )
    if key and not settings.STRIPE_TEST_MODE and not settings.STRIPE_WEBHOOK_SECRET:
        messages.append(
            Warning(
                "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: payments will never "
                "be confirmed.",
                hint="Add the webhook endpoint /support/stripe/webhook/ in Stripe's dashboard and "
                "set its signing secret.",
                id="support.W001",
            )
        )
    return messages
